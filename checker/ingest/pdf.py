"""PDF → Document with pypdfium2: text, char boxes and ruled tables in one pass per page.

pdfium gives the text of a page and a box for every character faster than any Python PDF
library (hundreds of pages a second), and its generated line breaks already follow the layout.
We keep a box per character so evidence can point at the exact words, and read tables from the
page's ruling lines (see grid.py) instead of running pdfplumber's table finder on every page.
"""
from __future__ import annotations

import ctypes
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import count, repeat
from typing import TYPE_CHECKING, Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .. import errors
from ..limits import gc_paused
from ..model import BBox, Line, Page, Table
from ..settings import OcrMode, Settings
from .boxes import box_tuples
from .grid import find_grids
from .guard import check_glyphs, check_page_size, check_pdf_pages, has_no_pages
from .place import Cells, build_tables, code_points, finish_lines, place, place_per_glyph, space_mask

if TYPE_CHECKING:
    from .ocr import RawLine  # not at run time: a text-layer PDF never loads the OCR module

# Share of unreadable glyphs (U+FFFD, private use, control characters) above which a text layer
# is treated as garbage (fonts without a ToUnicode map extract as "(cid:123)" or boxes).
DEFAULT_GARBLED_RATIO = 0.2
# Unreadable glyphs a page needs, beside their share, before ``--ocr auto`` reads it again by OCR:
# a page of a few symbols is no garbled text layer.
MIN_GARBLED_GLYPHS = 20
# Path objects on a page without text above which its text is taken to be drawn as outlines
# (printed to PDF with "text as curves": one path per glyph or word), for ``--ocr auto`` to read;
# a blank page with a frame or a few rules has a handful.
MIN_OUTLINED_TEXT_PATHS = 100
# Share of pages without text above which the whole file counts as scanned.
DEFAULT_SCANNED_PAGE_RATIO = 0.5
# Pages read from pdfium before they are laid out.
PAGE_BATCH = 32

_PASSWORD_ERROR = pdfium_c.FPDF_ERR_PASSWORD
_SECURITY_ERROR = pdfium_c.FPDF_ERR_SECURITY


def open_pdf(path: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (_PASSWORD_ERROR, _SECURITY_ERROR):
            raise errors.EncryptedPdf("PDF 已加密，需要密码才能读取", "encrypted PDF: a password is required") from exc
        if has_no_pages(path):  # pdfium refuses it saying "Success" or "Data format error"
            raise errors.CorruptPdf("PDF 文件中没有页面（页数为 0 或页面目录损坏）",
                                    "the PDF has no pages (or its page tree is broken)") from exc
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
# Any non-space character outside the expected ranges.
_UNREADABLE = re.compile("[^\\s" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _EXPECTED_RANGES) + "]")


@dataclass(slots=True)
class PageContent:
    """What ingest needs from pdfium for one page, in top-left coordinates."""

    number: int
    width: float
    height: float
    text: str
    boxes: np.ndarray  # (x0, top, x1, bottom) per char of ``text``
    rulings: np.ndarray  # (x0, top, x1, bottom) per path object
    has_images: bool


def read_page(page: pdfium.PdfPage, number: int, per_glyph: bool = False) -> tuple[Page, int, int, bool]:
    """One page → (Page, readable chars, unreadable chars, has images).

    The work per glyph is what limits a scan, so it is done in bulk: char boxes come through one
    C call each straight into an array, transformed with numpy; glyph counts are regex counts;
    which glyphs go to body lines and which to table cells is worked out for the whole page at
    once (place.py); line bboxes are numpy reductions; and lines keep their boxes as array rows
    (``CharBoxes``), not a million tuples. ``per_glyph=True`` places the glyphs one by one
    instead: the reference the fast path is tested against (tests/test_speed_paths.py).
    """
    return _layout(_content(page, number), per_glyph)


def _content(page: pdfium.PdfPage, number: int, settings: Settings | None = None) -> PageContent:
    left, bottom, right, top = page.get_cropbox()
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        check_glyphs(number, n, settings or Settings())  # before the work per glyph
        text = textpage.get_text_range() if n else ""
        if len(text) != n:  # surrogate pairs: fall back to per-char text so indices stay aligned
            text = "".join(textpage.get_text_range(i, 1) or " " for i in range(n))
        ltrb = _char_boxes(textpage, n)
    finally:
        textpage.close()
    has_images = n == 0 and any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
    return PageContent(number, right - left, top - bottom, text, _top_left(ltrb, left, top),
                        _top_left(_path_bounds(page), left, top), has_images)


def _layout(content: PageContent, per_glyph: bool = False) -> tuple[Page, int, int, bool]:
    text, arr, number = content.text, content.boxes, content.number
    grids = find_grids(box_tuples(content.rulings)) if len(content.rulings) >= 6 else []
    codes = code_points(text)
    space = space_mask(codes)
    unreadable = len(_UNREADABLE.findall(text))
    readable = len(text) - int(np.count_nonzero(space)) - unreadable

    cells = Cells(grids)
    placement = place_per_glyph(text, arr, cells) if per_glyph else place(codes, arr, space, cells)
    lines = finish_lines(placement, arr, space, number)
    tables = build_tables(placement, cells, codes, arr, number)
    blocks = _reading_order([*lines, *tables])
    return Page(number, content.width, content.height, blocks), readable, unreadable, content.has_images


def _top_left(lbrt: np.ndarray, left: float, top: float) -> np.ndarray:
    """PDF boxes (left, bottom, right, top) as (x0, top, x1, bottom) from the crop box's top left."""
    out = np.empty_like(lbrt)
    out[:, 0] = lbrt[:, 0] - left
    out[:, 1] = top - lbrt[:, 3]
    out[:, 2] = lbrt[:, 2] - left
    out[:, 3] = top - lbrt[:, 1]
    return out


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


def _path_bounds(page: pdfium.PdfPage) -> np.ndarray:
    """(n, 4) array of (left, bottom, right, top) of the page's path objects, and of those one
    form deep, in content order.

    The same objects as ``page.get_objects(filter=[PATH], max_depth=2)`` without building a
    Python wrapper for every text object on the page; ``map`` makes the C calls.
    """
    count = pdfium_c.FPDFPage_CountObjects(page)
    if count < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    paths = _paths(_GET_OBJECT, _raw(page.raw), count, 0)
    out = np.empty((len(paths), 4), dtype=np.float32)
    at = out.ctypes.data
    end = at + 16 * len(paths)
    ok = list(map(_GET_BOUNDS, paths, range(at, end, 16), range(at + 4, end, 16), range(at + 8, end, 16),
                  range(at + 12, end, 16)))
    if not all(ok):
        raise pdfium.PdfiumError("Failed to locate pageobject.")
    return out.astype(np.float64)


def _paths(get: Any, parent: int, count: int, level: int) -> list[int]:
    """Handles of the path objects among ``parent``'s ``count`` objects; one form deep."""
    objects = list(map(get, repeat(parent, count), range(count)))
    if None in objects:
        raise pdfium.PdfiumError("Failed to get pageobject.")
    kinds = list(map(_GET_TYPE, objects))
    if level >= 1 or _FORM not in kinds:
        return [o for o, k in zip(objects, kinds) if k == _PATH]
    out = []
    for o, k in zip(objects, kinds):
        if k == _PATH:
            out.append(o)
        elif k == _FORM:
            out += _paths(_GET_FORM_OBJECT, o, _COUNT_FORM_OBJECTS(o), level + 1)
    return out


def _raw(handle: Any) -> int:  # a pdfium handle (a ctypes pointer) as an integer
    address = ctypes.cast(handle, ctypes.c_void_p).value
    return address or 0


_PATH, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
_GET_OBJECT = ctypes.PYFUNCTYPE(_POINTER, _POINTER, ctypes.c_int)(_address(pdfium_c.FPDFPage_GetObject))
_GET_FORM_OBJECT = ctypes.PYFUNCTYPE(_POINTER, _POINTER, ctypes.c_ulong)(_address(pdfium_c.FPDFFormObj_GetObject))
_COUNT_FORM_OBJECTS = ctypes.PYFUNCTYPE(ctypes.c_int, _POINTER)(_address(pdfium_c.FPDFFormObj_CountObjects))
_GET_TYPE = ctypes.PYFUNCTYPE(ctypes.c_int, _POINTER)(_address(pdfium_c.FPDFPageObj_GetType))
_GET_BOUNDS = ctypes.PYFUNCTYPE(ctypes.c_int, _POINTER, _POINTER, _POINTER, _POINTER, _POINTER)(
    _address(pdfium_c.FPDFPageObj_GetBounds))


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


def _page_list(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers[:20]) + ("…" if len(numbers) > 20 else "")


def _page_content(pdf: pdfium.PdfDocument, i: int, settings: Settings) -> PageContent:
    try:
        width, height = pdf.get_page_size(i)
        check_page_size(i + 1, width, height, settings)  # before the page is loaded
        page = pdf[i]
    except pdfium.PdfiumError as exc:
        raise errors.CorruptPdf(f"PDF 第 {i + 1} 页损坏，无法解析", f"corrupt page {i + 1}: {exc}") from exc
    try:
        return _content(page, i + 1, settings)
    finally:
        page.close()


def content_batches(path: str, settings: Settings | None = None) -> Iterator[list[PageContent]]:
    """pdfium's part of reading a PDF (text, char boxes, rulings of every page), in batches of
    ``PAGE_BATCH`` pages: all of the native work and none of the layout, so it can run ahead in
    another process (see ahead.py) while this one loads the checker. Pages over the bounds of
    guard.py are refused before pdfium loads them."""
    settings = settings or Settings()
    check_pdf_pages(path, settings)
    for _, batch in numbered_batches(path, settings, count().__next__):
        yield batch


def numbered_batches(path: str, settings: Settings, take: Callable[[], int]) -> Iterator[tuple[int, list[PageContent]]]:
    """The batches ``take`` hands out, with their numbers, until it hands out one past the last
    page, unchecked (guard.py's ``check_pdf_pages`` comes first): readers in several processes
    sharing a file's pages each take the next batch free when ready for one (ahead.py)."""
    pdf = open_pdf(path)
    try:
        pages = len(pdf)
        if pages == 0:
            raise errors.CorruptPdf("PDF 没有页面", "PDF has no pages")
        while (start := (turn := take()) * PAGE_BATCH) < pages:
            yield turn, [_page_content(pdf, i, settings) for i in range(start, min(pages, start + PAGE_BATCH))]
    finally:
        pdf.close()


def read_pdf_document(path: str, batches: Iterable[list[PageContent]] | None = None,
                      settings: Settings | None = None, ocr: OcrMode | None = None,
                      ) -> tuple[list[Page], int, list[str], list[int]]:
    """All pages, headers/footers separated and tables stitched; raises on unreadable files.
    Returns the pages, their count, warnings, and the pages read by OCR.

    ``batches``: the file's ``content_batches`` read elsewhere (a read-ahead process); by default
    they are read here. ``ocr``: overrides ``settings.ocr`` (auto, off, force)."""
    settings = settings or Settings()
    # Ingest makes a few hundred thousand small objects (lines, cells, box tuples) and no cycles:
    # collecting meanwhile cost 30 ms on the 300-page benchmark and found nothing.
    with gc_paused():
        return _read_pdf_document(path, content_batches(path, settings) if batches is None else batches,
                                  settings, ocr or settings.ocr)


@dataclass(slots=True)
class _PageStats:
    number: int
    readable: int
    unreadable: int
    drawn: bool  # a page without text that shows images or many paths: a scan or outlined text

    @property
    def textless(self) -> bool:
        return self.readable + self.unreadable == 0

    @property
    def garbled(self) -> bool:
        return self.unreadable >= MIN_GARBLED_GLYPHS and \
            self.unreadable > (self.readable + self.unreadable) * DEFAULT_GARBLED_RATIO


def _read_pdf_document(path: str, batches: Iterable[list[PageContent]], settings: Settings,
                       mode: OcrMode) -> tuple[list[Page], int, list[str], list[int]]:
    from .aligned import aligned_tables
    from .furniture import strip_furniture
    from .stitch import stitch_tables

    pages: list[Page] = []
    stats: list[_PageStats] = []
    # pdfium's work for a batch of pages, then ours: page by page, each evicts the other's
    # code and data from the CPU caches (10% slower on the 300-page benchmark)
    for batch in batches:
        for content in batch:
            result, r, u, images = _layout(content)
            drawn = images or len(content.rulings) >= MIN_OUTLINED_TEXT_PATHS
            stats.append(_PageStats(content.number, r, u, drawn))
            pages.append(result)
    count = len(pages)
    warnings: list[str] = []
    wanted = [s.number for s in stats if mode == "force" or (s.textless and s.drawn) or (not s.textless and s.garbled)]
    ocr_read: list[int] = []
    hint = ""
    if mode != "off" and wanted:
        from . import ocr

        if ocr.available():
            ocr_read, unread = _read_by_ocr(path, pages, wanted, settings, warnings)
            hint = "".join(f"；{note}" for note in unread)
        elif mode == "force":
            raise ocr.unavailable_error()
        else:
            hint = f"；未安装 OCR 组件，无法自动识别，可安装：{ocr.INSTALL_HINT}"
    blank = [n for n in ocr_read if not pages[n - 1].blocks]  # OCR found no text there either
    ocr_read = [n for n in ocr_read if pages[n - 1].blocks]
    done = set(ocr_read)
    readable = sum(s.readable for s in stats if s.number not in done)
    unreadable = sum(s.unreadable for s in stats if s.number not in done)
    textless = [s.number for s in stats if s.textless and s.number not in done]
    ocr_chars = sum(len(b.text) for p in pages if p.number in done for b in p.lines)
    if blank:
        hint = f"；OCR 也未识别出文字的页：{_page_list(blank)}" + hint
    if unreadable > (readable + unreadable) * DEFAULT_GARBLED_RATIO:
        raise errors.GarbledText(
            "PDF 文字层无法识别（字体缺少编码映射，提取出乱码），结果不可信，请提供可复制文字的 PDF" + hint,
            f"text layer is garbage: {unreadable} of {readable + unreadable} glyphs have no Unicode mapping",
        )
    if readable + ocr_chars == 0 or len(textless) > count * DEFAULT_SCANNED_PAGE_RATIO:
        raise errors.NoTextLayer(
            f"PDF 没有文字层（扫描件？），无文字的页：{_page_list(textless)}；请提供可复制文字的 PDF 或先做 OCR" + hint,
            f"no text layer (scanned?) on pages {_page_list(textless)}",
        )
    if textless:
        warnings.append(f"以下页面没有文字层，未被检查（no text layer on pages）：{_page_list(textless)}")
    strip_furniture(pages)
    aligned_tables(pages)
    stitch_tables(pages)
    return pages, count, warnings, ocr_read


def _read_by_ocr(path: str, pages: list[Page], wanted: list[int], settings: Settings,
                 warnings: list[str]) -> tuple[list[int], list[str]]:
    """OCR the pages ``wanted`` (up to the page limit) and put what it read in their place;
    returns the pages read and what was not read and why (also said in ``warnings``)."""
    from .ocr import FILE_TIME_SHARE, ocr_pages

    limit = max(0, settings.ocr_max_pages)
    chosen, skipped = wanted[:limit], wanted[limit:]
    deadline = time.monotonic() + settings.file_timeout_s * FILE_TIME_SHARE
    outcome = ocr_pages(path, chosen, settings, deadline) if chosen else None
    read: list[int] = []
    if outcome is not None:
        for number in chosen:
            raw = outcome.pages.get(number)
            if raw is not None:
                pages[number - 1] = _ocr_page(number, *raw)
                read.append(number)
    with_text = [n for n in read if pages[n - 1].blocks]
    if with_text:
        warnings.append(f"以下页面没有可用的文字层，已用 OCR 识别，识别结果可能有误，请对照原件核实"
                        f"（pages read by OCR）：{_page_list(with_text)}")
    unread: list[str] = []
    if outcome is not None and outcome.failed:
        failed = sorted(outcome.failed)
        reasons = "，".join(f"第 {n} 页{outcome.failed[n]}" for n in failed[:5])
        unread.append(f"OCR 未完成的页：{_page_list(failed)}（{reasons}）")
        warnings.append(f"以下页面 OCR 未完成，未被检查（OCR failed on pages）：{_page_list(failed)}（{reasons}）")
    if skipped:
        unread.append(f"超过 OCR 页数上限（{limit} 页）未识别的页：{_page_list(skipped)}")
        warnings.append(f"超过 OCR 页数上限（{limit} 页），以下页面未做 OCR，未被检查"
                        f"（over the OCR page limit）：{_page_list(skipped)}")
    return read, unread


def _ocr_page(number: int, size: tuple[float, float], lines: list[RawLine], rulings: list[BBox]) -> Page:
    """A page read by OCR, laid out like a text layer: its lines as pdfium's text with a box per
    character (top to bottom, "\\r\\n" between lines), the rulings found in its image as its paths,
    so the same code makes its lines and ruled tables. Each character keeps the engine's confidence."""
    lines = sorted((ln for ln in lines if ln[0].strip()), key=lambda ln: (min(b[1] for b in ln[1]), ln[1][0][0]))
    text: list[str] = []
    boxes: list[BBox] = []
    confidence: dict[BBox, float] = {}
    for k, (line_text, line_boxes, confs) in enumerate(lines):
        if k:
            last = boxes[-1]
            text.append("\r\n")
            boxes += [(last[2], last[1], last[2], last[3])] * 2
        text.append(line_text)
        boxes += line_boxes
        confidence.update(zip(line_boxes, confs))
    content = PageContent(number, size[0], size[1], "".join(text), np.array(boxes, dtype=np.float64).reshape(-1, 4),
                          np.array(rulings, dtype=np.float64).reshape(-1, 4), False)
    page = _layout(content)[0]
    for block in page.blocks:
        for piece in ([block] if isinstance(block, Line) else [c for row in block.rows for c in row]):
            if piece.char_boxes is not None:
                piece.confidences = [confidence.get((b[0], b[1], b[2], b[3]), 1.0) for b in piece.char_boxes]
    return page
