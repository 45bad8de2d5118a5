"""A non-editable install carries its data: lexicons, the default catalog, templates, the schema."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def _copy_of_the_checkout(dest: Path) -> Path:
    """The tracked files as they are on disk: building in place would write build/ into the checkout."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def test_wheel_contains_package_data(tmp_path: Path) -> None:
    source = _copy_of_the_checkout(tmp_path / "src")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                           "-w", str(tmp_path), str(source)], capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("tendercheck-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    # Every data file git tracks inside an installed package must ship (a non-editable install
    # has nothing else to read from).
    tracked = subprocess.run(["git", "ls-files", "checker", "lexicons", "reports", "api"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    expected = {p for p in tracked if not p.endswith((".py", ".pyc")) and Path(p).name != ".gitignore"}
    expected.add("checker/schema/report.schema.json")
    assert any(n.startswith("lexicons/catalog") for n in expected), "the default catalog must ship"
    assert "checker/rules/default.toml" in expected
    missing = expected - names
    assert not missing, f"not in the wheel: {sorted(missing)}"
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "tendercheck = checker.cli:run" in zipfile.ZipFile(wheel).read(entry_points).decode()
