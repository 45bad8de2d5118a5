"""``POST /v1/diff``: two versions of a tender → fixed / new / remaining findings and changed facts.

Each side is an uploaded draft (PDF/DOCX, scanned now, then deleted like ``/v1/scan``'s) or a
report the client kept from an earlier scan (``tendercheck.report/1`` JSON): re-checking an amended
tender needs only the new file and the old report.
"""
from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse

from checker.diff import diff_reports
from checker.waivers import apply_waivers_to_dict

from ..auth import TenantDep
from ..deps import DispatcherDep, SettingsDep
from ..errors import ApiError
from ..settings import ApiSettings
from ..uploads import Saved, display_name, save_upload, sniff_file
from ..waivers import WaiversField, read_waivers
from .scan import keep_or_delete

router = APIRouter(prefix="/v1", tags=["scan"])
REPORT_SCHEMA_PREFIX = "tendercheck.report/"


def _not_a_side(name: str) -> ApiError:
    return ApiError(415, "unsupported_media_type",
                    f"“{name}”既不是 PDF/Word 文件，也不是 tendercheck 的 JSON 报告",
                    f"{name!r} is neither a PDF/.docx file nor a tendercheck.report JSON report")


async def _side(upload: UploadFile, folder: Path, stem: str, as_of: date | None, settings: ApiSettings,
                dispatcher: Any, tenant: str) -> dict[str, Any]:
    name = display_name(upload.filename, stem)
    tmp = folder / f"{stem}.upload"
    await save_upload(upload, tmp, settings.max_file_bytes, name)
    kind = sniff_file(tmp)
    if kind in ("pdf", "docx"):
        saved = Saved(name, tmp.rename(tmp.with_suffix(f".{kind}")), kind)
        try:
            report = await dispatcher.scan_now(saved.path, saved.name, as_of)
            result: dict[str, Any] = report.to_dict()
            return result
        finally:
            keep_or_delete(saved, settings, tenant)
    try:
        data = json.loads(tmp.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _not_a_side(name) from exc
    finally:
        tmp.unlink(missing_ok=True)
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith(REPORT_SCHEMA_PREFIX):
        raise _not_a_side(name)
    return data


@router.post("/diff", summary="比较两版文件（已修改/新增/仍存在的问题）", responses={
    200: {"description": "tendercheck.diff/1 比对结果（format=html 时为 HTML 页面）",
          "content": {"application/json": {}, "text/html": {}}},
    415: {"description": "某一方既不是 PDF/DOCX，也不是 JSON 报告"}})
async def diff(
    tenant: TenantDep, dispatcher: DispatcherDep, settings: SettingsDep,
    old: Annotated[UploadFile, File(description="旧版：PDF/DOCX 文件，或此前扫描得到的 tendercheck.report/1 JSON 报告")],
    new: Annotated[UploadFile, File(description="新版：PDF/DOCX 文件，或 JSON 报告")],
    as_of: Annotated[date | None, Form(description="判断目录有效期的日期，默认取各文件日期")] = None,
    waivers: WaiversField = None,
    format: Annotated[Literal["json", "html"], Query(description="响应格式")] = "json",
) -> Any:
    """两版招标文件比对：问题按指纹配对，列出已修改、新增、仍存在的问题，以及采购方式、预算、品牌清单等事实的变化。
    ``summary.new_by_severity`` 只计未被豁免的新增问题。"""
    accepted = read_waivers(waivers)
    settings.uploads.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=settings.uploads, prefix="diff-") as tmp:
        before = await _side(old, Path(tmp), "old", as_of, settings, dispatcher, tenant.id)
        after = await _side(new, Path(tmp), "new", as_of, settings, dispatcher, tenant.id)
    if accepted is not None:
        after = apply_waivers_to_dict(after, accepted)
    result = diff_reports(before, after)
    if format == "html":
        from reports.diff import render_diff_html

        return HTMLResponse(await run_in_threadpool(render_diff_html, result))
    return JSONResponse(result)
