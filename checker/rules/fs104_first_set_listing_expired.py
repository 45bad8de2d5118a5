"""FS104 first-set-listing-expired."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..fingerprint import brand_subject
from .basis import DEEMED_PERFORMANCE
from .fs101_brand_list_lacks_first_set import fails_quota
from .registry import RuleContext, rule


@rule("FS104", "first-set-listing-expired", "info", DEEMED_PERFORMANCE)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """品牌清单中的首台套产品已超过目录有效期，不能据此满足“至少1个首台套产品”的要求。

    ## What it flags
    A list that FS101 flags, and that would have satisfied the one-首台套-product requirement
    through one of its brands had that product still been within its validity window: the
    drafter probably copied an old list. One finding per list, beside its FS101.

    ## Why
    《浙江省人民政府办公厅关于加快首台套产品推广应用的若干意见》一、（三）: products count as 首台套 "之日起2年内"
    of their listing (the catalog's 退出目录时间 when it gives one; the years are a setting).

    ## Fires
    - "120kW一体式直流充电桩 推荐品牌：星星充电、电港、许继" where 电港's 充电桩 was listed on
      2021-09-13 and the document is dated 2025-10-10.

    ## Does not fire
    - The expired product is not of the item's kind, or another brand is a valid catalog product.
    - FS101 does not fire for the list (e.g. the catalog has no valid product of that kind at all).

    ## How to fix
    Replace the expired product with a valid one of the same kind (the suggestion names them), or
    check whether the producer's product has been listed again in the current catalog.
    """
    for index, bl in enumerate(ctx.facts.brand_lists):
        if not fails_quota(ctx, index):
            continue
        expired = [b for b in bl.brands
                   if b.catalog is not None and not b.catalog.valid and b.catalog.exit_on <= ctx.as_of
                   and ctx.catalog.is_related(bl.item, b.catalog)]
        if not expired:
            continue
        names = "、".join(
            f"{b.name}（{b.catalog.company}“{b.catalog.product}”，{b.catalog.listed_on.isoformat()}列入，"
            f"{b.catalog.exit_on.isoformat()}起不再有效）" for b in expired if b.catalog)
        yield ctx.finding(
            f"“{bl.item}”的推荐品牌中{names}已过首台套目录有效期，不能满足“至少1个首台套产品”的要求。",
            f"改用有效期内的同类首台套产品：{ctx.products_text(ctx.valid_related(bl.item))}；"
            "或核实该产品是否已重新列入现行目录。",
            bl.evidence, item=bl.item, subject=brand_subject(bl))
