"""Rule fixtures: hand-built facts in YAML, each case marked with how many findings it must give.

The same harness serves built-in and third-party rules: one rule module plus one fixture file
``<ID>.yaml``::

    rule: FS101
    as_of: 2026-01-15
    catalog: catalog.csv          # relative to the fixture file
    cases:
      - name: three brands, none in the catalog
        expect: 1                 # ruleid: findings of this rule (0 = a near miss: "ok")
        message_contains: [磁悬浮鼓风机, 格兰克林]
        facts:
          brand_lists:
            - {item: 磁悬浮鼓风机, brands: [格兰克林, 磁谷, 亿昇], equivalent_clause: true, page: 13}

``facts`` keys follow :class:`checker.facts.model.Facts`; ``page`` anywhere becomes the evidence page.
"""
from __future__ import annotations

import dataclasses
import functools
import typing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..catalog import Catalog, load_catalog
from ..facts.model import (
    Brand,
    BrandList,
    Clause,
    Facts,
    Item,
    MethodFact,
    NewProductExclusion,
    PerformanceRequirement,
    ProjectFacts,
    SmePolicy,
    StandardRef,
    TopicHit,
)
from ..model import Evidence
from .config import RulesConfig


@dataclass(slots=True)
class FixtureCase:
    name: str
    expect: int
    facts: Facts
    message_contains: list[str] = field(default_factory=list)


@dataclass(slots=True)
class RuleFixture:
    rule: str
    as_of: date
    catalog: Catalog
    cases: list[FixtureCase]
    path: Path

    @property
    def positives(self) -> list[FixtureCase]:
        return [c for c in self.cases if c.expect > 0]

    @property
    def negatives(self) -> list[FixtureCase]:
        return [c for c in self.cases if c.expect == 0]


def _evidence(spec: dict[str, Any], text: str) -> list[Evidence]:
    if "page" not in spec and "text" not in spec:
        return []
    return [Evidence(page=spec.get("page"), bbox=None, text=str(spec.get("text", text)))]


# Facts a fixture writes in a shorthand of their own (built below, one by one).
SHORTHAND = frozenset({"method", "project", "items", "brand_lists", "standards", "performance_requirements",
                       "new_product_exclusions", "first_set_mentioned", "first_set_equivalence_stated",
                       "qualifications", "scoring_rows", "clauses", "sme"})


@functools.cache
def _fact_lists() -> dict[str, type]:
    """The other lists of ``Facts`` whose facts quote a text (deposits, and any fact type added since):
    a fixture writes each fact's fields by name, and ``page`` (with ``text``) for its evidence."""
    hints = typing.get_type_hints(Facts)
    out: dict[str, type] = {}
    for name in Facts.__dataclass_fields__:
        args = typing.get_args(hints[name])
        item = args[0] if typing.get_origin(hints[name]) is list and args else None
        if (name not in SHORTHAND and isinstance(item, type) and dataclasses.is_dataclass(item)
                and {"text", "evidence"} <= {f.name for f in dataclasses.fields(item)}):
            out[name] = item
    return out


def _fact(cls: type, spec: dict[str, Any]) -> Any:
    fields = {k: v for k, v in spec.items() if k != "page"}
    return cls(**fields, evidence=_evidence(spec, str(spec["text"])))


def facts_from_dict(data: dict[str, Any]) -> Facts:
    """Build :class:`Facts` from a fixture's ``facts`` mapping (unknown keys are an error)."""
    unknown = set(data) - SHORTHAND - _fact_lists().keys()
    if unknown:
        raise ValueError(f"unknown fact keys {sorted(unknown)}")
    project = dict(data.get("project") or {})
    project_evidence = {k: [Evidence(page=None, bbox=None, text=str(v))] for k, v in project.items() if v is not None}
    facts = Facts(
        method=MethodFact(data.get("method"), [Evidence(None, None, str(data["method"]))] if data.get("method") else []),
        project=ProjectFacts(**project, evidence=project_evidence),
        items=[Item(name) for name in data.get("items", [])],
        brand_lists=[
            BrandList(item=bl["item"], brands=[Brand(name) for name in bl["brands"]],
                      equivalent_clause=bool(bl.get("equivalent_clause", True)),
                      evidence=_evidence(bl, f"{bl['item']}：{'、'.join(bl['brands'])}"))
            for bl in data.get("brand_lists", [])
        ],
        standards=[
            StandardRef(code=s["code"], kind=s["kind"], title=s.get("title"), item=s.get("item"),
                        producer=s.get("producer"), evidence=_evidence(s, s["code"]))
            for s in data.get("standards", [])
        ],
        performance_requirements=[
            PerformanceRequirement(text=p["text"], first_set_equivalence=bool(p.get("first_set_equivalence", False)),
                                   evidence=_evidence(p, p["text"]))
            for p in data.get("performance_requirements", [])
        ],
        new_product_exclusions=[
            NewProductExclusion(text=x["text"], exempts_first_set=bool(x.get("exempts_first_set", False)),
                                evidence=_evidence(x, x["text"]))
            for x in data.get("new_product_exclusions", [])
        ],
        first_set_mentioned=bool(data.get("first_set_mentioned", False)),
        first_set_equivalence_stated=bool(data.get("first_set_equivalence_stated", False)),
        qualifications=[_clause(c, "qualification") for c in data.get("qualifications", [])],
        scoring_rows=[_clause(c, "scoring") for c in data.get("scoring_rows", [])],
        clauses=[_clause(c, c.get("kind", "requirement")) for c in data.get("clauses", [])],
        sme=_sme(data.get("sme") or {}),
    )
    for name, cls in _fact_lists().items():
        setattr(facts, name, [_fact(cls, spec) for spec in data.get(name, [])])
    return facts


def _clause(spec: dict[str, Any], kind: str) -> Clause:
    """A clause as the extractor gives it: ``{text, hits: {topic: phrase}, factor, points, credentials, table, page}``."""
    evidence = _evidence(spec, spec["text"]) or [Evidence(page=None, bbox=None, text=spec["text"])]
    hits = [TopicHit(topic, str(phrase), evidence) for topic, phrase in (spec.get("hits") or {}).items()]
    return Clause(kind=kind, text=spec["text"], evidence=evidence, hits=hits,  # type: ignore[arg-type]
                  factor=spec.get("factor"), points=spec.get("points"), credentials=list(spec.get("credentials") or []),
                  table=spec.get("table"))


def _sme(spec: dict[str, Any]) -> SmePolicy:
    evidence = [Evidence(page=spec.get("page"), bbox=None, text=str(spec.get("text", "价格分")))]
    blanks = [[Evidence(page=spec.get("page"), bbox=None, text=str(b))] for b in spec.get("blanks") or []]
    return SmePolicy(price_deduction=bool(spec.get("price_deduction", False)), reserved=bool(spec.get("reserved", False)),
                     price_scoring=bool(spec.get("price_scoring", False)), price_scoring_evidence=evidence,
                     blank_evidence=blanks)


def load_rule_fixture(path: str | Path, config: RulesConfig | None = None) -> RuleFixture:
    p = Path(path)
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    as_of = data["as_of"] if isinstance(data["as_of"], date) else date.fromisoformat(str(data["as_of"]))
    catalog = load_catalog(p.parent / data["catalog"], config)
    cases = []
    for i, c in enumerate(data.get("cases") or []):
        try:
            cases.append(FixtureCase(name=c["name"], expect=int(c["expect"]), facts=facts_from_dict(c.get("facts") or {}),
                                     message_contains=[str(x) for x in c.get("message_contains") or []]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{p}: case {i + 1}: {exc}") from exc
    return RuleFixture(rule=data["rule"], as_of=as_of, catalog=catalog, cases=cases, path=p)
