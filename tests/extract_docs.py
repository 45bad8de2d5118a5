"""In-memory documents for the fact-extraction tests: real ``Document`` → ``build_doctext`` → ``extract``.

Blocks are paragraphs (str) or tables (list of rows). Every block gets a page and a box, one block
per visual line with a wide gap, so the layout never joins two blocks and evidence has a page.
"""
from __future__ import annotations

from checker.facts import extract
from checker.facts.model import Facts
from checker.model import Cell, Document, Line, Page, Table
from checker.normalize import DocText, build_doctext

LINE_GAP = 40.0
CHAR_W = 10.0


def document(*blocks: str | list[list[str]], per_page: int = 12) -> Document:
    pages: list[Page] = []
    for i, block in enumerate(blocks):
        if i % per_page == 0:
            pages.append(Page(number=len(pages) + 1, width=595, height=842))
        page = pages[-1]
        top = 60.0 + (i % per_page) * LINE_GAP
        if isinstance(block, str):
            page.blocks.append(Line(block, page.number, (72.0, top, 72.0 + CHAR_W * len(block), top + 10.0)))
        else:
            rows = []
            for r, row in enumerate(block):
                cells = []
                x = 60.0
                for c, text in enumerate(row):
                    w = 120.0
                    cells.append(Cell(text, page.number, (x, top + r * 20, x + w, top + r * 20 + 18), r, c))
                    x += w
                rows.append(cells)
            page.blocks.append(Table(rows, [page.number], rows[0][0].bbox, top=top))
    return Document(path="t.pdf", name="t.pdf", format="pdf", sha256="0", pages=pages, page_count=len(pages))


def doctext(*blocks: str | list[list[str]], per_page: int = 12) -> DocText:
    return build_doctext(document(*blocks, per_page=per_page))


def facts(*blocks: str | list[list[str]], per_page: int = 12) -> Facts:
    return extract(doctext(*blocks, per_page=per_page))
