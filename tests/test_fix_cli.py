"""The command line of fixing (--fix, --diff, --fix-only, fix = true, -) and its safety rules."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from linter import engine
from linter.cli import main
from linter.fixing import write_back
from linter.settings import Settings

from conftest import CORPUS, FIXTURES, needs_shared

SEED_TXT = FIXTURES / "kamerbrief-diaspora.txt"
SEED_DOCX = FIXTURES / "kamerbrief-diaspora.docx"
IN_CI = bool(os.environ.get("CI"))


def copy(tmp_path: Path, source: Path, name: str | None = None) -> Path:
    target = tmp_path / (name or source.name)
    shutil.copyfile(source, target)
    return target


def run(*argv: str) -> int:
    return main(["--isolated", *argv])


def test_fix_writes_safe_fixes_and_reports_what_is_left(tmp_path, capsys):
    path = copy(tmp_path, SEED_TXT)
    code = run("--fix", "--output-format", "concise", str(path))
    out = capsys.readouterr().out
    assert code == 1  # unsafe findings are left
    assert "21 fixed, 8 remaining." in out
    assert "Kamerstuk 33 625, nr. 287" in path.read_text(encoding="utf-8")
    assert run("--fix", str(path)) == 1
    assert "0 fixed, 8 remaining." in capsys.readouterr().out
    # The motie phrase's four findings share MO001's whole fix, which is unsafe: --unsafe-fixes applies it.
    assert "Motie 36 725-XVII nr. 45" in path.read_text(encoding="utf-8")
    run("--fix", "--unsafe-fixes", str(path))
    assert "de motie van de leden Ceder en Bamenga (Kamerstuk 36 725 XVII, nr. 45)" in path.read_text(encoding="utf-8")


def test_unsafe_fixes_apply_the_rest(tmp_path, capsys):
    path = copy(tmp_path, SEED_TXT)
    run("--fix", "--unsafe-fixes", "--output-format", "concise", str(path))
    out = capsys.readouterr().out
    fixed = int(out.strip().splitlines()[-1].split()[0])
    assert fixed > 22


def test_diff_prints_the_visible_change_and_writes_nothing(tmp_path, capsys):
    path = copy(tmp_path, SEED_DOCX)
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    assert run("--diff", str(path)) == 1
    captured = capsys.readouterr()
    assert f"--- {path} (footnote 1)" in captured.out
    assert "+Kamerstuk 33 625, nr. 287." in captured.out
    assert "Would fix" in captured.err
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    run("--fix", str(path))
    capsys.readouterr()
    assert run("--diff", str(path)) == 0
    assert capsys.readouterr().out == ""


def test_fix_only_reports_nothing_but_the_summary(tmp_path, capsys):
    path = copy(tmp_path, SEED_TXT)
    assert run("--fix-only", str(path)) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "21 fixed, 8 remaining." in captured.err


def test_fix_true_in_the_configuration_fixes(tmp_path, capsys):
    path = copy(tmp_path, SEED_TXT)
    (tmp_path / "kamerlint.toml").write_text("fix = true\n")
    main([str(path)])
    assert "21 fixed" in capsys.readouterr().out
    assert "Kamerstuk 33 625, nr. 287" in path.read_text(encoding="utf-8")
    copy(tmp_path, SEED_TXT)
    main(["--no-fix", str(path)])
    assert "fixed" not in capsys.readouterr().out


def test_fix_of_standard_input_prints_the_fixed_text(monkeypatch, capsysbinary):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED_TXT.read_bytes())))
    run("--fix", "--stdin-filename", "brief.txt", "-")
    captured = capsysbinary.readouterr()
    assert b"Kamerstuk 33 625, nr. 287" in captured.out
    assert b"21 fixed, 8 remaining." in captured.err


def test_jobs_fix_every_file_in_its_worker(tmp_path, capsys):
    paths = [copy(tmp_path, SEED_TXT, f"brief{i}.txt") for i in range(3)]
    run("--fix", "--jobs", "2", *map(str, paths))
    assert "63 fixed, 24 remaining." in capsys.readouterr().out
    assert all("Kamerstuk 33 625, nr. 287" in p.read_text(encoding="utf-8") for p in paths)


def test_a_file_with_nothing_to_fix_is_not_written(tmp_path, capsys):
    path = copy(tmp_path, FIXTURES / "draft-clean.docx")
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    run("--fix", str(path))
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_permissions_survive_a_fix(tmp_path, capsys):
    path = copy(tmp_path, SEED_TXT)
    path.chmod(0o640)
    run("--fix", str(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == [path.name], "no temporary file is left"


def test_a_read_only_file_is_not_written(tmp_path, capsys):
    path = copy(tmp_path, SEED_TXT)
    before = path.read_bytes()
    path.chmod(0o444)
    run("--fix", str(path))
    captured = capsys.readouterr()
    assert "not written: the file is read-only" in captured.err
    assert path.read_bytes() == before
    assert "0 fixed, 29 remaining." in captured.out


def test_a_read_only_folder_gives_a_clear_error_and_no_partial_file(tmp_path, capsys):
    folder = tmp_path / "dossier"
    folder.mkdir()
    path = copy(folder, SEED_TXT)
    before = path.read_bytes()
    folder.chmod(0o555)
    try:
        run("--fix", str(path))
    finally:
        folder.chmod(0o755)
    assert "its folder is read-only" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == [path.name]


def test_a_docx_open_in_word_is_not_written(tmp_path, capsys):
    path = copy(tmp_path, SEED_DOCX, "kamerbrief.docx")
    (tmp_path / "~$merbrief.docx").write_bytes(b"\x0bkamerlint")
    before = path.read_bytes()
    run("--fix", str(path))
    assert "~$merbrief.docx beside it says the document is open" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_a_file_changed_during_the_run_is_not_overwritten(tmp_path):
    path = copy(tmp_path, SEED_TXT)
    read_at_start = path.read_bytes()
    path.write_bytes(read_at_start + b"\nEen alinea die de auteur net toevoegde.\n")
    assert "changed on disk" in write_back(path, read_at_start, b"fixed")
    assert path.read_bytes().endswith(b"net toevoegde.\n")


def test_two_fixes_of_one_file_at_once_never_lose_one_in_silence(tmp_path, monkeypatch):
    """The first run's write is slow; the second, which read the same bytes, must wait for it
    (the lock), then find the file changed and say so, not write over the first run's fixes."""
    import threading
    import time

    path = copy(tmp_path, SEED_TXT)
    original = path.read_bytes()
    writing = threading.Event()
    real_fsync = os.fsync

    def slow_fsync(fd):
        if threading.current_thread().name == "first":
            writing.set()
            time.sleep(0.5)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", slow_fsync)
    said = {}
    first = threading.Thread(target=lambda: said.setdefault("first", write_back(path, original, b"first run")), name="first")
    first.start()
    assert writing.wait(10)
    said["second"] = write_back(path, original, b"second run")
    first.join()
    assert said["first"] is None
    assert "changed on disk" in said["second"]
    assert path.read_bytes() == b"first run"


def test_concurrent_fix_runs_report_what_they_wrote(tmp_path):
    """Two real runs fixing different rules in one file at once, ten times: a run that reports
    its fixes as written finds them in the file afterwards."""
    path = tmp_path / "brief.txt"
    rules = ("KS001", "FN010")
    for _ in range(10):
        shutil.copyfile(SEED_TXT, path)
        runs = {
            code: subprocess.Popen(
                [sys.executable, "-m", "linter.cli", "--isolated", "--fix", "--select", code, str(path)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )
            for code in rules
        }
        said = {code: run.communicate(timeout=60) for code, run in runs.items()}
        left = engine.lint_path(path, Settings())
        for code, (out, err) in said.items():
            if "not written" not in err:
                assert "0 fixed" not in out and not [d for d in left if d.code == code], (code, out, err)


def test_track_changes_needs_fix(capsys):
    assert run("--track-changes", str(SEED_TXT)) == 2


def test_a_baseline_is_not_written_while_fixing(tmp_path, capsys):
    assert run("--fix", "--write-baseline", str(tmp_path / "baseline.json"), str(SEED_TXT)) == 2
    assert not (tmp_path / "baseline.json").exists()


def test_machine_output_keeps_the_summary_off_its_stream(tmp_path, capsys):
    import json

    path = copy(tmp_path, SEED_TXT)
    run("--fix", "--output-format", "json", str(path))
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 8
    assert "21 fixed, 8 remaining." in captured.err


# -- the shared corpus -----------------------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize("options", [["--fix"], ["--fix", "--unsafe-fixes", "--track-changes"]], ids=["safe", "unsafe-tracked"])
def test_fix_over_the_corpus(options, tmp_path, capsys):
    sources = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() in (".docx", ".odt", ".txt", ".md"))
    assert sources
    copies = []
    for i, source in enumerate(sources):
        target = tmp_path / f"{i:03d}-{source.name}"
        shutil.copyfile(source, target)
        os.utime(target, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
        copies.append((source, target))
    run(*options, "--exit-zero", "--output-format", "json", str(tmp_path))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "IO005" not in captured.out
    assert "failed while writing" not in captured.err
    for source, target in copies:
        if target.read_bytes() == source.read_bytes():
            assert target.stat().st_mtime_ns == 1_600_000_000_000_000_000, f"{target.name} rewritten without a change"
            continue
        found = engine.lint_path(target, Settings())
        assert not [d for d in found if d.code.startswith("IO") and d.code != "IO004"], target.name
        if target.suffix == ".docx":
            docx.Document(str(target))


@needs_shared
def test_a_signed_document_is_not_changed(tmp_path, capsys):
    path = copy(tmp_path, CORPUS / "poi" / "xmldsign__hyperlink-example-signed.docx")
    before = path.read_bytes()
    run("--fix", "--unsafe-fixes", str(path))
    assert "digitally signed, and any change would break the signature" in capsys.readouterr().err
    assert path.read_bytes() == before


# -- other readers of the result -------------------------------------------------------------------


def tool(name: str):
    found = shutil.which(name)
    if found is None and not IN_CI:
        pytest.skip(f"{name} is not installed")
    assert found, f"{name} must be installed in CI (.ci/run)"
    return found


@pytest.mark.parametrize("name", ["kamerbrief-diaspora.docx", "kamerbrief-diaspora-libreoffice.docx", "kamerbrief-diaspora-pandoc.docx"])
def test_pandoc_reads_the_fixed_docx(name, tmp_path, capsys):
    pandoc = tool("pandoc")
    path = copy(tmp_path, FIXTURES / name)
    run("--fix", str(path))
    out = subprocess.run([pandoc, str(path), "-t", "plain", "--wrap=none"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Kamerstuk 33 625, nr. 287." in out.stdout


def soffice_text(path: Path, tmp_path: Path) -> str:
    soffice = tool("soffice")
    profile = tmp_path / "profile"
    out = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "fodt", "--outdir", str(tmp_path / "out"), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    return (tmp_path / "out" / (path.stem + ".fodt")).read_text(encoding="utf-8")


def test_libreoffice_reads_the_fixed_docx(tmp_path, capsys):
    path = copy(tmp_path, SEED_DOCX)
    run("--fix", str(path))
    assert "33 625, nr. 287." in soffice_text(path, tmp_path)


def test_libreoffice_shows_the_tracked_changes_by_kamerlint(tmp_path, capsys):
    path = copy(tmp_path, SEED_DOCX)
    run("--fix", "--track-changes", str(path))
    assert docx.Document(str(path)).paragraphs, "python-docx opens it"
    text = soffice_text(path, tmp_path)
    assert "<text:tracked-changes" in text
    assert "<dc:creator>kamerlint</dc:creator>" in text
    with zipfile.ZipFile(path) as package:
        assert b'w:author="kamerlint"' in package.read("word/document.xml")


def test_the_seed_as_odt_is_fixed_and_libreoffice_reads_it(tmp_path, capsys):
    soffice = tool("soffice")
    made = tmp_path / "made"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "odt", "--outdir", str(made), str(SEED_DOCX)],
        capture_output=True,
        timeout=300,
        check=True,
    )
    path = made / "kamerbrief-diaspora.odt"
    original = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    run("--fix", str(path))
    found = engine.lint_path(path, Settings())
    assert not [d for d in found if d.fix is not None and d.fix.applicable and d.fix.applicability == "safe"]
    with zipfile.ZipFile(path) as fixed:
        assert [i.filename for i in fixed.infolist()] == [i.filename for i in original.infolist()]
        assert fixed.infolist()[0].filename == "mimetype" and fixed.infolist()[0].compress_type == zipfile.ZIP_STORED
        for info in original.infolist():
            if info.filename != "content.xml":
                assert fixed.read(info.filename) == original.read(info), info.filename
    capsys.readouterr()
    assert run("--diff", str(path)) == 0, "a second fix changes nothing"
    assert "33 625, nr. 287." in soffice_text(path, tmp_path)
