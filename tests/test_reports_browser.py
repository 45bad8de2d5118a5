"""The HTML report as a reviewer sees it: rendered by headless Chromium, checked from the screenshot."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from test_reports_helpers import TENDER_PAGE, finding, make_pdf

from checker.ingest import sha256_file
from checker.report import Report
from reports.context import RenderContext
from reports.render import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")

# A highlight no other part of the page uses: opaque pure-green outline, faint fill.
STROKE_RGB = (0, 255, 0)
TEST_CTX = RenderContext(highlight_fill="rgba(255, 255, 0, 0.15)", highlight_stroke="#00ff00")


def screenshot(html_path: Path, png: Path, width: int = 1200, height: int = 2200) -> Image.Image:
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", f"--user-data-dir={png.parent / 'chromium-profile'}",
         f"--screenshot={png}", f"--window-size={width},{height}", html_path.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    return Image.open(png).convert("RGB")


def test_highlight_sits_over_the_evidence_text_in_the_browser(tmp_path: Path) -> None:
    pdf = tmp_path / "tender.pdf"
    placed = make_pdf(pdf, [TENDER_PAGE])
    evidence = placed[2].evidence()  # 推荐品牌：AX-2000型、… (ASCII glyphs render without CJK fonts) (40 pt above and below: other lines)
    report = Report(file=pdf.name, format="pdf", pages=1, sha256=sha256_file(pdf), path=str(pdf),
                    findings=[finding("FS101", "violation", "品目“冷水机组”的推荐品牌均非首台套产品", [evidence])])
    html = tmp_path / "report.html"
    html.write_text(render_html(report, TEST_CTX), encoding="utf-8")
    shot = screenshot(html, tmp_path / "shot.png")
    a = np.asarray(shot).astype(int)

    lum = a.mean(axis=2)
    assert a.std() > 5 and (lum < 128).mean() > 0.001, "the page is blank"

    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    outline = (g > 200) & (r < 90) & (b < 90)
    ys, xs = np.nonzero(outline)
    assert len(ys) > 100, "no highlight drawn"
    top, bottom, left, right = ys.min(), ys.max(), xs.min(), xs.max()
    assert 10 < bottom - top < 60 and right - left > 200, "highlight is not one text line"

    dark = (lum < 110) & ~outline
    inside = dark[top + 2: bottom - 1, left + 2: right - 1].sum()
    assert inside > 150, "no text under the highlight"
    # Around the box (half a line pitch up and down, a margin left and right) the only text is the
    # evidence line, and all of it is inside the box: the box neither misses nor cuts the glyphs.
    pad_y, pad_x = (bottom - top), 60
    around = dark[top - pad_y: bottom + pad_y, left - pad_x: right + pad_x].sum()
    assert inside / around > 0.97, "evidence text lies outside the highlight"
