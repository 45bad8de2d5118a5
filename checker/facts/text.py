"""Small helpers over ``DocText.text`` shared by the extractors: lines, sentences, cells."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..model import Cell, Table
from ..normalize import CELL_SEP, ROW_END, DocText

# Ends of a sentence inside a line (a table cell ends at the tab).
SENTENCE_END = "。！？!?"
# A numbered line start: "1.", "1、", "(1)", "（一）", "一、", "第三条", and "3.2 水泵" / "3.2水泵" (a
# multi-level number needs no closing dot; "1.5T…" is a value, not a number, so Latin may not follow).
NUMBERING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})+(?=\s|[\u4e00-\u9fff])|\d{1,2}(?:\.\d{1,2})*[.、．)]|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)\s*")
# Higher-level headings that close an item's section: "四、执行标准", "第五章", "(三)商务要求".
SECTION_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十百\d]+[章节部分]|[(（][一二三四五六七八九十]{1,3}[)）])")


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind(ROW_END, 0, pos) + 1
    end = text.find(ROW_END, pos)
    return start, len(text) if end < 0 else end


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: within its line (or table cell), between 。！？ marks."""
    ls, le = line_bounds(text, pos)
    tab_before = text.rfind(CELL_SEP, ls, pos)
    tab_after = text.find(CELL_SEP, pos, le)
    ls = tab_before + 1 if tab_before >= 0 else ls
    le = tab_after if tab_after >= 0 else le
    start = max([text.rfind(ch, ls, pos) for ch in SENTENCE_END] + [ls - 1]) + 1
    ends = [i for i in (text.find(ch, pos, le) for ch in SENTENCE_END) if i >= 0]
    end = min(ends) + 1 if ends else le
    return start, end


def strip_span(text: str, start: int, end: int, chars: str = " \t\n") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


@dataclass(slots=True)
class CellRef:
    table: Table
    row: int
    col: int
    cell: Cell
    start: int
    end: int


class CellIndex:
    """Every table cell with its span in ``dt.text``, to ask "which cell is this offset in?".

    The segment at an offset names the cell; its table and row are found by bisection. Only the
    cells asked about get a ``CellRef`` (a long tender has thousands of cells, asked about rarely).
    """

    def __init__(self, dt: DocText) -> None:
        self.dt = dt
        self.tables: list[Table] = []
        self.table_starts: list[int] = []
        for table in dt.tables:
            start = next((s for row in table.rows for cell in row if (s := dt.cell_offset(cell)) is not None), None)
            if start is not None:
                self.tables.append(table)
                self.table_starts.append(start)
        self.row_starts: dict[int, tuple[list[int], list[int]]] = {}  # id(table) → (row starts, row indices)

    def at(self, pos: int) -> CellRef | None:
        dt = self.dt
        i = bisect.bisect_right(dt.starts, pos) - 1
        if i < 0:
            return None
        seg = dt.segments[i]
        cell = seg.source
        if not isinstance(cell, Cell) or not seg.start <= pos < max(seg.end, seg.start + 1):
            return None
        table = self.tables[bisect.bisect_right(self.table_starts, seg.start) - 1]
        starts, indices = self._rows(table)
        r = indices[bisect.bisect_right(starts, seg.start) - 1]
        c = next(k for k, other in enumerate(table.rows[r]) if other is cell)
        return CellRef(table, r, c, cell, seg.start, seg.end)

    def _rows(self, table: Table) -> tuple[list[int], list[int]]:
        """Where each row of ``table`` that has a cell in the text starts, and its index."""
        got = self.row_starts.get(id(table))
        if got is None:
            starts, indices = [], []
            for r, row in enumerate(table.rows):
                start = next((s for cell in row if (s := self.dt.cell_offset(cell)) is not None), None)
                if start is not None:
                    starts.append(start)
                    indices.append(r)
            got = self.row_starts[id(table)] = (starts, indices)
        return got


def cell_text(dt: DocText, cell: Cell) -> tuple[int, str]:
    """A cell's normalised text and its offset in ``dt.text``."""
    span = dt.cell_span(cell)
    if span is None:
        return -1, cell.text
    return span[0], dt.text[span[0]:span[1]]


def compact(text: str) -> str:
    """For comparing labels: no whitespace, no brackets' width differences."""
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")
