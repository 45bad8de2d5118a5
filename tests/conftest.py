from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"
# Invented companies for tests that need catalog products of a given kind (the built-in catalog is real and small).
SYNTHETIC_CATALOG = ROOT / "examples" / "synthetic_catalog.csv"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/pdfgen.py
# Scanned and garbled fixtures throughout the suite pin the errors a file gets without OCR
# (--ocr off), and OCR of every such fixture would cost a few seconds each: the suite runs with
# OCR off, child processes and servers included, and tests/test_ocr.py turns it on where it is tested.
os.environ["TENDERCHECK_OCR"] = "off"


@pytest.fixture
def samples_dir() -> Path:
    if not SHARED_SAMPLES.is_dir():
        pytest.skip("../shared/samples is not available here")
    return SHARED_SAMPLES


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True,
                          timeout=timeout, env=full_env, cwd=ROOT, check=False)


def jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]
