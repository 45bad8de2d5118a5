"""FS102 designated-brand."""
from __future__ import annotations

from collections.abc import Iterator

from ..facts.model import BrandList
from ..findings import Finding
from ..fingerprint import brand_subject
from .basis import DESIGNATED_BRAND
from .registry import RuleContext, brands_text, rule

MAX_DESIGNATING_BRANDS = 2  # one or two names is a designation, not a reference list
SINGLE_SOURCE = "单一来源采购"  # the canonical name in lexicons/methods.yaml


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

    In a 单一来源 tender, listing more brands is no fix: the fix is the justification. If the one
    brand is a valid 首台套 product of the item's kind, 首购 by single source is the route the
    2017 opinions name, and the tender should say so; otherwise it must show a ground of
    政府采购法第三十一条 or be procured competitively, described by parameters.
    """
    single_source = ctx.facts.method.value == SINGLE_SOURCE
    for bl in ctx.facts.brand_lists:
        if not 1 <= len(bl.brands) <= MAX_DESIGNATING_BRANDS:
            continue
        candidates = ctx.valid_related(bl.item)
        extra = f"；同类有效首台套产品可选：{ctx.products_text(candidates)}" if candidates else ""
        fix = (_single_source_fix(ctx, bl, extra) if single_source else
               "改为以技术参数描述需求；确需列出参考品牌的，应列出3个以上同档次品牌并注明“或相当于”，"
               f"其中至少1个为有效期内的首台套产品{extra}。")
        yield ctx.finding(
            f"“{bl.item}”只推荐了{len(bl.brands)}个品牌（{brands_text(bl)}），构成限定或指定品牌。", fix,
            bl.evidence, item=bl.item, subject=brand_subject(bl))


def _single_source_fix(ctx: RuleContext, bl: BrandList, extra: str) -> str:
    """单一来源: the fix is a documented ground for the sole supplier, not a longer brand list."""
    notice = "达到公开招标数额标准的，还应经财政部门批准并公示不少于5个工作日。"
    first_set = [b.name for i, b in enumerate(bl.brands) if ctx.is_valid_related_match(bl, i)]
    if first_set:
        return (f"{'、'.join(first_set)}为有效期内的首台套产品：如系首购首台套产品，应在采购文件中写明采用单一来源"
                f"的依据（首台套目录批次、产品名称及有效期），不以品牌限定代替理由；{notice}")
    return ("单一来源采购须符合《政府采购法》第三十一条规定的情形（只能从唯一供应商处采购、发生不可预见的紧急情况、"
            "为保证原有项目一致性或服务配套需添购且不超过原合同金额10%），并在文件中写明理由；"
            f"不符合的，应改用竞争性方式，以技术参数描述需求{extra}。{notice}")
