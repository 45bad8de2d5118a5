"""Beyond one machine: API servers that only queue, and ``tendercheck worker`` processes that scan,
sharing one database and one data folder, as real processes.

Run on SQLite (one machine) and on a real PostgreSQL server (what several machines share). A
worker is SIGKILLed mid-job, as a lost machine would be: the other takes over its files once
their lease has run out, and every file is reported exactly once.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pgserver import PostgresServer, Unavailable
from test_api_server import AUTH, CORRUPT_INDEX, ROOT, Server, counts, job_files

FILES = 12
PAGES_PER_FILE = 20
# Files 2 and 3 are far longer than the rest: once two files are done, each worker is on one of them
# whatever the machine's speed, so the worker killed is always mid-file (no wall-clock guess).
LONG = {2: 200, 3: 200}
LEASE_ENV = {"TENDERCHECK_FILE_TIMEOUT_S": "5", "TENDERCHECK_LEASE_GRACE_S": "1"}


@pytest.fixture(params=["sqlite", "postgresql"])
def database_env(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    if request.param == "sqlite":
        yield {}  # the default: a SQLite file in the shared data folder
        return
    try:
        pg = PostgresServer()
    except Unavailable as exc:
        pytest.skip(f"{exc}: the scale-out test ran on SQLite only")
    try:
        yield {"TENDERCHECK_DATABASE_URL": pg.url}
    finally:
        pg.stop()


class Worker:
    """``tendercheck worker`` in its own session (its scan processes die with it on a kill)."""

    def __init__(self, data_dir: Path, n: int, env: dict[str, str]) -> None:
        self.log = data_dir / f"worker-{n}.log"
        self.proc = subprocess.Popen([sys.executable, "-m", "checker", "worker"], cwd=ROOT,
                                     env={**os.environ, "TENDERCHECK_DATA_DIR": str(data_dir),
                                          "TENDERCHECK_WORKERS": "1", **env},
                                     stdout=self.log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, timeout: float = 60) -> Worker:
        deadline = time.monotonic() + timeout
        while b"worker ready" not in self.log.read_bytes():
            assert self.proc.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, "worker did not come up"
            time.sleep(0.05)
        return self

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)  # the worker and its scan processes: a lost machine
        self.proc.wait(timeout=10)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_workers_scan_what_a_queue_only_server_accepted(tmp_path: Path, database_env: dict[str, str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    env = {**database_env, **LEASE_ENV}
    server = Server(data, TENDERCHECK_DISPATCH="false", **env)
    workers: list[Worker] = []
    try:
        server.start()
        files = job_files(tmp_path, FILES, PAGES_PER_FILE, long=LONG)
        resp = httpx.post(f"{server.url}/v1/jobs", headers=AUTH, timeout=60,
                          files=[("files", (name, body, "application/octet-stream")) for name, body in files])
        assert resp.status_code == 202, resp.text
        job_id = resp.json()["id"]
        name, body0 = files[0]
        sync = httpx.post(f"{server.url}/v1/scan", headers=AUTH, timeout=60, files={"file": (name, body0)})
        assert sync.status_code == 200 and sync.json()["pages"] == PAGES_PER_FILE  # it answers a sync scan
        # ... and in all the time that took, it scanned none of the job's files: it only queues
        assert counts(server.url, job_id)["queued"] == FILES

        workers = [Worker(data, n, env) for n in (1, 2)]
        for w in workers:
            w.wait_ready()
        deadline = time.monotonic() + 120
        # both workers holding a file, so the one lost leaves a file behind for the other to take over
        while (c := counts(server.url, job_id))["done"] + c["error"] < 2 or c["running"] < 2:
            assert time.monotonic() < deadline, c
            time.sleep(0.01)
        workers[0].kill()
        assert c["done"] + c["error"] < FILES, "the job finished before a worker was lost: make files bigger"

        deadline = time.monotonic() + 120
        while (c := counts(server.url, job_id))["done"] + c["error"] < FILES:
            assert time.monotonic() < deadline, c
            time.sleep(0.2)
        body = httpx.get(f"{server.url}/v1/jobs/{job_id}/results", headers=AUTH, timeout=30).json()
    finally:
        for w in workers:
            w.close()
        server.close()

    results = body["results"]
    assert body["state"] == "done" and [r["index"] for r in results] == list(range(FILES))  # each once
    for r in results:
        if r["index"] == CORRUPT_INDEX:
            assert r["state"] == "error" and r["report"]["error"]["code"] == "corrupt_pdf"
        else:
            assert r["state"] == "done" and r["report"]["pages"] == LONG.get(r["index"], PAGES_PER_FILE)
    assert not [p for p in (data / "uploads").rglob("*") if p.is_file()]  # every upload cleaned up
    assert "requeued" in (data / "worker-2.log").read_text()  # the lost worker's file was taken over


def test_a_worker_stopped_gracefully_gives_its_files_back_at_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    server = Server(data, TENDERCHECK_DISPATCH="false")  # default lease: minutes, so only a give-back helps
    workers: list[Worker] = []
    try:
        server.start()
        files = job_files(tmp_path, FILES, PAGES_PER_FILE, long=LONG)
        job_id = httpx.post(f"{server.url}/v1/jobs", headers=AUTH, timeout=60,
                            files=[("files", (n, b, "application/octet-stream")) for n, b in files]).json()["id"]
        workers.append(Worker(data, 1, {}).wait_ready())
        deadline = time.monotonic() + 120
        while (c := counts(server.url, job_id))["done"] + c["error"] < 1 or c["running"] == 0:
            assert time.monotonic() < deadline, c
            time.sleep(0.01)
        workers[0].proc.terminate()  # SIGTERM: an orderly shutdown (deploy, scale-in)
        workers[0].proc.wait(timeout=30)
        c = counts(server.url, job_id)
        assert c["running"] == 0 and c["queued"] > 0, c  # nothing left hanging on the stopped worker

        workers.append(Worker(data, 2, {}).wait_ready())
        deadline = time.monotonic() + 120
        while (c := counts(server.url, job_id))["done"] + c["error"] < FILES:
            assert time.monotonic() < deadline, c
            time.sleep(0.2)
    finally:
        for w in workers:
            w.close()
        server.close()
