"""Writing fixes into a text draft (a Tika export, plain text, Markdown).

The reader works on the text with every line end made ``\\n``; the file keeps its own. Edits are
made in the text as it was decoded, and it is encoded as it came: the same encoding, the same
byte order mark, CRLF where there was CRLF.
"""

from __future__ import annotations

from bisect import bisect_left

from linter.i18n import _
from linter.diagnostics import Edit
from linter.model import Document, Paragraph
from linter.formats.write import Refused

BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def encoding_of(data: bytes) -> tuple[bytes, str]:
    """The byte order mark and codec that decode ``data`` without loss, in the order the reader
    tries them; Refused when only a lossy reading exists (writing it would destroy characters)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return bom, codec
    for codec in ("utf-8", "cp1252"):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return b"", codec
    raise Refused(_("the text draft is not in an encoding kamerlint can write back without losing characters"))


class TextWriter:
    def __init__(self, doc: Document, data: bytes):
        self.doc = doc
        self.bom, self.codec = encoding_of(data)
        try:
            raw = data[len(self.bom) :].decode(self.codec)
        except UnicodeDecodeError:
            raise Refused(_("the text draft's encoding is damaged; it was not changed")) from None
        if raw.replace("\r\n", "\n").replace("\r", "\n") != doc.source_text:
            raise Refused(_("the text draft could not be mapped back exactly; it was not changed"))
        self.raw = raw
        # Offsets in the reader's text, of each "\n" that is "\r\n" in the file.
        self.crlf: list[int] = []
        shift = 0
        at = raw.find("\r\n")
        while at != -1:
            self.crlf.append(at - shift)
            shift += 1
            at = raw.find("\r\n", at + 2)
        crlf, lf = len(self.crlf), raw.count("\n") - len(self.crlf)
        self.newline = "\r\n" if crlf > lf else "\n"
        self.changes: list[tuple[int, int, str]] = []

    def raw_offset(self, offset: int) -> int:
        return offset + bisect_left(self.crlf, offset)

    def take(self, edits: list[Edit]) -> None:
        found = [self.source_range(edit) for edit in edits]
        for _start, _end, text in found:
            try:
                text.encode(self.codec)
            except UnicodeEncodeError:
                raise Refused(_("the fix writes a character that {encoding} (the draft's encoding) cannot hold", encoding=self.codec)) from None
        self.changes.extend(found)

    def source_range(self, edit: Edit) -> tuple[int, int, str]:
        """Where in the reader's text the edit goes, and what it writes there."""
        if edit.kind == "remove-bookmark":
            source = getattr(edit.target, "source", None)
            if source is None:
                raise Refused(_("the bookmark is not written in the text, so there is nothing to remove"))
            return source[0], source[1], ""
        if edit.kind != "replace" or edit.span is None:
            raise Refused(_("a text draft cannot hold a {kind} edit", kind=edit.kind))
        span = edit.span
        para = span.paragraph
        if span.start == span.end:
            at = _insertion_point(para, span.start)
            return at, at, edit.text
        covered = [seg for seg in para.segments if seg.start < span.end and seg.end > span.start]
        for left, right in zip(covered, covered[1:]):
            if left.offset + left.length != right.offset:
                raise Refused(_("the text to change is interrupted by markup in the file"))
        start, end = para.source_offset(span.start), para.source_end(span.end)
        if start is None or end is None:
            raise Refused(_("the text to change is not in the file"))
        return start, end, edit.text

    def result(self) -> bytes:
        out = self.raw
        for start, end, text in sorted(self.changes, key=lambda c: (c[0], c[1]), reverse=True):
            a, b = self.raw_offset(start), self.raw_offset(end)
            out = out[:a] + text.replace("\n", self.newline) + out[b:]
        return self.bom + out.encode(self.codec)


def _insertion_point(para: Paragraph, offset: int) -> int:
    """Inserted text follows the character to its left (after a note marker, not before it)."""
    if offset > 0:
        at = para.source_end(offset)
    else:
        at = para.source_offset(0)
    if at is None:
        raise Refused(_("the place to insert is not in the file"))
    return at
