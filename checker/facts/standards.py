"""Standard references: national, industry, local (DB33/T), group (T/), enterprise (Q/), international.

Codes come out canonical: half-width ``PREFIX NUMBER[-YEAR]`` ("GB/T 50231-2016", "Q/HY 001-2021");
international codes keep their own year mark ("ISO 9001:2015"). The title in 《》 right after or right
before the code is kept.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..normalize import DocText
from .items import Section, section_finder
from .lexicon import StandardPrefix
from .model import StandardRef

# Without a year, a bare prefix + short number is too often a model or a size ("HJ 2", "SL 10").
MIN_DIGITS_WITHOUT_YEAR = 3
_DASH = r"[-‐‑‒–—―－~]"
_YEAR = rf"(?:\s?{_DASH}\s?(?P<year>(?:19|20)\d\d|\d\d)(?!\d))"
# A part number after a slash, only before a year: JTG F80/1-2017 (公路工程质量检验评定标准 第一册).
_NUMBER = rf"(?P<num>\d{{1,6}}(?:\.\d{{1,3}})*(?:/\d{{1,2}}(?=\s?{_DASH}\s?(?:19|20)\d\d))?)"
# 特种设备安全技术规范 carry a series letter before the number: TSG T7001-2023 (电梯), TSG D0001 (管道); so do
# 公路工程行业标准: JTG F80/1-2017, JTG/T F50-2011 (施工), JTG D60-2015 (设计).
_SERIES = r"(?:(?:(?<=TSG)|(?<=JTG)|(?<=G/T))\s?(?P<series>[A-Z])(?=\d))?"
_INTL_NUMBER = r"(?P<num>\d{1,6}(?:[.-]\d{1,4})*)"
_INTL_YEAR = r"(?::\s?(?P<year>(?:19|20)\d\d))"
# Not glued to a Latin letter or digit before it: "ZC-YJV", "2TB", "S13" are no standards; nor a part of
# a hyphenated project code ("TAHP-ZB-2023-1790": ZB is no standard there).
_GLUED = "[A-Za-z0-9/]"
_CODE_PART = r"(?<![A-Za-z0-9]-)(?<![A-Za-z0-9]_)"
_PLAIN_PREFIX = re.compile(r"[A-Z][A-Z0-9]*")
_WHITESPACE = re.compile(r"\s")
_WHITESPACE_RUN = re.compile(r"\s+")
_SLASH_BODY = re.compile(r"/\s?(IEC|EN|ISO)")
# A second part of the same series after a slash, spelt from the first's part number: "GB 15629.11/1102"
# is GB 15629.11 and GB 15629.1102 (the WLAN security standards government procurement prefers).
_SECOND_PART = re.compile(r"/\s?(?P<part>\d{2,6})(?![\d.])")
_TITLE_AFTER = re.compile(r"\s{0,2}《([^》\n]{1,80})》")
_TITLE_BEFORE = re.compile(r"《([^《》\n]{1,80})》[\s(（:：]{0,3}$")


class StandardExtractor:
    def __init__(self, prefixes: list[StandardPrefix]) -> None:
        self.kinds = {p.prefix: p.kind for p in prefixes}
        cn = sorted((p.prefix for p in prefixes if p.kind != "international"), key=len, reverse=True)
        intl = sorted((p.prefix for p in prefixes if p.kind == "international"), key=len, reverse=True)
        cn_alt = "|".join(cn)
        intl_alt = "|".join(intl)
        lead = rf"(?<!{_GLUED}){_CODE_PART}"
        self.cn = re.compile(
            lead + rf"(?P<prefix>(?:DB\d{{2}}|DBJ\d{{2}}|{cn_alt})(?:\s?/\s?[TZ])?|[TQ]\s?/\s?[A-Z0-9]{{0,15}}[A-Z])"
            rf"(?:\s?(?:{_DASH}|/)?\s*|\s*){_SERIES}{_NUMBER}{_YEAR}?(?!\d)"
        )
        self.intl = re.compile(
            lead + rf"(?P<prefix>(?:{intl_alt})(?:\s(?:{intl_alt}))*)(?:\s?/\s?(?:IEC|EN|ISO))?"
            rf"\s?{_INTL_NUMBER}{_INTL_YEAR}?(?![\d])"
        )
        self.cn_starts = _starts(["DB", "T", "Q", *cn])
        self.intl_starts = _starts(intl)

    def extract(self, dt: DocText, sections: list[Section]) -> list[StandardRef]:
        text = dt.text
        found: list[tuple[int, int, str, str]] = []
        for m in _finditer(self.cn, self.cn_starts, text):
            got = self._cn(m)
            if got:
                found.append((m.start(), m.end(), *got))
                second = self._second_part(m, text, got[0])
                if second:
                    found.append((m.start(), second[0], second[1], got[1]))
        # Spans already read as national/industry codes, in text order (finditer yields them so).
        taken_starts = [a for a, _, _, _ in found]
        taken_ends = [b for _, b, _, _ in found]
        for m in _finditer(self.intl, self.intl_starts, text):
            k = bisect.bisect_right(taken_starts, m.start()) - 1
            if k >= 0 and m.start() < taken_ends[k]:
                continue
            got = self._intl(m)
            if got:
                found.append((m.start(), m.end(), *got))
        found.sort()
        out = []
        section_at = section_finder(sections)
        for start, end, code, kind in found:
            section = section_at(start)
            producer = _producer(text, start) if kind == "enterprise" else None
            out.append(StandardRef(code, kind, _title(text, start, end), dt.evidence(start, end),  # type: ignore[arg-type]
                                   section.name if section else None, producer))
        return out

    def _cn(self, m: re.Match[str]) -> tuple[str, str] | None:
        prefix = _WHITESPACE.sub("", m.group("prefix"))
        num, year = m.group("num"), m.group("year")
        if prefix.startswith(("T/", "Q/")):
            kind = "group" if prefix[0] == "T" else "enterprise"
        elif prefix.startswith("DBJ") or (prefix.startswith("DB") and prefix[2:4].isdigit()):
            kind = "local"
        else:
            base = prefix.split("/")[0]
            if base not in self.kinds:
                return None
            kind = self.kinds[base]
        # Without a year a short number is a model or a version ("HJ 2", "QC3.0" a charging protocol);
        # a part number after three digits or more is a code ("GB/T 7251.12").
        if year is None and len(num.split(".")[0]) < MIN_DIGITS_WITHOUT_YEAR:
            return None
        series = m.group("series") or ""
        code = f"{prefix} {series}{num}" + (f"-{year}" if year else "")
        return code, kind

    @staticmethod
    def _second_part(m: re.Match[str], text: str, code: str) -> tuple[int, str] | None:
        """Where a second part of the same series written after ``code`` ends, and its code: only after a
        part number without a year, and only spelt from it (11/1102, not 1/2: two parts of their own
        need their own code)."""
        num = m.group("num")
        if m.group("year") or "." not in num or "/" in num:
            return None
        nxt = _SECOND_PART.match(text, m.end())
        if nxt is None:
            return None
        first, part = num.rsplit(".", 1)[1], nxt.group("part")
        if not part.startswith(first) or len(part) <= len(first):
            return None
        return nxt.end(), code[: len(code) - len(first)] + part

    def _intl(self, m: re.Match[str]) -> tuple[str, str] | None:
        prefix = _WHITESPACE_RUN.sub(" ", m.group("prefix")).replace(" /", "/").replace("/ ", "/")
        num, year = m.group("num"), m.group("year")
        if year is None and len(num.split(".")[0].split("-")[0]) < MIN_DIGITS_WITHOUT_YEAR:
            return None
        full = m.group(0)
        slash = _SLASH_BODY.search(full)
        if slash:
            prefix = f"{prefix}/{slash.group(1)}"
        return f"{prefix} {num}" + (f":{year}" if year else ""), "international"


def _starts(prefixes: list[str]) -> re.Pattern[str] | None:
    """Where a code with one of ``prefixes`` may start: its first letter, not glued to the text before.

    None when a prefix is not a plain code (then only a full scan is safe)."""
    if not all(_PLAIN_PREFIX.fullmatch(p) for p in prefixes):
        return None
    first = "".join(sorted({p[0] for p in prefixes}))
    return re.compile(rf"[{first}](?<!{_GLUED}.)")


def _finditer(rx: re.Pattern[str], starts: re.Pattern[str] | None, text: str) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` (``rx`` never matches empty), trying ``rx`` only where ``starts`` finds a start.

    A pattern opening with a lookbehind makes the regex engine try every position of a long
    tender; a one-character class lets it skip ahead. Trying each candidate in order from the end
    of the last match yields the same leftmost, non-overlapping matches as finditer."""
    if starts is None:
        yield from rx.finditer(text)
        return
    pos = 0
    for candidate in starts.finditer(text):
        at = candidate.start()
        if at < pos:
            continue
        m = rx.match(text, at)
        if m is not None:
            yield m
            pos = m.end()


_COMPANY = re.compile(r"(?P<co>[\u4e00-\u9fffA-Za-z()]{2,40}?(?:股份有限公司|有限责任公司|有限公司|集团公司|公司|厂))"
                      r"(?:的|制定的|发布的)?(?:企业标准|企标|标准)?[\s:《]*$")
_VERB = re.compile(r"^.*?(?:符合|满足|执行|参照|按照|采用|依据|引用|参考)")


def _producer(text: str, start: int) -> str | None:
    """The company an enterprise standard belongs to, named right before it ("…有限公司企业标准Q/…")."""
    # The other marks are looked for within the line only: absent ones ("，" after NFKC) would
    # otherwise be looked for back to the start of the document.
    line = text.rfind("\n", 0, start)
    line_start = max(line, *(text.rfind(ch, line + 1, start) for ch in "\t。,，")) + 1
    m = _COMPANY.search(text[line_start:start])
    if not m:
        return None
    return _VERB.sub("", m.group("co")) or None


def _title(text: str, start: int, end: int) -> str | None:
    """《title》 right after the code, else right before it ("《…》GB 50016-2014", "《…》(GB 50016-2014)")."""
    after = _TITLE_AFTER.match(text[end:end + 90])
    if after:
        return after.group(1)
    before = _TITLE_BEFORE.search(text[max(0, start - 90):start])
    return before.group(1) if before else None
