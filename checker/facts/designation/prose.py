"""Layer 1, prose: candidates opened by a label ("推荐品牌：A、B、C"), by a label line over numbered
lines ("主要设备推荐品牌" / "（1）冷水机组：A、B、C"), and by a verb ("推荐选用A、B、C",
"采用ABB、施耐德、西门子品牌"). High recall: what is not a designation is rejected later, with a reason."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ...normalize import CELL_SEP
from ..text import CellRef, line_bounds
from .candidate import Candidate
from .scan import Scan
from .tables import clause_in
from .target import block_item, looks_like_item, prose_item, subject_item

MAX_BRAND_CHARS = 30
# "冷水机组：开利、特灵、约克；水泵：格兰富、威乐" inside one value: several lists, one per item.
_SUBLIST = re.compile(r"([^:：;；。\t\n]{2,20})[:：]([^;；。\t]+)")
# The numbering of a line in a block under a label line: "(1)", "1)", "1.", "1、", "①".
_BLOCK_NUMBER = re.compile(r"^\s*(?:[(（]\d{1,2}[)）]|\d{1,2}[)）.、．]|[①②③④⑤⑥⑦⑧⑨⑩])\s*")
# How far a verb's object may run: a list is short.
MAX_VERB_VALUE_CHARS = 120


class LabelPatterns:
    """The label regexes, built once from brand_lists.yaml."""

    def __init__(self, labels: list[str], joiners: list[str]) -> None:
        alt = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
        join = "|".join(re.escape(x) for x in joiners)
        # Label, an optional bracket ("参考品牌（不少于三个）"), then a colon, a tab, or a joiner word.
        self.prose = re.compile(rf"(?:{alt})(?:[(（][^)）\n]{{0,20}}[)）])?\s*(?:[:：]|\t|(?:{join})(?=\S))")
        # A line that ends with a label and names no brand ("7.2 主要设备材料推荐品牌", "…参考品牌如下："):
        # the numbered lines under it are the lists.
        self.block = re.compile(rf"^(?P<head>[^\n]{{0,40}}?)(?:{alt})(?:[(（][^)）\n]{{0,20}}[)）])?"
                                r"(?:如下)?\s*[:：]?[ \t]*$", re.MULTILINE)


def value_end(text: str, start: int) -> int:
    """End of a prose list: the sentence end; a line ending in a separator continues the list."""
    pos = start
    seps = "、，,/／;；及和"
    while True:
        candidates = [i for i in (text.find(ch, pos) for ch in "。\n\t") if i >= 0]
        end = min(candidates) if candidates else len(text)
        if end < len(text) and text[end] == "\n" and end > start and text[end - 1] in seps:
            pos = end + 1
            continue
        return end


def label_candidates(scan: Scan, labels: LabelPatterns) -> Iterator[Candidate]:
    text = scan.text
    for m in labels.prose.finditer(text):
        ref = scan.cells.at(m.start())
        if ref is not None and (ref.start in scan.done_cells or _in_header(scan, ref)):
            continue
        if text.startswith("下", m.end()):
            continue  # "参考品牌如下：" opens a block of lines (label_block), not a value
        vstart = m.end()
        vend = scan.reader.value_end(text, vstart, value_end(text, vstart))
        nxt = labels.prose.search(text, vstart, vend)
        if nxt:  # "冷却塔推荐品牌：A、B；补水泵推荐品牌：C、D": the value ends at the clause before the next label
            cut = max(text.rfind(ch, vstart, nxt.start()) for ch in ";；。")
            vend = cut if cut > vstart else nxt.start()
        value = text[vstart:vend]
        if scan.reader.is_empty(value):
            continue  # "品牌：不限", "推荐品牌：/": the label is there, no brand is
        subs = list(_SUBLIST.finditer(value))
        if len(subs) >= 2 or (subs and subs[0].start() == 0 and ";" not in value and "；" not in value
                              and looks_like_item(subs[0].group(1))):
            for s in subs:  # several item-labelled lists in one value ("冷水机组：A、B；水泵：C、D")
                a, b = vstart + s.start(2), vstart + s.end(2)
                yield Candidate("label", vstart + s.start(), b, m.group(), [(a, b)], item=s.group(1).strip(),
                                item_how="值中的分项名称")
            continue
        cand = Candidate("label", m.start(), vend, m.group(), [(vstart, vend)])
        cand.item, cand.item_how = prose_item(scan, m.start(), ref)
        own = scan.lex.equivalent.local.search(text, m.start(), m.end())
        if own and not scan.reader.negated(text[m.start():m.end()], own.start() - m.start()):
            # the clause in the label's bracket: "参考品牌（不限于）：A、B、C"
            cand.equivalent, cand.equivalent_scope = scan.dt.evidence(own.start(), own.end()), "label"
        yield cand


def block_candidates(scan: Scan, labels: LabelPatterns) -> Iterator[Candidate]:
    """The numbered lines under a label line: each "（1）冷水机组：A、B、C或同等档次；" is an item's list;
    lines holding one brand each ("（1）施耐德；（2）ABB；（3）西门子。") are one list, for the item the label
    line names ("低压配电柜主要元器件参考品牌如下："), its equivalent clause on the line after them."""
    text = scan.text
    reader = scan.reader
    for m in labels.block.finditer(text):
        if scan.cells.at(m.start()) is not None:
            continue
        pos = m.end() + 1
        out: list[Candidate] = []
        singles: list[tuple[int, int]] = []
        while pos < len(text):
            ls, le = line_bounds(text, pos)
            line = text[ls:le]
            n = _BLOCK_NUMBER.match(line)
            if not n or CELL_SEP in line:
                break
            a = ls + n.end()
            sub = _SUBLIST.match(text, a, le)
            if sub and looks_like_item(sub.group(1)) and not singles:
                out.append(Candidate("label_block", a, le, m.group().strip(), [(sub.start(2), sub.end(2))],
                                     item=sub.group(1).strip(), item_how="分项行的名称"))
            elif not out and le - a <= MAX_BRAND_CHARS:
                read = reader.read(scan.dt, a, le)
                if len(read.names) != 1 or read.equivalent:
                    out, singles = [], []
                    break  # not a line holding one brand: this is not a list
                singles.append((a, le))
            else:
                break
            pos = le + 1
        yield from out
        if singles:
            cand = Candidate("label_block", singles[0][0], singles[-1][1], m.group().strip(), singles)
            cand.item, cand.item_how = block_item(scan, m.group("head"), m.start()), "标签行的名称"
            if pos < len(text):
                ls, le = line_bounds(text, pos)
                ev = clause_in(scan.dt, ls, le, reader)
                if ev:
                    cand.equivalent, cand.equivalent_scope = ev, "list"
            yield cand


def verb_candidates(scan: Scan) -> Iterator[Candidate]:
    """A verb and its object: "推荐选用A、B、C", "采用ABB、施耐德、西门子品牌", "X可选用A,B,C或等同品牌产品".

    Strong verbs recommend by themselves; weak verbs ("采用", "选用") take materials and methods too,
    so their candidates need support from the names (known brands) or a brand cue ("…品牌")."""
    text = scan.text
    ph = scan.phrases
    for strong, pattern in ((True, ph.strong_verbs), (False, ph.weak_verbs)):
        for m in pattern.finditer(text):
            vstart = m.end()
            if text[max(0, m.start() - 2):m.start()].endswith(scan.phrases.negation_reversers):
                continue  # "不限于上述品牌", "无需采用": the verb is turned around
            if text.startswith(("品牌", "的品牌", "厂家"), vstart):
                continue  # "推荐品牌：" is a label (label_candidates)
            if not strong and ph.strong_verbs.search(text, max(0, m.start() - 2), m.end() + 2):
                continue  # "推荐采用": the strong verb already opened it
            end = value_end(text, vstart)
            end = min(end, vstart + MAX_VERB_VALUE_CHARS)
            # The object ends at the first full stop or semicolon, and (for a list written with
            # 、 or /) at the next comma: "采用ABB、施耐德、西门子品牌，分断能力…".
            stop = re.search(r"[。；;]", text[vstart:end])
            end = vstart + stop.start() if stop else end
            if not strong:
                end = _object_end(text, vstart, end)
            end = scan.reader.value_end(text, vstart, end)
            if end - vstart < 2:
                continue
            if not strong and not _supported(scan, vstart, end):
                continue  # "采用冷轧板": an ordinary object, no brand word and no known brand
            ref = scan.cells.at(m.start())
            if ref is not None and ref.start in scan.done_cells:
                continue
            cand = Candidate("verb", m.start(), end, m.group(), [(vstart, end)])
            cand.add("strong_verb" if strong else "weak_verb",
                     f"{'推荐类动词' if strong else '一般动词'}“{m.group()}”引出", 0.2 if strong else 0.0)
            item = subject_item(scan, m.start())
            if item:
                cand.item, cand.item_how = item, "动词前的主语"
            else:
                cand.item, cand.item_how = prose_item(scan, m.start(), ref)
            yield cand


def _in_header(scan: Scan, ref: CellRef) -> bool:
    """A "推荐品牌" column header: the next cell is the next column's header, not a list."""
    return any(gt.table is ref.table and ref.row <= gt.header_row for gt in scan.tables)


def _supported(scan: Scan, start: int, end: int) -> bool:
    """A weak verb's object names brands: a brand word in or right after it, or a known brand in it."""
    if scan.phrases.brand_cues.search(scan.text, start, min(len(scan.text), end + 8)):
        return True
    return next(scan.known.finditer(scan.text, start, end), None) is not None


# A piece of a comma-written list is short: a longer one is the sentence going on.
MAX_COMMA_PIECE_CHARS = 12


def _object_end(text: str, start: int, end: int) -> int:
    """Where a weak verb's object ends: "配备硬件控制器，支持协议代理…" at the comma; "沃茨,埃美柯,冠龙或等同
    品牌产品" runs on, its pieces being short; a list written with 、 or / is cut later (names.py)."""
    if re.search(r"[、/／]", text[start:end]):
        return end
    pieces = re.split(r"([，,])", text[start:end])
    pos = start + len(pieces[0])
    for k in range(1, len(pieces) - 1, 2):
        piece = pieces[k + 1]
        if len(piece.strip()) > MAX_COMMA_PIECE_CHARS:
            return pos
        pos += len(pieces[k]) + len(piece)
    return end
