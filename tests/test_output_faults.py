"""Output under faults: file names that are not UTF-8, a report file that is a letter, a reader
that leaves (``| head``), a closed or full standard output, a closed standard input, control
characters from a draft in JUnit XML and on the terminal, and what the SARIF and HTML reports give
away. Real processes where the fault is the shell's (pipes, closed descriptors, /dev/full)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.dom import minidom

import pytest

from conftest import FIXTURES, ROOT
from linter.cli import OUTPUT_FORMATS, main

SEED_TXT = FIXTURES / "kamerbrief-diaspora.txt"
SEED_DOCX = FIXTURES / "kamerbrief-diaspora.docx"
SCRIPT = "import sys; from linter.cli import console_main; sys.argv[0] = 'lint'; console_main()"


def lint(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """The console script in a shell-like child: bytes in, bytes out."""
    kwargs.setdefault("capture_output", True)
    return subprocess.run([sys.executable, "-c", SCRIPT, "--isolated", *args], cwd=kwargs.pop("cwd", ROOT), timeout=120, **kwargs)


def shell(command: str, **kwargs) -> subprocess.CompletedProcess:
    """``command`` in bash, with ``lint`` the console script (for pipes and closed descriptors)."""
    env = {**os.environ, "PY": sys.executable, "SCRIPT": SCRIPT, "NO_COLOR": "1"}
    define = 'lint() { "$PY" -c "$SCRIPT" --isolated "$@"; }; '
    return subprocess.run(["bash", "-c", define + command], cwd=ROOT, env=env, capture_output=True, timeout=120, **kwargs)


# -- names that are not UTF-8 ---------------------------------------------------------------------

NAME = os.fsdecode(b"brief-\xe9")  # Latin-1 é: not UTF-8, as an old Windows share names files


@pytest.fixture
def latin1_folder(tmp_path) -> Path:
    folder = tmp_path / "brieven"
    folder.mkdir()
    shutil.copyfile(SEED_TXT, folder / f"{NAME}.txt")
    shutil.copyfile(SEED_DOCX, folder / f"{NAME}.docx")
    return folder


@pytest.mark.parametrize("fmt", OUTPUT_FORMATS)
def test_a_name_that_is_not_utf8_in_every_format(latin1_folder, fmt):
    done = lint("--output-format", fmt, str(latin1_folder))
    assert done.returncode == 1, done.stderr
    assert done.stderr == b""
    text = done.stdout.decode("utf-8")  # valid UTF-8 whatever the name
    if fmt in ("json", "sarif", "gitlab"):
        text = json.dumps(json.loads(text), ensure_ascii=False).replace("\\\\", "\\").replace("%5C", "\\")
    if fmt == "json-lines":
        text = "".join(json.loads(line)["path"] for line in text.splitlines())
    if fmt == "junit":
        minidom.parseString(done.stdout)
    assert "brief-\\xe9.txt" in text and "brief-\\xe9.docx" in text


def test_a_name_that_is_not_utf8_in_the_baseline_and_the_index(latin1_folder, tmp_path):
    baseline = tmp_path / "baseline.json"
    assert lint("--write-baseline", str(baseline), str(latin1_folder)).returncode == 0
    assert "brief-\\\\xe9" in baseline.read_text(encoding="utf-8")
    again = lint("--baseline", str(baseline), str(latin1_folder))
    assert again.returncode == 0, again.stdout  # the baseline matches the names it recorded
    out = tmp_path / "out"
    done = lint("--annotate", "--output-dir", str(out), str(latin1_folder))
    assert b"internal error" not in done.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="brief-%E9.kamerlint.docx"' in index  # the link reaches the file by its bytes
    assert (out / f"{NAME}.kamerlint.docx").is_file()


# -- the report file is never a letter ------------------------------------------------------------


@pytest.mark.parametrize("option", ["-o", "--output-file", "--write-baseline"])
def test_the_report_never_overwrites_a_letter_being_checked(tmp_path, capsys, option):
    letter = tmp_path / "b.docx"
    shutil.copyfile(SEED_DOCX, letter)
    before = letter.read_bytes()
    assert main(["--isolated", option, str(letter), str(letter)]) == 2
    assert "is a file being checked" in capsys.readouterr().err
    os.link(letter, tmp_path / "hard.docx")  # another name of the same file
    assert main(["--isolated", option, str(tmp_path / "hard.docx"), str(letter)]) == 2
    assert letter.read_bytes() == before


# -- standard streams -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["full", "json"])
def test_a_reader_that_leaves_does_not_turn_findings_into_success(fmt):
    """``lint … | head`` under pipefail: findings exit 1, quietly; --exit-zero still 0."""
    big = " ".join([str(SEED_TXT)] * 40)  # a report far longer than a pipe's buffer
    done = shell(f"set -o pipefail; lint --output-format {fmt} {big} | head -c 100 >/dev/null")
    assert done.returncode == 1 and done.stderr == b"", done.stderr
    done = shell(f"set -o pipefail; lint --exit-zero --output-format {fmt} {big} | head -c 100 >/dev/null")
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    clean = shell(f"set -o pipefail; lint --select FN004 {big} | head -c 1 >/dev/null")
    assert clean.returncode == 0, clean.stderr


def test_a_reader_that_leaves_while_fixes_are_reported(tmp_path):
    letters = []
    for i in range(30):
        shutil.copyfile(SEED_TXT, tmp_path / f"b{i}.txt")
        letters.append(str(tmp_path / f"b{i}.txt"))
    done = shell(f"set -o pipefail; lint --fix --unsafe-fixes {' '.join(letters)} | head -c 10 >/dev/null")
    assert done.returncode == 1 and b"Traceback" not in done.stderr, done.stderr


def test_a_closed_standard_output_says_so_and_honours_exit_zero():
    done = shell(f"lint {SEED_TXT} >&-")
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr and b"standard output is closed" in done.stderr
    done = shell(f"lint --exit-zero --output-format json {SEED_TXT} >&-")
    assert done.returncode == 0 and b"standard output is closed" in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("fmt", ["full", "json"])
def test_a_full_disk_on_standard_output_is_said_in_words(fmt):
    done = shell(f"lint --output-format {fmt} {SEED_TXT} >/dev/full")
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "cannot be written to standard output" in err and "No space left" in err
    assert "internal error" not in err and "Traceback" not in err


def test_standard_input_closed_says_so():
    done = shell("lint - <&-")
    assert done.returncode == 2
    assert b"standard input is closed" in done.stderr and b"internal error" not in done.stderr


# -- a draft's control characters -----------------------------------------------------------------

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m\x01\x0b\x9b"


@pytest.fixture
def hostile_draft(tmp_path) -> Path:
    path = tmp_path / f"brief{ESCAPES[:1]}.txt"  # the name too
    path.write_text(f"Geachte voorzitter,\n\nZie Kamerstuk 33625{ESCAPES}, nr. 287 over [datum].\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["full", "concise", "github"])
def test_no_escape_sequence_from_a_draft_reaches_the_terminal(hostile_draft, fmt):
    done = lint("--output-format", fmt, str(hostile_draft))
    assert done.returncode == 1
    out = done.stdout.decode("utf-8")
    assert "KS001" in out
    assert not any(ch in out for ch in "\x1b\x07\x01\x0b\x9b"), repr(out)
    assert "brief␛.txt" in out  # the name's escape shown, not obeyed
    if fmt != "concise":  # which shows no excerpt
        assert "␛]0;pwned" in out


def test_junit_is_well_formed_with_control_characters(hostile_draft):
    done = lint("--output-format", "junit", str(hostile_draft))
    document = minidom.parseString(done.stdout)
    failures = document.getElementsByTagName("failure")
    assert failures and "␛" in failures[0].getAttribute("message") + failures[0].firstChild.data


# -- what a report gives away -----------------------------------------------------------------------


def test_sarif_keeps_paths_relative_and_records_no_working_folder(tmp_path):
    work = tmp_path / "werkmap-van-jan"
    (work / "brieven").mkdir(parents=True)
    shutil.copyfile(SEED_TXT, work / "brieven" / "brief.txt")
    for named in ("brieven/brief.txt", str(work / "brieven" / "brief.txt")):
        done = lint("--output-format", "sarif", named, cwd=work)
        assert "werkmap-van-jan" not in done.stdout.decode("utf-8")
        run = json.loads(done.stdout)["runs"][0]
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
        assert uris == {"brieven/brief.txt"}


def test_html_shows_comments_only_when_a_selected_rule_reports_them(capsys):
    letter = str(FIXTURES / "draft-comments.docx")
    main(["--isolated", "--output-format", "html", letter])
    with_dr002 = capsys.readouterr().out
    assert 'data-story="comment"' in with_dr002
    main(["--isolated", "--select", "FN,BM,KS", "--output-format", "html", letter])
    without = capsys.readouterr().out
    assert 'data-story="comment"' not in without
    from linter.engine import lint_path
    from linter.settings import Settings

    author = next(d for d in lint_path(Path(letter), Settings()) if d.code == "DR002").message
    names = [w for w in author.split() if w[:1].isupper() and len(w) > 3]
    assert names and not any(name in without for name in names[:1])
