"""A long report's JSON written in two processes: a forked child writes the first part of its
longest list, this process the rest of the report, and the child's part is put back in its place.

Writing the report is serial work at the end of every scan: 0.3–0.4 s for the 11 MB report of
the 1000-page benchmark, most of it the model's validation, two thirds of it its 11,000 standard
references. A scan that may use two cores (a lone file) has the second idle by then; the child
(checker/aside.py) validates and writes about half of the report's bytes meanwhile. The text is
the same, byte for byte (tests/test_one_file_two_cores.py): each item is written by its own
model, as inside the report, and only the indentation of the child's lines changes (JSON strings
hold no raw line breaks, so every line break is the writer's).
"""
from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING, Any, get_args, get_origin

from pydantic import AliasPath, BaseModel, TypeAdapter

from .aside import Aside
from .schema.models import Report as ReportJSON

if TYPE_CHECKING:
    from .report import Report

# A list this long (items) is worth a fork: 2,000 standard references take ~60 ms to write,
# forking the scanning process and taking the text back ~15 ms.
SPLIT_MIN_ITEMS = 2000
# Items of each list written to estimate its size (the child's share is about half the bytes).
SAMPLE_ITEMS = 16


@dataclasses.dataclass(frozen=True, slots=True)
class _ListField:
    key: str  # the report's key
    path: tuple[str, ...]  # where the report dataclass holds it: ("findings",), ("facts", "standards")
    adapter: TypeAdapter[Any]

    @property
    def splittable(self) -> bool:
        """A list of facts: nothing else in the report is derived from it (the summary counts the findings)."""
        return self.path[0] == "facts"

    def items(self, report: Report) -> list[Any]:
        value: Any = report
        for name in self.path:
            value = getattr(value, name)
        return value  # type: ignore[no-any-return]

    def without_first(self, report: Report, share: int) -> Report:
        """A shallow copy of ``report`` whose list has only the items from ``share`` on."""
        rest: dict[str, Any] = {self.path[1]: self.items(report)[share:]}
        return dataclasses.replace(report, facts=dataclasses.replace(report.facts, **rest))


@functools.cache
def _list_fields() -> tuple[_ListField, ...]:
    """The report's lists read straight from a list of the report or of its facts, each item by its
    own model, with no validator or serialiser of the report's own on the way (those could see the
    whole list); none at all if the report gains one over all its fields."""
    decorators = ReportJSON.__pydantic_decorators__
    if decorators.model_validators or decorators.model_serializers or ReportJSON.model_computed_fields:
        return ()
    checked = {field for v in decorators.field_validators.values() for field in v.info.fields}
    checked |= {field for s in decorators.field_serializers.values() for field in s.info.fields}
    if "*" in checked:
        return ()
    out = []
    for name, info in ReportJSON.model_fields.items():
        alias = info.validation_alias
        item = get_args(info.annotation)
        if name in checked or info.metadata or info.exclude or info.exclude_if is not None \
                or get_origin(info.annotation) is not list or not item \
                or not (isinstance(item[0], type) and issubclass(item[0], BaseModel)):
            continue
        if alias is None:
            path: tuple[str, ...] = (name,)
        elif isinstance(alias, AliasPath) and len(alias.path) == 2 and alias.path[0] == "facts":
            path = ("facts", str(alias.path[1]))
        else:
            continue
        out.append(_ListField(info.serialization_alias or info.alias or name, path, TypeAdapter(info.annotation)))
    return tuple(out)


def split_json(report: Report, indent: int | None) -> str | None:
    """The report's JSON, about half of its bytes written by a forked child; None when no list
    reaches ``SPLIT_MIN_ITEMS`` or the list's key is not found once where it must be (the caller
    writes it in one piece)."""
    lists = [(f, f.items(report)) for f in _list_fields()]
    field, items = max(((f, v) for f, v in lists if f.splittable), key=lambda pair: len(pair[1]), default=(None, []))
    if field is None or len(items) < SPLIT_MIN_ITEMS:
        return None
    # The lists are nearly all of the report's bytes: the child takes as many of the longest
    # list's items as make half of them (never all: this process's part must not be empty).
    sizes = {f.key: _estimated_size(f.adapter, v) for f, v in lists}
    per_item = sizes[field.key] / len(items)
    share = min(len(items) - 1, int(sum(sizes.values()) / 2 / per_item)) if per_item else 0
    if share < 1:
        return None
    child: Aside[str] = Aside(_items_json, field.adapter, items[:share], indent)
    try:
        text = ReportJSON.model_validate(field.without_first(report, share)).model_dump_json(indent=indent)
        first = child.result()
    finally:
        child.close()
    opening = f'"{field.key}":[' if indent is None else f'\n{" " * indent}"{field.key}": ['
    at = text.find(opening) + len(opening)
    if at < len(opening) or text.find(opening, at) >= 0:  # not where it must be, once: no guess
        return None
    return text[:at] + first + "," + text[at:]


def _estimated_size(adapter: TypeAdapter[Any], items: list[Any]) -> float:
    if not items:
        return 0.0
    sample = items[:SAMPLE_ITEMS]
    return len(adapter.dump_json(adapter.validate_python(sample, from_attributes=True))) * len(items) / len(sample)


def _items_json(adapter: TypeAdapter[Any], items: list[Any], indent: int | None) -> str:
    """The items written as they are inside the report's list: without the list's brackets, each
    line one level deeper (the adapter writes the list at the top level)."""
    text = adapter.dump_json(adapter.validate_python(items, from_attributes=True), indent=indent).decode()
    if indent is None:
        return text[1:-1]
    pad = " " * indent
    return text.replace("\n", "\n" + pad)[1:-(len(pad) + 2)]  # without "[" and "\n<pad>]"
