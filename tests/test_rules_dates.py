"""DT001 on months without a day and dates in American order (issue 9, item 7): found in prose,
silent where the capital is right (a sentence start, a title) or the text is English."""

from __future__ import annotations

import pytest

from conftest import lint_text
from linter.engine import lint_bytes
from linter.settings import Settings
from test_docx_reader import build, para, run


@pytest.mark.parametrize(
    "text, span, fixed",
    [
        ("Ondertussen gebruikte in Juni 2023 al 18% van de rijksambtenaren een chatbot.", "Juni 2023", "juni 2023"),
        ("Het plan is sinds Maart 2024 in uitvoering.", "Maart 2024", "maart 2024"),
        ("De brief van Maart 12, 2024 is beantwoord.", "Maart 12, 2024", "12 maart 2024"),
        ("De brief van maart 12 2024 is beantwoord.", "maart 12 2024", "12 maart 2024"),
        ("We hebben in September 2024 een plan gemaakt.", "September 2024", "september 2024"),
    ],
)
def test_dt001_month_without_day_or_in_american_order(text, span, fixed):
    found = lint_text(text + "\n", "DT001")
    assert [(d.span.text, d.fix.replacement, d.fix.applicability) for d in found] == [(span, fixed, "unsafe")]


def test_dt001_american_order_of_a_date_that_does_not_exist():
    found = lint_text("De brief van Februari 30, 2024 is beantwoord.\n", "DT001")
    assert [d.fix for d in found] == [None, None] and any("does not exist" in d.message for d in found)


@pytest.mark.parametrize(
    "text",
    [
        "Het plan is in maart 2024 gestart.",
        "Maart 2024 was een koude maand.",  # a sentence start
        "Zie het rapport Voortgang Maart 2024 van de Inspectie.",  # a title in title case
        "De brief van 12 maart 2024 is beantwoord.",
        "The plan started in September 2024 in London.",  # English
        "Er zijn op 4 maart 12 2024-projecten gestart.",
    ],
)
def test_dt001_no_false_alarms(text):
    assert lint_text(text + "\n", "DT001") == []


def test_dt001_in_a_docx():
    body = para(run("Ondertussen gebruikte in Juni 2023 al 18% van de rijksambtenaren een chatbot.")) + para(
        run("Juni 2023 was de maand van de visie.")
    )
    found = lint_bytes(build(body), "memo.docx", Settings(select=["DT001"]))
    assert [(d.location.paragraph, d.span.text) for d in found] == [(1, "Juni 2023")]


def test_dt001_silent_on_german_months():
    assert lint_text("Bis zu dem Zeitpunkt als im Juli 1914 der erste Weltkrieg ausbrach.\n", "DT001") == []


def test_days_in_month_is_the_calendar_s():
    import calendar

    from linter.citations.dates import days_in_month

    assert all(days_in_month(y, m) == calendar.monthrange(y, m)[1] for y in range(1800, 2201) for m in range(1, 13))
