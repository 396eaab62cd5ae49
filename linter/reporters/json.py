"""JSON and JSON Lines: one object a finding (spec/output.md); with ``--statistics``, one object a
rule (``code``, ``name``, ``count``, ``fixable``), as ruff prints them."""

from __future__ import annotations

import json

from linter.diagnostics import Diagnostic


def lines(objects) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)


def render_file(diagnostics: list[Diagnostic], run) -> str:
    """JSON Lines only (a JSON array is one document): one file's findings, or nothing with
    ``--statistics``."""
    return "" if run.statistics else lines(d.to_json(run.url_base) for d in diagnostics)


def render_end(tally, run) -> str:
    from linter.reporters import rule_counts

    return lines(c.to_json() for c in rule_counts(tally)) if run.statistics else ""


def render(diagnostics: list[Diagnostic], run) -> str:
    if run.format == "json-lines":
        from linter.reporters import Tally

        return render_file(diagnostics, run) + render_end(Tally(diagnostics), run)
    if run.statistics:
        from linter.reporters import rule_counts

        objects = [c.to_json() for c in rule_counts(diagnostics)]
    else:
        objects = [d.to_json(run.url_base) for d in diagnostics]
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
