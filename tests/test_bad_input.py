"""The bad-input matrix: every broken file gets its own error code and a bilingual message,
and the good files in the same batch still get full reports (issue 2)."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import jsonl, run_cli
from pdfgen import make_docx, make_pdf, make_scanned_pdf, make_unmapped_font_pdf, text_page

from checker import errors
from checker.ingest import load_document
from checker.settings import Settings

GOOD_TEXT = ("某某医院设备采购项目招标文件", "采购方式：公开招标", "项目编号：TEST-2026-001", "推荐品牌：甲、乙、丙或相当于")


def good_pdf(path: Path) -> Path:
    return make_pdf(path, [text_page(*GOOD_TEXT), text_page("第二页内容：技术要求")])


def encrypted(path: Path) -> Path:
    return make_pdf(path, [text_page(*GOOD_TEXT)], encrypt="secret")


def truncated(path: Path) -> Path:
    good_pdf(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    return path


def exe_renamed(path: Path) -> Path:
    path.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 2000)
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def scanned(path: Path) -> Path:
    return make_scanned_pdf(path, pages=2)


def garbled(path: Path) -> Path:
    return make_unmapped_font_pdf(path)


def zip_not_word(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("data.csv", "a,b\n1,2\n")
    return path


def text_renamed_docx(path: Path) -> Path:
    path.write_text("这不是 Word 文档", encoding="utf-8")
    return path


MATRIX = [
    (encrypted, "enc.pdf", "encrypted_pdf", "加密"),
    (truncated, "truncated.pdf", "corrupt_pdf", "损坏"),
    (corrupt, "corrupt.pdf", "corrupt_pdf", "损坏"),
    (exe_renamed, "setup.pdf", "not_a_pdf", "不是 PDF"),
    (empty, "empty.pdf", "empty_file", "为空"),
    (scanned, "scanned.pdf", "no_text_layer", "1、2"),
    (garbled, "garbled.pdf", "garbled_text", "乱码"),
    (zip_not_word, "archive.docx", "not_a_docx", "Word"),
    (text_renamed_docx, "notes.docx", "not_a_docx", "Word"),
]


@pytest.mark.parametrize(("maker", "name", "code", "zh"), MATRIX, ids=[m[2] + ":" + m[1] for m in MATRIX])
def test_bad_file_raises_its_own_error(tmp_path: Path, maker, name: str, code: str, zh: str) -> None:
    path = maker(tmp_path / name)
    with pytest.raises(errors.IngestError) as info:
        load_document(path)
    assert info.value.code == code
    assert zh in info.value.message  # Chinese first …
    assert "（" in info.value.message and info.value.en in info.value.message  # … English gloss after


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = good_pdf(tmp_path / "big.pdf")
    with pytest.raises(errors.FileTooLarge) as info:
        load_document(path, Settings(max_file_mb=0.001))
    assert "上限" in info.value.message


def test_partly_scanned_pdf_is_scanned_with_a_warning_naming_the_pages(tmp_path: Path) -> None:
    from pdfgen import PageSpec

    # 3 text pages and 1 image-only page: the text is checked, the report says what was not.
    pdf = make_pdf(tmp_path / "mixed.pdf", [text_page(*GOOD_TEXT), text_page("第二页"), PageSpec(), text_page("第四页")])
    doc = load_document(pdf)
    assert any("3" in w and "没有文字层" in w for w in doc.warnings)


def test_batch_goes_on_past_every_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    good_pdf(folder / "a_good.pdf")
    make_docx(folder / "b_good.docx", list(GOOD_TEXT))
    for maker, name, _, _ in MATRIX:
        maker(folder / name)
    for jobs in ("1", "2"):
        proc = run_cli("scan", str(folder), "--format", "jsonl", "--jobs", jobs, "-q")
        assert proc.returncode == 2, proc.stderr  # input errors → exit 2
        assert "Traceback" not in proc.stderr
        in_order = jsonl(proc.stdout)
        # files of all sizes (workers take the biggest first), reported in the folder's order
        assert [r["file"] for r in in_order] == sorted(p.name for p in folder.iterdir())
        reports = {r["file"]: r for r in in_order}
        assert len(reports) == len(MATRIX) + 2
        for _, name, code, _ in MATRIX:
            assert reports[name]["error"]["code"] == code
        for name in ("a_good.pdf", "b_good.docx"):
            assert reports[name]["error"] is None
            assert reports[name]["sha256"] and reports[name]["format"] == name[-4:].lstrip(".")


def test_time_limit_stops_a_slow_file_and_the_batch_goes_on(tmp_path: Path) -> None:
    good_pdf(tmp_path / "a.pdf")
    good_pdf(tmp_path / "b.pdf")
    for jobs in ("1", "2"):
        proc = run_cli("scan", str(tmp_path), "--format", "jsonl", "--jobs", jobs, "-q",
                       env={"TENDERCHECK_FILE_TIMEOUT_S": "0.0001"})
        reports = jsonl(proc.stdout)
        assert [r["error"]["code"] for r in reports] == ["scan_timeout", "scan_timeout"]
        assert proc.returncode == 2


def test_missing_path_and_unsupported_type(tmp_path: Path) -> None:
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    proc = run_cli("scan", str(tmp_path / "old.doc"), str(tmp_path / "nope.pdf"), "--format", "jsonl")
    codes = [r["error"]["code"] for r in jsonl(proc.stdout)]
    assert codes == ["unsupported_type", "file_not_found"]
    assert proc.returncode == 2


def test_zip_holding_a_pdf_named_pdf_is_not_read_as_that_pdf(tmp_path: Path) -> None:
    inner = good_pdf(tmp_path / "inner.pdf")
    path = tmp_path / "bundle.pdf"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        z.write(inner, "inner.pdf")
    assert b"%PDF-" in path.read_bytes()[:1024]
    with pytest.raises(errors.IngestError) as info:
        load_document(path)
    assert info.value.code in ("not_a_pdf", "not_a_docx")
