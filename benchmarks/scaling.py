"""How each rule family grows with the size of a letter. Run from the repository root:
``python benchmarks/scaling.py`` (``--quick``: fewer repeats, sizes up to 1,000).

Builds letters of 100, 300, 1,000 and 3,000 paragraphs (two notes for every three paragraphs, as
in bench_lint.py's large letter), reads each once, then times in process: a whole lint, reading, the
shared citation scan, and each family's rules on the document already read (the scan already done, so
that it is counted once, on its own row). Prints the best time of several runs at each size and the growth
exponent, the slope of log time over log size: 1 is linear; above about 1.2 a family is marked
super-linear. ``--large`` times bench_lint.py's large letter beside its floor; ``--profile N``
prints a cProfile of reading and checking a letter of N paragraphs. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import cProfile
import math
import pstats
import random
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_citations import best_of  # noqa: E402  (the best run: load on a shared machine only adds time)
from bench_lint import floor, make_letter, parts_read, words_from_seed  # noqa: E402  (the benchmark's own letters)

from linter.citations import scan as citation_scan  # noqa: E402
from linter.engine import check_document  # noqa: E402
from linter.parallel import Task, check_task  # noqa: E402
from linter.formats import read_document, without_cycle_collection  # noqa: E402
from linter.limits import DEFAULT_LIMITS  # noqa: E402
from linter.registry import RuleContext, all_rules  # noqa: E402
from linter.settings import Settings  # noqa: E402

SIZES = (100, 300, 1000, 3000)
SUPER_LINEAR = 1.2


def build(directory: Path, paragraphs: int) -> Path:
    path = directory / f"letter-{paragraphs}.docx"
    make_letter(path, random.Random(paragraphs), words_from_seed(), paragraphs=paragraphs, notes=paragraphs * 2 // 3)
    return path


def lint_file(path: Path, settings: Settings, codes: list[str] | None = None):
    """One file checked as a run checks it (linter.parallel.check_task: read, check, locate, the
    model released), so that no collection of an earlier model's garbage lands in the timing."""
    codes = codes if codes is not None else [r.code for r in all_rules()]
    return check_task(Task(display=str(path), settings=settings, codes=codes, path=str(path)))


def family_times(path: Path, repeats: int) -> dict[str, float]:
    """Seconds for reading, the citation scan, and each family's rules, on one letter."""
    settings = Settings()
    data = path.read_bytes()
    out = {
        "lint (all)": best_of(repeats, lambda: lint_file(path, settings)),  # read, check, locate
        "read": best_of(repeats, lambda: read_document(data, str(path), DEFAULT_LIMITS)),
    }
    doc = read_document(data, str(path), DEFAULT_LIMITS)
    style = settings.citation_style

    @without_cycle_collection
    def fresh_scan():
        citation_scan._CACHE.pop(doc, None)  # scanned anew each time
        citation_scan.scan(doc, style, settings.document_type)

    out["citation scan"] = best_of(repeats, fresh_scan)
    citation_scan.scan(doc, style, settings.document_type)  # kept for the families below
    families: dict[str, list] = {}
    for r in all_rules():
        if r.check is not None:
            families.setdefault(r.family, []).append(r)

    for family, rules in families.items():
        @without_cycle_collection  # as check_document runs them
        def run(rules=rules):
            for r in rules:
                ctx = RuleContext(r.code, settings, None)
                for _ in r.check(doc, ctx):
                    pass

        out[family] = best_of(repeats, run)
    return out


def exponent(sizes, times) -> float:
    """Least-squares slope of log(time) over log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-7)) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def profile(path: Path) -> None:
    settings = Settings()
    data = path.read_bytes()
    profiler = cProfile.Profile()
    profiler.enable()
    doc = read_document(data, str(path), DEFAULT_LIMITS)
    check_document(doc, str(path), settings)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def large_letter(directory: Path, repeats: int) -> None:
    """bench_lint.py's large letter (1,250 paragraphs, 1,000 notes) in process, beside its floor."""
    path = directory / "large.docx"
    make_letter(path, random.Random(2026), words_from_seed(), paragraphs=1250, notes=1000)
    parts = parts_read(path)
    data = path.read_bytes()
    rows = {
        "floor (unzip + lxml)": lambda: floor(path, parts),
        "read": lambda: read_document(data, str(path), DEFAULT_LIMITS),
        "lint FN,BM,IO": lambda: lint_file(path, Settings(), [r.code for r in all_rules() if r.family in ("FN", "BM", "IO")]),
        "lint all rules": lambda: lint_file(path, Settings()),
    }
    times = {name: best_of(repeats, fn) for name, fn in rows.items()}
    base = times["floor (unzip + lxml)"]
    print("large letter, in process (ms, best of %d):" % repeats)
    for name, seconds in times.items():
        print(f"  {name:<22} {seconds * 1000:8.1f}  {seconds / base:5.1f}x floor")
    families = family_times(path, repeats)
    print("  per family: " + ", ".join(f"{k} {v * 1000:.1f}" for k, v in families.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="growth of each rule family with the size of a letter")
    parser.add_argument("--quick", action="store_true", help="fewer repeats, sizes up to 1,000 paragraphs")
    parser.add_argument("--large", action="store_true", help="time bench_lint.py's large letter against its floor")
    parser.add_argument("--profile", type=int, metavar="N", help="profile reading and checking a letter of N paragraphs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.profile:
            profile(build(Path(tmp), args.profile))
            return 0
        if args.large:
            large_letter(Path(tmp), 3 if args.quick else 7)
            return 0
        sizes = SIZES[:3] if args.quick else SIZES
        repeats = 3 if args.quick else 5
        table: dict[str, list[float]] = {}
        for size in sizes:
            for name, seconds in family_times(build(Path(tmp), size), repeats).items():
                table.setdefault(name, []).append(seconds)
    head = "| family        | " + " | ".join(f"{s:>8} ¶" for s in sizes) + " | exponent |"
    print("times in ms, best of %d; the families run on a letter already read and scanned" % repeats)
    print(head)
    print("|" + "---|" * (len(sizes) + 2))
    flagged = []
    for name, times in table.items():
        slope = exponent(sizes, times)
        mark = " super-linear" if slope > SUPER_LINEAR and times[-1] > 0.005 else ""
        if mark:
            flagged.append(name)
        cells = " | ".join(f"{t * 1000:>10.1f}" for t in times)
        print(f"| {name:<13} | {cells} | {slope:>8.2f} |{mark}")
    if flagged:
        print("super-linear (exponent > %.1f): %s" % (SUPER_LINEAR, ", ".join(flagged)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
