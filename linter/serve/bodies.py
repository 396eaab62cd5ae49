"""Request bodies, read into memory and never further than a limit, within a time limit.

Starlette's own form parsing spools an uploaded file of more than 1 MB to a temporary file on
disk; a draft is confidential and must not be written anywhere, so uploads are parsed here, with
python-multipart's streaming parser, into memory only, and the body is refused (413) as soon as
it passes the limit: a body that says it is too large is refused before a byte of it is read.
A body that arrives too slowly is cut off at the time limit (408).
"""

from __future__ import annotations

import asyncio
import time


class BodyError(Exception):
    """413 (too large), 408 (too slow), 400 (not readable as what it says it is)."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


class Part:
    """One part of a multipart body: a form field (``filename`` None) or a file."""

    __slots__ = ("name", "filename", "content_type", "data")

    def __init__(self):
        self.name = ""
        self.filename: str | None = None
        self.content_type = ""
        self.data = bytearray()

    @property
    def value(self) -> str:
        return bytes(self.data).decode("utf-8", "replace")


def declared_length(request) -> int | None:
    value = request.headers.get("content-length")
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise BodyError(400, "bad-length") from None


async def chunks(request, limit: int, timeout: float):
    """The body's chunks, refusing it past ``limit`` bytes or ``timeout`` seconds."""
    length = declared_length(request)
    if length is not None and length > limit:
        raise BodyError(413, "too-large")
    deadline = time.monotonic() + timeout
    stream = request.stream().__aiter__()
    total = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise BodyError(408, "too-slow")
        try:
            chunk = await asyncio.wait_for(stream.__anext__(), left)
        except StopAsyncIteration:
            return
        except asyncio.TimeoutError:
            raise BodyError(408, "too-slow") from None
        total += len(chunk)
        if total > limit:
            raise BodyError(413, "too-large")
        if chunk:
            yield chunk


async def read_body(request, limit: int, timeout: float) -> bytes:
    out = bytearray()
    async for chunk in chunks(request, limit, timeout):
        out += chunk
    return bytes(out)


async def read_multipart(request, limit: int, timeout: float, max_parts: int) -> list[Part]:
    """The parts of a ``multipart/form-data`` body, in memory."""
    from python_multipart.multipart import MultipartParser, parse_options_header

    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if content_type != b"multipart/form-data" or not boundary:
        raise BodyError(400, "not-multipart")
    parts: list[Part] = []
    header: dict[str, bytearray] = {"field": bytearray(), "value": bytearray()}
    headers: dict[bytes, bytes] = {}

    def on_part_begin() -> None:
        if len(parts) >= max_parts:
            raise BodyError(413, "too-many-parts")
        parts.append(Part())
        headers.clear()

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header["value"] += data[start:end]

    def on_header_end() -> None:
        headers[bytes(header["field"]).lower()] = bytes(header["value"])
        header["field"].clear()
        header["value"].clear()

    def on_headers_finished() -> None:
        part = parts[-1]
        _disposition, options = parse_options_header(headers.get(b"content-disposition", b""))
        part.name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in options:
            part.filename = options[b"filename"].decode("utf-8", "replace")
        part.content_type = headers.get(b"content-type", b"").decode("latin-1")

    def on_part_data(data: bytes, start: int, end: int) -> None:
        parts[-1].data += data[start:end]

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": on_part_begin,
            "on_part_data": on_part_data,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_headers_finished": on_headers_finished,
        },
    )
    try:
        async for chunk in chunks(request, limit, timeout):
            parser.write(chunk)
        parser.finalize()
    except BodyError:
        raise
    except Exception:  # python-multipart's own errors: a malformed body
        raise BodyError(400, "bad-multipart") from None
    return parts
