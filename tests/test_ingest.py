"""Ingest and normalisation on generated documents whose text positions are known (issue 2)."""
from __future__ import annotations

from pathlib import Path

import pytest
from pdfgen import FONT, PAGE_H, PageSpec, Placed, TableSpec, make_docx, make_pdf, text_page
from reportlab.pdfgen import canvas

from checker.ingest import load_document
from checker.model import Line, Table
from checker.normalize import build_doctext, normalize


def contains(outer: tuple[float, float, float, float], inner: tuple[float, float, float, float], slack: float = 1.0) -> bool:
    return (outer[0] <= inner[0] + slack and outer[1] <= inner[1] + slack
            and outer[2] >= inner[2] - slack and outer[3] >= inner[3] - slack)


def test_line_bboxes_contain_the_real_glyphs(tmp_path: Path) -> None:
    placed = [Placed("采购方式：公开招标", 72, 100, 12), Placed("预算金额（元）：8600000", 200, 300, 10),
              Placed("ABB、施耐德（Schneider）", 90, 500, 14)]
    doc = load_document(make_pdf(tmp_path / "pos.pdf", [PageSpec(lines=placed)]))
    lines = doc.pages[0].lines
    assert [ln.text for ln in lines] == [p.text for p in placed]
    for line, p in zip(lines, placed):
        expected = p.bbox()
        assert line.page == 1
        # The extracted box hugs the drawn glyphs: it lies inside the font box and spans the text.
        assert contains(expected, line.bbox, slack=1.5), (line.bbox, expected)
        assert line.bbox[2] - line.bbox[0] > 0.9 * (expected[2] - expected[0])


def test_evidence_for_a_sub_span_points_at_those_words_only(tmp_path: Path) -> None:
    p = Placed("执行标准：符合GB 9706.1-2020的规定。", 72, 200, 12)
    doc = load_document(make_pdf(tmp_path / "span.pdf", [PageSpec(lines=[p])]))
    dt = build_doctext(doc)
    start = dt.text.index("GB 9706.1-2020")
    (ev,) = dt.evidence(start, start + len("GB 9706.1-2020"))
    line_box = doc.pages[0].lines[0].bbox
    assert ev.page == 1 and ev.text == "GB 9706.1-2020"
    assert ev.bbox[0] > line_box[0] + 50 and ev.bbox[2] < line_box[2] - 20  # not the whole line
    assert contains(line_box, ev.bbox)


@pytest.mark.parametrize("repeat_header", [True, False], ids=["header-repeated", "no-header"])
def test_table_drawn_across_two_pages_comes_back_as_one_table(tmp_path: Path, repeat_header: bool) -> None:
    header = ["序号", "货物名称", "数量", "推荐品牌"]
    widths = [40, 160, 60, 200]
    first = [header] + [[str(i), f"离心泵{i}", "2", "甲泵业、乙泵业、丙泵业或相当于"] for i in range(1, 6)]
    second = ([header] if repeat_header else []) + [[str(i), f"冷水机组{i}", "1", "丁制冷、戊制冷、己制冷"]
                                                    for i in range(6, 9)]
    pages = [
        PageSpec(lines=[Placed("二、采购清单", 72, 560, 12)],
                 tables=[TableSpec(first, widths, top=600)], footer="第 {n} 页 共 {total} 页"),
        PageSpec(tables=[TableSpec(second, widths, top=60)], lines=[Placed("三、技术要求", 72, 200, 12)],
                 footer="第 {n} 页 共 {total} 页"),
    ]
    doc = load_document(make_pdf(tmp_path / "split.pdf", pages))
    tables = [b for page in doc.pages for b in page.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    table = tables[0]
    assert table.pages == [1, 2]
    texts = table.texts()
    assert texts[0] == header
    assert len(texts) == 1 + 5 + 3  # a header repeated on page 2 is dropped
    assert [r[1] for r in texts[1:]] == [f"离心泵{i}" for i in range(1, 6)] + [f"冷水机组{i}" for i in range(6, 9)]
    # Each cell keeps its own page and box.
    assert table.rows[5][1].page == 1 and table.rows[6][1].page == 2
    assert table.rows[6][1].bbox[1] < 120  # near the top of page 2
    assert [r.row for r in (row[0] for row in table.rows)] == list(range(9))


def test_headers_footers_and_page_numbers_are_not_content(tmp_path: Path) -> None:
    pages = [PageSpec(lines=[Placed(f"正文第{i}页内容", 72, 300)], header="某某项目招标文件",
                      footer="第 {n} 页 共 {total} 页") for i in range(1, 5)]
    pages.append(PageSpec(lines=[Placed("附件", 72, 300), Placed("- 5 -", 290, 810, 9)]))
    doc = load_document(make_pdf(tmp_path / "hf.pdf", pages))
    dt = build_doctext(doc)
    assert "页共" not in dt.text and "第 1 页" not in dt.text
    assert "某某项目招标文件" not in dt.text
    assert "- 5 -" not in dt.text
    assert "正文第3页内容" in dt.text and "附件" in dt.text
    assert all(page.furniture for page in doc.pages)


def test_full_width_forms_and_cjk_spacing_are_normalised(tmp_path: Path) -> None:
    doc = load_document(make_pdf(tmp_path / "fw.pdf", [text_page("招 标 文 件", "执行ＧＢ／Ｔ　５０２３１－２０１６标准")]))
    dt = build_doctext(doc)
    assert "招标文件" in dt.text
    start = dt.text.index("GB/T 50231-2016")
    (ev,) = dt.evidence(start, start + len("GB/T 50231-2016"))
    assert ev.page == 1 and ev.bbox is not None


@pytest.mark.parametrize(("raw", "norm"), [
    ("ＧＢ／Ｔ　５０２３１－２０１６", "GB/T 50231-2016"),
    ("招 标 文 件", "招标文件"),
    ("采购方式：公开招标", "采购方式:公开招标"),
    ("预算金额（元）", "预算金额(元)"),
    ("ABB  Siemens", "ABB Siemens"),
    ("plain ascii", "plain ascii"),
])
def test_normalize_keeps_a_map_to_the_raw_text(raw: str, norm: str) -> None:
    text, omap = normalize(raw)
    assert text == norm
    if omap is not None:
        assert len(omap) == len(text)
        assert all(0 <= i < len(raw) for i in omap)
        assert omap == sorted(omap)


def test_fake_bold_glyphs_drawn_twice_come_out_once(tmp_path: Path) -> None:
    path = tmp_path / "bold.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(FONT, 14)
    for dx in (0, 0.3):  # the fake-bold trick: the same text drawn twice, a hair apart
        c.drawString(72 + dx, PAGE_H - 100, "推荐品牌：甲、乙、丙")
    c.showPage()
    c.save()
    doc = load_document(path)
    assert [ln.text for ln in doc.pages[0].lines] == ["推荐品牌：甲、乙、丙"]


def test_lines_wrapped_by_the_layout_are_joined_but_paragraphs_are_not(tmp_path: Path) -> None:
    long1 = "投标人须具有2023年1月1日以来类似项目业绩不少于2个，须提供合同复印件加盖公章，原件"
    long2 = "备查。"
    doc = load_document(make_pdf(tmp_path / "wrap.pdf", [PageSpec(lines=[
        Placed(long1, 72, 100, 10.5), Placed(long2, 72, 116, 10.5),
        Placed("2.第二条", 72, 140, 10.5), Placed("（一）第三段", 72, 160, 10.5)])]))
    text = build_doctext(doc).text
    assert "原件备查。" in text
    assert "备查。\n2.第二条\n(一)第三段" in text


def test_docx_keeps_numbering_tables_and_locations(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "d.docx", ["采购方式：竞争性磋商"],
                     tables=[[["序号", "货物名称", "推荐品牌"], ["1", "干式变压器", "甲、乙、丙或相当于"]]],
                     numbered=["投标人须具备相应资质", "投标人须提供业绩证明"])
    doc = load_document(path)
    assert doc.format == "docx" and doc.page_count is None
    blocks = doc.pages[0].blocks
    lines = [b for b in blocks if isinstance(b, Line)]
    assert lines[0].location == "第1段"
    assert lines[1].text.startswith("1") and lines[2].text.startswith("2")  # Word's own numbering
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.texts()[1] == ["1", "干式变压器", "甲、乙、丙或相当于"]
    assert table.rows[1][2].location == "表1 第2行 第3列"
    dt = build_doctext(doc)
    start = dt.text.index("甲、乙、丙")
    (ev,) = dt.evidence(start, start + 5)
    assert ev.page is None and ev.bbox is None and ev.location == "表1 第2行 第3列"


def test_real_samples_ingest_with_tables_and_no_page_furniture(samples_dir: Path) -> None:
    for path in sorted(samples_dir.glob("*.pdf"))[:3]:
        doc = load_document(path)
        dt = build_doctext(doc)
        assert doc.page_count and doc.page_count > 10
        assert any(isinstance(b, Table) for p in doc.pages for b in p.blocks)
        assert f"共 {doc.page_count} 页" not in dt.text


def test_a_sentence_running_over_a_page_break_is_joined(tmp_path: Path) -> None:
    long1 = "3.本项目的特定资格要求：投标人须具有近三年类似项目业绩不少于2个，须提供合同复印件"
    doc = load_document(make_pdf(tmp_path / "pb.pdf", [
        PageSpec(lines=[Placed("第一段。", 72, 100, 10.5), Placed(long1, 72, 760, 10.5)], footer="第 {n} 页"),
        PageSpec(lines=[Placed("加盖公章。", 72, 80, 10.5), Placed("4.其他。", 72, 100, 10.5)], footer="第 {n} 页"),
    ]))
    dt = build_doctext(doc)
    assert "须提供合同复印件加盖公章。\n4.其他。" in dt.text
    start = dt.text.index("复印件加盖")
    assert [e.page for e in dt.evidence(start, start + 5)] == [1, 2]


def test_two_columns_on_one_baseline_are_two_lines_read_left_to_right(tmp_path: Path) -> None:
    # A cover with the purchaser and the agency side by side: not one run-on sentence.
    doc = load_document(make_pdf(tmp_path / "cover.pdf", [PageSpec(lines=[
        Placed("招标代理机构：某某招标代理有限公司", 320, 300, 11),
        Placed("招标人：某某水务投资有限公司", 72, 300.4, 11),
        Placed("采购内容：水泵  冷水机组", 72, 340, 11),  # a double space is not a column gap
        Placed("（盖单位章）", 80, 360, 11), Placed("（盖单位章）", 330, 360, 11),
    ])]))
    texts = [" ".join(ln.text.split()) for ln in doc.pages[0].lines]
    assert texts == ["招标人：某某水务投资有限公司", "招标代理机构：某某招标代理有限公司", "采购内容：水泵 冷水机组",
                     "（盖单位章）", "（盖单位章）"]
    dt = build_doctext(doc)
    assert "有限公司\n招标代理机构" in dt.text
    assert "招标代理有限公司\n" in dt.text  # the right column is not glued to the next row


def test_docx_table_nested_in_a_cell_is_a_table_of_its_own(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    outer = d.add_table(rows=2, cols=3)
    for c, text in enumerate(["序号", "系统", "主要设备及推荐品牌"]):
        outer.cell(0, c).text = text
    outer.cell(1, 0).text, outer.cell(1, 1).text = "1", "楼宇自控系统"
    inner = outer.cell(1, 2).add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "设备", (0, 1): "推荐品牌", (1, 0): "DDC控制器", (1, 1): "霍尼韦尔、江森自控、西门子"}.items():
        inner.cell(r, c).text = text
    d.save(str(tmp_path / "nested.docx"))
    tables = [b for b in load_document(tmp_path / "nested.docx").pages[0].blocks if isinstance(b, Table)]
    assert [t.location for t in tables] == ["表1", "表1 第2行 第3列 内表1"]
    assert "霍尼韦尔" not in tables[0].rows[1][2].text  # not run into the outer cell
    assert tables[1].texts() == [["设备", "推荐品牌"], ["DDC控制器", "霍尼韦尔、江森自控、西门子"]]


def test_docx_paragraph_text_reads_tabs_breaks_hyphens_and_links_as_word_shows_them(tmp_path: Path) -> None:
    # the fast reader (one compiled query per paragraph) must give python-docx's Paragraph.text
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml

    d = docx.Document()
    p = d.add_paragraph("推荐品牌：")
    run = p.add_run("格力")
    run.add_tab()
    run.add_text("美的")
    run.add_break()  # a line break: "\n"
    run.add_text("海尔")
    run.add_break(WD_BREAK.PAGE)  # a page break: nothing
    run.add_text("或相当于")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    p._p.append(parse_xml(f'<w:r {w}><w:noBreakHyphen/><w:cr/><w:t xml:space="preserve"> 型号 </w:t><w:ptab/></w:r>'))
    p._p.append(parse_xml(f'<w:hyperlink {w}><w:r><w:t>链接品牌</w:t></w:r></w:hyperlink>'))
    d.save(str(tmp_path / "runs.docx"))
    expected = docx.Document(str(tmp_path / "runs.docx")).paragraphs[0].text
    assert expected == "推荐品牌：格力\t美的\n海尔或相当于-\n 型号 \t链接品牌"
    lines = [b for b in load_document(tmp_path / "runs.docx").pages[0].blocks if isinstance(b, Line)]
    assert lines[0].text == expected


def test_a_big_docx_read_as_a_stream_is_the_document_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Above a size the main part is streamed block by block (memory of one block, not of the tree);
    # what comes out must not depend on it: numbering, tables, nested tables, content controls.
    import docx
    from docx.oxml import parse_xml

    from checker.ingest import docx as docx_ingest

    d = docx.Document()
    d.add_heading("第一章 采购需求", level=1)
    for n in range(30):
        d.add_paragraph(f"第{n + 1}项：推荐品牌：格力、美的、海尔或相当于", style="List Number")
    outer = d.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "设备", "推荐品牌"
    outer.cell(1, 0).text = "冷水机组"
    outer.cell(1, 1).add_table(rows=1, cols=2).cell(0, 1).text = "约克、开利、特灵"
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d.element.body.insert(3, parse_xml(f'<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>控件中的条款</w:t></w:r></w:p>'
                                       '</w:sdtContent></w:sdt>'))
    d.save(str(tmp_path / "big.docx"))

    def blocks() -> list:
        page = load_document(tmp_path / "big.docx").pages[0]
        return [(b.text, b.location, b.style) if isinstance(b, Line) else (b.location, b.texts()) for b in page.blocks]

    whole = blocks()
    monkeypatch.setattr(docx_ingest, "STREAM_ABOVE_BYTES", 0)
    assert blocks() == whole
    assert any(b[0] == "控件中的条款" for b in whole)  # inside the content control
    assert any(isinstance(b[1], list) and ["", "约克、开利、特灵"] in b[1] for b in whole)  # the nested table
