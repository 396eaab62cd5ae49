"""Precision and recall of the citation rules on the hand-labelled gold set.

    python3 scripts/citation_scores.py [fixtures/references-gold.tsv] [--misses]

Each gold string is checked in its context, as one paragraph of body text; a finding counts for
the string when its span overlaps the string. KS007 and CO003 are about a whole letter and are not
scored here. Prints a markdown table per rule code.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.model import Document  # noqa: E402
from linter.registry import RuleContext, all_rules  # noqa: E402
from linter.settings import Settings  # noqa: E402

FAMILIES = ("KS", "MO", "TZ", "HA", "PB", "DT")
NOT_SCORED = {"KS007"}  # document-level: a one-paragraph context says nothing about it
GOLD = ROOT / "fixtures" / "references-gold.tsv"


def load_gold(path: Path = GOLD) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def citation_rules():
    return [r for r in all_rules() if r.family in FAMILIES and r.code not in NOT_SCORED and r.check]


def found_codes(string: str, context: str, settings: Settings | None = None, rules=None) -> set[str]:
    """Codes of the findings whose span overlaps ``string`` inside ``context``."""
    settings = settings or Settings()
    doc = Document("gold.txt", "text")
    para = doc.new_story("body").new_paragraph()
    para.text = context
    at = context.find(string)
    if at == -1:
        para.text = context = string
        at = 0
    lo, hi = at, at + len(string)
    codes = set()
    for rule in rules or citation_rules():
        for d in rule.check(doc, RuleContext(rule.code, settings)):
            if d.span is not None and d.span.start < hi and d.span.end > lo:
                codes.add(rule.code)
    return codes


def expected_codes(row: dict) -> set[str]:
    value = row["expected"].strip()
    return set() if value in ("", "none") else {c.strip() for c in value.split(",")}


def score(rows: list[dict]) -> tuple[dict, list]:
    """Per code: [true positives, false positives, false negatives]; and the rows that differ."""
    counts: dict[str, list[int]] = {}
    differences = []
    rules = citation_rules()
    for row in rows:
        want = expected_codes(row)
        got = found_codes(row["string"], row["context"], rules=rules)
        for code in want | got:
            c = counts.setdefault(code, [0, 0, 0])
            if code in want and code in got:
                c[0] += 1
            elif code in got:
                c[1] += 1
            else:
                c[2] += 1
        if want != got:
            differences.append((row, want, got))
    return counts, differences


def table(counts: dict) -> str:
    lines = ["| code | gold examples | found | precision | recall |", "|---|---|---|---|---|"]
    for code in sorted(counts):
        tp, fp, fn = counts[code]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        lines.append(f"| {code} | {tp + fn} | {tp + fp} | {precision:.2f} | {recall:.2f} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    rows = load_gold(Path(args[0]) if args else GOLD)
    counts, differences = score(rows)
    none_rows = sum(1 for r in rows if not expected_codes(r))
    print(f"{len(rows)} gold strings ({none_rows} labelled none)\n")
    print(table(counts))
    if "--misses" in argv:
        print()
        for row, want, got in differences:
            print(f"row {row['row']}: {row['string']!r} expected {sorted(want) or 'none'}, found {sorted(got) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
