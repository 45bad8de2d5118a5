"""What every layer of one scan needs: the document, its outline, goods tables and item sections,
the cell index, the name reader and the vocabularies. Built once per document."""
from __future__ import annotations

from dataclasses import dataclass, field

from ...normalize import DocText
from ..items import GoodsTable, Section
from ..lexicon import Lexicons
from ..outline import Outline
from ..text import CellIndex
from .names import NameReader
from .vocab import Known, Phrases


@dataclass(slots=True)
class Scan:
    dt: DocText
    outline: Outline
    tables: list[GoodsTable]
    sections: list[Section]
    lex: Lexicons
    phrases: Phrases
    known: Known
    reader: NameReader
    cells: CellIndex
    done_cells: set[int] = field(default_factory=set)  # offsets of cells read as brand columns

    @property
    def text(self) -> str:
        return self.dt.text
