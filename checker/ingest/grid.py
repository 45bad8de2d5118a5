"""Ruled tables from a page's vector lines, without pdfplumber.

Tenders draw tables with ruling lines (Word borders, reportlab grids). pdfium reports each path
object's bounds; thin ones are ruling segments. We snap them to a grid, group connected grids
into tables, and build each row's cells from the vertical rulings that cross that row, so merged
(column-spanning) cells come out as one cell. This reads a page in well under a millisecond;
pdfplumber's table finder takes tens of milliseconds per page and would dominate a scan.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from ..model import BBox

# A path thinner than this (points) in one direction is a ruling line.
DEFAULT_RULING_MAX_THICKNESS = 3.0
# Rulings closer than this are the same grid line (double borders, rounding).
DEFAULT_SNAP_TOLERANCE = 3.0
# Smallest table worth reading: two rows and two columns.
MIN_ROWS = 2
MIN_COLS = 2


@dataclass(slots=True)
class Segment:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.bottom - self.top) <= (self.x1 - self.x0)


@dataclass(slots=True)
class GridCell:
    row: int
    col: int  # index of the left grid line
    colspan: int
    bbox: BBox


@dataclass(slots=True)
class Grid:
    bbox: BBox
    cells: list[list[GridCell]]  # by row


def segments_from_bounds(bounds: list[BBox]) -> list[Segment]:
    """Ruling segments from path bounds (top-left coordinates). Outlined boxes give four edges."""
    out: list[Segment] = []
    t = DEFAULT_RULING_MAX_THICKNESS
    for x0, top, x1, bottom in bounds:
        w, h = x1 - x0, bottom - top
        if w <= t and h > t:
            mid = (x0 + x1) / 2
            out.append(Segment(mid, top, mid, bottom))
        elif h <= t and w > t:
            mid = (top + bottom) / 2
            out.append(Segment(x0, mid, x1, mid))
        elif w > t and h > t and w < 2000 and h < 2000:
            # A rectangle: its edges may be a cell border (filled backgrounds give false edges,
            # which only matter if they line up with real rulings into a grid).
            out += [Segment(x0, top, x1, top), Segment(x0, bottom, x1, bottom),
                    Segment(x0, top, x0, bottom), Segment(x1, top, x1, bottom)]
    return out


def _snap(values: list[float], tol: float) -> list[float]:
    values = sorted(values)
    out: list[float] = []
    for v in values:
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _touches(a: Segment, b: Segment, tol: float) -> bool:
    return not (a.x1 + tol < b.x0 or b.x1 + tol < a.x0 or a.bottom + tol < b.top or b.bottom + tol < a.top)


def _clusters(segs: list[Segment], tol: float) -> list[list[Segment]]:
    """Connected components of touching segments (union-find)."""
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(segs)), key=lambda i: segs[i].top)
    for ii, i in enumerate(order):
        a = segs[i]
        for j in order[ii + 1:]:
            b = segs[j]
            if b.top > a.bottom + tol:
                break
            if _touches(a, b, tol):
                parent[find(i)] = find(j)
    groups: dict[int, list[Segment]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(find(i), []).append(s)
    return list(groups.values())


def _crossed(xs: list[float], ys: list[float], vs: list[Segment], tol: float) -> np.ndarray:
    """(rows, len(xs)) booleans: a vertical ruling at grid line x crosses the row's middle.
    Those are the row's column boundaries."""
    x = np.array(xs)
    y = np.array(ys)
    mid = (y[:-1] + y[1:]) / 2
    vx = np.array([v.x0 for v in vs])
    top = np.array([v.top for v in vs]) - tol
    bottom = np.array([v.bottom for v in vs]) + tol
    at = np.abs(vx[None, :] - x[:, None]) <= tol  # (lines, rulings)
    spans = (top <= mid[:, None]) & (mid[:, None] <= bottom)  # (rows, rulings)
    crossed: np.ndarray = (spans[:, None, :] & at[None, :, :]).any(axis=2)
    return crossed


def find_grids(bounds: list[BBox], tol: float = DEFAULT_SNAP_TOLERANCE) -> list[Grid]:
    segs = segments_from_bounds(bounds)
    grids: list[Grid] = []
    for group in _clusters(segs, tol):
        hs = [s for s in group if s.horizontal]
        vs = [s for s in group if not s.horizontal]
        if len(hs) < MIN_ROWS + 1 or len(vs) < MIN_COLS + 1:
            continue
        ys = _snap([s.top for s in hs], tol)
        xs = _snap([s.x0 for s in vs], tol)
        if len(ys) < MIN_ROWS + 1 or len(xs) < MIN_COLS + 1:
            continue
        rows: list[list[GridCell]] = []
        crossed = _crossed(xs, ys, vs, tol)
        for r in range(len(ys) - 1):
            y0, y1 = ys[r], ys[r + 1]
            bounds_x: list[int] = np.flatnonzero(crossed[r]).tolist()
            if len(bounds_x) < 2:
                continue
            cells = [GridCell(len(rows), a, b - a, (xs[a], y0, xs[b], y1))
                     for a, b in pairwise(bounds_x)]
            rows.append(cells)
        if len(rows) < MIN_ROWS or max(len(r) for r in rows) < MIN_COLS:
            continue
        grids.append(Grid((xs[0], ys[0], xs[-1], ys[-1]), rows))
    grids.sort(key=lambda g: g.bbox[1])
    return grids
