"""FC105 manufacturer-authorisation-required."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import MAKER_AUTHORISATION
from .fc_clauses import topic_findings
from .registry import RuleContext, rule


@rule("FC105", "manufacturer-authorisation-required", "violation", MAKER_AUTHORISATION)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """对非进口货物要求制造商（原厂）授权、承诺、证明或背书。

    ## What it flags
    A clause asking the bidder for the manufacturer's authorisation or letter (制造商授权书, 原厂授权,
    厂家出具的承诺函/售后服务承诺) when the goods are not imported: one finding per clause.

    ## Why
    《政府采购货物和服务招标投标管理办法》（财政部令第87号）第十七条: procurers shall not make "除进口货物以外的
    生产厂家授权、承诺、证明、背书等" a qualification requirement.

    ## Fires
    - 资格要求 "投标人须提供所投产品制造商出具的针对本项目的授权书".
    - 评分项 "提供原厂售后服务承诺函的得2分".

    ## Does not fire
    - A clause about imported goods (进口).
    - 授权委托书 of the bidder's own representative, a branch's 总公司授权, software licences (并发用户授权).

    ## How to fix
    Delete the authorisation requirement for domestic goods; ask the bidder itself to commit to supply
    and after-sales service.
    """
    yield from topic_findings(ctx, "maker_authorisation", ("qualification", "scoring", "requirement", "commercial"),
                              "要求制造商（原厂）授权或承诺",
                              "非进口货物不得要求生产厂家授权、承诺、证明、背书；改为由投标人自行承诺供货与售后服务。")
