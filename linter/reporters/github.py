"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` a finding, which
GitHub shows as an annotation on the file in the pull request and the run summary."""

from __future__ import annotations

from linter.diagnostics import Diagnostic

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    props = [f"title={escape_property(f'kamerlint {d.code} ({d.name})' if d.name else f'kamerlint {d.code}')}", f"file={escape_property(d.path)}"]
    loc = d.location
    message = d.message
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
        message += f"\n{d.excerpt}"
    return f"::{LEVELS.get(d.severity, 'warning')} {','.join(props)}::{escape_data(f'{d.code} {message}')}"


def render_file(diagnostics: list[Diagnostic], run) -> str:
    return "".join(annotation(d) + "\n" for d in diagnostics)


def render_end(tally, run) -> str:
    return ""


def render(diagnostics: list[Diagnostic], run) -> str:
    return render_file(diagnostics, run)
