"""FC112 sme-price-deduction-missing."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import SME_PRICE_DEDUCTION
from .registry import RuleContext, rule


@rule("FC112", "sme-price-deduction-missing", "warning", SME_PRICE_DEDUCTION)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """未规定小微企业价格扣除（或扣除比例留空），且项目未专门面向中小企业。

    ## What it flags
    A deduction whose percentage is still blank ("给予【 %】的扣除"), once per document with every blank
    as evidence; and, once per document, a document that scores or ranks prices (评标基准价, 价格分, 最低评标价法) but mentions no
    价格扣除 (or 价格分加分) for small and micro enterprises and does not say the project is reserved
    for SMEs.

    ## Why
    《政府采购促进中小企业发展管理办法》（财库〔2020〕46号）第九条: projects not reserved for SMEs shall give
    small and micro enterprises a 6%–10% price deduction (3%–5% for works).

    ## Fires
    - "则对其投标总价给予【 %】的扣除，用扣除后的价格参与评审" (the percentage never filled in).
    - A 综合评分法 tender with a 价格分 formula and no 价格扣除 anywhere.

    ## Does not fire
    - The document states a price deduction, or "本项目专门面向中小企业采购".
    - A document that scores no price, or states no procurement method (a 采购需求书 draft: the SME clauses
      come with the agency's template).

    ## How to fix
    State the deduction (e.g. 小微企业报价给予10%的扣除，用扣除后的价格参加评审) or say the project is
    reserved for SMEs.
    """
    sme = ctx.facts.sme
    if sme.blank_evidence:
        # One finding however often the blank recurs (the small-enterprise and the consortium sentence of
        # one policy text): the purchaser fills in one ratio; every blank is its evidence.
        blanks = len(sme.blank_evidence)
        yield ctx.finding(f"小微企业价格扣除比例留空（“给予【 %】的扣除”{f'，共{blanks}处' if blanks > 1 else ''}），"
                          "评审时无法执行价格扣除。",
                          "填写价格扣除比例（货物、服务6%—10%，工程3%—5%）。", [e for b in sme.blank_evidence for e in b], subject=())
    # A missing deduction is judged only in a whole tender (one that states its procurement method): a
    # draft of the requirements alone leaves the policy clauses to the agency's template.
    if not sme.price_scoring or sme.price_deduction or sme.reserved or ctx.facts.method.value is None:
        return
    yield ctx.finding("文件评审投标价格，但未规定对小微企业报价给予价格扣除，也未说明本项目专门面向中小企业采购。",
                      "在评标方法中写明小微企业价格扣除比例（货物、服务6%—10%，工程3%—5%），或说明本项目专门面向中小企业采购。",
                      sme.price_scoring_evidence)
