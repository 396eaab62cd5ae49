"""The Tika text export reader, on the seed letter and on the format's corner cases."""

from __future__ import annotations

from conftest import SEED, lint_text, needs_shared, tika
from linter.engine import lint_bytes
from linter.limits import DEFAULT_LIMITS
from linter.model import NOTE_MARK
from linter.formats.text.read import read_text
from linter.settings import Settings


def read(text: str, name: str = "draft.txt"):
    return read_text(text.encode("utf-8"), name, DEFAULT_LIMITS)


@needs_shared
def test_seed_notes_bookmarks_and_positions():
    doc = read_text(SEED.read_bytes(), str(SEED), DEFAULT_LIMITS)
    assert doc.format == "tika"
    notes = sorted(doc.normal_notes(), key=lambda n: n.number)
    assert [n.number for n in notes] == list(range(1, 12))
    assert notes[0].text == "TZ202505-049 en TZ202507-026 "  # the author's trailing space stays
    assert notes[4].text == "Kamerstuk 33625, nr. 287"
    assert [b.name for b in doc.bookmarks] == ["_Hlk233125581", "_Hlk233125703", "_Hlk233714644"]
    assert all(b.start.offset == 0 and b.end is None for b in doc.bookmarks)
    # The body paragraph with markers 2..6 holds five note marks and none of the note text.
    para = doc.note_refs[1].paragraph
    assert para.text.count(NOTE_MARK) == 5 and "Verwey" not in para.text
    # Every marker maps back to its place in the file.
    src = doc.source_text
    for ref in doc.note_refs:
        start = ref.paragraph.source_offset(ref.offset)
        assert src[start:].startswith(f"[footnoteRef:{ref.id}]")


def test_note_bodies_may_hold_brackets_and_line_breaks():
    text = tika(["Een.[footnoteRef:1] Twee.[footnoteRef:2] [1:  Kamerstuk 36 000 [nr. 5] en meer.]  [2:  Eerste alinea.\nTweede alinea.] ", "", "Slot."])
    doc = read(text)
    one, two = doc.notes[("footnote", "1")], doc.notes[("footnote", "2")]
    assert one.text == "Kamerstuk 36 000 [nr. 5] en meer."
    assert [p.text for p in two.story.paragraphs] == ["Eerste alinea.", "Tweede alinea."]
    # A paragraph with notes ends in "] \\n" plus its own line end: the blank line is part of it.
    assert [p.text for p in doc.stories[0].paragraphs] == ["Een." + NOTE_MARK + " Twee." + NOTE_MARK, "Slot."]


def test_internal_id_is_not_the_number_the_reader_sees():
    doc = read(tika(["Een.[footnoteRef:2] Twee.[footnoteRef:3] [2: \tA.]  [3: \tB.] ", ""]))
    assert doc.notes[("footnote", "2")].number == 1 and doc.notes[("footnote", "3")].number == 2
    assert doc.notes[("footnote", "2")].text == "A."


def test_comment_blocks_become_comment_stories():
    doc = read(tika(["[bookmark: _Hlk1]Tekst van de brief.\tComment by Jan Jansen: Klopt dit getal?", ""]))
    assert doc.stories[0].paragraphs[0].text == "Tekst van de brief."
    assert [(c.author, c.story.text) for c in doc.comments] == [("Jan Jansen", "Klopt dit getal?")]


def test_an_export_with_only_a_comment_is_still_a_tika_export():
    doc = read(tika(["Tekst.\tComment by Jan Jansen: Klopt dit?", ""]))
    assert doc.format == "tika" and [c.author for c in doc.comments] == ["Jan Jansen"]


def test_plain_text():
    doc = read("Eerste alinea loopt\nover twee regels.\n\nTweede alinea.\n", "brief.txt")
    assert doc.format == "text"
    assert [p.text for p in doc.stories[0].paragraphs] == ["Eerste alinea loopt over twee regels.", "Tweede alinea."]


def test_crlf_bom_and_windows_1252():
    text = tika(["Een.[footnoteRef:1] [1:  Noot] ", ""]).replace("\n", "\r\n")
    utf8 = lint_text(text, select="FN010")
    bom = lint_bytes(b"\xef\xbb\xbf" + text.encode(), "d.txt", Settings(select=["FN010"]))
    assert [(d.location.line, d.location.column) for d in utf8] == [(1, 30)]
    assert [(d.location.line, d.location.column) for d in bom] == [(1, 30)]

    found = lint_bytes("Geëvalueerd en coördinatie.\n".encode("cp1252"), "oud.txt", Settings())
    assert [d.code for d in found] == ["IO004"] and "Windows-1252" in found[0].message


def test_missing_note_residue_is_fn001():
    text = tika(['Een.[footnoteRef:4] [4: !!! End note with ID "4" not found in document.] ', ""])
    assert [d.code for d in lint_text(text, select="FN")] == ["FN001"]
