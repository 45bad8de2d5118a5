"""FS201 producer-standard-not-first-set."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..fingerprint import text_subject
from .basis import PRODUCER_STANDARD
from .registry import RuleContext, rule


@rule("FS201", "producer-standard-not-first-set", "warning", PRODUCER_STANDARD)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """引用了非首台套目录企业的企业标准（Q/…），而目录中有同类有效的首台套产品。

    ## What it flags
    An enterprise standard (企业标准, code ``Q/…``) cited for a goods item when the producer it
    belongs to is not a 首台套 catalog company and the catalog holds a valid product of the
    item's kind. One finding per such reference.

    ## Why
    《浙江省人民政府办公厅关于加快首台套产品推广应用的若干意见》一、（二）: "必须引用某一生产供应者的技术标准才能准确或清楚
    说明拟招标项目的技术标准时，可以优先参考引用同等水平或条件的首台套产品生产厂家的技术标准。"

    ## Fires
    - "立式管道离心泵……还应符合江苏金湖泵阀有限公司企业标准Q/JHBF 042-2021" when the catalog lists
      a valid 离心泵 from another producer.
    - The document does not say whose standard it is (the finding says so; check it by hand).

    ## Does not fire
    - The producer is a catalog company (by full name, short name or brand), e.g. a 定海换热
      standard cited for 管壳式换热器.
    - National, industry, local or group standards (GB, JB/T, DB33/T, T/…).
    - The catalog holds no valid product of the item's kind, or the item is unknown.

    ## How to fix
    Cite national or industry standards. If a producer's standard is really needed, prefer the
    standard of a 首台套 producer of the same level (the suggestion names them) and add "或相当于".
    """
    for std in ctx.facts.standards:
        if std.kind != "enterprise" or not std.item:
            continue
        candidates = ctx.valid_related(std.item)
        if not candidates:
            continue
        if std.producer and ctx.catalog.lookup(std.producer):
            continue
        title = f"《{std.title}》" if std.title else ""
        whose = f"{std.producer}（非首台套目录企业）的企业标准" if std.producer else "企业标准（文件未写明所属企业，请核实是否为首台套产品生产企业）"
        yield ctx.finding(
            f"“{std.item}”引用了{whose}{std.code}{title}，而首台套目录中有{len(candidates)}项同类有效产品。",
            f"优先引用国家或行业标准；确需引用企业标准的，优先参考同等水平的首台套产品生产企业的技术标准，"
            f"并注明“或相当于”。可参考：{ctx.products_text(candidates)}。",
            std.evidence, item=std.item, subject=text_subject(std.item, std.code))
