"""Layer 5: the decision — a score from the source's prior and the reasons' weights, vetoes, and
one designation where several candidates read the same text (a label and a verb over one list; a
requirement copied into the 技术偏离表; a clause pasted twice in one cell)."""
from __future__ import annotations

import bisect

from ..model import Brand, BrandList
from .candidate import ACCEPT_AT, SOURCE_PRIOR, Candidate
from .scan import Scan

# Which of two overlapping candidates speaks for the text: the stronger source first.
_SOURCE_RANK = {"table_column": 0, "label": 1, "label_block": 2, "example": 3, "benchmark": 4, "scoring": 5, "verb": 6,
                "known_name": 7}


def score(cand: Candidate) -> None:
    cand.score = round(SOURCE_PRIOR[cand.source] + sum(r.weight for r in cand.reasons), 2)
    cand.accepted = not cand.vetoed and cand.score >= ACCEPT_AT
    if not cand.accepted and not cand.vetoed:
        cand.add("low_score", f"得分 {cand.score:.2f} 低于 {ACCEPT_AT}")


def resolve(cands: list[Candidate]) -> None:
    """Overlaps and copies: of candidates reading the same text, the stronger one stays."""
    accepted = sorted((c for c in cands if c.accepted), key=lambda c: (_SOURCE_RANK[c.source], -c.score, c.start))
    kept: list[Candidate] = []
    spans: list[tuple[int, int, int]] = []  # (start, end, index in kept) of kept value spans, sorted
    for c in accepted:
        other = _overlapping(spans, kept, c)
        if other is not None:
            if not other.item and c.item:  # "灯具选用如：A、B同品质品牌": the example has no item, the verb has
                other.item, other.item_how = c.item, c.item_how
            c.accepted = False
            c.add("overlap", f"与另一候选（{other.trigger}）读的是同一段文字", veto=True)
            continue
        kept.append(c)
        for a, b in c.values:
            bisect.insort(spans, (a, b, len(kept) - 1))
    # The same brands for the same item twice (a clause pasted twice, a 偏离表 copy): one designation.
    seen: dict[tuple[str, frozenset[str]], Candidate] = {}
    by_set: dict[frozenset[str], Candidate] = {}
    for c in sorted(kept, key=lambda c: (c.zone.sub == "deviation", c.start)):
        names = frozenset(n.text.casefold() for n in c.brands)
        key = (c.item, names)
        first = seen.get(key)
        if first is not None and first.row is not None and c.row is not None and first.row[0] == c.row[0] \
                and first.row != c.row and c.zone.sub != "deviation":
            first = None  # the same brands for the same product in two rows of one table (高温冷库, 低温冷库) are two
        if first is None and c.zone.sub == "deviation":
            first = by_set.get(names)
        if first is not None:
            c.accepted = False
            where = "技术偏离表中照抄的需求" if c.zone.sub == "deviation" else "重复出现"
            c.add("duplicate", f"{where}：与“{first.item or first.trigger}”的同一组品牌重复", veto=True)
            continue
        seen.setdefault(key, c)
        by_set.setdefault(names, c)


# Value spans are short (a list, a cell): a span overlapping another starts at most this far before it.
MAX_SPAN_CHARS = 400


def _overlapping(spans: list[tuple[int, int, int]], kept: list[Candidate], c: Candidate) -> Candidate | None:
    """A kept candidate whose value spans overlap one of ``c``'s (spans sorted by start: bisect, then a
    short walk back over the spans that start before this one ends)."""
    for a, b in c.values:
        i = bisect.bisect_left(spans, (b, -1, -1))
        while i > 0:
            i -= 1
            x0, x1, k = spans[i]
            if x0 < a - MAX_SPAN_CHARS:
                break
            if x0 < b and a < x1:
                return kept[k]
    return None


def to_list(scan: Scan, cand: Candidate) -> BrandList:
    brands: list[Brand] = []
    seen: set[str] = set()
    for n in cand.brands:
        key = n.text.casefold()
        if key not in seen:
            seen.add(key)
            brands.append(Brand(n.text, evidence=scan.dt.evidence(n.start, n.end)))
    evidence = cand.evidence or scan.dt.evidence(cand.start, cand.end)
    bl = BrandList(cand.item, brands, bool(cand.equivalent), evidence,
                   "table" if cand.source == "table_column" else "prose", list(cand.equivalent))
    bl.how = cand.source
    bl.score = cand.score
    bl.reasons = [r.text for r in cand.reasons if r.weight or r.veto] + ([f"分项取自{cand.item_how}"] if cand.item_how else [])
    bl.equivalent_scope = cand.equivalent_scope
    return bl
