"""JSON and JSON Lines: one object a finding (spec/output.md)."""

from __future__ import annotations

import json

from linter.diagnostics import Diagnostic


def render(diagnostics: list[Diagnostic], run) -> str:
    objects = [d.to_json(run.url_base) for d in diagnostics]
    if run.format == "json-lines":
        return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
