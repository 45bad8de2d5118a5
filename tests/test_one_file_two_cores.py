"""One file on two cores (issue 16): its PDF pages read by two processes, its facts extracted in two
(checker/ingest/ahead.py, checker/aside.py). What the user must not notice: the report is the one a
single process gives, for every kind of document, and nothing outlives the scan."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SHARED_SAMPLES, run_cli
from golden import golden_view
from pdfgen import make_docx, make_pdf, text_page

import checker.facts
from checker.engine import Engine
from checker.ingest.ahead import ReadAhead

REAL = ROOT.parent / "shared" / "real"


def documents() -> list[Path]:
    """The samples and a few real tenders of each format, when ../shared is there; else the shipped example."""
    found = [ROOT / "examples" / "示例招标文件.pdf"]
    if SHARED_SAMPLES.is_dir():
        found += sorted(p for p in SHARED_SAMPLES.iterdir() if p.suffix in (".pdf", ".docx"))
    for folder, suffix in ((REAL / "labelled", ".pdf"), (REAL / "shenzhen", ".docx")):
        if folder.is_dir():
            found += sorted(folder.rglob(f"*{suffix}"))[:4]
    return found


@pytest.fixture(scope="module")
def engine() -> Engine:
    e = Engine()
    e.warm_up()
    return e


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.name)
def test_a_file_on_two_cores_gets_the_report_of_one_process(engine: Engine, path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checker.facts, "ASIDE_MIN_CHARS", 0)  # every document, not only long ones
    one = engine.scan(path).to_dict()
    if path.suffix == ".pdf":
        with ReadAhead(path, parts=2) as ahead:
            two = engine.scan(path, ahead=ahead, cores=2).to_dict()
    else:
        two = engine.scan(path, cores=2).to_dict()
    assert golden_view(two) == golden_view(one)
    assert one["error"] is None


def test_the_cli_scans_a_lone_file_with_jobs_2_as_with_jobs_1(tmp_path: Path) -> None:
    lines = [f"第{i}项 离心泵 2台，推荐品牌：格兰富、威乐、青江或相当于；能效应符合GB 19762-2007" for i in range(1, 31)]
    path = make_pdf(tmp_path / "t.pdf", [text_page("某某医院设备采购项目招标文件", "采购方式：公开招标", *lines)
                                         for _ in range(70)])  # 70 pages: three batches of pages
    reports = {}
    for jobs in ("1", "2"):
        proc = run_cli("scan", str(path), "--format", "json", "--jobs", jobs)
        assert proc.returncode in (0, 1), proc.stderr
        reports[jobs] = golden_view(json.loads(proc.stdout))
    assert reports["1"] == reports["2"]
    assert reports["1"]["pages"] == 70 and reports["1"]["brand_lists"]


def test_a_docx_on_two_cores_is_scanned_too(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["某某医院设备采购项目招标文件", "采购方式：公开招标", "推荐品牌：甲、乙、丙"])
    one, two = (run_cli("scan", str(path), "--format", "json", "--jobs", jobs) for jobs in ("1", "2"))
    assert golden_view(json.loads(one.stdout)) == golden_view(json.loads(two.stdout))


def test_work_aside_dies_with_the_scan_that_started_it(tmp_path: Path) -> None:
    # A scan killed at its time bound is SIGKILLed: the process extracting facts beside it must go too.
    script = ("import os, sys, time\n"
              "from checker.aside import Aside\n"
              "a = Aside(time.sleep, 120)\n"
              "print(a._proc.pid, flush=True)\n"
              "time.sleep(120)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    child = int(proc.stdout.readline())
    assert _alive(child)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    """Running (not gone, not a zombie waiting for its reaper)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_only_a_lone_file_gets_the_cores(tmp_path: Path) -> None:
    from checker.paths import lone_file_cores

    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    cores = os.cpu_count() or 1
    assert lone_file_cores([a], 2) == min(2, cores)  # --jobs 2 on one file: both for it
    assert lone_file_cores([a, b], 2) == 1  # two files: a process each
    assert lone_file_cores([a], 1) == 1
    assert lone_file_cores([a], 64) == cores  # never more than the machine has


def test_a_lone_file_gets_two_cores_unless_told_otherwise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`tendercheck scan FILE` gives a lone file the cores an API scan gets (TENDERCHECK_LONE_FILE_CORES,
    default 2, at most the machine's), its pages read by that many processes when it is big enough
    (TENDERCHECK_READ_AHEAD_MIN_MB); --jobs, the setting, or a second file take them back."""
    import gc

    import checker.ingest.ahead as ahead_mod
    from checker.cli import main

    readers: list[int] = []
    real_init = ahead_mod.ReadAhead.__init__

    def counting(self: ReadAhead, path: object, settings: object = None, parts: int = 1) -> None:
        readers.append(parts)
        real_init(self, path, settings, parts)  # type: ignore[arg-type]

    monkeypatch.setattr(ahead_mod.ReadAhead, "__init__", counting)
    a = make_pdf(tmp_path / "a.pdf", [text_page("某某医院设备采购项目招标文件", "采购方式：公开招标")])
    b = make_pdf(tmp_path / "b.pdf", [text_page("某某学校设备采购项目招标文件", "采购方式：竞争性谈判")])
    two = min(2, os.cpu_count() or 1)

    def parts_of(*args: str, env: dict[str, str] | None = None) -> list[int]:
        readers.clear()
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        try:
            assert main(["scan", *args, "--format", "json", "-o", str(tmp_path / "out.json"), "--isolated"]) in (0, 1)
        finally:
            gc.enable()  # a single-file scan switches the collector off for the rest of its process
            gc.unfreeze()
            for key in env or {}:
                monkeypatch.delenv(key)
        return readers[:]

    big = {"TENDERCHECK_READ_AHEAD_MIN_MB": "0"}  # every PDF is big enough for readers beside it
    assert parts_of(str(a), env=big) == [two]
    assert parts_of(str(a)) == [1]  # a small PDF (under 0.5 MB): one reader, unless asked for more
    assert parts_of(str(a), "--jobs", "2") == [two]
    assert parts_of(str(a), "--jobs", "1", env=big) == [1]
    assert parts_of(str(a), env={**big, "TENDERCHECK_LONE_FILE_CORES": "1"}) == [1]
    assert parts_of(str(a), str(b), env=big) == [1]  # two files: one process, one core, one reader for its first


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.name)
def test_a_report_written_in_two_processes_is_the_report_written_in_one(engine: Engine, path: Path,
                                                                         tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """checker/split_json.py: the longest list's first part is written by a forked child and spliced
    back; forced here on every document (a real report reaches the threshold from ~2,000 items)."""
    import checker.split_json as split

    report = engine.scan(path)
    written_by = tmp_path / "pids"
    items_json = split._items_json

    def recording(*args: object) -> str:
        with written_by.open("a") as f:
            f.write(f"{os.getpid()}\n")
        return items_json(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(split, "_items_json", recording)
    monkeypatch.setattr(split, "SPLIT_MIN_ITEMS", 2)
    longest = max(len(f.items(report)) for f in split._list_fields() if f.splittable)
    for indent in (None, 2):
        assert report.to_json(indent, cores=2) == report.to_json(indent)
    pids = set(written_by.read_text().split()) if written_by.exists() else set()
    assert pids and str(os.getpid()) not in pids if longest >= 2 else not pids


def test_a_split_report_keeps_what_the_writer_leaves_out_or_escapes(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Edge cases no sample has together: OCR evidence (fields written only when set), quotes holding
    line breaks, quote marks and backslashes, an empty list beside the split one, other indents."""
    import dataclasses

    import checker.split_json as split
    from checker.facts.model import StandardRef
    from checker.model import Evidence

    monkeypatch.setattr(split, "SPLIT_MIN_ITEMS", 2)
    report = engine.scan(ROOT / "examples" / "示例招标文件.pdf")
    tricky = [StandardRef(f"GB {1000 + n}-2020", "national", title=None,
                          evidence=[Evidence(n % 3 + 1, (1.0, 2.0, 3.5, 4.25), f'第{n}行\n"引号"\\ 与\t制表',
                                             confidence=0.875 if n % 2 else None)]) for n in range(40)]
    report.facts = dataclasses.replace(report.facts, standards=tricky, brand_lists=[])
    for indent in (None, 2, 4):
        assert split.split_json(report, indent) == report.to_json(indent)
