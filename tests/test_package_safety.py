"""The zip and XML layer under the .docx reader: hostile and broken input gives IO002/IO003."""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path

import pytest

from linter.limits import DEFAULT_LIMITS, Limits
from linter.formats import OLE2_SIGNATURE, ReadError, read_document
from linter.formats.package import DOC_MESSAGE, ENCRYPTED_MESSAGE, describe_ole2, open_package
from linter.formats.xml import parse_xml

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "public"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROOT_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def zip_of(parts: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def document_xml(body: str = '<w:p><w:r><w:t>Hallo</w:t></w:r></w:p>') -> bytes:
    return f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'.encode()


def minimal_docx(**extra: bytes) -> bytes:
    parts = {"_rels/.rels": ROOT_RELS.encode(), "word/document.xml": document_xml()}
    parts.update(extra)
    return zip_of(parts)


def read_error(data: bytes, limits: Limits = DEFAULT_LIMITS) -> ReadError:
    with pytest.raises(ReadError) as e:
        read_document(data, "x.docx", limits)
    return e.value


# -- zip limits -----------------------------------------------------------------------------------


def test_minimal_package_reads():
    doc = read_document(minimal_docx(), "x.docx", DEFAULT_LIMITS)
    assert doc.stories[0].paragraphs[0].text == "Hallo"


def test_too_many_parts():
    parts = {f"f{i}.xml": b"<a/>" for i in range(20)}
    e = read_error(minimal_docx(**parts), Limits(max_parts=10))
    assert e.code == "IO003" and "max_parts" in e.message


def test_declared_part_size_over_limit():
    e = read_error(minimal_docx(**{"word/big.xml": b"<a>" + b"x" * 5000 + b"</a>"}), Limits(max_part_bytes=4000))
    assert e.code == "IO003" and "max_part_bytes" in e.message


def test_compression_ratio():
    bomb = b"\0" * (4 * 1024 * 1024)
    e = read_error(minimal_docx(**{"word/media/bomb.bin": bomb}), Limits(max_compression_ratio=100))
    assert e.code == "IO003" and "compressed" in e.message


def test_total_size():
    """Of the parts the reader unpacks, as it unpacks them; parts it never reads and media (copied
    raw by a writer) count only in the file's size."""
    styles = f'<w:styles xmlns:w="{W_NS}"><w:docDefaults/>{" " * 3000}</w:styles>'.encode()
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    parts = {"_rels/.rels": ROOT_RELS.encode(), "word/_rels/document.xml.rels": rels.encode(), "word/document.xml": document_xml("<w:p/>" * 300), "word/styles.xml": styles}
    assert all(len(data) < 5000 for data in parts.values())
    e = read_error(zip_of(parts), Limits(max_total_bytes=5000))
    assert e.code == "IO003" and "max_total_bytes" in e.message
    unread = b"<a>" + b"a" * 3000 + b"</a>"
    photo = bytes(range(256)) * 40  # 10 kB that barely compresses
    read_document(minimal_docx(**{"a.xml": unread, "b.xml": unread, "word/media/a.png": photo}), "x.docx", Limits(max_total_bytes=5000))


def test_lying_header_cannot_get_past_the_cap():
    """A central directory that says 10 bytes for a part that inflates to 1 MB."""
    real = document_xml("<w:p><w:r><w:t>" + "x" * (1024 * 1024) + "</w:t></w:r></w:p>")
    data = bytearray(zip_of({"_rels/.rels": ROOT_RELS.encode(), "word/document.xml": real}))
    # Patch the uncompressed size in both the local header and the central directory entry.
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = 0
        while (pos := data.find(sig, pos)) != -1:
            name_len_at = 26 if sig == b"PK\x03\x04" else 28
            name_len = struct.unpack_from("<H", data, pos + name_len_at)[0]
            name_at = pos + (30 if sig == b"PK\x03\x04" else 46)
            if bytes(data[name_at : name_at + name_len]) == b"word/document.xml":
                struct.pack_into("<I", data, pos + size_at, 10)
            pos += 4
    start = time.perf_counter()
    e = read_error(bytes(data))
    assert e.code in ("IO002", "IO003")
    assert time.perf_counter() - start < 2


def test_truncated_and_garbage_zips():
    good = minimal_docx()
    for bad in (good[: len(good) // 2], good[:-30], b"PK\x03\x04" + b"\x00" * 100):
        e = read_error(bad)
        assert e.code == "IO002" and "damaged" in e.message


def test_missing_main_part():
    e = read_error(zip_of({"readme.txt": b"hallo"}))
    assert e.code == "IO002" and "not a Word document" in e.message


def test_main_part_found_without_package_relationships():
    doc = read_document(zip_of({"word/document.xml": document_xml()}), "x.docx", DEFAULT_LIMITS)
    assert doc.stories[0].paragraphs[0].text == "Hallo"


def test_not_a_word_main_part():
    rels = ROOT_RELS.replace("word/document.xml", "xl/workbook.xml")
    e = read_error(zip_of({"_rels/.rels": rels.encode(), "xl/workbook.xml": b'<workbook xmlns="urn:x"/>'}))
    assert e.code == "IO002" and "Excel" in e.message


# -- the package API ------------------------------------------------------------------------------


def test_package_parts_relationships_and_kind():
    doc_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="notes/fn.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="../shared/styles.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org" TargetMode="External"/>'
        '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="/word/header9.xml"/>'
        "</Relationships>"
    )
    pkg = open_package(
        minimal_docx(
            **{
                "word/_rels/document.xml.rels": doc_rels.encode(),
                "word/notes/fn.xml": b"<a/>",
                "shared/styles.xml": b"<b/>",
                "word/header9.xml": b"<c/>",
            }
        ),
        DEFAULT_LIMITS,
    )
    assert pkg.kind == "docx"
    assert pkg.main_part == "word/document.xml"
    assert pkg.related("word/document.xml", "footnotes") == ["word/notes/fn.xml"]
    assert pkg.related("word/document.xml", "styles") == ["shared/styles.xml"]
    assert pkg.related("word/document.xml", "header") == ["word/header9.xml"]
    assert pkg.related("word/document.xml", "hyperlink") == []  # external
    assert pkg.part("word/notes/fn.xml") is pkg.part("WORD/notes/fn.xml")  # cached, case-insensitive
    with pytest.raises(KeyError):
        pkg.part("word/nothing.xml")


def test_odt_kind():
    data = zip_of({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<a/>"}, zipfile.ZIP_STORED)
    assert open_package(data, DEFAULT_LIMITS).kind == "odt"


def test_other_opendocument_is_not_read_as_docx():
    data = zip_of({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<a/>"}, zipfile.ZIP_STORED)
    e = read_error(data)
    assert e.code == "IO002" and "spreadsheet" in e.message


# -- XML ------------------------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_entity_declarations_are_refused(data):
    with pytest.raises(ReadError) as e:
        parse_xml(data, "word/document.xml", DEFAULT_LIMITS)
    assert e.value.code == "IO003" and "word/document.xml" in e.value.message


def test_xxe_in_a_package_does_not_leak():
    e = read_error(minimal_docx(**{"word/document.xml": XXE}))
    assert "root:" not in e.message


def test_external_dtd_is_not_loaded():
    data = b'<!DOCTYPE a SYSTEM "file:///etc/passwd"><a>x</a>'
    assert parse_xml(data, "p.xml", DEFAULT_LIMITS).text == "x"


def test_malformed_xml():
    with pytest.raises(ReadError) as e:
        parse_xml(b"<a><b></a>", "word/document.xml", DEFAULT_LIMITS)
    assert e.value.code == "IO002" and "damaged" in e.value.message and "word/document.xml" in e.value.message


def test_depth_limit():
    deep = b"<a>" * 40 + b"</a>" * 40
    with pytest.raises(ReadError) as e:
        parse_xml(deep, "p.xml", Limits(max_xml_depth=20))
    assert e.value.code == "IO003" and "20" in e.value.message
    assert parse_xml(deep, "p.xml", DEFAULT_LIMITS) is not None
    very_deep = b"<a>" * 1000 + b"</a>" * 1000
    with pytest.raises(ReadError) as e:
        parse_xml(very_deep, "p.xml", DEFAULT_LIMITS)
    assert e.value.code == "IO003"


def test_utf16_and_strict_namespace():
    text = '<?xml version="1.0" encoding="UTF-16"?><w:t xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main">é</w:t>'
    root = parse_xml(b"\xff\xfe" + text.encode("utf-16-le"), "p.xml", DEFAULT_LIMITS)
    assert root.tag == f"{{{W_NS}}}t" and root.text == "é"


# -- OLE2 -----------------------------------------------------------------------------------------


def test_describe_ole2_fallback_on_names():
    doc = OLE2_SIGNATURE + b"\0" * 600 + "WordDocument".encode("utf-16-le")
    assert describe_ole2(doc) == DOC_MESSAGE
    enc = OLE2_SIGNATURE + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le")
    assert describe_ole2(enc) == ENCRYPTED_MESSAGE
    assert "not a Word document" in describe_ole2(OLE2_SIGNATURE + b"\0" * 600)


@pytest.mark.parametrize(
    "name", ["poi/document__bug53475-password-is-pass.docx", "poi/document__bug53475-password-is-solrcell.docx", "poi/poifs__protected_agile.docx"]
)
def test_encrypted_corpus_files_by_directory(name):
    path = CORPUS / name
    if not path.exists():
        pytest.skip("../shared/corpus is missing")
    assert describe_ole2(path.read_bytes()) == ENCRYPTED_MESSAGE
    e = read_error(path.read_bytes())
    assert e.code == "IO002" and "password" in e.message


def test_lzma_and_bzip2_parts_are_read_in_pieces(monkeypatch):
    """zipfile inflates all the compressed bytes one read takes for LZMA and bzip2 (not for
    deflate), so those parts are read a piece at a time: a small part that unpacks to gigabytes
    never sits in memory whole before the cap is seen."""
    from linter.formats import package

    asked = []

    def pieces(stream, cap):
        asked.append(cap)
        return package._read_in_pieces.__wrapped__(stream, cap)

    pieces.__wrapped__ = package._read_in_pieces
    monkeypatch.setattr(package, "_read_in_pieces", pieces)
    for method in (zipfile.ZIP_LZMA, zipfile.ZIP_BZIP2):
        data = zip_of({"_rels/.rels": ROOT_RELS.encode(), "word/document.xml": document_xml()}, method)
        assert [p.text for p in read_document(data, "x.docx", DEFAULT_LIMITS).paragraphs()] == ["Hallo"]
    assert len(asked) == 4  # two parts of each file
    asked.clear()
    assert [p.text for p in read_document(minimal_docx(), "x.docx", DEFAULT_LIMITS).paragraphs()] == ["Hallo"]  # deflate: one read
    assert asked == []


def test_reading_in_pieces_stops_past_the_cap():
    class Stream:
        def __init__(self):
            self.reads = 0

        def read(self, n):
            self.reads += 1
            return b"x" * n

    from linter.formats.package import PIECE, _read_in_pieces

    stream = Stream()
    data = _read_in_pieces(stream, 3 * PIECE)
    assert len(data) == 4 * PIECE and stream.reads == 4  # one piece past the cap: the caller's finding
