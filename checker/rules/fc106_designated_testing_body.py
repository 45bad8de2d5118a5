"""FC106 designated-testing-body."""
from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from .basis import UNSUITED_CONDITIONS
from .fc_clauses import topic_findings
from .registry import RuleContext, rule


@rule("FC106", "designated-testing-body", "warning", UNSUITED_CONDITIONS)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """要求检测报告、认证由特定机构（或特定级别、特定认可标识的机构）出具。

    ## What it flags
    A clause asking for a test report or certificate from a named body (某质量监督检验中心, 某研究院), from
    a level of body (国家级/省级检测机构), or carrying international accreditation marks (CNAS, ILAC-MRA,
    CAL) where a CMA-qualified laboratory would do.

    ## Why
    《中华人民共和国政府采购法实施条例》第二十条第（二）项: conditions that do not fit the project's real needs
    are discrimination; reviewers: "不得限定特定机构出具的报告", "CNAS为国际认证，若无国际认证需求，请修改为具有
    CMA标识检测报告".

    ## Fires
    - "提供国家级检测机构出具的检测报告".
    - "由具有CMA、CAL、CNAS、ILAC-MRA标识的检测机构出具".

    ## Does not fire
    - "提供具有CMA资质的检验检测机构出具的检测报告" (any qualified laboratory).
    - "国家确定的认证机构出具的认证证书" (the statutory certification bodies), "CNAS或CMA" alternatives.

    ## How to fix
    Accept reports from any laboratory qualified for the test (CMA), or name the accreditation as one
    alternative among others.
    """
    yield from topic_findings(ctx, "named_testing_body", ("qualification", "scoring", "requirement", "commercial"),
                              "限定出具检测报告或认证的机构",
                              "不限定出具报告的具体机构或级别；改为“具有相应检验检测资质（CMA）的机构出具的报告”。")
