"""CO001 and CO002: one name or acronym spelled two ways. Precision first: ordinary capitalised
words must never fire."""

from __future__ import annotations

import pytest

from conftest import SEED, codes, lint_text, tika
from linter.engine import lint_path
from linter.settings import Settings


def test_seed_verwey_jonker_and_eudif():
    found = lint_path(SEED, Settings(select=["CO001", "CO002"]))
    assert [(d.code, d.location.story, d.location.note, d.span.text) for d in found] == [
        ("CO002", "body", None, "EUDIF"),
        ("CO001", "footnote", 7, "Verwey Jonker"),
    ]
    co001 = found[1]
    assert "footnote 2" in co001.message and '"Verwey-Jonker"' in co001.message
    assert co001.fix is not None and co001.fix.applicability == "unsafe" and co001.fix.replacement == "Verwey-Jonker"
    assert found[0].fix.replacement == "EUDiF"


def notes_letter(body: str, *notes: str) -> str:
    refs = "".join(f"[footnoteRef:{i}]" for i in range(1, len(notes) + 1))
    blocks = "".join(f" [{i}:  {text}] " for i, text in enumerate(notes, 1))
    return tika([body + refs + blocks, ""])


def test_majority_spelling_wins():
    text = notes_letter("Het Verwey Jonker rapport.", "Verwey-Jonker, 2024.", "Verwey-Jonker, 2025.")
    found = lint_text(text, "CO001")
    assert [(d.location.story, d.span.text) for d in found] == [("body", "Verwey Jonker")]


def test_joined_and_non_breaking_hyphen_variants():
    assert [d.span.text for d in lint_text("Het Verwey-Jonker Instituut en VerweyJonker.\n", "CO001")] == ["VerweyJonker"]
    # Word's non-breaking hyphen (U+2011) looks like a hyphen: the same spelling.
    assert lint_text("Het Verwey-Jonker Instituut en Verwey\u2011Jonker.\n", "CO001") == []


@pytest.mark.parametrize(
    "text",
    [
        "De minister. De Kamer en de regering.",
        "Noord-Holland en Zuid-Holland zijn provincies. Noord en Zuid.",
        "Diaspora-ondernemers en diaspora ondernemers.",  # not capitalised names
        "Het Verwey-Jonker Instituut. Verwey schreef; Jonker ook.",
        "Zie Verwey-Jonker. Verwey, Jonker en anderen.",
        "Midden-Oosten beleid; het Midden-Oosten.",
    ],
)
def test_co001_no_false_alarms(text):
    assert lint_text(text + "\n", "CO001") == []


@pytest.mark.parametrize(
    "text",
    [
        "De minister en de Kamer. De Kamer stemt.",
        "INLEIDING\n\nInleiding van de brief.",
        "DIASPORA EN ONTWIKKELING IN EUDIF\n\nDe EUDiF werkt.",  # a heading in capitals
        "Het IJsselmeer en de IJssel.",
        "De NAVO en de VN. De navo-top.",  # one capital or none: not an acronym
        "TZ202505-049 en Tz202505.",
        "Kamerstukken II en Kamerstukken Ii.",
    ],
)
def test_co002_no_false_alarms(text):
    assert lint_text(text + "\n", "CO002") == []


@pytest.mark.parametrize(
    "text, reported",
    [
        ("Het ministerie van BuZa en BUZA.", "BUZA"),
        ("EUDiF en EUDiF en EUDIF.", "EUDIF"),
        ("De PvdA en de PVDA.", "PVDA"),
    ],
)
def test_co002_reports_the_other_spelling(text, reported):
    assert [d.span.text for d in lint_text(text + "\n", "CO002")] == [reported]


def test_co002_across_body_and_notes():
    text = notes_letter("De EUDiF biedt steun.", "Zie het EUDIF-jaarverslag.")
    found = lint_text(text, "CO002")
    assert [(d.location.story, d.location.note, d.span.text) for d in found] == [("footnote", 1, "EUDIF")]


def test_comments_are_not_compared():
    text = tika(["[bookmark: _Hlk1]De EUDiF werkt.\tComment by A: EUDIF klopt?", ""])
    assert codes(lint_text(text, "CO")) == []
