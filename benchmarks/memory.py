"""Peak memory and time against input size, up to the limits (linter/limits.py). Run from the
repository root: ``python benchmarks/memory.py`` (``--quick``: the smallest and largest size only).

For .docx parts (the XML kamerlint unpacks and parses) and for text drafts, from small to the
limit, each in the shape that costs the most for its size (what a hostile sender would choose),
beside an ordinary letter's shape:

- docx ``letter``: paragraphs of ordinary sentences with footnote references and notes;
  ``empty paragraphs``: ``<w:p/>`` and nothing else, the most objects per byte;
  ``table cells``: one-character cells; ``findings``: a placeholder every few characters, up to
  ``max_findings``;
- text ``letter``: the seed letter's text over and over; ``tiny paragraphs``: ``a`` and a blank
  line; ``Markdown table``: one-character cells, the most tokens per byte;
  ``findings``: as for .docx.

Each size is checked by ``lint`` in a fresh process, as a user runs it (``--jobs 1``, the report
to /dev/null), and with ``--fix`` for the shapes a fix can change; peak memory is the process's
own high-water mark (VmHWM; ru_maxrss carries the parent's peak across fork and exec on Linux).
One size past each limit shows the IO003 that stops the input, in how long. The table ends with
the growth exponent of memory and time per shape (the slope of log over log size: 1 is linear) and
whether the largest size stayed under 1 GB and 30 s. Nothing here asserts; tests/test_limits.py
checks the costliest shapes at the limits.
"""

from __future__ import annotations

import argparse
import math
import random
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

import make_hostile  # noqa: E402

from linter.limits import DEFAULT_LIMITS  # noqa: E402

MB = 1024 * 1024
GB = 1024 * MB
BUDGET_BYTES, BUDGET_SECONDS = GB, 30.0

MEASURE = """
import sys, time
from linter.cli import main
start = time.monotonic()
code = main(sys.argv[1:])
seconds = time.monotonic() - start
peak = 0
with open("/proc/self/status") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) * 1024
sys.stderr.write(f"\\nMEASURED {code} {peak} {seconds}\\n")
"""

W = make_hostile.W_NS
SENTENCE = (
    "Met deze brief informeer ik uw Kamer over de uitvoering van de motie en over de voortgang van het "
    "beleid in het afgelopen jaar, zoals toegezegd in het commissiedebat."
)


#: What a generated package holds besides the repeated unit: [Content_Types].xml, the
#: relationships and the document's frame. Sizes are of all the XML together, as max_total_bytes.
PACKAGE_XML = 2048


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


# -- .docx: the XML parts -----------------------------------------------------------------------------

FOOTNOTES_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'


def docx_letter(size: int) -> bytes:
    """Paragraphs of ordinary sentences, every other one with a footnote: ``size`` bytes of XML."""
    paragraphs, notes, n = [], [], 0
    used = 0
    while used < size - PACKAGE_XML - 600:
        n += 1
        para = (
            f'<w:p><w:r><w:t xml:space="preserve">{SENTENCE} {SENTENCE}</w:t></w:r>'
            f'<w:r><w:rPr><w:rStyle w:val="Voetnootmarkering"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {SENTENCE}</w:t></w:r></w:p>'
        )
        note = f'<w:footnote w:id="{n}"><w:p><w:r><w:t xml:space="preserve">Kamerstuk 36 725 XVII, nr. {n}.</w:t></w:r></w:p></w:footnote>'
        paragraphs.append(para)
        notes.append(note)
        used += len(para) + len(note)
    footnotes = (FOOTNOTES_HEAD + "".join(notes) + "</w:footnotes>").encode()
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
        "</Relationships>"
    ).encode()
    return make_hostile.zip_of({
        "[Content_Types].xml": make_hostile.CONTENT_TYPES.encode(), "_rels/.rels": make_hostile.ROOT_RELS.encode(),
        "word/document.xml": make_hostile.document_xml("".join(paragraphs)), "word/footnotes.xml": footnotes,
        "word/_rels/document.xml.rels": rels,
    })


def placeholders(size: int) -> str:
    """A placeholder every few characters, with numbers between them so that the text does not
    compress a thousandfold (which max_compression_ratio refuses at once)."""
    rng = random.Random(size)
    out, used = [], 0
    while used + 8 <= size:
        piece = f"PM {rng.randrange(100, 999)} "
        out.append(piece)
        used += len(piece)
    return "".join(out)


def docx_shape(unit: str, before: str = "", after: str = ""):
    def make(size: int) -> bytes:
        return make_hostile.docx_with(make_hostile.document_xml(before + _repeat(unit, size - PACKAGE_XML) + after))
    return make


DOCX_SHAPES = {
    "letter": docx_letter,
    "empty paragraphs": docx_shape("<w:p/>"),
    "table cells": docx_shape("<w:tbl><w:tr>" + "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>" * 20 + "</w:tr></w:tbl>"),
    "findings": lambda size: make_hostile.docx_with(make_hostile.document_xml(
        "<w:p><w:r><w:t>" + placeholders(size - PACKAGE_XML) + "</w:t></w:r></w:p>")),
}
#: Shapes with something for --fix to change: the letter with its citations written wrongly, and
#: the costliest shape with one fix (the fix loop reads the file again after writing it).
ONE_FIX = "<w:p><w:r><w:t>Zie Kamerstuk 33625, nr. 287.</w:t></w:r></w:p>"
DOCX_FIXABLE = {
    "letter": lambda size: docx_letter(size).replace(b"Kamerstuk 36 725 XVII", b"Kamerstuk 36725-XVII"),
    "empty paragraphs": docx_shape("<w:p/>", ONE_FIX),
}


def xml_bytes(data: bytes) -> int:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        return sum(i.file_size for i in z.infolist() if i.filename.endswith((".xml", ".rels")))


# -- text drafts ------------------------------------------------------------------------------------


def seed_text() -> str:
    return (ROOT / "fixtures" / "kamerbrief-diaspora.txt").read_text(encoding="utf-8")


def markdown_table(size: int) -> str:
    columns = 50
    head = "| " + " | ".join("k" for _ in range(columns)) + " |\n|" + "---|" * columns + "\n"
    return head + _repeat("| " + " | ".join("v" for _ in range(columns)) + " |\n", size - len(head))


TEXT_SHAPES = {
    "letter": (".txt", lambda size: _repeat(seed_text() + "\n", size)),
    "tiny paragraphs": (".txt", lambda size: _repeat("a\n\n", size)),
    "Markdown table": (".md", markdown_table),
    "findings": (".txt", placeholders),
}
TEXT_FIXABLE = {
    "letter": (".txt", lambda size: _repeat(seed_text() + "\n", size)),
    "Markdown table": (".md", lambda size: "Zie Kamerstuk 33625, nr. 287.\n\n" + markdown_table(size - 40)),
}


# -- measuring ---------------------------------------------------------------------------------------


def measure(path: Path, *options: str) -> tuple[int, float, str]:
    """Peak bytes, seconds and exit code of ``lint`` on one file in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, "--isolated", "-q", "--jobs", "1", "--output-format", "concise", *options, str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    line = [x for x in done.stderr.splitlines() if x.startswith("MEASURED")]
    if not line:
        raise RuntimeError(done.stderr[-2000:])
    _, code, peak, seconds = line[-1].split()
    io003 = "IO003" in done.stdout
    return int(peak), float(seconds), code + (" IO003" if io003 else "")


def sizes_up_to(limit: int, quick: bool) -> list[int]:
    """Powers of two from 1 MB (from 1/8 of a limit under 4 MB, the text drafts') to the limit."""
    start = MB if limit >= 4 * MB else limit // 8
    out, size = [], start
    while size < limit:
        out.append(size)
        size *= 2
    out.append(limit)
    return [out[0], out[-1]] if quick else out


def exponent(sizes, values) -> float:
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(v, 1e-9)) for v in values]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def run_family(title: str, limit: int, shapes: dict, make_file, quick: bool, options: tuple[str, ...] = (), floor: int = 0) -> list[str]:
    """Rows for each shape at each size, and a verdict per shape. ``floor``: the peak of a run on
    a small letter (the interpreter and kamerlint's imports), left out of the bytes per byte and
    the growth exponent."""
    unit = "characters" if title.startswith("text") else "bytes of XML"
    rows = [f"{title} (limit {limit:,} {unit})", "| shape | size MB | peak MB | seconds | bytes per input byte (above the floor) | exit |", "|---|---:|---:|---:|---:|---|"]
    verdicts = []
    for name, maker in shapes.items():
        sizes, peaks, times = [], [], []
        for size in sizes_up_to(limit, quick):
            path, measured_size = make_file(name, maker, size)
            peak, seconds, code = measure(path, *options)
            sizes.append(measured_size)
            peaks.append(peak)
            times.append(seconds)
            rows.append(f"| {name} | {measured_size / MB:.2f} | {peak / MB:.0f} | {seconds:.1f} | {(peak - floor) / measured_size:.0f} | {code} |")
        if not options:  # (--fix and --diff report nothing of a file they cannot read)
            path, over = make_file(name, maker, limit + limit // 16)
            peak, seconds, code = measure(path)
            rows.append(f"| {name}, past the limit | {over / MB:.2f} | {peak / MB:.0f} | {seconds:.1f} | | {code} |")
        base = [max(p - floor, 1) for p in peaks]
        within = peaks[-1] < BUDGET_BYTES and times[-1] < BUDGET_SECONDS
        growth = f"memory {exponent(sizes, base):.2f}, time {exponent(sizes, times):.2f}" if len(sizes) > 1 else "one size"
        verdicts.append(f"  {name}: growth {growth}; at the limit {peaks[-1] / MB:.0f} MB, {times[-1]:.1f} s: {'within' if within else 'OVER'} 1 GB and 30 s")
    return rows + [""] + verdicts + [""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="peak memory and time against input size, up to the limits")
    parser.add_argument("--quick", action="store_true", help="the smallest size and the limit only")
    parser.add_argument("--only", choices=["docx", "text"], help="one family")
    args = parser.parse_args(argv)
    limits = DEFAULT_LIMITS
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)

        def docx_file(name, maker, size):
            data = maker(size)
            path = folder / f"{name.replace(' ', '-')}.docx"
            path.write_bytes(data)
            return path, xml_bytes(data)

        def text_file(name, made, size):
            suffix, maker = made
            text = maker(size)
            path = folder / f"{name.replace(' ', '-')}{suffix}"
            path.write_text(text, encoding="utf-8")
            return path, len(text)

        started = time.monotonic()
        docx_floor = measure(ROOT / "fixtures" / "kamerbrief-diaspora.docx")[0]
        text_floor = measure(ROOT / "fixtures" / "kamerbrief-diaspora.txt")[0]
        out = [f"the floor: {docx_floor / MB:.0f} MB (.docx), {text_floor / MB:.0f} MB (text): lint on the fixtures' diaspora letter", ""]
        if args.only in (None, "docx"):
            limit = limits.max_total_bytes
            out += run_family(".docx parts, lint", limit, DOCX_SHAPES, docx_file, args.quick, floor=docx_floor)
            out += run_family(".docx parts, lint --fix", limit, DOCX_FIXABLE, docx_file, args.quick, ("--fix",), docx_floor)
            out += run_family(".docx parts, lint --diff", limit, {"empty paragraphs": DOCX_FIXABLE["empty paragraphs"]}, docx_file, args.quick, ("--diff",), docx_floor)
        if args.only in (None, "text"):
            limit = limits.max_text_chars
            out += run_family("text drafts, lint", limit, TEXT_SHAPES, text_file, args.quick, floor=text_floor)
            out += run_family("text drafts, lint --fix", limit, TEXT_FIXABLE, text_file, args.quick, ("--fix",), text_floor)
            out += run_family("text drafts, lint --diff", limit, {"Markdown table": TEXT_FIXABLE["Markdown table"]}, text_file, args.quick, ("--diff",), text_floor)
    print("\n".join(out))
    print(f"({time.monotonic() - started:.0f} s in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
