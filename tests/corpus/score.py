"""Score tendercheck reports against the corpus truth files, as the team's evaluator does
(``/work/shared/tools/evaluate.py``): method accuracy, brand lists matched on (brand set, page),
standard codes, and findings on (rule, page) — page only where the truth gives one."""
from __future__ import annotations

import collections
import json
import unicodedata
from pathlib import Path

TRUTH_FAMILY = "FS"  # the rule family the corpus truth labels


def norm(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split()).lower()


def _pages(entry: dict) -> set[int]:
    return {e["page"] for e in entry.get("evidence") or [] if e.get("page") is not None}


def _pr(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def _multiset(truth: list, pred: list) -> tuple[int, int, int]:
    t, p = collections.Counter(truth), collections.Counter(pred)
    tp = sum((t & p).values())
    return tp, sum(p.values()) - tp, sum(t.values()) - tp


def score(folder: Path, reports: list[dict]) -> tuple[dict[str, float], list[str]]:
    """Scores and a list of differences ("C03…: FS101 page 7 expected 1, got 0")."""
    by_file = {r["file"]: r for r in reports}
    c: collections.Counter[str] = collections.Counter()
    problems: list[str] = []
    for path in sorted(folder.glob("*.truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        rep = by_file.get(truth["file"], {})
        name = truth["file"]
        c["docs"] += 1
        method = (rep.get("procurement_method") or {}).get("value")
        c["method"] += method == truth["procurement_method"]
        if method != truth["procurement_method"]:
            problems.append(f"{name}: method {truth['procurement_method']}, got {method}")
        c["as_of"] += rep.get("as_of") == truth["as_of"]
        unused = list(rep.get("brand_lists", []))
        for t in truth["brand_lists"]:
            want = frozenset(norm(b) for b in t["brands"])
            hit = next((p for p in unused if frozenset(norm(b["name"]) for b in p["brands"]) == want
                        and (t["page"] is None or not _pages(p) or t["page"] in _pages(p))), None)
            if hit is None:
                c["lists_fn"] += 1
                problems.append(f"{name}: list {t['item']} {t['brands']} missing")
            else:
                c["lists_tp"] += 1
                unused.remove(hit)
        c["lists_fp"] += len(unused)
        problems += [f"{name}: extra list {p['item']} {[b['name'] for b in p['brands']]}" for p in unused]
        ts = {norm(s["code"]) for s in truth["standards"]}
        ps = {norm(s["code"]) for s in rep.get("standards", [])}
        c["std_tp"] += len(ts & ps)
        c["std_fp"] += len(ps - ts)
        c["std_fn"] += len(ts - ps)
        problems += [f"{name}: standard {x} missing" for x in ts - ps] + [f"{name}: extra standard {x}" for x in ps - ts]
        paged = {f["rule"] for f in truth["expected_findings"] if f["page"] is not None}
        tkeys = [(f["rule"], f["page"]) if f["page"] is not None else (f["rule"],) for f in truth["expected_findings"]]
        # The truth labels the 首台套 family only: other families' findings (FC…) are not scored here.
        pkeys = [(f["rule"], min(_pages(f), default=None)) if f["rule"] in paged else (f["rule"],)
                 for f in rep.get("findings", []) if f["rule"].startswith(TRUTH_FAMILY)]
        tp, fp, fn = _multiset(tkeys, pkeys)
        c["find_tp"] += tp
        c["find_fp"] += fp
        c["find_fn"] += fn
        tc, pc = collections.Counter(tkeys), collections.Counter(pkeys)
        problems += [f"{name}: {k} expected {tc[k]}, got {pc[k]}" for k in sorted(set(tc) | set(pc), key=str) if tc[k] != pc[k]]
    scores = {
        "method_accuracy": c["method"] / c["docs"],
        "as_of_accuracy": c["as_of"] / c["docs"],
        "brand_list_precision": _pr(c["lists_tp"], c["lists_fp"], c["lists_fn"])[0],
        "brand_list_recall": _pr(c["lists_tp"], c["lists_fp"], c["lists_fn"])[1],
        "standard_precision": _pr(c["std_tp"], c["std_fp"], c["std_fn"])[0],
        "standard_recall": _pr(c["std_tp"], c["std_fp"], c["std_fn"])[1],
        "finding_precision": _pr(c["find_tp"], c["find_fp"], c["find_fn"])[0],
        "finding_recall": _pr(c["find_tp"], c["find_fp"], c["find_fn"])[1],
    }
    return scores, problems
