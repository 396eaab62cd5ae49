"""Positions for things that sit between paragraphs, shared by the .docx and .odt readers.

OOXML and ODF both allow bookmarks, comment ranges and change marks between paragraphs. A start
there belongs at the next paragraph's start; an end at the previous paragraph's end. A story walk
mixes this class in and keeps ``para`` (the open paragraph or None), ``pos`` (the offset in it),
``last_para`` and ``pending`` (callbacks waiting for the next paragraph) up to date.
"""

from __future__ import annotations

from linter.formats.fields import field_target
from linter.model import Bookmark, CrossReference, Document, Field, Paragraph, Position, Range, Span

#: add_field's default: the field's target is read from its instruction (Word's field syntax).
FROM_INSTRUCTION = object()


class StoryPositions:
    doc: Document
    para: Paragraph | None
    pos: int
    last_para: Paragraph | None
    pending: list
    #: The last formatting range of each kind in the open paragraph, to be lengthened by the next.
    last_range: dict[str, Range]

    def position(self) -> Position | None:
        """Here, if inside a paragraph; None between paragraphs."""
        return Position(self.para, self.pos) if self.para is not None else None

    def at_position(self, callback) -> None:
        """Call ``callback(position)`` with here or, between paragraphs, the next paragraph start."""
        if self.para is not None:
            callback(Position(self.para, self.pos))
        else:
            self.pending.append(callback)

    def at_end_position(self, callback) -> None:
        """Like at_position, but between paragraphs the end of the previous paragraph."""
        if self.para is None and self.last_para is not None:
            callback(Position(self.last_para, len(self.last_para.text)))
        else:
            self.at_position(callback)

    def paragraph_started(self, para: Paragraph) -> None:
        """What waited between paragraphs lands at the start of this one."""
        if self.pending:
            start = Position(para, 0)
            for callback in self.pending:
                callback(start)
            self.pending = []

    def story_ended(self) -> None:
        """What still waits lands at the end of the last paragraph (or nowhere, in an empty story)."""
        if self.pending:
            last = self.last_para
            position = Position(last, len(last.text)) if last is not None else None
            for callback in self.pending:
                callback(position)
            self.pending = []

    def add_range(self, para: Paragraph, kind: str, start: int, end: int, data) -> None:
        last = self.last_range.get(kind)
        if last is not None and last.end == start and last.data == data:
            last.end = end  # runs split for other reasons: one range
            return
        rng = Range(kind, start, end, data)
        para.ranges.append(rng)
        self.last_range[kind] = rng

    def close_bookmark(self, bookmark: Bookmark | None, key: str) -> None:
        """End ``bookmark`` here; without one (no start had ``key``) record an orphan end."""
        if bookmark is not None:
            self.at_end_position(lambda p, b=bookmark: setattr(b, "end", p))
            return
        orphans = self.doc.orphan_bookmark_ends
        index = len(orphans)
        orphans.append((key, None))
        self.at_end_position(lambda p: orphans.__setitem__(index, (key, p)))

    def add_field(self, instruction: str, span: Span | None, simple: bool = False, target=FROM_INSTRUCTION) -> None:
        """A field and its result range, and the cross-reference if it points at a bookmark:
        ``target`` is (kind, bookmark) or None, by default read from the instruction."""
        found = Field(instruction=instruction, span=span, simple=simple)
        self.doc.fields.append(found)
        if span is None:
            return
        if span.end > span.start:
            span.paragraph.ranges.append(Range("field-result", span.start, span.end, found))
        if target is FROM_INSTRUCTION:
            target = field_target(instruction)
        if target is not None:
            self.doc.cross_references.append(CrossReference(target[0], target[1], span, instruction))


def spread_comment(comment, start: Position, end: Position) -> None:
    """Anchor ``comment`` from ``start`` to ``end``: its anchor is the part in the first paragraph,
    and every paragraph the range covers gets a "comment" range for its part."""
    first, last = start.paragraph, end.paragraph
    if first is last:
        hi = max(start.offset, end.offset)
        comment.anchor = Span(first, start.offset, hi)
        first.ranges.append(Range("comment", start.offset, hi, comment))
        return
    comment.anchor = Span(first, start.offset, len(first.text))
    story = first.story
    if last.story is not story or last.index < first.index:
        return
    for para in story.paragraphs[first.index - 1 : last.index]:
        lo = start.offset if para is first else 0
        hi = end.offset if para is last else len(para.text)
        para.ranges.append(Range("comment", lo, hi, comment))
