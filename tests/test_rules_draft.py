"""DR001–DR005 on the draft fixtures (made by scripts/make_draft_fixtures.py), on text drafts and
on the seed letter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, SEED, codes, lint_text, needs_shared, tika
from linter.engine import lint_path
from linter.settings import Settings
from rules.draft import personal_properties

DRAFT_FIXTURES = sorted(p.stem for p in FIXTURES.glob("draft-*.docx"))


def located(d) -> tuple:
    loc = d.location
    return (d.code, loc.story, loc.note, loc.paragraph, loc.column, loc.end_column)


def lint_fixture(name: str, select: str = "DR"):
    return lint_path(FIXTURES / f"{name}.docx", Settings(select=[select]))


def test_fixtures_exist():
    assert {"draft-tracked-changes", "draft-comments", "draft-hidden-text", "draft-placeholders", "draft-metadata", "draft-clean"} <= set(DRAFT_FIXTURES)


@pytest.mark.parametrize("name", DRAFT_FIXTURES)
def test_draft_fixture_findings(name):
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    want = sorted((e["code"], e["story"], e["note"], e["paragraph"], e["column"], e["end_column"]) for e in expected)
    got = sorted(located(d) for d in lint_fixture(name))
    assert got == want


def test_clean_fixture_has_no_findings_at_all():
    assert [d.code for d in lint_path(FIXTURES / "draft-clean.docx", Settings())] == []


def test_tracked_change_messages_name_author_and_text():
    messages = [d.message for d in lint_fixture("draft-tracked-changes")]
    assert any("deleted text by J. Jansen" in m and '"het rapport"' in m for m in messages)
    assert any("inserted text" in m and '"168"' in m for m in messages)


def test_comment_message_and_commented_text():
    found = lint_fixture("draft-comments")
    body = next(d for d in found if d.location.story == "body")
    assert "J. Jansen" in body.message and "Navragen bij FEZ" in body.message
    assert body.span.text == "12 miljoen euro"


def test_hidden_text_from_style_says_so():
    found = lint_fixture("draft-hidden-text")
    assert sum("through its style" in d.message for d in found) == 1


def test_seed_has_no_draft_findings():
    assert lint_path(SEED, Settings(select=["DR"])) == []


# -- text drafts ----------------------------------------------------------------------------------


def test_tika_comment_block_is_dr002():
    text = tika(["[bookmark: _Hlk1]Geachte voorzitter,", "", "Het budget bedraagt 12 miljoen.\tComment by J. Jansen: Klopt dit?", ""])
    found = lint_text(text, "DR")
    assert codes(found) == ["DR002"]
    d = found[0]
    assert "J. Jansen" in d.message and "Klopt dit?" in d.message
    # Located at the comment block in the file: line 3, just after the run text.
    assert d.location.line == 3 and d.location.column == len("Het budget bedraagt 12 miljoen.") + 1


def test_text_placeholders_found_with_file_positions():
    found = lint_text("Eerste regel.\n\nDe brief volgt op [datum] en kost XXX euro.\n", "DR004")
    assert [(d.location.line, d.location.column, d.span.text) for d in found] == [(3, 19, "[datum]"), (3, 35, "XXX")]


@pytest.mark.parametrize(
    "text",
    [
        "Het PMO en de SPM-regeling.",
        "Om 3 pm vertrekt de trein.",
        "Het XXL-formaat.",
        "Dit is todo-lijst nummer twee.",
        "De motie „verzoekt de regering […] te onderzoeken”.",
        'De minister zei: "wij zullen [...] handelen".',
        "Nog in te vullen door de afdeling? Nee, dat is gedaan.",
        "Een APM-regeling en PMS.",
    ],
)
def test_no_placeholder_false_alarms(text):
    assert lint_text(text + "\n", "DR004") == []


@pytest.mark.parametrize(
    "text, placeholder",
    [
        ("Kosten: PM.", "PM"),
        ("Kosten: p.m.", "p.m."),
        ("Kosten: P.M.", "P.M."),
        ("Aantal: XXXX stuks.", "XXXX"),
        ("Datum: [datum].", "[datum]"),
        ("Datum: [Datum].", "[Datum]"),
        ("Nog invullen: het bedrag.", "Nog invullen"),
        ("TODO: bedrag.", "TODO"),
        ("De cijfers […] volgen.", "[…]"),
        ("(PM)", "PM"),
    ],
)
def test_placeholders_found(text, placeholder):
    found = lint_text(text + "\n", "DR004")
    assert [d.span.text for d in found] == [placeholder]


def test_placeholder_list_is_configurable():
    text = "Het bedrag is ZZZ en PM.\n"
    found = lint_text(text, "DR004", placeholders=("ZZZ", "[naam]"))
    assert [d.span.text for d in found] == ["ZZZ"]
    assert lint_text(text, "DR004", placeholders=()) == []


def test_placeholders_in_comments_are_left_to_dr002():
    text = tika(["[bookmark: _Hlk1]Tekst.\tComment by A: TODO navragen", ""])
    assert codes(lint_text(text, "DR")) == ["DR002"]


# -- DR005 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "props",
    [
        {"core.creator": "python-docx"},
        {"core.creator": "Microsoft Office User", "core.lastModifiedBy": ""},
        {"app.Company": "Rijksoverheid"},
        {"app.Company": "Ministerie van Buitenlandse Zaken"},
        {"app.Template": "Normal.dotm"},
        {"settings.attachedTemplate": "Rijksoverheid%20Kamerbrief.dotx"},
        {"settings.attachedTemplate": "\\\\rijksfs01\\sjablonen\\Kamerbrief.dotx"},
        {"custom.Kenmerk": "BZ-2026-123", "custom.ContentTypeId": "0x0101"},
        {"settings.trackRevisions": "true"},
    ],
)
def test_no_personal_metadata(props):
    assert list(personal_properties(props)) == []


@pytest.mark.parametrize(
    "props",
    [
        {"core.creator": "Jansen, J."},
        {"core.lastModifiedBy": "pdevries"},
        {"app.Manager": "A. Bakker"},
        {"app.Company": "Deloitte"},
        {"app.Template": "C:\\Users\\jjansen\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm"},
        {"settings.attachedTemplate": "file:///Users/pdevries/Library/Normal.dotm"},
        {"custom.Eigenaar": "J. Jansen"},
        {"custom.Info": "contact: j.jansen@minbuza.nl"},
    ],
)
def test_personal_metadata(props):
    assert len(list(personal_properties(props))) == 1


def test_dr005_is_info_and_about_the_file():
    found = lint_fixture("draft-metadata", "DR005")
    assert {d.severity for d in found} == {"info"}
    assert all(d.span is None and d.location.paragraph is None for d in found)


@needs_shared
def test_dr_rules_on_corpus_tracked_changes_file():
    """pandoc's track_changes files hold real Word revisions: DR001 must see them."""
    corpus = Path(SEED).parents[1] / "corpus" / "public" / "pandoc"
    files = sorted(corpus.glob("*track_changes*.docx"))
    if not files:
        pytest.skip("no tracked-changes file in the corpus")
    assert any("DR001" in codes(lint_path(f, Settings(select=["DR001"]))) for f in files)
