"""Every story a real letter has: text boxes, frames, content controls and the letter's own head.

On the letter-head fixtures (fixtures/letterhead-*.docx, written as Word 365 writes a
Rijkshuisstijl letter by scripts/make_letterhead_fixtures.py; fixtures/odt/letterhead-*.odt,
LibreOffice's conversion of them), on variants built with the same pieces, on files LibreOffice
writes, and on the public corpus.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from linter import engine
from linter.cli import main
from linter.fixing import fix_data
from linter.formats import read_document
from linter.formats.write import Revisions
from linter.letterhead import find_letter_date
from linter.settings import Settings

from conftest import CORPUS, FIXTURES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import make_letterhead_fixtures as L  # noqa: E402

WRONG = FIXTURES / "letterhead-wrong.docx"
RIGHT = FIXTURES / "letterhead-right.docx"
WRONG_ODT = FIXTURES / "odt" / "letterhead-wrong.odt"
RIGHT_ODT = FIXTURES / "odt" / "letterhead-right.odt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
IN_CI = bool(os.environ.get("CI"))
PUBLIC = CORPUS


def read(path_or_data, name: str = "brief.docx"):
    data = path_or_data.read_bytes() if isinstance(path_or_data, Path) else path_or_data
    return read_document(data, name)


def lint(path_or_data, name: str = "brief.docx", **settings):
    if isinstance(path_or_data, Path):
        return engine.lint_path(path_or_data, Settings(**settings))
    return engine.lint_bytes(path_or_data, name, Settings(**settings))


def places(found) -> list[tuple[str, str]]:
    return [(d.code, d.location.where) for d in found]


def letter(body: str = "", head: str = "", other: str = "") -> bytes:
    """A letter built with the fixtures' pieces: ``body`` paragraphs, the first page's header."""
    stories = {
        "word/document.xml": f"<w:document {L.NAMESPACES}><w:body>{body}{SECTION}</w:body></w:document>",
        "word/header1.xml": f"<w:hdr {L.NAMESPACES}>{head or L.para()}</w:hdr>",
        "word/header2.xml": f"<w:hdr {L.NAMESPACES}>{other or L.para()}</w:hdr>",
    }
    return L.build(stories)


SECTION = (
    '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader2"/><w:headerReference w:type="first" r:id="rIdHeader1"/>'
    "<w:titlePg/></w:sectPr>"
)


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None and not IN_CI:
        pytest.skip(f"{name} is not installed")
    assert found, f"{name} must be installed in CI (.ci/run)"
    return found


def soffice(path: Path, tmp_path: Path, to: str = "fodt") -> Path:
    """LibreOffice's conversion of ``path``."""
    out = tmp_path / "out"
    run = subprocess.run(
        [tool("soffice"), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", to, "--outdir", str(out), str(path)],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return out / (path.stem + "." + to.split(":")[0])


def odf_text(flat_odt: Path) -> str:
    """The text of a flat ODF file, every paragraph (text boxes and headers too) one a line."""
    root = etree.parse(str(flat_odt)).getroot()
    return "\n".join("".join(p.itertext()) for p in root.iter("{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"))


# -- reading: text boxes ------------------------------------------------------------------------


def test_a_text_box_is_a_story_of_its_own_read_once():
    doc = read(WRONG)
    boxes = [(s.kind, s.variant, s.text_box, s.host.kind, [p.text for p in s.paragraphs]) for s in doc.stories if s.text_box]
    assert boxes == [
        ("body", None, 1, "body", ["Zie ook Kamerstuk 33625, nr. 287."]),
        ("body", None, 2, "body", ["Het verslag van 12 Februari 2025 volgt binnenkort.", "Interne notitie: nog afstemmen met FEZ."]),
        ("header", "first", 1, "header", ["Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", "Postbus 20018", "2500 EA Den Haag"]),
    ]
    # The DrawingML text box and its VML copy are one text box: each text once in the model.
    texts = [p.text for p in doc.paragraphs()]
    assert texts.count("Zie ook Kamerstuk 33625, nr. 287.") == 1
    assert texts.count("Postbus 20018") == 1
    # The host paragraph keeps its own text: the text box is not in its flow.
    assert doc.stories[0].paragraphs[2].text == "Eerdere brieven over dit onderwerp staan in de kantlijn."


def test_the_drawingml_choice_is_read_and_an_unknown_choice_gives_way_to_the_fallback():
    box = L.text_box(1, "Tekstvak 1", L.para(L.run("DrawingML")), 10, 10)
    twice = box.replace(">DrawingML<", ">VML<", 2).replace(">VML<", ">DrawingML<", 1)  # Choice: DrawingML, Fallback: VML
    doc = read(letter(L.para(L.run("Tekst."), twice)))
    assert [p.text for s in doc.stories if s.text_box for p in s.paragraphs] == ["DrawingML"]
    unknown = twice.replace('Requires="wps"', 'Requires="w99"').replace("<mc:AlternateContent>", '<mc:AlternateContent xmlns:w99="urn:example:unknown">')
    doc = read(letter(L.para(L.run("Tekst."), unknown)))
    assert [p.text for s in doc.stories if s.text_box for p in s.paragraphs] == ["VML"]


def test_a_text_box_inside_a_text_box_comes_right_after_it():
    inner = L.text_box(2, "Tekstvak 2", L.para(L.run("binnen")), 20, 20)
    outer = L.text_box(1, "Tekstvak 1", L.para(L.run("buiten"), inner), 10, 10)
    last = L.vml_text_box(3, "Tekstvak 3", L.para(L.run("laatste")))
    doc = read(letter(L.para(L.run("Tekst."), outer, last)))
    assert [(s.text_box, s.paragraphs[0].text) for s in doc.stories if s.text_box] == [(1, "buiten"), (2, "binnen"), (3, "laatste")]


def test_a_deleted_text_box_is_not_read():
    box = L.text_box(1, "Tekstvak 1", L.para(L.run("weg")), 10, 10)
    deleted = f'<w:del w:id="9" w:author="A" w:date="{L.DATE}">{box}</w:del>'
    doc = read(letter(L.para(L.run("Tekst."), deleted)))
    assert not [s for s in doc.stories if s.text_box]


# -- reading: frames, content controls, headers ---------------------------------------------------


def test_frames_number_neighbouring_paragraphs_with_the_same_properties_as_one():
    doc = read(WRONG)
    header = next(s for s in doc.stories if s.kind == "header" and s.variant == "first" and s.text_box is None)
    assert [p.frame for p in header.paragraphs] == [None, 1, 1, 1]
    assert [p.frame for p in doc.stories[0].paragraphs][:6] == [None, None, None, 1, None, None]
    other = L.HEAD_FRAME.replace('w:y="3573"', 'w:y="6000"')
    drop_cap = '<w:framePr w:dropCap="drop" w:lines="3" w:wrap="around" w:vAnchor="text" w:hAnchor="text"/>'
    styled = '<w:pStyle w:val="Kader"/>'
    style = ('<w:style w:type="paragraph" w:styleId="Kader"><w:name w:val="Kader"/><w:pPr>'
             f"{L.SIDE_FRAME}</w:pPr></w:style>")
    data = letter(
        L.para(L.run("a"), ppr=L.HEAD_FRAME) + L.para(L.run("b"), ppr=other) + L.para(L.run("c"))
        + L.para(L.run("d"), ppr=L.HEAD_FRAME) + L.para(L.run("G"), ppr=drop_cap) + L.para(L.run("e"), ppr=styled)
    )
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"</w:styles>", style.encode() + b"</w:styles>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)
    doc = read(out.getvalue())
    assert [p.frame for p in doc.stories[0].paragraphs] == [1, 2, None, 3, None, 4]


def test_content_controls_of_every_level_and_kind():
    doc = read(WRONG)
    controls = {c.name: c for c in doc.content_controls}
    summary = {name: (c.type, c.level, c.showing_placeholder, c.full_date, [s.text for s in c.spans]) for name, c in controls.items()}
    assert summary == {
        "Datum": ("date", "inline", False, "2025-03-25T00:00:00Z", ["25 maart 2025"]),
        "Kenmerk": ("plain-text", "inline", True, None, ["Klik of tik om tekst in te voeren."]),
        "Betreft": ("rich-text", "inline", False, None, ["Voortgang samenwerking diaspora-organisaties"]),
        "Rubricering": ("drop-down", "inline", True, None, ["Kies een item."]),
        "Ondertekening": ("rich-text", "block", False, None, ["Hoogachtend,", "de minister van Buitenlandse Zaken,"]),
        "Bijlagen": ("plain-text", "cell", False, None, ["Klik of tik om tekst in te voeren."]),
    }
    assert controls["Kenmerk"].tag == "kenmerk"


def test_headers_and_footers_say_on_which_pages_they_show():
    doc = read(WRONG)
    assert [(s.part, s.variant) for s in doc.stories if s.kind == "header" and s.text_box is None] == [
        ("word/header1.xml", "first"), ("word/header2.xml", None)]


# -- the rules see them -------------------------------------------------------------------------


WRONG_FINDINGS = [
    ("TZ002", "body ¶2"),
    ("KS001", "body ¶4, frame 1"),
    ("DR004", 'body ¶6, content control "Rubricering"'),
    ("DR004", 'body ¶10, content control "Bijlagen"'),
    ("KS001", "text box 1 ¶1"),
    ("DT001", "text box 2 ¶1"),
    ("DR001", "text box 2 ¶1"),
    ("DR003", "text box 2 ¶2"),
    ("DR004", 'header (first page) ¶3, frame 1, content control "Kenmerk"'),
    ("BM001", "header (first page), text box 1 ¶1"),
]


def test_every_rule_sees_text_boxes_frames_and_content_controls():
    found = lint(WRONG)
    assert places(found) == WRONG_FINDINGS
    # A finding in a text box is reported once: its VML copy is not read.
    assert sum(d.code == "KS001" and "33625" in d.message for d in found) == 1


def test_the_letter_done_right_has_no_findings():
    assert lint(RIGHT) == []


def test_locations_in_json_name_the_place_only_where_there_is_one():
    found = {d.location.where: d.location.to_json() for d in lint(WRONG)}
    assert found["text box 1 ¶1"]["text_box"] == 1 and found["text box 1 ¶1"]["story"] == "body"
    kenmerk = found['header (first page) ¶3, frame 1, content control "Kenmerk"']
    assert (kenmerk["story"], kenmerk["variant"], kenmerk["frame"], kenmerk["content_control"], kenmerk["paragraph"]) == ("header", "first", 1, "Kenmerk", 3)
    assert set(found["body ¶2"]) == {"story", "note", "paragraph", "line", "column", "end_column"}


def test_locations_in_dutch():
    from linter.i18n import set_language

    set_language("nl")
    try:
        wheres = [d.location.where for d in lint(WRONG)]
    finally:
        set_language("en")
    assert "koptekst (eerste pagina) ¶3, kader 1, inhoudsbesturingselement \"Kenmerk\"" in wheres
    assert "koptekst (eerste pagina), tekstvak 1 ¶1" in wheres
    assert "tekstvak 1 ¶1" in wheres


# -- DR004: unfilled content controls -----------------------------------------------------------


def test_an_unfilled_control_is_named_by_its_title_else_its_tag():
    untitled = '<w:sdt><w:sdtPr><w:tag w:val="onderwerp"/><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent>' + L.run("Onderwerp") + "</w:sdtContent></w:sdt>"
    nameless = '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>' + L.run("[Naam]") + "</w:sdtContent></w:sdt>"
    found = lint(letter(L.para(L.run("Betreft: "), untitled) + L.para(nameless)), select=["DR004"])
    assert [d.message for d in found] == [
        'Content control "onderwerp" is not filled in: it still shows "Onderwerp"',
        'A content control is not filled in: it still shows "[Naam]"',
    ]


def test_a_placeholder_inside_an_unfilled_control_is_reported_once():
    control = L.control(1, "Datum", L.DATE_CONTROL.replace(' w:fullDate="2025-03-25T00:00:00Z"', ""), L.run("[datum]"), placeholder=True)
    found = lint(letter(head=L.para(L.run("Datum"), L.TAB, control)), select=["DR004"])
    assert places(found) == [("DR004", 'header (first page) ¶1, content control "Datum"')]


def test_word_placeholder_texts_are_found_outside_controls_too_and_filled_controls_are_not():
    body = (
        L.para(L.run("Kenmerk: Klik of tik om tekst in te voeren."))
        + L.para(L.run("Datum: click or tap to enter a date."))
        + L.para(L.control(1, "Kenmerk", L.PLAIN_TEXT, L.run("4821953")))
        + L.para(L.control(2, "Akkoord", '<w14:checkbox><w14:checked w14:val="0"/></w14:checkbox>', L.run("☐")))
    )
    found = lint(letter(body), select=["DR004"])
    assert places(found) == [("DR004", "body ¶1"), ("DR004", "body ¶2")]
    assert found[0].message == 'Word\'s placeholder text "Klik of tik om tekst in te voeren." is left in the letter'


def test_an_unfilled_control_in_the_head_of_a_real_template():
    """POI's résumé template (Word 2013): controls in DrawingML text boxes with VML copies."""
    path = PUBLIC / "poi" / "document__60316.docx"
    if not path.is_file():
        pytest.skip("../shared is not beside the project")
    found = [d for d in lint(path, select=["DR004"]) if d.location.text_box]
    assert [(d.location.where, d.message) for d in found][-1] == (
        'text box 2 ¶4, content control "Website"', 'Content control "Website" is not filled in: it still shows "[Website]"')
    # Two text boxes with four controls between them: each reported once, not once per copy.
    assert len(found) == 6


# -- the letter's date --------------------------------------------------------------------------


def test_a_filled_date_control_gives_the_letters_date():
    found = find_letter_date(read(WRONG))
    assert (found.date, found.origin, found.name, found.where) == (date(2025, 3, 25), "content-control", "Datum", "header (first page) ¶2, frame 1")
    tz = [d for d in lint(WRONG, select=["TZ002"])]
    assert tz[0].message == ("Toezegging TZ202504-012 was registered in 04/2025, after the letter's date "
                             '(25-3-2025, from content control "Datum", header (first page) ¶2, frame 1)')


def test_letter_date_on_the_command_line_wins_over_the_document():
    assert lint(WRONG, select=["TZ002"], letter_date=date(2025, 6, 1)) == []
    found = lint(RIGHT, select=["TZ002"], letter_date=date(2025, 1, 10))
    assert [d.message for d in found] == [
        "Toezegging TZ202502-012 was registered in 02/2025, after the letter's date (10-1-2025, from --letter-date on the command line)"]


def test_an_unfilled_date_control_gives_no_date_but_a_dr004():
    empty = L.control(1, "Datum", L.DATE_CONTROL.replace(' w:fullDate="2025-03-25T00:00:00Z"', ""),
                      L.run("Klik of tik om een datum in te voeren.", L.PLACEHOLDER_RPR), placeholder=True)
    data = letter(L.para(L.run("Zoals toegezegd (TZ202504-012).")), head=L.para(L.run("Datum"), L.TAB, empty, ppr=L.HEAD_FRAME))
    assert find_letter_date(read(data)) is None
    assert places(lint(data, select=["DR004", "TZ002"])) == [("DR004", 'header (first page) ¶1, frame 1, content control "Datum"')]


def test_a_date_control_on_a_datum_line_counts_even_untitled():
    untitled = '<w:sdt><w:sdtPr><w:date w:fullDate="2024-11-05T00:00:00Z"/></w:sdtPr><w:sdtContent>' + L.run("5 november 2024") + "</w:sdtContent></w:sdt>"
    found = find_letter_date(read(letter(head=L.para(L.run("Datum"), L.TAB, untitled))))
    assert (found.date, found.origin, found.name) == (date(2024, 11, 5), "content-control", "")
    other = '<w:sdt><w:sdtPr><w:date w:fullDate="2024-11-05T00:00:00Z"/></w:sdtPr><w:sdtContent>' + L.run("5 november 2024") + "</w:sdtContent></w:sdt>"
    assert find_letter_date(read(letter(head=L.para(L.run("Vergadering"), L.TAB, other)))) is None


def test_a_datum_field_gives_the_letters_date():
    field = '<w:fldSimple w:instr=" DOCPROPERTY  Datum  \\* MERGEFORMAT ">' + L.run("3 februari 2025") + "</w:fldSimple>"
    found = find_letter_date(read(letter(head=L.para(field))))
    assert (found.date, found.origin, found.name, found.where) == (date(2025, 2, 3), "field", "DOCPROPERTY Datum", "header (first page) ¶1")


def test_a_labelled_line_in_a_frame_or_text_box_gives_the_letters_date():
    two_lines = L.para(L.run("Datum"), ppr=L.HEAD_FRAME) + L.para(L.run("14 januari 2025"), ppr=L.HEAD_FRAME)
    found = find_letter_date(read(letter(head=two_lines)))
    assert (found.date, found.origin, found.where) == (date(2025, 1, 14), "line", "header (first page) ¶2, frame 1")
    in_box = L.para(L.run("Tekst."), L.text_box(1, "Tekstvak 1", L.para(L.run("Datum 2 mei 2025")), 10, 10))
    found = find_letter_date(read(letter(in_box)))
    assert (found.date, found.where) == (date(2025, 5, 2), "text box 1 ¶1")


def test_show_settings_says_where_the_letters_date_came_from(capsys):
    assert main(["--show-settings", str(WRONG)]) == 0
    assert 'letter-date = "2025-03-25"    # the letter: content control "Datum", header (first page) ¶2, frame 1' in capsys.readouterr().out
    assert main(["--show-settings", "--letter-date", "2025-05-01", str(WRONG)]) == 0
    assert 'letter-date = "2025-05-01"    # command line' in capsys.readouterr().out
    assert main(["--show-settings", str(FIXTURES / "fn-right.docx")]) == 0
    assert 'letter-date = ""    # the letter does not state it' in capsys.readouterr().out


# -- fixing ---------------------------------------------------------------------------------------


def fixed(data: bytes, unsafe: bool = False, **kw):
    settings = Settings(select=["KS", "BM", "DT"])
    return fix_data(data, "brief.docx", settings, lambda doc: engine.check_document(doc, "brief.docx", settings), unsafe=unsafe, **kw)


def branches(data: bytes, part: str = "word/document.xml") -> list[tuple[str, str]]:
    """(branch, its text) for every branch of every mc:AlternateContent in ``part``."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(part))
    return [(etree.QName(b).localname, "".join(t.text or "" for t in b.iter(W + "t")))
            for ac in root.iter(MC + "AlternateContent") for b in ac]


def test_a_fix_in_a_text_box_is_made_in_both_branches():
    original = WRONG.read_bytes()
    outcome = fixed(original)
    assert outcome.fixed == 3 and outcome.messages == []
    assert [d.code for d in outcome.remaining] == ["DT001"]  # unsafe, not asked for
    assert branches(outcome.data) == [("Choice", "Zie ook Kamerstuk 33 625, nr. 287."), ("Fallback", "Zie ook Kamerstuk 33 625, nr. 287.")]
    header = zipfile.ZipFile(io.BytesIO(outcome.data)).read("word/header1.xml")
    assert b"_GoBack" not in header, "the bookmark is removed from both copies of the text box"
    with zipfile.ZipFile(io.BytesIO(original)) as before, zipfile.ZipFile(io.BytesIO(outcome.data)) as after:
        changed = [i.filename for i in before.infolist() if before.read(i) != after.read(i.filename)]
    assert changed == ["word/document.xml", "word/header1.xml"]


def test_a_tracked_fix_in_a_text_box_is_tracked_in_both_branches():
    outcome = fixed(WRONG.read_bytes(), revisions=Revisions(date="2025-03-26T09:00:00Z"))
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(outcome.data)).read("word/document.xml"))
    for branch in next(root.iter(MC + "AlternateContent")):
        inserted = ["".join(t.text for t in ins.iter(W + "t")) for ins in branch.iter(W + "ins")]
        assert inserted == [" "], etree.QName(branch).localname


def test_a_fix_is_refused_where_the_two_copies_of_a_text_box_differ():
    data = WRONG.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["word/document.xml"].decode()
    fallback = xml.index("<mc:Fallback>")
    parts["word/document.xml"] = (xml[:fallback] + xml[fallback:].replace("Zie ook Kamerstuk 33625", "Zie Kamerstuk 33625", 1)).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)
    outcome = fixed(out.getvalue())
    assert any("stored twice" in m and "differ" in m for m in outcome.messages)
    assert [d.location.where for d in outcome.remaining if d.code == "KS001"] == ["text box 1 ¶1"]
    assert [text for _, text in branches(outcome.data)] == ["Zie ook Kamerstuk 33625, nr. 287.", "Zie Kamerstuk 33625, nr. 287."]


def without(data: bytes, branch: str) -> bytes:
    """The package with every ``mc:<branch>`` of its story parts taken out (what a reader of only
    the other vocabulary sees)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                content = re.sub(rf"<mc:{branch}\b.*?</mc:{branch}>".encode(), b"", content, flags=re.S)
            dst.writestr(info.filename, content)
    return out.getvalue()


@pytest.mark.parametrize("keep", ["both", "Choice", "Fallback"])
def test_libreoffice_reads_the_fixed_text_box_in_each_branch(keep, tmp_path):
    data = fixed(WRONG.read_bytes()).data
    if keep != "both":
        data = without(data, "Fallback" if keep == "Choice" else "Choice")
    path = tmp_path / "brief.docx"
    path.write_bytes(data)
    text = odf_text(soffice(path, tmp_path))
    assert "Zie ook Kamerstuk 33 625, nr. 287." in text
    assert "33625" not in text and "36180" not in text
    assert "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal" in text


def test_a_text_box_libreoffice_wrote_is_read_once_and_fixed_in_both_branches(tmp_path):
    """LibreOffice writes a text box as DrawingML with a VML Fallback (or an empty one)."""
    path = soffice(WRONG_ODT, tmp_path, "docx:MS Word 2007 XML")
    found = lint(path)
    assert sum(d.code == "KS001" for d in found) == 2
    assert [d.location.where for d in found if d.code == "BM001"] == ["header (first page), text box 1 ¶1"]
    outcome = fixed(path.read_bytes(), unsafe=True)
    assert outcome.messages == [] and outcome.remaining == []
    fixed_path = tmp_path / "fixed.docx"
    fixed_path.write_bytes(without(outcome.data, "Choice"))
    text = odf_text(soffice(fixed_path, tmp_path / "again"))
    assert "Zie ook Kamerstuk 33 625, nr. 287." in text and "Kamerstuk 36 180, nr. 168" in text


# -- .odt: frames and text boxes ----------------------------------------------------------------


def test_an_odt_frame_and_text_boxes_are_stories_read_once():
    doc = read(WRONG_ODT, "brief.odt")
    boxes = [(s.kind, s.text_box, [p.text for p in s.paragraphs]) for s in doc.stories if s.text_box]
    assert boxes == [
        ("body", 1, ["Zie ook Kamerstuk 33625, nr. 287."]),
        ("body", 2, ["Het verslag van 12 Februari 2025 volgt binnenkort.", "Interne notitie: nog afstemmen met FEZ."]),
        ("body", 3, ["Referentie: Kamerstuk 36180, nr. 168"]),  # the Word frame, a draw:frame in ODF
        ("header", 1, ["Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", "Postbus 20018", "2500 EA Den Haag"]),
    ]
    assert [p.text for p in doc.paragraphs()].count("Postbus 20018") == 1
    assert [(c.type, c.showing_placeholder, c.full_date, c.text) for c in doc.content_controls] == [
        ("drop-down", True, None, "Kies een item."),
        ("date", False, "2025-03-25T00:00:00Z", "25 maart 2025"),
        ("rich-text", False, None, "Voortgang samenwerking diaspora-organisaties"),
    ]


def test_the_odt_letter_gives_the_same_findings_in_its_own_places():
    assert places(lint(WRONG_ODT)) == [
        ("TZ002", "body ¶2"),
        ("DR004", "body ¶5, content control"),
        ("DR004", "body ¶9"),  # LibreOffice turned the cell's control into a text-input field
        ("KS001", "text box 1 ¶1"),
        ("DT001", "text box 2 ¶1"),
        ("DR001", "text box 2 ¶1"),
        ("DR003", "text box 2 ¶2"),
        ("KS001", "text box 3 ¶1"),
        ("DR004", "header ¶3"),
        ("BM001", "header, text box 1 ¶1"),
    ]
    assert find_letter_date(read(WRONG_ODT, "brief.odt")).date == date(2025, 3, 25)
    assert lint(RIGHT_ODT) == []


def test_a_fix_in_an_odt_frame(tmp_path):
    settings = Settings(select=["KS"])
    outcome = fix_data(WRONG_ODT.read_bytes(), "brief.odt", settings, lambda doc: engine.check_document(doc, "brief.odt", settings))
    assert outcome.fixed == 2 and outcome.remaining == []
    doc = read(outcome.data, "brief.odt")
    assert [s.paragraphs[0].text for s in doc.stories if s.text_box][::2] == ["Zie ook Kamerstuk 33 625, nr. 287.", "Referentie: Kamerstuk 36 180, nr. 168"]


# -- the public corpus ----------------------------------------------------------------------------


def corpus(name: str) -> Path:
    path = PUBLIC / name
    if not path.is_file():
        pytest.skip("../shared is not beside the project")
    return path


def test_the_bookmark_in_a_corpus_text_box_is_found_once():
    """pandoc's test file with text in shapes: its text box held a bookmark nobody saw."""
    found = [d for d in lint(corpus("pandoc/docx__text_in_shape_format.docx"), select=["BM"]) if d.location.text_box]
    assert [(d.code, d.location.where, d.message) for d in found] == [
        ("BM001", "text box 2 ¶1", 'Hidden bookmark "_Ref219403712" (nothing points to it) is drafting residue')]


def test_vml_only_text_boxes_of_the_corpus_are_read():
    doc = read(corpus("poi/integration__stress003.docx"))
    boxes = [s for s in doc.stories if s.text_box]
    assert len(boxes) == 28 and all(s.host is doc.stories[0] for s in boxes if s.kind == "body")


def test_a_drop_cap_of_the_corpus_is_no_frame():
    doc = read(corpus("pandoc/docx__drop_cap.docx"))
    assert all(p.frame is None for p in doc.paragraphs())


def test_date_controls_of_real_templates_give_the_letters_date():
    """Word's cover-page headers: a date control titled "Date" in a table cell (POI's
    PageSpecificHeadFoot, also in the even pages' header) and one around a paragraph."""
    found = find_letter_date(read(corpus("poi/document__PageSpecificHeadFoot.docx")))
    assert (found.date, found.origin, found.name, found.where) == (date(2008, 8, 20), "content-control", "Date", "header ¶1")
    controls = [(c.type, c.level, c.spans[0].paragraph.story.variant) for c in read(corpus("poi/document__PageSpecificHeadFoot.docx")).content_controls]
    assert controls == [("date", "cell", None), ("plain-text", "inline", None), ("date", "cell", "even")]
    found = find_letter_date(read(corpus("poi/openxml4j__MultipleCoreProperties.docx")))
    assert (found.date, found.name, found.where) == (date(2011, 1, 24), "Date", "header ¶2")
