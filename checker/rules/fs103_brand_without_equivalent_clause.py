"""FS103 brand-without-equivalent-clause."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..fingerprint import brand_subject
from .basis import DESIGNATED_BRAND
from .registry import RuleContext, brands_text, rule


@rule("FS103", "brand-without-equivalent-clause", "warning", DESIGNATED_BRAND)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """推荐品牌清单没有“或相当于”“或同等档次”等允许同等替代的表述。

    ## What it flags
    A recommended-brand list that does not say other brands of the same grade are acceptable, so
    only the named brands can win.

    ## Why
    A closed list "限定或者指定特定的专利、商标、品牌" (《招标投标法实施条例》第三十二条第二款第（五）项;
    《政府采购法实施条例》第二十条第（六）项) and shuts out 首台套 products that are not on it.

    ## Fires
    - "推荐品牌：铁建重工、海瑞克、中铁装备" with no equivalence wording anywhere in the list.
    - A single designated brand without "或相当于" (FS102 fires as well).

    ## Does not fire
    - "推荐品牌：飞利浦、佳能医疗、西门子医疗或相当于" and the other equivalence phrasings, also when
      the wording sits in the table header or a note the extractor attached to the list.

    ## How to fix
    Add "或相当于" / "或同等档次及以上" after the list and state that brands are for reference only.
    """
    for bl in ctx.facts.brand_lists:
        if not bl.brands or bl.equivalent_clause:
            continue
        yield ctx.finding(
            f"“{bl.item}”的推荐品牌（{brands_text(bl)}）未注明“或相当于/或同等档次”，构成封闭的品牌清单。",
            f"在“{bl.item}”的品牌清单后加注“或相当于”或“或同等档次及以上”，并说明所列品牌仅供参考、不限制投标。",
            bl.evidence, item=bl.item, subject=brand_subject(bl))
