"""Layers you can see: no module imports from a layer above its own, and no import circle.

The layers are declared once, in pyproject.toml's ``[tool.importlinter]`` (``lint-imports`` checks them
from the command line too). Imports made only under ``TYPE_CHECKING`` are left out: they never run.
"""
from __future__ import annotations

import graphlib
import sys

import grimp
import pytest
from conftest import ROOT
from importlinter.cli import lint_imports

PACKAGES = ("checker", "reports", "api")


def import_circles(imports: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """Every circle, one at a time: find one, report it, cut its closing edge, look again."""
    graph = {m: set(deps) for m, deps in imports.items()}
    circles = []
    while True:
        try:
            graphlib.TopologicalSorter(graph).prepare()
        except graphlib.CycleError as exc:
            cycle = tuple(exc.args[1])  # (a, b, …, a): each imports… the next, in reverse
            circles.append(cycle)
            graph[cycle[1]].discard(cycle[0])
            continue
        return circles


def test_the_circle_finder_finds_a_circle_and_a_clean_graph_has_none() -> None:
    assert import_circles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    found = import_circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert len(found) == 1 and set(found[0]) == {"a", "b", "c"}


def test_no_import_circle() -> None:
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True)
    imports = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    assert import_circles(imports) == []


def test_no_module_imports_from_a_layer_above_its_own(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    assert code == 0, capsys.readouterr().out
