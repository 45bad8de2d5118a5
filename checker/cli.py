"""``tendercheck`` command line (SPEC "Command line").

argparse and lazy imports: ``tendercheck --help`` must answer instantly, so nothing heavy
(pdfium, spaCy, the catalog) is imported before a command needs it.
Exit status: 0 no violations, 1 violations found, 2 an input or usage error.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .facts.outline import Zone
    from .ingest.ahead import ReadAhead
    from .report import Report

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "jsonl", "html", "csv")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD（expected YYYY-MM-DD）: {value}") from exc


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="tendercheck",
        description="检查招标/采购文件是否符合浙江省首台（套）产品推广应用政策。"
                    " Audits Chinese tender documents against Zhejiang's 首台套 policy.",
    )
    parser.add_argument("--version", action="version", version=f"tendercheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    scan = sub.add_parser("scan", help="扫描 PDF/DOCX 文件或文件夹（scan files or folders）")
    scan.add_argument("paths", nargs="+", metavar="PATH", help="PDF/DOCX 文件或文件夹（递归）")
    scan.add_argument("--catalog", metavar="FILE", help="首台套目录 CSV/XLSX（默认使用内置示例目录）")
    scan.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="判断目录有效期的日期（默认取文件日期）")
    scan.add_argument("--format", choices=FORMATS, default="text", help="输出格式（default: text）")
    scan.add_argument("-o", "--output", metavar="OUT", help="输出到文件（html 多文件时为文件夹）")
    scan.add_argument("--jobs", type=int, default=1, metavar="N", help="并行进程数（default: 1）")
    scan.add_argument("--config", metavar="FILE", help="规则配置 TOML/YAML（启用/停用、严重程度、阈值）")
    scan.add_argument("-q", "--quiet", action="store_true", help="不显示进度条")

    rules = sub.add_parser("rules", help="列出全部规则及其依据（list rules with their basis）")
    rules.add_argument("--config", metavar="FILE", help="规则配置 TOML/YAML（显示配置后的严重程度与启用状态）")

    cat = sub.add_parser("catalog", help="查看或校验首台套目录（show or check a catalog）")
    cat.add_argument("action", choices=("show", "check"))
    cat.add_argument("file", nargs="?", metavar="FILE", help="目录文件（默认内置示例目录）")
    cat.add_argument("--config", metavar="FILE")

    explain = sub.add_parser("explain", help="说明品牌指定的每个候选为何采纳或否决，或说明一条规则（explain a file's brand candidates, or a rule）")
    explain.add_argument("target", metavar="FILE|RULE", help="PDF/DOCX 文件，或规则编号如 FS101")
    explain.add_argument("--accepted", action="store_true", help="只列出采纳的候选")
    explain.add_argument("--format", choices=("text", "json"), default="text")
    explain.add_argument("--catalog", metavar="FILE", help="首台套目录 CSV/XLSX")

    serve = sub.add_parser("serve", help="启动 HTTP API 与自查网页（start the HTTP API and web page）")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)

    sub.add_parser("worker", help="只处理 API 任务队列中的文件，可在多台机器上运行（scan queued API jobs, no HTTP）")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        if args.command == "scan":
            return cmd_scan(args)
        if args.command == "rules":
            from .commands.rules import cli_list_rules

            return cli_list_rules(args.config)
        if args.command == "catalog":
            from .commands.catalog import cli_catalog

            return cli_catalog(args.action, args.file, args.config)
        if args.command == "explain":
            return cmd_explain(args)
        if args.command == "serve":
            from api.server import serve

            return serve(args.host, args.port)
        if args.command == "worker":
            from api.jobworker import run_worker

            return run_worker()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `tendercheck scan … | head`: the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        from .errors import CheckerError

        if isinstance(exc, CheckerError):
            print(f"tendercheck: {exc.message}", file=sys.stderr)
            return EXIT_ERROR
        raise
    return EXIT_ERROR


def cmd_explain(args: argparse.Namespace) -> int:
    from .explain import RULE_ID, explain_file, explain_rule

    if RULE_ID.match(args.target.upper()) and not Path(args.target).exists():
        doc = explain_rule(args.target)
        if doc is None:
            print(f"tendercheck: 没有规则 {args.target}（no such rule）", file=sys.stderr)
            return EXIT_ERROR
        print(doc)
        return EXIT_OK
    path = Path(args.target)
    if not path.is_file():
        print(f"tendercheck: 找不到文件 {path}（no such file）", file=sys.stderr)
        return EXIT_ERROR
    out, status = explain_file(path, args.catalog, not args.accepted, args.format == "json")
    print(out, file=sys.stderr if status else sys.stdout)
    return status


# A scan allocates many small objects and few cycles: collect the youngest generation less often.
GC_GEN0_THRESHOLD = 50_000


def _tune_gc(single_file: bool) -> None:
    """The loaded pipeline, lexicons and catalog live as long as the process: freeze them so
    collections stop re-walking them (measured: ~7% of a 300-page scan, peak memory unchanged).

    A scan of one file makes next to no reference cycles and the process ends right after it, so
    there the collector is switched off (another ~4%, peak memory the same on 300 and 1000 pages);
    a batch keeps it, since thousands of files could add up what one leaves behind."""
    import gc

    if single_file:
        gc.disable()
    gc.freeze()
    gc.set_threshold(GC_GEN0_THRESHOLD, 20, 100)


def run() -> None:
    """Console entry point: ``main`` and then a fast exit.

    All output is flushed and every file and worker pool is closed by then; skipping the
    interpreter's teardown of a large report saves ~0.2 s per command-line scan.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(code)


def cmd_scan(args: argparse.Namespace) -> int:
    from .batch import expand_paths

    paths = expand_paths(args.paths)
    if not paths:
        print("tendercheck: 没有找到 PDF/DOCX 文件（no PDF or DOCX files found）", file=sys.stderr)
        return EXIT_ERROR
    with contextlib.ExitStack() as stack:
        ahead: list[ReadAhead] = []
        if os.name == "posix":
            from .batch import first_scanned
            from .ingest.ahead import ReadAhead

            # While this process loads the pipeline (half a second on one core), child processes
            # read the first PDF each scanning process will take. Only a speed-up: where a reader
            # cannot start (no fork, no temporary file), the file is read in process as usual.
            for p in first_scanned(paths, args.jobs):
                if p.suffix.lower() == ".pdf":
                    try:
                        ahead.append(stack.enter_context(ReadAhead(p)))
                    except OSError:
                        break
        return _scan(args, paths, ahead)


def _scan(args: argparse.Namespace, paths: list[Path], ahead: list[ReadAhead]) -> int:
    from .batch import scan_paths
    from .engine import Engine

    engine = Engine(catalog_path=args.catalog, config_path=args.config)
    engine.warm_up()  # once: before workers fork, and before the GC is frozen
    single = len(args.paths) == 1 and Path(args.paths[0]).is_file()
    _tune_gc(single)

    progress = None
    if len(paths) > 1 and not args.quiet:
        from tqdm import tqdm

        progress = tqdm(total=len(paths), unit="份", file=sys.stderr, desc="扫描", dynamic_ncols=True)

    def on_done(report: Report) -> None:
        if progress is not None:
            progress.update(1)
            progress.set_postfix_str(report.file[-30:], refresh=False)

    reports: list[Report] = []
    to_file = bool(args.output) and args.format in ("json", "jsonl", "text")
    serialize = {"jsonl": report_jsonl, "json": report_json}.get(args.format)
    with contextlib.ExitStack() as stack:
        stream = stack.enter_context(open(args.output, "w", encoding="utf-8")) if to_file else sys.stdout
        if progress is not None:
            stack.callback(progress.close)
        if args.format == "json" and not single:
            stream.write("[\n")
        for n, report in enumerate(scan_paths(engine, paths, args.as_of, args.jobs, on_done, serialize, ahead)):
            reports.append(report)
            if serialize is not None:
                if n and args.format == "json":
                    stream.write(",\n")
                stream.write(report.serialized or serialize(report))
                if args.format == "jsonl":
                    stream.write("\n")
                stream.flush()
            elif args.format == "text":
                stream.write(render_text(report) + "\n")
        if args.format == "json":
            stream.write("\n" if single else "\n]\n")
    if args.format in ("html", "csv"):
        from reports.render import write_reports

        write_reports(reports, args.format, args.output, single=single, engine=engine)
    if args.format == "text" and len(reports) > 1:
        errors_n = sum(1 for r in reports if r.error)
        viol = sum(r.summary["violation"] for r in reports)
        print(f"共 {len(reports)} 份文件，{errors_n} 份无法读取，违规 {viol} 处", file=sys.stderr)
    if any(r.error for r in reports):
        return EXIT_ERROR
    return EXIT_VIOLATIONS if any(r.summary["violation"] for r in reports) else EXIT_OK


# orjson, not json: ``json.dumps(indent=2)`` falls back to the pure-Python encoder, 80 ms for a
# 300-page report against orjson's 12 ms; the text is UTF-8 as written (like ensure_ascii=False).
def report_jsonl(report: Report) -> str:
    import orjson

    return orjson.dumps(report.to_dict()).decode()


def report_json(report: Report) -> str:
    import orjson

    return orjson.dumps(report.to_dict(), option=orjson.OPT_INDENT_2).decode()




# The text report lists at most this many brand lists (the JSON report has them all).
TEXT_MAX_BRAND_LISTS = 20


def _zone_text(zone: Zone | None) -> str:
    """" 〔采购需求/技术要求〕第五章 采购需求 › 二、技术要求": where in the tender, or "" when unknown."""
    if zone is None:
        return ""
    tag = zone.label + (f" · {zone.sub_label}" if zone.sub else "")
    return f" 〔{tag}〕{' › '.join(zone.path)}"


def render_text(report: Report) -> str:
    """A short human-readable report (Chinese)."""
    from .findings import SEVERITY_ZH

    lines = [f"== {report.file}"]
    if report.error:
        lines.append(f"  错误 [{report.error['code']}]: {report.error['message']}")
        return "\n".join(lines)
    f = report.facts
    s = report.summary
    lines.append(f"  采购方式: {f.method.value or '未识别'}    项目: {f.project.name or '未识别'}"
                 f"    日期: {report.as_of.isoformat() if report.as_of else '-'}    页数: {report.pages or '-'}")
    lines.append(f"  品牌清单 {len(f.brand_lists)} 个，引用标准 {len(f.standards)} 项，业绩要求 {len(f.performance_requirements)} 处，"
                 f"首台套表述: {'有' if f.first_set_mentioned else '无'}")
    for w in report.warnings:
        lines.append(f"  注意: {w}")
    for bl in f.brand_lists[:TEXT_MAX_BRAND_LISTS]:
        names = "、".join(b.name for b in bl.brands)
        lines.append(f"  品牌清单 {bl.item}: {names}{_zone_text(bl.zone)}")
    if len(f.brand_lists) > TEXT_MAX_BRAND_LISTS:
        lines.append(f"  …另有 {len(f.brand_lists) - TEXT_MAX_BRAND_LISTS} 个品牌清单（见 --format json）")
    lines.append(f"  违规 {s['violation']} · 警告 {s['warning']} · 提示 {s['info']}")
    for finding in report.findings:
        page = f"第{finding.page}页" if finding.page else (finding.evidence[0].location if finding.evidence else "") or ""
        lines.append(f"  [{SEVERITY_ZH[finding.severity]}] {finding.rule} {page} {finding.message}")
        if finding.zone is not None:
            lines.append(f"      位置:{_zone_text(finding.zone)}")
        lines.append(f"      依据: {finding.basis.document} {finding.basis.clause}")
        lines.append(f"      建议: {finding.suggestion}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
