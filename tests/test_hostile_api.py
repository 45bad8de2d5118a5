"""Resource bombs through a real ``tendercheck serve``: the keyless self-check page and the API's
synchronous scan answer each with the file's own error, and the server process itself never does
the work: its resident memory, read from /proc while the bombs are scanned, stays where it was.

Page images are cut in the scan worker too, at a bounded pixel size: a page larger than A0 with
evidence on it is answered with its report, and the server's memory does not move.
"""
from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest
import test_api_server as real
from rawpdf import (
    RawPage,
    flate,
    glyph_bomb_pdf,
    huge_box_pdf,
    huge_numbering_docx,
    inflating_stream_pdf,
    write_pdf,
    zip_bomb_docx,
)

# The server's own memory may grow by this much while it scans files that would each take
# hundreds of megabytes: what the server holds besides the scan (the request, the answer).
SERVER_GROWTH_BOUND_MB = 64
SCAN_MEMORY_MB = 150

ENV = {
    "TENDERCHECK_MAX_MEMORY_MB": str(SCAN_MEMORY_MB),
    "TENDERCHECK_MAX_UNZIPPED_MB": "100000",  # the zip bomb's check off: the memory bound stops it
    "TENDERCHECK_MAX_PAGE_CONTENT_MB": "8",
    "TENDERCHECK_MAX_PAGE_GLYPHS": "50000",
    "TENDERCHECK_PAGE_RATE_PER_MINUTE": "100",
}


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


class PeakRss(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.done = pid, threading.Event()
        self.start_mb = self.peak = rss_mb(pid)

    def run(self) -> None:
        while not self.done.wait(0.02):
            self.peak = max(self.peak, rss_mb(self.pid))


@pytest.fixture
def server(tmp_path):
    (tmp_path / "data").mkdir()
    s = real.Server(tmp_path / "data", **ENV).start()
    yield s
    s.close()


def big_page_pdf(path: Path) -> Path:
    """A 6000 × 6000 pt coloured page (within the page size limit) with a designated brand on it."""
    content = (b"0.9 0.1 0.1 rg 0 0 6000 6000 re f 0 0 1 rg 100 100 5800 5800 re f "
               b"BT /F1 40 Tf 100 5800 Td (Brand: Carrier) Tj ET")
    return write_pdf(path, [RawPage(*flate(content), (0, 0, 6000, 6000))])


def test_bombs_through_the_page_and_the_sync_scan_leave_the_server_memory_alone(server, tmp_path: Path) -> None:
    bombs = [
        (zip_bomb_docx(tmp_path / "zip_bomb.docx", 300), "memory_limit", "内存超过上限"),
        (inflating_stream_pdf(tmp_path / "inflating.pdf", 300), "content_too_large", "解压"),
        (glyph_bomb_pdf(tmp_path / "glyphs.pdf", 2_000_000), "too_many_glyphs", "字符数"),
        (huge_box_pdf(tmp_path / "huge_box.pdf"), "page_too_large", "尺寸"),
        (huge_numbering_docx(tmp_path / "numbering.docx"), "numbering_out_of_range", "编号"),
    ]
    pid = server.proc.pid
    watch = PeakRss(pid)
    watch.start()
    with httpx.Client(base_url=server.url, timeout=120) as c:
        for path, code, zh in bombs:
            page = c.post("/check", files={"file": (path.name, path.read_bytes())})
            assert page.status_code == 200 and code in page.text and zh in page.text, (path.name, page.text[:500])
            api = c.post("/v1/scan", headers=real.AUTH, files={"file": (path.name, path.read_bytes())})
            assert api.status_code == 200 and api.json()["error"]["code"] == code
        big = big_page_pdf(tmp_path / "big_page.pdf")
        html = c.post("/v1/scan?format=html", headers=real.AUTH, files={"file": (big.name, big.read_bytes())})
        assert html.status_code == 200 and "big_page.pdf" in html.text
        assert c.get("/healthz").status_code == 200
    watch.done.set()
    watch.join()
    print(f"server RSS: {watch.start_mb:.0f} MB at start, {watch.peak:.0f} MB at most")
    assert watch.peak - watch.start_mb < SERVER_GROWTH_BOUND_MB, (watch.start_mb, watch.peak)
