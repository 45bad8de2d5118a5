"""The scan command as users run it, and the report contract every integrator relies on."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import jsonl, run_cli
from pdfgen import make_docx, make_pdf, text_page

from checker.schema import validate_report


def test_every_sample_gets_one_schema_valid_report(samples_dir: Path) -> None:
    proc = run_cli("scan", str(samples_dir), "--format", "jsonl", "-q")
    assert proc.returncode in (0, 1), proc.stderr
    reports = jsonl(proc.stdout)
    docs = sorted(p.name for p in samples_dir.iterdir() if p.suffix in (".pdf", ".docx"))
    assert sorted(r["file"] for r in reports) == docs
    for report in reports:
        validate_report(report)
        assert report["error"] is None


def test_json_for_one_file_is_an_object_and_for_a_folder_an_array(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", [text_page("采购方式：公开招标")])
    make_docx(tmp_path / "b.docx", ["采购方式：询价"])
    one = json.loads(run_cli("scan", str(pdf), "--format", "json").stdout)
    assert isinstance(one, dict)
    validate_report(one)
    many = json.loads(run_cli("scan", str(tmp_path), "--format", "json", "-q").stdout)
    assert [r["file"] for r in many] == ["a.pdf", "b.docx"]
    for r in many:
        validate_report(r)


def test_error_reports_are_schema_valid_too(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"not a pdf")
    (report,) = jsonl(run_cli("scan", str(tmp_path / "x.pdf"), "--format", "jsonl").stdout)
    validate_report(report)
    assert report["error"]["code"] == "not_a_pdf"


def test_schema_rejects_a_renamed_field() -> None:
    good = {"schema": "tendercheck.report/1", "file": "a.pdf", "format": "pdf", "pages": 1, "sha256": "0" * 64,
            "as_of": "2026-01-01", "procurement_method": {"value": None, "evidence": []},
            "project": {k: None for k in ("name", "code", "purchaser", "agency", "budget_yuan", "funding", "field")},
            "brand_lists": [], "standards": [], "performance_requirements": [], "first_set_mentioned": False,
            "findings": [], "summary": {"violation": 0, "warning": 0, "info": 0}, "error": None}
    validate_report(good)
    bad = dict(good)
    bad["procurementMethod"] = bad.pop("procurement_method")
    with pytest.raises(jsonschema.ValidationError):
        validate_report(bad)


def test_output_file_and_text_format(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", [text_page("采购方式：公开招标")])
    out = tmp_path / "out.jsonl"
    proc = run_cli("scan", str(pdf), "--format", "jsonl", "-o", str(out))
    assert proc.stdout == ""
    validate_report(json.loads(out.read_text(encoding="utf-8")))
    text = run_cli("scan", str(pdf)).stdout
    assert "a.pdf" in text and "违规" in text


def test_help_and_usage_errors() -> None:
    assert run_cli("--help").returncode == 0
    assert run_cli("scan").returncode == 2
    bad_date = run_cli("scan", "x.pdf", "--as-of", "2026-13-01")
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr


def test_a_document_without_a_date_says_validity_was_judged_on_today(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "nodate.pdf", [text_page("采购方式：公开招标", "推荐品牌：甲、乙、丙或相当于")])
    report = json.loads(run_cli("scan", str(pdf), "--format", "json").stdout)
    assert any("未能识别文件日期" in w for w in report["warnings"])
    dated = json.loads(run_cli("scan", str(pdf), "--format", "json", "--as-of", "2026-03-01").stdout)
    assert dated["as_of"] == "2026-03-01" and not any("文件日期" in w for w in dated["warnings"])
