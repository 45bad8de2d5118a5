"""FC113 non-statutory-credential-required."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import SPECIFIC_CONDITIONS
from .fc_clauses import topic_findings
from .registry import RuleContext, rule


@rule("FC113", "non-statutory-credential-required", "warning", SPECIFIC_CONDITIONS)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """以非法定的认证、荣誉、协会会员或信用等级作为资格条件，或以与履约无关的体系认证、荣誉评分。

    ## What it flags
    A qualification item requiring something no law requires for the work: association membership
    (协会会员单位), credit ratings (AAA 信用等级), management-system certificates (ISO 9001, CMMI, ITSS),
    honours (荣誉称号), certificates issued by an association. And a scoring row awarding points for
    management-system or service certificates (质量/环境/职业健康安全/信息安全管理体系, 服务认证, 业务连续性,
    品牌认证) or commercial honours (优秀供应商, 诚信企业, 质量/品牌类奖项), which reviewers ask to relate to
    the contract or delete.

    ## Why
    《中华人民共和国政府采购法》第二十二条第二款: special conditions may not treat suppliers unreasonably
    differently; 招标投标领域公平竞争审查规则 第六条（五） names 特定行业组织成员身份.

    ## Fires
    - 资格要求 "投标人须为某市物业管理协会会员单位".
    - 资格要求 "具有AAA级信用等级证书".
    - 资格要求 "通过ISO9001质量管理体系认证".

    - 评分项 "投标人具有信息安全管理体系认证证书的得2分".

    ## Does not fire
    - Compulsory certification (3C/CCC), statutory licences, 环境标志产品 (a procurement policy).
    - Association membership or ratings as scoring factors (FC102/FC104/FC114 judge those).

    ## How to fix
    Drop the condition from the qualification requirements; if it matters for quality, score it
    (objectively, without restricting the issuer).
    """
    yield from topic_findings(ctx, "scored_certificate", ("scoring",), "以与合同履行无关的体系认证或荣誉评分",
                              "删除与本项目履约无直接关系的认证、荣誉评分项；确需考察的，说明其与项目的关联并限定认证范围与项目相符。")
    yield from topic_findings(ctx, "non_statutory_credential", ("qualification",), "以非法定认证、荣誉、会员或信用等级作为资格条件",
                              "删除该资格条件；确与项目质量相关的，可作为客观评分因素，且不限定颁发机构。")
