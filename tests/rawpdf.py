"""Hand-built PDFs for hostile-input tests: whatever page boxes, filters and content streams a
test asks for, with a correct cross-reference table (reportlab writes only well-formed pages).

Also the resource bombs of issue 13, each a few kilobytes: a content stream that inflates to
whitespace, a page of glyphs, a huge page box; and DOCX bombs (a zip bomb, a huge numbering start).
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

GOOD_LINE = "采购方式：公开招标 项目编号：TEST-2026-001 推荐品牌：甲、乙、丙"


@dataclass(frozen=True)
class RawPage:
    content: bytes  # the content stream as its filters leave it
    filters: tuple[str, ...] = ()  # e.g. ("FlateDecode", "FlateDecode"): applied outermost first
    box: tuple[float, float, float, float] = (0, 0, 595, 842)


_MB = 1 << 20


def spaces_deflated(megabytes: int, fill: bytes = b" ") -> tuple[bytes, int]:
    """Raw deflate of ``megabytes`` MB of ``fill`` bytes, made in milliseconds rather than seconds: each
    megabyte is compressed after a full flush, so every block after the first is the same bytes.
    Returns the data and the CRC-32 of what it inflates to."""
    chunk = fill * _MB
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    repeat = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    return first + repeat * (megabytes - 1) + c.flush(), crc


def zlib_spaces(megabytes: int, head: bytes = b"") -> bytes:
    """``head`` and then ``megabytes`` MB of spaces, in the zlib format (what /FlateDecode reads)."""
    body, _ = spaces_deflated(megabytes)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH) + body
    adler = zlib.adler32(head)
    chunk = b" " * _MB
    for _ in range(megabytes):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + raw + struct.pack(">I", adler)


def flate(data: bytes, times: int = 1) -> tuple[bytes, tuple[str, ...]]:
    """``data`` deflated ``times`` times, with the /Filter array that undoes it."""
    for _ in range(times):
        data = zlib.compress(data, 9)
    return data, ("FlateDecode",) * times


def write_pdf(path: Path, pages: Sequence[RawPage]) -> Path:
    """A PDF with a Type1 Helvetica font as /F1 on every page."""
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: page tree, filled in below
    font = len(objects) + 1
    objects.append(b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>")
    kids = []
    for page in pages:
        content = len(objects) + 1
        flt = b"".join(b"/" + f.encode() for f in page.filters)
        head = b"<</Length %d" % len(page.content) + (b"/Filter[" + flt + b"]" if flt else b"") + b">>"
        objects.append(head + b"\nstream\n" + page.content + b"\nendstream")
        box = " ".join(f"{v:g}" for v in page.box).encode()
        objects.append(b"<</Type/Page/Parent 2 0 R/MediaBox[" + box + b"]/Resources<</Font<</F1 %d 0 R>>>>"
                       b"/Contents %d 0 R>>" % (font, content))
        kids.append(len(objects))
    objects[0] = b"<</Type/Catalog/Pages 2 0 R>>"
    objects[1] = (b"<</Type/Pages/Kids[" + b" ".join(b"%d 0 R" % k for k in kids) + b"]/Count %d>>" % len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path


def text_content(text: str = "Tender page", y: float = 780) -> bytes:
    return b"BT /F1 12 Tf 40 %g Td (%s) Tj ET" % (y, text.encode("latin-1"))


def inflating_stream_pdf(path: Path, inflated_mb: int) -> Path:
    """A page whose content stream, deflated twice, inflates to ``inflated_mb`` MB of spaces."""
    data, filters = flate(zlib_spaces(inflated_mb, text_content()))
    return write_pdf(path, [RawPage(data, ("FlateDecode", *filters))])


def glyph_bomb_pdf(path: Path, glyphs: int) -> Path:
    """One page showing ``glyphs`` glyphs, ten per text operator (pdfium keeps at most 32,767 glyphs
    of one string), deflated: a few KB per million."""
    data, filters = flate(b"BT /F1 1 Tf 0 0 Td " + b"(aaaaaaaaaa) Tj " * (glyphs // 10) + b"ET")
    return write_pdf(path, [RawPage(data, filters)])


def huge_box_pdf(path: Path, side_pt: float = 14_400, text: str = "Tender page") -> Path:
    """One page of ``side_pt`` × ``side_pt`` points (14,400: the largest the PDF format allows)."""
    data, filters = flate(text_content(text, side_pt - 60))
    return write_pdf(path, [RawPage(data, filters, (0, 0, side_pt, side_pt))])


def zero_page_pdf(path: Path) -> Path:
    return write_pdf(path, [])


# -- DOCX --------------------------------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                  'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                  'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="bin" '
                  'ContentType="application/octet-stream"/><Override PartName="/word/document.xml" ContentType='
                  '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                  '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
                  'officedocument.wordprocessingml.numbering+xml"/></Types>')
_ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
              '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
              'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_REL = '<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>'


def _doc_rels(images: Sequence[str]) -> str:
    rels = [_REL.format(id="rId1", kind="numbering", target="numbering.xml")]
    rels += [_REL.format(id=f"rId{n}", kind="image", target=name) for n, name in enumerate(images, start=2)]
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships">' + "".join(rels) + "</Relationships>")


def _numbering(start: str, fmt: str, ilvl: str = "0") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {_W}><w:abstractNum w:abstractNumId="0">'
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl>'
            '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def _document(paragraphs: Sequence[str], numbered: bool) -> str:
    num = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' if numbered else ""
    body = "".join(f"<w:p>{num}<w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}</w:body></w:document>'


def write_docx(path: Path, paragraphs: Sequence[str] = (GOOD_LINE,), *, start: str = "1", fmt: str = "decimal",
               ilvl: str = "0", extra: dict[str, bytes] | None = None, document: str | None = None,
               compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A minimal DOCX whose paragraphs are items of one numbered list (``start``, ``fmt``)."""
    with zipfile.ZipFile(path, "w", compression=compression) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _ROOT_RELS)
        images = [n.removeprefix("word/") for n in (extra or {}) if n.startswith("word/media/")]
        z.writestr("word/_rels/document.xml.rels", _doc_rels(images))
        z.writestr("word/document.xml", document if document is not None else _document(paragraphs, True))
        z.writestr("word/numbering.xml", _numbering(start, fmt, ilvl))
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def zip_bomb_docx(path: Path, unpacked_mb: int) -> Path:
    """A DOCX carrying an XML part of ``unpacked_mb`` MB (every XML part is read; images and other
    binary parts are not: a bomb there costs nothing), deflated: a kilobyte per megabyte."""
    write_docx(path, extra={BOMB_PART: b""}, compression=zipfile.ZIP_STORED)
    parts = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            parts[name] = z.read(name)
    data, crc = spaces_deflated(unpacked_mb, b"\0")
    return _write_zip(path, parts, {BOMB_PART: (data, crc, unpacked_mb << 20)})


BOMB_PART = "customXml/item1.xml"


def _write_zip(path: Path, stored: dict[str, bytes], deflated: dict[str, tuple[bytes, int, int]]) -> Path:
    """A zip written by hand, so a member can be deflated beforehand (zipfile compresses itself)."""
    out = io.BytesIO()
    central = []
    members = [(n, d, zlib.crc32(d), len(d), 0) for n, d in stored.items() if n not in deflated]
    members += [(n, d, crc, size, 8) for n, (d, crc, size) in deflated.items()]
    for name, data, crc, size, method in members:
        offset = out.tell()
        fields = struct.pack("<HHHHHIIIHH", 20, 0, method, 0, 0x21, crc, len(data), size, len(name.encode()), 0)
        out.write(b"PK\x03\x04" + fields + name.encode() + data)
        central.append(b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHII", 0, 0, 0, 0, offset)
                       + name.encode())
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(central), len(central), out.tell() - start, start, 0))
    path.write_bytes(out.getvalue())
    return path


def huge_numbering_docx(path: Path, start: str = "999999999999") -> Path:
    return write_docx(path, start=start, fmt="lowerRoman")


def encrypted_docx(path: Path) -> Path:
    """What Word writes for a password-protected .docx: an OLE compound file (CFB), not a zip,
    holding EncryptionInfo and EncryptedPackage streams (only the markers matter here)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    names = b"".join(n.encode("utf-16-le").ljust(64, b"\0") + bytes(64) for n in ("EncryptionInfo", "EncryptedPackage"))
    path.write_bytes(header + names + bytes(2048))
    return path
