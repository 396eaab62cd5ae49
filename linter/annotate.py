"""An annotated copy of a .docx or .odt: one comment by kamerlint at each finding (issue 11).

The copy is the original package with three parts changed: the main document (comment ranges and
reference runs added), ``word/comments.xml`` (the comments; made, with its relationship and content
type, when the letter has none) and, only then, the main part's relationships and
``[Content_Types].xml``. Every other part is written back as it was, by the writers' package layer.

Anchors follow what Word and LibreOffice open without complaint: a finding in the body is marked on
the runs of its span; one in a note on the note's reference mark in the body (LibreOffice 7.4 will
not open a comment inside ``footnotes.xml``); one in a header, footer or comment, and a finding about
the whole file (metadata, say), on the first body paragraph. One comment a finding, so that the
comments in the copy count the findings. Each comment says where its finding is when that is
not where the comment sits. Ranges are whole runs: a run is never split, so no text changes.
An .odt gets an ``office:annotation`` at the start of each such paragraph, in content.xml only.
"""

from __future__ import annotations

import copy
import io
import posixpath
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from linter.i18n import _
from linter.diagnostics import Diagnostic
from linter.fixing import story_label
from linter.model import Document, Paragraph, Span
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


def comment_text(d: Diagnostic) -> str:
    """``KS001 — message → replacement`` (or the fix's own words when it has no replacement)."""
    text = f"{d.code} — {d.message}"
    if d.fix is not None:
        text += f" → {d.fix.replacement}" if d.fix.replacement else " (" + _("fix: {description}", description=d.fix.message) + ")"
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
            out.append((para, start, end, where + comment_text(d)))
        return out

    def written(self) -> bytes:
        try:
            return self.result()
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
            return para, span.start, max(span.end, span.start), ""
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
        return para, 0, len(para.text) if para is not None else 0, where



class DocxAnnotator(Annotator):
    main_tag = W + "document"

    def __init__(self, doc: Document, data: bytes):
        super().__init__(doc, data)
        if STRICT_W in self.zip.read(self.entries[_key(self.main_name)]):
            raise Refused(_("kamerlint does not annotate Strict Open XML documents; save the letter as an ordinary .docx"))
        self.new_parts: dict[str, bytes] = {}

    # -- the XML --------------------------------------------------------------------------------
    def outer(self, reader_node):
        """The writer's element for the paragraph child holding ``reader_node`` (a run, or the
        link/insertion/content control around it)."""
        el = self.node(reader_node)
        while el.getparent() is not None and el.getparent().tag != PARAGRAPH_CHILD_STOP:
            el = el.getparent()
        if el.getparent() is None:
            raise Refused(_("the text is not in a paragraph"))
        return el

    def mark(self, para: Paragraph, start: int, end: int, cid: str) -> None:
        segs = para.segments
        first = next((s for s in segs if s.end > start), segs[-1])
        last = next((s for s in reversed(segs) if s.start < end), first) if end > start else first
        begin, finish = self.outer(first.node), self.outer(last.node)
        if begin.getparent().index(begin) > finish.getparent().index(finish):
            begin, finish = finish, begin
        range_start = etree.Element(W + "commentRangeStart")
        range_start.set(W + "id", cid)
        begin.addprevious(range_start)
        range_end = etree.Element(W + "commentRangeEnd")
        range_end.set(W + "id", cid)
        reference_run = etree.Element(W + "r")
        etree.SubElement(reference_run, W + "commentReference").set(W + "id", cid)
        # addnext moves the tail along; a paragraph child has none worth keeping apart anyway.
        finish.addnext(range_end)
        range_end.addnext(reference_run)

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
        original = self.zip.read(info)
        if reader_root is None:
            reader_root = parse_xml(original, name, DEFAULT_LIMITS, keep_comments=True)
        part = self.parts[name] = XmlPart(name, original, reader_root)
        return part

    def annotate(self, findings: list[Diagnostic]) -> bytes:
        placed = self.placed(findings)
        comments, _name = self.comments_root()
        used = [int(v) for root in [comments, *self.doc.source_parts.values()] for v in root.xpath("//w:comment/@w:id|//w:commentRangeStart/@w:id|//w:commentReference/@w:id", namespaces={"w": W_NS}) if v.lstrip("-").isdigit()]
        next_id = max(used, default=-1) + 1
        for para, start, end, text in placed:
            cid = str(next_id)
            next_id += 1
            self.mark(para, start, end, cid)
            comment = etree.SubElement(comments, W + "comment")
            comment.set(W + "id", cid)
            comment.set(W + "author", AUTHOR)
            comment.set(W + "initials", INITIALS)
            t = etree.SubElement(etree.SubElement(etree.SubElement(comment, W + "p"), W + "r"), W + "t")
            t.text = text
            t.set(XML_SPACE, "preserve")
        data = self.written()
        if not self.new_parts:
            return data
        out = io.BytesIO(data)
        template = self.entries[_key(self.main_name)]
        with zipfile.ZipFile(out, "a") as target:
            for name, root in self.new_parts.items():
                entry = zipfile.ZipInfo(name, template.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(entry, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
        return out.getvalue()




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

    from linter.diagnostics import SEVERITIES
    from linter.reporters.html import CSS, _csp_hash
    from linter.reporters.text import summary

    style = CSS + INDEX_CSS
    rows = []
    for display, found, copy, why in entries:
        counts = Counter(d.severity for d in found)
        cells = "".join(f'<td class="n">{counts[s]}</td>' for s in SEVERITIES)
        if copy is not None:
            href = quote(copy.relative_to(out_dir).as_posix())
            link = f'<a href="{escape(href)}">{escape(copy.name)}</a>'
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
