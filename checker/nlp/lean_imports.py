"""spaCy and jieba without the parts a scan never runs: a tenth of a command-line scan.

spaCy without its command line: ``spacy/__init__.py`` imports ``spacy.cli.info`` only to offer ``spacy.info``, and importing it
loads the whole training and project CLI (typer, weasel, the download client): about 450
modules and 0.15 s, a tenth of a command-line scan, for code a checker never runs. We hand that
one import a placeholder whose ``info`` loads the real command on first call, and take the
placeholder away again right after, so a later ``import spacy.cli`` gets the real package.

If a spaCy release wants more from ``spacy.cli`` at import time, the placeholder fails to
satisfy it and we import spaCy the ordinary way: slower, never broken.

jieba without pkg_resources: jieba 0.42 opens its dictionary and HMM tables through
``pkg_resources`` when that imports (70 ms of setuptools' start-up, and a deprecation warning)
and through plain ``open`` beside its own ``__file__`` when it does not. Installed as files, as
pip installs it, the two read the same bytes.
"""
from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_PLACEHOLDERS = ("spacy.cli", "spacy.cli.info")


def _real_info(*args: Any, **kwargs: Any) -> Any:
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)


def import_spacy() -> None:
    if "spacy" in sys.modules:
        return
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so that "spacy.cli.info" can be its submodule
    info = types.ModuleType("spacy.cli.info")
    info.info = _real_info  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy
    except (ImportError, AttributeError):  # this spaCy needs more of its CLI: start again, the usual way
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    finally:
        for name in _PLACEHOLDERS:
            if sys.modules.get(name) in (cli, info):
                del sys.modules[name]
    if getattr(spacy, "cli", None) is cli:
        delattr(spacy, "cli")  # the next ``import spacy.cli`` sets the real one


def import_jieba() -> None:
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:  # nothing to save
        return
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes ``import pkg_resources`` fail
    try:
        import jieba  # noqa: F401
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]  # anyone else may import the real one
