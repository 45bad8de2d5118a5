"""``tendercheck diff OLD NEW``: each side a draft (scanned here) or a JSON report; text, JSON or HTML."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..baseline import read_reports
from ..diff import EXIT_ERROR, diff_reports, exit_status, render_diff_text
from ..errors import CheckerError, ConfigError
from ..waivers import apply_waivers_to_dict, load_waivers

REPORT_SUFFIXES = (".json", ".jsonl")


def cli_diff(args: argparse.Namespace) -> int:
    import orjson

    try:
        old, new = _reports(args)
        diff = diff_reports(old, new)
    except CheckerError as exc:
        print(f"tendercheck: {exc.message}", file=sys.stderr)
        return EXIT_ERROR
    if args.format == "json":
        out = orjson.dumps(diff, option=orjson.OPT_INDENT_2).decode() + "\n"
    elif args.format == "html":
        from reports.diff import render_diff_html

        out = render_diff_html(diff)
    else:
        out = render_diff_text(diff) + "\n"
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return exit_status(diff, args.fail_on)


def _settings(args: argparse.Namespace) -> None:
    """Catalog, rules config and waivers the command line left out: from the settings file found above
    the new version (``tendercheck.toml`` / ``[tool.tendercheck]``), as ``scan`` does."""
    from ..project_settings import load_project_settings

    project = load_project_settings([args.new])
    for key in ("catalog", "config", "waivers"):
        if getattr(args, key) is None and project.get(key) is not None:
            setattr(args, key, project.get(key))


def _reports(args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, Any]]:
    _settings(args)
    waivers = load_waivers(args.waivers) if args.waivers else None
    engine = None
    out = []
    for path in (Path(args.old), Path(args.new)):
        if path.suffix.lower() in REPORT_SUFFIXES:
            reports = read_reports(path)
            if len(reports) != 1:
                raise ConfigError(f"{path} 含 {len(reports)} 份报告，diff 需要恰好一份",
                                  f"{path} holds {len(reports)} reports; diff needs exactly one")
            out.append(reports[0])
            continue
        if not path.is_file():
            raise ConfigError(f"找不到文件：{path}", f"no such file: {path}")
        if engine is None:
            from ..engine import Engine

            engine = Engine(catalog_path=args.catalog, config_path=args.config)
        from ..bounded import scan_bounded

        out.append(scan_bounded(engine, path, args.as_of).to_dict())  # under the memory and time bounds
    old, new = out
    if waivers is not None:  # the waivers judge the new version; applied to a report read from JSON too
        new = apply_waivers_to_dict(new, waivers)
    return old, new
