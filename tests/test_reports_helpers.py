"""Shared helpers for the report tests: a reportlab tender page whose text positions we know."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.model import BBox, Evidence
from checker.report import Basis, Finding

PAGE_W, PAGE_H = 595.27, 841.89  # A4 in points
FONT = "STSong-Light"  # CJK runs: a CID font reportlab needs no file for (not embedded)
LATIN_FONT = "Helvetica"  # ASCII runs: a base-14 font every renderer has, CJK fonts installed or not
FONT_SIZE = 12.0
# Ascent/descent per font size: turns a baseline into a glyph box.
_METRICS = {FONT: (0.88, -0.12), LATIN_FONT: (0.718, -0.207)}


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
        for from_top, text in lines:
            x0 = x = 72.0
            fonts = set()
            for font, run in _runs(text):
                c.setFont(font, FONT_SIZE)
                c.drawString(x, height - from_top, run)
                x += pdfmetrics.stringWidth(run, font, FONT_SIZE)
                fonts.add(font)
            ascent = max(_METRICS[f][0] for f in fonts)
            descent = min(_METRICS[f][1] for f in fonts)
            placed.append(Placed(number, text, (x0, from_top - ascent * FONT_SIZE, x, from_top - descent * FONT_SIZE)))
        c.showPage()
    c.save()
    return placed


def _runs(text: str) -> list[tuple[str, str]]:
    """Split a line into (font, text) runs: ASCII in the Latin font, the rest in the CJK font."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        font = LATIN_FONT if ch.isascii() else FONT
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


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
    (400.0, "推荐品牌：AX-2000型、BK-350型、CT-90型，或相当于。"),
    (440.0, "二、技术要求：冷水机组制冷量不小于1000kW。"),
    (700.0, "三、商务要求：交货期30天。"),
]
