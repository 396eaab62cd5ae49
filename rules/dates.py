"""DT: written dates (spec/rules.md)."""

from __future__ import annotations

from linter.registry import RuleContext, rule


@rule("DT001", "invalid-date", "error", fix="sometimes")
def invalid_date(doc, ctx: RuleContext):
    """## What it does
    Finds a date that does not exist (`31 februari 2025`) or a Dutch month written wrongly: with a
    capital (`25 Maart 2025`) or misspelt by one letter (`25 maar 2025`). A month with a capital and
    no day (`in Maart 2024`) is found after a word in lower case, so a sentence start or a title
    (`Voortgang Maart 2024`) is left alone; a date in American order, month before day
    (`Maart 12, 2024`, `maart 12 2024`), is found too. `April`, `September`, `November` and
    `December` are English as well, and German writes `Juni`, `Juli` and `Oktober` with a capital,
    so a month without a day is flagged only in Dutch text.

    ## Why is this bad?
    Dutch months take no capital; a date that does not exist is a typo in a fact.

    ## Example
    Wrong: `25 Maart 2025`, `in Maart 2024`, `Maart 12, 2024`

    Right: `25 maart 2025`, `in maart 2024`, `12 maart 2024`

    ## Fix safety
    Unsafe: the month is corrected as written, which may not be the one meant. An impossible
    date has no fix.
    """
    from linter.citations.scan import report

    yield from report(doc, ctx, "DT001")


@rule("DT002", "weekday-mismatch", "error", fix="always")
def weekday_mismatch(doc, ctx: RuleContext):
    """## What it does
    Finds a weekday that does not fit its date (`dinsdag 26 maart 2025`: that was a woensdag).

    ## Why is this bad?
    Either the weekday or the date is wrong, and the reader cannot tell which.

    ## Example
    Wrong: `dinsdag 26 maart 2025`

    Right: `woensdag 26 maart 2025` (or `dinsdag 25 maart 2025`)

    ## Fix safety
    Unsafe: the fix corrects the weekday, but the date may be the mistake.
    """
    from linter.citations.scan import report

    yield from report(doc, ctx, "DT002")
