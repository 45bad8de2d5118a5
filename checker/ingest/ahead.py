"""Read a PDF in child processes while this one loads the checker and lays the pages out.

A command-line scan of one file spends its first half second importing spaCy and jieba and
building the brand pipeline, on one core; pdfium's part of reading the PDF (``content_batches``:
text, char boxes and rulings of every page) needs none of that. So the CLI forks a reader first
and the two overlap. A file scanned on its own with more cores (``--jobs N`` for one file, the
API's synchronous scans) gets N readers that share the file's page batches; this process lays
out the batches in the file's order as they arrive, exactly as if it had read them itself.
The readers send pdfium's output page batch by page batch (plain strings and arrays, cheap to
pickle; laid-out pages would cost more to unpickle than to lay out again). Several readers take
the batches one at a time, each the next one free when it is ready for one (``Turns``): the cores
are not shared out evenly among three processes, and batches dealt in turn left one reader idle
for 0.4 s at the end of a 1000-page file while the other still read.

The batches go through unlinked temporary files, not the pipes: a pipe holds 64 KiB, and a
reader writing into it would stop as soon as it filled, while this process is still busy loading
and not yet reading. Only "batch at offset, length" notes go through the pipes.

Each reader checks the file like ``load_document`` does before parsing (size limit, type), so an
oversized or mislabelled file is refused there too instead of being parsed; the first one also
checks its pages (guard.py), and this process hears its word before it takes any batch. Errors
come back as themselves, the first in the file's order, as a reading in process would raise it;
a reader that dies holding a batch (pdfium crashing on a hostile page) is an internal error for
this file when its turn comes, not for the process.
``close`` kills readers still running: a scan that hit its time limit must not leave them behind.
"""
from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO, Self

from .. import errors
from ..settings import Settings

if TYPE_CHECKING:
    from .pdf import PageContent  # not at run time: the parent forks before pdfium is loaded

READER_NICENESS = 10
_BEFORE = -1  # the turn of an error before any batch: the file's checks, opening it
_TURN_BYTES = 8  # the width of the turn counter in its file


# What a reader says, through its pipe.
@dataclass(frozen=True, slots=True)
class _Checked:
    """The first reader's first word: the file passed the checks of its pages."""


@dataclass(frozen=True, slots=True)
class _Batch:
    turn: int
    offset: int  # where in the reader's spool the pickled batch is
    length: int


@dataclass(frozen=True, slots=True)
class _Failed:
    turn: int  # the batch being read, or _BEFORE
    error: errors.CheckerError


@dataclass(frozen=True, slots=True)
class _Done:
    past: int  # the first turn the reader found past the last page


_Note = _Checked | _Batch | _Failed | _Done


class Turns:
    """The next batch to read, for readers in several processes: a number in a file, taken and
    moved on under a POSIX lock. The kernel drops a process's locks when it dies, so a reader
    killed at any moment leaves the others their turns."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="tendercheck-turns-")  # noqa: SIM115 - closed in close()
        os.pwrite(self._file.fileno(), bytes(_TURN_BYTES), 0)

    def take(self) -> int:
        import fcntl  # POSIX only, as are the readers

        fd = self._file.fileno()
        fcntl.lockf(fd, fcntl.LOCK_EX)
        try:
            turn = int.from_bytes(os.pread(fd, _TURN_BYTES, 0), "little")
            os.pwrite(fd, (turn + 1).to_bytes(_TURN_BYTES, "little"), 0)
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN)
        return turn

    def close(self) -> None:
        self._file.close()


class _Reader:
    """One reader process: its pipe for notes, its spool for batches."""

    def __init__(self, path: Path, settings: Settings | None, part: int, turns: Turns | None) -> None:
        ctx = multiprocessing.get_context("fork")  # the reader needs nothing this process has loaded
        self.conn, child_end = ctx.Pipe(duplex=False)
        self.spool = tempfile.TemporaryFile(prefix="tendercheck-")  # noqa: SIM115 - closed in close()
        try:
            self.proc = ctx.Process(target=_read, args=(str(path), settings, child_end, self.spool, part == 0, turns),
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
    """``parts`` readers share the file's pages, each taking the next batch free in turn
    (``Turns``): a lone big file gets the idle cores for pdfium's part, and this process lays out
    the batches in the file's order as they come."""

    def __init__(self, path: str | os.PathLike[str], settings: Settings | None = None, parts: int = 1) -> None:
        self.path = Path(path)
        self.parts = max(1, parts)
        self._readers: list[_Reader] = []
        self._turns = Turns() if self.parts > 1 else None
        try:
            for part in range(self.parts):
                self._readers.append(_Reader(self.path, settings, part, self._turns))
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
        first = self._readers[0]
        word = self._recv(first)  # the checks of the file's pages: before anything the others read
        if word is None:
            raise self._death(first)
        if isinstance(word, _Failed):
            raise word.error
        notes: dict[int, tuple[_Reader, _Batch | _Failed]] = {}  # by turn
        end: float = float("inf")  # the first turn a reader found past the last page
        listening = list(self._readers)
        dead: list[_Reader] = []
        for turn in itertools.count():
            while turn not in notes and turn < end:
                if not listening:  # the turn's reader died with it (the others read on to the end)
                    raise self._death(dead[0]) if dead else errors.InternalError(
                        "PDF 读取进程出错", f"no reader read page batch {turn}")
                for conn in wait([r.conn for r in listening]):
                    reader = next(r for r in listening if r.conn is conn)
                    note = self._recv(reader)
                    if note is None or isinstance(note, (_Done, _Failed)):
                        listening.remove(reader)  # its last word
                    if note is None:
                        dead.append(reader)
                    elif isinstance(note, _Done):
                        end = min(end, note.past)
                    elif isinstance(note, _Failed) and note.turn == _BEFORE:
                        raise note.error  # opening the file failed, before any batch
                    elif isinstance(note, (_Batch, _Failed)):
                        notes[note.turn] = (reader, note)
            if turn >= end:
                return
            reader, note = notes.pop(turn)
            if isinstance(note, _Failed):
                raise note.error
            yield pickle.loads(os.pread(reader.spool.fileno(), note.length, note.offset))

    @staticmethod
    def _recv(reader: _Reader) -> _Note | None:
        """The reader's next word; None if it died without one."""
        try:
            note: _Note = reader.conn.recv()
        except EOFError:
            return None
        return note

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
        if self._turns is not None:
            self._turns.close()

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


def _read(path: str, settings: Settings | None, conn: Connection, spool: BinaryIO, checks: bool = True,
          turns: Turns | None = None) -> None:
    """The reader process: check the file, spool each batch it takes and note where it is, then
    ``_Done`` or the error with its turn (``_BEFORE`` for the checks and the opening)."""
    from . import check_file
    from .guard import check_pdf_pages
    from .pdf import numbered_batches

    # Behind the process it reads for: with more readers than idle cores, loading the pipeline
    # comes first (the readers only fill the time until it is ready).
    with contextlib.suppress(OSError):
        os.nice(READER_NICENESS)
    from ..limits import limit_memory, memory_error

    settings = settings or Settings()
    taken = [_BEFORE]  # the turn being read, for an error's place in the file
    take: Callable[[], int] = turns.take if turns is not None else itertools.count().__next__

    def next_turn() -> int:
        taken[0] = _BEFORE  # a failure to take one is as if the file could not be opened
        taken[0] = take()
        return taken[0]

    message: _Note
    try:
        limit_memory(settings.max_memory_mb)  # the same bound as the scan it reads for
        check_file(Path(path), settings)
        if checks:
            check_pdf_pages(path, settings)
            conn.send(_Checked())
        for turn, batch in numbered_batches(path, settings, next_turn):
            data = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
            offset = spool.tell()
            spool.write(data)
            spool.flush()
            conn.send(_Batch(turn, offset, len(data)))
        message = _Done(taken[0])
    except errors.CheckerError as exc:
        message = _Failed(taken[0], exc)
    except MemoryError:
        message = _Failed(taken[0], memory_error(settings.max_memory_mb))
    except Exception as exc:  # noqa: BLE001 - anything else reaches the parent as this file's error
        message = _Failed(taken[0], errors.InternalError("PDF 读取进程出错", f"PDF reader failed: {exc!r}"))
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: the parent reports it
        return
    with contextlib.suppress(OSError):  # the parent may have stopped listening (time limit)
        conn.send(message)
        conn.close()
