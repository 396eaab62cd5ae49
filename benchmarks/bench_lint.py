"""How fast kamerlint is, as the rows of issue 13: each a ratio of whole processes measured in one
run against its comparator. Run from the repository root: ``python benchmarks/bench_lint.py``
(``--quick`` for a short run). Prints a table; nothing here asserts a time.

* The letters: ``lint`` on the small letter and on a large one (1,500 paragraphs, 1,000 notes),
  beside the **floor**: a Python process that imports zipfile and lxml and parses the parts
  kamerlint reads (recorded while it reads, not guessed), nothing else.
* Start-up: ``lint --version`` beside ``python -c pass`` (the same interpreter).
* Memory: the peak RSS of ``lint --jobs 1`` over 1,000 small letters beside 10 of them.
* For scale, pandoc ``-t plain`` on the large letter where it is installed, and the growth per
  family from ``benchmarks/scaling.py`` where it exists.

The commands of a row take turns round by round (their order alternating), so that load from other
work on the machine hits both alike; a row's ratio is the median of the per-round ratios. Every
number comes from a non-editable install (``pip install .`` of the working tree into a fresh venv,
or the venv given with ``--venv``): the editable finder alone costs milliseconds of start-up.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from lxml import etree  # noqa: E402

from linter.limits import DEFAULT_LIMITS  # noqa: E402
from linter.formats import package as package_module  # noqa: E402
from linter.formats import read_document  # noqa: E402

LETTER = ROOT / "fixtures" / "kamerbrief-diaspora.docx"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
LARGE_PARAGRAPHS, LARGE_NOTES = 1500, 1000
BATCH_SMALL, BATCH_LARGE = 10, 1000


# -- what the floor does -----------------------------------------------------------------------


def parts_read(path: Path) -> list[str]:
    """The zip entries the reader inflates for ``path``, in order (recorded, not guessed)."""
    seen: list[str] = []
    original = package_module.Package.part

    def recording(self, name):
        data = original(self, name)
        if name not in seen:
            seen.append(name)
        return data

    package_module.Package.part = recording
    try:
        read_document(path.read_bytes(), str(path), DEFAULT_LIMITS)
    finally:
        package_module.Package.part = original
    return seen


def floor(path: Path, parts: list[str]) -> None:
    """Unzip the parts and parse the XML ones with lxml: the least any reader must do."""
    with zipfile.ZipFile(path) as z:
        names = {n.lower(): n for n in z.namelist()}
        for part in parts:
            data = z.read(names.get(part.lower(), part))
            if part != "mimetype":
                etree.fromstring(data, PARSER)


FLOOR_SCRIPT = """
import sys, zipfile
from lxml import etree
parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
path, parts = sys.argv[1], sys.argv[2:]
with zipfile.ZipFile(path) as z:
    names = {n.lower(): n for n in z.namelist()}
    for part in parts:
        data = z.read(names.get(part.lower(), part))
        if part != "mimetype":
            etree.fromstring(data, parser)
"""


# -- the install measured -----------------------------------------------------------------------


def make_venv(folder: Path) -> Path:
    """A fresh venv with ``pip install .`` of the working tree (not editable), by a current pip, as
    .ci/run installs and as pre-commit's virtualenv does: the console script pip writes is part
    of every run's start-up (pip before 25 wrote one that imports re first)."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    python = venv_python(folder)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-cache-dir", str(ROOT)], check=True)
    return folder


def launcher_imports(script: Path) -> str:
    """What the console script imports before kamerlint (``import re, sys`` from an old pip,
    ``import sys`` from a current one), as one statement for ``python -c``."""
    try:
        lines = script.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):  # a Windows .exe launcher
        return "import sys"
    names = [n.strip() for line in lines if line.startswith("import ") for n in line[7:].split(",")]
    return "import " + ", ".join(names or ["sys"])


def venv_python(folder: Path) -> Path:
    return folder / ("Scripts" if os.name == "nt" else "bin") / "python"


def check_install(folder: Path) -> str:
    """Where ``linter`` comes from in the venv, refusing an editable install or the working tree."""
    probe = (
        "import json, sys, importlib.metadata as m, linter;"
        "d = m.distribution('kamerlint'); u = d.read_text('direct_url.json') or '{}';"
        "print(json.dumps({'file': linter.__file__, 'editable': json.loads(u).get('dir_info', {}).get('editable', False),"
        " 'finders': [type(f).__name__ for f in sys.meta_path]}))"
    )
    # Run from a neutral folder so that the working tree is not on sys.path.
    out = subprocess.run([str(venv_python(folder)), "-c", probe], capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
    info = json.loads(out.stdout)
    inside_tree = Path(info["file"]).resolve().is_relative_to(ROOT)
    if info["editable"] or inside_tree or any("editable" in f.lower() for f in info["finders"]):
        raise SystemExit(f"{folder}: kamerlint is installed editable (or from the working tree); give a venv made with `pip install .`")
    return info["file"]


# -- timing -------------------------------------------------------------------------------------


def wall(argv: list[str], env: dict, cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    return time.perf_counter() - start


#: Starts the command and prints its peak RSS. A small process of its own: on Linux a child's
#: ru_maxrss counts the memory of the process it was forked from (the hiwater mark is carried
#: over exec), and this benchmark's own process holds the letters it built.
RSS_SCRIPT = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, _, usage = os.wait4(proc.pid, 0)
proc.returncode = 0
print(usage.ru_maxrss)
"""


def peak_rss(argv: list[str], env: dict, cwd: str) -> float:
    """The peak resident memory of one process, in MiB (its own rusage, started from a small
    process, see RSS_SCRIPT)."""
    out = subprocess.run([sys.executable, "-c", RSS_SCRIPT, *argv], capture_output=True, text=True, env=env, cwd=cwd, check=True)
    return int(out.stdout) / 1024  # KiB on Linux


def paired(measure, ours: list[str], theirs: list[str], rounds: int, env: dict, cwd: str, warm: bool = True) -> tuple[float, float, float]:
    """(median of ours, median of theirs, median of the per-round ratios), taking turns, the order
    alternating each round; one untimed round first warms the file cache (times only)."""
    if warm:
        measure(ours, env, cwd), measure(theirs, env, cwd)
    a, b = [], []
    for i in range(rounds):
        if i % 2:
            y, x = measure(theirs, env, cwd), measure(ours, env, cwd)
        else:
            x, y = measure(ours, env, cwd), measure(theirs, env, cwd)
        a.append(x)
        b.append(y)
    return statistics.median(a), statistics.median(b), statistics.median(x / y for x, y in zip(a, b))


# -- generated letters ----------------------------------------------------------------------------


def words_from_seed() -> list[str]:
    seed = ROOT / "fixtures" / "kamerbrief-diaspora.txt"
    text = seed.read_text(encoding="utf-8")
    return [w for w in text.split() if w.isalpha()]


def make_letter(path: Path, rng: random.Random, words: list[str], paragraphs: int, notes: int) -> None:
    """A letter of ``paragraphs`` paragraphs of about 120 words and ``notes`` footnotes, with a few
    bookmarks and REF fields, built like the fixtures (python-docx + lxml)."""
    from make_fixtures import bm, bme, build_docx, fn, note, p, simple_field, t

    note_at = sorted(rng.sample(range(paragraphs * 6), notes)) if notes <= paragraphs * 6 else list(range(notes))
    body, footnotes = [p(t("Geachte voorzitter,"))], []
    next_note = 1
    slot = 0
    for k in range(paragraphs):
        pieces = []
        if k % 25 == 0:
            pieces.append(bm(k, f"_Ref{1000 + k}"))
        for _ in range(6):  # six sentences of about 20 words
            sentence = " ".join(rng.choice(words) for _ in range(20))
            pieces.append(t(sentence[:1].upper() + sentence[1:] + "."))
            if next_note <= notes and note_at[next_note - 1] == slot:
                pieces.append(fn(next_note))
                footnotes.append(note(next_note, f"Kamerstuk {36000 + next_note}, nr. {next_note % 200 + 1}."))
                next_note += 1
            pieces.append(t(" "))
            slot += 1
        if k % 25 == 0:
            pieces.append(bme(k))
        if k % 25 == 10:
            pieces.append(simple_field(f" REF _Ref{1000 + k - 10} \\h ", "hierboven"))
        body.append(p(*pieces))
    build_docx(path, body, footnotes, title="benchmark")


def make_batches(folder: Path, rng: random.Random, words: list[str]) -> tuple[Path, Path]:
    """Two folders: 10 small letters, and 1,000 (those 10, each a hundred times): the same work
    per letter, so that only the number of letters differs."""
    small, large = folder / "batch-10", folder / "batch-1000"
    small.mkdir()
    large.mkdir()
    letters = []
    for i in range(BATCH_SMALL):
        path = small / f"letter{i:02d}.docx"
        make_letter(path, rng, words, paragraphs=rng.randint(8, 20), notes=rng.randint(5, 20))
        letters.append(path)
    for i in range(BATCH_LARGE):
        shutil.copyfile(letters[i % BATCH_SMALL], large / f"letter{i:04d}.docx")
    return small, large


# -- the run ------------------------------------------------------------------------------------


def verdict(ratio: float, goal: float | None) -> str:
    if goal is None:
        return ""
    return "met" if ratio <= goal else "NOT met"


def format_row(name: str, ours: float, theirs: float, ratio: float, unit: str, goal: float | None) -> str:
    scale = 1000 if unit == "ms" else 1
    goal_text = f"≤ {goal:g}×" if goal is not None else "(scale)"
    return (f"| {name:<46} | {ours * scale:>9.1f} | {theirs * scale:>9.1f} | {unit:<3} | {ratio:>6.2f}× "
            f"| {goal_text:>7} | {verdict(ratio, goal):<7} |")


HEADER = [
    "| row                                            |      ours |  against | unit |  ratio |    goal | goal    |",
    "|------------------------------------------------|----------:|---------:|-----|-------:|--------:|---------|",
]


def scaling_table(quick: bool) -> str:
    """The growth exponent per family, from benchmarks/scaling.py when it exists."""
    script = ROOT / "benchmarks" / "scaling.py"
    if not script.exists():
        return "scaling: benchmarks/scaling.py is not on this branch."
    argv = [sys.executable, str(script)] + (["--quick"] if quick else [])
    out = subprocess.run(argv, capture_output=True, text=True, check=False)
    if out.returncode != 0 and quick:  # a scaling script without --quick
        out = subprocess.run(argv[:-1], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        return f"scaling: benchmarks/scaling.py failed (exit {out.returncode}):\n{out.stderr.strip()}"
    return out.stdout.rstrip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kamerlint benchmark: the rows of issue 13")
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a first look, not figures to keep)")
    parser.add_argument("--rounds", type=int, default=None, help="rounds per row (default 21, --quick 5)")
    parser.add_argument("--venv", type=Path, help="measure this venv (kamerlint installed with `pip install .`); "
                        "default: make a fresh one from the working tree and remove it afterwards")
    args = parser.parse_args(argv)
    rounds = args.rounds or (5 if args.quick else 21)
    memory_rounds = 1 if args.quick else 2  # peak memory hardly varies between runs

    with tempfile.TemporaryDirectory(prefix="kamerlint-bench-") as tmp:
        work = Path(tmp)
        venv = args.venv.resolve() if args.venv else make_venv(work / "venv")
        installed = check_install(venv)
        python = str(venv_python(venv))
        lint = str(venv_python(venv).parent / "lint")
        # A neutral folder (no configuration file above it, the tree not on sys.path), no colour.
        env = dict(os.environ, NO_COLOR="1")
        env.pop("PYTHONPATH", None)
        cwd = str(work)

        # The letters sit in the temporary folder, as the large one does: no configuration file
        # above them (the repository's pyproject.toml would be read and parsed, for nothing).
        small = work / LETTER.name
        shutil.copyfile(LETTER, small)
        rng = random.Random(2026)
        words = words_from_seed()
        large = work / "large.docx"
        make_letter(large, rng, words, paragraphs=LARGE_PARAGRAPHS, notes=LARGE_NOTES)
        batch_small, batch_large = make_batches(work, rng, words)
        small_parts, large_parts = parts_read(small), parts_read(large)

        def floor_of(path: Path, parts: list[str]) -> list[str]:
            return [python, "-c", FLOOR_SCRIPT, str(path), *parts]

        lines = list(HEADER)

        def add(name, measure, ours, theirs, unit, goal, n=rounds):
            measured = paired(measure, ours, theirs, n, env, cwd, warm=measure is wall)
            lines.append(format_row(name, *measured, unit, goal))
            print(lines[-1], file=sys.stderr, flush=True)  # progress, the table comes at the end

        add(f"{LETTER.name}, all rules / floor", wall, [lint, str(small)], floor_of(small, small_parts), "ms", 1.8)
        add("large letter, all rules / floor", wall, [lint, str(large)], floor_of(large, large_parts), "ms", 3.0)
        add("large letter, --select FN,BM,IO / floor", wall, [lint, "--select", "FN,BM,IO", str(large)],
            floor_of(large, large_parts), "ms", 2.0)
        add("lint --version / python -c pass", wall, [lint, "--version"], [python, "-c", "pass"], "ms", 1.5)
        preamble = launcher_imports(Path(lint))
        add(f"  (pip's script alone: {preamble})", wall, [python, "-c", preamble], [python, "-c", "pass"], "ms", None)
        add("lint rule FN001 / python -c pass", wall, [lint, "rule", "FN001"], [python, "-c", "pass"], "ms", None)
        add(f"peak RSS, {BATCH_LARGE} letters / {BATCH_SMALL}, --jobs 1", peak_rss,
            [lint, "--jobs", "1", "-q", str(batch_large)], [lint, "--jobs", "1", "-q", str(batch_small)], "MiB", 1.5,
            n=memory_rounds)
        add("  (the same with --statistics: no report text)", peak_rss,
            [lint, "--jobs", "1", "-q", "--statistics", str(batch_large)],
            [lint, "--jobs", "1", "-q", "--statistics", str(batch_small)], "MiB", None, n=memory_rounds)
        pandoc = shutil.which("pandoc")
        if pandoc:
            add("pandoc -t plain / lint, large letter (scale)", wall, [pandoc, "-t", "plain", str(large)], [lint, str(large)], "ms", None)
        else:
            lines.append("| pandoc -t plain / lint, large letter: pandoc is not installed here |")

        scaling = scaling_table(args.quick)
        large_kb = large.stat().st_size / 1024

    print(f"kamerlint benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: Python {platform.python_version()}, "
          f"{platform.machine()}, nproc {os.cpu_count()}, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"installed (not editable): {installed}; {rounds} rounds a row, medians of per-round ratios\n")
    print("\n".join(lines))
    print(f"\nfloor = a process that imports zipfile and lxml and parses the parts kamerlint reads: {', '.join(small_parts)}"
          f" (small letter); large letter: {LARGE_PARAGRAPHS} paragraphs, {LARGE_NOTES} notes, {large_kb:.0f} KB.")
    print(f"peak RSS: lint --jobs 1 over {BATCH_LARGE} letters (10 distinct, each 100 times) against the 10.")
    print()
    print(scaling)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
