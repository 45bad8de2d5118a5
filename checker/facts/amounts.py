"""Money amounts as tenders write them → yuan.

"8,600,000.00元", "860万元", "¥1,320,000", "人民币叁佰捌拾伍万元整", "壹佰叁拾贰万元整", and a unit given
by the label ("预算金额（万元）：860").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "壹": 1, "一": 1, "贰": 2, "貳": 2, "二": 2, "两": 2, "叁": 3, "三": 3, "肆": 4, "四": 4,
           "伍": 5, "五": 5, "陆": 6, "六": 6, "柒": 7, "七": 7, "捌": 8, "八": 8, "玖": 9, "九": 9}
_SMALL = {"拾": 10, "十": 10, "佰": 100, "百": 100, "仟": 1000, "千": 1000}
_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_FRACTION = {"角": 0.1, "分": 0.01}
_UPPER_CHARS = "".join(_DIGITS) + "".join(_SMALL) + "".join(_BIG) + "元圆角分整正"
_UPPER = re.compile(rf"[{_UPPER_CHARS}]{{2,}}")
_ARABIC = re.compile(r"(?:[¥￥]\s*)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(亿元|万元|万|元)?")


def parse_upper(text: str) -> float | None:
    """Chinese numerals ("叁佰捌拾伍万元整") → yuan, or None if ``text`` holds none."""
    total = 0.0
    section = 0  # below the current 万/亿
    number = 0
    seen = False
    for ch in text:
        if ch in _DIGITS:
            number = _DIGITS[ch]
            seen = True
        elif ch in _SMALL:
            section += (number or 1) * _SMALL[ch]
            number = 0
            seen = True
        elif ch in _BIG:
            total = (total + section + number) * _BIG[ch] if _BIG[ch] > 10_000 else total + (section + number) * _BIG[ch]
            section = number = 0
            seen = True
        elif ch in _FRACTION:
            total += number * _FRACTION[ch]
            number = 0
        elif ch in "元圆":
            total += section + number
            section = number = 0
        elif ch in "整正":
            break
    total += section + number
    return total if seen else None


def parse_amount(text: str, unit: str | None = None) -> float | None:
    """The first amount in ``text``, in yuan; ``unit`` is the label's unit ("万元") when the value has none."""
    upper = _UPPER.search(text)
    arabic = _ARABIC.search(text)
    if arabic and (upper is None or arabic.start() <= upper.start()):
        value = float(arabic.group(1).replace(",", ""))
        u = arabic.group(2) or unit or "元"
        return value * {"亿元": 100_000_000, "万元": 10_000, "万": 10_000}.get(u, 1)
    if upper:
        return parse_upper(upper.group(0))
    return None


# A package or lot number before an amount is no part of it: "包 1-1741200.00 元", "标段2：380万元".
_PACKAGE = re.compile(r"(?:采购包|分包|标包|包件|包|标段|标项|第)\s*[A-Za-z]?\d{1,3}\s*(?:包|标段)?\s*[-—–:：、]?\s*")
# What an amount is per ("1400元/组", "35元/人/天", "454.08万元/年"): only a year is a budget's period.
_PER = re.compile(r"\s*(?:/|每)\s*(?P<per>[年月日天人次组台套件个项平方米㎡吨辆间床张户]{1,3})")
# A template's blank amount: "00,000,000.00", "0.00", "XX万元", "***".
_PLACEHOLDER = re.compile(r"^(?:[¥￥]\s*)?(?:0{1,3}(?:,0{3})+(?:\.0+)?|0+(?:\.0+)?|[Xx×*＊]{2,}[\d,.]*)\s*(?:亿元|万元|元)?")


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount read at the start of a field's value, and what makes it no budget (``problem``)."""

    yuan: float | None
    start: int  # offset in the value of the amount as written
    end: int
    problem: str | None = None  # "placeholder" | "unit_price" | None
    written: str = ""


def leading_amount(value: str, unit: str | None = None) -> Amount | None:
    """The amount that opens ``value`` (after "人民币", "¥", a package number such as "包 1-"), or None.

    Only an amount at the start counts: a sentence that merely goes on to name a number
    ("详见第三章第2条") holds no amount of this field."""
    pos = 0
    head = re.match(r"[\s:：为是约(（]*(?:人民币|RMB|金额)?[\s:：]*", value)
    if head:
        pos = head.end()
    pkg = _PACKAGE.match(value, pos)
    if pkg and re.match(r"[¥￥]?\s*\d", value[pkg.end():]):
        pos = pkg.end()
    blank = _PLACEHOLDER.match(value, pos)
    if blank and not re.match(r"\d", value[blank.end():blank.end() + 1]):
        return Amount(None, blank.start(), blank.end(), "placeholder", blank.group(0).strip())
    upper = _UPPER.match(value, pos)
    arabic = _ARABIC.match(value, pos)
    if arabic:
        number = float(arabic.group(1).replace(",", ""))
        u = arabic.group(2) or unit or "元"
        yuan = number * {"亿元": 100_000_000, "万元": 10_000, "万": 10_000}.get(u, 1)
        end = arabic.end()
        per = _PER.match(value, end)
        if per and per.group("per") != "年":
            return Amount(yuan, arabic.start(), per.end(), "unit_price", value[arabic.start():per.end()])
        if yuan == 0:
            return Amount(None, arabic.start(), end, "placeholder", arabic.group(0).strip())
        return Amount(yuan, arabic.start(), end, None, arabic.group(0).strip())
    if upper:
        yuan_upper = parse_upper(upper.group(0))
        if yuan_upper:
            return Amount(yuan_upper, upper.start(), upper.end(), None, upper.group(0))
    return None
