"""Generate ``docs/rules/<ID>.md`` from the rule modules: ``python -m checker.rules.docs [--check]``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..findings import SEVERITY_ZH, rule_name_zh
from . import all_rules
from .registry import Rule

DOCS_DIR = Path(__file__).resolve().parents[2] / "docs" / "rules"


def render(rule: Rule) -> str:
    summary, _, body = rule.doc.partition("\n")
    lines = [
        f"# {rule.id} {rule_name_zh(rule.id, rule.name)}（{rule.name}）",
        "",
        (f"<!-- Generated from checker/rules/{rule.module.rsplit('.', 1)[-1]}.py"
         " by `python -m checker.rules.docs`; edit the docstring, not this file. -->"),
        "",
        summary.strip(),
        "",
        f"- **Severity:** {SEVERITY_ZH[rule.severity]} {rule.severity}",
        "- **Basis:**",
        *(f"  - {line}" for line in rule.basis.lines()),
        "",
        body.strip(),
        "",
    ]
    return "\n".join(lines)


def expected() -> dict[Path, str]:
    return {DOCS_DIR / f"{r.id}.md": render(r) for r in all_rules().values()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed docs are out of date")
    args = ap.parse_args(argv)
    stale = [p for p, text in expected().items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"out of date: {p}")
        return 1 if stale else 0
    DOCS_DIR.mkdir(parents=True, exist_ok=True)
    for p, text in expected().items():
        p.write_text(text, encoding="utf-8")
        print(f"wrote {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
