"""Lint every file of the public test corpus and print, as Markdown, how many read cleanly, how
many give each IO code, and the slowest files. For the README's reliability section:

    python scripts/robustness_report.py [FOLDER] [--slowest N]

FOLDER defaults to ../shared/corpus/public. Every file is linted whatever its name, as a user
naming it on the command line would. Exit status 1 if any file gave IO005 (a kamerlint bug) or
raised an exception.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.engine import lint_path  # noqa: E402
from linter.registry import get_rule  # noqa: E402
from linter.settings import Settings  # noqa: E402

DEFAULT_FOLDER = ROOT.parent / "shared" / "corpus" / "public"
SKIP = {"SOURCES.tsv", "LICENSE", "README.md"}


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in SKIP)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--slowest", type=int, default=10)
    args = parser.parse_args(argv)

    files = corpus_files(args.folder)
    if not files:
        print(f"No files in {args.folder}.", file=sys.stderr)
        return 2
    settings = Settings()
    io_counts: Counter[str] = Counter()
    io_files: dict[str, list[str]] = {}
    timings: list[tuple[float, str, str]] = []
    crashed: list[tuple[str, str]] = []
    messages: dict[str, str] = {}
    clean = findings_total = 0
    started = time.perf_counter()
    for path in files:
        name = str(path.relative_to(args.folder))
        t0 = time.perf_counter()
        try:
            found = lint_path(path, settings, display=name)
        except Exception:  # the engine should never let one out: count it, keep going
            crashed.append((name, traceback.format_exc(limit=3)))
            continue
        seconds = time.perf_counter() - t0
        io = sorted({d.code for d in found if d.code.startswith("IO")})
        for d in found:
            if d.code.startswith("IO") and d.code != "IO004":
                messages.setdefault(name, f"{d.code}: {d.message}")
        findings_total += len(found)
        if not any(code != "IO004" for code in io):
            clean += 1
        for code in io:
            io_counts[code] += 1
            io_files.setdefault(code, []).append(name)
        timings.append((seconds, name, ", ".join(io) or "read"))
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    out = [
        f"Linted {len(files)} files from `{args.folder.name}/` ({', '.join(sorted({p.parent.name for p in files}))}) "
        f"in {elapsed:.1f} s, peak memory {peak_mb:.0f} MB; {findings_total} findings in all.",
        "",
        "| result | files |",
        "|---|---:|",
        f"| read and checked (no IO finding, or only IO004) | {clean} |",
    ]
    for code in sorted(io_counts):
        rule = get_rule(code)
        out.append(f"| {code} {rule.name if rule else ''} | {io_counts[code]} |")
    out.append(f"| uncaught exception (traceback) | {len(crashed)} |")
    out += ["", f"Slowest {min(args.slowest, len(timings))} files:", "", "| file | seconds | result |", "|---|---:|---|"]
    for seconds, name, result in sorted(timings, reverse=True)[: args.slowest]:
        out.append(f"| `{name}` | {seconds:.2f} | {result} |")
    if messages:
        out += ["", "Files that could not be checked, and what kamerlint told the user:", ""]
        out += [f"- `{name}`: {message}" for name, message in sorted(messages.items())]
    if io_files.get("IO005"):
        out += ["", "IO005 (kamerlint bugs; rerun with KAMERLINT_DEBUG=1 for the traceback):", ""]
        out += [f"- `{name}`" for name in io_files["IO005"]]
    for name, tb in crashed:
        out += ["", f"Exception in `{name}`:", "", "```", tb.rstrip(), "```"]
    print("\n".join(out))
    return 1 if crashed or io_files.get("IO005") else 0


if __name__ == "__main__":
    sys.exit(main())
