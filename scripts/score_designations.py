#!/usr/bin/env python3
"""Score tendercheck's brand designations against hand labels of real Shenzhen drafts (issue 12).

Usage: python scripts/score_designations.py LABELS.json [ROOT] [--cmd "tendercheck"] [--jobs 2]
                                            [--json OUT.json] [--keep OUT.jsonl] [--quiet]

LABELS.json (tests/real_labels/shenzhen_brands.json) is a list of documents:

    {"file": "<category>/<name>.docx", "kind": "goods", "labelled_by": "...",
     "brand_lists": [{"item", "brands": [...], "equivalent_clause": bool, "location"}],
     "borderline":  [{"item", "brands": [...], "equivalent_clause": bool, "location", "note"}],
     "notes": "..."}

ROOT (default /work/shared/real/shenzhen) holds the documents. The scorer runs ONE
``tendercheck scan FILES... --format jsonl`` on the labelled files and compares each report's
``brand_lists`` with the labels, the way ../shared/tools/evaluate_real.py does:

* a predicted list matches a gold list when their brand sets are equal after NFKC, removing
  whitespace and case-folding (each prediction matches at most one gold list);
* a prediction equal to a borderline list is neither a true nor a false positive;
* brands are scored as multisets per document (borderline predictions left out);
* equivalence accuracy is counted on matched lists;
* "false brand findings" are FS101–FS104 findings in documents with no gold list.

It prints per-document differences (missed / extra lists with their evidence location) and ends
with ``summary: docs N lists P0.xx/R0.xx brands P0.xx/R0.xx equivalence 0.xx false brand findings K``.
Exit status 0 unless the command line or the labels file is unusable (2).
"""
from __future__ import annotations

import argparse
import collections
import json
import shlex
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

BRAND_RULES = {"FS101", "FS102", "FS103", "FS104"}
DEFAULT_ROOT = Path("/work/shared/real/shenzhen")


def norm(text: object) -> str:
    if text is None:
        return ""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).casefold()


def pr(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def brand_set(entry: dict) -> frozenset[str]:
    return frozenset(norm(b.get("name") if isinstance(b, dict) else b) for b in entry.get("brands") or [])


def pred_brands(entry: dict) -> list[str]:
    return [norm(b.get("name") if isinstance(b, dict) else b) for b in entry.get("brands") or []]


def where(entry: dict) -> str:
    locs = [e.get("location") or (f"p{e['page']}" if e.get("page") else None) for e in entry.get("evidence") or []]
    locs = [loc for loc in locs if loc]
    return "; ".join(dict.fromkeys(locs)) or "?"


def score_document(label: dict, report: dict) -> tuple[collections.Counter, list[str]]:
    """Counts and difference lines for one document."""
    c: collections.Counter = collections.Counter()
    diffs: list[str] = []
    gold = label.get("brand_lists") or []
    border = [brand_set(b) for b in label.get("borderline") or []]
    preds = list(report.get("brand_lists") or [])

    unused = list(preds)
    for g in gold:
        gset = brand_set(g)
        hit = next((p for p in unused if brand_set(p) == gset), None)
        if hit is None:
            c["lists_fn"] += 1
            diffs.append(f"missed list {g.get('item')!r} {sorted(g['brands'])} at {g.get('location')}")
            continue
        unused.remove(hit)
        c["lists_tp"] += 1
        c["eq_n"] += 1
        if bool(hit.get("equivalent_clause")) == bool(g.get("equivalent_clause")):
            c["eq_ok"] += 1
        else:
            diffs.append(f"equivalence {bool(hit.get('equivalent_clause'))} for {sorted(g['brands'])}, "
                         f"label {bool(g.get('equivalent_clause'))}")
    skipped = set()
    for p in unused:
        if brand_set(p) in border:
            c["lists_borderline"] += 1
            skipped.add(id(p))
            continue
        c["lists_fp"] += 1
        diffs.append(f"extra list {p.get('item')!r} {pred_brands(p)} at {where(p)}")

    gb = collections.Counter(norm(b) for g in gold for b in g["brands"])
    scored = [p for p in preds if id(p) not in skipped]  # matched or extra, not borderline
    pb = collections.Counter(b for p in scored for b in pred_brands(p))
    btp = sum((gb & pb).values())
    c["brands_tp"] += btp
    c["brands_fp"] += sum(pb.values()) - btp
    c["brands_fn"] += sum(gb.values()) - btp

    if not gold:
        findings = [f for f in report.get("findings") or [] if f.get("rule") in BRAND_RULES]
        c["false_brand_findings"] += len(findings)
        c["listless_docs"] += 1
        c["listless_clean"] += not findings
        for f in findings[:4]:
            locs = "; ".join(e.get("location") or "?" for e in f.get("evidence") or [])
            diffs.append(f"false finding {f.get('rule')} at {locs or '?'}")
    return c, diffs


def load_labels(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(isinstance(d, dict) and "file" in d for d in data):
        raise ValueError("labels must be a list of objects with a 'file'")
    return data


def run_scan(cmd: str, files: list[Path], jobs: int, timeout: int) -> tuple[dict[str, dict], int, float]:
    argv = shlex.split(cmd) + ["scan", *map(str, files), "--format", "jsonl", "-q"]
    if jobs > 1:
        argv += ["--jobs", str(jobs)]
    started = time.monotonic()
    proc = subprocess.run(argv, check=False, capture_output=True, text=True, timeout=timeout)
    elapsed = time.monotonic() - started
    reports: dict[str, dict] = {}
    for line in proc.stdout.splitlines():
        if line.strip().startswith("{"):
            try:
                rep = json.loads(line)
            except json.JSONDecodeError:
                continue
            key = rep.get("path") or rep.get("file") or ""
            if key:
                reports.setdefault(str(Path(key).resolve()), rep)
                reports.setdefault(Path(key).name, rep)
    return reports, proc.returncode, elapsed


def find_report(reports: dict[str, dict], path: Path) -> dict | None:
    return reports.get(str(path.resolve())) or reports.get(str(path)) or reports.get(path.name)


def score(labels: list[dict], root: Path, cmd: str = "tendercheck", jobs: int = 2,
          timeout: int = 3600, keep: Path | None = None) -> tuple[dict, list[str]]:
    files = [root / d["file"] for d in labels]
    present = [f for f in files if f.exists()]
    lines: list[str] = []
    reports, status, elapsed = run_scan(cmd, present, jobs, timeout) if present else ({}, 0, 0.0)
    if keep:
        keep.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in
                                  {id(r): r for r in reports.values()}.values()) + "\n", encoding="utf-8")
    total: collections.Counter = collections.Counter()
    for label, path in zip(labels, files):
        total["docs"] += 1
        if not path.exists():
            lines.append(f"{label['file']}: file missing under {root}")
            total["missing_files"] += 1
            continue
        report = find_report(reports, path)
        if report is None:
            lines.append(f"{label['file']}: no report")
            total["no_report"] += 1
            report = {}
        elif report.get("error"):
            lines.append(f"{label['file']}: error {(report['error'] or {}).get('code')}")
        c, diffs = score_document(label, report)
        total.update(c)
        lines += [f"{label['file']}: {d}" for d in diffs]
    lp, lr = pr(total["lists_tp"], total["lists_fp"], total["lists_fn"])
    bp, br = pr(total["brands_tp"], total["brands_fp"], total["brands_fn"])
    scores = {
        "docs": total["docs"], "reports": total["docs"] - total["no_report"] - total["missing_files"],
        "exit_status": status, "seconds": round(elapsed, 1),
        "gold_lists": total["lists_tp"] + total["lists_fn"],
        "borderline_lists": sum(len(d.get("borderline") or []) for d in labels),
        "lists_tp": total["lists_tp"], "lists_fp": total["lists_fp"], "lists_fn": total["lists_fn"],
        "lists_borderline_predicted": total["lists_borderline"],
        "list_precision": lp, "list_recall": lr,
        "brand_precision": bp, "brand_recall": br,
        "equivalence_accuracy": total["eq_ok"] / total["eq_n"] if total["eq_n"] else 1.0,
        "false_brand_findings": total["false_brand_findings"],
        "listless_docs": total["listless_docs"],
        "listless_docs_without_brand_findings":
            total["listless_clean"] / total["listless_docs"] if total["listless_docs"] else 1.0,
    }
    return scores, lines


def summary_line(s: dict) -> str:
    return (f"summary: docs {s['docs']} lists P{s['list_precision']:.2f}/R{s['list_recall']:.2f} "
            f"brands P{s['brand_precision']:.2f}/R{s['brand_recall']:.2f} "
            f"equivalence {s['equivalence_accuracy']:.2f} false brand findings {s['false_brand_findings']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("labels", type=Path)
    ap.add_argument("root", type=Path, nargs="?", default=DEFAULT_ROOT)
    ap.add_argument("--cmd", default="tendercheck", help="command that runs the tool (default: tendercheck)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=3600)
    ap.add_argument("--json", type=Path, help="write the scores here")
    ap.add_argument("--keep", type=Path, help="keep the tool's JSONL reports here")
    ap.add_argument("--quiet", action="store_true", help="print only the summary line")
    args = ap.parse_args(argv)
    try:
        labels = load_labels(args.labels)
    except (OSError, ValueError) as exc:
        print(f"cannot read labels {args.labels}: {exc}", file=sys.stderr)
        return 2
    if not args.root.is_dir():
        print(f"no such folder: {args.root}", file=sys.stderr)
        return 2
    scores, lines = score(labels, args.root, args.cmd, args.jobs, args.timeout, args.keep)
    if not args.quiet:
        for k, v in scores.items():
            print(f"{k}: {v:.3f}" if isinstance(v, float) else f"{k}: {v}")
        if lines:
            print("differences:")
            for line in lines:
                print("  " + line)
    if args.json:
        args.json.write_text(json.dumps(scores, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(summary_line(scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
