"""Recovery and nutrition rules (protein, fluid, sleep, rest days, active rest) as typed data,
loaded from recovery.toml beside this file; redwood.coach.recovery applies them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from redwood.rules.files import RuleFile


@dataclass(frozen=True, slots=True)
class RecoveryRules:
    protein_g_per_kg: Decimal
    protein_source: str
    fluid_l_per_kg: Decimal
    fluid_max_loss_kg: Decimal
    fluid_source: str
    sleep_hours: tuple[Decimal, Decimal]
    sleep_source: str
    rest_days: tuple[int, int]
    rest_source: str
    active_rest: tuple[str, ...]
    active_rest_source: str
    sources: dict[str, str]


def _pair(raw: Any, name: str) -> tuple[Decimal, Decimal]:
    if not isinstance(raw, list) or len(raw) != 2:
        raise ValueError(f"recovery.toml: {name} must be [low, high]")
    low, high = Decimal(str(raw[0])), Decimal(str(raw[1]))
    if not 0 <= low <= high:
        raise ValueError(f"recovery.toml: {name}: {low} is above {high}")
    return low, high


def parse_recovery_rules(text: str) -> RecoveryRules:
    """The rules from recovery.toml's text; ValueError names a value that makes no sense."""
    data = tomllib.loads(text)
    sources = {str(k): str(v) for k, v in data["sources"].items()}

    def table(name: str) -> dict[str, Any]:
        t = dict(data[name])
        if t.get("source") not in sources:
            raise ValueError(f"recovery.toml: [{name}] source {t.get('source')!r} is not in "
                             "[sources]")
        return t

    protein, fluid, sleep = table("protein"), table("fluid"), table("sleep")
    rest, active = table("rest_days"), table("active_rest")
    g_per_kg = Decimal(str(protein["g_per_kg_day"]))
    l_per_kg = Decimal(str(fluid["l_per_kg_lost"]))
    if not 0 < g_per_kg <= 5 or not 0 < l_per_kg <= 5:
        raise ValueError("recovery.toml: protein and fluid rates must be positive and modest")
    sleep_hours = _pair(sleep["hours"], "sleep.hours")
    days = _pair(rest["per_week"], "rest_days.per_week")
    if days[1] > 7:
        raise ValueError("recovery.toml: rest_days.per_week is over 7")
    suggestions = tuple(str(s) for s in active["suggestions"])
    if not suggestions:
        raise ValueError("recovery.toml: active_rest.suggestions is empty")
    return RecoveryRules(
        protein_g_per_kg=g_per_kg, protein_source=protein["source"],
        fluid_l_per_kg=l_per_kg, fluid_max_loss_kg=Decimal(str(fluid["max_loss_kg"])),
        fluid_source=fluid["source"],
        sleep_hours=sleep_hours, sleep_source=sleep["source"],
        rest_days=(int(days[0]), int(days[1])), rest_source=rest["source"],
        active_rest=suggestions, active_rest_source=active["source"],
        sources=sources,
    )


RECOVERY_FILE = RuleFile("recovery.toml", parse_recovery_rules)


def recovery_rules_text() -> str:
    return RECOVERY_FILE.text()


def load_recovery_rules() -> RecoveryRules:
    """The recovery rules shipped with Redwood (parsed once per process)."""
    return RECOVERY_FILE.load()
