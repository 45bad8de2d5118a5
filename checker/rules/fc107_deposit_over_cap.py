"""FC107 deposit-over-cap."""
from __future__ import annotations

from collections.abc import Iterator

from ..facts.model import Deposit
from ..findings import Finding
from .basis import DEPOSIT_CAPS
from .registry import RuleContext, excerpt, rule

YUAN_PER_WAN = 10_000
NAME = {"bid": "投标保证金", "performance": "履约保证金"}
BASE = {"bid": "采购项目预算金额", "performance": "合同金额"}


def _over(ctx: RuleContext, d: Deposit, cap: float) -> str | None:
    """Why the deposit exceeds ``cap`` percent, or None."""
    if d.percent is not None and d.percent > cap:
        return f"为{BASE[d.kind]}的{d.percent:g}%，超过{cap:g}%"
    budget = ctx.facts.project.budget_yuan
    # A contract never exceeds the budget: an amount over cap% of the budget is over cap% of the contract too.
    if d.amount_yuan is not None and budget and d.amount_yuan > budget * cap / 100:
        return (f"{d.amount_yuan / YUAN_PER_WAN:g}万元，超过预算{budget / YUAN_PER_WAN:g}万元的{cap:g}%"
                f"（{budget * cap / 100 / YUAN_PER_WAN:g}万元）")
    return None


@rule("FC107", "deposit-over-cap", "violation", DEPOSIT_CAPS)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """投标保证金超过预算金额的2%，或履约保证金超过合同金额的10%。

    ## What it flags
    A 投标保证金 stated as more than 2% of the budget (as a percentage, or an amount above 2% of the
    document's budget), or a 履约保证金 of more than 10% of the contract (a percentage, or an amount
    above 10% of the budget, which bounds the contract). The caps are settings
    (`[fair_competition] bid_deposit_cap_percent`, `performance_deposit_cap_percent`).

    ## Why
    《中华人民共和国政府采购法实施条例》第三十三条、第四十八条 and 《中华人民共和国招标投标法实施条例》第二十六条、
    第五十八条 cap the deposits at 2% and 10%.

    ## Fires
    - "履约保证金：合同金额的15%".
    - "投标保证金：人民币10万元" with a budget of 300万元 (more than 6万元).

    ## Does not fire
    - "不收取投标保证金", a blank percentage ("合同金额的  %"), a clause restating the cap ("不得超过…2%").
    - An amount without a known budget.

    ## How to fix
    Lower the deposit to the cap or below (Shenzhen practice often takes no bid deposit at all).
    """
    caps = {"bid": ctx.config.fair_competition.bid_deposit_cap_percent,
            "performance": ctx.config.fair_competition.performance_deposit_cap_percent}
    for d in ctx.facts.deposits:
        cap = caps[d.kind]
        why = _over(ctx, d, cap)
        if why is None:
            continue
        yield ctx.finding(f"{NAME[d.kind]}{why}：{excerpt(d.text)}",
                          f"将{NAME[d.kind]}降至{BASE[d.kind]}的{cap:g}%以内。", d.evidence)
