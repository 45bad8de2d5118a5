"""PDF → Document with pypdfium2: text, char boxes and ruled tables in one pass per page.

pdfium gives the text of a page and a box for every character faster than any Python PDF
library (hundreds of pages a second), and its generated line breaks already follow the layout.
We keep a box per character so evidence can point at the exact words, and read tables from the
page's ruling lines (see grid.py) instead of running pdfplumber's table finder on every page.
"""
from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .. import errors
from ..model import BBox, Cell, Line, Page, Table
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


def read_page(page: pdfium.PdfPage, number: int) -> tuple[Page, int, int, bool]:
    """One page → (Page, readable chars, unreadable chars, has images)."""
    left, bottom, right, top = page.get_cropbox()
    width, height = right - left, top - bottom

    def tl(box: tuple[float, float, float, float]) -> BBox:
        l, b, r, t = box
        return (l - left, top - t, r - left, top - b)

    textpage = page.get_textpage()
    n = textpage.count_chars()
    text = textpage.get_text_range() if n else ""
    if len(text) != n:  # surrogate pairs: fall back to per-char text so indices stay aligned
        text = "".join(textpage.get_text_range(i, 1) or " " for i in range(n))
    get_box = textpage.get_charbox
    boxes = [tl(get_box(i)) for i in range(n)]
    textpage.close()

    bounds = [tl(obj.get_bounds()) for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2)]
    grids = find_grids(bounds) if len(bounds) >= 6 else []

    has_images = False
    if n == 0:
        has_images = any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))

    cell_chars: list[list[list[tuple[str, BBox, bool]]]] = [[[] for _ in row] for g in grids for row in g.cells]
    # rows flattened per grid, to address cell_chars by (grid number, row, col)
    row_offsets: list[int] = []
    acc = 0
    for g in grids:
        row_offsets.append(acc)
        acc += len(g.cells)

    lines: list[Line] = []
    cur_text: list[str] = []
    cur_boxes: list[BBox] = []
    unreadable = readable = 0
    prev: tuple[str, BBox] | None = None

    def flush() -> None:
        if cur_text:
            s = "".join(cur_text)
            if s.strip():
                real = [b for ch, b in zip(cur_text, cur_boxes) if not ch.isspace()]
                bbox = (min(b[0] for b in real), min(b[1] for b in real), max(b[2] for b in real), max(b[3] for b in real))
                lines.append(Line(s, number, bbox, char_boxes=list(cur_boxes)))
        cur_text.clear()
        cur_boxes.clear()

    broke = False  # a generated line break since the previous glyph
    last_cell: tuple[int, int, int] | None = None  # (grid, row, col) of the previous glyph
    for i in range(n):
        ch = text[i]
        if ch in "\r\n":
            if ch == "\n":
                flush()
            prev = None
            broke = True
            continue
        box = boxes[i]
        if not ch.isspace():
            if _is_unreadable(ch):
                unreadable += 1
            else:
                readable += 1
            if prev is not None and prev[0] == ch and abs(prev[1][0] - box[0]) < DUPLICATE_GLYPH_TOLERANCE \
                    and abs(prev[1][1] - box[1]) < DUPLICATE_GLYPH_TOLERANCE:
                continue  # fake bold: the same glyph drawn twice
            prev = (ch, box)
        if grids:
            where = None
            if last_cell is not None and not broke:
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
                bucket = cell_chars[row_offsets[gi] + r][c]
                bucket.append((ch, box, broke and bool(bucket)))
                last_cell = where
                broke = False
                continue
        last_cell = None
        broke = False
        cur_text.append(ch)
        cur_boxes.append(box)
    flush()

    tables = [_build_table(g, cell_chars[row_offsets[gi]:row_offsets[gi] + len(g.cells)], number)
              for gi, g in enumerate(grids)]
    tables = [t for t in tables if any(c.text for row in t.rows for c in row)]
    blocks: list[Line | Table] = [*lines, *tables]
    blocks.sort(key=lambda b: b.top if isinstance(b, Table) else (b.bbox[1] if b.bbox else 0.0))
    return Page(number, width, height, blocks), readable, unreadable, has_images


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
                result, r, u, images = read_page(page, i + 1)
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
    stitch_tables(pages)
    return pages, count, warnings
