"""PDF → Document with pypdfium2: text, char boxes and ruled tables in one pass per page.

pdfium gives the text of a page and a box for every character faster than any Python PDF
library (hundreds of pages a second), and its generated line breaks already follow the layout.
We keep a box per character so evidence can point at the exact words, and read tables from the
page's ruling lines (see grid.py) instead of running pdfplumber's table finder on every page.
"""
from __future__ import annotations

import bisect
import ctypes
import re
from itertools import repeat
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .. import errors
from ..model import BBox, Cell, Line, Page, Table
from .boxes import CharBoxes, box_tuples
from .grid import Grid, find_grids

# Share of unreadable glyphs (U+FFFD, private use, control characters) above which a text layer
# is treated as garbage (fonts without a ToUnicode map extract as "(cid:123)" or boxes).
DEFAULT_GARBLED_RATIO = 0.2
# Share of pages without text above which the whole file counts as scanned.
DEFAULT_SCANNED_PAGE_RATIO = 0.5
# Two identical glyphs closer than this (points) are one glyph drawn twice for fake bold.
DUPLICATE_GLYPH_TOLERANCE = 1.0

_PASSWORD_ERROR = pdfium_c.FPDF_ERR_PASSWORD
_SECURITY_ERROR = pdfium_c.FPDF_ERR_SECURITY


def open_pdf(path: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (_PASSWORD_ERROR, _SECURITY_ERROR):
            raise errors.EncryptedPdf("PDF 已加密，需要密码才能读取", "encrypted PDF: a password is required") from exc
        raise errors.CorruptPdf("PDF 文件已损坏或不完整，无法解析", f"corrupt or truncated PDF: {exc}") from exc


# Code points a Chinese tender's text layer is made of. Fonts without a ToUnicode map come out
# as their raw glyph ids, which land in Greek, Cyrillic, Latin Extended or private-use blocks
# (pdfplumber shows them as "(cid:1000)"); a high share of anything else means garbage.
_EXPECTED_RANGES = (
    (0x20, 0x7E), (0xA0, 0xFF),  # ASCII, Latin-1 (°, ±, ×, ·)
    (0x2000, 0x27BF),  # punctuation, letterlike, arrows, maths, ①, box drawing, shapes (★▲), symbols
    (0x2E80, 0x303F),  # CJK radicals, CJK punctuation
    (0x3040, 0x33FF),  # kana, bopomofo, enclosed CJK, CJK compatibility (㎡)
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),  # CJK ideographs
    (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),  # CJK compatibility forms, full-width forms
)


def _is_unreadable(ch: str) -> bool:
    o = ord(ch)
    return not any(lo <= o <= hi for lo, hi in _EXPECTED_RANGES)


# The same test for a whole page at once: any non-space character outside the expected ranges.
_UNREADABLE = re.compile("[^\\s" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _EXPECTED_RANGES) + "]")
_SPACE = re.compile(r"\s")
# Runs of text between generated line breaks, and glyphs followed by the same glyph (fake bold).
_RUN = re.compile(r"[^\r\n]+")
_REPEAT = re.compile(r"(\S)(?=([^\S\r\n]*)\1)")


def read_page(page: pdfium.PdfPage, number: int, per_glyph: bool = False) -> tuple[Page, int, int, bool]:
    """One page → (Page, readable chars, unreadable chars, has images).

    The work per glyph is what limits a scan, so it is done in bulk where it can be: char boxes
    come through one ctypes call each into a flat array, transformed with numpy; glyph counts
    are regex counts; a run of text between line breaks that neither touches a table nor holds
    a doubled glyph goes into its line as one slice; line bboxes are numpy reductions; and lines
    keep their boxes as array rows (``CharBoxes``), not a million tuples. Only runs inside a
    table or with a glyph drawn twice go through the per-glyph loop (``_GlyphPlacer.place``).
    ``per_glyph=True`` sends every run through that loop: the reference the fast path is tested
    against (tests/test_speed_paths.py).
    """
    left, bottom, right, top = page.get_cropbox()
    width, height = right - left, top - bottom

    def tl(box: tuple[float, float, float, float]) -> BBox:
        l, b, r, t = box
        return (l - left, top - t, r - left, top - b)

    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        text = textpage.get_text_range() if n else ""
        if len(text) != n:  # surrogate pairs: fall back to per-char text so indices stay aligned
            text = "".join(textpage.get_text_range(i, 1) or " " for i in range(n))
        ltrb = _char_boxes(textpage, n)
    finally:
        textpage.close()
    # top-left coordinates, exactly as ``tl`` computes them, one (x0, top, x1, bottom) per glyph
    arr = np.empty((n, 4))
    arr[:, 0] = ltrb[:, 0] - left
    arr[:, 1] = top - ltrb[:, 3]
    arr[:, 2] = ltrb[:, 2] - left
    arr[:, 3] = top - ltrb[:, 1]

    bounds = [tl(b) for b in _path_bounds(page)]
    grids = find_grids(bounds) if len(bounds) >= 6 else []

    has_images = False
    if n == 0:
        has_images = any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))

    spaces = [m.start() for m in _SPACE.finditer(text)]
    unreadable = len(_UNREADABLE.findall(text))
    readable = n - len(spaces) - unreadable

    # Glyphs whose centre lies in a table's outline, and glyphs drawn twice at the same place.
    slow = np.zeros(n, dtype=bool)
    if grids:
        cx = (arr[:, 0] + arr[:, 2]) / 2
        cy = (arr[:, 1] + arr[:, 3]) / 2
        for g in grids:
            gx0, gy0, gx1, gy1 = g.bbox
            slow |= (gx0 <= cx) & (cx <= gx1) & (gy0 <= cy) & (cy <= gy1)
    pairs = [(m.start(), m.start() + 1 + len(m.group(2))) for m in _REPEAT.finditer(text)]
    if pairs:
        i, j = np.array(pairs).T
        slow[i[(np.abs(arr[i, 0] - arr[j, 0]) < DUPLICATE_GLYPH_TOLERANCE)
               & (np.abs(arr[i, 1] - arr[j, 1]) < DUPLICATE_GLYPH_TOLERANCE)]] = True
    slow_at = np.flatnonzero(slow).tolist()

    placer = _GlyphPlacer(number, text, arr, grids)
    nslow = end = 0
    for m in _RUN.finditer(text):
        s, e = m.span()
        if s > end:
            placer.line_break(text[end:s])
        k = bisect.bisect_left(slow_at, s, nslow)
        if per_glyph or (k < len(slow_at) and slow_at[k] < e):
            placer.place(s, e)
        else:
            placer.append_run(s, e)
        nslow, end = k, e
    if n > end:
        placer.line_break(text[end:])
    placer.flush()
    lines = placer.finish_lines(spaces)

    tables = [_build_table(g, placer.cell_chars[placer.row_offsets[gi]:placer.row_offsets[gi] + len(g.cells)], number)
              for gi, g in enumerate(grids)]
    tables = [t for t in tables if any(c.text for row in t.rows for c in row)]
    blocks = _reading_order([*lines, *tables])
    return Page(number, width, height, blocks), readable, unreadable, has_images


class _GlyphPlacer:
    """Puts each glyph of a page into a body line or a table cell, in text order.

    State between glyphs: ``prev`` (the last glyph kept, to drop a fake-bold double), ``broke``
    (a generated line break since the previous glyph) and ``last_cell`` (the cell the previous
    glyph went to). A line break resets ``prev`` and sets ``broke``; a "\\n" also ends the line.
    """

    def __init__(self, number: int, text: str, boxes: np.ndarray, grids: list[Grid]) -> None:
        self.number, self.text, self.boxes, self.grids = number, text, boxes, grids
        self.cell_chars: list[list[list[tuple[str, BBox, bool]]]] = [[[] for _ in row] for g in grids for row in g.cells]
        # rows flattened per grid, to address cell_chars by (grid number, row, col)
        self.row_offsets: list[int] = []
        acc = 0
        for g in grids:
            self.row_offsets.append(acc)
            acc += len(g.cells)
        # The current line: its text pieces and the glyph index ranges [start, end) they came from.
        self.cur_text: list[str] = []
        self.cur_spans: list[list[int]] = []
        # Finished lines: text and spans; their boxes are gathered in one go by ``finish_lines``.
        self.line_texts: list[str] = []
        self.line_spans: list[list[list[int]]] = []
        self.broke = False
        self.last_cell: tuple[int, int, int] | None = None

    def flush(self) -> None:
        if self.cur_text:
            s = "".join(self.cur_text)
            if s.strip():
                self.line_texts.append(s)
                self.line_spans.append(self.cur_spans)
            self.cur_spans = []
        self.cur_text.clear()

    def finish_lines(self, spaces: list[int]) -> list[Line]:
        """The page's body lines, each with its bbox (over non-space glyphs) and char boxes.

        A line is cut where two neighbouring glyphs stand far apart on the same baseline: that is
        two columns (a cover's "采购人：…" beside "采购代理机构：…"), not one sentence.
        """
        if not self.line_texts:
            return []
        order = np.concatenate([np.arange(a, b) for spans in self.line_spans for a, b in spans])
        text = "".join(self.line_texts)
        lengths = [len(t) for t in self.line_texts]
        rows = self.boxes[order]  # one copy per page, in line order; lines hold views into it
        space = np.zeros(len(self.boxes), dtype=bool)
        space[spaces] = True
        blank = space[order]
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
        for k, a in enumerate(starts.tolist()):
            piece = text[a:a + lengths[k]]
            if not piece.strip():
                continue
            if piece != piece.strip():  # e.g. a column piece: drop the generated spaces at its ends
                lead = len(piece) - len(piece.lstrip())
                a, piece = a + lead, piece.strip()
            out.append(Line(piece, self.number, (x0[k], y0[k], x1[k], y1[k]),
                            char_boxes=CharBoxes(rows[a:a + len(piece)])))
        return out

    def line_break(self, breaks: str) -> None:
        """Generated breaks ("\\r", "\\n") between two runs; a "\\n" ends the line."""
        if "\n" in breaks:
            self.flush()
        self.broke = True

    def _add(self, s: int, e: int) -> None:
        spans = self.cur_spans
        if spans and spans[-1][1] == s:
            spans[-1][1] = e
        else:
            spans.append([s, e])

    def append_run(self, s: int, e: int) -> None:
        """A run with no table glyph and no double: all of it goes to the current line."""
        self.cur_text.append(self.text[s:e])
        self._add(s, e)
        self.last_cell = None
        self.broke = False

    def place(self, s: int, e: int) -> None:
        """Glyph by glyph, for a run that touches a table or has a glyph drawn twice."""
        text, grids = self.text, self.grids
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
            if grids:
                where = None
                last_cell = self.last_cell
                if last_cell is not None and not self.broke:
                    # Text running on from the previous glyph stays in its cell even where a glyph
                    # pokes over the ruling (a trailing "、" drawn past the border).
                    g = grids[last_cell[0]]
                    cb = g.cells[last_cell[1]][last_cell[2]].bbox
                    if cb[0] <= box[0] <= cb[2] and cb[1] <= (box[1] + box[3]) / 2 <= cb[3]:
                        where = last_cell
                if where is None:
                    where = _locate(grids, box)
                if where is not None:
                    gi, r, c = where
                    bucket = self.cell_chars[self.row_offsets[gi] + r][c]
                    bucket.append((ch, box, self.broke and bool(bucket)))
                    self.last_cell = where
                    self.broke = False
                    continue
            self.last_cell = None
            self.broke = False
            self.cur_text.append(ch)
            self._add(i, i + 1)


def _char_boxes(textpage: pdfium.PdfTextPage, n: int) -> np.ndarray:
    """(n, 4) array of (left, bottom, right, top) per char, PDF coordinates.

    ``PdfTextPage.get_charbox`` costs about twice the C call in Python wrapping. Here pdfium
    writes each box straight into the result: ``map`` makes one C call per char with the four
    output addresses as plain integers (pdfium's argument order is left, right, bottom, top).
    """
    out = np.empty((n, 4))
    if n == 0:
        return out
    raw = ctypes.cast(textpage.raw, ctypes.c_void_p).value
    at = out.ctypes.data  # row i: left, bottom, right, top at at + 32 * i + 0, 8, 16, 24
    end = at + 32 * n
    ok = list(map(_GET_CHARBOX, repeat(raw, n), range(n), range(at, end, 32), range(at + 16, end, 32),
                  range(at + 8, end, 32), range(at + 24, end, 32)))
    if not all(ok):
        raise pdfium.PdfiumError("Failed to get charbox.")
    return out


def _address(function: Any) -> int:  # a pdfium C function (pypdfium2.raw is untyped)
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:
        raise ImportError("pypdfium2.raw has a null function pointer")
    return address


# FPDFText_GetCharBox(text page, index, &left, &right, &bottom, &top) with every pointer taken as
# an integer address. PYFUNCTYPE keeps the GIL for the call: releasing and taking it back would
# cost more than the microsecond pdfium spends.
_POINTER = ctypes.c_void_p
_GET_CHARBOX = ctypes.PYFUNCTYPE(ctypes.c_int, _POINTER, ctypes.c_int, _POINTER, _POINTER, _POINTER, _POINTER)(
    _address(pdfium_c.FPDFText_GetCharBox))


def _path_bounds(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """Bounds (left, bottom, right, top) of the page's path objects, and of those one form deep.

    The same objects as ``page.get_objects(filter=[PATH], max_depth=2)`` without building a
    Python wrapper for every text object on the page.
    """
    out: list[tuple[float, float, float, float]] = []
    l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()

    def visit(count: int, get: Any, parent: Any, level: int) -> None:
        for i in range(count):
            obj = get(parent, i)
            if not obj:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                if not pdfium_c.FPDFPageObj_GetBounds(obj, l, b, r, t):
                    raise pdfium.PdfiumError("Failed to locate pageobject.")
                out.append((l.value, b.value, r.value, t.value))
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < 1:
                visit(pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject, obj, level + 1)

    count = pdfium_c.FPDFPage_CountObjects(page)
    if count < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    visit(count, pdfium_c.FPDFPage_GetObject, page, 0)
    return out


# Neighbouring glyphs of one line further apart than this many glyph heights are two columns.
COLUMN_GAP_HEIGHTS = 4.0


def _same_row(b: Line | Table, limit: float) -> bool:
    """``b`` is a line whose top is above ``limit`` (the middle of the row's first line)."""
    return isinstance(b, Line) and b.bbox is not None and b.bbox[1] < limit


def _left(b: Line | Table) -> float:
    return b.bbox[0] if b.bbox else 0.0


def _reading_order(blocks: list[Line | Table]) -> list[Line | Table]:
    """Top to bottom; lines sharing a baseline (columns of one row) left to right."""
    def top(b: Line | Table) -> float:
        return b.top if isinstance(b, Table) else (b.bbox[1] if b.bbox else 0.0)

    blocks.sort(key=top)
    out: list[Line | Table] = []
    i = 0
    while i < len(blocks):
        j = i + 1
        first = blocks[i]
        if isinstance(first, Line) and first.bbox:
            bottom = first.bbox[3]
            while j < len(blocks) and _same_row(blocks[j], bottom - 0.5 * (bottom - first.bbox[1])):
                j += 1
        group = blocks[i:j]
        if len(group) > 1:
            group.sort(key=_left)  # every block of a group is a Line with a bbox
        out += group
        i = j
    return out


def _column_gaps(rows: np.ndarray, blank: np.ndarray, lengths: list[int]) -> list[int]:
    """Offsets (into the page's line-ordered glyphs) where a line is cut into columns.

    Measured between consecutive non-space glyphs of the same line (generated spaces sit in the
    gap with no width of their own)."""
    idx = np.flatnonzero(~blank)
    if len(idx) < 2:
        return []
    line_of = np.repeat(np.arange(len(lengths)), lengths)
    a, b = idx[:-1], idx[1:]
    same = line_of[a] == line_of[b]
    height = np.maximum(rows[a, 3] - rows[a, 1], rows[b, 3] - rows[b, 1])
    gap = rows[b, 0] - rows[a, 2]
    far = same & (gap > COLUMN_GAP_HEIGHTS * np.maximum(height, 1.0)) \
        & (np.abs(rows[b, 3] - rows[a, 3]) < np.maximum(height, 1.0))
    gaps: list[int] = b[far].tolist()
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


def _locate(grids: list[Grid], box: BBox) -> tuple[int, int, int] | None:
    """(grid, row, col) of the cell holding the glyph's centre, or None outside every table."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    for gi, g in enumerate(grids):
        gx0, gy0, gx1, gy1 = g.bbox
        if not (gx0 <= cx <= gx1 and gy0 <= cy <= gy1):
            continue
        for r, row in enumerate(g.cells):
            _, y0, _, y1 = row[0].bbox
            if y0 <= cy <= y1:
                for c, cell in enumerate(row):
                    if cell.bbox[0] <= cx <= cell.bbox[2]:
                        return gi, r, c
                return None
        return None
    return None


def _build_table(grid: Grid, chars: list[list[list[tuple[str, BBox, bool]]]], page: int) -> Table:
    rows: list[list[Cell]] = []
    for r, row in enumerate(grid.cells):
        cells = []
        for c, gcell in enumerate(row):
            text_parts: list[str] = []
            boxes: list[BBox] = []
            for ch, box, new_line in chars[r][c]:
                if new_line:
                    text_parts.append("\n")
                    boxes.append(boxes[-1])
                text_parts.append(ch)
                boxes.append(box)
            text = "".join(text_parts)
            stripped = text.strip()
            if stripped != text:  # keep char boxes parallel to the text
                start = len(text) - len(text.lstrip())
                boxes = boxes[start:start + len(stripped)]
            cells.append(Cell(stripped, page, gcell.bbox, gcell.row, gcell.col, gcell.colspan, char_boxes=boxes))
        rows.append(cells)
    return Table(rows, [page], grid.bbox, top=grid.bbox[1])


def _page_list(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers[:20]) + ("…" if len(numbers) > 20 else "")


def read_pdf_document(path: str) -> tuple[list[Page], int, list[str]]:
    """All pages, headers/footers separated and tables stitched; raises on unreadable files."""
    from .aligned import aligned_tables
    from .furniture import strip_furniture
    from .stitch import stitch_tables

    pdf = open_pdf(path)
    try:
        count = len(pdf)
        if count == 0:
            raise errors.CorruptPdf("PDF 没有页面", "PDF has no pages")
        pages: list[Page] = []
        readable = unreadable = 0
        textless: list[int] = []
        for i in range(count):
            try:
                page = pdf[i]
            except pdfium.PdfiumError as exc:
                raise errors.CorruptPdf(f"PDF 第 {i + 1} 页损坏，无法解析", f"corrupt page {i + 1}: {exc}") from exc
            try:
                result, r, u, _images = read_page(page, i + 1)
            finally:
                page.close()
            readable += r
            unreadable += u
            if r + u == 0:
                textless.append(i + 1)
            pages.append(result)
    finally:
        pdf.close()
    if unreadable > (readable + unreadable) * DEFAULT_GARBLED_RATIO:
        raise errors.GarbledText(
            "PDF 文字层无法识别（字体缺少编码映射，提取出乱码），结果不可信，请提供可复制文字的 PDF",
            f"text layer is garbage: {unreadable} of {readable + unreadable} glyphs have no Unicode mapping",
        )
    if readable == 0 or len(textless) > count * DEFAULT_SCANNED_PAGE_RATIO:
        raise errors.NoTextLayer(
            f"PDF 没有文字层（扫描件？），无文字的页：{_page_list(textless)}；请提供可复制文字的 PDF 或先做 OCR",
            f"no text layer (scanned?) on pages {_page_list(textless)}",
        )
    warnings = []
    if textless:
        warnings.append(f"以下页面没有文字层，未被检查（no text layer on pages）：{_page_list(textless)}")
    strip_furniture(pages)
    aligned_tables(pages)
    stitch_tables(pages)
    return pages, count, warnings
