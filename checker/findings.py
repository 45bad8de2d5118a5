"""What a rule reports: a finding, the clause it rests on, its severity (SPEC "Report JSON").

Low in the layers (above facts, below rules and the report) so that rules, the report, renderers,
the CLI and the API all take the severity names and their Chinese labels from here, once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .facts.outline import Zone
from .model import Evidence

if TYPE_CHECKING:
    from .waivers import Waiver

Severity = Literal["violation", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("violation", "warning", "info")
# How a person reads a severity, everywhere (text, HTML, CSV, the page, rule docs).
SEVERITY_ZH: dict[str, str] = {"violation": "违规", "warning": "警告", "info": "提示"}

# How a person reads a rule, everywhere a person reads one (text, HTML, CSV, the page, the rules
# listing and docs); ids and the English kebab names stay in JSON. A rule without an entry here
# shows its English name (``rule_name_zh``) until it gets one.
RULE_NAMES_ZH: dict[str, str] = {
    "FS101": "推荐品牌中无首台套产品",
    "FS102": "限定或指定品牌",
    "FS103": "推荐品牌未注明“或相当于”",
    "FS104": "所依赖的首台套产品已过目录有效期",
    "FS201": "引用非首台套生产企业的企业标准",
    "FS301": "业绩要求未写明首台套产品视同具备业绩",
    "FS302": "排斥新产品而未豁免首台套产品",
    "FS401": "限额以下非招标采购未优先采用首台套产品",
    "FS402": "重点领域项目未写明优先采购首台套产品",
}


def rule_name_zh(rule_id: str, fallback: str = "") -> str:
    """The rule's Chinese name; ``fallback`` (its English name) when it has none yet."""
    return RULE_NAMES_ZH.get(rule_id, fallback or rule_id)


@dataclass(frozen=True, slots=True)
class Basis:
    """The text a finding rests on. A basis citing several texts (FS102: two regulations) keeps each
    as one of ``parts``, so a reader gets one "《法规》第X条：原文" line per text; ``document``,
    ``clause`` and ``quote`` stay the joined strings the JSON has always carried."""

    document: str
    clause: str
    quote: str
    parts: tuple[Basis, ...] = ()

    @classmethod
    def joined(cls, *parts: Basis) -> Basis:
        return cls("；".join(p.document for p in parts), "；".join(p.clause for p in parts),
                   "；".join(p.quote for p in parts), tuple(parts))

    def each(self) -> tuple[Basis, ...]:
        return self.parts or (self,)

    def lines(self) -> list[str]:
        """"《法规名称》第X条第X款：原文", one per text cited."""
        return [f"{_titled(p.document)}{p.clause}：{p.quote}" if p.quote else f"{_titled(p.document)}{p.clause}"
                for p in self.each()]

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "clause": self.clause, "quote": self.quote,
                "parts": [{"document": p.document, "clause": p.clause, "quote": p.quote} for p in self.each()]}


# "若干意见（2017年5月5日）" → "《若干意见》（2017年5月5日）": the title in book-title marks, a date after it.
_TITLE_AND_NOTE = re.compile(r"^(?P<title>[^（(《》]+?)(?P<note>[（(][^（）()]*[）)])?$")


def _titled(document: str) -> str:
    if "《" in document:
        return document
    m = _TITLE_AND_NOTE.match(document.strip())
    if m is None:
        return document
    return f"《{m['title']}》{m['note'] or ''}"


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
    # What the finding is about, normalised (checker/fingerprint.py); None: its item and evidence.
    subject: tuple[str, ...] | None = field(default=None, repr=False)
    fingerprint: str | None = None  # set by run_rules: stable across revisions of the draft
    waiver: Waiver | None = None  # set when a waiver accepts this finding: listed, not counted

    @property
    def page(self) -> int | None:
        pages = [e.page for e in self.evidence if e.page is not None]
        return min(pages) if pages else None

    @property
    def name_zh(self) -> str:
        return rule_name_zh(self.rule, self.name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "name": self.name, "name_zh": self.name_zh, "severity": self.severity, "message": self.message,
            "item": self.item, "basis": self.basis.to_dict(), "suggestion": self.suggestion,
            "page": self.page, "evidence": [e.to_dict() for e in self.evidence], "zone": _zone(self.zone),
            "fingerprint": self.fingerprint, "waiver": self.waiver.to_dict() if self.waiver else None,
        }


def _zone(zone: Zone | None) -> dict[str, object] | None:
    return zone.to_dict() if zone is not None else None
