"""Make the letter-head fixtures: fixtures/letterhead-{wrong,right}.docx and their .expected.json,
and (with LibreOffice) fixtures/odt/letterhead-{wrong,right}.odt.

A Kamerbrief in the Rijkshuisstijl template keeps its head out of the body's flow: the addressee
in a text box of the first page's header, `Datum`, `Kenmerk` and `Betreft` in a frame there, each
value a content control; side notes in text boxes beside the body. These letters are written as
Word 365 writes them (its XML, written out here, on python-docx's default package): a
DrawingML text box (`wps:txbx`) inside `mc:AlternateContent` with its VML copy (`v:textbox`) as
the Fallback, an older VML-only text box, `w:framePr` paragraphs, and content controls of every
level (inline, block, table cell) and kind (date, plain text, rich text, drop-down).

`letterhead-wrong.docx` carries residue in each of them, `letterhead-right.docx` the same letter
done right. The expected findings are written here by hand, beside the XML that causes them. Run
from the project root:

    python scripts/make_letterhead_fixtures.py            # the .docx files, then the .odt files
    python scripts/make_letterhead_fixtures.py --no-tools # only the .docx files

The .docx output is byte-for-byte the same on every run (fixed zip dates, no "now"). The .odt
files are LibreOffice's conversion of the .docx files (`soffice --convert-to odt`, 7.4.7.2): it
writes each text box as a shape with text (`draw:custom-shape`), the frame as a `draw:frame`
holding a `draw:text-box`, and the content controls as `loext:content-control` or `text:text-input`;
they differ from run to run in LibreOffice's own ids.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_draft_fixtures import zipped  # noqa: E402  (one way to write a fixture's zip)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
DATE = "2025-03-20T10:00:00Z"
#: The namespaces Word 365 declares on every story part's root (python-docx's template has them too).
NAMESPACES = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'mc:Ignorable="w14 w15 wp14"'
)


# -- XML pieces ---------------------------------------------------------------------------------


def run(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*content: str, ppr: str = "") -> str:
    return f'<w:p>{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}{"".join(content)}</w:p>'


TAB = "<w:r><w:tab/></w:r>"
#: The Rijkshuisstijl head: a frame in the left column of the first page, from 6.3 cm down.
HEAD_FRAME = '<w:framePr w:w="4536" w:h="1701" w:hRule="exact" w:wrap="around" w:vAnchor="page" w:hAnchor="page" w:x="1077" w:y="3573"/>'
#: A reference column in the body's right margin.
SIDE_FRAME = '<w:framePr w:w="2268" w:wrap="around" w:vAnchor="text" w:hAnchor="page" w:x="9526" w:y="1"/>'


def text_box(shape_id: int, name: str, content: str, x_pt: float, y_pt: float) -> str:
    """A run holding an anchored text box as Word 365 writes it: DrawingML in the Choice, the same
    paragraphs again in VML in the Fallback."""
    emu_x, emu_y = int(x_pt * 12700), int(y_pt * 12700)
    return (
        "<w:r><w:rPr><w:noProof/></w:rPr><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        f'<wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="{251659264 + shape_id}" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{emu_x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{emu_y}</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2057400" cy="1143000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{shape_id}" name="{name}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2057400" cy="1143000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t" anchorCtr="0">'
        "<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict>"
        f'<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        f'<v:shape id="{name}" o:spid="_x0000_s{1025 + shape_id}" type="#_x0000_t202" '
        f'style="position:absolute;margin-left:{x_pt}pt;margin-top:{y_pt}pt;width:162pt;height:90pt;z-index:{251659264 + shape_id};'
        'mso-position-horizontal-relative:page;mso-position-vertical-relative:page" stroked="f">'
        f'<v:textbox inset="0,0,0,0"><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape>'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def vml_text_box(shape_id: int, name: str, content: str) -> str:
    """A text box as Word 2003 wrote it and later versions still read: VML only."""
    return (
        f'<w:r><w:pict><v:shape id="{name}" o:spid="_x0000_s{1025 + shape_id}" type="#_x0000_t202" '
        'style="position:absolute;margin-left:0;margin-top:0;width:170pt;height:60pt;z-index:251662336;'
        'mso-position-horizontal:right;mso-position-horizontal-relative:margin" stroked="f">'
        f'<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'
    )


PLACEHOLDER_RPR = '<w:rStyle w:val="Tekstvantijdelijkeaanduiding"/>'


def control(sdt_id: int, title: str, kind: str, content: str, placeholder: bool = False, docpart: str = "") -> str:
    """A content control (``w:sdt``); ``kind`` is the type element of its ``w:sdtPr``."""
    showing = "<w:showingPlcHdr/>" if placeholder else ""
    part = f'<w:placeholder><w:docPart w:val="{docpart}"/></w:placeholder>' if docpart else ""
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{title}"/><w:tag w:val="{title.lower()}"/><w:id w:val="{sdt_id}"/>'
        f"{part}{showing}{kind}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"
    )


def template_field(unfilled: bool, sdt_id: int, title: str, kind: str, placeholder: str, value: str, docpart: str) -> str:
    """A control of the template: still showing Word's placeholder, or filled in with ``value``."""
    if unfilled:
        return control(sdt_id, title, kind, run(placeholder, PLACEHOLDER_RPR), placeholder=True, docpart=docpart)
    return control(sdt_id, title, kind, run(value))


DATE_CONTROL = '<w:date w:fullDate="2025-03-25T00:00:00Z"><w:dateFormat w:val="d MMMM yyyy"/><w:lid w:val="nl-NL"/><w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>'
PLAIN_TEXT = "<w:text/>"
DROP_DOWN = (
    '<w:dropDownList><w:listItem w:value=""/>'
    '<w:listItem w:displayText="Ongerubriceerd" w:value="Ongerubriceerd"/>'
    '<w:listItem w:displayText="Departementaal vertrouwelijk" w:value="Departementaal vertrouwelijk"/></w:dropDownList>'
)

STYLES = (
    '<w:style w:type="character" w:styleId="Tekstvantijdelijkeaanduiding"><w:name w:val="Placeholder Text"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:rPr><w:color w:val="808080"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Referentiegegevens"><w:name w:val="Referentiegegevens"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="180" w:lineRule="exact"/></w:pPr>'
    '<w:rPr><w:sz w:val="13"/></w:rPr></w:style>'
)


# -- the letter -----------------------------------------------------------------------------------


def letter(wrong: bool) -> tuple[dict[str, str], list[dict]]:
    """The story parts (document.xml, header1.xml for the first page, header2.xml for the others)
    and the expected findings."""
    expected: list[dict] = []

    def expect(code: str, story: str, paragraph: int, why: str, **where) -> None:
        expected.append({"code": code, "story": story, "note": None, "paragraph": paragraph, **where, "why": why})

    # The first page's header: the addressee in text box 1, the head lines in a frame.
    goback = '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>' if wrong else ""
    addressee = (
        para(goback, run("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"))
        + para(run("Postbus 20018"))
        + para(run("2500 EA Den Haag"))
    )
    if wrong:
        expect("BM001", "header", 1, "_GoBack in the addressee's text box", variant="first", text_box=1)
    kenmerk = template_field(wrong, 102, "Kenmerk", PLAIN_TEXT, "Klik of tik om tekst in te voeren.", "4821953", "DefaultPlaceholder_-1854013440")
    if wrong:
        expect("DR004", "header", 3, "Kenmerk still shows Word's placeholder (w:showingPlcHdr)", variant="first", frame=1,
               content_control="Kenmerk")
    head = (
        # ¶1: the ministry's name, and the anchor of the addressee's text box.
        para(run("Ministerie van Buitenlandse Zaken"), text_box(1, "Tekstvak 1", addressee, 56.7, 141.7))
        # ¶2–4: the head, one frame: Datum (a date control), Kenmerk, Betreft.
        + para(run("Datum"), TAB, control(101, "Datum", DATE_CONTROL, run("25 maart 2025")), ppr=HEAD_FRAME)
        + para(run("Kenmerk"), TAB, kenmerk, ppr=HEAD_FRAME)
        + para(run("Betreft"), TAB, control(103, "Betreft", "", run("Voortgang samenwerking diaspora-organisaties")), ppr=HEAD_FRAME)
    )
    other_pages = para(run("Ministerie van Buitenlandse Zaken"))

    # The body.
    toezegging = "TZ202504-012" if wrong else "TZ202502-012"
    if wrong:
        expect("TZ002", "body", 2, "registered 04/2025, after the letter's date 25 maart 2025 (the Datum control)")
    side_reference = "Kamerstuk 33625, nr. 287" if wrong else "Kamerstuk 33 625, nr. 287"
    if wrong:
        expect("KS001", "body", 1, "dossier number without its space, in the DrawingML text box (its VML copy is not read)",
               text_box=1)
    reference_column = "Kamerstuk 36180, nr. 168" if wrong else "Kamerstuk 36 180, nr. 168"
    if wrong:
        expect("KS001", "body", 4, "dossier number without its space, in the reference column's frame", frame=1)
    if wrong:
        old_box = (
            para(
                run("Het verslag van 12 Februari 2025 volgt"),
                f'<w:ins w:id="201" w:author="J. Jansen" w:date="{DATE}">{run(" binnenkort")}</w:ins>',
                run("."),
            )
            + para(run("Interne notitie: nog afstemmen met FEZ.", "<w:vanish/>"))
        )
        expect("DT001", "body", 1, "month with a capital in the VML-only text box", text_box=2)
        expect("DR001", "body", 1, "tracked insertion in the VML-only text box", text_box=2)
        expect("DR003", "body", 2, "hidden text in the VML-only text box", text_box=2)
    else:
        old_box = para(run("Het verslag van 12 februari 2025 volgt binnenkort."))
    rubricering = template_field(wrong, 104, "Rubricering", DROP_DOWN, "Kies een item.", "Ongerubriceerd", "DefaultPlaceholder_-1854013438")
    if wrong:
        expect("DR004", "body", 6, "drop-down Rubricering still shows Word's placeholder", content_control="Rubricering")
    bijlagen = run("Klik of tik om tekst in te voeren.") if wrong else run("1")
    if wrong:
        expect("DR004", "body", 10, "cell control Bijlagen holds Word's placeholder text, typed over without the flag",
               content_control="Bijlagen")
    body = (
        para(run("Geachte voorzitter,"))
        + para(run(f"Hierbij informeer ik uw Kamer over de voortgang van de samenwerking met diaspora-organisaties, zoals toegezegd ({toezegging})."))
        # ¶3: anchors text box 1 (a side note) and, older style, text box 2.
        + para(
            run("Eerdere brieven over dit onderwerp staan in de kantlijn."),
            text_box(2, "Tekstvak 2", para(run(f"Zie ook {side_reference}.")), 425.2, 300.0),
            vml_text_box(3, "Tekstvak 3", old_box),
        )
        # ¶4: the reference column, a frame in the right margin.
        + para(run(f"Referentie: {reference_column}"), ppr='<w:pStyle w:val="Referentiegegevens"/>' + SIDE_FRAME)
        + para(run("De samenwerking is in het afgelopen jaar verder verdiept."))
        # ¶6: a drop-down in a line of text.
        + para(run("Rubricering: "), rubricering)
        # ¶7–8: a block control around the closing.
        + control(105, "Ondertekening", "", para(run("Hoogachtend,")) + para(run("de minister van Buitenlandse Zaken,")))
        # ¶9–10: a table of enclosures, its value a cell-level control.
        + '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2268"/><w:gridCol w:w="4536"/></w:tblGrid>'
        + f"<w:tr><w:tc><w:tcPr><w:tcW w:w=\"2268\" w:type=\"dxa\"/></w:tcPr>{para(run('Bijlage(n)'))}</w:tc>"
        + control(106, "Bijlagen", PLAIN_TEXT, f'<w:tc><w:tcPr><w:tcW w:w="4536" w:type="dxa"/></w:tcPr>{para(bijlagen)}</w:tc>')
        + "</w:tr></w:tbl>"
        + para()
        + '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader2"/><w:headerReference w:type="first" r:id="rIdHeader1"/>'
        + '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2948" w:right="2948" w:bottom="1077" w:left="1588" w:header="0" w:footer="0" w:gutter="0"/>'
        + '<w:cols w:space="708"/><w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )
    parts = {
        "word/document.xml": f"<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>",
        "word/header1.xml": f"<w:hdr {NAMESPACES}>{head}</w:hdr>",
        "word/header2.xml": f"<w:hdr {NAMESPACES}>{other_pages}</w:hdr>",
    }
    return parts, expected


def build(stories: dict[str, str]) -> bytes:
    """python-docx's default package with these story parts, the headers wired in."""
    base = io.BytesIO()
    docx.Document().save(base)
    src = zipfile.ZipFile(base)
    parts = {name: src.read(name) for name in src.namelist()}
    rels = parts["word/_rels/document.xml.rels"].decode()
    types = parts["[Content_Types].xml"].decode()
    for number in (1, 2):
        rels = rels.replace(
            "</Relationships>", f'<Relationship Id="rIdHeader{number}" Type="{REL}header" Target="header{number}.xml"/></Relationships>'
        )
        types = types.replace("</Types>", f'<Override PartName="/word/header{number}.xml" ContentType="{CT}header+xml"/></Types>')
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"</w:styles>", STYLES.encode() + b"</w:styles>")
    for name, xml in stories.items():
        parts[name] = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + xml).encode()
    parts["word/_rels/document.xml.rels"] = rels.encode()
    parts["[Content_Types].xml"] = types.encode()
    return zipped(parts)


def to_odt(source: Path, target: Path) -> None:
    """LibreOffice's conversion of ``source`` to ``target`` (.odt)."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, SOURCE_DATE_EPOCH="1742896800")
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "odt", "--outdir", tmp, str(source)],
            check=True, capture_output=True, env=env, timeout=180,
        )
        shutil.copyfile(Path(tmp) / (source.stem + ".odt"), target)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-tools", action="store_true", help="only the .docx files (no LibreOffice)")
    args = ap.parse_args(argv)
    for name, wrong in (("letterhead-wrong", True), ("letterhead-right", False)):
        stories, expected = letter(wrong)
        path = FIXTURES / f"{name}.docx"
        path.write_bytes(build(stories))
        (FIXTURES / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({len(expected)} findings expected)")
        if not args.no_tools:
            if shutil.which("soffice") is None:
                print("soffice not found: the .odt files were not made", file=sys.stderr)
                return 1
            target = FIXTURES / "odt" / f"{name}.odt"
            to_odt(path, target)
            print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
