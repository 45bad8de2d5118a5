"""The same file gives the same report, whatever ran before (issue 13): a first run after an
install (a fresh HOME and temporary folder: no cache the tool or jieba writes exists yet), a
warm run, ``--jobs 2``, and the API, over every sample document (``../shared/samples``, else the
shipped example and generated documents). Byte-identical JSON apart from what must differ: the
time a scan took and the path of the file (the API does not tell a client where it kept an upload; the
command line names files given one by one by their path).
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import httpx
import test_api_server as real
from conftest import ROOT, SHARED_SAMPLES, jsonl, run_cli
from pdfgen import make_docx, make_pdf, text_page

VARYING = ("elapsed_ms", "path", "file")  # "file": a name, or a path when files are given one by one


def documents(folder: Path) -> list[Path]:
    """The sample tenders, else the shipped example and two generated ones."""
    if SHARED_SAMPLES.is_dir():
        return sorted(p for p in SHARED_SAMPLES.iterdir() if p.suffix in (".pdf", ".docx"))
    lines = ("某某医院设备采购项目招标文件", "采购方式：公开招标", "推荐品牌：甲、乙、丙", "投标人须具有近三年类似项目业绩")
    return [ROOT / "examples" / "示例招标文件.pdf", make_pdf(folder / "gen.pdf", [text_page(*lines)]),
            make_docx(folder / "gen.docx", list(lines))]


def stable(report: dict) -> str:
    return json.dumps({k: v for k, v in report.items() if k not in VARYING}, ensure_ascii=False, sort_keys=True)


def fresh_env(folder: Path) -> dict[str, str]:
    """A first run after an install: nothing the tool or its libraries cache exists yet."""
    for name in ("home", "tmp", "cache"):
        shutil.rmtree(folder / name, ignore_errors=True)
        (folder / name).mkdir(parents=True)
    return {"HOME": str(folder / "home"), "TMPDIR": str(folder / "tmp"), "XDG_CACHE_HOME": str(folder / "cache")}


def test_cold_warm_parallel_and_api_reports_are_identical(tmp_path: Path) -> None:
    docs = documents(tmp_path)
    folder = tmp_path / "docs"
    folder.mkdir()
    for d in docs:
        os.symlink(d, folder / d.name)
    env = fresh_env(tmp_path / "env")
    # The first file of the cold run is scanned by itself, as a user's very first scan would be.
    first = run_cli("scan", str(folder / docs[0].name), "--format", "jsonl", env=env)
    assert first.returncode in (0, 1), first.stderr
    runs = {
        "cold": jsonl(first.stdout) + jsonl(run_cli("scan", *(str(folder / d.name) for d in docs[1:]),
                                                     "--format", "jsonl", "-q", env=fresh_env(tmp_path / "env2")).stdout),
        "warm": jsonl(run_cli("scan", str(folder), "--format", "jsonl", "-q", env=env).stdout),
        "jobs2": jsonl(run_cli("scan", str(folder), "--format", "jsonl", "-q", "--jobs", "2", env=env).stdout),
    }
    (tmp_path / "data").mkdir()
    server = real.Server(tmp_path / "data", **env).start()
    try:
        with httpx.Client(base_url=server.url, headers=real.AUTH, timeout=300) as c:
            runs["api"] = [c.post("/v1/scan", files={"file": (d.name, d.read_bytes())}).json() for d in docs]
    finally:
        server.close()
    names = sorted(d.name for d in docs)
    for how, reports in runs.items():
        assert sorted(Path(r["file"]).name for r in reports) == names, how
        assert all(r["error"] is None for r in reports), how
    by_name = {how: {Path(r["file"]).name: stable(r) for r in reports} for how, reports in runs.items()}
    for name in names:
        differing = [how for how in runs if by_name[how][name] != by_name["warm"][name]]
        assert differing == [], f"{name}: {differing} differ from the warm run"

