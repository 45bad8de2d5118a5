"""Findings as CSV for spreadsheets: one row per finding, one row per unreadable file.

UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly on double-click. Cells that
would start a formula are quoted with a leading apostrophe: document text is untrusted, and a
brand name like "=HYPERLINK(...)" must stay text (OWASP "CSV injection").
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from checker.findings import SEVERITY_ZH
from checker.report import Report

BOM = "\ufeff"
COLUMNS = ("file", "rule", "severity", "page", "item", "message",
           "severity_zh", "name", "location", "evidence", "suggestion", "basis", "error")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render_csv(reports: Iterable[Report]) -> str:
    buf = io.StringIO()
    buf.write(BOM)
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for report in reports:
        if report.error:
            writer.writerow(_safe([report.file, "", "", "", "", "", "", "", "", "", "", "",
                                   f"[{report.error.get('code', '')}] {report.error.get('message', '')}"]))
            continue
        for f in report.findings:
            locations = [e.location for e in f.evidence if e.location]
            writer.writerow(_safe([
                report.file, f.rule, f.severity, f.page if f.page is not None else "", f.item or "", f.message,
                SEVERITY_ZH.get(f.severity, f.severity), f.name, "；".join(locations),
                " … ".join(e.text for e in f.evidence), f.suggestion,
                f"{f.basis.document} {f.basis.clause}".strip(), "",
            ]))
    return buf.getvalue()


def _safe(row: list[object]) -> list[object]:
    return ["'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v for v in row]
