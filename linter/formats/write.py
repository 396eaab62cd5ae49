"""Writers: the edits of fixes, written back the way each format stores text.

A writer is made from the document model and the file's original bytes. It checks each fix's
edits first and takes them all or none (:class:`Refused` says why, in words for the drafter);
:meth:`result` gives the new file. A writer knows nothing of rules, and changes nothing it was not
asked to: parts, lines and bytes outside the edits stay as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from linter.i18n import _
from linter.diagnostics import Edit
from linter.model import Document


class Refused(Exception):
    """An edit this writer will not make; the message says why."""


@dataclass
class Written:
    """What writing a set of fixes gave: the new bytes (None if nothing applied), how many fixes
    were written, and why the others were not (each reason once)."""

    data: bytes | None
    applied: int = 0
    refused: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Revisions:
    """Write text edits as tracked changes by this author at this time, instead of changing the text."""

    author: str = "kamerlint"
    date: str = ""

    @classmethod
    def now(cls) -> "Revisions":
        return cls(date=datetime.now(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ"))


def writer_for(doc: Document, data: bytes, revisions: Revisions | None):
    if doc.format in ("tika", "text", "markdown"):
        if revisions is not None:
            raise Refused(_("a text draft cannot hold tracked changes; run without --track-changes to fix it"))
        from linter.formats.text.write import TextWriter

        return TextWriter(doc, data)
    if doc.format == "docx":
        from linter.formats.docx.write import DocxWriter

        return DocxWriter(doc, data, revisions)
    if doc.format == "odt":
        from linter.formats.odt.write import OdtWriter

        return OdtWriter(doc, data, revisions)
    raise Refused(_("kamerlint does not write fixes into {format} files", format=doc.format))


def write_fixes(doc: Document, data: bytes, fixes: list[list[Edit]], revisions: Revisions | None = None) -> Written:
    """Write every fix (a list of non-overlapping edits each) that the format allows."""
    try:
        writer = writer_for(doc, data, revisions)
    except Refused as exc:
        return Written(None, 0, [str(exc)])
    out = Written(None)
    for edits in fixes:
        try:
            writer.take(edits)
        except Refused as exc:
            if str(exc) not in out.refused:
                out.refused.append(str(exc))
            continue
        out.applied += 1
    if out.applied:
        try:
            out.data = writer.result()
        except Refused as exc:
            out.applied = 0
            out.refused.append(str(exc))
    return out
