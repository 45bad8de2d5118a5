"""lexicons/known_brands.csv: real brand names by field, each with its risk and its source.

A false entry makes the recogniser report "指定品牌" on real tenders, so the file is checked for form
(header, fields, risks, sources), for aliases claimed by two brands, for short Chinese names marked
distinctive, and for ordinary tender words used as a brand or alias.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parent.parent / "lexicons" / "known_brands.csv"
HEADER = ["brand", "aliases", "field", "company", "risk", "source"]

FIELDS = {
    "electrical", "automation", "hvac", "pumps_valves", "lifts", "it", "security", "telecom", "medical",
    "lab", "kitchen", "furniture", "building_materials", "lighting", "batteries", "cables",
    "printing_office", "appliances", "vehicles", "software", "sports",
    # added, and named in the file's header comment
    "fire", "audiovisual",
}
RISKS = {"distinctive", "ambiguous"}

# One- or two-character Chinese names that may still be distinctive: coined names that are no word,
# no place or person name, and (checked by substring search over shared/real) not inside common words.
SHORT_DISTINCTIVE = {
    "华为": "coined company name; not a word (only 升华为 is a rare accidental substring)",
    "谷轮": "the Chinese trade name of Copeland compressors; not a word in tender text (seen as a brand in shared/real/shenzhen)",
    "迈瑞": "coined (Mindray); no word or place contains it",
    "联影": "coined (United Imaging); no word contains it",
    "锐捷": "coined (Ruijie); no word contains it",
    "惠普": "coined transliteration of HP; no word contains it",
    "戴尔": "transliteration of Dell; no word contains it",
    "宇视": "coined (Uniview); no word contains it",
    "伊顿": "transliteration of Eaton; appears otherwise only as 伊顿公学, not in tender text",
    "维谛": "coined (Vertiv, 2016); not a word",
}

# Ordinary words of tender text: never a brand or an alias, whatever the risk.
DENY = {
    "产品", "设备", "系统", "品牌", "国产", "进口", "优质", "标准", "技术", "服务", "电气", "科技", "隧道",
    "流体", "医学", "智能", "网络", "中国", "国际", "一线", "知名", "名牌", "原装", "正品", "同档次",
    "国产品牌", "进口品牌", "国际品牌", "国内品牌", "一线品牌", "知名品牌", "电器", "电子", "信息", "软件",
    "集团", "股份", "公司", "有限公司", "工业", "实业", "机电", "电力", "电网", "照明", "电缆", "电源",
    "自动化", "仪器", "仪表", "医疗", "家具", "厨具", "建材", "涂料", "防水", "空调", "电梯", "水泵",
    "阀门", "消防", "安防", "监控", "通信", "通讯", "数据", "数据库", "操作系统", "办公", "教育", "体育",
    "运动", "健康", "环境", "能源", "新能源", "节能", "环保", "绿色", "安全", "质量", "品质", "合格",
    "中华", "人民", "北京", "上海", "深圳", "广州", "东方", "南方", "北方", "西部", "光明", "星光",
    "未来", "创新", "发展", "时代", "世纪", "天下", "大众", "现代", "联合",
    "华夏", "神州", "九州", "振兴", "兴业", "实用", "经济", "领先", "先进",
    # Latin
    "line", "micro", "ready", "standard", "data", "type", "class", "code", "web", "server", "system",
    "core", "cat", "aux", "eve", "hp", "mi", "dm", "wd", "xd", "ge", "tk", "tp", "3m", "led", "ups",
    "usb", "plc", "gps", "ai", "pro", "max", "plus", "smart", "power", "tech", "group",
}

CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def rows():
    """(header, [(file line number, row)]); comment lines start with '#', no field spans lines."""
    numbered = [(n, ln) for n, ln in enumerate(PATH.read_text(encoding="utf-8").splitlines(), start=1)
                if not ln.startswith("#")]
    parsed = [(n, next(csv.reader([ln]))) for n, ln in numbered if ln.strip()]
    return parsed[0][1], parsed[1:]


def names(row):
    brand, aliases = row[0].strip(), row[1]
    return [brand] + [a.strip() for a in aliases.split("|") if a.strip()]


def test_header_comment_and_columns():
    text = PATH.read_text(encoding="utf-8")
    assert text.startswith("#"), "the file starts with its header comment"
    comment = "\n".join(ln for ln in text.splitlines() if ln.startswith("#"))
    for word in ("source", "risk", "How to add", "ambiguous", "distinctive", "fire", "audiovisual"):
        assert word in comment
    header, _ = rows()
    assert header == HEADER


def test_every_row_is_complete():
    _, body = rows()
    assert len(body) >= 300
    for n, r in body:
        assert len(r) == len(HEADER), f"line {n}: {r}"
        brand, aliases, field, company, risk, source = (c.strip() for c in r)
        assert brand, f"line {n}: empty brand"
        assert field in FIELDS, f"line {n}: field {field!r}"
        assert risk in RISKS, f"line {n}: risk {risk!r}"
        assert company, f"line {n}: empty company"
        assert source, f"line {n}: empty source"
        assert "seen in real tenders" in source or "general knowledge" in source or "site" in source, \
            f"line {n}: source does not say where the entry comes from"
        assert not aliases.startswith("|") and not aliases.endswith("|") and "||" not in aliases, f"line {n}"
        for name in names(r):
            assert name == name.strip() and "," not in name, f"line {n}: {name!r}"


def test_fields_used_are_named_in_the_header_comment():
    comment = "\n".join(ln for ln in PATH.read_text(encoding="utf-8").splitlines() if ln.startswith("#"))
    _, body = rows()
    for field in {r[2] for _, r in body}:
        assert field in comment, field


def test_no_name_under_two_brands():
    _, body = rows()
    seen: dict[str, tuple[int, str]] = {}
    for n, r in body:
        for name in {x.casefold() for x in names(r)}:
            if name in seen:
                pytest.fail(f"line {n}: {name!r} is already on line {seen[name][0]} ({seen[name][1]})")
            seen[name] = (n, r[0])


def test_short_chinese_names_are_ambiguous_unless_allowed():
    _, body = rows()
    for n, r in body:
        if r[4] != "distinctive":
            continue
        for name in names(r):
            if CJK.match(name) and len(name) <= 2:
                assert name in SHORT_DISTINCTIVE, \
                    f"line {n}: {name!r} is one or two Chinese characters, so ambiguous (or allow-list it with a reason)"


def test_allow_list_is_used_and_short_names_are_rows_of_their_own():
    _, body = rows()
    used = {name for _, r in body if r[4] == "distinctive" for name in names(r)}
    assert set(SHORT_DISTINCTIVE) <= used, set(SHORT_DISTINCTIVE) - used


def test_no_common_tender_word_is_a_brand():
    _, body = rows()
    for n, r in body:
        for name in names(r):
            assert name.casefold() not in DENY, f"line {n}: {name!r} is an ordinary tender word"


def test_latin_names_are_long_enough():
    # two-letter Latin names (HP, GE, MI) match unit symbols and abbreviations in any tender
    _, body = rows()
    for n, r in body:
        for name in names(r):
            if name.isascii():
                assert len(name.replace(" ", "")) >= 3, f"line {n}: {name!r} is too short to match safely"


def test_software_is_ambiguous():
    # operating systems, databases, office suites fill compatibility lists ("支持麒麟、统信")
    _, body = rows()
    for n, r in body:
        if r[2] == "software":
            assert r[4] == "ambiguous", f"line {n}: {r[0]}"


@pytest.mark.parametrize("name", ["施耐德", "欧姆龙", "德力西", "宁德时代", "爱普生", "EPSON", "ABB", "Aokang",
                                  "大连一互", "北方互感器", "西安神电", "南阳金冠", "西安西电", "AEG"])
def test_real_tender_designations_are_distinctive(name):
    _, body = rows()
    hits = [r for _, r in body if name.casefold() in (x.casefold() for x in names(r))]
    assert len(hits) == 1 and hits[0][4] == "distinctive", name


@pytest.mark.parametrize("name", ["美的", "海尔", "小天鹅", "小米", "中航", "力神", "麒麟", "统信", "欧拉",
                                  "大华", "联想", "长城", "方正", "公牛", "雷士", "鸿雁", "大金",
                                  "海康", "格力", "福田", "通力",
                                  # found inside ordinary text of shared/real: 斯特灵, 科勒式照明, 原理光电,
                                  # 不得实施, 不良信用, 音乐信号, 人大金仓; and by construction 每天正常, 水平高于, 允许继续, 广西电网
                                  "特灵", "科勒", "理光", "得实", "良信", "乐信", "天正", "平高", "许继", "西电"])
def test_ordinary_words_are_ambiguous(name):
    _, body = rows()
    hits = [r for _, r in body if name in names(r)]
    assert len(hits) == 1 and hits[0][4] == "ambiguous", name
