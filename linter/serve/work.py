"""What ``lint serve`` asks of kamerlint's engine, fixer, annotator and reporters, all in this one
module: a paragraph checked as an editor hands it over (:func:`check_paragraph`), and uploaded
files read, checked, annotated, fixed and reported (:func:`lint_upload`). The rest of the server
calls nothing of the engine but this, so that a change in how the engine is called (the engine
taking over a file's whole trip, a library entry point) is a change here alone.

What comes back is plain values (strings, numbers, bytes, dicts in the JSON output's shape), so
that :func:`lint_upload` can run in a worker process (:mod:`linter.serve.pool`) and its result
cross back. Nothing here writes a file: the copies are made in memory.
"""

from __future__ import annotations

import copy

from linter.i18n import N_, _, set_language
from linter.model import NOTE_MARK, Value
from linter.settings import Settings

#: Families whose rules read one paragraph at a time, and the rules of other families that do.
PARAGRAPH_FAMILIES = ("KS", "MO", "DT", "TZ", "HA", "PB")
PARAGRAPH_RULES = ("DR004", "BM006", "FN006", "FN007", "FN008", "FN009", "FN013", "FN018")
#: Rules of those families that need more than a paragraph, and why (the README lists them).
NEEDS_MORE = {
    "KS007": N_("compares the citation styles of the whole letter"),
    "KS009": N_("looks the Kamerstuk up, which the server never does"),
    "MO003": N_("looks the motie up, which the server never does"),
    "MO004": N_("looks the motie up, which the server never does"),
    "MO005": N_("looks the motie up, which the server never does"),
    "MO006": N_("looks the motie up, which the server never does"),
    "MO007": N_("looks the motie up, which the server never does"),
}


def is_paragraph_rule(code: str) -> bool:
    """Whether a rule can work on a paragraph on its own, as an editor hands one over."""
    return code not in NEEDS_MORE and (code in PARAGRAPH_RULES or code.rstrip("0123456789") in PARAGRAPH_FAMILIES)


def rule_info(code: str) -> dict | None:
    """A rule's code, name, default severity, whether it fixes, summary and documentation, in
    the active language; None for no such rule."""
    from linter.i18n import rule_doc, rule_summary
    from linter.registry import get_rule

    r = get_rule(code)
    if r is None:
        return None
    return {"code": r.code, "name": r.name, "severity": r.severity, "fix": r.fix, "summary": rule_summary(r), "doc": rule_doc(r),
            "paragraph": is_paragraph_rule(r.code), "family": r.family}


def all_codes() -> list[str]:
    from linter.registry import all_rules

    return [r.code for r in all_rules()]


def unknown_selectors(selectors: list[str]) -> list[str]:
    from linter.registry import unknown_selectors as unknown

    return unknown(selectors)


# -- the configuration -----------------------------------------------------------------------


class Configured(Value):
    """What the server checks with: the settings and the rules selected."""

    __slots__ = ("settings", "codes")

    def __init__(self, settings: Settings, codes: list[str]):
        self.settings = settings
        self.codes = codes


def configured_from(config) -> Configured:
    """The server's settings from a :class:`linter.config.Config` (found as the command line
    finds it, from the folder the server starts in)."""
    settings = copy.copy(config.settings)
    # Drafts are confidential: the server never sends what a letter cites anywhere, and never
    # writes a look-up cache.
    settings.verify = "off"
    return Configured(settings, list(config.codes))


def paragraph_settings(settings: Settings) -> Settings:
    """The settings for a paragraph on its own: ``footnote-marker = "consistent"`` has no letter
    to be consistent with, so the Leidraad's own choice applies (after the punctuation)."""
    s = copy.copy(settings)
    if s.footnote_marker == "consistent":
        s.footnote_marker = "after-punctuation"
    return s


# -- a paragraph -----------------------------------------------------------------------------


class ParagraphFinding(Value):
    """One finding in a paragraph: ``start``/``end`` are offsets in the text as given (Python
    characters), widened to what ``replacement`` replaces when there is one."""

    __slots__ = ("code", "name", "severity", "message", "start", "end", "replacement", "summary", "family", "fix")

    def __init__(self, code: str, name: str, severity: str, message: str, start: int, end: int, replacement: str | None,
                 summary: str, family: str, fix: str | None):
        self.code = code
        self.name = name
        self.severity = severity
        self.message = message
        self.start = start
        self.end = end
        self.replacement = replacement
        self.summary = summary
        self.family = family
        #: What the fix does, in words (also when it gives no replacement here).
        self.fix = fix


class ParagraphRules:
    """The rules a server checks paragraphs with: those of its configuration that can work on a
    paragraph. Made once; :meth:`choose` narrows them for a request."""

    def __init__(self, configured: Configured):
        from linter.registry import get_rule

        self.settings = paragraph_settings(configured.settings)
        self.default = [c for c in configured.codes if is_paragraph_rule(c)]
        self.possible = [c for c in all_codes() if is_paragraph_rule(c)]
        self.rules = {c: get_rule(c) for c in self.possible}

    def choose(self, enabled: list[str], disabled: list[str], enabled_only: bool) -> list:
        """LanguageTool's ``enabledRules``, ``disabledRules`` and ``enabledOnly``, with kamerlint's
        codes or prefixes; a code the server does not know, or that needs a whole letter, is
        passed over, as LanguageTool passes over an unknown rule id."""

        def named(code: str, selectors: list[str]) -> bool:
            return any(code.startswith(s) for s in selectors if s)

        codes = [] if enabled_only else list(self.default)
        codes += [c for c in self.possible if named(c, enabled) and c not in codes]
        return [self.rules[c] for c in self.possible if c in codes and not named(c, disabled)]


def check_paragraph(text: str, rules: ParagraphRules, chosen: list, markers: str = NOTE_MARK, unsafe: bool = False) -> list[ParagraphFinding]:
    """The findings in ``text`` (a paragraph, or a few separated by blank lines) by the
    ``chosen`` rules, in the active language. A character in ``markers`` stands for a note
    reference. A replacement is given for a safe fix (and an unsafe one with ``unsafe``) that
    changes the text around the finding and no note reference."""
    from linter.engine import check_document
    from linter.formats.text.read import parse_editor_text
    from linter.i18n import rule_summary

    if not chosen or not text.strip():
        return []
    doc = parse_editor_text(text, "paragraph", markers)
    try:
        found = check_document(doc, "paragraph", rules.settings, chosen)
        out = []
        for d in found:
            if d.span is None:  # a rule that failed (IO005): nothing to underline
                continue
            start, end, replacement = _replacement(d, unsafe)
            r = rules.rules.get(d.code)
            out.append(
                ParagraphFinding(
                    d.code, d.name, d.severity, str(d.message), start, end, replacement,
                    rule_summary(r) if r is not None else "", d.code.rstrip("0123456789"),
                    str(d.fix.message) if d.fix is not None else None,
                )
            )
        return out
    finally:
        doc.release()


def _replacement(d, unsafe: bool) -> tuple[int, int, str | None]:
    """Where to underline the finding in the text given, and what replaces that: with a fix that
    may be offered, the stretch from its first to its last change (the fix's smallest edits), with
    the edits made; else the finding's span and no replacement. None, too, for a fix that changes
    another paragraph or would replace a note reference (an editor would delete the note with it)."""
    from linter.diagnostics import EditError

    span = d.span
    para = span.paragraph
    fix = d.fix
    allowed = fix is not None and fix.applicable and (fix.applicability == "safe" or (unsafe and fix.applicability == "unsafe"))
    try:
        edits = [small for edit in fix.edits for small in edit.smallest()] if allowed else []
    except EditError:
        edits = []
    if edits and all(e.kind == "replace" and e.span is not None and e.span.paragraph is para for e in edits):
        edits.sort(key=lambda e: (e.span.start, e.span.end))
        lo, hi = edits[0].span.start, max(e.span.end for e in edits)
        new, at = [], lo
        for e in edits:
            if e.span.start < at:  # overlapping edits: not one replacement
                new = None
                break
            new += [para.text[at : e.span.start], e.text]
            at = e.span.end
        if new is not None:
            replacement = "".join(new) + para.text[at:hi]
            if not replacement:
                # A deletion offers nothing to choose: show it with the text around it, as the
                # finding's own span or the character before (``herkomst. `` → ``herkomst.``).
                start, end = min(lo, span.start), max(hi, span.end)
                replacement, lo, hi = para.text[start:lo] + para.text[hi:end], start, end
                if not replacement and lo > 0 and para.text[lo - 1] != NOTE_MARK:
                    lo -= 1
                    replacement = para.text[lo]
            lo, hi, replacement = _whole_words(para.text, lo, hi, replacement)
            lo, hi, replacement = _at_least_one(para.text, lo, hi, replacement)
            if NOTE_MARK not in para.text[lo:hi] and NOTE_MARK not in replacement and replacement != para.text[lo:hi]:
                return _source(para, lo, hi) + (replacement,)
    lo, hi, _none = _at_least_one(para.text, span.start, max(span.end, span.start), None)
    return _source(para, lo, hi) + (None,)


def _whole_words(text: str, lo: int, hi: int, replacement: str) -> tuple[int, int, str]:
    """The change widened to the words it cuts into or is attached to, as an editor underlines:
    a space inserted into ``36180`` is ``36180`` → ``36 180``; ``Stb 2011/35`` → ``Stb. 2011, 35``;
    the spaces after a marker stay spaces (``  `` → `` ``)."""
    start, end = lo, hi
    if start > 0 and text[start - 1].isalnum() and (lo == hi or not text[lo].isspace() or not replacement[:1].isspace()):
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    if end < len(text) and text[end].isalnum() and (lo == hi or not text[hi - 1].isspace() or not replacement[-1:].isspace()):
        while end < len(text) and text[end].isalnum():
            end += 1
    return start, end, text[start:lo] + replacement + text[hi:end]


def _at_least_one(text: str, lo: int, hi: int, replacement: str | None) -> tuple[int, int, str | None]:
    """An editor underlines at least one character: an empty place takes in the character after
    it (before it at the end), and the replacement keeps that character."""
    if hi > lo or not text:
        return lo, hi, replacement
    if lo < len(text) and text[lo] != NOTE_MARK:
        return lo, lo + 1, None if replacement is None else replacement + text[lo]
    if lo > 0:
        return lo - 1, lo, None if replacement is None else text[lo - 1] + replacement
    return lo, min(len(text), lo + 1), None


def _source(para, lo: int, hi: int) -> tuple[int, int]:
    start = para.source_offset(lo)
    end = para.source_end(hi) if hi > lo else start
    return start, end


# -- uploaded files --------------------------------------------------------------------------


class UploadJob(Value):
    """Files to check together, and what to make of them: the findings (always), the HTML
    report, and the annotated and fixed copies. ``ignored`` holds each file's per-file ignores."""

    __slots__ = ("files", "settings", "codes", "ignored", "lang", "report", "copies", "url_base")

    def __init__(self, files: list[tuple[str, bytes]], settings: Settings, codes: list[str], ignored: list[list[str]],
                 lang: str, report: bool = True, copies: bool = True, url_base: str = ""):
        self.files = files
        self.settings = settings
        self.codes = codes
        self.ignored = ignored
        self.lang = lang
        self.report = report
        self.copies = copies
        self.url_base = url_base


class Copy(Value):
    """A copy made in memory: its name and bytes, or why there is none."""

    __slots__ = ("name", "data", "why", "count")

    def __init__(self, name: str, data: bytes | None, why: str = "", count: int = 0):
        self.name = name
        self.data = data
        self.why = why
        #: Comments in the annotated copy; fixes in the fixed one.
        self.count = count


class FileResult(Value):
    __slots__ = ("name", "findings", "format", "annotated", "fixed", "notes")

    def __init__(self, name: str, findings: list[dict], format: str, annotated: Copy | None = None, fixed: Copy | None = None,
                 notes: list[str] | None = None):
        self.name = name
        #: In the JSON output's shape (``lint --output-format json``).
        self.findings = findings
        #: docx, odt, tika, text, markdown; "" for a file that could not be read.
        self.format = format
        self.annotated = annotated
        self.fixed = fixed
        #: What the fixer had to say (a refused edit, a pass not written).
        self.notes = [] if notes is None else notes


class UploadResult(Value):
    __slots__ = ("files", "report", "summary")

    def __init__(self, files: list[FileResult], report: str, summary: str):
        self.files = files
        #: The HTML report's body (:func:`linter.reporters.html.render_body`), or "".
        self.report = report
        #: One line: how many findings in how many files.
        self.summary = summary


def lint_upload(job: UploadJob) -> UploadResult:
    """Check each file of ``job`` as ``lint`` checks a file (its configuration, per-file and
    inline ignores), and make what the job asks for, in the job's language. A file that cannot be
    read is its IO finding, as on the command line."""
    from linter.diagnostics import letter_text
    from linter.formats import CycleCollectionPaused
    from linter.reporters.text import summary

    set_language(job.lang)
    results, found_all, texts = [], [], {}
    for (name, data), ignored in zip(job.files, job.ignored):
        with CycleCollectionPaused():
            result, found, text = _lint_one(name, data, ignored, job)
        results.append(result)
        found_all.extend(found)
        if text is not None:
            texts[name] = text
    names = [name for name, _data in job.files]
    report = ""
    if job.report:
        from linter.reporters import Run
        from linter.reporters.html import render_body

        report = render_body(found_all, Run(format="html", files=names, url_base=job.url_base, texts=texts))
    return UploadResult(results, report, str(summary(found_all, names)))


def _lint_one(name: str, data: bytes, ignored: list[str], job: UploadJob):
    from linter.diagnostics import Diagnostic, letter_text
    from linter.parallel import Task, findings, read, strip

    task = Task(display=name, settings=job.settings, codes=job.codes, ignored=ignored, data=data)
    doc = read(task)
    found = findings(task, doc)
    if isinstance(doc, Diagnostic):
        result = FileResult(name, [], "")
        if job.copies:
            why = _("it cannot be read ({problem})", problem=doc.message)
            result.annotated = Copy(annotated_name(name), None, why)
            result.fixed = Copy(fixed_name(name), None, why)
        strip(found)
        result.findings = [d.to_json(job.url_base) for d in found]
        return result, found, None
    result = FileResult(name, [], doc.format)
    text = letter_text(doc) if job.report else None
    try:
        if job.copies:
            result.annotated = _annotated(doc, data, name, found)
            result.fixed, result.notes = _fixed(doc, data, name, task)
    finally:
        doc.release()
    strip(found)
    result.findings = [d.to_json(job.url_base) for d in found]
    return result, found, text


def annotated_name(name: str) -> str:
    """``brief.docx`` → ``brief.kamerlint.docx``, as ``lint --annotate`` names its copy."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.kamerlint.{suffix}" if dot and stem else f"{name}.kamerlint"


def fixed_name(name: str) -> str:
    """``brief.docx`` → ``brief.gecorrigeerd.docx`` (``brief.fixed.docx`` in English)."""
    stem, dot, suffix = name.rpartition(".")
    word = _("fixed")
    return f"{stem}.{word}.{suffix}" if dot and stem else f"{name}.{word}"


def _annotated(doc, data: bytes, name: str, found: list) -> Copy:
    from linter.annotate import annotate
    from linter.formats.write import Refused

    target = annotated_name(name)
    if not found:
        return Copy(target, None, _("no findings"))
    try:
        return Copy(target, annotate(doc, data, found), count=len(found))
    except Refused as exc:
        return Copy(target, None, str(exc))
    except Exception as exc:  # a bug of ours must not cost the drafter the report
        return Copy(target, None, _("kamerlint failed while annotating ({error})", error=type(exc).__name__))


def _fixed(doc, data: bytes, name: str, task) -> tuple[Copy, list[str]]:
    """The copy with every safe fix made: as tracked changes by kamerlint in a .docx or .odt, as
    plain changes in a text draft (which cannot hold tracked changes)."""
    from linter.fixing import fix_data
    from linter.formats.write import Revisions
    from linter.parallel import findings

    target = fixed_name(name)
    revisions = Revisions.now() if doc.format in ("docx", "odt") else None
    try:
        outcome = fix_data(data, name, task.settings, lambda d: findings(task, d), False, revisions)
    except Exception as exc:
        return Copy(target, None, _("kamerlint failed while writing the fixes ({error}); this pass was not written. Please report this with the file if you can.", error=type(exc).__name__)), []
    try:
        messages = [str(m) for m in outcome.messages]
        if outcome.data is None:
            return Copy(target, None, _("no safe fixes to make")), messages
        return Copy(target, outcome.data, count=outcome.fixed), messages
    finally:
        for model in {id(m): m for m in (outcome.before, outcome.after) if m is not None}.values():
            model.release()


def warm_up() -> None:
    """Import and run what a first upload needs, so that it is not slower than the others."""
    import linter.annotate  # noqa: F401
    import linter.fixing  # noqa: F401
    import linter.reporters.html  # noqa: F401
    from linter.registry import all_rules

    all_rules()
    job = UploadJob([("warm-up.txt", "Zie Kamerstuk 36180, nr. 168.\n".encode())], Settings(verify="off"), all_codes(), [[]], "nl")
    lint_upload(job)
    set_language("en")


def failed_upload(job: UploadJob, reason: str, seconds: float) -> UploadResult:
    """What to answer when a job came back without a result: each file's IO finding, as the
    command line would give it. ``reason``: ``timeout`` (IO003: it took longer than ``seconds``),
    ``memory`` (IO003), or the worker stopped or failed (IO005)."""
    from linter.engine import INTERNAL_ERRORS, file_finding
    from linter.reporters.text import summary

    set_language(job.lang)
    found_all, results = [], []
    for name, _data in job.files:
        if reason == "timeout":
            d = file_finding(name, "IO003", _("Checking this file took longer than {seconds} seconds; it is not checked.", seconds=round(seconds)), job.settings)
        elif reason == "memory":
            d = file_finding(name, "IO003", _("The document is too large to check safely."), job.settings)
        else:
            d = file_finding(name, "IO005", _(INTERNAL_ERRORS["reading"], error=_("the worker process stopped")), job.settings)
        found = [d] if d.code in job.codes else []
        why = _("it cannot be read ({problem})", problem=d.message)
        result = FileResult(name, [x.to_json(job.url_base) for x in found], "")
        if job.copies:
            result.annotated = Copy(annotated_name(name), None, why)
            result.fixed = Copy(fixed_name(name), None, why)
        results.append(result)
        found_all.extend(found)
    names = [name for name, _data in job.files]
    report = ""
    if job.report:
        from linter.reporters import Run
        from linter.reporters.html import render_body

        report = render_body(found_all, Run(format="html", files=names, url_base=job.url_base))
    return UploadResult(results, report, str(summary(found_all, names)))
