"""The report: schema ``tendercheck.report/1`` (SPEC "Report JSON"). Fields may be added, never renamed."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from .facts.model import Facts

# Re-exported: code written against checker.report (third-party rules among it) keeps working.
from .findings import SEVERITIES, SEVERITY_ZH, Basis, Finding, Severity  # noqa: F401
from .limits import gc_paused
from .model import Evidence  # noqa: F401
from .schema.models import SCHEMA_ID
from .schema.models import Report as ReportJSON

if TYPE_CHECKING:
    from .waivers import Outcome

T = TypeVar("T")


@dataclass(slots=True)
class Report:
    schema: ClassVar[str] = SCHEMA_ID  # the JSON it is written as (to_dict)
    file: str
    format: str | None
    pages: int | None = None
    sha256: str | None = None
    as_of: date | None = None
    facts: Facts = field(default_factory=Facts)
    findings: list[Finding] = field(default_factory=list)
    error: dict[str, str] | None = None
    warnings: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text was read by OCR
    path: str | None = None
    catalog: dict[str, Any] | None = None  # which catalog judged this (catalog/provenance.py)
    elapsed_ms: int | None = None
    # Set on a report reduced to its serialised form (see ``serialized_only``).
    serialized: str | None = None
    stored_summary: dict[str, int] | None = None
    waivers: Outcome | None = None  # what a waiver file did to this report (checker/waivers.py)
    baseline: dict[str, Any] | None = None  # findings left out as already in a baseline report
    # The report's HTML page, when it was rendered by the process that scanned the file (page
    # images are cut from the file there, under the same bounds as the scan; see checker/bounded.py).
    html: str | None = None
    # When the scan started (UTC); shown in the HTML report's audit footer.
    scanned_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def serialized_only(self, text: str) -> Report:
        """This report as ``text`` plus what a batch needs to know (file, error, counts): a worker
        process sends this back instead of the whole fact graph, so the parent does no
        serialising of its own and a batch scales with the workers."""
        return Report(file=self.file, format=self.format, pages=self.pages, sha256=self.sha256, as_of=self.as_of,
                      error=self.error, path=self.path, serialized=text, stored_summary=self.summary)

    @property
    def summary(self) -> dict[str, int]:
        if self.stored_summary is not None:
            return dict(self.stored_summary)
        counts: dict[str, int] = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            if f.waiver is None:  # a waived finding stays listed but is not counted
                counts[f.severity] += 1
        return counts

    @property
    def waived(self) -> list[Finding]:
        return [f for f in self.findings if f.waiver is not None]

    def to_dict(self) -> dict[str, Any]:
        """The report's ``tendercheck.report/1`` JSON object, through its model (checker/schema/models.py)."""
        return self._dumped(lambda m: m.model_dump(mode="json"))

    def to_json(self, indent: int | None = None, cores: int = 1) -> str:
        """The report's JSON text, written by pydantic-core straight from the model (no dict between).

        ``cores``: with two or more, a long report is written in two processes (``split_json``); the
        same text."""
        if cores > 1:
            from .split_json import split_json

            with gc_paused():
                text = split_json(self, indent)
            if text is not None:
                return text
        return self._dumped(lambda m: m.model_dump_json(indent=indent))

    def _dumped(self, dump: Callable[[ReportJSON], T]) -> T:
        # The model has an object for every fact, evidence and zone: tens of thousands for a long
        # tender, each allocation a step towards a collection that would walk them and the whole fact
        # graph, for nothing (they hold no cycles and are freed when dumped). Held off meanwhile: a
        # generated 300-page tender's to_dict in 80 ms of CPU instead of 140 (bench/report_json.py).
        with gc_paused():
            return dump(ReportJSON.model_validate(self))
