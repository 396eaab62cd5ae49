"""The property every safe fix must hold (issues 9 and 20): applying it yields a reference that the
parser reads back as the same document(s), correctly written, with every dossier, chapter, number,
annex and page kept; and no safe fix splits a word.

Checked over every string (in its context) of the hand-labelled gold set and of the shared
development corpus, plus the made-up shapes the issues name; and over every safe fix kamerlint
offers on the real documents of ../shared/corpus, whatever its rule.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from linter.citations import find_references, is_safe_change
from linter.citations.models import DOSSIER, KAMERSTUK, LONG_YEAR, MOTIE, WORD
from tests.conftest import FIXTURES, SHARED

NUMBERS = re.compile(r"\d+[a-z]?")


def rows() -> list[tuple[str, str]]:
    out = []
    for path in (FIXTURES / "references-gold.tsv", SHARED / "corpus" / "references-dev.tsv"):
        if path.is_file():
            with open(path, encoding="utf-8", newline="") as fh:
                out += [(r["string"], r["context"] or r["string"]) for r in csv.DictReader(fh, delimiter="\t")]
    return out


EXTRA = [
    "(Kamerstuk 34567-12)", "Kamerstukken 30123, nummers 11, 15, 19 en 23", "Kamerstukken 30 123, nr. 5, nr. 8 en 9",
    "Kamerstuk, 28 111, nr. 7", "Aanhangsel Handelingen, vergaderjaar 2023–2024, 1234",
    "Ook reageer ik op de Motie 36 725-XVII nr. 45 van de leden Ceder en Bamenga.", "Kamerstuk 21501-20, nr. 5",
    # Issue 20: two references in one parenthesis, lists, malformed forms, annexes and pages.
    "Zie de brieven (35 000 XV, nr. 12 en 34775, nr. 3).", "Kamerstukken 31 288, nr. 5 van 3 maart 2024 en 31288, nr. 9.",
    "Kamerstuk 354410-XII, nr. 4", "Kamerstuk 35 300A, nr. 12", "Kamerstuk 29 544 en 31311, Nr. 98",
    "Zie (28 089-104).", "Kamerstuk 21501–32, nr. 1234", "Kamerstuk Tweede Kamer, vergaderjaar 2021–2022, 35 925, nr. 120",
    "Bijlage bij Kamerstuk 31839, nr. 990", "Kamerstuk 31839, nr. 990, p. 5", "Kamerstukken II 2022/2023, 31839, nr. 990, blz. 4-5",
    "Aanhangsel Handelingen II, vergaderjaar 2021–202, nr. 3212", "Zie Staatscourant (nr. 41877).", "(34 000 XIII, H)",
]


def documents(ref) -> tuple:
    """What a reference points to: dossier, sub-dossier, chapter, R-number, every number, and the
    annex and page cited."""
    if ref.type in (KAMERSTUK, DOSSIER):
        f = ref.fields
        numbers = tuple(NUMBERS.findall((f.get("nr") or "") + " " + (f.get("more") or ""))) + ((f["ek"],) if f.get("ek") else ())
        page = tuple(NUMBERS.findall(f.get("page") or ""))
        return (f["dossier"], f.get("sub"), f.get("toev"), f.get("rnum"), numbers, tuple(f.get("more_dossiers") or ()),
                bool(f.get("bijlage")), page)
    # 2021–2022 and 2021/22 name the same year.
    return (ref.type, LONG_YEAR.sub(r"\1\2", re.sub(r"\W", "", ref.text).lower()))


def family(code: str) -> str:
    return code.rstrip("0123456789")


def safe_fixes(text: str):
    """(fixed text, the reference before, its problem) for every safe fix in ``text``."""
    for ref in find_references(text):
        for problem in ref.problems:
            if problem.fix is None:
                continue
            start, end = problem.fix_span or problem.span or (ref.start, ref.end)
            if is_safe_change(text[start:end], problem.fix):
                yield text[:start] + problem.fix + text[end:], start, ref, problem


CASES = [context for _, context in rows()] + EXTRA


def test_the_property_has_material():
    assert len(CASES) >= 400


@pytest.mark.parametrize("text", sorted(set(CASES)))
def test_every_safe_fix_keeps_the_documents(text):
    for fixed, start, ref, problem in safe_fixes(text):
        if ref.type in (MOTIE, WORD):
            continue  # MO fixes change words, never safe; kept for clarity
        after = [r for r in find_references(fixed) if r.start == start and r.type == ref.type]
        assert after, f"{problem.code}: {problem.fix!r} is no longer read as a {ref.type}"
        again = after[0]
        assert documents(again) == documents(ref), (problem.code, problem.fix)
        left = [p.code for p in again.problems if family(p.code) == family(problem.code)]
        assert not left, f"{problem.code}: the corrected {problem.fix!r} still has {left}"


@pytest.mark.parametrize("text", sorted(set(CASES)))
def test_every_kamerstuk_fix_keeps_every_number(text):
    """Safe or not, a fix of a Kamerstuk reference points to the same documents."""
    for ref in find_references(text):
        if ref.type not in (KAMERSTUK, DOSSIER):
            continue
        for problem in ref.problems:
            if problem.fix is None or problem.fix_span:
                continue  # fix_span: the motie's whole phrase, checked by the seed test
            start, end = problem.span or (ref.start, ref.end)
            fixed = text[:start] + problem.fix + text[end:]  # in its context: "Bijlage bij" stays before it
            again = [r for r in find_references(fixed) if r.type in (KAMERSTUK, DOSSIER) and r.start == start]
            assert again and documents(again[0]) == documents(ref), (problem.code, problem.fix)


@pytest.mark.parametrize("text", sorted(set(CASES)))
def test_one_reference_one_fix(text):
    """Every finding on one reference offers the same whole corrected reference (or none)."""
    for ref in find_references(text):
        fixes = {(p.fix, p.fix_span) for p in ref.problems if p.fix is not None}
        assert len(fixes) <= 1, (ref.text, fixes)


# -- every safe fix kamerlint offers on real documents ----------------------------------------------
def real_documents() -> list[Path]:
    corpus = SHARED / "corpus"
    found = sorted(FIXTURES.glob("*.docx")) + sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*.md"))
    for part, pattern in (("texts", "*.txt"), ("kamervragen", "*.txt"), ("docx", "*.docx"), ("public", "*.docx"), ("public", "*.odt")):
        found += sorted((corpus / part).rglob(pattern))
    return found


def applied(text: str, edits) -> str:
    for edit in sorted(edits, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start] + edit.text + text[edit.span.end :]
    return text


def splits_a_word(before: str, edits) -> bool:
    """A safe edit that puts white space where there was none between two letters (``Kamer brief``;
    a note marker between them, ``Kamer[1] brief``, is no space)."""
    from linter.model import NOTE_MARK

    def letter(i: int, step: int) -> bool:
        while 0 <= i < len(before) and before[i] == NOTE_MARK:
            i += step
        return 0 <= i < len(before) and before[i].isalpha()

    for edit in edits:
        old = before[edit.span.start:edit.span.end]
        if any(c.isspace() for c in edit.text) and not any(c.isspace() for c in old) \
                and letter(edit.span.start - 1, -1) and letter(edit.span.end, 1):
            return True
    return False


def test_no_safe_fix_on_real_documents_changes_what_is_cited_or_splits_a_word():
    from linter.engine import lint_path
    from linter.settings import Settings

    checked = 0
    for path in real_documents():
        for d in lint_path(path, Settings()):
            fix = d.fix
            if fix is None or fix.applicability != "safe":
                continue
            edits = [e for e in fix.edits if e.kind == "replace" and e.span is not None]
            paragraphs = {id(e.span.paragraph): e.span.paragraph for e in edits}
            for para in paragraphs.values():
                own = [e for e in edits if e.span.paragraph is para]
                before, after = para.text, applied(para.text, own)
                assert not splits_a_word(before, own), (path.name, d.code, d.message)
                old = sorted(map(documents, (r for r in find_references(before) if r.type not in (MOTIE, WORD))), key=repr)
                new = sorted(map(documents, (r for r in find_references(after) if r.type not in (MOTIE, WORD))), key=repr)
                assert old == new, (path.name, d.code, d.message, fix.replacement)
                checked += 1
    # The fixtures alone hold a few dozen safe fixes; with ../shared beside the clone, the corpus adds hundreds.
    assert checked > (100 if SHARED.is_dir() else 10)
