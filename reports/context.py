"""What a rendered report says about how it was made (the audit footer), besides the report itself.

The engine knows which catalog and rules config judged the documents; the report knows the file.
Keeping this in one small value lets the CLI and the API render the same footer without either
handing the other an ``Engine``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any

from checker import __version__

# Highlight drawn over evidence in page images: fill (semi-transparent) and outline.
DEFAULT_HIGHLIGHT_FILL = "rgba(255, 196, 0, 0.38)"
DEFAULT_HIGHLIGHT_STROKE = "#e05a00"


@dataclass(frozen=True, slots=True)
class RenderContext:
    tool_version: str = __version__
    catalog: dict[str, Any] | None = None  # {"path", "sha256", "rows"} from Catalog.describe()
    rules_config: str | None = None  # path of the rules config, None = built-in defaults
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    highlight_fill: str = DEFAULT_HIGHLIGHT_FILL
    highlight_stroke: str = DEFAULT_HIGHLIGHT_STROKE
    page_images: bool = True  # False: text evidence only (e.g. the source file must not be reopened)
    # The self-check page: a box by each finding to accept it, read by the page's own script to
    # download a waiver-file stub (the report itself runs no script).
    waiver_picker: bool = False


def context_from_engine(engine: Any | None, **overrides: Any) -> RenderContext:
    """Build the audit context from an ``Engine`` (or ``None``: footer shows only what reports carry)."""
    if engine is None:
        return RenderContext(**overrides)
    catalog = None
    describe = getattr(getattr(engine, "catalog", None), "describe", None)
    if callable(describe):
        catalog = describe()
    return RenderContext(catalog=catalog, rules_config=_rules_config_path(engine), **overrides)


def _rules_config_path(engine: Any) -> str | None:
    # The rules config object may know its own source; else the path the engine was given.
    # Its file name only: on a server the folders are nobody's business (and say nothing to a reader).
    for owner, attr in ((getattr(engine, "config", None), "path"), (engine, "config_path")):
        value = getattr(owner, attr, None) if owner is not None else None
        if value:
            return PurePath(str(value)).name
    settings = getattr(engine, "settings", None)
    value = getattr(settings, "rules_config", None)
    return PurePath(str(value)).name if value else None
