"""Fair-competition facts: qualification items, scoring rows, deposits, the SME policy, and the clauses
that say something the FC rules judge (``lexicons/fair_competition.yaml``).

How they are read, and why:

- Qualification items: the numbered lines under a line naming 资格要求/资格条件 (the notice's
  "申请人的资格要求：", the 须知's "投标人资格要求"), a "其他资格要求：…" line itself, and the rows of a
  table titled or headed 资格性审查. Each item is one clause.
- Scoring rows: the rows of a table whose header names a factor, points or criteria column
  (评分因素/权重/评分准则); a header row met again inside the table re-maps the columns (Shenzhen
  tables nest a sub-header per part). Rows of any other table that award points (得X分) count too,
  and so do prose lines that award points outside the response forms.
- Other clauses (requirements, commercial terms, instructions) are kept only when they say
  something a topic looks for: the report lists what a rule could judge, not the whole tender.
- Every clause carries its topic hits (the words that said it, and where) and the reasons it was
  taken as a qualification item or a scoring row. A clause restating the law ("不得将注册资本…作为…")
  is no requirement: a hit in a sentence with a negation is dropped.
- Response forms, annexes and quoted policy are skipped: bidders fill those in, nobody requires them.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lexicons

from ..lexicon_io import read_mapping
from ..model import Evidence
from ..normalize import CELL_SEP, DocText
from .lexicon import _fail
from .model import Clause, ClauseKind, Deposit, DepositKind, SmePolicy, TopicHit
from .text import compact

FILE = "fair_competition.yaml"
# Zones whose text nobody requires: forms bidders fill in, annexes, quoted law.
SKIPPED_ZONES = ("forms", "annex")
SKIPPED_SUBS = ("policy_quote", "price_form")
# A heading line that opens a qualification list is short (or ends in a colon).
MAX_HEADING_CHARS = 30
# A table's title is in the lines just above it.
TITLE_WINDOW = 80
# A deposit's amount or percentage follows its name within this many characters.
DEPOSIT_WINDOW = 60
SENTENCE_END = "。;!?\t"

# Starts of numbered items, by numbering style: a list ends at a line numbered like its heading.
_NUMBER_STYLES = (
    ("cn", re.compile(r"^\s*[一二三四五六七八九十]+[、.．]")),
    ("paren_cn", re.compile(r"^\s*[(（][一二三四五六七八九十]+[)）]")),
    ("sub", re.compile(r"^\s*\d+\.\d+")),
    ("arabic", re.compile(r"^\s*\d+\s*[.、．)）]")),
    ("paren_arabic", re.compile(r"^\s*[(（]\d+[)）]")),
    ("circled", re.compile(r"^\s*[\u2460-\u2473]")),
    ("mark", re.compile(r"^\s*[★▲■●◆※*]")),
)
_NOTE = re.compile(r"^\s*[(（]?\s*(?:注|备注|说明)")
_NUMBER = re.compile(r"^\s*(?:第[一二三四五六七八九十\d]+[章节条]|\d+(?:\.\d+)*\s*[.、．)）]?|[(（][\d一二三四五六七八九十]+[)）]"
                     r"|[一二三四五六七八九十]+[、.．]|[\u2460-\u2473])\s*")


def _style(line: str) -> str | None:
    for name, rx in _NUMBER_STYLES:
        if rx.match(line):
            return name
    return None


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    kinds: frozenset[str]
    triggers: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]
    source: str
    unless_clause: tuple[re.Pattern[str], ...] = ()  # anywhere in the clause: no hit
    absent: tuple[re.Pattern[str], ...] = ()  # a hit only when none of these is in the clause
    requires: tuple[re.Pattern[str], ...] = ()  # a hit only when its sentence also says one of these
    variants: tuple[str | None, ...] = ()  # per pattern: which kind of the topic its phrasing says (None: the topic)


@dataclass(frozen=True, slots=True)
class FairLexicon:
    qualification_headings: tuple[str, ...]
    qualification_table_words: tuple[str, ...]
    max_items: int
    factor_columns: tuple[str, ...]
    points_columns: tuple[str, ...]
    text_columns: tuple[str, ...]
    awards: re.Pattern[str]
    points: re.Pattern[str]
    bid_words: tuple[str, ...]
    performance_words: tuple[str, ...]
    waived: re.Pattern[str]
    restating: tuple[str, ...]
    unrelated: re.Pattern[str]
    amount: re.Pattern[str]
    percent: re.Pattern[str]
    deduction: re.Pattern[str]
    deduction_blank: re.Pattern[str]
    reserved: re.Pattern[str]
    price_scoring: re.Pattern[str]
    negation: re.Pattern[str]
    topics: tuple[Topic, ...]
    credential: re.Pattern[str]
    credential_generic: frozenset[str]
    credential_strip: re.Pattern[str]
    heading: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        words = "|".join(map(re.escape, sorted(self.qualification_headings, key=len, reverse=True)))
        object.__setattr__(self, "heading", re.compile(rf"(?:{words})"))


def _strings(path: Path, value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise _fail(path, f"“{key}”应为非空字符串列表 / '{key}' must be a non-empty list of strings")
    return tuple(value)


def _rx(path: Path, pattern: str, key: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise _fail(path, f"“{key}”中的正则表达式无效 / bad regex in '{key}': {pattern!r}: {exc}") from exc


def _patterns(path: Path, value: Any, key: str) -> tuple[tuple[re.Pattern[str], ...], tuple[str | None, ...]]:
    """A topic's patterns, each a regex, or ``{pattern: regex, variant: name}`` for a phrasing that says a
    particular kind of the topic (the rule words its finding for it)."""
    if not isinstance(value, list) or not value:
        raise _fail(path, f"“{key}”应为非空列表 / '{key}' must be a non-empty list")
    patterns: list[re.Pattern[str]] = []
    variants: list[str | None] = []
    for n, entry in enumerate(value, start=1):
        if isinstance(entry, dict) and isinstance(entry.get("pattern"), str) and isinstance(entry.get("variant"), str) \
                and entry["pattern"] and entry["variant"] and set(entry) == {"pattern", "variant"}:
            patterns.append(_rx(path, entry["pattern"], key))
            variants.append(entry["variant"])
        elif isinstance(entry, str) and entry:
            patterns.append(_rx(path, entry, key))
            variants.append(None)
        else:
            raise _fail(path, f"“{key}”第 {n} 项应为正则表达式或 {{pattern, variant}} / entry {n} of '{key}' must be a "
                              "regex or a mapping of pattern and variant")
    return tuple(patterns), tuple(variants)


def _any(path: Path, patterns: tuple[str, ...], key: str) -> re.Pattern[str]:
    for p in patterns:
        _rx(path, p, key)
    return _rx(path, "|".join(f"(?:{p})" for p in patterns), key)


def _section(path: Path, data: dict[str, Any], key: str, sourced: bool = True) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise _fail(path, f"缺少“{key}” / missing section '{key}'")
    if sourced and not (isinstance(value.get("source"), str) and value["source"]):
        raise _fail(path, f"“{key}”缺少来源 / section '{key}' has no source")
    return value


def load_fair_lexicon(root: Path | None = None) -> FairLexicon:
    return _load(root or lexicons.DIR)


@functools.lru_cache(maxsize=4)
def _load(root: Path) -> FairLexicon:
    path = root / FILE
    data = read_mapping(path, _fail)
    q = _section(path, data, "qualification")
    s = _section(path, data, "scoring")
    d = _section(path, data, "deposits")
    sme = _section(path, data, "sme")
    neg = _section(path, data, "negations")
    topics_data = data.get("topics")
    if not isinstance(topics_data, dict) or not topics_data:
        raise _fail(path, "缺少“topics” / missing section 'topics'")
    topics: list[Topic] = []
    credential: dict[str, Any] = {}
    for name, t in topics_data.items():
        where = f"topics.{name}"
        if not isinstance(t, dict) or not (isinstance(t.get("source"), str) and t["source"]):
            raise _fail(path, f"“{where}”缺少来源 / '{where}' has no source")
        kinds = _strings(path, t.get("kinds"), f"{where}.kinds")
        bad = set(kinds) - {"qualification", "scoring", "requirement", "commercial", "other"}
        if bad:
            raise _fail(path, f"“{where}.kinds”含未知类型 {sorted(bad)} / unknown clause kinds")
        patterns, variants = _patterns(path, t.get("patterns"), f"{where}.patterns")
        unless = tuple(_rx(path, p, f"{where}.unless") for p in (t.get("unless") or []))
        unless_clause = tuple(_rx(path, p, f"{where}.unless_clause") for p in (t.get("unless_clause") or []))
        absent = tuple(_rx(path, p, f"{where}.absent") for p in (t.get("absent") or []))
        requires = tuple(_rx(path, p, f"{where}.requires") for p in (t.get("requires") or []))
        topics.append(Topic(name, frozenset(kinds), _strings(path, t.get("triggers"), f"{where}.triggers"),
                            patterns, unless, t["source"], unless_clause, absent, requires, variants))
        if name == "qualification_credential":
            credential = t
    if not credential:
        raise _fail(path, "缺少“topics.qualification_credential” / missing topic 'qualification_credential'")
    return FairLexicon(
        qualification_headings=_strings(path, q.get("headings"), "qualification.headings"),
        qualification_table_words=_strings(path, q.get("table_words"), "qualification.table_words"),
        max_items=int(q.get("max_items", 40)),
        factor_columns=_strings(path, s.get("factor_columns"), "scoring.factor_columns"),
        points_columns=_strings(path, s.get("points_columns"), "scoring.points_columns"),
        text_columns=_strings(path, s.get("text_columns"), "scoring.text_columns"),
        awards=_any(path, _strings(path, s.get("awards"), "scoring.awards"), "scoring.awards"),
        points=_rx(path, str(s.get("points", "")), "scoring.points"),
        bid_words=_strings(path, d.get("bid"), "deposits.bid"),
        performance_words=_strings(path, d.get("performance"), "deposits.performance"),
        waived=_any(path, _strings(path, d.get("waived"), "deposits.waived"), "deposits.waived"),
        restating=_strings(path, d.get("restating"), "deposits.restating"),
        unrelated=_any(path, _strings(path, d.get("unrelated"), "deposits.unrelated"), "deposits.unrelated"),
        amount=_rx(path, str(d.get("amount", "")), "deposits.amount"),
        percent=_rx(path, str(d.get("percent", "")), "deposits.percent"),
        deduction=_any(path, _strings(path, sme.get("deduction"), "sme.deduction"), "sme.deduction"),
        deduction_blank=_any(path, _strings(path, sme.get("blank"), "sme.blank"), "sme.blank"),
        reserved=_any(path, _strings(path, sme.get("reserved"), "sme.reserved"), "sme.reserved"),
        price_scoring=_any(path, _strings(path, sme.get("price_scoring"), "sme.price_scoring"), "sme.price_scoring"),
        negation=_any(path, _strings(path, neg.get("patterns"), "negations.patterns"), "negations.patterns"),
        topics=tuple(topics),
        credential=_rx(path, credential["patterns"][0], "topics.qualification_credential.patterns"),
        credential_generic=frozenset(_strings(path, credential.get("generic"), "qualification_credential.generic")),
        credential_strip=_any(path, _strings(path, credential.get("strip"), "qualification_credential.strip"),
                              "qualification_credential.strip"),
    )


@dataclass(slots=True)
class FairFacts:
    qualifications: list[Clause] = field(default_factory=list)
    scoring_rows: list[Clause] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    deposits: list[Deposit] = field(default_factory=list)
    sme: SmePolicy = field(default_factory=SmePolicy)


@dataclass(slots=True)
class _Columns:
    factor: int | None = None
    points: int | None = None
    text: int | None = None


class FairExtractor:
    def __init__(self, lex: FairLexicon) -> None:
        self.lex = lex
        header_words = lex.factor_columns + lex.points_columns + lex.text_columns
        self._header_words = re.compile("|".join(map(re.escape, sorted(header_words, key=len, reverse=True))))
        self._deposit_words = re.compile("|".join(map(re.escape, lex.bid_words + lex.performance_words)))
        judged = [t for t in lex.topics if t.name != "qualification_credential"]
        self._topics_by_kind = {k: [t for t in judged if k in t.kinds]
                                for k in ("qualification", "scoring", "requirement", "commercial", "other")}
        # Any trigger of a topic that reads requirement, commercial or other clauses: a line with none is skipped.
        other = {w for t in judged if t.kinds & {"requirement", "commercial", "other"} for w in t.triggers}
        self._any_trigger = re.compile("|".join(map(re.escape, sorted(other, key=len, reverse=True))))

    # ---- the document

    def extract(self, dt: DocText, outline: Any) -> FairFacts:
        out = FairFacts()
        covered: list[tuple[int, int]] = []  # spans of table rows already read as clauses
        for n, table in enumerate(dt.tables, 1):
            self._table(dt, outline, table, out, covered, getattr(table, "location", None) or f"表{n}")
        covered.sort()
        self._lines(dt, outline, covered, out)
        self._sme(dt, out)
        return out

    def _skipped(self, outline: Any, pos: int) -> bool:
        if outline is None:
            return False
        zone = outline.zone_at(pos)
        # A deviation table copies the requirements (sometimes it is where they are written): read it.
        return (zone.kind in SKIPPED_ZONES and zone.sub != "deviation") or zone.sub in SKIPPED_SUBS

    def _kind_at(self, outline: Any, pos: int) -> ClauseKind:
        zone = outline.zone_at(pos) if outline is not None else None
        kind = zone.kind if zone is not None else "unknown"
        if zone is not None and zone.sub == "deviation":
            return "requirement"  # the requirements as the deviation table repeats them
        return {"requirements": "requirement", "contract": "commercial"}.get(kind, "other")  # type: ignore[return-value]

    # ---- tables: scoring tables, qualification tables

    def _table(self, dt: DocText, outline: Any, table: Any, out: FairFacts, covered: list[tuple[int, int]],
               table_label: str) -> None:
        spans: list[list[tuple[int, int] | None]] = [[dt.cell_span(c) for c in row] for row in table.rows]
        first = next((s[0] for row in spans for s in row if s is not None), None)
        if first is None or self._skipped(outline, first):
            return
        title = dt.text[max(0, first - TITLE_WINDOW):first].rstrip().rsplit("\n", 1)[-1]
        qual_table = len(title) <= MAX_HEADING_CHARS and any(w in title for w in self.lex.qualification_table_words)
        columns: _Columns | None = None
        for r, row in enumerate(table.rows):
            joined = CELL_SEP.join(c.text for c in row)
            if self._header_words.search(joined):
                texts = [compact(c.text) for c in row]
                header = self._header(texts)
                if header is not None:
                    columns = header
                    if any(w in t for t in texts for w in self.lex.qualification_table_words):
                        qual_table = True
                    continue
            else:
                texts = [c.text.strip() for c in row]
            cells = [s for s in spans[r] if s is not None and s[1] > s[0]]
            if not cells:
                continue
            start, end = min(s[0] for s in cells), max(s[1] for s in cells)
            if any(a <= start < b for a, b in covered[-200:]):
                continue  # a row met already (a table nested in a cell repeats its text)
            row_text = dt.text[start:end]
            label = texts[0] if texts else ""
            if qual_table and r == 0 and max(map(len, texts)) <= 6:
                continue  # the header of a qualification table (序号 | 内容)
            if qual_table or (len(row) >= 2 and len(label) <= 16 and any(w in label for w in self.lex.qualification_table_words)):
                reason = ("资格性审查表中的一行" if qual_table else f"表格行标签“{row[0].text.strip()[:16]}”为资格要求")
                item = self._clause(dt, "qualification", start, end, [reason])
                item.table = table_label
                out.qualifications.append(item)
                covered.append((start, end))
                continue
            clause: Clause | None
            if columns is not None and (columns.text is not None or columns.points is not None):
                clause = self._scoring_row(dt, row, spans[r], columns, start, end, "评分表中的一行（表头含评分因素/分值/评分标准）")
            elif self.lex.awards.search(row_text) and len(row) >= 2:
                clause = self._scoring_row(dt, row, spans[r], _Columns(), start, end, "表格行中有得分规则（得X分）")
            else:
                continue
            if clause is not None:
                clause.table = table_label
                out.scoring_rows.append(clause)
                covered.append((start, end))

    def _header(self, texts: list[str]) -> _Columns | None:
        """The columns a header row names, or None when the row is no header (it must name a factor or
        criteria column and be short: a header cell is a label, not a rule)."""
        cols = _Columns()
        for i, t in enumerate(texts):
            if not t or len(t) > 12:
                continue
            if cols.factor is None and any(w in t for w in self.lex.factor_columns):
                cols.factor = i
            elif cols.text is None and any(w in t for w in self.lex.text_columns):
                cols.text = i
            elif cols.points is None and any(w in t for w in self.lex.points_columns):
                cols.points = i
        found = sum(x is not None for x in (cols.factor, cols.points, cols.text))
        return cols if found >= 2 else None

    def _scoring_row(self, dt: DocText, row: list[Any], spans: list[tuple[int, int] | None], cols: _Columns,
                     start: int, end: int, reason: str) -> Clause | None:
        texts = [c.text.strip() for c in row]
        factor = texts[cols.factor] if cols.factor is not None and cols.factor < len(texts) else None
        if factor is None:  # the first short, non-numeric cell names the factor
            factor = next((t for t in texts if t and len(t) <= 20 and not _is_number(t)), None)
        points = None
        if cols.points is not None and cols.points < len(texts):
            points = _number(texts[cols.points])
        if points is None:
            points = next((v for t in texts if len(t) <= 8 and (v := _number(t)) is not None and t != factor), None)
        if points is None:
            found = [float(m.group(1)) for m in self.lex.points.finditer(dt.text, start, end)]
            points = max(found) if found else None
        if not factor and points is None:
            return None
        clause = self._clause(dt, "scoring", start, end, [reason])
        clause.factor = factor[:40] if factor else None
        clause.points = points
        return clause

    # ---- lines: qualification lists, prose scoring, other clauses, deposits

    def _lines(self, dt: DocText, outline: Any, covered: list[tuple[int, int]], out: FairFacts) -> None:
        text = dt.text
        cover_starts = [a for a, _ in covered]
        open_list: tuple[str | None, int, str] | None = None  # (heading numbering style, items left, heading)
        pos = 0
        n = len(text)
        while pos < n:
            nl = text.find("\n", pos)
            end = n if nl < 0 else nl
            start = pos
            pos = end + 1
            line = text[start:end]
            if not line.strip():
                continue
            i = bisect.bisect_right(cover_starts, end - 1) - 1
            if i >= 0 and covered[i][1] > start:
                continue  # part of a table row already read
            if self._skipped(outline, start):
                open_list = None
                continue
            style = _style(line) if open_list is not None or self.lex.heading.search(line) else None
            if open_list is not None:
                head_style, left, heading = open_list
                if left <= 0 or (style is not None and style == head_style) or (style is None and not _NOTE.match(line)):
                    open_list = None
                else:
                    out.qualifications.append(self._clause(dt, "qualification", start, end,
                                                           [f"位于“{heading}”之下的第{self.lex.max_items - left + 1}项"]))
                    open_list = (head_style, left - 1, heading)
                    continue
            opened = self._qualification_heading(line)
            if opened is not None:
                label, rest = opened
                if rest:
                    out.qualifications.append(self._clause(dt, "qualification", start, end, [f"以“{label}”开头的资格要求"]))
                open_list = (style, self.lex.max_items, label)
                continue
            if self._deposit_words.search(line):
                self._deposits(dt, start, end, out)
            if self.lex.awards.search(line):
                clause = self._clause(dt, "scoring", start, end, ["段落中有得分规则（得X分）"])
                found = [float(m.group(1)) for m in self.lex.points.finditer(line)]
                clause.points = max(found) if found else None
                out.scoring_rows.append(clause)
                continue
            if not self._any_trigger.search(line):
                continue  # most lines say nothing a topic looks for: no clause, no evidence built
            kind = self._kind_at(outline, start)
            hits = self._hits(dt, kind, start, end)
            if hits:
                clause = self._clause(dt, kind, start, end, [], hits)
                out.clauses.append(clause)

    def _qualification_heading(self, line: str) -> tuple[str, str] | None:
        """(the heading's label, what follows its colon) for a line opening a qualification list."""
        m = self.lex.heading.search(line)
        if m is None or "详见" in line[: m.end() + 12] or self.lex.negation.search(line[: m.end() + 4]):
            return None
        body = _NUMBER.sub("", line, count=1)
        colon = min((i for i in (body.find(":"), body.find("：")) if i >= 0), default=-1)
        if colon >= 0 and colon <= MAX_HEADING_CHARS and self.lex.heading.search(body[:colon]):
            return body[:colon].strip(), body[colon + 1:].strip()
        if len(body.strip()) <= MAX_HEADING_CHARS and not body.rstrip().endswith(("。", ";")):
            return body.strip(), ""
        return None

    def _deposits(self, dt: DocText, start: int, end: int, out: FairFacts) -> None:
        text = dt.text
        done = start
        for m in self._deposit_words.finditer(text, start, end):
            if m.start() < done:
                continue  # said again inside the deposit just read ("履约担保\t履约担保金额为…")
            stop = min(end, m.end() + DEPOSIT_WINDOW)
            cut = [i for ch in "。;" if (i := text.find(ch, m.end(), stop)) >= 0]
            stop = min(cut) if cut else stop
            window = text[m.end():stop]
            sentence_from = max(text.rfind(ch, start, m.start()) for ch in "。;\t")
            before = text[max(start, sentence_from + 1):m.start()]
            if self.lex.waived.search(window) or self.lex.waived.search(before[-8:]):
                continue
            unrelated = self.lex.unrelated.search(window)
            if unrelated is not None:
                window = window[:unrelated.start()]
                stop = m.end() + unrelated.start()
            if any(w in window or w in before for w in self.lex.restating):
                continue
            kind: DepositKind = "bid" if m.group(0) in self.lex.bid_words else "performance"
            pm = self.lex.percent.search(window)
            am = self.lex.amount.search(window)
            if pm is None and am is None:
                continue
            amount = None
            if am is not None:
                amount = float(am.group(1).replace(",", "")) * (10_000 if am.group(2) == "万元" else 1)
            percent = float(pm.group(1)) if pm is not None else None
            said = text[m.start():stop].strip()
            reasons = [f"“{m.group(0)}”后{'为' if pm or am else ''}"
                       + "、".join(x for x in (pm.group(0) if pm else "", am.group(0) if am else "") if x)]
            if any(d.kind == kind and d.text == said for d in out.deposits):
                continue
            out.deposits.append(Deposit(kind, said, amount, percent, dt.evidence(m.start(), stop), reasons))
            done = stop

    def _sme(self, dt: DocText, out: FairFacts) -> None:
        text = dt.text
        sme = out.sme
        m = self.lex.reserved.search(text)
        if m is not None:
            sme.reserved = True
            sme.evidence = dt.evidence(*_line(text, m.start()))
        m = self.lex.deduction.search(text)
        if m is not None:
            sme.price_deduction = True
            if not sme.evidence:
                sme.evidence = dt.evidence(*_line(text, m.start()))
        for m in self.lex.deduction_blank.finditer(text):  # wherever it is: the policy part is an annex
            sme.blank_evidence.append(dt.evidence(*_line(text, m.start())))
        m = self.lex.price_scoring.search(text)
        if m is not None:
            sme.price_scoring = True
            sme.price_scoring_evidence = dt.evidence(*_line(text, m.start()))

    # ---- one clause: its topics and credentials

    def _clause(self, dt: DocText, kind: ClauseKind, start: int, end: int, reasons: list[str],
                hits: list[TopicHit] | None = None) -> Clause:
        text = dt.text[start:end]
        clause = Clause(kind, " ".join(text.replace(CELL_SEP, " ").split()), dt.evidence(start, end), reasons)
        clause.hits = self._hits(dt, kind, start, end) if hits is None else hits
        if kind in ("qualification", "scoring"):
            clause.credentials = self._credentials(text)
        return clause

    def _hits(self, dt: DocText, kind: ClauseKind, start: int, end: int) -> list[TopicHit]:
        text = dt.text[start:end]
        hits = []
        for topic in self._topics_by_kind[kind]:
            if not any(t in text for t in topic.triggers):
                continue
            hit = self._hit(dt, topic, start, end)
            if hit is not None:
                hits.append(hit)
        return hits

    def _hit(self, dt: DocText, topic: Topic, start: int, end: int) -> TopicHit | None:
        text = dt.text
        if topic.unless_clause or topic.absent:
            clause = text[start:end]
            if any(u.search(clause) for u in topic.unless_clause) or any(a.search(clause) for a in topic.absent):
                return None
        for rx, variant in zip(topic.patterns, topic.variants):
            for m in rx.finditer(text, start, end):
                s, e = _sentence(text, m.start(), start, end)
                sentence = text[s:e]
                if any(u.search(sentence) for u in topic.unless):
                    continue
                if topic.requires and not any(r.search(sentence) for r in topic.requires):
                    continue
                if self.lex.negation.search(sentence):
                    continue
                return TopicHit(topic.name, m.group(0).strip(), dt.evidence(s, e), variant)
        return None

    def _credentials(self, text: str) -> list[str]:
        out: list[str] = []
        for m in self.lex.credential.finditer(text):
            name = self.lex.credential_strip.sub("", m.group(1))
            if len(name) >= 4 and name not in self.lex.credential_generic and name not in out:
                out.append(name)
        return out


def _sentence(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around ``pos`` within [lo, hi): between 。; marks and line breaks."""
    s = max([text.rfind(ch, lo, pos) for ch in SENTENCE_END + "\n"] + [lo - 1]) + 1
    ends = [i for i in (text.find(ch, pos, hi) for ch in SENTENCE_END + "\n") if i >= 0]
    return s, (min(ends) + 1 if ends else hi)


def _line(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


_NUM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:分|%)?\s*$")


def _number(t: str) -> float | None:
    m = _NUM.match(t)
    return float(m.group(1)) if m else None


def _is_number(t: str) -> bool:
    return _number(t) is not None


def evidence_of(hits: list[TopicHit]) -> list[Evidence]:
    return [e for h in hits for e in h.evidence]
