"""Ground truth for the corpus: what a careful reader finds in each document, and the findings the
policy implies. The findings come from a small, independent reading of the rules in SPEC.md over
the declared facts and the corpus catalog — not from tendercheck — so a checker bug cannot hide
in the truth. Relatedness is declared per item by hand (``cat``), as a reviewer would judge it.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

TENDER_METHODS = {"公开招标", "邀请招标"}
KEY_FIELDS = {"医疗设备", "新能源汽车", "电力", "能源", "石化", "基础设施", "节能环保", "水利水务", "交通工程"}
THRESHOLD_YUAN = 4_000_000
VALID_YEARS = 2


@dataclass(frozen=True)
class Product:
    product: str
    model: str
    company: str
    brand: str
    category: str
    level: str
    listed_on: str
    also: tuple[str, ...] = ()  # short names a tender may write

    def names(self) -> set[str]:
        return {n for n in (self.brand, self.company, *self.also) if n}

    def valid_on(self, d: date) -> bool:
        start = date.fromisoformat(self.listed_on)
        return start <= d < start.replace(year=start.year + VALID_YEARS)


# Invented producers (no real company): valid, expired and same-category rivals.
CATALOG = [
    Product("磁悬浮变频离心式冷水机组", "OJ-MC800", "浙江瓯江制冷设备有限公司", "瓯冷", "冷水机组", "省内首台套", "2025-05-20", ("瓯江制冷",)),
    Product("大流量高效单级双吸离心泵", "CE-SOW500", "绍兴曹娥泵业股份有限公司", "", "离心泵", "国内首台套", "2024-11-01", ("曹娥泵业",)),
    Product("高效节能管道离心泵", "LC-GD200", "温州鹿城泵阀有限公司", "鹿泵", "离心泵", "省内首台套", "2021-03-01"),
    Product("非晶合金立体卷铁心干式变压器", "NTH-SCBH15", "湖州南太湖电气有限公司", "南太湖", "干式变压器", "省内首台套", "2023-01-10"),
    Product("节能型立体卷铁心干式变压器", "DB-SCB14", "浙江东阳变压器有限公司", "东变", "干式变压器", "省内首台套", "2025-04-01", ("东阳变压器",)),
    Product("高速永磁同步曳引乘客电梯", "JT-H7", "台州椒江电梯有限公司", "椒梯", "电梯", "省内首台套", "2025-08-08", ("椒江电梯",)),
    Product("空气悬浮离心鼓风机", "OF-AB150", "丽水瓯峰风机股份有限公司", "瓯峰", "鼓风机", "国内首台套", "2025-02-14", ("瓯峰风机",)),
    Product("环保气体绝缘智能环网柜", "WK-RMU12", "金华婺城开关有限公司", "婺开", "环网柜", "省内首台套", "2024-06-30", ("婺城开关",)),
    Product("大启闭力智能卷扬式启闭机", "JS-QPK630", "衢州江山水工机械有限公司", "", "启闭机", "省内首台套", "2025-09-01", ("江山水工",)),
    Product("128排宽体能谱CT", "NH-CT128", "嘉兴南湖医疗器械有限公司", "南湖医疗", "CT机", "国内首台套", "2025-03-03"),
    Product("高效板式换热机组", "DY-BHE60", "舟山定远换热设备有限公司", "定远", "换热器", "省内首台套", "2022-05-05"),
    Product("超薄高效板式换热器", "XS-PHE90", "杭州萧山换热设备有限公司", "萧换", "换热器", "省内首台套", "2025-06-01"),
    Product("大功率液冷超充充电桩", "YN-600", "宁波甬能新能源科技有限公司", "甬能", "充电桩", "省内首台套", "2025-07-07"),
    Product("超低温空气源热泵机组", "QT-HP80", "浙江钱塘热能设备有限公司", "钱塘热能", "热泵机组", "省内首台套", "2024-12-12"),
]


def name_parts(brand: str) -> set[str]:
    """A written brand and, for "正泰(浙江正泰电器股份有限公司)", the name before and inside the brackets
    (SPEC: matching ignores bracketed alternates, so either part may name the catalog producer)."""
    b = brand.replace("（", "(").replace("）", ")")
    if "(" in b and b.endswith(")"):
        head, _, inner = b[:-1].partition("(")
        return {brand, head.strip(), inner.strip()}
    return {brand}


def write_catalog(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["product", "model", "company", "brand", "category", "level", "listed_on", "source"])
        for p in CATALOG:
            w.writerow([p.product, p.model, p.company, p.brand, p.category, p.level, p.listed_on,
                        "synthetic: invented company for the robustness corpus"])


@dataclass
class Tender:
    """Facts of one corpus document, filled in while it is written."""

    file: str
    method: str | None
    as_of: str
    project: dict
    notes: str = ""
    lists: list[dict] = field(default_factory=list)
    standards: list[dict] = field(default_factory=list)
    performance: list[dict] = field(default_factory=list)
    exclusions: list[dict] = field(default_factory=list)
    first_set: bool = False
    equivalence: bool = False  # catalog products deemed to have the 业绩
    item_categories: dict[str, str] = field(default_factory=dict)  # items without a list
    pages: int | None = None

    def brand_list(self, item: str, brands: list[str], eq: bool, page: int | None, cat: str | None = None) -> None:
        self.lists.append({"item": item, "brands": brands, "equivalent_clause": eq, "page": page, "cat": cat})

    def std(self, code: str, page: int | None, kind: str, item: str | None = None, producer: str | None = None,
            cat: str | None = None) -> None:
        self.standards.append({"code": code, "page": page, "kind": kind, "item": item, "producer": producer, "cat": cat})

    def perf(self, page: int | None, kind: str) -> None:
        self.performance.append({"page": page, "first_set_equivalence": self.equivalence, "kind": kind})

    def exclusion(self, page: int | None, exempt: bool = False) -> None:
        self.exclusions.append({"page": page, "exempt": exempt})

    # -- the policy, read independently ------------------------------------------------------

    def findings(self) -> list[dict]:
        d = date.fromisoformat(self.as_of)
        out: list[dict] = []

        def valid(cat: str | None) -> list[Product]:
            return [p for p in CATALOG if cat and p.category == cat and p.valid_on(d)]

        for bl in self.lists:
            n = len(bl["brands"])
            related = [p for p in CATALOG if bl["cat"] and p.category == bl["cat"]]
            written = {part for b in bl["brands"] for part in name_parts(b)}
            hit_valid = [p for p in related if p.valid_on(d) and p.names() & written]
            hit_expired = [p for p in related if not p.valid_on(d) and p.names() & written]
            if n >= 3 and not hit_valid and valid(bl["cat"]):
                out.append({"rule": "FS101", "page": bl["page"], "item": bl["item"]})
                if hit_expired:
                    out.append({"rule": "FS104", "page": bl["page"], "item": bl["item"]})
            if 1 <= n <= 2:
                out.append({"rule": "FS102", "page": bl["page"], "item": bl["item"]})
            if not bl["equivalent_clause"]:
                out.append({"rule": "FS103", "page": bl["page"], "item": bl["item"]})
        companies = {n for p in CATALOG for n in p.names()}
        for s in self.standards:
            if s["kind"] == "enterprise" and s["item"] and valid(s["cat"]) and s["producer"] not in companies:
                out.append({"rule": "FS201", "page": s["page"], "item": s["item"]})
        if not self.equivalence:
            out += [{"rule": "FS301", "page": p["page"], "item": None} for p in self.performance]
        out += [{"rule": "FS302", "page": x["page"], "item": None} for x in self.exclusions if not x["exempt"]]
        public = any(k in (self.project.get("funding") or "") for k in ("财政", "国有"))
        budget = self.project.get("budget_yuan")
        cats = {bl["cat"] for bl in self.lists} | set(self.item_categories.values())
        if (not self.first_set and public and self.method and self.method not in TENDER_METHODS
                and budget is not None and budget < THRESHOLD_YUAN and any(valid(c) for c in cats)):
            out.append({"rule": "FS401", "page": None, "item": None})
        if not self.first_set and public and self.project.get("field") in KEY_FIELDS:
            out.append({"rule": "FS402", "page": None, "item": None})
        return out

    def truth(self) -> dict:
        return {
            "file": self.file,
            "format": self.file.rsplit(".", 1)[1],
            "pages": self.pages,
            "as_of": self.as_of,
            "procurement_method": self.method,
            "project": self.project,
            "brand_lists": [{k: v for k, v in bl.items() if k != "cat"} for bl in self.lists],
            "standards": [{k: v for k, v in s.items() if k in ("code", "page", "kind", "item") and v is not None}
                          for s in self.standards],
            "performance_requirements": self.performance,
            "first_set_mentioned": self.first_set,
            "expected_findings": self.findings(),
            "notes": self.notes,
        }
