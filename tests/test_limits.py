"""Memory and time are bounded by the limits (linter/limits.py), not by luck: the costliest input
within them, checked, fixed or diffed, stays under 1 GB and 30 s; input beyond them is IO003 in
seconds; and the limits stand far above what real letters need. The inputs are made here
(benchmarks/memory.py's shapes, which its table measures from 1 MB to the limits). The 1 GB and
30 s bounds are the behaviour under test, not a speed claim; peak memory is each run's own
(VmHWM)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, PEAK_MEMORY, ROOT, SHARED, needs_shared
from linter.limits import DEFAULT_LIMITS

sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))
import make_hostile  # noqa: E402
import memory  # noqa: E402  (benchmarks/memory.py: the shapes it measures)

GB = 1024**3
MB = 1024**2
LIMITS = DEFAULT_LIMITS

MEASURE = PEAK_MEMORY + """
import sys, time
from linter.cli import main
start = time.monotonic()
code = main(sys.argv[1:])
sys.stderr.write(f"\\nMEASURED {code} {peak_memory()} {time.monotonic() - start}\\n")
"""


def run(path: Path, *options: str) -> tuple[int, int, float, str]:
    """Exit code, peak bytes, seconds and report of ``lint`` on one file in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, "--isolated", "--jobs", "1", "--output-format", "concise", *options, str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    line = [x for x in done.stderr.splitlines() if x.startswith("MEASURED")]
    assert line, done.stderr[-2000:]
    _, code, peak, seconds = line[-1].split()
    return int(code), int(peak), float(seconds), done.stdout


def xml_size(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return sum(i.file_size for i in z.infolist() if i.filename.endswith((".xml", ".rels")))


# -- within the limits ------------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["", "--diff"], ids=["lint", "diff"])
def test_the_costliest_docx_at_the_limit_stays_under_1_gb_and_30_s(tmp_path, option):
    """Empty paragraphs (the most objects per byte of XML) up to max_total_bytes, and one fix, so
    that --diff writes the file and reads it again (the most memory of any mode)."""
    path = tmp_path / "brief.docx"
    path.write_bytes(memory.DOCX_FIXABLE["empty paragraphs"](LIMITS.max_total_bytes))
    assert LIMITS.max_total_bytes - 64 * 1024 < xml_size(path) <= LIMITS.max_total_bytes
    code, peak, seconds, report = run(path, *filter(None, [option]))
    assert "IO003" not in report and code == 1
    assert peak < GB, f"{peak / MB:.0f} MB"
    assert seconds < 30


@pytest.mark.parametrize("option", ["", "--diff"], ids=["lint", "diff"])
def test_the_costliest_text_at_the_limit_stays_under_1_gb_and_30_s(tmp_path, option):
    """A Markdown table of one-character cells (the most tokens per character) up to max_text_chars."""
    path = tmp_path / "brief.md"
    text = memory.TEXT_FIXABLE["Markdown table"][1](LIMITS.max_text_chars)
    assert LIMITS.max_text_chars - 1000 < len(text) <= LIMITS.max_text_chars
    path.write_text(text, encoding="utf-8")
    code, peak, seconds, report = run(path, *filter(None, [option]))
    assert "IO003" not in report and code == 1
    assert peak < GB, f"{peak / MB:.0f} MB"
    assert seconds < 30


def test_findings_are_bounded_by_max_findings(tmp_path):
    """A placeholder every few characters: the check stops at max_findings with an IO003."""
    path = tmp_path / "brief.txt"
    path.write_text(memory.placeholders(LIMITS.max_text_chars), encoding="utf-8")
    code, peak, seconds, report = run(path)
    lines = report.splitlines()
    assert sum(" DR004 " in line for line in lines) == LIMITS.max_findings
    assert any("IO003" in line and "max_findings" in line for line in lines)
    assert peak < 256 * MB


def test_a_photo_of_any_size_is_no_reason_to_refuse_a_letter(tmp_path):
    """Media are never unpacked (a writer copies them raw): only the file's size limits them."""
    photo = bytes(range(256)) * (3 * LIMITS.max_part_bytes // 256)  # compresses little, as a JPEG
    path = tmp_path / "brief.docx"
    path.write_bytes(make_hostile.docx_with(make_hostile.document_xml(), word__media__image1_jpeg=photo))
    code, peak, seconds, report = run(path)
    assert "IO003" not in report


# -- beyond them: IO003 in seconds ---------------------------------------------------------------------


def docx_claiming(size: int) -> bytes:
    """A small .docx whose document.xml really holds ``size`` bytes of paragraphs."""
    return memory.docx_shape("<w:p/>")(size)


@pytest.mark.parametrize(
    "make, name, expected",
    [
        (lambda: docx_claiming(100 * MB), "brief.docx", "IO003"),  # the 369 kB file with a 100 MB document.xml
        (lambda: docx_claiming(LIMITS.max_total_bytes + 64 * 1024), "brief.docx", "IO003"),
        # A header that says 4 kB: zipfile inflates no more than it says, the rest is cut off.
        (lambda: make_hostile.real_zip_bomb(256 * MB, lie=True), "brief.docx", "IO002"),
        (lambda: ("Geachte voorzitter,\n\n" * (45 * MB // 21)).encode(), "brief.txt", "IO003"),  # the 45 MB draft
        (lambda: ("a" * (LIMITS.max_text_chars + 1)).encode(), "brief.txt", "IO003"),
        (lambda: ("é" * (LIMITS.max_text_chars + 1)).encode(), "brief.md", "IO003"),  # more bytes than characters
    ],
    ids=["100-MB-part", "just-over-total", "lying-header", "45-MB-text", "just-over-text", "just-over-text-utf8"],
)
def test_beyond_the_limits_is_io003_in_seconds(tmp_path, make, name, expected):
    path = tmp_path / name
    path.write_bytes(make())
    code, peak, seconds, report = run(path)
    assert expected in report and code == 1, report
    assert seconds < 10
    assert peak < 512 * MB


def test_a_file_over_max_file_bytes_is_not_read(tmp_path):
    path = tmp_path / "brief.docx"
    with open(path, "wb") as fh:
        fh.truncate(LIMITS.max_file_bytes + 1)  # sparse: no disk, no reading
    code, peak, seconds, report = run(path)
    assert "IO003" in report and peak < 128 * MB and seconds < 10


# -- set from what real letters need --------------------------------------------------------------


@needs_shared
def test_real_letters_stay_far_below_the_limits():
    """The largest real letter in the corpora and fixtures is a tenth of each limit or less."""
    texts = [*SHARED.glob("corpus/texts/*.txt"), *SHARED.glob("corpus/kamervragen/*.txt"), SHARED / "seed" / "kamerbrief-diaspora.txt",
             *FIXTURES.glob("*.txt"), *FIXTURES.glob("*.md")]
    assert max(len(p.read_text(encoding="utf-8", errors="replace")) for p in texts) * 10 <= LIMITS.max_text_chars
    letters = [*SHARED.glob("corpus/docx/*.docx"), *FIXTURES.glob("*.docx"), *FIXTURES.glob("odt/*.odt")]
    assert max(unpacked(p) for p in letters) * 10 <= LIMITS.max_total_bytes
    assert max(p.stat().st_size for p in letters) * 10 <= LIMITS.max_file_bytes


def unpacked(path: Path) -> int:
    """The bytes of XML the reader unpacks for a letter (what max_total_bytes bounds)."""
    from linter.formats.docx.read import read_docx
    from linter.formats.odt.read import read_odt
    from linter.formats.package import open_package

    package = open_package(path.read_bytes(), LIMITS)
    (read_odt if package.kind == "odt" else read_docx)(package, path.name, LIMITS)
    return package.unpacked
