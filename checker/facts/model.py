"""Typed facts: what the extractors recognise and the rules judge. Rules never re-parse text."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from ..model import Evidence

if TYPE_CHECKING:
    from .outline import Zone

StandardKind = Literal["national", "industry", "local", "group", "enterprise", "international"]
MatchField = Literal["brand", "company", "short_name", "alias", "fuzzy"]


@dataclass(slots=True)
class MethodFact:
    value: str | None = None  # 公开招标 / 邀请招标 / 竞争性谈判 / 竞争性磋商 / 询价 / 单一来源采购 / 框架协议采购 …
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    zone: Zone | None = None  # where in the tender (checker/facts/outline.py); set from the first evidence
    reason: str | None = None  # why ``value`` is None (Chinese), when the document was read but no method decided


@dataclass(slots=True)
class ProjectFacts:
    name: str | None = None
    code: str | None = None
    purchaser: str | None = None
    agency: str | None = None
    budget_yuan: float | None = None
    funding: str | None = None  # 财政资金 / 国有资金 / 自筹资金 …
    field: str | None = None  # 医疗设备 / 新能源汽车 / 电力 / … or None
    evidence: dict[str, list[Evidence]] = dataclasses.field(default_factory=dict)  # by attribute name
    zones: dict[str, Zone] = dataclasses.field(default_factory=dict)  # by attribute name, from its first evidence
    # Why a fact is None although the document speaks of it (Chinese), by attribute name:
    # {"budget_yuan": "预算金额为占位符“00,000,000.00”，未采用"}.
    reasons: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass(slots=True)
class CatalogMatch:
    """How a tender brand matched a catalog row; the matched field and alias are evidence too."""

    company: str
    product: str
    category: str
    level: str
    listed_on: date
    exit_on: date
    valid: bool  # valid on the document's as_of date
    matched_on: MatchField
    alias: str  # the catalog-side string that matched


@dataclass(slots=True)
class Brand:
    name: str  # as the tender writes it, half-width
    catalog: CatalogMatch | None = None
    evidence: list[Evidence] = dataclasses.field(default_factory=list)


@dataclass(slots=True)
class BrandList:
    item: str
    brands: list[Brand]
    equivalent_clause: bool
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    source: Literal["table", "prose"] = "prose"
    equivalent_evidence: list[Evidence] = dataclasses.field(default_factory=list)
    zone: Zone | None = None  # where in the tender (checker/facts/outline.py); set from the first evidence
    # How the recogniser found it (checker/facts/designation): the candidate source ("label", "verb",
    # "known_name" …), its score, the reasons for accepting it, and where its equivalent clause sits.
    how: str = "label"
    score: float = 1.0
    reasons: list[str] = dataclasses.field(default_factory=list)
    equivalent_scope: str | None = None  # "list" | "label" | "row" | "table_note" | "document" | "benchmark"


@dataclass(slots=True)
class StandardRef:
    code: str  # canonical: half-width "PREFIX NUMBER[-YEAR]"
    kind: StandardKind
    title: str | None = None
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    item: str | None = None  # the goods item whose section cites it, when known
    # Enterprise standards (Q/…): the producer the document names for it
    # ("江苏金湖泵阀有限公司企业标准Q/JHBF 042-2021"), when stated. FS201 judges it against the catalog.
    producer: str | None = None
    zone: Zone | None = None  # where in the tender (checker/facts/outline.py); set from the first evidence


@dataclass(slots=True)
class PerformanceRequirement:
    text: str
    first_set_equivalence: bool
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    kind: Literal["qualification", "scoring", "other"] = "other"
    zone: Zone | None = None  # where in the tender (checker/facts/outline.py); set from the first evidence


@dataclass(slots=True)
class NewProductExclusion:
    """A clause refusing new or unproven products ("不允许使用新研制开发的产品")."""

    text: str
    exempts_first_set: bool
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    zone: Zone | None = None  # where in the tender (checker/facts/outline.py); set from the first evidence


@dataclass(slots=True)
class Item:
    """A goods item of the tender (采购清单 row or 分项技术要求 heading)."""

    name: str
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    zone: Zone | None = None  # where in the tender (checker/facts/outline.py); set from the first evidence


# ---- fair-competition facts (checker/facts/fair.py): what FC rules judge

ClauseKind = Literal["qualification", "scoring", "requirement", "commercial", "other"]
DepositKind = Literal["bid", "performance"]


@dataclass(slots=True)
class TopicHit:
    """What a clause says that fair-competition review reads (``lexicons/fair_competition.yaml`` topics):
    ``local_presence`` said by "在深圳市有办公场所"."""

    topic: str
    phrase: str  # the words that say it, as the document writes them (normalised)
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    # Which kind of the topic the phrasing says, when its lexicon pattern names one: a 业绩 limit
    # ``regional_record`` by region, by the issuer's level or kind, by industry, or by procurement route.
    variant: str | None = None


@dataclass(slots=True)
class Clause:
    """A qualification item, a scoring row, or a requirement/commercial clause saying something FC rules judge."""

    kind: ClauseKind
    text: str
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    reasons: list[str] = dataclasses.field(default_factory=list)  # why it is taken as this kind (Chinese)
    hits: list[TopicHit] = dataclasses.field(default_factory=list)
    factor: str | None = None  # scoring rows: the factor (评分因素) when the table names it
    points: float | None = None  # scoring rows: its points or weight, when stated
    credentials: list[str] = dataclasses.field(default_factory=list)  # certificates/licences it names
    zone: Zone | None = None  # where in the tender (checker/facts/outline.py); set from the first evidence
    # Table rows: the table it is a row of ("表6", "表4 第2行 第1列 内表1"; "表N" in reading order when the
    # ingest names no table); None for a line of prose. Rows of one scoring table share it.
    table: str | None = None

    def hit(self, topic: str) -> TopicHit | None:
        return next((h for h in self.hits if h.topic == topic), None)


@dataclass(slots=True)
class Deposit:
    """A 投标/履约保证金 the document asks for, with its amount or percentage when stated."""

    kind: DepositKind
    text: str
    amount_yuan: float | None = None
    percent: float | None = None  # of the budget (bid) or of the contract amount (performance)
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    reasons: list[str] = dataclasses.field(default_factory=list)
    zone: Zone | None = None


@dataclass(slots=True)
class SmePolicy:
    """How the document applies the SME policy (财库〔2020〕46号): price deduction, reservation."""

    price_deduction: bool = False
    reserved: bool = False  # the project is reserved for SMEs (no deduction then)
    price_scoring: bool = False  # the document scores or ranks prices (评标基准价, 价格分, 最低评标价法)
    evidence: list[Evidence] = dataclasses.field(default_factory=list)  # of the deciding statement
    price_scoring_evidence: list[Evidence] = dataclasses.field(default_factory=list)
    # Each statement of a deduction whose percentage is left blank ("给予【 %】的扣除"), by its evidence.
    blank_evidence: list[list[Evidence]] = dataclasses.field(default_factory=list)


@dataclass(slots=True)
class Facts:
    method: MethodFact = dataclasses.field(default_factory=MethodFact)
    project: ProjectFacts = dataclasses.field(default_factory=ProjectFacts)
    document_date: date | None = None
    document_date_evidence: list[Evidence] = dataclasses.field(default_factory=list)
    items: list[Item] = dataclasses.field(default_factory=list)
    brand_lists: list[BrandList] = dataclasses.field(default_factory=list)
    standards: list[StandardRef] = dataclasses.field(default_factory=list)
    performance_requirements: list[PerformanceRequirement] = dataclasses.field(default_factory=list)
    new_product_exclusions: list[NewProductExclusion] = dataclasses.field(default_factory=list)
    first_set_mentioned: bool = False
    first_set_evidence: list[Evidence] = dataclasses.field(default_factory=list)
    # Whether the document says catalog products are deemed to have the required 业绩.
    first_set_equivalence_stated: bool = False
    first_set_equivalence_evidence: list[Evidence] = dataclasses.field(default_factory=list)
    # Fair-competition facts (checker/facts/fair.py): qualification items, scoring rows, other clauses
    # that say something FC rules judge, deposits, the SME policy.
    qualifications: list[Clause] = dataclasses.field(default_factory=list)
    scoring_rows: list[Clause] = dataclasses.field(default_factory=list)
    clauses: list[Clause] = dataclasses.field(default_factory=list)
    deposits: list[Deposit] = dataclasses.field(default_factory=list)
    sme: SmePolicy = dataclasses.field(default_factory=SmePolicy)
    # The tender's outline (headings and zones) and every brand-designation candidate, accepted or
    # not, with its reasons (for `tendercheck explain`); not serialised in the report.
    outline: Any = None  # checker.facts.outline.Outline
    designation_candidates: list[Any] = dataclasses.field(default_factory=list)
