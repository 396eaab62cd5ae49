"""The zip (OPC / ODF) package under the .docx and .odt readers, read safely in memory.

Every limit is checked before the work it guards: the entry count and each entry's declared size
and compression ratio before anything is inflated, and inflation is streamed with a hard cap so a
zip header that lies about the size cannot get past either. No temporary files.
"""

from __future__ import annotations

import io
import lzma
import posixpath
import struct
import zipfile
import zlib

from linter.formats import ReadError
from linter.i18n import N_, _

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
PACKAGE_RELS = "_rels/.rels"

#: The parts a reader unpacks and parses (content, styles, notes, relationships, properties).
XML_SUFFIXES = (".xml", ".rels")
#: Compression ratio is only suspicious in big entries; a small part of repeated XML may compress
#: very well and harms no one.
RATIO_MIN_BYTES = 1024 * 1024

DAMAGED = N_(
    "The file is damaged (an incomplete or corrupt Word file) and cannot be opened. "
    "If it opens in Word, save it again and check the new file."
)


def _too_big(what: str, limit_name: str, limit: int, hostile: bool = False) -> ReadError:
    """IO003 for a limit: ``hostile`` when only a harmful file looks so (a lying header, a
    thousandfold compression); a size or count over a limit may be a real file far larger than a
    letter, and is told so."""
    if hostile:
        message = _(
            "{what} is more than the {limit_name} limit ({limit}) allows; this is how harmful 'zip bomb' files look, so the file is not checked.",
            what=what, limit_name=limit_name, limit=f"{limit:,}",
        )
    else:
        message = _(
            "{what} is more than the {limit_name} limit ({limit}) allows, far more than a letter needs, so the file is not checked. "
            "If it is a letter, the limit can be raised under [limits] in the configuration.",
            what=what, limit_name=limit_name, limit=f"{limit:,}",
        )
    return ReadError("IO003", message)


#: LZMA and bzip2 parts (which Word never writes) are read in pieces: zipfile inflates all the
#: compressed bytes a read takes, whatever the size asked for, so one read of a small part that
#: unpacks to gigabytes would hold them all before the cap is seen.
PIECE = 64 * 1024


def _read_in_pieces(stream, cap: int) -> bytes:
    """At most cap + 1 bytes of ``stream``, read PIECE compressed bytes at a time."""
    pieces, size = [], 0
    while size <= cap and (piece := stream.read(PIECE)):
        pieces.append(piece)
        size += len(piece)
    return b"".join(pieces)


class Package:
    """A zip container. Parts are inflated when first asked for, and kept."""

    def __init__(self, data: bytes, limits):
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error, NotImplementedError):
            raise ReadError("IO002", _(DAMAGED)) from None
        if len(infos) > limits.max_parts:
            raise _too_big(_("The file holds {count} parts, which", count=f"{len(infos):,}"), "max_parts", limits.max_parts)
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.is_dir():
                continue
            # Only XML parts are ever unpacked (a writer copies media raw): a photo of some MB
            # is no reason to refuse a letter, but an XML part's size bounds the work.
            unpacked = info.filename.lower().endswith(XML_SUFFIXES)
            if unpacked and info.file_size > limits.max_part_bytes:
                raise _too_big(
                    _("Part {part} unpacks to {size} bytes, which", part=info.filename, size=f"{info.file_size:,}"),
                    "max_part_bytes",
                    limits.max_part_bytes,
                )
            if info.file_size >= RATIO_MIN_BYTES and info.file_size > info.compress_size * limits.max_compression_ratio:
                raise _too_big(
                    _("Part {part} is compressed more than {ratio} times, which", part=info.filename, ratio=limits.max_compression_ratio),
                    "max_compression_ratio",
                    limits.max_compression_ratio,
                    hostile=True,
                )
            # Part names are case-insensitive in OPC, and some producers write backslashes.
            self._infos[_key(info.filename)] = info
        self._cache: dict[str, bytes] = {}
        self._inflated = 0
        self._rels: dict[str, list[tuple[str, str, str, bool]]] = {}
        self.mimetype = ""
        if self.has("mimetype"):
            self.mimetype = self.part("mimetype")[:200].strip().decode("ascii", "replace")
        self.kind = "odt" if self.mimetype.encode("ascii", "replace") == ODT_MIMETYPE else "docx"
        self._main_part: str | None = None
        #: Parts a reader parsed, by name: the XML a writer changes is found through its root.
        self.parsed: dict[str, object] = {}

    # -- parts ----------------------------------------------------------------------------------
    def optional_part(self, name: str, read_findings: list):
        """Part ``name`` parsed, for a part the letter can be checked without: None if it is
        missing; None and a finding in ``read_findings`` if it is damaged. A part over a limit
        (IO003) still stops the file, as a bomb anywhere in the package does."""
        from linter.formats.xml import parse_xml

        try:
            root = self.parsed[name] = parse_xml(self.part(name), name, self.limits)
            return root
        except KeyError:
            return None
        except ReadError as e:
            if e.code == "IO003":
                raise
            read_findings.append((e.code, _("{problem} That part was skipped; the rest of the document was checked.", problem=e.message)))
            return None

    def names(self) -> list[str]:
        return [info.filename for info in self._infos.values()]

    def has(self, name: str) -> bool:
        return _key(name) in self._infos

    def part(self, name: str) -> bytes:
        """The inflated bytes of part ``name``. KeyError if there is no such part."""
        key = _key(name)
        if key in self._cache:
            return self._cache[key]
        info = self._infos[key]
        limits = self.limits
        # max_total_bytes counts the parts a reader does unpack, as it unpacks them: a template's
        # styles kamerlint never reads (stylesWithEffects.xml, 400 kB) do not count.
        room = limits.max_total_bytes - self._inflated
        if info.file_size > room:
            raise _too_big(
                _("The XML parts kamerlint reads unpack to more than {limit} bytes together, which", limit=f"{limits.max_total_bytes:,}"),
                "max_total_bytes",
                limits.max_total_bytes,
            )
        cap = min(limits.max_part_bytes, room)
        try:
            with self._zip.open(info) as stream:
                if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    # One read of at most cap + 1 bytes: zipfile inflates deflate no further
                    # than asked, and in one go (reads of 64 KiB copied the rest of the inflated
                    # data each time: 5 ms of a 2 MB document.xml).
                    data = stream.read(max(cap, 0) + 1)
                else:
                    data = _read_in_pieces(stream, cap)
        except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, OSError, ValueError, EOFError, NotImplementedError, struct.error, RuntimeError):
            # RuntimeError: an encrypted entry (zip password), which Word never writes.
            raise ReadError(
                "IO002", _("The file is damaged (an incomplete or corrupt Word file): part {part} cannot be unpacked.", part=info.filename)
            ) from None
        size = len(data)
        if size > cap:
            limit_name = "max_part_bytes" if cap == limits.max_part_bytes else "max_total_bytes"
            raise _too_big(_("Part {part} unpacks to more bytes than its header says, which", part=info.filename), limit_name, cap, hostile=True)
        self._inflated += size
        self._cache[key] = data
        return data

    @property
    def unpacked(self) -> int:
        """Bytes of the parts unpacked so far (what max_total_bytes bounds)."""
        return self._inflated

    def odf_encrypted(self) -> bool:
        """Whether the ODF manifest says parts are encrypted (a password): their bytes are then
        no XML, and "damaged" would be the wrong thing to say."""
        if not self.has("META-INF/manifest.xml"):
            return False
        try:
            return b"encryption-data" in self.part("META-INF/manifest.xml")
        except ReadError:
            return False

    # -- relationships --------------------------------------------------------------------------
    def rels(self, part: str | None) -> list[tuple[str, str, str, bool]]:
        """Relationships of ``part`` (None: the package): (id, type, target, external). Internal
        targets are resolved to part names; a missing or damaged .rels part gives none."""
        rels_name = PACKAGE_RELS if not part else _rels_name(part)
        key = _key(rels_name)
        if key in self._rels:
            return self._rels[key]
        found: list[tuple[str, str, str, bool]] = []
        self._rels[key] = found
        if not self.has(rels_name):
            return found
        from linter.formats.xml import parse_xml

        try:
            root = parse_xml(self.part(rels_name), rels_name, self.limits)
        except ReadError as e:
            if e.code == "IO003":
                raise
            return found
        base = posixpath.dirname(part) if part else ""
        for rel in root.iter(f"{{{REL_NS}}}Relationship"):
            target = rel.get("Target") or ""
            external = (rel.get("TargetMode") or "").lower() == "external"
            if not external:
                target = _resolve(base, target)
            found.append((rel.get("Id") or "", rel.get("Type") or "", target, external))
        return found

    def related(self, part: str | None, rel_type_suffix: str) -> list[str]:
        """Internal parts that ``part`` points at with a relationship type ending in
        ``/rel_type_suffix``, in the order of the .rels part, only those that exist."""
        suffix = "/" + rel_type_suffix
        return [
            target
            for _, rtype, target, external in self.rels(part)
            if not external and rtype.endswith(suffix) and self.has(target)
        ]

    @property
    def main_part(self) -> str:
        """The main document part, through the package's officeDocument relationship."""
        if self._main_part is None:
            found = self.related(None, "officeDocument")
            if not found and self.has("word/document.xml"):
                found = ["word/document.xml"]
            if not found:
                raise ReadError(
                    "IO002",
                    _("This zip file is not a Word document: it has no main document part (the file may be damaged or of another kind)."),
                )
            self._main_part = found[0]
        return self._main_part


def _key(name: str) -> str:
    return name.replace("\\", "/").lstrip("/").lower()


def _rels_name(part: str) -> str:
    part = part.lstrip("/")
    return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")


def _resolve(base: str, target: str) -> str:
    target = target.replace("\\", "/")
    if target.startswith("/"):
        path = target
    else:
        path = posixpath.join("/" + base, target)
    return posixpath.normpath(path).lstrip("/")


def open_package(data: bytes, limits) -> Package:
    return Package(data, limits)


# -- OLE2 / compound files ------------------------------------------------------------------------

ENCRYPTED_MESSAGE = N_(
    "This document is protected with a password (encrypted), so its text cannot be read. "
    "Remove the password in Word (File > Info > Protect Document) and check it again."
)
ODF_ENCRYPTED_MESSAGE = N_(
    "This OpenDocument file is protected with a password (encrypted), so its text cannot be read. "
    "Save it without a password in LibreOffice (File > Save As, without 'Save with password') and check it again."
)
DOC_MESSAGE = N_(
    "This is an old Word 97-2003 .doc file, which kamerlint cannot read. "
    "Open it in Word, save it as .docx (File > Save As > Word Document) and check that file."
)
OTHER_OLE2_MESSAGE = N_(
    "This is an old Office file that is not a Word document (or it is damaged), so it is not checked. "
    "Only .docx, .odt and text drafts are checked."
)


def describe_ole2(data: bytes) -> str:
    """Say in plain words what an OLE2 compound file is: an encrypted .docx, a .doc or other."""
    names = _ole2_stream_names(data)
    if names is None:
        # Directory unreadable: fall back to looking for the stream names themselves.
        names = {n for n in ("EncryptedPackage", "EncryptionInfo", "WordDocument") for form in (n, n.upper(), n.lower()) if form.encode("utf-16-le") in data}
    # Compound file names compare without regard to case (MS-CFB 2.6.4); some tools write them upper-case.
    names = {n.lower() for n in names}
    if "encryptedpackage" in names or "encryptioninfo" in names:
        return _(ENCRYPTED_MESSAGE)
    if "worddocument" in names:
        return _(DOC_MESSAGE)
    return _(OTHER_OLE2_MESSAGE)


def _ole2_stream_names(data: bytes) -> set[str] | None:
    """Names in a compound file's directory, or None if it cannot be walked."""
    try:
        if len(data) < 512:
            return None
        sector_size = 1 << struct.unpack_from("<H", data, 30)[0]
        if sector_size not in (512, 4096):
            return None
        first_dir = struct.unpack_from("<I", data, 48)[0]
        difat = struct.unpack_from("<109I", data, 76)
        fat_sectors = [s for s in difat if s < 0xFFFFFFFA]

        def sector(n: int) -> bytes:
            off = (n + 1) * sector_size
            return data[off : off + sector_size]

        fat: list[int] = []
        for s in fat_sectors:
            chunk = sector(s)
            fat.extend(struct.unpack_from(f"<{len(chunk) // 4}I", chunk))
        names: set[str] = set()
        current, seen = first_dir, set()
        while current < 0xFFFFFFFA and current not in seen and len(seen) < 10_000:
            seen.add(current)
            chunk = sector(current)
            for i in range(0, len(chunk) - 127, 128):
                entry = chunk[i : i + 128]
                length = struct.unpack_from("<H", entry, 64)[0]
                if 2 <= length <= 64:
                    names.add(entry[: length - 2].decode("utf-16-le", "replace"))
            current = fat[current] if current < len(fat) else 0xFFFFFFFE
        return names or None
    except (struct.error, IndexError):
        return None
