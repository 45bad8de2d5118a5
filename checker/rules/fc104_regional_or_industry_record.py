"""FC104 regional-or-industry-record."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import REGIONAL_RECORD, UNSUITED_RECORD_CONDITIONS
from .fc_clauses import Wording, topic_findings
from .registry import RuleContext, rule


@rule("FC104", "regional-or-industry-record", "violation", REGIONAL_RECORD)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """以特定行政区域或特定行业（协会）的业绩、奖项、荣誉作为资格条件或加分条件。

    ## What it flags
    A qualification item or scoring row that counts 业绩, 奖项 or 荣誉 only from one region (深圳市内的
    同类业绩, 区级/市级政府部门颁发的荣誉) or from one industry body (某行业协会颁发的奖项或证书).

    ## Why
    《中华人民共和国政府采购法实施条例》第二十条第（四）项 and 《中华人民共和国招标投标法实施条例》第三十二条
    第二款第（三）项: 特定行政区域或者特定行业的业绩、奖项 may be neither a condition nor a scoring factor.

    ## Fires
    - 评分项 "投标人具有深圳市同类项目业绩的，每个得2分".
    - 评分项 "获得市社会工作者协会颁发的督导证书的得10%".
    - 评分项 "投标人被政府部门（不含事业单位）评为示范单位的得5分".
    - 业绩 proven only by a 中标通知书 and the contract ("提供中标通知书及合同关键页": only tendered projects count).

    ## Does not fire
    - 业绩 of the same kind from anywhere ("同类项目业绩，每个得2分").
    - A clause saying 不限地区; an association as one issuer among others ("行政机关或事业单位或行业协会颁发").
    - Honours graded by the issuer's level (省级得50分，区级得15分): reviewers ask to name the issuer
      (行政机关或事业单位) rather than call it a regional limit.

    ## How to fix
    Count 业绩 and awards of the same kind wherever they were earned and whoever issued them (or name a
    kind of issuer that is open to all, such as 行政机关或事业单位), and tie them to the contract's work.
    The finding names the kind of limit the row sets — a region, the issuing body's level or kind, an
    industry association, or 业绩 counted only when won by tender — with the fix for that kind
    (each pattern of ``regional_record`` in lexicons/fair_competition.yaml says its kind). 业绩 counted
    only when won by tender is no regional or industry limit: its finding cites 《中华人民共和国政府采购法
    实施条例》第二十条第（二）项 and 《中华人民共和国招标投标法实施条例》第三十二条第二款第（二）项 (conditions
    unrelated to performing the contract) instead.
    """
    unclassified = WORDING[None]
    yield from topic_findings(ctx, "regional_record", ("qualification", "scoring"), unclassified.what,
                              unclassified.fix, WORDING)


# What the finding says and how to fix it, for each kind of limit the tender's phrasing sets (the
# pattern's variant in lexicons/fair_competition.yaml); None: a phrasing the lexicon does not classify.
WORDING: dict[str | None, Wording] = {
    None: Wording("以特定地区或特定行业（协会）的业绩、奖项作为条件或加分",
                  "删除对业绩、奖项所在地区或颁发行业（协会）的限定，改为不限地区、不限颁发机构的同类业绩或奖项。"),
    "region": Wording("以特定地区的业绩作为条件或加分", "删除对业绩所在地区的限定，改为不限地区的同类业绩。"),
    "issuer_level": Wording("以特定级别机关颁发、认定的奖项或业绩作为条件或加分",
                            "删除对颁发、认定机关级别的限定，改为认可各级行政机关或事业单位颁发的同类奖项、证明。"),
    "issuer_kind": Wording("限定颁发荣誉、奖项的机构类型",
                           "不排除事业单位等颁发机构，改为“行政机关或事业单位颁发”等对所有供应商开放的表述。"),
    "industry": Wording("以特定行业（协会）颁发的奖项、荣誉作为条件或加分",
                        "不指定特定行业协会，改为“行业协会”或不限颁发机构的同类奖项。"),
    # Not a regional or industry limit: which route a project was awarded by has nothing to do with
    # performing this contract.
    "award_route": Wording("只认可经招标取得的业绩（须提供中标通知书）",
                           "业绩以合同、验收证明等材料证明即可，不要求中标（成交）通知书，直接签订的合同同样认可。",
                           UNSUITED_RECORD_CONDITIONS),
}
