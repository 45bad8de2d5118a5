"""The outline of a tender: its headings, and the zone (the kind of part) every offset lies in.

A tender is read part by part: a brand in the 采购需求 is a designation, the same word in a response
form that bidders fill in, in an inventory of installed equipment or in quoted law is not. The
outline finds the headings (第一章/第一部分/一、/（一）/1./1.1, Word heading styles), classifies
each by the words of its title (``lexicons/zones.yaml``), and answers ``zone_at(offset)``: the kind
of the innermost classified heading above ``offset`` and the path of headings down to it.

How headings are found, and why:

- Only body lines are candidates (a line of ``dt.text`` that starts with an ingest ``Line``): headings
  inside table cells are the table's business, not the document's.
- A numbered line is a heading when its title is short and reads like a title (no sentence
  punctuation, no "label: value"); a Word paragraph styled "Heading N"/"标题 N" is a heading whatever
  its text. "第五章" or "附件 3" alone on a line takes the next line as its title.
- Table-of-contents entries are not headings: lines ending in leader dots or a page number, paragraphs
  in a Word "TOC N" style, the run of numbered lines after a "目录" line, and any run of three or more
  chapter lines with nothing between them (a TOC without page numbers, or "招标文件包括：第一章…").
  The body's own heading comes later and is the one that counts.
- Levels come from the numbering, not from the page: 第X册/卷 above 篇 above 部分 above 章 above 节
  above 附件N above 一、 above （一） above 1. above 1.1 above 1.1.1 above (1) above ①. A heading
  closes every open heading of its own rank or a lower one, so ``level`` is the nesting depth that
  results: a document with no chapter words has its top numbering at level 1.
- Kinds: the longest lexicon phrase in the title wins (ties: the one ending later), so
  "技术要求偏离表" is a deviation form, not 技术要求. A title with no phrase inherits the kind above.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast, get_args

import lexicons

from ..lexicon_io import read_mapping
from ..model import Evidence, Line
from ..normalize import DocText
from .lexicon import LexiconError, _fail

if TYPE_CHECKING:
    from .model import Facts

# What a part of a tender is. Ids are the JSON values; ZONE_LABELS are what a person reads.
ZoneKind = Literal["notice", "instructions", "evaluation", "contract", "requirements", "forms", "annex", "unknown"]
ZONE_LABELS: dict[str, str] = {
    "notice": "公告/邀请",
    "instructions": "须知/前附表",
    "evaluation": "评审/评分",
    "contract": "合同/商务条款",
    "requirements": "采购需求/技术要求",
    "forms": "投标/响应文件格式",
    "annex": "附件/政策引用",
    "unknown": "未识别",
}
# Finer tags a heading may carry inside a zone (from its title words): "inventory" (现有设备清单,
# 维护清单), "price_form" (报价表, 分项报价明细), "deviation" (技术偏离表), "policy_quote"
# (quoted law or policy text), "samples" (样品要求). None: no finer tag.
SubKind = Literal["inventory", "price_form", "deviation", "policy_quote", "samples"]
SUB_LABELS: dict[str, str] = {
    "inventory": "现有设备/维护清单",
    "price_form": "报价表",
    "deviation": "偏离表",
    "policy_quote": "政策/法规引用",
    "samples": "样品要求",
}

ZONES_FILE = "zones.yaml"
# Path entries and outline titles are cut to this many characters ("…" marks the cut).
MAX_PATH_TITLE = 30
# A zone path names at most this many headings, from the outermost.
MAX_PATH_DEPTH = 4
# A numbered line whose title is longer than this is a numbered paragraph, not a heading.
MAX_TITLE = 36
# A styled (Word heading) paragraph longer than this is body text someone styled as a heading.
MAX_STYLED = 80
# The title of a document: its first lines, up to this many characters.
TITLE_CHARS = 200
# A run of at least this many chapter lines with nothing between them is a list (a TOC), not headings.
MIN_CHAPTER_RUN = 3


@dataclass(frozen=True, slots=True)
class Heading:
    start: int  # offset of the heading line in dt.text
    end: int  # end of its section: the next heading of the same or a higher level (or the text's end)
    level: int  # 1 = the outermost numbering the document uses (chapter/part when it has them)
    number: str  # as written: "第五章", "二、", "1.1", "" for a Word heading style without a number
    title: str  # the words after the number
    kind: ZoneKind | None  # what the title says the part is; None: inherits its parent's
    sub: SubKind | None = None
    parent: int = -1  # index of the enclosing heading in Outline.headings, -1 for none
    reason: str = ""  # the phrase that decided kind/sub: "标题含“采购需求”"

    @property
    def label(self) -> str:
        """"第五章 采购需求", "二、技术要求": the number and title as a person reads them."""
        title = self.short_title
        if not self.number:
            return title
        if not title:
            return self.number
        return self.number + ("" if self.number[-1] in "、)）.:：" else " ") + title

    @property
    def short_title(self) -> str:
        """The title as the report's outline shows it: cut to MAX_PATH_TITLE characters."""
        return _cut(self.title)


@dataclass(frozen=True, slots=True)
class Zone:
    kind: ZoneKind
    path: tuple[str, ...] = ()  # headings from the outermost down: ("第五章 采购需求", "二、技术要求")
    sub: SubKind | None = None
    reason: str = ""  # why this kind: the heading or title phrase that decided it

    @property
    def label(self) -> str:
        return ZONE_LABELS[self.kind]

    @property
    def sub_label(self) -> str | None:
        """What a person reads for ``sub`` ("报价表"), or None."""
        return SUB_LABELS[self.sub] if self.sub else None

    @property
    def text(self) -> str:
        """"第五章 采购需求 › 二、技术要求", or the zone label when no heading is above."""
        return " › ".join(self.path) if self.path else self.label


UNKNOWN = Zone("unknown")


@dataclass(slots=True)
class Outline:
    headings: list[Heading] = field(default_factory=list)
    default: Zone = UNKNOWN  # the zone of text under no classified heading (a bare 采购需求书: requirements)
    # Parallel to ``headings``: start offsets (for bisect) and the zone of each heading's own text.
    _starts: list[int] = field(default_factory=list, repr=False)
    _zones: list[Zone] = field(default_factory=list, repr=False)

    def zone_at(self, offset: int) -> Zone:
        """The zone of the character at ``offset`` in dt.text."""
        headings = self.headings
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0 and headings[i].end <= offset:
            i = headings[i].parent
        return self._zones[i] if i >= 0 else self.default

    def spans(self, kinds: tuple[str, ...], end: int) -> list[tuple[int, int]]:
        """The stretches of dt.text[0:end] whose zone is one of ``kinds``, merged, in order: zones change
        only where a heading starts or a section ends."""
        cuts = sorted({0, end, *(h.start for h in self.headings if h.start < end),
                       *(h.end for h in self.headings if h.end < end)})
        out: list[tuple[int, int]] = []
        for a, b in itertools.pairwise(cuts):
            if a < b and self.zone_at(a).kind in kinds:
                if out and out[-1][1] == a:
                    out[-1] = (out[-1][0], b)
                else:
                    out.append((a, b))
        return out

    def heading_at(self, offset: int) -> Heading | None:
        """The innermost heading whose section holds ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0 and self.headings[i].end <= offset:
            i = self.headings[i].parent
        return self.headings[i] if i >= 0 else None

    def summary(self, max_level: int = 3, limit: int = 200) -> list[Heading]:
        """The headings a reader needs (classified ones and levels ≤ ``max_level``), at most ``limit``."""
        out: list[Heading] = []
        for h in self.headings:
            if h.level <= max_level or h.kind is not None or h.sub is not None:
                out.append(h)
                if len(out) >= limit:
                    break
        return out


def _cut(title: str) -> str:
    return title if len(title) <= MAX_PATH_TITLE else title[:MAX_PATH_TITLE - 1] + "…"


# ---------------------------------------------------------------------------------------------
# The lexicon: lexicons/zones.yaml


@dataclass(frozen=True, slots=True)
class _Phrase:
    phrase: str
    kind: ZoneKind | None
    sub: SubKind | None
    at_end: bool


@dataclass(frozen=True, slots=True)
class ZoneLexicon:
    # Phrases by their first character, for a scan of short titles position by position.
    by_first: dict[str, tuple[_Phrase, ...]]
    requirement_titles: tuple[str, ...]

    def classify(self, title: str) -> tuple[ZoneKind | None, SubKind | None, str]:
        """(kind, sub, reason) of a heading title; (None, None, "") when no phrase is in it."""
        best: tuple[int, int] | None = None
        chosen: _Phrase | None = None
        by_first = self.by_first
        n = len(title)
        for i, ch in enumerate(title):
            for p in by_first.get(ch, ()):
                if not title.startswith(p.phrase, i):
                    continue
                end = i + len(p.phrase)
                if p.at_end and end != n:
                    continue
                key = (len(p.phrase), end)
                if best is None or key > best:
                    best, chosen = key, p
        if chosen is None:
            return None, None, ""
        return chosen.kind, chosen.sub, f"标题含“{chosen.phrase}”"


_KINDS: tuple[str, ...] = tuple(k for k in get_args(ZoneKind) if k != "unknown")
_SUBS: tuple[str, ...] = get_args(SubKind)


def _entries(path: Path, where: str, value: Any) -> list[tuple[str, bool]]:
    """(phrase, at_end) of a list of ``{source, phrases, match?}`` entries; every entry needs a source."""
    if not isinstance(value, list) or not value:
        raise _fail(path, f"“{where}”应为非空列表 / '{where}' must be a non-empty list")
    out: list[tuple[str, bool]] = []
    for n, entry in enumerate(value, 1):
        if not isinstance(entry, dict):
            raise _fail(path, f"“{where}”第{n}项应为映射 / '{where}' entry {n} must be a mapping")
        if not isinstance(entry.get("source"), str) or not entry["source"].strip():
            raise _fail(path, f"“{where}”第{n}项缺少 source / '{where}' entry {n} has no source")
        phrases = entry.get("phrases")
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise _fail(path, f"“{where}”第{n}项的 phrases 应为非空字符串列表 / '{where}' entry {n}: "
                              "'phrases' must be a non-empty list of strings")
        match = entry.get("match", "any")
        if match not in ("any", "end"):
            raise _fail(path, f"“{where}”第{n}项 match 应为 any 或 end / '{where}' entry {n}: match must be any|end")
        out += [(_squeeze(p), match == "end") for p in phrases]
    return out


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def load_zone_lexicon(root: Path | None = None) -> ZoneLexicon:
    """``lexicons/zones.yaml``, validated; a bad file raises ``LexiconError`` naming it."""
    return _load_zone_lexicon(root or lexicons.DIR)


@functools.lru_cache(maxsize=4)
def _load_zone_lexicon(root: Path) -> ZoneLexicon:
    path = root / ZONES_FILE
    data = read_mapping(path, _fail)
    kinds = data.get("kinds")
    subs = data.get("subs")
    if not isinstance(kinds, dict) or not isinstance(subs, dict):
        raise _fail(path, "应有映射“kinds”和“subs” / 'kinds' and 'subs' must be mappings")
    phrases: dict[str, _Phrase] = {}

    def add(phrase: str, at_end: bool, kind: ZoneKind | None, sub: SubKind | None, where: str) -> None:
        old = phrases.get(phrase)
        if old is not None and (old.kind, old.sub) != (kind, sub):
            raise _fail(path, f"短语“{phrase}”重复且归类不同 / phrase {phrase!r} listed twice with different kinds "
                              f"({where})")
        phrases[phrase] = _Phrase(phrase, kind, sub, at_end)

    for name, value in kinds.items():
        if name not in _KINDS:
            raise _fail(path, f"未知的区域类型“{name}” / unknown zone kind {name!r} (known: {', '.join(_KINDS)})")
        for phrase, at_end in _entries(path, f"kinds.{name}", value):
            add(phrase, at_end, cast(ZoneKind, name), None, f"kinds.{name}")
    for name, spec in subs.items():
        if name not in _SUBS:
            raise _fail(path, f"未知的细分类型“{name}” / unknown sub kind {name!r} (known: {', '.join(_SUBS)})")
        if not isinstance(spec, dict) or "kind" not in spec:
            raise _fail(path, f"“subs.{name}”应为含 kind 与 entries 的映射 / 'subs.{name}' needs 'kind' and 'entries'")
        implied = spec["kind"]
        if implied is not None and implied not in _KINDS:
            raise _fail(path, f"“subs.{name}.kind”未知：{implied} / 'subs.{name}.kind' unknown: {implied!r}")
        for phrase, at_end in _entries(path, f"subs.{name}.entries", spec.get("entries")):
            add(phrase, at_end, cast("ZoneKind | None", implied), cast(SubKind, name), f"subs.{name}")
    missing = [k for k in _KINDS if k not in kinds]
    if missing:
        raise _fail(path, f"缺少区域类型 / missing zone kinds: {', '.join(missing)}")
    titles = tuple(p for p, _ in _entries(path, "requirement_titles", data.get("requirement_titles")))
    by_first: dict[str, list[_Phrase]] = {}
    for p in phrases.values():
        by_first.setdefault(p.phrase[0], []).append(p)
    return ZoneLexicon({k: tuple(v) for k, v in by_first.items()}, titles)


# ---------------------------------------------------------------------------------------------
# Finding the headings

_CN = "一二三四五六七八九十百零〇两"
# Numbering of a heading line, one alternative per rank (lower rank = outer). Text is NFKC-normalised:
# "（一）" is "(一)", "１．" is "1.".
_RANKS: tuple[tuple[float, str], ...] = (
    (0, rf"第[{_CN}\d]+[册卷]"),
    (1, rf"第[{_CN}\d]+篇"),
    (2, rf"第[{_CN}\d]+部分"),
    (3, rf"第[{_CN}\d]+章"),
    (4, rf"第[{_CN}\d]+节"),
    (5, rf"(?:附件|附表|附录)[ \t]*[{_CN}\d]{{0,3}}"),
    (6, rf"[{_CN}]{{1,3}}[、.](?!\d)"),
    (7, rf"\([{_CN}]{{1,3}}\)"),
    (8, r"\d{1,2}(?:、|\.(?![\d]))"),
    (9, r"\d{1,2}\.\d{1,2}(?![\d.]\d)\.?"),
    (10, r"\d{1,2}\.\d{1,2}\.\d{1,2}(?![\d.]\d)\.?"),
    (11, r"\d{1,2}\.\d{1,2}\.\d{1,2}\.\d{1,2}\.?"),
    (12, r"\(\d{1,2}\)"),
    (13, "[\u2460-\u2473]"),
)
_NUMBER = re.compile("|".join(f"(?P<r{i}>{pat})" for i, (_, pat) in enumerate(_RANKS)))
_RANK_OF = {f"r{i}": rank for i, (rank, _) in enumerate(_RANKS)}
CHAPTER_RANK = 3  # 第X章 and everything above it are chapter words
ANNEX_RANK = 5
# Where a Word heading style with no number in its text sits among the numbered ranks.
_STYLE_RANK = {1: 3.0, 2: 4.5, 3: 5.5, 4: 6.5, 5: 7.5, 6: 8.5}
# Lines worth a look: they start like a numbering, or are a "…目录" line.
# Lines worth a look: they start (after spaces) with a numbering and are short, with no tab (a
# table row) and no sentence punctuation (``_SENTENCE``: a numbered sentence is not a heading). A numbered line longer than a title and its number is a paragraph. One regex over
# the whole text: it finds the few hundred candidates of a 150k-character tender in about a millisecond.
MAX_LINE = MAX_TITLE + 14
_CANDIDATE = re.compile(rf"\n[ ]*(?:第[{_CN}\d]+[册卷篇章节部]|附[件表录]|[{_CN}]{{1,3}}[、.]|\([{_CN}\d]{{1,3}}\)"
                        rf"|\d{{1,2}}[.、]|[\u2460-\u2473])[^\n\t。；;，,！!？?]{{0,{MAX_LINE}}}(?=\n|$)")
_TOC_MARK = re.compile(r"[ \t]*\S{0,12}目录\s*$")
_NON_SPACE = re.compile(r"\S")
# A TOC entry: leader dots (or dashes, underscores) and/or a page number at the end of the line.
_TOC_LINE = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|-{4,}|_{4,})\s*\d{0,4}\s*$|[\s.…·]\d{1,3}\s*$")
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*\d*$|^toc heading$", re.IGNORECASE)
# Separators between a number and its title.
_SEP = " \t:：、.-—"
# Characters that make a numbered line a sentence, not a heading.
_SENTENCE = re.compile(r"[。；;，,！!？?]|:\s*\S")
_WORD = re.compile(rf"[{_CN}\u4e00-\u9fffA-Za-z]")


@dataclass(slots=True)
class _Cand:
    start: int
    line_end: int  # end of the line (or of the title line that follows a bare number)
    rank: float
    number: str
    title: str
    styled: bool
    chapter: bool
    toc: bool = False
    label: bool = False  # the title ends with a colon: a field label ("(三)技术参数："), not a part title


def _styled_lines(dt: DocText) -> dict[int, str]:
    """Line starts of Word paragraphs in a heading or TOC style → the style (PDF lines have none)."""
    if dt.document.format != "docx":
        return {}
    text = dt.text
    known: dict[str, bool] = {}
    out: dict[int, str] = {}
    for seg in dt.segments:
        src = seg.source
        if not isinstance(src, Line):
            continue
        style = src.style
        if style is None or style == "Normal":
            continue
        wanted = known.get(style)
        if wanted is None:
            wanted = known[style] = bool(_HEADING_STYLE.match(style) or _TOC_STYLE.match(style))
        s = seg.start
        if wanted and (s == 0 or text[s - 1] == "\n"):
            out[s] = style
    return out


def _body_line_start(dt: DocText, offset: int) -> bool:
    """Whether a body ``Line`` (not a table cell) starts at ``offset``."""
    starts = dt.starts
    i = bisect.bisect_left(starts, offset)
    return i < len(starts) and starts[i] == offset and isinstance(dt.segments[i].source, Line)


def _split_number(line: str) -> tuple[float, str, str] | None:
    """(rank, number, rest) when ``line`` starts with a heading numbering."""
    m = _NUMBER.match(line)
    if m is None or m.lastgroup is None:
        return None
    number = m.group().strip()
    rest = line[m.end():].lstrip(_SEP).strip()
    return _RANK_OF[m.lastgroup], number.replace(" ", ""), rest


def _is_title(title: str) -> bool:
    if not title or len(title) > MAX_TITLE or not _WORD.search(title):
        return False
    return not _SENTENCE.search(title.rstrip(":："))


def _clean_title(title: str) -> str:
    return title.rstrip(":： ").strip()


def _candidates(dt: DocText) -> list[_Cand]:
    text = dt.text
    styled = _styled_lines(dt)
    starts: set[int] = set(styled)
    starts.update(m.start() + 1 for m in _CANDIDATE.finditer(text))
    if _CANDIDATE.match("\n" + text[:MAX_LINE + 2]):
        starts.add(0)
    i = text.find("目录")
    while i >= 0:
        line_start = text.rfind("\n", 0, i) + 1
        if _TOC_MARK.match(text, line_start, text.find("\n", i) % (len(text) + 1)):
            starts.add(line_start)
        i = text.find("目录", i + 2)
    out: list[_Cand] = []
    skip_until = -1
    for start in sorted(starts):
        if start < skip_until or not (start in styled or _body_line_start(dt, start)):
            continue
        style = styled.get(start)
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        if not line:
            continue
        style_level = None
        if style:
            if _TOC_STYLE.match(style):
                out.append(_Cand(start, end, 99, "", line, False, False, toc=True))
                continue
            m = _HEADING_STYLE.match(style)
            style_level = int(m.group(1)) if m else None
        if _TOC_MARK.match(line):
            out.append(_Cand(start, end, 99, "", line, False, False, toc=True))
            continue
        split = _split_number(line)
        if split is None:
            if style_level is None or len(line) > MAX_STYLED:
                continue
            rank, number, title = _STYLE_RANK.get(style_level, 9.5), "", line
        else:
            rank, number, title = split
        # Leader dots or a page number after the title ("附件 16" alone is a number, not a page).
        toc = style_level is None and bool(_TOC_LINE.search(title))
        colon = title.endswith((":", "："))
        line_end = end
        if toc:
            title = _TOC_LINE.sub("", title).strip()
        elif not title and rank in (0, 1, 2, 3, 4, ANNEX_RANK):
            # "第五章" or "附件 3" alone on its line: the title is the next line.
            nxt_end = text.find("\n", end + 1)
            nxt_end = len(text) if nxt_end < 0 else nxt_end
            nxt = text[end + 1:nxt_end].strip()
            if _is_title(nxt) and _body_line_start(dt, end + 1) and _split_number(nxt) is None:
                title, line_end = nxt, nxt_end
                skip_until = nxt_end
        title = _clean_title(title)
        if style_level is None and not toc:
            if number and not title and rank > ANNEX_RANK:
                continue
            if title and not _is_title(title):
                continue
        elif style_level is not None and len(title) > MAX_STYLED:
            continue
        out.append(_Cand(start, line_end, rank, number, title, style_level is not None, rank <= CHAPTER_RANK, toc,
                         colon))
    _mark_lists(text, out)
    return _drop_repeated_chapters([c for c in out if not c.toc])


def _drop_repeated_chapters(cands: list[_Cand]) -> list[_Cand]:
    """A tender names each chapter once; a chapter line written again is a list of the parts
    ("招标文件包括：第一册 专用条款 …") or a TOC entry: keep the Word-styled one, else the last."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(cands):
        if c.chapter:
            groups.setdefault((c.number, c.title), []).append(i)
    drop: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        styled = [i for i in members if cands[i].styled]
        keep = styled if styled else members[-1:]
        drop.update(i for i in members if i not in keep)
    return [c for i, c in enumerate(cands) if i not in drop] if drop else cands


def _adjacent(text: str, a: _Cand, b: _Cand) -> bool:
    """Whether ``b`` starts on the line right after ``a`` (blank lines between are allowed)."""
    return _NON_SPACE.search(text, a.line_end, b.start) is None


def _mark_lists(text: str, cands: list[_Cand]) -> None:
    """Mark table-of-contents entries and chapter lists, in place (``toc = True``)."""
    n = len(cands)
    i = 0
    while i < n:
        c = cands[i]
        if c.toc and _TOC_MARK.match(c.title):
            # The run after a "目录" line: numbered lines or TOC lines with nothing between them,
            # until a styled heading or a title the run already listed (the body has begun).
            seen: set[str] = set()
            j = i + 1
            while j < n and _adjacent(text, cands[j - 1], cands[j]) and not cands[j].styled:
                key = cands[j].number + cands[j].title
                if key in seen:
                    break
                seen.add(key)
                cands[j].toc = True
                j += 1
            i = j
            continue
        if c.chapter and not c.styled and not c.toc:
            j = i + 1
            listed = {c.number + c.title}
            while j < n and cands[j].chapter and not cands[j].styled and _adjacent(text, cands[j - 1], cands[j]) \
                    and cands[j].number + cands[j].title not in listed:  # a repeat: the body has begun
                listed.add(cands[j].number + cands[j].title)
                j += 1
            if j - i >= MIN_CHAPTER_RUN:
                for k in range(i, j):
                    cands[k].toc = True
            i = max(j, i + 1)
            continue
        i += 1


# ---------------------------------------------------------------------------------------------
# Building the outline


def _document_default(dt: DocText, lex: ZoneLexicon, has_chapters: bool) -> Zone:
    if has_chapters:
        return UNKNOWN
    head = re.sub(r"\s+", "", dt.text[:TITLE_CHARS])
    for phrase in sorted(lex.requirement_titles, key=len, reverse=True):
        if phrase in head:
            return Zone("requirements", reason=f"文件标题含“{phrase}”")
    return UNKNOWN


def build_outline(dt: DocText, lexicon: ZoneLexicon | None = None) -> Outline:
    """The outline of ``dt``: its headings, their levels, kinds and sections."""
    lex = lexicon or load_zone_lexicon()
    cands = _candidates(dt)
    text_end = len(dt.text)
    # Nesting: a heading closes every open heading of its rank or a lower (inner) one.
    stack: list[int] = []
    ranks: list[float] = []
    parents: list[int] = []
    levels: list[int] = []
    ends: list[int] = [text_end] * len(cands)
    for i, c in enumerate(cands):
        while stack and ranks[stack[-1]] >= c.rank:
            ends[stack.pop()] = c.start
        parents.append(stack[-1] if stack else -1)
        ranks.append(c.rank)
        stack.append(i)
        levels.append(len(stack))
    has_chapters = any(c.rank <= CHAPTER_RANK and not c.styled for c in cands)
    default = _document_default(dt, lex, has_chapters)
    outline = Outline(default=default)
    for i, c in enumerate(cands):
        kind, sub, reason = lex.classify(c.title)
        if c.label and c.rank > ANNEX_RANK and parents[i] >= 0 and outline._zones[parents[i]].kind != "unknown":
            # "(三)技术参数：" in a contract form is a field to fill in, not a part of the tender.
            kind, sub, reason = None, None, ""
        h = Heading(c.start, ends[i], levels[i], c.number, c.title, kind, sub, parents[i], reason)
        outline.headings.append(h)
        outline._starts.append(c.start)
        p = parents[i]
        above = outline._zones[p] if p >= 0 else default
        path = (above.path + (h.label,))[:MAX_PATH_DEPTH] if p >= 0 else (h.label,)
        if kind is not None:
            zone = Zone(kind, path, sub, reason)
        elif sub is not None:
            zone = Zone(above.kind, path, sub, reason)
        else:
            zone = Zone(above.kind, path, above.sub, above.reason)
        outline._zones.append(zone)
    return outline


def check_lexicon(root: Path | None = None) -> None:
    """Load and validate ``zones.yaml`` (for start-up checks); raises ``LexiconError``."""
    load_zone_lexicon(root)




# ---------------------------------------------------------------------------------------------
# Zones of facts


def zone_of(outline: Outline, evidence: Sequence[Evidence]) -> Zone | None:
    """The zone of the first evidence that knows its offset in the text; None when none does."""
    for e in evidence:
        if e.offset is not None:
            return outline.zone_at(e.offset)
    return None


def assign_zones(facts: Facts) -> None:
    """Give every fact the zone of its first evidence, unless its extractor already set one. Every fact
    of ``Facts`` (or in one of its lists) that has a ``zone`` gets one: a new fact type needs no line here."""
    outline = facts.outline
    if not isinstance(outline, Outline):
        return
    for name in facts.__dataclass_fields__:
        value = getattr(facts, name)
        for fact in value if isinstance(value, list) else (value,):
            if hasattr(fact, "zone") and fact.zone is None:
                fact.zone = zone_of(outline, fact.evidence)
    project = facts.project
    for name, evidence in project.evidence.items():
        if name not in project.zones:
            zone = zone_of(outline, evidence)
            if zone is not None:
                project.zones[name] = zone


__all__ = [
    "SUB_LABELS",
    "UNKNOWN",
    "ZONE_LABELS",
    "Heading",
    "LexiconError",
    "Outline",
    "SubKind",
    "Zone",
    "ZoneKind",
    "ZoneLexicon",
    "assign_zones",
    "build_outline",
    "load_zone_lexicon",
    "zone_of",
]
