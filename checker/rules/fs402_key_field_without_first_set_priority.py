"""FS402 key-field-without-first-set-priority."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import KEY_FIELDS
from .registry import RuleContext, rule


@rule("FS402", "key-field-without-first-set-priority", "info", KEY_FIELDS)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """重点领域的政府或国有资金项目，未提出首台套产品优先。

    ## What it flags
    Once per document: the project is in one of the opinions' key fields (医疗设备、新能源汽车、电力、
    能源、石化、基础设施、节能环保、水利水务、交通工程; a setting), is paid with 财政资金 or 国有资金, and
    the document never mentions 首台套.

    ## Why
    《浙江省人民政府办公厅关于加快首台套产品推广应用的若干意见》一、（一）: "政府投资项目的建设单位和政府采购单位须将首台套产品纳入
    招标采购项目中，医疗设备、新能源汽车、电力、能源、石化、基础设施、节能环保、水利水务、交通工程等重点领域工程项目所需产品，
    均应纳入统一组织的招标工作范围，鼓励优先采购首台套产品"

    ## Fires
    - A hospital's 医疗设备 tender paid from 财政资金 with no 首台套 wording.

    ## Does not fire
    - 自筹资金 (privately funded) projects; projects outside the key fields (office supplies).
    - Any mention of 首台套 (a priority statement, a scoring item, an equivalence clause).

    ## How to fix
    State the 首台套 priority in the document, e.g. a scoring preference for products listed in the
    《浙江省首台（套）产品推广应用指导目录》 within their validity, and the 业绩 equivalence clause.
    """
    f = ctx.facts
    field, funding = f.project.field, f.project.funding
    if f.first_set_mentioned or field not in ctx.config.key_fields or not ctx.config.is_public_funding(funding):
        return
    evidence = [e for key in ("field", "funding", "name") for e in f.project.evidence.get(key, [])]
    yield ctx.finding(
        f"本项目属于{field}重点领域，资金来源为{funding}，但文件未体现首台套产品优先采购。",
        "在采购需求或评审办法中写明首台套产品优先采购的措施，例如对列入《浙江省首台（套）产品推广应用指导目录》"
        "且在有效期内的产品给予优先或加分，并写明首台套产品视同具备相应业绩。",
        evidence, subject=())  # once per document
