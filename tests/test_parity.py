"""The seed letter gives the same findings whichever format it came in: the Tika text
export, the .docx rebuilt by scripts/make_fixtures.py, and that .docx saved by LibreOffice (note
ids from 2) and written by pandoc (note ids from 20). Notes are compared by the number the reader
sees, so all four must number them 1 to 11.

Every family is compared except DR and IO: the .docx files carry document properties (DR005) that a
text export cannot, and IO is about the file, not the letter."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from linter.engine import lint_path
from linter.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "kamerbrief-diaspora.txt"
DOCX_VERSIONS = ["kamerbrief-diaspora.docx", "kamerbrief-diaspora-libreoffice.docx", "kamerbrief-diaspora-pandoc.docx"]


def findings(path: Path) -> Counter:
    found = lint_path(path, Settings(ignore=["DR", "IO"]))
    # Messages may name a paragraph number, and pandoc drops empty paragraphs; the suggested
    # replacement must agree, though.
    return Counter((d.code, d.location.story, d.location.note, d.fix.replacement if d.fix else None) for d in found)


@pytest.mark.parametrize("name", DOCX_VERSIONS)
def test_docx_gives_the_seed_findings(name: str):
    seed = findings(SEED)
    assert seed, "the seed letter has findings"
    assert findings(FIXTURES / name) == seed


@pytest.mark.parametrize("name", DOCX_VERSIONS)
def test_notes_numbered_one_to_eleven(name: str):
    from linter.readers import read_document

    doc = read_document((FIXTURES / name).read_bytes(), name)
    assert sorted(n.number for n in doc.normal_notes("footnote")) == list(range(1, 12))
