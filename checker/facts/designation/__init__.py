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

from dataclasses import dataclass

from ...model import Evidence
from ...normalize import DocText
from ..items import GoodsTable, Section
from ..lexicon import Lexicons
from ..model import BrandList
from ..outline import Outline
from ..text import CellIndex
from . import context, decide
from .candidate import Candidate
from .names import NameReader
from .phrases import PhrasePatterns, benchmark_candidates, example_candidates, known_name_candidates
from .prose import LabelPatterns, block_candidates, label_candidates, verb_candidates
from .scan import Scan
from .tables import table_candidates
from .vocab import load as load_vocab

__all__ = ["Candidate", "Recognition", "Recognizer"]


@dataclass(slots=True)
class Recognition:
    lists: list[BrandList]
    candidates: list[Candidate]
    document_clause: list[Evidence]


class Recognizer:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        self.phrases, self.known = load_vocab()
        self.reader = NameReader(lex, self.phrases, self.known)
        bl = lex.brand_lists
        self.labels = LabelPatterns(bl.labels, bl.label_joiners)

    def recognise(self, dt: DocText, outline: Outline, tables: list[GoodsTable],
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
        cands += verb_candidates(scan)
        covered = [v for c in cands for v in c.values]
        cands += known_name_candidates(scan, covered)

        for cand in cands:
            cand.quote = dt.text[cand.start:cand.end][:200]
            if cand.source != "table_column" or not cand.names:
                read_names(scan, cand)
            context.judge_zone(scan, cand)
            context.judge_sentence(scan, cand)
            context.judge_support(scan, cand)
            context.row_note(scan, cand)
            decide.score(cand)
        decide.resolve(cands)
        doc_clause = context.document_clause(scan, self.labels)
        lists = []
        for cand in sorted((c for c in cands if c.accepted), key=lambda c: c.start):
            if not cand.equivalent and doc_clause:
                cand.equivalent, cand.equivalent_scope = doc_clause, "document"
            lists.append(decide.to_list(scan, cand))
        cands.sort(key=lambda c: c.start)
        return Recognition(lists, cands, doc_clause)


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
