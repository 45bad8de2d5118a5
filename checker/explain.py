"""``tendercheck explain``: why the tool did (not) find a brand designation, or what a rule checks.

For a file: every brand-designation candidate, accepted or rejected, with its zone, item, names
(how each was validated), equivalent clause and the reasons for the decision — the answer to
"why did it (not) find this list?", for a supervisor and for a developer. For a rule id: the rule's
documentation (``docs/rules/ID.md``, generated from the rule's docstring)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .facts.designation import Candidate
from .facts.designation.candidate import SOURCE_LABELS
from .rules.registry import excerpt
from .schema.models import Zone

RULE_ID = re.compile(r"^[A-Z]{2}\d{3}$")
QUOTE_CHARS = 80


def candidate_dict(c: Candidate) -> dict[str, Any]:
    ev = c.evidence[0] if c.evidence else None
    return {
        "accepted": c.accepted,
        "score": c.score,
        "source": c.source,
        "trigger": c.trigger,
        "item": c.item,
        "item_how": c.item_how,
        "zone": Zone.model_validate(c.zone).model_dump(),
        "names": [{"text": n.text, "ok": n.ok, "how": n.how, "known": n.known} for n in c.names],
        "equivalent_clause": bool(c.equivalent),
        "equivalent_scope": c.equivalent_scope,
        "reasons": [{"code": r.code, "text": r.text, "weight": r.weight, "veto": r.veto} for r in c.reasons],
        "decision": c.decision(),
        "quote": excerpt(c.quote, QUOTE_CHARS),
        "page": ev.page if ev else None,
        "location": ev.location if ev else None,
    }


def render_candidates(cands: list[Candidate], show_rejected: bool = True) -> str:
    """Chinese, one block per candidate: verdict, where, what, why."""
    out: list[str] = []
    accepted = sum(c.accepted for c in cands)
    out.append(f"品牌指定候选 {len(cands)} 个：采纳 {accepted} 个，否决 {len(cands) - accepted} 个")
    for i, c in enumerate(cands, 1):
        if not c.accepted and not show_rejected:
            continue
        d = candidate_dict(c)
        where = f"第{d['page']}页" if d["page"] else (d["location"] or "")
        verdict = "✔ 采纳" if c.accepted else "✘ 否决"
        out.append("")
        out.append(f"[{i}] {verdict}（得分 {c.score:.2f}）{SOURCE_LABELS[c.source]}“{c.trigger}” {where}")
        out.append(f"    位置：{c.zone.text}（{c.zone.label}）")
        out.append(f"    原文：{d['quote']}")
        out.append(f"    分项：{c.item or '（未确定）'}" + (f"（{c.item_how}）" if c.item_how else ""))
        if c.names:
            names = "；".join(f"{n.text}{'✔' if n.ok else '✘'}（{n.how}）" for n in c.names)
            out.append(f"    名称：{names}")
        eq = {"list": "清单内", "label": "标签括号内", "row": "同行备注", "table_note": "表下注释",
              "document": "全文统一说明", "benchmark": "“不低于”参照"}
        out.append("    同等条款：" + (f"有（{eq.get(c.equivalent_scope or '', c.equivalent_scope)}）"
                                   if c.equivalent else "无"))
        reasons = [r for r in c.reasons if r.weight or r.veto]
        for r in reasons:
            sign = "否决" if r.veto else f"{r.weight:+.2f}"
            out.append(f"    · {sign} {r.text}")
        out.append(f"    结论：{c.decision() or ('采纳' if c.accepted else '否决')}")
    return "\n".join(out)


def explain_rule(rule_id: str) -> str | None:
    from .rules import all_rules
    from .rules.docs import render

    rule = all_rules().get(rule_id.upper())
    return None if rule is None else render(rule)


def explain_file(path: Path, catalog: str | None, show_rejected: bool, as_json: bool) -> tuple[str, int]:
    """The explanation of one file and the exit status (2 when it could not be read)."""
    import orjson

    from .bounded import scan_bounded
    from .engine import Engine

    engine = Engine(catalog_path=catalog)
    report = scan_bounded(engine, path)  # under the memory and time bounds, like a scan
    if report.error:
        return f"tendercheck: {report.error['message']}", 2
    cands: list[Candidate] = report.facts.designation_candidates
    if as_json:
        data = {"file": report.file, "candidates": [candidate_dict(c) for c in cands]}
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode(), 0
    return f"文件：{report.file}\n" + render_candidates(cands, show_rejected), 0
