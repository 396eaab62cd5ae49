"""kamerlint only reads: after every kind of run, each input file has the same bytes and the same
modification time, and no file has appeared or gone beside them."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from linter.cli import OUTPUT_FORMATS
from linter.engine import lint_bytes, lint_path
from linter.settings import Settings


def snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every entry under ``folder``: content hash, modification time (ns) and mode."""
    out = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else ""
        out[str(path.relative_to(folder))] = (digest, st.st_mtime_ns, st.st_mode)
    return out


@pytest.fixture()
def letters(tmp_path) -> Path:
    """Copies of every fixture (letters, text drafts, hostile files), with old modification times
    so that a rewrite would show, plus a read-only one."""
    folder = tmp_path / "brieven"
    shutil.copytree(FIXTURES, folder, ignore=shutil.ignore_patterns("*.json"))
    for i, path in enumerate(sorted(p for p in folder.rglob("*") if p.is_file())):
        os.utime(path, ns=(1_700_000_000_000_000_000 + i, 1_700_000_000_000_000_000 + i))
    readonly = folder / "alleen-lezen.txt"
    readonly.write_text("De brief volgt op [datum].\n", encoding="utf-8")
    os.utime(readonly, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    readonly.chmod(0o444)
    return folder


def lint(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "linter.cli", "--isolated", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=120,
    )


RUNS = [
    *[["--output-format", fmt] for fmt in OUTPUT_FORMATS],
    ["--statistics"],
    ["--select", "DR,CO", "--exit-zero"],
    ["--jobs", "2"],
    ["--jobs", "1", "--fail-on", "info"],
]


@pytest.mark.parametrize("args", RUNS, ids=[" ".join(a) for a in RUNS])
def test_folder_runs_change_nothing(letters, args):
    before = snapshot(letters)
    result = lint(*args, str(letters))
    assert result.returncode in (0, 1), result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    assert snapshot(letters) == before


def test_named_files_stdin_and_baseline_change_nothing(letters, tmp_path):
    before = snapshot(letters)
    files = [str(p) for p in sorted(letters.glob("*.docx"))[:3]] + [str(letters / "alleen-lezen.txt")]
    assert lint("--output-format", "json", *files).returncode in (0, 1)
    seed = (letters / "kamerbrief-diaspora.txt").read_bytes()
    assert lint("--stdin-filename", "brief.txt", "-", stdin=seed).returncode in (0, 1)
    baseline = tmp_path / "baseline.json"
    assert lint("--write-baseline", str(baseline), str(letters)).returncode == 0
    assert lint("--baseline", str(baseline), str(letters)).returncode in (0, 1)
    assert lint("--show-settings", str(letters)).returncode == 0
    assert snapshot(letters) == before


def test_api_changes_nothing(letters):
    before = snapshot(letters)
    for path in sorted(p for p in letters.rglob("*") if p.is_file()):
        lint_path(path, Settings())
        lint_bytes(path.read_bytes(), path.name, Settings())
    assert snapshot(letters) == before
