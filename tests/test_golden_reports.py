"""The shared sample tenders' whole reports, as golden snapshots (see tests/golden.py)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import SHARED_SAMPLES
from golden import golden, golden_view  # noqa: F401 - the fixture

from checker.engine import Engine

FALLBACK_AS_OF = "2026-01-01"
SAMPLES = sorted(p for p in SHARED_SAMPLES.glob("*") if p.suffix in (".pdf", ".docx")) if SHARED_SAMPLES.is_dir() else []


@pytest.fixture(scope="module")
def engine() -> Engine:
    # the samples' own catalog, as ../shared/tools/evaluate.py scans them: their FS101 findings need it
    return Engine(catalog_path=SHARED_SAMPLES / "catalog.csv")


@pytest.mark.parametrize("path", SAMPLES or [pytest.param(None, marks=pytest.mark.skip(
    reason="../shared/samples is not available here"))], ids=lambda p: p.stem if p else "none")
def test_sample_report_is_unchanged(path: Path, engine: Engine, golden) -> None:  # noqa: F811
    truth = path.with_suffix(".truth.json")
    # judged on the tender's own date (a fixed one if none is known), never on the day the test runs
    as_of = json.loads(truth.read_text(encoding="utf-8"))["as_of"] if truth.is_file() else FALLBACK_AS_OF
    report = engine.scan(path, date.fromisoformat(as_of)).to_dict()
    assert golden_view(report) == golden
