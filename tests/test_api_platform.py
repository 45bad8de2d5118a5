"""An API a platform can integrate (issue 14), against the real server: a bad file inside a job is
that file's error, each file has its HTML report, a job can be deleted with everything it kept, the completion webhook fires
once and signed, a repeated Idempotency-Key returns the same job, client ids come back, the job
list shows each job's state, times carry their offset, and /docs renders with no network."""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from pdfgen import make_pdf, text_page
from test_api_hostile import poll
from test_api_server import AUTH, Server
from test_web_page import CHROMIUM, LAUNCH_FLAGS

SECRET = "webhook-test-secret"


def tender(path: Path, brand: str = "推荐品牌：格力") -> bytes:
    return make_pdf(path, [text_page("某医院空调采购项目公开招标公告", "采购方式：公开招标", brand)]).read_bytes()


class Receiver:
    """A platform's webhook endpoint: records what it is sent."""

    def __init__(self) -> None:
        self.calls: list[tuple[dict[str, str], bytes]] = []
        calls = self.calls

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # the http.server API names it so
                body = self.rfile.read(int(self.headers["Content-Length"]))
                calls.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("platform")
    (root / "data").mkdir()
    # the receiver listens on this machine: a private address, allowed here (refused by default)
    s = Server(root / "data", TENDERCHECK_WEBHOOK_SECRET=SECRET, TENDERCHECK_WEBHOOK_ALLOW_PRIVATE="1")
    try:
        yield s.start()
    finally:
        s.close()


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=60, headers=AUTH) as c:
        yield c


def wait_done(client: httpx.Client, job_id: str) -> dict:
    return poll(lambda: (j := client.get(f"/v1/jobs/{job_id}").json())["state"] == "done" and j, 120, "job not done")


def test_a_text_file_among_pdfs_is_that_files_error_and_client_ids_come_back(client, tmp_path):
    pdf = tender(tmp_path / "a.pdf")
    files = [("files", ("a.pdf", pdf)), ("files", ("说明.txt", "这不是招标文件".encode())), ("files", ("b.pdf", pdf))]
    resp = client.post("/v1/jobs", files=files, data={"client_id": ["doc-1", "doc-2", "doc-3"]})
    assert resp.status_code == 202, resp.text
    job = wait_done(client, resp.json()["id"])
    assert job["counts"] == {"queued": 0, "running": 0, "done": 2, "error": 1}
    results = client.get(f"/v1/jobs/{job['id']}/results").json()["results"]
    assert [r["client_id"] for r in results] == ["doc-1", "doc-2", "doc-3"]
    assert [f["client_id"] for f in job["files"]] == ["doc-1", "doc-2", "doc-3"]
    assert results[1]["state"] == "error" and results[1]["report"]["error"]["code"] == "unsupported_type"
    assert results[0]["report"]["error"] is None and results[2]["report"]["summary"]["violation"] >= 1
    for stamp in (job["created_at"], job["finished_at"]):  # ISO 8601 with the offset
        assert datetime.fromisoformat(stamp).utcoffset() is not None, stamp
    pages = [client.get(f["report_html"]) for f in job["files"]]  # each file's own HTML report
    assert [p.status_code for p in pages] == [200, 200, 200]
    assert results[0]["report"]["findings"][0]["message"] in pages[0].text and "说明.txt" in pages[1].text
    assert "unsupported_type" in pages[1].text and "无法检查" in pages[1].text
    assert "frame-ancestors 'none'" in pages[0].headers["content-security-policy"]
    assert client.get(f"/v1/jobs/{job['id']}/files/3/report.html").status_code == 404
    listed = {j["id"]: j for j in client.get("/v1/jobs").json()["jobs"]}[job["id"]]
    assert listed["state"] == "done" and listed["counts"]["error"] == 1
    assert datetime.fromisoformat(listed["created_at"]).utcoffset() is not None


def test_a_repeated_idempotency_key_returns_the_same_job(client, tmp_path):
    pdf = tender(tmp_path / "a.pdf")
    first = client.post("/v1/jobs", files=[("files", ("a.pdf", pdf))], headers={"Idempotency-Key": "batch-42"})
    again = client.post("/v1/jobs", files=[("files", ("a.pdf", pdf))], headers={"Idempotency-Key": "batch-42"})
    other = client.post("/v1/jobs", files=[("files", ("a.pdf", pdf))], headers={"Idempotency-Key": "batch-43"})
    assert first.status_code == again.status_code == other.status_code == 202
    assert again.json()["id"] == first.json()["id"] and again.headers["idempotent-replayed"] == "true"
    assert other.json()["id"] != first.json()["id"]


def test_a_blank_idempotency_key_is_no_key(client, tmp_path):
    # schemathesis found it: two jobs sent with an empty key collided on the unique index (503)
    pdf = tender(tmp_path / "a.pdf")
    answers = [client.post("/v1/jobs", files=[("files", ("a.pdf", pdf))], headers={"Idempotency-Key": key})
               for key in ("", "", "")]
    assert [a.status_code for a in answers] == [202, 202, 202]
    assert len({a.json()["id"] for a in answers}) == 3 and "idempotent-replayed" not in answers[2].headers


def test_delete_purges_the_job_its_reports_and_uploads(server, client, tmp_path):
    pdf = tender(tmp_path / "a.pdf")
    job_id = client.post("/v1/jobs", files=[("files", (f"{i}.pdf", pdf)) for i in range(3)]).json()["id"]
    assert client.delete(f"/v1/jobs/{job_id}").status_code == 204  # at once: queued files go too
    assert client.get(f"/v1/jobs/{job_id}").status_code == 404
    assert client.get(f"/v1/jobs/{job_id}/results").status_code == 404
    assert client.delete(f"/v1/jobs/{job_id}").status_code == 404
    assert job_id not in [j["id"] for j in client.get("/v1/jobs").json()["jobs"]]
    assert not (server.data_dir / "uploads" / "jobs" / job_id).exists()
    assert job_id.encode() not in (server.data_dir / "tendercheck.db").read_bytes()  # nothing quotes it
    # a finished job too
    done = wait_done(client, client.post("/v1/jobs", files=[("files", ("a.pdf", pdf))]).json()["id"])
    assert client.delete(f"/v1/jobs/{done['id']}").status_code == 204
    assert client.get(f"/v1/jobs/{done['id']}/results").status_code == 404


def test_the_completion_webhook_fires_once_and_signed(server, client, tmp_path):
    receiver = Receiver()
    try:
        pdf = tender(tmp_path / "a.pdf")
        files = [("files", (f"{i}.pdf", pdf)) for i in range(3)]
        job_id = client.post("/v1/jobs", files=files, data={"callback_url": receiver.url}).json()["id"]
        wait_done(client, job_id)
        poll(lambda: receiver.calls, 30, "the webhook never came")
        # Once: a second job finishing (its own webhook) proves the first one's would have come by now.
        second = client.post("/v1/jobs", files=[("files", ("z.pdf", pdf))], data={"callback_url": receiver.url})
        poll(lambda: len(receiver.calls) >= 2, 60, "the second job's webhook never came")
    finally:
        receiver.close()
    bodies = [json.loads(body) for _, body in receiver.calls]
    assert [b["job"]["id"] for b in bodies] == [job_id, second.json()["id"]]
    headers, body = receiver.calls[0]
    assert bodies[0]["event"] == "job.finished" and bodies[0]["job"]["counts"]["done"] == 3
    fields = dict(part.split("=", 1) for part in headers["x-tendercheck-signature"].split(","))
    expected = hmac.new(SECRET.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(fields["v1"], expected)
    assert datetime.fromisoformat(bodies[0]["job"]["finished_at"]).utcoffset() is not None


def test_docs_render_with_the_network_cut_off(server):
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed")
    outside: list[str] = []
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_FLAGS, headless=True)
        try:
            page = browser.new_page()

            def only_this_server(route):
                if route.request.url.startswith(server.url):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", only_this_server)
            page.goto(server.url + "/docs")
            page.wait_for_selector(".swagger-ui .info .title", timeout=60_000)
            assert "tendercheck API" in page.inner_text(".swagger-ui .info .title")
            page.wait_for_selector(".opblock-summary-path[data-path='/v1/jobs']", timeout=30_000)  # from /openapi.json
        finally:
            browser.close()
    assert outside == []
