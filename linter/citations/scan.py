"""Running the parser over a document once, for all citation rules, and turning problems into
diagnostics. Rules call :func:`report`; the scan is cached per document and style."""

from __future__ import annotations

import weakref

from linter.citations import patterns as P
from linter.citations.find import defined_terms, find_references
from linter.citations.genre import document_genre
from linter.citations.models import Reference, is_safe_change
from linter.diagnostics import Edit, Fix
from linter.i18n import _
from linter.model import Span

_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def scan(doc, style: str, document_type: str | None = None) -> list[tuple[object, list[Reference]]]:
    """Every paragraph of every story with the references in it (empty lists left out), read
    with the conventions of the document's genre (``document_type``; None or "auto": guessed)."""
    per_doc = _CACHE.setdefault(doc, {})
    genre_key = ("genre", document_type)
    if genre_key not in per_doc:  # every citation rule asks: guess once
        per_doc[genre_key] = document_genre(doc, document_type)
    genre = per_doc[genre_key]
    key = (style, genre)
    if key not in per_doc:
        found = []
        # Not p.text.strip(): that copies every paragraph of the letter to test it.
        paragraphs = [p for p in doc.paragraphs() if p.text and not p.text.isspace() and not is_imprint(p)]
        defined = frozenset().union(*(defined_terms(p.text) for p in paragraphs if "hierna" in p.text))
        for para in paragraphs:
            refs = find_references(para.text, style, line_starts(doc, para), defined, genre)
            if refs:
                found.append((para, refs))
        per_doc[key] = found
    return per_doc[key]


def line_starts(doc, para) -> frozenset[int]:
    """Offsets in a text draft's paragraph where a source line begins (the reader joins lines
    with a space; the source map tells where the line breaks were)."""
    source = doc.source_text
    if not source or "\n" not in source or " " not in para.text:
        return frozenset()
    starts = set()
    for i, ch in enumerate(para.text):
        if ch == " ":
            at = para.source_offset(i)
            if at is not None and at < len(source) and source[at] == "\n":
                starts.add(i + 1)
    return frozenset(starts)


def is_imprint(para) -> bool:
    """A paragraph that is only the published document's colophon or running footer
    (``kst-34951-13 ISSN 0921 - 7371 ’s-Gravenhage 2023``, ``Tweede Kamer, vergaderjaar
    2022–2023, 34 951, nr. 13``): the document naming itself, not a citation. In a note, or
    inside a sentence, the same words are a citation and are checked."""
    if para.story.kind in ("footnote", "endnote"):
        return False
    text = para.text
    if text[:1].isspace():
        text = text.lstrip()
    # Each pattern must match from the first character: most paragraphs fail on that alone (and
    # are not copied by a strip to find it out).
    if not text.startswith(IMPRINT_STARTS):
        return False
    text = text.strip()
    return bool((text.startswith(COLOPHON_STARTS) and P.COLOPHON.fullmatch(text))
                or (text.startswith(RUNNING_FOOTER_STARTS) and P.RUNNING_FOOTER.fullmatch(text)))


COLOPHON_STARTS = ("kst-", "ah-tk-", "h-tk-", "blg-", "ISSN", "’s-Gravenhage", "'s-Gravenhage")
RUNNING_FOOTER_STARTS = ("Tweede", "Eerste")
IMPRINT_STARTS = COLOPHON_STARTS + RUNNING_FOOTER_STARTS


def make_fix(span: Span, replacement: str | None, description: str | None = None) -> Fix | None:
    """A fix that writes ``replacement`` over the span; ``description`` says so in other words
    than "write …"."""
    if replacement is None or replacement == span.text:
        return None
    applicability = "safe" if is_safe_change(span.text, replacement) else "unsafe"
    return Fix(applicability, description or _('write "{replacement}"', replacement=replacement), replacement, [Edit("replace", span, replacement)])


def problems_by_code(doc, style: str, document_type: str | None = None) -> dict[str, list[tuple[object, Reference, object]]]:
    """The scan's problems by rule code, each as (paragraph, reference, problem) in reading
    order: some twenty rules report from one scan, and each walked all of it for its own code."""
    found = scan(doc, style, document_type)
    per_doc = _CACHE[doc]
    key = ("by code", id(found))  # the scan it indexes is cached beside it
    if key not in per_doc:
        index: dict[str, list] = {}
        for para, refs in found:
            for ref in refs:
                for problem in ref.problems:
                    index.setdefault(problem.code, []).append((para, ref, problem))
        per_doc[key] = index
    return per_doc[key]


def report(doc, ctx, code: str):
    """Diagnostics for every problem with rule ``code`` in the document."""
    style = getattr(ctx.settings, "citation_style", "tweede-kamer")
    for para, ref, problem in problems_by_code(doc, style, getattr(ctx.settings, "document_type", None)).get(code, ()):
        start, end = problem.span or (ref.start, ref.end)
        span = Span(para, start, end)
        if problem.fix_span and problem.fix_span != (start, end):
            # The fix covers more than the finding: say what it replaces.
            fix_span = Span(para, *problem.fix_span)
            fix = make_fix(fix_span, problem.fix, _('replace "{text}" by "{replacement}"', text=fix_span.text, replacement=problem.fix))
        else:
            fix = make_fix(span, problem.fix)
        yield ctx.report(span, problem.message, fix)
