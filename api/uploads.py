"""Receiving uploads: size limits, type sniffed from content (never the name), zip archives expanded.

Files land on disk under names we choose (``00003.pdf``), never the client's path, so a
hostile name cannot escape the upload dir. Zip members are copied with their real byte count
checked, so a zip bomb stops at the limit instead of filling the disk.
"""
from __future__ import annotations

import os
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Literal

from fastapi import UploadFile

from checker import errors
from checker.ingest import PDF_HEADER_WINDOW, SUPPORTED_SUFFIXES, ZIP_MAGIC, sniff

from .errors import ApiError

Kind = Literal["pdf", "docx", "zip", "none"]
CHUNK = 1 << 20
SAFE_PART = re.compile(r"[^A-Za-z0-9_.-]")  # tenant ids become folder names: nothing that walks the tree
ZIP_UTF8_FLAG = 0x800
SKIPPED_ZIP_PREFIXES = ("__MACOSX/",)


@dataclass(frozen=True, slots=True)
class Saved:
    name: str          # what the user called it (display only)
    path: Path         # where it is on disk (nothing there for a refused file)
    kind: Kind
    client_id: str | None = None
    refused: errors.CheckerError | None = None  # a job's file that is no PDF/DOCX: its own error


def open_private(path: Path) -> BinaryIO:
    """A new file only this user can read (0600, whatever the umask): uploads are confidential."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")


def too_large(zh: str, en: str) -> ApiError:
    return ApiError(413, "payload_too_large", zh, en)


def unsupported(name: str) -> ApiError:
    return ApiError(415, "unsupported_media_type",
                    f"“{name}”不是 PDF 或 Word（.docx）文件（按文件内容判断，与扩展名无关）",
                    f"{name!r} is not a PDF or .docx file (judged by content, not by name)")


def display_name(filename: str | None, fallback: str) -> str:
    name = PurePosixPath((filename or "").replace("\\", "/")).name.strip()
    return name[:255] or fallback


def sniff_file(path: Path) -> Kind | None:
    with path.open("rb") as f:
        head = f.read(PDF_HEADER_WINDOW)
    # Zip first: an archive whose first member is a stored PDF has "%PDF-" in its first KiB too.
    if not head.startswith(ZIP_MAGIC):
        return sniff(head)
    try:
        with zipfile.ZipFile(path) as z:
            return "docx" if "word/document.xml" in z.namelist() else "zip"
    except zipfile.BadZipFile:
        return None


async def save_upload(upload: UploadFile, dest: Path, max_bytes: int, name: str) -> int:
    """Copy an upload to ``dest``; 413 past ``max_bytes`` (counted, not trusted from headers)."""
    if upload.size is not None and upload.size > max_bytes:
        raise too_large(f"文件“{name}”过大（上限 {max_bytes / 1048576:g} MB）",
                        f"file {name!r} exceeds {max_bytes} bytes")
    written = 0
    await upload.seek(0)
    with open_private(dest) as out:
        while chunk := await upload.read(CHUNK):
            written += len(chunk)
            if written > max_bytes:
                out.close()
                dest.unlink(missing_ok=True)
                raise too_large(f"文件“{name}”过大（上限 {max_bytes / 1048576:g} MB）",
                                f"file {name!r} exceeds {max_bytes} bytes")
            out.write(chunk)
    return written


async def save_document(upload: UploadFile, folder: Path, stem: str, max_bytes: int) -> Saved:
    """One PDF/DOCX (the single-scan endpoints and the page): a zip archive is not accepted here."""
    name = display_name(upload.filename, "upload")
    tmp = folder / f"{stem}.upload"
    await save_upload(upload, tmp, max_bytes, name)
    kind = sniff_file(tmp)
    if kind not in ("pdf", "docx"):
        tmp.unlink(missing_ok=True)
        raise unsupported(name)
    path = tmp.with_suffix(f".{kind}")
    tmp.rename(path)
    return Saved(name, path, kind)


def _member_name(info: zipfile.ZipInfo) -> str:
    # Zips made on Chinese Windows store GBK names without the UTF-8 flag; zipfile reads them as CP437.
    if info.flag_bits & ZIP_UTF8_FLAG:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


class JobFiles:
    """Collects a job's files into one folder, enforcing the per-file, per-job and count limits."""

    def __init__(self, folder: Path, max_file_bytes: int, max_total_bytes: int, max_files: int) -> None:
        self.folder, self.max_file, self.max_total, self.max_files = folder, max_file_bytes, max_total_bytes, max_files
        self.files: list[Saved] = []
        self.total = 0

    def _next_path(self, kind: str) -> Path:
        if len(self.files) >= self.max_files:
            raise too_large(f"文件数量超过上限（每个任务最多 {self.max_files} 个）",
                            f"too many files: at most {self.max_files} per job")
        return self.folder / f"{len(self.files):05d}.{kind}"

    def _count(self, n: int) -> None:
        self.total += n
        if self.total > self.max_total:
            raise too_large(f"上传总量过大（上限 {self.max_total / 1048576:g} MB）",
                            f"upload exceeds {self.max_total} bytes in total")

    async def add_upload(self, upload: UploadFile, client_id: str | None = None) -> None:
        """Add one uploaded part. A part that is no PDF, DOCX or zip (or a zip with none inside) is
        kept as a file with its own error, not a refusal of the job: one bad file never stops a batch."""
        name = display_name(upload.filename, f"file{len(self.files) + 1}")
        tmp = self.folder / f"incoming-{len(self.files):05d}"
        # An archive may be as large as the whole request; a single document only max_file.
        size = await save_upload(upload, tmp, max(self.max_file, self.max_total), name)
        kind = sniff_file(tmp)
        if kind is None:
            tmp.unlink(missing_ok=True)
            self._refuse(name, client_id, errors.UnsupportedType(
                f"“{name}”不是 PDF 或 Word（.docx）文件，未检查（按文件内容判断，与扩展名无关）",
                f"{name!r} is not a PDF or .docx file (judged by content): not checked"))
            return
        if kind == "zip":
            try:
                self._expand(tmp, name, client_id)
            except ApiError as exc:
                if exc.code != "unsupported_media_type":
                    raise
                self._refuse(name, client_id, errors.UnsupportedType(exc.zh, exc.en))
            finally:
                tmp.unlink(missing_ok=True)
            return  # its members were counted as they were extracted
        self._count(size)
        if size > self.max_file:
            raise too_large(f"文件“{name}”过大（上限 {self.max_file / 1048576:g} MB）",
                            f"file {name!r} exceeds {self.max_file} bytes")
        path = self._next_path(kind)
        tmp.rename(path)
        self.files.append(Saved(name, path, kind, client_id))

    def _refuse(self, name: str, client_id: str | None, error: errors.CheckerError) -> None:
        self.files.append(Saved(name, self._next_path("none"), "none", client_id, error))

    def _expand(self, archive: Path, archive_name: str, client_id: str | None = None) -> None:
        with zipfile.ZipFile(archive) as z:
            members = [i for i in z.infolist() if not i.is_dir()
                       and not i.filename.startswith(SKIPPED_ZIP_PREFIXES)
                       and not PurePosixPath(_member_name(i)).name.startswith(".")
                       and PurePosixPath(i.filename).suffix.lower() in SUPPORTED_SUFFIXES]
            if not members:
                raise ApiError(415, "unsupported_media_type",
                               f"压缩包“{archive_name}”中没有 PDF 或 DOCX 文件",
                               f"archive {archive_name!r} holds no .pdf or .docx file")
            for info in members:
                name = _member_name(info)[:255]
                suffix = PurePosixPath(info.filename).suffix.lower().lstrip(".")
                path = self._next_path(suffix)
                try:
                    self._copy_member(z, info, path, name)
                except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError) as exc:
                    path.unlink(missing_ok=True)
                    raise ApiError(422, "bad_archive", f"无法解压“{archive_name}”中的“{name}”",
                                   f"cannot extract {name!r} from {archive_name!r}: {exc}") from exc
                # A member named .pdf that is not one is kept: the scan reports it as that file's error.
                member_id = f"{client_id}/{name}" if client_id else None
                self.files.append(Saved(name, path, suffix, member_id))  # type: ignore[arg-type]

    def _copy_member(self, z: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, name: str) -> None:
        written = 0
        with z.open(info) as src, open_private(path) as out:
            while chunk := src.read(CHUNK):
                written += len(chunk)
                if written > self.max_file:
                    raise too_large(f"压缩包中的文件“{name}”过大（上限 {self.max_file / 1048576:g} MB）",
                                    f"archive member {name!r} exceeds {self.max_file} bytes")
                self._count(len(chunk))
                out.write(chunk)


def retain(path: Path, uploads: Path, *where: str) -> Path:
    """Move a scanned upload under ``uploads/retained/…``; retention is counted from now."""
    keep = uploads.joinpath("retained", *(SAFE_PART.sub("_", w).strip(".") or "_" for w in where))
    keep.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = keep / path.name
    path.replace(target)
    target.touch()
    return target


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
