"""Process bounds shared by the scanning child (checker/bounded.py) and the processes that help it
(the PDF read-ahead readers, checker/ingest/ahead.py; facts aside, checker/aside.py): the memory
bound as RLIMIT_AS, the errors for a file over a bound, how to tell that a process died of its
memory bound, and how a child dies with its parent."""
from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import resource
import signal
import sys
import time
from collections.abc import Iterator

from . import errors

POLL_S = 0.05
# A child that died without a report ran out of memory if it had reached this share of its memory
# bound, or if it aborted: C code (pdfium, lxml) aborts on a failed allocation rather than raising
# MemoryError, and the last look at its size may come before a doubling that failed.
NEAR_BOUND_SHARE = 0.5
OUT_OF_MEMORY_SIGNALS = (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS)


def died_of(status: int, signals: tuple[signal.Signals, ...]) -> bool:
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) in signals


def exit_status(pid: int, wait_s: float = 2.0) -> int | None:
    """The wait status of a process that has exited (a zombie), from /proc, whoever its parent is;
    None if it is still running after ``wait_s`` or is gone."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            return None
        if fields[0] == b"Z" and len(fields) >= 50:
            return int(fields[49])  # field 52 of stat(5): exit_code, as waitpid reports it
        if time.monotonic() > deadline:
            return None
        time.sleep(POLL_S)


def limit_memory(max_memory_mb: float) -> int:
    """Bound this process's address space to what it has now plus ``max_memory_mb`` (0: no bound);
    returns the limit set."""
    if max_memory_mb <= 0 or os.name != "posix":
        return 0
    limit = vm_bytes("self") + int(max_memory_mb * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return limit


def timeout_error(seconds: float) -> errors.ScanTimeout:
    return errors.ScanTimeout(f"扫描超时（超过 {seconds:g} 秒），文件可能异常，已停止扫描",
                              f"scan timed out after {seconds:g}s")


def memory_error(megabytes: float) -> errors.MemoryLimit:
    return errors.MemoryLimit(f"扫描所需内存超过上限（{megabytes:g} MB），文件可能异常，已停止扫描",
                              f"the scan needed more than its memory bound of {megabytes:g} MB")


def vm_bytes(pid: str) -> int:
    """A process's address space (what RLIMIT_AS counts), 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a forked child: be killed when ``parent`` (its pid, taken before the fork) dies, so no
    scan outlives the process waiting for it. Linux only; elsewhere children end on their own."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    # The parent died before the line above: nobody waits for this work. (Compared with the pid
    # taken before the fork, not with 1: the parent may itself be pid 1, in a container.)
    if os.getppid() != parent:
        os._exit(1)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cycle collection meanwhile, as it was before if it was on. For work that makes many small
    objects and no reference cycles (reading a document, building the report's model): the collector,
    which runs every 700 new objects and now and then walks all older ones, finds nothing there, and
    reference counting frees everything as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
