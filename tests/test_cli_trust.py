"""What a supervisor files and a linter user expects of the command line: relative paths that keep two
招标文件.pdf apart, a CSV row for every file, the catalog named in every output (and the built-in
one's warning), ``-o`` that never tracebacks, ``--fail-on``, ``--select``/``--ignore``, settings found in
``tendercheck.toml`` / ``pyproject.toml``, ``-V``, and colour and progress only on a terminal."""
from __future__ import annotations

import contextlib
import csv
import gc
import hashlib
import io
import os
import pty
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT, SYNTHETIC_CATALOG, jsonl, run_cli
from pdfgen import make_pdf, text_page

from checker import __version__
from checker.cli import main

SAMPLE_WARNING = "不是官方《浙江省首台（套）产品推广应用指导目录》"


def designating_tender(path: Path) -> Path:
    """One designated brand (FS102 violation, FS103 warning) and a closed three-brand list (FS103 warning)."""
    return make_pdf(path, [text_page("某区人民医院空调采购项目公开招标文件", "项目编号：CLI-2026-007", "采购方式：公开招标",
                                     "一、货物需求", "1. 冷水机组 2台，推荐品牌：开利",
                                     "2. 风机盘管 20台，推荐品牌：约克、特灵、麦克维尔")])


def warning_only_tender(path: Path) -> Path:
    return make_pdf(path, [text_page("某区图书馆空调采购项目公开招标文件", "项目编号：CLI-2026-008", "采购方式：公开招标",
                                     "一、货物需求", "1. 风机盘管 20台，推荐品牌：约克、特灵、麦克维尔")])


def clean_tender(path: Path) -> Path:
    return make_pdf(path, [text_page("某区档案馆办公家具采购项目公开招标文件", "项目编号：CLI-2026-009", "采购方式：公开招标",
                                     "一、货物需求", "1. 办公桌 10张，品牌不限", "2. 文件柜 20组，品牌不限")])


@pytest.fixture(scope="module")
def two_projects(tmp_path_factory) -> Path:
    """批次/项目A/招标文件.pdf (findings) and 批次/项目B/招标文件.pdf (clean): the same name twice."""
    root = tmp_path_factory.mktemp("cli") / "批次"
    for name, make in (("项目A", designating_tender), ("项目B", clean_tender)):
        (root / name).mkdir(parents=True)
        make(root / name / "招标文件.pdf")
    return root


def cli(*args: str) -> tuple[int, str, str]:
    """The command line in this process (a subprocess pays a second or more to load): exit status,
    stdout, stderr. ``tendercheck scan`` tunes the garbage collector for its short life; undone here."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
    gc.unfreeze()
    gc.enable()
    return code, out.getvalue(), err.getvalue()


def no_colour_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}


def test_batch_text_names_each_file_by_its_path_in_the_folder_and_warns_of_the_builtin_catalog(two_projects):
    out = run_cli("scan", str(two_projects), "--format", "text")
    assert out.returncode == 1, out.stderr
    assert "== 项目A/招标文件.pdf" in out.stdout and "== 项目B/招标文件.pdf" in out.stdout
    assert out.stdout.count(SAMPLE_WARNING) == 2  # every report says which catalog, and that it is not official
    assert "限定或指定品牌" in out.stdout and "designated-brand" not in out.stdout  # rules by their Chinese names
    basis = re.findall(r"^\s+(?:依据: )?(《[^》]+》第.+?：.+)$", out.stdout, re.MULTILINE)
    assert "《中华人民共和国招标投标法实施条例》第三十二条第二款第（五）项：限定或者指定特定的专利、商标、品牌、原产地或者供应商" in basis
    assert "《中华人民共和国政府采购法实施条例》第二十条第（六）项：限定或者指定特定的专利、商标、品牌或者供应商" in basis
    assert "\x1b[" not in out.stdout and "扫描:" not in out.stderr and "it/s" not in out.stderr  # a pipe: no colour, no progress


def test_batch_csv_has_a_row_per_file_with_status_chinese_headers_and_opens_in_excel(two_projects, tmp_path):
    target = tmp_path / "新建文件夹" / "汇总.csv"  # the folder does not exist yet
    code, _, err = cli("scan", str(two_projects), "--format", "csv", "-o", str(target))
    assert code == 1, err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    files = {r["文件"] for r in rows}
    assert files == {"项目A/招标文件.pdf", "项目B/招标文件.pdf"}
    clean = [r for r in rows if r["文件"] == "项目B/招标文件.pdf"]
    assert len(clean) == 1 and clean[0]["状态"] == "未发现问题" and clean[0]["规则编号"] == ""
    flagged = [r for r in rows if r["文件"] == "项目A/招标文件.pdf"]
    assert {r["状态"] for r in flagged} == {"有违规"} and "限定或指定品牌" in {r["规则名称"] for r in flagged}
    fs102 = next(r for r in flagged if r["规则编号"] == "FS102")
    assert fs102["依据"].count("\n") == 1  # two regulations, one per line, in one quoted cell
    assert all(SAMPLE_WARNING in r["目录提示"] for r in rows) and all(r["目录条数"] for r in rows)


def test_batch_index_links_both_same_named_files_and_warns(two_projects, tmp_path):
    folder = tmp_path / "报告" / "2026"
    code, _, err = cli("scan", str(two_projects), "--format", "html", "-o", str(folder))
    assert code == 1, err
    index = (folder / "index.html").read_text(encoding="utf-8")
    links = {text: href for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', index)}
    assert set(links) == {"项目A/招标文件.pdf", "项目B/招标文件.pdf"}
    assert len(set(links.values())) == 2
    assert SAMPLE_WARNING in index
    pages = sorted(p.name for p in folder.glob("*.html") if p.name != "index.html")
    assert pages == ["项目A_招标文件.pdf.html", "项目B_招标文件.pdf.html"]
    assert SAMPLE_WARNING in (folder / pages[0]).read_text(encoding="utf-8")


def test_json_reports_carry_the_builtin_catalog_and_its_warning(two_projects):
    reports = jsonl(cli("scan", str(two_projects), "--format", "jsonl")[1])
    assert [r["file"] for r in reports] == ["项目A/招标文件.pdf", "项目B/招标文件.pdf"]
    for r in reports:
        cat = r["catalog"]
        assert cat["sample"] is True and cat["official"] is False and SAMPLE_WARNING in cat["warning"]
        assert cat["name"] and cat["rows"] > 0 and len(cat["sha256"]) == 64 and "/" not in cat["path"]
    fs102 = next(f for f in reports[0]["findings"] if f["rule"] == "FS102")
    assert fs102["name"] == "designated-brand" and fs102["name_zh"] == "限定或指定品牌"  # ids stay, Chinese beside
    assert len(fs102["basis"]["parts"]) == 2


def test_with_a_catalog_every_output_names_it_with_rows_and_sha256(two_projects, tmp_path):
    sha = hashlib.sha256(SYNTHETIC_CATALOG.read_bytes()).hexdigest()
    rows = sum(1 for line in SYNTHETIC_CATALOG.read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#")) - 1
    name = "合成测试目录（虚构企业，仅供测试）"
    pdf = two_projects / "项目A" / "招标文件.pdf"
    cat = ["--catalog", str(SYNTHETIC_CATALOG)]
    text = cli("scan", str(pdf), *cat)[1]
    assert name in text and f"{rows} 条" in text and sha in text and SAMPLE_WARNING not in text
    [report] = jsonl(cli("scan", str(pdf), *cat, "--format", "jsonl")[1])
    assert (report["catalog"]["name"], report["catalog"]["rows"], report["catalog"]["sha256"]) == (name, rows, sha)
    assert report["catalog"]["warning"] is None and str(SYNTHETIC_CATALOG.parent) not in str(report["catalog"])
    sheet = cli("scan", str(pdf), *cat, "--format", "csv")[1]
    first = next(csv.DictReader(io.StringIO(sheet.lstrip("\ufeff"), newline="")))
    assert (first["首台套目录"], first["目录条数"], first["目录SHA-256"], first["目录提示"]) == (name, str(rows), sha, "")
    html = cli("scan", str(pdf), *cat, "--format", "html")[1]
    assert name in html and f"{rows} 条" in html and sha in html and SAMPLE_WARNING not in html


def test_output_into_a_missing_folder_is_created_and_onto_a_folder_is_a_clear_error(two_projects, tmp_path):
    pdf = two_projects / "项目B" / "招标文件.pdf"
    target = tmp_path / "a" / "b" / "r.json"
    assert cli("scan", str(pdf), "--format", "json", "-o", str(target))[0] == 0
    assert target.is_file()
    for fmt in ("json", "jsonl"):
        code, _, err = cli("scan", str(pdf), "--format", fmt, "-o", str(tmp_path))
        assert code == 2 and "是一个文件夹" in err
    out = run_cli("scan", str(pdf), "--format", "text", "-o", str(tmp_path))  # as a user sees it: no traceback
    assert out.returncode == 2 and "是一个文件夹" in out.stderr and "Traceback" not in out.stderr


def test_fail_on_select_and_ignore(tmp_path):
    warned = warning_only_tender(tmp_path / "w.pdf")
    assert cli("scan", str(warned))[0] == 0  # warnings only: no violation
    assert cli("scan", str(warned), "--fail-on", "warning")[0] == 1
    assert cli("scan", str(warned), "--fail-on", "info")[0] == 1
    flagged = designating_tender(tmp_path / "v.pdf")
    only = jsonl(cli("scan", str(flagged), "--format", "jsonl", "--select", "FS1", "--ignore", "FS103")[1])[0]
    assert {f["rule"] for f in only["findings"]} == {"FS102"}
    family = jsonl(cli("scan", str(flagged), "--format", "jsonl", "--select", "fs,FS4")[1])[0]
    assert {"FS102", "FS103"} <= {f["rule"] for f in family["findings"]}
    code, _, err = cli("scan", str(flagged), "--select", "XX9")
    assert code == 2 and "XX9" in err


def test_settings_are_found_in_the_scanned_folder_or_its_parents(tmp_path):
    project = tmp_path / "采购项目"
    (project / "草稿").mkdir(parents=True)
    pdf = warning_only_tender(project / "草稿" / "w.pdf")
    (project / "tendercheck.toml").write_text('fail_on = "warning"\nselect = ["FS1"]\n', encoding="utf-8")
    assert cli("scan", str(pdf))[0] == 1  # fail_on = "warning" from the parent folder
    assert cli("scan", str(pdf), "--fail-on", "violation")[0] == 0  # the command line wins
    assert cli("scan", str(pdf), "--isolated")[0] == 0
    (project / "tendercheck.toml").unlink()
    (project / "pyproject.toml").write_text('[tool.tendercheck]\nignore = ["FS103"]\nfail_on = "info"\n', encoding="utf-8")
    report = jsonl(cli("scan", str(pdf), "--format", "jsonl")[1])[0]
    assert "FS103" not in {f["rule"] for f in report["findings"]}
    (project / "pyproject.toml").write_text('[tool.tendercheck]\nfail-on = "warning"\nwaivers_typo = 1\n', encoding="utf-8")
    code, _, err = cli("scan", str(pdf))
    assert code == 2 and "pyproject.toml" in err and "waivers_typo" in err


def test_version_flag():
    for flag in ("-V", "--version"):
        code, out, _ = cli(flag)
        assert code == 0 and out.strip() == f"tendercheck {__version__}"


def test_colour_and_progress_only_on_a_terminal(two_projects):
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a terminal 120 columns wide
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    proc = subprocess.run([sys.executable, "-m", "checker", "scan", str(two_projects)], cwd=ROOT, env=no_colour_env(),
                          stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, timeout=300, check=False)
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    shown = b"".join(chunks).decode("utf-8", errors="replace")
    assert proc.returncode == 1
    assert "\x1b[1;31m[违规]\x1b[0m" in shown  # coloured severity
    assert "扫描" in shown and "2/2" in shown  # the progress bar


def test_rule_selectors_take_ids_prefixes_and_families():
    from checker.cli import split_selectors
    from checker.errors import ConfigError
    from checker.rules.select import chosen_rules

    ids = ["FC101", "FC102", "FS101", "FS102", "FS103", "FS201"]
    assert split_selectors(["fs1, FC", "FS201"]) == ["FS1", "FC", "FS201"]
    assert chosen_rules(ids, ids, ["FC"], []) == ["FC101", "FC102"]
    assert chosen_rules(ids, ids, ["FS1"], ["FS103"]) == ["FS101", "FS102"]
    assert chosen_rules(ids, ["FS101"], None, []) == ["FS101"]  # no selection: the enabled rules
    with pytest.raises(ConfigError, match="FX"):
        chosen_rules(ids, ids, None, ["FX"])


def test_a_feature_declares_its_own_settings_key(tmp_path):
    from checker import project_settings as ps

    (tmp_path / "tendercheck.toml").write_text('waivers_demo = ["abc"]\nfail_on = "info"\n', encoding="utf-8")
    ps.register_setting("waivers_demo", lambda value, base: [str(v) for v in value])
    try:
        found = ps.load_project_settings([tmp_path / "sub" / "x.pdf"])
        assert found.path == tmp_path / "tendercheck.toml"
        assert found.get("waivers_demo") == ["abc"] and found.get("fail_on") == "info"
    finally:
        del ps.KEYS["waivers_demo"]
