"""Rule registration: built-in rules use the same decorator a third-party rule would.

A rule is one module holding one decorated function ``check(ctx) -> Iterable[Finding]`` whose
docstring is its documentation (What it flags / Why / Fires / Does not fire / How to fix);
``docs/rules/<ID>.md`` is generated from it (``python -m checker.rules.docs``).
Third-party rule modules are found through the ``tendercheck.rules`` entry-point group.
"""
from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..facts.model import BrandList, Facts
from ..findings import SEVERITIES, Basis, Finding, Severity, family_of
from ..model import Evidence

if TYPE_CHECKING:
    from ..catalog import Catalog, CatalogRow
    from .config import RulesConfig

RULE_ID = re.compile(r"^[A-Z]{2,5}\d{3}$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
EXCERPT_CHARS = 60  # how much of a quoted clause a message repeats
DOC_SECTIONS = ("What it flags", "Why", "Fires", "Does not fire", "How to fix")

CheckFn = Callable[["RuleContext"], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    name: str  # describes the violation, not the fix
    severity: Severity
    basis: Basis
    check: CheckFn
    doc: str
    module: str

    @property
    def family(self) -> str:
        """"FS", "FC": the letters of the id."""
        return family_of(self.id)


_RULES: dict[str, Rule] = {}


def rule(id: str, name: str, severity: Severity, basis: Basis) -> Callable[[CheckFn], CheckFn]:
    """Register ``check`` as rule ``id``. Ids are never reused; the docstring is required."""

    def register(check: CheckFn) -> CheckFn:
        if not RULE_ID.match(id):
            raise ValueError(f"rule id {id!r} must look like FS101")
        if not RULE_NAME.match(name):
            raise ValueError(f"rule name {name!r} must be kebab-case")
        if severity not in SEVERITIES:
            raise ValueError(f"rule {id}: severity {severity!r} not in {SEVERITIES}")
        doc = inspect.getdoc(check) or ""
        if not doc:
            raise ValueError(f"rule {id}: the check function needs a docstring (its documentation)")
        existing = _RULES.get(id)
        if existing is not None and existing.module != check.__module__:
            raise ValueError(f"rule id {id} is already registered by {existing.module}")
        _RULES[id] = Rule(id, name, severity, basis, check, doc, check.__module__)
        return check

    return register


def registered() -> dict[str, Rule]:
    return dict(sorted(_RULES.items()))


@dataclass(slots=True)
class RuleContext:
    """What a rule sees: the facts, the catalog, the date validity is judged on, the config."""

    facts: Facts
    catalog: Catalog
    as_of: date
    config: RulesConfig
    rule: Rule

    @property
    def severity(self) -> Severity:
        return self.config.severity(self.rule.id, self.rule.family) or self.rule.severity

    def finding(self, message: str, suggestion: str, evidence: list[Evidence], item: str | None = None,
                subject: tuple[str, ...] | None = None, basis: Basis | None = None) -> Finding:
        """``subject``: what identifies the finding across revisions (checker/fingerprint.py), e.g.
        ``brand_subject(bl)``; ``()`` for a once-per-document finding; None: its item and evidence.
        ``basis``: the text this finding rests on when it is not the rule's (a variant the rule's
        docs name)."""
        return Finding(rule=self.rule.id, name=self.rule.name, severity=self.severity, message=message,
                       item=item, basis=basis or self.rule.basis, suggestion=suggestion, evidence=list(evidence),
                       subject=subject)

    # ---- helpers shared by the rules (they read facts and the catalog, never text)

    def valid_related(self, item: str) -> list[CatalogRow]:
        """Valid catalog products of the item's kind, newest listing first."""
        rows = self.catalog.valid_related(item, self.as_of)
        return sorted(rows, key=lambda r: r.listed_on, reverse=True)

    def products_text(self, rows: list[CatalogRow]) -> str:
        """``华越（浙江华越电气股份有限公司）SCBH16型非晶合金干式变压器（有效期至2026-09-12）、…``"""
        shown = rows[: self.config.max_suggested_products]
        text = "、".join(f"{r.label()}（有效期至{self.catalog.exit_of(r).isoformat()}）" for r in shown)
        return text + (f" 等{len(rows)}项" if len(rows) > len(shown) else "")

    def is_valid_related_match(self, bl: BrandList, index: int) -> bool:
        m = bl.brands[index].catalog
        return m is not None and m.valid and self.catalog.is_related(bl.item, m)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a quoted clause, short enough for a one-line message; a table row's cell
    breaks (tabs) and line breaks read as spaces."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def brands_text(bl: BrandList) -> str:
    return "、".join(b.name for b in bl.brands)


def check_known(ids: Iterable[str]) -> None:
    unknown = sorted(set(ids) - set(_RULES))
    if unknown:
        raise ConfigError(f"未知规则：{'、'.join(unknown)}", f"unknown rule ids: {unknown}")
