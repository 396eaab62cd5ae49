r"""linter.letters reads letters, capitals and word characters as Unicode's regular expressions do
(\p{L}, \p{Lu}, \p{Ll}, \w of the regex module), from this Python's Unicode database."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest
import regex  # the test extra

from linter import letters

ROOT = Path(__file__).resolve().parent.parent


def assigned():
    """Every code point this Python's database assigns (regex may know a newer Unicode)."""
    for cp in range(sys.maxunicode + 1):
        if not 0xD800 <= cp <= 0xDFFF and unicodedata.category(chr(cp)) != "Cn":
            yield chr(cp)


def test_the_predicates_are_the_classes_of_the_regex_module():
    classes = {name: regex.compile(source) for name, source in
               (("letter", r"\p{L}"), ("capital", r"\p{Lu}"), ("lower", r"\p{Ll}"), ("word", r"\w"))}
    differ = []
    for ch in assigned():
        found = {"letter": ch.isalpha(), "capital": letters.is_capital(ch), "lower": letters.is_lower(ch),
                 "word": letters.is_word_character(ch)}
        for name, pattern in classes.items():
            if found[name] != (pattern.fullmatch(ch) is not None):
                differ.append((name, hex(ord(ch)), unicodedata.category(ch)))
    # regex may place a character in a newer category (Unicode moves one now and then): a handful at most.
    assert len(differ) <= 3, differ[:10]


def test_capital_or_astral_holds_every_capital():
    """On any Python: a capital this Python's database knows is in the class (a capital added
    after the table's Unicode version is one of its unassigned code points)."""
    pattern = re.compile(letters.CAPITAL_OR_ASTRAL)
    for ch in assigned():
        if letters.is_capital(ch) or ord(ch) >= 0x10000:
            assert pattern.fullmatch(ch), hex(ord(ch))


@pytest.mark.skipif(unicodedata.unidata_version != letters.UNICODE_VERSION,
                    reason="the table is of another Unicode version than this Python's")
def test_capital_or_astral_holds_no_other_assigned_character_of_the_bmp():
    pattern = re.compile(letters.CAPITAL_OR_ASTRAL)
    for ch in assigned():
        if ord(ch) < 0x10000:
            assert (pattern.fullmatch(ch) is not None) == letters.is_capital(ch), hex(ord(ch))


@pytest.mark.skipif(unicodedata.unidata_version != letters.UNICODE_VERSION,
                    reason="the table is of another Unicode version than this Python's")
def test_the_table_is_this_pythons():
    import subprocess

    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_letters_table.py")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_letter_run():
    assert letters.letter_run("de EUDiF-groep", 4) == (3, 8)
    assert letters.letter_run("CO₂", 0) == (0, 2)
    assert letters.letter_run("Ææ ß", 3) == (3, 4)
