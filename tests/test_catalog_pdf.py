"""The official catalog is published as a PDF of tables: it loads like the same rows in a CSV."""
from __future__ import annotations

from pathlib import Path

import pytest
from pdfgen import PageSpec, Placed, TableSpec, make_pdf

from checker.catalog import Catalog, load_catalog
from checker.errors import CatalogError

HEADER = ["序号", "产品名称", "企业名称", "所在县（市、区）", "级别", "退出目录时间"]
ROWS = [
    ["1", "磁悬浮变频离心式冷水机组", "杭州天沃制冷有限公司", "余杭区", "国内", "2026年底"],
    ["2", "非晶合金干式变压器", "浙江华越电气股份有限公司", "柯桥区", "省内", "2027-06-30"],
    ["3", "智能液压启闭机", "金华兰江水工机械有限公司", "兰溪市", "省内", "2026年12月31日"],
    ["4", "超高速乘客电梯", "湖州南浔电梯有限公司", "南浔区", "国际", "2028年底"],
    ["5", "智能血液透析机", "浙江康泉医疗器械有限公司", "桐乡市", "国内", "2027年底"],
]
WIDTHS = [30, 150, 150, 70, 40, 80]


def official_pdf(path: Path, rows: list[list[str]]) -> Path:
    """Two sections, each a ruled table with the header; the second runs over a page break."""
    return make_pdf(path, [
        PageSpec(lines=[Placed("浙江省首台（套）产品推广应用指导目录（2026年版）", 120, 60, 14),
                        Placed("一、首台（套）装备", 40, 100, 12)],
                 tables=[TableSpec([HEADER] + rows[:2], WIDTHS, x=40, top=120, size=8),
                         TableSpec([HEADER] + rows[2:4], WIDTHS, x=40, top=700, size=8)],
                 footer="— {n} —"),
        PageSpec(tables=[TableSpec([HEADER] + rows[4:], WIDTHS, x=40, top=60, size=8)], footer="— {n} —"),
    ])


def test_pdf_catalog_loads_the_same_rows_as_csv(tmp_path: Path) -> None:
    pdf = load_catalog(official_pdf(tmp_path / "目录.pdf", ROWS))
    csv_path = tmp_path / "目录.csv"
    csv_path.write_text("\n".join(",".join(r) for r in [HEADER] + ROWS) + "\n", encoding="utf-8")
    csv = load_catalog(csv_path)
    def key(c: Catalog) -> list[tuple[object, ...]]:
        return [(r.product, r.company, r.level, r.exit_on, r.category) for r in c.rows]

    assert key(pdf) == key(csv)
    assert len(pdf.rows) == 5
    first = pdf.rows[0]
    assert first.exit_on.isoformat() == "2027-01-01"  # 2026年底: leaves the catalog at the end of 2026
    assert first.category == "冷水机组"  # the published list has no category: taken from the product name


def test_pdf_catalog_with_a_bad_row_names_it(tmp_path: Path) -> None:
    bad = [r[:] for r in ROWS]
    bad[3][5] = "待定"
    with pytest.raises(CatalogError) as info:
        load_catalog(official_pdf(tmp_path / "bad.pdf", bad))
    assert "待定" in info.value.message


def test_pdf_without_tables_is_refused(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "notes.pdf", [PageSpec(lines=[Placed("这是一份通知，没有目录表格", 72, 100)])])
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    assert "表格" in info.value.message
