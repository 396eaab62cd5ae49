"""Precision and recall of kamerlint's findings on real documents, judged by hand.

    python3 scripts/precision.py             the tables per rule family, then unjudged findings
    python3 scripts/precision.py --todo      unjudged findings as verdicts.tsv rows to fill in
    python3 scripts/precision.py --missed    the deviations read by hand that kamerlint does not report

Lints every file in ../shared/corpus/texts/*.txt, ../shared/corpus/docx/*.docx and
../shared/corpus/kamervragen/*.txt (real answers to Kamervragen) with the default settings and
matches each finding to a verdict in fixtures/precision/verdicts.tsv. A verdict is
keyed by file, code, the matched text and its occurrence (the n-th finding with that file, code
and text), never by line or column, so it survives changes elsewhere in the code. The matched text
is the finding's own text; for a finding at a point (a missing full stop) it is "…" and the
30 characters before that point, or at a paragraph's start "^" and the 30 characters after it.

Precision is right / (right + wrong); "debatable" verdicts are counted apart (each says why). A
verdict whose finding is no longer reported is listed as gone: a rule was made more precise, or
lost a finding it should give (compare with the verdict).

Recall: fixtures/precision/misses.tsv lists the deviations from ../shared/spec found by reading the
texts of fixtures/precision/read.tsv (not by running kamerlint), one a row: file, code, the
deviating text and/or where it is (``footnote 11 ``), whether kamerlint reported it when the
list was first measured (``first_reading``: a class fixed after that is tuned on these texts, and
the first figure is the one for unseen text), and why. A deviation is reported when a finding of
that file and code covers its text (the finding's text or excerpt holds it, or the other way
round) at that place; each finding counts for one deviation. Recall is reported / listed, per
family, now and at the first reading.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.baseline import normalise  # noqa: E402
from linter.engine import lint_path  # noqa: E402
from linter.settings import Settings  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
VERDICTS = ROOT / "fixtures" / "precision" / "verdicts.tsv"
MISSES = ROOT / "fixtures" / "precision" / "misses.tsv"
READ = ROOT / "fixtures" / "precision" / "read.tsv"
DEVIATION_COLUMNS = ("file", "family", "code", "text", "where", "first_reading", "why")
FIRST_READINGS = ("reported", "missed")
COLUMNS = ("file", "code", "matched", "occurrence", "location", "excerpt", "verdict", "reason")
VERDICT_VALUES = ("right", "wrong", "debatable")
#: Characters of text before a point finding that stand for it in the key.
POINT_CONTEXT = 30


@dataclass
class Finding:
    file: str
    code: str
    matched: str
    occurrence: int
    location: str
    excerpt: str
    message: str

    @property
    def key(self) -> tuple[str, str, str, int]:
        return (self.file, self.code, self.matched, self.occurrence)

    @property
    def family(self) -> str:
        return family(self.code)


def family(code: str) -> str:
    return code[:2]


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    return sorted(corpus.glob("texts/*.txt")) + sorted(corpus.glob("docx/*.docx")) + sorted(corpus.glob("kamervragen/*.txt"))


def matched_text(d) -> str:
    span = d.span
    if span is None:
        return "file: " + normalise(d.message)
    if span.text.strip():
        return normalise(span.text)
    before = normalise(span.paragraph.text[max(0, span.start - POINT_CONTEXT) : span.start])
    if before:
        return "…" + before
    return "^" + normalise(span.paragraph.text[span.start : span.start + POINT_CONTEXT])


def place(d) -> str:
    loc = d.location
    if loc is None:
        return ""
    where = f"{loc.story} {loc.note}" if loc.note is not None else loc.story
    if loc.in_text_file:
        return f"{where} line {loc.line}:{loc.column}"
    return f"{where} ¶{loc.paragraph}:{loc.column}"


def findings(corpus: Path = CORPUS) -> list[Finding]:
    """Every finding on the corpus files, in the linter's order, with its verdict key."""
    out: list[Finding] = []
    seen: dict[tuple[str, str, str], int] = {}
    for path in corpus_files(corpus):
        name = path.relative_to(corpus).as_posix()
        for d in lint_path(path, Settings()):
            matched = matched_text(d)
            n = seen[(name, d.code, matched)] = seen.get((name, d.code, matched), 0) + 1
            out.append(Finding(name, d.code, matched, n, place(d), normalise(d.excerpt), d.message))
    return out


def load_verdicts(path: Path = VERDICTS) -> dict[tuple[str, str, str, int], dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    verdicts = {}
    for row in rows:
        if row["verdict"] not in VERDICT_VALUES:
            raise ValueError(f"{path}: verdict {row['verdict']!r} for {row['file']} {row['code']} is not one of {VERDICT_VALUES}")
        if row["verdict"] == "debatable" and not row["reason"].strip():
            raise ValueError(f"{path}: a debatable verdict says why ({row['file']} {row['code']} {row['matched']!r})")
        key = (row["file"], row["code"], row["matched"], int(row["occurrence"]))
        if key in verdicts:
            raise ValueError(f"{path}: two verdicts for {key}")
        verdicts[key] = row
    return verdicts


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    debatable: int = 0

    @property
    def judged(self) -> int:
        return self.right + self.wrong + self.debatable

    @property
    def precision(self) -> float | None:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else None


def compare(found: list[Finding], verdicts: dict) -> tuple[dict[str, Tally], list[Finding], list[dict]]:
    """(tally per family, unjudged findings, verdicts whose finding is gone)."""
    tallies: dict[str, Tally] = {}
    unjudged = []
    keys = set()
    for f in found:
        keys.add(f.key)
        row = verdicts.get(f.key)
        if row is None:
            unjudged.append(f)
            continue
        tally = tallies.setdefault(f.family, Tally())
        setattr(tally, row["verdict"], getattr(tally, row["verdict"]) + 1)
    gone = [row for key, row in verdicts.items() if key not in keys]
    return tallies, unjudged, gone


def table(tallies: dict[str, Tally]) -> str:
    lines = ["| family | findings judged | right | wrong | debatable | precision |", "|---|---:|---:|---:|---:|---:|"]
    for fam, t in sorted(tallies.items()):
        p = "–" if t.precision is None else f"{t.precision:.2f}"
        lines.append(f"| {fam} | {t.judged} | {t.right} | {t.wrong} | {t.debatable} | {p} |")
    total = Tally(*(sum(getattr(t, k) for t in tallies.values()) for k in ("right", "wrong", "debatable")))
    p = "–" if total.precision is None else f"{total.precision:.2f}"
    lines.append(f"| all | {total.judged} | {total.right} | {total.wrong} | {total.debatable} | {p} |")
    return "\n".join(lines)


def load_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_deviations(path: Path = MISSES, read: Path = READ) -> list[dict]:
    """The deviations read by hand; each must name a file of the reading list, a code of its family
    and something to find it by, and say why."""
    files = {row["file"] for row in load_tsv(read)}
    rows = load_tsv(path)
    for row in rows:
        where = f"{path.name}: {row['file']} {row['code']} {row['text']!r}"
        if row["file"] not in files:
            raise ValueError(f"{where}: the file is not in {read.name}, the list of texts read")
        if family(row["code"]) != row["family"] or not (row["text"] or row["where"]) or not row["why"].strip():
            raise ValueError(f"{where}: a deviation has its family, a text or place, and why")
        if row["first_reading"] not in FIRST_READINGS:
            raise ValueError(f"{where}: first_reading is one of {FIRST_READINGS}")
    return rows


@dataclass
class Recall:
    listed: int = 0
    reported: int = 0
    #: Reported when the list was first measured (before any class it found was fixed).
    first: int = 0

    @property
    def recall(self) -> float | None:
        return self.reported / self.listed if self.listed else None

    @property
    def first_recall(self) -> float | None:
        return self.first / self.listed if self.listed else None


def recall(found: list[Finding], deviations: list[dict]) -> tuple[dict[str, Recall], list[dict]]:
    """(recall per family, the deviations kamerlint does not report)."""
    used: set[int] = set()
    by_file: dict[str, list[Finding]] = {}
    for f in found:
        by_file.setdefault(f.file, []).append(f)
    tallies: dict[str, Recall] = {}
    missed = []
    for row in deviations:
        text = normalise(row["text"]) if row["text"] else ""
        match = None
        for f in by_file.get(row["file"], ()):
            if id(f) in used or f.code != row["code"]:
                continue
            if row["where"] and not f.location.startswith(row["where"]):
                continue
            matched = f.matched.lstrip("…^")
            if text and not (text in f.matched or (matched and matched in text) or text in f.excerpt):
                continue
            match = f
            break
        tally = tallies.setdefault(row["family"], Recall())
        tally.listed += 1
        tally.first += row["first_reading"] == "reported"
        if match is None:
            missed.append(row)
        else:
            used.add(id(match))
            tally.reported += 1
    return tallies, missed


def recall_table(tallies: dict[str, Recall], judged: dict[str, Tally]) -> str:
    def cell(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    lines = ["| family | deviations read | reported | recall | at first reading | findings judged |", "|---|---:|---:|---:|---:|---:|"]
    for fam in sorted(set(tallies) | set(judged)):
        r = tallies.get(fam, Recall())
        lines.append(f"| {fam} | {r.listed} | {r.reported} | {cell(r.recall)} | {cell(r.first_recall)} | {judged[fam].judged if fam in judged else 0} |")
    total = Recall(*(sum(getattr(r, k) for r in tallies.values()) for k in ("listed", "reported", "first")))
    lines.append(f"| all | {total.listed} | {total.reported} | {cell(total.recall)} | {cell(total.first_recall)} | {sum(t.judged for t in judged.values())} |")
    return "\n".join(lines)


def tsv_row(f: Finding, verdict: str = "", reason: str = "") -> str:
    cells = (f.file, f.code, f.matched, str(f.occurrence), f.location, f.excerpt, verdict, reason)
    return "\t".join(c.replace("\t", " ") for c in cells)


def main(argv: list[str]) -> int:
    if not CORPUS.is_dir():
        print(f"{CORPUS} is not there: the shared corpus must be beside the project", file=sys.stderr)
        return 2
    found = findings()
    verdicts = load_verdicts()
    tallies, unjudged, gone = compare(found, verdicts)
    if "--todo" in argv:
        for f in unjudged:
            print(tsv_row(f) + f"\t# {f.message}")
        return 0
    deviations = load_deviations()
    recalled, missed = recall(found, deviations)
    if "--missed" in argv:
        for row in missed:
            print("\t".join(row[c] for c in DEVIATION_COLUMNS))
        return 0
    print(f"{len(found)} findings on {len(corpus_files())} files of {CORPUS.name}/texts, /docx and /kamervragen\n")
    print("Precision (right / (right + wrong)):\n")
    print(table(tallies))
    print(f"\nRecall ({len(deviations)} deviations found by reading {len(load_tsv(READ))} texts, fixtures/precision/misses.tsv):\n")
    print(recall_table(recalled, tallies))
    if missed:
        print(f"\n{len(missed)} deviations are not reported (scripts/precision.py --missed):")
        for row in missed:
            print(f"  {row['file']} {row['code']} {row['text'] or row['where']!r}: {row['why']}")
    if gone:
        print(f"\n{len(gone)} judged findings are no longer reported "
              f"({sum(r['verdict'] == 'wrong' for r in gone)} judged wrong, {sum(r['verdict'] == 'right' for r in gone)} right)")
    if unjudged:
        print(f"\n{len(unjudged)} findings have no verdict (scripts/precision.py --todo):")
        for f in unjudged:
            print(f"  {f.file} {f.code} {f.location}: {f.matched!r} — {f.message}")
    return 1 if unjudged else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
