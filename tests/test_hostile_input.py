"""Hostile and broken input (issue 13, the scan side): resource bombs end in their own error code
within the bounds, a file over the memory or time bound is that file's error and the batch goes
on (with ``--jobs 1`` too), broken files get the right error text.

Every bomb is generated here in well under a second (tests/rawpdf.py). The limits are made small through settings
so the tests stay fast; a tight memory bound (``TIGHT``) shows each bomb is refused before the work
it declares: had it been done, the file would have ended in ``memory_limit`` instead.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import jsonl, run_cli
from rawpdf import (
    encrypted_docx,
    glyph_bomb_pdf,
    huge_box_pdf,
    huge_numbering_docx,
    inflating_stream_pdf,
    write_docx,
    zero_page_pdf,
    zip_bomb_docx,
)

from checker import errors
from checker.ingest import load_document

# Small limits: each bomb is over its own limit many times, and the memory bound is far below
# what any bomb would take if its work were done.
LIMITS = {
    "TENDERCHECK_MAX_UNZIPPED_MB": "8",
    "TENDERCHECK_MAX_PAGE_CONTENT_MB": "8",
    "TENDERCHECK_MAX_PAGE_GLYPHS": "50000",
    "TENDERCHECK_MAX_PAGE_AREA_PT2": "40000000",
    "TENDERCHECK_MAX_NUMBERING_VALUE": "32767",
}
TIGHT = {"TENDERCHECK_MAX_MEMORY_MB": "150"}
# The same limits with every check before the work switched off: only the bounds are left.
NO_CHECKS = {
    "TENDERCHECK_MAX_UNZIPPED_MB": "100000", "TENDERCHECK_MAX_PAGE_CONTENT_MB": "100000",
    "TENDERCHECK_MAX_PAGE_GLYPHS": "1000000000", "TENDERCHECK_MAX_NUMBERING_VALUE": "1000000000000000",
}

BOMBS = [
    ("zip_bomb.docx", lambda p: zip_bomb_docx(p, 256), "decompressed_too_large", "压缩包炸弹"),
    ("inflating.pdf", lambda p: inflating_stream_pdf(p, 256), "content_too_large", "解压"),
    ("glyphs.pdf", lambda p: glyph_bomb_pdf(p, 2_000_000), "too_many_glyphs", "字符数"),
    ("huge_box.pdf", huge_box_pdf, "page_too_large", "尺寸"),
    ("numbering.docx", huge_numbering_docx, "numbering_out_of_range", "编号"),
]


def good_docx(path: Path) -> Path:
    return write_docx(path, ["某某医院设备采购项目招标文件", "采购方式：公开招标", "推荐品牌：甲、乙、丙"])


def test_each_bomb_gets_its_own_error_within_the_bounds_and_the_next_file_is_reported(tmp_path: Path) -> None:
    """One batch, ``--jobs 1``: each bomb followed by a good file."""
    for n, (name, make, _, _) in enumerate(BOMBS):
        make(tmp_path / f"{n}a_{name}")
        good_docx(tmp_path / f"{n}b_good.docx")
    proc = run_cli("scan", str(tmp_path), "--format", "jsonl", "--jobs", "1", "-q", env={**LIMITS, **TIGHT})
    reports = jsonl(proc.stdout)
    assert len(reports) == 2 * len(BOMBS)
    for (name, _, code, zh), bomb, good in zip(BOMBS, reports[::2], reports[1::2]):
        assert bomb["file"].endswith(name) and bomb["error"]["code"] == code, bomb["error"]
        assert zh in bomb["error"]["message"]
        assert good["file"].endswith("b_good.docx") and good["error"] is None and good["brand_lists"]
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_the_memory_bound_is_that_files_error_and_the_batch_goes_on(tmp_path: Path, jobs: str) -> None:
    """With the checks before the work off, the bombs are stopped by the operating system: the DOCX in
    python-docx, the PDF in pdfium (which aborts when an allocation fails), read ahead or not."""
    zip_bomb_docx(tmp_path / "a_zip_bomb.docx", 300)
    good_docx(tmp_path / "b_good.docx")
    inflating_stream_pdf(tmp_path / "c_inflating.pdf", 300)
    good_docx(tmp_path / "d_good.docx")
    proc = run_cli("scan", str(tmp_path), "--format", "jsonl", "--jobs", jobs, "-q",
                   env={**NO_CHECKS, "TENDERCHECK_MAX_MEMORY_MB": "100"})
    reports = jsonl(proc.stdout)
    assert [r["file"] for r in reports] == ["a_zip_bomb.docx", "b_good.docx", "c_inflating.pdf", "d_good.docx"]
    assert [r["error"] and r["error"]["code"] for r in reports] == ["memory_limit", None, "memory_limit", None]
    assert "内存超过上限（100 MB）" in reports[0]["error"]["message"]
    assert "Traceback" not in proc.stderr


def test_a_single_pdf_over_the_memory_bound_while_read_ahead_is_reported(tmp_path: Path) -> None:
    path = inflating_stream_pdf(tmp_path / "inflating.pdf", 300)
    proc = run_cli("scan", str(path), "--format", "json", env={**NO_CHECKS, "TENDERCHECK_MAX_MEMORY_MB": "100"})
    assert proc.returncode == 2 and '"memory_limit"' in proc.stdout, proc.stderr


def test_a_file_over_the_time_bound_is_stopped_and_the_batch_goes_on(tmp_path: Path) -> None:
    """A list numbered from a huge roman numeral, with its check off: the labels take forever."""
    huge_numbering_docx(tmp_path / "a_numbering.docx")
    good_docx(tmp_path / "b_good.docx")
    proc = run_cli("scan", str(tmp_path), "--format", "jsonl", "-q",
                   env={**NO_CHECKS, "TENDERCHECK_FILE_TIMEOUT_S": "3"})
    slow, good = jsonl(proc.stdout)
    assert slow["error"]["code"] == "scan_timeout" and good["error"] is None


BROKEN = [
    ("zero.pdf", zero_page_pdf, "corrupt_pdf", "没有页面"),
    ("locked.docx", encrypted_docx, "encrypted_docx", "已加密"),
    ("bad_start.docx", lambda p: write_docx(p, start="abc"), "corrupt_docx", "损坏"),
    ("bad_level.docx", lambda p: write_docx(p, ilvl="x"), "corrupt_docx", "损坏"),
    ("bad_root.docx", lambda p: write_docx(p, document='<?xml version="1.0"?><foo/>'), "corrupt_docx", "损坏"),
]


@pytest.mark.parametrize(("name", "make", "code", "zh"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_files_say_what_is_wrong(tmp_path: Path, name, make, code: str, zh: str) -> None:
    with pytest.raises(errors.IngestError) as info:
        load_document(make(tmp_path / name))
    assert info.value.code == code and zh in info.value.message
    assert "Success" not in info.value.message


def test_a_list_level_out_of_range_or_a_missing_level_in_a_label_is_no_crash(tmp_path: Path) -> None:
    doc = load_document(write_docx(tmp_path / "levels.docx", ["甲项"], ilvl="12"))
    assert [b.text for b in doc.pages[0].blocks] == ["甲项"]


def test_control_characters_in_a_file_name_do_not_forge_lines_of_the_text_report(tmp_path: Path) -> None:
    name = "a\n== forged.docx\n  违规 0\x1b[2J.docx"
    good_docx(tmp_path / name)
    proc = run_cli("scan", str(tmp_path), "-q")
    heads = [line for line in proc.stdout.splitlines() if line.startswith("==")]
    assert heads == ["== a\\n== forged.docx\\n  违规 0\\x1b[2J.docx"]
    assert "\x1b" not in proc.stdout


def wide_coloured_tender(path: Path, width: float) -> Path:
    """A tender on one very wide page in colour (a fold-out drawing), with a designated brand."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    height = 700
    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.setFillColorRGB(0.2, 0.5, 0.9)
    c.rect(0, 0, width, height, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    c.setFont("STSong-Light", 14)
    for i, line in enumerate(("某市人民医院中央空调采购项目竞争性磋商文件", "采购方式：竞争性磋商", "一、货物需求",
                              "1. 冷水机组 2台，推荐品牌：开利", "2. 冷却塔 2台，品牌不限")):
        c.drawString(72, height - 80 - 22 * i, line)
    c.showPage()
    c.save()
    return path


def test_a_page_too_wide_for_an_image_is_imaged_smaller_never_a_crash(tmp_path: Path) -> None:
    """Regression: a 45,000 pt wide coloured page made Pillow's JPEG encoder fail (65,535 pixels at most) and
    the HTML report died with a traceback. Such a page is refused at ingest now (page_too_large); the images
    are bounded on their own too."""
    import base64
    import io

    from PIL import Image

    from checker.model import Evidence
    from reports.snippets import MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE_PX, PageImages

    path = wide_coloured_tender(tmp_path / "wide.pdf", 45_000)
    with PageImages(str(path)) as images:
        figures = images.figures([Evidence(1, (72, 130, 300, 146), "推荐品牌：开利")])
    assert len(figures) == 1 and not images.failed
    data = figures[0].crop.data_uri.split(",", 1)[1]
    image = Image.open(io.BytesIO(base64.b64decode(data)))
    assert max(image.size) <= MAX_IMAGE_SIDE_PX and image.width * image.height <= MAX_IMAGE_PIXELS


def test_html_reports_of_wide_coloured_pages_are_written_for_the_whole_batch(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    wide_coloured_tender(docs / "a_wide.pdf", 14_000)
    wide_coloured_tender(docs / "b_too_wide.pdf", 45_000)
    good_docx(docs / "c_good.docx")
    out = tmp_path / "html"
    proc = run_cli("scan", str(docs), "--format", "html", "-o", str(out), "-q")
    assert "Traceback" not in proc.stderr and proc.returncode == 2  # b_too_wide.pdf: page_too_large
    assert sorted(p.name for p in out.iterdir()) == ["a_wide.pdf.html", "b_too_wide.pdf.html", "c_good.docx.html",
                                                     "index.html"]
    wide = (out / "a_wide.pdf.html").read_text(encoding="utf-8")
    assert "开利" in wide and "data:image/" in wide  # its evidence, with a page image
    assert "page_too_large" in (out / "b_too_wide.pdf.html").read_text(encoding="utf-8")
