"""Fingerprint of what ingest + normalise produce, to prove a speed-up changed nothing.

    python bench/ingest_digest.py FILE_OR_FOLDER... > before.txt   # on the old code
    python bench/ingest_digest.py FILE_OR_FOLDER... > after.txt    # on the new code
    diff before.txt after.txt                                      # must be empty

One line per file: a SHA-256 over every line, cell, table, furniture line, char box (exact
floats), the normalised text and its offset maps; evaluate.py scores can only move if this does.
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.errors import CheckerError
from checker.ingest import load_document
from checker.model import Line, Table
from checker.normalize import build_doctext
from checker.paths import expand_paths


def digest(path: Path) -> str:
    h = hashlib.sha256()

    def put(*values: object) -> None:
        h.update(repr(values).encode())

    try:
        doc = load_document(path)
    except CheckerError as exc:
        return f"error {exc.code}"
    put(doc.page_count, doc.warnings)
    for page in doc.pages:
        put("page", page.number, page.width, page.height)
        for line in page.furniture:
            put("furniture", line.text, line.bbox, line.char_boxes)
        for block in page.blocks:
            if isinstance(block, Line):
                put("line", block.text, block.page, block.bbox, block.location, block.char_boxes)
            elif isinstance(block, Table):
                put("table", block.pages, block.bbox, block.location, block.top)
                for row in block.rows:
                    for c in row:
                        put("cell", c.text, c.page, c.bbox, c.row, c.col, c.colspan, c.location, c.char_boxes)
    dt = build_doctext(doc)
    put("text", dt.text)
    for seg in dt.segments:
        put("seg", seg.start, seg.end, seg.omap)
    return h.hexdigest()


def main(argv: list[str]) -> int:
    for p in expand_paths(argv):
        print(f"{p.name}\t{digest(p)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
