"""HTML for the API: one document's report (the self-check page) and a job's batch summary.

A document's report uses the shared renderer in ``reports/`` (page images, audit footer) when it
is installed; the batch summary is rendered here from the stored ``tendercheck.report/1`` JSON,
which is what the job store keeps. Autoescaping is on: every string comes from a tender.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from checker.catalog.provenance import describe_text
from checker.findings import FAMILY_LABELS, SEVERITY_ZH, rule_name_zh
from checker.report import Report

from .store import SHOWN_FINDINGS

STATE_ZH = {"queued": "排队中", "running": "扫描中", "done": "已完成", "error": "无法读取"}


@cache
def env() -> Environment:
    e = Environment(loader=PackageLoader("api", "templates"), autoescape=select_autoescape(default=True),
                    trim_blocks=True, lstrip_blocks=True)
    e.globals.update(severity_zh=SEVERITY_ZH, state_zh=STATE_ZH, rule_name_zh=rule_name_zh, family_zh=FAMILY_LABELS)
    return e


def render_document(report: Report, source: Path | None, engine: Any, waiver_picker: bool = False) -> str:
    """A document's report page: the same renderer as ``tendercheck scan --format html``. The page
    the scan worker rendered (``scan_now(answer="html")``), with page images; else one without images:
    images are never cut from a file in the server's own process (no memory or time bound here).

    ``waiver_picker``: a box by each finding, which the self-check page reads to build a waiver file."""
    if report.html is not None:
        return report.html
    from reports.context import context_from_engine
    from reports.html import render_html

    return render_html(report, context_from_engine(engine, waiver_picker=waiver_picker, page_images=False))


def render_batch(job: Any, rows: list[tuple[int, str, str, dict[str, Any] | None]]) -> str:
    totals = {s: 0 for s in SEVERITY_ZH}
    for _, _, _, rep in rows:
        if rep and not rep.get("error"):
            for s in totals:
                totals[s] += int((rep.get("summary") or {}).get(s, 0))
    # Which catalog judged the files (what the reports recorded; the first is as good as any in one job).
    catalog = next((rep.get("catalog") for _, _, _, rep in rows if rep and rep.get("catalog")), None)
    return env().get_template("batch.html").render(job=job, rows=rows, totals=totals, catalog=catalog, shown=SHOWN_FINDINGS,
                                                   catalog_text=describe_text(catalog) if catalog else None)


def render_file(job: Any, index: int, name: str, client_id: str | None, report: dict[str, Any]) -> str:
    """One job file's report page, from its stored ``tendercheck.report/1`` JSON (no page images:
    the upload is gone once scanned)."""
    catalog = report.get("catalog")
    return env().get_template("file.html").render(job=job, index=index, name=name, client_id=client_id, rep=report,
                                                  catalog_text=describe_text(catalog) if catalog else None)
