"""FC109 qualification-scored-again."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import QUALIFICATION_AS_FACTOR
from .fc_clauses import where
from .registry import RuleContext, excerpt, rule


@rule("FC109", "qualification-scored-again", "violation", QUALIFICATION_AS_FACTOR)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """资格条件（同一资质、许可或证书）又作为评分因素。

    ## What it flags
    A scoring row naming a certificate, licence or qualification that a qualification item already
    requires (the credential names the extractor found in both, e.g. "安全生产许可证"): the bidders who
    pass the qualification all hold it, so the points only repeat the threshold. One finding per row.

    ## Why
    《政府采购货物和服务招标投标管理办法》（财政部令第87号）第五十五条第二款: "资格条件不得作为评审因素。"

    ## Fires
    - 资格要求 "具有有效的安全生产许可证" and 评分项 "具有安全生产许可证的得2分".

    ## Does not fire
    - Generic words in both (营业执照, 资格证书, 相关证书) or different credentials.
    - A credential only scored, never required.

    ## How to fix
    Delete the scoring of what the qualification already requires, or drop it from the qualification.
    """
    required: dict[str, object] = {}
    for q in ctx.facts.qualifications:
        for name in q.credentials:
            required.setdefault(name, q)
    if not required:
        return
    for row in ctx.facts.scoring_rows:
        repeated = [c for c in row.credentials if c in required]
        if not repeated:
            continue
        names = "、".join(f"“{c}”" for c in repeated)
        evidence = list(row.evidence)
        yield ctx.finding(f"{where(row)}以资格要求中的{names}评分：{excerpt(row.text)}",
                          f"资格条件不得作为评审因素：删除该评分项中的{names}，或将其从资格要求中删除。",
                          evidence, item=row.factor)
