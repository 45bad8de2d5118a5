"""``tendercheck`` command line (SPEC "Command line").

argparse and lazy imports: ``tendercheck --help`` must answer instantly, so nothing heavy
(pdfium, spaCy, the catalog) is imported before a command needs it.
Exit status: 0 no violations, 1 violations found, 2 an input or usage error.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from .engine import Engine
    from .facts.model import Facts
    from .facts.outline import Zone
    from .findings import Finding
    from .ingest.ahead import ReadAhead
    from .report import Report
    from .settings import Settings

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "jsonl", "html", "csv")
SEVERITIES = ("violation", "warning", "info")  # most severe first, as in checker.report
DEFAULT_FAIL_ON = "violation"


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
    parser.add_argument("-V", "--version", action="version", version=f"tendercheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    scan = sub.add_parser("scan", help="扫描 PDF/DOCX 文件或文件夹（scan files or folders）")
    scan.add_argument("paths", nargs="+", metavar="PATH", help="PDF/DOCX 文件或文件夹（递归）")
    scan.add_argument("--catalog", metavar="FILE", help="首台套目录 CSV/XLSX/PDF（默认使用内置目录：公开报道摘录，非官方）")
    scan.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="判断目录有效期的日期（默认取文件日期）")
    scan.add_argument("--format", choices=FORMATS, default="text", help="输出格式（default: text）")
    scan.add_argument("-o", "--output", metavar="OUT", help="输出到文件（html 多文件时为文件夹；缺少的文件夹会被创建）")
    scan.add_argument("--jobs", type=int, default=None, metavar="N", help="并行进程数（default: 1；只扫描一个文件时默认用 TENDERCHECK_LONE_FILE_CORES 个核，默认 2）")
    scan.add_argument("--config", metavar="FILE", help="规则配置 TOML/YAML（启用/停用、严重程度、阈值）")
    scan.add_argument("--fail-on", choices=SEVERITIES, default=None,
                      help="达到此级别的问题即以退出码 1 结束（default: violation）")
    scan.add_argument("--select", action="append", metavar="RULES",
                      help="只运行这些规则：编号、前缀（FS1）或规则族（FC），逗号分隔，可重复")
    scan.add_argument("--ignore", action="append", metavar="RULES", help="不运行这些规则（写法同 --select）")
    scan.add_argument("--csv-headers", choices=("zh", "en"), default="zh", help="CSV 表头语言（default: zh）")
    scan.add_argument("--isolated", action="store_true",
                      help="不读取 tendercheck.toml / pyproject.toml 中的设置（ignore settings files）")
    scan.add_argument("--waivers", metavar="FILE",
                      help="豁免文件 TOML/YAML：已接受的问题仍列出但不计入（默认取 TENDERCHECK_WAIVERS）")
    scan.add_argument("--baseline", metavar="OLD.json", help="只报告此前报告中没有的问题（previous JSON report）")
    scan.add_argument("-q", "--quiet", action="store_true", help="不显示进度条")
    scan.add_argument("--ocr", choices=("auto", "off", "force"), default=None,
                      help="扫描页 OCR：auto 只识别没有可用文字层的页（默认，TENDERCHECK_OCR），off 不识别，force 识别每一页")

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

    diff = sub.add_parser("diff", help="比较两版文件：已修改/新增/仍存在的问题与事实变化（compare two drafts）")
    diff.add_argument("old", metavar="OLD", help="旧版 PDF/DOCX，或其 JSON 报告")
    diff.add_argument("new", metavar="NEW", help="新版 PDF/DOCX，或其 JSON 报告")
    diff.add_argument("--format", choices=("text", "json", "html"), default="text", help="输出格式（default: text）")
    diff.add_argument("-o", "--output", metavar="OUT", help="输出到文件")
    diff.add_argument("--catalog", metavar="FILE", help="首台套目录 CSV/XLSX")
    diff.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="判断目录有效期的日期")
    diff.add_argument("--config", metavar="FILE", help="规则配置 TOML/YAML")
    diff.add_argument("--waivers", metavar="FILE", help="豁免文件：新版中被豁免的问题不计入退出状态")
    diff.add_argument("--fail-on", choices=SEVERITIES, default="violation",
                      help="新增问题达到此级别即以退出码 1 结束（default: violation）")

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
        if args.command == "diff":
            from .commands.diff import cli_diff

            return cli_diff(args)
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


def split_selectors(values: Iterable[str] | None) -> list[str]:
    """``--select``/``--ignore`` as given, repeated and comma-separated: ``["FS101,FS1", "fc"]`` →
    ``["FS101", "FS1", "FC"]``."""
    out: list[str] = []
    for v in values or ():
        out.extend(s.strip().upper() for s in v.split(",") if s.strip())
    return out


def apply_project_settings(args: argparse.Namespace) -> None:
    """Fill what the command line left out from ``tendercheck.toml`` / ``[tool.tendercheck]``
    (project_settings.py) found from the first scanned path upwards; the command line wins."""
    from .project_settings import load_project_settings

    project = load_project_settings([]) if args.isolated else load_project_settings(args.paths)
    for key in ("catalog", "config", "as_of", "jobs", "fail_on", "waivers"):
        if getattr(args, key) is None and project.get(key) is not None:
            setattr(args, key, project.get(key))
    args.select = split_selectors(args.select) if args.select else project.get("select")
    args.ignore = split_selectors(args.ignore) if args.ignore else (project.get("ignore") or [])
    args.jobs_chosen = args.jobs is not None  # else a lone file gets the cores the settings give it (cmd_scan)
    args.jobs = args.jobs or 1
    args.fail_on = args.fail_on or DEFAULT_FAIL_ON
    args.settings_file = project.path


def prepare_output(output: str | None, fmt: str, single_html: bool) -> None:
    """``-o``: create missing folders; refuse a folder where a file must go (exit 2, never a traceback)."""
    from .errors import CheckerError

    if not output:
        return
    target = Path(output)
    wants_folder = fmt == "html" and not single_html
    if target.is_dir() and fmt in ("json", "jsonl", "text"):
        raise CheckerError(f"-o {output} 是一个文件夹，{fmt} 格式需要输出到文件（例如 {target / ('report.' + fmt)}）",
                           f"-o {output} is a folder; --format {fmt} writes a file")
    if target.exists() and not target.is_dir() and wants_folder:
        raise CheckerError(f"多个文件的 HTML 报告需要输出到文件夹，但 {output} 是一个文件",
                           f"an HTML report of several files needs a folder for -o, but {output} is a file")
    folder = target if wants_folder else target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CheckerError(f"无法创建输出文件夹 {folder}：{exc.strerror or exc}",
                           f"cannot create output folder {folder}: {exc}") from exc


def cmd_scan(args: argparse.Namespace) -> int:
    from .paths import expand_paths

    apply_project_settings(args)
    paths = expand_paths(args.paths)
    if not paths:
        print("tendercheck: 没有找到 PDF/DOCX 文件（no PDF or DOCX files found）", file=sys.stderr)
        return EXIT_ERROR
    single = len(args.paths) == 1 and Path(args.paths[0]).is_file()
    prepare_output(args.output, args.format, single and len(paths) == 1)
    settings = _scan_settings(args, len(paths))
    if len(paths) == 1 and not args.jobs_chosen:
        # A file scanned on its own gets the cores an API scan gives it (TENDERCHECK_LONE_FILE_CORES,
        # default 2, at most the machine's): its pages read by that many processes, its facts in two.
        args.jobs = max(1, settings.lone_file_cores)
    with contextlib.ExitStack() as stack:
        ahead: list[ReadAhead] = []
        # TENDERCHECK_READ_AHEAD_MIN_MB below 0 turns readers off here too (a scan on one core)
        if os.name == "posix" and settings.read_ahead_min_mb >= 0:
            from .ingest.ahead import ReadAhead, pays_to_read_ahead
            from .paths import first_scanned, lone_file_cores

            # While this process loads the pipeline (half a second on one core), child processes
            # read the first PDF each scanning process will take. Only a speed-up: where a reader
            # cannot start (no fork, no temporary file), the file is read in process as usual.
            parts = lone_file_cores(paths, args.jobs)  # a lone file's pages are read by all its cores
            for p in first_scanned(paths, args.jobs):
                if p.suffix.lower() == ".pdf":
                    try:
                        if parts > 1 and not args.jobs_chosen and not pays_to_read_ahead(p, settings):
                            parts = 1  # unasked, a small PDF gets one reader: a second costs more than it reads
                        ahead.append(stack.enter_context(ReadAhead(p, settings, parts)))
                    except OSError:
                        break
        return _scan(args, paths, ahead, settings)


def _scan_settings(args: argparse.Namespace, files: int) -> Settings:
    """The environment's settings, with ``--ocr``; scanning processes share the cores for OCR."""
    from .settings import Settings

    settings = Settings()
    if args.ocr:
        settings.ocr = args.ocr
    processes = max(1, min(args.jobs or 1, files))
    if settings.ocr_jobs <= 0 and processes > 1:
        settings.ocr_jobs = max(1, (os.cpu_count() or 1) // processes)
    return settings


def _scan(args: argparse.Namespace, paths: list[Path], ahead: list[ReadAhead], settings: Settings) -> int:
    from .batch import scan_paths
    from .engine import Engine
    from .paths import display_names, lone_file_cores

    engine = Engine(settings=settings, catalog_path=args.catalog, config_path=args.config,
                    select=args.select, ignore=args.ignore)
    _recheck_inputs(engine, args)
    engine.warm_up()  # once: before workers fork, and before the GC is frozen
    single = len(args.paths) == 1 and Path(args.paths[0]).is_file()
    _tune_gc(single)
    names = display_names(args.paths, paths)

    progress = None
    # Progress bars and colour are for a person at a terminal, never for a file or a pipe.
    if len(paths) > 1 and not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(total=len(paths), unit="份", file=sys.stderr, desc="扫描", dynamic_ncols=True)

    def on_done(report: Report) -> None:
        if progress is not None:
            progress.update(1)
            progress.set_postfix_str(escape_control(report.file)[-30:], refresh=False)

    reports: list[Report] = []
    to_file = bool(args.output) and args.format in ("json", "jsonl", "text")
    color = not to_file and _wants_color(sys.stdout)
    # The scanning processes write these formats themselves and send back only the text (a
    # 1000-page tender's whole report is 8 MB pickled, a second to send and take back).
    cores = lone_file_cores(paths, args.jobs)
    writers: dict[str, Callable[[Report], str]] = {
        "jsonl": functools.partial(report_jsonl, cores=cores), "json": functools.partial(report_json, cores=cores),
        "text": functools.partial(render_text, color=color)}
    serialize = writers.get(args.format)
    finish = None
    if args.format == "html":  # page images are cut from the file by the process that scanned it
        from reports.context import context_from_engine
        from reports.html import with_html

        finish = functools.partial(with_html, context_from_engine(engine))
    with contextlib.ExitStack() as stack:
        stream = stack.enter_context(_open_output(args.output)) if to_file else sys.stdout
        if progress is not None:
            stack.callback(progress.close)
        if args.format == "json" and not single:
            stream.write("[\n")
        for n, report in enumerate(scan_paths(engine, paths, args.as_of, args.jobs, on_done, serialize, ahead, names,
                                              finish)):
            reports.append(report)
            if serialize is not None:
                if n and args.format == "json":
                    stream.write(",\n")
                stream.write(report.serialized or serialize(report))
                if args.format in ("jsonl", "text"):
                    stream.write("\n")
                stream.flush()
        if args.format == "json":
            stream.write("\n" if single else "\n]\n")
    if args.format in ("html", "csv"):
        from reports.render import write_reports

        write_reports(reports, args.format, args.output, single=single, engine=engine, csv_headers=args.csv_headers)
    if args.format == "text" and len(reports) > 1:
        errors_n = sum(1 for r in reports if r.error)
        viol = sum(r.summary["violation"] for r in reports)
        print(f"共 {len(reports)} 份文件，{errors_n} 份无法读取，违规 {viol} 处", file=sys.stderr)
    return exit_status(reports, args.fail_on)


def exit_status(reports: list[Report], fail_on: str = DEFAULT_FAIL_ON) -> int:
    """2 when a file could not be read; 1 when a finding is at least as severe as ``fail_on``."""
    if any(r.error for r in reports):
        return EXIT_ERROR
    counted = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    return EXIT_VIOLATIONS if any(r.summary[s] for r in reports for s in counted) else EXIT_OK


def _open_output(output: str) -> TextIO:
    from .errors import CheckerError

    try:
        return open(output, "w", encoding="utf-8")
    except OSError as exc:
        raise CheckerError(f"无法写入输出文件 {output}：{exc.strerror or exc}",
                           f"cannot write output file {output}: {exc}") from exc


def _wants_color(stream: object) -> bool:
    """Colour on a terminal only; ``NO_COLOR`` (no-color.org) turns it off, ``FORCE_COLOR`` on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _recheck_inputs(engine: Engine, args: argparse.Namespace) -> None:
    """``--waivers`` (else ``waivers`` in the settings file, else ``TENDERCHECK_WAIVERS``) and ``--baseline``:
    read before any file is scanned, so a broken waiver file is one usage error, not an error in every report."""
    waivers = args.waivers or engine.settings.waivers
    if waivers:
        from .waivers import load_waivers

        engine.waivers = load_waivers(waivers)
    if args.baseline:
        from .baseline import load_baseline

        engine.baseline = load_baseline(args.baseline)


# Not json.dumps: with indent=2 it falls back to the pure-Python encoder, 80 ms for a 300-page report.
# pydantic-core writes the text from the report's model, UTF-8 as written (like ensure_ascii=False).
# ``cores``: a lone file's scan may write a long report in two processes (checker/split_json.py).
def report_jsonl(report: Report, cores: int = 1) -> str:
    return report.to_json(cores=cores)


def report_json(report: Report, cores: int = 1) -> str:
    return report.to_json(indent=2, cores=cores)


# The text report lists at most this many brand lists (the JSON report has them all).
TEXT_MAX_BRAND_LISTS = 20


def _zone_text(zone: Zone | None) -> str:
    """" 〔采购需求/技术要求〕第五章 采购需求 › 二、技术要求": where in the tender, or "" when unknown."""
    if zone is None:
        return ""
    tag = zone.label + (f" · {zone.sub_label}" if zone.sub else "")
    return f" 〔{tag}〕{' › '.join(zone.path)}"


# ANSI colours of the severity tags (text output on a terminal only).
_ANSI = {"violation": "\033[1;31m", "warning": "\033[33m", "info": "\033[36m", "error": "\033[1;31m",
         "note": "\033[35m"}
_ANSI_RESET = "\033[0m"


def _paint(text: str, kind: str, color: bool) -> str:
    return f"{_ANSI[kind]}{text}{_ANSI_RESET}" if color else text


def catalog_lines(catalog: dict[str, object] | None) -> list[str]:
    """Which catalog judged the report, and the plain warning when it is the built-in one."""
    from .catalog.provenance import describe_text

    lines = [f"首台套目录: {describe_text(catalog)}"]
    if catalog and catalog.get("warning"):
        lines.append(str(catalog["warning"]))
    return lines


# Control characters (and line and paragraph separators) in a file name or message: a name with
# a newline would otherwise forge lines of the text report.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape_control(text: str) -> str:
    """``text`` with each control character written as an escape (\\n, \\x1b, \\u2028)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def render_text(report: Report, color: bool = False) -> str:
    """A short human-readable report (Chinese)."""
    lines = [f"== {escape_control(report.file)}"]
    if report.error:
        lines.append(_paint(f"  错误 [{report.error['code']}]: {escape_control(report.error['message'])}", "error", color))
        lines.append("  此文件未被检查，不能视为合规。")
        return "\n".join(lines)
    f = report.facts
    s = report.summary
    lines.append(f"  采购方式: {f.method.value or '未识别'}    项目: {f.project.name or '未识别'}"
                 f"    日期: {report.as_of.isoformat() if report.as_of else '-'}    页数: {report.pages or '-'}")
    lines.append(f"  品牌清单 {len(f.brand_lists)} 个，引用标准 {len(f.standards)} 项，业绩要求 {len(f.performance_requirements)} 处，"
                 f"首台套表述: {'有' if f.first_set_mentioned else '无'}")
    for i, line in enumerate(catalog_lines(report.catalog)):
        lines.append("  " + (_paint(line, "note", color) if i else line))
    for w in report.warnings:
        lines.append(f"  注意: {w}")
    for bl in f.brand_lists[:TEXT_MAX_BRAND_LISTS]:
        names = "、".join(b.name for b in bl.brands)
        lines.append(f"  品牌清单 {bl.item}: {names}{_zone_text(bl.zone)}")
    if len(f.brand_lists) > TEXT_MAX_BRAND_LISTS:
        lines.append(f"  …另有 {len(f.brand_lists) - TEXT_MAX_BRAND_LISTS} 个品牌清单（见 --format json）")
    lines.extend(fair_lines(f))
    waived = report.waived
    lines.append(f"  违规 {s['violation']} · 警告 {s['warning']} · 提示 {s['info']}"
                 + (f" · 已豁免 {len(waived)}（不计入）" if waived else ""))
    if report.baseline and report.baseline["suppressed"]:
        lines.append(f"  另有 {report.baseline['suppressed']} 处问题已见于基线报告 {report.baseline['source']}，未列出")
    for finding in report.findings:
        if finding.waiver is None:
            lines.extend(_finding_lines(finding, color))
    if waived:
        lines.append("  -- 已豁免的问题（不计入统计与退出状态）")
        for finding in waived:
            lines.extend(_finding_lines(finding, color))
    return "\n".join(lines)


# The text report lists at most this many deposits (the JSON report has them all).
TEXT_MAX_DEPOSITS = 5
DEPOSIT_ZH = {"bid": "投标保证金", "performance": "履约保证金"}


def fair_lines(f: Facts) -> list[str]:
    """The fair-competition facts in two or three lines: how many qualification items and scoring rows were
    read (and in how many scoring tables), each deposit with its amount or share, the SME policy."""
    tables = {r.table for r in f.scoring_rows if r.table}
    sme = f.sme
    policy = [f"专门面向中小企业 {'是' if sme.reserved else '否'}",
              f"小微企业价格扣除 {'有' if sme.price_deduction else '未写明'}"]
    if sme.blank_evidence:
        policy.append(f"扣除比例留空 {len(sme.blank_evidence)} 处")
    lines = [f"  公平竞争相关: 资格要求 {len(f.qualifications)} 条，评分项 {len(f.scoring_rows)} 项"
             + (f"（评分表 {len(tables)} 个）" if tables else "") + f"，保证金 {len(f.deposits)} 处；" + "，".join(policy)]
    for d in f.deposits[:TEXT_MAX_DEPOSITS]:
        size = "、".join(x for x in (f"{d.percent:g}%" if d.percent is not None else "",
                                     f"{d.amount_yuan:,.0f}元" if d.amount_yuan is not None else "") if x)
        lines.append(f"  {DEPOSIT_ZH[d.kind]} {size or '未写明数额'}{_zone_text(d.zone)}")
    if len(f.deposits) > TEXT_MAX_DEPOSITS:
        lines.append(f"  …另有 {len(f.deposits) - TEXT_MAX_DEPOSITS} 处保证金（见 --format json）")
    return lines


def _finding_lines(finding: Finding, color: bool) -> list[str]:
    from .findings import SEVERITY_ZH, family_label

    page = f"第{finding.page}页" if finding.page else (finding.evidence[0].location if finding.evidence else "") or ""
    tag = _paint(f"[{SEVERITY_ZH[finding.severity]}]", finding.severity, color)
    family = family_label(finding.family)
    lines = [f"  {tag} [{family}] {finding.rule} {finding.name_zh} {page} {finding.message}"]
    if finding.waiver is not None:
        w = finding.waiver
        by = "，".join(x for x in (w.who, w.date and w.date.isoformat(), w.expires and f"有效至{w.expires.isoformat()}") if x)
        lines.append(f"      豁免理由: {w.reason}" + (f"（{by}）" if by else ""))
    if finding.zone is not None:
        lines.append(f"      位置:{_zone_text(finding.zone)}")
    for n, basis in enumerate(finding.basis.lines()):
        lines.append(f"      {'依据: ' if n == 0 else '      '}{basis}")
    lines.append(f"      建议: {finding.suggestion}")
    lines.append(f"      指纹: {finding.fingerprint}")
    return lines


if __name__ == "__main__":
    sys.exit(main())
