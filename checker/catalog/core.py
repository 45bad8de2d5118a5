"""The loaded catalog: rows, the name index, relatedness and validity, as the rules and the API use them."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import lexicons

from ..errors import CatalogError
from ..facts.model import CatalogMatch, Facts
from ..settings import DEFAULT_VALIDITY_YEARS
from .load import ParsedCatalog, parse_catalog_bytes
from .match import NameHit, NameIndex
from .model import CatalogRow
from .provenance import provenance
from .relate import Relater, default_relater

DEFAULT_CATALOG_FILE = "catalog_default.csv"
MAX_PROBLEMS_IN_MESSAGE = 50  # the error names every bad row up to this many, then counts the rest
QUERY_CACHE_SIZE = 20_000  # answers kept per query cache; it starts over when full


def validity_years_of(config: Any) -> int:
    """Validity years from a rules config (or anything with ``validity_years``); the default otherwise."""
    years = getattr(config, "validity_years", None)
    return int(years) if years is not None else DEFAULT_VALIDITY_YEARS


class Catalog:
    def __init__(self, rows: list[CatalogRow], *, path: str | None, sha256: str, validity_years: int,
                 sample: bool = False, encoding: str = "", data: bytes = b"") -> None:
        if not rows:
            raise CatalogError("目录中没有任何产品行", "the catalog has no product rows")
        self.rows = rows
        self.path = path
        self.sha256 = sha256
        self.validity_years = validity_years
        self.sample = sample
        self.encoding = encoding
        self.provenance = provenance(data, path or "catalog", len(rows), sha256,
                                     max(r.listed_on for r in rows), sample)
        self.relater: Relater = default_relater()
        self.names = NameIndex(rows)
        self._related_cache: dict[str, list[CatalogRow]] = {}
        # The rules ask again for every brand of every list: (item, category, product) → related,
        # (item, as_of) → valid related rows. Bounded: a server scans documents for ever.
        self._is_related_cache: dict[tuple[str, str, str], bool] = {}
        self._valid_related_cache: dict[tuple[str, date], list[CatalogRow]] = {}

    # ------------------------------------------------------------ queries the rules use

    def lookup(self, name: str) -> list[NameHit]:
        return self.names.lookup(name)

    def related_rows(self, item: str) -> list[CatalogRow]:
        """Catalog rows whose category (or product name) is the same kind of product as ``item``."""
        if item not in self._related_cache:
            self._related_cache[item] = [r for r in self.rows if self.relater.related(item, r.category, r.product)]
        return self._related_cache[item]

    def valid_related(self, item: str, as_of: date) -> list[CatalogRow]:
        got = self._valid_related_cache.get((item, as_of))
        if got is None:
            if len(self._valid_related_cache) >= QUERY_CACHE_SIZE:
                self._valid_related_cache.clear()
            got = [r for r in self.related_rows(item) if r.valid_on(as_of, self.validity_years)]
            self._valid_related_cache[(item, as_of)] = got
        return list(got)

    def is_related(self, item: str, match: CatalogMatch) -> bool:
        key = (item, match.category, match.product)
        got = self._is_related_cache.get(key)
        if got is None:
            if len(self._is_related_cache) >= QUERY_CACHE_SIZE:
                self._is_related_cache.clear()
            got = self._is_related_cache[key] = self.relater.related(*key)
        return got

    def valid_on(self, row: CatalogRow, as_of: date) -> bool:
        return row.valid_on(as_of, self.validity_years)

    def exit_of(self, row: CatalogRow) -> date:
        return row.effective_exit(self.validity_years)

    # ------------------------------------------------------------ the engine's interface

    def match_brand(self, name: str, item: str, as_of: date) -> CatalogMatch | None:
        """The catalog row a brand in ``item``'s list stands for: related rows first, then valid, then newest."""
        hits = self.lookup(name)
        if not hits:
            return None
        related_ids = {id(r) for r in self.related_rows(item)} if item else set()

        def rank(h: NameHit) -> tuple[int, int, int]:
            return (id(h.row) not in related_ids, not self.valid_on(h.row, as_of), -h.row.listed_on.toordinal())

        best = min(hits, key=rank)
        row = best.row
        return CatalogMatch(
            company=row.company, product=row.product, category=row.category, level=row.level,
            listed_on=row.listed_on, exit_on=self.exit_of(row), valid=self.valid_on(row, as_of),
            matched_on=best.field, alias=best.alias,
        )

    def annotate(self, facts: Facts, as_of: date) -> None:
        """Set ``Brand.catalog`` on every brand of every list (None when it is no catalog product)."""
        for bl in facts.brand_lists:
            for brand in bl.brands:
                brand.catalog = self.match_brand(brand.name, bl.item, as_of)

    def describe(self) -> dict[str, Any]:
        """What reports say about this catalog (provenance.py): name, version, rows, sha256, never a path."""
        return self.provenance.to_dict(self.validity_years)

    def to_rows(self) -> list[dict[str, Any]]:
        return [r.to_dict() for r in self.rows]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise CatalogError(f"找不到目录文件：{path}", f"catalog file not found: {path}") from exc
    except OSError as exc:
        raise CatalogError(f"无法读取目录文件：{path}（{exc.strerror}）", f"cannot read catalog {path}: {exc}") from exc


def parse_catalog_file(path: str | Path | None, config: Any = None) -> tuple[ParsedCatalog, bytes, Path, bool]:
    """Parse a catalog file (None → the shipped sample) without refusing it: for ``catalog check``."""
    sample = path is None
    p = lexicons.path(DEFAULT_CATALOG_FILE) if path is None else Path(path)
    data = _read(p)
    return parse_catalog_bytes(data, p.name, validity_years_of(config)), data, p, sample


def _build(parsed: ParsedCatalog, data: bytes, name: str, config: Any, sample: bool) -> Catalog:
    if parsed.problems:
        shown = parsed.problems[:MAX_PROBLEMS_IN_MESSAGE]
        more = len(parsed.problems) - len(shown)
        tail = f"；另有 {more} 行" if more else ""
        raise CatalogError(
            f"目录 {name} 有 {len(parsed.problems)} 行无法使用，已拒绝整个目录：" + "；".join(
                f"第{p.row}行{'、'.join(p.reasons_zh)}" for p in shown) + tail,
            f"{len(parsed.problems)} bad rows in {name}: " + "; ".join(
                f"row {p.row}: {', '.join(p.reasons_en)}" for p in shown) + (f"; and {more} more" if more else ""))
    return Catalog(parsed.rows, path=name, sha256=hashlib.sha256(data).hexdigest(),
                   validity_years=validity_years_of(config), sample=sample, encoding=parsed.encoding, data=data)


def load_catalog(path: str | Path | None, config: Any = None) -> Catalog:
    """Load a catalog file (None → the sample shipped in ``lexicons/``); any bad row refuses it all."""
    parsed, data, p, sample = parse_catalog_file(path, config)
    return _build(parsed, data, str(p), config, sample)


def load_catalog_bytes(data: bytes, filename: str, config: Any = None) -> Catalog:
    """Load an uploaded catalog (the API's ``PUT /v1/catalog``) with the same rules as a file."""
    parsed = parse_catalog_bytes(data, filename, validity_years_of(config))
    return _build(parsed, data, filename, config, sample=False)
