"""``scan --baseline OLD.json``: report only the findings a previous report did not have.

For platforms re-scanning amended tenders (semgrep's ``--baseline-commit``): a finding whose
fingerprint (checker/fingerprint.py) is in the baseline report of the same document is left out,
and the report says how many were left out and against which report. The baseline is a
``tendercheck.report/1`` JSON object, an array of them, or JSON lines (what ``scan --format
json|jsonl`` writes). A document is looked up by file name; a baseline holding a single report
applies to whatever file is scanned (the amended draft usually has a new name).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Baseline:
    source: str
    by_file: dict[str, frozenset[str]]

    def for_file(self, file: str) -> tuple[str, frozenset[str]] | None:
        name = Path(file).name
        if name in self.by_file:
            return name, self.by_file[name]
        if len(self.by_file) == 1:
            return next(iter(self.by_file.items()))
        return None


def read_reports(path: str | Path) -> list[dict[str, Any]]:
    """Reports from a ``scan --format json|jsonl`` output file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取报告文件：{p}", f"cannot read report file {p}: {exc}") from exc
    return parse_reports(text, str(p))


def parse_reports(text: str, source: str) -> list[dict[str, Any]]:
    """Reports from the text of a JSON report, an array of them, or JSON lines; ``source`` names it in errors."""
    try:
        data = json.loads(text)
        reports = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        try:
            reports = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{source} 不是 tendercheck 的 JSON 报告", f"{source} is not a JSON/JSONL report: {exc}") from exc
    for r in reports:
        if not isinstance(r, dict) or not str(r.get("schema", "")).startswith("tendercheck.report/"):
            raise ConfigError(f"{source} 不是 tendercheck 的 JSON 报告（缺少 schema 字段）",
                              f"{source} is not a tendercheck.report JSON report")
        if any(not isinstance(f, dict) or not f.get("fingerprint") for f in r.get("findings") or []):
            raise ConfigError(f"{source} 是旧版本生成的报告，问题没有 fingerprint，请用当前版本重新扫描旧文件",
                              f"{source} was written by an older tendercheck: findings have no fingerprint; re-scan")
    return reports


def load_baseline(path: str | Path) -> Baseline:
    return baseline_of(read_reports(path), Path(path).name)


def baseline_of(reports: list[dict[str, Any]], source: str) -> Baseline:
    by_file: dict[str, frozenset[str]] = {}
    for r in reports:
        prints = frozenset(f["fingerprint"] for f in r.get("findings") or [])
        name = Path(str(r.get("file") or "")).name
        by_file[name] = by_file.get(name, frozenset()) | prints
    return Baseline(source, by_file)


def apply_baseline(report: Any, baseline: Baseline) -> None:
    """Drop from ``report`` (a ``checker.report.Report``) the findings already in the baseline."""
    found = baseline.for_file(report.file)
    if found is None:
        report.warnings.append(f"基线 {baseline.source} 中没有 {report.file} 的报告，全部问题照常列出"
                               f"（no baseline report for {report.file}）")
        report.baseline = {"source": baseline.source, "file": None, "suppressed": 0}
        return
    name, prints = found
    kept = [f for f in report.findings if f.fingerprint not in prints]
    report.baseline = {"source": baseline.source, "file": name, "suppressed": len(report.findings) - len(kept)}
    report.findings = kept
