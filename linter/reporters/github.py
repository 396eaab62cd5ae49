"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` a finding, which
GitHub shows as an annotation on the file in the pull request and the run summary.

GitHub shows at most 10 annotations of each kind a step (and 50 a job); the rest are only in the
step's log. So when the runner names a job summary file (``$GITHUB_STEP_SUMMARY``) the run also
writes every finding there, a Markdown table a file (:class:`StepSummary`), and the report ends
with a line that says where the rest is when a kind has more than GitHub shows.
"""

from __future__ import annotations

import os

from linter.diagnostics import Diagnostic
from linter.i18n import _
from linter.shown import printable

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    props = [f"title={escape_property(f'kamerlint {d.code} ({d.name})' if d.name else f'kamerlint {d.code}')}", f"file={escape_property(d.path)}"]
    loc = d.location
    message = printable(d.message)  # no escape sequence from a draft reaches the log viewer
    if loc is not None and loc.line is not None:
        props.append(f"line={loc.line}")
        if loc.end_line is not None:
            props.append(f"endLine={loc.end_line}")
        if loc.column is not None:
            props.append(f"col={loc.column}")
            if loc.end_column is not None and (loc.end_line in (None, loc.line)):
                props.append(f"endColumn={loc.end_column}")
        if not loc.in_text_file:
            # In a .docx "line" is a paragraph number; say where it really is.
            message = f"{loc.where}: {message}"
    if d.excerpt:
        message += f"\n{printable(d.excerpt)}"
    return f"::{LEVELS.get(d.severity, 'warning')} {','.join(props)}::{escape_data(f'{d.code} {message}')}"


def render_file(diagnostics: list[Diagnostic], run) -> str:
    return "".join(annotation(d) + "\n" for d in diagnostics)


#: Annotations of one kind (error, warning, notice) GitHub shows for a step.
ANNOTATIONS_SHOWN = 10


def render_end(tally, run) -> str:
    shown = {LEVELS[severity]: n for severity, n in tally.severities.items() if severity in LEVELS}
    if not any(n > ANNOTATIONS_SHOWN for n in shown.values()):
        return ""
    # Plain text in the log, not a workflow command (which would be one more annotation).
    return "kamerlint: " + _(
        "{n} findings; GitHub shows at most {shown} errors, {shown} warnings and {shown} notices of a step as annotations. "
        "Every finding is in this log and in the job summary, and with the SARIF upload in code scanning.",
        n=tally.total, shown=ANNOTATIONS_SHOWN,
    ) + "\n"


class StepSummary:
    """The job summary of a GitHub Actions step: a Markdown table of each file's findings,
    appended to the file the runner names in ``$GITHUB_STEP_SUMMARY``, then the summary line.
    GitHub keeps 1 MiB of a step's summary: rows past that are counted, not written."""

    LIMIT = 1_000_000

    def __init__(self, fh):
        self.fh = fh
        self.size = 0
        self.left_out = 0
        self.put("## kamerlint\n\n")

    @classmethod
    def open(cls) -> "StepSummary | None":
        """The runner's summary file, or None outside GitHub Actions (or when it cannot be opened:
        the annotations are the report, the summary only a help)."""
        path = os.environ.get("GITHUB_STEP_SUMMARY")
        if not path:
            return None
        try:
            return cls(open(path, "a", encoding="utf-8"))
        except OSError:
            return None

    def put(self, text: str) -> None:
        self.fh.write(text)
        self.size += len(text.encode("utf-8"))

    def add(self, diagnostics: list[Diagnostic]) -> None:
        """One file's findings (all of one path)."""
        if not diagnostics:
            return
        if self.size > self.LIMIT:
            self.left_out += len(diagnostics)
            return
        header = "| " + " | ".join((_("place"), _("rule"), _("severity"), _("finding"))) + " |\n|---|---|---|---|\n"
        self.put(f"### {cell(diagnostics[0].path)}\n\n{header}")
        for i, d in enumerate(diagnostics):
            if self.size > self.LIMIT:
                self.left_out += len(diagnostics) - i
                break
            self.put(f"| {cell(place(d))} | {d.code} {cell(d.name)} | {cell(severity_name(d.severity))} | {cell(d.message)} |\n")
        self.put("\n")

    def close(self, tally, run) -> None:
        from linter.reporters.text import tally_summary, with_not_verified

        if self.left_out:
            self.put(_("{n} more findings are not shown here: GitHub keeps 1 MiB of a step's summary. Every finding is in the step's log.", n=self.left_out) + "\n\n")
        self.put(with_not_verified(tally_summary(tally, len(run.files)), run) + "\n")
        try:
            self.fh.close()
        except OSError:
            pass


def place(d: Diagnostic) -> str:
    loc = d.location
    if loc is None or loc.column is None:
        return _("whole file")
    return f"{loc.line}:{loc.column}" if loc.in_text_file else f"{loc.where}:{loc.column}"


def severity_name(severity: str) -> str:
    from linter.reporters.text import severity_name

    return severity_name(severity)


def cell(text: str) -> str:
    """Text in a Markdown table cell: no line breaks, no column bars, no HTML."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("`", "\\`")


def write_step_summary(diagnostics: list[Diagnostic], run) -> None:
    """The job summary of a whole report (the formats' non-streamed path)."""
    from itertools import groupby

    from linter.reporters import Tally

    summary = StepSummary.open()
    if summary is None:
        return
    for _path, found in groupby(diagnostics, key=lambda d: d.path):
        summary.add(list(found))
    summary.close(Tally(diagnostics), run)


def render(diagnostics: list[Diagnostic], run) -> str:
    from linter.reporters import Tally

    return render_file(diagnostics, run) + render_end(Tally(diagnostics), run)
