"""Issue 20: the classes of findings that stood between kamerlint and trust on unseen text. Each
class has a wrong and a right example, from real text where ../shared/corpus has one (the row or
file is named), else in the same form as the issue's made-up ones; and each runs in a text draft
and, where it matters, in a .docx."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.citations import find_references
from linter.citations.chapters import CHAPTERS, chapter_name
from linter.engine import check_document, lint_bytes, lint_path
from linter.settings import Settings
from tests.conftest import SHARED, codes, lint_text, needs_shared
from tests.test_citation_trust import lint_docx

KS = ("KS",)


def in_note(text: str, body: str = "Zie de brief.") -> str:
    return f"{body}[footnoteRef:1]\n [1:  {text}] \n"


def found(text: str, select=("KS", "MO", "HA", "PB")):
    return [(d.code, d.fix.replacement if d.fix else None) for d in lint_text(text, select=list(select))]


# -- Two references joined by "en" in one parenthesis ----------------------------------------------
def test_a_number_with_its_own_nr_starts_a_new_reference():
    wrong = "Zie de brieven (35 000 XV, nr. 12 en 34775, nr. 3).\n"
    refs = [r for r in find_references(wrong) if r.type == "kamerstuk"]
    assert [r.text for r in refs] == ["35 000 XV, nr. 12", "34775, nr. 3"]
    # The real fault, 34775 without its space, is found; no fix turns a dossier into a number.
    got = found(wrong)
    assert ("KS001", "Kamerstuk 34 775, nr. 3") in got
    assert not any(fix and "34775, 3" in fix for _, fix in got)
    assert all("nrs." not in (fix or "") for _, fix in got)
    # Several numbers of one dossier are still one reference.
    assert found("Zie Kamerstuk 28 286, nrs. 1216 en 1237.\n") == []
    assert found("Zie Kamerstukken 30 123, nrs. 5, 8 en 9.\n") == []
    assert found("Zie de brieven (Kamerstukken 35 000 XV, nr. 12 en 34 775, nr. 3).\n") == []


# -- Budget chapters and funds: one table ----------------------------------------------------------
@pytest.mark.parametrize("suffix", ["XIX", "XX", "XXII", "XXIII", "K", "A"])
def test_current_chapters_are_known(suffix):
    assert chapter_name(suffix)
    assert found(in_note(f"Kamerstuk 36 600 {suffix}, nr. 4.")) == []


def test_an_unknown_chapter_is_still_reported_and_the_table_is_one_line_a_chapter():
    assert [c for c, _ in found(in_note("Kamerstuk 36 600 XXX, nr. 4."))] == ["KS004"]
    assert len({code for code, _ in CHAPTERS}) == len(CHAPTERS)


@needs_shared
def test_the_table_agrees_with_the_published_dossiers():
    """Every chapter or fund of a published Kamerstuk in the corpus is in the table."""
    suffixes = set()
    for path in (SHARED / "corpus" / "opendata" / "publications").glob("kst-*.xml"):
        parts = path.stem.split("-")
        if len(parts) == 4 and not parts[2].isdigit():
            suffixes.add(parts[2])
    assert {"XX", "XXII", "XXIII", "A"} <= suffixes
    assert all(chapter_name(s) for s in suffixes), sorted(s for s in suffixes if not chapter_name(s))


# -- Malformed references that passed in silence ---------------------------------------------------
@pytest.mark.parametrize("wrong, code, fix, right", [
    ("Kamerstuk 354410-XII, nr. 4", "KS001", None, "Kamerstuk 35 441 XII, nr. 4"),
    ("(354410-XII, nr. 4)", "KS001", None, "(Kamerstuk 35 441 XII, nr. 4)"),
    ("Kamerstuk 35 300A, nr. 12", "KS004", "Kamerstuk 35 300 A, nr. 12", "Kamerstuk 35 300 A, nr. 12"),
    ("Kamerstuk 29 544 en 31 311, Nr. 98", "KS003", "Kamerstuk 29 544 en 31 311, nr. 98", "Kamerstuk 29 544 en 31 311, nr. 98"),
    ("(28 089-104)", "KS005", "Kamerstuk 28 089, nr. 104", "(Kamerstuk 28 089, nr. 104)"),
    ("Kamerstuk 21501–32, nr. 1234", "KS001", "Kamerstuk 21 501-32, nr. 1234", "Kamerstuk 21 501-32, nr. 1234"),
])
def test_malformed_references_are_found_with_the_right_code(wrong, code, fix, right):
    for got in (lint_text(f"Zie de brief {wrong} hierover.\n", select=list(KS)),
                lint_docx(["Zie de stukken."], [f"Zie {wrong}."], select=KS)):
        assert codes(got) == [code], [(d.code, d.message) for d in got]
        assert (got[0].fix.replacement if got[0].fix else None) == fix
    assert lint_text(f"Zie de brief {right} hierover.\n", select=list(KS)) == []


@needs_shared
def test_real_joint_dossier_and_bare_identifier():
    """references-dev row 860 (a joint dossier) and an Aanhangsel's Mededeling (36 471-64)."""
    joint = "Met de brief van 20 november 2019 (Kamerstuk 32 761 en 30 821, Nr. 152) is aan die toezegging gestand gedaan.\n"
    assert found(joint) == [("KS003", "Kamerstuk 32 761 en 30 821, nr. 152")]
    got = [(d.code, d.span.text) for d in lint_path(SHARED / "corpus" / "texts" / "ah-tk-20232024-1999.txt", Settings())]
    assert ("KS005", "36 471-64") in got


# -- Plural lists with a date or title per member ------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Kamerstukken 31 288, nr. 5 van 3 maart 2024 en 31 288, nr. 9 van 1 mei 2024",
    "Kamerstukken 31 288, nr. 5 («Voortgang») en 31 288, nr. 9 («Slotbrief»)",
    "Kamerstukken 31 288, nr. 5 (verslag), 31 288, nr. 9 en 31 289, nr. 2",
])
def test_a_list_may_carry_a_date_or_title_after_each_member(text):
    assert found(in_note(text + ".")) == []
    # The one-document plural and the unlabelled member are still found outside a list.
    assert [c for c, _ in found(in_note("Kamerstukken 31 288, nr. 5 van 3 maart 2024."))] == ["KS005"]


# -- CO003: annex and pinpoint are part of what is cited -----------------------------------------------
@pytest.mark.parametrize("first, later", [
    ("Kamerstuk 31 839, nr. 990.", "Bijlage bij Kamerstuk 31 839, nr. 990."),
    ("Kamerstuk 31 839, nr. 990, p. 4.", "Kamerstuk 31 839, nr. 990, p. 5."),
])
def test_co003_tells_an_annex_and_a_page_from_the_letter(first, later):
    text = f"Eerst.[footnoteRef:1] Dan.[footnoteRef:2]\n [1:  {first}]  [2:  Zie {later}] \n"
    assert lint_text(text, select="CO003") == []
    same = f"Eerst.[footnoteRef:1] Dan.[footnoteRef:2]\n [1:  {later}]  [2:  Zie ook {later}] \n"
    assert codes(lint_text(same, select="CO003")) == ["CO003"]


# -- FN010: a web address at the end, written any way -------------------------------------------------
@pytest.mark.parametrize("note", [
    "Generatieve AI (pleio.nl)", "Titel (site.nl/pad/naar)", "Overheidsbrede visie Generatieve AI | Rapport | Rijksoverheid.nl",
    "Zie www.stormaanpak.nl", "Zie https://www.rijksoverheid.nl/onderwerpen/ai",
])
def test_fn010_exempts_every_form_of_a_web_address(note):
    assert lint_text(in_note(note), select="FN010") == []


@pytest.mark.parametrize("note", ["Brief van H.J.Jansen", "Zie bijlage 3.a", "Kamerstuk 33 625, nr. 287", "Rapport versie 2.0"])
def test_fn010_still_wants_a_full_stop_after_other_text(note):
    assert codes(lint_text(in_note(note), select="FN010")) == ["FN010"]


# -- Smaller classes ----------------------------------------------------------------------------------
def test_impossible_session_year_in_an_aanhangsel():
    wrong = "Zie Aanhangsel Handelingen II, vergaderjaar 2021–202, nr. 3212.\n"
    assert found(wrong, ("HA",)) == [("HA002", None)]
    assert found("Zie Aanhangsel Handelingen II 2021/22, nr. 3212.\n", ("HA",)) == []


@pytest.mark.parametrize("wrong", ["Staatscourant (nr. 41877)", "Stcrt. 41877"])
def test_journal_number_without_its_year(wrong):
    assert [c for c, _ in found(f"Zie {wrong}.\n", ("PB",))] == ["PB001"]
    assert found("Zie Stcrt. 2023, 41877.\n", ("PB",)) == []
    assert found("Het staat in de Staatscourant 2023.\n", ("PB",)) == []


def test_label_in_the_wrong_place_gives_one_finding_and_a_fix_that_writes_it_once():
    wrong = "Kamerstuk Tweede Kamer, vergaderjaar 2021–2022, 35 925, nr. 120"
    got = lint_text(in_note(wrong + "."), select=list(KS))
    assert codes(got) == ["KS005"]
    assert got[0].fix.replacement == "Kamerstukken II 2021/22, 35 925, nr. 120"
    assert got[0].fix.replacement.count("Kamerstuk") == 1 and "in words" in got[0].message
    assert lint_text(in_note("Kamerstukken II 2021/22, 35 925, nr. 120."), select=list(KS)) == []


def test_motie_op_stuk_is_cited_by_its_members():
    wrong = "Ik kom terug op de motie op stuk nr. 804 (32 813) van het lid Jansen.\n"
    got = lint_text(wrong, select=["MO"])
    assert codes(got) == ["MO001"]
    assert got[0].fix.replacement == "de motie van het lid Jansen (Kamerstuk 32 813, nr. 804)"
    assert codes(lint_text("Ik kom terug op de aangenomen motie 35 570, nr. 12.\n", select=["MO"])) == ["MO001"]
    assert lint_text("Ik kom terug op de motie van het lid Jansen (Kamerstuk 32 813, nr. 804).\n", select=["MO"]) == []
    # In a Handelingen page "op stuk nr." is the Kamer's own way of speaking.
    assert lint_text("Handelingen\n\nIk kom bij de motie op stuk nr. 804 (32 813).\n", select=["MO"]) == []


@pytest.mark.parametrize("joined, spaced", [("OpenKamer", "Open Kamer"), ("VerweyJonker", "Verwey Jonker")])
def test_co001_compares_joined_and_spaced_names(joined, spaced):
    text = f"De site {joined} toont alles.\n\nOok {spaced} doet dat.\n"
    assert codes(lint_text(text, select="CO001")) == ["CO001"]
    assert lint_text(f"De site {joined} toont alles.\n\nOok {joined} doet dat.\n", select="CO001") == []
    # Acronyms and ordinary capitalised words are no names of this kind.
    assert lint_text("De EUDiF en DigiD.\n\nDe Open Kamer-debatten.\n", select="CO001") == []


# -- What kamerlint writes: a safe fix never splits a word -------------------------------------------------
def test_a_marker_inside_a_word_is_its_own_finding_without_a_safe_fix():
    text = "Ik stuur u deze Kamer[footnoteRef:1]brief.\n [1:  Zie de brief.] \n"
    got = lint_text(text, select="FN")
    assert codes(got) == ["FN018"]
    assert got[0].fix.applicability == "unsafe"
    assert lint_text("Ik stuur u deze Kamerbrief.[footnoteRef:1] Ook.\n [1:  Zie de brief.] \n", select="FN") == []
    # A missing space before a new word is still FN008's, with its safe fix.
    got = lint_text("Dit is af.[footnoteRef:1]Ook dit.\n [1:  Zie de brief.] \n", select="FN")
    assert codes(got) == ["FN008"] and got[0].fix.applicability == "safe"


def test_a_marker_inside_a_word_in_a_docx_and_its_fix():
    """In a .docx as Word writes it (the issue's V¹ideo): FN018, no FN008, and the unsafe fix
    moves the marker behind the word without splitting it."""
    from linter.fixing import fix_data
    from tests.test_docx_reader import build, fn_ref, note, note_para, para, run, separators

    data = build(para(run("V"), fn_ref(1), run("ideo in deze brief.")), footnotes=separators() + note(1, note_para("Zie de brief.")))
    s = Settings(select=["FN"])
    got = lint_bytes(data, "brief.docx", s)
    assert codes(got) == ["FN018"]
    assert fix_data(data, "brief.docx", s, lambda doc: check_document(doc, "brief.docx", s)).data is None  # nothing safe to do
    outcome = fix_data(data, "brief.docx", s, lambda doc: check_document(doc, "brief.docx", s), unsafe=True)
    assert outcome.after.stories[0].paragraphs[0].text == "Video\ufffc in deze brief."


# -- Classes the reading for recall turned up (fixed after it: see README, recall at first reading) ----
def test_an_eerste_kamer_document_without_its_label():
    """kst-32637-E: a minister's letter to the Eerste Kamer cites "(34 000 XIII, H)"."""
    wrong = "In mijn brief van 31 december 2014 (34 000 XIII, H) doe ik u deze toezegging.\n"
    assert found(wrong) == [("KS005", "Kamerstuk 34 000 XIII, H")]
    assert found("In mijn brief (Kamerstukken I 2014/15, 34 000 XIII, H) doe ik dat.\n") == []
    assert found("Het bedrag (12 345, A) is bekend.\n") == []  # no dossier of the Eerste Kamer's time
    assert found("Handelingen\n\nDe brief (34 000 XIII, H) is besproken.\n") == []  # the Kamer's own shorthand


def test_a_zaak_number_under_the_kamerstuk_label():
    """qa-15969: "zie Kamerbrief, kamerstuk nr. 2021Z14231"."""
    got = lint_text("De documenten zijn gedeeld, zie Kamerbrief, kamerstuk nr. 2021Z14231.\n", select=list(KS))
    assert codes(got) == ["KS005"] and got[0].fix is None
    assert lint_text("De documenten zijn gedeeld, zie de Kamerbrief (2021Z14231).\n", select=list(KS)) == []


def test_two_fixes_on_one_note_never_write_two_full_stops():
    """--unsafe-fixes on the seed wrote "Zie voetnoot 6.." (CO003's fix and FN010's in one note)."""
    from linter.fixing import fix_data
    from tests.conftest import FIXTURES

    for name in ("kamerbrief-diaspora.txt", "kamerbrief-diaspora.docx", "kamerbrief-diaspora-pandoc.docx"):
        data = (FIXTURES / name).read_bytes()
        s = Settings()
        outcome = fix_data(data, name, s, lambda doc: check_document(doc, name, s), unsafe=True)
        notes = [n.text for n in outcome.after.normal_notes()]
        assert any(t.rstrip().endswith("Zie voetnoot 6.") for t in notes), (name, notes)
        assert not any(".." in t for t in notes), (name, [t for t in notes if ".." in t])
