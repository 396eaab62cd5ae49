"""The .docx reader, on small files built here and on the public corpus."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from linter.limits import DEFAULT_LIMITS
from linter.model import NOTE_MARK
from linter.formats import ReadError, read_document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "public"


def run(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*content: str, ppr: str = "") -> str:
    return f'<w:p>{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}{"".join(content)}</w:p>'


def fn_ref(nid: int | str, custom: bool = False) -> str:
    extra = ' w:customMarkFollows="1"' if custom else ""
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference{extra} w:id="{nid}"/></w:r>'


def note(nid: int | str, *paras: str, kind: str = "footnote", type_: str | None = None) -> str:
    t = f' w:type="{type_}"' if type_ else ""
    return f'<w:{kind} w:id="{nid}"{t}>{"".join(paras)}</w:{kind}>'


def note_para(text: str, kind: str = "footnote") -> str:
    return para(f"<w:r><w:{kind}Ref/></w:r>", run(text))


def separators(first: int = -1, kind: str = "footnote") -> str:
    return note(first, para("<w:r><w:separator/></w:r>"), kind=kind, type_="separator") + note(
        first + 1, para("<w:r><w:continuationSeparator/></w:r>"), kind=kind, type_="continuationSeparator"
    )


def build(
    body: str,
    footnotes: str | None = None,
    endnotes: str | None = None,
    comments: str | None = None,
    styles: str = "",
    main: str = "word/document.xml",
    extra_parts: dict[str, bytes] | None = None,
    header: str | None = None,
    settings: str | None = None,
) -> bytes:
    """A .docx: python-docx's default package with our body and extra parts wired in."""
    base = io.BytesIO()
    docx.Document().save(base)
    src = zipfile.ZipFile(base)
    parts = {name: src.read(name) for name in src.namelist()}
    rels = parts.pop("word/_rels/document.xml.rels").decode()
    types = parts["[Content_Types].xml"].decode()
    added = []  # (rel type, target, content type)
    for kind, content, root in (
        ("footnotes", footnotes, "footnotes"),
        ("endnotes", endnotes, "endnotes"),
        ("comments", comments, "comments"),
    ):
        if content is not None:
            parts[f"word/{kind}.xml"] = f"<w:{root} {NS}>{content}</w:{root}>".encode()
            added.append((kind, f"{kind}.xml", f"{CT}{kind}+xml"))
    if header is not None:
        parts["word/header1.xml"] = f"<w:hdr {NS}>{header}</w:hdr>".encode()
        added.append(("header", "header1.xml", f"{CT}header+xml"))
    for i, (kind, target, ctype) in enumerate(added):
        rels = rels.replace(
            "</Relationships>", f'<Relationship Id="rIdX{i}" Type="{REL}{kind}" Target="{target}"/></Relationships>'
        )
        types = types.replace("</Types>", f'<Override PartName="/word/{target}" ContentType="{ctype}"/></Types>')
    if styles:
        parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"</w:styles>", styles.encode() + b"</w:styles>")
    if settings is not None:
        parts["word/settings.xml"] = f"<w:settings {NS}>{settings}</w:settings>".encode()
    parts["[Content_Types].xml"] = types.encode()
    del parts["word/document.xml"]
    parts[main] = f"<w:document {NS}><w:body>{body}</w:body></w:document>".encode()
    main_dir, main_name = main.rsplit("/", 1)
    parts[f"{main_dir}/_rels/{main_name}.rels"] = rels.encode()
    root_rels = parts["_rels/.rels"].decode().replace("word/document.xml", main)
    parts["_rels/.rels"] = root_rels.encode()
    parts.update(extra_parts or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def read(data: bytes):
    return read_document(data, "letter.docx", DEFAULT_LIMITS)


def body_texts(doc) -> list[str]:
    return [p.text for p in doc.stories[0].paragraphs]


# -- notes ----------------------------------------------------------------------------------------


def test_footnotes_and_separator():
    data = build(
        para(run("Tekst"), fn_ref(1), run(" verder.")),
        footnotes=separators(-1) + note(1, note_para(" Kamerstukken II 2023/24, 36 410, nr. 1.")),
    )
    doc = read(data)
    assert doc.format == "docx"
    assert body_texts(doc) == [f"Tekst{NOTE_MARK} verder."]
    assert [s.kind for s in doc.stories] == ["body", "footnote"]
    assert [n.type for n in doc.notes.values()] == ["separator", "continuationSeparator", "normal"]
    fn = doc.notes[("footnote", "1")]
    assert fn.story is doc.stories[1] and fn.story.note is fn
    # Word's one space after the note's own number is not the author's.
    assert fn.text == "Kamerstukken II 2023/24, 36 410, nr. 1."
    assert fn.number == 1
    ref = doc.note_refs[0]
    assert ref.note is fn and ref.offset == 5 and ref.paragraph.note_refs == [ref]
    seg = next(s for s in ref.paragraph.segments if s.start == 5)
    assert seg.node.tag == f"{{{W_NS}}}footnoteReference"
    assert ref.paragraph.ranges_of("superscript") is not None


def test_only_one_separator_space_is_dropped():
    data = build(
        para(run("a"), fn_ref(1), run("b"), fn_ref(2)),
        footnotes=separators(-1)
        + note(1, note_para("  Twee spaties.")),
        endnotes=None,
    )
    data2 = build(
        para(run("a"), fn_ref(1)),
        footnotes=separators(-1) + note(1, para("<w:r><w:footnoteRef/></w:r><w:r><w:tab/></w:r>", run("Tab."))),
    )
    doc = read(data)
    assert doc.notes[("footnote", "1")].text == " Twee spaties."
    assert doc.notes[("footnote", "1")].story.paragraphs[0].segments[0].offset == 1
    assert read(data2).notes[("footnote", "1")].text == "Tab."


def test_libreoffice_note_ids_and_numbering_by_reference_order():
    data = build(
        para(run("Eerst"), fn_ref(3), run(" dan"), fn_ref(2), run(".")),
        footnotes=separators(0) + note(2, note_para(" Tweede.")) + note(3, note_para(" Eerste.")),
    )
    doc = read(data)
    assert doc.notes[("footnote", "0")].type == "separator"
    assert doc.notes[("footnote", "1")].story is None
    assert doc.notes[("footnote", "3")].number == 1
    assert doc.notes[("footnote", "2")].number == 2
    # Note stories in the order of the part.
    assert [s.note.id for s in doc.stories if s.kind == "footnote"] == ["2", "3"]


def test_custom_mark_does_not_count():
    data = build(
        para(run("Ster"), fn_ref(1, custom=True), run("*"), run(" en nummer"), fn_ref(2), run(".")),
        footnotes=separators(-1) + note(1, para(run("* Eigen teken."))) + note(2, note_para(" Eerste nummer.")),
    )
    doc = read(data)
    custom, normal = doc.note_refs
    assert custom.custom_mark == "*"
    assert normal.custom_mark is None
    assert doc.notes[("footnote", "1")].number is None
    assert doc.notes[("footnote", "2")].number == 1
    assert body_texts(doc) == [f"Ster{NOTE_MARK}* en nummer{NOTE_MARK}."]


def test_endnotes_after_footnotes():
    data = build(
        para(run("a"), fn_ref(1), run("b"), '<w:r><w:endnoteReference w:id="1"/></w:r>'),
        footnotes=separators(-1) + note(1, note_para(" Voet.")),
        endnotes=separators(-1, "endnote") + note(1, note_para(" Eind.", "endnote"), kind="endnote"),
    )
    doc = read(data)
    assert [s.kind for s in doc.stories] == ["body", "footnote", "endnote"]
    assert doc.notes[("endnote", "1")].text == "Eind."
    assert doc.notes[("endnote", "1")].number == 1


# -- fields ---------------------------------------------------------------------------------------


def fld(kind: str, extra: str = "") -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"{extra}/></w:r>'


def instr(text: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve">{text}</w:instrText></w:r>'


def test_complex_field_split_over_runs():
    body = para(run("Zie noot "), fld("begin"), instr(" NOTE"), instr("REF _Ref1"), instr(" \\h "), fld("separate"), run("2"), fld("end"), run("."))
    doc = read(build(body))
    assert body_texts(doc) == ["Zie noot 2."]
    (field,) = doc.fields
    assert field.instruction == "NOTEREF _Ref1 \\h" and field.keyword == "NOTEREF"
    assert field.span.text == "2" and not field.simple
    (xref,) = doc.cross_references
    assert (xref.kind, xref.target, xref.span.text) == ("NOTEREF", "_Ref1", "2")


def test_nested_fields():
    # An IF whose instruction holds a REF: only the IF's result is visible.
    body = para(
        fld("begin"), instr(" IF "), fld("begin"), instr(" REF _Ref2 "), fld("separate"), run("a"), fld("end"),
        instr(' = "a" "ja" "nee" '), fld("separate"), run("ja"), fld("end"),
    )
    # A TOC whose result holds a PAGEREF, over two paragraphs.
    toc = para(fld("begin"), instr(" TOC \\o "), fld("separate"), run("Inleiding\t"), fld("begin"), instr(" PAGEREF _Toc1 \\h "), fld("separate"), run("3"), fld("end")) + para(
        run("Slot"), fld("end")
    )
    doc = read(build(body + toc))
    assert body_texts(doc) == ["ja", "Inleiding\t3", "Slot"]
    kinds = {f.keyword: f for f in doc.fields}
    assert set(kinds) == {"IF", "REF", "TOC", "PAGEREF"}
    assert kinds["PAGEREF"].span.text == "3"
    assert kinds["TOC"].span.text == "Inleiding\t3"
    targets = {(x.kind, x.target) for x in doc.cross_references}
    assert targets == {("REF", "_Ref2"), ("PAGEREF", "_Toc1")}


def test_simple_field_bare_bookmark_and_hyperlink_field():
    body = para(
        run("noot "),
        '<w:fldSimple w:instr=" NOTEREF _Ref9 \\h "><w:r><w:t>2</w:t></w:r></w:fldSimple>',
        run(" en "),
        fld("begin"), instr(" _Ref123 "), fld("separate"), run("hier"), fld("end"),
        run(" of "),
        fld("begin"), instr(' HYPERLINK \\l "_Toc7" '), fld("separate"), run("daar"), fld("end"),
        fld("begin"), instr(" PAGE "), fld("separate"), run("1"), fld("end"),
    )
    doc = read(build(body))
    assert body_texts(doc) == ["noot 2 en hier of daar1"]
    simple = doc.fields[0]
    assert simple.simple and simple.span.text == "2"
    targets = [(x.kind, x.target, x.span.text) for x in doc.cross_references]
    assert targets == [("NOTEREF", "_Ref9", "2"), ("REF", "_Ref123", "hier"), ("HYPERLINK", "_Toc7", "daar")]
    assert any(r.kind == "field-result" for r in doc.stories[0].paragraphs[0].ranges)


def test_hyperlink_anchor():
    body = para(run("Zie "), '<w:hyperlink w:anchor="_Toc42">' + run("hoofdstuk 2") + "</w:hyperlink>", run("."))
    # A place in another file (the link has a relationship) and a HYPERLINK field to a URL with \l
    # are not bookmarks of this letter.
    body += para(
        '<w:hyperlink r:id="rId3" w:anchor="pagina=2">' + run("elders") + "</w:hyperlink>",
        fld("begin"), instr(' HYPERLINK "https://example.org/a.html" \\l "deel" '), fld("separate"), run("web"), fld("end"),
    )
    doc = read(build(body))
    assert body_texts(doc)[1] == "eldersweb"
    (xref,) = doc.cross_references
    assert (xref.kind, xref.target, xref.span.text) == ("anchor", "_Toc42", "hoofdstuk 2")


# -- bookmarks ------------------------------------------------------------------------------------


def test_bookmarks_across_paragraphs_between_paragraphs_and_orphans():
    body = (
        para(run("Een "), '<w:bookmarkStart w:id="1" w:name="_Ref1"/>', run("twee")) + para(run("dr"), '<w:bookmarkEnd w:id="1"/>', run("ie"))
        + '<w:bookmarkStart w:id="2" w:name="tussen"/>'
        + para(run("vier"), '<w:bookmarkEnd w:id="2"/>')
        + para(run("vijf"), '<w:bookmarkEnd w:id="77"/>')
        + '<w:tbl><w:tr><w:tc><w:bookmarkStart w:id="3" w:name="cel"/>' + para(run("cel")) + '<w:bookmarkEnd w:id="3"/></w:tc></w:tr></w:tbl>'
    )
    doc = read(build(body))
    names = {b.name: b for b in doc.bookmarks}
    b1 = names["_Ref1"]
    assert (b1.start.paragraph.index, b1.start.offset) == (1, 4)
    assert (b1.end.paragraph.index, b1.end.offset) == (2, 2)
    assert b1.is_hidden and b1.node.get(f"{{{W_NS}}}name") == "_Ref1"
    b2 = names["tussen"]
    assert (b2.start.paragraph.index, b2.start.offset) == (3, 0)
    assert b2.span.text == "vier"
    ((orphan_id, orphan_pos),) = doc.orphan_bookmark_ends
    assert orphan_id == "77" and (orphan_pos.paragraph.index, orphan_pos.offset) == (4, 4)
    cel = names["cel"]
    assert cel.start.paragraph.in_table and cel.span.text == "cel"


def test_bookmarks_in_notes_and_headers():
    data = build(
        para(run("a"), fn_ref(1)),
        footnotes=separators(-1) + note(1, para('<w:r><w:footnoteRef/></w:r>', '<w:bookmarkStart w:id="5" w:name="_Ref5"/>', run(" Noot"), '<w:bookmarkEnd w:id="5"/>')),
        header=para('<w:bookmarkStart w:id="6" w:name="kop"/>', run("Kop"), '<w:bookmarkEnd w:id="6"/>'),
    )
    doc = read(data)
    names = {b.name: b for b in doc.bookmarks}
    assert names["_Ref5"].span.text == "Noot"
    assert names["_Ref5"].start.paragraph.story.kind == "footnote"
    assert names["kop"].start.paragraph.story.kind == "header"
    assert [s.kind for s in doc.stories][-1] == "header"
    assert doc.stories[-1].part == "word/header1.xml"


# -- tracked changes ------------------------------------------------------------------------------


def test_insertions_visible_deletions_not():
    a = 'w:id="1" w:author="Jan" w:date="2024-01-01T00:00:00Z"'
    body = para(
        run("Dit is "),
        f"<w:ins {a}>{run('nieuwe ')}</w:ins>",
        f'<w:del {a}><w:r><w:delText xml:space="preserve">oude </w:delText></w:r></w:del>',
        run("tekst"),
        f"<w:moveFrom {a}>{run(' weg')}</w:moveFrom>",
        f"<w:moveTo {a}>{run(' hier')}</w:moveTo>",
        ppr=f'<w:rPr><w:ins {a}/></w:rPr><w:pPrChange {a}><w:pPr/></w:pPrChange>',
    ) + para(f'<w:r><w:rPr><w:b/><w:rPrChange {a}><w:rPr/></w:rPrChange></w:rPr><w:t>vet</w:t></w:r>')
    doc = read(build(body))
    assert body_texts(doc) == ["Dit is nieuwe tekst hier", "vet"]
    revs = {r.kind: r for r in doc.revisions}
    assert revs["insertion"].span.text == "nieuwe " and revs["insertion"].author == "Jan"
    dele = revs["deletion"]
    assert dele.text == "oude " and (dele.span.start, dele.span.end) == (14, 14)
    assert revs["move-from"].text == " weg"
    assert revs["move-to"].span.text == " hier"
    assert revs["formatting"].span.text == "vet"
    assert revs["paragraph-mark-insertion"].span.start == len("Dit is nieuwe tekst hier")
    assert revs["paragraph-properties"].date == "2024-01-01T00:00:00Z"
    assert any(r.kind == "insertion" for r in doc.stories[0].paragraphs[0].ranges)


def test_table_revisions_and_deleted_field():
    a = 'w:id="1" w:author="Piet"'
    body = (
        f'<w:tbl><w:tblPr><w:tblPrChange {a}><w:tblPr/></w:tblPrChange></w:tblPr>'
        f'<w:tr><w:trPr><w:ins {a}/></w:trPr><w:tc><w:tcPr><w:cellIns {a}/></w:tcPr>{para(run("cel"))}</w:tc></w:tr></w:tbl>'
        + para(run("a"), f'<w:del {a}><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:delInstrText> REF x </w:delInstrText></w:r>'
               f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:delText>oud</w:delText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:del>', run("b"))
    )
    doc = read(build(body))
    assert body_texts(doc) == ["cel", "ab"]
    kinds = sorted(r.kind for r in doc.revisions)
    assert kinds == ["cell-insertion", "deletion", "row-insertion", "table-properties"]
    assert all(r.span is not None for r in doc.revisions)
    assert doc.fields == [] and doc.cross_references == []


# -- comments -------------------------------------------------------------------------------------


def test_comments():
    body = para(
        run("Wij "),
        '<w:commentRangeStart w:id="0"/>',
        run("besluiten"),
        '<w:commentRangeEnd w:id="0"/>',
        '<w:r><w:commentReference w:id="0"/></w:r>',
        run(" nu."),
    ) + para(run("Zonder bereik"), '<w:r><w:commentReference w:id="1"/></w:r>')
    comments = (
        '<w:comment w:id="0" w:author="A. Ambtenaar" w:initials="AA" w:date="2024-02-02T10:00:00Z">'
        + para("<w:r><w:annotationRef/></w:r>", run("Klopt dit?"))
        + "</w:comment>"
        + '<w:comment w:id="1" w:author="B">' + para(run("Tweede")) + "</w:comment>"
    )
    doc = read(build(body, comments=comments))
    assert body_texts(doc) == ["Wij besluiten nu.", "Zonder bereik"]
    first, second = doc.comments
    assert (first.author, first.initials, first.date) == ("A. Ambtenaar", "AA", "2024-02-02T10:00:00Z")
    assert first.story.kind == "comment" and first.story.comment is first
    assert first.story.text == "Klopt dit?"
    assert first.anchor.text == "besluiten"
    (rng,) = doc.stories[0].paragraphs[0].ranges_of("comment")
    assert rng.data is first and (rng.start, rng.end) == (4, 13)
    assert (second.anchor.paragraph.index, second.anchor.start) == (2, 13)
    assert [s.kind for s in doc.stories] == ["body", "comment", "comment"]


# -- formatting -----------------------------------------------------------------------------------

STYLES = (
    '<w:style w:type="character" w:styleId="Verborgen"><w:name w:val="Verborgen"/><w:rPr><w:vanish/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Hoog"><w:name w:val="Hoog"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="HoogKind"><w:name w:val="HoogKind"/><w:basedOn w:val="Hoog"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="VerborgenAlinea"><w:name w:val="VerborgenAlinea"/><w:rPr><w:vanish/></w:rPr></w:style>'
)


def test_hidden_superscript_highlight():
    body = (
        para(run("zicht "), run("stijl", '<w:rStyle w:val="Verborgen"/>'), run(" direct", "<w:vanish/>"), run(" uit", '<w:vanish w:val="0"/>'))
        + para(run("alinea"), ppr='<w:pStyle w:val="VerborgenAlinea"/>')
        + para(run("x"), run("2", '<w:vertAlign w:val="superscript"/>'), run("3", '<w:rStyle w:val="HoogKind"/>'), run("geel", '<w:highlight w:val="yellow"/>'))
    )
    doc = read(build(body, styles=STYLES))
    p1, p2, p3 = doc.stories[0].paragraphs
    assert [(r.start, r.end, r.data) for r in p1.ranges_of("hidden")] == [(6, 11, "style"), (11, 18, "direct")]
    assert p2.style == "VerborgenAlinea"
    assert [(r.start, r.end, r.data) for r in p2.ranges_of("hidden")] == [(0, 6, "style")]
    # Adjacent superscript runs become one range.
    assert [(r.start, r.end) for r in p3.ranges_of("superscript")] == [(1, 3)]
    assert [(r.start, r.end, r.data) for r in p3.ranges_of("highlight")] == [(3, 7, "yellow")]


def test_special_characters_and_tables():
    body = para(
        '<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/><w:t>d</w:t><w:softHyphen/><w:t>e</w:t>'
        '<w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:char="2022"/></w:r>'
    ) + "<w:tbl><w:tr><w:tc>" + para(run("cel 1")) + "<w:tbl><w:tr><w:tc>" + para(run("genest")) + "</w:tc></w:tr></w:tbl></w:tc><w:tc>" + para() + "</w:tc></w:tr></w:tbl>" + para(
        '<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>' + run("sdt") + "</w:sdtContent></w:sdt>",
        '<w:smartTag w:uri="u" w:element="place">' + run(" slim") + "</w:smartTag>",
        '<w:customXml w:element="e">' + run(" xml") + "</w:customXml>",
    )
    doc = read(build(body))
    assert body_texts(doc) == ["a\tb\nc\u2011de\u2022", "cel 1", "genest", "", "sdt slim xml"]
    paras = doc.stories[0].paragraphs
    assert [p.index for p in paras] == [1, 2, 3, 4, 5]
    assert [p.in_table for p in paras] == [False, True, True, True, False]
    # Every visible character maps back to its node.
    p = paras[0]
    assert "".join(
        (s.node.text[s.offset : s.offset + s.length] if s.node.tag.endswith("}t") else p.text[s.start : s.end])
        for s in p.segments
    ) == p.text


def test_alternate_main_part_and_properties():
    custom = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Zaaknummer"><vt:lpwstr>Z-1</vt:lpwstr></property>'
        "</Properties>"
    ).encode()
    data = build(
        para(run("Elders")),
        main="word/document2.xml",
        settings='<w:attachedTemplate r:id="rIdT"/><w:trackRevisions/>',
        extra_parts={
            "docProps/custom.xml": custom,
            "word/_rels/settings.xml.rels": (
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rIdT" Type="{REL}attachedTemplate" Target="file:///C:/Users/jan/Normal.dotm" TargetMode="External"/>'
                "</Relationships>"
            ).encode(),
        },
    )
    # Wire custom.xml into the package relationships.
    z = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: z.read(n) for n in z.namelist()}
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zw:
        for n, d in parts.items():
            zw.writestr(n, d)
    doc = read(out.getvalue())
    assert "word/document.xml" not in parts
    assert body_texts(doc) == ["Elders"]
    props = doc.properties
    assert props["custom.Zaaknummer"] == "Z-1"
    assert props["settings.attachedTemplate"] == "file:///C:/Users/jan/Normal.dotm"
    assert props["settings.trackRevisions"] == "true"
    assert props["core.creator"] == "python-docx"  # the template's own core.xml


def test_core_properties_from_python_docx(tmp_path):
    d = docx.Document()
    d.core_properties.author = "J. Jansen"
    d.core_properties.title = "Kamerbrief"
    d.add_paragraph("Hallo")
    d.sections[0].header.paragraphs[0].text = "Kop"
    d.sections[0].footer.paragraphs[0].text = "Voet"
    path = tmp_path / "a.docx"
    d.save(path)
    doc = read(path.read_bytes())
    assert doc.properties["core.creator"] == "J. Jansen"
    assert doc.properties["core.title"] == "Kamerbrief"
    assert [s.kind for s in doc.stories] == ["body", "header", "footer"]
    assert doc.stories[1].text == "Kop" and doc.stories[2].text == "Voet"


def test_strict_namespace():
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    data = build(para(run("Strikt")))
    z = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(W_NS.encode(), strict.encode())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zw:
        for n, d in parts.items():
            zw.writestr(n, d)
    assert body_texts(read(out.getvalue())) == ["Strikt"]


def test_damaged_optional_part_is_skipped_damaged_main_part_is_not():
    data = build(para(run("Tekst")), comments="<w:comment")  # not well-formed
    doc = read(data)
    assert body_texts(doc) == ["Tekst"]
    assert doc.read_findings and doc.read_findings[0][0] == "IO002"
    bad = build(para(run("Tekst")))
    z = zipfile.ZipFile(io.BytesIO(bad))
    parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"][:-20]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zw:
        for n, d in parts.items():
            zw.writestr(n, d)
    with pytest.raises(ReadError) as e:
        read(out.getvalue())
    assert e.value.code == "IO002" and "damaged" in e.value.message


def test_optional_part_over_a_limit_stops_the_file_as_in_an_odt():
    # Nested deeper than max_xml_depth: a bomb in any part means the file is not checked.
    deep = "<w:p>" * 300 + "</w:p>" * 300
    with pytest.raises(ReadError) as e:
        read(build(para(run("Tekst")), comments=deep))
    assert e.value.code == "IO003"


def test_reference_inside_a_note_and_deleted_reference():
    data = build(
        para(run("a"), fn_ref(1), '<w:del w:id="9" w:author="x">' + fn_ref(2) + "</w:del>"),
        footnotes=separators(-1) + note(1, note_para(" Zie ook"), para(fn_ref(2))) + note(2, note_para(" Twee.")),
    )
    doc = read(data)
    assert body_texts(doc) == [f"a{NOTE_MARK}"]
    inner = [r for r in doc.note_refs if r.paragraph.story.kind == "footnote"]
    assert len(inner) == 1 and inner[0].note is doc.notes[("footnote", "2")]
    assert doc.notes[("footnote", "1")].story.paragraphs[1].text == NOTE_MARK


def test_speed_of_a_long_letter():
    import time

    sentence = "De minister heeft de Kamer toegezegd hierop terug te komen in de volgende brief. "
    body = "".join(para(run(sentence * 3), fn_ref(i), run(sentence)) for i in range(1, 1001))
    body += "".join(para(run(sentence * 4)) for _ in range(2000))
    notes = separators(-1) + "".join(note(i, note_para(f" Kamerstukken II 2023/24, 36 410, nr. {i}.")) for i in range(1, 1001))
    data = build(body, footnotes=notes)
    start = time.perf_counter()
    doc = read(data)
    elapsed = time.perf_counter() - start
    assert len(doc.note_refs) == 1000 and doc.notes[("footnote", "1000")].number == 1000
    assert elapsed < 1.0, elapsed


# -- other producers ------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")
def test_pandoc_made_notes(tmp_path):
    src = tmp_path / "a.md"
    src.write_text("Tekst met noot.[^1] En [link](#kop).\n\n# Kop\n\n[^1]: Kamerstukken II 2023/24, 36 410, nr. 1.\n")
    out = tmp_path / "a.docx"
    subprocess.run(["pandoc", str(src), "-o", str(out)], check=True, timeout=60)
    doc = read(out.read_bytes())
    assert doc.stories[0].paragraphs[0].text.startswith(f"Tekst met noot.{NOTE_MARK}")
    (fn,) = doc.normal_notes("footnote")
    assert fn.text == "Kamerstukken II 2023/24, 36 410, nr. 1." and fn.number == 1
    assert any(x.kind == "anchor" and x.target == "kop" for x in doc.cross_references)


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pandoc") is None, reason="LibreOffice or pandoc missing")
def test_libreoffice_made_notes(tmp_path):
    src = tmp_path / "a.md"
    src.write_text("Een[^1] twee[^2].\n\n[^1]: Eerste.\n[^2]: Tweede.\n")
    subprocess.run(["pandoc", str(src), "-o", str(tmp_path / "a.odt")], check=True, timeout=60)
    outdir = tmp_path / "lo"
    try:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "docx", "--outdir", str(outdir), str(tmp_path / "a.odt")],
            check=True, timeout=120, capture_output=True,
        )
    except (subprocess.SubprocessError, OSError) as e:
        pytest.skip(f"LibreOffice did not convert: {e}")
    doc = read((outdir / "a.docx").read_bytes())
    notes = list(doc.normal_notes("footnote"))
    assert [n.text.strip() for n in notes] == ["Eerste.", "Tweede."]
    assert [n.number for n in notes] == [1, 2]
    assert doc.stories[0].paragraphs[0].text == f"Een{NOTE_MARK} twee{NOTE_MARK}."


# -- the public corpus ----------------------------------------------------------------------------

corpus_files = sorted(CORPUS.glob("*/*.docx")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not corpus_files, reason="../shared/corpus is missing")
@pytest.mark.parametrize("path", corpus_files, ids=lambda p: p.name)
def test_corpus_file_reads_or_raises_read_error(path):
    try:
        doc = read(path.read_bytes())
    except ReadError as e:
        assert e.code in ("IO002", "IO003") and e.message
        return
    assert doc.stories and doc.stories[0].kind == "body"
    for story in doc.stories:
        for p in story.paragraphs:
            assert all(0 <= s.start < s.end <= len(p.text) for s in p.segments)
            assert all(0 <= r.start <= r.end <= len(p.text) for r in p.ranges)


def corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{name} not in ../shared/corpus")
    return path


@pytest.mark.parametrize("name", ["poi/document__bug53475-password-is-pass.docx", "poi/poifs__protected_agile.docx"])
def test_encrypted_files(name):
    with pytest.raises(ReadError) as e:
        read(corpus(name).read_bytes())
    assert e.value.code == "IO002" and "password" in e.value.message


def test_truncated_file():
    with pytest.raises(ReadError) as e:
        read(corpus("poi/document__truncated62886.docx").read_bytes())
    assert e.value.code == "IO002" and "damaged" in e.value.message


def test_external_entity_does_not_leak():
    data = corpus("poi/document__ExternalEntityInText.docx").read_bytes()
    try:
        doc = read(data)
    except ReadError as e:
        assert e.code in ("IO002", "IO003")
        return
    text = "\n".join(p.text for p in doc.paragraphs())
    assert "root:" not in text


def test_corpus_alternate_document_path():
    doc = read(corpus("pandoc/docx__alternate_document_path.docx").read_bytes())
    assert any(p.text.strip() for p in doc.paragraphs("body"))


def test_corpus_notes_and_comments():
    doc = read(corpus("pandoc/docx__notes.docx").read_bytes())
    assert list(doc.normal_notes()) and all(n.number for n in doc.normal_notes())
    doc = read(corpus("pandoc/docx__comments.docx").read_bytes())
    assert doc.comments and all(c.story is not None for c in doc.comments)


def test_comment_over_two_paragraphs_and_in_a_note():
    body = para(run("Eerste "), '<w:commentRangeStart w:id="3"/>', run("zin")) + para(run("tweede"), '<w:commentRangeEnd w:id="3"/>', run(" rest"))
    body += para(run("x"), fn_ref(1))
    notes = separators(-1) + note(1, para("<w:r><w:footnoteRef/></w:r>", '<w:commentRangeStart w:id="4"/>', run(" Bron"), '<w:commentRangeEnd w:id="4"/>'))
    comments = '<w:comment w:id="3" w:author="A">' + para(run("Lang")) + '</w:comment><w:comment w:id="4" w:author="B">' + para(run("Noot")) + "</w:comment>"
    doc = read(build(body, footnotes=notes, comments=comments))
    long, in_note = doc.comments
    assert long.anchor.text == "zin"
    p1, p2 = doc.stories[0].paragraphs[:2]
    assert [(r.start, r.end) for r in p1.ranges_of("comment")] == [(7, 10)]
    assert [(r.start, r.end) for r in p2.ranges_of("comment")] == [(0, 6)]
    assert in_note.anchor.text == "Bron" and in_note.anchor.paragraph.story.kind == "footnote"
    assert [s.kind for s in doc.stories] == ["body", "footnote", "comment", "comment"]


def test_a_deleted_reference_leaves_its_note_out_of_fn002():
    data = build(
        para(run("Tekst."), '<w:del w:id="9" w:author="J. Jansen" w:date="2025-03-01T10:00:00Z">', fn_ref(1), "</w:del>"),
        footnotes=separators(-1) + note(1, note_para(" Kamerstuk 36 180, nr. 168.")),
    )
    doc = read(data)
    assert doc.note_refs == [] and doc.deleted_note_refs == {("footnote", "1")}
    from linter.engine import check_document
    from linter.settings import Settings

    found = check_document(doc, "x.docx", Settings(select=["FN002", "DR001"]))
    assert [d.code for d in found] == ["DR001"]
