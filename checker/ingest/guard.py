"""Checks before the work a file would cause: a few kilobytes can declare gigabytes.

- DOCX: the unpacked size of every part, from the zip's directory, against ``max_unzipped_mb``
  (python-docx reads every part it reaches into memory). zipfile never returns more than a part's
  declared size and checks its CRC, so a part that lies about its size is corrupt, not bigger.
- PDF, page by page: the page box against ``max_page_area_pt2`` and the PDF format's own limit
  (from pdfium's page sizes, before a page is loaded); the glyphs on a page against
  ``max_page_glyphs`` (pdfium's count, before our work per glyph); and the page's content streams
  (and the forms it draws), inflated with a cap, against ``max_page_content_mb``, before pdfium
  loads the page (it parses the whole content then).

The content check reads the PDF's objects with pdfminer (already here with pdfplumber), which
costs half a second on a 300-page tender, so it runs only when a look at the raw file finds a
stream that could inflate past the cap: filters chained (deflate of a deflate), or a single
deflate big enough (deflate packs at most ~1032:1). Images and fonts are not page content. A
file pdfminer cannot read is left to pdfium, under the memory and time bounds of the process
that scans it (checker/bounded.py).
"""
from __future__ import annotations

import logging
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from .. import errors
from ..settings import Settings

# The largest page side the PDF format allows (ISO 32000-1, annex C: 14,400 units of 1/72 inch).
MAX_PAGE_SIDE_PT = 14_400.0
# Forms drawn inside forms are followed this deep (pdfium's own limit on nesting is deeper, but a
# tender's pages nest one or two).
MAX_FORM_DEPTH = 4
_CHUNK = 1 << 16
# Strings shown by text operators: (literal) or <hex>. Counting their bytes overestimates glyphs
# (two bytes per CJK glyph), which only makes the bound stricter for a hostile page.
_LITERAL = re.compile(rb"\([^()\\]*(?:\\.[^()\\]*)*\)", re.DOTALL)
_HEX = re.compile(rb"<[0-9A-Fa-f\s]*>")

MB = 1024 * 1024


def check_docx_parts(z: zipfile.ZipFile, settings: Settings) -> None:
    cap = int(settings.max_unzipped_mb * MB)
    total = 0
    for info in z.infolist():
        total += info.file_size
        if total > cap:
            raise errors.DecompressedTooLarge(
                f"Word 文档解压后超过 {settings.max_unzipped_mb:g} MB（压缩包炸弹？），已拒绝解析",
                f"the .docx unpacks to more than {settings.max_unzipped_mb:g} MB (a zip bomb?): "
                f"{info.filename} and the parts before it declare {total} bytes")


def is_encrypted_office(path_head: bytes, data: bytes) -> bool:
    """A password-protected .docx is an OLE compound file holding an EncryptedPackage stream."""
    return path_head.startswith(CFB_MAGIC) and "EncryptedPackage".encode("utf-16-le") in data


CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# Deflate's best ratio: 258-byte matches in 1-bit codes (zlib's documentation: 1032:1).
DEFLATE_MAX_RATIO = 1032
_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
_DECOMPRESSING = re.compile(rb"/(?:FlateDecode|Fl|LZWDecode|LZW)\b")
_NOT_CONTENT = re.compile(rb"/Subtype\s*/(?:Image|Type1C|CIDFontType0C|OpenType)\b|/Length[123]\b")
_DICT_WINDOW = 4096


_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")


def raw_streams(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(dictionary, raw data) of every stream in a raw PDF that may be page content (not an image or
    a font). Stream dictionaries are never inside object streams, so all are found in the bytes."""
    for m in _STREAM_START.finditer(data):
        head = data[max(0, m.start() - _DICT_WINDOW):m.start()]
        head = head[head.rfind(b" obj") + 1:]
        if _NOT_CONTENT.search(head):
            continue
        end = data.find(b"endstream", m.end())
        yield head, data[m.end():len(data) if end < 0 else end]


def over_bounds(data: bytes, settings: Settings) -> bool:
    """Some stream of this raw PDF inflates past the content cap or shows more glyphs than a page may."""
    cap = int(settings.max_page_content_mb * MB)
    for head, raw in raw_streams(data):
        found = _FILTER.search(head)
        names = tuple(n.decode() for n in _NAME.findall(found.group(1))) if found else ()
        if not names or len(raw) * DEFLATE_MAX_RATIO ** len(names) <= settings.max_page_glyphs:
            continue  # too small to matter, whatever it holds
        try:
            decoded = _decode(raw, names, cap)
        except _Over:
            return True
        if decoded is not None and len(decoded) > settings.max_page_glyphs and _glyphs(decoded) > settings.max_page_glyphs:
            return True
    return False


def check_page_size(number: int, width: float, height: float, settings: Settings) -> None:
    width, height = abs(width), abs(height)
    if max(width, height) > MAX_PAGE_SIDE_PT or width * height > settings.max_page_area_pt2:
        raise errors.PageTooLarge(
            f"PDF 第 {number} 页尺寸异常（{width:.0f}×{height:.0f} 磅，超出上限），已拒绝解析",
            f"page {number} is {width:.0f} x {height:.0f} pt, over the page size limit")


def check_glyphs(number: int, glyphs: int, settings: Settings) -> None:
    if glyphs > settings.max_page_glyphs:
        raise errors.TooManyGlyphs(
            f"PDF 第 {number} 页的字符数超过上限（{settings.max_page_glyphs:,}），文件可能异常，已拒绝解析",
            f"page {number} shows more than {settings.max_page_glyphs} glyphs")


def check_pdf_pages(path: str, settings: Settings) -> None:
    """Raise the page's error for the first page over a bound; return when every page is within
    them, no stream could inflate past the cap, or pdfminer cannot read the file (pdfium decides)."""
    with open(path, "rb") as f:
        if not over_bounds(f.read(), settings):
            return
    try:
        pages = _pages(path)
        for number, page in enumerate(pages, start=1):
            _check_page(number, page, settings)
    except (errors.CheckerError, MemoryError):
        raise
    except Exception:  # noqa: BLE001 - pdfminer could not read it: pdfium's turn, under the process bounds
        return


def has_no_pages(path: str) -> bool:
    """The file is a readable PDF with no pages (pdfium only says it failed, with a varying reason)."""
    try:
        return next(iter(_pages(path)), None) is None
    except Exception:  # noqa: BLE001 - unreadable here too: just corrupt
        return False


def _pages(path: str) -> Iterator[Any]:
    # pdfminer logs each repair of a broken file as a warning: pdfium reports what matters.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    with open(path, "rb") as f:
        doc = PDFDocument(PDFParser(f))
        yield from PDFPage.create_pages(doc)


def _check_page(number: int, page: Any, settings: Settings) -> None:
    box = page.cropbox or page.mediabox
    check_page_size(number, float(box[2]) - float(box[0]), float(box[3]) - float(box[1]), settings)
    cap = int(settings.max_page_content_mb * MB)
    size = glyphs = 0
    try:
        for data in _content_streams(page, cap):
            size += len(data)
            if size > cap:
                raise _Over()
            glyphs += _glyphs(data)
            if glyphs > settings.max_page_glyphs:
                break
    except _Over:
        raise _content_error(number, settings) from None
    check_glyphs(number, glyphs, settings)


def _content_error(number: int, settings: Settings) -> errors.ContentTooLarge:
    return errors.ContentTooLarge(
        f"PDF 第 {number} 页的内容解压后超过 {settings.max_page_content_mb:g} MB（解压炸弹？），已拒绝解析",
        f"page {number}'s content streams inflate to more than {settings.max_page_content_mb:g} MB")


class _Over(Exception):
    pass


def _content_streams(page: Any, cap: int) -> Iterator[bytes]:
    """The page's content streams, then the forms it draws (each once), decoded with a cap."""
    from pdfminer.pdftypes import PDFStream, resolve1

    seen: set[int] = set()
    todo: list[tuple[Any, int]] = [(s, 0) for s in (page.contents or [])]
    todo += [(x, 1) for x in _forms(page.resources, resolve1)]
    while todo:
        item, depth = todo.pop(0)
        stream = resolve1(item)
        if not isinstance(stream, PDFStream) or id(stream) in seen:
            continue
        seen.add(id(stream))
        data = _decoded(stream, cap)
        if data is None:
            continue
        yield data
        if depth < MAX_FORM_DEPTH:
            todo += [(x, depth + 1) for x in _forms(stream.get("Resources"), resolve1)]


def _forms(resources: Any, resolve1: Any) -> list[Any]:
    resources = resolve1(resources)
    if not isinstance(resources, dict):
        return []
    xobjects = resolve1(resources.get("XObject"))
    return list(xobjects.values()) if isinstance(xobjects, dict) else []


def _decoded(stream: Any, cap: int) -> bytes | None:
    """The stream's data through its filters, or None when a filter is one we do not decode here
    (images) or the data is broken (pdfium will say so). Raises ``_Over`` past ``cap``."""
    data: bytes = stream.get_rawdata() if stream.rawdata is not None else stream.get_data()
    return _decode(data, tuple(getattr(f, "name", str(f)) for f, _params in stream.get_filters()), cap)


def _decode(data: bytes, filters: tuple[str, ...], cap: int) -> bytes | None:
    from pdfminer import ascii85, lzw, runlength

    for name in filters:
        try:
            if name in ("FlateDecode", "Fl"):
                data = _inflate(data, cap)
            elif name in ("ASCIIHexDecode", "AHx"):
                data = ascii85.asciihexdecode(data)
            elif name in ("ASCII85Decode", "A85"):
                data = ascii85_decode(data)
            elif name in ("LZWDecode", "LZW"):
                data = lzw.lzwdecode(data)
            elif name in ("RunLengthDecode", "RL"):
                data = runlength.rldecode(data)
            else:
                return None
        except _Over:
            raise
        except Exception:  # noqa: BLE001 - broken data: pdfium reads what it can and says what it cannot
            return None
        if len(data) > cap:
            raise _Over()
    return data


_WHITESPACE = b" \t\r\n\f\x00"


def ascii85_decode(data: bytes) -> bytes:
    """ASCII85 with numpy: reportlab writes every page this way, and base64.a85decode (pure Python)
    takes half a second for a 300-page tender. "z" is four zero bytes; the data ends at "~>"."""
    import numpy as np

    data = data.translate(None, _WHITESPACE)
    end = data.find(b"~>")
    if end >= 0:
        data = data[:end]
    data = data.replace(b"z", b"!!!!!")
    pad = -len(data) % 5
    digits = np.frombuffer(data + b"u" * pad, dtype=np.uint8).astype(np.int64) - 33
    if digits.size and (digits.min() < 0 or digits.max() > 84):
        raise ValueError("not ASCII85")
    words = digits.reshape(-1, 5) @ np.array([85**4, 85**3, 85**2, 85, 1], dtype=np.int64)
    if words.size and words.max() > 0xFFFFFFFF:
        raise ValueError("ASCII85 group out of range")
    out = words.astype(">u4").tobytes()
    return out[:len(out) - pad] if pad else out


def _inflate(data: bytes, cap: int) -> bytes:
    d = zlib.decompressobj()
    out: list[bytes] = []
    size = 0
    for at in range(0, len(data), _CHUNK):
        chunk = data[at:at + _CHUNK]
        while chunk:
            piece = d.decompress(chunk, cap + 1 - size)
            size += len(piece)
            out.append(piece)
            if size > cap:
                raise _Over()
            chunk = d.unconsumed_tail
        if d.eof:
            break
    return b"".join(out)


def _glyphs(data: bytes) -> int:
    n = sum(m.end() - m.start() - 2 for m in _LITERAL.finditer(data))
    n += sum((m.end() - m.start() - 2) // 2 for m in _HEX.finditer(data))
    return n
