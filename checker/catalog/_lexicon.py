"""Reading the catalog's lexicon files: ``#`` comment lines, a header, validated rows.

Every problem names the file and line, so a bad edit to a lexicon fails loudly at start-up.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import Any

import yaml

import lexicons

from ..errors import CatalogError


@dataclass(frozen=True, slots=True)
class LexiconRow:
    line: int  # 1-based line in the file
    values: dict[str, str]


def read_yaml(name: str) -> dict[str, Any]:
    path = lexicons.path(name)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"无法读取词表 {path}：{exc}", f"cannot read lexicon {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise CatalogError(f"词表 {path} 应为键值映射", f"lexicon {path} must be a mapping")
    return data


def read_csv(name: str, required: tuple[str, ...]) -> list[LexiconRow]:
    """Rows of a commented CSV lexicon; every ``required`` column must be filled on every row."""
    path = lexicons.path(name)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CatalogError(f"无法读取词表 {path}：{exc}", f"cannot read lexicon {path}: {exc}") from exc
    lines = text.splitlines()
    numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    if not numbered:
        raise CatalogError(f"词表 {path} 为空", f"lexicon {path} is empty")
    reader = csv.reader([line for _, line in numbered])
    header = [h.strip() for h in next(reader)]
    missing = [c for c in required if c not in header]
    if missing:
        raise CatalogError(f"词表 {path} 第{numbered[0][0]}行缺少列：{'、'.join(missing)}",
                           f"{path}:{numbered[0][0]}: missing columns {missing}")
    rows: list[LexiconRow] = []
    for (line_no, _), cells in zip(numbered[1:], reader):
        if len(cells) != len(header):
            raise CatalogError(f"词表 {path} 第{line_no}行应有 {len(header)} 列，实有 {len(cells)} 列",
                               f"{path}:{line_no}: expected {len(header)} columns, got {len(cells)}")
        values = {h: c.strip() for h, c in zip(header, cells)}
        empty = [c for c in required if not values[c]]
        if empty:
            raise CatalogError(f"词表 {path} 第{line_no}行 {'、'.join(empty)} 为空",
                               f"{path}:{line_no}: empty {empty}")
        rows.append(LexiconRow(line_no, values))
    return rows
