"""The plan's training rules as typed, validated data, loaded from rules.toml beside this file
(re-exported by `redwood.rules`, which loads this module on first use).

`load_rules()` is what the planner and the checker read. To change a number, edit rules.toml;
this module only gives it types and refuses values that make no sense.

The types are plain frozen dataclasses so that reading them costs nothing at start-up; pydantic
checks and converts the TOML into them (imported only when the file is actually parsed).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from redwood.domain.vocabulary import LOAD_EQUIPMENT, Goal, Level, Muscle, Pattern, Region
from redwood.rules.files import RuleFile, validate_toml

Range = tuple[int, int]
_FORBID_EXTRA: dict[str, Any] = {"extra": "forbid"}


TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import Any, Protocol

    class _Sourced(Protocol):
        @property
        def source(self) -> str: ...


class RulesError(ValueError):
    """rules.toml holds a value that makes no sense: a coach's typo, not the lifter's."""


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(message)


def _ordered(r: Range, name: str) -> None:
    _check(r[0] <= r[1], f"{name}: {r[0]} is above {r[1]}")


@dataclass(frozen=True)
class RuleText:
    """A rule's wording and its source ([rules] in rules.toml); `default` false: judged only
    by `redwood check --strict` (a rule the planner does not meet everywhere yet)."""

    __pydantic_config__ = _FORBID_EXTRA
    text: str
    source: str
    default: bool = True


@dataclass(frozen=True)
class Limits:
    """The bounds every prescription stays within ([limits])."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    reps: Range
    seconds: Range
    sets: Range
    exercise_reps: dict[str, int] = field(default_factory=dict)
    """The most reps a set of an exercise may hold (exercise id -> reps)."""
    own_reps: dict[str, Range] = field(default_factory=dict)
    """Exercises prescribed their own rep range whatever the goal (exercise id -> range)."""
    loaded_bodyweight: tuple[str, ...] = ()
    """Bodyweight lifts loaded with plates or a bell: prescribed in the barbell range."""
    lowering_s: dict[str, Range] = field(default_factory=dict)
    """Lowering-only (eccentric) exercises and the seconds each rep's lowering takes."""

    def __post_init__(self) -> None:
        for name in ("reps", "seconds", "sets"):
            _ordered(getattr(self, name), name)
        for ident, most in self.exercise_reps.items():
            _check(self.reps[0] <= most <= self.reps[1],
                   f"exercise_reps: {ident} = {most} is outside reps {self.reps[0]}-{self.reps[1]}")
        for ident, r in self.lowering_s.items():
            _ordered(r, f"lowering_s: {ident}")
            _check(r[0] >= 1 and r[1] <= 10, f"lowering_s: {ident} = {r} must be 1-10 s")
        for ident, r in self.own_reps.items():
            _ordered(r, f"own_reps: {ident}")
            _check(self.reps[0] <= r[0] and r[1] <= self.exercise_reps.get(ident, self.reps[1]),
                   f"own_reps: {ident} = {r} is outside its ceiling")


@dataclass(frozen=True)
class GoalRules:
    """Reps, sets and rest for one training goal ([goals.*])."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    band: Range
    barbell_reps: Range
    dumbbell_reps: Range
    accessory_reps: Range
    timed_seconds: Range
    compound_sets: int
    accessory_sets: int
    compound_rest_s: int
    use_exercise_rest: bool
    compound_rest_min_s: int
    accessory_rest_s: int
    superset_round_rest_s: int
    main_rest_min_s: int
    """The least a main lift rests, even where a short session cuts rest to fit."""
    advanced_reps: Range | None = None
    main_rest_source: str | None = None
    """The source ([sources] key) a main lift's reason cites for its rest."""
    main_rest_s: int | None = None
    """The rest a main lift gets between its sets (compound_rest_s where not given)."""
    compound_rest_source: str | None = None
    """The source ([sources] key) a secondary compound's reason cites where it rests
    compound_rest_min_s."""

    @property
    def main_rest(self) -> int:
        """A main lift's rest between sets: main_rest_s, else compound_rest_s."""
        return self.compound_rest_s if self.main_rest_s is None else self.main_rest_s

    def __post_init__(self) -> None:
        for name in ("barbell_reps", "dumbbell_reps", "advanced_reps"):
            r = getattr(self, name)
            if r is None:
                continue
            _ordered(r, name)
            _check(self.band[0] <= r[0] and r[1] <= self.band[1],
                   f"{name} {r} is outside the goal's band {self.band}")
        for name in ("compound_sets", "accessory_sets"):
            _check(1 <= getattr(self, name) <= 6, f"{name} must be 1-6")
        for name in ("compound_rest_s", "compound_rest_min_s", "accessory_rest_s",
                     "superset_round_rest_s", "main_rest_min_s", "main_rest_s"):
            value = getattr(self, name)
            _check(value is None or 15 <= value <= 300, f"{name} must be 15-300 s")
        _check(self.compound_rest_s >= self.compound_rest_min_s,
               "compound_rest_s is below compound_rest_min_s")
        _check(self.compound_rest_min_s <= self.main_rest_min_s <= self.main_rest,
               "main_rest_min_s must be between compound_rest_min_s and the main lifts' rest "
               "(main_rest_s, else compound_rest_s)")


@dataclass(frozen=True)
class TimedRules:
    """Lengths and rest of timed work: holds, carries, sprints ([timed])."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    carry_seconds: Range
    sprint_seconds: Range
    sprint_rest_s: int


@dataclass(frozen=True)
class VolumeRules:
    """Weekly set ceilings, legs:back balance and deload volume ([volume])."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    beginner: Range
    intermediate: Range
    advanced: Range
    hypertrophy_min_sets: int
    hypertrophy_min_weekly_minutes: int
    max_sets: int
    balance: tuple[float, float]
    full_body_loads: tuple[Region, ...]
    deload_set_factor: float
    deload_load_cut: float
    """The share of the load a lifter may take off in a deload week (the notes say it)."""
    deload_max_share: float = 0.75
    deload_max_gap: int = 8
    """The most weeks running a plan longer than this goes without a deload (deload.regular)."""

    def __post_init__(self) -> None:
        _check(self.deload_max_gap >= 1, "deload_max_gap must be at least 1")
        _check(0 < self.deload_set_factor <= 1, "deload_set_factor must be in (0, 1]")
        _check(0 <= self.deload_load_cut < 1, "deload_load_cut must be in [0, 1)")
        _check(0 < self.balance[0] <= 1 <= self.balance[1], "balance must straddle 1")
        for level in Level:
            _ordered(self.band(level), level.value)
            _check(self.band(level)[1] <= self.max_sets, f"{level.value} band above max_sets")

    def band(self, level: Level) -> Range:
        band: Range = getattr(self, level.value)
        return band


@dataclass(frozen=True)
class DosingRules:
    """Fewest and most sets per exercise, and how much of a session to use ([dosing])."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    min_sets: int
    max_compound_sets: int
    max_accessory_sets: int
    main_max_sets: dict[Level, int]
    min_time_use: float
    min_compounds: int
    """session.min-compounds: the fewest compound lifts a session has (planner and checker)."""
    weekly_slots: dict[Pattern, int] = field(default_factory=dict)
    """The most exercises of a pattern the fill adds to a week (one hip abduction: glutes are
    a hip thrust's and a squat's work first)."""

    def __post_init__(self) -> None:
        _check(1 <= self.min_sets <= min(self.max_compound_sets, self.max_accessory_sets) <= 6,
               "dosing: need 1 <= min_sets <= max sets <= 6")
        _check(set(self.main_max_sets) == set(Level), "main_max_sets needs every level")
        _check(0 < self.min_time_use <= 1, "min_time_use must be in (0, 1]")
        _check(self.min_compounds >= 1, "min_compounds must be at least 1")


@dataclass(frozen=True)
class ScheduleRules:
    """Rest between hard sessions for the same region ([schedule])."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    min_hours_between_hard: int
    default_weekdays: dict[int, tuple[str, ...]]
    days: Range
    minutes: Range
    weeks: Range
    spinal_rows: tuple[str, ...] = ()
    """Rows done bent over, the spine held against the load: lower-back work, spaced from a
    heavy hinge like a hard session for the region (a supported row instead)."""
    spacing_drop_sets: int = 2
    """The most sets of one isolation pattern a week gives up to space that pattern's sessions
    48 h apart, where the sessions that far apart cannot hold them all."""

    def __post_init__(self) -> None:
        for n in range(self.days[0], self.days[1] + 1):
            _check(len(self.default_weekdays.get(n, ())) == n,
                   f"default_weekdays needs {n} days for {n} sessions")
        _check(self.spacing_drop_sets >= 0, "spacing_drop_sets must not be negative")

    @property
    def min_days_between_hard(self) -> int:
        return -(-self.min_hours_between_hard // 24)


@dataclass(frozen=True)
class SupersetRules:
    """When and how exercises pair into supersets ([supersets])."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    max_rest_between_s: int
    rest_between_s: int
    rounds: Range
    min_session_minutes: int

    def __post_init__(self) -> None:
        _check(self.rest_between_s <= self.max_rest_between_s,
               "rest_between_s is above max_rest_between_s")
        _ordered(self.rounds, "rounds")


@dataclass(frozen=True)
class TimingRules:
    """The time model: seconds per rep, set-up, side switches ([timing])."""

    __pydantic_config__ = _FORBID_EXTRA
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

    def rep_seconds(self, lowering_s: float | None = None) -> float:
        """One rep's seconds; a lowering-only exercise ([limits] lowering_s) takes the top of
        its lowering in place of the guide's 3 s, so a lifter who lowers as slowly as asked
        still finishes on time."""
        if lowering_s is None:
            return self.seconds_per_rep
        return self.seconds_per_rep - self.eccentric_s + max(lowering_s, self.eccentric_s)


@dataclass(frozen=True)
class WarmupRules:
    """Warm-up drills and their length ([warmup])."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    short: int
    short_minutes: float
    medium: int
    medium_minutes: float
    long_minutes: float
    drills: tuple[str, ...]
    needs: dict[str, tuple[str, str]] = field(default_factory=dict)
    """drill -> (the equipment it needs, or "gym"; the drill done instead without it)."""
    instead: dict[str, str] = field(default_factory=dict)
    """drill -> the drill done instead where the lifter may not do its movement
    ([drill_moves]: walking lunges under --exclude lunge or --protect knees)."""

    def minutes_for(self, session_minutes: int) -> float:
        if session_minutes <= self.short:
            return self.short_minutes
        if session_minutes <= self.medium:
            return self.medium_minutes
        return self.long_minutes


@dataclass(frozen=True)
class CooldownRules:
    """Cool-down drills and their length ([cooldown])."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    short: int
    short_minutes: float
    long_minutes: float
    drills: tuple[str, ...]
    needs: dict[str, tuple[str, str]] = field(default_factory=dict)
    """drill -> (the equipment it needs, or "gym"; the drill done instead without it)."""

    def minutes_for(self, session_minutes: int) -> float:
        return self.short_minutes if session_minutes <= self.short else self.long_minutes


@dataclass(frozen=True)
class RotationRules:
    """Block length per level and which plans deload ([rotation])."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    stable_weeks: int
    must_rotate_by_week: int
    block_weeks: dict[Level, int]
    deload_past_weeks: dict[Level, int]
    """A plan of more weeks than this deloads the last week of each block."""
    few_options: dict[Pattern, str] = field(default_factory=dict)
    """The patterns the sessions fill for which some kit has fewer than three catalogue
    exercises to rotate through (issue 10 item 6), with why."""

    def deloads(self, level: Level, weeks: int) -> bool:
        """Whether a plan of `weeks` weeks for this level has planned deload weeks."""
        return weeks > self.deload_past_weeks[level]

    def __post_init__(self) -> None:
        for level, weeks in self.block_weeks.items():
            _check(self.stable_weeks < weeks < self.must_rotate_by_week,
                   f"block_weeks.{level.value} = {weeks} must be above stable_weeks and leave a "
                   f"new block to start by week {self.must_rotate_by_week}")


@dataclass(frozen=True)
class GuideRest:
    """Rest the guide itself gives for a named lift (exercise id -> seconds)."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    seconds: dict[str, int]
    max_reps: int = 12
    """The guide's rests come with its sets of 6-12 reps: a longer set is another dose."""

    def applies(self, exercise_id: str, high: int) -> int | None:
        """The guide's rest for the lift in sets of up to `high` reps, None where it gives none."""
        return self.seconds.get(exercise_id) if high <= self.max_reps else None


@dataclass(frozen=True)
class ProgressionRules:
    """Waves, RPE targets, hinge days and regressions ([progression])."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    wave_sets: int
    wave_min_sets: int
    """The fewest sets a wave's lighter week leaves a main lift (fewer: its reps wave instead)."""
    advanced_rpe: tuple[float, float]
    light_day_rpe_drop: float
    hinge_heavy_days: int
    rep_waves: bool = True
    """Whether a main lift too short for a set wave waves its reps (one rep target a week)."""
    wave_min_weeks: int = 3
    effort_wave_rpe: tuple[float, float] | None = None
    """An intermediate's effort wave: a main lift whose rep wave would leave its session short
    keeps its sets and reps and its RPE target steps from the first to the second across the
    block's training weeks (more load each week; none: such a lift keeps its sets and reps)."""
    """The fewest normal weeks a block needs for its main lifts to wave (a shorter block keeps
    its sets and reps and the plan says so; wave.intermediate judges blocks this long)."""
    regressions: tuple[str, ...] = ()
    regression_kit: dict[str, str] = field(default_factory=dict)
    """A regression that is one only for a lifter with this kit for the full movement (an
    assisted pull-up machine, where no pull-up bar hangs, is the only vertical pull there is)."""
    strength_pulls: tuple[str, ...] = ()
    """Main pulls for trained strength lifters, first preferred, where kit and protections
    allow them."""
    accessory_most_days: int = 2
    """Sessions a week an accessory may come in when the planner swaps one in."""
    light_hinges: tuple[str, ...] = ()
    """The lighter hinge variations, first preferred, for a week's second hinge day."""
    floor_pulls: tuple[str, ...] = ()
    """Deadlifts from the floor: at most one day a week holds one (hinge.floor-pulls)."""
    floor_pull_reps: int = 10
    """A floor pull of this many reps or fewer is the week's heavy hinge (hinge.floor-pulls)."""
    leverage_levels: tuple[Level, ...] = ()
    """Levels whose strength and size plans take, for a main lift nothing can load, the hardest
    variation of its pattern their level allows (a pistol squat, not an air squat)."""
    leverage_source: str | None = None
    """The [sources] key the reason of such a choice cites."""
    hand_held_squats: tuple[str, ...] = ()
    """Main squats, first preferred, for a strength or size plan of these levels whose best
    squat the kit loads is held in the hands (a goblet squat): loaded single-leg squats."""
    hand_held_levels: tuple[Level, ...] = ()
    hand_held_source: str | None = None
    """The [sources] key the reason of such a choice cites."""
    hard_set_min_rpe: float = 6.0
    """The lowest RPE target a main lift is given: a lighter day's sets still count as hard
    sets, so they stay within about 4 reps of failure."""
    rpe_max_reps: int = 12
    """RPE targets only for sets of up to this many reps (the RPE table's range)."""
    high_rep_reserve: tuple[int, int] = (2, 3)
    """Reps a set too long for an RPE target stops short of the point where form breaks."""
    deload_rpe: float | None = None
    """The easy effort a deload week's main lifts aim for (none: the deload names no RPE)."""
    slow_lowering_s: int = 4
    """Seconds a lift with no load to add lowers over once every set reaches its range's top."""
    pause_s: int = 2
    """Seconds of pause at the hardest point of each rep where nothing harder is left."""
    held_squat_lowering_s: int = 3
    """Seconds a two-leg squat loaded only by hand-held weights lowers over (near failure)."""

    def __post_init__(self) -> None:
        lo, hi = self.advanced_rpe
        _check(1 <= self.hard_set_min_rpe < lo,
               "hard_set_min_rpe must be 1 to below advanced_rpe's low (a lighter day is lighter)")
        _check(1 <= self.rpe_max_reps <= 30, "rpe_max_reps must be 1-30")
        _check(0 <= self.high_rep_reserve[0] <= self.high_rep_reserve[1],
               "high_rep_reserve must be low to high")
        _check(1 <= lo <= hi <= 10, "advanced_rpe must be 1-10, low to high")
        _check(self.deload_rpe is None or 1 <= self.deload_rpe < lo,
               "deload_rpe must be 1-10 and easier than advanced_rpe's first week")
        if self.effort_wave_rpe is not None:
            a, b = self.effort_wave_rpe
            _check(self.hard_set_min_rpe <= a < b <= 10,
                   "effort_wave_rpe must rise, from hard_set_min_rpe at least, to 10 at most")
        _check(0 <= self.light_day_rpe_drop < lo, "light_day_rpe_drop must leave a positive RPE")
        _check(self.wave_sets >= 0 and self.hinge_heavy_days >= 1,
               "wave_sets >= 0 and hinge_heavy_days >= 1")
        _check(1 <= self.wave_min_sets <= 6, "wave_min_sets must be 1-6")
        _check(self.wave_min_weeks >= 2, "wave_min_weeks must be 2 or more")

    def regresses(self, exercise_id: str, equipment: Collection[str]) -> bool:
        """Whether `exercise_id` is a regression for a trained lifter owning `equipment`
        (values): listed in regressions, and, where regression_kit names the full movement's
        kit, the lifter has it (never regress a movement the lifter can do)."""
        if exercise_id not in self.regressions:
            return False
        kit = self.regression_kit.get(exercise_id)
        return kit is None or kit in equipment


@dataclass(frozen=True)
class ProtectArea:
    """What `--protect AREA` removes (patterns and exercise ids) and what a coach uses instead."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    patterns: tuple[Pattern, ...]
    exercises: tuple[str, ...]
    removed: str
    instead: str
    # The patterns whose exercises in a plan stand in for what the area removes: its note
    # names them (what the plan does, not what a coach might do).
    replaced_by: tuple[Pattern, ...] = ()
    # Lifts a main slot takes first when the pattern it starts with is one the area removes
    # (a lunge slot under sore knees: a hip thrust, not a second squat).
    prefer: tuple[str, ...] = ()
    # Exercises only a plan that protects this area gets: the work a coach gives that complaint
    # (an isometric hold, a backward walk) where the lifts it removed would do for a healthy one.
    only: tuple[str, ...] = ()
    # Of those, the ones a plan gets only where the lifter can do no other exercise of its
    # pattern (a hold against the other leg where no machine, band, cable, sled or hill loads
    # the knee's extension): the last resort, never a rotation away from loaded work.
    last_resort: tuple[str, ...] = ()
    # The lifts of these patterns the area keeps (the leg press and a box squat under sore
    # knees) bend it in a limited range: their reason tells the lifter `range_cue`, and their
    # sets hold at least `range_min_reps` reps, so the load stays short of near-maximal.
    range_patterns: tuple[Pattern, ...] = ()
    range_min_reps: int = 0
    range_cue: str = ""
    # `{depth}` in range_cue: the first pair whose equipment the lift uses, else whose prop
    # (no load: a bench, a box) the lifter owns, else the "" pair; the cue names no kit the
    # lifter lacks.
    range_depth: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        _check(not self.range_patterns or (bool(self.range_cue) and 1 <= self.range_min_reps <= 30),
               "range_patterns need a range_cue and range_min_reps 1-30")
        _check(("{depth}" in self.range_cue) == bool(self.range_depth)
               and (not self.range_depth or self.range_depth[-1][0] == ""),
               "range_cue's {depth} needs range_depth, ending in a \"\" fallback")

    def range_cues(self) -> tuple[str, ...]:
        """Every cue a lift kept in the limited range may read (one per depth)."""
        if not self.range_depth:
            return (self.range_cue,)
        return tuple(self.range_cue.format(depth=depth) for _, depth in self.range_depth)

    def range_cue_for(self, uses: Collection[str], owns: Collection[str]) -> str:
        """The cue for a lift using kit `uses` for a lifter owning `owns`."""
        if not self.range_depth:
            return self.range_cue
        depth = next((d for kit, d in self.range_depth if kit and kit in uses), None)
        if depth is None:
            depth = next(d for kit, d in self.range_depth
                         if not kit or (kit in owns and kit not in LOAD_EQUIPMENT))
        return self.range_cue.format(depth=depth)


@dataclass(frozen=True)
class MuscleBands:
    """Weekly hard-set bands of one goal, per level: `main` for the main muscles, else its own."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    beginner: dict[str, Range]
    intermediate: dict[str, Range]
    advanced: dict[str, Range]

    def __post_init__(self) -> None:
        for level in Level:
            table = self.of(level)
            _check("main" in table, f"{level.value}: needs a `main` band")
            for name, band in table.items():
                _ordered(band, f"{level.value}.{name}")
                if name != "main":
                    _check(band[1] <= table["main"][0],
                           f"{level.value}.{name}: {band} tops out above the main floor "
                           f"{table['main'][0]}; it would outweigh the legs")

    def of(self, level: Level) -> dict[str, Range]:
        table: dict[str, Range] = getattr(self, level.value)
        return table



@dataclass(frozen=True)
class MuscleVolumeRules:
    """Weekly hard sets per tracked muscle: which catalogue muscles count, and the bands."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    secondary_weight: float
    main: tuple[str, ...]
    muscles: dict[str, tuple[Muscle, ...]]
    """Tracked muscle -> the catalogue muscles that count for it."""
    bands: dict[Goal, MuscleBands]
    assists: dict[Goal, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    """Per goal: tracked muscle -> tracked muscles beside which, as a fellow prime mover, it
    counts at `secondary_weight` (for strength, hypertrophy and endurance alike, the glutes in a
    squat, a lunge or a hinge)."""
    knee_flexion: dict[Goal, dict[Level, int]] = field(default_factory=dict)
    knee_flexion_source: str = "maeo2021"
    """Per goal and level: the weekly hard sets of knee-flexion exercises (leg curls, Nordics,
    sliding curls) a plan keeps where time allows; hamstring sets from hinges do not count."""
    legs: tuple[str, ...] = ()
    """The main muscles of the legs: the core and the calves, past their tops only through the
    lifts' bracing (volume.muscle-bands), never get more weekly sets than any of these."""

    def __post_init__(self) -> None:
        _check(0 <= self.secondary_weight <= 1, "secondary_weight must be in [0, 1]")
        for goal, floors in self.knee_flexion.items():
            _check(set(floors) == set(Level) and all(0 <= n <= 20 for n in floors.values()),
                   f"[muscle_volume.knee_flexion] {goal.value}: 0-20 sets for every level")
        for goal, table in self.assists.items():
            for name, leads in table.items():
                _check(name in self.muscles and set(leads) <= set(self.muscles)
                       and name not in leads,
                       f"[muscle_volume.assists.{goal.value}] {name!r}: unknown muscle")
        for name in self.main:
            _check(name in self.muscles, f"main muscle {name!r} is not in [muscle_volume.muscles]")
        for name in self.legs:
            _check(name in self.main, f"legs muscle {name!r} is not in [muscle_volume] main")
        _check(set(self.bands) == set(Goal), "every goal needs its muscle bands")
        for goal, bands in self.bands.items():
            for level in Level:
                for name in bands.of(level):
                    _check(name == "main" or name in self.muscles,
                           f"{goal.value}.{level.value}: unknown muscle {name!r}")
                for name in self.muscles:
                    _check(name in self.main or name in bands.of(level),
                           f"{goal.value}.{level.value}: no band for {name!r}")

    @cached_property
    def tracked(self) -> tuple[str, ...]:
        """Every tracked muscle, main ones first (worked out once: the planner asks for it
        each time it counts a week)."""
        return (*self.main, *(m for m in self.muscles if m not in self.main))

    def band(self, goal: Goal, level: Level, muscle: str) -> Range:
        """The weekly hard-set band for a tracked muscle; KeyError for an untracked one."""
        if muscle not in self.muscles:
            raise KeyError(muscle)
        table = self.bands[goal].of(level)
        return table[muscle] if muscle in table else table["main"]

    def knee_flexion_floor(self, goal: Goal, level: Level) -> int:
        """The weekly knee-flexion sets for the goal and level (0 where none is given)."""
        return self.knee_flexion.get(goal, {}).get(level, 0)

    def tracked_for(self, muscle: Muscle) -> tuple[str, ...]:
        """The tracked muscles a catalogue muscle counts for (usually one, or none)."""
        found = self._tracked_index.get(muscle)
        if found is None:
            found = tuple(name for name, ms in self.muscles.items() if muscle in ms)
        return found

    @cached_property
    def _tracked_index(self) -> dict[Muscle, tuple[str, ...]]:
        # Every catalogue muscle's answer, worked out on first use: the planner and the checker
        # ask for each set of each exercise they count.
        return {m: tuple(name for name, ms in self.muscles.items() if m in ms) for m in Muscle}

    def shares(self, primary: Iterable[Muscle], secondary: Iterable[Muscle],
               goal: Goal | None) -> dict[str, float]:
        """How much one set counts for each tracked muscle: 1 for a tracked muscle among the
        primary muscles, `secondary_weight` among the secondary ones, at most once per tracked
        muscle (the larger share wins); untracked muscles are left out. For the goal's
        `assists` a prime mover beside one of its leads counts `secondary_weight` too (no goal:
        none do). The one definition the planner, `redwood check` and the four-weekly review
        count volume by."""
        out: dict[str, float] = {}
        for weight, muscles in ((self.secondary_weight, secondary), (1.0, primary)):
            for muscle in muscles:
                for name in self.tracked_for(muscle):
                    out[name] = max(out.get(name, 0.0), weight)
        for name, leads in (self.assists.get(goal, {}) if goal is not None else {}).items():
            if out.get(name) == 1.0 and any(out.get(lead) == 1.0 for lead in leads):
                out[name] = self.secondary_weight
        return {name: share for name, share in out.items() if share > 0}


@dataclass(frozen=True)
class CoachChecks:
    """The checker's own numbers: which patterns a week needs and what makes a hinge heavy."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    pattern_min_days: int
    weekly_patterns: tuple[Pattern, ...]
    heavy_hinge_reps: int
    full_margin_minutes: float
    """A session within this many minutes of its budget has no room for another exercise."""
    above_band_sets: float
    """A muscle this many hard sets or more above its band's top is judged strictly
    (volume.muscle-bands): only items other rules require, at their fewest sets, may put it
    there."""

    def __post_init__(self) -> None:
        _check(self.heavy_hinge_reps >= 1, "heavy_hinge_reps must be at least 1")
        _check(self.full_margin_minutes >= 0, "full_margin_minutes must not be negative")
        _check(self.above_band_sets > 0, "above_band_sets must be positive")


@dataclass(frozen=True)
class DrillEquipment:
    """A word in a warm-up or cool-down drill's name -> the equipment the drill needs."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    needs: dict[str, str]


@dataclass(frozen=True)
class DrillMoves:
    """A word in a warm-up or cool-down drill's name -> (the catalogue exercise the drill does,
    its pattern): a lifter who may not do that exercise does not do the drill."""

    __pydantic_config__ = _FORBID_EXTRA
    source: str
    moves: dict[str, tuple[str, Pattern]]


@dataclass(frozen=True)
class Rules:
    """Everything in rules.toml, typed and checked."""

    __pydantic_config__ = _FORBID_EXTRA
    version: int
    sources: dict[str, str]
    rules: dict[str, RuleText]
    limits: Limits
    goals: dict[Goal, GoalRules]
    timed: TimedRules
    volume: VolumeRules
    dosing: DosingRules
    schedule: ScheduleRules
    supersets: SupersetRules
    timing: TimingRules
    warmup: WarmupRules
    cooldown: CooldownRules
    rotation: RotationRules
    guide_rest: GuideRest
    progression: ProgressionRules
    protect: dict[str, ProtectArea]
    muscle_volume: MuscleVolumeRules
    coach_checks: CoachChecks
    drill_equipment: DrillEquipment
    drill_moves: DrillMoves

    def __post_init__(self) -> None:
        parts: list[_Sourced] = [
            self.limits, self.timed, self.volume, self.dosing, self.schedule, self.supersets,
            self.timing, self.warmup, self.cooldown, self.rotation, *self.goals.values(),
            self.guide_rest, self.progression, *self.protect.values(),
            self.muscle_volume, *self.muscle_volume.bands.values(), *self.rules.values(),
            self.coach_checks, self.drill_equipment, self.drill_moves,
        ]
        for part in parts:
            _check(part.source in self.sources, f"unknown source {part.source!r}")
        _check(set(self.goals) == set(Goal), "every goal needs its rules")
        for g in self.goals.values():
            for key in (g.main_rest_source, g.compound_rest_source):
                _check(key is None or key in self.sources, f"unknown source {key!r}")
        _check(self.muscle_volume.knee_flexion_source in self.sources,
               f"unknown source {self.muscle_volume.knee_flexion_source!r}")
        _check(set(self.rotation.block_weeks) == set(Level), "every level needs block_weeks")
        _check(set(self.rotation.deload_past_weeks) == set(Level),
               "every level needs deload_past_weeks")
        gap = self.volume.deload_max_gap
        for level in Level:
            # Plans the planner deloads must meet deload.regular: a block (its last week the
            # deload) is no longer than the gap, and a plan that never deloads no longer either.
            _check(self.rotation.block_weeks[level] <= gap
                   and self.rotation.deload_past_weeks[level] <= gap,
                   f"{level.value}: block_weeks and deload_past_weeks must keep a deload in "
                   f"every {gap} weeks ([volume] deload_max_gap)")

    def goal(self, goal: Goal) -> GoalRules:
        return self.goals[goal]

    def describe(self, rule_id: str) -> str:
        return self.rules[rule_id].text

    def cite(self, source: str) -> str:
        return self.sources[source]


def parse_rules(text: str) -> Rules:
    """Parse and validate rules TOML; raise RulesError naming the table and key."""
    return validate_toml(text, Rules, "rules.toml", RulesError)


RULES_FILE = RuleFile("rules.toml", parse_rules, cache_name="rules")


def rules_text() -> str:
    return RULES_FILE.text()


def load_rules() -> Rules:
    """The rules shipped with Redwood (parsed once per process, cached between runs)."""
    return RULES_FILE.load()
