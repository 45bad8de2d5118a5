"""Project facts: procurement method, name, number, purchaser, agency, budget, funding, field, date.

Values are read from labelled fields ("采购方式：公开招标", a 前附表 row "预算金额 | 8,600,000.00元"),
then from the title and the announcement text. Each value keeps the evidence of where it was read.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..model import Evidence
from ..normalize import DocText
from .amounts import parse_amount
from .lexicon import KeywordLexicon, Lexicons, union
from .model import Item, MethodFact, ProjectFacts

# The cover and the announcement sit at the start; a title line is among the first few lines.
TITLE_LINES = 8
COVER_CHARS = 1500
ANNOUNCEMENT_SHARE = 0.3
ANNOUNCEMENT_MIN_CHARS = 6000
MAX_VALUE_CHARS = 80
# A label starts a line, a table cell, a clause after "；" ("采购人：A；采购代理机构：B") or follows
# numbering; a value follows a colon or a tab.
_LABEL_LEAD = r"(?:^|(?<=[\n\t。；;]))\s*(?:\d{1,2}[.、]\s*|[(（]?[一二三四五六七八九十\d]{1,2}[)）、.]\s*)?"
_SEP = r"\s*(?:[(（][^)）\n]{0,8}[)）])?\s*(?:[:：]\s*|\t)"
# Funding stated in the announcement's opening sentence, without a label: the 招标公告 of the 标准施工招标文件
# (2007) and 标准设备采购招标文件 reads "项目业主为…，建设资金来自（资金来源），项目出资比例为…".
_FUNDING_STATED = re.compile(r"(?:建设资金|项目资金|采购资金)(?:来自|来源于|来源为)(?P<value>[^，,。；;\n\t]{2,40})")
_BLANK = re.compile(r"^[\s_＿\-—/]*$|^(?:详见|见|同上|无)")

PROJECT_LABELS = {
    "name": ["项目名称", "采购项目名称", "招标项目名称", "工程名称"],
    "code": ["项目编号", "采购编号", "招标编号", "采购项目编号", "招标项目编号", "项目代码", "政府采购计划编号"],
    "purchaser": ["采购人名称", "招标人名称", "采购单位名称", "采购人", "招标人", "采购单位", "建设单位"],
    "agency": ["采购代理机构名称", "招标代理机构名称", "采购代理机构", "招标代理机构", "代理机构名称", "代理机构"],
}
BUDGET_LABELS = ["预算金额", "采购预算金额", "采购预算", "项目预算", "预算资金", "最高限价", "最高投标限价", "招标控制价",
                 "投标最高限价", "控制价"]
DATE_LABELS = ["发布日期", "公告日期", "发布时间", "公告时间", "公告发布日期", "公告发布时间", "信息发布日期", "日期",
               # a 单一来源 公示 is that method's announcement: its first day dates the document
               "公示期", "公示时间", "公示日期"]
_ORGANISATION_END = re.compile(r"(?:公司|集团|局|院|中心|委员会|学校|大学|医院|政府|办公室|管理处|馆|所|站|事务所)$")
_STATED_PURCHASER = re.compile(r"(?:招标人|采购人|项目业主|建设单位)为(?P<value>[^，,。；;：:\s]{2,40}?"
                               r"(?:公司|集团|局|院|中心|委员会|学校|大学|医院|政府|办公室|管理处|馆|所|站))[，,。；;]")
# The opening of a 政府采购 announcement: "B招标代理有限公司受A局委托，就…进行…".
_ENTRUSTED = re.compile(r"(?:^|(?<=[\n。]))(?P<agency>[^，,。；;：:\s]{4,40}?(?:公司|中心|事务所))受"
                        r"(?P<purchaser>[^，,。；;：:\s]{2,40}?)(?:的)?委托")
# A seal note after a party's name in a signature block: "丽水处州招标代理有限公司（盖章）".
_SEAL = re.compile(r"\s*[(（](?:盖章|盖单位章|盖公章|公章|签章|章)[)）]$")
# Titles name the project, then often the kind of document: "…项目询价文件", "…工程施工招标文件".
_DOC_KIND = re.compile(r"(?:施工|货物|服务)?(?:公开招标|邀请招标|招标|采购|询价|竞争性磋商|磋商|竞争性谈判|谈判|单一来源采购|征集)"
                       r"(?:文件|通知书|公告)$")

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DATE_AR = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_CN = re.compile(r"([〇○零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_DATE_ISO = re.compile(r"((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})")


def _label_re(labels: list[str]) -> re.Pattern[str]:
    alt = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    return re.compile(rf"{_LABEL_LEAD}(?P<label>{alt}){_SEP}(?P<value>[^\t\n]*)", re.MULTILINE)


class ProjectExtractor:
    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        self.labels = {k: _label_re(v) for k, v in PROJECT_LABELS.items()}
        # Another field's label inside a value ends it: two cover columns or "采购人：A；采购代理机构：B"
        # run into one line.
        every = [x for v in PROJECT_LABELS.values() for x in v] + BUDGET_LABELS + lex.methods.labels + lex.funding.labels
        self.next_label = re.compile("(?:" + "|".join(re.escape(x) for x in sorted(set(every), key=len, reverse=True))
                                     + r")\s*[:：]")
        self.method_label = _label_re(lex.methods.labels)
        self.method_alias = union(list(lex.methods.aliases))
        labels = "|".join(re.escape(x) for x in lex.methods.labels)
        self.method_glued = re.compile(rf"{_LABEL_LEAD}(?:{labels})\s*(?:[:：]|\t)?\s*(?P<value>{self.method_alias.pattern})", re.MULTILINE)
        self.method_title = union(list(lex.methods.titles))
        self.budget_label = _label_re(BUDGET_LABELS)
        self.funding_label = _label_re(lex.funding.labels)
        self.funding_alias = _alias_map(lex.funding)
        self.date_label = _label_re(DATE_LABELS)

    # -- method -------------------------------------------------------------------------------

    def method(self, dt: DocText) -> MethodFact:
        text = dt.text
        for m in self.method_glued.finditer(text):  # "采购方式公开招标": the colon lost in layout
            a = m.start("value")
            return MethodFact(self.lex.methods.aliases[m.group("value")], dt.evidence(a, m.end("value")))
        for m in self.method_label.finditer(text):
            hit = self.method_alias.match(m.group("value").strip())
            if hit:
                a = m.start("value") + m.group("value").index(hit.group(0))
                return MethodFact(self.lex.methods.aliases[hit.group(0)], dt.evidence(a, a + len(hit.group(0))))
        head_end = _nth_line_end(text, TITLE_LINES)
        for m in self.method_title.finditer(text, 0, head_end):
            return MethodFact(self.lex.methods.titles[m.group(0)], dt.evidence(m.start(), m.end()))
        limit = max(int(len(text) * ANNOUNCEMENT_SHARE), ANNOUNCEMENT_MIN_CHARS)
        found = self.method_alias.search(text, 0, limit)
        if found:
            return MethodFact(self.lex.methods.aliases[found.group(0)], dt.evidence(found.start(), found.end()))
        return MethodFact()

    # -- labelled fields ----------------------------------------------------------------------

    def project(self, dt: DocText, items: list[Item]) -> ProjectFacts:
        pf = ProjectFacts()
        for key, rx in self.labels.items():
            got = (self._first_value(dt, rx, key) or (self._stated(dt) if key == "purchaser" else None)
                   or (self._entrusted(dt, key) if key in ("purchaser", "agency") else None))
            if got:
                setattr(pf, key, got[0])
                pf.evidence[key] = got[1]
        budget = self._budget(dt)
        if budget:
            pf.budget_yuan, pf.evidence["budget_yuan"] = budget
        funding = self._funding(dt)
        if funding:
            pf.funding, pf.evidence["funding"] = funding
        if pf.name is None:
            title = _title(dt)
            if title:
                pf.name, pf.evidence["name"] = title
        pf.field = self.field(pf.name or "", [i.name for i in items])
        return pf

    def _first_value(self, dt: DocText, rx: re.Pattern[str], key: str) -> tuple[str, list[Evidence]] | None:
        for m in rx.finditer(dt.text):
            raw = m.group("value")
            nxt = self.next_label.search(raw)
            value = _clean(raw[:nxt.start()] if nxt else raw)
            if key in ("purchaser", "agency"):
                # A name ends a sentence that runs on in the same line: "采购代理机构：B公司。本项目…".
                head = value.split("。")[0]
                if head != value and _ORGANISATION_END.search(head):
                    value = head
                value = _SEAL.sub("", value)
            if not value or _BLANK.search(value) or len(value) > MAX_VALUE_CHARS:
                continue
            if key == "code":
                code = re.match(r"[A-Za-z0-9][A-Za-z0-9\-_/.\[\]【】()（）〔〕]*", value)
                if not code:
                    continue
                value = code.group(0)
            elif re.search(r"[。;；]|系指", value):
                continue
            a = m.start("value") + m.group("value").index(value[:1])
            return value, dt.evidence(a, a + len(value))
        return None

    def _stated(self, dt: DocText) -> tuple[str, list[Evidence]] | None:
        """The purchaser named in the announcement's prose: "…项目业主为A公司，…" / "招标人为A局"."""
        m = _STATED_PURCHASER.search(dt.text, 0, max(int(len(dt.text) * ANNOUNCEMENT_SHARE), ANNOUNCEMENT_MIN_CHARS))
        return (m.group("value"), dt.evidence(m.start("value"), m.end("value"))) if m else None

    def _entrusted(self, dt: DocText, key: str) -> tuple[str, list[Evidence]] | None:
        """Purchaser and agency named in "B受A委托" at the start of the announcement."""
        m = _ENTRUSTED.search(dt.text, 0, max(int(len(dt.text) * ANNOUNCEMENT_SHARE), ANNOUNCEMENT_MIN_CHARS))
        return (m.group(key), dt.evidence(m.start(key), m.end(key))) if m else None

    def _budget(self, dt: DocText) -> tuple[float, list[Evidence]] | None:
        best: tuple[int, float, list[Evidence]] | None = None
        for m in self.budget_label.finditer(dt.text):
            label = m.group("label")
            unit = "万元" if "万元" in dt.text[m.end("label"):m.start("value")] else None
            amount = parse_amount(m.group("value"), unit)
            if amount is None:
                continue
            rank = BUDGET_LABELS.index(label)
            if best is None or rank < best[0]:
                best = (rank, amount, dt.evidence(m.start(), m.end()))
        return (best[1], best[2]) if best else None

    def _funding(self, dt: DocText) -> tuple[str, list[Evidence]] | None:
        for m in self.funding_label.finditer(dt.text):
            value = _clean(m.group("value"))
            if not value or _BLANK.search(value):
                continue
            hit = self.funding_alias[0].search(value)
            canonical = self.funding_alias[1][hit.group(0)] if hit else value
            return canonical, dt.evidence(m.start("value"), m.end("value"))
        for m in _FUNDING_STATED.finditer(dt.text):
            hit = self.funding_alias[0].search(m.group("value"))
            if hit:  # only a value naming a known kind of money: the sentence is not a field
                return self.funding_alias[1][hit.group(0)], dt.evidence(m.start("value"), m.end("value"))
        return None

    # -- field --------------------------------------------------------------------------------

    def field(self, name: str, item_names: list[str]) -> str | None:
        lex: KeywordLexicon = self.lex.fields
        scores: dict[str, int] = {}
        for f, words in lex.groups.items():
            rx = union(words)
            score = lex.name_weight * len(rx.findall(name)) + sum(bool(rx.search(i)) for i in item_names)
            if score:
                scores[f] = score
        if not scores:
            return None
        best = max(scores, key=lambda f: (scores[f], -list(lex.groups).index(f)))
        return best if scores[best] >= lex.min_score else None

    # -- date ---------------------------------------------------------------------------------

    def document_date(self, dt: DocText) -> tuple[date, list[Evidence]] | None:
        """The cover date, else a labelled announcement date, else a date line signing the announcement."""
        text = dt.text
        limit = max(int(len(text) * ANNOUNCEMENT_SHARE), ANNOUNCEMENT_MIN_CHARS)
        for start, end, d in _date_lines(text, 0, min(COVER_CHARS, len(text)), cover=True):
            return d, dt.evidence(start, end)
        for m in self.date_label.finditer(text, 0, limit):
            got = parse_date(m.group("value"))
            if got:
                return got, dt.evidence(m.start("value"), m.end("value"))
        for start, end, d in _date_lines(text, 0, limit):
            return d, dt.evidence(start, end)
        return None


def _alias_map(lex: KeywordLexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    mapping = {alias: canonical for canonical, aliases in lex.groups.items() for alias in aliases}
    return union(list(mapping)), mapping


def _clean(value: str) -> str:
    return value.strip().strip("。;；,，").strip()


def _nth_line_end(text: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.find("\n", pos + 1)
        if pos < 0:
            return len(text)
    return pos


def _title(dt: DocText) -> tuple[str, list[Evidence]] | None:
    """The first line that names a project ("…项目"), possibly wrapped over two lines."""
    text = dt.text
    end = _nth_line_end(text, TITLE_LINES)
    lines = text[:end].split("\n")
    pos = 0
    for i, line in enumerate(lines):
        joined = line + (lines[i + 1] if i + 1 < len(lines) else "")
        for candidate in (line, joined):
            kind = _DOC_KIND.search(candidate)
            name = candidate[:kind.start()] if kind else candidate
            if re.search(r"(?:项目|工程|采购)$", name) and 4 <= len(name) <= 60 and "\t" not in name:
                return name, dt.evidence(pos, pos + min(len(line), len(name)))
        pos += len(line) + 1
    return None


def _cn_number(s: str) -> int:
    if len(s) == 4 and all(c in _CN_DIGIT for c in s):
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_DIGIT[s[1]]
    if s.endswith("十"):
        return _CN_DIGIT[s[0]] * 10
    if "十" in s:
        return _CN_DIGIT[s[0]] * 10 + _CN_DIGIT[s[2]]
    return _CN_DIGIT[s]


def parse_date(text: str) -> date | None:
    for rx, conv in ((_DATE_AR, int), (_DATE_CN, _cn_number), (_DATE_ISO, int)):
        m = rx.search(text)
        if m:
            try:
                return date(conv(m.group(1)), conv(m.group(2)), conv(m.group(3)))
            except (ValueError, KeyError):
                continue
    return None


# On a cover, the date may share its line with a column beside it, after a gap: "项目编号：… 2026年3月5日".
_COVER_TAIL = re.compile(r"\s((?:19|20)\d\d年\d{1,2}月\d{1,2}日|[〇○零O一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月"
                         r"[一二三四五六七八九十]{1,3}日)\s*$")


def _date_lines(text: str, start: int, end: int, cover: bool = False) -> Iterator[tuple[int, int, date]]:
    """Lines that hold only a date (a cover or signature date), in order; on a cover also a date ending a line."""
    pos = start
    end = min(end, len(text))
    while pos < end:
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        line = text[pos:nl].strip()
        if 8 <= len(line) <= 24 and re.fullmatch(r"(?:日期[:：]?)?\s*[\d〇○零O一二三四五六七八九十年月日\s\-/.]+", line):
            d = parse_date(line)
            if d:
                yield pos, nl, d
        elif cover and "\t" not in line and (tail := _COVER_TAIL.search(text, pos, nl)):
            d = parse_date(tail.group(1))
            if d:
                yield tail.start(1), tail.end(1), d
        pos = nl + 1
