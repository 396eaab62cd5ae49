"""Reporters: one per output format. Each is a module with ``render(diagnostics, run) -> str``;
those in ``STREAMED`` also with ``render_file(diagnostics, run)`` and ``render_end(tally, run)``.

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

    __slots__ = ("format", "files", "color", "url_base", "statistics", "quiet", "failing", "texts", "not_verified", "unverified", "require_verified")

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
        #: Why they could not be: reason (linter.verify.REASONS) → count.
        unverified: dict[str, int] | None = None,
        #: --require-verified: a reference not verified fails the run.
        require_verified: bool = False,
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
        self.unverified = {} if unverified is None else unverified
        self.require_verified = require_verified

    def not_verified_text(self) -> str:
        """"2 references not verified (no answer in time)", or "" when all were."""
        if not self.not_verified:
            return ""
        from linter.i18n import ngettext
        from linter.verify import describe

        n = self.not_verified
        if not self.unverified:
            return ngettext("{n} reference not verified", "{n} references not verified", n)
        return ngettext("{n} reference not verified ({why})", "{n} references not verified ({why})", n, why=describe(self.unverified))

    def not_verified_json(self) -> dict:
        """The count and reasons, as JSON and SARIF give them."""
        return {"count": self.not_verified, "reasons": dict(sorted(self.unverified.items())), "fails_run": self.require_verified}


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


class Tally:
    """What the end of a report and the exit code need of the findings, without keeping them: a
    streamed report (``STREAMED``) counts each file's findings and lets them go."""

    __slots__ = ("severities", "paths", "safe", "unsafe", "rules", "fixable")

    def __init__(self, diagnostics=()):
        #: Findings a severity.
        self.severities: dict[str, int] = {}
        #: The files with findings.
        self.paths: set[str] = set()
        #: Findings with a safe fix, and with an unsafe one (--unsafe-fixes).
        self.safe = 0
        self.unsafe = 0
        #: Findings a rule, by (code, name).
        self.rules: dict[tuple[str, str], int] = {}
        #: Codes of which some finding has a safe fix.
        self.fixable: set[str] = set()
        self.add(diagnostics)

    def add(self, diagnostics) -> None:
        for d in diagnostics:
            self.severities[d.severity] = self.severities.get(d.severity, 0) + 1
            self.paths.add(d.path)
            self.rules[(d.code, d.name)] = self.rules.get((d.code, d.name), 0) + 1
            if d.fix is not None and d.fix.applicability == "safe":
                self.safe += 1
                self.fixable.add(d.code)
            elif d.fix is not None and d.fix.applicability == "unsafe":
                self.unsafe += 1

    @property
    def total(self) -> int:
        return sum(self.severities.values())

    def any_of(self, severities) -> bool:
        return any(self.severities.get(s) for s in severities)


def rule_counts(found: Tally | list[Diagnostic]) -> list[RuleCount]:
    """Counts a rule, the most frequent first, as ruff's ``--statistics`` orders them."""
    tally = found if isinstance(found, Tally) else Tally(found)
    ordered = sorted(tally.rules.items(), key=lambda kv: (-kv[1], kv[0][0]))
    return [RuleCount(code, name, n, code in tally.fixable) for (code, name), n in ordered]


#: Formats a report can write file by file, as each file is checked (``render_file`` each file's
#: findings in order, then ``render_end`` from the Tally), keeping only counts. The others (a JSON
#: array, SARIF, JUnit, GitLab's array, the HTML page) are one document and are built whole.
STREAMED = frozenset({"full", "concise", "github", "json-lines"})


def module(format: str):
    return importlib.import_module(FORMATS[format])


def render(diagnostics: list[Diagnostic], run: Run) -> str:
    return module(run.format).render(diagnostics, run)
