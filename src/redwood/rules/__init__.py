"""The training rules as typed, validated data, loaded from the TOML files beside this file.

`load_rules()` (the plan's rules, rules.toml: `redwood.rules.plan`) is what the planner and the
checker read; the coach's, the review's, the recovery's and the session templates' rules are
in the modules of the same names. To change a number, edit the TOML; these modules only give
it types and refuse values that make no sense.

The plan's rules are imported on first use: defining their forty-odd dataclasses is a good
part of a small command's start-up (the dataclass decorator compiles each class's methods), and
`redwood today` or `log`, which read only the coach's rules, never need them.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import Any

    from redwood.rules.plan import (
        RULES_FILE,
        CoachChecks,
        CooldownRules,
        DosingRules,
        DrillEquipment,
        GoalRules,
        GuideRest,
        Limits,
        MuscleBands,
        MuscleVolumeRules,
        ProgressionRules,
        ProtectArea,
        Range,
        RotationRules,
        Rules,
        RulesError,
        RuleText,
        ScheduleRules,
        SupersetRules,
        TimedRules,
        TimingRules,
        VolumeRules,
        WarmupRules,
        load_rules,
        parse_rules,
        rules_text,
    )

__all__ = [
    "RULES_FILE",
    "CoachChecks",
    "CooldownRules",
    "DosingRules",
    "DrillEquipment",
    "GoalRules",
    "GuideRest",
    "Limits",
    "MuscleBands",
    "MuscleVolumeRules",
    "ProgressionRules",
    "ProtectArea",
    "Range",
    "RotationRules",
    "RuleText",
    "Rules",
    "RulesError",
    "ScheduleRules",
    "SupersetRules",
    "TimedRules",
    "TimingRules",
    "VolumeRules",
    "WarmupRules",
    "load_rules",
    "parse_rules",
    "rules_text",
]

_PLAN_NAMES = frozenset(__all__)


def __getattr__(name: str) -> Any:
    if name in _PLAN_NAMES:
        return getattr(importlib.import_module("redwood.rules.plan"), name)
    raise AttributeError(f"module 'redwood.rules' has no attribute {name!r}")

