"""API settings: the checker's settings plus what the service needs (env ``TENDERCHECK_*``).

Extends :class:`checker.settings.Settings` so one object configures both the engine (file size
limit, per-file timeout, catalog) and the service, and can be pickled into worker processes.
"""
from __future__ import annotations

import os
from pathlib import Path

from checker.settings import Settings

DEFAULT_DATA_DIR = Path.home() / ".local" / "share" / "tendercheck"
DEFAULT_MAX_UPLOAD_MB = 500          # one whole request (all files of a job)
DEFAULT_MAX_FILES_PER_JOB = 1000
DEFAULT_PAGE_MAX_MB = 30             # the keyless self-check page: drafts, not archives
DEFAULT_PAGE_CONCURRENCY = 2         # page scans at once; more get 429 rather than a queue
DEFAULT_PAGE_RATE_PER_MINUTE = 10    # page scans per client address per minute
DEFAULT_CATALOG_MAX_MB = 20
# The connection guard (api/protocol.py): what a slow or greedy client may hold.
DEFAULT_READ_TIMEOUT_S = 15.0        # request headers within this; a body brings MIN_BODY_KB per such window
DEFAULT_MIN_BODY_KB = 64             # per READ_TIMEOUT_S window (≈4 KB/s): a trickling body is cut off
DEFAULT_KEEP_ALIVE_S = 5             # an idle keep-alive connection is closed after this
DEFAULT_MAX_CONNECTIONS = 1000       # open connections in all (more are closed at once)
DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 50   # open connections per client address
DEFAULT_MAX_UPLOADS = 16             # uploads being received or scanned at once, in all …
DEFAULT_MAX_UPLOADS_PER_CLIENT = 4   # … and per tenant (keyed endpoints) or address (the page): 429 beyond
DEFAULT_DB_BUSY_TIMEOUT_S = 3.0      # wait this long for a locked database, then answer 503
# A Celery worker child grown past this (after a task) is replaced. A child holds one engine
# (~110 MB measured on the sample catalog) and scans in a forked child bounded by max_memory_mb.
DEFAULT_WORKER_MAX_MEMORY_MB = 1024


def _default_workers() -> int:
    return max(1, min(4, (os.cpu_count() or 2)))


class ApiSettings(Settings):
    data_dir: Path = DEFAULT_DATA_DIR
    database_url: str | None = None     # default: SQLite file in data_dir; any SQLAlchemy URL works
    upload_dir: Path | None = None      # default: data_dir/uploads
    retention_hours: float = 0          # 0: delete each upload once its report is stored
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB
    max_files_per_job: int = DEFAULT_MAX_FILES_PER_JOB
    workers: int = _default_workers()
    dispatch: bool = True               # false: this server scans no job files; `tendercheck worker`s do
    broker_url: str | None = None       # Celery broker (redis://…, amqp://…): job files go to `tendercheck worker`s
    worker_max_memory_mb: float = DEFAULT_WORKER_MAX_MEMORY_MB  # with a broker: worker_max_memory_per_child
    lease_grace_s: float = 30.0         # a file running past file_timeout_s + this was abandoned: requeued
    keys_file: Path | None = None       # YAML: tenants with their keys (see api/auth.py)
    api_keys: str | None = None         # or inline: "tenant:key[:admin],tenant2:key2"
    page_max_mb: float = DEFAULT_PAGE_MAX_MB
    page_concurrency: int = DEFAULT_PAGE_CONCURRENCY
    page_rate_per_minute: int = DEFAULT_PAGE_RATE_PER_MINUTE
    catalog_max_mb: float = DEFAULT_CATALOG_MAX_MB
    read_timeout_s: float = DEFAULT_READ_TIMEOUT_S
    min_body_kb: float = DEFAULT_MIN_BODY_KB
    keep_alive_s: int = DEFAULT_KEEP_ALIVE_S
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    max_connections_per_client: int = DEFAULT_MAX_CONNECTIONS_PER_CLIENT
    max_uploads: int = DEFAULT_MAX_UPLOADS
    max_uploads_per_client: int = DEFAULT_MAX_UPLOADS_PER_CLIENT
    db_busy_timeout_s: float = DEFAULT_DB_BUSY_TIMEOUT_S
    webhook_secret: str | None = None   # signs job completion callbacks; none set: callback_url is refused
    # callback_url may reach loopback, private and link-local addresses (a receiver on the server's own
    # network); off by default: a tenant must not make the server send requests inside its network
    webhook_allow_private: bool = False

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'tendercheck.db'}"

    @property
    def uploads(self) -> Path:
        return self.upload_dir or self.data_dir / "uploads"

    @property
    def catalog_dir(self) -> Path:
        return self.data_dir / "catalogs"

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def page_max_bytes(self) -> int:
        return int(self.page_max_mb * 1024 * 1024)
