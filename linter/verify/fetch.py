"""Asking the publisher: ``GET <base>/<id>.xml``. A 404 is "does not exist"; anything else that
is not a readable publication (no network, a time-out, a 5xx, an HTML page, too large) is a failure,
never "does not exist"."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from linter import __version__
from linter.verify.record import NotAPublication, Record, parse_publication

DEFAULT_BASE = "https://zoek.officielebekendmakingen.nl"
#: A motie is a few kB, a large Kamerstuk a few MB; more than this is not read.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024
TIMEOUT_SECONDS = 5.0
#: A whole answer must arrive within this, however slowly a server trickles it.
DEADLINE_SECONDS = 15.0
PARALLEL_REQUESTS = 4
USER_AGENT = f"kamerlint/{__version__}"
CHUNK = 64 * 1024


class Failed(Exception):
    """The look-up gave no answer either way."""


def fetch_one(base: str, identifier: str, timeout: float = TIMEOUT_SECONDS) -> Record | None:
    """The record, or None when the publisher says it does not exist. Raises Failed."""
    if not base.startswith(("http://", "https://")):
        raise Failed(f"{base!r} is not an http:// or https:// address")
    url = f"{base.rstrip('/')}/{identifier}.xml"
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/xml"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_RESPONSE_BYTES:
                raise Failed(f"the answer is larger than {MAX_RESPONSE_BYTES // (1024 * 1024)} MB")
            chunks, size = [], 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise Failed(f"the answer is larger than {MAX_RESPONSE_BYTES // (1024 * 1024)} MB")
                if time.monotonic() - started > DEADLINE_SECONDS:
                    raise Failed("the answer took too long")
                chunks.append(chunk)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise Failed(f"the server answered {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:  # no network, refused, time-out, bad URL
        raise Failed(str(getattr(exc, "reason", exc))) from None
    try:
        return parse_publication(b"".join(chunks), identifier)
    except NotAPublication as exc:
        raise Failed(str(exc)) from None


def fetch_all(base: str, identifiers: list[str], timeout: float = TIMEOUT_SECONDS) -> tuple[dict[str, Record | None], list[str]]:
    """Answers for those the publisher answered, and the identifiers that failed."""
    answers: dict[str, Record | None] = {}
    failed: list[str] = []
    if not identifiers:
        return answers, failed

    def one(identifier: str):
        try:
            return identifier, fetch_one(base, identifier, timeout), False
        except Failed:
            return identifier, None, True

    with ThreadPoolExecutor(max_workers=min(PARALLEL_REQUESTS, len(identifiers))) as pool:
        for identifier, record, did_fail in pool.map(one, identifiers):
            if did_fail:
                failed.append(identifier)
            else:
                answers[identifier] = record
    return answers, failed
