"""业绩 requirements, the 首台套 deeming statement, 首台套 mentions and new-product exclusions."""
from __future__ import annotations

import pytest
from extract_docs import facts

DEEMING = "对列入《浙江省首台(套)产品推广应用指导目录》且在有效期内的首台(套)产品，视同已具备上述业绩要求。"

PERFORMANCE = [
    ("3.本项目的特定资格要求：投标人须具有2023年1月1日以来类似项目业绩不少于2个，须提供合同复印件。", "qualification"),
    ("申请人的资格要求：近三年具有类似项目业绩不少于2个。", "qualification"),
    ("供应商应具有有过相应销售业绩，提供合同复印件。", "other"),
    ("投标人企业业绩：提供近五年已完成类似业绩，每提供1个得2分，最高6分。", "scoring"),
    ("供应商提供最近三年内(2022年至今)类似项目业绩的，每个加1分。", "scoring"),
    ("投标人须提供至少1项同类设备供货业绩（以合同签订时间为准）。", "other"),
    ("须具备近3年内不少于3个同类工程的施工业绩。", "other"),
]


@pytest.mark.parametrize("line,kind", PERFORMANCE)
def test_performance_requirement(line, kind):
    reqs = facts(line).performance_requirements
    assert [(r.kind, r.first_set_equivalence) for r in reqs] == [(kind, False)]
    assert reqs[0].evidence[0].page == 1


def test_scoring_table_row_is_one_requirement():
    table = [["序号", "评分项目", "分值", "评分标准"],
             ["6", "类似项目业绩", "5", "供应商2022年1月1日以来每提供一个类似项目业绩得1分，最多得5分。"]]
    reqs = facts("二、评分办法", table).performance_requirements
    assert [(r.kind, r.text.split("\t")[1]) for r in reqs] == [("scoring", "类似项目业绩")]


def test_qualification_table_row():
    table = [["序号", "审查因素", "审查标准"], ["5", "类似业绩", "供应商须提供2022年以来类似项目业绩至少1项"]]
    assert [r.kind for r in facts("一、资格审查", table).performance_requirements] == ["qualification"]


NOT_PERFORMANCE = [
    "八、类似项目业绩一览表",
    "注：须附合同复印件并加盖投标人公章。",
    "不得将特定行政区域或者特定行业的业绩作为加分条件。",
    "采购人不得以特定行政区域或者特定行业的业绩、奖项作为中标条件。",
    "业绩",
    DEEMING,
]


@pytest.mark.parametrize("line", NOT_PERFORMANCE)
def test_not_a_performance_requirement(line):
    assert facts(line).performance_requirements == []


def test_deeming_statement_covers_every_requirement():
    f = facts(PERFORMANCE[0][0] + DEEMING, "评分标准", PERFORMANCE[3][0])
    assert f.first_set_equivalence_stated and f.first_set_mentioned
    assert [r.first_set_equivalence for r in f.performance_requirements] == [True, True]
    assert "视同已具备" in f.first_set_equivalence_evidence[0].text


MENTIONS = [
    ("在满足采购需求的前提下，同等条件下优先采购列入《浙江省首台(套)产品推广应用指导目录》的首台(套)产品。", True),
    ("投标产品列入《浙江省首台（套）产品推广应用指导目录》且在有效期内的得2分。", True),
    ("对首台套产品，采购人可依法采用单一来源采购方式。", True),
    ("优先采购首批次新材料和首版次软件。", True),
    ("首台设备到货后5日内完成安装。", False),
    ("本项目不适用首台(套)产品政策。", False),
]


@pytest.mark.parametrize("line,mentioned", MENTIONS)
def test_first_set_mention(line, mentioned):
    f = facts(line)
    assert f.first_set_mentioned is mentioned
    assert bool(f.first_set_evidence) is mentioned


EXCLUSIONS = [
    ("所投产品须为技术成熟、质量可靠的定型产品，不接受试制品、样机或新研制开发的产品。", False),
    ("不允许使用未成熟的或新研制开发的产品。", False),
    ("所投设备须有3年以上成功运行业绩的成熟产品。", False),
    ("投标设备必须为成熟产品，且须有两年及以上的运行经验。", False),
    ("严禁使用试制品。", False),
    ("不接受新产品投标。", False),
    ("不接受试制品、样机或新研制开发的产品(列入《浙江省首台(套)产品推广应用指导目录》且在有效期内的首台(套)产品除外)。", True),
    ("不允许使用新研制开发的产品，首台(套)产品不受此限。", True),
]


@pytest.mark.parametrize("line,exempt", EXCLUSIONS)
def test_new_product_exclusion(line, exempt):
    f = facts(line)
    assert [x.exempts_first_set for x in f.new_product_exclusions] == [exempt]
    assert f.performance_requirements == []  # a product-maturity clause is FS302's, not FS301's


@pytest.mark.parametrize("line", [
    "所投货物必须是全新、未使用过的原装合格正品。",
    "投标人应提供产品合格证及检测报告。",
    "鼓励采购新产品、新技术。",
])
def test_not_an_exclusion(line):
    assert facts(line).new_product_exclusions == []


# -- 业绩 by meaning (issue 11): written here from scratch ----------------------------------------

REQUIREMENTS_BY_MEANING = [
    ("业绩要求：投标人须提供2022年1月1日以来至少1份同类服务合同业绩。", "qualification"),
    ("供应商自2023年起的类似平台运维项目履约经验，每提供一个有效案例得2分，本项最高8分。", "scoring"),
    ("提供投标人2022年1月1日至今同类项目合同，每提供1个得2分，最高得10分。", "scoring"),
    ("投标人须具有不少于2个同类设备的成功案例。", "other"),
    ("《供应商近三年以来类似项目一览表》，评审时据此认定。", "other"),
]


@pytest.mark.parametrize("line,kind", REQUIREMENTS_BY_MEANING)
def test_a_place_that_demands_a_record_is_a_requirement(line, kind):
    assert [r.kind for r in facts(line).performance_requirements] == [kind]


def test_a_scoring_row_with_a_score_range_is_one_requirement():
    table = [["序号", "评分因素", "分值", "评分标准"],
             ["3", "类似业绩", "0~5", "提供2023年1月1日至今类似项目的合同扫描件。"]]
    assert len(facts("评分标准", table).performance_requirements) == 1


NOT_REQUIREMENTS_BY_MEANING = [
    "投标人业绩要求：无",
    "业绩要求：无。",
    "（投标人业绩不作为资格条件）",
    "本项目的特定资格要求：无。",
    "投标人投标所使用的资格、信誉、荣誉、业绩与企业认证必须为本法人所拥有。",
    "应包括供应商的成立情况、注册地点、人员、设备、项目业绩等简介，须提供上一年度财务报告。",
    "供应商编制投标文件时，涉及营业执照、资质、业绩、财务、社保等内容，必须是原件的扫描件。",
    "对评分项中涉及的相关业绩、社保情况等内容，投标人应提供相关部门出具的证明材料。",
    "采购人不得将特定金额的合同业绩设定为资格条件。",
    "7.经营业绩(提供合同复印件) ........................ 33",
    "（2）供应商所提供的经营业绩列入上表，谈判小组将依据每个经营业绩所附证明材料的有效性判断。",
    "1. 业绩表需附业绩证明材料扫描件（证明材料需提供合同首页及盖章页）。",
    "（3）投标业绩承诺函；（如有）",
    "参加采购活动时，不虚假应标，不虚列业绩。",
]


@pytest.mark.parametrize("line", NOT_REQUIREMENTS_BY_MEANING)
def test_a_mention_of_performance_is_no_requirement(line):
    assert facts(line).performance_requirements == []
