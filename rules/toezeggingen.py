"""TZ: toezeggingen (spec/rules.md, spec/references.md §3)."""

from __future__ import annotations

from linter.registry import RuleContext, rule


@rule("TZ001", "toezegging-number-format", "error", fix="sometimes")
def toezegging_number_format(doc, ctx: RuleContext):
    """## What it does
    Finds a Tweede Kamer toezegging number that is not `TZ` + year + month + `-` + three or four
    digits, or whose month is not 01–12 (`TZ202513-001`, `TZ2025-05-049`).

    ## Why is this bad?
    A malformed number cannot be found in the Kamer's register of toezeggingen.

    ## Example
    Wrong: `TZ2025-05-049`

    Right: `TZ202505-049`

    ## Fix safety
    Safe when only separators change; there is no fix for an impossible month.
    """
    from linter.citations.scan import report

    yield from report(doc, ctx, "TZ001")


@rule("TZ002", "toezegging-after-letter-date", "warning")
def toezegging_after_letter_date(doc, ctx: RuleContext):
    """## What it does
    Finds a toezegging registered after the letter's own date: its `yyyymm` lies after the month
    of the letter. The letter's date comes from `--letter-date`, or from a `Datum 18 oktober 2023`
    line (or a line that is only a date) near the top of the letter; without one the rule is silent.

    ## Why is this bad?
    A letter cannot fulfil a promise made after it was written: the number is probably mistyped.

    ## Example
    Wrong: `TZ202507-026` in a letter dated 18 oktober 2023.

    Right: `TZ202307-026`, or the letter's correct date.

    ## Fix safety
    No fix: only the author knows which number is meant.
    """
    from linter.citations.dates import letter_date
    from linter.citations.models import TOEZEGGING
    from linter.citations.scan import scan
    from linter.model import Span

    when = letter_date(doc, ctx.settings)
    if when is None:
        return
    for para, refs in scan(doc, getattr(ctx.settings, "citation_style", "tweede-kamer")):
        for ref in refs:
            year, month = ref.fields.get("year"), ref.fields.get("month")
            if ref.type == TOEZEGGING and year and (year, month) > (when.year, when.month):
                yield ctx.report(
                    Span(para, ref.start, ref.end),
                    f"Toezegging {ref.text} was registered in {month:02d}/{year}, after the letter's date "
                    f"({when.day}-{when.month}-{when.year})",
                )


@rule("TZ003", "eerste-kamer-toezegging", "info")
def eerste_kamer_toezegging(doc, ctx: RuleContext):
    """## What it does
    Notes an Eerste Kamer toezegging number (`T01237`, T + five digits) in a letter to the Tweede
    Kamer.

    ## Why is this bad?
    The Eerste Kamer keeps its own register; citing its number as a Tweede Kamer toezegging sends
    the reader to the wrong register.

    ## Example
    Wrong: `Hiermee doe ik toezegging T02867 gestand.` in a letter to the Tweede Kamer.

    Right: `Hiermee doe ik toezegging TZ202501-123 gestand.` (the Tweede Kamer's number), or say
    that the Eerste Kamer toezegging is meant.

    ## Fix safety
    No fix: the right number cannot be derived.
    """
    from linter.citations.models import TOEZEGGING_EK
    from linter.citations.scan import scan
    from linter.model import Span

    for para, refs in scan(doc, getattr(ctx.settings, "citation_style", "tweede-kamer")):
        for ref in refs:
            if ref.type == TOEZEGGING_EK:
                yield ctx.report(Span(para, ref.start, ref.end),
                                 f"{ref.text} is an Eerste Kamer toezegging number; this letter goes to the Tweede Kamer")
