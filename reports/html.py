"""HTML rendering: one document's report, and the index page of a batch.

Templates live in ``reports/templates`` and are rendered with autoescaping on: every string that
comes from a tender (brand names, quotes, file names) is untrusted. The page carries a
Content-Security-Policy that allows no script at all (report) or only our own sorting script,
pinned by its hash (index), so an escaping slip still could not run anything.
"""
from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from checker.findings import SEVERITIES, SEVERITY_ZH, Finding, family_label
from checker.model import Evidence
from checker.report import Report

from .context import RenderContext, context_from_engine
from .snippets import DEFAULT_IMAGE_BUDGET_BYTES, UNRENDERABLE_NOTE, Figure, PageImages

STANDARD_KIND_ZH = {
    "national": "国家标准", "industry": "行业标准", "local": "地方标准", "group": "团体标准",
    "enterprise": "企业标准", "international": "国际/国外标准",
}
BEIJING = timezone(timedelta(hours=8), "北京时间")  # users are in Zhejiang; China has no DST
# The fair-competition card lists at most this many scoring rows and qualification items (JSON has all).
FAIR_ROWS_MAX = 60
MAX_REPORT_BYTES = 4_800_000  # a report must stay under 5 MB even for a 300-page tender
BUDGET_STEP_BYTES = 100_000  # extra room taken off the image budget when a report runs over
_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True)
class FindingView:
    finding: Finding
    anchor: str
    where: str
    figures: list[Figure] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class IndexRow:
    report: Report
    href: str | None  # link to the document's own report, None when there is none


def render_html(report: Report, context: RenderContext | Any | None = None, *, source_path: str | None = None) -> str:
    """One report as a self-contained HTML page (images inlined).

    ``context`` is a :class:`RenderContext` or an ``Engine`` (its catalog and rules config go into
    the audit footer). Page images are cut from ``source_path`` (default ``report.path``); if that
    file is gone or changed, the report shows the evidence as text only.
    """
    ctx = _context(context)
    path = source_path or report.path
    use_images = ctx.page_images and report.format == "pdf" and not report.error
    cache: dict[tuple[int, float, float], str] = {}
    budget = DEFAULT_IMAGE_BUDGET_BYTES
    while True:  # past the size cap, fewer images (text never goes): usually one pass, rarely two
        html = _render_report(report, ctx, path, use_images, budget, cache)
        over = len(html.encode("utf-8")) - MAX_REPORT_BYTES
        if over <= 0 or not use_images or budget == 0:
            return html
        budget = max(0, budget - over - BUDGET_STEP_BYTES)


def with_html(ctx: RenderContext, report: Report, *, hide_path: bool = False) -> Report:
    """``report`` with its HTML page: a ``finish`` for checker.bounded, so the page images are cut
    from the file by the process that scanned it, under the same memory and time bounds. A page
    whose images cannot be made within the bounds is shown with its evidence as text.
    ``hide_path``: the report (and its page) leave out the file's path (a server's upload)."""
    source = report.path
    if hide_path:
        report.path = None
    try:
        report.html = render_html(report, ctx, source_path=source)
    except MemoryError:
        report.html = render_html(report, replace(ctx, page_images=False))
    return report


def _render_report(report: Report, ctx: RenderContext, path: str | None, use_images: bool, budget: int,
                   cache: dict[tuple[int, float, float], str]) -> str:
    with PageImages(path if use_images else None, report.sha256, budget_bytes=budget, cache=cache) as images:
        views = [
            FindingView(f, f"f{i}", _where(f.evidence), images.figures(f.evidence))
            for i, f in enumerate(_ordered(report.findings), start=1)
        ]
        # A waived finding keeps its evidence but sits in its own section, not in the counts.
        findings = [v for v in views if v.finding.waiver is None]
        waived = [v for v in views if v.finding.waiver is not None]
        note = _images_note(images, views) if use_images else None
        return _env().get_template("report.html.j2").render(
            report=report, ctx=ctx, findings=findings, waived=waived, crops=images.crops, images_note=note,
            severities=SEVERITIES, catalog=_catalog(report, ctx), scanned_at=_dt(report.scanned_at),
            css=_static("report.css"), script=None, script_hash=Markup("'none'"), fair_rows_max=FAIR_ROWS_MAX,
        )


def render_index(reports: Sequence[Report], context: RenderContext | Any | None = None,
                 links: Sequence[str | None] | None = None) -> str:
    """The batch summary: one sortable row per document, linking to ``links[i]`` when given."""
    ctx = _context(context)
    hrefs = list(links) if links is not None else [None] * len(reports)
    if len(hrefs) != len(reports):
        raise ValueError("links must have one entry per report")
    rows = [IndexRow(r, h) for r, h in zip(reports, hrefs)]
    totals: dict[str, int] = {s: sum(r.summary[s] for r in reports if not r.error) for s in SEVERITIES}
    totals["errors"] = sum(1 for r in reports if r.error)
    totals["flagged"] = sum(1 for r in reports if not r.error and r.summary["violation"])
    script = _static("sort.js")
    first = next((r for r in reports if r.catalog), None)
    return _env().get_template("index.html.j2").render(
        rows=rows, totals=totals, ctx=ctx, severities=SEVERITIES,
        catalog=_catalog(first, ctx), css=_static("report.css"),
        script=script, script_hash=Markup(csp_hash(str(script))),
    )


def _context(context: RenderContext | Any | None) -> RenderContext:
    return context if isinstance(context, RenderContext) else context_from_engine(context)


def _ordered(findings: Sequence[Finding]) -> list[Finding]:
    """Most severe first, then in document order; stable for findings without a page."""
    return sorted(findings, key=lambda f: (_SEVERITY_RANK[f.severity], f.page is None, f.page or 0))


def _where(evidence: Sequence[Evidence]) -> str:
    pages = sorted({e.page for e in evidence if e.page is not None})
    if pages:
        return "第 " + "、".join(map(str, pages[:5])) + (" 等" if len(pages) > 5 else "") + " 页"
    locations = [e.location for e in evidence if e.location]
    if locations:
        return locations[0] + (" 等" if len(locations) > 1 else "")
    return "全文"


def _images_note(images: PageImages, findings: list[FindingView]) -> str | None:
    wanted = any(e.page is not None and e.bbox is not None for fv in findings for e in fv.finding.evidence)
    if not wanted:
        return None
    if images.unavailable:
        return images.unavailable
    if images.budget_exhausted:
        return "页面截图数量已达上限，部分问题仅显示证据文字。"
    if images.failed:
        return UNRENDERABLE_NOTE
    return None


def _catalog(report: Report | None, ctx: RenderContext) -> dict[str, Any]:
    """Name, version, rows, sha256 and the built-in warning (catalog/provenance.py), never a path.
    The catalog recorded on the report is the one that judged it; the engine's is a fallback."""
    desc = (report.catalog if report is not None else None) or ctx.catalog or {}
    name = desc.get("name") or (PurePath(str(desc["path"]).replace("\\", "/")).name if desc.get("path") else None)
    when = desc.get("version") or (f"最新列入 {desc['latest_listed_on']}" if desc.get("latest_listed_on") else None)
    kind = "官方目录" if desc.get("official") else ("内置目录（非官方）" if desc.get("sample") else "用户提供的目录")
    return {"name": name or "未知目录", "version": when, "kind": kind, "sha256": desc.get("sha256"),
            "rows": desc.get("rows"), "warning": desc.get("warning")}


def _dt(value: datetime | None) -> str:
    if value is None:
        return "—"
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S") + "（北京时间）"


def _yuan(amount: float) -> str:
    text = f"{amount:,.2f} 元"
    return text + (f"（{amount / 10_000:,.2f} 万元）" if amount >= 10_000 else "")


def report_script_source() -> str:
    """The Content-Security-Policy source of the one script a report runs (its table sorting), for a
    server that serves reports and allows no other inline script."""
    return csp_hash(str(_static("sort.js")))


def csp_hash(script: str) -> str:
    """A script's Content-Security-Policy source (``'sha256-…'``): the script may run, nothing else inline."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _static(name: str) -> Markup:
    # Our own files, not document text: safe to insert unescaped.
    return Markup(resources.files("reports").joinpath("static", name).read_text(encoding="utf-8"))


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["sev_zh"] = lambda s: SEVERITY_ZH.get(s, s)
    env.filters["family_zh"] = family_label
    env.filters["kind_zh"] = lambda k: STANDARD_KIND_ZH.get(k, k)
    env.filters["yuan"] = _yuan
    env.filters["dt"] = _dt
    env.filters["filename"] = lambda p: PurePath(str(p).replace("\\", "/")).name  # never a server's folders
    return env
