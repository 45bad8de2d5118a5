#!/usr/bin/env python3
"""Every brand list and every brand finding (FS101–FS104) of a folder of tenders, with its zone.

    python scripts/brand_findings.py FOLDER... [--only-suspect] [--catalog FILE]

Scans each folder with ``tendercheck scan FOLDER --format jsonl`` (the command a user runs) and prints,
per file, each brand list and each FS101–FS104 finding: rule, item, brands, the zone it sits in
(kind, sub kind, heading path) and the quoted evidence (cut short), then counts per zone.
``--only-suspect`` prints only those in zones where a brand is not a designation: response forms
(forms), annexes and quoted policy (annex), unclassified text (unknown), and anything tagged as an
inventory, price form, deviation table or policy quote. It is how we check across real drafts that
no brand finding sits in a response form, an inventory or an interoperability list.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

BRAND_RULES = ("FS101", "FS102", "FS103", "FS104")
SUSPECT_KINDS = frozenset({"forms", "annex", "unknown"})
SUSPECT_SUBS = frozenset({"inventory", "price_form", "deviation", "policy_quote"})
QUOTE_CHARS = 80


def scan(folder: Path, catalog: str | None) -> list[dict[str, Any]]:
    cmd = [sys.executable, "-m", "checker", "scan", str(folder), "--format", "jsonl"]
    if catalog:
        cmd += ["--catalog", catalog]
    proc = subprocess.run(cmd + ["-q"], capture_output=True, text=True, check=False)
    reports = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    # 1: violations found; 2: some file could not be read, and its report says so (shown as 错误 below).
    if proc.returncode not in (0, 1, 2) or not reports:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"tendercheck scan {folder} failed with exit status {proc.returncode}")
    return reports


def suspect(zone: dict[str, Any] | None) -> bool:
    if zone is None:
        return True
    return zone["kind"] in SUSPECT_KINDS or zone.get("sub") in SUSPECT_SUBS


def zone_text(zone: dict[str, Any] | None) -> str:
    if zone is None:
        return "〔无区域〕"
    tag = zone["kind"] + (f"/{zone['sub']}" if zone.get("sub") else "")
    return f"〔{tag}〕{zone['text']}"


def quote(evidence: list[dict[str, Any]]) -> str:
    if not evidence:
        return ""
    e = evidence[0]
    where = f"p{e['page']}" if e.get("page") else (e.get("location") or "")
    text = " ".join(str(e.get("text", "")).split())
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS - 1] + "…"
    return f"{where} “{text}”"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path, metavar="FOLDER")
    ap.add_argument("--only-suspect", action="store_true",
                    help="only lists and findings in forms/annex/unknown zones or tagged inventory/price_form/"
                         "deviation/policy_quote")
    ap.add_argument("--catalog", help="首台套目录 (default: the built-in sample)")
    args = ap.parse_args(argv)

    lists_by_zone: Counter[str] = Counter()
    findings_by_zone: Counter[str] = Counter()
    shown = suspects = 0
    for folder in args.folders:
        for report in scan(folder, args.catalog):
            rows: list[str] = []
            if report.get("error"):
                rows.append(f"  错误 {report['error'].get('code')}: {report['error'].get('message')}")
            entries = [(bl, f"清单 {bl.get('item')}: " + "、".join(b["name"] for b in bl.get("brands", [])), lists_by_zone)
                       for bl in report.get("brand_lists", [])]
            entries += [(f, f"{f['rule']} {f.get('item') or ''}", findings_by_zone)
                        for f in report.get("findings", []) if f.get("rule") in BRAND_RULES]
            for entry, what, by_zone in entries:
                zone = entry.get("zone")
                by_zone[(zone or {}).get("kind", "none") + (f"/{zone['sub']}" if zone and zone.get("sub") else "")] += 1
                bad = suspect(zone)
                suspects += bad
                if args.only_suspect and not bad:
                    continue
                rows.append(f"  {'!' if bad else ' '} {what} {zone_text(zone)}\n        {quote(entry.get('evidence', []))}")
            if rows:
                shown += 1
                print(f"== {report.get('file')}")
                print("\n".join(rows))
    print()
    print("品牌清单按区域 / brand lists by zone:", dict(sorted(lists_by_zone.items())) or "{}")
    print("品牌问题按区域 / FS101–FS104 findings by zone:", dict(sorted(findings_by_zone.items())) or "{}")
    print(f"可疑（不在采购需求区域）/ suspect: {suspects}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
