"""Letters that cite the corpus's moties right and wrong, and what kamerlint finds in them.

For every motie in ``../shared/corpus/opendata`` (its publication, and its Zaak in the Kamer's
open data) the generator writes short letters: right ones, in the Kamer's own spelling of its
members (the Zaak's ``Onderwerp`` and the publication's title), with its subject, in a note, with
its outcome, carried out; and wrong ones, each with the one finding it must give: a number that
does not exist (KS009), a member who did not submit it, a co-submitter or ``c.s.`` left out
(MO003), an amendement that is a motie (MO004), another motie's subject or a date years off under
its number (MO005), the wrong outcome, or carrying out a rejected motie (MO006), the number of a
motie that a gewijzigde motie replaced (MO007).

``measure`` lints every letter against tests/record_server.py (a real HTTP server on 127.0.0.1)
and counts, per rule, the letters where it fired rightly, wrongly and not at all. Run it as a
script for the table: ``python tests/verify_letters.py``. tests/test_verify_letters.py holds the
figures to the issue's bar; the judged verdicts (each letter's expected findings) are the
generator's own, written beside each letter.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from linter.verify.cited import house_style as citation  # noqa: E402
from record_server import PUBLICATIONS, RecordServer, outcome_of, replacements, zaken  # noqa: E402

RULES = ("KS009", "MO003", "MO004", "MO005", "MO006", "MO007")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")
KAMER_PHRASE = re.compile(r"(?i)^(?:nader )?(?:gewijzigde )?motie (van (?:het lid|de leden) .+?) over (.+?)(?:\s*\(t\.v\.v\.[^)]*\))?\s*$")


@dataclass
class Letter:
    kind: str  # what the letter does: "right", "right-subject", "wrong-member", …
    motie: str  # the identifier it is about
    text: str
    expected: set[str]  # the rules that must fire
    #: Rules not judged on this letter (the served records cannot say: see tests/record_server.py).
    unscored: set[str] = field(default_factory=set)


def long_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d)} {MONTHS[int(m) - 1]} {y}"


@dataclass
class Motie:
    id: str
    phrase: str  # "van de leden Van Baarle en Piri" (the Zaak's Onderwerp)
    title_phrase: str  # the publication's own, when it differs
    subject: str
    date: str
    members: list[str]  # every indiener the publication names
    outcome: str


def moties() -> list[Motie]:
    from linter.verify.record import parse_publication

    out = []
    for rid, zaak in sorted(zaken().items()):
        m = KAMER_PHRASE.match(zaak["Onderwerp"].strip())
        file = PUBLICATIONS / f"{rid}.xml"
        if not m or not file.is_file():
            continue
        record = parse_publication(file.read_bytes(), rid)
        out.append(Motie(rid, m.group(1), record.members_phrase, m.group(2).strip(), zaak["GestartOp"][:10], record.members, outcome_of(rid)))
    return out


def _names(phrase: str) -> tuple[list[str], bool]:
    body = re.sub(r"^van (?:het lid|de leden) ", "", phrase)
    cs = body.endswith(" c.s.")
    body = body.removesuffix(" c.s.")
    return re.split(r", | en ", body), cs


def _phrase(names: list[str], cs: bool) -> str:
    who = "het lid" if len(names) == 1 else "de leden"
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    return f"van {who} {joined}" + (" c.s." if cs else "")


def same_person(a: str, b: str) -> bool:
    from linter.verify.record import same_person as same

    return same(a, b)


def _paraphrase(subject: str, rng: random.Random) -> str:
    """What a letter makes of the Kamer's subject: its first words, or all of it."""
    words = subject.split()
    return " ".join(words[: max(4, len(words) * 2 // 3)]) if len(words) > 6 and rng.random() < 0.5 else subject


def _some_words(subject: str, rng: random.Random) -> str:
    """Half the Kamer's words, in order: a letter that keeps the gist and drops the rest."""
    words = subject.split()
    keep = sorted(rng.sample(range(len(words)), max(3, (len(words) + 1) // 2))) if len(words) > 3 else range(len(words))
    return " ".join(words[i] for i in keep)


def generate(seed: int = 21) -> list[Letter]:
    rng = random.Random(seed)
    all_moties = moties()
    by_id = {m.id: m for m in all_moties}
    known = set(by_id)
    # Members as the Kamer writes them in its subjects: "Van Baarle", "Inge van Dijk".
    spelled = sorted({n for m in all_moties for n in _names(m.phrase)[0]})
    replaced = replacements()
    letters: list[Letter] = []

    def add(kind: str, m: Motie, text: str, expected: set[str] = frozenset(), unscored: set[str] = frozenset()) -> None:
        if m.id in replaced and re.search(re.escape(citation(m.id)) + r"(?!\d)", text):
            expected = set(expected) | {"MO007"}  # citing a replaced motie is always MO007
        letters.append(Letter(kind, m.id, f"Geachte voorzitter,\n\n{text}\n", expected, set(unscored)))

    same_members: dict[tuple[str, str], list[Motie]] = defaultdict(list)
    for m in all_moties:
        same_members[(m.id.rsplit("-", 1)[0], m.phrase)].append(m)

    for m in all_moties:
        cite = citation(m.id)
        names, cs = _names(m.phrase)
        # -- right, in the Kamer's spelling ------------------------------------------------------
        add("right", m, f"In deze brief reageer ik op de motie {m.phrase} ({cite}).")
        if m.title_phrase and m.title_phrase != m.phrase:
            add("right-title-spelling", m, f"In deze brief reageer ik op de motie {m.title_phrase} ({cite}).")
        add("right-subject", m, f"Ik reageer op de motie {m.phrase} over {_paraphrase(m.subject, rng)} ({cite}).")
        add("right-subject-words", m, f"Ik reageer op de motie {m.phrase} over {_some_words(m.subject, rng)} ({cite}).")
        add("right-note", m, f"Ik reageer op de motie {m.phrase}[footnoteRef:1] hierbij. [1:  {cite}. ]")
        add("right-hyphen", m, f"Ook de motie-{'/'.join(names)}{' c.s.' if cs else ''} ({cite}) betrek ik hierbij.")
        add("right-date", m, f"De motie {m.phrase} van {long_date(m.date)} ({cite}) vraagt daarom.")
        if m.outcome in ("aangenomen", "verworpen"):
            add("right-outcome", m, f"De {m.outcome} motie {m.phrase} ({cite}) ken ik.")
        if m.outcome == "aangenomen":
            add("right-carried-out", m, f"Ter uitvoering van de motie {m.phrase} ({cite}) stuur ik u deze brief.")
        # -- KS009: a number that does not exist --------------------------------------------------
        nr = int(m.id.rsplit("-", 1)[1])
        wrong_nr = next(n for n in (nr * 10 + rng.randint(0, 9), nr + 7000 + rng.randint(0, 999)) if f"{m.id.rsplit('-', 1)[0]}-{n}" not in known)
        wrong_id = f"{m.id.rsplit('-', 1)[0]}-{wrong_nr}"
        add("wrong-number", m, f"Ik reageer op de motie {m.phrase} ({citation(wrong_id)}).", {"KS009"})
        # -- MO003: a member who did not submit it; a co-submitter or c.s. left out ---------------
        stranger = rng.choice([n for n in spelled if not any(same_person(n, o) or same_person(o, n) for o in m.members)])
        wrong_names = names[:-1] + [stranger] if len(names) > 1 else [stranger]
        add("wrong-member", m, f"Ik reageer op de motie {_phrase(wrong_names, cs)} ({cite}).", {"MO003"})
        if len(names) > 1:
            add("left-out-member", m, f"Ik reageer op de motie {_phrase(names[:-1], False)} ({cite}).", {"MO003"})
        elif cs and (not m.title_phrase or m.title_phrase.endswith(" c.s.")):  # both of the Kamer's phrases say c.s.
            add("left-out-cs", m, f"Ik reageer op de motie {_phrase(names, False)} ({cite}).", {"MO003"})
        # -- MO004: a motie called an amendement --------------------------------------------------
        add("not-an-amendement", m, f"Ik reageer op het amendement {m.phrase} ({cite}).", {"MO004"})
        # -- MO005: another motie's subject under this number; a date years off ------------------
        others = [o for o in same_members[(m.id.rsplit("-", 1)[0], m.phrase)] if o.id != m.id and o.subject != m.subject]
        other = others[0] if others else rng.choice([o for o in all_moties if o.id != m.id and o.subject[:30] != m.subject[:30]])
        add("other-subject", m, f"Ik reageer op de motie {m.phrase} over {other.subject} ({cite}).", {"MO005"})
        y, rest = m.date.split("-", 1)
        add("other-date", m, f"De motie {m.phrase} van {long_date(f'{int(y) - 3}-{rest}'.replace('-02-29', '-02-28'))} ({cite}) vraagt daarom.", {"MO005"})
        # -- MO006: the wrong outcome; carrying out a rejected motie ------------------------------
        if m.outcome in ("aangenomen", "verworpen"):
            opposite = "verworpen" if m.outcome == "aangenomen" else "aangenomen"
            add("wrong-outcome", m, f"De {opposite} motie {m.phrase} ({cite}) ken ik.", {"MO006"})
        if m.outcome == "verworpen":
            add("carried-out-rejected", m, f"Ter uitvoering van de motie {m.phrase} ({cite}) stuur ik u deze brief.", {"MO006"})
    # -- MO007: the number of a motie that a gewijzigde motie replaced -----------------------------
    for old, new in sorted(replaced.items()):
        m = by_id.get(new[0])
        if m is None:
            continue
        names, cs = _names(m.phrase)
        gone = by_id.get(old) or Motie(old, m.phrase, "", m.subject, m.date, m.members, "")
        # The corpus holds the gewijzigde motie's publication, seldom the one it replaced: KS009
        # and the publisher's rules cannot be judged on those.
        unscored = set() if old in known else {"KS009", "MO003", "MO004", "MO005"}
        add("replaced", gone, f"Ik reageer op de motie {gone.phrase} ({citation(old)}).", {"MO007"}, unscored)
        add("right-replacement", m, f"Ik reageer op de gewijzigde motie {m.phrase} ({citation(new[0])}).")
    return letters


def measure(letters: list[Letter], server: RecordServer | None = None, cache_dir: str | None = None) -> dict:
    """Lint every letter (in this process, online, against the record server) and count per rule."""
    from linter.engine import lint_bytes
    from linter.settings import Settings

    own = server is None
    server = server or RecordServer()
    cache_dir = cache_dir or tempfile.mkdtemp(prefix="kamerlint-letters-")
    settings = Settings(select=list(RULES), verify="online", verify_url=server.url, opendata_url=server.odata_url,
                        cache_dir=cache_dir, verify_pace=0.0)
    counts = {code: Counter() for code in RULES}
    wrongly: list[tuple[Letter, list]] = []
    missed: list[tuple[Letter, str]] = []
    unverified = 0
    try:
        for letter in letters:
            found = lint_bytes(letter.text.encode("utf-8"), f"{letter.kind}.txt", settings)
            unverified += getattr(found, "not_verified", 0)
            fired = {d.code for d in found}
            for code in RULES:
                if code in letter.unscored:
                    continue
                if code in letter.expected:
                    counts[code]["tp" if code in fired else "fn"] += 1
                    if code not in fired:
                        missed.append((letter, code))
                elif code in fired:
                    counts[code]["fp"] += 1
                    wrongly.append((letter, [d for d in found if d.code == code]))
    finally:
        if own:
            server.stop()
    table = {}
    for code, c in counts.items():
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        table[code] = {"expected": tp + fn, "found": tp, "false": fp, "recall": tp / (tp + fn) if tp + fn else 1.0,
                       "precision": tp / (tp + fp) if tp + fp else 1.0}
    right = [lt for lt in letters if lt.kind.startswith("right")]
    false_on_right = [(lt, f) for lt, f in wrongly if lt.kind.startswith("right")]
    return {"letters": len(letters), "right": len(right), "rules": table, "false_on_right": false_on_right,
            "wrongly": wrongly, "missed": missed, "not_verified": unverified}


def main() -> None:
    letters = generate()
    result = measure(letters)
    print(f"{result['letters']} letters ({result['right']} cite a motie rightly); {result['not_verified']} references not verified")
    print(f"{'rule':6}  {'expected':>8}  {'found':>6}  {'false':>6}  {'recall':>7}  {'precision':>9}")
    for code, row in result["rules"].items():
        print(f"{code:6}  {row['expected']:>8}  {row['found']:>6}  {row['false']:>6}  {row['recall']:>7.3f}  {row['precision']:>9.3f}")
    print(f"false findings on right citations: {len(result['false_on_right'])}")
    for letter, found in result["wrongly"][:15]:
        print("  FALSE", letter.kind, letter.motie, "|", found[0].message[:160])
    for letter, code in result["missed"][:15]:
        print("  MISSED", code, letter.kind, letter.motie, "|", letter.text.strip().splitlines()[-1][:160])


if __name__ == "__main__":
    main()
