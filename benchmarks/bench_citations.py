"""How much of a lint the citation pass costs, on a large generated letter.

    python3 benchmarks/bench_citations.py [notes]

Builds a Tika text export with ``notes`` footnotes (default 1,000), each citing Kamerstukken,
moties, toezeggingen, Aanhangsels and dates (right and wrong forms), times the whole lint and the
citation rules alone, and prints the citation pass's share.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linter.engine import check_document, read_data  # noqa: E402
from linter.registry import select_rules  # noqa: E402
from linter.settings import Settings  # noqa: E402

CITATION_FAMILIES = ("KS", "MO", "TZ", "HA", "PB", "DT", "CO003")

NOTES = [
    "Kamerstuk 36180, nr. {n}",
    "Kamerstuk 36 180, nr. {n}.",
    "Kamerstukken II 2024-2025, 36 725-XVII, nr. {n}.",
    "Motie van het lid Ceder c.s. (Kamerstuk 36 725 XVII, nr. {n}).",
    "Conform toezegging (TZ202503-{n:03d}) gedaan tijdens het commissiedebat van 25 maart 2025.",
    "Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. {n}; zie ook Stb. 2011, 35.",
    "Verbonden en Veerkrachtig (Verwey-Jonker), p. {n}.",
]


def generate(notes: int) -> str:
    body, blocks = [], []
    for n in range(1, notes + 1):
        body.append(
            f"De Motie 36 725-XVII nr. {n} van de leden Ceder en Bamenga vraagt om een strategie, "
            f"besproken op dinsdag 25 maart 2025 met {n * 17} deelnemers.[footnoteRef:{n}]"
        )
        blocks.append(f" [{n}:  " + NOTES[n % len(NOTES)].format(n=n) + "] ")
        if n % 5 == 0:
            body.append("".join(blocks))
            blocks = []
            body.append("")
    body.append("".join(blocks))
    return "\n".join(body) + "\n"


def best_of(runs: int, fn) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main(argv: list[str]) -> int:
    notes = int(argv[0]) if argv else 1000
    data = generate(notes).encode("utf-8")
    settings = Settings()
    all_rules = select_rules(None)
    citation_rules = [r for r in all_rules if r.code.startswith(CITATION_FAMILIES)]

    def whole():
        doc = read_data(data, "bench.txt", settings)
        return check_document(doc, "bench.txt", settings, all_rules)

    def citations_only():
        doc = read_data(data, "bench.txt", settings)  # a fresh document: the scan is cached per document
        t = time.perf_counter()
        check_document(doc, "bench.txt", settings, citation_rules)
        return time.perf_counter() - t

    findings = whole()
    total = best_of(3, whole)
    citations = min(citations_only() for _ in range(3))
    print(f"letter: {notes} notes, {len(data) // 1024} KB, {len(findings)} findings")
    print(f"whole lint:      {total * 1000:8.1f} ms")
    print(f"citation rules:  {citations * 1000:8.1f} ms  ({100 * citations / total:.0f}% of the lint)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
