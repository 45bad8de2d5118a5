"""What the FC rules share: a finding for each clause in which the fact extractor found a topic
(checker/facts/fair.py). The rules read facts only: the clause, its kind and the words of its hit."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from ..facts.model import Clause, ClauseKind, TopicHit
from ..findings import Basis, Finding
from .registry import RuleContext, excerpt

KIND_ZH: dict[str, str] = {"qualification": "资格要求", "scoring": "评分项", "requirement": "采购需求",
                           "commercial": "商务条款", "other": "条款"}


def clauses(ctx: RuleContext, kinds: Iterable[ClauseKind]) -> Iterator[Clause]:
    wanted = set(kinds)
    f = ctx.facts
    for group in (f.qualifications, f.scoring_rows, f.clauses):
        for clause in group:
            if clause.kind in wanted:
                yield clause


def where(clause: Clause) -> str:
    """"评分项“本地化服务”" or "资格要求": what a person reads for the clause."""
    name = KIND_ZH[clause.kind]
    return f"{name}“{clause.factor}”" if clause.factor else name


@dataclass(frozen=True, slots=True)
class Wording:
    """What a finding of one variant of a topic says, how to fix it, and, when it is not the rule's,
    the text it rests on."""

    what: str
    fix: str
    basis: Basis | None = None


def topic_findings(ctx: RuleContext, topic: str, kinds: Iterable[ClauseKind], what: str,
                   suggestion: str, wording: Mapping[str | None, Wording] | None = None) -> Iterator[Finding]:
    """One finding per clause of ``kinds`` with a hit of ``topic``: "评分项“本地化服务”以本地办公场所加分（“在深圳市
    有办公场所”）：…" and the hit's evidence (the line that says it). ``wording``: by the hit's variant (the
    kind of the topic its phrasing says), what to say instead of ``what`` and ``suggestion``."""
    seen: dict[str, Finding] = {}
    for clause in clauses(ctx, kinds):
        hit = clause.hit(topic)
        if hit is None:
            continue
        # The same sentence again (a note repeated under every item, a row copied per lot): one finding
        # that quotes every copy.
        key = " ".join(" ".join(e.text.split()) for e in hit.evidence) or clause.text
        first = seen.get(key)
        if first is not None:
            first.evidence.extend(e for e in hit.evidence if e not in first.evidence)
            continue
        words = (wording or {}).get(hit.variant) or Wording(what, suggestion)
        seen[key] = f = finding(ctx, clause, hit, words.what, words.fix, words.basis)
        yield f


def finding(ctx: RuleContext, clause: Clause, hit: TopicHit, what: str, suggestion: str,
            basis: Basis | None = None) -> Finding:
    message = f"{where(clause)}{what}（“{excerpt(hit.phrase, 40)}”）：{excerpt(clause.text)}"
    # The sentence that says it first (what the report highlights), then the rest of the clause (a scoring
    # row's factor and points cells).
    evidence = list(hit.evidence) + [e for e in clause.evidence if e not in hit.evidence]
    return ctx.finding(message, suggestion, evidence, item=clause.factor, basis=basis)
