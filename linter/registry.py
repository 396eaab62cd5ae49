"""The rule registry: every rule's code, name, default severity, documentation and check.

A rule is a function in a module of ``rules/`` decorated with :func:`rule`. Its docstring is its
documentation, in ruff's sections (What it does / Why is this bad? / Example / Fix safety), shown
by ``lint rule CODE``. The function takes the document and a :class:`RuleContext` and yields
diagnostics made with ``ctx.report``::

    @rule("FN004", "empty-note", "error")
    def empty_note(doc, ctx):
        \"\"\"## What it does ...\"\"\"
        for note in doc.normal_notes():
            if not note.text.strip():
                yield ctx.report(note_span(note), "Footnote 3 is empty")

Rules whose findings come from the engine rather than from the model (the IO family) are
registered with ``check=None`` through :func:`register`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable

from linter.diagnostics import SEVERITIES, Diagnostic, Fix
from linter.model import Document, Fields, Span

Check = Callable[[Document, "RuleContext"], Iterable[Diagnostic]]


class Rule(Fields):
    """A registered rule; one object per code, so compared by identity."""

    __slots__ = ("code", "name", "severity", "docstring", "check", "module", "fix", "_doc")

    def __init__(
        self,
        code: str,
        name: str,
        severity: str,
        docstring: str,
        check: Check | None,
        module: str,
        #: Whether findings come with a fix: ``always``, ``sometimes`` or ``never`` (held against the
        #: "Fix safety" section by the tests).
        fix: str = "never",
    ):
        self.code = code
        self.name = name
        self.severity = severity
        self.docstring = docstring
        self.check = check
        self.module = module
        self.fix = fix
        self._doc: str | None = None

    @property
    def doc(self) -> str:
        """The documentation, the docstring without its indentation (inspect is imported by the
        runs that show documentation, not by every run)."""
        if self._doc is None:
            import inspect

            self._doc = inspect.cleandoc(self.docstring)
        return self._doc

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    @property
    def summary(self) -> str:
        """The first sentence of "What it does", for tables and SARIF short descriptions."""
        section = self.section("What it does")
        first = " ".join(section.split())
        # A full stop inside backticks (`Stb. 2020, 12`, `nr. 5`) does not end the sentence.
        code = False
        for i, ch in enumerate(first):
            if ch == "`":
                code = not code
            elif ch == "." and not code and first[i + 1 : i + 2] == " ":
                return first[: i + 1]
        return first

    def section(self, title: str) -> str:
        lines = self.doc.splitlines()
        out: list[str] = []
        inside = False
        for line in lines:
            if line.startswith("## "):
                inside = line[3:].strip().rstrip("?").lower() == title.rstrip("?").lower()
                continue
            if inside:
                out.append(line)
        return "\n".join(out).strip()


class RuleContext:
    """What a check sees besides the document: the settings, the look-up answers the engine
    gathered (``records``, a :class:`linter.verify.Records`, or None), and a way to report."""

    __slots__ = ("code", "settings", "records")

    def __init__(self, code: str, settings: object, records: object = None):
        self.code = code
        self.settings = settings
        self.records = records

    def report(self, span: Span | None, message: str, fix: Fix | None = None) -> Diagnostic:
        return Diagnostic(code=self.code, message=message, span=span, fix=fix)


_RULES: dict[str, Rule] = {}
_LOADED = False


FIX_AVAILABILITY = ("always", "sometimes", "never")


def register(code: str, name: str, severity: str, doc: str, check: Check | None = None, module: str = "", fix: str = "never") -> Rule:
    if severity not in SEVERITIES:
        raise ValueError(f"{code}: unknown severity {severity!r}")
    if fix not in FIX_AVAILABILITY:
        raise ValueError(f"{code}: fix must be one of {FIX_AVAILABILITY}, not {fix!r}")
    if code in _RULES and _RULES[code].module != module:
        raise ValueError(f"rule code {code} registered twice ({_RULES[code].module}, {module})")
    r = Rule(code, name, severity, doc or "", check, module, fix)
    _RULES[code] = r
    return r


def rule(code: str, name: str, severity: str, fix: str = "never") -> Callable[[Check], Check]:
    def decorate(fn: Check) -> Check:
        register(code, name, severity, fn.__doc__ or "", fn, fn.__module__, fix)
        return fn

    return decorate


def load_rules() -> None:
    """Import every module of the ``rules`` package once: adding a rule touches one file."""
    global _LOADED
    if _LOADED:
        return
    import rules

    # The package's modules by their files: pkgutil.iter_modules would import typing and inspect.
    names = sorted({entry[:-3] for folder in rules.__path__ for entry in os.listdir(folder) if entry.endswith(".py")})
    for name in names:
        if not name.startswith("_"):
            importlib.import_module(f"rules.{name}")
    _LOADED = True


def all_rules() -> list[Rule]:
    load_rules()
    return sorted(_RULES.values(), key=lambda r: (r.family, r.code))


def get_rule(code: str) -> Rule | None:
    load_rules()
    return _RULES.get(code.upper())


def matches(code: str, selectors: Iterable[str]) -> bool:
    return any(s == "ALL" or code.startswith(s) for s in selectors)


def select_rules(select: Iterable[str] | None, ignore: Iterable[str] = (), extend_select: Iterable[str] = ()) -> list[Rule]:
    """Rules chosen by code or prefix, as ruff does: ``select`` (default: all), plus
    ``extend_select``, minus ``ignore``. A longer, more specific selector wins over a shorter one."""
    chosen = []
    select = list(select) if select else ["ALL"]
    selectors = [(s.upper(), True) for s in [*select, *extend_select]] + [(s.upper(), False) for s in ignore]
    for r in all_rules():
        best: tuple[int, bool] | None = None
        for sel, on in selectors:
            if sel == "ALL" or r.code.startswith(sel):
                spec = 0 if sel == "ALL" else len(sel)
                # Equal specificity: ignore wins (it comes later).
                if best is None or spec >= best[0]:
                    best = (spec, on)
        if best and best[1]:
            chosen.append(r)
    return chosen


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    codes = [r.code for r in all_rules()]
    return [s for s in selectors if s.upper() != "ALL" and not any(c.startswith(s.upper()) for c in codes)]
