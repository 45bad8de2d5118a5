"""Small tenders for the designation tests (tests/test_designation_layers.py): one content, written
as a PDF (reportlab, STSong-Light) and as a DOCX (python-docx, Word heading styles).

The content mixes designations and look-alikes in every part of a tender: a requirement chapter
with a goods table, labels, verbs, examples and a label block; a scoring row; a response form and a
price form with bidders' 品牌 columns; an inventory of installed equipment; compatibility and
negated phrases. Every phrasing is written for these tests.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pdfgen import FONT, PAGE_H, PageSpec, Placed, TableSpec, draw_table


@dataclass
class Heading:
    text: str
    level: int = 1


Block = str | Heading | list[list[str]]

# (item, brands, equivalent clause): what a reviewer calls a designation in TENDER.
EXPECTED: set[tuple[str, frozenset[str], bool]] = {
    ("多联机空调", frozenset({"大金", "日立", "三菱电机"}), True),  # label on the item's line, 或同等档次
    ("给水泵", frozenset({"凯泉", "连成", "东方"}), False),  # goods table 推荐品牌 column
    ("风机盘管", frozenset({"远大", "盾安", "双良"}), True),  # goods table, the row's 备注 allows equivalents
    ("LED面板灯", frozenset({"雷士", "欧普", "三雄极光"}), True),  # example, 同品质
    ("智能照明模块", frozenset({"奇胜", "邦奇", "快思聪"}), False),  # strong verb after the subject
    ("防火门", frozenset({"王力", "盼盼", "步阳"}), False),  # label block line
    ("闭门器", frozenset({"多玛", "盖泽", "皇冠"}), False),  # label block line
}

TENDER: list[Block] = [
    Heading("第一章 招标公告"),
    "项目名称：市民服务中心机电设备更新采购项目",
    "采购方式：公开招标",
    Heading("第二章 采购需求"),
    Heading("一、空调系统", 2),
    "1.多联机空调10套，推荐品牌：大金、日立、三菱电机或同等档次。",
    [["序号", "设备名称", "主要参数", "推荐品牌", "备注"],
     ["1", "给水泵", "流量30m3/h，扬程50m", "凯泉、连成、东方", ""],
     ["2", "风机盘管", "风量680m3/h", "远大、盾安、双良", "可选同等档次品牌"]],
    "2.冷却塔填料采用PVC材质，耐温不低于60℃。",
    "3.空调控制系统须与主机同一品牌。",
    Heading("二、照明系统", 2),
    "1.LED面板灯光效不低于100lm/W，如：雷士、欧普、三雄极光同品质品牌。",
    "2.智能照明模块，推荐选用奇胜、邦奇、快思聪。",
    "3.应急照明灯具应选用国际一线品牌。",
    "4.灯具外壳不得使用再生塑料。",
    Heading("三、门窗五金", 2),
    "主要设备推荐品牌如下：",
    "（1）防火门：王力、盼盼、步阳；",
    "（2）闭门器：多玛、盖泽、皇冠。",
    Heading("四、信息系统", 2),
    "1.楼宇自控平台应兼容麒麟、统信等国产操作系统。",
    "2.服务器CPU：不低于飞腾系列或同等性能。",
    Heading("五、现有设备清单", 2),
    "本楼现有冷水机组两台，主要品牌为克莱门特、天加。",
    Heading("第三章 评标办法"),
    "技术部分：投标人须完整响应技术参数，每有一项负偏离扣1分。",
    Heading("第四章 投标文件格式"),
    "附件1 分项报价表",
    [["序号", "货物名称", "品牌", "型号", "单价", "总价"],
     ["1", "多联机空调", "格美", "GM-280", "", ""],
     ["2", "给水泵", "凯泉", "KQL80", "", ""]],
]


def make_docx(path: Path, blocks: list[Block] = TENDER) -> Path:
    import docx

    d = docx.Document()
    for b in blocks:
        if isinstance(b, Heading):
            d.add_heading(b.text, b.level)
        elif isinstance(b, str):
            d.add_paragraph(b)
        else:
            t = d.add_table(rows=len(b), cols=len(b[0]))
            t.style = "Table Grid"
            for r, row in enumerate(b):
                for c, text in enumerate(row):
                    t.cell(r, c).text = text
    d.save(str(path))
    return path


def make_pdf(path: Path, blocks: list[Block] = TENDER) -> Path:
    """One line per paragraph or heading, tables drawn with ruled cells; a new page when full."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pages: list[PageSpec] = [PageSpec()]
    top = 70.0
    for b in blocks:
        if isinstance(b, list):
            height = 24 * len(b)
            if top + height > PAGE_H - 70:
                pages.append(PageSpec())
                top = 70.0
            widths = [40.0] + [470.0 / (len(b[0]) - 1)] * (len(b[0]) - 1)
            pages[-1].tables.append(TableSpec(b, widths, x=60, top=top, row_height=24, size=9))
            top += height + 16
            continue
        if top > PAGE_H - 80:
            pages.append(PageSpec())
            top = 70.0
        text = b.text if isinstance(b, Heading) else b
        size = 14 if isinstance(b, Heading) and b.level == 1 else 11
        pages[-1].lines.append(Placed(text, 60, top, size))
        top += 26 if size > 11 else 22
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in pages:
        for item in page.lines:
            c.setFont(FONT, item.size)
            c.drawString(item.x, PAGE_H - item.top, item.text)
        for table in page.tables:
            draw_table(c, table)
        c.showPage()
    c.save()
    return path
