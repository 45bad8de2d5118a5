"""The HTML diff report (``tendercheck diff --format html``, ``POST /v1/diff?format=html``).

One self-contained page from a ``tendercheck.diff/1`` object, with the document report's layout,
stylesheet and Content-Security-Policy (no script at all): new findings first, then fixed and
remaining ones, then the facts that changed between the two versions.
"""
from __future__ import annotations

from typing import Any

from markupsafe import Markup

from checker.findings import SEVERITIES

from .context import RenderContext
from .html import _env, _static


def render_diff_html(diff: dict[str, Any], context: RenderContext | None = None) -> str:
    ctx = context or RenderContext()
    return _env().get_template("diff.html.j2").render(
        diff=diff, ctx=ctx, severities=SEVERITIES, css=_static("report.css"), script=None,
        script_hash=Markup("'none'"))
