"""The pipeline: ingest → normalise → extract facts → match catalog → run rules → report.

An ``Engine`` holds what is expensive to load (lexicons, the spaCy pipeline, the catalog, the
rules config) and is built once per process; ``scan`` is then cheap to call for each file.
"""
from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import errors
from .report import Report
from .settings import Settings

if TYPE_CHECKING:
    from .baseline import Baseline
    from .ingest.ahead import ReadAhead
    from .waivers import WaiverSet


class Engine:
    def __init__(self, settings: Settings | None = None, catalog_path: str | Path | None = None,
                 config_path: str | Path | None = None, select: Sequence[str] | None = None,
                 ignore: Sequence[str] = ()) -> None:
        """``select``/``ignore``: rule ids or prefixes (rules/select.py); None runs the enabled rules."""
        from .catalog import load_catalog
        from .rules import all_rules, load_config
        from .rules.select import chosen_rules

        self.settings = settings or Settings()
        self.config = load_config(config_path or self.settings.rules_config)
        self.catalog = load_catalog(catalog_path or self.settings.catalog, self.config)
        self.rule_ids: list[str] | None = None
        if select or ignore:
            ids = list(all_rules())
            self.rule_ids = chosen_rules(ids, [r for r in ids if self.config.rule(r).enabled], select, ignore)
        # The re-check loop (set by the CLI): accepted findings, and a previous report to compare with.
        self.waivers: WaiverSet | None = None
        self.baseline: Baseline | None = None

    def warm_up(self) -> None:
        """Load what a scan loads lazily (lexicons, spaCy/jieba, pdfium, numpy, python-docx, the layout
        modules) once: before forking the processes that scan (checker/bounded.py forks one per file;
        a batch forks workers), so they share it instead of each paying a second or more for it, and
        in a server's start-up, so its first request is as fast as its tenth."""
        from .facts import warm_up

        # pdfium's bindings and the layout modules, imported on a first scan otherwise (~1 s cold)
        from .ingest import aligned, docx, furniture, pdf, stitch  # noqa: F401

        warm_up()

    def scan(self, path: str | Path, as_of: date | None = None, display_name: str | None = None,
             ahead: ReadAhead | None = None, cores: int = 1) -> Report:
        """Scan one file. Never raises for a bad input: the report carries the error.

        ``ahead``: readers already reading this file's PDF in other processes (ingest/ahead.py).
        ``cores``: how many this scan may use; a long document's facts are then extracted in two
        processes (facts/__init__.py). The report is the same."""
        started = time.perf_counter()
        p = Path(path)
        report = Report(file=display_name or p.name, format=None, path=str(p))
        try:
            self._scan_into(report, p, as_of, ahead, cores)
        except errors.CheckerError as exc:
            report.error = exc.to_dict()
        except MemoryError:  # past the memory bound of the scanning process (bounded.py)
            from .limits import memory_error

            report.error = memory_error(self.settings.max_memory_mb).to_dict()
        except Exception as exc:  # noqa: BLE001 - one broken file must not stop a batch
            report.error = errors.InternalError("内部错误，请将此文件报告给开发者", f"internal error: {exc!r}").to_dict()
        report.catalog = self.catalog.describe()
        if report.error is None:
            self._recheck(report)
        report.elapsed_ms = int((time.perf_counter() - started) * 1000)
        return report

    def _recheck(self, report: Report) -> None:
        """Waivers first (a waiver of a finding the baseline drops still counts as used), then the baseline."""
        if self.waivers is not None:
            from .waivers import apply_waivers

            apply_waivers(report, self.waivers)
        if self.baseline is not None:
            from .baseline import apply_baseline

            apply_baseline(report, self.baseline)

    def _scan_into(self, report: Report, path: Path, as_of: date | None, ahead: ReadAhead | None,
                   cores: int) -> None:
        from .facts import extract
        from .ingest import load_document
        from .normalize import build_doctext
        from .rules import run_rules

        document = load_document(path, self.settings, ahead)
        report.format = document.format
        report.pages = document.page_count
        report.sha256 = document.sha256
        report.warnings = list(document.warnings)
        report.ocr_pages = list(document.ocr_pages)
        facts = extract(build_doctext(document), cores)
        report.facts = facts
        report.as_of = as_of or facts.document_date or date.today()
        if as_of is None and facts.document_date is None:
            report.warnings.append(
                f"未能识别文件日期，按扫描当日 {report.as_of.isoformat()} 判断首台套目录有效期；请用 --as-of 指定文件日期"
                "（no document date found: catalog validity judged on today's date）")
        self.catalog.annotate(facts, report.as_of)
        report.findings = run_rules(facts, self.catalog, report.as_of, self.config, self.rule_ids)
        _zone_findings(report)


def _zone_findings(report: Report) -> None:
    """Each finding sits where its first evidence does (rules quote facts, the outline knows where)."""
    from .facts.outline import Outline, zone_of

    outline = report.facts.outline
    if not isinstance(outline, Outline):
        return
    for finding in report.findings:
        if finding.zone is None:
            finding.zone = zone_of(outline, finding.evidence)
