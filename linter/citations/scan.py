"""Running the parser over a document once, for all citation rules, and turning problems into
diagnostics. Rules call :func:`report`; the scan is cached per document and style."""

from __future__ import annotations

import weakref

from linter.citations.find import find_references
from linter.citations.models import Reference, is_safe_change
from linter.diagnostics import Edit, Fix
from linter.model import Span

_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def scan(doc, style: str) -> list[tuple[object, list[Reference]]]:
    """Every paragraph of every story with the references in it (empty lists left out)."""
    per_doc = _CACHE.setdefault(doc, {})
    if style not in per_doc:
        found = []
        for para in doc.paragraphs():
            if para.text.strip():
                refs = find_references(para.text, style)
                if refs:
                    found.append((para, refs))
        per_doc[style] = found
    return per_doc[style]


def make_fix(span: Span, replacement: str | None, what: str = "write") -> Fix | None:
    if replacement is None or replacement == span.text:
        return None
    applicability = "safe" if is_safe_change(span.text, replacement) else "unsafe"
    return Fix(applicability, f'{what} "{replacement}"', replacement, [Edit("replace", span, replacement)])


def report(doc, ctx, code: str):
    """Diagnostics for every problem with rule ``code`` in the document."""
    style = getattr(ctx.settings, "citation_style", "tweede-kamer")
    for para, refs in scan(doc, style):
        for ref in refs:
            for problem in ref.problems:
                if problem.code != code:
                    continue
                start, end = problem.span or (ref.start, ref.end)
                span = Span(para, start, end)
                fix_span = Span(para, *problem.fix_span) if problem.fix_span else span
                yield ctx.report(span, problem.message, make_fix(fix_span, problem.fix))
