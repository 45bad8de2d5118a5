"""Settings found beside the documents: ``tendercheck.toml``, or ``[tool.tendercheck]`` in ``pyproject.toml``,
in the scanned folder or the nearest parent that has one (like ruff and black find theirs).

The loader is generic: each key is declared once in ``KEYS`` with a check that turns the TOML value
into what the command needs (another feature adds its key there, e.g. ``waivers``). Unknown keys and
bad values fail with the file's name, so a typo never silently does nothing. Paths are relative to
the settings file. The command line wins over the file.
"""
from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import ConfigError

SETTINGS_FILE = "tendercheck.toml"
PYPROJECT_FILE = "pyproject.toml"
PYPROJECT_TABLE = ("tool", "tendercheck")
SEVERITY_LEVELS = ("violation", "warning", "info")


@dataclass(frozen=True, slots=True)
class ProjectSettings:
    path: Path | None = None  # the file they came from; None: nothing found
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


Check = Callable[[Any, Path], Any]  # (raw TOML value, the settings file's folder) → value


def _path(value: Any, base: Path) -> Path:
    if not isinstance(value, str) or not value:
        raise ValueError("应为文件路径字符串（a path string）")
    p = Path(value).expanduser()
    return p if p.is_absolute() else base / p


def _rule_list(value: Any, base: Path) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError("应为规则编号列表，如 [\"FS1\", \"FC\"]（a list of rule ids or prefixes）")
    return [v.strip().upper() for v in value]


def _severity(value: Any, base: Path) -> str:
    if value not in SEVERITY_LEVELS:
        raise ValueError(f"应为 {'/'.join(SEVERITY_LEVELS)} 之一（one of {SEVERITY_LEVELS}）")
    return str(value)


def _as_of(value: Any, base: Path) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value)
    raise ValueError("应为日期 YYYY-MM-DD（a date）")


def _positive_int(value: Any, base: Path) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError("应为正整数（a positive integer）")
    return value


KEYS: dict[str, Check] = {
    "catalog": _path,        # --catalog
    "config": _path,         # --config: the rules config (enable/disable, severities, thresholds)
    "select": _rule_list,    # --select
    "ignore": _rule_list,    # --ignore
    "fail_on": _severity,    # --fail-on
    "as_of": _as_of,         # --as-of
    "jobs": _positive_int,   # --jobs
    "waivers": _path,        # --waivers: accepted findings with their reasons (docs/waivers.md)
}


def register_setting(name: str, check: Check) -> None:
    """Declare a settings key with the check that reads its value (a feature's own key, e.g.
    ``waivers``); ``load_project_settings`` then accepts it and hands its value to the command."""
    if name in KEYS:
        raise ValueError(f"setting {name!r} is already declared")
    KEYS[name] = check


def find_settings_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest ``tendercheck.toml``, or ``pyproject.toml`` with a ``[tool.tendercheck]`` table,
    from ``start`` (a folder, or a file's folder) up to the root."""
    folder = start if start.is_dir() else start.parent
    for d in (folder.resolve(), *folder.resolve().parents):
        own = d / SETTINGS_FILE
        if own.is_file():
            return own, _read(own)
        pyproject = d / PYPROJECT_FILE
        if pyproject.is_file():
            table: Any = _read(pyproject)
            for key in PYPROJECT_TABLE:
                table = table.get(key) if isinstance(table, dict) else None
            if isinstance(table, dict):
                return pyproject, table
    return None


def load_project_settings(starts: Iterable[str | Path]) -> ProjectSettings:
    """Settings for the first of ``starts`` (the scanned paths) that has a settings file above it."""
    for start in starts:
        found = find_settings_file(Path(start))
        if found is not None:
            return _check(*found)
    return ProjectSettings()


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取设置文件 {path}：{exc}", f"cannot read settings file {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"设置文件 {path} 不是有效的 TOML：{exc}", f"settings file {path} is not valid TOML: {exc}") from exc


def _check(path: Path, raw: dict[str, Any]) -> ProjectSettings:
    where = f"{path}" + (" [tool.tendercheck]" if path.name == PYPROJECT_FILE else "")
    unknown = sorted(k for k in raw if k.replace("-", "_") not in KEYS)
    if unknown:
        raise ConfigError(f"设置文件 {where} 含未知设置：{'、'.join(unknown)}（可用：{'、'.join(KEYS)}）",
                          f"unknown settings in {where}: {unknown}")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        name = key.replace("-", "_")
        try:
            values[name] = KEYS[name](value, path.parent)
        except ValueError as exc:
            raise ConfigError(f"设置文件 {where} 的 {key} 有误：{exc}", f"invalid {key} in {where}: {exc}") from exc
    return ProjectSettings(path, values)
