"""Reporters: one per output format. Each is a module with ``render(diagnostics, run) -> str``.

Modules are imported only when their format is asked for, to keep start-up short.
"""

from __future__ import annotations

import importlib

from linter.diagnostics import Diagnostic, StoryText
from linter.model import Value

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
#: Formats defined as UTF-8 (JSON, SARIF, JUnit XML, Code Quality, the HTML page) or read as UTF-8 by their
#: consumer (GitHub's runner reads workflow commands so): written as UTF-8 bytes, whatever the
#: console's encoding.
UTF8_FORMATS = frozenset({"json", "json-lines", "sarif", "gitlab", "junit", "github", "html"})


class Run(Value):
    """What a reporter knows about the run besides the findings."""

    __slots__ = ("format", "files", "color", "url_base", "statistics", "quiet", "failing", "texts", "not_verified")

    def __init__(
        self,
        format: str,
        files: list[str] | None = None,
        color: bool = False,
        url_base: str = "",
        statistics: bool = False,
        #: Findings only: no summary line (--quiet, or nothing was found to check).
        quiet: bool = False,
        #: The severities that fail the run (--fail-on); a report shows the rest as not failing.
        failing: tuple[str, ...] = ("error", "warning"),
        #: Each readable file's text (display name → stories), filled only for formats that show
        #: the letter (``SHOWS_TEXT``).
        texts: dict[str, list[StoryText]] | None = None,
        #: References whose record could not be looked up (verify): said once, in the summary.
        not_verified: int = 0,
    ):
        self.format = format
        self.files = [] if files is None else files
        self.color = color
        self.url_base = url_base
        self.statistics = statistics
        self.quiet = quiet
        self.failing = failing
        self.texts = {} if texts is None else texts
        self.not_verified = not_verified


#: Formats that show the letter's text and so need ``Run.texts``.
SHOWS_TEXT = {"html"}


class RuleCount(Value):
    """One line of ``--statistics``: how often a rule fired, and whether a safe fix exists."""

    __slots__ = ("code", "name", "count", "fixable")

    def __init__(self, code: str, name: str, count: int, fixable: bool):
        self.code = code
        self.name = name
        self.count = count
        self.fixable = fixable

    def to_json(self) -> dict:
        return {"code": self.code, "name": self.name, "count": self.count, "fixable": self.fixable}


def rule_counts(diagnostics: list[Diagnostic]) -> list[RuleCount]:
    """Counts a rule, the most frequent first, as ruff's ``--statistics`` orders them."""
    counts: dict[tuple[str, str], int] = {}
    fixable: set[str] = set()
    for d in diagnostics:
        counts[(d.code, d.name)] = counts.get((d.code, d.name), 0) + 1
        if d.fix is not None and d.fix.applicability == "safe":
            fixable.add(d.code)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    return [RuleCount(code, name, n, code in fixable) for (code, name), n in ordered]


def render(diagnostics: list[Diagnostic], run: Run) -> str:
    module = importlib.import_module(FORMATS[run.format])
    return module.render(diagnostics, run)
