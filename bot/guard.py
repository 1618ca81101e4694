"""The gateway's outer guard, a pure ASGI middleware every request passes first.

- Body limit on the bytes actually received: a chunked body (no Content-Length) is counted
  as it arrives and refused with 413 once it passes MAX_BODY_BYTES; a Content-Length above the
  limit is refused before a byte is read. The (bounded) body is then handed on as one message.
- JSON text with a lone surrogate escape (`"\\ud800"`) is valid JSON but no Unicode text: it is
  refused with 422 here, before any route decodes it (it gave 500s when written to the
  database or sent to Rasa).
- Security headers on every answer, with `frame-ancestors 'none'` (and X-Frame-Options DENY)
  everywhere except the chat widget, which the mini-program web-view and the sites listed in
  WIDGET_FRAME_ANCESTORS may frame (default 'self').
- An exception no handler took becomes a 500 that names neither the input nor the exception's
  message; the log gets the exception's type and the stack's file/line frames only (messages
  of e.g. UnicodeEncodeError or a driver error can quote what the user sent).
"""

from __future__ import annotations

import json
import logging
import re
import traceback
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.datastructures import Headers, MutableHeaders

from bot.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

log = logging.getLogger("bot.guard")

# A high surrogate escape not followed by a low one, or a low one not preceded by a high one.
LONE_SURROGATE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
BASE_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            "form-action 'self'")
WIDGET_PAGES = frozenset({"/", "/widget"})
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def error_summary(exc: BaseException) -> str:
    """The exception's type and where it was raised, without its message (which may quote
    user input, e.g. a UnicodeEncodeError or a driver error with the statement's values)."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = " <- ".join(f"{f.filename.rsplit('/', 2)[-1]}:{f.lineno} {f.name}"
                        for f in reversed(frames[-6:]))
    return f"{type(exc).__module__}.{type(exc).__qualname__} at {where}"


class Guard:
    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]],
                 settings: Settings) -> None:
        self.app = app
        self.max_body = settings.max_body_bytes
        ancestors = " ".join(settings.widget_frame_ancestors) or "'none'"
        self.widget_csp = f"{BASE_CSP}; frame-ancestors {ancestors}"
        self.page_csp = f"{BASE_CSP}; frame-ancestors 'none'"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        widget = path in WIDGET_PAGES

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin")
                headers.setdefault("Content-Security-Policy",
                                   self.widget_csp if widget else self.page_csp)
                if not widget:
                    headers.setdefault("X-Frame-Options", "DENY")
            await send(message)

        downstream = receive
        if scope.get("method") in BODY_METHODS:
            body = await self._read_body(scope, receive, send_with_headers)
            if body is None:
                return
            headers = Headers(scope=scope)
            if "json" in headers.get("content-type", "") and LONE_SURROGATE.search(body):
                await _json(send_with_headers, 422, {
                    "detail": [{"loc": ["body"], "field": "", "type": "unicode_error",
                                "msg": "文本含有无效的 Unicode 字符 / invalid Unicode text"}],
                    "message": "输入有误 / invalid input", "fields": {}})
                return
            downstream = _replay(body, receive)

        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send_with_headers(message)

        try:
            await self.app(scope, downstream, tracking_send)
        except Exception as exc:  # noqa: BLE001 - the last line of defence, logged below
            log.error("unhandled error on %s %s: %s", scope.get("method"), path,
                      error_summary(exc))
            if not started:
                await _json(send_with_headers, 500,
                            {"detail": "服务器内部错误，请稍后再试 / internal server error"})

    async def _read_body(self, scope: Scope, receive: Receive, send: Send) -> bytes | None:
        """The whole body, or None after answering 413 (or when the client went away)."""
        length = Headers(scope=scope).get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            await _too_large(send, self.max_body)
            return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await _too_large(send, self.max_body)
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # later calls wait for the disconnect, as Starlette expects

    return replay


async def _too_large(send: Send, limit: int) -> None:
    await _json(send, 413, {"detail": f"请求体过大：最多{limit}字节 / request body larger "
                                      f"than {limit} bytes"})


async def _json(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
        (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": payload})
