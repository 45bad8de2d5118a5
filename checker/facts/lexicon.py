"""Load the fact lexicons from ``lexicons/`` once per process, validated, into typed values.

Data is not code: every phrase, label and keyword the extractors use lives in a lexicon file with
its source. A broken file fails loudly with the file (and line, for CSV/JSONL) instead of quietly
extracting nothing.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lexicons

from ..errors import ConfigError
from ..lexicon_io import read_mapping, read_table


class LexiconError(ConfigError):
    code = "lexicon_error"


def _fail(path: Path, what: str, line: int | None = None) -> LexiconError:
    where = f"{path.name}:{line}" if line else path.name
    return LexiconError(f"词表文件有误：{where}：{what}", f"bad lexicon file {where}: {what}")


def _yaml(root: Path, name: str) -> dict[str, Any]:
    return read_mapping(root / name, _fail)


def _strings(path: Path, data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise _fail(path, f"“{key}”应为非空字符串列表 / '{key}' must be a non-empty list of strings")
    return value


def _regexes(path: Path, data: dict[str, Any], key: str) -> list[re.Pattern[str]]:
    out = []
    for pattern in _strings(path, data, key):
        try:
            out.append(re.compile(pattern))
        except re.error as exc:
            raise _fail(path, f"“{key}”中的正则表达式无效 / bad regex in '{key}': {pattern!r}: {exc}") from exc
    return out


def _mapping_of_lists(path: Path, data: dict[str, Any], key: str) -> dict[str, list[str]]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise _fail(path, f"“{key}”应为映射 / '{key}' must be a mapping")
    out: dict[str, list[str]] = {}
    for name, words in value.items():
        if isinstance(words, dict):
            words = words.get("aliases")
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise _fail(path, f"“{key}.{name}”应为字符串列表 / '{key}.{name}' must be a list of strings")
        out[str(name)] = words
    return out


def union(words: list[str]) -> re.Pattern[str]:
    """One regex matching any of ``words`` literally, longest first."""
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


@dataclass(frozen=True, slots=True)
class MethodLexicon:
    aliases: dict[str, str]  # alias → canonical method
    titles: dict[str, str]  # title word → canonical method
    labels: list[str]
    ticked: list[str]  # marks of a ticked box ("☑公开招标")
    unticked: list[str]  # marks of an empty box ("□邀请招标")


@dataclass(frozen=True, slots=True)
class KeywordLexicon:
    groups: dict[str, list[str]]  # canonical value → keywords
    labels: list[str]
    name_weight: int = 1
    min_score: int = 1
    qualifiers: dict[str, list[str]] = dataclasses.field(default_factory=dict)  # funding: "（国有）" → 国有资金
    organisation_suffixes: list[str] = dataclasses.field(default_factory=list)  # fields: "交通银行" is a name
    organisation_kinds: list[str] = dataclasses.field(default_factory=list)


@dataclass(frozen=True, slots=True)
class BrandListLexicon:
    labels: list[str]
    label_joiners: list[str]
    item_columns: list[str]
    weak_item_columns: list[str]
    separators: list[str]
    conjunctions: list[str]
    empty_values: list[str]
    not_brand_words: list[str]
    negative_contexts: list[str]
    list_tails: list[str]
    value_stops: list[str]


@dataclass(frozen=True, slots=True)
class EquivalentLexicon:
    local: re.Pattern[str]
    global_subject: list[re.Pattern[str]]
    global_allowance: re.Pattern[str]
    negations: re.Pattern[str]
    scoring: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class FirstSetLexicon:
    mention: list[re.Pattern[str]]
    mention_negations: list[str]
    equivalence: list[re.Pattern[str]]
    performance_words: list[str]  # any of them (业绩, 应用案例 …) makes a sentence a candidate
    performance_demands: list[re.Pattern[str]]  # a place asks for a record: a count, a score, a period …
    performance_negations: list[re.Pattern[str]]
    form_titles: list[str]  # a form's title asks for a record only with one of form_demands
    form_demands: list[re.Pattern[str]]
    list_marks_before: list[str]  # a record word in an enumeration ("资格、信誉、荣誉、业绩") is a mention …
    list_marks_after: list[str]
    list_demands: list[re.Pattern[str]]  # … unless the place also counts or scores records
    scoring: list[re.Pattern[str]]
    qualification_markers: list[str]
    new_product_exclusion: list[re.Pattern[str]]
    exemption: list[re.Pattern[str]]


@dataclass(frozen=True, slots=True)
class BudgetLexicon:
    budget_words: list[str]
    cap_words: list[str]
    qualifiers: list[re.Pattern[str]]
    totals: list[str]
    unit_price_words: list[str]
    total_rows: list[str]
    min_yuan: float


@dataclass(frozen=True, slots=True)
class StandardPrefix:
    prefix: str
    kind: str
    meaning: str


@dataclass(frozen=True, slots=True)
class BrandName:
    name: str
    alias: str
    kind: str  # "whole" | "pair"


@dataclass(frozen=True, slots=True)
class ModelPattern:
    label: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Lexicons:
    methods: MethodLexicon
    fields: KeywordLexicon
    funding: KeywordLexicon
    brand_lists: BrandListLexicon
    equivalent: EquivalentLexicon
    first_set: FirstSetLexicon
    standard_prefixes: list[StandardPrefix]
    budget: BudgetLexicon
    brand_names: list[BrandName]
    model_patterns: list[ModelPattern]


def _methods(root: Path) -> MethodLexicon:
    name = "methods.yaml"
    path, data = root / name, _yaml(root, name)
    raw = data.get("methods")
    if not isinstance(raw, dict) or not raw:
        raise _fail(path, "“methods”应为映射 / 'methods' must be a mapping")
    aliases: dict[str, str] = {}
    titles: dict[str, str] = {}
    for method, spec in raw.items():
        if not isinstance(spec, dict):
            raise _fail(path, f"“{method}”应为映射 / '{method}' must be a mapping")
        for alias in _strings(path, spec, "aliases"):
            aliases[alias] = str(method)
        for title in spec.get("titles") or []:
            titles[str(title)] = str(method)
    return MethodLexicon(aliases, titles, _strings(path, data, "labels"), _strings(path, data, "ticked"),
                         _strings(path, data, "unticked"))


def _keywords(root: Path, name: str, key: str) -> KeywordLexicon:
    path, data = root / name, _yaml(root, name)
    groups = _mapping_of_lists(path, data, key)
    labels = _strings(path, data, "labels") if "labels" in data else []
    qualifiers = _mapping_of_lists(path, data, "qualifiers") if "qualifiers" in data else {}
    suffixes = _strings(path, data, "organisation_suffixes") if "organisation_suffixes" in data else []
    kinds = _strings(path, data, "organisation_kinds") if "organisation_kinds" in data else []
    return KeywordLexicon(groups, labels, int(data.get("name_weight", 1)), int(data.get("min_score", 1)),
                          qualifiers, suffixes, kinds)


def _brand_lists(root: Path) -> BrandListLexicon:
    name = "brand_lists.yaml"
    path, data = root / name, _yaml(root, name)
    fields = {f: _strings(path, data, f) for f in BrandListLexicon.__dataclass_fields__}
    return BrandListLexicon(**fields)


def _equivalent(root: Path) -> EquivalentLexicon:
    name = "equivalent_phrases.yaml"
    path, data = root / name, _yaml(root, name)

    def join(key: str) -> re.Pattern[str]:
        return re.compile("|".join(p.pattern for p in _regexes(path, data, key)))

    return EquivalentLexicon(
        local=join("local"), global_subject=_regexes(path, data, "global_subject"),
        global_allowance=join("global_allowance"), negations=union(_strings(path, data, "negations")),
        scoring=join("scoring_markers"),
    )


def _first_set(root: Path) -> FirstSetLexicon:
    name = "first_set_phrases.yaml"
    path, data = root / name, _yaml(root, name)
    words = _strings(path, data, "performance_words")
    if not words:
        raise _fail(path, "“performance_words”不能为空 / 'performance_words' must not be empty")
    return FirstSetLexicon(
        mention=_regexes(path, data, "mention"),
        mention_negations=_strings(path, data, "mention_negations"),
        equivalence=_regexes(path, data, "equivalence"),
        performance_words=words,
        performance_demands=_regexes(path, data, "performance_demands"),
        performance_negations=_regexes(path, data, "performance_negations"),
        form_titles=_strings(path, data, "form_titles"),
        form_demands=_regexes(path, data, "form_demands"),
        list_marks_before=_strings(path, data, "list_marks_before"),
        list_marks_after=_strings(path, data, "list_marks_after"),
        list_demands=_regexes(path, data, "list_demands"),
        scoring=_regexes(path, data, "scoring_markers"),
        qualification_markers=_strings(path, data, "qualification_markers"),
        new_product_exclusion=_regexes(path, data, "new_product_exclusion"),
        exemption=_regexes(path, data, "exemption"),
    )


def _budget(root: Path) -> BudgetLexicon:
    name = "budget.yaml"
    path, data = root / name, _yaml(root, name)
    try:
        min_yuan = float(data.get("min_yuan", 0))
    except (TypeError, ValueError) as exc:
        raise _fail(path, "“min_yuan”应为数字 / 'min_yuan' must be a number") from exc
    return BudgetLexicon(
        budget_words=_strings(path, data, "budget_words"), cap_words=_strings(path, data, "cap_words"),
        qualifiers=_regexes(path, data, "qualifiers"), totals=_strings(path, data, "totals"),
        unit_price_words=_strings(path, data, "unit_price_words"), total_rows=_strings(path, data, "total_rows"),
        min_yuan=min_yuan,
    )


def _csv_rows(root: Path, name: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV lexicon (``#`` lines are comments), each with its 1-based line number."""
    path = root / name
    header_line, header, rows = read_table(path, _fail)
    if tuple(header) != columns:
        raise _fail(path, f"表头应为 / header must be {','.join(columns)}", header_line)
    return [(line_no, dict(zip(columns, cells))) for line_no, cells in rows]


_KINDS = {"national", "industry", "local", "group", "enterprise", "international"}


def _checked_rows(root: Path, name: str, columns: tuple[str, ...],
                  ok: Callable[[dict[str, str]], bool]) -> list[dict[str, str]]:
    """CSV rows that pass ``ok``; the first that does not stops loading with its line number."""
    rows = []
    for lineno, row in _csv_rows(root, name, columns):
        if not ok(row):
            raise _fail(root / name, f"行无效 / bad row: {row}", lineno)
        rows.append(row)
    return rows


def _standard_prefixes(root: Path) -> list[StandardPrefix]:
    rows = _checked_rows(root, "standard_prefixes.csv", ("prefix", "kind", "meaning"),
                         lambda r: bool(re.fullmatch(r"[A-Z]{1,6}", r["prefix"])) and r["kind"] in _KINDS)
    return [StandardPrefix(r["prefix"], r["kind"], r["meaning"]) for r in rows]


def _brand_names(root: Path) -> list[BrandName]:
    rows = _checked_rows(root, "brand_names.csv", ("name", "alias", "kind"),
                         lambda r: bool(r["name"]) and r["kind"] in {"whole", "pair"}
                         and (r["kind"] == "whole" or bool(r["alias"])))
    return [BrandName(r["name"], r["alias"], r["kind"]) for r in rows]


def _model_patterns(root: Path) -> list[ModelPattern]:
    path = root / "model_number_patterns.jsonl"
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            if not entry.get("source"):
                raise ValueError("missing source")
            out.append(ModelPattern(str(entry["label"]), re.compile(entry["pattern"])))
        except (ValueError, KeyError, re.error) as exc:
            raise _fail(path, f"条目无效 / bad entry: {exc}", lineno) from exc
    return out


@functools.lru_cache(maxsize=4)
def load(root: Path | None = None) -> Lexicons:
    """All fact lexicons from ``root`` (default: the packaged ``lexicons/``), validated, once per process."""
    root = root or lexicons.DIR
    return Lexicons(
        methods=_methods(root),
        fields=_keywords(root, "fields.yaml", "fields"),
        funding=_keywords(root, "funding.yaml", "funding"),
        brand_lists=_brand_lists(root),
        equivalent=_equivalent(root),
        first_set=_first_set(root),
        standard_prefixes=_standard_prefixes(root),
        budget=_budget(root),
        brand_names=_brand_names(root),
        model_patterns=_model_patterns(root),
    )
