"""FS102 designated-brand."""
from __future__ import annotations

from collections.abc import Iterator

from ..report import Finding
from .basis import DESIGNATED_BRAND
from .registry import RuleContext, brands_text, rule

MAX_DESIGNATING_BRANDS = 2  # one or two names is a designation, not a reference list


@rule("FS102", "designated-brand", "violation", DESIGNATED_BRAND)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """推荐品牌只有1个或2个，构成限定或指定品牌。

    ## What it flags
    A brand recommendation for a goods item that names just one or two brands: in practice the
    purchaser designates the product.

    ## Why
    《招标投标法实施条例》第三十二条第二款第（五）项 and 《政府采购法实施条例》第二十条第（六）项 treat
    "限定或者指定特定的专利、商标、品牌、原产地或者供应商" / "限定或者指定特定的专利、商标、品牌或者供应商"
    as restricting or discriminating against suppliers.

    ## Fires
    - "血液透析机 推荐品牌：康泉" (one brand, with or without "或相当于").
    - "管壳式换热器 参考品牌：茂名重力、定海换热或相当于" — even when one of the two is a catalog product.

    ## Does not fire
    - Three or more brands (FS101 judges those against the catalog).
    - "本项目不指定品牌" / "品牌不限": no brand list at all.

    ## How to fix
    Describe the item by its technical parameters. If brands must be named as a reference, name at
    least three of the same grade, add "或相当于", and include a valid 首台套 product when the
    catalog has one.
    """
    for bl in ctx.facts.brand_lists:
        if not 1 <= len(bl.brands) <= MAX_DESIGNATING_BRANDS:
            continue
        candidates = ctx.valid_related(bl.item)
        extra = f"；同类有效首台套产品可选：{ctx.products_text(candidates)}" if candidates else ""
        yield ctx.finding(
            f"“{bl.item}”只推荐了{len(bl.brands)}个品牌（{brands_text(bl)}），构成限定或指定品牌。",
            "改为以技术参数描述需求；确需列出参考品牌的，应列出3个以上同档次品牌并注明“或相当于”，"
            f"其中至少1个为有效期内的首台套产品{extra}。",
            bl.evidence, item=bl.item)
