"""Diagnostics: what a rule reports, and where that is in terms a user can find."""

from __future__ import annotations

import weakref

from linter.i18n import N_, _
from linter.model import NOTE_MARK, STORY_ORDER, Document, Span, Value

#: A story's kind as a reader calls it, in the active language (the kind itself stays the same in
#: JSON and SARIF).
STORY_NAMES = {"body": N_("body"), "footnote": N_("footnote"), "endnote": N_("endnote"), "comment": N_("comment"), "header": N_("header"), "footer": N_("footer")}
CAPITALISED_STORY_NAMES = {"body": N_("Body"), "footnote": N_("Footnote"), "endnote": N_("Endnote"), "comment": N_("Comment"), "header": N_("Header"), "footer": N_("Footer")}
#: Headers and footers that show on some pages only (Story.variant), as a reader calls them.
VARIANT_NAMES = {
    ("header", "first"): N_("header (first page)"),
    ("header", "even"): N_("header (even pages)"),
    ("footer", "first"): N_("footer (first page)"),
    ("footer", "even"): N_("footer (even pages)"),
}
CAPITALISED_VARIANT_NAMES = {
    ("header", "first"): N_("Header (first page)"),
    ("header", "even"): N_("Header (even pages)"),
    ("footer", "first"): N_("Footer (first page)"),
    ("footer", "even"): N_("Footer (even pages)"),
}


def story_name(kind: str, variant: str | None = None) -> str:
    if variant is not None and (kind, variant) in VARIANT_NAMES:
        return _(VARIANT_NAMES[kind, variant])
    return _(STORY_NAMES[kind]) if kind in STORY_NAMES else kind


def note_place(kind: str, number) -> str:
    """``footnote 5``, ``endnote 2``, as a whole phrase (word order differs between languages)."""
    return _("footnote {number}", number=number) if kind == "footnote" else _("endnote {number}", number=number)


def place(story: str, note=None, note_id: str | None = None, variant: str | None = None, text_box: int | None = None,
          paragraph: int | None = None, frame: int | None = None, content_control: str | None = None) -> str:
    """Where something is, as a reader finds it: ``body ¶2``, ``footnote 5 ¶1``, ``text box 2 ¶1``,
    ``header (first page), text box 1 ¶3``, ``body ¶4, frame 1``,
    ``header (first page) ¶2, content control "Datum"``. ``content_control`` is the control's
    name, or "" for a control without one."""
    if story in ("footnote", "endnote"):
        if note is not None:
            name = note_place(story, note)
        else:
            name = _("footnote (id {id})", id=note_id) if story == "footnote" else _("endnote (id {id})", id=note_id)
    else:
        name = story_name(story, variant)
    if text_box is not None:
        name = _("text box {number}", number=text_box) if story == "body" else _("{place}, text box {number}", place=name, number=text_box)
    where = name if paragraph is None else _("{place} ¶{paragraph}", place=name, paragraph=paragraph)
    if frame is not None:
        where = _("{place}, frame {number}", place=where, number=frame)
    if content_control is not None:
        where = _('{place}, content control "{name}"', place=where, name=content_control) if content_control else _("{place}, content control", place=where)
    return where


def story_place(story) -> str:
    """A story as a reader finds it: ``body``, ``footnote 5``, ``header (first page), text box 1``."""
    note = story.note
    return place(story.kind, note.label if note is not None else None, variant=story.variant, text_box=story.text_box)


def paragraph_place(para) -> str:
    """``body ¶2``, ``header (first page) ¶1``, ``text box 2 ¶1``, ``body ¶4, frame 1``."""
    story = para.story
    note = story.note
    return place(story.kind, note.label if note is not None else None, variant=story.variant, text_box=story.text_box,
                 paragraph=para.index, frame=para.frame)


def content_control_at(para, start: int, end: int):
    """The innermost content control holding ``[start, end)`` of ``para``, or None. A point at the
    end of a control's text is in it only if the control is empty or holds the whole paragraph:
    after a control in a line of text is after it."""
    best = None
    for rng in para.ranges:
        if rng.kind != "content-control" or not rng.start <= start <= end <= rng.end:
            continue
        if start == end == rng.end and rng.start != rng.end and not (rng.start == 0 and rng.end == len(para.text)):
            continue
        if best is None or rng.end - rng.start < best.end - best.start:
            best = rng
    return best.data if best is not None else None

SEVERITIES = ("error", "warning", "info")
SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


#: How far a fix may be trusted, as ruff's: applied by ``--fix``, only with ``--unsafe-fixes``, never.
APPLICABILITIES = ("safe", "unsafe", "display-only")


class EditError(ValueError):
    """An edit that must not be written (it would move or swallow a note reference mark)."""


class Edit(Value):
    """One change a fix makes. ``kind`` is ``replace`` (the visible text in ``span`` becomes
    ``text``: an insertion when the span is empty, a deletion when ``text`` is) or a structural
    edit, ``remove-bookmark`` (``target`` is the :class:`~linter.model.Bookmark`)."""

    __slots__ = ("kind", "span", "text", "target", "origin")

    def __init__(
        self,
        kind: str,
        span: Span | None = None,
        text: str = "",
        target: object = None,
        #: For an edit reduced by :meth:`smallest`, the span of the edit it came from: a writer
        #: refuses the change if that span crosses something it may not cut.
        origin: Span | None = None,
    ):
        self.kind = kind
        self.span = span
        self.text = text
        self.target = target
        self.origin = origin

    @classmethod
    def insert(cls, paragraph, offset: int, text: str) -> "Edit":
        return cls("replace", Span(paragraph, offset, offset), text)

    @classmethod
    def replace_text(cls, paragraph, start: int, end: int, text: str) -> "Edit":
        return cls("replace", Span(paragraph, start, end), text)

    @classmethod
    def delete(cls, span: Span) -> "Edit":
        return cls("replace", span, "")

    @classmethod
    def remove_bookmark(cls, bookmark) -> "Edit":
        return cls("remove-bookmark", bookmark.span, "", bookmark)

    @property
    def operation(self) -> str:
        """``insert``, ``delete``, ``replace`` or the structural kind."""
        if self.kind != "replace" or self.span is None:
            return self.kind
        if self.span.start == self.span.end:
            return "insert"
        return "delete" if not self.text else "replace"

    def smallest(self) -> list["Edit"]:
        """The same change as the fewest characters replaced, cut at note reference marks.

        Formatting in the part of a span that does not change survives only if that part is not
        rewritten. A mark is an object in the file, not a character: the text on each side of it
        is edited on its own, and an edit that would add, drop or reorder marks is refused, so
        that FN006's ``.[*]`` → ``[*].`` becomes "delete the full stop, insert one after the mark".
        """
        if self.kind != "replace" or self.span is None:
            return [self]
        span = self.span
        old = span.text
        if old.count(NOTE_MARK) != self.text.count(NOTE_MARK):
            raise EditError(_("the edit would add or remove a note reference mark"))
        out: list[Edit] = []
        pos = span.start
        for old_piece, new_piece in zip(old.split(NOTE_MARK), self.text.split(NOTE_MARK)):
            out.extend(_reduced(span.paragraph, pos, old_piece, new_piece, self.origin or span))
            pos += len(old_piece) + 1
        return out


def _reduced(paragraph, start: int, old: str, new: str, origin: Span) -> list[Edit]:
    if old == new:
        return []
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    return [Edit("replace", Span(paragraph, start + head, start + len(old) - tail), new[head : len(new) - tail], origin=origin)]


class Fix(Value):
    __slots__ = ("applicability", "message", "replacement", "edits")

    def __init__(self, applicability: str, message: str, replacement: str | None = None, edits: list[Edit] | None = None):
        if applicability not in APPLICABILITIES:
            raise ValueError(f"unknown fix applicability {applicability!r}")
        self.applicability = applicability  # one of APPLICABILITIES
        self.message = message
        self.replacement = replacement
        self.edits = [] if edits is None else edits

    @property
    def applicable(self) -> bool:
        """A fix can be applied only if it says how (display-only ones and those without edits cannot)."""
        return self.applicability != "display-only" and bool(self.edits)

    def to_json(self) -> dict:
        return {"applicability": self.applicability, "message": self.message, "replacement": self.replacement}


class Location(Value):
    __slots__ = ("story", "note", "paragraph", "line", "column", "end_column", "note_id", "end_line", "in_text_file",
                 "story_index", "offset", "end_offset", "variant", "text_box", "frame", "content_control")

    def __init__(
        self,
        story: str,
        note: int | None,
        paragraph: int | None,
        line: int | None,
        column: int | None,
        end_column: int | None,
        #: A note without a number (nobody references it) is named by its internal id.
        note_id: str | None = None,
        end_line: int | None = None,
        #: Line and column are positions in a text file (not paragraph and offset in a .docx).
        in_text_file: bool = False,
        #: Which story (its place in ``Document.stories``: tells two headers apart) and the span's
        #: offsets in the paragraph's visible text, for reporters that show the letter itself.
        story_index: int | None = None,
        offset: int | None = None,
        end_offset: int | None = None,
        #: A header or footer for the first page or even pages only (``first``, ``even``).
        variant: str | None = None,
        #: Inside a text box: its number in the story (``story``) it is anchored in; ``paragraph``
        #: then counts the text box's own paragraphs.
        text_box: int | None = None,
        #: Inside a frame (.docx ``w:framePr``): its number in the story.
        frame: int | None = None,
        #: Inside a content control: its title or tag ("" for a control without either).
        content_control: str | None = None,
    ):
        self.story = story
        self.note = note
        self.paragraph = paragraph
        self.line = line
        self.column = column
        self.end_column = end_column
        self.note_id = note_id
        self.end_line = end_line
        self.in_text_file = in_text_file
        self.story_index = story_index
        self.offset = offset
        self.end_offset = end_offset
        self.variant = variant
        self.text_box = text_box
        self.frame = frame
        self.content_control = content_control

    def to_json(self) -> dict:
        d = {
            "story": self.story,
            "note": self.note,
            "paragraph": self.paragraph,
            "line": self.line,
            "column": self.column,
            "end_column": self.end_column,
        }
        if self.note_id is not None:
            d["note_id"] = self.note_id
        # Only where they apply, so that a finding in the body's own text reads as it always did.
        for key in ("variant", "text_box", "frame", "content_control"):
            value = getattr(self, key)
            if value is not None:
                d[key] = value
        return d

    @property
    def where(self) -> str:
        """``body ¶2``, ``footnote 5 ¶1``, ``footnote (id 7) ¶1``, ``text box 2 ¶1``,
        ``header (first page) ¶2, content control "Datum"`` (see :func:`place`)."""
        return place(self.story, self.note, self.note_id, self.variant, self.text_box, self.paragraph, self.frame,
                     self.content_control)

    def sort_key(self) -> tuple:
        if self.in_text_file:
            # A text draft's findings in the order of its lines, as an editor lists them: a note's
            # text stands in the file where the export put it, not after the body. After the
            # findings about the whole file, as in a .docx.
            return (0, 1 << 30, "", 0, 0, self.line or 0, self.column or 0)
        return self.story_key()

    def story_key(self) -> tuple:
        """Story by story (the body, then each note, …), as the letter is laid out in Word."""
        return (
            STORY_ORDER.get(self.story, 99),
            self.note if self.note is not None else 1 << 30,
            self.note_id or "",
            self.text_box or 0,
            self.paragraph or 0,
            self.line or 0,
            self.column or 0,
        )


class Diagnostic(Value):
    """One finding. Rules fill code, message, span and fix; the engine adds the rest."""

    __slots__ = ("code", "message", "span", "fix", "path", "name", "severity", "location", "excerpt", "excerpt_start",
                 "excerpt_len", "context")

    def __init__(
        self,
        code: str,
        message: str,
        span: Span | None = None,
        fix: Fix | None = None,
        # Filled in by the engine:
        path: str = "",
        name: str = "",
        severity: str = "warning",
        location: Location | None = None,
        excerpt: str = "",
        #: Where the span sits in ``excerpt`` (for carets under it).
        excerpt_start: int = 0,
        excerpt_len: int = 0,
        #: A fingerprint of the normalised text around the finding, stable across re-saves.
        context: str = "",
    ):
        self.code = code
        self.message = message
        self.span = span
        self.fix = fix
        self.path = path
        self.name = name
        self.severity = severity
        self.location = location
        self.excerpt = excerpt
        self.excerpt_start = excerpt_start
        self.excerpt_len = excerpt_len
        self.context = context

    def sort_key(self) -> tuple:
        loc = self.location.sort_key() if self.location else ()
        return (self.path, loc, self.code, self.message)

    def to_json(self, url_base: str) -> dict:
        return {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_json() if self.location else None,
            "excerpt": self.excerpt,
            "fix": self.fix.to_json() if self.fix else None,
            "url": f"{url_base}{self.code}",
        }


EXCERPT_RADIUS = 40
#: A longer span (a bookmark over a whole paragraph) is shown by its start only.
EXCERPT_SPAN = 60


def visible(text: str) -> str:
    """Text as a person sees it in an excerpt: a note marker shows as ``[*]``."""
    return text.replace(NOTE_MARK, "[*]").replace("\t", " ").replace("\n", " ")


def locate(diag: Diagnostic, doc: Document | None) -> None:
    """Fill location and excerpt from the span, as output.md describes."""
    span = diag.span
    if span is None:
        diag.location = Location(story="body", note=None, paragraph=None, line=None, column=None, end_column=None)
        return
    para = span.paragraph
    story = para.story
    note = story.note
    loc = Location(
        story=story.kind,
        note=note.number if note else None,
        note_id=note.id if note is not None and note.number is None else None,
        paragraph=para.index,
        line=para.index,
        column=span.start + 1,
        end_column=max(span.end, span.start) + 1,
        story_index=_story_index(doc, story),
        offset=span.start,
        end_offset=max(span.end, span.start),
        variant=story.variant,
        text_box=story.text_box,
        frame=para.frame,
    )
    control = content_control_at(para, span.start, max(span.end, span.start)) if para.ranges else None
    if control is not None:
        loc.content_control = control.name or ""
    if doc is not None and doc.line_starts is not None:
        # A text file: line and column are positions in the file itself.
        if span.source is not None:
            src_start, src_end = span.source
        else:
            src_start = para.source_offset(span.start)
            src_end = para.source_end(span.end) if span.end > span.start else src_start
        if src_start is not None:
            loc.in_text_file = True
            loc.line, loc.column = doc.line_col(src_start)
            end_line, end_col = doc.line_col(src_end if src_end is not None else src_start)
            loc.end_line = end_line
            loc.end_column = end_col if end_line == loc.line else None
    diag.location = loc
    diag.excerpt, diag.excerpt_start, diag.excerpt_len = excerpt(para.text, span.start, span.end)
    lo = max(0, span.start - 24)
    diag.context = " ".join(para.text[lo : span.end + 24].split())


#: Per document, each story's place in doc.stories by id (stories are only ever appended): a
#: search of the list for every finding made locating quadratic in a letter with many notes.
_STORY_INDEXES: "weakref.WeakKeyDictionary[Document, tuple[int, dict[int, int]]]" = weakref.WeakKeyDictionary()


def _story_index(doc: Document | None, story) -> int | None:
    if doc is None:
        return None
    known = _STORY_INDEXES.get(doc)
    if known is None or known[0] != len(doc.stories):
        indexes: dict[int, int] = {}
        for i, candidate in enumerate(doc.stories):
            indexes.setdefault(id(candidate), i)
        known = _STORY_INDEXES[doc] = (len(doc.stories), indexes)
    return known[1].get(id(story))


class StoryText(Value):
    """One story's visible text, as plain data that crosses a process boundary: what a reporter
    needs to show the letter (the HTML report). ``marks`` holds, per paragraph, the note number a
    reader sees at each note marker (``offset → label``)."""

    __slots__ = ("kind", "label", "paragraphs", "marks", "note")

    def __init__(self, kind: str, label: str, paragraphs: list[str], marks: list[dict[int, str]], note: int | None = None):
        self.kind = kind
        self.label = label
        self.paragraphs = paragraphs
        self.marks = marks
        #: Numbered notes sort by number; the rest keep their order.
        self.note = note


def story_label(story) -> str:
    """``Body``, ``Footnote 3``, ``Footnote (id 7)``, ``Header (word/header1.xml)``, ``Comment by A``,
    ``Text box 2``, ``Header (first page) (word/header2.xml), text box 1``."""
    if story.text_box is not None:
        if story.kind == "body":
            return _("Text box {number}", number=story.text_box)
        host = story_label(story.host) if story.host is not None else _(CAPITALISED_STORY_NAMES.get(story.kind, story.kind))
        return _("{story}, text box {number}", story=host, number=story.text_box)
    name = _(CAPITALISED_STORY_NAMES[story.kind]) if story.kind in CAPITALISED_STORY_NAMES else story.kind.capitalize()
    if story.variant is not None and (story.kind, story.variant) in VARIANT_NAMES:
        name = _(CAPITALISED_VARIANT_NAMES[story.kind, story.variant])
    if story.note is not None:
        number = story.note.number
        return _("{story} {number}", story=name, number=number) if number is not None else _("{story} (id {id})", story=name, id=story.note.id)
    if story.comment is not None:
        return _("Comment by {author}", author=story.comment.author) if story.comment.author else name
    if story.part:
        return _("{story} ({part})", story=name, part=story.part)
    return name


def letter_text(doc: Document) -> list[StoryText]:
    """Every story's text, in ``Document.stories`` order (``Location.story_index`` points here)."""
    out = []
    for story in doc.stories:
        marks = []
        for para in story.paragraphs:
            # A custom mark (`*`) is typed after the marker, so the marker itself shows nothing.
            marks.append({ref.offset: "" if ref.custom_mark is not None else ref.note.label if ref.note else "?" for ref in para.note_refs})
        out.append(
            StoryText(
                kind=story.kind,
                label=story_label(story),
                paragraphs=[para.text for para in story.paragraphs],
                marks=marks,
                note=story.note.number if story.note is not None else None,
            )
        )
    return out


def excerpt(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The paragraph's text around ``[start, end)``, cut at word boundaries, with where the span
    sits in it."""
    end = max(end, start)
    cut = end - start > EXCERPT_SPAN
    if cut:
        end = start + EXCERPT_SPAN - 1
    lo = max(0, start - EXCERPT_RADIUS)
    hi = min(len(text), end + EXCERPT_RADIUS)
    if lo > 0:
        sp = text.find(" ", lo, start)
        lo = sp + 1 if sp != -1 else lo
    if hi < len(text) and not cut:
        sp = text.rfind(" ", end, hi)
        hi = sp if sp != -1 else hi
    before = ("… " if lo > 0 else "") + visible(text[lo:start])
    middle = visible(text[start:end]) + ("…" if cut else "")
    after = "" if cut else visible(text[end:hi]) + (" …" if hi < len(text) else "")
    return before + middle + after, len(before), len(middle)
