"""The HTTP API through TestClient: auth, tenants, limits, the error shape, jobs, catalog, page.

One app (with small limits) is shared by the module: starting one means loading the engine and
a worker pool, which is the expensive part. The app is real — real SQLite, real worker processes.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from conftest import ROOT
from fastapi.testclient import TestClient
from pdfgen import make_pdf, text_page

from api.app import create_app
from api.auth import KeyStore
from api.settings import ApiSettings
from api.store import JobStore, NewFile
from checker.errors import ConfigError

KEY_A, KEY_B, KEY_ADMIN = "key-tenant-a", "key-tenant-b", "key-admin"
A = {"Authorization": f"Bearer {KEY_A}"}
B = {"Authorization": f"Bearer {KEY_B}"}
ADMIN = {"Authorization": f"Bearer {KEY_ADMIN}"}
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200  # a Windows executable's header
PAGE_RATE = 6


def tender_pdf(path: Path, brand_line: str = "推荐品牌：施耐德（Schneider）、ABB、西门子或相当于") -> Path:
    return make_pdf(path, [text_page("某某医院空调系统采购项目公开招标公告", "项目编号：TEST-2026-001",
                                     "采购方式：公开招标", "预算金额：300万元", "一、冷水机组 2台", brand_line)])


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("api")
    settings = ApiSettings(data_dir=root / "data", workers=1, max_file_mb=0.25, max_upload_mb=1,
                           max_files_per_job=5, page_max_mb=0.25, page_rate_per_minute=PAGE_RATE,
                           api_keys=f"tenant-a:{KEY_A},tenant-b:{KEY_B},ops:{KEY_ADMIN}:admin")
    with TestClient(create_app(settings)) as client:
        yield {"client": client, "settings": settings, "root": root,
               "pdf": tender_pdf(root / "tender.pdf"), "pdf2": tender_pdf(root / "t2.pdf", "推荐品牌：格力")}


def wait_done(client: TestClient, job_id: str, headers: dict, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/v1/jobs/{job_id}", headers=headers).json()
        if job["state"] == "done":
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} not done: {job}")


def assert_error_shape(resp, status: int, code: str) -> None:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    message = body["error"]["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message  # Chinese first …
    assert "（" in message and message.endswith("）"), message         # … English in brackets


# -- auth and the error shape -----------------------------------------------------------------

@pytest.mark.parametrize("path", ["/v1/rules", "/v1/catalog", "/v1/jobs", "/v1/jobs/0123456789abcdef"])
def test_no_key_is_401_with_bearer_challenge(env, path):
    resp = env["client"].get(path)
    assert_error_shape(resp, 401, "unauthorized")
    assert resp.headers["www-authenticate"] == "Bearer"


def test_wrong_key_is_401(env):
    assert_error_shape(env["client"].get("/v1/rules", headers={"Authorization": "Bearer nope"}), 401, "unauthorized")


def test_validation_errors_use_the_same_shape(env):
    c = env["client"]
    assert_error_shape(c.post("/v1/scan", headers=A), 422, "invalid_request")  # no file
    resp = c.post("/v1/scan", headers=A, files={"file": ("t.pdf", env["pdf"].read_bytes())}, data={"as_of": "yesterday"})
    assert_error_shape(resp, 422, "invalid_request")
    assert "as_of" in resp.json()["error"]["message"]
    assert_error_shape(c.get("/v1/jobs?limit=0", headers=A), 422, "invalid_request")


def test_huge_offset_is_a_client_error_not_a_database_overflow(env):
    # Found by schemathesis: an offset past SQLite's 64-bit integers was a 500.
    c = env["client"]
    assert_error_shape(c.get(f"/v1/jobs?offset={2**70}", headers=A), 422, "invalid_request")
    assert c.get("/v1/jobs?offset=100000", headers=A).status_code == 200


def test_unknown_route_and_method_use_the_same_shape(env):
    assert_error_shape(env["client"].get("/v2/nothing"), 404, "not_found")
    assert_error_shape(env["client"].delete("/v1/rules", headers=A), 405, "method_not_allowed")


def test_health_needs_no_key(env):
    body = env["client"].get("/healthz").json()
    assert body["status"] == "ok" and body["workers"] == 1


# -- single scan ------------------------------------------------------------------------------

def test_scan_returns_the_report_and_keeps_no_upload(env):
    resp = env["client"].post("/v1/scan", headers=A, files={"file": ("招标文件.pdf", env["pdf"].read_bytes())})
    assert resp.status_code == 200, resp.text
    report = resp.json()
    assert report["schema"] == "tendercheck.report/1"
    assert report["file"] == "招标文件.pdf" and report["format"] == "pdf" and report["error"] is None
    assert report["sha256"] == hashlib.sha256(env["pdf"].read_bytes()).hexdigest()
    assert report["path"] is None  # the server's disk layout is not part of the answer
    catalog = report["catalog"]  # which catalog judged it: the built-in one, with its warning
    assert catalog["sample"] is True and "不是官方" in catalog["warning"] and len(catalog["sha256"]) == 64
    assert "/" not in catalog["path"] and str(env["settings"].data_dir) not in resp.text
    assert not [p for p in env["settings"].uploads.rglob("*") if p.is_file()]


def test_scan_as_html(env):
    resp = env["client"].post("/v1/scan?format=html", headers=A, files={"file": ("草稿.pdf", env["pdf"].read_bytes())})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
    assert "草稿.pdf" in resp.text


def test_exe_renamed_pdf_is_415_alone_and_its_own_error_in_a_job(env):
    resp = env["client"].post("/v1/scan", headers=A, files={"file": ("tender.pdf", EXE, "application/pdf")})
    assert_error_shape(resp, 415, "unsupported_media_type")
    resp = env["client"].post("/v1/jobs", headers=A, files=[("files", ("ok.pdf", env["pdf"].read_bytes())),
                                                           ("files", ("tender.pdf", EXE))])
    assert resp.status_code == 202, resp.text  # one bad file never stops a batch
    job = wait_done(env["client"], resp.json()["id"], A)
    assert [f["state"] for f in job["files"]] == ["done", "error"]
    assert job["files"][1]["error"]["code"] == "unsupported_type" and "tender.pdf" in job["files"][1]["error"]["message"]


def test_corrupt_pdf_scan_is_a_report_with_its_error(env):
    resp = env["client"].post("/v1/scan", headers=A, files={"file": ("broken.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50)})
    assert resp.status_code == 200
    assert resp.json()["error"]["code"] == "corrupt_pdf"


# -- limits -----------------------------------------------------------------------------------

def test_oversized_file_is_413(env):
    big = b"%PDF-1.4\n" + b"0" * int(0.3 * 1024 * 1024)
    assert_error_shape(env["client"].post("/v1/scan", headers=A, files={"file": ("big.pdf", big)}),
                       413, "payload_too_large")


def test_oversized_request_is_413_before_parsing(env):
    huge = b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024)  # past the whole-request limit (1 MB)
    resp = env["client"].post("/v1/jobs", headers=A, files=[("files", ("a.pdf", huge))])
    assert_error_shape(resp, 413, "payload_too_large")


def test_too_many_files_is_413(env):
    data = env["pdf"].read_bytes()
    resp = env["client"].post("/v1/jobs", headers=A, files=[("files", (f"f{i}.pdf", data)) for i in range(6)])
    assert_error_shape(resp, 413, "payload_too_large")


# -- jobs and tenants -------------------------------------------------------------------------

def test_job_scans_every_file_and_a_corrupt_one_gets_its_own_error(env):
    c = env["client"]
    files = [("files", ("a.pdf", env["pdf"].read_bytes())), ("files", ("broken.pdf", b"%PDF-1.4 not really")),
             ("files", ("b.pdf", env["pdf2"].read_bytes()))]
    resp = c.post("/v1/jobs", headers=A, files=files)
    assert resp.status_code == 202, resp.text
    job_id = resp.json()["id"]
    assert resp.headers["location"] == f"/v1/jobs/{job_id}"
    job = wait_done(c, job_id, A)
    assert job["counts"] == {"queued": 0, "running": 0, "done": 2, "error": 1}
    assert [f["state"] for f in job["files"]] == ["done", "error", "done"]
    assert job["files"][1]["error"]["code"] == "corrupt_pdf"

    results = c.get(f"/v1/jobs/{job_id}/results", headers=A).json()["results"]
    assert [(r["index"], r["file"]) for r in results] == [(0, "a.pdf"), (1, "broken.pdf"), (2, "b.pdf")]
    assert all(r["report"]["schema"] == "tendercheck.report/1" for r in results)
    assert results[1]["report"]["error"]["code"] == "corrupt_pdf" and results[0]["report"]["error"] is None

    html = c.get(f"/v1/jobs/{job_id}/report.html", headers=A)
    assert html.status_code == 200 and "批量检查汇总" in html.text and "broken.pdf" in html.text
    assert "不是官方" in html.text  # the built-in catalog's warning
    assert not list((env["settings"].uploads / "jobs").glob(f"{job_id}/*"))  # uploads deleted once scanned


def test_another_tenants_job_is_404_like_a_missing_one(env):
    c = env["client"]
    job_id = c.post("/v1/jobs", headers=A, files=[("files", ("a.pdf", env["pdf"].read_bytes()))]).json()["id"]
    for suffix in ("", "/results", "/report.html"):
        assert_error_shape(c.get(f"/v1/jobs/{job_id}{suffix}", headers=B), 404, "not_found")
        assert c.get(f"/v1/jobs/{job_id}{suffix}", headers=B).json() == c.get(f"/v1/jobs/ffff{suffix}", headers=B).json()
    assert job_id not in [j["id"] for j in c.get("/v1/jobs", headers=B).json()["jobs"]]
    assert job_id in [j["id"] for j in c.get("/v1/jobs", headers=A).json()["jobs"]]
    wait_done(c, job_id, A)


def test_zip_job_expands_documents_and_skips_the_rest(env):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("标书/一号.pdf", env["pdf"].read_bytes())
        z.writestr("标书/二号.PDF", env["pdf2"].read_bytes())
        z.writestr("说明.txt", "不是招标文件")
        z.writestr("__MACOSX/标书/._一号.pdf", b"\x00\x05")
    resp = env["client"].post("/v1/jobs", headers=A, files=[("files", ("batch.zip", buf.getvalue()))])
    assert resp.status_code == 202, resp.text
    job = wait_done(env["client"], resp.json()["id"], A)
    assert [(f["file"], f["state"]) for f in job["files"]] == [("标书/一号.pdf", "done"), ("标书/二号.PDF", "done")]


def test_zip_bomb_stops_at_the_limit(env):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("bomb.pdf", b"%PDF-1.4\n" + b"\x00" * (5 * 1024 * 1024))  # 5 MB of zeros: a few KB zipped
    resp = env["client"].post("/v1/jobs", headers=A, files=[("files", ("bomb.zip", buf.getvalue()))])
    assert_error_shape(resp, 413, "payload_too_large")


# -- rules and catalog ------------------------------------------------------------------------

def test_rules_listing_names_every_rule_with_its_basis(env):
    rules = {r["id"]: r for r in env["client"].get("/v1/rules", headers=A).json()["rules"]}
    assert {"FS101", "FS102", "FS103", "FS104", "FS201", "FS301", "FS302", "FS401", "FS402"} <= set(rules)
    assert rules["FS102"]["severity"] == "violation" and rules["FS102"]["enabled"] is True
    assert "品牌" in rules["FS102"]["basis"]["quote"]
    assert rules["FS101"]["basis"]["quote"].startswith("招标活动允许招标单位推荐3个以上品牌的")


CATALOG_CSV = ("产品名称,型号规格,生产企业,品牌,产品类别,级别,列入日期,来源\n"
               "磁悬浮变频离心式冷水机组,XYZ-1000,浙江测试制冷设备有限公司,测试冷,冷水机组,省内首台套,2025-06-01,测试目录\n")


def test_catalog_replace_is_admin_only(env):
    c = env["client"]
    assert_error_shape(c.put("/v1/catalog", headers=A, files={"file": ("c.csv", CATALOG_CSV.encode())}), 403, "forbidden")
    resp = c.put("/v1/catalog", headers=ADMIN, files={"file": ("目录2026.csv", CATALOG_CSV.encode())})
    assert resp.status_code == 200, resp.text
    assert resp.json()["rows"] == 1
    current = c.get("/v1/catalog", headers=A).json()
    assert current["rows"] == 1 and current["name"] == "目录2026.csv" and current["sample"] is False
    assert current["path"] == "目录2026.csv" and current["warning"] is None  # its name, not the server's path
    report = c.post("/v1/scan", headers=A, files={"file": ("t.pdf", env["pdf"].read_bytes())}).json()
    assert report["catalog"]["name"] == "目录2026.csv" and report["catalog"]["sha256"] == current["sha256"]
    resp = c.put("/v1/catalog", headers=ADMIN, files={"file": ("c.csv", b"")})
    assert resp.status_code == 422 and resp.json()["error"]["code"]
    assert c.get("/v1/catalog", headers=A).json()["rows"] == 1  # a rejected catalog changes nothing


# -- the self-check page ----------------------------------------------------------------------

def test_page_is_chinese_and_needs_no_key(env):
    resp = env["client"].get("/")
    assert resp.status_code == 200 and 'lang="zh-CN"' in resp.text and "开始检查" in resp.text


def test_page_check_keeps_nothing(env):
    c = env["client"]
    store = JobStore(env["settings"].db_url)
    jobs_before = len(store.jobs("tenant-a", 1000, 0)) + len(store.jobs("tenant-b", 1000, 0))
    resp = c.post("/check", files={"file": ("机密草稿.pdf", env["pdf"].read_bytes())})
    assert resp.status_code == 200 and "机密草稿.pdf" in resp.text
    assert resp.headers["cache-control"] == "no-store"
    assert len(store.jobs("tenant-a", 1000, 0)) + len(store.jobs("tenant-b", 1000, 0)) == jobs_before
    assert not [p for p in env["settings"].uploads.rglob("*") if p.is_file()]
    assert_error_shape(c.post("/check", files={"file": ("x.pdf", EXE)}), 415, "unsupported_media_type")


def test_page_is_rate_limited(env):
    c = env["client"]
    codes = [c.post("/check", files={"file": ("x.pdf", EXE)}).status_code for _ in range(PAGE_RATE + 2)]
    assert 429 in codes
    assert_error_shape(c.post("/check", files={"file": ("x.pdf", EXE)}), 429, "too_many_requests")


# -- the store and the keys, directly ---------------------------------------------------------

def test_a_database_from_before_per_job_ocr_takes_jobs_with_it(tmp_path):
    """An upgrade needs no migration step: the jobs table of an older server gains the ``ocr`` column,
    its queued jobs keep the server's mode, and new jobs keep theirs through a claim."""
    import sqlite3

    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    store = JobStore(url)
    old_job = store.create_job("t", [NewFile("old.pdf", "/x/old")], None)
    store.close()
    with sqlite3.connect(tmp_path / "jobs.db") as db:  # as a database made before the column was
        db.execute("ALTER TABLE jobs DROP COLUMN ocr")
    store = JobStore(url)
    new_job = store.create_job("t", [NewFile("new.pdf", "/x/new")], None, ocr="force")
    assert [(c.job_id, c.ocr) for c in store.claim(5)] == [(old_job, None), (new_job, "force")]
    assert store.job(old_job, "t").ocr is None and store.job(new_job, "t").ocr == "force"


def test_a_jobs_status_shows_each_files_counts_from_its_brief_and_from_reports_stored_before_briefs(tmp_path):
    """The status reads each file's brief (error, counts, what waivers match by), not its report; a
    report stored by a server from before briefs has none, and its counts still show (upgrade)."""
    import sqlite3

    from checker.waivers import apply_waivers_to_dict, parse_waivers

    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    store = JobStore(url)
    job_id = store.create_job("t", [NewFile(f"{n}.pdf", f"/x/{n}") for n in "abcd"], None)
    finding = {"rule": "FS101", "severity": "violation", "fingerprint": "FS101-abc", "item": "电梯",
               "message": "…" * 1000, "evidence": [{"page": 1, "text": "推荐品牌：甲、乙、丙", "bbox": [1, 2, 3, 4]}]}
    reports = [{"file": "a.pdf", "error": None, "summary": {"violation": 1, "warning": 0, "info": 0},
                "findings": [finding], "facts": "…" * 10000},
               {"file": "b.pdf", "error": {"code": "corrupt_pdf", "message": "PDF 文件损坏"}, "summary": {}, "findings": []}]
    claims = store.claim(5)
    for claim, report in zip(claims, reports):
        assert store.complete(claim, report)
    store.close()
    with sqlite3.connect(tmp_path / "jobs.db") as db:  # as a database made before the column was
        db.execute("ALTER TABLE job_files DROP COLUMN brief")
    store = JobStore(url)  # gains the column back, empty
    assert store.complete(claims[2], {**reports[0], "file": "c.pdf"})  # stored with its brief
    with sqlite3.connect(tmp_path / "jobs.db") as db:  # d.pdf finished by a worker still on the older version
        db.execute("UPDATE job_files SET state = 'done', report = ? WHERE idx = 3", (json.dumps(reports[0]),))
    files = store.job(job_id, "t", "brief").files
    assert [f.report["summary"] for f in files] == [reports[0]["summary"], {}, reports[0]["summary"], reports[0]["summary"]]
    assert files[1].report["error"]["code"] == "corrupt_pdf"
    assert "facts" in files[0].report and "facts" not in files[2].report  # the old row's whole report, the new one's brief
    for entry in ('rule = "FS101"\nquote = "甲、乙、丙"', 'fingerprint = "FS101-abc"', 'rule = "FS101"\nitem = "电梯"'):
        waivers = parse_waivers(f'[[waiver]]\n{entry}\nreason = "已论证"\n', "waivers.toml")
        for f in files[::2]:  # a waiver counts the same over a brief as over the whole report
            assert apply_waivers_to_dict(f.report, waivers)["summary"] == apply_waivers_to_dict(reports[0], waivers)["summary"]
            assert apply_waivers_to_dict(f.report, waivers)["summary"]["violation"] == 0, entry


def test_a_jobs_summary_page_is_the_same_from_briefs_as_from_whole_reports():
    from types import SimpleNamespace

    from api.render import render_batch
    from api.store import brief_of
    from api.waivers import waive
    from checker.engine import Engine
    from checker.waivers import parse_waivers

    report = Engine().scan(ROOT / "examples" / "示例招标文件.pdf").to_dict()
    assert len(report["findings"]) > 3 and report["catalog"]
    broken = {"file": "b.pdf", "error": {"code": "corrupt_pdf", "message": "PDF 文件损坏"}, "summary": {}, "findings": []}
    job = SimpleNamespace(id="j1", total=3, created_at=datetime(2026, 12, 3), state="running",
                          counts={"queued": 1, "running": 0, "done": 1, "error": 1})
    rule = report["findings"][1]["rule"]
    shown = []
    for waivers in (None, parse_waivers(f'[[waiver]]\nrule = "{rule}"\nquote = "{report["findings"][1]["evidence"][0]["text"][:6]}"\n'
                                        'reason = "已论证"\n', "w.toml")):
        pages = [render_batch(job, [(0, "a.pdf", "done", waive(r, waivers)), (1, "b.pdf", "error", waive(b, waivers)),
                                    (2, "c.pdf", "queued", None)])
                 for r, b in ((report, broken), (brief_of(report), brief_of(broken)))]
        assert pages[0] == pages[1]
        assert report["findings"][0]["message"] in pages[0] and "PDF 文件损坏" in pages[0]
        shown.append(pages[0])
    assert shown[0] != shown[1]  # the waiver took a finding out of the counts


def test_results_of_a_job_longer_than_a_chunk_come_whole_in_order_paged_and_waived(tmp_path):
    # The answer is written a few reports at a time (api/routes/jobs.py): it must still be every
    # file once, in order, as stored, waived where the job has waivers, and pages must join up.
    from api.routes.jobs import RESULTS_CHUNK

    settings = ApiSettings(data_dir=tmp_path / "data", workers=1, dispatch=False, api_keys=f"tenant-a:{KEY_A}")
    n = RESULTS_CHUNK * 2 + 5
    finding = {"rule": "FS101", "severity": "violation", "fingerprint": "FS101-1", "message": "推荐品牌均非首台套产品",
               "evidence": [{"page": 1, "text": "推荐品牌：甲、乙、丙"}]}
    with TestClient(create_app(settings)) as client:
        store = client.app.state.store
        files = [NewFile(f"{i:02d}-招标文件.pdf", f"/x/{i}", f"c{i}") for i in range(n)]
        plain = store.create_job("tenant-a", files, None)
        waived = store.create_job("tenant-a", files, None, waivers='[[waiver]]\nrule = "FS101"\nquote = "甲、乙"\nreason = "已论证"\n')
        for claim in store.claim(2 * n):
            if claim.idx != n - 1:  # the last file of each job is still being scanned
                store.complete(claim, {"file": claim.name, "error": None, "findings": [finding],
                                       "summary": {"violation": 1, "warning": 0, "info": 0}, "note": f"第{claim.idx}份"})
        for job_id, violations in ((plain, 1), (waived, 0)):
            answer = client.get(f"/v1/jobs/{job_id}/results", headers={"Authorization": f"Bearer {KEY_A}"})
            assert answer.headers["content-type"] == "application/json"
            assert ", " not in answer.text and "推荐品牌均非首台套产品" in answer.text  # compact, Chinese as it is
            body = answer.json()
            assert body["job_id"] == job_id and body["state"] == "running" and body["total"] == n and body["offset"] == 0
            results = body["results"]
            assert [r["index"] for r in results] == list(range(n))
            assert [(r["file"], r["client_id"]) for r in results] == [(f.name, f.client_id) for f in files]
            assert results[-1]["state"] == "running" and results[-1]["report"] is None
            assert all(r["report"]["note"] == f"第{r['index']}份" for r in results[:-1])
            assert {r["report"]["summary"]["violation"] for r in results[:-1]} == {violations}
            paged = [r for start in range(0, n, 7) for r in client.get(
                f"/v1/jobs/{job_id}/results?offset={start}&limit=7", headers={"Authorization": f"Bearer {KEY_A}"}).json()["results"]]
            assert paged == results


def test_result_is_stored_exactly_once(tmp_path):
    store = JobStore(f"sqlite:///{tmp_path / 'jobs.db'}")
    job_id = store.create_job("t", [NewFile("a.pdf", "/x/a"), NewFile("b.pdf", "/x/b")], None)
    first = store.claim(5)
    assert [c.idx for c in first] == [0, 1] and store.claim(5) == []
    assert store.complete(first[0], {"error": None, "summary": {}}) is True
    assert store.complete(first[0], {"error": None, "summary": {}}) is False      # delivered twice
    assert store.requeue_stale(3600) == 0                                         # still within its lease
    assert store.requeue_stale(0) == 1                                            # its dispatcher is gone
    again = store.claim(5)
    assert [(c.idx, c.attempt) for c in again] == [(1, 2)]
    assert store.complete(first[1], {"error": None}) is False                      # the abandoned attempt
    assert store.complete(again[0], {"error": {"code": "corrupt_pdf"}}) is True
    job = store.job(job_id, "t")
    assert job.state == "done" and job.counts["done"] == 1 and job.counts["error"] == 1 and job.finished_at
    assert store.job(job_id, "someone-else") is None


def test_keys_file_with_hashed_keys(tmp_path):
    keys = tmp_path / "keys.yaml"
    keys.write_text("tenants:\n  - id: bureau\n    admin: true\n"
                    f"    keys: ['sha256:{hashlib.sha256(b's3cret').hexdigest()}']\n", encoding="utf-8")
    store = KeyStore.load(keys, "other:plain")
    assert store.lookup("s3cret").id == "bureau" and store.lookup("s3cret").admin
    assert store.lookup("plain").id == "other" and store.lookup("nope") is None


@pytest.mark.parametrize("content", ["tenants: 3\n", "tenants:\n  - id: x\n", "- just a list\n", "tenants: [{id: a, keys: ['']}]"])
def test_broken_keys_file_fails_loudly_naming_the_file(tmp_path, content):
    keys = tmp_path / "keys.yaml"
    keys.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        KeyStore.load(keys, None)
    assert "keys.yaml" in err.value.message


@pytest.mark.parametrize(("keys_yaml", "inline", "where"), [
    ("tenants: [{id: a, keys: ['密钥2026']}]", None, "keys.yaml"),
    (None, "bureau:key with space", "TENDERCHECK_API_KEYS entry 1"),
    (None, "ok:fine,bureau:钥匙", "TENDERCHECK_API_KEYS entry 2"),
])
def test_a_key_no_client_could_send_is_refused_at_start(tmp_path, keys_yaml, inline, where):
    keys = None
    if keys_yaml:
        keys = tmp_path / "keys.yaml"
        keys.write_text(keys_yaml, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        KeyStore.load(keys, inline)
    assert "ASCII" in err.value.message and where in err.value.message


def test_upload_folders_that_never_became_jobs_are_swept_and_real_ones_kept(tmp_path):
    from api.dispatcher import sweep_orphans

    settings = ApiSettings(data_dir=tmp_path)
    store = JobStore(settings.db_url)
    real = store.create_job("t", [NewFile("a.pdf", "x")], None)
    for name in (real, "deadbeef" * 4):
        (settings.uploads / "jobs" / name).mkdir(parents=True)
        (settings.uploads / "jobs" / name / "00000.pdf").write_bytes(b"%PDF-")
    assert sweep_orphans(settings, store, min_age_s=3600) == 0          # too young: may still be arriving
    assert sweep_orphans(settings, store, min_age_s=-1) == 1
    assert [d.name for d in (settings.uploads / "jobs").iterdir()] == [real]


def test_retention_keeps_scanned_uploads_then_sweeps_them(tmp_path, env):
    from api.dispatcher import sweep_retained

    settings = ApiSettings(data_dir=tmp_path, workers=1, retention_hours=1, api_keys=f"tenant-a:{KEY_A}")
    with TestClient(create_app(settings)) as c:
        assert c.post("/v1/scan", headers=A, files={"file": ("a.pdf", env["pdf"].read_bytes())}).status_code == 200
        job_id = c.post("/v1/jobs", headers=A, files=[("files", ("b.pdf", env["pdf"].read_bytes()))]).json()["id"]
        wait_done(c, job_id, A)
        c.post("/check", files={"file": ("page.pdf", env["pdf"].read_bytes())})  # the page never retains
    kept = sorted(p for p in (settings.uploads / "retained").rglob("*") if p.is_file())
    assert len(kept) == 2 and all(p.read_bytes() == env["pdf"].read_bytes() for p in kept)
    assert sweep_retained(settings) == 0
    for p in kept:
        os.utime(p, (time.time() - 2 * 3600,) * 2)
    assert sweep_retained(settings) == 2


def test_openapi_docs_with_examples_and_bearer_auth(env):
    c = env["client"]
    assert c.get("/docs").status_code == 200
    spec = c.get("/openapi.json").json()
    assert {"/v1/scan", "/v1/jobs", "/v1/jobs/{job_id}", "/v1/jobs/{job_id}/results", "/v1/jobs/{job_id}/report.html",
            "/v1/rules", "/v1/catalog"} <= set(spec["paths"])
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    scan_200 = spec["paths"]["/v1/scan"]["post"]["responses"]["200"]["content"]["application/json"]
    assert scan_200["example"]["schema"] == "tendercheck.report/1"
    # the report's fields are documented, from its model: for /v1/scan and for a job's results
    schemas = spec["components"]["schemas"]
    assert scan_200["schema"]["$ref"] == "#/components/schemas/Report"
    assert {"procurement_method", "brand_lists", "findings", "summary"} <= set(schemas["Report"]["properties"])
    assert {"$ref": "#/components/schemas/Report"} in schemas["ResultOut"]["properties"]["report"]["anyOf"]
    assert spec["components"]["schemas"]["JobOut"]["examples"][0]["state"] == "running"
    assert spec["paths"]["/v1/jobs"]["post"]["responses"]["413"]["content"]["application/json"]["schema"]["$ref"] \
        .endswith("/ErrorOut")


def test_a_file_whose_pool_broke_goes_back_to_the_queue_uncounted(tmp_path):
    store = JobStore(f"sqlite:///{tmp_path / 'jobs.db'}")
    job_id = store.create_job("t", [NewFile("a.pdf", "/x/a")], None)
    claim = store.claim(1)[0]
    assert store.release(claim) is True and store.release(claim) is False
    again = store.claim(1)[0]
    assert again.attempt == claim.attempt
    assert store.complete(again, {"error": None}) is True
    assert store.job(job_id, "t").counts["done"] == 1
