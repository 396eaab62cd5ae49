"""What the .docx and .odt writers share: the zip package and the XML parts in it.

Every zip entry is written back in its place, copied raw (compressed bytes, flags, attributes and
time stamp as they were, see linter.formats.zip_copy); only the parts a writer changed get new
bytes. A changed part is parsed again with its
comments and processing instructions, its elements mapped one for one to the reader's, and written
with the XML declaration, encoding and (Strict OOXML) namespaces it came with.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from linter.i18n import N_, _
from linter.limits import DEFAULT_LIMITS
from linter.model import Document, Paragraph
from linter.formats import ReadError
from linter.formats.package import _key
from linter.formats.xml import STRICT_R, STRICT_W, TRANSITIONAL_R, TRANSITIONAL_W, parse_xml
from linter.formats.write import Refused
from linter.formats.zip_copy import Damaged, rewrite

#: Where OOXML and ODF keep digital signatures (part names as _key gives them).
SIGNATURE_PARTS = ("_xmlsignatures/", "meta-inf/documentsignatures.xml")
RANGE_KINDS = {"field-result": N_("field"), "comment": N_("comment"), "insertion": N_("tracked change")}
_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>\s*")
_DECLARED_ENCODING = re.compile(r"encoding\s*=\s*[\"']([^\"']+)[\"']")


class XmlPart:
    """One XML part as it will be written: parsed again, with a map from the reader's elements."""

    def __init__(self, name: str, original: bytes, reader_root):
        self.name = name
        self.original = original
        try:
            self.root = parse_xml(original, name, DEFAULT_LIMITS, keep_comments=True)
        except ReadError:
            raise Refused(_("part {part} cannot be parsed for writing", part=name)) from None
        self.elements = list(self.root.iter(etree.Element))
        #: The reader's elements in document order (its tree is never changed), and each one's place.
        self.reader_elements = list(reader_root.iter(etree.Element))
        self.reader_index = {el: i for i, el in enumerate(self.reader_elements)}
        if len(self.elements) != len(self.reader_index):
            raise Refused(_("part {part} does not read the same twice; it was not changed", part=name))

    def node(self, reader_node):
        return self.elements[self.reader_index[reader_node]]

    def serialise(self) -> bytes:
        original = self.original
        if original[:2] == b"\xff\xfe":
            bom, codec = b"\xff\xfe", "utf-16-le"
        elif original[:2] == b"\xfe\xff":
            bom, codec = b"\xfe\xff", "utf-16-be"
        else:
            bom, codec = (b"\xef\xbb\xbf", "utf-8") if original[:3] == b"\xef\xbb\xbf" else (b"", "utf-8")
        text = original[len(bom) :].decode(codec, errors="replace")
        declaration = _DECLARATION.match(text)
        prefix = declaration.group(0) if declaration else ""
        declared = _DECLARED_ENCODING.search(prefix)
        if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8", "utf-16", "utf16"):
            raise Refused(_("part {part} is encoded as {encoding}, which kamerlint does not write", part=self.name, encoding=declared.group(1)))
        body = etree.tostring(self.root.getroottree(), encoding="unicode")
        if STRICT_W in original.replace(b"\x00", b""):
            body = body.replace(TRANSITIONAL_W.decode(), STRICT_W.decode()).replace(TRANSITIONAL_R.decode(), STRICT_R.decode())
        return bom + (prefix + body).encode(codec)


@dataclass
class Operation:
    """One validated change, applied right to left within a paragraph so offsets stay true."""

    paragraph: Paragraph
    start: int
    end: int
    apply: object


class PackageWriter:
    """Finds the part of a reader's node, collects operations, writes the package."""

    def __init__(self, doc: Document, data: bytes, limits=DEFAULT_LIMITS):
        self.doc = doc
        self.data = data
        self.limits = limits
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise Refused(_("the file is not a zip package")) from None
        self.entries = {_key(info.filename): info for info in self.zip.infolist()}
        if any(name.startswith(SIGNATURE_PARTS) for name in self.entries):
            raise Refused(_("the document is digitally signed, and any change would break the signature; it was not changed"))
        self.parts: dict[str, XmlPart] = {}
        self.operations: list[Operation] = []

    def check_ranges(self, para: Paragraph, start: int, end: int) -> None:
        """Refuse ``[start, end)`` if it crosses the edge of a field result, comment or insertion."""
        for rng in para.ranges:
            what = RANGE_KINDS.get(rng.kind)
            if what and rng.end > rng.start and start < rng.end and rng.start < end and not (rng.start <= start and end <= rng.end):
                raise Refused(_("the edit would cross the edge of a {what}, which kamerlint does not change", what=_(what)))

    def operation(self, edit) -> Operation:
        if edit.kind == "remove-bookmark":
            return self.bookmark_removal(edit)
        if edit.kind != "replace" or edit.span is None:
            raise Refused(_("kamerlint cannot write a {kind} edit into this file", kind=edit.kind))
        span = edit.span
        covered = [seg for seg in span.paragraph.segments if seg.start < span.end and seg.end > span.start]
        return self.text_operation(edit, covered)

    def take(self, edits) -> None:
        operations = [self.operation(edit) for edit in edits]
        self.operations.extend(operations)

    # -- finding nodes --------------------------------------------------------------------------
    def part_for(self, reader_node) -> XmlPart:
        root = reader_node.getroottree().getroot()
        for name, reader_root in self.doc.source_parts.items():
            if reader_root is root:
                if name not in self.parts:
                    info = self.entries.get(_key(name))
                    if info is None:
                        raise Refused(_("part {part} is not in the package", part=name))
                    self.parts[name] = XmlPart(name, self.read(info), reader_root)
                return self.parts[name]
        raise Refused(_("the text to change is not in a part kamerlint read"))

    def node(self, reader_node):
        return self.part_for(reader_node).node(reader_node)

    # -- the package ----------------------------------------------------------------------------
    def result(self, added: list[tuple[str, bytes, tuple]] = ()) -> bytes:
        """The package with the changed parts, and ``added`` (name, bytes, date_time) as new entries;
        every other entry copied raw (linter.formats.zip_copy)."""
        by_paragraph: dict[int, list[Operation]] = {}
        for op in self.operations:
            by_paragraph.setdefault(id(op.paragraph), []).append(op)
        for ops in by_paragraph.values():
            for op in sorted(ops, key=lambda o: (o.start, o.end), reverse=True):
                op.apply()
        # Each changed part goes into the entry the reader read: of two entries with one name
        # (a damaged or hostile package), the last, as zipfile and linter.formats.package take it.
        # A part parsed but left as it was (serialised to the same bytes) is copied raw too.
        replaced = {id(self.entries[_key(name)]): data for name, part in self.parts.items() if (data := part.serialise()) != part.original}
        try:
            return rewrite(self.zip, self.data, replaced, added)
        except Damaged:
            raise Refused(_("a part of the zip package is damaged, so it cannot be written again")) from None

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """An entry's bytes, inflated no further than the part size limit (the reader checked the
        parts it read; a writer may open one more, such as [Content_Types].xml)."""
        cap = self.limits.max_part_bytes
        try:
            with self.zip.open(info) as stream:
                data = stream.read(cap + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
            raise Refused(_("a part of the zip package is damaged, so it cannot be written again")) from None
        if len(data) > cap:
            raise Refused(_("part {part} unpacks to more than the max_part_bytes limit allows", part=info.filename))
        return data


def remove_keeping_tail(el) -> None:
    parent = el.getparent()
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


