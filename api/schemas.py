"""Response models: they document the API (``/docs``) and pin its JSON. A report is documented by its
own model (checker/schema/models.py Report, the OpenAPI component ``Report``) but answered as the JSON
the scan wrote: stored reports are not validated again on the way out."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import Form
from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from checker.schema.models import Basis
from checker.settings import OcrMode

# A request's OCR mode (POST /v1/scan: its file; POST /v1/jobs: every file of the job).
OcrField = Annotated[OcrMode | None, Form(
    description="扫描页 OCR：auto 只识别没有可用文字层的页，off 不识别，force 识别每一页；默认取服务器设置 TENDERCHECK_OCR")]

REPORT_EXAMPLE: dict[str, Any] = {
    "schema": "tendercheck.report/1", "file": "某医院设备采购招标文件.pdf", "format": "pdf", "pages": 48,
    "as_of": "2026-03-15",
    "procurement_method": {"value": "公开招标", "evidence": [{"page": 1, "bbox": [90.0, 72.0, 300.0, 86.0],
                                                           "text": "公开招标公告", "location": None}]},
    "findings": [{
        "rule": "FS102", "family": "FS", "name": "designated-brand", "severity": "violation",
        "message": "“冷水机组”只推荐了 1 个品牌（某品牌），属于指定品牌", "item": "冷水机组",
        "basis": {"document": "中华人民共和国政府采购法实施条例", "clause": "第二十条(六)",
                  "quote": "限定或者指定特定的专利、商标、品牌或者供应商"},
        "suggestion": "推荐不少于 3 个品牌并注明“或相当于”，或不指定品牌",
        "evidence": [{"page": 23, "bbox": [72.0, 410.2, 520.5, 424.0], "text": "推荐品牌：某品牌", "location": None}],
        "fingerprint": "FS102-8c1d257f758c08f3", "waiver": None,
    }],
    "summary": {"violation": 1, "warning": 0, "info": 0}, "error": None,
}


# The report model's OpenAPI component: /v1/scan declares it (response_model), so it is in the document.
STORED_REPORT: dict[str, Any] = {"anyOf": [{"$ref": "#/components/schemas/Report"}, {"type": "null"}]}


class ErrorDetail(BaseModel):
    code: str = Field(examples=["payload_too_large"])
    message: str = Field(examples=["上传内容过大，上限 500 MB（request body exceeds 524288000 bytes）"])


class ErrorOut(BaseModel):
    """Every 4xx/5xx answer has this shape."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "缺少或无效的 API 密钥"},
    413: {"model": ErrorOut, "description": "上传过大或文件过多"},
    415: {"model": ErrorOut, "description": "文件内容不是 PDF/DOCX（或 zip 压缩包）"},
    422: {"model": ErrorOut, "description": "请求参数无效"},
}


class Counts(BaseModel):
    queued: int
    running: int
    done: int
    error: int


class FileOut(BaseModel):
    index: int
    file: str
    state: Literal["queued", "running", "done", "error"]
    client_id: str | None = Field(None, description="提交时给出的客户端编号")
    report_html: str | None = Field(None, description="该文件的 HTML 报告地址")
    summary: dict[str, int] | None = None
    error: dict[str, str] | None = None


class JobOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "3f2a9c0e8b7d4e1fa0c3b2d1e4f5a6b7", "state": "running", "total": 3,
        "counts": {"queued": 1, "running": 1, "done": 1, "error": 0},
        "created_at": "2026-03-15T08:00:00Z", "finished_at": None, "as_of": None, "ocr": None,
        "files": [{"index": 0, "file": "a.pdf", "state": "done",
                   "summary": {"violation": 1, "warning": 0, "info": 2}, "error": None}],
        "links": {"self": "/v1/jobs/3f2a…", "results": "/v1/jobs/3f2a…/results",
                  "report_html": "/v1/jobs/3f2a…/report.html"},
    }]})

    id: str
    state: Literal["queued", "running", "done"]
    total: int
    counts: Counts
    created_at: datetime
    finished_at: datetime | None
    as_of: date | None
    ocr: OcrMode | None = Field(
        None, description="提交任务时指定的扫描页 OCR 方式；null：服务器设置（TENDERCHECK_OCR）")
    files: list[FileOut]
    links: dict[str, str]


class JobBrief(BaseModel):
    id: str
    state: Literal["queued", "running", "done"]
    total: int
    counts: Counts
    created_at: datetime
    finished_at: datetime | None


class JobList(BaseModel):
    jobs: list[JobBrief]


class ResultOut(BaseModel):
    index: int
    file: str
    state: Literal["queued", "running", "done", "error"]
    client_id: str | None = None
    report: Annotated[dict[str, Any] | None, WithJsonSchema(STORED_REPORT)] = Field(
        None, description="tendercheck.report/1；尚未扫描时为 null", examples=[REPORT_EXAMPLE])


class ResultsOut(BaseModel):
    job_id: str
    state: Literal["queued", "running", "done"]
    total: int
    offset: int
    results: list[ResultOut]


class RuleOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "FS102", "name": "designated-brand", "severity": "violation", "enabled": True,
        "summary": "推荐品牌只有 1 到 2 个，等于指定品牌",
        "basis": {"document": "中华人民共和国政府采购法实施条例", "clause": "第二十条(六)",
                  "quote": "限定或者指定特定的专利、商标、品牌或者供应商"}}]})

    id: str
    name: str
    severity: Literal["violation", "warning", "info"]
    enabled: bool
    summary: str | None = None
    basis: Basis  # document, clause, quote (joined) and parts: one {document, clause, quote} per text
    name_zh: str | None = None  # the rule's Chinese name (checker/findings.py)


class RulesOut(BaseModel):
    rules: list[RuleOut]


class CatalogOut(BaseModel):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [
        {"name": "2026年浙江省首台（套）产品推广应用指导目录", "file_name": "目录2026.xlsx", "version": "2026年第一批",
         "latest_listed_on": "2026-03-01", "rows": 412, "sha256": "3b1f0c2a…", "sample": False, "official": True,
         "validity_years": 2, "path": "目录2026.xlsx", "warning": None}]})

    path: str | None
    sha256: str | None
    rows: int


StoreState = Literal["ok", "store_busy", "store_unavailable"]


class BrokerHealth(BaseModel):
    state: Literal["ok", "unreachable"]
    url: str = Field(description="消息代理地址（不含口令）")
    waiting: int | None = Field(None, description="代理队列中等待的任务数（仅 Redis）；不可达时为 null")
    workers: int | None = Field(None, description="应答的扫描 worker 数；不可达时为 null")
    message: str | None = None


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    version: str
    workers: int
    queued: int | None = Field(None, description="排队中的文件数；数据库不可用时为 null")
    store: StoreState = "ok"
    message: str | None = None
    broker: BrokerHealth | None = Field(default=None, description="配置了消息代理（Celery）时：代理与 worker 的状态")
