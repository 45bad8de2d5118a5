"""The data folder: private, checked at start, and a scratch folder that a crash cannot leave behind.

Uploads and the database quote confidential drafts, so every folder we make is 0700 and every
file 0600, whatever the umask; existing installs are tightened at start. An unusable folder or a
database that is not one stops the start with one clear line (exit 2), not a traceback.

Drafts of synchronous scans and of the self-check page live in this server's scratch folder,
``UPLOAD_DIR/tmp/<instance>/``, which the server holds locked (``flock`` on the folder itself)
while it lives. At start every scratch folder whose lock can be taken belongs to a server that is
gone (a kill -9, a power cut) and is removed; a live server's, on shared storage, is left alone.
"""
from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from checker.errors import ConfigError

from .settings import ApiSettings

log = logging.getLogger("tendercheck.api")
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
LEGACY_SCAN_PREFIX = "scan-"              # uploads/scan-* of versions before the scratch folder
LEGACY_PAGE_PREFIX = "tendercheck-page-"  # $TMPDIR/tendercheck-page-* of those versions
LEGACY_TMP_AGE_S = 3600.0                 # the system temp folder is shared: only old leftovers go
# A socket's path holds 107 bytes on Linux, 103 on macOS (sun_path, less its NUL); multiprocessing's
# forkserver listens on <temp folder>/pymp-XXXXXXXX/listener-XXXXXXXX.
SOCKET_PATH_MAX = 103
SOCKET_NAME_BYTES = len("/pymp-XXXXXXXX/listener-XXXXXXXX")
SHORT_TEMP_FOLDERS = ("/tmp", "/var/tmp", "/dev/shm")
JUST_MADE_S = 60.0  # a folder being born (NEW_PREFIX) is not yet locked for this long at most
NEW_PREFIX = ".new-"


def socket_folder() -> str:
    """Make multiprocessing's folder for the workers' sockets now, where their paths fit.

    It lives in the temp folder, and a deep $TMPDIR (a CI runner's, a container's) would stop the
    start with "AF_UNIX path too long"; then a short system temp folder is used for it instead, and
    where there is none, ConfigError says what to change."""
    import multiprocessing.util

    base = tempfile.gettempdir()
    if len(os.fsencode(base)) + SOCKET_NAME_BYTES > SOCKET_PATH_MAX:
        short = next((f for f in SHORT_TEMP_FOLDERS if os.path.isdir(f) and os.access(f, os.W_OK | os.X_OK)), None)
        if short is None:
            raise ConfigError(f"临时文件夹路径过长（{base}），工作进程的通信套接字放不下；请把 TMPDIR 设为较短的路径",
                              f"the temp folder's path is too long for the workers' sockets: {base}")
        saved, tempfile.tempdir = tempfile.tempdir, short
        try:
            return multiprocessing.util.get_temp_dir()
        finally:
            tempfile.tempdir = saved
    return multiprocessing.util.get_temp_dir()


def private_dir(path: Path) -> Path:
    """Make ``path`` (0700), or take group and other permissions off an existing one (a folder
    made read-only stays read-only)."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        path.chmod(mode & PRIVATE_DIR)
    return path


def prepare(settings: ApiSettings) -> None:
    """Make (or tighten) the data folders; ConfigError with a clear message if they are unusable."""
    for folder in (settings.data_dir, settings.uploads, settings.catalog_dir, settings.uploads / "jobs"):
        where = folder
        try:
            private_dir(folder)
            probe = folder / f".probe-{uuid.uuid4().hex}"
            probe.touch(mode=PRIVATE_FILE)
            probe.unlink()
        except FileExistsError as exc:
            raise ConfigError(f"数据目录不可用：{where} 不是文件夹", f"data folder unusable: {where} is not a folder") from exc
        except NotADirectoryError as exc:
            raise ConfigError(f"数据目录不可用：{where} 的上级不是文件夹", f"data folder unusable: a parent of {where} is not a folder") from exc
        except OSError as exc:
            raise ConfigError(f"数据目录不可用：{where} 无法写入（{exc.strerror}）",
                              f"data folder unusable: cannot write in {where}: {exc.strerror}") from exc


def tighten_database(settings: ApiSettings) -> None:
    """The SQLite file (and its WAL/SHM companions) readable by this user only."""
    if settings.database_url is not None:
        return
    db = settings.data_dir / "tendercheck.db"
    for f in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            f.chmod(PRIVATE_FILE)


def database_error(settings: ApiSettings, exc: Exception) -> ConfigError:
    where = settings.db_url.split("@")[-1]
    text = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
    return ConfigError(f"数据库不可用：{where}（{text}）；如文件已损坏，请从备份恢复或移走后重新启动",
                       f"database unusable: {where}: {text}")


class Scratch:
    """This server's private scratch folder, locked while it lives; dead servers' are swept."""

    def __init__(self, uploads: Path) -> None:
        self.root = uploads / "tmp"
        self.path = self.root / uuid.uuid4().hex
        self._lock_fd: int | None = None

    def open(self) -> Scratch:
        private_dir(self.root)
        swept = self.sweep()
        if swept:
            log.warning("removed %d draft folder(s) left by a server that stopped without cleaning up", swept)
        # Locked before it gets its name, so a sweeping server never sees it unlocked.
        new = Path(tempfile.mkdtemp(prefix=NEW_PREFIX, dir=self.root))
        self._lock_fd = os.open(new, os.O_RDONLY | os.O_DIRECTORY)
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        new.rename(self.path)
        return self

    def close(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    @contextlib.contextmanager
    def folder(self, prefix: str) -> Iterator[Path]:
        """A private folder for one request's draft, removed when the request ends."""
        path = Path(tempfile.mkdtemp(prefix=prefix, dir=self.path))  # mkdtemp: 0700
        try:
            yield path
        finally:
            shutil.rmtree(path, ignore_errors=True)

    def sweep(self) -> int:
        n = 0
        for d in self.root.iterdir() if self.root.is_dir() else ():
            if d.is_dir() and d != self.path and _owner_gone(d):
                shutil.rmtree(d, ignore_errors=True)
                n += 1
        uploads = self.root.parent
        for d in uploads.glob(f"{LEGACY_SCAN_PREFIX}*"):
            shutil.rmtree(d, ignore_errors=True)
            n += 1
        cutoff = time.time() - LEGACY_TMP_AGE_S
        for d in Path(tempfile.gettempdir()).glob(f"{LEGACY_PAGE_PREFIX}*"):
            with contextlib.suppress(OSError):
                st = d.stat()
                if st.st_uid == os.getuid() and st.st_mtime < cutoff:
                    shutil.rmtree(d, ignore_errors=True)
                    n += 1
        return n


def _owner_gone(folder: Path) -> bool:
    """True if no live process holds ``folder`` locked."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # held: its server is alive
    finally:
        os.close(fd)
    if folder.name.startswith(NEW_PREFIX):  # maybe a server starting right now, before its lock
        return time.time() - folder.stat().st_mtime > JUST_MADE_S
    return True
