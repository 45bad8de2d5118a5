"""Layer 1, phrases without a label: examples ("如：A、B、C同品质品牌", "一线电池厂家（A、B、C）"),
benchmarks ("不低于ABB Tmax系列、施耐德NSX系列") and known brand names standing alone in a
requirement ("欧姆龙PLC控制器", "德力西断路器，施耐德接触器")."""
from __future__ import annotations

import re
from collections.abc import Iterator

from .candidate import Candidate
from .scan import Scan
from .target import noun_after, prose_item, subject_item

MAX_LIST_CHARS = 100
# What may stand between two names of one run: separators, conjunctions, spaces, nothing.
_BETWEEN_NAMES = re.compile(r"^[\s、,，/／;；|及和与或]*$")


class PhrasePatterns:
    def __init__(self, scan: Scan) -> None:
        ph = scan.phrases
        markers = "|".join(re.escape(m) for m in sorted(ph.example_markers, key=len, reverse=True))
        cues = ph.brand_cues.pattern
        # "如：A、B、C同品质品牌" / "（例如：A、B等）": a marker with a colon, or a long marker.
        # A marker with a colon ("如："), or a marker of two characters or more alone ("例如A、B").
        long_markers = "|".join(re.escape(m) for m in ph.example_markers if len(m) >= 2)
        self.example = re.compile(rf"(?:(?:{markers})\s*[:：]|{long_markers})\s*")
        self.example_end = re.compile(rf"[)）。；;]|(?:{ph.example_closers.pattern})?(?:{cues})")
        tiers = ph.tier_words.pattern
        # "一线电池厂家（宁德时代、BYD、中航、力神）": makers in brackets after a tier of makers.
        self.tier_list = re.compile(rf"(?:{tiers})[^。；;,，()（）\n\t]{{0,8}}?(?:{ph.maker_nouns.pattern})"
                                    rf"\s*[(（]([^()（）\n\t]{{2,{MAX_LIST_CHARS}}})[)）]")
        self.benchmark = re.compile(rf"(?:{ph.benchmark_cues.pattern})\s*")
        # "所投护眼灯为A、B、C等知名品牌的得2分", "设备如采用A、B等品牌的优先": brands a scoring row prefers.
        self.scoring = re.compile(rf"(?:{ph.scoring_verbs.pattern})([^，,。；;:：\n\t]{{2,{MAX_LIST_CHARS}}}?)"
                                  rf"等[^，,。；;\n\t]{{0,8}}?(?:品牌|厂家|厂商)[^，,。；;\n\t]{{0,6}}?"
                                  rf"(?:{ph.preference_cues.pattern})")


def example_candidates(scan: Scan, pats: PhrasePatterns) -> Iterator[Candidate]:
    text = scan.text
    for m in pats.example.finditer(text):
        vstart = m.end()
        limit = min(len(text), vstart + MAX_LIST_CHARS)
        end_m = pats.example_end.search(text, vstart, limit)
        line_end = min((i for i in (text.find(ch, vstart, limit) for ch in "\n\t") if i >= 0), default=limit)
        end = min(end_m.start() if end_m else limit, line_end)
        if end - vstart < 2:
            continue
        cand = Candidate("example", m.start(), end, m.group().strip(), [(vstart, end)])
        after = text[end:end + 8]
        if end_m and end_m.start() == end and scan.phrases.brand_cues.search(after):
            cand.add("brand_cue", f"举例后有品牌词“{scan.phrases.brand_cues.search(after).group()}”", 0.2)  # type: ignore[union-attr]
        _item(scan, cand)
        yield cand
    for m in pats.tier_list.finditer(text):
        cand = Candidate("example", m.start(), m.end(), m.group()[:m.start(1) - m.start()].strip(),
                         [(m.start(1), m.end(1))])
        cand.add("tier_makers", "档次词后括号内列出厂家", 0.2)
        _item(scan, cand)
        yield cand


def benchmark_candidates(scan: Scan, pats: PhrasePatterns) -> Iterator[Candidate]:
    """"技术标准不低于ABB Tmax系列、施耐德NSX系列、西门子3VL系列": makers named as the level to reach.
    Only where a model series or a known maker follows the cue; the cue itself allows equivalents."""
    text = scan.text
    for m in pats.benchmark.finditer(text):
        vstart = m.end()
        limit = min(len(text), vstart + MAX_LIST_CHARS)
        stop = re.search(r"[。；;\n\t]|[,，](?![^,，]*系列)", text[vstart:limit])
        end = vstart + stop.start() if stop else limit
        value = text[vstart:end]
        if "系列" not in value and scan.known.match(value) is None:
            continue
        cand = Candidate("benchmark", m.start(), end, m.group().strip(), [(vstart, end)])
        cand.equivalent, cand.equivalent_scope = scan.dt.evidence(m.start(), m.end()), "benchmark"
        _item(scan, cand)
        yield cand


def scoring_candidates(scan: Scan, pats: PhrasePatterns) -> Iterator[Candidate]:
    """Brands a scoring row prefers, in the evaluation part: reported as designations (a preference
    for named brands restricts competition as a recommendation does; real label R38)."""
    text = scan.text
    for m in pats.scoring.finditer(text):
        if scan.outline.zone_at(m.start()).kind != "evaluation":
            continue
        cand = Candidate("scoring", m.start(), m.end(), m.group()[:m.start(1) - m.start()], [(m.start(1), m.end(1))])
        cand.add("scoring_row", "评分项对所列品牌给分或优先", 0.2)
        _item(scan, cand)
        yield cand


def known_name_candidates(scan: Scan, covered: list[tuple[int, int]]) -> Iterator[Candidate]:
    """Runs of known brand names not inside another candidate: names next to each other ("华为小米",
    "A、B") make one candidate; names apart ("德力西断路器，施耐德接触器") one each, for the noun after each."""
    text = scan.text
    covered = sorted(covered)
    run: list[tuple[int, int]] = []

    def flush() -> Iterator[Candidate]:
        if not run:
            return
        a, b = run[0][0], run[-1][1]
        cand = Candidate("known_name", a, b, text[a:b], [(a, b)])
        noun = noun_after(text, b, scan.phrases)
        if noun and len(run) == 1:
            cand.item, cand.item_how = noun, "品牌后的产品名"
        else:
            _item(scan, cand)
        run.clear()
        yield cand

    k = 0
    for a, b, _ in _known_hits(scan):
        while k < len(covered) and covered[k][1] <= a:
            k += 1
        if any(s <= a < e for s, e in covered[max(0, k - 2):k + 3]):
            yield from flush()
            continue
        if run and not _BETWEEN_NAMES.match(text[run[-1][1]:a]):
            yield from flush()
        run.append((a, b))
    yield from flush()


# Zones where a known name standing alone can be a designation (elsewhere it is vetoed: not looked for).
_NAME_ZONES = ("requirements", "evaluation", "unknown")


def _known_hits(scan: Scan) -> Iterator[tuple[int, int, object]]:
    """Known names in the parts of the tender where one can designate (a form's or the contract's are
    vetoed anyway): the automaton runs over those spans only."""
    for a, b in scan.outline.spans(_NAME_ZONES, len(scan.text)):
        yield from scan.known.finditer(scan.text, a, b)


def _item(scan: Scan, cand: Candidate) -> None:
    item = subject_item(scan, cand.start)
    if item:
        cand.item, cand.item_how = item, "句中的主语"
    else:
        cand.item, cand.item_how = prose_item(scan, cand.start, scan.cells.at(cand.start))
