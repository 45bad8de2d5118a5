"""FS302 new-product-exclusion."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..fingerprint import text_subject
from .basis import NO_MARKET_RECORD
from .registry import RuleContext, excerpt, rule


@rule("FS302", "new-product-exclusion", "warning", NO_MARKET_RECORD)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """排斥新研制或尚无业绩的产品，且未对首台套产品作出例外规定。

    ## What it flags
    Each clause that excludes new, newly developed or not-yet-proven products ("不允许使用未成熟的或
    新研制开发的产品", "须为有3年以上成功运行业绩的成熟产品") and does not exempt catalog products.

    ## Why
    《浙江省人民政府办公厅关于加快首台套产品推广应用的若干意见》defines 首台套 products as "具有自主知识产权但尚未取得市场业绩"
    — such a clause excludes exactly them — and 一、（三） deems catalog products to have the
    performance within their validity.

    ## Fires
    - "本项目不接受样机、试制品，不允许使用未成熟的或新研制开发的产品。"

    ## Does not fire
    - The same clause followed by "列入首台套目录的产品除外" (or any exemption of catalog products).
    - Ordinary quality wording ("产品应为全新、未使用过的原厂正品"): new-condition is not new-design.

    ## How to fix
    Delete the clause, or add: "列入《浙江省首台（套）产品推广应用指导目录》且在有效期内的首台套产品不受此限。"
    """
    for clause in ctx.facts.new_product_exclusions:
        if clause.exempts_first_set:
            continue
        yield ctx.finding(
            f"文件排斥新研制或未经市场检验的产品（“{excerpt(clause.text)}”），未对首台套产品作出例外规定。",
            "删除该条款，或增加：“列入《浙江省首台（套）产品推广应用指导目录》且在有效期内的首台套产品不受此限，"
            "视同已具备相应业绩。”",
            clause.evidence, subject=text_subject(clause.text))
