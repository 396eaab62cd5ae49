"""The Dutch of the messages and the rule documentation keeps to docs/woordenlijst.md: no text uses a
term the glossary rejects ("markering" for the note marker, "oplossing" for a fix, "faalde",
"draai --fix", "leest als", "baseline", …). A quoted Word menu or the letter's own text (in double
quotes or backticks) and option or file names (`--baseline`) may still contain one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from linter.catalogue import parse_po

GLOSSARY = ROOT / "docs" / "woordenlijst.md"
CATALOGUES = [ROOT / "linter" / "locale" / "nl" / "LC_MESSAGES" / "kamerlint.po", ROOT / "linter" / "locale" / "nl" / "rule-docs.po"]
RULE_DOCS_NL = ROOT / "scripts" / "rule_docs_nl.txt"
#: Quoted text (Word's own menu names, the letter's text, code): a rejected word may stand there.
QUOTED = re.compile(r"`[^`]*`|\"[^\"]*\"|“[^”]*”|„[^”“]*[”“]")


def rejected_terms() -> list[str]:
    """The terms in backticks in the glossary table's last column."""
    terms = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] not in ("English", "---"):
            terms += re.findall(r"`([^`]+)`", cells[3])
    return terms


def pattern(term: str) -> re.Pattern:
    """A whole word (``word*``: any word that starts so), in any case, not inside an option or a
    file name (``--baseline``, ``kamerlint-baseline.json``)."""
    words = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in term.split()]
    return re.compile(r"(?<![\w\-./$])" + r"\s+".join(words) + r"(?![\w\-]|\.\w)", re.I)


def dutch_texts() -> list[tuple[str, str]]:
    """(where, text) for every Dutch text a user reads."""
    texts = []
    for path in CATALOGUES:
        for entry in parse_po(path.read_text(encoding="utf-8"), str(path)):
            if entry.msgid:
                texts += [(f"{path.name}: {entry.msgid[:60]!r}", t) for t in entry.translations if t]
    # The Dutch kept for the rule documentation, paragraph by paragraph (a quotation may span lines).
    for block in RULE_DOCS_NL.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("=== ")]
        texts.append((f"{RULE_DOCS_NL.name}: {lines[0][:60] if lines else ''!r}", " ".join(lines)))
    return texts


def uses(text: str, terms: list[tuple[str, re.Pattern]]) -> list[str]:
    unquoted = QUOTED.sub(" ", text)
    return [term for term, rx in terms if rx.search(unquoted)]


def test_the_glossary_rejects_the_calques_the_issue_names():
    terms = rejected_terms()
    for term in ("markering*", "oplossing*", "oplossen", "faalde", "draai", "leest als", "baseline", "voetnootverwijzing*"):
        assert term in terms


@pytest.mark.parametrize(
    "text,found",
    [
        ("Zou 16 bevindingen oplossen.", ["oplossen"]),
        ("De markering van voetnoot 7 staat vóór de punt", ["markering*"]),
        ("kamerlint faalde bij het lezen", ["faalde"]),
        ("sluit het en draai --fix opnieuw", ["draai"]),
        ("Het teken volgt op een cijfer en leest als deel van het getal", ["leest als"]),
        ("meld alleen bevindingen die niet in deze baseline staan", ["baseline"]),
        ("waar voetnootmarkeringen staan", ["markering*", "voetnootmarkering*"][1:]),
        ('kan "Alle markeringen" aanzetten', []),  # Word's menu, quoted
        ("gebruik --write-baseline kamerlint-baseline.json", []),  # an option and a file name
        ("Fout: `de markering van voetnoot 1` (de tekst van de brief)", []),
        ("Gemarkeerde tekst, meestal nog in te vullen", []),  # highlighting, Word's word for it
        ("Het voetnootteken van voetnoot 7", []),
    ],
)
def test_the_check_finds_what_it_should(text, found):
    terms = [(t, pattern(t)) for t in rejected_terms()]
    assert uses(text, terms) == found


def test_no_dutch_text_uses_a_rejected_term():
    terms = [(t, pattern(t)) for t in rejected_terms()]
    problems = [f"{where}: {term!r} in {text!r}" for where, text in dutch_texts() for term in uses(text, terms)]
    assert problems == [], "\n".join(problems) + "\n(docs/woordenlijst.md says which word to use)"
