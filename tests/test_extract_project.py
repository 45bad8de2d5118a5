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
