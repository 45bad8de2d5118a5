"""FC103 local-presence-required."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import LOCATION_OR_FORM
from .fc_clauses import topic_findings
from .registry import RuleContext, rule


@rule("FC103", "local-presence-required", "violation", LOCATION_OR_FORM)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """要求或以评分鼓励供应商在本地注册、设立分支机构、服务网点或办公场所。

    ## What it flags
    A qualification item, scoring row, requirement or commercial clause that asks for, or awards points
    for, a presence in a named place before the award: 在本市/深圳市设有办公场所、分支机构、服务网点、
    常驻服务机构, 本地化服务, 本地注册, 注册地在…

    ## Why
    《中华人民共和国政府采购法实施条例》第二十条第（七）项: "非法限定供应商的所有制形式、组织形式或者所在地"
    is discrimination; the 2024 招标投标领域公平竞争审查规则 第六条（二） names 设立分支机构 in the region.

    ## Fires
    - 评分项 "在深圳市有办公场所的得3分；在广东省内深圳市外有办公场所的得1分".
    - 资格要求 "投标人须在本市设有售后服务网点".

    ## Does not fire
    - A row that gives the same full points to a bidder committing to set up a local office after the
      award ("承诺中标后在深圳市设立常驻服务机构的得100分").
    - Product features named 本地 (本地白板, 本地存储, 本地部署).

    ## How to fix
    Require a response time or on-site service the contract needs ("接报后2小时内到场"), and accept a
    commitment to set up local service after the award with the same points as an existing office.
    """
    yield from topic_findings(ctx, "local_presence", ("qualification", "scoring", "requirement", "commercial"),
                              "要求或以评分鼓励本地设立机构",
                              "删除在本地注册或设立机构、网点、办公场所的要求；改为对响应时间、到场服务等履约要求，"
                              "并允许中标后承诺设立，且与已设立者同等得分。")
