"""The format-neutral document model.

Readers (one per format) build a :class:`Document`; rules read it and never see XML or file
formats. Everything a rule can point at is a :class:`Span` in one :class:`Paragraph`'s visible
text; the paragraph carries a map from every character back to its source, so that reporters can
give lines and columns in a text file and fixes can find the XML node in a .docx.

Visible text follows what a reader of the printed letter sees: field results are kept, field codes
and deleted text are left out, and a note reference is one character (:data:`NOTE_MARK`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from reprlib import recursive_repr

#: The one character that stands for a footnote or endnote reference in visible text.
NOTE_MARK = "\ufffc"

#: Story kinds in report order (output.md: body, footnotes, endnotes, comments, headers, footers).
STORY_KINDS = ("body", "footnote", "endnote", "comment", "header", "footer")
STORY_ORDER = {kind: i for i, kind in enumerate(STORY_KINDS)}


# The model's classes are plain classes with __slots__, not dataclasses: every run builds them at
# start-up, and importing dataclasses (with inspect) and building each class costs more than the
# checking of a small letter's paragraphs.


class Fields:
    """A plain class whose ``__slots__`` are its fields: a repr that names them (and survives
    the model's cycles, story ↔ paragraph). Compared by identity, as the model's objects are."""

    __slots__ = ()

    @recursive_repr()
    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{name}={getattr(self, name)!r}' for name in self.__slots__)})"


class Value(Fields):
    """:class:`Fields` compared by value, field by field (unhashable, as a dataclass is)."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)


class Segment(Value):
    """A run of visible text and where it came from.

    ``start``/``end`` are offsets in the paragraph's text. ``node`` is the source object (an lxml
    element in a .docx, ``None`` in a text file) and ``offset`` the position in it (an offset in the
    node's text, or a character offset in the text file). ``length`` is the length in the source:
    equal to ``end - start`` except for atomic segments such as a note marker, whose one character
    stands for ``[footnoteRef:12]`` in the file.
    """

    __slots__ = ("start", "end", "node", "offset", "length")

    def __init__(self, start: int, end: int, node: object, offset: int, length: int):
        self.start = start
        self.end = end
        self.node = node
        self.offset = offset
        self.length = length


def _segment_start(segment: Segment) -> int:
    return segment.start


class Paragraph(Fields):
    """One paragraph of a story: its visible text, a source map and the inline objects in it."""

    __slots__ = ("story", "index", "text", "segments", "note_refs", "ranges", "source_start", "style", "in_table", "frame")

    def __init__(
        self,
        story: Story,
        index: int,  # 1-based within its story, empty paragraphs and table cells included
        text: str = "",
        segments: list[Segment] | None = None,
        note_refs: list[NoteRef] | None = None,
        ranges: list[Range] | None = None,
        #: Source position of the paragraph start (text formats: file offset) for zero-width spans.
        source_start: int | None = None,
        #: Style name (.docx ``w:pStyle``), when the format has one.
        style: str | None = None,
        in_table: bool = False,
        #: The frame (.docx ``w:framePr``) the paragraph sits in: its number in the story, counting
        #: a run of paragraphs with the same frame properties as one frame, as Word does.
        frame: int | None = None,
    ):
        self.story = story
        self.index = index
        self.text = text
        self.segments = [] if segments is None else segments
        self.note_refs = [] if note_refs is None else note_refs
        self.ranges = [] if ranges is None else ranges
        self.source_start = source_start
        self.style = style
        self.in_table = in_table
        self.frame = frame

    def source_offset(self, offset: int) -> int | None:
        """The source offset (text formats) of visible-text ``offset``; the end of the text maps
        to the end of the last segment."""
        if not self.segments:
            return self.source_start
        # Segments follow the text: the one holding ``offset`` is found by bisection (a loop
        # over them made a Markdown paragraph of 50,000 links quadratic).
        seg = self._segment_before(offset, bisect_right)
        if seg is not None and offset < seg.end:
            if seg.length != seg.end - seg.start:  # atomic: the whole source span
                return seg.offset
            return seg.offset + (offset - seg.start)
        last = self.segments[-1]
        if offset >= last.end:
            return last.offset + last.length
        for seg in self.segments:  # out of order (no reader makes such): as it always was
            if seg.start <= offset < seg.end:
                if seg.length != seg.end - seg.start:
                    return seg.offset
                return seg.offset + (offset - seg.start)
        # In a gap between segments (should not happen): the next segment's start.
        for seg in self.segments:
            if seg.start >= offset:
                return seg.offset
        return last.offset + last.length

    def source_end(self, end: int) -> int | None:
        """The source offset just after visible text ``[.., end)``."""
        if end <= 0 or not self.segments:
            return self.source_offset(end)
        seg = self._segment_before(end, bisect_left)
        if seg is not None and end <= seg.end:
            if seg.length != seg.end - seg.start:
                return seg.offset + seg.length
            return seg.offset + (end - seg.start)
        for seg in self.segments:
            if seg.start < end <= seg.end:
                if seg.length != seg.end - seg.start:
                    return seg.offset + seg.length
                return seg.offset + (end - seg.start)
        return self.source_offset(end)

    def _segment_before(self, offset: int, bisect) -> Segment | None:
        """The last segment with text that starts at or before ``offset`` (``bisect_right``) or
        before it (``bisect_left``)."""
        segments = self.segments
        i = bisect(segments, offset, key=_segment_start) - 1
        while i >= 0 and segments[i].start == segments[i].end:  # empty: holds no offset
            i -= 1
        return segments[i] if i >= 0 else None

    def ranges_of(self, kind: str) -> list[Range]:
        return [r for r in self.ranges if r.kind == kind] if self.ranges else []


class Story(Fields):
    """One flow of text: the body, one note, one comment, one header or footer, or a text box.

    A text box (a DrawingML or VML shape with text in a .docx, a ``draw:text-box`` in an .odt) is
    a flow of its own, anchored in another story: its ``kind`` is that story's kind (so a rule that
    reads the body or the headers reads the text boxes in them too), ``host`` is that story, and
    ``text_box`` its number there, in reading order."""

    __slots__ = ("kind", "paragraphs", "note", "comment", "part", "variant", "host", "text_box")

    def __init__(
        self,
        kind: str,  # one of STORY_KINDS
        paragraphs: list[Paragraph] | None = None,
        #: For note stories, the note; for comment stories, the comment.
        note: Note | None = None,
        comment: Comment | None = None,
        #: Source part (e.g. ``word/header1.xml``), for headers and footers.
        part: str | None = None,
        #: Headers and footers: on which pages they show, ``first`` or ``even`` (None: the others).
        variant: str | None = None,
        #: Text boxes: the story the text box is anchored in, and its number there (1, 2, …).
        host: Story | None = None,
        text_box: int | None = None,
    ):
        self.kind = kind
        self.paragraphs = [] if paragraphs is None else paragraphs
        self.note = note
        self.comment = comment
        self.part = part
        self.variant = variant
        self.host = host
        self.text_box = text_box

    def new_paragraph(self) -> Paragraph:
        p = Paragraph(story=self, index=len(self.paragraphs) + 1)
        self.paragraphs.append(p)
        return p

    @property
    def text(self) -> str:
        paragraphs = self.paragraphs
        if len(paragraphs) == 1:  # most notes; rules ask for a note's text again and again
            return paragraphs[0].text
        return "\n".join([p.text for p in paragraphs])


class Note(Fields):
    """A footnote or endnote as stored: its internal id, type and its own story."""

    __slots__ = ("kind", "id", "type", "story", "number", "references", "source_start", "source_end")

    def __init__(
        self,
        kind: str,  # "footnote" | "endnote"
        id: str,  # internal id (w:id in a .docx, N in a Tika ``[N: …]`` block)
        type: str = "normal",  # normal | separator | continuationSeparator | continuationNotice
        story: Story | None = None,
        #: The number a reader sees: its place in the order of references, custom marks aside.
        number: int | None = None,
        references: list[NoteRef] | None = None,
        #: Where the note's text begins in the source (text formats: file offset of ``[N:``).
        source_start: int | None = None,
        source_end: int | None = None,
    ):
        self.kind = kind
        self.id = id
        self.type = type
        self.story = story
        self.number = number
        self.references = [] if references is None else references
        self.source_start = source_start
        self.source_end = source_end

    @property
    def is_normal(self) -> bool:
        return self.type == "normal"

    @property
    def text(self) -> str:
        return self.story.text if self.story else ""

    @property
    def label(self) -> str:
        return str(self.number) if self.number is not None else f"id {self.id}"


class NoteRef(Fields):
    """A note reference in running text: one character (NOTE_MARK) in its paragraph."""

    __slots__ = ("kind", "id", "paragraph", "offset", "custom_mark", "note")

    def __init__(
        self,
        kind: str,  # "footnote" | "endnote"
        id: str,
        paragraph: Paragraph,
        offset: int,
        custom_mark: str | None = None,  # w:customMarkFollows: the mark typed after it
        note: Note | None = None,  # resolved by Document.link_notes()
    ):
        self.kind = kind
        self.id = id
        self.paragraph = paragraph
        self.offset = offset
        self.custom_mark = custom_mark
        self.note = note

    @property
    def span(self) -> Span:
        return Span(self.paragraph, self.offset, self.offset + 1)


class Position(Fields):
    __slots__ = ("paragraph", "offset")

    def __init__(self, paragraph: Paragraph, offset: int):
        self.paragraph = paragraph
        self.offset = offset


class Bookmark(Fields):
    """A named bookmark. ``start``/``end`` are None where the source lacks them (a text export
    only prints starts, and only at the start of a paragraph)."""

    __slots__ = ("name", "id", "start", "end", "source", "node")

    def __init__(
        self,
        name: str,
        id: str | None,
        start: Position | None = None,
        end: Position | None = None,
        #: Source span of the bookmark marker itself (text formats: file offsets of ``[bookmark: …]``).
        source: tuple[int, int] | None = None,
        node: object = None,  # .docx: the w:bookmarkStart element
    ):
        self.name = name
        self.id = id
        self.start = start
        self.end = end
        self.source = source
        self.node = node

    @property
    def is_hidden(self) -> bool:
        return self.name.startswith("_")

    @property
    def span(self) -> Span | None:
        if self.start is None:
            return None
        end = self.start.offset
        if self.end is not None and self.end.paragraph is self.start.paragraph:
            end = max(end, self.end.offset)
        return Span(self.start.paragraph, self.start.offset, end, source=self.source)


class CrossReference(Fields):
    """Something that points at a bookmark: a REF/NOTEREF/PAGEREF field, a HYPERLINK field with
    ``\\l``, or an internal hyperlink (``w:anchor``)."""

    __slots__ = ("kind", "target", "span", "instruction")

    def __init__(self, kind: str, target: str, span: Span, instruction: str = ""):
        self.kind = kind  # REF | NOTEREF | PAGEREF | HYPERLINK | anchor
        self.target = target
        self.span = span
        self.instruction = instruction


class Field(Fields):
    """A field: its instruction and the span of its (visible) result."""

    __slots__ = ("instruction", "span", "simple")

    def __init__(self, instruction: str, span: Span | None, simple: bool = False):
        self.instruction = instruction
        self.span = span
        self.simple = simple  # w:fldSimple rather than w:fldChar

    @property
    def keyword(self) -> str:
        parts = self.instruction.split()
        return parts[0].upper() if parts else ""


class Revision(Fields):
    """A tracked change. For deletions, ``text`` is the deleted text and the span is zero-width
    at the place it was."""

    __slots__ = ("kind", "span", "author", "date", "text")

    def __init__(self, kind: str, span: Span | None, author: str | None = None, date: str | None = None, text: str = ""):
        self.kind = kind  # insertion | deletion | move-from | move-to | formatting | paragraph-properties | …
        self.span = span
        self.author = author
        self.date = date
        self.text = text


class Comment(Fields):
    __slots__ = ("id", "author", "initials", "date", "story", "anchor")

    def __init__(
        self,
        id: str,
        author: str | None = None,
        initials: str | None = None,
        date: str | None = None,
        story: Story | None = None,
        #: The commented text: where the comment's range (or, lacking it, its reference) sits.
        anchor: Span | None = None,
    ):
        self.id = id
        self.author = author
        self.initials = initials
        self.date = date
        self.story = story
        self.anchor = anchor


class ContentControl(Fields):
    """A content control (.docx ``w:sdt``, .odt ``loext:content-control``): a field of a template
    to be filled in. ``spans`` are its text, one piece per paragraph (a zero-width span where it is
    empty). ``title`` is the name Word shows (``w:alias``), ``tag`` the template's own key.

    ``type``: ``rich-text``, ``plain-text``, ``date``, ``drop-down``, ``combo-box``, ``checkbox``,
    ``picture``, ``building-block``, ``group``, ``repeating-section``, ``citation``,
    ``bibliography`` or ``equation``. ``level``: ``block`` (paragraphs), ``inline`` (text in a
    paragraph), ``row`` or ``cell`` (of a table). ``full_date`` is a date control's date as stored
    (``w:date/@w:fullDate``, ISO 8601), not parsed here."""

    __slots__ = ("title", "tag", "type", "level", "showing_placeholder", "full_date", "spans")

    def __init__(
        self,
        title: str | None = None,
        tag: str | None = None,
        type: str = "rich-text",
        level: str = "inline",
        showing_placeholder: bool = False,
        full_date: str | None = None,
        spans: list[Span] | None = None,
    ):
        self.title = title
        self.tag = tag
        self.type = type
        self.level = level
        self.showing_placeholder = showing_placeholder
        self.full_date = full_date
        self.spans = [] if spans is None else spans

    @property
    def name(self) -> str | None:
        """What a reader calls it: its title, else its tag."""
        return self.title or self.tag or None

    @property
    def span(self) -> Span | None:
        return self.spans[0] if self.spans else None

    @property
    def text(self) -> str:
        return "\n".join(span.text for span in self.spans)


class Range(Value):
    """A formatted or marked range in a paragraph's visible text.

    Kinds: ``superscript``, ``hidden`` (data: "direct" or "style"), ``highlight`` (data: colour),
    ``field-result`` (data: the Field), ``comment`` (data: the Comment), ``insertion``, ``hyperlink``
    (data: "external" for a web address or another file, "internal" for a place in this one),
    ``content-control`` (data: the ContentControl; zero-width where the control is empty)."""

    __slots__ = ("kind", "start", "end", "data")

    def __init__(self, kind: str, start: int, end: int, data: object = None):
        self.kind = kind
        self.start = start
        self.end = end
        self.data = data


class Span(Fields):
    """What a diagnostic points at: ``[start, end)`` in one paragraph's visible text.

    ``source`` overrides the source range for things that have no visible text (a bookmark
    marker in a text export)."""

    __slots__ = ("paragraph", "start", "end", "source")

    def __init__(self, paragraph: Paragraph, start: int, end: int, source: tuple[int, int] | None = None):
        self.paragraph = paragraph
        self.start = start
        self.end = end
        self.source = source

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start : self.end]


class Document:
    """A whole letter, as one format-neutral model. A reader fills its collections."""

    def __init__(
        self,
        path: str,
        format: str,  # docx | odt | tika | text | markdown
        #: What the format can tell. A text export loses bookmark ends, fields and formatting, and
        #: rules that need them must stay silent rather than guess.
        capabilities: frozenset[str] = frozenset(),
        #: Text-format sources: the file's text and its line starts, for line/column.
        source_text: str | None = None,
        line_starts: list[int] | None = None,
    ):
        self.path = path
        self.format = format
        self.capabilities = capabilities
        self.source_text = source_text
        self.line_starts = line_starts
        self.stories: list[Story] = []
        self.notes: dict[tuple[str, str], Note] = {}
        self.note_refs: list[NoteRef] = []
        self.bookmarks: list[Bookmark] = []
        #: Bookmark ends whose start was never seen (.docx: ``w:bookmarkEnd`` ids).
        self.orphan_bookmark_ends: list[tuple[str, Position | None]] = []
        self.cross_references: list[CrossReference] = []
        self.fields: list[Field] = []
        self.revisions: list[Revision] = []
        self.comments: list[Comment] = []
        self.content_controls: list[ContentControl] = []
        #: Document properties (core, app, custom) and settings worth knowing: name → value.
        self.properties: dict[str, str] = {}
        #: Residue the reader found and could not place (Tika ``!!! End note with ID``): (kind, id, span).
        self.missing_notes: list[tuple[str, str, Span]] = []
        #: Notes whose reference sits in tracked-deleted text: (kind, id). They go when the change is
        #: accepted, so they are not orphans (DR001 reports the deletion).
        self.deleted_note_refs: set[tuple[str, str]] = set()
        #: Reader notes for IO004 and similar: (code, message).
        self.read_findings: list[tuple[str, str]] = []
        #: Package formats: the parsed XML parts by name, so that a writer finds the part of a node.
        #: Rules never look here.
        self.source_parts: dict[str, object] = {}

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, format={self.format!r}, {len(self.stories)} stories)"

    # -- building ---------------------------------------------------------------------------
    def new_story(self, kind: str, **kw: object) -> Story:
        story = Story(kind=kind, **kw)
        self.stories.append(story)
        return story

    def link_notes(self) -> None:
        """Resolve references to notes and number the notes as a reader sees them: in the order
        of their first reference, per kind, custom marks not counted."""
        counters = {"footnote": 0, "endnote": 0}
        for note in self.notes.values():
            # Rules point into a note's own text; an empty note still has one (empty) paragraph.
            if note.story is not None and not note.story.paragraphs:
                note.story.new_paragraph()
        for ref in self.note_refs:
            note = self.notes.get((ref.kind, ref.id))
            ref.note = note
            if note is None:
                continue
            note.references.append(ref)
            if ref.custom_mark is None and note.number is None and note.is_normal:
                counters[ref.kind] += 1
                note.number = counters[ref.kind]

    def release(self) -> None:
        """Break the model's links back and forth (story ↔ paragraph, note ↔ reference, paragraph
        ↔ the ranges, fields and comments in it) once nothing needs it any more, so that reference
        counting frees it at once. Left to the cyclic collector, the models of a long serial run
        pile up: it runs ever more rarely as the findings kept for the report grow."""
        for story in self.stories:
            for para in story.paragraphs:
                para.segments.clear()
                para.note_refs.clear()
                para.ranges.clear()
            story.paragraphs.clear()
            story.note = story.comment = story.host = None
        for note in self.notes.values():
            note.references.clear()
            note.story = None
        for comment in self.comments:
            comment.story = comment.anchor = None
        for control in self.content_controls:
            control.spans.clear()
        for items in (self.stories, self.notes, self.note_refs, self.bookmarks, self.orphan_bookmark_ends,
                      self.cross_references, self.fields, self.revisions, self.comments, self.missing_notes,
                      self.content_controls, self.source_parts):
            items.clear()

    # -- reading ----------------------------------------------------------------------------
    def has(self, capability: str) -> bool:
        return capability in self.capabilities

    def paragraphs(self, *kinds: str) -> Iterator[Paragraph]:
        for story in self.stories:
            if not kinds or story.kind in kinds:
                yield from story.paragraphs

    def normal_notes(self, kind: str | None = None) -> Iterator[Note]:
        for note in self.notes.values():
            if note.is_normal and (kind is None or note.kind == kind):
                yield note

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset in a text source."""
        from bisect import bisect_right

        starts = self.line_starts or [0]
        i = bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1


# Capabilities a reader may declare.
CAP_BOOKMARK_ENDS = "bookmark-ends"  # bookmark ends and exact positions are known
CAP_FIELDS = "fields"  # field instructions and internal links are known
CAP_FORMATTING = "formatting"  # superscript, hidden, highlight ranges are known
CAP_REVISIONS = "revisions"  # tracked changes are recorded
CAP_PROPERTIES = "properties"  # document properties are read
#: Bookmark names are Word's (a .docx, or a Tika export of one), so Word's naming rules apply.
CAP_WORD_BOOKMARK_NAMES = "word-bookmark-names"
