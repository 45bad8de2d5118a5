"""The report: schema ``tendercheck.report/1`` (SPEC "Report JSON"). Fields may be added, never renamed."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from . import __version__
from .facts.model import Clause, Facts
from .facts.outline import Outline

# Re-exported: code written against checker.report (third-party rules among it) keeps working.
from .findings import SEVERITIES, SEVERITY_ZH, Basis, Finding, Severity, _zone  # noqa: F401
from .model import Evidence

if TYPE_CHECKING:
    from .waivers import Outcome

SCHEMA_ID = "tendercheck.report/1"


def _clause(c: Clause, ev: Any) -> dict[str, object]:
    return {"kind": c.kind, "text": c.text, "factor": c.factor, "points": c.points,
            "credentials": list(c.credentials), "reasons": list(c.reasons),
            "hits": [{"topic": h.topic, "phrase": h.phrase, "evidence": ev(h.evidence)} for h in c.hits],
            "evidence": ev(c.evidence), "zone": _zone(c.zone), "table": c.table}


# The report's outline: headings down to this level, and every classified one, at most OUTLINE_LIMIT.
OUTLINE_MAX_LEVEL = 3
OUTLINE_LIMIT = 200


@dataclass(slots=True)
class Report:
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
    catalog: dict[str, Any] | None = None  # {"path", "sha256", "rows"}: which catalog judged this
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
        f = self.facts

        def ev(items: Iterable[Evidence]) -> list[dict[str, object]]:
            return [e.to_dict() for e in items]

        return {
            "schema": SCHEMA_ID,
            "tool": {"name": "tendercheck", "version": __version__},
            "file": self.file,
            "path": self.path,
            "format": self.format,
            "pages": self.pages,
            "sha256": self.sha256,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "document_date": f.document_date.isoformat() if f.document_date else None,
            "procurement_method": {"value": f.method.value, "evidence": ev(f.method.evidence),
                                   "zone": _zone(f.method.zone), "reason": f.method.reason},
            "project": {
                "name": f.project.name, "code": f.project.code, "purchaser": f.project.purchaser,
                "agency": f.project.agency, "budget_yuan": f.project.budget_yuan,
                "funding": f.project.funding, "field": f.project.field,
            },
            "project_zones": {name: z.to_dict() for name, z in f.project.zones.items()},
            # Why a project fact is null although the document speaks of it, by field name (Chinese).
            "project_reasons": dict(f.project.reasons),
            "brand_lists": [
                {
                    "item": bl.item,
                    "brands": [
                        {"name": b.name, "catalog": None if b.catalog is None else {
                            "company": b.catalog.company, "product": b.catalog.product,
                            "category": b.catalog.category, "level": b.catalog.level,
                            "listed_on": b.catalog.listed_on.isoformat(), "exit_on": b.catalog.exit_on.isoformat(),
                            "valid": b.catalog.valid, "matched_on": b.catalog.matched_on, "alias": b.catalog.alias,
                        }}
                        for b in bl.brands
                    ],
                    "equivalent_clause": bl.equivalent_clause,
                    "source": bl.source,
                    "designation": {"how": bl.how, "score": bl.score, "reasons": list(bl.reasons),
                                    "equivalent_scope": bl.equivalent_scope},
                    "evidence": ev(bl.evidence),
                    "zone": _zone(bl.zone),
                }
                for bl in f.brand_lists
            ],
            "standards": [
                {"code": s.code, "kind": s.kind, "title": s.title, "item": s.item, "producer": s.producer,
                 "evidence": ev(s.evidence), "zone": _zone(s.zone)}
                for s in f.standards
            ],
            "performance_requirements": [
                {"text": p.text, "first_set_equivalence": p.first_set_equivalence, "kind": p.kind,
                 "evidence": ev(p.evidence), "zone": _zone(p.zone)}
                for p in f.performance_requirements
            ],
            "new_product_exclusions": [
                {"text": x.text, "exempts_first_set": x.exempts_first_set, "evidence": ev(x.evidence),
                 "zone": _zone(x.zone)}
                for x in f.new_product_exclusions
            ],
            # Fair-competition facts (FC rules): what the tender asks of bidders and how it scores them.
            "qualification_requirements": [_clause(c, ev) for c in f.qualifications],
            "scoring_rows": [_clause(c, ev) for c in f.scoring_rows],
            "clauses": [_clause(c, ev) for c in f.clauses],
            "deposits": [
                {"kind": d.kind, "amount_yuan": d.amount_yuan, "percent": d.percent, "text": d.text,
                 "reasons": list(d.reasons), "evidence": ev(d.evidence), "zone": _zone(d.zone)}
                for d in f.deposits
            ],
            "sme_policy": {"price_deduction": f.sme.price_deduction, "reserved": f.sme.reserved,
                           "price_scoring": f.sme.price_scoring, "evidence": ev(f.sme.evidence),
                           "price_scoring_evidence": ev(f.sme.price_scoring_evidence),
                           "blank_deductions": [ev(b) for b in f.sme.blank_evidence]},
            "first_set_mentioned": f.first_set_mentioned,
            "first_set_evidence": ev(f.first_set_evidence),
            "outline": (f.outline.summary(OUTLINE_MAX_LEVEL, OUTLINE_LIMIT)
                        if isinstance(f.outline, Outline) else []),
            "findings": [x.to_dict() for x in self.findings],
            "summary": self.summary,
            "waivers": self.waivers.to_dict() if self.waivers else None,
            "baseline": self.baseline,
            "warnings": list(self.warnings),
            **({"ocr_pages": list(self.ocr_pages)} if self.ocr_pages else {}),
            "catalog": self.catalog,
            "elapsed_ms": self.elapsed_ms,
            "error": self.error,
        }
