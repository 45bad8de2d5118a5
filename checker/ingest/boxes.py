"""Per-character boxes of a line, stored compactly.

A 1000-page tender has about a million glyphs; as Python tuples of floats their boxes alone
take over 100 MB. A ``CharBoxes`` keeps them as rows of one float64 array per page and hands
out ``(x0, top, x1, bottom)`` tuples of plain floats on access, so it reads like the list of
tuples it replaces (indexing, slicing, ``len``, iteration, ``==``) at a quarter of the memory.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

import numpy as np

from ..model import BBox


class CharBoxes(Sequence[BBox]):
    __slots__ = ("_rows",)

    def __init__(self, rows: np.ndarray) -> None:
        self._rows = rows  # shape (n, 4), float64; usually a view into the page's array

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> BBox: ...

    @overload
    def __getitem__(self, index: slice) -> list[BBox]: ...

    def __getitem__(self, index: int | slice) -> BBox | list[BBox]:
        if isinstance(index, slice):
            return box_tuples(self._rows[index])
        x0, top, x1, bottom = self._rows[index].tolist()
        return (x0, top, x1, bottom)

    def __iter__(self) -> Iterator[BBox]:
        return iter(box_tuples(self._rows))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CharBoxes):
            return np.array_equal(self._rows, other._rows)
        if isinstance(other, (list, tuple)):
            return box_tuples(self._rows) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable-looking sequence, like list

    def __repr__(self) -> str:
        return repr(box_tuples(self._rows))


def box_tuples(rows: np.ndarray) -> list[BBox]:
    return list(zip(*rows.T.tolist())) if len(rows) else []
