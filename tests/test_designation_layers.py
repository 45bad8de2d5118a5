"""The brand-designation recogniser layer by layer (checker/facts/designation): one table of
phrasings per layer, positives and negatives, each stating what a compliance reviewer would call
a designation. Every phrasing, product and brand choice is written for these tests.

Cases marked xfail(strict=True) are places where the recogniser disagrees with the reviewer: the
reason says what it does instead. Fix the recogniser, and the xfail turns into a failure to remove.
"""
from __future__ import annotations

import json
import re

import designation_docs
import pytest
from conftest import run_cli
from extract_docs import doctext, facts

from checker.facts.designation import Recognizer
from checker.facts.designation.vocab import load as load_vocab
from checker.facts.lexicon import load as load_lexicons

REQ = "第三章 采购需求"
EVAL = "第四章 评标办法"
FORMS = "第六章 投标文件格式"

# The handful of unmistakable brands the tests may rely on being in lexicons/known_brands.csv.
KNOWN = load_vocab()[1]
needs_known = pytest.mark.skipif(
    not all(KNOWN.get(b) for b in ("施耐德", "西门子", "ABB", "欧姆龙", "德力西", "华为")),
    reason="lexicons/known_brands.csv lacks the unmistakable brands")


def xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(reason=reason, strict=True)


def designations(*blocks):
    """(item, brands, equivalent clause) of every accepted designation."""
    return [(bl.item, [b.name for b in bl.brands], bl.equivalent_clause) for bl in facts(*blocks).brand_lists]


def brand_sets(*blocks):
    return [set(b) for _, b, _ in designations(*blocks)]


# ---------------------------------------------------------------------------------------------
# 1. Candidates: which source opens a candidate for a phrase under 采购需求
# ---------------------------------------------------------------------------------------------

GENERATION = [
    # (phrase lines under 第三章 采购需求, source of the accepted designation, its brands) — None: no designation
    pytest.param(["推荐品牌：雷士、欧普、三雄极光"], "label", {"雷士", "欧普", "三雄极光"}, id="label-推荐品牌"),
    pytest.param(["参考品牌（不少于三个）：远大、盾安、双良"], "label", {"远大", "盾安", "双良"}, id="label-bracket-remark"),
    pytest.param(["品牌要求：正泰、良信、常熟开关"], "label", {"正泰", "良信", "常熟开关"}, id="label-品牌要求"),
    pytest.param(["拟选用品牌：奇胜、邦奇、快思聪"], "label", {"奇胜", "邦奇", "快思聪"}, id="label-拟选用品牌"),
    pytest.param(["品牌档次：王力、盼盼、步阳或同等档次"], "label", {"王力", "盼盼", "步阳"}, id="label-品牌档次"),
    pytest.param(["推荐厂家：埃美柯、冠龙、沃茨"], "label", {"埃美柯", "冠龙", "沃茨"}, id="label-推荐厂家"),
    pytest.param(["电梯推荐品牌为通力、迅达、蒂森克虏伯"], "label", {"通力", "迅达", "蒂森克虏伯"}, id="label-joiner-为"),
    pytest.param(["电流互感器，推荐选用正泰、人民、良信"], "verb", {"正泰", "人民", "良信"}, id="verb-strong"),
    pytest.param(["配电箱壳体内元件采用正泰、人民、良信品牌"], "verb", {"正泰", "人民", "良信"}, id="verb-weak-with-cue"),
    pytest.param(["消防水泵需选用连成或同档次品牌产品"], "verb", {"连成"}, id="verb-single-with-cue"),
    pytest.param(["阀门可选用沃茨,埃美柯,冠龙或等同品牌产品"], "verb", {"沃茨", "埃美柯", "冠龙"}, id="verb-comma-list"),
    pytest.param(["会议桌椅建议采用震旦、圣奥、华盛品牌"], "verb", {"震旦", "圣奥", "华盛"}, id="verb-建议采用"),
    pytest.param(["LED筒灯，如：雷士、欧普、三雄极光同品质品牌"], "example", {"雷士", "欧普", "三雄极光"},
                 id="example-如"),
    pytest.param(["UPS蓄电池应为一线电池厂家（双登、南都、理士）产品"], "example", {"双登", "南都", "理士"},
                 id="example-tier-makers"),
    pytest.param(["塑壳断路器性能不低于ABB Tmax系列、施耐德NSX系列"], "benchmark", {"ABB", "施耐德"},
                 marks=needs_known, id="benchmark-series"),
    pytest.param(["控制器：欧姆龙PLC控制器，输入输出点数不少于64点"], "known_name", {"欧姆龙"}, marks=needs_known,
                 id="known-single"),
    pytest.param(["配电箱内元件：德力西断路器，施耐德接触器。"], "known_name", {"施耐德"}, marks=needs_known,
                 id="known-two-apart"),
    # The verb's candidate reads the known brand out of "欧姆龙PLC控制器" (the product after it is its item).
    pytest.param(["控制柜内采用欧姆龙PLC控制器"], "verb", {"欧姆龙"}, marks=needs_known, id="known-after-weak-verb"),
    pytest.param([[["序号", "名称", "参数", "推荐品牌"], ["1", "排烟风机", "风量12000m3/h", "亚太、九洲普惠、德通"]]],
                 "table_column", {"亚太", "九洲普惠", "德通"}, id="table-推荐品牌-column"),
    pytest.param([[["序号", "设备名称", "规格型号", "参考品牌"], ["1", "温控器", "液晶面板", "江森\n霍尼韦尔\n西门子"]]],
                 "table_column", {"江森", "霍尼韦尔", "西门子"}, id="table-lines-in-cell"),
    pytest.param(["主要设备推荐品牌", "（1）防火门：王力、盼盼、步阳；"], "label_block", {"王力", "盼盼", "步阳"},
                 id="label-block-item-line"),
    pytest.param(["低压开关柜元器件参考品牌如下：", "（1）施耐德；", "（2）ABB；", "（3）西门子。"], "label_block",
                 {"施耐德", "ABB", "西门子"}, id="label-block-one-brand-per-line"),
    # negatives: brand words, verbs and examples that name no brand
    pytest.param(["品牌：不限"], None, None, id="neg-品牌不限"),
    pytest.param(["推荐品牌：/"], None, None, id="neg-slash"),
    pytest.param(["品牌：由投标人自行选择"], None, None, id="neg-bidder-chooses"),
    pytest.param(["机柜采用冷轧钢板，厚度不小于1.5mm"], None, None, id="neg-material"),
    pytest.param(["施工采用分段流水作业方式"], None, None, id="neg-method"),
    pytest.param(["办公家具，如：会议桌、文件柜、更衣柜等"], None, None, id="neg-example-of-kinds"),
    pytest.param(["推荐选用节能型产品"], None, None, id="neg-strong-verb-generic"),
    pytest.param(["所有设备应选用国产优质产品"], None, None, id="neg-tier-generic"),
    pytest.param(["水管连接采用沟槽式卡箍"], None, None, id="neg-weak-verb-fitting"),
]


@pytest.mark.parametrize("lines,source,brands", GENERATION)
def test_candidate_source(lines, source, brands):
    f = facts(REQ, *lines)
    accepted = [c for c in f.designation_candidates if c.accepted]
    if source is None:
        assert not f.brand_lists, [(c.source, c.quote) for c in accepted]
        return
    got = [(c.source, {n.text for n in c.brands}) for c in accepted]
    assert (source, brands) in got, got


# ---------------------------------------------------------------------------------------------
# 2. Names: each name validated or rejected with the reason
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def reader():
    return Recognizer(load_lexicons()).reader


def test_list_texts_split_in_another_process_are_read_as_split_there(reader):
    """A long tender's brand cells are split partly in a second process (checker/facts/__init__.py):
    the recogniser asks for those pieces once, when it first reads one of those texts, and uses them."""
    dt = doctext("推荐品牌：格兰富、威乐、南方泵业", "参考品牌：施耐德、西门子、ABB")
    first = dt.text.index("格兰富")
    second = dt.text.index("施耐德")
    first_value = dt.text[first:dt.text.index("\n", first)]
    second_value = dt.text[second:dt.text.index("\n", second)]
    elsewhere = reader.split_all([reader.list_text(second_value)])
    (head, pieces), = elsewhere.items()
    asked = []

    def fetch():
        asked.append(head)
        return {head: (("替身",) + pieces[0][1:],) + pieces[1:]}  # marked, to see where it came from

    with reader.primed(frozenset(elsewhere), fetch):
        one = [n.text for n in reader.read(dt, first, first + len(first_value)).names]
        assert asked == []  # not a text split elsewhere: read here, nothing asked for
        two = [n.text for n in reader.read(dt, second, second + len(second_value)).names]
        reader.read(dt, second, second + len(second_value))
    assert one == ["格兰富", "威乐", "南方泵业"]
    assert two == ["替身", "西门子", "ABB"] and asked == [head]
    assert [n.text for n in reader.read(dt, second, second + len(second_value)).names] == ["施耐德", "西门子", "ABB"]

# Families of rejection reasons (NameCheck.how): what a reviewer reads in `tendercheck explain`.
FAMILY = {
    "generic": r"非品牌词|档次词|通用词|泛称",
    "form_label": r"冒号|表格标签|表单|栏目",
    "tier": r"档次词|非品牌词“(?:一线|知名|品牌|国际|优质|厂家)”",
    "placeholder": r"占位符|不含文字",
    "fragment": r"句子片段|句子",
    "long": r"过长|超过\d+字",
}

NAMES = [
    # (name, accepted, family of the reason when rejected)
    pytest.param("雷士", True, None, id="ok-chinese"),
    pytest.param("三雄极光", True, None, id="ok-chinese-4"),
    pytest.param("Grundfos", True, None, id="ok-latin"),
    pytest.param("Johnson Controls", True, None, id="ok-latin-spaced"),
    pytest.param("施耐德(Schneider)", True, None, id="ok-bilingual"),
    pytest.param("A.O.史密斯", True, None, id="ok-dotted"),
    pytest.param("西门子S7-1200", True, None, id="ok-known-with-model"),
    pytest.param("产品", False, "generic", id="generic-产品"),
    pytest.param("设备", False, "generic", id="generic-设备"),
    pytest.param("国产", False, "generic", id="generic-国产"),
    pytest.param("进口", False, "generic", id="generic-进口"),
    pytest.param("大写:", False, "form_label", id="form-大写"),
    pytest.param("小写:", False, "form_label", id="form-小写"),
    pytest.param("小计(序号1+序号2):", False, "form_label", id="form-小计"),
    pytest.param("产地", False, "generic", id="form-产地"),
    pytest.param("国际一线品牌", False, "tier", id="tier-国际一线品牌"),
    pytest.param("知名品牌", False, "tier", id="tier-知名品牌"),
    pytest.param("国际一线", False, "tier",
                 id="tier-国际一线"),
    pytest.param("一线电池厂家", False, "tier", id="tier-makers"),
    pytest.param("XX", False, "placeholder", id="placeholder-XX"),
    pytest.param("品牌A", False, "placeholder", id="placeholder-品牌A"),
    pytest.param("***", False, "placeholder", id="placeholder-stars"),
    pytest.param("某品牌", False, "placeholder", id="placeholder-某"),
    pytest.param("镀锌板组装而成", False, "fragment", id="fragment-组装而成"),
    pytest.param("由甲方确定", False, "fragment", id="fragment-由甲方确定"),
    pytest.param("高层建筑变频恒压给水成套设备系统", False, "long", id="too-long"),
]


@pytest.mark.parametrize("name,ok,family", NAMES)
def test_name_check(reader, name, ok, family):
    got_ok, how, _known, _amb = reader.check(name)
    assert got_ok is ok, how
    if family:
        assert re.search(FAMILY[family], how), how


@needs_known
def test_known_brand_with_model_number_is_the_known_brand(reader):
    ok, how, known, _ = reader.check("施耐德NSX250")
    assert ok and known == "施耐德" and how.startswith("品牌词表")


SPLITS = [
    # (value as written, the valid names read from it)
    pytest.param("雷士、欧普、三雄极光", ["雷士", "欧普", "三雄极光"], id="顿号"),
    pytest.param("雷士，欧普，三雄极光", ["雷士", "欧普", "三雄极光"], id="full-comma"),
    pytest.param("雷士,欧普,三雄极光", ["雷士", "欧普", "三雄极光"], id="comma"),
    pytest.param("雷士/欧普/三雄极光", ["雷士", "欧普", "三雄极光"], id="slash"),
    pytest.param("雷士；欧普；三雄极光", ["雷士", "欧普", "三雄极光"], id="semicolon"),
    pytest.param("雷士|欧普|三雄极光", ["雷士", "欧普", "三雄极光"], id="bar"),
    pytest.param("雷士 欧普 三雄极光", ["雷士", "欧普", "三雄极光"], id="spaces"),
    pytest.param("雷士及欧普", ["雷士", "欧普"], id="及"),
    pytest.param("雷士和欧普", ["雷士", "欧普"], id="和"),
    pytest.param("雷士或欧普", ["雷士", "欧普"], id="或"),
    pytest.param("和利时、浙大中控、科远", ["和利时", "浙大中控", "科远"], id="name-holding-和"),
    pytest.param("雷士、欧普、三雄极光（不少于三个）", ["雷士", "欧普", "三雄极光"], id="remark-in-brackets"),
    pytest.param("雷士、产品、三雄极光", ["雷士", "三雄极光"], id="odd-word-in-middle"),
    pytest.param("AEG 公司 VL 系列", ["AEG"], id="maker-company-series"),
    pytest.param("雷士、欧普、三雄极光等品牌", ["雷士", "欧普", "三雄极光"], id="tail-等品牌"),
    pytest.param("雷士、欧普、三雄极光或同等档次", ["雷士", "欧普", "三雄极光"], id="equivalent-tail"),
    pytest.param("雷士、欧普，灯具色温4000K", ["雷士", "欧普"],
                 id="sentence-after-list"),
    pytest.param("雷士、欧普，三雄极光", ["雷士", "欧普", "三雄极光"], id="stray-comma-before-last"),
    pytest.param("施耐德(Schneider)、ABB", ["施耐德(Schneider)", "ABB"], id="bilingual-in-list"),
]


@pytest.mark.parametrize("value,names", SPLITS)
def test_split(reader, value, names):
    dt = doctext("推荐品牌：" + value)
    start = dt.text.index("：") + 1 if "：" in dt.text else dt.text.index(":") + 1
    end = dt.text.index("\n", start)
    got = [n.text for n in reader.read(dt, start, end).names if n.ok]
    assert got == names


def test_split_lines_inside_a_cell(reader):
    dt = doctext([["推荐品牌"], ["江森\n霍尼韦尔\n西门子"]])
    start = dt.text.index("江森")
    end = dt.text.index("西门子") + 3
    assert [n.text for n in reader.read(dt, start, end).names if n.ok] == ["江森", "霍尼韦尔", "西门子"]


def test_odd_word_is_kept_and_marked(reader):
    dt = doctext("雷士、产品、三雄极光")
    names = reader.read(dt, 0, dt.text.index("\n")).names
    assert [(n.text, n.ok) for n in names] == [("雷士", True), ("产品", False), ("三雄极光", True)]
    assert "产品" in names[1].how


# ---------------------------------------------------------------------------------------------
# 3. Context: the same list where it designates and where it does not
# ---------------------------------------------------------------------------------------------

LIST = "远东、宝胜、起帆"
BRANDS = {"远东", "宝胜", "起帆"}

CONTEXT = [
    # (blocks, reason codes of the rejection (any of them) — None: accepted, the brands that must be named)
    pytest.param([REQ, f"电力电缆推荐品牌：{LIST}"], None, BRANDS, id="requirements-label"),
    pytest.param([REQ, f"电力电缆采用{LIST}品牌"], None, BRANDS, id="requirements-verb"),
    pytest.param([FORMS, [["序号", "货物名称", "品牌", "型号", "单价", "总价"], ["1", "电力电缆", "远东", "YJV-4x95", "", ""]]],
                 {"zone_forms"}, {"远东"}, id="response-form-table"),
    pytest.param([FORMS, f"电力电缆品牌：{LIST}"], {"zone_forms"}, BRANDS, id="response-form-prose"),
    pytest.param(["第五章 分项报价明细表", [["序号", "名称", "品牌", "规格", "数量", "单价"], ["1", "电力电缆", "宝胜", "YJV", "1", ""]]],
                 {"zone_forms", "zone_price_form"}, {"宝胜"}, id="price-form"),
    pytest.param([REQ, "一、现有设备清单", [["序号", "设备名称", "品牌", "安装位置"], ["1", "配电柜", "起帆", "负一层"]]],
                 {"zone_inventory", "inventory"}, {"起帆"}, id="inventory-table"),
    pytest.param([REQ, f"本楼现有配电线路，主要品牌为{LIST}。"], {"inventory", "zone_inventory"}, BRANDS,
                 id="inventory-sentence"),
    pytest.param([REQ, "视频平台应支持华为、海康、大华等厂商设备的协议接入"], {"interop"}, {"华为"},
                 marks=needs_known, id="interop-protocols"),
    pytest.param([REQ, "终端应兼容华为鸿蒙、统信UOS、麒麟等操作系统"], {"interop", "platform_part"}, {"华为"},
                 marks=needs_known, id="compatibility-os"),
    pytest.param([REQ, "服务器CPU：不低于飞腾系列或同等性能"], {"platform_part"}, set(), id="platform-cpu"),
    pytest.param([REQ, f"电力电缆不得使用{LIST}品牌"], {"negated"}, BRANDS, id="negation"),
    pytest.param([REQ, f"本项目不指定品牌，投标人可选用{LIST}等品牌产品"], {"boilerplate"}, BRANDS, id="boilerplate"),
    pytest.param(["附件1 政府采购政策摘录", f"电缆品牌：{LIST}"], {"zone_policy_quote"}, BRANDS, id="policy-quote"),
    pytest.param([REQ, "电池柜须与UPS主机同一品牌"], set(), set(), id="same-brand-lock"),
    pytest.param([REQ, "应急照明灯具应选用国际一线品牌"], set(), set(), id="tier-without-names"),
    pytest.param([REQ, "膨胀阀采用产品"], {"blank"}, set(), id="blanked-name"),
    pytest.param([REQ, "电缆品牌：远东"], None, {"远东"}, id="single-brand-label"),
    pytest.param([EVAL, "灯具如采用雷士、欧普、三雄极光等品牌的优先。"], None, {"雷士", "欧普", "三雄极光"},
                 id="scoring-preference-verb"),
    # invented names: never in known_brands.csv, so only the wording can make it a designation
    pytest.param([EVAL, "所投灯具为朗晴、辰辉、曜森等品牌的优先。"], None, {"朗晴", "辰辉", "曜森"},
                 id="scoring-preference-without-verb"),
]


@pytest.mark.parametrize("blocks,codes,brands", CONTEXT)
def test_context(blocks, codes, brands):
    f = facts(*blocks)
    if codes is None:
        assert [bl for bl in f.brand_lists if {b.name for b in bl.brands} == brands], \
            [(c.source, [n.text for n in c.brands], [r.code for r in c.reasons]) for c in f.designation_candidates]
        return
    assert not f.brand_lists, [(bl.item, [b.name for b in bl.brands], bl.reasons) for bl in f.brand_lists]
    if codes and brands:
        # the candidate that read these names is there, rejected for the expected reason
        naming = [c for c in f.designation_candidates if brands <= {n.text for n in c.brands}]
        assert naming, [(c.source, c.quote) for c in f.designation_candidates]
        for c in naming:
            assert codes & {r.code for r in c.reasons}, (c.source, [(r.code, r.text) for r in c.reasons])


def test_scoring_preference_is_a_designation_with_a_scoring_reason():
    f = facts(EVAL, "灯具如采用雷士、欧普、三雄极光等品牌的优先。")
    (bl,) = f.brand_lists
    assert {b.name for b in bl.brands} == {"雷士", "欧普", "三雄极光"}
    assert any("评分" in r for r in bl.reasons), bl.reasons


def test_scoring_without_preference_is_not_a_designation():
    f = facts(EVAL, "投标产品为推荐品牌雷士、欧普的得2分，否则不得分。")
    assert not [bl for bl in f.brand_lists if bl.zone is None or bl.zone.kind != "evaluation"]


EQUIVALENT = [
    # (blocks, equivalent_scope of the list, equivalent clause) — for the list holding BRANDS
    pytest.param([REQ, f"电缆推荐品牌：{LIST}或同等档次"], "list", True, id="list-或同等档次"),
    pytest.param([REQ, f"电缆推荐品牌：{LIST}同品质产品"], "list", True, id="list-同品质"),
    pytest.param([REQ, f"电缆推荐品牌：{LIST}或性能不低于上述品牌的产品"], "list", True, id="list-或性能不低于"),
    pytest.param([REQ, f"电缆推荐品牌：{LIST}同等及以上"], "list", True, id="list-同等及以上"),
    pytest.param([REQ, f"电缆参考品牌（或同等档次）：{LIST}"], "label", True, id="label-bracket"),
    pytest.param([REQ, [["序号", "材料名称", "推荐品牌", "备注"], ["1", "电力电缆", LIST, "可选同等档次品牌"]]],
                 "row", True, id="row-备注"),
    pytest.param([REQ, [["序号", "材料名称", "推荐品牌"], ["1", "电力电缆", LIST]],
                  "注：表中品牌仅供参考，可选用同等档次的其他品牌。"], "table_note", True, id="table-note"),
    pytest.param([REQ, f"电缆推荐品牌：{LIST}", "凡本文件所列品牌均为参考品牌，投标人可选用同等档次的其他品牌。"],
                 "document", True, id="document-sentence"),
    pytest.param([REQ, f"电缆推荐品牌：{LIST}，不接受同等档次产品"], None, False, id="negated-clause"),
    pytest.param([REQ, f"电缆推荐品牌：{LIST}"], None, False, id="no-clause"),
    pytest.param([REQ, "开关推荐品牌：正泰、良信、人民或同等档次", f"电缆推荐品牌：{LIST}"], None, False,
                 id="own-clause-not-promoted"),
]


@pytest.mark.parametrize("blocks,scope,equivalent", EQUIVALENT)
def test_equivalent_scope(blocks, scope, equivalent):
    f = facts(*blocks)
    (bl,) = [bl for bl in f.brand_lists if {b.name for b in bl.brands} == BRANDS]
    assert (bl.equivalent_clause, bl.equivalent_scope) == (equivalent, scope)


# ---------------------------------------------------------------------------------------------
# 4. Item: what each designation is for
# ---------------------------------------------------------------------------------------------

ITEMS = [
    # (blocks, the item of the (only) designation)
    pytest.param([REQ, [["序号", "货物名称", "技术参数", "推荐品牌"], ["1", "排烟风机", "风量12000m3/h", "亚太、德通、九洲普惠"]]],
                 "排烟风机", id="table-row"),
    pytest.param([REQ, "冷却塔1台，品牌：良机、金日、菱电"], "冷却塔", id="before-label-with-quantity"),
    pytest.param([REQ, "3.风机盘管：推荐品牌：远大、盾安、双良"], "风机盘管", id="numbered-line-before-label"),
    pytest.param([REQ, "母线槽额定电流2500A，防护等级IP54，母线槽品牌：镇江西门子、大全、威腾"], "母线槽", id="glued-to-label"),
    pytest.param([REQ, "电流互感器，推荐选用正泰、人民、良信"], "电流互感器", id="subject-before-verb"),
    pytest.param([REQ, "进线断路器应采用正泰、人民、良信品牌"], "进线断路器", id="subject-应采用"),
    pytest.param([REQ, "控制器：欧姆龙PLC控制器，输入输出点数不少于64点"], "PLC控制器", marks=needs_known,
                 id="noun-after-known-brand"),
    pytest.param([REQ, "2.1 螺杆式冷水机组（更换1台）", "参考品牌：远大、双良、盾安"], "螺杆式冷水机组", id="heading-above"),
    pytest.param([REQ, "主要设备推荐品牌", "（1）防火门：王力、盼盼、步阳；"], "防火门", id="label-block-line"),
    pytest.param([REQ, "低压开关柜元器件参考品牌如下：", "（1）施耐德；", "（2）ABB；", "（3）西门子。"], "低压开关柜元器件",
                 id="label-block-head"),
    pytest.param([REQ, "1.LED面板灯光效不低于100lm/W，如：雷士、欧普、三雄极光同品质品牌。"], "LED面板灯",
                 id="example-after-parameter"),
    pytest.param([REQ, "UPS蓄电池应为一线电池厂家（双登、南都、理士）产品"], "UPS蓄电池", id="tier-makers-subject"),
    pytest.param([REQ, "塑壳断路器性能不低于ABB Tmax系列、施耐德NSX系列"], "塑壳断路器",
                 marks=needs_known, id="benchmark-subject"),
    pytest.param([EVAL, "投标灯具如采用雷士、欧普、三雄极光等品牌的优先。"], "灯具",
                 id="scoring-subject"),
    pytest.param([REQ, "2.3 LED灯具", "拟选用品牌：雷士、欧普、三雄极光"], "LED灯具", id="label-with-verb-prefix"),
]


@pytest.mark.parametrize("blocks,item", ITEMS)
def test_item(blocks, item):
    got = designations(*blocks)
    assert [i for i, _, _ in got] == [item], got


@needs_known
@pytest.mark.parametrize("line", [
    "配电箱内元件：德力西断路器，施耐德接触器。",
    pytest.param("配电箱内选用德力西断路器，施耐德接触器。"),
])
def test_two_known_brands_apart_each_get_their_noun(line):
    got = {(i, tuple(b)) for i, b, _ in designations(REQ, line)}
    assert got == {("断路器", ("德力西",)), ("接触器", ("施耐德",))}


# ---------------------------------------------------------------------------------------------
# 5. Decision: overlaps, repeats, copies, and the reasons kept
# ---------------------------------------------------------------------------------------------

DECISIONS = [
    # (blocks, the designations expected: (item, brands))
    pytest.param([REQ, "灯具推荐品牌采用雷士、欧普、三雄极光"], [("灯具", {"雷士", "欧普", "三雄极光"})], id="label-and-verb-overlap"),
    pytest.param([REQ, "灯具推荐选用雷士、欧普、三雄极光品牌，如：雷士、欧普、三雄极光同品质品牌"],
                 [("灯具", {"雷士", "欧普", "三雄极光"})],
                 id="verb-and-example-same-names"),
    pytest.param([REQ, "冷却塔推荐品牌：良机、金日、菱电", "冷却塔推荐品牌：良机、金日、菱电"],
                 [("冷却塔", {"良机", "金日", "菱电"})], id="pasted-twice"),
    pytest.param([REQ, "冷却塔推荐品牌：良机、金日、菱电", "补水泵推荐品牌：良机、金日、菱电"],
                 [("冷却塔", {"良机", "金日", "菱电"}), ("补水泵", {"良机", "金日", "菱电"})], id="same-brands-two-items"),
    pytest.param([REQ, "冷却塔推荐品牌：良机、金日、菱电", "第七章 技术偏离表", "冷却塔推荐品牌：良机、金日、菱电"],
                 [("冷却塔", {"良机", "金日", "菱电"})], id="deviation-copy"),
    pytest.param([REQ, "冷却塔推荐品牌：良机、金日、菱电；补水泵推荐品牌：凯泉、连成、东方"],
                 [("冷却塔", {"良机", "金日", "菱电"}), ("补水泵", {"凯泉", "连成", "东方"})],
                 id="two-lists-one-line"),
    pytest.param([REQ, [["序号", "设备名称", "推荐品牌"], ["1", "补水泵", "凯泉、连成、东方"]], "补水泵推荐品牌：凯泉、连成、东方"],
                 [("补水泵", {"凯泉", "连成", "东方"})], id="table-and-prose-same-item"),
    pytest.param([REQ, "补水泵推荐品牌：凯泉、连成、东方", "补水泵推荐品牌：格兰富、威乐、南方"],
                 [("补水泵", {"凯泉", "连成", "东方"}), ("补水泵", {"格兰富", "威乐", "南方"})], id="same-item-other-brands"),
    pytest.param([REQ, "低压断路器推荐选用施耐德、ABB、西门子"], [("低压断路器", {"施耐德", "ABB", "西门子"})],
                 marks=needs_known, id="verb-over-known-names"),
    pytest.param([REQ, "照明灯具推荐品牌：如雷士、欧普、三雄极光"], [("照明灯具", {"雷士", "欧普", "三雄极光"})],
                 id="label-and-example-marker"),
    pytest.param([REQ, "电缆不得使用远东、宝胜品牌", "开关推荐品牌：正泰、良信、人民"], [("开关", {"正泰", "良信", "人民"})],
                 id="rejected-neighbour-takes-nothing"),
    pytest.param([REQ, "主要设备推荐品牌", "（1）防火门：王力、盼盼、步阳；", "（2）闭门器：多玛、盖泽、皇冠。"],
                 [("防火门", {"王力", "盼盼", "步阳"}), ("闭门器", {"多玛", "盖泽", "皇冠"})], id="block-lines-one-each"),
    pytest.param([REQ, "冷却塔推荐品牌：良机、金日、菱电", "第六章 投标文件格式", "冷却塔品牌：良机"],
                 [("冷却塔", {"良机", "金日", "菱电"})], id="form-echo-not-a-second-list"),
    pytest.param([REQ, "配电箱采用正泰、人民、良信品牌，箱体采用冷轧钢板"], [("配电箱", {"正泰", "人民", "良信"})],
                 id="verb-twice-in-sentence"),
    pytest.param([REQ, "冷却塔推荐品牌：良机、金日、菱电。冷却塔推荐品牌：良机、金日、菱电。"],
                 [("冷却塔", {"良机", "金日", "菱电"})], id="pasted-twice-one-line"),
]


@pytest.mark.parametrize("blocks,expected", DECISIONS)
def test_decision(blocks, expected):
    got = [(i, set(b)) for i, b, _ in designations(*blocks)]
    assert got == expected


def test_every_accepted_list_says_how_and_why():
    f = facts(REQ, "冷却塔推荐品牌：良机、金日、菱电或同等档次",
              "电流互感器，推荐选用正泰、人民、良信",
              "LED筒灯，如：雷士、欧普、三雄极光同品质品牌",
              [["序号", "名称", "参数", "推荐品牌"], ["1", "排烟风机", "风量12000m3/h", "亚太、德通、九洲普惠"]])
    assert len(f.brand_lists) == 4
    for bl in f.brand_lists:
        assert bl.how in {"label", "verb", "example", "table_column"}
        assert bl.score >= 0.6
        assert bl.reasons and all(re.search(r"[\u4e00-\u9fff]", r) for r in bl.reasons)
    accepted = [c for c in f.designation_candidates if c.accepted]
    assert len(accepted) == 4
    for c in f.designation_candidates:
        if not c.accepted:
            assert c.reasons, c.quote


# ---------------------------------------------------------------------------------------------
# End to end: a small tender as PDF and as DOCX, through the command line
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tender_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("designation")
    return {"pdf": designation_docs.make_pdf(d / "tender.pdf"), "docx": designation_docs.make_docx(d / "tender.docx")}


@pytest.fixture(scope="module")
def scanned(tender_files):
    proc = run_cli("scan", str(tender_files["pdf"]), str(tender_files["docx"]), "--format", "jsonl", "-q")
    assert proc.returncode in (0, 1), proc.stderr
    reports = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return {r["format"]: r for r in reports}


@pytest.mark.parametrize("fmt", [
    pytest.param("pdf"),
    pytest.param("docx"),
])
def test_end_to_end_designations(scanned, fmt):
    report = scanned[fmt]
    got = {(bl["item"], frozenset(b["name"] for b in bl["brands"]), bl["equivalent_clause"])
           for bl in report["brand_lists"]}
    assert got == designation_docs.EXPECTED


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_end_to_end_brand_sets_are_found(scanned, fmt):
    """Each expected list of brands is found, and nothing from the forms or the inventory."""
    got = [frozenset(b["name"] for b in bl["brands"]) for bl in scanned[fmt]["brand_lists"]]
    for _, brands, _ in designation_docs.EXPECTED:
        assert brands in got
    named = set().union(*got)
    assert not named & {"格美", "克莱门特", "天加", "麒麟", "统信", "飞腾"}


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_end_to_end_no_brand_finding_in_forms_or_inventory(scanned, fmt):
    findings = [f for f in scanned[fmt]["findings"] if f["rule"] in {"FS101", "FS102", "FS103", "FS104"}]
    assert findings
    for f in findings:
        zone = f.get("zone") or {}
        assert zone.get("kind") != "forms" and zone.get("sub") not in {"inventory", "price_form"}, f
        for ev in f["evidence"]:
            assert not any(w in ev["text"] for w in ("格美", "克莱门特", "天加")), f


def test_explain_prints_accepted_and_rejected_with_reasons(tender_files):
    proc = run_cli("explain", str(tender_files["docx"]))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "采纳" in out and "否决" in out
    assert "投标/响应文件格式" in out  # the response form's brand column, rejected for its zone
    assert "现有" in out  # the inventory sentence, rejected
    assert "大金" in out and "格美" in out


def test_explain_json_is_valid(tender_files):
    """`tendercheck explain FILE --format json` (in process: the CLI's own function, to keep the run short)."""
    from checker.explain import explain_file

    out, status = explain_file(tender_files["docx"], None, True, True)
    assert status == 0
    data = json.loads(out)
    assert data["candidates"]
    assert any(c.get("accepted") for c in data["candidates"]) and not all(c.get("accepted") for c in data["candidates"])
    text = json.dumps(data, ensure_ascii=False)
    assert "大金" in text and "格美" in text


def test_html_report_says_why_each_list_is_a_designation(tender_files, tmp_path):
    """The supervisor's HTML report shows, beside each brand list, the reasons it was taken as a designation."""
    out = tmp_path / "report.html"
    proc = run_cli("scan", str(tender_files["pdf"]), "--format", "html", "-o", str(out), "-q")
    assert proc.returncode in (0, 1), proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "认定依据" in page
    assert "推荐类动词" in page  # the 智能照明模块 list: "推荐选用…"
    assert "分项取自" in page


def test_explain_a_rule_and_refuse_what_is_not_there(tmp_path):
    """`tendercheck explain FS101` prints the rule's documentation; an unknown rule or a missing or unreadable file
    is a clear error (exit 2), never an empty explanation."""
    doc = run_cli("explain", "FS101")
    assert doc.returncode == 0 and "FS101" in doc.stdout and "brand-list-lacks-first-set" in doc.stdout
    for target, words in (("FS999", "没有规则"), (str(tmp_path / "nope.pdf"), "找不到文件")):
        proc = run_cli("explain", target)
        assert proc.returncode == 2 and words in proc.stderr, proc.stderr
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    proc = run_cli("explain", str(empty))
    assert proc.returncode == 2 and proc.stderr.startswith("tendercheck:"), proc.stderr


# A reviewer's sentences (written for this suite): brand names that are the objects of a service, the bidder's
# authorisation, an exclusion, existing equipment or a same-brand lock are no designation.
REVIEW_NEGATIVES = [
    pytest.param("维保范围：大金多联机12套、格力风管机20台。", id="service-scope"),
    pytest.param("负责维护现场的海康威视监控摄像机共计320路。", id="service-maintain"),
    pytest.param("本项目为飞利浦CT原厂维保服务采购。", id="service-after"),
    pytest.param("投标人应对苹果、小米、华为手机均提供维修服务。", id="service-repair"),
    pytest.param("车辆维修范围包括：大众、丰田、本田、别克等品牌公务车辆。", id="service-vehicles"),
    pytest.param("适用机型：惠普、佳能、兄弟激光打印机。", id="service-applicable"),
    pytest.param("维修车辆品牌：丰田、大众、别克", id="service-label"),
    pytest.param("电梯品牌：与原有电梯一致。", id="lock-same-as-existing"),
    pytest.param("品牌：与主机同品牌", id="lock-same-as-host"),
    pytest.param("品牌：自主品牌", id="own-brand"),
    pytest.param("空调系统采用VRV多联机，室外机12台。", id="vrv-is-a-technology"),
    pytest.param("打印机需可使用惠普原装耗材之外的通用耗材。", id="negated-after"),
    pytest.param("监控存储采用海康威视、大华原有NVR设备利旧。", id="existing-after"),
    pytest.param("新建系统需与大楼内既有霍尼韦尔楼控系统实现数据共享。", id="existing-interop"),
    pytest.param("投标人须为施耐德授权的服务商。", id="authorised-agent"),
    pytest.param("中标人须安排西门子原厂工程师对采购人人员进行操作培训。", id="makers-engineer"),
    pytest.param("投标人应具备ABB、西门子等品牌变频器的维修能力。", id="repair-ability"),
    pytest.param("本技术规格书仅限于本项目35kV高压开关柜的设计、制造和试验。", id="scope-not-brand"),
]


@pytest.mark.parametrize("line", REVIEW_NEGATIVES)
def test_brand_names_that_are_not_what_is_bought(line):
    f = facts(REQ, line)
    assert not f.brand_lists, [(c.source, [n.text for n in c.brands], c.decision()) for c in f.designation_candidates]


def test_an_inventory_table_with_a_bare_brand_column_is_no_recommendation():
    table = [["序号", "设备名称", "品牌", "型号", "数量", "安装位置"],
             ["1", "冷水机组", "约克", "YK-500", "2", "地下室"], ["2", "电梯", "通力", "3000S", "4", "1号楼"]]
    f = facts(REQ, "一、维保设备明细", table)
    assert not f.brand_lists
    vetoes = {r.code for c in f.designation_candidates for r in c.reasons if r.veto}
    assert "inventory_table" in vetoes


REVIEW_POSITIVES = [
    pytest.param("交换机要求华为或华三品牌。", {"华为", "华三"}, id="two-known-joined-by-or"),
    pytest.param("本项目仅限朗晴品牌。", {"朗晴"}, id="only-brand"),
    pytest.param("品牌参考：朗晴、辰辉、曜森", {"朗晴", "辰辉", "曜森"}, id="label-品牌参考"),
    pytest.param("品牌：华为 型号：AR6140", {"华为"}, id="model-field-after-brand"),
]


@pytest.mark.parametrize("line,brands", REVIEW_POSITIVES)
def test_more_ways_to_designate(line, brands):
    f = facts(REQ, line)
    assert [{b.name for b in bl.brands} for bl in f.brand_lists] == [brands]
