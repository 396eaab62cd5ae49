"""BM rules: a wrong and a right example each; the right one gives no finding of that rule."""

from __future__ import annotations

import pytest

from conftest import codes, lint_text, tika
from linter.engine import check_document
from linter.model import CAP_BOOKMARK_ENDS, CAP_FIELDS, CAP_WORD_BOOKMARK_NAMES, Bookmark, CrossReference, Document, Position, Span
from linter.settings import Settings

RIGHT = tika(["[bookmark: Besluit]Het besluit staat hier.", "", "Zie het besluit hierboven.", ""])


@pytest.mark.parametrize("code", [f"BM{n:03d}" for n in range(1, 7)])
def test_right_letter_gives_no_finding(code):
    assert lint_text(RIGHT, select=code) == []


def test_bm001_hlk_and_goback_in_a_text_export():
    text = tika(["[bookmark: _Hlk233125581][bookmark: _GoBack]Graag licht ik toe.", ""])
    found = lint_text(text, select="BM001")
    assert codes(found) == ["BM001", "BM001"]
    assert found[0].fix.applicability == "safe"
    assert (found[0].location.line, found[0].location.column) == (1, 1)
    assert found[1].location.column == len("[bookmark: _Hlk233125581]") + 1


def test_bm001_ref_and_toc_unknown_in_a_text_export():
    # A text export loses fields, so whether something points at _Ref/_Toc is unknown: stay silent.
    assert lint_text(tika(["[bookmark: _Ref12345][bookmark: _Toc99]Kop", ""]), select="BM001") == []


def docx_model(*names: str, targets: tuple[str, ...] = (), closed: bool = True) -> Document:
    doc = Document(path="brief.docx", format="docx", capabilities=frozenset({CAP_BOOKMARK_ENDS, CAP_FIELDS, CAP_WORD_BOOKMARK_NAMES}))
    para = doc.new_story("body").new_paragraph()
    para.text = "Zie paragraaf 3 voor het besluit."
    for i, name in enumerate(names):
        doc.bookmarks.append(Bookmark(name=name, id=str(i), start=Position(para, 0), end=Position(para, 5) if closed else None))
    for t in targets:
        doc.cross_references.append(CrossReference("REF", t, Span(para, 14, 15), f" REF {t} \\h "))
    return doc


def run(doc: Document, code: str):
    return [d for d in check_document(doc, doc.path, Settings(select=[code])) if d.code == code]


def test_bm001_ref_only_when_nothing_points_to_it():
    assert codes(run(docx_model("_Ref1", "_Toc2"), "BM001")) == ["BM001", "BM001"]
    assert run(docx_model("_Ref1", "_Hlk3", targets=("_Ref1", "_HLK3")), "BM001") == []


def test_bm002_unclosed_only_where_ends_are_known():
    assert codes(run(docx_model("Besluit", closed=False), "BM002")) == ["BM002"]
    doc = docx_model("Besluit")
    doc.orphan_bookmark_ends.append(("9", Position(doc.stories[0].paragraphs[0], 3)))
    assert codes(run(doc, "BM002")) == ["BM002"]
    assert run(docx_model("Besluit"), "BM002") == []


def test_bm003_duplicate_names_ignore_case():
    found = lint_text(tika(["[bookmark: Besluit]Een.", "[bookmark: besluit]Twee.", ""]), select="BM003")
    assert codes(found) == ["BM003"] and found[0].location.line == 2


@pytest.mark.parametrize("name", ["bijlage-2", "2e_alinea", "", "A" * 41, "met spatie"])
def test_bm004_invalid_names(name):
    assert codes(run(docx_model(name), "BM004")) == ["BM004"]


@pytest.mark.parametrize("name", ["Besluit", "_Ref123", "Bijlage_2", "A" * 40, "Artikel_één"])
def test_bm004_valid_names(name):
    assert run(docx_model(name), "BM004") == []


def test_bm005_broken_cross_reference():
    found = run(docx_model("Besluit", targets=("_Ref404",)), "BM005")
    assert codes(found) == ["BM005"] and "_Ref404" in found[0].message
    assert run(docx_model("Besluit", targets=("besluit",)), "BM005") == []


@pytest.mark.parametrize(
    "residue",
    [
        "Fout! Bladwijzer niet gedefinieerd.",
        "Fout! Verwijzingsbron niet gevonden.",
        "Error! Bookmark not defined.",
        "Error! Reference source not found.",
        "Fout!  Verwijzingsbron niet gevonden.",
        "Error: Reference source not found",
    ],
)
def test_bm006_error_text_in_any_story(residue):
    text = tika([f"Zie paragraaf {residue}", "", f"Een.[footnoteRef:1] [1:  Zie {residue}] ", ""])
    found = lint_text(text, select="BM006")
    assert sorted(d.location.story for d in found) == ["body", "footnote"]


def test_bm006_error_text_across_a_line_break():
    doc = docx_model()
    doc.stories[0].paragraphs[0].text = "Zie Fout!\nVerwijzingsbron niet gevonden. En verder."
    assert codes(run(doc, "BM006")) == ["BM006"]
