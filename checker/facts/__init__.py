"""Extract facts from a normalised document (see ``model.py`` for what they are)."""
from __future__ import annotations

from ..normalize import DocText
from .model import Facts


def extract(doctext: DocText) -> Facts:
    """All facts of one document. Each extractor module fills its part."""
    return Facts()
