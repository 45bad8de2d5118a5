"""Which catalog judged a report: its name, version or date, rows and sha256 — never a path.

A CSV catalog may state what it is in comment lines above its header, e.g. the shipped one:

    # @name: 浙江省首台（套）产品公开报道摘录（内置，非官方目录）
    # @version: 2026-12-02
    # @official: no

Without them a catalog is named by its file name (no folders: on a server they would leak its
layout) and dated by its newest listing. "official" is claimed only when the file itself says
``@official: yes``; the built-in catalog always carries ``SAMPLE_WARNING_ZH``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any

META_LINE = re.compile(r"^#\s*@(?P<key>[a-z_]+)\s*:\s*(?P<value>.*?)\s*$")
META_SCAN_LINES = 40  # metadata sits above the header
YES = {"yes", "true", "1", "是"}

SAMPLE_WARNING_ZH = (
    "注意：本次检查使用的是内置目录——公开报道中的少量首台套产品摘录，不是官方《浙江省首台（套）产品推广应用指导目录》，"
    "既不完整，其中产品也多已超过有效期。据此得出的“目录中没有相关产品”等结论不能作为合规依据；"
    "正式审核请加载现行官方目录（命令行 --catalog 文件，API 为 PUT /v1/catalog）。"
)
SAMPLE_WARNING_EN = ("built-in catalog: a small extract of public reports, not the official catalog; "
                     "load the current official catalog with --catalog (CLI) or PUT /v1/catalog (API)")


@dataclass(frozen=True, slots=True)
class Provenance:
    name: str
    file_name: str
    version: str | None
    latest_listed_on: date | None
    rows: int
    sha256: str
    sample: bool
    official: bool

    def to_dict(self, validity_years: int) -> dict[str, Any]:
        return {
            "name": self.name, "file_name": self.file_name, "version": self.version,
            "latest_listed_on": self.latest_listed_on.isoformat() if self.latest_listed_on else None,
            "rows": self.rows, "sha256": self.sha256, "sample": self.sample, "official": self.official,
            "validity_years": validity_years,
            # "path" predates provenance: kept for readers of report/1, now the file name only.
            "path": self.file_name,
            "warning": SAMPLE_WARNING_ZH if self.sample else None,
        }


def read_meta(data: bytes) -> dict[str, str]:
    """``# @key: value`` lines at the top of a text catalog (empty for XLSX/PDF or none given)."""
    if data.startswith(b"PK") or data[:1024].find(b"%PDF-") >= 0:
        return {}
    head = data[:16_384].decode("utf-8-sig", errors="replace").splitlines()[:META_SCAN_LINES]
    meta: dict[str, str] = {}
    for line in head:
        m = META_LINE.match(line)
        if m:
            meta[m["key"]] = m["value"]
    return meta


def provenance(data: bytes, file_name: str, rows: int, sha256: str, latest: date | None, sample: bool) -> Provenance:
    meta = read_meta(data)
    base = PurePath(file_name.replace("\\", "/")).name or "catalog"
    return Provenance(
        name=meta.get("name") or base, file_name=base, version=meta.get("version") or None,
        latest_listed_on=latest, rows=rows, sha256=sha256, sample=sample,
        official=not sample and meta.get("official", "").lower() in YES,
    )


def describe_text(desc: dict[str, Any] | None) -> str:
    """One line for a person: "名称（版本 …，N 条，SHA-256 …）"."""
    if not desc:
        return "未知目录"
    when = f"版本 {desc['version']}" if desc.get("version") else (
        f"最新列入 {desc['latest_listed_on']}" if desc.get("latest_listed_on") else "版本未注明")
    kind = "官方目录" if desc.get("official") else ("内置目录" if desc.get("sample") else "用户提供的目录")
    return f"{desc.get('name')}（{kind}，{when}，{desc.get('rows')} 条，SHA-256 {desc.get('sha256')}）"
