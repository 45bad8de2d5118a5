"""FC110 unquantified-scoring."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import QUANTIFIED_SCORING
from .fc_clauses import topic_findings
from .registry import RuleContext, rule


@rule("FC110", "unquantified-scoring", "warning", QUANTIFIED_SCORING)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """评分因素未量化：以优、良、中、差等档次和“完整、合理、可行”等主观描述给分，无可核对的标准。

    ## What it flags
    A scoring row that grades by tiers (优/良/中/差, 好/较好/一般) described by adjectives (完整、详细、
    合理、可行、清晰、科学、全面) with their points — also when a first layer counts the points met and
    the tiers only add a subjective second layer, which reviewers flag as well. And a plan row (方案、
    措施、计划) that lists what the plan must contain but has no rule for its points at all.

    ## Why
    《中华人民共和国政府采购法实施条例》第三十四条第四款 (分值设置应当与评审因素的量化指标相对应) and 财政部令第87号
    第五十五条第三款 (评审因素应当细化和量化).

    ## Fires
    - "方案完整详实、合理可行的评价为优，得80分；方案比较完整、可行性比较强的评价为良，得30分".

    ## Does not fire
    - "满足上述全部内容的得50分；满足任意4项的得40分" with no graded adjectives (quantified).
    - Deviation scoring (每负偏离一项扣1分), price scoring.

    ## How to fix
    Name the points an expert checks (考察点 A、B、C), give points per point met, and let the tiers refine
    only what each point contains, as the Shenzhen guidance's positive example does.
    """
    fix = "将评审因素细化为可核对的考察点，按满足的考察点数量给分；档次（优、良、中、差）须写明对应的客观标准。"
    yield from topic_findings(ctx, "subjective_scoring", ("scoring",), "按主观档次给分，未量化", fix)
    yield from topic_findings(ctx, "unscored_plan", ("scoring",), "只列方案应含的内容，未规定如何给分", fix)
