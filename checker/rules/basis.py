"""The policy and law texts the rules cite. Quotes are verbatim (after NFKC and joining the lines
of the published text): ``tests/test_rule_docs.py`` checks the 2017 opinions' quotes against the
seed text in ``../shared/seeds``."""
from __future__ import annotations

from ..findings import Basis

OPINIONS_2017 = "浙江省人民政府办公厅关于加快首台套产品推广应用的若干意见（2017年5月5日）"
TENDER_LAW_REGS = "中华人民共和国招标投标法实施条例"
PROCUREMENT_LAW_REGS = "中华人民共和国政府采购法实施条例"

BRAND_QUOTA = Basis(
    OPINIONS_2017, "一、（二）",
    "招标活动允许招标单位推荐3个以上品牌的，应至少有1个首台套产品，首台套产品目录中没有相关产品的除外。")

DESIGNATED_BRAND = Basis.joined(
    Basis(TENDER_LAW_REGS, "第三十二条第二款第（五）项", "限定或者指定特定的专利、商标、品牌、原产地或者供应商"),
    Basis(PROCUREMENT_LAW_REGS, "第二十条第（六）项", "限定或者指定特定的专利、商标、品牌或者供应商"))

DEEMED_PERFORMANCE = Basis(
    OPINIONS_2017, "一、（三）",
    "首台套产品被纳入《浙江省首台套产品推广应用指导目录》（以下简称《目录》）之日起2年内，视同已具备相应工程或销售业绩。")

PRODUCER_STANDARD = Basis(
    OPINIONS_2017, "一、（二）",
    "必须引用某一生产供应者的技术标准才能准确或清楚说明拟招标项目的技术标准时，"
    "可以优先参考引用同等水平或条件的首台套产品生产厂家的技术标准。")

NO_MARKET_RECORD = Basis(
    OPINIONS_2017, "首部（首台套产品定义）；一、（三）",
    "首台套产品包括品种、规格或技术参数等有重大突破，具有自主知识产权但尚未取得市场业绩，"
    "经有关机构认定的国际、国内或本省首台、首套或首批次装备、系统和软件。")

BELOW_THRESHOLD = Basis(
    OPINIONS_2017, "一、（二）",
    "对采购金额在规定招标金额标准以下的国有投资项目，不采用招标方式的，应当依法通过单一来源采购等方式优先采用首台套产品。")

KEY_FIELDS = Basis(
    OPINIONS_2017, "一、（一）",
    "政府投资项目的建设单位和政府采购单位须将首台套产品纳入招标采购项目中，医疗设备、新能源汽车、电力、能源、石化、"
    "基础设施、节能环保、水利水务、交通工程等重点领域工程项目所需产品，均应纳入统一组织的招标工作范围，鼓励优先采购首台套产品")
