"""The .odt reader: LibreOffice-made fixtures (fixtures/odt/, see make_fixtures.py there), small
.odt files built here for what LibreOffice does not produce from a .docx, and pandoc's .odt files."""

from __future__ import annotations

import io
import zipfile

import pytest

from linter.model import NOTE_MARK
from linter.formats import ReadError, read_document
from tests.conftest import CORPUS, FIXTURES, needs_shared

ODT = FIXTURES / "odt"

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)


def make_odt(body: str, automatic: str = "", styles: str = "", master: str = "", meta: str = "", content: str | None = None) -> bytes:
    """An .odt package with ``body`` as the content of office:text."""
    if content is None:
        content = (
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
            f"<office:automatic-styles>{automatic}</office:automatic-styles>"
            f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
        )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr(
            "styles.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}>'
            f"<office:styles>{styles}</office:styles><office:automatic-styles/>"
            f"<office:master-styles>{master}</office:master-styles></office:document-styles>",
        )
        if meta:
            z.writestr("meta.xml", f'<?xml version="1.0"?><office:document-meta {NS}><office:meta>{meta}</office:meta></office:document-meta>')
    return buf.getvalue()


def read(data: bytes):
    return read_document(data, "letter.odt")


def read_fixture(name: str):
    return read_document((ODT / name).read_bytes(), name)


def body(doc):
    return [p.text for p in doc.paragraphs("body")]


# -- a Word draft converted by LibreOffice ---------------------------------------------------------


def test_features_body_and_notes():
    doc = read_fixture("features.odt")
    assert doc.format == "odt"
    assert {"bookmark-ends", "fields", "formatting", "revisions", "properties"} <= doc.capabilities
    texts = body(doc)
    assert texts[1] == "Het besluit valt in maart." + NOTE_MARK
    assert texts[2] == f"Zie ook de bron{NOTE_MARK} en een eindnoot{NOTE_MARK}."
    # Note text is in its own story, never in the running text.
    assert "Kamerstuk" not in "".join(texts)
    footnotes = sorted(doc.normal_notes("footnote"), key=lambda n: n.number)
    assert [(n.number, n.text) for n in footnotes] == [
        (1, "Kamerstuk 36 180, nr. 168."),  # the space Word put after the note number is gone
        (2, "Kamerstuk 33 625, nr. 287."),
        (3, "Een noot met een sterretje."),
    ]
    [endnote] = doc.normal_notes("endnote")
    assert (endnote.number, endnote.text) == (1, "Een eindnoot.")
    ref = doc.note_refs[0]
    assert ref.note is footnotes[0] and ref.span.text == NOTE_MARK and ref.paragraph.index == 2


def test_features_bookmarks_and_references():
    doc = read_fixture("features.odt")
    marks = {b.name: b for b in doc.bookmarks}
    assert marks["Besluit"].span.text == "Het besluit valt in maart."
    assert marks["Besluit"].end is not None
    assert marks["_Ref100"].span.text == NOTE_MARK
    xrefs = {(x.kind, x.target): x.span.text for x in doc.cross_references}
    assert xrefs[("REF", "Besluit")] == "Het besluit valt in maart."
    # Word's NOTEREF survives as a LibreOffice fieldmark with the field code kept.
    assert xrefs[("NOTEREF", "_Ref100")] == "2"
    names = {b.name.casefold() for b in doc.bookmarks}
    assert all(x.target.casefold() in names for x in doc.cross_references)
    para = doc.stories[0].paragraphs[3]
    assert [para.text[r.start : r.end] for r in para.ranges_of("field-result")] == ["Het besluit valt in maart.", "2"]


def test_features_comment_formatting_revisions():
    doc = read_fixture("features.odt")
    [comment] = doc.comments
    assert (comment.author, comment.initials, comment.date) == ("J. Jansen", "JJ", "2026-03-02T10:00:00")
    assert comment.story.text == "Klopt dit bedrag? Navragen bij FEZ."
    assert comment.anchor.text == "dit bedrag"
    assert "Klopt" not in "".join(body(doc))

    sup = [(p.text[r.start : r.end]) for p in doc.paragraphs() for r in p.ranges_of("superscript")]
    assert sup == ["3"]
    hidden = [(p.text[r.start : r.end], r.data) for p in doc.paragraphs() for r in p.ranges_of("hidden")]
    assert hidden == [("verborgen tekst", "direct")]

    kinds = {(r.kind, r.span.text if r.kind != "deletion" else r.text) for r in doc.revisions}
    assert kinds == {("insertion", "nieuwe "), ("deletion", "oude ")}
    assert all(r.author == "J. Jansen" and r.date.startswith("2026-03-02") for r in doc.revisions)
    assert "oude" not in "".join(body(doc))


def test_features_headers_footers_properties():
    doc = read_fixture("features.odt")
    assert [s.text for s in doc.stories if s.kind == "header"] == ["Ministerie van Buitenlandse Zaken"]
    assert [s.text for s in doc.stories if s.kind == "footer"] == ["Pagina 1"]
    assert doc.properties["meta.initial-creator"] == "J. Jansen"
    assert doc.properties["meta.creator"] == "P. de Vries"
    assert doc.properties["meta.generator"].startswith("LibreOffice")


def test_tracked_changes_fixture():
    doc = read_fixture("draft-tracked-changes.odt")
    assert body(doc)[1] == "Hierbij ontvangt u de evaluatie van de regeling."
    deleted = sorted(r.text for r in doc.revisions if r.kind == "deletion")
    assert deleted == ["167", "Verplaatste zin.", "het rapport"]
    inserted = sorted(r.span.text for r in doc.revisions if r.kind == "insertion")
    assert inserted == ["168", "Verplaatste zin.", "de evaluatie"]
    assert {r.kind for r in doc.revisions} >= {"formatting", "paragraph-properties"}
    # A change inside a note is placed in the note's own story.
    [note] = doc.normal_notes()
    assert note.text == "Kamerstuk 36 180, nr. 168."
    assert any(r.span.paragraph.story is note.story for r in doc.revisions if r.kind == "insertion")


def test_metadata_fixture_user_defined():
    props = read_fixture("draft-metadata.odt").properties
    assert props["meta.user-defined.Behandelaar"] == "J. Jansen"
    assert props["meta.user-defined.Manager"] == "P. de Vries"


# -- built by hand: what a .docx conversion does not show -----------------------------------------


def note(nid: str, text: str, label: str | None = None, cls: str = "footnote") -> str:
    attr = f' text:label="{label}"' if label is not None else ""
    return (
        f'<text:note text:id="{nid}" text:note-class="{cls}"><text:note-citation{attr}>{label or 1}</text:note-citation>'
        f"<text:note-body><text:p>{text}</text:p></text:note-body></text:note>"
    )


def test_custom_label_and_numbering():
    doc = read(make_odt(f"<text:p>Een{note('ftn0', 'Eerste.')} twee{note('ftn1', 'Ster.', '*')} drie{note('ftn2', 'Derde.')}</text:p>"))
    assert body(doc) == [f"Een{NOTE_MARK} twee{NOTE_MARK} drie{NOTE_MARK}"]
    assert [r.custom_mark for r in doc.note_refs] == [None, "*", None]
    assert [doc.notes[("footnote", i)].number for i in ("ftn0", "ftn1", "ftn2")] == [1, None, 2]
    assert [s.kind for s in doc.stories] == ["body", "footnote", "footnote", "footnote"]


def test_note_ref_resolves_to_note_id():
    doc = read(
        make_odt(
            f"<text:p>Tekst{note('ftn0', 'Bron.')}.</text:p>"
            '<text:p>Zie noot <text:note-ref text:note-class="footnote" text:reference-format="text" text:ref-name="ftn0">1</text:note-ref>'
            ' en <text:note-ref text:note-class="footnote" text:ref-name="ftn9">?</text:note-ref>.</text:p>'
        )
    )
    assert [(x.kind, x.target, x.span.text) for x in doc.cross_references] == [("NOTEREF", "ftn0", "1"), ("NOTEREF", "ftn9", "?")]
    names = {b.name for b in doc.bookmarks}
    assert "ftn0" in names and "ftn9" not in names
    [target] = [b for b in doc.bookmarks if b.name == "ftn0"]
    assert target.span.text == NOTE_MARK


def test_bookmarks_reference_marks_and_orphans():
    doc = read(
        make_odt(
            '<text:p><text:bookmark text:name="Punt"/>Begin <text:bookmark-start text:name="Open"/>zonder eind.'
            '<text:reference-mark-start text:name="Ankertekst"/>Anker<text:reference-mark-end text:name="Ankertekst"/>'
            '<text:bookmark-end text:name="Los"/></text:p>'
            '<text:p><text:reference-ref text:ref-name="Ankertekst" text:reference-format="page">1</text:reference-ref></text:p>'
        )
    )
    marks = {b.name: b for b in doc.bookmarks}
    assert marks["Punt"].span.start == 0 and marks["Punt"].end is not None
    assert marks["Open"].end is None and marks["Open"].start.offset == 6
    assert marks["Ankertekst"].span.text == "Anker"
    assert [name for name, _ in doc.orphan_bookmark_ends] == ["Los"]
    assert [(x.kind, x.target) for x in doc.cross_references] == [("PAGEREF", "Ankertekst")]


def test_white_space_spaces_tabs_and_source_map():
    doc = read(make_odt('<text:p>\n   Een \n  twee<text:s text:c="3"/>drie<text:tab/>vier<text:line-break/>vijf  </text:p>'))
    [para] = doc.paragraphs()
    assert para.text == "Een twee   drie\tvier\nvijf"
    # Every character maps back into the source; the collapsed space is one segment.
    assert para.segments[0].node[1] == "text" and para.segments[0].offset == 4
    assert para.text[para.segments[1].start : para.segments[1].end] == " "
    assert para.segments[1].length == 4  # " \n  "


def test_hidden_kinds_and_superscript_percent():
    doc = read(
        make_odt(
            '<text:p text:style-name="P1">Zichtbaar<text:span text:style-name="T1">2</text:span>'
            '<text:hidden-text text:condition="ooow:1" text:string-value=" weg" text:is-hidden="true"/></text:p>'
            '<text:p>Alinea<text:hidden-paragraph text:condition="ooow:1" text:is-hidden="true"/></text:p>'
            '<text:section text:name="S" text:display="none"><text:p>In sectie</text:p></text:section>'
            '<text:p text:style-name="Verborgen">Stijl</text:p>',
            automatic='<style:style style:name="T1" style:family="text"><style:text-properties style:text-position="33% 58%"/></style:style>'
            '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"/>',
            styles='<style:style style:name="Standard" style:family="paragraph"/>'
            '<style:style style:name="Verborgen" style:family="paragraph"><style:text-properties text:display="none"/></style:style>',
        )
    )
    paras = list(doc.paragraphs())
    assert paras[0].text == "Zichtbaar2 weg" and paras[0].style == "Standard"
    assert [(r.start, r.end) for r in paras[0].ranges_of("superscript")] == [(9, 10)]
    assert [(r.start, r.end, r.data) for r in paras[0].ranges_of("hidden")] == [(10, 14, "direct")]
    assert [(r.start, r.end) for r in paras[1].ranges_of("hidden")] == [(0, 6)]
    assert [(r.start, r.end) for r in paras[2].ranges_of("hidden")] == [(0, 9)]
    assert [(r.data) for r in paras[3].ranges_of("hidden")] == ["style"]


def test_tables_lists_sections_in_reading_order():
    doc = read(
        make_odt(
            "<text:h>Kop</text:h><text:list><text:list-item><text:p>Punt</text:p></text:list-item></text:list>"
            "<table:table><table:table-column/><table:table-row><table:table-cell><text:p>Cel</text:p></table:table-cell>"
            "<table:covered-table-cell/></table:table-row></table:table>"
            '<text:section text:name="S"><text:p>Sectie</text:p></text:section>'
        )
    )
    assert body(doc) == ["Kop", "Punt", "Cel", "Sectie"]
    assert [p.in_table for p in doc.paragraphs()] == [False, False, True, False]


def test_deletion_between_paragraphs_and_unplaced_region():
    changes = (
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info>'
        "<dc:creator>A</dc:creator><dc:date>2026-01-01T00:00:00</dc:date></office:change-info>"
        "<text:p>Weg<text:s/>ermee</text:p><text:p>Tweede</text:p></text:deletion></text:changed-region>"
        '<text:changed-region text:id="c2"><text:insertion><office:change-info><dc:creator>B</dc:creator>'
        "</office:change-info></text:insertion></text:changed-region></text:tracked-changes>"
    )
    doc = read(make_odt(changes + '<text:p>Een</text:p><text:change text:change-id="c1"/><text:p>Twee</text:p>'))
    assert body(doc) == ["Een", "Twee"]
    first, second = doc.revisions
    assert (first.kind, first.author, first.text) == ("deletion", "A", "Weg ermee\nTweede")
    assert first.span.paragraph.text == "Twee" and first.span.start == 0
    assert (second.kind, second.author, second.span) == ("insertion", "B", None)


def test_header_left_and_first_and_meta():
    master = (
        '<style:master-page style:name="Standard"><style:header><text:p>Kop</text:p></style:header>'
        '<style:header-left style:display="false"><text:p>Verborgen</text:p></style:header-left>'
        "<style:footer><style:region-left><text:p>Links</text:p></style:region-left>"
        "<style:region-right><text:p>Rechts</text:p></style:region-right></style:footer></style:master-page>"
    )
    meta = (
        "<meta:initial-creator>J. Jansen</meta:initial-creator><dc:creator>P. de Vries</dc:creator>"
        '<meta:generator>LibreOffice</meta:generator><meta:user-defined meta:name="Kenmerk">BZ-1</meta:user-defined>'
    )
    doc = read(make_odt("<text:p>Tekst</text:p>", master=master, meta=meta))
    assert [(s.kind, s.text) for s in doc.stories[1:]] == [("header", "Kop"), ("footer", "Links\nRechts")]
    assert doc.properties == {
        "meta.initial-creator": "J. Jansen",
        "meta.creator": "P. de Vries",
        "meta.generator": "LibreOffice",
        "meta.user-defined.Kenmerk": "BZ-1",
        # The same under the format-neutral names the .docx reader uses (DR005 reads these).
        "core.creator": "J. Jansen",
        "core.lastModifiedBy": "P. de Vries",
        "custom.Kenmerk": "BZ-1",
    }


def test_internal_link_and_comment_without_range():
    doc = read(
        make_odt(
            '<text:p><text:a xlink:href="#Bijlage">de bijlage</text:a>, <text:a xlink:href="#Kop|outline">kop</text:a>'
            '<office:annotation><dc:creator>A</dc:creator><text:p>Vraag</text:p></office:annotation>.</text:p>'
        )
    )
    assert [(x.kind, x.target, x.span.text) for x in doc.cross_references] == [("anchor", "Bijlage", "de bijlage")]
    [comment] = doc.comments
    assert comment.story.text == "Vraag" and (comment.anchor.start, comment.anchor.end) == (15, 15)
    assert body(doc) == ["de bijlage, kop."]


def test_unreadable_packages():
    with pytest.raises(ReadError) as e:
        read(make_odt("", content="<office:document-content"))
    assert e.value.code == "IO002"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with pytest.raises(ReadError) as e:
        read(buf.getvalue())
    assert e.value.code == "IO002"
    with pytest.raises(ReadError) as e:
        read(make_odt("", content=f'<office:document-content {NS}><office:body><office:spreadsheet/></office:body></office:document-content>'))
    assert e.value.code == "IO002"


# -- pandoc's .odt files ---------------------------------------------------------------------------


@needs_shared
def test_pandoc_odt_files_read():
    files = sorted(CORPUS.glob("pandoc/*.odt"))
    assert files
    for path in files:
        try:
            doc = read_document(path.read_bytes(), path.name)
        except ReadError:
            continue
        assert doc.stories and doc.stories[0].kind == "body", path.name
        for para in doc.paragraphs():
            for rng in para.ranges:
                assert 0 <= rng.start <= rng.end <= len(para.text), path.name


@needs_shared
def test_pandoc_footnote_endnote_and_references_by_hand():
    doc = read_document((CORPUS / "pandoc" / "odt__odt__footnote.odt").read_bytes(), "footnote.odt")
    assert body(doc) == [f"Some text{NOTE_MARK} with a footnote."]
    [fn] = doc.normal_notes()
    assert (fn.kind, fn.id, fn.number, fn.text) == ("footnote", "ftn0", 1, "Footnote text")
    doc = read_document((CORPUS / "pandoc" / "odt__odt__endnote.odt").read_bytes(), "endnote.odt")
    [en] = doc.normal_notes()
    assert (en.kind, en.number, en.text) == ("endnote", 1, "Endnote text")
    doc = read_document((CORPUS / "pandoc" / "odt__odt__referenceAllInOne.odt").read_bytes(), "ref.odt")
    assert body(doc)[-1] == "A reference to Some text, A list item and A header."
    names = {b.name for b in doc.bookmarks}
    assert {"an anchor", "__RefNumPara__9_2052732739", "__RefHeading__11_2052732739"} <= names
    assert [x.target for x in doc.cross_references] == ["an anchor", "__RefNumPara__9_2052732739", "__RefHeading__11_2052732739"]
    assert all(b.end is not None for b in doc.bookmarks)
    doc = read_document((CORPUS / "pandoc" / "odt__odt__blockquote2.odt").read_bytes(), "bq.odt")
    # Pretty-printed XML: white space collapses as ODF says.
    assert [s.text for s in doc.stories if s.kind == "footer"] == ["1"]
