"""``POST /v1/scan``: one draft, scanned while the client waits."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from checker.baseline import baseline_of, parse_reports
from checker.schema.models import Report

from ..auth import TenantDep
from ..deps import DispatcherDep, EngineDep, SettingsDep
from ..render import render_document
from ..schemas import ERROR_RESPONSES, REPORT_EXAMPLE, OcrField
from ..settings import ApiSettings
from ..uploads import Saved, retain, save_document
from ..waivers import WaiversField, read_waivers

BASELINE_SOURCE = "baseline"  # how a report names a baseline that came in a form field

router = APIRouter(prefix="/v1", tags=["scan"])


def keep_or_delete(saved: Saved, settings: ApiSettings, tenant: str) -> None:
    """Drafts are deleted once scanned; with retention set they are kept that long."""
    if settings.retention_hours > 0:
        retain(saved.path, settings.uploads, "scan", tenant)
    else:
        saved.path.unlink(missing_ok=True)


# response_model documents the report (/docs); the handler answers with a Response, so nothing is validated again.
@router.post("/scan", summary="扫描单个文件（同步）", response_model=Report, responses={
    200: {"description": "tendercheck.report/1 报告（format=html 时为 HTML 页面）",
          "content": {"application/json": {"example": REPORT_EXAMPLE}, "text/html": {}}},
    **ERROR_RESPONSES})
async def scan_one(
    request: Request, tenant: TenantDep, engine: EngineDep, dispatcher: DispatcherDep, settings: SettingsDep,
    file: Annotated[UploadFile, File(description="PDF 或 DOCX 文件（按内容识别类型）")],
    as_of: Annotated[date | None, Form(description="判断目录有效期的日期，默认取文件日期")] = None,
    format: Annotated[Literal["json", "html"], Query(description="响应格式")] = "json",
    waivers: WaiversField = None,
    baseline: Annotated[str | None, Form(
        description="基线：此前对同一文件（或其上一版）扫描得到的 JSON 报告（tendercheck.report/1）；"
                    "只报告基线中没有的问题，报告的 baseline 字段写明省略了几处")] = None,
    ocr: OcrField = None,
) -> Any:
    """上传一个招标文件草稿并立即得到检查报告。文件扫描后即删除（除非配置了保留期）。

    Upload one draft; the answer is its ``tendercheck.report/1`` report. A file that cannot be read
    (encrypted, corrupt, no text layer) is a 200 whose ``error`` says why — the same report a batch gives.
    """
    accepted = read_waivers(waivers)
    # parsed now: a broken baseline is a 422 before the file is scanned
    since = baseline_of(parse_reports(baseline, BASELINE_SOURCE), BASELINE_SOURCE) if baseline and baseline.strip() else None
    with request.app.state.scratch.folder("scan-") as tmp:
        saved = await save_document(file, tmp, "draft", settings.max_file_bytes)
        try:
            # The waivers are applied in the scan (engine.scan), before the worker renders the page.
            report = await dispatcher.scan_now(saved.path, saved.name, as_of, format, waivers=accepted,
                                               baseline=since, ocr=ocr)
            if format == "html":
                return HTMLResponse(await run_in_threadpool(render_document, report, saved.path, engine))
            if report.serialized is not None:  # written by the scanning process (a bound's error report is not)
                return Response(report.serialized, media_type="application/json")
            return JSONResponse(report.to_dict())
        finally:
            keep_or_delete(saved, settings, tenant.id)
