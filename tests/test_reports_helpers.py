"""Shared helpers for the report tests: a reportlab tender page whose text positions we know."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.model import BBox, Evidence
from checker.report import Basis, Finding

PAGE_W, PAGE_H = 595.27, 841.89  # A4 in points
FONT = "STSong-Light"
FONT_SIZE = 12.0
# STSong-Light's ascent/descent (per 1000 units): turns a baseline into a glyph box.
_ASCENT, _DESCENT = 0.88, -0.12


@dataclass(frozen=True)
class Placed:
    page: int
    text: str
    bbox: BBox  # top-left origin, points, unrotated page space

    def evidence(self) -> Evidence:
        return Evidence(self.page, self.bbox, self.text)


def make_pdf(path: Path, pages: list[list[tuple[float, str]]], rotation: int = 0) -> list[Placed]:
    """Write a PDF: for each page, lines as (distance of the baseline from the page top, text)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    # reportlab swaps the media box of a page turned by 90/270 degrees: content is laid out on it.
    height = PAGE_W if rotation in (90, 270) else PAGE_H
    placed: list[Placed] = []
    for number, lines in enumerate(pages, start=1):
        if rotation:
            c.setPageRotation(rotation)
        c.setFont(FONT, FONT_SIZE)
        for from_top, text in lines:
            x = 72.0
            c.drawString(x, height - from_top, text)
            width = pdfmetrics.stringWidth(text, FONT, FONT_SIZE)
            placed.append(Placed(number, text, (x, from_top - _ASCENT * FONT_SIZE, x + width,
                                                from_top - _DESCENT * FONT_SIZE)))
        c.showPage()
    c.save()
    return placed


def finding(rule: str, severity: str, message: str, evidence: list[Evidence], item: str | None = None) -> Finding:
    return Finding(
        rule=rule, name="brand-list-lacks-first-set", severity=severity,  # type: ignore[arg-type]
        message=message, item=item,
        basis=Basis("《关于推进首台（套）产品推广应用的若干意见》", "一（二）",
                    "招标活动允许招标单位推荐3个以上品牌的，应至少有1个首台套产品"),
        suggestion="在推荐品牌中加入至少一个有效期内的首台套目录产品。",
        evidence=evidence,
    )


TENDER_PAGE = [
    (120.0, "第三章 采购需求"),
    (160.0, "一、项目概况：本项目为某医院空调系统改造。"),
    (400.0, "推荐品牌：甲牌、乙牌、丙牌，或相当于。"),
    (440.0, "二、技术要求：冷水机组制冷量不小于1000kW。"),
    (700.0, "三、商务要求：交货期30天。"),
]
