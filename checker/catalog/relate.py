"""Is a tender item the same kind of product as a catalog row?

Chinese product names are modifiers + head noun (卧式单级 + 离心泵), so an item is related to a
category when, after synonyms (冷机 → 冷水机组) and generic endings (设备, 系统, 机组 → 机) are
normalised, the item ends with the category (64排螺旋CT机 ~ CT机), or the item is the bare head
of the category (变压器 ~ 干式变压器). Different heads are different products: 自动扶梯 is not an
电梯, 油浸式变压器 is not a 干式变压器. Data: ``lexicons/synonyms.csv``, ``lexicons/item_heads.yaml``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import lexicons

from ..errors import CatalogError
from ._lexicon import read_csv, read_yaml
from .names import normalize

SYNONYMS_FILE = "synonyms.csv"
HEADS_FILE = "item_heads.yaml"
RELATIONS = ("synonym", "hyponym")
MIN_HEAD_CHARS = 2  # "泵" or "机" alone is not a kind of product

_BRACKETED = re.compile(r"[（(【\[][^（）()【】\[\]]*[）)】\]]")


@dataclass(frozen=True, slots=True)
class Synonym:
    term: str  # normalised
    canonical: str  # normalised
    relation: str


@dataclass(frozen=True, slots=True)
class Relater:
    synonyms: tuple[Synonym, ...]  # longest term first
    generic_suffixes: tuple[str, ...]  # longest first
    generic_items: frozenset[str]

    def _strip_generic(self, term: str) -> str:
        changed = True
        while changed:
            changed = False
            for suffix in self.generic_suffixes:
                if term.endswith(suffix) and len(term) - len(suffix) >= MIN_HEAD_CHARS:
                    term = term[: -len(suffix)]
                    changed = True
                    break
        return term

    def item_forms(self, item: str) -> list[str]:
        """The item as written and with a synonym substituted at its end, generic endings removed."""
        base = normalize(_BRACKETED.sub("", unicodedata.normalize("NFKC", item)))
        forms = [base]
        for syn in self.synonyms:
            if base.endswith(syn.term):
                forms.append(base[: len(base) - len(syn.term)] + syn.canonical)
        out: list[str] = []
        for f in forms:
            stripped = self._strip_generic(f)
            if stripped and stripped not in out:
                out.append(stripped)
        return out

    def head(self, category: str) -> str:
        return self._strip_generic(normalize(category))

    def related(self, item: str, category: str, product: str = "") -> bool:
        """True when ``item`` denotes the same kind of product as the catalog ``category``/``product``."""
        targets = [t for t in (self.head(category), self.head(product)) if len(t) >= MIN_HEAD_CHARS]
        for form in self.item_forms(item):
            bare_head_ok = len(form) >= MIN_HEAD_CHARS and form not in self.generic_items
            for target in targets:
                if form.endswith(target):
                    return True
                if bare_head_ok and target.endswith(form):
                    return True
        return False


@lru_cache(maxsize=1)
def default_relater() -> Relater:
    synonyms = []
    for row in read_csv(SYNONYMS_FILE, ("term", "canonical", "relation")):
        if row.values["relation"] not in RELATIONS:
            raise CatalogError(
                f"词表 {lexicons.path(SYNONYMS_FILE)} 第{row.line}行 relation 应为 {'/'.join(RELATIONS)}",
                f"{SYNONYMS_FILE}:{row.line}: relation must be one of {RELATIONS}")
        synonyms.append(Synonym(normalize(row.values["term"]), normalize(row.values["canonical"]),
                                row.values["relation"]))
    heads = read_yaml(HEADS_FILE)
    lists = {}
    for key in ("generic_suffixes", "generic_items"):
        values = heads.get(key)
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise CatalogError(f"词表 {lexicons.path(HEADS_FILE)} 的 {key} 应为字符串列表",
                               f"{HEADS_FILE}: '{key}' must be a list of strings")
        lists[key] = [normalize(v) for v in values]
    return Relater(
        synonyms=tuple(sorted(synonyms, key=lambda s: len(s.term), reverse=True)),
        generic_suffixes=tuple(sorted(set(lists["generic_suffixes"]), key=len, reverse=True)),
        generic_items=frozenset(lists["generic_items"]),
    )


def related(item: str, category: str, product: str = "") -> bool:
    return default_relater().related(item, category, product)
