"""CO001 and CO002: one name or acronym spelled two ways. Precision first: ordinary capitalised
words must never fire."""

from __future__ import annotations

import pytest

from conftest import SEED_COPY as SEED, codes, lint_text, tika
from linter.engine import lint_path
from linter.settings import Settings


def test_seed_verwey_jonker_and_eudif():
    found = lint_path(SEED, Settings(select=["CO001", "CO002"]))
    # In the order of the text draft's lines: note 7's text (line 12) before the body's line 21.
    assert [(d.code, d.location.story, d.location.note, d.span.text) for d in found] == [
        ("CO001", "footnote", 7, "Verwey Jonker"),
        ("CO002", "body", None, "EUDIF"),
    ]
    co001 = found[0]
    assert "footnote 2" in co001.message and '"Verwey-Jonker"' in co001.message
    assert co001.fix is not None and co001.fix.applicability == "unsafe" and co001.fix.replacement == "Verwey-Jonker"
    assert found[1].fix.replacement == "EUDiF"


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


# -- issue 9: identifiers are not spellings; a hyphen inside one word ------------------------------

KENMERK_HEADER = "Ons kenmerk ABC/DEF-2024/123456"


@pytest.mark.parametrize(
    "text",
    [
        # A page header's kenmerk, a case number, a URL, an e-mail address, a file name.
        f"{KENMERK_HEADER}\nHet AbC heeft de brief opgesteld. Het AbC overlegt.",
        "Zaak ABC-2024-0012 is bij het AbC in behandeling. Het AbC meldt het.",
        "Zie https://www.abc.nl/AbC/ABC.html en het AbC. Het AbC.",
        "Mail naar ABC@example.org of bel het AbC. Het AbC.",
        "Het bestand ABC_rapport.pdf van het AbC. Het AbC.",
        "Het rapport «Hoezo MIJNOverheid?» gaat over MijnOverheid. MijnOverheid werkt.",
    ],
)
def test_co002_identifiers_and_quotations_are_no_spellings(text):
    assert lint_text(text + "\n", "CO002") == []


def test_co002_still_finds_a_real_second_spelling_beside_a_kenmerk():
    found = lint_text(f"{KENMERK_HEADER}\nHet AbC heeft de brief opgesteld. Het AbC en het ABC overleggen.\n", "CO002")
    assert [d.span.text for d in found] == ["ABC"] and found[0].location.line == 2


def test_co001_hyphen_inside_one_word():
    found = lint_text("OpenAI bracht ChatGPT uit. Open-AI zegt dat OpenAI dat niet doet.\n", "CO001")
    assert [d.span.text for d in found] == ["Open-AI"] and found[0].fix.replacement == "OpenAI"
    assert lint_text("OpenAI bracht het uit. OpenAI zegt het.\n", "CO001") == []
    # Joined to a slash or a dot ending, the name is part of an address.
    assert lint_text("Zie www.example.org/Open-AI en OpenAI. OpenAI.\n", "CO001") == []


def test_identifiers_and_hyphen_in_a_docx():
    from linter.engine import lint_bytes
    from test_docx_reader import build, para, run

    header = para(run(KENMERK_HEADER))
    body = para(run("Het AbC heeft OpenAI gevraagd. Het AbC en OpenAI overleggen.")) + para(run("Open-AI antwoordt."))
    found = lint_bytes(build(body, header=header), "brief.docx", Settings(select=["CO001", "CO002"]))
    assert [(d.code, d.location.story, d.span.text) for d in found] == [("CO001", "body", "Open-AI")]
