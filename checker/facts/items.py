"""Goods items: rows of the goods tables (采购清单) and the headings of 分项技术要求 sections.

Brand lists and standard references are attributed to the item whose row or section holds them.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Cell, Table
from ..normalize import DocText
from .lexicon import BrandListLexicon
from .model import Item
from .text import NUMBERING, SECTION_HEADING, cell_text, compact

# A heading's name is short and has no sentence punctuation.
MAX_HEADING_CHARS = 40
_NOT_HEADING = re.compile(r"[:：;；,，。!?？、]")
# Lines that open the parameters of an item: "(1)▲风量…", "1)…", "★…".
_PARAM_LINE = re.compile(r"^\s*(?:[(（]\d{1,2}[)）]|\d{1,2}[)）]|[★▲])")
# The numbering of an item heading in 分项技术要求: "1." or "1、", not "(1)" (that is a parameter).
_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}[.、．]\s*(?![(（\d]{0,1}\d*[)）])")
_NUMBER_CUT = re.compile(r"[.、．]")
# What a numbered or section heading line starts with (NUMBERING, SECTION_HEADING): most lines don't.
_MAY_HEAD = re.compile(r"\s*[\d(（一二三四五六七八九十第]")
# Rows that are not goods: totals, notes.
_NOT_ITEM = re.compile(r"^(?:合计|总计|小计|注|备注|说明|/|—|-)?$|^(?:合计|总计|小计|注[:：])")
# Bidder-filled columns are not recommendations ("投标品牌", "所投品牌", "响应品牌").
_BIDDER_COLUMN = re.compile(r"投标|所投|响应|填写|实际|拟投|拟供")


@dataclass(slots=True)
class GoodsTable:
    """A goods table. Columns are grid columns (``Cell.col``), not positions in a row: a header cell
    merged across ("推荐品牌" over 品牌一 | 品牌二 | 品牌三) heads every column under it, and a row
    whose cells are merged across has fewer cells than the grid has columns."""

    table: Table
    header_row: int
    item_col: int
    brand_cols: list[int] = field(default_factory=list)


def cell_at(row: list[Cell], col: int) -> Cell | None:
    """The cell of ``row`` covering grid column ``col`` (a merged cell covers several)."""
    for cell in row:
        if cell.col <= col < cell.col + max(1, cell.colspan):
            return cell
    return None


def _columns(cell: Cell) -> range:
    return range(cell.col, cell.col + max(1, cell.colspan))


@dataclass(slots=True)
class Section:
    """An item's section in the text: from its heading to the next heading of the same or higher level."""

    name: str
    start: int
    end: int


def _matches(header: str, labels: list[str]) -> bool:
    return any(compact(label) in header for label in labels)


def goods_tables(dt: DocText, lex: BrandListLexicon) -> list[GoodsTable]:
    out = []
    brand_labels = [compact(label) for label in lex.labels]
    for table in dt.tables:
        for r, row in enumerate(table.rows[:3]):
            headers = [(c, compact(cell_text(dt, c)[1])) for c in row]
            brand_cols = [i for c, h in headers
                          if any(label in h for label in brand_labels) and not _BIDDER_COLUMN.search(h) and len(h) <= 16
                          for i in _columns(c)]
            item_col = next((c.col for c, h in headers if _matches(h, lex.item_columns) and len(h) <= 16), None)
            if item_col is None and brand_cols:
                item_col = next((c.col for c, h in headers if h in lex.weak_item_columns), None)
            if item_col is not None:
                out.append(GoodsTable(table, r, item_col, brand_cols))
                break
    return out


def named_column(dt: DocText, table: Table, lex: BrandListLexicon, before: int) -> GoodsTable | None:
    """A table whose header (in its first rows, above row ``before``) has a name column, strong or
    weak ("名称"): the table of a list written inside a cell ("备注：建议品牌：A、B、C"), whose
    headers name no brand column."""
    names = [compact(x) for x in lex.item_columns]
    for r, row in enumerate(table.rows[:min(3, before)]):
        for c in row:
            h = compact(cell_text(dt, c)[1])
            if len(h) <= 16 and (any(n in h for n in names) or h in lex.weak_item_columns):
                return GoodsTable(table, r, c.col)
    return None


def row_item(dt: DocText, gt: GoodsTable, r: int) -> tuple[str, int] | None:
    cell = cell_at(gt.table.rows[r], gt.item_col)
    if cell is None:
        return None
    start, text = cell_text(dt, cell)
    name = text.replace("\n", "").strip()
    if _NOT_ITEM.search(name) or len(name) > MAX_HEADING_CHARS:
        return None
    header = cell_at(gt.table.rows[gt.header_row], gt.item_col)
    if gt.header_row < r and header is not None and name == cell_text(dt, header)[1].strip():
        return None  # the header repeated on the next page
    return name, start


def table_items(dt: DocText, tables: list[GoodsTable]) -> list[Item]:
    seen: dict[str, Item] = {}
    for gt in tables:
        for r in range(gt.header_row + 1, len(gt.table.rows)):
            got = row_item(dt, gt, r)
            cell = cell_at(gt.table.rows[r], gt.item_col)
            if got and cell is not None and got[0] not in seen:
                seen[got[0]] = Item(got[0], dt.cell_evidence(cell))
    return list(seen.values())


def _heading_name(line: str, known: set[str]) -> str | None:
    """The item name of a numbered heading line, or None. "4.1.5T超导…" → "1.5T超导…" when known."""
    m = NUMBERING.match(line)
    if not m:
        return None
    rest = line[m.end():].strip()
    # Numbering like "4." before a name that itself starts with digits ("1.5T…"): prefer a known item.
    for cut in _NUMBER_CUT.finditer(line, 0, m.end()):
        candidate = line[cut.end():].strip()
        if candidate in known:
            return candidate
    if rest in known:
        return rest
    if not rest or len(rest) > MAX_HEADING_CHARS or _NOT_HEADING.search(rest):
        return None
    return rest


def item_sections(dt: DocText, known: set[str]) -> list[Section]:
    """Sections headed by a numbered item heading: a known item, or a short numbered line followed by parameters."""
    text = dt.text
    lines = text.split("\n")
    heads: list[tuple[int, str | None]] = []  # (offset, item name or None for a closing heading)
    pos = 0
    for i, line in enumerate(lines):
        start = pos
        pos += len(line) + 1
        if not _MAY_HEAD.match(line) or "\t" in line:
            continue
        name = _heading_name(line, known)
        # An unknown name heads an item only as "N." / "N、" followed by its parameter lines.
        if name is not None and name not in known and not (
                _ITEM_NUMBER.match(line) and _PARAM_LINE.match(lines[i + 1] if i + 1 < len(lines) else "")):
            name = None
        if name is not None:
            heads.append((start, name))
        elif SECTION_HEADING.match(line):
            heads.append((start, None))
    sections = []
    for k, (start, name) in enumerate(heads):
        if name is None:
            continue
        end = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        sections.append(Section(name, start, end))
    return sections


def section_at(sections: list[Section], pos: int) -> Section | None:
    """The section holding ``pos``; sections are sorted and do not overlap (binary search: a long
    tender cites hundreds of standards, each looked up here)."""
    i = bisect.bisect_right(sections, pos, key=lambda s: s.start) - 1
    if i >= 0 and sections[i].start <= pos < sections[i].end:
        return sections[i]
    return None


def section_finder(sections: list[Section]) -> Callable[[int], Section | None]:
    """``section_at`` for many lookups: the section starts are listed once, not keyed per step."""
    starts = [s.start for s in sections]

    def find(pos: int) -> Section | None:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and sections[i].start <= pos < sections[i].end:
            return sections[i]
        return None

    return find


def heading_items(dt: DocText, sections: list[Section], known: set[str]) -> list[Item]:
    out = []
    for s in sections:
        if s.name not in known:
            line_end = dt.text.find("\n", s.start)
            out.append(Item(s.name, dt.evidence(s.start, line_end if line_end > 0 else s.end)))
            known.add(s.name)
    return out
