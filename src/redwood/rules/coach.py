"""The progression coach's rules as typed, checked data, loaded from coach.toml beside this file.

The classes are plain frozen dataclasses so that importing them costs nothing; pydantic checks
and converts the TOML only when `load_coach_rules()` first runs (it is imported there), and
refuses unknown keys (`__pydantic_config__`). Each class's `__post_init__` refuses numbers that
make no sense.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any, ClassVar, Literal

from redwood.domain.log import Unit
from redwood.domain.vocabulary import Level, Location
from redwood.rules.files import RuleFile, validate_toml

_FORBID: dict[str, Any] = {"extra": "forbid"}


def _fraction(value: float, name: str, *, upper: float = 1.0) -> None:
    if not 0 <= value <= upper:
        raise ValueError(f"{name} = {value} must be between 0 and {upper}")


def _pair(r: tuple[float, float] | tuple[int, int], name: str) -> None:
    if r[0] > r[1]:
        raise ValueError(f"{name}: {r[0]} is above {r[1]}")


@dataclass(frozen=True)
class E1rmRules:
    """[e1rm] of coach.toml: how an estimated one-rep max is read from a set."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    reps: tuple[int, int]
    combine: Literal["mean", "epley", "brzycki"]
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _pair(self.reps, "e1rm.reps")
        if self.reps[0] < 1 or self.reps[1] > 12:
            raise ValueError("e1rm.reps must stay within 1-12 (evidence.md)")


@dataclass(frozen=True)
class RpeRules:
    """[rpe] of coach.toml: how effort (RPE, reps in reserve) moves a target."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    reps: tuple[int, int]
    rpe: tuple[float, float]
    percent: tuple[float, ...]
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _pair(self.reps, "rpe.reps")
        _pair(self.rpe, "rpe.rpe")
        needed = 2 * (self.reps[1] - 1) + 2 * int(10 - self.rpe[0]) + 1
        if len(self.percent) < needed:
            raise ValueError(f"rpe.percent needs {needed} entries, has {len(self.percent)}")
        if any(not 0 < p <= 1 for p in self.percent):
            raise ValueError("rpe.percent entries are fractions of 1RM in (0, 1]")
        if any(a < b for a, b in zip(self.percent, self.percent[1:], strict=False)):
            raise ValueError("rpe.percent must not increase")


@dataclass(frozen=True)
class ProgressionRules:
    """[progression] of coach.toml: when and how much a load or rep target goes up."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    load_step: float
    max_weekly_increase: float
    weekly_window_days: int
    increase_every_days: int
    small_step: Literal["hold", "spread"]
    fixed_weight_min_days: int
    light_load_max_days: int
    seconds_step: int
    strain_rpe: float
    wave_easy_rpe: float = 9.0
    """A rep wave's load goes up inside the block only when the last sets read as this RPE or
    easier for the wave's top reps at the heavier load."""
    wave_top_rpe: float = 9.0
    """A rep wave's load is chosen for its top week: the top reps at about this RPE."""
    effort_e1rm_days: int = 14
    """A lower RPE target's load comes from the lift's best e1RM of its judged sessions in this
    many days up to the last one..."""
    effort_e1rm_sessions: int = 8
    """...of at most this many sessions."""
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _fraction(self.load_step, "progression.load_step", upper=0.2)
        _fraction(self.max_weekly_increase, "progression.max_weekly_increase", upper=0.2)
        if self.load_step > self.max_weekly_increase:
            raise ValueError("progression.load_step is above the weekly cap")
        if not 1 <= self.weekly_window_days <= 14:
            raise ValueError("progression.weekly_window_days must be 1-14")
        if not 1 <= self.effort_e1rm_days <= 56 or not 1 <= self.effort_e1rm_sessions <= 30:
            raise ValueError("progression.effort_e1rm_days must be 1-56 and "
                             "progression.effort_e1rm_sessions 1-30")
        if not 0 <= self.increase_every_days <= 28:
            raise ValueError("progression.increase_every_days must be 0-28")
        if not 0 <= self.fixed_weight_min_days <= 84:
            raise ValueError("progression.fixed_weight_min_days must be 0-84")
        if not 7 <= self.light_load_max_days <= 84:
            raise ValueError("progression.light_load_max_days must be 7-84")
        if not 1 <= self.seconds_step <= 60:
            raise ValueError("progression.seconds_step must be 1-60")
        if not 6 <= self.strain_rpe <= 10:
            raise ValueError("progression.strain_rpe must be on the chart, 6-10")
        if not 6 <= self.wave_easy_rpe <= 10:
            raise ValueError("progression.wave_easy_rpe must be on the chart, 6-10")
        if not 6 <= self.wave_top_rpe <= 10:
            raise ValueError("progression.wave_top_rpe must be on the chart, 6-10")


@dataclass(frozen=True)
class CalibrationRules:
    """[calibration] of coach.toml: finding a new lift's working load."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    target_rpe: float
    end_rpe: float
    far_rpe: float
    far_step: float
    ceiling_rpe: float
    rep_out: bool
    rep_out_rir: int
    max_read_reps: int
    saturated_step: float
    max_sessions: int
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("target_rpe", "end_rpe", "far_rpe", "ceiling_rpe"):
            if not 6 <= getattr(self, name) <= 10:
                raise ValueError(f"calibration.{name} must be on the chart, 6-10")
        if not self.far_rpe < self.target_rpe <= self.ceiling_rpe:
            raise ValueError("calibration: far_rpe < target_rpe <= ceiling_rpe")
        _fraction(self.far_step, "calibration.far_step", upper=1.0)
        if not 0 <= self.rep_out_rir <= 4:
            raise ValueError("calibration.rep_out_rir must be 0-4")
        if not 12 <= self.max_read_reps <= 50:
            raise ValueError("calibration.max_read_reps must be 12-50")
        _fraction(self.saturated_step, "calibration.saturated_step", upper=1.0)
        if not 1 <= self.max_sessions <= 20:
            raise ValueError("calibration.max_sessions must be 1-20")


@dataclass(frozen=True)
class ReadinessRules:
    """[readiness] of coach.toml: sleep, energy and soreness that hold a load."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    max_soreness: int
    checkin_max_age_days: int
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 1 <= self.max_soreness <= 5:
            raise ValueError("readiness.max_soreness is on the 1-5 scale")
        if self.checkin_max_age_days < 0:
            raise ValueError("readiness.checkin_max_age_days is negative")


@dataclass(frozen=True)
class MissedRules:
    """[missed] of coach.toml: what missed reps and sessions do to the load."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    misses_to_deload: int
    deload: float
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 1 <= self.misses_to_deload <= 10:
            raise ValueError("missed.misses_to_deload must be 1-10")
        _fraction(self.deload, "missed.deload", upper=0.5)


@dataclass(frozen=True)
class PlateauRules:
    """[plateau] of coach.toml: when a lift counts as stalled."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    window_days: int
    min_sessions: int
    min_gain: float
    variation_after_days: int
    rep_scheme_after_misses: int
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 7 <= self.window_days <= self.variation_after_days:
            raise ValueError("plateau.window_days must be 7 up to variation_after_days")
        if self.min_sessions < 2:
            raise ValueError("plateau.min_sessions must be at least 2")
        _fraction(self.min_gain, "plateau.min_gain", upper=0.1)


@dataclass(frozen=True)
class FatigueRules:
    """[fatigue] of coach.toml: the signs that call for lighter work."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    signals: int
    window_days: int
    low_energy: int
    high_soreness: int
    load_cut: float
    active_rest: str
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.signals < 1 or self.window_days < 1:
            raise ValueError("fatigue.signals and fatigue.window_days must be positive")
        if not 1 <= self.low_energy <= 5 or not 1 <= self.high_soreness <= 5:
            raise ValueError("fatigue thresholds are on the 1-5 scale")
        _fraction(self.load_cut, "fatigue.load_cut", upper=0.5)


@dataclass(frozen=True)
class LayoffRules:
    """[layoff] of coach.toml: the cut after a break from a lift."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    after_days: int
    cut_per_week: float
    max_cut: float
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.after_days < 2:
            raise ValueError("layoff.after_days must be at least 2")
        _fraction(self.cut_per_week, "layoff.cut_per_week", upper=0.5)
        _fraction(self.max_cut, "layoff.max_cut", upper=0.8)


@dataclass(frozen=True)
class BodyWeightStart:
    """[start.body_weight] of coach.toml: first loads from body weight."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    squat: dict[Level, float]
    hinge: dict[Level, float]
    row: dict[Level, float]
    pulldown: dict[Level, float]
    leg_curl: dict[Level, float] | None = None
    calf: dict[Level, float] | None = None
    rear_delt: dict[Level, float] | None = None
    shrug: dict[Level, float] | None = None
    weighted_pull: dict[Level, float] | None = None
    reference_kg: dict[Level, float] | None = None
    """The body weight a lifter who gave none is started from, by level (None: the lightest
    load instead)."""
    scale_from_kg: float | None = None
    """Past this body weight the fractions apply to an allometric body weight, not the whole
    of it: pivot x (body weight / pivot) ^ scale_exponent (None: the whole body weight)."""
    scale_exponent: float = 1.0
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.scale_from_kg is not None and not 20 <= self.scale_from_kg <= 150:
            raise ValueError("start.body_weight.scale_from_kg must be within 20-150 kg")
        if not 0 < self.scale_exponent <= 1:
            raise ValueError("start.body_weight.scale_exponent must be in (0, 1]")
        if self.reference_kg is not None:
            if set(self.reference_kg) != set(Level):
                raise ValueError("start.body_weight.reference_kg needs every level")
            kgs = [self.reference_kg[level] for level in Level]
            if any(not 20 <= v <= 150 for v in kgs) or kgs != sorted(kgs):
                raise ValueError("start.body_weight.reference_kg must grow with level, "
                                 "within 20-150 kg")
        for name in ("squat", "hinge", "row", "pulldown", "leg_curl", "calf", "rear_delt",
                     "shrug", "weighted_pull"):
            table: dict[Level, float] | None = getattr(self, name)
            if table is None:
                continue
            if set(table) != set(Level):
                raise ValueError(f"start.body_weight.{name} needs every level")
            values = [table[level] for level in Level]
            if any(not 0 < v <= 3 for v in values) or values != sorted(values):
                raise ValueError(f"start.body_weight.{name} must grow with level, within (0, 3]")

    def scaled(self, body_weight_kg: Decimal) -> Decimal:
        """The body weight the fractions apply to: the whole of it up to `scale_from_kg`, then
        growing by the `scale_exponent` power (strength grows slower than body weight), so
        never more than the whole and never less for a heavier lifter."""
        pivot = self.scale_from_kg
        if pivot is None or body_weight_kg <= Decimal(str(pivot)):
            return body_weight_kg
        ratio = float(body_weight_kg) / pivot
        return min(body_weight_kg, Decimal(str(round(pivot * ratio ** self.scale_exponent, 2))))

    def fraction(self, family: str, level: Level) -> float | None:
        if family in ("reference_kg", "scale_from_kg", "scale_exponent"):
            return None
        table: dict[Level, float] | None = getattr(self, family, None)
        return None if table is None else table[level]

    def reference(self, level: Level) -> Decimal | None:
        """The body weight to start a lifter who gave none from (kg), or None."""
        table = self.reference_kg
        return None if table is None else Decimal(str(table[level]))


@dataclass(frozen=True)
class RelatedStart:
    """How a lift never done starts from a related lift's e1RM ([start.related])."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    transfer: float
    """The share of the scaled e1RM a first load starts from (a little under, never over)."""
    max_scale: float
    """The most a relative's e1RM is scaled up by (the ratios are an average lifter's)."""
    pattern_ratio: float
    """A lift in no family from a sibling of its pattern, mechanic and implement."""
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _fraction(self.transfer, "start.related.transfer")
        _fraction(self.pattern_ratio, "start.related.pattern_ratio")
        if not 0 < self.max_scale <= 3:
            raise ValueError("start.related.max_scale must be in (0, 3]")


@dataclass(frozen=True)
class RampStart:
    """[start.ramp] of coach.toml: a first session from a body-weight start works up by feel."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    first_share: float
    """Set 1's share of the body-weight start..."""
    floor_share: float
    """...never under this share of the start without a body weight."""
    target_rpe: float
    """Each next set: the load for the bottom of the range at about this RPE."""
    lightest_rpe: float
    """A set rated easier than this reads as this (so many reps in reserve, no more)..."""
    little_rpe: float
    """...except one rated this or easier ("little to no effort"): no reserve is read from it,
    the next set is a fixed jump..."""
    little_jump: float
    """...of at most this many times the set's load."""
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0 < self.first_share <= 1:
            raise ValueError("start.ramp.first_share must be in (0, 1]")
        if not 0 < self.floor_share <= 1:
            raise ValueError("start.ramp.floor_share must be in (0, 1]")
        if not 6 <= self.target_rpe <= 9:
            raise ValueError("start.ramp.target_rpe must be on the chart, 6-9")
        if not 1 <= self.lightest_rpe <= self.target_rpe:
            raise ValueError("start.ramp.lightest_rpe must be from 1 to target_rpe")
        if not 1 <= self.little_rpe < self.lightest_rpe:
            raise ValueError("start.ramp.little_rpe must be from 1 to under lightest_rpe")
        if not 1 < self.little_jump <= 1 / self.first_share:
            raise ValueError("start.ramp.little_jump must be over 1 and at most 1 / first_share")


@dataclass(frozen=True)
class StartRules:
    """[start] of coach.toml: first loads for a lift never done."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    history_rpe: float
    rescale_slack: int
    estimate_rpe: float
    assisted_fraction: float
    body_weight: BodyWeightStart
    related: RelatedStart
    ramp: RampStart | None = None
    """None: a first session from a body-weight start is done at one load."""
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for rpe in (self.history_rpe, self.estimate_rpe):
            if not 6 <= rpe <= 10:
                raise ValueError("start RPEs must be on the chart, 6-10")
        if self.estimate_rpe > self.history_rpe:
            raise ValueError("an estimate must leave at least as much in reserve as history")
        _fraction(self.assisted_fraction, "start.assisted_fraction")
        if self.rescale_slack < 0:
            raise ValueError("start.rescale_slack is negative")


@dataclass(frozen=True)
class Family:
    """A family of lifts of coach.toml: each one's load as a ratio of the anchor's."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    anchor: str
    ratios: dict[str, float]
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.ratios.get(self.anchor) != 1.0:
            raise ValueError(f"family anchor {self.anchor!r} must have ratio 1.0")
        if any(not 0 < r <= 3 for r in self.ratios.values()):
            raise ValueError("family ratios must be in (0, 3]")


@dataclass(frozen=True)
class Ladder:
    """A ladder of easier and harder variations of a move, in order."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    steps: tuple[str, ...]
    weighted_top: bool = False

    def __post_init__(self) -> None:
        if not self.steps or len(set(self.steps)) != len(self.steps):
            raise ValueError("a ladder needs distinct steps")


@dataclass(frozen=True)
class Ladders:
    """[ladders] of coach.toml: the variation ladders by name."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    chains: dict[str, Ladder]
    see: tuple[str, ...] = ()


@dataclass(frozen=True)
class Implements:
    """[implements] of coach.toml: exercises loaded otherwise than their equipment says."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    overrides: dict[str, Literal["bodyweight", "assisted-machine"]]
    see: tuple[str, ...] = ()


@dataclass(frozen=True)
class WarmupStep:
    """One step of the warm-up ramp: a share of the working load for some reps."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    percent: float
    reps: tuple[int, int]

    def __post_init__(self) -> None:
        _fraction(self.percent, "warmup.steps.percent", upper=0.95)
        _pair(self.reps, "warmup.steps.reps")
        if self.reps[0] < 1:
            raise ValueError("warm-up reps start at 1")


@dataclass(frozen=True)
class WarmupRules:
    """[warmup] of coach.toml: the warm-up ramp before working sets."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    steps: tuple[WarmupStep, ...]
    min_working_kg: Decimal
    lightest_plate_kg: Decimal
    """The lightest plate a ramp uses (in kg profiles); lighter ones are change plates."""
    lightest_plate_lb: Decimal
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        percents = [s.percent for s in self.steps]
        if percents != sorted(percents) or len(set(percents)) != len(percents):
            raise ValueError("warm-up steps must climb")


@dataclass(frozen=True)
class TypoRules:
    """[typo] of coach.toml: how far above its reference a typed load looks like a typo."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    over_target: float
    """An established target's load times this."""
    over_best: float
    """With no target load: the heaviest set before times this."""
    ramp_step: float
    """A calibrating or start target (or a lift's first session with no target): the heaviest
    set of the lift so far (today's, or before) times this."""
    over_estimate: float
    """A calibrating or start target's first set, nothing logged before it: the estimate
    times this."""
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("over_target", "over_best", "ramp_step", "over_estimate"):
            if not 1 < getattr(self, name) < 10:
                # A digit slip is 10 x: a bound of 10 or more lets every one through.
                raise ValueError(f"typo.{name} must be over 1 and under 10")


@dataclass(frozen=True)
class Span:
    """Every load from `start` to `stop` in `step`s."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    start: Decimal
    stop: Decimal
    step: Decimal

    def __post_init__(self) -> None:
        if self.step <= 0 or self.start < 0 or self.stop < self.start:
            raise ValueError(f"bad span {self.start}..{self.stop} by {self.step}")
        if (self.stop - self.start) / self.step > 1000:
            raise ValueError("a span of more than 1000 loads")

    def values(self) -> tuple[Decimal, ...]:
        count = int((self.stop - self.start) / self.step)
        return tuple(self.start + i * self.step for i in range(count + 1))


Loads = tuple[Decimal, ...] | Span


@dataclass(frozen=True)
class ProfileSpec:
    """One location's equipment as written in coach.toml (see redwood.coach.loading)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    bar: Decimal | None = None
    trap_bar: Decimal | None = None
    plates: tuple[tuple[Decimal, int], ...] = ()
    dumbbells: Loads = ()
    kettlebells: Loads = ()
    machine: Loads = ()
    cable: Loads = ()
    backpack: Loads = ()
    water_bottles: Loads = ()
    medicine_balls: Loads = ()
    sled: Loads = ()
    bands: tuple[str, ...] = ()
    see: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for plate, pairs in self.plates:
            if plate <= 0 or pairs < 0:
                raise ValueError(f"plate {plate} x {pairs} pairs makes no sense")
        for weight in (self.bar, self.trap_bar):
            if weight is not None and weight <= 0:
                raise ValueError("a bar weighs something")


@dataclass(frozen=True)
class LoadingRules:
    """[loading] of coach.toml: the weights a lifter can load, by place and unit."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str
    conversion_tolerance_kg: Decimal
    see: tuple[str, ...] = ()


@dataclass(frozen=True)
class CoachRules:
    """coach.toml as validated: every rule the coach applies, with its sources."""
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    version: int
    sources: dict[str, str]
    e1rm: E1rmRules
    rpe: RpeRules
    progression: ProgressionRules
    calibration: CalibrationRules
    readiness: ReadinessRules
    missed: MissedRules
    plateau: PlateauRules
    fatigue: FatigueRules
    layoff: LayoffRules
    start: StartRules
    families: dict[str, Family]
    ladders: Ladders
    implements: Implements
    warmup: WarmupRules
    loading: LoadingRules
    typo: TypoRules
    profiles: dict[Location, dict[Unit, ProfileSpec]]

    def __post_init__(self) -> None:
        parts: list[Any] = [
            self.e1rm, self.rpe, self.progression, self.calibration, self.readiness,
            self.missed, self.plateau, self.fatigue, self.layoff, self.start,
            self.start.body_weight, self.start.related,
            *([self.start.ramp] if self.start.ramp is not None else []),
            self.implements, self.ladders, self.warmup, self.loading, self.typo,
            *self.families.values(),
            *(spec for units in self.profiles.values() for spec in units.values()),
        ]
        for part in parts:
            for key in (part.source, *part.see):
                if key not in self.sources:
                    raise ValueError(f"unknown source {key!r} in {type(part).__name__}")
        for f in fields(self.start.body_weight):
            family = f.name
            if getattr(self.start.body_weight, family) is None:
                continue
            if family not in ("source", "see", "reference_kg", "scale_from_kg",
                              "scale_exponent") and family not in self.families:
                raise ValueError(f"start.body_weight.{family} has no family")
        for location in Location:
            if set(self.profiles.get(location, {})) != set(Unit):
                raise ValueError(f"profiles.{location.value} needs both kg and lb")

    # --- look-ups -------------------------------------------------------------------------

    def ladder_of(self, exercise_id: str) -> tuple[tuple[str, ...], bool, int] | None:
        """(steps, weighted_top, position) of the first ladder listing the exercise."""
        for ladder in self.ladders.chains.values():
            if exercise_id in ladder.steps:
                return ladder.steps, ladder.weighted_top, ladder.steps.index(exercise_id)
        return None

    def family_of(self, exercise_id: str) -> tuple[str, Family] | None:
        for name, family in self.families.items():
            if exercise_id in family.ratios:
                return name, family
        return None

    def rpe_percent(self, reps: int, rpe: float) -> float | None:
        """%1RM for `reps` at `rpe` from the chart, or None off the chart."""
        lo, hi = self.rpe.reps
        if not lo <= reps <= hi or not self.rpe.rpe[0] <= rpe <= self.rpe.rpe[1]:
            return None
        return self.rpe.percent[2 * (reps - 1) + round((10 - rpe) * 2)]

    def cite(self, source: str) -> str:
        return self.sources[source]


class CoachRulesError(ValueError):
    """coach.toml holds a value that makes no sense: a coach's typo, not the lifter's."""


def parse_coach_rules(text: str) -> CoachRules:
    """Parse and check coach.toml text; raise CoachRulesError naming the table and key."""
    return validate_toml(text, CoachRules, "coach.toml", CoachRulesError)


COACH_FILE = RuleFile(
    "coach.toml", parse_coach_rules, cache_name="coach-rules",
    shape=(
        CoachRules, E1rmRules, RpeRules, ProgressionRules, CalibrationRules, ReadinessRules,
        MissedRules, PlateauRules, FatigueRules, LayoffRules, BodyWeightStart, RelatedStart,
        RampStart, StartRules, Family, Ladder, Ladders, Implements, WarmupStep, WarmupRules,
        Span, ProfileSpec, LoadingRules, TypoRules,
    ),
)


def coach_rules_text() -> str:
    return COACH_FILE.text()


def load_coach_rules() -> CoachRules:
    """The coach rules shipped with Redwood (parsed once per process, cached between runs)."""
    return COACH_FILE.load()
