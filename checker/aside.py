"""Compute something in a forked child while this process goes on with something else.

A big file's scan has work that does not depend on each other (checker/facts: the brand
recogniser on one side, the project, standard and fair-competition facts on the other); with a
second core idle, the child does one side while this process does the other. The child is a
fork: it shares everything already loaded and built (the document, the lexicons, spaCy) without
copying or pickling it; only its result comes back, pickled. A generator function's values come
back one by one, each as soon as the child has it (``next``): the brand recogniser takes the list
texts split for it there before the child goes on to the other facts.

Only ever a speed-up: where no child can start (no fork) the work is done here when the result is
asked for, and a child that dies (killed, or out of memory) is replaced the same way, so the
result is always what the function returns in process, or what it raises. The child dies with
this process (a scan killed at its time bound leaves nothing behind) and lives under its bounds
(RLIMIT_AS is inherited).
"""
from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Generator
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from .limits import die_with_parent

T = TypeVar("T")


class Aside(Generic[T]):
    def __init__(self, fn: Callable[..., T], *args: Any) -> None:
        self._fn, self._args = fn, args
        self._proc: multiprocessing.process.BaseProcess | None = None
        self._received = 0  # values the child sent
        self._local: Generator[Any, None, None] | None = None  # the generator run here instead
        if os.name != "posix":
            return
        ctx = multiprocessing.get_context("fork")
        self._conn, child_end = ctx.Pipe(duplex=False)
        # No cycle collection in either process while the child lives: a collection walks every
        # object and writes to each one's header, so each page the two share would be copied, in
        # the child for nothing (it exits) and in this process for the child's sake. The work on
        # both sides makes next to no cycles (it is the scan's; see limits.gc_paused).
        self._collecting = gc.isenabled()
        gc.disable()
        try:
            proc = ctx.Process(target=_run, args=(fn, args, child_end, os.getpid()), daemon=True,
                               name="tendercheck-aside")
            proc.start()
            self._proc = proc
        except (OSError, AssertionError):  # no fork here (or a daemonic parent): done in process
            self._conn.close()
            self._resume_collection()
        finally:
            child_end.close()

    def result(self) -> T:
        """The function's value (or its exception); computed here if the child could not give it."""
        try:
            return self.next()  # type: ignore[no-any-return]
        finally:
            self.close()

    def next(self) -> Any:
        """The next value of a generator function, as soon as the child has it (or its exception);
        for a plain function, its value. Where the child could not give it, the generator is run
        here from the start, skipping the values already received (the function must be pure)."""
        if self._local is None and self._proc is not None:
            try:
                kind, value = self._conn.recv()
            except (EOFError, OSError):  # the child died without a word: the rest is done here
                kind, value = "died", None
            if kind == "ok":
                self._received += 1
                return value
            self.close()
            if kind == "raised":
                raise value
        if self._local is None:
            made = self._fn(*self._args)
            if not isinstance(made, Generator):
                return made
            self._local = made
            for _ in range(self._received):
                next(self._local)
        return next(self._local)

    def close(self) -> None:
        """Stop the child if it still runs (this process gave up on the result)."""
        if self._proc is None:
            return
        proc, self._proc = self._proc, None
        self._conn.close()
        if proc.is_alive():
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
        proc.join()
        self._resume_collection()

    def _resume_collection(self) -> None:
        if self._collecting:
            gc.enable()


def _run(fn: Callable[..., Any], args: tuple[Any, ...], conn: Connection, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it closes us
    die_with_parent(parent)
    try:
        made = fn(*args)
        for value in made if isinstance(made, Generator) else (made,):
            if not _send(conn, ("ok", value)):
                return
    except MemoryError:
        return  # the parent computes it instead, under its own bound
    except Exception as exc:  # noqa: BLE001 - raised again in the parent, as if computed there
        _send(conn, ("raised", exc))


def _send(conn: Connection, message: tuple[str, Any]) -> bool:
    """Whether the parent may go on listening."""
    try:
        conn.send(message)
    except OSError:  # the parent stopped listening
        return False
    except Exception:  # noqa: BLE001 - a value that can't be pickled: the parent computes it instead
        with contextlib.suppress(OSError):
            conn.send(("died", None))
        return False
    return True
