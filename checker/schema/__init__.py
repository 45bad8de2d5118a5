"""The JSON Schemas of ``tendercheck.report/1`` and ``tendercheck.diff/1``, shipped with the package for integrators."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).with_name("report.schema.json")
DIFF_SCHEMA_PATH = Path(__file__).with_name("diff.schema.json")


@cache
def report_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def validate_report(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``data`` is not a valid report."""
    import jsonschema

    jsonschema.validate(data, report_schema(), format_checker=jsonschema.FormatChecker())


@cache
def diff_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(DIFF_SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def validate_diff(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``data`` is not a valid ``tendercheck.diff/1`` object
    (its findings are checked against the report schema's finding)."""
    import jsonschema
    from referencing import Registry, Resource

    report = report_schema()
    registry: Registry[Any] = Registry().with_resource(report["$id"], Resource.from_contents(report))
    jsonschema.Draft202012Validator(diff_schema(), registry=registry,
                                    format_checker=jsonschema.FormatChecker()).validate(data)
