"""The 首台套 catalog (stub: replaced by the catalog issue)."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .facts.model import Facts


class Catalog:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.entries: list[Any] = []

    def annotate(self, facts: Facts, as_of: date) -> None:
        """Set ``Brand.catalog`` on every extracted brand that matches a catalog row."""

    def describe(self) -> dict[str, Any]:
        return {"path": str(self.path) if self.path else None, "sha256": None, "rows": len(self.entries)}


def load_catalog(path: str | Path | None, config: Any = None) -> Catalog:
    return Catalog(Path(path) if path else None)
