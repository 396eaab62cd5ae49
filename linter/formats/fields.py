"""Which bookmark a field points at, from its instruction: one copy for both zip formats.

Word and LibreOffice write the same field instructions (REF, NOTEREF, PAGEREF, HYPERLINK \\l), in
w:instrText in a .docx and in a field mark's parameter in an .odt.
"""

from __future__ import annotations

import re

#: Field keywords Word knows; any other single word as the whole instruction is a bookmark name,
#: which Word treats as REF.
FIELD_KEYWORDS = frozenset(
    """ADDIN ADDRESSBLOCK ADVANCE ASK AUTHOR AUTONUM AUTONUMLGL AUTONUMOUT AUTOTEXT AUTOTEXTLIST
    BARCODE BIBLIOGRAPHY BIDIOUTLINE CITATION COMMENTS COMPARE CREATEDATE DATABASE DATE DDE DDEAUTO
    DISPLAYBARCODE DOCPROPERTY DOCVARIABLE EDITTIME EMBED EQ FILENAME FILESIZE FILLIN FORMCHECKBOX
    FORMDROPDOWN FORMTEXT GLOSSARY GOTOBUTTON GREETINGLINE HYPERLINK IF IMPORT INCLUDE INCLUDEPICTURE
    INCLUDETEXT INDEX INFO KEYWORDS LASTSAVEDBY LINK LISTNUM MACROBUTTON MERGEBARCODE MERGEFIELD
    MERGEREC MERGESEQ NEXT NEXTIF NOTEREF NUMCHARS NUMPAGES NUMWORDS PAGE PAGEREF PRINT PRINTDATE
    PRIVATE QUOTE RD REF REVNUM SAVEDATE SECTION SECTIONPAGES SEQ SET SHAPE SKIPIF STYLEREF SUBJECT
    SYMBOL TA TC TEMPLATE TIME TITLE TOA TOC USERADDRESS USERINITIALS USERNAME XE""".split()
)
REF_FIELD = re.compile(r'^\s*(REF|NOTEREF|PAGEREF)\s+"?([^\s"\\]+)', re.IGNORECASE)
HYPERLINK_LOCAL = re.compile(r'\\l\s+(?:"([^"]*)"|(\S+))')
BOOKMARK_NAME = re.compile(r"^[^\W\d]\w*$")


def field_target(instruction: str) -> tuple[str, str] | None:
    """(kind, bookmark) for a field that points at a bookmark, else None."""
    match = REF_FIELD.match(instruction)
    if match:
        return match.group(1).upper(), match.group(2)
    words = instruction.split()
    if not words:
        return None
    keyword = words[0].upper()
    if keyword == "HYPERLINK":
        local = HYPERLINK_LOCAL.search(instruction)
        # HYPERLINK "url" \l "x" jumps to x in that other file: only a link without a file is ours.
        if local and words[1:2] and words[1].lower().startswith("\\l"):
            return "HYPERLINK", local.group(1) if local.group(1) is not None else local.group(2)
        return None
    if keyword not in FIELD_KEYWORDS and BOOKMARK_NAME.match(words[0]):
        return "REF", words[0]
    return None
