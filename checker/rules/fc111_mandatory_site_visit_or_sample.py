"""FC111 mandatory-site-visit-or-sample."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import SAMPLES_AND_SITE_VISITS
from .fc_clauses import topic_findings
from .registry import RuleContext, rule


@rule("FC111", "mandatory-site-visit-or-sample", "warning", SAMPLES_AND_SITE_VISITS)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """将现场报名、现场踏勘/考察、特定人员到场或提供样品设为强制条件。

    ## What it flags
    A clause that makes attendance or samples a condition: 须到现场报名, 须参加现场踏勘 (未参加的投标无效),
    法定代表人须到场, 须提供样品 / 未提供样品的投标无效, and a section of sample requirements (样品要求)
    — reviewers ask whether samples are needed at all.

    ## Why
    财政部令第87号 第二十二条 (一般不得要求投标人提供样品) and 第二十六条 (现场考察是"可以"组织的); the
    2024 招标投标领域公平竞争审查规则 第十条（四） bars requiring particular persons to attend.

    ## Fires
    - "投标人须参加现场踏勘，未参加踏勘的投标无效".
    - "投标人须在投标截止前提交样品，未提供样品的按无效投标处理".

    ## Does not fire
    - "未参与踏勘现场不作为否定投标人资格的理由", "投标人可自行踏勘".
    - "是否要求提供样品：否" form fields, template options (□是 □否).

    ## How to fix
    Make site visits optional (and never a ground for rejection); require samples only where the need
    cannot be described in writing, and say why.
    """
    fix = "现场踏勘、考察改为自愿参加且不作为否决投标的理由；仅在书面无法准确描述需求时要求样品，并说明理由。"
    yield from topic_findings(ctx, "onsite_or_sample_mandatory", ("qualification", "requirement", "commercial", "other"),
                              "将现场报名、踏勘设为强制条件", fix)
    # Samples are required where the requirements are written; the 须知's submission procedure is template.
    yield from topic_findings(ctx, "sample_mandatory", ("qualification", "requirement", "commercial"),
                              "要求提供样品", fix)
