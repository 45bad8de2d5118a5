"""Layer 1, tables: one candidate per goods-table row with text in a 推荐品牌/参考品牌 column.

Who fills the column decides what it is: the purchaser's 推荐品牌 column in 采购需求 designates,
the bidder's 品牌 column of a price or response form (beside 型号/产地/单价, blank or "/") does
not. The zone says which part of the tender the table is in; the table's own columns are one more
reason (``form_columns``)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Cell, Evidence
from ...normalize import DocText
from ..items import GoodsTable, cell_at, row_item
from ..text import cell_text, compact, line_bounds
from .candidate import Candidate
from .names import NameReader

# How far under a table its note may sit ("注：所列品牌仅供参考…").
TABLE_NOTE_CHARS = 300


def form_columns(dt: DocText, gt: GoodsTable, words: re.Pattern[str]) -> list[str]:
    """The header cells of ``gt`` that belong to a form bidders fill in (price, origin, deviation:
    ``form_columns`` in designation.yaml)."""
    header = gt.table.rows[gt.header_row]
    return [h for c in header if (h := compact(cell_text(dt, c)[1])) and words.search(h)]


def bare_brand_column(dt: DocText, gt: GoodsTable) -> bool:
    """The brand column is headed "品牌" (or 品牌/型号) alone, not 推荐品牌/参考品牌."""
    header = gt.table.rows[gt.header_row]
    for col in gt.brand_cols:
        cell = cell_at(header, col)
        if cell is not None and re.fullmatch(r"品牌(?:[/、及和]?(?:型号|规格|规格型号))?", compact(cell_text(dt, cell)[1])):
            return True
    return False


def table_candidates(dt: DocText, gt: GoodsTable, reader: NameReader) -> Iterator[tuple[Candidate, list[int]]]:
    """Each row's candidate and the offsets of the brand cells it read (so prose does not read them again)."""
    if not gt.brand_cols:
        return
    note_ev = table_note(dt, gt, reader)
    form = form_columns(dt, gt, reader.phrases.form_columns)
    header = "|".join(compact(cell_text(dt, c)[1]) for c in gt.table.rows[gt.header_row])
    bare = bare_brand_column(dt, gt)
    last: Candidate | None = None  # the candidate a row with an empty item cell continues
    for r in range(gt.header_row + 1, len(gt.table.rows)):
        row = gt.table.rows[r]
        got = row_item(dt, gt, r)
        if got is None:
            if last is not None and _empty_item_cell(dt, gt, r):
                # A vertically merged item cell ("冷水机组" over one brand per row): the same list.
                for start, cell in _brand_cells(dt, gt, row, reader):
                    _read_cell(dt, last, start, cell, reader)
            else:
                last = None
            continue
        cand = Candidate("table_column", -1, -1, "表格品牌列", [], item=got[0], item_how="表格行的名称列",
                         row=(id(gt.table), r), table_header=header)
        starts = []
        for start, cell in _brand_cells(dt, gt, row, reader):
            starts.append(start)
            _read_cell(dt, cand, start, cell, reader)
        last = None
        if not cand.values:
            continue
        if cand.equivalent:
            cand.equivalent_scope = "list"
        elif note_ev:
            cand.equivalent, cand.equivalent_scope = note_ev, "table_note"
        if bare and form:
            cand.add("form_table", f"列名为“品牌”，且表格有{'、'.join(form[:3])}等列：像供应商填写的表格", -0.5)
        elif form and any(reader.phrases.price_columns.search(h) for h in form):
            cand.add("price_columns", f"表格有报价列（{'、'.join(form[:3])}）", -0.1)
        last = cand
        yield cand, starts


def brand_cell_values(dt: DocText, gt: GoodsTable, reader: NameReader) -> Iterator[str]:
    """The text of each brand cell ``table_candidates`` may read, in the table's order."""
    if not gt.brand_cols:
        return
    for row in gt.table.rows[gt.header_row + 1:]:
        for start, cell in _brand_cells(dt, gt, row, reader):
            yield dt.text[start:start + len(cell_text(dt, cell)[1])]


def _read_cell(dt: DocText, cand: Candidate, start: int, cell: Cell, reader: NameReader) -> None:
    end = start + len(cell_text(dt, cell)[1])
    read = reader.read(dt, start, end)
    cand.values.append((start, end))
    cand.start = start if cand.start < 0 else min(cand.start, start)
    cand.end = max(cand.end, end)
    cand.cell = cand.cell if cand.cell is not None else start
    cand.names += read.names
    cand.evidence += dt.cell_evidence(cell)
    if read.equivalent and not cand.equivalent:
        cand.equivalent = read.equivalent


def _brand_cells(dt: DocText, gt: GoodsTable, row: list[Cell], reader: NameReader) -> Iterator[tuple[int, Cell]]:
    """Each non-empty brand cell of a row and its offset."""
    item_cell = cell_at(row, gt.item_col)
    seen: list[Cell] = []
    for c in gt.brand_cols:
        cell = cell_at(row, c)
        if cell is None or cell is item_cell or any(cell is s for s in seen):
            continue
        seen.append(cell)
        start, text = cell_text(dt, cell)
        if start >= 0 and not reader.is_empty(text):
            yield start, cell


def table_note(dt: DocText, gt: GoodsTable, reader: NameReader) -> list[Evidence]:
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
        if not reader.phrases.note.match(dt.text[ls:le]):
            break
        ev = clause_in(dt, ls, le, reader)
        if ev:
            return ev
        pos = le + 1
    for c in last:  # a merged note row at the bottom of the table
        start, text = cell_text(dt, c)
        if start >= 0 and reader.phrases.note.match(text):
            ev = clause_in(dt, start, start + len(text), reader)
            if ev:
                return ev
    return []


def clause_in(dt: DocText, start: int, end: int, reader: NameReader) -> list[Evidence]:
    """An equivalent clause about brands in dt.text[start:end] (not in a scoring sentence, not negated)."""
    eq = reader.lex.equivalent
    text = dt.text[start:end]
    m = eq.local.search(text) or eq.global_allowance.search(text)
    if m and "品牌" in text and not eq.scoring.search(text) and not reader.negated(text, m.start()):
        return dt.evidence(start, end)
    return []


def _empty_item_cell(dt: DocText, gt: GoodsTable, r: int) -> bool:
    cell = cell_at(gt.table.rows[r], gt.item_col)
    return cell is not None and not cell_text(dt, cell)[1].strip()
