"""``tendercheck serve``: the API under uvicorn, guarded so the built-in server holds on its own.

Before serving: everything created is private (umask 077), the data folder and the database are
checked (one clear line and exit 2 if unusable), and temp files (multipart spools) go to the
server's private scratch folder (api/datadir.py). The connection guard (api/protocol.py) bounds slow and idle connections.
"""
from __future__ import annotations

import logging
import os
import resource
import sys

from checker.errors import CheckerError

from .settings import ApiSettings

log = logging.getLogger("tendercheck.api")
FD_RESERVE = 256                 # descriptors beyond connections: database, workers, uploads, logs
MAX_HEADER_BYTES = 16 * 1024     # request line + headers (h11's incomplete-event limit)


def preflight(settings: ApiSettings) -> None:
    """Raise ConfigError (a clear message) if the data folder, the database or the temp folder cannot be used."""
    from sqlalchemy.exc import SQLAlchemyError

    from . import datadir
    from .store import JobStore

    datadir.prepare(settings)
    datadir.socket_folder()
    try:
        store = JobStore(settings.db_url, settings.db_busy_timeout_s)
        try:
            store.queued_count()
        finally:
            store.close()
    except SQLAlchemyError as exc:
        raise datadir.database_error(settings, exc) from exc
    datadir.tighten_database(settings)


def fit_descriptors(settings: ApiSettings) -> None:
    """Raise the open-files limit to fit ``max_connections``, or lower the cap to fit the limit:
    running out of descriptors turns every accept into an error (and a traceback)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = settings.max_connections + FD_RESERVE
    if soft != resource.RLIM_INFINITY and soft < want:
        new = want if hard == resource.RLIM_INFINITY else min(want, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))
        soft = new
    if soft != resource.RLIM_INFINITY and soft < want:
        settings.max_connections = max(16, soft - FD_RESERVE)
        log.warning("open-files limit %d: serving at most %d connections", soft, settings.max_connections)


def serve(host: str = "127.0.0.1", port: int = 8000) -> int:
    import uvicorn

    from .app import create_app
    from .gate import SecurityHeaders
    from .protocol import guarded_protocol

    os.umask(0o077)  # uploads, drafts, the database, catalogs: this user only
    settings = ApiSettings()
    try:
        preflight(settings)
        app = create_app(settings, own_tempdir=True)
    except CheckerError as exc:  # a bad keys file, an unusable data folder or database: say so and stop
        print(f"tendercheck: {exc.message}", file=sys.stderr)
        return 2
    if not len(app.state.keys):
        print("tendercheck: 未配置 API 密钥，/v1 接口将全部拒绝；请设置 TENDERCHECK_KEYS_FILE 或 TENDERCHECK_API_KEYS"
              "（no API keys configured: every /v1 call will be refused）", file=sys.stderr)
    fit_descriptors(settings)
    uvicorn.run(SecurityHeaders(app), host=host, port=port, log_level="info", proxy_headers=False,
                http=guarded_protocol(settings), timeout_keep_alive=settings.keep_alive_s,
                limit_concurrency=settings.max_connections + 1, h11_max_incomplete_event_size=MAX_HEADER_BYTES)
    return 0
