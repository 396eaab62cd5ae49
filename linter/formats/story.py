"""Positions for things that sit between paragraphs, shared by the .docx and .odt readers.

OOXML and ODF both allow bookmarks, comment ranges and change marks between paragraphs. A start
there belongs at the next paragraph's start; an end at the previous paragraph's end. A story walk
mixes this class in and keeps ``para`` (the open paragraph or None), ``pos`` (the offset in it),
``last_para`` and ``pending`` (callbacks waiting for the next paragraph) up to date.
"""

from __future__ import annotations

from linter.model import Paragraph, Position


class StoryPositions:
    para: Paragraph | None
    pos: int
    last_para: Paragraph | None
    pending: list

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
