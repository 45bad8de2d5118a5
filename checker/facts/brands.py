"""Brand lists: recommended brands per goods item, from goods tables and from prose.

A list is a recommendation ("推荐品牌：A、B、C或相当于", a 推荐品牌/参考品牌 column); its equivalent clause
may sit in the list, right after it, in the note under the table, or once for all lists elsewhere
("凡所列品牌均为参考品牌，可选用同等档次…"). Words about brands that recommend nothing ("品牌不限",
"本项目不指定品牌", the bidder-filled 品牌 column of a price form) are not lists.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeAlias

from ..model import Cell, Evidence
from ..nlp.pipeline import BRAND_SPANS, split_brands
from ..normalize import CELL_SEP, DocText
from .items import GoodsTable, Section, cell_at, named_column, row_item, section_at
from .lexicon import Lexicons, union
from .model import Brand, BrandList
from .text import NUMBERING, CellIndex, CellRef, cell_text, line_bounds, sentence_bounds

MAX_BRAND_CHARS = 30
# How far under a table its note may sit ("注：所列品牌仅供参考…").
TABLE_NOTE_CHARS = 300
# "冷水机组：开利、特灵、约克；水泵：格兰富、威乐" inside one value: several lists, one per item.
_SUBLIST = re.compile(r"([^:：;；。\t\n]{2,20})[:：]([^;；。\t]+)")
_LEADING = re.compile(r"^[\s:：为如采用包括可选]+")
# A quantity written after an item name ("1台", "2套", "10 个").
_QUANTITY_TAIL = re.compile(r"\s*\d+(?:\.\d+)?\s*(?:台|套|个|组|批|项|樘|把|只|件|部|辆|座|块|张|米|m)$")
# The numbering of a line in a block under a label line: "(1)", "1)", "1.", "1、", "①".
_BLOCK_NUMBER = re.compile(r"^\s*(?:[(（]\d{1,2}[)）]|\d{1,2}[)）.、．]|[①②③④⑤⑥⑦⑧⑨⑩])\s*")
# A remark in brackets closing a heading line: "螺杆式冷水机组（更换1台，制冷量≥1000kW）".
_REMARK = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_TRAILING = "。.;；,，、 \t\n(（"
# A name glued to a label at the end of a clause ("，断路器品牌："), and a name heading a line ("干式变压器：…").
_GLUED_NAME = re.compile(r"[。；;,，:：]\s*([^。；;,，、:：\s]{2,20})$")
_NOT_GLUED_NAME = re.compile(r"(?:采用|选用|使用|选择|为|的|之|如|均|可|应|须|其中|所列|以上|上述)$|^(?:其中|所列|以上|上述|所有|其他|其余)")
_HEAD_NAME = re.compile(r"\s*([^。；;,，、:：\s]{2,30})[:：]")
# "远东、宝胜，柜内二次线采用…": after a list separated by "、" or "/", a comma starts the rest of the sentence.
_LIST_SEP = re.compile(r"[、/／]")
_CLAUSE_COMMA = re.compile(r"[，,]")
# What a stray comma before a last brand may be followed by: one short name without these words.
MAX_LAST_BRAND_CHARS = 10
_SENTENCE_WORDS = re.compile(r"采用|选用|使用|应|须|需|为|的|型|规格|要求|不|满足|符合|投标|供应商")
_NOT_A_NAME = re.compile(r"[\d\W_]+")
# Before a negation word, these turn it around: "不指定", "不得指定", "非指定", "无需指定".
_DOUBLE_NEGATIVE = ("不", "非", "未", "不得", "无需", "无须")
# A list's brands as (name, offset in the list, length of its evidence); None: a bad word spoils the list.
_Split: TypeAlias = tuple[tuple[str, int, int], ...] | None


@dataclass(slots=True)
class _Window:
    """A list's text span in ``dt.text`` and what surrounds it."""

    item: str
    start: int
    end: int
    source: str  # "table" | "prose"
    evidence: list[Evidence]


class BrandExtractor:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        bl = lex.brand_lists
        # A value is empty when it equals an empty value or starts with one of two or more characters.
        self.empty = set(bl.empty_values)
        self.empty_prefixes = tuple(e for e in bl.empty_values if len(e) >= 2)
        self.not_brand = union(bl.not_brand_words)
        self.negative_context = union(bl.negative_contexts)
        self.tails = sorted(bl.list_tails, key=len, reverse=True)
        stops = "|".join(re.escape(x) for x in sorted(bl.value_stops, key=len, reverse=True))
        # "…瓯冷，型号：OJ-MC800": a product field after the brand ends the brand value.
        self.value_stop = re.compile(rf"[,，;；、\s]\s*(?:{stops})\s*[:：]") if stops else None
        labels = "|".join(re.escape(x) for x in sorted(bl.labels, key=len, reverse=True))
        joiners = "|".join(re.escape(x) for x in bl.label_joiners)
        # Label, an optional bracket ("参考品牌（不少于三个）"), then a colon, a tab, or a joiner word.
        self.prose_label = re.compile(rf"(?:{labels})(?:[(（][^)）\n]{{0,20}}[)）])?\s*(?:[:：]|\t|(?:{joiners})(?=\S))")
        self.verb_label = union(bl.verb_labels)
        # A line that ends with a label and names no brand ("7.2 主要设备材料推荐品牌", "…参考品牌如下："):
        # the numbered lines under it are the lists.
        self.block_label = re.compile(rf"^(?P<head>[^\n]{{0,40}}?)(?:{labels})(?:[(（][^)）\n]{{0,20}}[)）])?"
                                      r"(?:如下)?\s*[:：]?[ \t]*$", re.MULTILINE)
        # Tenders repeat a list for many items: each distinct list text is split and checked once.
        self._split = functools.lru_cache(maxsize=4096)(self._split_uncached)

    def extract(self, dt: DocText, tables: list[GoodsTable], sections: list[Section]) -> list[BrandList]:
        cells = CellIndex(dt)
        global_ev = self.global_clause(dt)
        lists: list[BrandList] = []
        done: set[int] = set()  # offsets of cells handled as brand columns
        for gt in tables:
            for bl, starts in self._table_lists(dt, gt):
                done.update(starts)
                lists.append(bl)
        for m in self.prose_label.finditer(dt.text):
            ref = cells.at(m.start())
            if ref is not None and (ref.start in done or _in_header(ref, tables)):
                continue
            if dt.text.startswith("下", m.end()):
                continue  # "参考品牌如下：" opens a block of lines (``_block_lists``), not a value
            lists.extend(self._prose_lists(dt, m, ref, tables, sections))
        for m in self.block_label.finditer(dt.text):
            if cells.at(m.start()) is None:
                lists.extend(self._block_lists(dt, m, sections))
        for m in self.verb_label.finditer(dt.text):
            if "品牌" in dt.text[m.end():self._value_end(dt.text, m.end())]:
                lists.extend(self._prose_lists(dt, m, cells.at(m.start()), tables, sections))
        for bl in lists:
            if not bl.equivalent_clause and global_ev:
                bl.equivalent_clause = True
                bl.equivalent_evidence = global_ev
        return lists

    # -- tables -------------------------------------------------------------------------------

    def _table_lists(self, dt: DocText, gt: GoodsTable) -> list[tuple[BrandList, list[int]]]:
        out: list[tuple[BrandList, list[int]]] = []
        if not gt.brand_cols:
            return out
        note_ev = self._table_note(dt, gt)
        last: BrandList | None = None  # the list a row with an empty item cell continues
        for r in range(gt.header_row + 1, len(gt.table.rows)):
            row = gt.table.rows[r]
            got = row_item(dt, gt, r)
            if got is None:
                if last is not None and _empty_item_cell(dt, gt, r):
                    # A vertically merged item cell ("冷水机组" over one brand per row): same list.
                    self._continue(dt, gt, r, last, out[-1][1])
                else:
                    last = None
                continue
            item = got[0]
            last = None
            brands: list[Brand] = []
            equivalent: list[Evidence] = []
            evidence: list[Evidence] = []
            starts = []
            for start, found, eq, cell in self._brand_cells(dt, gt, row):
                starts.append(start)
                if found:
                    brands += found
                    evidence += dt.cell_evidence(cell)
                    equivalent += eq
            if brands:
                bl = BrandList(item, _dedupe(brands), bool(equivalent or note_ev), evidence, "table",
                               equivalent or note_ev)
                out.append((bl, starts))
                last = bl
        return out

    def _brand_cells(self, dt: DocText, gt: GoodsTable,
                     row: list[Cell]) -> Iterator[tuple[int, list[Brand], list[Evidence], Cell]]:
        """Each non-empty brand cell of a row: its offset, the brands and equivalent clause in it."""
        item_cell = cell_at(row, gt.item_col)
        seen: list[Cell] = []
        for c in gt.brand_cols:
            cell = cell_at(row, c)
            if cell is None or cell is item_cell or any(cell is s for s in seen):
                continue
            seen.append(cell)
            start, text = cell_text(dt, cell)
            if start < 0 or self._is_empty(text):
                continue
            found, eq = self._parse_value(dt, start, start + len(text))
            yield start, found, eq, cell

    def _continue(self, dt: DocText, gt: GoodsTable, r: int, bl: BrandList, starts: list[int]) -> None:
        for start, found, eq, cell in self._brand_cells(dt, gt, gt.table.rows[r]):
            if found:
                starts.append(start)
                bl.brands = _dedupe(bl.brands + found)
                bl.evidence += dt.cell_evidence(cell)
                if eq and not bl.equivalent_clause:
                    bl.equivalent_clause, bl.equivalent_evidence = True, eq

    def _table_note(self, dt: DocText, gt: GoodsTable) -> list[Evidence]:
        """An equivalent clause in the table's own note row or in the lines right under it."""
        last = gt.table.rows[-1]
        end = max((cell_text(dt, c)[0] + len(cell_text(dt, c)[1]) for c in last if dt.cell_offset(c) is not None),
                  default=-1)
        if end < 0:
            return []
        window_end = min(len(dt.text), end + TABLE_NOTE_CHARS)
        # Only the note: lines starting with 注/说明/备注, stopping at the next numbered or heading line.
        pos = end + 1
        while pos < window_end:
            ls, le = line_bounds(dt.text, pos)
            line = dt.text[ls:le]
            if not re.match(r"^\s*(?:注|说明|备注|※|\*)", line):
                break
            ev = self._clause_in(dt, ls, le)
            if ev:
                return ev
            pos = le + 1
        for c in last:  # a merged note row at the bottom of the table
            start, text = cell_text(dt, c)
            if start >= 0 and re.match(r"^\s*(?:注|说明|备注)", text):
                ev = self._clause_in(dt, start, start + len(text))
                if ev:
                    return ev
        return []

    def _clause_in(self, dt: DocText, start: int, end: int) -> list[Evidence]:
        eq = self.lex.equivalent
        text = dt.text[start:end]
        m = eq.local.search(text) or eq.global_allowance.search(text)
        if m and "品牌" in text and not eq.scoring.search(text) and not self._negated(text, m.start()):
            return dt.evidence(start, end)
        return []

    # -- prose --------------------------------------------------------------------------------

    def _prose_lists(self, dt: DocText, m: re.Match[str], ref: CellRef | None, tables: list[GoodsTable],
                     sections: list[Section]) -> list[BrandList]:
        text = dt.text
        vstart = m.end()
        vend = self._value_end(text, vstart)
        ls, _ = line_bounds(text, m.start())
        sentence = text[max(ls, sentence_bounds(text, m.start())[0]):vend]
        if self.negative_context.search(sentence) or self.lex.equivalent.scoring.search(sentence):
            return []
        if self.value_stop is not None:
            stop = self.value_stop.search(text, vstart, vend)
            if stop:
                vend = stop.start()
        value = text[vstart:vend]
        if self._is_empty(value):
            return []
        # Several item-labelled sublists in one value ("冷水机组：A、B；水泵：C、D").
        subs = list(_SUBLIST.finditer(value))
        if len(subs) >= 2 or (subs and subs[0].start() == 0 and ";" not in value and "；" not in value
                              and self._looks_like_item(subs[0].group(1))):
            out = []
            for s in subs:
                a, b = vstart + s.start(2), vstart + s.end(2)
                brands, eq = self._parse_value(dt, a, b)
                if brands:
                    out.append(BrandList(s.group(1).strip(), _dedupe(brands), bool(eq), dt.evidence(vstart + s.start(), b),
                                         "prose", eq))
            return out
        brands, eq = self._parse_value(dt, vstart, vend)
        if not brands:
            return []
        if not eq:  # the clause in the label's bracket: "参考品牌（不限于）：A、B、C"
            own = self.lex.equivalent.local.search(text, m.start(), m.end())
            if own and not self._negated(text[m.start():m.end()], own.start() - m.start()):
                eq = dt.evidence(own.start(), own.end())
        item = self._prose_item(dt, m.start(), ref, tables, sections)
        return [BrandList(item, _dedupe(brands), bool(eq), dt.evidence(m.start(), vend), "prose", eq)]

    def _block_lists(self, dt: DocText, m: re.Match[str], sections: list[Section]) -> list[BrandList]:
        """The numbered lines under a label line: each "（1）冷水机组：A、B、C或同等档次；" is an item's list;
        lines holding one brand each ("（1）施耐德；（2）ABB；（3）西门子。") are one list, for the item the label
        line names ("低压配电柜主要元器件参考品牌如下："), its equivalent clause on the line after them."""
        text = dt.text
        pos = m.end() + 1
        out: list[BrandList] = []
        singles: list[Brand] = []
        first = -1
        while pos < len(text):
            ls, le = line_bounds(text, pos)
            line = text[ls:le]
            n = _BLOCK_NUMBER.match(line)
            if not n or CELL_SEP in line:
                break
            a = ls + n.end()
            sub = _SUBLIST.match(text, a, le)
            if sub and self._looks_like_item(sub.group(1)) and not singles:
                brands, eq = self._parse_value(dt, sub.start(2), sub.end(2))
                if brands:
                    out.append(BrandList(sub.group(1).strip(), _dedupe(brands), bool(eq), dt.evidence(a, le), "prose", eq))
            elif not out and le - a <= MAX_BRAND_CHARS:
                brands, eq = self._parse_value(dt, a, le)
                if len(brands) != 1 or eq:
                    return []  # not a line holding one brand: this is not a list
                singles += brands
                first = a if first < 0 else first
            else:
                break
            pos = le + 1
        if len(singles) >= 1:
            head = m.group("head")
            n = NUMBERING.match(head)
            item = head[n.end():].strip() if n else head.strip()
            if not item or len(item) > 30:
                section = section_at(sections, m.start())
                item = section.name if section else ""
            ls, le = line_bounds(text, pos) if pos < len(text) else (len(text), len(text))
            eq_ev = self._clause_in(dt, ls, le) if pos < len(text) else []
            out.append(BrandList(item, _dedupe(singles), bool(eq_ev), dt.evidence(first, ls - 1), "prose", eq_ev))
        return out

    @staticmethod
    def _looks_like_item(name: str) -> bool:
        return not re.search(r"\d{4}|品牌|要求", name)

    def _value_end(self, text: str, start: int) -> int:
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

    def _prose_item(self, dt: DocText, pos: int, ref: CellRef | None, tables: list[GoodsTable], sections: list[Section]) -> str:
        text = dt.text
        if ref is not None:  # a list inside a table cell belongs to the row's item
            for gt in tables:
                if gt.table is ref.table:
                    got = row_item(dt, gt, ref.row)
                    if got:
                        return got[0]
            # The name column left of the cell holding the list ("名称 | 参数 | 数量 | 备注").
            named = named_column(dt, ref.table, self.lex.brand_lists, ref.row)
            got = row_item(dt, named, ref.row) if named is not None and named.item_col < ref.cell.col else None
            if got:
                return got[0]
        ls, _ = line_bounds(text, pos)
        prefix = text[ls:pos].split(CELL_SEP)[-1]
        n = NUMBERING.match(prefix)
        prefix = prefix[n.end():] if n else prefix
        prefix = re.sub(r"(?:的|之|[:：,，])$", "", prefix.strip())
        prefix = _QUANTITY_TAIL.sub("", prefix)  # "冷水机组1台，品牌：…": the item, not its quantity
        if 2 <= len(prefix) <= 30 and not re.search(r"[。；;,，、:：]", prefix) and re.search(r"[^\W\d_]", prefix):
            return prefix
        clause_named = _clause_item(text[ls:pos].split(CELL_SEP)[-1])
        if clause_named:
            return clause_named
        section = section_at(sections, pos)
        if section:
            return section.name
        return _heading_above(text, ls) if not prefix else ""

    # -- values -------------------------------------------------------------------------------

    def _is_empty(self, value: str) -> bool:
        v = value.strip().strip("。.;；")
        return not v or v in self.empty or v.startswith(self.empty_prefixes)

    def _negated(self, text: str, pos: int) -> bool:
        """A negation in the 12 characters before ``pos`` ("不接受同等档次"); a negated negation is none:
        "本项目不指定品牌，所列品牌仅供参考" allows other brands as much as a clause without it."""
        start = max(0, pos - 12)
        for neg in self.lex.equivalent.negations.finditer(text, start, pos):
            if not text[max(0, neg.start() - 2):neg.start()].endswith(_DOUBLE_NEGATIVE):
                return True
        return False

    def _parse_value(self, dt: DocText, start: int, end: int) -> tuple[list[Brand], list[Evidence]]:
        """Brands in text[start:end] and the evidence of an equivalent clause found there."""
        text = dt.text[start:end]
        eq_ev: list[Evidence] = []
        m = self.lex.equivalent.local.search(text)
        cut = len(text)
        if m and not self._negated(text, m.start()):
            eq_ev = dt.evidence(start + m.start(), start + m.end())
            cut = m.start()
        elif m:
            cut = m.start()
        head = _cut_at_clause_comma(text[:cut])
        lead = _LEADING.match(head)
        offset = lead.end() if lead else 0
        head = head[offset:].rstrip(_TRAILING)
        for tail in self.tails:
            if head.endswith(tail) and len(head) > len(tail):
                head = head[: -len(tail)].rstrip(_TRAILING)
                break
        if not head:
            return [], eq_ev
        split = self._split(head)
        if split is None:
            return [], []
        brands = []
        for name, at, length in split:
            a = start + offset + at
            brands.append(Brand(name, evidence=dt.evidence(a, a + length)))
        return brands, eq_ev

    def _split_uncached(self, head: str) -> _Split:
        """The brands of one list text (see ``_Split``)."""
        brands: list[tuple[str, int, int]] = []
        invalid_after_valid = False
        for span in split_brands(head).spans[BRAND_SPANS]:
            text = span.text
            name = self._clean(text)
            if not name:
                continue
            if not self._valid(name):
                # A sentence after the list ("…约克等品牌，投标人可选用…") ends it; a bad word inside spoils it.
                invalid_after_valid = invalid_after_valid or bool(brands)
                if not brands:
                    return None
                continue
            if invalid_after_valid:
                return None
            brands.append((name, span.start_char, len(text.rstrip())))
        return tuple(brands)

    def _clean(self, text: str) -> str:
        name = text.strip().strip("\"“”'‘’")
        if name.startswith("(") and name.endswith(")"):
            name = name[1:-1]
        if name.count(")") > name.count("("):
            name = name.rstrip(")")
        if name.count("(") > name.count(")"):
            name = name.lstrip("(").split("(")[0] if name.startswith("(") else name.split("(")[0]
        for tail in self.tails:
            if name.endswith(tail) and len(name) > len(tail):
                name = name[: -len(tail)]
                break
        return name.strip()

    def _valid(self, name: str) -> bool:
        if not name or len(name) > MAX_BRAND_CHARS or _NOT_A_NAME.fullmatch(name):
            return False
        if name.count("(") != name.count(")"):
            return False
        return not self.not_brand.search(name)

    # -- the document-wide clause ---------------------------------------------------------------

    def global_clause(self, dt: DocText) -> list[Evidence]:
        """A sentence making every listed brand a reference ("凡所列品牌均为参考品牌，可选用同等档次…")."""
        eq = self.lex.equivalent
        text = dt.text
        seen: set[int] = set()
        for m in re.finditer("品牌", text):
            s, e = sentence_bounds(text, m.start())
            if s in seen:
                continue
            seen.add(s)
            sentence = text[s:e]
            if CELL_SEP in sentence or eq.scoring.search(sentence):
                continue
            if not any(p.search(sentence) for p in eq.global_subject):
                continue
            allow = eq.global_allowance.search(sentence)
            if allow and any(lm.start() <= allow.start() < lm.end() for lm in self.prose_label.finditer(sentence)):
                continue  # a list's own clause in its label ("参考品牌（不限于）：A、B、C") speaks for that list only
            if allow and not self._negated(sentence, allow.start()):
                return dt.evidence(s, e)
        return []


def _clause_item(prefix: str) -> str:
    """The item of a label inside a long parameter sentence: the name glued to the label
    ("…主母线额定电流2500A，断路器品牌：A/B/C…" → 断路器), else the name heading the line
    ("1.干式变压器：SCB14-800/10型，…，品牌：A/B/C…" → 干式变压器)."""
    n = NUMBERING.match(prefix)
    body = prefix[n.end():] if n else prefix
    glued = _GLUED_NAME.search(body)
    if glued and _is_name(glued.group(1)) and not _NOT_GLUED_NAME.search(glued.group(1)):
        return _QUANTITY_TAIL.sub("", glued.group(1))
    head = _HEAD_NAME.match(body)
    if head and _is_name(_REMARK.sub("", head.group(1)).strip()):
        return _REMARK.sub("", head.group(1)).strip()
    return ""


def _is_name(name: str) -> bool:
    return 2 <= len(name) <= 20 and bool(re.search(r"[^\W\d_]", name)) and BrandExtractor._looks_like_item(name)


def _heading_above(text: str, line_start: int) -> str:
    """The item of a numbered heading on the line right above a list that starts its own line:
    "2.1 螺杆式冷水机组（更换1台，制冷量≥1000kW）" / "参考品牌：A、B、C" → 螺杆式冷水机组 (the remark in
    brackets after the name is not part of it)."""
    if line_start <= 0:
        return ""
    prev = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
    n = NUMBERING.match(prev)
    if not n or CELL_SEP in prev:
        return ""
    name = _REMARK.sub("", prev[n.end():]).strip()
    if 2 <= len(name) <= 30 and not re.search(r"[。；;,，、:：]", name) and re.search(r"[^\W\d_]", name):
        return name
    return ""


def _cut_at_clause_comma(head: str) -> str:
    """A list written with "、" or "/" ends at the first comma outside brackets: what follows is the rest
    of the parameter sentence ("电缆品牌：远东、宝胜，柜内二次线采用阻燃型…"), not another brand."""
    first = _LIST_SEP.search(head)
    if first is None:
        return head
    depth = 0
    for i in range(first.end(), len(head)):
        ch = head[i]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and _CLAUSE_COMMA.match(ch):
            earlier = _CLAUSE_COMMA.search(head, 0, first.start())
            return head if earlier or _last_brand(head[i + 1:]) else head[:i]
    return head


def _last_brand(rest: str) -> bool:
    """After the comma comes one more short name and nothing else ("格兰富、威乐，南方泵业" before "或同档次"):
    a last brand behind a stray comma, not the rest of a parameter sentence."""
    rest = rest.strip()
    return 2 <= len(rest) <= MAX_LAST_BRAND_CHARS and not re.search(r"[，,；;。:：、/／\s]", rest) \
        and not _SENTENCE_WORDS.search(rest)


def _empty_item_cell(dt: DocText, gt: GoodsTable, r: int) -> bool:
    cell = cell_at(gt.table.rows[r], gt.item_col)
    return cell is not None and not cell_text(dt, cell)[1].strip()


def _in_header(ref: CellRef, tables: list[GoodsTable]) -> bool:
    """A "推荐品牌" column header: the next cell is the next column's header, not a list."""
    return any(gt.table is ref.table and ref.row <= gt.header_row for gt in tables)


def _dedupe(brands: list[Brand]) -> list[Brand]:
    seen: set[str] = set()
    out = []
    for b in brands:
        key = b.name.lower()
        if key not in seen:
            seen.add(key)
            out.append(b)
    return out
