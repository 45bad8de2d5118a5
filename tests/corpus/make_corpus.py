"""Generate the held-out robustness corpus: tenders written by other hands than the samples.

    python tests/corpus/make_corpus.py [OUT]      (default: tests/corpus/out)

Writes N tender documents (PDF via reportlab, DOCX via python-docx), a ``NAME.truth.json`` for each
in the format of the shared samples, and ``catalog.csv``. Deterministic: the same files every run.
Score with ``python /work/shared/tools/evaluate.py tests/corpus/out``.

Styles covered (each document says which in its ``notes``): construction tenders with a 3-column
前附表, 最高投标限价 in 万元 and a 主要材料（设备）推荐品牌表 (comma list or 品牌一/二/三 columns);
政采云 磋商/询价/单一来源/框架协议 documents; budgets in 大写, 万元 and "最高限价（元）：3,850,000.00";
dates in 2026年3月5日, 二〇二六年三月五日 and 2026-03-05 beside later opening dates; standards
title-first, code-first, without year, DB33/T, T/CECS, Q/ of a named producer, full width; 业绩 in
scoring tables and qualifications, with and without the 首台套 deeming clause; brand lists in
prose under numbered headings, wrapped over lines and pages, with English alternates, in DOCX
tables; negatives (品牌不限, 不指定品牌, 投标品牌 column, scoring rows naming brands); footers
"- 3 -", "第3页/共20页", a running agency header, a two-column cover, tables split over pages
without a repeated header. A third round (C19–C26, ``round3.py``) adds another author's habits: see
that module's docstring; a fourth (C27–C31, ``round4.py``) another's.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.corpus import boiler, round3, round4
    from tests.corpus.layout import DocxWriter, PdfWriter, Writer
    from tests.corpus.truth import Tender, write_catalog
else:
    from . import boiler, round3, round4
    from .layout import DocxWriter, PdfWriter, Writer
    from .truth import Tender, write_catalog

GP = {"bidder": "供应商", "bid": "响应文件", "buyer": "采购人"}
WORKS = {"bidder": "投标人", "bid": "投标文件", "buyer": "招标人"}


# -- C01: construction, 3-column 前附表, 万元 cap, recommended-brand table split over a page -----------

def c01(w: Writer) -> Tender:
    t = Tender("C01_施工招标_污水厂提标.pdf", "公开招标", "2026-03-05", {
        "name": "钱江新区第二污水处理厂提标改造工程", "code": "QJXQ-SG-2026-017", "purchaser": "杭州钱江水务投资有限公司",
        "agency": "浙江之江建设项目管理有限公司", "budget_yuan": 12865000, "funding": "国有资金", "field": "节能环保"},
        notes="施工招标：两栏封面、中文数字封面日期、三栏前附表、最高投标限价（万元）、推荐品牌表跨页且不重复表头、表下注释为相当条款；"
              "鼓风机无目录产品（FS101）、干式变压器只有过期目录产品（FS101+FS104）；资格业绩无视同条款（FS301）；国有资金节能环保（FS402）")
    w.space(120)
    w.title("钱江新区第二污水处理厂提标改造工程", 20)
    w.title("施 工 招 标 文 件", 26)
    w.space(60)
    w.columns(["招标人：杭州钱江水务投资有限公司", "（盖单位章）"], ["招标代理机构：浙江之江建设项目管理有限公司", "（盖单位章）"])
    w.space(40)
    w.title("二〇二六年三月五日", 14)
    w.page_break()
    w.heading("第一章 招标公告")
    w.para("1.招标条件")
    w.para("本招标项目钱江新区第二污水处理厂提标改造工程已由杭州市钱塘区发展和改革局批准建设，项目业主为杭州钱江水务投资有限公司，"
           "建设资金来自国有企业自有资金，项目出资比例为100%。项目已具备招标条件，现对该项目的施工进行公开招标，本次招标采用资格后审。")
    w.para("2.项目概况与招标范围")
    w.para("建设地点：杭州市钱塘区。建设规模：处理规模10万立方米/日，出水由一级A提标至准地表水IV类。计划工期：300日历天。"
           "招标范围：工程量清单及施工图所示的全部土建、安装、调试及试运行工作。")
    w.para("3.投标人资格要求")
    p = w.para("3.1本次招标要求投标人具备市政公用工程施工总承包贰级及以上资质，并在人员、设备、资金等方面具有相应的施工能力；"
               "投标人须具有近五年内承担过日处理规模5万立方米以上污水处理工程施工业绩至少1项。")
    t.perf(p, "qual")
    w.para("3.2本次招标不接受联合体投标。")
    w.para("4.招标文件的获取：凡有意参加投标者，请于2026年3月6日至2026年3月26日登录浙江省公共资源交易服务平台下载电子招标文件。")
    w.para("5.投标文件的递交：投标文件递交的截止时间（投标截止时间，下同）为2026年3月27日9时30分，开标地点为杭州市公共资源交易中心。")
    w.page_break()
    w.heading("第二章 投标人须知")
    w.para("投标人须知前附表")
    rows = [["条款号", "条款名称", "编列内容"],
            ["1.1.2", "招标人", "名称：杭州钱江水务投资有限公司\n地址：杭州市钱塘区江东大道88号"],
            ["1.1.3", "招标代理机构", "名称：浙江之江建设项目管理有限公司"],
            ["1.1.4", "项目名称", "钱江新区第二污水处理厂提标改造工程"],
            ["1.1.5", "招标编号", "QJXQ-SG-2026-017"],
            ["1.2.1", "资金来源", "国有企业自有资金"],
            ["1.2.2", "出资比例", "100%"],
            ["1.3.1", "招标方式", "公开招标"],
            ["1.3.2", "计划工期", "300日历天"],
            ["3.2.4", "最高投标限价", "1286.50万元（含暂列金额80万元）"],
            ["3.4.1", "投标保证金", "贰拾万元整"],
            ["3.3.1", "投标有效期", "90日历天"],
            ["10.1", "评标办法", "综合评估法"]]
    w.table(rows, [60, 120, 270])
    boiler.instructions(w, "投标人须知正文", **WORKS)
    w.page_break()
    w.heading("第三章 评标办法（综合评估法）")
    boiler.evaluation(w, "评标办法正文", **WORKS)
    w.page_break()
    w.heading("第四章 合同条款及格式")
    boiler.contract(w, "专用合同条款")
    w.page_break()
    w.heading("第五章 工程量清单")
    w.para("工程量清单说明：本工程量清单依据《建设工程工程量清单计价规范》GB 50500-2013编制，项目特征未尽事宜以施工图为准。")
    t.std("GB 50500-2013", w.page, "national")
    for n in range(1, 28):
        w.para(f"清单项目{n:02d}：土建及安装分部分项工程，计量单位及工程量详见电子清单。")
    w.heading("附表：主要材料（设备）推荐品牌表")
    rows = [["序号", "材料（设备）名称", "规格型号", "推荐品牌", "备注"],
            ["1", "磁悬浮离心鼓风机", "Q=150m3/min,P=80kPa", "格兰克林、斯凯孚、豪顿", ""],
            ["2", "干式变压器", "SCB14-2000/10", "南太湖、顺特、金盘", ""],
            ["3", "潜水推流器", "Φ1800", "飞力、威乐、凯泉", ""],
            ["4", "单级双吸离心泵", "Q=900m3/h,H=22m", "曹娥泵业、格兰富、KSB", ""],
            ["5", "闸阀、止回阀", "DN100-DN600", "不限", ""],
            ["6", "电线电缆", "YJV-0.6/1kV", "/", "详见清单"]]
    pages = w.table(rows, [34, 110, 120, 150, 50])
    t.brand_list("磁悬浮离心鼓风机", ["格兰克林", "斯凯孚", "豪顿"], True, pages[1], "鼓风机")
    t.brand_list("干式变压器", ["南太湖", "顺特", "金盘"], True, pages[2], "干式变压器")
    t.brand_list("潜水推流器", ["飞力", "威乐", "凯泉"], True, pages[3])
    t.brand_list("单级双吸离心泵", ["曹娥泵业", "格兰富", "KSB"], True, pages[4], "离心泵")
    w.para("注：上表所列品牌仅供参考，投标人可选用不低于推荐品牌档次的产品，但须经招标人和监理单位认可。")
    w.page_break()
    w.heading("第七章 技术标准和要求")
    w.para("本工程施工及验收应执行下列现行标准规范，其版本应为招标时已颁布实施的最新有效版本：")
    std = [("《城镇污水处理厂污染物排放标准》（GB 18918-2002）", "GB 18918-2002", "national"),
           ("《给水排水构筑物工程施工及验收规范》（GB 50141-2008）", "GB 50141-2008", "national"),
           ("《给水排水管道工程施工及验收规范》（GB 50268-2008）", "GB 50268-2008", "national"),
           ("《施工现场临时用电安全技术规范》（JGJ 46-2005）", "JGJ 46-2005", "industry"),
           ("《城镇污水处理厂运行、维护及安全技术规程》（CJJ 60-2011）", "CJJ 60-2011", "industry"),
           ("《城镇排水管道检测与评估技术规程》（CJJ 181-2012）", "CJJ 181-2012", "industry")]
    for n, (line, code, kind) in enumerate(std, 1):
        t.std(code, w.para(f"（{n}）{line}"), kind)
    w.para("设备安装执行《机械设备安装工程施工及验收通用规范》GB 50231的规定。")
    t.std("GB 50231", w.page, "national")
    w.page_break()
    boiler.forms(w, "第八章 投标文件格式")
    return t


# -- C02: construction DOCX, 投标邀请书, 大写 cap, 品牌一/二/三 columns, one global clause at the end -------

def c02(w: Writer) -> Tender:
    t = Tender("C02_邀请招标_学校新建.docx", "邀请招标", "2026-02-10", {
        "name": "临安区青山湖实验学校新建工程机电安装项目", "code": "LAJS-2026-YQ003", "purchaser": "杭州市临安区教育发展服务中心",
        "agency": "杭州天目工程咨询有限公司", "budget_yuan": 23450000, "funding": "财政资金", "field": "基础设施"},
        notes="DOCX 邀请招标：投标邀请书、招标控制价为大写金额、品牌一/品牌二/品牌三三栏表、相当条款只在文末出现一次；"
              "冷水机组三家均非目录产品（FS101）；评分表业绩（FS301）；评分项提到首台套（无 FS402）")
    w.title("临安区青山湖实验学校新建工程机电安装项目")
    w.title("招标文件")
    w.para("项目编号：LAJS-2026-YQ003")
    w.para("招标人：杭州市临安区教育发展服务中心")
    w.para("招标代理机构：杭州天目工程咨询有限公司")
    w.para("2026年2月10日")
    w.page_break()
    w.heading("第一章 投标邀请书")
    w.para("浙江恒达机电安装有限公司等五家单位：")
    w.para("临安区青山湖实验学校新建工程机电安装项目已批准建设，建设资金来自财政预算资金。项目已具备招标条件，"
           "现邀请你单位参加本项目的邀请招标。")
    w.para("资金来源：财政预算资金")
    w.para("招标控制价：人民币贰仟叁佰肆拾伍万元整")
    w.para("投标截止时间：2026年3月3日9时30分。")
    boiler.instructions(w, "第二章 投标人须知", **WORKS)
    w.heading("第三章 评标办法")
    rows = [["评审因素", "评分标准", "分值"],
            ["施工组织设计", "内容完整、措施可行的得6-10分，一般的得1-5分", "10"],
            ["类似工程业绩", "近三年类似业绩每个得2分，最多得6分", "6"],
            ["首台套产品", "投标所用主要设备列入《浙江省首台（套）产品推广应用指导目录》且在有效期内的，每项得1分，最多得3分", "3"],
            ["投标报价", "满足招标文件要求且投标价格最低的为评标基准价，其价格分为满分", "60"]]
    w.table(rows, [100, 280, 50])
    t.perf(None, "scoring")
    t.first_set = True
    boiler.evaluation(w, "评标程序", **WORKS)
    boiler.contract(w, "第四章 合同条款")
    w.heading("第五章 技术标准和要求")
    w.para("5.1 通风与空调工程施工质量验收执行ＧＢ　５０２４３－２０１６，电梯安装执行ＧＢ／Ｔ　７５８８．１－２０２０。")
    t.std("GB 50243-2016", None, "national")
    t.std("GB/T 7588.1-2020", None, "national")
    w.para("5.2 建筑电气工程施工质量验收执行GB50303-2015；民用建筑电气设计执行JGJ 16。")
    t.std("GB 50303-2015", None, "national")
    w.para("5.3 空调水系统管道安装参照浙江省工程建设标准DB33/T 1092-2016执行。")
    t.std("DB33/T 1092-2016", None, "local")
    w.heading("主要设备推荐品牌表")
    rows = [["序号", "设备名称", "品牌一", "品牌二", "品牌三", "备注"],
            ["1", "乘客电梯", "椒梯", "日立", "三菱", ""],
            ["2", "螺杆式冷水机组", "开利（Carrier）", "特灵（Trane）", "约克（York）", ""],
            ["3", "风机盘管", "美的", "格力", "海信", ""],
            ["4", "低压配电柜", "", "", "", "由投标人自选"]]
    w.table(rows, [30, 90, 80, 80, 80, 60])
    t.brand_list("乘客电梯", ["椒梯", "日立", "三菱"], True, None, "电梯")
    t.brand_list("螺杆式冷水机组", ["开利(Carrier)", "特灵(Trane)", "约克(York)"], True, None, "冷水机组")
    t.brand_list("风机盘管", ["美的", "格力", "海信"], True, None)
    boiler.forms(w, "第六章 投标文件格式")
    w.para("凡本文件中出现的品牌均为参考品牌，投标人可选用不低于其档次的产品。")
    return t


# -- C03: 政采云 竞争性磋商, 万元 budget, dashed ISO date, 参考品牌 column, ★/▲ -------------------------

def c03(w: Writer) -> Tender:
    t = Tender("C03_竞争性磋商_热泵热水.pdf", "竞争性磋商", "2026-03-05", {
        "name": "富阳区中医院空气源热泵热水系统改造项目", "code": "FYZB-2026-CS021", "purchaser": "杭州市富阳区中医院",
        "agency": "浙江富春招标代理有限公司", "budget_yuan": 3850000, "funding": "财政资金", "field": "节能环保"},
        notes="竞争性磋商：封面无日期，公告日期以“公告发布日期：2026-03-05”写在公告末尾，响应截止日在前文；页脚“第n页/共m页”；"
              "预算金额为万元；采购需求表“参考品牌”列；循环泵三家均非有效目录产品（FS101）；财政资金、低于限额、未提首台套（FS401+FS402）")
    w.space(150)
    w.title("富阳区中医院空气源热泵热水系统改造项目", 18)
    w.title("竞争性磋商文件", 24)
    w.space(80)
    w.title("采购编号：FYZB-2026-CS021", 12)
    w.title("杭州市富阳区中医院", 12)
    w.title("浙江富春招标代理有限公司", 12)
    w.page_break()
    w.heading("第一章 竞争性磋商公告")
    w.para("项目概况：富阳区中医院空气源热泵热水系统改造项目的潜在供应商应在政采云平台线上获取采购文件，"
           "并于2026-03-20 09:30（北京时间）前提交响应文件。")
    w.para("一、项目基本情况")
    w.para("项目编号：FYZB-2026-CS021")
    w.para("项目名称：富阳区中医院空气源热泵热水系统改造项目")
    w.para("采购方式：竞争性磋商")
    w.para("预算金额：385万元")
    w.para("资金来源：财政性资金")
    w.para("二、申请人的资格要求：满足《中华人民共和国政府采购法》第二十二条规定；本项目的特定资格要求：无。")
    w.para("三、获取采购文件：2026-03-06至2026-03-12，政采云平台。")
    w.para("四、响应文件提交截止时间及开启时间：2026-03-20 09:30。")
    w.para("五、采购人：杭州市富阳区中医院；采购代理机构：浙江富春招标代理有限公司。")
    w.para("公告发布日期：2026-03-05")
    w.page_break()
    boiler.instructions(w, "第二章 供应商须知", **GP)
    boiler.evaluation(w, "第三章 磋商办法", **GP)
    w.page_break()
    w.heading("第四章 采购需求")
    w.para("一、采购清单（标注★的为实质性条款，标注▲的为重要技术参数）")
    rows = [["序号", "标的名称", "主要技术要求", "数量", "单位", "参考品牌"],
            ["1", "超低温空气源热泵机组", "▲名义制热量≥80kW；★-25℃可正常制热", "6", "台", "钱塘热能、格力、美的"],
            ["2", "热水循环管道离心泵", "Q=30m3/h，H=25m，▲变频控制", "4", "台", "格兰富、威乐、南方泵业"],
            ["3", "不锈钢保温水箱", "有效容积30m3", "2", "座", "/"],
            ["4", "智能控制系统", "远程监控，故障报警", "1", "套", "投标人自选"]]
    pages = w.table(rows, [30, 110, 170, 34, 34, 110])
    t.brand_list("超低温空气源热泵机组", ["钱塘热能", "格力", "美的"], True, pages[1], "热泵机组")
    t.brand_list("热水循环管道离心泵", ["格兰富", "威乐", "南方泵业"], True, pages[2], "离心泵")
    w.para("二、技术要求")
    w.para("1.热泵机组应符合《低环境温度空气源热泵（冷水）机组 第1部分：工业或商业用及类似用途的热泵（冷水）机组》GB/T 25127.1-2020的要求。")
    t.std("GB/T 25127.1-2020", w.page, "national")
    w.para("2.水泵能效应满足GB 19762-2007《清水离心泵能效限定值及节能评价值》。")
    t.std("GB 19762-2007", w.page, "national")
    w.para("3.保温水箱卫生性能应符合GB/T 17219的要求。")
    t.std("GB/T 17219", w.page, "national")
    boiler.contract(w, "第五章 拟签订的合同文本")
    boiler.forms(w, "第六章 响应文件格式", "供应商")
    w.para("说明：本文件中凡出现的品牌、型号均为参考，供应商可选用同等档次及以上的产品。")
    return t


# -- C04: 询价通知书, running agency header, prose lists under numbered headings, 大写 with ¥ ---------

def c04(w: Writer) -> Tender:
    t = Tender("C04_询价_排涝泵站.pdf", "询价", "2026-03-05", {
        "name": "萧山区义南排涝泵站水泵机组更新采购项目", "code": "XSCG-2026-XJ008", "purchaser": "杭州市萧山区农业农村局",
        "agency": "杭州湘湖采购咨询有限公司", "budget_yuan": 1680000, "funding": "财政资金", "field": "水利水务"},
        notes="询价通知书：每页页眉为代理机构名称、页脚“- n -”；预算为大写加¥；公告末尾单独一行“2026-03-05”；"
              "推荐品牌写在编号标题下的正文中，列表跨行；中英文品牌；离心泵列表无有效目录产品（FS101）；控制柜无目录同类；"
              "启闭机仅列两家（FS102）；财政资金低于限额未提首台套（FS401+FS402）")
    w.title("萧山区义南排涝泵站水泵机组更新采购项目")
    w.title("询 价 通 知 书", 24)
    w.para("采购编号：XSCG-2026-XJ008")
    w.page_break()
    w.heading("一、询价公告")
    w.para("杭州湘湖采购咨询有限公司受杭州市萧山区农业农村局委托，就萧山区义南排涝泵站水泵机组更新采购项目进行询价采购，"
           "欢迎符合条件的供应商参加报价。")
    w.para("（一）项目名称：萧山区义南排涝泵站水泵机组更新采购项目")
    w.para("（二）采购编号：XSCG-2026-XJ008")
    w.para("（三）采购预算：人民币壹佰陆拾捌万元整（¥1,680,000.00）")
    w.para("（四）资金来源：财政资金")
    w.para("（五）报价截止时间：2026年3月16日14:00")
    w.para("采购人：杭州市萧山区农业农村局")
    w.para("杭州湘湖采购咨询有限公司")
    w.para("2026-03-05")
    w.page_break()
    boiler.instructions(w, "二、供应商须知", **GP)
    w.heading("三、采购内容及技术要求")
    w.para("3.1 总体要求")
    w.para("本次采购立式轴流泵机组4台套及配套电气控制设备，供应商负责供货、安装、调试及旧设备拆除。")
    w.para("3.2 立式混流离心泵")
    w.para("（1）▲设计流量：2.5m3/s；设计扬程：6.5m；")
    w.para("（2）配套电机功率：250kW，防护等级IP55；")
    p = w.para("（3）推荐品牌：格兰富（Grundfos）、威乐（Wilo）、凯泉、新界泵业、南方泵业、利欧泵业、上海连成、东方泵业或同等档次产品；")
    t.brand_list("立式混流离心泵", ["格兰富(Grundfos)", "威乐(Wilo)", "凯泉", "新界泵业", "南方泵业", "利欧泵业", "上海连成", "东方泵业"], True, p, "离心泵")
    w.para("（4）水泵效率应不低于GB 19762-2007规定的节能评价值。")
    t.std("GB 19762-2007", w.page, "national")
    w.para("3.3 电气控制柜")
    w.para("（1）低压控制柜采用抽屉式结构，主要元器件推荐品牌：施耐德（Schneider）、ABB、西门子（Siemens）或相当于。")
    t.brand_list("电气控制柜", ["施耐德(Schneider)", "ABB", "西门子(Siemens)"], True, w.page)
    w.para("（2）柜体防护等级不低于IP54，符合GB/T 7251.1-2023的要求。")
    t.std("GB/T 7251.1-2023", w.page, "national")
    w.para("3.4 卷扬式启闭机")
    w.para("（1）启门力：2×160kN；")
    p = w.para("（2）推荐品牌：江山水工、扬州水工或相当于；")
    t.brand_list("卷扬式启闭机", ["江山水工", "扬州水工"], True, p, "启闭机")
    w.para("（3）启闭机制造应符合SL 41-2018的规定。")
    t.std("SL 41-2018", w.page, "industry")
    boiler.evaluation(w, "四、评审办法", **GP)
    boiler.contract(w, "五、合同主要条款")
    boiler.forms(w, "六、报价文件格式", "供应商")
    return t


# -- C05: 单一来源 for a catalog product: a named supplier, no brand list -----------------------------

def c05(w: Writer) -> Tender:
    t = Tender("C05_单一来源_鼓风机.pdf", "单一来源采购", "2026-01-15", {
        "name": "丽水市污水处理厂曝气鼓风机采购项目", "code": "LSCG-2026-DY002", "purchaser": "丽水市排水有限公司",
        "agency": "丽水瓯江招标咨询有限公司", "budget_yuan": 960000, "funding": "国有资金", "field": "节能环保"},
        notes="单一来源：以首台套目录产品首购为理由，写明拟定供应商而非推荐品牌；日期为封面“2026年1月15日”；页脚“第 n 页 共 m 页”；"
              "无品牌清单；提到首台套（无 FS401/FS402）")
    w.title("丽水市污水处理厂曝气鼓风机采购项目")
    w.title("单一来源采购文件", 24)
    w.para("项目编号：LSCG-2026-DY002")
    w.para("采购人：丽水市排水有限公司")
    w.para("2026年1月15日")
    w.page_break()
    w.heading("第一章 单一来源采购公示")
    w.para("一、项目信息")
    w.para("采购人：丽水市排水有限公司")
    w.para("采购代理机构：丽水瓯江招标咨询有限公司")
    w.para("项目名称：丽水市污水处理厂曝气鼓风机采购项目")
    w.para("预算金额（万元）：96")
    w.para("资金来源：国有资金")
    w.para("采购方式：单一来源采购")
    w.para("二、采用单一来源采购方式的原因及说明：拟采购的空气悬浮离心鼓风机列入《浙江省首台（套）产品推广应用指导目录》，"
           "根据首台套产品推广应用政策，通过单一来源采购方式优先采用首台套产品。")
    t.first_set = True
    w.para("三、拟定供应商名称及地址：丽水瓯峰风机股份有限公司，丽水市莲都区南明山街道绿谷大道188号。")
    w.page_break()
    boiler.instructions(w, "第二章 供应商须知", **GP)
    w.heading("第三章 采购需求")
    w.para("1.空气悬浮离心鼓风机2台，单台风量150m3/min，升压80kPa，整机噪声不大于80dB(A)。")
    w.para("2.产品应符合GB/T 28381-2012《离心鼓风机能效限定值及节能评价值》及JB/T 12781-2016的规定。")
    t.std("GB/T 28381-2012", w.page, "national")
    t.std("JB/T 12781-2016", w.page, "industry")
    t.item_categories["空气悬浮离心鼓风机"] = "鼓风机"
    boiler.contract(w, "第四章 合同主要条款")
    boiler.forms(w, "第五章 响应文件格式", "供应商")
    return t


# -- C06: 框架协议 征集文件: only negatives (不指定品牌, 品牌不限, 投标品牌 column, brand scoring row) ------

def c06(w: Writer) -> Tender:
    t = Tender("C06_框架协议_充电桩.pdf", "框架协议采购", "2026-02-26", {
        "name": "温州市公共机构新能源汽车充电桩框架协议采购项目", "code": "WZZC-2026-KJ005", "purchaser": "温州市机关事务管理局",
        "agency": "温州市政府采购中心", "funding": "财政资金", "field": "新能源汽车"},
        notes="框架协议征集文件：无预算总额（最高限制单价）；本项目不指定品牌、品牌不限、报价表“投标品牌”列、评分项提到品牌——均不是品牌清单；"
              "财政资金新能源汽车未提首台套（FS402）")
    w.title("温州市公共机构新能源汽车充电桩框架协议采购项目")
    w.title("框架协议采购征集文件", 22)
    w.para("征集编号：WZZC-2026-KJ005")
    w.para("征集人：温州市机关事务管理局")
    w.para("2026年2月26日")
    w.page_break()
    w.heading("第一章 征集公告")
    w.para("项目名称：温州市公共机构新能源汽车充电桩框架协议采购项目")
    w.para("项目编号：WZZC-2026-KJ005")
    w.para("采购人：温州市机关事务管理局")
    w.para("采购代理机构：温州市政府采购中心")
    w.para("采购方式：框架协议采购（封闭式）")
    w.para("最高限制单价：交流充电桩8000元/台，直流充电桩60000元/台。")
    w.para("资金来源：财政资金")
    w.para("本项目不指定品牌，入围供应商所供产品应满足采购需求中的技术要求。")
    boiler.instructions(w, "第二章 供应商须知", **GP)
    w.heading("第三章 采购需求")
    rows = [["序号", "产品名称", "主要技术要求", "品牌"],
            ["1", "7kW交流充电桩", "单枪，IP54，支持刷卡及扫码", "不限"],
            ["2", "120kW直流充电桩", "双枪，输出电压200-1000V", "品牌不限"]]
    w.table(rows, [34, 110, 220, 80])
    w.para("充电桩应符合GB/T 18487.1-2023和NB/T 33008.1-2018的要求。")
    t.std("GB/T 18487.1-2023", w.page, "national")
    t.std("NB/T 33008.1-2018", w.page, "industry")
    w.heading("第四章 评审办法")
    rows = [["评审项", "评审标准", "分值"],
            ["产品品牌及质量", "所投产品品牌知名度高、质量可靠的得3-5分，一般的得0-2分", "5"],
            ["售后服务", "服务网点覆盖全市的得5分", "5"],
            ["报价", "最低有效报价为基准价", "90"]]
    w.table(rows, [100, 280, 50])
    boiler.evaluation(w, "评审程序", **GP)
    boiler.contract(w, "第五章 框架协议文本", 8)
    w.heading("第六章 响应文件格式")
    rows = [["序号", "产品名称", "投标品牌", "规格型号", "单价（元）"],
            ["1", "7kW交流充电桩", "", "", ""],
            ["2", "120kW直流充电桩", "", "", ""]]
    w.table(rows, [34, 120, 100, 100, 80])
    boiler.forms(w, "其他格式", "供应商")
    return t


# -- C07: 公开招标 goods, two-column cover, standards of every kind, Q/ of a named producer ------------

def c07(w: Writer) -> Tender:
    t = Tender("C07_公开招标_变配电.pdf", "公开招标", "2026-03-05", {
        "name": "嘉兴港区110kV变电站配套配电设备采购项目", "code": "JXGQ-2026-GK031", "purchaser": "嘉兴港区开发建设有限公司",
        "agency": "嘉兴南湖招标代理有限公司", "budget_yuan": 8860000, "funding": "国有资金", "field": "电力"},
        notes="公开招标货物：两栏封面；标准为全角、题名在前、代码在前、无年份、DB33/T、T/CECS、企业标准 Q/ 写明外省生产企业（FS201）；"
              "环网柜列表三家均非目录产品（FS101）；业绩有首台套视同条款（无 FS301）；首台套已提及（无 FS402）")
    w.space(100)
    w.title("嘉兴港区110kV变电站配套配电设备采购项目", 17)
    w.title("公开招标文件", 26)
    w.space(50)
    w.columns(["采购人：嘉兴港区开发建设有限公司", "项目编号：JXGQ-2026-GK031"], ["采购代理机构：嘉兴南湖招标代理有限公司", "2026年3月5日"])
    w.page_break()
    w.heading("第一章 公开招标公告")
    w.para("项目编号：JXGQ-2026-GK031")
    w.para("项目名称：嘉兴港区110kV变电站配套配电设备采购项目")
    w.para("预算金额：8,860,000.00元")
    w.para("资金来源：国有资金")
    w.para("采购方式：公开招标")
    w.para("开标时间：2026年3月27日9:30")
    w.para("二、申请人的资格要求")
    p = w.para("3.本项目的特定资格要求：投标人须具有2021年1月1日以来同类配电设备供货业绩不少于2项。列入《浙江省首台（套）产品推广应用指导目录》"
               "且在有效期内的产品，视同已具备上述业绩要求。")
    t.equivalence = True
    t.first_set = True
    t.perf(p, "qual")
    boiler.instructions(w, "第二章 投标人须知", **WORKS)
    w.page_break()
    w.heading("第三章 采购需求")
    rows = [["序号", "货物名称", "数量", "推荐品牌（或相当于）"],
            ["1", "SCB14型干式变压器", "4台", "东变、ABB、施耐德"],
            ["2", "10kV环网柜", "12面", "西门子、伊顿、ABB"],
            ["3", "低压开关柜", "36面", "不限"]]
    pages = w.table(rows, [34, 150, 60, 200])
    t.brand_list("SCB14型干式变压器", ["东变", "ABB", "施耐德"], True, pages[1], "干式变压器")
    t.brand_list("10kV环网柜", ["西门子", "伊顿", "ABB"], True, pages[2], "环网柜")
    w.para("技术要求")
    w.para("1.SCB14型干式变压器")
    w.para("（1）▲能效等级应达到ＧＢ　２００５２－２０２０规定的1级能效；")
    t.std("GB 20052-2020", w.page, "national")
    w.para("（2）绝缘耐热等级H级，温升限值按ＧＢ／Ｔ　１０９４．１１－２０２２执行；")
    t.std("GB/T 1094.11-2022", w.page, "national")
    p = w.para("（3）铁心制造工艺还应符合江苏华科变压器有限公司企业标准Q/HKBY 006-2023的要求。")
    t.std("Q/HKBY 006-2023", p, "enterprise", "SCB14型干式变压器", "江苏华科变压器有限公司", "干式变压器")
    w.para("2.10kV环网柜")
    w.para("（1）符合DL/T 404-2018《3.6kV～40.5kV户内交流金属封闭开关设备和控制设备》；")
    t.std("DL/T 404-2018", w.page, "industry")
    w.para("（2）二次回路设计参照T/CECS 1027-2022；")
    t.std("T/CECS 1027-2022", w.page, "group")
    w.para("3.安装验收")
    w.para("引用标准：GB 50150-2016 电气装置安装工程电气设备交接试验标准；GB 50171-2012 电气装置安装工程盘、柜及二次回路接线施工及验收规范；"
           "DB33/T 1227-2020 浙江省配电网工程建设技术规范。")
    for code, kind in (("GB 50150-2016", "national"), ("GB 50171-2012", "national"), ("DB33/T 1227-2020", "local")):
        t.std(code, w.page, kind)
    boiler.evaluation(w, "第四章 评标办法", **WORKS)
    boiler.contract(w, "第五章 合同条款")
    boiler.forms(w, "第六章 投标文件格式")
    return t


# -- C08: DOCX 公开招标 medical: brand table with English alternates, 2-brand list, exclusion ----------

def c08(w: Writer) -> Tender:
    t = Tender("C08_公开招标_医学影像.docx", "公开招标", "2026-03-02", {
        "name": "湖州市第一人民医院医学影像设备购置项目", "code": "HZYY-2026-GK012", "purchaser": "湖州市第一人民医院",
        "agency": "湖州太湖招标咨询有限公司", "budget_yuan": 15200000, "funding": "财政资金", "field": "医疗设备"},
        notes="DOCX 公开招标：需求表参考品牌列带英文名；CT 列表含目录产品（不报）；生化分析仪只两家且无相当条款（FS102+FS103）；"
              "资格业绩（FS301）；不接受样机（FS302）；财政资金医疗设备未提首台套（FS402）")
    w.title("湖州市第一人民医院医学影像设备购置项目")
    w.title("公开招标采购文件")
    w.para("项目编号：HZYY-2026-GK012")
    w.para("发布日期：2026年3月2日")
    w.heading("第一章 招标公告")
    w.para("项目名称：湖州市第一人民医院医学影像设备购置项目")
    w.para("采购方式：公开招标")
    w.para("预算金额（元）：15,200,000.00")
    w.para("资金来源：财政拨款")
    w.para("采购人名称：湖州市第一人民医院")
    w.para("采购代理机构名称：湖州太湖招标咨询有限公司")
    w.para("开标时间：2026年3月24日 09:00")
    w.heading("申请人的资格要求")
    w.para("1.满足《中华人民共和国政府采购法》第二十二条规定。")
    w.para("2.本项目的特定资格要求：供应商须提供近三年同类产品销售业绩不少于3项（提供合同复印件）。")
    t.perf(None, "qual")
    boiler.instructions(w, "第二章 投标人须知", **GP)
    w.heading("第三章 采购需求")
    rows = [["序号", "设备名称", "数量", "参考品牌", "备注"],
            ["1", "128排螺旋CT", "1台", "西门子医疗（Siemens Healthineers）、联影、南湖医疗或相当于", ""],
            ["2", "数字化X射线摄影系统", "2台", "飞利浦（Philips）、锐珂（Carestream）、万东或相当于", ""],
            ["3", "全自动生化分析仪", "1台", "罗氏（Roche）、贝克曼（Beckman Coulter）", ""]]
    w.table(rows, [30, 110, 40, 220, 40])
    t.brand_list("128排螺旋CT", ["西门子医疗(Siemens Healthineers)", "联影", "南湖医疗"], True, None, "CT机")
    t.brand_list("数字化X射线摄影系统", ["飞利浦(Philips)", "锐珂(Carestream)", "万东"], True, None)
    t.brand_list("全自动生化分析仪", ["罗氏(Roche)", "贝克曼(Beckman Coulter)"], False, None)
    w.para("设备须为已取得医疗器械注册证的定型产品，不接受样机或试制品投标。")
    t.exclusion(None)
    w.para("医用电气设备应符合GB 9706.1-2020及YY/T 0310-2015的规定。")
    t.std("GB 9706.1-2020", None, "national")
    t.std("YY/T 0310-2015", None, "industry")
    boiler.evaluation(w, "第四章 评标办法", **GP)
    boiler.contract(w, "第五章 合同条款")
    boiler.forms(w, "第六章 投标文件格式", "供应商")
    return t


# -- C09: 竞争性谈判, list wrapped over a page break, 首台套 priority stated -------------------------------

def c09(w: Writer) -> Tender:
    t = Tender("C09_竞争性谈判_水闸.pdf", "竞争性谈判", "2026-02-12", {
        "name": "衢江区沙湾水闸启闭设备更新项目", "code": "QJSL-2026-TP004", "purchaser": "衢州市衢江区水利局",
        "agency": "衢州信安招标代理有限公司", "budget_yuan": 3850000, "funding": "财政资金", "field": "水利水务"},
        notes="竞争性谈判：页脚只有页码；最高限价（元）：3,850,000.00；推荐品牌清单从一页末尾折到下一页；首台套产品同等条件下优先（无 FS401/FS402）；"
              "启闭机列表含目录产品（不报）")
    w.title("衢江区沙湾水闸启闭设备更新项目")
    w.title("竞争性谈判文件", 24)
    w.para("项目编号：QJSL-2026-TP004")
    w.para("采购人：衢州市衢江区水利局")
    w.para("采购代理机构：衢州信安招标代理有限公司")
    w.para("2026年2月12日")
    w.page_break()
    w.heading("第一章 谈判公告")
    w.para("项目名称：衢江区沙湾水闸启闭设备更新项目")
    w.para("采购方式：竞争性谈判")
    w.para("最高限价（元）：3,850,000.00")
    w.para("资金来源：一般公共预算资金")
    w.para("首台（套）产品在同等条件下优先采购。")
    t.first_set = True
    boiler.instructions(w, "第二章 供应商须知", **GP)
    w.heading("第三章 采购需求")
    w.para("1.卷扬式启闭机")
    w.para("（1）启闭力：2×400kN，扬程9m；")
    w.para("（2）启闭机设计、制造应符合SL 41-2018和DL/T 5019-2016的规定；")
    t.std("SL 41-2018", w.page, "industry")
    t.std("DL/T 5019-2016", w.page, "industry")
    # Fill the page so the brand list starts on its last line and wraps onto the next page.
    while isinstance(w, PdfWriter) and w.y + 10.5 * 1.55 * 2 <= 842 - w.margin:
        w.para("（说明）启闭机安装时应复核闸门门槽尺寸及预埋件位置。")
    p = w.para("（3）推荐品牌：江山水工、常州武进水工机械、扬州水利机械、宁波甬江水工、杭州钱塘水工、湖北华电机械或相当于（须经采购人确认）。")
    t.brand_list("卷扬式启闭机", ["江山水工", "常州武进水工机械", "扬州水利机械", "宁波甬江水工", "杭州钱塘水工", "湖北华电机械"], True, p, "启闭机")
    w.para("2.闸门控制系统")
    w.para("（1）PLC控制，具备远程监控功能；")
    w.para("（2）主要元器件推荐品牌：施耐德、西门子、罗克韦尔或同等档次；")
    t.brand_list("闸门控制系统", ["施耐德", "西门子", "罗克韦尔"], True, w.page)
    boiler.evaluation(w, "第四章 谈判程序及评审办法", **GP)
    boiler.contract(w, "第五章 合同主要条款")
    boiler.forms(w, "第六章 响应文件格式", "供应商")
    return t


# -- C10: 询价 DOCX, one-brand list, 二〇二六 date in the announcement ---------------------------------

def c10(w: Writer) -> Tender:
    t = Tender("C10_询价_机房空调.docx", "询价", "2026-01-20", {
        "name": "舟山市档案馆机房精密空调及冷源更新项目", "code": "ZSCG-2026-XJ003", "purchaser": "舟山市档案馆",
        "agency": "舟山海天招标代理有限公司", "budget_yuan": 860000, "funding": "财政资金", "field": "基础设施"},
        notes="询价 DOCX：公告日期为“二〇二六年一月二十日”；冷水机组只推荐一个品牌且无相当条款（FS102+FS103），该品牌为目录产品；"
              "精密空调列表；财政资金基础设施（空调）未提首台套（FS401+FS402）")
    w.title("舟山市档案馆机房精密空调及冷源更新项目询价文件")
    w.para("项目编号：ZSCG-2026-XJ003")
    w.para("采购单位：舟山市档案馆")
    w.para("二〇二六年一月二十日")
    w.heading("询价公告")
    w.para("舟山海天招标代理有限公司受舟山市档案馆委托，对舟山市档案馆机房精密空调及冷源更新项目以询价方式进行采购。")
    w.para("采购方式：询价")
    w.para("采购预算：86万元")
    w.para("资金来源：财政资金")
    boiler.instructions(w, "供应商须知", **GP)
    w.heading("采购需求")
    rows = [["序号", "品名", "技术参数", "数量", "推荐品牌"],
            ["1", "风冷模块式冷水机组", "制冷量≥130kW，R410A", "2台", "瓯冷"],
            ["2", "机房精密空调", "制冷量≥40kW，下送风", "4台", "艾默生（Emerson）、佳力图、依米康或相当于"]]
    w.table(rows, [30, 110, 150, 40, 150])
    t.brand_list("风冷模块式冷水机组", ["瓯冷"], False, None, "冷水机组")
    t.brand_list("机房精密空调", ["艾默生(Emerson)", "佳力图", "依米康"], True, None)
    w.para("机房环境应符合GB 50174-2017的要求。")
    t.std("GB 50174-2017", None, "national")
    boiler.evaluation(w, "评审办法", **GP)
    boiler.contract(w, "合同主要条款", 8)
    boiler.forms(w, "报价文件格式", "供应商")
    return t


# -- C11: 公开招标 energy: slash lists, international standards, no-exemption exclusion --------------

def c11(w: Writer) -> Tender:
    t = Tender("C11_公开招标_储能电站.pdf", "公开招标", "2026-03-10", {
        "name": "长兴县工业园区用户侧储能电站设备采购项目", "code": "CXNY-2026-GK015", "purchaser": "长兴县综合能源服务有限公司",
        "agency": "湖州长兴招标有限公司", "budget_yuan": 21000000, "funding": "国有资金", "field": "能源"},
        notes="公开招标：“参考品牌：A/B/C（或同档次）”斜线分隔；国际标准 IEC/ISO；“须为具有3年以上成功运行业绩的成熟产品”无首台套除外（FS302）；"
              "评分项提到推荐品牌（非清单）；国有资金能源未提首台套（FS402）")
    w.title("长兴县工业园区用户侧储能电站设备采购项目")
    w.title("招标文件", 24)
    w.para("招标编号：CXNY-2026-GK015")
    w.para("2026年3月10日")
    w.page_break()
    w.heading("第一章 招标公告")
    w.para("1.招标条件：长兴县工业园区用户侧储能电站设备采购项目已具备招标条件，现进行公开招标。")
    w.para("2.项目名称：长兴县工业园区用户侧储能电站设备采购项目")
    w.para("3.招标人：长兴县综合能源服务有限公司")
    w.para("4.招标代理机构：湖州长兴招标有限公司")
    w.para("5.资金来源：国有企业自筹资金")
    w.para("6.最高投标限价：2100万元")
    boiler.instructions(w, "第二章 投标人须知", **WORKS)
    w.heading("第三章 技术规范书")
    w.para("1.储能变流器")
    w.para("（1）额定功率500kW，转换效率≥98.5%；")
    p = w.para("（2）参考品牌：阳光电源/科华数据/上能电气（或同档次）；")
    t.brand_list("储能变流器", ["阳光电源", "科华数据", "上能电气"], True, p)
    w.para("（3）应符合GB/T 34120-2017及IEC 62477-1:2022的要求。")
    t.std("GB/T 34120-2017", w.page, "national")
    t.std("IEC 62477-1:2022", w.page, "international")
    w.para("2.磷酸铁锂电池舱")
    p = w.para("（1）参考品牌：宁德时代/比亚迪/亿纬锂能（或同档次）；")
    t.brand_list("磷酸铁锂电池舱", ["宁德时代", "比亚迪", "亿纬锂能"], True, p)
    w.para("（2）电池应满足GB/T 36276-2023，消防设计满足GB 51048-2014。")
    t.std("GB/T 36276-2023", w.page, "national")
    t.std("GB 51048-2014", w.page, "national")
    p = w.para("（3）所投电池舱须为具有3年以上成功运行业绩的成熟产品，不接受试制品。")
    t.exclusion(p)
    w.para("（4）制造商质量管理体系应通过ISO 9001:2015认证。")
    t.std("ISO 9001:2015", w.page, "international")
    w.heading("第四章 评标办法")
    rows = [["评分因素", "评分标准", "分值"],
            ["设备品牌", "投标设备为招标文件推荐品牌的得3分，其他品牌经评审相当的得2分", "3"],
            ["技术响应", "全部满足得20分，每负偏离一项扣2分", "20"]]
    w.table(rows, [90, 300, 40])
    boiler.evaluation(w, "评标程序", **WORKS)
    boiler.contract(w, "第五章 合同条款")
    boiler.forms(w, "第六章 投标文件格式")
    return t


# -- C12: 竞争性磋商, expired catalog product in a list, newline-separated brands in cells --------------

def c12(w: Writer) -> Tender:
    t = Tender("C12_竞争性磋商_换热站.pdf", "竞争性磋商", "2026-03-12", {
        "name": "嵊州市燃气锅炉房换热站改造项目", "code": "SZRQ-2026-CS007", "purchaser": "嵊州市城市燃气有限公司",
        "agency": "绍兴越州招标代理有限公司", "budget_yuan": 1800000, "funding": "国有资金", "field": "能源"},
        notes="竞争性磋商：单元格内品牌换行分隔；表格跨页且不重复表头；板式换热器列表唯一目录产品已过有效期（FS101+FS104）；"
              "国有资金、低于限额、未提首台套（FS401+FS402）；评分业绩（FS301）")
    w.title("嵊州市燃气锅炉房换热站改造项目")
    w.title("竞争性磋商文件", 24)
    w.para("项目编号：SZRQ-2026-CS007")
    w.para("采购人：嵊州市城市燃气有限公司")
    w.para("采购代理机构：绍兴越州招标代理有限公司")
    w.para("2026年3月12日")
    w.page_break()
    w.heading("第一章 磋商公告")
    w.para("项目名称：嵊州市燃气锅炉房换热站改造项目")
    w.para("采购方式：竞争性磋商")
    w.para("采购预算：180万元")
    w.para("资金来源：国有资金")
    w.para("响应文件提交截止时间：2026年3月24日14:00")
    boiler.instructions(w, "第二章 供应商须知", **GP)
    w.heading("第三章 评审办法")
    rows = [["评审项目", "评审标准", "分值"],
            ["企业业绩", "供应商2023年1月1日以来完成的同类换热站项目业绩，每提供1个得1分，最高得3分", "3"],
            ["技术方案", "方案完整合理的得10-15分", "15"]]
    t.perf(w.table(rows, [90, 300, 40])[1], "scoring")
    boiler.evaluation(w, "评审程序", **GP)
    w.heading("第四章 采购需求")
    for n in range(1, 22):
        w.para(f"{n}.现场条件：换热站位于锅炉房东侧，供应商应自行踏勘现场，报价包含拆除、运输及恢复费用（第{n}项）。")
    rows = [["序号", "名称", "规格", "数量", "推荐品牌"],
            ["1", "板式换热器", "换热量2.8MW", "3台", "定远\n阿法拉伐\n舒瑞普"],
            ["2", "热网循环泵", "Q=280m3/h", "3台", "鹿泵\n格兰富\n威乐"],
            ["3", "全自动软水器", "出水量10t/h", "1套", "/"]]
    pages = w.table(rows, [30, 110, 120, 50, 140])
    t.brand_list("板式换热器", ["定远", "阿法拉伐", "舒瑞普"], True, pages[1], "换热器")
    t.brand_list("热网循环泵", ["鹿泵", "格兰富", "威乐"], True, pages[2])
    w.para("注：推荐品牌仅供参考，可选用同等档次及以上产品。")
    w.para("换热器应符合NB/T 47004.1-2017的要求。")
    t.std("NB/T 47004.1-2017", w.page, "industry")
    boiler.contract(w, "第五章 合同主要条款")
    boiler.forms(w, "第六章 响应文件格式", "供应商")
    return t


# -- C13: construction, brands in a 前附表 row as item sublists, "X品牌：" prose, "等品牌", exempt exclusion --

def c13(w: Writer) -> Tender:
    t = Tender("C13_施工招标_综合楼机电.pdf", "公开招标", "2026-02-27", {
        "name": "义乌市国际商贸城配套综合楼机电工程", "code": "YWJS-2026-SG011", "purchaser": "义乌市市场发展集团有限公司",
        "agency": "金华金义工程咨询有限公司", "budget_yuan": 31680000, "funding": "国有资金", "field": None},
        notes="施工招标：前附表“主要材料设备品牌”一行内按设备分列品牌；正文“冷却塔品牌：…或同等档次”“推荐采用…等品牌（或同档次）”；"
              "只有“不得将特定行政区域业绩作为加分条件”的业绩否定句（无业绩要求）；新产品排除句带首台套除外（不报 FS302）；"
              "电梯列表含目录产品；冷水机组三家非目录（FS101）；商业综合楼不属重点领域")
    w.space(160)
    w.title("义乌市国际商贸城配套综合楼", 20)
    w.title("机电工程", 20)
    w.title("招 标 文 件", 26)
    w.space(80)
    w.title("招标编号：YWJS-2026-SG011", 12)
    w.title("2026年2月27日", 12)
    w.page_break()
    w.heading("第一章 招标公告")
    w.para("本招标项目义乌市国际商贸城配套综合楼机电工程已批准建设，招标人为义乌市市场发展集团有限公司，建设资金来自国有资金，"
           "现对该项目的施工进行公开招标。")
    w.para("招标代理机构：金华金义工程咨询有限公司")
    w.para("最高投标限价：3168万元")
    boiler.instructions(w, "第二章 投标人须知", **WORKS)
    w.page_break()
    w.heading("投标人须知前附表（摘录）")
    rows = [["条款号", "条款名称", "编列内容"],
            ["1.1.4", "项目名称", "义乌市国际商贸城配套综合楼机电工程"],
            ["1.2.1", "资金来源", "国有资金"],
            ["1.4.2", "业绩要求", "无"],
            ["1.9.1", "主要材料设备品牌", "电梯：椒梯、日立、通力；冷水机组：开利、约克、麦克维尔"]]
    pages = w.table(rows, [60, 120, 270])
    t.brand_list("电梯", ["椒梯", "日立", "通力"], True, pages[4], "电梯")
    t.brand_list("冷水机组", ["开利", "约克", "麦克维尔"], True, pages[4], "冷水机组")
    w.para("说明：前附表所列品牌为推荐品牌，投标人可选用不低于其档次的其他品牌，但须在投标文件中列明。")
    w.para("不得将特定行政区域或者特定行业的业绩作为加分条件。")
    boiler.evaluation(w, "第三章 评标办法", **WORKS)
    w.page_break()
    w.heading("第七章 技术标准和要求")
    w.para("7.1 空调冷却塔")
    p = w.para("冷却塔品牌：良机、马利、金日或同等档次。")
    t.brand_list("冷却塔", ["良机", "马利", "金日"], True, p)
    w.para("7.2 给水设备")
    p = w.para("二次供水设备推荐采用威派格、格兰富、凯泉等品牌（或同档次）。")
    t.brand_list("二次供水设备", ["威派格", "格兰富", "凯泉"], True, p)
    p = w.para("7.3 不接受未经工程应用的新研制产品，但列入浙江省首台（套）产品推广应用指导目录的产品不受此限。")
    t.exclusion(p, exempt=True)
    t.first_set = True
    w.para("7.4 执行标准：《通风与空调工程施工质量验收规范》GB 50243-2016；《电梯工程施工质量验收规范》GB 50310-2002；"
           "《建筑给水排水及采暖工程施工质量验收规范》GB 50242-2002；《民用建筑电气设计标准》GB 51348-2019。")
    for code in ("GB 50243-2016", "GB 50310-2002", "GB 50242-2002", "GB 51348-2019"):
        t.std(code, w.page, "national")
    boiler.contract(w, "第四章 合同条款")
    boiler.forms(w, "第八章 投标文件格式")
    return t


# -- C14: 询价 with a long brand list wrapping inside a narrow cell, a catalog producer's Q/ standard --------

def c14(w: Writer) -> Tender:
    t = Tender("C14_询价_供水泵房.pdf", "询价", "2026-02-03", {
        "name": "海宁市尖山新区供水加压泵房设备采购项目", "code": "HNSW-2026-XJ006", "purchaser": "海宁市水务集团有限公司",
        "agency": "嘉兴禾信招标有限公司", "budget_yuan": 2360000, "funding": "国有资金", "field": "水利水务"},
        notes="询价：封面无日期、公告“发布时间：2026年2月3日”；标题分两行；预算以“采购预算（大写）”给出；"
              "窄单元格内长品牌清单自动换行；引用目录企业（曹娥泵业）的企业标准（不报 FS201）；全角标准号；"
              "离心泵清单含有效目录产品；国有资金低于限额未提首台套（FS401+FS402）；资格业绩（FS301）")
    w.space(150)
    w.title("海宁市尖山新区供水加压泵房", 20)
    w.title("设备采购项目", 20)
    w.title("询价文件", 26)
    w.page_break()
    w.heading("第一部分 询价公告")
    w.para("项目名称：海宁市尖山新区供水加压泵房设备采购项目")
    w.para("项目编号：HNSW-2026-XJ006")
    w.para("采购人：海宁市水务集团有限公司")
    w.para("采购代理机构：嘉兴禾信招标有限公司")
    w.para("采购方式：询价")
    w.para("采购预算（大写）：人民币贰佰叁拾陆万元整")
    w.para("资金来源：国有企业自有资金")
    w.para("报价截止时间：2026年2月14日10:00")
    w.para("发布时间：2026年2月3日")
    p = w.para("供应商资格要求：具有独立承担民事责任的能力；须具备近三年供水泵站设备供货业绩不少于2项。")
    t.perf(p, "qual")
    boiler.instructions(w, "第二部分 供应商须知", **GP)
    w.page_break()
    w.heading("第三部分 采购需求")
    rows = [["序号", "货物名称", "参数", "数量", "推荐品牌"],
            ["1", "卧式中开离心泵", "Q=500m3/h,H=45m", "3台", "曹娥泵业、格兰富、威乐、凯泉、新界、南方泵业、利欧、东方或相当于"],
            ["2", "变频控制柜", "110kW", "3套", "ABB、丹佛斯、施耐德或相当于"],
            ["3", "电动葫芦", "5t", "1台", "不指定"]]
    pages = w.table(rows, [30, 90, 110, 40, 110])
    t.brand_list("卧式中开离心泵", ["曹娥泵业", "格兰富", "威乐", "凯泉", "新界", "南方泵业", "利欧", "东方"], True, pages[1], "离心泵")
    t.brand_list("变频控制柜", ["ABB", "丹佛斯", "施耐德"], True, pages[2])
    w.para("技术要求：")
    w.para("1.卧式中开离心泵")
    p = w.para("（1）水泵应符合ＧＢ／Ｔ　５６５７－２０１３，并符合绍兴曹娥泵业股份有限公司企业标准Q/CEBY 003-2024的性能要求；")
    t.std("GB/T 5657-2013", p, "national")
    t.std("Q/CEBY 003-2024", p, "enterprise", "卧式中开离心泵", "绍兴曹娥泵业股份有限公司", "离心泵")
    w.para("（2）泵组安装执行GB 50275-2010。")
    t.std("GB 50275-2010", w.page, "national")
    boiler.evaluation(w, "第四部分 评审办法", **GP)
    boiler.contract(w, "第五部分 合同主要条款")
    boiler.forms(w, "第六部分 报价文件格式", "供应商")
    return t


# -- Second round: styles the first corpus did not cover ------------------------------------------
# C15: borderless goods list (columns aligned by position, no ruling), "；"-separated brands with the
# producer in brackets, full-width Latin brands, a cover date written with spaces.

def c15(w: Writer) -> Tender:
    t = Tender("C15_公开招标_配电设备_无框表.pdf", "公开招标", "2026-03-05", {
        "name": "温岭市东部新区10kV开闭所配电设备采购项目", "code": "WLCG-2026-GK031", "purchaser": "温岭市东部新区建设发展中心",
        "agency": "台州三门湾招标代理有限公司", "budget_yuan": 5200000, "funding": "财政资金", "field": "电力"},
        notes="公开招标货物：封面“日期：2026 年 3 月 5 日”带空格、开标日期在后；采购清单为无框线表（列靠位置对齐，无任何线）；"
              "品牌以“；”分隔且带括号写生产企业全称；全角英文品牌；离心泵列表唯一目录产品只以括号内企业全称出现（不报 FS101）；"
              "干式变压器三家均非目录产品（FS101）；资格业绩无视同条款（FS301）；财政资金电力未提首台套（FS402）")
    w.space(120)
    w.title("温岭市东部新区10kV开闭所配电设备采购项目", 18)
    w.title("公开招标文件", 26)
    w.space(60)
    w.title("项目编号：WLCG-2026-GK031", 12)
    w.title("采购人：温岭市东部新区建设发展中心", 12)
    w.title("采购代理机构：台州三门湾招标代理有限公司", 12)
    w.title("日期：2026 年 3 月 5 日", 12)
    w.page_break()
    w.heading("第一章 公开招标公告")
    w.para("项目名称：温岭市东部新区10kV开闭所配电设备采购项目")
    w.para("采购方式：公开招标")
    w.para("预算金额：520万元")
    w.para("资金来源：财政资金")
    w.para("开标时间：2026 年 3 月 27 日 9:30")
    p = w.para("供应商特定资格要求：供应商须具有近三年内10kV及以上开闭所配电设备供货业绩不少于2项。")
    t.perf(p, "qual")
    boiler.instructions(w, "第二章 投标人须知", **GP)
    w.page_break()
    w.heading("第三章 采购需求")
    w.para("一、采购清单")
    rows = [["序号", "货物名称", "数量", "推荐品牌"],
            ["1", "干式变压器", "2台", "ＡＢＢ；西门子；施耐德"],
            ["2", "消防稳压离心泵", "2台", "曹娥（绍兴曹娥泵业股份有限公司）；格兰富；威乐"],
            ["3", "低压开关柜", "6面", "正泰（浙江正泰电器股份有限公司）；良信（上海良信电器股份有限公司）；德力西"],
            ["4", "电缆分支箱", "4个", "不限"]]
    pages = w.table(rows, [30, 110, 40, 270], size=10, rules="none")
    t.brand_list("干式变压器", ["ABB", "西门子", "施耐德"], True, pages[1], "干式变压器")
    t.brand_list("消防稳压离心泵", ["曹娥(绍兴曹娥泵业股份有限公司)", "格兰富", "威乐"], True, pages[2], "离心泵")
    t.brand_list("低压开关柜", ["正泰(浙江正泰电器股份有限公司)", "良信(上海良信电器股份有限公司)", "德力西"], True, pages[3])
    w.para("注：以上推荐品牌仅供参考，投标人可选用性能不低于推荐品牌的同档次产品。")
    w.para("二、技术要求")
    w.para("1.干式变压器应符合GB/T 1094.11-2022《电力变压器 第11部分：干式变压器》及GB 20052-2024的能效要求。")
    t.std("GB/T 1094.11-2022", w.page, "national")
    t.std("GB 20052-2024", w.page, "national")
    w.para("2.低压开关柜应符合GB/T 7251.12-2013。")
    t.std("GB/T 7251.12-2013", w.page, "national")
    boiler.evaluation(w, "第四章 评标办法", **GP)
    boiler.contract(w, "第五章 合同主要条款")
    boiler.forms(w, "第六章 投标文件格式", "供应商")
    return t


# -- C16: 竞争性磋商, 三线表 (horizontal rules only), "或"-separated brands, a dotted date, 首台套 named only
#    to say it does not apply -----------------------------------------------------------------------

def c16(w: Writer) -> Tender:
    t = Tender("C16_竞争性磋商_电梯更新_三线表.pdf", "竞争性磋商", "2026-03-05", {
        "name": "嘉善县人民医院门诊楼电梯更新改造项目", "code": "JSCG-2026-CS014", "purchaser": "嘉善县人民医院",
        "agency": "嘉兴善信工程咨询有限公司", "budget_yuan": 2600000, "funding": "财政资金", "field": "基础设施"},
        notes="竞争性磋商：封面无日期，公告末尾“发布日期：2026.03.05”；采购清单为三线表（只有表头上下及表尾横线）；"
              "品牌以“或”分隔；首台套只以“不适用”的否定方式出现；电梯三家均非目录产品（FS101）；热泵列表含有效目录产品；"
              "财政资金、低于限额（FS401）、基础设施（FS402）")
    w.space(150)
    w.title("嘉善县人民医院门诊楼电梯更新改造项目", 18)
    w.title("竞争性磋商文件", 24)
    w.space(80)
    w.title("采购编号：JSCG-2026-CS014", 12)
    w.page_break()
    w.heading("第一章 竞争性磋商公告")
    w.para("一、项目基本情况")
    w.para("项目编号：JSCG-2026-CS014")
    w.para("项目名称：嘉善县人民医院门诊楼电梯更新改造项目")
    w.para("采购方式：竞争性磋商")
    w.para("预算金额：260万元")
    w.para("资金来源：财政资金")
    w.para("二、响应文件提交截止时间：2026.03.18 09:30。")
    w.para("三、采购人：嘉善县人民医院；采购代理机构：嘉兴善信工程咨询有限公司。")
    w.para("本项目采购标的不属于首台（套）产品，不适用首台（套）产品相关政策。")
    w.para("发布日期：2026.03.05")
    w.page_break()
    boiler.instructions(w, "第二章 供应商须知", **GP)
    w.heading("第三章 采购需求")
    w.para("一、采购清单")
    rows = [["序号", "标的名称", "数量", "参考品牌"],
            ["1", "医用病床电梯", "2台", "日立或三菱或通力"],
            ["2", "风冷热泵机组", "2台", "钱塘热能或格力或美的"],
            ["3", "电梯五方对讲系统", "1套", "投标人自选"]]
    pages = w.table(rows, [30, 140, 40, 230], size=10, rules="three")
    t.brand_list("医用病床电梯", ["日立", "三菱", "通力"], True, pages[1], "电梯")
    t.brand_list("风冷热泵机组", ["钱塘热能", "格力", "美的"], True, pages[2], "热泵机组")
    w.para("注：参考品牌仅作档次参考，供应商可选用同等档次及以上的产品。")
    w.para("二、技术要求：电梯应符合GB/T 7588.1-2020及TSG T7001-2023的规定。")
    t.std("GB/T 7588.1-2020", w.page, "national")
    t.std("TSG T7001-2023", w.page, "industry")
    w.para("三、首台电梯安装完成后，供应商应配合采购人进行首台验收，验收合格后方可安装其余电梯。")
    boiler.evaluation(w, "第四章 磋商办法", **GP)
    boiler.contract(w, "第五章 合同主要条款")
    boiler.forms(w, "第六章 响应文件格式", "供应商")
    return t


# -- C17: DOCX with Word automatic numbering, a vertically merged item name over one-brand rows,
#    品牌一/二/三 with an empty column, a nested table ------------------------------------------------

def c17(w: Writer) -> Tender:
    t = Tender("C17_公开招标_空调系统_合并单元格.docx", "公开招标", "2026-02-26", {
        "name": "绍兴市上虞区人民医院空调系统改造工程", "code": "SYYY-2026-GK009", "purchaser": "绍兴市上虞区人民医院",
        "agency": "绍兴舜禹招标代理有限公司", "budget_yuan": 6800000, "funding": "财政资金", "field": "医疗设备"},
        notes="DOCX 公开招标：章节、条款和设备小标题用 Word 自动编号（编号不在段落文字里）；推荐品牌表设备名称单元格纵向合并、"
              "每行一个品牌；品牌一/二/三表有一栏为空（两家，FS102）；嵌套表格内的品牌清单；冷水机组列表含有效目录产品；"
              "评分业绩且有视同条款（无 FS301）；提到首台套（无 FS402）")
    w.title("绍兴市上虞区人民医院空调系统改造工程")
    w.title("招标文件")
    w.para("项目编号：SYYY-2026-GK009")
    w.para("招标人：绍兴市上虞区人民医院")
    w.para("招标代理机构：绍兴舜禹招标代理有限公司")
    w.para("二〇二六年二月二十六日")
    w.page_break()
    w.numbered("招标公告")
    w.numbered("项目名称：绍兴市上虞区人民医院空调系统改造工程", 1)
    w.numbered("招标方式：公开招标", 1)
    w.numbered("招标控制价：680万元", 1)
    w.numbered("资金来源：财政资金", 1)
    w.numbered("投标截止时间：2026年3月19日9:30", 1)
    t.equivalence = True
    t.first_set = True
    w.numbered("评标办法")
    rows = [["评审因素", "评分标准", "分值"],
            ["类似业绩", "近三年医院空调改造工程业绩，每项得2分，最多得6分", "6"],
            ["技术方案", "方案完整合理的得10-15分", "15"]]
    w.table(rows, [100, 280, 50])
    t.perf(None, "scoring")
    w.para("列入《浙江省首台（套）产品推广应用指导目录》且在有效期内的首台（套）产品，视同已具备上述业绩要求。")
    boiler.instructions(w, "投标人须知", **WORKS)
    w.numbered("技术要求")
    w.numbered("冷水机组", 1)
    w.para("制冷量不小于1400kW，满负荷COP不低于6.0。")
    w.numbered("末端设备", 1)
    w.para("风机盘管噪声不大于40dB(A)。")
    w.para("空调系统施工验收执行GB 50243-2016；冷水机组能效应符合GB 19577-2024。")
    t.std("GB 50243-2016", None, "national")
    t.std("GB 19577-2024", None, "national")
    w.numbered("主要设备推荐品牌表")
    rows = [["序号", "设备名称", "推荐品牌"],
            ["1", "磁悬浮变频离心式冷水机组", "瓯冷"],
            ["", "", "开利（Carrier）"],
            ["", "", "特灵（Trane）"],
            ["2", "组合式空调机组", "约克"],
            ["", "", "麦克维尔"],
            ["", "", "克莱门特"]]
    w.table(rows, [40, 200, 200], merges=((0, 1, 3), (1, 1, 3), (0, 4, 6), (1, 4, 6)))
    t.brand_list("磁悬浮变频离心式冷水机组", ["瓯冷", "开利(Carrier)", "特灵(Trane)"], True, None, "冷水机组")
    t.brand_list("组合式空调机组", ["约克", "麦克维尔", "克莱门特"], True, None)
    rows = [["序号", "设备名称", "品牌一", "品牌二", "品牌三"],
            ["1", "冷却水泵", "格兰富", "威乐", ""],
            ["2", "风机盘管", "美的", "格力", "海信"]]
    w.table(rows, [40, 120, 90, 90, 90])
    t.brand_list("冷却水泵", ["格兰富", "威乐"], True, None, "离心泵")
    t.brand_list("风机盘管", ["美的", "格力", "海信"], True, None)
    rows = [["序号", "系统", "主要设备及推荐品牌"],
            ["1", "楼宇自控系统", "TABLE:设备|推荐品牌\nDDC控制器|霍尼韦尔、江森自控、西门子"]]
    w.table(rows, [40, 120, 280])
    t.brand_list("DDC控制器", ["霍尼韦尔", "江森自控", "西门子"], True, None)
    w.para("凡本文件中出现的品牌均为参考品牌，投标人可选用不低于其档次的产品。")
    boiler.contract(w, "合同条款")
    boiler.forms(w, "投标文件格式")
    return t


# -- C18: 单一来源 whose 采购需求 names the catalog product's one brand and model. As in the shared
#    samples' single-source tender (P05: "推荐品牌:康泉。" → FS102 + FS103), one named brand without
#    "或相当于" is a designated brand whatever the method; the value ends at the next field ("型号：") --

def c18(w: Writer) -> Tender:
    t = Tender("C18_单一来源_首购冷水机组.pdf", "单一来源采购", "2026-03-02", {
        "name": "舟山市普陀区政务中心冷水机组首购项目", "code": "PTCG-2026-DY004", "purchaser": "舟山市普陀区机关事务服务中心",
        "agency": "舟山海天招标代理有限公司", "budget_yuan": 1450000, "funding": "财政资金", "field": "节能环保"},
        notes="单一来源：首购目录产品，采购需求写“品牌：瓯冷，型号：OJ-MC800”：与样例 P05 一致，单一品牌无“或相当于”即 FS102+FS103；"
              "日期为公示“2026年3月2日”；提到首台套（无 FS401/FS402）")
    w.title("舟山市普陀区政务中心冷水机组首购项目")
    w.title("单一来源采购文件", 24)
    w.para("项目编号：PTCG-2026-DY004")
    w.page_break()
    w.heading("第一章 单一来源采购公示")
    w.para("采购人：舟山市普陀区机关事务服务中心")
    w.para("采购代理机构：舟山海天招标代理有限公司")
    w.para("项目名称：舟山市普陀区政务中心冷水机组首购项目")
    w.para("采购方式：单一来源采购")
    w.para("预算金额：145万元")
    w.para("资金来源：财政资金")
    w.para("采用单一来源采购方式的理由：拟采购产品列入《浙江省首台（套）产品推广应用指导目录》，依据政府首购制度，"
           "通过单一来源采购方式优先采用首台套产品。")
    t.first_set = True
    w.para("拟定供应商：浙江瓯江制冷设备有限公司。")
    w.para("公示期：2026年3月2日至2026年3月9日。")
    w.page_break()
    boiler.instructions(w, "第二章 供应商须知", **GP)
    w.heading("第三章 采购需求")
    w.para("1.磁悬浮变频离心式冷水机组1台，品牌：瓯冷，型号：OJ-MC800，制冷量不小于2800kW。")
    t.brand_list("磁悬浮变频离心式冷水机组", ["瓯冷"], False, w.page, "冷水机组")
    w.para("2.冷水机组能效应符合GB 19577-2024。")
    t.std("GB 19577-2024", w.page, "national")
    boiler.contract(w, "第四章 合同主要条款")
    boiler.forms(w, "第五章 响应文件格式", "供应商")
    return t

# (document, format, footer style, running header) — see layout.PdfWriter for the footer styles.
DOCUMENTS: list[tuple[Callable[[Writer], Tender], str, str | None, str | None]] = [
    (c01, "pdf", "dash", None),
    (c02, "docx", None, None),
    (c03, "pdf", "slash", None),
    (c04, "pdf", "dash", "杭州湘湖采购咨询有限公司"),
    (c05, "pdf", "cn", None),
    (c06, "pdf", "dash", None),
    (c07, "pdf", "cn", "嘉兴港区110kV变电站配套配电设备采购项目"),
    (c08, "docx", None, None),
    (c09, "pdf", "plain", None),
    (c10, "docx", None, None),
    (c11, "pdf", "slash", "湖州长兴招标有限公司  招标编号：CXNY-2026-GK015"),
    (c12, "pdf", "dash", None),
    (c13, "pdf", "slash", "义乌市市场发展集团有限公司"),
    (c14, "pdf", "cn", "嘉兴禾信招标有限公司"),
    (c15, "pdf", "dash", None),
    (c16, "pdf", "slash", None),
    (c17, "docx", None, None),
    (c18, "pdf", "plain", None),
    # Third round (tests/corpus/round3.py): a third author; "{n}"/"{total}" in a header is the page number.
    (round3.c19, "pdf", "emdash", "杭州市拱墅区机关事务服务中心  竞争性谈判文件"),
    (round3.c20, "pdf", "page", ">OHCG-2026-GK027"),
    (round3.c21, "docx", None, None),
    (round3.c22, "pdf", "frac", None),
    (round3.c23, "pdf", None, ">柯城区人民医院新院区机电安装工程 施工招标文件  第{n}页"),
    (round3.c24, "pdf", "frac", None),
    (round3.c25, "docx", None, None),
    (round3.c26, "pdf", None, ">金华八咏招标代理有限公司 | 第{n}页 共{total}页"),
    # Fourth round (tests/corpus/round4.py): a fourth author.
    (round4.c27, "pdf", "cn", None),
    (round4.c28, "pdf", "slash", "嵊州市人民医院医学影像设备采购项目"),
    (round4.c29, "docx", None, None),
    (round4.c30, "pdf", None, ">瑞安市飞云江南岸排涝闸站工程 施工招标文件 第{n}页"),
    (round4.c31, "pdf", "frac", None),
]


def build(out: Path) -> list[Path]:
    """Write every document, its truth file and the catalog into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    write_catalog(out / "catalog.csv")
    written = []
    for make, fmt, footer, header in DOCUMENTS:
        align = "right" if header and header.startswith(">") else "left"
        writer: Writer = (PdfWriter(footer=footer, header=header.lstrip(">") if header else None, header_align=align)
                          if fmt == "pdf" else DocxWriter())
        tender = make(writer)
        assert tender.file.endswith("." + fmt), tender.file
        path = out / tender.file
        tender.pages = writer.save(path)
        (out / (path.stem + ".truth.json")).write_text(
            json.dumps(tender.truth(), ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write the held-out tender corpus and its truth files.")
    parser.add_argument("out", nargs="?", type=Path, default=Path(__file__).parent / "out",
                        help="folder to write (default: tests/corpus/out)")
    for p in build(parser.parse_args().out):
        print(p)
