"""Celery scale-out on this machine: throughput of one vs two workers, and the latency Celery adds.

    python bench/celery_scale.py [--files 40] [--pages 20] [--latency-runs 5]

Starts what the tests start (tests/redisserver.py, tests/pgserver.py, a ``tendercheck serve``
with ``TENDERCHECK_BROKER_URL``, ``tendercheck worker`` processes with one scan process each)
and measures, on generated tenders (bench/make_tender.py, cached in bench/out/):

- throughput: a ``--files`` job through one worker, then through two; files/s from the moment the
  job is accepted (workers already up and idle) to its last report, and the ratio;
- latency: a one-file job from POST to its report, through Celery and through the embedded pool
  (``tendercheck serve`` alone, SQLite), the median of ``--latency-runs``.

The database is PostgreSQL when the machine has it (what several machines share), else SQLite.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pgserver import PostgresServer, Unavailable
from redisserver import RedisServer
from test_api_scaleout import Worker
from test_api_server import AUTH, Server

OUT = ROOT / "bench" / "out"
POLL_S = 0.01


def tenders(n: int, pages: int) -> list[tuple[str, bytes]]:
    from bench.make_tender import make_tender

    folder = OUT / "celery"
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(n):
        path = folder / f"tender_{pages}p_{k}.pdf"
        if not path.exists():
            make_tender(pages, 2000 + k, path)
        out.append((path.name, path.read_bytes()))
    return out


def run_job(url: str, files: list[tuple[str, bytes]]) -> float:
    """Seconds from the job's acceptance to its last report."""
    resp = httpx.post(f"{url}/v1/jobs", headers=AUTH, timeout=120,
                      files=[("files", (n, b, "application/pdf")) for n, b in files])
    resp.raise_for_status()
    accepted = time.perf_counter()
    job = resp.json()["id"]
    with httpx.Client(headers=AUTH, timeout=30) as c:
        while True:
            counts = c.get(f"{url}/v1/jobs/{job}").json()["counts"]
            if counts["done"] + counts["error"] == len(files):
                done = time.perf_counter()
                assert counts["error"] == 0, counts
                return done - accepted
            time.sleep(POLL_S)


def post_to_report(url: str, one: tuple[str, bytes], runs: int) -> float:
    """Median seconds from POSTing a one-file job to its report being readable."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        resp = httpx.post(f"{url}/v1/jobs", headers=AUTH, timeout=60, files=[("files", (one[0], one[1], "application/pdf"))])
        job = resp.json()["id"]
        while httpx.get(f"{url}/v1/jobs/{job}", headers=AUTH, timeout=30).json()["state"] != "done":
            time.sleep(POLL_S)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def with_celery(root: Path, body: Callable[[Server, Callable[[], Worker]], None]) -> None:
    redis = RedisServer()
    try:
        pg: PostgresServer | None = PostgresServer()
    except Unavailable:
        pg = None
    api = root / "api"
    api.mkdir()
    db = pg.url if pg else f"sqlite:///{api / 'tendercheck.db'}"
    env = {"TENDERCHECK_BROKER_URL": redis.url, "TENDERCHECK_DATABASE_URL": db}
    server = Server(api, **env)
    workers: list[Worker] = []

    def worker() -> Worker:
        home = root / f"worker-{len(workers) + 1}"
        home.mkdir()
        workers.append(Worker(home, len(workers) + 1, env).wait_ready())
        return workers[-1]

    try:
        server.start()
        body(server, worker)
    finally:
        for w in workers:
            w.close()
        server.close()
        redis.stop()
        if pg is not None:
            pg.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--latency-runs", type=int, default=5)
    args = ap.parse_args()
    files = tenders(args.files, args.pages)
    results: dict[str, float] = {}

    def measure(server: Server, worker: Callable[[], Worker]) -> None:
        worker()
        post_to_report(server.url, files[0], 1)  # warm: the child's first scan loads what it loads lazily
        results["one_worker_s"] = run_job(server.url, files)
        results["celery_one_file_latency_s"] = post_to_report(server.url, files[0], args.latency_runs)
        worker()
        post_to_report(server.url, files[0], 2)
        results["two_workers_s"] = run_job(server.url, files)

    with tempfile.TemporaryDirectory(prefix="tc-bench-") as tmp:
        with_celery(Path(tmp), measure)
    with tempfile.TemporaryDirectory(prefix="tc-bench-") as tmp:
        (Path(tmp) / "data").mkdir()
        server = Server(Path(tmp) / "data").start()  # the embedded default, one scan process
        try:
            post_to_report(server.url, files[0], 1)
            results["embedded_one_file_latency_s"] = post_to_report(server.url, files[0], args.latency_runs)
        finally:
            server.close()

    one, two = args.files / results["one_worker_s"], args.files / results["two_workers_s"]
    summary = {"files": args.files, "pages_per_file": args.pages, **{k: round(v, 3) for k, v in results.items()},
               "one_worker_files_per_s": round(one, 2), "two_workers_files_per_s": round(two, 2),
               "ratio": round(two / one, 2),
               "added_latency_s": round(results["celery_one_file_latency_s"] - results["embedded_one_file_latency_s"], 3)}
    print(json.dumps(summary, indent=2))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "celery_scale.json").write_text(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
