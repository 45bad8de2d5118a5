"""Tender brand → catalog rows, by brand, company, derived short name, curated alias, or fuzzily.

Every hit records which catalog field and which catalog-side string matched: a supervisor must be
able to see *why* 华越电气 counts as 浙江华越电气股份有限公司.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from ..facts.model import MatchField
from ._lexicon import read_csv
from .model import CatalogRow
from .names import company_short_names, normalize, split_alternates, strip_legal_and_region

ALIASES_FILE = "catalog_aliases.csv"
# Fuzzy matching is a last resort for near-identical long names (a one-character slip in a full
# company name); short names differ by one character between unrelated companies (正泰电器/正泰电气).
FUZZY_MIN_CHARS = 6
FUZZY_MIN_RATIO = 90.0
_PRIORITY: dict[str, int] = {"brand": 0, "company": 1, "short_name": 2, "alias": 3, "fuzzy": 4}


@dataclass(frozen=True, slots=True)
class NameHit:
    row: CatalogRow
    field: MatchField
    alias: str  # the catalog-side string that matched (brand, full name, short name or alias)


@lru_cache(maxsize=1)
def curated_aliases() -> tuple[tuple[str, str], ...]:
    """(alias, company) pairs from ``lexicons/catalog_aliases.csv``."""
    return tuple((r.values["alias"], r.values["company"]) for r in read_csv(ALIASES_FILE, ("alias", "company", "source")))


# Distinct names remembered by ``NameIndex.lookup`` before the memo starts over (bounds a server's memory).
LOOKUP_MEMO_SIZE = 20_000


class NameIndex:
    def __init__(self, rows: list[CatalogRow]) -> None:
        # perf (bench, issue 7): a long tender repeats the same few dozen brands in hundreds of lists,
        # and stripping legal forms and regions was a fifth of a 300-page scan; the index never
        # changes after it is built, so each distinct name is looked up once.
        self._memo: dict[str, list[NameHit]] = {}
        self._by_key: dict[str, list[NameHit]] = defaultdict(list)
        self._cores: dict[int, set[str]] = {}
        by_company: dict[str, list[CatalogRow]] = defaultdict(list)
        for row in rows:
            by_company[normalize(row.company)].append(row)
            for form in split_alternates(row.brand) if row.brand else []:
                self._add(form, NameHit(row, "brand", row.brand))
            for form in split_alternates(row.company):
                self._add(form, NameHit(row, "company", row.company))
            shorts = company_short_names(row.company)
            for short in shorts:
                self._add(short, NameHit(row, "short_name", short))
            # The distinctive part (字号) a fuzzy match must contain: the shortest short name or brand.
            self._cores[id(row)] = {min(shorts, key=len)} if shorts else set()
            if row.brand:
                self._cores[id(row)].update(split_alternates(row.brand))
        for alias, company in curated_aliases():
            for row in by_company.get(normalize(company), []):
                for form in split_alternates(alias):
                    self._add(form, NameHit(row, "alias", alias))

    def _add(self, key: str, hit: NameHit) -> None:
        if not key:
            return
        existing = self._by_key[key]
        if any(h.row is hit.row for h in existing):
            return  # keep the first (highest-priority) reason a row matches this key
        existing.append(hit)

    def lookup(self, name: str) -> list[NameHit]:
        """All catalog rows the tender-written ``name`` denotes, best reason first."""
        hits = self._memo.get(name)
        if hits is None:
            if len(self._memo) >= LOOKUP_MEMO_SIZE:
                self._memo.clear()
            hits = self._memo[name] = self._lookup(name)
        return list(hits)

    def _lookup(self, name: str) -> list[NameHit]:
        forms: list[str] = []
        for alt in split_alternates(name):
            forms.append(alt)
            forms.extend(strip_legal_and_region(alt))
        hits: dict[int, NameHit] = {}
        for form in forms:
            for hit in self._by_key.get(form, []):
                best = hits.get(id(hit.row))
                if best is None or _PRIORITY[hit.field] < _PRIORITY[best.field]:
                    hits[id(hit.row)] = hit
        if not hits:
            for hit in self._fuzzy(forms):
                hits.setdefault(id(hit.row), hit)
        return sorted(hits.values(), key=lambda h: _PRIORITY[h.field])

    def _fuzzy(self, forms: list[str]) -> list[NameHit]:
        out: list[NameHit] = []
        for form in (f for f in forms if len(f) >= FUZZY_MIN_CHARS):
            for key, hits in self._by_key.items():
                if len(key) < FUZZY_MIN_CHARS or fuzz.ratio(form, key) < FUZZY_MIN_RATIO:
                    continue
                for hit in hits:
                    if any(core in form for core in self._cores[id(hit.row)]):
                        out.append(NameHit(hit.row, "fuzzy", hit.alias))
        return out
