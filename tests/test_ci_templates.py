"""The CI templates in docs/, tried as a new user would: each installs kamerlint with its own
install command (from a git repository pinned to a commit: here a local clone of this working
tree) into a fresh virtual environment, then runs its steps as the runner would (GitHub: in order,
each when its `if:` holds, a failed upload of the SARIF file with its `continue-on-error`) over a
repository of letters whose README and CHANGELOG hold a TODO. They report only the letters, and
produce what the next step (upload-sarif, GitLab's report artifacts, GitHub's job summary) expects.

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
ACTIONS = {"actions/checkout": "v7", "actions/setup-python": "v7", "github/codeql-action/upload-sarif": "v4"}
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
    # The repository's own notes: a TODO there is not a placeholder left in a letter.
    (repo / "README.md").write_text("# Brieven\n\nTODO: de map voor 2026 aanmaken.\n", encoding="utf-8")
    (repo / "CHANGELOG.md").write_text("## 2025\n\n- TODO: beantwoording toevoegen\n", encoding="utf-8")
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


def files_in(report: str) -> set[str]:
    """The files a concise report has findings in."""
    return set(re.findall(r"^(\S+?\.\w+):(?:\d|body|footnote|endnote|header|footer|comment)", report, re.M))


def kamerlint_commands(commands: list[str]) -> list[str]:
    return [c for c in commands if c.lstrip().startswith(("kamerlint ", "lint "))]


def step_runs(step: dict, failed: bool) -> bool:
    """Whether the runner starts a step, from its `if:` (the default is success())."""
    condition = str(step.get("if", "success()")).replace("${{", "").replace("}}", "").strip()
    known = {"success()": not failed, "always()": True, "!cancelled()": True, "failure()": failed, "success() || failure()": True}
    assert condition in known, condition
    return known[condition]


def test_github_workflow(letters, source, tmp_path):
    workflow = load("github-actions.yml")
    job = workflow["jobs"]["kamerlint"]
    assert job["permissions"]["security-events"] == "write"
    steps = job["steps"]
    used = dict(s["uses"].rsplit("@", 1) for s in steps if "uses" in s)
    assert used == ACTIONS
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    runs = [s["run"] for s in steps if "run" in s]
    env = fresh_runner(tmp_path, job["env"], source)
    install(runs[0], letters, env)
    assert kamerlint_commands(runs) == runs[1:] and len(runs) == 3

    # The steps after the install, as the runner takes them; code scanning is not there (a private
    # repository without it), so the upload fails.
    failed, done = False, {}
    for i, step in enumerate(steps[steps.index(next(s for s in steps if s.get("run") == runs[0])) + 1 :]):
        if not step_runs(step, failed):
            continue
        if step is upload:
            result = 1
        else:
            summary = tmp_path / f"step-summary-{i}.md"  # the runner's file for this step, outside the checkout
            step_env = dict(env, GITHUB_STEP_SUMMARY=str(summary))
            done[step["run"]] = (shell(step["run"], letters, step_env), summary)
            result = done[step["run"]][0].returncode
        failed = failed or (result != 0 and not step.get("continue-on-error"))

    sarif_step, check_step = runs[1:]
    assert set(done) == {sarif_step, check_step}, "a failed upload skipped the annotations"
    sarif, _ = done[sarif_step]
    assert sarif.returncode == 0, sarif.stderr
    log = json.loads((letters / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == LETTERS  # relative to the checkout, as code scanning needs them; no README

    check, summary = done[check_step]
    assert check.returncode == 1  # the job fails on findings
    assert check.stdout.startswith("::") and "file=2025/diaspora.txt" in check.stdout
    assert {m for m in re.findall(r"file=([^,:]+)", check.stdout)} == LETTERS
    # More than 10 warnings: GitHub shows 10 as annotations; the log says where the rest are.
    assert "GitHub shows at most 10 errors, 10 warnings and 10 notices of a step as annotations" in check.stdout
    # The job summary: a table for each letter, then the summary line.
    text = summary.read_text(encoding="utf-8")
    assert re.findall(r"^### (.+)$", text, re.M) == sorted(LETTERS)
    assert text.count("| place | rule | severity | finding |") == 2 and "README" not in text
    rows = [line for line in text.splitlines() if re.match(r"\| .+ \| [A-Z]{2}\d{3} ", line)]
    assert len(rows) == check.stdout.count("\n::") + 1
    assert text.rstrip().splitlines()[-1].startswith("Found ")

    # The README's advice for a report on disk, in the same checkout, twice: the report being
    # written is left out, so the second run does not check the first one's report.
    for _ in range(2):
        report = shell("kamerlint --output-format concise . > kamerlint-rapport.txt", letters, env)
        assert report.returncode == 1
    assert files_in((letters / "kamerlint-rapport.txt").read_text(encoding="utf-8")) == LETTERS


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
    assert {s.get("name") for s in suites} == LETTERS  # the README is the repository's, not a letter
    (concise,) = [c for c in commands if "concise" in c]
    assert files_in(shell(concise, letters, env).stdout) == LETTERS


def test_templates_say_how_they_install():
    for name in ("github-actions.yml", "gitlab-ci.yml"):
        text = (DOCS / name).read_text(encoding="utf-8")
        assert "not published on PyPI" in text and "KAMERLINT_REV" in text
        assert not re.search(r"pip install kamerlint\s*$", text, re.M)
