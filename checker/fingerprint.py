"""Stable finding fingerprints: the same finding in a revised draft keeps its id (SPEC "Findings").

A fingerprint names *what* a finding is about, never *where* it sits. It is a hash of

    ``tendercheck.fingerprint/1`` · rule id · the finding's subject · an occurrence index

- **The subject** is what identifies the offending fact, normalised. Each rule states it when it
  makes the finding (``RuleContext.finding(..., subject=...)``):
  a brand list → its item and its brands (sorted: reordering the names is no new finding);
  an enterprise standard → its item and code; a 业绩 requirement or a new-product clause → its
  text; a document-wide finding (FS401, FS402) → nothing (there is one per document).
  A rule that states no subject (a third party's) gets its item and the text of its evidence.
- **Normalised** text is NFKC (full-width ``ＧＢ／Ｔ５０２３１`` → ``GB/T50231``), case-folded, with a
  leading list number dropped (``3.``, ``（二）``, a table's row number: a paragraph inserted above
  renumbers the list) and with only letters and digits kept: whitespace, line breaks and punctuation
  differ between two exports of the same draft, and between a page and a table cell.
- **Page, box and offsets are never part of it**: they move when anything above moves.
- **The occurrence index** tells identical findings apart (two tables both recommending one brand
  for the same item): the n-th finding with the same rule and subject, in document order. This is
  GitHub code scanning's ``partialFingerprints`` (a hash of the matched line plus an occurrence
  counter) and semgrep's match-based id (rule + normalised matched text + index), applied to facts
  instead of source lines; ruff's ``noqa`` codes name the rule but not the match, which is too
  coarse for a tender with thirty brand lists.

The value reads ``FS102-1f0c9a7d2b6e4c11``: the rule id, so that a person can read a waiver file,
then 16 hex digits (64 bits of BLAKE2b). Rewording the offending text itself changes the subject and
so the fingerprint: that is a different finding, as it should be; the diff lists it as fixed + new.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .facts.model import BrandList
    from .findings import Finding

SCHEME = "tendercheck.fingerprint/1"
DIGEST_BYTES = 8
# A list number at the start of a clause: "3.", "3、", "(2)", "（二）", "一、", "1.2.3", a table row "3 ".
_LEADING_NUMBER = re.compile(
    r"^\s*(?:[(\[]\s*[0-9一二三四五六七八九十百]+\s*[)\]]|[0-9一二三四五六七八九十百]+\s*[.、:)]"
    r"|[0-9]+(?:\.[0-9]+)+\.?|[0-9]+\s)\s*")
_SEPARATOR = "\x1f"


def normalise(text: str | None) -> str:
    """The comparable form of a quoted text: NFKC, case-folded, list numbers dropped, letters and digits only."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    previous = None
    while previous != text:  # "一、1." — a heading number and a list number
        previous, text = text, _LEADING_NUMBER.sub("", text, count=1)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def brand_subject(bl: BrandList) -> tuple[str, ...]:
    """A brand list is its item and its set of brands."""
    return (normalise(bl.item), *sorted(normalise(b.name) for b in bl.brands))


def text_subject(*texts: str | None) -> tuple[str, ...]:
    return tuple(normalise(t) for t in texts)


def default_subject(finding: Finding) -> tuple[str, ...]:
    """For a rule that names no subject: its item and its evidence, joined (a quote split by a
    page break reads the same as one)."""
    return (normalise(finding.item), normalise("".join(e.text for e in finding.evidence)))


def fingerprint(rule: str, subject: Sequence[str], occurrence: int = 0) -> str:
    key = _SEPARATOR.join((SCHEME, rule, *subject, str(occurrence)))
    return f"{rule}-{hashlib.blake2b(key.encode('utf-8'), digest_size=DIGEST_BYTES).hexdigest()}"


def assign(findings: Iterable[Finding]) -> None:
    """Give every finding its fingerprint; ``findings`` in document order within each rule."""
    seen: Counter[tuple[str, tuple[str, ...]]] = Counter()
    for f in findings:
        subject = f.subject if f.subject is not None else default_subject(f)
        key = (f.rule, tuple(subject))
        f.fingerprint = fingerprint(f.rule, subject, seen[key])
        seen[key] += 1
