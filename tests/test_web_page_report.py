"""The self-check page's report, in headless Chromium against a real server: its in-page links keep
the report, it downloads as one HTML file that renders offline, it prints whole, an unreadable
upload gets a red status that says why, and the page names the catalog without claiming it is official."""
from __future__ import annotations

import re

import pytest
from pdfgen import make_pdf, make_scanned_pdf, text_page
from test_api_server import Server
from test_web_page import CHROMIUM, LAUNCH_FLAGS, playwright_api

pytestmark = pytest.mark.skipif(not __import__("os").path.exists(CHROMIUM), reason="chromium is not installed")

ITEMS = [("冷水机组", "开利"), ("冷却塔", "良机"), ("水泵", "格兰富"), ("风机盘管", "约克"), ("空调箱", "特灵"),
         ("电梯", "奥的斯"), ("变压器", "西门子"), ("配电柜", "施耐德")]


def tender_with_many_findings(path):
    """Eight items each naming one brand: sixteen findings (FS102 and FS103 each) and FS402, a long report."""
    lines = ["某市人民医院机电设备采购项目竞争性磋商文件", "项目编号：WEB-2026-031", "采购方式：竞争性磋商",
             "预算金额：人民币280万元", "资金来源：财政资金", "一、货物需求"]
    lines += [f"{n}. {item} 2台，推荐品牌：{brand}" for n, (item, brand) in enumerate(ITEMS, 1)]
    return make_pdf(path, [text_page(*lines)])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    s = Server(data)
    s.start()
    yield s
    s.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_FLAGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def checked(server, browser, tmp_path_factory):
    """The page after uploading the long tender, shared by the tests that only read it."""
    pdf = tender_with_many_findings(tmp_path_factory.mktemp("up") / "机电采购磋商文件.pdf")
    context = browser.new_context(accept_downloads=True, viewport={"width": 1000, "height": 700})
    page = context.new_page()
    page.goto(server.url + "/")
    page.set_input_files("#file", str(pdf))
    page.click("#submit")
    page.wait_for_selector("#download", state="visible", timeout=60_000)
    yield page
    context.close()


def findings_of(page):
    return page.frame_locator("#report").locator("article.finding h3").all_inner_texts()


def test_the_page_names_its_catalog_and_warns_it_is_not_the_official_one(checked):
    note = checked.inner_text("#catalog")
    assert "内置目录，非官方" in note and "条" in note
    assert "不是官方" in checked.inner_text("#catalog-warning")
    assert "/" not in note  # a name, never the server's path
    report = checked.frame_locator("#report")
    assert "不是官方" in report.locator(".catalog-warning").inner_text()
    assert checked.inner_text("#status").startswith("检查完成：违规 8 处")
    assert len(findings_of(checked)) == 17


def test_a_finding_link_scrolls_to_the_finding_and_keeps_the_report(checked):
    url = checked.url
    report = checked.frame_locator("#report")
    report.locator("nav.toc a").nth(11).click()  # the 12th finding, far below the fold
    checked.wait_for_function(
        """() => { const f = document.getElementById('report');
                   const t = f.contentDocument.getElementById('f12').getBoundingClientRect().top;
                   return Math.abs(f.getBoundingClientRect().top + t) < 5; }""", timeout=5_000)
    # the page keeps the finding in view while the report below it is laid out, then lets go
    checked.wait_for_selector("#report:not([data-settling])", state="attached", timeout=30_000)
    top = checked.evaluate("""() => { const f = document.getElementById('report');
        return f.getBoundingClientRect().top + f.contentDocument.getElementById('f12').getBoundingClientRect().top; }""")
    assert abs(top) < 5
    assert checked.url == url  # the page did not navigate
    assert report.locator("h1").inner_text() == "首台套政策合规检查报告"  # still the report, not the upload page
    assert report.locator("#upload").count() == 0 and len(findings_of(checked)) == 17


def test_scrolling_right_after_a_finding_link_is_not_undone(checked):
    report = checked.frame_locator("#report")
    report.locator("nav.toc a").nth(14).click()
    checked.mouse.wheel(0, -600)  # the reader scrolls back up at once, while the report is still laid out
    checked.wait_for_selector("#report:not([data-settling])", state="attached", timeout=30_000)
    top = checked.evaluate("""() => { const f = document.getElementById('report');
        return f.getBoundingClientRect().top + f.contentDocument.getElementById('f15').getBoundingClientRect().top; }""")
    assert top > 300  # where the reader scrolled to, not pulled back to the finding


def test_download_gives_one_html_file_that_renders_offline(checked, browser, tmp_path):
    with checked.expect_download() as info:
        checked.click("#download")
    download = info.value
    assert download.suggested_filename == "机电采购磋商文件-首台套检查报告.html"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # nothing to fetch
    offline = browser.new_context(offline=True)
    try:
        requests: list[str] = []
        page = offline.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(saved.as_uri())
        assert page.locator("h1").inner_text() == "首台套政策合规检查报告"
        assert len(page.locator("article.finding").all()) == 17
        # styled from the file itself: the warning box has its background colour
        bg = page.eval_on_selector(".catalog-warning", "e => getComputedStyle(e).backgroundColor")
        assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
        assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    finally:
        offline.close()


def test_printing_the_page_prints_every_finding_and_not_the_upload_form(checked, tmp_path):
    import pypdfium2 as pdfium

    headings = findings_of(checked)
    out = tmp_path / "print.pdf"
    checked.emulate_media(media="print")
    checked.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    checked.pdf(path=str(out), format="A4")
    checked.emulate_media(media="screen")
    doc = pdfium.PdfDocument(str(out))
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    flat = re.sub(r"\s+", "", text)
    assert len(doc) > 1
    missing = [h for h in headings if re.sub(r"\s+", "", h) not in flat]
    assert not missing, f"not printed: {missing}"
    assert "开始检查" not in flat and "选择文件" not in flat  # the upload form is not printed


def test_a_scanned_upload_gets_a_red_status_saying_it_was_not_checked(server, browser, tmp_path):
    pdf = make_scanned_pdf(tmp_path / "扫描件.pdf")
    page = browser.new_page()
    try:
        page.goto(server.url + "/")
        page.set_input_files("#file", str(pdf))
        page.click("#submit")
        # A selector, not a string predicate: the page's CSP forbids the eval wait_for_function needs.
        # The class and the text are set in one handler, so the text is there once the class is.
        page.wait_for_selector("#status.failed, #status.done", timeout=60_000)
        status = page.inner_text("#status")
        assert page.get_attribute("#status", "class") == "failed"
        assert status.startswith("未能检查“扫描件.pdf”") and "文字层" in status
        assert "检查完成" not in status
        red = page.eval_on_selector("#status", "e => getComputedStyle(e).color")
        assert red == "rgb(180, 35, 24)"
        assert "无法完成检查" in page.frame_locator("#report").locator(".error-box").inner_text()
    finally:
        page.close()
