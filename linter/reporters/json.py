"""JSON and JSON Lines: one object a finding (spec/output.md); with ``--statistics``, one object a
rule (``code``, ``name``, ``count``, ``fixable``), as ruff prints them."""

from __future__ import annotations

import json

from linter.diagnostics import Diagnostic


def render(diagnostics: list[Diagnostic], run) -> str:
    if run.statistics:
        from linter.reporters import rule_counts

        objects = [c.to_json() for c in rule_counts(diagnostics)]
    else:
        objects = [d.to_json(run.url_base) for d in diagnostics]
    if run.format == "json-lines":
        return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
