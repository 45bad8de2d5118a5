"""The FastAPI application: ``create_app(settings)`` builds it; ``lifespan`` loads the engine once.

Routes are thin: they receive, check and store; scanning happens in worker processes owned by
the dispatcher; everything a request needs comes in through the dependencies in ``deps.py``.
"""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

from checker import __version__
from checker.engine import Engine

from . import errors
from .auth import KeyStore
from .dispatcher import LocalDispatcher
from .limits import BodyLimit, PageGuard
from .routes import diff, jobs, meta, page, scan
from .settings import ApiSettings
from .store import JobStore
from .worker import current_catalog

log = logging.getLogger("tendercheck.api")
# Multipart framing around the files themselves: a little slack above the file limits.
MULTIPART_OVERHEAD_BYTES = 64 * 1024

DESCRIPTION = """
检查招标文件/采购文件是否符合浙江省首台（套）产品推广应用政策。
Audits Chinese tender documents against Zhejiang's 首台套 policy.

* 认证：除 `/`、`/check`、`/healthz` 外，所有接口需要 `Authorization: Bearer <API 密钥>`。
* 错误：所有 4xx/5xx 响应均为 `{"error": {"code": "...", "message": "中文（English）"}}`。
* 文件类型按内容识别（PDF、DOCX，任务还接受 zip 压缩包），与扩展名无关。
"""


def create_app(settings: ApiSettings | None = None) -> FastAPI:
    settings = settings or ApiSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        for d in (settings.data_dir, settings.uploads, settings.catalog_dir):
            Path(d).mkdir(parents=True, exist_ok=True)
        app.state.catalog_path = current_catalog(settings.catalog_dir, settings.catalog)
        app.state.engine = await run_in_threadpool(Engine, settings, app.state.catalog_path)
        app.state.store = JobStore(settings.db_url)
        dispatcher = LocalDispatcher(settings, app.state.store, app.state, jobs=settings.dispatch)
        app.state.dispatcher = dispatcher
        dispatcher.start()
        log.info("tendercheck API ready: %d worker(s), %d key(s), db %s", settings.workers, len(app.state.keys),
                 settings.db_url.split("@")[-1])
        try:
            yield
        finally:
            await run_in_threadpool(dispatcher.stop)
            app.state.store.close()

    app = FastAPI(title="tendercheck API", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  openapi_tags=[{"name": "scan", "description": "单个文件同步扫描"},
                                {"name": "jobs", "description": "批量异步任务"},
                                {"name": "meta", "description": "规则、目录与健康检查"},
                                {"name": "page", "description": "自查网页"}])
    app.state.settings = settings
    app.state.keys = KeyStore.load(settings.keys_file, settings.api_keys)  # fail at start, not per request
    app.state.page_guard = PageGuard(settings.page_concurrency, settings.page_rate_per_minute)
    errors.install(app)
    for router in (scan.router, diff.router, jobs.router, meta.router, page.router):
        app.include_router(router)

    def limit_for(path: str) -> int | None:
        if path == "/check":
            return settings.page_max_bytes + MULTIPART_OVERHEAD_BYTES
        if path.startswith("/v1/"):
            return max(settings.max_upload_bytes, settings.max_file_bytes) + MULTIPART_OVERHEAD_BYTES
        return None

    app.add_middleware(BodyLimit, limit_for=limit_for)
    return app
