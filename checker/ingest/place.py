"""Which glyphs of a PDF page go into body lines and which into table cells, in text order.

pdfium's text of a page is a sequence of runs (glyphs between generated line breaks "\\r\\n").
Each glyph goes to the body line being built or, when its centre lies in a ruled table's cell,
to that cell; a glyph drawn twice at the same place (fake bold) is read once. ``place`` does
this for a whole page at once with numpy; ``place_per_glyph`` is the plain glyph-by-glyph loop
it must agree with exactly (the reference, see tests/test_speed_paths.py). Both give a
``Placement``, from which ``finish_lines`` and ``build_tables`` make the page's blocks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..model import BBox, Cell, Line, Table
from .boxes import CharBoxes, box_tuples
from .grid import Grid

# Two identical glyphs closer than this (points) are one glyph drawn twice for fake bold.
DUPLICATE_GLYPH_TOLERANCE = 1.0
# Neighbouring glyphs of one line further apart than this many glyph heights are two columns.
COLUMN_GAP_HEIGHTS = 4.0

_LF, _CR = 10, 13


@dataclass(slots=True)
class Placement:
    """Where a page's glyphs went. Body lines: glyph indices in text order, cut into lines by
    ``line_lengths`` (a line may be blank; ``finish_lines`` drops those), and their text. Cells:
    one entry per glyph in text order, with the cell's number (``Cells``) and whether a line
    break came before it in that cell (a "\\n" in the cell's text)."""

    line_glyphs: np.ndarray
    line_lengths: list[int]
    line_text: str
    cell_glyphs: np.ndarray
    cell_ids: np.ndarray
    cell_breaks: np.ndarray


class Cells:
    """The cells of a page's grids, numbered grid by grid, row by row, left to right.

    ``bbox`` has one (x0, top, x1, bottom) row per cell and a last row that contains nothing,
    so that cell number -1 ("no cell") fails every containment test.
    """

    def __init__(self, grids: list[Grid]) -> None:
        self.grids = grids
        self.first: list[list[int]] = []  # number of each row's first cell, per grid
        boxes: list[BBox] = []
        for g in grids:
            self.first.append([])
            for row in g.cells:
                self.first[-1].append(len(boxes))
                boxes += [c.bbox for c in row]
        self.count = len(boxes)
        boxes.append((np.inf, np.inf, -np.inf, -np.inf))
        self.bbox = np.array(boxes, dtype=np.float64)

    def locate(self, cx: np.ndarray, cy: np.ndarray) -> np.ndarray:
        """Number of the cell holding each centre, or -1: the first grid whose outline holds it,
        its first row holding ``cy``, that row's first cell holding ``cx``, ends included."""
        out = np.full(len(cx), -1, dtype=np.intp)
        todo = np.ones(len(cx), dtype=bool)
        for g, first in zip(self.grids, self.first):
            gx0, gy0, gx1, gy1 = g.bbox
            hit = np.flatnonzero(todo & (gx0 <= cx) & (cx <= gx1) & (gy0 <= cy) & (cy <= gy1))
            if not len(hit):
                continue
            todo[hit] = False
            x, y = cx[hit, None], cy[hit, None]
            rows = [row[0].bbox for row in g.cells]
            in_row = (np.array([b[1] for b in rows]) <= y) & (y <= np.array([b[3] for b in rows]))
            r = in_row.argmax(axis=1)
            width = max(len(row) for row in g.cells)
            # cell edges per row, padded with empty cells (x0 = inf, x1 = -inf)
            x0 = np.full((len(rows), width), np.inf)
            x1 = np.full((len(rows), width), -np.inf)
            for k, row in enumerate(g.cells):
                x0[k, :len(row)] = [c.bbox[0] for c in row]
                x1[k, :len(row)] = [c.bbox[2] for c in row]
            in_cell = (x0[r] <= x) & (x <= x1[r])
            c = in_cell.argmax(axis=1)
            found = in_row[np.arange(len(hit)), r] & in_cell[np.arange(len(hit)), c]
            out[hit[found]] = np.array(first, dtype=np.intp)[r[found]] + c[found]
        return out


def place(codes: np.ndarray, boxes: np.ndarray, space: np.ndarray, cells: Cells) -> Placement:
    """Placement of a page's glyphs, computed for all glyphs at once (see ``place_per_glyph``).

    ``codes`` are the text's code points, ``boxes`` the glyphs' (x0, top, x1, bottom), ``space``
    marks whitespace. A glyph starts a run when it follows a line break; only later glyphs of a
    run may stay in the previous glyph's cell while poking over its ruling, which is resolved by
    repeating a vectorised step until nothing changes (such chains are a glyph or two long).
    """
    brk = (codes == _LF) | (codes == _CR)
    kept = ~brk
    kept[_doubles(codes, boxes, space, brk)] = False
    in_cell = _NO_GLYPHS
    ids = _NO_GLYPHS
    breaks = _NO_BREAKS
    if cells.count:
        order = np.flatnonzero(kept)
        b = boxes[order]
        cy = (b[:, 1] + b[:, 3]) / 2
        loc = cells.locate((b[:, 0] + b[:, 2]) / 2, cy)
        if (loc >= 0).any():
            first = np.empty(len(codes), dtype=bool)  # a run's first glyph
            first[0] = True
            first[1:] = brk[:-1]
            where = _stick(loc, first[order], b[:, 0], cy, cells.bbox)
            placed = where >= 0
            kept[order[placed]] = False  # the rest goes to body lines
            in_cell, ids = order[placed], where[placed]
            # A "\n" goes before a run's first glyph in a cell that already has text (a page's
            # first run follows no break, but then the cell has no text yet either).
            breaks = first[in_cell]
            breaks[np.unique(ids, return_index=True)[1]] = False
    line_glyphs = np.flatnonzero(kept)
    line_no = np.cumsum(codes == _LF)[line_glyphs]  # a "\n" ends the line; "\r" alone does not
    lengths = np.bincount(line_no)
    return Placement(line_glyphs, lengths[lengths > 0].tolist(), _chars(codes[line_glyphs]), in_cell, ids, breaks)


_NO_GLYPHS = np.empty(0, dtype=np.intp)
_NO_BREAKS = np.empty(0, dtype=bool)


def _doubles(codes: np.ndarray, boxes: np.ndarray, space: np.ndarray, brk: np.ndarray) -> list[int]:
    """Glyphs to drop: the same glyph as the last one kept before it in its run (spaces between
    aside) and within the tolerance of it in x0 and top."""
    ink = np.flatnonzero(~space)  # line breaks are whitespace too
    same = codes[ink[1:]] == codes[ink[:-1]]
    if not same.any():
        return []
    a, b = ink[:-1][same], ink[1:][same]
    run = np.cumsum(brk)
    a, b = a[run[a] == run[b]], b[run[a] == run[b]]  # neighbours within one run
    if not ((np.abs(boxes[a, 0] - boxes[b, 0]) < DUPLICATE_GLYPH_TOLERANCE)
            & (np.abs(boxes[a, 1] - boxes[b, 1]) < DUPLICATE_GLYPH_TOLERANCE)).any():
        return []  # a glyph is only dropped after a close neighbour is
    x0, top = boxes[:, 0].tolist(), boxes[:, 1].tolist()
    kept_as: dict[int, int] = {}  # dropped glyph -> the kept glyph it doubled
    for i, j in zip(a.tolist(), b.tolist()):
        i = kept_as.get(i, i)
        if abs(x0[i] - x0[j]) < DUPLICATE_GLYPH_TOLERANCE and abs(top[i] - top[j]) < DUPLICATE_GLYPH_TOLERANCE:
            kept_as[j] = i
    return list(kept_as)


def _stick(loc: np.ndarray, first: np.ndarray, x0: np.ndarray, cy: np.ndarray, bbox: np.ndarray) -> np.ndarray:
    """Cell of each placed glyph: the previous glyph's cell if the glyph is not first in its run
    and starts inside that cell at a height within it, else its own (``loc``)."""
    where = loc
    while True:
        prev = np.empty_like(where)
        prev[0], prev[1:] = -1, where[:-1]
        prev[first] = -1
        cb = bbox[prev]  # row -1 holds nothing
        stays = (cb[:, 0] <= x0) & (x0 <= cb[:, 2]) & (cb[:, 1] <= cy) & (cy <= cb[:, 3])
        new = np.where(stays, prev, loc)
        if np.array_equal(new, where):
            return where
        where = new


def _chars(codes: np.ndarray) -> str:
    return codes.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")


def code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


# Every character str.isspace() (and so the regex \\s) accepts lies at or below U+3000, the
# ideographic space; U+3001 is not one and stands in for everything above it.
_IS_SPACE = np.array([chr(c).isspace() for c in range(0x3002)])


def space_mask(codes: np.ndarray) -> np.ndarray:
    mask: np.ndarray = _IS_SPACE[np.minimum(codes, 0x3001)]
    return mask


def place_per_glyph(text: str, boxes: np.ndarray, cells: Cells) -> Placement:
    """The reference for ``place``: every run of the page glyph by glyph."""
    placer = _GlyphPlacer(text, boxes, cells)
    end = 0
    for m in _RUN.finditer(text):
        s, e = m.span()
        if s > end:
            placer.line_break(text[end:s])
        placer.place(s, e)
        end = e
    placer.flush()
    return placer.placement()


_RUN = re.compile(r"[^\r\n]+")  # text between generated line breaks


class _GlyphPlacer:
    """Puts each glyph of a page into a body line or a table cell, in text order.

    State between glyphs: ``prev`` (the last glyph kept, to drop a fake-bold double), ``broke``
    (a generated line break since the previous glyph) and ``last_cell`` (the cell the previous
    glyph went to). A line break resets ``prev`` and sets ``broke``; a "\\n" also ends the line.
    """

    def __init__(self, text: str, boxes: np.ndarray, cells: Cells) -> None:
        self.text, self.boxes, self.cells = text, boxes, cells
        self.cur_text: list[str] = []
        self.cur_glyphs: list[int] = []
        self.line_texts: list[str] = []
        self.line_glyphs: list[list[int]] = []
        self.cell_entries: list[tuple[int, int, bool]] = []  # glyph, cell, line break before it
        self.filled: set[int] = set()
        self.broke = False
        self.last_cell: int | None = None

    def flush(self) -> None:
        s = "".join(self.cur_text)
        if s.strip():
            self.line_texts.append(s)
            self.line_glyphs.append(self.cur_glyphs)
        self.cur_text, self.cur_glyphs = [], []

    def line_break(self, breaks: str) -> None:
        """Generated breaks ("\\r", "\\n") between two runs; a "\\n" ends the line."""
        if "\n" in breaks:
            self.flush()
        self.broke = True

    def place(self, s: int, e: int) -> None:
        text, cells = self.text, self.cells
        boxes = box_tuples(self.boxes[s:e])
        prev: tuple[str, BBox] | None = None  # runs start after a line break (or the page start)
        for i in range(s, e):
            ch = text[i]
            box = boxes[i - s]
            if not ch.isspace():
                if prev is not None and prev[0] == ch and abs(prev[1][0] - box[0]) < DUPLICATE_GLYPH_TOLERANCE \
                        and abs(prev[1][1] - box[1]) < DUPLICATE_GLYPH_TOLERANCE:
                    continue  # fake bold: the same glyph drawn twice
                prev = (ch, box)
            where = None
            if self.last_cell is not None and not self.broke:
                # Text running on from the previous glyph stays in its cell even where a glyph
                # pokes over the ruling (a trailing "、" drawn past the border).
                cb = cells.bbox[self.last_cell].tolist()
                if cb[0] <= box[0] <= cb[2] and cb[1] <= (box[1] + box[3]) / 2 <= cb[3]:
                    where = self.last_cell
            if where is None:
                where = _locate(cells, box)
            if where is not None:
                self.cell_entries.append((i, where, self.broke and where in self.filled))
                self.filled.add(where)
            else:
                self.cur_text.append(ch)
                self.cur_glyphs.append(i)
            self.last_cell = where
            self.broke = False

    def placement(self) -> Placement:
        glyphs, ids, breaks = zip(*self.cell_entries) if self.cell_entries else ((), (), ())
        return Placement(np.array([i for g in self.line_glyphs for i in g], dtype=np.intp),
                         [len(g) for g in self.line_glyphs], "".join(self.line_texts),
                         np.array(glyphs, dtype=np.intp), np.array(ids, dtype=np.intp),
                         np.array(breaks, dtype=bool))


def _locate(cells: Cells, box: BBox) -> int | None:
    """Number of the cell holding the glyph's centre, or None outside every table."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    for g, first in zip(cells.grids, cells.first):
        gx0, gy0, gx1, gy1 = g.bbox
        if not (gx0 <= cx <= gx1 and gy0 <= cy <= gy1):
            continue
        for r, row in enumerate(g.cells):
            _, y0, _, y1 = row[0].bbox
            if y0 <= cy <= y1:
                for c, cell in enumerate(row):
                    if cell.bbox[0] <= cx <= cell.bbox[2]:
                        return first[r] + c
                return None
        return None
    return None


def finish_lines(placement: Placement, boxes: np.ndarray, space: np.ndarray, number: int) -> list[Line]:
    """The page's body lines, each with its bbox (over non-space glyphs) and char boxes.

    A line is cut where two neighbouring glyphs stand far apart on the same baseline: that is
    two columns (a cover's "采购人：…" beside "采购代理机构：…"), not one sentence.
    """
    lengths = placement.line_lengths
    if not lengths:
        return []
    text = placement.line_text
    rows = boxes[placement.line_glyphs]  # one copy per page, in line order; lines hold views into it
    blank = space[placement.line_glyphs]
    cuts = _column_gaps(rows, blank, lengths)
    if cuts:
        lengths = _cut_lengths(lengths, cuts)
    starts = np.zeros(len(lengths), dtype=np.intp)
    np.cumsum(lengths[:-1], out=starts[1:])
    x0 = np.minimum.reduceat(np.where(blank, np.inf, rows[:, 0]), starts).tolist()
    y0 = np.minimum.reduceat(np.where(blank, np.inf, rows[:, 1]), starts).tolist()
    x1 = np.maximum.reduceat(np.where(blank, -np.inf, rows[:, 2]), starts).tolist()
    y1 = np.maximum.reduceat(np.where(blank, -np.inf, rows[:, 3]), starts).tolist()
    out = []
    for a, n, left, top, right, bottom in zip(starts.tolist(), lengths, x0, y0, x1, y1):
        piece = text[a:a + n]
        stripped = piece.strip()
        if not stripped:
            continue
        if len(stripped) != n:  # e.g. a column piece: drop the generated spaces at its ends
            a += n - len(piece.lstrip())
        out.append(Line(stripped, number, (left, top, right, bottom), char_boxes=CharBoxes(rows[a:a + len(stripped)])))
    return out


def _column_gaps(rows: np.ndarray, blank: np.ndarray, lengths: list[int]) -> list[int]:
    """Offsets (into the page's line-ordered glyphs) where a line is cut into columns.

    Measured between consecutive non-space glyphs of the same line (generated spaces sit in the
    gap with no width of their own)."""
    idx = np.flatnonzero(~blank)
    if len(idx) < 2:
        return []
    x0, top, x1, bottom = rows[idx].T  # the non-space glyphs; a: each but the last, b: its next
    tall = bottom - top
    height = np.maximum(np.maximum(tall[:-1], tall[1:]), 1.0)
    far = (x0[1:] - x1[:-1]) > COLUMN_GAP_HEIGHTS * height
    if not far.any():
        return []
    line_of = np.repeat(np.arange(len(lengths)), lengths)[idx]
    far &= (line_of[1:] == line_of[:-1]) & (np.abs(bottom[1:] - bottom[:-1]) < height)
    gaps: list[int] = idx[1:][far].tolist()
    return gaps


def _cut_lengths(lengths: list[int], cuts: list[int]) -> list[int]:
    """Line lengths after cutting at the given glyph offsets."""
    out: list[int] = []
    pos = 0
    cuts_iter = iter(sorted(cuts))
    cut = next(cuts_iter, None)
    for n in lengths:
        start, end = pos, pos + n
        while cut is not None and cut < end:
            if cut > start:
                out.append(cut - start)
                start = cut
            cut = next(cuts_iter, None)
        out.append(end - start)
        pos = end
    return out


def build_tables(placement: Placement, cells: Cells, codes: np.ndarray, boxes: np.ndarray,
                 page: int) -> list[Table]:
    """A table per grid that has any text. A cell's text is its glyphs in text order with a
    "\\n" where a line break came between two of them, stripped; its char boxes run parallel
    (a "\\n" takes the box of the glyph before it)."""
    if not cells.grids:
        return []
    order = np.argsort(placement.cell_ids, kind="stable")
    glyphs, breaks = placement.cell_glyphs[order], placement.cell_breaks[order]
    slots = 1 + breaks  # a glyph after a break is preceded by its "\\n"
    end = np.cumsum(slots)
    glyph_of = np.repeat(glyphs, slots)
    chars = codes[glyph_of]
    newline = (end - slots)[breaks]
    chars[newline] = _LF
    glyph_of[newline] = glyph_of[newline - 1]
    text = _chars(chars)
    all_boxes = box_tuples(boxes[glyph_of])
    cell_of = np.repeat(placement.cell_ids[order], slots)
    edges = np.searchsorted(cell_of, np.arange(cells.count + 1)).tolist()  # each cell's [start, end)
    tables = []
    k = 0
    for g in cells.grids:
        rows: list[list[Cell]] = []
        has_text = False
        for row in g.cells:
            out = []
            for gcell in row:
                a, b = edges[k], edges[k + 1]
                k += 1
                cell_text = text[a:b]
                stripped = cell_text.strip()
                if stripped != cell_text:  # keep char boxes parallel to the text
                    a += len(cell_text) - len(cell_text.lstrip())
                has_text = has_text or bool(stripped)
                out.append(Cell(stripped, page, gcell.bbox, gcell.row, gcell.col, gcell.colspan,
                                char_boxes=all_boxes[a:a + len(stripped)]))
            rows.append(out)
        if has_text:
            tables.append(Table(rows, [page], g.bbox, top=g.bbox[1]))
    return tables
