"""Baselines (keyed by text, not by paragraph number) and inline ignore comments in text drafts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SEED, lint_text, needs_shared
from linter.baseline import apply_inline_ignores, fingerprint, read_baseline, BaselineError
from linter.cli import main
from linter.formats import read_document

pytestmark = needs_shared

NEW_ERROR = "Zie ook Kamerstuk 36 725 XVII nr. 45 voor de motie."


def lint_json(capsys, *argv: str) -> tuple[int, list[dict], str]:
    rc = main([*argv, "--output-format", "json", "--jobs", "1"])
    captured = capsys.readouterr()
    return rc, json.loads(captured.out), captured.err


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    target = tmp_path / "brief.txt"
    shutil.copy(SEED, target)
    return target


def test_baseline_then_only_the_new_error(tmp_path, letter, capsys):
    baseline = tmp_path / "kamerlint-baseline.json"
    assert main(["--write-baseline", str(baseline), str(letter)]) == 0
    assert "Wrote" in capsys.readouterr().err
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["findings"] and all(e["path"] == "brief.txt" for e in data["findings"])

    rc, found, err = lint_json(capsys, "--baseline", str(baseline), str(letter))
    assert (rc, found, err) == (0, [], "")

    # Type a new error into the letter, above everything: every old finding moves down a paragraph
    # (and its line), and the baseline still recognises them.
    text = letter.read_text(encoding="utf-8")
    head, rest = text.split("Geachte voorzitter,", 1)
    letter.write_text(head + "Geachte voorzitter,\n\n" + NEW_ERROR + "\n" + rest, encoding="utf-8")
    rc, found, _ = lint_json(capsys, "--baseline", str(baseline), str(letter))
    assert rc == 1
    assert found and all(NEW_ERROR[:20] in d["excerpt"] for d in found)
    assert "KS002" in {d["code"] for d in found}


def test_baseline_works_from_another_working_folder(tmp_path, letter, capsys, monkeypatch):
    baseline = tmp_path / "base.json"
    main(["--write-baseline", str(baseline), str(letter)])
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    rc, found, _ = lint_json(capsys, "--baseline", "base.json", "brief.txt")
    assert (rc, found) == (0, [])


def test_entries_that_no_longer_match_are_reported(tmp_path, letter, capsys):
    baseline = tmp_path / "base.json"
    main(["--write-baseline", str(baseline), str(letter)])
    capsys.readouterr()
    # Mend the hidden bookmarks: their entries go stale.
    letter.write_text(letter.read_text(encoding="utf-8").replace("[bookmark: _Hlk233125581]", ""), encoding="utf-8")
    rc, found, err = lint_json(capsys, "--baseline", str(baseline), str(letter))
    assert (rc, found) == (0, [])
    assert "1 baseline entry" in err and "no longer match" in err


def test_repeated_findings_are_counted(tmp_path, capsys):
    draft = tmp_path / "d.txt"
    draft.write_text("Dit is PM.\n\nDit is PM.\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    main(["--write-baseline", str(baseline), "--select", "DR", str(draft)])
    capsys.readouterr()
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    if not entries:
        pytest.skip("no placeholder rule fires on 'PM' yet")
    assert sum(e["count"] for e in entries) >= 2
    draft.write_text("Dit is PM.\n\nDit is PM.\n\nDit is PM.\n", encoding="utf-8")
    rc, found, _ = lint_json(capsys, "--baseline", str(baseline), "--select", "DR", str(draft))
    assert rc == 1 and len(found) == sum(e["count"] for e in entries) // 2


def test_fingerprint_ignores_paragraph_numbers_and_white_space():
    a = lint_text("Eerste alinea.\n\n" + NEW_ERROR + "\n", select="KS002")
    b = lint_text("Nieuwe alinea.\n\nNog een.\n\n" + NEW_ERROR.replace(" voor", "  voor") + "\n", select="KS002")
    assert a and b
    assert a[0].location.line != b[0].location.line
    assert fingerprint(a[0]) == fingerprint(b[0])


def test_bad_baseline_is_exit_2(tmp_path, letter, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    assert main(["--baseline", str(bad), str(letter)]) == 2
    assert "not a kamerlint baseline" in capsys.readouterr().err
    with pytest.raises(BaselineError):
        read_baseline(tmp_path / "missing.json")


# -- inline ignore comments ----------------------------------------------------------------------


def findings_after_ignores(text: str, name: str = "draft.md"):
    from linter.engine import check_document
    from linter.settings import Settings

    doc = read_document(text.encode("utf-8"), name)
    return apply_inline_ignores(check_document(doc, name, Settings()), doc)


def test_inline_ignore_on_the_paragraph_before(tmp_path):
    plain = NEW_ERROR + "\n"
    assert "KS002" in [d.code for d in findings_after_ignores(plain)]
    ignored = "<!-- kamerlint: ignore KS002 -->\n\n" + plain
    assert "KS002" not in [d.code for d in findings_after_ignores(ignored)]
    # Directly above, without a blank line (one paragraph in Markdown), works too.
    assert "KS002" not in [d.code for d in findings_after_ignores("<!-- kamerlint: ignore KS002 -->\n" + plain)]
    # Another code, or a comment two paragraphs up with text between, does not.
    assert "KS002" in [d.code for d in findings_after_ignores("<!-- kamerlint: ignore KS001 -->\n\n" + plain)]
    between = "<!-- kamerlint: ignore KS002 -->\n\nTussenalinea.\n\n" + plain
    assert "KS002" in [d.code for d in findings_after_ignores(between)]


def test_inline_ignore_prefix_all_and_whole_file():
    text = NEW_ERROR + "\n"
    assert not [d for d in findings_after_ignores("<!-- kamerlint: ignore KS -->\n\n" + text) if d.code.startswith("KS")]
    assert not findings_after_ignores("<!-- kamerlint: ignore -->\n\n" + text)
    whole = "Eerste alinea.\n\n" + text + "\n<!-- kamerlint: ignore-file KS002, KS004 -->\n"
    codes = [d.code for d in findings_after_ignores(whole)]
    assert "KS002" not in codes and "KS004" not in codes


def test_inline_ignore_in_a_tika_export_covers_the_paragraphs_notes(tmp_path, capsys):
    text = SEED.read_text(encoding="utf-8")
    marked = text.replace("[bookmark: _Hlk233125581]", "<!-- kamerlint: ignore FN010 BM001 -->\n\n[bookmark: _Hlk233125581]", 1)
    draft = tmp_path / "brief.txt"
    draft.write_text(marked, encoding="utf-8")
    _, found, _ = lint_json(capsys, "--select", "FN010,BM001", str(draft))
    _, before, _ = lint_json(capsys, "--select", "FN010,BM001", str(SEED))
    gone = {(d["code"], d["message"]) for d in before} - {(d["code"], d["message"]) for d in found}
    assert ("FN010", "Footnote 1 does not end with a full stop") in gone
    assert ("BM001", 'Hidden bookmark "_Hlk233125581" (made by Word on copy and paste) is drafting residue') in gone
    assert len(found) == len(before) - 2
