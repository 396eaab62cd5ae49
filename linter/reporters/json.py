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


def not_verified(run) -> list[dict]:
    """References that could not be verified, as one object beside the findings (and only when
    there are some): ``"code": null`` tells it from a finding; ``not_verified`` holds the count
    and the reasons (keys of linter.verify.REASONS)."""
    if not run.not_verified:
        return []
    return [{
        "path": None, "code": None, "name": "not-verified", "severity": "error" if run.require_verified else "info",
        "message": run.not_verified_text(), "location": None, "excerpt": None, "fix": None, "url": None,
        "not_verified": run.not_verified_json(),
    }]


def render_end(tally, run) -> str:
    from linter.reporters import rule_counts

    return lines([*(c.to_json() for c in rule_counts(tally)), *not_verified(run)]) if run.statistics else lines(not_verified(run))


def render(diagnostics: list[Diagnostic], run) -> str:
    if run.format == "json-lines":
        from linter.reporters import Tally

        return render_file(diagnostics, run) + render_end(Tally(diagnostics), run)
    if run.statistics:
        from linter.reporters import rule_counts

        objects = [c.to_json() for c in rule_counts(diagnostics)]
    else:
        objects = [d.to_json(run.url_base) for d in diagnostics]
    objects += not_verified(run)
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
