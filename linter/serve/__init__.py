"""``lint serve``: kamerlint where drafters write. A local web server that speaks LanguageTool's
HTTP API (LibreOffice Writer's built-in remote grammar checker and the LanguageTool browser
extension underline findings as a drafter types), shows a page to drop a letter on (the report,
the annotated copy, the corrected copy), and answers document systems in the JSON output's shape.

It needs the ``serve`` extra (Starlette and uvicorn): ``pip install '.[serve]'``. Nothing of it is
imported by ``lint`` itself: the command line imports this package only for ``lint serve``.
"""

from __future__ import annotations

import os
import sys

TOKEN_VARIABLE = "KAMERLINT_SERVE_TOKEN"


def build_parser():
    from linter.cli import codes, new_parser
    from linter.config import DOCUMENT_TYPES
    from linter.i18n import _

    p = new_parser(
        prog="lint serve",
        description=_(
            "Serve kamerlint on this machine: LanguageTool's API for LibreOffice and the browser extension, a page to drop a "
            "letter on, and a JSON API. Nothing sent to it is written to disk, logged or kept."
        ),
    )
    p.add_argument("--host", default="127.0.0.1", help=_("the address to listen on (default: 127.0.0.1, this machine only; any other needs --token)"))
    p.add_argument("--port", type=int, default=8081, help=_("the port to listen on (default: 8081; 0: any free port)"))
    p.add_argument("--token", help=_("a secret every request must carry (Authorization: Bearer, or LanguageTool's apiKey); default: ${variable}", variable=TOKEN_VARIABLE))
    p.add_argument("--allow-origin", action="append", default=[], metavar="ORIGIN", help=_("let pages or extensions from this origin call the server (CORS), e.g. the LanguageTool browser extension's; repeat for more"))
    p.add_argument("--workers", type=int, default=None, metavar="N", help=_("processes that read and check documents (default: one a processor, at least 2)"))
    p.add_argument("--max-upload-mb", type=int, default=20, metavar="MB", help=_("the largest upload accepted, all files together (default: 20)"))
    p.add_argument("--max-files", type=int, default=20, metavar="N", help=_("the most files in one upload (default: 20)"))
    p.add_argument("--max-text", type=int, default=50_000, metavar="CHARS", help=_("the longest text /v2/check accepts (default: 50000 characters)"))
    p.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS", help=_("the longest a document may take to arrive and to check (default: 60)"))
    p.add_argument("--memory-mb", type=int, default=3072, metavar="MB", help=_("the memory a worker process may use (default: 3072)"))
    p.add_argument("--unsafe-fixes", action="store_true", help=_("offer unsafe fixes as suggestions in /v2/check too (the corrected copy has safe ones only)"))
    p.add_argument("--access-log", action="store_true", help=_("log one line a request: method, path, status, time (never a text, a file or its name)"))
    p.add_argument("--config", metavar="FILE", help=_("use this configuration file (default: the nearest kamerlint.toml, .kamerlint.toml or pyproject.toml with [tool.kamerlint] from the folder the server starts in)"))
    p.add_argument("--isolated", action="store_true", help=_("ignore every configuration file"))
    p.add_argument("--select", type=codes, action="append", default=[], metavar="CODES", help=_("only these rules: codes or prefixes, comma-separated (FN,BM001)"))
    p.add_argument("--extend-select", type=codes, action="append", default=[], metavar="CODES", help=_("add these rules to the selection"))
    p.add_argument("--ignore", type=codes, action="append", default=[], metavar="CODES", help=_("leave out these rules: codes or prefixes"))
    p.add_argument("--citation-style", choices=["tweede-kamer", "juridisch"], help=_("the Kamerstuk citation style to check against (default: tweede-kamer)"))
    p.add_argument("--document-type", choices=DOCUMENT_TYPES, help=_("the genre whose citation conventions apply (default: auto, what the document's opening shows, else kamerbrief)"))
    p.add_argument("--footnote-marker", choices=["consistent", "after-punctuation", "before-punctuation"], help=_("where markers go relative to the full stop (FN006)"))
    p.add_argument("--letter-date", metavar="YYYY-MM-DD", help=_("the letter's date; wins over the Datum in the letter's head"))
    p.add_argument("--report-questions", action="store_true", default=None, help=_("in an answer to Kamervragen, also report what is wrong in the quoted questions"))
    return p


def serve_command(argv: list[str]) -> int:
    """``lint serve [OPTIONS]``: run until interrupted; 0 when stopped, 2 on a usage error."""
    from pathlib import Path

    from linter.cli import UsageError, apply_overrides
    from linter.i18n import _

    args = build_parser().parse_args(argv)
    args.exclude = []
    token = args.token or os.environ.get(TOKEN_VARIABLE) or None
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
        import python_multipart  # noqa: F401
    except ImportError:
        raise UsageError(_("lint serve needs the serve extra: pip install 'kamerlint[serve]' (from a clone: pip install '.[serve]')")) from None
    from linter.serve.app import Options, create_app, is_loopback
    from linter.serve.work import configured_from, unknown_selectors

    for group in (*args.select, *args.extend_select, *args.ignore):
        for sel in group:
            if unknown_selectors([sel]):
                raise UsageError(_("unknown rule code or prefix {code}; `lint rule --all` lists them", code=repr(sel)))
    if not is_loopback(args.host) and not token:
        raise UsageError(_("--host {host} lets other machines in: give a token with --token or ${variable}", host=args.host, variable=TOKEN_VARIABLE))
    if args.config is not None and not Path(args.config).is_file():
        raise UsageError(_("--config {file}: no such file", file=args.config))
    for name, value in (("--workers", args.workers), ("--max-upload-mb", args.max_upload_mb), ("--max-files", args.max_files),
                        ("--max-text", args.max_text), ("--timeout", args.timeout), ("--memory-mb", args.memory_mb)):
        if value is not None and value <= 0:
            raise UsageError(_("{option} must be more than 0", option=name))
    from linter.config import ConfigError, Resolver

    try:
        resolver = Resolver(Path(args.config) if args.config else None, args.isolated, apply_overrides(args))
        config = resolver.for_path(Path.cwd() / "kamerlint-serve")
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    workers = args.workers or max(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 2))
    options = Options(
        host=args.host, port=args.port, token=token, allow_origins=args.allow_origin, max_upload_mb=args.max_upload_mb,
        max_files=args.max_files, max_text=args.max_text, timeout=args.timeout, workers=workers,
        memory_limit_mb=args.memory_mb, unsafe_fixes=args.unsafe_fixes, access_log=args.access_log,
    )
    app, server = create_app(options, configured_from(config), config)
    return run(app, options, config)


def run(app, options, config) -> int:
    import logging

    import uvicorn

    from linter.i18n import _

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name, level in (("kamerlint.serve", logging.INFO), ("uvicorn.error", logging.WARNING), ("uvicorn", logging.WARNING)):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False

    class Server(uvicorn.Server):
        async def startup(self, sockets=None):
            await super().startup(sockets)
            if self.should_exit:
                return
            host, port = self.servers[0].sockets[0].getsockname()[:2]
            shown = f"[{host}]" if ":" in host else host
            where = str(config.path) if config.path else _("none")
            print("lint serve: " + _("serving on {url} (configuration: {file}); Ctrl+C stops it", url=f"http://{shown}:{port}/", file=where), file=sys.stderr, flush=True)

    server = Server(
        uvicorn.Config(
            app, host=options.host, port=options.port, log_config=None, access_log=False, server_header=False,
            limit_concurrency=256, timeout_keep_alive=5, lifespan="on", ws="none",
        )
    )
    server.run()
    return 0 if server.started else 2
