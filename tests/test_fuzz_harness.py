"""The fuzzing harness runs (a few seconds here; ``--seconds 300`` or more for a real session) and
finds nothing in the current ingest: every mutated document ends in a report, broken ones in their
own error code, none in ``internal_error``, ``memory_limit`` or ``scan_timeout``."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_fuzz_ingest_runs_for_a_set_time_and_finds_nothing(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "scripts/fuzz_ingest.py", "--seconds", "2", "--seed", "13",
                           "--out", str(tmp_path / "findings")], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, check=False)
    stats = json.loads(proc.stdout.strip().splitlines()[-1])
    assert proc.returncode == 0 and stats["findings"] == 0, proc.stdout
    assert stats["inputs"] > 0 and not any((tmp_path / "findings").iterdir())
