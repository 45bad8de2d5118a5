"""``tendercheck diff OLD NEW``: what a revision of a tender fixed, what it broke, what remains.

Findings are paired by fingerprint (checker/fingerprint.py): a fingerprint only in OLD is
*fixed*, only in NEW is *new*, in both is *remaining*. Facts are compared by value: procurement
method, budget, funding, project name, and brand lists (an item with its set of brands, the key
brand-list findings use) added or removed. Both sides are ``tendercheck.report/1`` objects, so
OLD and NEW may each be a draft (scanned here) or a report written earlier by ``scan --format json``.

Exit status follows ``scan`` over the new findings only: 0 no new violation, 1 a new violation
(a new finding a waiver accepts does not count; ``--fail-on warning|info`` counts those too), 2 an input error.
"""
from __future__ import annotations

from typing import Any

from .errors import ConfigError
from .findings import SEVERITIES, SEVERITY_ZH
from .fingerprint import normalise

DIFF_SCHEMA_ID = "tendercheck.diff/1"
EXIT_OK, EXIT_NEW_VIOLATIONS, EXIT_ERROR = 0, 1, 2  # the scan command's convention
# Scalar facts compared between versions: (key in the diff, label, where in the report).
SCALAR_FACTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("procurement_method", "采购方式", ("procurement_method", "value")),
    ("budget_yuan", "预算/最高限价（元）", ("project", "budget_yuan")),
    ("funding", "资金来源", ("project", "funding")),
    ("project_name", "项目名称", ("project", "name")),
    ("first_set_mentioned", "首台套优先表述", ("first_set_mentioned",)),
)


def _get(report: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = report
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _brand_key(bl: dict[str, Any]) -> tuple[str, ...]:
    return (normalise(bl.get("item")), *sorted(normalise(b.get("name")) for b in bl.get("brands") or []))


def _brand_list(bl: dict[str, Any]) -> dict[str, Any]:
    ev = (bl.get("evidence") or [{}])[0]
    return {"item": bl.get("item"), "brands": [b.get("name") for b in bl.get("brands") or []],
            "equivalent_clause": bl.get("equivalent_clause"), "page": ev.get("page"), "text": ev.get("text"),
            "location": ev.get("location")}


def _side(report: dict[str, Any]) -> dict[str, Any]:
    return {k: report.get(k) for k in ("file", "format", "pages", "sha256", "as_of", "summary", "error", "waivers")}


def diff_reports(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The difference between two ``tendercheck.report/1`` objects, as a ``tendercheck.diff/1`` object."""
    for side, r in (("OLD", old), ("NEW", new)):
        if any(not f.get("fingerprint") for f in r.get("findings") or []):
            raise ConfigError(f"{side} 报告由旧版本生成，问题没有 fingerprint，请重新扫描该文件",
                              f"the {side} report has findings without a fingerprint: re-scan it")
    old_by = {f["fingerprint"]: f for f in old.get("findings") or []}
    new_by = {f["fingerprint"]: f for f in new.get("findings") or []}
    fixed = [f for fp, f in old_by.items() if fp not in new_by]
    added = [f for fp, f in new_by.items() if fp not in old_by]
    remaining = [{**f, "previous_page": old_by[fp].get("page")} for fp, f in new_by.items() if fp in old_by]

    changes = []
    for key, label, path in SCALAR_FACTS:
        a, b = _get(old, path), _get(new, path)
        if a != b:
            changes.append({"fact": key, "label": label, "old": a, "new": b})
    old_lists = {_brand_key(bl): bl for bl in old.get("brand_lists") or []}
    new_lists = {_brand_key(bl): bl for bl in new.get("brand_lists") or []}

    def counted(findings: list[dict[str, Any]]) -> dict[str, int]:
        out = {"violation": 0, "warning": 0, "info": 0}
        for f in findings:
            if not f.get("waiver") and f.get("severity") in out:
                out[f["severity"]] += 1
        return out

    return {
        "schema": DIFF_SCHEMA_ID,
        "old": _side(old),
        "new": _side(new),
        "findings": {"fixed": fixed, "new": added, "remaining": remaining},
        "facts": {
            "changed": changes,
            "brand_lists": {
                "added": [_brand_list(bl) for k, bl in new_lists.items() if k not in old_lists],
                "removed": [_brand_list(bl) for k, bl in old_lists.items() if k not in new_lists],
            },
        },
        "summary": {"fixed": len(fixed), "new": len(added), "remaining": len(remaining),
                    "new_waived": sum(1 for f in added if f.get("waiver")), "new_by_severity": counted(added)},
    }


def exit_status(diff: dict[str, Any], fail_on: str = "violation") -> int:
    """2 when a side could not be read; 1 when a new, unwaived finding is at least as severe as ``fail_on``."""
    if diff["old"].get("error") or diff["new"].get("error"):
        return EXIT_ERROR
    counted = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    new = diff["summary"]["new_by_severity"]
    return EXIT_NEW_VIOLATIONS if any(new[s] for s in counted) else EXIT_OK


def render_diff_text(diff: dict[str, Any]) -> str:
    old, new, s = diff["old"], diff["new"], diff["summary"]
    lines = [f"== {old['file']} → {new['file']}"]
    for side, label in ((old, "旧版"), (new, "新版")):
        if side.get("error"):
            lines.append(f"  {label}无法读取 [{side['error']['code']}]: {side['error']['message']}")
    lines.append(f"  已修改 {s['fixed']} · 新增 {s['new']} · 仍存在 {s['remaining']}"
                 + (f"（新增中已豁免 {s['new_waived']}）" if s["new_waived"] else ""))
    for change in diff["facts"]["changed"]:
        lines.append(f"  事实变化 {change['label']}: {_show(change['old'])} → {_show(change['new'])}")
    for kind, label in (("removed", "删除的品牌清单"), ("added", "新增的品牌清单")):
        for bl in diff["facts"]["brand_lists"][kind]:
            lines.append(f"  {label} {bl['item']}: {'、'.join(bl['brands'])}{_page(bl.get('page'))}")
    for kind, label in (("new", "新增"), ("fixed", "已修改"), ("remaining", "仍存在")):
        for f in diff["findings"][kind]:
            waived = f"（已豁免：{f['waiver']['reason']}）" if f.get("waiver") else ""
            name = f" {f['name_zh']}" if f.get("name_zh") else ""
            lines.append(f"  [{label}][{SEVERITY_ZH.get(f['severity'], f['severity'])}] {f['rule']}{name}"
                         f"{_page(f.get('page'))} {f['message']}{waived}")
            lines.append(f"      指纹: {f['fingerprint']}")
    return "\n".join(lines)


def _show(value: Any) -> str:
    if value is None:
        return "未识别"
    if isinstance(value, bool):
        return "有" if value else "无"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def _page(page: int | None) -> str:
    return f" 第{page}页" if page else ""
