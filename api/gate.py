"""What every request passes before the application reads its body.

FastAPI resolves a route's dependencies (the API key among them) only after it has parsed the
multipart body, so an anonymous 300 MB upload used to be spooled to disk before its 401. These
ASGI wrappers answer from the request line and headers alone:

- ``Gate``: a ``/v1/`` request without a valid key is refused (401); an upload beyond the
  concurrent-upload caps (per tenant or, on the keyless page, per address; and in all) is
  refused (429 + Retry-After); the page's rate and scan-slot guard runs here too. Each refusal
  closes the connection, so an unread body is never received.
- ``SecurityHeaders``: CSP (no framing, no foreign scripts, no inline script but the reports' own
  sorting script, pinned by its hash), ``nosniff`` and ``X-Frame-Options`` on every response, error
  answers included. A response that sets its own CSP keeps it (``/docs``).
"""
from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reports.html import report_script_source

from .auth import KeyStore
from .errors import ApiError, error_body
from .limits import PageGuard


# Scripts: our files (the self-check page's /static/page.js) and, inline, only the reports' sorting
# script (a report is one self-contained file): an injected inline script would not run. Inline
# styles stay allowed (the reports' own stylesheet and style attributes).
def policy(*inline_scripts: str) -> str:
    """The Content-Security-Policy, with these inline scripts (``'sha256-…'`` sources) allowed to run."""
    scripts = " ".join(("'self'", *inline_scripts))
    return (f"default-src 'none'; script-src {scripts}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


CSP = policy(report_script_source())
SECURITY_HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer")]
UPLOAD_METHODS = {"POST", "PUT", "PATCH"}
PAGE_UPLOAD = "/check"
RETRY_AFTER_S = 10


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k, v) for k, v in SECURITY_HEADERS if k not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class UploadSlots:
    """At most ``per_client`` uploads at once per client and ``total`` in all."""

    def __init__(self, total: int, per_client: int) -> None:
        self.total, self.per_client = total, per_client
        self._active: Counter[str] = Counter()
        self._lock = threading.Lock()

    @contextmanager
    def take(self, client: str) -> Iterator[None]:
        with self._lock:
            if self._active[client] >= self.per_client:
                raise ApiError(429, "too_many_uploads", f"同时上传的文件过多（每个客户端最多 {self.per_client} 个），请稍后再试",
                               f"at most {self.per_client} concurrent uploads per client; retry later",
                               {"Retry-After": str(RETRY_AFTER_S)})
            if sum(self._active.values()) >= self.total:
                raise ApiError(429, "busy", "系统繁忙，请稍后再试", "the server is receiving too many uploads; retry later",
                               {"Retry-After": str(RETRY_AFTER_S)})
            self._active[client] += 1
        try:
            yield
        finally:
            with self._lock:
                self._active[client] -= 1
                if self._active[client] <= 0:
                    del self._active[client]


def bearer_key(scope: Scope) -> str | None:
    for name, value in scope.get("headers") or []:
        if name == b"authorization":
            scheme, _, key = value.decode("latin-1").partition(" ")
            return key.strip() if scheme.lower() == "bearer" and key.strip() else None
    return None


class Gate:
    def __init__(self, app: ASGIApp, keys: KeyStore, slots: UploadSlots, page_guard: PageGuard) -> None:
        self.app, self.keys, self.slots, self.page_guard = app, keys, slots, page_guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, method = scope.get("path", ""), scope.get("method", "GET")
        client = scope["client"][0] if scope.get("client") else "unknown"
        try:
            if path.startswith("/v1/"):
                key = bearer_key(scope)
                tenant = self.keys.lookup(key) if key else None
                if tenant is None:
                    raise ApiError(401, "unauthorized",
                                   "API 密钥无效" if key else "缺少 API 密钥，请使用 Authorization: Bearer <密钥>",
                                   "invalid API key" if key else "missing API key: send Authorization: Bearer <key>",
                                   {"WWW-Authenticate": "Bearer"})
                client = f"tenant:{tenant.id}"
            uploading = method in UPLOAD_METHODS and (path.startswith("/v1/") or path == PAGE_UPLOAD)
            if not uploading:
                await self.app(scope, receive, send)
                return
            with self.slots.take(client):
                if path != PAGE_UPLOAD:
                    await self.app(scope, receive, send)
                    return
                self.page_guard.enter(client)
                try:
                    await self.app(scope, receive, send)
                finally:
                    self.page_guard.leave()
        except ApiError as exc:
            await refuse(send, exc)


async def refuse(send: Send, exc: ApiError) -> None:
    """Answer without reading the body, and close: the client's unread bytes are never taken in."""
    body = json.dumps(error_body(exc.code, exc.message), ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close"),
               *((k.lower().encode(), v.encode()) for k, v in (exc.headers or {}).items())]
    await send({"type": "http.response.start", "status": exc.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
