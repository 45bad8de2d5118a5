"""Extract facts from a normalised document (see ``model.py`` for what they are).

Each extractor scans ``DocText.text`` with patterns from ``lexicons/`` and keeps the evidence of
every value; only brand-list windows go through the spaCy/jieba pipeline (``checker.nlp``), so a
long tender costs a few milliseconds per page. Lexicons and the pipeline load once per process.
"""
from __future__ import annotations

import functools

from ..normalize import DocText
from .model import Facts, Item


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

    def extract(self, dt: DocText) -> Facts:
        from . import items as items_mod
        from .outline import assign_zones, build_outline

        facts = Facts()
        facts.outline = build_outline(dt)
        tables = items_mod.goods_tables(dt, self.lexicons.brand_lists)
        facts.items = items_mod.table_items(dt, tables)
        known = {i.name for i in facts.items}
        sections = items_mod.item_sections(dt, known)
        facts.items += items_mod.heading_items(dt, sections, known)

        recognition = self.designations.recognise(dt, facts.outline, tables, sections)
        facts.brand_lists = recognition.lists
        facts.designation_candidates = recognition.candidates
        facts.method = self.project.method(dt)
        # Goods named only in a brand list (a 前附表 row "电梯：A、B、C") are bought too: they count for the field.
        listed = [Item(bl.item, bl.evidence) for bl in facts.brand_lists if bl.item and bl.item not in known]
        facts.project = self.project.project(dt, facts.items + listed)
        dated = self.project.document_date(dt)
        if dated:
            facts.document_date, facts.document_date_evidence = dated

        facts.standards = self.standards.extract(dt, sections)

        fs = self.first_set.extract(dt)
        facts.first_set_mentioned = fs.mentioned
        facts.first_set_evidence = fs.mention_evidence
        facts.first_set_equivalence_stated = fs.equivalence
        facts.first_set_equivalence_evidence = fs.equivalence_evidence
        facts.performance_requirements = fs.performance
        facts.new_product_exclusions = fs.exclusions

        fair = self.fair.extract(dt, facts.outline)
        facts.qualifications, facts.scoring_rows, facts.clauses = fair.qualifications, fair.scoring_rows, fair.clauses
        facts.deposits, facts.sme = fair.deposits, fair.sme
        # Every fact says where in the tender it sits: the zone of its first evidence (outline.py).
        assign_zones(facts)
        return facts


@functools.lru_cache(maxsize=1)
def extractor() -> Extractor:
    """The process-wide extractor (lexicons loaded and validated once)."""
    return Extractor()


def warm_up() -> None:
    """Load lexicons and the spaCy/jieba pipeline now, e.g. in a server's startup, not on the first scan."""
    from ..nlp.pipeline import brand_pipeline

    extractor()
    brand_pipeline()


def extract(doctext: DocText) -> Facts:
    """All facts of one document."""
    return extractor().extract(doctext)
