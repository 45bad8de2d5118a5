"""The FastAPI application: ``create_app(settings)`` builds it; ``lifespan`` loads the engine once.

Routes are thin: they receive, check and store; scanning happens in worker processes owned by
the dispatcher; everything a request needs comes in through the dependencies in ``deps.py``.
"""
from __future__ import annotations

import logging
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.staticfiles import StaticFiles

from checker import __version__
from checker.engine import Engine

from . import datadir, errors
from .auth import KeyStore
from .dispatcher import Dispatcher, LocalDispatcher
from .gate import Gate, SecurityHeaders, UploadSlots
from .limits import BodyLimit, PageGuard
from .routes import diff, docs, jobs, meta, page, scan
from .settings import ApiSettings
from .store import JobStore
from .worker import current_catalog

if TYPE_CHECKING:
    from .broker import BrokerQueue

log = logging.getLogger("tendercheck.api")
# Multipart framing around the files themselves: a little slack above the file limits.
MULTIPART_OVERHEAD_BYTES = 64 * 1024
SMALL_BODY_BYTES = 1024 * 1024  # a request to an endpoint that takes no upload: at most this
WARM_UP_WAIT_S = 120  # how long start-up waits for the scan workers to load spaCy, jieba and the catalog

DESCRIPTION = """
检查招标文件/采购文件是否符合浙江省首台（套）产品推广应用政策。
Audits Chinese tender documents against Zhejiang's 首台套 policy.

* 认证：除 `/`、`/check`、`/healthz` 外，所有接口需要 `Authorization: Bearer <API 密钥>`。
* 错误：所有 4xx/5xx 响应均为 `{"error": {"code": "...", "message": "中文（English）"}}`。
* 文件类型按内容识别（PDF、DOCX，任务还接受 zip 压缩包），与扩展名无关。
"""


def create_app(settings: ApiSettings | None = None, own_tempdir: bool = False) -> FastAPI:
    """``own_tempdir`` (``tendercheck serve``): the process's temp files (multipart spools among
    them) go to this server's private scratch folder, so a crash leaves none behind."""
    settings = settings or ApiSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        datadir.prepare(settings)
        app.state.scratch = datadir.Scratch(settings.uploads).open()
        # multiprocessing keeps its socket folder in the temp folder: made first, where a socket's path fits
        datadir.socket_folder()
        if own_tempdir:
            tempfile.tempdir = str(app.state.scratch.path)
        app.state.catalog_path = current_catalog(settings.catalog_dir, settings.catalog)
        app.state.engine = await run_in_threadpool(Engine, settings, app.state.catalog_path)
        app.state.store = JobStore(settings.db_url, settings.db_busy_timeout_s)
        datadir.tighten_database(settings)
        dispatcher: LocalDispatcher | BrokerQueue
        if settings.broker_url:  # job files go to Celery workers; this server keeps its pool for single scans
            from .broker import BrokerQueue

            local = LocalDispatcher(settings, app.state.store, app.state, jobs=False)
            dispatcher = BrokerQueue(settings, app.state.store, local, app.state)
        else:
            dispatcher = LocalDispatcher(settings, app.state.store, app.state, jobs=settings.dispatch)
        served: Dispatcher = dispatcher  # what the routes call: both kinds must answer it (mypy checks)
        app.state.dispatcher = served
        dispatcher.start()
        if not await run_in_threadpool(dispatcher.wait_warm, WARM_UP_WAIT_S):
            log.warning("scan workers not warmed up after %d s: the first requests will be slower", WARM_UP_WAIT_S)
        log.info("tendercheck API ready: %d worker(s), %d key(s), db %s", settings.workers, len(app.state.keys),
                 settings.db_url.split("@")[-1])
        try:
            yield
        finally:
            await run_in_threadpool(dispatcher.stop)
            app.state.store.close()
            app.state.scratch.close()

    app = FastAPI(title="tendercheck API", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None,  # served from bundled assets below: they work offline
                  openapi_tags=[{"name": "scan", "description": "单个文件同步扫描"},
                                {"name": "jobs", "description": "批量异步任务"},
                                {"name": "meta", "description": "规则、目录与健康检查"},
                                {"name": "page", "description": "自查网页"}])
    app.state.settings = settings
    app.state.keys = KeyStore.load(settings.keys_file, settings.api_keys)  # fail at start, not per request
    app.state.page_guard = PageGuard(settings.page_concurrency, settings.page_rate_per_minute)
    app.state.upload_slots = UploadSlots(settings.max_uploads, settings.max_uploads_per_client)
    errors.install(app)
    for router in (scan.router, diff.router, jobs.router, meta.router, page.router):
        app.include_router(router)
    docs.install(app)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")  # the page's script

    def limit_for(path: str) -> int | None:
        if path == "/check":
            return settings.page_max_bytes + MULTIPART_OVERHEAD_BYTES
        if path == "/v1/scan":
            return settings.max_file_bytes + MULTIPART_OVERHEAD_BYTES
        if path == "/v1/catalog":
            return int(settings.catalog_max_mb * 1048576) + MULTIPART_OVERHEAD_BYTES
        if path.startswith("/v1/"):  # jobs, and any endpoint taking uploads: the whole-request limit
            return max(settings.max_upload_bytes, settings.max_file_bytes) + MULTIPART_OVERHEAD_BYTES
        return SMALL_BODY_BYTES  # the page and the docs take no upload

    # Outermost last: headers on every answer; key and upload caps before any body byte is read.
    app.add_middleware(BodyLimit, limit_for=limit_for)
    app.add_middleware(Gate, keys=app.state.keys, slots=app.state.upload_slots, page_guard=app.state.page_guard)
    app.add_middleware(SecurityHeaders)
    return app
