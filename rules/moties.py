"""MO: moties and amendementen (spec/rules.md, spec/references.md §2)."""

from __future__ import annotations

from linter.registry import RuleContext, rule


@rule("MO001", "motie-citation", "warning", fix="sometimes")
def motie_citation(doc, ctx: RuleContext):
    """## What it does
    Finds a motie or amendement cited by number alone or number first
    (`de Motie 36 725-XVII nr. 45 van de leden Ceder en Bamenga`, `de aangenomen motie 35 570,
    nr. 12`), or in the Handelingen's way (`de motie op stuk nr. 804 (32 813)`, reported outside
    a Handelingen page or motie only). The finding covers the whole phrase; the missing
    `Kamerstuk` label of such a number is part of this finding, not a KS005.

    ## Why is this bad?
    The Kamer names a motie by its members and gives the Kamerstuk in parentheses; a bare number
    tells the reader nothing about whose motie it is.

    ## Example
    Wrong: `de Motie 36 725-XVII nr. 45 van de leden Ceder en Bamenga`

    Right: `de motie van de leden Ceder en Bamenga (Kamerstuk 36 725 XVII, nr. 45)`

    ## Fix safety
    Unsafe: the fix reorders the phrase. Without the members' names there is no fix, unless the
    record is known (`lint --verify`, KS009): then the fix names the members as the Kamer does.
    """
    from linter.citations.scan import report
    from rules.verification import name_the_members

    yield from name_the_members(doc, ctx, report(doc, ctx, "MO001"))


@rule("MO002", "motie-capitalisation", "warning", fix="always")
def motie_capitalisation(doc, ctx: RuleContext):
    """## What it does
    Finds `Motie`, `Amendement` or `Toezegging` written with a capital inside a sentence. A word
    at the start of a line (after a heading without a full stop, in a text draft) starts a
    sentence, and a name the letter defines itself (`(hierna: Motie#3)`) is left alone.

    ## Why is this bad?
    They are common nouns; a capital inside a sentence is a spelling error.

    ## Example
    Wrong: `Ook reageer ik op de Motie van de leden Ceder en Bamenga.`

    Right: `Ook reageer ik op de motie van de leden Ceder en Bamenga.`

    ## Fix safety
    Unsafe: it changes a letter's case, which a title or quotation may need. Inside a motie
    phrase that MO001 rewrites, the fix is MO001's whole corrected phrase.
    """
    from linter.citations.scan import report

    yield from report(doc, ctx, "MO002")
