"""The JSON Schemas of ``tendercheck.report/1`` and ``tendercheck.diff/1``, shipped with the package for integrators.

``report.schema.json`` is generated from the report's models (``models.py``): after changing them, run
``python -m checker.schema --write`` and commit the file (tests/test_report_schema.py fails until then).
"""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

SCHEMA_PATH = Path(__file__).with_name("report.schema.json")
DIFF_SCHEMA_PATH = Path(__file__).with_name("diff.schema.json")
REPORT_SCHEMA_URI = "https://tendercheck.invalid/schema/report-1.json"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
REGENERATE = "python -m checker.schema --write"


class _ReportSchema(GenerateJsonSchema):
    """Definitions named as the hand-written schema named them (``#/$defs/evidence``, ``#/$defs/zone``),
    and no titles made up from field names ("Budget Yuan")."""

    def normalize_name(self, name: str) -> str:
        return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", super().normalize_name(name)).lower()

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def generated_report_schema() -> dict[str, Any]:
    """``report.schema.json`` as the models define it."""
    from .models import Report

    body = Report.model_json_schema(by_alias=True, mode="serialization", schema_generator=_ReportSchema)
    defs = body.pop("$defs")
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": REPORT_SCHEMA_URI, **body, "$defs": defs}  # the report's fields first


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"


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
