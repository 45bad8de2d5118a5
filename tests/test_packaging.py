"""A non-editable install carries its data: lexicons, the default catalog, templates, the schema."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_contains_package_data(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                           "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("tendercheck-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"lexicons/{p.name}" for p in (ROOT / "lexicons").iterdir()
                if p.is_file() and p.suffix in (".csv", ".yaml", ".jsonl", ".md", ".toml", ".json", ".txt")}
    expected |= {f"reports/templates/{p.name}" for p in (ROOT / "reports" / "templates").glob("*") if p.is_file()}
    expected.add("checker/schema/report.schema.json")
    assert any(n.startswith("lexicons/catalog") for n in expected), "the default catalog must ship"
    missing = expected - names
    assert not missing, f"not in the wheel: {sorted(missing)}"
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "tendercheck = checker.cli:run" in zipfile.ZipFile(wheel).read(entry_points).decode()
