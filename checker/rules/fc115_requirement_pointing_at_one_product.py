"""FC115 requirement-pointing-at-one-product."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import POINTING_REQUIREMENTS
from .fc_clauses import topic_findings
from .registry import RuleContext, rule


@rule("FC115", "requirement-pointing-at-one-product", "warning", POINTING_REQUIREMENTS)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """技术要求具有倾向性：要求所有参数体现在同一份检测报告中，或与既有设备同一品牌、同一厂家。

    ## What it flags
    Requirements reviewers call 倾向性/指向性: every parameter of a product proven by one single test
    report (only a product tested for exactly that list has one), goods that must be of the same
    brand or maker as another product, or a processor named by its model (Intel Xeon Silver 4314, i5)
    instead of its performance.

    ## Why
    《中华人民共和国政府采购法实施条例》第二十条第（三）项 (要求指向特定供应商、特定产品) and 《中华人民共和国
    招标投标法》第二十条 (含有倾向或者排斥潜在投标人的内容).

    ## Fires
    - "同一项货物的所有技术参数需体现在同一份检验检测报告中".
    - "扩展模块须与主机同一品牌".
    - "CPU≥2颗Intel Xeon Silver 4314".

    ## Does not fire
    - "不同品牌" / "品牌不限"; the evaluation rule for bidders offering the same brand (提供相同品牌产品的…).

    ## How to fix
    Accept several reports that together cover the parameters; state the interfaces and compatibility
    needed instead of a brand or maker.
    """
    yield from topic_findings(ctx, "tendency", ("requirement", "scoring", "commercial", "qualification"),
                              "要求具有倾向性",
                              "允许以多份检测报告共同证明参数；以接口、兼容性等技术要求代替同一品牌、同一厂家的要求。")
