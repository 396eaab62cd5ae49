"""The web application of ``lint serve`` (Starlette): the routes, and what guards them.

Every answer carries a strict Content-Security-Policy and ``Cache-Control: no-store``; nothing of
a request (its text, a file or its name) is logged or kept. Bound to the loopback address, the
server answers only requests addressed to it by that name (a web page elsewhere cannot reach it by
rebinding a domain name to 127.0.0.1); bound elsewhere, every request needs the token, except
``GET /v2/languages`` (LibreOffice asks for it without one; it says only "Dutch").

Every handler is ``async`` and does its work on the event loop between awaits, never in a thread:
the language of what is said (:func:`linter.i18n.set_language`) is the process's, so a request
sets it and uses it without anything in between. Documents are checked in worker processes
(:mod:`linter.serve.pool`); a paragraph takes a millisecond and is checked here.
"""

from __future__ import annotations

import hmac
import logging
import time
from base64 import b64decode
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from linter.i18n import _, set_language
from linter.serve import languagetool, page, work
from linter.serve.bodies import BodyError, read_body, read_multipart
from linter.serve.pool import Busy, JobFailed, Pool

log = logging.getLogger("kamerlint.serve")

LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}
LANGS = ("nl", "en")


class Options:
    """How the server runs (from ``lint serve``'s command line)."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 8081,
        token: str | None = None,
        allow_origins: list[str] | None = None,
        max_upload_mb: int = 20,
        max_files: int = 20,
        max_text: int = 50_000,
        timeout: float = 60.0,
        workers: int = 2,
        max_waiting: int = 32,
        memory_limit_mb: int = 3072,
        unsafe_fixes: bool = False,
        access_log: bool = False,
    ):
        self.host = host
        self.port = port
        self.token = token
        self.allow_origins = allow_origins or []
        self.max_upload_mb = max_upload_mb
        self.max_files = max_files
        self.max_text = max_text
        self.timeout = timeout
        self.workers = workers
        self.max_waiting = max_waiting
        self.memory_limit_mb = memory_limit_mb
        self.unsafe_fixes = unsafe_fixes
        self.access_log = access_log

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def max_upload(self) -> int:
        return self.max_upload_mb * 1024 * 1024


def is_loopback(host: str) -> bool:
    import ipaddress

    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# -- the guard around every request -------------------------------------------------------------


class Guard:
    """The outermost layer: the Host check, the token, the security headers, a failure of ours
    answered as one (and logged by its type only), and, with ``--access-log``, one line a request
    (method, path, status, time; never the query, a body or a file name)."""

    def __init__(self, app, options: Options, csp: str):
        self.app = app
        self.options = options
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"cache-control", b"no-store"),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.monotonic()
        status = {"code": 0}
        headers = self.headers

        async def guarded_send(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                known = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in headers if h[0] not in known]
            await send(message)

        request_headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        try:
            refusal = self.refusal(scope, request_headers)
            if refusal is not None:
                await refusal(scope, receive, guarded_send)
            else:
                scope.setdefault("state", {})["authorized"] = self.authorized(request_headers)
                await self.app(scope, receive, guarded_send)
        except Exception as exc:
            log.error("lint serve: %s %s failed: %s", scope.get("method"), scope.get("path"), type(exc).__name__)
            if not status["code"]:
                await PlainTextResponse("Internal error", 500)(scope, receive, guarded_send)
        finally:
            if self.options.access_log:
                log.info("%s %s %s %.0f ms", scope.get("method"), scope.get("path"), status["code"], (time.monotonic() - started) * 1000)

    def refusal(self, scope, headers: dict[str, str]):
        if self.options.loopback:
            host = headers.get("host", "")
            name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
            if name not in LOOPBACK_NAMES:
                return PlainTextResponse("This server answers only requests to 127.0.0.1 or localhost.", 421)
        if not self.options.token or scope["method"] == "OPTIONS":
            return None
        path = scope.get("path", "")
        if path == "/v2/languages" or (path == "/v2/check" and scope["method"] == "POST"):
            return None  # /v2/check may carry the token as LanguageTool's apiKey: checked there
        if self.authorized(headers):
            return None
        return PlainTextResponse("A token is needed: Authorization: Bearer TOKEN.", 401, headers={"WWW-Authenticate": 'Basic realm="kamerlint", charset="UTF-8"'})

    def authorized(self, headers: dict[str, str]) -> bool:
        token = self.options.token
        if not token:
            return True
        value = headers.get("authorization", "")
        scheme, _sep, credentials = value.partition(" ")
        given = ""
        if scheme.lower() == "bearer":
            given = credentials.strip()
        elif scheme.lower() == "basic":
            try:
                given = b64decode(credentials.strip(), validate=True).decode("utf-8").partition(":")[2]
            except (ValueError, UnicodeDecodeError):
                given = ""
        return bool(given) and hmac.compare_digest(given.encode(), token.encode())


# -- helpers ---------------------------------------------------------------------------------


def choose_lang(request: Request, given: str | None = None) -> str:
    """``lang`` (a form field or the query) > Accept-Language (the first of nl and en it names)
    > Dutch."""
    for value in (given, request.query_params.get("lang")):
        if value in LANGS:
            return value
    wanted = []
    for i, item in enumerate(request.headers.get("accept-language", "").split(",")):
        name, _sep, params = item.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = name.strip().lower().split("-")[0]
        if primary in LANGS and q > 0:
            wanted.append((-q, i, primary))
    return min(wanted)[2] if wanted else "nl"


def base_url(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host') or request.url.netloc}"


def safe_names(raw: list[str]) -> list[str]:
    """Uploaded files' names as the report shows them: the last part of the name only, without
    control characters, at most 120 characters, each once (``brief (2).docx``)."""
    out: list[str] = []
    for name in raw:
        name = name.replace("\\", "/").rsplit("/", 1)[-1]
        name = "".join(ch for ch in name if ch.isprintable()).strip()[:120] or "document"
        candidate, n = name, 1
        while candidate in out:
            n += 1
            stem, dot, suffix = name.rpartition(".")
            candidate = f"{stem} ({n}).{suffix}" if dot and stem else f"{name} ({n})"
        out.append(candidate)
    return out


def html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status)


class Server:
    """The routes, with what they share: the options, the configuration, the worker pool."""

    def __init__(self, options: Options, configured: work.Configured, config):
        self.options = options
        self.configured = configured
        self.config = config
        self.paragraph_rules = work.ParagraphRules(configured)
        self.pool = Pool(options.workers, options.timeout, options.max_waiting, options.memory_limit_mb * 1024 * 1024)

    def routes(self) -> list[Route]:
        return [
            Route("/", self.start_page, methods=["GET"]),
            Route("/", self.upload_page, methods=["POST"]),
            Route("/api/lint", self.api_lint, methods=["POST"]),
            Route("/v2/check", self.check, methods=["POST"]),
            Route("/v2/languages", self.languages, methods=["GET"]),
            Route("/rules", self.rules, methods=["GET"]),
            Route("/rules/{code}", self.rule, methods=["GET"]),
            Route("/openapi.json", self.openapi, methods=["GET"]),
            Route("/health", self.health, methods=["GET"]),
            Route("/favicon.ico", self.favicon, methods=["GET"]),
        ]

    # -- pages -------------------------------------------------------------------------------

    async def start_page(self, request: Request) -> Response:
        lang = choose_lang(request)
        set_language(lang)
        return html(page.drop_page(lang, base_url(request), self.options.max_upload_mb))

    async def upload_page(self, request: Request) -> Response:
        lang = choose_lang(request)
        try:
            parts = await read_multipart(request, self.options.max_upload, self.options.timeout, self.options.max_files + 5)
        except BodyError as exc:
            set_language(lang)
            return self.body_error_page(lang, exc)
        lang = choose_lang(request, next((p.value for p in parts if p.name == "lang" and p.filename is None), None))
        job = self.job(request, parts, lang, report=True, copies=True)
        set_language(lang)
        if job is None:
            return html(page.error_page(lang, _("No file chosen"), _("Choose a draft to check (.docx, .odt, .txt or .md), then press Check.")), 400)
        if len(job.files) > self.options.max_files:
            return html(page.error_page(lang, _("Too many files"), _("Send at most {n} files at a time.", n=self.options.max_files)), 413)
        try:
            result = await self.run(job)
        except Busy:
            set_language(lang)
            return html(page.error_page(lang, _("Busy"), _("Many drafts are being checked right now. Try again in a minute.")), 503)
        set_language(lang)
        return html(page.report_page(result, lang))

    def body_error_page(self, lang: str, exc: BodyError) -> Response:
        if exc.status == 413:
            heading, message = _("Too large"), _("Send at most {size} MB at a time.", size=self.options.max_upload_mb)
        elif exc.status == 408:
            heading, message = _("Too slow"), _("The file did not arrive within {seconds} seconds.", seconds=round(self.options.timeout))
        else:
            heading, message = _("Not a form"), _("Send the drafts with the form on the start page.")
        return html(page.error_page(lang, heading, message), exc.status)

    async def rules(self, request: Request) -> Response:
        lang = choose_lang(request)
        set_language(lang)
        return html(page.rules_page([work.rule_info(c) for c in work.all_codes()], lang))

    async def rule(self, request: Request) -> Response:
        lang = choose_lang(request)
        set_language(lang)
        info = work.rule_info(request.path_params["code"][:16])
        if info is None:
            return html(page.error_page(lang, _("No such rule"), _("kamerlint has no rule {code}.", code=request.path_params["code"][:16])), 404)
        return html(page.rule_page(info, lang))

    # -- documents ---------------------------------------------------------------------------

    def job(self, request: Request, parts: list, lang: str, report: bool, copies: bool) -> work.UploadJob | None:
        files = [p for p in parts if p.name == "file" and p.filename is not None and (p.filename or p.data)]
        if not files:
            return None
        names = safe_names([p.filename for p in files])
        settings = self.configured.settings
        ignored = [self.config.ignored_for(name) for name in names]
        return work.UploadJob(
            [(name, bytes(p.data)) for name, p in zip(names, files)], settings, self.configured.codes, ignored, lang,
            report=report, copies=copies, url_base=base_url(request) + "/rules/",
        )

    async def run(self, job: work.UploadJob) -> work.UploadResult:
        """The job's result from a worker; without one (too slow, the worker lost), each file's IO
        finding. Raises Busy."""
        try:
            return await self.pool.run("lint_upload", job)
        except JobFailed as failed:
            log.warning("lint serve: a document job failed (%s%s)", failed.reason, f": {failed.detail}" if failed.detail else "")
            reason = "memory" if failed.detail == "MemoryError" else failed.reason
            return work.failed_upload(job, reason, self.options.timeout)

    async def api_lint(self, request: Request) -> Response:
        lang = choose_lang(request)
        try:
            parts = await read_multipart(request, self.options.max_upload, self.options.timeout, self.options.max_files + 5)
        except BodyError as exc:
            return JSONResponse({"error": exc.reason}, exc.status)
        lang = choose_lang(request, next((p.value for p in parts if p.name == "lang" and p.filename is None), None))
        job = self.job(request, parts, lang, report=False, copies=False)
        if job is None:
            return JSONResponse({"error": "no-file"}, 400)
        if len(job.files) > self.options.max_files:
            return JSONResponse({"error": "too-many-files"}, 413)
        try:
            result = await self.run(job)
        except Busy:
            return JSONResponse({"error": "busy"}, 503, headers={"Retry-After": "10"})
        return JSONResponse([finding for f in result.files for finding in f.findings])

    # -- LanguageTool's API ------------------------------------------------------------------

    async def check(self, request: Request) -> Response:
        try:
            # A character takes at most 12 bytes percent-encoded (4 bytes of UTF-8, 3 each).
            body = await read_body(request, self.options.max_text * 12 + 65536, self.options.timeout)
        except BodyError as exc:
            return PlainTextResponse(f"Error: {exc.reason}", exc.status)
        try:
            if request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
                fields = await self.multipart_fields(request, body)
            else:
                fields = languagetool.read_form(body)
            if not request.scope.get("state", {}).get("authorized", True) and not self.token_matches(fields.get("apiKey", "")):
                return PlainTextResponse("Error: a token is needed (apiKey, or Authorization: Bearer TOKEN).", 401)
            lang = fields.get("language")
            languagetool.language_of(lang)
            if "data" in fields:
                checked = languagetool.annotated(fields["data"])
                markers = languagetool.DATA_NOTE_MARKERS
            elif "text" in fields:
                checked = languagetool.Checked(fields["text"], fields["text"])
                markers = languagetool.TEXT_NOTE_MARKERS
            else:
                raise languagetool.CheckError(400, "Error: Missing 'text' or 'data' parameter")
            if len(checked.text) > self.options.max_text:
                raise languagetool.CheckError(413, f"Error: Your text exceeds the limit of {self.options.max_text} characters")
        except languagetool.CheckError as exc:
            return PlainTextResponse(exc.message, exc.status)
        set_language("nl")
        chosen = self.paragraph_rules.choose(
            languagetool.codes_of(fields.get("enabledRules")), languagetool.codes_of(fields.get("disabledRules")),
            fields.get("enabledOnly", "").lower() == "true",
        )
        found = work.check_paragraph(checked.text, self.paragraph_rules, chosen, markers, self.options.unsafe_fixes)
        return JSONResponse(languagetool.answer(checked, found, base_url(request), lang.strip().lower() == "auto"))

    async def multipart_fields(self, request: Request, body: bytes) -> dict[str, str]:
        """A ``/v2/check`` sent as multipart form data (some clients do): its fields."""

        async def replay():
            return {"type": "http.request", "body": body, "more_body": False}

        again = Request(request.scope, replay)
        try:
            parts = await read_multipart(again, len(body) + 1, self.options.timeout, 64)
        except BodyError as exc:
            raise languagetool.CheckError(exc.status, f"Error: {exc.reason}") from None
        return {p.name: p.value for p in parts}

    def token_matches(self, given: str) -> bool:
        token = self.options.token
        return bool(token) and bool(given) and hmac.compare_digest(given.encode(), token.encode())

    async def languages(self, request: Request) -> Response:
        return JSONResponse(languagetool.LANGUAGES)

    # -- the rest ----------------------------------------------------------------------------

    async def openapi(self, request: Request) -> Response:
        from linter import __version__
        from linter.serve.openapi import document

        return JSONResponse(document(__version__))

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "workers": self.pool.alive(), "size": self.pool.size, "replaced": self.pool.replaced})

    async def favicon(self, request: Request) -> Response:
        return Response(status_code=204)


def create_app(options: Options, configured: work.Configured, config) -> tuple[object, Server]:
    """The ASGI application, and the :class:`Server` behind it."""
    from starlette.middleware import Middleware

    server = Server(options, configured, config)

    @asynccontextmanager
    async def lifespan(app):
        await server.pool.start()
        try:
            yield
        finally:
            server.pool.stop()

    middleware = []
    if options.allow_origins:
        from starlette.middleware.cors import CORSMiddleware

        middleware.append(
            Middleware(CORSMiddleware, allow_origins=options.allow_origins, allow_methods=["GET", "POST"],
                       allow_headers=["Authorization", "Content-Type"], max_age=600)
        )
    app = Starlette(routes=server.routes(), middleware=middleware, lifespan=lifespan)
    return Guard(app, options, page.csp()), server
