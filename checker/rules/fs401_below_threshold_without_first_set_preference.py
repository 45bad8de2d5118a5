"""FS401 below-threshold-without-first-set-preference."""
from __future__ import annotations

from collections.abc import Iterator

from ..catalog import CatalogRow
from ..findings import Finding
from .basis import BELOW_THRESHOLD
from .registry import RuleContext, rule

YUAN_PER_WAN = 10_000


def document_items(ctx: RuleContext) -> list[str]:
    """Every goods item the document names: the item list and the brand lists' items."""
    names = [i.name for i in ctx.facts.items] + [bl.item for bl in ctx.facts.brand_lists]
    return list(dict.fromkeys(n for n in names if n))


@rule("FS401", "below-threshold-without-first-set-preference", "info", BELOW_THRESHOLD)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """非招标方式、预算低于限额的财政或国有资金项目，未提出优先采用首台套产品。

    ## What it flags
    Once per document: the method is not 公开招标/邀请招标, the budget is below the non-tender
    threshold (4,000,000 元 by default, a setting), the money is 财政资金 or 国有资金, the catalog
    holds a valid product of one of the document's items, and 首台套 is mentioned nowhere.

    ## Why
    《浙江省人民政府办公厅关于加快首台套产品推广应用的若干意见》一、（二）: "对采购金额在规定招标金额标准以下的国有投资项目，
    不采用招标方式的，应当依法通过单一来源采购等方式优先采用首台套产品。"

    ## Fires
    - 竞争性磋商, 预算 285 万元, 财政资金, buying a 鼓风机 the catalog lists, no 首台套 wording.

    ## Does not fire
    - 公开招标 or 邀请招标; a budget of 4,000,000 元 or more; 自筹资金; an unknown method or budget.
    - The catalog holds no valid product of any item (office computers and printers).
    - The document mentions 首台套 anywhere.

    ## How to fix
    Give 首台套 products priority as the opinions require — by single-source procurement of a
    catalog product where the law allows it, or by stating a 首台套 preference in the document.
    """
    f = ctx.facts
    method, budget, funding = f.method.value, f.project.budget_yuan, f.project.funding
    if f.first_set_mentioned or method is None or budget is None:
        return
    if method in ctx.config.tender_methods or budget >= ctx.config.non_tender_threshold_yuan:
        return
    if not ctx.config.is_public_funding(funding):
        return
    candidates: list[CatalogRow] = []
    for item in document_items(ctx):
        candidates += [r for r in ctx.valid_related(item) if r not in candidates]
    if not candidates:
        return
    evidence = list(f.method.evidence) + [e for key in ("budget_yuan", "funding") for e in f.project.evidence.get(key, [])]
    threshold = ctx.config.non_tender_threshold_yuan / YUAN_PER_WAN
    yield ctx.finding(
        f"本项目采用{method}，预算{budget / YUAN_PER_WAN:g}万元（低于{threshold:g}万元），资金来源为{funding}，"
        f"首台套目录中有{len(candidates)}项同类有效产品，但文件未体现首台套产品优先采用。",
        "依法通过单一来源采购等方式优先采用首台套产品，或在采购文件中写明首台套产品优先的措施；"
        f"可考虑：{ctx.products_text(candidates)}。",
        evidence, subject=())  # once per document
