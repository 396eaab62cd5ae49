"""Make the hostile and broken input files: fixtures/hostile/*.

Every file here is small. The two that are only hostile when big (a zip bomb that really inflates
to 1 GB, a zip with more parts than the limit) are made on demand by :func:`real_zip_bomb` and
:func:`many_parts` (tests write them to a temporary folder); the repository keeps a bomb that only
*claims* 1 GB in its headers. Run from the project root:

    python scripts/make_hostile.py

Each file's expected IO code is in :data:`EXPECTED` (tests/test_hostile.py reads it), and
fixtures/hostile/README.md says what each file is.
"""

from __future__ import annotations

import io
import random
import struct
import sys
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "fixtures" / "hostile"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
ZIP_DATE = (2026, 3, 2, 10, 0, 0)
GB = 1024**3


def document_xml(body: str = "<w:p><w:r><w:t>Geachte voorzitter,</w:t></w:r></w:p>", prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def zip_of(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def docx_with(document: bytes, **extra: bytes) -> bytes:
    parts = {"[Content_Types].xml": CONTENT_TYPES.encode(), "_rels/.rels": ROOT_RELS.encode(), "word/document.xml": document}
    parts.update({name.replace("__", "/"): data for name, data in extra.items()})
    return zip_of(parts)


def valid_docx() -> bytes:
    return docx_with(document_xml())


# -- zip bombs -------------------------------------------------------------------------------------


def _zip_one_entry(name: str, compressed: bytes, crc: int, compress_size: int, file_size: int) -> bytes:
    """A zip with one deflated entry whose headers say what we tell them (zip64 when needed)."""
    name_b = name.encode()
    zip64 = file_size >= 0xFFFFFFFF or compress_size >= 0xFFFFFFFF
    extra = struct.pack("<HHQQ", 1, 16, file_size, compress_size) if zip64 else b""
    small_size = 0xFFFFFFFF if zip64 else file_size
    small_csize = 0xFFFFFFFF if zip64 else compress_size
    version = 45 if zip64 else 20
    dos_time, dos_date = 0x5000, 0x5C62
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, version, 0, 8, dos_time, dos_date, crc, small_csize, small_size, len(name_b), len(extra)
    )
    local += name_b + extra
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50, version, version, 0, 8, dos_time, dos_date, crc, small_csize, small_size,
        len(name_b), len(extra), 0, 0, 0, 0, 0,
    ) + name_b + extra
    body = local + compressed
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(body), 0)
    return body + central + end


def claimed_zip_bomb(size: int = GB) -> bytes:
    """A tiny zip whose one part's headers claim it inflates to ``size`` bytes."""
    data = b"<a/>"
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressed = comp.compress(data) + comp.flush()
    return _zip_one_entry("word/document.xml", compressed, zlib.crc32(data), len(compressed), size)


def real_zip_bomb(size: int = GB, lie: bool = False) -> bytes:
    """A zip (about 1 MB for 1 GB) whose document part really inflates to ``size`` bytes of XML
    white space. With ``lie``, the headers claim a small size."""
    compressed, crc, total = _deflated_spaces(size)
    return _zip_one_entry("word/document.xml", compressed, crc, len(compressed), 4096 if lie else total)


def _deflated_spaces(size: int) -> tuple[bytes, int, int]:
    """``<a>``, ``size`` spaces and ``</a>`` deflated, its CRC and inflated size: built from one
    deflated chunk repeated after full flushes, so making it takes no gigabyte of work."""
    chunk = b" " * (1024 * 1024)
    assert size % len(chunk) == 0
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    head = b"<a>"
    comp2 = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = comp2.compress(head) + comp2.flush(zlib.Z_FULL_FLUSH)
    comp3 = zlib.compressobj(9, zlib.DEFLATED, -15)
    tail_data = b"</a>"
    tail = comp3.compress(tail_data) + comp3.flush(zlib.Z_FINISH)
    count = size // len(chunk)
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail_data, crc)
    return start + block * count + tail, crc, len(head) + size + len(tail_data)


def with_lying_media(package: bytes, size: int = GB, claimed: int = 20 * 1024, name: str = "word/media/image1.png") -> bytes:
    """``package`` with one more entry, a media part whose headers claim ``claimed`` bytes but
    which inflates to ``size``: harmless to a reader that never opens media, a bomb to a writer
    that inflates every entry to copy it."""
    compressed, crc, _total = _deflated_spaces(size)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(zipfile.ZipInfo(name, ZIP_DATE), b"\0" * len(compressed), zipfile.ZIP_STORED)
    data = bytearray(out.getvalue())
    local = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name).header_offset
    n, m = struct.unpack_from("<HH", data, local + 26)
    start = local + 30 + n + m
    data[start : start + len(compressed)] = compressed
    central = data.rfind(b"PK\x01\x02")  # the entry written last
    for header, at in ((local, 8), (central, 10)):  # method, then CRC and the claimed size
        struct.pack_into("<H", data, header + at, zipfile.ZIP_DEFLATED)
        struct.pack_into("<I", data, header + at + 6, crc)
        struct.pack_into("<I", data, header + at + 14, claimed)
    return bytes(data)


def many_parts(count: int = 20_000) -> bytes:
    """A zip with ``count`` empty parts besides a valid letter (the limit is 10 000)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES.encode()), ("_rels/.rels", ROOT_RELS.encode()), ("word/document.xml", document_xml())):
            z.writestr(zipfile.ZipInfo(name, ZIP_DATE), data)
        for i in range(count):
            z.writestr(zipfile.ZipInfo(f"p/{i}", ZIP_DATE), b"")
    return out.getvalue()


# -- XML -----------------------------------------------------------------------------------------


def billion_laughs() -> bytes:
    entities = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{"&lol%s;" % ("" if i == 1 else i - 1) * 10}">' for i in range(1, 10)]
    prolog = "<!DOCTYPE w:document [" + "".join(entities) + "]>"
    return docx_with(document_xml("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", prolog))


def xxe(target: str = "file:///etc/passwd") -> bytes:
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{target}">]>'
    return docx_with(document_xml("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", prolog))


def xxe_external_dtd(target: str = "file:///etc/passwd") -> bytes:
    """No entity declared in the part: the DOCTYPE names an external DTD, which must not be loaded."""
    prolog = f'<!DOCTYPE w:document SYSTEM "{target}">'
    return docx_with(document_xml(prolog=prolog))


def xxe_in_footnotes(target: str = "file:///etc/passwd") -> bytes:
    """The entity sits in a part other than the main one (the core properties)."""
    core = (
        f'<?xml version="1.0"?><!DOCTYPE cp:coreProperties [<!ENTITY xxe SYSTEM "{target}">]>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>&xxe;</dc:creator></cp:coreProperties>'
    ).encode()
    rels = ROOT_RELS.replace(
        "</Relationships>",
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/></Relationships>',
    )
    return zip_of(
        {"[Content_Types].xml": CONTENT_TYPES.encode(), "_rels/.rels": rels.encode(), "word/document.xml": document_xml(), "docProps/core.xml": core}
    )


def deep_nesting(depth: int = 100_000) -> bytes:
    return docx_with(document_xml("<w:p>" + "<w:r>" * depth + "</w:r>" * depth + "</w:p>"))


def malformed_xml() -> bytes:
    return docx_with(b'<?xml version="1.0"?><w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p>')


# -- OLE2 ----------------------------------------------------------------------------------------


def ole2(stream_names: list[str]) -> bytes:
    """A minimal compound file (OLE2/CFB) whose directory holds the named (empty) streams: enough
    for a reader to tell an encrypted .docx from a Word 97 .doc."""
    sector = 512
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # FAT sectors
    struct.pack_into("<I", header, 48, 1)  # first directory sector
    struct.pack_into("<I", header, 56, 4096)  # mini stream cutoff
    struct.pack_into("<IIII", header, 60, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<109I", header, 76, 0, *([0xFFFFFFFF] * 108))
    fat = struct.pack("<2I", 0xFFFFFFFD, 0xFFFFFFFE) + b"\xff" * (sector - 8)
    entries = [("Root Entry", 5)] + [(name, 2) for name in stream_names]
    directory = bytearray()
    for i, (name, kind) in enumerate(entries):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le")
        entry[: len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded) + 2, kind, 1)
        left = right = child = 0xFFFFFFFF
        if kind == 5 and len(entries) > 1:
            child = 1
        elif i + 1 < len(entries):
            right = i + 1
        struct.pack_into("<III", entry, 68, left, right, child)
        struct.pack_into("<IQ", entry, 116, 0xFFFFFFFE, 0)
        directory += entry
    directory += b"\0" * (-len(directory) % sector)
    return bytes(header) + fat + bytes(directory[:sector])


def encrypted_docx() -> bytes:
    return ole2(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"])


def word97_doc() -> bytes:
    return ole2(["WordDocument", "1Table", "\x05SummaryInformation"])


# -- other broken files --------------------------------------------------------------------------


def truncated_docx() -> bytes:
    data = valid_docx()
    return data[: len(data) // 2]


def random_bytes(size: int = 4096, seed: int = 4) -> bytes:
    return random.Random(seed).randbytes(size)


def no_main_part() -> bytes:
    return zip_of({"[Content_Types].xml": CONTENT_TYPES.encode(), "docProps/app.xml": b"<Properties/>"})


def cp1252_text() -> bytes:
    return "Geachte voorzitter,\n\nHet geïnteresseerde comité en de café-eigenaar: € 5 [datum].\n".encode("cp1252")


def bom_text() -> bytes:
    return "\ufeffGeachte voorzitter,\n\nDe brief volgt op [datum].\n".encode("utf-8")


def crlf_text() -> bytes:
    return "Geachte voorzitter,\r\n\r\nDe brief volgt op [datum].\r\n".encode("utf-8")


def long_line_text(length: int = 2_000_000) -> bytes:
    return ("Lang " * (length // 5) + "[datum].\n").encode("utf-8")


#: File name -> (maker, expected IO code or None for "lints, no IO finding").
FILES = {
    "zip-bomb-claims-1gb.docx": (claimed_zip_bomb, "IO003"),
    "billion-laughs.docx": (billion_laughs, "IO003"),
    "xxe.docx": (xxe, "IO003"),
    "xxe-external-dtd.docx": (xxe_external_dtd, None),
    "xxe-in-properties.docx": (xxe_in_footnotes, "IO003"),
    "deep-nesting.docx": (deep_nesting, "IO003"),
    "malformed-xml.docx": (malformed_xml, "IO002"),
    "encrypted.docx": (encrypted_docx, "IO002"),
    "word97.doc": (word97_doc, "IO002"),
    "truncated.docx": (truncated_docx, "IO002"),
    "random-bytes.docx": (random_bytes, "IO002"),
    "empty.docx": (bytes, "IO002"),
    "empty.txt": (bytes, "IO002"),
    "no-main-part.docx": (no_main_part, "IO002"),
    "windows-1252.txt": (cp1252_text, "IO004"),
    "utf8-bom.txt": (bom_text, None),
    "crlf.txt": (crlf_text, None),
}
EXPECTED = {name: code for name, (_, code) in FILES.items()}

README = """# Hostile and broken input

Made by `scripts/make_hostile.py` (do not edit by hand). Each file must give its IO finding, or
lint normally, in bounded time and memory, and never a traceback (tests/test_hostile.py).

| file | what it is | expected |
|---|---|---|
"""
WHAT = {
    "zip-bomb-claims-1gb.docx": "a part whose zip headers claim it unpacks to 1 GB",
    "billion-laughs.docx": "XML entities that expand to 10^9 'lol's",
    "xxe.docx": "an external entity naming file:///etc/passwd",
    "xxe-external-dtd.docx": "a DOCTYPE naming an external DTD (never loaded)",
    "xxe-in-properties.docx": "an external entity in docProps/core.xml",
    "deep-nesting.docx": "elements nested 100 000 deep",
    "malformed-xml.docx": "a main part that is not well-formed XML",
    "encrypted.docx": "an OLE2 file with EncryptionInfo/EncryptedPackage (a password-protected .docx)",
    "word97.doc": "an OLE2 file with a WordDocument stream (Word 97-2003)",
    "truncated.docx": "the first half of a valid .docx",
    "random-bytes.docx": "4 kB of random bytes",
    "empty.docx": "0 bytes",
    "empty.txt": "0 bytes",
    "no-main-part.docx": "a zip without word/document.xml or an officeDocument relationship",
    "windows-1252.txt": "a text draft saved as Windows-1252",
    "utf8-bom.txt": "a UTF-8 text draft with a byte-order mark",
    "crlf.txt": "a text draft with CRLF line ends",
}


def main() -> int:
    HOSTILE.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, (make, code) in FILES.items():
        data = make()
        (HOSTILE / name).write_bytes(data)
        rows.append(f"| `{name}` | {WHAT[name]} | {code or 'lints normally'} |")
        print(f"fixtures/hostile/{name}: {len(data)} bytes")
    (HOSTILE / "README.md").write_text(README + "\n".join(rows) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
