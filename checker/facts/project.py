"""Project facts: procurement method, name, number, purchaser, agency, budget, funding, field, date.

Values are read from labelled fields ("采购方式：公开招标", a 前附表 row "预算金额 | 8,600,000.00元"),
then from the title and the announcement text. Each value keeps the evidence of where it was read.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..model import Evidence
from ..normalize import DocText
from .amounts import Amount, leading_amount
from .lexicon import BudgetLexicon, KeywordLexicon, Lexicons, union
from .model import Item, MethodFact, ProjectFacts
from .text import cell_text

# The cover and the announcement sit at the start; a title line is among the first few lines.
TITLE_LINES = 8
COVER_CHARS = 1500
ANNOUNCEMENT_SHARE = 0.3
ANNOUNCEMENT_MIN_CHARS = 6000
MAX_VALUE_CHARS = 80
# A label starts a line, a table cell, a clause after "；" ("采购人：A；采购代理机构：B") or follows
# numbering; a value follows a colon or a tab.
_LABEL_LEAD = (r"(?:^|(?<=[\n\t。；;]))\s*(?:\d{1,2}(?:\.\d{1,2}){1,3}[.、]?\s*|\d{1,2}[.、]\s*"
               r"|[(（]?[一二三四五六七八九十\d]{1,2}[)）、.]\s*)?")
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
                 "投标最高限价", "控制价"]  # other fields' values end where one of these begins
DATE_LABELS = ["发布日期", "公告日期", "发布时间", "公告时间", "公告发布日期", "公告发布时间", "信息发布日期", "日期",
               # a 单一来源 公示 is that method's announcement: its first day dates the document
               "公示期", "公示时间", "公示日期"]
_ORGANISATION_END = re.compile(r"(?:公司|集团|局|院|中心|委员会|学校|大学|医院|政府|办公室|管理处|馆|所|站|事务所)$")
_STATED_PURCHASER = re.compile(r"(?:招标人|采购人|项目业主|建设单位)为(?P<value>[^，,。；;：:\s]{2,40}?"
                               r"(?:公司|集团|局|院|中心|委员会|学校|大学|医院|政府|办公室|管理处|馆|所|站))[，,。；;]")
# The opening of a 政府采购 announcement: "B招标代理有限公司受A局委托，就…进行…".
_ENTRUSTED = re.compile(r"(?:^|(?<=[\n。]))(?P<agency>[^，,。；;：:\s]{4,40}?(?:公司|中心|事务所))受"
                        r"(?P<purchaser>[^，,。；;：:\s]{2,40}?)(?:的)?委托")
# A party's name under its own sub-label: "1、名称：A局", "名 称：A局".
_NAME_LABEL = re.compile(r"^(?:\d{1,2}[、.]\s*)?(?:单位)?名\s*称\s*[:：]\s*")
# A blank template field: the value is itself a label ending in a colon ("项目建设管理单位：").
_TEMPLATE_LABEL = re.compile(r"[:：]\s*$")
# A 政府采购 announcement's party block: "1.采购人信息" then "名 称：A局" on the next line.
_PARTY_BLOCK = re.compile(r"(?P<label>采购人|招标人|采购代理机构|招标代理机构|代理机构)(?:的)?信息\s*[:：]?\s*\n"
                          r"\s*名\s*称\s*[:：]\s*(?P<value>[^\t\n]{2,60})")
# A seal note after a party's name in a signature block: "丽水处州招标代理有限公司（盖章）".
_SEAL = re.compile(r"\s*[(（](?:盖章|盖单位章|盖公章|公章|签章|章)[)）]$")
# Titles name the project, then often the kind of document: "…项目询价文件", "…工程施工招标文件".
_DOC_KIND = re.compile(r"(?:施工|货物|服务)?(?:公开招标|邀请招标|招标|采购|询价|竞争性磋商|磋商|竞争性谈判|谈判|单一来源采购|征集)"
                       r"(?:文件|通知书|公告)$")

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DATE_AR = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_CN = re.compile(r"([〇○零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_DATE_ISO = re.compile(r"((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})")


@dataclass(slots=True)
class _Money:
    """A budget or cap figure as written at one place: rank 0 a budget, 1 a cap; ``problem`` says why a
    written figure is no budget ("placeholder", "unit_price", "small")."""

    rank: int
    start: int
    yuan: float | None
    problem: str | None
    written: str
    label: str
    evidence: list[Evidence]


def _budget_label_alt(lex: BudgetLexicon) -> str:
    words = "|".join(re.escape(w) for w in sorted(lex.budget_words + lex.cap_words, key=len, reverse=True))
    qualifiers = "|".join(q.pattern for q in lex.qualifiers)
    return rf"(?:{qualifiers})*(?:{words})"


def _yuan(value: float) -> str:
    return f"{value:,.2f}元"


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
        ticks = "".join(re.escape(t) for t in lex.methods.ticked)
        self.method_ticked = re.compile(rf"[{ticks}]\s?(?P<value>{self.method_alias.pattern})")
        money = _budget_label_alt(lex.budget)
        totals = "|".join(re.escape(w) for w in lex.budget.totals)
        unit = r"[(（](?P<unit>(?:人民币)?(?:万元|元)(?:人民币)?)[)）]"
        # "预算金额（万元）：87.5", "2.3 项目预算金额：…", a 前附表 row "项目预算金额 | 1741200.00 元".
        self.budget_label = re.compile(rf"{_LABEL_LEAD}(?P<label>{money})(?:{totals})?{_SEP}(?=(?P<value>[^\t\n]*))",
                                       re.MULTILINE)
        # In a sentence: "本项目的财政预算金额为人民币14,591,700.00元", "采购预算为 100660000 元人民币".
        self.budget_stated = re.compile(rf"(?P<label>{money})(?:{totals})?(?:{unit})?(?:为|是)(?=(?P<value>[^\t\n]{{0,40}}))")
        # A column header: "预算金额(万元)", "财政预算限额(元)", "预算金额合计(万元)".
        self.budget_header = re.compile(rf"(?P<label>{money})(?:{totals})?(?:{unit})?")
        self.funding_label = _label_re(lex.funding.labels)
        self.funding_alias = _alias_map(lex.funding)
        self.date_label = _label_re(DATE_LABELS)

    # -- method -------------------------------------------------------------------------------

    def method(self, dt: DocText) -> MethodFact:
        text = dt.text
        ticked = self._ticked_methods(dt)
        if len(ticked) == 1:
            return next(iter(ticked.values()))
        if len(ticked) > 1:
            names = "、".join(ticked)
            first = next(iter(ticked.values()))
            return MethodFact(None, first.evidence, reason=f"多个采购方式被勾选（{names}），无法确定")
        for m in self.method_glued.finditer(text):  # "采购方式公开招标": the colon lost in layout
            if self._unticked(text, m.start("value")):
                continue
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
        for found in self.method_alias.finditer(text, 0, limit):
            if self._unticked(text, found.start()):
                continue  # "□邀请招标": an option not taken
            return MethodFact(self.lex.methods.aliases[found.group(0)], dt.evidence(found.start(), found.end()))
        return MethodFact(reason="文件中未写明采购方式")

    def _ticked_methods(self, dt: DocText) -> dict[str, MethodFact]:
        """Methods marked by a ticked box ("☑公开招标 □邀请招标"), by canonical name, in document order."""
        out: dict[str, MethodFact] = {}
        for m in self.method_ticked.finditer(dt.text):
            method = self.lex.methods.aliases[m.group("value")]
            out.setdefault(method, MethodFact(method, dt.evidence(m.start("value"), m.end("value"))))
        return out

    def _unticked(self, text: str, start: int) -> bool:
        before = text[max(0, start - 2):start].strip()
        return bool(before) and before[-1] in self.lex.methods.unticked

    # -- labelled fields ----------------------------------------------------------------------

    def project(self, dt: DocText, items: list[Item]) -> ProjectFacts:
        pf = self.stated(dt)
        pf.field = self.field(pf.name or "", [i.name for i in items])
        return pf

    def stated(self, dt: DocText) -> ProjectFacts:
        """The project's facts as the tender states them: everything but the field, which also
        depends on the goods it buys (``project``)."""
        pf = ProjectFacts()
        for key, rx in self.labels.items():
            got = (self._first_value(dt, rx, key) or (self._party_block(dt, key) if key in ("purchaser", "agency")
                                                      else None)
                   or (self._stated(dt) if key == "purchaser" else None)
                   or (self._entrusted(dt, key) if key in ("purchaser", "agency") else None))
            if got:
                setattr(pf, key, got[0])
                pf.evidence[key] = got[1]
        yuan, evidence, reason = self._budget(dt)
        if yuan is not None:
            pf.budget_yuan, pf.evidence["budget_yuan"] = yuan, evidence
        elif reason:
            pf.reasons["budget_yuan"] = reason
            if evidence:
                pf.evidence["budget_yuan"] = evidence
        funding = self._funding(dt)
        if funding:
            pf.funding, pf.evidence["funding"] = funding
        if pf.name is None:
            title = _title(dt)
            if title:
                pf.name, pf.evidence["name"] = title
        return pf

    def _first_value(self, dt: DocText, rx: re.Pattern[str], key: str) -> tuple[str, list[Evidence]] | None:
        for m in rx.finditer(dt.text):
            raw = m.group("value")
            nxt = self.next_label.search(raw)
            value = _clean(raw[:nxt.start()] if nxt else raw)
            if key in ("purchaser", "agency"):
                # "采购人：1、名称：A局" / "名 称：A局": the name after its own sub-label.
                value = _NAME_LABEL.sub("", value)
                if _TEMPLATE_LABEL.search(value):
                    continue  # a blank form's next label ("项目建设管理单位："), not a name
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
            if key == "purchaser":
                fuller = self._fuller_name(dt, rx, value, m.end())
                if fuller:
                    return fuller
            return value, dt.evidence(a, a + len(value))
        return None

    def _fuller_name(self, dt: DocText, rx: re.Pattern[str], name: str, after: int) -> tuple[str, list[Evidence]] | None:
        """The same party named in full further on: a cover's "市场监督管理局" is the 前附表's "上海市…区市场监督管理局"."""
        for m in rx.finditer(dt.text, after):
            value = _SEAL.sub("", _clean(m.group("value")))
            if value != name and value.endswith(name) and len(value) <= MAX_VALUE_CHARS and not re.search(r"[。;；:：\s]", value):
                a = m.start("value") + m.group("value").index(value[:1])
                return value, dt.evidence(a, a + len(value))
        return None

    def _party_block(self, dt: DocText, key: str) -> tuple[str, list[Evidence]] | None:
        """A party named under its block heading: "1.采购人信息" / "名 称：北京大学"."""
        for m in _PARTY_BLOCK.finditer(dt.text):
            is_agency = "代理" in m.group("label")
            if is_agency != (key == "agency"):
                continue
            value = _SEAL.sub("", _clean(m.group("value")))
            if value and not _BLANK.search(value) and not _TEMPLATE_LABEL.search(value):
                return value, dt.evidence(m.start("value"), m.start("value") + len(value))
        return None

    def _stated(self, dt: DocText) -> tuple[str, list[Evidence]] | None:
        """The purchaser named in the announcement's prose: "…项目业主为A公司，…" / "招标人为A局"."""
        m = _STATED_PURCHASER.search(dt.text, 0, max(int(len(dt.text) * ANNOUNCEMENT_SHARE), ANNOUNCEMENT_MIN_CHARS))
        return (m.group("value"), dt.evidence(m.start("value"), m.end("value"))) if m else None

    def _entrusted(self, dt: DocText, key: str) -> tuple[str, list[Evidence]] | None:
        """Purchaser and agency named in "B受A委托" at the start of the announcement."""
        m = _ENTRUSTED.search(dt.text, 0, max(int(len(dt.text) * ANNOUNCEMENT_SHARE), ANNOUNCEMENT_MIN_CHARS))
        return (m.group(key), dt.evidence(m.start(key), m.end(key))) if m else None

    def _budget(self, dt: DocText) -> tuple[float | None, list[Evidence], str | None]:
        """The budget, else (no budget stated) the price cap; None with a reason when what is written is no
        usable figure (a placeholder, a unit price, a number too small to be one)."""
        found = sorted(self._budget_candidates(dt), key=lambda c: (c.rank, c.start))
        if not found:
            return None, [], None
        # The first usable figure of the best rank: a document states the project's budget before it
        # splits it over packages ("预算金额：1331万元" then "包1：410万元 …").
        good = [c for c in found if c.yuan is not None and c.problem is None]
        if good:
            best = good[0]
            return best.yuan, best.evidence, None
        worst = found[0]
        what = "占位符" if worst.problem == "placeholder" else "单价" if worst.problem == "unit_price" else "过小的数"
        return None, worst.evidence, f"{worst.label}为{what}“{worst.written}”，未采用"

    def _budget_candidates(self, dt: DocText) -> Iterator[_Money]:
        text = dt.text
        lex = self.lex.budget
        for rx in (self.budget_label, self.budget_stated):
            for m in rx.finditer(text):
                label = m.group("label")
                before = text[max(0, m.start("label") - 4):m.start("label")]
                if any(w in label or w in before for w in lex.unit_price_words):
                    continue
                between = text[m.end("label"):m.start("value")]
                unit = "万元" if "万元" in between else None
                got = leading_amount(m.group("value"), unit)
                if got is None:
                    continue
                a = m.start("value") + got.start
                yield self._money(dt, label, got.yuan, got.problem, got.written, a, m.start("value") + got.end)
        yield from self._budget_columns(dt)

    def _money(self, dt: DocText, label: str, yuan: float | None, problem: str | None, written: str,
               start: int, end: int) -> _Money:
        lex = self.lex.budget
        if yuan is not None and problem is None and yuan < lex.min_yuan:
            problem = "small"
        rank = 1 if any(w in label for w in lex.cap_words) else 0
        return _Money(rank, start, yuan, problem, written.strip(), label, dt.evidence(start, end))

    def _budget_columns(self, dt: DocText) -> Iterator[_Money]:
        """A column headed by a budget label ("预算金额（万元）", "财政预算限额（元）") with the amount below:
        the 合计 row's when there is one, else the sum of the rows (one row per package or item)."""
        lex = self.lex.budget
        for table in dt.tables:
            for r, row in enumerate(table.rows):
                for cell in row:
                    _, head = cell_text(dt, cell)
                    hm = self.budget_header.fullmatch(re.sub(r"\s+", "", head))
                    if not hm or any(w in head for w in lex.unit_price_words):
                        continue
                    unit = "万元" if "万元" in (hm.group("unit") or "") else None
                    amounts: list[tuple[Amount, int, int]] = []
                    total: tuple[Amount, int, int] | None = None
                    for below in table.rows[r + 1:]:
                        under = next((c for c in below if c.col == cell.col), None)
                        if under is None:
                            continue
                        start, value = cell_text(dt, under)
                        first = "".join(cell_text(dt, c)[1] for c in below[:2] if c is not under)
                        if any(w in first for w in lex.total_rows):
                            # The total row; its amount may sit in a merged cell left of the column.
                            for c in reversed(below):
                                c_start, c_value = cell_text(dt, c)
                                got = leading_amount(c_value, unit)
                                if got is not None and c_start >= 0:
                                    total = (got, c_start + got.start, c_start + got.end)
                                    break
                            break
                        if self.budget_header.fullmatch(re.sub(r"\s+", "", value)):
                            break  # the next header row: another table glued below
                        got = leading_amount(value, unit)
                        if got is None or start < 0:
                            continue
                        amounts.append((got, start + got.start, start + got.end))
                    label = hm.group("label")
                    if total is not None:
                        got, a, b = total
                        yield self._money(dt, label, got.yuan, got.problem, got.written, a, b)
                    elif amounts:
                        bad = next((x for x in amounts if x[0].problem or x[0].yuan is None), None)
                        if bad is not None:
                            got, a, b = bad
                            yield self._money(dt, label, None, got.problem, got.written, a, b)
                        else:
                            yuan = sum(x[0].yuan or 0 for x in amounts)
                            a, b = amounts[0][1], amounts[-1][2]
                            written = "+".join(x[0].written for x in amounts)
                            yield self._money(dt, label, yuan, None, written, a, b)

    def _funding(self, dt: DocText) -> tuple[str, list[Evidence]] | None:
        for m in self.funding_label.finditer(dt.text):
            value = _clean(m.group("value"))
            if not value or _BLANK.search(value):
                continue
            hit = self.funding_alias[0].search(value)
            canonical = self._funding_qualifier(value) or (self.funding_alias[1][hit.group(0)] if hit else value)
            return canonical, dt.evidence(m.start("value"), m.end("value"))
        for m in _FUNDING_STATED.finditer(dt.text):
            hit = self.funding_alias[0].search(m.group("value"))
            if hit:  # only a value naming a known kind of money: the sentence is not a field
                canonical = self._funding_qualifier(m.group("value")) or self.funding_alias[1][hit.group(0)]
                return canonical, dt.evidence(m.start("value"), m.end("value"))
        return None

    def _funding_qualifier(self, value: str) -> str | None:
        """A bracketed qualifier saying whose money it is: "企业自有资金（国有）" → 国有资金."""
        for remark in re.findall(r"[(（]([^()（）]{1,12})[)）]", value):
            for canonical, words in self.lex.funding.qualifiers.items():
                if any(w in remark for w in words):
                    return canonical
        return None

    # -- field --------------------------------------------------------------------------------

    def field(self, name: str, item_names: list[str]) -> str | None:
        lex: KeywordLexicon = self.lex.fields
        scores: dict[str, int] = {}
        for f, words in lex.groups.items():
            rx = union(words)
            score = (lex.name_weight * sum(1 for m in rx.finditer(name) if not self._in_name(name, m))
                     + sum(any(not self._in_name(i, m) for m in rx.finditer(i)) for i in item_names))
            if score:
                scores[f] = score
        if not scores:
            return None
        best = max(scores, key=lambda f: (scores[f], -list(lex.groups).index(f)))
        return best if scores[best] >= lex.min_score else None

    def _in_name(self, text: str, m: re.Match[str]) -> bool:
        """Whether a field keyword is part of an organisation's name ("交通银行", "某市水利局")."""
        lex = self.lex.fields
        if m.group(0) in lex.organisation_kinds:
            return False
        after = text[m.end():m.end() + 2 + max((len(x) for x in lex.organisation_suffixes), default=0)]
        return any(after[k:].startswith(sfx) for k in range(3) for sfx in lex.organisation_suffixes)

    # -- date ---------------------------------------------------------------------------------

    def document_date(self, dt: DocText) -> tuple[date, list[Evidence]] | None:
        """The cover date, else a labelled announcement date, else a date line signing the announcement.

        A cover dated by month only ("2024 年 5 月", "二〇二六年四月") dates the document to the month's first
        day. A date belonging to a regulation the document quotes (inside 《…》, right after a law's name, or
        signing a notice whose 文号 "〔2011〕300号" carries the same year) never dates the document."""
        text = dt.text
        limit = max(int(len(text) * ANNOUNCEMENT_SHARE), ANNOUNCEMENT_MIN_CHARS)
        month: tuple[date, list[Evidence]] | None = None
        for start, end, d, whole in _date_lines(text, 0, min(COVER_CHARS, len(text)), cover=True):
            if _quoted_regulation_date(text, start, d):
                continue
            if whole:
                return d, dt.evidence(start, end)
            month = month or (d, dt.evidence(start, end))
        for m in self.date_label.finditer(text, 0, limit):
            got = parse_date(m.group("value"))
            if got and not _quoted_regulation_date(text, m.start("value"), got):
                return got, dt.evidence(m.start("value"), m.end("value"))
        for start, end, d, _ in _date_lines(text, 0, limit):
            if not _quoted_regulation_date(text, start, d):
                return d, dt.evidence(start, end)
        # A cover dated by month only, when the announcement signs no day of its own.
        return month


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


_MONTH_AR = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月(?!\s*\d)")
_MONTH_CN = re.compile(r"([〇○零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?![一二三四五六七八九十])")
# A regulation's own date: the document number of a notice ("工信部联企业〔2011〕300 号"), a law's name or a
# 《title》 right before a date ("《政府采购法》(2014年8月31日修正)").
_DOC_NUMBER_YEAR = re.compile(r"[〔\[［(（【]\s*((?:19|20)\d\d)\s*[〕\]］)）】]\s*\d+\s*号")
_LAW_BEFORE = re.compile(r"(?:》|(?:法|条例|办法|规定|规则|细则|通知|意见|决定|令))\s*[(（]?\s*(?:于|自)?\s*$")
REGULATION_SIGNATURE_CHARS = 1500


def _quoted_regulation_date(text: str, start: int, d: date) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if before.count("《") > before.count("》") or _LAW_BEFORE.search(before[-24:]):
        return True
    if before.strip():
        return False
    # A date line signing a quoted notice: the notice's 文号 above carries the same year.
    years = [int(y) for y in _DOC_NUMBER_YEAR.findall(text, max(0, start - REGULATION_SIGNATURE_CHARS), start)]
    return bool(years) and years[-1] == d.year


def parse_month(text: str) -> date | None:
    """A date given by month only ("2024 年 5 月", "二〇二六年四月") → the month's first day."""
    for rx, conv in ((_MONTH_AR, int), (_MONTH_CN, _cn_number)):
        m = rx.search(text)
        if m:
            try:
                return date(conv(m.group(1)), conv(m.group(2)), 1)
            except (ValueError, KeyError):
                continue
    return None


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


def _date_lines(text: str, start: int, end: int, cover: bool = False) -> Iterator[tuple[int, int, date, bool]]:
    """Lines that hold only a date (a cover or signature date), in order; on a cover also a date ending a line
    and a month-only date ("2024 年 5 月"), marked False (not a whole date)."""
    pos = start
    end = min(end, len(text))
    while pos < end:
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        line = text[pos:nl].strip()
        if 6 <= len(line) <= 24 and re.fullmatch(r"(?:(?:日\s*)?期\s*[:：]?|日期[:：]?)?\s*[\d〇○零O一二三四五六七八九十年月日\s\-/.]+",
                                                line):
            d = parse_date(line)
            if d:
                yield pos, nl, d, True
            elif cover and (d := parse_month(line)):
                yield pos, nl, d, False
        elif cover and "\t" not in line and (tail := _COVER_TAIL.search(text, pos, nl)):
            d = parse_date(tail.group(1))
            if d:
                yield tail.start(1), tail.end(1), d, True
        pos = nl + 1
