"""``Report.to_dict()`` and the CLI's JSON: how long they take, and their exact bytes, on this checkout's
code or another's.

    python bench/report_json.py FILE... --out after/                       # this checkout
    python bench/report_json.py FILE... --code /tmp/old --out before/     # another tree's checker/
    cmp -s before/x.json after/x.json                                     # the same bytes, file by file

Each file is scanned once (judged on a fixed date), then ``to_dict()`` and the CLI's ``--format jsonl``
text are timed ``--repeat`` times; the best CPU times are printed per file (CPU, not wall-clock: the
machine may be shared). Each report is written as the CLI writes it (``--format jsonl`` and ``--format
json``), once as scanned and once more with a waiver file and a baseline applied (waived, expired and
unmatched waivers, suppressed findings), so the re-check loop's fields are compared too.
``elapsed_ms`` is cleared: it is the one value that differs from run to run.

``--compare OLD_TREE`` runs both in one go, alternating, and prints the ratio new/old per file.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
AS_OF = date(2026, 3, 15)
WAIVERS = """
[[waiver]]
fingerprint = "{fingerprint}"
reason = "经专家论证接受"
who = "采购办"
date = 2026-03-01

[[waiver]]
rule = "{rule}"
item = "冷水机组"
reason = "已知问题"
expires = 2026-01-01

[[waiver]]
fingerprint = "FS999-0000000000000000"
reason = "已修改"
"""


def _import_checker(code: str | None) -> None:
    sys.path.insert(0, str(Path(code).resolve() if code else HERE.parent.parent))


def _best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def _write(out: Path, name: str, report: Any) -> None:
    from checker.cli import report_json, report_jsonl

    (out / f"{name}.jsonl").write_text(report_jsonl(report), encoding="utf-8")
    (out / f"{name}.json").write_text(report_json(report), encoding="utf-8")


def measure(paths: list[Path], repeat: int, out: Path | None) -> dict[str, list[float]]:
    from checker.baseline import apply_baseline, baseline_of
    from checker.cli import report_jsonl
    from checker.engine import Engine
    from checker.waivers import apply_waivers, parse_waivers

    engine = Engine()
    best: dict[str, list[float]] = {}
    for path in paths:
        report = engine.scan(path, AS_OF)
        report.elapsed_ms = None
        best[path.name] = [_best(report.to_dict, repeat), _best(functools.partial(report_jsonl, report), repeat)]
        if out is None:
            continue
        out.mkdir(parents=True, exist_ok=True)
        _write(out, path.name, report)
        if report.findings:
            first = report.findings[0]
            apply_waivers(report, parse_waivers(WAIVERS.format(fingerprint=first.fingerprint, rule=first.rule),
                                                "waivers.toml"), today=AS_OF)
            old = report.to_dict()
            old["findings"] = old["findings"][1:]
            apply_baseline(report, baseline_of([old], "old.json"))
            _write(out, f"{path.name}.recheck", report)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--code", help="the tree whose checker/ to import (default: this checkout)")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--out", type=Path, help="write each report's JSON here")
    ap.add_argument("--compare", metavar="OLD_TREE", help="time this checkout against OLD_TREE, alternating")
    ap.add_argument("--rounds", type=int, default=3, help="with --compare: alternations")
    args = ap.parse_args(argv)
    if args.compare:
        return compare(args)
    _import_checker(args.code)
    best = measure(args.files, args.repeat, args.out)
    print(json.dumps(best))
    return 0


def compare(args: argparse.Namespace) -> int:
    """Old and new in turn, each in its own process, ``--rounds`` times; the best of each per file."""
    runs: dict[str, list[dict[str, list[float]]]] = {"old": [], "new": []}
    for _ in range(args.rounds):
        for side, code in (("old", args.compare), ("new", str(HERE.parent.parent))):
            cmd = [sys.executable, str(HERE), *map(str, args.files), "--code", code, "--repeat", str(args.repeat)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=True,
                                  env={**os.environ, "PYTHONPATH": code})
            runs[side].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    for name in runs["new"][0]:
        cells = []
        for i, what in enumerate(("to_dict", "jsonl")):
            old = min(r[name][i] for r in runs["old"])
            new = min(r[name][i] for r in runs["new"])
            cells.append(f"{what}: old {old * 1000:.2f} ms, new {new * 1000:.2f} ms, new/old {new / old:.2f}")
        print(f"{name}\t" + "\t".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
