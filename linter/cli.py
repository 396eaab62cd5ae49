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

DOCUMENT_SUFFIXES = (".docx", ".odt", ".txt", ".md")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
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
    p.add_argument("--output-format", choices=["full", "concise", "json", "json-lines"], default=None, help="how to print findings (default: full)")
    p.add_argument("--statistics", action="store_true", help="print how often each rule fired instead of the findings")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--fail-on", choices=["error", "warning", "info"], default="warning", help="lowest severity that makes the run fail (default: warning)")
    p.add_argument("--stdin-filename", metavar="NAME", help="the name to report for standard input")
    p.add_argument("--citation-style", choices=["tweede-kamer", "juridisch"], help="the Kamerstuk citation style to check against (default: tweede-kamer)")
    p.add_argument("--letter-date", metavar="YYYY-MM-DD", help="the letter's date, when the letter does not state it")
    p.add_argument("--footnote-marker", choices=["consistent", "after-punctuation", "before-punctuation"], help="where markers go relative to the full stop (FN006)")
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


def settings_from(args: argparse.Namespace):
    from linter.settings import Settings

    s = Settings()
    s.select = [c for group in args.select for c in group]
    s.extend_select = [c for group in args.extend_select for c in group]
    s.ignore = [c for group in args.ignore for c in group]
    if args.citation_style:
        s.citation_style = args.citation_style
    if args.footnote_marker:
        s.footnote_marker = args.footnote_marker
    if args.letter_date:
        try:
            s.letter_date = date.fromisoformat(args.letter_date)
        except ValueError:
            raise UsageError(f"--letter-date {args.letter_date!r} is not a date like 2025-03-25") from None
    return s


def collect(paths: list[str]) -> list[Path]:
    """Files named, and documents in folders named, in a stable order. Links to folders are not
    followed (they can loop); Word's lock files (``~$brief.docx``) are not documents."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, names in os.walk(path, followlinks=False, onerror=None):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(names):
                    if name.lower().endswith(DOCUMENT_SUFFIXES) and not name.startswith(("~$", ".~lock")):
                        files.append(Path(root) / name)
        else:
            files.append(path)
    return files


def check_command(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    settings = settings_from(args)

    from linter.registry import select_rules, unknown_selectors

    for sel in (*settings.select, *settings.extend_select, *settings.ignore):
        if unknown_selectors([sel]):
            raise UsageError(f"unknown rule code or prefix {sel!r}; `lint rule --all` lists them")
    rules = select_rules(settings.select, settings.ignore, settings.extend_select)

    if not args.paths:
        raise UsageError("name a file or folder to check (or - for standard input); `lint --help` says more")

    from linter import engine

    diagnostics = []
    files: list[str] = []
    for raw in args.paths:
        if raw == "-":
            display = args.stdin_filename or "-"
            files.append(display)
            diagnostics.extend(engine.lint_bytes(sys.stdin.buffer.read(), display, settings, rules))
            continue
        for path in collect([raw]):
            files.append(str(path))
            diagnostics.extend(engine.lint_path(path, settings, str(path), rules))
    diagnostics.sort(key=lambda d: d.sort_key())

    from linter.reporters import Run, render

    fmt = args.output_format or "full"
    color = fmt in ("full", "concise") and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    run = Run(format=fmt, files=files, color=color, url_base=settings.url_base, statistics=args.statistics)
    sys.stdout.write(render(diagnostics, run))
    sys.stdout.flush()

    if args.exit_zero:
        return EXIT_OK
    failing = FAIL_ON[args.fail_on]
    return EXIT_FINDINGS if any(d.severity in failing for d in diagnostics) else EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
