"""What a new user meets first (issue 8): output on a console that is not UTF-8, a crash of
kamerlint itself, files a folder walk must not pass over in silence, nothing to check, and the
options --quiet, --output-file and --show-files."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from linter import cli
from linter.cli import main

SEED = FIXTURES / "kamerbrief-diaspora.txt"
SEED_DOCX = FIXTURES / "kamerbrief-diaspora.docx"
WORD97 = FIXTURES / "hostile" / "word97.doc"
MACHINE = ("json", "json-lines", "sarif", "github", "gitlab", "junit")
HUMAN = ("full", "concise")


def lint(*args: str, cwd: Path = ROOT, env: dict | None = None, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "KAMERLINT_OUTPUT_FORMAT"}
    return subprocess.run(
        [sys.executable, "-m", "linter.cli", *args], stdout=stdout, stderr=subprocess.PIPE, cwd=cwd, env={**environment, **(env or {}), "PYTHONPATH": str(ROOT)}
    )


# -- a console or a redirect that is not UTF-8 -----------------------------------------------------


@pytest.mark.parametrize("fmt", HUMAN + MACHINE)
def test_redirect_on_a_cp1252_console_keeps_every_finding(fmt, tmp_path):
    """`PYTHONIOENCODING=cp1252 lint brief > rapport.txt`, as on Windows: exit 1, report in the file."""
    expected = json.loads(lint("--output-format", "json", str(SEED), str(SEED_DOCX)).stdout)
    report = tmp_path / "rapport.txt"
    with open(report, "wb") as out:
        done = lint("--output-format", fmt, "--jobs", "1", str(SEED), str(SEED_DOCX), env={"PYTHONIOENCODING": "cp1252"}, stdout=out)
    assert done.returncode == 1, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    data = report.read_bytes()
    if fmt in HUMAN:
        text = data.decode("cp1252")  # what the console can show, the rest replaced
        assert text.rstrip().splitlines()[-2].startswith(f"Found {len(expected)} problems")
        assert text.rstrip().splitlines()[-1].endswith("with the `--unsafe-fixes` option).")
        assert text.count(": FN0") == sum(1 for d in expected if d["code"].startswith("FN"))
        return
    text = data.decode("utf-8")  # these formats are UTF-8 whatever the console
    if fmt == "json":
        assert json.loads(text) == expected
    elif fmt == "json-lines":
        assert [json.loads(line) for line in text.splitlines()] == expected
    elif fmt == "sarif":
        assert len(json.loads(text)["runs"][0]["results"]) == len(expected)
    elif fmt == "gitlab":
        assert len(json.loads(text)) == len(expected)
    elif fmt == "github":  # a command a finding, then where the ones GitHub does not show are
        assert len(text.splitlines()) == len(expected) + 1
    else:
        from xml.etree import ElementTree as ET

        assert len(list(ET.fromstring(data).iter("testcase"))) == len(expected)
    assert any(ord(c) > 127 for c in text)  # non-ASCII text, and it decoded as UTF-8


def test_rule_documentation_on_a_cp1252_console():
    done = lint("rule", "FN008", env={"PYTHONIOENCODING": "cp1252"})
    assert done.returncode == 0 and b"space-after-marker" in done.stdout


def test_an_internal_failure_exits_2_with_one_line(monkeypatch, capsys):
    def broken(format):
        raise KeyError("a bug\nover two lines")

    # The reporter's module: a report built whole and a streamed one both get theirs here.
    monkeypatch.setattr("linter.reporters.module", broken)
    assert main([str(SEED), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("lint: internal error: KeyError") and "Traceback" not in err


# -- the folder walk ---------------------------------------------------------------------------------


def with_content_type(docx: bytes, content_type: str) -> bytes:
    """The same WordprocessingML package, with the main part declared as another content type
    (that is all that tells a .docm or .dotx from a .docx)."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                old = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
                assert old in data
                data = data.replace(old, content_type.encode())
            target.writestr(info, data)
    return out.getvalue()


def draft_with_placeholder() -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Geachte voorzitter,")
    document.add_paragraph("De antwoorden volgen TODO.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


RTF = rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}\f0\fs22 Geachte voorzitter,\par}"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def mixed_folder(tmp_path) -> Path:
    folder = tmp_path / "brieven"
    folder.mkdir()
    draft = draft_with_placeholder()
    (folder / "NOTA.DOCX").write_bytes(draft)
    (folder / "Brief.Docm").write_bytes(with_content_type(draft, "application/vnd.ms-word.document.macroEnabled.main+xml"))
    (folder / "sjabloon.dotx").write_bytes(with_content_type(draft, "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"))
    (folder / "sjabloon.dotm").write_bytes(with_content_type(draft, "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"))
    (folder / "oud.doc").write_bytes(WORD97.read_bytes())
    (folder / "OUD.DOT").write_bytes(WORD97.read_bytes())
    (folder / "brief.rtf").write_bytes(RTF)
    (folder / "gepubliceerd.pdf").write_bytes(PDF)
    (folder / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return folder


def test_a_walk_reads_every_word_format_and_reports_what_it_cannot_read(mixed_folder):
    done = lint("--output-format", "json", "--select", "IO,DR004", str(mixed_folder))
    found = json.loads(done.stdout)
    by_file: dict[str, set] = {}
    for d in found:
        by_file.setdefault(Path(d["path"]).name, set()).add(d["code"])
    # WordprocessingML under any name and any case: read and checked.
    for name in ("NOTA.DOCX", "Brief.Docm", "sjabloon.dotx", "sjabloon.dotm"):
        assert by_file[name] == {"DR004"}, (name, by_file)
    # Word 97, RTF and PDF: one IO002 each, saying what to do; never silence.
    for name in ("oud.doc", "OUD.DOT", "brief.rtf", "gepubliceerd.pdf"):
        assert by_file[name] == {"IO002"}, name
    messages = {Path(d["path"]).name: d["message"] for d in found if d["code"] == "IO002"}
    assert all("save it as .docx" in messages[n] for n in ("oud.doc", "OUD.DOT", "brief.rtf"))
    assert "exclude" in messages["gepubliceerd.pdf"]
    assert "foto.png" not in by_file
    assert done.returncode == 1


@pytest.mark.parametrize("contents", [[], ["foto.png", "notities.xlsx"]], ids=["empty", "nothing-to-check"])
def test_nothing_to_check_warns_on_stderr(contents, tmp_path):
    for name in contents:
        (tmp_path / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    done = lint(str(tmp_path))
    assert done.returncode == 0
    assert done.stdout == b""  # not "All checked: no problems in 0 files"
    assert b"warning: No files found to check" in done.stderr
    sarif = lint("--output-format", "sarif", str(tmp_path))  # a CI upload step still gets a report
    assert json.loads(sarif.stdout)["runs"][0]["results"] == []
    assert lint("--quiet", str(tmp_path)).stderr == b""


# -- --quiet, --output-file, --show-files ------------------------------------------------------------


def test_quiet_prints_the_findings_only(tmp_path):
    loud = lint("--output-format", "concise", str(SEED)).stdout.decode().splitlines()
    quiet = lint("--output-format", "concise", "--quiet", str(SEED))
    assert quiet.returncode == 1
    assert quiet.stdout.decode().splitlines() == loud[:-2] and loud[-2].startswith("Found ") and "`--fix`" in loud[-1]
    clean = tmp_path / "schoon.txt"
    clean.write_text("Geachte voorzitter,\n\nHierbij bied ik u de antwoorden aan.\n", encoding="utf-8")
    done = lint("-q", str(clean))
    assert done.returncode == 0 and done.stdout == b"" and done.stderr == b""


def test_output_file_is_written_in_one_step(tmp_path, monkeypatch, capsys):
    report = tmp_path / "rapporten" / "kamerlint.json"
    replaced = []
    real_replace = os.replace

    def replace(src, dst):
        replaced.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(cli.os, "replace", replace)
    assert main([str(SEED), "--output-format", "json", "--output-file", str(report), "--jobs", "1"]) == 1
    assert capsys.readouterr().out == ""
    found = json.loads(report.read_text(encoding="utf-8"))
    assert found and all(d["path"] == str(SEED) for d in found)
    ((src, dst),) = replaced
    assert dst == report and src.parent == report.parent  # a rename within one folder is atomic
    assert sorted(p.name for p in report.parent.iterdir()) == ["kamerlint.json"]
    assert main([str(SEED), "-o", str(report), "--jobs", "1", "--select", "FN008"]) == 1
    text = report.read_text(encoding="utf-8")  # replaced, and human output in a file is UTF-8
    assert "FN008" in text and "→" in text and "FN010" not in text


def test_show_files_lists_what_would_be_checked(mixed_folder, tmp_path):
    (mixed_folder / "kamerlint.toml").write_text('exclude = ["*.pdf"]\n', encoding="utf-8")
    done = lint("--show-files", str(mixed_folder), str(SEED))
    assert done.returncode == 0
    assert done.stderr.decode().splitlines() == [f"lint: left out {mixed_folder / 'gepubliceerd.pdf'}: excluded by exclude in the configuration or --exclude"]
    names = [Path(line).name for line in done.stdout.decode().splitlines()]
    assert names == ["Brief.Docm", "NOTA.DOCX", "OUD.DOT", "brief.rtf", "oud.doc", "sjabloon.dotm", "sjabloon.dotx", SEED.name]
    empty = tmp_path / "leeg"
    empty.mkdir()
    nothing = lint("--show-files", str(empty))
    assert nothing.returncode == 0 and nothing.stdout == b"" and b"No files found" in nothing.stderr


def test_an_output_file_that_cannot_be_written_is_exit_2(tmp_path):
    blocker = tmp_path / "rapport"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    done = lint(str(SEED), "-o", str(blocker / "kamerlint.json"))
    assert done.returncode == 2 and done.stderr.decode().startswith("lint: error: --output-file")
    assert blocker.read_text(encoding="utf-8") == "a file where a folder should be"


# -- what a folder walk leaves out: a repository's notes, and the report being written ---------------


@pytest.fixture
def repository(tmp_path) -> Path:
    """A repository of letters as the CI templates check it: a letter, and notes with a TODO."""
    repo = tmp_path / "brieven"
    (repo / "2025").mkdir(parents=True)
    (repo / "2025" / "brief.txt").write_bytes(SEED.read_bytes())
    (repo / "README.md").write_text("# Brieven\n\nTODO: de map voor 2026 aanmaken.\n", encoding="utf-8")
    (repo / "CHANGELOG.md").write_text("TODO\n", encoding="utf-8")
    (repo / "requirements.txt").write_text("TODO\n", encoding="utf-8")
    (repo / "2025" / "LICENSE.txt").write_text("TODO\n", encoding="utf-8")
    (repo / ".github").mkdir()
    (repo / ".github" / "pull_request_template.md").write_text("TODO\n", encoding="utf-8")
    return repo


def paths_in(report: bytes) -> set[str]:
    """The files with findings in a full or concise report."""
    import re

    return set(re.findall(r"^(\S+?):\d+:\d+: [A-Z]{2}\d{3} ", report.decode(), re.M))


def test_a_walk_leaves_out_the_repositorys_notes_and_says_so(repository):
    done = lint("--output-format", "concise", ".", cwd=repository)
    assert done.returncode == 1 and paths_in(done.stdout) == {"2025/brief.txt"}, done.stdout
    shown = lint("--show-files", ".", cwd=repository)
    assert shown.stdout.decode().splitlines() == ["2025/brief.txt"]
    left_out = shown.stderr.decode()
    for name in ("CHANGELOG.md", "README.md", "requirements.txt", "2025/LICENSE.txt"):
        assert f"lint: left out {name}: a note of the repository, not a letter (exclude-repository-notes = false checks it)" in left_out, left_out
    # Named on the command line it is checked (as ruff checks a file named explicitly) ...
    assert lint("--select", "DR004", "README.md", cwd=repository).returncode == 1
    # ... unless --force-exclude says to leave out what a walk leaves out (the pre-commit hooks).
    forced = lint("--force-exclude", "README.md", cwd=repository)
    assert forced.returncode == 0 and b"No files found" in forced.stderr
    assert forced.stderr.decode().startswith("lint: left out README.md: a note of the repository")
    # The configuration can ask for them after all.
    (repository / "kamerlint.toml").write_text("exclude-repository-notes = false\n", encoding="utf-8")
    checked = lint("--output-format", "concise", "--select", "DR004", ".", cwd=repository)
    assert paths_in(checked.stdout) >= {"README.md", "CHANGELOG.md", "2025/LICENSE.txt"}
    assert "exclude-repository-notes = false" in lint("--show-settings", ".", cwd=repository).stdout.decode()


@pytest.mark.parametrize("how", ["redirect", "output-file"])
def test_a_walk_leaves_out_the_report_it_writes(how, repository):
    """`lint . > rapport.txt` (the README's advice for Windows) and `lint -o rapport.txt .`, twice:
    the shell makes the file before kamerlint walks the folder, and the second run finds the
    first one's report there."""
    report = repository / "rapport.txt"
    reports = []
    for _ in range(2):
        if how == "redirect":
            with open(report, "wb") as out:
                done = lint(".", cwd=repository, stdout=out)
        else:
            done = lint("-o", "rapport.txt", ".", cwd=repository)
        assert done.returncode == 1, done.stderr
        reports.append(report.read_bytes())
    assert paths_in(reports[1]) == {"2025/brief.txt"} and reports[1] == reports[0]
    if how == "redirect":
        with open(report, "wb") as out:
            shown = lint("--show-files", ".", cwd=repository, stdout=out)
    else:
        shown = lint("--show-files", "-o", "rapport.txt", ".", cwd=repository)
    assert report.read_text(encoding="utf-8") == "2025/brief.txt\n"
    assert "lint: left out rapport.txt: the report this run writes" in shown.stderr.decode()
    # Another run that does not write it checks it: it is a .txt like any other.
    assert "rapport.txt" in lint("--show-files", ".", cwd=repository).stdout.decode()
