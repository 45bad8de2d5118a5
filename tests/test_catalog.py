"""The catalog: loading in the formats Excel produces, refusing bad rows, matching, relatedness, validity."""
from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import SYNTHETIC_CATALOG
from openpyxl import Workbook

from checker.catalog import (
    company_short_names,
    load_catalog,
    load_catalog_bytes,
    parse_catalog_bytes,
    parse_catalog_file,
    related,
)
from checker.errors import CatalogError
from checker.facts.model import Brand, BrandList, Facts

CN_HEADER = ["序号", "产品名称", "型号规格", "企业名称", "品牌", "产品类别", "级别", "列入日期", "所在县（市、区）", "来源"]
ROWS = [
    ["1", "磁悬浮离心鼓风机", "YQ-MF200", "杭州云栖动力科技有限公司", "云栖", "鼓风机", "国内首台套", "2025-03-01", "西湖区", "2025年第一批"],
    ["2", "SCB18型低损耗干式变压器", "MY-SCB18", "浙江明远电气股份有限公司", "", "干式变压器", "国内首台（套）", "2024/06/01", "上虞区", "2024年第二批"],
    ["3", "智能变频离心泵", "", "温州青江泵业有限公司", "青江（Qingjiang）", "离心泵", "省内首台套", "2023年5月10日", "瓯海区", "2023年"],
]
DAY = date(2026, 1, 15)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    return "\r\n".join(",".join(r) for r in [header, *rows]) + "\r\n"


def _xlsx(header: list[str], rows: list[list[object]], title: str | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _fields(catalog) -> list[tuple]:
    return [(r["product"], r["model"], r["company"], r["brand"], r["category"], r["level"], r["listed_on"])
            for r in catalog.to_rows()]


def test_gbk_csv_and_xlsx_with_chinese_headers_load_the_same_rows(tmp_path: Path) -> None:
    gbk = tmp_path / "目录.csv"
    gbk.write_bytes(_csv(CN_HEADER, ROWS).encode("gbk"))
    xlsx = tmp_path / "目录.xlsx"
    # Excel stores dates as dates; a title row above the header is common in published lists
    xrows = [r[:7] + [datetime.fromisoformat(d)] + r[8:] for r, d in zip(ROWS, ["2025-03-01", "2024-06-01", "2023-05-10"])]
    xlsx.write_bytes(_xlsx(CN_HEADER, xrows, title="浙江省首台（套）产品推广应用指导目录"))
    from_gbk, from_xlsx = load_catalog(gbk), load_catalog(xlsx)
    assert _fields(from_gbk) == _fields(from_xlsx)
    assert _fields(from_gbk)[1] == ("SCB18型低损耗干式变压器", "MY-SCB18", "浙江明远电气股份有限公司", "", "干式变压器",
                                    "国内首台套", "2024-06-01")
    assert parse_catalog_file(gbk)[0].encoding == "gb18030"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_as_excel_writes_them(encoding: str) -> None:
    catalog = load_catalog_bytes(_csv(CN_HEADER, ROWS).encode(encoding), "c.csv")
    assert [r["company"] for r in catalog.to_rows()] == [r[3] for r in ROWS]


def test_english_headers_and_bare_year() -> None:
    data = "product,company,category,level,listed_on\n电解槽,舟山蓝海氢能科技有限公司,电解槽,国内首台套,2024\n"
    row = load_catalog_bytes(data.encode(), "c.csv").rows[0]
    assert row.listed_on == date(2024, 1, 1)  # a bare year means 1 January (SPEC)


def test_three_bad_rows_are_all_reported_with_row_numbers(tmp_path: Path) -> None:
    bad = ROWS + [
        ["4", "高效换热器", "", "", "", "换热器", "省内首台套", "2024-01-01", "", ""],  # missing company
        ["5", "工业机器人", "", "杭州富春机器人有限公司", "", "工业机器人", "省内首台套", "去年", "", ""],  # bad date
        ["6", "磁悬浮离心鼓风机", "YQ-MF200", "杭州云栖动力科技有限公司", "云栖", "鼓风机", "国内首台套", "2025-03-01", "", ""],  # dup
    ]
    path = tmp_path / "bad.csv"
    path.write_text(_csv(CN_HEADER, bad), encoding="utf-8")
    parsed = parse_catalog_file(path)[0]
    assert [(p.row, p.reasons_zh) for p in parsed.problems] == [
        (5, ("缺少生产企业",)),
        (6, ("列入日期无法识别：“去年”",)),
        (7, ("与第2行重复（同一企业、产品、型号和日期）",)),
    ]
    with pytest.raises(CatalogError) as exc:  # a broken catalog is never a silently smaller one
        load_catalog(path)
    assert all(f"第{n}行" in exc.value.message for n in (5, 6, 7))


def test_catalog_check_command_prints_loaded_and_refused(tmp_path: Path) -> None:
    from conftest import run_cli

    path = tmp_path / "bad.csv"
    path.write_text(_csv(CN_HEADER, ROWS + [["4", "", "", "某公司", "", "", "", "2024-01-01", "", ""]]), encoding="utf-8")
    out = run_cli("catalog", "check", str(path))
    assert out.returncode == 2
    assert "已载入 3 行" in out.stdout and "拒绝 1 行" in out.stdout and "第5行：缺少产品名称" in out.stdout
    ok = run_cli("catalog", "check")
    assert ok.returncode == 0 and "非官方" in ok.stdout  # the built-in catalog says what it is
    assert "报告中将显示为" in ok.stdout and "16 条" in ok.stdout  # and how reports will name it


@pytest.mark.parametrize(("data", "needle"), [
    (b"", "为空"),
    ("名称,公司\n甲,乙\n".encode(), "表头"),
    ("产品名称,企业名称,品牌\n甲,乙公司,丙\n".encode(), "列入日期"),
    (b"\xff\xfe\x00\x00garbage\x81\x30", "编码"),
])
def test_unusable_files_are_clear_errors(data: bytes, needle: str) -> None:
    with pytest.raises(CatalogError) as exc:
        load_catalog_bytes(data, "c.csv")
    assert needle in exc.value.message


def test_published_layout_with_exit_dates_only() -> None:
    """The official list has 序号/产品名称/企业名称/所在县（市、区）/级别/退出目录时间 and no category."""
    data = _xlsx(["序号", "产品名称", "企业名称", "所在县（市、区）", "级别", "退出目录时间"],
                 [[1, "PEM电解水制氢电解槽", "舟山蓝海氢能科技有限公司", "定海区", "国内", "2026年底"],
                  [2, "智能变频恒压供水离心泵", "台州方林泵业有限公司", "温岭市", "省内", datetime(2025, 9, 18)]])
    catalog = load_catalog_bytes(data, "official.xlsx")
    first, second = catalog.rows
    assert first.exit_on == date(2027, 1, 1) and first.level == "国内首台套"
    assert second.category == "离心泵" and second.category_derived  # derived from the product name's head
    assert catalog.valid_on(first, date(2026, 12, 31)) and not catalog.valid_on(first, date(2027, 1, 1))


@pytest.mark.parametrize(("company", "short"), [
    ("浙江正泰电器股份有限公司", ["正泰电器", "正泰"]),
    ("宁波海曙医疗影像有限公司", ["海曙医疗影像"]),  # 海曙 is a district and the 字号: kept
    ("杭州钱塘江重工机械有限公司", ["钱塘江重工", "钱塘江"]),
])
def test_company_short_names(company: str, short: list[str]) -> None:
    names = company_short_names(company)
    assert all(s in names for s in short), names


@pytest.mark.parametrize("generic", ["医疗影像", "海曙", "宁波", "机械"])
def test_short_names_are_never_only_region_or_trade_words(generic: str) -> None:
    assert generic not in company_short_names("宁波海曙医疗影像有限公司") + company_short_names("杭州钱塘江重工机械有限公司")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog_bytes(_csv(CN_HEADER, ROWS).encode(), "c.csv")


@pytest.mark.parametrize(("written", "field", "company"), [
    ("云栖", "brand", "杭州云栖动力科技有限公司"),
    ("Qingjiang", "brand", "温州青江泵业有限公司"),  # bracketed alternate of the brand
    ("青江（Qingjiang）", "brand", "温州青江泵业有限公司"),
    ("浙江明远电气股份有限公司", "company", "浙江明远电气股份有限公司"),
    ("明远电气", "short_name", "浙江明远电气股份有限公司"),
    ("明远", "short_name", "浙江明远电气股份有限公司"),
    (" 明 远 电 气 ", "short_name", "浙江明远电气股份有限公司"),  # layout spaces are ignored
    ("浙江明远电器股份有限公司", "fuzzy", "浙江明远电气股份有限公司"),  # a one-character slip in a long name
])
def test_brand_matches_record_how_they_matched(catalog, written: str, field: str, company: str) -> None:
    hits = catalog.lookup(written)
    assert hits and hits[0].field == field and hits[0].row.company == company


@pytest.mark.parametrize("written", ["明远电器", "青山", "云栖湖", "电气", "杭州", "西门子"])
def test_near_names_do_not_match(catalog, written: str) -> None:
    assert catalog.lookup(written) == []


def test_curated_alias_lexicon_matches() -> None:
    sample = load_catalog(SYNTHETIC_CATALOG)  # the synthetic test catalog and its aliases
    hits = sample.lookup("Tianwo")
    assert hits and hits[0].field == "alias" and hits[0].row.company == "杭州天沃制冷有限公司"


@pytest.mark.parametrize(("item", "category", "expected"), [
    ("64排螺旋CT机", "CT机", True),
    ("冷机", "冷水机组", True),  # synonym lexicon
    ("离心压缩机组", "离心压缩机", True),  # 机组 ≈ 机
    ("制氮空分设备", "空分设备", True),
    ("MRI", "磁共振成像系统", True),
    ("变压器", "干式变压器", True),  # the bare head of the category
    ("公共交通型自动扶梯", "电梯", False),  # an escalator is not an elevator
    ("S13型油浸式变压器", "干式变压器", False),  # same head word, different kind
    ("隧道射流风机", "鼓风机", False),
    ("有创呼吸机", "CT机", False),
    ("机组", "冷水机组", False),  # too general to mean any one product
])
def test_item_relatedness(item: str, category: str, expected: bool) -> None:
    assert related(item, category) is expected


def test_validity_window_defaults_to_two_years(catalog) -> None:
    row = catalog.rows[0]  # listed 2025-03-01
    assert catalog.valid_on(row, date(2025, 3, 1)) and catalog.valid_on(row, date(2027, 2, 28))
    assert not catalog.valid_on(row, date(2027, 3, 1)) and not catalog.valid_on(row, date(2025, 2, 28))


def test_annotate_prefers_the_related_valid_row() -> None:
    data = _csv(CN_HEADER, [
        ["1", "磁悬浮离心鼓风机", "A", "杭州云栖动力科技有限公司", "云栖", "鼓风机", "国内首台套", "2025-03-01", "", ""],
        ["2", "永磁冷水机组", "B", "杭州云栖动力科技有限公司", "云栖", "冷水机组", "省内首台套", "2021-01-01", "", ""],
    ])
    catalog = load_catalog_bytes(data.encode(), "c.csv")
    facts = Facts(brand_lists=[BrandList("水冷螺杆式冷水机组", [Brand("云栖")], True),
                               BrandList("磁悬浮鼓风机", [Brand("云栖")], True)])
    catalog.annotate(facts, DAY)
    chiller, blower = (bl.brands[0].catalog for bl in facts.brand_lists)
    assert chiller.category == "冷水机组" and not chiller.valid and chiller.exit_on == date(2023, 1, 1)
    assert blower.category == "鼓风机" and blower.valid and blower.matched_on == "brand" and blower.alias == "云栖"


def test_describe_and_rows_for_the_api(catalog) -> None:
    d = catalog.describe()
    assert d["rows"] == 3 and len(d["sha256"]) == 64
    assert catalog.to_rows()[2]["brand"] == "青江（Qingjiang）"


def test_default_catalog_invents_no_company_and_says_what_it_is() -> None:
    """The built-in catalog holds real recognitions only, each with the public page that reports it."""
    builtin = load_catalog(None)
    desc = builtin.describe()
    assert desc["sample"] is True and desc["official"] is False and "不是官方" in desc["warning"]
    assert desc["name"] and desc["version"] and desc["rows"] == len(builtin.rows) and len(desc["sha256"]) == 64
    assert "/" not in desc["path"]  # never a folder, let alone a server's
    assert all(r.source.startswith("首台（套）装备认定名单（公开报道）：http") for r in builtin.rows)
    assert not any("synthetic" in r.source.lower() for r in builtin.rows)
    invented = {r.company for r in load_catalog(SYNTHETIC_CATALOG).rows}
    assert not invented & {r.company for r in builtin.rows}


def test_a_user_catalog_is_named_by_its_file_and_never_called_official_unless_it_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "srv" / "catalogs"
    folder.mkdir(parents=True)
    plain = folder / "目录2026.csv"
    plain.write_text(_csv(CN_HEADER, ROWS), encoding="utf-8")
    desc = load_catalog(plain).describe()
    assert desc["name"] == "目录2026.csv" and desc["path"] == "目录2026.csv" and str(tmp_path) not in str(desc)
    assert desc["official"] is False and desc["sample"] is False and desc["warning"] is None
    stated = folder / "official.csv"
    stated.write_text("# @name: 2026年浙江省首台（套）产品推广应用指导目录\n# @version: 2026年第一批\n# @official: yes\n"
                      + _csv(CN_HEADER, ROWS), encoding="utf-8")
    desc = load_catalog(stated).describe()
    assert desc["name"] == "2026年浙江省首台（套）产品推广应用指导目录" and desc["version"] == "2026年第一批"
    assert desc["official"] is True


def test_parse_reports_unknown_level() -> None:
    data = "产品名称,企业名称,级别,列入日期\n甲设备,乙公司,市级,2024-01-01\n"
    parsed = parse_catalog_bytes(data.encode(), "c.csv", 2)
    assert parsed.problems[0].row == 2 and "级别无法识别" in parsed.problems[0].reasons_zh[0]


def test_a_product_listed_again_is_not_a_duplicate_and_the_new_listing_counts() -> None:
    data = _csv(CN_HEADER, [
        ["1", "智能变频离心泵", "V1", "温州青江泵业有限公司", "青江", "离心泵", "省内首台套", "2021-05-10", "", ""],
        ["2", "智能变频离心泵", "V1", "温州青江泵业有限公司", "青江", "离心泵", "省内首台套", "2025-05-10", "", ""],
    ])
    catalog = load_catalog_bytes(data.encode(), "c.csv")
    facts = Facts(brand_lists=[BrandList("离心泵", [Brand("青江")], True)])
    catalog.annotate(facts, DAY)
    match = facts.brand_lists[0].brands[0].catalog
    assert len(catalog.rows) == 2 and match.valid and match.listed_on == date(2025, 5, 10)


@pytest.mark.parametrize("company,generic", [
    ("浙江隧道科技有限公司", "隧道"),
    ("上海流体技术股份有限公司", "流体"),
    ("杭州医学科技有限公司", "医学"),
    ("宁波科技电气有限公司", "科技"),
    ("温州智能装备有限公司", "智能"),
])
def test_a_short_name_never_shrinks_to_a_generic_word(company: str, generic: str) -> None:
    """Issue 12: a brand matches a catalog row only on a distinctive name, never on 隧道/流体/医学/科技/电气."""
    from checker.catalog.names import company_short_names

    names = company_short_names(company)
    assert generic not in names
    assert all(n not in {"隧道", "流体", "医学", "科技", "电气", "智能", "装备"} for n in names), names


def test_a_distinctive_short_name_is_still_derived() -> None:
    from checker.catalog.names import company_short_names

    assert company_short_names("浙江正泰电器股份有限公司") == ["浙江正泰电器", "浙江正泰", "正泰电器", "正泰"]
