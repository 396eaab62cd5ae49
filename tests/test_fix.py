"""Fixes as data, the fix loop and the writers, on the seed letter in every format we write."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from linter import engine
from linter.diagnostics import Edit, EditError
from linter.fixing import choose, fix_data
from linter.model import NOTE_MARK, Document, Paragraph, Story
from linter.registry import all_rules
from linter.settings import Settings
from linter.formats.write import Revisions

from conftest import FIXTURES

SEED_DOCX = ["kamerbrief-diaspora.docx", "kamerbrief-diaspora-libreoffice.docx", "kamerbrief-diaspora-pandoc.docx"]
SEED_ALL = [*SEED_DOCX, "kamerbrief-diaspora.txt"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def lint(display: str):
    settings = Settings()
    return lambda doc: engine.check_document(doc, display, settings)


def fixed(data: bytes, name: str = "draft.docx", **kw):
    return fix_data(data, name, Settings(), lint(name), **kw)


def safe_left(found) -> list:
    return [d for d in found if d.fix is not None and d.fix.applicable and d.fix.applicability == "safe"]


# -- fix availability ---------------------------------------------------------------------------


def test_every_rule_declares_fix_availability_as_its_docs_say():
    for r in all_rules():
        safety = r.section("Fix safety")
        assert safety, f"{r.code} has no Fix safety section"
        if r.fix == "never":
            assert safety.startswith("No fix"), f"{r.code} declares no fix but its docs describe one"
        else:
            assert not safety.startswith("No fix"), f"{r.code} declares a fix but its docs say there is none"
        if r.fix == "always":
            assert "no fix" not in safety.lower(), f"{r.code} declares a fix always, but its docs name a case without"


FIXTURE_FILES = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".docx", ".odt", ".txt") and "hostile" not in p.parts)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_findings_keep_to_their_rule_fix_availability(path):
    rules = {r.code: r for r in all_rules()}
    for d in engine.lint_path(path, Settings()):
        availability = rules[d.code].fix
        if availability == "never":
            assert d.fix is None, f"{d.code} declares no fix but offers one"
        elif availability == "always":
            assert d.fix is not None, f"{d.code} declares a fix always but gave none: {d.message}"


# -- edits --------------------------------------------------------------------------------------


def paragraph(text: str) -> Paragraph:
    para = Story("body").new_paragraph()
    para.text = text
    return para


def test_a_replacement_is_reduced_to_the_characters_that_change():
    para = paragraph("Kamerstuk 33625, nr. 287")
    (small,) = Edit.replace_text(para, 10, 24, "33 625, nr. 287").smallest()
    assert (small.span.start, small.span.end, small.text) == (12, 12, " ")
    assert small.operation == "insert"


def test_moving_a_full_stop_past_a_marker_deletes_it_and_inserts_one_after_the_marker():
    para = paragraph(f"herkomst.{NOTE_MARK} Ook")
    delete, insert = Edit.replace_text(para, 8, 10, NOTE_MARK + ".").smallest()
    assert (delete.span.start, delete.span.end, delete.text, delete.operation) == (8, 9, "", "delete")
    assert (insert.span.start, insert.span.end, insert.text, insert.operation) == (10, 10, ".", "insert")


def test_an_edit_that_would_drop_a_marker_is_refused():
    para = paragraph(f"herkomst{NOTE_MARK}.")
    with pytest.raises(EditError):
        Edit.replace_text(para, 8, 10, ".").smallest()


def test_overlapping_fixes_are_taken_one_a_pass():
    data = (FIXTURES / "kamerbrief-diaspora.txt").read_bytes()
    doc = engine.read_data(data, "seed.txt", Settings())
    fixes, _ = choose(lint("seed.txt")(doc), unsafe=True)
    edits = [e for f in fixes for e in f if e.kind == "replace"]
    for i, a in enumerate(edits):
        for b in edits[i + 1 :]:
            if a.span.paragraph is b.span.paragraph:
                assert a.span.end <= b.span.start or b.span.end <= a.span.start or a.span.start == a.span.end or b.span.start == b.span.end


# -- the seed letter ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_ALL)
def test_fixing_the_seed_leaves_only_findings_without_a_safe_fix(name):
    data = (FIXTURES / name).read_bytes()
    before = safe_left(engine.lint_bytes(data, name, Settings()))
    outcome = fixed(data, name)
    assert outcome.data is not None and outcome.fixed >= len(before) - 2
    assert safe_left(outcome.remaining) == []
    again = fixed(outcome.data, name)
    assert again.data is None and again.fixed == 0, "a second --fix changes nothing"
    text = visible_text(outcome.after)
    assert "Kamerstuk 33 625, nr. 287" in text
    assert "Kamerstuk 33625" not in text.replace("Kamerstuk 33 625", "")


def visible_text(doc: Document) -> str:
    return "\n".join(p.text for p in doc.paragraphs())


@pytest.mark.parametrize("name", SEED_DOCX)
def test_a_fixed_docx_changes_only_the_parts_with_edits(name):
    data = (FIXTURES / name).read_bytes()
    outcome = fixed(data, name)
    old, new = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(outcome.data))
    assert [i.filename for i in old.infolist()] == [i.filename for i in new.infolist()]
    changed = []
    for a, b in zip(old.infolist(), new.infolist()):
        assert (a.date_time, a.compress_type) == (b.date_time, b.compress_type)
        if old.read(a) != new.read(b):
            changed.append(a.filename)
    assert set(changed) <= {"word/document.xml", "word/footnotes.xml"}
    for part in changed:
        before, after = old.read(part), new.read(part)
        assert after.split(b">", 1)[0] == before.split(b">", 1)[0], "the XML declaration stays"
        # Outside the text of w:t elements (and the residue bookmarks BM001 removes) the part is
        # the same XML: no run was split, added or dropped.
        assert _skeleton(before) == _skeleton(after)


def _skeleton(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    return [el.tag for el in root.iter() if el.tag not in (W + "t", W + "bookmarkStart", W + "bookmarkEnd")]


@pytest.mark.parametrize("name", SEED_DOCX)
def test_python_docx_reads_the_corrected_text(name, tmp_path):
    outcome = fixed((FIXTURES / name).read_bytes(), name)
    target = tmp_path / name
    target.write_bytes(outcome.data)
    document = docx.Document(str(target))
    body = "\n".join(p.text for p in document.paragraphs)
    # The motie phrase's findings (KS002, KS004, MO001, MO002) share MO001's whole fix, which is
    # unsafe (it reorders the phrase): a safe --fix leaves the phrase as the drafter wrote it.
    assert "Motie 36 725-XVII nr. 45" in body
    footnotes = zipfile.ZipFile(target).read("word/footnotes.xml").decode()
    assert "33 625, nr. 287" in "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", footnotes))


def test_a_reference_over_bold_and_italic_runs_keeps_them(tmp_path):
    document = docx.Document()
    p = document.add_paragraph("Zie ")
    p.add_run("Kamerstuk 33625").bold = True
    p.add_run(", nr. 287").italic = True
    p.add_run(" voor de brief.")
    path = tmp_path / "runs.docx"
    document.save(str(path))
    outcome = fixed(path.read_bytes(), "runs.docx")
    assert outcome.fixed >= 1
    path.write_bytes(outcome.data)
    runs = [(r.text, bool(r.bold), bool(r.italic)) for r in docx.Document(str(path)).paragraphs[0].runs]
    assert runs == [("Zie ", False, False), ("Kamerstuk 33 625", True, False), (", nr. 287", False, True), (" voor de brief.", False, False)]


def test_an_edit_across_a_hyperlink_edge_is_refused(tmp_path):
    document = docx.Document()
    p = document.add_paragraph("Zie Kamerstuk 33")
    link = etree.SubElement(p._p, W + "hyperlink")
    link.set(W + "anchor", "bron")
    run = etree.SubElement(link, W + "r")
    etree.SubElement(run, W + "t").text = "625 nr. 287."
    path = tmp_path / "link.docx"
    document.save(str(path))
    data = path.read_bytes()
    found = engine.lint_bytes(data, "link.docx", Settings())
    assert safe_left(found), "the reference has a safe fix to refuse"
    outcome = fixed(data, "link.docx")
    assert outcome.data is None
    assert any("hyperlink" in m for m in outcome.messages)


def test_tracked_changes_are_what_dr001_reports(tmp_path):
    data = (FIXTURES / "kamerbrief-diaspora.docx").read_bytes()
    outcome = fixed(data, "seed.docx", revisions=Revisions(date="2026-01-02T03:04:05Z"))
    assert outcome.fixed > 0
    package = zipfile.ZipFile(io.BytesIO(outcome.data))
    written = 0
    for part in ("word/document.xml", "word/footnotes.xml"):
        root = etree.fromstring(package.read(part))
        marks = [el for el in root.iter(W + "ins", W + "del")]
        assert all(el.get(W + "author") == "kamerlint" and el.get(W + "date") == "2026-01-02T03:04:05Z" for el in marks)
        written += len(marks)
    dr001 = [d for d in engine.lint_bytes(outcome.data, "seed.docx", Settings()) if d.code == "DR001"]
    before = [d for d in engine.lint_bytes(data, "seed.docx", Settings()) if d.code == "DR001"]
    assert len(dr001) - len(before) == written > 0
    assert all("kamerlint" in d.message for d in dr001)
    # Accepting the changes in the model gives the same text as fixing directly.
    direct = fixed(data, "seed.docx")
    assert visible_text(outcome.after) == visible_text(direct.after)


# -- text drafts ---------------------------------------------------------------------------------


def seed_text() -> str:
    return (FIXTURES / "kamerbrief-diaspora.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: b"\xff\xfe" + t.replace("\n", "\r\n").encode("utf-16-le"),
        lambda t: t.encode("cp1252"),
    ],
    ids=["crlf", "utf8-bom", "utf16-crlf", "cp1252"],
)
def test_a_text_draft_keeps_its_encoding_bom_and_line_ends(encode):
    plain = fixed(seed_text().encode("utf-8"), "seed.txt")
    expected = encode(plain.data.decode("utf-8"))
    outcome = fixed(encode(seed_text()), "seed.txt")
    assert outcome.data == expected


def test_mixed_line_ends_stay_where_they_were():
    text = seed_text()
    lines = text.split("\n")
    mixed = "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines[:-1])) + lines[-1]
    outcome = fixed(mixed.encode("utf-8"), "seed.txt")
    plain = fixed(text.encode("utf-8"), "seed.txt").data.decode("utf-8")
    out = outcome.data.decode("utf-8")
    assert out.replace("\r\n", "\n") == plain
    assert out.count("\r\n") == mixed.count("\r\n")


def test_a_hidden_bookmark_marker_is_removed_from_a_tika_export():
    text = "[bookmark: _Hlk1234]Kamerstuk 33 625, nr. 287 is de brief.\n"
    outcome = fixed(text.encode("utf-8"), "export.txt")
    assert outcome.data == b"Kamerstuk 33 625, nr. 287 is de brief.\n"


def test_an_odt_fix_changes_only_content_xml():
    data = (FIXTURES / "odt" / "features.odt").read_bytes()
    outcome = fixed(data, "features.odt")
    assert outcome.fixed == 1 and safe_left(outcome.remaining) == []
    old, new = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(outcome.data))
    assert [i.filename for i in old.infolist()] == [i.filename for i in new.infolist()]
    assert [i.filename for i in old.infolist() if old.read(i) != new.read(i.filename)] == ["content.xml"]
    assert not [d for d in engine.lint_bytes(outcome.data, "features.odt", Settings()) if d.code.startswith("IO")]


def test_tracked_changes_are_refused_for_an_odt():
    data = (FIXTURES / "odt" / "features.odt").read_bytes()
    outcome = fixed(data, "features.odt", revisions=Revisions.now())
    assert outcome.data is None and any("only into .docx" in m for m in outcome.messages)


def _repack(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, change(info.filename, source.read(info)))
    return out.getvalue()


def test_strict_namespaces_utf16_and_xml_comments_survive_a_fix():
    from linter.formats.xml import STRICT_R, STRICT_W, TRANSITIONAL_R, TRANSITIONAL_W

    def change(name: str, part: bytes) -> bytes:
        if name == "word/document.xml":
            part = part.replace(TRANSITIONAL_W, STRICT_W).replace(TRANSITIONAL_R, STRICT_R)
            return part.replace(b"<w:body>", b"<!-- kept by kamerlint --><w:body>", 1)
        if name == "word/footnotes.xml":
            text = part.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
            return b"\xff\xfe" + text.encode("utf-16-le")
        return part

    data = _repack((FIXTURES / "kamerbrief-diaspora.docx").read_bytes(), change)
    assert safe_left(engine.lint_bytes(data, "strict.docx", Settings()))
    outcome = fixed(data, "strict.docx")
    assert outcome.data is not None and safe_left(outcome.remaining) == []
    package = zipfile.ZipFile(io.BytesIO(outcome.data))
    document = package.read("word/document.xml")
    assert STRICT_W in document and TRANSITIONAL_W not in document
    assert b"<!-- kept by kamerlint -->" in document
    footnotes = package.read("word/footnotes.xml")
    assert footnotes.startswith(b"\xff\xfe")
    text = footnotes[2:].decode("utf-16-le")
    assert text.startswith('<?xml version="1.0" encoding="UTF-16"')
    assert "33 625, nr. 287." in text


def test_a_pass_that_makes_things_worse_is_not_written():
    data = (FIXTURES / "kamerbrief-diaspora.txt").read_bytes()
    check = lint("seed.txt")
    calls = []

    def worse_after_a_pass(doc):
        # The fixed text reports one finding more than the original did.
        calls.append(check(doc))
        return calls[0] if len(calls) == 1 else calls[0] + calls[0][:1]

    outcome = fix_data(data, "seed.txt", Settings(), worse_after_a_pass)
    assert outcome.data is None and outcome.fixed == 0
    assert any("more findings than before" in m for m in outcome.messages)
