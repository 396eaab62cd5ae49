"""Write (or check) linter/locale/nl/rule-docs.po, the Dutch rule documentation, from the registry.

    python scripts/rule_docs_po.py           # rewrite the .po from the registry and the translations
    python scripts/rule_docs_po.py --check   # report missing, stale or suspect entries; exit 1 if any

The msgids are what ``lint rule CODE`` shows: every block of a rule's docstring (blocks are
separated by blank lines, headings are blocks too) and the rule's summary. The translations are
kept by hand in ``scripts/rule_docs_nl.txt``, one section per rule in the docstring's own shape,
so that a translator edits Dutch Markdown instead of escaped .po strings:

    === FN001
    @summary Vindt ...      (optional: only where the first sentence would be cut wrongly)
    ## Wat het doet
    Vindt een voetnootverwijzing ...

    ## Waarom is dit fout?
    ...

The n-th block of a section translates the n-th block of the docstring. Identical English
blocks (the headings, "No fix.") appear once in the .po and must be translated alike.
"""

from __future__ import annotations

import argparse
import dataclasses
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


@dataclasses.dataclass
class Section:
    code: str
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
                sections[code] = Section(code, summary, "\n".join(current).strip())
            code, current = line[4:].strip(), []
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
    return dataclasses.replace(rule, doc=english_headings).summary


@dataclasses.dataclass
class Entry:
    msgid: str
    msgstr: str
    codes: list[str]


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
        for msgid, msgstr in [*zip(english, dutch), (rule.summary, summary)]:
            problems += suspect(rule, msgid, msgstr, is_summary=msgid == rule.summary and msgid not in english)
            entry = entries.get(msgid)
            if entry is None:
                entries[msgid] = Entry(msgid, msgstr, [rule.code])
                continue
            if rule.code not in entry.codes:
                entry.codes.append(rule.code)
            if msgstr and entry.msgstr and msgstr != entry.msgstr:
                problems.append(f"{rule.code}: {msgid!r} translated differently in {entry.codes[0]}")
            entry.msgstr = entry.msgstr or msgstr
    for code in sections.keys() - {r.code for r in rules}:
        problems.append(f"{code}: translated, but no such rule (stale)")
    return list(entries.values()), problems


def suspect(rule: Rule, msgid: str, msgstr: str, is_summary: bool) -> list[str]:
    """What a translation must keep: headings as agreed, literal text in backticks unchanged."""
    if not msgstr:
        return []
    where = f"{rule.code}: {msgid[:50]!r}"
    if msgid in HEADINGS and msgstr != HEADINGS[msgid]:
        return [f"{where}: heading should be {HEADINGS[msgid]!r}"]
    if msgstr.startswith("## ") != msgid.startswith("## "):
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
        out += [f"#: {' '.join(e.codes)}", "msgid " + po_string(e.msgid), "msgstr " + po_string(e.msgstr), ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report problems and whether the .po is up to date")
    args = parser.parse_args(argv)
    rules = list(all_rules())
    entries, problems = build(rules, read_translations())
    text = render(entries)
    missing = [e for e in entries if not e.msgstr]
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
    done = sum(1 for r in rules if all(e.msgstr for e in entries if r.code in e.codes))
    print(f"{translated}/{len(entries)} msgids translated; {done}/{len(rules)} rules complete")
    return 1 if problems or missing else 0


if __name__ == "__main__":
    sys.exit(main())
