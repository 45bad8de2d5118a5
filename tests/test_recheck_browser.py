"""The re-check loop as people see it, in headless Chromium: the HTML diff report of two drafts,
and the self-check page's waiver-file stub built from the findings a user ticks."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import run_cli as run_any_cli
from recheck_docs import CATALOG_ENV, draft
from test_api_server import Server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIOLATION_RED = "rgb(198, 40, 40)"  # --violation in reports/static/report.css
OK_GREEN = "rgb(46, 125, 50)"  # --ok

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="chromium is not installed")


def run_cli(*args: str):  # type: ignore[no-untyped-def]
    return run_any_cli(*args, env=CATALOG_ENV)


@pytest.fixture
def page():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_FLAGS, headless=True)
        try:
            yield browser.new_page(accept_downloads=True)
        finally:
            browser.close()


def test_the_html_diff_report_shows_new_fixed_and_changed_facts(page, tmp_path: Path) -> None:
    old = draft(tmp_path / "初稿.pdf")
    new = draft(tmp_path / "修改稿.pdf", revised=True, fix_elevator=True, add_desks=True, budget="420万元")
    out = tmp_path / "diff.html"
    proc = run_cli("diff", str(old), str(new), "--format", "html", "-o", str(out))
    assert proc.returncode == 1, proc.stderr  # 办公桌椅 is a new violation
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)  # CSP violations land here
    page.goto(out.as_uri())
    assert page.title() == "两版文件比对 · 初稿.pdf → 修改稿.pdf"
    assert [page.inner_text(f"#count-{k} b") for k in ("new", "fixed", "remaining")] == ["2", "2", "2"]
    assert "新版新增 1 处违规" in page.inner_text(".verdict")
    new_cards = page.locator("article.diff-new")
    assert new_cards.count() == 2 and all("办公桌椅" in t for t in new_cards.all_inner_texts())
    fixed_cards = page.locator("article.diff-fixed")
    assert fixed_cards.count() == 2 and all("医用病床电梯" in t for t in fixed_cards.all_inner_texts())
    remaining = page.locator("article.diff-remaining", has_text="冷水机组")
    assert "旧版第 2 页" in remaining.inner_text()  # the same finding, moved from page 2 to 3
    assert "奥的斯" in page.inner_text("tr.brand-removed") and "圣奥" in page.inner_text("tr.brand-added")
    # The badges are drawn with the report's colours, and visible on screen.
    badge = page.locator("article.diff-new .badge.diff-new").first
    assert badge.evaluate("e => getComputedStyle(e).backgroundColor") == VIOLATION_RED
    assert page.locator("article.diff-fixed .badge.diff-fixed").first.evaluate(
        "e => getComputedStyle(e).backgroundColor") == OK_GREEN
    box = badge.bounding_box()
    assert box is not None and box["width"] > 10 and box["height"] > 10
    assert problems == []


def test_the_self_check_page_downloads_a_waiver_stub_for_the_ticked_finding(page, tmp_path: Path) -> None:
    pdf = draft(tmp_path / "初稿.pdf")
    server = Server(tmp_path / "data", **CATALOG_ENV)
    (tmp_path / "data").mkdir()
    server.start()
    try:
        page.goto(server.url + "/")
        assert page.is_hidden("#waive-bar")
        page.set_input_files("#file", str(pdf))
        page.click("#submit")
        page.wait_for_selector("#report", state="visible", timeout=60_000)
        report = page.frame_locator("#report")
        elevator = report.locator("article.finding", has_text="FS102")
        elevator.locator("input.waive").check()
        page.wait_for_selector("#waive:not([disabled])")  # a selector: the page's CSP forbids eval'd predicates
        assert page.inner_text("#waive") == "下载豁免文件模板（1 项）"
        fingerprint = elevator.locator("input.waive").get_attribute("data-fingerprint")
        with page.expect_download() as info:
            page.click("#waive")
        stub = Path(info.value.path()).read_text(encoding="utf-8")
    finally:
        server.close()
    assert stub.count("[[waiver]]") == 1 and f'fingerprint = "{fingerprint}"' in stub
    assert 'file = "初稿.pdf"' in stub
    # Unfilled, the stub is refused (a waiver needs a reason); with the reason filled in, it waives that finding.
    waivers = tmp_path / "waivers.toml"
    waivers.write_text(stub, encoding="utf-8")
    refused = run_cli("scan", str(pdf), "--waivers", str(waivers))
    assert refused.returncode == 2 and "reason" in refused.stderr
    waivers.write_text(stub.replace('reason = ""', 'reason = "与既有电梯统一维保，已经专家论证"'), encoding="utf-8")
    text = run_cli("scan", str(pdf), "--waivers", str(waivers)).stdout
    assert "已豁免 1（不计入）" in text and "与既有电梯统一维保，已经专家论证" in text.split("已豁免的问题")[1]
