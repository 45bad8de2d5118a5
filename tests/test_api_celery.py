"""Beyond one machine on Celery: a real Redis broker, a real API server that only queues, and real
``tendercheck worker`` Celery workers, each with a data folder of its own (nothing shared but the
database: PostgreSQL when the machine has it, else the server's SQLite file by URL).

Shows that every file is reported exactly once (the store's guarded write succeeds once per file,
counted in the workers' logs) when a worker is lost mid-file, when the broker restarts empty, and
that a file that keeps killing its worker ends as an ``internal_error`` without stalling the rest.
"""
from __future__ import annotations

import os
import re
import signal
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pgserver import PostgresServer, Unavailable
from redisserver import RedisServer
from test_api_scaleout import Worker
from test_api_server import AUTH, CORRUPT_INDEX, KEY, Server, counts, job_files

FILES = 20
PAGES = 3
# Long files among short ones: when the short ones before them are done, each worker is on a long
# one whatever the machine's speed, so a kill lands mid-file (no wall-clock guess).
LONG = {2: 150, 3: 150}
# A lost worker's file comes back after the visibility timeout (the hard limit, 10 s past the file
# limit, plus grace): a short file limit, yet far above a 150-page scan on a loaded machine.
ENV = {"TENDERCHECK_FILE_TIMEOUT_S": "10", "TENDERCHECK_LEASE_GRACE_S": "1"}
REPORTED = re.compile(r"succeeded in [0-9.]+s: 'reported'")
DEADLINE_S = 180
CATALOG_CSV = ("产品名称,型号规格,生产企业,品牌,产品类别,级别,列入日期,来源\n"
               "磁悬浮变频离心式冷水机组,XYZ-1000,浙江测试制冷设备有限公司,测试冷,冷水机组,省内首台套,2025-06-01,测试目录\n")


class Stack:
    """Redis, a database, an API server (queues only) and workers, each worker in its own folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.redis = RedisServer()
        self.pg: PostgresServer | None = None
        try:
            self.pg = PostgresServer()
        except Unavailable:
            pass
        api = root / "api"
        api.mkdir()
        db = self.pg.url if self.pg else f"sqlite:///{api / 'tendercheck.db'}"
        self.env = {**ENV, "TENDERCHECK_BROKER_URL": self.redis.url, "TENDERCHECK_DATABASE_URL": db}
        self.server = Server(api, **self.env, TENDERCHECK_API_KEYS=f"t1:{KEY}:admin")
        self.workers: list[Worker] = []

    def worker(self) -> Worker:
        n = len(self.workers) + 1
        home = self.root / f"worker-{n}"
        (home / "tmp").mkdir(parents=True)
        w = Worker(home, n, {**self.env, "TMPDIR": str(home / "tmp")})
        self.workers.append(w)
        return w

    def submit(self, files: list[tuple[str, bytes]]) -> str:
        resp = httpx.post(f"{self.server.url}/v1/jobs", headers=AUTH, timeout=60,
                          files=[("files", (n, b, "application/octet-stream")) for n, b in files])
        assert resp.status_code == 202, resp.text
        return str(resp.json()["id"])

    def wait_done(self, job_id: str, total: int) -> dict[str, object]:
        deadline = time.monotonic() + DEADLINE_S
        while (c := counts(self.server.url, job_id))["done"] + c["error"] < total:
            assert time.monotonic() < deadline, c
            time.sleep(0.2)
        return dict(httpx.get(f"{self.server.url}/v1/jobs/{job_id}/results", headers=AUTH, timeout=30).json())

    def reported(self) -> int:
        """Reports stored by all workers: the guarded write that succeeds once per file."""
        return sum(len(REPORTED.findall(w.log.read_text(errors="replace"))) for w in self.workers)

    def stored_bytes(self) -> int:
        if self.pg is not None:
            import sqlalchemy

            with sqlalchemy.create_engine(self.pg.url).connect() as c:
                return int(c.exec_driver_sql("SELECT count(*) FROM job_file_bytes").scalar_one())
        with sqlite3.connect(self.root / "api" / "tendercheck.db") as c:
            return int(c.execute("SELECT count(*) FROM job_file_bytes").fetchone()[0])

    def close(self) -> None:
        for w in self.workers:
            w.close()
        self.server.close()
        self.redis.stop()
        if self.pg is not None:
            self.pg.stop()


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    try:
        s = Stack(tmp_path)
    except Unavailable as exc:
        pytest.skip(str(exc))
    try:
        s.server.start()
        yield s
    finally:
        s.close()


def check_results(body: dict[str, object], total: int, long: dict[int, int], poison: int | None = None) -> None:
    results = body["results"]
    assert isinstance(results, list)
    assert body["state"] == "done" and [r["index"] for r in results] == list(range(total))
    for r in results:
        if r["index"] == CORRUPT_INDEX:
            assert r["state"] == "error" and r["report"]["error"]["code"] == "corrupt_pdf"
        elif r["index"] == poison:
            assert r["state"] == "error" and r["report"]["error"]["code"] == "internal_error"
        else:
            assert r["state"] == "done" and r["report"]["pages"] == long.get(r["index"], PAGES), r


def test_a_worker_lost_mid_file_and_every_file_is_reported_once(stack: Stack, tmp_path: Path) -> None:
    job_id = stack.submit(job_files(tmp_path, FILES, PAGES, long=LONG))
    for w in (stack.worker(), stack.worker()):
        w.wait_ready()
    deadline = time.monotonic() + DEADLINE_S
    while (c := counts(stack.server.url, job_id))["done"] + c["error"] < 2 or c["running"] < 2:
        assert time.monotonic() < deadline, c
        time.sleep(0.01)
    stack.workers[0].kill()  # the worker and its children, holding a file: a lost machine
    assert c["done"] + c["error"] < FILES

    body = stack.wait_done(job_id, FILES)
    check_results(body, FILES, LONG)
    assert stack.reported() == FILES  # each file's report stored once, the lost worker's file included
    assert stack.stored_bytes() == 0  # every upload deleted once scanned (no retention configured)
    assert not [p for p in (stack.root / "api" / "uploads").rglob("*") if p.is_file()]
    health = httpx.get(f"{stack.server.url}/healthz", timeout=30).json()
    assert health["broker"]["state"] == "ok" and health["broker"]["workers"] == 1  # the one still alive


def test_the_broker_restarted_empty_mid_job_and_the_reconciler_finishes_it(stack: Stack, tmp_path: Path) -> None:
    total = 10
    # a catalog installed on the API server reaches workers that share no folder with it
    put = httpx.put(f"{stack.server.url}/v1/catalog", headers=AUTH, timeout=30,
                    files={"file": ("目录2026.csv", CATALOG_CSV.encode())})
    assert put.status_code == 200, put.text
    job_id = stack.submit(job_files(tmp_path, total, PAGES, long={2: 150}))
    stack.worker().wait_ready()
    deadline = time.monotonic() + DEADLINE_S
    while (c := counts(stack.server.url, job_id))["done"] + c["error"] < 2:
        assert time.monotonic() < deadline, c
        time.sleep(0.01)
    stack.redis.restart()  # no persistence: every queued message is gone
    assert c["done"] + c["error"] < total

    body = stack.wait_done(job_id, total)
    results = body["results"]
    assert isinstance(results, list) and [r["index"] for r in results] == list(range(total))
    assert all(r["state"] == "done" or r["index"] == CORRUPT_INDEX for r in results)
    assert {r["report"]["catalog"]["name"] for r in results if r["state"] == "done"} == {"目录2026.csv"}
    assert stack.reported() == total
    log = "".join(p.read_text(errors="replace") for p in (stack.root / "api").glob("server-*.log"))
    assert "unknown to the broker" in log


def _holder_of(tmp: Path, folder_prefix: str) -> int | None:
    """The Celery child scanning a file: the parent of the process with the file open."""
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            links = [os.readlink(fd) for fd in fd_dir.iterdir()]
        except OSError:
            continue
        if any(link.startswith(str(tmp / folder_prefix)) for link in links):
            stat = (fd_dir.parent / "stat").read_text()
            return int(stat.rsplit(")", 1)[1].split()[1])  # the parent's pid
    return None


def test_a_file_that_keeps_killing_its_worker_ends_as_an_error_and_blocks_nothing(stack: Stack,
                                                                                  tmp_path: Path) -> None:
    total, poison = 8, 1
    job_id = stack.submit(job_files(tmp_path, total, PAGES, long={poison: 150}))
    workers = [stack.worker(), stack.worker()]
    for w in workers:
        w.wait_ready()
    killed: set[int] = set()
    deadline = time.monotonic() + DEADLINE_S
    while counts(stack.server.url, job_id)["done"] + counts(stack.server.url, job_id)["error"] < total:
        assert time.monotonic() < deadline
        for home in (stack.root / "worker-1", stack.root / "worker-2"):
            pid = _holder_of(home / "tmp", f"tc-task-{job_id}-{poison}-")
            if pid is not None and pid not in killed:
                os.kill(pid, signal.SIGKILL)  # the worker's child dies while it holds this file, every time
                killed.add(pid)
        time.sleep(0.01)

    body = stack.wait_done(job_id, total)
    check_results(body, total, {poison: 150}, poison=poison)
    assert len(killed) == 3  # MAX_ATTEMPTS deliveries died; the next one stored the error without scanning
    assert all(w.proc.poll() is None for w in workers)  # the workers replaced their children


def test_a_duplicate_or_late_delivery_changes_nothing_and_bytes_go_with_the_job(tmp_path: Path) -> None:
    """The store's side of the broker protocol, without a broker: what a task does on each delivery."""
    from api.store import JobStore, NewFile

    store = JobStore(f"sqlite:///{tmp_path / 'jobs.db'}")
    paths = []
    for i in range(2):
        p = tmp_path / f"{i}.pdf"
        p.write_bytes(f"%PDF-1.4 file {i}".encode())
        paths.append(p)
    job = store.create_job("t1", [NewFile(p.name, str(p)) for p in paths], None, bytes_in_db=True)
    sent = store.take_unsent(10)
    assert [f.idx for f in sent] == [0, 1] and store.take_unsent(10) == []  # handed to the broker once
    first = sent[0].file_id
    assert store.file_bytes(first) == b"%PDF-1.4 file 0"  # what a worker elsewhere reads

    a1 = store.start(first)
    a2 = store.start(first)  # delivered again while the first delivery still runs (its worker was lost)
    assert a1 is not None and a2 is not None and a2.attempt == a1.attempt + 1
    assert store.complete(a2, {"error": None, "pages": 1}) is True
    assert store.complete(a1, {"error": None, "pages": 99}) is False  # the superseded attempt's report is refused
    assert store.start(first) is None  # a late delivery after the report: nothing to do
    status = store.job(job, "t1", "whole")
    assert status is not None and status.files[0].report == {"error": None, "pages": 1}

    # kept under retention (the task dropped nothing), then swept once the retention period is over
    assert store.sweep_bytes(3600) == 0 and store.file_bytes(first) is not None
    assert store.sweep_bytes(0) == 1 and store.file_bytes(first) is None
    assert store.delete_job(job, "t1") == []  # nothing on disk to remove …
    assert store.file_bytes(sent[1].file_id) is None  # … and the bytes went with the job
    store.close()


def test_a_server_on_celery_answers_a_synchronous_scan_in_every_ocr_mode(tmp_path: Path) -> None:
    """``POST /v1/scan`` is scanned by the API server itself, whatever queue takes the jobs; its ``ocr``
    field reaches that scan as it does on a server without a broker (page 2 of this file is a scan).
    A real Redis and a server queuing to it; no worker is needed for a synchronous scan."""
    from test_ocr import make_mixed_pdf

    try:
        redis = RedisServer()
    except Unavailable as exc:
        pytest.skip(str(exc))
    (tmp_path / "api").mkdir()
    server = Server(tmp_path / "api", **ENV, TENDERCHECK_BROKER_URL=redis.url)
    try:
        server.start()
        body = make_mixed_pdf(tmp_path).read_bytes()
        read = {}
        for mode in ("off", "auto"):
            answer = httpx.post(f"{server.url}/v1/scan", headers=AUTH, timeout=120, data={"ocr": mode},
                                files={"file": ("招标文件.pdf", body, "application/pdf")})
            assert answer.status_code == 200, (mode, answer.text)
            read[mode] = answer.json().get("ocr_pages", [])
        assert read == {"off": [], "auto": [2]}
    finally:
        server.close()
        redis.stop()
