"""Standard references in every form tenders use → canonical code, kind and title."""
from __future__ import annotations

import pytest
from extract_docs import facts


def refs(*lines):
    return [(s.code, s.kind, s.title) for s in facts(*lines).standards]


FORMS = [
    ("执行标准：GB 50016-2014《建筑设计防火规范》", ("GB 50016-2014", "national", "建筑设计防火规范")),
    ("应符合《建筑设计防火规范》GB50016-2014的规定。", ("GB 50016-2014", "national", "建筑设计防火规范")),
    ("应符合《建筑设计防火规范》(GB 50016-2014)的要求", ("GB 50016-2014", "national", "建筑设计防火规范")),
    ("ＧＢ／Ｔ　５０２３１－２０１６《机械设备安装工程施工及验收通用规范》", ("GB/T 50231-2016", "national", "机械设备安装工程施工及验收通用规范")),
    ("符合GB/T 7251.12及相关国家标准的要求。", ("GB/T 7251.12", "national", None)),
    ("GB/T 2423.1—2008 电工电子产品环境试验", ("GB/T 2423.1-2008", "national", None)),
    ("GB/T13730-92《地区电网调度自动化系统》", ("GB/T 13730-92", "national", "地区电网调度自动化系统")),
    ("设计执行DL/T 5161-2018和JB/T 10325-2014。", ("DL/T 5161-2018", "industry", None)),
    ("参照YY 0054-2010《血液透析设备》", ("YY 0054-2010", "industry", "血液透析设备")),
    ("施工应满足JGJ 46-2005《施工现场临时用电安全技术规范》", ("JGJ 46-2005", "industry", "施工现场临时用电安全技术规范")),
    ("浙江省地方标准DB33/T 1130-2017《公共建筑节能运行管理规范》", ("DB33/T 1130-2017", "local", "公共建筑节能运行管理规范")),
    ("产品须取得“浙江制造”团体标准T/ZZB 0123-2016认证", ("T/ZZB 0123-2016", "group", None)),
    ("还应符合某某泵业有限公司企业标准Q/JHBF 042-2021《立式管道离心泵技术条件》", ("Q/JHBF 042-2021", "enterprise", "立式管道离心泵技术条件")),
    ("电能质量应满足IEC 61000-4-30:2015的A级要求", ("IEC 61000-4-30:2015", "international", None)),
    ("质量管理体系符合ISO 9001:2015", ("ISO 9001:2015", "international", None)),
    ("安全功能满足EN ISO 13849-1:2015", ("EN ISO 13849-1:2015", "international", None)),
    ("生活饮用水卫生标准GB \n5749-2022", ("GB 5749-2022", "national", None)),
    ("国家电网企业标准Q/GDW129-2005", ("Q/GDW 129-2005", "enterprise", None)),
    # 特种设备安全技术规范: a series letter before the number.
    ("电梯安装后应通过TSG T7001-2023《电梯监督检验和定期检验规则》检验", ("TSG T7001-2023", "national", "电梯监督检验和定期检验规则")),
    ("压力管道应符合TSG D0001-2009的要求", ("TSG D0001-2009", "national", None)),
    ("应符合Q/12JX 4356-2020的要求", ("Q/12JX 4356-2020", "enterprise", None)),
]


@pytest.mark.parametrize("line,expected", FORMS)
def test_standard_forms(line, expected):
    assert refs(line)[0] == expected


NOT_STANDARDS = [
    "防护等级：IP68",
    "电缆型号：ZC-YJV-0.6/1kV 4×185+1×95",
    "内存：≥16GB DDR5，硬盘：1TB SSD",
    "S13型油浸式变压器，SCB14型干式变压器",
    "泵体材质：球墨铸铁QT450，管程材质S30408",
    "支持H.265编码，DICOM 3.0接口",
    "《中华人民共和国政府采购法》第二十二条",
    "财库〔2020〕46号文件",
    "制冷剂：R134a或R513A",
    "公称通径：DN300，公称压力：PN16",
    "联系电话：0571-86029527",
    "工作级别：Q2-中",
]


@pytest.mark.parametrize("line", NOT_STANDARDS)
def test_codes_that_are_not_standards(line):
    assert refs(line) == []


def test_both_codes_of_one_sentence_and_the_item_whose_section_cites_them():
    got = facts("1.离心泵", "(1)流量:540m3/h", "执行标准：GB 50275-2010、JB/T 8644-2007。",
                "四、执行标准及规范", "1.GB/T 19001-2016《质量管理体系要求》").standards
    assert [(s.code, s.item) for s in got] == [("GB 50275-2010", "离心泵"), ("JB/T 8644-2007", "离心泵"),
                                               ("GB/T 19001-2016", None)]


def test_enterprise_standard_names_its_producer():
    std = facts("还应符合江苏金湖泵阀有限公司企业标准Q/JHBF 042-2021的要求").standards[0]
    assert std.producer == "江苏金湖泵阀有限公司"
    assert std.evidence[0].text == "Q/JHBF 042-2021"


# -- codes as real documents write them (issue 11), written here from scratch -----------------------

REAL_FORMS = [
    ("检验评定应执行JTG F80/1-2017《公路工程质量检验评定标准》", ("JTG F80/1-2017", "industry")),
    ("施工应满足JTG/T F50-2011的规定", ("JTG/T F50-2011", "industry")),
    ("有机肥料应符合NY/T 525-2021的要求", ("NY/T 525-2021", "industry")),
    ("元数据应符合GY/T 381-2023规定", ("GY/T 381-2023", "industry")),
    ("苗木质量执行LY/T 1000-2013", ("LY/T 1000-2013", "industry")),
    ("商品包装符合SB/T 10549-2009", ("SB/T 10549-2009", "industry")),
    ("检测依据：GB/T 19976-\n2005或最新标准", ("GB/T 19976-2005", "national")),
    ("执行标准：GB/T\n50231-2016", ("GB/T 50231-2016", "national")),
]


@pytest.mark.parametrize("line,expected", REAL_FORMS)
def test_codes_as_real_documents_write_them(line, expected):
    got = facts(line).standards
    assert [(s.code, s.kind) for s in got] == [expected]


@pytest.mark.parametrize("line", [
    "项目编号：TAHP-ZB-2023-1790",
    "招标编号：ABC-GB-2024-0012",
    "支持高通QC3.0充电协议",
    "SC 20型号水泵",
])
def test_project_codes_and_versions_are_no_standards(line):
    assert facts(line).standards == []


# Two parts of one series written with a slash, the second part spelt from the first's: government
# procurement's WLAN policy names "GB 15629.11/1102" (GB 15629.11 and GB 15629.1102) in many tenders.
@pytest.mark.parametrize(("line", "codes"), [
    ("优先采购符合国家无线局域网安全标准（GB 15629.11/1102）并通过国家产品认证的产品",
     ["GB 15629.11", "GB 15629.1102"]),
    ("无线局域网产品须符合GB/T 15629.11/1102的要求", ["GB/T 15629.11", "GB/T 15629.1102"]),
    # not a second part: a year's amendment, an international equivalent, a part not spelt from the first
    ("执行GB 50016-2014/2018版", ["GB 50016-2014"]),
    ("符合GB 4943.1/IEC 60950的要求", ["GB 4943.1"]),
    ("试验方法按GB/T 2423.1/2执行", ["GB/T 2423.1"]),
])
def test_a_second_part_after_a_slash_is_a_code_of_its_own(line, codes):
    assert [s.code for s in facts(line).standards] == codes
