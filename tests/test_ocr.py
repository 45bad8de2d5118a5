"""OCR of scanned pages (issue 19): a stamped, signed, skewed scan read by the real engine
(RapidOCR with its shipped models), through the real command line, on a few small pages."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pypdfium2 as pdfium
import pytest
from conftest import ROOT, run_cli
from pdfgen import PageSpec, Placed, make_pdf

sys.path.insert(0, str(ROOT))
from bench.scanner import scan
from checker.ingest.ocr import available

pytestmark = pytest.mark.skipif(not available(), reason="the OCR extra is not installed: pip install '.[ocr]'")

SCHEMA = json.loads((ROOT / "checker" / "schema" / "report.schema.json").read_text(encoding="utf-8"))
AUTO = {"TENDERCHECK_OCR": "auto"}

TEXT_PAGE = PageSpec(lines=[
    Placed("某某市第一人民医院医疗设备采购项目招标公告", 72, 90, 14),
    Placed("采购方式：公开招标", 72, 130),
    Placed("预算金额：人民币380万元", 72, 155),
], footer="第 {n} 页 共 {total} 页")
# The page a bidder stamps and signs: printed, stamped, signed and scanned into the tender.
SCANNED_PAGE = PageSpec(lines=[
    Placed("二、采购需求", 72, 90, 14),
    Placed("1. 冷水机组，推荐品牌：约克、开利、特灵或相当于。", 72, 130),
    Placed("2. 投标人近三年具有类似项目业绩不少于2个。", 72, 160),
], footer="第 {n} 页 共 {total} 页")
BRANDS_TOP = 130.0  # where the brand line's baseline is drawn, in points from the top


@pytest.fixture(scope="module")
def mixed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_mixed_pdf(tmp_path_factory.mktemp("ocr"))


def make_mixed_pdf(folder: Path) -> Path:
    """Page 1 with a text layer, page 2 a scan (seal, signature, skew, noise)."""
    source = make_pdf(folder / "source.pdf", [TEXT_PAGE, SCANNED_PAGE])
    scanned = folder / "scanned.pdf"
    scan(source, scanned, dpi=200, seed=3, pages=[2])
    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(str(source)), [0])
    out.import_pages(pdfium.PdfDocument(str(scanned)), [0])
    path = folder / "招标文件_含扫描页.pdf"
    out.save(str(path))
    return path


@pytest.fixture(scope="module")
def fully_scanned_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ocr_full")
    source = make_pdf(folder / "source.pdf", [TEXT_PAGE, SCANNED_PAGE])
    path = folder / "扫描件.pdf"
    scan(source, path, dpi=200, seed=4)
    return path


@pytest.fixture(scope="module")
def mixed_scan(mixed_pdf: Path) -> tuple[dict, str]:
    """The mixed file's report as JSON and as the HTML page, from one scan by the engine (the command
    line's own OCR runs are in the tests of the fully scanned file)."""
    from checker.engine import Engine
    from checker.settings import Settings
    from reports.html import render_html

    report = Engine(Settings(ocr="auto")).scan(mixed_pdf)
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False, default=str))
    jsonschema.validate(data, SCHEMA)
    return data, render_html(report)


@pytest.fixture(scope="module")
def mixed_report(mixed_scan: tuple[dict, str]) -> dict:
    return mixed_scan[0]


def test_a_scanned_page_in_a_text_pdf_is_read_by_ocr_and_only_that_page(mixed_report: dict) -> None:
    assert mixed_report["error"] is None
    assert mixed_report["ocr_pages"] == [2]
    assert any("OCR" in w and w.endswith("：2") for w in mixed_report["warnings"]), mixed_report["warnings"]
    # facts from the text layer say nothing about OCR
    method = mixed_report["procurement_method"]
    assert method["value"] == "公开招标"
    assert all("source" not in e for e in method["evidence"])
    assert mixed_report["project"]["budget_yuan"] == 3_800_000


def test_facts_on_the_scanned_page_come_through_the_normal_extraction(mixed_report: dict) -> None:
    lists = mixed_report["brand_lists"]
    assert [sorted(b["name"] for b in bl["brands"]) for bl in lists] == [["开利", "特灵", "约克"]]
    assert lists[0]["equivalent_clause"] is True
    evidence = lists[0]["evidence"][0]
    assert evidence["page"] == 2 and evidence["source"] == "ocr" and 0.5 <= evidence["confidence"] <= 1
    # the engine's box is where the line was printed (skew up to 1 degree: within a line height)
    x0, top, x1, bottom = evidence["bbox"]
    assert x0 < x1 and top < BRANDS_TOP < bottom + 12 and abs(top - (BRANDS_TOP - 11)) < 14
    perf = mixed_report["performance_requirements"]
    assert len(perf) == 1 and "业绩不少于2个" in perf[0]["text"]
    assert perf[0]["evidence"][0]["source"] == "ocr"
    assert {f["rule"] for f in mixed_report["findings"]} >= {"FS301"}


def test_ocr_off_reads_no_scanned_page_and_says_so(mixed_pdf: Path) -> None:
    proc = run_cli("scan", str(mixed_pdf), "--format", "json", "--ocr", "off", env=AUTO)
    report = json.loads(proc.stdout)
    assert "ocr_pages" not in report and report["brand_lists"] == []
    assert any("没有文字层，未被检查" in w and w.endswith("：2") for w in report["warnings"])


def test_html_report_names_the_pages_read_by_ocr(mixed_scan: tuple[dict, str]) -> None:
    html = mixed_scan[1]
    assert "由 OCR 从页面图像识别：第 2 页" in html
    assert "（OCR）" in html  # evidence quoted from the scanned page is marked


def test_a_fully_scanned_document_is_scanned_with_a_warning(fully_scanned_pdf: Path) -> None:
    proc = run_cli("scan", str(fully_scanned_pdf), "--format", "json", env={"TENDERCHECK_OCR": "auto",
                                                                         "TENDERCHECK_OCR_JOBS": "2"})
    report = json.loads(proc.stdout)
    assert report["error"] is None, report["error"]
    assert report["ocr_pages"] == [1, 2]
    assert any("OCR" in w and "1、2" in w for w in report["warnings"])
    assert report["procurement_method"]["value"] == "公开招标"
    assert report["procurement_method"]["evidence"][0]["source"] == "ocr"
    assert report["project"]["budget_yuan"] == 3_800_000


def test_ocr_off_keeps_the_no_text_layer_error(fully_scanned_pdf: Path) -> None:
    proc = run_cli("scan", str(fully_scanned_pdf), "--format", "json", "--ocr", "off", env=AUTO)
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["error"]["code"] == "no_text_layer"


def test_a_page_over_its_ocr_time_is_named_not_dropped(fully_scanned_pdf: Path) -> None:
    proc = run_cli("scan", str(fully_scanned_pdf), "--format", "json",
                   env={**AUTO, "TENDERCHECK_OCR_PAGE_TIMEOUT_S": "0.001"})
    report = json.loads(proc.stdout)
    assert report["error"]["code"] == "no_text_layer"
    assert "OCR 未完成的页：1、2" in report["error"]["message"] and "OCR 超时" in report["error"]["message"]


def test_pages_over_the_ocr_page_limit_are_listed(mixed_pdf: Path) -> None:
    proc = run_cli("scan", str(mixed_pdf), "--format", "json", env={**AUTO, "TENDERCHECK_OCR_MAX_PAGES": "0"})
    report = json.loads(proc.stdout)
    assert "ocr_pages" not in report
    assert any("超过 OCR 页数上限（0 页）" in w and w.endswith("：2") for w in report["warnings"]), report["warnings"]


WITHOUT_ENGINE = ("import sys; sys.modules['rapidocr_onnxruntime'] = None; "
                  "from checker.cli import run; sys.exit(run())")


@pytest.mark.parametrize(("mode", "code"), [("force", "ocr_unavailable"), ("auto", "no_text_layer")])
def test_without_the_ocr_extra_the_error_says_how_to_install_it(fully_scanned_pdf: Path, mode: str, code: str) -> None:
    import os
    import subprocess

    proc = subprocess.run([sys.executable, "-c", WITHOUT_ENGINE, "scan", str(fully_scanned_pdf), "--format", "json",
                           "--ocr", mode], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, **AUTO}, check=False)
    error = json.loads(proc.stdout)["error"]
    assert error["code"] == code
    assert "OCR" in error["message"] and "pip install 'tendercheck[ocr]'" in error["message"]


def test_the_api_takes_the_ocr_mode_per_scan(mixed_pdf: Path, tmp_path: Path) -> None:
    """The server runs with OCR off (the suite's setting); one request asks for it."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import ApiSettings

    settings = ApiSettings(data_dir=tmp_path / "data", workers=1, api_keys="tenant-a:key-a")
    headers = {"Authorization": "Bearer key-a"}
    with TestClient(create_app(settings)) as client:
        def scan(**form: str) -> dict:
            with mixed_pdf.open("rb") as f:
                answer = client.post("/v1/scan", headers=headers, data=form,
                                     files={"file": ("招标文件.pdf", f, "application/pdf")})
            assert answer.status_code == 200, answer.text
            return answer.json()

        assert "ocr_pages" not in scan()
        report = scan(ocr="auto")
        assert report["ocr_pages"] == [2]
        assert [b["name"] for b in report["brand_lists"][0]["brands"]] == ["约克", "开利", "特灵"]
        assert client.post("/v1/scan", headers=headers, data={"ocr": "sometimes"},
                           files={"file": ("a.pdf", b"%PDF-1.4", "application/pdf")}).status_code == 422


def test_a_job_takes_its_ocr_mode(mixed_pdf: Path, tmp_path: Path) -> None:
    """A platform scanning scans in bulk asks for OCR per job (POST /v1/jobs ``ocr``), against a real
    server running with OCR off; the job says which mode it was given."""
    import httpx
    from test_api_hostile import poll
    from test_api_server import AUTH, Server

    server = Server(tmp_path / "data", TENDERCHECK_OCR="off")
    (tmp_path / "data").mkdir()
    server.start()
    try:
        with httpx.Client(base_url=server.url, timeout=60, headers=AUTH) as client:
            def job(**form: str) -> tuple[dict, list[dict]]:
                files = [("files", ("招标文件.pdf", mixed_pdf.read_bytes()))]
                answer = client.post("/v1/jobs", files=files, data=form)
                assert answer.status_code == 202, answer.text
                done = poll(lambda: (j := client.get(f"/v1/jobs/{answer.json()['id']}").json())["state"] == "done" and j,
                            300, "job not done")
                return done, client.get(f"/v1/jobs/{done['id']}/results").json()["results"]

            plain, reports = job()
            assert plain["ocr"] is None and all("ocr_pages" not in r["report"] for r in reports)
            asked, reports = job(ocr="auto")
            assert asked["ocr"] == "auto" and [r["report"]["ocr_pages"] for r in reports] == [[2]]
            assert [b["name"] for b in reports[0]["report"]["brand_lists"][0]["brands"]] == ["约克", "开利", "特灵"]
            refused = client.post("/v1/jobs", files=[("files", ("a.pdf", b"%PDF-1.4"))], data={"ocr": "sometimes"})
            assert refused.status_code == 422
    finally:
        server.close()

def test_a_text_pdf_scanned_with_ocr_auto_never_loads_the_ocr_engine(tmp_path: Path) -> None:
    """Text-layer PDFs are not slowed: no page needs OCR, so neither the OCR module, onnxruntime
    nor OpenCV is imported (in the scanning process, where they would be)."""
    import subprocess

    pdf = make_pdf(tmp_path / "text.pdf", [TEXT_PAGE])
    script = ("import sys; from checker.engine import Engine; from checker.settings import Settings; "
              f"r = Engine(Settings(ocr='auto')).scan({str(pdf)!r}); "
              "print(r.error, r.facts.method.value, "
              "[m for m in ('checker.ingest.ocr', 'rapidocr_onnxruntime', 'onnxruntime', 'cv2') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True,
                         timeout=120).stdout.strip()
    assert out == "None 公开招标 []"
