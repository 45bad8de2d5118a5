"""Rendering entry points: ``write_reports`` for the CLI; ``render_html`` / ``render_index`` /
``render_csv`` return strings for the API.

``tendercheck scan FILE --format html -o report.html`` writes one self-contained page;
a folder scan with ``-o DIR`` writes ``DIR/index.html`` plus one page per document;
``--format csv`` writes one row per finding. Without ``-o``, a single report or the CSV goes to
stdout and a batch goes to ``./tendercheck-report/``.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from checker.errors import CheckerError
from checker.report import Report

from .context import RenderContext, context_from_engine
from .csvout import render_csv
from .html import render_html, render_index

__all__ = ["RenderContext", "context_from_engine", "render_csv", "render_html", "render_index", "write_reports"]

DEFAULT_BATCH_DIR = "tendercheck-report"
INDEX_NAME = "index.html"
CSV_NAME = "tendercheck-findings.csv"
_UNSAFE_NAME = re.compile(r'[\x00-\x1f<>:"/\\|?*#%]+')
MAX_NAME_CHARS = 80


def write_reports(reports: Sequence[Report], fmt: Literal["html", "csv"], output: str | None,
                  single: bool, engine: Any = None, csv_headers: Literal["zh", "en"] = "zh") -> list[Path]:
    """Write reports for the CLI; returns the files written (empty when written to stdout)."""
    ctx = context_from_engine(engine)
    if fmt == "csv":
        return _write_csv(reports, output, csv_headers)
    if fmt != "html":
        raise ValueError(f"unsupported report format: {fmt}")
    if single and len(reports) == 1:
        return _write_single(reports[0], output, ctx)
    return _write_batch(reports, Path(output or DEFAULT_BATCH_DIR), ctx)


def _write_csv(reports: Sequence[Report], output: str | None, headers: Literal["zh", "en"]) -> list[Path]:
    text = render_csv(reports, headers)
    if output is None:
        sys.stdout.write(text)
        return []
    target = Path(output)
    if target.is_dir():
        target = target / CSV_NAME
    _write(target, text, newline="")  # rows already end in CRLF, as Excel expects
    return [target]


def _page(report: Report, ctx: RenderContext) -> str:
    """The page the scanning process rendered (``with_html``), else rendered here."""
    return report.html if report.html is not None else render_html(report, ctx)


def _write_single(report: Report, output: str | None, ctx: RenderContext) -> list[Path]:
    html = _page(report, ctx)
    if output is None:
        sys.stdout.write(html)
        return []
    target = Path(output)
    if target.is_dir():
        target = target / (_file_stem(report.file) + ".html")
    _write(target, html)
    return [target]


def _write_batch(reports: Sequence[Report], folder: Path, ctx: RenderContext) -> list[Path]:
    if folder.exists() and not folder.is_dir():
        raise CheckerError(f"多个文件的 HTML 报告需要输出到文件夹，但 {folder} 是一个文件",
                           f"an HTML report of several files needs a folder for -o, but {folder} is a file")
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    links: list[str | None] = []
    used: set[str] = {INDEX_NAME.lower()}
    for report in reports:
        name = _unique(_file_stem(report.file), used) + ".html"
        _write(folder / name, _page(report, ctx))
        written.append(folder / name)
        links.append(quote(name))
    index = folder / INDEX_NAME
    _write(index, render_index(reports, ctx, links))
    print(f"已写入 {len(reports)} 份报告与汇总页：{index}", file=sys.stderr)
    return [index, *written]


def _file_stem(file_name: str) -> str:
    # The whole relative path ("项目A/招标文件.pdf" → "项目A_招标文件.pdf"): the page's name says which file.
    stem = file_name.replace("\\", "/").lstrip("/")
    cleaned = _UNSAFE_NAME.sub("_", stem).strip(" .")[:MAX_NAME_CHARS]
    return cleaned or "report"


def _unique(stem: str, used: set[str]) -> str:
    # Same file name in two sub-folders: keep both reports (name, name-2, …).
    candidate, n = stem, 1
    while (candidate + ".html").lower() in used:
        n += 1
        candidate = f"{stem}-{n}"
    used.add((candidate + ".html").lower())
    return candidate


def _write(path: Path, text: str, newline: str | None = None) -> None:
    try:
        if path.parent != Path(""):
            path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline=newline) as f:
            f.write(text)
    except OSError as exc:
        raise CheckerError(f"无法写入报告文件 {path}：{exc.strerror or exc}",
                           f"cannot write report file {path}: {exc}") from exc
