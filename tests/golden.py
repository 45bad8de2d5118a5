"""Golden reports: whole reports kept as JSON snapshots (syrupy) beside the tests that make them.

A change in extraction or in a rule shows up as a readable diff of facts and findings; review it,
then accept it with ``python -m pytest tests/test_golden_reports.py tests/test_corpus.py --snapshot-update``.
Only what differs from run to run or machine to machine is left out.
"""
from __future__ import annotations

from typing import Any

import pytest
from syrupy.extensions.json import JSONSnapshotExtension

# The version, where the file was, how long it took, and the input's hash (a generated DOCX carries
# the time it was zipped): nothing the extraction decided.
VOLATILE = ("tool", "path", "elapsed_ms", "scanned_at", "sha256")


def golden_view(report: dict[str, Any]) -> dict[str, Any]:
    view = {k: v for k, v in report.items() if k not in VOLATILE}
    if isinstance(view.get("catalog"), dict):
        view["catalog"] = {k: v for k, v in view["catalog"].items() if k != "path"}
    return view


class ReportSnapshot(JSONSnapshotExtension):
    """One ``.json`` file per report, named by the test and its parameter."""


@pytest.fixture
def golden(snapshot):
    return snapshot.use_extension(ReportSnapshot)
