"""The pre-commit hooks, run by the real pre-commit (`pre-commit try-repo`) in a new git repository,
as a user trying them would: they fail on the seed letter and pass on clean letters.

try-repo builds the hooks' environment from this repository (its committed files, plus changes to
them) and installs kamerlint into it from PyPI, so the test needs the network and takes a while.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, SEED, needs_shared

PRE_COMMIT = shutil.which("pre-commit")

pytestmark = [
    needs_shared,
    pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install pre-commit)"),
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="the project is not a git checkout"),
]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def clean_docx(path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    props = document.core_properties
    props.author = props.last_modified_by = props.comments = props.title = ""
    document.add_paragraph("Geachte voorzitter,")
    document.add_paragraph("Hierbij bied ik u de antwoorden aan op de vragen van het lid Ceder.")
    document.save(str(path))


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("drafts")
    git(repo, "init", "-q", ".")
    shutil.copy(SEED, repo / "brief.txt")
    shutil.copy(CORPUS / "poi" / "integration__stress018.docx", repo / "brief.docx")
    (repo / "schoon.txt").write_text(
        "Geachte voorzitter,\n\nHierbij bied ik u de antwoorden aan op de vragen van het lid Ceder.\n", encoding="utf-8"
    )
    clean_docx(repo / "schoon.docx")
    git(repo, "add", ".")
    return repo


def try_repo(repo: Path, home: Path, *files: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    # try-repo commits the working tree's changes into a shadow repository; give git a name.
    env.setdefault("GIT_AUTHOR_NAME", "kamerlint tests")
    env.setdefault("GIT_AUTHOR_EMAIL", "tests@example.invalid")
    env.setdefault("GIT_COMMITTER_NAME", "kamerlint tests")
    env.setdefault("GIT_COMMITTER_EMAIL", "tests@example.invalid")
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(ROOT), "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def hook_status(output: str, name: str) -> str:
    for line in output.splitlines():
        if line.startswith(name + "."):
            return line.rsplit(".", 1)[-1].strip()
    return ""


def test_hooks_fail_on_the_seed_and_pass_on_clean_letters(drafts, tmp_path):
    failing = try_repo(drafts, tmp_path / "home", "brief.txt", "brief.docx")
    if "InvalidManifestError" in failing.stdout + failing.stderr:
        pytest.fail(".pre-commit-hooks.yaml is not committed or not valid:\n" + failing.stdout + failing.stderr)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert hook_status(failing.stdout, "kamerlint (text drafts)") == "Failed"
    assert hook_status(failing.stdout, "kamerlint (Word and ODF)") == "Failed"
    assert "brief.txt:" in failing.stdout and "FN010" in failing.stdout
    assert "brief.docx:footnote 1" in failing.stdout

    passing = try_repo(drafts, tmp_path / "home", "schoon.txt", "schoon.docx")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert hook_status(passing.stdout, "kamerlint (text drafts)") == "Passed"
    assert hook_status(passing.stdout, "kamerlint (Word and ODF)") == "Passed"


def test_hook_manifest_matches_word_and_text_files():
    yaml = pytest.importorskip("yaml")

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    word, text = hooks["kamerlint"], hooks["kamerlint-text"]
    for name in ("brief.docx", "map/Brief.odt"):
        assert re.search(word["files"], name) and not re.search(text["files"], name)
    for name in ("brief.txt", "concept/brief.md"):
        assert re.search(text["files"], name) and not re.search(word["files"], name)
    assert re.search(word["exclude"], "map/~$brief.docx") and not re.search(word["exclude"], "map/brief.docx")
    assert all(h["require_serial"] and h["language"] == "python" for h in hooks.values())
