"""The .docx reader: WordprocessingML parts to a :class:`linter.model.Document`.

Each story part is walked once, element by element, with a small dispatch on the tag; the walk
keeps the state that spans elements (open fields, tracked deletions, bookmarks waiting for the next
paragraph). No XPath per paragraph and no python-docx: this must stay fast on a 300-page letter.
"""

from __future__ import annotations


from linter.model import (
    CAP_BOOKMARK_ENDS,
    CAP_FIELDS,
    CAP_FORMATTING,
    CAP_PROPERTIES,
    CAP_REVISIONS,
    CAP_WORD_BOOKMARK_NAMES,
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
from linter.i18n import N_, _
from linter.formats.story import StoryPositions, spread_comment
from linter.formats.styles import HIDDEN, SUPERSCRIPT, style_chain
from linter.formats.xml import parse_xml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
W_VAL = W + "val"
W_ID = W + "id"
W_PSTYLE = W + "pStyle"
W_RPR = W + "rPr"
W_PPRCHANGE = W + "pPrChange"
W_NUMPR = W + "numPr"
W_INS = W + "ins"
W_NUMBERINGCHANGE = W + "numberingChange"
W_SECTPR = W + "sectPr"
W_VERTALIGN = W + "vertAlign"
W_VANISH = W + "vanish"
W_HIGHLIGHT = W + "highlight"
W_RSTYLE = W + "rStyle"
W_RPRCHANGE = W + "rPrChange"
W_FOOTNOTEREFERENCE = W + "footnoteReference"
W_SECTPRCHANGE = W + "sectPrChange"
W_SDTCONTENT = W + "sdtContent"
W_T = W + "t"
W_FRAMEPR = W + "framePr"
W_TXBXCONTENT = W + "txbxContent"
MC_ALTERNATECONTENT = MC + "AlternateContent"
MC_CHOICE = MC + "Choice"
MC_FALLBACK = MC + "Fallback"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
#: What an ``mc:Choice`` may require for the reader to read it rather than the ``mc:Fallback``:
#: Word 2010's shapes, groups and canvases, whose text boxes (``wps:txbx``) it reads. Every other
#: Choice gives way to its Fallback, which holds the same content in older vocabulary.
UNDERSTOOD_CHOICES = frozenset(
    "http://schemas.microsoft.com/office/word/2010/" + name
    for name in ("wordprocessingShape", "wordprocessingGroup", "wordprocessingCanvas")
)
#: The kind of a content control, from the element in its ``w:sdtPr`` that says it (none: rich text).
CONTENT_CONTROL_TYPES = {
    W + "richText": "rich-text",
    W + "text": "plain-text",
    W + "date": "date",
    W + "dropDownList": "drop-down",
    W + "comboBox": "combo-box",
    W + "picture": "picture",
    W + "docPartObj": "building-block",
    W + "docPartList": "building-block",
    W + "group": "group",
    W + "citation": "citation",
    W + "bibliography": "bibliography",
    W + "equation": "equation",
    W14 + "checkbox": "checkbox",
    W15 + "repeatingSection": "repeating-section",
    W15 + "repeatingSectionItem": "repeating-section",
}

CAPABILITIES = frozenset({CAP_BOOKMARK_ENDS, CAP_FIELDS, CAP_FORMATTING, CAP_PROPERTIES, CAP_REVISIONS, CAP_WORD_BOOKMARK_NAMES})
OFF_VALUES = ("0", "false", "off", "none")


MAIN_PART_KINDS = {
    "workbook": N_("an Excel workbook"),
    "presentation": N_("a PowerPoint presentation"),
}


def _on(value: str | None) -> bool:
    """An OOXML on/off attribute: absent means on."""
    return value is None or value.lower() not in OFF_VALUES


class Styles:
    """The few style properties the model needs, with basedOn chains resolved and cached."""

    def __init__(self, root=None):
        # id -> (basedOn, [superscript, vanish]); each property True/False/None (not set).
        self._styles: dict[str, tuple[str | None, list]] = {}
        # id -> (basedOn, frame properties or None): paragraph styles that put text in a frame.
        self._frames: dict[str, tuple[str | None, tuple | None]] = {}
        self._frame_cache: dict[str, tuple | None] = {}
        self._cache: dict[tuple[str, int], bool | None] = {}
        self._run_flags: dict[tuple[str | None, str | None], tuple[bool | None, bool | None]] = {}
        self.has_frames = False
        self.default_paragraph: str | None = None
        if root is None:
            return
        for style in root.iter(W + "style"):
            sid = style.get(W + "styleId")
            if sid is None:
                continue
            based = style.find(W + "basedOn")
            sup = vanish = None
            rpr = style.find(W_RPR)
            if rpr is not None:
                vert = rpr.find(W_VERTALIGN)
                if vert is not None:
                    sup = vert.get(W_VAL) == "superscript"
                van = rpr.find(W_VANISH)
                if van is not None:
                    vanish = _on(van.get(W_VAL))
            self._styles[sid] = (based.get(W_VAL) if based is not None else None, [sup, vanish])
            ppr = style.find(W + "pPr")
            frame = ppr.find(W_FRAMEPR) if ppr is not None else None
            self._frames[sid] = (self._styles[sid][0], frame_key(frame) if frame is not None else None)
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true", "on"):
                self.default_paragraph = sid
        self.has_frames = any(entry[1] is not None for entry in self._frames.values())

    def get(self, sid: str | None, index: int) -> bool | None:
        """Property ``index`` (SUPERSCRIPT or HIDDEN) of style ``sid`` or the styles it is based on."""
        if sid is None:
            return None
        key = (sid, index)
        if key in self._cache:
            return self._cache[key]
        value = next((entry[1][index] for entry in style_chain(sid, self._styles.get) if entry[1][index] is not None), None)
        self._cache[key] = value
        return value

    def frame(self, sid: str | None) -> tuple | None:
        """The frame properties paragraph style ``sid`` gives (through the styles it is based on)."""
        if sid is None or not self.has_frames:
            return None
        if sid not in self._frame_cache:
            self._frame_cache[sid] = next((entry[1] for entry in style_chain(sid, self._frames.get) if entry[1] is not None), None)
        return self._frame_cache[sid]

    def run_flags(self, rstyle: str | None, para_style: str | None) -> tuple[bool | None, bool | None]:
        """(superscript, hidden) a run has through its character style, else its paragraph's style:
        asked for every run, so kept per pair of styles."""
        key = (rstyle, para_style)
        flags = self._run_flags.get(key)
        if flags is None:
            sup = self.get(rstyle, SUPERSCRIPT)
            hidden = self.get(rstyle, HIDDEN)
            flags = self._run_flags[key] = (
                self.get(para_style, SUPERSCRIPT) if sup is None else sup,
                self.get(para_style, HIDDEN) if hidden is None else hidden,
            )
        return flags



def frame_key(el) -> tuple | None:
    """A ``w:framePr`` as something to compare (Word makes one frame of neighbouring paragraphs
    with the same frame properties); None for a drop cap, which is a large first letter, not a
    frame a reader sees."""
    if (el.get(W + "dropCap") or "none") != "none":
        return None
    return ("frame", *sorted(el.attrib.items()))


def chosen_branch(el):
    """The branch of an ``mc:AlternateContent`` the reader reads: the first Choice it understands,
    else the Fallback (else the first Choice). One branch only, so the text is read once."""
    for choice in el.iterchildren(MC_CHOICE):
        requires = (choice.get("Requires") or "").split()
        nsmap = choice.nsmap
        if requires and all(nsmap.get(prefix) in UNDERSTOOD_CHOICES for prefix in requires):
            return choice
    fallback = el.find(MC_FALLBACK)
    return fallback if fallback is not None else el.find(MC_CHOICE)


def text_box_contents(el):
    """The text boxes (``w:txbxContent``) in a drawing or VML picture, in document order; a text
    box inside another is left to the reading of that one, and of each ``mc:AlternateContent`` only
    the chosen branch is searched."""
    for child in el:
        tag = child.tag
        if tag == W_TXBXCONTENT:
            yield child
        elif tag == MC_ALTERNATECONTENT:
            branch = chosen_branch(child)
            if branch is not None:
                yield from text_box_contents(branch)
        elif isinstance(tag, str) and len(child):
            yield from text_box_contents(child)


def _content_control(props) -> ContentControl:
    control = ContentControl()
    if props is None:
        return control
    for child in props:
        tag = child.tag
        if tag == W + "alias":
            control.title = child.get(W_VAL) or None
        elif tag == W + "tag":
            control.tag = child.get(W_VAL) or None
        elif tag == W + "showingPlcHdr":
            control.showing_placeholder = _on(child.get(W_VAL))
        elif tag in CONTENT_CONTROL_TYPES:
            control.type = CONTENT_CONTROL_TYPES[tag]
            if tag == W + "date":
                control.full_date = child.get(W + "fullDate") or None
    return control


class _OpenField:
    __slots__ = ("instr", "in_code", "start", "simple", "deleted")

    def __init__(self, simple: bool = False, deleted: bool = False):
        self.instr: list[str] = []
        self.in_code = not simple
        self.start: Position | None = None  # where the result begins
        self.simple = simple
        self.deleted = deleted


class _Reader(StoryPositions):
    """Walks story parts into one Document. One instance per document."""

    def __init__(self, doc: Document, styles: Styles):
        self.doc = doc
        self.styles = styles
        # Comment id -> {"start"|"end"|"ref": Position}, over all stories.
        self.comment_marks: dict[str, dict[str, Position]] = {}
        d = {}
        for name in ("body", "tr", "tc", "sdtContent", "customXml", "smartTag", "dir", "bdo"):
            d[W + name] = self.walk
        d.update(
            {
                W + "p": self.paragraph,
                W + "pPr": self.paragraph_properties,
                W + "r": self.run,
                W + "tbl": self.table,
                W + "sdt": self.sdt,
                W + "hyperlink": self.hyperlink,
                W_INS: self.insertion,
                W + "moveTo": self.insertion,
                W + "del": self.deletion,
                W + "moveFrom": self.deletion,
                W + "fldSimple": self.simple_field,
                W + "bookmarkStart": self.bookmark_start,
                W + "bookmarkEnd": self.bookmark_end,
                W + "commentRangeStart": self.comment_start,
                W + "commentRangeEnd": self.comment_end,
                W + "tblPr": self.table_changes,
                W + "tblGrid": self.table_changes,
                W + "trPr": self.table_changes,
                W + "tcPr": self.table_changes,
                W_SECTPR: self.section_properties,
                MC_ALTERNATECONTENT: self.alternate_content,
                W + "drawing": self.shape,
                W + "pict": self.shape,
                W + "object": self.shape,
                # Run content.
                W_T: self.text,
                W + "delText": self.deleted_text,
                W + "instrText": self.instruction_text,
                W + "delInstrText": self.instruction_text,
                W + "fldChar": self.field_char,
                W + "tab": self.tab,
                W + "ptab": self.tab,
                W + "br": self.line_break,
                W + "cr": self.line_break,
                W + "noBreakHyphen": self.no_break_hyphen,
                W + "sym": self.symbol,
                W_FOOTNOTEREFERENCE: self.note_reference,
                W + "endnoteReference": self.note_reference,
                W + "footnoteRef": self.note_own_mark,
                W + "endnoteRef": self.note_own_mark,
                W + "commentReference": self.comment_reference,
            }
        )
        self.dispatch = d

    # -- stories --------------------------------------------------------------------------------
    def read_story(self, story: Story, root) -> None:
        """Read one story, then the text boxes anchored in it, each a story of its own (numbered in
        reading order; one inside another comes right after it)."""
        self.text_boxes: list = []
        self.read_flow(story, root)
        queue, number = self.text_boxes, 0
        while queue:
            content = queue.pop(0)
            number += 1
            box = self.doc.new_story(story.kind, note=story.note, comment=story.comment, part=story.part,
                                     variant=story.variant, host=story, text_box=number)
            self.text_boxes = []
            self.read_flow(box, content)
            queue[:0] = self.text_boxes

    def read_flow(self, story: Story, root) -> None:
        self.story = story
        self.para: Paragraph | None = None
        self.last_para: Paragraph | None = None
        self.parts: list[str] = []
        self.pos = 0
        self.fields: list[_OpenField] = []
        self.code_fields = 0  # open fields in their instruction part: text there is not visible
        self.hidden_depth = 0  # inside w:del / w:moveFrom
        self.deletions: list[Revision] = []
        self.pending: list = []  # callbacks that want the next paragraph's start position
        self.open_bookmarks: dict[str, Bookmark] = {}
        self.table_depth = 0
        self.drop_separator = False
        self.custom_ref: NoteRef | None = None
        self.custom_text: list[str] = []
        self.frame_key: tuple | None = None
        self.frames = 0
        self.last_frame: tuple[tuple, Paragraph, int] | None = None
        self.walk(root)
        while self.fields:
            self.finish_field(self.fields.pop())
        self.story_ended()

    def walk(self, el) -> None:
        dispatch = self.dispatch
        for child in el:
            handler = dispatch.get(child.tag)
            if handler is not None:
                handler(child)

    # -- block level ----------------------------------------------------------------------------
    def paragraph(self, el) -> None:
        if self.para is not None:
            return  # a paragraph inside a paragraph (text box): not part of this flow
        para = self.story.new_paragraph()
        para.in_table = self.table_depth > 0
        self.para = para
        self.parts = []
        self.pos = 0
        self.set_paragraph_style(self.styles.default_paragraph)
        self.frame_key = None
        self.mark_revisions: list[Revision] = []
        self.last_range: dict[str, Range] = {}
        self.paragraph_started(para)
        self.walk(el)
        para.text = text = "".join(self.parts)
        for rev in self.mark_revisions:
            rev.span = Span(para, len(text), len(text)) if rev.kind != "paragraph-properties" else Span(para, 0, len(text))
        self.finish_custom_mark()
        self.drop_separator = False
        self.para = None
        self.last_para = para
        frame = self.frame_key if self.frame_key is not None else self.styles.frame(self.para_style)
        if frame:
            self.place_in_frame(para, frame)

    def place_in_frame(self, para: Paragraph, frame: tuple) -> None:
        """Number the frame ``para`` is in: the previous paragraph's, if it has the same frame
        properties (Word shows such neighbours in one frame), else the next number."""
        last = self.last_frame
        if last is not None and last[0] == frame and last[1].index == para.index - 1:
            para.frame = last[2]
        else:
            self.frames += 1
            para.frame = self.frames
        self.last_frame = (frame, para, para.frame)

    def set_paragraph_style(self, style: str | None) -> None:
        self.para_style = style
        # Whether the style alone makes a run superscript or hidden (asked for every run).
        self.styled_runs = any(self.styles.run_flags(None, style))

    def paragraph_properties(self, el) -> None:
        para = self.para
        if para is None:
            return  # misplaced (damaged file): nothing to attach it to
        for child in el:
            tag = child.tag
            if tag == W_PSTYLE:
                para.style = child.get(W_VAL)
                self.set_paragraph_style(para.style)
            elif tag == W_RPR:
                for mark in child:
                    kind = PARAGRAPH_MARK_KINDS.get(mark.tag)
                    if kind is not None:
                        self.mark_revisions.append(self.revision(kind, mark, None))
            elif tag == W_PPRCHANGE:
                self.mark_revisions.append(self.revision("paragraph-properties", child, None))
            elif tag == W_NUMPR:
                for sub in child:
                    if sub.tag in (W_INS, W_NUMBERINGCHANGE):
                        self.revision("numbering", sub, Span(para, 0, 0))
            elif tag == W_SECTPR:
                self.section_properties(child)
            elif tag == W_FRAMEPR:
                self.frame_key = frame_key(child) or ()  # (): a drop cap, whatever the style says

    def table(self, el) -> None:
        self.table_depth += 1
        self.walk(el)
        self.table_depth -= 1

    def sdt(self, el) -> None:
        """A content control: its text is read as any other, and marked with a range."""
        control = _content_control(el.find(W + "sdtPr"))
        self.doc.content_controls.append(control)
        content = el.find(W_SDTCONTENT)
        para = self.para
        if para is not None:  # inside a paragraph: a run of text
            start = self.pos
            if content is not None:
                self.walk(content)
            end = self.pos if self.para is para else start
            self.control_span(control, para, start, end)
            return
        first = content.find("*") if content is not None else None
        control.level = {W + "tr": "row", W + "tc": "cell"}.get(first.tag if first is not None else None, "block")
        before = len(self.story.paragraphs)
        if content is not None:
            self.walk(content)
        covered = self.story.paragraphs[before:]
        for covered_para in covered:
            self.control_span(control, covered_para, 0, len(covered_para.text))
        if not covered:  # empty: where it stands, the start of the next paragraph
            self.at_position(lambda p, c=control: p and self.control_span(c, p.paragraph, p.offset, p.offset))

    @staticmethod
    def control_span(control: ContentControl, para: Paragraph, start: int, end: int) -> None:
        control.spans.append(Span(para, start, end))
        para.ranges.append(Range("content-control", start, end, control))

    def alternate_content(self, el) -> None:
        # The same content twice, in newer and older vocabulary: read one branch.
        chosen = chosen_branch(el)
        if chosen is not None:
            self.walk(chosen)

    def shape(self, el) -> None:
        """A drawing, VML picture or object: its text boxes are read after this story, each as a
        story of its own. Not when deleted (DR001 reports the deletion) or in a field's code."""
        if not self.hidden_depth and not self.code_fields:
            self.text_boxes.extend(text_box_contents(el))

    def table_changes(self, el) -> None:
        for child in el:
            kind = TABLE_CHANGE_KINDS.get(child.tag)
            if kind is not None:
                self.pending_revision(kind, child)

    def section_properties(self, el) -> None:
        change = el.find(W_SECTPRCHANGE)
        if change is not None:
            if self.para is not None:
                self.revision("section-properties", change, Span(self.para, 0, 0))
            else:
                self.pending_revision("section-properties", change)

    def pending_revision(self, kind: str, el) -> None:
        rev = self.revision(kind, el, None)

        def place(position, rev=rev):
            if position is not None:
                rev.span = Span(position.paragraph, position.offset, position.offset)

        self.at_position(place)

    def revision(self, kind: str, el, span: Span | None) -> Revision:
        rev = Revision(kind=kind, span=span, author=el.get(W + "author"), date=el.get(W + "date"))
        self.doc.revisions.append(rev)
        return rev

    # -- inline containers ----------------------------------------------------------------------
    def hyperlink(self, el) -> None:
        para, start = self.para, self.pos
        self.walk(el)
        anchor = el.get(W + "anchor")
        end = self.pos if self.para is para else start
        if para is not None and end > start:
            para.ranges.append(Range("hyperlink", start, end, "external" if el.get(R + "id") else "internal"))
        # With r:id the anchor is a place in the linked file, not a bookmark in this one.
        if anchor and para is not None and el.get(R + "id") is None:
            self.doc.cross_references.append(CrossReference("anchor", anchor, Span(para, start, end)))

    def insertion(self, el) -> None:
        kind = "insertion" if el.tag == W_INS else "move-to"
        para, start = self.para, self.pos
        rev = self.revision(kind, el, None)
        self.walk(el)
        if para is not None:
            end = self.pos if self.para is para else len(para.text)
            rev.span = Span(para, start, end)
            if end > start:
                para.ranges.append(Range("insertion", start, end, rev))

    def deletion(self, el) -> None:
        kind = "deletion" if el.tag == W + "del" else "move-from"
        span = Span(self.para, self.pos, self.pos) if self.para is not None else None
        rev = self.revision(kind, el, span)
        if span is None:
            self.pending.append(lambda p, rev=rev: p and setattr(rev, "span", Span(p.paragraph, p.offset, p.offset)))
        self.hidden_depth += 1
        self.deletions.append(rev)
        self.walk(el)
        self.deletions.pop()
        self.hidden_depth -= 1

    # -- runs -----------------------------------------------------------------------------------
    def run(self, el) -> None:
        para, start = self.para, self.pos
        rpr = None
        dispatch = self.dispatch
        for child in el:
            tag = child.tag
            if tag == W_T and not (self.hidden_depth or self.code_fields or self.custom_ref is not None
                                   or self.drop_separator) and self.para is not None:
                # Most of a letter: visible text in a run, as self.text() and self.emit() add it.
                text = child.text
                if text:
                    pos = self.pos
                    self.parts.append(text)
                    self.pos = end = pos + len(text)
                    self.para.segments.append(Segment(pos, end, child, 0, len(text)))
            elif tag == W_RPR:
                rpr = child
            else:
                handler = dispatch.get(tag)
                if handler is not None:
                    handler(child)
        if para is None:
            return
        end = self.pos if self.para is para else start
        if rpr is not None:
            self.run_formatting(para, rpr, start, end)
        elif end > start and self.styled_runs:
            # No run properties (most runs): only its paragraph's style can format it.
            self.run_formatting(para, None, start, end)
        if self.custom_ref is not None and self.custom_text:
            self.finish_custom_mark()

    def run_formatting(self, para: Paragraph, rpr, start: int, end: int) -> None:
        sup = hidden = None
        hidden_from = "direct"
        highlight = rstyle = None
        if rpr is not None:
            for prop in rpr:
                tag = prop.tag
                if tag == W_VERTALIGN:
                    sup = prop.get(W_VAL) == "superscript"
                elif tag == W_VANISH:
                    hidden = _on(prop.get(W_VAL))
                elif tag == W_HIGHLIGHT:
                    value = prop.get(W_VAL)
                    if value and value != "none":
                        highlight = value
                elif tag == W_RSTYLE:
                    rstyle = prop.get(W_VAL)
                elif tag == W_RPRCHANGE:
                    self.revision("formatting", prop, Span(para, start, end))
        if end <= start:
            return
        if sup is None or hidden is None:
            style_sup, style_hidden = self.styles.run_flags(rstyle, self.para_style)
            if sup is None:
                sup = style_sup
            if hidden is None:
                hidden_from = "style"
                hidden = style_hidden
        if sup:
            self.add_range(para, "superscript", start, end, None)
        if hidden:
            self.add_range(para, "hidden", start, end, hidden_from)
        if highlight:
            self.add_range(para, "highlight", start, end, highlight)

    def emit(self, text: str, node, offset: int = 0) -> None:
        """Append visible text to the current paragraph."""
        if self.drop_separator:
            # Word puts one space or tab after a note's own number; that one is not the author's.
            self.drop_separator = False
            if text[:1] in (" ", "\t"):
                text = text[1:]
                offset += 1
        if not text:
            return
        start = self.pos
        self.parts.append(text)
        self.pos = end = start + len(text)
        self.para.segments.append(Segment(start, end, node, offset, len(text)))

    def visible(self) -> bool:
        return not self.hidden_depth and not self.code_fields and self.para is not None

    def hidden_text(self, text: str) -> None:
        if self.hidden_depth and self.deletions:
            self.deletions[-1].text += text

    def text(self, el) -> None:
        text = el.text
        if not text:
            return
        if not self.visible():
            self.hidden_text(text)
            return
        if self.custom_ref is not None:
            self.custom_text.append(text)
        self.emit(text, el)

    def deleted_text(self, el) -> None:
        if el.text:
            self.hidden_text(el.text)

    def tab(self, el) -> None:
        self.char("\t", el)

    def line_break(self, el) -> None:
        self.char("\n", el)

    def no_break_hyphen(self, el) -> None:
        self.char("\u2011", el)

    def symbol(self, el) -> None:
        try:
            code = int(el.get(W + "char") or "", 16)
        except ValueError:
            return
        # F000-F0FF: a symbol font's own code page (Symbol, Wingdings), not a Unicode character.
        if 0 < code < 0x110000 and not 0xF000 <= code <= 0xF0FF and not 0xD800 <= code <= 0xDFFF:
            self.char(chr(code), el)

    def char(self, ch: str, el) -> None:
        if self.visible():
            self.emit(ch, el)
        else:
            self.hidden_text(ch)

    def note_reference(self, el) -> None:
        kind = "footnote" if el.tag == W_FOOTNOTEREFERENCE else "endnote"
        if not self.visible():
            # A deleted reference: gone once the changes are accepted, and its note with it.
            self.doc.deleted_note_refs.add((kind, el.get(W_ID) or ""))
            return
        custom = el.get(W + "customMarkFollows")
        ref = NoteRef(
            kind=kind,
            id=el.get(W_ID) or "",
            paragraph=self.para,
            offset=self.pos,
            custom_mark="" if custom is not None and _on(custom) else None,
        )
        self.finish_custom_mark()
        self.drop_separator = False
        start = self.pos
        self.parts.append(NOTE_MARK)
        self.pos = start + 1
        self.para.segments.append(Segment(start, start + 1, el, 0, 1))
        self.para.note_refs.append(ref)
        self.doc.note_refs.append(ref)
        if ref.custom_mark is not None:
            self.custom_ref = ref
            self.custom_text = []

    def finish_custom_mark(self) -> None:
        ref = self.custom_ref
        if ref is not None:
            ref.custom_mark = "".join(self.custom_text).strip()
            self.custom_ref = None
            self.custom_text = []

    def note_own_mark(self, el) -> None:
        if self.visible():
            self.drop_separator = True

    # -- fields ---------------------------------------------------------------------------------
    def field_char(self, el) -> None:
        kind = el.get(W + "fldCharType")
        fields = self.fields
        if kind == "begin":
            fields.append(_OpenField(deleted=self.hidden_depth > 0))
            self.code_fields += 1
        elif kind == "separate":
            if fields and fields[-1].in_code:
                field = fields[-1]
                field.in_code = False
                self.code_fields -= 1
                field.start = self.position()
        elif kind == "end":
            if fields:
                self.finish_field(fields.pop())

    def instruction_text(self, el) -> None:
        if self.fields and self.fields[-1].in_code and el.text:
            self.fields[-1].instr.append(el.text)

    def simple_field(self, el) -> None:
        field = _OpenField(simple=True, deleted=self.hidden_depth > 0)
        field.instr.append(el.get(W + "instr") or "")
        field.start = self.position()
        self.fields.append(field)
        self.walk(el)
        if self.fields and self.fields[-1] is field:
            self.fields.pop()
        self.finish_field(field)

    def finish_field(self, field: _OpenField) -> None:
        if field.in_code:
            field.in_code = False
            self.code_fields -= 1
        if field.deleted:
            return
        span = None
        start = field.start
        if start is None:
            here = self.position()
            if here is not None:
                span = Span(here.paragraph, here.offset, here.offset)
        elif start.paragraph is self.para:
            span = Span(start.paragraph, start.offset, self.pos)
        else:  # the result runs on into later paragraphs: its first paragraph's part
            span = Span(start.paragraph, start.offset, len(start.paragraph.text))
        self.add_field(" ".join("".join(field.instr).split()), span, simple=field.simple)

    # -- bookmarks and comment marks ------------------------------------------------------------
    def bookmark_start(self, el) -> None:
        bookmark = Bookmark(name=el.get(W + "name") or "", id=el.get(W_ID), node=el)
        self.doc.bookmarks.append(bookmark)
        self.open_bookmarks[bookmark.id] = bookmark
        self.at_position(lambda p, b=bookmark: setattr(b, "start", p))

    def bookmark_end(self, el) -> None:
        bid = el.get(W_ID)
        self.close_bookmark(self.open_bookmarks.pop(bid, None), bid)

    def comment_mark(self, el, which: str, at_end: bool = False) -> None:
        marks = self.comment_marks.setdefault(el.get(W_ID) or "", {})
        if which not in marks:
            (self.at_end_position if at_end else self.at_position)(lambda p: marks.setdefault(which, p))

    def comment_start(self, el) -> None:
        self.comment_mark(el, "start")

    def comment_end(self, el) -> None:
        self.comment_mark(el, "end", at_end=True)

    def comment_reference(self, el) -> None:
        self.comment_mark(el, "ref")

    def anchor_comments(self) -> None:
        for comment in self.doc.comments:
            marks = self.comment_marks.get(comment.id, {})
            start, end = marks.get("start"), marks.get("end")
            if start is None or end is None:
                ref = marks.get("ref") or start
                if ref is not None:
                    comment.anchor = Span(ref.paragraph, ref.offset, ref.offset)
                continue
            spread_comment(comment, start, end)


PARAGRAPH_MARK_KINDS = {
    W_INS: "paragraph-mark-insertion",
    W + "del": "paragraph-mark-deletion",
    W + "moveTo": "paragraph-mark-insertion",
    W + "moveFrom": "paragraph-mark-deletion",
    W_RPRCHANGE: "formatting",
}
TABLE_CHANGE_KINDS = {
    W + "tblPrChange": "table-properties",
    W + "tblGridChange": "table-properties",
    W + "trPrChange": "table-properties",
    W + "tcPrChange": "table-properties",
    W_INS: "row-insertion",
    W + "del": "row-deletion",
    W + "cellIns": "cell-insertion",
    W + "cellDel": "cell-deletion",
    W + "cellMerge": "cell-merge",
}


# -- the document ---------------------------------------------------------------------------------


def read_docx(package, path: str, limits) -> Document:
    """Build the model of a .docx package. Raises ReadError."""
    if package.mimetype.startswith("application/vnd.oasis.opendocument"):
        raise ReadError(
            "IO002",
            _("This is an OpenDocument file that is not a text document (a spreadsheet or presentation, for example); only letters are checked."),
        )
    main = package.main_part
    root = _required(package, main, limits)
    if root.tag != W + "document":
        local = root.tag.rpartition("}")[2] if isinstance(root.tag, str) else ""
        what = _(MAIN_PART_KINDS[local]) if local in MAIN_PART_KINDS else _("another kind of Office file")
        raise ReadError("IO002", _("This is not a Word document: it looks like {what}. Only letters are checked.", what=what))
    body = root.find(W + "body")
    if body is None:
        raise ReadError("IO002", _("The Word document has no body text; the file is damaged or incomplete."))

    doc = Document(path=path, format="docx", capabilities=CAPABILITIES)
    styles_root = None
    for part in package.related(main, "styles")[:1]:
        styles_root = package.optional_part(part, doc.read_findings)
    reader = _Reader(doc, Styles(styles_root))

    reader.read_story(doc.new_story("body"), body)
    for kind in ("footnote", "endnote"):
        for part in package.related(main, kind + "s")[:1]:
            _read_notes(reader, kind, _required(package, part, limits))
    for part in package.related(main, "comments")[:1]:
        comments = package.optional_part(part, doc.read_findings)
        if comments is not None:
            _read_comments(reader, comments)
    variants = _header_variants(package, main, body)
    for kind in ("header", "footer"):
        for part in package.related(main, kind):
            part_root = package.optional_part(part, doc.read_findings)
            if part_root is not None:
                reader.read_story(doc.new_story(kind, part=part, variant=variants.get(part)), part_root)
    reader.anchor_comments()
    _read_properties(package, main, doc)
    doc.link_notes()
    doc.source_parts = package.parsed
    return doc


def _header_variants(package, main: str, body) -> dict[str, str]:
    """Header and footer parts that show on the first page or on even pages only (``first``,
    ``even``), from the sections' ``w:headerReference``/``w:footerReference``. A part that some
    section also uses for its other pages is not named for those pages alone."""
    targets = {rel_id: target for rel_id, _type, target, external in package.rels(main) if not external}
    kinds: dict[str, set[str]] = {}
    for ref in body.iter(W + "headerReference", W + "footerReference"):
        target = targets.get(ref.get(R + "id") or "")
        if target is not None:
            kinds.setdefault(target, set()).add(ref.get(W + "type") or "default")
    return {part: "first" if "first" in found else "even" for part, found in kinds.items() if "default" not in found}


def _read_notes(reader: _Reader, kind: str, root) -> None:
    doc = reader.doc
    tag = W + kind
    for el in root:
        if el.tag != tag:
            continue
        nid = el.get(W_ID) or ""
        if (kind, nid) in doc.notes:
            continue  # a duplicate id: Word uses the first
        note = Note(kind=kind, id=nid, type=el.get(W + "type") or "normal")
        doc.notes[(kind, nid)] = note
        if note.is_normal:
            note.story = doc.new_story(kind, note=note)
            reader.read_story(note.story, el)


def _read_comments(reader: _Reader, root) -> None:
    doc = reader.doc
    for el in root.iter(W + "comment"):
        comment = Comment(
            id=el.get(W_ID) or "",
            author=el.get(W + "author"),
            initials=el.get(W + "initials"),
            date=el.get(W + "date"),
        )
        doc.comments.append(comment)
        comment.story = doc.new_story("comment", comment=comment)
        reader.read_story(comment.story, el)


def _required(package, part: str, limits):
    """A part the letter cannot be checked without (the main part, the notes)."""
    try:
        root = package.parsed[part] = parse_xml(package.part(part), part, limits)
        return root
    except KeyError:
        raise ReadError("IO002", _("Part {part} of the Word document is missing; the file is damaged.", part=part)) from None
    except ReadError as e:
        if e.code != "IO002":
            raise
        raise ReadError(
            "IO002",
            _("{problem} The document cannot be checked; if it opens in Word, save it again and check the new file.", problem=e.message),
        ) from None


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _read_properties(package, main: str, doc: Document) -> None:
    props = doc.properties
    for rel, prefix in (("core-properties", "core."), ("extended-properties", "app.")):
        for part in package.related(None, rel)[:1]:
            root = package.optional_part(part, doc.read_findings)
            if root is None:
                continue
            for el in root:
                if len(el) == 0 and el.text and el.text.strip():
                    props[prefix + _local(el.tag)] = el.text.strip()
    for part in package.related(None, "custom-properties")[:1]:
        root = package.optional_part(part, doc.read_findings)
        if root is None:
            continue
        for el in root:
            name = el.get("name")
            if name:
                props["custom." + name] = "".join(el.itertext()).strip()
    for part in package.related(main, "settings")[:1]:
        root = package.optional_part(part, doc.read_findings)
        if root is None:
            continue
        template = root.find(W + "attachedTemplate")
        if template is not None:
            rid = template.get(R + "id")
            for rel_id, _, target, _ in package.rels(part):
                if rel_id == rid:
                    props["settings.attachedTemplate"] = target
        for name in ("trackRevisions", "removePersonalInformation", "removeDateAndTime"):
            el = root.find(W + name)
            if el is not None and _on(el.get(W_VAL)):
                props["settings." + name] = "true"
