"""The optional completion callback of a job: one signed POST when its last file is reported.

The body is JSON; ``X-Tendercheck-Signature: t=<unix time>,v1=<hex>`` carries
HMAC-SHA256(``WEBHOOK_SECRET``, ``"<t>.<body>"``), so the receiver can check it came from this
server and is fresh. It fires once: the sender first marks the job's webhook as sent with a
guarded UPDATE (``JobStore.take_webhook``), so of several dispatchers only one sends it. A
receiver that is down is tried again a few times; after that the job's state is still there to poll.

A callback URL is the tenant's choice of where this server sends a request, so it must not reach
what only the server can reach (loopback, private and link-local networks, cloud metadata at
169.254.169.254): every address the host resolves to must be public, checked when the job is
submitted and again when the callback is sent, and the request goes to the address that was checked
(Host and TLS name from the URL), so a DNS answer that changes in between cannot redirect it.
Redirects are not followed. ``TENDERCHECK_WEBHOOK_ALLOW_PRIVATE=1`` lifts the address check for a
receiver on the server's own network.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import threading
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from .store import JobStore

log = logging.getLogger("tendercheck.api.webhook")
ATTEMPTS = 3
BACKOFF_S = (1.0, 5.0)
TIMEOUT_S = 10.0
SIGNATURE_HEADER = "X-Tendercheck-Signature"


class CallbackRefused(Exception):
    """The callback URL's host cannot be resolved, or resolves to an address that is not public."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def pinned_address(url: str, allow_private: bool) -> str:
    """The address ``url``'s host resolves to, once every address it resolves to has been checked."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise CallbackRefused(f"callback_url 的主机名“{host}”无法解析", f"cannot resolve {host!r}: {exc}") from None
    addresses = [str(info[4][0]).split("%")[0] for info in infos]
    inner = [a for a in addresses if not ipaddress.ip_address(a).is_global]
    if inner and not allow_private:
        raise CallbackRefused(f"callback_url 指向内部网络地址（{inner[0]}），不予回调",
                              f"callback_url resolves to a non-public address ({inner[0]})")
    return addresses[0]


def _pinned_request(url: str, address: str) -> tuple[str, dict[str, str], dict[str, Any]]:
    """``url`` with its host replaced by ``address``; the Host header and TLS server name keep the name."""
    parts = urlsplit(url)
    ip = f"[{address}]" if ":" in address else address
    netloc = f"{ip}:{parts.port}" if parts.port else ip
    host = parts.netloc.rsplit("@", 1)[-1]
    extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    return urlunsplit(parts._replace(netloc=netloc)), {"Host": host}, extensions


def job_finished(store: JobStore, secret: str | None, job_id: str, allow_private: bool = False) -> None:
    """If ``job_id`` is finished and has a callback not yet sent, send it (once)."""
    taken = store.take_webhook(job_id)
    if taken is None or not secret:
        return
    url, tenant = taken
    job = store.job(job_id, tenant)
    if job is None:  # deleted meanwhile
        return
    base = f"/v1/jobs/{job.id}"
    payload = {"event": "job.finished", "job": {
        "id": job.id, "state": job.state, "total": job.total, "counts": job.counts,
        "created_at": utc_iso(job.created_at), "finished_at": utc_iso(job.finished_at),
        "links": {"self": base, "results": f"{base}/results", "report_html": f"{base}/report.html"}}}
    deliver(url, payload, secret, allow_private)


def utc_iso(value: datetime | None) -> str | None:
    """Stored times are naive UTC; what we hand out says so (ISO 8601 with its offset)."""
    return value.replace(tzinfo=UTC).isoformat() if value else None


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def deliver(url: str, payload: dict[str, Any], secret: str, allow_private: bool = False) -> None:
    """POST ``payload`` to ``url`` in a background thread (the dispatcher must not wait on it)."""
    threading.Thread(target=_send, args=(url, payload, secret, allow_private), name="tendercheck-webhook",
                     daemon=True).start()


def _send(url: str, payload: dict[str, Any], secret: str, allow_private: bool) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode()
    for attempt in range(ATTEMPTS):
        ts = int(time.time())
        headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(secret, ts, body)}
        try:
            target, host, extensions = _pinned_request(url, pinned_address(url, allow_private))
            with httpx.Client(timeout=TIMEOUT_S, follow_redirects=False) as client:
                request = client.build_request("POST", target, content=body, headers={**headers, **host},
                                               extensions=extensions)
                resp = client.send(request)
            if resp.status_code < 300:
                return
            log.warning("webhook %s answered %d (attempt %d)", url, resp.status_code, attempt + 1)
        except CallbackRefused as exc:
            log.warning("webhook %s refused: %s", url, exc.en)
            return
        except httpx.HTTPError as exc:
            log.warning("webhook %s failed (attempt %d): %s", url, attempt + 1, exc)
        if attempt < len(BACKOFF_S):
            time.sleep(BACKOFF_S[attempt])
