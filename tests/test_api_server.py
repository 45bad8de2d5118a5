"""The API as deployed: ``tendercheck serve`` as a real process on 127.0.0.1, killed and restarted.

Shows that a 20-file job (one corrupt file among them) survives a SIGKILL of the server mid-job
and finishes after a restart with every file reported exactly once, and that uploads are gone.
"""
from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from pdfgen import make_pdf, text_page

ROOT = Path(__file__).resolve().parent.parent
KEY = "server-test-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
FILES_IN_JOB = 20
CORRUPT_INDEX = 7
PAGES_PER_FILE = 12
# One file far longer than the others: whatever the machine's speed, it is still being scanned when
# the test has seen the first files finish, so a kill always lands mid-job (no wall-clock guess).
LONG_INDEX, LONG_PAGES = 0, 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``tendercheck serve`` in its own session, so every process it starts can be ended with it."""

    def __init__(self, data_dir: Path, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "TENDERCHECK_DATA_DIR": str(data_dir), "TENDERCHECK_API_KEYS": f"t1:{KEY}",
                    "TENDERCHECK_WORKERS": "1", **env}
        self.data_dir = data_dir
        self.proc: subprocess.Popen[bytes] | None = None
        self.groups: list[int] = []

    def start(self, timeout: float = 90) -> Server:
        log = (self.data_dir / f"server-{len(self.groups)}.log").open("wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "checker", "serve", "--host", "127.0.0.1",
                                      "--port", str(self.port)], cwd=ROOT, env=self.env, stdout=log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self.groups.append(self.proc.pid)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited: {(self.data_dir / f'server-{len(self.groups) - 1}.log').read_text()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise AssertionError("server did not come up")

    def crash(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)  # the server only: its workers are orphaned, as in a real crash
        self.proc.wait(timeout=10)

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        for pgid in self.groups:  # leftovers of a crashed server (orphaned workers), by group id
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass


@pytest.fixture
def server_factory(tmp_path):
    servers: list[Server] = []

    def make(**env: str) -> Server:
        s = Server(tmp_path / "data", **env)
        (tmp_path / "data").mkdir(exist_ok=True)
        servers.append(s)
        return s

    yield make
    for s in servers:
        s.close()


def job_files(folder: Path, files: int = FILES_IN_JOB, pages: int = PAGES_PER_FILE,
              long: dict[int, int] | None = None) -> list[tuple[str, bytes]]:
    """``files`` tenders of ``pages`` pages, one of them corrupt; ``long`` gives some files more pages."""
    out = []
    for i in range(files):
        if i == CORRUPT_INDEX:
            out.append((f"{i:02d}-损坏.pdf", b"%PDF-1.5\n1 0 obj <<>> garbage, no xref, no trailer\n"))
            continue
        page_specs = [text_page(f"第{i}号项目采购公告", f"项目编号：SRV-{i:03d}", "采购方式：竞争性磋商",
                                *(f"第{p}页第{n}行：技术参数与商务条款说明文字。" for n in range(30)))
                      for p in range((long or {}).get(i, pages))]
        out.append((f"{i:02d}-招标文件.pdf", make_pdf(folder / f"{i}.pdf", page_specs).read_bytes()))
    return out


def counts(base: str, job_id: str) -> dict[str, int]:
    return httpx.get(f"{base}/v1/jobs/{job_id}", headers=AUTH, timeout=10).json()["counts"]


def test_job_survives_sigkill_and_every_file_is_reported_once(server_factory, tmp_path):
    # the files the dead server was scanning are taken back once past the time limit plus grace; the
    # limit is far above the long file's scan (a few seconds) so a loaded machine doesn't time it out
    server = server_factory(TENDERCHECK_FILE_TIMEOUT_S="20", TENDERCHECK_LEASE_GRACE_S="1").start()
    files = job_files(tmp_path, long={LONG_INDEX: LONG_PAGES})
    resp = httpx.post(f"{server.url}/v1/jobs", headers=AUTH, timeout=60,
                      files=[("files", (name, data, "application/octet-stream")) for name, data in files])
    assert resp.status_code == 202, resp.text
    job_id = resp.json()["id"]

    # Kill the server once some files are done; the long one is not.
    deadline = time.monotonic() + 120
    while (c := counts(server.url, job_id))["done"] + c["error"] < 2:
        assert time.monotonic() < deadline, c
        time.sleep(0.02)
    server.crash()
    finished_before = c["done"] + c["error"]
    assert finished_before < FILES_IN_JOB, "the job finished before the crash: make files bigger"
    print(f"killed with {finished_before}/{FILES_IN_JOB} files finished")

    server.start()  # same data dir, same database
    deadline = time.monotonic() + 180
    while (c := counts(server.url, job_id))["done"] + c["error"] < FILES_IN_JOB:
        assert time.monotonic() < deadline, c
        time.sleep(0.2)

    body = httpx.get(f"{server.url}/v1/jobs/{job_id}/results", headers=AUTH, timeout=30).json()
    results = body["results"]
    assert body["state"] == "done" and len(results) == FILES_IN_JOB
    assert [r["index"] for r in results] == list(range(FILES_IN_JOB))  # each file once, none twice
    assert [r["file"] for r in results] == [name for name, _ in files]
    for r in results:
        assert r["report"]["schema"] == "tendercheck.report/1" and r["report"]["file"] == r["file"]
        if r["index"] == CORRUPT_INDEX:
            assert r["state"] == "error" and r["report"]["error"]["code"] == "corrupt_pdf"
        else:
            pages = LONG_PAGES if r["index"] == LONG_INDEX else PAGES_PER_FILE
            assert r["state"] == "done" and r["report"]["error"] is None and r["report"]["pages"] == pages, (r["index"], r["report"]["error"])

    with sqlite3.connect(tmp_path / "data" / "tendercheck.db") as db:
        rows = db.execute("SELECT idx, COUNT(*) FROM job_files WHERE job_id = ? GROUP BY idx", (job_id,)).fetchall()
    assert rows == [(i, 1) for i in range(FILES_IN_JOB)]
    assert not [p for p in (tmp_path / "data" / "uploads").rglob("*") if p.is_file()]  # no upload kept


def test_a_server_with_a_deep_temp_folder_starts_and_scans(server_factory, tmp_path):
    # The workers' forkserver listens on a socket in the temp folder (<tmp>/pymp-…/listener-…), and
    # a socket's path holds ~107 bytes: a deep $TMPDIR (a CI runner's, a container's) must not stop the start.
    deep = tmp_path / ("临时" * 12) / ("t" * 40)
    deep.mkdir(parents=True)
    assert len(os.fsencode(deep)) > 107
    server = server_factory(TMPDIR=str(deep)).start()
    pdf = make_pdf(tmp_path / "t.pdf", [text_page("某某医院设备采购项目招标文件", "采购方式：公开招标", "推荐品牌：甲、乙、丙")])
    r = httpx.post(f"{server.url}/v1/scan", headers=AUTH, files={"file": ("t.pdf", pdf.read_bytes())}, timeout=120)
    assert r.status_code == 200, r.text
    assert r.json()["error"] is None and r.json()["brand_lists"]


def test_real_server_auth_limits_and_types(server_factory, tmp_path):
    server = server_factory(TENDERCHECK_MAX_FILE_MB="0.1").start()
    pdf = make_pdf(tmp_path / "t.pdf", [text_page("采购公告", "采购方式：询价")]).read_bytes()
    with httpx.Client(base_url=server.url, timeout=30) as c:
        assert c.get("/v1/jobs").status_code == 401
        assert c.post("/v1/scan", files={"file": ("t.pdf", pdf)}).status_code == 401
        resp = c.post("/v1/scan", headers=AUTH, files={"file": ("t.pdf", b"%PDF-1.4\n" + b"0" * 200_000)})
        assert resp.status_code == 413 and resp.json()["error"]["code"] == "payload_too_large"
        resp = c.post("/v1/scan", headers=AUTH, files={"file": ("t.pdf", b"MZ\x90\x00" + b"\x00" * 100)})
        assert resp.status_code == 415 and resp.json()["error"]["code"] == "unsupported_media_type"
        resp = c.post("/v1/scan", headers=AUTH, files={"file": ("t.pdf", pdf)})
        assert resp.status_code == 200 and resp.json()["format"] == "pdf"
