"""Borderless tables: columns aligned by position only, no vertical ruling.

A goods list pasted as text, exported without borders, or set as a 三线表 (horizontal rules only)
reaches us as loose lines cut at the column gaps. Tenders introduce such a list with a header row
naming a 品牌 column ("序号 货物名称 数量 推荐品牌"); from that header, the lines below it are read back
into rows and columns, so the brand column is known as it is in a ruled table.

Only pages with a line containing ``TRIGGER`` are looked at, so ordinary pages cost one substring test.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import BBox, Cell, Line, Page, Table

TRIGGER = "品牌"
# A gap between two glyphs of at least this many glyph heights separates two cells of a row.
CELL_GAP_EM = 0.8
# Rows further apart than this many line heights end the table.
MAX_ROW_GAP_EM = 2.5
# Slack when placing a cell under a header column (points).
ALIGN_SLACK = 3.0
MIN_COLUMNS = 3
MAX_HEADER_CHARS = 60


@dataclass(slots=True)
class _Piece:
    text: str
    x0: float
    boxes: list[BBox]
    confidences: list[float] | None = None  # read by OCR: per character, parallel to ``text``

    @property
    def bbox(self) -> BBox:
        return (min(b[0] for b in self.boxes), min(b[1] for b in self.boxes),
                max(b[2] for b in self.boxes), max(b[3] for b in self.boxes))


def aligned_tables(pages: list[Page]) -> None:
    """Turn every borderless brand table into a ``Table`` in place (PDF pages only)."""
    for page in pages:
        if any(isinstance(b, Line) and TRIGGER in b.text for b in page.blocks):
            _page(page)


def _pieces(line: Line) -> list[_Piece]:
    """The line cut into cells at wide gaps between glyphs."""
    assert line.bbox is not None and line.char_boxes is not None
    boxes = list(line.char_boxes)
    confs = list(line.confidences) if line.confidences is not None else None
    gap = CELL_GAP_EM * max(1.0, line.bbox[3] - line.bbox[1])
    out: list[_Piece] = []
    text, kept, start = "", [], 0
    prev_x1: float | None = None
    for i, (ch, box) in enumerate(zip(line.text, boxes)):
        if ch.isspace():  # a space's box says nothing about the gap; keep it inside a cell
            if text:
                text += ch
                kept.append(box)
            continue
        if prev_x1 is not None and box[0] - prev_x1 >= gap and text:
            out.append(_piece(text, kept, confs[start:start + len(text)] if confs else None))
            text, kept = "", []
        if not text:
            start = i
        text += ch
        kept.append(box)
        prev_x1 = box[2]
    if text:
        out.append(_piece(text, kept, confs[start:start + len(text)] if confs else None))
    return out


def _piece(text: str, boxes: list[BBox], confidences: list[float] | None = None) -> _Piece:
    n = len(text.rstrip())
    return _Piece(text[:n], boxes[0][0], boxes[:n], confidences[:n] if confidences is not None else None)


def _rows(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into visual rows (overlapping vertically), top to bottom, each left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda x: (x.bbox or (0, 0, 0, 0))[1]):
        assert line.bbox is not None
        if rows:
            last = rows[-1][0].bbox
            assert last is not None
            mid = (line.bbox[1] + line.bbox[3]) / 2
            if last[1] <= mid <= last[3]:
                rows[-1].append(line)
                continue
        rows.append([line])
    return [sorted(r, key=lambda x: (x.bbox or (0, 0, 0, 0))[0]) for r in rows]


def _page(page: Page) -> None:
    lines = [b for b in page.blocks if isinstance(b, Line) and b.bbox is not None and b.char_boxes is not None]
    rows = _rows(lines)
    for i, row in enumerate(rows):
        header_text = "".join(x.text for x in row)
        if TRIGGER not in header_text or len(header_text) > MAX_HEADER_CHARS or len(row) < 2:
            continue
        header = [p for x in row for p in _pieces(x)]
        if len(header) < MIN_COLUMNS:
            continue
        table, used = _read(header, rows[i + 1:], page.number)
        if table is None:
            continue
        used_ids = {id(x) for x in row} | used
        first = next(k for k, b in enumerate(page.blocks) if id(b) in used_ids)
        page.blocks = [b for b in page.blocks if id(b) not in used_ids]
        page.blocks.insert(first, table)
        return _page(page)  # another table further down the page


def _column(starts: list[float], x0: float) -> int:
    col = 0
    for k, s in enumerate(starts):
        if s <= x0 + ALIGN_SLACK:
            col = k
    return col


def _in_columns(pieces: list[_Piece], starts: list[float]) -> tuple[list[_Piece], list[int]]:
    """Pieces placed under the header columns; neighbours in one column are one cell (a full-width
    bracket or semicolon leaves a gap as wide as a column gap)."""
    out: list[_Piece] = []
    cols: list[int] = []
    for p in pieces:
        c = _column(starts, p.x0)
        if cols and cols[-1] == c:
            confs = None if out[-1].confidences is None or p.confidences is None \
                else out[-1].confidences + p.confidences
            out[-1] = _Piece(out[-1].text + p.text, out[-1].x0, out[-1].boxes + p.boxes, confs)
        else:
            out.append(p)
            cols.append(c)
    return out, cols


def _read(header: list[_Piece], rows: list[list[Line]], page: int | None) -> tuple[Table | None, set[int]]:
    starts = [p.x0 for p in header]
    height = header[0].bbox[3] - header[0].bbox[1]
    body: list[list[list[_Piece]]] = []  # rows → columns → pieces (a wrapped cell has several)
    used: set[int] = set()
    bottom = max(p.bbox[3] for p in header)
    for row in rows:
        top = min((x.bbox or (0, 0, 0, 0))[1] for x in row)
        if top - bottom > MAX_ROW_GAP_EM * height:
            break
        pieces, cols = _in_columns([p for x in row for p in _pieces(x)], starts)
        spans_columns = any(c + 1 < len(starts) and p.bbox[2] > starts[c + 1] + ALIGN_SLACK
                            for p, c in zip(pieces, cols))
        if spans_columns or len(set(cols)) != len(cols):
            break  # prose running across the columns: the table has ended
        if cols[0] == 0 or not body:
            if len(pieces) < 2:
                break
            body.append([[] for _ in starts])
        for p, c in zip(pieces, cols):
            body[-1][c].append(p)
        used.update(id(x) for x in row)
        bottom = max((x.bbox or (0, 0, 0, 0))[3] for x in row)
    if not body:
        return None, set()
    table_rows = [[_cell([p], 0, c, page) for c, p in enumerate(header)]]
    for r, cols_ in enumerate(body, 1):
        table_rows.append([_cell(ps, r, c, page, starts[c], header[c].bbox) for c, ps in enumerate(cols_)])
    boxes = [c.bbox for row_ in table_rows for c in row_ if c.bbox is not None]
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return Table(table_rows, [page], bbox, top=bbox[1]), used


def _cell(pieces: list[_Piece], row: int, col: int, page: int | None, x0: float = 0.0,
          header_box: BBox | None = None) -> Cell:
    if not pieces:  # an empty cell: a zero-width box where the column starts
        assert header_box is not None
        return Cell("", page, (x0, header_box[1], x0, header_box[1]), row, col, char_boxes=[])
    text = "\n".join(p.text for p in pieces)
    boxes: list[BBox] = []
    for k, p in enumerate(pieces):
        if k:
            boxes.append(boxes[-1])  # the "\n" between wrapped lines
        boxes.extend(p.boxes)
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    confs: list[float] | None = None
    if all(p.confidences is not None for p in pieces):
        confs = []
        for k, p in enumerate(pieces):
            if k:
                confs.append(confs[-1])  # the "\n" between wrapped lines
            confs.extend(p.confidences or ())
    return Cell(text, page, bbox, row, col, char_boxes=boxes, confidences=confs)
