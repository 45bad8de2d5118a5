"""Standard references: national, industry, local (DB33/T), group (T/), enterprise (Q/), international.

Codes come out canonical: half-width ``PREFIX NUMBER[-YEAR]`` ("GB/T 50231-2016", "Q/HY 001-2021");
international codes keep their own year mark ("ISO 9001:2015"). The title in 《》 right after or right
before the code is kept.
"""
from __future__ import annotations

import bisect
import re

from ..normalize import DocText
from .items import Section, section_at
from .lexicon import StandardPrefix
from .model import StandardRef

# Without a year, a bare prefix + short number is too often a model or a size ("HJ 2", "SL 10").
MIN_DIGITS_WITHOUT_YEAR = 3
_DASH = r"[-‐‑‒–—―－~]"
_YEAR = rf"(?:\s?{_DASH}\s?(?P<year>(?:19|20)\d\d|\d\d)(?!\d))"
_NUMBER = r"(?P<num>\d{1,6}(?:\.\d{1,3})*)"
# 特种设备安全技术规范 carry a series letter before the number: TSG T7001-2023 (电梯), TSG D0001 (管道).
_SERIES = r"(?:(?<=TSG)\s?(?P<series>[A-Z])(?=\d))?"
_INTL_NUMBER = r"(?P<num>\d{1,6}(?:[.-]\d{1,4})*)"
_INTL_YEAR = r"(?::\s?(?P<year>(?:19|20)\d\d))"


class StandardExtractor:
    def __init__(self, prefixes: list[StandardPrefix]) -> None:
        self.kinds = {p.prefix: p.kind for p in prefixes}
        cn = sorted((p.prefix for p in prefixes if p.kind != "international"), key=len, reverse=True)
        intl = sorted((p.prefix for p in prefixes if p.kind == "international"), key=len, reverse=True)
        cn_alt = "|".join(cn)
        intl_alt = "|".join(intl)
        # Not glued to a Latin letter or digit before it: "ZC-YJV", "2TB", "S13" are no standards.
        lead = r"(?<![A-Za-z0-9/])"
        self.cn = re.compile(
            lead + rf"(?P<prefix>(?:DB\d{{2}}|DBJ\d{{2}}|{cn_alt})(?:\s?/\s?[TZ])?|[TQ]\s?/\s?[A-Z0-9]{{0,15}}[A-Z])"
            rf"(?:\s?(?:{_DASH}|/)?\s*|\s*){_SERIES}{_NUMBER}{_YEAR}?(?!\d)"
        )
        self.intl = re.compile(
            lead + rf"(?P<prefix>(?:{intl_alt})(?:\s(?:{intl_alt}))*)(?:\s?/\s?(?:IEC|EN|ISO))?"
            rf"\s?{_INTL_NUMBER}{_INTL_YEAR}?(?![\d])"
        )

    def extract(self, dt: DocText, sections: list[Section]) -> list[StandardRef]:
        text = dt.text
        found: list[tuple[int, int, str, str]] = []
        for m in self.cn.finditer(text):
            got = self._cn(m)
            if got:
                found.append((m.start(), m.end(), *got))
        # Spans already read as national/industry codes, in text order (finditer yields them so).
        taken_starts = [a for a, _, _, _ in found]
        taken_ends = [b for _, b, _, _ in found]
        for m in self.intl.finditer(text):
            k = bisect.bisect_right(taken_starts, m.start()) - 1
            if k >= 0 and m.start() < taken_ends[k]:
                continue
            got = self._intl(m)
            if got:
                found.append((m.start(), m.end(), *got))
        found.sort()
        out = []
        for start, end, code, kind in found:
            section = section_at(sections, start)
            producer = _producer(text, start) if kind == "enterprise" else None
            out.append(StandardRef(code, kind, _title(text, start, end), dt.evidence(start, end),  # type: ignore[arg-type]
                                   section.name if section else None, producer))
        return out

    def _cn(self, m: re.Match[str]) -> tuple[str, str] | None:
        prefix = re.sub(r"\s", "", m.group("prefix"))
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
        if year is None and len(num.split(".")[0]) < MIN_DIGITS_WITHOUT_YEAR and "." not in num:
            return None
        series = m.group("series") or ""
        code = f"{prefix} {series}{num}" + (f"-{year}" if year else "")
        return code, kind

    def _intl(self, m: re.Match[str]) -> tuple[str, str] | None:
        prefix = re.sub(r"\s+", " ", m.group("prefix")).replace(" /", "/").replace("/ ", "/")
        num, year = m.group("num"), m.group("year")
        if year is None and len(num.split(".")[0].split("-")[0]) < MIN_DIGITS_WITHOUT_YEAR:
            return None
        full = m.group(0)
        slash = re.search(r"/\s?(IEC|EN|ISO)", full)
        if slash:
            prefix = f"{prefix}/{slash.group(1)}"
        return f"{prefix} {num}" + (f":{year}" if year else ""), "international"


_COMPANY = re.compile(r"(?P<co>[\u4e00-\u9fffA-Za-z()]{2,40}?(?:股份有限公司|有限责任公司|有限公司|集团公司|公司|厂))"
                      r"(?:的|制定的|发布的)?(?:企业标准|企标|标准)?[\s:《]*$")
_VERB = re.compile(r"^.*?(?:符合|满足|执行|参照|按照|采用|依据|引用|参考)")


def _producer(text: str, start: int) -> str | None:
    """The company an enterprise standard belongs to, named right before it ("…有限公司企业标准Q/…")."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\t", 0, start), text.rfind("。", 0, start),
                     text.rfind(",", 0, start), text.rfind("，", 0, start)) + 1
    m = _COMPANY.search(text[line_start:start])
    if not m:
        return None
    return _VERB.sub("", m.group("co")) or None


def _title(text: str, start: int, end: int) -> str | None:
    """《title》 right after the code, else right before it ("《…》GB 50016-2014", "《…》(GB 50016-2014)")."""
    after = re.match(r"\s{0,2}《([^》\n]{1,80})》", text[end:end + 90])
    if after:
        return after.group(1)
    before = re.search(r"《([^《》\n]{1,80})》[\s(（:：]{0,3}$", text[max(0, start - 90):start])
    return before.group(1) if before else None
