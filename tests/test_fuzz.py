"""Property tests that try to break the readers: real fixture files with bytes flipped, cut and
repeated, zip parts dropped, duplicated or renamed, XML corrupted, and text exports with their
markers scrambled. Every run must end in findings (an IO finding is fine), never a traceback and
never IO005 (which means a bug in kamerlint); every reporter must render what comes out."""

from __future__ import annotations

import io
import os
import warnings
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SEED
from linter.engine import lint_bytes
from linter.reporters import Run, render
from linter.settings import Settings

#: More examples for a long local hunt: KAMERLINT_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py
EXAMPLES = int(os.environ.get("KAMERLINT_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

DOCX_FIXTURES = sorted(p for p in FIXTURES.glob("*.docx") if p.is_file())
DOCX = {p.name: p.read_bytes() for p in DOCX_FIXTURES}
SEED_TEXT = SEED.read_text(encoding="utf-8") if SEED.is_file() else (FIXTURES / "kamerbrief-diaspora.txt").read_text(encoding="utf-8")
REPORT_FORMATS = ("full", "json", "sarif")


def check(data: bytes, name: str) -> None:
    found = lint_bytes(data, name, Settings())
    bugs = [d.message for d in found if d.code == "IO005"]
    assert not bugs, bugs
    for fmt in REPORT_FORMATS:
        render(found, Run(format=fmt, files=[name]))


def parts_of(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(info.filename, z.read(info)) for info in z.infolist()]


def zip_of(parts: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore")  # duplicate part names are what we want here
        for name, data in parts:
            z.writestr(zipfile.ZipInfo(name), data)
    return out.getvalue()


fixture_names = st.sampled_from(sorted(DOCX))


# -- bytes ----------------------------------------------------------------------------------------


@FUZZ
@given(fixture_names, st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=20))
def test_flipped_bytes(name, flips):
    data = bytearray(DOCX[name])
    for where, value in flips:
        data[int(where * len(data))] = value
    check(bytes(data), name)


@FUZZ
@given(fixture_names, st.floats(0, 1), st.floats(0, 1), st.integers(1, 50))
def test_cut_and_repeated_bytes(name, a, b, times):
    data = DOCX[name]
    lo, hi = sorted((int(a * len(data)), int(b * len(data))))
    check(data[:hi], name)
    check(data[:lo] + data[lo:hi] * times + data[hi:], name)


# -- zip parts ------------------------------------------------------------------------------------


@FUZZ
@given(fixture_names, st.data())
def test_dropped_duplicated_and_renamed_parts(name, data):
    parts = parts_of(DOCX[name])
    op = data.draw(st.sampled_from(["drop", "duplicate", "rename", "swap", "empty"]))
    i = data.draw(st.integers(0, len(parts) - 1))
    part_name, content = parts[i]
    if op == "drop":
        del parts[i]
    elif op == "duplicate":
        other = data.draw(st.sampled_from([c for _, c in parts]))
        parts.append((part_name, other))
    elif op == "rename":
        parts[i] = (data.draw(st.sampled_from(["word/document.xml", "WORD/Document.xml", "word\\footnotes.xml", "/x", "a/../../b"])), content)
    elif op == "swap":
        j = data.draw(st.integers(0, len(parts) - 1))
        parts[i], parts[j] = (part_name, parts[j][1]), (parts[j][0], content)
    else:
        parts[i] = (part_name, b"")
    check(zip_of(parts), name)


XML_DAMAGE = [
    b"<",
    b">",
    b"&",
    b"&amp",
    b"</w:p>",
    b"<w:p>",
    b"<w:r>",
    b'<w:footnoteReference w:id="999"/>',
    b'<w:footnoteReference w:id="-1"/>',
    b'<w:bookmarkEnd w:id="0"/>',
    b'<w:commentRangeEnd w:id="7"/>',
    b'<w:fldChar w:fldCharType="begin"/>',
    b'<w:fldChar w:fldCharType="end"/>',
    b'<w:fldChar w:fldCharType="separate"/>',
    b"<w:instrText>REF _Ref1 \\h</w:instrText>",
    b'<w:del w:id="1">',
    b"</w:del>",
    b'<w:ins w:id="2"><w:r><w:t>x</w:t></w:r></w:ins>',
    b"<w:vanish/>",
    b'<w:highlight w:val="yellow"/>',
    b"<w:tab/>",
    b"\xff\xfe",
    b"\x00",
    b"<!DOCTYPE x>",
]


@FUZZ
@given(fixture_names, st.data())
def test_corrupted_xml(name, data):
    parts = parts_of(DOCX[name])
    xml_parts = [i for i, (n, _) in enumerate(parts) if n.endswith((".xml", ".rels"))]
    i = data.draw(st.sampled_from(xml_parts))
    part_name, content = parts[i]
    for _ in range(data.draw(st.integers(1, 5))):
        at = data.draw(st.integers(0, len(content)))
        op = data.draw(st.sampled_from(["insert", "delete", "tag"]))
        if op == "insert":
            content = content[:at] + data.draw(st.sampled_from(XML_DAMAGE)) + content[at:]
        elif op == "delete":
            content = content[:at] + content[at + data.draw(st.integers(1, 200)) :]
        else:
            # Move an element to another place: well-formed, but in the wrong spot.
            start = content.find(b"<w:", at)
            end = content.find(b">", start) + 1 if start != -1 else 0
            if start != -1 and end > start:
                element = content[start:end]
                if element.endswith(b"/>"):
                    to = data.draw(st.integers(0, len(content)))
                    to = content.rfind(b">", 0, to) + 1
                    content = content[:start] + content[end:]
                    content = content[:to] + element + content[to:]
    parts[i] = (part_name, content)
    check(zip_of(parts), name)


# -- text exports ---------------------------------------------------------------------------------

TIKA_DAMAGE = [
    "[footnoteRef:1]",
    "[footnoteRef:99]",
    "[endnoteRef:2]",
    "[footnoteRef:-1]",
    " [3:  ",
    " [99:  x] ",
    "] ",
    "]",
    "[",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\t",
    "\tComment by ",
    "\tComment by A: ",
    "[bookmark: ",
    "[bookmark: _Hlk1]",
    '!!! End note with ID "3" not found in document.',
    "\ufffc",
    "\ufeff",
    "\x00",
    "\u2011",
    "[datum]",
    "EUDIF",
    "Verwey Jonker",
]


@FUZZ
@given(st.lists(st.tuples(st.floats(0, 1), st.sampled_from(["insert", "delete", "repeat"]), st.sampled_from(TIKA_DAMAGE), st.integers(1, 300)), min_size=1, max_size=12))
def test_scrambled_text_export(edits):
    text = SEED_TEXT
    for where, op, piece, length in edits:
        at = int(where * len(text))
        if op == "insert":
            text = text[:at] + piece + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + length :]
        else:
            text = text[:at] + text[at : at + length] * 3 + text[at + length :]
    check(text.encode("utf-8"), "draft.txt")


@FUZZ
@given(st.binary(max_size=2048), st.sampled_from(["x.docx", "x.txt", "x.md", "x.odt", "-"]))
def test_any_bytes(data, name):
    check(data, name)


@FUZZ
@given(st.sampled_from(["utf-16", "utf-16-le", "cp1252", "latin-1", "utf-8-sig"]), st.floats(0, 1), st.floats(0, 1))
def test_text_export_in_other_encodings(encoding, a, b):
    lo, hi = sorted((int(a * len(SEED_TEXT)), int(b * len(SEED_TEXT))))
    data = SEED_TEXT[lo:hi].encode(encoding, errors="replace")
    check(data, "draft.txt")
