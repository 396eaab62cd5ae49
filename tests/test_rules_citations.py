"""The citation rules through the engine: each rule's wrong and right example, the seed letter,
and the settings (citation style, letter date)."""

from __future__ import annotations

from datetime import date

import pytest

from linter.engine import lint_path
from linter.model import Document
from linter.registry import RuleContext, get_rule
from linter.settings import Settings
from tests.conftest import FIXTURES, SEED, codes, lint_text, needs_shared

FAMILIES = ("KS", "MO", "TZ", "HA", "PB", "DT", "CO003")


def in_note(note_text: str, body: str = "Zie de brief.") -> str:
    return f"{body}[footnoteRef:1]\n [1:  {note_text}] \n"


CASES = [
    # code, wrong text, right text, fixed text of the wrong one
    ("KS001", in_note("Kamerstuk 36180, nr. 168."), in_note("Kamerstuk 36 180, nr. 168."), "Kamerstuk 36 180, nr. 168"),
    ("KS002", in_note("Kamerstuk 36 180 nr. 168."), in_note("Kamerstuk 36 180, nr. 168."), "Kamerstuk 36 180, nr. 168"),
    ("KS003", in_note("Kamerstuk 36 180, nr.168."), in_note("Kamerstuk 36 180, nr. 168."), "Kamerstuk 36 180, nr. 168"),
    ("KS004", in_note("Kamerstuk 36 725-XVII, nr. 45."), in_note("Kamerstuk 36 725 XVII, nr. 45."), "Kamerstuk 36 725 XVII, nr. 45"),
    ("KS005", "Zie de brief (Kamerstuk 35510-115).\n", "Zie de brief (Kamerstuk 35 510, nr. 115).\n", "Kamerstuk 35 510, nr. 115"),
    ("KS006", in_note("Kamerstukken II 2024-2025, 36 600, nr. 3."), in_note("Kamerstukken II 2024/25, 36 600, nr. 3."),
     "Kamerstukken II 2024/25, 36 600, nr. 3"),
    ("KS008", in_note("Kamerstukken II, 2005/06, 30 316, nr. 6."), in_note("Kamerstukken II 2005/06, 30 316, nr. 6."),
     "Kamerstukken II 2005/06, 30 316, nr. 6"),
    ("MO001", "Ik reageer op de motie 36 725 XVII, nr. 45 van het lid Ceder.\n",
     "Ik reageer op de motie van het lid Ceder (Kamerstuk 36 725 XVII, nr. 45).\n",
     "de motie van het lid Ceder (Kamerstuk 36 725 XVII, nr. 45)"),
    ("MO002", "Ik reageer op de Motie van het lid Ceder.\n", "Ik reageer op de motie van het lid Ceder.\n", "motie"),
    ("TZ001", in_note("Toezegging TZ2025-05-049."), in_note("Toezegging TZ202505-049."), "TZ202505-049"),
    ("TZ003", "Hiermee doe ik toezegging T02867 gestand.\n", "Hiermee doe ik toezegging TZ202501-123 gestand.\n", None),
    ("HA001", in_note("Handelingen II 2010-2011, nr. 108, blz. 25."), in_note("Handelingen II 2010/11, nr. 108, item 5, p. 25."), None),
    ("HA002", in_note("Aanhangsel van de Handelingen 2021/2022, nr. 2197."),
     in_note("Aanhangsel Handelingen, vergaderjaar 2021–2022, nr. 2197."), "Aanhangsel Handelingen, vergaderjaar 2021–2022, nr. 2197"),
    ("HA003", "De schriftelijke vragen (2021-Z07250) zijn beantwoord.\n", "De schriftelijke vragen (2021Z07250) zijn beantwoord.\n", "2021Z07250"),
    ("PB001", in_note("Stb 2011/35."), in_note("Stb. 2011, 35."), "Stb. 2011, 35"),
    ("PB002", in_note("HR 4 november 2014, ECLI NL HR 2014 3113."), in_note("HR 4 november 2014, ECLI:NL:HR:2014:3113."), "ECLI:NL:HR:2014:3113"),
    ("PB003", in_note("Richtlijn 2008/98/EG (PB L 312)."), in_note("Richtlijn 2008/98/EG (PbEU 2008, L 312)."), None),
    ("PB004", in_note("Stb. …, …"), in_note("Stb. 2025, 12."), None),
    ("DT001", "Het debat van 25 Maart 2025 ging over Soedan.\n", "Het debat van 25 maart 2025 ging over Soedan.\n", "25 maart 2025"),
    ("DT002", "Het debat van dinsdag 26 maart 2025.\n", "Het debat van dinsdag 25 maart 2025.\n", "woensdag 26 maart 2025"),
]


@pytest.mark.parametrize("code, wrong, right, fixed", CASES, ids=[c[0] for c in CASES])
def test_rule_wrong_and_right(code, wrong, right, fixed):
    found = lint_text(wrong, select=code)
    assert codes(found) == [code], [(d.code, d.message) for d in found]
    d = found[0]
    assert d.span is not None and d.span.text in wrong.replace("\n", " ") or d.span.text
    if fixed is not None:
        assert d.fix is not None and d.fix.replacement == fixed
    assert lint_text(right, select=code) == []


def test_every_citation_rule_has_an_example_here_and_full_docs():
    tested = {c[0] for c in CASES} | {"KS007", "TZ002", "CO003"}
    for code in tested:
        r = get_rule(code)
        assert r is not None, code
        for section in ("What it does", "Why is this bad?", "Example", "Fix safety"):
            assert r.section(section), (code, section)


def test_ks007_mixed_styles_once_and_only_when_mixed():
    mixed = in_note("Kamerstuk 36 180, nr. 168.") + "Verder.[footnoteRef:2]\n [2:  Kamerstukken II 2022/23, 36229, nr. 1.] \n"
    found = lint_text(mixed, select="KS007")
    assert codes(found) == ["KS007"]
    assert found[0].span.text == "Kamerstukken II 2022/23, 36229, nr. 1"
    assert found[0].fix.replacement == "Kamerstuk 36 229, nr. 1" and found[0].fix.applicability == "unsafe"
    assert lint_text(in_note("Kamerstuk 36 180, nr. 168."), select="KS007") == []


def test_tz002_needs_the_letters_date():
    letter = "Datum 18 oktober 2023\nGeachte voorzitter,\n" + in_note("Toezeggingen TZ202303-104 en TZ202507-026.")
    found = lint_text(letter, select="TZ002")
    assert codes(found) == ["TZ002"] and found[0].span.text == "TZ202507-026"
    assert lint_text(in_note("Toezegging TZ202507-026."), select="TZ002") == []  # no date: silent
    assert codes(lint_text(in_note("Toezegging TZ202507-026."), select="TZ002", letter_date=date(2025, 6, 1))) == ["TZ002"]
    assert lint_text(in_note("Toezegging TZ202507-026."), select="TZ002", letter_date=date(2025, 7, 1)) == []


def test_co003_repeated_reference_in_a_later_note():
    text = (
        "Eerst.[footnoteRef:1] Dan.[footnoteRef:2] Ook.[footnoteRef:3]\n"
        " [1:  Kamerstuk 36 180, nr. 168.]  [2:  Zie ook Kamerstuk 36 180, nr. 168.]  [3:  Kamerstuk 36 180, nr. 168.] \n"
    )
    found = lint_text(text, select="CO003")
    # Note 2 repeats the reference; note 3 repeats note 1 as a whole, which is FN005's finding.
    assert [(d.code, d.location.note) for d in found] == [("CO003", 2)]
    assert found[0].fix.replacement == "Zie voetnoot 1." and found[0].fix.applicability == "unsafe"
    assert lint_text(in_note("Kamerstuk 36 180, nr. 168."), select="CO003") == []


def test_citation_style_setting():
    legal = in_note("Kamerstukken II 2022/23, 36 229, nr. 1.")
    assert lint_text(legal, select="KS001") == []
    found = lint_text(legal, select="KS001", citation_style="juridisch")
    assert codes(found) == ["KS001"] and found[0].fix.replacement == "Kamerstukken II 2022/23, 36229, nr. 1"


def test_rules_on_a_hand_built_document():
    doc = Document("hand.txt", "text")
    doc.new_story("body").new_paragraph().text = "Zie Kamerstuk 33625, nr. 287 en 25 Maart 2025."
    settings = Settings()
    for code, want in (("KS001", 1), ("DT001", 1), ("KS002", 0)):
        r = get_rule(code)
        assert len(list(r.check(doc, RuleContext(code, settings)))) == want, code


def test_fix_applicability():
    found = lint_text(in_note("Kamerstuk 36180, nr. 168."), select="KS001")
    assert found[0].fix.applicability == "safe"
    found = lint_text(in_note("kamerstuk 36 180, nr. 168."), select="KS005")
    assert found[0].fix.applicability == "unsafe"


@needs_shared
def test_seed_letter_gives_exactly_the_issue_findings():
    found = [d for d in lint_path(SEED, Settings()) if d.code.startswith(FAMILIES)]
    got = sorted((d.code, d.location.story, d.location.note, d.span.text) for d in found)
    motie = "de Motie 36 725-XVII nr. 45 van de leden Ceder en Bamenga"
    assert got == sorted([
        ("KS001", "footnote", 5, "Kamerstuk 33625, nr. 287"),
        ("KS001", "footnote", 6, "Kamerstuk 34952, nr. 1"),
        ("KS001", "footnote", 6, "Kamerstuk 36180, nr. 168"),
        ("KS001", "footnote", 8, "Kamerstuk 33625, nr. 287"),
        ("KS001", "footnote", 9, "Kamerstuk 36180, nr. 168"),
        ("KS002", "body", None, "36 725-XVII nr. 45"),
        ("KS004", "body", None, "36 725-XVII nr. 45"),
        ("MO001", "body", None, motie),
        ("MO002", "body", None, "Motie"),
        ("CO003", "footnote", 9, "Kamerstuk 36180, nr. 168"),
    ])
    fixes = {(d.code, d.location.note): d.fix.replacement for d in found}
    assert fixes[("KS001", 5)] == "Kamerstuk 33 625, nr. 287"
    # One reference, one fix: KS002 and KS004 on the motie's number offer MO001's whole fix.
    assert fixes[("KS002", None)] == fixes[("KS004", None)] == fixes[("MO001", None)]
    assert fixes[("MO001", None)] == "de motie van de leden Ceder en Bamenga (Kamerstuk 36 725 XVII, nr. 45)"
    assert fixes[("CO003", 9)] == "Zie voetnoot 6."
    # The text reader's locations point into the file itself.
    ks = [d for d in found if d.code == "KS001" and d.location.note == 5][0]
    line = SEED.read_text(encoding="utf-8").splitlines()[ks.location.line - 1]
    assert line[ks.location.column - 1:].startswith("Kamerstuk 33625, nr. 287")


def applied(d) -> str:
    """The paragraph's text with the diagnostic's fix applied."""
    (edit,) = d.fix.edits
    text = edit.span.paragraph.text
    return text[: edit.span.start] + edit.text + text[edit.span.end:]


SEEDS = [SEED, FIXTURES / "kamerbrief-diaspora.docx", FIXTURES / "kamerbrief-diaspora-libreoffice.docx",
         FIXTURES / "kamerbrief-diaspora-pandoc.docx"]


@needs_shared
@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_fixes_on_one_reference_agree(path):
    """Every citation finding on the same reference (overlapping spans in one paragraph) gives
    the same paragraph text when its fix is applied."""
    found = [d for d in lint_path(path, Settings()) if d.code.startswith(("KS", "MO", "HA", "PB")) and d.fix]
    assert len(found) >= 8
    for d in found:
        overlapping = [e for e in found if e.span.paragraph is d.span.paragraph
                       and e.span.start < d.span.end and d.span.start < e.span.end]
        assert {applied(e) for e in overlapping} == {applied(d)}, [(e.code, e.fix.replacement) for e in overlapping]
    motie = [d for d in found if d.code in ("KS002", "KS004", "MO001", "MO002")]
    assert sorted(d.code for d in motie) == ["KS002", "KS004", "MO001", "MO002"]
    assert len({applied(d) for d in motie}) == 1
    assert "de motie van de leden Ceder en Bamenga (Kamerstuk 36 725 XVII, nr. 45)" in applied(motie[0])
