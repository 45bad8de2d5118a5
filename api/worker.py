"""What runs inside a scan worker process.

Workers come from a ``forkserver`` context: forking the server itself (threads, an event loop,
open DB connections) risks a child inheriting a held lock. Each worker builds its engine once
in the initializer; the catalog path travels with every task so a ``PUT /v1/catalog`` reaches
workers without restarting them.
"""
from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path
from typing import Any, Literal

from checker import errors
from checker.baseline import Baseline
from checker.bounded import scan_bounded
from checker.catalog import load_catalog
from checker.engine import Engine
from checker.ingest.ahead import read_ahead_for
from checker.report import Report
from checker.settings import OcrMode, Settings
from checker.waivers import WaiverSet

ScanAnswer = Literal["report", "json", "html"]
"""What a scan hands back from its worker: the report itself (its whole fact graph), its JSON text
only (``Report.serialized``, written by the scanning child), or the report with its HTML page."""

_ENGINE: Engine | None = None
_CATALOG: str | None = None


def init_worker(settings: Settings, catalog_path: str | None) -> None:
    global _ENGINE, _CATALOG
    _ENGINE = Engine(settings, catalog_path)
    _ENGINE.warm_up()  # here, not in each file's scanning child forked from here (checker/bounded.py)
    _CATALOG = catalog_path


def ready() -> bool:
    """A task that only makes the pool start its workers (and so run ``init_worker``) at once."""
    return _ENGINE is not None


def scan_file(path: str, name: str, as_of: date | None, catalog_path: str | None, answer: ScanAnswer = "report",
              waiver_picker: bool = False, waivers: WaiverSet | None = None, read_ahead: bool = False,
              baseline: Baseline | None = None, ocr: OcrMode | None = None) -> Report:
    """Scan one file under the memory and time bounds (checker/bounded.py), ``waivers`` applied; for
    an ``"html"`` answer its HTML page is rendered there too, so page images are never cut in the
    server's process.

    ``read_ahead``: a lone file, whose scan would otherwise use one core, gets ``lone_file_cores``
    (settings): a big PDF is read by that many processes while the scanning one lays it out
    (checker/ingest/ahead.py), and a long document's facts are extracted in two (checker/aside.py).

    A ``"json"`` answer is the report's JSON text (``Report.serialized``), written by the scanning
    child, instead of the whole fact graph pickled twice (child → worker → server) and written again
    by the server: a 1000-page tender's answer 1.5 s sooner, and the server's CPU left to requests."""
    global _CATALOG
    assert _ENGINE is not None, "init_worker was not run"
    if catalog_path != _CATALOG:
        _ENGINE.catalog = load_catalog(catalog_path or _ENGINE.settings.catalog, _ENGINE.config)
        _CATALOG = catalog_path
    finish = None
    if answer == "html":
        from reports.context import context_from_engine
        from reports.html import with_html

        finish = functools.partial(with_html, context_from_engine(_ENGINE, waiver_picker=waiver_picker), hide_path=True)
    _ENGINE.waivers, _ENGINE.baseline = waivers, baseline  # this request's: applied by engine.scan in the scanning child
    cores = max(1, _ENGINE.settings.lone_file_cores) if read_ahead else 1
    if answer == "json":
        finish = functools.partial(_as_json, cores)
    reader = read_ahead_for(Path(path), _ENGINE.settings, cores) if read_ahead else None
    server_ocr = _ENGINE.settings.ocr
    if ocr is not None:  # this request's OCR mode, for its scan only
        _ENGINE.settings.ocr = ocr
    try:
        report = scan_bounded(_ENGINE, Path(path), as_of, display_name=name, ahead=reader, finish=finish,
                              cores=cores)
    finally:
        _ENGINE.waivers = _ENGINE.baseline = None
        if reader is not None:
            reader.close()  # stopped with its scan, if that hit a bound
        _ENGINE.settings.ocr = server_ocr
    report.path = None  # the server's upload path is not the client's business
    return report


def _as_json(cores: int, report: Report) -> Report:
    report.path = None  # the server's upload path is not the client's business
    return report.serialized_only(report.to_json(cores=cores))


def report_dict(report: Report) -> dict[str, Any]:
    """The report's JSON object: read back from its text where the scanning child wrote it."""
    if report.serialized is not None:
        parsed: dict[str, Any] = json.loads(report.serialized)
        return parsed
    return report.to_dict()


def failed_report(name: str, error: errors.CheckerError) -> Report:
    report = Report(file=name, format=None)
    report.error = error.to_dict()
    return report


CURRENT_CATALOG_FILE = "current"  # in the catalog dir: the name of the catalog PUT last


def current_catalog(catalog_dir: Path, default: Path | None) -> str | None:
    """The catalog a restarted server should use: the last one PUT, else the configured one."""
    pointer = catalog_dir / CURRENT_CATALOG_FILE
    if pointer.is_file():
        path = catalog_dir / pointer.read_text(encoding="utf-8").strip()
        if path.is_file():
            return str(path)
    return str(default) if default else None
