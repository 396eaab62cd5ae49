"""The command line: ``lint [OPTIONS] [PATH ...]``, ``lint rule CODE``, ``lint -`` (spec/output.md).

Exit codes: 0 nothing found at or above the failing severity, 1 findings, 2 the command itself
could not run (a bad option, or a failure of kamerlint itself: never 1, which CI would read as
"findings"). An unreadable file is a finding (IO001–IO005), not an exit 2.
"""

from __future__ import annotations

import os
import sys

from linter import __version__
from linter.i18n import _, ngettext

# Start-up is felt by pre-commit users: this module imports only os, sys and linter.i18n (which
# imports only os); everything else (argparse, pathlib, the engine) is imported by the function
# that needs it, so that `lint --version` costs little more than the interpreter.

#: What a folder walk reads. .docm/.dotx/.dotm are WordprocessingML like .docx (another content
#: type only); the format is recognised from the content anyway.
DOCUMENT_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm", ".odt", ".txt", ".md")
#: Letters in formats kamerlint cannot read: a walk reports them (IO002, with what to do) rather
#: than pass over them in silence.
UNREADABLE_SUFFIXES = (".doc", ".dot", ".rtf", ".pdf")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
OUTPUT_FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit", "html")
FAIL_ON = {"error": ("error",), "warning": ("error", "warning"), "info": ("error", "warning", "info")}


class UsageError(Exception):
    pass


def new_parser(**kwargs):
    """An argparse parser that reports a usage error our way (argparse exits 2 too)."""
    import argparse

    from linter.i18n import translate_argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str):
            self.print_usage(sys.stderr)
            print("lint: " + _("error: {message}", message=message), file=sys.stderr)
            raise SystemExit(EXIT_USAGE)

    class Formatter(argparse.HelpFormatter):
        # argparse makes a formatter for every add_argument, and the stock one imports shutil
        # (with bz2 and lzma) for the terminal's width: a few ms of every run, for help text.
        def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
            super().__init__(prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width)

    translate_argparse()
    kwargs.setdefault("formatter_class", Formatter)
    # `--stat` for --statistics today could mean a new --status tomorrow: options are spelt out.
    kwargs.setdefault("allow_abbrev", False)
    return Parser(**kwargs)


def terminal_columns() -> int:
    """What shutil.get_terminal_size() says, without importing shutil: $COLUMNS, else the
    terminal's width, else 80."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def use_color(choice: str | None, to_console: bool) -> bool:
    """``--color``: ``always`` and ``never`` as they say; ``auto`` (the default) colours standard
    output when it is a terminal, never when NO_COLOR is set (no-color.org), also when it is not
    when FORCE_COLOR is set (force-color.org: a CI log), in that order, as Python itself decides.
    A report file (-o) is coloured only with ``always``."""
    if choice in ("always", "never"):
        return choice == "always"
    if not to_console or os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def build_parser():
    from linter.config import DOCUMENT_TYPES

    p = new_parser(
        prog="lint",
        description=_(
            "kamerlint: check drafts of Kamerbrieven (.docx, .odt, Tika text exports, text) for broken "
            "footnotes, bookmarks, references and drafting residue."
        ),
        epilog=_(
            "`lint rule CODE` explains a rule; `lint rule --all` lists them. `lint sync PATH …` looks up what the "
            "letters cite and keeps it in the cache; `lint cache info` and `lint cache clear` show and empty that cache. "
            "Exit codes: 0 clean, 1 findings, 2 the command could not run (a usage error, or kamerlint failed)."
        ),
    )
    p.add_argument("paths", nargs="*", metavar=_("PATH"), help=_("files or folders to check (folders: .docx .docm .dotx .dotm .odt .txt .md; .doc .dot .rtf .pdf are reported as unreadable); - reads standard input"))
    p.add_argument("--select", type=codes, action="append", default=[], metavar=_("CODES"), help=_("only these rules: codes or prefixes, comma-separated (FN,BM001)"))
    p.add_argument("--extend-select", type=codes, action="append", default=[], metavar=_("CODES"), help=_("add these rules to the selection"))
    p.add_argument("--ignore", type=codes, action="append", default=[], metavar=_("CODES"), help=_("leave out these rules: codes or prefixes"))
    p.add_argument("--output-format", choices=OUTPUT_FORMATS, default=None, help=_("how to print findings (default: full, or $KAMERLINT_OUTPUT_FORMAT)"))
    p.add_argument("--statistics", action="store_true", help=_("print how often each rule fired instead of the findings"))
    p.add_argument("--exit-zero", action="store_true", help=_("exit 0 even when there are findings"))
    p.add_argument("--fail-on", choices=["error", "warning", "info"], default=None, help=_("lowest severity that makes the run fail (default: warning)"))
    p.add_argument("--color", choices=["auto", "always", "never"], default=None, help=_("colour in full and concise output: auto (default: on a terminal; NO_COLOR switches it off, FORCE_COLOR on), always, never"))
    p.add_argument("--stdin-filename", metavar=_("NAME"), help=_("the name to report for standard input"))
    p.add_argument("--citation-style", choices=["tweede-kamer", "juridisch"], help=_("the Kamerstuk citation style to check against (default: tweede-kamer)"))
    p.add_argument("--document-type", choices=DOCUMENT_TYPES, help=_("the genre whose citation conventions apply (default: auto, what the document's opening shows, else kamerbrief)"))
    p.add_argument("--letter-date", metavar=_("YYYY-MM-DD"), help=_("the letter's date; wins over the Datum in the letter's head"))
    p.add_argument("--footnote-marker", choices=["consistent", "after-punctuation", "before-punctuation"], help=_("where markers go relative to the full stop (FN006)"))
    p.add_argument("--report-questions", action="store_true", default=None, help=_("in an answer to Kamervragen, also report what is wrong in the quoted questions"))
    p.add_argument("--config", metavar=_("FILE"), help=_("use this configuration file for every file (default: the nearest kamerlint.toml, .kamerlint.toml or pyproject.toml with [tool.kamerlint] above each file)"))
    p.add_argument("--isolated", action="store_true", help=_("ignore every configuration file"))
    p.add_argument("--show-settings", action="store_true", help=_("print the settings in force for the first PATH and where each came from"))
    p.add_argument("--exclude", action="append", default=[], metavar=_("GLOB"), help=_("leave out files and folders matching this GLOB when walking folders (added to the configuration's)"))
    p.add_argument("--force-exclude", action="store_true", help=_("leave out files named on the command line too where a folder walk would: exclude, lock files, a repository's notes (for pre-commit)"))
    p.add_argument("--baseline", metavar=_("FILE"), help=_("report only findings that are not in this baseline"))
    p.add_argument("--write-baseline", metavar=_("FILE"), help=_("record today's findings in FILE and exit 0"))
    p.add_argument("--verify", action="store_true", help=_("look up cited Kamerstukken and moties the cache does not know at officielebekendmakingen.nl and the Tweede Kamer's open data (KS009, MO003 to MO007)"))
    p.add_argument("--require-verified", action="store_true", default=None, help=_("fail the run when a cited reference could not be verified (for CI that must verify)"))
    p.add_argument("--cache-dir", metavar=_("DIR"), help=_("the folder of the look-up cache (default: the user's cache folder)"))
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help=_("check files in N processes (default: one a processor)"))
    p.add_argument("-q", "--quiet", action="store_true", help=_("print the findings and errors only: no summary line, no warnings"))
    p.add_argument("-o", "--output-file", metavar=_("FILE"), help=_("write the report to FILE (UTF-8, replaced in one step) instead of standard output"))
    p.add_argument("--show-files", action="store_true", help=_("list the files that would be checked, then exit"))
    p.add_argument("--fix", action="store_true", default=None, help=_("apply safe fixes to the files, then report what is left"))
    p.add_argument("--no-fix", dest="fix", action="store_false", help=_("do not fix, even if the configuration says fix = true"))
    p.add_argument("--unsafe-fixes", action="store_true", help=_("with --fix or --diff, apply unsafe fixes too"))
    p.add_argument("--fix-only", action="store_true", help=_("apply fixes and report nothing else"))
    p.add_argument("--diff", action="store_true", help=_("print what fixing would change (the visible text, as a unified diff) and write nothing; exit 1 if anything would change"))
    p.add_argument("--track-changes", action="store_true", help=_("with --fix, write each change to a .docx as a tracked change by kamerlint"))
    p.add_argument("--annotate", action="store_true", help=_("write a copy of each .docx or .odt with a comment by kamerlint at each finding reported (letter.kamerlint.docx beside it)"))
    p.add_argument("--annotate-output", metavar=_("FILE"), help=_("with --annotate and one file: write the annotated copy to FILE"))
    p.add_argument("--output-dir", metavar=_("DIR"), help=_("with --annotate: write the annotated copies into DIR (mirroring the folders given) with an index.html listing every letter checked"))
    p.add_argument("--lang", choices=["nl", "en"], help=_("the language of messages, fixes and help: nl (Dutch) or en (English); default: $KAMERLINT_LANG, lang in the configuration, else the system's language"))
    p.add_argument("--version", action="version", version=f"kamerlint {__version__}", help=_("show the version and exit"))
    return p


#: The language in force and why (``--show-settings`` says so), set by :func:`start_language`.
LANGUAGE_CHOICE: tuple[str, str] = ("en", "default")


def lang_option(argv: list[str]) -> str | None:
    """``--lang X`` from the command line before it is parsed: the help itself is in that language."""
    from linter.i18n import LANGUAGES

    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg[7:] if arg.startswith("--lang=") else None
        if value in LANGUAGES:
            return value
    return None


def config_language(argv: list[str], target: Path | None = None) -> tuple[str | None, str | None]:
    """``lang`` in the configuration for ``target`` (default: the working folder), and the file."""
    if "--isolated" in argv:
        return None, None
    from pathlib import Path

    from linter.config import ConfigError, find_config, load_config

    try:
        named = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--config"), None)
        path = Path(named) if named else find_config(target or Path.cwd())
        if path is None or not path.is_file():
            return None, None
        return load_config(path).settings.lang, str(path)
    except (ConfigError, OSError):
        return None, None  # the command reports a bad configuration itself, in the chosen language


def start_language(argv: list[str], config_lang: str | None = None, config_file: str | None = None) -> None:
    """Choose the language (``--lang`` > KAMERLINT_LANG > ``lang`` in the configuration > the
    system locale > English) and speak it from now on."""
    global LANGUAGE_CHOICE
    from linter.i18n import choose_language, set_language

    if config_file is None:
        config_lang, config_file = config_language(argv)
    lang = choose_language(lang_option(argv), config_lang, config_file)[0]
    set_language(lang)
    LANGUAGE_CHOICE = choose_language(lang_option(argv), config_lang, config_file)  # the reason, in that language


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:  # what argparse's version action does, without importing argparse
        print(f"kamerlint {__version__}")
        raise SystemExit(EXIT_OK)
    # Imported here, as everything a run needs: `lint --version` imports no signal module.
    from linter.stopping import EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated, terminate_raises

    terminate_raises()
    start_language(argv)
    # A console that cannot show a character (cp1252 on Windows) gets a replacement, not a crash.
    # Formats defined as UTF-8 are written as bytes and never pass through this (write_report).
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=errors)
    from linter.streams import OutputError, StandardOutput

    out = StandardOutput()
    try:
        code = dispatch(argv)
        out.flush()
        return code
    except UsageError as exc:
        print("lint: " + _("error: {message}", message=exc), file=sys.stderr)
        return EXIT_USAGE
    except OutputError as exc:  # a full disk: the report is lost, and the run must not pass for done
        print("lint: " + _("the report cannot be written to standard output: {error}", error=exc), file=sys.stderr)
        return EXIT_USAGE
    except (KeyboardInterrupt, Terminated) as exc:
        # Ctrl-C or `kill`: what was being written has been unwound; the workers go too.
        if "linter.parallel" in sys.modules:
            sys.modules["linter.parallel"].stop_pools()
        return EXIT_INTERRUPTED if isinstance(exc, KeyboardInterrupt) else EXIT_TERMINATED
    except Exception as exc:  # a bug of ours: exit 2 with one line, never 1 ("findings")
        if os.environ.get("KAMERLINT_DEBUG"):
            import traceback

            traceback.print_exc()
        detail = " ".join(str(exc).split())
        error = f"{type(exc).__name__}{': ' + detail if detail else ''}"
        print("lint: " + _("internal error: {error} (KAMERLINT_DEBUG=1 shows the traceback; please report this)", error=error), file=sys.stderr)
        return EXIT_USAGE
    finally:
        out.restore()
        if out.report_lost() and sys.stderr is not None:
            print("lint: " + _("standard output is closed, so the report was not shown"), file=sys.stderr)


def dispatch(argv: list[str]) -> int:
    if argv and argv[0] == "rule":
        return rule_command(argv[1:])
    if argv and argv[0] == "serve":
        from linter.serve import serve_command  # the serve extra, imported only for `lint serve`

        return serve_command(argv[1:])
    if argv and argv[0] in ("cache", "sync"):
        from linter.verify.commands import cache_command, sync_command

        return (cache_command if argv[0] == "cache" else sync_command)(argv[1:])
    return check_command(argv)


def rule_command(argv: list[str]) -> int:
    from linter.registry import all_rules, get_rule

    from linter.i18n import rule_doc, rule_summary
    from linter.reporters.text import severity_name

    p = new_parser(prog="lint rule", description=_("Explain a rule, or list every rule with --all."))
    p.add_argument("code", nargs="?", metavar=_("CODE"), help=_("the rule's code, like FN001"))
    p.add_argument("--all", action="store_true", help=_("list every rule"))
    p.add_argument("--output-format", choices=["text", "json"], default="text", help=_("text (default) or json"))
    p.add_argument("--lang", choices=["nl", "en"], help=_("the language of the explanation: nl (Dutch) or en (English)"))
    args = p.parse_args(argv)
    if args.all:
        rules = all_rules()
        if args.output_format == "json":
            import json

            print(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity, "summary": rule_summary(r)} for r in rules], indent=2, ensure_ascii=False))
        else:
            for r in rules:
                print(f"{r.code}  {r.name:<32} {severity_name(r.severity):<12} {rule_summary(r)}")
        return EXIT_OK
    if not args.code:
        raise UsageError(_("name a rule (`lint rule FN001`) or use --all"))
    r = get_rule(args.code)
    if r is None:
        raise UsageError(_("no rule {code}; `lint rule --all` lists them", code=repr(args.code)))
    from linter.questions import rule_note

    doc = rule_doc(r)
    note = rule_note(r.code)
    if note:
        doc = f"{doc.rstrip()}\n\n{note}\n"
    if args.output_format == "json":
        import json

        print(json.dumps({"code": r.code, "name": r.name, "severity": r.severity, "doc": doc}, indent=2, ensure_ascii=False))
    else:
        print(f"# {r.name} ({r.code})\n\n" + _("Default severity: {severity}", severity=severity_name(r.severity)) + f"\n\n{doc}")
    return EXIT_OK


def run_settings(args: argparse.Namespace) -> list[tuple[str, object, str]]:
    """What ``--show-settings`` says of the run itself: (option, value in force, where from)."""
    from linter.parallel import default_jobs

    environment = os.environ.get("KAMERLINT_OUTPUT_FORMAT")
    fmt_origin = "command line" if args.output_format else _("environment ({variable})", variable="KAMERLINT_OUTPUT_FORMAT") if environment else "default"
    if args.color:
        color = (args.color, "command line")
    elif os.environ.get("NO_COLOR"):
        color = ("never", _("environment ({variable})", variable="NO_COLOR"))
    elif os.environ.get("FORCE_COLOR"):
        color = ("always", _("environment ({variable})", variable="FORCE_COLOR"))
    else:
        color = ("auto", "default")
    return [
        ("output-format", output_format(args), fmt_origin),
        ("fail-on", args.fail_on or "warning", "command line" if args.fail_on else "default"),
        ("exit-zero", args.exit_zero, "command line" if args.exit_zero else "default"),
        ("color", *color),
        ("jobs", args.jobs or default_jobs(), "command line" if args.jobs else _("default (one a processor)")),
    ]


def apply_overrides(args: argparse.Namespace):
    """A function that puts the command line over a configuration: it overrides the file."""
    select = [c for group in args.select for c in group]
    extend_select = [c for group in args.extend_select for c in group]
    ignore = [c for group in args.ignore for c in group]
    letter_date = None
    if args.letter_date:
        from datetime import date

        try:
            letter_date = date.fromisoformat(args.letter_date)
        except ValueError:
            raise UsageError(_("--letter-date {value} is not a date like 2025-03-25", value=repr(args.letter_date))) from None

    def apply(config) -> None:
        from linter.config import Selection

        s = config.settings
        if select or extend_select or ignore:
            config.layers.append(Selection(select, extend_select, ignore))
            for name, given in (("select", select), ("extend-select", extend_select), ("ignore", ignore)):
                if given:
                    config.sources[name] = "command line"
        if args.citation_style:
            s.citation_style = args.citation_style
            config.sources["citation-style"] = "command line"
        if args.document_type:
            s.document_type = args.document_type
            config.sources["document-type"] = "command line"
        if args.footnote_marker:
            s.footnote_marker = args.footnote_marker
            config.sources["footnote-marker"] = "command line"
        if args.report_questions:
            s.report_questions = True
            config.sources["report-questions"] = "command line"
        if letter_date is not None:
            s.letter_date = letter_date
        if args.exclude:
            config.exclude = config.exclude + args.exclude
            config.sources["exclude"] = "command line"
        if getattr(args, "verify", False):
            s.verify = "online"
            config.sources["verify"] = "command line"
        if getattr(args, "cache_dir", None):
            s.cache_dir = args.cache_dir
            config.sources["cache-dir"] = "command line"
        if getattr(args, "require_verified", None):
            s.require_verified = True
            config.sources["require-verified"] = "command line"

    return apply


def is_annotated_copy(name: str) -> bool:
    """``brief.kamerlint.docx`` (or .odt): a copy written by --annotate."""
    stem, dot, _suffix = name.lower().rpartition(".")
    return bool(dot) and stem.endswith(".kamerlint")


#: A repository's own notes, not letters: README, CHANGELOG, LICENSE, … (any case, with any
#: suffix after a separator: README-nl.md, LICENCE.EUPL.txt), requirements*.txt, and anything
#: under .github/. A folder walk leaves those among the text drafts out, and so does a run with
#: --force-exclude, which the pre-commit text hook gives, so that the hook and the CI templates
#: use this one list: a TODO in a README is not a placeholder left in a letter.
#: ``exclude-repository-notes = false`` in the configuration checks them after all.
REPOSITORY_NOTES = (
    r"(?i)(^|/)((readme|changelog|changes|history|news|contributing|code_of_conduct|security|support|authors"
    r"|contributors|maintainers|licen[cs]e|copying|notice)([-._ ][^/]*)?|requirements[^/]*\.txt|\.github/.*)$"
)
#: The text drafts among DOCUMENT_SUFFIXES: the only files REPOSITORY_NOTES applies to.
TEXT_SUFFIXES = (".txt", ".md", ".markdown")


def is_repository_note(path: Path) -> bool:
    import re

    return path.name.lower().endswith(TEXT_SUFFIXES) and re.search(REPOSITORY_NOTES, path.as_posix()) is not None


def left_out_by_name(path: Path, notes: bool = True) -> str | None:
    """Why a file a walk finds is not a letter to check (None: it is one): Word's and
    LibreOffice's lock files (``~$brief.docx``), kamerlint's own annotated copies
    (``brief.kamerlint.docx``, so that linting a folder again does not lint them as letters), and
    with ``notes`` a repository's own notes (REPOSITORY_NOTES)."""
    if path.name.startswith(("~$", ".~lock")):
        return _("a lock file of Word or LibreOffice")
    if is_annotated_copy(path.name):
        return _("a copy written by --annotate")
    if notes and is_repository_note(path):
        return _("a note of the repository, not a letter (exclude-repository-notes = false checks it)")
    return None


class ReportFile:
    """The file this run writes its report to, when there is one: ``-o FILE``, or standard output
    redirected to a file (``lint . > rapport.txt``: the shell makes the file before kamerlint
    starts, so a walk would find it). A walk leaves it out, so that a run does not check its own
    report, nor the next run the report of this one as a letter. A pipe (``| tee rapport.txt``)
    cannot be recognised."""

    def __init__(self, output_file: str | None):
        import stat

        self.paths: set[str] = set()
        self.ids: set[tuple[int, int]] = set()
        if output_file:
            self.paths.add(os.path.realpath(output_file))
            try:
                found = os.stat(output_file)
                self.ids.add((found.st_dev, found.st_ino))
            except OSError:
                pass  # written for the first time
        try:
            out = os.fstat(sys.stdout.fileno())
        except (AttributeError, ValueError, OSError):  # no real standard output (a test's capture)
            return
        if stat.S_ISREG(out.st_mode):
            self.ids.add((out.st_dev, out.st_ino))

    def __contains__(self, path: Path) -> bool:
        if self.paths and os.path.realpath(path) in self.paths:
            return True
        if not self.ids:
            return False
        try:
            found = os.stat(path)
        except OSError:
            return False
        return (found.st_dev, found.st_ino) in self.ids


def walk(folder: Path, excluded=None, left_out: list | None = None) -> list[Path]:
    """Documents in a folder, and letters in formats that cannot be read (so that they are
    reported, not passed over), in a stable order. Suffixes match in any case. Links to folders
    are not followed (they can loop). ``excluded(path, folder)`` says why a file or folder is
    left out, or None (default: :func:`left_out_by_name` for files); files left out are added to
    ``left_out`` as (path, why)."""
    from pathlib import Path

    if excluded is None:
        excluded = lambda path, folder: None if folder else left_out_by_name(path)  # noqa: E731
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=False, onerror=None):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith(".") and not excluded(Path(root) / d, True))
        for name in sorted(names):
            if not name.lower().endswith(DOCUMENT_SUFFIXES + UNREADABLE_SUFFIXES):
                continue
            path = Path(root) / name
            why = excluded(path, False)
            if not why:
                files.append(path)
            elif left_out is not None:
                left_out.append((path, why))
    return files


def check_command(argv: list[str]) -> int:
    from pathlib import Path

    args = build_parser().parse_args(argv)

    from linter.baseline import BaselineError, read_baseline, write_baseline
    from linter.config import ConfigError, Resolver, show
    from linter.parallel import Progress, default_jobs, run
    from linter.registry import unknown_selectors

    for group in (*args.select, *args.extend_select, *args.ignore):
        for sel in group:
            if unknown_selectors([sel]):
                raise UsageError(_("unknown rule code or prefix {code}; `lint rule --all` lists them", code=repr(sel)))
    if args.config is not None and not Path(args.config).is_file():
        raise UsageError(_("--config {file}: no such file", file=args.config))
    if args.jobs is not None and args.jobs < 0:
        raise UsageError(_("--jobs must be 0 (one a processor) or more"))
    resolver = Resolver(Path(args.config) if args.config else None, args.isolated, apply_overrides(args))

    try:
        target = args.paths[0] if args.paths else "."
        if target == "-":
            target = args.stdin_filename or "."
        # The configuration for the first file may name a language the working folder's does not.
        first = resolver.for_path(Path(target))
        start_language(argv, first.settings.lang, str(first.path) if first.path else "")
        if args.show_settings:
            from linter.engine import letter_date_of

            found = letter_date_of(Path(target), first.settings) if Path(target).is_file() else None
            sys.stdout.write(show(first, target, LANGUAGE_CHOICE, letter_date=found, run=run_settings(args)))
            return EXIT_OK
        if not args.paths:
            raise UsageError(_("name a file or folder to check (or - for standard input); `lint --help` says more"))
        left_out: list = []
        tasks = make_tasks(args, resolver, left_out)
        refuse_to_overwrite_a_letter(args, tasks)
        if args.show_files or not tasks:  # on standard error: --show-files prints the list itself
            for path, why in left_out:
                notice(args, "lint: " + _("left out {file}: {reason}", file=path, reason=why))
        if not tasks:
            notice(args, "lint: " + _("warning: No files found to check (kamerlint checks {suffixes}).", suffixes=", ".join(DOCUMENT_SUFFIXES)))
        if args.show_files:
            write_report("".join(t.display + "\n" for t in tasks), "full", args.output_file)
            return EXIT_OK
        baseline = read_baseline(Path(args.baseline)) if args.baseline else None
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    except BaselineError as exc:
        raise UsageError(str(exc)) from None

    fmt = output_format(args)
    from linter.reporters import SHOWS_TEXT

    jobs = args.jobs or default_jobs()
    fixing = args.diff or args.fix_only or (args.fix if args.fix is not None else any(t.settings.fix for t in tasks))
    if args.track_changes and not fixing:
        raise UsageError(_("--track-changes writes fixes: use it with --fix"))
    if fixing and args.write_baseline:
        raise UsageError(_("--write-baseline records today's findings; run it without --fix, --fix-only or --diff"))
    if args.annotate_output and not args.annotate:
        raise UsageError(_("--annotate-output names the annotated copy: use it with --annotate"))
    if args.annotate and (fixing or args.write_baseline):
        raise UsageError(_("--annotate writes a copy with comments; run it without --fix, --fix-only, --diff or --write-baseline"))
    if args.output_dir and not args.annotate:
        raise UsageError(_("--output-dir is where --annotate writes its copies: use it with --annotate"))
    if args.output_dir and args.annotate_output:
        raise UsageError(_("--annotate-output names one copy and --output-dir a folder for them: give one of the two"))
    if args.annotate_output and len(tasks) != 1:
        raise UsageError(_("--annotate-output names one copy: give it one file"))
    if fixing:
        return fix_command(args, tasks, jobs, baseline)
    from linter.reporters import STREAMED

    if fmt in STREAMED and not (args.write_baseline or args.annotate):
        return streamed_check(args, tasks, jobs, baseline)
    texts: dict | None = {} if fmt in SHOWS_TEXT else None
    results = run(tasks, jobs, Progress(0 if args.quiet else len(tasks)), texts=texts, exit_after=EXIT_AFTER_RUN)
    diagnostics = [d for found in results for d in found]
    diagnostics.sort(key=lambda d: d.sort_key())
    files = [t.display for t in tasks]

    if args.write_baseline:
        n = write_baseline(Path(args.write_baseline), diagnostics)
        notice(args, ngettext("Wrote {n} finding to the baseline {file}.", "Wrote {n} findings to the baseline {file}.", n, file=args.write_baseline))
        return EXIT_OK
    if baseline is not None:
        diagnostics, stale = baseline.filter(diagnostics, files)
        stale_notice(args, stale)

    if args.annotate:
        annotate_command(args, tasks, diagnostics)
    run_info = report(args, tasks, diagnostics, files, texts=texts, results=results)
    return exit_code(args, diagnostics, run_info)


def refuse_to_overwrite_a_letter(args: argparse.Namespace, tasks: list) -> None:
    """``-o brief.docx brief.docx`` would replace the letter with its report: a usage error."""
    checked = {_identity(t.path) for t in tasks if t.path is not None and t.data is None} - {None}
    for option, target in (("--output-file", args.output_file), ("--write-baseline", args.write_baseline)):
        if target and _identity(target) in checked:
            raise UsageError(_("{option} {file} is a file being checked; write the report to another file", option=option, file=target))


def _identity(path: str):
    """What makes two names one file: its device and inode (a link or hard link too); None if there is none."""
    try:
        st = os.stat(path)
        return (st.st_dev, st.st_ino)
    except OSError:
        return None


def annotate_command(args: argparse.Namespace, tasks: list, diagnostics: list) -> None:
    """Write each letter's annotated copy with the findings that will be reported; say on
    standard error where it went, or why it was not written. With --output-dir the copies go
    into that folder, with an index.html that lists every letter checked."""
    from pathlib import Path

    from linter.annotate import annotated_path

    out_dir = Path(args.output_dir) if args.output_dir else None
    inputs = {os.path.realpath(t.path) for t in tasks if t.path is not None and t.data is None}
    written: set[str] = set()
    entries = []
    for task in tasks:
        found = [d for d in diagnostics if d.path == task.display]
        if task.path is None or task.data is not None:
            reason = _("--annotate needs a file, not standard input")
            print(f"lint: {task.display}: " + _("no annotated copy: {reason}", reason=reason), file=sys.stderr)
            entries.append((task.display, found, None, reason))
            continue
        source = Path(task.path)
        if args.annotate_output:
            target = Path(args.annotate_output)
        elif out_dir is not None:
            target = out_dir / annotated_path(mirrored(source, args.paths))
        else:
            target = annotated_path(source)
        copy, reason = annotate_one(args, task, source, target, found, inputs, written)
        entries.append((task.display, found, copy, reason))
    if out_dir is not None:
        from linter.annotate import render_index

        index = out_dir / "index.html"
        try:
            write_atomically(index, render_index(entries, out_dir).encode("utf-8"))
        except OSError as exc:
            print("lint: " + _("no index of the annotated copies: {file}: {error}", file=index, error=exc.strerror or exc), file=sys.stderr)
        else:
            notice(args, "lint: " + _("the annotated copies are listed in {file}", file=index))


def mirrored(source: Path, paths: list[str]) -> Path:
    """Where a letter's copy goes inside --output-dir: its path inside the folder named on the
    command line that holds it, or just its name when it was named itself."""
    from pathlib import Path

    for raw in paths:
        folder = Path(raw)
        if raw != "-" and folder.is_dir():
            try:
                return source.relative_to(folder)
            except ValueError:
                continue
    return Path(source.name)


def annotate_one(args, task, source: Path, target: Path, found: list, inputs: set[str], written: set[str]) -> tuple[Path | None, str]:
    """Write one annotated copy: (the copy, "") or (None, why there is none)."""
    from linter.annotate import annotate_file
    from linter.formats.write import Refused

    if not found:
        notice(args, f"lint: {task.display}: " + _("no findings, so no annotated copy"))
        return None, _("no findings")
    real = os.path.realpath(target)
    if real in inputs:
        reason = _("{file} is the letter itself", file=target) if real == os.path.realpath(source) else _("{file} is a letter being checked", file=target)
        print(f"lint: {task.display}: " + _("no annotated copy: {reason}", reason=reason), file=sys.stderr)
        return None, reason
    if real in written:
        reason = _("{file} is the copy of another letter of the same name", file=target)
        print(f"lint: {task.display}: " + _("no annotated copy: {reason}", reason=reason), file=sys.stderr)
        return None, reason
    try:
        data = annotate_file(source, task.display, task.settings, found)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)
    except Refused as exc:
        print(f"lint: {task.display}: " + _("no annotated copy: {reason}", reason=exc), file=sys.stderr)
        return None, str(exc)
    except OSError as exc:
        reason = f"{target}: {exc.strerror or exc}"
        print(f"lint: {task.display}: " + _("no annotated copy: {reason}", reason=reason), file=sys.stderr)
        return None, reason
    except Exception as exc:  # a bug of ours must not cost the drafter the report
        if os.environ.get("KAMERLINT_DEBUG"):
            raise
        reason = _("kamerlint failed while annotating ({error})", error=type(exc).__name__)
        print(f"lint: {task.display}: " + _("no annotated copy: {reason}", reason=reason) + "; " + _("please report this with the file if you can"), file=sys.stderr)
        return None, reason
    written.add(real)
    from linter.shown import shown_name

    notice(args, f"lint: {task.display}: " + ngettext("{n} comment in {file}", "{n} comments in {file}", len(found), file=shown_name(str(target))))
    return target, ""


def output_format(args: argparse.Namespace) -> str:
    fmt = args.output_format or os.environ.get("KAMERLINT_OUTPUT_FORMAT") or "full"
    if fmt not in OUTPUT_FORMATS:
        raise UsageError(_("KAMERLINT_OUTPUT_FORMAT={value} is not one of {formats}", value=repr(fmt), formats=", ".join(OUTPUT_FORMATS)))
    return fmt


def report_run(args: argparse.Namespace, tasks: list, files: list[str], stream=None, texts: dict | None = None, not_verified: int = 0,
               unverified: dict | None = None):
    """What the reporter knows of the run besides the findings."""
    from linter.reporters import Run

    fmt = output_format(args)
    to_console = stream is None and not args.output_file
    color = fmt in ("full", "concise") and use_color(args.color, to_console)
    url_base = tasks[0].settings.url_base if tasks else ""
    return Run(
        format=fmt, files=files, color=color, url_base=url_base, statistics=args.statistics,
        quiet=args.quiet or not tasks, failing=FAIL_ON[args.fail_on or "warning"], texts=texts or {}, not_verified=not_verified,
        unverified=unverified, require_verified=any(t.settings.require_verified for t in tasks),
    )


def report(
    args: argparse.Namespace, tasks: list, diagnostics: list, files: list[str], stream=None, texts: dict | None = None, results: list | None = None
) -> None:
    """Render the report and write it to ``stream`` (default: standard output, or --output-file)."""
    from linter.reporters import render

    # Each file's findings carry how many of its references could not be looked up (verify), and why.
    not_verified, unverified = 0, {}
    for found in results or []:
        not_verified += getattr(found, "not_verified", 0)
        for reason, n in getattr(found, "unverified", {}).items():
            unverified[reason] = unverified.get(reason, 0) + n
    run_info = report_run(args, tasks, files, stream, texts, not_verified, unverified)
    write_report(render(diagnostics, run_info), run_info.format, args.output_file, stream)
    if run_info.format == "github":
        from linter.reporters.github import write_step_summary

        write_step_summary(diagnostics, run_info)
    notice_not_verified(args, run_info)
    return run_info


def notice_not_verified(args: argparse.Namespace, run_info) -> None:
    if run_info.not_verified and run_info.format not in ("full", "concise"):  # machine formats have no summary line
        notice(args, f"lint: {run_info.not_verified_text()}.")


def streamed_check(args: argparse.Namespace, tasks: list, jobs: int, baseline) -> int:
    """Check and report file by file (formats in ``STREAMED``): each file's findings are written
    as soon as it and the files before it are checked, and then only counted, so that memory does
    not grow with the batch. The report is the whole one's, byte for byte: findings sort by path
    first, so files are checked in that order, and the findings of a path named twice are sorted
    and written together. A baseline's stale entries are known only at the end: that notice
    follows the report."""
    from linter.parallel import Progress, checked
    from linter.reporters import Tally, module

    ordered = sorted(tasks, key=lambda t: t.display)
    run_info = report_run(args, tasks, [t.display for t in tasks])
    reporter = module(run_info.format)
    tally = Tally()
    matching = baseline.matching() if baseline is not None else None
    step_summary = reporter.StepSummary.open() if run_info.format == "github" else None

    def write(found: list, parts: int) -> None:
        if parts > 1:  # one file's findings come sorted; a path named twice merges two lists
            found.sort(key=lambda d: d.sort_key())
        if matching is not None:
            found = matching.new(found)
        tally.add(found)
        sink.write(reporter.render_file(found, run_info))
        if step_summary is not None:
            step_summary.add(found)

    with ReportSink(run_info.format, args.output_file) as sink:
        path, pending, parts = None, [], 0
        for task, found in zip(ordered, checked(ordered, jobs, Progress(0 if args.quiet else len(tasks)), EXIT_AFTER_RUN)):
            run_info.not_verified += getattr(found, "not_verified", 0)
            for reason, n in getattr(found, "unverified", {}).items():
                run_info.unverified[reason] = run_info.unverified.get(reason, 0) + n
            if task.display != path:
                write(pending, parts)
                path, pending, parts = task.display, [], 0
            pending.extend(found)
            parts += 1
        write(pending, parts)
        sink.write(reporter.render_end(tally, run_info))
    if step_summary is not None:
        step_summary.close(tally, run_info)
    notice_not_verified(args, run_info)
    if matching is not None:
        stale_notice(args, matching.stale(run_info.files))
    return exit_code(args, tally, run_info)


def stale_notice(args: argparse.Namespace, stale: int) -> None:
    if stale:
        notice(
            args,
            "lint: "
            + ngettext(
                "{n} baseline entry in {file} no longer matches a finding; run with --write-baseline {file} to drop it.",
                "{n} baseline entries in {file} no longer match a finding; run with --write-baseline {file} to drop them.",
                stale, file=args.baseline,
            ),
        )


def exit_code(args: argparse.Namespace, found, run_info=None) -> int:
    """From the findings reported, or their :class:`~linter.reporters.Tally`; with
    --require-verified (``require-verified = true``), a reference not verified fails the run too."""
    from linter.reporters import Tally

    if args.exit_zero:
        return EXIT_OK
    if run_info is not None and run_info.require_verified and run_info.not_verified:
        return EXIT_FINDINGS
    tally = found if isinstance(found, Tally) else Tally(found)
    return EXIT_FINDINGS if tally.any_of(FAIL_ON[args.fail_on or "warning"]) else EXIT_OK


def notice(args: argparse.Namespace, message: str) -> None:
    """A message for the person at the terminal, on standard error; --quiet leaves it out."""
    if not args.quiet:
        print(message, file=sys.stderr)


def write_report(text: str, fmt: str, output_file: str | None, stream=None) -> None:
    """The whole report at once (see :class:`ReportSink`)."""
    with ReportSink(fmt, output_file, stream) as sink:
        sink.write(text)


class ReportSink:
    """Where a report goes, written piece by piece: standard output (or ``stream``), or
    ``output_file``, which is replaced only when the report is complete. Formats defined as
    UTF-8 (JSON, SARIF, JUnit, …) and every report file are UTF-8 bytes whatever the console's
    encoding; human output on the console uses its encoding, with replacements for what it cannot
    show (see main)."""

    def __init__(self, fmt: str, output_file: str | None, stream=None):
        self.fmt = fmt
        self.output_file = output_file
        self.stream = stream
        self.file = None
        self.bytes = None

    def __enter__(self) -> "ReportSink":
        from linter.reporters import UTF8_FORMATS

        if self.stream is not None and self.stream is not sys.stdout:
            pass  # --fix on standard input: the fixed text owns standard output, the report goes here.
        elif self.output_file:
            from pathlib import Path

            self.file = AtomicFile(Path(self.output_file))
            try:
                self.bytes = self.file.__enter__()
            except OSError as exc:
                raise self.error(exc) from None
        elif self.fmt in UTF8_FORMATS and hasattr(sys.stdout, "buffer"):
            sys.stdout.flush()
            self.bytes = sys.stdout.buffer
        else:
            self.stream = sys.stdout
        return self

    def write(self, text: str) -> None:
        if not text:
            return
        if self.bytes is None:
            self.stream.write(text)
            return
        try:
            self.bytes.write(text.encode("utf-8"))
        except OSError as exc:
            if self.file is None:
                raise
            raise self.error(exc) from None

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.file is None:
            (self.bytes or self.stream).flush()
            return
        try:
            self.file.__exit__(exc_type, exc, tb)  # an unfinished report leaves the previous one
        except OSError as error:
            raise self.error(error) from None

    def error(self, exc: OSError) -> UsageError:
        return UsageError(_("--output-file {file}: {error}", file=self.output_file, error=exc.strerror or exc))


def write_atomically(path: Path, data: bytes) -> None:
    with AtomicFile(path) as fh:
        fh.write(data)


class AtomicFile:
    """A temporary file beside ``path``, renamed over ``path`` once it is complete, so that
    whoever reads the report (a CI upload step, an editor) never sees half of one, and a failed
    run leaves the previous report in place."""

    def __init__(self, path: Path):
        self.path = path
        self.tmp = ""
        self.fh = None

    def __enter__(self):
        import tempfile

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        self.fh = os.fdopen(fd, "wb")
        return self.fh

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.fh.close()
            if exc_type is None:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp makes it private; a report is an ordinary file
                os.replace(self.tmp, self.path)
                return
        except BaseException:
            self.discard()
            raise
        self.discard()

    def discard(self) -> None:
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def fix_command(args: argparse.Namespace, tasks: list, jobs: int, baseline) -> int:
    """``--fix``, ``--fix-only``, ``--diff``: fix each file in the process that reads it, then
    report what is left (``--diff``: print what would change and write nothing)."""
    from linter.parallel import FixOptions, Progress, run
    from linter.formats.write import Revisions

    fmt = output_format(args)
    options = FixOptions(unsafe=args.unsafe_fixes, diff=args.diff, revisions=Revisions.now() if args.track_changes else None)
    for task in tasks:
        task.fix = options
    results = run(tasks, jobs, Progress(0 if args.quiet else len(tasks)), fixing=True, exit_after=EXIT_AFTER_RUN)
    fixed = sum(r.fixed for r in results)
    for task, result in zip(tasks, results):
        for message in result.messages:
            print(f"lint: {task.display}: {message}", file=sys.stderr)
    if args.diff:
        diff = "".join(r.diff for r in results)
        sys.stdout.write(diff)
        sys.stdout.flush()
        would = sum(r.fixed for r in results if r.diff)
        print(ngettext("Would fix {n} finding.", "Would fix {n} findings.", would) if would else _("No fixes would be applied."), file=sys.stderr)
        return EXIT_FINDINGS if diff else EXIT_OK
    for result in results:
        if result.output is not None:
            sys.stdout.buffer.write(result.output)
            sys.stdout.flush()
    diagnostics = sorted((d for r in results for d in r.diagnostics), key=lambda d: d.sort_key())
    files = [t.display for t in tasks]
    if baseline is not None:
        diagnostics, _stale = baseline.filter(diagnostics, files)
    to_stdin = any(r.output is not None for r in results)
    stream = sys.stderr if to_stdin else None
    summary = _("{fixed} fixed, {remaining} remaining.", fixed=fixed, remaining=len(diagnostics))
    if args.fix_only:
        notice(args, summary)
        return EXIT_OK
    report(args, tasks, diagnostics, files, stream)
    # The summary is for people; machine formats keep their stream to themselves.
    if not args.quiet:
        print(summary, file=(stream or sys.stdout) if fmt in ("full", "concise") and not args.output_file else sys.stderr)
    return exit_code(args, diagnostics)


def make_tasks(args: argparse.Namespace, resolver, left_out: list | None = None) -> list:
    """One task a file, each with the configuration nearest to it. Files found by walking a
    folder are left out when excluded, when they are a repository's notes or the report this run
    writes (see :func:`walk`); files named on the command line only with --force-exclude
    (pre-commit names every file). What is left out goes into ``left_out`` as (path, why)."""
    from pathlib import Path

    from linter.parallel import Task

    tasks: list[Task] = []
    report = ReportFile(args.output_file)

    def task_for(path: Path, display: str, data: bytes | None = None) -> Task:
        config = resolver.for_path(path)
        from linter.shown import shown_name

        return Task(display=shown_name(display), settings=config.settings, codes=config.codes, ignored=config.ignored_for(str(path)), path=str(path), data=data)

    def excluded(path: Path, folder: bool = False) -> str | None:
        config = resolver.for_path(path)
        if config.is_excluded(str(path)):
            return _("excluded by exclude in the configuration or --exclude")
        if folder:
            return None
        if path in report:
            return _("the report this run writes")
        return left_out_by_name(path, notes=config.exclude_notes)

    for raw in args.paths:
        if raw == "-":
            display = args.stdin_filename or "-"
            tasks.append(task_for(Path(args.stdin_filename or "-"), display, read_stdin()))
            continue
        path = Path(raw)
        if path.is_dir():
            for found in walk(path, excluded, left_out):
                tasks.append(task_for(found, str(found)))
        elif args.force_exclude and (why := excluded(path)):
            if left_out is not None:
                left_out.append((path, why))
        else:
            tasks.append(task_for(path, str(path)))
    return tasks


def read_stdin() -> bytes:
    """Standard input's bytes for ``-``; a usage error, in words, when there is none to read."""
    if sys.stdin is None:
        raise UsageError(_("standard input is closed, so there is nothing to check for -"))
    try:
        return sys.stdin.buffer.read()
    except OSError as exc:
        raise UsageError(_("standard input cannot be read: {error}", error=exc.strerror or exc)) from None


#: Whether this process ends (os._exit) as soon as the run is reported: set by console_main and
#: passed to linter.parallel.run/checked, so that the run's last document model is left to the
#: exit (linter.parallel.leave_to_exit).
EXIT_AFTER_RUN = False


def console_main() -> None:
    """The console scripts' entry point: :func:`main`, then leave without tearing down what the
    run built. A run ends with its whole working set still alive (for a large letter, some
    hundred thousand objects), and freeing it object by object at exit costs a pre-commit user
    more than a rule does; mypy's ``hard_exit`` does the same. By then every file the run writes
    is closed (reports and fixes are replaced in one step, the look-up cache commits as it goes);
    the standard streams are flushed here."""
    global EXIT_AFTER_RUN
    EXIT_AFTER_RUN = True
    try:
        code = main()
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):  # SystemExit("text"), as Python prints it
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # closed before the run (`>&-`)
            continue
        try:
            stream.flush()
        except BrokenPipeError:  # a closed pipe (lint … | head): nothing more to say
            pass
        except (OSError, ValueError):
            code = code or 120  # what Python's own exit does when it cannot flush (a full disk)
    os._exit(code or 0)


if __name__ == "__main__":
    raise SystemExit(main())
