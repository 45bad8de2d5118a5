"""Batch jobs: ``POST /v1/jobs`` (202), status, results, HTML summary. A tenant sees only its own."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse

from ..auth import TenantDep
from ..deps import DispatcherDep, SettingsDep, StoreDep
from ..errors import not_found
from ..render import render_batch
from ..schemas import ERROR_RESPONSES, JobBrief, JobList, JobOut, ResultsOut
from ..store import JobStatus, NewFile, new_job_id
from ..uploads import JobFiles, remove_tree
from ..waivers import WaiversField, read_waivers, waive

router = APIRouter(prefix="/v1/jobs", tags=["jobs"])
# Past any real job list; keeps an absurd offset a 422, not an integer overflow in the database.
MAX_OFFSET = 10_000_000
MAX_PAGE = 1000


def job_out(job: JobStatus) -> JobOut:
    base = f"/v1/jobs/{job.id}"
    files = [{"index": f.idx, "file": f.name, "state": f.state} for f in job.files]
    return JobOut.model_validate({
        "id": job.id, "state": job.state, "total": job.total, "counts": job.counts,
        "created_at": job.created_at, "finished_at": job.finished_at, "as_of": job.as_of, "files": files,
        "links": {"self": base, "results": f"{base}/results", "report_html": f"{base}/report.html"},
    })


@router.post("", status_code=202, response_model=JobOut, summary="提交批量扫描任务", responses=ERROR_RESPONSES)
async def create_job(
    tenant: TenantDep, store: StoreDep, dispatcher: DispatcherDep, settings: SettingsDep,
    files: Annotated[list[UploadFile], File(description="多个 PDF/DOCX 文件，或包含它们的 zip 压缩包")],
    as_of: Annotated[date | None, Form(description="判断目录有效期的日期，默认取各文件日期")] = None,
    waivers: WaiversField = None,
) -> JSONResponse:
    """提交多个文件（或 zip 压缩包），立即返回 202 和任务编号；扫描在后台进行，服务重启后继续。

    Answered 202 with the job; poll ``GET /v1/jobs/{id}``. Each file is scanned exactly once, even
    across a server restart; one unreadable file gets its own error and the rest are scanned.
    """
    read_waivers(waivers)  # a broken waiver file is a 422 now, not a surprise when results are read
    job_id = new_job_id()
    folder = settings.uploads / "jobs" / job_id
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    collected = JobFiles(folder, settings.max_file_bytes, settings.max_upload_bytes, settings.max_files_per_job)
    try:
        for upload in files:
            await collected.add_upload(upload)
        new = [NewFile(f.name, str(f.path)) for f in collected.files]
        await run_in_threadpool(store.create_job, tenant.id, new, as_of, job_id, waivers or None)
    except BaseException:
        remove_tree(folder)  # nothing half-made stays behind
        raise
    dispatcher.notify()
    job = await run_in_threadpool(store.job, job_id, tenant.id)
    assert job is not None
    return JSONResponse(job_out(job).model_dump(mode="json"), status_code=202,
                        headers={"Location": f"/v1/jobs/{job_id}"})


@router.get("", response_model=JobList, summary="列出本租户的任务", responses=ERROR_RESPONSES)
async def list_jobs(tenant: TenantDep, store: StoreDep,
                    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> JobList:
    rows = await run_in_threadpool(store.jobs, tenant.id, limit, offset)
    return JobList(jobs=[JobBrief(id=i, created_at=c, total=t, finished_at=f) for i, c, t, f in rows])


@router.get("/{job_id}", response_model=JobOut, summary="任务状态与进度",
            responses={404: {"description": "任务不存在（或属于其他租户）"}, **ERROR_RESPONSES})
async def get_job(job_id: str, tenant: TenantDep, store: StoreDep) -> JobOut:
    job = await run_in_threadpool(store.job, job_id, tenant.id, True)
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
                      limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = MAX_PAGE) -> ResultsOut:
    """每个文件一项，按上传顺序；已完成的文件带 ``tendercheck.report/1`` 报告，未完成的为 null。"""
    job = await run_in_threadpool(store.job, job_id, tenant.id, True, offset, limit)
    if job is None:
        raise not_found()
    waivers = read_waivers(await run_in_threadpool(store.waivers, job_id))
    return ResultsOut.model_validate({
        "job_id": job.id, "state": job.state, "total": job.total, "offset": offset,
        "results": [{"index": f.idx, "file": f.name, "state": f.state, "report": waive(f.report, waivers)}
                    for f in job.files],
    })


@router.get("/{job_id}/report.html", response_class=HTMLResponse, summary="批量检查汇总（HTML）",
            responses={404: {"description": "任务不存在（或属于其他租户）"}, **ERROR_RESPONSES})
async def get_report_html(job_id: str, tenant: TenantDep, store: StoreDep) -> HTMLResponse:
    job = await run_in_threadpool(store.job, job_id, tenant.id)
    if job is None:
        raise not_found()
    rows = await run_in_threadpool(store.summaries, job_id)
    waivers = read_waivers(await run_in_threadpool(store.waivers, job_id))
    return HTMLResponse(render_batch(job, [(i, n, st, waive(r, waivers)) for i, n, st, r in rows]))
