"""The recogniser's data, loaded once and validated: ``lexicons/designation.yaml`` (phrases) and
``lexicons/known_brands.csv`` (real brand names, each with its field, risk and source)."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lexicons

from ...lexicon_io import read_table
from ..lexicon import _fail, _regexes, _strings, _yaml, union

KNOWN_COLUMNS = ("brand", "aliases", "field", "company", "risk", "source")
RISKS = {"distinctive", "ambiguous"}


@dataclass(frozen=True, slots=True)
class ItemWords:
    trailers: re.Pattern[str]  # "(?:…)+$"
    leaders: re.Pattern[str]  # "^(?:…)"
    not_items: re.Pattern[str]  # "(?:…)$|^(?:…)|^\d"
    noun_stops: re.Pattern[str]
    quantity: re.Pattern[str]  # "\s*N\s*(?:台|套…)$"
    subject: re.Pattern[str]  # the last short clause before a verb, without its modal word


@dataclass(frozen=True, slots=True)
class Phrases:
    strong_verbs: re.Pattern[str]
    weak_verbs: re.Pattern[str]
    brand_cues: re.Pattern[str]
    example_markers: list[str]
    tier_words: re.Pattern[str]
    benchmark_cues: re.Pattern[str]
    value_masks: re.Pattern[str]
    name_prefixes: tuple[str, ...]
    interop_before: re.Pattern[str]
    interop_after: re.Pattern[str]
    platform_parts: re.Pattern[str]
    inventory_cues: re.Pattern[str]
    experience_before: re.Pattern[str]
    experience_after: re.Pattern[str]
    same_brand_locks: re.Pattern[str]
    negations: re.Pattern[str]
    negation_reversers: tuple[str, ...]
    service_objects: re.Pattern[str]
    value_locks: re.Pattern[str]
    negations_after: re.Pattern[str]
    authorisation_after: re.Pattern[str]
    inventory_columns: re.Pattern[str]
    preference_cues: re.Pattern[str]
    blank_objects: list[str]
    sentence_fragments: re.Pattern[str]
    list_closers: re.Pattern[str]
    product_heads: re.Pattern[str]  # "…(控制器|断路器|…)$"
    name_remarks: re.Pattern[str]
    generic_names: frozenset[str]
    parameter_nouns: re.Pattern[str]  # "…(光效|功率|…)$"
    items: ItemWords
    form_columns: re.Pattern[str]
    price_columns: re.Pattern[str]
    sentence_words: re.Pattern[str]
    value_opener: re.Pattern[str]
    placeholder: re.Pattern[str]
    maker_nouns: re.Pattern[str]
    example_closers: re.Pattern[str]
    scoring_verbs: re.Pattern[str]
    note: re.Pattern[str]
    comparison: re.Pattern[str]  # a comparison, or a number with a unit


@dataclass(frozen=True, slots=True)
class KnownBrand:
    brand: str
    field: str
    ambiguous: bool


_LATIN_FORM = re.compile(r"^[A-Za-z0-9 .&\-+]+$")
MATCH_CACHE = 20_000
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class Known:
    """Known brand names: every written form (brand and aliases) → its brand, found in one pass over
    a long text by an Aho–Corasick automaton (pyahocorasick), leftmost-longest, a Latin form only as
    a whole word ("ABB" not inside "ABBA"; digits may follow: "EPSON532")."""

    def __init__(self, forms: dict[str, KnownBrand]) -> None:
        self.forms = forms  # case-folded form → brand
        self._matches: dict[str, tuple[int, KnownBrand] | None] = {}
        self.automaton: Any = None
        if forms:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for form in forms:
                automaton.add_word(form.translate(_ASCII_LOWER), (len(form), form, bool(_LATIN_FORM.match(form))))
            automaton.make_automaton()
            self.automaton = automaton

    def get(self, name: str) -> KnownBrand | None:
        return self.forms.get(name.casefold())

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, KnownBrand]]:
        """(start, end, brand) of every known name in text[start:end], left to right, not overlapping."""
        if self.automaton is None:
            return
        end = len(text) if end is None else end
        lowered = text[start:end].translate(_ASCII_LOWER)  # length-preserving: offsets stay valid
        hits: list[tuple[int, int, str]] = []
        n = len(lowered)
        for last, (length, form, latin) in self.automaton.iter(lowered):
            a, b = last + 1 - length, last + 1
            if latin and ((a > 0 and lowered[a - 1] in _ASCII_LETTERS) or (b < n and lowered[b] in _ASCII_LETTERS)):
                continue
            hits.append((a, b, form))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        taken = 0
        for a, b, form in hits:
            if a >= taken:
                taken = b
                yield start + a, start + b, self.forms[form]

    def match(self, text: str) -> tuple[int, KnownBrand] | None:
        """A known name at the start of ``text``: (its end, brand), the longest. Cached: list texts repeat."""
        text = text[:40]
        if text in self._matches:
            return self._matches[text]
        best = self._match(text)
        if len(self._matches) < MATCH_CACHE:
            self._matches[text] = best
        return best

    def _match(self, text: str) -> tuple[int, KnownBrand] | None:
        best = None
        for a, b, kb in self.finditer(text, 0, min(len(text), 40)):
            if a == 0 and (best is None or b > best[0]):
                best = (b, kb)
        return best


def _string(path: Path, data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise _fail(path, f"“{key}”应为非空字符串 / '{key}' must be a non-empty string")
    return value


def _item_words(path: Path, data: dict[str, Any]) -> ItemWords:
    raw = data.get("item_words")
    if not isinstance(raw, dict):
        raise _fail(path, "“item_words”应为映射 / 'item_words' must be a mapping")

    def alt(key: str) -> str:
        return union(_strings(path, raw, key)).pattern

    return ItemWords(
        trailers=re.compile(rf"(?:{alt('trailers')})+$"), leaders=re.compile(rf"^(?:{alt('leaders')})"),
        not_items=re.compile(rf"(?:{alt('not_items')})$|^(?:{alt('not_items')})|^\d"),
        noun_stops=re.compile(alt("noun_stops")),
        quantity=re.compile(rf"\s*\d+(?:\.\d+)?\s*(?:{alt('quantity_units')})$"),
        subject=re.compile(rf"([^\s。；;,，、:：()（）]{{2,20}}?)(?:{alt('modals')})?(?:[,，:：]\s*)?$"),
    )


def _phrases(root: Path) -> Phrases:
    name = "designation.yaml"
    path, data = root / name, _yaml(root, name)

    def words(key: str) -> re.Pattern[str]:
        return union(_strings(path, data, key))

    return Phrases(
        strong_verbs=words("strong_verbs"), weak_verbs=words("weak_verbs"), brand_cues=words("brand_cues"),
        example_markers=_strings(path, data, "example_markers"), tier_words=words("tier_words"),
        benchmark_cues=words("benchmark_cues"),
        value_masks=re.compile("|".join(p.pattern for p in _regexes(path, data, "value_masks"))),
        name_prefixes=tuple(_strings(path, data, "name_prefixes")), interop_before=words("interop_before"),
        interop_after=words("interop_after"), platform_parts=words("platform_parts"),
        inventory_cues=words("inventory_cues"), experience_before=words("experience_before"),
        experience_after=words("experience_after"), same_brand_locks=words("same_brand_locks"),
        negations=words("negations"), negation_reversers=tuple(_strings(path, data, "negation_reversers")),
        service_objects=words("service_objects"), value_locks=re.compile("|".join(p.pattern for p in _regexes(path, data, "value_locks"))), negations_after=words("negations_after"),
        authorisation_after=words("authorisation_after"), inventory_columns=words("inventory_columns"),
        preference_cues=re.compile("|".join(p.pattern for p in _regexes(path, data, "preference_cues"))),
        blank_objects=_strings(path, data, "blank_objects"),
        sentence_fragments=words("sentence_fragments"), list_closers=words("list_closers"),
        product_heads=re.compile(rf"(?:{words('product_heads').pattern})$"), name_remarks=words("name_remarks"),
        generic_names=frozenset(_strings(path, data, "generic_names")),
        parameter_nouns=re.compile(rf"(?:{words('parameter_nouns').pattern})$"),
        items=_item_words(path, data), form_columns=words("form_columns"), price_columns=words("price_columns"),
        sentence_words=words("sentence_words"),
        value_opener=re.compile(rf"^(?:[\s:：]|{words('value_openers').pattern})+"),
        placeholder=re.compile(rf"^(?:{'|'.join(p.pattern for p in _regexes(path, data, 'placeholders'))})$"),
        maker_nouns=words("maker_nouns"), example_closers=words("example_closers"),
        scoring_verbs=words("scoring_verbs"),
        note=re.compile(rf"^\s*(?:{words('note_markers').pattern})"),
        comparison=re.compile(rf"{words('comparisons').pattern}|\d+(?:\.\d+)?\s*[A-Za-z%/]"),
    )


def _known(root: Path) -> Known:
    path = root / "known_brands.csv"
    header_line, header, rows = read_table(path, _fail)
    if tuple(header) != KNOWN_COLUMNS:
        raise _fail(path, f"表头应为 / header must be {','.join(KNOWN_COLUMNS)}", header_line)
    forms: dict[str, KnownBrand] = {}
    for line_no, cells in rows:
        row = dict(zip(KNOWN_COLUMNS, cells))
        if not row["brand"] or row["risk"] not in RISKS or not row["source"]:
            raise _fail(path, f"行无效（需 brand、risk∈{sorted(RISKS)}、source）/ bad row: {row}", line_no)
        # A name written in digits ("360") is also a number in every specification: never distinctive.
        entry = KnownBrand(row["brand"], row["field"], row["risk"] == "ambiguous" or row["brand"].isdigit())
        for form in [row["brand"], *row["aliases"].split("|")]:
            form = form.strip()
            if not form:
                continue
            other = forms.get(form.casefold())
            if other is not None and other.brand != entry.brand:
                raise _fail(path, f"名称“{form}”已属于品牌“{other.brand}” / '{form}' already names {other.brand}", line_no)
            forms[form.casefold()] = entry
    return Known(forms)


@functools.lru_cache(maxsize=4)
def load(root: Path | None = None) -> tuple[Phrases, Known]:
    root = root or lexicons.DIR
    return _phrases(root), _known(root)
