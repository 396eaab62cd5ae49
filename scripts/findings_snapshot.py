"""Record (or compare) every finding kamerlint gives on the seed, the fixtures and ../shared/corpus.

    python scripts/findings_snapshot.py           # compare with tests/snapshots/findings.json
    python scripts/findings_snapshot.py --write   # record a deliberate change

A speed-up must not change a single finding, so the snapshot keeps what a finding *is*: code,
severity, where it is, the excerpt, and the fix (applicability, replacement and every edit). It
leaves out the message text, which a translation or a reworded message changes on purpose; the
fixtures' own ``*.expected.json`` files pin the English messages.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SNAPSHOT = ROOT / "tests" / "snapshots" / "findings.json"
LETTER_SUFFIXES = {".docx", ".docm", ".dotx", ".odt", ".md", ".txt", ".doc"}


def inputs() -> list[tuple[str, Path]]:
    """(name in the snapshot, file) for every letter-like file, in a stable order."""
    found = []
    seed = SHARED / "seed" / "kamerbrief-diaspora.txt"
    if seed.is_file():
        found.append(("shared/seed/kamerbrief-diaspora.txt", seed))
    for p in sorted((ROOT / "fixtures").rglob("*")):
        if p.is_file() and p.suffix.lower() in LETTER_SUFFIXES and p.name != "README.md":
            found.append((p.relative_to(ROOT).as_posix(), p))
    for sub in ("public", "docx", "texts", "kamervragen"):
        base = SHARED / "corpus" / sub
        for p in sorted(base.rglob("*")) if base.is_dir() else []:
            if p.is_file() and p.suffix.lower() in LETTER_SUFFIXES:
                found.append((p.relative_to(SHARED).as_posix(), p))
    return found


def edit(e) -> list:
    """An edit as plain data: kind, the span (offsets and the text it covers), the new text, and
    the name of a structural target such as a bookmark."""
    span = [e.span.start, e.span.end, e.span.text] if e.span is not None else None
    target = getattr(e.target, "name", None) if e.target is not None else None
    return [e.kind, span, e.text, target]


def finding(d) -> dict:
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability,
            "replacement": d.fix.replacement,
            "edits": [edit(e) for e in d.fix.edits],
        }
    return {
        "code": d.code,
        "severity": d.severity,
        "location": d.location.to_json() if d.location else None,
        "excerpt": d.excerpt,
        "fix": fix,
    }


def snapshot() -> dict[str, list[dict]]:
    from linter.engine import lint_path
    from linter.settings import Settings

    return {name: [finding(d) for d in lint_path(path, Settings(), display=name)] for name, path in inputs()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="record the current findings")
    args = ap.parse_args(argv)
    now = snapshot()
    if args.write:
        SNAPSHOT.write_text(json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{SNAPSHOT.relative_to(ROOT)}: {sum(map(len, now.values()))} findings in {len(now)} files")
        return 0
    before = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for k in changed:
        print(f"changed: {k}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
