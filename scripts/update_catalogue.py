"""Bring the message catalogue up to date with the code.

Walks the AST of linter/ and rules/ for the strings given to ``_()``, ``N_()`` and ``ngettext()``
(argparse's own texts too, from the running Python's argparse), writes the template
``linter/locale/kamerlint.pot``, and adds every msgid the Dutch catalogue lacks to
``linter/locale/nl/LC_MESSAGES/kamerlint.po`` with an empty translation. Entries the code no longer
uses are listed, not dropped: the rule documentation's blocks are in the catalogue too.

    python scripts/update_catalogue.py          # update the .pot and the .po
    python scripts/update_catalogue.py --check  # exit 1 if the .po lacks a msgid
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.catalogue import parse_po, quote  # noqa: E402

POT = ROOT / "linter" / "locale" / "kamerlint.pot"
PO = ROOT / "linter" / "locale" / "nl" / "LC_MESSAGES" / "kamerlint.po"
SOURCES = ("linter", "rules")


def extract_file(path: Path, singular_names=("_", "N_"), plural_names=("ngettext",)) -> list[tuple[str, str | None, str]]:
    """(msgid, plural or None, where) for every call with literal strings in one file."""
    out = []
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        args = node.args
        strings = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in args]
        where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name}:{node.lineno}"
        if name in singular_names and strings and strings[0]:
            out.append((strings[0], None, where))
        elif name in plural_names and len(strings) >= 2 and strings[0] and strings[1]:
            out.append((strings[0], strings[1], where))
    return out


def code_messages() -> dict[tuple[str, str | None], list[str]]:
    found: dict[tuple[str, str | None], list[str]] = {}
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for msgid, plural, where in extract_file(path):
                found.setdefault((msgid, plural), []).append(where)
    return found


def argparse_messages() -> dict[tuple[str, str | None], list[str]]:
    """argparse's own texts ("usage: ", "options", …), which it looks up with gettext."""
    found: dict[tuple[str, str | None], list[str]] = {}
    for msgid, plural, _where in extract_file(Path(argparse.__file__)):
        found.setdefault((msgid, plural), []).append("argparse")
    return found


def entry_text(msgid: str, plural: str | None, references: list[str], translation: list[str] | None = None) -> str:
    lines = [f"#: {' '.join(sorted(set(references))[:4])}"]
    if "%" in msgid and references == ["argparse"]:
        lines.append("#, python-format")
    lines.append(f"msgid {quote(msgid)}")
    if plural is None:
        lines.append(f"msgstr {quote((translation or [''])[0])}")
    else:
        lines.append(f"msgid_plural {quote(plural)}")
        forms = translation or ["", ""]
        lines.extend(f"msgstr[{i}] {quote(form)}" for i, form in enumerate(forms))
    return "\n".join(lines) + "\n"


HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: kamerlint\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report msgids the Dutch catalogue lacks")
    args = parser.parse_args(argv)
    messages = {**argparse_messages(), **code_messages()}
    pot = HEADER + "\n" + "\n".join(entry_text(m, p, refs) for (m, p), refs in messages.items())
    existing = parse_po(PO.read_text(encoding="utf-8"), str(PO)) if PO.exists() else []
    known = {e.msgid for e in existing}
    missing = [(m, p, refs) for (m, p), refs in messages.items() if m not in known]
    unused = [e.msgid for e in existing if e.msgid and (e.msgid, e.plural) not in messages]
    if args.check:
        for m, _p, refs in missing:
            print(f"missing: {m!r} ({refs[0]})")
        return 1 if missing else 0
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_text(pot, encoding="utf-8")
    PO.parent.mkdir(parents=True, exist_ok=True)
    text = PO.read_text(encoding="utf-8") if PO.exists() else HEADER.replace('"Content-Type', '"Language: nl\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n"Content-Type')
    if missing:
        text = text.rstrip("\n") + "\n\n" + "\n".join(entry_text(m, p, refs) for m, p, refs in missing)
    PO.write_text(text, encoding="utf-8")
    print(f"{len(messages)} msgids in the code; {len(missing)} added to {PO.relative_to(ROOT)}; {len(unused)} in the catalogue but not in the code (rule documentation, or obsolete)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
