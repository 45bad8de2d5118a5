"""The code stays lint-clean and typed: ``ruff check .`` and ``mypy --strict`` on the packages.

Both run as subprocesses from the repo root, with this interpreter, so they read pyproject.toml
([tool.ruff], [tool.mypy]) exactly as a developer's shell would. mypy keeps its cache in
.mypy_cache, so after the first run this takes a second or two.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from conftest import ROOT

TYPED_PACKAGES = ("checker", "api", "reports")


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(tool) is None:
        pytest.fail(f"{tool} is not installed: pip install -e '.[test]'")
    return subprocess.run([sys.executable, "-m", tool, *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, check=False)


def test_ruff_check_is_clean() -> None:
    proc = _run("ruff", "check", ".")
    assert proc.returncode == 0, f"ruff check . failed:\n{proc.stdout}{proc.stderr}"


def test_mypy_strict_is_clean() -> None:
    proc = _run("mypy", "--strict", *(f"{p}/" for p in TYPED_PACKAGES))
    assert proc.returncode == 0, f"mypy --strict {' '.join(TYPED_PACKAGES)} failed:\n{proc.stdout}{proc.stderr}"
