"""Which files a scan takes, in what order, and how many processes and cores each gets.

Light on purpose: the command line decides from these which PDFs to start reading in child
processes (ingest/ahead.py) before it imports the scanning pipeline, so the readers start early.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .ingest import SUPPORTED_SUFFIXES


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders recursively (*.pdf, *.docx), sorted, without duplicates."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in SUPPORTED_SUFFIXES) \
            if p.is_dir() else [p]
        for q in found:
            key = q.resolve()
            if key not in seen:
                seen.add(key)
                out.append(q)
    return out


def display_names(args: Sequence[str | Path], paths: Sequence[Path]) -> list[str]:
    """What reports call each file: its path relative to the folder it was found in
    ("项目A/招标文件.pdf", so two 招标文件.pdf stay apart), a single file by its name, several files
    given one by one as given."""
    folders = [Path(a) for a in args if Path(a).is_dir()]
    single = len(paths) == 1
    names: list[str] = []
    for p in paths:
        folder = next((f for f in folders if p.is_relative_to(f)), None)
        if folder is not None:
            names.append(p.relative_to(folder).as_posix())
        else:
            names.append(p.name if single else p.as_posix())
    return names


def processes(paths: list[Path], jobs: int) -> int:
    """How many processes scan: 1 means in this process (also wherever workers cannot be forked)."""
    return max(1, min(jobs, len(paths))) if os.name == "posix" else 1


def dispatch_order(paths: list[Path], jobs: int) -> list[int]:
    """The order files are scanned in: as given in one process; biggest first across workers, so
    a long tender does not start last and keep one worker busy while the others idle."""
    if processes(paths, jobs) == 1:
        return list(range(len(paths)))
    return sorted(range(len(paths)), key=lambda i: -_size(paths[i]))


def first_scanned(paths: list[Path], jobs: int) -> list[Path]:
    """The files the scanning processes take first, one each: worth reading ahead (ingest/ahead.py)
    while the pipeline loads."""
    return [paths[i] for i in dispatch_order(paths, jobs)[:processes(paths, jobs)]]


def lone_file_cores(paths: list[Path], jobs: int) -> int:
    """The cores one file gets: all ``jobs`` when it is the only file (its pages read by that many
    processes, its facts in two), else one (the files share the processes). Never more than the
    machine has."""
    return max(1, min(jobs, os.cpu_count() or 1)) if len(paths) == 1 else 1


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # a missing file fails fast in its worker and gets its error report there
