"""LanguageTool's public HTTP API, as far as kamerlint speaks it: ``POST /v2/check`` and
``GET /v2/languages``, so that LibreOffice's built-in "LanguageTool Remote Grammar Checker", the
LanguageTool browser extension ("other server") and LanguageTool's client libraries can ask
kamerlint about a paragraph.

What LanguageTool's clients rely on, and so what this module keeps to:

* Offsets and lengths count UTF-16 code units, as Java's strings do: a character outside the
  Basic Multilingual Plane (𝑥, an emoji) counts two.
* ``data`` is LanguageTool's annotated text (``{"annotation": [{"text": …}, {"markup": …,
  "interpretAs": …}]}``): the checked text is the ``text`` items with each ``interpretAs``, and
  offsets count the text and the markup together, as they stand in the editor.
* LibreOffice 7.4 posts ``text=…&language=nl-NL`` (then ``&username=…&apiKey=…``) without encoding
  the paragraph: a body that cannot be URL-encoded form data is read that way (see
  :func:`read_form`). LibreOffice puts a zero-width space where a footnote anchor is in the text it
  checks; in ``text``, that character is read as a note marker.
* ``message`` and ``shortMessage`` swap places in LibreOffice (``message`` is what its context
  menu shows), so ``message`` is the finding itself and ``shortMessage`` names the rule.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl

from linter.i18n import N_, _

#: What the server checks: Dutch, as the Netherlands writes it. ``auto`` is read as Dutch too.
LANGUAGES = [
    {"name": "Dutch", "code": "nl", "longCode": "nl-NL"},
    {"name": "Dutch", "code": "nl", "longCode": "nl"},
]
ACCEPTED_LANGUAGES = {"nl", "nl-nl", "auto"}
#: The zero-width space LibreOffice writes for a footnote anchor, and the object replacement
#: character (kamerlint's own NOTE_MARK).
TEXT_NOTE_MARKERS = "\u200b\ufffc"
DATA_NOTE_MARKERS = "\ufffc"

#: A rule family as a LanguageTool category (``rule.category``).
CATEGORIES = {
    "KS": N_("Kamerstukken"),
    "MO": N_("Moties and amendementen"),
    "DT": N_("Dates"),
    "TZ": N_("Toezeggingen"),
    "HA": N_("Handelingen and Aanhangsels"),
    "PB": N_("Official publications"),
    "DR": N_("Drafting residue"),
    "BM": N_("Bookmarks and cross-references"),
    "FN": N_("Footnotes"),
}
#: LanguageTool's issue types (LanguageTool's ITS 2.0 list), by rule; the family's otherwise.
ISSUE_TYPES = {"FN007": "whitespace", "FN008": "whitespace", "DT001": "grammar", "DT002": "inconsistency", "DR004": "uncategorized"}
FAMILY_ISSUE_TYPES = {"FN": "typographical", "BM": "uncategorized"}
DEFAULT_ISSUE_TYPE = "non-conformance"
#: Where a sentence ends: a full stop, question or exclamation mark before a capital (so not in
#: ``nr. 168`` or ``Stb. 2011``), or a line break.
_SENTENCE_END = re.compile(r"[.?!][)”’\"']?\s+(?=[A-ZÀ-Þ‘“'\"(])|\n")
#: LanguageTool's context: this many characters either side.
CONTEXT_RADIUS = 40

#: Bytes a form-encoded body may hold, one for one (RFC 3986's unreserved characters, and what
#: form encoding itself uses). Any other byte means LibreOffice 7.4's unencoded body.
_ENCODED = re.compile(rb"[A-Za-z0-9*\-._~%+=&]*")
_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")
_LIBREOFFICE_BODY = re.compile(
    rb"text=(?P<text>.*)&language=(?P<language>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)(?:&username=(?P<username>[^&]*)&apiKey=(?P<apiKey>.*))?",
    re.S,
)


class CheckError(Exception):
    """A request LanguageTool would refuse: ``status`` and a plain-text message, as LanguageTool
    answers."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def read_form(body: bytes) -> dict[str, str]:
    """The fields of a ``/v2/check`` body: URL-encoded form data, or LibreOffice 7.4's body that
    puts the paragraph in as it is (so a ``&``, ``+`` or ``%`` in it is the paragraph's own)."""
    raw = _LIBREOFFICE_BODY.fullmatch(body) if body.startswith(b"text=") else None
    if raw is not None and (not _ENCODED.fullmatch(body) or _PERCENT.search(body)):
        fields = {k: v.decode("utf-8", "replace") for k, v in raw.groupdict().items() if v is not None}
        return fields
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError:
        raise CheckError(400, "Error: the form data is not URL-encoded") from None
    fields: dict[str, str] = {}
    for key, value in parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="replace", max_num_fields=100):
        fields.setdefault(key, value)
    return fields


class Checked:
    """The text to check, and how a position in it maps to a position in what the client sent
    (for ``data``: the text and the markup together)."""

    def __init__(self, text: str, original: str, pieces: list[tuple[int, int, int, int, bool]] | None = None):
        self.text = text
        self.original = original
        #: (start in text, start in original, length in text, length in original, is text);
        #: None when the two are one.
        self.pieces = pieces

    def to_original(self, offset: int, end: bool = False) -> int:
        """Where ``offset`` of the text is in the original: in an ``interpretAs``, the markup's
        start (its end, for the end of a span)."""
        if self.pieces is None:
            return offset
        for start, at, length, length_there, is_text in self.pieces:
            inside = start < offset <= start + length if end else start <= offset < start + length
            if inside:
                return at + (offset - start) if is_text else at + (length_there if end else 0)
        return len(self.original)


def annotated(data: str) -> Checked:
    """LanguageTool's annotated text: the text to check, and where each piece stands in the
    original (text and markup together)."""
    try:
        items = json.loads(data)["annotation"]
        if not isinstance(items, list):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise CheckError(400, 'Error: data must be JSON like {"annotation": [{"text": "…"}, {"markup": "…"}]}') from None
    text: list[str] = []
    original: list[str] = []
    pieces = []
    t = o = 0
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            value = item["text"]
            pieces.append((t, o, len(value), len(value), True))
            text.append(value)
        elif isinstance(item, dict) and isinstance(item.get("markup"), str):
            value = item["markup"]
            shown = item.get("interpretAs", "")
            shown = shown if isinstance(shown, str) else ""
            pieces.append((t, o, len(shown), len(value), False))
            text.append(shown)
        else:
            raise CheckError(400, "Error: each annotation must be an object with a text or a markup string")
        original.append(value)
        t += pieces[-1][2]
        o += len(value)
    return Checked("".join(text), "".join(original), pieces)


def utf16(text: str):
    """A function from a Python offset in ``text`` to a Java (UTF-16) offset."""
    if text.isascii() or max(text, default="\0") <= "\uffff":
        return lambda i: i
    extra = [0]
    for ch in text:
        extra.append(extra[-1] + (ord(ch) > 0xFFFF))
    return lambda i: i + extra[min(max(i, 0), len(text))]


def language_of(value: str | None) -> str:
    """The language asked for, as LanguageTool names it in its answer; a CheckError for one the
    server does not check."""
    if not value:
        raise CheckError(400, "Error: Missing 'language' parameter. Use 'nl-NL', 'nl' or 'auto'.")
    if value.strip().lower() not in ACCEPTED_LANGUAGES:
        raise CheckError(400, f"Error: '{value[:20]}' is not a language kamerlint checks. Use 'nl-NL', 'nl' or 'auto'.")
    return "nl-NL"


def codes_of(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


def issue_type(code: str) -> str:
    return ISSUE_TYPES.get(code) or FAMILY_ISSUE_TYPES.get(code.rstrip("0123456789"), DEFAULT_ISSUE_TYPE)


def category(family: str) -> dict:
    return {"id": family, "name": _(CATEGORIES[family]) if family in CATEGORIES else family}


def context(text: str, start: int, end: int) -> tuple[dict, str]:
    """LanguageTool's ``context`` (the text around the finding, ``...`` where it is cut) and
    ``sentence`` (the sentence it is in), with offsets in UTF-16 code units."""
    lo = max(0, start - CONTEXT_RADIUS)
    hi = min(len(text), end + CONTEXT_RADIUS)
    head = "..." if lo > 0 else ""
    shown = head + text[lo:hi].replace("\n", " ") + ("..." if hi < len(text) else "")
    to16 = utf16(shown)
    at = len(head) + start - lo
    ctx = {"text": shown, "offset": to16(at), "length": to16(at + end - start) - to16(at)}
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    s = max([e for e in ends if e <= start], default=0)
    e = min([e for e in ends if e > end], default=len(text))
    return ctx, text[s:e].strip()


def answer(checked: Checked, findings: list, base_url: str, detected: bool) -> dict:
    """The ``/v2/check`` answer for these findings (:class:`linter.serve.work.ParagraphFinding`)."""
    from linter import __version__

    to16 = utf16(checked.original)
    matches = []
    for f in findings:
        start = checked.to_original(f.start)
        end = max(checked.to_original(f.end, end=True), start)
        ctx, sentence = context(checked.text, f.start, f.end)
        replacements = [{"value": f.replacement}] if f.replacement is not None else []
        matches.append(
            {
                "message": f.message,
                "shortMessage": f"{category(f.family)['name']} ({f.code})",
                "replacements": replacements,
                "offset": to16(start),
                "length": to16(end) - to16(start),
                "context": ctx,
                "sentence": sentence,
                "type": {"typeName": "Other"},
                "rule": {
                    "id": f.code,
                    "description": f.summary.replace("`", ""),
                    "issueType": issue_type(f.code),
                    "category": category(f.family),
                    "urls": [{"value": f"{base_url}/rules/{f.code}"}],
                },
                "ignoreForIncompleteSentence": False,
                "contextForSureMatch": 0,
            }
        )
    language = {"name": "Dutch", "code": "nl-NL"}
    return {
        "software": {"name": "kamerlint", "version": __version__, "buildDate": "", "apiVersion": 1, "premium": False, "premiumHint": "", "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {**language, "detectedLanguage": {**language, "confidence": 1.0 if not detected else 0.9}},
        "matches": matches,
    }
