"""The README's quick start on a fresh clone, as a new user meets it: `git clone` of this repository
(its working tree, committed or not, as conftest.snapshot_repo makes it) into an empty folder, with
no ../shared beside it, then the README's two commands word for word: the first lints the example
letter (exit 1: it has problems), the second installs the test extra and runs the whole suite,
which must pass, the tests that need ../shared skipped as the README promises.

Both commands install from PyPI (pip's own cache is used as a user's would be). In CI (CI=true) a
skip here is a failure (conftest.MUST_RUN_IN_CI); on a laptop without a network the test skips.
The suite it runs is the same suite, so the run inside leaves this test out (KAMERLINT_CLONED).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, snapshot_repo

#: Set for the suite run inside the clone, so that it does not clone itself again.
NESTED = "KAMERLINT_CLONED"
#: What pip says when it cannot reach an index: the laptop is offline, not the project broken.
OFFLINE = re.compile(r"NewConnectionError|Temporary failure in name resolution|Network is unreachable|No matching distribution found")


def quick_start() -> list[str]:
    """The README's two commands, in order, from its Quick start section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def user_environment() -> dict[str, str]:
    """A shell as a user has it: no virtual environment active, nothing of this test run (its
    CI=true, its PYTHONPATH, its KAMERLINT_* settings) leaking into the clone's own run."""
    drop = ("CI", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTEST_ADDOPTS", "PYTEST_CURRENT_TEST")
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("KAMERLINT_")}
    env.update({NESTED: "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "NO_COLOR": "1"})
    return env


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    if os.environ.get(NESTED):
        pytest.skip("this is the suite run inside the fresh clone")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of kamerlint")
    source = tmp_path_factory.mktemp("kamerlint-repository")
    snapshot_repo(source)
    folder = tmp_path_factory.mktemp("fresh")
    subprocess.run(["git", "clone", "-q", str(source), "kamerlint"], cwd=folder, check=True, capture_output=True)
    assert not (folder / "shared").exists()
    return folder / "kamerlint"


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run(["bash", "-c", command], cwd=cwd, env=user_environment(), capture_output=True, text=True, timeout=1800)
    if done.returncode != 0 and OFFLINE.search(done.stdout + done.stderr) and not (cwd / ".venv" / "bin" / "lint").exists():
        pytest.skip("pip cannot reach the package index (offline?)")
    return done


def test_readme_quick_start_on_a_fresh_clone(clone):
    commands = quick_start()
    assert len(commands) == 2 and all(c.startswith("python3 -m venv .venv && .venv/bin/pip install ") for c in commands)

    first = run(commands[0], clone)
    # The example letter has problems: exit 1 with its findings, not pip's exit 1.
    assert first.returncode == 1 and "Found " in first.stdout and "FN010" in first.stdout, first.stdout[-3000:] + first.stderr[-3000:]

    second = run(commands[1], clone)
    summary = second.stdout.strip().splitlines()[-1] if second.stdout.strip() else ""
    assert second.returncode == 0, second.stdout[-6000:] + second.stderr[-3000:]
    assert " passed" in summary and "failed" not in summary and "error" not in summary, summary
    assert "../shared is not beside the project" in second.stdout or re.search(r"\d+ skipped", summary), summary
