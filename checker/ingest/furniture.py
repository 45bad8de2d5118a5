"""Running headers, footers and page numbers: recognised and kept out of the content.

A line is furniture when it sits in the top or bottom band of the page and either looks like a
page number ("第 3 页 共 48 页", "- 3 -", "3/48", "Page 3 of 48") or repeats, digits aside, on
most pages (the project name printed as a running header).
"""
from __future__ import annotations

import re
from collections import Counter

from ..model import Line, Page, Table

# Fraction of the page height, from the top and from the bottom, where headers and footers live.
DEFAULT_MARGIN_BAND = 0.12
# A margin line repeated on at least this share of pages is a running header or footer.
DEFAULT_REPEAT_RATIO = 0.5

PAGE_NUMBER = re.compile(
    r"^\s*(?:"
    r"第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|共\s*\d+\s*页\s*第\s*\d+\s*页"
    r"|[-—–－]\s*\d+\s*[-—–－]"
    r"|\d+\s*/\s*\d+"
    r"|(?:page|Page|PAGE)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
    r"|\d{1,4}"
    r")\s*$"
)
_DIGITS = re.compile(r"\d+")


def _in_band(line: Line, page: Page) -> bool:
    if line.bbox is None or not page.height:
        return False
    band = page.height * DEFAULT_MARGIN_BAND
    return line.bbox[3] <= band or line.bbox[1] >= page.height - band


def _key(text: str) -> str:
    return _DIGITS.sub("#", "".join(text.split()))


def strip_furniture(pages: list[Page]) -> None:
    """Move header/footer lines of every page from ``blocks`` to ``furniture`` (in place)."""
    counts: Counter[str] = Counter()
    for page in pages:
        seen = {_key(b.text) for b in page.blocks if isinstance(b, Line) and _in_band(b, page)}
        counts.update(seen)
    min_repeat = max(2, int(len(pages) * DEFAULT_REPEAT_RATIO + 0.5)) if len(pages) >= 3 else 10**9
    for page in pages:
        keep: list[Line | Table] = []
        for block in page.blocks:
            if isinstance(block, Line) and _in_band(block, page) and (
                PAGE_NUMBER.match(block.text) or counts[_key(block.text)] >= min_repeat
            ):
                page.furniture.append(block)
            else:
                keep.append(block)
        page.blocks = keep
