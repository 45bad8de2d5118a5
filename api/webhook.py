"""The optional completion callback of a job: one signed POST when its last file is reported.

The body is JSON; ``X-Tendercheck-Signature: t=<unix time>,v1=<hex>`` carries
HMAC-SHA256(``WEBHOOK_SECRET``, ``"<t>.<body>"``), so the receiver can check it came from this
server and is fresh. It fires once: the sender first marks the job's webhook as sent with a
guarded UPDATE (``JobStore.take_webhook``), so of several dispatchers only one sends it. A
receiver that is down is tried again a few times; after that the job's state is still there to poll.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from datetime import UTC, datetime
from typing import Any

import httpx

from .store import JobStore

log = logging.getLogger("tendercheck.api.webhook")
ATTEMPTS = 3
BACKOFF_S = (1.0, 5.0)
TIMEOUT_S = 10.0
SIGNATURE_HEADER = "X-Tendercheck-Signature"


def job_finished(store: JobStore, secret: str | None, job_id: str) -> None:
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
    deliver(url, payload, secret)


def utc_iso(value: datetime | None) -> str | None:
    """Stored times are naive UTC; what we hand out says so (ISO 8601 with its offset)."""
    return value.replace(tzinfo=UTC).isoformat() if value else None


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def deliver(url: str, payload: dict[str, Any], secret: str) -> None:
    """POST ``payload`` to ``url`` in a background thread (the dispatcher must not wait on it)."""
    threading.Thread(target=_send, args=(url, payload, secret), name="tendercheck-webhook", daemon=True).start()


def _send(url: str, payload: dict[str, Any], secret: str) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode()
    for attempt in range(ATTEMPTS):
        ts = int(time.time())
        headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(secret, ts, body)}
        try:
            resp = httpx.post(url, content=body, headers=headers, timeout=TIMEOUT_S)
            if resp.status_code < 300:
                return
            log.warning("webhook %s answered %d (attempt %d)", url, resp.status_code, attempt + 1)
        except httpx.HTTPError as exc:
            log.warning("webhook %s failed (attempt %d): %s", url, attempt + 1, exc)
        if attempt < len(BACKOFF_S):
            time.sleep(BACKOFF_S[attempt])
