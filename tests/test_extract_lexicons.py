"""Lexicons are data with sources; a broken one fails loudly with the file and line."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import lexicons
from checker.facts.lexicon import LexiconError, load

FILES = ["methods.yaml", "fields.yaml", "funding.yaml", "brand_lists.yaml", "equivalent_phrases.yaml",
         "first_set_phrases.yaml", "standard_prefixes.csv", "brand_names.csv", "model_number_patterns.jsonl",
         "budget.yaml"]


@pytest.fixture
def lexdir(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(lexicons.path(name), tmp_path / name)
    return tmp_path


def test_shipped_lexicons_load_and_say_where_they_come_from():
    lex = load()
    assert lex.methods.aliases["单一来源"] == "单一来源采购"
    for name in FILES:
        head = lexicons.path(name).read_text(encoding="utf-8")[:400]
        assert "source" in head.lower() or "Source" in head or "来源" in head, name


def test_bad_csv_row_names_file_and_line(lexdir: Path):
    with (lexdir / "standard_prefixes.csv").open("a", encoding="utf-8") as f:
        f.write("gb-x,planetary,bad\n")
    with pytest.raises(LexiconError) as exc:
        load(lexdir)
    lines = (lexdir / "standard_prefixes.csv").read_text(encoding="utf-8").splitlines()
    assert f"standard_prefixes.csv:{len(lines)}" in exc.value.message


def test_bad_regex_names_file_and_key(lexdir: Path):
    path = lexdir / "first_set_phrases.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - 首批次新材料", "  - 首批次(新材料"), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"first_set_phrases.yaml.*mention"):
        load(lexdir)


def test_missing_key_is_an_error(lexdir: Path):
    path = lexdir / "brand_lists.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("labels:", "labelz:", 1), encoding="utf-8")
    with pytest.raises(LexiconError, match="labels"):
        load(lexdir)


def test_model_pattern_without_source_is_refused(lexdir: Path):
    (lexdir / "model_number_patterns.jsonl").write_text('{"label": "MODEL", "pattern": "X\\\\d+"}\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"model_number_patterns.jsonl:1"):
        load(lexdir)


def test_a_fair_competition_pattern_with_a_broken_variant_names_its_entry(tmp_path: Path):
    from checker.facts.fair import load_fair_lexicon

    path = tmp_path / "fair_competition.yaml"
    text = lexicons.path("fair_competition.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("{variant: issuer_kind, pattern:", "{varient: issuer_kind, pattern:", 1), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"fair_competition.yaml.*topics.regional_record.patterns.*第 4 项"):
        load_fair_lexicon(tmp_path)
