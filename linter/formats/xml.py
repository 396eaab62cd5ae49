"""Safe XML parsing for package parts.

No part of a Word file has a reason to declare entities, so a DOCTYPE that does is refused before
the parser sees it (billion laughs, XXE). The parser itself never loads DTDs, never touches the
network and never resolves entities, so anything the check misses still cannot expand.
"""

from __future__ import annotations

import re

from lxml import etree

from linter.formats import ReadError
from linter.i18n import _

STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
TRANSITIONAL_W = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_R = b"http://purl.oclc.org/ooxml/officeDocument/relationships"
TRANSITIONAL_R = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# libxml2 refuses deeper nesting by itself unless huge_tree is on (which we never turn on).
LIBXML_MAX_DEPTH = 256

_XML_DECL_ENCODING = re.compile(rb"^(<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2")


def _parser(keep_comments: bool = False, collect_ids: bool = True) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        collect_ids=collect_ids,
        remove_comments=not keep_comments,
        remove_pis=not keep_comments,
    )


def _as_utf8(data: bytes, part_name: str) -> bytes:
    """UTF-16 parts (allowed by OPC, rare) as UTF-8, so that the byte checks below see them."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError("IO002", _("Part {part} of the file is damaged (its text encoding is broken).", part=part_name)) from None
        out = text.encode("utf-8")
        return _XML_DECL_ENCODING.sub(rb"\1\2UTF-8\2", out, count=1)
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:]
    return data


def parse_xml(data: bytes, part_name: str, limits, keep_comments: bool = False) -> etree._Element:
    """Parse one part. Raises ReadError IO002 (damaged) or IO003 (hostile or too deep).

    A writer parses with ``keep_comments`` so that comments and processing instructions survive
    into the part it writes; its elements are the reader's, one for one."""
    data = _as_utf8(data, part_name)
    if b"<!DOCTYPE" in data and b"<!ENTITY" in data:
        raise ReadError(
            "IO003",
            _(
                "Part {part} of the file declares its own XML entities, which a Word document never does; "
                "this is how some harmful files are built, so kamerlint does not read it.",
                part=part_name,
            ),
        )
    if STRICT_W in data:
        data = data.replace(STRICT_W, TRANSITIONAL_W)
    if STRICT_R in data:
        data = data.replace(STRICT_R, TRANSITIONAL_R)
    # An xml:id repeated is well-formed XML that LibreOffice opens (and writes); libxml2's ID
    # table would refuse it, and nothing here looks elements up by ID. But lxml's collect_ids=False
    # makes libxml2 load a DOCTYPE's external subset (it sets a flag of ctxt->loadsubset), reading
    # whatever file it names: a part with a DOCTYPE keeps the ID table, and its external subset
    # stays unread.
    collect_ids = b"<!DOCTYPE" in data
    try:
        root = etree.fromstring(data, _parser(keep_comments, collect_ids))
    except etree.XMLSyntaxError as e:
        if "depth" in str(e).lower():
            raise _too_deep(part_name, min(limits.max_xml_depth, LIBXML_MAX_DEPTH)) from None
        raise ReadError("IO002", _("Part {part} of the file is damaged (it is not well-formed XML).", part=part_name)) from None
    if root is None:
        raise ReadError("IO002", _("Part {part} of the file is empty, so the file cannot be read.", part=part_name))
    if limits.max_xml_depth < LIBXML_MAX_DEPTH:
        _check_depth(root, part_name, limits.max_xml_depth)
    return root


def _too_deep(part_name: str, depth: int) -> ReadError:
    return ReadError(
        "IO003",
        _("Part {part} nests elements more than {depth} levels deep (the max_xml_depth limit), so kamerlint does not read it.", part=part_name, depth=depth),
    )


def _check_depth(root, part_name: str, max_depth: int) -> None:
    depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth > max_depth:
                raise _too_deep(part_name, max_depth)
        else:
            depth -= 1
