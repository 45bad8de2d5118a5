"""The re-check loop on two generated versions of one draft: fingerprints that survive a revision,
waivers, ``tendercheck diff`` and ``scan --baseline`` (issue 18)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SYNTHETIC_CATALOG
from conftest import run_cli as run_any_cli
from recheck_docs import CATALOG_ENV, draft

from checker.diff import diff_reports
from checker.engine import Engine
from checker.fingerprint import fingerprint, normalise
from checker.schema import validate_diff, validate_report

ELEVATOR, DESKS, CHILLER = "医用病床电梯", "办公桌椅", "冷水机组"


def run_cli(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """The command line, judging the drafts against the catalog they were written for."""
    return run_any_cli(*args, env={**CATALOG_ENV, **(env or {})})


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("drafts")
    return {
        "v1": draft(d / "初稿.pdf"),
        "shifted": draft(d / "修改稿-仅移位.pdf", revised=True),
        "v2": draft(d / "修改稿.pdf", revised=True, fix_elevator=True, add_desks=True, budget="420万元"),
    }


@pytest.fixture(scope="module")
def reports(drafts: dict[str, Path]) -> dict[str, dict]:
    engine = Engine(catalog_path=SYNTHETIC_CATALOG)
    out = {name: engine.scan(path).to_dict() for name, path in drafts.items()}
    for r in out.values():
        assert r["error"] is None
        validate_report(r)
    return out


def by_rule_item(report: dict) -> dict[tuple[str, str | None], dict]:
    return {(f["rule"], f["item"]): f for f in report["findings"]}


def test_every_finding_has_a_fingerprint_and_different_findings_differ(reports: dict[str, dict]) -> None:
    findings = reports["v1"]["findings"]
    assert {(f["rule"], f["item"]) for f in findings} == {
        ("FS101", CHILLER), ("FS102", ELEVATOR), ("FS103", ELEVATOR), ("FS301", None)}
    prints = [f["fingerprint"] for f in findings]
    assert all(p and p.startswith(f["rule"] + "-") for p, f in zip(prints, findings))
    assert len(set(prints)) == len(prints)  # FS102 and FS103 on the same list differ too


def test_a_shifted_and_reworded_draft_keeps_every_fingerprint(reports: dict[str, dict]) -> None:
    old, new = by_rule_item(reports["v1"]), by_rule_item(reports["shifted"])
    assert old.keys() == new.keys()
    # The revision really moved things: a page inserted before the requirements, a line above the 业绩 clause.
    assert new[("FS102", ELEVATOR)]["page"] == old[("FS102", ELEVATOR)]["page"] + 1
    assert new[("FS301", None)]["evidence"][0]["bbox"][1] > old[("FS301", None)]["evidence"][0]["bbox"][1]
    assert {k: f["fingerprint"] for k, f in new.items()} == {k: f["fingerprint"] for k, f in old.items()}
    diff = diff_reports(reports["v1"], reports["shifted"])
    assert diff["facts"] == {"changed": [], "brand_lists": {"added": [], "removed": []}}
    assert diff["summary"] | {"new_by_severity": None} == {
        "fixed": 0, "new": 0, "remaining": 4, "new_waived": 0, "new_by_severity": None}


def test_a_fixed_brand_list_is_fixed_and_a_new_one_is_new(reports: dict[str, dict]) -> None:
    diff = diff_reports(reports["v1"], reports["v2"])
    validate_diff(diff)
    assert {(f["rule"], f["item"]) for f in diff["findings"]["fixed"]} == {("FS102", ELEVATOR), ("FS103", ELEVATOR)}
    assert {(f["rule"], f["item"]) for f in diff["findings"]["new"]} == {("FS102", DESKS), ("FS103", DESKS)}
    assert {(f["rule"], f["item"]) for f in diff["findings"]["remaining"]} == {("FS101", CHILLER), ("FS301", None)}
    lists = diff["facts"]["brand_lists"]
    assert [(b["item"], b["brands"]) for b in lists["removed"]] == [(ELEVATOR, ["奥的斯"])]
    assert [(b["item"], b["brands"]) for b in lists["added"]] == [(DESKS, ["圣奥"])]
    assert diff["summary"]["new_by_severity"] == {"violation": 1, "warning": 1, "info": 0}
    assert diff["facts"]["changed"] == [
        {"fact": "budget_yuan", "label": "预算/最高限价（元）", "old": 3_800_000, "new": 4_200_000}]


def test_normalising_ignores_width_spacing_punctuation_and_list_numbers() -> None:
    assert normalise("3.投标人近三年具有类似项目业绩不少于２个 。") == normalise("（二）投标人近三年具有类似项目业绩不少于2个。")
    assert normalise("ＧＢ／Ｔ　５０２３１－２０１６") == normalise("GB/T 50231-2016")
    assert normalise("推荐品牌：约克") != normalise("推荐品牌：开利")
    assert fingerprint("FS102", ("电梯", "奥的斯"), 0) != fingerprint("FS102", ("电梯", "奥的斯"), 1)
    assert fingerprint("FS102", ("电梯", "奥的斯")) != fingerprint("FS103", ("电梯", "奥的斯"))


def test_identical_findings_are_told_apart_by_occurrence_and_keep_their_ids_when_others_move() -> None:
    from checker.fingerprint import assign
    from checker.model import Evidence
    from checker.report import Basis, Finding

    def finding(rule: str, page: int, text: str) -> Finding:
        return Finding(rule, "x", "warning", "m", None, Basis("d", "c", "q"), "s", [Evidence(page, None, text)])

    # The same 业绩 clause twice (qualification and scoring), another clause between them.
    first = [finding("FS301", 2, "类似业绩不少于2个"), finding("FS301", 3, "其他业绩条款"), finding("FS301", 5, "类似业绩不少于2个")]
    # The revision moves everything down a page and drops the clause between.
    second = [finding("FS301", 3, "类似业绩不少于 2 个"), finding("FS301", 6, "类似业绩不少于２个")]
    assign(first)
    assign(second)
    assert first[0].fingerprint != first[2].fingerprint
    assert [f.fingerprint for f in second] == [first[0].fingerprint, first[2].fingerprint]


def write_waivers(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_waiver_suppresses_exactly_its_finding(drafts: dict[str, Path], reports: dict[str, dict],
                                                 tmp_path: Path) -> None:
    target = by_rule_item(reports["v1"])[("FS102", ELEVATOR)]
    waivers = write_waivers(tmp_path / "waivers.toml", f'''
[[waiver]]
fingerprint = "{target['fingerprint']}"
reason = "病床电梯须与院区既有电梯同品牌，已经专家论证"
who = "采购中心 张三"
date = 2026-03-05
''')
    proc = run_cli("scan", str(drafts["v1"]), "--format", "json", "--waivers", str(waivers))
    report = json.loads(proc.stdout)
    validate_report(report)
    waived = [f for f in report["findings"] if f["waiver"]]
    assert [f["fingerprint"] for f in waived] == [target["fingerprint"]]
    assert waived[0]["waiver"]["reason"] == "病床电梯须与院区既有电梯同品牌，已经专家论证"
    assert len(report["findings"]) == len(reports["v1"]["findings"])  # still listed
    before = reports["v1"]["summary"]
    assert report["summary"] == {**before, "violation": before["violation"] - 1}
    assert report["waivers"] | {"expired": [], "unmatched": []} == {
        "source": "waivers.toml", "entries": 1, "waived": 1, "expired": [], "unmatched": []}
    assert proc.returncode == 1  # FS101 is still a violation

    text = run_cli("scan", str(drafts["v1"]), "--waivers", str(waivers)).stdout
    assert all(f"指纹: {f['fingerprint']}" in text for f in reports["v1"]["findings"])
    counted, _, waived_part = text.partition("已豁免的问题")
    assert "FS102" not in counted.split("违规 1 · 警告")[1] and "FS102" in waived_part
    assert "病床电梯须与院区既有电梯同品牌" in waived_part


def test_waiving_every_violation_makes_the_scan_pass_by_rule_item_and_quote(drafts: dict[str, Path],
                                                                            tmp_path: Path) -> None:
    waivers = write_waivers(tmp_path / "waivers.yaml", '''
waivers:
  - rule: FS102
    item: 医用病床电梯
    reason: 与既有电梯统一维保
  - rule: FS101
    quote: "推荐品牌：约克、开利、特灵"
    reason: 目录内同类产品不满足磁悬浮要求
    expires: 2099-12-31
''')
    proc = run_cli("scan", str(drafts["v1"]), "--format", "json", "--waivers", str(waivers))
    report = json.loads(proc.stdout)
    assert proc.returncode == 0, proc.stderr
    assert {(f["rule"], f["item"]) for f in report["findings"] if f["waiver"]} == {
        ("FS102", ELEVATOR), ("FS101", CHILLER)}
    assert report["summary"]["violation"] == 0 and report["waivers"]["unmatched"] == []


def test_expired_and_stale_waivers_are_reported_and_change_nothing(drafts: dict[str, Path], reports: dict[str, dict],
                                                                   tmp_path: Path) -> None:
    target = by_rule_item(reports["v1"])[("FS102", ELEVATOR)]
    waivers = write_waivers(tmp_path / "old-waivers.toml", f'''
[[waiver]]
fingerprint = "{target['fingerprint']}"
reason = "去年的论证意见"
expires = 2025-01-01

[[waiver]]
rule = "FS102"
item = "已删除的品目"
reason = "品目已删除"
''')
    proc = run_cli("scan", str(drafts["v1"]), "--format", "json", "--waivers", str(waivers))
    report = json.loads(proc.stdout)
    assert proc.returncode == 1  # a warning, not an error: the violations count as before
    assert report["summary"] == reports["v1"]["summary"] and not any(f["waiver"] for f in report["findings"])
    assert [w["entry"] for w in report["waivers"]["expired"]] == [1]
    assert [w["entry"] for w in report["waivers"]["unmatched"]] == [2]
    assert any("第1条" in w and "过期" in w for w in report["warnings"])
    assert any("第2条" in w and "没有匹配的问题" in w for w in report["warnings"])
    # The same from the environment setting, shown in the text report.
    text = run_cli("scan", str(drafts["v1"]), env={"TENDERCHECK_WAIVERS": str(waivers)}).stdout
    assert "豁免第1条" in text and "已于2025-01-01过期" in text


@pytest.mark.parametrize("entry, why", [
    ('fingerprint = "FS102-0123456789abcdef"', "reason"),
    ('fingerprint = "FS102-0123456789abcdef"\nreason = "  "', "reason"),
    ('rule = "FS102"\nreason = "缺少品目或原文"', "fingerprint"),
    ('fingerprint = "FS102-0123456789abcdef"\nreason = "x"\nexpire = 2026-01-01', "expire"),
])
def test_a_broken_waiver_entry_is_refused_with_its_number(entry: str, why: str) -> None:
    # The command line turns this into exit 2 (tests/test_recheck_browser.py: an unfilled stub).
    from checker.errors import ConfigError
    from checker.waivers import parse_waivers

    with pytest.raises(ConfigError) as info:
        parse_waivers(f"[[waiver]]\n{entry}\n", "bad.toml")
    assert "豁免文件 bad.toml 第1条" in info.value.message and why in info.value.message


def test_baseline_reports_only_findings_not_in_the_previous_report(drafts: dict[str, Path], reports: dict[str, dict],
                                                                   tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps(reports["v1"], ensure_ascii=False), encoding="utf-8")
    proc = run_cli("scan", str(drafts["v2"]), "--format", "json", "--baseline", str(old))
    report = json.loads(proc.stdout)
    validate_report(report)
    assert {(f["rule"], f["item"]) for f in report["findings"]} == {("FS102", DESKS), ("FS103", DESKS)}
    assert report["baseline"] == {"source": "old.json", "file": "初稿.pdf", "suppressed": 2}
    assert proc.returncode == 1
    same = run_cli("scan", str(drafts["shifted"]), "--format", "json", "--baseline", str(old))
    assert json.loads(same.stdout)["findings"] == [] and same.returncode == 0


def test_diff_command_text_json_exit_status_and_reports_as_input(drafts: dict[str, Path], reports: dict[str, dict],
                                                                 tmp_path: Path) -> None:
    proc = run_cli("diff", str(drafts["v1"]), str(drafts["v2"]))
    assert proc.returncode == 1, proc.stderr  # a new violation (办公桌椅 designates 圣奥)
    assert "已修改 2 · 新增 2 · 仍存在 2" in proc.stdout
    assert "删除的品牌清单 医用病床电梯: 奥的斯" in proc.stdout and "新增的品牌清单 办公桌椅: 圣奥" in proc.stdout
    # Only fixes: nothing new, exit 0. Both sides given as earlier JSON reports.
    old, new = tmp_path / "v1.json", tmp_path / "shifted.json"
    old.write_text(json.dumps(reports["v1"], ensure_ascii=False), encoding="utf-8")
    new.write_text(json.dumps(reports["shifted"], ensure_ascii=False), encoding="utf-8")
    as_json = run_cli("diff", str(old), str(new), "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    diff = json.loads(as_json.stdout)
    assert diff["schema"] == "tendercheck.diff/1" and diff["summary"]["new"] == 0
    validate_diff(diff)
    assert run_cli("diff", str(old), str(tmp_path / "missing.pdf")).returncode == 2
    # A waiver accepting the new violation leaves only a new warning: exit 0, unless warnings count too.
    v2 = tmp_path / "v2.json"
    v2.write_text(json.dumps(reports["v2"], ensure_ascii=False), encoding="utf-8")
    desks = by_rule_item(reports["v2"])[("FS102", DESKS)]["fingerprint"]
    waivers = write_waivers(tmp_path / "w.toml", f'[[waiver]]\nfingerprint = "{desks}"\nreason = "演示"\n')
    waived = run_cli("diff", str(old), str(v2), "--waivers", str(waivers), "--format", "json")
    assert waived.returncode == 0 and json.loads(waived.stdout)["summary"]["new_waived"] == 1
    assert run_cli("diff", str(old), str(v2), "--waivers", str(waivers), "--fail-on", "warning").returncode == 1


def test_fingerprint_is_shown_in_the_html_report(drafts: dict[str, Path], reports: dict[str, dict],
                                                           tmp_path: Path) -> None:
    prints = {f["fingerprint"] for f in reports["v1"]["findings"]}
    html = tmp_path / "r.html"
    run_cli("scan", str(drafts["v1"]), "--format", "html", "-o", str(html))
    page = html.read_text(encoding="utf-8")
    assert all(p in page for p in prints)


def test_the_settings_file_names_the_waiver_file_and_the_command_line_wins(drafts: dict[str, Path],
                                                                           reports: dict[str, dict],
                                                                           tmp_path: Path) -> None:
    folder = tmp_path / "项目"
    folder.mkdir()
    pdf = folder / "初稿.pdf"
    pdf.write_bytes(drafts["v1"].read_bytes())
    target = by_rule_item(reports["v1"])[("FS102", ELEVATOR)]["fingerprint"]
    write_waivers(folder / "accepted.toml", f'[[waiver]]\nfingerprint = "{target}"\nreason = "与既有电梯统一维保"\n')
    (folder / "tendercheck.toml").write_text('waivers = "accepted.toml"\n', encoding="utf-8")
    report = json.loads(run_cli("scan", str(pdf), "--format", "json").stdout)
    assert [f["fingerprint"] for f in report["findings"] if f["waiver"]] == [target]
    other = write_waivers(tmp_path / "other.toml", '[[waiver]]\nrule = "FS301"\nquote = "类似项目业绩"\nreason = "x"\n')
    report = json.loads(run_cli("scan", str(pdf), "--format", "json", "--waivers", str(other)).stdout)
    assert [f["rule"] for f in report["findings"] if f["waiver"]] == ["FS301"]


def test_the_csv_sheet_carries_fingerprints_and_waiver_reasons(drafts: dict[str, Path]) -> None:
    import csv
    import io

    from checker.waivers import apply_waivers, parse_waivers
    from reports.csvout import render_csv

    report = Engine(catalog_path=SYNTHETIC_CATALOG).scan(drafts["v1"])
    apply_waivers(report, parse_waivers('[[waiver]]\nrule = "FS102"\nitem = "医用病床电梯"\nreason = "统一维保"\n', "w.toml"))
    rows = list(csv.DictReader(io.StringIO(render_csv([report], "en").lstrip("\ufeff"))))
    assert {r["fingerprint"] for r in rows} == {f.fingerprint for f in report.findings}
    assert [(r["rule"], r["waiver"]) for r in rows if r["waiver"]] == [("FS102", "统一维保")]
