"""FC110 unquantified-scoring."""
from __future__ import annotations

from collections.abc import Iterator

from ..facts.model import Clause, TopicHit
from ..findings import Finding
from .basis import QUANTIFIED_SCORING
from .fc_clauses import clauses, finding, topic_findings
from .registry import RuleContext, excerpt, rule


@rule("FC110", "unquantified-scoring", "warning", QUANTIFIED_SCORING)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """评分因素未量化：以优、良、中、差等档次和“完整、合理、可行”等主观描述给分，无可核对的标准。

    ## What it flags
    A scoring row that grades by tiers (优/良/中/差, 好/较好/一般) described by adjectives (完整、详细、
    合理、可行、清晰、科学、全面) with their points — also when a first layer counts the points met and
    the tiers only add a subjective second layer, which reviewers flag as well. And a plan row (方案、
    措施、计划) that lists what the plan must contain but has no rule for its points at all.

    One finding per scoring table, naming every such row and quoting each as evidence: the rows of a
    table are one scoring method, and that is what the purchaser rewrites (rules configuration
    ``fair_competition.unquantified_scoring_unit = "row"`` gives one finding per row instead). A scoring
    line of prose keeps its own finding.

    ## Why
    《中华人民共和国政府采购法实施条例》第三十四条第四款 (分值设置应当与评审因素的量化指标相对应) and 财政部令第87号
    第五十五条第三款 (评审因素应当细化和量化).

    ## Fires
    - "方案完整详实、合理可行的评价为优，得80分；方案比较完整、可行性比较强的评价为良，得30分".

    ## Does not fire
    - "满足上述全部内容的得50分；满足任意4项的得40分" with no graded adjectives (quantified).
    - Deviation scoring (每负偏离一项扣1分), price scoring.
    - A grade someone else gave, counted per document: "履约评价书评价为优的每提供1份得50分", "培训课程经协会
      评定为优秀的，每一门课程得20分" (the client or the association graded it; the experts only count).

    ## How to fix
    Name the points an expert checks (考察点 A、B、C), give points per point met, and let the tiers refine
    only what each point contains, as the Shenzhen guidance's positive example does.
    """
    fix = "将评审因素细化为可核对的考察点，按满足的考察点数量给分；档次（优、良、中、差）须写明对应的客观标准。"
    if ctx.config.fair_competition.unquantified_scoring_unit == "row":
        for topic, what in WHAT.items():
            yield from topic_findings(ctx, topic, ("scoring",), what, fix)
        return
    tables: dict[str, list[tuple[Clause, TopicHit, str]]] = {}
    prose: list[tuple[Clause, TopicHit, str]] = []
    for clause in clauses(ctx, ("scoring",)):
        found = next(((h, what) for topic, what in WHAT.items() if (h := clause.hit(topic)) is not None), None)
        if found is None:
            continue
        (prose if clause.table is None else tables.setdefault(clause.table, [])).append((clause, *found))
    for clause, hit, what in prose:
        yield finding(ctx, clause, hit, what, fix)
    for table, rows in tables.items():
        if len(rows) == 1:
            yield finding(ctx, *rows[0][:2], rows[0][2], fix)
            continue
        # One finding per scoring table: its rows are one scoring method, and a reviewer asks for that
        # method to be rewritten; every row stays listed with the words that said it and its evidence.
        named = "；".join(f"“{c.factor or excerpt(c.text, 16)}”（{excerpt(h.phrase, 24)}）" for c, h, _ in rows)
        evidence = [e for c, h, _ in rows for e in [*h.evidence, *c.evidence]]
        message = f"评分表（{table}）中{len(rows)}个评分项按主观档次给分或未规定给分办法，未量化：{named}"
        yield ctx.finding(message, fix, list(dict.fromkeys(evidence)), subject=("table", table))


# The two ways a scoring row is unquantified, and what the finding says of each (a row with both is
# reported for its subjective tiers).
WHAT = {"subjective_scoring": "按主观档次给分，未量化", "unscored_plan": "只列方案应含的内容，未规定如何给分"}
