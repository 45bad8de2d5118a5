"""The re-check loop over HTTP, against ``tendercheck serve`` running as a real process:
``POST /v1/diff`` (drafts or earlier reports), waivers per scan and per job."""
from __future__ import annotations

import json
import time

import httpx
import pytest
from recheck_docs import CATALOG_ENV, draft
from test_api_server import AUTH, Server

from checker.schema import validate_diff, validate_report

ELEVATOR, DESKS = "医用病床电梯", "办公桌椅"
PDF = "application/pdf"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("data")
    s = Server(data, **CATALOG_ENV).start()
    yield s
    s.close()


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    d = tmp_path_factory.mktemp("drafts")
    return {"v1": draft(d / "v1.pdf").read_bytes(),
            "v2": draft(d / "v2.pdf", revised=True, fix_elevator=True, add_desks=True, budget="420万元").read_bytes()}


def scan(server: Server, pdf: bytes, **data: str) -> httpx.Response:
    return httpx.post(f"{server.url}/v1/scan", headers=AUTH, files={"file": ("初稿.pdf", pdf, PDF)}, data=data,
                      timeout=120)


def pairs(findings: list[dict]) -> set[tuple[str, str | None]]:
    return {(f["rule"], f["item"]) for f in findings}


def test_diff_endpoint_pairs_two_drafts_and_a_kept_report_with_a_draft(server: Server, drafts: dict[str, bytes]) -> None:
    resp = httpx.post(f"{server.url}/v1/diff", headers=AUTH, timeout=120, files={
        "old": ("初稿.pdf", drafts["v1"], PDF), "new": ("修改稿.pdf", drafts["v2"], PDF)})
    assert resp.status_code == 200, resp.text
    diff = resp.json()
    validate_diff(diff)
    assert pairs(diff["findings"]["fixed"]) == {("FS102", ELEVATOR), ("FS103", ELEVATOR)}
    assert pairs(diff["findings"]["new"]) == {("FS102", DESKS), ("FS103", DESKS)}
    assert [b["item"] for b in diff["facts"]["brand_lists"]["added"]] == [DESKS]

    # The platform kept the first draft's report: the old side may be that JSON.
    old_report = scan(server, drafts["v1"]).json()
    again = httpx.post(f"{server.url}/v1/diff?format=html", headers=AUTH, timeout=120, files={
        "old": ("初稿.json", json.dumps(old_report, ensure_ascii=False).encode(), "application/json"),
        "new": ("修改稿.pdf", drafts["v2"], PDF)})
    assert again.status_code == 200 and again.headers["content-type"].startswith("text/html")
    assert "两版招标文件比对报告" in again.text and "办公桌椅" in again.text


def test_diff_endpoint_needs_a_key_and_refuses_what_is_neither_draft_nor_report(server: Server,
                                                                                drafts: dict[str, bytes]) -> None:
    files = {"old": ("a.pdf", drafts["v1"], PDF), "new": ("b.pdf", drafts["v2"], PDF)}
    assert httpx.post(f"{server.url}/v1/diff", files=files, timeout=60).status_code == 401
    bad = httpx.post(f"{server.url}/v1/diff", headers=AUTH, timeout=60, files={
        "old": ("notes.txt", "随便写的文字".encode(), "text/plain"), "new": ("b.pdf", drafts["v2"], PDF)})
    assert bad.status_code == 415 and bad.json()["error"]["code"] == "unsupported_media_type"


def test_waivers_per_scan(server: Server, drafts: dict[str, bytes]) -> None:
    plain = scan(server, drafts["v1"]).json()
    target = next(f for f in plain["findings"] if f["rule"] == "FS102")
    waivers = f'[[waiver]]\nfingerprint = "{target["fingerprint"]}"\nreason = "与既有电梯统一维保"\n'
    report = scan(server, drafts["v1"], waivers=waivers).json()
    validate_report(report)
    assert [f["fingerprint"] for f in report["findings"] if f["waiver"]] == [target["fingerprint"]]
    assert report["summary"]["violation"] == plain["summary"]["violation"] - 1
    broken = scan(server, drafts["v1"], waivers='[[waiver]]\nfingerprint = "FS102-0123456789abcdef"\n')
    assert broken.status_code == 422 and "reason" in broken.json()["error"]["message"]


def test_waivers_per_job_apply_to_status_results_and_summary_page(server: Server, drafts: dict[str, bytes]) -> None:
    waivers = "waivers:\n  - rule: FS102\n    item: 医用病床电梯\n    reason: 与既有电梯统一维保\n    who: 张三\n"
    resp = httpx.post(f"{server.url}/v1/jobs", headers=AUTH, timeout=60, data={"waivers": waivers},
                      files=[("files", ("初稿.pdf", drafts["v1"], PDF)), ("files", ("修改稿.pdf", drafts["v2"], PDF))])
    assert resp.status_code == 202, resp.text
    job = resp.json()["id"]
    deadline = time.monotonic() + 120
    while httpx.get(f"{server.url}/v1/jobs/{job}", headers=AUTH, timeout=10).json()["state"] != "done":
        assert time.monotonic() < deadline, "job did not finish"
        time.sleep(0.2)
    results = httpx.get(f"{server.url}/v1/jobs/{job}/results", headers=AUTH, timeout=10).json()["results"]
    first, second = (r["report"] for r in results)
    assert pairs(f for f in first["findings"] if f["waiver"]) == {("FS102", ELEVATOR)}
    assert first["waivers"]["waived"] == 1 and first["summary"]["violation"] == 1  # FS101 remains
    # The revision fixed the elevator: the waiver matches nothing there and says so.
    assert second["waivers"]["waived"] == 0 and [w["entry"] for w in second["waivers"]["unmatched"]] == [1]
    status = httpx.get(f"{server.url}/v1/jobs/{job}", headers=AUTH, timeout=10).json()
    assert status["files"][0]["summary"] == first["summary"]
    rejected = httpx.post(f"{server.url}/v1/jobs", headers=AUTH, timeout=60, data={"waivers": "waivers: 3"},
                          files=[("files", ("a.pdf", drafts["v1"], PDF))])
    assert rejected.status_code == 422


def test_a_scan_against_a_baseline_reports_only_new_findings(server: Server, drafts: dict[str, bytes]) -> None:
    # A platform re-scanning an amended tender sends the report it kept of the first version.
    kept = scan(server, drafts["v1"]).json()
    amended = scan(server, drafts["v2"]).json()
    since = scan(server, drafts["v2"], baseline=json.dumps(kept, ensure_ascii=False)).json()
    validate_report(since)
    old = {f["fingerprint"] for f in kept["findings"]}
    assert pairs(since["findings"]) == {("FS102", DESKS), ("FS103", DESKS)}  # the desks' list is new
    assert {f["fingerprint"] for f in since["findings"]} == {f["fingerprint"] for f in amended["findings"]} - old
    assert since["baseline"]["suppressed"] == len(amended["findings"]) - len(since["findings"]) > 0
    html = httpx.post(f"{server.url}/v1/scan?format=html", headers=AUTH, timeout=120,
                      files={"file": ("修改稿.pdf", drafts["v2"], PDF)},
                      data={"baseline": json.dumps(kept, ensure_ascii=False)})
    assert html.status_code == 200 and DESKS in html.text
    for broken in ("不是报告", json.dumps({"schema": "other/1"}), json.dumps({**kept, "findings": [{"rule": "FS102"}]})):
        refused = scan(server, drafts["v2"], baseline=broken)
        assert refused.status_code == 422, refused.text  # before any scanning, saying what is wrong
        assert "baseline" in refused.json()["error"]["message"], refused.text
