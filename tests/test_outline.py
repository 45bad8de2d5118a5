"""The outline of a tender and the zone every fact sits in (checker/facts/outline.py, lexicons/zones.yaml).

Generated documents pin the outline (headings, levels, kinds) and zone_at; the real tenders in
../shared/real (when present) check that a brand designation sits in the requirements and a price
form in the forms. Only short search keys of the real documents appear here, never their text.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import run_cli
from pdfgen import PageSpec, make_pdf, text_page

from checker.facts.lexicon import LexiconError
from checker.facts.outline import Outline, build_outline, load_zone_lexicon
from checker.ingest import load_document
from checker.normalize import DocText, build_doctext
from checker.schema import validate_report
from checker.schema.models import Zone
from checker.settings import Settings

REAL = Path(__file__).parents[2] / "shared" / "real"


def doctext(path: Path) -> DocText:
    return build_doctext(load_document(path, Settings()))


def pinned(outline: Outline) -> list[tuple[int, str, str, str | None, str | None]]:
    return [(h.level, h.number, h.title, h.kind, h.sub) for h in outline.headings]


def at(dt: DocText, outline: Outline, needle: str, nth: int = 0) -> tuple[str, str | None, str]:
    pos = -1
    for _ in range(nth + 1):
        pos = dt.text.index(needle, pos + 1)
    zone = outline.zone_at(pos)
    return zone.kind, zone.sub, zone.text


TOC = ["目录", "第一章 招标公告........................3", "第二章 投标人须知......................4",
       "第三章 评标办法........................5", "第四章 合同条款........................5",
       "第五章 采购需求........................6", "第六章 投标文件格式....................7"]


@pytest.fixture(scope="module")
def tender_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("outline") / "tender.pdf"
    pages: list[PageSpec] = [
        text_page("某市第一人民医院空调设备采购项目", "招标文件", "项目编号:SY-2024-001"),
        text_page(*TOC),
        text_page("第一章 招标公告", "一、项目基本情况", "采购方式:公开招标", "二、采购需求概况",
                  "本项目采购空调设备一批。"),
        text_page("第二章 投标人须知", "一、前附表", "投标有效期:90日历天", "二、投标文件", "投标文件应装订成册。"),
        # A long body line sets the page's right margin: short lines stay lines of their own (on a page of
        # short lines only, the layout would join a heading and the sentence under it as one wrapped line).
        text_page("第三章 评标办法", "一、评分标准", "价格分30分。", "评标委员会按照本章规定的评分标准对全部投标文件进行综合评审。",
                  "第四章 合同条款", "一、付款方式", "验收合格后付款。"),
        text_page("第五章 采购需求", "一、技术要求", "1.1 冷水机组", "推荐品牌:AX、BK、CT或相当于。", "1.2 冷却塔",
                  "出水温度32度。", "二、商务要求", "质保期两年。", "三、现有设备清单", "原有冷水机组品牌为DX。"),
        text_page("第六章 投标文件格式", "一、投标函", "致采购人:我方参加投标。", "二、报价表", "品牌:______",
                  "三、技术偏离表", "投标人填写响应品牌。"),
    ]
    make_pdf(path, pages)
    return path


def test_pdf_outline_skips_the_toc_and_nests_the_numbering(tender_pdf: Path) -> None:
    outline = build_outline(doctext(tender_pdf))
    assert pinned(outline) == [
        (1, "第一章", "招标公告", "notice", None),
        (2, "一、", "项目基本情况", None, None),
        (2, "二、", "采购需求概况", "requirements", None),
        (1, "第二章", "投标人须知", "instructions", None),
        (2, "一、", "前附表", "instructions", None),
        (2, "二、", "投标文件", None, None),
        (1, "第三章", "评标办法", "evaluation", None),
        (2, "一、", "评分标准", "evaluation", None),
        (1, "第四章", "合同条款", "contract", None),
        (2, "一、", "付款方式", None, None),
        (1, "第五章", "采购需求", "requirements", None),
        (2, "一、", "技术要求", "requirements", None),
        (3, "1.1", "冷水机组", None, None),
        (3, "1.2", "冷却塔", None, None),
        (2, "二、", "商务要求", "contract", None),
        (2, "三、", "现有设备清单", None, "inventory"),
        (1, "第六章", "投标文件格式", "forms", None),
        (2, "一、", "投标函", "forms", None),
        (2, "二、", "报价表", "forms", "price_form"),
        (2, "三、", "技术偏离表", "forms", "deviation"),
    ]
    # Sections end at the next heading of the same or a higher level.
    chapters = [h for h in outline.headings if h.level == 1]
    assert [a.end for a in chapters[:-1]] == [b.start for b in chapters[1:]]


def test_pdf_zone_at(tender_pdf: Path) -> None:
    dt = doctext(tender_pdf)
    outline = build_outline(dt)
    assert at(dt, outline, "某市第一人民医院") == ("unknown", None, "未识别")  # the cover: above every heading
    assert at(dt, outline, "第五章采购需求") == ("unknown", None, "未识别")  # the TOC entry is not a heading
    assert at(dt, outline, "推荐品牌") == ("requirements", None, "第五章 采购需求 › 一、技术要求 › 1.1 冷水机组")
    assert at(dt, outline, "出水温度") == ("requirements", None, "第五章 采购需求 › 一、技术要求 › 1.2 冷却塔")
    assert at(dt, outline, "原有冷水机组")[:2] == ("requirements", "inventory")
    assert at(dt, outline, "质保期两年")[:2] == ("contract", None)
    assert at(dt, outline, "品牌:____") == ("forms", "price_form", "第六章 投标文件格式 › 二、报价表")
    assert at(dt, outline, "投标人填写响应品牌")[:2] == ("forms", "deviation")
    assert at(dt, outline, "投标有效期") == ("instructions", None, "第二章 投标人须知 › 一、前附表")
    zone = outline.zone_at(dt.text.index("推荐品牌"))
    assert zone.reason == "标题含“技术要求”" and zone.label == "采购需求/技术要求"
    assert Zone.model_validate(zone).model_dump() == {"kind": "requirements", "label": "采购需求/技术要求",
                              "path": ["第五章 采购需求", "一、技术要求", "1.1 冷水机组"], "sub": None,
                              "text": "第五章 采购需求 › 一、技术要求 › 1.1 冷水机组"}


def _docx(path: Path, blocks: list[tuple[int | None, str]]) -> Path:
    import docx

    d = docx.Document()
    for level, text in blocks:
        if level is None:
            d.add_paragraph(text)
        else:
            d.add_heading(text, level)
    d.save(str(path))
    return path


def test_docx_word_heading_styles_without_numbers(tmp_path: Path) -> None:
    path = _docx(tmp_path / "styled.docx", [
        (None, "某单位办公设备采购"),
        (1, "投标须知"), (None, "投标截止时间见公告。"),
        (1, "采购需求"), (2, "技术参数"), (None, "打印机推荐品牌:AX、BK或同等档次。"),
        (2, "样品要求"), (None, "提供样品一台。"),
        (1, "响应文件格式"), (2, "分项报价表"), (None, "品牌型号:____"),
    ])
    dt = doctext(path)
    outline = build_outline(dt)
    assert pinned(outline) == [
        (1, "", "投标须知", "instructions", None),
        (1, "", "采购需求", "requirements", None),
        (2, "", "技术参数", "requirements", None),
        (2, "", "样品要求", None, "samples"),
        (1, "", "响应文件格式", "forms", None),
        (2, "", "分项报价表", "forms", "price_form"),
    ]
    assert at(dt, outline, "打印机推荐品牌") == ("requirements", None, "采购需求 › 技术参数")
    assert at(dt, outline, "提供样品")[:2] == ("requirements", "samples")
    assert at(dt, outline, "品牌型号") == ("forms", "price_form", "响应文件格式 › 分项报价表")


def test_bare_requirements_document_is_all_requirements(tmp_path: Path) -> None:
    path = _docx(tmp_path / "bare.docx", [
        (None, "某学校实验室设备采购需求书"), (None, "项目概况:采购实验台20张。"),
        (None, "一、实验台"), (None, "台面采用实芯理化板,推荐品牌:AX、BK。"),
        (None, "二、报价要求"), (None, "报价含运输安装。"),
    ])
    dt = doctext(path)
    outline = build_outline(dt)
    assert outline.default.kind == "requirements" and "需求书" in outline.default.reason
    assert [(h.level, h.number, h.title, h.kind) for h in outline.headings] == [
        (1, "一、", "实验台", None), (1, "二、", "报价要求", None)]
    assert at(dt, outline, "项目概况") == ("requirements", None, "采购需求/技术要求")
    assert at(dt, outline, "推荐品牌") == ("requirements", None, "一、实验台")


def test_document_without_chapters_or_title_is_unknown(tmp_path: Path) -> None:
    path = _docx(tmp_path / "plain.docx", [(None, "关于某事项的说明"), (None, "一、背景"), (None, "二、说明")])
    outline = build_outline(doctext(path))
    assert outline.default.kind == "unknown" and [h.kind for h in outline.headings] == [None, None]


@pytest.mark.parametrize(("title", "kind", "sub"), [
    ("招标公告", "notice", None),
    ("竞争性磋商公告", "notice", None),
    ("投标人须知前附表", "instructions", None),
    ("评标办法及评分标准", "evaluation", None),
    ("拟签订的合同文本", "contract", None),
    ("用户需求书", "requirements", None),
    ("技术规格", "requirements", None),
    ("工程量清单", "requirements", None),
    ("响应文件格式", "forms", None),
    ("合同条款及格式", "contract", None),  # the longest phrase wins over the title ending 格式
    ("技术要求偏离表", "forms", "deviation"),  # not 技术要求: the table bidders fill in
    ("商务要求偏离表", "forms", "deviation"),
    ("分项报价明细表", "forms", "price_form"),
    ("开标一览表", "forms", "price_form"),
    ("现有设备清单", None, "inventory"),
    ("政府采购政策", "annex", "policy_quote"),
    ("附件", "annex", None),
    ("项目概况", None, None),
    ("格式要求说明", None, None),  # 格式 counts only at the end of a title
])
def test_heading_phrases(title: str, kind: str | None, sub: str | None) -> None:
    got = load_zone_lexicon().classify(title)
    assert got[:2] == (kind, sub)
    assert (got[2] != "") == (kind is not None or sub is not None)


def test_chapter_lists_and_repeated_chapters_are_not_headings(tmp_path: Path) -> None:
    path = _docx(tmp_path / "list.docx", [
        (None, "第一章 招标公告"), (None, "本项目公开招标。"),
        (None, "第二章 投标人须知"), (None, "招标文件包括下列内容:"),
        (None, "第一章 招标公告"), (None, "第二章 投标人须知"), (None, "第三章 采购需求"),
        (None, "第三章 采购需求"), (None, "技术参数见下表。"),
    ])
    outline = build_outline(doctext(path))
    assert [(h.number, h.kind) for h in outline.headings] == [
        ("第一章", "notice"), ("第二章", "instructions"), ("第三章", "requirements")]


def test_broken_lexicon_fails_loudly_with_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "zones.yaml").write_text("kinds:\n  notice:\n    - phrases: [招标公告]\nsubs: {}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"zones\.yaml.*source"):
        load_zone_lexicon(tmp_path)
    (tmp_path / "zones.yaml").write_text("kinds:\n  notes:\n    - {source: x, phrases: [a]}\nsubs: {}\n",
                                         encoding="utf-8")
    with pytest.raises(LexiconError, match=r"zones\.yaml.*notes"):
        load_zone_lexicon(tmp_path)


def test_scan_report_carries_zones_and_outline_and_validates(tender_pdf: Path) -> None:
    proc = run_cli("scan", str(tender_pdf), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    validate_report(report)
    assert report["brand_lists"], "the generated tender has a brand list"
    for bl in report["brand_lists"]:
        assert bl["zone"]["kind"] == "requirements"
        assert bl["zone"]["text"].startswith("第五章 采购需求")
    assert report["procurement_method"]["zone"]["kind"] == "notice"
    for f in report["findings"]:
        if f["evidence"]:
            assert f["zone"] is not None and f["zone"]["kind"] in {"requirements", "notice", "instructions",
                                                                    "evaluation", "contract", "forms", "annex",
                                                                    "unknown"}
    titles = [(h["level"], h["title"], h["kind"]) for h in report["outline"]]
    assert (1, "采购需求", "requirements") in titles and (1, "投标文件格式", "forms") in titles
    text = run_cli("scan", str(tender_pdf)).stdout
    assert "第五章 采购需求 › 一、技术要求" in text


def test_html_report_shows_the_zone_path(tender_pdf: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    proc = run_cli("scan", str(tender_pdf), "--format", "html", "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    html = out.read_text(encoding="utf-8")
    assert "所在部分" in html and "第五章 采购需求 › 一、技术要求" in html
    assert 'class="zone zone-requirements"' in html


def test_outline_is_fast_on_a_long_tender(tender_pdf: Path) -> None:
    dt = doctext(tender_pdf)
    # A long document: the generated tender repeated 60 times (about 40k characters of headings and body).
    big = DocText(dt.document, dt.text * 60, [], [])
    build_outline(big)
    started = time.perf_counter()
    build_outline(big)
    assert time.perf_counter() - started < 0.25


# --- real tenders (../shared/real), when present -------------------------------------------------

def _real(pattern: str) -> Path:
    found = sorted((REAL / "labelled").glob(pattern)) if REAL.is_dir() else []
    if not found:
        pytest.skip(f"real tender {pattern} not present")
    return found[0]


def test_real_docx_brand_designation_is_in_the_requirements() -> None:
    dt = doctext(_real("R35_*.docx"))
    outline = build_outline(dt)
    hits = [i for i in range(len(dt.text)) if dt.text.startswith("ABB", i)]
    assert hits
    assert {outline.zone_at(i).kind for i in hits} == {"requirements"}


def test_real_pdf_price_form_is_in_the_forms() -> None:
    dt = doctext(_real("R01_*.pdf"))
    outline = build_outline(dt)
    pos = dt.text.replace(" ", "#").find("小计(序号#1")  # the price form's subtotal row (spaces kept)
    if pos < 0:
        pos = dt.text.find("小计(序号")
    assert pos >= 0
    zone = outline.zone_at(pos)
    assert (zone.kind, zone.sub) == ("forms", "price_form")
    # Its chapters: notice, instructions, requirements, evaluation, contract, forms, in that order.
    kinds = [h.kind for h in outline.headings if h.level == 1]
    assert kinds == ["notice", "instructions", "requirements", "evaluation", "contract", "forms"]
