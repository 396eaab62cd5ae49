"""HA: Handelingen, Aanhangsel and Kamervragen numbers (spec/rules.md, spec/references.md §4)."""

from __future__ import annotations

from linter.registry import RuleContext, rule


@rule("HA001", "handelingen-format", "warning")
def handelingen_format(doc, ctx: RuleContext):
    """## What it does
    Finds a malformed Handelingen reference: from 2011 on the form is
    `Handelingen II 2024/25, nr. 45, item 12`, before 2011 `Handelingen II 2007/08, nr. 108,
    p. 7909-7943`. A missing `item`, `blz.`, a year written `2010-2011` or a chamber other than I
    or II are reported.

    ## Why is this bad?
    The Aanwijzingen (3.43) fix this form; without the item a reader cannot find the debate.

    ## Example
    Wrong: `Handelingen II 2010-2011, nr. 108, blz. 25`

    Right: `Handelingen II 2010/11, nr. 108, item 5, p. 25`

    ## Fix safety
    No fix: the missing parts (item, meeting number) cannot be guessed.
    """
    from linter.citations.scan import report

    yield from report(doc, ctx, "HA001")


@rule("HA002", "aanhangsel-format", "warning", fix="always")
def aanhangsel_format(doc, ctx: RuleContext):
    """## What it does
    Finds a malformed Aanhangsel reference. Both `Aanhangsel Handelingen II 2024/25, nr. 1234`
    and the Kamer's own `Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1028` are right;
    mixtures of the two (`Aanhangsel Handelingen II, vergaderjaar 2020–2021, nr. 3517`),
    `Aanhangsel van de Handelingen`, other year forms and a number without `nr.`
    (`Aanhangsel Handelingen, vergaderjaar 2023–2024, 1234`) are not, nor a session year that
    cannot exist (`vergaderjaar 2021–202`: no fix, the year cannot be guessed).

    ## Why is this bad?
    An Aanhangsel reference is how answers to Kamervragen are cited; a consistent form keeps
    them findable.

    ## Example
    Wrong: `Aanhangsel van de Handelingen 2021/2022, nr. 2197`

    Right: `Aanhangsel Handelingen, vergaderjaar 2021–2022, nr. 2197`

    ## Fix safety
    Safe when only punctuation and the year form change; unsafe when words are dropped.
    """
    from linter.citations.scan import report

    yield from report(doc, ctx, "HA002")


@rule("HA003", "zaak-number-format", "warning", fix="sometimes")
def zaak_number_format(doc, ctx: RuleContext):
    """## What it does
    Finds a Kamervragen (zaak) or document number written `2025-Z01234`, `2025 D12345`, or
    without its year (`Z01234`, only where the paragraph speaks of vragen, a zaak or a document).

    ## Why is this bad?
    The Kamer's numbers are `2025Z01234` and `2025D12345`: other forms are not found by search.

    ## Example
    Wrong: `de schriftelijke vragen (2021-Z07250)`

    Right: `de schriftelijke vragen (2021Z07250)`

    ## Fix safety
    Safe: only the separator is removed. A number without its year has no fix.
    """
    from linter.citations.scan import report

    yield from report(doc, ctx, "HA003")
