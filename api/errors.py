"""One JSON error shape for every 4xx/5xx: ``{"error": {"code": str, "message": "中文（English）"}}``.

Client mistakes (bad form data, wrong type, too large, unknown job) are 4xx with a stable code;
only a bug in the service is a 500, and its body has the same shape.
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from checker.errors import CatalogError, CheckerError

log = logging.getLogger("tendercheck.api")


class ApiError(Exception):
    def __init__(self, status: int, code: str, zh: str, en: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(en)
        self.status, self.code, self.zh, self.en, self.headers = status, code, zh, en, headers

    @property
    def message(self) -> str:
        return f"{self.zh}（{self.en}）"


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


STORE_RETRY_AFTER_S = 5


def store_unavailable(exc: Exception) -> ApiError:
    """A locked or unreachable database is the service's state, not a bug: 503, try again shortly."""
    text = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    retry = {"Retry-After": str(STORE_RETRY_AFTER_S)}
    if "locked" in text or "busy" in text:
        return ApiError(503, "store_busy", "数据库正被占用，请稍后再试", f"the job store is locked: {text}", retry)
    return ApiError(503, "store_unavailable", "数据库暂不可用，请稍后再试", f"the job store is unavailable: {text}", retry)


def not_found(what_zh: str = "任务不存在", what_en: str = "job not found") -> ApiError:
    # Another tenant's job answers exactly like a missing one: ids must not leak existence.
    return ApiError(404, "not_found", what_zh, what_en)


# Starlette raises bare HTTPExceptions for routing problems; give them codes and Chinese too.
_HTTP_DEFAULTS: dict[int, tuple[str, str, str]] = {
    400: ("bad_request", "请求格式错误", "bad request"),
    401: ("unauthorized", "缺少或无效的 API 密钥", "missing or invalid API key"),
    403: ("forbidden", "无权执行此操作", "forbidden"),
    404: ("not_found", "地址不存在", "not found"),
    405: ("method_not_allowed", "不支持该请求方法", "method not allowed"),
    406: ("not_acceptable", "不支持请求的响应格式", "not acceptable"),
    413: ("payload_too_large", "上传内容过大", "payload too large"),
    415: ("unsupported_media_type", "不支持的文件类型", "unsupported media type"),
    422: ("invalid_request", "请求参数无效", "invalid request"),
    429: ("too_many_requests", "请求过于频繁，请稍后再试", "too many requests"),
}


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(CatalogError)
    async def _catalog_error(request: Request, exc: CatalogError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message), status_code=422)

    @app.exception_handler(CheckerError)
    async def _checker_error(request: Request, exc: CheckerError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message), status_code=422)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()]
        where = "; ".join(f"{'.'.join(d['loc'])}: {d['msg']}" for d in details[:5])
        return JSONResponse(error_body("invalid_request", f"请求参数无效（invalid request: {where}）", details=details),
                            status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, zh, en = _HTTP_DEFAULTS.get(exc.status_code, ("http_error", "请求失败", "request failed"))
        if isinstance(exc.detail, str) and exc.detail and exc.detail not in (en, "Not Found", "Method Not Allowed"):
            en = f"{en}: {exc.detail}"
        return JSONResponse(error_body(code, f"{zh}（{en}）"), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(SQLAlchemyError)
    async def _store_error(request: Request, exc: SQLAlchemyError) -> JSONResponse:
        err = store_unavailable(exc)
        log.warning("%s %s: %s", request.method, request.url.path, err.en)
        return JSONResponse(error_body(err.code, err.message), status_code=err.status, headers=err.headers)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(error_body("internal_error", "服务器内部错误（internal server error）"), status_code=500)
