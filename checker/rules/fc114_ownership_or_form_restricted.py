"""FC114 ownership-or-form-restricted."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import LOCATION_OR_FORM
from .fc_clauses import topic_findings
from .registry import RuleContext, rule


@rule("FC114", "ownership-or-form-restricted", "violation", LOCATION_OR_FORM)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """限定供应商的所有制形式或组织形式（国有企业、事业单位、社会组织…），或以只有某类组织能取得的证书评分。

    ## What it flags
    A qualification item, scoring row or requirement that admits or favours one ownership or organisation form:
    须为国有企业/事业单位/社会组织/民办非企业单位, 国有企业加分, and the 社会组织评估等级 certificate
    that only social organisations can obtain (reviewers: "只有社会组织才能获得此证书").

    ## Why
    《中华人民共和国政府采购法实施条例》第二十条第（七）项: "非法限定供应商的所有制形式、组织形式或者所在地".

    ## Fires
    - 资格要求 "投标人须为在民政部门登记的社会组织".
    - 评分项 "投标人获得民政部门颁发的《社会组织评估等级证书》的，5A得100%".

    ## Does not fire
    - "提供营业执照或事业单位法人证书" (either form accepted).
    - "行政机关或事业单位颁发的荣誉" (the issuer, not the bidder).

    ## How to fix
    Admit every form able to do the work (企业、事业单位、社会组织等均可); score the capability, not a
    certificate only one form can hold.
    """
    yield from topic_findings(ctx, "ownership_form", ("qualification", "scoring", "requirement"), "限定或偏向特定所有制、组织形式",
                              "删除对所有制形式、组织形式的限定；以能力或同类业绩评分，不以仅某类组织可取得的证书评分。")
