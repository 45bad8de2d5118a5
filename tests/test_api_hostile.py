"""The real server (``python -m checker serve``) against hostile clients and a hostile machine.

Slow connections and anonymous giant uploads must leave it answering with the disk unchanged;
a kill -9 must leave no draft behind after a restart; what it stores is private; an unusable
data folder or database stops the start with one clear line; a locked database is a quick 503.
"""
from __future__ import annotations

import os
import select
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from pdfgen import make_pdf, text_page
from test_api_server import AUTH, ROOT, Server

SLOW_CONNECTIONS = 300
SLOW_BODIES = 10
UPLOADS_PER_CLIENT = 4      # the default
SLOW_KEY = "slow-tenant-key"
ANON_UPLOADS = 5
ANON_UPLOAD_BYTES = 300 * 1024 * 1024
READ_TIMEOUT_S = 2          # the server's header/body deadline in these tests (default 15)
PER_CLIENT = 50             # connections per client address (the default)
ATTACKER = "127.0.0.2"      # the slow clients' source address: the legitimate client is 127.0.0.1


def tender_pdf(path: Path, pages: int = 1) -> bytes:
    specs = [text_page("某医院空调采购项目公开招标公告", "采购方式：公开招标", "推荐品牌：格力",
                       *(f"第{p}页第{n}行：技术参数说明。" for n in range(30))) for p in range(pages)]
    return make_pdf(path, specs).read_bytes()


def tree_bytes(*roots: Path) -> int:
    """Bytes in files under ``roots``, the server's own logs aside."""
    return sum(p.stat().st_size for r in roots for p in r.rglob("*") if p.is_file() and p.suffix != ".log")


def open_fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def poll(check, timeout: float, what: str, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        assert time.monotonic() < deadline, what
        time.sleep(every)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    (root / "data").mkdir()
    (root / "tmp").mkdir()
    s = Server(root / "data", TENDERCHECK_READ_TIMEOUT_S=str(READ_TIMEOUT_S), TMPDIR=str(root / "tmp"),
               TENDERCHECK_API_KEYS=f"t1:{AUTH['Authorization'].split()[1]},t2:{SLOW_KEY}",
               TENDERCHECK_DB_BUSY_TIMEOUT_S="1", PYTHONUNBUFFERED="1", TENDERCHECK_WEBHOOK_SECRET="hostile-secret")
    s.root = root
    try:
        yield s.start()
    finally:
        s.close()


class SlowClient:
    """Sockets that open a request and then send one byte now and then, never finishing: of the
    headers, or (``head`` given) of a body announced as 300 MB."""

    def __init__(self, port: int, n: int, head: bytes | None = None, source: str = ATTACKER) -> None:
        self.head = head or b"POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Length: 314572800\r\nX-Slow: "
        self.answers: list[bytes] = []
        self.socks: list[socket.socket] = []
        self.refused_at_once = 0
        for _ in range(n):
            s = socket.socket()
            s.bind((source, 0))
            s.connect(("127.0.0.1", port))
            self.socks.append(s)
        self.closed = [False] * n
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._trickle, daemon=True)

    def start(self, immediate_answers: int = 0) -> SlowClient:
        for s in self.socks:
            try:
                s.sendall(self.head)
            except OSError:
                pass
        if immediate_answers:  # read refusals before trickling on: a write after them resets the socket
            def answered() -> bool:
                ready, _, _ = select.select([s for i, s in enumerate(self.socks) if not self.closed[i]], [], [], 0.1)
                for s in ready:
                    self.answers.append(s.recv(4096))
                    self.closed[self.socks.index(s)] = True
                return len(self.answers) >= immediate_answers
            poll(answered, 30, f"only {len(self.answers)} immediate answers")
        self._thread.start()
        return self

    def _trickle(self) -> None:
        while not self._stop.is_set() and not all(self.closed):
            for i, s in enumerate(self.socks):
                if self.closed[i]:
                    continue
                try:
                    s.setblocking(False)
                    try:
                        answer = s.recv(1024)
                        if answer == b"":  # the server hung up
                            self.closed[i] = True
                            continue
                        self.answers.append(answer)
                    except BlockingIOError:
                        pass
                    s.send(b"a")
                except OSError:  # reset: the server refused or cut it
                    self.closed[i] = True
            self._stop.wait(0.3)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        for s in self.socks:
            s.close()


def anonymous_upload(url: str, chunked: bool, sent: list[int], outcomes: list[str]) -> None:
    """A 300 MB multipart upload without a key, streamed from a generator (never in memory)."""
    chunk = b"\0" * (1 << 20)
    count = [0]

    def body():
        yield b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n\r\n%PDF-1.4\n"
        while count[0] < ANON_UPLOAD_BYTES:
            count[0] += len(chunk)
            yield chunk

    headers = {"Content-Type": "multipart/form-data; boundary=b"}
    if not chunked:
        headers["Content-Length"] = str(ANON_UPLOAD_BYTES + 200)
    try:
        resp = httpx.post(f"{url}/v1/scan", content=body(), headers=headers, timeout=60)
        outcomes.append(str(resp.status_code))
    except httpx.TransportError as exc:  # the server answered 401 and closed while we were still sending
        outcomes.append(type(exc).__name__)
    sent.append(count[0])


def test_slow_connections_and_anonymous_giant_uploads_leave_the_server_answering(server, tmp_path):
    data, tmp = server.data_dir, server.root / "tmp"
    pdf = tender_pdf(tmp_path / "t.pdf")
    with httpx.Client(base_url=server.url, timeout=60) as c:  # warm: the first scan starts the worker
        assert c.post("/v1/scan", headers=AUTH, files={"file": ("t.pdf", pdf)}).status_code == 200
    disk_before = tree_bytes(data, tmp)
    fds_before = open_fds(server.proc.pid)

    slow = SlowClient(server.port, SLOW_CONNECTIONS).start()
    # Another tenant trickles 100 MB request bodies: 4 (its upload cap) are taken and cut at the body
    # deadline, the rest get 429 at once.
    slow_bodies = SlowClient(server.port, SLOW_BODIES, head=(
        b"POST /v1/scan HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SLOW_KEY.encode() +
        b"\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 104857600\r\n\r\n"
        b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.pdf\"\r\n\r\n%PDF-1.4\n"),
        source="127.0.0.3").start(immediate_answers=SLOW_BODIES - UPLOADS_PER_CLIENT)
    sent: list[int] = []
    outcomes: list[str] = []
    uploads = [threading.Thread(target=anonymous_upload, args=(server.url, i % 2 == 1, sent, outcomes))
               for i in range(ANON_UPLOADS)]
    for t in uploads:
        t.start()
    try:
        # While they hold on: the server answers its health check and scans for a real tenant.
        with httpx.Client(base_url=server.url, timeout=60) as c:
            health = c.get("/healthz")
            assert health.status_code == 200 and health.json()["status"] == "ok"
            resp = c.post("/v1/scan", headers=AUTH, files={"file": ("t.pdf", pdf)})
            assert resp.status_code == 200 and resp.json()["summary"]["violation"] >= 1, resp.text
        fds_during = open_fds(server.proc.pid)
        for t in uploads:
            t.join(timeout=120)
        # Beyond PER_CLIENT the attacker's connections are refused at once; the rest are cut at the
        # header deadline, however the bytes trickle in.
        poll(lambda: all(slow.closed), 60, f"slow connections still open: {slow.closed.count(False)}")
        poll(lambda: all(slow_bodies.closed), 60, f"slow bodies still open: {slow_bodies.closed.count(False)}")
    finally:
        slow.stop()
        slow_bodies.stop()
    refused = [a for a in slow_bodies.answers if a.startswith(b"HTTP/1.1 429")]
    print(f"slow bodies: {len(refused)} of {SLOW_BODIES} refused with 429, the rest cut at the body deadline")
    assert len(refused) == SLOW_BODIES - UPLOADS_PER_CLIENT and all(b"retry-after: " in a.lower() for a in refused)
    print(f"\nfds: {fds_before} before, {fds_during} with {SLOW_CONNECTIONS} slow connections open")
    print(f"anonymous uploads: {outcomes}; bytes the clients pushed before the server hung up: "
          f"{[f'{n / 1048576:.0f} MB' for n in sent]}")
    assert len(outcomes) == ANON_UPLOADS
    assert all(o in ("401", "WriteError", "RemoteProtocolError", "ReadError") for o in outcomes), outcomes
    assert max(sent) < ANON_UPLOAD_BYTES  # nobody got to send the whole body
    assert fds_during < fds_before + PER_CLIENT + 20  # the 250 beyond the per-client cap hold nothing
    # The disk is as it was: nothing of the 1.5 GB was spooled, the scans' drafts are gone.
    poll(lambda: tree_bytes(data, tmp) == disk_before, 30,
         f"disk changed: {disk_before} -> {tree_bytes(data, tmp)} bytes")
    poll(lambda: open_fds(server.proc.pid) <= fds_before + 5, 30, "descriptors not given back")
    assert server.proc.poll() is None
    assert b"Traceback" not in (data / "server-0.log").read_bytes()


def raw_head(port: int, request: bytes) -> httpx.Response:
    """Send a request head alone (a body announced, none sent) and read the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data and (chunk := s.recv(65536)):
            data += chunk
    head = data.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:])
    return httpx.Response(int(head[0].split()[1]), headers=headers)


def test_every_response_carries_the_security_headers_and_no_server_path(server, tmp_path):
    pdf = tender_pdf(tmp_path / "t.pdf")
    with httpx.Client(base_url=server.url, timeout=60) as c:
        job = c.post("/v1/jobs", headers=AUTH, files=[("files", ("a.pdf", pdf))]).json()
        poll(lambda: c.get(f"/v1/jobs/{job['id']}", headers=AUTH).json()["state"] == "done", 60, "job not done")
        answers = {
            "page": c.get("/"),
            "health": c.get("/healthz"),
            "json error": c.get("/v1/jobs"),
            "unknown path": c.get("/nope"),
            "scan json": c.post("/v1/scan", headers=AUTH, files={"file": ("t.pdf", pdf)}),
            "scan html": c.post("/v1/scan?format=html", headers=AUTH, files={"file": ("t.pdf", pdf)}),
            "page report": c.post("/check", files={"file": ("t.pdf", pdf)}),
            "job report": c.get(f"/v1/jobs/{job['id']}/report.html", headers=AUTH),
        }
    answers["too large"] = raw_head(server.port, b"POST /check HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n"
                                                 b"Content-Type: multipart/form-data; boundary=b\r\n\r\n")
    for what, resp in answers.items():
        csp = resp.headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp, (what, resp.headers)
        assert resp.headers.get("x-content-type-options") == "nosniff", what
        assert resp.headers.get("x-frame-options") == "DENY", what
    assert answers["json error"].status_code == 401 and answers["too large"].status_code == 413
    for what in ("page", "scan html", "page report", "job report"):
        html = answers[what].text
        assert answers[what].status_code == 200 and "<html" in html.lower(), what
        assert str(server.root) not in html and "/uploads/" not in html, what  # no server path shown


def test_a_locked_database_is_a_quick_503_and_healthz_says_so(server, tmp_path):
    pdf = tender_pdf(tmp_path / "t.pdf")
    locker = sqlite3.connect(server.data_dir / "tendercheck.db", isolation_level=None, timeout=10)
    locker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        with httpx.Client(base_url=server.url, timeout=60) as c:
            resp = c.post("/v1/jobs", headers=AUTH, files=[("files", ("a.pdf", pdf))])
            assert resp.status_code == 503, resp.text
            assert resp.json()["error"]["code"] == "store_busy" and resp.headers["retry-after"].isdigit()
            health = c.get("/healthz")
            assert health.status_code == 503 and health.headers["retry-after"].isdigit()
            assert health.json()["status"] == "unavailable" and health.json()["store"] == "store_busy"
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    with httpx.Client(base_url=server.url, timeout=60) as c:
        poll(lambda: c.get("/healthz").status_code == 200, 10, "healthz did not recover")
        assert c.post("/v1/jobs", headers=AUTH, files=[("files", ("a.pdf", pdf))]).status_code == 202
    assert b"Traceback" not in (server.data_dir / "server-0.log").read_bytes()


def test_a_callback_into_the_servers_own_network_is_refused(server, tmp_path):
    # The tenant picks where the server sends the completion request: not to what only the server
    # can reach (loopback, private ranges, the cloud metadata address), whatever name points there.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    try:
        pdf = tender_pdf(tmp_path / "a.pdf")
        for url in (f"http://127.0.0.1:{port}/hook", f"http://localhost:{port}/hook", "http://169.254.169.254/latest",
                    "http://10.0.0.1/hook", "https://[::1]/hook", "http://nowhere.invalid/hook"):
            resp = httpx.post(f"{server.url}/v1/jobs", headers=AUTH, timeout=30, data={"callback_url": url},
                              files=[("files", ("a.pdf", pdf, "application/pdf"))])
            assert resp.status_code == 422, (url, resp.text)
            assert resp.json()["error"]["code"] == "callback_not_allowed", url
        listener.settimeout(0.5)
        with pytest.raises(TimeoutError):  # and nothing was sent to the listener
            listener.accept()
    finally:
        listener.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_kill_9_then_restart_sweeps_drafts_and_everything_kept_is_private(server_factory, tmp_path):
    data = tmp_path / "data"
    server = server_factory(TMPDIR=str(tmp_path)).start()
    busy = [("files", (f"{i}.pdf", tender_pdf(tmp_path / f"b{i}.pdf", pages=30))) for i in range(4)]
    with httpx.Client(base_url=server.url, timeout=120) as c:
        job = c.post("/v1/jobs", headers=AUTH, files=busy)  # keeps the one worker busy
        assert job.status_code == 202
    pdf = tender_pdf(tmp_path / "t.pdf")
    results: list[object] = []
    for path, headers in (("/check", {}), ("/v1/scan", AUTH)):
        threading.Thread(target=lambda p=path, h=headers: results.append(_post_quietly(server.url + p, h, pdf)),
                         daemon=True).start()
    scratch = data / "uploads" / "tmp"
    drafts = poll(lambda: [p for p in scratch.rglob("draft.*")] if len(list(scratch.rglob("draft.*"))) == 2 else None,
                  60, "drafts never appeared")
    job_uploads = [p for p in (data / "uploads" / "jobs").rglob("*.pdf")]
    assert job_uploads, "the job's uploads were already scanned: make them bigger"
    for p in (data, data / "uploads", data / "uploads" / "jobs", scratch, *{d.parent for d in drafts}):
        assert mode(p) == 0o700, (p, oct(mode(p)))
    for p in (data / "tendercheck.db", *drafts, *job_uploads):
        assert mode(p) == 0o600, (p, oct(mode(p)))
    (data / "uploads" / "scan-leftover").mkdir()  # what earlier versions left after a crash
    (data / "uploads" / "scan-leftover" / "draft.pdf").write_bytes(pdf)

    server.crash()
    assert all(d.exists() for d in drafts)  # a crash cleans nothing up …
    server.start()                           # … the next start does
    left = [p for p in scratch.rglob("*") if p.is_file()] + list((data / "uploads").glob("scan-*"))
    assert left == [], left
    assert mode(data / "tendercheck.db") == 0o600


def _post_quietly(url: str, headers: dict, pdf: bytes) -> object:
    try:
        return httpx.post(url, headers=headers, files={"file": ("t.pdf", pdf)}, timeout=120).status_code
    except httpx.HTTPError as exc:
        return exc


@pytest.fixture
def server_factory(tmp_path):
    servers: list[Server] = []

    def make(**env: str) -> Server:
        (tmp_path / "data").mkdir(exist_ok=True)
        s = Server(tmp_path / "data", **env)
        servers.append(s)
        return s

    yield make
    for s in servers:
        s.close()


def start_fails(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TENDERCHECK_DATA_DIR": str(data_dir), "TENDERCHECK_API_KEYS": "t1:k"}
    return subprocess.run([sys.executable, "-m", "checker", "serve", "--port", "1"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_an_unusable_data_folder_or_database_stops_the_start_with_one_clear_line(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    if os.geteuid() == 0:  # root writes anywhere a permission allows: use a file system that refuses
        read_only = Path("/sys/tendercheck-data")
    else:
        read_only = tmp_path / "ro"
        read_only.mkdir(mode=0o500)
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "tendercheck.db").write_bytes(b"this is not a database, it is a text file\n" * 100)
    for data_dir, words in ((not_a_folder, "不是文件夹"), (read_only, "无法写入"), (corrupt, "数据库不可用")):
        result = start_fails(data_dir)
        assert result.returncode == 2, (data_dir, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
        assert lines[0].startswith("tendercheck: ") and words in lines[0], lines[0]


def test_a_temp_folder_too_deep_for_sockets_with_no_short_one_beside_is_a_clear_error(tmp_path, monkeypatch):
    import tempfile

    from api import datadir
    from checker.errors import ConfigError

    deep = tmp_path / ("t" * 60) / ("u" * 60)
    deep.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    monkeypatch.setattr(datadir, "SHORT_TEMP_FOLDERS", (str(tmp_path / "missing"),))
    with pytest.raises(ConfigError, match="TMPDIR"):
        datadir.socket_folder()
