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


class OcrUnavailable(IngestError):
    """OCR was asked for (``--ocr force``) but its optional packages are not installed."""

    code = "ocr_unavailable"


class ScanTimeout(IngestError):
    """The file ran past the time bound (``file_timeout_s``): the scanning process was killed."""

    code = "scan_timeout"


class MemoryLimit(IngestError):
    """The file needed more memory than the bound (``max_memory_mb``) the scanning process runs under."""

    code = "memory_limit"


class ResourceBomb(IngestError):
    """A file that declares more work than any tender needs, refused before that work is done."""

    code = "resource_limit"


class DecompressedTooLarge(ResourceBomb):
    """A DOCX whose parts unpack to more than ``max_unzipped_mb`` (a zip bomb)."""

    code = "decompressed_too_large"


class ContentTooLarge(ResourceBomb):
    """A PDF page whose content streams inflate to more than ``max_page_content_mb``."""

    code = "content_too_large"


class TooManyGlyphs(ResourceBomb):
    """A PDF page that shows more glyphs than ``max_page_glyphs``."""

    code = "too_many_glyphs"


class PageTooLarge(ResourceBomb):
    """A PDF page whose box is larger than ``max_page_area_pt2`` (or beyond the PDF format's own limit)."""

    code = "page_too_large"


class NumberingOutOfRange(ResourceBomb):
    """A DOCX list that starts beyond ``max_numbering_value`` (Word itself stops at 32767)."""

    code = "numbering_out_of_range"


class EncryptedDocx(IngestError):
    code = "encrypted_docx"


class CatalogError(CheckerError):
    code = "catalog_error"


class ConfigError(CheckerError):
    code = "config_error"


class InternalError(CheckerError):
    """A bug in tendercheck, reported per file so the rest of a batch goes on."""

    code = "internal_error"
