"""The configuration page's examples, and the command line's options end to end (configuration,
baselines, standard input, the output format from the environment). The CI templates are tried in
tests/test_ci_templates.py."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, SEED, SHARED, needs_shared

pytestmark = needs_shared
DOCS = ROOT / "docs"


@pytest.fixture
def letters(tmp_path: Path) -> Path:
    """A checkout of a repository of letters."""
    repo = tmp_path / "brieven"
    (repo / "2025").mkdir(parents=True)
    shutil.copy(SEED, repo / "2025" / "diaspora.txt")
    shutil.copy(CORPUS / "poi" / "integration__stress018.docx", repo / "2025" / "beantwoording.docx")
    (repo / "README.md").write_text("Geachte voorzitter,\n\nDit is de map met brieven.\n", encoding="utf-8")
    return repo


@pytest.fixture
def kamerlint_on_path(tmp_path: Path) -> dict:
    """An environment where `kamerlint` runs this working tree, as `pip install .` would."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("kamerlint", "lint"):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m linter.cli "$@"\n', encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", PYTHONPATH=str(ROOT), NO_COLOR="1")
    env.pop("KAMERLINT_OUTPUT_FORMAT", None)
    return env


def shell(command: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_config_page_examples_are_valid(tmp_path):
    """The kamerlint.toml example in docs/configuration.md is accepted as it stands."""
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    start = text.index("```toml\n# kamerlint.toml\n") + len("```toml\n")
    toml = tmp_path / "kamerlint.toml"
    toml.write_text(text[start : text.index("```", start)], encoding="utf-8")
    from linter.config import load_config

    config = load_config(toml)
    assert config.settings.severity["FN010"] == "error" and "NNB" in config.settings.placeholders


# -- the command line, end to end --------------------------------------------------------------------


def run(args: list[str], env: dict, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["kamerlint", *args], cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=600)


def test_done_when_from_the_issue(letters, kamerlint_on_path):
    env, cwd = kamerlint_on_path, letters
    letter = "2025/diaspora.txt"
    before = json.loads(run(["--output-format", "json", letter], env, cwd).stdout)
    (letters / "2025" / "kamerlint.toml").write_text('ignore = ["FN010", "FN012"]\n', encoding="utf-8")
    after = json.loads(run(["--output-format", "json", letter], env, cwd).stdout)
    assert len(after) < len(before) and not {"FN010", "FN012"} & {d["code"] for d in after}
    assert "kamerlint.toml" in run(["--show-settings", letter], env, cwd).stdout

    assert run(["--write-baseline", "baseline.json", letter], env, cwd).returncode == 0
    clean = run(["--baseline", "baseline.json", letter], env, cwd)
    assert clean.returncode == 0 and clean.stdout.startswith("All checked")
    path = letters / letter
    path.write_text(path.read_text(encoding="utf-8").replace("Geachte voorzitter,", "Geachte voorzitter,\n\nZie Kamerstuk 33625.\n", 1), encoding="utf-8")
    new = run(["--baseline", "baseline.json", "--output-format", "json", letter], env, cwd)
    assert new.returncode == 1
    assert [d["code"] for d in json.loads(new.stdout)] == ["KS001"]


def test_stdin_uses_the_configuration_of_its_name(letters, kamerlint_on_path):
    (letters / "2025" / "kamerlint.toml").write_text('select = ["FN010"]\n', encoding="utf-8")
    done = run(["-", "--stdin-filename", "2025/nieuw.txt", "--output-format", "json"], kamerlint_on_path, letters, SEED.read_text(encoding="utf-8"))
    found = json.loads(done.stdout)
    assert found and {d["code"] for d in found} == {"FN010"} and {d["path"] for d in found} == {"2025/nieuw.txt"}


def test_output_format_from_the_environment_and_rule_command(letters, kamerlint_on_path):
    env = dict(kamerlint_on_path, KAMERLINT_OUTPUT_FORMAT="github")
    assert run(["2025/diaspora.txt"], env, letters).stdout.startswith("::")
    env["KAMERLINT_OUTPUT_FORMAT"] = "xml"
    assert run(["2025/diaspora.txt"], env, letters).returncode == 2
    explained = run(["rule", "FN010"], kamerlint_on_path, letters)
    assert explained.returncode == 0 and "FN010" in explained.stdout
    assert run(["--jobs", "-1", "."], kamerlint_on_path, letters).returncode == 2
