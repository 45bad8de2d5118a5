"""``tendercheck rules``: every rule with its severity and the clause it rests on."""
from __future__ import annotations

from ..errors import ConfigError
from ..findings import SEVERITY_ZH, family_label, rule_name_zh
from ..rules import all_rules, load_config


def cli_list_rules(config_path: str | None = None) -> int:
    """``tendercheck rules``: every rule with its severity and basis."""
    try:
        config = load_config(config_path)
    except ConfigError as exc:
        print(f"tendercheck: {exc.message}")
        return 2
    for r in all_rules().values():
        severity = config.severity(r.id, r.family) or r.severity
        state = "" if config.enabled(r.id, r.family) else "（已停用）"
        summary = r.doc.splitlines()[0]
        print(f"{r.id} {rule_name_zh(r.id, r.name)}（{r.name}）[{family_label(r.family)}·{SEVERITY_ZH[severity]}]{state}")
        print(f"  {summary}")
        for line in r.basis.lines():
            print(f"  依据：{line}")
    return 0
