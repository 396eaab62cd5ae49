"""The pre-commit hooks, run by the real pre-commit in a new git repository, as a user trying them
would: they fail on the seed letter and pass on clean letters, check NOTA.DOCX whatever its case,
and leave a README and a lock file alone (as a folder walk does) unless the user's own configuration
says otherwise.

pre-commit is part of the test extra and runs as ``python -m pre_commit`` from the interpreter
running the tests (a venv's ``bin`` need not be on PATH). Building a hook environment installs
kamerlint from this working tree and its dependencies from PyPI, so these tests need the network
and take a while. In CI (CI=true) a skip here is a failure (conftest.MUST_RUN_IN_CI).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, GIT_IDENTITY, ROOT, snapshot_repo
from linter.cli import DOCUMENT_SUFFIXES, UNREADABLE_SUFFIXES, is_repository_note

PRE_COMMIT = [sys.executable, "-m", "pre_commit"] if importlib.util.find_spec("pre_commit") else None
SEED = FIXTURES / "kamerbrief-diaspora.txt"
SEED_DOCX = FIXTURES / "kamerbrief-diaspora.docx"
README_WITH_TODO = "# Brieven\n\nTODO: de map voor 2026 aanmaken.\n"


@pytest.fixture(scope="module")
def tools():
    if PRE_COMMIT is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of kamerlint")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_IDENTITY})


def clean_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.author = props.last_modified_by = props.comments = props.title = ""
    document.add_paragraph("Geachte voorzitter,")
    document.add_paragraph("Hierbij bied ik u de antwoorden aan op de vragen van het lid Ceder.")
    document.save(str(path))


@pytest.fixture(scope="module")
def drafts(tools, tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("drafts")
    git(repo, "init", "-q", ".")
    shutil.copy(SEED, repo / "brief.txt")
    shutil.copy(SEED_DOCX, repo / "NOTA.DOCX")
    (repo / "schoon.txt").write_text(
        "Geachte voorzitter,\n\nHierbij bied ik u de antwoorden aan op de vragen van het lid Ceder.\n", encoding="utf-8"
    )
    clean_docx(repo / "schoon.docx")
    (repo / "README.md").write_text(README_WITH_TODO, encoding="utf-8")
    git(repo, "add", ".")
    return repo


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """One pre-commit cache for the module, so a hook environment is built once a revision."""
    return tmp_path_factory.mktemp("pre-commit-home")


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1", **GIT_IDENTITY)
    env.pop("KAMERLINT_OUTPUT_FORMAT", None)
    done = subprocess.run([*PRE_COMMIT, *args], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    if "InvalidManifestError" in done.stdout + done.stderr:
        pytest.fail(".pre-commit-hooks.yaml is not valid:\n" + done.stdout + done.stderr)
    return done


def hook_status(output: str, name: str) -> str:
    for line in output.splitlines():
        if line.startswith(name + "."):
            return line.rsplit(".", 1)[-1].strip()
    return ""


WORD, TEXT = "kamerlint (Word and ODF)", "kamerlint (text drafts)"


def test_hooks_fail_on_the_seed_and_pass_on_clean_letters(drafts, home):
    failing = pre_commit(drafts, home, "try-repo", str(ROOT), "--files", "brief.txt", "NOTA.DOCX")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert hook_status(failing.stdout, TEXT) == "Failed"
    assert hook_status(failing.stdout, WORD) == "Failed"
    assert "brief.txt:" in failing.stdout and "FN010" in failing.stdout
    assert "NOTA.DOCX:footnote " in failing.stdout  # an upper-case name is checked too

    passing = pre_commit(drafts, home, "try-repo", str(ROOT), "--files", "schoon.txt", "schoon.docx", "README.md")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert hook_status(passing.stdout, TEXT) == "Passed"
    assert hook_status(passing.stdout, WORD) == "Passed"
    assert "README.md" not in passing.stdout  # left alone, although its TODO is a finding:
    assert subprocess.run([sys.executable, "-m", "linter.cli", str(drafts / "README.md")], capture_output=True).returncode == 1


def test_a_users_configuration_checks_the_notes_after_all(drafts, home, tmp_path):
    """With the hooks pinned to a commit (as the README says to until there are tags) and
    `exclude-repository-notes = false` in the repository's kamerlint.toml, the README is checked;
    a lock file is still left out (--force-exclude, as a folder walk leaves it out)."""
    source = tmp_path / "kamerlint"
    source.mkdir()
    commit = snapshot_repo(source)
    (drafts / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source.as_uri()}\n    rev: {commit}\n    hooks:\n      - id: kamerlint-text\n      - id: kamerlint\n",
        encoding="utf-8",
    )
    shutil.copy(SEED_DOCX, drafts / "~$NOTA.DOCX")
    try:
        done = pre_commit(drafts, home, "run", "--files", "README.md", "schoon.txt", "~$NOTA.DOCX")
        assert done.returncode == 0, done.stdout + done.stderr  # the README and the lock file left out
        (drafts / "kamerlint.toml").write_text("exclude-repository-notes = false\n", encoding="utf-8")
        done = pre_commit(drafts, home, "run", "--files", "README.md", "schoon.txt", "~$NOTA.DOCX")
        assert done.returncode == 1, done.stdout + done.stderr
        assert hook_status(done.stdout, TEXT) == "Failed" and "README.md:3:1: DR004" in done.stdout
        assert hook_status(done.stdout, WORD) == "Passed"
    finally:
        (drafts / "kamerlint.toml").unlink(missing_ok=True)
        (drafts / "~$NOTA.DOCX").unlink()


def test_hook_manifest_matches_word_and_text_files():
    yaml = pytest.importorskip("yaml")

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    word, text = hooks["kamerlint"], hooks["kamerlint-text"]
    for name in ("brief.docx", "map/Brief.odt", "NOTA.DOCX", "sjabloon.Dotx", "oud.doc", "gepubliceerd.PDF"):
        assert re.search(word["files"], name) and not re.search(text["files"], name), name
    for name in ("brief.txt", "concept/brief.md", "BRIEF.MD"):
        assert re.search(text["files"], name) and not re.search(word["files"], name), name
    # The Word hook takes what a folder walk takes, less the text formats.
    walked = {s.lstrip(".") for s in DOCUMENT_SUFFIXES + UNREADABLE_SUFFIXES} - {"txt", "md"}
    assert set(re.search(r"\\\.\((.*)\)\$", word["files"]).group(1).split("|")) == walked
    # What is left out is kamerlint's to say (--force-exclude), as in a folder walk: one list.
    assert "exclude" not in word and "exclude" not in text
    assert all(h["entry"] == "kamerlint --force-exclude" for h in hooks.values())
    for name in ("README.md", "docs/CHANGELOG.md", "LICENSE.txt", "Licence-EUPL.md", "CONTRIBUTING.md", "requirements.txt", ".github/pull_request_template.md"):
        assert is_repository_note(Path(name)), name
    for name in ("brief.md", "2025/nota.txt", "concept/licentie-aanvraag.md", "nieuwsbrief.md", "README.docx"):
        assert not is_repository_note(Path(name)), name
    assert all(h["require_serial"] and h["language"] == "python" for h in hooks.values())


@pytest.mark.parametrize(
    "module",
    ["import pytest\n\ndef test_tool():\n    pytest.skip('no tool')\n", "import pytest\n\npytest.importorskip('no_such_tool')\n\ndef test_tool():\n    pass\n"],
    ids=["in-a-test", "whole-module"],
)
def test_skips_here_fail_in_ci(module, tmp_path):
    """The conftest hooks that make .ci/run fail when a test in this file is skipped."""
    tests = tmp_path / "tests"
    tests.mkdir()
    shutil.copy(ROOT / "tests" / "conftest.py", tests / "conftest.py")
    (tests / "test_precommit.py").write_text(module, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")

    def run(ci: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "CI": ci, "PYTHONPATH": str(ROOT)}
        return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=tmp_path, env=env, capture_output=True, text=True)

    locally = run("")
    assert locally.returncode in (0, 5) and "1 skipped" in locally.stdout  # 5: a skipped module collects nothing
    in_ci = run("true")
    assert in_ci.returncode != 0 and "skipped in CI, where this test must run (CI=true)" in in_ci.stdout


def test_ci_script_runs_the_readme_test_command_with_ci_set():
    """.ci/run is what CI runs: CI=true (so a skip above fails it), then the README's command."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = ".venv/bin/python -m pytest"
    assert f"&& {command}\n" in readme
    assert script.index("export CI=true") < script.index(command)
    assert "'.[test]'" in " ".join(script)
