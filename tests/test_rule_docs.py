"""Every rule is documented: its docstring has the five sections, docs/rules/<ID>.md is generated
from it and committed up to date, and the policy it quotes is quoted exactly."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from checker.findings import Basis
from checker.rules import all_rules
from checker.rules.basis import LAW_FILES, OPINIONS_2017
from checker.rules.docs import DOCS_DIR, expected, render
from checker.rules.registry import DOC_SECTIONS

RULES = sorted(all_rules().values(), key=lambda r: r.id)
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
LAWS = Path(__file__).resolve().parents[2] / "shared" / "laws"


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
    pages = [p.name for family in ("FS", "FC") for p in DOCS_DIR.glob(f"{family}*.md")]
    assert sorted(pages) == sorted(p.name for p in expected())


@pytest.mark.parametrize("rule", [r for r in RULES if r.basis.document == OPINIONS_2017], ids=lambda r: r.id)
def test_policy_quotes_are_verbatim(rule) -> None:
    seeds = [p for p in SEEDS.glob("*.txt")] if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("../shared/seeds is not available here")
    corpus = "".join(_flat(p.read_text(encoding="utf-8")) for p in seeds)
    assert _flat(rule.basis.quote) in corpus, f"{rule.id}: basis quote not found in the policy text"


def _law_text(path: Path) -> str:
    """The law text between the BEGIN/END SOURCE TEXT markers of a ../shared/laws file."""
    text = path.read_text(encoding="utf-8")
    begin, end = text.find("<!-- BEGIN SOURCE TEXT -->"), text.find("<!-- END SOURCE TEXT -->")
    return text[begin:end] if begin >= 0 and end > begin else text


@pytest.mark.parametrize("rule", [r for r in RULES if r.family == "FC"], ids=lambda r: r.id)
def test_fair_competition_quotes_are_verbatim(rule) -> None:
    """Every FC rule quotes its laws word for word: each part of its basis names a text in ../shared/laws
    and its quote is found in that text."""
    parts = rule.basis.each()
    assert all(p.document in LAW_FILES for p in parts), f"{rule.id}: cites a text not in ../shared/laws: {parts}"
    _assert_quoted_verbatim(rule.id, parts)


def _assert_quoted_verbatim(name: str, parts: tuple[Basis, ...]) -> None:
    """Each part's quote is in the law text it names (skipped without ../shared/laws)."""
    if not LAWS.is_dir():
        pytest.skip("../shared/laws is not available here")
    for part in parts:
        assert part.document in LAW_FILES, f"{name}: cites a text not in ../shared/laws: {part.document}"
        law = _flat(_law_text(LAWS / LAW_FILES[part.document]))
        assert _flat(part.quote) in law, f"{name}: “{part.quote}” is not in {LAW_FILES[part.document]}"


def _law_bases() -> list[tuple[str, object]]:
    """Every basis the rules may cite (checker/rules/basis.py), a rule's own or one a variant of its
    findings cites instead, that quotes a text in ../shared/laws."""
    from checker.rules import basis

    found = [(name, value) for name, value in vars(basis).items() if isinstance(value, Basis)]
    return [(name, b) for name, b in found if any(p.document in LAW_FILES for p in b.each())]


@pytest.mark.parametrize(("name", "basis"), _law_bases(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_basis_quotes_its_law_verbatim(name: str, basis) -> None:
    _assert_quoted_verbatim(name, basis.each())
