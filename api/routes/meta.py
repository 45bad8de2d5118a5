"""Rules, the catalog, and health."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from checker import __version__
from checker.catalog import load_catalog
from checker.engine import Engine
from checker.findings import rule_name_zh
from checker.rules import all_rules
from checker.schema.models import Basis

from ..auth import AdminDep, TenantDep
from ..deps import EngineDep, SettingsDep, StoreDep
from ..errors import ApiError, store_unavailable
from ..schemas import ERROR_RESPONSES, BrokerHealth, CatalogOut, Health, RuleOut, RulesOut, StoreState
from ..uploads import display_name, save_upload
from ..worker import CURRENT_CATALOG_FILE

router = APIRouter(tags=["meta"])
XLSX_MAGIC = b"PK\x03\x04"
_SAFE_NAME = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')
MAX_CATALOG_NAME = 100


def rule_infos(engine: Engine) -> list[RuleOut]:
    """Every registered rule, with the severity and on/off state this server's rules config gives it."""
    out = []
    for r in all_rules().values():
        configured = engine.config.rule(r.id)
        out.append(RuleOut(id=r.id, name=r.name, name_zh=rule_name_zh(r.id, r.name), severity=configured.severity or r.severity,
                           enabled=configured.enabled, summary=r.doc.splitlines()[0] if r.doc else None,
                           basis=Basis.model_validate(r.basis)))
    return out


@router.get("/v1/rules", response_model=RulesOut, summary="规则列表及其政策依据", responses=ERROR_RESPONSES)
async def get_rules(tenant: TenantDep, engine: EngineDep) -> RulesOut:
    return RulesOut(rules=rule_infos(engine))


@router.get("/v1/catalog", response_model=CatalogOut, summary="当前使用的首台套目录", responses=ERROR_RESPONSES)
async def get_catalog(tenant: TenantDep, engine: EngineDep) -> CatalogOut:
    return CatalogOut.model_validate(engine.catalog.describe())


@router.put("/v1/catalog", response_model=CatalogOut, summary="替换首台套目录（仅管理员）",
            responses={403: {"description": "非管理员密钥"}, **ERROR_RESPONSES})
async def put_catalog(request: Request, tenant: AdminDep, engine: EngineDep, settings: SettingsDep, store: StoreDep,
                      file: Annotated[UploadFile, File(description="目录 CSV（UTF-8/GBK）或 XLSX")]) -> CatalogOut:
    """上传新的首台套目录替换当前目录；校验失败时返回 422 且保留原目录。之后的扫描（含排队中的任务）使用新目录。"""
    folder = settings.catalog_dir
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix="incoming-")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        await save_upload(file, tmp, int(settings.catalog_max_mb * 1048576), file.filename or "catalog")
        final = await run_in_threadpool(_install_catalog, tmp, folder, file.filename)
        catalog = await run_in_threadpool(load_catalog, final, engine.config)
        if catalog.describe().get("rows", 0) == 0:
            final.unlink(missing_ok=True)
            raise ApiError(422, "empty_catalog", "目录中没有任何产品行，未替换", "the catalog has no product rows; not replaced")
    finally:
        tmp.unlink(missing_ok=True)
    if settings.broker_url:  # workers and API servers elsewhere read it from the database (api/broker.py)
        await run_in_threadpool(store.put_catalog, final.relative_to(folder).as_posix(), final.read_bytes())
    engine.catalog = catalog
    _point_current(folder, final)
    request.app.state.catalog_path = str(final)
    return CatalogOut.model_validate(catalog.describe())


def _install_catalog(tmp: Path, folder: Path, filename: str | None) -> Path:
    """``<sha256 prefix>/<the uploaded file's name>``: content-addressed, and the name it was uploaded
    under is what reports call the catalog (never this server's path)."""
    data = tmp.read_bytes()
    if not data:
        raise ApiError(422, "empty_catalog", "目录文件为空", "the catalog file is empty")
    suffix = ".xlsx" if data.startswith(XLSX_MAGIC) else ".pdf" if data[:1024].find(b"%PDF-") >= 0 else ".csv"
    stem = _SAFE_NAME.sub("_", Path(display_name(filename, "catalog")).stem).strip(" ._")[:MAX_CATALOG_NAME] or "catalog"
    final = folder / hashlib.sha256(data).hexdigest()[:16] / f"{stem}{suffix}"
    final.parent.mkdir(exist_ok=True)
    tmp.replace(final)
    return final


def _point_current(folder: Path, final: Path) -> None:
    pointer = folder / CURRENT_CATALOG_FILE
    tmp = pointer.with_suffix(".tmp")
    tmp.write_text(final.relative_to(folder).as_posix(), encoding="utf-8")
    tmp.replace(pointer)  # atomic: a restart sees the old catalog or the new one, never half


@router.get("/healthz", response_model=Health, summary="健康检查（无需密钥）",
            responses={503: {"model": Health, "description": "数据库被占用或不可用（带 Retry-After）"}})
async def health(request: Request, store: StoreDep, settings: SettingsDep) -> Any:
    """200 ``{"status": "ok"}`` when the job store can be written now; 503 ``"unavailable"`` with
    the reason in ``store`` (and Retry-After) when it is locked or unreachable."""
    def check() -> int:
        store.probe()
        return store.queued_count()

    try:
        queued = await run_in_threadpool(check)
    except SQLAlchemyError as exc:
        err = store_unavailable(exc)
        body = Health(status="unavailable", version=__version__, workers=settings.workers, queued=None,
                      store=cast(StoreState, err.code), message=err.message)
        return JSONResponse(body.model_dump(), status_code=503, headers=err.headers)
    broker = getattr(request.app.state.dispatcher, "health", None)  # with a broker only (api/broker.py)
    return Health(status="ok", version=__version__, workers=settings.workers, queued=queued,
                  broker=BrokerHealth.model_validate(await run_in_threadpool(broker)) if broker else None)
