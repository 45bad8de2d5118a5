"""The hand-labelled real tenders (../shared/real/labelled), scored by the shared scorer: project facts,
业绩 detection and brand designations must hold their levels. Skipped where the shared material is absent."""
from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LABELLED = SHARED / "real" / "labelled"
SCORER = SHARED / "tools" / "evaluate_real.py"

# Method: every labelled document but R19, whose label writes "单一来源" where SPEC.md, the samples' truth and
# FS102 use the canonical 单一来源采购 (lexicons/methods.yaml).
# Brand designations (issues 11 and 12): lists P/R ≥ 0.90, equivalence ≥ 0.95, and no brand finding at all in a
# document that designates no brand.
THRESHOLDS = {"budget_accuracy": 0.9, "performance_detection_accuracy": 0.95, "method_accuracy": 0.96,
              "purchaser_accuracy": 0.9, "brand_list_precision": 0.9, "brand_list_recall": 0.9,
              "equivalent_clause_accuracy": 0.95, "listless_docs_without_brand_findings": 1.0}


@pytest.mark.skipif(not (LABELLED.is_dir() and SCORER.is_file()), reason="shared/real not present")
def test_labelled_real_tenders_hold_their_levels(tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    # the checkout's code, whatever `tendercheck` on PATH is
    proc = subprocess.run([sys.executable, str(SCORER), str(LABELLED), "--json", str(out),
                           "--cmd", shlex.join([sys.executable, "-m", "checker"])],
                          capture_output=True, text=True, timeout=1800, check=False, cwd=ROOT)
    assert out.is_file(), proc.stdout[-2000:] + proc.stderr[-2000:]
    scores = json.loads(out.read_text(encoding="utf-8"))
    low = {k: scores[k] for k, v in THRESHOLDS.items() if scores[k] < v}
    assert not low, f"{low}\n{proc.stdout[-3000:]}"
    assert scores["false_brand_findings"] == 0, proc.stdout[-3000:]
