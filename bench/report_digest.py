"""Fingerprint of the whole report (facts, findings, evidence), to prove a speed-up changed nothing.

    python bench/report_digest.py FILE_OR_FOLDER... > before.txt   # on the old code
    python bench/report_digest.py FILE_OR_FOLDER... > after.txt    # on the new code
    diff before.txt after.txt                                      # must be empty

One line per file: a SHA-256 of its JSON report without what varies from run to run (the time
taken). Where ingest_digest.py covers ingest and normalisation, this covers everything after.
``--show`` prints the reports instead, to diff where the fingerprints differ.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.engine import Engine
from checker.paths import expand_paths

VOLATILE = ("elapsed_ms",)


def stable_json(engine: Engine, path: Path) -> str:
    report = engine.scan(path).to_dict()
    for key in VOLATILE:
        report.pop(key, None)
    return json.dumps(report, ensure_ascii=False, sort_keys=True, indent=1)


def main(argv: list[str]) -> int:
    show = "--show" in argv
    engine = Engine()
    for p in expand_paths(a for a in argv if a != "--show"):
        text = stable_json(engine, p)
        print(text if show else f"{p.name}\t{hashlib.sha256(text.encode()).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
