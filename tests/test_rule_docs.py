"""Every rule is documented: its docstring has the five sections, docs/rules/<ID>.md is generated
from it and committed up to date, and the policy it quotes is quoted exactly."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from checker.rules import all_rules
from checker.rules.basis import OPINIONS_2017
from checker.rules.docs import DOCS_DIR, expected, render
from checker.rules.registry import DOC_SECTIONS

RULES = sorted(all_rules().values(), key=lambda r: r.id)
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_docstring_has_every_section(rule) -> None:
    for section in DOC_SECTIONS:
        assert f"## {section}\n" in rule.doc, f"{rule.id}: docstring lacks '## {section}'"
    assert rule.basis.quote and rule.basis.document and rule.basis.clause


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_committed_rule_docs_are_up_to_date(rule) -> None:
    path = DOCS_DIR / f"{rule.id}.md"
    assert path.exists(), f"{path} missing: run python -m checker.rules.docs"
    assert path.read_text(encoding="utf-8") == render(rule), f"{path} is stale: run python -m checker.rules.docs"


def test_no_doc_page_without_a_rule() -> None:
    assert sorted(p.name for p in DOCS_DIR.glob("FS*.md")) == sorted(p.name for p in expected())


@pytest.mark.parametrize("rule", [r for r in RULES if r.basis.document == OPINIONS_2017], ids=lambda r: r.id)
def test_policy_quotes_are_verbatim(rule) -> None:
    seeds = [p for p in SEEDS.glob("*.txt")] if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("../shared/seeds is not available here")
    corpus = "".join(_flat(p.read_text(encoding="utf-8")) for p in seeds)
    assert _flat(rule.basis.quote) in corpus, f"{rule.id}: basis quote not found in the policy text"
