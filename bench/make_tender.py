"""A realistic Zhejiang-style 招标文件 as a text-layer PDF, of any length, for benchmarks and examples.

    python bench/make_tender.py --pages 300 --seed 1 -o bench/out/tender_300.pdf

The document has what real tenders have and what makes them slow or hard to read: a cover,
招标公告 (采购方式, 预算金额, 资金来源, 业绩 qualification), 投标人须知 with its 前附表, 评标办法
with 业绩 scoring, 采购需求 with ruled goods tables whose 推荐品牌 column holds three-brand lists,
one- or two-brand lists and 不限, tables running over page breaks with a repeated header, prose
"推荐品牌：…" lists, standard references (GB, GB/T, JB/T, Q/…, full-width forms), contract clauses,
bid forms, a running header and a "第 N 页 共 M 页" footer. Wording is drawn from pools with a
seeded RNG, so a seed always gives the same bytes (reportlab ``invariant``) and different seeds
read differently. Brands come from ``bench/vocab.yaml`` (market brands) and from the catalog
(``lexicons/catalog_default.csv`` if present), so catalog rules have something to match.

``build(spec, path, pages)`` renders a :class:`TenderSpec`; ``random_spec`` makes one from a seed;
scripts/make_example.py writes a hand-planned spec with known violations.
"""
from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

ROOT = Path(__file__).resolve().parent.parent
VOCAB = Path(__file__).with_name("vocab.yaml")
DEFAULT_CATALOG = ROOT / "examples" / "synthetic_catalog.csv"  # invented companies: never the built-in catalog
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

BODY = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=18, wordWrap="CJK", firstLineIndent=21)
PLAIN = ParagraphStyle("plain", parent=BODY, firstLineIndent=0)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=13, wordWrap="CJK")
H1 = ParagraphStyle("h1", fontName=FONT, fontSize=16, leading=28, alignment=TA_CENTER, spaceBefore=6, spaceAfter=10)
H2 = ParagraphStyle("h2", fontName=FONT, fontSize=12, leading=22, spaceBefore=6, spaceAfter=4)
COVER = ParagraphStyle("cover", fontName=FONT, fontSize=22, leading=40, alignment=TA_CENTER)
COVER_SMALL = ParagraphStyle("cover_small", fontName=FONT, fontSize=13, leading=26, alignment=TA_CENTER)
GRID = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9)]
HEADER_FILL = [("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))]
FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ/-."} | {" ": "\u3000"})
CHINESE_NUM = "一二三四五六七八九十"


@dataclass
class Item:
    name: str
    category: str | None
    qty: int
    unit: str
    params: list[str]
    standards: list[str]
    brands: list[str]  # empty: 不限
    equivalent: str = "或相当于"  # appended to a brand list; "" = a closed list
    prose: bool = False  # also listed as "推荐品牌：…" in the detail section

    def brand_text(self, no_brand: str = "不限") -> str:
        return "、".join(self.brands) + self.equivalent if self.brands else no_brand


@dataclass
class TenderSpec:
    project: str
    code: str
    purchaser: str
    agency: str
    method: dict[str, str]
    budget_yuan: int
    funding: str
    issued: date
    packages: list[list[Item]]
    performance: str  # the 业绩 qualification sentence
    first_set_equivalence: bool = False  # states catalog products are deemed to have 业绩
    first_set_priority: bool = False  # mentions 首台套 priority in the requirements
    seed: int = 0
    words: dict[str, Any] = field(default_factory=dict)


def load_vocab() -> dict[str, Any]:
    return yaml.safe_load(VOCAB.read_text(encoding="utf-8"))


def catalog_brands(path: Path | None = DEFAULT_CATALOG, valid_on: date | None = None,
                   validity_years: int = 2) -> dict[str, list[str]]:
    """Catalog brands per category, in file order; {} without a catalog.

    With ``valid_on``, only rows listed by then and not yet out (``exit_on``, or ``listed_on``
    plus ``validity_years`` as SPEC "The catalog" says) are kept.
    """
    if path is None or not path.is_file():
        return {}
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8-sig") as f:
        rows = [line for line in f if not line.startswith("#")]
    for row in csv.DictReader(rows):
        brand = (row.get("brand") or "").strip()
        category = (row.get("category") or "").strip()
        if valid_on is not None:
            listed = date.fromisoformat(row["listed_on"].strip())
            exit_on = (row.get("exit_on") or "").strip()
            until = date.fromisoformat(exit_on) if exit_on else listed.replace(year=listed.year + validity_years)
            if not listed <= valid_on < until:
                continue
        if brand and category and brand not in out.setdefault(category, []):
            out[category].append(brand)
    return out


# ---------------------------------------------------------------------------------------------
# A random but plausible tender


def _fill(rng: random.Random, template: str) -> str:
    return template.format(n=rng.choice([200, 315, 500, 630, 800, 1000, 1250, 1600, 2000]),
                           n2=rng.randint(2, 40), n3=rng.choice([7.5, 11, 15, 22, 37, 45, 55, 75]),
                           f=round(rng.uniform(1.5, 7.0), 1))


def random_item(rng: random.Random, vocab: dict[str, Any], catalog: dict[str, list[str]]) -> Item:
    goods = rng.choice(vocab["goods"])
    category = goods["category"]
    market = vocab["brands"].get(category or "other", vocab["brands"]["other"])
    listed = catalog.get(category or "", [])
    mode = rng.choices(["three", "three_catalog", "one_two", "open"], weights=[3, 3, 2, 3])[0]
    if mode == "three_catalog" and listed:
        brands = rng.sample(market, 2) + [rng.choice(listed)]
        rng.shuffle(brands)
    elif mode in ("three", "three_catalog"):
        brands = rng.sample(market, min(len(market), rng.choice([3, 3, 4])))
    elif mode == "one_two":
        brands = rng.sample(market, rng.choice([1, 2]))
    else:
        brands = []
    standards = rng.sample(goods["standards"], rng.randint(1, min(3, len(goods["standards"]))))
    if rng.random() < 0.25:
        standards.append(f"{rng.choice(vocab['enterprise_prefixes'])} {rng.randint(1, 30):03d}-{rng.randint(2016, 2024)}")
    if rng.random() < 0.1:
        standards[0] = standards[0].split("《")[0].translate(FULL_WIDTH)
    return Item(
        name=rng.choice(goods["names"]), category=category, qty=rng.randint(1, 12), unit=goods["unit"],
        params=[_fill(rng, p) for p in rng.sample(goods["params"], rng.randint(2, len(goods["params"])))],
        standards=standards, brands=brands, equivalent=rng.choice(vocab["equivalents"]) if brands else "",
        prose=rng.random() < 0.35,
    )


def random_spec(seed: int, packages: int, items_per_package: tuple[int, int] = (12, 22),
                catalog: Path | None = DEFAULT_CATALOG) -> TenderSpec:
    rng = random.Random(seed)
    vocab = load_vocab()
    brands = catalog_brands(catalog)
    city, district = rng.choice(vocab["cities"]), rng.choice(vocab["districts"])
    purchaser = rng.choice(vocab["purchasers"]).format(city=city, district=district)
    method = rng.choice(vocab["methods"])
    issued = date(2025, 1, 6) + timedelta(days=rng.randint(0, 420))
    years = rng.choice([2, 3])
    performance = rng.choice([
        f"投标人须具有{issued.year - years}年1月1日以来（以合同签订时间为准）类似项目业绩不少于{rng.randint(1, 3)}个，须提供合同复印件加盖公章。",
        f"投标人近{CHINESE_NUM[years - 1]}年内具有不少于{rng.randint(2, 5)}个同类设备供货业绩。",
        f"所投产品须具有近{years}年内在省内{rng.randint(2, 4)}个以上同类项目的成功运行业绩。",
    ])
    return TenderSpec(
        project=rng.choice(vocab["projects"]).format(purchaser=purchaser),
        code=f"{rng.choice(vocab['code_prefixes'])}-{issued.year}-{method['letter']}{rng.randint(1, 399):03d}",
        purchaser=purchaser, agency=rng.choice(vocab["agencies"]), method=method,
        budget_yuan=rng.randint(30, 2400) * 10000, funding=rng.choice(vocab["funding"]), issued=issued,
        packages=[[random_item(rng, vocab, brands) for _ in range(rng.randint(*items_per_package))]
                  for _ in range(packages)],
        performance=performance, first_set_equivalence=rng.random() < 0.3, first_set_priority=rng.random() < 0.3,
        seed=seed, words=vocab,
    )


# ---------------------------------------------------------------------------------------------
# Prose pools: sentences with slots, combined per paragraph so no two sections read alike

NOTICE_CLAUSES = [
    "本项目实行电子投标，供应商应按政采云平台要求完成CA数字证书办理并准备电子投标文件。",
    "供应商认为采购文件使自己的权益受到损害的，可以自获取采购文件之日起{d}个工作日内以书面形式提出质疑。",
    "本项目（{yn}）接受联合体投标，（否）允许分包。",
    "合同履约期限：自合同签订之日起{days}日内完成供货、安装及调试。",
    "本项目预留部分采购份额面向中小企业采购，小微企业价格扣除比例为{pct}%。",
    "投标保证金：本项目不收取投标保证金。",
    "公告期限：自本公告发布之日起{d}个工作日。",
]
BIDDER_CLAUSES = [
    "投标人应仔细阅读招标文件的全部内容，按招标文件要求编制投标文件，并对其真实性负责。",
    "投标文件应使用中文编写，计量单位应采用中华人民共和国法定计量单位。",
    "投标有效期为自投标截止之日起{days}日，有效期不足的投标将被拒绝。",
    "投标报价应包括设备、运输、保险、安装、调试、培训、税费及质保期内服务等全部费用。",
    "投标人对同一标项只能提交一个投标方案，提交备选方案的，其投标无效。",
    "采购人有权在合同签订时对货物数量进行不超过{pct}%的调整。",
    "投标人不得相互串通投标报价，不得妨碍其他投标人的公平竞争，不得损害采购人或其他投标人的合法权益。",
    "开标后，投标人对投标文件的澄清不得超出投标文件的范围或者改变投标文件的实质性内容。",
    "评标委员会对投标文件的判定，只依据投标文件内容本身，不依靠开标后的任何外来证明。",
    "中标人应在中标通知书发出之日起{d}日内与采购人签订书面合同。",
    "投标人所提供的货物应是全新、未使用过的合格产品，并完全符合招标文件规定的质量、规格和性能要求。",
    "投标文件中有含义不明确、同类问题表述不一致或者有明显文字和计算错误的内容，评标委员会可以要求投标人作出澄清。",
]
CONTRACT_CLAUSES = [
    "乙方应按合同约定的时间、地点交付货物，交货地点为采购人指定地点，运输及装卸费用由乙方承担。",
    "货物到达现场后，甲乙双方共同开箱检验，检验结果记入验收记录。",
    "质量保证期为验收合格之日起{years}年，质保期内因产品质量问题发生的故障，乙方应在{h}小时内到达现场处理。",
    "合同价款分期支付：合同签订后支付合同价的{pct}%作为预付款，验收合格后支付至合同价的{pct2}%，余款在质保期满后无息支付。",
    "乙方逾期交货的，每逾期一日按合同总价的千分之{d}支付违约金，逾期超过{days}日的，甲方有权解除合同。",
    "因不可抗力致使合同不能履行的，遭受不可抗力的一方应在{d}日内通知对方并提供证明。",
    "本合同在履行过程中发生的争议，由双方协商解决；协商不成的，向甲方所在地人民法院提起诉讼。",
    "乙方应对甲方操作人员进行不少于{d}天的免费培训，直至其能够独立操作和维护设备。",
    "乙方保证所提供货物不侵犯任何第三方的专利权、商标权或著作权。",
    "设备安装调试完成并试运行{days}日无故障后，方可组织最终验收。",
]
FORMS = ["投标函", "法定代表人身份证明", "法定代表人授权委托书", "开标一览表", "分项报价明细表", "技术偏离表",
         "商务偏离表", "类似项目业绩一览表", "拟派项目负责人简历表", "售后服务承诺书", "中小企业声明函",
         "资格证明文件", "财务状况及税收、社会保障资金缴纳情况声明函", "无重大违法记录声明"]


def _clause(rng: random.Random, pool: list[str]) -> str:
    return rng.choice(pool).format(d=rng.randint(3, 15), days=rng.choice([30, 45, 60, 90, 120, 180]),
                                   pct=rng.choice([10, 20, 30]), pct2=rng.choice([80, 90, 95]),
                                   years=rng.choice([1, 2, 3, 5]), h=rng.choice([2, 4, 8, 24]),
                                   yn=rng.choice(["是", "否"]))


def _paragraphs(rng: random.Random, pool: list[str], count: int, numbered: bool = True) -> list[Paragraph]:
    out = []
    for i in range(count):
        text = "".join(_clause(rng, pool) for _ in range(rng.randint(1, 3)))
        out.append(Paragraph(f"{i + 1}.{text}" if numbered else text, BODY))
    return out


def _table(rows: list[list[Any]], widths: list[float], fill_header: bool = True) -> Table:
    cells = [[Paragraph(c, CELL) if isinstance(c, str) else c for c in row] for row in rows]
    t = Table(cells, colWidths=widths, repeatRows=1, splitByRow=1)
    t.setStyle(TableStyle(GRID + (HEADER_FILL if fill_header else [])))
    return t


def _yuan(v: int) -> str:
    return f"{v:,.2f}"


# ---------------------------------------------------------------------------------------------
# Story


def cover(spec: TenderSpec) -> list[Any]:
    return [Spacer(1, 60 * mm), Paragraph(spec.project, COVER), Spacer(1, 8 * mm),
            Paragraph(" ".join(spec.method["title"]), COVER), Spacer(1, 30 * mm),
            Paragraph(f"项目编号：{spec.code}", COVER_SMALL), Paragraph(f"采购人：{spec.purchaser}", COVER_SMALL),
            Paragraph(f"采购代理机构：{spec.agency}", COVER_SMALL),
            Paragraph(f"{spec.issued.year}年{spec.issued.month}月{spec.issued.day}日", COVER_SMALL), PageBreak()]


def notice(spec: TenderSpec, rng: random.Random) -> list[Any]:
    deadline = spec.issued + timedelta(days=21)
    story: list[Any] = [Paragraph(f"第一章 {spec.method['name']}公告", H1), Paragraph("项目概况", H2),
                        Paragraph(f"{spec.project}的潜在供应商应在政采云平台线上获取采购文件，并于{deadline.year}年"
                                  f"{deadline.month}月{deadline.day}日 09:30（北京时间）前提交响应文件。", BODY),
                        Paragraph("一、项目基本情况", H2)]
    for label, value in [("项目编号", spec.code), ("项目名称", spec.project), ("采购方式", spec.method["name"]),
                         ("预算金额（元）", str(spec.budget_yuan)), ("最高限价（元）", str(spec.budget_yuan)),
                         ("资金来源", spec.funding)]:
        story.append(Paragraph(f"{label}：{value}", PLAIN))
    share = spec.budget_yuan // max(1, len(spec.packages))
    rows = [["标项", "标项名称", "数量", "预算金额（元）", "简要规格描述"]]
    rows += [[str(i + 1), f"包{i + 1}：{'、'.join(dict.fromkeys(it.name for it in items[:3]))}等", "1（批）", _yuan(share),
              "详见采购需求"]
             for i, items in enumerate(spec.packages)]
    story += [Paragraph("采购需求：", PLAIN), _table(rows, [30, 170, 50, 90, 130]), Spacer(1, 4 * mm)]
    story += [Paragraph("二、申请人的资格要求", H2),
              Paragraph("1.满足《中华人民共和国政府采购法》第二十二条规定；未被列入失信被执行人、重大税收违法失信主体、"
                        "政府采购严重违法失信行为记录名单。", BODY),
              Paragraph("2.落实政府采购政策需满足的资格要求：无。", BODY),
              Paragraph(f"3.本项目的特定资格要求：{spec.performance}", BODY)]
    if spec.first_set_equivalence:
        story.append(Paragraph("列入《浙江省首台套产品推广应用指导目录》且在有效期内的产品，视同已具备相应销售业绩。", BODY))
    story.append(Paragraph("三、其他事项", H2))
    story += _paragraphs(rng, NOTICE_CLAUSES, rng.randint(3, 6))
    story += [Paragraph("四、联系方式", H2), Paragraph(f"采购人：{spec.purchaser}　联系人：张老师　电话：0571-8{rng.randint(1000000, 9999999)}", PLAIN),
              Paragraph(f"采购代理机构：{spec.agency}　联系人：李工　电话：0571-8{rng.randint(1000000, 9999999)}", PLAIN),
              PageBreak()]
    return story


def instructions(spec: TenderSpec, rng: random.Random, clauses: int) -> list[Any]:
    story: list[Any] = [Paragraph("第二章 投标人须知", H1), Paragraph("投标人须知前附表", H2)]
    rows = [["条款号", "内容", "说明与要求"]]
    entries = [("采购人", spec.purchaser), ("采购代理机构", spec.agency), ("项目名称", spec.project),
               ("采购方式", spec.method["name"]), ("资金来源", spec.funding),
               ("最高限价", f"{_yuan(spec.budget_yuan)}元"), ("投标有效期", f"{rng.choice([60, 90, 120])}日历天"),
               ("踏勘现场", rng.choice(["不组织", "自行踏勘"])), ("分包", "不允许"), ("进口产品", "不接受")]
    rows += [[f"1.{i + 1}", k, v] for i, (k, v) in enumerate(entries)]
    story += [_table(rows, [50, 110, 310]), Spacer(1, 4 * mm)]
    for section in ("一、总则", "二、招标文件", "三、投标文件的编制", "四、投标", "五、开标与评标", "六、定标与合同授予"):
        story += [Paragraph(section, H2), *_paragraphs(rng, BIDDER_CLAUSES, max(2, clauses // 6 + rng.randint(0, 2)))]
    return story + [PageBreak()]


def evaluation(spec: TenderSpec, rng: random.Random) -> list[Any]:
    perf_points = rng.choice([3, 4, 5])
    rows = [["序号", "评分项", "评分标准", "分值"],
            ["1", "价格分", "满足招标文件要求且投标价格最低的为评标基准价，其价格分为满分。", "30"],
            ["2", "技术响应", "完全满足技术参数要求的得满分，★条款不满足的作无效投标处理，其他每负偏离一项扣1分。", "30"],
            ["3", "类似业绩", f"投标人近三年具有类似项目业绩的，每提供一个得1分，最高得{perf_points}分（提供合同复印件）。", str(perf_points)],
            ["4", "售后服务", "根据售后服务方案的完整性、响应时间及本地化服务能力综合评分。", "10"],
            ["5", "实施方案", "根据供货、安装、调试方案的合理性、可行性综合评分。", str(25 - perf_points)],
            ["6", "企业信誉", "具有有效的ISO 9001质量管理体系认证证书的得2分。", "5"]]
    return [Paragraph("第三章 评标办法及评分标准", H1), Paragraph("一、评标方法", H2),
            Paragraph("本项目采用综合评分法，评标委员会按照招标文件规定的评分标准对投标文件进行评审。", BODY),
            Paragraph("二、评分标准", H2), _table(rows, [30, 70, 320, 50]), PageBreak()]


def requirements(spec: TenderSpec, rng: random.Random) -> list[Any]:
    story: list[Any] = [Paragraph("第四章 采购需求", H1), Paragraph("一、总体要求", H2),
                        Paragraph("投标人所投货物须为合格的全新产品，技术参数标注★的为实质性条款，不满足将导致投标无效。"
                                  "招标文件中涉及品牌的，仅为说明技术档次，不构成对品牌的限定。", BODY)]
    if spec.first_set_priority:
        story.append(Paragraph("同等条件下，优先采购列入《浙江省首台套产品推广应用指导目录》的首台（套）产品。", BODY))
    no_brand = spec.words.get("no_brand", ["不限"])
    for p, items in enumerate(spec.packages):
        heading = f"{CHINESE_NUM[p + 1]}、" if p < 9 else f"{p + 2}."
        story.append(Paragraph(f"{heading}包{p + 1}货物清单", H2))
        rows = [["序号", "货物名称", "主要技术参数", "数量", "单位", "推荐品牌"]]
        for i, item in enumerate(items):
            rows.append([str(i + 1), item.name, "；".join(item.params[:3]), str(item.qty), item.unit,
                         item.brand_text(rng.choice(no_brand))])
        story += [_table(rows, [32, 80, 196, 32, 30, 110]), Spacer(1, 3 * mm),
                  Paragraph(f"包{p + 1}技术要求", H2)]
        for i, item in enumerate(items):
            story.append(Paragraph(f"{i + 1}.{item.name}", PLAIN))
            for j, param in enumerate(item.params):
                star = "★" if j == 0 and rng.random() < 0.3 else ""
                story.append(Paragraph(f"（{j + 1}）{star}{param}；", BODY))
            refs = "、".join(item.standards)
            story.append(Paragraph(rng.choice([f"产品应符合{refs}的规定。", f"执行标准：{refs}。",
                                               f"设备的设计、制造、检验应满足{refs}等现行标准要求。"]), BODY))
            if item.prose and item.brands:
                intro = rng.choice(spec.words.get("brand_intros", ["推荐品牌："]))
                story.append(Paragraph(f"{intro}{item.brand_text()}。", BODY))
    return story + [PageBreak()]


def contract(rng: random.Random, clauses: int) -> list[Any]:
    story: list[Any] = [Paragraph("第五章 拟签订的合同文本", H1)]
    for k, title in enumerate(("合同标的", "交付与验收", "质量保证", "付款方式", "违约责任", "其他约定")):
        story += [Paragraph(f"第{CHINESE_NUM[k]}条 {title}", H2),
                  *_paragraphs(rng, CONTRACT_CLAUSES, max(2, clauses // 6 + rng.randint(0, 2)))]
    return story + [PageBreak()]


def forms(spec: TenderSpec, count: int) -> list[Any]:
    """Bid forms, one page each: also how the generator lands on an exact page count."""
    story: list[Any] = []
    for i in range(count):
        name = FORMS[i % len(FORMS)]
        story += [Paragraph(f"格式{i + 1} {name}", H1 if i == 0 else H2),
                  Paragraph(f"致：{spec.purchaser}", PLAIN),
                  Paragraph(f"我方已仔细研究了{spec.project}（项目编号：{spec.code}）采购文件的全部内容，"
                            f"现提交{name}，并保证所提供的全部资料真实、有效。", BODY),
                  Paragraph("投标人（盖章）：＿＿＿＿＿＿＿＿　　法定代表人或授权代表（签字）：＿＿＿＿＿＿", PLAIN),
                  Paragraph("日期：＿＿＿＿年＿＿月＿＿日", PLAIN), PageBreak()]
    return story


def story_for(spec: TenderSpec, clauses: int, form_pages: int) -> list[Any]:
    rng = random.Random(spec.seed * 7919 + 17)
    return [*cover(spec), *notice(spec, rng), *instructions(spec, rng, clauses), *evaluation(spec, rng),
            *requirements(spec, rng), *contract(rng, clauses),
            Paragraph("第六章 投标文件格式", H1), Paragraph("投标文件由以下格式组成，投标人应按格式填写。", BODY), PageBreak(),
            *forms(spec, form_pages)]


class _NumberedCanvas(rl_canvas.Canvas):
    """Draws the running header and "第 N 页 共 M 页" once the page count is known."""

    header = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self._pageNumber > 1:
                self.setFont(FONT, 9)
                self.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, self.header)
                self.setLineWidth(0.5)
                self.line(20 * mm, A4[1] - 17 * mm, A4[0] - 20 * mm, A4[1] - 17 * mm)
                self.drawCentredString(A4[0] / 2, 12 * mm, f"第 {self._pageNumber} 页 共 {total} 页")
            super().showPage()
        super().save()


def render(spec: TenderSpec, out: Any, clauses: int = 12, form_pages: int = 4) -> int:
    """Render to a path or binary file object; returns the page count."""
    canvas_cls = type("Canvas", (_NumberedCanvas,), {"header": spec.project})
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=25 * mm,
                            bottomMargin=22 * mm, title=spec.project, author=spec.agency, invariant=True)
    doc.build(story_for(spec, clauses, form_pages), canvasmaker=canvas_cls)
    return doc.page


def _count(spec: TenderSpec, clauses: int, form_pages: int) -> int:
    return render(spec, io.BytesIO(), clauses, form_pages)


def make_tender(pages: int, seed: int, path: Path, catalog: Path | None = DEFAULT_CATALOG) -> TenderSpec:
    """A tender of exactly ``pages`` pages: size the 采购需求 packages, then pad with bid forms."""
    min_forms = 2
    clauses = max(6, min(40, pages // 8))
    items = (12, 22)
    probe = random_spec(seed, 1, items, catalog=catalog)
    base = _count(probe, clauses, min_forms)
    while base > pages and items[0] > 1:  # a short tender: fewer goods per package
        items = (max(1, items[0] // 3), max(1, items[1] // 3))
        probe = random_spec(seed, 1, items, catalog=catalog)
        base = _count(probe, clauses, min_forms)
    spec = random_spec(seed, 2, items, catalog=catalog)
    per_package = max(1, _count(spec, clauses, min_forms) - base)
    packages = max(1, 1 + (pages - base) // per_package)
    while True:
        spec = random_spec(seed, packages, items, catalog=catalog)
        used = _count(spec, clauses, min_forms)
        if used <= pages or packages == 1:
            break
        packages = max(1, packages - max(1, (used - pages) // per_package + 1))
    if used > pages:
        raise ValueError(f"cannot fit a tender into {pages} pages (the minimum is {used})")
    path.parent.mkdir(parents=True, exist_ok=True)
    got = render(spec, str(path), clauses, min_forms + pages - used)
    assert got == pages, (got, pages)
    return spec


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, help="catalog CSV whose brands to use")
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args(argv)
    try:
        make_tender(args.pages, args.seed, args.output, args.catalog)
    except ValueError as exc:
        ap.error(str(exc))
    print(f"{args.output}: {args.pages} pages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
