"""The Markdown reader: pandoc/GitHub footnotes and inline notes, on the seed letter written as
pandoc Markdown and on small drafts; findings are located by line and column in the .md file."""

from __future__ import annotations

import json
import os
import runpy
import shutil
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, lint_text
from linter.baseline import apply_inline_ignores
from linter.engine import check_document
from linter.limits import DEFAULT_LIMITS
from linter.model import NOTE_MARK
from linter.formats import read_document
from linter.formats.text.read import read_text
from linter.settings import Settings

SEED_MD = FIXTURES / "kamerbrief-diaspora.md"
SEED_TXT = FIXTURES / "kamerbrief-diaspora.txt"


def read(text: str, name: str = "brief.md"):
    return read_document(text.encode("utf-8"), name)


def lint_md(text: str, select: str | list[str] | None = None):
    return lint_text(text, select, name="brief.md")


def at(diagnostic) -> tuple[int, int]:
    return diagnostic.location.line, diagnostic.location.column


def source_at(text: str, line: int, column: int, length: int) -> str:
    """What the file holds at a 1-based line and column (columns count characters)."""
    return text.split("\n")[line - 1][column - 1 : column - 1 + length]


# -- the seed letter ------------------------------------------------------------------------------


def test_seed_markdown_has_the_exports_notes_and_paragraphs():
    doc = read_document(SEED_MD.read_bytes(), str(SEED_MD))
    tika = read_text(SEED_TXT.read_bytes(), str(SEED_TXT), DEFAULT_LIMITS)
    assert doc.format == "markdown"
    notes = sorted(doc.normal_notes(), key=lambda n: n.number)
    assert [n.number for n in notes] == list(range(1, 12))
    assert [n.id for n in notes] == [str(i) for i in range(1, 12)]
    # The note text is the export's, less the white space that ends a line (Markdown syntax).
    exported = sorted(tika.normal_notes(), key=lambda n: n.number)
    assert [n.text for n in notes] == [n.text.rstrip(" ") for n in exported]
    # The body: the export's non-empty paragraphs, the same text (bookmarks are not text).
    body = [p.text for p in doc.stories[0].paragraphs]
    assert body == [p.text.strip(" ") for p in tika.stories[0].paragraphs if p.text.strip()]
    assert len(body) == 12 and sum(t.count(NOTE_MARK) for t in body) == 11


def test_seed_markers_map_to_their_place_in_the_file():
    text = SEED_MD.read_text(encoding="utf-8")
    doc = read(text, str(SEED_MD))
    for ref in doc.note_refs:
        start = ref.paragraph.source_offset(ref.offset)
        end = ref.paragraph.source_end(ref.offset + 1)
        assert text[start:end] == f"[^{ref.id}]"
    for note in doc.normal_notes():
        para = note.story.paragraphs[0]
        start = para.source_offset(0)
        assert text[start : start + len(para.text)] == para.text
        assert text[:start].endswith(f"[^{note.id}]: ")


def test_seed_findings_are_located_by_line_and_column():
    text = SEED_MD.read_text(encoding="utf-8")
    found = {d.code: d for d in lint_md(text, ["FN008", "MO002", "CO003"])}
    assert set(found) == {"FN008", "MO002", "CO003"}
    assert all(d.location.in_text_file for d in found.values())
    line, column = at(found["FN008"])
    assert source_at(text, line, column - 4, 10) == "[^7]  Deze"
    assert source_at(text, *at(found["MO002"]), 5) == "Motie"
    line, column = at(found["CO003"])
    assert text.split("\n")[line - 1].startswith("[^9]: ")
    assert source_at(text, line, column, 24) == "Kamerstuk 36180, nr. 168"


def test_seed_markdown_is_what_the_generator_writes():
    script = runpy.run_path(str(ROOT / "scripts" / "make_markdown_fixture.py"), run_name="fixture")
    assert script["markdown"](SEED_TXT) == SEED_MD.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("pandoc") is None and not os.environ.get("CI"), reason="pandoc not installed")
def test_pandoc_reads_the_seed_markdown_with_the_same_notes():
    out = subprocess.run(["pandoc", "-f", "markdown", "-t", "json", str(SEED_MD)], capture_output=True, check=True)
    notes = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Note":
                notes.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(out.stdout)["blocks"])
    assert len(notes) == 11


# -- notes ----------------------------------------------------------------------------------------


def test_inline_note_is_a_note_numbered_in_reading_order():
    text = "Eerst een bron.[^a] Dan een inline noot.^[Kamerstuk 36 180, nr. 168] Slot.[^b]\n\n[^b]: Tweede bron.\n\n[^a]: Eerste bron.\n"
    doc = read(text)
    notes = sorted(doc.normal_notes(), key=lambda n: n.number)
    assert [(n.number, n.text) for n in notes] == [(1, "Eerste bron."), (2, "Kamerstuk 36 180, nr. 168"), (3, "Tweede bron.")]
    assert doc.stories[0].paragraphs[0].text == f"Eerst een bron.{NOTE_MARK} Dan een inline noot.{NOTE_MARK} Slot.{NOTE_MARK}"
    (finding,) = lint_md(text, "FN010")
    assert finding.location.note == 2
    assert source_at(text, *at(finding), 1) == "]"  # just after "nr. 168", inside ^[…]


def test_undefined_reference_is_fn001_at_the_marker():
    text = "Een zin.[^1] Nog een zin.[^9]\n\n[^1]: Bron.\n"
    (finding,) = lint_md(text, "FN001")
    assert at(finding) == (1, 26) and source_at(text, 1, 26, 4) == "[^9]"


def test_unused_definition_is_fn002_and_duplicate_reference_fn003():
    text = "Een zin.[^1] Nog een.[^1]\n\n[^1]: Bron.\n\n[^weg]: Kamerstuk 33 625, nr. 287.\n"
    unused = lint_md(text, "FN002")
    assert [(d.location.note, d.location.note_id, at(d)) for d in unused] == [(None, "weg", (5, 9))]
    (duplicate,) = lint_md(text, "FN003")
    assert at(duplicate) == (1, 22)
    # A second definition of a label is never shown: a note nobody references.
    (second,) = [d for d in lint_md(text + "\n[^1]: Andere bron.\n", "FN002") if d.location.note_id != "weg"]
    assert at(second) == (7, 7) and "Andere bron" in second.message


def test_empty_note_is_fn004_in_its_definition():
    text = "Een zin.[^1]\n\n[^1]:\n"
    (finding,) = lint_md(text, "FN004")
    assert finding.location.note == 1 and finding.location.line == 3


def test_marker_and_note_text_rules_run_on_markdown_notes():
    text = (
        "Een zin.[^a] Twee zinnen.[^b] Drie zinnen.[^c] Vier.[^d]\n\n"
        "Een zin over herkomst [^e]. In 2016[^f] gebeurde het.[^g][^h]\n\n"
        "[^a]: Bron.\n[^b]: Bron.\n[^c]: Bron.\n[^d]: Bron.\n"
        "[^e]: zie de bron.\n[^f]: Twee  spaties.\n[^g]: Bron met noot.[^i]\n[^h]: Laatste.\n[^i]: Noot in noot.\n"
    )
    found = {(d.code, d.location.note) for d in lint_md(text, "FN")}
    assert {("FN005", 2), ("FN006", None), ("FN007", None), ("FN009", None), ("FN013", None),
            ("FN011", 5), ("FN012", 6), ("FN017", 7)} <= found
    # The FN006 fix moves the full stop over the marker: its span is "[^e]." in the file.
    (fn006,) = [d for d in lint_md(text, "FN006")]
    assert source_at(text, *at(fn006), 5) == "[^e]."


def test_note_with_indented_continuation_paragraphs():
    text = (
        "Tekst.[^lang]\n\n"
        "[^lang]: Eerste alinea van de noot\n"
        "    loopt door.\n\n"
        "    Tweede alinea, Kamerstuk 33625, nr. 287.\n\n"
        "Weer gewone tekst.\n"
    )
    doc = read(text)
    (note,) = doc.normal_notes()
    assert [p.text for p in note.story.paragraphs] == ["Eerste alinea van de noot loopt door.", "Tweede alinea, Kamerstuk 33625, nr. 287."]
    assert [p.text for p in doc.stories[0].paragraphs] == [f"Tekst.{NOTE_MARK}", "Weer gewone tekst."]
    (ks,) = lint_md(text, "KS001")
    assert ks.location.note == 1 and ks.location.paragraph == 2
    assert source_at(text, *at(ks), 24) == "Kamerstuk 33625, nr. 287"


def test_reference_in_a_code_span_is_no_note():
    text = "Schrijf een noot als `[^1]` in Markdown.\n\n```\n[^2] in een codeblok\n```\n"
    doc = read(text)
    assert doc.note_refs == [] and doc.notes == {}
    assert [p.text for p in doc.stories[0].paragraphs] == ["Schrijf een noot als [^1] in Markdown."]
    assert lint_md(text, "FN") == []


# -- prose and positions ------------------------------------------------------------------------


def test_visible_text_drops_syntax_and_maps_back_exactly():
    text = (
        "# Kop over *moties*\n\n"
        "> Een **citaat** met een [link](https://example.org \"titel\") en\n"
        "> een `code`-woord, \\*geen nadruk\\* &amp; de Motie 36 725-XVII nr. 45.\n\n"
        "- Een lijstpunt over de Motie 36 725-XVII nr. 45.\n"
    )
    doc = read(text)
    paras = [p.text for p in doc.stories[0].paragraphs]
    assert paras == [
        "Kop over moties",
        "Een citaat met een link en een code-woord, *geen nadruk* & de Motie 36 725-XVII nr. 45.",
        "Een lijstpunt over de Motie 36 725-XVII nr. 45.",
    ]
    found = sorted(lint_md(text, "MO002"), key=at)
    assert [at(d) for d in found] == [(4, 46), (6, 25)]
    assert all(source_at(text, *at(d), 5) == "Motie" for d in found)


def test_table_cells_are_paragraphs_located_in_their_row():
    text = "| Stuk | Motie |\n|---|---|\n| de Motie Ceder | en \\| de Motie Bamenga |\n"
    doc = read(text)
    cells = [p for p in doc.stories[0].paragraphs if p.in_table]
    assert [p.text for p in cells] == ["Stuk", "Motie", "de Motie Ceder", "en | de Motie Bamenga"]
    found = sorted(lint_md(text, "MO002"), key=at)
    assert [at(d) for d in found] == [(3, 6), (3, 29)]


def test_readme_without_notes_lints_prose_only():
    text = (
        "---\ntitle: Werkwijze\n---\n\n"
        "# Werkwijze\n\n"
        "Deze map bevat de brieven. Zie [de handleiding](docs/index.md).\n\n"
        "    TODO ingesprongen code\n\n"
        "```sh\nlint brief.docx  # TODO\n```\n\n"
        "<div>TODO in HTML</div>\n"
    )
    doc = read(text)
    assert [p.text for p in doc.stories[0].paragraphs] == ["Werkwijze", "Deze map bevat de brieven. Zie de handleiding."]
    assert doc.notes == {} and lint_md(text, ["FN", "DR004"]) == []
    # The same placeholder in prose is found, at its place in the file.
    (todo,) = lint_md(text + "\nTODO: bron zoeken.\n", "DR004")
    assert at(todo) == (17, 1)


def test_ignore_comment_in_markdown():
    text = "<!-- kamerlint: ignore MO002 -->\nDe Motie Ceder is aangenomen.\n\nDe Motie Bamenga\nook.\n"
    doc = read(text)
    assert doc.stories[0].paragraphs[0].text == "<!-- kamerlint: ignore MO002 -->"
    found = apply_inline_ignores(check_document(doc, "brief.md", Settings(select=["MO002"])), doc)
    assert [at(d) for d in found] == [(4, 4)]


def test_docx_run_does_not_import_markdown_it():
    code = (
        "import sys\n"
        "import linter.cli\n"
        "from pathlib import Path\n"
        "from linter.engine import lint_path\n"
        "from linter.settings import Settings\n"
        f"assert lint_path(Path({str(FIXTURES / 'kamerbrief-diaspora.docx')!r}), Settings())\n"
        "assert 'markdown_it' not in sys.modules and 'mdit_py_plugins' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# -- any Markdown ---------------------------------------------------------------------------------

MARKDOWN_PIECES = st.sampled_from(
    ["Tekst", " ", "  ", "\n", "\n\n", "    ", "\t", "*", "**", "***", "_", "`", "``", "[", "]", "(", ")", "[^1]", "[^a]",
     "[^1]: ", "^[", "> ", "- ", "1. ", "# ", "\\", "&amp;", "&#33;", "&eacute;", "&amp;amp;", "&", "<", ">", "<!-- x -->", "https://a.nl", "|",
     "---", "~~", "é", "’", "[x](y)", "![i](j)", "<http://q.nl>"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(MARKDOWN_PIECES, min_size=1, max_size=40).map("".join))
def test_any_markdown_maps_every_character_back_to_the_file(text: str):
    doc = read(text)
    for para in doc.paragraphs():
        for seg in para.segments:
            assert 0 <= seg.offset <= seg.offset + seg.length <= len(text)
            visible = para.text[seg.start : seg.end]
            assert seg.length > 0 or not visible, "text that lines up with nothing in the file"
            if seg.length == seg.end - seg.start and visible != NOTE_MARK:
                # One to one: the file holds this text (white space may differ: a line end reads
                # as a space, and the parser expands a tab in indentation).
                source = text[seg.offset : seg.offset + seg.length]
                assert all(a == b or (a.isspace() and b.isspace()) for a, b in zip(source, visible))
    for ref in doc.note_refs:
        start = ref.paragraph.source_offset(ref.offset)
        assert text[start : start + 2] in ("[^", "^[")
