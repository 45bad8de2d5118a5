"""A throwaway Redis server for tests: the machine's ``redis-server`` on a free loopback port,
without persistence, so a restart comes back empty (a broker that lost everything).

Debian: ``apt-get install redis-server`` (``.ci/run`` installs it; the packaged service is not used).
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from pgserver import Unavailable, _free_port

START_TIMEOUT_S = 30.0


class RedisServer:
    def __init__(self) -> None:
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise Unavailable("redis-server is not installed (apt-get install redis-server)")
        self.root = Path(tempfile.mkdtemp(prefix="tc-redis-", dir="/tmp"))
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        self.proc = subprocess.Popen([self.binary or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                                      "--save", "", "--appendonly", "no", "--dir", str(self.root),
                                      "--logfile", str(self.root / "log")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        import redis

        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise Unavailable(f"redis-server did not start: {(self.root / 'log').read_text(errors='replace')}")
                time.sleep(0.05)

    def kill(self) -> None:
        """Gone at once, with everything it held (no persistence)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def restart(self) -> None:
        self.kill()
        self.start()

    def stop(self) -> None:
        self.kill()
        shutil.rmtree(self.root, ignore_errors=True)
