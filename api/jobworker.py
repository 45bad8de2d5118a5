"""``tendercheck worker``: scan queued job files without serving HTTP, on this or another machine.

With ``TENDERCHECK_BROKER_URL`` it is a Celery worker (api/broker.py): the broker hands it files,
their bytes come from the database, and no folder is shared. Without one, it is the lease
dispatcher below, for the deployments that already run it:

Any number of workers and API servers can share one database (``TENDERCHECK_DATABASE_URL``,
PostgreSQL beyond one machine) and one data folder (``TENDERCHECK_DATA_DIR`` or
``TENDERCHECK_UPLOAD_DIR`` on shared storage): each claims queued files with guarded UPDATEs,
so no file is scanned twice at once, and results are stored exactly once. Run the servers with
``TENDERCHECK_DISPATCH=false`` to leave all job scanning to the workers, or let both scan.

The catalog is the one the servers use: the last ``PUT /v1/catalog`` (a pointer in the shared
catalog folder), looked up again for every file, so a new catalog reaches running workers.
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import threading

from checker.errors import CheckerError

from .dispatcher import LocalDispatcher
from .server import preflight
from .settings import ApiSettings
from .store import JobStore
from .worker import current_catalog

log = logging.getLogger("tendercheck.api.worker")


class CurrentCatalog:
    def __init__(self, settings: ApiSettings) -> None:
        self.settings = settings

    @property
    def catalog_path(self) -> str | None:
        return current_catalog(self.settings.catalog_dir, self.settings.catalog)


def run_worker() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    os.umask(0o077)  # reports and uploads are confidential: this user only
    settings = ApiSettings()
    if settings.broker_url:  # a Celery worker (api/broker.py)
        try:
            preflight(settings)
        except CheckerError as exc:
            print(f"tendercheck: {exc.message}", file=sys.stderr)
            return 2
        from .broker import run_celery_worker

        return run_celery_worker(settings)
    try:
        preflight(settings)
        store = JobStore(settings.db_url)
        dispatcher = LocalDispatcher(settings, store, CurrentCatalog(settings))
    except CheckerError as exc:
        print(f"tendercheck: {exc.message}", file=sys.stderr)
        return 2
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: stop.set())
    dispatcher.start()
    log.info("tendercheck worker ready: %d scan process(es), db %s", settings.workers, settings.db_url.split("@")[-1])
    stop.wait()
    log.info("tendercheck worker stopping; files it was scanning go back to the queue")
    dispatcher.stop()
    store.close()
    return 0
