"""An annotated copy of a .docx or .odt: one comment by kamerlint at each finding (issue 11).

The copy is the original package with three parts changed: the main document (comment ranges and
reference runs added), ``word/comments.xml`` (the comments; made, with its relationship and content
type, when the letter has none) and, only then, the main part's relationships and
``[Content_Types].xml``. Every other part is written back as it was, by the writers' package layer.

Anchors follow what Word and LibreOffice open without complaint: a finding in the body is marked on
exactly the text of its span; one in a note on the note's reference mark in the body (LibreOffice
7.4 will not open a comment inside ``footnotes.xml``); one in a header, footer or comment, and a
finding about the whole file (metadata, say), at the start of the first body paragraph. One comment
a finding, so that the comments in the copy count the findings. Each comment says where its
finding is when that is not where the comment sits, and shows a note marker as the note's number
(``¹``), never as kamerlint's own ``[*]``.

To mark exactly the span, a run is split where the span starts or ends inside it: the two runs
keep the run's properties, so the text and its look do not change. A range that starts or ends
inside a hyperlink, content control, tracked change or simple field covers that whole element.

LibreOffice 7.4 loses or mixes up the notes of a .docx in which a comment is read between the
first and the second note reference and the comments part holds two comments or more (every
footnote empty in a pandoc-made letter, notes showing each other's text in a Word memo): it reads
the comments part, when it meets a comment's reference, as if it belonged to the notes. So the
reference run of such a comment (the mark, not its range) goes right after the second note
reference; Word places the comment by its range, which stays where the finding is.

An .odt gets an ``office:annotation`` at the start of each such paragraph, in content.xml only.
"""

from __future__ import annotations

import copy
import posixpath
import re
from os import fsencode
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from linter.i18n import _
from linter.diagnostics import Diagnostic
from linter.fixing import story_label
from linter.model import NOTE_MARK, Document, Paragraph, Span
from linter.formats.package import _key, _rels_name, _resolve
from linter.formats.xml import STRICT_W, parse_xml
from linter.limits import DEFAULT_LIMITS
from linter.formats.write import Refused
from linter.formats.package_writer import PackageWriter, XmlPart

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
AUTHOR, INITIALS = "kamerlint", "KL"
#: Inline containers a comment range is placed outside of, so that the reference run is not
#: made part of a link, a tracked insertion or a content control.
PARAGRAPH_CHILD_STOP = W + "p"


def annotated_path(path: Path) -> Path:
    """``letter.docx`` → ``letter.kamerlint.docx`` beside it."""
    return path.with_name(f"{path.stem}.kamerlint{path.suffix}")


def comment_text(d: Diagnostic, marks: list[str] = ()) -> str:
    """``KS001 — message → replacement`` (or the fix's own words when it has no replacement).
    A note marker shows as the note's number in superscript (``marks``: the numbers of the
    markers in the finding's span, in order), never as ``[*]``."""
    text = f"{d.code} — {d.message}"
    if d.fix is not None:
        replacement = d.fix.replacement
        if replacement:
            text += f" → {shown_marks(replacement, marks)}"
        else:
            text += " (" + _("fix: {description}", description=d.fix.message) + ")"
    return shown_marks(text, marks, replace_plain=True) if NOTE_MARK in text else text


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def shown_marks(text: str, marks: list[str], replace_plain: bool = False) -> str:
    """``[*]`` (and the marker character) as the notes' numbers in superscript, in turn; a marker
    whose number is not known shows as ``*``."""
    numbers = iter(marks)

    def number(_match=None) -> str:
        label = next(numbers, "*")
        return label.translate(SUPERSCRIPT) if label.isdigit() else label

    text = re.sub(r"\[\*\]", number, text)
    if replace_plain or NOTE_MARK in text:
        numbers = iter(marks)
        text = re.sub(NOTE_MARK, number, text)
    return text


def annotate(doc: Document, data: bytes, findings: list[Diagnostic]) -> bytes:
    """The annotated copy's bytes. Refused (with why) for formats without Word comments."""
    if doc.format in ("tika", "text", "markdown"):
        raise Refused(_("a text draft has nowhere to put a comment; --annotate needs a .docx or .odt"))
    if doc.format == "odt":
        return OdtAnnotator(doc, data).annotate(findings)
    if doc.format != "docx":
        raise Refused(_("kamerlint does not annotate {format} files", format=doc.format))
    return DocxAnnotator(doc, data).annotate(findings)


class Annotator(PackageWriter):
    """Where each finding's comment goes, in any package format; subclasses write the comments."""

    main_tag = ""

    def __init__(self, doc: Document, data: bytes):
        super().__init__(doc, data)
        self.main_name = next((n for n, root in doc.source_parts.items() if root.tag == self.main_tag), None)
        if self.main_name is None:
            raise Refused(_("the main document part was not read"))

    def placed(self, findings: list[Diagnostic]) -> list[tuple[Paragraph, int, int, str]]:
        """(paragraph, start, end, comment text) for each finding, in their order."""
        if not findings:
            raise Refused(_("there are no findings to annotate"))
        out = []
        for d in findings:
            para, start, end, where = self.anchor(d)
            if para is None:
                raise Refused(_("the letter has no paragraph in its body to put a comment on"))
            out.append((para, start, end, where + comment_text(d, marks_in(d.span))))
        return out

    def written(self, added: list[tuple[str, bytes, tuple]] = ()) -> bytes:
        try:
            return self.result(added)
        except (zipfile.BadZipFile, zlib.error, EOFError):
            raise Refused(_("a part of the zip package is damaged, so no copy can be made")) from None

    # -- where a finding goes -------------------------------------------------------------------
    def first_paragraph(self) -> Paragraph | None:
        body = next((s for s in self.doc.stories if s.kind == "body"), None)
        if body is None:
            return None
        return next((p for p in body.paragraphs if self.in_main(p)), None)

    def in_main(self, para: Paragraph) -> bool:
        return bool(para.segments) and self.doc.source_parts.get(self.main_name) is _element(para.segments[0].node).getroottree().getroot()

    def anchor(self, d: Diagnostic) -> tuple[Paragraph | None, int, int, str]:
        """(paragraph, start, end, where) for a finding: ``where`` is empty when the comment sits
        on the finding itself."""
        span = d.span
        if span is None:
            return self.whole(self.first_paragraph(), _("About the whole file:") + " ")
        para = span.paragraph
        story = para.story
        if story.kind == "body" and self.in_main(para):
            return para, min(span.start, len(para.text)), min(max(span.end, span.start), len(para.text)), ""
        index = next((i for i, s in enumerate(self.doc.stories) if s is story), None)
        label = story_label(self.doc, index) if index is not None else story.kind
        where = _("In {place}, paragraph {paragraph}:", place=label, paragraph=para.index) + " "
        note = story.note
        if note is not None:
            ref = next((r for r in note.references if self.in_main(r.paragraph)), None)
            if ref is not None:
                return ref.paragraph, ref.offset, ref.offset + 1, where
        comment = story.comment
        if comment is not None and comment.anchor is not None and self.in_main(comment.anchor.paragraph):
            a = comment.anchor
            return a.paragraph, a.start, max(a.end, a.start), where
        return self.whole(self.first_paragraph(), where)

    @staticmethod
    def whole(para: Paragraph | None, where: str):
        """A finding about no text of the body: a comment at the start of ``para``."""
        return para, 0, 0, where


def marks_in(span: Span | None) -> list[str]:
    """The numbers a reader sees of the note markers inside ``span``, in order."""
    if span is None:
        return []
    return [ref.note.label if ref.note is not None else "*" for ref in sorted(span.paragraph.note_refs, key=lambda r: r.offset)
            if span.start <= ref.offset < max(span.end, span.start + 1)]



class DocxAnnotator(Annotator):
    main_tag = W + "document"

    def __init__(self, doc: Document, data: bytes):
        super().__init__(doc, data)
        if STRICT_W in self.read(self.entries[_key(self.main_name)]):
            raise Refused(_("kamerlint does not annotate Strict Open XML documents; save the letter as an ordinary .docx"))
        self.new_parts: dict[str, bytes] = {}
        #: The run that begins at each place split so far: (id of a text node, offset) → run.
        self.cuts: dict[tuple[int, int], object] = {}

    # -- where the comment marks go ----------------------------------------------------------
    def boundary(self, para: Paragraph, at: int):
        """The run (or inline element) of ``para`` that begins at text offset ``at``, splitting
        the run that holds ``at`` inside it; None at the end of the paragraph."""
        seg = next((s for s in para.segments if s.end > at), None)
        if seg is None:
            return None
        el = self.node(seg.node)
        offset = seg.offset + max(0, at - seg.start)
        key = (id(el), offset)
        if key in self.cuts:
            return self.cuts[key]
        run = split_run(el, offset if el.tag == W + "t" else 0)
        self.cuts[key] = run
        return run

    def place(self, marks: list[tuple[Paragraph, int, int, str]]) -> None:
        """Put each comment's range and reference run in the main document."""
        # Cut each text node from its end, so that the earlier offsets stay where they were.
        points = sorted({(id(para), at): (para, at) for para, start, end, _cid in marks for at in (start, end)}.values(),
                        key=lambda pa: (id(pa[0]), -pa[1]))
        where = {}
        for para, at in points:
            where[(id(para), at)] = self.boundary(para, at)
        ends, singles, starts = [], [], []
        for para, start, end, cid in marks:
            first, last = where[(id(para), start)], where[(id(para), end)]
            if start == end:
                singles.append((para, first, cid))
            else:
                ends.append((para, start, end, last, cid))
                starts.append((para, first, cid))
        # At one place, ranges that end there come before comments at a point, and those before
        # ranges that start there.
        for para, start, end, last, cid in ends:
            range_end = _mark("commentRangeEnd", cid)
            self.insert_before(para, last, range_end, end_of=(start, end))
            range_end.addnext(_reference_run(cid))
        for para, first, cid in singles:
            start_el = _mark("commentRangeStart", cid)
            self.insert_before(para, first, start_el)
            range_end = _mark("commentRangeEnd", cid)
            start_el.addnext(range_end)
            range_end.addnext(_reference_run(cid))
        for para, first, cid in starts:
            self.insert_before(para, first, _mark("commentRangeStart", cid))

    def insert_before(self, para: Paragraph, run, el, end_of: tuple[int, int] | None = None) -> None:
        """``el`` before ``run`` at the paragraph's level (outside a hyperlink, content control or
        tracked change, whose whole the range then covers), or at the paragraph's end."""
        if run is None:
            # The paragraph's end: after all its content, split runs included.
            self.outer(para.segments[-1].node).getparent().append(el)
            return
        outer = self.outer_of(run)
        if outer is not run and end_of is not None and self.contains(outer, para, end_of[1] - 1):
            outer.addnext(el)  # the range's last character is inside the container: cover all of it
        else:
            outer.addprevious(el)

    def contains(self, container, para: Paragraph, at: int) -> bool:
        """Whether the character at ``at`` lies inside ``container`` (a hyperlink, say)."""
        seg = next((s for s in para.segments if s.start <= at < s.end), None)
        if seg is None:
            return False
        el = self.node(seg.node)
        return any(parent is container for parent in el.iterancestors())

    def outer(self, reader_node):
        """The writer's element for the paragraph child holding ``reader_node`` (a run, or the
        link/insertion/content control around it)."""
        return self.outer_of(self.node(reader_node))

    @staticmethod
    def outer_of(el):
        while el.getparent() is not None and el.getparent().tag != PARAGRAPH_CHILD_STOP:
            el = el.getparent()
        if el.getparent() is None:
            raise Refused(_("the text is not in a paragraph"))
        return el

    def keep_notes_readable(self, ours: set[str]) -> None:
        """LibreOffice 7.4 (see the module's docstring): no reference of one of our comments
        between the first and the second note reference of a kind, when there are two comments
        or more; such reference runs go right after the second note reference."""
        root = self.part_for_name(self.main_name).root
        if len(set(ours) | set(root.xpath("//w:commentReference/@w:id", namespaces={"w": W_NS}))) < 2:
            return
        for kind in ("footnoteReference", "endnoteReference"):
            order = [el for el in root.iter(W + kind, W + "commentReference")]
            notes = [i for i, el in enumerate(order) if el.tag == W + kind]
            if len(notes) < 2:
                continue
            first, second = notes[0], notes[1]
            moving = [el.getparent() for el in order[first + 1:second]
                      if el.tag == W + "commentReference" and el.get(W + "id") in ours and el.getparent().tag == W + "r"]
            anchor = self.outer_of(order[second].getparent())
            for run in reversed(moving):
                anchor.addnext(run)

    def part_for_name(self, name: str):
        part = self.package_part(name)
        if part is None:
            raise Refused(_("the main document part was not read"))
        return part

    def comments_root(self):
        """The comments part's root (parsed from the package, or new) and its name."""
        rels = self.package_part(_rels_name(self.main_name))
        for rel in rels.root if rels is not None else []:
            if rel.get("Type") == COMMENTS_TYPE and rel.get("TargetMode") != "External":
                name = _resolve(posixpath.dirname(self.main_name), rel.get("Target") or "")
                if _key(name) in self.entries:
                    return self.package_part(name).root, name
        name = _resolve(posixpath.dirname(self.main_name), "comments.xml")
        if _key(name) in self.entries:
            raise Refused(_("the package has a {part} that the document does not point at", part=name))
        if rels is None:
            raise Refused(_("the main document has no relationships part"))
        taken = {rel.get("Id") for rel in rels.root}
        rid = next(f"rId{n}" for n in range(len(taken) + 1, len(taken) + 1000) if f"rId{n}" not in taken)
        rel = etree.SubElement(rels.root, f"{{{REL_NS}}}Relationship")
        rel.set("Id", rid)
        rel.set("Type", COMMENTS_TYPE)
        rel.set("Target", "comments.xml")
        types = self.package_part("[Content_Types].xml")
        if types is None:
            raise Refused(_("the package has no [Content_Types].xml"))
        override = etree.SubElement(types.root, f"{{{CT_NS}}}Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", COMMENTS_CONTENT_TYPE)
        root = etree.Element(W + "comments", nsmap={"w": W_NS})
        self.new_parts[name] = root
        return root, name

    def package_part(self, name: str) -> XmlPart | None:
        """A part kamerlint did not read for the model (relationships, content types, comments),
        parsed for writing; None if the package lacks it."""
        for known, part in self.parts.items():
            if _key(known) == _key(name):
                return part
        info = self.entries.get(_key(name))
        if info is None:
            return None
        reader_root = self.doc.source_parts.get(name)
        original = self.read(info)
        if reader_root is None:
            reader_root = parse_xml(original, name, DEFAULT_LIMITS, keep_comments=True)
        part = self.parts[name] = XmlPart(name, original, reader_root)
        return part

    def annotate(self, findings: list[Diagnostic]) -> bytes:
        placed = self.placed(findings)
        comments, _name = self.comments_root()
        used = [int(v) for root in [comments, *self.doc.source_parts.values()] for v in root.xpath("//w:comment/@w:id|//w:commentRangeStart/@w:id|//w:commentReference/@w:id", namespaces={"w": W_NS}) if v.lstrip("-").isdigit()]
        next_id = max(used, default=-1) + 1
        marks = []
        for para, start, end, text in placed:
            cid = str(next_id)
            next_id += 1
            marks.append((para, start, end, cid))
            comment = etree.SubElement(comments, W + "comment")
            comment.set(W + "id", cid)
            comment.set(W + "author", AUTHOR)
            comment.set(W + "initials", INITIALS)
            t = etree.SubElement(etree.SubElement(etree.SubElement(comment, W + "p"), W + "r"), W + "t")
            t.text = text
            t.set(XML_SPACE, "preserve")
        self.place(marks)
        self.keep_notes_readable({cid for _p, _s, _e, cid in marks})
        stamp = self.entries[_key(self.main_name)].date_time
        return self.written([(name, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), stamp) for name, root in self.new_parts.items()])




class OdtAnnotator(Annotator):
    """ODF comments: an ``office:annotation`` at the start of the paragraph that holds the
    finding (a point comment: ODF text sits around elements, so a range would split text nodes)."""

    main_tag = OFFICE + "document-content"

    def annotate(self, findings: list[Diagnostic]) -> bytes:
        for para, _start, _end, text in reversed(self.placed(findings)):
            node = para.segments[0].node
            # An .odt segment is (element, "text" or "tail"): a tail is text of the element's parent.
            paragraph = self.node(node[0]) if isinstance(node, tuple) else self.node(node)
            if isinstance(node, tuple) and node[1] == "tail":
                paragraph = paragraph.getparent()
            while paragraph is not None and paragraph.tag not in (TEXT + "p", TEXT + "h"):
                paragraph = paragraph.getparent()
            if paragraph is None:
                raise Refused(_("the text is not in a paragraph"))
            note = etree.Element(OFFICE + "annotation")
            etree.SubElement(note, DC + "creator").text = AUTHOR
            etree.SubElement(note, META + "creator-initials").text = INITIALS
            etree.SubElement(note, TEXT + "p").text = text
            # The paragraph's leading text moves behind the annotation, so the text reads the same.
            note.tail, paragraph.text = paragraph.text, None
            paragraph.insert(0, note)
        return self.written()


def _mark(tag: str, cid: str):
    el = etree.Element(W + tag)
    el.set(W + "id", cid)
    return el


def _reference_run(cid: str):
    run = etree.Element(W + "r")
    run.append(_mark("commentReference", cid))
    return run


def split_run(el, offset: int):
    """Split the run that holds ``el`` (a ``w:t``, or another element of a run) so that a run
    begins at ``el`` (at ``offset`` in its text): that run, which keeps the run's properties.
    Text outside a run (a field's instruction, say) is not split: its own element is returned."""
    run = el.getparent()
    if run is None or run.tag != W + "r":
        return el
    if offset > 0:
        text = el.text or ""
        if offset >= len(text):
            follower = el.getnext()
            if follower is None:  # the end of the run: the next sibling of the run begins here
                return run.getnext() if run.getnext() is not None else run
            el = follower
        else:
            rest = copy.deepcopy(el)
            for child in list(rest):
                rest.remove(child)
            rest.text = text[offset:]
            el.text = text[:offset]
            for t in (el, rest):
                if t.text != t.text.strip():
                    t.set(XML_SPACE, "preserve")
            el.addnext(rest)
            el = rest
    children = list(run)
    index = children.index(el)
    if not any(c.tag != W + "rPr" for c in children[:index]):
        return run  # ``el`` is the run's first content: the run begins here
    piece = etree.Element(run.tag, attrib=dict(run.attrib))
    props = run.find(W + "rPr")
    if props is not None:
        piece.append(copy.deepcopy(props))
    for child in children[index:]:
        piece.append(child)
    run.addnext(piece)
    return piece


def _element(node):
    return node[0] if isinstance(node, tuple) else node


def annotate_file(path: Path, display: str, settings, findings: list[Diagnostic]) -> bytes:
    """Read the letter again and annotate it with ``findings`` (checked perhaps in another process:
    each is put back on this reading's text by its location)."""
    from linter import engine

    data = path.read_bytes()
    doc = engine.read_data(data, display, settings)
    if isinstance(doc, Diagnostic):
        raise Refused(_("it cannot be read ({problem})", problem=doc.message))
    return annotate(doc, data, [_on(doc, d) for d in findings])


def _on(doc: Document, d: Diagnostic) -> Diagnostic:
    loc = d.location
    if loc is None or loc.story_index is None or loc.paragraph is None or loc.offset is None or loc.story_index >= len(doc.stories):
        return _with_span(d, None)
    paragraphs = doc.stories[loc.story_index].paragraphs
    if not 0 < loc.paragraph <= len(paragraphs):
        return _with_span(d, None)
    para = paragraphs[loc.paragraph - 1]
    end = loc.end_offset if loc.end_offset is not None else loc.offset
    return _with_span(d, Span(para, min(loc.offset, len(para.text)), min(end, len(para.text))))


def _with_span(d: Diagnostic, span: Span | None) -> Diagnostic:
    """A copy of the finding pointing at ``span`` in this reading of the letter."""
    copied = copy.copy(d)
    copied.span = span
    return copied


INDEX_CSS = """
table.index { border-collapse:collapse; background:var(--paper); width:100%; }
table.index th, table.index td { border:1px solid var(--line); padding:4px 10px; text-align:left; vertical-align:top; }
table.index td.n { text-align:right; font-variant-numeric:tabular-nums; }
table.index .why { color:var(--muted); }
"""


def render_index(entries: list[tuple[str, list[Diagnostic], Path | None, str]], out_dir: Path) -> str:
    """``index.html`` for ``--output-dir``: each letter checked (display path, its findings, its
    copy or None, why there is none) with its findings by severity and a link to its copy. One
    page, no script, with the HTML report's style and its Content-Security-Policy."""
    from collections import Counter
    from html import escape
    from urllib.parse import quote

    from linter.shown import shown_name

    from linter.diagnostics import SEVERITIES
    from linter.reporters.html import CSS, _csp_hash
    from linter.reporters.text import summary

    style = CSS + INDEX_CSS
    rows = []
    for display, found, copy, why in entries:
        counts = Counter(d.severity for d in found)
        cells = "".join(f'<td class="n">{counts[s]}</td>' for s in SEVERITIES)
        if copy is not None:
            href = quote(fsencode(copy.relative_to(out_dir).as_posix()))  # the bytes of a name that is not UTF-8
            link = f'<a href="{escape(href)}">{escape(shown_name(copy.name))}</a>'
        else:
            link = f'<span class="why">{escape(_("no copy: {reason}", reason=why))}</span>'
        rows.append(f"<tr><td>{escape(display)}</td>{cells}<td>{link}</td></tr>")
    from linter.i18n import tag
    from linter.reporters.text import severity_name

    heads = "".join(f'<th><span class="badge {s}">{escape(severity_name(s))}</span></th>' for s in SEVERITIES)
    title = escape(_("kamerlint: annotated copies"))
    all_found = [d for _, found, _, _ in entries for d in found]
    files = [display for display, _, _, _ in entries]
    csp = f"default-src 'none'; style-src {_csp_hash(style)}; base-uri 'none'; form-action 'none'"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{tag()}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{style}</style></head><body>"
        f'<header class="top"><div><h1>{title}</h1><p>{escape(summary(all_found, files))}</p></div></header>'
        f'<main><table class="index"><thead><tr><th>{escape(_("letter"))}</th>{heads}<th>{escape(_("annotated copy"))}</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>'
        f'<footer><p>{escape(_("Made by kamerlint. Each copy has a comment by kamerlint at each finding."))}</p></footer>'
        "</main></body></html>\n"
    )
