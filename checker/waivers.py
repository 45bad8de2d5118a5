"""Waivers: findings a person has accepted, with a reason (docs/waivers.md).

A waiver file (TOML or YAML) lists entries; each names one finding by its ``fingerprint``
(checker/fingerprint.py) or by ``rule`` + ``item`` and/or ``quote`` (for a person writing one by
hand), and must say why (``reason``), and may say who, when and until when (``expires``), and
which document it is for (``file``). A waived finding stays in the report, with its waiver, in its
own section; it is not counted in the summary or the exit status (ruff's ``noqa`` with a code,
semgrep's ``nosemgrep``: the acceptance is visible, not a silent deletion).

A waiver that has expired is not applied, and one that matches nothing in a document it applies
to (the clause was fixed, or reworded so that its fingerprint changed) is reported: both are
warnings in the report, never errors, so a stale file cannot make a scan fail or pass silently.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from .errors import ConfigError
from .fingerprint import normalise
from .schema import models

ENTRY_KEYS = ("waiver", "waivers")  # [[waiver]] in TOML reads best; "waivers:" in YAML


class _Entry(BaseModel):
    """One entry as written; unknown keys are refused (a typo must not silently widen a waiver)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    fingerprint: str | None = None
    rule: str | None = None
    item: str | None = None
    quote: str | None = None
    reason: str
    who: str | None = None
    date: dt.date | None = None
    expires: dt.date | None = None
    file: str | None = None

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, value: str) -> str:
        if not value:
            raise ValueError("reason must not be empty")
        return value

    @model_validator(mode="after")
    def _names_a_finding(self) -> _Entry:
        if self.fingerprint:
            return self
        if not self.rule or not (self.item or self.quote):
            raise ValueError("needs a fingerprint, or a rule with an item and/or a quote")
        return self


@dataclass(frozen=True, slots=True)
class Waiver:
    entry: int  # 1-based position in the file: how a warning points at it
    reason: str
    fingerprint: str | None = None
    rule: str | None = None
    item: str | None = None
    quote: str | None = None
    who: str | None = None
    date: dt.date | None = None
    expires: dt.date | None = None
    file: str | None = None

    @property
    def label(self) -> str:
        """"第2条（FS102-…）": how the report names this waiver."""
        what = self.fingerprint or " ".join(x for x in (self.rule, self.item, self.quote and f"“{self.quote}”") if x)
        return f"第{self.entry}条（{what}）"

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def applies_to(self, file: str | None) -> bool:
        return self.file is None or file is None or Path(self.file).name == Path(file).name

    def matches(self, rule: str, item: str | None, fingerprint: str | None, evidence: Iterable[str]) -> bool:
        if self.fingerprint:
            return self.fingerprint == fingerprint
        if self.rule != rule:
            return False
        if self.item and normalise(self.item) != normalise(item):
            return False
        return not self.quote or normalise(self.quote) in normalise("".join(evidence))

    @property
    def matched_by(self) -> Literal["fingerprint", "rule"]:
        return "fingerprint" if self.fingerprint else "rule"

    def to_dict(self) -> dict[str, Any]:
        """As a report's JSON shows it (checker/schema/models.py)."""
        return models.Waiver.model_validate(self).model_dump(mode="json")


@dataclass(frozen=True, slots=True)
class WaiverSet:
    source: str  # the file's name (never a server path)
    waivers: tuple[Waiver, ...]

    def __len__(self) -> int:
        return len(self.waivers)


@dataclass(slots=True)
class Outcome:
    """What a waiver file did to one report: how many findings it waived, what is wrong with it."""

    source: str
    entries: int
    waived: int = 0
    expired: list[Waiver] = field(default_factory=list)
    unmatched: list[Waiver] = field(default_factory=list)

    def warnings(self) -> list[str]:
        out = [f"豁免{w.label}已于{w.expires.isoformat() if w.expires else ''}过期，未生效，相应问题照常计入"
               f"（waiver {w.entry} in {self.source} expired）" for w in self.expired]
        out += [f"豁免{w.label}在本文件中没有匹配的问题：问题可能已修改，或原文改动使指纹变化，请核对后删除或更新该条"
                f"（waiver {w.entry} in {self.source} matches no finding）" for w in self.unmatched]
        return out

    def to_dict(self) -> dict[str, Any]:
        """As a report's JSON shows it (checker/schema/models.py)."""
        return models.Waivers.model_validate(self).model_dump(mode="json")


def parse_waivers(text: str, source: str) -> WaiverSet:
    """Read a waiver file's text: YAML when ``source`` ends in .yaml/.yml, otherwise TOML, or
    YAML if the text is not TOML (an API field has no file name)."""
    data = _load(text, source)
    entries: object = None
    for key in ENTRY_KEYS:
        if key in data:
            entries = data[key]
            break
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise ConfigError(f"豁免文件 {source} 中的 waiver 应为列表", f"waiver file {source}: 'waiver' must be a list")
    waivers = []
    for n, raw in enumerate(entries, 1):
        if not isinstance(raw, dict):
            raise ConfigError(f"豁免文件 {source} 第{n}条应为键值表", f"waiver file {source}: entry {n} must be a table")
        try:
            e = _Entry.model_validate(raw)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, err['loc'])) or 'entry'}: {err['msg']}" for err in exc.errors())
            raise ConfigError(f"豁免文件 {source} 第{n}条无效（须有 reason，以及 fingerprint 或 rule 加 item/quote）：{problems}",
                              f"waiver file {source}: entry {n} is invalid: {problems}") from exc
        waivers.append(Waiver(entry=n, reason=e.reason, fingerprint=e.fingerprint, rule=e.rule and e.rule.upper(),
                              item=e.item, quote=e.quote, who=e.who, date=e.date, expires=e.expires, file=e.file))
    return WaiverSet(Path(source).name, tuple(waivers))


def load_waivers(path: str | Path) -> WaiverSet:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ConfigError(f"找不到豁免文件：{p}", f"waiver file not found: {p}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取豁免文件：{p}", f"cannot read waiver file {p}: {exc}") from exc
    return parse_waivers(text, str(p))


def _load(text: str, source: str) -> dict[str, Any]:
    yaml_name = source.lower().endswith((".yaml", ".yml"))
    data: object
    try:
        data = yaml.safe_load(text) if yaml_name else tomllib.loads(text)
    except tomllib.TOMLDecodeError as toml_exc:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            raise ConfigError(f"豁免文件 {source} 格式错误：{toml_exc}",
                              f"waiver file {source} is not valid TOML or YAML: {toml_exc}") from toml_exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"豁免文件 {source} 格式错误：{exc}", f"waiver file {source} is not valid YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"豁免文件 {source} 应为键值映射", f"waiver file {source} must be a mapping")
    return data


def _first_match(waivers: Sequence[Waiver], rule: str, item: str | None, fingerprint: str | None,
                 evidence: Sequence[str]) -> Waiver | None:
    return next((w for w in waivers if w.matches(rule, item, fingerprint, evidence)), None)


def _outcome(waivers: WaiverSet, file: str | None, today: dt.date) -> tuple[Outcome, list[Waiver]]:
    outcome = Outcome(waivers.source, len(waivers))
    active = []
    for w in waivers.waivers:
        if not w.applies_to(file):
            continue
        if w.expired(today):
            outcome.expired.append(w)
        else:
            active.append(w)
    return outcome, active


def apply_waivers(report: Any, waivers: WaiverSet, today: dt.date | None = None) -> Outcome:
    """Mark ``report``'s findings (a ``checker.report.Report``) that a waiver accepts; record the outcome."""
    outcome, active = _outcome(waivers, report.file, today or dt.date.today())
    used: set[int] = set()
    for f in report.findings:
        w = _first_match(active, f.rule, f.item, f.fingerprint, [e.text for e in f.evidence])
        f.waiver = w
        if w is not None:
            used.add(w.entry)
            outcome.waived += 1
    outcome.unmatched = [w for w in active if w.entry not in used]
    report.waivers = outcome
    report.warnings.extend(outcome.warnings())
    return outcome


def waivable_part(report: dict[str, Any]) -> dict[str, Any]:
    """What ``apply_waivers_to_dict`` reads of a report (file, error, summary, and of each finding
    what a waiver matches it by): applied to it, the same summary as to the whole report. A job's
    status keeps this apart from the report, so showing progress reads kilobytes, not megabytes."""
    findings = [{"rule": f.get("rule"), "item": f.get("item"), "fingerprint": f.get("fingerprint"),
                 "severity": f.get("severity"), "evidence": [{"text": e.get("text")} for e in f.get("evidence") or []]}
                for f in report.get("findings") or []]
    return {"file": report.get("file"), "error": report.get("error"), "summary": report.get("summary"),
            "findings": findings}


def apply_waivers_to_dict(report: dict[str, Any], waivers: WaiverSet, today: dt.date | None = None) -> dict[str, Any]:
    """The same over a stored ``tendercheck.report/1`` JSON object (API jobs): a new object, with the
    waived findings marked and the summary recounted without them."""
    out = dict(report)
    if out.get("error"):
        return out
    outcome, active = _outcome(waivers, out.get("file"), today or dt.date.today())
    used: set[int] = set()
    findings = []
    for f in out.get("findings") or []:
        w = _first_match(active, f.get("rule", ""), f.get("item"), f.get("fingerprint"),
                         [e.get("text") or "" for e in f.get("evidence") or []])
        findings.append({**f, "waiver": w.to_dict() if w else None})
        if w is not None:
            used.add(w.entry)
            outcome.waived += 1
    outcome.unmatched = [w for w in active if w.entry not in used]
    out["findings"] = findings
    summary = {s: 0 for s in (out.get("summary") or {"violation": 0, "warning": 0, "info": 0})}
    for f in findings:
        if f["waiver"] is None and f.get("severity") in summary:
            summary[f["severity"]] += 1
    out["summary"] = summary
    out["waivers"] = outcome.to_dict()
    out["warnings"] = list(out.get("warnings") or []) + outcome.warnings()
    return out
