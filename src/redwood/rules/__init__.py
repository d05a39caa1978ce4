"""The training rules as typed, validated data, loaded from rules.toml beside this file.

`RULES` is what the planner and the checker read. To change a number, edit rules.toml; this
module only gives it types and refuses values that make no sense.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from redwood.domain.vocabulary import Goal, Level, Region

Range = Annotated[tuple[int, int], Field()]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _ordered(r: tuple[int, int], name: str) -> None:
    if r[0] > r[1]:
        raise ValueError(f"{name}: {r[0]} is above {r[1]}")


class RuleText(_Model):
    text: str
    source: str


class Limits(_Model):
    source: str
    reps: Range
    seconds: Range
    sets: Range


class GoalRules(_Model):
    source: str
    band: Range
    barbell_reps: Range
    dumbbell_reps: Range
    advanced_reps: Range | None = None
    accessory_reps: Range
    timed_seconds: Range
    compound_sets: int = Field(ge=1, le=6)
    accessory_sets: int = Field(ge=1, le=6)
    compound_rest_s: int = Field(ge=15, le=300)
    use_exercise_rest: bool
    compound_rest_min_s: int = Field(ge=15, le=300)
    accessory_rest_s: int = Field(ge=15, le=300)
    superset_round_rest_s: int = Field(ge=15, le=300)

    @model_validator(mode="after")
    def _inside_band(self) -> Self:
        for name in ("barbell_reps", "dumbbell_reps", "advanced_reps"):
            r = getattr(self, name)
            if r is None:
                continue
            _ordered(r, name)
            if not (self.band[0] <= r[0] and r[1] <= self.band[1]):
                raise ValueError(f"{name} {r} is outside the goal's band {self.band}")
        if self.compound_rest_s < self.compound_rest_min_s:
            raise ValueError("compound_rest_s is below compound_rest_min_s")
        return self


class TimedRules(_Model):
    source: str
    carry_seconds: Range
    sprint_seconds: Range
    sprint_rest_s: int


class VolumeRules(_Model):
    source: str
    beginner: Range
    intermediate: Range
    advanced: Range
    hypertrophy_min_sets: int
    hypertrophy_min_weekly_minutes: int
    max_sets: int
    balance: tuple[float, float]
    full_body_loads: tuple[Region, ...]
    deload_set_factor: float = Field(gt=0, le=1)

    def band(self, level: Level) -> tuple[int, int]:
        band: tuple[int, int] = getattr(self, level.value)
        return band


class ScheduleRules(_Model):
    source: str
    min_hours_between_hard: int
    default_weekdays: dict[int, tuple[str, ...]]
    days: Range
    minutes: Range
    weeks: Range

    @property
    def min_days_between_hard(self) -> int:
        return -(-self.min_hours_between_hard // 24)


class SupersetRules(_Model):
    source: str
    max_rest_between_s: int
    rest_between_s: int
    rounds: Range
    min_session_minutes: int


class TimingRules(_Model):
    source: str
    eccentric_s: float
    concentric_s: float
    pause_s: float
    setup_s: float
    switch_side_s: float
    warmup_min_minutes: float
    cooldown_min_minutes: float

    @property
    def seconds_per_rep(self) -> float:
        return self.eccentric_s + self.concentric_s + self.pause_s


class WarmupRules(_Model):
    source: str
    short: int
    short_minutes: float
    medium: int
    medium_minutes: float
    long_minutes: float
    drills: tuple[str, ...]

    def minutes_for(self, session_minutes: int) -> float:
        if session_minutes <= self.short:
            return self.short_minutes
        if session_minutes <= self.medium:
            return self.medium_minutes
        return self.long_minutes


class CooldownRules(_Model):
    source: str
    short: int
    short_minutes: float
    long_minutes: float
    drills: tuple[str, ...]

    def minutes_for(self, session_minutes: int) -> float:
        return self.short_minutes if session_minutes <= self.short else self.long_minutes


class RotationRules(_Model):
    source: str
    stable_weeks: int
    must_rotate_by_week: int
    block_weeks: dict[Level, int]
    deload_levels: tuple[Level, ...]

    @model_validator(mode="after")
    def _rotates_in_time(self) -> Self:
        for level, weeks in self.block_weeks.items():
            if not self.stable_weeks < weeks < self.must_rotate_by_week:
                raise ValueError(
                    f"block_weeks.{level.value} = {weeks} must be above stable_weeks and "
                    f"leave a new block to start by week {self.must_rotate_by_week}"
                )
        return self


class Rules(_Model):
    version: int
    sources: dict[str, str]
    rules: dict[str, RuleText]
    limits: Limits
    goals: dict[Goal, GoalRules]
    timed: TimedRules
    volume: VolumeRules
    schedule: ScheduleRules
    supersets: SupersetRules
    timing: TimingRules
    warmup: WarmupRules
    cooldown: CooldownRules
    rotation: RotationRules

    @model_validator(mode="after")
    def _sources_known(self) -> Self:
        named: list[_Model] = [self.limits, self.timed, self.volume, self.schedule,
                               self.supersets, self.timing, self.warmup, self.cooldown,
                               self.rotation, *self.goals.values(), *self.rules.values()]
        for part in named:
            source = getattr(part, "source")  # noqa: B009 - every part declares one
            if source not in self.sources:
                raise ValueError(f"unknown source {source!r}")
        if set(self.goals) != set(Goal):
            raise ValueError("every goal needs its rules")
        return self

    def goal(self, goal: Goal) -> GoalRules:
        return self.goals[goal]

    def describe(self, rule_id: str) -> str:
        return self.rules[rule_id].text

    def cite(self, source: str) -> str:
        return self.sources[source]


def parse_rules(text: str) -> Rules:
    return Rules.model_validate(tomllib.loads(text))


@cache
def load_rules() -> Rules:
    text = resources.files("redwood.rules").joinpath("rules.toml").read_text("utf-8")
    return parse_rules(text)
