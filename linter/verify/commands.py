"""``kamerlint cache info|clear`` and ``kamerlint sync PATH…`` (fill the cache for these letters).

``sync`` exits 1 when it could verify nothing, or when the cache could not store what it found
(a damaged file): a success that stores nothing would leave every later run unverified.
``cache info`` exits 1 when the cache file is damaged."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from linter.i18n import _, ngettext


def _parser(prog: str, description: str):
    from linter.cli import new_parser

    p = new_parser(prog=prog, description=description)
    p.add_argument("--cache-dir", metavar=_("DIR"), help=_("the folder of the look-up cache (default: the user's cache folder)"))
    p.add_argument("--config", metavar=_("FILE"), help=_("use this configuration file"))
    p.add_argument("--isolated", action="store_true", help=_("ignore every configuration file"))
    p.add_argument("--lang", choices=["nl", "en"], help=_("the language of messages and help: nl (Dutch) or en (English)"))
    return p


def _resolver(args):
    from linter.cli import UsageError
    from linter.config import Resolver

    if args.config is not None and not Path(args.config).is_file():
        raise UsageError(_("--config {file}: no such file", file=args.config))

    def overrides(config) -> None:
        if args.cache_dir:
            config.settings.cache_dir = args.cache_dir
            config.sources["cache-dir"] = "command line"

    return Resolver(Path(args.config) if args.config else None, args.isolated, overrides)


def cache_command(argv: list[str]) -> int:
    from linter.cli import EXIT_FINDINGS, EXIT_OK, UsageError
    from linter.config import ConfigError
    from linter.verify.cache import Cache, cache_folder


    p = _parser("lint cache", _("Show (info) or empty (clear) the cache of Kamerstuk look-ups."))
    p.add_argument("action", choices=["info", "clear"], help=_("info: what the cache holds; clear: empty it"))
    args = p.parse_args(argv)
    try:
        settings = _resolver(args).for_path(Path.cwd()).settings
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    cache = Cache(cache_folder(settings), settings.verify_not_found_hours)
    if args.action == "clear":
        n = cache.clear()
        print(ngettext("Removed {n} look-up from {path}.", "Removed {n} look-ups from {path}.", n, path=cache.path))
        return EXIT_OK
    info = cache.info()
    if info["problem"]:
        print(_("Cache: {path}", path=info["path"]))
        print(_("The cache file is damaged ({problem}): nothing in it can be read and nothing can be stored. Run \"lint cache clear\" to start again.",
                problem=info["problem"]), file=sys.stderr)
        return EXIT_FINDINGS
    print(_("Cache: {path}", path=info["path"]) if info["exists"] else _("Cache: {path} (not created yet)", path=info["path"]))
    print(_("Documents found: {count}", count=info["found"]))
    print(_('Answered "does not exist": {count} (kept {hours} hours)', count=info["missing"], hours=f"{settings.verify_not_found_hours:g}"))
    print(_("Size: {size} bytes", size=info["bytes"]))
    return EXIT_OK


def sync_command(argv: list[str]) -> int:
    from linter import engine
    from linter.cli import EXIT_FINDINGS, EXIT_OK, UsageError, walk
    from linter.config import ConfigError
    from linter.diagnostics import Diagnostic
    from linter.verify import answer, cited_ids, describe, motie_ids
    from linter.verify.cache import Cache, cache_folder

    p = _parser("lint sync", _("Look up every Kamerstuk and motie the letters cite and keep the answers in the cache, "
                               "so that later runs (verify = \"cache\", the default) can check them offline."))
    p.add_argument("paths", nargs="+", metavar=_("PATH"), help=_("letters or folders"))
    args = p.parse_args(argv)
    resolver = _resolver(args)
    found = missing = 0
    reasons: Counter = Counter()
    not_stored = ""
    try:
        for raw in args.paths:
            path = Path(raw)
            for file in walk(path) if path.is_dir() else [path]:
                settings = resolver.for_path(file).settings
                doc = engine.read_path(file, str(file), settings)
                if isinstance(doc, Diagnostic):
                    print(f"{file}: " + _("not read: {problem}", problem=doc.message), file=sys.stderr)
                    continue
                style = settings.citation_style
                records = answer(cited_ids(doc, style), settings, online=True, motions=motie_ids(doc, style))
                found += sum(1 for r in records.answers.values() if r is not None)
                missing += sum(1 for r in records.answers.values() if r is None)
                reasons.update(records.unanswered.values())
                if not records.stored:
                    not_stored = records.cache_problem or _("the file stayed locked")
                    break
            if not_stored:
                break
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    failed = sum(reasons.values())
    why = f" ({describe(reasons)})" if failed else ""
    print(_("{found} found, {missing} do not exist, {failed} not verified{why}.", found=found, missing=missing, failed=failed, why=why))
    if not_stored:
        print(_("lint sync: the answers could not be stored in the cache {path} ({problem}). Run \"lint cache clear\" and sync again.",
                path=Cache(cache_folder(settings)).path, problem=not_stored), file=sys.stderr)
        return EXIT_FINDINGS
    if failed and not (found or missing):
        print(_("lint sync: nothing could be verified; run sync again later."), file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK
