"""What flows through the recogniser's layers: a candidate designation, its names, and the reasons
for every decision taken about it (see ``__init__.py`` for the layers)."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from ...model import Evidence
from ..outline import UNKNOWN, Zone

# Where a candidate came from. The ids are stable: `tendercheck explain` and the report show them.
Source = Literal[
    "table_column",  # a 推荐品牌/参考品牌 column of a goods table
    "label",  # a label and its value: "推荐品牌：A、B、C", "品牌:X"
    "label_block",  # numbered lines under a label line: "主要设备推荐品牌" / "(1)冷水机组：A、B、C"
    "verb",  # a verb and its object: "推荐选用A、B、C", "采用ABB、施耐德、西门子品牌"
    "example",  # examples of a kind: "如：A、B、C同品质品牌", "一线电池厂家（A、B、C）"
    "benchmark",  # a level to reach: "不低于ABB Tmax系列、施耐德NSX系列"
    "known_name",  # a known brand named in a requirement with no label: "欧姆龙PLC控制器"
    "scoring",  # brands a scoring row prefers: "所投产品为A、B、C等品牌的得2分", "…等品牌优先"
]
SOURCE_LABELS: dict[str, str] = {
    "table_column": "表格品牌列",
    "label": "品牌标签",
    "label_block": "品牌标签下的分项",
    "verb": "动词引出",
    "example": "举例",
    "benchmark": "参照档次",
    "known_name": "已知品牌名",
    "scoring": "评分偏好",
}
# How much each source says on its own that a designation is meant (before names and context).
SOURCE_PRIOR: dict[str, float] = {
    "table_column": 0.9, "label": 0.9, "label_block": 0.9, "verb": 0.5, "example": 0.5, "benchmark": 0.5,
    "known_name": 0.4, "scoring": 0.5,
}
# A candidate is a designation when its score reaches this.
ACCEPT_AT = 0.6


@dataclass(slots=True)
class NameCheck:
    """One name of a candidate and how it was validated."""

    text: str
    start: int  # offsets in dt.text (of the name as written)
    end: int
    ok: bool
    how: str  # Chinese: "品牌词表：施耐德（electrical）" / "形态：像品牌名" / why it is not a name
    known: str | None = None  # the known brand it matched (lexicons/known_brands.csv), if any
    ambiguous: bool = False  # known, but also an ordinary word (美的, 小米): needs support
    noun: str = ""  # the product written straight after a known brand ("欧姆龙PLC控制器" → PLC控制器)


@dataclass(frozen=True, slots=True)
class Reason:
    """One step of a decision. ``weight`` adds to the score; ``veto`` rejects whatever the score."""

    code: str
    text: str  # Chinese, for a person
    weight: float = 0.0
    veto: bool = False


@dataclass(slots=True)
class Candidate:
    source: Source
    start: int  # the whole span in dt.text: trigger and value
    end: int
    trigger: str  # the label, verb or phrase that opened it ("推荐品牌", "推荐选用", "如")
    values: list[tuple[int, int]]  # the value spans the names are read from
    item: str = ""
    item_how: str = ""  # where the item came from ("表格行", "句首", "所在标题")
    names: list[NameCheck] = dataclasses.field(default_factory=list)
    equivalent: list[Evidence] = dataclasses.field(default_factory=list)
    equivalent_scope: str | None = None  # "list" | "label" | "row" | "table_note" | "document"
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    zone: Zone = UNKNOWN
    reasons: list[Reason] = dataclasses.field(default_factory=list)
    score: float = 0.0
    accepted: bool = False
    cell: int | None = None  # offset of the table cell holding it, when in a table
    row: tuple[int, int] | None = None  # (id of table, row index), when in a table
    quote: str = ""  # the text it covers, for explanations
    table_header: str = ""  # a table column's candidate: the table's header row, compacted

    @property
    def brands(self) -> list[NameCheck]:
        return [n for n in self.names if n.ok]

    def add(self, code: str, text: str, weight: float = 0.0, veto: bool = False) -> None:
        self.reasons.append(Reason(code, text, weight, veto))

    @property
    def vetoed(self) -> bool:
        return any(r.veto for r in self.reasons)

    def decision(self) -> str:
        """The reason that decided: the first veto, else the strongest reason of the verdict's sign."""
        vetoes = [r for r in self.reasons if r.veto]
        if vetoes:
            return vetoes[0].text
        same = [r for r in self.reasons if (r.weight > 0) == self.accepted and r.weight]
        return max(same, key=lambda r: abs(r.weight)).text if same else ""
