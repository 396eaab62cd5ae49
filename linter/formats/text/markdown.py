"""Markdown drafts: CommonMark with pandoc/GitHub footnotes, read by markdown-it-py.

* ``[^label]`` is a note reference and ``[^label]: text`` its definition, anywhere in the file;
  indented lines continue it (more paragraphs, lists). ``^[text]`` is an inline note. Notes are
  numbered as pandoc and GitHub number them: in the order of their first reference.
* A ``[^label]`` without a definition is still a reference (to no note: FN001); a definition that
  nothing references is a note without references (FN002). The first of two definitions with one
  label is the note; the second is kept as an unreferenced note of its own.
* Paragraphs, headings, list items, block-quote paragraphs and table cells are paragraphs; code
  blocks, HTML blocks and YAML front matter are not prose and are left out, but for HTML comment
  blocks: they stay, as typed, so that ``<!-- kamerlint: ignore … -->`` works as in every text
  draft. A comment inside a paragraph is not text.
* A paragraph's visible text is its prose without Markdown syntax: emphasis markers, link syntax,
  backslash escapes and entities are dropped or decoded, a line break reads as a space and a note
  reference is one :data:`NOTE_MARK`. Every character maps back to its place in the file, so
  findings are located by line and column. White space at the end of a line is Markdown syntax (a
  hard line break, or nothing), so it is not part of the text.

markdown-it-py is imported here only: the dispatcher imports this module for Markdown files alone.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from linter.limits import Limits
from linter.model import NOTE_MARK, Document, Note, NoteRef, Paragraph, Segment
from linter.formats.text.read import _add_text, _line_starts, decode

ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: What a backslash escapes in CommonMark: ASCII punctuation.
ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
EMPHASIS_MARKERS = ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close")


def read_markdown(data: bytes, path: str, limits: Limits) -> Document:
    text, findings = decode(data, path, limits)
    doc = MarkdownReader(text, path).read()
    doc.read_findings.extend(findings)
    return doc


def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # always_match_refs: a [^9] without a definition is a reference to a missing note, not text.
    md.use(front_matter_plugin).use(footnote_plugin, always_match_refs=True)
    # The tail rule moves definitions to the end and drops unreferenced ones; without it each
    # definition stays in place, with its line numbers.
    md.disable("footnote_tail")
    return md


class MarkdownReader:
    def __init__(self, text: str, path: str):
        self.src = text
        self.line_starts = _line_starts(text)
        self.doc = Document(path=path, format="markdown", source_text=text, line_starts=self.line_starts)
        self.body = self.doc.new_story("body")
        self.env: dict = {}
        self.inline_notes = 0
        #: Where each note reference is in the file (by id of the NoteRef), for reading order.
        self.ref_places: dict[int, int] = {}
        #: Table rows: how far along each line the cells found so far reach.
        self.table_cursor: dict[int, int] = {}

    def read(self) -> Document:
        tokens = parser().parse(self.src, self.env)
        self.blocks(tokens)
        # Numbers follow the order a reader meets the references: the body first, then notes.
        place = self.ref_places
        self.doc.note_refs.sort(key=lambda r: (r.paragraph.story.kind != "body", place[id(r)]))
        self.doc.link_notes()
        return self.doc

    # -- blocks -------------------------------------------------------------------------------
    def blocks(self, tokens) -> None:
        story = self.body
        note: Note | None = None
        in_table = False
        for tok in tokens:
            kind = tok.type
            if kind == "footnote_reference_open":
                note = self.definition(tok)
                story = note.story
            elif kind == "footnote_reference_close":
                if note is not None and not story.paragraphs:
                    # An empty definition: its one (empty) paragraph sits just after the colon.
                    story.new_paragraph().source_start = note.source_start
                story, note = self.body, None
            elif kind == "table_open":
                in_table = True
            elif kind == "table_close":
                in_table = False
            elif kind == "html_block" and "<!--" in tok.content and tok.map is not None:
                self.comment_block(story.new_paragraph(), tok)
            elif kind == "inline" and tok.map is not None:
                para = story.new_paragraph()
                para.in_table = in_table
                self.inline(para, tok, in_table)

    def comment_block(self, para: Paragraph, tok) -> None:
        """An HTML comment block is kept as typed, a paragraph of its own: it is where a text
        draft carries ``<!-- kamerlint: ignore … -->`` (linter/baseline.py)."""
        first, end = tok.map
        para.source_start = self.line_starts[first]
        for number in range(first, min(end, len(self.line_starts))):
            line_start, line_end = self.line_span(number)
            line = self.src[line_start:line_end].rstrip()
            if para.text and line:
                _add_text(para, " ", line_start - 1)  # the line end reads as a space
            _add_text(para, line, line_start)

    def line_span(self, number: int) -> tuple[int, int]:
        """Start and end (before the line feed) of a 0-based line of the file."""
        start = self.line_starts[number]
        end = self.line_starts[number + 1] - 1 if number + 1 < len(self.line_starts) else len(self.src)
        return start, end

    def definition(self, tok) -> Note:
        label = tok.meta["label"]
        note_id = label
        while ("footnote", note_id) in self.doc.notes:
            note_id += "'"  # a second definition of one label: a note nobody can reference
        line = tok.map[0]
        start = self.line_starts[line]
        marker = f"[^{label}]:"
        at = self.src.find(marker, start)
        after = at + len(marker) if at != -1 else start
        note = Note(kind="footnote", id=note_id, source_start=after)
        end_line = tok.map[1]
        note.source_end = self.line_starts[end_line] if end_line < len(self.line_starts) else len(self.src)
        note.story = self.doc.new_story("footnote", note=note)
        self.doc.notes[("footnote", note_id)] = note
        return note

    # -- inline content -----------------------------------------------------------------------
    def inline(self, para: Paragraph, tok, in_table: bool) -> None:
        content = tok.content
        if in_table:
            # The table rule unescapes \| in a cell (an unescaped | ends it): walk the cell as typed.
            content = content.replace("|", "\\|")
        lines = content.split("\n")
        content_starts = []
        pos = 0
        for line in lines:
            content_starts.append(pos)
            pos += len(line) + 1
        located = [self.locate_line(tok.map[0] + k, line, in_table) for k, line in enumerate(lines)]

        def source_of(i: int) -> int:
            k = bisect_right(content_starts, i) - 1
            line_start, core_start, lead = located[k]
            d = i - content_starts[k]
            if d >= lead:
                return core_start + d - lead
            # Indentation the parser kept (a tab it expanded to spaces): somewhere before the text.
            return max(line_start, core_start - (lead - d))

        walk = InlineWalk(self, content, source_of)
        para.source_start = source_of(0)
        walk.children(para, tok.children or [], 0)

    def locate_line(self, line_no: int, content_line: str, in_table: bool) -> tuple[int, int, int]:
        """Where one line of a block's content is in the file: the line's start, the start of its
        text (white space aside) and how much white space the content has before that. Block
        syntax (indentation, ``>``, list markers, ``#``) stands before the text, so the text ends
        the line; an ATX heading's closing ``#`` and a table cell are found by search."""
        if line_no >= len(self.line_starts):
            return len(self.src), len(self.src), 0
        start, end = self.line_span(line_no)
        line = self.src[start:end].rstrip()
        core = content_line.strip()
        lead = len(content_line) - len(content_line.lstrip())
        if not in_table and line.endswith(core):
            return start, start + len(line) - len(core), lead
        cursor = self.table_cursor.get(line_no, 0) if in_table else 0
        found = line.find(core, cursor) if core else -1
        if found == -1:
            return start, start + max(0, len(line) - len(core)), lead
        if in_table:
            self.table_cursor[line_no] = found + len(core)
        return start, start + found, lead


class InlineWalk:
    """Aligns markdown-it's inline tokens with the block's content string, so that each visible
    character gets its exact place in the file."""

    def __init__(self, reader: MarkdownReader, content: str, source_of):
        self.reader = reader
        self.doc = reader.doc
        self.content = content
        self.source_of = source_of

    def children(self, para: Paragraph, tokens, pos: int) -> int:
        content = self.content
        autolink = False  # an autolink's text is literal: no escapes, no entities
        for tok in tokens:
            kind = tok.type
            if kind in ("text", "text_special"):
                pos = self.text(para, tok.content, pos, literal=autolink)
            elif kind in ("softbreak", "hardbreak"):
                j = content.find("\n", pos)
                if j != -1:
                    self.add(para, " ", j)
                    pos = j + 1
            elif kind == "code_inline":
                pos = self.code(para, tok, pos)
            elif kind in EMPHASIS_MARKERS:
                j = content.find(tok.markup, pos)
                pos = j + len(tok.markup) if j != -1 else pos
            elif kind == "link_open":
                autolink = tok.markup == "autolink"
                j = content.find("<" if autolink else "[", pos)
                pos = j + 1 if j != -1 else pos
            elif kind == "link_close":
                autolink = False
                if tok.markup == "autolink":
                    j = content.find(">", pos)
                    pos = j + 1 if j != -1 else pos
                else:
                    j = content.find("]", pos)
                    pos = self.link_tail(j + 1) if j != -1 else pos
            elif kind == "image":
                j = content.find("![", pos)
                if j != -1:
                    close = self.label_end(j + 1)
                    pos = self.link_tail(close + 1) if close != -1 else pos
            elif kind == "html_inline":
                j = content.find(tok.content, pos)
                pos = j + len(tok.content) if j != -1 else pos
            elif kind == "footnote_ref":
                pos = self.note_ref(para, tok, pos)
        return pos

    # -- visible text -------------------------------------------------------------------------
    def add(self, para: Paragraph, text: str, at: int, length: int | None = None) -> None:
        """Visible ``text`` from content offset ``at``; ``length`` (in the content) for atomic
        pieces such as an escape or an entity."""
        source = self.source_of(at)
        if length is None:
            if text and self.source_of(at + len(text) - 1) - source != len(text) - 1:
                # Indentation the parser expanded (a tab): character by character.
                for j, ch in enumerate(text):
                    _add_text(para, ch, self.source_of(at + j))
                return
            _add_text(para, text, source)
            return
        start = len(para.text)
        para.text += text
        para.segments.append(Segment(start, start + len(text), None, source, self.source_of(at + length) - source))

    def text(self, para: Paragraph, text: str, pos: int, literal: bool = False) -> int:
        """Align a text token with the content: characters as typed, backslash escapes, entities
        (not in ``literal`` text); white space the parser dropped (the indentation after a line
        break) is skipped."""
        content = self.content
        n = len(content)
        run_start = None  # start of the current one-to-one run in the content
        run = []
        i = pos
        k = 0

        def flush():
            nonlocal run_start, run
            if run:
                self.add(para, "".join(run), run_start)
            run_start, run = None, []

        while k < len(text):
            ch = text[k]
            entity = ENTITY.match(content, i) if not literal and i < n and content[i] == "&" else None
            if entity is not None:
                decoded = html.unescape(entity.group())
                if decoded and text.startswith(decoded, k):
                    flush()
                    self.add(para, decoded, i, entity.end() - i)
                    i = entity.end()
                    k += len(decoded)
                    continue
            if not literal and i + 1 < n and content[i] == "\\" and content[i + 1] == ch and ch in ESCAPABLE:
                flush()
                self.add(para, ch, i, 2)
                i += 2
                k += 1
                continue
            if i < n and content[i] == ch and ch != "\n":
                if run_start is None:
                    run_start = i
                run.append(ch)
                i += 1
                k += 1
                continue
            flush()
            if i < n and content[i] in " \t\n":
                i += 1
                continue
            # Nothing lines up (should not happen): pick up the text further on if it is there,
            # else keep the character, mapped to here.
            j = content.find(text[k : k + 8], i)
            if j != -1:
                i = j
                continue
            self.add(para, ch, min(i, n), 0)
            k += 1
        flush()
        return i

    def code(self, para: Paragraph, tok, pos: int) -> int:
        """A code span's text is what the reader sees, literally: ``[^1]`` in it is no note."""
        content = self.content
        fence = tok.markup
        j = content.find(fence, pos)
        if j == -1:
            return pos
        inner = j + len(fence)
        close = inner
        while True:
            close = content.find(fence, close)
            if close == -1:
                return pos
            run_end = close
            while run_end < len(content) and content[run_end] == "`":
                run_end += 1
            if run_end - close == len(fence):
                break
            close = run_end
        raw = content[inner:close]
        if len(raw) >= 2 and raw[0] in " \n" and raw[-1] in " \n" and raw.strip(" \n"):
            raw = raw[1:-1]  # CommonMark strips one space on each side
            inner += 1
        if len(raw) != len(tok.content):
            # Not one to one (a table cell's \|): the code as a whole stands for its source.
            self.add(para, tok.content, j, close + len(fence) - j)
        else:
            for offset, line in self.lines_from(inner, tok.content):
                self.add(para, line, offset)
        return close + len(fence)

    def lines_from(self, start: int, text: str):
        """``text`` laid over the content from ``start`` one to one, cut after each of the
        content's line ends (each line of the content has its own place in the file)."""
        piece = start
        for k in range(len(text)):
            if self.content[start + k : start + k + 1] == "\n":
                yield piece, text[piece - start : k + 1]
                piece = start + k + 1
        if piece - start < len(text):
            yield piece, text[piece - start :]

    # -- links --------------------------------------------------------------------------------
    def link_tail(self, pos: int) -> int:
        """Past ``(destination "title")`` or ``[label]`` after a link's closing bracket."""
        content = self.content
        if content.startswith("(", pos):
            i = self.skip_space(pos + 1)
            dest = parseLinkDestination(content, i, len(content))
            if dest.ok:
                i = self.skip_space(dest.pos)
            if i < len(content) and content[i] in "\"'(":
                closer = ")" if content[i] == "(" else content[i]
                i += 1
                while i < len(content) and content[i] != closer:
                    i += 2 if content[i] == "\\" else 1
                i = self.skip_space(i + 1)
            return i + 1 if content.startswith(")", i) else pos
        if content.startswith("[", pos):
            end = self.label_end(pos)
            return end + 1 if end != -1 else pos
        return pos

    def label_end(self, start: int) -> int:
        """The ``]`` that closes the ``[`` at ``start`` (nested brackets and escapes allowed)."""
        depth = 0
        i = start
        content = self.content
        while i < len(content):
            ch = content[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
                if depth == 0:
                    return i
            i += 1
        return -1

    def skip_space(self, i: int) -> int:
        while i < len(self.content) and self.content[i] in " \t\n":
            i += 1
        return i

    # -- notes --------------------------------------------------------------------------------
    def note_ref(self, para: Paragraph, tok, pos: int) -> int:
        content = self.content
        label = tok.meta.get("label")
        if label is not None:
            marker = f"[^{label}]"
            j = content.find(marker, pos)
            if j == -1:
                return pos
            self.reference(para, label, j, len(marker))
            return j + len(marker)
        # An inline note ^[…]: its own story, its text mapped into this paragraph's content.
        j = content.find("^[", pos)
        data = self.reader.env.get("footnotes", {}).get("list", {}).get(tok.meta.get("id"), {})
        if j == -1 or "tokens" not in data:
            return pos
        end = j + 2 + len(data.get("content", ""))
        self.reader.inline_notes += 1
        note_id = f"inline-{self.reader.inline_notes}"
        note = Note(kind="footnote", id=note_id, source_start=self.source_of(j + 2), source_end=self.source_of(end))
        note.story = self.doc.new_story("footnote", note=note)
        self.doc.notes[("footnote", note_id)] = note
        self.reference(para, note_id, j, end + 1 - j)
        note_para = note.story.new_paragraph()
        note_para.source_start = note.source_start
        self.children(note_para, data["tokens"], j + 2)
        return end + 1

    def reference(self, para: Paragraph, note_id: str, at: int, length: int) -> None:
        offset = len(para.text)
        self.add(para, NOTE_MARK, at, length)
        ref = NoteRef(kind="footnote", id=note_id, paragraph=para, offset=offset)
        self.reader.ref_places[id(ref)] = self.source_of(at)
        para.note_refs.append(ref)
        self.doc.note_refs.append(ref)
