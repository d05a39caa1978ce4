"""What every step of building a plan shares: the hot enum members read once as globals,
the plan's error, the exercises this lifter may do (_allowed), a prescription and a
session being drafted (_Draft, _SessionDraft) and what one plan is made from, with what
is worked out once per plan (_Context).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter

from redwood.catalog.loader import Catalog
from redwood.domain.exercise import Exercise
from redwood.domain.plan import (
    Activity,
    Block,
    BlockKind,
    Prescription,
    Profile,
    Role,
    SessionFocus,
)
from redwood.domain.vocabulary import (
    LOAD_EQUIPMENT,
    PATTERN_LABELS,
    Equipment,
    Goal,
    Level,
    Location,
    Measure,
    Mechanic,
    Pattern,
    Region,
    full_gym,
)
from redwood.planner.reps import past_ceiling
from redwood.planner.volume import muscle_shares
from redwood.rules import GoalRules, ProtectArea, Rules
from redwood.rules.sessions import Slot

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import Literal


# Improvised kit: the right choice at home or outdoors, or for a pattern nothing else loads in a
# gym whose list names it; never in a gym with all its kit.
_IMPROVISED = frozenset({Equipment.STAIRS, Equipment.HILL, Equipment.BACKPACK,
                         Equipment.WATER_BOTTLE, Equipment.TOWEL})
# Loads held in the hands: what they can load a two-leg squat with is what the grip holds.
_HAND_HELD = frozenset({Equipment.DUMBBELL, Equipment.KETTLEBELL})
# Equipment that adds load to a movement.
_LOADS = LOAD_EQUIPMENT
# The reason of a main lift cut to one set to fit the session (_trim_once).
_ONE_SET = "One set only: that is what fits your session length [time.budget]."
# Core work is bodyweight work as often as not (a plank, a dead bug): no load to keep there.
_LOAD_OPTIONAL = frozenset({Pattern.CORE})
# What a coach looks for in every normal week (3+ days), in the order notes name them.
WEEKLY_PATTERNS: tuple[Pattern, ...] = (
    Pattern.SQUAT, Pattern.HINGE, Pattern.LUNGE, Pattern.KNEE_FLEXION, Pattern.HORIZONTAL_PULL,
    Pattern.VERTICAL_PULL, Pattern.CALF_RAISE, Pattern.CORE)
_WEEKLY_PATTERNS_FROM_DAYS = 3
_LABELS = PATTERN_LABELS
_SECONDS_PER_MINUTE = 60
# The enum members the hot loops compare with, read once: in Python 3.11 a member read through
# its class (Mechanic.COMPOUND) goes through EnumType.__getattr__'s hook, some twenty times the
# cost of reading a global, and the fitting, cutting and filling read them tens of thousands of
# times a plan.
_COMPOUND = Mechanic.COMPOUND
_REPS = Measure.REPS
_HINGE = Pattern.HINGE
_LEGS, _BACK, _FULL_BODY = Region.LEGS, Region.BACK, Region.FULL_BODY
_FULL_DAY = SessionFocus.FULL
_ENDURANCE, _STRENGTH = Goal.ENDURANCE, Goal.STRENGTH
_SECONDS = Measure.SECONDS
_SINGLE = BlockKind.SINGLE
_PARTNER = attrgetter("partner")
_MAIN_ROLE, _ACCESSORY_ROLE = Role.MAIN, Role.ACCESSORY
# The same for the lines a plan runs most (a few hundred times each: _spaced, the knee-flexion
# counts, the stamp's wave checks, the catalogue filter): 3% of a generation's instructions.
_CORE, _PULLOVER, _KNEE_FLEXION = Pattern.CORE, Pattern.PULLOVER, Pattern.KNEE_FLEXION
_SQUAT, _LUNGE, _VERTICAL_PULL, _SPRINT = (Pattern.SQUAT, Pattern.LUNGE, Pattern.VERTICAL_PULL,
                                           Pattern.SPRINT)
_BEGINNER, _INTERMEDIATE, _ADVANCED = Level.BEGINNER, Level.INTERMEDIATE, Level.ADVANCED
_SUPERSET = BlockKind.SUPERSET
_GYM, _OUTDOOR = Location.GYM, Location.OUTDOOR
_GYM_VALUE = _GYM.value
_BAND, _BACKPACK = Equipment.RESISTANCE_BAND, Equipment.BACKPACK
_CORE_REGION = Region.CORE
_LEGS_DAY = SessionFocus.LEGS


def pattern_label(pattern: Pattern) -> str:
    return _LABELS[pattern]


class PlanError(ValueError):
    """A valid profile that no plan can satisfy: says which rule fails and what to change."""


@dataclass(eq=False, slots=True)
class _Draft:
    """A prescription while the week is still being shaped."""

    slot: Slot
    exercise: Exercise
    sets: int
    low: int
    high: int
    rest_s: int
    rest_why: str
    range_why: str
    why: list[str] = field(default_factory=list)
    rotates: bool = True
    """Whether the slot has another exercise to rotate to in the next block."""
    partner: _Draft | None = None
    """The other exercise of its superset, if any."""
    swapped: bool = False
    """Put in to bring a muscle back inside its band (never swapped again)."""
    lighter_day: bool = False
    """A hinge moved to the week's lighter range (_lighten_hinges): its reps stay put."""
    swap_tried: frozenset[str] = frozenset()
    """The overdosed muscles a lighter swap was last looked for (looked for again only when
    they change)."""
    # Read on every step of the fitting and filling: plain attributes, not properties (the
    # slot and the exercise of a draft never change).
    main: bool = field(init=False)
    compound: bool = field(init=False)
    region: Region = field(init=False)
    set_s: float = 0.0
    """Seconds one set takes (_set_seconds; kept in step wherever `high` changes)."""
    shares: tuple[tuple[str, float], ...] = ()
    """One set's share of each tracked muscle (_Context.share_items of the exercise)."""

    def __post_init__(self) -> None:
        self.main = self.slot.main
        self.compound = self.exercise.mechanic is _COMPOUND
        self.region = self.exercise.region


_Counted = tuple[dict["_Draft", int], dict[str, float], dict[Region, int]]


@dataclass(frozen=True)
class _Context:
    """What one plan is made from, with what is worked out once per plan."""

    profile: Profile
    rules: Rules
    catalog: Catalog
    goal: GoalRules
    weekly_minutes: int
    candidates: dict[tuple[Slot, bool], list[Exercise]] = field(default_factory=dict)
    """Each slot's candidates, worked out once per plan."""
    shares: dict[str, dict[str, float]] = field(default_factory=dict)
    """Each exercise's per-set share of every tracked muscle, worked out once."""
    week_mains: set[str] = field(default_factory=set)
    """The week's main lifts: never an accessory too (that would load them three times)."""
    week_pullover: list[bool] = field(default_factory=lambda: [True])
    """Whether the week being stamped holds a pullover with sets (_stamp_week sets it; a list:
    the context is frozen): a row's reason says "the week's pullover works the lats" only
    then."""
    allowed_cache: list[Exercise] = field(default_factory=list)
    usable_cache: list[Exercise] = field(default_factory=list)
    usable_by_id: dict[str, Exercise] = field(default_factory=dict)
    band_cache: dict[str, tuple[int, int]] = field(default_factory=dict)
    options_cache: dict[str, list[Exercise]] = field(default_factory=dict)
    share_tuples: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    pair_gains: dict[tuple[str, str], tuple[tuple[str, float], ...]] = field(
        default_factory=dict)
    """A superset round's muscles and their sets (both exercises' shares added in order, those
    above 0), by the pair's exercise ids (_Tally.room)."""
    region_cache: dict[Region, list[Exercise]] = field(default_factory=dict)
    movers: dict[str, list[Exercise]] = field(default_factory=dict)
    """The usable exercises that train each muscle as a prime mover, in `usable`'s order (one
    pass over the usable exercises for every muscle, _muscle_options)."""
    progress_steps: dict[str, str] = field(default_factory=dict)
    """_progress_step's words per exercise, worked out once."""
    openers: dict[int, list[_Draft]] = field(default_factory=dict)
    """Block 1's main-slot lifts per session (exercise, reasons): later blocks open with the
    same, so a lift swapped to fit the time stays all plan."""
    region_options: dict[tuple[Region, int],
                         list[tuple[Exercise, tuple[tuple[str, float], ...]]]] = field(
        default_factory=dict)
    """_stand_ins_out's lists, by region and count of the week's main lifts."""
    lighter_cache: dict[tuple[object, ...], list[tuple[float, Exercise,
                                                       tuple[tuple[str, float], ...]]]] = field(
        default_factory=dict)
    lighter_kinds: dict[tuple[object, ...],
                        list[tuple[Exercise, tuple[tuple[str, float], ...]]]] = field(
        default_factory=dict)
    """_lighter_kind's lists: _lighter_options' before their loads, by region, count of the
    week's main lifts, measure, pattern and kind."""
    supersets: dict[tuple[int, int, int, int, bool], Block] = field(default_factory=dict)
    block_seconds: dict[int, tuple[Block, float]] = field(default_factory=dict)
    """The stamped blocks' seconds (timing.block_seconds) by block id, with the block."""
    singles: dict[int, Block] = field(default_factory=dict)
    """The stamped weeks' single blocks, by their prescription's id."""
    """The stamped weeks' superset blocks by drafts, rounds, block and deload."""
    over_loads: dict[frozenset[str], dict[str, float]] = field(default_factory=dict)
    """_cut_once's load of each exercise on a set of overdosed muscles."""
    doses: dict[tuple[str, bool], tuple[int, int, int, int, str, str, float,
                                        tuple[tuple[str, float], ...]]] = field(
        default_factory=dict)
    """_draft's sets, range, rest and time per (exercise, main)."""
    extra_drafts: dict[str, _Draft] = field(default_factory=dict)
    order_cache: dict[str, tuple[bool, bool, int, int]] = field(default_factory=dict)
    bookends_cache: dict[tuple[str, float | None], tuple[Activity, ...]] = field(
        default_factory=dict)
    main_ids_cache: dict[tuple[SessionFocus, int], frozenset[str]] = field(default_factory=dict)
    lats_slots: dict[Slot, Slot | Literal[False]] = field(default_factory=dict)
    """_lats_slot's answers, per slot (False: the slot keeps its own patterns)."""
    main_choices: dict[tuple[Slot, frozenset[str], frozenset[Pattern]],
                       tuple[Exercise, list[str], bool] | None] = field(default_factory=dict)
    """_choose's answers for main slots (a copy of the reasons goes out each time)."""
    hand_held: set[str] = field(default_factory=set)
    """The split squats _hand_held_squat made main squats: the plan has said that a two-leg
    squat needs more than the lifter's hands can hold (_held_squat_range, _one_leg_main)."""
    squat_for_hinge: list[str] = field(default_factory=list)
    """The muscles whose bands cannot hold a hinge on every legs day (_hinges_overdose): a
    hinge day past hinge_heavy_days then takes a two-leg squat as its main lift, not the hinge
    _one_leg_main would otherwise keep there."""
    stale: set[str] = field(default_factory=set)
    """The accessories of the block before the one being built: a new block rotates to what
    the lifter has not just done, not to another day's accessory (_fresh_first)."""
    prescriptions: dict[tuple[object, ...], Prescription] = field(default_factory=dict)
    pattern_index: dict[bool, dict[Pattern, list[tuple[int, Exercise]]]] = field(
        default_factory=dict)
    waved: set[tuple[int, str]] = field(default_factory=set)
    """(block, main lift) pairs whose sets wave up across the block (intermediates)."""
    rep_waved: set[tuple[int, str]] = field(default_factory=set)
    """(block, main lift) pairs whose reps wave up across the block (intermediates)."""
    effort_waved: dict[tuple[int, str], str] = field(default_factory=dict)
    """(block, main lift) pairs whose RPE target waves up across the block at the same sets
    and reps (intermediates whose rep wave would leave a session short), with why."""
    flat: dict[tuple[int, str], str] = field(default_factory=dict)
    """(block, main lift) pairs of a block long enough to wave whose sets and reps stay put,
    with why (the progression note names them: wave.intermediate)."""
    cut_drafts: set[tuple[int, int]] = field(default_factory=set)
    """(block, draft id) of the main lifts whose sets wave: their reps do not (the block's
    drafts live as long as the plan is made)."""
    rep_wave_ok: dict[tuple[int, int], bool] = field(default_factory=dict)
    """(block, draft id): whether the main lift's reps wave, decided in the block's first
    week so every week of the block does the same."""
    short_blocks: dict[int, int] = field(default_factory=dict)
    """Blocks with too few normal weeks to wave ([progression] wave_min_weeks): their normal
    weeks."""
    no_deload: set[int] = field(default_factory=set)
    """Blocks whose last week stays a normal week: no deload could cut it (_can_deload)."""
    stand_ins: dict[tuple[Pattern, Measure, Mechanic], bool] = field(default_factory=dict)
    """_band_stand_in's answer per pattern, measure and mechanic."""
    catalog_patterns: dict[Pattern, list[Exercise]] = field(default_factory=dict)
    other_options: dict[Pattern, bool] = field(default_factory=dict)
    """_other_option's answer per pattern."""
    gym_loads: dict[Pattern, bool] = field(default_factory=dict)
    """_gym_loads's answer per pattern."""
    session_whys: dict[tuple[int, int, int | None, frozenset[int]], tuple[str, ...]] = field(
        default_factory=dict)
    spacing: list[bool] = field(default_factory=lambda: [False])
    """([0]) Whether the week being built is _block_week's thinned build: its fill and lighter swaps
    keep isolation away from the same pattern's work a day away (the first build is the
    planner without them)."""
    counted: list[_Counted] = field(default_factory=list)
    """_Tally.of's last count (one at most): each draft's sets, and the totals."""
    exact_counts: bool = field(init=False)
    """Whether every share is a whole number of 1/1024ths (secondary_weight 0.5 is): then every
    sum of the week's sets is exact in any order, and _Tally.of may count only what changed."""
    loaded_patterns_cache: dict[int, frozenset[Pattern]] = field(default_factory=dict)
    """The patterns the lifter can load with an exercise that is no main lift of the week
    (_unloaded_stand_in), by the number of the week's main lifts (they only ever grow)."""
    # The time model's constants, read at every step of the fitting and filling.
    setup_s: float = field(init=False)
    pair_rest_s: float = field(init=False)
    round_rest_s: float = field(init=False)
    only_out: frozenset[str] = field(init=False)
    """The ids of a protected area's own work ([protect.*] only) for areas this plan does not
    protect (_open_to asks for every exercise of the catalogue)."""
    last_resort: frozenset[str] = field(init=False)
    """The ids of the protected areas' last resorts ([protect.*] last_resort) this plan
    protects: open only where no other exercise of their pattern is (_other_option)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "setup_s", self.rules.timing.setup_s)
        object.__setattr__(self, "pair_rest_s", self.rules.supersets.rest_between_s)
        object.__setattr__(self, "round_rest_s", self.goal.superset_round_rest_s)
        areas = self.rules.protect
        kept = {i for a in self.profile.protect for i in areas[a].only}
        object.__setattr__(self, "only_out", frozenset(
            i for r in areas.values() for i in r.only if i not in kept))
        object.__setattr__(self, "last_resort", frozenset(
            i for a in self.profile.protect for i in areas[a].last_resort))
        object.__setattr__(self, "exact_counts",
                           (self.rules.muscle_volume.secondary_weight * 1024).is_integer())

    @property
    def allowed(self) -> list[Exercise]:
        """Every curated exercise this lifter's level, exclusions and complaints allow."""
        if not self.allowed_cache:
            self.allowed_cache.extend(ex for ex in self.catalog
                                      if ex.source == "redwood" and _allowed(ex, self))
        return self.allowed_cache

    @property
    def usable(self) -> list[Exercise]:
        """The allowed exercises this lifter has the kit for."""
        if not self.usable_cache:
            self.usable_cache.extend(ex for ex in self.allowed
                                     if ex.available_with(self.profile.equipment))
        return self.usable_cache

    @cached_property
    def floor_pulls(self) -> frozenset[str]:
        """[progression] floor_pulls: deadlifts from the floor (hinge.floor-pulls); made once
        a plan (the trades ask it inside their loops)."""
        return frozenset(self.rules.progression.floor_pulls)

    def usable_one(self, exercise_id: str) -> Exercise | None:
        """The usable exercise of that id, if any: a look-up, not a scan of `usable`."""
        if not self.usable_by_id:
            self.usable_by_id.update((ex.id, ex) for ex in self.usable)
        return self.usable_by_id.get(exercise_id)

    @property
    def supersets_on(self) -> bool:
        """Supersets on and the session long enough for them (shorter ones go without): the
        planner may pair accessories where that saves time (_pair); a superset is never a
        reason to add one."""
        return (self.profile.supersets and
                self.profile.minutes_per_session >= self.rules.supersets.min_session_minutes)

    @property
    def budget_s(self) -> float:
        return self.profile.minutes_per_session * _SECONDS_PER_MINUTE

    def band(self, muscle: str) -> tuple[int, int]:
        found = self.band_cache.get(muscle)
        if found is None:
            p = self.profile
            found = self.band_cache[muscle] = self.rules.muscle_volume.band(p.goal, p.level,
                                                                            muscle)
        return found

    def share_items(self, ex: Exercise) -> tuple[tuple[str, float], ...]:
        """share(ex) as a tuple of (muscle, share), worked out once per exercise."""
        items = self.share_tuples.get(ex.id)
        if items is None:
            items = self.share_tuples[ex.id] = tuple(self.share(ex).items())
        return items

    def by_region(self, region: Region) -> list[Exercise]:
        """The usable exercises of a region (worked out once)."""
        found = self.region_cache.get(region)
        if found is None:
            found = self.region_cache[region] = [ex for ex in self.usable
                                                 if ex.region is region]
        return found

    def share(self, ex: Exercise) -> dict[str, float]:
        found = self.shares.get(ex.id)
        if found is None:
            found = self.shares[ex.id] = muscle_shares(ex.primary_muscles, ex.secondary_muscles,
                                                       self.rules.muscle_volume,
                                                       self.profile.goal)
        return found

    def protected(self, ex: Exercise) -> bool:
        for area in self.profile.protect:
            rule = self.rules.protect[area]
            if ex.pattern in rule.patterns or ex.id in rule.exercises:
                return True
        return False

    def limited_range(self, ex: Exercise) -> tuple[str, ProtectArea] | None:
        """The protected area (its name and rule) that keeps `ex` in a limited range: the leg
        press under sore knees ([protect.*] range_patterns)."""
        for area in self.profile.protect:
            rule = self.rules.protect[area]
            if ex.pattern in rule.range_patterns:
                return area, rule
        return None


def _excluded(ex: Exercise, exclude: Sequence[str]) -> bool:
    return bool(exclude) and (ex.id in exclude or ex.pattern.value in exclude)


def _allowed(ex: Exercise, ctx: _Context) -> bool:
    """Level, exclusions, protected areas, regressions and the gym's kit allow `ex`."""
    return _open_to(ex, ctx) and not _band_stand_in(ex, ctx)


def _open_to(ex: Exercise, ctx: _Context, *, any_level: bool = False) -> bool:
    """_allowed but for band stand-ins: level (unless `any_level`: a variation to progress
    to), exclusions, protected areas, regressions, the goal's reps and the gym's kit."""
    p = ctx.profile
    if (not (any_level or ex.suits(p.level)) or _excluded(ex, p.exclude)
            or ctx.protected(ex)):
        return False
    # A protected area's own work ([protect.*] only) is for a plan that protects it.
    if ex.id in ctx.only_out:
        return False
    if ex.id in ctx.last_resort and _other_option(ex, ctx):
        return False
    if (p.level is not _BEGINNER and ex.id in ctx.rules.progression.regressions
            and ctx.rules.progression.regresses(ex.id, {e.value for e in p.equipment})):
        # (the kit's set is made only for the few listed regressions: this runs for every
        # catalogue exercise many times a plan)
        return False
    if _too_many_reps(ex, ctx):
        return False
    # A table or a door frame is at home, a low bar in a park: the tags say which.
    if "indoors" in ex.tags and p.location is _OUTDOOR:
        return False
    if "park" in ex.tags and p.location is not _OUTDOOR:
        return False
    # Improvised kit is no gym's choice where the gym's own kit loads the pattern (a barbell
    # loads the squat), but a gym "with only" a list that names a backpack or stairs has them
    # as the lifter's own kit: they load what the list has nothing else for (issue 10 items 6
    # and 9).
    return not (p.location is _GYM and not _IMPROVISED.isdisjoint(ex.equipment)
                and (full_gym(_GYM_VALUE, p.equipment) or _gym_loads(ex.pattern, ctx)))


def _gym_loads(pattern: Pattern, ctx: _Context) -> bool:
    """Whether the gym's own kit (no improvised kit) loads an exercise of `pattern` that the
    lifter may do: asked once per pattern. A band is no gym's load for a lifter with machines
    or cables, as check reads it (a banded squat beside a backpack in a gym with cables: the
    backpack loads the squat, and the band stands in for nothing)."""
    found = ctx.gym_loads.get(pattern)
    if found is None:
        if not ctx.catalog_patterns:  # the catalogue by pattern, once per plan
            for other in ctx.catalog:
                ctx.catalog_patterns.setdefault(other.pattern, []).append(other)
        # Provisional while asked: an option's own question (a last resort's _other_option)
        # comes back here, and a gym's improvised kit is no option in the meantime.
        ctx.gym_loads[pattern] = True
        found = ctx.gym_loads[pattern] = any(
            _IMPROVISED.isdisjoint(other.equipment) and _is_loaded(other)
            and not _band_only(other, ctx)  # (so no band stand-in either)
            and other.available_with(ctx.profile.equipment) and _open_to(other, ctx)
            for other in ctx.catalog_patterns.get(pattern, ()))
    return found


def _other_option(ex: Exercise, ctx: _Context) -> bool:
    """Whether the lifter can do another exercise of `ex`'s pattern that no protected area
    keeps as its last resort ([protect.*] last_resort): asked once per pattern."""
    found = ctx.other_options.get(ex.pattern)
    if found is None:
        if not ctx.catalog_patterns:  # the catalogue by pattern, once per plan
            for other in ctx.catalog:
                ctx.catalog_patterns.setdefault(other.pattern, []).append(other)
        found = ctx.other_options[ex.pattern] = any(
            other.id not in ctx.last_resort and other.available_with(ctx.profile.equipment)
            and _open_to(other, ctx) and not _band_stand_in(other, ctx)
            for other in ctx.catalog_patterns.get(ex.pattern, ()))
    return found


_BAND_KIT = frozenset({Equipment.RESISTANCE_BAND, Equipment.BENCH, Equipment.PULL_UP_BAR})
_MACHINE_OR_CABLE = frozenset({Equipment.MACHINE, Equipment.CABLE})


def _band_only(ex: Exercise, ctx: _Context) -> bool:
    """Whether `ex` is loaded by a band alone (with at most a bench or a bar) for a lifter who
    has machines or cables."""
    return (_BAND in ex.equipment and not set(ex.equipment) - _BAND_KIT
            and not _MACHINE_OR_CABLE.isdisjoint(ctx.profile.equipment))


def _band_stand_in(ex: Exercise, ctx: _Context) -> bool:
    """A band as the only load (a band leg extension, a band Pallof press) for a lifter who has
    the machines or cables it stands in for, where the pattern has another exercise they can
    do: equipment-bound, so chosen only where the equipment is the reason."""
    p = ctx.profile
    if not _band_only(ex, ctx):
        return False
    # The same answer for every band exercise of a pattern, measure and mechanic: asked once.
    key = (ex.pattern, ex.measure, ex.mechanic)
    found = ctx.stand_ins.get(key)
    if found is None:
        if not ctx.catalog_patterns:  # the catalogue by pattern, once per plan
            for other in ctx.catalog:
                ctx.catalog_patterns.setdefault(other.pattern, []).append(other)
        found = ctx.stand_ins[key] = any(
            other.source == "redwood" and other.pattern is ex.pattern
            and other.measure is ex.measure and other.mechanic is ex.mechanic
            # a machine-assisted pull-up's machine takes load off: no load a band stands in for
            and set(other.equipment) - _BAND_KIT and _is_loaded(other)
            and other.available_with(p.equipment)
            and _open_to(other, ctx) for other in ctx.catalog_patterns.get(ex.pattern, ()))
    return found


def _too_many_reps(ex: Exercise, ctx: _Context) -> bool:
    return ex.measure is _REPS and past_ceiling(ex, ctx.goal, ctx.profile.level,
                                                       ctx.rules.limits)


def _is_loaded(ex: Exercise) -> bool:
    """Whether the exercise carries external load (a bench or a pull-up bar is no load, nor an
    inverted row's barbell, tagged bodyweight: the bar is only the handle)."""
    return not _LOADS.isdisjoint(ex.equipment) and "bodyweight" not in ex.tags


@dataclass(eq=False, slots=True)
class _SessionDraft:
    """A session while the week is still being shaped."""

    focus: SessionFocus
    variant: int
    drafts: list[_Draft]
    warmup: tuple[Activity, ...]
    cooldown: tuple[Activity, ...]
    solo: set[str] = field(default_factory=set)
    """Exercises kept out of supersets (a superset's rounds would take a muscle above its
    band, and the session keeps another superset or needs none)."""
    max_pairs: int | None = None
    """At most this many supersets (set when a muscle's band needs a pair split up)."""
    bookends: tuple[tuple[Activity, ...], tuple[Activity, ...], float] = ((), (), 0.0)
    """The warm-up and cool-down _bookends last added up, with their minutes."""
    units_kept: tuple[tuple[_Draft | None, ...], list[tuple[_Draft, ...]]] = ((None,), [])
    """_units' last answer, with the drafts and their partners it was made from."""
    day: int = 0
    """Days from the start of the plan week (WeekShape.offsets): which sessions are a day
    apart (_near)."""

    def pairs(self) -> int:
        return sum(d.partner is not None for d in self.drafts) // 2

    def has_hinge(self) -> bool:
        for d in self.drafts:  # noqa: SIM110 (a loop, not any(): asked at many steps)
            if d.exercise.pattern is _HINGE and d.compound:
                return True
        return False


def _sets(n: float) -> str:
    return f"{n:g} set" + ("" if n == 1 else "s")


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
