"""Text drafts: the Apache Tika text export of a .docx, and plain text (Markdown has a reader of its
own, linter/formats/text/markdown.py).

The Tika format (spec/formats.md §1.3–1.5), as tika-server ≤ 3.3.1 prints a Word file:

    [bookmark: _Hlk1]Run text.[footnoteRef:1] More text. [1:  Note text.] ⏎⏎

* ``[footnoteRef:N]`` / ``[endnoteRef:N]`` stand where the reference was; ``N`` is the internal id,
  not the number a reader sees.
* Each referenced note's text follows the paragraph as a block ``" [N: " text "] "``, in the order of
  the references. Bodies may contain ``]`` and line breaks, so blocks are found by searching for the
  expected ``" [N: "`` in turn, never by a pattern for ``]``. The first character of a body is the
  separator Word puts after the note's own number, not the author's.
* A note that is missing from the file prints ``!!! End note with ID "N" not found in document.``.
* ``[bookmark: NAME]`` is printed only at the start of a paragraph; ends are never printed.
* ``\\tComment by AUTHOR: TEXT`` follows the run text of the paragraph where a comment starts.

Lines and columns of findings are positions in the file itself.
"""

from __future__ import annotations

import re

from linter.limits import Limits
from linter.model import (
    CAP_WORD_BOOKMARK_NAMES,
    NOTE_MARK,
    Bookmark,
    Comment,
    Document,
    Note,
    NoteRef,
    Paragraph,
    Position,
    Segment,
    Span,
)
from linter.formats import ReadError
from linter.i18n import _

MARKER = re.compile(r"\[(footnote|endnote)Ref:(-?\d+)\]")
BOOKMARK = re.compile(r"\[bookmark: ([^\]\n]*)\]")
LIST_NUMBER = re.compile(r"(?:\d+[.)]|[a-z][.)]|[•·▪-]) ")
MISSING_NOTE = re.compile(r'!!! End note with ID "(-?\d+)" not found in document\.')
ORPHAN_BLOCK = re.compile(r" \[(-?\d+): ")
COMMENT = "\tComment by "
TIKA_SIGNS = ("[footnoteRef:", "[endnoteRef:", "[bookmark: ", "!!! End note with ID", COMMENT)


def _too_long(count: str, limits: Limits) -> ReadError:
    return ReadError(
        "IO003",
        _("The text draft has {count} characters, more than the {limit} kamerlint checks (the max_text_chars limit).", count=count, limit=f"{limits.max_text_chars:,}"),
    )


def decode(data: bytes, path: str, limits: Limits) -> tuple[str, list[tuple[str, str]]]:
    """Text of a draft, and reader findings (IO004) about how it was decoded."""
    if len(data) > 4 * limits.max_text_chars:  # more characters than the limit in any encoding: not decoded at all
        raise _too_long(f"{len(data) // 4:,}+", limits)
    findings: list[tuple[str, str]] = []
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        findings.append(("IO004", _("The text draft is saved as UTF-16, not UTF-8; it was read as UTF-16.")))
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
                findings.append(
                    (
                        "IO004",
                        _(
                            "The text draft is not saved as UTF-8; it was read as Windows-1252 (West European). "
                            "Check that letters such as ë and é came through, and save it as UTF-8."
                        ),
                    )
                )
            except UnicodeDecodeError:
                text = data.decode("utf-8", errors="replace")
                findings.append(
                    (
                        "IO004",
                        _("The text draft is not saved as UTF-8 or Windows-1252; unreadable characters were replaced by �. Save it as UTF-8."),
                    )
                )
    if len(text) > limits.max_text_chars:
        raise _too_long(f"{len(text):,}", limits)
    # Line ends: CRLF and CR count as one line end, as editors count them; offsets are then in the
    # normalised text, whose lines and columns are the file's.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, findings


def read_text(data: bytes, path: str, limits: Limits) -> Document:
    text, findings = decode(data, path, limits)
    if any(sign in text for sign in TIKA_SIGNS):
        doc = TikaParser(text, path).parse()
    else:
        doc = parse_plain(text, path)
    doc.read_findings.extend(findings)
    return doc


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def _add_text(para: Paragraph, text: str, src: int) -> None:
    if not text:
        return
    start = len(para.text)
    para.text += text
    para.segments.append(Segment(start, start + len(text), None, src, len(text)))


def parse_plain(text: str, path: str) -> Document:
    """Plain text: paragraphs are separated by blank lines; a line break inside a paragraph reads
    as a space (the source map stays one to one)."""
    doc = Document(path=path, format="text", source_text=text, line_starts=_line_starts(text))
    body = doc.new_story("body")
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        para = body.new_paragraph()
        para.source_start = m.start()
        _add_text(para, m.group().replace("\n", " "), m.start())
    return doc



def parse_editor_text(text: str, path: str, markers: str = NOTE_MARK) -> Document:
    """Text handed over by an editor as it is typed (a paragraph, or a few, for a grammar checker):
    read as plain text, where each character in ``markers`` stands for a note reference whose note
    is not in the text (its id is empty). The character becomes NOTE_MARK, one for one, so
    offsets in the paragraphs are offsets in ``text``."""
    doc = parse_plain(text, path)
    if not markers:
        return doc
    for para in doc.paragraphs():
        if not any(m in para.text for m in markers):
            continue
        chars = list(para.text)
        for offset, ch in enumerate(chars):
            if ch in markers:
                chars[offset] = NOTE_MARK
                ref = NoteRef("footnote", "", para, offset)
                para.note_refs.append(ref)
                doc.note_refs.append(ref)
        para.text = "".join(chars)
    return doc

class TikaParser:
    """Sequential parser for the Tika text export (see the module docstring)."""

    def __init__(self, text: str, path: str):
        self.src = text
        self.doc = Document(
            path=path, format="tika", source_text=text, line_starts=_line_starts(text),
            capabilities=frozenset({CAP_WORD_BOOKMARK_NAMES}),  # Tika exports a Word file
        )
        self.body = self.doc.new_story("body")
        # Note stories are appended after the body, in order of first appearance.
        self.note_blocks: list[tuple[str, str, int, int]] = []  # kind, id, body start, body end
        self._first_refs: dict | None = None

    def parse(self) -> Document:
        src = self.src
        pos = 0
        n = len(src)
        while pos < n:
            pos = self.paragraph(pos)
        self.build_notes()
        self.doc.link_notes()
        return self.doc

    # -- one body paragraph -------------------------------------------------------------------
    def paragraph(self, pos: int) -> int:
        src = self.src
        para = self.body.new_paragraph()
        para.source_start = pos
        line_end = src.find("\n", pos)
        if line_end == -1:
            line_end = len(src)

        # Bookmarks, after an optional list number, at the start of the paragraph.
        m = LIST_NUMBER.match(src, pos, line_end)
        probe = m.end() if m and src.startswith("[bookmark: ", m.end()) else pos
        if probe != pos:
            _add_text(para, src[pos:probe], pos)
        pos = probe
        while True:
            b = BOOKMARK.match(src, pos, line_end)
            if not b:
                break
            self.doc.bookmarks.append(
                Bookmark(name=b.group(1), id=None, start=Position(para, len(para.text)), source=(b.start(), b.end()))
            )
            pos = b.end()

        markers = list(MARKER.finditer(src, pos, line_end))
        if not markers:
            orphans = self._orphan_blocks(pos, line_end)
            self.runs(para, pos, orphans[0][1] if orphans else line_end)
            for note_id, _, body_start, body_end in orphans:
                self.note_blocks.append(("footnote", note_id, body_start, body_end))
            return line_end + 1

        # Note blocks follow the run text: find each expected " [N: " in turn.
        cursor = markers[-1].end()
        blocks: list[tuple[re.Match, int, int]] = []  # marker, block start, body start
        first_block = None
        for mk in markers:
            token = f" [{mk.group(2)}: "
            j = src.find(token, cursor)
            if j == -1 or (first_block is None and j > line_end):
                continue  # a marker without its block (e.g. in a content control)
            if first_block is None:
                first_block = j
            blocks.append((mk, j, j + len(token)))
            cursor = j + len(token)
        run_end = first_block if first_block is not None else line_end
        self.runs(para, pos, run_end, markers)

        if not blocks:
            return line_end + 1
        end = None
        for i, (mk, j, body_start) in enumerate(blocks):
            if i + 1 < len(blocks):
                body_end = blocks[i + 1][1] - 2  # "] " then the next " [N: "
                if src[body_end : body_end + 2] != "] ":
                    body_end = src.rfind("]", body_start, blocks[i + 1][1])
            else:
                body_end, end = self._last_block_end(body_start)
            self.note_blocks.append((mk.group(1), mk.group(2), body_start, max(body_end, body_start)))
        return end

    def _orphan_blocks(self, start: int, end: int) -> list[tuple[str, int, int, int]]:
        """Note blocks in a paragraph without markers (a hand-edited export): `` [N: …] `` at the
        very end of the line, as (id, block start, body start, body end). Only taken when the line
        ends the way a block ends, to stay clear of ordinary bracketed text."""
        src = self.src
        if not src.startswith("] ", end - 2):
            return []
        starts = list(ORPHAN_BLOCK.finditer(src, start, end))
        blocks = []
        for i, m in enumerate(starts):
            body_end = starts[i + 1].start() - 2 if i + 1 < len(starts) else end - 2
            if src[body_end : body_end + 2] != "] ":
                return []
            blocks.append((m.group(1), m.start(), m.end(), body_end))
        return blocks

    def _last_block_end(self, body_start: int) -> tuple[int, int]:
        """End of the last note body and of the paragraph: ``"] \\n"`` then the paragraph's own
        line end (a blank line follows a paragraph with notes)."""
        src = self.src
        k = src.find("] \n\n", body_start)
        if k != -1:
            return k, k + 4
        k = src.find("] \n", body_start)
        if k != -1:
            return k, k + 3
        k = src.find("]\n", body_start)
        if k != -1:
            return k, k + 2
        k = src.rfind("]")
        if k >= body_start:
            return k, len(src)
        return len(src), len(src)

    def runs(self, para: Paragraph, start: int, end: int, markers: list[re.Match] | None = None) -> None:
        """Run text of a paragraph: text, note markers and comment blocks."""
        src = self.src
        # Comments: "\tComment by AUTHOR: TEXT" after the run text.
        c = src.find(COMMENT, start, end)
        text_end = c if c != -1 else end
        pos = start
        # The text is joined once at the end: adding to para.text piece by piece copied it at each
        # marker (a paragraph of 60,000 markers: 42 s).
        pieces = [para.text]
        length = len(para.text)
        for mk in markers or ():
            if mk.start() >= text_end:
                break
            if mk.start() > pos:
                pieces.append(src[pos : mk.start()])
                para.segments.append(Segment(length, length + mk.start() - pos, None, pos, mk.start() - pos))
                length += mk.start() - pos
            pieces.append(NOTE_MARK)
            para.segments.append(Segment(length, length + 1, None, mk.start(), mk.end() - mk.start()))
            ref = NoteRef(kind=mk.group(1), id=mk.group(2), paragraph=para, offset=length)
            para.note_refs.append(ref)
            self.doc.note_refs.append(ref)
            length += 1
            pos = mk.end()
        para.text = "".join(pieces)
        _add_text(para, src[pos:text_end], pos)
        while c != -1:
            nxt = src.find(COMMENT, c + 1, end)
            block_end = nxt if nxt != -1 else end
            self.comment(para, c, block_end)
            c = nxt

    def comment(self, para: Paragraph, start: int, end: int) -> None:
        body = self.src[start + len(COMMENT) : end]
        author, sep, text = body.partition(": ")
        comment = Comment(id=str(len(self.doc.comments)), author=author if sep else None)
        story = self.doc.new_story("comment", comment=comment)
        comment.story = story
        p = story.new_paragraph()
        text_start = start + len(COMMENT) + (len(author) + 2 if sep else 0)
        p.source_start = text_start
        _add_text(p, text if sep else body, text_start)
        comment.anchor = Span(para, len(para.text), len(para.text), source=(start, end))
        self.doc.comments.append(comment)

    # -- notes --------------------------------------------------------------------------------
    def first_refs(self) -> dict:
        """The first reference to each note, by (kind, id), made once (for missing notes)."""
        if self._first_refs is None:
            self._first_refs = {}
            for ref in self.doc.note_refs:
                self._first_refs.setdefault((ref.kind, ref.id), ref)
        return self._first_refs

    def build_notes(self) -> None:
        src = self.src
        for kind, note_id, body_start, body_end in self.note_blocks:
            key = (kind, note_id)
            body = src[body_start:body_end]
            missing = MISSING_NOTE.fullmatch(body.strip())
            if missing:
                # A dangling reference in the source .docx: no note to build.
                ref = self.first_refs().get(key)
                if ref is not None:
                    self.doc.missing_notes.append((kind, note_id, Span(ref.paragraph, ref.offset, ref.offset + 1)))
                continue
            if key in self.doc.notes:
                continue  # the same note printed again for a second reference
            note = Note(kind=kind, id=note_id, source_start=body_start, source_end=body_end)
            story = self.doc.new_story(kind, note=note)
            note.story = story
            # Word's separator after the note's own number is not the author's text.
            pos = body_start
            if pos < body_end and src[pos] in " \t":
                pos += 1
            for m in re.finditer(r"[^\n]*", src[pos:body_end]):
                if m.start() > 0 and m.start() == m.end() and src[pos + m.start() - 1 : pos + m.start()] != "\n":
                    continue  # finditer's empty match after a non-empty one
                p = story.new_paragraph()
                p.source_start = pos + m.start()
                _add_text(p, m.group(), pos + m.start())
            self.doc.notes[key] = note
