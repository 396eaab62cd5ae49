"""TZ: toezeggingen (spec/rules.md, spec/references.md §3)."""

from __future__ import annotations

from linter.i18n import _
from linter.lazy import LazyPattern
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
    of the letter. The letter's date comes from `--letter-date`, else from the letter's head: a
    date content control titled `Datum`, a `Datum` field, or a `Datum 18 oktober 2023` line (in a
    frame, a text box, the first page's header or the body; or a line that is only a date) near the
    top of the letter; without one the rule is silent. The message says where the date came from.

    ## Why is this bad?
    A letter cannot fulfil a promise made after it was written: the number is probably mistyped.

    ## Example
    Wrong: `TZ202507-026` in a letter dated 18 oktober 2023.

    Right: `TZ202307-026`, or the letter's correct date.

    ## Fix safety
    No fix: only the author knows which number is meant.
    """
    from linter.citations.models import TOEZEGGING
    from linter.citations.scan import scan
    from linter.letterhead import find_letter_date
    from linter.model import Span

    found = find_letter_date(doc, ctx.settings)
    if found is None:
        return
    when, source = found.date, found.describe()
    for para, refs in scan(doc, getattr(ctx.settings, "citation_style", "tweede-kamer")):
        for ref in refs:
            year, month = ref.fields.get("year"), ref.fields.get("month")
            if ref.type == TOEZEGGING and year and (year, month) > (when.year, when.month):
                yield ctx.report(
                    Span(para, ref.start, ref.end),
                    _(
                        "Toezegging {number} was registered in {month}/{year}, after the letter's date ({date}, from {source})",
                        number=ref.text, month=f"{month:02d}", year=year, date=f"{when.day}-{when.month}-{when.year}", source=source,
                    ),
                )


#: Where a letter or document shows it is addressed to, or comes from, the Eerste Kamer: its
#: addressee line, the chamber's full name in a header, or the names of its own records.
EERSTE_KAMER = LazyPattern(
    r"\bAan de (?:Voorzitter|voorzitter|leden) van de Eerste Kamer\b"
    r"|\bEerste Kamer der Staten[\-\u2010\u2011 ]Generaal\b"
    r"|\bKorte aantekeningen\b.{0,200}\bcommissies?\b",
)
TWEEDE_KAMER = LazyPattern(r"\bAan de (?:Voorzitter|voorzitter) van de Tweede Kamer\b|\bTweede Kamer der Staten[\-\u2010\u2011 ]Generaal\b")
#: How far into the document the addressee or letterhead is looked for.
OPENING_PARAGRAPHS = 40


def addressee(doc) -> str | None:
    """'eerste-kamer' or 'tweede-kamer' when the opening of the document (body and headers) says
    which chamber it goes to or comes from; None when it does not say."""
    seen = 0
    for para in doc.paragraphs("header", "body"):
        text = para.text
        if not text.strip():
            continue
        # Both patterns begin with \b, which re tries at every position: only where their words are.
        if ("Eerste Kamer" in text or "Korte aantekeningen" in text) and EERSTE_KAMER.search(text):
            return "eerste-kamer"
        if "Tweede Kamer" in text and TWEEDE_KAMER.search(text):
            return "tweede-kamer"
        seen += 1
        if seen >= OPENING_PARAGRAPHS:
            break
    return None


#: Where one sentence (or one item of a list) ends and the next begins.
SENTENCE_BREAK = LazyPattern(r"[.;!?](?:\s|$)|\n")


def sentence_runs(para, refs):
    """The references grouped by sentence: a run of numbers in one sentence is one group."""
    group, last_end = [], None
    for ref in refs:
        if group and SENTENCE_BREAK.search(para.text, last_end, ref.start):
            yield group
            group = []
        group.append(ref)
        last_end = ref.end
    if group:
        yield group


@rule("TZ003", "eerste-kamer-toezegging", "info")
def eerste_kamer_toezegging(doc, ctx: RuleContext):
    """## What it does
    Notes an Eerste Kamer toezegging number (`T01237`, T + five digits) in a letter to the Tweede
    Kamer. A document to or of the Eerste Kamer (its opening says `Aan de Voorzitter van de Eerste
    Kamer`, `Eerste Kamer der Staten-Generaal`, or it is one of the Eerste Kamer's own records, such
    as its committees' `Korte aantekeningen`) cites these numbers rightly, and the rule is silent
    there. Where the opening names no chamber, the message says "if this letter goes to the Tweede
    Kamer". Several numbers in one sentence (`toezeggingen T02867, T02849 en T02857`) are one
    finding, spanning the run and naming every number.

    ## Why is this bad?
    The Eerste Kamer keeps its own register; citing its number as a Tweede Kamer toezegging sends
    the reader to the wrong register.

    ## Example
    Wrong: `Hiermee doe ik toezegging T02867 gestand.` in a letter to the Tweede Kamer.

    Right: `Hiermee doe ik toezegging TZ202501-123 gestand.` (the Tweede Kamer's number), or say
    that the Eerste Kamer toezegging is meant; in a letter `Aan de Voorzitter van de Eerste Kamer`
    the T-number is right.

    ## Fix safety
    No fix: the right number cannot be derived.
    """
    from linter.citations.models import TOEZEGGING_EK
    from linter.citations.scan import scan
    from linter.model import Span

    chamber = addressee(doc)
    if chamber == "eerste-kamer":
        return
    to_whom = _("this letter goes to the Tweede Kamer") if chamber == "tweede-kamer" else _("if this letter goes to the Tweede Kamer, cite its own register")
    for para, refs in scan(doc, getattr(ctx.settings, "citation_style", "tweede-kamer")):
        numbers = [ref for ref in refs if ref.type == TOEZEGGING_EK]
        for run in sentence_runs(para, numbers):
            first = run[0]
            if len(run) == 1:
                what = _("{number} is an Eerste Kamer toezegging number", number=first.text)
            else:
                what = _("{numbers} and {last} are Eerste Kamer toezegging numbers", numbers=", ".join(r.text for r in run[:-1]), last=run[-1].text)
            yield ctx.report(Span(para, first.start, run[-1].end), _("{finding}; {advice}", finding=what, advice=to_whom))
