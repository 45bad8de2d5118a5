"""The catalog matcher's lexicon files, read through ``checker.lexicon_io`` (problems are CatalogErrors)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lexicons

from ..errors import CatalogError
from ..lexicon_io import read_mapping, read_table


@dataclass(frozen=True, slots=True)
class LexiconRow:
    line: int  # 1-based line in the file
    values: dict[str, str]


def _fail(path: Path, what: str, line: int | None) -> CatalogError:
    where = f"{path}:{line}" if line else str(path)
    return CatalogError(f"词表文件有误：{where}：{what}", f"bad lexicon file {where}: {what}")


def read_yaml(name: str) -> dict[str, Any]:
    return read_mapping(lexicons.path(name), _fail)


def read_csv(name: str, required: tuple[str, ...]) -> list[LexiconRow]:
    """Rows of a commented CSV lexicon; every ``required`` column must be filled on every row."""
    path = lexicons.path(name)
    header_line, header, rows = read_table(path, _fail)
    missing = [c for c in required if c not in header]
    if missing:
        raise _fail(path, f"缺少列 / missing columns: {'、'.join(missing)}", header_line)
    out: list[LexiconRow] = []
    for line_no, cells in rows:
        values = dict(zip(header, cells))
        empty = [c for c in required if not values[c]]
        if empty:
            raise _fail(path, f"{'、'.join(empty)} 为空 / empty {empty}", line_no)
        out.append(LexiconRow(line_no, values))
    return out
