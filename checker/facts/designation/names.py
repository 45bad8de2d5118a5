"""Layer 2: the names of a candidate's value, each validated — by the brand lexicon, by its shape,
or rejected with the reason (a generic word, a form label, a tier, a placeholder, a sentence)."""
from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ...model import Evidence
from ...nlp.pipeline import BRAND_SPANS, split_brands
from ...normalize import DocText
from ..lexicon import Lexicons, union
from .candidate import NameCheck
from .vocab import Known, KnownBrand, Phrases

MAX_BRAND_CHARS = 30
DESCRIPTOR = "名称前的描述词，非品牌"
# A tier phrase may carry a few characters of kind between its tier word and noun ("一线电池厂家").
TIER_HEAD_CHARS = 4
# A name not in the brand lexicon is rarely longer: longer pieces are phrases ("热轧镀锌板组装而成").
MAX_UNKNOWN_CHARS = 12
_TRAILING_BRACKET = re.compile(r"\([^()]*\)$")
_PAIR_SPACE = re.compile(r"\s*[/／]\s*")
_BRACKETED = re.compile(r"\([^()]*\)")
_LATIN_SPACED = re.compile(r"^[A-Za-z][A-Za-z .&\-]*$")
_TRAILING = "。.;；,，、 \t\n(（"
_NOT_A_NAME = re.compile(r"[\d\W_]+")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9.&\-]*$")
# Before a negation word, these turn it around: "不指定", "不得指定", "非指定", "无需指定".
# How far before a clause or a name a negation still speaks of it.
NEGATION_REACH = 12
# "远东、宝胜，柜内二次线采用…": after a list separated by "、" or "/", a comma starts the rest of the sentence.
_LIST_SEP = re.compile(r"[、/／]")
_CLAUSE_COMMA = re.compile(r"[，,]")
MAX_LAST_BRAND_CHARS = 10


# Conjunctions that may join two known names with no separator ("华为或华三").
_JOINERS = "或和及与"
# (name, offset, length, ok, how, known brand, ambiguous, product noun)
_Piece = tuple[str, int, int, bool, str, "str | None", bool, str]
# List texts split in another process, and how to fetch their pieces (``NameReader.primed``).
Primed = tuple[frozenset[str], Callable[[], dict[str, tuple[_Piece, ...]]]]
_MODEL = re.compile(r"[\sA-Za-z0-9\-./]*\d[\sA-Za-z0-9\-./]*")


@dataclass(slots=True)
class Read:
    """What a value holds: its names (valid or not, in order) and an equivalent clause found in it."""

    names: list[NameCheck]
    equivalent: list[Evidence]
    end: int = -1  # where what was read ends: the last name or the equivalent clause (-1: nothing read)


class _Primed:
    """List texts split in another process, fetched when the first of them is needed."""

    def __init__(self, heads: frozenset[str], fetch: Callable[[], dict[str, tuple[_Piece, ...]]]) -> None:
        self.heads = heads
        self._fetch: Callable[[], dict[str, tuple[_Piece, ...]]] | None = fetch
        self._got: dict[str, tuple[_Piece, ...]] = {}

    def get(self, head: str) -> tuple[_Piece, ...] | None:
        if head not in self.heads:
            return None
        if self._fetch is not None:
            fetch, self._fetch = self._fetch, None
            self._got = fetch()
        return self._got.get(head)


class NameReader:
    def __init__(self, lex: Lexicons, phrases: Phrases, known: Known) -> None:
        self.lex = lex
        self.phrases = phrases
        self.known = known
        bl = lex.brand_lists
        self.empty = set(bl.empty_values)
        self.empty_prefixes = tuple(e for e in bl.empty_values if len(e) >= 2)
        self.not_brand = union(bl.not_brand_words)
        self.tails = sorted(bl.list_tails, key=len, reverse=True)
        # Names the splitter keeps whole and Chinese/English pairs of one brand (brand_names.csv).
        self.protected = {form.casefold() for b in lex.brand_names
                          for form in ([b.name, b.alias, f"{b.name}/{b.alias}", f"{b.alias}/{b.name}"]
                                       if b.kind == "pair" else [b.name]) if form}
        stops = "|".join(re.escape(x) for x in sorted(bl.value_stops, key=len, reverse=True))
        # "…瓯冷，型号：OJ-MC800": a product field after the brand ends the brand value.
        # (the separator may be gone: "品牌：华为 型号：…" loses its space between Chinese characters)
        self.value_stop = re.compile(rf"[,，;；、\s]?\s*(?:{stops})\s*[:：]") if stops else None
        # Tenders repeat a list for many items: each distinct list text is split and checked once.
        self._split = functools.lru_cache(maxsize=4096)(self._split_uncached)
        self._primed: _Primed | None = None

    # -- values -------------------------------------------------------------------------------

    def is_empty(self, value: str) -> bool:
        v = value.strip().strip("。.;；")
        return not v or v in self.empty or v.startswith(self.empty_prefixes)

    def negated(self, text: str, pos: int) -> bool:
        """A negation in the 12 characters before ``pos`` ("不接受同等档次"); a negated negation is none:
        "本项目不指定品牌，所列品牌仅供参考" allows other brands as much as a clause without it."""
        return negated_before(text, pos, self.lex.equivalent.negations, self.phrases.negation_reversers)

    def value_end(self, text: str, start: int, end: int) -> int:
        """Where a product field ("，型号：") ends a value early."""
        if self.value_stop is not None:
            stop = self.value_stop.search(text, start, end)
            if stop:
                return stop.start()
        return end

    def read(self, dt: DocText, start: int, end: int) -> Read:
        """The names in dt.text[start:end] and the evidence of an equivalent clause found there."""
        clause, offset, head = self._list_text(dt.text[start:end])
        eq_ev: list[Evidence] = []
        eq_end = -1
        if clause is not None:
            eq_ev = dt.evidence(start + clause.start(), start + clause.end())
            eq_end = start + clause.end()
        if not head:
            return Read([], eq_ev, eq_end)
        names = [NameCheck(name, start + offset + at, start + offset + at + length, ok, how, known, amb, noun)
                 for name, at, length, ok, how, known, amb, noun in self._pieces(head)]
        return Read(names, eq_ev, max([n.end for n in names] + [eq_end]))

    def list_text(self, value: str) -> str:
        """The text of ``value`` that ``read`` splits into names ("" when there is none)."""
        return self._list_text(value)[2]

    def _list_text(self, text: str) -> tuple[re.Match[str] | None, int, str]:
        """An equivalent clause in the value (None when there is none, or it is negated), where the
        list starts, and the list: the value before the clause, without its opener, tail and closer."""
        m = self.lex.equivalent.local.search(text)
        clause = m if m and not self.negated(text, m.start()) else None
        head = cut_at_clause_comma(text[:m.start()] if m else text, self.phrases.sentence_words)
        lead = self.phrases.value_opener.match(head)
        offset = lead.end() if lead and self.known.match(head) is None else 0  # "如意" is a name, not "如"+"意"
        head = head[offset:].rstrip(_TRAILING)
        for tail in self.tails:
            if head.endswith(tail) and len(head) > len(tail):
                head = head[: -len(tail)].rstrip(_TRAILING)
                break
        closer = re.search(r"等([^、，,;；/]{0,10})$", head)
        if closer and (not closer.group(1) or self.phrases.list_closers.search(closer.group(1))):
            head = head[:closer.start()].rstrip(_TRAILING)  # "A、B、C等优质厂家产品"
        if not head:
            return clause, offset, ""
        # "AEG 公司 VL 系列": words that are no part of a name are blanked, offsets kept.
        head = self.phrases.value_masks.sub(lambda m: m.group() if _in_brackets(head, m.start()) else " " * len(m.group()),
                                            head)
        return clause, offset, head

    # -- splitting, possibly done ahead in another process ------------------------------------

    def split_all(self, heads: Iterable[str]) -> dict[str, tuple[_Piece, ...]]:
        """The pieces of each list text (``list_text``), as ``read`` would split them."""
        return {head: self._split(head) for head in heads}

    @contextlib.contextmanager
    def primed(self, heads: frozenset[str], fetch: Callable[[], dict[str, tuple[_Piece, ...]]]) -> Iterator[None]:
        """Meanwhile, the pieces of ``heads`` come from ``fetch`` (``split_all`` run in another
        process), asked for once, when the first of them is read: the same pieces, split elsewhere."""
        self._primed = _Primed(heads, fetch)
        try:
            yield
        finally:
            self._primed = None

    def _pieces(self, head: str) -> tuple[_Piece, ...]:
        got = self._primed.get(head) if self._primed is not None else None
        return got if got is not None else self._split(head)

    def _split_uncached(self, head: str) -> tuple[_Piece, ...]:
        """Each piece of one list text: (name, offset, length, ok, how, known brand, ambiguous, noun).

        A sentence after the list ("…约克等品牌，投标人可选用…") ends it: the invalid pieces after the
        last valid one are dropped. An invalid piece between valid ones is kept, marked, and left out
        of the brands: one odd word does not spoil a list. A piece made of known names ("雷士欧普" where
        the layout lost the space) or of a known name and a product ("欧姆龙PLC控制器") is cut into them."""
        pieces: list[_Piece] = []
        spans = list(split_brands(head).spans[BRAND_SPANS])
        for k, span in enumerate(spans):
            name = self.clean(span.text)
            if not name:
                continue
            at = span.start_char + max(0, span.text.find(name[:1]))
            parts = self._known_parts(name)
            if parts:
                for sub, off, kb, noun in parts:
                    pieces.append((sub, at + off, len(sub), True, f"品牌词表：{kb.brand}（{kb.field}）", kb.brand,
                                   kb.ambiguous, noun))
                continue
            ok, how, known, amb = self.check(name)
            if ok and not known and k == 0 and len(spans) > 1 and _space_before(head, span.end_char, spans[1].start_char):
                # "固封式弹簧机构 AEG 公司…": words before the first maker, parted by a space only, describe the item.
                nxt = self.clean(spans[1].text)
                if self.check(nxt)[2] or (_LATIN_NAME.match(nxt) and not _LATIN_NAME.match(name)):
                    ok, how = False, DESCRIPTOR
            pieces.append((name, at, len(name), ok, how, known, amb, ""))
        while pieces and not pieces[-1][3]:
            pieces.pop()  # the rest of the sentence after the list
        if pieces and not pieces[0][3] and pieces[0][4] != DESCRIPTOR:
            # "所投护眼灯为欧普、雷士…的得2分": a value that starts as a sentence is not a list.
            return tuple((n, a, ln, False, how if not ok else "值以句子开头，不是品牌清单", kb, amb, noun)
                         for n, a, ln, ok, how, kb, amb, noun in pieces)
        return tuple(pieces)

    def _known_parts(self, name: str) -> list[tuple[str, int, KnownBrand, str]]:
        """Known names that make up ``name``, with the product after the last one; [] when ``name`` is
        not made of them (a name that is known whole, or an unknown name, is read as it is)."""
        if self.known.get(name) is not None:
            return []
        parts: list[tuple[str, int, KnownBrand, str]] = []
        pos = 0
        while pos < len(name):
            got = self.known.match(name[pos:])
            if got is None and parts and name[pos] in _JOINERS and pos + 1 < len(name):
                after = self.known.match(name[pos + 1:])  # "华为或华三": a conjunction between two known names
                if after is not None:
                    pos += 1
                    got = after
            if got is None:
                break
            end, kb = got
            parts.append((name[pos:pos + end], pos, kb, ""))
            pos += end
        rest = name[pos:].strip()
        if not parts or not rest and len(parts) == 1:
            return []
        if rest:
            if not self.phrases.product_heads.search(rest) and not _MODEL.fullmatch(rest):
                return []  # "西门子医疗…": more than a known name and a product: read as written
            sub, off, kb, _ = parts[-1]
            parts[-1] = (sub, off, kb, rest)
        return parts

    def clean(self, text: str) -> str:
        name = text.strip().strip("\"“”'‘’")
        remark = _TRAILING_BRACKET.search(name)
        if remark and remark.start() > 0 and self.phrases.name_remarks.search(remark.group()):
            name = name[:remark.start()].rstrip()  # "三雄极光(不少于三个)": a remark, not an alternate name
        if name.startswith("(") and name.endswith(")"):
            name = name[1:-1]
        if name.count(")") > name.count("("):
            name = name.rstrip(")")
        if name.count("(") > name.count(")"):
            name = name.lstrip("(").split("(")[0] if name.startswith("(") else name.split("(")[0]
        for tail in self.tails:
            if name.endswith(tail) and len(name) > len(tail):
                name = name[: -len(tail)]
                break
        name = name.strip()
        for prefix in self.phrases.name_prefixes:
            if name.startswith(prefix) and len(name) > len(prefix) + 1:
                name = name[len(prefix):].strip()
                break
        return name

    def check(self, name: str) -> tuple[bool, str, str | None, bool]:
        """(is a name, how validated or why not, the known brand, ambiguous)."""
        if not name:
            return False, "空", None, False
        kb = self.known.get(name) or self._known_prefix(name)
        if kb is not None:
            return True, f"品牌词表：{kb.brand}（{kb.field}）", kb.brand, kb.ambiguous
        if _PAIR_SPACE.sub("/", name).casefold() in self.protected:
            return True, "品牌名对照表（brand_names.csv）", None, False
        if len(name) > MAX_BRAND_CHARS:
            return False, "过长，像句子而非名称", None, False
        if name.endswith((":", "：")):
            return False, "以冒号结尾，是表格标签", None, False
        if _NOT_A_NAME.fullmatch(name):
            return False, "不含文字", None, False
        if name.count("(") != name.count(")"):
            return False, "括号不配对", None, False
        if self.phrases.placeholder.match(name):
            return False, "占位符，未写出名称", None, False
        bad = self.not_brand.search(name)
        if bad:
            return False, f"含非品牌词“{bad.group()}”", None, False
        if name in self.phrases.generic_names:
            return False, "通用词，不是品牌名", None, False
        if self.phrases.tier_words.match(name) and (
                self._tier_only(self.phrases.tier_words.sub("", name)) or self.phrases.brand_cues.search(name)):
            return False, "档次词，未写出名称", None, False
        bare = _BRACKETED.sub("", name)  # "格兰富(Grundfos)": the alternate in brackets is the same name
        frag = self.phrases.sentence_fragments.search(bare) if len(bare) > 3 else None
        if frag:
            return False, f"含“{frag.group()}”，像句子片段而非名称", None, False
        if len(bare) > MAX_UNKNOWN_CHARS and not _LATIN_SPACED.match(bare):
            return False, f"超过{MAX_UNKNOWN_CHARS}字且不在品牌词表中", None, False
        return True, "形态：像品牌名", None, False

    def _tier_only(self, rest: str) -> bool:
        """What is left of a name after its tier words: nothing, or a few characters and a maker's noun
        ("国际一线", "一线电池厂家")."""
        if not rest:
            return True
        noun = self.phrases.maker_nouns.search(rest)
        head = rest[:noun.start()] if noun and noun.end() == len(rest) else rest
        return len(head) <= TIER_HEAD_CHARS and all("\u4e00" <= ch <= "\u9fff" for ch in head)

    def _known_prefix(self, name: str) -> KnownBrand | None:
        """A known brand followed by a model number ("EPSON532", "西门子S7-1200")."""
        got = self.known.match(name)
        if got is None:
            return None
        rest = name[got[0]:]
        return got[1] if re.fullmatch(r"[\sA-Za-z0-9\-./]*\d[\sA-Za-z0-9\-./]*", rest) else None


def _in_brackets(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside brackets: "曹娥(绍兴曹娥泵业股份有限公司)" keeps its company name."""
    return text.count("(", 0, pos) + text.count("（", 0, pos) > text.count(")", 0, pos) + text.count("）", 0, pos)


def _space_before(text: str, a: int, b: int) -> bool:
    between = text[a:b]
    return bool(between) and not between.strip(" \u3000")


def cut_at_clause_comma(head: str, sentence_words: re.Pattern[str]) -> str:
    """A list written with "、" or "/" ends at the first comma outside brackets: what follows is the rest
    of the parameter sentence ("电缆品牌：远东、宝胜，柜内二次线采用阻燃型…"), not another brand."""
    first = _LIST_SEP.search(head)
    if first is None:
        return head
    depth = 0
    for i in range(first.end(), len(head)):
        ch = head[i]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and _CLAUSE_COMMA.match(ch):
            earlier = _CLAUSE_COMMA.search(head, 0, first.start())
            return head if earlier or _last_brand(head[i + 1:], sentence_words) else head[:i]
    return head


def _last_brand(rest: str, sentence_words: re.Pattern[str]) -> bool:
    """After the comma comes one more short name and nothing else ("格兰富、威乐，南方泵业" before "或同档次"):
    a last brand behind a stray comma, not the rest of a parameter sentence."""
    rest = rest.strip()
    return 2 <= len(rest) <= MAX_LAST_BRAND_CHARS and not re.search(r"[，,；;。:：、/／\s\d]", rest) \
        and not sentence_words.search(rest)


def negated_before(text: str, pos: int, negations: re.Pattern[str], reversers: tuple[str, ...],
                   reach: int = NEGATION_REACH) -> bool:
    """A negation word in the ``reach`` characters before ``pos``, not itself turned around by one of
    ``reversers`` right before it ("不指定", "不得指定", "无需指定")."""
    for neg in negations.finditer(text, max(0, pos - reach), pos):
        if not text[max(0, neg.start() - 2):neg.start()].endswith(reversers):
            return True
    return False
