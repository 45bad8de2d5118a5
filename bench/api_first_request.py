"""Is an API server's first scan as fast as its tenth? (issue 16: workers warmed at start)

    python bench/api_first_request.py [--pages 20] [--requests 10]

Starts ``tendercheck serve`` on a free local port, waits until it answers, then sends
``--requests`` generated tenders of the same size (different texts, as a platform would) to
``POST /v1/scan`` one after another, and prints each time and the first over the median of the rest.
"""
from __future__ import annotations

import argparse
import os
import socket
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--requests", type=int, default=10)
    args = ap.parse_args(argv)
    from bench.make_tender import make_tender

    with tempfile.TemporaryDirectory() as tmp:
        pdfs = [Path(tmp) / f"tender{k}.pdf" for k in range(args.requests)]
        for k, pdf in enumerate(pdfs):
            make_tender(args.pages, 100 + k, pdf)
        port = free_port()
        env = {**os.environ, "TENDERCHECK_DATA_DIR": str(Path(tmp) / "data"), "TENDERCHECK_API_KEYS": f"b:{KEY}"}
        started = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "checker", "serve", "--host", "127.0.0.1", "--port", str(port)],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            while True:
                if server.poll() is not None:
                    print("the server exited", file=sys.stderr)
                    return 2
                try:
                    if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            ready_s = time.perf_counter() - started
            times = []
            for pdf in pdfs:
                body = pdf.read_bytes()
                t = time.perf_counter()
                resp = httpx.post(f"{url}/v1/scan", headers={"Authorization": f"Bearer {KEY}"},
                                  files={"file": ("tender.pdf", body)}, timeout=300)
                times.append(time.perf_counter() - t)
                resp.raise_for_status()
        finally:
            server.terminate()
            server.wait(timeout=30)
    rest = statistics.median(times[1:])
    print(f"machine: {os.cpu_count()} cores; server ready after {ready_s:.2f}s; {args.pages}-page tender")
    print("requests: " + " ".join(f"{t:.3f}s" for t in times))
    print(f"first / median of the rest: {times[0] / rest:.2f} (first {times[0]:.3f}s, tenth {times[-1]:.3f}s, "
          f"tenth/first {times[-1] / times[0]:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
