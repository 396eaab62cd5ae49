"""How fast kamerlint checks a letter, beside the floor: unzipping the same parts and parsing them
with lxml, nothing else. Run from the repository root: ``python benchmarks/bench_lint.py``
(``--quick`` for fewer repeats). Prints a table; nothing here asserts a time.

1. Whole process: ``lint`` on one letter (a fresh interpreter each time, the median of several
   runs) beside a process that only unzips and parses the parts ``lint`` reads.
2. In process, per letter: a batch of generated letters and one large letter (300 pages, 1,000
   notes), each read and checked with all rules, beside its floor, in the same run.
3. Start-up: importing python-docx beside importing our own zip path (zipfile + lxml + the
   reader), and opening a letter with python-docx beside opening it with our package layer.
"""

from __future__ import annotations

import argparse
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

from linter.engine import lint_path  # noqa: E402
from linter.limits import DEFAULT_LIMITS  # noqa: E402
from linter.formats import package as package_module  # noqa: E402
from linter.formats import read_document  # noqa: E402
from linter.settings import Settings  # noqa: E402

LETTER = ROOT / "fixtures" / "kamerbrief-diaspora.docx"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


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


# -- timing -------------------------------------------------------------------------------------


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process_times(commands: dict[str, list[str]], repeats: int) -> dict[str, tuple[float, float]]:
    """(median, best) wall time of each command, each in a fresh process. The commands take turns
    round by round, so that a busy moment on a shared machine hits all of them alike."""
    env = dict(os.environ, NO_COLOR="1")
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(repeats + 1):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
            if round_:  # the first round only warms the file cache
                times[name].append(time.perf_counter() - start)
    return {name: (statistics.median(t), min(t)) for name, t in times.items()}


def lint_command() -> list[str]:
    script = shutil.which("lint")
    if script:
        return [script]
    return [sys.executable, "-c", "import sys; from linter.cli import main; sys.exit(main())"]


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


def fix_time(path: Path, settings, repeats: int) -> tuple[float, int]:
    """What ``--fix`` costs in process: read, check, write, read back and check again until
    nothing changes (the bytes are not written to disk)."""
    from linter.engine import check_document
    from linter.fixing import fix_data

    data = path.read_bytes()
    outcome = []

    def once():
        outcome[:] = [fix_data(data, str(path), settings, lambda doc: check_document(doc, str(path), settings))]

    return median_time(once, repeats), outcome[0].fixed


# -- the run ------------------------------------------------------------------------------------


def row(name: str, ours: float, base: float, unit: str = "ms") -> str:
    scale = 1000 if unit == "ms" else 1
    return f"| {name:<52} | {ours * scale:>10.1f} | {base * scale:>10.1f} | {ours / base if base else float('nan'):>6.1f}x |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kamerlint benchmark")
    parser.add_argument("--quick", action="store_true", help="fewer repeats and a smaller batch")
    parser.add_argument("--batch", type=int, default=50, help="letters in the batch (default 50)")
    args = parser.parse_args(argv)
    repeats = 5 if args.quick else 15
    batch_size = 10 if args.quick else args.batch

    print(f"kamerlint benchmark: Python {platform.python_version()}, {platform.machine()}, nproc {os.cpu_count()}, "
          f"{platform.system()} {platform.release()}")
    lines = ["| measurement                                          |       ours |      floor |  ratio |",
             "|------------------------------------------------------|-----------:|-----------:|-------:|"]

    # 1. Whole process on one letter.
    parts = parts_read(LETTER)
    py = sys.executable
    procs = process_times(
        {
            "lint": lint_command() + ["--select", "FN,BM,IO", str(LETTER)],
            "lint-all": lint_command() + [str(LETTER)],
            "floor": [py, "-c", FLOOR_SCRIPT, str(LETTER), *parts],
            "bare": [py, "-c", "pass"],
            "import-docx": [py, "-c", "import docx"],
            "import-ours": [py, "-c", "import linter.formats.docx.read, linter.formats.package"],
            "import-floor": [py, "-c", "import zipfile, lxml.etree"],
        },
        repeats,
    )
    floor_proc = procs["floor"][0]
    lines.append(row(f"process: lint {LETTER.name} (FN,BM,IO)", procs["lint"][0], floor_proc))
    lines.append(row(f"process: lint {LETTER.name} (all rules)", procs["lint-all"][0], floor_proc))
    lines.append(row("process: python -c pass (interpreter alone)", procs["bare"][0], floor_proc))

    # 3. Start-up cost of python-docx beside our own zip path: best run minus the best bare start,
    # as medians of small differences drown in noise.
    bare = procs["bare"][1]
    import_floor = procs["import-floor"][1] - bare
    lines.append(row("import python-docx (best, beyond interpreter start)", procs["import-docx"][1] - bare, import_floor))
    lines.append(row("import our .docx reader (best, beyond start)", procs["import-ours"][1] - bare, import_floor))
    check = subprocess.run(
        [sys.executable, "-c", "import sys; from linter.engine import lint_path; from linter.settings import Settings; "
         f"lint_path(__import__('pathlib').Path({str(LETTER)!r}), Settings()); print('docx' in sys.modules)"],
        capture_output=True, text=True, check=False)
    uses_python_docx = check.stdout.strip() == "True"

    import docx  # noqa: F401  (imported once here so only opening is timed below)

    from linter.formats.xml import parse_xml

    data = LETTER.read_bytes()

    def open_ours():
        package = package_module.open_package(data, DEFAULT_LIMITS)
        main_part = package.main_part
        parse_xml(package.part(main_part), main_part, DEFAULT_LIMITS)
        return main_part

    main_parts = ["_rels/.rels", open_ours()]
    open_floor = median_time(lambda: floor(LETTER, main_parts), repeats)
    lines.append(row("open letter: python-docx Document()", median_time(lambda: docx.Document(str(LETTER)), repeats), open_floor))
    lines.append(row("open letter: our package layer + main part", median_time(open_ours, repeats), open_floor))

    # 2. In process: a batch of letters and a large one.
    rng = random.Random(2026)
    words = words_from_seed()
    with tempfile.TemporaryDirectory() as tmp:
        batch = []
        for i in range(batch_size):
            path = Path(tmp) / f"letter{i:03d}.docx"
            make_letter(path, rng, words, paragraphs=rng.randint(8, 20), notes=rng.randint(5, 20))
            batch.append(path)
        large = Path(tmp) / "large.docx"
        make_letter(large, rng, words, paragraphs=1250, notes=1000)  # ~120 words a paragraph, 4 a page: 300 pages
        batch_parts = {path: parts_read(path) for path in batch + [large]}
        settings = Settings()
        fnbm = Settings(select=["FN", "BM", "IO"])

        def each(fn):
            return median_time(lambda: [fn(path) for path in batch], max(3, repeats // 3)) / len(batch)

        batch_floor = each(lambda path: floor(path, batch_parts[path]))
        batch_read = each(lambda path: read_document(path.read_bytes(), str(path), DEFAULT_LIMITS))
        batch_fnbm = each(lambda path: lint_path(path, fnbm))
        batch_all = each(lambda path: lint_path(path, settings))
        lines.append(row(f"batch of {batch_size}, per letter: read only", batch_read, batch_floor))
        lines.append(row(f"batch of {batch_size}, per letter: lint FN,BM,IO", batch_fnbm, batch_floor))
        lines.append(row(f"batch of {batch_size}, per letter: lint all rules", batch_all, batch_floor))

        large_repeats = max(3, repeats // 3)
        large_floor = median_time(lambda: floor(large, batch_parts[large]), large_repeats)
        large_read = median_time(lambda: read_document(large.read_bytes(), str(large), DEFAULT_LIMITS), large_repeats)
        large_fnbm = median_time(lambda: lint_path(large, fnbm), large_repeats)
        large_all = median_time(lambda: lint_path(large, settings), large_repeats)
        doc = read_document(large.read_bytes(), str(large), DEFAULT_LIMITS)
        pages = sum(len(p.text.split()) for p in doc.paragraphs("body")) / 500
        size_kb = large.stat().st_size / 1024
        lines.append(row("large letter: read only", large_read, large_floor))
        lines.append(row("large letter: lint FN,BM,IO", large_fnbm, large_floor))
        lines.append(row("large letter: lint all rules", large_all, large_floor))
        large_fix, fixed = fix_time(large, settings, large_repeats)
        lines.append(row(f"large letter: --fix, all rules ({fixed} fixes)", large_fix, large_floor))

    print("\n".join(lines))
    print(f"\nlarge letter: about {pages:.0f} pages of 500 words, {len(list(doc.normal_notes()))} notes, {size_kb:.0f} KB;"
          f" parts read: {', '.join(batch_parts[large])}")
    print(f"lint imports python-docx when checking a .docx: {'yes' if uses_python_docx else 'no'}")
    print("floor = unzip the parts the reader reads and parse them with lxml, nothing else; ratio = ours / floor.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
