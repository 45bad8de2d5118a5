"""What a batch job costs an API server: its wall time and the server process's own CPU.

    python bench/api_jobs.py [--files 8] [--pages 300] [--poll 0.2] [--runs 2] [--against GITREF]

Starts ``tendercheck serve`` (two scan workers) on a free local port, submits one job of ``--files``
generated tenders (``bench/make_tender.py``) to ``POST /v1/jobs`` and polls ``GET /v1/jobs/{id}``
every ``--poll`` seconds until every file is done, as a platform would; then reads the results once
(timed, and the server's peak memory read after).
The server's CPU (user + system, from /proc, its scan workers and their children not counted) is what
one server process can spare for requests: with it, how many jobs one server can carry. With
``--against``, the same job is run by another commit's code (a git work tree under bench/out/), the
two alternating run by run; the ratios are the medians of each run's own ratios.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
KEY = "bench-key"
HEADERS = {"Authorization": f"Bearer {KEY}"}
WARM_S = 3.0  # the workers load the engine at start: not the job's cost


def server_cpu_s(pid: int) -> float:
    """User + system CPU of the process itself (fields 14 and 15 of /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_peak_mb(pid: int) -> float:
    """The server process's peak resident memory so far (VmHWM)."""
    line = next(ln for ln in Path(f"/proc/{pid}/status").read_text().splitlines() if ln.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def run_job(code: Path, files: list[tuple[str, bytes]], poll_s: float, data_dir: Path,
            ) -> tuple[float, float, int, float, float]:
    """One server from ``code``, one job: wall from POST to the last file done, server CPU meanwhile,
    the results' bytes, the time to fetch them, and the server's peak memory by then."""
    from bench.api_first_request import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "TENDERCHECK_DATA_DIR": str(data_dir), "TENDERCHECK_API_KEYS": f"b:{KEY}",
           "TENDERCHECK_WORKERS": "2"}
    server = subprocess.Popen([sys.executable, "-m", "checker", "serve", "--host", "127.0.0.1", "--port", str(port)],
                              cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if server.poll() is not None:
                raise SystemExit(f"the server of {code} exited")
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        time.sleep(WARM_S)
        cpu = server_cpu_s(server.pid)
        started = time.perf_counter()
        job = httpx.post(f"{url}/v1/jobs", headers=HEADERS, files=[("files", f) for f in files], timeout=300)
        job.raise_for_status()
        status = f"{url}/v1/jobs/{job.json()['id']}"
        while True:
            counts = httpx.get(status, headers=HEADERS, timeout=60).json()["counts"]
            if counts["done"] + counts["error"] == len(files):
                break
            time.sleep(poll_s)
        wall, cpu = time.perf_counter() - started, server_cpu_s(server.pid) - cpu
        fetch = time.perf_counter()
        results = httpx.get(f"{status}/results", headers=HEADERS, timeout=300)
        results.raise_for_status()
        fetch = time.perf_counter() - fetch
        return wall, cpu, len(results.content), fetch, server_peak_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=8)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--poll", type=float, default=0.2, help="seconds between status requests")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--against", help="another commit's code to run the same job with, alternating")
    args = ap.parse_args(argv)
    from bench.make_tender import make_tender
    from bench.run import OUT, checkout_at

    OUT.mkdir(exist_ok=True)
    pdf = OUT / f"jobs_{args.pages}p.pdf"
    if not pdf.is_file():
        make_tender(args.pages, 1, pdf)
    files = [(f"{k:03d}.pdf", pdf.read_bytes()) for k in range(args.files)]
    codes = {"this": ROOT} | ({args.against: checkout_at(args.against)} if args.against else {})
    seen: dict[str, list[tuple[float, float, int, float, float]]] = {name: [] for name in codes}
    for _ in range(args.runs):
        for name, code in codes.items():
            with tempfile.TemporaryDirectory() as tmp:
                seen[name].append(run_job(code, files, args.poll, Path(tmp)))
    print(f"machine: {os.cpu_count()} cores; a job of {args.files} × {args.pages}-page tenders, status polled every "
          f"{args.poll}s, 2 scan workers")
    for name, runs in seen.items():
        print(f"{name}: wall " + ", ".join(f"{r[0]:.1f}s" for r in runs) + "; server CPU "
              + ", ".join(f"{r[1]:.2f}s" for r in runs) + f"; results {runs[0][2] / 1e6:.1f} MB fetched in "
              + ", ".join(f"{r[3]:.2f}s" for r in runs) + "; server peak RSS " + ", ".join(f"{r[4]:.0f} MB" for r in runs))
    if args.against:
        mine, old = seen["this"], seen[args.against]
        print(f"{args.against} / this: wall {statistics.median(o[0] / m[0] for o, m in zip(old, mine)):.2f}×, "
              f"server CPU {statistics.median(o[1] / m[1] for o, m in zip(old, mine)):.2f}×, "
              f"fetching the results {statistics.median(o[3] / m[3] for o, m in zip(old, mine)):.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
