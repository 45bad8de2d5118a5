"""What a rule reports: a finding, the clause it rests on, its severity (SPEC "Report JSON").

Low in the layers (above facts, below rules and the report) so that rules, the report, renderers,
the CLI and the API all take the severity names and their Chinese labels from here, once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .facts.outline import Zone
from .model import Evidence

Severity = Literal["violation", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("violation", "warning", "info")
# How a person reads a severity, everywhere (text, HTML, CSV, the page, rule docs).
SEVERITY_ZH: dict[str, str] = {"violation": "违规", "warning": "警告", "info": "提示"}


@dataclass(frozen=True, slots=True)
class Basis:
    document: str
    clause: str
    quote: str

    def to_dict(self) -> dict[str, str]:
        return {"document": self.document, "clause": self.clause, "quote": self.quote}


@dataclass(slots=True)
class Finding:
    rule: str
    name: str
    severity: Severity
    message: str
    item: str | None
    basis: Basis
    suggestion: str
    evidence: list[Evidence] = field(default_factory=list)
    zone: Zone | None = None  # where its first evidence sits in the tender (set by the engine)

    @property
    def page(self) -> int | None:
        pages = [e.page for e in self.evidence if e.page is not None]
        return min(pages) if pages else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "name": self.name, "severity": self.severity, "message": self.message,
            "item": self.item, "basis": self.basis.to_dict(), "suggestion": self.suggestion,
            "page": self.page, "evidence": [e.to_dict() for e in self.evidence], "zone": _zone(self.zone),
        }


def _zone(zone: Zone | None) -> dict[str, object] | None:
    return zone.to_dict() if zone is not None else None
