"""Write (or check) linter/locale/nl/rule-docs.po, the Dutch rule documentation, from the registry.

    python scripts/rule_docs_po.py           # rewrite the .po from the registry and the translations
    python scripts/rule_docs_po.py --check   # report missing, stale or suspect entries; exit 1 if any
    python scripts/rule_docs_po.py --accept FN001 KS005   # the Dutch of these rules is up to date

The msgids are what ``lint rule CODE`` shows: every block of a rule's docstring (blocks are
separated by blank lines; a heading is part of the block it starts) and the rule's summary. The
translations are kept by hand in ``scripts/rule_docs_nl.txt``, one section per rule in the
docstring's own shape, so that a translator edits Dutch Markdown instead of escaped .po strings:

    === FN001 1a2b3c4d      (the code, and a digest of the English docstring translated)
    @summary Vindt ...      (optional: only where the first sentence would be cut wrongly)
    ## Wat het doet
    Vindt een voetnootverwijzing ...

    ## Waarom is dit fout?
    ...

The n-th block of a section translates the n-th block of the docstring. Identical English
blocks ("## Fix safety" / "No fix.") appear once in the .po and must be translated alike. When a
docstring changes, its digest no longer matches: the rule is reported stale and its entries are
written ``#, fuzzy`` (gettext does not use them) until the Dutch is updated and ``--accept``ed.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.registry import Rule, all_rules  # noqa: E402

TRANSLATIONS = ROOT / "scripts" / "rule_docs_nl.txt"
PO_FILE = ROOT / "linter" / "locale" / "nl" / "rule-docs.po"

BLOCK_SEPARATOR = re.compile(r"\n[ \t]*\n")
BACKTICKED = re.compile(r"`[^`]*`")
LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
#: The four section headings, translated the same way everywhere.
HEADINGS = {
    "## What it does": "## Wat het doet",
    "## Why is this bad?": "## Waarom is dit fout?",
    "## Example": "## Voorbeeld",
    "## Fix safety": "## Veiligheid van de correctie",
}

HEADER = (
    "Project-Id-Version: kamerlint\n"
    "Report-Msgid-Bugs-To: \n"
    "PO-Revision-Date: 2026-12-02 00:00+0000\n"
    "Last-Translator: kamerlint\n"
    "Language-Team: Dutch\n"
    "Language: nl\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)


def blocks(doc: str) -> list[str]:
    """A docstring's blocks, exactly as the .po's msgids hold them."""
    return [b for b in (part.strip() for part in BLOCK_SEPARATOR.split(doc)) if b]


def digest(doc: str) -> str:
    return hashlib.sha1(doc.encode("utf-8")).hexdigest()[:8]


@dataclasses.dataclass
class Section:
    code: str
    #: The digest of the English docstring this section translates.
    source: str
    summary: str | None
    doc: str


def read_translations(path: Path = TRANSLATIONS) -> dict[str, Section]:
    sections: dict[str, Section] = {}
    current: list[str] | None = None
    code = ""
    # split("\n"), not splitlines(): a docstring may hold a form feed (FN014's `NOTEREF \f`).
    for line in path.read_text(encoding="utf-8").split("\n") + ["=== end"]:
        if line.startswith("=== "):
            if current is not None:
                summary = None
                while current and current[0].startswith("@summary "):
                    summary = current.pop(0)[len("@summary "):].strip()
                sections[code] = Section(code, source, summary, "\n".join(current).strip())
            code, _, source = line[4:].strip().partition(" ")
            current = []
        elif current is not None:
            current.append(line)
    sections.pop("end", None)
    return sections


def dutch_summary(rule: Rule, section: Section) -> str:
    """The Dutch first sentence, cut by the registry's own rule unless the section says otherwise."""
    if section.summary:
        return section.summary
    english_headings = section.doc
    for en, nl in HEADINGS.items():
        english_headings = english_headings.replace(nl, en)
    return Rule(rule.code, rule.name, rule.severity, english_headings, None, rule.module).summary


@dataclasses.dataclass
class Entry:
    msgid: str
    msgstr: str
    codes: list[str]
    #: Whether the translation may no longer fit: every rule that gives it has changed since.
    fuzzy: bool = False


def build(rules: list[Rule], sections: dict[str, Section]) -> tuple[list[Entry], list[str]]:
    """The .po entries in registry order, and every problem found on the way."""
    entries: dict[str, Entry] = {}
    problems: list[str] = []
    for rule in rules:
        english = blocks(rule.doc)
        section = sections.get(rule.code)
        if section is None:
            dutch = [""] * len(english)
            summary = ""
            problems.append(f"{rule.code}: not translated ({len(english) + 1} msgids missing)")
        else:
            dutch = blocks(section.doc)
            if len(dutch) != len(english):
                problems.append(f"{rule.code}: {len(english)} blocks in the docstring, {len(dutch)} translated")
                dutch = (dutch + [""] * len(english))[: len(english)]
            summary = dutch_summary(rule, section)
        stale = section is not None and section.source != digest(rule.doc)
        if stale:
            problems.append(f"{rule.code}: the docstring changed since it was translated (stale): "
                            f"update the Dutch, then --accept {rule.code}")
        for msgid, msgstr in [*zip(english, dutch), (rule.summary, summary)]:
            if not stale:
                problems += suspect(rule, msgid, msgstr, is_summary=msgid == rule.summary and msgid not in english)
            entry = entries.get(msgid)
            if entry is None:
                entries[msgid] = Entry(msgid, msgstr, [rule.code], fuzzy=stale)
                continue
            if rule.code not in entry.codes:
                entry.codes.append(rule.code)
            if msgstr and entry.msgstr and msgstr != entry.msgstr and not stale:
                problems.append(f"{rule.code}: {msgid!r} translated differently in {entry.codes[0]}")
            if entry.fuzzy and not stale and msgstr:
                entry.msgstr, entry.fuzzy = msgstr, False
            entry.msgstr = entry.msgstr or msgstr
    for code in sections.keys() - {r.code for r in rules}:
        problems.append(f"{code}: translated, but no such rule (stale)")
    return list(entries.values()), problems


def suspect(rule: Rule, msgid: str, msgstr: str, is_summary: bool) -> list[str]:
    """What a translation must keep: headings as agreed, literal text in backticks unchanged."""
    if not msgstr:
        return []
    where = f"{rule.code}: {msgid[:50]!r}"
    heading, dutch_heading = msgid.split("\n")[0], msgstr.split("\n")[0]
    if heading in HEADINGS and dutch_heading != HEADINGS[heading]:
        return [f"{where}: the heading should be {HEADINGS[heading]!r}"]
    if dutch_heading.startswith("## ") != heading.startswith("## "):
        return [f"{where}: a heading must stay a heading"]
    english = literals(msgid)
    dutch = literals(msgstr)
    if is_summary:
        # A summary may be cut inside a code span; its Dutch spans must come from the section.
        allowed = literals(rule.section("What it does"))
        extra = dutch - allowed
        return [f"{where}: literal text not in the English: {sorted(extra)}"] if extra else []
    problems = []
    if english - dutch:
        problems.append(f"{where}: literal text lost or changed: {sorted(english - dutch)}")
    if dutch - english:
        problems.append(f"{where}: literal text not in the English: {sorted(dutch - english)}")
    return problems


def literals(text: str) -> Counter:
    """The code spans of a text; a line break inside one is only where the paragraph wraps."""
    return Counter(LINE_BREAK.sub(" ", span) for span in BACKTICKED.findall(text))


def po_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    lines = escaped.split("\n")
    if len(lines) == 1:
        return f'"{escaped}"'
    parts = [f'"{line}\\n"' for line in lines[:-1]] + ([f'"{lines[-1]}"'] if lines[-1] else [])
    return '""\n' + "\n".join(parts)


def render(entries: list[Entry]) -> str:
    out = [
        "# Dutch rule documentation for kamerlint (`lint rule CODE --lang nl`).",
        "# Generated by scripts/rule_docs_po.py from the registry and scripts/rule_docs_nl.txt;",
        "# edit the translations there, not here.",
        'msgid ""',
        "msgstr " + po_string(HEADER),
        "",
    ]
    for e in entries:
        out += [f"#: {' '.join(e.codes)}", *(["#, fuzzy"] if e.fuzzy else [])]
        out += ["msgid " + po_string(e.msgid), "msgstr " + po_string(e.msgstr), ""]
    return "\n".join(out)


def accept(rules: list[Rule], codes: list[str], path: Path = TRANSLATIONS) -> None:
    """Stamp the sections of ``codes`` with the digest of their rule's current docstring."""
    docs = {r.code: r.doc for r in rules}
    unknown = [c for c in codes if c not in docs]
    if unknown:
        raise SystemExit(f"no such rule: {', '.join(unknown)}")
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        code = line[4:].split(" ")[0] if line.startswith("=== ") else None
        if code in codes:
            lines[i] = f"=== {code} {digest(docs[code])}"
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report problems and whether the .po is up to date")
    parser.add_argument("--accept", nargs="+", metavar="CODE", default=[],
                        help="record that the Dutch of these rules translates their current docstring")
    args = parser.parse_args(argv)
    rules = list(all_rules())
    if args.accept:
        accept(rules, args.accept)
    entries, problems = build(rules, read_translations())
    text = render(entries)
    missing = [e for e in entries if not e.msgstr or e.fuzzy]
    if args.check:
        if not PO_FILE.is_file():
            problems.append(f"{PO_FILE.relative_to(ROOT)} does not exist")
        elif PO_FILE.read_text(encoding="utf-8") != text:
            problems.append(f"{PO_FILE.relative_to(ROOT)} is out of date: run scripts/rule_docs_po.py")
    else:
        PO_FILE.parent.mkdir(parents=True, exist_ok=True)
        PO_FILE.write_text(text, encoding="utf-8")
    for p in problems:
        print(p)
    translated = len(entries) - len(missing)
    done = sum(1 for r in rules if all(e.msgstr and not e.fuzzy for e in entries if r.code in e.codes))
    print(f"{translated}/{len(entries)} msgids translated; {done}/{len(rules)} rules complete")
    return 1 if problems or missing else 0


if __name__ == "__main__":
    sys.exit(main())
