"""Company and brand names: normalising, bracketed alternates and derived short names.

A tender writes a catalog producer as its brand (正泰), its full legal name
(浙江正泰电器股份有限公司) or a short name (正泰电器). Short names are derived by removing the
legal form, then leading region words, then trailing trade words, keeping every intermediate
form; a form that is only region or trade words (医疗影像, 海曙) is never used: it names no one.
The affix lists are data: ``lexicons/company_affixes.yaml``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import lexicons

from ..errors import CatalogError
from ._lexicon import read_yaml

AFFIXES_FILE = "company_affixes.yaml"
MIN_NAME_CHARS = 2  # a one-character "short name" would match half the market

_BRACKETED = re.compile(r"[（(【\[「《]([^（）()【】\[\]「」《》]*)[）)】\]」》]")
_STRIP = re.compile(r"[\s·•・,，、。.'\"“”‘’\-_/&＆]+")


def normalize(text: str) -> str:
    """Compare-form of a name: NFKC (full/half width), no spaces or punctuation, lower case."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", text)).lower()


def split_alternates(name: str) -> list[str]:
    """``施耐德（Schneider）`` → ``["施耐德", "schneider"]`` (normalised, main form first)."""
    nfkc = unicodedata.normalize("NFKC", name)
    inner = [m.group(1) for m in _BRACKETED.finditer(nfkc)]
    outer = _BRACKETED.sub("", nfkc)
    forms = [normalize(outer)] + [normalize(x) for x in inner]
    seen: list[str] = []
    for f in forms:
        if f and f not in seen:
            seen.append(f)
    return seen


@dataclass(frozen=True, slots=True)
class Affixes:
    legal_forms: tuple[str, ...]
    regions: tuple[str, ...]
    region_set: frozenset[str]
    industry_words: tuple[str, ...]
    industry_set: frozenset[str]
    plain_set: frozenset[str]  # trade and generic words: what no 字号 is made of alone


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def affixes() -> Affixes:
    data = read_yaml(AFFIXES_FILE)
    lists: dict[str, list[str]] = {}
    for key in ("legal_forms", "regions", "industry_words", "generic_words"):
        values = data.get(key)
        if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
            raise CatalogError(f"词表 {lexicons.path(AFFIXES_FILE)} 的 {key} 应为非空字符串列表",
                               f"{AFFIXES_FILE}: '{key}' must be a non-empty list of strings")
        lists[key] = [normalize(v) for v in values]
    regions = list(lists["regions"])
    # 浙江省 / 杭州市 / 萧山区 / 桐庐县: accept the administrative endings too.
    regions += [r + end for r in lists["regions"] for end in ("省", "市", "县", "区")]
    return Affixes(
        legal_forms=_longest_first(lists["legal_forms"]),
        regions=_longest_first(regions),
        region_set=frozenset(regions),
        industry_words=_longest_first(lists["industry_words"]),
        industry_set=frozenset(lists["industry_words"]),
        plain_set=frozenset(lists["industry_words"]) | frozenset(lists["generic_words"]),
    )


def _strip_suffix(name: str, words: tuple[str, ...], keep: int = 1) -> str | None:
    for w in words:
        if name.endswith(w) and len(name) - len(w) >= keep:
            return name[: -len(w)]
    return None


def _strip_prefix(name: str, words: tuple[str, ...]) -> str | None:
    for w in words:
        if name.startswith(w) and len(name) > len(w):
            return name[len(w):]
    return None


def _composed_of(name: str, words: frozenset[str]) -> bool:
    """True when ``name`` is a concatenation of ``words`` (宁波海曙 of regions, 医疗影像 of trades)."""
    ok = [True] + [False] * len(name)
    for end in range(1, len(name) + 1):
        ok[end] = any(ok[start] and name[start:end] in words for start in range(max(0, end - 8), end))
    return ok[len(name)]


def _trade_chain(name: str, ax: Affixes) -> list[str]:
    """``正泰电器`` → ``["正泰电器", "正泰"]``: trailing trade words removed in turn, leaving ≥ 2 characters."""
    chain = [name]
    while (shorter := _strip_suffix(chain[-1], ax.industry_words, keep=MIN_NAME_CHARS)) is not None:
        chain.append(shorter)
    return chain


def _bare_core(name: str, ax: Affixes) -> str:
    """``name`` without any trailing trade words, even down to nothing (江重工机械 → 江)."""
    while (shorter := _strip_suffix(name, ax.industry_words, keep=0)) is not None:
        name = shorter
    return name


def _distinctive(name: str, ax: Affixes) -> bool:
    """True when the name carries a 字号 of its own: not just region words, nor just trade and generic
    words (隧道, 流体, 医学, 隧道科技 name no one; 海曙医疗影像 does: a region word can be the 字号)."""
    return (len(name) >= MIN_NAME_CHARS and not _composed_of(name, ax.region_set)
            and not _composed_of(name, ax.plain_set))


def strip_legal_and_region(name: str) -> list[str]:
    """Normalised forms of a written name without legal form and leading region words.

    ``浙江华越电气股份有限公司`` → ``["浙江华越电气", "华越电气"]``. Trade words are kept: this is
    what both sides of a match may safely drop (``华光电器`` must not become ``华光``). A region word
    stays when it is the 字号 itself (宁波海曙医疗影像 → 海曙医疗影像, not 医疗影像).
    """
    ax = affixes()
    full = normalize(name)
    base = full
    while (shorter := _strip_suffix(base, ax.legal_forms)) is not None:
        base = shorter
    forms = [base] if base != full else []
    current = base
    while (shorter := _strip_prefix(current, ax.regions)) is not None:
        if len(_bare_core(shorter, ax)) < MIN_NAME_CHARS:
            break
        current = shorter
        forms.append(current)
    return [f for f in forms if _distinctive(f, ax)]


def company_short_names(company: str) -> list[str]:
    """All short names a tender may use for a company, most specific first.

    ``浙江正泰电器股份有限公司`` → ``["浙江正泰电器", "浙江正泰", "正泰电器", "正泰"]``.
    """
    ax = affixes()
    full = normalize(company)
    out: list[str] = []
    for form in strip_legal_and_region(company) or [full]:
        for f in _trade_chain(form, ax):
            if _distinctive(f, ax) and f not in out and f != full:
                out.append(f)
    return out
