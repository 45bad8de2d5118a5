"""A throwaway PostgreSQL server for tests: its own cluster in a temp folder, on a Unix socket.

Uses the machine's PostgreSQL binaries (Debian: ``apt-get install postgresql``; ``.ci/run``
installs them). As root, the cluster runs as the ``postgres`` user, since PostgreSQL refuses
to run as root. Without the binaries, or without the psycopg driver, the caller is told why.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


class Unavailable(RuntimeError):
    pass


def _bindir() -> Path:
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(d) / "initdb").is_file():
            return Path(d)
    raise Unavailable("PostgreSQL is not installed (apt-get install postgresql)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self) -> None:
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:
            raise Unavailable("the psycopg driver is not installed (pip install 'tendercheck[postgres]')") from exc
        self.bindir = _bindir()
        self.root = Path(tempfile.mkdtemp(prefix="tc-pg-", dir="/tmp"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            os.chmod(self.root, 0o755)
            shutil.chown(self.root, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "tc", "-E", "UTF8", "--no-sync")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-o",
                  f"-k {self.root} -p {self.port} -c listen_addresses='' -c fsync=off", "start")
        self.url = f"postgresql+psycopg://tc@/postgres?host={self.root}&port={self.port}"

    def _run(self, tool: str, *args: str) -> None:
        proc = subprocess.run([*self.as_user, str(self.bindir / tool), *args], capture_output=True, text=True,
                              timeout=120, check=False)
        if proc.returncode != 0:
            raise Unavailable(f"{tool} failed: {proc.stdout}{proc.stderr}")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
