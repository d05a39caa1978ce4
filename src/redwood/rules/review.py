"""The four-week review's rules as typed, checked data, loaded from review.toml beside this file.

Like coach.py: plain frozen dataclasses (free to import); pydantic checks and converts the TOML
only when `load_review_rules()` first runs, and refuses unknown keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from redwood.rules.files import RuleFile, validate_toml

_FORBID: dict[str, Any] = {"extra": "forbid"}


def _fraction(value: float, name: str) -> None:
    if not 0 <= value <= 1:
        raise ValueError(f"{name} = {value} must be between 0 and 1")


@dataclass(frozen=True)
class PeriodRules:
    """[period] of review.toml: how many weeks a review covers."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    weeks: int
    max_weeks: int

    def __post_init__(self) -> None:
        if not 1 <= self.weeks <= self.max_weeks <= 520:
            raise ValueError("period: need 1 <= weeks <= max_weeks <= 520")


@dataclass(frozen=True)
class ConsistencyRules:
    """[consistency] of review.toml: training runs and their milestone."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    milestone_days: int
    max_gap_days: int

    def __post_init__(self) -> None:
        if not 1 <= self.max_gap_days <= 31 or self.milestone_days < 1:
            raise ValueError("consistency: max_gap_days must be 1-31 and milestone_days positive")


@dataclass(frozen=True)
class AdherenceRules:
    """[adherence] of review.toml: how planned and done sessions are compared."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    high: float
    low: float
    moved_within_days: int

    def __post_init__(self) -> None:
        _fraction(self.high, "adherence.high")
        _fraction(self.low, "adherence.low")
        if self.low > self.high:
            raise ValueError("adherence.low is above adherence.high")
        if not 0 <= self.moved_within_days <= 7:
            raise ValueError("adherence.moved_within_days must be 0-7")


@dataclass(frozen=True)
class TrendRules:
    """[trend] of review.toml: what counts as progress, flat or falling."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    min_points: int
    min_span_days: int
    """Days from the first point to the last, at least, for a trend."""
    falling_kg_per_week: float

    def __post_init__(self) -> None:
        if self.min_points < 2:
            raise ValueError("trend.min_points: a slope needs at least 2 points")
        if self.min_span_days < 1:
            raise ValueError("trend.min_span_days: a slope needs at least 1 day")
        if self.falling_kg_per_week > 0:
            raise ValueError("trend.falling_kg_per_week must be 0 or below")


@dataclass(frozen=True)
class SleepRules:
    """[sleep] of review.toml: the sleep the review asks for."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    min_hours: float

    def __post_init__(self) -> None:
        if not 4 <= self.min_hours <= 12:
            raise ValueError("sleep.min_hours must be 4-12")


@dataclass(frozen=True)
class FatigueRules:
    """[fatigue] of review.toml: the signs of fatigue the review reads."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    min_signals: int
    short_sleep_share: float

    def __post_init__(self) -> None:
        if self.min_signals < 1:
            raise ValueError("fatigue.min_signals must be positive")
        _fraction(self.short_sleep_share, "fatigue.short_sleep_share")


@dataclass(frozen=True)
class RotationRules:
    """[rotation] of review.toml: when to rotate accessory lifts."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    after_weeks: int
    overdue_weeks: int

    def __post_init__(self) -> None:
        if not 1 <= self.after_weeks <= self.overdue_weeks <= 26:
            raise ValueError("rotation: need 1 <= after_weeks <= overdue_weeks <= 26")


@dataclass(frozen=True)
class ProteinRules:
    """[protein] of review.toml: the protein the review recommends."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    g_per_kg_day: float
    body_weight_max_age_days: int

    def __post_init__(self) -> None:
        if not 0.5 <= self.g_per_kg_day <= 3:
            raise ValueError("protein.g_per_kg_day must be 0.5-3")


@dataclass(frozen=True)
class LiftMilestone:
    """A lift milestone of review.toml: a load as a multiple of body weight."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    exercise_id: str
    times_body_weight: float
    source: str

    def __post_init__(self) -> None:
        if not 0 < self.times_body_weight <= 4:
            raise ValueError("milestones.lifts.times_body_weight must be in (0, 4]")


@dataclass(frozen=True)
class MilestoneRules:
    """[milestones] of review.toml: the milestones the review looks for."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    sessions: tuple[int, ...]
    pull_up: tuple[str, ...]
    in_reach: float
    lifts: tuple[LiftMilestone, ...]
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if list(self.sessions) != sorted(set(self.sessions)) or any(n < 1 for n in self.sessions):
            raise ValueError("milestones.sessions must climb from 1")
        _fraction(self.in_reach, "milestones.in_reach")


@dataclass(frozen=True)
class ReviewRules:
    """review.toml as validated: every rule the review applies, with its sources."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    version: int
    sources: dict[str, str]
    period: PeriodRules
    consistency: ConsistencyRules
    adherence: AdherenceRules
    trend: TrendRules
    sleep: SleepRules
    fatigue: FatigueRules
    rotation: RotationRules
    protein: ProteinRules
    milestones: MilestoneRules

    def __post_init__(self) -> None:
        parts: list[Any] = [
            self.period, self.consistency, self.adherence, self.trend, self.sleep,
            self.fatigue, self.rotation, self.protein, self.milestones, *self.milestones.lifts,
        ]
        for part in parts:
            for key in (part.source, *getattr(part, "see", ())):
                if key not in self.sources:
                    raise ValueError(f"unknown source {key!r} in {type(part).__name__}")

    def cite(self, source: str) -> str:
        return self.sources[source]


class ReviewRulesError(ValueError):
    """review.toml holds a value that makes no sense: a coach's typo, not the lifter's."""


def parse_review_rules(text: str) -> ReviewRules:
    """Parse and check review.toml text; raise ReviewRulesError naming the table and key."""
    return validate_toml(text, ReviewRules, "review.toml", ReviewRulesError)


REVIEW_FILE = RuleFile(
    "review.toml", parse_review_rules, cache_name="review-rules",
    shape=(
        ReviewRules, PeriodRules, ConsistencyRules, AdherenceRules, TrendRules,
        SleepRules, FatigueRules, RotationRules, ProteinRules, LiftMilestone, MilestoneRules,
    ),
)


def review_rules_text() -> str:
    return REVIEW_FILE.text()


def load_review_rules() -> ReviewRules:
    """The review rules shipped with Redwood (parsed once per process, cached between runs)."""
    return REVIEW_FILE.load()
