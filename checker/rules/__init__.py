"""Rules over facts (SPEC "Rules"): one module per rule, registered with ``@rule``.

Built-in rules are imported from ``BUILTIN_RULES``; third-party rule modules register the same way
and are found through the ``tendercheck.rules`` entry-point group.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from .. import fingerprint
from ..facts.model import Facts
from ..findings import Finding
from . import config as _config
from .config import RulesConfig
from .registry import Rule, RuleContext, check_known, registered, rule

if TYPE_CHECKING:
    from ..catalog import Catalog

__all__ = ["BUILTIN_RULES", "Rule", "RuleContext", "RulesConfig", "all_rules", "load_config",
           "rule", "run_rules"]

BUILTIN_RULES = (
    "fs101_brand_list_lacks_first_set",
    "fs102_designated_brand",
    "fs103_brand_without_equivalent_clause",
    "fs104_first_set_listing_expired",
    "fs201_producer_standard_not_first_set",
    "fs301_performance_requirement_without_first_set_equivalence",
    "fs302_new_product_exclusion",
    "fs401_below_threshold_without_first_set_preference",
    "fs402_key_field_without_first_set_priority",
    "fc101_size_threshold_as_condition",
    "fc102_years_in_business_as_condition",
    "fc103_local_presence_required",
    "fc104_regional_or_industry_record",
    "fc105_manufacturer_authorisation_required",
    "fc106_designated_testing_body",
    "fc107_deposit_over_cap",
    "fc108_patent_or_brand_scored",
    "fc109_qualification_scored_again",
    "fc110_unquantified_scoring",
    "fc111_mandatory_site_visit_or_sample",
    "fc112_sme_price_deduction_missing",
    "fc113_non_statutory_credential_required",
    "fc114_ownership_or_form_restricted",
    "fc115_requirement_pointing_at_one_product",
)
ENTRY_POINT_GROUP = "tendercheck.rules"


@lru_cache(maxsize=1)
def _load_rule_modules() -> None:
    for name in BUILTIN_RULES:
        importlib.import_module(f"{__name__}.{name}")
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        importlib.import_module(ep.value.split(":")[0])


def all_rules() -> dict[str, Rule]:
    _load_rule_modules()
    return registered()


def load_config(path: str | Path | None) -> RulesConfig:
    """The rules config: ``default.toml`` with the user's TOML/YAML file on top (None → defaults)."""
    return _config.load_config(path, known_rules=set(all_rules()))


def run_rules(facts: Facts, catalog: Catalog, as_of: date, config: RulesConfig | None = None,
              select: Iterable[str] | None = None) -> list[Finding]:
    """Run the enabled rules (or exactly ``select``, enabled or not) over the facts."""
    rules = all_rules()
    config = config or load_config(None)
    if select is not None:
        wanted = list(select)
        check_known(wanted)
        chosen = [rules[r] for r in sorted(set(wanted))]
    else:
        chosen = [r for r in rules.values() if config.enabled(r.id, r.family)]
    findings: list[Finding] = []
    for r in chosen:
        findings.extend(r.check(RuleContext(facts, catalog, as_of, config, r)))
    findings.sort(key=lambda f: (f.rule, f.page if f.page is not None else 0))
    fingerprint.assign(findings)  # in document order within each rule: the occurrence index
    return findings
