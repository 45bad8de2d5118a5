"""Jobs and per-file results in SQL (SQLAlchemy): SQLite file by default, PostgreSQL by URL.

Exactly-once results rest on two things: one row per (job, file index) (a unique constraint),
and state transitions made by guarded UPDATEs (``… WHERE state = 'running' AND attempt = :n``),
so a result arriving twice, or from an attempt superseded after a restart, changes nothing.
"""
from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, cast, get_args

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    func,
    inspect,
    select,
    type_coerce,
    update,
)
from sqlalchemy.engine import CursorResult, Result
from sqlalchemy.engine import Engine as SqlEngine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from checker.settings import OcrMode
from checker.waivers import waivable_part

FileState = Literal["queued", "running", "done", "error"]
ReportPart = Literal["whole", "brief"]
TERMINAL: tuple[FileState, ...] = ("done", "error")
DEFAULT_BUSY_TIMEOUT_S = 30.0  # a worker may wait; the API server passes its shorter setting (503 beyond)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _rowcount(result: Result[Any]) -> int:
    """Rows matched by an UPDATE. ``Session.execute`` is typed to return ``Result``; for DML it is a
    ``CursorResult``, which carries ``rowcount``."""
    return cast(CursorResult[Any], result).rowcount


class Base(DeclarativeBase):
    pass


# The summary page (api/templates/batch.html) lists each file's first findings, with these fields.
SHOWN_FINDINGS = 3
SHOWN_FINDING_FIELDS = ("family", "name_zh", "name", "page", "message")


class JobRow(Base):
    __tablename__ = "jobs"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    as_of: Mapped[date | None] = mapped_column(Date, nullable=True)
    total: Mapped[int] = mapped_column(Integer)
    # Added after the first release: nullable, so ``_add_missing_columns`` can add them in place.
    idempotency_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    webhook_url: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    webhook_sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    ocr: Mapped[str | None] = mapped_column(String(10), nullable=True)  # the job's OCR mode; None: the server's


class FileRow(Base):
    __tablename__ = "job_files"
    __table_args__ = (UniqueConstraint("job_id", "idx", name="uq_job_file"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(500))
    upload_path: Mapped[str | None] = mapped_column(String(1000), nullable=True)  # None once deleted
    state: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    attempt: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # What a job's status and summary page show of the report (``brief_of``): they read this, not
    # megabytes of reports. None in rows stored before it existed.
    brief: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), nullable=True)
    client_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # With a broker (api/broker.py): when the file was last handed to it (None: not yet).
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class FileBytesRow(Base):
    """An uploaded file's bytes, with a broker: workers on other machines read them from here, so no
    folder is shared. Deleted once the report is stored, unless retention is configured (then swept
    ``retention_hours`` after the file finished)."""

    __tablename__ = "job_file_bytes"
    file_id: Mapped[int] = mapped_column(ForeignKey("job_files.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class JobWaiversRow(Base):
    """A job's waiver file (TOML/YAML text), applied when its reports are read. Its own table, so a
    database made before waivers existed gains it from ``create_all`` without a migration."""

    __tablename__ = "job_waivers"
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class CatalogRow(Base):
    """With a broker: each catalog installed by ``PUT /v1/catalog``, so workers and API servers on
    other machines use it without a shared folder; the newest is the one in use."""

    __tablename__ = "catalog_files"
    name: Mapped[str] = mapped_column(String(300), primary_key=True)  # <sha256 prefix>/<uploaded name>
    data: Mapped[bytes] = mapped_column(LargeBinary)
    installed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


@dataclass(frozen=True, slots=True)
class NewFile:
    name: str
    upload_path: str | None
    client_id: str | None = None
    report: dict[str, Any] | None = None  # known at once (a file that is no PDF/DOCX): not scanned


@dataclass(frozen=True, slots=True)
class Claim:
    """A file handed to a worker: ``attempt`` fences out results of earlier, abandoned attempts."""

    file_id: int
    job_id: str
    idx: int
    name: str
    upload_path: str
    attempt: int
    as_of: date | None
    ocr: OcrMode | None = None  # the job's OCR mode (None: the server's TENDERCHECK_OCR)


@dataclass(frozen=True, slots=True)
class FileStatus:
    idx: int
    name: str
    state: str
    report: dict[str, Any] | None
    client_id: str | None = None


@dataclass(frozen=True, slots=True)
class JobStatus:
    id: str
    tenant: str
    created_at: datetime
    finished_at: datetime | None
    as_of: date | None
    total: int
    counts: dict[str, int]
    files: list[FileStatus]
    ocr: OcrMode | None = None

    @property
    def state(self) -> str:
        return job_state(self.counts, self.total)


def job_state(counts: dict[str, int], total: int) -> str:
    if counts["done"] + counts["error"] == total:
        return "done"
    return "running" if counts["running"] or counts["done"] or counts["error"] else "queued"


@dataclass(frozen=True, slots=True)
class JobSummary:
    id: str
    created_at: datetime
    total: int
    finished_at: datetime | None
    counts: dict[str, int]

    @property
    def state(self) -> str:
        return job_state(self.counts, self.total)


class JobStore:
    def __init__(self, url: str, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S) -> None:
        kwargs: dict[str, Any] = {}
        self.sqlite = url.startswith("sqlite")
        if self.sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": busy_timeout_s}
        # Reports are stored as compact as a JSON answer is written, with Chinese text as it is, not as
        # \uXXXX escapes (twice the bytes): the results are sent as stored (``report_texts``; rows
        # stored by earlier versions go out as they were stored, the same JSON less compact).
        kwargs["json_serializer"] = compact_json
        self.engine: SqlEngine = create_engine(url, **kwargs)
        if self.sqlite:
            event.listen(self.engine, "connect", functools.partial(_sqlite_pragmas, int(busy_timeout_s * 1000)))
        Base.metadata.create_all(self.engine)
        _add_missing_columns(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def tx(self) -> Iterator[Session]:
        with self._session.begin() as s:
            yield s

    def close(self) -> None:
        self.engine.dispose()

    def probe(self) -> None:
        """Raise (``sqlalchemy.exc.OperationalError``…) unless the store can be written now.

        On SQLite a read can succeed while writes wait on another process's lock, so take the
        write lock for a moment (``BEGIN IMMEDIATE``) without writing anything."""
        with self.engine.connect() as c:
            if self.sqlite:
                c.exec_driver_sql("BEGIN IMMEDIATE")
                c.exec_driver_sql("ROLLBACK")
            else:
                c.exec_driver_sql("SELECT 1")

    # -- jobs --------------------------------------------------------------------------------
    def create_job(self, tenant: str, files: list[NewFile], as_of: date | None, job_id: str | None = None,
                   waivers: str | None = None, idempotency_key: str | None = None,
                   webhook_url: str | None = None, bytes_in_db: bool = False, ocr: OcrMode | None = None) -> str:
        """Store a job; with ``idempotency_key``, a job this tenant already made with that key wins
        (its id is returned, nothing is stored), even when two such requests race. With
        ``bytes_in_db``, each file's bytes are stored with it (read from its upload path, one file at
        a time) and no upload path is kept: the job and its bytes are stored together or not at all."""
        job_id = job_id or new_job_id()
        now = utcnow()
        try:
            with self.tx() as s:
                s.add(JobRow(id=job_id, tenant=tenant, as_of=as_of, total=len(files), idempotency_key=idempotency_key,
                             webhook_url=webhook_url, created_at=now, ocr=ocr,
                             finished_at=now if files and all(f.report for f in files) else None))
                s.flush()
                rows = [FileRow(job_id=job_id, idx=i, name=f.name, upload_path=None if bytes_in_db else f.upload_path,
                                client_id=f.client_id, state="error" if f.report else "queued", report=f.report,
                                brief=brief_of(f.report) if f.report else None,
                                finished_at=now if f.report else None) for i, f in enumerate(files)]
                s.add_all(rows)
                if bytes_in_db:
                    s.flush()
                    for row, f in zip(rows, files):
                        if f.upload_path and not f.report:
                            blob = FileBytesRow(file_id=row.id, data=Path(f.upload_path).read_bytes())
                            s.add(blob)
                            s.flush()
                            s.expunge(blob)  # written: its bytes need not stay in memory
                if waivers is not None:
                    s.add(JobWaiversRow(job_id=job_id, text=waivers))
        except IntegrityError:
            earlier = self.job_by_key(tenant, idempotency_key) if idempotency_key else None
            if earlier is None:
                raise
            return earlier
        return job_id

    def job_by_key(self, tenant: str, key: str) -> str | None:
        with self.tx() as s:
            return s.scalar(select(JobRow.id).where(JobRow.tenant == tenant, JobRow.idempotency_key == key))

    def delete_job(self, job_id: str, tenant: str) -> list[str] | None:
        """Delete a job and its reports; the upload paths still on disk are returned (None: no such job)."""
        with self.tx() as s:
            job = s.get(JobRow, job_id)
            if job is None or job.tenant != tenant:
                return None
            paths = [p for p in s.scalars(select(FileRow.upload_path).where(FileRow.job_id == job_id)) if p]
            s.execute(delete(FileBytesRow).where(FileBytesRow.file_id.in_(
                select(FileRow.id).where(FileRow.job_id == job_id))))
            s.execute(delete(FileRow).where(FileRow.job_id == job_id))
            s.execute(delete(JobWaiversRow).where(JobWaiversRow.job_id == job_id))
            s.execute(delete(JobRow).where(JobRow.id == job_id))
        return paths

    def take_webhook(self, job_id: str) -> tuple[str, str] | None:
        """(callback URL, tenant) of a finished job, once: for the one caller that marks it sent."""
        with self.tx() as s:
            row = s.execute(select(JobRow.webhook_url, JobRow.tenant).where(JobRow.id == job_id)).first()
            if row is None or not row[0]:
                return None
            mark = (update(JobRow).where(JobRow.id == job_id, JobRow.finished_at.is_not(None),
                                         JobRow.webhook_sent_at.is_(None)).values(webhook_sent_at=utcnow()))
            return (row[0], row[1]) if _rowcount(s.execute(mark)) == 1 else None

    def waivers(self, job_id: str) -> str | None:
        """The waiver file given with the job, if any (the caller has checked the tenant)."""
        with self.tx() as s:
            row = s.get(JobWaiversRow, job_id)
            return row.text if row is not None else None

    def job(self, job_id: str, tenant: str, reports: ReportPart | None = None,
            offset: int = 0, limit: int | None = None) -> JobStatus | None:
        """``reports``: with each file, its whole report, or its brief (``brief_of``; the whole report
        for a row stored before briefs existed); None: neither."""
        with self.tx() as s:
            job = s.get(JobRow, job_id)
            if job is None or job.tenant != tenant:
                return None
            counts = {k: 0 for k in ("queued", "running", "done", "error")}
            for state, n in s.execute(select(FileRow.state, func.count()).where(FileRow.job_id == job_id)
                                      .group_by(FileRow.state)):
                counts[state] = n
            cols: list[Any] = [FileRow.idx, FileRow.name, FileRow.state, FileRow.client_id]
            if reports == "whole":
                cols.append(FileRow.report)
            elif reports == "brief":
                cols.append(_brief_or_report())
            q = select(*cols).where(FileRow.job_id == job_id).order_by(FileRow.idx).offset(offset)
            if limit is not None:
                q = q.limit(limit)
            files = [FileStatus(r[0], r[1], r[2], r[4] if len(r) > 4 else None, r[3]) for r in s.execute(q)]
            return JobStatus(job.id, job.tenant, job.created_at, job.finished_at, job.as_of, job.total, counts, files,
                             _ocr_mode(job.ocr))

    def jobs(self, tenant: str, limit: int, offset: int) -> list[JobSummary]:
        with self.tx() as s:
            q = (select(JobRow.id, JobRow.created_at, JobRow.total, JobRow.finished_at).where(JobRow.tenant == tenant)
                 .order_by(JobRow.created_at.desc(), JobRow.id).offset(offset).limit(limit))
            rows = list(s.execute(q))
            counts: dict[str, dict[str, int]] = {r[0]: {k: 0 for k in ("queued", "running", "done", "error")} for r in rows}
            if rows:
                for job_id, state, n in s.execute(select(FileRow.job_id, FileRow.state, func.count())
                                                  .where(FileRow.job_id.in_(list(counts)))
                                                  .group_by(FileRow.job_id, FileRow.state)):
                    counts[job_id][state] = n
            return [JobSummary(job_id, created, total, finished, counts[job_id]) for job_id, created, total, finished in rows]

    def report_texts(self, job_id: str, offset: int, limit: int) -> list[tuple[int, str, str, str | None, str]]:
        """Files ``offset`` to ``offset + limit`` in order: index, name, state, client id and the
        report's JSON text as stored ("null" for none yet), not parsed: for answers written as text."""
        with self.tx() as s:
            q = (select(FileRow.idx, FileRow.name, FileRow.state, FileRow.client_id, FileRow.report.cast(Text))
                 .where(FileRow.job_id == job_id).order_by(FileRow.idx).offset(offset).limit(limit))
            return [(r[0], r[1], r[2], r[3], r[4] or "null") for r in s.execute(q)]

    def summaries(self, job_id: str) -> list[tuple[int, str, str, dict[str, Any] | None]]:
        """Each file's brief (``brief_of``; the whole report where a row has none), for the summary page."""
        with self.tx() as s:
            q = select(FileRow.idx, FileRow.name, FileRow.state, _brief_or_report()).where(FileRow.job_id == job_id)
            return [tuple(r) for r in s.execute(q.order_by(FileRow.idx))]

    # -- the worker protocol ----------------------------------------------------------------
    def requeue_stale(self, older_than_s: float) -> int:
        """Files running for longer than ``older_than_s`` go back to the queue: whoever claimed
        them is gone (a crashed server or worker), since a live dispatcher ends every scan at the
        per-file time limit. Safe with several dispatchers on one database: a file another one is
        still scanning is younger than that, and a late result from an abandoned attempt is
        refused by ``complete``'s attempt guard."""
        cutoff = utcnow() - timedelta(seconds=older_than_s)
        with self.tx() as s:
            requeue = (update(FileRow).where(FileRow.state == "running", FileRow.started_at <= cutoff)
                       .values(state="queued", started_at=None))
            return _rowcount(s.execute(requeue))

    def claim(self, n: int) -> list[Claim]:
        """Move up to ``n`` queued files to running, oldest job first. Safe with several dispatchers:
        each row is taken by a guarded UPDATE, so two claimers never get the same attempt."""
        if n <= 0:
            return []
        out: list[Claim] = []
        with self.tx() as s:
            rows = s.execute(select(FileRow.id, FileRow.job_id, FileRow.idx, FileRow.name, FileRow.upload_path,
                                    FileRow.attempt, JobRow.as_of, JobRow.ocr)
                             .join(JobRow, JobRow.id == FileRow.job_id).where(FileRow.state == "queued")
                             .order_by(JobRow.created_at, FileRow.job_id, FileRow.idx).limit(n)).all()
            for fid, job_id, idx, name, path, attempt, as_of, ocr in rows:
                take = (update(FileRow).where(FileRow.id == fid, FileRow.state == "queued", FileRow.attempt == attempt)
                        .values(state="running", attempt=attempt + 1, started_at=utcnow()))
                took = _rowcount(s.execute(take))
                if took == 1:
                    out.append(Claim(fid, job_id, idx, name, path or "", attempt + 1, as_of, _ocr_mode(ocr)))
        return out

    def complete(self, claim: Claim, report: dict[str, Any]) -> bool:
        """Store a file's report. True only for the one call that moved it out of ``running``."""
        state: FileState = "error" if report.get("error") else "done"
        now = utcnow()
        with self.tx() as s:
            finish = (update(FileRow).where(FileRow.id == claim.file_id, FileRow.state == "running",
                                            FileRow.attempt == claim.attempt)
                      .values(state=state, report=report, brief=brief_of(report), finished_at=now))
            moved = _rowcount(s.execute(finish))
            if moved != 1:
                return False
            left = s.scalar(select(func.count()).select_from(FileRow)
                            .where(FileRow.job_id == claim.job_id, FileRow.state.not_in(TERMINAL)))
            if left == 0:
                s.execute(update(JobRow).where(JobRow.id == claim.job_id, JobRow.finished_at.is_(None))
                          .values(finished_at=now))
        return True

    def release(self, claim: Claim) -> bool:
        """Give a claimed file back to the queue: its worker pool broke before scanning it.

        The attempt is not counted (it never ran, and its future has already failed, so nothing can
        deliver a result under that number)."""
        with self.tx() as s:
            give_back = (update(FileRow).where(FileRow.id == claim.file_id, FileRow.state == "running",
                                               FileRow.attempt == claim.attempt)
                         .values(state="queued", started_at=None, attempt=claim.attempt - 1))
            return _rowcount(s.execute(give_back)) == 1

    def forget_upload(self, file_id: int, moved_to: str | None = None) -> None:
        with self.tx() as s:
            s.execute(update(FileRow).where(FileRow.id == file_id).values(upload_path=moved_to))

    def job_ids(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` exist (any tenant)."""
        with self.tx() as s:
            return set(s.scalars(select(JobRow.id).where(JobRow.id.in_(ids)))) if ids else set()

    def queued_count(self) -> int:
        with self.tx() as s:
            return s.scalar(select(func.count()).select_from(FileRow).where(FileRow.state == "queued")) or 0

    # -- with a broker (api/broker.py) -------------------------------------------------------
    def take_unsent(self, n: int) -> list[SentFile]:
        """Up to ``n`` queued files never handed to the broker, marked sent (guarded: with several
        API servers, each file is taken by one)."""
        out: list[SentFile] = []
        with self.tx() as s:
            rows = s.execute(select(FileRow.id, FileRow.job_id, FileRow.idx).where(
                FileRow.state == "queued", FileRow.sent_at.is_(None)).order_by(FileRow.id).limit(n)).all()
            for fid, job_id, idx in rows:
                take = update(FileRow).where(FileRow.id == fid, FileRow.sent_at.is_(None)).values(sent_at=utcnow())
                if _rowcount(s.execute(take)) == 1:
                    out.append(SentFile(fid, job_id, idx))
        return out

    def unfinished_sent(self, sent_before_s: float, running_before_s: float) -> list[SentFile]:
        """Files the broker should hold: sent more than ``sent_before_s`` ago and still queued, or
        running for longer than ``running_before_s`` (whoever ran them is gone)."""
        sent_cutoff = utcnow() - timedelta(seconds=sent_before_s)
        run_cutoff = utcnow() - timedelta(seconds=running_before_s)
        with self.tx() as s:
            rows = s.execute(select(FileRow.id, FileRow.job_id, FileRow.idx).where(
                FileRow.sent_at <= sent_cutoff,
                (FileRow.state == "queued") | ((FileRow.state == "running") & (FileRow.started_at <= run_cutoff)))
                .order_by(FileRow.id)).all()
        return [SentFile(*r) for r in rows]

    def mark_sent(self, file_ids: list[int]) -> None:
        with self.tx() as s:
            s.execute(update(FileRow).where(FileRow.id.in_(file_ids)).values(sent_at=utcnow()))

    def start(self, file_id: int) -> Claim | None:
        """A broker delivered this file: move it to running under a new attempt (a delivery after
        a lost one takes over; the lost attempt's result is then refused by ``complete``). None if
        it is finished or gone: a duplicate or late delivery changes nothing."""
        with self.tx() as s:
            row = s.execute(select(FileRow.job_id, FileRow.idx, FileRow.name, FileRow.attempt, FileRow.state,
                                   JobRow.as_of, JobRow.ocr).join(JobRow, JobRow.id == FileRow.job_id)
                            .where(FileRow.id == file_id)).first()
            if row is None or row.state in TERMINAL:
                return None
            take = (update(FileRow).where(FileRow.id == file_id, FileRow.state == row.state,
                                          FileRow.attempt == row.attempt)
                    .values(state="running", attempt=row.attempt + 1, started_at=utcnow()))
            if _rowcount(s.execute(take)) != 1:
                return None  # another delivery took it this instant: that one scans it
            return Claim(file_id, row.job_id, row.idx, row.name, "", row.attempt + 1, row.as_of, _ocr_mode(row.ocr))

    def file_bytes(self, file_id: int) -> bytes | None:
        with self.tx() as s:
            return s.scalar(select(FileBytesRow.data).where(FileBytesRow.file_id == file_id))

    def drop_bytes(self, file_id: int) -> None:
        with self.tx() as s:
            s.execute(delete(FileBytesRow).where(FileBytesRow.file_id == file_id))

    def sweep_bytes(self, finished_before_s: float) -> int:
        """Delete kept bytes of files finished more than ``finished_before_s`` ago (retention)."""
        cutoff = utcnow() - timedelta(seconds=finished_before_s)
        with self.tx() as s:
            old = select(FileRow.id).where(FileRow.state.in_(TERMINAL), FileRow.finished_at <= cutoff)
            return _rowcount(s.execute(delete(FileBytesRow).where(FileBytesRow.file_id.in_(old))))

    def put_catalog(self, name: str, data: bytes) -> None:
        """Make ``name`` the catalog in use (stored once; installing it again makes it current again)."""
        with self.tx() as s:
            row = s.get(CatalogRow, name)
            if row is None:
                s.add(CatalogRow(name=name, data=data, installed_at=utcnow()))
            else:
                row.installed_at = utcnow()

    def current_catalog(self) -> str | None:
        with self.tx() as s:
            return s.scalar(select(CatalogRow.name).order_by(CatalogRow.installed_at.desc()).limit(1))

    def catalog_bytes(self, name: str) -> bytes | None:
        with self.tx() as s:
            return s.scalar(select(CatalogRow.data).where(CatalogRow.name == name))


@dataclass(frozen=True, slots=True)
class SentFile:
    """A job file as a broker task names it."""

    file_id: int
    job_id: str
    idx: int


def compact_json(value: object) -> str:
    """JSON as the API writes it and the store keeps it: no spaces, Chinese as it is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def brief_of(report: dict[str, Any]) -> dict[str, Any]:
    """What a job's status and its summary page show of a file's report: its error, its counts and
    catalog, what waivers match its findings by (``checker.waivers.waivable_part``: waived, it counts
    as the whole report does), and the first ``SHOWN_FINDINGS`` findings as the page lists them."""
    brief = waivable_part(report)
    brief["catalog"] = report.get("catalog")
    for short, full in zip(brief["findings"][:SHOWN_FINDINGS], report.get("findings") or []):
        short.update({k: full.get(k) for k in SHOWN_FINDING_FIELDS})
    return brief


def _brief_or_report() -> Any:
    """A file's brief, or its whole report in a row stored before briefs existed."""
    return type_coerce(func.coalesce(FileRow.brief, FileRow.report), JSON)


def _add_missing_columns(engine: SqlEngine) -> None:
    """Columns added to the models after a database was made are added to it (all nullable), and
    the idempotency index with them: an upgrade needs no migration step."""
    inspector = inspect(engine)
    with engine.begin() as c:
        for table in Base.metadata.sorted_tables:
            have = {col["name"] for col in inspector.get_columns(table.name)}
            for col in table.columns:
                if col.name not in have:
                    c.exec_driver_sql(f'ALTER TABLE {table.name} ADD COLUMN {col.name} {col.type.compile(engine.dialect)}')
        c.exec_driver_sql("CREATE UNIQUE INDEX IF NOT EXISTS uq_job_idempotency ON jobs (tenant, idempotency_key)")


def _ocr_mode(stored: str | None) -> OcrMode | None:
    """A stored OCR mode, or None (the server's) for none or one this version does not know."""
    return cast(OcrMode, stored) if stored in get_args(OcrMode) else None


def new_job_id() -> str:
    return uuid.uuid4().hex


def _sqlite_pragmas(busy_timeout_ms: int, dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")      # readers don't block the dispatcher's writes
    cur.execute("PRAGMA synchronous=NORMAL")    # WAL + NORMAL: durable across process crashes
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
    cur.close()
