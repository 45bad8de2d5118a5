"""The HTTP connection guard: uvicorn's h11 protocol with deadlines and connection caps.

uvicorn closes an *idle* keep-alive connection, but any byte that arrives cancels that timer,
so a client sending a header byte now and then holds a connection (and a file descriptor)
forever; 300 of them exhausted the server. This protocol adds what a front server would:

- the request line and headers must be complete within ``read_timeout_s`` of the connection
  opening (or of the previous response), however the bytes trickle in;
- a request body must bring at least ``min_body_kb`` per ``read_timeout_s`` window, unless the
  application is the slow side (reading paused by flow control);
- at most ``max_connections`` open connections in all and ``max_connections_per_client`` per
  client address; beyond, a new connection is closed at once (before it costs anything), so
  the server never runs out of descriptors.

``guarded_protocol(settings)`` returns the class to pass to uvicorn as ``http=``.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .settings import ApiSettings

log = logging.getLogger("tendercheck.api.connections")
REFUSAL_LOG_EVERY = 100  # log one line per this many refused connections, not one per connection


class GuardedH11Protocol(H11Protocol):
    read_timeout_s: float
    min_body_bytes: int
    max_connections: int
    max_per_client: int
    refused = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._deadline: asyncio.TimerHandle | None = None
        self._body_seen = 0
        host = self.client[0] if self.client else None
        same_client = sum(1 for c in self.connections if _client_host(c) == host)
        if len(self.connections) > self.max_connections or same_client > self.max_per_client:
            cls = type(self)
            cls.refused += 1
            if cls.refused % REFUSAL_LOG_EVERY == 1:
                log.warning("connection limit reached (%d open, %d from %s): refusing new connections "
                            "(%d refused so far)", len(self.connections), same_client, host, cls.refused)
            transport.abort()  # RST now: no descriptor held, nothing to read
            return
        self._arm(self._header_deadline_passed)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        waiting_for_headers = self.conn.their_state is h11.IDLE
        super().data_received(data)
        state = self.conn.their_state
        if state is h11.SEND_BODY:
            self._body_seen += len(data)
            if waiting_for_headers:  # headers just completed: the body clock starts
                self._body_seen = 0
                self._arm(self._body_window_passed)
        elif waiting_for_headers and state is not h11.IDLE or state is h11.DONE:
            self._disarm()  # a whole request is in; the application has it

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._arm(self._header_deadline_passed)  # the next request's headers, on a kept-alive connection

    # -- deadlines ------------------------------------------------------------------------
    def _arm(self, callback: Any) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.read_timeout_s, callback)

    def _disarm(self) -> None:
        if getattr(self, "_deadline", None) is not None:
            self._deadline.cancel()  # type: ignore[union-attr]
            self._deadline = None

    def _header_deadline_passed(self) -> None:
        self._deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()

    def _body_window_passed(self) -> None:
        self._deadline = None
        if self.conn.their_state is not h11.SEND_BODY or self.transport.is_closing():
            return
        if self.flow.read_paused or self._body_seen >= self.min_body_bytes:
            self._body_seen = 0  # the application is the slow one, or the client kept pace
            self._arm(self._body_window_passed)
            return
        log.info("closing a connection from %s: request body slower than %d bytes per %gs",
                 self.client[0] if self.client else "?", self.min_body_bytes, self.read_timeout_s)
        self.transport.close()  # the application sees a disconnect; its partial upload is removed


def _client_host(protocol: object) -> str | None:
    client = getattr(protocol, "client", None)
    return str(client[0]) if client else None


def guarded_protocol(settings: ApiSettings) -> type[GuardedH11Protocol]:
    return type("TenderCheckH11Protocol", (GuardedH11Protocol,), {
        "read_timeout_s": settings.read_timeout_s,
        "min_body_bytes": int(settings.min_body_kb * 1024),
        "max_connections": settings.max_connections,
        "max_per_client": settings.max_connections_per_client,
    })
