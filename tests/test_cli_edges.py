"""The command line's edges a new user trips over (issue 24): what --show-settings says is in force,
the help naming every command, ruff's words for what --fix would do, --color, text drafts in line
order, --annotate and --track-changes saying plainly what they cannot do, and options spelt out."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SEED_COPY

SEED_DOCX = FIXTURES / "kamerbrief-diaspora.docx"
ANSI = "\033["


def lint(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("KAMERLINT_OUTPUT_FORMAT", "NO_COLOR", "FORCE_COLOR", "KAMERLINT_VERIFY_URL")}
    return subprocess.run(
        [sys.executable, "-m", "linter.cli", *args], capture_output=True, text=True, encoding="utf-8",
        env={**base, "PYTHONPATH": str(ROOT), **(env or {})}, cwd=cwd,
    )


def setting(output: str, name: str) -> tuple[str, str]:
    """(value, origin) of one line of --show-settings."""
    m = re.search(rf"^{re.escape(name)} = (.*?)    # (.*)$", output, re.M)
    assert m, f"no {name} in:\n{output}"
    return m.group(1), m.group(2)


# -- --show-settings says the values in force ----------------------------------------------------------


def test_show_settings_prints_the_values_in_force(tmp_path):
    out = lint("--show-settings", str(SEED_COPY), env={"KAMERLINT_CACHE_DIR": str(tmp_path / "cache")}).stdout
    assert setting(out, "verify-url") == ('"https://zoek.officielebekendmakingen.nl"', "default")
    assert setting(out, "cache-dir") == (f'"{tmp_path / "cache"}"', "environment (KAMERLINT_CACHE_DIR)")
    assert setting(out, "output-format") == ('"full"', "default")
    assert setting(out, "fail-on") == ('"warning"', "default")
    assert setting(out, "color") == ('"auto"', "default")
    jobs, origin = setting(out, "jobs")
    assert int(jobs) >= 1 and origin.startswith("default")
    assert setting(out, "lang") == ('"en"', "environment (KAMERLINT_LANG=en)") or setting(out, "lang")[0] == '"en"'

    config = tmp_path / "kamerlint.toml"
    config.write_text('cache-dir = "opzoeken"\n', encoding="utf-8")
    out = lint(
        "--show-settings", "--output-format", "concise", "--fail-on", "info", "-j", "3", "--color", "never", "--config", str(config), str(SEED_COPY),
        env={"KAMERLINT_VERIFY_URL": "https://voorbeeld.test/"},
    ).stdout
    assert setting(out, "verify-url") == ('"https://voorbeeld.test/"', "environment (KAMERLINT_VERIFY_URL)")
    assert setting(out, "cache-dir") == (f'"{tmp_path / "opzoeken"}"', str(config))
    assert setting(out, "output-format") == ('"concise"', "command line")
    assert setting(out, "fail-on") == ('"info"', "command line")
    assert setting(out, "jobs") == ("3", "command line")
    assert setting(out, "color") == ('"never"', "command line")
    out = lint("--show-settings", ".", env={"KAMERLINT_OUTPUT_FORMAT": "json", "NO_COLOR": "1"}).stdout
    assert setting(out, "output-format") == ('"json"', "environment (KAMERLINT_OUTPUT_FORMAT)")
    assert setting(out, "color") == ('"never"', "environment (NO_COLOR)")


# -- the help names every command ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_help_names_sync_and_cache(lang):
    out = " ".join(lint("--help", "--lang", lang).stdout.split())
    assert "lint sync PATH" in out or "lint sync PAD" in out
    assert "lint cache info" in out and "lint cache clear" in out and "lint rule CODE" in out


# -- the summary says what --fix would do, as ruff says it -----------------------------------------------


def test_summary_says_fixable_with_the_fix_option():
    out = lint(str(SEED_COPY)).stdout.rstrip().splitlines()
    assert out[-2] == "Found 29 problems (1 error, 27 warnings, 1 info) in 1 of 1 file."
    assert out[-1] == "21 fixable with the `--fix` option (8 hidden fixes can be enabled with the `--unsafe-fixes` option)."
    only_unsafe = lint("--select", "MO001", str(SEED_COPY)).stdout.rstrip().splitlines()
    assert only_unsafe[-1] == "No fixes available (1 hidden fix can be enabled with the `--unsafe-fixes` option)."
    none = lint("--select", "BM001", "--output-format", "concise", str(SEED_DOCX)).stdout.rstrip().splitlines()
    assert none[-1] == "3 fixable with the `--fix` option."
    no_fix = lint("--select", "DR005", "--output-format", "concise", str(FIXTURES / "draft-metadata.docx")).stdout.rstrip().splitlines()
    assert no_fix[-1].startswith("Found 7 problems")  # no line about fixes when there are none
    dutch = lint("--lang", "nl", str(SEED_COPY)).stdout.rstrip().splitlines()
    assert dutch[-1] == "21 te corrigeren met de optie `--fix` (nog 8 met de optie `--unsafe-fixes`)."


# -- --color, FORCE_COLOR, NO_COLOR -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args,env,coloured",
    [
        ((), {}, False),  # a pipe is not a terminal
        ((), {"FORCE_COLOR": "1"}, True),  # a CI log that shows colour
        ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR first, as Python decides
        ((), {"FORCE_COLOR": ""}, False),  # set but empty: not set
        (("--color", "always"), {"NO_COLOR": "1"}, True),  # the command line over the environment
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
        (("--color", "auto"), {"FORCE_COLOR": "1"}, True),
    ],
)
def test_color(args, env, coloured):
    out = lint(*args, "--select", "FN008", str(SEED_COPY), env=env).stdout
    assert (ANSI in out) is coloured
    assert "FN008" in out


def test_color_in_a_report_file_only_when_asked(tmp_path):
    report = tmp_path / "rapport.txt"
    lint("--select", "FN008", "-o", str(report), str(SEED_COPY), env={"FORCE_COLOR": "1"})
    assert ANSI not in report.read_text(encoding="utf-8")
    lint("--select", "FN008", "--color", "always", "-o", str(report), str(SEED_COPY))
    assert ANSI in report.read_text(encoding="utf-8")
    machine = lint("--select", "FN008", "--color", "always", "--output-format", "json", str(SEED_COPY)).stdout
    assert ANSI not in machine  # colour is for the human formats only


def test_a_bad_color_is_a_usage_error():
    done = lint("--color", "yes", str(SEED_COPY))
    assert done.returncode == 2 and "--color" in done.stderr


# -- a text draft's findings in the order of its lines ---------------------------------------------------


@pytest.mark.parametrize("name", ["kamerbrief-diaspora.txt", "kamerbrief-diaspora.md"])
def test_text_draft_findings_are_in_line_order(name):
    out = lint("--output-format", "concise", str(FIXTURES / name)).stdout
    places = [(int(line), int(col)) for line, col in re.findall(rf"^\S*{re.escape(name)}:(\d+):(\d+): ", out, re.M)]
    assert len(places) > 20 and places == sorted(places)


def test_docx_findings_stay_story_by_story():
    out = lint("--output-format", "concise", "--select", "FN010,BM001", str(SEED_DOCX)).stdout
    stories = re.findall(r"\.docx:(body|footnote \d+)", out)
    assert stories.index("footnote 1") > max(i for i, s in enumerate(stories) if s == "body")


# -- --annotate and --track-changes say what they cannot do --------------------------------------------


def test_annotate_on_markdown_names_both_formats(tmp_path):
    draft = tmp_path / "brief.md"
    shutil.copy(FIXTURES / "kamerbrief-diaspora.md", draft)
    done = lint("--annotate", str(draft))
    assert "--annotate needs a .docx or .odt" in done.stderr
    assert not list(tmp_path.glob("*.kamerlint.*"))


def bookmarks(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', z.read("word/document.xml").decode("utf-8"))


def test_track_changes_leaves_bookmarks_and_says_so(tmp_path):
    """Word has no tracked change for removing a bookmark, so a removal could not be reviewed:
    --track-changes leaves the bookmarks, says so, and they stay findings; the text fixes are
    revisions by kamerlint."""
    letter = tmp_path / "brief.docx"
    shutil.copy(SEED_DOCX, letter)
    before = bookmarks(letter)
    assert sum(name.startswith("_Hlk") for name in before) == 3
    done = lint("--fix", "--track-changes", "--output-format", "concise", str(letter))
    assert done.returncode == 1
    assert "bookmarks are left in place: Word cannot record their removal as a tracked change; run --fix without --track-changes to remove them" in done.stderr
    assert bookmarks(letter) == before
    assert done.stdout.count(": BM001 ") == 3 and ": DR001 " in done.stdout
    # Without --track-changes they are removed.
    assert lint("--fix", str(letter)).returncode == 1
    assert not any(name.startswith("_Hlk") for name in bookmarks(letter))


# -- options are spelt out -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args,option",
    [
        (["--stat", "x.txt"], "--stat"),
        (["--sel", "FN", "x.txt"], "--sel"),
        (["--output-f", "json", "x.txt"], "--output-f"),
        (["rule", "--al"], "--al"),
        (["cache", "info", "--cache-d", "x"], "--cache-d"),
        (["sync", "--isol", "x.txt"], "--isol"),
    ],
)
def test_abbreviated_options_are_refused(args, option):
    done = lint(*args)
    assert done.returncode == 2 and option in done.stderr and "unrecognized arguments" in done.stderr, done.stderr


def test_whole_options_still_work():
    assert lint("--statistics", str(SEED_COPY)).returncode == 1
    assert lint("rule", "--all").returncode == 0


# -- no internal keys in messages ---------------------------------------------------------------------------


def test_personal_metadata_names_the_property_in_words():
    out = lint("--select", "DR005", "--output-format", "concise", str(FIXTURES / "draft-metadata.docx")).stdout
    assert "name its author:" in out and "name its last editor:" in out
    assert not re.search(r"\((core|app|custom|settings)\.", out)
    dutch = lint("--lang", "nl", "--select", "DR005", "--output-format", "concise", str(FIXTURES / "draft-metadata.docx")).stdout
    assert "noemen de auteur:" in dutch and "noemen de laatste bewerker:" in dutch
