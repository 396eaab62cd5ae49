"""Reporters: one per output format. Each is a module with ``render(diagnostics, run) -> str``.

Modules are imported only when their format is asked for, to keep start-up short.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from linter.diagnostics import Diagnostic

FORMATS = {
    "full": "linter.reporters.text",
    "concise": "linter.reporters.text",
    "json": "linter.reporters.json",
    "json-lines": "linter.reporters.json",
    "sarif": "linter.reporters.sarif",
    "github": "linter.reporters.github",
    "gitlab": "linter.reporters.gitlab",
    "junit": "linter.reporters.junit",
}


@dataclass
class Run:
    """What a reporter knows about the run besides the findings."""

    format: str
    files: list[str] = field(default_factory=list)
    color: bool = False
    url_base: str = ""
    statistics: bool = False
    #: References whose record could not be looked up (verify): said once, in the summary.
    not_verified: int = 0


def render(diagnostics: list[Diagnostic], run: Run) -> str:
    module = importlib.import_module(FORMATS[run.format])
    return module.render(diagnostics, run)
