"""FS101 brand-list-lacks-first-set."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..fingerprint import brand_subject
from .basis import BRAND_QUOTA
from .registry import RuleContext, brands_text, rule

MIN_BRANDS = 3  # the opinions' "推荐3个以上品牌"


def fails_quota(ctx: RuleContext, bl_index: int) -> bool:
    """True when list ``bl_index`` recommends ≥3 brands, none a valid related catalog product, and the
    catalog holds a valid related product (shared with FS104, which only ever accompanies FS101)."""
    bl = ctx.facts.brand_lists[bl_index]
    if len(bl.brands) < MIN_BRANDS:
        return False
    if any(ctx.is_valid_related_match(bl, i) for i in range(len(bl.brands))):
        return False
    return bool(ctx.valid_related(bl.item))


@rule("FS101", "brand-list-lacks-first-set", "violation", BRAND_QUOTA)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """推荐品牌达到3个以上，但其中没有有效期内的同类首台套产品（而目录中有同类有效产品）。

    ## What it flags
    A goods item whose recommended-brand list (推荐品牌/参考品牌) names three or more brands, none of
    which is a catalog product of the same kind that is within its validity window on the document
    date, while the catalog does hold at least one such product.

    ## Why
    《浙江省人民政府办公厅关于加快首台套产品推广应用的若干意见》一、（二）: "招标活动允许招标单位推荐3个以上品牌的，
    应至少有1个首台套产品，首台套产品目录中没有相关产品的除外。"

    ## Fires
    - "磁悬浮鼓风机 推荐品牌：格兰克林、磁谷、亿昇" when the catalog lists a valid 鼓风机.
    - A list whose only catalog brand has passed its validity (FS104 explains that one too).

    ## Does not fire
    - One brand of the list is a valid catalog product of the item's kind, written as the brand,
      the full company name or its short name (华越电气 for 浙江华越电气股份有限公司).
    - The catalog holds no valid product of the item's kind (办公电脑; 自动扶梯 is not an 电梯;
      only expired 射流风机 products).
    - Fewer than three brands (that is FS102).

    ## How to fix
    Add at least one valid 首台套 product of the item's kind to the list (the suggestion names the
    catalog's candidates), or drop the brand list and describe the item by its parameters.
    """
    for index, bl in enumerate(ctx.facts.brand_lists):
        if not fails_quota(ctx, index):
            continue
        candidates = ctx.valid_related(bl.item)
        yield ctx.finding(
            f"“{bl.item}”推荐了{len(bl.brands)}个品牌（{brands_text(bl)}），其中没有有效期内的首台套产品；"
            f"而首台套目录中有{len(candidates)}项同类有效产品。",
            f"在“{bl.item}”的推荐品牌中至少列入1个有效期内的首台套产品，可选：{ctx.products_text(candidates)}。",
            bl.evidence, item=bl.item, subject=brand_subject(bl))
