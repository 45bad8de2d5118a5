"""Two versions of one draft tender for the re-check tests (tests/test_recheck*.py).

``draft(...)`` writes the first draft, or a revision of it: a paragraph added at the top and an
extra page before the requirements (every page number moves), full-width and spaced-out text,
reworded sentences around the findings, and optionally a fixed brand list (医用病床电梯 no longer
designates 奥的斯), a new one (办公桌椅 designates 圣奥) and another budget. Every phrasing is written for these tests.
"""
from __future__ import annotations

from pathlib import Path

from conftest import SYNTHETIC_CATALOG
from pdfgen import make_pdf, text_page

# The drafts name products of the invented catalog (examples/synthetic_catalog.csv): 冷水机组 has valid
# catalog products there, so the chiller list breaks FS101. Scans of them use it.
CATALOG_ENV = {"TENDERCHECK_CATALOG": str(SYNTHETIC_CATALOG)}

PERFORMANCE = "投标人近三年具有类似项目业绩不少于2个。"


def draft(path: Path, *, revised: bool = False, fix_elevator: bool = False, add_desks: bool = False,
          budget: str = "380万元") -> Path:
    notice = [
        "示例市第一人民医院设备采购项目公开招标公告",
        "项目编号：SL-2026-018",
        "项目名称：示例市第一人民医院设备采购项目",
        "采购方式：公开招标",
        f"预算金额：{budget}",
        "资金来源：财政资金",
        "公告日期：2026年3月2日",
        PERFORMANCE,
    ]
    requirements = [
        "第四章 采购需求",
        "一、技术要求",
        "1.冷水机组2台，推荐品牌：约克、开利、特灵或相当于。",
        "2.医用病床电梯1台，推荐品牌：奥的斯。",
        "3.干式变压器2台，推荐品牌：顺特电气、华越、特变电工或相当于。",
    ]
    pages = [notice, requirements]
    if revised:
        # A paragraph added above everything, the requirement in full-width digits and spaced
        # out, the items renumbered by an inserted line, and a whole page inserted before them.
        notice.insert(1, "（本公告根据采购人意见第二次修改，修改内容见澄清文件。）")
        notice[-1] = "投标人近三年具有类似项目业绩不少于２个 。"
        requirements.insert(2, "1.所有设备均须提供原厂质保，质保期不少于三年。")
        requirements[3] = "2.冷水机组2台，推荐品牌： 约克、开利、特灵 或相当于。"
        requirements[4] = "3.医用病床电梯1台，推荐品牌：奥的斯。"
        requirements[5] = "4.干式变压器2台，推荐品牌：顺特电气、华越、特变电工或相当于。"
        pages.insert(1, ["第二章 投标人须知", "一、总则", "本项目投标文件应按本章要求编制，修改后的须知以本版为准。"])
    if fix_elevator:
        requirements[-2] = requirements[-2].split("，")[0] + "，载重不小于1600kg，技术参数见附表，不指定品牌。"
    if add_desks:
        requirements.append(f"{len(requirements) - 1}.办公桌椅20套，推荐品牌：圣奥。")
    return make_pdf(path, [text_page(*lines) for lines in pages])
