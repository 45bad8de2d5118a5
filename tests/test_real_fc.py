"""The FC measure (issue 20): reviewers' comments on real Shenzhen drafts, labelled with FC ids.

The table (tests/real_labels/shenzhen_fc.json) is facts only: file, Word comment id, label, and the
anchor's location as the DOCX ingest writes it — never the comment or the document's text. The
drafts live in the shared folder (../shared/real/shenzhen, or $TENDERCHECK_SHARED/real/shenzhen);
without them those tests skip. The scorer is scripts/score_fc.py, the comment reader
scripts/fc_comments.py (its own test needs no shared file: it writes a DOCX with comments).
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
from pathlib import Path
from typing import get_args

import docx
import pytest

from checker.facts.outline import ZoneKind

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "real_labels" / "shenzhen_fc.json"
SCRIPTS = ROOT / "scripts"

MIN_REVIEWED_FILES = 30
# Issue 20 aims at recall 0.7 at precision 0.8. First measured (fc-rules, 2026-12-02): recall 0.75, precision
# 0.39 against the comments — reviewers comment on a subset of the clauses they could flag (in 15 of 27
# reviewed drafts with subjective scoring rows, on none of them; a hand check found 13 of 20 uncommented
# findings to be real problems). These floors hold the measured level; below them the FC family has regressed.
# fcprec (2026-12-03): one FC110 finding per scoring table, false-positive causes fixed in the lexicon:
# recall 0.77, precision 0.53 (development half 0.75 / 0.45, held-out half 0.78 / 0.58); floors a step below.
MIN_RECALL = 0.72
MIN_PRECISION = 0.48
ADJUDICATED = ROOT / "tests" / "real_labels" / "shenzhen_fc_adjudicated.json"
VERDICTS = {"plausible", "uncertain", "not"}
FC_IDS = {f"FC{n}" for n in range(101, 121)}  # FC101–FC115 shared, FC116… may be added, never renumbered
OTHER = re.compile(r"^OTHER:[a-z][a-z_]*$")
ZONE_KINDS = {*get_args(ZoneKind), None}
LOCATION = re.compile(r"^(第\d+段|表\d+ 第\d+行 第\d+列( 内表\d+ 第\d+行 第\d+列)*)$")
LABEL_FIELDS = {"file", "comment", "id", "also", "location", "paragraph", "end", "zone", "reply_to"}


def _script(name: str):
    sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def shenzhen_dir() -> Path:
    shared = os.environ.get("TENDERCHECK_SHARED")
    base = Path(shared) if shared else ROOT.parent / "shared"
    return base / "real" / "shenzhen"


@pytest.fixture(scope="module")
def shenzhen() -> Path:
    folder = shenzhen_dir()
    if not folder.is_dir():
        pytest.skip(f"{folder} is not available here (set TENDERCHECK_SHARED to the shared folder)")
    return folder


@pytest.fixture(scope="module")
def labels() -> dict:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def test_comments_are_read_with_the_location_the_ingest_gives_their_anchor(tmp_path: Path) -> None:
    """A comment on a body paragraph and one on a table cell are placed where the ingest places that text."""
    from checker.ingest.docx import read_docx
    from checker.model import Table

    document = docx.Document()
    document.add_paragraph("一、资格要求")
    document.add_paragraph("")  # empty paragraphs count in 第N段 too
    flagged = document.add_paragraph("投标人须在本市设有分支机构。")
    table = document.add_table(rows=2, cols=3)
    table.cell(1, 0).merge(table.cell(1, 1))  # a merged cell: columns count grid columns
    table.cell(1, 2).text = "注册资本不少于500万元的得5分。"
    document.add_comment(flagged.runs, text="不得限定本地", author="审核")
    document.add_comment(table.cell(1, 2).paragraphs[0].runs, text="不得以规模条件评分", author="审核")
    path = tmp_path / "draft.docx"
    document.save(path)

    comments, _ = _script("fc_comments").read_comments(path)
    assert [(c.text, c.start.location, c.start.paragraph) for c in comments] == [
        ("不得限定本地", "第3段", 3), ("不得以规模条件评分", "表1 第2行 第3列", None)]
    page = read_docx(str(path))
    ingest = {b.location: b.text for b in page.blocks if not isinstance(b, Table)}
    ingest |= {c.location: c.text for b in page.blocks if isinstance(b, Table) for row in b.rows for c in row}
    assert ingest["第3段"] == "投标人须在本市设有分支机构。"
    assert ingest["表1 第2行 第3列"] == "注册资本不少于500万元的得5分。"


def test_fc_table_is_facts_about_existing_drafts(labels: dict, shenzhen: Path) -> None:
    fc_comments = _script("fc_comments")
    files = {f["file"]: f for f in labels["files"]}
    assert len(files) == len(labels["files"]), "a draft is listed twice"
    reviewed = [f for f in labels["files"] if f["reviewed"]]
    assert len(reviewed) >= MIN_REVIEWED_FILES
    by_file: dict[str, list[dict]] = {}
    for i, lab in enumerate(labels["labels"]):
        where = f"labels[{i}] {lab.get('file')}"
        assert set(lab) <= LABEL_FIELDS, f"{where}: fields {sorted(set(lab) - LABEL_FIELDS)} not allowed"
        assert lab["file"] in files and files[lab["file"]]["reviewed"], f"{where}: not a reviewed draft of the list"
        assert lab["id"] in FC_IDS or OTHER.match(lab["id"]), f"{where}: unknown id {lab['id']!r}"
        assert set(lab.get("also", [])) <= FC_IDS and lab["id"] in FC_IDS or "also" not in lab, where
        for key in ("location", "end"):
            if lab.get(key) is not None:
                assert LOCATION.match(lab[key]), f"{where}: {key} {lab[key]!r} is not an ingest location"
        assert lab.get("zone") in ZONE_KINDS, f"{where}: zone {lab.get('zone')!r}"
        para = re.match(r"^第(\d+)段$", lab["location"] or "")
        assert lab["paragraph"] == (int(para.group(1)) if para else None), where
        by_file.setdefault(lab["file"], []).append(lab)
    for entry in labels["files"]:
        path = shenzhen / entry["file"]
        assert path.is_file(), f"{entry['file']}: no such file under {shenzhen}"
        if not entry["reviewed"]:
            assert entry["comments"] == 0 and entry["file"] not in by_file
            continue
        comments, _ = fc_comments.read_comments(path)
        placed = {c.id: c.start.location if c.start else None for c in comments}
        mine = {lab["comment"]: lab["location"] for lab in by_file[entry["file"]]}
        assert mine == placed, f"{entry['file']}: the table does not list this draft's comments where they are"
        assert entry["comments"] == len(comments)
    assert sum(lab["id"] in FC_IDS for lab in labels["labels"]) >= 30, "fewer than 30 comments in FC scope"


def test_hand_verdicts_are_facts_about_reviewed_drafts(labels: dict) -> None:
    """The hand verdicts on uncommented findings: file, rule, location, verdict, reason class — no text."""
    data = json.loads(ADJUDICATED.read_text(encoding="utf-8"))
    reviewed = {f["file"] for f in labels["files"] if f["reviewed"]}
    assert data["verdicts"], "no verdicts"
    for v in data["verdicts"]:
        assert set(v) == {"file", "rule", "location", "verdict", "reason"}, v
        assert v["file"] in reviewed and v["rule"] in FC_IDS and v["verdict"] in VERDICTS, v
        assert LOCATION.match(v["location"]) and v["reason"] in data["reasons"], v
    assert len({(v["file"], v["rule"], v["location"]) for v in data["verdicts"]}) == len(data["verdicts"])


def test_scorer_counts_a_finding_on_the_commented_row_and_nothing_else(labels: dict, shenzhen: Path,
                                                                       tmp_path: Path) -> None:
    """Reports written by hand: one finding on a flagged cell's row (another column), one with the wrong
    id there, one far from any comment — recall 1/flags of that draft, precision 1/3, one uncommented."""
    scorer = _script("score_fc")
    flag = next(lab for lab in labels["labels"] if lab["id"] in FC_IDS and lab["location"].startswith("表")
                and "内表" not in lab["location"])
    row = flag["location"].rsplit(" ", 1)[0]
    in_draft = {i for lab in labels["labels"] if lab["file"] == flag["file"] for i in [lab["id"], *lab.get("also", [])]}
    other_id = next(i for i in sorted(FC_IDS) if i not in in_draft)  # an id the reviewer never flagged there

    def finding(rule: str, location: str) -> dict:
        return {"rule": rule, "evidence": [{"page": None, "bbox": None, "text": "…", "location": location}]}

    report = {"file": Path(flag["file"]).name, "path": str(shenzhen / flag["file"]), "error": None, "findings": [
        finding(flag["id"], f"{row} 第1列"), finding(other_id, flag["location"]), finding(flag["id"], "第1段"),
        {"rule": "FS101", "evidence": [{"location": flag["location"]}]}]}
    only = {"files": [{"file": flag["file"], "reviewed": True, "comments": 1}],
            "labels": [lab for lab in labels["labels"] if lab["file"] == flag["file"]]}
    s = scorer.score(only, shenzhen, scorer.parse_reports(json.dumps(report, ensure_ascii=False)))
    assert (s["findings"], s["correct"], s["uncommented"]) == (3, 1, 1)
    assert s["found"] >= 1 and s["per_id"][flag["id"]]["found"] >= 1
    assert {(f["id"], f["location"]) for f in s["false_positives"]} == {(other_id, flag["location"]), (flag["id"], "第1段")}
    assert {(m["id"], m["location"]) for m in s["misses"]}.isdisjoint({(flag["id"], flag["location"])})
    # The secondary precision leaves out the finding of an id the reviewer never flagged in that draft.
    assert (s["findings_where_flagged"], s["precision_where_flagged"]) == (2, 0.5)


def test_fc_rules_find_what_reviewers_flagged(labels: dict, shenzhen: Path) -> None:
    from checker.rules import all_rules

    if not any(rule_id.startswith("FC") for rule_id in _rule_ids(all_rules())):
        pytest.skip("no FC rule is registered yet")
    scorer = _script("score_fc")
    files = [shenzhen / f["file"] for f in labels["files"] if f["reviewed"]]
    reports = scorer.run_scan([sys.executable, "-m", "checker"], files, jobs=2)
    s = scorer.score(labels, shenzhen, reports)
    scorer.print_summary(s, quiet=False)
    assert not s["problems"], s["problems"]
    assert s["recall"] >= MIN_RECALL
    assert s["precision"] >= MIN_PRECISION


def _rule_ids(rules) -> list[str]:
    items = rules.values() if isinstance(rules, dict) else rules
    return [getattr(r, "id", str(r)) for r in items]
