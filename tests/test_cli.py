"""The command line as a user runs it (spec/output.md): exit codes, formats, rule docs, stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT
from linter.cli import main
from linter.registry import all_rules

SEED_FIXTURE = FIXTURES / "kamerbrief-diaspora.txt"


def lint(*args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "linter.cli", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def test_seed_exits_1_and_json_lists_the_findings():
    r = lint("--output-format", "json", str(SEED_FIXTURE))
    assert r.returncode == 1, r.stderr
    found = json.loads(r.stdout)
    fn_bm = sorted((d["code"], d["location"]["note"]) for d in found if d["code"][:2] in ("FN", "BM"))
    expected = json.loads((FIXTURES / "kamerbrief-diaspora.expected.json").read_text())
    assert fn_bm == sorted((e["code"], e["note"]) for e in expected if e["code"][:2] in ("FN", "BM"))
    first = found[0]
    assert set(first) == {"path", "code", "name", "severity", "message", "location", "excerpt", "fix", "url"}
    assert set(first["location"]) >= {"story", "note", "paragraph", "line", "column", "end_column"}


def test_json_lines_and_concise_and_statistics():
    lines = lint("--output-format", "json-lines", "--select", "FN010", str(SEED_FIXTURE)).stdout.decode().splitlines()
    assert len(lines) == 8 and all(json.loads(line)["code"] == "FN010" for line in lines)
    concise = lint("--output-format", "concise", "--select", "BM", str(SEED_FIXTURE)).stdout.decode().splitlines()
    assert len(concise) == 5 and concise[0].endswith("is drafting residue") and concise[-2].startswith("Found 3 problems")
    assert concise[-1] == "3 fixable with the `--fix` option."  # as ruff says it
    stats = lint("--statistics", str(SEED_FIXTURE)).stdout.decode()
    assert "FN010  note-final-punctuation" in stats


def test_full_output_has_excerpt_caret_and_summary_without_colour_when_piped():
    out = lint("--select", "FN008", str(SEED_FIXTURE)).stdout.decode()
    assert "FN008 [warning] 2 spaces after the marker of footnote 7" in out
    assert "^^" in out and "\033[" not in out
    assert out.rstrip().endswith("in 1 of 1 file.\n1 fixable with the `--fix` option.")


def test_exit_codes():
    assert lint("--no-such-option", str(SEED_FIXTURE)).returncode == 2
    assert lint("--select", "XX999", str(SEED_FIXTURE)).returncode == 2
    assert lint().returncode == 2
    assert lint("--exit-zero", str(SEED_FIXTURE)).returncode == 0
    assert lint("--select", "FN001", str(SEED_FIXTURE)).returncode == 0
    missing = lint("--output-format", "json", "no-such-letter.docx")
    assert missing.returncode == 1 and json.loads(missing.stdout)[0]["code"] == "IO001"


def test_info_findings_do_not_fail_by_default(tmp_path):
    letter = tmp_path / "brief.txt"
    letter.write_text("Een zin.[endnoteRef:1] [1:  Eindnoot.] \n\n")
    assert lint("--select", "FN016", str(letter)).returncode == 0
    assert lint("--select", "FN016", "--fail-on", "info", str(letter)).returncode == 1


def test_stdin_with_a_filename():
    r = lint("--output-format", "json", "--stdin-filename", "brief.txt", "-", stdin=SEED_FIXTURE.read_bytes())
    found = json.loads(r.stdout)
    assert r.returncode == 1 and {d["path"] for d in found} == {"brief.txt"}


def test_folders_are_walked_for_documents_and_lock_files_skipped(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "brief.txt").write_bytes(SEED_FIXTURE.read_bytes())
    (tmp_path / "~$brief.docx").write_bytes(b"\x00" * 162)
    (tmp_path / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    found = json.loads(lint("--output-format", "json", str(tmp_path)).stdout)
    assert {d["path"] for d in found} == {str(tmp_path / "sub" / "brief.txt")}


def test_rule_documentation():
    r = lint("rule", "FN001")
    text = r.stdout.decode()
    assert r.returncode == 0 and "undefined-note" in text and "## What it does" in text and "## Fix safety" in text
    assert lint("rule", "XX001").returncode == 2
    listing = lint("rule", "--all").stdout.decode().splitlines()
    assert len(listing) == len(all_rules())


@pytest.mark.parametrize("r", all_rules(), ids=lambda r: r.code)
def test_every_rule_is_documented_in_ruffs_sections(r):
    for section in ("What it does", "Why is this bad?", "Example", "Fix safety"):
        assert r.section(section), f"{r.code} lacks '## {section}'"


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0 and "kamerlint" in capsys.readouterr().out


def test_a_long_span_shows_only_its_start():
    from linter.diagnostics import EXCERPT_SPAN, excerpt

    text = "Graag licht ik in deze brief toe. " * 20
    shown, at, length = excerpt(text, 0, len(text))
    assert at == 0 and length == EXCERPT_SPAN and shown.endswith("…") and len(shown) == EXCERPT_SPAN
