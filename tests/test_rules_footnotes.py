"""FN rules: a wrong and a right example each; the right one gives no finding of that rule."""

from __future__ import annotations

import pytest

from conftest import codes, lint_text, needs_shared, tika
from linter.engine import check_document
from linter.model import CAP_FORMATTING, NOTE_MARK, Document, Note, NoteRef, Range
from linter.settings import Settings

RIGHT = tika(
    [
        "Geachte voorzitter,",
        "",
        "Graag licht ik dit toe.[footnoteRef:1] Ook reageer ik op de motie.[footnoteRef:2] Tot slot.[footnoteRef:3] "
        "[1:  Kamerstuk 33 625, nr. 287.]  [2:  Zie voetnoot 1.]  [3:  Zie https://www.tweedekamer.nl] ",
        "",
    ]
)


def fn(text: str, code: str, **settings) -> list:
    return [d for d in lint_text(text, select=code, **settings)]


@pytest.mark.parametrize("code", [f"FN{n:03d}" for n in range(1, 18)])
def test_right_letter_gives_no_finding(code):
    assert fn(RIGHT, code) == []


def test_fn001_marker_without_note():
    text = tika(["Zin.[footnoteRef:1] Zin.[footnoteRef:2] [1:  Noot.]  [2: !!! End note with ID \"2\" not found in document.] ", ""])
    found = fn(text, "FN001")
    assert len(found) == 1 and "id 2" in found[0].message
    assert found[0].location.story == "body"


def test_fn002_block_without_marker():
    text = tika(["Een.[footnoteRef:1] [1:  Noot.] ", "", "Zin zonder verwijzing. [7:  Een verweesde noot.] ", ""])
    found = fn(text, "FN002")
    assert codes(found) == ["FN002"]
    assert found[0].location.story == "footnote" and found[0].location.note is None and found[0].location.note_id == "7"


def test_fn003_one_note_two_markers():
    text = tika(["Een.[footnoteRef:1] Twee.[footnoteRef:1] [1:  Noot.]  [1:  Noot.] ", ""])
    assert codes(fn(text, "FN003")) == ["FN003"]


def test_fn004_empty_note():
    text = tika(["Een.[footnoteRef:1] [1:  ] ", ""])
    found = fn(text, "FN004")
    assert codes(found) == ["FN004"] and found[0].location.note == 1


def test_fn005_repeated_note_suggests_reference_back():
    text = tika(["Een.[footnoteRef:1] Twee.[footnoteRef:2] [1:  Kamerstuk 33 625, nr. 287.]  [2:  Kamerstuk  33 625, nr. 287. ] ", ""])
    found = fn(text, "FN005")
    assert codes(found) == ["FN005"] and found[0].location.note == 2
    assert found[0].fix.replacement == "Zie voetnoot 1." and found[0].fix.applicability == "unsafe"


def test_fn006_follows_the_documents_majority():
    mixed = tika(["Een.[footnoteRef:1] Twee.[footnoteRef:2] Drie[footnoteRef:3]. [1:  A.]  [2:  B.]  [3:  C.] ", ""])
    found = fn(mixed, "FN006")
    assert len(found) == 1 and "footnote 3" in found[0].message
    # One marker before its full stop is consistent with itself ...
    alone = tika(["Drie[footnoteRef:1]. [1:  C.] ", ""])
    assert fn(alone, "FN006") == []
    # ... unless the house style is set explicitly; before a comma is always fine.
    assert len(fn(alone, "FN006", footnote_marker="after-punctuation")) == 1
    comma = tika(["Nederland[footnoteRef:1], in Europa. [1:  C.] ", ""])
    assert fn(comma, "FN006", footnote_marker="after-punctuation") == []


def test_fn007_space_before_marker():
    found = fn(tika(["Herkomst. [footnoteRef:1] Ook. [1:  A.] ", ""]), "FN007")
    assert codes(found) == ["FN007"] and found[0].fix.applicability == "safe"


def test_fn008_no_space_or_two_spaces_after_marker():
    none = fn(tika(["Herkomst.[footnoteRef:1]Ook. [1:  A.] ", ""]), "FN008")
    two = fn(tika(["Herkomst.[footnoteRef:1]  Ook. [1:  A.] ", ""]), "FN008")
    assert codes(none) == ["FN008"] and codes(two) == ["FN008"]
    # Punctuation after a marker and the end of a paragraph are fine.
    assert fn(tika(["In Nederland[footnoteRef:1], en verder.[footnoteRef:2]  [1:  A.]  [2:  B.] ", ""]), "FN008") == []


def test_fn009_marker_after_digit():
    assert codes(fn(tika(["In 2015 – 2016[footnoteRef:1] is gekozen. [1:  A.] ", ""]), "FN009")) == ["FN009"]


def test_fn010_note_without_full_stop_and_url_exemption():
    found = fn(tika(["Een.[footnoteRef:1] [1:  Kamerstuk 33 625, nr. 287] ", ""]), "FN010")
    assert codes(found) == ["FN010"] and found[0].fix.replacement == "287."
    closing = tika(["Een.[footnoteRef:1] [1:  (Zie de bijlage.)] ", ""])
    assert fn(closing, "FN010") == []


def test_fn011_note_starting_lower_case():
    found = fn(tika(["Een.[footnoteRef:1] [1:  zie Kamerstuk 36 180, nr. 168.] ", ""]), "FN011")
    assert codes(found) == ["FN011"] and found[0].fix.replacement == "Zie"
    for fine in ("eIDAS-verordening.", "'s-Gravenhage, 2025.", "https://www.rijksoverheid.nl"):
        assert fn(tika([f"Een.[footnoteRef:1] [1:  {fine}] ", ""]), "FN011") == [], fine


def test_fn012_whitespace_but_never_words_own_separator():
    found = fn(tika(["Een.[footnoteRef:1] [1:   Twee  spaties. ] ", ""]), "FN012")
    assert sorted(d.message.split(" ", 2)[2] for d in found) == ["ends with white space", "has 2 spaces in a row", "starts with white space"]
    # "[1: " plus Word's separator (a space or a tab) is not the author's white space.
    assert fn(tika(["Een.[footnoteRef:1] [1: \tNoot.] ", ""]), "FN012") == []


def test_fn013_adjacent_markers():
    assert codes(fn(tika(["Een.[footnoteRef:1][footnoteRef:2] [1:  A.]  [2:  B.] ", ""]), "FN013")) == ["FN013"]


def test_fn016_endnotes():
    found = fn(tika(["Een.[endnoteRef:1] Twee.[endnoteRef:2] [1:  A.]  [2:  B.] ", ""]), "FN016")
    assert codes(found) == ["FN016"]


def test_footnote_and_endnote_may_share_an_id():
    text = tika(["Een.[footnoteRef:1] Twee[endnoteRef:1]. [1:  Voetnoot.]  [1:  Eindnoot.] ", ""])
    found = lint_text(text, select=["FN001", "FN002", "FN003"])
    assert found == []


# -- rules that need what only a .docx/.odt can tell: built on the model directly ---------------


def model_letter(text: str, *, caps=frozenset({CAP_FORMATTING})) -> tuple[Document, list]:
    doc = Document(path="brief.docx", format="docx", capabilities=caps)
    body = doc.new_story("body")
    para = body.new_paragraph()
    para.text = text
    return doc, para


def add_note(doc, para, offset, note_id, text, custom=None, kind="footnote"):
    note = Note(kind=kind, id=note_id)
    note.story = doc.new_story(kind, note=note)
    p = note.story.new_paragraph()
    p.text = text
    doc.notes[(kind, note_id)] = note
    ref = NoteRef(kind=kind, id=note_id, paragraph=para, offset=offset, custom_mark=custom)
    para.note_refs.append(ref)
    doc.note_refs.append(ref)
    return note


def run(doc, code):
    s = Settings(select=[code])
    return [d for d in check_document(doc, doc.path, s) if d.code == code]


def test_fn014_typed_superscript_digit_but_not_an_exponent():
    doc, para = model_letter("Van herkomst.3 Een oppervlak van 10 m2 en 106 inwoners.")
    para.ranges.append(Range("superscript", 13, 14))  # "3" after "herkomst."
    para.ranges.append(Range("superscript", 34, 35))  # m²
    para.ranges.append(Range("superscript", 41, 42))  # 10⁶
    found = run(doc, "FN014")
    assert [d.location.column for d in found] == [14]


def test_fn014_not_on_a_field_result():
    doc, para = model_letter("Zie noot 3 hierboven.")
    para.ranges.append(Range("superscript", 9, 10))
    para.ranges.append(Range("field-result", 9, 10))  # { NOTEREF _Ref100 \f \h }
    assert run(doc, "FN014") == []


def test_fn014_silent_without_formatting():
    doc, para = model_letter("Van herkomst.3", caps=frozenset())
    para.ranges.append(Range("superscript", 13, 14))
    assert run(doc, "FN014") == []


def test_fn015_custom_mark():
    doc, para = model_letter(f"Een{NOTE_MARK}* zin.")
    add_note(doc, para, 3, "1", "Noot.", custom="*")
    doc.link_notes()
    assert codes(run(doc, "FN015")) == ["FN015"]
    # A custom mark is not counted in the numbering.
    assert doc.notes[("footnote", "1")].number is None


def test_fn017_reference_inside_a_note():
    doc, para = model_letter(f"Een.{NOTE_MARK} Zin.")
    note = add_note(doc, para, 4, "1", "Noot.")
    inner = note.story.paragraphs[0]
    inner.text = f"Noot.{NOTE_MARK}"
    add_note(doc, inner, 5, "2", "Binnen.")
    doc.link_notes()
    found = run(doc, "FN017")
    assert codes(found) == ["FN017"] and found[0].location.story == "footnote"
    doc2, para2 = model_letter(f"Een.{NOTE_MARK} Zin.")
    add_note(doc2, para2, 4, "1", "Noot.")
    doc2.link_notes()
    assert run(doc2, "FN017") == []


def test_fn002_not_for_a_note_whose_reference_is_a_tracked_deletion():
    doc, para = model_letter("Een zin.")
    note = Note(kind="footnote", id="5")
    note.story = doc.new_story("footnote", note=note)
    note.story.new_paragraph().text = "Kamerstuk 36 180, nr. 168."
    doc.notes[("footnote", "5")] = note
    doc.link_notes()
    assert codes(run(doc, "FN002")) == ["FN002"]
    doc.deleted_note_refs.add(("footnote", "5"))
    assert run(doc, "FN002") == []


# -- issue 9: notes that are only a link; quotations and identifiers at a note's start ----------


def linked_notes_docx(*notes: tuple[str, bool | str]) -> bytes:
    """A letter whose notes are (text, link) pairs, as Word writes them: link True for a Word
    hyperlink, "field" for a HYPERLINK field, False for plain text."""
    from test_docx_reader import build, fn_ref, note, para, run, separators

    body = para(run("Zie de bronnen."), *(fn_ref(i) for i in range(1, len(notes) + 1)))
    blocks = separators()
    for i, (text, linked) in enumerate(notes, 1):
        if linked == "field":
            content = f'<w:fldSimple w:instr=" HYPERLINK &quot;https://example.org/{i}&quot; ">{run(text)}</w:fldSimple>'
        elif linked:
            content = f'<w:hyperlink r:id="rIdLink{i}">{run(text)}</w:hyperlink>'
        else:
            content = run(text)
        blocks += note(i, para("<w:r><w:footnoteRef/></w:r>", run(" "), content))
    return build(body, footnotes=blocks)


def lint_docx(data: bytes, code: str, **settings) -> list:
    from linter.engine import lint_bytes

    return lint_bytes(data, "memo.docx", Settings(select=[code], **settings))


def test_fn010_note_that_is_a_hyperlink_counts_as_a_web_address():
    data = linked_notes_docx(("Overheidsbrede visie Generatieve AI | Rapport", True), ("Kamerstuk 33 625, nr. 287", False),
                             ("Experimenteren met RAG - Google Documenten", "field"))
    found = lint_docx(data, "FN010")
    assert [(d.location.note, d.fix.replacement) for d in found] == [(2, "287.")]
    # Configurable: with note-link-exempt off the linked notes are checked like any other.
    assert [d.location.note for d in lint_docx(data, "FN010", note_link_exempt=False)] == [1, 2, 3]


def test_fn010_page_title_with_its_site_in_a_text_export():
    assert fn(tika(["Een.[footnoteRef:1] [1:  Generatieve AI (pleio.nl)] ", ""]), "FN010") == []
    found = fn(tika(["Een.[footnoteRef:1] [1:  Generatieve AI van pleio] ", ""]), "FN010")
    assert codes(found) == ["FN010"]


def test_fn010_every_note_without_full_stop_is_said_once():
    text = tika(["Een.[footnoteRef:1] Twee.[footnoteRef:2] Drie.[footnoteRef:3] "
                 "[1:  Kamerstuk 33 625, nr. 287]  [2:  Zie voetnoot 1]  [3:  Brief van 12 maart 2024] ", ""])
    found = fn(text, "FN010")
    assert [d.location.note for d in found] == [1, 2, 3]
    assert "none of the letter's 3 notes does" in found[0].message
    assert all("none of" not in d.message for d in found[1:])
    # One note with a full stop: no summary, the others are reported as usual.
    mixed = text.replace("Zie voetnoot 1]", "Zie voetnoot 1.]")
    assert all("none of" not in d.message for d in fn(mixed, "FN010"))
    data = linked_notes_docx(("Kamerstuk 33 625, nr. 287", False), ("Zie voetnoot 1", False))
    assert "none of the letter's 2 notes does" in lint_docx(data, "FN010")[0].message


@pytest.mark.parametrize(
    "start",
    [
        "“wanneer generatieve AI op verantwoorde wijze wordt ingezet”, Kamerstuk 26 643, nr. 1.",
        "‘op verantwoorde wijze’ staat in de visie.",
        "github.com/pbl-nl/appl-docchat.",
        "pbl-nl/appl-docchat: Chat with your own documents.",
        "iPhone en eID zijn voorbeelden.",
        "eID-stelsel, Kamerstuk 26 643, nr. 2.",
        "info@example.org is het adres.",
        "rapport_2024.pdf (bijlage).",
    ],
)
def test_fn011_no_finding_for_a_quotation_or_an_identifier(start):
    assert fn(tika([f"Een.[footnoteRef:1] [1:  {start}] ", ""]), "FN011") == [], start


def test_fn011_in_a_docx_quotation_versus_a_plain_word():
    data = linked_notes_docx(("“op verantwoorde wijze” (visie).", False), ("zie de visie.", False))
    found = lint_docx(data, "FN011")
    assert [(d.location.note, d.fix.replacement) for d in found] == [(2, "Zie")]


def test_fn010_odt_note_that_is_a_link():
    from linter.engine import lint_bytes
    from test_odt_reader import make_odt, note

    link = '<text:a xlink:type="simple" xlink:href="https://example.org/genai">Generatieve AI | Rapport</text:a>'
    data = make_odt(f"<text:p>Zie de bron.{note('ftn1', link)} En deze.{note('ftn2', 'Kamerstuk 33 625, nr. 287')}</text:p>")
    found = lint_bytes(data, "memo.odt", Settings(select=["FN010"]))
    assert [d.location.note for d in found] == [2]


@needs_shared
def test_fn010_real_memo_notes_that_are_links_pass():
    from conftest import SHARED
    from linter.engine import lint_path

    memo = SHARED / "corpus" / "docx" / "ssc-ict-memo-kabinetsvisie-genai.docx"
    found = lint_path(memo, Settings(select=["FN010", "FN011"]))
    # Left: notes that end in a closing quotation mark or a plain word, never a link-only note.
    assert sorted((d.code, d.location.note) for d in found) == [("FN010", n) for n in (10, 11, 14, 25, 27)]


def test_note_link_exempt_in_the_configuration(tmp_path):
    from linter.config import ConfigError, load_config

    toml = tmp_path / "kamerlint.toml"
    toml.write_text("note-link-exempt = false\n", encoding="utf-8")
    assert load_config(toml).settings.note_link_exempt is False
    toml.write_text('note-link-exempt = "nee"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="note-link-exempt"):
        load_config(toml)
