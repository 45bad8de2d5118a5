"""Request-size ceiling and the self-check page's abuse guard.

The body limit is enforced while bytes arrive (an ASGI wrapper around ``receive``), so an
oversized upload is refused with 413 before it is spooled to disk in full — whether or not the
client sent a Content-Length.
"""
from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ApiError, error_body

RATE_WINDOW_S = 60.0


class _TooLarge(Exception):
    pass


class BodyLimit:
    """413 once a request body passes ``limit_for(path)`` bytes (None: no limit for that path)."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int | None]) -> None:
        self.app, self.limit_for = app, limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.limit_for(scope.get("path", "")) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _send_413(send, limit)
            return
        seen = 0
        over = False
        started = False

        async def limited_receive() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    over = True
                    raise _TooLarge()
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over:  # whatever the app made of the aborted body, the answer is 413
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            pass
        if over and not started:
            await _send_413(send, limit)


async def _send_413(send: Send, limit: int) -> None:
    body = json.dumps(error_body("payload_too_large", f"上传内容过大，上限 {limit / 1048576:g} MB"
                                                      f"（request body exceeds {limit} bytes）"),
                      ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class PageGuard:
    """The keyless page: at most ``concurrency`` scans at once and ``per_minute`` per client address."""

    def __init__(self, concurrency: int, per_minute: int) -> None:
        self.concurrency, self.per_minute = concurrency, per_minute
        self._active = 0
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def enter(self, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(client, deque())
            while hits and now - hits[0] > RATE_WINDOW_S:
                hits.popleft()
            if len(hits) >= self.per_minute:
                raise ApiError(429, "too_many_requests", "自查次数过多，请一分钟后再试",
                               "too many checks from this address; retry in a minute", {"Retry-After": "60"})
            if self._active >= self.concurrency:
                raise ApiError(429, "busy", "系统繁忙，请稍后再试", "all page scan slots are busy; retry shortly",
                               {"Retry-After": "10"})
            hits.append(now)
            self._active += 1
            if len(self._hits) > 10_000:  # forget idle addresses so the table cannot grow without bound
                for key in [k for k, v in self._hits.items() if not v or now - v[-1] > RATE_WINDOW_S]:
                    del self._hits[key]

    def leave(self) -> None:
        with self._lock:
            self._active -= 1
