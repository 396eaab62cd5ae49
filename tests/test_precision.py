"""Precision and recall on real documents, judged by hand (fixtures/precision/, issues 9 and 20).

Every finding kamerlint gives on ../shared/corpus/texts, /docx and /kamervragen must have a verdict,
and every rule family with ten or more judged findings must reach a precision of 0.98 and a
recall of 0.95 on the deviations found by reading (misses.tsv). A verdict whose finding is no
longer reported is fine (a rule became more precise); a new finding without a verdict is not:
judge it (scripts/precision.py --todo) and add it.
"""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, needs_shared

sys.path.insert(0, str(ROOT / "scripts"))

import precision  # noqa: E402

MIN_PRECISION = 0.98
MIN_RECALL = 0.95
MIN_JUDGED = 10
MIN_TEXTS_READ = 20
@pytest.fixture(scope="module")
def compared():
    return precision.compare(precision.findings(), precision.load_verdicts())


@needs_shared
def test_every_finding_is_judged(compared):
    _, unjudged, _ = compared
    assert not unjudged, "findings without a verdict (scripts/precision.py --todo):\n" + "\n".join(
        f"{f.file} {f.code} {f.location}: {f.matched!r} — {f.message}" for f in unjudged
    )


def weak_families(tallies, families) -> list[str]:
    return [
        f"{fam}: {t.right} right, {t.wrong} wrong, precision {t.precision:.2f}"
        for fam, t in sorted(tallies.items())
        if fam in families and t.judged >= MIN_JUDGED and t.precision is not None and t.precision < MIN_PRECISION
    ]


@needs_shared
def test_precision_of_every_family(compared):
    tallies, _, _ = compared
    assert not weak_families(tallies, set(tallies))


@needs_shared
def test_recall_of_every_family(compared):
    tallies, _, _ = compared
    recalled, missed = precision.recall(precision.findings(), precision.load_deviations())
    weak = [f"{fam}: {r.reported} of {r.listed} deviations read are reported ({r.recall:.2f})"
            for fam, r in sorted(recalled.items())
            if fam in tallies and tallies[fam].judged >= MIN_JUDGED and r.recall is not None and r.recall < MIN_RECALL]
    assert not weak, "\n".join(weak)


def test_the_deviations_were_read_in_enough_texts():
    deviations = precision.load_deviations()  # raises on a row without its file in read.tsv, a place, or why
    read = precision.load_tsv(precision.READ)
    assert len(read) >= MIN_TEXTS_READ and len({row["file"] for row in read}) == len(read)
    assert {row["family"] for row in deviations} >= {"KS", "FN"}


def test_verdicts_are_well_formed():
    verdicts = precision.load_verdicts()  # raises on an unknown verdict or a debatable one without reason
    assert len(verdicts) >= 100
    assert all(row["reason"].strip() for row in verdicts.values())


def test_a_verdict_survives_changes_elsewhere_in_the_file(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    letter = texts / "brief.txt"
    letter.write_text("De NZa meldt het. De NZa en de NZA overleggen.\n[1:  Zie de brief] \n", encoding="utf-8")
    before = {f.key for f in precision.findings(tmp_path)}
    letter.write_text("Geachte voorzitter,\n\nInleiding.\nDe NZa meldt het. De NZa en de NZA overleggen.\n[1:  Zie de brief] \n",
                      encoding="utf-8")
    after = {f.key for f in precision.findings(tmp_path)}
    assert before == after and ("texts/brief.txt", "CO002", "NZA", 1) in after
