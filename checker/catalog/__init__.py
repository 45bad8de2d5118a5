"""The 首台套 catalog: loading (CSV/XLSX), brand → catalog matching, item relatedness, validity.

``load_catalog(None)`` gives the synthetic sample shipped in ``lexicons/catalog_default.csv``;
real audits pass the official list (see ``lexicons/README.md``).
"""
from __future__ import annotations

from .core import Catalog, load_catalog, load_catalog_bytes, parse_catalog_file
from .load import ParsedCatalog, RowProblem, parse_catalog_bytes
from .match import NameHit
from .model import CatalogRow
from .names import company_short_names
from .relate import related

__all__ = [
    "Catalog", "CatalogRow", "NameHit", "ParsedCatalog", "RowProblem", "company_short_names",
    "load_catalog", "load_catalog_bytes", "parse_catalog_bytes", "parse_catalog_file", "related",
]
