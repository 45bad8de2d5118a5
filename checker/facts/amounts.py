"""Money amounts as tenders write them → yuan.

"8,600,000.00元", "860万元", "¥1,320,000", "人民币叁佰捌拾伍万元整", "壹佰叁拾贰万元整", and a unit given
by the label ("预算金额（万元）：860").
"""
from __future__ import annotations

import re

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
