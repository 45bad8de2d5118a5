"""首台套 facts: mentions, the 业绩-deeming statement, 业绩 requirements and new-product exclusions.

- A mention is any sentence naming 首台（套）/首批次/首版次 products (priority, points, deeming, exemption).
- The deeming statement ("列入…目录…的首台（套）产品，视同已具备上述业绩要求") covers every 业绩 requirement.
- A 业绩 requirement is a sentence (or table row) asking for prior performance: qualification, scoring or other.
- A new-product exclusion refuses new or unproven products; it is exempt when the same sentence excepts
  catalog products.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..model import Evidence
from ..normalize import DocText
from .lexicon import FirstSetLexicon, union
from .model import NewProductExclusion, PerformanceRequirement
from .text import line_bounds, sentence_bounds, strip_span

# A heading or a form title is short and asks nothing.
MIN_REQUIREMENT_CHARS = 8
# How far back a qualification/scoring context (a heading, a table title) counts.
CONTEXT_CHARS = 600


@dataclass(slots=True)
class FirstSetFacts:
    mentioned: bool
    mention_evidence: list[Evidence]
    equivalence: bool
    equivalence_evidence: list[Evidence]
    performance: list[PerformanceRequirement]
    exclusions: list[NewProductExclusion]


class FirstSetExtractor:
    def __init__(self, lex: FirstSetLexicon) -> None:
        self.lex = lex
        self._performance_words = union(lex.performance_words)

    def extract(self, dt: DocText) -> FirstSetFacts:
        text = dt.text
        mentions: list[tuple[int, int]] = []
        for rx in self.lex.mention:
            for m in rx.finditer(text):
                s, e = sentence_bounds(text, m.start())
                if (s, e) not in mentions and not any(n in text[s:e] for n in self.lex.mention_negations):
                    mentions.append((s, e))
        mentions.sort()
        mention_ev = [ev for s, e in mentions for ev in dt.evidence(*strip_span(text, s, e))]
        equivalence = [(s, e) for s, e in mentions if any(rx.search(text[s:e]) for rx in self.lex.equivalence)]
        equivalence_ev = [ev for s, e in equivalence for ev in dt.evidence(*strip_span(text, s, e))]

        exclusions = self._exclusions(dt)
        excluded_spans = [(x[0], x[1]) for x in exclusions]
        performance = self._performance(dt, bool(equivalence), excluded_spans)
        return FirstSetFacts(
            mentioned=bool(mentions), mention_evidence=mention_ev,
            equivalence=bool(equivalence), equivalence_evidence=equivalence_ev,
            performance=performance,
            exclusions=[NewProductExclusion(t, ex, ev) for _, _, t, ex, ev in exclusions],
        )

    def _exclusions(self, dt: DocText) -> list[tuple[int, int, str, bool, list[Evidence]]]:
        text = dt.text
        out = []
        seen: set[tuple[int, int]] = set()
        for rx in self.lex.new_product_exclusion:
            for m in rx.finditer(text):
                s, e = strip_span(text, *sentence_bounds(text, m.start()))
                if (s, e) in seen:
                    continue
                seen.add((s, e))
                sentence = text[s:e]
                exempt = any(x.search(sentence) for x in self.lex.exemption)
                out.append((s, e, sentence, exempt, dt.evidence(s, e)))
        out.sort(key=lambda x: x[0])
        return out

    def _performance(self, dt: DocText, equivalence: bool,
                     excluded: list[tuple[int, int]]) -> list[PerformanceRequirement]:
        """One requirement per place (a table row, else a sentence) that demands a record of prior work."""
        text = dt.text
        out: list[PerformanceRequirement] = []
        seen: set[int] = set()
        for hit in self._performance_words.finditer(text):
            pos = hit.start()
            ls, le = line_bounds(text, pos)
            s, e = sentence_bounds(text, pos)
            if ls in seen or any(a <= pos < b for a, b in excluded):
                continue
            row = "\t" in text[ls:le]
            # A table row is one requirement (label cell + requirement cell); prose is one sentence.
            a, b = (ls, le) if row else (s, e)
            a, b = strip_span(text, a, b)
            unit = text[a:b]
            sentence = text[s:e]
            if ((len(sentence.strip()) >= MIN_REQUIREMENT_CHARS or row)
                    and self._demands(unit, sentence, hit.start() - s, hit.end() - s)):
                seen.add(ls)
                out.append(PerformanceRequirement(unit, equivalence, dt.evidence(a, b), self._kind(text, a, unit)))
        return out

    def _demands(self, unit: str, sentence: str, start: int, end: int) -> bool:
        """Whether the place ``unit`` (with ``sentence`` around the record word at ``start:end``) asks for a record."""
        lex = self.lex
        if any(rx.search(sentence) or rx.search(unit) for rx in lex.performance_negations) or self._only_deeming(sentence):
            return False
        if not any(rx.search(unit) for rx in lex.performance_demands):
            return False
        if any(w in sentence for w in lex.form_titles) and not any(rx.search(sentence) for rx in lex.form_demands):
            return False  # a form's title: "类似项目业绩一览表"
        before, after = sentence[:start].rstrip(), sentence[end:]
        # "项目业绩等", "相关业绩、社保情况": skip the record word's own modifiers when looking back.
        before = re.sub(r"(?:项目|经营|工作|相关|类似|同类|企业|投标|主要)+$", "", before)
        listed = (any(before.endswith(m) for m in lex.list_marks_before)
                  or any(after.startswith(m) for m in lex.list_marks_after))
        return not listed or any(rx.search(sentence) for rx in lex.list_demands)

    def _only_deeming(self, sentence: str) -> bool:
        """"视同已具备上述业绩要求" restates a requirement made elsewhere; it asks for nothing."""
        return any(rx.search(sentence) for rx in self.lex.equivalence) and not any(
            rx.search(sentence.split("视同")[0]) for rx in self.lex.performance_demands)

    def _kind(self, text: str, start: int, unit: str) -> Literal["qualification", "scoring", "other"]:
        if any(rx.search(unit) for rx in self.lex.scoring):
            return "scoring"
        context = text[max(0, start - CONTEXT_CHARS):start] + unit
        quals = [context.rfind(m) for m in self.lex.qualification_markers]
        scores = [context.rfind(m) for m in ("评分", "评审因素", "分值", "评标办法")]
        q, sc = max(quals), max(scores)
        if q < 0 and sc < 0:
            return "other"
        return "qualification" if q >= sc else "scoring"
