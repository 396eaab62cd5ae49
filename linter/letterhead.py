"""The letter's head: the date the letter carries, and where that date came from.

A Kamerbrief in the Rijkshuisstijl template states its date in its head, beside `Kenmerk` and
`Betreft`: in a date content control titled `Datum`, in a field, or on a line labelled `Datum` in a
frame, a text box, the first page's header or the body. The rules that need the letter's date
(TZ002) ask :func:`find_letter_date`; ``lint --show-settings`` for a file says what it found.

Which date counts, first to last:

1. ``--letter-date`` on the command line: the user knows best (a draft may carry last month's date).
2. A date content control named `Datum` (or `Date`, `Dagtekening`), or one on a line labelled
   `Datum`, that is filled in: its stored date (``w:date/@w:fullDate``).
3. A field that gives `Datum` (``DOCPROPERTY Datum``, ``DOCVARIABLE Datum``, …), or a date field
   (``DATE``, ``CREATEDATE``, …) on a line labelled `Datum`: the date its result shows.
4. A line labelled `Datum` (or `Den Haag,`, `'s-Gravenhage,`) followed by a date, in the head
   (the first page's header, its text boxes, the body's first paragraphs, its frames and text
   boxes); `Datum` and the date may be on two lines, as in a two-column head.
5. A line that is only a date, near the top of the letter.

Without any of them there is no letter's date, and TZ002 stays silent.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from linter.i18n import _

if TYPE_CHECKING:
    from datetime import date

    from linter.model import Document, Paragraph

#: Titles and tags of a date control that holds the letter's date (compared in small letters).
DATE_CONTROL_NAMES = ("datum", "date", "dagtekening", "datum brief", "briefdatum")
#: Labels before the letter's date on a line of its head.
DATE_LABEL = re.compile(r"^\s*(?:Datum|Den Haag|'s-Gravenhage)\b[\s:,]*")
#: The label alone, the date on the next line (or after a tab, in the next cell of a frame).
LABEL_ONLY = re.compile(r"^\s*(?:Datum|Date|Dagtekening)\s*:?\s*$", re.IGNORECASE)
#: Fields whose result is the letter's date when their argument names it.
NAMED_FIELDS = ("DOCPROPERTY", "DOCVARIABLE", "MERGEFIELD", "REF", "ASK", "FILLIN")
DATE_FIELDS = ("DATE", "CREATEDATE", "SAVEDATE", "PRINTDATE")
#: How far into the body the head is looked for (non-empty paragraphs).
HEAD_PARAGRAPHS = 40


class LetterDate:
    """The letter's date, how it was found (``command-line``, ``content-control``, ``field``,
    ``line``) and where (a place in the letter, in the words of the reports)."""

    __slots__ = ("date", "origin", "where", "name")

    def __init__(self, date: date, origin: str, where: str = "", name: str = ""):
        self.date = date
        self.origin = origin
        self.where = where
        #: The control's name or the field's instruction.
        self.name = name

    def __repr__(self) -> str:
        return f"LetterDate({self.date!r}, {self.origin!r}, {self.where!r})"

    def describe(self) -> str:
        """Where the date came from, in the reader's language."""
        if self.origin == "command-line":
            return _("--letter-date on the command line")
        if self.origin == "content-control":
            return _('content control "{name}", {place}', name=self.name, place=self.where) if self.name else _("a date content control, {place}", place=self.where)
        if self.origin == "field":
            return _("field {field}, {place}", field=self.name, place=self.where)
        return self.where


def find_letter_date(doc: Document, settings=None) -> LetterDate | None:
    """The letter's date and where it came from (see the module's documentation), or None."""
    given = getattr(settings, "letter_date", None) if settings is not None else None
    if given:
        return LetterDate(given, "command-line")
    return _from_control(doc) or _from_field(doc) or _from_line(doc)


def letter_date(doc: Document, settings=None) -> date | None:
    found = find_letter_date(doc, settings)
    return found.date if found is not None else None


# -- the sources, in order ------------------------------------------------------------------------


def _in_head(para: Paragraph) -> bool:
    return para.story.kind in ("body", "header")


def _labelled(para: Paragraph, start: int) -> bool:
    """Whether the text before ``start`` in ``para`` (or the paragraph before it) is a `Datum` label."""
    before = para.text[:start]
    if before.strip():
        return bool(LABEL_ONLY.match(before.replace("\t", " ")))
    story = para.story
    previous = story.paragraphs[para.index - 2] if para.index >= 2 else None
    return previous is not None and bool(LABEL_ONLY.match(previous.text))


def _from_control(doc: Document) -> LetterDate | None:
    from linter.diagnostics import paragraph_place

    named, labelled = None, None
    for control in doc.content_controls:
        span = control.span
        if control.type != "date" or control.showing_placeholder or span is None or not _in_head(span.paragraph):
            continue
        when = _iso_date(control.full_date) if control.full_date else None
        if when is None:
            from linter.citations.dates import parse_date

            when = parse_date(control.text)
        if when is None:
            continue
        found = LetterDate(when, "content-control", paragraph_place(span.paragraph), control.name or "")
        if named is None and (control.name or "").strip().lower() in DATE_CONTROL_NAMES:
            named = found
        elif labelled is None and _labelled(span.paragraph, span.start):
            labelled = found
    return named or labelled


def _from_field(doc: Document) -> LetterDate | None:
    from linter.citations.dates import parse_date
    from linter.diagnostics import paragraph_place

    for field in doc.fields:
        span = field.span
        if span is None or span.end <= span.start or not _in_head(span.paragraph):
            continue
        words = field.instruction.replace('"', " ").split()
        keyword = field.keyword
        named = keyword in NAMED_FIELDS and len(words) > 1 and words[1].lower() in DATE_CONTROL_NAMES
        if not (named or (keyword in DATE_FIELDS and _labelled(span.paragraph, span.start))):
            continue
        when = parse_date(span.text)
        if when is not None:
            return LetterDate(when, "field", paragraph_place(span.paragraph), " ".join(words[:2]))
    return None


def _head(doc: Document) -> list:
    """The paragraphs of the head, in the order they are searched: the first page's headers, the
    other headers, the body's first paragraphs, then the text boxes of headers and body."""
    main = [s for s in doc.stories if s.kind in ("body", "header") and s.text_box is None]
    main.sort(key=lambda s: (s.kind != "header" or s.variant != "first", s.kind != "header"))
    boxes = [s for s in doc.stories if s.kind in ("body", "header") and s.text_box is not None]
    paragraphs = []
    for story in main:
        if story.kind == "header":
            paragraphs.extend(story.paragraphs)
            continue
        seen = 0
        for para in story.paragraphs:
            paragraphs.append(para)
            seen += bool(para.text.strip())
            if seen >= HEAD_PARAGRAPHS:
                break
    for story in boxes:
        paragraphs.extend(story.paragraphs)
    return paragraphs


def _from_line(doc: Document) -> LetterDate | None:
    from linter.citations import patterns as P
    from linter.citations.dates import parse_date
    from linter.diagnostics import paragraph_place

    for para in _head(doc):
        text = para.text.strip()
        m = DATE_LABEL.match(text)
        if m and P.DATE.match(text[m.end():].strip()):
            found = parse_date(text[m.end():])
            if found:
                return LetterDate(found, "line", paragraph_place(para))
        if LABEL_ONLY.match(text):
            following = para.story.paragraphs[para.index] if para.index < len(para.story.paragraphs) else None
            if following is not None and P.DATE.match(following.text.strip()):
                found = parse_date(following.text)
                if found:
                    return LetterDate(found, "line", paragraph_place(following))
    # As before the head was read: a short line that is only a date, near the top.
    seen = 0
    for para in doc.paragraphs("body", "header"):
        text = para.text.strip()
        if not text or para.story.text_box is not None:
            continue
        seen += 1
        if seen > HEAD_PARAGRAPHS:
            break
        if len(text) < 40 and P.DATE.match(text):
            found = parse_date(text)
            if found:
                return LetterDate(found, "line", paragraph_place(para))
    return None


def _iso_date(value: str) -> date | None:
    """The date of an ISO 8601 date or date-time (``2025-03-25T00:00:00Z``), or None."""
    from datetime import date

    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
