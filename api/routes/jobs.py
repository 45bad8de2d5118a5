"""Batch jobs: ``POST /v1/jobs`` (202), status, results, HTML summary. A tenant sees only its own."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, File, Form, Header, Query, Response, UploadFile
from fastapi import Path as Path_
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, StreamingResponse

from .. import webhook
from ..auth import TenantDep
from ..deps import DispatcherDep, SettingsDep, StoreDep
from ..errors import ApiError, not_found
from ..render import render_batch, render_file
from ..schemas import ERROR_RESPONSES, JobBrief, JobList, JobOut, OcrField, ResultsOut
from ..store import JobStatus, JobStore, NewFile, compact_json, new_job_id
from ..uploads import JobFiles, remove_tree
from ..waivers import WaiversField, read_waivers, waive
from ..worker import failed_report

if TYPE_CHECKING:
    from checker.waivers import WaiverSet

router = APIRouter(prefix="/v1/jobs", tags=["jobs"])
# Past any real job list; keeps an absurd offset a 422, not an integer overflow in the database.
MAX_OFFSET = 10_000_000
MAX_PAGE = 1000
RESULTS_CHUNK = 20  # reports read from the database at a time for one answer


def job_out(job: JobStatus) -> JobOut:
    base = f"/v1/jobs/{job.id}"
    files = [{"index": f.idx, "file": f.name, "state": f.state, "client_id": f.client_id,
              "report_html": f"{base}/files/{f.idx}/report.html"} for f in job.files]
    return JobOut.model_validate({
        "id": job.id, "state": job.state, "total": job.total, "counts": job.counts,
        "created_at": utc(job.created_at), "finished_at": utc(job.finished_at), "as_of": job.as_of, "ocr": job.ocr,
        "files": files,
        "links": {"self": base, "results": f"{base}/results", "report_html": f"{base}/report.html"},
    })


@router.post("", status_code=202, response_model=JobOut, summary="提交批量扫描任务", responses=ERROR_RESPONSES)
async def create_job(
    tenant: TenantDep, store: StoreDep, dispatcher: DispatcherDep, settings: SettingsDep,
    files: Annotated[list[UploadFile], File(description="多个 PDF/DOCX 文件，或包含它们的 zip 压缩包")],
    as_of: Annotated[date | None, Form(description="判断目录有效期的日期，默认取各文件日期")] = None,
    waivers: WaiversField = None,
    client_id: Annotated[list[str] | None, Form(
        description="每个上传文件一个客户端编号（按上传顺序，可选），原样出现在结果中；压缩包内的文件为 编号/文件名")] = None,
    callback_url: Annotated[str | None, Form(
        description="任务完成时 POST 通知的地址（http/https，可选），请求带 X-Tendercheck-Signature 签名")] = None,
    ocr: OcrField = None,
    idempotency_key: Annotated[str | None, Header(
        alias="Idempotency-Key", max_length=200, description="同一租户重复提交同一键时返回第一次创建的任务，不再新建")] = None,
) -> JSONResponse:
    """提交多个文件（或 zip 压缩包），立即返回 202 和任务编号；扫描在后台进行，服务重启后继续。

    Answered 202 with the job; poll ``GET /v1/jobs/{id}``. Each file is scanned exactly once, even
    across a server restart; one unreadable file — or one that is no PDF/DOCX — gets its own
    error and the rest are scanned.
    """
    read_waivers(waivers)  # a broken waiver file is a 422 now, not a surprise when results are read
    idempotency_key = (idempotency_key or "").strip() or None  # a blank key is no key (it used to be stored as "")
    if idempotency_key and (earlier := await run_in_threadpool(store.job_by_key, tenant.id, idempotency_key)):
        return await _job_answer(store, earlier, tenant.id, replayed=True)
    if client_id is not None and len(client_id) != len(files):
        raise ApiError(422, "invalid_request", f"client_id 的个数（{len(client_id)}）应与文件数（{len(files)}）相同",
                       f"{len(client_id)} client_id values for {len(files)} files")
    if callback_url is not None:
        await run_in_threadpool(_check_callback, callback_url, settings.webhook_secret, settings.webhook_allow_private)
    job_id = new_job_id()
    folder = settings.uploads / "jobs" / job_id
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    collected = JobFiles(folder, settings.max_file_bytes, settings.max_upload_bytes, settings.max_files_per_job)
    try:
        for n, upload in enumerate(files):
            await collected.add_upload(upload, client_id[n][:200] if client_id else None)
        new = [NewFile(f.name, None, f.client_id, failed_report(f.name, f.refused).to_dict()) if f.refused
               else NewFile(f.name, str(f.path), f.client_id) for f in collected.files]
        # With a broker, workers elsewhere read the bytes from the database: nothing stays on this disk.
        in_db = settings.broker_url is not None
        stored = await run_in_threadpool(store.create_job, tenant.id, new, as_of, job_id, waivers or None,
                                         idempotency_key, callback_url, in_db, ocr)
    except BaseException:
        remove_tree(folder)  # nothing half-made stays behind
        raise
    if in_db:
        remove_tree(folder)
    if stored != job_id:  # the same key raced in: that job stands, this upload goes
        remove_tree(folder)
        return await _job_answer(store, stored, tenant.id, replayed=True)
    dispatcher.notify()
    await run_in_threadpool(webhook.job_finished, store, settings.webhook_secret, job_id,  # every file refused
                            settings.webhook_allow_private)
    return await _job_answer(store, job_id, tenant.id)


async def _job_answer(store: JobStore, job_id: str, tenant: str, replayed: bool = False) -> JSONResponse:
    job = await run_in_threadpool(store.job, job_id, tenant)
    if job is None:
        raise not_found()
    headers = {"Location": f"/v1/jobs/{job_id}"}
    if replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(job_out(job).model_dump(mode="json"), status_code=202, headers=headers)


def _check_callback(url: str, secret: str | None, allow_private: bool) -> None:
    if not secret:
        raise ApiError(422, "webhook_not_configured", "服务器未配置 TENDERCHECK_WEBHOOK_SECRET，不能使用 callback_url",
                       "callback_url needs TENDERCHECK_WEBHOOK_SECRET on the server")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 2000:
        raise ApiError(422, "invalid_request", "callback_url 应为 http 或 https 地址", "callback_url must be an http(s) URL")
    try:
        webhook.pinned_address(url, allow_private)
    except webhook.CallbackRefused as exc:
        raise ApiError(422, "callback_not_allowed", exc.zh, exc.en) from None


def utc(value: datetime | None) -> datetime | None:
    """Stored times are naive UTC: hand them out as such (ISO 8601 with the offset)."""
    return value.replace(tzinfo=UTC) if value else None


@router.get("", response_model=JobList, summary="列出本租户的任务", responses=ERROR_RESPONSES)
async def list_jobs(tenant: TenantDep, store: StoreDep,
                    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> JobList:
    rows = await run_in_threadpool(store.jobs, tenant.id, limit, offset)
    return JobList(jobs=[JobBrief.model_validate({
        "id": j.id, "state": j.state, "total": j.total, "counts": j.counts,
        "created_at": utc(j.created_at), "finished_at": utc(j.finished_at)}) for j in rows])


@router.get("/{job_id}", response_model=JobOut, summary="任务状态与进度",
            responses={404: {"description": "任务不存在（或属于其他租户）"}, **ERROR_RESPONSES})
async def get_job(job_id: str, tenant: TenantDep, store: StoreDep) -> JobOut:
    job = await run_in_threadpool(store.job, job_id, tenant.id, "brief")
    if job is None:
        raise not_found()
    out = job_out(job)
    waivers = read_waivers(await run_in_threadpool(store.waivers, job_id))
    for f, src in zip(out.files, job.files):
        report = waive(src.report, waivers)
        if report is not None:
            f.summary = report.get("summary")
            f.error = report.get("error")
    return out


@router.get("/{job_id}/results", response_model=ResultsOut, summary="任务结果（每个文件一份报告）",
            responses={404: {"description": "任务不存在（或属于其他租户）"}, **ERROR_RESPONSES})
async def get_results(job_id: str, tenant: TenantDep, store: StoreDep,
                      offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
                      limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = MAX_PAGE) -> Response:
    """每个文件一项，按上传顺序；已完成的文件带 ``tendercheck.report/1`` 报告，未完成的为 null。"""
    job = await run_in_threadpool(store.job, job_id, tenant.id, None, 0, 0)  # the counts, no file rows
    if job is None:
        raise not_found()
    waivers = read_waivers(await run_in_threadpool(store.waivers, job_id))
    # Written as it is read, a few reports at a time: a page of a thousand long reports never sits
    # in memory whole (the stored reports are valid already; ResultsOut documents the answer). The
    # first reports are read before the answer starts, so a database that is busy or gone is a 503.
    first = await run_in_threadpool(store.report_texts, job_id, offset, min(RESULTS_CHUNK, limit))
    return StreamingResponse(_results_json(store, job, offset, limit, waivers, first), media_type="application/json")


def _results_json(store: JobStore, job: JobStatus, offset: int, limit: int, waivers: WaiverSet | None,
                  rows: list[tuple[int, str, str, str | None, str]]) -> Iterator[bytes]:
    """``ResultsOut`` as JSON text, from ``rows`` (the first ones read) on, ``RESULTS_CHUNK`` files at
    a time; stored reports go out as stored, unless the job's waivers change them. A file deleted
    or finished meanwhile shows as it is when its rows are read."""
    head = compact_json({"job_id": job.id, "state": job.state, "total": job.total, "offset": offset})
    yield (head[:-1] + ',"results":[').encode()
    at, end, sep = offset, offset + limit, ""
    while True:
        for idx, name, state, client_id, report in rows:
            if waivers is not None and report != "null":
                report = compact_json(waive(json.loads(report), waivers))
            item = compact_json({"index": idx, "file": name, "state": state, "client_id": client_id})
            yield f'{sep}{item[:-1]},"report":{report}}}'.encode()
            sep = ","
        at += len(rows)
        if len(rows) < RESULTS_CHUNK or at >= end:
            break
        rows = store.report_texts(job.id, at, min(RESULTS_CHUNK, end - at))
    yield b"]}"


@router.get("/{job_id}/report.html", response_class=HTMLResponse, summary="批量检查汇总（HTML）",
            responses={404: {"description": "任务不存在（或属于其他租户）"}, **ERROR_RESPONSES})
async def get_report_html(job_id: str, tenant: TenantDep, store: StoreDep) -> HTMLResponse:
    job = await run_in_threadpool(store.job, job_id, tenant.id)
    if job is None:
        raise not_found()
    rows = await run_in_threadpool(store.summaries, job_id)
    waivers = read_waivers(await run_in_threadpool(store.waivers, job_id))
    return HTMLResponse(render_batch(job, [(i, n, st, waive(r, waivers)) for i, n, st, r in rows]))


@router.delete("/{job_id}", status_code=204, summary="删除任务及其全部报告与上传文件",
               responses={404: {"description": "任务不存在（或属于其他租户）"}, **ERROR_RESPONSES})
async def delete_job(job_id: str, tenant: TenantDep, store: StoreDep, settings: SettingsDep) -> Response:
    """删除任务：报告、文件记录与仍在磁盘上的上传文件（含保留期内的）一并删除，不可恢复。
    正在扫描的文件扫描结束后结果被丢弃。"""
    paths = await run_in_threadpool(store.delete_job, job_id, tenant.id)
    if paths is None:
        raise not_found()
    for p in paths:
        Path(p).unlink(missing_ok=True)
    remove_tree(settings.uploads / "jobs" / job_id)
    remove_tree(settings.uploads / "retained" / "jobs" / job_id)
    return Response(status_code=204)


@router.get("/{job_id}/files/{index}/report.html", response_class=HTMLResponse, summary="任务中单个文件的检查报告（HTML）",
            responses={404: {"description": "任务或文件不存在（或属于其他租户）"},
                       409: {"description": "该文件尚未扫描完成（带 Retry-After）"}, **ERROR_RESPONSES})
async def get_file_report_html(job_id: str, index: Annotated[int, Path_(ge=0, le=MAX_OFFSET)],
                               tenant: TenantDep, store: StoreDep) -> HTMLResponse:
    """第 ``index`` 个文件（从 0 起，与结果中的 index 相同）的报告页面，由保存的报告生成（不含页面图像）。"""
    job = await run_in_threadpool(store.job, job_id, tenant.id, "whole", index, 1)
    if job is None or not job.files or job.files[0].idx != index:
        raise not_found("任务或文件不存在", "job or file not found")
    f = job.files[0]
    if f.report is None:
        raise ApiError(409, "not_ready", "该文件尚未扫描完成，请稍后再试", "this file has not been scanned yet",
                       {"Retry-After": "5"})
    waivers = read_waivers(await run_in_threadpool(store.waivers, job_id))
    return HTMLResponse(render_file(job, f.idx, f.name, f.client_id, waive(f.report, waivers) or f.report))
