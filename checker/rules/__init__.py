"""Rules over facts (stub: replaced by the rules issue)."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ..facts.model import Facts
from ..report import Finding


def load_config(path: str | Path | None) -> Any:
    return None


def run_rules(facts: Facts, catalog: Any, as_of: date, config: Any) -> list[Finding]:
    return []
