"""Catalog rows and their validity window."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

Level = Literal["国际首台套", "国内首台套", "省内首台套", ""]
LEVELS: tuple[str, ...] = ("国际首台套", "国内首台套", "省内首台套")


def add_years(d: date, years: int) -> date:
    """``d`` plus whole years; 29 February becomes 28 February in a common year."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


@dataclass(frozen=True, slots=True)
class CatalogRow:
    """One listed product, as loaded (``row`` is the line/row number in the source file)."""

    row: int
    product: str
    company: str
    category: str
    listed_on: date
    exit_on: date | None = None  # as the catalog states it; None → listed_on + N years
    model: str = ""
    brand: str = ""
    level: str = ""
    region: str = ""
    source: str = ""
    category_derived: bool = False  # the file had no category: derived from the product name
    listed_on_derived: bool = False  # the file had only 退出目录时间: listed_on = exit_on − N years

    def effective_exit(self, validity_years: int) -> date:
        return self.exit_on if self.exit_on is not None else add_years(self.listed_on, validity_years)

    def valid_on(self, day: date, validity_years: int) -> bool:
        """SPEC: valid on D when listed_on <= D < exit_on."""
        return self.listed_on <= day < self.effective_exit(validity_years)

    def expired_on(self, day: date, validity_years: int) -> bool:
        return day >= self.effective_exit(validity_years)

    def label(self) -> str:
        """How messages name the product: 品牌（企业）产品."""
        who = f"{self.brand}（{self.company}）" if self.brand else self.company
        return f"{who}{self.product}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row, "product": self.product, "model": self.model, "company": self.company,
            "brand": self.brand, "category": self.category, "level": self.level,
            "listed_on": self.listed_on.isoformat(), "exit_on": self.exit_on.isoformat() if self.exit_on else None,
            "region": self.region, "source": self.source,
        }
