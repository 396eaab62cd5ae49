"""TZ003 and the addressee: Eerste Kamer toezegging numbers are right in a document to or of the
Eerste Kamer, and a run of them in one sentence is one finding (issue 9, item 4)."""

from __future__ import annotations

from conftest import SHARED, codes, lint_text, needs_shared
from linter.engine import lint_bytes, lint_path
from linter.settings import Settings
from test_docx_reader import build, para, run

RUN = "Ik vraag een toelichting op de toezeggingen T02867, T02849, T02857, T02887 en T02908. Ook T02881 staat open.\n"


def test_run_of_numbers_in_one_sentence_is_one_finding():
    found = lint_text("Geachte voorzitter,\n" + RUN, "TZ003")
    assert [d.span.text for d in found] == ["T02867, T02849, T02857, T02887 en T02908", "T02881"]
    assert "T02849" in found[0].message and "T02908" in found[0].message
    # The opening names no chamber: the message does not claim to know the addressee.
    assert all("if this letter goes to the Tweede Kamer" in d.message for d in found)


def test_letter_to_the_tweede_kamer_says_so():
    found = lint_text("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n" + RUN, "TZ003")
    assert codes(found) == ["TZ003", "TZ003"] and "; this letter goes to the Tweede Kamer" in found[0].message


def test_silent_in_a_letter_to_the_eerste_kamer():
    for opening in ("Aan de Voorzitter van de Eerste Kamer der Staten-Generaal\n",
                    "Eerste Kamer der Staten-Generaal\nDatum 12 november 2021\n",
                    "Korte aantekeningen vergadering commissies Infrastructuur, Waterstaat en Omgeving (IWO) van 23 november 2021\n"):
        assert lint_text(opening + RUN, "TZ003") == [], opening


def test_docx_letterhead_in_the_header():
    body = para(run("Geachte voorzitter,")) + para(run(RUN.strip()))
    to_ek = build(body, header=para(run("Eerste Kamer der Staten-Generaal")))
    assert lint_bytes(to_ek, "brief.docx", Settings(select=["TZ003"])) == []
    unknown = lint_bytes(build(body), "brief.docx", Settings(select=["TZ003"]))
    assert [d.span.text for d in unknown] == ["T02867, T02849, T02857, T02887 en T02908", "T02881"]


@needs_shared
def test_eerste_kamer_committee_record_is_silent():
    path = SHARED / "corpus" / "texts" / "ek-iwo-20211123.txt"
    assert lint_path(path, Settings(select=["TZ003"])) == []


@needs_shared
def test_addressee_of_real_documents():
    from linter.engine import read_path
    from rules.toezeggingen import addressee

    texts = SHARED / "corpus" / "texts"
    found = {name: addressee(read_path(texts / name, name, Settings()))
             for name in ("kst-32637-E.txt", "ek-iwo-20211123.txt", "kst-26643-971.txt", "h-tk-20192020-31-8.txt")}
    assert found == {"kst-32637-E.txt": "eerste-kamer", "ek-iwo-20211123.txt": "eerste-kamer",
                     "kst-26643-971.txt": "tweede-kamer", "h-tk-20192020-31-8.txt": None}
