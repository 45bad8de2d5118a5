"""Write examples/示例招标文件.pdf, the README's example tender, with known problems to find.

    python scripts/make_example.py            # rewrites examples/示例招标文件.pdf (reproducible)
    tendercheck scan examples/示例招标文件.pdf

A twelve-page 公开招标 tender (bench/make_tender.py layout) planned item by item:

- 冷水机组 recommends three market brands and no 首台套 product, while the catalog lists valid
  冷水机组 → FS101;
- 医用病床电梯 names a single brand (奥的斯) with no "或相当于" → FS102 and FS103;
- 干式变压器 cites an enterprise standard (Q/…) while catalog products exist → FS201;
- 干式变压器 recommends three brands including a valid catalog product → no FS101;
- 离心泵 is 不限, 办公桌椅 has no catalog category → no finding;
- the qualification asks for 业绩 and never deems catalog products to have it → FS301.

Catalog brands come from examples/synthetic_catalog.csv (invented companies) (valid on the tender's date), so the
example stays in step with the default catalog. Everything else is fixed, so the bytes are too.
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.make_tender import DEFAULT_CATALOG, Item, TenderSpec, catalog_brands, load_vocab, render

OUTPUT = ROOT / "examples" / "示例招标文件.pdf"
ISSUED = date(2025, 11, 18)
SEED = 20251118


def example_spec() -> TenderSpec:
    listed = catalog_brands(DEFAULT_CATALOG, valid_on=ISSUED)
    if not listed.get("干式变压器") or not listed.get("冷水机组"):
        raise SystemExit(f"{DEFAULT_CATALOG} has no valid 干式变压器 or 冷水机组 on {ISSUED}: the example needs both")
    items = [
        Item("磁悬浮变频离心式冷水机组", "冷水机组", 2, "台",
             ["额定制冷量≥1400kW", "满负荷COP≥6.2", "IPLV≥10.5", "制冷剂采用R134a环保冷媒"],
             ["GB 19577-2015《冷水机组能效限定值及能效等级》", "GB/T 18430.1-2007"],
             ["约克", "开利", "特灵"], "或相当于"),
        Item("医用病床电梯", "电梯", 4, "台",
             ["载重量1600kg", "额定速度1.75m/s", "12层12站12门", "永磁同步无齿轮曳引机"],
             ["GB/T 7588.1-2020", "GB/T 10058-2023"], ["奥的斯"], ""),
        Item("SCB14型干式变压器", "干式变压器", 2, "台",
             ["额定容量1250kVA", "联结组别Dyn11", "绝缘等级F级", "带温控及强迫风冷装置"],
             ["GB 20052-2020", "GB/T 1094.11-2022", "Q/JP 003-2022"],
             ["顺特电气", listed["干式变压器"][0], "特变电工"], "或同等档次"),
        Item("卧式单级离心泵", "离心泵", 6, "台", ["流量Q=200m³/h", "扬程H=32m", "电机能效不低于IE3"],
             ["GB/T 3216-2016", "GB 19762-2007"], []),
        Item("办公桌椅", None, 120, "套", ["规格1400mm×700mm", "质保期不少于5年"], ["GB/T 3325-2017"],
             ["圣奥", "震旦", "科华"], "或相当于"),
    ]
    return TenderSpec(
        project="示例市人民医院综合楼机电设备采购项目", code="SLZB-2025-GK018", purchaser="示例市人民医院",
        agency="浙江示例招标代理有限公司", method={"name": "公开招标", "title": "招标文件", "letter": "GK"},
        budget_yuan=9_680_000, funding="财政资金", issued=ISSUED, packages=[items],
        performance="投标人须具有2022年1月1日以来（以合同签订时间为准）类似项目业绩不少于2个，须提供合同复印件加盖公章。",
        first_set_equivalence=False, first_set_priority=False, seed=SEED, words=load_vocab())


def main() -> int:
    spec = example_spec()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    pages = render(spec, str(OUTPUT), clauses=6, form_pages=2)
    print(f"{OUTPUT.relative_to(ROOT)}: {pages} pages, {OUTPUT.stat().st_size // 1024} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
