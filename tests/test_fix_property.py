"""The property every safe fix must hold (issue 9): applying it yields a reference that the parser
reads back as the same document(s), correctly written, with every number kept.

Checked over every string (in its context) of the hand-labelled gold set and of the shared
development corpus, plus the made-up shapes the issue names.
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
]


def documents(ref) -> tuple:
    """What a reference points to: dossier, sub-dossier, chapter, R-number and every number."""
    if ref.type in (KAMERSTUK, DOSSIER):
        f = ref.fields
        numbers = tuple(NUMBERS.findall((f.get("nr") or "") + " " + (f.get("more") or ""))) + ((f["ek"],) if f.get("ek") else ())
        return (f["dossier"], f.get("sub"), f.get("toev"), f.get("rnum"), numbers, tuple(f.get("more_dossiers") or ()))
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
            again = [r for r in find_references(problem.fix) if r.type in (KAMERSTUK, DOSSIER)]
            assert again and documents(again[0]) == documents(ref), (problem.code, problem.fix)


@pytest.mark.parametrize("text", sorted(set(CASES)))
def test_one_reference_one_fix(text):
    """Every finding on one reference offers the same whole corrected reference (or none)."""
    for ref in find_references(text):
        fixes = {(p.fix, p.fix_span) for p in ref.problems if p.fix is not None}
        assert len(fixes) <= 1, (ref.text, fixes)
