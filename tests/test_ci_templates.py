"""The CI templates in docs/, tried as a new user would: each installs kamerlint with its own
install command (from a git repository pinned to a commit: here a local clone of this working
tree) into a fresh virtual environment, then runs its own kamerlint commands over a repository of
letters, and they produce what the next step (upload-sarif, GitLab's report artifacts) expects.

The install needs git and PyPI (for kamerlint's dependencies); in CI a skip here is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import FIXTURES, ROOT, snapshot_repo

DOCS = ROOT / "docs"
#: The current major version of each action the workflow uses.
ACTIONS = {"actions/checkout": "v4", "actions/setup-python": "v5", "github/codeql-action/upload-sarif": "v3"}
INSTALL = 'python -m pip install "git+${KAMERLINT_REPOSITORY}@${KAMERLINT_REV}"'
LETTERS = {"2025/diaspora.txt", "2025/beantwoording.docx"}


def load(name: str):
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((DOCS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> tuple[str, str]:
    """kamerlint's repository as a user would clone it: (URL, commit)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of kamerlint")
    repo = tmp_path_factory.mktemp("kamerlint-repository")
    return repo.as_uri(), snapshot_repo(repo)


@pytest.fixture
def letters(tmp_path: Path) -> Path:
    """A checkout of a repository of letters."""
    repo = tmp_path / "brieven"
    (repo / "2025").mkdir(parents=True)
    shutil.copy(FIXTURES / "kamerbrief-diaspora.txt", repo / "2025" / "diaspora.txt")
    shutil.copy(FIXTURES / "kamerbrief-diaspora.docx", repo / "2025" / "beantwoording.docx")
    (repo / "README.md").write_text("Geachte voorzitter,\n\nDit is de map met brieven.\n", encoding="utf-8")
    return repo


def fresh_runner(tmp_path: Path, variables: dict, source: tuple[str, str]) -> dict:
    """The environment of a CI job: a Python with nothing installed first on PATH, and the
    template's variables with the repository and commit filled in as a user would."""
    env_dir = tmp_path / "runner"
    venv.create(env_dir, with_pip=True)
    url, commit = source
    assert set(variables) >= {"KAMERLINT_REPOSITORY", "KAMERLINT_REV"}
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "KAMERLINT_OUTPUT_FORMAT", "PYTHONHOME")}
    env.update({k: str(v) for k, v in variables.items()})
    env.update(KAMERLINT_REPOSITORY=url, KAMERLINT_REV=commit, NO_COLOR="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env['PATH']}"
    return env


def shell(command: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def install(command: str, cwd: Path, env: dict) -> None:
    assert command == INSTALL  # from the repository, pinned; never a bare `pip install kamerlint`
    done = shell(command, cwd, env)
    assert done.returncode == 0, done.stdout + done.stderr
    where = shell("python -c 'import linter, sys; print(linter.__file__)'", cwd, env)
    runner = Path(env["PATH"].split(os.pathsep)[0]).parent
    assert Path(where.stdout.strip()).is_relative_to(runner), where.stdout  # installed, not this checkout
    assert shell("kamerlint --version", cwd, env).returncode == 0
    # python-docx is for the tests only: the installed program reads .docx without it.
    assert shell("python -c 'import docx'", cwd, env).returncode != 0


def kamerlint_commands(commands: list[str]) -> list[str]:
    return [c for c in commands if c.lstrip().startswith(("kamerlint ", "lint "))]


def test_github_workflow(letters, source, tmp_path):
    workflow = load("github-actions.yml")
    job = workflow["jobs"]["kamerlint"]
    assert job["permissions"]["security-events"] == "write"
    steps = job["steps"]
    used = dict(s["uses"].rsplit("@", 1) for s in steps if "uses" in s)
    assert used == ACTIONS
    upload = next(s for s in steps if s["uses" if "uses" in s else "name"].startswith("github/codeql-action/upload-sarif"))
    runs = [s["run"] for s in steps if "run" in s]
    env = fresh_runner(tmp_path, job["env"], source)
    install(runs[0], letters, env)
    commands = kamerlint_commands(runs)
    assert commands == runs[1:] and len(commands) == 2

    sarif_step, check_step = commands
    done = shell(sarif_step, letters, env)
    assert done.returncode == 0, done.stderr
    log = json.loads((letters / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == LETTERS  # relative to the checkout, as code scanning needs them

    done = shell(check_step, letters, env)
    assert done.returncode == 1  # the job fails on findings
    assert done.stdout.startswith("::") and "file=2025/diaspora.txt" in done.stdout


def test_gitlab_job(letters, source, tmp_path):
    job = load("gitlab-ci.yml")["kamerlint"]
    assert not re.search(r"-slim\b", job["image"])  # pip needs git for the install
    env = dict(fresh_runner(tmp_path, job["variables"], source), CI_PROJECT_DIR=str(letters))
    (command,) = job["before_script"]
    install(command, letters, env)
    commands = kamerlint_commands(job["script"])
    assert commands == job["script"]
    codes = [shell(c, letters, env).returncode for c in commands]
    assert codes == [0, 0, 1]

    reports = job["artifacts"]["reports"]
    issues = json.loads((letters / reports["codequality"]).read_text(encoding="utf-8"))
    assert issues and {i["location"]["path"] for i in issues} == LETTERS
    suites = ET.parse(letters / reports["junit"]).getroot().findall("testsuite")
    assert {s.get("name") for s in suites} == LETTERS | {"README.md"}


def test_templates_say_how_they_install():
    for name in ("github-actions.yml", "gitlab-ci.yml"):
        text = (DOCS / name).read_text(encoding="utf-8")
        assert "not published on PyPI" in text and "KAMERLINT_REV" in text
        assert not re.search(r"pip install kamerlint\s*$", text, re.M)
