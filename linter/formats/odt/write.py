"""Writing fixes into an .odt: content.xml (and styles.xml for headers and footers) only.

ODF keeps text as character data around elements: the reader's segments point at an element's
``text`` or ``tail`` and an offset in it, or at a character element (``text:s``, ``text:tab``,
``text:line-break``). ODF collapses runs of white space, so a segment that stands for collapsed
space is edited whole, and an insertion that would put a space beside a space (which a reader would
collapse) is refused rather than spelled with ``text:s``. A note reference is the ``text:note``
element itself: text inserted after it goes into its tail, outside the note.
"""

from __future__ import annotations

from lxml import etree

from linter.i18n import N_, _
from linter.diagnostics import Edit
from linter.model import NOTE_MARK, Document, Paragraph, Segment
from linter.formats.write import Refused, Revisions
from linter.formats.package_writer import Operation, PackageWriter, remove_keeping_tail

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
CHARACTER_ELEMENTS = {TEXT + "s", TEXT + "tab", TEXT + "line-break"}
PARAGRAPHS = {TEXT + "p", TEXT + "h"}
CONTAINERS = {TEXT + "a", TEXT + "meta", TEXT + "ruby", TEXT + "meta-field"}
CROSSING = {
    TEXT + "a": N_("hyperlink"),
    TEXT + "change": N_("tracked change"),
    TEXT + "change-start": N_("tracked change"),
    TEXT + "change-end": N_("tracked change"),
    OFFICE + "annotation": N_("comment"),
    OFFICE + "annotation-end": N_("comment"),
    TEXT + "reference-mark-start": N_("reference mark"),
    TEXT + "reference-mark-end": N_("reference mark"),
    TEXT + "meta-field": N_("field"),
}
WHITE = " \t\r\n"


def _get(node) -> str:
    el, where = node
    return (el.text if where == "text" else el.tail) or ""


def _put(node, text: str) -> None:
    el, where = node
    if where == "text":
        el.text = text
    else:
        el.tail = text


class OdtWriter(PackageWriter):
    def __init__(self, doc: Document, data: bytes, revisions: Revisions | None = None):
        if revisions is not None:
            raise Refused(_("tracked changes are written only into .docx files; run without --track-changes to fix an .odt"))
        super().__init__(doc, data)

    def write_node(self, node):
        if isinstance(node, tuple):
            return (self.node(node[0]), node[1])
        return self.node(node)

    def text_operation(self, edit: Edit, covered: list[Segment]) -> Operation:
        span = edit.span
        para = span.paragraph
        cuts = []
        for seg in covered:
            whole = seg.start >= span.start and seg.end <= span.end
            if not isinstance(seg.node, tuple):
                if seg.node.tag not in CHARACTER_ELEMENTS or not whole:
                    raise Refused(_("the edit would remove or cut something that is not text"))
                cuts.append((self.write_node(seg.node), 0, 0))
            elif seg.length != seg.end - seg.start:  # collapsed white space: all of it or none
                if not whole:
                    raise Refused(_("the edit would cut collapsed white space in two"))
                cuts.append((self.write_node(seg.node), seg.offset, seg.offset + seg.length))
            else:
                lo, hi = max(span.start, seg.start), min(span.end, seg.end)
                cuts.append((self.write_node(seg.node), seg.offset + lo - seg.start, seg.offset + hi - seg.start))
        for region in {(span.start, span.end), (edit.origin.start, edit.origin.end) if edit.origin else (span.start, span.end)}:
            around = [seg for seg in para.segments if seg.start < region[1] and seg.end > region[0]]
            self.check_ranges(para, *region)
            self.check_crossing(around)
        host = self.insertion_host(para, span.start, covered, edit.text) if edit.text else None

        def apply() -> None:
            for node, lo, hi in reversed(cuts):
                if isinstance(node, tuple):
                    text = _get(node)
                    _put(node, text[:lo] + text[hi:])
                elif node.getparent() is not None:
                    remove_keeping_tail(node)
            if host is not None:
                node, at = host
                text = _get(node)
                _put(node, text[:at] + edit.text + text[at:])

        return Operation(para, span.start, span.end, apply)

    def check_crossing(self, covered: list[Segment]) -> None:
        if not covered:
            return
        first, last = covered[0].node, covered[-1].node
        if _containers(first) != _containers(last):
            raise Refused(_("the edit would cross the edge of a hyperlink or field"))
        root = _element(first).getroottree().getroot()
        order = list(root.iter(etree.Element))
        index = {el: i for i, el in enumerate(order)}
        begin = _after(first, index)
        end = _after(last, index) if isinstance(last, tuple) and last[1] == "tail" else index[_element(last)] + 1
        for el in order[begin:end]:
            what = CROSSING.get(el.tag)
            if what:
                raise Refused(_("the edit would cross a {what}, which kamerlint does not change", what=_(what)))

    def insertion_host(self, para: Paragraph, at: int, covered: list[Segment], text: str):
        """(write node, offset): after the text to the left, else in a note mark's tail, else
        before the text to the right."""
        left = next((s for s in para.segments if s.start < at <= s.end), None)
        right = next((s for s in para.segments if s.start <= at < s.end), None)
        host = None
        if left is not None and isinstance(left.node, tuple):
            host = (left.node, left.offset + (left.length if left.length != left.end - left.start else at - left.start))
        elif left is not None and para.text[at - 1 : at] == NOTE_MARK:
            host = ((left.node, "tail"), 0)
        elif right is not None and isinstance(right.node, tuple) and right.length == right.end - right.start:
            host = (right.node, right.offset + at - right.start)
        elif covered and isinstance(covered[0].node, tuple):
            host = (covered[0].node, covered[0].offset)
        if host is None:
            raise Refused(_("there is no text beside the place to insert"))
        node, offset = self.write_node(host[0]), host[1]
        source = _get(host[0])
        if (text[:1] in WHITE and source[offset - 1 : offset] in tuple(WHITE)) or (text[-1:] in WHITE and source[offset : offset + 1] in tuple(WHITE)) or "  " in text:
            raise Refused(_("the inserted space would sit beside another, which an .odt reader collapses"))
        return node, offset

    def bookmark_removal(self, edit: Edit) -> Operation:
        bookmark = edit.target
        if bookmark is None or bookmark.node is None:
            raise Refused(_("the bookmark is not in the file"))
        start = self.node(bookmark.node)
        name = start.get(TEXT + "name")
        part = self.part_for(bookmark.node)
        ends = [el for el in part.root.iter(TEXT + "bookmark-end") if el.get(TEXT + "name") == name] if start.tag == TEXT + "bookmark-start" else []
        span = edit.span

        def apply() -> None:
            for el in [start, *ends]:
                if el.getparent() is not None:
                    remove_keeping_tail(el)

        return Operation(span.paragraph if span else None, span.start if span else 0, span.end if span else 0, apply)


def _element(node):
    return node[0] if isinstance(node, tuple) else node


def _after(node, index: dict) -> int:
    """Index in document order of the first element after ``node``'s place in the text."""
    el = _element(node)
    if isinstance(node, tuple) and node[1] == "text":
        return index[el] + 1
    last = el
    for last in el.iter(etree.Element):
        pass
    return index[last] + 1


def _containers(node) -> tuple:
    el = _element(node)
    if not (isinstance(node, tuple) and node[1] == "text"):
        el = el.getparent()
    chain = []
    while el is not None and el.tag not in PARAGRAPHS:
        if el.tag in CONTAINERS:
            chain.append(el)
        el = el.getparent()
    return tuple(chain)
