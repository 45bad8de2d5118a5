"""What ingest hands to the rest of the pipeline: pages of lines and tables, each with provenance.

Coordinates are PDF points with a top-left origin: ``(x0, top, x1, bottom)``, the convention
pdfplumber uses, so evidence boxes can be drawn straight onto a rendered page. DOCX has no
layout, so its page and bbox are ``None`` and ``location`` says where the text is instead.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

BBox = tuple[float, float, float, float]
Format = Literal["pdf", "docx"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact or finding comes from. ``null`` rather than invented coordinates."""

    page: int | None
    bbox: BBox | None
    text: str
    location: str | None = None  # DOCX: "第12段" / "表3 第2行 第4列"
    # Where the quoted text starts in the normalised document text (DocText.text), when known: lets
    # the outline say which zone of the tender a fact sits in. Not serialised, not compared.
    offset: int | None = field(default=None, compare=False)
    # Text read by OCR from a page image: the engine's lowest confidence (0-1) over the quoted
    # characters; None for a text layer. Serialised (with ``source: "ocr"``) only when set.
    confidence: float | None = field(default=None, compare=False)

    @property
    def source(self) -> Literal["ocr"] | None:
        """"ocr" when the text was read from a page image; None for a text layer."""
        return "ocr" if self.confidence is not None else None

    def __reduce__(self) -> tuple[type[Evidence], tuple[Any, ...]]:
        # Pickled as its fields, given back to the constructor: a frozen dataclass's own pickling
        # sets each field through object.__setattr__, twice as slow to load, and facts and reports
        # travel between processes (checker/aside.py, checker/bounded.py) with thousands of these.
        return Evidence, (self.page, self.bbox, self.text, self.location, self.offset, self.confidence)


@dataclass(slots=True)
class Line:
    """One visual line of body text (PDF) or one paragraph (DOCX), as extracted."""

    text: str
    page: int | None
    bbox: BBox | None
    location: str | None = None
    # Per-character boxes, parallel to ``text`` (PDF only); lets evidence cover a sub-span exactly.
    # A sequence of tuples: PDF ingest hands out a compact array-backed one (ingest/boxes.py).
    char_boxes: Sequence[BBox] | None = field(default=None, repr=False)
    style: str | None = None  # DOCX paragraph style (Heading 1 …), None for PDF
    # Read by OCR: the engine's confidence per character, parallel to ``text``; None for a text layer.
    confidences: Sequence[float] | None = field(default=None, repr=False)


@dataclass(slots=True)
class Cell:
    text: str
    page: int | None
    bbox: BBox | None
    row: int
    col: int
    colspan: int = 1
    location: str | None = None
    char_boxes: list[BBox] | None = field(default=None, repr=False)
    confidences: list[float] | None = field(default=None, repr=False)  # read by OCR (see Line)

    def as_line(self) -> Line:
        return Line(self.text, self.page, self.bbox, self.location, self.char_boxes, confidences=self.confidences)


@dataclass(slots=True)
class Table:
    """A table, possibly stitched from pieces on consecutive pages; every cell keeps its own page."""

    rows: list[list[Cell]]
    pages: list[int | None]
    bbox: BBox | None = None  # of the first piece
    location: str | None = None
    top: float = 0.0  # top of the first piece, for reading order on its page

    @property
    def header(self) -> list[Cell]:
        return self.rows[0] if self.rows else []

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


@dataclass(slots=True)
class Page:
    number: int | None  # 1-based; None for DOCX
    width: float = 0.0
    height: float = 0.0
    # Body lines and tables that start on this page, in reading order; headers/footers removed.
    blocks: list[Line | Table] = field(default_factory=list)
    furniture: list[Line] = field(default_factory=list)  # running headers, footers, page numbers

    @property
    def lines(self) -> list[Line]:
        return [b for b in self.blocks if isinstance(b, Line)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass(slots=True)
class Document:
    path: str
    name: str
    format: Format
    sha256: str
    pages: list[Page]
    page_count: int | None  # None for DOCX (no layout)
    warnings: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text was read by OCR

    def iter_blocks(self) -> list[Line | Table]:
        """Body lines and tables in reading order, page by page."""
        return [block for page in self.pages for block in page.blocks]
