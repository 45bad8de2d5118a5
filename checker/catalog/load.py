"""Parsing a catalog file: CSV (UTF-8 with or without BOM, GBK/GB18030 as Excel saves it) or XLSX.

Every bad row is collected with its row number and why; the caller decides what to do with them
(``load_catalog`` refuses a catalog with any bad row — a broken catalog must never silently become
a smaller one; ``tendercheck catalog check`` prints them all).
"""
from __future__ import annotations

import csv
import dataclasses
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

import lexicons

from ..errors import CatalogError
from ._lexicon import read_yaml
from .model import LEVELS, CatalogRow, add_years
from .names import normalize
from .relate import default_relater

HEADERS_FILE = "catalog_headers.yaml"
FIELDS = ("product", "model", "company", "brand", "category", "level", "listed_on", "exit_on", "region", "source")
HEADER_SEARCH_ROWS = 10  # published lists often carry a title row or two above the header
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_SERIAL_RANGE = (20000, 80000)  # 1954 … 2119: anything else is not a plausible serial date
YEAR_RANGE = (1990, 2100)


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int
    reasons_zh: tuple[str, ...]
    reasons_en: tuple[str, ...]

    @property
    def message(self) -> str:
        return f"第{self.row}行：{'；'.join(self.reasons_zh)}（row {self.row}: {'; '.join(self.reasons_en)}）"


@dataclass(slots=True)
class ParsedCatalog:
    rows: list[CatalogRow]
    problems: list[RowProblem]
    encoding: str  # utf-8 / gb18030 / xlsx
    columns: dict[str, str]  # field → header as written in the file
    ignored_columns: list[str] = field(default_factory=list)


def _header_key(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum() or ch == "_")


@lru_cache(maxsize=1)
def _header_aliases() -> dict[str, str]:
    """Header spelling (keyed) → field name, or ``""`` for columns to ignore."""
    data = read_yaml(HEADERS_FILE)
    out: dict[str, str] = {}
    for fld, names in data.items():
        if fld not in FIELDS and fld != "ignore":
            raise CatalogError(f"词表 {lexicons.path(HEADERS_FILE)} 含未知字段 {fld}", f"{HEADERS_FILE}: unknown field {fld!r}")
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise CatalogError(f"词表 {lexicons.path(HEADERS_FILE)} 的 {fld} 应为字符串列表",
                               f"{HEADERS_FILE}: {fld!r} must be a list of strings")
        for n in names:
            out[_header_key(n)] = "" if fld == "ignore" else fld
    return out


# ---------------------------------------------------------------- reading cells

def _decode(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:  # GB18030 is a superset of GBK and GB2312: what Excel writes as "CSV" on a Chinese system
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise CatalogError("目录文件既不是 UTF-8 也不是 GBK/GB18030 编码，请另存为 UTF-8 CSV 或 XLSX",
                           f"catalog is neither UTF-8 nor GBK/GB18030 text ({exc})") from exc


def _csv_rows(data: bytes) -> tuple[list[tuple[int, list[Any]]], str]:
    text, encoding = _decode(data)
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Any]]] = []
    start = 1
    for cells in reader:
        rows.append((start, cells))
        start = reader.line_num + 1
    return rows, encoding


def _xlsx_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    import zipfile

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CatalogError("无法读取 XLSX 目录文件（文件损坏或不是 XLSX）", f"cannot read XLSX catalog: {exc}") from exc
    try:
        sheet = wb.worksheets[0]
        return [(i, list(values)) for i, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        wb.close()


def _pdf_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    """Table rows of a catalog published as PDF (the 经信厅 《推广应用指导目录》 layout:
    序号/产品名称/企业名称/所在县（市、区）/级别/退出目录时间, one table per section, continued over
    pages). Rows are numbered in reading order; a header repeated by a later section is dropped,
    and so are rows that are only a section title ("一、首台（套）装备")."""
    import os
    import tempfile

    from ..errors import IngestError
    from ..ingest.pdf import read_pdf_document
    from ..model import Table

    fd, tmp = tempfile.mkstemp(suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        try:
            pages, _, _, _ = read_pdf_document(tmp, ocr="off")
        except IngestError as exc:
            raise CatalogError(f"无法读取 PDF 目录：{exc.zh}", f"cannot read the PDF catalog: {exc.en}") from exc
    finally:
        os.unlink(tmp)
    rows: list[tuple[int, list[Any]]] = []
    header: list[str] | None = None
    for page in pages:
        for block in page.blocks:
            if not isinstance(block, Table):
                continue
            for row in block.rows:
                cells = [c.text.replace("\n", "") for c in row]
                filled = [c for c in cells if c.strip()]
                if len(filled) <= 1 and not (filled and filled[0].strip().isdigit()):
                    continue  # a section title row
                if header is None:
                    header = cells
                elif cells == header:
                    continue
                rows.append((len(rows) + 1, cells))
    if not rows:
        raise CatalogError("PDF 目录中没有找到表格（目录应为带表格线的表格）", "no ruled table found in the PDF catalog")
    return rows


def _cell_text(value: Any, nfkc: bool = False) -> str:
    """A cell as text, stripped; kept as written (full-width brackets stay) unless ``nfkc``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return unicodedata.normalize("NFKC", text).strip() if nfkc else text


_DATE_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_DATE_YM = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_DATE_Y = re.compile(r"^(\d{4})\s*年?$")
_DATE_YEAR_END = re.compile(r"^(\d{4})\s*年\s*(?:底|末|年底|年末)$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(value: Any) -> date | None:
    """A catalog date; ``None`` for an empty cell. Raises ``ValueError`` when it cannot be read.

    A bare year means 1 January (SPEC); "2026年底" (end of 2026) means the product leaves on 1 January 2027.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = int(value)
        if YEAR_RANGE[0] <= number <= YEAR_RANGE[1]:
            return date(number, 1, 1)
        if EXCEL_SERIAL_RANGE[0] <= number <= EXCEL_SERIAL_RANGE[1]:
            return EXCEL_EPOCH + timedelta(days=number)
        raise ValueError(str(value))
    text = _cell_text(value, nfkc=True)
    for pattern, day_of in ((_DATE_YMD, "day"), (_DATE_COMPACT, "day"), (_DATE_YM, "month"),
                            (_DATE_YEAR_END, "year_end"), (_DATE_Y, "year")):
        m = pattern.match(text)
        if not m:
            continue
        year = int(m[1])
        if day_of == "day":
            d = date(year, int(m[2]), int(m[3]))  # raises ValueError for 2024-13-45
        elif day_of == "month":
            d = date(year, int(m[2]), 1)
        elif day_of == "year_end":
            d = date(year + 1, 1, 1)
        else:
            d = date(year, 1, 1)
        if not YEAR_RANGE[0] <= d.year <= YEAR_RANGE[1]:
            raise ValueError(text)
        return d
    raise ValueError(text)


def parse_level(text: str) -> str | None:
    """国际/国内/省内首台套; ``""`` for an empty cell; ``None`` when unrecognisable."""
    if not text:
        return ""
    if "国际" in text:
        return LEVELS[0]
    if "国内" in text or "国家" in text or "全国" in text:
        return LEVELS[1]
    if "省" in text:
        return LEVELS[2]
    return None


# ---------------------------------------------------------------- header and rows

def _find_header(rows: list[tuple[int, list[Any]]]) -> tuple[int, dict[int, str], list[str]]:
    """Index of the header row in ``rows``, column → field, and the ignored headers."""
    aliases = _header_aliases()
    candidates = [(i, r) for i, r in enumerate(rows) if not _cell_text(r[1][0] if r[1] else "").startswith("#")]
    for i, (_, cells) in candidates[:HEADER_SEARCH_ROWS]:
        mapping: dict[int, str] = {}
        ignored: list[str] = []
        for col, cell in enumerate(cells):
            text = _cell_text(cell, nfkc=True)
            fld = aliases.get(_header_key(text)) if text else None
            if fld:
                if fld in mapping.values():
                    raise CatalogError(f"目录表头中“{text}”与另一列重复表示 {fld}",
                                       f"catalog header: two columns mean {fld!r} ({text!r})")
                mapping[col] = fld
            elif text and fld is None:
                ignored.append(text)
        if "product" in mapping.values() and "company" in mapping.values():
            return i, mapping, ignored
    found = [_cell_text(c) for c in (candidates[0][1][1] if candidates else []) if _cell_text(c)]
    raise CatalogError(
        "目录缺少表头：至少需要“产品名称”和“生产企业/企业名称”两列，另需“列入日期”或“退出目录时间”"
        f"（前{HEADER_SEARCH_ROWS}行未找到；首行为：{'、'.join(found) or '空'}）",
        f"catalog header not found: need product and company columns (first row: {found})")


def parse_catalog_bytes(data: bytes, filename: str, validity_years: int) -> ParsedCatalog:
    """Parse without judging the whole: bad rows come back in ``problems``."""
    if not data.strip():
        raise CatalogError("目录文件为空", "catalog file is empty")
    name = filename.lower()
    if name.endswith(".xls") and not data.startswith(b"PK"):
        raise CatalogError("不支持旧版 Excel（.xls），请另存为 .xlsx 或 CSV", "legacy .xls is not supported; save as .xlsx or CSV")
    if data[:1024].find(b"%PDF-") >= 0:
        raw, encoding = _pdf_rows(data), "pdf"
    elif data.startswith(b"PK") or name.endswith((".xlsx", ".xlsm")):
        raw, encoding = _xlsx_rows(data), "xlsx"
    else:
        raw, encoding = _csv_rows(data)
    header_at, mapping, ignored = _find_header(raw)
    fields = set(mapping.values())
    if "listed_on" not in fields and "exit_on" not in fields:
        raise CatalogError("目录缺少“列入日期/认定日期”或“退出目录时间”列，无法判断有效期",
                           "catalog needs a listed_on or an exit_on column to judge validity")
    columns = {fld: _cell_text(raw[header_at][1][col]) for col, fld in mapping.items()}

    rows: list[CatalogRow] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, ...], int] = {}
    for row_no, cells in raw[header_at + 1:]:
        values: dict[str, Any] = {fld: (cells[col] if col < len(cells) else None) for col, fld in mapping.items()}
        texts = {fld: _cell_text(v) for fld, v in values.items()}
        if not any(_cell_text(c) for c in cells) or _cell_text(cells[0] if cells else "").startswith("#"):
            continue
        zh: list[str] = []
        en: list[str] = []
        product, company = texts.get("product", ""), texts.get("company", "")
        if not product:
            zh.append("缺少产品名称"); en.append("missing product")
        if not company:
            zh.append("缺少生产企业"); en.append("missing company")
        dates: dict[str, date | None] = {}
        date_error = False
        for fld, label in (("listed_on", "列入日期"), ("exit_on", "退出目录时间")):
            try:
                dates[fld] = parse_date(values.get(fld))
            except ValueError:
                dates[fld] = None
                date_error = True
                zh.append(f"{label}无法识别：“{texts.get(fld)}”")
                en.append(f"unparseable {fld} {texts.get(fld)!r}")
        listed, exit_on = dates["listed_on"], dates["exit_on"]
        if listed is None and exit_on is None and not date_error:
            zh.append("缺少列入日期（或退出目录时间）"); en.append("missing listed_on (or exit_on)")
        if listed is not None and exit_on is not None and exit_on <= listed:
            zh.append("退出目录时间不晚于列入日期"); en.append("exit_on is not after listed_on")
        level = parse_level(texts.get("level", ""))
        if level is None:
            zh.append(f"级别无法识别：“{texts.get('level')}”（应为国际/国内/省内首台套）")
            en.append(f"unknown level {texts.get('level')!r}")
        # A product listed again in a later year is a new row; the same listing twice is a duplicate.
        key = (normalize(company), normalize(product), normalize(texts.get("model", "")), str(listed), str(exit_on))
        if product and company:
            if key in seen:
                zh.append(f"与第{seen[key]}行重复（同一企业、产品、型号和日期）"); en.append(f"duplicate of row {seen[key]}")
            else:
                seen[key] = row_no
        if zh:
            problems.append(RowProblem(row_no, tuple(zh), tuple(en)))
            continue
        assert listed is not None or exit_on is not None
        rows.append(CatalogRow(
            row=row_no, product=product, company=company, category=texts.get("category", ""),
            listed_on=listed if listed is not None else add_years(exit_on, -validity_years),  # type: ignore[arg-type]
            exit_on=exit_on, model=texts.get("model", ""), brand=texts.get("brand", ""), level=level or "",
            region=texts.get("region", ""), source=texts.get("source", ""), listed_on_derived=listed is None,
        ))
    return ParsedCatalog(_derive_categories(rows), problems, encoding, columns, ignored)


def _derive_categories(rows: list[CatalogRow]) -> list[CatalogRow]:
    """Rows without a 产品类别 get the longest known category their product name ends with."""
    if all(r.category for r in rows):
        return rows
    relater = default_relater()
    known = {relater.head(r.category): r.category for r in rows if r.category}
    known.update({relater.head(s.canonical): s.canonical for s in relater.synonyms})
    by_length = sorted(known, key=len, reverse=True)
    out = []
    for r in rows:
        if r.category:
            out.append(r)
            continue
        product = relater.head(r.product)
        category = next((known[k] for k in by_length if product.endswith(k)), r.product)
        out.append(dataclasses.replace(r, category=category, category_derived=True))
    return out
