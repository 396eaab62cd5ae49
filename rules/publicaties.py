"""PB: official journals, case law and EU publications (spec/rules.md, spec/references.md §4)."""

from __future__ import annotations

from linter.registry import RuleContext, rule


@rule("PB001", "journal-format", "warning", fix="sometimes")
def journal_format(doc, ctx: RuleContext):
    """## What it does
    Finds Staatsblad, Staatscourant and Tractatenblad references not written `Stb. 2011, 35`,
    `Stcrt. 2015, 10247`, `Trb. 2008, 175`: `Stb 2011/35`, `Staatsblad 2011 nr 35`, or a number
    without the year (`Stb. 35`, `Stcrt. 41877`, `Staatscourant (nr. 41877)`). A year alone
    (`de Staatscourant 2023`) is no reference.

    ## Why is this bad?
    Aanwijzing 3.45 prescribes this form.

    ## Example
    Wrong: `Stb 2011/35`

    Right: `Stb. 2011, 35`

    ## Fix safety
    Safe when only punctuation changes; unsafe when a word is abbreviated. No fix without a year.
    """
    from linter.citations.scan import report

    yield from report(doc, ctx, "PB001")


@rule("PB002", "ecli-format", "error", fix="always")
def ecli_format(doc, ctx: RuleContext):
    """## What it does
    Finds a malformed ECLI: spaces instead of colons, lower case, or a Dutch ECLI whose number is
    neither digits nor two letters and four digits.

    ## Why is this bad?
    An ECLI is an identifier: a wrong one finds no judgment (Aanwijzing 3.44).

    ## Example
    Wrong: `ECLI NL HR 2014 3113`

    Right: `ECLI:NL:HR:2014:3113`

    ## Fix safety
    Safe when only separators change; unsafe when letters change case.
    """
    from linter.citations.scan import report

    yield from report(doc, ctx, "PB002")


@rule("PB003", "eu-journal-format", "warning", fix="sometimes")
def eu_journal_format(doc, ctx: RuleContext):
    """## What it does
    Finds EU Official Journal references in the EU's own or English style (`PB L 180`,
    `OJ L 180`, `PbEU L180`).

    ## Why is this bad?
    Dutch government texts follow Aanwijzing 3.46: `PbEU 2010, L 180` (`PbEG` before 1 February
    2003).

    ## Example
    Wrong: `PB L 222 van 20.8.2008`

    Right: `PbEU 2008, L 222`

    ## Fix safety
    Unsafe: the journal's name changes. Without a year there is no fix.
    """
    from linter.citations.scan import report

    yield from report(doc, ctx, "PB003")


@rule("PB004", "unpublished-placeholder", "warning")
def unpublished_placeholder(doc, ctx: RuleContext):
    """## What it does
    Finds `Stb. …, …` or `Stcrt. …` left in the letter: a publication that was not yet known
    when the draft was written.

    ## Why is this bad?
    The placeholder is meant for drafts only (Aanwijzing 3.45, second paragraph).

    ## Example
    Wrong: `Stb. …, …`

    Right: `Stb. 2025, 123`

    ## Fix safety
    No fix: the number must be looked up.
    """
    from linter.citations.scan import report

    yield from report(doc, ctx, "PB004")
