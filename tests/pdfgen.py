"""Test documents made on the fly: reportlab PDFs with the built-in STSong-Light CID font
(no font files, extracts cleanly) and python-docx documents. Positions are known, so tests can
check that extracted boxes really cover the glyphs."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
PAGE_W, PAGE_H = A4


@dataclass
class Placed:
    """A string drawn at a known place: baseline x, y in top-left coordinates, font size."""

    text: str
    x: float
    top: float  # distance of the baseline from the page top
    size: float = 11

    def bbox(self) -> tuple[float, float, float, float]:
        width = pdfmetrics.stringWidth(self.text, FONT, self.size)
        # CJK glyphs of STSong-Light sit roughly between baseline - 0.88em and baseline + 0.12em.
        return (self.x, self.top - 0.88 * self.size, self.x + width, self.top + 0.12 * self.size)


@dataclass
class TableSpec:
    rows: list[list[str]]
    col_widths: list[float]
    x: float = 60
    top: float = 100
    row_height: float = 24
    size: float = 10


@dataclass
class PageSpec:
    lines: list[Placed] = field(default_factory=list)
    tables: list[TableSpec] = field(default_factory=list)
    header: str | None = None
    footer: str | None = None  # may contain {n} and {total}


def text_page(*texts: str, size: float = 11, top: float = 80, leading: float = 22, x: float = 72) -> PageSpec:
    return PageSpec(lines=[Placed(t, x, top + i * leading, size) for i, t in enumerate(texts)])


def draw_table(c: canvas.Canvas, t: TableSpec) -> None:
    y_top = PAGE_H - t.top
    xs = [t.x]
    for w in t.col_widths:
        xs.append(xs[-1] + w)
    ys = [y_top - i * t.row_height for i in range(len(t.rows) + 1)]
    c.setLineWidth(0.8)
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    c.setFont(FONT, t.size)
    for r, row in enumerate(t.rows):
        for col, text in enumerate(row):
            c.drawString(xs[col] + 3, ys[r] - t.row_height + 7, text)


def make_pdf(path: Path, pages: list[PageSpec], **canvas_kwargs: object) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, **canvas_kwargs)
    total = len(pages)
    for n, page in enumerate(pages, 1):
        if page.header:
            c.setFont(FONT, 9)
            c.drawString(300, PAGE_H - 40, page.header)
        for item in page.lines:
            c.setFont(FONT, item.size)
            c.drawString(item.x, PAGE_H - item.top, item.text)
        for table in page.tables:
            draw_table(c, table)
        if page.footer:
            c.setFont(FONT, 9)
            c.drawString(270, 40, page.footer.format(n=n, total=total))
        c.showPage()
    c.save()
    return path


def make_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """Pages that are only an image: what a scanner produces."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (400, 560), "white")
    ImageDraw.Draw(img).rectangle((40, 40, 360, 80), fill="black")
    img_path = path.with_suffix(".png")
    img.save(img_path)
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        c.drawImage(str(img_path), 0, 0, PAGE_W, PAGE_H)
        c.showPage()
    c.save()
    img_path.unlink()
    return path


def make_unmapped_font_pdf(path: Path, glyphs: int = 300) -> Path:
    """A text layer whose glyphs have no Unicode mapping: what subset CID fonts exported without
    a ToUnicode map give (pdfplumber shows "(cid:1000)", pdfium the raw glyph ids as characters).
    Written by hand because reportlab always embeds a proper mapping."""
    runs = b"".join(b"BT /F1 12 Tf 72 %d Td <" % (760 - 20 * line) + b"".join(
        b"%04X" % (1000 + (line * 30 + i) % 400) for i in range(30)) + b"> Tj ET\n" for line in range(glyphs // 30))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(runs) + runs + b"endstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun /CIDSystemInfo"
         b" << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def make_docx(path: Path, paragraphs: list[str], tables: list[list[list[str]]] | None = None,
              numbered: list[str] | None = None) -> Path:
    """A Word document; ``numbered`` paragraphs use Word's automatic numbering (List Number)."""
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    for p in numbered or []:
        d.add_paragraph(p, style="List Number")
    for rows in tables or []:
        t = d.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                t.cell(r, c).text = text
    d.save(str(path))
    return path
