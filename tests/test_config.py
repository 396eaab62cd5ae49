"""Configuration files: discovery, every option, errors that name the file and key, --show-settings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SEED, needs_shared
from linter.cli import main
from linter.config import Config, ConfigError, Resolver, Selection, find_config, load_config, resolve_selection

pytestmark = needs_shared


def lint_json(capsys, *argv: str) -> tuple[int, list[dict]]:
    rc = main([*argv, "--output-format", "json", "--jobs", "1"])
    out = capsys.readouterr().out
    return rc, json.loads(out)


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    folder = tmp_path / "brieven"
    folder.mkdir()
    target = folder / "brief.txt"
    shutil.copy(SEED, target)
    return target


def test_kamerlint_toml_beside_the_letter_changes_what_is_reported(letter, capsys):
    _, before = lint_json(capsys, str(letter))
    assert any(d["code"] == "FN010" for d in before)
    (letter.parent / "kamerlint.toml").write_text('ignore = ["FN010"]\n', encoding="utf-8")
    _, after = lint_json(capsys, str(letter))
    assert not any(d["code"] == "FN010" for d in after)
    assert len(after) == len(before) - sum(d["code"] == "FN010" for d in before)

    assert main(["--show-settings", str(letter)]) == 0
    shown = capsys.readouterr().out
    toml = str((letter.parent / "kamerlint.toml").resolve())
    assert f"Configuration file: {toml}" in shown
    assert f'ignore = ["FN010"]    # {toml}' in shown
    assert "citation-style = \"tweede-kamer\"    # default" in shown


def test_pyproject_table_and_nearest_file_wins(tmp_path, letter, capsys):
    root = letter.parent.parent
    (root / "pyproject.toml").write_text('[tool.kamerlint]\nselect = ["BM"]\n', encoding="utf-8")
    _, found = lint_json(capsys, str(letter))
    assert found and {d["code"][:2] for d in found} == {"BM"}
    # A pyproject.toml without the table is passed over; a nearer kamerlint.toml wins.
    (letter.parent / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(letter) == (root / "pyproject.toml").resolve()
    (letter.parent / ".kamerlint.toml").write_text('select = ["FN010"]\n', encoding="utf-8")
    _, found = lint_json(capsys, str(letter))
    assert {d["code"] for d in found} == {"FN010"}


def test_config_option_and_isolated(tmp_path, letter, capsys):
    (letter.parent / "kamerlint.toml").write_text('select = ["BM"]\n', encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text('select = ["FN012"]\n', encoding="utf-8")
    _, found = lint_json(capsys, "--config", str(other), str(letter))
    assert {d["code"] for d in found} == {"FN012"}
    _, found = lint_json(capsys, "--isolated", str(letter))
    assert {"BM001", "FN010", "FN012"} <= {d["code"] for d in found}


def test_command_line_overrides_the_file(letter, capsys):
    (letter.parent / "kamerlint.toml").write_text('ignore = ["FN010"]\ncitation-style = "juridisch"\n', encoding="utf-8")
    _, found = lint_json(capsys, "--select", "FN010", str(letter))
    assert found and {d["code"] for d in found} == {"FN010"}
    main(["--show-settings", "--citation-style", "tweede-kamer", "--select", "FN010", str(letter)])
    shown = capsys.readouterr().out
    assert 'citation-style = "tweede-kamer"    # command line' in shown
    assert "rules = \"FN010\"" in shown


def test_per_file_ignores_severity_and_exclude(tmp_path, letter, capsys):
    (letter.parent / "archief").mkdir()
    shutil.copy(SEED, letter.parent / "archief" / "oud.txt")
    (letter.parent / "kamerlint.toml").write_text(
        'select = ["FN010", "FN012"]\n'
        '[per-file-ignores]\n"brief.txt" = ["FN012"]\n'
        '[severity]\nFN010 = "error"\n',
        encoding="utf-8",
    )
    _, found = lint_json(capsys, str(letter.parent))
    by_file = {}
    for d in found:
        by_file.setdefault(Path(d["path"]).name, set()).add((d["code"], d["severity"]))
    assert by_file["brief.txt"] == {("FN010", "error")}
    assert ("FN012", "warning") in by_file["oud.txt"]

    (letter.parent / "kamerlint.toml").write_text('select = ["FN010"]\nexclude = ["archief"]\n', encoding="utf-8")
    _, found = lint_json(capsys, str(letter.parent))
    assert {Path(d["path"]).name for d in found} == {"brief.txt"}
    # A file named on the command line is checked anyway, unless --force-exclude (pre-commit).
    _, found = lint_json(capsys, str(letter.parent / "archief" / "oud.txt"))
    assert found
    _, found = lint_json(capsys, "--force-exclude", str(letter.parent / "archief" / "oud.txt"))
    assert found == []


def test_placeholders_and_limits(tmp_path, capsys):
    (tmp_path / "kamerlint.toml").write_text(
        'placeholders = ["ZZZ"]\n[limits]\nmax-text-chars = 100000000\n', encoding="utf-8"
    )
    config = Resolver().for_path(tmp_path / "brief.txt")
    assert config.settings.placeholders == ("ZZZ",)
    assert config.settings.limits.max_text_chars == 100_000_000
    assert config.settings.limits.max_parts == 10_000  # the others keep their defaults
    (tmp_path / "kamerlint.toml").write_text("[limits]\nmax-text-chars = 10\n", encoding="utf-8")
    (tmp_path / "brief.txt").write_text("Een brief die langer is dan tien tekens.\n", encoding="utf-8")
    _, found = lint_json(capsys, str(tmp_path / "brief.txt"))
    assert [d["code"] for d in found] == ["IO003"]


@pytest.mark.parametrize(
    "text, words",
    [
        ('selekt = ["FN"]\n', ["selekt", "unknown key"]),
        ('extend_select = ["FN"]\n', ["extend_select", "extend-select"]),
        ('select = "FN010"\n', ["select", "list of rule codes"]),
        ('ignore = ["XX999"]\n', ["ignore", "XX999"]),
        ('citation-style = "apa"\n', ["citation-style", "apa"]),
        ('[severity]\nFN010 = "fatal"\n', ["severity.FN010", "fatal"]),
        ('[limits]\nmax-pages = 3\n', ["limits", "max-pages"]),
        ('[limits]\nmax-parts = -1\n', ["max-parts", "positive"]),
        ("select = [\n", ["not valid TOML"]),
    ],
)
def test_bad_configuration_is_exit_2_naming_file_and_key(tmp_path, letter, capsys, text, words):
    toml = letter.parent / "kamerlint.toml"
    toml.write_text(text, encoding="utf-8")
    assert main([str(letter)]) == 2
    err = capsys.readouterr().err
    assert str(toml.resolve()) in err
    for word in words:
        assert word in err


def test_missing_config_file_is_exit_2(tmp_path, letter, capsys):
    assert main(["--config", str(tmp_path / "nope.toml"), str(letter)]) == 2
    assert "nope.toml" in capsys.readouterr().err


def test_selection_layers_follow_ruff():
    # File: everything but FN; command line: select FN010 only.
    assert resolve_selection([Selection(ignore=["FN"]), Selection(select=["FN010"])]) == ["FN010"]
    # A later layer without select only adds and removes.
    codes = resolve_selection([Selection(select=["BM"]), Selection(extend_select=["FN010"], ignore=["BM001"])])
    assert "FN010" in codes and "BM001" not in codes and "BM002" in codes
    # More specific wins within a layer.
    assert resolve_selection([Selection(select=["FN010"], ignore=["FN"])]) == ["FN010"]


def test_load_config_records_sources(tmp_path):
    toml = tmp_path / "kamerlint.toml"
    toml.write_text('footnote-marker = "after-punctuation"\n[severity]\nFN = "info"\n', encoding="utf-8")
    config = load_config(toml)
    assert isinstance(config, Config)
    assert config.settings.footnote_marker == "after-punctuation"
    assert config.sources["footnote-marker"] == str(toml.resolve())
    assert config.settings.severity["FN010"] == "info"  # a prefix sets every code under it
    with pytest.raises(ConfigError):
        load_config(tmp_path / "absent.toml")


def test_a_pyproject_without_kamerlint_is_passed_over_unparsed(tmp_path):
    """Most repositories' pyproject.toml has no [tool.kamerlint]; find_config skips it without
    parsing (so even a pyproject.toml that is not valid TOML is no concern of ours) and finds the
    next configuration above."""
    from linter.config import find_config

    (tmp_path / "kamerlint.toml").write_text('select = ["FN"]\n', encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("[tool.black\nthis is not TOML\n", encoding="utf-8")
    assert find_config(project) == (tmp_path / "kamerlint.toml").resolve()
    (project / "pyproject.toml").write_text('[tool.kamerlint]\nselect = ["BM"]\n', encoding="utf-8")
    assert find_config(project) == (project / "pyproject.toml").resolve()


@pytest.mark.parametrize(
    "text",
    [
        "[tool.kamerlint]\nselect = ['FN']\n",
        '[ tool . "kamerlint" ]\nselect = ["FN"]\n',
        "[tool.kamerlint.per-file-ignores]\n'a.docx' = ['FN']\n",
        "tool.kamerlint.select = ['FN']\n",
        "[tool]\nkamerlint = {select = ['FN']}\n",
        "[tool]\nkamerlint.select = ['FN']\n",
        "tool = {kamerlint = {select = ['FN']}}\n",
        '[tool.x]\na = """\n[y]\n"""\n[tool]\nkamerlint = {select = ["FN"]}\n',
        "[tool]\nkamerlint = {select = [\n'FN',\n]}\n",
        '[tool."kamer\\u006cint"]\nselect = ["FN"]\n',
        '["\\u0074ool".kamerlint]\nselect = ["FN"]\n',
        '[tool]\nmatrix = [\n  [1, 2],\n]\nkamerlint = {select = ["FN"]}\n',
        'x = [\n  ["a"]\n]\ntool.kamerlint.select = ["FN"]\n',
        '[tool] # note\u2028[project]\nkamerlint = {select = ["FN"]}\n',
    ],
)
def test_every_spelling_of_a_kamerlint_table_in_pyproject_is_found(tmp_path, text):
    """The quick look that spares most runs a TOML parser must never miss a real table."""
    from linter.config import find_config

    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    assert find_config(tmp_path) == (tmp_path / "pyproject.toml").resolve()


@pytest.mark.parametrize("text", ['[project]\nname = "kamerlint"\n', '[project.scripts]\nkamerlint = "linter.cli:main"\n', "[tool.black]\nline-length = 100\n"])
def test_a_pyproject_that_only_names_kamerlint_is_not_a_configuration(tmp_path, text):
    from linter.config import find_config

    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    assert find_config(tmp_path) != (tmp_path / "pyproject.toml").resolve()


def test_a_configuration_file_changed_between_runs_is_read_anew(tmp_path):
    """Parsed files are kept by their content (one run reads a file several times), so a file
    rewritten at once is read anew: a good value, a bad one, a good one again."""
    path = tmp_path / "kamerlint.toml"
    path.write_text('citation-style = "juridisch"\n', encoding="utf-8")
    assert load_config(path).settings.citation_style == "juridisch"
    path.write_text('citation-style = "kamer"\n   \n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(path)
    path.write_text('citation-style = "tweede-kamer"\n', encoding="utf-8")
    assert load_config(path).settings.citation_style == "tweede-kamer"
