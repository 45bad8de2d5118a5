"""Read a PDF in child processes while this one loads the checker and lays the pages out.

A command-line scan of one file spends its first half second importing spaCy and jieba and
building the brand pipeline, on one core; pdfium's part of reading the PDF (``content_batches``:
text, char boxes and rulings of every page) needs none of that. So the CLI forks a reader first
and the two overlap. A file scanned on its own with more cores (``--jobs N`` for one file, the
API's synchronous scans) gets N readers that take the file's page batches in turn; this process
lays out the batches in the file's order as they arrive, exactly as if it had read them itself.
The readers send pdfium's output page batch by page batch (plain strings and arrays, cheap to
pickle; laid-out pages would cost more to unpickle than to lay out again).

The batches go through unlinked temporary files, not the pipes: a pipe holds 64 KiB, and a
reader writing into it would stop as soon as it filled, while this process is still busy loading
and not yet reading. Only "batch at offset, length" notes go through the pipes.

Each reader checks the file like ``load_document`` does before parsing (size limit, type), so an
oversized or mislabelled file is refused there too instead of being parsed. Errors come back as
themselves, the first in the file's order, as a reading in process would raise it; a reader that
dies (pdfium crashing on a hostile file) is an internal error for this file, not for the process.
``close`` kills readers still running: a scan that hit its time limit must not leave them behind.
"""
from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO, Self

from .. import errors
from ..settings import Settings

if TYPE_CHECKING:
    from .pdf import PageContent  # not at run time: the parent forks before pdfium is loaded

_DONE = "done"
READER_NICENESS = 10


class _Reader:
    """One reader process: its pipe for notes, its spool for batches."""

    def __init__(self, path: Path, settings: Settings | None, part: int, parts: int) -> None:
        ctx = multiprocessing.get_context("fork")  # the reader needs nothing this process has loaded
        self.conn, child_end = ctx.Pipe(duplex=False)
        self.spool = tempfile.TemporaryFile(prefix="tendercheck-")  # noqa: SIM115 - closed in close()
        try:
            self.proc = ctx.Process(target=_read, args=(str(path), settings, child_end, self.spool, part, parts),
                                    daemon=True, name=f"tendercheck-read-ahead-{part}")
            self.proc.start()
        except BaseException:
            self.spool.close()
            raise
        finally:
            child_end.close()

    def close(self) -> None:
        self.conn.close()
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.spool.close()


class ReadAhead:
    """``parts`` readers share the file's pages, batch by batch in turn (``content_batches``): a
    lone big file gets the idle cores for pdfium's part, and this process lays out the batches in
    the file's order as they come."""

    def __init__(self, path: str | os.PathLike[str], settings: Settings | None = None, parts: int = 1) -> None:
        self.path = Path(path)
        self.parts = max(1, parts)
        self._readers: list[_Reader] = []
        try:
            for part in range(self.parts):
                self._readers.append(_Reader(self.path, settings, part, self.parts))
                if part == 0 and self.parts > 1:
                    # The first reader imports pdfium's bindings on its own (a command-line scan
                    # has them not yet loaded); the others inherit them from this process, which
                    # needs them anyway, instead of each importing them while every core is busy.
                    from . import pdf  # noqa: F401
        except BaseException:
            self.close()
            raise
        self._used = False
        self._max_memory_mb = (settings or Settings()).max_memory_mb

    def is_for(self, path: str | os.PathLike[str]) -> bool:
        return not self._used and Path(path) == self.path

    def batches(self) -> Iterator[list[PageContent]]:
        """The readers' page batches, in the file's order; raises what a reader raised (the first
        in the file's order, as a reading in process would). Once only."""
        if self._used:
            raise RuntimeError("read-ahead batches can be taken once")
        self._used = True
        return self._receive()

    def _receive(self) -> Iterator[list[PageContent]]:
        for turn in itertools.count():
            reader = self._readers[turn % self.parts]
            try:
                message = reader.conn.recv()
            except EOFError:
                raise self._death(reader) from None
            if isinstance(message, BaseException):
                raise message
            if message == _DONE:  # no batch ``turn``: none after it either
                return
            offset, length = message
            yield pickle.loads(os.pread(reader.spool.fileno(), length, offset))

    def _death(self, reader: _Reader) -> errors.CheckerError:
        """Why the reader died: it reads under the scan's memory bound (bounded.py), and pdfium
        aborts when an allocation fails there."""
        from ..limits import OUT_OF_MEMORY_SIGNALS, died_of, exit_status, memory_error

        # This may be the scanning child (bounded.py), not the reader's parent: ask /proc, not waitpid.
        status = exit_status(reader.proc.pid) if reader.proc.pid is not None else None
        if status is not None and self._max_memory_mb > 0 and died_of(status, OUT_OF_MEMORY_SIGNALS):
            return memory_error(self._max_memory_mb)
        return errors.InternalError("PDF 读取进程异常退出（文件可能损坏）", f"the PDF reader process died (status {status})")

    def close(self) -> None:
        for reader in self._readers:
            reader.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def read_ahead_for(path: Path, settings: Settings, parts: int = 1) -> ReadAhead | None:
    """Readers (``parts``) for a PDF big enough to pay for them (``settings.read_ahead_min_mb``), else
    None; None too where no reader can start (no fork, no temporary file): the scan reads in process."""
    if os.name != "posix" or path.suffix.lower() != ".pdf" or settings.read_ahead_min_mb < 0:
        return None
    try:
        if not pays_to_read_ahead(path, settings):
            return None
        return ReadAhead(path, settings, parts)
    except OSError:
        return None


def pays_to_read_ahead(path: Path, settings: Settings) -> bool:
    """The PDF is big enough (``settings.read_ahead_min_mb``) for readers beside a process that has
    the checker loaded already, or for more than one beside the command line's. Raises OSError."""
    return path.stat().st_size >= settings.read_ahead_min_mb * 1024 * 1024


def _read(path: str, settings: Settings | None, conn: Connection, spool: BinaryIO, part: int = 0,
          parts: int = 1) -> None:
    """The reader process: check the file, spool each batch and note where it is, then ``_DONE``
    or the error."""
    from . import check_file
    from .pdf import content_batches

    # Behind the process it reads for: with more readers than idle cores, loading the pipeline
    # comes first (the readers only fill the time until it is ready).
    with contextlib.suppress(OSError):
        os.nice(READER_NICENESS)
    from ..limits import limit_memory, memory_error

    settings = settings or Settings()
    message: object = _DONE
    try:
        limit_memory(settings.max_memory_mb)  # the same bound as the scan it reads for
        check_file(Path(path), settings)
        for batch in content_batches(path, settings, part, parts):
            data = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
            offset = spool.tell()
            spool.write(data)
            spool.flush()
            conn.send((offset, len(data)))
    except errors.CheckerError as exc:
        message = exc
    except MemoryError:
        message = memory_error(settings.max_memory_mb)
    except Exception as exc:  # noqa: BLE001 - anything else reaches the parent as this file's error
        message = errors.InternalError("PDF 读取进程出错", f"PDF reader failed: {exc!r}")
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: the parent reports it
        return
    with contextlib.suppress(OSError):  # the parent may have stopped listening (time limit)
        conn.send(message)
        conn.close()
