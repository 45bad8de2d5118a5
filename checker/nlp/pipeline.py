"""The spaCy pipeline that splits brand lists: ``spacy.blank("zh")`` with the jieba segmenter.

It runs only on small windows (a brand cell, a prose list), never on a whole document, and is
built once per process. Components, in order:

- ``tc_model_numbers``: merges model numbers ("S7-1200", "AC500") that jieba splits at "-" into one
  token, from the char patterns in ``lexicons/model_number_patterns.jsonl``.
- ``tc_brand_names``: merges brand names that contain a separator ("和利时") and Chinese/English pairs
  written as one brand ("施耐德/Schneider") from ``lexicons/brand_names.csv``.
- ``tc_brand_segmenter``: cuts the window at separators (、，,;/ newline), at conjunctions the
  segmenter leaves as words of their own (及 和 与 或) and at spaces, and puts each brand on
  ``doc.spans["brand"]``; span offsets are relative to the window, which the caller places in the
  document text, so every span maps back to page and bbox.
"""
from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from ..facts import lexicon

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BRAND_SPANS = "brand"
MODEL_SPANS = "model"
_LATIN = re.compile(r"[A-Za-z]")


def _merge(doc: Doc, spans: list[tuple[int, int]], key: str) -> Doc:
    """Merge char spans (non-overlapping, first wins) into single tokens and record them."""
    from spacy.tokens import Span

    if not spans:  # most windows hold no model number or known brand: no retokenizer to open
        doc.spans[key] = []
        return doc
    taken: list[Span] = []
    used: set[int] = set()
    for start, end in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(i in used for i in range(span.start, span.end)):
            continue
        used.update(range(span.start, span.end))
        taken.append(span)
    to_merge = [span for span in taken if len(span) > 1]
    if to_merge:
        with doc.retokenize() as retok:
            for span in to_merge:
                retok.merge(span)
        merged = (doc.char_span(s.start_char, s.end_char, alignment_mode="expand") for s in taken)
        taken = [s for s in merged if s is not None]
    doc.spans[key] = taken
    return doc


class ModelNumbers:
    def __init__(self) -> None:
        self.patterns = [p.pattern for p in lexicon.load().model_patterns]

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # spaCy joins the tokens anew on every access
        spans = [(m.start(), m.end()) for p in self.patterns for m in p.finditer(text)]
        return _merge(doc, spans, MODEL_SPANS)


class BrandNames:
    def __init__(self) -> None:
        names = lexicon.load().brand_names
        alternatives = []
        for b in names:
            alternatives.append(re.escape(b.name))
            if b.kind == "pair":
                zh, en = re.escape(b.name), re.escape(b.alias)
                alternatives.append(rf"{zh}\s*[/／]\s*{en}|{en}\s*[/／]\s*{zh}")
        alternatives.sort(key=len, reverse=True)
        self.pattern = re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None

    def __call__(self, doc: Doc) -> Doc:
        if self.pattern is None:
            return doc
        return _merge(doc, [(m.start(), m.end()) for m in self.pattern.finditer(doc.text)], "protected")


class BrandSegmenter:
    def __init__(self) -> None:
        lex = lexicon.load().brand_lists
        self.separators = {s for s in lex.separators}
        self.conjunctions = set(lex.conjunctions)

    def __call__(self, doc: Doc) -> Doc:
        models = {i for s in doc.spans.get(MODEL_SPANS, []) for i in range(s.start, s.end)}
        texts: list[str] = []
        spaced: list[bool] = []
        for tok in doc:  # one pass over the tokens: each Token is a new Python object
            texts.append(tok.text)
            spaced.append(bool(tok.whitespace_))
        doc.spans[BRAND_SPANS] = [doc[a:b] for a, b in self._pieces(texts, spaced, models)]
        return doc

    def _pieces(self, texts: list[str], spaced: list[bool], models: set[int]) -> list[tuple[int, int]]:
        """Token ranges of the brands, cut at separators, conjunctions and spaces."""
        pieces: list[tuple[int, int]] = []
        start: int | None = None
        depth = 0  # inside brackets: "西门子医疗（Siemens Healthineers）" is one brand
        n = len(texts)
        for i, text in enumerate(texts):
            blank = text.strip() == ""
            depth = max(0, depth + text.count("(") + text.count("（") - text.count(")") - text.count("）"))
            cut = blank or text in self.separators or text.strip() in self.separators or text in self.conjunctions
            if cut and not (depth and blank):
                if start is not None:
                    pieces.append((start, i))
                start = None
                continue
            if start is None:
                start = i
            # A space ends a brand unless a model number or a bracketed alternate follows it.
            if spaced[i] and not depth and i + 1 < n and i + 1 not in models and texts[i + 1] not in "(（":
                pieces.append((start, i + 1))
                start = None
        if start is not None:
            pieces.append((start, n))
        out = []
        for a, b in pieces:
            # A model number after a brand is not part of the brand's name ("西门子S7-1200" → 西门子).
            while b - a > 1 and (b - 1) in models:
                b -= 1
            out.append((a, b))
        return out


@functools.lru_cache(maxsize=1)
def brand_pipeline() -> Language:
    """The brand-list pipeline, built once per process (spaCy and jieba load lazily here)."""
    import logging

    from .lean_imports import import_jieba, import_spacy

    import_spacy()  # before any ``import spacy`` or ``import jieba``: see lean_imports
    import_jieba()
    import jieba
    import spacy
    from spacy.language import Language

    from .segmenter_dict import pruned_dictionary

    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict…" chatter is not for users
    if jieba.dt.initialized is False:
        jieba.set_dictionary(str(pruned_dictionary()))
    for name, cls in (("tc_model_numbers", ModelNumbers), ("tc_brand_names", BrandNames),
                      ("tc_brand_segmenter", BrandSegmenter)):
        if not Language.has_factory(name):
            Language.factory(name, assigns=["doc.spans"], func=lambda nlp, name, _cls=cls: _cls())
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    seg = nlp.tokenizer.jieba_seg  # type: ignore[union-attr]  # the zh tokenizer with segmenter=jieba
    for b in lexicon.load().brand_names:
        for word in (b.name, b.alias):
            if word and not _LATIN.search(word):
                seg.add_word(word)
    nlp.add_pipe("tc_model_numbers")
    nlp.add_pipe("tc_brand_names")
    nlp.add_pipe("tc_brand_segmenter")
    return nlp


@functools.lru_cache(maxsize=4096)
def split_brands(text: str) -> Doc:
    """Run the pipeline on one list window; ``doc.spans["brand"]`` holds the brands, with char
    offsets relative to ``text``. Cached: tenders repeat the same brand list for many items, and
    the returned Doc must be treated as read-only."""
    nlp = brand_pipeline()
    doc = nlp.make_doc(text)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
