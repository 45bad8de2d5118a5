"""The report's JSON, its JSON Schema and its models are one definition (checker/schema/models.py):
the shipped schema is the one the models generate, and the models read back the JSON they write."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from conftest import ROOT

from checker.engine import Engine
from checker.schema import REGENERATE, SCHEMA_PATH, generated_report_schema, schema_text, validate_report
from checker.schema.models import Report
from checker.waivers import parse_waivers


def test_the_shipped_schema_is_the_one_the_models_generate() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(generated_report_schema()), (
        f"{SCHEMA_PATH.name} is out of date with checker/schema/models.py: run `{REGENERATE}` and commit it")


def test_the_check_command_passes_on_the_shipped_schema() -> None:
    proc = subprocess.run([sys.executable, "-m", "checker.schema", "--check"], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr


def test_a_report_reads_back_into_its_model_unchanged(samples_dir: Path) -> None:
    engine = Engine(catalog_path=samples_dir / "catalog.csv")
    first = engine.scan(samples_dir / "P01_ZHZX-2026-GK009.pdf", date(2026, 3, 20)).findings[0]
    engine.waivers = parse_waivers(f'[[waiver]]\nfingerprint = "{first.fingerprint}"\nreason = "已论证"\n'
                                   f'date = 2026-03-01\n', "waivers.toml")
    data = engine.scan(samples_dir / "P01_ZHZX-2026-GK009.pdf", date(2026, 3, 20)).to_dict()
    assert data["findings"][0]["waiver"]["reason"] == "已论证" and data["outline"] and data["brand_lists"]
    validate_report(data)
    assert Report.model_validate(data).model_dump(mode="json") == data


def test_a_method_outside_the_spec_is_reported_and_flagged_by_the_schema_not_a_failed_scan(samples_dir: Path) -> None:
    import jsonschema
    import pytest

    report = Engine(catalog_path=samples_dir / "catalog.csv").scan(samples_dir / "P01_ZHZX-2026-GK009.pdf")
    report.facts.method.value = "电子竞价"  # as if a lexicon gained a method SPEC does not list
    data = report.to_dict()
    assert data["procurement_method"]["value"] == "电子竞价"
    with pytest.raises(jsonschema.ValidationError):
        validate_report(data)
