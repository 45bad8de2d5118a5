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


# ---- fair-competition review (FC rules). Quotes are verbatim from the texts in ../shared/laws
# (tests/test_rule_docs.py checks them word for word); several laws are joined with "；" in the
# same order in document, clause and quote.

GP_LAW = "中华人民共和国政府采购法"
TENDER_LAW = "中华人民共和国招标投标法"
MOF_87 = "政府采购货物和服务招标投标管理办法（财政部令第87号）"
SME_46 = "政府采购促进中小企业发展管理办法（财库〔2020〕46号）"
TENDER_FCR = "招标投标领域公平竞争审查规则（2024）"

# Which file of ../shared/laws holds each text the FC rules quote.
LAW_FILES = {
    GP_LAW: "gov-procurement-law.md",
    PROCUREMENT_LAW_REGS: "gov-procurement-law-regulation.md",
    TENDER_LAW: "tendering-bidding-law.md",
    TENDER_LAW_REGS: "tendering-bidding-law-regulation.md",
    MOF_87: "mof-order-87-goods-services-tendering.md",
    SME_46: "mof-sme-promotion-measures-2020.md",
    TENDER_FCR: "tendering-fair-competition-review-rules-2024.md",
}

SIZE_CONDITIONS = Basis(
    MOF_87, "第十七条",
    "采购人、采购代理机构不得将投标人的注册资本、资产总额、营业收入、从业人员、利润、纳税额等规模条件作为资格要求或者评审因素")

YEARS_IN_BUSINESS = Basis(
    SME_46, "第五条", "不得在企业股权结构、经营年限等方面对中小企业实行差别待遇或者歧视待遇")

LOCATION_OR_FORM = Basis(
    PROCUREMENT_LAW_REGS, "第二十条第（七）项", "非法限定供应商的所有制形式、组织形式或者所在地")

REGIONAL_RECORD = Basis.joined(
    Basis(PROCUREMENT_LAW_REGS, "第二十条第（四）项",
          "以特定行政区域或者特定行业的业绩、奖项作为加分条件或者中标、成交条件"),
    Basis(TENDER_LAW_REGS, "第三十二条第二款第（三）项",
          "依法必须进行招标的项目以特定行政区域或者特定行业的业绩、奖项作为加分条件或者中标条件"))

MAKER_AUTHORISATION = Basis(
    MOF_87, "第十七条",
    "也不得通过将除进口货物以外的生产厂家授权、承诺、证明、背书等作为资格要求，对投标人实行差别待遇或者歧视待遇。")

UNSUITED_CONDITIONS = Basis(
    PROCUREMENT_LAW_REGS, "第二十条第（二）项",
    "设定的资格、技术、商务条件与采购项目的具体特点和实际需要不相适应或者与合同履行无关")

# 业绩 counted only when won by tender (a 中标通知书 required): not a regional or industry limit, but a
# condition unrelated to performing the contract (a reviewer: "中标通知书会变相限定项目必须是公开招标的采购方式").
UNSUITED_RECORD_CONDITIONS = Basis.joined(
    UNSUITED_CONDITIONS,
    Basis(TENDER_LAW_REGS, "第三十二条第二款第（二）项",
          "设定的资格、技术、商务条件与招标项目的具体特点和实际需要不相适应或者与合同履行无关"))

DEPOSIT_CAPS = Basis.joined(
    Basis(PROCUREMENT_LAW_REGS, "第三十三条", "投标保证金不得超过采购项目预算金额的2%"),
    Basis(PROCUREMENT_LAW_REGS, "第四十八条", "履约保证金的数额不得超过政府采购合同金额的10%"),
    Basis(TENDER_LAW_REGS, "第二十六条", "投标保证金不得超过招标项目估算价的2%"),
    Basis(TENDER_LAW_REGS, "第五十八条", "履约保证金不得超过中标合同金额的10%"))

PATENT_BRAND = Basis(
    PROCUREMENT_LAW_REGS, "第二十条第（六）项", "限定或者指定特定的专利、商标、品牌或者供应商")

QUALIFICATION_AS_FACTOR = Basis(MOF_87, "第五十五条第二款", "资格条件不得作为评审因素。")

QUANTIFIED_SCORING = Basis.joined(
    Basis(PROCUREMENT_LAW_REGS, "第三十四条第四款", "采用综合评分法的，评审标准中的分值设置应当与评审因素的量化指标相对应。"),
    Basis(MOF_87, "第五十五条第三款", "评审因素应当细化和量化，且与相应的商务条件和采购需求对应。"))

SAMPLES_AND_SITE_VISITS = Basis.joined(
    Basis(MOF_87, "第二十二条",
          "采购人、采购代理机构一般不得要求投标人提供样品，仅凭书面方式不能准确描述采购需求或者需要对样品进行主观判断以确认是否满足采购需求等特殊情况除外。"),
    Basis(MOF_87, "第二十六条第一款",
          "采购人或者采购代理机构可以在招标文件提供期限截止后，组织已获取招标文件的潜在投标人现场考察或者召开开标前答疑会。"))

SME_PRICE_DEDUCTION = Basis(
    SME_46, "第九条第一款",
    "采购人、采购代理机构应当对符合本办法规定的小微企业报价给予6%—10%（工程项目为3%—5%）的扣除，用扣除后的价格参加评审。")

SPECIFIC_CONDITIONS = Basis.joined(
    Basis(GP_LAW, "第二十二条第二款",
          "采购人可以根据采购项目的特殊要求，规定供应商的特定条件，但不得以不合理的条件对供应商实行差别待遇或者歧视待遇。"),
    Basis(TENDER_FCR, "第六条第（五）项", "要求经营主体取得特定行业组织成员身份"))

POINTING_REQUIREMENTS = Basis.joined(
    Basis(PROCUREMENT_LAW_REGS, "第二十条第（三）项", "采购需求中的技术、服务等要求指向特定供应商、特定产品"),
    Basis(TENDER_LAW, "第二十条", "招标文件不得要求或者标明特定的生产供应者以及含有倾向或者排斥潜在投标人的其他内容。"))
