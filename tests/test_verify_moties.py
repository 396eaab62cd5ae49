"""Every form of citing a motie that the record checks read (issue 21), and the new rules MO005,
MO006 and MO007, each wrong and right, against real records served on 127.0.0.1
(tests/record_server.py: the corpus's publications and the Kamer's open data)."""

from __future__ import annotations

import pytest

from conftest import needs_shared
from linter.engine import lint_bytes
from linter.settings import Settings
from record_server import PUBLICATIONS, RecordServer

pytestmark = needs_shared
VERIFY = ["KS009", "MO001", "MO003", "MO004", "MO005", "MO006", "MO007"]


@pytest.fixture(scope="module")
def server():
    s = RecordServer()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def check(server, tmp_path_factory):
    cache = str(tmp_path_factory.mktemp("cache"))

    def run(text: str, select: list[str] = VERIFY) -> list:
        settings = Settings(select=select, verify="online", verify_url=server.url, opendata_url=server.odata_url,
                            cache_dir=cache, verify_pace=0.0)
        found = lint_bytes((text + "\n").encode("utf-8"), "brief.txt", settings)
        assert found.not_verified == 0, found.unverified
        return [(d.code, d.message) for d in found]

    return run


def codes(found) -> list[str]:
    return [code for code, _message in found]


# -- forms that were never compared -------------------------------------------------------------
def test_a_subject_between_the_members_and_the_kamerstuk(check):
    right = "Ik reageer op de motie van het lid Van Baarle over de juridische ondersteuning van vluchtelingen (Kamerstuk 19 637, nr. 3360)."
    assert check(right) == []
    wrong = right.replace("Van Baarle", "Jansen")
    assert codes(check(wrong)) == ["MO003"]
    # A subject with brackets and commas of its own is still one.
    assert check("De motie van het lid Van Baarle over het recht van vluchtelingen (NL), waaronder voorlichting, (Kamerstuk 19 637, nr. 3360).") == []
    # A clause that turns to another document ends the subject: its Kamerstuk is not the motie's.
    assert check("De motie van het lid Van Baarle over vluchtelingen, waarover ik u schreef (Kamerstuk 19 637, nr. 3360).") == []
    assert codes(check("De motie van het lid Jansen over vluchtelingen, waarover ik u schreef (Kamerstuk 19 637, nr. 3360).")) == []


@pytest.mark.parametrize("text, found", [
    ("de motie van het lid Ceder (Kamerstuk 36 725 XVII, nr. 45)", "leaves out \"Bamenga\""),  # of the leden Ceder en Bamenga
    ("de motie van het lid Brekelmans (Kamerstuk 21 501-02, nr. 2803)", 'write "c.s."'),  # van het lid Brekelmans c.s.
    ("de motie van de leden Brekelmans en Ceder (Kamerstuk 21 501-02, nr. 2803)", 'write "c.s."'),
    ("de motie van het lid Dijk (Kamerstuk 31 066, nr. 1399)", "leaves out \"Inge van Dijk\""),  # Dijk and Inge van Dijk: two members
])
def test_a_co_submitter_or_c_s_left_out(check, text, found):
    result = check(f"Ik reageer op {text}.")
    assert codes(result) == ["MO003"] and found in result[0][1], result


@pytest.mark.parametrize("text", [
    "de motie van de leden Ceder en Bamenga (Kamerstuk 36 725 XVII, nr. 45)",
    "de motie van de leden Bamenga en Ceder (Kamerstuk 36 725 XVII, nr. 45)",
    "de motie van het lid Ceder c.s. (Kamerstuk 36 725 XVII, nr. 45)",
    "de motie van het lid Brekelmans c.s. (Kamerstuk 21 501-02, nr. 2803)",
    "de motie van de leden Brekelmans, Ceder, Boswijk, Tuinman en Paternotte (Kamerstuk 21 501-02, nr. 2803)",
    # The publication's title says "van het lid Mutluer", the register "van het lid Mutluer c.s.": both are the Kamer's.
    "de motie van het lid Mutluer (Kamerstuk 29 628, nr. 1232)",
    "de motie van het lid Mutluer c.s. (Kamerstuk 29 628, nr. 1232)",
])
def test_the_members_as_the_kamer_names_them(check, text):
    assert check(f"Ik reageer op {text}.") == []


def test_motie_with_a_hyphen(check):
    assert check("De motie-Ceder/Bamenga (Kamerstuk 36 725 XVII, nr. 45) voer ik uit.") == []
    assert codes(check("De motie-Jansen (Kamerstuk 36 725 XVII, nr. 45) voer ik uit.")) == ["MO003"]
    assert codes(check("De motie-Van Baarle over vluchtelingen (Kamerstuk 19 637, nr. 3360) voer ik uit.")) == []


def test_a_motie_with_no_members_is_checked_for_what_it_is(check):
    assert check("Ik verwijs naar de motie (Kamerstuk 21 501-02, nr. 2907).", ["MO004"]) == []
    found = check("Ik verwijs naar het amendement (Kamerstuk 21 501-02, nr. 2907).", ["MO004"])
    assert codes(found) == ["MO004"] and "record says it is a motie" in found[0][1]
    # Number first, MO001's form, with no members either.
    assert codes(check("Ik verwijs naar het Amendement 21 501-02 nr. 2907.", ["MO004"])) == ["MO004"]


def test_a_note_that_cites_two_kamerstukken(check):
    note = " [1:  Kamerstuk 19 637, nr. 3360 en Kamerstuk 36 725 XVII, nr. 45. ] "
    assert check("Ik reageer op de motie van het lid Van Baarle[footnoteRef:1] hierbij." + note) == []
    assert check("Ik reageer op de motie van de leden Ceder en Bamenga[footnoteRef:1] hierbij." + note) == []
    found = check("Ik reageer op de motie van het lid Jansen[footnoteRef:1] hierbij." + note)
    assert codes(found) == ["MO003"] and "kst" not in found[0][1] and "19 637, nr. 3360; Kamerstuk 36 725 XVII, nr. 45" in found[0][1]
    # A note citing two documents, neither of them an amendement.
    assert codes(check("Ik reageer op het amendement van het lid Van Baarle[footnoteRef:1] hierbij." + note, ["MO004"])) == ["MO004"]


def test_every_number_of_nrs(check):
    assert check("Zie de moties van de leden Van Baarle en Piri (Kamerstuk 19 637, nrs. 3227 en 3360).") == []
    found = check("Zie de moties van de leden Van Baarle en Piri (Kamerstuk 19 637, nrs. 3227 en 33600).")
    assert codes(found) == ["KS009"] and "nr. 33600 does not exist" in found[0][1]
    assert codes(check("Zie de moties van de leden Van Baarle en Jansen (Kamerstuk 19 637, nrs. 3227 en 3360).")) == ["MO003"]


# -- names -------------------------------------------------------------------------------------------
def test_names_with_and_without_accents_and_a_full_stop_after_a_signature(check):
    # The publication signs "Kostić" (kst-31765-864) and "Paulusma." (kst-32793-739).
    assert check("Ik reageer op de motie van de leden Slagt-Tichelman en Kostic c.s. (Kamerstuk 31 765, nr. 864).") == []
    assert check("Ik reageer op de motie van de leden Daniëlle Jansen, Tielen en Paulusma (Kamerstuk 32 793, nr. 739).") == []
    from linter.verify.record import clean_name, fold, same_person

    assert fold("Gündoğan") == fold("Gundogan") == "gundogan" and same_person("Gundogan", "Gündoğan")
    assert clean_name("Hirsch.") == "Hirsch" and clean_name("D.G.M. Ceder") == "D.G.M. Ceder" and clean_name("verzoekt de regering:") == ""


def test_identical_surnames_are_told_apart_by_first_name_or_initials(check):
    # kst-29826-269: "van de leden Peter de Groot en Postma"; indiener P.C. (Peter) de Groot.
    assert check("Ik reageer op de motie van de leden Peter de Groot en Postma (Kamerstuk 29 826, nr. 269).") == []
    assert check("Ik reageer op de motie van de leden De Groot en Postma (Kamerstuk 29 826, nr. 269).") == []
    found = check("Ik reageer op de motie van de leden Tjeerd de Groot en Postma (Kamerstuk 29 826, nr. 269).")
    assert codes(found) == ["MO003"] and '"Tjeerd de Groot"' in found[0][1]
    assert codes(check("Ik reageer op de motie van de leden T. de Groot en Postma (Kamerstuk 29 826, nr. 269).")) == ["MO003"]


def test_a_member_is_a_name_and_nothing_else():
    """The record's members and phrase hold no "ter vervanging van …" and no body sentences."""
    from linter.verify.record import looks_like_name, parse_publication

    for file in sorted(PUBLICATIONS.glob("kst-*.xml")):
        record = parse_publication(file.read_bytes(), file.stem)
        assert all(looks_like_name(m) for m in record.members), (file.name, record.members)
        assert "vervanging" not in record.members_phrase.lower() and "C.s." not in record.members_phrase, record.members_phrase
    gewijzigd = parse_publication((PUBLICATIONS / "kst-21501-02-2861.xml").read_bytes(), "kst-21501-02-2861")
    assert gewijzigd.members_phrase == "van het lid Van Baarle c.s." and gewijzigd.replaces == "2857"
    signed = parse_publication((PUBLICATIONS / "kst-25883-537.xml").read_bytes(), "kst-25883-537")
    assert signed.members == ["I.G. Saris"]  # not "verzoekt de regering:", not "en gaat over tot de orde van de dag."


def test_mo001_names_the_members_of_a_gewijzigde_motie_without_its_title(check):
    found = check("Ik reageer op de Motie 21 501-02 nr. 2861.", ["MO001"])
    assert found and '"de motie van het lid Van Baarle c.s. (Kamerstuk 21 501-02, nr. 2861)"' in found[0][1], found


# -- MO005: is it the motie the letter describes? -----------------------------------------------------
def test_mo005_another_moties_subject_under_this_number(check):
    # kst-36600-X-55 and -56 are both Van Baarle's, of one debate: 55 is the verdrag, 56 the boycot.
    right = "Ik reageer op de motie van het lid Van Baarle over een boycot van Israëlische defensiebedrijven (Kamerstuk 36 600 X, nr. 56)."
    assert check(right) == []
    wrong = "Ik reageer op de motie van het lid Welzijn over reclames voor buy now, pay later-diensten (Kamerstuk 24 515, nr. 809)."
    found = check(wrong)
    assert codes(found) == ["MO005"] and "buy now, pay later" in found[0][1] and "jongeren onder de 21 jaar" in found[0][1], found
    # A paraphrase that keeps the gist is no finding.
    assert check("Ik reageer op de motie van het lid Welzijn over een verbod op kredietverlening aan jongeren onder de 21 (Kamerstuk 24 515, nr. 809).") == []


def test_mo005_a_date_far_from_the_day_it_was_submitted(check):
    # kst-19637-3360 was submitted on 12 February 2025; a vote follows within weeks.
    assert check("De motie van het lid Van Baarle van 12 februari 2025 (Kamerstuk 19 637, nr. 3360) voer ik uit.") == []
    assert check("De motie van het lid Van Baarle van 18 februari 2025 (Kamerstuk 19 637, nr. 3360) voer ik uit.") == []
    found = check("De motie van het lid Van Baarle van 12 februari 2022 (Kamerstuk 19 637, nr. 3360) voer ik uit.")
    assert codes(found) == ["MO005"] and "2025-02-12" in found[0][1]


# -- MO006, MO007: what became of it ------------------------------------------------------------------
def test_mo006_the_outcome_the_letter_gives(check):
    # kst-27925-996 (Van Baarle) was adopted, kst-30950-404 (Van Baarle) rejected.
    assert check("De aangenomen motie van het lid Van Baarle (Kamerstuk 27 925, nr. 996) voer ik uit.") == []
    assert check("Ter uitvoering van de motie van het lid Van Baarle (Kamerstuk 27 925, nr. 996) stuur ik u deze brief.") == []
    found = check("De aangenomen motie van het lid Van Baarle (Kamerstuk 30 950, nr. 404) voer ik uit.")
    assert codes(found) == ["MO006"] and "it was verworpen" in found[0][1]
    found = check("Ter uitvoering van de motie van het lid Van Baarle (Kamerstuk 30 950, nr. 404) stuur ik u deze brief.")
    assert codes(found) == ["MO006"] and "carries out" in found[0][1]
    assert codes(check("De motie van het lid Van Baarle (Kamerstuk 27 925, nr. 996), die de Kamer heeft verworpen, laat ik rusten.")) == ["MO006"]
    assert check("De verworpen motie van het lid Van Baarle (Kamerstuk 30 950, nr. 404) laat ik rusten.") == []


def test_mo006_says_nothing_of_a_motie_not_yet_decided(check):
    assert check("De aangenomen motie van de leden Ceder en Bamenga (Kamerstuk 36 725 XVII, nr. 45) voer ik uit.") == []


def test_mo007_a_motie_replaced_by_a_gewijzigde_motie(check):
    found = check("Ik reageer op de motie van het lid Bontenbal c.s. (Kamerstuk 32 813, nr. 1497).")
    assert codes(found) == ["MO007"] and "Kamerstuk 32 813, nr. 1504" in found[0][1]
    assert check("Ik reageer op de gewijzigde motie van het lid Bontenbal c.s. (Kamerstuk 32 813, nr. 1504).") == []
    both = "De motie van het lid Bontenbal c.s. (Kamerstuk 32 813, nr. 1497) werd vervangen door Kamerstuk 32 813, nr. 1504."
    assert check(both) == []


def test_the_outcome_is_the_decision_that_stands():
    """From real Besluit records (the Stemming pages): a held motie is "aangehouden" until the Kamer
    decides; a final decision wins over an earlier hold, the latest final one over an earlier."""
    import json

    from linter.verify.opendata import outcome
    from record_server import OPENDATA

    page = json.loads((OPENDATA / "stemmingen" / "stemming_page_0729_enriched_20251003T140815Z.json").read_text(encoding="utf-8"))
    held = next(s["Besluit"] for s in page["value"] if s["Besluit"]["BesluitSoort"] == "Stemmen - aangehouden")
    assert held["BesluitTekst"].startswith("Aanhouden") and outcome([held]) == "aangehouden"
    adopted = {**held, "BesluitSoort": "Stemmen - aangenomen", "GewijzigdOp": "2099-01-01T00:00:00"}
    assert outcome([held, adopted]) == outcome([adopted, held]) == "aangenomen"
    withdrawn = {**held, "BesluitSoort": "Stemmen - ingetrokken", "GewijzigdOp": "2100-01-01T00:00:00"}
    assert outcome([adopted, withdrawn]) == "ingetrokken"
    assert outcome([{**held, "BesluitSoort": "Ingediend"}]) == "" and outcome([]) == ""
    assert outcome([{**adopted, "Verwijderd": True}, held]) == "aangehouden"
