"""What a letter says about the moties it cites: which Kamerstuk, by which members, about what, of
which date, and whether it says the motie was adopted or carries it out.

The forms read (members first is the Kamer's own):

- ``de motie van de leden A en B (Kamerstuk 36 725 XVII, nr. 45)``, with a subject between
  (``… van het lid A over de bekostiging van het mbo (Kamerstuk …)``), or a note marker after the
  members whose note cites the Kamerstuk (one, or several: then the motie is one of them);
- ``de moties van de leden A en B (Kamerstuk 36 725, nrs. 642 en 646)``: each number is one;
- ``de motie-Jansen (Kamerstuk …)``, ``de motie-Jansen/De Vries c.s.``;
- ``de motie (Kamerstuk …)`` and ``Motie 36 725-XVII nr. 45`` with no members (for MO004 only).

Rules (KS009, MO003 … MO007) read these; the engine reads the identifiers to look them up.
"""

from __future__ import annotations

import re
import weakref

from linter.lazy import LazyPattern
from linter.model import NOTE_MARK, Paragraph, Span, Value

SP = "[ \u00a0]"
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")
DATE = rf"(?P<day>\d{{1,2}}){SP}(?P<month>{'|'.join(MONTHS)}){SP}(?P<year>(?:19|20)\d\d)"

#: The word, singular or plural; "motie-Jansen" is read on its own below.
WORD = LazyPattern(r"(?P<word>[Mm](?<![\w-].)oties?|[Aa](?<![\w-].)mendement(?:en)?)(?![\w])")
NAME = r"(?:[A-Z]\.(?:[A-Z]\.)*[ \u00a0](?:(?:van|de|der|den|ter|ten)[ \u00a0])*)?[A-Z\u00c0-\u00de][\w'’-]+(?:[ \u00a0](?:(?:van|de|der|den|ter|ten|in|'t|het)[ \u00a0])*[A-Z\u00c0-\u00de][\w'’-]+)*"
TUSSEN = r"(?:(?:[Vv]an|[Dd]e|der|den|[Tt]er|[Tt]en)[ \u00a0])*"
#: " van het lid A", " van de leden A, B en C c.s." (MOTIE_TAIL's members, with accented capitals).
MEMBERS = LazyPattern(
    rf"{SP}van{SP}(?:het{SP}lid|de{SP}leden){SP}(?P<names>{TUSSEN}{NAME}(?:(?:,{SP}|{SP}en{SP}){TUSSEN}{NAME})*)(?P<cs>{SP}+c\.s\.)?"
)
#: "motie-Jansen", "motie-Van der Plas/De Vries c.s."
HYPHENED = LazyPattern(
    rf"-(?P<names>{TUSSEN}{NAME}(?:/{TUSSEN}{NAME})*)(?P<cs>{SP}+c\.s\.)?"
)
#: Between the members and the Kamerstuk (or note marker): nothing; or a date, then a subject or
#: another clause, never a sentence's end or a clause that turns to something else
#: (", zoals ik …"). Brackets inside the subject ("(EU)") are part of it.
GAP = LazyPattern(
    rf"(?:,?{SP}(?:van|d\.d\.|ingediend{SP}op){SP}{DATE})?"
    rf"(?:,?{SP}(?P<conn>over|inzake|betreffende|aangaande|ten{SP}aanzien{SP}van|met{SP}betrekking{SP}tot|om|die|dat|waarin|waarmee)"
    rf"{SP}(?P<subject>(?:\([^()\ufffc\n]{{0,80}}\)|(?![.!?]{SP}+[A-Z]|,{SP}(?:zoals|waarover|die|dat|welke|maar|(?:en|waarmee|waarin|waarbij|waarop){SP}(?:ik|wij|we|het{SP}kabinet|de{SP}Kamer))\b)[^()\ufffc\n]){{1,300}}))?"
    rf",?{SP}*"
)
MAX_GAP = 320
#: What the letter says became of it, just before the word: "de aangenomen motie", "de door de
#: Kamer verworpen motie", "de op 5 maart aangehouden gewijzigde motie".
CLAIM_BEFORE = LazyPattern(
    rf"(?P<claim>aangenomen|verworpen|aangehouden|ingetrokken){SP}(?:(?:nader{SP})?gewijzigde{SP})?$"
)
#: … or just after the citation: "(Kamerstuk …), die de Kamer heeft aangenomen,".
CLAIM_AFTER = LazyPattern(
    rf"^,?{SP}(?:die|welke){SP}(?:(?:door{SP})?de{SP}(?:Tweede{SP})?Kamer{SP})?(?:heeft{SP}|is{SP}|werd{SP})?(?:(?:op{SP}{DATE}|unaniem|breed){SP})?"
    rf"(?P<claim>aangenomen|verworpen|aangehouden|ingetrokken)"
)
#: A letter that carries it out: "ter uitvoering van de motie", "geef ik uitvoering aan de motie",
#: "Met deze brief voer ik de motie … uit".
CARRIES_OUT = LazyPattern(
    rf"(?:(?:[Tt]er|[Ii]n){SP}uitvoering{SP}van|uitvoering{SP}aan|[Vv]oer(?:en)?{SP}(?:ik|wij|we|het{SP}kabinet){SP}(?:hiermee{SP}|hierbij{SP})?)"
    rf"{SP}?(?:de|het){SP}(?:(?:aangenomen|nader|gewijzigde){SP})*$"
)


class CitedMotie(Value):
    """A motie or amendement the letter cites, with what it says about it."""

    __slots__ = ("word", "names", "cs", "span", "identifiers", "citations", "plural", "subject", "date", "claim", "carries_out")

    def __init__(self, word: str, names: list[str], cs: bool, span: Span, identifiers: list[str], citations: dict[str, str],
                 plural: bool = False, subject: str = "", date: str = "", claim: str = "", carries_out: bool = False):
        self.word = word  # "motie" | "amendement"
        self.names = names  # as written; [] when the letter names no members
        self.cs = cs
        self.span = span  # the members as written, else the phrase
        #: The Kamerstukken it may be: one; several when a note cites more than one (it is one of
        #: them); each of them when ``plural`` ("de moties …, nrs. 642 en 646").
        self.identifiers = identifiers
        self.citations = citations  # identifier → the Kamerstuk as the house style writes it
        self.plural = plural
        self.subject = subject  # what the letter says it is about ("over …"), or ""
        self.date = date  # a date the letter gives it, ISO, or ""
        self.claim = claim  # "aangenomen" | "verworpen" | "aangehouden" | "ingetrokken" | ""
        self.carries_out = carries_out  # "ter uitvoering van de motie …"

    @property
    def identifier(self) -> str | None:
        """The one Kamerstuk it is, when that is known."""
        return self.identifiers[0] if len(self.identifiers) == 1 and not self.plural else None

    def citation(self, identifier: str | None = None) -> str:
        rid = identifier or (self.identifiers[0] if self.identifiers else "")
        return self.citations.get(rid, rid)


def _split_names(names: str, sep: str) -> list[str]:
    return [n.strip() for n in re.split(sep, names) if n.strip()]


def iso_date(m: re.Match) -> str:
    return f"{m.group('year')}-{MONTHS.index(m.group('month')) + 1:02d}-{int(m.group('day')):02d}"


#: cited_moties per document and style: several rules and the look-up ask for them.
_CITED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def cited_moties(doc, style: str) -> list[CitedMotie]:
    per_doc = _CITED.setdefault(doc, {})
    if style not in per_doc:
        per_doc[style] = find_cited_moties(doc, style)
    return per_doc[style]


def house_style(identifier: str) -> str:
    """``kst-21501-02-2907`` as the house style cites it: ``Kamerstuk 21 501-02, nr. 2907``;
    ``kst-36725-XVII-45``: ``Kamerstuk 36 725 XVII, nr. 45``."""
    parts = identifier.split("-")[1:]
    dossier, nr, middle = parts[0], parts[-1], parts[1:-1]
    out = f"{dossier[:2]} {dossier[2:]}"
    for p in middle:
        out += f"-{p}" if p.isdigit() else f" {p}"
    return f"Kamerstuk {out}, nr. {nr}"


def kamerstuk_ids(fields: dict) -> list[str]:
    """Every document a Kamerstuk reference names: ``nrs. 642 en 646`` is two."""
    from linter.verify import kamerstuk_id

    first = kamerstuk_id(fields)
    if first is None:
        return []
    out = [first]
    more = fields.get("more") or ""
    numbers = re.findall(r"\d{1,5}[a-z]?", more)
    if re.fullmatch(rf"{SP}?[-–]{SP}?\d{{1,5}}", more) and fields["nr"].isdigit():
        numbers = [str(n) for n in range(int(fields["nr"]) + 1, min(int(numbers[0]), int(fields["nr"]) + 20) + 1)]
    for nr in numbers:
        rid = kamerstuk_id({**fields, "nr": nr})
        if rid and rid not in out:
            out.append(rid)
    return out


def find_cited_moties(doc, style: str) -> list[CitedMotie]:
    from linter.citations.models import KAMERSTUK, MOTIE
    from linter.citations.scan import scan

    scanned = scan(doc, style)
    note_refs: dict[int, list] = {}
    for para, refs in scanned:
        note = para.story.note
        if note is not None:
            note_refs.setdefault(id(note), []).extend(r for r in refs if r.type == KAMERSTUK)
    refs_of = {id(para): refs for para, refs in scanned}
    out: list[CitedMotie] = []
    for para in doc.paragraphs():
        text = para.text
        if "otie" not in text and "mendement" not in text:
            continue
        refs = refs_of.get(id(para), [])
        by_start = {r.start: r for r in refs if r.type == KAMERSTUK}
        taken: set[int] = set()  # Kamerstukken already read as a motie's

        def cite(word_start: int, start: int, end: int, word: str, names: list[str], cs: bool, name_span: tuple[int, int] | None,
                 ks_refs: list, after: int, gap: re.Match | None = None) -> None:
            ids, cites = [], {}
            for ks in ks_refs:
                taken.add(ks.start)
                for rid in kamerstuk_ids(ks.fields):
                    ids.append(rid)
                    cites[rid] = ks.render("tweede-kamer") or ks.text
            if not ids:
                return
            low = word.lower()
            plural = low.endswith(("s", "en"))
            span = Span(para, *(name_span or (start, end)))
            claim = CLAIM_BEFORE.search(text, max(0, word_start - 40), word_start)
            claim = claim.group("claim") if claim else ""
            if not claim and (m := CLAIM_AFTER.match(text[after:after + 120])):
                claim = m.group("claim")
            carries = bool(CARRIES_OUT.search(text, max(0, word_start - 60), word_start))
            subject = date = ""
            if gap is not None:
                if gap.group("conn") in ("over", "inzake", "betreffende", "aangaande") or (gap.group("conn") or "").startswith(("ten", "met")):
                    subject = gap.group("subject").strip(" ,")
                if gap.group("day"):
                    date = iso_date(gap)
            out.append(CitedMotie("motie" if low.startswith("motie") else "amendement", names, cs, span, ids, cites,
                                  plural, subject, date, claim, carries))

        for m in WORD.finditer(text):
            word, pos = m.group("word"), m.end()
            start = m.start()
            art = re.search(r"(?:^|(?<=[\s(]))([Dd]e|[Ee]en|[Hh]et)[ \u00a0]$", text[max(0, start - 4):start])
            names: list[str] = []
            cs = False
            name_span = None
            tail = MEMBERS.match(text, pos)
            if tail:
                names = _split_names(tail.group("names"), rf",{SP}|{SP}en{SP}")
                cs = bool(tail.group("cs"))
                name_span = (tail.start(), tail.end())
                pos = tail.end()
            elif text.startswith("-", pos) and (h := HYPHENED.match(text, pos)):
                names = _split_names(h.group("names"), "/")
                cs = bool(h.group("cs"))
                name_span = (start, h.end())
                pos = h.end()
            # The Kamerstuk in brackets, or a note marker, after the members and what the letter
            # says of the motie; with no members named, only right after the word: a subject there
            # could as well introduce another document's citation.
            reach = pos + (MAX_GAP if names else 3)
            target = next((k for k in sorted(by_start) if pos < k <= reach and text[k - 1] == "("), None)
            marks = [i for i in range(pos, min(reach, len(text))) if text[i] == NOTE_MARK] if NOTE_MARK in text[pos:reach] else []
            if target is not None and (not marks or target < marks[0]):
                gap = GAP.fullmatch(text, pos, target - 1)
                if gap is None:
                    continue
                ks = by_start[target]
                more = [ks]
                # "(Kamerstuk 36 725, nr. 5 en Kamerstuk 36 725, nr. 8)" / "; Kamerstuk …" inside the brackets
                while (nxt := re.match(rf"(?:;|,|{SP}en){SP}", text[more[-1].end:more[-1].end + 5])) and more[-1].end + nxt.end() in by_start:
                    more.append(by_start[more[-1].end + nxt.end()])
                close = text.find(")", more[-1].end)
                after = close + 1 if close >= 0 and close - more[-1].end < 3 else more[-1].end
                cite(start, start - (len(art.group()) if art else 0), after, word, names, cs, name_span, more, after, gap if names else None)
            elif marks:
                end = marks[0] - 1 if marks[0] > pos and text[marks[0] - 1] in ",.;:" else marks[0]
                gap = GAP.fullmatch(text, pos, end)
                if gap is None or not (names or end == pos):
                    continue
                noteref = next((n for n in para.note_refs if n.offset == marks[0]), None)
                cited = note_refs.get(id(noteref.note), []) if noteref and noteref.note else []
                cited = [r for r in cited if r.type == KAMERSTUK]
                if cited:
                    cite(start, start, end, word, names, cs, name_span, cited, marks[0] + 1, gap if names else None)
        # Number first, MO001's form: "Motie 36 725-XVII nr. 45 (van de leden …)".
        for ref in refs:
            if ref.type != MOTIE:
                continue
            ks = ref.fields["kamerstuk"]
            if ks.start in taken:
                continue
            tail = MEMBERS.search(text, ks.end, ref.end)
            names = _split_names(tail.group("names"), rf",{SP}|{SP}en{SP}") if tail else []
            word_at = ref.start + max(0, ref.text.find(ref.fields["word"]))
            cite(word_at, ref.start, ref.end, ref.fields["word"], names, bool(tail and tail.group("cs")),
                 (tail.start(), tail.end()) if tail else None, [ks], ref.end)
    return out
