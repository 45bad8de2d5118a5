"""Extract facts from a normalised document (see ``model.py`` for what they are).

Each extractor scans ``DocText.text`` with patterns from ``lexicons/`` and keeps the evidence of
every value; only brand-list windows go through the spaCy/jieba pipeline (``checker.nlp``), so a
long tender costs a few milliseconds per page. Lexicons and the pipeline load once per process.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..model import Evidence
from ..normalize import DocText
from .model import Facts, Item, MethodFact, ProjectFacts, StandardRef

if TYPE_CHECKING:
    from .fair import FairFacts
    from .first_set import FirstSetFacts
    from .items import Section
    from .outline import Outline

# Documents from this long (characters of text) have their stated facts extracted in a second
# process when the scan may use two cores: about 100 dense pages, where those facts take ~0.1 s
# (1 s for the 836,000 characters of the 1000-page benchmark), several times what forking the
# loaded process and sending the facts back costs (10-20 ms measured).
ASIDE_MIN_CHARS = 100_000


@dataclass(slots=True)
class _Stated:
    method: MethodFact
    project: ProjectFacts
    dated: tuple[date, list[Evidence]] | None
    standards: list[StandardRef]
    first_set: FirstSetFacts
    fair: FairFacts


class Extractor:
    """All fact extractors, built once from the lexicons."""

    def __init__(self) -> None:
        from .designation import Recognizer
        from .fair import FairExtractor, load_fair_lexicon
        from .first_set import FirstSetExtractor
        from .lexicon import load
        from .project import ProjectExtractor
        from .standards import StandardExtractor

        lex = load()
        self.lexicons = lex
        self.designations = Recognizer(lex)
        self.project = ProjectExtractor(lex)
        self.standards = StandardExtractor(lex.standard_prefixes)
        self.first_set = FirstSetExtractor(lex.first_set)
        self.fair = FairExtractor(load_fair_lexicon())

    def extract(self, dt: DocText, cores: int = 1) -> Facts:
        """``cores``: with two or more and a long document, the facts that don't need the brand
        lists are extracted in a second process meanwhile (checker/aside.py); the same facts."""
        from ..aside import Aside
        from . import items as items_mod
        from .outline import assign_zones, build_outline

        facts = Facts()
        facts.outline = build_outline(dt)
        tables = items_mod.goods_tables(dt, self.lexicons.brand_lists)
        facts.items = items_mod.table_items(dt, tables)
        known = {i.name for i in facts.items}
        sections = items_mod.item_sections(dt, known)
        facts.items += items_mod.heading_items(dt, sections, known)

        if cores > 1 and len(dt.text) >= ASIDE_MIN_CHARS:
            # The other process first splits the later half of the brand cells' list texts (the
            # recogniser reaches them last), then extracts the stated facts: the two sides take
            # about as long (a 1000-page tender: ~1.2 s each instead of 1.5 and 0.9).
            texts = self.designations.list_texts(dt, tables)
            share = texts[len(texts) // 2:]
            aside: Aside[Any] = Aside(self._aside, dt, facts.outline, sections, share)
            splits = functools.cache(aside.next)  # asked for by the recogniser, or here if it never was
            try:
                recognition = self.designations.recognise(dt, facts.outline, tables, sections,
                                                          (frozenset(share), splits))
                splits()
                stated = aside.next()
            finally:
                aside.close()
        else:
            recognition = self.designations.recognise(dt, facts.outline, tables, sections)
            stated = self._stated(dt, facts.outline, sections)
        facts.brand_lists = recognition.lists
        facts.designation_candidates = recognition.candidates
        facts.method = stated.method
        # Goods named only in a brand list (a 前附表 row "电梯：A、B、C") are bought too: they count for the field.
        listed = [Item(bl.item, bl.evidence) for bl in facts.brand_lists if bl.item and bl.item not in known]
        facts.project = stated.project
        facts.project.field = self.project.field(facts.project.name or "", [i.name for i in facts.items + listed])
        if stated.dated:
            facts.document_date, facts.document_date_evidence = stated.dated

        facts.standards = stated.standards

        fs = stated.first_set
        facts.first_set_mentioned = fs.mentioned
        facts.first_set_evidence = fs.mention_evidence
        facts.first_set_equivalence_stated = fs.equivalence
        facts.first_set_equivalence_evidence = fs.equivalence_evidence
        facts.performance_requirements = fs.performance
        facts.new_product_exclusions = fs.exclusions

        fair = stated.fair
        facts.qualifications, facts.scoring_rows, facts.clauses = fair.qualifications, fair.scoring_rows, fair.clauses
        facts.deposits, facts.sme = fair.deposits, fair.sme
        # Every fact says where in the tender it sits: the zone of its first evidence (outline.py).
        assign_zones(facts)
        return facts

    def _aside(self, dt: DocText, outline: Outline, sections: list[Section], share: list[str],
               ) -> Iterator[dict[str, Any] | _Stated]:
        """What another process does while this one recognises brand lists, in the order it is needed."""
        yield self.designations.reader.split_all(share)
        yield self._stated(dt, outline, sections)

    def _stated(self, dt: DocText, outline: Outline, sections: list[Section]) -> _Stated:
        """What the tender states outside its brand lists: independent of the recogniser."""
        return _Stated(method=self.project.method(dt), project=self.project.stated(dt),
                       dated=self.project.document_date(dt), standards=self.standards.extract(dt, sections),
                       first_set=self.first_set.extract(dt), fair=self.fair.extract(dt, outline))


@functools.lru_cache(maxsize=1)
def extractor() -> Extractor:
    """The process-wide extractor (lexicons loaded and validated once)."""
    return Extractor()


def warm_up() -> None:
    """Load lexicons and the spaCy/jieba pipeline now, e.g. in a server's startup, not on the first scan."""
    from ..nlp.pipeline import brand_pipeline

    extractor()
    brand_pipeline()


def extract(doctext: DocText, cores: int = 1) -> Facts:
    """All facts of one document; ``cores``: how many it may use (``Extractor.extract``)."""
    return extractor().extract(doctext, cores)
