"""Ingest: a file on disk → a :class:`~checker.model.Document`, or a clear :class:`IngestError`.

The type is sniffed from the content, never trusted from the name: a .exe renamed .pdf is
"not a PDF", a .docx that is not a zip is "not a Word document".
"""
from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from .. import errors
from ..model import Document, Format
from ..settings import Settings
from .guard import CFB_MAGIC, check_docx_parts, is_encrypted_office

if TYPE_CHECKING:
    from .ahead import ReadAhead

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
# Where the %PDF- header may start: some producers put junk before it, readers allow 1 KiB.
PDF_HEADER_WINDOW = 1024
SUPPORTED_SUFFIXES = (".pdf", ".docx")
# How far from the end of a PDF its %%EOF marker may sit.
EOF_WINDOW = 4096


def sniff(head: bytes) -> Format | None:
    # A zip first: a zip whose first member is a stored PDF has "%PDF-" in its first kilobyte too.
    if head.startswith(ZIP_MAGIC):
        return "docx"
    if PDF_MAGIC in head[:PDF_HEADER_WINDOW]:
        return "pdf"
    return None


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_file(path: Path, settings: Settings) -> Format:
    """Cheap checks before parsing: exists, not empty, not too large, a PDF or DOCX by content."""
    if not path.is_file():
        raise errors.FileNotFound("文件不存在", f"file not found: {path}")
    size = path.stat().st_size
    if size == 0:
        raise errors.EmptyFile("文件为空（0 字节）", "empty file (0 bytes)")
    if size > settings.max_file_bytes:
        raise errors.FileTooLarge(
            f"文件过大（{size / 1048576:.1f} MB，上限 {settings.max_file_mb:g} MB）",
            f"file too large: {size} bytes, limit {settings.max_file_bytes}",
        )
    with path.open("rb") as f:
        head = f.read(PDF_HEADER_WINDOW)
    kind = sniff(head)
    suffix = path.suffix.lower()
    if kind == "pdf":
        return "pdf"
    if kind == "docx":
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
                check_docx_parts(z, settings)
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise errors.NotADocx("文件不是有效的 Word 文档（.docx）", f"not a Word .docx document: {exc}") from exc
        if "word/document.xml" not in names:
            raise errors.NotADocx("压缩包中没有 Word 正文，不是 .docx 文档", "a zip file without word/document.xml: not a .docx")
        return "docx"
    if suffix == ".pdf":
        raise errors.NotAPdf("文件扩展名为 .pdf，但内容不是 PDF", "not a PDF: the file has no %PDF- header")
    if head.startswith(CFB_MAGIC) and is_encrypted_office(head, _head(path, settings.max_file_bytes)):
        raise errors.EncryptedDocx("Word 文档已加密（设有打开密码），请去除密码后再检查",
                                   "encrypted Word document: a password is required to open it")
    if suffix == ".docx":
        raise errors.NotADocx("文件扩展名为 .docx，但内容不是 Word 文档", "not a Word .docx document")
    if suffix == ".doc":
        raise errors.UnsupportedType("不支持旧版 Word（.doc）格式，请另存为 .docx 或 PDF",
                                     "legacy .doc is not supported: save as .docx or PDF")
    raise errors.UnsupportedType("不支持的文件类型，仅支持 PDF 和 DOCX", "unsupported file type: PDF or DOCX only")


def _head(path: Path, limit: int) -> bytes:
    with path.open("rb") as f:
        return f.read(limit)


def _has_eof_marker(path: Path) -> bool:
    """Complete PDFs end with %%EOF (possibly followed by a little whitespace or junk)."""
    with path.open("rb") as f:
        f.seek(max(0, path.stat().st_size - EOF_WINDOW))
        return b"%%EOF" in f.read()


def load_document(path: str | os.PathLike[str], settings: Settings | None = None,
                  ahead: ReadAhead | None = None) -> Document:
    """``ahead``: a reader already reading this file in another process (see ahead.py)."""
    settings = settings or Settings()
    p = Path(path)
    kind = check_file(p, settings)
    digest = sha256_file(p)
    if kind == "pdf":
        from .pdf import read_pdf_document

        batches = ahead.batches() if ahead is not None and ahead.is_for(p) else None
        pages, page_count, warnings, ocr_pages = read_pdf_document(str(p), batches, settings)
        if not _has_eof_marker(p):
            warnings.insert(0, "PDF 文件可能不完整（缺少文件结束标记 %%EOF，可能下载中断），部分页面或内容可能缺失"
                               "（the PDF has no %%EOF marker: it may be truncated）")
        return Document(str(p), p.name, "pdf", digest, pages, page_count, warnings, ocr_pages)
    from .docx import read_docx

    page = read_docx(str(p), settings)
    if not any(True for _ in page.blocks):
        raise errors.NoTextLayer("Word 文档中没有文字内容", "the .docx contains no text")
    return Document(str(p), p.name, "docx", digest, [page], None, [])
