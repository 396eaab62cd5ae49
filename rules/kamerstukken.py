"""KS: references to Kamerstukken (spec/rules.md, spec/references.md §1).

The parsing lives in linter.citations; these rules only pick out its problems by code. A fix is
always the whole corrected reference (and every finding on one reference offers the same one), in the reference's own style (or the configured one when
the reference has none, such as a bare `36 725-XVII nr. 45`).
"""

from __future__ import annotations

from linter.i18n import _
from linter.registry import RuleContext, rule


def _report(doc, ctx: RuleContext, code: str):
    from linter.citations.scan import report

    yield from report(doc, ctx, code)


@rule("KS001", "dossier-number-format", "warning", fix="always")
def dossier_number_format(doc, ctx: RuleContext):
    """## What it does
    Finds a dossier number written against the citation style: `36180` where the Tweede Kamer
    house style wants `36 180`, or, with `citation-style = "juridisch"`, `36 180` in a legal-style
    reference where the Aanwijzingen write `36180`. A no-break space counts as a space. Also a
    sub-dossier after an en dash (`21501–32`: `21 501-32`), every dossier of a document that two
    dossiers share (`29 544 en 31311, nr. 98`), and a dossier number of six digits
    (`354410-XII, nr. 4`), which has no fix: which digit is one too many cannot be told.

    In a motie or a Handelingen page (`document-type`, guessed from the opening) the Kamer's own
    shorthand is right: an unlabelled number or an identifier there gets no KS001.

    ## Why is this bad?
    The Kamer prints dossier numbers with a space in its own papers; a letter that mixes forms
    looks careless and is harder to search.

    ## Example
    Wrong: `Kamerstuk 36180, nr. 168`

    Right: `Kamerstuk 36 180, nr. 168`

    ## Fix safety
    The fix rewrites the whole reference. It is safe when only spacing and punctuation change,
    unsafe when the fix also adds a label or changes a word.
    """
    yield from _report(doc, ctx, "KS001")


@rule("KS002", "missing-comma-before-nr", "error", fix="always")
def missing_comma_before_nr(doc, ctx: RuleContext):
    """## What it does
    Finds a Kamerstuk reference without the comma before `nr.`: `36 180 nr. 168`.

    ## Why is this bad?
    Every citation system (Aanwijzingen 3.43, Leidraad, the Kamer's own papers) writes `, nr.`.

    ## Example
    Wrong: `Kamerstuk 36 180 nr. 168`

    Right: `Kamerstuk 36 180, nr. 168`

    ## Fix safety
    Safe when only the comma is added; unsafe when the corrected reference also changes words.
    """
    yield from _report(doc, ctx, "KS002")


@rule("KS003", "number-abbreviation", "error", fix="always")
def number_abbreviation(doc, ctx: RuleContext):
    """## What it does
    Finds the ondernummer written with another abbreviation or spacing: `nr`, `no.`, `No.`, `Nr.`,
    `nummer`, `nr,`, `nr.168`; and several numbers each with its own `nr.` (`nr. 5, nr. 8 en 9`),
    which take one `nrs.`. The fix keeps every number.

    ## Why is this bad?
    `nr.` followed by one space is the only form the citation guides use.

    ## Example
    Wrong: `Kamerstuk 36 180, nr.168`, `Kamerstuk 32 813, nummer 676`,
    `Kamerstukken 30 123, nr. 5, nr. 8 en 9`

    Right: `Kamerstuk 36 180, nr. 168`, `Kamerstuk 32 813, nr. 676`,
    `Kamerstukken 30 123, nrs. 5, 8 en 9`

    ## Fix safety
    Safe when only spacing or punctuation changes (`nr.168`); unsafe when a word changes (`nummer`).
    """
    yield from _report(doc, ctx, "KS003")


@rule("KS004", "chapter-suffix-format", "warning", fix="always")
def chapter_suffix_format(doc, ctx: RuleContext):
    """## What it does
    Finds a budget chapter or fund letter joined to the dossier number with a hyphen in prose
    (`36 725-XVII`) or glued to it (`35 300A`), or a suffix that is no known chapter. Sub-dossiers
    (`21 501-02`) keep their hyphen. The known chapters and funds are the Rijksbegroting's
    begrotingshoofdstukken (I to XXIII: XIX Nationaal Groeifonds, XX Asiel en Migratie, XXII
    Volkshuisvesting en Ruimtelijke Ordening, XXIII Klimaat en Groene Groei) and fondsen (A, B, C,
    F, H, J, K, L, M), one table in `linter/citations/chapters.py`.

    In a motie or a Handelingen page (`document-type`, guessed from the opening) the Kamer's own
    shorthand is right: an unlabelled number or an identifier there gets no KS004 for a hyphen.

    ## Why is this bad?
    The hyphenated form is the identifier used in URLs and titles; in a citation the chapter
    follows after a space (Aanwijzing 3.43).

    ## Example
    Wrong: `Kamerstuk 36 725-XVII, nr. 45`

    Right: `Kamerstuk 36 725 XVII, nr. 45`

    ## Fix safety
    Safe when only the hyphen becomes a space; unsafe when the fix changes more of the reference.
    """
    yield from _report(doc, ctx, "KS004")


@rule("KS005", "reference-label", "warning", fix="always")
def reference_label(doc, ctx: RuleContext):
    """## What it does
    Finds a Kamerstuk reference without its label (`(34 748, nr. 2)`), with an informal label
    (`TK 30800 V, nr. 51`, `kamerstuk` in lower case, `Kamerstuknummer`), an identifier in prose
    (`kst-36180-168`, `Kamerstuk 35510-115`, `29754-536`), or a singular/plural mismatch
    (`Kamerstuk II 2024/25, …`; `Kamerstukken 36 180, nr. 168` for one document), a comma
    after the label (`Kamerstuk, 28 111, nr. 7`), a bare identifier in parentheses
    (`(28 089-104)`), an Eerste Kamer document in parentheses without its label
    (`(34 000 XIII, H)`), a Kamervragen or document number under the label (`kamerstuk nr.
    2021Z14231`, no fix), or the chamber in words with the label out of place (`Kamerstuk Tweede
    Kamer, vergaderjaar 2021–2022, 35 925, nr. 120`: one finding, whose fix writes the label
    once). A number cited right after the word motie is left to MO001. `-NN` after a dossier number is a sub-dossier only in a dossier that has them
    (21 501-02, 21 501-20, …) or when `, nr.` follows; otherwise `Kamerstuk 34567-12` is the
    identifier of nr. 12 and gets this one finding. Several numbers (`Kamerstukken 30 123,
    nrs. 11 en 15`) are one reference, and the plural is right for them. A list of documents
    under one label (`Kamerstukken 31 288, nr. 5 van 3 maart 2024 en 31 288, nr. 9`), each member
    perhaps with its date or title, is right too: the later members need no label of their own.
    A number followed by its own `, nr.` starts a new reference (`35 000 XV, nr. 12 en 34775,
    nr. 3` cites two documents).

    In a motie or a Handelingen page (`document-type`, guessed from the opening) the Kamer's own
    shorthand is right: an unlabelled number or an identifier there gets no KS005.

    ## Why is this bad?
    Without the label a reader (and a link extractor) does not know a Kamerstuk is meant; an
    identifier is not a citation.

    ## Example
    Wrong: `(Kamerstuk 35510-115)`

    Right: `(Kamerstuk 35 510, nr. 115)`

    ## Fix safety
    Unsafe: the fix adds or changes words.
    """
    yield from _report(doc, ctx, "KS005")


@rule("KS006", "vergaderjaar-format", "warning", fix="sometimes")
def vergaderjaar_format(doc, ctx: RuleContext):
    """## What it does
    Finds a session year (vergaderjaar) in a Kamerstuk citation not written `2024/25` (`2024-2025`,
    `2024/2025`, `2024–25`), or one that cannot exist (`2023/34`).

    ## Why is this bad?
    The Aanwijzingen and the Leidraad write the vergaderjaar as `yyyy/yy`; `yyyy-yyyy` is the form
    of Kamer headers and open data, not of citations.

    ## Example
    Wrong: `Kamerstukken II 2024-2025, 36 600, nr. 3`

    Right: `Kamerstukken II 2024/25, 36 600, nr. 3`

    ## Fix safety
    Safe: only the year form changes. An impossible year has no fix.
    """
    yield from _report(doc, ctx, "KS006")


@rule("KS007", "mixed-citation-styles", "info", fix="sometimes")
def mixed_citation_styles(doc, ctx: RuleContext):
    """## What it does
    Notes a letter that cites Kamerstukken in both styles: the Tweede Kamer house style
    (`Kamerstuk 36 180, nr. 168`) and the legal style (`Kamerstukken II 2024/25, 36180, nr. 168`).
    It is reported once, at the first reference in the style that is not the configured one.

    ## Why is this bad?
    Either style is legitimate, but one letter should use one.

    ## Example
    Wrong: `Kamerstuk 36 180, nr. 168` in one note and `Kamerstukken II 2022/23, 36229, nr. 1` in
    the next.

    Right: `Kamerstuk 36 180, nr. 168` and `Kamerstuk 36 229, nr. 1`.

    ## Fix safety
    Unsafe: rewriting a legal-style reference in the house style drops the chamber and year. A
    house-style reference cannot be rewritten in the legal style (its year is unknown): no fix.
    When the reference has other findings, their fix is the one offered and this one has none.
    """
    from linter.citations.models import JURIDISCH, KAMERSTUK, TWEEDE_KAMER
    from linter.citations.scan import make_fix, scan
    from linter.model import Span

    style = getattr(ctx.settings, "citation_style", TWEEDE_KAMER)
    seen: dict[str, list] = {TWEEDE_KAMER: [], JURIDISCH: []}
    for para, refs in scan(doc, style):
        for ref in refs:
            if ref.type == KAMERSTUK and ref.style in seen:
                seen[ref.style].append((para, ref))
    if not seen[TWEEDE_KAMER] or not seen[JURIDISCH]:
        return
    other = JURIDISCH if style == TWEEDE_KAMER else TWEEDE_KAMER
    para, ref = seen[other][0]
    span = Span(para, ref.start, ref.end)
    counts = {"house": len(seen[TWEEDE_KAMER]), "legal": len(seen[JURIDISCH])}
    if style == TWEEDE_KAMER:
        message = _("The letter cites Kamerstukken in both styles ({house} in the Tweede Kamer style, {legal} in the legal style); the configured style is the Tweede Kamer style", **counts)
    else:
        message = _("The letter cites Kamerstukken in both styles ({house} in the Tweede Kamer style, {legal} in the legal style); the configured style is the legal style", **counts)
    # One reference, one fix: a reference with problems of its own offers their fix, not a second one.
    replacement = ref.render(style) if style == TWEEDE_KAMER and not ref.problems else None
    yield ctx.report(span, message, make_fix(span, replacement))


@rule("KS008", "chamber-format", "warning", fix="sometimes")
def chamber_format(doc, ctx: RuleContext):
    """## What it does
    Finds a malformed chamber numeral (I for the Eerste Kamer, II for the Tweede Kamer) in a
    legal-style citation: `Kamerstukken ll` (two letters L), `II2015`, `Kamerstukken II, 2022/23`, a year without chamber (`Kamerstukken 2010/11, …`), or a
    missing comma after the year.

    ## Why is this bad?
    The legal style is `Kamerstukken II 2024/25, 36180, nr. 168`; the chamber tells the reader
    which Kamer's papers are meant.

    ## Example
    Wrong: `Kamerstukken II, 2005/06, 30 316, nr. 6`

    Right: `Kamerstukken II 2005/06, 30 316, nr. 6`

    ## Fix safety
    Safe when only punctuation changes. A missing chamber cannot be guessed: the fix then offers
    the house style form without chamber and year, which is unsafe.
    """
    yield from _report(doc, ctx, "KS008")
