"""FC101 size-threshold-as-condition."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import SIZE_CONDITIONS
from .fc_clauses import topic_findings
from .registry import RuleContext, rule


@rule("FC101", "size-threshold-as-condition", "violation", SIZE_CONDITIONS)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """以注册资本、资产总额、营业收入、从业人员、利润、纳税额等规模条件作为资格要求或评分因素。

    ## What it flags
    A qualification item or a scoring row that sets or scores a size or financial threshold:
    注册资本/注册资金, 资产总额, 净资产, 营业收入/销售额, 利润, 纳税额, 从业人员/员工人数,
    资产负债率, "企业规模". One finding per clause, quoting the words that set the threshold.

    ## Why
    《政府采购货物和服务招标投标管理办法》（财政部令第87号）第十七条 forbids size conditions as 资格要求
    or 评审因素; 财库〔2020〕46号 第五条 repeats it for 规模条件和财务指标.

    ## Fires
    - 资格要求 "注册资本不低于1000万元".
    - 评分项 "投标人近三年平均营业收入5000万元以上的得5分".
    - 资格要求 "公司员工人数不少于100人".

    ## Does not fire
    - The 中小企业声明函 form asking bidders to state 从业人员、营业收入、资产总额 (a form, not a condition).
    - A clause restating the law ("不得将注册资本…作为资格要求").
    - 拟派项目团队 headcounts ("项目团队不少于5人": the people doing the job, not the company's size).

    ## How to fix
    Delete the threshold. Ask for what the contract needs instead (the team, equipment or experience
    the work requires), as a scoring factor tied to the service quality.
    """
    yield from topic_findings(ctx, "size_threshold", ("qualification", "scoring"), "以企业规模条件作为门槛或评分",
                              "删除注册资本、资产总额、营业收入、从业人员、利润、纳税额等规模条件；确需考察履约能力的，"
                              "改为与合同履行直接相关的人员、设备或同类业绩要求。")
