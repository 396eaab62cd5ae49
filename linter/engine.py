"""The engine: read a file into the model, run the selected rules, return located diagnostics.

One unreadable file is an IO finding for that file; it never stops the run.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from linter.diagnostics import Diagnostic, Location, locate
from linter.i18n import N_, _
from linter.model import Document
from linter.formats import ReadError, read_document, without_cycle_collection
from linter.registry import Rule, RuleContext, get_rule, select_rules
from linter.settings import Settings


def file_finding(path: str, code: str, message: str, settings: Settings) -> Diagnostic:
    """A finding about the whole file (IO family)."""
    d = Diagnostic(code=code, message=message, path=path)
    d.location = Location(story="body", note=None, paragraph=None, line=None, column=None, end_column=None)
    _finish(d, settings)
    return d


def _finish(d: Diagnostic, settings: Settings) -> None:
    r = get_rule(d.code)
    d.name = r.name if r else ""
    d.severity = settings.severity.get(d.code, r.severity if r else "error")


def read_path(path: Path, display: str, settings: Settings) -> Document | Diagnostic:
    """The model of one file, or the IO finding that says why there is none."""
    data = read_bytes(path, display, settings)
    return data if isinstance(data, Diagnostic) else read_data(data, display, settings)


def read_bytes(path: Path, display: str, settings: Settings) -> bytes | Diagnostic:
    """The bytes of one file (never more than the size limit), or the IO finding about why not."""
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            return file_finding(display, "IO001", _("This is a folder, not a file."), settings)
        if not stat.S_ISREG(st.st_mode):
            # A pipe or a device would block or never end: not a document.
            return file_finding(display, "IO001", _("This is not an ordinary file (a pipe or a device); it is not read."), settings)
        size = st.st_size
        if size > settings.limits.max_file_bytes:
            return file_finding(
                display,
                "IO003",
                _(
                    "The file is {size} MB, more than the {limit} MB kamerlint checks; it is not checked.",
                    size=size // (1024 * 1024), limit=settings.limits.max_file_bytes // (1024 * 1024),
                ),
                settings,
            )
        with open(path, "rb") as fh:
            # Never more than the limit, even if the file grows while we read it.
            data = fh.read(settings.limits.max_file_bytes + 1)
    except PermissionError:
        return file_finding(display, "IO001", _("The file cannot be opened: you do not have permission to read it."), settings)
    except FileNotFoundError:
        return file_finding(display, "IO001", _("The file does not exist (or it is a broken link)."), settings)
    except OSError as exc:
        return file_finding(display, "IO001", _("The file cannot be read: {error}.", error=exc.strerror or exc), settings)
    return data


def read_data(data: bytes, display: str, settings: Settings) -> Document | Diagnostic:
    try:
        return read_document(data, display, settings.limits)
    except ReadError as exc:
        return file_finding(display, exc.code, exc.message, settings)
    except RecursionError:
        return file_finding(display, "IO003", _("The document is nested too deeply to check safely."), settings)
    except MemoryError:
        return file_finding(display, "IO003", _("The document is too large to check safely."), settings)
    except Exception as exc:  # a reader bug must not hide the other files
        return internal_error(display, "reading", exc, settings)


#: What kamerlint was doing when it failed, as whole sentences (``stage`` of internal_error).
INTERNAL_ERRORS = {
    "reading": N_("kamerlint failed while reading this file ({error}); it may be only partly checked. Please report this with the file if you can."),
    "rule": N_("kamerlint failed while running rule {code} on this file ({error}); it may be only partly checked. Please report this with the file if you can."),
    "verifying": N_("kamerlint failed while verifying the references of this file ({error}); it may be only partly checked. Please report this with the file if you can."),
}


def internal_error(display: str, stage: str, exc: BaseException, settings: Settings, code: str = "") -> Diagnostic:
    if os.environ.get("KAMERLINT_DEBUG"):
        import traceback

        traceback.print_exc()
    return file_finding(display, "IO005", _(INTERNAL_ERRORS[stage], error=type(exc).__name__, code=code), settings)


def letter_date_of(path: Path, settings: Settings):
    """The letter's date as its head gives it (a :class:`linter.letterhead.LetterDate`), or None:
    for ``--show-settings``, which names a letter. ``--letter-date`` is left out: it is a setting."""
    from linter.letterhead import find_letter_date

    doc = read_path(path, str(path), settings)
    if isinstance(doc, Diagnostic):
        return None
    try:
        return find_letter_date(doc)
    finally:
        doc.release()


class Findings(list):
    """One file's diagnostics, and how many of its references could not be verified (for the
    summary line; it crosses the process boundary with them)."""

    def __init__(self, diagnostics=(), not_verified: int = 0, unverified: dict | None = None):
        super().__init__(diagnostics)
        self.not_verified = not_verified
        #: Why they could not be: reason (linter.verify.fetch.REASONS) → count.
        self.unverified = unverified or {}


@without_cycle_collection  # the rules add little garbage, but each pass of the collector walks the whole model
def check_document(doc: Document, display: str, settings: Settings, rules: list[Rule] | None = None) -> Findings:
    """Run the rules over one document and return located diagnostics, sorted."""
    if rules is None:
        rules = select_rules(settings.select, settings.ignore, settings.extend_select)
    selected = {r.code for r in rules}
    out = Findings()
    records = _look_up(doc, display, settings, selected, out)
    for code, message in doc.read_findings:
        if code in selected:
            out.append(file_finding(display, code, message, settings))
    # Each finding costs about 1.5 kB and a few tens of µs: past max_findings (a file that is no
    # letter, or a hostile one) the check stops, so that memory and time stay bounded.
    room = settings.limits.max_findings
    for r in rules:
        if r.check is None:
            continue
        ctx = RuleContext(r.code, settings, records)
        try:
            for d in r.check(doc, ctx):
                if len(out) >= room:
                    break
                d.path = display
                _finish(d, settings)
                locate(d, doc)
                out.append(d)
        except Exception as exc:  # one broken rule must not lose the others' findings
            out.append(internal_error(display, "rule", exc, settings, r.code))
        if len(out) >= room:
            if "IO003" in selected:
                out.append(file_finding(display, "IO003", _(TOO_MANY_FINDINGS, limit=f"{room:,}"), settings))
            break
    if not settings.report_questions:
        from linter.questions import leave_out_questions

        out[:] = leave_out_questions(doc, out)
    out.sort(key=Diagnostic.sort_key)
    return out


TOO_MANY_FINDINGS = N_(
    "The file has more than {limit} findings, so kamerlint stopped checking it there (the max_findings limit). "
    "Deal with the most frequent problem (--statistics shows which) and check it again."
)


def _look_up(doc: Document, display: str, settings: Settings, selected: set[str], out: Findings):
    """The records of what the document cites, gathered before any rule runs (rules never go online)."""
    from linter.verify import RECORD_RULES, look_up

    if not selected & RECORD_RULES:
        return None
    try:
        records = look_up(doc, settings, selected)
    except Exception as exc:  # verification must never cost the other findings
        out.append(internal_error(display, "verifying", exc, settings))
        return None
    out.not_verified = records.not_verified if records else 0
    out.unverified = dict(records.reasons) if records else {}
    return records


@without_cycle_collection  # from reading to the findings: see linter.parallel.check_task
def lint_path(path: Path, settings: Settings, display: str | None = None, rules: list[Rule] | None = None) -> list[Diagnostic]:
    display = display or str(path)
    doc = read_path(path, display, settings)
    if isinstance(doc, Diagnostic):
        return [doc] if _selected(doc.code, settings, rules) else []
    return check_document(doc, display, settings, rules)


@without_cycle_collection
def lint_bytes(data: bytes, display: str, settings: Settings, rules: list[Rule] | None = None) -> list[Diagnostic]:
    doc = read_data(data, display, settings)
    if isinstance(doc, Diagnostic):
        return [doc] if _selected(doc.code, settings, rules) else []
    return check_document(doc, display, settings, rules)


def _selected(code: str, settings: Settings, rules: list[Rule] | None) -> bool:
    if rules is None:
        rules = select_rules(settings.select, settings.ignore, settings.extend_select)
    return any(r.code == code for r in rules)
