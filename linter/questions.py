"""The questions an answer to Kamervragen repeats word for word.

An answer letter (the ministry's `Antwoorden op Kamervragen`, or the Aanhangsel that publishes
them) quotes each question of the Kamer before its answer. What is wrong in the quoted question is
the Kamer member's text: the ministry cannot change it, so a finding there cannot be acted on.
The engine leaves findings about wording inside these blocks out of the report, unless
``report-questions`` asks for them; findings about the file itself (tracked changes, comments,
hidden text, placeholders, bookmarks, unreadable parts) stay, since they are the drafter's.

A question block starts at a line that is a question heading, and ends where the answer starts:

* ``Vraag``, ``Vraag 1``, ``Vraag 1:``, ``Vraag 3, 4 en 5`` alone on a line, or ``Vraag 1: Bent
  u …`` with the question after it;
* in a letter without such headings, a numbered line (``1``, ``1.``, ``1)``, alone or before the
  question) whose number is the next question's number, holding a question mark before the
  answer starts;

and the answer starts at a line ``Antwoord``, ``Antwoord 1``, ``Antwoord op vraag 1``,
``Antwoord van de minister …`` or ``Mededeling``. Without an answer after it, a heading starts no
block: the document is no answer letter. A heading alone in its paragraph (a Word letter, where
every line is a paragraph) opens a block that runs on over the next paragraphs; a heading with the
question after it in one paragraph (a text export of a typeset page) closes its block at the
paragraph's end, so that the page's notes and running footer after it are not taken for the
question. A note whose every reference sits in a question is part of the question.
"""

from __future__ import annotations

import re
import weakref

from linter.i18n import _
from linter.model import Document, Paragraph

#: The families whose findings are about the wording of the text; the others (DR, BM, IO) are
#: about the file and stay, wherever they are.
WORDING_FAMILIES = ("CO", "DT", "FN", "HA", "KS", "MO", "PB", "TZ")

#: "1", "1a", "3, 4, 5 en 6", "7 t/m 9": the numbers of one or more questions.
NUMBERS = r"\d{1,3}[a-z]?(?:(?:\s*(?:,|en|t/m|tot en met|-|–)\s*|\s+)\d{1,3}[a-z]?)*"
QUESTION_HEADING = re.compile(rf"\s*(?:Vra(?:ag|gen)|VRA(?:AG|GEN))(?:\s+(?:{NUMBERS}|[IVX]{{1,5}}))?\s*[:.]?\s*$")
QUESTION_INLINE = re.compile(rf"\s*Vra(?:ag|gen)(?:\s+{NUMBERS})?\s*[:.]\s*\S")
NUMBERED = re.compile(r"\s*(\d{1,3})(?:[.)]|\s*$|\s+(?=\S))")
ANSWER = re.compile(
    rf"\s*(?:(?:Antwoord(?:en)?|ANTWOORD(?:EN)?)(?:\s+(?:op\s+)?(?:(?:de\s+)?vra(?:ag|gen)\s+)?{NUMBERS})?(?:[\s:.]|$)|Mededeling\s*$)"
)


#: Words every answer heading holds: a cheap test before the lines are split.
ANSWER_WORDS = ("Antwoord", "ANTWOORD", "Mededeling")


class Line:
    """One line of the body: a paragraph, or in a text draft a source line of one."""

    __slots__ = ("para", "start", "end", "alone")

    def __init__(self, para: Paragraph, start: int, end: int, alone: bool):
        self.para = para
        self.start = start
        self.end = end
        #: The line is its paragraph's only line.
        self.alone = alone

    @property
    def text(self) -> str:
        return self.para.text[self.start:self.end]


def body_lines(doc: Document) -> list[Line]:
    """The body as lines, in order: each paragraph, cut at the source's line breaks in a text
    draft (whose reader joins the lines of a paragraph with a space)."""
    from linter.citations.scan import line_starts

    lines: list[Line] = []
    for story in doc.stories:
        if story.kind != "body":
            continue
        for para in story.paragraphs:
            starts = sorted(line_starts(doc, para)) if doc.line_starts is not None else []
            cuts = [0, *starts, len(para.text) + 1]
            alone = len(cuts) == 2
            for a, b in zip(cuts, cuts[1:]):
                lines.append(Line(para, a, max(a, b - 1), alone))
    return lines


_BLOCKS: "weakref.WeakKeyDictionary[Document, dict]" = weakref.WeakKeyDictionary()


def question_blocks(doc: Document) -> dict[int, list[tuple[int, int]]]:
    """Per body paragraph (by id), the ranges of its text that are quoted questions (the engine
    and the consistency rules ask; found once a document)."""
    found = _BLOCKS.get(doc)
    if found is None:
        found = _BLOCKS[doc] = _question_blocks(doc)
    return found


def _question_blocks(doc: Document) -> dict[int, list[tuple[int, int]]]:
    if not any(word in para.text for para in doc.paragraphs("body") for word in ANSWER_WORDS):
        return {}  # most letters: no answer, so no answer letter (and no line to split)
    lines = body_lines(doc)
    if not any(ANSWER.match(line.text) for line in lines):
        return {}  # no answer, so no answer letter
    headed = any(QUESTION_HEADING.match(line.text) or QUESTION_INLINE.match(line.text) for line in lines)
    blocks: dict[int, list[tuple[int, int]]] = {}
    expected = 1
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text
        start = False
        if headed:
            start = bool(QUESTION_HEADING.match(text) or QUESTION_INLINE.match(text))
        else:
            m = NUMBERED.match(text)
            start = bool(m) and int(m.group(1)) == expected
        if not start:
            i += 1
            continue
        end = _block_end(lines, i)
        if end is None or (not headed and not any("?" in lines[j].text for j in range(i, end))):
            i += 1
            continue
        if not headed:
            expected += 1
        for j in range(i, end):
            part = lines[j]
            ranges = blocks.setdefault(id(part.para), [])
            if ranges and ranges[-1][1] + 1 >= part.start:
                ranges[-1] = (ranges[-1][0], part.end)  # the next line of the same block: one range
            else:
                ranges.append((part.start, part.end))
        i = end
    return blocks


def _block_end(lines: list[Line], i: int) -> int | None:
    """The index of the line where the answer to the question starting at line ``i`` starts
    (the block is ``lines[i:end]``), or None when no answer follows."""
    first = lines[i]
    runs_on = first.alone
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if ANSWER.match(line.text):
            return j
        if QUESTION_HEADING.match(line.text) or QUESTION_INLINE.match(line.text):
            return None  # another question before any answer: not the answer letter's pattern
        if line.para is not first.para and not runs_on:
            # The heading shared its paragraph with the question: the block ends with that paragraph.
            return j if any(ANSWER.match(rest.text) for rest in lines[j:]) else None
        j += 1
    return None


def question_notes(doc: Document, blocks: dict[int, list[tuple[int, int]]]) -> set[int]:
    """The notes (their stories, by id) whose every reference sits in a question block."""
    out: set[int] = set()
    for note in doc.normal_notes():
        refs = note.references
        if note.story is not None and refs and all(in_blocks(blocks, r.paragraph, r.offset, r.offset + 1) for r in refs):
            out.add(id(note.story))
    return out


def in_blocks(blocks: dict[int, list[tuple[int, int]]], para: Paragraph, start: int, end: int) -> bool:
    ranges = blocks.get(id(para))
    if not ranges:
        return False
    return any(a <= start and max(end, start) <= b + 1 for a, b in ranges)


def quoted_question(doc: Document):
    """A test ``(paragraph, start, end) -> bool``: whether that text is inside a quoted question
    (or a note of one). For rules that weigh the letter's own text, such as its spelling."""
    blocks = question_blocks(doc)
    if not blocks:
        return lambda para, start, end: False
    notes = question_notes(doc, blocks)
    return lambda para, start, end: id(para.story) in notes or in_blocks(blocks, para, start, end)


def leave_out_questions(doc: Document, diagnostics: list) -> list:
    """The findings without those about the wording of a quoted question."""
    if not any(d.span is not None and d.code.startswith(WORDING_FAMILIES) for d in diagnostics):
        return diagnostics
    if not question_blocks(doc):
        return diagnostics
    quoted = quoted_question(doc)
    return [d for d in diagnostics
            if not (d.span is not None and d.code.startswith(WORDING_FAMILIES) and quoted(d.span.paragraph, d.span.start, d.span.end))]


def rule_note(code: str) -> str | None:
    """What ``lint rule CODE`` says about quoted questions, for a rule about wording."""
    if not code.startswith(WORDING_FAMILIES):
        return None
    return _("In an answer to Kamervragen, findings inside the questions the answer quotes are not reported: "
             "the Kamer's text cannot be changed. `--report-questions` (or `report-questions = true`) reports them.")
