"""spaCy and jieba load without the parts a scan never runs, and those parts still load for whoever asks."""
from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from checker.nlp.pipeline import split_brands
print([s.text for s in split_brands("西门子、施耐德、ABB").spans["brand"]])
print("typer" in sys.modules, "weasel" in sys.modules, "pkg_resources" in sys.modules)
import spacy.cli
print(callable(spacy.cli.download), spacy.info()["spacy_version"] == spacy.__version__)
import pkg_resources, jieba
print(pkg_resources.__name__, '产品' in jieba.lcut('首台套产品推广应用'))
"""


def test_brand_pipeline_loads_without_spacy_cli_or_pkg_resources_and_both_still_import():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0] == "['西门子', '施耐德', 'ABB']"
    assert out[1] == "False False False"  # spaCy's CLI and setuptools' pkg_resources were not loaded
    assert out[2] == "True True"  # and a later import gets the real CLI
    assert out[3] == "pkg_resources True"  # and the real pkg_resources; jieba segments
