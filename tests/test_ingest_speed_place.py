"""The vectorised glyph placement (``place``) agrees with the glyph-by-glyph loop on random pages
built to hit its corners: glyphs drawn two or three times a fraction of a point apart, glyphs
poking over a ruling after a glyph inside the cell, merged cells, overlapping tables, "\\r"
without "\\n", runs of spaces and pages starting with a line break."""
from __future__ import annotations

import random
from itertools import pairwise

import numpy as np
import pytest

from checker.ingest.grid import Grid, GridCell
from checker.ingest.place import Cells, Placement, code_points, place, place_per_glyph, space_mask


def _grid(rng: random.Random, x: float, y: float) -> Grid:
    xs = [x + 40 * k + rng.choice((0, 0, 5)) for k in range(rng.randint(2, 5))]
    ys = [y + 15 * k for k in range(rng.randint(2, 5))]
    rows = []
    for r in range(len(ys) - 1):
        edges = sorted({0, len(xs) - 1, *rng.sample(range(len(xs)), rng.randint(0, len(xs)))})
        rows.append([GridCell(r, a, b - a, (xs[a], ys[r], xs[b], ys[r + 1])) for a, b in pairwise(edges)])
    return Grid((xs[0], ys[0], xs[-1], ys[-1]), rows)


def _page(rng: random.Random) -> tuple[str, np.ndarray, list[Grid]]:
    grids = [_grid(rng, rng.choice((50.0, 60.0, 100.0)), rng.choice((100.0, 110.0, 130.0)))
             for _ in range(rng.randint(0, 3))]
    # edges of every cell, where glyphs are most likely to stick to a cell or poke out of one
    spots_x = [v + d for g in grids for row in g.cells for c in row for v in (c.bbox[0], c.bbox[2]) for d in (-4, -1, 0, 1)]
    spots_y = [v + d for g in grids for row in g.cells for c in row for v in (c.bbox[1], c.bbox[3]) for d in (-3, 0, 2)]
    chars: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []
    for _ in range(rng.randint(1, 12)):
        if chars or rng.random() < 0.2:
            brk = rng.choice(("\r\n", "\n", "\r", "\r\n\r\n"))
            chars += brk
            boxes += [(0.0, 0.0, 0.0, 0.0)] * len(brk)
        x = rng.choice(spots_x or [10.0]) + rng.choice((0.0, rng.uniform(-3, 3)))  # on an edge, or near
        y = rng.choice(spots_y or [10.0]) + rng.choice((0.0, -5.0, rng.uniform(-3, 3)))
        for _ in range(rng.randint(1, 10)):
            ch = rng.choice("ab、、 ")
            w = rng.choice((2.0, 8.0, rng.uniform(0.5, 12)))
            if rng.random() < 0.2:  # centre exactly on the edge
                x -= w / 2
            copies = rng.choice((1, 1, 1, 2, 3))
            for k in range(copies):  # fake bold: the same glyph again, a little off
                dx = k * rng.choice((0.0, 0.3, 0.6, 1.2))
                chars.append(ch)
                boxes.append((x + dx, y + dx, x + w + dx, y + 10 + dx))
                if copies > 1 and rng.random() < 0.3:
                    chars.append(" ")
                    boxes.append((x + w, y, x + w + 1, y + 10))
            x += w * rng.choice((0.5, 1.0, 1.0, 2.0, -1.0))
    return "".join(chars), np.array(boxes, dtype=np.float64).reshape(-1, 4), grids


@pytest.mark.parametrize("seed", range(40))
def test_vectorised_placement_matches_the_per_glyph_loop(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(100):
        text, boxes, grids = _page(rng)
        cells = Cells(grids)
        codes = code_points(text)
        fast = place(codes, boxes, space_mask(codes), cells)
        ref = place_per_glyph(text, boxes, cells)
        # the fast path keeps blank lines (finish_lines drops them); compare the non-blank ones
        assert _lines(fast) == _lines(ref)
        assert fast.cell_glyphs.tolist() == ref.cell_glyphs.tolist()
        assert fast.cell_ids.tolist() == ref.cell_ids.tolist()
        assert fast.cell_breaks.tolist() == ref.cell_breaks.tolist()


def _lines(p: Placement) -> list[tuple[str, list[int]]]:
    out = []
    pos = 0
    for n in p.line_lengths:
        text = p.line_text[pos:pos + n]
        if text.strip():
            out.append((text, p.line_glyphs[pos:pos + n].tolist()))
        pos += n
    return out


def test_space_mask_is_str_isspace() -> None:
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    assert space_mask(code_points(every)).tolist() == [ch.isspace() for ch in every]
