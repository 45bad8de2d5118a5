"""The report JSON ``tendercheck.report/1`` as pydantic models: one definition of its shape.

``Report.to_dict()`` (checker/report.py) validates these from the report and its fact dataclasses
(``from_attributes``: a model field reads the attribute of the same name, or the one its
``validation_alias`` names) and dumps them; ``report.schema.json`` is generated from them
(``python -m checker.schema --write``). Field order is the JSON's key order.

A field without a default is required by the schema: the fields report/1 was published with. Every
field added since has a default, so reports of earlier versions still validate. The JSON is a
curated view of the facts, so a few fields are adapted on the way in, each where it is declared:
a brand list's recogniser fields grouped under ``designation``, a basis listing itself as its one
part, the outline cut to what a reader needs, facts renamed (``qualifications`` →
``qualification_requirements``, ``sme`` → ``sme_policy``), OCR-only evidence fields left out for a
text layer and ``ocr_pages`` left out when empty.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AliasPath,
    BaseModel,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_serializer,
    field_validator,
    model_validator,
)

from .. import __version__
from ..facts.designation.candidate import Source
from ..facts.model import ClauseKind, DepositKind, MatchField, StandardKind
from ..facts.outline import SubKind, ZoneKind
from ..findings import Severity

SCHEMA_ID = "tendercheck.report/1"
# The report's outline: headings down to this level, and every classified one, at most OUTLINE_LIMIT.
OUTLINE_MAX_LEVEL = 3
OUTLINE_LIMIT = 200

# SPEC's methods. The schema enumerates them; the model takes any text, so a method added to
# lexicons/methods.yaml alone gives a report the schema tests flag, never a scan that fails.
PROCUREMENT_METHODS = ["公开招标", "邀请招标", "竞争性谈判", "竞争性磋商", "询价", "单一来源采购", "框架协议采购", "合作创新采购"]
ProcurementMethod = Annotated[str, WithJsonSchema({"enum": PROCUREMENT_METHODS, "type": "string"})]
EquivalentScope = Literal["list", "label", "row", "table_note", "document", "benchmark"]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
IsoDate = Annotated[dt.date, WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"})]
Count = Annotated[int, Field(ge=0)]
Page = Annotated[int, Field(ge=1)]
Text = Annotated[str, Field(min_length=1)]
BBox = Annotated[list[float], Field(min_length=4, max_length=4)]
CONFIDENCE = {"type": "number", "minimum": 0, "maximum": 1}  # never null: left out for a text layer


def _absent(value: object) -> bool:
    return value is None


def _none() -> None:
    return None


def added(**kwargs: Any) -> Any:
    """A field report/1 gained after it was published: always written, never required (earlier reports
    lack it). A factory, not a default: the schema shows no default the tool never writes."""
    return Field(default_factory=_none, **kwargs)


def zoned() -> Any:
    return Field(None, description="where in the tender it sits (its first evidence's zone); null: not known")


class Model(BaseModel):
    # from_attributes: built from the fact dataclasses; validate_by_name: a report's JSON validates too.
    model_config = ConfigDict(from_attributes=True, validate_by_name=True, validate_by_alias=True,
                              serialize_by_alias=True)


class Zone(Model):
    """Where in the tender a fact or finding sits: the kind of part (from the headings above it) and the path of headings."""

    kind: ZoneKind
    label: Text
    path: list[str]
    sub: SubKind | None
    text: Text


class Evidence(Model):
    """Where a fact or finding comes from; null rather than invented coordinates."""

    page: Page | None = Field(description="1-based; null for DOCX")
    bbox: BBox | None = Field(
        description="[x0, top, x1, bottom] in PDF points from the top left; null for DOCX")
    text: str
    location: str | None = Field(None, description="DOCX: 第12段 / 表3 第2行 第4列")
    source: Annotated[Literal["ocr"] | None, WithJsonSchema({"enum": ["ocr"]})] = Field(
        default_factory=_none, exclude_if=_absent,
        description="\"ocr\" when the text was read by OCR from the page image; absent for a text layer")
    confidence: Annotated[float | None, WithJsonSchema(CONFIDENCE)] = Field(
        default_factory=_none, exclude_if=_absent,
        description="with source \"ocr\": the OCR engine's lowest confidence over the quoted characters, 0-1")

    @field_serializer("bbox", when_used="unless-none")
    def _round_bbox(self, bbox: list[float]) -> BBox:
        return [round(v, 1) for v in bbox]

    @field_serializer("confidence", when_used="unless-none")
    def _round_confidence(self, confidence: float) -> Annotated[float, WithJsonSchema(CONFIDENCE)]:
        return round(confidence, 3)


Evidences = list[Evidence]


class Tool(Model):
    name: str = "tendercheck"
    version: str


class ProcurementMethodFact(Model):
    value: ProcurementMethod | None
    evidence: Evidences
    zone: Zone | None = zoned()
    reason: str | None = Field(None, description="Why value is null (Chinese): no method written, or several ticked.")


class Project(Model):
    name: str | None
    code: str | None
    purchaser: str | None
    agency: str | None
    budget_yuan: Annotated[float, Field(ge=0)] | None
    funding: str | None
    field: str | None


class CatalogMatch(Model):
    """The catalog row a brand matched; the matched field and alias are evidence too."""

    company: str
    product: str
    category: str = added()
    level: str = added()
    listed_on: IsoDate
    exit_on: IsoDate = added()
    valid: bool = Field(description="valid on the report's as_of date")
    matched_on: MatchField = added(description="the catalog field the tender's name matched")
    alias: str = added(description="the catalog-side string that matched")


class Brand(Model):
    name: Text
    catalog: CatalogMatch | None


class Designation(Model):
    """How the recogniser found this designation (checker/facts/designation): the candidate source, its score, the reasons for accepting it (Chinese), and where its equivalent clause sits. `tendercheck explain FILE` lists every candidate, accepted or not."""

    how: Source
    score: float
    reasons: list[str]
    equivalent_scope: EquivalentScope | None = None


class BrandList(Model):
    item: str
    brands: list[Brand]
    equivalent_clause: bool
    source: Literal["table", "prose"] = "prose"
    designation: Designation = added()
    evidence: Evidences
    zone: Zone | None = zoned()

    @model_validator(mode="before")
    @classmethod
    def _group_designation(cls, bl: Any) -> Any:
        # The fact keeps how it was recognised flat (bl.how, bl.score …); the JSON groups it.
        if isinstance(bl, dict):
            return bl
        return {"item": bl.item, "brands": bl.brands, "equivalent_clause": bl.equivalent_clause, "source": bl.source,
                "designation": bl, "evidence": bl.evidence, "zone": bl.zone}


class Standard(Model):
    code: Annotated[str, Field(min_length=2)] = Field(description="canonical: half-width PREFIX NUMBER[-YEAR]")
    kind: StandardKind
    title: str | None
    item: str | None = Field(None, description="the goods item whose section cites it, when known")
    producer: str | None = Field(None, description="enterprise standards (Q/…): the producer the document names")
    evidence: Evidences
    zone: Zone | None = zoned()


class PerformanceRequirement(Model):
    text: str
    first_set_equivalence: bool
    kind: Literal["qualification", "scoring", "other"] = "other"
    evidence: Evidences
    zone: Zone | None = zoned()


class NewProductExclusion(Model):
    """A clause refusing new or unproven products ("不允许使用新研制开发的产品")."""

    text: str
    exempts_first_set: bool
    evidence: Evidences
    zone: Zone | None = zoned()


class TopicHit(Model):
    topic: str
    phrase: str
    evidence: Evidences
    variant: str | None = Field(None, description="该措辞属于主题下的哪一类（词表中为该模式标注时），如 regional_record 的 "
                                                  "region、issuer_level、issuer_kind、industry、award_route")


class Clause(Model):
    """A qualification item, a scoring row, or a requirement/commercial clause saying something FC rules judge."""

    kind: ClauseKind
    text: str
    factor: str | None = None
    points: float | None = None
    credentials: list[str] = []
    reasons: list[str] = []
    hits: list[TopicHit]
    evidence: Evidences
    zone: Zone | None = zoned()
    table: str | None = Field(
        None, description="the table a table row was read from (表6, 表4 第2行 第1列 内表1); null for prose")


class Deposit(Model):
    """A 投标/履约保证金 the document asks for, with its amount or percentage when stated."""

    kind: DepositKind
    amount_yuan: float | None = None
    percent: float | None = Field(None, description="of the budget (bid) or of the contract amount (performance)")
    text: str
    reasons: list[str] = []
    evidence: Evidences
    zone: Zone | None = zoned()


class SmePolicy(Model):
    """How the document applies the SME policy (财库〔2020〕46号): price deduction, reservation."""

    price_deduction: bool = False
    reserved: bool = False
    price_scoring: bool = False
    evidence: Evidences = []
    price_scoring_evidence: Evidences = []
    blank_deductions: list[Evidences] = Field(
        default=[], validation_alias="blank_evidence",
        description="each statement of a deduction whose percentage is left blank, by its evidence")


class OutlineHeading(Model):
    level: Annotated[int, Field(ge=1)]
    number: str
    title: str = Field(validation_alias="short_title")
    kind: ZoneKind | None
    sub: SubKind | None


class BasisPart(Model):
    document: str
    clause: str
    quote: str


class Basis(BasisPart):
    parts: list[BasisPart] = Field([], description="one entry per text cited (FS102 cites two regulations)")

    @model_validator(mode="before")
    @classmethod
    def _each_part(cls, basis: Any) -> Any:
        # A basis citing one text is its own one part (checker/findings.py Basis.each).
        if isinstance(basis, dict):
            return basis
        return {"document": basis.document, "clause": basis.clause, "quote": basis.quote, "parts": basis.each()}


class Waiver(Model):
    entry: Annotated[int, Field(ge=1)] = Field(description="1-based position of the waiver in its file")
    reason: Text
    who: str | None = None
    date: IsoDate | None = None
    expires: IsoDate | None = None
    matched_by: Literal["fingerprint", "rule"] = added()
    fingerprint: str | None = None
    rule: str | None = None
    item: str | None = None
    quote: str | None = None
    file: str | None = None


class Finding(Model):
    rule: Annotated[str, Field(pattern=r"^[A-Z]{2}\d{3}$")]
    family: Annotated[str, Field(pattern=r"^[A-Z]{2,5}$")] = added(description="rule family: FS (首台套), FC (公平竞争)")
    name: str
    name_zh: str = added(description="the rule's Chinese name (checker/findings.py)")
    severity: Severity
    message: Text
    item: str | None
    basis: Basis
    suggestion: str
    page: Page | None = Field(None, description="the first page of its evidence")
    evidence: Evidences
    zone: Zone | None = zoned()
    fingerprint: Annotated[str, Field(pattern=r"^[A-Z]{2,5}\d{3}-[0-9a-f]{16}$")] | None = Field(
        None, description="Stable id of the finding across revisions of the document: rule id and a hash of the rule, "
        "the finding's normalised subject (item and brands of a brand list, the quoted clause, …) and an occurrence "
        "index; never of page or position (checker/fingerprint.py). Null only in reports of older versions.")
    waiver: Waiver | None = Field(None, description="The waiver that accepts this finding: it stays listed but is not "
                                  "counted in summary or exit status. Null: not waived.")


class Summary(Model):
    violation: Count
    warning: Count
    info: Count


class Waivers(Model):
    source: str = Field(description="the waiver file's name")
    entries: Count
    waived: Count = Field(description="findings of this report it waived")
    expired: list[Waiver] = Field(description="waivers past their expiry date: not applied")
    unmatched: list[Waiver] = Field(description="waivers for this document that match no finding (fixed, or reworded)")


class Baseline(Model):
    source: str
    file: str | None = Field(description="the baseline report's document this one was compared with; null: none found")
    suppressed: Count = Field(description="findings left out because the baseline has them")


class CatalogInfo(Model):
    name: Text
    file_name: str = added()
    version: str | None = None
    latest_listed_on: str | None = None
    rows: Annotated[int, Field(ge=1)]
    sha256: Sha256
    sample: bool
    official: bool
    validity_years: int = added()
    path: Annotated[str, Field(pattern=r"^[^/\\]*$")] | None = Field(
        None, description="the file name only (kept for earlier readers)")
    warning: str | None = Field(None, description="Chinese warning when the built-in catalog was used")


class Error(Model):
    code: str
    message: str


def _facts(name: str) -> AliasPath:
    return AliasPath("facts", name)


class Report(Model):
    """One tendercheck report per scanned file. Fields may be added in later versions; none is renamed or removed."""

    model_config = ConfigDict(title=SCHEMA_ID)

    schema_id: Literal["tendercheck.report/1"] = Field(alias="schema")
    tool: Tool = Field(default_factory=lambda: Tool(version=__version__))
    file: str
    path: str | None = Field(None, description="the path the file was scanned from, as given")
    format: Literal["pdf", "docx"] | None
    pages: Count | None
    sha256: Sha256 | None
    as_of: IsoDate | None = Field(description="the date the catalog's validity is judged on")
    document_date: IsoDate | None = Field(None, validation_alias=_facts("document_date"))
    procurement_method: ProcurementMethodFact = Field(validation_alias=_facts("method"))
    project: Project = Field(validation_alias=_facts("project"))
    project_zones: dict[str, Zone] = Field(
        {}, validation_alias=AliasPath("facts", "project", "zones"),
        description="The zone of each project field's first evidence, by field name.")
    project_reasons: dict[str, str] = Field(
        {}, validation_alias=AliasPath("facts", "project", "reasons"),
        description="Why a project fact is null although the document speaks of it, by field name (Chinese), "
        "e.g. a placeholder budget.")
    brand_lists: list[BrandList] = Field(validation_alias=_facts("brand_lists"))
    standards: list[Standard] = Field(validation_alias=_facts("standards"))
    performance_requirements: list[PerformanceRequirement] = Field(validation_alias=_facts("performance_requirements"))
    new_product_exclusions: list[NewProductExclusion] = Field([], validation_alias=_facts("new_product_exclusions"))
    # Fair-competition facts (FC rules): what the tender asks of bidders and how it scores them.
    qualification_requirements: list[Clause] = Field(
        [], validation_alias=_facts("qualifications"), description="资格要求 items (fair-competition facts)")
    scoring_rows: list[Clause] = Field(
        [], validation_alias=_facts("scoring_rows"), description="评分标准 rows: factor, points, text")
    clauses: list[Clause] = Field([], validation_alias=_facts("clauses"),
                                  description="requirement/commercial clauses that say something an FC rule judges")
    deposits: list[Deposit] = Field([], validation_alias=_facts("deposits"))
    sme_policy: SmePolicy = Field(default_factory=SmePolicy, validation_alias=_facts("sme"))
    first_set_mentioned: bool = Field(validation_alias=_facts("first_set_mentioned"))
    first_set_evidence: Evidences = Field([], validation_alias=_facts("first_set_evidence"))
    outline: Annotated[list[OutlineHeading], Field(max_length=OUTLINE_LIMIT)] = Field(
        [], validation_alias=_facts("outline"),
        description=f"The tender's headings (levels ≤ {OUTLINE_MAX_LEVEL} and every classified one, "
        f"at most {OUTLINE_LIMIT}).")
    findings: list[Finding]
    summary: Summary
    waivers: Waivers | None = Field(
        None, description="What the waiver file given to the scan (--waivers, the settings file, TENDERCHECK_WAIVERS, "
        "the API's waivers field) did to this report; null without one.")
    baseline: Baseline | None = Field(
        None, description="scan --baseline OLD.json: findings already in the previous report are left out; "
        "null without a baseline.")
    warnings: list[str] = []
    ocr_pages: list[Page] = Field([], exclude_if=lambda pages: not pages,
                                  description="pages whose text was read by OCR (present when OCR read any page)")
    catalog: CatalogInfo | None = Field(
        None, description="which catalog judged the report: never a path (catalog/provenance.py)")
    elapsed_ms: Count | None = None
    error: Error | None

    @field_validator("outline", mode="before")
    @classmethod
    def _outline_summary(cls, outline: Any) -> Any:
        # The facts keep every heading (checker/facts/outline.py); the report lists those a reader needs.
        if outline is None:
            return []
        if isinstance(outline, list):
            return outline
        return outline.summary(OUTLINE_MAX_LEVEL, OUTLINE_LIMIT)
