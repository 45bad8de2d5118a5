"""Hands queued files to scan workers and stores their reports.

``Dispatcher`` is the seam: the server calls ``start``/``notify``/``stop`` and ``scan_now``.
``LocalDispatcher`` runs scans in a process pool on this machine; beyond one machine, several of
them (in API servers and ``tendercheck worker`` processes, see jobworker.py) claim from one shared
database, and the guarded transitions keep results exactly-once whoever delivers them.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
import multiprocessing
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from pathlib import Path
from typing import Protocol

from sqlalchemy.exc import OperationalError

from checker import errors
from checker.baseline import Baseline
from checker.batch import ScanPool
from checker.report import Report
from checker.settings import OcrMode
from checker.waivers import WaiverSet

from . import webhook
from .errors import ApiError, store_unavailable
from .settings import ApiSettings
from .store import Claim, JobStore
from .uploads import retain
from .worker import ScanAnswer, failed_report, init_worker, report_dict, scan_file
from .worker import ready as worker_ready

log = logging.getLogger("tendercheck.api.dispatcher")
POLL_S = 1.0                 # look for queued files at least this often (restarts, other dispatchers)
RETENTION_SWEEP_S = 600.0
# An upload folder with no job row is a request that died before its job was stored (the client
# got no 202). Only old ones are removed: a young one may be an upload still arriving elsewhere.
ORPHAN_AGE_S = 3600.0
# A file whose scan never finished this many times (server crashes, broken pools) gets an error
# report instead of another try: one poison file must not stall a queue forever.
MAX_ATTEMPTS = 3
# How often to look for files abandoned by a dead dispatcher: running for longer than the per-file
# time limit plus ``lease_grace_s`` (every live dispatcher ends a scan at the limit).
REQUEUE_EVERY_S = 5.0
# Imported once in the fork server, so every worker runs the code the server started with.
WORKER_PRELOAD = ["checker.engine", "checker.ingest", "checker.normalize", "checker.facts", "checker.catalog",
                  "checker.rules", "api.worker"]


class CatalogRef(Protocol):
    @property
    def catalog_path(self) -> str | None: ...


class Dispatcher(Protocol):
    def start(self) -> None: ...
    def notify(self) -> None: ...
    def stop(self) -> None: ...
    async def scan_now(self, path: Path, name: str, as_of: date | None, answer: ScanAnswer = "report",
                       waiver_picker: bool = False, waivers: WaiverSet | None = None,
                       baseline: Baseline | None = None, ocr: OcrMode | None = None) -> Report: ...


def pool_broke(future: Future[Report]) -> bool:
    """The pool failed as a whole (workers could not start), as opposed to this file's scan failing."""
    return not future.cancelled() and isinstance(future.exception(), BrokenProcessPool)


def _unavailable() -> ApiError:
    return ApiError(503, "service_unavailable", "扫描服务暂不可用，请稍后再试", "scan workers are unavailable; retry later",
                    {"Retry-After": "30"})


class JobLoop:
    """The thread that moves job files along: ``tick`` every ``every_s``, or at once on ``notify``
    (a new job). A failing tick is logged and tried again next time: a locked or unreachable
    database is one line per tick, not a traceback. The local dispatcher's loop claims and scans;
    the broker queue's (api/broker.py) sends and reconciles."""

    def __init__(self, name: str, tick: Callable[[], None], every_s: float) -> None:
        self._tick, self._every_s = tick, every_s
        self.wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self, settings: ApiSettings, store: JobStore) -> None:
        removed = sweep_orphans(settings, store)
        if removed:
            log.warning("removed %d upload folder(s) of requests that never became jobs", removed)
        self._thread.start()

    def notify(self) -> None:
        self.wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self.wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self._tick()
            except OperationalError as exc:
                log.warning("%s waiting for the job store: %s", self._thread.name, store_unavailable(exc).en)
            except Exception:
                log.exception("%s tick failed", self._thread.name)
            self.wake.wait(self._every_s)
            self.wake.clear()


class LocalDispatcher:
    def __init__(self, settings: ApiSettings, store: JobStore, catalog: CatalogRef, jobs: bool = True) -> None:
        self.settings, self.store, self.catalog, self.jobs = settings, store, catalog, jobs
        self.slots = max(1, settings.workers)
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(WORKER_PRELOAD)
        self.pool = self._new_pool()
        self._inflight: dict[int, Claim] = {}
        self._lock = threading.RLock()  # pool.stop() may run done-callbacks that take it again
        self.loop = JobLoop("tendercheck-dispatcher", self._tick, POLL_S)
        self._last_sweep = 0.0
        self._last_requeue = 0.0
        self._warming: list[Future[bool]] = []  # start(): one no-op task per worker, done once they are loaded

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> None:
        """Start the job loop (unless ``jobs`` is off: sync scans only, job files left to workers)."""
        # The pool starts its workers on its first task: give it one now, so that they load the engine
        # while the server starts rather than during its first request.
        self._warming = [self._live_pool().schedule(worker_ready) for _ in range(self.slots)]
        if self.jobs:
            self.loop.start(self.settings, self.store)

    def wait_warm(self, timeout_s: float) -> bool:
        """Wait until the workers have loaded the engine (or ``timeout_s`` passed): ready means ready."""
        concurrent.futures.wait(self._warming, timeout=timeout_s)
        return all(f.done() and not f.exception() for f in self._warming)

    def notify(self) -> None:
        self.loop.notify()

    def stop(self) -> None:
        self.loop.stop()
        with self._lock:
            unfinished = list(self._inflight.values())
        self.pool.stop()
        self.pool.join(10)
        # Files cut short by this stop go back to the queue now, for another server or worker (a
        # crash leaves them to the lease instead). Guarded: a report stored meanwhile stays.
        for claim in unfinished:
            try:
                self.store.release(claim)
            except Exception:  # the database is gone too: the lease takes them back later
                log.exception("giving back job %s file %d failed", claim.job_id, claim.idx)

    def _new_pool(self) -> ScanPool:
        return ScanPool(self.slots, self.settings.file_timeout_s, self._ctx, init_worker,
                        (self.settings, self.catalog.catalog_path))

    def _live_pool(self) -> ScanPool:
        # A pool whose workers cannot start (a failing initializer) goes inactive: start a fresh one.
        with self._lock:
            if not self.pool.active:
                log.error("scan worker pool broke; starting a new one")
                self.pool.stop()
                self.pool = self._new_pool()
            return self.pool

    # -- single synchronous scans -------------------------------------------------------------
    async def scan_now(self, path: Path, name: str, as_of: date | None, answer: ScanAnswer = "report",
                       waiver_picker: bool = False, waivers: WaiverSet | None = None,
                       baseline: Baseline | None = None, ocr: OcrMode | None = None) -> Report:
        """One file's report, ``waivers`` and ``baseline`` applied, as ``answer`` asks
        (``api/worker.scan_file``): an HTML page is rendered by the worker, with ``waiver_picker``
        boxes; ``ocr`` overrides the server's OCR mode."""
        try:
            # a lone file: its big PDF is read ahead on another core (jobs fill the cores with files)
            fut = self._schedule(path, name, as_of, answer, waiver_picker, waivers, read_ahead=True, baseline=baseline,
                                 ocr=ocr)
            await asyncio.wait([asyncio.wrap_future(fut)])
        except asyncio.CancelledError:
            fut.cancel()  # the client went away: stop spending a worker on it
            raise
        except RuntimeError as exc:  # pebble: the pool is not running
            raise _unavailable() from exc
        if pool_broke(fut):  # not the file's fault: don't hand back a report that blames it
            raise _unavailable()
        return self.pool.report(fut, name)

    def _schedule(self, path: Path, name: str, as_of: date | None, answer: ScanAnswer = "report",
                  waiver_picker: bool = False, waivers: WaiverSet | None = None,
                  read_ahead: bool = False, baseline: Baseline | None = None,
                  ocr: OcrMode | None = None) -> Future[Report]:
        # The worker's scanning child is killed at the time limit (checker/bounded.py); the pool
        # kills the worker only if that fails.
        return self._live_pool().schedule(scan_file, str(path), name, as_of, self.catalog.catalog_path, answer,
                                          waiver_picker, waivers, read_ahead, baseline, ocr)

    # -- the job loop --------------------------------------------------------------------------
    def _tick(self) -> None:
        self._requeue_stale()
        self._fill()
        self._sweep_retained()

    def _fill(self) -> None:
        with self._lock:
            free = self.slots - len(self._inflight)
        for claim in self.store.claim(free):
            if claim.attempt > MAX_ATTEMPTS:
                self._store(claim, failed_report(claim.name, errors.InternalError(
                    f"已尝试扫描 {MAX_ATTEMPTS} 次均未完成，文件可能导致扫描进程崩溃",
                    f"scan did not finish in {MAX_ATTEMPTS} attempts")))
                continue
            with self._lock:
                self._inflight[claim.file_id] = claim
            try:
                # the report's text, written by the scanning child: the server only reads it back
                fut = self._schedule(Path(claim.upload_path), claim.name, claim.as_of, "json", ocr=claim.ocr)
            except RuntimeError:  # pool not running: back to the queue, retried next tick
                self._requeue(claim)
                raise
            fut.add_done_callback(functools.partial(self._finished, claim))

    def _finished(self, claim: Claim, fut: Future[Report]) -> None:
        try:
            if fut.cancelled():  # pool stopping: ``stop`` gives the file back to the queue
                return
            if pool_broke(fut):  # retried at the next tick, after POLL_S: no busy loop while it stays broken
                self._requeue(claim)
                return
            self._store(claim, self.pool.report(fut, claim.name))
            self.loop.notify()
        except Exception:  # stays running; requeued once its lease runs out (``_requeue_stale``)
            log.exception("storing the report of job %s file %d failed", claim.job_id, claim.idx)
        finally:
            with self._lock:
                self._inflight.pop(claim.file_id, None)

    def _store(self, claim: Claim, report: Report) -> None:
        if self.store.complete(claim, report_dict(report)):
            self._dispose_upload(claim)
            webhook.job_finished(self.store, self.settings.webhook_secret, claim.job_id,
                                 self.settings.webhook_allow_private)

    def _requeue(self, claim: Claim) -> None:
        self.store.release(claim)
        with self._lock:
            self._inflight.pop(claim.file_id, None)

    def _dispose_upload(self, claim: Claim) -> None:
        path = Path(claim.upload_path)
        if self.settings.retention_hours > 0:
            self.store.forget_upload(claim.file_id, str(retain(path, self.settings.uploads, "jobs", claim.job_id)))
        else:
            path.unlink(missing_ok=True)
            self.store.forget_upload(claim.file_id)
            try:
                path.parent.rmdir()  # the job folder, once its last file is gone
            except OSError:
                pass

    def _requeue_stale(self) -> None:
        """Take back files whose dispatcher died (this one before a restart, or another server or
        worker on the same database): running past the time limit plus grace means abandoned."""
        if time.monotonic() - self._last_requeue < REQUEUE_EVERY_S:
            return
        self._last_requeue = time.monotonic()
        n = self.store.requeue_stale(self.settings.file_timeout_s + self.settings.lease_grace_s)
        if n:
            log.warning("requeued %d file(s) left running by a dispatcher that is gone", n)

    def _sweep_retained(self) -> None:
        if self.settings.retention_hours <= 0 or time.monotonic() - self._last_sweep < RETENTION_SWEEP_S:
            return
        self._last_sweep = time.monotonic()
        sweep_retained(self.settings)


def sweep_retained(settings: ApiSettings) -> int:
    """Delete retained uploads older than the retention period; returns how many."""
    root = settings.uploads / "retained"
    cutoff = time.time() - settings.retention_hours * 3600
    n = 0
    for f in root.rglob("*") if root.is_dir() else ():
        if f.is_file() and f.stat().st_mtime < cutoff:
            f.unlink(missing_ok=True)
            n += 1
    return n


def sweep_orphans(settings: ApiSettings, store: JobStore, min_age_s: float = ORPHAN_AGE_S) -> int:
    root = settings.uploads / "jobs"
    if not root.is_dir():
        return 0
    cutoff = time.time() - min_age_s
    old = [d for d in root.iterdir() if d.is_dir() and d.stat().st_mtime < cutoff]
    known = store.job_ids([d.name for d in old])
    n = 0
    for d in old:
        if d.name not in known:
            shutil.rmtree(d, ignore_errors=True)
            n += 1
    return n
