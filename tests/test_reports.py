"""HTML/CSV reports (issue 5): what a reviewer sees, without a browser (see test_reports_browser.py)."""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from test_reports_helpers import TENDER_PAGE, finding, make_pdf

from checker.ingest import sha256_file
from checker.model import Evidence
from checker.report import Report
from reports.context import RenderContext
from reports.render import render_csv, render_html, render_index, write_reports
from reports.snippets import PageImages

CTX = RenderContext(catalog={"path": "/data/目录2026.csv", "sha256": "c" * 64, "rows": 12},
                    rules_config="/etc/tendercheck/rules.toml")


def pdf_report(path: Path, findings: list, **kw) -> Report:
    return Report(file=path.name, format="pdf", pages=kw.pop("pages", 1), sha256=sha256_file(path),
                  path=str(path), findings=findings, **kw)


@pytest.fixture
def tender(tmp_path: Path):
    pdf = tmp_path / "tender.pdf"
    placed = make_pdf(pdf, [TENDER_PAGE, TENDER_PAGE])
    return pdf, placed


def dark_share_inside(image: Image.Image, box_pt: tuple[float, float, float, float], px_per_pt: float) -> tuple[float, int]:
    """(share of the dark pixels around the box that fall inside it, dark pixels inside the box).

    "Around" is the box grown by half the line pitch, so a box that cuts glyphs off scores low.
    """
    a = np.asarray(image.convert("L")) < 110
    x, y, w, h = (round(v * px_per_pt) for v in box_pt)
    grow = round(18 * px_per_pt)
    band = a[max(0, y - grow): y + h + grow, max(0, x - grow): x + w + grow]
    inside = a[y: y + h, x: x + w]
    return (inside.sum() / max(1, band.sum())), int(inside.sum())


@pytest.mark.parametrize("rotation", [0, 90])
def test_highlight_box_covers_the_evidence_glyphs_in_the_page_image(tmp_path: Path, rotation: int) -> None:
    pdf = tmp_path / "t.pdf"
    placed = make_pdf(pdf, [TENDER_PAGE], rotation=rotation)
    evidence = placed[2].evidence()  # 推荐品牌：AX-2000型、BK-350型、CT-90型，或相当于。
    with PageImages(str(pdf), sha256_file(pdf)) as images:
        [fig] = images.figures([evidence])
    raw = base64.b64decode(fig.crop.data_uri.split(",", 1)[1])
    image = Image.open(io.BytesIO(raw))
    px_per_pt = image.width / fig.crop.width
    assert image.height == pytest.approx(fig.crop.height * px_per_pt, abs=2)
    [box] = fig.boxes
    share, inside = dark_share_inside(image, box, px_per_pt)
    assert inside > 200, "the highlighted box holds no text"
    assert share > 0.97, "evidence glyphs stick out of the highlight"


def test_report_shows_message_basis_suggestion_evidence_and_image(tender) -> None:
    pdf, placed = tender
    report = pdf_report(pdf, [finding("FS101", "violation", "品目“冷水机组”推荐了甲牌、乙牌、丙牌，均非首台套产品",
                                      [placed[2].evidence()], item="冷水机组")], pages=2)
    html = render_html(report, CTX)
    for text in ("品目“冷水机组”推荐了甲牌、乙牌、丙牌，均非首台套产品", "一（二）",
                 "招标活动允许招标单位推荐3个以上品牌的，应至少有1个首台套产品",
                 "在推荐品牌中加入至少一个有效期内的首台套目录产品", "推荐品牌：AX-2000型、BK-350型、CT-90型，或相当于。",
                 "第 1 页", "违规"):
        assert text in html
    assert html.count("data:image/") == 1
    assert re.search(r'<rect class="hl" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+"', html)


def test_audit_footer_names_file_hash_tool_catalog_rules_and_dates(tender) -> None:
    from datetime import date

    pdf, _placed = tender
    report = pdf_report(pdf, [], as_of=date(2026, 3, 15))
    html = render_html(report, CTX)
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() in html
    for text in ("tendercheck 0.", "目录2026.csv", "c" * 64, "12 条", "rules.toml",
                 "2026-03-15", "北京时间", "未发现问题"):
        assert text in html
    assert "/data/" not in html and "/etc/" not in html  # files by their names, never their folders


def test_findings_on_the_same_region_share_one_image(tender) -> None:
    pdf, placed = tender
    ev = placed[2].evidence()
    report = pdf_report(pdf, [finding("FS101", "violation", "a", [ev]), finding("FS103", "warning", "b", [ev]),
                              finding("FS102", "violation", "c", [placed[3].evidence()])])
    html = render_html(report, CTX)
    assert html.count("<image ") == 1  # line 3 lies inside the crop made for line 2
    assert html.count("<use ") == 3


def test_document_text_is_escaped_and_no_script_may_run(tmp_path: Path) -> None:
    pdf = tmp_path / "x.pdf"
    placed = make_pdf(pdf, [[(300.0, "推荐品牌：<script>alert(1)</script>")]])
    evil = "<script>alert('x')</script><img src=x onerror=alert(2)>"
    report = pdf_report(pdf, [finding("FS102", "violation", evil, [placed[0].evidence()], item=evil)])
    report.file = evil + ".pdf"
    html = render_html(report, CTX)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "script-src 'none'" in html  # CSP: even an escaping slip could not run


def test_missing_source_file_degrades_to_text_evidence(tender) -> None:
    pdf, placed = tender
    report = pdf_report(pdf, [finding("FS101", "violation", "m", [placed[2].evidence()])])
    pdf.unlink()
    html = render_html(report, CTX)
    assert "<image " not in html
    assert "源文件已不存在" in html and "推荐品牌：AX-2000型、BK-350型、CT-90型，或相当于。" in html


def test_source_changed_after_scan_shows_no_misplaced_highlight(tender) -> None:
    pdf, placed = tender
    report = pdf_report(pdf, [finding("FS101", "violation", "m", [placed[2].evidence()])])
    make_pdf(pdf, [[(100.0, "另一份文件")]])
    html = render_html(report, CTX)
    assert "<image " not in html and "SHA-256 不一致" in html


def test_image_budget_caps_report_size_and_says_so(tmp_path: Path) -> None:
    pdf = tmp_path / "long.pdf"
    placed = make_pdf(pdf, [TENDER_PAGE] * 6)
    findings = [finding("FS101", "violation", f"p{p.page}", [p.evidence()]) for p in placed if "推荐品牌" in p.text]
    report = pdf_report(pdf, findings, pages=6)
    with PageImages(str(pdf), report.sha256, budget_bytes=40_000) as images:
        figs = [images.figures(f.evidence) for f in findings]
    assert 0 < sum(1 for f in figs if f) < len(findings)
    assert images.budget_exhausted


def test_docx_evidence_shows_paragraph_location_without_images() -> None:
    ev = Evidence(None, None, "推荐品牌：甲牌、乙牌", location="第12段")
    cell = Evidence(None, None, "甲牌/乙牌", location="表3 第2行 第4列")
    report = Report(file="draft.docx", format="docx", sha256="d" * 64,
                    findings=[finding("FS102", "violation", "指定品牌", [ev, cell])])
    html = render_html(report, CTX)
    assert "第12段" in html and "表3 第2行 第4列" in html and "推荐品牌：甲牌、乙牌" in html
    assert "<image " not in html and "Word 文件无分页信息" in html


def test_unreadable_file_report_says_it_was_not_checked() -> None:
    report = Report(file="bad.pdf", format=None, error={"code": "encrypted_pdf", "message": "PDF 已加密（encrypted PDF）"})
    html = render_html(report, CTX)
    assert "无法完成检查" in html and "encrypted_pdf" in html and "不代表合规" in html
    assert "未发现问题。" not in html


def test_index_lists_each_document_with_counts_errors_and_working_links(tender, tmp_path: Path) -> None:
    pdf, placed = tender
    ok = pdf_report(pdf, [finding("FS101", "violation", "m", [placed[2].evidence()]),
                          finding("FS301", "warning", "w", [placed[3].evidence()])])
    twin = pdf_report(pdf, [])  # same file name from another folder: both reports kept
    bad = Report(file="坏文件.pdf", format=None, error={"code": "corrupt_pdf", "message": "PDF 文件已损坏"})
    out = tmp_path / "out"
    written = write_reports([ok, twin, bad], "html", str(out), single=False, engine=None)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert len(written) == 4
    hrefs = re.findall(r'<a href="([^"]+)">', index)
    assert len(hrefs) == 3
    from urllib.parse import unquote

    assert all((out / unquote(h)).is_file() for h in hrefs)
    assert len(set(hrefs)) == 3
    assert "corrupt_pdf" in index and "PDF 文件已损坏" in index
    row = re.search(r"<tr>\s*<td data-key=\"tender.pdf\">.*?</tr>", index, re.DOTALL).group(0)
    assert re.findall(r'class="num" data-key="(-?\d+)"', row)[:3] == ["1", "1", "0"]
    # The sorting script may run (CSP pins its hash); nothing else may.
    script = re.search(r"<script>(.*?)</script>", index, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in index


def test_index_rows_without_links_render_plain_names(tender) -> None:
    pdf, _ = tender
    html = render_index([pdf_report(pdf, [])], CTX)
    assert "tender.pdf" in html and "<a href" not in html


def test_csv_has_bom_one_row_per_finding_error_rows_and_no_formulas(tender, tmp_path: Path) -> None:
    pdf, placed = tender
    ok = pdf_report(pdf, [finding("FS101", "violation", "品目冷水机组缺少首台套", [placed[2].evidence()], item="冷水机组"),
                          finding("FS102", "violation", "=HYPERLINK(\"http://x\")", [placed[3].evidence()])])
    bad = Report(file="坏.pdf", format=None, error={"code": "corrupt_pdf", "message": "损坏"})
    target = tmp_path / "f.csv"
    clean = pdf_report(pdf, [])
    write_reports([ok, bad, clean], "csv", str(target), single=False, engine=None, csv_headers="en")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["rule"] for r in rows] == ["FS101", "FS102", "", ""]
    assert [r["status"] for r in rows] == ["violations", "violations", "unreadable", "clean"]
    first = rows[0]
    assert (first["file"], first["severity"], first["page"], first["item"], first["message"]) == \
           ("tender.pdf", "violation", "1", "冷水机组", "品目冷水机组缺少首台套")
    assert rows[1]["message"].startswith("'=")
    assert "corrupt_pdf" in rows[2]["error"]
    assert render_csv([ok]).count("\r\n") == 3
    header = render_csv([ok]).split("\r\n")[0]
    assert header.startswith('\ufeff"文件","规则编号"') and '"状态"' in header and '"规则名称"' in header  # Chinese by default


def test_single_html_to_folder_and_bad_output_paths(tender, tmp_path: Path) -> None:
    from checker.errors import CheckerError

    pdf, _ = tender
    report = pdf_report(pdf, [])
    [path] = write_reports([report], "html", str(tmp_path), single=True, engine=None)
    assert path == tmp_path / "tender.pdf.html" and path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    clash = tmp_path / "file.txt"
    clash.write_text("x")
    with pytest.raises(CheckerError, match="文件夹"):
        write_reports([report, report], "html", str(clash), single=False, engine=None)


def test_cli_writes_html_report_for_a_pdf(tmp_path: Path) -> None:
    from conftest import run_cli

    pdf = tmp_path / "招标文件.pdf"
    make_pdf(pdf, [TENDER_PAGE])
    out = tmp_path / "report.html"
    proc = run_cli("scan", str(pdf), "--format", "html", "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    html = out.read_text(encoding="utf-8")
    assert "招标文件.pdf" in html and sha256_file(pdf) in html and "首台套政策合规检查报告" in html


def test_sample_tender_end_to_end(samples_dir: Path, tmp_path: Path) -> None:
    from checker.engine import Engine

    sample = samples_dir / "P01_ZHZX-2026-GK009.pdf"
    if not sample.is_file():
        pytest.skip("sample P01 is not available")
    engine = Engine(catalog_path=samples_dir / "catalog.csv")
    report = engine.scan(sample)
    assert report.error is None
    html = render_html(report, engine)
    assert sample.name in html and report.sha256 in html
    located = [f for f in report.findings if any(e.page and e.bbox for e in f.evidence)]
    if located:  # findings arrive as the rules land; each located one gets its page image
        assert html.count("<use ") >= len(located)
        assert len(html.encode()) < 5_000_000
