"""Asking a source over HTTP, with a verdict for every answer and a reason for every failure.

The publisher: ``GET <base>/<id>.xml``. A 404, or KOOP's redirect to a ``fout404`` page that
answers 200, is "does not exist"; anything else that is not a readable publication (no network, a
time-out, a 5xx, an HTML page, too large) is a failure with a reason, never "does not exist".

Every request keeps to a deadline for its whole response, however slowly a server trickles its
headers or body (a timer shuts the socket); requests to one source are paced, and a 429 waits as
the server asks; after a few failures in a run the source is no longer asked.
"""

from __future__ import annotations

import email.utils
import http.client
import socket
import threading
import time
import urllib.error
import urllib.request

from linter import __version__

#: A motie is a few kB, a large Kamerstuk a few MB; more than this is not read.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024
TIMEOUT_SECONDS = 5.0
#: A whole response (every redirect, the headers and the body) must arrive within this many
#: times the time-out (15 s at the default 5 s).
DEADLINE_FACTOR = 3
PARALLEL_REQUESTS = 4
USER_AGENT = f"kamerlint/{__version__}"
CHUNK = 64 * 1024
MAX_REDIRECTS = 5
#: Seconds between the starts of two requests to one source (parlhist waits 0.25 s).
PACE_SECONDS = 0.25
#: After this many failures in a row, a source is not asked again in this run (see Source.gave_up).
MAX_FAILURES = 3
#: A 429's Retry-After is honoured up to this many seconds, this many times.
MAX_RETRY_AFTER = 10.0
RETRIES_ON_429 = 2
#: A document that surely exists: when a source says it does not, its 404s mean nothing.
SENTINEL_ID = "kst-36725-XVII-45"

class Failed(Exception):
    """The look-up gave no answer either way; ``reason`` is a key of :data:`linter.verify.REASONS`."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail


class Missing(Exception):
    """The source answered that the document does not exist (a 404, or a ``fout404`` page)."""


# -- one response within one deadline -----------------------------------------------------------
class Deadline:
    """The end of one response's time. Every socket opened for it is shut when time is up, which
    wakes a read that a trickling server would otherwise keep waiting."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    try:  # socket.socket's own shutdown: an SSLSocket's would drop its SSL object under the reader
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


_current = threading.local()


class _Watched:
    """A connection that hands each socket it opens to the calling thread's :class:`Deadline`."""

    def connect(self):
        deadline: Deadline | None = getattr(_current, "deadline", None)
        if deadline is not None:
            self.timeout = max(0.05, min(self.timeout or TIMEOUT_SECONDS, deadline.remaining()))
        super().connect()
        if deadline is not None:
            deadline.watch(self.sock)


class _HTTPConnection(_Watched, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_Watched, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects, to any host, and remembers where they went (KOOP's ``fout404``)."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        visited = getattr(_current, "visited", None)
        if new is not None and visited is not None:
            visited.append(newurl)
        return new


_OPENER = None


def opener():
    global _OPENER
    if _OPENER is None:  # proxies from the environment, as urllib's own opener has them
        _OPENER = urllib.request.build_opener(urllib.request.ProxyHandler(), _HTTPHandler(), _HTTPSHandler(), _Redirects())
    return _OPENER


class Answer:
    __slots__ = ("status", "url", "visited", "body", "headers")

    def __init__(self, status: int, url: str, visited: list[str], body: bytes, headers):
        self.status = status
        self.url = url
        self.visited = visited
        self.body = body
        self.headers = headers


def http_get(url: str, timeout: float, accept: str) -> Answer:
    """One GET, redirects followed, within ``DEADLINE_FACTOR * timeout`` seconds in all. An HTTP
    error status comes back as an Answer; what gives no answer raises Failed."""
    if not url.startswith(("http://", "https://")):
        raise Failed("bad-answer", f"{url!r} is not an http:// or https:// address")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
    deadline = Deadline(timeout * DEADLINE_FACTOR)
    _current.deadline = deadline
    _current.visited = visited = [url]
    limit_mb = MAX_RESPONSE_BYTES // (1024 * 1024)
    try:
        try:
            response = opener().open(request, timeout=timeout)
        except urllib.error.HTTPError as exc:
            response = exc
        status = getattr(response, "status", None) or response.getcode()
        if 300 <= status < 400:  # a redirect loop, or one to another scheme: urllib stops there
            raise Failed("redirects", f"{status} after {len(visited)} addresses")
        if response.fp is None:
            return Answer(status, response.geturl() or url, visited, b"", response.headers)
        with response:
            length = response.headers.get("Content-Length") if response.headers else None
            if length and length.isdigit() and int(length) > MAX_RESPONSE_BYTES:
                raise Failed("too-large", f"the answer is larger than {limit_mb} MB")
            chunks, size = [], 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise Failed("too-large", f"the answer is larger than {limit_mb} MB")
                chunks.append(chunk)
            if deadline.expired:
                raise Failed("timeout", f"the answer took longer than {deadline.seconds:g} s")
            return Answer(status, response.geturl() or url, visited, b"".join(chunks), response.headers)
    except Failed:
        raise
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        if deadline.expired:
            raise Failed("timeout", f"the answer took longer than {deadline.seconds:g} s") from None
        raise Failed(*_reason_of(exc)) from None
    finally:
        deadline.cancel()
        _current.deadline = _current.visited = None


def _reason_of(exc: BaseException) -> tuple[str, str]:
    import errno

    reason = getattr(exc, "reason", exc)
    text = str(reason)
    if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in text:
        return "timeout", text
    if isinstance(reason, ConnectionRefusedError):
        return "refused", text
    if "Tunnel connection failed" in text:
        return "proxy", text
    if isinstance(reason, socket.gaierror) or (
        isinstance(reason, OSError) and reason.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN)
    ):
        return "offline", text
    return "bad-answer", text  # a connection dropped mid-answer, a TLS error, a garbled response


# -- a source: pacing, 429, giving up ---------------------------------------------------------------
class Source:
    """One address asked in this process: when it may be asked next, how often it failed, and
    whether its 404s can be believed (the sentinel)."""

    def __init__(self, base: str, timeout: float, pace: float):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.pace = pace
        self._lock = threading.Lock()
        self._next = 0.0
        self.failures = 0
        self.answered = False  # has it answered anything in this run?
        self.silent = False  # it timed out before it ever answered
        #: None: not asked yet; True: the sentinel was found; else the reason it was not.
        self.sentinel: bool | str | None = None

    @property
    def gave_up(self) -> bool:
        """After a few failures in a row; at once when it never answered before its first
        time-out (a server that accepts and never answers would cost a time-out a request)."""
        return self.failures >= MAX_FAILURES or self.silent

    def _wait_turn(self) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + self.pace
        if slot > now:
            time.sleep(slot - now)

    def _hold(self, seconds: float) -> None:
        with self._lock:
            self._next = max(self._next, time.monotonic() + seconds)
            self.pace = max(self.pace * 2, 0.5)  # asked to slow down: stay slower

    def get(self, url: str, accept: str) -> Answer:
        """A paced GET that waits out a 429; raises Failed (and counts it)."""
        try:
            for attempt in range(RETRIES_ON_429 + 1):
                if self.gave_up:
                    raise Failed("gave-up")
                self._wait_turn()
                if self.gave_up:  # and after the wait: others may have failed meanwhile
                    raise Failed("gave-up")
                answer = http_get(url, self.timeout, accept)
                if answer.status != 429:
                    break
                wait = _retry_after(answer.headers)
                if attempt == RETRIES_ON_429 or wait > MAX_RETRY_AFTER:
                    raise Failed("rate-limited", "429")
                self._hold(wait)
            if answer.status >= 500:
                raise Failed("server-error", str(answer.status))
            if answer.status == 407:
                raise Failed("proxy", "407")
        except Failed as exc:
            if exc.reason != "gave-up":
                with self._lock:
                    self.failures += 1
                    self.silent = self.silent or (exc.reason == "timeout" and not self.answered)
            raise
        with self._lock:
            self.failures = 0
            self.answered = True
        return answer


def _retry_after(headers) -> float:
    value = (headers.get("Retry-After") if headers else None) or "1"
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return 1.0


_SOURCES: dict[tuple[str, float, float], Source] = {}
_SOURCES_LOCK = threading.Lock()


def source(base: str, timeout: float = TIMEOUT_SECONDS, pace: float = PACE_SECONDS) -> Source:
    """The process's Source for this address (a run's files share its pacing and failures)."""
    key = (base.rstrip("/"), timeout, pace)
    with _SOURCES_LOCK:
        if key not in _SOURCES:
            _SOURCES[key] = Source(base, timeout, pace)
        return _SOURCES[key]


# -- the publisher ---------------------------------------------------------------------------------
def is_fout404(answer: Answer) -> bool:
    """KOOP answers a missing document with a redirect to a ``fout404`` page that says 200."""
    return any("fout404" in u.lower() for u in [*answer.visited, answer.url])


def fetch_one(src: Source, identifier: str):
    """The Record; raises Missing when the publisher says it does not exist, Failed otherwise."""
    from linter.verify.record import NotAPublication, parse_publication

    answer = src.get(f"{src.base}/{identifier}.xml", "application/xml")
    if answer.status == 404 or is_fout404(answer):
        raise Missing(identifier)
    if answer.status != 200:
        raise Failed("http-error", str(answer.status))
    try:
        return parse_publication(answer.body, identifier)
    except NotAPublication as exc:
        raise Failed("bad-answer", str(exc)) from None


def ask_each(src: Source, identifiers: list[str], fetch) -> tuple[dict, dict[str, str]]:
    """``fetch(src, identifier)`` for each, four at a time: answers (identifier → its record, or
    None where the source says it does not exist: ``fetch`` raised Missing or returned None) and
    failures (identifier → reason)."""
    from concurrent.futures import ThreadPoolExecutor

    answers: dict = {}
    failed: dict[str, str] = {}
    if not identifiers:
        return answers, failed

    def one(identifier: str):
        try:
            return identifier, fetch(src, identifier), None
        except Missing:
            return identifier, None, None
        except Failed as exc:
            return identifier, None, exc.reason

    with ThreadPoolExecutor(max_workers=min(PARALLEL_REQUESTS, len(identifiers))) as pool:
        for identifier, value, reason in pool.map(one, identifiers):
            if reason is None:
                answers[identifier] = value
            else:
                failed[identifier] = reason
    return answers, failed


def fetch_all(src: Source, identifiers: list[str]) -> tuple[dict, dict[str, str]]:
    """Answers (identifier → Record, or None for "does not exist") and failures (identifier →
    reason). A "does not exist" is an answer only when the same source, in this run, finds the
    sentinel document: a wrong address or a portal that says 404 to everything makes none."""
    answers, failed = ask_each(src, identifiers, fetch_one)
    if any(v is None for v in answers.values()):
        trusted = _sentinel_found(src, answers)
        if trusted is not True:
            for rid in [r for r, v in answers.items() if v is None]:
                del answers[rid]
                failed[rid] = "untrusted-404" if trusted is False else trusted
    return answers, failed


def _sentinel_found(src: Source, answers: dict) -> bool | str:
    """True when the source has the sentinel document; False when it says it does not exist;
    else the reason it could not be asked."""
    if answers.get(SENTINEL_ID) is not None:
        src.sentinel = True
    if src.sentinel is None:
        try:
            fetch_one(src, SENTINEL_ID)
            src.sentinel = True
        except Missing:
            src.sentinel = False
        except Failed as exc:
            return exc.reason  # not remembered: it may answer for the next file
    return src.sentinel
