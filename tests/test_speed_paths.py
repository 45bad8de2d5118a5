"""The fast ingest path reads exactly what the per-glyph path reads, and the benchmark tender and
the README example are what they claim to be (bench/make_tender.py, scripts/make_example.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen import canvas

from checker.ingest.pdf import read_page
from checker.model import Page, Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pdfgen import FONT, PAGE_H

from bench.make_tender import make_tender


def _dump(page: Page) -> list[object]:
    """Everything a page carries, with char boxes as plain lists of tuples."""
    out: list[object] = [page.width, page.height]
    for b in page.blocks:
        if isinstance(b, Table):
            out.append(("table", b.bbox, [[(c.text, c.bbox, c.colspan, list(c.char_boxes or [])) for c in row]
                                          for row in b.rows]))
        else:
            out.append(("line", b.text, b.bbox, list(b.char_boxes or [])))
    return out


def _both_paths(path: Path) -> tuple[list[object], list[object]]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        fast, slow = [], []
        for i in range(len(pdf)):
            page = pdf[i]
            fast.append(_dump(read_page(page, i + 1)[0]))
            slow.append(_dump(read_page(page, i + 1, per_glyph=True)[0]))
            page.close()
    finally:
        pdf.close()
    return fast, slow


def test_fast_path_reads_a_long_tender_exactly_like_the_per_glyph_path(tmp_path: Path) -> None:
    path = tmp_path / "tender.pdf"
    make_tender(16, 5, path)  # goods tables over page breaks, wrapped brand cells, full-width codes
    fast, slow = _both_paths(path)
    assert fast == slow
    assert any(item[0] == "table" for page in fast for item in page if isinstance(item, tuple))


def test_fast_path_handles_doubled_glyphs_and_glyphs_poking_out_of_a_cell(tmp_path: Path) -> None:
    path = tmp_path / "tricky.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(FONT, 11)
    top = PAGE_H - 100
    for x in (72, 200, 400):  # a two-column, two-row ruled table
        c.line(x, top, x, top - 60)
    for y in (top, top - 30, top - 60):
        c.line(72, y, 400, y)
    c.drawString(76, top - 20, "推荐品牌")
    c.drawString(204, top - 20, "约克、开利、特灵、")
    c.drawString(380, top - 20, "、、")  # runs on past the cell's right ruling
    for dx in (0, 0.3):  # fake bold inside and outside the table
        c.drawString(204 + dx, top - 50, "或相当于")
        c.drawString(72 + dx, top - 100, "第二章 投标人须知 111")
    c.drawString(72, top - 130, "普通 正文  两个空格")
    c.showPage()
    c.save()
    fast, slow = _both_paths(path)
    assert fast == slow
    lines = [item[1] for item in fast[0] if isinstance(item, tuple) and item[0] == "line"]
    assert "第二章 投标人须知 111" in lines  # drawn twice, read once


def test_generated_tender_has_the_asked_page_count_and_is_reproducible(tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    make_tender(12, 3, a)
    make_tender(12, 3, b)
    assert a.read_bytes() == b.read_bytes()
    pdf = pdfium.PdfDocument(str(a))
    try:
        assert len(pdf) == 12
        last = pdf[11].get_textpage().get_text_range()
    finally:
        pdf.close()
    assert "第 12 页 共 12 页" in last


def test_readme_example_is_reproducible_and_shows_the_violations_it_promises(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_example", ROOT / "scripts" / "make_example.py")
    assert spec and spec.loader
    make_example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_example)
    from bench.make_tender import render

    fresh = tmp_path / "example.pdf"
    render(make_example.example_spec(), str(fresh), clauses=6, form_pages=2)
    committed = make_example.OUTPUT
    if fresh.read_bytes() != committed.read_bytes():
        pytest.fail("examples/示例招标文件.pdf is stale: run python scripts/make_example.py and commit it")

    from conftest import SYNTHETIC_CATALOG

    from checker.engine import Engine

    report = Engine(catalog_path=SYNTHETIC_CATALOG).scan(committed)  # the catalog the example was made from
    assert report.error is None
    rules = {(f.rule, f.item) for f in report.findings}
    assert ("FS101", "磁悬浮变频离心式冷水机组") in rules
    assert ("FS102", "医用病床电梯") in rules
    assert any(rule == "FS301" for rule, _ in rules)
    assert not any(rule == "FS101" and item == "SCB14型干式变压器" for rule, item in rules)
