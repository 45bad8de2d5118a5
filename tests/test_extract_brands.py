"""Brand lists as real tenders write them: prose, goods tables, broken lines, equivalent clauses, negatives."""
from __future__ import annotations

import pytest
from extract_docs import facts

HEAD = ["1.冷水机组", "(1)名义制冷量:≥1000kW"]


def lists(*blocks):
    return [(bl.item, [b.name for b in bl.brands], bl.equivalent_clause) for bl in facts(*blocks).brand_lists]


PROSE = [
    # (line under the 冷水机组 heading, brands, equivalent clause)
    ("推荐品牌：开利、特灵、约克或相当于。", ["开利", "特灵", "约克"], True),
    ("推荐品牌:开利、特灵、约克(或相当于)。", ["开利", "特灵", "约克"], True),
    ("参考品牌（不少于三个）：开利/特灵/约克", ["开利", "特灵", "约克"], False),
    ("参考品牌：开利/特灵/约克 或同等档次及以上", ["开利", "特灵", "约克"], True),
    ("推荐品牌为开利、特灵、约克等品牌，投标人可选用同等档次产品。", ["开利", "特灵", "约克"], True),
    ("推荐品牌：开利，特灵，约克。", ["开利", "特灵", "约克"], False),
    ("推荐品牌：开利；特灵；约克；或同档次产品", ["开利", "特灵", "约克"], True),
    ("推荐品牌：开利及特灵", ["开利", "特灵"], False),
    ("推荐品牌：开利和约克", ["开利", "约克"], False),
    ("推荐品牌：开利、特灵或约克", ["开利", "特灵", "约克"], False),
    ("推荐品牌：施耐德(Schneider)、ABB、正泰或相当于", ["施耐德(Schneider)", "ABB", "正泰"], True),
    ("推荐品牌：施耐德/Schneider、ABB、正泰", ["施耐德/Schneider", "ABB", "正泰"], False),
    ("推荐品牌：西门子S7-1200、ABB AC500、和利时或相当于", ["西门子", "ABB", "和利时"], True),
    ("推荐品牌：Johnson Controls、大金、麦克维尔，包括但不限于以上品牌", ["Johnson Controls", "大金", "麦克维尔"], True),
    ("品牌推荐：格力、美的、海尔，或性能相当的其他品牌", ["格力", "美的", "海尔"], True),
    ("建议品牌：康泉", ["康泉"], False),
    ("推荐品牌：开利、特灵、约克，不低于上述品牌档次。", ["开利", "特灵", "约克"], True),
    ("推荐品牌：开利、特灵、约克或相同档次品牌", ["开利", "特灵", "约克"], True),
    ("推荐品牌：开利、特灵、约克等", ["开利", "特灵", "约克"], False),
]


@pytest.mark.parametrize("line,brands,equivalent", PROSE)
def test_prose_list_under_item_heading(line, brands, equivalent):
    assert lists(*HEAD, line) == [("冷水机组", brands, equivalent)]


NEGATIVES = [
    "品牌：不限。",
    "推荐品牌：/",
    "本项目不指定品牌，投标人可自行选择满足技术要求的产品。",
    "采购人不得限定品牌。",
    "品牌不限，但须满足技术参数要求。",
    "投标人应在投标文件中写明所投货物的品牌、规格型号、制造商及原产地。",
    "所投产品为推荐品牌的得2分，否则不得分。",
    "品牌：投标人自报",
    "品牌：__________ 型号：__________",
    "推荐品牌：详见技术要求",
    "投标产品品牌档次与推荐品牌相当的，得3分。",
    "注：投标人须逐项填写所投货物的品牌、规格型号及制造商。",
]


@pytest.mark.parametrize("line", NEGATIVES)
def test_brand_words_that_recommend_nothing_are_not_lists(line):
    assert lists(*HEAD, line) == []


def test_goods_table_column_with_wrapped_cell_and_empty_values():
    table = [["序号", "货物名称", "主要技术参数", "数量", "推荐品牌"],
             ["1", "64排螺旋CT机", "探测器≥128排", "2", "西门子医疗、GE医疗、海曙医疗影像或相当于"],
             ["2", "有创呼吸机", "潮气量20~2000ml", "4", "迈柯唯、哈美顿、\n德尔格或相当于"],
             ["3", "血液透析机", "HD、HDF", "18", "不限"],
             ["4", "多参数监护仪", "≥12.1英寸", "10", "/"]]
    assert lists(table) == [("64排螺旋CT机", ["西门子医疗", "GE医疗", "海曙医疗影像"], True),
                            ("有创呼吸机", ["迈柯唯", "哈美顿", "德尔格"], True)]


def test_three_brand_columns_make_one_list_per_row():
    table = [["序号", "设备名称", "品牌一", "品牌二", "品牌三"],
             ["1", "离心泵", "格兰富", "威乐", "凯泉"]]
    assert lists(table) == [("离心泵", ["格兰富", "威乐", "凯泉"], False)]


def test_bidder_filled_brand_column_is_not_a_list():
    table = [["序号", "货物名称", "投标品牌", "规格型号", "单价(元)"],
             ["1", "离心泵", "格兰富", "NB65", "1000"]]
    assert lists(table) == []


def test_note_under_the_table_is_the_equivalent_clause():
    table = [["序号", "货物名称", "推荐品牌"], ["1", "离心泵", "格兰富、威乐、凯泉"]]
    assert lists(table, "注：推荐品牌仅供参考，投标人可选用同等档次及以上的产品。") == [
        ("离心泵", ["格兰富", "威乐", "凯泉"], True)]


def test_one_clause_elsewhere_covers_every_list():
    table = [["序号", "货物名称", "推荐品牌"], ["1", "离心泵", "格兰富、威乐、凯泉"], ["2", "电梯", "奥的斯、通力、迅达"]]
    got = lists("凡本文件所列品牌均为参考品牌，投标人可选用同等档次或以上的其他品牌。", table)
    assert [eq for _, _, eq in got] == [True, True]


def test_a_negated_clause_is_not_an_equivalent_clause():
    table = [["序号", "货物名称", "推荐品牌"], ["1", "离心泵", "格兰富、威乐、凯泉"]]
    assert lists(table, "推荐品牌以外的产品，本项目不接受同等档次替代。")[0][2] is False


def test_list_broken_across_lines_and_pages_keeps_every_brand():
    blocks = [*HEAD, "推荐品牌：开利、特灵、", "约克、麦克维尔或相当于"]
    assert [(bl.item, [b.name for b in bl.brands], bl.equivalent_clause) for bl in facts(*blocks, per_page=3).brand_lists] == [("冷水机组", ["开利", "特灵", "约克", "麦克维尔"], True)]
    pages = {ev.page for bl in facts(*blocks, per_page=3).brand_lists for b in bl.brands for ev in b.evidence}
    assert pages == {1, 2}


def test_item_named_on_the_same_line_and_sublists_in_one_value():
    assert lists("冷水机组推荐品牌：开利、特灵、约克或相当于") == [("冷水机组", ["开利", "特灵", "约克"], True)]
    got = lists("主要设备推荐品牌：冷水机组：开利、特灵、约克；水泵：格兰富、威乐、凯泉")
    assert got == [("冷水机组", ["开利", "特灵", "约克"], False), ("水泵", ["格兰富", "威乐", "凯泉"], False)]


@pytest.mark.parametrize(("line", "expected"), [
    # A brand inside a product description ends where the next product field begins.
    ("1.磁悬浮变频离心式冷水机组1台，品牌：瓯冷，型号：OJ-MC800，制冷量不小于2800kW。",
     [("磁悬浮变频离心式冷水机组", ["瓯冷"], False)]),
    ("2.离心泵2套，品牌：格兰富，规格型号：NB 65-250，产地：丹麦", [("离心泵", ["格兰富"], False)]),
    ("干式变压器 品牌：华越、江瑞、正泰或相当于，容量：1600kVA", [("干式变压器", ["华越", "江瑞", "正泰"], True)]),
])
def test_a_product_field_after_the_brand_ends_the_list(line, expected):
    assert lists(line) == expected


def test_every_brand_carries_its_own_evidence():
    bl = facts(*HEAD, "推荐品牌：开利、特灵、约克或相当于").brand_lists[0]
    assert [b.evidence[0].text for b in bl.brands] == ["开利", "特灵", "约克"]
    assert bl.evidence[0].page == 1 and bl.evidence[0].bbox is not None
    assert bl.equivalent_evidence[0].text == "或相当于"


def test_header_repeated_after_a_page_break_is_not_an_item():
    table = [["序号", "货物名称", "推荐品牌"], ["1", "离心泵", "格兰富、威乐、凯泉"],
             ["序号", "货物名称", "推荐品牌"], ["2", "电梯", "奥的斯、通力、迅达或相当于"]]
    f = facts(table)
    assert [i.name for i in f.items] == ["离心泵", "电梯"]
    assert [bl.item for bl in f.brand_lists] == ["离心泵", "电梯"]


def test_brand_row_of_a_data_sheet_has_no_number_as_item():
    table = [["序号", "条款名称", "内容"], ["12", "推荐品牌", "开利、特灵、约克或相当于"]]
    assert lists(table) == [("", ["开利", "特灵", "约克"], True)]
