"""The format-neutral document model.

Readers (one per format) build a :class:`Document`; rules read it and never see XML or file
formats. Everything a rule can point at is a :class:`Span` in one :class:`Paragraph`'s visible
text; the paragraph carries a map from every character back to its source, so that reporters can
give lines and columns in a text file and fixes can find the XML node in a .docx.

Visible text follows what a reader of the printed letter sees: field results are kept, field codes
and deleted text are left out, and a note reference is one character (:data:`NOTE_MARK`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

#: The one character that stands for a footnote or endnote reference in visible text.
NOTE_MARK = "\ufffc"

#: Story kinds in report order (output.md: body, footnotes, endnotes, comments, headers, footers).
STORY_KINDS = ("body", "footnote", "endnote", "comment", "header", "footer")
STORY_ORDER = {kind: i for i, kind in enumerate(STORY_KINDS)}


@dataclass(slots=True)
class Segment:
    """A run of visible text and where it came from.

    ``start``/``end`` are offsets in the paragraph's text. ``node`` is the source object (an lxml
    element in a .docx, ``None`` in a text file) and ``offset`` the position in it (an offset in the
    node's text, or a character offset in the text file). ``length`` is the length in the source:
    equal to ``end - start`` except for atomic segments such as a note marker, whose one character
    stands for ``[footnoteRef:12]`` in the file.
    """

    start: int
    end: int
    node: Any
    offset: int
    length: int


@dataclass(slots=True, eq=False)
class Paragraph:
    """One paragraph of a story: its visible text, a source map and the inline objects in it."""

    story: "Story"
    index: int  # 1-based within its story, empty paragraphs and table cells included
    text: str = ""
    segments: list[Segment] = field(default_factory=list)
    note_refs: list["NoteRef"] = field(default_factory=list)
    ranges: list["Range"] = field(default_factory=list)
    #: Source position of the paragraph start (text formats: file offset) for zero-width spans.
    source_start: int | None = None
    #: Style name (.docx ``w:pStyle``), when the format has one.
    style: str | None = None
    in_table: bool = False

    def source_offset(self, offset: int) -> int | None:
        """The source offset (text formats) of visible-text ``offset``; the end of the text maps
        to the end of the last segment."""
        if not self.segments:
            return self.source_start
        for seg in self.segments:
            if seg.start <= offset < seg.end:
                if seg.length != seg.end - seg.start:  # atomic: the whole source span
                    return seg.offset
                return seg.offset + (offset - seg.start)
        last = self.segments[-1]
        if offset >= last.end:
            return last.offset + last.length
        # In a gap between segments (should not happen): the next segment's start.
        for seg in self.segments:
            if seg.start >= offset:
                return seg.offset
        return last.offset + last.length

    def source_end(self, end: int) -> int | None:
        """The source offset just after visible text ``[.., end)``."""
        if end <= 0 or not self.segments:
            return self.source_offset(end)
        for seg in self.segments:
            if seg.start < end <= seg.end:
                if seg.length != seg.end - seg.start:
                    return seg.offset + seg.length
                return seg.offset + (end - seg.start)
        return self.source_offset(end)

    def ranges_of(self, kind: str) -> Iterator["Range"]:
        return (r for r in self.ranges if r.kind == kind)


@dataclass(slots=True, eq=False)
class Story:
    """One flow of text: the body, one note, one comment, one header or footer."""

    kind: str  # one of STORY_KINDS
    paragraphs: list[Paragraph] = field(default_factory=list)
    #: For note stories, the note; for comment stories, the comment.
    note: "Note | None" = None
    comment: "Comment | None" = None
    #: Source part (e.g. ``word/header1.xml``), for headers and footers.
    part: str | None = None

    def new_paragraph(self) -> Paragraph:
        p = Paragraph(story=self, index=len(self.paragraphs) + 1)
        self.paragraphs.append(p)
        return p

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(slots=True, eq=False)
class Note:
    """A footnote or endnote as stored: its internal id, type and its own story."""

    kind: str  # "footnote" | "endnote"
    id: str  # internal id (w:id in a .docx, N in a Tika ``[N: …]`` block)
    type: str = "normal"  # normal | separator | continuationSeparator | continuationNotice
    story: Story | None = None
    #: The number a reader sees: its place in the order of references, custom marks aside.
    number: int | None = None
    references: list["NoteRef"] = field(default_factory=list)
    #: Where the note's text begins in the source (text formats: file offset of ``[N:``).
    source_start: int | None = None
    source_end: int | None = None

    @property
    def is_normal(self) -> bool:
        return self.type == "normal"

    @property
    def text(self) -> str:
        return self.story.text if self.story else ""

    @property
    def label(self) -> str:
        return str(self.number) if self.number is not None else f"id {self.id}"


@dataclass(slots=True, eq=False)
class NoteRef:
    """A note reference in running text: one character (NOTE_MARK) in its paragraph."""

    kind: str  # "footnote" | "endnote"
    id: str
    paragraph: Paragraph
    offset: int
    custom_mark: str | None = None  # w:customMarkFollows: the mark typed after it
    note: Note | None = None  # resolved by Document.link_notes()

    @property
    def span(self) -> "Span":
        return Span(self.paragraph, self.offset, self.offset + 1)


@dataclass(slots=True, eq=False)
class Position:
    paragraph: Paragraph
    offset: int


@dataclass(slots=True, eq=False)
class Bookmark:
    """A named bookmark. ``start``/``end`` are None where the source lacks them (a text export
    only prints starts, and only at the start of a paragraph)."""

    name: str
    id: str | None
    start: Position | None = None
    end: Position | None = None
    #: Source span of the bookmark marker itself (text formats: file offsets of ``[bookmark: …]``).
    source: tuple[int, int] | None = None
    node: Any = None  # .docx: the w:bookmarkStart element

    @property
    def is_hidden(self) -> bool:
        return self.name.startswith("_")

    @property
    def span(self) -> "Span | None":
        if self.start is None:
            return None
        end = self.start.offset
        if self.end is not None and self.end.paragraph is self.start.paragraph:
            end = max(end, self.end.offset)
        return Span(self.start.paragraph, self.start.offset, end, source=self.source)


@dataclass(slots=True, eq=False)
class CrossReference:
    """Something that points at a bookmark: a REF/NOTEREF/PAGEREF field, a HYPERLINK field with
    ``\\l``, or an internal hyperlink (``w:anchor``)."""

    kind: str  # REF | NOTEREF | PAGEREF | HYPERLINK | anchor
    target: str
    span: "Span"
    instruction: str = ""


@dataclass(slots=True, eq=False)
class Field:
    """A field: its instruction and the span of its (visible) result."""

    instruction: str
    span: "Span | None"
    simple: bool = False  # w:fldSimple rather than w:fldChar

    @property
    def keyword(self) -> str:
        parts = self.instruction.split()
        return parts[0].upper() if parts else ""


@dataclass(slots=True, eq=False)
class Revision:
    """A tracked change. For deletions, ``text`` is the deleted text and the span is zero-width
    at the place it was."""

    kind: str  # insertion | deletion | move-from | move-to | formatting | paragraph-properties | …
    span: "Span | None"
    author: str | None = None
    date: str | None = None
    text: str = ""


@dataclass(slots=True, eq=False)
class Comment:
    id: str
    author: str | None = None
    initials: str | None = None
    date: str | None = None
    story: Story | None = None
    #: The commented text: where the comment's range (or, lacking it, its reference) sits.
    anchor: "Span | None" = None


@dataclass(slots=True)
class Range:
    """A formatted or marked range in a paragraph's visible text.

    Kinds: ``superscript``, ``hidden`` (data: "direct" or "style"), ``highlight`` (data: colour),
    ``field-result`` (data: the Field), ``comment`` (data: the Comment), ``insertion``, ``hyperlink``
    (data: "external" for a web address or another file, "internal" for a place in this one)."""

    kind: str
    start: int
    end: int
    data: Any = None


@dataclass(slots=True, eq=False)
class Span:
    """What a diagnostic points at: ``[start, end)`` in one paragraph's visible text.

    ``source`` overrides the source range for things that have no visible text (a bookmark
    marker in a text export)."""

    paragraph: Paragraph
    start: int
    end: int
    source: tuple[int, int] | None = None

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start : self.end]


@dataclass(eq=False)
class Document:
    """A whole letter, as one format-neutral model."""

    path: str
    format: str  # docx | odt | tika | text | markdown
    stories: list[Story] = field(default_factory=list)
    notes: dict[tuple[str, str], Note] = field(default_factory=dict)
    note_refs: list[NoteRef] = field(default_factory=list)
    bookmarks: list[Bookmark] = field(default_factory=list)
    #: Bookmark ends whose start was never seen (.docx: ``w:bookmarkEnd`` ids).
    orphan_bookmark_ends: list[tuple[str, Position | None]] = field(default_factory=list)
    cross_references: list[CrossReference] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    #: Document properties (core, app, custom) and settings worth knowing: name → value.
    properties: dict[str, str] = field(default_factory=dict)
    #: What the format can tell. A text export loses bookmark ends, fields and formatting, and
    #: rules that need them must stay silent rather than guess.
    capabilities: frozenset[str] = frozenset()
    #: Text-format sources: the file's text and its line starts, for line/column.
    source_text: str | None = None
    line_starts: list[int] | None = None
    #: Residue the reader found and could not place (Tika ``!!! End note with ID``): (kind, id, span).
    missing_notes: list[tuple[str, str, Span]] = field(default_factory=list)
    #: Notes whose reference sits in tracked-deleted text: (kind, id). They go when the change is
    #: accepted, so they are not orphans (DR001 reports the deletion).
    deleted_note_refs: set[tuple[str, str]] = field(default_factory=set)
    #: Reader notes for IO004 and similar: (code, message).
    read_findings: list[tuple[str, str]] = field(default_factory=list)
    #: Package formats: the parsed XML parts by name, so that a writer finds the part of a node.
    #: Rules never look here.
    source_parts: dict[str, Any] = field(default_factory=dict)

    # -- building ---------------------------------------------------------------------------
    def new_story(self, kind: str, **kw: Any) -> Story:
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
            story.note = story.comment = None
        for note in self.notes.values():
            note.references.clear()
            note.story = None
        for comment in self.comments:
            comment.story = comment.anchor = None
        for items in (self.stories, self.notes, self.note_refs, self.bookmarks, self.orphan_bookmark_ends,
                      self.cross_references, self.fields, self.revisions, self.comments, self.missing_notes,
                      self.source_parts):
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
