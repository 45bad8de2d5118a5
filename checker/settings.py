"""One settings object; every value can come from the environment (``TENDERCHECK_*``)."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MAX_FILE_MB = 200
DEFAULT_FILE_TIMEOUT_S = 120.0
DEFAULT_VALIDITY_YEARS = 2
DEFAULT_NON_TENDER_THRESHOLD_YUAN = 4_000_000
# Bounds on one file's scan, enforced by the operating system on the process that scans it
# (checker/bounded.py): memory on top of the loaded checker, and file_timeout_s above.
DEFAULT_MAX_MEMORY_MB = 2048
# Checks before the work a file would cause (checker/ingest/guard.py): a tender needs far less.
DEFAULT_MAX_UNZIPPED_MB = 512            # all parts of a DOCX, unpacked (a 300-page DOCX: ~20 MB)
DEFAULT_MAX_PAGE_CONTENT_MB = 32         # one PDF page's content streams, inflated (a dense page: ~0.1 MB)
DEFAULT_MAX_PAGE_GLYPHS = 200_000        # glyphs shown on one PDF page (a dense A4 page: ~5,000)
DEFAULT_MAX_PAGE_AREA_PT2 = 40_000_000   # one PDF page, in square points: about five A0 sheets
DEFAULT_MAX_NUMBERING_VALUE = 32_767     # a DOCX list's start value: Word's own maximum
# A PDF this big is read by a second process while the scanning one lays its pages out and extracts
# (checker/ingest/ahead.py), where a scan would otherwise use one core (the API's scans). Below it the
# fork costs more than it saves: a generated 100-page tender is ~0.25 MB, 300 pages ~0.8 MB.
DEFAULT_READ_AHEAD_MIN_MB = 0.5
# Cores a file scanned on its own may use (the API's synchronous scans, and the CLI's scan of one file
# unless ``--jobs`` says otherwise), at most the machine's: its PDF read by that many processes, its
# facts extracted in two (checker/aside.py). 1: one reader beside the scanning process, facts in one.
DEFAULT_LONE_FILE_CORES = 2
# OCR of pages without a usable text layer (checker/ingest/ocr.py). ``auto`` reads only pages that
# have no text (or garbled text), ``force`` every page, ``off`` none (today's no_text_layer error).
OcrMode = Literal["auto", "off", "force"]
DEFAULT_OCR: OcrMode = "auto"
DEFAULT_OCR_MAX_PAGES = 60        # pages read by OCR in one file; past it, pages are listed as not checked
DEFAULT_OCR_PAGE_TIMEOUT_S = 60.0  # one page's OCR (a dense A4 page at 200 dpi: a few seconds on one core)
DEFAULT_OCR_DPI = 200             # bench/ocr_accuracy.py, 20 scanned pages: 1-CER 0.986 here, 0.979 at 150 dpi
DEFAULT_OCR_JOBS = 0              # processes that OCR one file's pages; 0: one per core


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TENDERCHECK_", extra="ignore")

    max_file_mb: float = DEFAULT_MAX_FILE_MB
    file_timeout_s: float = DEFAULT_FILE_TIMEOUT_S
    max_memory_mb: float = DEFAULT_MAX_MEMORY_MB
    max_unzipped_mb: float = DEFAULT_MAX_UNZIPPED_MB
    max_page_content_mb: float = DEFAULT_MAX_PAGE_CONTENT_MB
    max_page_glyphs: int = DEFAULT_MAX_PAGE_GLYPHS
    max_page_area_pt2: float = DEFAULT_MAX_PAGE_AREA_PT2
    max_numbering_value: int = DEFAULT_MAX_NUMBERING_VALUE
    read_ahead_min_mb: float = DEFAULT_READ_AHEAD_MIN_MB  # 0: every PDF; negative: never
    lone_file_cores: int = DEFAULT_LONE_FILE_CORES
    ocr: OcrMode = DEFAULT_OCR
    ocr_max_pages: int = DEFAULT_OCR_MAX_PAGES
    ocr_page_timeout_s: float = DEFAULT_OCR_PAGE_TIMEOUT_S
    ocr_dpi: int = DEFAULT_OCR_DPI
    ocr_jobs: int = DEFAULT_OCR_JOBS
    catalog: Path | None = None
    rules_config: Path | None = None
    waivers: Path | None = None  # a waiver file applied by ``tendercheck scan`` (docs/waivers.md)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)
