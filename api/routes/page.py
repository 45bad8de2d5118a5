"""The self-check page: ``GET /`` and the keyless ``POST /check`` it posts to.

Drafts are confidential: the file lives in the server's private scratch folder (api/datadir.py)
for the length of the request and is deleted after it; no job row, no retention. The endpoint needs no key, so it is
guarded instead by a smaller size limit, a per-address rate and a cap on concurrent scans.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from ..deps import DispatcherDep, EngineDep, SettingsDep
from ..render import env, render_document
from ..schemas import ERROR_RESPONSES
from ..uploads import save_document

router = APIRouter(tags=["page"])


@router.get("/", response_class=HTMLResponse, summary="自查网页", include_in_schema=False)
async def index(settings: SettingsDep, engine: EngineDep) -> HTMLResponse:
    html = env().get_template("index.html").render(max_mb=settings.page_max_mb, max_bytes=settings.page_max_bytes,
                                                   catalog=engine.catalog.describe())
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


@router.post("/check", response_class=HTMLResponse, summary="自查网页的上传接口（无需密钥，限速限量）",
             responses={429: {"description": "过于频繁或系统繁忙"}, **ERROR_RESPONSES})
async def check(request: Request, engine: EngineDep, dispatcher: DispatcherDep, settings: SettingsDep,
                file: Annotated[UploadFile, File(description="PDF 或 DOCX 草稿")]) -> HTMLResponse:
    """上传一个草稿，返回 HTML 检查报告。文件与结果均不保存。"""
    # The page's rate and scan-slot guard ran before the body was read (api/gate.py).
    with request.app.state.scratch.folder("page-") as tmp:
        saved = await save_document(file, tmp, "draft", settings.page_max_bytes)
        report = await dispatcher.scan_now(saved.path, saved.name, None, "html", waiver_picker=True)
        html = await run_in_threadpool(render_document, report, saved.path, engine, True)
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})
