"""``--select`` / ``--ignore``: which rules run, by id, id prefix (``FS1``) or family (``FC``), as in ruff."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import ConfigError


def matching(selector: str, rule_ids: Iterable[str]) -> list[str]:
    return [r for r in rule_ids if r.startswith(selector)]


def chosen_rules(rule_ids: Sequence[str], enabled: Iterable[str], select: Sequence[str] | None,
                 ignore: Sequence[str]) -> list[str]:
    """The rules to run: those ``select`` matches (else the enabled ones), less those ``ignore`` matches.

    A selector that matches no rule is an error: a typo must not quietly run everything or nothing."""
    for s in (*(select or ()), *ignore):
        if not matching(s, rule_ids):
            raise ConfigError(f"没有与 {s} 相符的规则（已知：{'、'.join(rule_ids)}）",
                              f"no rule matches {s!r} (known: {', '.join(rule_ids)})")
    base = {r for s in select for r in matching(s, rule_ids)} if select else set(enabled)
    dropped = {r for s in ignore for r in matching(s, rule_ids)}
    return sorted(base - dropped)
