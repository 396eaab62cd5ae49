"""Two installs of kamerlint on the large letter, each against the floor, in the same rounds.

    python benchmarks/compare.py --venv OLD --venv NEW      # e.g. main before and after a change
    python benchmarks/compare.py --venv NEW --rounds 41 --paragraphs 300

On a machine whose speed drifts (a shared VM), one run of bench_lint.py puts the same commit at
2.8× in one run and 3.4× in another: the floor and kamerlint do not slow down alike. Here the
floor and every install take turns within each round (the order rotating), so each install's
per-round ratio meets the same moments of the machine, and a change is seen against the commit
before it rather than against another hour. Prints each install's median ratio and its
quartiles. Nothing here asserts a time. The venvs are made as bench_lint.py's are (`pip install
.`, not editable); `--venv` refuses an editable one.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_lint  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, action="append", required=True, help="a venv with kamerlint installed (repeat)")
    parser.add_argument("--rounds", type=int, default=31)
    parser.add_argument("--paragraphs", type=int, default=bench_lint.LARGE_PARAGRAPHS)
    parser.add_argument("--notes", type=int, default=bench_lint.LARGE_NOTES)
    args = parser.parse_args(argv)
    venvs = [v.resolve() for v in args.venv]
    for venv in venvs:
        bench_lint.check_install(venv)
    env = dict(os.environ, NO_COLOR="1")
    env.pop("PYTHONPATH", None)
    with tempfile.TemporaryDirectory(prefix="kamerlint-compare-") as tmp:
        letter = Path(tmp) / "large.docx"
        bench_lint.make_letter(letter, random.Random(2026), bench_lint.words_from_seed(), args.paragraphs, args.notes)
        floor = [str(bench_lint.venv_python(venvs[0])), "-c", bench_lint.FLOOR_SCRIPT, str(letter), *bench_lint.parts_read(letter)]
        commands = [floor] + [[str(bench_lint.venv_python(v).parent / "lint"), str(letter)] for v in venvs]
        for command in commands:  # warm the file cache
            bench_lint.wall(command, env, tmp)
        times: list[list[float]] = [[] for _ in commands]
        for i in range(args.rounds):
            order = list(range(len(commands)))
            for j in order[i % len(order):] + order[: i % len(order)]:
                times[j].append(bench_lint.wall(commands[j], env, tmp))
    print(f"large letter ({args.paragraphs} paragraphs, {args.notes} notes), {args.rounds} rounds; "
          f"floor median {statistics.median(times[0]) * 1000:.1f} ms")
    for venv, own in zip(venvs, times[1:]):
        ratios = [t / f for t, f in zip(own, times[0])]
        q1, _, q3 = statistics.quantiles(ratios, n=4)
        print(f"  {venv}: {statistics.median(own) * 1000:.1f} ms, {statistics.median(ratios):.2f}× the floor "
              f"(quartiles {q1:.2f}–{q3:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
