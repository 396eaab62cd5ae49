"""Hostile and broken input: every file gives its IO finding (or lints normally) in bounded time
and memory, never a traceback, never leaks a file's content, and the other files in the run are
still checked. The files are made by scripts/make_hostile.py; the big ones in tmp_path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, PEAK_MEMORY, ROOT, codes
from linter.engine import lint_bytes, lint_path
from linter.settings import Settings

sys.path.insert(0, str(ROOT / "scripts"))
import make_hostile  # noqa: E402

HOSTILE = FIXTURES / "hostile"
GB = 1024**3
CLI_TIMEOUT = 60


def run_cli(*args: str, timeout: int = CLI_TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "linter.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1"},
    )


# -- every fixture --------------------------------------------------------------------------------


def test_fixtures_are_up_to_date():
    """The files in the repository are what the script makes (and all are small)."""
    for name, (make, _) in make_hostile.FILES.items():
        path = HOSTILE / name
        assert path.read_bytes() == make(), f"run: python scripts/make_hostile.py ({name})"
        assert path.stat().st_size < 64 * 1024


@pytest.mark.parametrize("name", sorted(make_hostile.FILES))
def test_hostile_fixture(name):
    expected = make_hostile.EXPECTED[name]
    found = lint_path(HOSTILE / name, Settings())
    io_codes = [c for c in codes(found) if c.startswith("IO")]
    assert "IO005" not in io_codes
    if expected is None:
        assert io_codes == []
    else:
        assert expected in io_codes
    for d in found:
        if d.code.startswith("IO"):
            # A plain message: no Python exception names, no tracebacks.
            assert "Traceback" not in d.message and "Error(" not in d.message
            assert d.message[0].isupper() and d.message.endswith(".")


def test_encrypted_and_word97_say_which():
    encrypted = lint_path(HOSTILE / "encrypted.docx", Settings())[0].message
    doc = lint_path(HOSTILE / "word97.doc", Settings())[0].message
    assert "password" in encrypted and "97" not in encrypted
    assert "Word 97" in doc and "password" not in doc


def test_truncated_at_every_length_never_crashes():
    data = make_hostile.valid_docx()
    for cut in range(0, len(data), 7):
        found = lint_bytes(data[:cut], "cut.docx", Settings())
        assert "IO005" not in codes(found)


# -- text drafts ----------------------------------------------------------------------------------


def test_windows_1252_is_read_and_said_so():
    found = lint_path(HOSTILE / "windows-1252.txt", Settings())
    assert codes(found) == ["IO004", "DR004"]
    line = "Het geïnteresseerde comité en de café-eigenaar: € 5 [datum]."
    dr = found[1]
    assert (dr.location.line, dr.location.column) == (3, line.index("[datum]") + 1)
    assert "ë" in dr.excerpt or "é" in dr.excerpt


@pytest.mark.parametrize("name", ["utf8-bom.txt", "crlf.txt"])
def test_bom_and_crlf_positions(name):
    found = lint_path(HOSTILE / name, Settings())
    assert [(d.code, d.location.line, d.location.column, d.location.end_column) for d in found] == [("DR004", 3, 19, 26)]


def test_very_long_line(tmp_path):
    """A line as long as the text limit allows."""
    from linter.limits import DEFAULT_LIMITS

    length = DEFAULT_LIMITS.max_text_chars - 100
    path = tmp_path / "long.txt"
    path.write_bytes(make_hostile.long_line_text(length))
    found = lint_path(path, Settings())
    assert codes(found) == ["DR004"]
    assert found[0].location.line == 1 and found[0].location.column == length + 1
    assert len(found[0].excerpt) < 200


# -- XXE: the named file's content never appears ----------------------------------------------------

SECRET = "kamerlint-geheim-7f3a9c"


@pytest.mark.parametrize("maker", ["xxe", "xxe_external_dtd", "xxe_in_footnotes"])
@pytest.mark.parametrize("fmt", ["full", "json", "sarif"])
def test_xxe_never_reads_the_file(tmp_path, maker, fmt):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak "{SECRET}">')
    target = (dtd if maker == "xxe_external_dtd" else secret).as_uri()
    letter = tmp_path / "letter.docx"
    letter.write_bytes(getattr(make_hostile, maker)(target))
    result = run_cli("--output-format", fmt, str(letter))
    assert SECRET not in result.stdout and SECRET not in result.stderr
    assert "Traceback" not in result.stderr


# -- bombs: bounded time and memory ---------------------------------------------------------------

MEASURE = PEAK_MEMORY + """
import sys, time
from pathlib import Path
from linter.engine import lint_path
from linter.settings import Settings
start = time.monotonic()
found = lint_path(Path(sys.argv[1]), Settings())
print(" ".join(d.code for d in found))
print(peak_memory())
print(time.monotonic() - start)
"""


def measure(path: Path) -> tuple[list[str], int, float]:
    """Lint one file in a fresh process: its codes, peak memory in bytes and seconds."""
    result = subprocess.run([sys.executable, "-c", MEASURE, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=CLI_TIMEOUT)
    assert result.returncode == 0, result.stderr
    found, peak, seconds = result.stdout.splitlines()[-3:]
    return found.split(), int(peak), float(seconds)


@pytest.mark.parametrize(
    "maker, expected",
    [
        ("real_zip_bomb", {"IO003"}),
        ("lying_zip_bomb", {"IO002", "IO003"}),
        ("claimed_zip_bomb", {"IO003"}),
        ("many_parts", {"IO003"}),
        ("billion_laughs", {"IO003"}),
        ("deep_nesting", {"IO003"}),
    ],
)
def test_bombs_in_bounded_memory_and_time(tmp_path, maker, expected):
    if maker == "lying_zip_bomb":
        data = make_hostile.real_zip_bomb(GB, lie=True)
    else:
        data = getattr(make_hostile, maker)()
    path = tmp_path / "bomb.docx"
    path.write_bytes(data)
    assert path.stat().st_size < 8 * 1024 * 1024
    found, peak, seconds = measure(path)
    assert found and set(found) <= expected
    assert peak < GB
    assert seconds < 30


def test_real_zip_bomb_really_inflates_to_1gb():
    """The bomb is real: its one part inflates to a gigabyte (checked on a 64 MB one, streamed)."""
    import io
    import zipfile

    data = make_hostile.real_zip_bomb(64 * 1024 * 1024)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.infolist()[0]
        assert info.file_size == 64 * 1024 * 1024 + 7
        with z.open(info) as stream:
            total = 0
            while chunk := stream.read(1 << 20):
                total += len(chunk)
        assert total == info.file_size
    big = make_hostile.real_zip_bomb(GB)
    assert zipfile.ZipFile(io.BytesIO(big)).infolist()[0].file_size == GB + 7


# -- a run goes on past broken files --------------------------------------------------------------


def test_folder_with_hostile_files_still_checks_the_good_one(tmp_path):
    folder = tmp_path / "brieven"
    folder.mkdir()
    for name in make_hostile.FILES:
        (folder / name).write_bytes((HOSTILE / name).read_bytes())
    (folder / "zz-goed.txt").write_text("Geachte voorzitter,\n\nDe brief volgt op [datum].\n", encoding="utf-8")
    result = run_cli("--output-format", "json", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    found = json.loads(result.stdout)
    by_file = {}
    for d in found:
        by_file.setdefault(Path(d["path"]).name, []).append(d["code"])
    assert by_file["zz-goed.txt"] == ["DR004"]
    assert not any("IO005" in c for c in by_file.values())
    for name, code in make_hostile.EXPECTED.items():
        if code is not None and name.endswith((".docx", ".txt")):
            assert code in by_file.get(name, []), name


def test_folder_with_link_loops(tmp_path):
    folder = tmp_path / "brieven"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.docx").symlink_to("b.docx")
    (folder / "b.docx").symlink_to("a.docx")
    (folder / "sub" / "up").symlink_to("..")  # a folder link that loops
    (folder / "broken.txt").symlink_to("nowhere.txt")
    (folder / "goed.txt").write_text("De brief volgt op [datum].\n", encoding="utf-8")
    result = run_cli("--output-format", "json", str(folder), timeout=30)
    found = {(Path(d["path"]).name, d["code"]) for d in json.loads(result.stdout)}
    assert found == {("a.docx", "IO001"), ("b.docx", "IO001"), ("broken.txt", "IO001"), ("goed.txt", "DR004")}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_folder_with_unreadable_file(tmp_path):
    secret = tmp_path / "geheim.docx"
    secret.write_bytes(make_hostile.valid_docx())
    secret.chmod(0)
    found = lint_path(secret, Settings())
    assert codes(found) == ["IO001"] and "permission" in found[0].message


def test_named_pipe_does_not_hang(tmp_path):
    pipe = tmp_path / "pijp.txt"
    os.mkfifo(pipe)
    try:
        result = run_cli("--output-format", "json", str(pipe), timeout=5)
    except subprocess.TimeoutExpired:
        pytest.fail("lint hangs on a named pipe")
    assert [d["code"] for d in json.loads(result.stdout)] == ["IO001"]


def test_link_to_endless_device_is_not_read(tmp_path):
    link = tmp_path / "nul.txt"
    link.symlink_to("/dev/zero")
    try:
        result = run_cli("--output-format", "json", str(link), timeout=5)
    except subprocess.TimeoutExpired:
        pytest.fail("lint reads /dev/zero forever")
    assert [d["code"] for d in json.loads(result.stdout)] == ["IO001"]


# Found by tests/test_fuzz.py: a UTF-16 byte-order mark before bytes that are not UTF-16.
def test_part_with_broken_utf16_is_damaged_not_a_bug():
    data = make_hostile.docx_with(b"\xff\xfe\x00\xd8a\x00")  # a lone surrogate after the BOM
    assert codes(lint_bytes(data, "x.docx", Settings())) == ["IO002"]


def test_robustness_report_on_the_hostile_fixtures(capsys):
    import robustness_report

    assert robustness_report.main([str(HOSTILE)]) == 0
    out = capsys.readouterr().out
    assert "| IO002 not-a-document |" in out and "| uncaught exception (traceback) | 0 |" in out
