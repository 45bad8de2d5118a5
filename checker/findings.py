"""What a rule reports: a finding, the clause it rests on, its severity (SPEC "Report JSON").

Low in the layers (above facts, below rules and the report) so that rules, the report, renderers,
the CLI and the API all take the severity names and their Chinese labels from here, once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .facts.outline import Zone
from .model import Evidence

if TYPE_CHECKING:
    from .waivers import Waiver

Severity = Literal["violation", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("violation", "warning", "info")
# How a person reads a severity, everywhere (text, HTML, CSV, the page, rule docs).
SEVERITY_ZH: dict[str, str] = {"violation": "违规", "warning": "警告", "info": "提示"}
# Rule families: the letters of a rule id (FS101 → FS). What a person reads for each known family.
FAMILY_LABELS: dict[str, str] = {"FS": "首台套", "FC": "公平竞争"}
_FAMILY = re.compile(r"^[A-Z]+")


def family_of(rule_id: str) -> str:
    """The family of a rule id: its leading capitals ("FC107" → "FC")."""
    m = _FAMILY.match(rule_id)
    return m.group(0) if m else rule_id


def family_label(family: str) -> str:
    """"公平竞争" for FC; an unknown (third-party) family reads as its letters."""
    return FAMILY_LABELS.get(family, family)

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
    "FC101": "以规模条件作为资格或评分因素",
    "FC102": "以成立或经营年限作为资格或评分因素",
    "FC103": "要求或鼓励本地设立机构",
    "FC104": "以特定地区或行业的业绩、奖项作为条件",
    "FC105": "要求非进口货物的制造商授权",
    "FC106": "限定出具检测报告或认证的机构",
    "FC107": "保证金超过限额",
    "FC108": "以专利、商标、品牌评分",
    "FC109": "资格条件又作为评分因素",
    "FC110": "评分因素未量化",
    "FC111": "强制现场报名、踏勘或提供样品",
    "FC112": "未落实小微企业价格扣除",
    "FC113": "以非法定认证、荣誉、会员作为条件或评分",
    "FC114": "限定所有制形式或组织形式",
    "FC115": "技术要求具有倾向性",
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

    @property
    def family(self) -> str:
        """"FS" (首台套) or "FC" (公平竞争): the rule family, from the rule id."""
        return family_of(self.rule)
