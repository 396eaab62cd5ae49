"""Readers: one per format, each turning a file into a :class:`linter.model.Document`.

A reader knows nothing of rules. It raises :class:`ReadError` for a file it cannot read; the engine
turns that into an IO finding. ``read_document`` recognises the format from the content (zip, OLE2
and text signatures), not only from the name.
"""

from __future__ import annotations

import functools
import gc

from linter.i18n import N_, _
from linter.limits import DEFAULT_LIMITS, Limits
from linter.model import Document


class ReadError(Exception):
    """A file that cannot be checked. ``code`` is IO001–IO004; ``message`` is for a policy officer."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_SIGNATURE = b"{\\rtf"
PDF_SIGNATURE = b"%PDF-"
#: Formats a letter may come in that kamerlint cannot read, and what to do instead.
UNREADABLE = {
    "rtf": N_(
        "This is an RTF file, which kamerlint cannot read. "
        "Open it in Word, save it as .docx (File > Save As > Word Document) and check that file."
    ),
    "pdf": N_(
        "This is a PDF, which kamerlint cannot check: a PDF no longer holds the draft's notes, bookmarks "
        "and tracked changes. Check the .docx it was made from; to leave published PDFs out, add "
        'exclude = ["*.pdf"] to kamerlint.toml.'
    ),
}
MARKDOWN_SUFFIXES = (".md", ".markdown")


def sniff(data: bytes, name: str = "") -> str:
    """The format of ``data``: ``zip``, ``ole2``, ``rtf``, ``pdf``, ``text``, ``binary`` or ``empty``."""
    if not data:
        return "empty"
    if data[:4] in ZIP_SIGNATURES:
        return "zip"
    if data[:8] == OLE2_SIGNATURE:
        return "ole2"
    if data.startswith(RTF_SIGNATURE):
        return "rtf"
    if data.startswith(PDF_SIGNATURE):
        return "pdf"
    head = data[:8192]
    if b"\x00" in head and not (head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff")):
        return "binary"
    return "text"


class CycleCollectionPaused:
    """``with CycleCollectionPaused():`` runs its block with Python's cycle collector paused. A
    reader makes tens of thousands of small objects that all stay alive in the model; the
    collector's passes over them bought nothing and grew faster than the letter (a third of
    reading 3,000 paragraphs, a fifth of checking them). Objects are still freed at once by their
    reference counts; the collector runs again when the block ends. Nested blocks leave the
    pause to the outermost one. A plain class rather than contextlib: start-up time."""

    __slots__ = ("resume",)

    def __enter__(self) -> None:
        self.resume = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc) -> None:
        if self.resume:
            gc.enable()


def without_cycle_collection(work):
    """``work`` run in a :class:`CycleCollectionPaused` block."""

    @functools.wraps(work)
    def paused(*args, **kwargs):
        with CycleCollectionPaused():
            return work(*args, **kwargs)

    return paused


@without_cycle_collection
def read_document(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Build the model for one file's bytes. Raises ReadError."""
    if len(data) > limits.max_file_bytes:
        raise ReadError(
            "IO003",
            _(
                "The file is {size} MB, more than the {limit} MB kamerlint checks; it is not checked.",
                size=len(data) // (1024 * 1024), limit=limits.max_file_bytes // (1024 * 1024),
            ),
        )
    kind = sniff(data, path)
    if kind == "empty":
        raise ReadError("IO002", _("The file is empty: there is no document to check."))
    if kind == "zip":
        from linter.formats.package import open_package

        package = open_package(data, limits)
        if package.kind == "odt":
            if package.odf_encrypted():
                from linter.formats.package import ODF_ENCRYPTED_MESSAGE

                raise ReadError("IO002", _(ODF_ENCRYPTED_MESSAGE))
            from linter.formats.odt.read import read_odt

            return read_odt(package, path, limits)
        from linter.formats.docx.read import read_docx

        return read_docx(package, path, limits)
    if kind == "ole2":
        from linter.formats.package import describe_ole2

        raise ReadError("IO002", describe_ole2(data))
    if kind in UNREADABLE:
        raise ReadError("IO002", _(UNREADABLE[kind]))
    if kind == "binary":
        raise ReadError(
            "IO002",
            _("This is not a Word document or a text draft (it looks like another kind of file); it is not checked."),
        )
    if path.lower().endswith(MARKDOWN_SUFFIXES):
        # Imported here only, so that markdown-it-py is loaded for Markdown files alone.
        from linter.formats.text.markdown import read_markdown

        return read_markdown(data, path, limits)
    from linter.formats.text.read import read_text

    return read_text(data, path, limits)
