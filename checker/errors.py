"""One error hierarchy with stable codes.

Every error a user can cause carries a code (stable, machine-readable, used in the report's
``error.code``) and a bilingual message: Chinese first, the English gloss in brackets.
A compliance tool must never turn "could not read" into "no findings", so ingest problems are
raised, not swallowed.
"""
from __future__ import annotations


class CheckerError(Exception):
    """Base class: ``code`` is stable and part of the report contract."""

    code = "checker_error"

    def __init__(self, zh: str, en: str) -> None:
        self.zh = zh
        self.en = en
        super().__init__(self.message)

    def __reduce__(self) -> tuple[type[CheckerError], tuple[str, str]]:
        # Picklable as itself, so an error raised in a child process (a worker, the read-ahead
        # reader) arrives with its code and both messages.
        return type(self), (self.zh, self.en)

    @property
    def message(self) -> str:
        return f"{self.zh}（{self.en}）"

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class IngestError(CheckerError):
    code = "ingest_error"


class FileNotFound(IngestError):
    code = "file_not_found"


class EmptyFile(IngestError):
    code = "empty_file"


class FileTooLarge(IngestError):
    code = "file_too_large"


class UnsupportedType(IngestError):
    code = "unsupported_type"


class NotAPdf(IngestError):
    code = "not_a_pdf"


class NotADocx(IngestError):
    code = "not_a_docx"


class EncryptedPdf(IngestError):
    code = "encrypted_pdf"


class CorruptPdf(IngestError):
    code = "corrupt_pdf"


class CorruptDocx(IngestError):
    code = "corrupt_docx"


class NoTextLayer(IngestError):
    code = "no_text_layer"


class GarbledText(IngestError):
    code = "garbled_text"


class ScanTimeout(IngestError):
    code = "scan_timeout"


class CatalogError(CheckerError):
    code = "catalog_error"


class ConfigError(CheckerError):
    code = "config_error"


class InternalError(CheckerError):
    """A bug in tendercheck, reported per file so the rest of a batch goes on."""

    code = "internal_error"
