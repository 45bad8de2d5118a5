"""Data, not code: lexicons and the default catalog, each file with its source. See README.md."""
from pathlib import Path

DIR = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """Absolute path of a lexicon file shipped with the package."""
    return DIR / name
