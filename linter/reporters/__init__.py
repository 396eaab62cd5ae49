"""Reporters: one per output format. Each is a module with ``render(diagnostics, run) -> str``.

Modules are imported only when their format is asked for, to keep start-up short.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from linter.diagnostics import Diagnostic, StoryText

FORMATS = {
    "full": "linter.reporters.text",
    "concise": "linter.reporters.text",
    "json": "linter.reporters.json",
    "json-lines": "linter.reporters.json",
    "sarif": "linter.reporters.sarif",
    "github": "linter.reporters.github",
    "gitlab": "linter.reporters.gitlab",
    "junit": "linter.reporters.junit",
    "html": "linter.reporters.html",
}


@dataclass
class Run:
    """What a reporter knows about the run besides the findings."""

    format: str
    files: list[str] = field(default_factory=list)
    color: bool = False
    url_base: str = ""
    statistics: bool = False
    #: Each readable file's text (display name → stories), filled only for formats that show
    #: the letter (``SHOWS_TEXT``).
    texts: dict[str, list[StoryText]] = field(default_factory=dict)


#: Formats that show the letter's text and so need ``Run.texts``.
SHOWS_TEXT = {"html"}


def render(diagnostics: list[Diagnostic], run: Run) -> str:
    module = importlib.import_module(FORMATS[run.format])
    return module.render(diagnostics, run)
