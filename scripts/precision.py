"""Precision of kamerlint's findings on real documents, judged by hand.

    python3 scripts/precision.py             the table per rule family, then unjudged findings
    python3 scripts/precision.py --todo      unjudged findings as verdicts.tsv rows to fill in

Lints every file in ../shared/corpus/texts/*.txt and ../shared/corpus/docx/*.docx with the default
settings and matches each finding to a verdict in fixtures/precision/verdicts.tsv. A verdict is
keyed by file, code, the matched text and its occurrence (the n-th finding with that file, code
and text), never by line or column, so it survives changes elsewhere in the code. The matched text
is the finding's own text; for a finding at a point (a missing full stop) it is "…" and the
30 characters before that point, or at a paragraph's start "^" and the 30 characters after it.

Precision is right / (right + wrong); "debatable" verdicts are counted apart (each says why). A
verdict whose finding is no longer reported is listed as gone: a rule was made more precise, or
lost a finding it should give (compare with the verdict).
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
    return sorted(corpus.glob("texts/*.txt")) + sorted(corpus.glob("docx/*.docx"))


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
    print(f"{len(found)} findings on {len(corpus_files())} files of {CORPUS.name}/texts and /docx\n")
    print(table(tallies))
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
