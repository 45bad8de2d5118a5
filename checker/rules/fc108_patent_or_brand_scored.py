"""FC108 patent-or-brand-scored."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import PATENT_BRAND
from .fc_clauses import topic_findings
from .registry import RuleContext, rule


@rule("FC108", "patent-or-brand-scored", "warning", PATENT_BRAND)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """以特定的专利、商标、品牌、原厂产品或著作权作为评分因素。

    ## What it flags
    A scoring row awarding points for patents (发明/实用新型/外观设计专利), trademarks, software copyrights,
    a brand or 原厂 products: points that favour whoever holds a particular right.

    ## Why
    《中华人民共和国政府采购法实施条例》第二十条第（六）项: "限定或者指定特定的专利、商标、品牌或者供应商" is
    discrimination; reviewers: "没有必要区别专利吧，存在潜在指向性".

    ## Fires
    - 评分项 "投标人每提供一个医用纺织相关发明专利证书的，得6分".
    - 评分项 "投标人具有与本项目相关的软件著作权的，每个得1分".

    ## Does not fire
    - A requirement not to infringe third parties' rights (不侵犯…知识产权).
    - Patents outside scoring rows (a product description).

    ## How to fix
    Score the performance the patent would bring (a measurable parameter), not the right itself; if
    rights are scored at all, do not tie them to a named product or field.
    """
    yield from topic_findings(ctx, "brand_patent_scoring", ("scoring",), "以专利、商标、品牌或著作权评分",
                              "删除以专利、商标、品牌、著作权为依据的加分，改为考察可量化的技术或服务指标。")
