"""Make the draft-hygiene fixtures: fixtures/draft-*.docx and their .expected.json.

Each letter carries one kind of drafting residue (tracked changes, comments, hidden text,
placeholders, personal metadata) in the body and in a footnote; draft-clean.docx carries none. The
expected findings are written here by hand, next to the XML that causes them, and
tests/test_rules_draft.py checks the linter against them. Run from the project root:

    python scripts/make_draft_fixtures.py

The output is byte-for-byte the same on every run (fixed zip dates, no "now" in the properties).
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
DATE = "2026-03-02T10:00:00Z"
ZIP_DATE = (2026, 3, 2, 10, 0, 0)


# -- XML pieces ---------------------------------------------------------------------------------


def run(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def deleted_run(text: str) -> str:
    return f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r>'


def para(*content: str, ppr: str = "") -> str:
    return f'<w:p>{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}{"".join(content)}</w:p>'


def change(tag: str, rid: int, content: str, author: str = "J. Jansen") -> str:
    return f'<w:{tag} w:id="{rid}" w:author="{author}" w:date="{DATE}">{content}</w:{tag}>'


def fn_ref(nid: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{nid}"/></w:r>'


def footnote(nid: int, *content: str) -> str:
    return f'<w:footnote w:id="{nid}">{para("<w:r><w:footnoteRef/></w:r>", run(" "), *content)}</w:footnote>'


SEPARATORS = (
    '<w:footnote w:id="-1" w:type="separator"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="0" w:type="continuationSeparator"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)

CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>Kamerbrief</dc:title>{creator}{editor}"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-01T09:00:00Z</dcterms:created>'
    "</cp:coreProperties>"
)
APP = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Microsoft Office Word</Application>{extra}</Properties>"
)
CUSTOM = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{props}</Properties>'
)


def custom_prop(pid: int, name: str, value: str) -> str:
    return (
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{name}">'
        f"<vt:lpwstr>{value}</vt:lpwstr></property>"
    )


def build(
    body: str,
    footnotes: str = "",
    comments: str | None = None,
    styles: str = "",
    creator: str = "",
    editor: str = "",
    app: str = "",
    custom: str | None = None,
    template_target: str | None = None,
    header: str | None = None,
) -> bytes:
    """A .docx: python-docx's default package with our body, notes, comments and properties."""
    base = io.BytesIO()
    docx.Document().save(base)
    src = zipfile.ZipFile(base)
    parts = {name: src.read(name) for name in src.namelist()}
    doc_rels = parts["word/_rels/document.xml.rels"].decode()
    root_rels = parts["_rels/.rels"].decode()
    types = parts["[Content_Types].xml"].decode()

    def add(part: str, xml: str, rel_type: str, ctype: str, package_level: bool = False) -> None:
        nonlocal doc_rels, root_rels, types
        parts[part] = xml.encode()
        rel = f'<Relationship Id="rIdK{len(parts)}" Type="{rel_type}" Target="{part if package_level else part[5:]}"/>'
        if package_level:
            root_rels = root_rels.replace("</Relationships>", rel + "</Relationships>")
        else:
            doc_rels = doc_rels.replace("</Relationships>", rel + "</Relationships>")
        if f'PartName="/{part}"' not in types:
            types = types.replace("</Types>", f'<Override PartName="/{part}" ContentType="{ctype}"/></Types>')

    add("word/footnotes.xml", f"<w:footnotes {NS}>{SEPARATORS}{footnotes}</w:footnotes>", REL + "footnotes", CT + "footnotes+xml")
    if comments is not None:
        add("word/comments.xml", f"<w:comments {NS}>{comments}</w:comments>", REL + "comments", CT + "comments+xml")
    if header is not None:
        add("word/header1.xml", f"<w:hdr {NS}>{header}</w:hdr>", REL + "header", CT + "header+xml")
    if styles:
        parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"</w:styles>", styles.encode() + b"</w:styles>")
    settings = f"<w:settings {NS}>"
    if template_target is not None:
        settings += '<w:attachedTemplate r:id="rIdTemplate"/>'
        parts["word/_rels/settings.xml.rels"] = (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdTemplate" Type="{REL}attachedTemplate" Target="{template_target}" '
            'TargetMode="External"/></Relationships>'
        ).encode()
    parts["word/settings.xml"] = (settings + "</w:settings>").encode()
    parts["docProps/core.xml"] = CORE.format(
        creator=f"<dc:creator>{creator}</dc:creator>" if creator else "",
        editor=f"<cp:lastModifiedBy>{editor}</cp:lastModifiedBy>" if editor else "",
    ).encode()
    if "docProps/app.xml" in parts or app:
        parts["docProps/app.xml"] = APP.format(extra=app).encode()
        if "extended-properties" not in root_rels:
            root_rels = root_rels.replace(
                "</Relationships>",
                f'<Relationship Id="rIdApp" Type="{REL}extended-properties" Target="docProps/app.xml"/></Relationships>',
            )
            types = types.replace(
                "</Types>",
                '<Override PartName="/docProps/app.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
            )
    if custom is not None:
        add(
            "docProps/custom.xml",
            CUSTOM.format(props=custom),
            REL + "custom-properties",
            "application/vnd.openxmlformats-officedocument.custom-properties+xml",
            package_level=True,
        )
    parts["word/document.xml"] = f"<w:document {NS}><w:body>{body}</w:body></w:document>".encode()
    parts["word/_rels/document.xml.rels"] = doc_rels.encode()
    parts["_rels/.rels"] = root_rels.encode()
    parts["[Content_Types].xml"] = types.encode()
    return zipped(parts)


def zipped(parts: dict[str, bytes]) -> bytes:
    """The package of ``parts``, the content types first, every entry with the same fixed date."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            z.writestr(zipfile.ZipInfo(name, ZIP_DATE), parts[name], zipfile.ZIP_DEFLATED)
    return out.getvalue()


def expect(code: str, story: str, paragraph: int | None, column: int | None, end_column: int | None, why: str, note: int | None = None) -> dict:
    return {
        "code": code,
        "story": story,
        "note": note,
        "paragraph": paragraph,
        "column": column,
        "end_column": end_column,
        "why": why,
    }


# -- the letters ----------------------------------------------------------------------------------

OPENING = para(run("Geachte voorzitter,"))


def tracked_changes() -> tuple[bytes, list[dict]]:
    body = (
        OPENING
        # ¶2: "Hierbij ontvangt u " + inserted "de evaluatie" + deleted "het rapport" + " van de regeling."
        + para(
            run("Hierbij ontvangt u "),
            change("ins", 1, run("de evaluatie")),
            change("del", 2, deleted_run("het rapport")),
            run(" van de regeling."),
        )
        # ¶3: a formatting change on "belangrijk"; a paragraph formatting change.
        + para(
            run("Dit is "),
            f'<w:r><w:rPr><w:b/><w:rPrChange w:id="3" w:author="P. de Vries" w:date="{DATE}"><w:rPr/></w:rPrChange></w:rPr>'
            '<w:t>belangrijk</w:t></w:r>',
            run("."),
            ppr=f'<w:jc w:val="both"/><w:pPrChange w:id="4" w:author="P. de Vries" w:date="{DATE}"><w:pPr/></w:pPrChange>',
        )
        # ¶4: a move: text moved away here ...
        + para(run("Eerste zin. "), change("moveFrom", 5, run("Verplaatste zin.")))
        # ¶5: ... and moved to here.
        + para(change("moveTo", 6, run("Verplaatste zin.")), run(" Tweede zin."), fn_ref(1))
        # ¶6 and ¶7: a table row inserted with tracking on, its second cell inserted too.
        + "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>"
        + f'<w:trPr><w:ins w:id="9" w:author="J. Jansen" w:date="{DATE}"/></w:trPr>'
        + f"<w:tc>{para(run('Jaar'))}</w:tc>"
        + f'<w:tc><w:tcPr><w:cellIns w:id="10" w:author="J. Jansen" w:date="{DATE}"/></w:tcPr>{para(run("Bedrag"))}</w:tc>'
        + "</w:tr></w:tbl>"
    )
    notes = footnote(1, run("Kamerstuk 36 180, nr. "), change("ins", 7, run("168")), change("del", 8, deleted_run("167")), run("."))
    expected = [
        expect("DR001", "body", 2, 20, 32, "insertion 'de evaluatie'"),
        expect("DR001", "body", 2, 32, 32, "deletion 'het rapport', zero-width where it was"),
        expect("DR001", "body", 3, 1, 19, "paragraph formatting change (w:pPrChange): the whole paragraph"),
        expect("DR001", "body", 3, 8, 18, "formatting change (w:rPrChange) on 'belangrijk'"),
        expect("DR001", "body", 4, 13, 13, "move-from 'Verplaatste zin.', zero-width"),
        expect("DR001", "body", 5, 1, 17, "move-to 'Verplaatste zin.'"),
        expect("DR001", "body", 6, 1, 1, "inserted table row (w:trPr/w:ins), at its first cell"),
        expect("DR001", "body", 7, 1, 1, "inserted table cell (w:cellIns), at the cell"),
        expect("DR001", "footnote", 1, 23, 26, "insertion '168' in footnote 1", note=1),
        expect("DR001", "footnote", 1, 26, 26, "deletion '167' in footnote 1", note=1),
    ]
    return build(body, notes), expected


def comments() -> tuple[bytes, list[dict]]:
    body = (
        OPENING
        + para(
            run("Het budget bedraagt "),
            '<w:commentRangeStart w:id="1"/>',
            run("12 miljoen euro"),
            '<w:commentRangeEnd w:id="1"/>',
            '<w:r><w:commentReference w:id="1"/></w:r>',
            run("."),
            fn_ref(1),
        )
    )
    notes = footnote(
        1,
        run("Zie "),
        '<w:commentRangeStart w:id="2"/>',
        run("Kamerstuk 36 180"),
        '<w:commentRangeEnd w:id="2"/>',
        '<w:r><w:commentReference w:id="2"/></w:r>',
        run(", nr. 168."),
    )
    comment_xml = (
        f'<w:comment w:id="1" w:author="J. Jansen" w:initials="JJ" w:date="{DATE}">'
        + para('<w:r><w:annotationRef/></w:r>', run("Klopt dit bedrag? Navragen bij FEZ."))
        + "</w:comment>"
        + f'<w:comment w:id="2" w:author="P. de Vries" w:initials="PdV" w:date="{DATE}">'
        + para('<w:r><w:annotationRef/></w:r>', run("Nummer controleren."))
        + "</w:comment>"
    )
    expected = [
        expect("DR002", "body", 2, 21, 36, "comment by J. Jansen on '12 miljoen euro'"),
        expect("DR002", "footnote", 1, 5, 21, "comment by P. de Vries on 'Kamerstuk 36 180' in footnote 1", note=1),
    ]
    return build(body, notes, comments=comment_xml), expected


HIDDEN_STYLE = (
    '<w:style w:type="character" w:customStyle="1" w:styleId="Verborgen"><w:name w:val="Verborgen"/>'
    "<w:rPr><w:vanish/></w:rPr></w:style>"
)


def hidden() -> tuple[bytes, list[dict]]:
    body = (
        OPENING
        # ¶2: direct hidden text at the end; a run with vanish off is visible.
        + para(
            run("Het kabinet kiest voor optie A."),
            run(" Alternatief: budget verlagen.", "<w:vanish/>"),
            run(" Zichtbaar.", '<w:vanish w:val="0"/>'),
        )
        # ¶3: hidden through a character style.
        + para(run("Zie de bijlage."), run(" Intern: niet delen.", '<w:rStyle w:val="Verborgen"/>'), fn_ref(1))
        # ¶4: a hidden space only: nothing to leak.
        + para(run("Slot"), run(" ", "<w:vanish/>"), run("zin."))
    )
    notes = footnote(1, run("Kamerstuk 36 180, nr. 168."), run(" Eerdere versie: nr. 167.", "<w:vanish/>"))
    expected = [
        expect("DR003", "body", 2, 33, 62, "direct w:vanish"),
        expect("DR003", "body", 3, 17, 36, "w:vanish from character style 'Verborgen'"),
        expect("DR003", "footnote", 1, 28, 52, "hidden text in footnote 1", note=1),
    ]
    return build(body, notes, styles=HIDDEN_STYLE), expected


def placeholders() -> tuple[bytes, list[dict]]:
    body = (
        OPENING
        + para(run("De evaluatie volgt op [datum]."))  # ¶2
        + para(run("Het budget bedraagt EUR XXX miljoen en PM voor 2027."))  # ¶3
        + para(run("Het PMO en de SPM-regeling zijn geen plaatshouder; pm ook niet."))  # ¶4: nothing
        + para(run("Bijdrage: p.m. TODO: nog invullen."))  # ¶5
        + para(run("De motie „verzoekt de regering […] te onderzoeken” is aangenomen."))  # ¶6: nothing
        + para(run("Naam: "), run("mevrouw X", '<w:highlight w:val="yellow"/>'), run("."), fn_ref(1))  # ¶7
        + para(run("Resultaten: [...]"))  # ¶8
    )
    notes = footnote(1, run("Kamerstuk [nummer], brief van [datum]."))
    header = para(run("Datum: [datum]"))
    expected = [
        expect("DR004", "header", 1, 8, 15, "[datum] in the page header"),
        expect("DR004", "body", 2, 23, 30, "[datum]"),
        expect("DR004", "body", 3, 25, 28, "XXX"),
        expect("DR004", "body", 3, 40, 42, "PM as a word"),
        expect("DR004", "body", 5, 11, 15, "p.m."),
        expect("DR004", "body", 5, 16, 20, "TODO"),
        expect("DR004", "body", 5, 22, 34, "nog invullen"),
        expect("DR004", "body", 7, 7, 16, "highlighted 'mevrouw X'"),
        expect("DR004", "body", 8, 13, 18, "[...] outside a quotation"),
        expect("DR004", "footnote", 1, 31, 38, "[datum] in footnote 1", note=1),
    ]
    return build(body, notes, header=header), expected


def metadata() -> tuple[bytes, list[dict]]:
    body = OPENING + para(run("Hierbij ontvangt u de evaluatie."), fn_ref(1))
    notes = footnote(1, run("Kamerstuk 36 180, nr. 168."))
    app = "<Template>Normal.dotm</Template><Company>Adviesbureau Jansen BV</Company><Manager>P. de Vries</Manager>"
    custom = custom_prop(2, "Behandelaar", "J. Jansen") + custom_prop(3, "Kenmerk", "BZ-2026-123") + custom_prop(
        4, "MSIP_Label_Owner", "j.jansen@minbuza.nl"
    )
    data = build(
        body,
        notes,
        creator="J. Jansen",
        editor="P. de Vries",
        app=app,
        custom=custom,
        template_target="file:///C:\\Users\\jjansen\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm",
    )
    expected = [
        expect("DR005", "body", None, None, None, "core.creator J. Jansen"),
        expect("DR005", "body", None, None, None, "core.lastModifiedBy P. de Vries"),
        expect("DR005", "body", None, None, None, "app.Company Adviesbureau Jansen BV"),
        expect("DR005", "body", None, None, None, "app.Manager P. de Vries"),
        expect("DR005", "body", None, None, None, "settings.attachedTemplate C:\\Users\\jjansen\\..."),
        expect("DR005", "body", None, None, None, "custom.Behandelaar J. Jansen"),
        expect("DR005", "body", None, None, None, "custom.MSIP_Label_Owner, an e-mail address"),
    ]
    return data, expected


def clean() -> tuple[bytes, list[dict]]:
    """An ordinary letter: government company, Rijksoverheid template, nothing left in."""
    body = (
        OPENING
        + para(run("Hierbij ontvangt u de evaluatie van de PMO-regeling, zoals toegezegd."), fn_ref(1))
        + para(run("De Minister van Buitenlandse Zaken,"))
    )
    notes = footnote(1, run("Kamerstuk 36 180, nr. 168."))
    app = "<Template>Rijksoverheid Kamerbrief.dotx</Template><Company>Rijksoverheid</Company>"
    data = build(
        body,
        notes,
        creator="python-docx",
        app=app,
        custom=custom_prop(2, "Kenmerk", "BZ-2026-123"),
        template_target="Rijksoverheid%20Kamerbrief.dotx",
    )
    return data, []


LETTERS = {
    "draft-tracked-changes": tracked_changes,
    "draft-comments": comments,
    "draft-hidden-text": hidden,
    "draft-placeholders": placeholders,
    "draft-metadata": metadata,
    "draft-clean": clean,
}


def main() -> int:
    FIXTURES.mkdir(exist_ok=True)
    for name, make in LETTERS.items():
        data, expected = make()
        (FIXTURES / f"{name}.docx").write_bytes(data)
        text = "[\n" + ",\n".join("  " + json.dumps(e, ensure_ascii=False) for e in expected) + ("\n]\n" if expected else "]\n")
        (FIXTURES / f"{name}.expected.json").write_text(text, encoding="utf-8")
        print(f"fixtures/{name}.docx: {len(data)} bytes, {len(expected)} expected findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
