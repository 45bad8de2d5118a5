"""A single PDF is read by pdfium in a child process while the checker loads (ingest/ahead.py).

What the user must not notice: the document, every error and the time limit are exactly as
when the file is read in process; and no reader outlives its scan.
"""
from __future__ import annotations

import fcntl
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from conftest import run_cli
from golden import golden_view
from pdfgen import PageSpec, TableSpec, make_pdf, text_page
from test_api_server import AUTH, server_factory  # noqa: F401 - the fixture
from test_bad_input import MATRIX

from checker import errors
from checker.engine import Engine
from checker.ingest import load_document
from checker.ingest.ahead import ReadAhead, Turns, read_ahead_for
from checker.settings import Settings


def tender(path: Path, pages: int = 40) -> Path:
    table = TableSpec([["序号", "设备名称", "推荐品牌"], ["1", "离心泵", "格兰富、威乐、青江或相当于"]], [40, 120, 240])
    specs = [PageSpec(lines=text_page(f"第{i + 1}项设备的能效应符合GB 19762-2007的规定，数量{i + 3}台", top=400).lines,
                      tables=[table]) for i in range(pages)]
    return make_pdf(path, specs)


def shape(doc) -> list:
    """Everything a report is built from: every block's text, place and char boxes."""
    out = []
    for page in doc.pages:
        for block in page.blocks:
            rows = getattr(block, "rows", None)
            if rows is None:
                out.append((block.text, block.page, block.bbox, list(block.char_boxes)))
            else:
                out.append([(c.text, c.page, c.bbox, list(c.char_boxes)) for row in rows for c in row])
    return [doc.page_count, doc.warnings, out]


@pytest.mark.parametrize("parts", [1, 2, 3])
def test_a_document_read_ahead_is_the_document_read_in_process(tmp_path: Path, parts: int) -> None:
    # 100 pages: four batches of pages, shared unevenly by three readers
    path = tender(tmp_path / "t.pdf", 100 if parts > 1 else 40)
    with ReadAhead(path, parts=parts) as ahead:
        assert ahead.is_for(path)
        read_ahead = load_document(path, ahead=ahead)
        assert not ahead.is_for(path)  # its batches are taken once
    assert shape(read_ahead) == shape(load_document(path))
    assert any("GB 19762" in line[0] for line in shape(read_ahead)[2] if isinstance(line, tuple))


def test_a_reader_for_another_file_is_not_used(tmp_path: Path) -> None:
    a, b = tender(tmp_path / "a.pdf", 2), make_pdf(tmp_path / "b.pdf", [text_page("乙文件")])
    with ReadAhead(a) as ahead:
        doc = load_document(b, ahead=ahead)
        assert ahead.is_for(a)
    assert "乙文件" in doc.pages[0].blocks[0].text


@pytest.mark.parametrize(("maker", "name", "code", "zh"), [m for m in MATRIX if m[1].endswith(".pdf")],
                         ids=[m[2] + ":" + m[1] for m in MATRIX if m[1].endswith(".pdf")])
def test_every_bad_pdf_reports_the_same_error_through_the_reader(tmp_path: Path, maker, name, code, zh) -> None:
    path = maker(tmp_path / name)
    for parts in (1, 2):
        with ReadAhead(path, parts=parts) as ahead, pytest.raises(errors.IngestError) as info:
            load_document(path, ahead=ahead)
        assert info.value.code == code and zh in info.value.message


def test_the_reader_refuses_an_oversized_file_without_parsing_it(tmp_path: Path) -> None:
    path = tender(tmp_path / "big.pdf", 2)
    settings = Settings(max_file_mb=0.001)
    with ReadAhead(path, settings) as ahead:
        word = ahead._readers[0].conn.recv()  # the reader's first and only word
    assert word.turn == -1 and isinstance(word.error, errors.FileTooLarge)


def test_a_reader_that_dies_is_this_files_internal_error(tmp_path: Path) -> None:
    path = tender(tmp_path / "t.pdf", 60)
    with ReadAhead(path) as ahead:
        os.kill(ahead._readers[0].proc.pid, signal.SIGKILL)
        with pytest.raises(errors.InternalError) as info:
            load_document(path, ahead=ahead)
    assert info.value.code == "internal_error" and "读取进程" in info.value.message


def test_a_second_reader_that_dies_holding_a_batch_is_this_files_internal_error(tmp_path: Path) -> None:
    """Readers take the next free batch; one that dies while reading one (pdfium crashing on a hostile
    page) leaves a hole the others cannot fill: the file's internal error, however far they read on."""
    path = tender(tmp_path / "t.pdf", 200)  # seven batches
    with ReadAhead(path, parts=2) as ahead:
        first, second = (r.proc.pid for r in ahead._readers)
        assert ahead._turns is not None
        while True:  # both stopped, neither while holding the turns' lock
            for pid in (first, second):
                os.kill(pid, signal.SIGSTOP)
            if _lock_free(ahead._turns._file.fileno()):
                break
            for pid in (first, second):
                os.kill(pid, signal.SIGCONT)
        taken = _turns_taken(ahead)
        os.kill(second, signal.SIGCONT)
        deadline = time.monotonic() + 30
        while _turns_taken(ahead) == taken:  # the second reader takes a batch (or the next one)...
            assert time.monotonic() < deadline, "the reader took no batch"
            time.sleep(0.001)
        os.kill(second, signal.SIGKILL)  # ... and dies reading it
        os.kill(first, signal.SIGCONT)  # the first reads every other batch, to the end
        with pytest.raises(errors.InternalError) as info:
            load_document(path, ahead=ahead)
    assert info.value.code == "internal_error" and "读取进程" in info.value.message


def _turns_taken(ahead: ReadAhead) -> int:
    assert ahead._turns is not None
    return int.from_bytes(os.pread(ahead._turns._file.fileno(), 8, 0), "little")


def test_close_stops_every_reader_still_reading(tmp_path: Path) -> None:
    ahead = ReadAhead(tender(tmp_path / "t.pdf", 200), parts=2)
    ahead.close()
    assert all(not r.proc.is_alive() and r.proc.exitcode is not None for r in ahead._readers)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_single_file_cli_scan_with_a_time_limit_leaves_no_reader_behind(tmp_path: Path, jobs: str) -> None:
    path = tender(tmp_path / "slow.pdf", 500)  # still being read when the scan gives up
    proc = run_cli("scan", str(path), "--format", "json", "--jobs", jobs, env={"TENDERCHECK_FILE_TIMEOUT_S": "0.0001"})
    assert proc.returncode == 2 and '"scan_timeout"' in proc.stdout
    leftovers = [pid for pid in os.listdir("/proc") if pid.isdigit() and str(path) in _cmdline(pid)]
    assert leftovers == []


def _cmdline(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def test_the_files_read_ahead_are_those_each_process_takes_first(tmp_path: Path) -> None:
    from checker.paths import first_scanned

    small, big, mid = (tender(tmp_path / f"{n}.pdf", k) for n, k in (("a", 1), ("b", 9), ("c", 4)))
    assert first_scanned([small, big, mid], 1) == [small]  # one process: in the order given
    assert first_scanned([small, big, mid], 2) == [big, mid]  # workers: biggest first, one each
    assert first_scanned([small], 4) == [small]


def test_a_batch_with_readers_gives_the_reports_of_a_batch_without(tmp_path: Path) -> None:
    import json

    folder = tmp_path / "batch"
    folder.mkdir()
    for n, k in (("a", 3), ("b", 12), ("c", 6)):
        tender(folder / f"{n}.pdf", k)
    reports = {}
    for jobs in ("1", "2"):
        proc = run_cli("scan", str(folder), "--format", "jsonl", "--jobs", jobs, "-q")
        reports[jobs] = [{k: v for k, v in json.loads(line).items() if k not in ("elapsed_ms", "scanned_at")}
                         for line in proc.stdout.splitlines()]
    assert [r["file"] for r in reports["1"]] == ["a.pdf", "b.pdf", "c.pdf"]
    assert reports["1"] == reports["2"]
    assert all(r["error"] is None and r["pages"] for r in reports["1"])


def test_a_scan_goes_on_when_no_reader_can_start(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tender(tmp_path / "t.pdf", 2)
    # the reader's spool file cannot be made (a full or read-only temp folder): read in process
    script = ("import sys, tempfile\n"
              "def refuse(*a, **k): raise OSError(28, 'No space left on device')\n"
              "tempfile.TemporaryFile = refuse\n"
              "from checker.cli import main\n"
              f"sys.exit(main(['scan', {str(path)!r}, '--format', 'jsonl']))\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    assert '"pages":2' in proc.stdout.replace(" ", "")


def test_only_a_big_pdf_gets_a_reader(tmp_path: Path) -> None:
    pdf = tender(tmp_path / "t.pdf", pages=2)
    size_mb = pdf.stat().st_size / 1024 / 1024
    docx = tmp_path / "t.docx"
    docx.write_bytes(b"PK")
    assert read_ahead_for(pdf, Settings(read_ahead_min_mb=size_mb * 2)) is None  # too small to pay
    assert read_ahead_for(pdf, Settings(read_ahead_min_mb=-1)) is None  # switched off
    assert read_ahead_for(docx, Settings(read_ahead_min_mb=0)) is None  # only pdfium's part is read ahead
    reader = read_ahead_for(pdf, Settings(read_ahead_min_mb=size_mb))
    assert reader is not None
    with reader:
        assert shape(load_document(pdf, ahead=reader)) == shape(load_document(pdf))


def test_the_apis_lone_scan_reads_ahead_and_reports_as_in_process(server_factory, tmp_path: Path) -> None:  # noqa: F811
    # every PDF counts as big here, so the server's scan of a lone file takes the read-ahead path
    server = server_factory(TENDERCHECK_READ_AHEAD_MIN_MB="0").start()
    path = tender(tmp_path / "t.pdf")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    for f in (path, broken):
        answer = httpx.post(f"{server.url}/v1/scan", headers=AUTH, timeout=120,
                            files={"file": (f.name, f.read_bytes(), "application/pdf")})
        expected = Engine().scan(f).to_dict()
        got = answer.json()
        assert got["error"] == expected["error"]
        assert golden_view(got) == {**golden_view(expected), "catalog": golden_view(got)["catalog"]}
        assert got["pages"] == 40 if f == path else got["error"]["code"] == "corrupt_pdf"


def test_a_bomb_on_a_page_another_reader_may_take_is_refused_as_in_process(tmp_path: Path) -> None:
    """Only the first reader checks the pages before pdfium reads them (the others skip reading the file
    twice): a bomb on a later page, which another reader may take first, is still refused with the
    in-process error."""
    from rawpdf import RawPage, flate, text_content, write_pdf, zlib_spaces

    bomb, filters = flate(zlib_spaces(256, text_content()))
    pages = [RawPage(*flate(text_content(f"Tender page {n}"))) for n in range(1, 40)]
    path = write_pdf(tmp_path / "late_bomb.pdf", [*pages, RawPage(bomb, ("FlateDecode", *filters))])
    with pytest.raises(errors.IngestError) as here:
        load_document(path)
    with ReadAhead(path, parts=2) as ahead, pytest.raises(errors.IngestError) as read_ahead:
        load_document(path, ahead=ahead)
    assert here.value.code == read_ahead.value.code == "content_too_large"
    assert read_ahead.value.message == here.value.message


def test_a_reader_killed_while_taking_its_turn_leaves_the_others_theirs() -> None:
    """Readers take page batches in turn under a lock (ahead.Turns): one that dies holding it (killed at
    its time bound, or by the memory bound) must not leave the others waiting for ever."""
    turns = Turns()
    assert [turns.take(), turns.take()] == [0, 1]
    fd = turns._file.fileno()
    holder = os.fork()
    if holder == 0:  # a reader that takes the lock and is killed before it lets go
        fcntl.lockf(fd, fcntl.LOCK_EX)
        signal.pause()
        os._exit(0)
    try:
        assert _wait_for(lambda: not _lock_free(fd)), "the forked reader never took the lock"
    finally:
        os.kill(holder, signal.SIGKILL)
        os.waitpid(holder, 0)
    assert _wait_for(lambda: _lock_free(fd)), "a dead reader's lock was never released"
    assert turns.take() == 2
    turns.close()


def _lock_free(fd: int) -> bool:
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    fcntl.lockf(fd, fcntl.LOCK_UN)
    return True


def _wait_for(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True
