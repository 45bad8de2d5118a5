"""Reading the files in ``lexicons/``: YAML mappings and CSV tables with ``#`` comment lines.

Shared by the fact extractors and the catalog matcher. Each caller passes ``fail``, which turns a
problem (file, what, line) into its own error type, so every bad edit to a lexicon fails loudly
at start-up naming the file and the line.
"""
from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .errors import CheckerError

Fail = Callable[[Path, str, "int | None"], CheckerError]

# libyaml's parser where PyYAML was built with it: the lexicons load five times faster, which
# every command-line scan pays at start-up. Same safe constructors, same results.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_mapping(path: Path, fail: Fail) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        raise fail(path, f"无法读取 / cannot read: {exc}", None) from exc
    if not isinstance(data, dict):
        raise fail(path, "顶层应为映射 / top level must be a mapping", None)
    return data


def read_table(path: Path, fail: Fail) -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    """(header line number, header, rows as (line number, cells)); ``#`` lines and blank lines skipped,
    every row checked to have as many cells as the header."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise fail(path, f"无法读取 / cannot read: {exc}", None) from exc
    numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    if not numbered:
        raise fail(path, "没有内容 / empty", None)
    reader = csv.reader([line for _, line in numbered])
    header = [h.strip() for h in next(reader)]
    rows: list[tuple[int, list[str]]] = []
    for (line_no, _), cells in zip(numbered[1:], reader):
        if len(cells) != len(header):
            raise fail(path, f"应有{len(header)}列，实有{len(cells)}列 / expected {len(header)} columns, got {len(cells)}",
                       line_no)
        rows.append((line_no, [c.strip() for c in cells]))
    return numbered[0][0], header, rows
