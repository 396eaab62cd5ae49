"""The citation library on its own: find_references on strings, render, dates, letter_date."""

from __future__ import annotations

from datetime import date

import pytest

from linter.citations import JURIDISCH, find_references, is_safe_change, letter_date, parse_date
from linter.model import NOTE_MARK, Document


def one(text: str, style: str = "tweede-kamer"):
    refs = [r for r in find_references(text, style) if r.type != "word"]
    assert len(refs) == 1, [(r.type, r.text) for r in refs]
    return refs[0]


@pytest.mark.parametrize(
    "text",
    [
        "Kamerstuk 35 510, nr. 115",
        "Kamerstuk 29 237, nr. 208",
        "Kamerstuk 21 501-02, nr. 3267",
        "Kamerstuk 36 740 XVII, nr. 1",
        "Kamerstuk 35 099 (R2114), nr. 3",
        "Kamerstukken II 2009/10, 27858, nr. 88, p. 3",
        "Kamerstukken I 2008/09, 31700 VI, D, p. 4",
        "Kamerstukken II 2022/23, 36 229, nr. 1",
        "Kamerstukken II 2022/23, 36200 IV, nr. 12",
        "Kamerstukken 29 237 en 36 410",
        "Kamerstuk 28 286, nrs. 1216 en 1237",
        "Kamerstuk\u00a036\u00a0180, nr.\u00a0168",
    ],
)
def test_correct_kamerstukken_have_no_problems(text):
    ref = one(text)
    assert ref.type in ("kamerstuk", "dossier")
    assert (ref.start, ref.end) == (0, len(text))
    assert ref.problems == []


@pytest.mark.parametrize(
    "text, codes, fixed",
    [
        ("Kamerstuk 36180, nr. 168", ["KS001"], "Kamerstuk 36 180, nr. 168"),
        ("Kamerstuk 36 180 nr. 168", ["KS002"], "Kamerstuk 36 180, nr. 168"),
        ("Kamerstuk 36 180, nr 168", ["KS003"], "Kamerstuk 36 180, nr. 168"),
        ("Kamerstuk 36 180, no. 168", ["KS003"], "Kamerstuk 36 180, nr. 168"),
        ("Kamerstuk 36 180, nummer 168", ["KS003"], "Kamerstuk 36 180, nr. 168"),
        ("Kamerstuk 20043, nr.142", ["KS001", "KS003"], "Kamerstuk 20 043, nr. 142"),
        ("Kamerstuk 36 725-XVII, nr. 45", ["KS004"], "Kamerstuk 36 725 XVII, nr. 45"),
        ("Kamerstuk 36 725 XXX, nr. 45", ["KS004"], "Kamerstuk 36 725 XXX, nr. 45"),
        ("Kamerstuk II 2024/25, 36180, nr. 168", ["KS005"], "Kamerstukken II 2024/25, 36180, nr. 168"),
        ("Kamerstukken 36 180, nr. 168", ["KS005"], "Kamerstuk 36 180, nr. 168"),
        ("TK 30800 V, nr. 51", ["KS005", "KS001"], "Kamerstuk 30 800 V, nr. 51"),
        ("kamerstuk 29 023, nr. 283", ["KS005"], "Kamerstuk 29 023, nr. 283"),
        ("Kamerstuk 35510-115", ["KS005"], "Kamerstuk 35 510, nr. 115"),
        ("Kamerstukken II 2024-2025, 36 600, nr. 3", ["KS006"], "Kamerstukken II 2024/25, 36 600, nr. 3"),
        ("Kamerstukken II 2023/34, 36 600, nr. 3", ["KS006"], None),
        ("Kamerstukken ll 2022/23, 36 600, nr. 3", ["KS008"], "Kamerstukken II 2022/23, 36 600, nr. 3"),
        ("Kamerstukken II, 2022/23, 36 600, nr. 3", ["KS008"], "Kamerstukken II 2022/23, 36 600, nr. 3"),
    ],
)
def test_wrong_kamerstukken(text, codes, fixed):
    ref = one(text)
    assert sorted(ref.codes) == sorted(codes)
    if fixed is not None:
        assert ref.problems[0].fix == fixed
        assert ref.render() == fixed


def test_kst_identifier_in_prose_but_not_in_a_url():
    ref = one("zie kst-36180-168 hierover")
    assert ref.codes == ["KS005"] and ref.render() == "Kamerstuk 36 180, nr. 168"
    assert not [r for r in find_references("https://zoek.officielebekendmakingen.nl/kst-36180-168.html") if r.problems]


def test_bare_number_is_a_kamerstuk_only_with_nr():
    ref = one("de brief (34748, nr. 2) en")
    assert ref.text == "34748, nr. 2" and sorted(ref.codes) == ["KS001", "KS005"]
    assert ref.render() == "Kamerstuk 34 748, nr. 2"


@pytest.mark.parametrize(
    "text",
    [
        "Het budget stijgt van 12 500 naar 13 750 euro in 2025-2026.",
        "Bel 070-3456789 of schrijf naar 2511 CV Den Haag.",
        "Tussen 2019 en 2023 zijn 35 000 mensen geholpen, nr. 3 op de lijst.",
        "Een bedrag van € 36 180, nr. 4 daarvan.",
        "Dossier 36180 wordt behandeld in 15000-20000 gevallen.",
        "Op 1 op de 35 000 nr 5 dagen.",
        "Het aantal steeg van 10 000 tot 12 345.",
        # From the public corpus: a CAS number, a GOST standard and a ZIP+4 code.
        "(PCB 118) (CAS No. 31508-00-6) in female rats",
        "ГОСТ 11534-75 «Ручная дуговая сварка»",
        "Aurora, NY 13026-0024",
    ],
)
def test_plain_numbers_are_no_references(text):
    assert [r for r in find_references(text) if r.type in ("kamerstuk", "dossier")] == []


def test_identifier_list_from_the_handelingen():
    refs = find_references("goedgekeurd: 34722-1; 33997-95; 23908-(R1519)-131; 21501-08-692; 35300-XII-53.")
    assert [r.text for r in refs] == ["34722-1", "33997-95", "23908-(R1519)-131", "21501-08-692", "35300-XII-53"]
    assert all(r.codes == ["KS005"] for r in refs)
    assert refs[3].render() == "Kamerstuk 21 501-08, nr. 692"
    assert refs[4].render() == "Kamerstuk 35 300 XII, nr. 53"


def test_render_in_both_styles():
    ref = one("Kamerstukken II 2024/25, 36 180, nr. 168")
    assert ref.style == JURIDISCH
    assert ref.render("tweede-kamer") == "Kamerstuk 36 180, nr. 168"
    assert ref.render(JURIDISCH) == "Kamerstukken II 2024/25, 36180, nr. 168"
    tk = one("Kamerstuk 36 180, nr. 168")
    assert tk.style == "tweede-kamer" and tk.render(JURIDISCH) == "Kamerstuk 36 180, nr. 168"  # no year: stays


def test_juridisch_style_wants_no_space_in_legal_references():
    ref = one("Kamerstukken II 2022/23, 36 229, nr. 1", JURIDISCH)
    assert ref.codes == ["KS001"] and ref.problems[0].fix == "Kamerstukken II 2022/23, 36229, nr. 1"


def test_note_mark_and_no_break_spaces():
    text = f"Zie{NOTE_MARK} Kamerstuk 36\u00a0180 nr.\u00a0168."
    ref = one(text)
    assert text[ref.start:ref.end] == "Kamerstuk 36\u00a0180 nr.\u00a0168"
    assert ref.codes == ["KS002"]


def test_motie_number_first():
    text = "Ook reageer ik op de Motie 36 725-XVII nr. 45 van de leden Ceder en Bamenga ten aanzien van"
    refs = find_references(text)
    by_type = {r.type: r for r in refs}
    assert by_type["motie"].text == "de Motie 36 725-XVII nr. 45 van de leden Ceder en Bamenga"
    assert by_type["motie"].problems[0].fix == "de motie van de leden Ceder en Bamenga (Kamerstuk 36 725 XVII, nr. 45)"
    assert by_type["word"].codes == ["MO002"]
    assert sorted(by_type["kamerstuk"].codes) == ["KS002", "KS004"]  # not KS005: MO001 says it


def test_motie_described_first_is_fine():
    text = "de motie van de leden Ceder en Bamenga (Kamerstuk 36 725 XVII, nr. 45)."
    assert all(not r.problems for r in find_references(text))


def test_capital_at_sentence_start_is_fine():
    assert all(not r.problems for r in find_references("Motie van het lid X. Toezegging gedaan: zie boven."))


@pytest.mark.parametrize(
    "text, code, fix",
    [
        ("TZ2025-05-049", "TZ001", "TZ202505-049"),
        ("TZ202513-001", "TZ001", None),
        ("Stb 2011/35", "PB001", "Stb. 2011, 35"),
        ("Staatsblad 2011 nr 35", "PB001", "Stb. 2011, 35"),
        ("Stcrt 2015-10247", "PB001", "Stcrt. 2015, 10247"),
        ("Stb. …, …", "PB004", None),
        ("ECLI NL HR 2014 3113", "PB002", "ECLI:NL:HR:2014:3113"),
        ("ecli:nl:hr:1979:ab7440", "PB002", "ECLI:NL:HR:1979:AB7440"),
        ("PB L 222 van 20.8.2008", "PB003", "PbEU 2008, L 222"),
        ("OJ 2010, L 180", "PB003", "PbEU 2010, L 180"),
        ("PbEU L180", "PB003", None),
        ("2025-Z01234", "HA003", "2025Z01234"),
        ("2025 D12345", "HA003", "2025D12345"),
        ("Handelingen II 2010-2011, nr. 108, blz. 25", "HA001", None),
        ("Aanhangsel van de Handelingen 2021/2022, nr. 2197", "HA002", "Aanhangsel Handelingen, vergaderjaar 2021–2022, nr. 2197"),
        ("Aanhangsel Handelingen II 2021–2022, nr. 2423", "HA002", "Aanhangsel Handelingen II 2021/22, nr. 2423"),
        ("25 Maart 2025", "DT001", "25 maart 2025"),
        ("25 maar 2025", "DT001", "25 maart 2025"),
        ("31 februari 2025", "DT001", None),
        ("dinsdag 26 maart 2025", "DT002", "woensdag 26 maart 2025"),
    ],
)
def test_other_wrong_references(text, code, fix):
    ref = one(text)
    assert ref.codes == [code]
    assert ref.problems[0].fix == fix
    assert (ref.start, ref.end) == (0, len(text))


@pytest.mark.parametrize(
    "text",
    [
        "TZ202503-104", "TZ202501-1234", "Stb. 2011, 35", "Stcrt. 2015, 10247", "Trb. 2008, 175",
        "ECLI:NL:HR:2014:3113", "ECLI:NL:HR:1979:AB7440", "ECLI:EU:C:2014:317", "PbEU 2010, L 180",
        "PbEG 2001, C 195", "PbEU 2018, L 328/82", "2021Z07250", "2017D38932", "2026A02881", "BWBR0001840",
        "Handelingen II 2010/11, nr. 108, item 5, p. 25-36", "Handelingen II 2007/08, nr. 108, p. 7909-7943",
        "Aanhangsel Handelingen II 2014/15, nr. 1241", "Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1028",
        "dinsdag 25 maart 2025", "Dinsdag 25 maart 2025", "29 februari 2024",
    ],
)
def test_other_correct_references(text):
    ref = one(text)
    assert ref.problems == [] and (ref.start, ref.end) == (0, len(text))


def test_eerste_kamer_toezegging_needs_t0_or_context():
    assert [r.type for r in find_references("toezegging T02867 is voldaan")] == ["toezegging-ek"]
    assert find_references("type T12345 printer") == []


def test_words_that_are_not_months():
    assert find_references("in 5 jaar 2025 en 3 en 2024") == []


def test_english_dates_are_left_alone_but_not_in_dutch_text():
    assert all(not r.problems for r in find_references("Received 21 June 2011; Accepted 9 November 2011"))
    assert one("Het debat van 12 September 2024 is verplaatst.").codes == ["DT001"]


def test_safe_change():
    assert is_safe_change("Kamerstuk 36180, nr.168", "Kamerstuk 36 180, nr. 168")
    assert is_safe_change("Kamerstukken II 2024-2025, 1", "Kamerstukken II 2024/25, 1")
    assert not is_safe_change("kamerstuk 1", "Kamerstuk 1")
    assert not is_safe_change("36 180, nr. 1", "Kamerstuk 36 180, nr. 1")


def test_dates_and_letter_date():
    assert parse_date("Den Haag, 18 oktober 2023") == date(2023, 10, 18)
    doc = Document("x.txt", "text")
    body = doc.new_story("body")
    for text in ["Ministerie van Buitenlandse Zaken", "Datum 18 oktober 2023", "Betreft iets op 1 mei 2020"]:
        body.new_paragraph().text = text
    assert letter_date(doc) == date(2023, 10, 18)

    class S:
        letter_date = date(2025, 1, 2)

    assert letter_date(doc, S()) == date(2025, 1, 2)
    empty = Document("y.txt", "text")
    empty.new_story("body").new_paragraph().text = "Geachte voorzitter, op 1 mei 2020 en verder in een lange zin die doorgaat."
    assert letter_date(empty) is None
