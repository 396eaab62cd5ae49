"""Reading a gettext ``.po`` catalogue and compiling it to ``.mo``, with the standard library only.

The build (setup.py) writes the ``.mo`` with :func:`compile_po`; a source checkout, which has only
the ``.po``, compiles it in memory with the same function (see :mod:`linter.i18n`), so both read
the same bytes through :class:`gettext.GNUTranslations`.
"""

from __future__ import annotations

import ast
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

#: ``{name}`` (str.format) and ``%(name)s`` / ``%s`` (argparse's own strings) placeholders.
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}|%(?:\((\w+)\))?[#0 +-]?\d*(?:\.\d+)?[sdirf%]")


@dataclass
class Entry:
    msgid: str
    msgstr: str = ""
    plural: str | None = None
    #: msgstr[0], msgstr[1], … for an entry with a plural.
    plurals: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    #: ``#:`` reference comments and ``#.`` notes, kept for a rewrite of the file.
    comments: list[str] = field(default_factory=list)

    @property
    def translated(self) -> bool:
        return all(self.plurals) and bool(self.plurals) if self.plural is not None else bool(self.msgstr)

    @property
    def translations(self) -> list[str]:
        return self.plurals if self.plural is not None else [self.msgstr]


def _unquote(text: str, where: str) -> str:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise ValueError(f"{where}: not a quoted string: {text}") from None
    if not isinstance(value, str):
        raise ValueError(f"{where}: not a quoted string: {text}")
    return value


def parse_po(text: str, name: str = "<po>") -> list[Entry]:
    """The entries of a .po file (the header is the entry with msgid ""), fuzzy ones included."""
    entries: list[Entry] = []
    current: Entry | None = None
    field_name: str | None = None
    pending_flags: set[str] = set()
    pending_comments: list[str] = []

    def finish():
        nonlocal current
        if current is not None:
            entries.append(current)
        current = None

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        where = f"{name}:{number}"
        if not line:
            continue
        if line.startswith("#"):
            if field_name is not None:
                finish()
                field_name = None
            if line.startswith("#,"):
                pending_flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            elif line.startswith(("#:", "#.")):
                pending_comments.append(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword.startswith('"'):
            if current is None or field_name is None:
                raise ValueError(f"{where}: a string outside an entry")
            value = _unquote(line, where)
            if field_name == "msgid":
                current.msgid += value
            elif field_name == "msgid_plural":
                current.plural = (current.plural or "") + value
            elif field_name == "msgstr":
                current.msgstr += value
            else:
                current.plurals[int(field_name[7:-1])] += value
            continue
        if keyword == "msgid":
            finish()
            current = Entry(_unquote(rest, where), flags=pending_flags, comments=pending_comments)
            pending_flags, pending_comments = set(), []
        elif current is None:
            raise ValueError(f"{where}: {keyword} before msgid")
        elif keyword == "msgid_plural":
            current.plural = _unquote(rest, where)
        elif keyword == "msgstr":
            current.msgstr = _unquote(rest, where)
        elif re.fullmatch(r"msgstr\[\d+\]", keyword):
            index = int(keyword[7:-1])
            while len(current.plurals) <= index:
                current.plurals.append("")
            current.plurals[index] = _unquote(rest, where)
        else:
            raise ValueError(f"{where}: unknown keyword {keyword}")
        field_name = keyword
    finish()
    return entries


def catalogue_sources(language_dir: Path, domain: str) -> list[Path]:
    """The .po files one language's catalogue is made of: ``LC_MESSAGES/<domain>.po`` (the
    messages, kept by scripts/update_catalogue.py) and every ``*.po`` beside ``LC_MESSAGES``, parts
    that another tool keeps (``rule-docs.po``, the rule documentation, by scripts/rule_docs_po.py).
    They compile into the one domain; the first file's header is the catalogue's."""
    return [language_dir / "LC_MESSAGES" / f"{domain}.po", *sorted(language_dir.glob("*.po"))]


def read_catalogue(paths: list[Path]) -> list[Entry]:
    """The entries of several .po files as one catalogue. Only the first header counts; a msgid
    in two files is an error (one of them would silently win)."""
    entries: list[Entry] = []
    seen: dict[str, Path] = {}
    for path in paths:
        for entry in parse_po(path.read_text(encoding="utf-8"), str(path)):
            if not entry.msgid:
                if path == paths[0]:
                    entries.append(entry)
                continue
            if entry.msgid in seen:
                raise ValueError(f"{path}: msgid {entry.msgid[:60]!r} is already in {seen[entry.msgid]}")
            seen[entry.msgid] = path
            entries.append(entry)
    return entries


def compile_catalogue(paths: list[Path]) -> bytes:
    """The .mo file for a catalogue made of several .po files (see :func:`catalogue_sources`)."""
    return compile_entries(read_catalogue(paths))


def compile_po(text: str, name: str = "<po>") -> bytes:
    """The .mo file for a .po file's text: translated, non-fuzzy entries only (as msgfmt)."""
    return compile_entries(parse_po(text, name))


def compile_entries(entries: list[Entry]) -> bytes:
    pairs: dict[bytes, bytes] = {}
    for entry in entries:
        if "fuzzy" in entry.flags and entry.msgid:
            continue
        if entry.plural is not None:
            if entry.translated:
                pairs[f"{entry.msgid}\0{entry.plural}".encode()] = "\0".join(entry.plurals).encode()
        elif entry.msgstr:
            pairs[entry.msgid.encode()] = entry.msgstr.encode()
    keys = sorted(pairs)
    count = len(keys)
    originals_at = 28
    translations_at = originals_at + 8 * count
    strings_at = translations_at + 8 * count
    originals, translations, blob = [], [], b""
    for key in keys:
        originals.append((len(key), strings_at + len(blob)))
        blob += key + b"\0"
    for key in keys:
        value = pairs[key]
        translations.append((len(value), strings_at + len(blob)))
        blob += value + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, 0)
    out += b"".join(struct.pack("<2I", *pair) for pair in originals)
    out += b"".join(struct.pack("<2I", *pair) for pair in translations)
    return out + blob


def placeholders(text: str) -> list[str]:
    """The placeholders in a message, sorted: translators may reorder them, never change them."""
    return sorted(m.group() if m.group().startswith("%") else "{" + m.group(1) + "}" for m in PLACEHOLDER.finditer(text) if m.group() not in ("%%", "{{", "}}"))


def quote(text: str) -> str:
    """A string as a .po file writes it (split after each newline)."""
    def one(part: str) -> str:
        return '"' + part.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'

    if "\n" not in text.rstrip("\n"):
        return one(text)
    parts = text.splitlines(keepends=True)
    return '""\n' + "\n".join(one(p) for p in parts)
