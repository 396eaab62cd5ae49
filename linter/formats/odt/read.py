"""The ODF (.odt) reader: content.xml, styles.xml and meta.xml to a :class:`linter.model.Document`.

The same model as the .docx reader. ODF keeps notes inline: a ``text:note`` is both the reference
(one NOTE_MARK in the running text) and the note, whose ``text:note-body`` becomes a story of its
own. Deleted text lives in ``text:tracked-changes``, away from the body, so it is never visible;
the body only holds markers. Comments (``office:annotation``) sit inline, as do bookmarks.

Each story is walked once, element by element, by its own :class:`_StoryReader`; a note or comment
met in a paragraph is read by a fresh one, so its text never lands in the sentence around it. So is
a text box (a ``draw:frame`` holding a ``draw:text-box``, or a shape with text, as LibreOffice
writes a Word text box), after the story it is anchored in, as a story of its own.

Segments point at the source: ``node`` is ``(element, "text")`` or ``(element, "tail")`` for
character data (``offset`` is the offset in that string), and the element itself for atomic things
(a note mark, ``text:s``, ``text:tab``, ``text:line-break``).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from linter.model import (
    CAP_BOOKMARK_ENDS,
    CAP_FIELDS,
    CAP_FORMATTING,
    CAP_PROPERTIES,
    CAP_REVISIONS,
    NOTE_MARK,
    Bookmark,
    Comment,
    ContentControl,
    CrossReference,
    Document,
    Note,
    NoteRef,
    Paragraph,
    Position,
    Range,
    Revision,
    Segment,
    Span,
    Story,
)
from linter.formats import ReadError
from linter.i18n import _
from linter.formats.story import StoryPositions, spread_comment
from linter.formats.styles import HIDDEN, HIGHLIGHT, SUPERSCRIPT, style_chain
from linter.formats.xml import parse_xml

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
XLINK = "{http://www.w3.org/1999/xlink}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
LOEXT = "{urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0}"
CONFIG = "{urn:oasis:names:tc:opendocument:xmlns:config:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
#: Shapes whose text (``text:p`` children) is a flow of its own, like a text box's.
SHAPES_WITH_TEXT = frozenset(
    DRAW + name for name in "custom-shape rect ellipse polygon polyline path regular-polygon circle caption measure".split()
)
#: LibreOffice's "fieldmarks": Word fields it has no field of its own for (NOTEREF among them).
FIELDMARK = "{urn:openoffice:names:experimental:ooo-ms-interop:xmlns:field:1.0}"
FIELD_CODE = "vnd.oasis.opendocument.field.code"

T_STYLE_NAME = TEXT + "style-name"
T_NAME = TEXT + "name"
T_REF_NAME = TEXT + "ref-name"

CAPABILITIES = frozenset({CAP_BOOKMARK_ENDS, CAP_FIELDS, CAP_FORMATTING, CAP_PROPERTIES, CAP_REVISIONS})

#: Text fields: their content is the result LibreOffice last showed, which is what is printed.
FIELD_NAMES = frozenset(
    """date time page-number page-continuation sender-firstname sender-lastname sender-initials
    sender-title sender-position sender-email sender-phone-private sender-fax sender-company
    sender-phone-work sender-street sender-city sender-postal-code sender-country
    sender-state-or-province author-name author-initials chapter file-name template-name sheet-name
    variable-set variable-get variable-input user-field-get user-field-input sequence expression
    text-input initial-creator creation-date creation-time description user-defined print-time
    print-date printed-by title subject keywords editing-cycles editing-duration modification-time
    modification-date creator page-count paragraph-count word-count character-count table-count
    image-count object-count database-display database-next database-row-select
    database-row-number database-name page-variable-set page-variable-get placeholder
    conditional-text drop-down execute-macro dde-connection measure table-formula
    bibliography-mark script bookmark-ref reference-ref note-ref sequence-ref""".split()
)
#: Index bodies (table of contents and the like): the text the reader sees is in text:index-body.
INDEX_NAMES = frozenset(
    """table-of-content alphabetical-index illustration-index table-index object-index user-index
    bibliography""".split()
)
WHITE_SPACE = re.compile(r"[ \t\r\n]")
TOKENS = re.compile(r"[ \t\r\n]+|[^ \t\r\n]+")
#: LibreOffice writes its own text:UnknownChange for a change of paragraph attributes.
REVISION_KINDS = {
    "insertion": "insertion",
    "deletion": "deletion",
    "format-change": "formatting",
    "UnknownChange": "paragraph-properties",
}


def _superscript(value: str | None) -> bool | None:
    """style:text-position: ``super``, ``sub`` or a percentage (positive raises the text)."""
    if not value:
        return None
    first = value.split()[0] if value.split() else ""
    if first == "super":
        return True
    if first == "sub":
        return False
    if first.endswith("%"):
        try:
            return float(first[:-1]) > 0
        except ValueError:
            return None
    return None


class Styles:
    """The few style properties the model needs: superscript, hidden and highlight.

    One instance per stylesheet scope: content.xml's automatic styles with styles.xml's common
    ones for the body, styles.xml's automatic ones with the same common ones for headers and
    footers (the two parts may both have a ``P1``)."""

    def __init__(self, common_root, automatic_root):
        # (family, name) -> (parent, automatic, [superscript, hidden, highlight])
        self._styles: dict[tuple[str, str], tuple[str | None, bool, list]] = {}
        self._cache: dict[tuple, tuple] = {}
        self.default: list = [None, None, None]
        for root, automatic in ((common_root, False), (automatic_root, True)):
            if root is None:
                continue
            for el in root:
                if el.tag == STYLE + "style":
                    name = el.get(STYLE + "name")
                    if name:
                        family = el.get(STYLE + "family") or ""
                        self._styles[(family, name)] = (el.get(STYLE + "parent-style-name"), automatic, _text_properties(el))
                elif el.tag == STYLE + "default-style" and el.get(STYLE + "family") == "paragraph":
                    self.default = _text_properties(el)

    def lookup(self, family: str, name: str | None, prop: int) -> tuple | None:
        """(value, "direct"|"style") of ``prop`` set in style ``name`` or its parents, else None."""
        if not name:
            return None
        key = (family, name, prop)
        if key in self._cache:
            return self._cache[key]
        found = None
        for entry in style_chain(name, lambda n: self._styles.get((family, n))):
            if entry[2][prop] is not None:
                # LibreOffice saves direct formatting as automatic styles.
                found = (entry[2][prop], "direct" if entry[1] else "style")
                break
        self._cache[key] = found
        return found

    def common_name(self, family: str, name: str | None) -> str | None:
        """The named style behind ``name``: an automatic style's parent, or ``name`` itself."""
        entry = self._styles.get((family, name)) if name else None
        if entry is not None and entry[1]:
            return entry[0] or name
        return name


def _text_properties(style_el) -> list:
    props: list = [None, None, None]
    tp = style_el.find(STYLE + "text-properties")
    if tp is None:
        return props
    props[SUPERSCRIPT] = _superscript(tp.get(STYLE + "text-position"))
    display = tp.get(TEXT + "display")
    if display == "none":
        props[HIDDEN] = True
    elif display == "true":
        props[HIDDEN] = False
    background = tp.get(FO + "background-color")
    if background:
        props[HIGHLIGHT] = "" if background == "transparent" else background
    return props


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def plain_text(el) -> str:
    """The text of deleted content: paragraphs joined by newlines, spaces and tabs expanded,
    note bodies and annotations left out."""
    paragraphs: list[str] = []
    parts: list[str] = []

    def walk(node) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = child.tag
            if tag in (TEXT + "p", TEXT + "h"):
                if parts:
                    paragraphs.append("".join(parts))
                    parts.clear()
                walk(child)
                paragraphs.append("".join(parts))
                parts.clear()
            elif tag == TEXT + "s":
                parts.append(" " * _count(child))
            elif tag == TEXT + "tab":
                parts.append("\t")
            elif tag == TEXT + "line-break":
                parts.append("\n")
            elif tag in (TEXT + "note", OFFICE + "annotation", OFFICE + "change-info"):
                pass
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    if parts:
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _count(el) -> int:
    try:
        return max(1, min(int(el.get(TEXT + "c") or "1"), 10_000))
    except ValueError:
        return 1


class _Context:
    """What the stories of one document share."""

    def __init__(self, doc: Document, changes: dict):
        self.doc = doc
        self.changes = changes  # change id -> (kind, author, date, element)
        self.seen_changes: set[str] = set()
        # Comment name -> {"start": Position, "end": Position}
        self.comment_marks: dict[str, dict[str, Position]] = {}
        self.comments_by_name: dict[str, Comment] = {}
        # Note id -> (Note, NoteRef) for text:note-ref targets.
        self.note_marks: dict[str, NoteRef] = {}


class _StoryReader(StoryPositions):
    """Walks one story (body, note, comment, header, footer) into paragraphs."""

    def __init__(self, ctx: _Context, story: Story, styles: Styles):
        self.ctx = ctx
        self.doc = ctx.doc
        self.story = story
        self.styles = styles
        self.para: Paragraph | None = None
        self.last_para: Paragraph | None = None
        self.parts: list[str] = []
        self.pos = 0
        self.pending: list = []  # callbacks that want the next paragraph's start position
        self.open_bookmarks: dict[tuple[str, str], Bookmark] = {}
        self.open_changes: dict[str, tuple[Revision, Position]] = {}
        self.table_depth = 0
        self.hidden_sections = 0
        self.forced_hidden = 0
        self.style_stack: list[tuple[str, str | None]] = []
        self.drop_separator = False
        self.fieldmarks: list[list] = []  # [instruction, result start Position | None]
        self.last_range: dict[str, Range] = {}
        self.prop_cache: dict[tuple, tuple] = {}
        #: Text boxes met in this story, read after it; numbered in the story they are anchored in
        #: (``host``), one inside another right after it.
        self.text_boxes: list = []
        self.host = story
        self.box_numbers = [0]
        d = {
            TEXT + "p": self.paragraph,
            TEXT + "h": self.paragraph,
            TEXT + "list": self.walk,
            TEXT + "list-item": self.walk,
            TEXT + "list-header": self.walk,
            TEXT + "numbered-paragraph": self.walk,
            TEXT + "section": self.section,
            TEXT + "index-body": self.walk,
            TEXT + "index-title": self.walk,
            TABLE + "table": self.table,
            TABLE + "table-header-rows": self.walk,
            TABLE + "table-rows": self.walk,
            TABLE + "table-row-group": self.walk,
            TABLE + "table-row": self.walk,
            TABLE + "table-cell": self.walk,
            STYLE + "region-left": self.walk,
            STYLE + "region-center": self.walk,
            STYLE + "region-right": self.walk,
            # Inline.
            TEXT + "span": self.span,
            TEXT + "a": self.link,
            TEXT + "meta": self.inline,
            TEXT + "meta-field": self.inline,
            TEXT + "ruby-base": self.inline,
            TEXT + "ruby": self.inline,
            TEXT + "s": self.spaces,
            TEXT + "tab": self.tab,
            TEXT + "line-break": self.line_break,
            TEXT + "note": self.note,
            TEXT + "bookmark": self.bookmark_point,
            TEXT + "bookmark-start": self.bookmark_start,
            TEXT + "bookmark-end": self.bookmark_end,
            TEXT + "reference-mark": self.bookmark_point,
            TEXT + "reference-mark-start": self.bookmark_start,
            TEXT + "reference-mark-end": self.bookmark_end,
            TEXT + "change": self.change_point,
            TEXT + "change-start": self.change_start,
            TEXT + "change-end": self.change_end,
            OFFICE + "annotation": self.annotation,
            OFFICE + "annotation-end": self.annotation_end,
            TEXT + "hidden-text": self.hidden_text,
            TEXT + "hidden-paragraph": self.hidden_paragraph,
            FIELDMARK + "fieldmark-start": self.fieldmark_start,
            FIELDMARK + "fieldmark-separator": self.fieldmark_separator,
            FIELDMARK + "fieldmark-end": self.fieldmark_end,
            DRAW + "frame": self.frame,
            DRAW + "g": self.shape_group,
            DRAW + "a": self.shape_group,
            LOEXT + "content-control": self.content_control,
        }
        for tag in SHAPES_WITH_TEXT:
            d[tag] = self.shape
        for name in INDEX_NAMES:
            d[TEXT + name] = self.index
        for name in FIELD_NAMES:
            d.setdefault(TEXT + name, self.field)
        self.dispatch = d

    # -- walking --------------------------------------------------------------------------------
    def read(self, root) -> None:
        self.walk(root)
        self.story_ended()
        for rev, start in self.open_changes.values():
            self.close_change(rev, start, None)
        self.open_changes = {}
        host = self.host
        for content in self.text_boxes:
            self.box_numbers[0] += 1
            box = self.doc.new_story(host.kind, note=host.note, comment=host.comment, part=host.part, variant=host.variant,
                                     host=host, text_box=self.box_numbers[0])
            reader = _StoryReader(self.ctx, box, self.styles)
            reader.host, reader.box_numbers = host, self.box_numbers
            reader.read(content)

    # -- text boxes and content controls --------------------------------------------------------
    def frame(self, el) -> None:
        for child in el:
            if child.tag == DRAW + "text-box":
                self.text_boxes.append(child)

    def shape(self, el) -> None:
        if el.find(TEXT + "p") is not None or el.find(TEXT + "list") is not None:
            self.text_boxes.append(el)

    def shape_group(self, el) -> None:
        for child in el:
            handler = self.dispatch.get(child.tag)
            if handler is not None and child.tag.startswith(DRAW):
                handler(child)

    def content_control(self, el) -> None:
        """LibreOffice's content control (``loext:content-control``, 7.4 and later), as Word's."""
        if el.get(LOEXT + "checkbox") == "true":
            kind = "checkbox"
        elif el.get(LOEXT + "date") == "true":
            kind = "date"
        elif el.get(LOEXT + "picture") == "true":
            kind = "picture"
        elif el.get(LOEXT + "combobox") == "true":
            kind = "combo-box"
        elif el.find(LOEXT + "list-item") is not None or el.get(LOEXT + "dropdown") == "true":
            kind = "drop-down"
        elif el.get(LOEXT + "plain-text") == "true":
            kind = "plain-text"
        else:
            kind = "rich-text"
        control = ContentControl(
            title=el.get(LOEXT + "alias") or None,
            tag=el.get(LOEXT + "tag") or None,
            type=kind,
            showing_placeholder=el.get(LOEXT + "showing-place-holder") == "true",
            full_date=el.get(LOEXT + "current-date") or None,
        )
        self.doc.content_controls.append(control)
        para, start = self.para, self.pos
        self.walk(el)
        if para is not None:
            end = self.pos if self.para is para else start
            control.spans.append(Span(para, start, end))
            para.ranges.append(Range("content-control", start, end, control))

    def walk(self, el) -> None:
        """Children of ``el``; its character data too when inside a paragraph."""
        dispatch = self.dispatch
        in_para = self.para is not None
        if in_para and el.text:
            self.emit(el.text, (el, "text"))
        for child in el:
            handler = dispatch.get(child.tag)
            if handler is not None:
                handler(child)
            if in_para and child.tail and self.para is not None:
                self.emit(child.tail, (child, "tail"))

    # -- blocks ---------------------------------------------------------------------------------
    def paragraph(self, el) -> None:
        if self.para is not None:
            return  # a paragraph inside a paragraph (a text box in a frame): not this flow
        para = self.story.new_paragraph()
        para.in_table = self.table_depth > 0
        style = el.get(T_STYLE_NAME)
        para.style = self.styles.common_name("paragraph", style)
        self.para = para
        self.parts = []
        self.pos = 0
        self.last_range = {}
        self.style_stack = [("paragraph", style)]
        self.hide_paragraph = False
        self.after_space = True  # leading white space in a paragraph is not shown
        self.paragraph_started(para)
        self.walk(el)
        self.drop_separator = False
        self.trim_trailing_space(para)
        para.text = text = "".join(self.parts)
        if self.hide_paragraph and text:
            para.ranges.append(Range("hidden", 0, len(text), "direct"))
        self.para = None
        self.last_para = para

    def table(self, el) -> None:
        self.table_depth += 1
        self.walk(el)
        self.table_depth -= 1

    def section(self, el) -> None:
        hidden = el.get(TEXT + "display") == "none"
        self.hidden_sections += hidden
        self.walk(el)
        self.hidden_sections -= hidden

    def index(self, el) -> None:
        body = el.find(TEXT + "index-body")
        if body is not None:
            self.walk(body)

    # -- inline ---------------------------------------------------------------------------------
    def span(self, el) -> None:
        self.style_stack.append(("text", el.get(T_STYLE_NAME)))
        self.walk(el)
        self.style_stack.pop()

    def inline(self, el) -> None:
        self.walk(el)

    def link(self, el) -> None:
        para, start = self.para, self.pos
        self.span(el)
        href = el.get(XLINK + "href") or ""
        if para is not None and self.para is para and self.pos > start:
            para.ranges.append(Range("hyperlink", start, self.pos, "internal" if href.startswith("#") else "external"))
        # "#name" is a bookmark in this document; "#name|outline" and the like are headings,
        # tables or frames, which are not bookmarks.
        if para is not None and href.startswith("#") and "|" not in href and len(href) > 1:
            end = self.pos if self.para is para else start
            self.doc.cross_references.append(CrossReference("anchor", unquote(href[1:]), Span(para, start, end)))

    def spaces(self, el) -> None:
        self.atom(" " * _count(el), el)

    def tab(self, el) -> None:
        self.atom("\t", el)

    def line_break(self, el) -> None:
        self.atom("\n", el)

    def atom(self, text: str, el) -> None:
        """Characters the file spells out (text:s, text:tab, …): never collapsed."""
        if self.para is None:
            return
        if self.drop_separator and self.pos == 0 and text[:1] in (" ", "\t"):
            # A note imported from Word keeps the space or tab Word puts after the note's own
            # number; LibreOffice prints that number itself, so the space is not the author's.
            text = text[1:]
            if not text:
                return
        self.append(text, el, 0, len(text), self.format_key())
        self.after_space = False

    def emit(self, text: str, node) -> None:
        """Character data, with ODF's white-space collapsing: runs of space, tab, CR and LF are
        one space, and none at the start or end of a paragraph (ODF 1.2 §6.1.2). Pretty-printed
        files (pandoc's) depend on it. A space at the end is taken off when the paragraph ends."""
        if self.para is None or not text:
            return
        key = self.format_key()
        if not WHITE_SPACE.search(text):
            self.append(text, node, 0, len(text), key)
            self.after_space = False
            return
        for m in TOKENS.finditer(text):
            token = m.group()
            if token[0] in " \t\r\n":
                if not self.after_space:
                    self.append(" ", node, m.start(), len(token), key)
                    self.after_space = True
            else:
                self.append(token, node, m.start(), len(token), key)
                self.after_space = False

    def trim_trailing_space(self, para: Paragraph) -> None:
        """Drop a collapsed space that ended up last in the paragraph (it is one segment)."""
        seg = para.segments[-1] if para.segments else None
        if seg is None or not self.after_space or seg.end - seg.start != 1 or not isinstance(seg.node, tuple):
            return
        para.segments.pop()
        self.parts[-1] = self.parts[-1][:-1]
        self.pos -= 1
        kept = []
        for rng in para.ranges:
            rng.end = min(rng.end, self.pos)
            if rng.end > rng.start:
                kept.append(rng)
        para.ranges[:] = kept

    def append(self, text: str, node, offset: int, length: int, key: tuple) -> None:
        para = self.para
        start = self.pos
        self.parts.append(text)
        self.pos = end = start + len(text)
        para.segments.append(Segment(start, end, node, offset, length))
        self.formatting(para, start, end, key)

    def format_key(self) -> tuple:
        return (tuple(self.style_stack), self.hidden_sections > 0 or self.forced_hidden > 0)

    def formatting(self, para: Paragraph, start: int, end: int, key: tuple) -> None:
        props = self.prop_cache.get(key)
        if props is None:
            props = self.prop_cache[key] = self.resolve(key[0], key[1])
        sup, hidden, highlight = props
        if sup:
            self.add_range(para, "superscript", start, end, None)
        if hidden:
            self.add_range(para, "hidden", start, end, hidden)
        if highlight:
            self.add_range(para, "highlight", start, end, highlight)

    def resolve(self, style_stack: tuple, forced_hidden: bool) -> tuple:
        """(superscript, hidden source or None, highlight colour or None) for a style stack."""
        values: list = []
        for prop in (SUPERSCRIPT, HIDDEN, HIGHLIGHT):
            found = None
            for family, name in reversed(style_stack):
                found = self.styles.lookup(family, name, prop)
                if found is not None:
                    break
            if found is None and self.styles.default[prop] is not None:
                found = (self.styles.default[prop], "style")
            values.append(found)
        sup = bool(values[0] and values[0][0])
        hidden = "direct" if forced_hidden else (values[1][1] if values[1] and values[1][0] else None)
        highlight = values[2][0] if values[2] and values[2][0] else None
        return sup, hidden, highlight

    def hidden_text(self, el) -> None:
        # Shown unless its condition holds; text:is-hidden is the last evaluation LibreOffice saved.
        if self.para is None:
            return
        text = el.get(TEXT + "string-value")
        if text is None:
            text = "".join(el.itertext())
        hidden = (el.get(TEXT + "is-hidden") or "true") != "false"
        self.forced_hidden += hidden
        self.emit(text, el)
        self.forced_hidden -= hidden

    def hidden_paragraph(self, el) -> None:
        if self.para is not None and (el.get(TEXT + "is-hidden") or "true") != "false":
            self.hide_paragraph = True

    # -- fields and references ------------------------------------------------------------------
    def field(self, el) -> None:
        para, start = self.para, self.pos
        self.walk(el)
        if para is None:
            return
        end = self.pos if self.para is para else start
        local = _local(el.tag)
        name = el.get(T_REF_NAME) or el.get(T_NAME)
        fmt = el.get(TEXT + "reference-format")
        instruction = " ".join(x for x in (local, name, f"reference-format={fmt}" if fmt else None) if x)
        target = el.get(T_REF_NAME)
        if target is None or local not in ("bookmark-ref", "reference-ref", "note-ref"):
            points_at = None  # text:sequence names itself with ref-name; sequence-ref points at a caption
        elif local == "note-ref":
            points_at = ("NOTEREF", target)
        else:
            points_at = ("PAGEREF" if fmt == "page" else "REF", target)
        self.add_field(instruction, Span(para, start, end), simple=True, target=points_at)

    def fieldmark_start(self, el) -> None:
        instruction = ""
        for param in el.iter(FIELDMARK + "param"):
            if param.get(FIELDMARK + "name") == FIELD_CODE:
                instruction = " ".join((param.get(FIELDMARK + "value") or "").split())
        self.fieldmarks.append([instruction, self.position()])

    def fieldmark_separator(self, el) -> None:
        if self.fieldmarks:
            self.fieldmarks[-1][1] = self.position()

    def fieldmark_end(self, el) -> None:
        if not self.fieldmarks:
            return
        instruction, start = self.fieldmarks.pop()
        if start is None or start.paragraph is not self.para:
            return  # a field that runs over paragraphs: its result is not one span
        self.add_field(instruction, Span(start.paragraph, start.offset, self.pos))

    # -- notes ----------------------------------------------------------------------------------
    def note(self, el) -> None:
        if self.para is None:
            return
        doc = self.doc
        kind = el.get(TEXT + "note-class")
        if kind not in ("footnote", "endnote"):
            kind = "footnote"
        nid = el.get(TEXT + "id") or f"note{len(doc.notes) + 1}"
        if (kind, nid) in doc.notes:
            # Two notes with one id: each is still its own note with its own reference.
            nid = f"{nid}#{len(doc.notes) + 1}"
        citation = el.find(TEXT + "note-citation")
        label = citation.get(TEXT + "label") if citation is not None else None
        para, offset = self.para, self.pos
        ref = NoteRef(kind=kind, id=nid, paragraph=para, offset=offset, custom_mark=label)
        self.append(NOTE_MARK, el, 0, 1, self.format_key())
        self.after_space = False
        para.note_refs.append(ref)
        doc.note_refs.append(ref)
        self.ctx.note_marks.setdefault(el.get(TEXT + "id") or nid, ref)
        note = Note(kind=kind, id=nid)
        doc.notes[(kind, nid)] = note
        note.story = doc.new_story(kind, note=note)
        body = el.find(TEXT + "note-body")
        if body is not None:
            reader = _StoryReader(self.ctx, note.story, self.styles)
            reader.drop_separator = True
            reader.read(body)

    # -- bookmarks and reference marks ----------------------------------------------------------
    def bookmark_point(self, el) -> None:
        bookmark = Bookmark(name=el.get(T_NAME) or "", id=el.get(XML_ID), node=el)
        self.doc.bookmarks.append(bookmark)

        def place(p, b=bookmark):
            b.start = p
            b.end = p

        self.at_position(place)

    def bookmark_start(self, el) -> None:
        bookmark = Bookmark(name=el.get(T_NAME) or "", id=el.get(XML_ID), node=el)
        self.doc.bookmarks.append(bookmark)
        # Bookmarks and reference marks are paired by name, each in its own name space.
        self.open_bookmarks[(_local(el.tag), bookmark.name)] = bookmark
        self.at_position(lambda p, b=bookmark: setattr(b, "start", p))

    def bookmark_end(self, el) -> None:
        name = el.get(T_NAME) or ""
        start_tag = _local(el.tag)[: -len("end")] + "start"
        self.close_bookmark(self.open_bookmarks.pop((start_tag, name), None), name)

    # -- tracked changes ------------------------------------------------------------------------
    def new_revision(self, change_id: str) -> Revision:
        kind, author, date, region = self.ctx.changes.get(change_id, ("unknown", None, None, None))
        self.ctx.seen_changes.add(change_id)
        rev = Revision(kind=kind, span=None, author=author, date=date)
        if kind == "deletion" and region is not None:
            rev.text = plain_text(region)
        self.doc.revisions.append(rev)
        return rev

    def change_point(self, el) -> None:
        # Deleted content: only this marker is in the text.
        rev = self.new_revision(el.get(TEXT + "change-id") or "")
        self.at_position(lambda p, r=rev: p and setattr(r, "span", Span(p.paragraph, p.offset, p.offset)))

    def change_start(self, el) -> None:
        change_id = el.get(TEXT + "change-id") or ""
        rev = self.new_revision(change_id)

        def opened(p, rev=rev, change_id=change_id):
            if p is not None:
                self.open_changes[change_id] = (rev, p)

        self.at_position(opened)

    def change_end(self, el) -> None:
        opened = self.open_changes.pop(el.get(TEXT + "change-id") or "", None)
        if opened is not None:
            self.at_end_position(lambda p: self.close_change(opened[0], opened[1], p))

    def close_change(self, rev: Revision, start: Position, end: Position | None) -> None:
        first = start.paragraph
        last = end.paragraph if end is not None else first
        if last.story is not first.story or last.index < first.index:
            last = first
        stop = end.offset if end is not None and last is end.paragraph else len(last.text)
        if first is last:
            rev.span = Span(first, start.offset, max(start.offset, stop))
        else:
            rev.span = Span(first, start.offset, len(first.text))
        if rev.kind != "insertion":
            return
        for para in first.story.paragraphs[first.index - 1 : last.index]:
            lo = start.offset if para is first else 0
            hi = stop if para is last else len(para.text)
            if hi > lo:
                para.ranges.append(Range("insertion", lo, hi, rev))

    # -- comments -------------------------------------------------------------------------------
    def annotation(self, el) -> None:
        ctx = self.ctx
        name = el.get(OFFICE + "name")
        comment = Comment(
            id=name or f"annotation{len(self.doc.comments) + 1}",
            author=_child_text(el, DC + "creator"),
            initials=_child_text(el, META + "creator-initials") or _child_text(el, LOEXT + "sender-initials"),
            date=_child_text(el, DC + "date"),
        )
        self.doc.comments.append(comment)
        marks = ctx.comment_marks.setdefault(comment.id, {})
        if name:
            ctx.comments_by_name.setdefault(name, comment)
        self.at_position(lambda p: marks.setdefault("start", p))
        comment.story = self.doc.new_story("comment", comment=comment)
        _StoryReader(ctx, comment.story, self.styles).read(el)

    def annotation_end(self, el) -> None:
        name = el.get(OFFICE + "name")
        if name:
            marks = self.ctx.comment_marks.setdefault(name, {})
            self.at_end_position(lambda p: marks.setdefault("end", p))


def _child_text(el, tag: str) -> str | None:
    child = el.find(tag)
    if child is None:
        return None
    text = "".join(child.itertext()).strip()
    return text or None


def _anchor_comments(ctx: _Context) -> None:
    for comment in ctx.doc.comments:
        marks = ctx.comment_marks.get(comment.id, {})
        start, end = marks.get("start"), marks.get("end")
        if start is None:
            continue
        if end is None:
            comment.anchor = Span(start.paragraph, start.offset, start.offset)
            continue
        spread_comment(comment, start, end)


def _clamp(ctx: _Context) -> None:
    """Positions taken just after a paragraph's trailing space, which was then dropped, move back
    to the end of the text."""

    def position(p: Position | None) -> None:
        if p is not None and p.offset > len(p.paragraph.text):
            p.offset = len(p.paragraph.text)

    def span(s: Span | None) -> None:
        if s is not None:
            n = len(s.paragraph.text)
            s.start, s.end = min(s.start, n), min(s.end, n)

    doc = ctx.doc
    for bm in doc.bookmarks:
        position(bm.start)
        position(bm.end)
    for _, p in doc.orphan_bookmark_ends:
        position(p)
    for marks in ctx.comment_marks.values():
        for p in marks.values():
            position(p)
    for item in (*doc.revisions, *doc.cross_references, *doc.fields):
        span(item.span)
    for control in doc.content_controls:
        for piece in control.spans:
            span(piece)


def _note_targets(ctx: _Context) -> None:
    """text:note-ref points at a note's id, not at a bookmark. Give each note that is pointed at a
    bookmark on its mark (as Word does with a _Ref bookmark), so that the check that every
    cross-reference resolves treats both formats alike; a note-ref to no note stays unresolved."""
    doc = ctx.doc
    names = {bm.name for bm in doc.bookmarks}
    for xref in doc.cross_references:
        if xref.kind != "NOTEREF" or xref.target in names:
            continue
        ref = ctx.note_marks.get(xref.target)
        if ref is None:
            continue
        names.add(xref.target)
        doc.bookmarks.append(
            Bookmark(
                name=xref.target,
                id=None,
                start=Position(ref.paragraph, ref.offset),
                end=Position(ref.paragraph, ref.offset + 1),
            )
        )


# -- the document ---------------------------------------------------------------------------------


def read_odt(package, path: str, limits) -> Document:
    """Build the model of an .odt package. Raises ReadError."""
    if not package.has("content.xml"):
        raise ReadError("IO002", _("The OpenDocument file has no text (its content.xml part is missing); the file is damaged."))
    content = parse_xml(package.part("content.xml"), "content.xml", limits)
    body = content.find(OFFICE + "body")
    text = body.find(OFFICE + "text") if body is not None else None
    if text is None:
        raise ReadError("IO002", _("The OpenDocument file has no body text; the file is damaged or is not a text document."))

    doc = Document(path=path, format="odt", capabilities=CAPABILITIES)
    styles_root = package.optional_part("styles.xml", doc.read_findings)
    doc.source_parts = {"content.xml": content} if styles_root is None else {"content.xml": content, "styles.xml": styles_root}
    common = styles_root.find(OFFICE + "styles") if styles_root is not None else None
    styles_auto = styles_root.find(OFFICE + "automatic-styles") if styles_root is not None else None
    body_styles = Styles(common, content.find(OFFICE + "automatic-styles"))

    ctx = _Context(doc, _tracked_changes(text))
    _StoryReader(ctx, doc.new_story("body"), body_styles).read(text)
    for change_id in ctx.changes:
        if change_id not in ctx.seen_changes:
            ctx.seen_changes.add(change_id)
            kind, author, date, region = ctx.changes[change_id]
            rev = Revision(kind=kind, span=None, author=author, date=date)
            if kind == "deletion" and region is not None:
                rev.text = plain_text(region)
            doc.revisions.append(rev)
    if styles_root is not None:
        _read_headers_footers(ctx, styles_root, Styles(common, styles_auto))
    _clamp(ctx)
    _anchor_comments(ctx)
    _note_targets(ctx)
    _read_properties(package, doc)
    doc.link_notes()
    return doc


def _tracked_changes(text_el) -> dict:
    changes: dict = {}
    block = text_el.find(TEXT + "tracked-changes")
    if block is None:
        return changes
    for region in block.iter(TEXT + "changed-region"):
        change_id = region.get(TEXT + "id") or region.get(XML_ID) or ""
        for child in region:
            kind = REVISION_KINDS.get(_local(child.tag))
            if kind is None:
                continue
            info = child.find(OFFICE + "change-info")
            author = _child_text(info, DC + "creator") if info is not None else None
            date = _child_text(info, DC + "date") if info is not None else None
            changes.setdefault(change_id, (kind, author, date, child))
            break
    return changes


HEADER_FOOTER = (
    ("header", "header"),
    ("header", "header-left"),
    ("header", "header-first"),
    ("footer", "footer"),
    ("footer", "footer-left"),
    ("footer", "footer-first"),
)


def _read_headers_footers(ctx: _Context, styles_root, styles: Styles) -> None:
    master = styles_root.find(OFFICE + "master-styles")
    if master is None:
        return
    for kind in ("header", "footer"):
        for page in master.iter(STYLE + "master-page"):
            for story_kind, local in HEADER_FOOTER:
                if story_kind != kind:
                    continue
                for ns in (STYLE, LOEXT):
                    el = page.find(ns + local)
                    if el is None or el.get(STYLE + "display") == "false" or len(el) == 0:
                        continue
                    part = f"styles.xml#{page.get(STYLE + 'name') or ''}/{local}"
                    variant = {"first": "first", "left": "even"}.get(local.rpartition("-")[2])
                    _StoryReader(ctx, ctx.doc.new_story(kind, part=part, variant=variant), styles).read(el)
                    break


#: ODF metadata under the names the .docx reader uses, so that rules need not know the format.
NEUTRAL_PROPERTY = {"initial-creator": "core.creator", "creator": "core.lastModifiedBy", "title": "core.title", "subject": "core.subject"}


def _read_properties(package, doc: Document) -> None:
    props = doc.properties
    root = package.optional_part("meta.xml", doc.read_findings)
    meta = root.find(OFFICE + "meta") if root is not None else None
    if meta is not None:
        for el in meta:
            local = _local(el.tag)
            if el.tag == META + "user-defined":
                name = el.get(META + "name")
                if name:
                    props["meta.user-defined." + name] = props["custom." + name] = "".join(el.itertext()).strip()
            elif len(el) == 0 and el.text and el.text.strip():
                props["meta." + local] = el.text.strip()
                if local in NEUTRAL_PROPERTY:
                    props[NEUTRAL_PROPERTY[local]] = el.text.strip()
    settings = package.optional_part("settings.xml", doc.read_findings)
    if settings is not None:
        for item in settings.iter(CONFIG + "config-item"):
            if item.get(CONFIG + "name") == "RecordChanges" and (item.text or "").strip() == "true":
                props["settings.trackRevisions"] = "true"
