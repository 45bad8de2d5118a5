"""Procurement method, project fields, budget, funding, field and document date as tenders write them."""
from __future__ import annotations

from datetime import date

import pytest
from extract_docs import facts

from checker.facts.amounts import parse_amount

METHODS = [
    (["采购方式：公开招标"], "公开招标"),
    (["采购方式:竞争性磋商采购"], "竞争性磋商"),
    ([[["序号", "条款名称", "内容"], ["5", "采购方式", "单一来源"]]], "单一来源采购"),
    (["招标方式：邀请招标"], "邀请招标"),
    (["询价方式:公开询价"], "询价"),
    (["采购方式：框架协议采购（封闭式）"], "框架协议采购"),
    (["采购方式：竞争性谈判"], "竞争性谈判"),
    (["某某医院设备采购项目", "竞争性磋商文件", "项目编号:ZJ-2025-001"], "竞争性磋商"),
    (["某某局办公设备采购项目", "询价通知书"], "询价"),
    (["某某集团配电设备采购项目公开招标公告"], "公开招标"),
    (["第一章投标邀请书", "贵单位受邀参加本项目投标。"], "邀请招标"),
    (["某某项目", "采购文件", "现对本项目进行竞争性谈判采购，欢迎供应商参加。"], "竞争性谈判"),
    (["某某项目", "框架协议采购征集文件"], "框架协议采购"),
    (["采购方式：详见第二章", "某某项目公开招标公告"], "公开招标"),
    (["采购方式 竞争性磋商"], "竞争性磋商"),  # colon lost in layout, spaces between CJK dropped
]


@pytest.mark.parametrize("blocks,method", METHODS)
def test_procurement_method(blocks, method):
    f = facts(*blocks)
    assert f.method.value == method
    assert f.method.evidence and f.method.evidence[0].page == 1


def test_no_method_when_the_document_names_none():
    assert facts("某某项目", "澄清或者修改应在截止时间15日前(非招标方式为3个工作日前)发布。").method.value is None


AMOUNTS = [
    ("8600000", None, 8_600_000),
    ("8,600,000.00元", None, 8_600_000),
    ("860万元", None, 8_600_000),
    ("860.5万元", None, 8_605_000),
    ("¥1,320,000", None, 1_320_000),
    ("￥1320000.00元（含税）", None, 1_320_000),
    ("人民币叁佰捌拾伍万元整", None, 3_850_000),
    ("壹佰叁拾贰万元整", None, 1_320_000),
    ("伍拾万零捌仟元整", None, 508_000),
    ("壹仟贰佰万元", None, 12_000_000),
    ("860", "万元", 8_600_000),
    ("人民币860万元（大写：捌佰陆拾万元整）", None, 8_600_000),
    ("1.2亿元", None, 120_000_000),
]


@pytest.mark.parametrize("text,unit,yuan", AMOUNTS)
def test_amounts(text, unit, yuan):
    assert parse_amount(text, unit) == pytest.approx(yuan)


@pytest.mark.parametrize("text", ["详见附件", "__________元", "(大写)"])
def test_no_amount(text):
    assert parse_amount(text) is None


BUDGETS = [
    (["预算金额(元):8600000"], 8_600_000),
    (["预算金额（万元）：860"], 8_600_000),
    (["采购预算：人民币叁佰捌拾伍万元整"], 3_850_000),
    ([[["序号", "条款名称", "内容"], ["6", "预算金额", "2,850,000.00元(最高限价:2,850,000.00元)"]]], 2_850_000),
    (["最高投标限价：3990000元", "预算金额：400万元"], 4_000_000),
    (["招标控制价:¥6,300,000"], 6_300_000),
]


@pytest.mark.parametrize("blocks,yuan", BUDGETS)
def test_budget(blocks, yuan):
    assert facts(*blocks).project.budget_yuan == pytest.approx(yuan)


def test_labelled_fields_from_announcement_and_table():
    p = facts("项目编号：HZCG-2025-017[1]", "项目名称：某市第一医院医疗设备采购项目",
              [["序号", "条款名称", "内容"], ["3", "采购人", "某市第一医院"], ["4", "采购代理机构", "某某招标代理有限公司"]],
              "资金来源：财政性资金（一般公共预算）",
              "2.定义:“采购人”系指另一家单位").project
    assert (p.code, p.name, p.purchaser, p.agency, p.funding) == (
        "HZCG-2025-017[1]", "某市第一医院医疗设备采购项目", "某市第一医院", "某某招标代理有限公司", "财政资金")
    assert p.evidence["purchaser"][0].text == "某市第一医院"


@pytest.mark.parametrize("value,funding", [
    ("财政资金", "财政资金"), ("国有资金", "国有资金"), ("自筹资金", "自筹资金"), ("单位自筹", "自筹资金"),
    ("财政拨款", "财政资金"), ("地方政府专项债券", "财政资金"), ("国有企业自有资金", "国有资金"), ("银行贷款", "银行贷款"),
])
def test_funding(value, funding):
    assert facts(f"资金来源：{value}").project.funding == funding


@pytest.mark.parametrize("name,items,field", [
    ("某市中医院医疗设备购置项目", ["64排螺旋CT机", "血液透析机"], "医疗设备"),
    ("某市人民医院新院区电梯及空调设备采购项目", ["医用病床电梯", "低压配电柜"], "基础设施"),
    ("某区城市排水污泥处理设备采购项目", ["磁悬浮鼓风机", "冷水机组"], "节能环保"),
    ("某市水利局排涝泵站设备更新改造项目", ["卧式单级离心泵"], "水利水务"),
    ("某市机关事务管理局公务用车充电设施采购项目", ["箱式变电站", "直流充电桩"], "新能源汽车"),
    ("某化工储运装置改造设备采购项目", ["离心压缩机组"], "石化"),
    ("某区配电设备采购项目", ["10kV环网柜"], "电力"),
    ("某交通建设投资隧道机电设备采购项目", ["LED隧道灯"], "交通工程"),
    ("某县教育局办公设备采购项目", ["台式计算机", "打印机", "高清网络摄像机"], None),
    ("某街道物业服务采购项目", [], None),
])
def test_field(name, items, field):
    from checker.facts import extractor
    assert extractor().project.field(name, items) == field


@pytest.mark.parametrize("blocks,day", [
    (["某某项目", "招标文件", "2026年3月20日", "目录"], date(2026, 3, 20)),
    (["某某项目", "招标文件", "二〇二六年三月二十日"], date(2026, 3, 20)),
    (["某某项目", "招标文件", "日期：2025年10月9日"], date(2025, 10, 9)),
    (["第一章招标公告", "发布日期：2025-12-04", "开标时间：2026年1月5日 09:30"], date(2025, 12, 4)),
    (["某某项目", "开标时间：2026年4月10日 09:30", "某某招标代理有限公司", "2026年3月18日"], date(2026, 3, 18)),
    (["某某项目", "投标人须具有2023年1月1日以来类似项目业绩。"], None),
])
def test_document_date(blocks, day):
    assert facts(*blocks).document_date == day


# -- real-document forms (issue 11), written here from scratch --------------------------------------

MORE_METHODS = [
    (["采购方式：☑公开招标 □邀请招标"], "公开招标"),
    (["招标方式：□公开招标 ■邀请招标"], "邀请招标"),
    ([[["序号", "条款", "内容"], ["3", "采购方式", "□竞争性谈判 √竞争性磋商 □询价"]]], "竞争性磋商"),
    (["某某项目", "□公开招标", "✓询价"], "询价"),
    (["5.招标方式：邀约招标"], "邀请招标"),
    (["采购方式：单一来源"], "单一来源采购"),
]


@pytest.mark.parametrize("blocks,method", MORE_METHODS)
def test_procurement_method_as_real_documents_write_it(blocks, method):
    f = facts(*blocks)
    assert f.method.value == method and f.method.reason is None


def test_method_undecided_has_a_reason():
    f = facts("某某项目", "采购方式：☑公开招标 ☑竞争性磋商")
    assert f.method.value is None and "公开招标" in (f.method.reason or "")
    assert facts("某某项目", "本项目的服务内容详见第三章。").method.reason


MORE_BUDGETS = [
    (["项目预算金额：9373.99 万元、最高限价：9373.99 万元"], 93_739_900),
    (["本项目采购预算为 100660000 元人民币。"], 100_660_000),
    (["2.3 预算金额：560000元"], 560_000),
    (["采购包预算金额（元）: 1,250,000.00", "采购包最高限价（元）: 1,200,000.00"], 1_250_000),
    (["1、本项目未税预算价为 120.5 万元/年，若投标人报价高于预算价则否决。"], 1_205_000),
    ([[["序号", "条款名称", "内容"], ["7", "项目预算金额", "880000.00 元"], ["", "最高投标限价", "包 1-880000.00 元"]]],
     880_000),
    ([[["序号", "条款名称", "内容"], ["7", "最高投标限价", "包 2-450000.00 元"]]], 450_000),
    (["最高限价为人民币：¥96500.50元"], 96_500.5),
    ([[["序号", "采购计划编号", "采购项目名称", "财政预算限额（元）"], ["1", "PLAN-X-01", "某某设备采购", "300000"]]],
     300_000),
    ([[["标段", "项目名称", "数量", "预算金额（万元）"], ["1", "某某软件采购", "1批", "62.5"]]], 625_000),
    ([[["序号", "子项目", "预算金额（元）"], ["1", "甲", "100,000.00"], ["2", "乙", "250,000.00"],
       ["总预算金额（元）", "", "350,000.00"]]], 350_000),
    ([[["序号", "子项目", "预算金额（元）"], ["1", "甲", "100,000.00"], ["2", "乙", "250,000.00"]]], 350_000),
    (["备注：本项目的财政预算金额为人民币1,460,000.00元。"], 1_460_000),
]


@pytest.mark.parametrize("blocks,yuan", MORE_BUDGETS)
def test_budget_as_real_documents_write_it(blocks, yuan):
    assert facts(*blocks).project.budget_yuan == pytest.approx(yuan)


NO_BUDGET = [
    (["备注：本项目的财政预算金额为人民币00,000,000.00元。"], "占位符"),
    (["最高投标限价：单价限高价1400元/组（含增值税）"], None),
    (["最高限价：1400元/组"], "单价"),
    ([[["序号", "货物名称", "数量", "单价限额（元）"], ["1", "某设备", "2", "5000"]]], None),
    (["最高投标限价：包 1"], None),
    (["投标报价超过预算金额为无效投标。"], None),
]


@pytest.mark.parametrize("blocks,why", NO_BUDGET)
def test_no_budget_from_placeholders_unit_prices_and_package_numbers(blocks, why):
    p = facts(*blocks).project
    assert p.budget_yuan is None
    if why:
        assert why in p.reasons["budget_yuan"]


def test_a_cap_is_the_budget_only_when_no_budget_is_stated():
    assert facts("最高限价：950000元", "预算金额：1000000元").project.budget_yuan == 1_000_000
    assert facts("预算金额：00,000,000.00元", "最高限价：950000元").project.budget_yuan == 950_000


@pytest.mark.parametrize("blocks,purchaser", [
    (["采购人：", "项目建设管理单位：", "采购人：某市第二中学"], "某市第二中学"),
    (["1.采购人信息", "名 称：某某大学", "地址：某市某路1号"], "某某大学"),
    (["采购人：1、名称：某县农业农村局"], "某县农业农村局"),
    (["采购人：市场监督管理局", [["序号", "条款", "内容"], ["2", "采购人", "某市某区市场监督管理局"]]], "某市某区市场监督管理局"),
    (["2.1 采购人：某某研究院"], "某某研究院"),
])
def test_purchaser_never_a_blank_template_label(blocks, purchaser):
    assert facts(*blocks).project.purchaser == purchaser


@pytest.mark.parametrize("value,funding", [
    ("企业自有资金（国有）", "国有资金"), ("自筹资金(国有企业)", "国有资金"), ("财政支付", "财政资金"), ("企业自有资金", "自筹资金"),
])
def test_funding_with_its_qualifier(value, funding):
    assert facts(f"资金来源：{value}").project.funding == funding


@pytest.mark.parametrize("name,items,field", [
    ("某银行园区餐厅洗碗业务外包项目", [], None),
    ("交通银行某分行食堂服务项目", [], None),
    ("某市交通运输局办公家具采购项目", [], None),
    ("某区道路照明节能改造项目", [], "基础设施"),
    ("某县城投公司新建道路工程", [], "基础设施"),
    ("某机关办公楼节能改造项目", [], "节能环保"),
])
def test_field_from_purpose_not_from_an_organisation_name(name, items, field):
    from checker.facts import extractor
    assert extractor().project.field(name, items) == field


@pytest.mark.parametrize("blocks,day", [
    # month-only cover dates are dated to the month's first day
    (["某某项目", "招标文件", "2024 年 5 月", "目录"], date(2024, 5, 1)),
    (["某某项目", "采购人：某单位", "日", "期：二〇二六年四月"], date(2026, 4, 1)),
    # a full announcement date beats a month-only cover
    (["某某项目", "2026年3月", "第一章 采购公告", "2026年3月9日"], date(2026, 3, 9)),
    # a quoted regulation's date never dates the document
    (["某某项目", "关于印发某某规定的通知", "某部联〔2011〕300 号", "各有关单位：现印发给你们。", "二〇一一年六月十八日"], None),
    (["某某项目", "根据《中华人民共和国政府采购法》（2014年8月31日修正）"], None),
])
def test_document_date_month_only_and_never_a_regulations(blocks, day):
    assert facts(*blocks).document_date == day
