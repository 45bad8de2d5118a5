"""Reports as CSV for spreadsheets: one row per finding, and one row for each file without findings
(clean, or unreadable), so every scanned file is on the sheet and its ``status`` says which.

Headers are Chinese by default (``--csv-headers en`` for the English ones tools read). UTF-8 with a
byte-order mark, CRLF rows and every cell quoted, so Excel opens the Chinese text and cells holding
line breaks (one legal basis per line) correctly on double-click. Cells that would start a formula
get a leading apostrophe: document text is untrusted, and a brand name like "=HYPERLINK(...)" must
stay text (OWASP "CSV injection").
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Literal

from checker.findings import SEVERITY_ZH
from checker.report import Report

BOM = "\ufeff"
# (English header, Chinese header). The first thirteen are the English columns of earlier versions,
# in their order; later ones are appended, never renamed.
COLUMN_HEADERS = (
    ("file", "文件"), ("rule", "规则编号"), ("severity", "级别代码"), ("page", "页码"), ("item", "采购品目"),
    ("message", "问题"), ("severity_zh", "级别"), ("name", "规则英文名"), ("location", "位置"),
    ("evidence", "文件原文"), ("suggestion", "修改建议"), ("basis", "依据"), ("error", "错误"),
    ("status", "状态"), ("name_zh", "规则名称"), ("zone", "所在部分"),
    ("catalog", "首台套目录"), ("catalog_rows", "目录条数"), ("catalog_sha256", "目录SHA-256"),
    ("catalog_warning", "目录提示"), ("fingerprint", "指纹"), ("waiver", "豁免理由"),
)
COLUMNS = tuple(en for en, _ in COLUMN_HEADERS)
STATUS = {  # file status → (English, Chinese)
    "violations": ("violations", "有违规"), "findings": ("findings", "需注意"),
    "clean": ("clean", "未发现问题"), "unreadable": ("unreadable", "无法读取"),
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def file_status(report: Report) -> str:
    if report.error:
        return "unreadable"
    if report.summary["violation"]:
        return "violations"
    return "findings" if any(report.summary.values()) else "clean"


def render_csv(reports: Iterable[Report], headers: Literal["zh", "en"] = "zh") -> str:
    zh = headers == "zh"
    buf = io.StringIO()
    buf.write(BOM)
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([h_zh if zh else h_en for h_en, h_zh in COLUMN_HEADERS])
    for report in reports:
        status_en, status_zh = STATUS[file_status(report)]
        cat = report.catalog or {}
        common = {
            "file": report.file, "status": status_zh if zh else status_en,
            "catalog": cat.get("name") or "", "catalog_rows": cat.get("rows") if cat.get("rows") is not None else "",
            "catalog_sha256": cat.get("sha256") or "", "catalog_warning": cat.get("warning") or "",
        }
        if report.error:
            writer.writerow(_row({**common, "error": f"[{report.error.get('code', '')}] {report.error.get('message', '')}"}))
            continue
        if not report.findings:
            writer.writerow(_row(common))
            continue
        for f in report.findings:
            writer.writerow(_row({
                **common, "rule": f.rule, "severity": f.severity, "page": f.page if f.page is not None else "",
                "item": f.item or "", "message": f.message, "severity_zh": SEVERITY_ZH.get(f.severity, f.severity),
                "name": f.name, "name_zh": f.name_zh,
                "location": "；".join(e.location for e in f.evidence if e.location),
                "zone": f.zone.text if f.zone is not None else "",
                "evidence": " … ".join(e.text for e in f.evidence), "suggestion": f.suggestion,
                "basis": "\n".join(f.basis.lines()), "fingerprint": f.fingerprint or "",
                # A waived finding stays on the sheet, with why it is accepted (it is not counted).
                "waiver": f.waiver.reason if f.waiver is not None else "",
            }))
    return buf.getvalue()


def _row(values: dict[str, object]) -> list[object]:
    return [_safe(values.get(c, "")) for c in COLUMNS]


def _safe(v: object) -> object:
    return "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v
