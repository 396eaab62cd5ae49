"""What ``lint --verify`` costs, as issue 21 asks it (run from the repository root:
``python benchmarks/bench_verify.py``; ``--rounds N``). Prints a table; nothing here asserts a time.

* **Warm cache**: a letter of 20 references (moties of ``../shared/corpus/opendata`` cited in the
  Kamer's spelling, with their subjects) checked with ``--verify`` after ``lint sync`` filled the
  cache, beside the same letter with ``verify = "off"``: whole processes, taking turns round by
  round (their order alternating), the ratio the median of the per-round ratios. The bar: 1.3x.
* **A server that never answers** (accepts, never replies): how long ``lint --verify`` on the same
  letter runs, with the default time-out, and what it says. The bar: 20 s.

Both sources are tests/record_server.py on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from record_server import RecordServer  # noqa: E402
from verify_letters import moties  # noqa: E402

from linter.verify.cited import house_style  # noqa: E402


def twenty_references() -> str:
    picked = moties()[::20][:20]
    lines = ["Geachte voorzitter,", ""]
    for m in picked:
        lines.append(f"In deze brief ga ik in op de motie {m.phrase} over {m.subject} ({house_style(m.id)}).")
    return "\n".join(lines) + "\n"


def run(args: list[str], env: dict, cwd: str) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "linter.cli", *args], env=env, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    opts = parser.parse_args()
    work = tempfile.mkdtemp(prefix="kamerlint-bench-verify-")
    letter = Path(work) / "brief.txt"
    letter.write_text(twenty_references(), encoding="utf-8")
    off = Path(work) / "off.toml"
    off.write_text('verify = "off"\n')
    server = RecordServer()
    env = {**os.environ, "KAMERLINT_VERIFY_URL": server.url, "KAMERLINT_OPENDATA_URL": server.odata_url,
           "KAMERLINT_CACHE_DIR": str(Path(work) / "cache"), "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    try:
        _, synced = run(["sync", str(letter)], env, work)
        print(f"sync: {synced.stdout.strip()}")
        with_verify = ["--verify", str(letter)]
        without = ["--config", str(off), str(letter)]
        _, first = run(with_verify, env, work)
        asked = len(server.requests)
        ratios, times_on, times_off = [], [], []
        for i in range(opts.rounds):
            pair = [(with_verify, times_on), (without, times_off)]
            for args, into in pair if i % 2 == 0 else pair[::-1]:
                into.append(run(args, env, work)[0])
            ratios.append(times_on[-1] / times_off[-1])
        assert len(server.requests) == asked, "a warm run asked the network"
        print(f"warm cache, 20 references, {opts.rounds} rounds: --verify {statistics.median(times_on) * 1000:.0f} ms, "
              f"verify off {statistics.median(times_off) * 1000:.0f} ms, ratio {statistics.median(ratios):.2f}x (bar 1.30x)")
        print(f"  its summary: {first.stdout.strip().splitlines()[-1]}")
        server.mode = server.odata_mode = "never"
        env["KAMERLINT_CACHE_DIR"] = str(Path(work) / "empty-cache")
        seconds, out = run(with_verify, env, work)
        print(f"a server that never answers: the run ended after {seconds:.1f} s (bar 20 s), exit {out.returncode}")
        print(f"  its summary: {out.stdout.strip().splitlines()[-1]}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
