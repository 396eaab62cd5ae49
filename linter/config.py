"""Configuration files: ``[tool.kamerlint]`` in ``pyproject.toml``, or ``kamerlint.toml`` /
``.kamerlint.toml`` (top level, no ``[tool.kamerlint]`` header).

The nearest configuration above a checked file wins, as in ruff; ``--config FILE`` uses one file
for every checked file and ``--isolated`` uses none. The command line overrides the file. Every
value remembers where it came from, for ``--show-settings``.
"""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path, PurePosixPath

from linter.diagnostics import SEVERITIES
from linter.i18n import _
from linter.limits import DEFAULT_LIMITS, Limits
from linter.model import Value
from linter.settings import Settings

CONFIG_NAMES = (".kamerlint.toml", "kamerlint.toml", "pyproject.toml")
CITATION_STYLES = ("tweede-kamer", "juridisch")
DOCUMENT_TYPES = ("auto", "kamerbrief", "motie", "handelingen", "aanhangsel")
FOOTNOTE_MARKERS = ("consistent", "after-punctuation", "before-punctuation")
KNOWN_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "exclude",
    "extend-exclude",
    "exclude-repository-notes",
    "citation-style",
    "document-type",
    "footnote-marker",
    "note-link-exempt",
    "report-questions",
    "placeholders",
    "extend-placeholders",
    "limits",
    "fix",
    "verify",
    "verify-url",
    "cache-dir",
    "verify-not-found-hours",
    "verify-timeout",
    "verify-pace",
    "opendata-url",
    "require-verified",
    "lang",
)
#: Languages of messages and help (``lang``); see linter.i18n.
LANGUAGES = ("nl", "en")
VERIFY_MODES = ("cache", "online", "off")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


class Selection(Value):
    """One layer of rule selection (a file, or the command line), applied in order as ruff does:
    a layer with ``select`` starts again; one without only adds and removes."""

    __slots__ = ("select", "extend_select", "ignore")

    def __init__(self, select: list[str] | None = None, extend_select: list[str] | None = None, ignore: list[str] | None = None):
        self.select = [] if select is None else select
        self.extend_select = [] if extend_select is None else extend_select
        self.ignore = [] if ignore is None else ignore


class Config(Value):
    """What is in force for the files under one configuration (or none)."""

    __slots__ = ("settings", "path", "root", "layers", "per_file_ignores", "exclude", "exclude_notes", "sources", "codes")

    def __init__(self, settings: Settings, path: Path | None = None, root: Path | None = None):
        self.settings = settings
        #: The configuration file, or None (defaults only).
        self.path = path
        #: The folder globs are relative to (the configuration file's folder, or the working folder).
        self.root = Path.cwd() if root is None else root
        self.layers: list[Selection] = []
        self.per_file_ignores: dict[str, list[str]] = {}
        self.exclude: list[str] = []
        #: Whether folder walks (and --force-exclude) leave out a repository's own notes
        #: (README.md, CHANGELOG.md, …; linter.cli.REPOSITORY_NOTES).
        self.exclude_notes = True
        #: Option name -> where its value came from ("default", a file path, "command line").
        self.sources: dict[str, str] = {}
        #: The rule codes in force, once every layer is in (see Resolver.for_path).
        self.codes: list[str] = []

    # -- rules -------------------------------------------------------------------------------
    def rule_codes(self) -> list[str]:
        return resolve_selection(self.layers)

    def ignored_for(self, path: str) -> list[str]:
        """Codes and prefixes that per-file-ignores switch off for ``path``."""
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if self.matches(path, pattern):
                out.extend(codes)
        return out

    def is_excluded(self, path: str) -> bool:
        return any(self.matches(path, pattern, folders=True) for pattern in self.exclude)

    def matches(self, path: str, pattern: str, folders: bool = False) -> bool:
        """A glob against the path relative to ``root`` (``*`` crosses folders, as in fnmatch);
        a pattern without ``/`` also matches the file name, and with ``folders`` any folder name
        on the way (``exclude = ["archief"]``)."""
        rel = relative_posix(Path(path), self.root)
        if fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern.rstrip("/") + "/*"):
            return True
        if "/" not in pattern.rstrip("/"):
            parts = PurePosixPath(rel).parts
            names = parts if folders else parts[-1:]
            return any(fnmatch.fnmatchcase(name, pattern.rstrip("/")) for name in names)
        return False


def relative_posix(path: Path, root: Path) -> str:
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def resolve_selection(layers: list[Selection]) -> list[str]:
    """The codes chosen by the layers in order. Within a layer a longer (more specific) selector
    wins, and at equal length ignore wins; a later layer overrides an earlier one."""
    from linter.registry import all_rules

    chosen: list[str] = []
    for r in all_rules():
        on = True  # no select anywhere: every rule
        for layer in layers:
            selectors = [(s, True) for s in [*layer.select, *layer.extend_select]] + [(s, False) for s in layer.ignore]
            best: tuple[int, bool] | None = None
            if not layer.select:
                best = (-1, on)  # what earlier layers decided, beaten by any selector here
            for sel, turn_on in selectors:
                sel = sel.upper()
                if sel == "ALL" or r.code.startswith(sel):
                    spec = 0 if sel == "ALL" else len(sel)
                    if best is None or spec >= best[0]:
                        best = (spec, turn_on)
            on = bool(best and best[1])
        if on:
            chosen.append(r.code)
    return chosen


# -- reading files ---------------------------------------------------------------------------


#: Configuration files parsed in this process, by path and content: one run reads the same file
#: for the language (linter.cli), in find_config and in load_config, and parsing it is the cost.
#: Keyed on the bytes, so a file that changed is parsed again. The tables are read, never changed.
_parsed: dict[tuple[str, bytes], dict[str, object]] = {}


def load_toml(path: Path) -> dict[str, object]:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ConfigError(_("{file}: cannot be read: {error}", file=path, error=exc.strerror or exc)) from None
    key = (str(path), data)
    if key not in _parsed:
        _parsed[key] = _parse_toml(path, data)
    return _parsed[key]


def _parse_toml(path: Path, data: bytes) -> dict[str, object]:
    # Imported here, not at start-up: most runs find no configuration file.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        try:
            import tomli as tomllib
        except ImportError:
            raise ConfigError(_("{file}: reading TOML on Python 3.10 needs the 'tomli' package (pip install tomli)", file=path)) from None
    try:
        return tomllib.loads(data.decode())  # what tomllib.load does with the file's bytes
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_("{file}: is not valid TOML: {error}", file=path, error=exc)) from None


def table_of(path: Path) -> dict[str, object] | None:
    """The kamerlint table in a configuration file; None for a pyproject.toml without one."""
    if path.name == "pyproject.toml" and not _may_hold_kamerlint(path):
        # Most projects' pyproject.toml has no [tool.kamerlint]: say so without importing and
        # running a TOML parser (about 10 ms of every run in such a repository).
        return None
    data = load_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        return tool.get("kamerlint") if isinstance(tool, dict) else None
    return data


def _may_hold_kamerlint(path: Path) -> bool:
    """Whether a pyproject.toml could hold a kamerlint table, decided without a TOML parser: a
    ``[tool.kamerlint]`` table in any spelling has the word in it, unless a quoted key spells it
    with \\u escapes. Only a file with neither is passed over; any other is parsed. (A line scan
    that told ``name = "kamerlint"`` from a table was tried and dropped: multi-line arrays, escapes
    and Unicode line breaks made it miss real tables.) An unreadable file is left to load_toml."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return True
    return b"kamerlint" in data or b"\\u" in data or b"\\U" in data


def find_config(start: Path) -> Path | None:
    """The nearest configuration file in ``start`` or a folder above it."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                if name == "pyproject.toml" and table_of(path) is None:
                    continue
                return path
    return None


def _codes(value: object, where: str, known: list[str]) -> list[str]:
    if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(_('{where} must be a list of rule codes, like ["FN010", "BM"]', where=where))
    out = [v.strip().upper() for v in value]
    for code in out:
        if code != "ALL" and not any(k.startswith(code) for k in known):
            raise ConfigError(_("{where}: unknown rule code or prefix {code}; `lint rule --all` lists them", where=where, code=repr(code)))
    return out


def _strings(value: object, where: str) -> list[str]:
    if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(_("{where} must be a list of strings", where=where))
    return list(value)


def _choice(value: object, where: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ConfigError(_("{where} must be one of {choices}, not {value}", where=where, choices=", ".join(repr(c) for c in choices), value=repr(value)))
    return value


def apply_table(config: Config, table: dict[str, object], origin: Path) -> None:
    """Check every key and value of a kamerlint table and put them into ``config``."""
    from linter.registry import all_rules

    known = [r.code for r in all_rules()]
    s = config.settings
    label = str(origin)
    if not isinstance(table, dict):
        raise ConfigError(_("{file}: [tool.kamerlint] must be a table", file=origin))
    layer = Selection()
    for key, value in table.items():
        where = f"{origin}: {key}"
        if key not in KNOWN_KEYS:
            args = {"file": origin, "key": repr(key), "keys": ", ".join(KNOWN_KEYS), "suggestion": repr(key.replace("_", "-"))}
            if key.replace("_", "-") in KNOWN_KEYS:
                raise ConfigError(_("{file}: unknown key {key} (did you mean {suggestion}?); known keys: {keys}", **args))
            raise ConfigError(_("{file}: unknown key {key}; known keys: {keys}", **args))
        if key == "select":
            layer.select = _codes(value, where, known)
        elif key == "extend-select":
            layer.extend_select = _codes(value, where, known)
        elif key == "ignore":
            layer.ignore = _codes(value, where, known)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(_('{where} must be a table of glob = [codes], like {example}', where=where, example='{"archief/*" = ["BM001"]}'))
            config.per_file_ignores = {glob: _codes(codes, f"{where}.{glob!r}", known) for glob, codes in value.items()}
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(_("{where} must be a table of code = severity, like {example}", where=where, example='{FN010 = "error"}'))
            overrides: dict[str, str] = {}
            for code, sev in value.items():
                (prefix,) = _codes([code], f"{where}.{code}", known)
                _choice(sev, f"{where}.{code}", SEVERITIES)
                for k in known:  # a prefix sets every code under it; the engine looks up exact codes
                    if prefix == "ALL" or k.startswith(prefix):
                        overrides[k] = sev
            s.severity = overrides
        elif key in ("exclude", "extend-exclude"):
            config.exclude = config.exclude + _strings(value, where)
        elif key == "exclude-repository-notes":
            if not isinstance(value, bool):
                raise ConfigError(_("{where} must be true or false", where=where))
            config.exclude_notes = value
        elif key == "citation-style":
            s.citation_style = _choice(value, where, CITATION_STYLES)
        elif key == "document-type":
            s.document_type = _choice(value, where, DOCUMENT_TYPES)
        elif key == "footnote-marker":
            s.footnote_marker = _choice(value, where, FOOTNOTE_MARKERS)
        elif key == "note-link-exempt":
            if not isinstance(value, bool):
                raise ConfigError(_("{where} must be true or false, not {value}", where=where, value=repr(value)))
            s.note_link_exempt = value
        elif key == "report-questions":
            if not isinstance(value, bool):
                raise ConfigError(_("{where} must be true or false, not {value}", where=where, value=repr(value)))
            s.report_questions = value
        elif key == "placeholders":
            s.placeholders = tuple(_strings(value, where))
        elif key == "extend-placeholders":
            s.placeholders = (*s.placeholders, *_strings(value, where))
        elif key == "limits":
            s.limits = _limits(value, where)
        elif key == "fix":
            if not isinstance(value, bool):
                raise ConfigError(_("{where} must be true or false", where=where))
            s.fix = value
        elif key == "verify":
            s.verify = _choice(value, where, VERIFY_MODES)
        elif key in ("verify-url", "opendata-url"):
            if not isinstance(value, str) or not value.startswith(("http://", "https://")):
                raise ConfigError(_("{where} must be an http:// or https:// address, not {value}", where=where, value=repr(value)))
            setattr(s, key.replace("-", "_"), value)
        elif key == "cache-dir":
            if not isinstance(value, str) or not value:
                raise ConfigError(_("{where} must be a folder name", where=where))
            folder = Path(value).expanduser()
            s.cache_dir = str(folder if folder.is_absolute() else origin.parent / folder)
        elif key == "verify-not-found-hours":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ConfigError(_("{where} must be a number of hours (0 or more), not {value}", where=where, value=repr(value)))
            s.verify_not_found_hours = float(value)
        elif key == "lang":
            s.lang = _choice(value, where, LANGUAGES)
        elif key == "verify-timeout":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise ConfigError(_("{where} must be a number of seconds above 0, not {value}", where=where, value=repr(value)))
            s.verify_timeout = float(value)
        elif key == "verify-pace":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ConfigError(_("{where} must be a number of seconds (0 or more), not {value}", where=where, value=repr(value)))
            s.verify_pace = float(value)
        elif key == "require-verified":
            if not isinstance(value, bool):
                raise ConfigError(_("{where} must be true or false", where=where))
            s.require_verified = value
        config.sources[key] = label
    config.layers.append(layer)


def _limits(value: object, where: str) -> Limits:
    if not isinstance(value, dict):
        raise ConfigError(_("{where} must be a table, like {example}", where=where, example="{max-file-bytes = 400000000}"))
    changes: dict[str, int] = {}
    names = Limits.names()
    for key, number in value.items():
        name = key.replace("-", "_")
        if name not in names:
            raise ConfigError(_("{where}: unknown limit {key}; known limits: {limits}", where=where, key=repr(key), limits=", ".join(n.replace("_", "-") for n in names)))
        if isinstance(number, bool) or not isinstance(number, int) or number <= 0:
            raise ConfigError(_("{where} must be a positive whole number, not {value}", where=f"{where}.{key}", value=repr(number)))
        changes[name] = number
    return DEFAULT_LIMITS.replace(**changes)


def load_config(path: Path | None) -> Config:
    """Defaults, with the file at ``path`` (if any) applied."""
    config = Config(settings=Settings())
    config.sources = {key: "default" for key in KNOWN_KEYS}
    if path is None:
        return config
    path = path.resolve()
    config.path = path
    config.root = path.parent
    table = table_of(path)
    if table is None:
        raise ConfigError(_("{file}: has no [tool.kamerlint] table", file=path))
    apply_table(config, table, path)
    return config


class Resolver:
    """Finds the configuration in force for each checked file, reading each file once."""

    def __init__(self, config_file: Path | None = None, isolated: bool = False, overrides=None):
        self.config_file = config_file
        self.isolated = isolated
        #: A function that applies the command line to a fresh Config (cli.apply_overrides).
        self.overrides = overrides
        self._by_file: dict[Path | None, Config] = {}
        self._by_folder: dict[Path, Path | None] = {}

    def config_path_for(self, path: Path) -> Path | None:
        if self.isolated:
            return None
        if self.config_file is not None:
            return self.config_file.resolve()
        folder = (path if path.is_dir() else path.parent).resolve()
        if folder not in self._by_folder:
            self._by_folder[folder] = find_config(folder)
        return self._by_folder[folder]

    def for_path(self, path: Path) -> Config:
        key = self.config_path_for(path)
        if key not in self._by_file:
            config = load_config(key)
            if self.overrides is not None:
                self.overrides(config)
            config.codes = config.rule_codes()
            self._by_file[key] = config
        return self._by_file[key]


def show(
    config: Config, path: str, language: tuple[str, str] | None = None, letter_date=None, run: list[tuple[str, object, str]] = ()
) -> str:
    """``--show-settings``: every option in force, and where its value came from; ``language``:
    the language chosen and why; ``letter_date``: for a named letter, the date its head gives
    (a :class:`linter.letterhead.LetterDate`, or None when it gives none); ``run``: the options
    of the run itself (output format, fail-on, jobs, …) as (name, value, origin), which no
    configuration file sets."""
    import os

    from linter.verify import base_url, opendata_url
    from linter.verify.cache import cache_folder

    s = config.settings
    sources = dict(config.sources)
    # The values in force where the configuration leaves them open: the environment's, else the default.
    if s.verify_url is None and os.environ.get("KAMERLINT_VERIFY_URL"):
        sources["verify-url"] = _("environment ({variable})", variable="KAMERLINT_VERIFY_URL")
    if s.cache_dir is None and os.environ.get("KAMERLINT_CACHE_DIR"):
        sources["cache-dir"] = _("environment ({variable})", variable="KAMERLINT_CACHE_DIR")
    if s.opendata_url is None and os.environ.get("KAMERLINT_OPENDATA_URL"):
        sources["opendata-url"] = _("environment ({variable})", variable="KAMERLINT_OPENDATA_URL")
    if s.lang is None and language is not None:
        sources["lang"] = language[1]
    rows: list[tuple[str, object]] = [
        ("rules", " ".join(config.codes)),
        ("select", [c for layer in config.layers for c in layer.select]),
        ("extend-select", [c for layer in config.layers for c in layer.extend_select]),
        ("ignore", [c for layer in config.layers for c in layer.ignore]),
        ("per-file-ignores", config.per_file_ignores),
        ("severity", _compact_severity(s.severity)),
        ("exclude", config.exclude),
        ("exclude-repository-notes", config.exclude_notes),
        ("citation-style", s.citation_style),
        ("document-type", s.document_type),
        ("footnote-marker", s.footnote_marker),
        ("note-link-exempt", s.note_link_exempt),
        ("report-questions", s.report_questions),
        ("placeholders", list(s.placeholders)),
        ("fix", s.fix),
        ("limits", {n.replace("_", "-"): getattr(s.limits, n) for n in Limits.names()}),
        ("verify", s.verify),
        ("verify-url", base_url(s)),
        ("cache-dir", str(cache_folder(s))),
        ("verify-not-found-hours", s.verify_not_found_hours),
        ("verify-timeout", s.verify_timeout),
        ("verify-pace", s.verify_pace),
        ("opendata-url", opendata_url(s)),
        ("require-verified", s.require_verified),
        ("lang", s.lang or (language[0] if language else "")),
    ]
    lines = [
        _("Settings for {path}", path=path),
        _("Configuration file: {path}", path=config.path) if config.path else _("Configuration file: (none; defaults)"),
    ]
    if language is not None:
        lines.append(_("Language: {lang} ({why})", lang=language[0], why=language[1]))
    lines.append("")
    origins = {"default": _("default"), "command line": _("command line")}
    for name, value in rows:
        origin = _("selection") if name == "rules" else sources.get(name, "default")
        lines.append(f"{name} = {_show_value(value)}    # {origins.get(origin, origin)}")
    lines.append(f"letter-date = {_show_value(_letter_date_value(s, letter_date))}    # {_letter_date_origin(s, path, letter_date)}")
    if run:
        lines += ["", _("For this run (command line and environment only):")]
        lines += [f"{name} = {_show_value(value)}    # {origins.get(origin, origin)}" for name, value, origin in run]
    return "\n".join(lines) + "\n"


def _letter_date_value(s, found) -> str:
    if s.letter_date:
        return s.letter_date.isoformat()
    return found.date.isoformat() if found is not None else ""


def _letter_date_origin(s, path: str, found) -> str:
    """Where the letter's date comes from (see linter.letterhead for the order)."""
    if s.letter_date:
        return _("command line")
    if found is not None:
        return _("the letter: {source}", source=found.describe())
    if Path(path).is_file():
        return _("the letter does not state it (no Datum in its head); give --letter-date")
    return _("read from each letter's head (a Datum content control, field or line), unless --letter-date is given")


def _compact_severity(overrides: dict[str, str]) -> dict[str, str]:
    return dict(sorted(overrides.items()))


def _show_value(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


