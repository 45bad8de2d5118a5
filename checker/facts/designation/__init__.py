"""The brand-designation recogniser: every way a tender names brands, found in layers that explain themselves.

1. **Candidates**, high recall (``tables``, ``prose``, ``phrases``): a 推荐品牌 column, a label and
   its value, numbered lines under a label line, a verb and its object, examples, benchmarks, and
   known brand names standing alone (``lexicons/known_brands.csv``).
2. **Names** (``names``): each name of a candidate validated by the brand lexicon or by its shape, or
   rejected with the reason (a generic word, a form label, a tier, a placeholder).
3. **Context** (``context``): the zone of the tender (``outline``), the sentence (negation,
   boilerplate, interoperability, inventories, platform parts, scoring) and the scope of the
   equivalent clause (the list, its label, the row's 备注, the table's note, the whole document).
4. **Item** (``target``): from the row, the sentence, or the heading above.
5. **Decision** (``decide``): a score from the source's prior and every reason's weight, vetoes, and
   one designation where candidates overlap or repeat.

Every candidate keeps its reasons: ``tendercheck explain FILE`` prints them, accepted or not.
Phrases and names are data (``lexicons/designation.yaml``, ``brand_lists.yaml``,
``equivalent_phrases.yaml``, ``known_brands.csv``); this package holds the mechanism.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ...normalize import DocText
from ..items import GoodsTable, Section
from ..lexicon import Lexicons
from ..model import BrandList
from ..outline import Outline
from ..text import CellIndex
from . import context, decide
from .candidate import Candidate
from .names import NameReader, Primed
from .phrases import (
    PhrasePatterns,
    benchmark_candidates,
    example_candidates,
    known_name_candidates,
    scoring_candidates,
)
from .prose import LabelPatterns, block_candidates, label_candidates, verb_candidates
from .scan import Scan
from .tables import brand_cell_values, table_candidates
from .vocab import load as load_vocab

__all__ = ["Candidate", "Recognition", "Recognizer"]

# How far after a list's value its closing equivalent clause may stand ("…小天鹅同品质品牌").
CLOSING_CHARS = 10


@dataclass(slots=True)
class Recognition:
    lists: list[BrandList]
    candidates: list[Candidate]


class Recognizer:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        self.phrases, self.known = load_vocab()
        self.reader = NameReader(lex, self.phrases, self.known)
        bl = lex.brand_lists
        self.labels = LabelPatterns(bl.labels, bl.label_joiners)

    def list_texts(self, dt: DocText, tables: list[GoodsTable]) -> list[str]:
        """The distinct list texts of the goods tables' brand cells, in the order they are read:
        splitting them is most of the recogniser's work on a long tender (``NameReader.split_all``)."""
        values = dict.fromkeys(value for gt in tables for value in brand_cell_values(dt, gt, self.reader))
        return [t for t in dict.fromkeys(self.reader.list_text(value) for value in values) if t]

    def recognise(self, dt: DocText, outline: Outline, tables: list[GoodsTable], sections: list[Section],
                  primed: Primed | None = None) -> Recognition:
        """``primed``: list texts being split in another process, and how to fetch them (``NameReader.primed``)."""
        if primed is None:
            return self._recognise(dt, outline, tables, sections)
        with self.reader.primed(*primed):
            return self._recognise(dt, outline, tables, sections)

    def _recognise(self, dt: DocText, outline: Outline, tables: list[GoodsTable],
                   sections: list[Section]) -> Recognition:
        scan = Scan(dt, outline, tables, sections, self.lex, self.phrases, self.known, self.reader, CellIndex(dt))
        cands: list[Candidate] = []
        for gt in tables:
            for cand, starts in table_candidates(dt, gt, self.reader):
                scan.done_cells.update(starts)
                cands.append(cand)
        cands += label_candidates(scan, self.labels)
        cands += block_candidates(scan, self.labels)
        pats = PhrasePatterns(scan)
        cands += example_candidates(scan, pats)
        cands += benchmark_candidates(scan, pats)
        cands += scoring_candidates(scan, pats)
        cands += verb_candidates(scan)
        for cand in cands:
            if cand.source != "table_column" or not cand.names:
                read_names(scan, cand)
        # A known name another candidate already read as a name is not proposed again; one it could
        # not read ("配置如果有华为小米等…") is.
        covered = [(n.start, n.end) for c in cands for n in c.names if n.ok]
        for cand in known_name_candidates(scan, covered):
            read_names(scan, cand)
            cands.append(cand)
        cands = [part for cand in cands for part in split_by_product(cand)]
        for cand in cands:
            cand.quote = dt.text[cand.start:cand.end][:200]
            if cand.row is None:  # the table row a candidate sits in, to tell apart rows that repeat a text
                ref = scan.cells.at(cand.start)
                cand.row = (id(ref.table), ref.row) if ref is not None else None
            context.judge_zone(scan, cand)
            if cand.table_header:
                context.judge_table(scan, cand)
            context.judge_sentence(scan, cand)
            context.judge_support(scan, cand)
            context.row_note(scan, cand)
            decide.score(cand)
        decide.resolve(cands)
        doc_clause = context.document_clause(scan, self.labels, [c for c in cands if c.accepted])
        lists = []
        for cand in sorted((c for c in cands if c.accepted), key=lambda c: c.start):
            if not cand.equivalent and doc_clause:
                cand.equivalent, cand.equivalent_scope = doc_clause, "document"
            lists.append(decide.to_list(scan, cand))
        cands.sort(key=lambda c: c.start)
        return Recognition(lists, cands)


def read_names(scan: Scan, cand: Candidate) -> None:
    """The names of every value span of ``cand`` and an equivalent clause written in them."""
    cand.names = []
    spans = []
    for a, b in cand.values:
        read = scan.reader.read(scan.dt, a, b)
        cand.names += read.names
        if read.equivalent and not cand.equivalent:
            cand.equivalent, cand.equivalent_scope = read.equivalent, "list"
        # What was read, not the whole sentence after it: two lists in one sentence do not overlap.
        spans.append((a, read.end) if read.end > a else (a, b))
    cand.values = spans
    if not cand.equivalent and spans:  # "如：A、B、C同品质品牌": the clause closing the list, after its value
        end = spans[-1][1]
        after = scan.text[end:min(len(scan.text), end + CLOSING_CHARS)]
        after = re.split(r"[,，。；;:：\n\t]", after, maxsplit=1)[0]
        m = scan.lex.equivalent.local.search(after)
        if m and not scan.reader.negated(scan.text, end + m.start()):
            cand.equivalent = scan.dt.evidence(end + m.start(), end + m.end())
            cand.equivalent_scope = "list"


def split_by_product(cand: Candidate) -> list[Candidate]:
    """"选用德力西断路器，施耐德接触器": two brands each written with its own product are two
    designations, one per product, not one list."""
    ok = [n for n in cand.names if n.ok]
    if cand.source not in ("verb", "known_name"):
        return [cand]
    if len(ok) == 1 and ok[0].noun:  # "选用德力西断路器": the designation is for the 断路器
        cand.item, cand.item_how = ok[0].noun, "品牌后的产品名"
    if len(ok) < 2 or not all(n.noun for n in ok) or len({n.noun for n in ok}) < 2:
        return [cand]
    parts = []
    for n in ok:
        part = dataclasses.replace(cand, start=n.start, end=n.end, values=[(n.start, n.end)], names=[n],
                                   item=n.noun, item_how="品牌后的产品名", reasons=list(cand.reasons))
        parts.append(part)
    return parts
