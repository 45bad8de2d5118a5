"""Each rule alone on its fixture (tests/fixtures/rules/<ID>.yaml): firing cases and near misses."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checker.errors import ConfigError
from checker.facts.model import Brand, BrandList, Facts, ProjectFacts
from checker.findings import rule_name_zh
from checker.rules import all_rules, load_config, run_rules
from checker.rules.testing import facts_from_dict, load_rule_fixture

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
RULE_IDS = sorted(all_rules())


def _cases() -> list:
    params = []
    for rule_id in RULE_IDS:
        path = FIXTURES / f"{rule_id}.yaml"
        if not path.exists():
            continue
        fixture = load_rule_fixture(path)
        for case in fixture.cases:
            params.append(pytest.param(fixture, case, id=f"{rule_id}-{'fires' if case.expect else 'ok'}-{case.name}"))
    return params


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_a_fixture_with_a_firing_case_and_a_near_miss(rule_id: str) -> None:
    path = FIXTURES / f"{rule_id}.yaml"
    assert path.exists(), f"{rule_id} has no fixture file {path}"
    fixture = load_rule_fixture(path)
    assert fixture.rule == rule_id
    assert fixture.positives, f"{rule_id}: no case where the rule fires"
    assert fixture.negatives, f"{rule_id}: no near-miss case where it must not fire"


@pytest.mark.parametrize(("fixture", "case"), _cases())
def test_rule_fixture_case(fixture, case) -> None:
    fixture.catalog.annotate(case.facts, fixture.as_of)
    findings = run_rules(case.facts, fixture.catalog, fixture.as_of, select=[fixture.rule])
    assert [f.rule for f in findings] == [fixture.rule] * case.expect, [f.message for f in findings]
    rule = all_rules()[fixture.rule]
    for f in findings:
        assert f.name == rule.name and f.severity == rule.severity and f.basis == rule.basis
        assert f.message and f.suggestion and f.evidence, "a finding needs a message, a fix and evidence"
        text = f.message + f.suggestion
        for needle in case.message_contains:
            assert needle in text, f"{needle!r} missing from: {text}"


def _three_brand_facts() -> Facts:
    return facts_from_dict({"brand_lists": [{"item": "磁悬浮鼓风机", "brands": ["格兰克林", "磁谷", "亿昇"],
                                             "equivalent_clause": False, "page": 13}]})


def _fixture_catalog():
    return load_rule_fixture(FIXTURES / "FS101.yaml").catalog


def test_findings_point_at_the_brand_list_evidence() -> None:
    facts = _three_brand_facts()
    catalog = _fixture_catalog()
    catalog.annotate(facts, date(2026, 1, 15))
    findings = run_rules(facts, catalog, date(2026, 1, 15))
    assert [(f.rule, f.page) for f in findings] == [("FS101", 13), ("FS103", 13)]
    assert all(f.item == "磁悬浮鼓风机" for f in findings)


def test_config_disables_a_rule_and_changes_a_severity(tmp_path: Path) -> None:
    cfg = tmp_path / "rules.toml"
    cfg.write_text('[rules.FS103]\nenabled = false\n[rules.FS101]\nseverity = "warning"\n', encoding="utf-8")
    config = load_config(cfg)
    facts = _three_brand_facts()
    catalog = _fixture_catalog()
    catalog.annotate(facts, date(2026, 1, 15))
    findings = run_rules(facts, catalog, date(2026, 1, 15), config)
    assert [(f.rule, f.severity) for f in findings] == [("FS101", "warning")]
    # select runs exactly the chosen rules, disabled or not
    assert [f.rule for f in run_rules(facts, catalog, date(2026, 1, 15), config, select=["FS103"])] == ["FS103"]


def test_yaml_config_moves_the_non_tender_threshold(tmp_path: Path) -> None:
    cfg = tmp_path / "rules.yaml"
    cfg.write_text("non_tender_threshold_yuan: 2000000\n", encoding="utf-8")
    facts = Facts(project=ProjectFacts(budget_yuan=2_850_000, funding="财政资金"),
                  brand_lists=[BrandList("磁悬浮鼓风机", [Brand("格兰克林")], True)])
    facts.method.value = "竞争性磋商"
    catalog = _fixture_catalog()
    day = date(2026, 1, 15)
    assert [f.rule for f in run_rules(facts, catalog, day, load_config(None), select=["FS401"])] == ["FS401"]
    assert run_rules(facts, catalog, day, load_config(cfg), select=["FS401"]) == []


def test_validity_years_setting_reaches_the_catalog(tmp_path: Path) -> None:
    from checker.catalog import load_catalog

    cfg = tmp_path / "rules.toml"
    cfg.write_text("validity_years = 5\n", encoding="utf-8")
    catalog = load_catalog(FIXTURES / "catalog.csv", load_config(cfg))
    facts = facts_from_dict({"brand_lists": [{"item": "卧式单级离心泵", "brands": ["格兰富", "白塔", "凯泉"]}]})
    catalog.annotate(facts, date(2026, 1, 15))
    assert facts.brand_lists[0].brands[1].catalog.valid  # listed 2022-01-10: valid for 5 years
    assert run_rules(facts, catalog, date(2026, 1, 15), select=["FS101"]) == []


@pytest.mark.parametrize(("text", "why"), [
    ('validity_years = 0\n', "validity_years"),
    ('[rules.FS999]\nenabled = false\n', "FS999"),
    ('[rules.FS101]\nseverity = "fatal"\n', "severity"),
    ('colour = "blue"\n', "colour"),
    ('validity_years = [\n', "TOML"),
])
def test_a_bad_config_is_a_clear_error(tmp_path: Path, text: str, why: str) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(cfg)
    assert why in exc.value.message and str(cfg) in exc.value.message


def test_select_with_an_unknown_rule_is_an_error() -> None:
    with pytest.raises(ConfigError):
        run_rules(Facts(), _fixture_catalog(), date(2026, 1, 15), select=["FS999"])


def test_rules_command_lists_every_rule_with_its_basis() -> None:
    from conftest import run_cli

    out = run_cli("rules")
    assert out.returncode == 0, out.stderr
    for rule in all_rules().values():
        assert rule.id in out.stdout and rule.name in out.stdout and rule_name_zh(rule.id) in out.stdout
        assert all(part.quote in out.stdout for part in rule.basis.each())  # one basis per line


def test_scan_config_option_reaches_the_rules(tmp_path: Path) -> None:
    """``scan --config`` is read before any file is scanned: a bad one stops the run with a clear error."""
    from conftest import run_cli
    from pdfgen import make_pdf, text_page

    from checker.engine import Engine

    pdf = make_pdf(tmp_path / "draft.pdf", [text_page("采购方式：竞争性磋商")])
    cfg = tmp_path / "rules.toml"
    cfg.write_text('[rules.FS102]\nenabled = false\n[rules.FS301]\nseverity = "loud"\n', encoding="utf-8")
    out = run_cli("scan", str(pdf), "--config", str(cfg), "--format", "json", timeout=120)
    assert out.returncode == 2 and "FS301" in out.stderr and "severity" in out.stderr
    cfg.write_text("[rules.FS102]\nenabled = false\n", encoding="utf-8")
    engine = Engine(config_path=cfg)
    facts = facts_from_dict({"brand_lists": [{"item": "血液透析机", "brands": ["康泉"], "equivalent_clause": False, "page": 12}]})
    engine.catalog.annotate(facts, date(2026, 1, 15))
    rules = [f.rule for f in run_rules(facts, engine.catalog, date(2026, 1, 15), engine.config)]
    assert "FS102" not in rules and "FS103" in rules


def test_every_built_in_rule_has_a_chinese_name() -> None:
    """Reports, the page and the listing show a rule by its Chinese name, never its English slug."""
    from checker.findings import RULE_NAMES_ZH

    assert [r for r in RULE_IDS if r not in RULE_NAMES_ZH] == []
    assert all(rule_name_zh(r) != all_rules()[r].name for r in RULE_IDS)


def test_fc110_unit_is_configurable_per_row(tmp_path: Path) -> None:
    """The rules configuration gives one FC110 finding per unquantified row instead of one per table."""
    fixture = load_rule_fixture(Path(__file__).parent / "fixtures" / "rules" / "FC110.yaml")
    case = next(c for c in fixture.cases if c.name.startswith("three unquantified rows"))
    config = tmp_path / "rules.toml"
    config.write_text('[fair_competition]\nunquantified_scoring_unit = "row"\n', encoding="utf-8")
    per_table = run_rules(case.facts, fixture.catalog, fixture.as_of, select=["FC110"])
    per_row = run_rules(case.facts, fixture.catalog, fixture.as_of, load_config(config), select=["FC110"])
    assert len(per_table) == 1 and len(per_row) == 3
    assert {e.text for e in per_table[0].evidence} >= {e.text for f in per_row for e in f.evidence}
