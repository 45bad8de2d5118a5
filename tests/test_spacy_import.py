"""spaCy is imported without its training CLI, and the CLI still works for whoever asks for it."""
from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from checker.nlp.pipeline import split_brands
print([s.text for s in split_brands("西门子、施耐德、ABB").spans["brand"]])
print("typer" in sys.modules, "weasel" in sys.modules)
import spacy.cli
print(callable(spacy.cli.download), spacy.info()["spacy_version"] == spacy.__version__)
"""


def test_brand_pipeline_loads_without_spacy_cli_and_cli_still_imports():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0] == "['西门子', '施耐德', 'ABB']"
    assert out[1] == "False False"  # the CLI's dependencies were not loaded for a scan
    assert out[2] == "True True"  # and a later import gets the real CLI
