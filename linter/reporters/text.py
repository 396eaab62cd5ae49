"""Human output: ``full`` (with the excerpt and a caret line) and ``concise`` (a line a finding),
as ruff prints them, ending in a summary line."""

from __future__ import annotations

from linter.diagnostics import Diagnostic
from linter.i18n import N_, _, ngettext
from linter.shown import printable

#: Severity and fix applicability as a reader sees them (JSON and SARIF keep the codes).
SEVERITY_NAMES = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
APPLICABILITY_NAMES = {"safe": N_("safe"), "unsafe": N_("unsafe"), "display-only": N_("display-only")}


def severity_name(severity: str) -> str:
    return _(SEVERITY_NAMES[severity]) if severity in SEVERITY_NAMES else severity


def applicability_name(applicability: str) -> str:
    return _(APPLICABILITY_NAMES[applicability]) if applicability in APPLICABILITY_NAMES else applicability

COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;34m", "bold": "\033[1m", "dim": "\033[2m", "cyan": "\033[36m"}
RESET = "\033[0m"


def paint(text: str, style: str, on: bool) -> str:
    return f"{COLORS[style]}{text}{RESET}" if on else text


def where(d: Diagnostic) -> str:
    """``letter.docx:body ¶2:57`` for a .docx; ``letter.txt:12:5`` for a text file, so that
    editors can jump there; just the path for a finding about the whole file."""
    loc = d.location
    if loc is None or loc.column is None:
        return d.path
    if loc.in_text_file:
        return f"{d.path}:{loc.line}:{loc.column}"
    return f"{d.path}:{loc.where}:{loc.column}"


def headline(d: Diagnostic, color: bool, with_severity: bool = True) -> str:
    sev = f" [{paint(severity_name(d.severity), d.severity, color)}]" if with_severity else ""
    # The draft's own text (quoted in messages, excerpts and fixes) never reaches the terminal
    # with its control characters: an escape sequence in a letter must not drive the terminal.
    return f"{paint(where(d), 'bold', color)}: {paint(d.code, d.severity, color)}{sev} {printable(d.message)}"


def render_full(d: Diagnostic, color: bool) -> list[str]:
    lines = [headline(d, color)]
    loc = d.location
    if d.excerpt and loc is not None and loc.line is not None:
        gutter = str(loc.line)
        pad = " " * len(gutter)
        lines.append(f"{pad} |")
        lines.append(f"{gutter} | {printable(d.excerpt)}")
        caret = " " * d.excerpt_start + "^" * max(1, d.excerpt_len)
        lines.append(f"{pad} | {paint(caret, d.severity, color)}")
        if d.fix is not None:
            # The arrow shows the replacement unless the message already quotes it.
            shown = d.fix.replacement and f'"{d.fix.replacement}"' not in d.fix.message
            arrow = f" → \"{printable(d.fix.replacement)}\"" if shown else ""
            lines.append(f"{pad} = " + _("fix ({applicability}): {description}", applicability=applicability_name(d.fix.applicability), description=printable(d.fix.message)) + arrow)
        lines.append("")
    elif d.fix is not None:
        lines.append("  = " + _("fix ({applicability}): {description}", applicability=applicability_name(d.fix.applicability), description=printable(d.fix.message)))
    return lines


def summary(diagnostics: list[Diagnostic], files: list[str]) -> str:
    from linter.reporters import Tally

    return tally_summary(Tally(diagnostics), len(files))


def tally_summary(tally, n_files: int) -> str:
    """The summary line from the counts of a run's findings (see :class:`~linter.reporters.Tally`)."""
    total = tally.total
    if not total:
        return ngettext("All checked: no problems in {n} file.", "All checked: no problems in {n} files.", n_files)
    parts = []
    for sev in ("error", "warning", "info"):
        if tally.severities.get(sev):
            parts.append(severity_count(sev, tally.severities[sev]))
    with_problems = len(tally.paths)
    args = {
        "problems": ngettext("{n} problem", "{n} problems", total),
        "severities": ", ".join(parts),
        "files": ngettext("{with_problems} of {n} file", "{with_problems} of {n} files", n_files, with_problems=with_problems),
    }
    return _("Found {problems} ({severities}) in {files}.", **args)


def fixable_line(tally) -> str | None:
    """What ``--fix`` would do, as ruff says it: ``21 fixable with the `--fix` option (3 hidden
    fixes can be enabled with the `--unsafe-fixes` option).``; None when no finding has a fix."""
    hidden = ngettext(
        "{n} hidden fix can be enabled with the `--unsafe-fixes` option", "{n} hidden fixes can be enabled with the `--unsafe-fixes` option", tally.unsafe
    )
    if tally.safe and tally.unsafe:
        return _("{n} fixable with the `--fix` option ({hidden}).", n=tally.safe, hidden=hidden)
    if tally.safe:
        return _("{n} fixable with the `--fix` option.", n=tally.safe)
    if tally.unsafe:
        return _("No fixes available ({hidden}).", hidden=hidden)
    return None


def severity_count(severity: str, n: int) -> str:
    """``2 errors``, ``1 warning``, ``3 info``."""
    if severity == "error":
        return ngettext("{n} error", "{n} errors", n)
    if severity == "warning":
        return ngettext("{n} warning", "{n} warnings", n)
    return ngettext("{n} info", "{n} info", n)


def with_not_verified(line: str, run) -> str:
    """The summary line, with how many references could not be verified and why."""
    said = run.not_verified_text()
    return f"{line[:-1]}; {said}." if said else line


def statistics(found) -> list[str]:
    from linter.reporters import rule_counts

    counts = rule_counts(found)
    width = max((len(str(c.count)) for c in counts), default=1)
    return [f"{c.count:>{width}}  {c.code}  {c.name}{'  [*]' if c.fixable else ''}" for c in counts]


def render_file(diagnostics: list[Diagnostic], run) -> str:
    """One file's findings (nothing with ``--statistics``, which prints counts only)."""
    if run.statistics:
        return ""
    if run.format == "concise":
        out = [headline(d, run.color, with_severity=False) for d in diagnostics]
    else:
        out = [line for d in diagnostics for line in render_full(d, run.color)]
    return "".join(line + "\n" for line in out)


def render_end(tally, run) -> str:
    """The statistics and the summary line, from the counts of every file's findings."""
    out: list[str] = statistics(tally) if run.statistics else []
    if not run.quiet:
        out.append(with_not_verified(tally_summary(tally, len(run.files)), run))
        if fixable := fixable_line(tally):
            out.append(fixable)
    return "".join(line + "\n" for line in out)


def render(diagnostics: list[Diagnostic], run) -> str:
    from linter.reporters import Tally

    return render_file(diagnostics, run) + render_end(Tally(diagnostics), run)
