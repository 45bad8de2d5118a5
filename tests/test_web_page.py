"""The self-check page in headless Chromium against a real server: upload a tender, read the report."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pdfgen import make_pdf, text_page
from test_api_server import Server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="chromium is not installed")


def tender_with_designated_brand(path: Path) -> Path:
    return make_pdf(path, [text_page("某市人民医院中央空调采购项目竞争性磋商文件", "项目编号：WEB-2026-018",
                                     "采购方式：竞争性磋商", "预算金额：人民币280万元", "资金来源：财政资金",
                                     "一、货物需求", "1. 冷水机组 2台，推荐品牌：开利", "2. 冷却塔 2台，品牌不限")])


@pytest.fixture
def server(tmp_path):
    s = Server(tmp_path / "data")
    (tmp_path / "data").mkdir()
    s.start()
    yield s
    s.close()


@pytest.fixture
def page():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_FLAGS, headless=True)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def test_upload_a_draft_and_see_the_report(server, page, tmp_path):
    pdf = tender_with_designated_brand(tmp_path / "空调采购磋商文件.pdf")
    page.goto(server.url + "/")
    assert page.title() == "招标文件首台套政策自查"
    assert "拖放" in page.inner_text("#drop")  # a Chinese picker, not the browser's own "Choose File"
    page.set_input_files("#file", str(pdf))
    assert page.inner_text("#chosen") == "已选择：空调采购磋商文件.pdf"
    page.click("#submit")
    page.wait_for_selector("#report", state="visible", timeout=60_000)
    assert page.inner_text("#status").startswith("检查完成：违规 1 处")
    report = page.frame_locator("#report")
    body = report.locator("body")
    body.wait_for(timeout=10_000)
    text = body.inner_text()
    assert "空调采购磋商文件.pdf" in text
    assert "无法完成检查" not in text and "无法读取" not in text  # read without error
    assert report.locator("#h-findings, #findings").count() == 1     # the findings section rendered
    designated = report.locator(".finding", has_text="FS102")           # 1 recommended brand: designated
    assert designated.count() == 1
    assert "开利" in designated.inner_text()
    # Nothing kept: no upload on disk, no job in the database.
    assert not [p for p in (tmp_path / "data" / "uploads").rglob("*") if p.is_file()]


def test_wrong_file_type_shows_a_chinese_error(server, page, tmp_path):
    fake = tmp_path / "标书.pdf"
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 512)
    page.goto(server.url + "/")
    page.set_input_files("#file", str(fake))
    page.click("#submit")
    # A selector, not wait_for_function: the page's CSP forbids the eval that one needs.
    page.wait_for_selector("#status.failed", timeout=30_000)
    assert "不是 PDF 或 Word" in page.inner_text("#status")
    assert not page.is_visible("#report")


def test_no_script_but_the_pages_own_runs(server, page, tmp_path):
    """The page's script comes from /static; the server's policy runs no inline script (a script that
    slipped into the page would not run), and the page still works: its size limit comes from the
    server through the form, and a file over it is refused before any upload."""
    answer = page.goto(server.url + "/")
    policy = answer.headers["content-security-policy"]
    scripts = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in scripts
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.evaluate("""() => { const s = document.createElement("script");
                            s.textContent = "document.title = 'injected'"; document.body.appendChild(s); }""")
    assert page.title() == "招标文件首台套政策自查"
    assert any("Content Security Policy" in p for p in problems), problems
    limit = int(page.get_attribute("#upload", "data-max-bytes"))
    big = tmp_path / "过大的文件.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * limit)
    page.set_input_files("#file", str(big))
    page.click("#submit")
    page.wait_for_selector("#status.failed", timeout=10_000)
    assert "文件过大" in page.inner_text("#status") and not page.is_visible("#report")
