"""FS301 performance-requirement-without-first-set-equivalence."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..fingerprint import text_subject
from .basis import DEEMED_PERFORMANCE
from .registry import RuleContext, excerpt, rule


@rule("FS301", "performance-requirement-without-first-set-equivalence", "warning", DEEMED_PERFORMANCE)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """设置了业绩要求，但未说明有效期内的首台套产品视同已具备相应业绩。

    ## What it flags
    Each 业绩 requirement (qualification, scoring or other) in a document that nowhere states that
    首台套 catalog products within their validity are deemed to have the required performance.

    ## Why
    《浙江省人民政府办公厅关于加快首台套产品推广应用的若干意见》一、（三）: "首台套产品被纳入《浙江省首台套产品推广应用指导目录》
    （以下简称《目录》）之日起2年内，视同已具备相应工程或销售业绩。"

    ## Fires
    - "投标人近三年具有类似项目业绩不少于2个" with no equivalence statement in the document.
    - A 业绩 scoring item ("每提供1个类似业绩得1分") in such a document.

    ## Does not fire
    - The requirement itself, or any other place in the document, says "列入《浙江省首台（套）产品推广应用
      指导目录》的产品视同已具备相应业绩" (or equivalent wording).
    - No 业绩 requirement at all.

    ## How to fix
    Add after the requirement: "列入《浙江省首台（套）产品推广应用指导目录》且在有效期内的首台套产品，视同已具备
    相应工程或销售业绩。"
    """
    if ctx.facts.first_set_equivalence_stated:
        return
    for req in ctx.facts.performance_requirements:
        if req.first_set_equivalence:
            continue
        yield ctx.finding(
            f"文件要求业绩（“{excerpt(req.text)}”），但全文未写明首台套产品视同已具备相应业绩。",
            "在该业绩要求处增加：“列入《浙江省首台（套）产品推广应用指导目录》且在有效期内的首台套产品，"
            "视同已具备相应工程或销售业绩。”",
            req.evidence, subject=text_subject(req.text))
