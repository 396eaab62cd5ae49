"""Issue 9, citation side: findings a policy officer can trust. Each case has a real-shaped
wrong and right example, in a text draft and (where it applies) in a .docx built with
python-docx plus the note parts of tests/test_docx_reader.py."""

from __future__ import annotations

import pytest

from linter.engine import lint_bytes, lint_path
from linter.settings import Settings
from tests.conftest import SHARED, codes, lint_text, needs_shared
from tests.test_docx_reader import build, fn_ref, note, note_para, para, run, separators

CITATIONS = ("KS", "MO", "HA", "PB")


def lint_docx(body_paragraphs: list[str], notes: list[str] = (), select=CITATIONS, **settings):
    """A .docx with these body paragraphs; note i is referenced from the end of the first one."""
    refs = "".join(fn_ref(i + 1) for i in range(len(notes)))
    body = "".join(para(run(t), refs if i == 0 else "") for i, t in enumerate(body_paragraphs))
    footnotes = separators() + "".join(note(i + 1, note_para(t)) for i, t in enumerate(notes)) if notes else None
    s = Settings(**settings)
    s.select = list(select)
    return lint_bytes(build(body, footnotes=footnotes), "brief.docx", s)


def lint_txt(text: str, **settings):
    return lint_text(text, select=list(CITATIONS), **settings)


# -- Item 1: the identifier form with a short ondernummer; lists of numbers ----------------------
def test_identifier_with_short_number_is_one_finding_with_the_nr_fix():
    for found in (lint_txt("Zie de brief (Kamerstuk 34567-12) hierover.\n"),
                  lint_docx(["Zie de brief (Kamerstuk 34567-12) hierover."])):
        assert codes(found) == ["KS005"], [(d.code, d.message) for d in found]
        assert found[0].fix.replacement == "Kamerstuk 34 567, nr. 12"
        assert found[0].fix.applicability == "unsafe"
    # A real sub-dossier, or "-NN, nr." anywhere, keeps its hyphen.
    assert lint_txt("Zie Kamerstuk 21 501-20, nr. 1234.\n") == []
    assert lint_txt("Zie de brief (Kamerstuk 34 567, nr. 12) hierover.\n") == []
    assert lint_docx(["Zie de brief (Kamerstuk 34 567, nr. 12) hierover."]) == []


@pytest.mark.parametrize("wrong, fixed", [
    ("Kamerstukken 30123, nummers 11, 15, 19 en 23", "Kamerstukken 30 123, nrs. 11, 15, 19 en 23"),
    ("Kamerstukken 30 123, nr. 5, nr. 8 en 9", "Kamerstukken 30 123, nrs. 5, 8 en 9"),
])
def test_a_list_of_numbers_keeps_every_number_and_the_plural(wrong, fixed):
    for found in (lint_txt(f"Zie {wrong}.\n"), lint_docx(["Zie de brieven."], [f"{wrong}."])):
        assert found and "KS005" not in codes(found), [(d.code, d.message) for d in found]
        assert {d.fix.replacement for d in found} == {fixed}
    assert lint_txt(f"Zie {fixed}.\n") == []
    assert lint_docx(["Zie de brieven."], [f"{fixed}."]) == []


# -- Item 5: the published document's own imprint -------------------------------------------------
COLOPHON = "kst-12345-6 ISSN 0921 - 7371 ’s-Gravenhage 2024"
FOOTER = "Tweede Kamer, vergaderjaar 2023–2024, 12 345, nr. 6"


def test_colophon_and_running_footer_on_their_own_are_no_citations():
    text = f"De Kamer heeft besloten.\n\n{COLOPHON}\n\n{FOOTER}\n"
    assert lint_txt(text) == []
    assert lint_docx(["De Kamer heeft besloten.", COLOPHON, FOOTER]) == []


def test_the_same_words_in_a_sentence_or_a_note_are_citations():
    sentence = f"Zoals vermeld in {FOOTER} is het besluit genomen.\n"
    assert "KS005" in codes(lint_txt(sentence))
    assert "KS005" in codes(lint_docx(["Zie de brief."], [f"{FOOTER}."]))
    assert "KS005" in codes(lint_txt("Zie kst-12345-6 voor de tekst.\n"))


# -- Item 6: MO002 at the start of a line, and a name the letter defines ---------------------------
def test_motie_after_a_heading_line_starts_a_sentence():
    heading = "Reactie op de aangenomen motie\nMotie Jansen verzoekt de regering de regels te herzien.\n"
    assert lint_txt(heading) == []
    assert codes(lint_txt("Ik reageer op de Motie Jansen over de regels.\n")) == ["MO002"]
    # In a .docx the heading is its own paragraph.
    assert lint_docx(["Reactie op de aangenomen motie", "Motie Jansen verzoekt de regering de regels te herzien."]) == []


def test_a_term_defined_with_hierna_is_a_name():
    text = ("De moties Jansen c.s. en Klaver c.s. (hierna: Motie#3) vragen om een plan. "
            "Ik ga in op de uitvoering van Motie#3.\n")
    assert lint_txt(text) == []
    assert lint_docx([text.strip()]) == []
    assert codes(lint_txt("Ik ga in op de uitvoering van Motie#3.\n")) == ["MO002"]


def test_a_motie_named_by_a_possessive_names_its_members():
    # Members writing about their own motie (Aanhangsel ah-tk-20232024-2271): "onze" names them.
    right = "Hoe staat het met de uitwerking van onze motie (Kamerstuk 25 424, nr. 691) over de zorg?"
    assert "MO001" not in codes(lint_txt(right + "\n"))
    assert "MO001" not in codes(lint_docx([right]))
    wrong = "Hoe staat het met de uitwerking van de motie (Kamerstuk 25 424, nr. 691) over de zorg?"
    assert "MO001" in codes(lint_txt(wrong + "\n"))
    assert "MO001" in codes(lint_docx([wrong]))


# -- Item 7: malformed references that passed in silence -------------------------------------------
@pytest.mark.parametrize("wrong, code, fixed, right", [
    ("Kamerstuk, 28 111, nr. 7", "KS005", "Kamerstuk 28 111, nr. 7", "Kamerstuk 28 111, nr. 7"),
    ("Aanhangsel Handelingen, vergaderjaar 2023–2024, 1234", "HA002",
     "Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 1234", "Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 1234"),
])
def test_silent_malformed_references_are_found(wrong, code, fixed, right):
    for found in (lint_txt(f"Zie {wrong}.\n"), lint_docx(["Zie de stukken."], [f"Zie {wrong}."])):
        assert codes(found) == [code], [(d.code, d.message) for d in found]
        assert found[0].fix.replacement == fixed
    assert lint_txt(f"Zie {right}.\n") == []
    assert lint_docx(["Zie de stukken."], [f"Zie {right}."]) == []


# -- Item 8: genre -----------------------------------------------------------------------------------
HANDELINGEN_PAGE = (
    "Handelingen\n\n8 Stemmingen moties\n\nAan de orde zijn de stemmingen over moties, te weten:\n\n"
    "de motie-Jansen c.s. over de aanpak van de N35 (28 111, nr. 7);\n\n"
    "de motie-Van Aalst over de maximumsnelheid (35300-A, nr. 16).\n\n"
    "Zonder stemming zijn goedgekeurd: 30123-45; 30123-46.\n"
)
MOTIE_TEXT = (
    "MOTIE VAN HET LID JANSEN C.S.\n\nVoorgesteld 12 maart 2024\n\n"
    "De Kamer,\ngehoord de beraadslaging,\nconstaterende dat de aangenomen motie-Heinen c.s. (28 165, nr. 374)\n"
    "heeft gevraagd het afwegingskader uit te breiden;\nverzoekt de regering dit uit te voeren,\n"
    "en gaat over tot de orde van de dag.\n"
)


def test_the_kamers_shorthand_is_right_in_its_own_genre():
    assert lint_txt(HANDELINGEN_PAGE) == []  # guessed from the opening
    assert lint_txt(HANDELINGEN_PAGE, document_type="handelingen") == []
    assert lint_txt(MOTIE_TEXT) == []
    assert lint_txt(MOTIE_TEXT, document_type="motie") == []
    paragraphs = [p.replace("\n", " ") for p in HANDELINGEN_PAGE.strip().split("\n\n")]
    assert lint_docx(paragraphs) == []


def test_the_same_shorthand_in_a_kamerbrief_is_reported():
    letter = "Geachte voorzitter,\n\nIk reageer op de motie-Jansen c.s. (28 111, nr. 7). Zie ook 30123-45; 30123-46.\n"
    assert codes(lint_txt(letter)).count("KS005") == 3
    assert codes(lint_txt(HANDELINGEN_PAGE, document_type="kamerbrief")).count("KS005") >= 3
    found = lint_docx(["Geachte voorzitter,", "Ik reageer op de motie-Jansen c.s. (28 111, nr. 7)."])
    assert codes(found) == ["KS005"]


def test_genre_keeps_checking_what_is_wrong_everywhere():
    wrong = HANDELINGEN_PAGE + "\nZie Kamerstuk 36 180 nr. 168.\n"
    assert codes(lint_txt(wrong)) == ["KS002"]


@needs_shared
@pytest.mark.parametrize("name, genre", [
    ("texts/h-tk-20192020-31-8.txt", "handelingen"), ("texts/motie-kst-34951-13.txt", "motie"),
    ("texts/motie-kst-36169-31.txt", "motie"), ("texts/motie-kst-36410-XVI-116.txt", "motie"),
    ("docx/motie-36682-10.docx", "motie"), ("texts/ah-tk-20232024-878.txt", "aanhangsel"),
    ("texts/kst-34225-40.txt", "kamerbrief"), ("docx/ssc-ict-memo-kabinetsvisie-genai.docx", "kamerbrief"),
])
def test_real_documents_are_read_in_their_genre(name, genre):
    from linter.citations.genre import document_genre
    from linter.engine import read_path

    path = SHARED / "corpus" / name
    s = Settings()
    assert document_genre(read_path(path, name, s), "auto") == genre
    s.select = ["KS", "MO"]
    found = lint_path(path, s)
    if genre in ("handelingen", "motie"):
        assert found == [], [(d.code, d.message) for d in found]


@needs_shared
def test_the_handelingen_page_as_a_kamerbrief_shows_why_the_genre_matters():
    s = Settings(document_type="kamerbrief")
    s.select = ["KS"]
    assert len(lint_path(SHARED / "corpus" / "texts" / "h-tk-20192020-31-8.txt", s)) >= 14


def test_document_type_in_configuration_and_on_the_command_line(tmp_path, capsys):
    from linter.cli import main
    from linter.config import ConfigError, load_config

    (tmp_path / "kamerlint.toml").write_text('document-type = "handelingen"\n', encoding="utf-8")
    letter = tmp_path / "stemmingen.txt"
    letter.write_text("Stemmingen\n\nAangenomen is de motie-Jansen c.s. (28 111, nr. 7).\n", encoding="utf-8")
    assert load_config(tmp_path / "kamerlint.toml").settings.document_type == "handelingen"
    assert main(["--select", "KS", str(letter)]) == 0  # the file's genre: shorthand is right
    capsys.readouterr()
    assert main(["--select", "KS", "--document-type", "kamerbrief", str(letter)]) == 1
    assert "KS005" in capsys.readouterr().out
    assert main(["--show-settings", str(letter)]) == 0
    assert 'document-type = "handelingen"' in capsys.readouterr().out
    (tmp_path / "kamerlint.toml").write_text('document-type = "brief"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="document-type"):
        load_config(tmp_path / "kamerlint.toml")


def test_mixed_styles_offers_no_second_fix_on_a_reference_with_its_own():
    text = ("Zie de brieven.[footnoteRef:1] En meer.[footnoteRef:2]\n"
            " [1:  Kamerstuk 36 180, nr. 168.]  [2:  Kamerstukken II, 2023/2024, 31 839, nr. 1024.] \n")
    found = lint_text(text, select=["KS"])
    on_two = [d for d in found if d.location.note == 2]
    assert sorted(codes(on_two)) == ["KS006", "KS007", "KS008"]
    assert {d.fix.replacement for d in on_two if d.fix} == {"Kamerstukken II 2023/24, 31 839, nr. 1024"}
    assert next(d for d in on_two if d.code == "KS007").fix is None
