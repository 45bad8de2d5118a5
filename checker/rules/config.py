"""The rules configuration: defaults in ``default.toml``, a user file (TOML or YAML) on top."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ConfigError
from ..findings import Severity
from ..settings import DEFAULT_NON_TENDER_THRESHOLD_YUAN, DEFAULT_VALIDITY_YEARS

DEFAULT_CONFIG = Path(__file__).with_name("default.toml")


class RuleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    severity: Severity | None = None  # None: the rule's own severity


class FamilySettings(BaseModel):
    """A whole rule family (FS, FC): off, or one severity for its rules that set none of their own."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    severity: Severity | None = None


class FairCompetitionSettings(BaseModel):
    """Thresholds of the FC rules (the caps are the law's; a stricter local practice may lower them)."""

    model_config = ConfigDict(extra="forbid")

    bid_deposit_cap_percent: float = Field(default=2.0, gt=0, le=100)  # 投标保证金 of the budget
    performance_deposit_cap_percent: float = Field(default=10.0, gt=0, le=100)  # 履约保证金 of the contract amount
    # FC110: one finding per scoring table listing its unquantified rows ("table"), or one per row ("row").
    unquantified_scoring_unit: Literal["table", "row"] = "table"


class RulesConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    validity_years: int = Field(DEFAULT_VALIDITY_YEARS, ge=1, le=10)
    non_tender_threshold_yuan: float = Field(DEFAULT_NON_TENDER_THRESHOLD_YUAN, gt=0)
    tender_methods: list[str] = Field(default_factory=lambda: ["公开招标", "邀请招标"], min_length=1)
    public_funding_keywords: list[str] = Field(default_factory=lambda: ["财政", "国有"], min_length=1)
    key_fields: list[str] = Field(default_factory=list)
    max_suggested_products: int = Field(5, ge=1, le=50)
    rules: dict[str, RuleSettings] = Field(default_factory=dict)
    families: dict[str, FamilySettings] = Field(default_factory=dict)
    fair_competition: FairCompetitionSettings = FairCompetitionSettings()

    def rule(self, rule_id: str) -> RuleSettings:
        return self.rules.get(rule_id) or RuleSettings()

    def family(self, family: str) -> FamilySettings:
        return self.families.get(family) or FamilySettings()

    def enabled(self, rule_id: str, family: str) -> bool:
        """A rule runs when it and its family are enabled."""
        return self.rule(rule_id).enabled and self.family(family).enabled

    def severity(self, rule_id: str, family: str) -> Severity | None:
        """The configured severity: the rule's own, else its family's, else None (the rule's default)."""
        return self.rule(rule_id).severity or self.family(family).severity

    def is_public_funding(self, funding: str | None) -> bool:
        return bool(funding) and any(k in funding for k in self.public_funding_keywords)  # type: ignore[operator]


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"找不到规则配置文件：{path}", f"rules config not found: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取规则配置文件：{path}", f"cannot read rules config {path}: {exc}") from exc
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            data = yaml.safe_load(text) or {}
        else:
            data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"规则配置文件 {path} 格式错误：{exc}", f"rules config {path} is not valid TOML/YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"规则配置文件 {path} 应为键值映射", f"rules config {path} must be a mapping")
    return data


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_config(path: str | Path | None, known_rules: set[str] | None = None) -> RulesConfig:
    """Defaults, then the user's file. Unknown keys, unknown rule ids and bad values are ConfigErrors."""
    data = _read(DEFAULT_CONFIG)
    source = DEFAULT_CONFIG
    if path is not None:
        source = Path(path)
        data = _merge(data, _read(source))
    try:
        config = RulesConfig.model_validate(data)
    except ValidationError as exc:
        problems = "；".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"规则配置文件 {source} 有误：{problems}", f"invalid rules config {source}: {problems}") from exc
    if known_rules is not None:
        families = {re.match(r"[A-Z]+", r).group(0) for r in known_rules}  # type: ignore[union-attr]
        strange = sorted(set(config.families) - families)
        if strange:
            raise ConfigError(f"规则配置文件 {source} 含未知规则族：{'、'.join(strange)}（已知：{'、'.join(sorted(families))}）",
                              f"unknown rule families in {source}: {strange}")
        unknown = sorted(set(config.rules) - known_rules)
        if unknown:
            raise ConfigError(f"规则配置文件 {source} 含未知规则：{'、'.join(unknown)}（已知：{'、'.join(sorted(known_rules))}）",
                              f"unknown rule ids in {source}: {unknown}")
    return config
