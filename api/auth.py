"""API keys per tenant, sent as ``Authorization: Bearer <key>``.

Keys come from a YAML file (``TENDERCHECK_KEYS_FILE``) and/or the environment
(``TENDERCHECK_API_KEYS="tenant:key[:admin],…"``). In the file a key may be stored as
``sha256:<hex>`` so the file holds no usable secret::

    tenants:
      - id: city-bureau
        admin: true
        keys: ["sha256:9f86d08…", "a-plain-key"]

Comparison is on SHA-256 digests with ``hmac.compare_digest``.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import yaml
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from checker.errors import ConfigError

from .errors import ApiError

HASH_PREFIX = "sha256:"


@dataclass(frozen=True, slots=True)
class Tenant:
    id: str
    admin: bool = False


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class KeyStore:
    def __init__(self) -> None:
        self._by_digest: dict[str, Tenant] = {}

    def add(self, tenant: Tenant, key: str, where: str) -> None:
        key = key.strip()
        digest = key[len(HASH_PREFIX):].lower() if key.startswith(HASH_PREFIX) else _digest(key)
        if not key or len(digest) != 64:
            raise ConfigError(f"API 密钥无效：{where}", f"invalid API key at {where}")
        if not (key.isascii() and key.isprintable() and " " not in key):
            # An Authorization header carries bytes as latin-1: a key with 中文 or a space could be
            # configured but never sent, so refuse it at start-up instead of answering 401 forever.
            raise ConfigError(f"API 密钥只能由 ASCII 可见字符组成（HTTP 头无法传输中文或空格）：{where}",
                              f"API key must be printable ASCII without spaces at {where}")
        other = self._by_digest.get(digest)
        if other is not None and other != tenant:
            raise ConfigError(f"同一密钥属于两个租户：{where}", f"one key given to two tenants at {where}")
        self._by_digest[digest] = tenant

    def lookup(self, key: str) -> Tenant | None:
        digest = _digest(key)
        for known, tenant in self._by_digest.items():
            if hmac.compare_digest(known, digest):
                return tenant
        return None

    def __len__(self) -> int:
        return len(self._by_digest)

    @classmethod
    def load(cls, keys_file: Path | None, inline: str | None) -> KeyStore:
        store = cls()
        if keys_file is not None:
            store._load_file(Path(keys_file))
        for n, entry in enumerate(filter(None, (e.strip() for e in (inline or "").split(","))), 1):
            parts = entry.split(":")
            if len(parts) not in (2, 3) or not parts[0] or (len(parts) == 3 and parts[2] != "admin"):
                raise ConfigError(f"TENDERCHECK_API_KEYS 第 {n} 项格式应为 租户:密钥[:admin]",
                                  f"TENDERCHECK_API_KEYS entry {n}: expected tenant:key[:admin]")
            store.add(Tenant(parts[0], len(parts) == 3), parts[1], f"TENDERCHECK_API_KEYS entry {n}")
        return store

    def _load_file(self, path: Path) -> None:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"无法读取密钥文件 {path}", f"cannot read keys file {path}: {exc}") from exc
        tenants = data.get("tenants") if isinstance(data, dict) else None
        if not isinstance(tenants, list):
            raise ConfigError(f"密钥文件 {path} 缺少 tenants 列表", f"keys file {path}: expected a 'tenants' list")
        for i, t in enumerate(tenants):
            where = f"{path}: tenants[{i}]"
            if not isinstance(t, dict) or not isinstance(t.get("id"), str) or not isinstance(t.get("keys"), list):
                raise ConfigError(f"密钥文件格式错误：{where}（需要 id 与 keys）", f"{where}: needs 'id' and 'keys'")
            tenant = Tenant(t["id"], bool(t.get("admin", False)))
            for j, key in enumerate(t["keys"]):
                self.add(tenant, str(key), f"{where}.keys[{j}]")


bearer = HTTPBearer(auto_error=False, description="租户 API 密钥（tenant API key）")


def current_tenant(request: Request,
                   credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Tenant:
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError(401, "unauthorized", "缺少 API 密钥，请使用 Authorization: Bearer <密钥>",
                       "missing API key: send Authorization: Bearer <key>", challenge)
    tenant: Tenant | None = request.app.state.keys.lookup(credentials.credentials)
    if tenant is None:
        raise ApiError(401, "unauthorized", "API 密钥无效", "invalid API key", challenge)
    return tenant


def admin_tenant(tenant: Annotated[Tenant, Depends(current_tenant)]) -> Tenant:
    if not tenant.admin:
        raise ApiError(403, "forbidden", "仅管理员可执行此操作", "admin key required")
    return tenant


TenantDep = Annotated[Tenant, Depends(current_tenant)]
AdminDep = Annotated[Tenant, Depends(admin_tenant)]
