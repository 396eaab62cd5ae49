"""Writing fixes into a .docx: only the XML parts that change are rewritten.

The reader's model maps every character of visible text to a node (a ``w:t`` and an offset in
it, or a ``w:tab``, ``w:br``, …). The writer parses each part it changes again, keeping comments
and processing instructions, finds the same node there (elements are the same, one for one, in
document order) and edits its text. Every other zip entry is written back with its name, place,
time stamp, compression and bytes. A changed part keeps its XML declaration, its encoding (UTF-8
or UTF-16, with or without byte order mark) and a Strict package's namespaces.

An edit touches only the runs at its two ends; inserted text takes the formatting of the text to
its left. An edit that would cross a field, hyperlink, content control, tracked change or comment
range is refused: the result would depend on how Word resolves the overlap.

A text box is stored twice in an ``mc:AlternateContent``: as DrawingML for Word 2010 and later and
as VML for older readers (LibreOffice reads either). The reader reads one copy; every edit there is
made in the other copy too, at the same place, so the two never disagree. Where the copies differ
already, the edit is refused.
"""

from __future__ import annotations

import copy

from lxml import etree

from linter.i18n import N_, _
from linter.diagnostics import Edit
from linter.model import NOTE_MARK, Document, Paragraph, Segment
from linter.formats.write import Refused, Revisions
from linter.formats.package_writer import Operation, PackageWriter, remove_keeping_tail

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MC_BRANCHES = (MC + "Choice", MC + "Fallback")
W_TXBXCONTENT = W + "txbxContent"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
W_T, W_R, W_P, W_RPR, W_ID = W + "t", W + "r", W + "p", W + "rPr", W + "id"
#: Single elements that stand for one visible character and can be deleted whole.
CHARACTER_ELEMENTS = {W + n for n in ("tab", "ptab", "br", "cr", "noBreakHyphen", "sym")}
#: Elements between which an edit may not start and end: what they mark would be cut in two.
CROSSING = {
    W + "del": N_("tracked change"),
    W + "moveFrom": N_("tracked change"),
    W + "ins": N_("tracked change"),
    W + "moveTo": N_("tracked change"),
    W + "fldChar": N_("field"),
    W + "fldSimple": N_("field"),
    W + "instrText": N_("field"),
    W + "hyperlink": N_("hyperlink"),
    W + "sdt": N_("content control"),
    W + "commentRangeStart": N_("comment"),
    W + "commentRangeEnd": N_("comment"),
    W + "commentReference": N_("comment"),
    W + "footnoteReference": N_("note reference"),
    W + "endnoteReference": N_("note reference"),
}
#: Inline containers: text in two different ones belongs to two different things.
CONTAINERS = {W + n for n in ("hyperlink", "sdt", "sdtContent", "ins", "del", "moveTo", "moveFrom", "fldSimple", "smartTag", "customXml", "dir", "bdo")}


class DocxWriter(PackageWriter):
    def __init__(self, doc: Document, data: bytes, revisions: Revisions | None = None):
        super().__init__(doc, data)
        self.revisions = revisions
        self.next_id = 1 + max(
            (int(v) for root in doc.source_parts.values() for v in root.xpath("//@w:id", namespaces={"w": W[1:-1]}) if v.lstrip("-").isdigit()),
            default=0,
        )

    # -- taking fixes ---------------------------------------------------------------------------
    def text_operation(self, edit: Edit, covered: list[Segment]) -> Operation:
        span = edit.span
        para = span.paragraph
        for seg in covered:
            if seg.node.tag != W_T and (seg.start < span.start or seg.end > span.end):
                raise Refused(_("the edit would cut a character element in two"))
            if seg.node.tag != W_T and seg.node.tag not in CHARACTER_ELEMENTS:
                raise Refused(_("the edit would remove something that is not text"))
        self.check_crossing(para, span.start, span.end, covered)
        origin = edit.origin
        if origin is not None and (origin.start, origin.end) != (span.start, span.end):
            around = [seg for seg in para.segments if seg.start < origin.end and seg.end > origin.start]
            self.check_crossing(para, origin.start, origin.end, around)
        host = self.insertion_host(para, span.start, covered) if edit.text else None
        cuts = [(self.node(seg.node), seg.offset + max(span.start, seg.start) - seg.start, seg.offset + min(span.end, seg.end) - seg.start, seg.node.tag == W_T) for seg in covered]
        # The same change in every other copy of the text (a text box's VML Fallback), found now,
        # before any edit changes the tree.
        cut_copies = [(copies(node), lo, hi, is_text) for node, lo, hi, is_text in cuts]
        hosts = _host_copies(host) if host is not None else []
        writer = self

        def apply() -> None:
            for nodes, lo, hi, is_text in reversed(cut_copies):
                for node in nodes:
                    writer.cut(node, lo, hi, is_text)
            for copy_host in hosts:
                writer.insert(copy_host, edit.text)

        return Operation(para, span.start, span.end, apply)

    def check_crossing(self, para: Paragraph, start: int, end: int, covered: list[Segment]) -> None:
        if not covered:
            return
        self.check_ranges(para, start, end)
        first, last = covered[0].node, covered[-1].node
        part = self.part_for(first)
        if self.part_for(last) is not part or _containers(first) != _containers(last):
            raise Refused(_("the edit would cross the edge of a hyperlink, content control or tracked change"))
        lo, hi = part.reader_index[first], part.reader_index[last]
        for el in part.reader_elements[lo + 1 : hi]:  # listed once per part, not once per edit
            what = CROSSING.get(el.tag)
            # A note marker inside the span is kept where it is (Edit.smallest edits around it).
            if what and what != "note reference":
                raise Refused(_("the edit would cross a {what}, which kamerlint does not change", what=_(what)))

    def insertion_host(self, para: Paragraph, at: int, covered: list[Segment]):
        """Where inserted text goes: (write node, offset) in the text to its left if that is text
        (not a note marker), else at the start of the text to its right, else a new run after the
        marker with the formatting of the text before it."""
        chain = _containers(covered[0].node) if covered else None
        left = next((s for s in para.segments if s.start < at <= s.end), None)
        right = next((s for s in para.segments if s.start <= at < s.end), None)
        if covered:
            left = left if left is not None and left.node.tag == W_T and _containers(left.node) == chain else None
            first = covered[0]
            if left is None and first.node.tag == W_T:
                return self.node(first.node), first.offset + at - first.start
        if left is not None and left.node.tag == W_T and para.text[at - 1 : at] != NOTE_MARK:
            return self.node(left.node), left.offset + at - left.start
        if right is not None and right.node.tag == W_T and (chain is None or _containers(right.node) == chain):
            return self.node(right.node), right.offset + at - right.start
        if left is not None and para.text[at - 1 : at] == NOTE_MARK:
            text_before = next((s for s in reversed(para.segments) if s.end < at and s.node.tag == W_T), None)
            return ("after-run", self.node(left.node), self.node(text_before.node) if text_before else None)
        raise Refused(_("there is no text beside the place to insert"))

    # -- changing the XML -----------------------------------------------------------------------
    def cut(self, node, lo: int, hi: int, is_text: bool) -> None:
        if self.revisions is not None:
            self.track_deletion(node, lo, hi, is_text)
            return
        if not is_text:
            node.getparent().remove(node)
            return
        text = node.text or ""
        _set_text(node, text[:lo] + text[hi:])

    def insert(self, host, text: str) -> None:
        if host[0] == "after-run":
            _where, mark, formatted = host
            run = etree.Element(W_R)
            rpr = formatted.getparent().find(W_RPR) if formatted is not None else None
            if rpr is not None:
                run.append(copy.deepcopy(rpr))
            t = etree.SubElement(run, W_T)
            _set_text(t, text)
            mark.getparent().addnext(run)
            if self.revisions is not None:
                self.wrap(run, "ins")
            return
        node, at = host
        if self.revisions is not None:
            self.track_insertion(node, at, text)
            return
        old = node.text or ""
        _set_text(node, old[:at] + text + old[at:])

    # -- tracked changes ------------------------------------------------------------------------
    def wrap(self, run, kind: str):
        mark = etree.Element(W + kind)
        mark.set(W_ID, str(self.next_id))
        self.next_id += 1
        mark.set(W + "author", self.revisions.author)
        if self.revisions.date:
            mark.set(W + "date", self.revisions.date)
        run.addprevious(mark)
        mark.append(run)
        return mark

    def track_deletion(self, node, lo: int, hi: int, is_text: bool) -> None:
        if is_text:
            middle = _split(node, lo)
            _split(middle, hi - lo)
            middle.tag = W + "delText"
        else:
            middle = node
            _split_before(node)
            nxt = node.getnext()
            if nxt is not None:
                _split_before(nxt)
        self.wrap(middle.getparent(), "del")

    def track_insertion(self, node, at: int, text: str) -> None:
        right = _split(node, at)
        run = etree.Element(W_R)
        rpr = node.getparent().find(W_RPR)
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
        _set_text(etree.SubElement(run, W_T), text)
        right.getparent().addprevious(run)
        self.wrap(run, "ins")

    # -- bookmarks ------------------------------------------------------------------------------
    def bookmark_removal(self, edit: Edit) -> Operation:
        bookmark = edit.target
        if bookmark is None or bookmark.node is None:
            raise Refused(_("the bookmark is not in the file"))
        if self.revisions is not None:
            # Word has no tracked change for a bookmark: removed, it could not be reviewed.
            raise Refused(_("bookmarks are left in place: Word cannot record their removal as a tracked change; run --fix without --track-changes to remove them"))
        start = self.node(bookmark.node)
        bid = start.get(W_ID)
        part = self.part_for(bookmark.node)
        starts = copies(start)  # in a text box, its copy in the other branch too
        ends = [el for el in part.root.iter(W + "bookmarkEnd") if el.get(W_ID) == bid]
        span = edit.span
        para = span.paragraph if span is not None else None

        def apply() -> None:
            for el in [*starts, *ends]:
                if el.getparent() is not None:
                    remove_keeping_tail(el)

        return Operation(para, span.start if span else 0, span.end if span else 0, apply)

def copies(node) -> list:
    """``node`` and the same node in every other copy of the content it is in: each
    ``mc:AlternateContent`` around it holds its content once per branch (a text box's DrawingML
    and VML), and an edit must be made in all of them. Refused where the copies differ."""
    found = [node]
    el = node
    while True:
        branch = el.getparent()
        while branch is not None and not (branch.tag in MC_BRANCHES and branch.getparent() is not None
                                          and branch.getparent().tag == MC + "AlternateContent"):
            branch = branch.getparent()
        if branch is None:
            return found
        others = [b for b in branch.getparent() if b is not branch and b.tag in MC_BRANCHES]
        twins = [_same_place(branch, other, n) for n in found for other in others]
        found += [twin for twin in twins if twin is not None]
        el = branch.getparent()


def _same_place(branch, other, node):
    """The node in ``other`` at ``node``'s place in ``branch``: in the text box at the same place
    among the branch's text boxes (DrawingML and VML wrap them differently), else in the branch
    itself; the two must hold the same elements and text. None where ``other`` holds no text (box)
    at all (LibreOffice writes an empty VML Fallback for some shapes): there is no copy to keep."""
    scope = node
    while scope is not branch and scope.tag != W_TXBXCONTENT:
        scope = scope.getparent()
    if scope is branch:
        if not any(el.tag == W_T for el in other.iter()):
            return None
        twin_scope = other
    else:
        boxes = _outer_text_boxes(branch)
        twins = _outer_text_boxes(other)
        if not twins and not any(el.tag == W_T for el in other.iter()):
            return None
        index = next((i for i, box in enumerate(boxes) if box is scope), None)
        if index is None or len(boxes) != len(twins):
            raise Refused(_("the text box is stored twice (for newer and older versions of Word) and the two copies differ"))
        twin_scope = twins[index]
    mine, theirs = list(scope.iter()), list(twin_scope.iter())
    if len(mine) != len(theirs) or any(a.tag != b.tag or (a.text or "") != (b.text or "") for a, b in zip(mine, theirs)):
        raise Refused(_("the text box is stored twice (for newer and older versions of Word) and the two copies differ"))
    return theirs[mine.index(node)]


def _outer_text_boxes(branch) -> list:
    """The text boxes in a branch, not those inside another one (those have copies of their own)."""
    outer = []
    for box in branch.iter(W_TXBXCONTENT):
        el = box.getparent()
        while el is not branch and el.tag != W_TXBXCONTENT:
            el = el.getparent()
        if el is branch:
            outer.append(box)
    return outer


def _host_copies(host) -> list:
    """An insertion place (see DocxWriter.insertion_host) in every copy of the text."""
    if host[0] == "after-run":
        _where, mark, formatted = host
        marks = copies(mark)
        formats = copies(formatted) if formatted is not None else [None] * len(marks)
        return [("after-run", m, f) for m, f in zip(marks, formats)]
    node, at = host
    return [(n, at) for n in copies(node)]


def _containers(node) -> tuple:
    chain = []
    el = node.getparent()
    while el is not None and el.tag != W_P:
        if el.tag in CONTAINERS:
            chain.append(el)
        el = el.getparent()
    return tuple(chain)


def _set_text(node, text: str) -> None:
    node.text = text
    if text != text.strip():
        node.set(XML_SPACE, "preserve")


def _split(node, at: int):
    """Split the run of text node ``node`` at ``at``: the text before stays, a new run with the
    same formatting holds the rest and everything after it. Returns the new text node."""
    run = node.getparent()
    text = node.text or ""
    new_run = etree.Element(W_R)
    for name, value in run.attrib.items():
        new_run.set(name, value)
    rpr = run.find(W_RPR)
    if rpr is not None:
        new_run.append(copy.deepcopy(rpr))
    new_t = etree.SubElement(new_run, W_T)
    for name, value in node.attrib.items():
        new_t.set(name, value)
    _set_text(new_t, text[at:])
    _set_text(node, text[:at])
    following = list(node.itersiblings())
    for el in following:
        new_run.append(el)
    run.addnext(new_run)
    return new_t


def _split_before(el) -> None:
    """Split a run before child ``el``: it and what follows go to a new run with the same formatting."""
    run = el.getparent()
    children = [c for c in run if c.tag != W_RPR]
    if children and children[0] is el:
        return
    new_run = etree.Element(W_R)
    rpr = run.find(W_RPR)
    if rpr is not None:
        new_run.append(copy.deepcopy(rpr))
    for c in [el, *el.itersiblings()]:
        new_run.append(c)
    run.addnext(new_run)
