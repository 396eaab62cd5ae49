"""--fix and --annotate copy every zip entry they do not change raw: its local header, compressed
bytes and data descriptor byte for byte, its central directory record the same but for the offset.
Nothing is inflated that is not read (a media part that lies about its size costs nothing), and of
two entries with one name only the one the reader read is changed."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from conftest import CORPUS, FIXTURES, PEAK_MEMORY, ROOT, needs_shared
from linter.cli import main

sys.path.insert(0, str(ROOT / "scripts"))
import make_hostile  # noqa: E402

GB = 1024**3


# -- an independent reading of the raw entries (not linter.formats.zip_copy's) --------------------


def raw_entries(data: bytes) -> list[tuple[str, bytes, bytes, bytes]]:
    """(name, contents, local record, central record with its offset blanked) of each entry, in
    central directory order. The local record runs from the local header to the end of the data
    descriptor."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        at = z.start_dir
        for info in z.infolist():
            assert data[at : at + 4] == b"PK\x01\x02"
            n, m, k = struct.unpack_from("<HHH", data, at + 28)
            central = data[at : at + 42] + b"\0\0\0\0" + data[at + 46 : at + 46 + n + m + k]
            at += 46 + n + m + k
            local = info.header_offset
            ln, lm = struct.unpack_from("<HH", data, local + 26)
            end = local + 30 + ln + lm + info.compress_size
            if info.flag_bits & 0x08:
                end += (4 if data[end : end + 4] == b"PK\x07\x08" else 0) + 12
            try:
                with z.open(info) as stream:  # never more than 64 MB: a bomb stays one
                    contents = stream.read(64 * 1024 * 1024)
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError):
                contents = None
            out.append((info.filename, contents, data[local:end], central))
    return out


def assert_untouched_entries_raw(before: bytes, after: bytes, added: int = 0) -> int:
    """Every entry whose contents did not change is the same raw record; the number changed."""
    old, new = raw_entries(before), raw_entries(after)
    assert len(new) == len(old) + added
    changed = 0
    for (name, contents, local, central), (name2, contents2, local2, central2) in zip(old, new):
        assert name == name2
        if contents == contents2:
            assert local2 == local, name
            assert central2 == central, name
        else:
            changed += 1
            # A changed part keeps its versions, method, time, name, comment and attributes.
            for start, end in ((4, 8), (10, 16), (28, 30), (32, 42)):
                assert central2[start:end] == central[start:end], name
            assert central2[46 : 46 + struct.unpack_from("<H", central, 28)[0]] == central[46 : 46 + struct.unpack_from("<H", central, 28)[0]]
    return changed


def writable_copy(folder: Path) -> Path:
    """The public corpus copied into ``folder`` (the shared one is read-only), files writable."""
    shutil.copytree(CORPUS, folder, copy_function=shutil.copyfile)
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return folder


@pytest.fixture(scope="module")
def fixed_corpus(tmp_path_factory):
    """Every file of the public corpus, copied and fixed in one run."""
    folder = writable_copy(tmp_path_factory.mktemp("fixed") / "public")
    subprocess.run([sys.executable, "-m", "linter.cli", "--isolated", "--fix", "--unsafe-fixes", "-q", str(folder)],
                   cwd=ROOT, capture_output=True, timeout=900)
    return folder


@needs_shared
def test_fix_on_the_public_corpus_copies_every_untouched_entry_raw(fixed_corpus):
    rewritten = 0
    for before in sorted(CORPUS.rglob("*")):
        if before.suffix.lower() not in (".docx", ".odt"):
            continue
        after = fixed_corpus / before.relative_to(CORPUS)
        old, new = before.read_bytes(), after.read_bytes()
        if old == new:
            continue
        rewritten += 1
        assert assert_untouched_entries_raw(old, new) >= 1, before.name
    assert rewritten >= 5  # the corpus has letters with safe fixes: the comparison was made


@needs_shared
def test_annotate_on_the_public_corpus_copies_every_entry_raw(tmp_path):
    folder = writable_copy(tmp_path / "public")
    subprocess.run([sys.executable, "-m", "linter.cli", "--isolated", "--annotate", "-q", str(folder)],
                   cwd=ROOT, capture_output=True, timeout=900)
    copies = sorted(folder.rglob("*.kamerlint.*"))
    assert len(copies) >= 20
    for copy in copies:
        original = copy.with_name(copy.name.replace(".kamerlint.", "."))
        before, after = original.read_bytes(), copy.read_bytes()
        added = len(raw_entries(after)) - len(raw_entries(before))
        assert added in (0, 1), copy.name  # a comments part, when the letter had none
        assert_untouched_entries_raw(before, after, added)


def fixable_docx() -> bytes:
    return (FIXTURES / "kamerbrief-diaspora.docx").read_bytes()


MEASURE = PEAK_MEMORY + """
import sys
from linter.cli import main
code = main(sys.argv[1:])
print(code, peak_memory())
"""


def peak_of(*args: str) -> tuple[int, int]:
    """Exit code and peak memory (bytes) of a lint run in a fresh process."""
    done = subprocess.run([sys.executable, "-c", MEASURE, "--isolated", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    code, peak = done.stdout.split()[-2:]
    return int(code), int(peak)


@pytest.mark.parametrize("mode", ["--fix", "--annotate"])
def test_a_media_part_that_lies_about_its_size_is_never_inflated(tmp_path, mode):
    """A media part claiming 20 kB that inflates to 1 GiB: lint never opens it, and neither may
    --fix or --annotate (which took 2.1 GB copying it)."""
    path = tmp_path / "brief.docx"
    original = make_hostile.with_lying_media(fixable_docx(), GB)
    path.write_bytes(original)
    code, peak = peak_of(mode, "-q", str(path))
    assert peak < 400 * 1024 * 1024
    written = path.read_bytes() if mode == "--fix" else (tmp_path / "brief.kamerlint.docx").read_bytes()
    assert written != original
    media = [entry for entry in raw_entries(written) if entry[0] == "word/media/image1.png"]
    assert media and media[0][2] == [e for e in raw_entries(original) if e[0] == "word/media/image1.png"][0][2]


def with_duplicate(package: bytes, name: str, decoy: bytes) -> bytes:
    """``package`` with a second entry of the same name before the others (the reader takes the
    last one of a name, as zipfile does)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        target.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), decoy, zipfile.ZIP_DEFLATED)
        for info in source.infolist():
            target.writestr(info, source.read(info))
    return out.getvalue()


def test_duplicate_entry_names_only_the_read_one_is_fixed(tmp_path, capsys):
    path = tmp_path / "brief.docx"
    with zipfile.ZipFile(io.BytesIO(fixable_docx())) as z:
        document = z.read("word/document.xml")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name it is asked to write
        original = with_duplicate(fixable_docx(), "word/document.xml", document)
    path.write_bytes(original)
    main(["--isolated", "--fix", "-q", str(path)])
    entries = raw_entries(path.read_bytes())
    documents = [e for e in entries if e[0] == "word/document.xml"]
    assert len(documents) == 2
    first, last = documents
    assert first[2] == raw_entries(original)[0][2]  # the decoy, raw
    assert last[1] != document  # the one the reader read, fixed


def test_a_package_with_a_data_descriptor_and_stored_parts_keeps_them(tmp_path):
    """Entries written with a data descriptor (streamed producers such as LibreOffice) and stored
    entries (ODF's mimetype) are copied with their flags and descriptors."""
    source = FIXTURES / "odt" / "features.odt"
    if not source.exists():
        pytest.skip("no .odt fixture")
    path = tmp_path / "features.odt"
    shutil.copyfile(source, path)
    before = path.read_bytes()
    main(["--isolated", "--fix", "--unsafe-fixes", "-q", str(path)])
    after = path.read_bytes()
    if after != before:
        assert_untouched_entries_raw(before, after)
        first = raw_entries(after)[0]
        assert first[0] == "mimetype" and struct.unpack_from("<H", first[2], 8)[0] == zipfile.ZIP_STORED
