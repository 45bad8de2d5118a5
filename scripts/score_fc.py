#!/usr/bin/env python3
"""Score tendercheck's fair-competition findings (FC…) against the reviewers' comments on the real
Shenzhen drafts (issue 20).

Usage: python scripts/score_fc.py LABELS.json SHENZHEN_DIR [--json OUT] [--cmd "python -m checker"]
                                  [--scan-arg ARG …] [--jobs 2] [--reports REPORTS.jsonl] [--keep OUT.jsonl]
                                  [--quiet]

LABELS.json (tests/real_labels/shenzhen_fc.json) lists every reviewer comment of the drafts as
``{"file", "comment", "id": "FC1xx" | "OTHER:<kind>", "location", "paragraph", "end"?}`` and every
draft as ``{"file", "reviewed", "comments"}``. Only reviewed drafts (those with comments) are scanned
and scored: a draft nobody commented on says nothing about what a reviewer would flag.

The scorer runs ONE ``scan FILES… --format jsonl`` (``--cmd``, default this Python's ``-m checker``)
or reads reports already made (``--reports``), keeps the findings whose rule starts with ``FC`` and
places every evidence location (``第N段`` / ``表T 第R行 第C列``) on the draft's own layout, read from
the DOCX by scripts/fc_comments.py the way the ingest reads it. A finding **lands on** a comment when

* a paragraph evidence is within ``PARAGRAPH_TOLERANCE`` paragraphs of a paragraph of the
  comment's anchored range, or
* a cell evidence is in the same table row as a cell of the anchored range (any column: a reviewer
  anchors one cell of a scoring row, a rule quotes the row).

Scores, per FC id and overall:

* **recall** = FC flags (distinct file, id and anchor; several identical comments on one clause
  are one flag) that a finding of the same id lands on / all FC flags;
* **precision** = findings that land on a flag of their own id / all FC findings in reviewed drafts.

A secondary precision counts only the findings of ids the reviewer flagged at least once in that draft
(where we know they looked for that kind of clause). Findings that land on no comment at all ("uncommented") are counted apart: reviewers miss things,
so some of them are real problems; a sample of them is printed to be judged by hand. Findings that
land on a comment of another id or kind are listed as "on another comment".

The reviewed drafts are split for honest tuning (issue 20): in sorted order, the drafts with an even
index are the development half (read while changing rules), the odd ones are held out; the summary
prints both halves' scores beside the whole.

Exit status 0 unless the command line, the labels or the scan is unusable (2).
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import shlex
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fc_comments import Layout, Unit, q

PARAGRAPH_TOLERANCE = 2  # 第N段 of a finding may be this many paragraphs before or after the anchor
UNCOMMENTED_SAMPLE = 20  # uncommented findings printed for a hand check
FC_PREFIX = "FC"
_CELL = re.compile(r"^(?P<row>.*第\d+行) 第\d+列$")


@dataclass
class Flag:
    """One reviewer flag: a distinct (file, id, anchored range); ``comments`` counts the comments on it."""

    file: str
    id: str
    location: str | None
    end: str | None
    zone: str | None = None  # tendercheck's outline zone kind at the anchor
    also: set[str] = field(default_factory=set)  # other FC ids the flagged clause falls under as well
    comments: list[str] = field(default_factory=list)
    found_by: int = 0

    def takes(self, rule: str) -> bool:
        return rule == self.id or rule in self.also


@dataclass
class Finding:
    file: str
    rule: str
    locations: list[str]
    text: str
    zone: str | None
    lands_on: list[Flag] = field(default_factory=list)


def load_labels(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("labels"), list) or not isinstance(data.get("files"), list):
        raise TypeError(f"{path}: expected an object with 'files' and 'labels' lists")
    return data


def layout_of(path: Path) -> Layout:
    with zipfile.ZipFile(path) as z:
        document = etree.fromstring(z.read("word/document.xml"))
    return Layout(document.find(q("body")))


def row_key(unit: Unit) -> str | None:
    m = _CELL.match(unit.location)
    return m.group("row") if m and unit.paragraph is None else None


class Anchors:
    """A draft's flags placed on its layout, and the test 'does this evidence location land on that flag'."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.by_location = {u.location: u for u in layout.units}

    def span(self, location: str | None, end: str | None) -> list[Unit]:
        if location is None or location not in self.by_location:
            return []
        a = self.by_location[location].block
        b = self.by_location[end].block if end in self.by_location else a
        lo, hi = min(a, b), max(a, b)
        return self.layout.units[lo:hi + 1]

    def unit(self, location: str) -> Unit | None:
        return self.by_location.get(location.strip())

    def lands(self, evidence: Unit, span: list[Unit]) -> bool:
        if evidence.paragraph is not None:
            paragraphs = [u.paragraph for u in span if u.paragraph is not None]
            return any(abs(evidence.paragraph - p) <= PARAGRAPH_TOLERANCE for p in paragraphs)
        rows = {row_key(u) for u in span if u.paragraph is None}
        return row_key(evidence) in rows


def run_scan(cmd: list[str], files: list[Path], jobs: int, extra: list[str] | None = None) -> dict[str, dict]:
    argv = [*cmd, "scan", *map(str, files), "--format", "jsonl", "-q", *(extra or [])]
    if jobs > 1:
        argv += ["--jobs", str(jobs)]
    proc = subprocess.run(argv, check=False, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"scan failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return parse_reports(proc.stdout)


def parse_reports(text: str) -> dict[str, dict]:
    reports: dict[str, dict] = {}
    for line in text.splitlines():
        if line.strip().startswith("{"):
            rep = json.loads(line)
            for key in (rep.get("path"), rep.get("file")):
                if key:
                    reports.setdefault(os.path.realpath(key), rep)
                    reports.setdefault(Path(key).name, rep)
    return reports


def fc_findings(report: dict, file: str) -> list[Finding]:
    out = []
    for f in report.get("findings") or []:
        rule = str(f.get("rule", ""))
        if not rule.startswith(FC_PREFIX):
            continue
        evidence = f.get("evidence") or []
        zone = f.get("zone")
        out.append(Finding(file, rule, [e["location"] for e in evidence if e.get("location")],
                           " ".join(e.get("text", "") for e in evidence)[:120],
                           zone.get("kind") if isinstance(zone, dict) else None))
    return out


def _norm(text: str) -> str:
    return "".join(text.split())


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def score(labels: dict, root: Path, reports: dict[str, dict]) -> dict:
    reviewed = [f["file"] for f in labels["files"] if f.get("reviewed")]
    flags: dict[str, list[Flag]] = collections.defaultdict(list)  # FC flags per file
    others: dict[str, list[Flag]] = collections.defaultdict(list)  # every other comment per file
    for lab in labels["labels"]:
        bucket = flags if lab["id"].startswith(FC_PREFIX) else others
        existing = next((f for f in bucket[lab["file"]] if (f.id, f.location, f.end) ==
                         (lab["id"], lab.get("location"), lab.get("end"))), None)
        if existing is None:
            existing = Flag(lab["file"], lab["id"], lab.get("location"), lab.get("end"), lab.get("zone"))
            bucket[lab["file"]].append(existing)
        existing.comments.append(str(lab.get("comment")))
        existing.also |= set(lab.get("also") or ())
    findings: list[Finding] = []
    problems: list[str] = []
    unplaced = 0
    for file in reviewed:
        path = root / file
        report = reports.get(os.path.realpath(path)) or reports.get(path.name)
        if report is None:
            problems.append(f"{file}: no report")
            continue
        if report.get("error"):
            problems.append(f"{file}: error {report['error'].get('code')}")
            continue
        anchors = Anchors(layout_of(path))
        for finding in fc_findings(report, file):
            findings.append(finding)
            units = [u for u in (anchors.unit(loc) for loc in finding.locations) if u is not None]
            if not units:
                unplaced += 1
            for flag in flags[file] + others[file]:
                span = anchors.span(flag.location, flag.end)
                if any(anchors.lands(u, span) for u in units):
                    finding.lands_on.append(flag)
                    if flag.takes(finding.rule):
                        flag.found_by += 1

    ids = sorted({f.id for fs in flags.values() for f in fs} | {f.rule for f in findings})
    per_id = {}
    for rid in ids:
        fl = [f for fs in flags.values() for f in fs if f.id == rid]
        fd = [f for f in findings if f.rule == rid]
        tp_flags = sum(1 for f in fl if f.found_by)
        tp_findings = sum(1 for f in fd if any(x.takes(rid) for x in f.lands_on))
        per_id[rid] = {"flags": len(fl), "comments": sum(len(f.comments) for f in fl), "found": tp_flags,
                       "recall": round(ratio(tp_flags, len(fl)), 3), "findings": len(fd),
                       "correct": tp_findings, "precision": round(ratio(tp_findings, len(fd)), 3),
                       "uncommented": sum(1 for f in fd if not f.lands_on)}
    all_flags = [f for fs in flags.values() for f in fs]
    tp_flags = sum(1 for f in all_flags if f.found_by)
    correct = [f for f in findings if any(x.takes(f.rule) for x in f.lands_on)]
    tp_findings = len(correct)
    uncommented = [f for f in findings if not f.lands_on]
    elsewhere = [f for f in findings if f.lands_on and not any(x.takes(f.rule) for x in f.lands_on)]
    # A reviewer comments a clause once even when the draft repeats it (each item's test-report note):
    # a wrong finding quoting the same text as a right one of its rule in that draft is counted apart.
    right_texts = {(f.file, f.rule, _norm(f.text)) for f in correct}
    # Secondary: only in (draft, id) pairs where the reviewer flagged that id at least once — there we know
    # they looked for it; elsewhere a silent reviewer may not have reviewed that kind of clause at all.
    looked = {(file, rid) for file, fs in flags.items() for f in fs for rid in {f.id, *f.also}}
    scoped = [f for f in findings if (f.file, f.rule) in looked]
    right = {id(f) for f in correct}
    repeats = [f for f in findings if id(f) not in right and (f.file, f.rule, _norm(f.text)) in right_texts]
    comment_recall = ratio(sum(len(f.comments) for f in all_flags if f.found_by), sum(len(f.comments) for f in all_flags))
    return {
        "reviewed_files": len(reviewed),
        "flags": len(all_flags), "fc_comments": sum(len(f.comments) for f in all_flags),
        "found": tp_flags, "recall": round(ratio(tp_flags, len(all_flags)), 3),
        "comment_recall": round(comment_recall, 3),
        "findings": len(findings), "correct": tp_findings, "precision": round(ratio(tp_findings, len(findings)), 3),
        "uncommented": len(uncommented), "on_other_comment": len(elsewhere), "unplaced": unplaced,
        "repeats_of_flagged": len(repeats),
        "findings_where_flagged": len(scoped),
        "precision_where_flagged": round(ratio(sum(1 for f in scoped if id(f) in right), len(scoped)), 3),
        "per_id": per_id,
        "misses": [{"file": f.file, "id": f.id, "location": f.location, "end": f.end, "zone": f.zone,
                    "comments": len(f.comments)}
                   for f in all_flags if not f.found_by],
        "false_positives": [{"file": f.file, "id": f.rule, "location": f.locations[0] if f.locations else None,
                             "zone": f.zone, "on": sorted({x.id for x in f.lands_on}) or None}
                            for f in findings if not any(x.takes(f.rule) for x in f.lands_on)],
        "uncommented_sample": [{"file": f.file, "id": f.rule, "location": f.locations[0] if f.locations else None,
                                "zone": f.zone, "text": f.text}
                               for f in random.Random(20).sample(uncommented, min(UNCOMMENTED_SAMPLE, len(uncommented)))],
        "problems": problems,
    }


def halves(labels: dict) -> dict[str, dict]:
    """The labels of the development half (even index among the reviewed drafts, sorted) and of the
    held-out half (odd index)."""
    reviewed = sorted(f["file"] for f in labels["files"] if f.get("reviewed"))
    out = {}
    for name, parity in (("dev", 0), ("held_out", 1)):
        keep = {f for i, f in enumerate(reviewed) if i % 2 == parity}
        out[name] = {"files": [f for f in labels["files"] if f["file"] in keep],
                     "labels": [lab for lab in labels["labels"] if lab["file"] in keep]}
    return out


def split_scores(labels: dict, root: Path, reports: dict[str, dict]) -> dict[str, dict]:
    return {name: {k: v for k, v in score(part, root, reports).items()
                   if k in ("reviewed_files", "flags", "found", "recall", "findings", "correct", "precision",
                            "precision_where_flagged")}
            for name, part in halves(labels).items()}


def adjudicated(s: dict, verdicts: dict) -> dict:
    """The hand verdicts on uncommented findings (tests/real_labels/shenzhen_fc_adjudicated.json) applied to
    this run: a finding judged plausible counts as right in a second, separately reported precision."""
    by_key = {(v["file"], v["rule"], v["location"]): v["verdict"] for v in verdicts.get("verdicts", [])}
    uncommented = [(f["file"], f["id"], f["location"]) for f in s["false_positives"] if f["on"] is None]
    counts = {"plausible": 0, "uncertain": 0, "not": 0, "unjudged": 0}
    for key in uncommented:
        counts[by_key.get(key, "unjudged")] += 1
    return {**counts, "precision_with_plausible": round(ratio(s["correct"] + counts["plausible"], s["findings"]), 3)}


def print_summary(s: dict, quiet: bool) -> None:
    print(f"reviewed drafts {s['reviewed_files']}: FC flags {s['flags']} ({s['fc_comments']} comments), "
          f"FC findings {s['findings']}")
    print(f"{'id':7} {'flags':>5} {'found':>5} {'recall':>6} {'finds':>6} {'right':>5} {'prec':>6} {'uncommented':>11}")
    for rid, r in s["per_id"].items():
        print(f"{rid:7} {r['flags']:5} {r['found']:5} {r['recall']:6.2f} {r['findings']:6} {r['correct']:5} "
              f"{r['precision']:6.2f} {r['uncommented']:11}")
    if not quiet:
        print("misses (file, id, location):")
        for m in s["misses"]:
            print(f"  {m['file']}\t{m['id']}\t{m['location']}" + (f" … {m['end']}" if m["end"] else "") + f"\t{m['zone']}")
        print("false positives (file, id, location, what it landed on):")
        for f in s["false_positives"]:
            print(f"  {f['file']}\t{f['id']}\t{f['location']}\t{','.join(f['on']) if f['on'] else 'uncommented'}")
        if s["uncommented_sample"]:
            print(f"sample of {len(s['uncommented_sample'])} uncommented findings (judge by hand):")
            for f in s["uncommented_sample"]:
                print(f"  {f['file']}\t{f['id']}\t{f['location']}\t{f['zone']}\t{_norm(f['text'])[:60]}")
        for p in s["problems"]:
            print(f"  problem: {p}")
    print(f"summary: flags {s['flags']} found {s['found']} recall {s['recall']:.2f} "
          f"(comments {s['comment_recall']:.2f}) | findings {s['findings']} correct {s['correct']} "
          f"precision {s['precision']:.2f} | uncommented {s['uncommented']} on other comments "
          f"{s['on_other_comment']} unplaced {s['unplaced']} | wrong ones repeating a flagged clause {s['repeats_of_flagged']}")
    print(f"secondary: precision {s['precision_where_flagged']:.2f} over the {s['findings_where_flagged']} findings in "
          f"(draft, id) pairs where the reviewer flagged that id at least once")
    a = s.get("adjudicated")
    if a:
        print(f"hand verdicts on the {s['uncommented']} uncommented findings: plausible {a['plausible']} uncertain "
              f"{a['uncertain']} not {a['not']} unjudged {a['unjudged']} | precision counting plausible ones "
              f"{a['precision_with_plausible']:.2f}")
    for name, h in (s.get("halves") or {}).items():
        print(f"{name}: drafts {h['reviewed_files']} flags {h['flags']} found {h['found']} recall {h['recall']:.2f} | "
              f"findings {h['findings']} correct {h['correct']} precision {h['precision']:.2f} | "
              f"secondary {h['precision_where_flagged']:.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("labels", type=Path)
    ap.add_argument("root", type=Path, help="the shenzhen folder (../shared/real/shenzhen)")
    ap.add_argument("--json", type=Path, help="write the scores, misses and false positives here")
    ap.add_argument("--cmd", default=f"{shlex.quote(sys.executable)} -m checker",
                    help="how to run tendercheck (default: this Python's -m checker, from the current directory)")
    ap.add_argument("--scan-arg", action="append", default=[], metavar="ARG",
                    help="pass ARG to scan (repeat: --scan-arg=--config --scan-arg=rules.toml)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--reports", type=Path, help="score these JSONL reports instead of scanning")
    ap.add_argument("--keep", type=Path, help="also write the scan's JSONL reports here")
    ap.add_argument("--quiet", action="store_true", help="scores only, no lists")
    ap.add_argument("--adjudicated", type=Path, help="hand verdicts on uncommented findings "
                    "(tests/real_labels/shenzhen_fc_adjudicated.json): report the precision counting plausible ones")
    args = ap.parse_args(argv)
    try:
        labels = load_labels(args.labels)
    except (OSError, ValueError, TypeError) as exc:
        print(f"score_fc: {exc}", file=sys.stderr)
        return 2
    if not args.root.is_dir():
        print(f"score_fc: {args.root} is not a folder", file=sys.stderr)
        return 2
    files = [args.root / f["file"] for f in labels["files"] if f.get("reviewed")]
    try:
        if args.reports:
            text = args.reports.read_text(encoding="utf-8")
        else:
            proc_reports = run_scan(shlex.split(args.cmd), [f for f in files if f.exists()], args.jobs, args.scan_arg)
            text = "\n".join(json.dumps(r, ensure_ascii=False) for r in {id(r): r for r in proc_reports.values()}.values())
        reports = parse_reports(text)
    except (OSError, RuntimeError, json.JSONDecodeError) as exc:
        print(f"score_fc: {exc}", file=sys.stderr)
        return 2
    if args.keep:
        args.keep.write_text(text + "\n", encoding="utf-8")
    s = score(labels, args.root, reports)
    s["halves"] = split_scores(labels, args.root, reports)
    if args.adjudicated:
        s["adjudicated"] = adjudicated(s, json.loads(args.adjudicated.read_text(encoding="utf-8")))
    print_summary(s, args.quiet)
    if args.json:
        args.json.write_text(json.dumps(s, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
