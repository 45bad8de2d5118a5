"""FC102 years-in-business-as-condition."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import YEARS_IN_BUSINESS
from .fc_clauses import topic_findings
from .registry import RuleContext, rule


@rule("FC102", "years-in-business-as-condition", "violation", YEARS_IN_BUSINESS)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """以成立年限、经营年限（或只有经营满一定年限才能取得的等级证书）作为资格要求或评分因素。

    ## What it flags
    A qualification item or a scoring row that requires or scores how long the bidder has existed:
    成立满X年, 经营年限/注册时间不少于X年, 成立于某年以前, and the 社会组织评估等级 (3A/4A/5A) ratings
    that an organisation can only reach after years of operation (reviewers: "此等级证书涉及经营年限").

    ## Why
    《政府采购促进中小企业发展管理办法》（财库〔2020〕46号）第五条: procurers shall not treat SMEs
    differently "在企业股权结构、经营年限等方面".

    ## Fires
    - 资格要求 "投标人成立时间满3年".
    - 评分项 "社会组织评估等级为5A的得100%，4A的得60%".

    ## Does not fire
    - A note for newly founded bidders ("成立不足三个月的，无需提供社保证明").
    - A rating row that gives full marks to organisations founded recently too ("或在投标截止日前两年内
      注册登记的，得100%").

    ## How to fix
    Delete the years-in-business condition; if a rating is scored, give the same points to bidders too
    young to have been rated, or score the experience the contract needs instead.
    """
    yield from topic_findings(ctx, "years_in_business", ("qualification", "scoring"), "以成立或经营年限作为门槛或评分",
                              "删除成立年限、经营年限要求；以等级证书评分的，对成立时间不足以参评的供应商给予同等分值，"
                              "或改为考察与本项目直接相关的同类业绩。")
