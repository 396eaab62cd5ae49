"""Build the .docx fixtures in fixtures/ (run from the repository root: python scripts/make_fixtures.py).

* kamerbrief-diaspora.docx: the seed letter (a Tika text export) rebuilt as a Word-like .docx with
  python-docx and lxml: a real footnotes part, footnote references, the three _Hlk bookmarks.
* kamerbrief-diaspora-libreoffice.docx: that file saved again by LibreOffice (its note ids start at 2).
* kamerbrief-diaspora-pandoc.docx: the seed letter written by pandoc from its JSON AST.
* fn-wrong/fn-right, bm-wrong/bm-right: small letters that exercise every FN and BM rule.

LibreOffice and pandoc are needed only here; CI and the tests use the committed files. Output is
deterministic where the tools allow: fixed zip times, fixed document dates (SOURCE_DATE_EPOCH for
pandoc and LibreOffice), fixed ids. Use --only NAME to build one file, --no-tools to skip the
LibreOffice and pandoc files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.opc.constants import CONTENT_TYPE as CT  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.opc.packuri import PackURI  # noqa: E402
from docx.opc.part import Part  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402

from linter.limits import DEFAULT_LIMITS  # noqa: E402
from linter.model import NOTE_MARK  # noqa: E402
from linter.formats.text.read import read_text  # noqa: E402

FIXTURES = ROOT / "fixtures"
SEED = ROOT.parent / "shared" / "seed" / "kamerbrief-diaspora.txt"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
FIXED_TIME = dt.datetime(2026, 1, 15, 9, 0, 0)
ZIP_TIME = (2026, 1, 15, 9, 0, 0)
SOURCE_DATE_EPOCH = str(int(dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.timezone.utc).timestamp()))


# -- inline pieces: each returns WordprocessingML as a string ---------------------------------


def _text_runs(text: str, rpr: str = "") -> str:
    """Runs for ``text``; tabs and line breaks become w:tab and w:br as Word writes them."""
    out = []
    buf = ""
    for ch in text + "\0":
        if ch in "\t\n\0":
            if buf:
                out.append(f'<w:t xml:space="preserve">{escape(buf)}</w:t>')
                buf = ""
            if ch == "\t":
                out.append("<w:tab/>")
            elif ch == "\n":
                out.append("<w:br/>")
        else:
            buf += ch
    if not out:
        return ""
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f"<w:r>{props}{''.join(out)}</w:r>"


def t(text: str) -> str:
    return _text_runs(text)


def sup(text: str) -> str:
    """Superscript typed by hand (direct formatting), as Ctrl+Shift+= makes it."""
    return _text_runs(text, '<w:vertAlign w:val="superscript"/>')


def fn(note_id: int | str, kind: str = "footnote") -> str:
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    return f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:{kind}Reference w:id="{note_id}"/></w:r>'


def en(note_id: int | str) -> str:
    return fn(note_id, "endnote")


def custom_fn(note_id: int, mark: str) -> str:
    """A footnote with a custom mark: Word writes the mark as text in the reference's run."""
    return (
        f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        f'<w:footnoteReference w:customMarkFollows="1" w:id="{note_id}"/><w:t>{escape(mark)}</w:t></w:r>'
    )


def bm(bm_id: int, name: str) -> str:
    return f"<w:bookmarkStart w:id={quoteattr(str(bm_id))} w:name={quoteattr(name)}/>"


def bme(bm_id: int) -> str:
    return f'<w:bookmarkEnd w:id="{bm_id}"/>'


def simple_field(instr: str, result: str, rpr: str = "") -> str:
    return f"<w:fldSimple w:instr={quoteattr(instr)}>{_text_runs(result, rpr)}</w:fldSimple>"


def _fld_char(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def complex_field(instr_pieces: list[str], result: str, code_inside: str = "") -> str:
    """A complex field: begin, the instruction split over runs (``code_inside`` is put between the
    pieces, e.g. a nested field), separate, the result (already-built XML), end."""
    pieces = [f'<w:r><w:instrText xml:space="preserve">{escape(p)}</w:instrText></w:r>' for p in instr_pieces]
    if code_inside:
        pieces.insert(1, code_inside)
    return _fld_char("begin") + "".join(pieces) + _fld_char("separate") + result + _fld_char("end")


def link(anchor: str, text: str) -> str:
    runs = _text_runs(text, '<w:rStyle w:val="Hyperlink"/>')
    return f'<w:hyperlink w:anchor={quoteattr(anchor)} w:history="1">{runs}</w:hyperlink>'


def p(*inlines: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{''.join(inlines)}</w:p>"


# -- notes ---------------------------------------------------------------------------------------


def note(note_id: int, *paragraphs: str, kind: str = "footnote", separator: str = " ", own_mark: str | None = None) -> str:
    """A normal note as Word writes it: the first paragraph starts with the note's own mark
    (w:footnoteRef) and the separator run. ``paragraphs`` are plain strings or built XML (starting
    with '<'). ``own_mark`` replaces w:footnoteRef for a custom-mark note (the mark is typed)."""
    style = "FootnoteText" if kind == "footnote" else "EndnoteText"
    ref_style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    if own_mark is None:
        mark = f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr><w:{kind}Ref/></w:r>'
    else:
        mark = f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr><w:t>{escape(own_mark)}</w:t></w:r>'
    paras = []
    for i, body in enumerate(paragraphs or ("",)):
        content = body if body.startswith("<") else t(body)
        if i == 0:
            content = mark + _text_runs(separator) + content
        paras.append(p(content, style=style))
    return f'<w:{kind} w:id="{note_id}">{"".join(paras)}</w:{kind}>'


def notes_part(kind: str, notes: list[str]) -> bytes:
    """The footnotes or endnotes part, with Word's separators at ids -1 and 0."""
    special = (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>'
    )
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind}s {NS}>{special}{"".join(notes)}</w:{kind}s>'
    return xml.encode("utf-8")


# -- the package -----------------------------------------------------------------------------------


def _add_styles(document) -> None:
    styles = document.styles
    for name, kind, superscript in (
        ("footnote text", WD_STYLE_TYPE.PARAGRAPH, False),
        ("footnote reference", WD_STYLE_TYPE.CHARACTER, True),
        ("endnote text", WD_STYLE_TYPE.PARAGRAPH, False),
        ("endnote reference", WD_STYLE_TYPE.CHARACTER, True),
        ("Hyperlink", WD_STYLE_TYPE.CHARACTER, False),
    ):
        style = styles.add_style(name, kind)
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            style.base_style = styles["Normal"]
            style.font.size = docx.shared.Pt(9)
        if superscript:
            style.font.superscript = True
    # python-docx names ids after the name with spaces removed, lower case kept: use Word's ids.
    for el in styles.element.iter(f"{{{W_NS}}}style"):
        sid = el.get(f"{{{W_NS}}}styleId")
        fixed = {"footnotetext": "FootnoteText", "footnotereference": "FootnoteReference",
                 "endnotetext": "EndnoteText", "endnotereference": "EndnoteReference"}.get(sid)
        if fixed:
            el.set(f"{{{W_NS}}}styleId", fixed)


def build_docx(path: Path, body: list[str], footnotes: list[str] | None = None, endnotes: list[str] | None = None, title: str = "") -> None:
    document = docx.Document()
    _add_styles(document)
    props = document.core_properties
    props.author = "kamerlint fixtures"
    props.last_modified_by = "kamerlint fixtures"
    props.comments = "made by scripts/make_fixtures.py"
    props.title = title
    props.created = props.modified = FIXED_TIME
    props.revision = 1

    body_el = document.element.body
    sect = body_el.sectPr
    for child in list(body_el):
        if child is not sect:
            body_el.remove(child)
    parsed = parse_xml(f"<w:body {NS}>{''.join(body)}</w:body>")
    for child in list(parsed):
        sect.addprevious(child)

    package = document.part.package
    for kind, notes in (("footnote", footnotes), ("endnote", endnotes)):
        if notes is None:
            continue
        content_type = CT.WML_FOOTNOTES if kind == "footnote" else CT.WML_ENDNOTES
        part = Part(PackURI(f"/word/{kind}s.xml"), content_type, notes_part(kind, notes), package)
        document.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)

    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(normalise_zip(buffer.getvalue()))


def normalise_zip(data: bytes) -> bytes:
    """The same zip with fixed entry times and attributes, so a rebuild gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# -- the seed letter -----------------------------------------------------------------------------


def seed_model():
    return read_text(SEED.read_bytes(), str(SEED), DEFAULT_LIMITS)


def build_diaspora(path: Path) -> None:
    """The seed letter as Word would have saved it: one w:p per paragraph of the export, the
    footnote references where the markers are, the note text exactly as exported (the first space
    of each block is Word's separator), the _Hlk bookmarks over their paragraphs."""
    doc = seed_model()
    starts: dict[int, list] = {}
    for number, bookmark in enumerate(doc.bookmarks, start=1):
        starts.setdefault(bookmark.start.paragraph.index, []).append((number, bookmark.name))
    body = []
    for para in doc.stories[0].paragraphs:
        pieces = [bm(i, name) for i, name in starts.get(para.index, [])]
        refs = iter(para.note_refs)
        for k, chunk in enumerate(para.text.split(NOTE_MARK)):
            if k:
                pieces.append(fn(next(refs).id))
            pieces.append(t(chunk))
        pieces += [bme(i) for i, _ in starts.get(para.index, [])]
        body.append(p(*pieces))
    footnotes = []
    for (kind, note_id), n in doc.notes.items():
        assert kind == "footnote"
        footnotes.append(note(int(note_id), *[q.text for q in n.story.paragraphs]))
    build_docx(path, body, footnotes, title="Diasporaorganisaties en ontwikkeling")


def build_libreoffice(source: Path, path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice (LibreOffice) is needed for " + path.name)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, HOME=tmp)
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
             'docx:MS Word 2007 XML', "--outdir", f"{tmp}/out", str(source)],
            check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        data = (Path(tmp) / "out" / source.name).read_bytes()
    path.write_bytes(normalise_zip(data))


def pandoc_ast() -> dict:
    """The seed letter as a pandoc document. Pandoc collapses white space, so text whose spacing
    matters (the two spaces after marker 7, trailing spaces in notes) and the bookmarks go in as
    raw OpenXML."""

    def inlines(text: str) -> list:
        out: list = []
        if text != " ".join(text.split()):
            # Exact spacing: one raw run. Pandoc's Space/Str would normalise it.
            return [{"t": "RawInline", "c": ["openxml", _text_runs(text)]}] if text else []
        for k, word in enumerate(text.split(" ")):
            if k:
                out.append({"t": "Space"})
            if word:
                out.append({"t": "Str", "c": word})
        return out

    doc = seed_model()
    starts: dict[int, list] = {}
    for number, bookmark in enumerate(doc.bookmarks, start=1):
        starts.setdefault(bookmark.start.paragraph.index, []).append((number, bookmark.name))
    blocks = []
    for para in doc.stories[0].paragraphs:
        if not para.text.strip():
            continue  # pandoc has no empty paragraphs
        content: list = [{"t": "RawInline", "c": ["openxml", bm(1000 + i, name)]} for i, name in starts.get(para.index, [])]
        refs = iter(para.note_refs)
        for k, chunk in enumerate(para.text.split(NOTE_MARK)):
            if k:
                n = doc.notes[("footnote", next(refs).id)]
                content.append({"t": "Note", "c": [{"t": "Para", "c": inlines(q.text)} for q in n.story.paragraphs]})
            content += inlines(chunk)
        content += [{"t": "RawInline", "c": ["openxml", bme(1000 + i)]} for i, _ in starts.get(para.index, [])]
        blocks.append({"t": "Para", "c": content})
    return {"pandoc-api-version": [1, 22, 2, 1], "meta": {}, "blocks": blocks}


def build_pandoc(path: Path) -> None:
    pandoc = shutil.which("pandoc")
    if not pandoc:
        raise SystemExit("pandoc is needed for " + path.name)
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / path.name
        subprocess.run([pandoc, "-f", "json", "-t", "docx", "-o", str(out)], input=json.dumps(pandoc_ast()).encode(), check=True, env=env)
        path.write_bytes(normalise_zip(out.read_bytes()))


# -- FN: footnotes ------------------------------------------------------------------------------

TITLE = p(t("Ministerie van Binnenlandse Zaken"))
SALUTATION = p(t("Geachte voorzitter,"))
CLOSING = p(t("Hoogachtend,"))


def build_fn_wrong(path: Path) -> None:
    """Every FN rule fires once here (see fn-wrong.expected.json for which paragraph and note)."""
    body = [
        TITLE,  # 1
        SALUTATION,  # 2
        # 3: notes 1 (clean), 2 (FN010), 3 (FN011)
        p(t("Graag licht ik de stand van zaken toe."), fn(1), t(" Het kabinet heeft besloten."), fn(2),
          t(" Dit volgt uit eerder onderzoek."), fn(3)),
        # 4: note 4 (FN012: two spaces), note 5 repeats note 1 (FN005)
        p(t("De eerste evaluatie verscheen in 2016."), fn(4), t(" De tweede volgde later."), fn(5)),
        # 5: FN006 before the full stop, FN007 space before, FN008 no space after, FN008 two spaces
        p(t("Dit onderwerp heeft een marker voor de punt"), fn(6), t(". Hier staat een spatie voor de marker. "), fn(7),
          t(" Hier ontbreekt de spatie erna."), fn(8), t("Ook dit. En hier staan er twee."), fn(9), t("  Deze zin sluit af.")),
        # 6: FN009 after a digit, FN013 two markers side by side
        p(t("In de periode 2015 – 2016"), fn(10), t(" is gekozen voor een andere aanpak."), fn(11), fn(12)),
        # 7: FN003 note 1 referenced again
        p(t("Zie ook de eerdere brief."), fn(1)),
        # 8: FN014 typed superscript 3; the exponent 10^6 and m^2 must not fire; FN015 custom mark
        p(t("Het budget is 10"), sup("6"), t(" euro voor 12 m"), sup("2"), t(" per woning."), sup("3"),
          t(" Een noot met een eigen teken."), custom_fn(13, "*")),
        # 9: FN001 a reference to a note that does not exist
        p(t("Het ontbrekende stuk staat hier."), fn(99)),
        # 10: FN016 an endnote
        p(t("Een eindnoot wijkt af van de huisstijl."), en(1)),
        # 11: FN004 an empty note
        p(t("Een lege noot is ook een fout."), fn(14)),
        # 12: note 16 holds a reference to note 17 (FN017)
        p(t("Een noot met een verwijzing erin."), fn(16)),
        # 13: FN018 a marker inside a word (FN008's space would split it)
        p(t("Deze Kamer"), fn(18), t("brief volgt op de vorige.")),
        CLOSING,  # 14
    ]
    footnotes = [
        note(1, "Kamerstuk 36 180, nr. 168."),
        note(2, "Brief van 3 maart 2025"),
        note(3, "zie het rapport van de Algemene Rekenkamer."),
        note(4, "Evaluatie  van het programma, 2016."),
        note(5, "Kamerstuk 36 180, nr. 168."),
        note(6, "Rapport over de herkomst."),
        note(7, "Onderzoek naar de spatie."),
        note(8, "Brief over de ontbrekende spatie."),
        note(9, "Nota over twee spaties."),
        note(10, "Evaluatie 2015–2016."),
        note(11, "Eerste bron bij de aanpak."),
        note(12, "Tweede bron bij de aanpak."),
        note(13, "Toelichting bij het eigen teken.", own_mark="*"),
        note(14),
        note(15, "Niet gebruikte bron."),
        note(16, t("Zie de bron") + fn(17) + t(" en het rapport.")),
        note(17, "Rapport van de commissie."),
        note(18, "Bron bij de Kamerbrief."),
    ]
    endnotes = [note(1, "Eindnoot bij deze brief.", kind="endnote")]
    build_docx(path, body, footnotes, endnotes, title="FN: fout")


def build_fn_right(path: Path) -> None:
    """The same kinds of notes done right: no FN or BM finding."""
    body = [
        TITLE,  # 1
        SALUTATION,  # 2
        # 3: a marker before a comma is a note on one word; the _Ref bookmark is NOTEREF's target
        p(t("Graag licht ik de stand van zaken toe."), bm(1, "_Ref100"), fn(1), bme(1),
          t(" Het kabinet heeft, na overleg met de provincies"), fn(2), t(", besloten de regeling te verlengen."), fn(3)),
        # 4: exponents are not typed markers
        p(t("Het budget is 10"), sup("6"), t(" euro voor 12 m"), sup("2"), t(" per woning."), fn(4)),
        # 5: NOTEREF \f gives the note's number formatted as a note reference: a field, not typed
        p(t("Zie voetnoot "), complex_field([" NOTEREF _Ref100 ", "\\f \\h "], _text_runs("1", '<w:rStyle w:val="FootnoteReference"/>')),
          t(" voor de bron.")),
        # 6: a note that ends in a web address needs no full stop
        p(t("De gegevens staan op de website."), fn(5)),
        # 7: a word with a capital inside may start a note in lower case
        p(t("De regeling geldt ook voor middelen onder de Europese verordening."), fn(6)),
        CLOSING,  # 8
    ]
    footnotes = [
        note(1, "Kamerstuk 36 180, nr. 168."),
        note(2, "Overleg met het IPO van 12 februari 2025."),
        note(3, "Brief van de minister van 3 maart 2025.", separator="\t"),
        note(4, "Cijfers van het CBS, 2024.", "Bewerking door het ministerie."),
        note(5, "Zie https://www.rijksoverheid.nl/documenten"),
        note(6, "eIDAS-verordening (EU) nr. 910/2014."),
    ]
    build_docx(path, body, footnotes, title="FN: goed")


# -- BM: bookmarks and cross-references --------------------------------------------------------

LONG_NAME = "Bladwijzer_met_een_veel_te_lange_naam_in_Word"  # 45 characters
FORTY_NAME = "Bladwijzer_met_precies_veertig_tekens_ok"  # 40 characters
assert len(LONG_NAME) == 45 and len(FORTY_NAME) == 40


def build_bm_wrong(path: Path) -> None:
    """Every BM rule fires here (see bm-wrong.expected.json)."""
    toc_entry = t("Inleiding\t") + complex_field([" PAGEREF _Toc406 \\h "], t("Fout! Bladwijzer niet gedefinieerd."))
    body = [
        TITLE,  # 1
        p(bm(1, "_Hlk233125581"), t("Graag licht ik toe hoe de samenwerking verloopt."), bme(1)),  # 2: BM001
        p(bm(2, "_GoBack"), bme(2), t("Hier was de auteur gebleven.")),  # 3: BM001
        p(bm(3, "_Ref999"), t("Dit is een doel waar niets naar verwijst."), bme(3)),  # 4: BM001
        p(bm(4, "Besluit"), t("Het besluit valt in maart."), bme(4), t(" "),
          bm(5, "Besluit"), t("Het tweede besluit volgt later."), bme(5)),  # 5: BM003
        p(bm(6, "Open"), t("Deze bladwijzer wordt nooit gesloten.")),  # 6: BM002
        p(t("Hier eindigt een bladwijzer zonder begin."), bme(77)),  # 7: BM002
        p(bm(8, LONG_NAME), t("Een te lange naam."), bme(8)),  # 8: BM004
        p(bm(9, "bijlage-2"), t("Een streepje in de naam."), bme(9)),  # 9: BM004
        # 10: BM005, a simple REF field
        p(t("Zie paragraaf "), simple_field(" REF _Ref404 \\h ", "3.2"), t(".")),
        # 11: BM005, a complex NOTEREF whose instruction is split over three runs
        p(t("Zie voetnoot "), complex_field([" NOTE", "REF _Ref4", "05 \\h "], t("2")), t(".")),
        # 12: BM005 + BM006, a PAGEREF nested in a TOC's result, showing Word's error text
        p(complex_field([' TOC \\o "1-3" \\h \\z '], toc_entry)),
        # 13: BM005, a PAGEREF nested in the instruction of an IF field
        p(t("Zie pagina "), complex_field([' IF 1 = 1 "', '" "" '], t("4"),
                                            code_inside=complex_field([" PAGEREF _Ref407 \\h "], t("4"))), t(".")),
        # 14: BM005, an internal hyperlink
        p(t("Zie "), link("_Ref408", "de bijlage"), t(".")),
        # 15: BM005, a HYPERLINK field with \l
        p(t("Zie "), complex_field([' HYPERLINK \\l "Bijlage3" '], t("bijlage 3")), t(".")),
        # 16-17: a bookmark across two paragraphs is fine
        p(bm(10, "Slot"), t("Dit deel loopt door")),
        p(t("tot in de volgende alinea."), bme(10)),
        # 18: BM006 in a footnote
        p(t("Een voetnoot met een kapotte verwijzing."), fn(1)),
        # 19: BM005 three times: a complex REF, a simple PAGEREF and a simple NOTEREF
        p(t("Zie ook "), complex_field([" REF _Ref409 \\h "], t("3.3")), t(" op pagina "),
          simple_field(" PAGEREF _Ref410 \\h ", "7"), t(" en voetnoot "), simple_field(" NOTEREF _Ref411 \\h ", "1"), t(".")),
        # 20: BM005, a field that is only a bookmark name: Word reads it as REF
        p(t("Zie "), complex_field([" _Ref412 "], t("hier")), t(".")),
        CLOSING,  # 21
    ]
    footnotes = [note(1, "Zie paragraaf Fout! Verwijzingsbron niet gevonden.")]
    build_docx(path, body, footnotes, title="BM: fout")


def build_bm_right(path: Path) -> None:
    """Bookmarks and cross-references done right: no FN or BM finding."""
    toc_entry = t("Inleiding\t") + complex_field([" PAGEREF _Toc200 \\h "], t("2"))
    body = [
        TITLE,  # 1
        p(bm(1, "Besluit"), t("Het besluit valt in maart."), bme(1)),  # 2
        p(t("Zie het besluit: "), simple_field(" REF Besluit \\h ", "Het besluit valt in maart.")),  # 3
        p(t("De conclusie staat hier."), bm(2, "_Ref100"), fn(1), bme(2)),  # 4
        p(t("Zie voetnoot "), complex_field([" NOTE", "REF _Ref100 ", "\\h "], t("1")),
          t(" op pagina "), complex_field([" PAGEREF _Ref100 \\h "], t("1")), t(".")),  # 5
        p(complex_field([' TOC \\o "1-3" \\h \\z '], toc_entry)),  # 6
        p(bm(3, "_Toc200"), t("Inleiding"), bme(3), style="Heading1"),  # 7
        p(bm(4, "Slot"), t("Dit deel loopt door")),  # 8
        p(t("tot in de volgende alinea."), bme(4)),  # 9
        p(t("Zie "), link("Slot", "het slot"), t(" en "), complex_field([' HYPERLINK \\l "Besluit" '], t("het besluit")), t(".")),  # 10
        p(bm(5, FORTY_NAME), t("Een naam van veertig tekens."), bme(5)),  # 11
        # 12: the other forms: a complex REF, a simple PAGEREF and a simple NOTEREF
        p(t("Zie "), complex_field([" REF Besluit \\h "], t("Het besluit valt in maart")), t(" op pagina "),
          simple_field(" PAGEREF Besluit \\h ", "1"), t(" en voetnoot "), simple_field(" NOTEREF _Ref100 \\h ", "1"), t(".")),
        CLOSING,  # 13
    ]
    footnotes = [note(1, "Kamerstuk 36 180, nr. 168.")]
    build_docx(path, body, footnotes, title="BM: goed")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="build only this fixture (file name)")
    parser.add_argument("--no-tools", action="store_true", help="skip the files LibreOffice and pandoc make")
    args = parser.parse_args(argv)
    diaspora = FIXTURES / "kamerbrief-diaspora.docx"
    builders = {
        "kamerbrief-diaspora.docx": lambda: build_diaspora(diaspora),
        "fn-wrong.docx": lambda: build_fn_wrong(FIXTURES / "fn-wrong.docx"),
        "fn-right.docx": lambda: build_fn_right(FIXTURES / "fn-right.docx"),
        "bm-wrong.docx": lambda: build_bm_wrong(FIXTURES / "bm-wrong.docx"),
        "bm-right.docx": lambda: build_bm_right(FIXTURES / "bm-right.docx"),
    }
    if not args.no_tools:
        builders["kamerbrief-diaspora-libreoffice.docx"] = lambda: build_libreoffice(diaspora, FIXTURES / "kamerbrief-diaspora-libreoffice.docx")
        builders["kamerbrief-diaspora-pandoc.docx"] = lambda: build_pandoc(FIXTURES / "kamerbrief-diaspora-pandoc.docx")
    for name, build in builders.items():
        if args.only and name != args.only:
            continue
        build()
        print("built", FIXTURES / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
