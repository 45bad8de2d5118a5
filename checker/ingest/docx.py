"""DOCX → Document with python-docx: paragraphs and tables in body order.

Word has no pages until it is laid out, so DOCX evidence has ``page``/``bbox`` null and a
``location`` ("第12段", "表3 第2行 第4列"). Automatic numbering ("第一条", "1.1", "（一）") lives
in numbering.xml, not in the paragraph text; we render it back so clause numbers read as the
author saw them.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.parser import element_class_lookup, oxml_parser
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from lxml import etree  # type: ignore[import-untyped]  # no stubs installed; python-docx (typed) uses it the same way

from .. import errors
from ..model import Cell, Line, Page, Table
from ..settings import Settings

# Element tags, qualified once (python-docx's ``qn`` splits and formats the name on every call).
_P, _T, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (qn(f"w:{t}") for t in ("p", "t", "tbl", "tr", "tc", "sdt", "sdtContent"))

# Word list levels are 0-8.
LIST_LEVELS = 9

_CN_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "chineseLegalSimplified",
               "taiwaneseCountingThousand", "ideographDigital"):
        return _chinese(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "bullet" or fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """Renders list labels from numbering.xml, counting per list and level like Word does."""

    def __init__(self, document: DocxDocument, styles: _Styles, max_value: int) -> None:
        self.styles = styles
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self._numpr_by_style: dict[str | None, Any] = {}  # a paragraph style id: the <w:numPr> it inherits
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in numbering.findall(qn("w:abstractNum")):
            lv: dict[int, tuple[str, str, int]] = {}
            for lvl in an.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                fmt_el, text_el, start_el = lvl.find(qn("w:numFmt")), lvl.find(qn("w:lvlText")), lvl.find(qn("w:start"))
                start = int(start_el.get(qn("w:val"), "1")) if start_el is not None else 1
                if not 0 <= start <= max_value:  # a label is worked out from it, digit by digit
                    raise errors.NumberingOutOfRange(
                        f"Word 文档的自动编号起始值异常（{str(start)[:20]}，上限 {max_value}），文件可能异常，已拒绝解析",
                        f"a list in the .docx starts at {str(start)[:20]}, over the limit of {max_value}")
                if 0 <= ilvl < LIST_LEVELS:
                    lv[ilvl] = (
                        fmt_el.get(qn("w:val"), "decimal") if fmt_el is not None else "decimal",
                        text_el.get(qn("w:val"), "") if text_el is not None else "",
                        start,
                    )
            abstract[an.get(qn("w:abstractNumId"), "")] = lv
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.levels[num.get(qn("w:numId"), "")] = abstract.get(ref.get(qn("w:val"), ""), {})

    def label(self, paragraph: Paragraph) -> str:
        ppr = paragraph._p.pPr
        # python-docx declares oxml children with metaclass descriptors (ZeroOrOne), which type checkers see as
        # the descriptor, not the element: treat the <w:numPr> element as untyped.
        num_pr: Any = ppr.numPr if ppr is not None else None
        if num_pr is None:
            num_pr = self._style_numpr(paragraph)
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        ilvl = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * LIST_LEVELS)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, LIST_LEVELS):
            counters[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def sub(m: re.Match[str]) -> str:
            lv = int(m.group(1)) - 1
            if not 0 <= lv < LIST_LEVELS:  # "%0": no such level, Word prints nothing
                return ""
            f, _, start = levels.get(lv, ("decimal", "", 1))
            return _format(start + counters[lv] - 1 if counters[lv] else start, f)

        return re.sub(r"%(\d)", sub, text)

    def _style_numpr(self, paragraph: Paragraph) -> Any:  # a <w:numPr> element or None (untyped oxml, see label())
        style = self.styles.of(paragraph)
        if style is None:
            return None
        key = style.style_id
        if key not in self._numpr_by_style:  # once per style, not per paragraph: the base-style chain is long
            self._numpr_by_style[key] = self._inherited_numpr(style)
        return self._numpr_by_style[key]

    @staticmethod
    def _inherited_numpr(style: Any) -> Any:
        while style is not None:
            ppr = style.element.pPr
            if ppr is not None and ppr.numPr is not None:
                return ppr.numPr
            style = style.base_style
        return None


class _Styles:
    """Paragraph styles by id, looked up once per document. python-docx's ``Paragraph.style`` scans
    every style of the document to find the default one for each paragraph without a style: 18 s of
    a 2,500-paragraph Shenzhen draft. Same styles, same names."""

    def __init__(self, document: DocxDocument) -> None:
        self.by_id: dict[str, Any] = {}
        self.default: Any = None
        for style in document.styles:
            if style.type != WD_STYLE_TYPE.PARAGRAPH:
                continue
            self.by_id.setdefault(style.style_id, style)
            if self.default is None and style.element.default:
                self.default = style

    def of(self, paragraph: Paragraph) -> Any:
        ppr = paragraph._p.pPr
        style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        if style_id is None:
            return self.default
        return self.by_id.get(style_id, self.default)


def _iter_body(parent: DocxDocument, blocks: Iterator[Any]) -> Iterator[Paragraph | DocxTable]:
    """Paragraphs and tables in document order, looking inside content controls."""
    for child in blocks:
        tag = child.tag
        if tag == _P:
            yield Paragraph(child, parent)
        elif tag == _TBL:
            yield DocxTable(child, parent)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                for sub in content.iterchildren():
                    if sub.tag == _P:
                        yield Paragraph(sub, parent)
                    elif sub.tag == _TBL:
                        yield DocxTable(sub, parent)


# The main document part is read as a stream, one body-level block at a time, each dropped once read:
# python-docx would hold the whole tree, about 14 times the XML's size (290 MB for a 20 MB
# document.xml of a real tender with large tables). python-docx still reads the other parts (styles,
# numbering) from a copy of the package whose main part is an empty body.
# A main part bigger than this (uncompressed) is streamed: memory stays near one block's, not the
# whole tree's. Real drafts' document.xml: median ~2 MB, the largest 20 MB.
STREAM_ABOVE_BYTES = 4 * 1024 * 1024
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_BODY = qn("w:body")


def _main_part(package: zipfile.ZipFile) -> str:
    rels = etree.fromstring(package.read("_rels/.rels"), etree.XMLParser(resolve_entities=False))
    for rel in rels:
        if rel.get("Type") == _OFFICE_DOCUMENT:
            return str(rel.get("Target", "")).lstrip("/")
    raise KeyError("no main document part")


def _without_body(package: zipfile.ZipFile, main: str) -> io.BytesIO:
    """The package with its main part cut to the root element and an empty body."""
    context = etree.iterparse(package.open(main), events=("start",), resolve_entities=False)
    _, root = next(context)
    if root.tag != qn("w:document"):  # a corrupt document (python-docx refuses this root too)
        raise etree.LxmlError(f"the main part's root is {root.tag}, not w:document")
    stub = etree.Element(root.tag, nsmap=root.nsmap)
    etree.SubElement(stub, _BODY)
    copy = io.BytesIO()
    with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as out:
        for info in package.infolist():
            if info.filename == main:
                data = etree.tostring(stub, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif info.filename.endswith((".xml", ".rels")):
                data = package.read(info)
            else:  # images and embedded files: python-docx keeps them as opaque blobs we never read
                data = b""
            out.writestr(info.filename, data)
    copy.seek(0)
    return copy


def _body_blocks(package: zipfile.ZipFile, main: str) -> Iterator[Any]:
    """The body's children, as python-docx would parse them (its element classes and parser options:
    no entities, blank text removed). A main part bigger than ``STREAM_ABOVE_BYTES`` is read as a
    stream, each block complete when yielded and freed after; a smaller one is parsed whole, which
    is faster (iterparse costs about 1.4 times the parse)."""
    if package.getinfo(main).file_size <= STREAM_ABOVE_BYTES:
        body = etree.fromstring(package.read(main), oxml_parser).find(_BODY)
        yield from body.iterchildren() if body is not None else ()
        return
    # Events for paragraphs, tables and content controls only (those inside a table too, passed over
    # until their table is complete).
    context = etree.iterparse(package.open(main), events=("end",), tag=(_P, _TBL, _SDT), remove_blank_text=True,
                              resolve_entities=False)
    context.set_element_class_lookup(element_class_lookup)
    for _, el in context:
        body = el.getparent()
        if body is None or body.tag != _BODY:
            continue
        yield el
        el.clear()  # (``body.remove(el)`` would re-home the subtree: 100 times slower)
        while el.getprevious() is not None:
            del body[0]


def read_docx(path: str, settings: Settings | None = None) -> Page:
    """The whole body as one layout-less page."""
    settings = settings or Settings()
    try:
        package = zipfile.ZipFile(path)
        main = _main_part(package)
        document = docx.Document(_without_body(package, main))
    except MemoryError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise errors.NotADocx("文件不是有效的 Word 文档（.docx）", f"not a Word .docx document: {exc}") from exc
    except Exception as exc:  # lxml/XML errors inside a real zip
        raise errors.CorruptDocx("Word 文档已损坏，无法解析", f"corrupt .docx: {exc}") from exc
    try:
        with package:
            return _body(document, _body_blocks(package, main), settings)
    except etree.LxmlError as exc:  # the main part's XML, read as the body is
        raise errors.CorruptDocx("Word 文档已损坏，无法解析", f"corrupt .docx: {exc}") from exc
    except (ValueError, IndexError, AttributeError, KeyError, TypeError) as exc:
        # Malformed markup python-docx passed through: numbering values that are no numbers, a
        # root or body element of the wrong kind.
        raise errors.CorruptDocx("Word 文档结构已损坏（编号或正文标记无效），无法解析",
                                 f"corrupt .docx markup: {exc!r}") from exc


def _body(document: DocxDocument, blocks: Iterator[Any], settings: Settings) -> Page:
    styles = _Styles(document)
    numbering = _Numbering(document, styles, settings.max_numbering_value)
    page = Page(None)
    para_no = table_no = 0
    for block in _iter_body(document, blocks):
        if isinstance(block, Paragraph):
            para_no += 1
            text = _run_text(block._p)
            label = numbering.label(block)
            if label and text.strip():
                sep = "" if label.endswith((" ", "\t", "、", ".", "．")) else " "
                text = f"{label}{sep}{text}"
            if text.strip():
                found = styles.of(block)
                style = found.name if found is not None else None
                page.blocks.append(Line(text, None, None, f"第{para_no}段", style=style))
        else:
            table_no += 1
            nested: list[Table] = []
            page.blocks.append(_table(block._tbl, f"表{table_no}", nested))
            page.blocks += nested  # tables inside cells follow the table that holds them
    return page


def _table(tbl: Any, label: str, nested: list[Table]) -> Table:
    """A table from its ``w:tbl`` element. A table nested in a cell is a table of its own (appended
    to ``nested``, located as "表3 第2行 第3列 内表1"), not text run into the outer cell."""
    rows: list[list[Cell]] = []
    for r, tr in enumerate(tbl.findall(_TR)):
        cells: list[Cell] = []
        col = 0
        for tc in tr.findall(_TC):
            span = _grid_span(tc)
            where = f"{label} 第{r + 1}行 第{col + 1}列"
            paragraphs: list[str] = []
            for child in tc.iterchildren():
                if child.tag == _P:
                    paragraphs.append(_paragraph_text(child))
                elif child.tag == _TBL:
                    inner: list[Table] = []
                    nested.append(_table(child, f"{where} 内表{len(nested) + 1}", inner))
                    nested += inner
            cells.append(Cell("\n".join(paragraphs).strip(), None, None, r, col, span, where))
            col += span
        rows.append(cells)
    return Table(rows, [None], None, label)


def _paragraph_text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(_T))


# What python-docx's ``Paragraph.text`` reads, in one compiled query instead of an XPath per run:
# the runs' (and hyperlinks' runs') text, tabs, breaks and no-break hyphens, in document order.
_RUN_CONTENT = etree.XPath("./w:r/*[self::w:t or self::w:tab or self::w:ptab or self::w:br or self::w:cr"
                           " or self::w:noBreakHyphen] | ./w:hyperlink/w:r/*[self::w:t or self::w:tab"
                           " or self::w:ptab or self::w:br or self::w:cr or self::w:noBreakHyphen]",
                           namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"})
_TAB, _PTAB, _BR, _CR = qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
_BR_TYPE = qn("w:type")


def _run_text(p: Any) -> str:
    """``Paragraph.text`` of python-docx, the same string (a line break "\n", a page or column break
    nothing, a tab "\t", a no-break hyphen "-"), about ten times faster on real tenders."""
    out = []
    for e in _RUN_CONTENT(p):
        tag = e.tag
        if tag == _T:
            out.append(e.text or "")
        elif tag in (_TAB, _PTAB):
            out.append("\t")
        elif tag == _BR:
            out.append("\n" if e.get(_BR_TYPE, "textWrapping") == "textWrapping" else "")
        elif tag == _CR:
            out.append("\n")
        else:
            out.append("-")
    return "".join(out)


_TC_PR, _GRID_SPAN, _VAL = qn("w:tcPr"), qn("w:gridSpan"), qn("w:val")


def _grid_span(tc: Any) -> int:
    """``CT_Tc.grid_span`` without python-docx's per-call child lookups (a malformed value is a
    ValueError, reported as a corrupt document, as python-docx's own parse of it is)."""
    pr = tc.find(_TC_PR)
    span = pr.find(_GRID_SPAN) if pr is not None else None
    return int(span.get(_VAL)) if span is not None else 1
