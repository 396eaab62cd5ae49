"""Every fixture with an expected file gives exactly the findings written in it.

``NAME.docx.expected.json`` belongs to ``NAME.docx``; ``NAME.expected.json`` to every document
named NAME (``NAME.txt``, ``NAME.docx``, …) that has no more specific file. An expected file is a
list of {"code", "story", "note", "paragraph"} (extra keys such as "why" are for people);
"paragraph" null or absent means any paragraph. Where a row names the place inside a story
("variant", "text_box", "frame", "content_control"), the finding must be there. The rules checked are FN, BM and IO plus every
family that appears in the expected file, and the findings must match as a multiset.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from linter.engine import lint_path
from linter.registry import all_rules
from linter.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DOCUMENT_SUFFIXES = (".docx", ".odt", ".txt", ".md")
ALWAYS = {"FN", "BM", "IO"}


def expected_file(document: Path) -> Path | None:
    for candidate in (document.with_name(document.name + ".expected.json"), document.with_name(document.stem + ".expected.json")):
        if candidate.is_file():
            return candidate
    return None


def fixture_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for document in sorted(FIXTURES.iterdir()):
        if document.suffix in DOCUMENT_SUFFIXES and not document.name.endswith(".expected.json"):
            expected = expected_file(document)
            if expected is not None:
                pairs.append((document, expected))
    return pairs


def family(code: str) -> str:
    return code.rstrip("0123456789")


#: Where in a story a finding is, beyond its paragraph (linter.diagnostics.Location).
PLACE_KEYS = ("variant", "text_box", "frame", "content_control")


def actual_findings(document: Path, families: set[str]) -> list[tuple]:
    settings = Settings(select=sorted(families))
    return [
        (d.code, d.location.story, d.location.note, d.location.paragraph, {k: getattr(d.location, k) for k in PLACE_KEYS})
        for d in lint_path(document, settings)
    ]


def _in_place(row: dict, actual: tuple) -> bool:
    place = actual[4] if len(actual) > 4 else {}
    return all(place.get(key) == row[key] for key in PLACE_KEYS if key in row)


def compare(expected: list[dict], actual: list[tuple]) -> tuple[list, list]:
    """(missing, unexpected). An expected paragraph of None matches any paragraph."""
    left = list(actual)
    missing = []
    # Exact entries first, so that a wildcard does not take a finding an exact entry needs.
    for row in sorted(expected, key=lambda r: r.get("paragraph") is None):
        want = (row["code"], row["story"], row.get("note"), row.get("paragraph"))
        match = next((a for a in left if a[:3] == want[:3] and (want[3] is None or a[3] == want[3]) and _in_place(row, a)), None)
        if match is None:
            missing.append(want)
        else:
            left.remove(match)
    return missing, left


PAIRS = fixture_pairs()

#: Fixtures whose expectation (from the spec) the code does not meet yet: name -> the bug. Strict,
#: so the entry must go once the code is fixed.
KNOWN_BUGS = {
}


def test_the_seed_copy_is_the_seed():
    """Tests that must run on a clone without ../shared read fixtures/kamerbrief-diaspora.txt."""
    from conftest import SEED, SEED_COPY

    if not SEED.is_file():
        pytest.skip("../shared is not beside the project")
    assert SEED_COPY.read_bytes() == SEED.read_bytes()


def test_fixtures_are_there():
    names = {document.name for document, _ in PAIRS}
    for name in ("kamerbrief-diaspora.docx", "kamerbrief-diaspora-libreoffice.docx", "kamerbrief-diaspora-pandoc.docx",
                 "fn-wrong.docx", "fn-right.docx", "bm-wrong.docx", "bm-right.docx"):
        assert name in names


@pytest.mark.parametrize(
    "document,expected",
    [pytest.param(d, e, marks=pytest.mark.xfail(reason=KNOWN_BUGS[d.name], strict=True)) if d.name in KNOWN_BUGS else (d, e) for d, e in PAIRS],
    ids=[d.name for d, _ in PAIRS],
)
def test_fixture_findings(document: Path, expected: Path):
    rows = json.loads(expected.read_text(encoding="utf-8"))
    families = ALWAYS | {family(row["code"]) for row in rows}
    known = {family(r.code) for r in all_rules()}
    if families - known:
        pytest.skip(f"no rules yet for {', '.join(sorted(families - known))}")
    missing, unexpected = compare(rows, actual_findings(document, families))
    assert not missing and not unexpected, (
        f"{document.name}: missing {missing}, unexpected {unexpected}"
    )


def test_every_fn_and_bm_rule_fires_in_a_wrong_fixture():
    """The wrong fixtures between them exercise every FN and BM rule of the registry."""
    fired = Counter()
    for name in ("fn-wrong.docx", "bm-wrong.docx"):
        rows = json.loads((FIXTURES / name.replace(".docx", ".expected.json")).read_text(encoding="utf-8"))
        fired.update(row["code"] for row in rows)
    rules = {r.code for r in all_rules() if family(r.code) in ("FN", "BM")}
    assert rules - set(fired) == set()


def test_compare_treats_null_paragraph_as_any():
    expected = [{"code": "FN010", "story": "footnote", "note": 1, "paragraph": None}, {"code": "FN010", "story": "footnote", "note": 1, "paragraph": 1}]
    assert compare(expected, [("FN010", "footnote", 1, 1), ("FN010", "footnote", 1, 3)]) == ([], [])
    assert compare(expected, [("FN010", "footnote", 1, 3)]) == ([("FN010", "footnote", 1, 1)], [])
