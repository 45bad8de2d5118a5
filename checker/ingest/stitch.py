"""Tables that run over a page break are stitched into one table.

A piece continues the previous page's table when the previous page ends with a table (nothing but
furniture below it) and the next page starts with a table of the same column layout. A header row
repeated at the top of the continuation is dropped. Every cell keeps its own page and bbox.
"""
from __future__ import annotations

from ..model import Cell, Page, Table

# Column edges within this many points are the same layout.
DEFAULT_COLUMN_TOLERANCE = 4.0


def _edges(table: Table) -> list[float]:
    widest = max(table.rows, key=len)
    xs = [c.bbox[0] for c in widest if c.bbox]
    if widest and widest[-1].bbox:
        xs.append(widest[-1].bbox[2])
    return xs


def _same_layout(a: Table, b: Table) -> bool:
    ea, eb = _edges(a), _edges(b)
    return bool(ea) and len(ea) == len(eb) and all(abs(x - y) <= DEFAULT_COLUMN_TOLERANCE for x, y in zip(ea, eb))


def _row_key(row: list[Cell]) -> list[str]:
    return ["".join(c.text.split()) for c in row]


def stitch_tables(pages: list[Page]) -> None:
    """Merge continuation pieces into the table they continue (in place)."""
    open_table: Table | None = None
    for page in pages:
        if open_table is not None and page.blocks and isinstance(page.blocks[0], Table) \
                and _same_layout(open_table, page.blocks[0]):
            piece = page.blocks.pop(0)
            assert isinstance(piece, Table)
            rows = piece.rows
            if rows and open_table.rows and _row_key(rows[0]) == _row_key(open_table.rows[0]):
                rows = rows[1:]  # header repeated on the new page
            base = len(open_table.rows)
            for i, row in enumerate(rows):
                for cell in row:
                    cell.row = base + i
                open_table.rows.append(row)
            open_table.pages.append(piece.pages[0])
            if not page.blocks:
                continue  # the whole page was the table: it may go on over the next break
        last = page.blocks[-1] if page.blocks else None
        open_table = last if isinstance(last, Table) else None
