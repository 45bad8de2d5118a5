"""Scanning many files: from this process or from N worker processes, each file in a child
process under a memory bound and a time bound (bounded.py).

One bad or pathological file never stops or hangs a batch: it gets a report with an error and
the rest go on, with ``--jobs 1`` too. Workers and scanning children are forked after the engine
is loaded, so lexicons, spaCy and the catalog are loaded once, not once per file or per worker.
pebble kills a worker that outlives its file's time limit by ``KILL_GRACE_S`` (a last resort: the
worker's own child is killed at the limit).
"""
from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from . import errors
from .bounded import Finish, scan_bounded
from .engine import Engine
from .limits import timeout_error
from .paths import dispatch_order, lone_file_cores, processes
from .report import Report

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from .ingest.ahead import ReadAhead

T = TypeVar("T")
# Seconds past the time limit after which a worker that did not stop by itself is killed.
KILL_GRACE_S = 5.0
_ENGINE: Engine | None = None  # the engine a forked worker inherits
_AHEAD: Sequence[ReadAhead] = ()  # readers of the first files, which forked workers inherit too


class ScanPool:
    """Scan files in N processes with a time limit: the one pool of the command line's ``--jobs N``
    and the API's local mode (api/dispatcher.py).

    Each file is scanned by ``scan_bounded`` in its worker, whose own child is killed at the limit;
    pebble kills a worker still busy ``KILL_GRACE_S`` later (a last resort). ``report`` turns a
    worker's outcome into the file's report: a timeout or a dead worker is that file's error."""

    def __init__(self, processes: int, timeout_s: float, context: BaseContext,
                 initializer: Callable[..., None] | None = None, initargs: tuple[object, ...] = ()) -> None:
        from pebble import ProcessPool

        self.timeout_s = timeout_s
        self._pool = ProcessPool(max_workers=processes, context=context, initializer=initializer, initargs=initargs)

    @property
    def active(self) -> bool:
        """False once its workers cannot start (a failing initializer) or it was stopped."""
        return bool(self._pool.active)

    def schedule(self, task: Callable[..., T], *args: object) -> Future[T]:
        return self._pool.schedule(task, args=args, timeout=self.timeout_s + KILL_GRACE_S)

    def report(self, future: Future[Report], name: str, path: Path | None = None) -> Report:
        try:
            return future.result()
        except FutureTimeout:
            error: errors.CheckerError = timeout_error(self.timeout_s)
        except Exception as exc:  # noqa: BLE001 - a worker died (segfault, OOM): that file's error, not the batch's
            error = errors.InternalError("扫描进程异常退出", f"worker failed: {exc!r}")
        report = Report(file=name, format=None, path=str(path) if path else None)
        report.error = error.to_dict()
        return report

    def stop(self) -> None:
        """Stop the workers now: scans in progress are cut short, their futures cancelled."""
        self._pool.stop()

    def join(self, wait_s: float | None = None) -> None:
        self._pool.join(timeout=wait_s)


def _worker_scan(path: str, as_of: date | None, finish: Finish | None = None, name: str | None = None) -> Report:
    assert _ENGINE is not None
    return scan_bounded(_ENGINE, Path(path), as_of, display_name=name, ahead=_reader_for(_AHEAD, Path(path)),
                        finish=finish)


def _serialized(serialize: Callable[[Report], str], report: Report) -> Report:
    return report.serialized_only(serialize(report))


def _reader_for(ahead: Sequence[ReadAhead], path: Path) -> ReadAhead | None:
    return next((a for a in ahead if a.is_for(path)), None)


def scan_paths(engine: Engine, paths: list[Path], as_of: date | None = None, jobs: int = 1,
               on_done: Callable[[Report], None] | None = None,
               serialize: Callable[[Report], str] | None = None,
               ahead: Sequence[ReadAhead] = (), names: Sequence[str] | None = None,
               finish: Finish | None = None) -> Iterator[Report]:
    """Reports in input order. ``on_done`` is called as each file finishes (for progress).

    With ``serialize`` (a picklable function, e.g. JSON), the scanning processes serialise their
    own reports and send back ``Report.serialized_only`` copies. Else ``finish`` (picklable, e.g.
    rendering the HTML page) runs on each report in the process that scanned it.
    ``ahead``: readers already reading some of the files (``first_scanned``); a worker that
    takes one of those files takes its reader too. ``names``: what each report calls its file
    (``display_names``; default the file's name)."""
    shown = list(names) if names is not None else [p.name for p in paths]
    timeout = engine.settings.file_timeout_s
    cores = lone_file_cores(paths, jobs)
    jobs = processes(paths, jobs)
    if serialize is not None:
        finish = functools.partial(_serialized, serialize)
    if jobs == 1:
        if len(paths) > 1:
            engine.warm_up()  # once, not in every file's scanning child
        for p, name in zip(paths, shown):
            reader = _reader_for(ahead, p)
            report = scan_bounded(engine, p, as_of, display_name=name, ahead=reader, finish=finish, cores=cores)
            if reader is not None:
                reader.close()  # stopped with its file, if the scan was (time or memory bound)
            if on_done:
                on_done(report)
            yield report
        return

    global _ENGINE, _AHEAD
    _ENGINE, _AHEAD = engine, ahead
    engine.warm_up()
    pool = ScanPool(jobs, timeout, multiprocessing.get_context("fork"))
    try:
        # Reports come out in input order, whatever order the workers take the files in.
        futures: dict[int, Future[Report]] = {}
        for i in dispatch_order(paths, jobs):
            futures[i] = pool.schedule(_worker_scan, str(paths[i]), as_of, finish, shown[i])
        for i, p in enumerate(paths):
            report = pool.report(futures[i], shown[i], p)
            if on_done:
                on_done(report)
            yield report
    finally:
        # Every report is in (or the caller gave up): stop the workers rather than wait for each
        # to tear down an interpreter holding the whole pipeline.
        pool.stop()
        pool.join()
