"""Normalise: the document as one searchable text, every character mapped back to where it came from.

Extractors search ``DocText.text``; ``DocText.evidence(start, end)`` turns any span back into
page + bbox + quoted text. What normalisation does, and why:

- NFKC: full-width ASCII and digits (ＧＢ／Ｔ　５０２３１) become half-width, ideographic spaces
  become spaces, so patterns need one form only.
- Spaces between CJK characters are dropped: PDF producers space out headings ("招 标 文 件")
  and extraction inserts spaces at glyph gaps.
- Lines broken by the layout are joined: a body line that runs to the right margin continues on
  the next line unless that one is indented or numbered; a cell line that fills its cell wraps.
- Running headers, footers and page numbers never get here (ingest moved them to ``furniture``).
- Table rows come out as cells separated by a tab and closed by a newline, so label:value rows
  ("采购方式 | 公开招标") read like prose and every cell keeps its own evidence.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from .model import BBox, Cell, Document, Evidence, Line, Table

CELL_SEP = "\t"
ROW_END = "\n"
# A line ending within this many character widths of the right margin was wrapped by the layout.
WRAP_SLACK_CHARS = 1.6
# A line starting more than this many character widths right of the margin is indented.
INDENT_CHARS = 0.8
# A paragraph's first line may be indented by about two characters and still wrap to the margin.
FIRST_LINE_INDENT_CHARS = 2.8

_CJK = r"\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+(?=[{_CJK}])")
_SPACE_RUN = re.compile(r"[ \t\u00a0]{2,}")
# Starts of numbered items: "1.", "1.2", "（一）", "(1)", "一、", "第三条", "★", "▲", "①".
_ITEM_START = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.、．)]|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、"
                         r"|第[一二三四五六七八九十百\d]+[章节条款]|[★▲■●◆※]|[\u2460-\u2473])")


class _NfkcTable(dict[int, str]):
    """``str.translate`` table: code point → its NFKC form, filled on first sight of a character.

    Normalising character by character (never across characters) keeps each output character
    traceable to one input character. ``expanding`` holds the characters whose NFKC form is not
    exactly one character ("㎡" → "m2", "…" → "..."): only text containing one needs a full map.
    ``vanishing`` holds those whose form is empty: without one, a translation of unchanged length
    proves that no character expanded.
    """

    def __init__(self) -> None:
        super().__init__()
        self.expanding: set[str] = set()
        self.vanishing: set[str] = set()

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        norm = unicodedata.normalize("NFKC", ch) if code >= 128 else ch
        if len(norm) != 1:
            self.expanding.add(ch)
            if not norm:
                self.vanishing.add(ch)
        self[code] = norm
        return norm


_NFKC = _NfkcTable()


def _has_space(s: str) -> bool:
    """Whether ``s`` holds a character the space patterns look for (most lines hold none)."""
    return " " in s or "\t" in s or "\u00a0" in s


def normalize(text: str) -> tuple[str, list[int] | None]:
    """Normalised text and, if it differs in length from ``text``, a map norm index → raw index."""
    if (unicodedata.is_normalized("NFKC", text) and "  " not in text
            and not (_has_space(text) and _SPACE_BETWEEN_CJK.search(text))):
        return text, None
    s = text.translate(_NFKC)
    if len(s) != len(text) or (_NFKC.vanishing and not _NFKC.vanishing.isdisjoint(text)):
        return _normalize_mapped(text)
    if not _has_space(s):
        return s, None
    # One character in, one out: the map is the identity until spaces are dropped.
    gone = _dropped_spaces(s)
    if not gone:
        return s, None
    omap = [i for i in range(len(s)) if i not in gone]
    return "".join(s[i] for i in omap), omap


def _dropped_spaces(s: str) -> set[int]:
    """Indices of the spaces normalisation drops: between CJK characters, and all but the first of a run."""
    gone = {k for m in _SPACE_BETWEEN_CJK.finditer(s) for k in range(m.start(), m.end())}
    gone.update(k for m in _SPACE_RUN.finditer(s) for k in range(m.start() + 1, m.end()))
    return gone


def _normalize_mapped(text: str) -> tuple[str, list[int] | None]:
    """``normalize`` for text with characters that expand: the map is built character by character."""
    forms = [_NFKC[ord(ch)] for ch in text]
    s = "".join(forms)
    omap = [i for i, form in enumerate(forms) for _ in form]
    # Drop spaces between CJK characters and fold space runs, keeping the map in step.
    gone = _dropped_spaces(s) if _has_space(s) else set()
    if gone:
        s = "".join(c for k, c in enumerate(s) if k not in gone)
        omap = [o for k, o in enumerate(omap) if k not in gone]
    if len(s) == len(text) and omap == list(range(len(text))):
        return s, None
    return s, omap


@dataclass(slots=True)
class Segment:
    start: int
    end: int
    source: Line | Cell
    omap: list[int] | None  # norm offset (relative) → raw offset in source.text; None = identity

    def raw_index(self, i: int) -> int:
        omap = self.omap
        return omap[i] if omap is not None and i < len(omap) else i


@dataclass(slots=True)
class DocText:
    document: Document
    text: str = ""
    segments: list[Segment] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    cell_start: dict[int, int] = field(default_factory=dict)  # id(cell) → offset in text
    cell_end: dict[int, int] = field(default_factory=dict)  # id(cell) → end of its text

    def segment_at(self, offset: int) -> Segment | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        seg = self.segments[i]
        return seg if seg.start <= offset < max(seg.end, seg.start + 1) else None

    def page_at(self, offset: int) -> int | None:
        seg = self.segment_at(offset)
        return seg.source.page if seg else None

    def iter_segments(self, start: int, end: int) -> Iterator[Segment]:
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        while i < len(self.segments) and self.segments[i].start < end:
            if self.segments[i].end > start:
                yield self.segments[i]
            i += 1

    def evidence(self, start: int, end: int) -> list[Evidence]:
        """Evidence for text[start:end]: one entry per page (DOCX: per paragraph/cell) it covers."""
        # The hot path of every extractor (one call per fact): segments are walked inline, not
        # through iter_segments, and consecutive segments of one page make one entry.
        segments = self.segments
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        out: list[Evidence] = []
        group: list[Segment] = []
        key: object = None
        while i < len(segments) and segments[i].start < end:
            seg = segments[i]
            i += 1
            if seg.end <= start:
                continue
            src = seg.source
            k = src.page if src.page is not None else id(src)
            if group and k != key:
                out.append(self._group_evidence(group, start, end))
                group = []
            key = k
            group.append(seg)
        if group:
            out.append(self._group_evidence(group, start, end))
        return out

    def _group_evidence(self, segs: list[Segment], start: int, end: int) -> Evidence:
        """One entry: the bbox around the covered characters of ``segs`` (all on one page)."""
        boxes: list[BBox] = []
        confidence: float | None = None
        for seg in segs:
            src = seg.source
            if src.char_boxes:
                a = max(start, seg.start) - seg.start
                b = min(end, seg.end) - seg.start - 1
                lo, hi = seg.raw_index(a), seg.raw_index(max(a, b))
                boxes += [bx for bx in src.char_boxes[lo:hi + 1] if bx[2] > bx[0]]
            elif src.bbox:
                boxes.append(src.bbox)
            if src.confidences:  # read by OCR: the least sure of the quoted characters
                a = max(start, seg.start) - seg.start
                b = min(end, seg.end) - seg.start - 1
                quoted = src.confidences[seg.raw_index(a):seg.raw_index(max(a, b)) + 1]
                least = min(quoted) if len(quoted) else min(src.confidences)
                confidence = least if confidence is None else min(confidence, least)
        bbox: BBox | None = None
        if len(boxes) == 1:
            bbox = (boxes[0][0], boxes[0][1], boxes[0][2], boxes[0][3])
        elif boxes:
            # min/max keep the first of equal values, as one pass over all boxes would.
            x0, top, x1, bottom = zip(*boxes)
            bbox = (min(x0), min(top), max(x1), max(bottom))
        first, last = segs[0], segs[-1]
        lo = max(start, first.start)
        raw = self.text[lo:min(end, last.end)]
        quote = raw.strip()
        # The offset of the quote's first character (strip() dropped leading spaces).
        return Evidence(first.source.page, bbox, quote, first.source.location, lo + len(raw) - len(raw.lstrip()),
                        confidence)

    def cell_offset(self, cell: Cell) -> int | None:
        return self.cell_start.get(id(cell))

    def cell_span(self, cell: Cell) -> tuple[int, int] | None:
        """Where a table cell's normalised text sits in ``text``, or None for a cell not in it."""
        start = self.cell_start.get(id(cell))
        return None if start is None else (start, self.cell_end[id(cell)])

    def cell_evidence(self, cell: Cell) -> list[Evidence]:
        span = self.cell_span(cell)
        if span is None:
            return [Evidence(cell.page, cell.bbox, cell.text, cell.location,
                             confidence=min(cell.confidences) if cell.confidences else None)]
        return self.evidence(*span)


def _unwrap_cell(cell: Cell) -> str:
    """Drop line breaks that only wrap text at the cell's right edge; keep real ones (lists)."""
    text = cell.text
    if "\n" not in text or not cell.char_boxes or not cell.bbox:
        return text
    right = cell.bbox[2]
    out = list(text)
    i = text.find("\n", 1)
    while i >= 0:
        prev = cell.char_boxes[i - 1]
        width = max(prev[2] - prev[0], prev[3] - prev[1], 1.0)
        if prev[2] >= right - WRAP_SLACK_CHARS * width - 2.0:
            out[i] = "\u200b"  # zero-width placeholder: keeps indices, removed by normalize
        i = text.find("\n", i + 1)
    return "".join(out)


def build_doctext(document: Document) -> DocText:
    dt = DocText(document)
    parts: list[str] = []
    pos = 0
    # Tenders repeat short texts (quantities, units, headers on every page): normalise each once.
    # Only texts without a map are kept (plain strings: no tuples for the cyclic GC to track).
    seen: dict[str, str] = {}
    segments, starts, cell_start, cell_end = dt.segments, dt.starts, dt.cell_start, dt.cell_end

    def add(source: Line | Cell, raw: str) -> None:
        nonlocal pos
        omap: list[int] | None = None
        norm = seen.get(raw)
        if norm is None:
            norm, omap = normalize(raw)
            if omap is None:
                seen[raw] = norm
        if "\u200b" in norm:
            omap = [(omap[i] if omap else i) for i, c in enumerate(norm) if c != "\u200b"]
            norm = norm.replace("\u200b", "")
        end = pos + len(norm)
        segments.append(Segment(pos, end, source, omap))
        starts.append(pos)
        parts.append(norm)
        pos = end

    def sep(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    carry: tuple[Line, float] | None = None  # last line of the previous page and that page's right margin
    for page in document.pages:
        body = [b for b in page.blocks if isinstance(b, Line) and b.bbox]
        left = min((b.bbox[0] for b in body), default=0.0)  # type: ignore[index]
        right = max((b.bbox[2] for b in body), default=0.0)  # type: ignore[index]
        prev_line: Line | None = None
        for block in page.blocks:
            if isinstance(block, Table):
                if parts and not parts[-1].endswith("\n"):
                    sep("\n")
                dt.tables.append(block)
                for row in block.rows:
                    for ci, cell in enumerate(row):
                        if ci:
                            parts.append(CELL_SEP)
                            pos += len(CELL_SEP)
                        cell_start[id(cell)] = pos
                        add(cell, _unwrap_cell(cell))
                        cell_end[id(cell)] = pos
                    parts.append(ROW_END)
                    pos += len(ROW_END)
                prev_line = carry = None
                continue
            if prev_line is not None:
                if not _continues(prev_line, block, left, right):
                    sep("\n")
            elif carry is not None and _continues_over_page(carry[0], carry[1], block, left):
                parts[-1] = parts[-1].removesuffix("\n")  # a sentence running over the page break
                pos -= 1
            elif parts and not parts[-1].endswith("\n"):
                sep("\n")
            add(block, block.text)
            prev_line = block
        carry = (prev_line, right) if prev_line is not None and page.number is not None else None
        if parts and not parts[-1].endswith("\n"):
            sep("\n")
    dt.text = "".join(parts)
    return dt


def _continues_over_page(prev: Line, prev_right: float, line: Line, left: float) -> bool:
    """Whether the first line of a page continues the last line of the previous page."""
    if prev.bbox is None or line.bbox is None:
        return False
    height = max(prev.bbox[3] - prev.bbox[1], 1.0)
    return (prev.bbox[2] >= prev_right - WRAP_SLACK_CHARS * height
            and line.bbox[0] <= left + INDENT_CHARS * height
            and not _ITEM_START.match(line.text))


def _continues(prev: Line, line: Line, left: float, right: float) -> bool:
    """Whether ``line`` continues ``prev`` (a layout wrap), for PDF body lines."""
    if prev.bbox is None or line.bbox is None or prev.page != line.page:
        return False
    height = max(prev.bbox[3] - prev.bbox[1], 1.0)
    if prev.bbox[2] < right - WRAP_SLACK_CHARS * height:
        return False  # prev stopped short of the margin: its paragraph ended there
    if prev.bbox[0] > left + FIRST_LINE_INDENT_CHARS * height:
        return False  # prev starts mid-page: a right-hand column or a centred line, not a wrapped paragraph
    if line.bbox[0] > left + INDENT_CHARS * height:
        return False  # indented: a new paragraph
    if _ITEM_START.match(line.text):
        return False
    gap = line.bbox[1] - prev.bbox[3]
    return -height * 0.5 <= gap <= height * 1.5
