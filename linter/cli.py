"""The command line: ``lint [OPTIONS] [PATH ...]``, ``lint rule CODE``, ``lint -`` (spec/output.md).

Exit codes: 0 nothing found at or above the failing severity, 1 findings, 2 the command itself
could not run. An unreadable file is a finding (IO001–IO004), not an exit 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from linter import __version__
from linter.config import DOCUMENT_TYPES

DOCUMENT_SUFFIXES = (".docx", ".odt", ".txt", ".md")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
OUTPUT_FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit")
FAIL_ON = {"error": ("error",), "warning": ("error", "warning"), "info": ("error", "warning", "info")}


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 too; say it our way
        self.print_usage(sys.stderr)
        print(f"lint: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def build_parser() -> Parser:
    p = Parser(
        prog="lint",
        description="kamerlint: check drafts of Kamerbrieven (.docx, .odt, Tika text exports, text) for broken "
        "footnotes, bookmarks, references and drafting residue.",
        epilog="`lint rule CODE` explains a rule; `lint rule --all` lists them. Exit codes: 0 clean, 1 findings, 2 usage error.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check (folders: .docx .odt .txt .md); - reads standard input")
    p.add_argument("--select", type=codes, action="append", default=[], metavar="CODES", help="only these rules: codes or prefixes, comma-separated (FN,BM001)")
    p.add_argument("--extend-select", type=codes, action="append", default=[], metavar="CODES", help="add these rules to the selection")
    p.add_argument("--ignore", type=codes, action="append", default=[], metavar="CODES", help="leave out these rules: codes or prefixes")
    p.add_argument("--output-format", choices=OUTPUT_FORMATS, default=None, help="how to print findings (default: full, or $KAMERLINT_OUTPUT_FORMAT)")
    p.add_argument("--statistics", action="store_true", help="print how often each rule fired instead of the findings")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--fail-on", choices=["error", "warning", "info"], default="warning", help="lowest severity that makes the run fail (default: warning)")
    p.add_argument("--stdin-filename", metavar="NAME", help="the name to report for standard input")
    p.add_argument("--citation-style", choices=["tweede-kamer", "juridisch"], help="the Kamerstuk citation style to check against (default: tweede-kamer)")
    p.add_argument("--document-type", choices=DOCUMENT_TYPES, help="the genre whose citation conventions apply (default: auto, what the document's opening shows, else kamerbrief)")
    p.add_argument("--letter-date", metavar="YYYY-MM-DD", help="the letter's date, when the letter does not state it")
    p.add_argument("--footnote-marker", choices=["consistent", "after-punctuation", "before-punctuation"], help="where markers go relative to the full stop (FN006)")
    p.add_argument("--config", metavar="FILE", help="use this configuration file for every file (default: the nearest kamerlint.toml, .kamerlint.toml or pyproject.toml with [tool.kamerlint] above each file)")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("--show-settings", action="store_true", help="print the settings in force for the first PATH and where each came from")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="leave out files and folders matching this glob when walking folders (added to the configuration's)")
    p.add_argument("--force-exclude", action="store_true", help="apply exclude to files named on the command line too (for pre-commit)")
    p.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    p.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE and exit 0")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="check files in N processes (default: one a processor)")
    p.add_argument("--version", action="version", version=f"kamerlint {__version__}")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "rule":
            return rule_command(argv[1:])
        return check_command(argv)
    except UsageError as exc:
        print(f"lint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `lint … | head`: the reader went away; not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def rule_command(argv: list[str]) -> int:
    from linter.registry import all_rules, get_rule

    p = Parser(prog="lint rule", description="Explain a rule, or list every rule with --all.")
    p.add_argument("code", nargs="?")
    p.add_argument("--all", action="store_true")
    p.add_argument("--output-format", choices=["text", "json"], default="text")
    args = p.parse_args(argv)
    if args.all:
        rules = all_rules()
        if args.output_format == "json":
            import json

            print(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary} for r in rules], indent=2, ensure_ascii=False))
        else:
            for r in rules:
                print(f"{r.code}  {r.name:<32} {r.severity:<8} {r.summary}")
        return EXIT_OK
    if not args.code:
        raise UsageError("name a rule (`lint rule FN001`) or use --all")
    r = get_rule(args.code)
    if r is None:
        raise UsageError(f"no rule {args.code!r}; `lint rule --all` lists them")
    if args.output_format == "json":
        import json

        print(json.dumps({"code": r.code, "name": r.name, "severity": r.severity, "doc": r.doc}, indent=2, ensure_ascii=False))
    else:
        print(f"# {r.name} ({r.code})\n\nDefault severity: {r.severity}\n\n{r.doc}")
    return EXIT_OK


def apply_overrides(args: argparse.Namespace):
    """A function that puts the command line over a configuration: it overrides the file."""
    select = [c for group in args.select for c in group]
    extend_select = [c for group in args.extend_select for c in group]
    ignore = [c for group in args.ignore for c in group]
    letter_date = None
    if args.letter_date:
        try:
            letter_date = date.fromisoformat(args.letter_date)
        except ValueError:
            raise UsageError(f"--letter-date {args.letter_date!r} is not a date like 2025-03-25") from None

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
        if letter_date is not None:
            s.letter_date = letter_date
        if args.exclude:
            config.exclude = config.exclude + args.exclude
            config.sources["exclude"] = "command line"

    return apply


def walk(folder: Path, excluded=None) -> list[Path]:
    """Documents in a folder, in a stable order, leaving out what ``excluded(path)`` says. Links
    to folders are not followed (they can loop); Word's lock files (``~$brief.docx``) are not
    documents."""
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=False, onerror=None):
        dirs[:] = sorted(
            d for d in dirs if d not in SKIP_DIRS and not d.startswith(".") and not (excluded and excluded(Path(root) / d))
        )
        for name in sorted(names):
            if name.lower().endswith(DOCUMENT_SUFFIXES) and not name.startswith(("~$", ".~lock")):
                path = Path(root) / name
                if not (excluded and excluded(path)):
                    files.append(path)
    return files


def check_command(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)

    from linter.baseline import BaselineError, read_baseline, write_baseline
    from linter.config import ConfigError, Resolver, show
    from linter.parallel import Progress, default_jobs, run
    from linter.registry import unknown_selectors

    for group in (*args.select, *args.extend_select, *args.ignore):
        for sel in group:
            if unknown_selectors([sel]):
                raise UsageError(f"unknown rule code or prefix {sel!r}; `lint rule --all` lists them")
    if args.config is not None and not Path(args.config).is_file():
        raise UsageError(f"--config {args.config}: no such file")
    if args.jobs is not None and args.jobs < 0:
        raise UsageError("--jobs must be 0 (one a processor) or more")
    resolver = Resolver(Path(args.config) if args.config else None, args.isolated, apply_overrides(args))

    try:
        if args.show_settings:
            target = args.paths[0] if args.paths else "."
            if target == "-":
                target = args.stdin_filename or "."
            sys.stdout.write(show(resolver.for_path(Path(target)), target))
            return EXIT_OK
        if not args.paths:
            raise UsageError("name a file or folder to check (or - for standard input); `lint --help` says more")
        tasks = make_tasks(args, resolver)
        baseline = read_baseline(Path(args.baseline)) if args.baseline else None
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    except BaselineError as exc:
        raise UsageError(str(exc)) from None

    jobs = args.jobs or default_jobs()
    results = run(tasks, jobs, Progress(len(tasks)))
    diagnostics = [d for found in results for d in found]
    diagnostics.sort(key=lambda d: d.sort_key())
    files = [t.display for t in tasks]

    if args.write_baseline:
        n = write_baseline(Path(args.write_baseline), diagnostics)
        print(f"Wrote {n} finding{'s' if n != 1 else ''} to the baseline {args.write_baseline}.", file=sys.stderr)
        return EXIT_OK
    if baseline is not None:
        diagnostics, stale = baseline.filter(diagnostics, files)
        if stale:
            print(
                f"lint: {stale} baseline entr{'ies' if stale != 1 else 'y'} in {args.baseline} no longer match a finding; "
                f"run with --write-baseline {args.baseline} to drop them.",
                file=sys.stderr,
            )

    from linter.reporters import Run, render

    fmt = args.output_format or os.environ.get("KAMERLINT_OUTPUT_FORMAT") or "full"
    if fmt not in OUTPUT_FORMATS:
        raise UsageError(f"KAMERLINT_OUTPUT_FORMAT={fmt!r} is not one of {', '.join(OUTPUT_FORMATS)}")
    color = fmt in ("full", "concise") and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    url_base = tasks[0].settings.url_base if tasks else ""
    run_info = Run(format=fmt, files=files, color=color, url_base=url_base, statistics=args.statistics)
    sys.stdout.write(render(diagnostics, run_info))
    sys.stdout.flush()

    if args.exit_zero:
        return EXIT_OK
    failing = FAIL_ON[args.fail_on]
    return EXIT_FINDINGS if any(d.severity in failing for d in diagnostics) else EXIT_OK


def make_tasks(args: argparse.Namespace, resolver) -> list:
    """One task a file, each with the configuration nearest to it. Files found by walking a
    folder are skipped when excluded; files named on the command line only with --force-exclude
    (pre-commit names every file)."""
    from linter.parallel import Task

    tasks: list[Task] = []

    def task_for(path: Path, display: str, data: bytes | None = None) -> Task:
        config = resolver.for_path(path)
        return Task(display=display, settings=config.settings, codes=config.codes, ignored=config.ignored_for(str(path)), path=str(path), data=data)

    for raw in args.paths:
        if raw == "-":
            display = args.stdin_filename or "-"
            tasks.append(task_for(Path(args.stdin_filename or "-"), display, sys.stdin.buffer.read()))
            continue
        path = Path(raw)
        if path.is_dir():
            for found in walk(path, excluded=lambda p: resolver.for_path(p).is_excluded(str(p))):
                tasks.append(task_for(found, str(found)))
        elif not (args.force_exclude and resolver.for_path(path).is_excluded(str(path))):
            tasks.append(task_for(path, str(path)))
    return tasks


if __name__ == "__main__":
    raise SystemExit(main())
