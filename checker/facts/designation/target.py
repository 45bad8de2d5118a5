"""Layer 4: the item a candidate designates — from its table row, its sentence, or the heading above.

In order: the row's name column (a list in a goods table or in a cell of a table with a name
column); the words before the label on its line ("冷水机组1台，品牌：…"); the name glued to a label
inside a parameter sentence ("，断路器品牌："); the subject of the sentence before the verb
("电流互感器，推荐选用…", "进线主断路器应采用…"); the product noun right after a single brand
("欧姆龙PLC控制器" → PLC控制器); the item section around it; the numbered heading right above.
"""
from __future__ import annotations

import re

from ...normalize import CELL_SEP
from ..items import named_column, row_item, section_at
from ..text import NUMBERING, CellRef, line_bounds, sentence_bounds
from .scan import Scan
from .vocab import Phrases

MAX_ITEM_CHARS = 30
_CLAUSE_PUNCT = re.compile(r"[。；;,，、:：]")
_LETTER = re.compile(r"[^\W\d_]")
# A remark in brackets closing a heading line: "螺杆式冷水机组（更换1台，制冷量≥1000kW）".
_REMARK = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
# A name glued to a label at the end of a clause ("，断路器品牌："), and a name heading a line ("干式变压器：…").
_GLUED_NAME = re.compile(r"[。；;,，:：]\s*([^。；;,，、:：\s]{2,20})$")
_HEAD_NAME = re.compile(r"\s*([^。；;,，、:：\s]{2,30})[:：]")
# The product noun after a brand: letters, digits and CJK up to punctuation or a verb ("PLC控制器,").
_NOUN_AFTER = re.compile(r"[\s\dA-Za-z\-./]*([A-Za-z]*[\u4e00-\u9fff]{1,12})")


def trim_item(name: str, words: Phrases) -> str:
    """An item name without the words that join it to the list: "UPS蓄电池应为" → UPS蓄电池,
    "塑壳断路器性能" → 塑壳断路器, "投标灯具如" → 灯具; a product with a parameter and its value
    ("LED面板灯光效不低于100lm/W") is the product; a parameter alone is no item."""
    name = words.items.leaders.sub("", words.items.trailers.sub("", name.strip()))
    cmp = words.comparison.search(name)
    if cmp is None:
        return name
    head = name[:cmp.start()]
    head = words.parameter_nouns.sub("", head)
    return head if len(head) >= 2 and not words.comparison.search(head) else ""


def _plain_name(name: str) -> bool:
    """A short name with a letter in it and no clause punctuation: what an item may be."""
    return 2 <= len(name) <= MAX_ITEM_CHARS and not _CLAUSE_PUNCT.search(name) and bool(_LETTER.search(name))


def looks_like_item(name: str) -> bool:
    return not re.search(r"\d{4}|品牌|要求", name)


def is_name(name: str) -> bool:
    return 2 <= len(name) <= 20 and bool(re.search(r"[^\W\d_]", name)) and looks_like_item(name)


def prose_item(scan: Scan, pos: int, ref: CellRef | None) -> tuple[str, str]:
    """The item of a list whose label or verb is at ``pos``, and where it came from."""
    text = scan.text
    if ref is not None:  # a list inside a table cell belongs to the row's item
        got = row_of(scan, ref)
        if got:
            return got, "表格行的名称列"
    ls, _ = line_bounds(text, pos)
    line_head = text[ls:pos].split(CELL_SEP)[-1]
    prefix = line_head
    n = NUMBERING.match(prefix)
    prefix = prefix[n.end():] if n else prefix
    prefix = re.sub(r"(?:的|之|[:：,，])$", "", prefix.strip())
    prefix = scan.phrases.items.quantity.sub("", prefix)  # "冷水机组1台，品牌：…": the item, not its quantity
    if not _CLAUSE_PUNCT.search(prefix):  # a clause before the label: the item is glued to it (clause_item)
        prefix = trim_item(prefix, scan.phrases)
    if _plain_name(prefix):
        return prefix, "同行标签前的名称"
    clause_named = clause_item(line_head, scan.phrases)
    if clause_named:
        return clause_named, "句中标签前的名称"
    section = section_at(scan.sections, pos)
    if section:
        return section.name, "所在分项标题"
    above = heading_above(text, ls) if not prefix else ""
    return above, "上一行的编号标题" if above else ""


def row_of(scan: Scan, ref: CellRef) -> str:
    """The item named in the row of a cell: a goods table's item column, or the name column left of it."""
    for gt in scan.tables:
        if gt.table is ref.table:
            got = row_item(scan.dt, gt, ref.row)
            if got:
                return got[0]
    named = named_column(scan.dt, ref.table, scan.lex.brand_lists, ref.row)
    got = row_item(scan.dt, named, ref.row) if named is not None and named.item_col < ref.cell.col else None
    return got[0] if got else ""


def subject_item(scan: Scan, pos: int) -> str:
    """The subject before a verb in the same sentence: "电流互感器，推荐选用" → 电流互感器."""
    text = scan.text
    s, _ = sentence_bounds(text, pos)
    before = text[s:pos]
    clause = re.split(r"[。；;]", before)[-1]
    clause = clause.split(CELL_SEP)[-1]
    n = NUMBERING.match(clause)
    clause = clause[n.end():] if n else clause
    clause = re.sub(r"^[★▲■●◆※*\s]+", "", clause)
    # The last comma-free clause before the verb, or the one before it when the verb follows a comma.
    parts = [p for p in re.split(r"[,，]", clause) if p.strip()]
    for part in reversed(parts[-2:]):
        m = scan.phrases.items.subject.search(part.strip())
        if m:
            name = trim_item(scan.phrases.items.quantity.sub("", m.group(1)), scan.phrases)
            if 2 <= len(name) <= 20 and not scan.phrases.items.not_items.search(name) and is_name(name):
                return name
    return ""


def noun_after(text: str, end: int, words: Phrases) -> str:
    """The product noun written right after a brand name ("欧姆龙PLC控制器" → PLC控制器)."""
    m = _NOUN_AFTER.match(text, end, min(len(text), end + 20))
    if not m:
        return ""
    noun = m.group(1)
    stop = words.items.noun_stops.search(noun)
    noun = noun[:stop.start()] if stop else noun
    whole = text[end:m.start(1)].strip() + noun
    return whole if len(noun) >= 2 else ""


def clause_item(prefix: str, words: Phrases) -> str:
    """The item of a label inside a long parameter sentence: the name glued to the label
    ("…主母线额定电流2500A，断路器品牌：A/B/C…" → 断路器), else the name heading the line
    ("1.干式变压器：SCB14-800/10型，…，品牌：A/B/C…" → 干式变压器)."""
    n = NUMBERING.match(prefix)
    body = prefix[n.end():] if n else prefix
    glued = _GLUED_NAME.search(body)
    if glued and is_name(glued.group(1)) and not words.items.not_items.search(glued.group(1)):
        return words.items.quantity.sub("", glued.group(1))
    head = _HEAD_NAME.match(body)
    if head and is_name(_REMARK.sub("", head.group(1)).strip()):
        return _REMARK.sub("", head.group(1)).strip()
    return ""


def heading_above(text: str, line_start: int) -> str:
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
    if _plain_name(name):
        return name
    return ""


def block_item(scan: Scan, head: str, pos: int) -> str:
    """The item a label line names ("低压配电柜主要元器件参考品牌如下：" → 低压配电柜主要元器件), else its section."""
    n = NUMBERING.match(head)
    item = head[n.end():].strip() if n else head.strip()
    if not item or len(item) > MAX_ITEM_CHARS:
        section = section_at(scan.sections, pos)
        item = section.name if section else ""
    return item
