"""One settings object; every value can come from the environment (``TENDERCHECK_*``)."""
from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MAX_FILE_MB = 200
DEFAULT_FILE_TIMEOUT_S = 120.0
DEFAULT_VALIDITY_YEARS = 2
DEFAULT_NON_TENDER_THRESHOLD_YUAN = 4_000_000


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TENDERCHECK_", extra="ignore")

    max_file_mb: float = DEFAULT_MAX_FILE_MB
    file_timeout_s: float = DEFAULT_FILE_TIMEOUT_S
    catalog: Path | None = None
    rules_config: Path | None = None
    waivers: Path | None = None  # a waiver file applied by ``tendercheck scan`` (docs/waivers.md)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)
