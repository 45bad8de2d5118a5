"""``python -m checker.schema --write``: regenerate report.schema.json from the report's models.
``--check`` exits 1 when the checked-in file differs from what the models give."""
from __future__ import annotations

import argparse
import sys

from . import REGENERATE, SCHEMA_PATH, generated_report_schema, schema_text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m checker.schema", description=__doc__.splitlines()[0])
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--write", action="store_true", help=f"write {SCHEMA_PATH.name}")
    what.add_argument("--check", action="store_true", help=f"exit 1 if {SCHEMA_PATH.name} is out of date")
    args = ap.parse_args(argv)
    text = schema_text(generated_report_schema())
    if args.write:
        SCHEMA_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}")
        return 0
    if SCHEMA_PATH.read_text(encoding="utf-8") != text:
        print(f"{SCHEMA_PATH} is out of date with checker/schema/models.py: run {REGENERATE}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
