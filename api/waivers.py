"""Waivers over the API: a ``waivers`` form field holding a waiver file's text (TOML or YAML,
docs/waivers.md), per scan (``POST /v1/scan``, ``POST /v1/diff``) or per job (``POST /v1/jobs``).

The text is parsed when the request arrives, so a broken file is a 422 before any scanning; a job's
text is stored with the job and applied whenever its reports are read.
"""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import Form

from checker.waivers import WaiverSet, apply_waivers_to_dict, parse_waivers

FIELD_SOURCE = "waivers"  # how reports name a waiver file that came in a form field
WaiversField = Annotated[str | None, Form(
    description="豁免文件内容（TOML 或 YAML，见 docs/waivers.md）：被豁免的问题仍列出，附理由，不计入统计",
    examples=['[[waiver]]\nfingerprint = "FS102-8c1d257f758c08f3"\nreason = "与既有设备统一维保，已经专家论证"\n'])]


def read_waivers(text: str | None) -> WaiverSet | None:
    """None for no field or an empty one; a ConfigError (422) for a broken file."""
    if text is None or not text.strip():
        return None
    return parse_waivers(text, FIELD_SOURCE)


def waive(report: dict[str, Any] | None, waivers: WaiverSet | None) -> dict[str, Any] | None:
    if report is None or waivers is None:
        return report
    return apply_waivers_to_dict(report, waivers)
