"""Layer 3: the context of a candidate — the part of the tender it is in, the sentence around it
(negation, boilerplate, interoperability, inventories, platform parts, scoring), and the scope of
its equivalent clause (in the list, the row's 备注, under the table, or once for the document)."""
from __future__ import annotations

import re

from ...model import Evidence
from ...normalize import CELL_SEP
from ..text import sentence_bounds
from .candidate import Candidate
from .names import negated_before
from .prose import LabelPatterns
from .scan import Scan

# Sources that name brands by their own words: a table's brand column and a label. The others
# ("采用…", "如：…", a known name) need a requirement zone and support from the names.
STRONG_SOURCES = {"table_column", "label", "label_block"}
# How far before the names an interoperability verb or a platform part may stand.
INTEROP_REACH = 16
INTEROP_AFTER_REACH = 8
PLATFORM_REACH = 10
# How far before and after the names a service word ("维保", "维修", "适用") still speaks of them.
SERVICE_REACH = 14
# How far after the names an exclusion, an authorisation or an existing-equipment word speaks of them.
AFTER_REACH = 10
# How far after the last name a brand cue ("品牌", "厂家", "同档次") may stand.
CUE_REACH = 8
# How far before the names a negation ("不得使用") speaks of them.
NAME_NEGATION_REACH = 6
_CLAUSE_END = re.compile(r"[,，。；;:：)）\n\t]")


def judge_table(scan: Scan, cand: Candidate) -> None:
    """A brand column's table: an inventory of installed equipment (安装位置, 出厂日期 …) or a list of
    third-party devices to be compatible with (a heading with 兼容/对接) is no recommendation."""
    inv = scan.phrases.inventory_columns.search(cand.table_header)
    if inv:
        cand.add("inventory_table", f"表格有“{inv.group()}”列：现有设备清单，不是推荐品牌", veto=True)
    path = " ".join(cand.zone.path[-2:])
    interop = scan.phrases.interop_before.search(path) or re.search("第三方", path)
    if interop:
        cand.add("interop_table", f"表格所在标题有“{interop.group()}”：需兼容/对接的设备，不是所购产品的品牌", veto=True)


def judge_zone(scan: Scan, cand: Candidate) -> None:
    zone = scan.outline.zone_at(cand.start)
    cand.zone = zone
    where = f"位于“{zone.text}”"
    strong = cand.source in STRONG_SOURCES
    if zone.kind == "forms":
        cand.add("zone_forms", f"{where}（投标/响应文件格式，由供应商填写）", veto=True)
    elif zone.sub in ("price_form", "inventory", "policy_quote"):
        what = {"price_form": "报价表，由供应商填写", "inventory": "现有设备清单", "policy_quote": "引用的政策法规原文"}
        cand.add(f"zone_{zone.sub}", f"{where}（{what[zone.sub]}）", veto=True)
    elif zone.kind == "annex" and not strong:
        cand.add("zone_annex", f"{where}（附件/政策引用）", veto=True)
    elif zone.kind == "requirements":
        cand.add("zone_requirements", f"{where}（采购需求）", 0.2 if not strong else 0.0)
    elif zone.kind == "evaluation":
        cand.add("zone_evaluation", f"{where}（评审/评分）", 0.0)
    elif zone.kind in ("notice", "instructions", "contract"):
        if not strong:
            cand.add(f"zone_{zone.kind}", f"{where}（非采购需求）：无标签的品牌名不作指定", veto=cand.source == "known_name",
                     weight=-0.3)
    elif zone.kind == "unknown" and not strong:
        cand.add("zone_unknown", "所在部分未能识别，无标签的品牌名需有品牌词支持", -0.2)


def judge_sentence(scan: Scan, cand: Candidate) -> None:
    text = scan.text
    s, e = sentence_bounds(text, cand.start)
    e = max(e, min(len(text), cand.end))
    sentence = text[s:e]
    ph = scan.phrases
    neg = scan.lex.brand_lists
    boiler = _first(neg.negative_contexts, sentence)
    if boiler:
        cand.add("boilerplate", f"句中有“{boiler}”：品牌套话，不是推荐", veto=True)
        return
    first = cand.values[0][0] if cand.values else cand.start
    if negated_before(text, first, ph.negations, ph.negation_reversers, reach=NAME_NEGATION_REACH):
        cand.add("negated", "名称前有否定词（不得/禁止…）", veto=True)
    last = cand.values[-1][1] if cand.values else cand.end
    _judge_service(scan, cand, s, first, last)
    if cand.source not in STRONG_SOURCES:  # a label or a brand column names brands by its own words
        _judge_unlabelled(scan, cand, s, first, last)
    inv = ph.inventory_cues.search(text, max(s, first - 30), first)
    if inv and cand.source != "table_column":
        cand.add("inventory", f"“{inv.group()}”：描述现有/已安装设备，不是采购要求", veto=True)
    if scan.lex.equivalent.scoring.search(sentence) or cand.zone.kind == "evaluation":
        pref = ph.preference_cues.search(sentence)
        if pref and cand.brands:
            cand.add("scoring_preference", f"评分项中偏好所列品牌（“{pref.group()}”）：作为品牌指定报告", 0.1)
        elif scan.lex.equivalent.scoring.search(sentence) or cand.source not in STRONG_SOURCES:
            cand.add("scoring", "评审/评分内容，未对所列名称表示偏好", veto=True)


def _judge_service(scan: Scan, cand: Candidate, s: int, first: int, last: int) -> None:
    """Brands of the equipment a service maintains, repairs or manages are not goods bought
    ("负责维护现场的A摄像机", "维修车辆品牌：A、B", "本项目为A CT原厂维保服务")."""
    text = scan.text
    ph = scan.phrases
    if cand.source == "table_column":
        return  # a goods table's column (inventory tables are judged by their columns, tables.py)
    before = text[max(s, _clause_start(text, cand.start), cand.start - SERVICE_REACH):first]
    hit = ph.service_objects.search(before)
    if hit is None and cand.source not in STRONG_SOURCES:
        hit = ph.service_objects.search(_clause_after(text, last, SERVICE_REACH))
    if hit:
        cand.add("service_object", f"“{hit.group()}”：所列是服务对象（被维护/维修/管理的设备）的品牌，不是所购产品的品牌",
                 veto=True)


def _judge_unlabelled(scan: Scan, cand: Candidate, s: int, first: int, last: int) -> None:
    """Names with no label of their own: interoperability objects, platform parts, people's experience."""
    text = scan.text
    ph = scan.phrases
    clause_start = max(s, _clause_start(text, first))
    before = text[max(clause_start, first - INTEROP_REACH):first]
    interop = ph.interop_before.search(before) or ph.interop_before.search(text, max(s, first - 2 * INTEROP_REACH), first)
    if interop and before[interop.end():interop.end() + 1] in (":", "："):
        interop = None  # "控制：欧姆龙PLC控制器": a field label, not a verb
    # "…等厂商的协议", "Intel通用标准接口": what follows the names within their clause.
    interop_after = ph.interop_after.search(_clause_after(text, last, INTEROP_AFTER_REACH))
    if interop or interop_after:
        word = interop.group() if interop else interop_after.group()  # type: ignore[union-attr]
        cand.add("interop", f"“{word}”：这些名称是需兼容/对接的对象，不是所购产品的品牌", veto=True)
    part = ph.platform_parts.search(text, max(clause_start, first - PLATFORM_REACH), last) \
        or ph.platform_parts.search(_clause_after(text, last, PLATFORM_REACH))
    if part:
        cand.add("platform_part", f"“{part.group()}”：平台部件的规格，不作品牌指定", veto=True)
    tail = _clause_after(text, last, AFTER_REACH)
    for words, code, why in ((ph.negations_after, "negated_after", "名称后有“{}”：排除所列品牌，不是指定"),
                             (ph.authorisation_after, "authorisation", "“{}”：对投标人授权/代理身份的要求，不是所购产品的品牌"),
                             (ph.inventory_cues, "inventory", "“{}”：描述现有/已安装设备，不是采购要求")):
        hit = words.search(tail)
        if hit:
            cand.add(code, why.format(hit.group()), veto=True)
    exp = ph.experience_before.search(text, max(clause_start, first - 12), first)
    exp_after = ph.experience_after.search(text, last, min(len(text), last + 16))
    if exp and exp_after:
        cand.add("experience", f"“{exp.group()}…{exp_after.group()}”：对人员经验/资质的要求，不是所购产品的品牌", veto=True)


def judge_support(scan: Scan, cand: Candidate) -> None:
    """Whether the names are brands: known names, a brand cue, or a strong source."""
    if cand.source not in STRONG_SOURCES and not any(r.code == "strong_verb" for r in cand.reasons):
        for n in cand.names:  # "配备硬件控制器": an unknown word ending in a product noun names a product
            if n.ok and not n.known and len(n.text) >= 3 and scan.phrases.product_heads.search(n.text):
                n.ok, n.how = False, "以产品名词结尾，是产品不是品牌"
    ok = cand.brands
    if not ok:
        bad = "；".join(f"{n.text}：{n.how}" for n in cand.names[:4]) or "值为空"
        blank = _blank_object(scan, cand)
        cand.add("blank" if blank else "no_names", "名称被删去，只余“采用产品”" if blank else f"没有可识别的品牌名（{bad}）",
                 veto=True)
        return
    distinctive = [n for n in ok if n.known and not n.ambiguous]
    ambiguous = [n for n in ok if n.known and n.ambiguous]
    text = scan.text
    # A brand cue that speaks of these names: right after the last one ("…西门子品牌", "…等优质厂家"),
    # or in the words that opened the candidate ("一线电池厂家（…）").
    end = max(n.end for n in ok)
    cue = scan.phrases.brand_cues.search(_clause_after(text, end, CUE_REACH)) or (
        scan.phrases.brand_cues.search(cand.trigger) if cand.source in ("example", "verb") else None)
    raw = text[cand.start:cand.end]
    lock = scan.phrases.same_brand_locks.search(text, end, min(len(text), end + 6)) \
        or (scan.phrases.value_locks.search(raw) if cand.source in STRONG_SOURCES else None)
    if lock:
        cand.add("same_brand", f"“{lock.group()}”：要求与其他设备同一品牌，所列不是品牌名", veto=True)
        return
    if distinctive:
        cand.add("known", f"已知品牌：{'、'.join(n.known or '' for n in distinctive[:4])}", 0.3 if len(distinctive) == len(ok) else 0.15)
    if cue:
        cand.add("brand_cue", f"附近有品牌词“{cue.group()}”", 0.2)
    if cand.source in STRONG_SOURCES:
        return
    strong_verb = any(r.code == "strong_verb" for r in cand.reasons)
    if strong_verb and not distinctive and not cue:
        if len(ok) < 2:
            cand.add("single_unknown", "推荐类动词后只有一个未知名称：不足以判断为品牌", veto=True)
        return
    if ambiguous and not distinctive and not cue:
        words = "、".join(n.text for n in ambiguous[:3])
        cand.add("ambiguous", f"“{words}”是已知品牌，但也是普通词语或数字，附近没有品牌词支持", veto=True)
    elif not distinctive and not cue:
        cand.add("unsupported", "无品牌标签、无品牌词、也不是已知品牌：不像品牌指定", veto=True)
    unknown = [n for n in ok if not n.known]
    if unknown and not cue and cand.source in ("known_name", "benchmark"):
        cand.add("mixed", f"含未知名称：{'、'.join(n.text for n in unknown[:3])}", -0.2)


def row_note(scan: Scan, cand: Candidate) -> None:
    """An equivalent clause in another cell of the candidate's table row ("备注：或同等档次")."""
    if cand.equivalent or cand.cell is None:
        return
    ref = scan.cells.at(cand.cell)
    if ref is None:
        return
    for cell in ref.table.rows[ref.row]:
        span = scan.dt.cell_span(cell)
        if span is None or span[0] == ref.start:
            continue
        m = scan.lex.equivalent.local.search(scan.text, span[0], span[1])
        if m and "品牌" in scan.text[span[0]:span[1]] and not scan.reader.negated(scan.text[span[0]:span[1]], m.start() - span[0]):
            cand.equivalent, cand.equivalent_scope = scan.dt.evidence(*span), "row"
            return


def document_clause(scan: Scan, labels: LabelPatterns, lists: list[Candidate]) -> list[Evidence]:
    """A sentence making every listed brand a reference ("凡所列品牌均为参考品牌，可选用同等档次…"),
    not one holding a list of its own ("开关推荐品牌：A、B或同等档次": that clause is the list's)."""
    eq = scan.lex.equivalent
    text = scan.text
    seen: set[int] = set()
    for m in re.finditer("品牌", text):
        s, e = sentence_bounds(text, m.start())
        if s in seen:
            continue
        seen.add(s)
        sentence = text[s:e]
        if CELL_SEP in sentence or eq.scoring.search(sentence):
            continue
        if not any(p.search(sentence) for p in eq.global_subject):
            continue
        allow = eq.global_allowance.search(sentence)
        if allow and any(lm.start() <= allow.start() < lm.end() for lm in labels.prose.finditer(sentence)):
            continue  # a list's own clause in its label ("参考品牌（不限于）：A、B、C") speaks for that list only
        if any(s <= c.start < e for c in lists):
            continue  # a sentence holding a list speaks for that list only
        if allow and not scan.reader.negated(sentence, allow.start()):
            if scan.outline.zone_at(s).sub == "policy_quote":
                continue  # a quoted law's words speak for no list of this tender
            return scan.dt.evidence(s, e)
    return []


def _clause_after(text: str, pos: int, reach: int) -> str:
    """The ``reach`` characters after ``pos``, up to the end of their clause."""
    return _CLAUSE_END.split(text[pos:min(len(text), pos + reach)], maxsplit=1)[0]


def _first(words: list[str], text: str) -> str | None:
    return next((w for w in words if w in text), None)


def _clause_start(text: str, pos: int) -> int:
    i = max(text.rfind(ch, 0, pos) for ch in "，,;；。\n\t")
    return i + 1


def _blank_object(scan: Scan, cand: Candidate) -> bool:
    """"膨胀阀采用产品": a verb straight followed by 产品/品牌 — the name was deleted."""
    if cand.source != "verb" or not cand.values:
        return False
    a, b = cand.values[0]
    return scan.text[a:b].strip().rstrip("，,。；;") in scan.phrases.blank_objects
