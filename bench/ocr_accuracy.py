"""OCR accuracy and speed on scanned Chinese tender pages whose text is known (issue 19).

    python bench/ocr_accuracy.py                   # 20 pages: accuracy, facts, timing at 150/200 dpi x 1/2 processes
    python bench/ocr_accuracy.py --pages 20 --timing-pages 6 --seed 5
    python bench/ocr_accuracy.py --no-timing       # accuracy and facts only
    python bench/ocr_accuracy.py --timing-only     # timing only, on the scan an earlier run left

1. bench/make_tender.py writes a tender of ``--pages`` pages as a text-layer PDF (announcement,
   须知, 评标办法 with 业绩 scoring, 采购需求 with ruled goods tables and 推荐品牌 lists, contract,
   forms; running header and page footer).
2. bench/scanner.py prints, stamps, signs and scans it: image-only pages at 200 dpi with a red
   seal over the text on every other page, a signature on every third, up to 1 degree of skew,
   noise, blur and JPEG artefacts.
3. ``tendercheck`` ingests the scan with ``--ocr auto`` (every page has no text layer, so every
   page is read by OCR) through the same layout, normalisation and extraction as text PDFs.

Character accuracy is 1 - CER against the source's text layer, position by position: every line
and table cell of the source (headers and footers included) is one unit, every character OCR
read goes to the unit whose box holds its centre (OCR turns the page upright, ingest/ocr.py), a unit's characters
are read in lines top to bottom, left to right, and CER = (edit distances of the units + the
characters that fall in no unit) / the source's characters; both sides NFKC-normalised, without
whitespace or the underscores of fill-in blanks. The facts: every brand list (item and brands) and every 业绩 clause the text-layer PDF
gives must come out of the scan too. Timing: ``--timing-pages`` pages OCRed at 150 and 200 dpi in
one and two processes (seconds per page, wall clock), and the whole scan's ingest time; peak RSS of
an OCR process. Results also go to bench/out/ocr/results.json.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import resource
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein

from bench.make_tender import make_tender
from bench.scanner import scan
from checker.facts import extract
from checker.ingest import load_document
from checker.model import Document, Line, Table
from checker.normalize import build_doctext
from checker.settings import Settings

OUT = ROOT / "bench" / "out" / "ocr"
PAD = 3.0  # points around a source unit's box within which an OCR character counts as in it

Unit = tuple[str, tuple[float, float, float, float]]  # text, box
Char = tuple[str, float, float, float]  # character, centre x, centre y, height


def _norm(text: str) -> str:
    """NFKC, no whitespace, no underscores: a form's fill-in blank ("投标人（盖章）：________") is a
    printed line, not text, and OCR rightly reads nothing there."""
    return "".join(unicodedata.normalize("NFKC", text).split()).replace("_", "")


def units(doc: Document) -> dict[int, list[Unit]]:
    """Every line and table cell of a text-layer document, per page (headers and footers too)."""
    out: dict[int, list[Unit]] = {}
    for page in doc.pages:
        for block in [*page.blocks, *page.furniture]:
            if isinstance(block, Line) and block.bbox and block.page:
                out.setdefault(block.page, []).append((block.text, block.bbox))
            elif isinstance(block, Table):
                for row in block.rows:
                    for cell in row:
                        if cell.bbox and cell.page and cell.text.strip():
                            out.setdefault(cell.page, []).append((cell.text, cell.bbox))
    return out


def chars(doc: Document) -> dict[int, list[Char]]:
    """Every character OCR read, with the centre of its box, per page."""
    out: dict[int, list[Char]] = {}

    def add(text: str, boxes: Any, page: int | None) -> None:
        if page is None or boxes is None:
            return
        for ch, (x0, top, x1, bottom) in zip(text, boxes):
            if not ch.isspace():
                out.setdefault(page, []).append((ch, (x0 + x1) / 2, (top + bottom) / 2, bottom - top))

    for page in doc.pages:
        for block in [*page.blocks, *page.furniture]:
            if isinstance(block, Line):
                add(block.text, block.char_boxes, block.page)
            else:
                for row in block.rows:
                    for cell in row:
                        add(cell.text, cell.char_boxes, cell.page)
    return out


def _reading(found: list[Char]) -> str:
    """Characters of one unit in lines (top to bottom), each left to right."""
    found = sorted(found, key=lambda c: c[2])
    lines: list[list[Char]] = []
    for c in found:
        if lines and abs(c[2] - lines[-1][0][2]) < 0.5 * max(c[3], lines[-1][0][3]):
            lines[-1].append(c)
        else:
            lines.append([c])
    return "".join(c[0] for line in lines for c in sorted(line, key=lambda c: c[1]))


def page_errors(truth: list[Unit], read: list[Char]) -> tuple[int, int, list]:
    """(errors, source characters, worst units) for one page."""
    assigned: list[list[Char]] = [[] for _ in truth]
    stray = 0
    for ch, ux, uy, height in read:  # OCR turned the page upright (ingest/ocr.py): no skew to undo
        best, area = -1, math.inf
        for k, (_, (x0, top, x1, bottom)) in enumerate(truth):
            if x0 - PAD <= ux <= x1 + PAD and top - PAD <= uy <= bottom + PAD:
                a = (x1 - x0) * (bottom - top)
                if a < area:
                    best, area = k, a
        if best < 0:
            stray += 1
        else:
            assigned[best].append((ch, ux, uy, height))
    errors, total, worst = stray, 0, []
    for (text, _), found in zip(truth, assigned):
        want, got = _norm(text), _norm(_reading(found))
        d = Levenshtein.distance(want, got)
        errors += d
        total += len(want)
        if d:
            worst.append((d, want, got))
    return errors, total, sorted(worst, reverse=True)[:3]


def _lists(facts: Any) -> set[tuple[str, tuple[str, ...]]]:
    return {(_norm(bl.item or ""), tuple(sorted(_norm(b.name) for b in bl.brands))) for bl in facts.brand_lists}


def _performance(facts: Any) -> list[str]:
    return [_norm(p.text) for p in facts.performance_requirements]


def accuracy(pages: int, seed: int, jobs: int, dpi: int = 200) -> dict[str, Any]:
    OUT.mkdir(parents=True, exist_ok=True)
    source, scanned = OUT / f"tender_{pages}_{seed}.pdf", OUT / f"scanned_{pages}_{seed}.pdf"
    make_tender(pages, seed, source)
    plan = scan(source, scanned, dpi=200, seed=seed)
    truth_doc = load_document(source, Settings(ocr="off"))
    truth_facts = extract(build_doctext(truth_doc))
    settings = Settings(ocr="auto", ocr_jobs=jobs, ocr_dpi=dpi, file_timeout_s=3600, ocr_page_timeout_s=600)
    started = time.perf_counter()
    doc = load_document(scanned, settings)
    ingest_s = time.perf_counter() - started
    facts = extract(build_doctext(doc))
    truth, read = units(truth_doc), chars(doc)
    per_page = []
    errors = total = 0
    for number in range(1, pages + 1):
        e, t, worst = page_errors(truth.get(number, []), read.get(number, []))
        errors += e
        total += t
        per_page.append({"page": number, "chars": t, "errors": e, "accuracy": round(1 - e / max(1, t), 4),
                         "skew": round(plan[number - 1].skew, 2), "seal": plan[number - 1].seal is not None,
                         "signature": plan[number - 1].signature is not None,
                         "worst": [{"distance": d, "source": w, "ocr": g} for d, w, g in worst]})
    want_lists, got_lists = _lists(truth_facts), _lists(facts)
    want_perf, got_perf = _performance(truth_facts), _performance(facts)
    perf_found = sum(1 for p in want_perf if any(Levenshtein.normalized_similarity(p, q) >= 0.9 for q in got_perf))
    return {
        "pages": pages, "seed": seed, "ocr_pages": len(doc.ocr_pages), "source_chars": total, "errors": errors,
        "char_accuracy": round(1 - errors / max(1, total), 4),
        "brand_lists": len(want_lists), "brand_lists_found": len(want_lists & got_lists),
        "brand_lists_extra": sorted(map(str, got_lists - want_lists)),
        "brand_lists_missed": sorted(map(str, want_lists - got_lists)),
        "performance_clauses": len(want_perf), "performance_found": perf_found,
        "method": [truth_facts.method.value, facts.method.value],
        "budget": [truth_facts.project.budget_yuan, facts.project.budget_yuan],
        "scan_ingest_s": round(ingest_s, 1), "jobs": jobs, "dpi": dpi, "warnings": doc.warnings, "per_page": per_page,
    }


def timing(scanned: Path, count: int) -> list[dict[str, Any]]:
    from checker.ingest.ocr import ocr_pages

    rows = []
    for dpi in (150, 200):
        for jobs in (1, 2):
            settings = Settings(ocr_dpi=dpi, ocr_jobs=jobs, ocr_page_timeout_s=600)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            outcome = ocr_pages(str(scanned), list(range(1, count + 1)), settings, time.monotonic() + 3600)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            # on a shared machine wall time depends on the other load; CPU time per page does not
            rows.append({"dpi": dpi, "processes": jobs, "pages": count, "failed": len(outcome.failed),
                         "seconds_per_page": round(wall / count, 2), "cpu_seconds_per_page": round(cpu / count, 2),
                         "load_average": round(os.getloadavg()[0], 1)})
            print(f"  {dpi} dpi, {jobs} process(es): {wall / count:.2f} s/page, {cpu / count:.2f} CPU s/page"
                  f" (load average {os.getloadavg()[0]:.1f})", file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2, help="OCR processes for the accuracy run")
    ap.add_argument("--dpi", type=int, default=200, help="OCR rendering resolution for the accuracy run")
    ap.add_argument("--timing-pages", type=int, default=6)
    ap.add_argument("--no-timing", action="store_true")
    ap.add_argument("--timing-only", action="store_true", help="time the scan an earlier run left in bench/out/ocr")
    args = ap.parse_args(argv)
    if args.timing_only:
        for row in timing(OUT / f"scanned_{args.pages}_{args.seed}.pdf", min(args.timing_pages, args.pages)):
            print(f"{row['dpi']} dpi, {row['processes']} process(es): {row['seconds_per_page']} s/page,"
                  f" {row['cpu_seconds_per_page']} CPU s/page (load average {row['load_average']})")
        print(f"OCR process peak RSS {round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)} MB")
        return 0
    result = accuracy(args.pages, args.seed, args.jobs, args.dpi)
    result["ocr_child_max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    if not args.no_timing:
        result["timing"] = timing(OUT / f"scanned_{args.pages}_{args.seed}.pdf", min(args.timing_pages, args.pages))
    (OUT / "results.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    for p in result["per_page"]:
        print(f"page {p['page']:>2}: {p['accuracy']:.4f} ({p['errors']}/{p['chars']}) skew {p['skew']:+.2f}"
              f"{' seal' if p['seal'] else ''}{' signature' if p['signature'] else ''}"
              + (f"  e.g. {p['worst'][0]['source'][:30]!r} → {p['worst'][0]['ocr'][:30]!r}" if p["worst"] else ""))
    print(f"character accuracy (1 - CER): {result['char_accuracy']:.4f} over {result['source_chars']} characters"
          f" on {result['pages']} pages ({result['ocr_pages']} read by OCR at {result['dpi']} dpi)")
    print(f"brand lists found: {result['brand_lists_found']}/{result['brand_lists']}"
          f" (extra {len(result['brand_lists_extra'])}); 业绩 clauses found: {result['performance_found']}/"
          f"{result['performance_clauses']}; method {result['method']}; budget {result['budget']}")
    print(f"scan of {result['pages']} pages (ingest with OCR, {result['jobs']} processes): {result['scan_ingest_s']} s;"
          f" OCR process peak RSS {result['ocr_child_max_rss_mb']} MB")
    for row in result.get("timing", []):
        print(f"{row['dpi']} dpi, {row['processes']} process(es): {row['seconds_per_page']} s/page,"
              f" {row['cpu_seconds_per_page']} CPU s/page (load average {row['load_average']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
