"""Two writers with one interface, so a corpus document is written once and rendered as PDF or DOCX.

``PdfWriter`` lays text out itself on reportlab's canvas (STSong-Light, no font files): paragraphs
wrap at the right margin, ruled tables split across pages (with or without a repeated header), and
running headers/footers come in several styles. Every call returns the 1-based page its content
starts on, so truth files take their pages from the layout, never from hand counting.
``DocxWriter`` (python-docx) returns ``None`` for pages: a DOCX has no fixed pages.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
PAGE_W, PAGE_H = A4
LEADING = 1.55  # line height / font size
CELL_PAD = 4


class Writer(Protocol):
    page: int | None

    def title(self, text: str, size: float = 18) -> int | None: ...
    def heading(self, text: str, size: float = 13) -> int | None: ...
    def para(self, text: str, size: float = 10.5, indent: float = 0) -> int | None: ...
    def table(self, rows: list[list[str]], widths: list[float], size: float = 9,
              repeat_header: bool = False, rules: str = "grid",
              merges: tuple[tuple[int, int, int], ...] = (),
              hmerges: tuple[tuple[int, int, int], ...] = ()) -> list[int | None]: ...
    def numbered(self, text: str, level: int = 0) -> int | None: ...
    def columns(self, left: list[str], right: list[str], size: float = 11) -> int | None: ...
    def space(self, height: float) -> None: ...
    def page_break(self, landscape: bool = False) -> None: ...
    def save(self, path: Path) -> int | None: ...


@dataclass
class _Op:
    kind: str  # "text" | "line"
    args: tuple


@dataclass
class PdfWriter:
    """``footer``: "dash" ("- 3 -"), "slash" ("第3页/共40页"), "cn" ("第 3 页 共 40 页"), "plain" ("3"),
    "emdash" ("— 3 —"), "frac" ("3/40"), "page" ("第3页") or None.
    ``header``: a running header line (agency or project name) or None; "{n}" and "{total}" in it are
    the page number and count (a header that carries the page number). ``header_align``: "left" or
    "right". ``page_break(landscape=True)`` starts a landscape page (a wide goods table)."""

    footer: str | None = "dash"
    header: str | None = None
    header_align: str = "left"
    margin: float = 72
    landscape: set[int] = field(default_factory=set)
    pages: list[list[_Op]] = field(default_factory=lambda: [[]])
    y: float = 0
    _rules: str = "grid"
    _numbers: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.y = self.margin

    @property
    def page(self) -> int:
        return len(self.pages)

    def _size(self, page: int | None = None) -> tuple[float, float]:
        return (PAGE_H, PAGE_W) if (page or self.page) in self.landscape else (PAGE_W, PAGE_H)

    @property
    def width(self) -> float:
        return self._size()[0] - 2 * self.margin

    @property
    def bottom(self) -> float:
        return self._size()[1] - self.margin

    def page_break(self, landscape: bool = False) -> None:
        self.pages.append([])
        if landscape:
            self.landscape.add(self.page)
        self.y = self.margin

    def _need(self, height: float) -> None:
        if self.y + height > self.bottom:
            self.page_break()

    def _text(self, x: float, baseline: float, size: float, text: str) -> None:
        self.pages[-1].append(_Op("text", (x, baseline, size, text)))

    def _line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.pages[-1].append(_Op("line", (x0, y0, x1, y1)))

    def space(self, height: float) -> None:
        self.y += height

    def title(self, text: str, size: float = 18) -> int:
        self._need(size * 2)
        page = self.page
        w = pdfmetrics.stringWidth(text, FONT, size)
        self._text((self._size()[0] - w) / 2, self.y + size, size, text)
        self.y += size * 2
        return page

    def heading(self, text: str, size: float = 13) -> int:
        self._need(size * 3)
        self.y += size * 0.4
        return self.para(text, size)

    def para(self, text: str, size: float = 10.5, indent: float = 0) -> int:
        first_page = None
        for line in wrap(text, self.width - indent, size):
            self._need(size * LEADING)
            first_page = first_page or self.page
            self._text(self.margin + indent, self.y + size, size, line)
            self.y += size * LEADING
        self.y += size * 0.3
        return first_page or self.page

    def numbered(self, text: str, level: int = 0) -> int:
        """A paragraph with a multi-level number ("2.1 "), written out as text: a PDF has no list numbering."""
        self._numbers = (self._numbers + [0] * (level + 1))[:level + 1]
        self._numbers[level] += 1
        return self.para(".".join(map(str, self._numbers)) + " " + text)

    def columns(self, left: list[str], right: list[str], size: float = 11) -> int:
        """A two-column block (a cover with the purchaser left and the agency right)."""
        page = self.page
        half = self.width / 2
        for i in range(max(len(left), len(right))):
            self._need(size * LEADING)
            if i < len(left):
                self._text(self.margin, self.y + size, size, left[i])
            if i < len(right):
                self._text(self.margin + half + 20, self.y + size, size, right[i])
            self.y += size * LEADING * 1.4
        return page

    def table(self, rows: list[list[str]], widths: list[float], size: float = 9,
              repeat_header: bool = False, rules: str = "grid",
              merges: tuple[tuple[int, int, int], ...] = (),
              hmerges: tuple[tuple[int, int, int], ...] = ()) -> list[int]:
        """A table; rows that do not fit go to the next page (the header again if asked).

        ``rules``: "grid" (every cell ruled), "three" (三线表: a rule above and below the header and
        one under the last row, no vertical rules) or "none" (columns aligned by position only, as
        a table pasted as text). ``merges``/``hmerges`` are for DOCX only (a PDF writer writes the cells it gets)."""
        self._rules = rules
        scale = self.width / sum(widths) if sum(widths) > self.width else 1
        widths = [w * scale for w in widths]
        xs = [self.margin]
        for w in widths:
            xs.append(xs[-1] + w)
        line_h = size * 1.35
        wrapped = [[wrap(cell, w - 2 * CELL_PAD, size) for cell, w in zip(row, widths)] for row in rows]
        heights = [max(len(c) for c in row) * line_h + 2 * CELL_PAD + 2 for row in wrapped]
        pages: list[int] = []
        seg_top = None
        for r, (cells, h) in enumerate(zip(wrapped, heights)):
            if self.y + h > self.bottom:
                self._close(xs, seg_top)
                self.page_break()
                seg_top = None
                if repeat_header and r > 0:
                    seg_top = self._row(xs, wrapped[0], heights[0], size, line_h, seg_top)
            seg_top = self._row(xs, cells, h, size, line_h, seg_top)
            pages.append(self.page)
        self._close(xs, seg_top)
        self.y += 8
        return pages

    def _row(self, xs: list[float], cells: list[list[str]], h: float, size: float, line_h: float,
             seg_top: float | None) -> float:
        top = self.y
        first = seg_top is None
        if first:
            if self._rules != "none":
                self._line(xs[0], top, xs[-1], top)
            seg_top = top
        for x, lines in zip(xs, cells):
            for k, line in enumerate(lines):
                self._text(x + CELL_PAD, top + CELL_PAD + size + k * line_h, size, line)
        self.y += h
        if self._rules == "grid" or (self._rules == "three" and first):
            self._line(xs[0], self.y, xs[-1], self.y)
        return seg_top

    def _close(self, xs: list[float], seg_top: float | None) -> None:
        if seg_top is None or self._rules == "none":
            return
        if self._rules == "three":
            self._line(xs[0], self.y, xs[-1], self.y)
            return
        for x in xs:
            self._line(x, seg_top, x, self.y)

    def save(self, path: Path) -> int:
        c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        total = len(self.pages)
        for n, ops in enumerate(self.pages, 1):
            page_w, page_h = self._size(n)
            c.setPageSize((page_w, page_h))
            c.setLineWidth(0.7)
            for op in ops:
                if op.kind == "text":
                    x, baseline, size, text = op.args
                    c.setFont(FONT, size)
                    c.drawString(x, page_h - baseline, text)
                else:
                    x0, y0, x1, y1 = op.args
                    c.line(x0, page_h - y0, x1, page_h - y1)
            c.setFont(FONT, 9)
            if self.header:
                head = self.header.format(n=n, total=total)
                if self.header_align == "right":
                    c.drawRightString(page_w - self.margin, page_h - 40, head)
                else:
                    c.drawString(self.margin, page_h - 40, head)
                c.line(self.margin, page_h - 45, page_w - self.margin, page_h - 45)
            label = {"dash": f"- {n} -", "slash": f"第{n}页/共{total}页", "cn": f"第 {n} 页 共 {total} 页",
                     "plain": str(n), "emdash": f"— {n} —", "frac": f"{n}/{total}", "page": f"第{n}页"}.get(self.footer or "")
            if label:
                c.drawCentredString(page_w / 2, 36, label)
            c.showPage()
        c.save()
        return total


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy character wrap (Chinese wraps anywhere); explicit newlines are kept."""
    out: list[str] = []
    for raw in text.split("\n"):
        line = ""
        for ch in raw:
            if line and pdfmetrics.stringWidth(line + ch, FONT, size) > width:
                out.append(line)
                line = ""
            line += ch
        out.append(line)
    return out


class DocxWriter:
    def __init__(self) -> None:
        import docx

        self.doc = docx.Document()

    page = None  # a DOCX has no fixed pages

    def title(self, text: str, size: float = 18) -> None:
        self.doc.add_heading(text, level=0)

    def heading(self, text: str, size: float = 13) -> None:
        self.doc.add_heading(text, level=1 if size >= 13 else 2)

    def para(self, text: str, size: float = 10.5, indent: float = 0) -> None:
        for line in text.split("\n"):
            self.doc.add_paragraph(line)

    def columns(self, left: list[str], right: list[str], size: float = 11) -> None:
        for line in left + right:
            self.doc.add_paragraph(line)

    def table(self, rows: list[list[str]], widths: list[float], size: float = 9,
              repeat_header: bool = False, rules: str = "grid",
              merges: tuple[tuple[int, int, int], ...] = (),
              hmerges: tuple[tuple[int, int, int], ...] = ()) -> list[None]:
        """``merges``: (column, first row, last row) cells merged vertically (Word's vMerge); the text
        of the first row stays. ``hmerges``: (row, first column, last column) cells merged across
        (Word's gridSpan: a two-level header, a section row spanning the table). A cell text starting with "TABLE:" holds a nested table, rows split by
        "\n" and cells by "|"."""
        t = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        t.style = "Table Grid" if rules == "grid" else None
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text.startswith("TABLE:"):
                    inner = [line.split("|") for line in text[len("TABLE:"):].split("\n")]
                    cell = t.cell(r, c)
                    nested = cell.add_table(rows=len(inner), cols=len(inner[0]))
                    for ir, irow in enumerate(inner):
                        for ic, itext in enumerate(irow):
                            nested.cell(ir, ic).text = itext
                else:
                    t.cell(r, c).text = text
        for col, r0, r1 in merges:
            keep = t.cell(r0, col).text
            merged = t.cell(r0, col).merge(t.cell(r1, col))
            merged.text = keep
        for row, c0, c1 in hmerges:
            keep = t.cell(row, c0).text
            merged = t.cell(row, c0).merge(t.cell(row, c1))
            merged.text = keep
        return [None] * len(rows)

    def numbered(self, text: str, level: int = 0) -> None:
        """Word automatic numbering: the number is in the list definition, not in the paragraph text."""
        self.doc.add_paragraph(text, style="List Number" if level == 0 else "List Number 2")

    def space(self, height: float) -> None:
        pass

    def page_break(self, landscape: bool = False) -> None:
        self.doc.add_page_break()

    def save(self, path: Path) -> None:
        self.doc.save(str(path))
