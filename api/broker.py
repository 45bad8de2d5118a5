"""Beyond one machine: job files as Celery tasks (``TENDERCHECK_BROKER_URL``, Redis or RabbitMQ).

The SQL job store stays the record of jobs and reports; the broker only carries "scan file N".

- The API server (``BrokerQueue``) hands each queued file to the broker once (``sent_at``,
  taken by a guarded UPDATE), and reconciles: a file the store holds as queued (or running past
  the time limit) that the broker does not hold is sent again, so a broker restarted without
  persistence loses nothing.
- ``tendercheck worker`` runs a Celery worker (prefork; one engine per child; ``acks_late`` and
  ``reject_on_worker_lost``, so a file whose worker dies is delivered again; prefetch 1; time
  limits from the per-file limit). A task moves its file to running under a new attempt
  (``JobStore.start``) and stores the report with ``JobStore.complete``'s guard: a duplicate or
  late delivery changes nothing, and a file delivered more than ``MAX_ATTEMPTS`` times gets an
  ``internal_error`` report instead of another scan.
- No shared folder: a file's bytes travel in the database (``job_file_bytes``) and are deleted
  once its report is stored, unless retention is configured.

Celery is imported only here, and this module only when a broker is configured.
"""
from __future__ import annotations

import logging
import os
import re
import tempfile
import time
import uuid
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from celery import Celery
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_process_init, worker_ready

from checker import errors
from checker.baseline import Baseline
from checker.batch import KILL_GRACE_S
from checker.catalog import load_catalog
from checker.limits import timeout_error
from checker.report import Report
from checker.settings import OcrMode
from checker.waivers import WaiverSet

from . import webhook
from .dispatcher import MAX_ATTEMPTS, RETENTION_SWEEP_S, JobLoop, LocalDispatcher
from .settings import ApiSettings
from .store import Claim, JobStore, SentFile
from .uploads import sniff_file
from .worker import ScanAnswer, current_catalog, failed_report, init_worker, report_dict, scan_file

log = logging.getLogger("tendercheck.api.broker")
TASK = "tendercheck.scan_job_file"
QUEUE = "tendercheck"
TASK_ID_PREFIX = "tc-"  # task ids are tc-<file id>-<random>: the reconciler reads file ids from them
_TASK_FILE_ID = re.compile(rb"tc-(\d+)-")
_CATALOG_NAME = re.compile(r"[0-9a-f]{16}/[^/]+")  # as PUT /v1/catalog names them (api/routes/meta.py)
RECONCILE_EVERY_S = 5.0
# A file sent this long ago and still queued, yet absent from the broker, was lost by it (the
# margin covers a message between the broker's queue and its unacked set).
RESEND_AFTER_S = 10.0
RESTORE_EVERY_S = 5        # Redis: look for messages of lost workers (unacked past the visibility timeout) this often
PUBLISH_SOCKET_TIMEOUT_S = 10.0  # a broker that vanished without closing the connection: give up the send
WORKERS_CACHE_S = 5.0      # /healthz asks the workers at most this often
PING_TIMEOUT_S = 1.0
# Kombu's Redis transport keeps priority levels as extra lists named queue + this + level.
_REDIS_PRIORITY_SEP = "\x06\x16"


def hard_limit_s(settings: ApiSettings) -> float:
    """Celery kills a task's process past this: the scan's own limit, then two grace periods
    (the scanning child is killed at ``file_timeout_s``; the soft limit comes one grace later)."""
    return settings.file_timeout_s + 2 * KILL_GRACE_S


def celery_app(settings: ApiSettings) -> Celery:
    app = Celery("tendercheck", broker=settings.broker_url, set_as_current=False)
    app.conf.update(
        task_default_queue=QUEUE,
        task_serializer="json", accept_content=["json"],
        task_ignore_result=True,  # reports go to the SQL store, not to a result backend
        task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
        task_soft_time_limit=settings.file_timeout_s + KILL_GRACE_S, task_time_limit=hard_limit_s(settings),
        worker_max_memory_per_child=int(settings.worker_max_memory_mb * 1024),  # KiB
        worker_send_task_events=True, task_send_sent_event=True,  # for Flower and `celery events`
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            # Redis: a message a lost worker held comes back after this; never while a scan may still run.
            "visibility_timeout": hard_limit_s(settings) + settings.lease_grace_s,
            "unacked_restore_interval": RESTORE_EVERY_S, "unacked_restore_throttle": 1,
            "socket_timeout": PUBLISH_SOCKET_TIMEOUT_S,
        },
    )
    app.task(name=TASK, bind=True)(scan_job_file)
    return app


# -- the worker side ------------------------------------------------------------------------------
class _Child:
    settings: ApiSettings | None = None
    store: JobStore | None = None


def _init_child(**_: Any) -> None:
    """In each prefork child: its own engine and its own database connections."""
    settings = ApiSettings()
    init_worker(settings, current_catalog(settings.catalog_dir, settings.catalog))
    _Child.settings, _Child.store = settings, JobStore(settings.db_url)


def scan_job_file(task: Any, file_id: int, job_id: str, idx: int) -> str:
    """Scan one job file and store its report once. ``job_id`` and ``idx`` name it for people
    reading ``celery inspect active`` or Flower."""
    settings, store = _Child.settings, _Child.store
    assert settings is not None and store is not None, "worker_process_init did not run"
    claim = store.start(file_id)
    if claim is None:
        return "already reported"  # a duplicate or late delivery: nothing changes
    if claim.attempt > MAX_ATTEMPTS:
        report = failed_report(claim.name, errors.InternalError(
            f"已尝试扫描 {MAX_ATTEMPTS} 次均未完成，文件可能导致扫描进程崩溃",
            f"scan did not finish in {MAX_ATTEMPTS} attempts"))
    else:
        report = _scan_stored(store, settings, claim)
    if store.complete(claim, report_dict(report)):
        if settings.retention_hours <= 0:
            store.drop_bytes(file_id)
        webhook.job_finished(store, settings.webhook_secret, claim.job_id, settings.webhook_allow_private)
        return "reported"
    return "superseded"  # a later attempt took the file over meanwhile: its report counts


def _scan_stored(store: JobStore, settings: ApiSettings, claim: Claim) -> Report:
    data = store.file_bytes(claim.file_id)
    if data is None:
        return failed_report(claim.name, errors.InternalError("文件内容已不存在，无法扫描", "the file's bytes are gone"))
    with tempfile.TemporaryDirectory(prefix=f"tc-task-{claim.job_id}-{claim.idx}-") as folder:  # 0700
        path = Path(folder) / "upload"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        del data
        kind = sniff_file(path)
        named = path.with_suffix(f".{kind}" if kind in ("pdf", "docx") else Path(claim.name).suffix.lower() or ".pdf")
        path.rename(named)
        try:
            return scan_file(str(named), claim.name, claim.as_of, synced_catalog(store, settings), "json",
                             ocr=claim.ocr)
        except SoftTimeLimitExceeded:  # the scan's own limit failed to stop it
            return failed_report(claim.name, timeout_error(settings.file_timeout_s))


def synced_catalog(store: JobStore, settings: ApiSettings) -> str | None:
    """The catalog in use: the last one ``PUT /v1/catalog`` stored in the database (written into this
    machine's catalog folder the first time), else this machine's own (api/worker.py)."""
    name = store.current_catalog()
    if name and _CATALOG_NAME.fullmatch(name) and ".." not in name:
        local = settings.catalog_dir / name
        if not local.is_file() and (data := store.catalog_bytes(name)) is not None:
            local.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            tmp = local.with_name(f".{uuid.uuid4().hex}.tmp")
            with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
                out.write(data)
            tmp.replace(local)  # atomic: another child may be writing the same file
        if local.is_file():
            return str(local)
    return current_catalog(settings.catalog_dir, settings.catalog)


def run_celery_worker(settings: ApiSettings) -> int:
    """``tendercheck worker`` with a broker: a Celery worker with ``settings.workers`` children."""
    app = celery_app(settings)
    worker_process_init.connect(_init_child, weak=False)
    worker_ready.connect(lambda **_: log.info("tendercheck worker ready: %d scan process(es), broker %s",
                                              settings.workers, _where(settings.broker_url)), weak=False)
    app.worker_main(["worker", "--pool=prefork", f"--concurrency={max(1, settings.workers)}", "--loglevel=INFO",
                     f"--hostname=tendercheck-{os.getpid()}@%h", f"--queues={QUEUE}"])
    return 0


def _where(url: str | None) -> str:
    return (url or "").split("@")[-1]


# -- the API side -----------------------------------------------------------------------------------
class BrokerQueue:
    """The API server's ``Dispatcher`` with a broker: job files go to Celery workers; single scans
    (``/v1/scan``, the page) still run in this server's local pool."""

    def __init__(self, settings: ApiSettings, store: JobStore, local: LocalDispatcher, state: Any) -> None:
        """``state``: the app's state, whose ``catalog_path`` and ``engine`` follow the catalog in use."""
        self.settings, self.store, self.local, self.state = settings, store, local, state
        self.app = celery_app(settings)
        self.loop = JobLoop("tendercheck-broker", self._tick, RECONCILE_EVERY_S)
        self._last_reconcile = 0.0
        self._last_sweep = 0.0
        self._workers: tuple[float, int | None] = (0.0, None)

    def start(self) -> None:
        self.local.start()  # jobs off: sync scans only
        self.loop.start(self.settings, self.store)

    def wait_warm(self, timeout_s: float) -> bool:
        return self.local.wait_warm(timeout_s)

    def notify(self) -> None:
        self.loop.notify()

    def stop(self) -> None:
        self.loop.stop()
        self.local.stop()

    async def scan_now(self, path: Path, name: str, as_of: date | None, answer: ScanAnswer = "report",
                       waiver_picker: bool = False, waivers: WaiverSet | None = None,
                       baseline: Baseline | None = None, ocr: OcrMode | None = None) -> Report:
        """A synchronous scan is this server's own, as without a broker (the queue is for jobs)."""
        return await self.local.scan_now(path, name, as_of, answer, waiver_picker, waivers, baseline, ocr)

    def _tick(self) -> None:
        self._sync_catalog()
        self._send(self.store.take_unsent(1000))
        self._reconcile()
        self._sweep_retained()

    def _sync_catalog(self) -> None:
        """A catalog PUT on another API server reaches this one (and its single scans)."""
        path = synced_catalog(self.store, self.settings)
        if path != self.state.catalog_path:
            engine = self.state.engine
            engine.catalog = load_catalog(path or engine.settings.catalog, engine.config)
            self.state.catalog_path = path
            log.info("catalog in use: %s", path)

    def _send(self, files: Iterable[SentFile]) -> int:
        n = 0
        for f in files:
            self.app.send_task(TASK, args=(f.file_id, f.job_id, f.idx), queue=QUEUE,
                               task_id=f"{TASK_ID_PREFIX}{f.file_id}-{uuid.uuid4().hex[:12]}")
            n += 1
        return n

    def _reconcile(self) -> None:
        if time.monotonic() - self._last_reconcile < RECONCILE_EVERY_S:
            return
        self._last_reconcile = time.monotonic()
        waiting = self.store.unfinished_sent(RESEND_AFTER_S, hard_limit_s(self.settings) + self.settings.lease_grace_s)
        if not waiting:
            return
        held = self.held_file_ids()
        if held is None:  # a broker we cannot list (not Redis): unsent files only
            return
        lost = [f for f in waiting if f.file_id not in held]
        if lost:
            self.store.mark_sent([f.file_id for f in lost])
            self._send(lost)
            log.warning("re-sent %d file(s) queued in the store but unknown to the broker", len(lost))

    def held_file_ids(self) -> set[int] | None:
        """File ids of the tasks the broker holds (waiting, or delivered and not yet acknowledged);
        None if this broker cannot be listed (only Redis can)."""
        if not self._redis():
            return None
        with self.app.connection_for_read() as conn:
            client = conn.default_channel.client
            raw: list[bytes] = []
            for q in [QUEUE, *(f"{QUEUE}{_REDIS_PRIORITY_SEP}{p}" for p in range(1, 10))]:
                raw.extend(client.lrange(q, 0, -1))
            raw.extend(client.hvals("unacked"))
        return {int(m.group(1)) for item in raw for m in _TASK_FILE_ID.finditer(item)}

    def _redis(self) -> bool:
        return (self.settings.broker_url or "").startswith(("redis://", "rediss://", "unix://"))

    def _sweep_retained(self) -> None:
        if self.settings.retention_hours <= 0 or time.monotonic() - self._last_sweep < RETENTION_SWEEP_S:
            return
        self._last_sweep = time.monotonic()
        self.store.sweep_bytes(self.settings.retention_hours * 3600)

    def health(self) -> dict[str, Any]:
        """The broker's state for ``/healthz``: reachable, tasks waiting in it (Redis), workers answering."""
        where = _where(self.settings.broker_url)
        try:
            with self.app.connection_for_read() as conn:
                conn.ensure_connection(max_retries=1)
                waiting = int(conn.default_channel.client.llen(QUEUE)) if self._redis() else None
        except Exception as exc:  # noqa: BLE001 - any failure to reach it is "unreachable"
            return {"state": "unreachable", "url": where, "waiting": None, "workers": None,
                    "message": f"消息代理不可达（broker unreachable: {type(exc).__name__}）"}
        when, workers = self._workers
        if workers is None or time.monotonic() - when > WORKERS_CACHE_S:
            workers = len(self.app.control.ping(timeout=PING_TIMEOUT_S) or [])
            self._workers = (time.monotonic(), workers)
        return {"state": "ok", "url": where, "waiting": waiting, "workers": workers, "message": None}


def __getattr__(name: str) -> Any:
    """``celery -A api.broker inspect …`` / ``flower``: the app as this environment configures it."""
    if name == "app":
        return celery_app(ApiSettings())
    raise AttributeError(name)
