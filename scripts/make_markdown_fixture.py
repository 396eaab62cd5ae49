"""Write the seed letter (a Tika text export) as pandoc Markdown: fixtures/kamerbrief-diaspora.md.

The export is read with kamerlint's own Tika reader, so the Markdown holds exactly the paragraphs
and notes the linter sees in the export:

* every non-empty body paragraph becomes one Markdown paragraph on one line (Markdown has no empty
  paragraphs, and a line break inside a paragraph would read as a space, losing nothing but the
  line's shape);
* ``[footnoteRef:N]`` becomes ``[^N]``; the note blocks ``[N:  text]`` become ``[^N]: text``
  definitions at the end, in the order of their ids, their text exactly as exported (Word's
  separator after the note number aside);
* bookmarks are dropped: Markdown has nothing for Word's hidden ``_Hlk`` bookmarks.

Characters that Markdown would read as syntax are escaped with a backslash; the seed has none
today, and the script fails rather than write a file that reads differently.

    python scripts/make_markdown_fixture.py           # writes the fixture
    python scripts/make_markdown_fixture.py --check   # exit 1 if the fixture is stale
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.limits import DEFAULT_LIMITS  # noqa: E402
from linter.model import NOTE_MARK  # noqa: E402
from linter.formats.text.read import read_text  # noqa: E402

SEED = ROOT / "fixtures" / "kamerbrief-diaspora.txt"
TARGET = ROOT / "fixtures" / "kamerbrief-diaspora.md"
#: Inline syntax, and block syntax at the start of a line (lists, headings, quotes, indented code).
INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>&^~|]")
BLOCK_START = re.compile(r"(?:[#>+*=-]|\d+[.)])(?: |$)")


def paragraph_markdown(para) -> str:
    """The paragraph's text as typed, white space included, with ``[^N]`` for each marker."""
    refs = {ref.offset: ref for ref in para.note_refs}
    out = []
    for i, ch in enumerate(para.text):
        if ch == NOTE_MARK and i in refs:
            out.append(f"[^{refs[i].id}]")
        else:
            out.append(INLINE_SYNTAX.sub(lambda m: "\\" + m.group(), ch))
    text = "".join(out)
    if BLOCK_START.match(text.lstrip(" ")) and not text.startswith("    "):
        text = "\\" + text.lstrip(" ")
    return text


def markdown(seed: Path) -> str:
    doc = read_text(seed.read_bytes(), str(seed), DEFAULT_LIMITS)
    blocks = [paragraph_markdown(p) for p in doc.stories[0].paragraphs if p.text.strip()]
    notes = sorted(doc.normal_notes("footnote"), key=lambda n: int(n.id))
    for note in notes:
        if len(note.story.paragraphs) != 1:
            raise SystemExit(f"note {note.id} has more than one paragraph; write it with indented continuation lines")
        blocks.append(f"[^{note.id}]: {paragraph_markdown(note.story.paragraphs[0])}")
    return "\n\n".join(blocks) + "\n"


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--check", action="store_true", help="only check that the fixture is up to date")
    check = args.parse_args().check
    text = markdown(SEED)
    if check:
        return 0 if TARGET.read_text(encoding="utf-8") == text else 1
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
