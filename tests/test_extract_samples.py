"""Facts on the shared sample tenders match their truth files; one PDF made here checks page and bbox."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED_SAMPLES
from pdfgen import PageSpec, Placed, TableSpec, make_pdf

from checker.facts import extract
from checker.ingest import load_document
from checker.normalize import build_doctext
from checker.settings import Settings


def _facts(path: Path):
    return extract(build_doctext(load_document(path, Settings())))


# One test per sample, so one failing document does not hide the others.
SAMPLE_TRUTHS = sorted(SHARED_SAMPLES.glob("*.truth.json")) if SHARED_SAMPLES.is_dir() else []


@pytest.mark.parametrize("truth_path", SAMPLE_TRUTHS or [pytest.param(None, marks=pytest.mark.skip(
    reason="../shared/samples is not available here"))], ids=lambda p: p.name if p else "none")
def test_sample_matches_truth(truth_path: Path):
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    f = _facts(SHARED_SAMPLES / truth["file"])
    name = truth["file"]
    assert f.method.value == truth["procurement_method"], name
    assert f.document_date and f.document_date.isoformat() == truth["as_of"], name
    p = truth["project"]
    assert (f.project.name, f.project.code, f.project.purchaser, f.project.funding, f.project.field) == (
        p["name"], p["code"], p["purchaser"], p["funding"], p["field"]), name
    assert f.project.budget_yuan == pytest.approx(p["budget_yuan"]), name
    got = sorted((bl.item, tuple(b.name for b in bl.brands), bl.equivalent_clause) for bl in f.brand_lists)
    want = sorted((t["item"], tuple(t["brands"]), t["equivalent_clause"]) for t in truth["brand_lists"])
    assert got == want, name
    assert {s.code for s in f.standards} == {s["code"] for s in truth["standards"]}, name
    assert bool(f.performance_requirements) == bool(truth["performance_requirements"]), name
    assert f.first_set_mentioned == truth["first_set_mentioned"], name
    assert [x.exempts_first_set for x in f.new_product_exclusions] == [
        x["exempts_first_set"] for x in truth["new_product_exclusions"]], name
    assert [i.name for i in f.items] == [i["name"] for i in truth["items"]] or \
        {i.name for i in f.items} == {i["name"] for i in truth["items"]}, name


def test_brand_list_in_a_real_pdf_keeps_page_and_box(tmp_path: Path):
    table = TableSpec(rows=[["序号", "货物名称", "数量", "推荐品牌"],
                            ["1", "冷水机组", "2", "开利、特灵、约克或相当于"]],
                      col_widths=[40, 120, 40, 220], top=120)
    pages = [PageSpec(lines=[Placed("某某医院空调设备采购项目", 72, 60), Placed("采购方式：竞争性磋商", 72, 90)]),
             PageSpec(lines=[Placed("二、采购清单", 72, 90)], tables=[table])]
    f = _facts(make_pdf(tmp_path / "t.pdf", pages))
    assert f.method.value == "竞争性磋商"
    (bl,) = f.brand_lists
    assert (bl.item, [b.name for b in bl.brands], bl.equivalent_clause) == ("冷水机组", ["开利", "特灵", "约克"], True)
    ev = bl.brands[1].evidence[0]
    assert ev.page == 2 and ev.text == "特灵"
    x0, top, x1, bottom = ev.bbox
    assert 260 < x0 < x1 < 480 and 120 < top < bottom < 170  # inside the brand cell
