"""Build a multi-week plan from a profile, following the rules in rules.toml.

The steps, in order:
1. schedule: pick the weekdays and give each a focus (full body, legs, back) so that no region is
   loaded by compound lifts twice within 48 h;
2. select: fill each session's template slots with exercises the lifter's equipment, level,
   exclusions and protected areas allow; main lifts stay for the whole plan, accessories rotate
   every block; hinges come at most two days a week; every pattern a coach expects (squat, hinge,
   single-leg, knee flexion, both pulls, calves, core) is added where the week lacks it; the
   templates' isolation work of one pattern (leg curls, calf raises) stays only in sessions
   48 h apart;
3. fit: straight sets for the main lifts, accessories paired legs-with-back into supersets, and
   trimmed (accessories first, main lifts last) until the session fits the minutes;
4. fill: spare time goes first to more sets of the main lifts, then to the muscles furthest
   below their weekly band (rules.toml [muscle_volume], counted by planner/volume.py), adding an
   exercise when the session has room, until every muscle reaches the top of its band; then
   isolation work of one pattern (calf raises, leg curls) moves off days less than 48 h apart
   where that costs no set and no minutes, and where the week holds it on more days than it can
   space (or one isolation exercise on three days) its sets join the pattern's work on another
   day, or drop while every muscle keeps its band's floor; knee flexion below its weekly floor
   ([muscle_volume.knee_flexion]), or the hamstrings below theirs, then gets curl sets that
   the work filling a co-trained muscle's band gives up (an accessory first, a main lift only
   above the goal's sets), or a second curl on a day 48 h from the first;
5. stamp the weeks with dates and progression: beginners repeat the scheme and add load,
   intermediates wave their main-lift sets across the block, advanced lifters get RPE targets
   and lighter days; deload weeks halve every exercise's sets.

Every prescription carries `why`: sentences that each name the rule they follow, e.g.
"[reps.goal-range]", and state the item's own sets, reps and rest.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import partial
from operator import attrgetter

from redwood.catalog.loader import Catalog
from redwood.domain.exercise import Exercise
from redwood.domain.plan import (
    Activity,
    Block,
    BlockKind,
    Plan,
    Prescription,
    Profile,
    Role,
    SessionFocus,
    TrainingSession,
    Week,
)
from redwood.domain.vocabulary import (
    LOAD_EQUIPMENT,
    PATTERN_LABELS,
    TRAINED_REGIONS,
    Equipment,
    Goal,
    Level,
    Location,
    Measure,
    Mechanic,
    Pattern,
    Region,
    Weekday,
    full_gym,
)
from redwood.planner.reps import capped_reps, goal_reps, past_ceiling
from redwood.planner.schedule import WeekShape, plan_week, session_dates
from redwood.planner.volume import muscle_shares, room_for_a_set, week_muscle_sets
from redwood.rules import GoalRules, ProtectArea, Rules
from redwood.rules.sessions import Slot, Templates, load_templates

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import Literal

# Improvised kit: the right choice at home or outdoors, never in a gym.
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
_ENDURANCE = Goal.ENDURANCE
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

    def __post_init__(self) -> None:
        object.__setattr__(self, "setup_s", self.rules.timing.setup_s)
        object.__setattr__(self, "pair_rest_s", self.rules.supersets.rest_between_s)
        object.__setattr__(self, "round_rest_s", self.goal.superset_round_rest_s)
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


# --------------------------------------------------------------------------------------------
# Selecting exercises


def _tiebreak(seed: int, exercise_id: str) -> int:
    # crc32, not hash(): str hashes change between processes and plans must be reproducible.
    return zlib.crc32(f"{seed}:{exercise_id}".encode())


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
    if p.level is not _BEGINNER and ex.id in ctx.rules.progression.regressions:
        return False
    if _too_many_reps(ex, ctx):
        return False
    # A table or a door frame is at home, a low bar in a park: the tags say which.
    if "indoors" in ex.tags and p.location is _OUTDOOR:
        return False
    if "park" in ex.tags and p.location is not _OUTDOOR:
        return False
    return not (p.location is _GYM and not _IMPROVISED.isdisjoint(ex.equipment))


_BAND_KIT = frozenset({Equipment.RESISTANCE_BAND, Equipment.BENCH, Equipment.PULL_UP_BAR})


def _band_stand_in(ex: Exercise, ctx: _Context) -> bool:
    """A band as the only load (a band leg extension, a band Pallof press) for a lifter who has
    the machines or cables it stands in for, where the pattern has another exercise they can
    do: equipment-bound, so chosen only where the equipment is the reason."""
    p = ctx.profile
    if (_BAND not in ex.equipment or set(ex.equipment) - _BAND_KIT
            or not {Equipment.MACHINE, Equipment.CABLE} & set(p.equipment)):
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


def _candidates(slot: Slot, ctx: _Context, *, with_equipment: bool) -> list[Exercise]:
    key = (slot, with_equipment)  # one look-up: a slot hashes all its fields every time
    found = ctx.candidates.get(key)
    if found is None:
        found = ctx.candidates[key] = _find_candidates(slot, ctx, with_equipment=with_equipment)
    return found


def _capped_loaded(chosen: Exercise, ctx: _Context) -> list[Exercise]:
    """Loaded lifts of `chosen`'s pattern and mechanic that the lifter's kit, level, exclusions
    and protected areas allow, left out only because a set of them stays under the goal's reps
    ([limits] exercise_reps: a deadlift in an endurance plan)."""
    p = ctx.profile
    return [ex for ex in ctx.catalog
            if ex.pattern is chosen.pattern and ex.mechanic is chosen.mechanic
            and _is_loaded(ex) and ex.available_with(p.equipment) and ex.suits(p.level)
            and not _excluded(ex, p.exclude) and not ctx.protected(ex)
            and _too_many_reps(ex, ctx)]


def _is_loaded(ex: Exercise) -> bool:
    """Whether the exercise carries external load (a bench or a pull-up bar is no load, nor an
    inverted row's barbell, tagged bodyweight: the bar is only the handle)."""
    return not _LOADS.isdisjoint(ex.equipment) and "bodyweight" not in ex.tags


def _loaded_first(ctx: _Context) -> bool:
    """Strength and size need load: an unloaded movement only when nothing loads it."""
    return ctx.profile.goal is not _ENDURANCE


def _unloaded_stand_in(ex: Exercise, ctx: _Context) -> bool:
    """An unloaded exercise of a pattern the lifter can load, in a plan for strength or size: a
    bodyweight calf raise where a kettlebell one is usable (issue 10, item 6: load what can be
    loaded)."""
    if not _loaded_first(ctx) or _is_loaded(ex) or ex.pattern in _LOAD_OPTIONAL:
        return False
    mains = ctx.week_mains  # only ever grows: its size says which main lifts it holds
    found = ctx.loaded_patterns_cache.get(len(mains))
    if found is None:  # a main lift is no accessory too: it does not count as the loaded option
        found = ctx.loaded_patterns_cache[len(mains)] = frozenset(
            x.pattern for x in ctx.usable if _is_loaded(x) and x.id not in mains)
    return ex.pattern in found


def _find_candidates(slot: Slot, ctx: _Context, *, with_equipment: bool) -> list[Exercise]:
    p = ctx.profile
    index = ctx.pattern_index.get(with_equipment)
    if index is None:  # each pattern's exercises with their place in the list, once per plan
        index = ctx.pattern_index[with_equipment] = {}
        for at, ex in enumerate(ctx.usable if with_equipment else ctx.allowed):
            index.setdefault(ex.pattern, []).append((at, ex))
    # The slot's patterns' exercises in the list's order, as a scan of the whole list gives
    # (the places are unique: the pairs sort by them alone).
    pool = sorted(pair for pattern in set(slot.patterns) for pair in index.get(pattern, ()))
    # What fits the slot: the pool is curated exercises of its patterns already; main lifts are
    # prescribed in the goal's rep range, so a timed hold can't be one.
    reps_only, mechanic, region, avoid = slot.main, slot.mechanic, slot.region, slot.avoid
    found = [ex for _, ex in pool
             if (not reps_only or ex.measure is _REPS)
             and (mechanic is None or ex.mechanic is mechanic)
             and (region is None or ex.region is region) and ex.id not in avoid]
    loaded = _loaded_first(ctx)
    order = ctx.order_cache  # the key's parts that do not depend on the slot, once per plan
    for ex in found:
        if ex.id not in order:
            order[ex.id] = (loaded and not _is_loaded(ex), ex.measure is not _REPS,
                            ex.rank, _tiebreak(p.seed, ex.id))
    first: dict[Pattern, int] = {}  # each pattern's place in the slot (its first)
    for at, pattern in enumerate(slot.patterns):
        first.setdefault(pattern, at)
    pulls = _strength_pulls(slot, ctx)
    found.sort(key=lambda ex: (first[ex.pattern], pulls.get(ex.id, len(pulls)), *order[ex.id]))
    if not slot.main and loaded:
        # Rotate among loaded options only: a kettlebell calf raise never rotates to a
        # bodyweight one while the kettlebell is there (with `loaded`, an order's first part
        # says the exercise carries no load; a main lift of the week is no option here).
        # Core work keeps its bodyweight options unless two loaded ones can rotate.
        by_pattern = [ex for ex in found if ex.pattern is found[0].pattern] if found else []
        if sum(not order[ex.id][0] for ex in by_pattern) >= 2 or (
                by_pattern and found[0].pattern not in _LOAD_OPTIONAL
                and any(not order[ex.id][0] and ex.id not in ctx.week_mains
                        for ex in by_pattern)):
            found = [ex for ex in found
                     if not order[ex.id][0] or ex.pattern is not found[0].pattern]
    return found


def _strength_pulls(slot: Slot, ctx: _Context) -> dict[str, int]:
    """A main pull's preferred lifts for a trained strength lifter, in order ([progression]
    strength_pulls: a weighted pull-up and a barbell row before a pulldown and a supported row);
    empty for other slots, goals and beginners."""
    if (not slot.main or slot.region is not Region.BACK or ctx.profile.goal is not Goal.STRENGTH
            or ctx.profile.level is Level.BEGINNER):
        return {}
    return {i: at for at, i in enumerate(ctx.rules.progression.strength_pulls)}


def _pattern_muscles(pattern: Pattern, ctx: _Context) -> frozenset[str]:
    """The tracked muscles the catalogue's curated exercises of `pattern` train as prime
    movers (squat: quadriceps and glutes), whatever the lifter may do."""
    return frozenset(m for ex in ctx.catalog if ex.source == "redwood" and ex.pattern is pattern
                     for m, sh in ctx.share_items(ex) if sh >= 1.0)


def _any_compound(slot: Slot, skip: frozenset[Pattern]) -> Slot:
    """A main slot widened to every pattern but `skip` (the slot's own first): what
    session.min-compounds counts is a compound lift of the slot's region, whatever its
    pattern."""
    return replace(slot, patterns=(*slot.patterns, *(p for p in Pattern
                                                     if p not in slot.patterns and p not in skip)))


def _choose(slot: Slot, ctx: _Context, used: set[str], block_index: int,
            variant: int, week_mains: frozenset[str] = frozenset(),
            skip: frozenset[Pattern] = frozenset()) -> tuple[Exercise, list[str], bool] | None:
    """The slot's exercise, its reasons and whether it rotates (None: nothing fits)."""
    if not slot.main:
        return _choose_new(slot, ctx, used, block_index, variant, week_mains, skip)
    # A main slot's choice depends on the slot, what the session already holds and the
    # patterns left out, never on the block, the variant or the week's other main lifts
    # (those steer accessories): _main_ids and every block's _select ask the same, made once.
    key = (slot, frozenset(used), skip)
    if key in ctx.main_choices:
        found = ctx.main_choices[key]
    else:
        found = ctx.main_choices[key] = _choose_new(slot, ctx, used, block_index, variant,
                                                    week_mains, skip)
    return None if found is None else (found[0], list(found[1]), found[2])


def _choose_new(slot: Slot, ctx: _Context, used: set[str], block_index: int,
                variant: int, week_mains: frozenset[str],
                skip: frozenset[Pattern]) -> tuple[Exercise, list[str], bool] | None:
    pool = [ex for ex in _candidates(slot, ctx, with_equipment=True) if ex.id not in used]
    if slot.main and not pool:
        # Every pattern the slot names is left out: any compound of its region keeps the
        # session's compound lifts ([dosing] min_compounds counts compounds of any pattern).
        slot = _any_compound(slot, skip)
        pool = [ex for ex in _candidates(slot, ctx, with_equipment=True) if ex.id not in used]
    if slot.main and slot.region is _LEGS and not used.isdisjoint(ctx.hand_held):
        one_leg = _one_leg_main(pool, skip, ctx)
        if one_leg is None:
            return None
        pool = one_leg
    if not slot.main:
        # An accessory that is another session's main lift would load it three times a week.
        pool = [ex for ex in pool if ex.id not in week_mains] or pool
        # Nor a second accessory of a pattern the session holds (pattern.once-per-session):
        # a slot of two patterns rotates into its second where its first has one option.
        taken = {x.pattern for i in used if i not in week_mains
                 and (x := ctx.catalog.get(i)) is not None}
        pool = [ex for ex in pool if ex.pattern not in taken] or pool
        if ctx.profile.level in ctx.rules.progression.hand_held_levels and any(
                i in ctx.rules.progression.hand_held_squats for i in used):
            # The session's split squat is its single-leg work: this slot squats on two legs,
            # for more reps than the main lifts (_held_squat_range: the hands cannot load it).
            pool = [ex for ex in pool if ex.pattern is not _LUNGE] or pool
            # Its squats are loaded where the kit loads one: the slot's lunge options were the
            # loaded ones _find_candidates kept, not its squats (issue 10 item 6: a goblet
            # squat, not an air squat or a jump squat, beside a kettlebell split squat).
            squats = [ex for ex in pool if ex.pattern is _SQUAT]
            if _loaded_first(ctx) and any(_is_loaded(ex) for ex in squats):
                pool = [ex for ex in pool if ex.pattern is not Pattern.SQUAT or _is_loaded(ex)]
        # The slot's first pattern when it has any option: rotation stays inside it.
        first = [ex for ex in pool if ex.pattern is pool[0].pattern] if pool else []
        pool = first if len(first) >= 2 else pool
    if not pool:
        return None
    if slot.main and pool[0].pattern is not slot.patterns[0]:
        # A fallback pattern (no squat allowed: a hinge) takes the variation closest to what
        # the slot was for, by the muscles its own pattern trains (a trap-bar deadlift works
        # the quadriceps a squat slot is there for; a stable sort keeps the order otherwise).
        # Of the fallback pattern's lifts, loaded before unloaded first, as _find_candidates
        # orders the pool (issue 10 item 6: a hinge slot left to squats takes the kettlebell
        # front squat beside the goblet squat, not an air squat that works the glutes a little
        # more); the pool's later patterns stay behind it.
        aim = _pattern_muscles(slot.patterns[0], ctx)
        fallback, heavy = pool[0].pattern, _loaded_first(ctx)
        pool = sorted(pool, key=lambda ex: (
            ex.pattern is not fallback, heavy and not _is_loaded(ex),
            -sum(sh for m, sh in ctx.share_items(ex) if m in aim and ex.pattern is fallback)))
        areas = [ctx.rules.protect[a] for a in ctx.profile.protect]
        prefer = [x for r in areas if slot.patterns[0] in r.patterns for x in r.prefer]
        if prefer:  # what a coach writes for the area in the removed pattern's place
            pool = sorted(pool, key=lambda ex: prefer.index(ex.id) if ex.id in prefer
                          else len(prefer))
    else:
        prefer = []
    why: list[str] = []
    leverage = None if not slot.main or prefer else _leverage(pool, ctx)
    if leverage is pool[0]:
        leverage = None  # the usual first choice: its reason says what it usually says
    split = None if not slot.main or prefer else _hand_held_squat(slot, pool, ctx)
    if split is not None:
        ctx.hand_held.add(split.id)
        why.append(f"{split.name} {_hand_held_job(pool[0], ctx)} [equipment.available].")
    if slot.main:
        chosen = split or leverage or pool[0]
    else:
        # What the last block did not hold, where the slot has any: a block that moved block
        # 1's accessories between days would keep the lifter on the same exercises.
        # Of the slot's own pattern: a chin-up slot rotates to another vertical pull, never
        # to a row because the chin-up was there before.
        pool = [ex for ex in pool if ex.id not in ctx.stale
                and ex.pattern is pool[0].pattern] or pool
        # Accessories rotate each block; the seed and the variant shift where the cycle starts
        # so sessions A and B don't pick the same accessory.
        start = (ctx.profile.seed + variant) % len(pool)
        chosen = pool[(start + block_index - 1) % len(pool)]
    # What the lifter would do with every kit: only a main lift says what it stands in for.
    ideal = next((ex for ex in _candidates(slot, ctx, with_equipment=False)
                  if ex.id not in used), None) if slot.main else None
    if ideal is not None and ideal.id != chosen.id and split is None:  # a split says why
        missing = sorted(set(ideal.equipment) - set(ctx.profile.equipment))
        other = (None if not missing or chosen.pattern is ideal.pattern
                 else _other_pattern_why(slot, ideal, chosen, missing, used, ctx))
        if other is not None:
            why.extend(other)
        elif missing:
            note = next((s.note for s in ideal.substitutions if s.exercise_id == chosen.id), None)
            same = chosen.pattern is ideal.pattern
            if leverage is not None and same:
                job = _leverage_job(chosen, ctx, used)
                leverage = None  # said here
            elif same and _is_loaded(ideal) and not _is_loaded(chosen):
                # A bodyweight good morning is not a deadlift: the same pattern, not the load.
                # Where the kit's loaded one is the session's other main lift, the kit does
                # allow a loaded one: the reason names it (issue 10 item 9).
                # Where a loaded one is left unchosen (the pool's order put this one
                # first), the reason says only what the lift is.
                loaded = [ex for ex in _candidates(slot, ctx, with_equipment=True)
                          if ex.pattern is chosen.pattern and _is_loaded(ex)]
                held = next((ex for ex in loaded if ex.id in used), None)
                label = pattern_label(chosen.pattern)
                if any(ex.id not in used for ex in loaded):
                    nearest = f"is a {label} with only your bodyweight"
                elif held is not None:
                    nearest = (f"is the nearest {label} your kit allows beside {held.name}, "
                               "this session's other main lift, with only your bodyweight")
                else:
                    # The kit may load the pattern only with pulls from the floor that stay
                    # under the goal's reps: its kit allows them, the goal does not (issue 10
                    # item 7).
                    capped = _capped_loaded(chosen, ctx)[:2]
                    most = min((ctx.rules.limits.exercise_reps[ex.id] for ex in capped),
                               default=0)
                    nearest = (f"is the nearest {label} your kit allows, with only your bodyweight"
                               if not capped else
                               f"is the nearest {label} for the {ctx.profile.goal.value} range, "
                               "with only your bodyweight ("
                               + " and ".join(ex.name for ex in capped)
                               + f" {'stays' if len(capped) == 1 else 'stay'} at {most} reps or "
                               "fewer)")
                job = (f"{nearest}: lower slowly ({ctx.rules.timing.eccentric_s:g} s, the guide's "
                       "tempo) to keep it hard")
            elif not same and _lats_slot(slot, ctx) is not None:
                # The pullover beside it is what stands in for the vertical pull, not the row
                # (in a week whose cuts keep it: _pullover_claim).
                job = (f"is the closest compound lift you can do, a "
                       f"{pattern_label(chosen.pattern)}{_PULLOVER_CLAIM}"
                       f"{pattern_label(ideal.pattern)}'s place")
            else:
                job = ("does the same job" if same else
                       f"is the closest you can do: a {pattern_label(chosen.pattern)} in place "
                       f"of a {pattern_label(ideal.pattern)}")
            why.append(
                f"{ideal.name} needs {', '.join(m.value for m in missing)}, which you don't "
                f"have: {chosen.name} {job}"
                + (f" ({note.rstrip('.')})" if note and same else "")
                + " [equipment.available]."
            )
    if leverage is not None:  # no lift it stands in for was named: the choice says why alone
        why.append(f"{chosen.name} {_leverage_job(chosen, ctx, used)} [equipment.available].")
    return chosen, why, len(pool) > 1


# What a row standing in for a vertical pull says of the week's pullover (_choose_new); a week
# whose time cuts or deload left the pullover out says the row stands in alone (_pullover_claim).
_PULLOVER_CLAIM = "; the week's pullover works the lats in the "
_NO_PULLOVER = re.compile(r"is the closest compound lift you can do, a ([^;]+)"
                          + re.escape(_PULLOVER_CLAIM) + r"(.+?)'s place")


def _pullover_claim(why: str, held: bool) -> str:
    """A main row's reason as the week has it: "the week's pullover works the lats" is true
    only in a week that holds the pullover (issue 10 item 9); without it the row stands in for
    the vertical pull, as the week's note says ("rows work the lats instead")."""
    if held or _PULLOVER_CLAIM not in why:
        return why
    return _NO_PULLOVER.sub(r"is the closest you can do: a \1 in place of a \2", why)


def _other_pattern_why(slot: Slot, ideal: Exercise, chosen: Exercise, missing: list[Equipment],
                       used: set[str], ctx: _Context) -> list[str] | None:
    """Why a main slot holds a lift of another pattern than the one it is for, where that is
    not the kit alone: the lifter's kit allows a compound lift of the slot's pattern, which
    the session already holds (a hinge beside the session's single-leg main lift: nothing said
    of the kit, which is not the reason), or allows only other lifts of that pattern (a glute
    bridge, no compound hinge: the week may hold them, so no "in place of"). None where the
    kit allows nothing of the pattern: "a squat in place of a hinge" is then true."""
    label, its = pattern_label(ideal.pattern), pattern_label(chosen.pattern)
    fits = [ex for ex in _candidates(slot, ctx, with_equipment=True) if ex.pattern is ideal.pattern]
    if fits:
        held = any((x := ctx.catalog.get(i)) is not None and x.pattern is ideal.pattern
                   for i in used)
        return ([f"{chosen.name}, a {its}, here: this session's other main lift already "
                 f"covers the {label} pattern."] if held else [])
    if not any(ex.pattern is ideal.pattern for ex in ctx.usable):
        return None
    areas = _kit_has_protected(ideal.pattern, ctx, compound=True)
    return [f"{ideal.name} needs {', '.join(m.value for m in missing)}, which you don't have, "
            f"and no other {label} open to you is a compound lift"
            + (f" (--protect {', '.join(areas)} removes the ones your kit allows)" if areas
               else "")
            + f": {chosen.name}, a {its}, is the closest main lift you can do "
            "[equipment.available]."]


def _leverage(pool: Sequence[Exercise], ctx: _Context) -> Exercise | None:
    """The main lift for a trained lifter whose kit loads nothing of the pattern, in a plan
    for strength or size: the hardest variation of the pattern the level allows ([progression]
    leverage_levels), the catalogue's level first, then, for the legs, one leg over two (a
    pistol squat, not an air squat; a single-leg hip thrust, not a bodyweight good morning).
    None where the pool's first choice carries load or the plan or level keeps the easier
    versions (beginners learn the two-leg movement first; endurance wants many reps)."""
    first = pool[0]
    if (not _loaded_first(ctx) or _is_loaded(first)
            or ctx.profile.level not in ctx.rules.progression.leverage_levels):
        return None
    legs = first.region is Region.LEGS
    # min keeps the pool's order among equals (its rank, then the seed's tiebreak).
    return min((ex for ex in pool if ex.pattern is first.pattern and not _is_loaded(ex)
                and ex.measure is Measure.REPS),
               key=lambda ex: (-ex.level.rank, -(legs and ex.unilateral)))


def _hand_held_squat(slot: Slot, pool: Sequence[Exercise], ctx: _Context) -> Exercise | None:
    """The main squat for a trained lifter whose best loaded squat is held in the hands (a
    goblet squat), in a plan for strength or size: a loaded split squat ([progression]
    hand_held_squats, first preferred), which the same weights load as a much heavier two-leg
    squat would. None for other slots, plans and levels, or where the kit loads a squat on the
    back or in a machine."""
    first = pool[0]
    r = ctx.rules.progression
    if (slot.patterns[0] is not Pattern.SQUAT or first.pattern is not Pattern.SQUAT
            or not _loaded_first(ctx) or ctx.profile.level not in r.hand_held_levels
            or not _is_loaded(first) or not _LOADS.intersection(first.equipment) <= _HAND_HELD):
        return None
    splits = {ex.id: ex for ex in pool}
    return next((splits[i] for i in r.hand_held_squats if i in splits), None)


def _one_leg_main(pool: list[Exercise], skip: frozenset[Pattern],
                  ctx: _Context) -> list[Exercise] | None:
    """A legs main slot's options in a session whose main squat is a hand-held split squat:
    one single-leg main lift a session (a second lunge doubles the split squat's work and
    leaves the legs no two-leg lift), and no two-leg squat (the split squat's reason says the
    hands cannot load one for the goal's reps): a hinge, which the hands load heavily enough
    (acsm2009: both single- and two-leg lifts). Where the lifter leaves hinges out, the pool as
    it was (the session keeps its two compounds, session.min-compounds); where the week only
    skips this day's hinge to keep to hinge_heavy_days, None: that hinge stays, unless the
    bands cannot hold it (ctx.squat_for_hinge): then the loaded two-leg squats, a lighter
    squat than the split squat (_squat_day_why says so)."""
    two_legs = [ex for ex in pool if not ex.unilateral and ex.pattern is not Pattern.SQUAT]
    if two_legs:
        return two_legs
    if skip and ctx.squat_for_hinge:
        return [ex for ex in pool if not ex.unilateral and ex.pattern is Pattern.SQUAT
                and _is_loaded(ex)] or None
    return None if skip else pool


def _held_squat_range(ex: Exercise, high: int, ctx: _Context) -> tuple[int, int, str] | None:
    """An accessory two-leg squat held in the hands (a goblet or kettlebell front squat) in a
    plan whose main squat is a hand-held split squat: that lift's reason says the hands cannot
    load a two-leg squat for the goal's reps, so this one takes the goal's accessory range above
    them (strength 8-12), where the weights the lifter holds still bring a set near failure.
    None for other exercises and plans, or where that range is not above the goal's."""
    if (not ctx.hand_held or ex.pattern is not Pattern.SQUAT or ex.unilateral
            or ex.measure is not _REPS or not _is_loaded(ex)
            or not _LOADS.intersection(ex.equipment) <= _HAND_HELD):
        return None
    low, top = ctx.goal.accessory_reps
    if top <= high:
        return None
    # The split squat _hand_held_squat chose (not a lift _vary_single_leg put on another day).
    split = next((x for i in ctx.rules.progression.hand_held_squats if i in ctx.hand_held
                  and (x := ctx.catalog.get(i)) is not None), None)
    name = split.name if split is not None else "a split squat"
    return (low, top, f"more reps than the main lifts: {name} is your main squat because a "
            f"two-leg squat needs more weight than your hands can hold for "
            f"{ctx.profile.goal.value} reps, so this two-leg squat takes the weights you hold "
            "for longer sets, still near failure")


def _hand_held_job(squat: Exercise, ctx: _Context) -> str:
    """Why a split squat picked by _hand_held_squat is the main squat, for its reason."""
    p = ctx.profile
    held = " and ".join(sorted(e.value + "s" for e in _HAND_HELD.intersection(p.equipment)))
    source = ctx.rules.sources.get(ctx.rules.progression.hand_held_source or "")
    cite = f" ({source})" if source else ""
    return (f"is your main squat, not the {squat.name.lower()}: with only {held} to hold, a "
            f"two-leg squat at your level needs more weight than your hands can hold for "
            f"{p.goal.value} reps near failure; on one leg the same weights and your body load "
            f"that leg as a much heavier squat would{cite}")


def _leverage_job(chosen: Exercise, ctx: _Context, used: set[str]) -> str:
    """What a main lift picked by _leverage does in place of load, for its reason. Where the
    session's other main lift is the loaded one of the pattern the kit allows (a backpack
    deadlift), the kit is not without load: the reason names that lift instead."""
    p = ctx.profile
    where = {Location.OUTDOOR: "outdoors", Location.HOME: "at home"}.get(p.location,
                                                                        "with your kit")
    held = next((x for i in sorted(used) if (x := ctx.catalog.get(i)) is not None
                 and x.pattern is chosen.pattern and _is_loaded(x)), None)
    if held is not None:
        where = f"left beside {held.name}, this session's other main lift"
    label = pattern_label(chosen.pattern)
    source = ctx.rules.sources.get(ctx.rules.progression.leverage_source or "")
    cite = f" ({source})" if source else ""
    if chosen.region is Region.LEGS and chosen.unilateral and chosen.pattern is not Pattern.LUNGE:
        # A squat or a hinge, which the lifter would otherwise do on two legs.
        return (f"puts your whole body weight on one leg: with no load {where}, a two-leg "
                f"{label} is too light for {p.goal.value} reps at your level; this is the "
                f"hardest {label} your level allows{cite}")
    return (f"is the hardest {label} your level allows: with no load {where}, its leverage "
            f"makes your body weight heavy enough for {p.goal.value} reps{cite}")


# --------------------------------------------------------------------------------------------
# Dosing: sets, reps, rest


def _rep_range(ex: Exercise, ctx: _Context) -> tuple[int, int, str]:
    low, high, why = _goal_range(ex, ctx)
    capped = (capped_reps(ex, low, high, ctx.rules.limits, ctx.goal.band[0])
              if ex.measure is Measure.REPS else None)
    if capped is not None:
        low, high = capped
        why = f"{why}, capped at {high}: more reps than that in a set is beyond most lifters"
    limit = ctx.limited_range(ex) if ex.measure is Measure.REPS else None
    if limit is not None and low < limit[1].range_min_reps:
        # A protected joint's lifts move up the range (4-6 to 6-8), width kept but never past
        # the goal's band: lighter loads than near-maximal sets.
        up = limit[1].range_min_reps - low
        low, high = low + up, max(low + up, min(high + up, ctx.goal.band[1]))
        why = (f"{why}, moved up to {low}-{high} for --protect {limit[0]}: no near-maximal "
               "loads on a sore joint")
    return low, high, why


def _goal_range(ex: Exercise, ctx: _Context) -> tuple[int, int, str]:
    g, t = ctx.goal, ctx.rules.timed
    goal = ctx.profile.goal.value
    if ex.measure is Measure.SECONDS:
        if ex.pattern is Pattern.CARRY:
            return (*t.carry_seconds, "a carry of this length is loaded walking, not a sprint")
        if ex.pattern is Pattern.SPRINT:
            return (*t.sprint_seconds, "short, hard efforts")
        return (*g.timed_seconds, f"the hold length for {goal}")
    return goal_reps(ex, g, ctx.profile.level, goal, ctx.rules.limits)


def _rest(ex: Exercise, ctx: _Context, main: bool, high: int) -> tuple[int, str]:
    """The rest between sets of `ex` (sets of up to `high` reps) and why."""
    g = ctx.goal
    goal = ctx.profile.goal.value
    if ex.pattern is _SPRINT:
        return ctx.rules.timed.sprint_rest_s, "full recovery between hard efforts"
    if ex.mechanic is not _COMPOUND:
        return g.accessory_rest_s, "short rest for accessory work"
    # The guide's rest for the lift only where the goal rests by the exercise: an endurance
    # plan's short rests are the point (use_exercise_rest = false), a pull-up's 90 s too.
    guide = ctx.rules.guide_rest.applies(ex.id, high) if g.use_exercise_rest else None
    if main:
        rest = max(g.main_rest, guide or 0)
        if guide == rest:
            return rest, f"the guide's rest for {ex.name.lower()}"
        source = ctx.rules.sources.get(g.main_rest_source or "")
        return rest, f"the {goal} rest for main lifts" + (f" ({source})" if source else "")
    if g.use_exercise_rest:
        if guide is not None and guide >= g.compound_rest_min_s:
            return guide, f"the guide's rest for {ex.name.lower()}"
        rest = max(ex.default_rest_s, g.compound_rest_min_s)
        source = ctx.rules.sources.get(g.compound_rest_source or "")
        if rest == g.compound_rest_min_s and source:
            return rest, (f"the {goal} rest for a multi-joint lift after the main ones "
                          f"({source})")
        if source:
            return rest, (f"the usual rest for {ex.name.lower()}, above the {goal} floor of "
                          f"{g.compound_rest_min_s} s for a multi-joint lift after the main "
                          f"ones ({source})")
        return rest, "rest for a secondary compound"
    return g.compound_rest_s, f"rest for {goal} compound lifts"


def _backpack_why(slot: Slot, ex: Exercise, ctx: _Context) -> list[str]:
    """Where a backpack is the lifter's only load, an accessory it loads says so (issue 10 item
    6: a backpack at home loads what can be loaded); a main lift's reason already says what the
    backpack stands in for."""
    if (slot.main or _BACKPACK not in ex.equipment
            or _LOADS.intersection(ctx.profile.equipment) != {Equipment.BACKPACK}):
        return []
    return [f"{ex.name}: your backpack is the only load your kit has, so it carries it; pack "
            "it heavy enough that the last reps of each set are hard [equipment.available]."]


def _draft(slot: Slot, ex: Exercise, ctx: _Context, extra_why: list[str]) -> _Draft:
    # An exercise's dose as a main lift or not is the same all plan: worked out once.
    extra_why = [*extra_why, *_backpack_why(slot, ex, ctx)]
    key = (ex.id, slot.main)
    dose = ctx.doses.get(key)
    if dose is None:
        low, high, range_why = _rep_range(ex, ctx)
        held = None if slot.main else _held_squat_range(ex, high, ctx)
        if held is not None:
            low, high, range_why = held
        rest, rest_why = _rest(ex, ctx, slot.main, high)
        sets = ctx.goal.compound_sets if slot.main else ctx.rules.dosing.min_sets
        d = _Draft(slot=slot, exercise=ex, sets=sets, low=low, high=high, rest_s=rest,
                   rest_why=rest_why, range_why=range_why, why=list(extra_why))
        d.set_s = _set_seconds(d, ctx)
        d.shares = ctx.share_items(ex)
        ctx.doses[key] = (sets, low, high, rest, rest_why, range_why, d.set_s, d.shares)
        return d
    sets, low, high, rest, rest_why, range_why, set_s, shares = dose
    return _Draft(slot=slot, exercise=ex, sets=sets, low=low, high=high, rest_s=rest,
                  rest_why=rest_why, range_why=range_why, why=list(extra_why), set_s=set_s,
                  shares=shares)


# --------------------------------------------------------------------------------------------
# Supersets and blocks


def _pair(sd: _SessionDraft, ctx: _Context) -> None:
    """Pair accessories legs-with-back into supersets: like with like (compound with compound,
    isolation with isolation), at most one mixed pair, main lifts never; and only where the
    time model says the superset is quicker than the same sets done straight (the guide's
    reason for supersets: they save time). Two accessories of one region are never paired:
    the guide pairs "one for your lower half, another for your upper torso"."""
    for d in sd.drafts:
        d.partner = None
    if not ctx.supersets_on:
        return
    acc = [d for d in sd.drafts if not d.main and d.region in TRAINED_REGIONS
           and d.exercise.id not in sd.solo]
    pairs: list[tuple[_Draft, _Draft]] = []
    # One pass, in the session's order: (legs, back) x (compound, isolation).
    groups: dict[tuple[Region, bool], list[tuple[int, _Draft]]] = {
        (_LEGS, True): [], (_BACK, True): [],
        (_LEGS, False): [], (_BACK, False): []}
    for at, d in enumerate(acc):  # acc holds legs and back only (TRAINED_REGIONS)
        groups[d.region, d.compound].append((at, d))
    left: dict[Region, list[tuple[int, _Draft]]] = {_LEGS: [], _BACK: []}
    for compound in (True, False):
        ls, bs = groups[_LEGS, compound], groups[_BACK, compound]
        pairs += [(a, b) for (_, a), (_, b) in zip(ls, bs, strict=False)]
        left[_LEGS] += ls[len(bs):]
        left[_BACK] += bs[len(ls):]
    if left[_LEGS] and left[_BACK]:
        # The first leg and back exercise left unpaired, in the session's order.
        pairs.append((min(left[_LEGS], key=lambda t: t[0])[1],
                      min(left[_BACK], key=lambda t: t[0])[1]))
    lo, hi = ctx.rules.supersets.rounds
    pairs = [(a, b) for a, b in pairs if _pair_saves(a, b, min(max(a.sets, b.sets, lo), hi), ctx)]
    if sd.max_pairs is not None:
        pairs = pairs[:sd.max_pairs]
    for a, b in pairs:
        a.partner, b.partner = b, a
        a.sets = b.sets = min(max(a.sets, b.sets, lo), hi)


def _pair_saves(a: _Draft, b: _Draft, rounds: int, ctx: _Context) -> bool:
    """Whether `rounds` rounds of a superset of a and b take less time than the same sets of
    each done straight, each with its own rest (an endurance plan's short rests may make the
    superset the slower way)."""
    # _unit_seconds inlined, its sums in the same order: _pair asks for every pair, every step.
    setup, between = ctx.setup_s, rounds - 1
    return (setup * 2 + rounds * (a.set_s + b.set_s + ctx.pair_rest_s)
            + between * ctx.round_rest_s
            < (setup + rounds * a.set_s + between * a.rest_s)
            + (setup + rounds * b.set_s + between * b.rest_s))


def _units(sd: _SessionDraft) -> list[tuple[_Draft, ...]]:
    """The session's blocks-to-be in order, the one rule for a session's order wherever an
    exercise was added (the selection, the fill's added, moved and traded drafts): main lifts,
    secondary compounds, mixed pairs, isolation, core last [session.order]. Supersets keep
    their pairing (core work never pairs: _pair takes legs and back only)."""
    # Ranks 0 (main), 2 (compound), 3 (mixed pair), 4 (isolation), 5 (core), each in the
    # session's order: the stable sort by rank this was, without sorting (the fill asks again
    # at every step).
    drafts = sd.drafts
    # The fill asks again after every step, mostly of a session whose drafts and pairs did not
    # change: the last answer is kept beside the drafts and partners it was made from (the
    # rest it reads, a draft's slot and exercise, never changes).
    key = (*drafts, *map(_PARTNER, drafts))
    kept = sd.units_kept
    if kept[0] == key:
        return kept[1]
    first: list[tuple[_Draft, ...]] = []
    compound: list[tuple[_Draft, ...]] = []
    mixed: list[tuple[_Draft, ...]] = []
    isolation: list[tuple[_Draft, ...]] = []
    core: list[tuple[_Draft, ...]] = []
    seen: set[_Draft] = set()  # partners already placed (drafts hash by identity, eq=False)
    for d in drafts:
        if d in seen:
            continue
        partner = d.partner
        if partner is not None:
            seen.add(partner)
            if d.compound:
                (compound if partner.compound else mixed).append((d, partner))
            elif partner.compound:
                mixed.append((partner, d))
            else:
                isolation.append((d, partner))  # main lifts never pair
        elif d.main:
            first.append((d,))
        elif d.region is _CORE_REGION:
            # Core work braces the spine for every lift before it: tired, it braces them worse.
            core.append((d,))
        else:
            (compound if d.compound else isolation).append((d,))
    units = first + compound + mixed + isolation + core
    sd.units_kept = (key, units)  # callers read it, never change it
    return units


def _rep_seconds(d: _Draft, ctx: _Context) -> float:
    lowering = ctx.rules.limits.lowering_s.get(d.exercise.id)
    return ctx.rules.timing.rep_seconds(lowering[1] if lowering is not None else None)


def _set_seconds(d: _Draft, ctx: _Context) -> float:
    t = ctx.rules.timing
    one = d.high if d.exercise.measure is _SECONDS else d.high * _rep_seconds(d, ctx)
    return 2 * one + t.switch_side_s if d.exercise.unilateral else one


def _reps_seconds(d: _Draft, reps: int, ctx: _Context) -> float:
    """Seconds one set of `reps` of d's exercise takes (a rep wave's lighter weeks)."""
    t = ctx.rules.timing
    one = reps * _rep_seconds(d, ctx)
    return 2 * one + t.switch_side_s if d.exercise.unilateral else one


def _unit_seconds(unit: tuple[_Draft, ...], ctx: _Context, sets: int | None = None) -> float:
    """What timing.block_seconds will say for the block (same model, without building it)."""
    n = unit[0].sets if sets is None else sets
    if len(unit) == 1:
        d = unit[0]
        return ctx.setup_s + n * d.set_s + (n - 1) * d.rest_s
    a, b = unit  # a superset: two exercises
    return (ctx.setup_s * 2 + n * (a.set_s + b.set_s + ctx.pair_rest_s)
            + (n - 1) * ctx.round_rest_s)


def _bookends(sd: _SessionDraft) -> float:
    """The warm-up's and cool-down's minutes (kept beside them until they change)."""
    warmup, cooldown, minutes = sd.bookends
    if warmup is not sd.warmup or cooldown is not sd.cooldown:
        minutes = sum(a.minutes for a in sd.warmup) + sum(a.minutes for a in sd.cooldown)
        sd.bookends = (sd.warmup, sd.cooldown, minutes)
    return minutes


def _seconds(sd: _SessionDraft, ctx: _Context) -> float:
    """The session's blocks' seconds, added up in the blocks' order (_unit_seconds inlined:
    the fitting and filling ask after every step)."""
    setup, pair_rest, round_rest = ctx.setup_s, ctx.pair_rest_s, ctx.round_rest_s
    seconds: float = 0
    for unit in _units(sd):
        if len(unit) == 1:
            d = unit[0]
            n = d.sets
            seconds += setup + n * d.set_s + (n - 1) * d.rest_s
        else:
            a, b = unit
            n = a.sets
            seconds += setup * 2 + n * (a.set_s + b.set_s + pair_rest) + (n - 1) * round_rest
    return seconds


def _minutes(sd: _SessionDraft, ctx: _Context) -> int:
    return math.ceil(_seconds(sd, ctx) / _SECONDS_PER_MINUTE + _bookends(sd) - 1e-9)


def _fits(sd: _SessionDraft, ctx: _Context, extra_s: float) -> bool:
    seconds = _seconds(sd, ctx) + extra_s
    return math.ceil(seconds / 60 + _bookends(sd) - 1e-9) <= ctx.profile.minutes_per_session


# --------------------------------------------------------------------------------------------
# Warm-up and cool-down


def _even_split(drills: Sequence[str], minutes: float) -> tuple[Activity, ...]:
    """Up to one drill a minute, the minutes shared out in whole minutes, the first get more."""
    count = max(1, min(len(drills), int(minutes)))
    base, extra = divmod(minutes, count)
    shares = [base + (1 if i < extra else 0) for i in range(count)]
    shares[-1] += minutes - sum(shares)  # keeps any fraction of a minute
    return tuple(Activity(d, m) for d, m in zip(drills, shares, strict=False))


def _owned_drills(drills: Sequence[str], needs: dict[str, tuple[str, str]],
                  ctx: _Context) -> list[str]:
    """Drills the lifter can do with what they have: kit-bound ones swapped for a plain one."""
    have = {e.value for e in ctx.profile.equipment}
    if full_gym(ctx.profile.location.value, have):
        have.add("gym")
    return [drill if drill not in needs or needs[drill][0] in have else needs[drill][1]
            for drill in drills]


def _allowed_drills(drills: Sequence[str], instead: Mapping[str, str],
                   ctx: _Context) -> list[str]:
    """Drills the lifter may do: one whose movement --exclude or --protect leaves out
    ([drill_moves]: walking lunges under sore knees) swapped for its `instead`, or left out
    where it has none (drills.allowed)."""
    p = ctx.profile
    areas = [ctx.rules.protect[a] for a in p.protect]
    left_out = [word for word, (exercise_id, pattern) in ctx.rules.drill_moves.moves.items()
                if exercise_id in p.exclude or pattern.value in p.exclude
                or any(exercise_id in r.exercises or pattern in r.patterns for r in areas)]
    out: list[str] = []
    for drill in drills:
        name = drill.lower()
        barred = any(re.search(rf"\b{re.escape(word)}", name) is not None for word in left_out)
        if not barred:
            out.append(drill)
        elif drill in instead:
            out.append(instead[drill])
    return out


def _warmup(ctx: _Context, minutes: float | None = None) -> tuple[Activity, ...]:
    return _bookend("warmup", ctx, minutes)


def _cooldown(ctx: _Context, minutes: float | None = None) -> tuple[Activity, ...]:
    return _bookend("cooldown", ctx, minutes)


def _bookend(kind: str, ctx: _Context, minutes: float | None) -> tuple[Activity, ...]:
    """The warm-up or cool-down: the same for every session of the plan, worked out once."""
    key = (kind, minutes)
    found = ctx.bookends_cache.get(key)
    if found is None:
        rule = ctx.rules.warmup if kind == "warmup" else ctx.rules.cooldown
        drills = _owned_drills(rule.drills, rule.needs, ctx)
        if kind == "warmup":
            drills = _allowed_drills(drills, ctx.rules.warmup.instead, ctx)
        found = ctx.bookends_cache[key] = _even_split(
            drills, minutes or rule.minutes_for(ctx.profile.minutes_per_session))
    return found


# --------------------------------------------------------------------------------------------
# One session: select


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


def _main_ids(focus: SessionFocus, variant: int, ctx: _Context,
              templates: Templates) -> frozenset[str]:
    """The session's main lifts (the same in every block: worked out once per plan)."""
    found = ctx.main_ids_cache.get((focus, variant))
    if found is None:
        used: set[str] = set()
        for slot in templates[focus][variant]:
            if slot.main and (picked := _choose(slot, ctx, used, 1, variant)) is not None:
                used.add(picked[0].id)
        found = ctx.main_ids_cache[focus, variant] = frozenset(used)
    return found


def _select(focus: SessionFocus, variant: int, ctx: _Context, templates: Templates,
            block_index: int, week_mains: frozenset[str],
            skip: frozenset[Pattern] = frozenset()) -> _SessionDraft:
    used: set[str] = set()
    drafts: list[_Draft] = []
    lats: list[_Draft] = []
    for slot in templates[focus][variant]:
        if skip:
            patterns = tuple(p for p in slot.patterns if p not in skip)
            if not patterns:
                continue
            slot = replace(slot, patterns=patterns)
        picked = _choose(slot, ctx, used, block_index, variant, week_mains, skip)
        if picked is None:
            if slot.main:
                raise _no_exercise(slot, ctx)
            continue
        ex, extra, rotates = picked
        used.add(ex.id)
        draft = _draft(slot, ex, ctx, extra)
        draft.rotates = rotates
        drafts.append(draft)
        pullover = _lats_slot(slot, ctx)
        if pullover is not None and (
                got := _choose(pullover, ctx, used, block_index, variant, week_mains,
                               skip)) is not None:
            used.add(got[0].id)
            draft = _draft(pullover, got[0], ctx, [
                *got[1], f"No vertical pull fits your equipment: {got[0].name} works the lats "
                "in its place, beside this session's rows [equipment.available]."])
            draft.rotates = got[2]
            lats.append(draft)
    # The pullover comes right after the main lifts: the session opens with its compounds.
    at = sum(d.main for d in drafts)
    drafts[at:at] = lats
    return _SessionDraft(focus, variant, drafts, _warmup(ctx), _cooldown(ctx))


def _lats_slot(slot: Slot, ctx: _Context) -> Slot | None:
    """For a main vertical-pull slot the kit has no vertical pull for, the accessory slot of
    the pullover that works the lats in its place, right after the main lifts, where one fits
    (issue 10 item 6: "a vertical pull is replaced by a vertical pull (band, pullover) before a
    row"); None for other slots, where a vertical pull fits, or where no pullover does. The
    main slot keeps its row: a main lift is compound, rests long and stays all plan
    (session.min-compounds, rest.main-lifts, rotation.core-lifts-stay), which no pullover is."""
    if not slot.main or slot.patterns[0] is not _VERTICAL_PULL:
        return None
    found = ctx.lats_slots.get(slot)
    if found is None:
        vertical = any(ex.pattern is Pattern.VERTICAL_PULL
                       for ex in _candidates(slot, ctx, with_equipment=True))
        lats = replace(slot, name="pullover", patterns=(Pattern.PULLOVER,), mechanic=None,
                       main=False)
        fits = any(ex.measure is _REPS for ex in _candidates(lats, ctx, with_equipment=True))
        found = ctx.lats_slots[slot] = (lats if fits and not vertical else False)
    return found or None


def _no_exercise(slot: Slot, ctx: _Context) -> PlanError:
    patterns = ", ".join(p.value for p in slot.patterns)
    region = slot.region.value if slot.region else "any"
    p = ctx.profile
    return PlanError(
        f"session.min-compounds: no {region} compound exercise ({patterns}, nor any other "
        f"pattern) fits this profile, and a session needs {ctx.rules.dosing.min_compounds} "
        "compound lifts: "
        f"level {p.level.value}, equipment "
        f"{', '.join(e.value for e in p.equipment) or 'none (bodyweight)'}"
        + (f", excluding {', '.join(p.exclude)}" if p.exclude else "")
        + (f", protecting {', '.join(p.protect)}" if p.protect else "")
        + "; remove an exclusion or add equipment with --equipment"
    )


# --------------------------------------------------------------------------------------------
# The week: hinge days, weekly patterns


def _limit_hinges(sessions: list[_SessionDraft], ctx: _Context, templates: Templates,
                  block_index: int, week_mains: frozenset[str]) -> list[_SessionDraft]:
    """At most `hinge_heavy_days` sessions a week with a hinge. Main-lift hinges count first
    (they do not depend on the block, so main lifts stay all plan); a later session swaps its
    hinge out, and an accessory hinge goes where a hinge day is left."""
    most = ctx.rules.progression.hinge_heavy_days

    def main_hinge(sd: _SessionDraft) -> bool:
        return any(d.main and d.exercise.pattern is _HINGE for d in sd.drafts)

    ctx.squat_for_hinge[:] = (_hinges_overdose(sessions, ctx) if ctx.hand_held
                              and sum(map(main_hinge, sessions)) > most else [])
    out: list[_SessionDraft] = []
    days = 0
    for sd in sessions:
        if main_hinge(sd):
            if days >= most:
                try:
                    sd = _select(sd.focus, sd.variant, ctx, templates,
                                 block_index, week_mains, skip=frozenset({Pattern.HINGE}))
                except PlanError:  # nothing else for the slot: the hinge stays
                    days += 1
                else:
                    if ctx.squat_for_hinge:
                        _squat_day_why(sd, ctx)
            else:
                days += 1
        out.append(sd)
    for sd in out:
        if sd.has_hinge() and not main_hinge(sd):
            if days >= most:
                for d in [d for d in sd.drafts if d.exercise.pattern is Pattern.HINGE]:
                    sd.drafts.remove(d)
            else:
                days += 1
    return out


def _hinges_overdose(sessions: Sequence[_SessionDraft], ctx: _Context) -> list[str]:
    """The muscles the week's main lifts at [progression] wave_min_sets each (fewer is an
    afterthought of a main lift), with a knee-flexion exercise at [dosing] min_sets where the
    week needs one (pattern.knee-flexion), take above their bands' tops: a hinge on
    every legs day then leaves its main lifts at 2 sets (strength, 5 x 45 min at home with a
    kettlebell: hamstrings 15.5 of 8-14 with both RDL days at 3 sets), and a coach keeps the
    sets and drops the third hinge day."""
    least = ctx.rules.progression.wave_min_sets
    load: dict[str, float] = {}
    for sd in sessions:
        for d in sd.drafts:
            if d.main:
                for m, share in d.shares:
                    load[m] = load.get(m, 0.0) + share * least
    flexion = next((d for sd in sessions for d in sd.drafts
                    if d.exercise.pattern is Pattern.KNEE_FLEXION), None)
    if flexion is not None and ctx.profile.days_per_week >= _WEEKLY_PATTERNS_FROM_DAYS:
        for m, share in flexion.shares:
            load[m] = load.get(m, 0.0) + share * ctx.rules.dosing.min_sets
    return [m for m, n in load.items() if n > ctx.band(m)[1] + 1e-9]


def _squat_day_why(sd: _SessionDraft, ctx: _Context) -> None:
    """The reasons of a session whose hinge _one_leg_main swapped for a two-leg squat: the
    squat says why it is there and how to keep it hard; the day's split squat no longer says
    that a two-leg squat cannot be loaded (_hand_held_job), which the other legs days still
    say."""
    split = next((d for d in sd.drafts if d.main and d.exercise.id in ctx.hand_held), None)
    squat = next((d for d in sd.drafts if d.main and d.exercise.pattern is Pattern.SQUAT
                  and not d.exercise.unilateral), None)
    if split is None or squat is None:
        return
    heavy = split.exercise.name
    muscles = " and ".join(ctx.squat_for_hinge)
    squat.why[:] = [
        f"{squat.exercise.name} in place of a third hinge day: with a hinge on every legs day "
        f"the {muscles} would pass the top of the band before every main lift had its "
        f"sets [hinge.heavy-days]. {heavy} stays your "
        "heavy squat; the weights you hold load two legs lighter, so lower slowly "
        f"({ctx.rules.progression.held_squat_lowering_s} s) to keep each set near failure."]
    job = f"{split.exercise.name} is your main squat, not "
    split.why[:] = [w for w in split.why if not w.startswith(job)]


def _vary_hinges(sessions: Sequence[_SessionDraft], ctx: _Context) -> None:
    """The week's second hinge day (a repeated session: Legs A on Monday and Friday) does a
    lighter variation of the heavy day's hinge ([progression] light_hinges: an RDL, a hip
    thrust), not the same lift at a lower RPE; the lift then stays all plan as that day's main
    lift."""
    heavy: str | None = None
    light = [ex for i in ctx.rules.progression.light_hinges
             if (ex := ctx.usable_one(i)) is not None]
    varied = False
    for sd in sessions:
        for d in [d for d in sd.drafts if d.main and d.exercise.pattern is _HINGE]:
            if heavy is None:
                heavy = d.exercise.id
                continue
            if d.exercise.id != heavy:
                continue
            # An accessory of the session may be the variation: it moves up to the main slot
            # (before the pairing, so no superset holds it yet).
            mains = {x.exercise.id for x in sd.drafts if x.main}
            options = [ex for ex in light if ex.id not in mains and ex.id != heavy]
            if ctx.hand_held and any(x.main and x is not d and x.exercise.unilateral
                                     for x in sd.drafts):
                # One single-leg main lift a session (_one_leg_main): a two-leg variation
                # first, a single-leg one only for the week's first lighter day
                # (hinge.variation asks for one).
                options.sort(key=lambda ex: ex.unilateral)
                if varied:
                    options = [ex for ex in options if not ex.unilateral]
            ex = next(iter(options), None)
            if ex is None:
                continue
            varied = True
            sd.drafts[:] = [x for x in sd.drafts if x.main or x.exercise.id != ex.id]
            new = _draft(d.slot, ex, ctx, [])
            new.rotates = False
            reps = _light_range(ctx)
            if reps is not None and new.high <= ctx.rules.coach_checks.heavy_hinge_reps:
                new.low, new.high = reps
                new.set_s = _set_seconds(new, ctx)
            new.lighter_day = True
            new.range_why = (f"the week's lighter hinge day, {new.low}-{new.high} reps: a "
                             "variation of the heavy day's hinge, not the same lift again "
                             "[hinge.heavy-days]")
            sd.drafts[sd.drafts.index(d)] = new
            ctx.week_mains.add(ex.id)


def _vary_single_leg(sessions: Sequence[_SessionDraft], ctx: _Context) -> None:
    """A hand-held split squat is every legs day's main squat (_hand_held_squat asks the same
    of each): a later day takes another single-leg lift the same weights load (a reverse lunge)
    where the lifter has one the week holds fewer times, so no single-leg lift comes three
    times a week while another could come (acsm2009: vary the exercises; redwood). The lift then
    stays all plan as that day's main squat, as _vary_hinges does for the hinge."""
    if not ctx.hand_held:
        return
    held: Counter[str] = Counter()
    for sd in sessions:
        for at, d in enumerate(sd.drafts):
            if not d.main or d.exercise.id not in ctx.hand_held:
                if d.main and d.exercise.unilateral:
                    held[d.exercise.id] += 1
                continue
            now = d.exercise
            mains = {x.exercise.id for x in sd.drafts if x.main}
            same = replace(d.slot, patterns=(now.pattern,))
            other = next((ex for ex in _candidates(same, ctx, with_equipment=True)
                          if ex.unilateral
                          and ex.measure is _REPS and _is_loaded(ex)
                          and _LOADS.intersection(ex.equipment) <= _HAND_HELD
                          and ex.id not in mains and held[ex.id] < held[now.id]), None)
            if other is None:
                held[now.id] += 1
                continue
            why = [w.replace(now.name, other.name, 1) if w.startswith(now.name) else w
                   for w in d.why]
            why.append(f"{other.name}, not {now.name}, on this day: your other legs days "
                       f"have {now.name}, and a different single-leg lift here trains the "
                       "legs in more than one way.")
            new = _draft(d.slot, other, ctx, why)
            new.rotates = False
            sd.drafts[at] = new
            held[other.id] += 1
            ctx.week_mains.add(other.id)
            for x in sessions:  # a main lift of the week is no accessory of it too
                x.drafts[:] = [y for y in x.drafts if y.main or y.exercise.id != other.id]


def _heavy_hinges(sd: _SessionDraft, ctx: _Context) -> list[_Draft]:
    """The session's heavy hinges: hinge compounds whose reps top out at [coach_checks]
    heavy_hinge_reps or fewer (what hinge.heavy-days counts)."""
    heavy = ctx.rules.coach_checks.heavy_hinge_reps
    return [d for d in sd.drafts if d.exercise.pattern is _HINGE and d.compound
            and d.exercise.measure is _REPS and d.high <= heavy]


def _light_range(ctx: _Context) -> tuple[int, int] | None:
    """The goal's range for a lighter hinge day: the first of its ranges (barbell, dumbbell,
    trained lifters') inside the goal's band whose top passes heavy_hinge_reps; None when the
    goal's ranges are all light already or none fits."""
    g, heavy = ctx.goal, ctx.rules.coach_checks.heavy_hinge_reps
    for low, high in (g.barbell_reps, g.dumbbell_reps, *([g.advanced_reps] if g.advanced_reps
                                                          else [])):
        if high > heavy and g.band[0] <= low and high <= g.band[1]:
            return low, high
    return None


def _lighten_hinges(sessions: Sequence[_SessionDraft], ctx: _Context) -> bool:
    """At most hinge_heavy_days sessions a week hinge heavy: where a later session must hinge
    too (no squat or lunge left for its legs compound), its hinges are the lighter day, in the
    goal's range above the heavy reps (one heavy, one lighter variation). True when it changed
    a hinge."""
    most = ctx.rules.progression.hinge_heavy_days
    light = _light_range(ctx)
    heavy_days = 0
    changed = False
    for sd in sessions:
        heavy = _heavy_hinges(sd, ctx)
        if not heavy:
            continue
        if heavy_days < most or light is None:
            heavy_days += 1
            continue
        for d in heavy:
            d.low, d.high = light
            d.lighter_day = True
            d.set_s = _set_seconds(d, ctx)
            d.range_why = (f"the lighter hinge day of the week, {light[0]}-{light[1]} reps: "
                           f"heavy hinges (up to {ctx.rules.coach_checks.heavy_hinge_reps} reps) "
                           f"come at most {most} days a week [hinge.heavy-days]")
            changed = True
    return changed


def _week_patterns(sessions: Sequence[_SessionDraft]) -> set[Pattern]:
    return {d.exercise.pattern for sd in sessions for d in sd.drafts}


def _can_host(sd: _SessionDraft, ex: Exercise, instead: _Draft | None = None) -> bool:
    """A compound can only go where its region is already loaded (the 48 h rule); an
    accessory (in place of `instead`) not where another accessory of its pattern is: a seated
    and a lying leg curl, or two calf raises, in one session read better to a coach as one
    exercise with the sets of both (pattern.once-per-session)."""
    if _twin(sd, ex, instead):
        return False
    if ex.mechanic is not _COMPOUND:
        return True
    if ex.region is Region.FULL_BODY:
        return sd.focus is SessionFocus.FULL
    return ex.region in sd.focus.hard_regions


def _near_patterns(sd: _SessionDraft, week: Sequence[_SessionDraft],
                   ctx: _Context) -> set[Pattern]:
    """The accessories' patterns of the sessions less than [schedule] min_hours_between_hard
    from `sd` (the day before or after, across the week's end too): a seated leg curl on
    Monday and again on Tuesday trains the hamstrings hard 24 h apart. Worked out once per
    swap, not once per option (the swaps ask for every option)."""
    hours = ctx.rules.schedule.min_hours_between_hard
    found: set[Pattern] = set()
    for other in week:
        if other is sd:
            continue
        gap = abs(other.day - sd.day) % 7
        if min(gap, 7 - gap) * 24 < hours:
            for d in other.drafts:  # a loop, not a generator: asked once per swap
                if not d.main:
                    found.add(d.exercise.pattern)
    return found


def _twin(sd: _SessionDraft, ex: Exercise, instead: _Draft | None = None) -> bool:
    """Whether the session holds an accessory of `ex`'s pattern besides `instead`."""
    pattern = ex.pattern
    for d in sd.drafts:  # noqa: SIM110 (a loop, not any(): the fill and swaps ask per option)
        if d.exercise.pattern is pattern and d is not instead and not d.main:
            return True
    return False


_extra_slots: dict[tuple[Pattern, Region | None], Slot] = {}
"""_extra_slot's slots (immutable, one per pattern and region: a few dozen at most)."""


def _extra_slot(pattern: Pattern, region: Region | None) -> Slot:
    found = _extra_slots.get((pattern, region))
    if found is None:
        found = _extra_slots[pattern, region] = Slot(
            name=pattern_label(pattern), patterns=(pattern,), mechanic=None, region=region,
            main=False, keep=45)
    return found


def _add_missing_patterns(sessions: list[_SessionDraft], ctx: _Context,
                          block_index: int) -> list[Pattern]:
    """Every weekly pattern in the week where the kit allows; the patterns it does not (their
    notes are written once the week is final: _missing_note). A vertical pull the kit has no
    exercise for gets a pullover in its place where one fits (a lat exercise before a row)."""
    missing: list[Pattern] = []
    if ctx.profile.days_per_week < _WEEKLY_PATTERNS_FROM_DAYS:
        return missing
    hinge_days = sum(sd.has_hinge() for sd in sessions)
    for wanted in WEEKLY_PATTERNS:
        if wanted in _week_patterns(sessions):
            continue
        placed = False
        for pattern in ((wanted, Pattern.PULLOVER) if wanted is Pattern.VERTICAL_PULL
                        else (wanted,)):
            if placed or pattern in _week_patterns(sessions):
                continue
            placed = _place_pattern(pattern, sessions, ctx, block_index, hinge_days)
            hinge_days += placed and pattern is Pattern.HINGE
        if not placed:
            missing.append(wanted)
    return missing


def _fresh_first(options: list[Exercise], ctx: _Context) -> list[Exercise]:
    """`options` with those the last block did not hold first, each part in its order."""
    return sorted(options, key=lambda ex: ex.id in ctx.stale) if ctx.stale else options


def _place_pattern(pattern: Pattern, sessions: list[_SessionDraft], ctx: _Context,
                   block_index: int, hinge_days: int) -> bool:
    """An accessory of `pattern` in the session with the fewest exercises that can host one."""
    slot = _extra_slot(pattern, None)
    pool = _candidates(slot, ctx, with_equipment=True)
    placed = False
    for sd in sorted(sessions, key=lambda s: len(s.drafts)):
        used = {d.exercise.id for d in sd.drafts}
        options = [ex for ex in pool if ex.id not in used and _can_host(sd, ex)
                   and ex.id not in ctx.week_mains]
        if pattern is Pattern.HINGE and (hinge_days >= ctx.rules.progression.hinge_heavy_days
                                         or sd.has_hinge()):
            options = []
        if options:
            start = (block_index - 1) % len(options)
            ex = _fresh_first(options[start:] + options[:start], ctx)[0]
            d = _draft(_extra_slot(pattern, ex.region), ex, ctx, [])
            d.rotates = len(options) > 1
            sd.drafts.append(d)
            placed = True
            break
    return placed


def _missing_note(pattern: Pattern, ctx: _Context, week: Sequence[_SessionDraft]) -> str:
    p = ctx.profile
    why = []
    if pattern.value in p.exclude:
        why.append("you excluded it")
    # Each area by what it removes: with knees and shoulders protected, the knees' rule takes
    # the lunges, not the shoulders'.
    whole = [a for a in p.protect if pattern in ctx.rules.protect[a].patterns]
    if whole:
        why.append(f"--protect {', '.join(whole)} removes it")
    elif not why and (kit := _kit_has_protected(pattern, ctx)):
        # The kit allows some (a pull-up bar), but every one of them is what a protected area
        # leaves out (hanging work for the shoulders): the complaint is the reason, not the kit.
        why.append(f"--protect {', '.join(kit)} removes what your equipment allows for it")
    if not why:
        heavy = [ex.name.lower() for ex in ctx.catalog
                 if ex.source == "redwood" and ex.pattern is pattern and _too_many_reps(ex, ctx)
                 and ex.suits(p.level) and ex.available_with(p.equipment)
                 and not _excluded(ex, p.exclude) and not ctx.protected(ex)]
        if heavy:
            why.append(f"what your equipment allows ({', '.join(heavy[:2])}) is not done for "
                       f"{p.goal.value}'s many reps")
    reason = " and ".join(why) or "no exercise for it fits your equipment and level"
    # Only what the week holds: a pullover the kit allows but the week lacks is no stand-in.
    pullovers = any(d.exercise.pattern is Pattern.PULLOVER for sd in week for d in sd.drafts)
    replaces = {
        Pattern.VERTICAL_PULL: ("a pullover works the lats in its place, with rows"
                                if pullovers else "rows work the lats instead"),
        Pattern.KNEE_FLEXION: "hinges and bridges work the hamstrings instead; a towel "
                              "(--equipment towel) allows a towel hamstring curl",
        Pattern.HINGE: "leg curls and single-leg work train the hamstrings and glutes instead",
    }.get(pattern, "")
    return (f"No {pattern_label(pattern)} work this week: {reason}"
            + (f"; {replaces}" if replaces else "") + ".")


def _kit_has_protected(pattern: Pattern, ctx: _Context, *, compound: bool = False) -> list[str]:
    """The protected areas that leave out an exercise of `pattern` (a compound one, with
    `compound`) the lifter's kit and level allow (empty where none does)."""
    p = ctx.profile
    if not p.protect:
        return []
    kit = [ex for ex in ctx.catalog
           if ex.source == "redwood" and ex.pattern is pattern and ctx.protected(ex)
           and (not compound or ex.mechanic is _COMPOUND)
           and ex.suits(p.level) and not _excluded(ex, p.exclude)
           and ex.available_with(p.equipment)]
    return [a for a in p.protect
            if any(ex.id in ctx.rules.protect[a].exercises for ex in kit)]


# --------------------------------------------------------------------------------------------
# Fitting a session into its minutes


def _last_rotator(d: _Draft, week: Sequence[_SessionDraft]) -> bool:
    """Whether `d` is the week's only accessory that rotates (the plan must rotate one)."""
    return d.rotates and not any(x is not d and x.rotates and not x.main
                                 for sd in week for x in sd.drafts)


def _kept_for_load(d: _Draft, ctx: _Context) -> bool:
    """Whether `d` is a loaded accessory that stays put only because its pattern's other
    loaded option is a main lift of the week (a band reverse lunge beside the band split squat;
    the bodyweight lunges it would have rotated through are no option in a plan for strength or
    size): it keeps the place a rotating accessory has when time is short, or the lifter loses
    the single-leg work a rotating bodyweight lunge kept (issue 10 item 6)."""
    ex = d.exercise
    if d.rotates or not _loaded_first(ctx) or not _is_loaded(ex) or ex.pattern in _LOAD_OPTIONAL:
        return False
    mains = ctx.week_mains
    index = ctx.pattern_index.get(True)  # the usable exercises by pattern (_find_candidates)
    same = [x for _, x in index.get(ex.pattern, ())] if index is not None else ctx.usable
    return any(x.id in mains and x.id != ex.id and x.pattern is ex.pattern and _is_loaded(x)
               for x in same)


def _drop(sd: _SessionDraft, d: _Draft, ctx: _Context) -> None:
    sd.drafts.remove(d)
    _pair(sd, ctx)


def _weekly(d: _Draft, week: Sequence[_SessionDraft]) -> bool:
    """Whether `d`'s pattern is one the week must hold: a weekly pattern, or a pullover in a
    week without a vertical pull (the lats' exercise in its place, before a row)."""
    pattern = d.exercise.pattern
    if pattern in WEEKLY_PATTERNS:
        return True
    if pattern is not Pattern.PULLOVER:
        return False
    vertical = Pattern.VERTICAL_PULL  # read once, not per draft (see _COMPOUND)
    return not any(x.exercise.pattern is vertical for other in week for x in other.drafts)


def _elsewhere(sd: _SessionDraft, d: _Draft, week: Sequence[_SessionDraft]) -> bool:
    """Whether the week keeps `d`'s pattern without it."""
    pattern = d.exercise.pattern  # plain loops: the trims and cuts ask for every accessory
    for other in week:
        for x in other.drafts:
            if x.exercise.pattern is pattern and x is not d:
                return True
    return False


def _trim_once(sd: _SessionDraft, ctx: _Context, week: Sequence[_SessionDraft],
               keep_rounds: bool = False) -> bool:
    """Make the session a little shorter; False when nothing more can go.

    Accessories and supersets first (least important first, and a pattern the week has
    elsewhere before one it would lose; one rotating accessory stays as long as it can), then
    the main lifts' sets; with `keep_rounds`, never below a superset's rounds (main.most-sets).
    """
    min_sets = ctx.rules.dosing.min_sets
    accessories = sorted((d for d in sd.drafts if not d.main),
                         key=lambda d: (not _elsewhere(sd, d, week),
                                        d.rotates or _kept_for_load(d, ctx), d.slot.keep))
    for d in accessories:
        if d.partner is None and d.sets > min_sets:
            d.sets -= 1
            return True
    for d in accessories[:-1]:
        if _elsewhere(sd, d, week) and not _last_rotator(d, week):
            _drop(sd, d, ctx)
            return True
    if _swap_for_time(sd, ctx, week) or _shorten_bookends(sd, ctx):
        return True
    mains = sorted((d for d in sd.drafts if d.main and d.partner is None), key=lambda d: -d.sets)
    # A pattern the week would lose costs a main-lift set first, but main lifts keep a
    # superset's rounds (main.most-sets) until the accessories are gone.
    paired = ctx.rules.supersets.rounds[0] if any(d.partner for d in sd.drafts) else 0
    for d in mains:
        if d.sets > max(min_sets, paired):
            d.sets -= 1
            return True
    for d in accessories[:-1]:
        # Not the week's only exercise of a weekly pattern (pattern.weekly, 3+ days: the only
        # leg curl goes last).
        if not _last_rotator(d, week) and (
                not _weekly(d, week) or _elsewhere(sd, d, week)
                or ctx.profile.days_per_week < _WEEKLY_PATTERNS_FROM_DAYS):
            _drop(sd, d, ctx)
            return True
    lo = ctx.rules.supersets.rounds[0]
    for d in sd.drafts:
        if d.partner is not None and d.sets > lo:
            d.sets -= 1
            d.partner.sets -= 1
            return True
    for d in accessories:
        # A multi-joint lift after the main ones gives up its longer rest before they do:
        # never a split squat resting 150 s beside main lifts cut to 120 s (issue 10 item 5).
        if (d.compound and d.partner is None and d.exercise.pattern is not Pattern.SPRINT
                and d.rest_s > ctx.goal.compound_rest_min_s):
            d.rest_s = ctx.goal.compound_rest_min_s
            d.rest_why = _ACCESSORY_REST_CUT
            return True
    for d in mains:
        # Hypertrophy's main lifts keep their 2 min (grgic2017): a set goes before the rest.
        if d.compound and d.rest_s > ctx.goal.main_rest_min_s:
            d.rest_s = ctx.goal.main_rest_min_s
            d.rest_why = "cut to the goal's minimum to fit your session length"
            return True
    for d in mains:
        if d.sets > (max(1, paired) if keep_rounds else 1):
            d.sets -= 1
            if d.sets == 1 and _ONE_SET not in d.why:
                d.why.append(_ONE_SET)
            return True
    for d in accessories:
        if d.partner is None and d.sets > 1:
            d.sets -= 1
            return True
    if accessories:
        _drop(sd, accessories[0], ctx)
        return True
    return False


def _swap_for_time(sd: _SessionDraft, ctx: _Context, week: Sequence[_SessionDraft]) -> bool:
    """Swap an accessory for a quicker one of its pattern (a one-leg move done per side takes
    twice as long as its two-leg cousin), or of its slot's other patterns when the week has its
    pattern elsewhere. False when no accessory has a quicker stand-in."""
    used = {d.exercise.id for d in sd.drafts}
    for d in sorted((d for d in sd.drafts if not d.main),
                    key=lambda d: -d.set_s):
        slot = (replace(d.slot, main=False) if _elsewhere(sd, d, week)
                else _extra_slot(d.exercise.pattern, d.region))
        quicker = [ex for ex in _candidates(slot, ctx, with_equipment=True)
                   if ex.id not in used and ex.mechanic is d.exercise.mechanic
                   and ex.id not in ctx.week_mains and not _twin(sd, ex, d)
                   and _draft(slot, ex, ctx, []).set_s < d.set_s]
        if quicker:
            # None the week has twice already first (not the same fly in every session).
            held = Counter(x.exercise.id for other in week for x in other.drafts)
            quicker.sort(key=lambda ex: held[ex.id] >= ctx.rules.progression.accessory_most_days)
            new = _draft(d.slot, quicker[0], ctx, ["Chosen over slower options to fit your "
                                                   "session length [time.budget]."])
            new.sets, new.rotates, new.partner = d.sets, d.rotates, d.partner
            if d.partner is not None:
                d.partner.partner = new
            sd.drafts[sd.drafts.index(d)] = new
            return True
    return False


def _shorten_bookends(sd: _SessionDraft, ctx: _Context) -> bool:
    """Cut warm-up and cool-down to their minimum lengths, once, as a last resort."""
    t = ctx.rules.timing
    warm, cool = _warmup(ctx, t.warmup_min_minutes), _cooldown(ctx, t.cooldown_min_minutes)
    if (warm, cool) == (sd.warmup, sd.cooldown):
        return False
    sd.warmup, sd.cooldown = warm, cool
    return True


_ACCESSORY_REST_CUT = ("cut to the goal's minimum for a multi-joint lift after the main ones, "
                      "to fit your session length")


def _no_longer_rest_than_mains(sd: _SessionDraft, ctx: _Context) -> None:
    """In a session whose main lifts rest less than usual to fit its minutes (cut here, or
    replayed from block 1 already cut: _replay_openers), a multi-joint lift after them rests
    no longer than they do: its rest is cut first (_trim_once; issue 10 item 5)."""
    cut = [d.rest_s for d in sd.drafts if d.main and d.rest_s < ctx.goal.main_rest]
    if not cut:
        return
    for d in sd.drafts:
        if (not d.main and d.compound and d.partner is None and d.rest_s > min(cut)
                and d.exercise.pattern is not Pattern.SPRINT
                and d.rest_s > ctx.goal.compound_rest_min_s):
            d.rest_s = ctx.goal.compound_rest_min_s
            d.rest_why = _ACCESSORY_REST_CUT


def _fit(sd: _SessionDraft, ctx: _Context, week: Sequence[_SessionDraft]) -> None:
    """Trim the session until its estimate fits the minutes, least important first. Main lifts
    keep a superset's rounds (main.most-sets) while the session holds one; a superset is never
    required, so the accessories go before the main lifts drop below its rounds."""
    budget = ctx.profile.minutes_per_session
    while _minutes(sd, ctx) > budget:
        if _trim_once(sd, ctx, week, keep_rounds=True) or _shorten_bookends(sd, ctx):
            continue
        raise PlanError(
            f"time.budget: the shortest {sd.focus.value} session that keeps two compound "
            f"lifts takes {_minutes(sd, ctx)} minutes, more than --minutes {budget}; "
            "raise --minutes")


def _restore_patterns(sessions: list[_SessionDraft], ctx: _Context, block_index: int) -> bool:
    """A weekly pattern the fill left out (main-lift sets took its minutes) comes back at the
    main lifts' expense: a coach would rather have core or calves every week than a fourth
    squat set. Main lifts give sets down to what main.most-sets and the bands allow; where the
    pattern still does not fit, nothing changes. True when a pattern came back."""
    if ctx.profile.days_per_week < _WEEKLY_PATTERNS_FROM_DAYS:
        return False
    changed = False
    for pattern in WEEKLY_PATTERNS:
        if pattern is Pattern.HINGE or pattern in _week_patterns(sessions):
            continue
        pool = _candidates(_extra_slot(pattern, None), ctx, with_equipment=True)
        if pattern is Pattern.VERTICAL_PULL and not pool:
            # The lats' exercise in its place before rows (substitution.vertical-pull).
            if Pattern.PULLOVER in _week_patterns(sessions):
                continue
            pool = [ex for ex in _candidates(_extra_slot(Pattern.PULLOVER, None), ctx,
                                             with_equipment=True) if ex.measure is _REPS]
        if _place_missing(pool, sessions, ctx, block_index):
            changed = True
            continue
        # Where the pattern takes a muscle over its band (a curl's calves beside four calf
        # raises), an accessory of a pattern the week holds twice gives way for it: a coach
        # keeps the week's only leg curl before its fourth calf raise (pattern.knee-flexion).
        blocking = {m for ex in pool for m, _ in ctx.share_items(ex)}
        spares = sorted(((sd, x) for sd in sessions for x in sd.drafts
                         if not x.main and x.exercise.pattern is not pattern
                         and any(m in blocking for m, _ in x.shares)
                         and _elsewhere(sd, x, sessions) and not _last_rotator(x, sessions)),
                        key=lambda p: (p[1].slot.keep, -p[1].sets))
        for sd, x in spares:
            saved = _save(sd)
            _drop(sd, x, ctx)
            if _place_missing(pool, sessions, ctx, block_index):
                changed = True
                break
            _restore(saved)
    return changed


def _place_missing(pool: Sequence[Exercise], sessions: list[_SessionDraft], ctx: _Context,
                   block_index: int) -> bool:
    """_restore_patterns' placing: an option of the missing pattern in the session with the
    fewest minutes that takes one (_try_pattern). True when placed."""
    before = _Tally.of(sessions, ctx)
    for sd in sorted(sessions, key=lambda x: _minutes(x, ctx)):
        used = {d.exercise.id for d in sd.drafts}
        options = [ex for ex in pool if ex.id not in used and _can_host(sd, ex)
                   and ex.id not in ctx.week_mains]
        # The block's option first (rotation), then the others: one that loads a muscle
        # already at the top of its band may leave another that fits.
        start = (block_index - 1) % max(len(options), 1)
        for ex in _fresh_first(options[start:] + options[:start], ctx):
            if _try_pattern(sd, ex, len(options), sessions, before, ctx):
                return True
    return False


def _try_pattern(sd: _SessionDraft, ex: Exercise, n_options: int,
         sessions: list[_SessionDraft], before: _Tally, ctx: _Context) -> bool:
    """Put `ex` in `sd` for a missing weekly pattern (see _restore_patterns); True when it
    fits the minutes and the bands, else the session is left as it was."""
    budget = ctx.profile.minutes_per_session
    pattern = ex.pattern
    d = _draft(_extra_slot(pattern, ex.region), ex, ctx, [])
    d.rotates = n_options > 1
    was = [(x, x.sets) for x in sd.drafts]
    # Pairing again on failure could pair what the fit had left straight (two unpaired
    # accessories raised to one superset's rounds: 32 of 30 min), so put it back as it was.
    saved = _save(sd)
    sd.drafts.append(d)
    sd.solo.add(ex.id)  # straight sets: no partner's rounds to raise
    _pair(sd, ctx)
    # Up to the floor of the muscles it trains, when the main lifts can give the time.
    low = [m for m, sh in ctx.share_items(ex) if sh >= 1.0]
    while (d.sets < ctx.rules.dosing.max_accessory_sets
           and any(before.muscles[m] + d.sets < ctx.band_cache[m][0] for m in low)
           and all(before.muscles[m] + sh * (d.sets + 1) <= ctx.band_cache[m][1]
                   for m, sh in ctx.share_items(ex))
           and d.sets < min((x.sets for x in sd.drafts if x.main), default=0)):
        d.sets += 1
    fitted = False
    # Never more sets than the session's main lifts (main.most-sets): where they are
    # down to one set (the shortest sessions), the pattern gets one too.
    least = min([ctx.rules.dosing.min_sets]
                + [x.sets for x in sd.drafts if x.main and x.partner is None])
    for n in range(d.sets, least - 1, -1):
        for x, m in was:
            x.sets = m
        d.sets = n
        while _minutes(sd, ctx) > budget:
            # The lift with the most sets gives one, unless that takes a main muscle below its
            # floor and another lift's set would not (hamstrings at 8 of 8-14: the row gives
            # the set, not the squat).
            now = _Tally.of(sessions, ctx)
            mains = sorted((x for x in sd.drafts if x.main and x.partner is None),
                           key=lambda x: (_below_floor(now, x, ctx), -x.sets))
            floor = max([ctx.rules.dosing.min_sets]
                        + [x.sets for x in sd.drafts if not x.main])
            giver = next((x for x in mains if x.sets > floor), None)
            if giver is None:
                break
            giver.sets -= 1
        after = _Tally.of(sessions, ctx)
        short = any(after.muscles[m] < ctx.band_cache[m][0] <= before.muscles[m]
                    for m in ctx.rules.muscle_volume.main)
        # At its fewest sets the pattern may take its own muscle above the band (core
        # already topped by the lifts' bracing): the band note says so, and a coach
        # keeps the pattern.
        own = {m for m, sh in ctx.share_items(ex) if sh >= 1.0} if (
            n <= ctx.rules.dosing.min_sets) else set()
        over = any(v > max(ctx.band_cache[m][1], before.muscles[m]) + 1e-9
                   for m, v in after.muscles.items() if m not in own) or any(
            v > max(ctx.rules.volume.max_sets, before.regions[r])
            for r, v in after.regions.items())
        most = min((x.sets for x in sd.drafts if x.main), default=d.sets)
        # A one-set pattern beside one-set main lifts (the shortest sessions) must not tip
        # legs:back: so few sets move the ratio by a lot.
        tipped = (n < ctx.rules.dosing.min_sets
                  and _still_balanced(before.regions, Region.LEGS, 0, ctx)
                  and not _still_balanced(after.regions, Region.LEGS, 0, ctx))
        if (_minutes(sd, ctx) <= budget and not short and not over and not tipped
                and d.sets <= most):
            fitted = True
            break
    if fitted:
        return True
    _restore(saved)
    return False


def _below_floor(tally: _Tally, d: _Draft, ctx: _Context) -> bool:
    """Whether one set less of `d` takes a main muscle from its band's floor to below it."""
    return any(tally.muscles[m] - sh < ctx.band_cache[m][0] - 1e-9 <= tally.muscles[m]
               for m, sh in ctx.share_items(d.exercise) if m in ctx.rules.muscle_volume.main)


def _replay_openers(sd: _SessionDraft, ctx: _Context, openers: list[_Draft]) -> None:
    """Open a later block's session with block 1's main-slot lifts: the same exercise, range and
    reasons."""
    mains = [d for d in sd.drafts if d.slot.main]
    for d, first in zip(mains, openers, strict=False):
        if d.exercise.id != first.exercise.id:
            new = _draft(d.slot, first.exercise, ctx, [])
            new.rotates = False
            sd.drafts[sd.drafts.index(d)] = d = new
        d.why, d.low, d.high, d.range_why = list(first.why), first.low, first.high, first.range_why
        d.set_s = first.set_s  # the same exercise and `high`


# --------------------------------------------------------------------------------------------
# Filling the week: main lifts first, then the muscles furthest below their band


@dataclass
class _Tally:
    """The week's hard sets per tracked muscle and per region, kept up to date while growing."""

    muscles: dict[str, float]
    regions: dict[Region, int]

    @classmethod
    def of(cls, sessions: Sequence[_SessionDraft], ctx: _Context) -> _Tally:
        if ctx.exact_counts:
            return cls._changed(sessions, ctx)
        return cls._whole(sessions, ctx)

    @classmethod
    def _whole(cls, sessions: Sequence[_SessionDraft], ctx: _Context) -> _Tally:
        # add() inlined: the fill and the cuts count the whole week again after every step.
        muscles = dict.fromkeys(ctx.rules.muscle_volume.tracked, 0.0)
        regions = dict.fromkeys(TRAINED_REGIONS, 0)
        for sd in sessions:
            for d in sd.drafts:
                sets = d.sets
                for name, share in d.shares:
                    muscles[name] += share * sets
                if d.region in regions:
                    regions[d.region] += sets
        return cls(muscles, regions)

    @classmethod
    def _changed(cls, sessions: Sequence[_SessionDraft], ctx: _Context) -> _Tally:
        """of(), from the last count with only the drafts that changed since (one set more or
        less, swapped, added, dropped) counted again: the fill and the cuts count the week
        after every one-set step. Exact sums only (ctx.exact_counts), so the totals are those
        of a whole count in the week's order to the last bit. A draft's shares and region never
        change (its exercise does not), so its sets are all there is to compare."""
        counted = ctx.counted
        if not counted:
            counted.append(({}, dict.fromkeys(ctx.rules.muscle_volume.tracked, 0.0),
                            dict.fromkeys(TRAINED_REGIONS, 0)))
        was, muscles, regions = counted[0]  # `was`: each counted draft's sets (by identity)
        seen = 0
        for sd in sessions:
            seen += len(sd.drafts)  # per session, not per draft: the loop below is the hot one
            for d in sd.drafts:
                sets = d.sets
                had = was.get(d)
                if had == sets:
                    continue
                if had is not None:  # its sets changed: out with the old count
                    for name, share in d.shares:
                        muscles[name] -= share * had
                    if d.region in regions:
                        regions[d.region] -= had
                for name, share in d.shares:
                    muscles[name] += share * sets
                if d.region in regions:
                    regions[d.region] += sets
                was[d] = sets
        if seen != len(was):  # some left the week (or a draft is in it twice)
            week = {d for sd in sessions for d in sd.drafts}
            if len(week) != seen:
                counted.clear()  # a draft twice: counted whole, and afresh next time
                return cls._whole(sessions, ctx)
            for d in [d for d in was if d not in week]:
                sets = was.pop(d)
                for name, share in d.shares:
                    muscles[name] -= share * sets
                if d.region in regions:
                    regions[d.region] -= sets
        return cls(dict(muscles), dict(regions))

    def add(self, d: _Draft, sets: int, ctx: _Context) -> None:
        muscles = self.muscles
        for name, share in ctx.share_items(d.exercise):
            muscles[name] += share * sets
        region = d.exercise.region
        if region in self.regions:
            self.regions[region] += sets

    def room_regions(self, unit: tuple[_Draft, ...], ctx: _Context) -> bool:
        """One more set of the unit keeps every region under [volume] max_sets."""
        most = ctx.rules.volume.max_sets
        for region, n in self.regions.items():
            for d in unit:
                if d.region is region:
                    n += 1
            if n > most:
                return False
        return True

    def room(self, unit: tuple[_Draft, ...], ctx: _Context) -> bool:
        """One more set of the unit keeps every muscle and region under its ceiling (a region
        already past it leaves no room for anything)."""
        most = ctx.rules.volume.max_sets  # room_regions inlined: the fill asks at every step
        for region, n in self.regions.items():
            for d in unit:
                if d.region is region:
                    n += 1
            if n > most:
                return False
        muscles, bands = self.muscles, ctx.band_cache  # every tracked muscle's band is in
        if len(unit) == 1:  # a loop, not all(): the fill asks for every unit at every step
            for m, g in unit[0].shares:  # noqa: SIM110
                if g and muscles[m] + g > bands[m][1]:
                    return False
            return True
        gain: dict[str, float] = {}  # a superset's round: both exercises' shares, in order
        for d in unit:
            for m, sh in d.shares:
                gain[m] = gain.get(m, 0.0) + sh
        return all(muscles[m] + g <= bands[m][1] for m, g in gain.items() if g)

    def room_for(self, ex: Exercise, ctx: _Context) -> bool:
        """One more set of `ex` keeps every muscle and region under its ceiling."""
        if ex.region in self.regions and self.regions[ex.region] + 1 > ctx.rules.volume.max_sets:
            return False
        muscles, bands = self.muscles, ctx.band_cache  # every tracked muscle's band is in
        items = ctx.share_tuples.get(ex.id)  # share_items without a call: asked the most
        if items is None:
            items = ctx.share_items(ex)
        for m, g in items:  # a loop: the fill asks for every option, every step
            if muscles[m] + g > bands[m][1]:
                break
        else:
            return True
        return False

    def need(self, muscle: str, ctx: _Context) -> float:
        """How far below its band's top (weighted double below the floor) a muscle is."""
        low, high = ctx.band_cache[muscle]  # the tally's muscles: every one's band is in
        have = self.muscles[muscle]
        return max(0.0, high - have) / high + (2.0 if have < low else 0.0)


def _cap(d: _Draft, sd: _SessionDraft, ctx: _Context) -> int:
    dosing = ctx.rules.dosing
    if d.main:
        return dosing.main_max_sets[ctx.profile.level]
    if d.partner is not None:
        cap = ctx.rules.supersets.rounds[1]
    else:
        cap = dosing.max_compound_sets if d.compound else dosing.max_accessory_sets
    # Main lifts get at least as many sets as any accessory in the session (a loop, not a
    # list: the fill asks for every unit at every step).
    for m in sd.drafts:
        if m.main and m.sets < cap:
            cap = m.sets
    return cap


def _grow(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally, mains: bool,
          balanced: bool = False) -> bool:
    """One more set where it helps most; False when nothing can grow. `balanced`: only a set
    that keeps legs:back inside [volume] balance (no later _balance cut takes it back)."""
    best: tuple[tuple[float, int], _SessionDraft, tuple[_Draft, ...]] | None = None
    budget = ctx.profile.minutes_per_session
    low, high = ctx.rules.volume.balance
    # The tally holds still till the end: each muscle's need (_Tally.need) worked out once.
    need: dict[str, float] = {}
    bands = ctx.band_cache
    for m, have in tally.muscles.items():
        floor, top = bands[m]
        need[m] = max(0.0, top - have) / top + (2.0 if have < floor else 0.0)
    dosing = ctx.rules.dosing
    main_cap = dosing.main_max_sets[ctx.profile.level]
    rounds_cap = ctx.rules.supersets.rounds[1]
    for sd in sessions:
        units = _units(sd)
        base: float | None = None  # the session's seconds, added up once a unit may grow
        bookends = _bookends(sd)
        # _cap, with the session's fewest main-lift sets read once for all its units.
        least_main: int | None = None
        for x in sd.drafts:
            if x.main and (least_main is None or x.sets < least_main):
                least_main = x.sets
        for unit in units:
            first = unit[0]
            if first.main is not mains:
                continue
            if first.main:
                cap = main_cap
            else:
                cap = (rounds_cap if first.partner is not None else
                       dosing.max_compound_sets if first.compound else dosing.max_accessory_sets)
                if least_main is not None and least_main < cap:
                    cap = least_main
            if first.sets >= cap:
                continue
            if not tally.room(unit, ctx):
                continue
            if balanced:
                legs = tally.regions[Region.LEGS] + sum(d.region is Region.LEGS for d in unit)
                back = tally.regions[Region.BACK] + sum(d.region is Region.BACK for d in unit)
                if not (back and low <= legs / back <= high):
                    continue
            score: float = 0
            for d in unit:
                for m, share in d.shares:
                    score += share * need[m]
            # On a tie (one lift on several days) the day with fewer sets grows first: the
            # first day would otherwise reach its cap with the others at their fewest.
            key = (score, -unit[0].sets)
            if score <= 0 or (best is not None and key <= best[0]):
                continue
            extra = (_unit_seconds(unit, ctx, unit[0].sets + 1) - _unit_seconds(unit, ctx))
            if base is None:
                base = 0
                for u in units:
                    base += _unit_seconds(u, ctx)
            if math.ceil((base + extra) / _SECONDS_PER_MINUTE + bookends - 1e-9) <= budget:
                best = (key, sd, unit)
    if best is None:
        return False
    _, sd, unit = best
    for d in unit:
        d.sets += 1
        tally.add(d, 1, ctx)
    return True


def _muscle_options(muscle: str, ctx: _Context) -> list[Exercise]:
    """The usable exercises that train `muscle` as a prime mover, best first (worked out once
    per plan)."""
    key = f"options:{muscle}"
    if key not in ctx.options_cache:
        if not ctx.movers:
            ctx.movers[""] = []  # (none: the index is made, once per plan)
            for ex in ctx.usable:
                for m, sh in ctx.share_items(ex):
                    if sh == 1.0:
                        ctx.movers.setdefault(m, []).append(ex)
        movers = [ex for ex in ctx.movers.get(muscle, ()) if ex.id not in ctx.week_mains]
        regions = (Region.LEGS, Region.BACK, Region.CORE)  # read once (see _COMPOUND)
        options = [ex for ex in movers if ex.region in regions]
        # A full-body lift only where nothing else trains the muscle (no squat or lunge
        # allowed: a sled drag is what is left for the quadriceps).
        options = options or [ex for ex in movers if ex.region is Region.FULL_BODY]
        options.sort(key=lambda ex: (ex.mechanic is _COMPOUND,
                                     _loaded_first(ctx) and not _is_loaded(ex), ex.rank, ex.id))
        # The blocks rotate through these: never to a bodyweight calf raise while a
        # kettlebell one is there. A loaded exercise of the pattern that does not train the
        # muscle as a prime mover is no such option: a side-lying kettlebell raise works the
        # rear delts, a prone Y-T-W raise the upper back.
        loaded = {ex.pattern for ex in options if _is_loaded(ex)}
        options = [ex for ex in options
                   if not (_unloaded_stand_in(ex, ctx) and ex.pattern in loaded)]
        ctx.options_cache[key] = options
    return ctx.options_cache[key]


def _add_exercise(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally,
                  block_index: int, only: str | None = None) -> bool:
    """A new accessory for the muscle furthest below its band (or for `only`), in a session
    with room."""
    short = sorted((m for m in tally.muscles if tally.need(m, ctx) > 0 and only in (None, m)),
                   key=lambda m: -tally.need(m, ctx))
    hinge_days = sum(sd.has_hinge() for sd in sessions)
    budget = ctx.profile.minutes_per_session
    by_time: list[_SessionDraft] | None = None  # sorted when a muscle first has options
    near: dict[int, set[Pattern]] = {}
    hours = ctx.rules.schedule.min_hours_between_hard
    week_ids = {d.exercise.id for sd in sessions for d in sd.drafts}
    for muscle in short:
        options = _muscle_options(muscle, ctx)
        start = (block_index - 1) % max(len(options), 1)
        # A muscle below its floor that nothing in the week trains as a prime mover (the
        # quadriceps with no squat or lunge allowed) gets its lift even where that lift's
        # secondary muscles pass their tops: the cuts then take sets from the lifts that filled
        # those (a coach doses the untrained muscle first).
        rescue = (tally.muscles[muscle] < ctx.band_cache[muscle][0] - 1e-9 and not any(
            ctx.share(d.exercise).get(muscle, 0.0) >= 1.0 for sd in sessions for d in sd.drafts))
        fitting = [ex for ex in options[start:] + options[:start]
                   if tally.room_for(ex, ctx) or (rescue and _room_but_secondary(ex, tally, ctx))]
        # What the week does not hold yet first: a second core exercise, not the same one again.
        fitting.sort(key=lambda ex: ex.id in week_ids)
        if not fitting:
            continue
        if by_time is None:  # the week as the call found it: nothing was tried yet
            by_time = sorted(sessions, key=lambda s: _minutes(s, ctx))
            near = {id(s): _near_spaced(s, sessions, hours) if ctx.spacing[0] else set()
                    for s in sessions}
        # Isolation work of a pattern the sessions a day before or after hold goes there only
        # for a muscle below its band's floor, and where no session further from that work can
        # take an option (_thin_isolation): a fourth calf raise to take calves from 6 to 8 of
        # 6-10 is not worth calf raises on Friday and Saturday.
        below = tally.muscles[muscle] < ctx.band(muscle)[0] - 1e-9
        for sd, crowding in [(s, c) for c in (False, True)[:1 + below] for s in by_time]:
            used = {d.exercise.id for d in sd.drafts}
            base: float | None = None  # added up when an option first needs it (before any try)
            bookends = _bookends(sd)
            for ex in fitting:
                if ex.id in used or not _can_host(sd, ex) or crowding is not (
                        ex.mechanic is not _COMPOUND and ex.pattern is not _CORE
                        and ex.pattern in near[id(sd)]):
                    continue
                if _at_weekly_cap(ex, sessions, ctx):
                    continue
                # A hinge accessory never joins a hinge day (a good morning after the
                # deadlift is a third hinge), nor makes a third hinge day.
                if ex.pattern is _HINGE and (
                        sd.has_hinge() or hinge_days >= ctx.rules.progression.hinge_heavy_days):
                    continue
                # The checks read a draft made once per exercise; only one that passes them
                # is drafted for the session.
                proto = _extra_draft(ex, ctx)
                cost = _unit_seconds((proto,), ctx)
                if base is None:
                    base = sum(_unit_seconds(u, ctx) for u in _units(sd))
                if math.ceil((base + cost) / 60 + bookends - 1e-9) > budget:
                    continue  # a quicker option may still fit
                if any(tally.muscles[m] + sh * proto.sets > ctx.band_cache[m][1]
                       for m, sh in ctx.share_items(ex) if not rescue or sh >= 1.0):
                    continue  # overdosed at its fewest sets (pairing only adds): no need to try
                spared = frozenset(m for m, sh in ctx.share_items(ex) if rescue and sh < 1.0)
                d = _draft(proto.slot, ex, ctx, [])
                d.rotates = len(options) > 1
                sd.drafts.append(d)
                was = [(x, x.sets) for x in sd.drafts]  # the new one too: pairing may raise it
                _pair(sd, ctx)
                if d.partner is not None and (
                        _minutes(sd, ctx) > budget
                        or _overdosed(_Tally.of(sessions, ctx), tally, ctx, spared)):
                    # Pairing raises both to the superset's rounds, which may overdose or run
                    # past the budget where the new exercise's own sets fit: straight sets.
                    for x, n in was:
                        x.sets = n
                    sd.solo.add(ex.id)
                    _pair(sd, ctx)
                after = _Tally.of(sessions, ctx)
                if _minutes(sd, ctx) > budget or _overdosed(after, tally, ctx, spared):
                    sd.solo.discard(ex.id)
                    sd.drafts.remove(d)
                    for x, n in was:  # pairing raised partners to a superset's rounds
                        x.sets = n
                    _pair(sd, ctx)
                    continue
                return True
    return False


def _at_weekly_cap(ex: Exercise, week: Sequence[_SessionDraft], ctx: _Context,
                   instead: _Draft | None = None) -> bool:
    """Whether the week (without `instead`) already holds as many exercises of `ex`'s pattern
    as [dosing] weekly_slots allows."""
    cap = ctx.rules.dosing.weekly_slots.get(ex.pattern)
    if cap is None:
        return False
    # Plain loops that stop at the cap: the swaps and the fill ask for every option.
    pattern, held = ex.pattern, 0
    for sd in week:
        for d in sd.drafts:
            if d.exercise.pattern is pattern and d is not instead:
                held += 1
                if held >= cap:
                    return True
    return held >= cap


def _split_for_room(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally) -> bool:
    """While a session leaves a quarter of its minutes unused (time.use), take an exercise out of
    a superset whose next round would overdose its partner's muscles while it alone has room,
    so it can grow as straight sets; the session keeps another superset. True when it split."""
    budget = ctx.profile.minutes_per_session
    if all(_minutes(sd, ctx) >= ctx.rules.dosing.min_time_use * budget for sd in sessions):
        return False
    for sd in sessions:
        if sd.pairs() < 2:
            continue
        for d in sd.drafts:
            partner = d.partner
            if (partner is None or tally.room((d, partner), ctx)
                    or not tally.room((d,), ctx)):
                continue
            sd.solo.add(d.exercise.id)
            _pair(sd, ctx)
            if _fits(sd, ctx, _unit_seconds((d,), ctx, d.sets + 1) - _unit_seconds((d,), ctx)):
                return True
            sd.solo.discard(d.exercise.id)
            _pair(sd, ctx)
    return False


_Saved = list[tuple[_SessionDraft, list[_Draft], list[tuple[_Draft, int, _Draft | None]],
                   set[str]]]


def _save(*sessions: _SessionDraft) -> _Saved:
    """The sessions' drafts in order, each draft's sets and partner, and the straight-set ids:
    what a tried change puts back with _restore."""
    return [(s, list(s.drafts), [(x, x.sets, x.partner) for x in s.drafts], set(s.solo))
            for s in sessions]


def _restore(saved: _Saved) -> None:
    """Put the sessions back exactly as _save found them: pairing again could pair differently
    (it reads sets), so sets and partners are restored, not recomputed."""
    for s, drafts, sets, solo in saved:
        s.drafts[:] = drafts
        s.solo.clear()
        s.solo.update(solo)
        for x, n, partner in sets:
            x.sets, x.partner = n, partner


def _relocate(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally,
              balanced: bool = False) -> bool:
    """Move a single accessory from a session with no time left for a set its muscles have room
    for to a session that leaves a quarter of its minutes unused and can host it (time.use):
    the first session's freed minutes go to that set. Where a muscle is below its band's floor
    and its lift has room but its session has no minutes for the next set (quadriceps at 9 of
    10-18, the dumbbell squat's session full while a back session has 7 minutes left), any
    session with the minutes may take the accessory, and the lift grows at once
    (volume.muscle-bands). `balanced`: only a move that keeps legs:back inside [volume] balance
    (after the fill, no _balance cuts it back). True when it moved one."""
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    minutes = {id(sd): _minutes(sd, ctx) for sd in sessions}
    short = frozenset(m for m, n in tally.muscles.items() if n < ctx.band_cache[m][0] - 1e-9)
    if not short and all(n >= least for n in minutes.values()):
        return False
    for giver in sessions:
        if minutes[id(giver)] < least:
            continue
        wanting = [unit for unit in _units(giver)
                   if unit[0].sets < _cap(unit[0], giver, ctx) and tally.room(unit, ctx)
                   and not _fits(giver, ctx, _unit_seconds(unit, ctx, unit[0].sets + 1)
                                 - _unit_seconds(unit, ctx))]
        if not wanting:
            continue
        floors = short if any(_trains(unit, short, ctx) for unit in wanting) else frozenset()
        takers = [sd for sd in sessions if sd is not giver
                  and (minutes[id(sd)] < least or (floors and minutes[id(sd)] < budget))]
        # A superset's member may move too (a leg curl paired with a back accessory in a full
        # back session while a legs session has minutes): its partner goes straight.
        # A hinge compound stays (the week's hinge days, hinge.heavy-days); a glute bridge is
        # no heavy hinge and may move.
        for d in [d for d in giver.drafts if not d.main
                  and not (d.exercise.pattern is Pattern.HINGE and d.compound)]:
            for taker in takers:
                if (not _can_host(taker, d.exercise)
                        or any(x.exercise.id == d.exercise.id for x in taker.drafts)):
                    continue
                grow = floors if minutes[id(taker)] >= least else frozenset()
                # Pairing in the taker raises the mover to the superset's rounds, which can
                # overdose where its own sets fit (a 2-set calf raise beside a 4-set rear-delt
                # raise): then it goes as straight sets.
                moved, paired = _move(sessions, ctx, tally, giver, taker, d, grow, False,
                                      balanced)
                if moved or (paired and _move(sessions, ctx, tally, giver, taker, d, grow,
                                              True, balanced)[0]):
                    return True
    return False


def _relocate_to_grow(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """An accessory that trains a main muscle with room for its next set, whose session has no
    minutes for that set (or whose superset partner's muscle has no room for the round), moves
    to a session ending early and grows there, even where its old session then ends early in
    turn (_relocate keeps the giver's minutes): kept when the main muscles' room shrinks, no
    more sessions end early and nothing is overdosed or over its minutes (time.use). True
    when it moved one."""
    start = _time_use_start(sessions, ctx)
    if start is None:
        return False
    tally, _, early, _ = start
    roomy = frozenset(_roomy(tally, ctx).intersection(ctx.rules.muscle_volume.main))
    for g, giver in enumerate(sessions):
        if g in early:
            continue
        for unit in _units(giver):
            # A superset's member may go alone (a split squat whose reverse-fly partner holds
            # the upper back at its top): its partner stays as straight sets.
            for d in unit:
                if (not d.main and _trains((d,), roomy, ctx) and tally.room((d,), ctx)
                        and (len(unit) > 1 or not _fits(
                            giver, ctx, _unit_seconds(unit, ctx, d.sets + 1)
                            - _unit_seconds(unit, ctx)))
                        and _relocate_grown(sessions, ctx, start, giver, d, roomy)):
                    return True
    return False


def _relocate_grown(sessions: list[_SessionDraft], ctx: _Context,
                    start: tuple[_Tally, float, set[int], set[int]], giver: _SessionDraft,
                    d: _Draft, roomy: frozenset[str]) -> bool:
    """_relocate_to_grow's try of one accessory: to each session ending early in turn, as
    straight sets grown while its muscles have room, the giver's freed minutes to its own
    sets; kept where the main muscles' room shrinks, else both sessions are put back."""
    tally, gap, early, _ = start
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    muscles = frozenset(m for m, sh in d.shares if sh >= 1.0 and m in roomy)
    for i, straight in itertools.product(sorted(early), (False, True)):
        taker = sessions[i]
        if (not _can_host(taker, d.exercise)
                or any(x.exercise.id == d.exercise.id for x in taker.drafts)):
            continue
        was = _save(taker, giver)
        if d.partner is not None:  # its partner goes straight, rather than pair anew at
            giver.solo.add(d.partner.exercise.id)  # rounds that could overdose
        # Paired in the taker, the mover takes the superset's rounds (a split squat beside
        # the day's 4-set reverse fly).
        most = _shift(giver, taker, d, straight, ctx)
        after = _Tally.of(sessions, ctx)
        while _grow_lift(taker, ctx, after, muscles):
            pass
        while _minutes(giver, ctx) < least and _grow_lift(giver, ctx, after, None):
            pass
        now = _Tally.of(sessions, ctx)
        if ((d.partner is None or most >= ctx.rules.supersets.rounds[0])
                and all(_minutes(sd, ctx) <= budget for sd in sessions)
                and sum(_minutes(sd, ctx) < least for sd in sessions) <= len(early)
                and not _overdosed(now, tally, ctx) and _room_gap(now, ctx) < gap - 1e-9
                and (_legs_back_ok(now, ctx) or not _legs_back_ok(tally, ctx))):
            return True
        _restore(was)
    return False


def _grow_short_bookends(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """A session ends early while a main muscle has room, and the only set that could take it
    (a clamshell's, both sides) misses another session's spare minutes by less than that
    session's warm-up and cool-down can give: they give the fewest whole minutes that let the
    set in, the cool-down first, neither below its least ([timing]) (time.use: endurance
    6 x 37 min outdoors, Legs A's 3 spare minutes for a 4-minute set with glutes at 13 of
    8-14, every other glute lift loading hamstrings at their top). Kept only when the main
    muscles' room shrinks, nothing is overdosed and legs:back stays inside its balance; True
    when it grew one."""
    start = _time_use_start(sessions, ctx)
    if start is None:
        return False
    tally, gap, _, _ = start
    main = frozenset(_roomy(tally, ctx).intersection(ctx.rules.muscle_volume.main))
    t = ctx.rules.timing
    for sd in sessions:
        if not any(unit[0].sets < _cap(unit[0], sd, ctx) and _trains(unit, main, ctx)
                   and tally.room(unit, ctx) for unit in _units(sd)):
            continue
        was, bookends = _save(sd), (sd.warmup, sd.cooldown)
        warm = sum(a.minutes for a in sd.warmup)
        cool = sum(a.minutes for a in sd.cooldown)
        spare_cool = max(0.0, cool - t.cooldown_min_minutes)
        spare = spare_cool + max(0.0, warm - t.warmup_min_minutes)
        for cut in range(1, math.floor(spare + 1e-9) + 1):
            from_cool = min(cut, spare_cool)
            sd.warmup = _warmup(ctx, warm - (cut - from_cool))
            sd.cooldown = _cooldown(ctx, cool - from_cool)
            after = _Tally.of(sessions, ctx)
            if _grow_lift(sd, ctx, after, main):
                if (not _overdosed(after, tally, ctx) and _room_gap(after, ctx) < gap - 1e-9
                        and (_legs_back_ok(after, ctx) or not _legs_back_ok(tally, ctx))):
                    return True
                break
        _restore(was)
        sd.warmup, sd.cooldown = bookends
    return False


def _trains(unit: tuple[_Draft, ...], muscles: frozenset[str], ctx: _Context) -> bool:
    """Whether the unit trains one of `muscles` as a prime mover."""
    return any(ctx.share(d.exercise).get(m, 0.0) >= 1.0 for d in unit for m in muscles)


def _move(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally, giver: _SessionDraft,
          taker: _SessionDraft, d: _Draft, grow: frozenset[str],
          straight: bool, balanced: bool) -> tuple[bool, bool]:
    """_relocate's one try: `d` from the giver to the taker (`straight`: kept out of the taker's
    supersets); with `grow`, a lift of those muscles in the giver takes one more set in the
    freed minutes. Undone (both sessions exactly as they were) unless both sessions keep their
    minutes and no muscle is overdosed. Says whether it moved and whether `d` paired in the
    taker."""
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    # A failed move restores both sessions exactly (re-pairing d at the end would pair it anew
    # and raise a straight accessory to the superset's rounds).
    was = _save(taker, giver)
    most = _shift(giver, taker, d, straight, ctx)
    # A superset that would fall below its least rounds does not move.
    paired = d.partner is not None
    if ((not paired or most >= ctx.rules.supersets.rounds[0])
            and _minutes(giver, ctx) <= budget and _minutes(taker, ctx) <= budget):
        after = _Tally.of(sessions, ctx)
        if not _overdosed(after, tally, ctx):
            if grow:
                grown = _grow_lift(giver, ctx, after, grow)
            else:
                # The freed minutes go to the sets that wanted them (a giver left below the
                # least minutes by a long accessory gets back above them).
                while _minutes(giver, ctx) < least and _grow_lift(giver, ctx, after, None):
                    pass
                grown = True
            # `balanced`: the move and its grown sets keep legs:back where it was inside (a
            # calf raise moved to a legs day, paired and grown there: 37 legs to 18 back
            # sets, volume.balance, with the back held by the upper back at its top).
            if grown and _minutes(giver, ctx) >= least and (
                    not balanced or _legs_back_ok(_Tally.of(sessions, ctx), ctx)
                    or not _legs_back_ok(tally, ctx)):
                return True, paired
    _restore(was)
    return False, paired


def _shift(giver: _SessionDraft, taker: _SessionDraft, d: _Draft, straight: bool,
           ctx: _Context) -> int:
    """Move `d` from the giver to the taker (`straight`: kept out of the taker's supersets) and
    pair both again; the most sets the mover (and a partner pairing raised) may keep there,
    which it now has at most. The giver re-pairs too: its left partner may go straight or
    join another accessory at the superset's rounds, which can take more minutes (time.budget)
    or sets (volume.muscle-bands) than the pair did. The mover keeps no more sets than the
    taker's main lifts (main.most-sets): a 4-set calf raise beside 3-set goblet squats."""
    giver.drafts.remove(d)
    taker.drafts.append(d)
    if straight:
        taker.solo.add(d.exercise.id)
    _pair(taker, ctx)
    _pair(giver, ctx)
    moved = [x for x in (d, d.partner) if x is not None]
    most = min(_cap(x, taker, ctx) for x in moved)
    for x in moved:
        x.sets = min(x.sets, most)
    return most


def _grow_lift(sd: _SessionDraft, ctx: _Context, tally: _Tally,
               muscles: frozenset[str] | None) -> bool:
    """One more set of a unit of the session (that trains one of `muscles` as a prime mover,
    unless None), where its muscles have room and the session the minutes; `tally` counts it.
    True when it grew one."""
    for unit in _units(sd):
        if (unit[0].sets < _cap(unit[0], sd, ctx)
                and (muscles is None or _trains(unit, muscles, ctx))
                and tally.room(unit, ctx)
                and _fits(sd, ctx, _unit_seconds(unit, ctx, unit[0].sets + 1)
                          - _unit_seconds(unit, ctx))):
            for x in unit:
                x.sets += 1
                tally.add(x, 1, ctx)
            return True
    return False


def _use_time(sessions: list[_SessionDraft], ctx: _Context, block_index: int) -> None:
    """While a session leaves a quarter of its minutes unused (time.use), move accessories to it
    from sessions with no time left for a set their muscles have room for, and grow the freed
    sets (the last fill's cuts can leave such a week)."""
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    for _ in range(len(sessions) + 1):  # a few moves at most (no move undoes another)
        if all(_minutes(sd, ctx) >= least for sd in sessions):
            break
        # Sets the fill grew past legs:back balance and _balance cut again (a leg curl's,
        # while the back's rows are held by their muscles' bands): grown again where they
        # keep the balance.
        tally = _Tally.of(sessions, ctx)
        for mains in (True, False):
            while _grow(sessions, ctx, tally, mains=mains, balanced=True):
                pass
        if not (_relocate(sessions, ctx, tally, balanced=True) or _trade_region(sessions, ctx)
                or _trade_blocked(sessions, ctx, block_index) or _relocate_via(sessions, ctx)
                or _relocate_to_grow(sessions, ctx) or _grow_short_bookends(sessions, ctx)):
            break
    while (_trade_balance(sessions, ctx) or _trade_region_floor(sessions, ctx)
           or _trade_session_time(sessions, ctx) or _lift_floor(sessions, ctx, block_index)
           or _trade_floor_sets(sessions, ctx, block_index)):
        pass  # each trade shrinks the floors' shortfall
    # A trade can swap an accessory for a shorter one (a reverse fly for a plank to lift the
    # core to its floor): the minutes it freed grow the muscles still below their bands.
    tally = _Tally.of(sessions, ctx)
    for mains in (True, False):
        while _grow(sessions, ctx, tally, mains=mains, balanced=True):
            pass


def _use_time_keeping_knee_flexion(sessions: list[_SessionDraft], ctx: _Context,
                                   block_index: int) -> None:
    """_use_time, undone where its trades took knee flexion below the floor it had reached
    ([muscle_volume.knee_flexion]: a leg curl's set traded for a back extension's, which the
    hamstrings' sets count alike, is no trade for the short head of the biceps femoris), unless
    the week without them leaves a session ending early while a main muscle has room
    (time.use)."""
    kf = min(_knee_flexion_sets(sessions), _knee_flexion_floor(ctx))
    saved = _save(*sessions)
    pairs = [(s, s.max_pairs) for s in sessions]
    _use_time(sessions, ctx, block_index)
    if _knee_flexion_sets(sessions) < kf:
        used = _save(*sessions)
        used_pairs = [(s, s.max_pairs) for s in sessions]
        _restore(saved)
        for s, n in pairs:
            s.max_pairs = n
        if _time_use_start(sessions, ctx) is not None:  # the minutes come first (time.use)
            _restore(used)
            for s, n in used_pairs:
                s.max_pairs = n


def _time_use_start(sessions: Sequence[_SessionDraft],
                    ctx: _Context) -> tuple[_Tally, float, set[int], set[int]] | None:
    """What a time.use step starts from: the week's tally, the main muscles' room (_room_gap),
    the sessions ending early and those whose main lifts have the most sets (by index). None
    when no session ends early or no main muscle has room."""
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    early = {i for i, sd in enumerate(sessions) if _minutes(sd, ctx) < least}
    if not early:
        return None
    tally = _Tally.of(sessions, ctx)
    gap = _room_gap(tally, ctx)
    if gap <= 1e-9:
        return None
    return tally, gap, early, {i for i, sd in enumerate(sessions) if _mains_lead(sd)}


def _relocate_via(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """A straight accessory with room for a set its full session has no minutes for, that no
    session ending early can take (hamstrings at 15 of 10-16: a back day's leg curl at 40 of
    41 min, while the lighter legs day at 29 min has that curl already, held by its two-set
    main lifts, main.most-sets): it moves to a third session that passes one of its own
    accessories to the early one (a core move to the legs day), and grows there in the freed
    minutes (time.use). Kept only when the main muscles' room shrinks, no session that used its
    minutes ends early, nothing is overdosed or out of balance and main lifts keep the most
    sets; True when it moved."""
    start = _time_use_start(sessions, ctx)
    if start is None:
        return False
    tally, gap, was_early, led = start
    budget = ctx.profile.minutes_per_session
    early = [sd for i, sd in enumerate(sessions) if i in was_early]
    main = ctx.rules.muscle_volume.main
    # The passed accessory keeps at most the early session's main-lift sets: core or calves may
    # come off their tops by a set (neither keeps a session from ending early, time.use).
    roomy = _roomy(tally, ctx) | (set(tally.muscles) - set(main))
    for giver in sessions:
        if giver in early:
            continue
        wanting = [d for d in giver.drafts if not d.main and d.partner is None
                   and d.exercise.pattern is not Pattern.HINGE and d.sets < _cap(d, giver, ctx)
                   and tally.room((d,), ctx) and any(m in main for m, _ in d.shares)
                   and not _fits(giver, ctx, _unit_seconds((d,), ctx, d.sets + 1)
                                 - _unit_seconds((d,), ctx))]
        for w in wanting:
            muscles = frozenset(m for m, sh in w.shares if sh >= 1.0 and m in main)
            for host in sessions:
                if host is giver or host in early or not _can_host(host, w.exercise):
                    continue
                for x in [x for x in host.drafts if not x.main and x.partner is None
                          and x.exercise.pattern is not Pattern.HINGE]:
                    for taker in early:
                        if not _can_host(taker, x.exercise):
                            continue
                        saved = _save(*sessions)
                        for sd, d, to in ((host, x, taker), (giver, w, host)):
                            sd.drafts.remove(d)
                            to.drafts.append(d)
                            to.solo.add(d.exercise.id)
                            d.sets = min(d.sets, _cap(d, to, ctx))
                        after = _Tally.of(sessions, ctx)  # _grow_lift counts its set in
                        if (all(_minutes(sd, ctx) <= budget for sd in sessions)
                                and _grow_lift(host, ctx, after, muscles)
                                and _room_gap(after, ctx) < gap - 1e-9
                                and _floor_gap(after, ctx) <= _floor_gap(tally, ctx) + 1e-9
                                and not _overdosed(after, tally, ctx)
                                and _legs_back_ok(after, ctx)
                                and _no_new_breaks(sessions, ctx, was_early, led, roomy)):
                            return True
                        _restore(saved)
    return False


def _blocking(muscle: str, tally: _Tally, sessions: Sequence[_SessionDraft],
              ctx: _Context) -> set[str]:
    """The muscles a lift of `muscle` would take above their tops: a new one at its fewest
    sets, or one of the week's one set more."""
    lifts = [(ex, _extra_draft(ex, ctx).sets) for ex in _muscle_options(muscle, ctx)] + [
        (d.exercise, 1) for sd in sessions for d in sd.drafts
        if ctx.share(d.exercise).get(muscle, 0.0) >= 1.0]
    return {m for ex, n in lifts for m, sh in ctx.share_items(ex)
            if m != muscle and tally.muscles[m] + sh * n > ctx.band_cache[m][1] + 1e-9}


def _trade_blocked(sessions: list[_SessionDraft], ctx: _Context, block_index: int) -> bool:
    """A session ends early (time.use) while a main muscle sits a whole set below its top and
    every lift of it would take another muscle over its own (hamstrings at 13.5 of 10-16, each
    leg curl's half set of calves with calves at 9.5 of 4-10, a lighter legs day at 33 of 45
    min): a set (or a whole accessory whose pattern the week keeps elsewhere) of an accessory
    that loads the blocking muscle but not the short one makes way for the short muscle's lift,
    added where a session has minutes or grown, as _trade does below a floor. Kept only when
    the main muscles' room shrinks, no floor falls short and nothing is overdosed or out of
    balance; True when it traded."""
    start = _time_use_start(sessions, ctx)
    if start is None:
        return False
    tally, gap, early, led = start
    main = ctx.rules.muscle_volume.main
    roomy = _roomy(tally, ctx)
    for muscle in sorted(main, key=lambda m: tally.muscles[m] - ctx.band_cache[m][1]):
        if not room_for_a_set(tally.muscles[muscle], ctx.band_cache[muscle][1]):
            break
        if _trade_for(sessions, ctx, tally, muscle, gap, block_index, _room_gap,
                      lambda: _no_new_breaks(sessions, ctx, early, led, roomy)):
            return True
    return False


def _mains_lead(sd: _SessionDraft) -> bool:
    """Whether no accessory of the session has more sets than its fewest main-lift sets
    (main.most-sets)."""
    mains = [d.sets for d in sd.drafts if d.main]
    if not mains:
        return True
    least = min(mains)  # once, not per accessory
    return all(d.sets <= least for d in sd.drafts if not d.main)


def _roomy(tally: _Tally, ctx: _Context) -> set[str]:
    """The muscles a whole set below their tops: a main one keeps a session from ending early
    (time.use), and another at its top may be what blocks a main one's lifts."""
    return {m for m, n in tally.muscles.items() if room_for_a_set(n, ctx.band_cache[m][1])}


def _no_new_breaks(sessions: list[_SessionDraft], ctx: _Context, early: set[int],
                   led: set[int], roomy: set[str]) -> bool:
    """Whether a trade, its freed room grown, left no session that used its minutes (not in
    `early`) ending early and no muscle newly a whole set below its top (time.use: a set
    traded for a set can shorten the giver's session, take a donor's muscle off its top, or
    free a lift the muscle at its top held back), and no session whose main lifts had the most
    sets (in `led`) without them (main.most-sets: an added lift comes with its own sets)."""
    # The freed room first goes where _use_time would put it (a calf raise given up for a leg
    # curl leaves calves room for another calf-raise set).
    tally = _Tally.of(sessions, ctx)
    for mains in (True, False):
        while _grow(sessions, ctx, tally, mains=mains, balanced=True):
            pass
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    return (_roomy(_Tally.of(sessions, ctx), ctx) <= roomy
            and all((i in early or _minutes(sd, ctx) >= least)
                    and (i not in led or _mains_lead(sd)) for i, sd in enumerate(sessions)))


def _trade_for(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally, muscle: str,
               gap: float, block_index: int, measure: Callable[[_Tally, _Context], float],
               guard: Callable[[], bool] | None = None) -> bool:
    """_trade's and _trade_blocked's donors for `muscle`: each accessory unit that loads a
    muscle in the way of its lifts but not `muscle`, tried in the week's order until a trade is
    kept (_trade_unit). True when one was."""
    blocking = _blocking(muscle, tally, sessions, ctx)
    if not blocking:
        return False
    for sd in sessions:
        for unit in _units(sd):
            loads = {m for d in unit for m, _ in ctx.share_items(d.exercise)}
            if any(d.main for d in unit) or muscle in loads or not blocking & loads:
                continue
            if _trade_unit(sessions, ctx, sd, unit, muscle, gap, block_index, measure, guard):
                return True
    return False


def _room_gap(tally: _Tally, ctx: _Context) -> float:
    """How far below their bands' tops, together, the main muscles sit that have a whole set of
    room (what keeps a session from ending early: time.use)."""
    tops = ((ctx.band_cache[m][1], tally.muscles[m]) for m in ctx.rules.muscle_volume.main)
    return sum(top - n for top, n in tops if room_for_a_set(n, top))


def _trade_region(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """A main muscle a whole set below its top whose lifts have the minutes and the room in
    their muscles but whose region holds [volume] max_sets (glutes at 18.5 of 12-20, legs at 40
    sets, sessions at half their minutes): a set of another of the region's accessories that
    does not load it (or that accessory, where the week keeps its pattern elsewhere) makes way
    for a set of its lift, calf and core work first. Kept only when the main muscles' room
    shrinks and nothing is overdosed or out of balance (time.use); True when it traded."""
    tally = _Tally.of(sessions, ctx)
    gap = _room_gap(tally, ctx)
    if gap <= 1e-9:
        return False
    most, main = ctx.rules.volume.max_sets, ctx.rules.muscle_volume.main
    for muscle in sorted(main, key=lambda m: tally.muscles[m] - ctx.band_cache[m][1]):
        if not room_for_a_set(tally.muscles[muscle], ctx.band_cache[muscle][1]):
            break
        movers = [unit for sd in sessions for unit in _units(sd)
                  if _trains(unit, frozenset((muscle,)), ctx)]
        full = {unit[0].region for unit in movers if not tally.room(unit, ctx)
                and tally.regions.get(unit[0].region, 0) + len(unit) > most}
        # Only where a mover sits in a region with room too (a back extension for glutes): a
        # muscle trained only in full regions has all the sets the week can give it, unless it
        # is below its floor (quadriceps at 11 of 12-20 with legs at 40 sets, nine of them hip
        # abductions): a coach doses it first, so another of the region's sets makes way.
        below = tally.muscles[muscle] < ctx.band_cache[muscle][0] - 1e-9
        if not full or (all(unit[0].region in full for unit in movers) and not below):
            continue
        donors = [(sd, unit) for sd in sessions for unit in _units(sd)
                  if not any(d.main for d in unit) and unit[0].region in full
                  and not any(ctx.share(d.exercise).get(muscle, 0.0) for d in unit)]
        # Calf and core work before a main muscle's sets.
        donors.sort(key=lambda t: sum(ctx.share(d.exercise).get(m, 0.0)
                                      for d in t[1] for m in main))
        for sd, unit in donors:
            if _trade_set(sessions, ctx, sd, unit, muscle, _room_gap, gap):
                return True
    return False


def _trade_region_floor(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """A muscle below its band's floor whose lifts have the room and a session the minutes, but
    whose region holds [volume] max_sets (quadriceps at 11 of 12-20, legs at 40 sets, nine of
    them hip abductions, sessions at 67 of 88 min): a set of another of the region's
    accessories that does not load it makes way for a set of its lift (volume.muscle-bands),
    however long the sessions already are (_use_time's trades wait for one that ends early).
    A coach takes it first from an isolation the week repeats on most days and no weekly
    pattern needs (a third hip-abduction slot), then from calf and core work, last from a main
    muscle's sets. Kept only when the floors' shortfall shrinks and nothing is overdosed or out
    of balance; True when it traded."""
    tally = _Tally.of(sessions, ctx)
    gap = _floor_gap(tally, ctx)
    if gap <= 1e-9:
        return False
    most, main = ctx.rules.volume.max_sets, ctx.rules.muscle_volume.main
    full = {r for r, n in tally.regions.items() if n + 1 > most}
    if not full:
        return False
    days = {p: sum(any(not d.main and d.exercise.pattern is p for d in sd.drafts)
                   for sd in sessions) for p in _week_patterns(sessions)}
    for muscle in sorted(main, key=lambda m: tally.muscles[m] - ctx.band_cache[m][0]):
        if tally.muscles[muscle] >= ctx.band_cache[muscle][0] - 1e-9:
            break
        donors = [(sd, unit) for sd in sessions for unit in _units(sd)
                  if not any(d.main for d in unit) and unit[0].region in full
                  and not any(ctx.share(d.exercise).get(muscle, 0.0) for d in unit)]
        donors.sort(key=lambda t: (t[1][0].exercise.pattern in WEEKLY_PATTERNS,
                                   -days[t[1][0].exercise.pattern],
                                   sum(ctx.share(d.exercise).get(m, 0.0)
                                       for d in t[1] for m in main)))
        for sd, unit in donors:
            if _trade_set(sessions, ctx, sd, unit, muscle, _floor_gap, gap):
                return True
    return False


def _trade_session_time(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """A muscle below its band's floor whose lift has the room but whose every session that
    can take it has no minutes for its next set (upper back at 11.5 of 12-20, the rows in back
    sessions at 41 of 41 min once main lifts rest 2 min): an accessory of that session that
    does not load it, whose pattern the week keeps elsewhere (a third calf raise), gives the
    session its minutes, and the lift grows in them (volume.muscle-bands). Kept only when the
    floors' shortfall shrinks, the session keeps [dosing] min_time_use of its minutes and
    nothing is overdosed or out of balance; True when it traded."""
    tally = _Tally.of(sessions, ctx)
    gap = _floor_gap(tally, ctx)
    if gap <= 1e-9:
        return False
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    margin = ctx.rules.coach_checks.full_margin_minutes
    days = {p: sum(any(not d.main and d.exercise.pattern is p for d in sd.drafts)
                   for sd in sessions) for p in _week_patterns(sessions)}
    for muscle in sorted(ctx.rules.muscle_volume.main,
                         key=lambda m: tally.muscles[m] - ctx.band_cache[m][0]):
        if tally.muscles[muscle] >= ctx.band_cache[muscle][0] - 1e-9:
            break
        one = frozenset((muscle,))
        for sd in sessions:
            if not any(_trains(unit, one, ctx) and unit[0].sets < _cap(unit[0], sd, ctx)
                       and tally.room(unit, ctx) for unit in _units(sd)):
                continue
            donors = [d for d in sd.drafts if not d.main and d.partner is None
                      and not ctx.share(d.exercise).get(muscle, 0.0)
                      and _elsewhere(sd, d, sessions) and not _last_rotator(d, sessions)]
            donors.sort(key=lambda d: (d.exercise.pattern in WEEKLY_PATTERNS,
                                       -days[d.exercise.pattern],
                                       sum(sh for m, sh in d.shares
                                           if m in ctx.rules.muscle_volume.main)))
            full = _minutes(sd, ctx) >= budget - margin
            for d in donors:
                saved = _save(*sessions)
                _drop(sd, d, ctx)
                after = _Tally.of(sessions, ctx)
                while _grow_lift(sd, ctx, after, one):
                    pass
                # Not a muscle newly short (a lat pulldown dropped takes the upper back below
                # its floor too), nor a full session with minutes left while muscles stay
                # short: the week would have time for them (volume.muscle-bands).
                left = _floor_gap(after, ctx)
                if (_minutes(sd, ctx) >= least and _whole_pairs(sessions, ctx)
                        and left < gap - 1e-9
                        and (not full or left <= 1e-9 or _minutes(sd, ctx) >= budget - margin)
                        and all(n >= ctx.band_cache[m][0] - 1e-9 or n >= tally.muscles[m] - 1e-9
                                for m, n in after.muscles.items())
                        and not _overdosed(after, tally, ctx) and _legs_back_ok(after, ctx)):
                    return True
                _restore(saved)
    return False


def _spare(unit: tuple[_Draft, ...], tally: _Tally, ctx: _Context) -> float | None:
    """How far above their floors the unit's muscles stay with one set (round) of it less, the
    least of them: None where one would fall below its floor (a set the floors cannot spare)."""
    gain: dict[str, float] = {}
    for d in unit:
        for m, sh in d.shares:
            gain[m] = gain.get(m, 0.0) + sh
    left = [tally.muscles[m] - sh - ctx.band_cache[m][0] for m, sh in gain.items() if sh]
    if any(n < -1e-9 for n in left):
        return None
    return min(left, default=math.inf)


def _trade_floor_sets(sessions: list[_SessionDraft], ctx: _Context, block_index: int) -> bool:
    """A muscle below its band's floor whose lifts lack the minutes or the room (quadriceps at 8
    of 10-14 in 40-minute full-body days, every minute spent: a fourth row set for the lats at
    14 of 10-14 and rear-delt raises for an upper back inside its band, while a plank's half
    set of glutes keeps every squat and lunge set from fitting under the glutes' top): a set of
    work the floors can spare (a unit that does not load the short muscle and whose muscles all
    stay at or above their floors a set lighter: a muscle at its top first, a main lift's set
    above its session's accessories, an accessory of a muscle inside its band) makes way, and a
    second such set where one is not enough (one frees the room, one the minutes); then the
    short muscle's lift grows or joins a session (volume.muscle-bands: a coach doses the muscle
    below its floor before one already inside its band). Kept only when the floors' shortfall
    shrinks, no session runs over or newly ends early (time.use), main lifts keep the most sets
    where they had them (main.most-sets) and nothing is overdosed or out of balance; True when
    it traded."""
    tally = _Tally.of(sessions, ctx)
    gap = _floor_gap(tally, ctx)
    if gap <= 1e-9:
        return False
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    # Only where every session uses its minutes: a week with a session ending early is short of
    # neither minutes nor room in the way a set given could mend, and its time.use excuses (no
    # main muscle with room) are what a given set would undo. Nor where a muscle sits above its
    # top: its sets are excused only as other rules' fewest (volume.muscle-bands).
    if any(_minutes(sd, ctx) < least for sd in sessions) or any(
            n > ctx.band_cache[m][1] + 1e-9 for m, n in tally.muscles.items()):
        return False
    led = {i for i, sd in enumerate(sessions) if _mains_lead(sd)}

    def kept(before: _Tally, muscle: str) -> bool:
        return _floor_kept(sessions, ctx, before, tally, muscle, gap, led, least)

    def take(muscle: str) -> bool:
        # The lift in the freed minutes; else, with an accessory that loads the muscle holding
        # the short one's lifts back swapped for a lighter one (a dead bug for a plank and its
        # half set of glutes, in the minutes the given set freed), then the lift.
        mid = _save(*sessions)
        if _lift_muscle(sessions, ctx, block_index, muscle) and kept(tally, muscle):
            return True
        _restore(mid)
        return (_make_room(sessions, ctx, _Tally.of(sessions, ctx))
                and _lift_muscle(sessions, ctx, block_index, muscle) and kept(tally, muscle))

    for muscle in sorted(tally.muscles, key=lambda m: tally.muscles[m] - ctx.band_cache[m][0]):
        if tally.muscles[muscle] >= ctx.band_cache[muscle][0] - 1e-9:
            break
        if _give_for(sessions, ctx, muscle, partial(take, muscle)):
            return True
    return False


def _floor_kept(sessions: list[_SessionDraft], ctx: _Context, before: _Tally, start: _Tally,
                muscle: str, gap: float, led: set[int], least: float) -> bool:
    """Whether a step that lifted `muscle` (below its floor) is worth keeping: the muscle and the
    floors' shortfall (`gap`) gained, no muscle taken below its floor (or further below it) nor
    past its top, nothing overdosed against `start`, legs:back in balance, supersets whole, every
    session between `least` minutes and its budget and main lifts still leading where they did
    (the sessions in `led`)."""
    after = _Tally.of(sessions, ctx)
    bands = ctx.band_cache
    budget = ctx.profile.minutes_per_session
    return (after.muscles[muscle] > before.muscles[muscle] + 1e-9
            and _floor_gap(after, ctx) < gap - 1e-9
            and all(bands[m][0] - 1e-9 <= n <= bands[m][1] + 1e-9
                    or before.muscles[m] - 1e-9 <= n < bands[m][0]
                    for m, n in after.muscles.items())
            and not _overdosed(after, start, ctx) and _legs_back_ok(after, ctx)
            and _whole_pairs(sessions, ctx)
            and all(least <= _minutes(sd, ctx) <= budget and (i not in led or _mains_lead(sd))
                    for i, sd in enumerate(sessions)))


def _lift_muscle(sessions: list[_SessionDraft], ctx: _Context, block_index: int,
                 muscle: str) -> bool:
    """One more set for `muscle`: its lift grows in a session, or a new lift for it joins one."""
    now = _Tally.of(sessions, ctx)
    one = frozenset((muscle,))
    return (any(_grow_lift(sd, ctx, now, one) for sd in sessions)
            or _add_exercise(sessions, ctx, now, block_index, muscle))


def _lift_floor(sessions: list[_SessionDraft], ctx: _Context, block_index: int) -> bool:
    """A muscle below its band's floor whose lift fits in minutes a session has spare (the calves
    at 3.5 of 4-8 while a session ends 7 minutes early, after time.use's moves took a row from
    it): the lift grows or joins that session, nothing given for it (volume.muscle-bands). The
    fill added such lifts before time.use's moves freed the minutes; kept on _floor_kept's
    terms (the early-ending bound: a session already ending early may stay so); True when it
    lifted one."""
    tally = _Tally.of(sessions, ctx)
    gap = _floor_gap(tally, ctx)
    if gap <= 1e-9:
        return False
    led = {i for i, sd in enumerate(sessions) if _mains_lead(sd)}
    least = min(ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session,
                min(_minutes(sd, ctx) for sd in sessions))
    for muscle in sorted(tally.muscles, key=lambda m: tally.muscles[m] - ctx.band_cache[m][0]):
        if tally.muscles[muscle] >= ctx.band_cache[muscle][0] - 1e-9:
            break
        mid = _save(*sessions)
        if (_lift_muscle(sessions, ctx, block_index, muscle)
                and _floor_kept(sessions, ctx, tally, tally, muscle, gap, led, least)):
            return True
        _restore(mid)
    # Else the minutes are in another session: an accessory moves there and the short muscle's
    # lift grows in the minutes it freed (quadriceps at 11 of 12-20, the squat days full and a
    # back day 6 minutes early once time.use's moves grew the squats).
    short = [m for m in tally.muscles if tally.muscles[m] < ctx.band_cache[m][0] - 1e-9]
    mid = _save(*sessions)
    if _relocate(sessions, ctx, tally) and any(
            _floor_kept(sessions, ctx, tally, tally, m, gap, led, least) for m in short):
        return True
    _restore(mid)
    return False


def _give_for(sessions: list[_SessionDraft], ctx: _Context, muscle: str,
              take: Callable[[], bool]) -> bool:
    """_trade_floor_sets' donors for `muscle`: a set of a unit that does not load it and whose
    muscles all keep their floors a set lighter (the most to spare first; an accessory before a
    main lift where they tie), and where `take` (the lift grown and the trade judged) fails
    with one, a second with it. True when `take` kept a trade; else the week as it was."""
    tally = _Tally.of(sessions, ctx)
    donors: list[tuple[float, bool, _SessionDraft, tuple[_Draft, ...]]] = []
    for sd in sessions:
        for unit in _units(sd):
            if any(ctx.share(d.exercise).get(muscle, 0.0) for d in unit):
                continue
            spare = _spare(unit, tally, ctx)
            if spare is not None:
                donors.append((spare, unit[0].main, sd, unit))
    donors.sort(key=lambda t: (-t[0], t[1]))
    for i, (_, _, sd, unit) in enumerate(donors):
        saved = _save(*sessions)
        if not _give_set(sessions, ctx, sd, unit):
            continue
        if take():
            return True
        _restore(saved)
        for _, _, other, second in donors[i + 1:]:
            if (_give_set(sessions, ctx, sd, unit)
                    and _spare(second, _Tally.of(sessions, ctx), ctx) is not None
                    and _give_set(sessions, ctx, other, second) and take()):
                return True
            _restore(saved)
    return False


def _trade_balance(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """A muscle below its band's floor whose lift has the room and the minutes, but one more set
    of its region would take legs:back out of [volume] balance (calves at 3 of 4-8 with 16 legs
    sets against 8 back sets, every back lift held by the upper back at its top): a set of
    another of the region's lifts that does not load it (accessories first, then a main lift
    above its floor: a twelfth deadlift set matters less than a fourth calf set) makes way for a
    set of its lift (volume.muscle-bands). Kept only when the floors' shortfall shrinks and
    nothing is overdosed or out of balance; True when it traded."""
    tally = _Tally.of(sessions, ctx)
    gap = _floor_gap(tally, ctx)
    if gap <= 1e-9:
        return False
    low, high = ctx.rules.volume.balance
    legs, back = tally.regions[Region.LEGS], tally.regions[Region.BACK]
    full = ({Region.LEGS} if back and legs + 1 > high * back else set()) | (
        {Region.BACK} if legs < low * (back + 1) else set())
    if not full:
        return False
    for muscle in sorted(tally.muscles, key=lambda m: tally.muscles[m] - ctx.band_cache[m][0]):
        if tally.muscles[muscle] >= ctx.band_cache[muscle][0] - 1e-9:
            break
        one = frozenset((muscle,))
        if not any(unit[0].region in full and _trains(unit, one, ctx)
                   and unit[0].sets < _cap(unit[0], sd, ctx) and tally.room(unit, ctx)
                   for sd in sessions for unit in _units(sd)):
            continue
        donors = [(sd, unit) for sd in sessions for unit in _units(sd)
                  if unit[0].region in full
                  and not any(ctx.share(d.exercise).get(muscle, 0.0) for d in unit)]
        donors.sort(key=lambda t: (t[1][0].main, sum(ctx.share(d.exercise).get(m, 0.0)
                                                    for d in t[1]
                                                    for m in ctx.rules.muscle_volume.main)))
        for sd, unit in donors:
            if _trade_set(sessions, ctx, sd, unit, muscle, _floor_gap, gap):
                return True
    return False


def _trade_set(sessions: list[_SessionDraft], ctx: _Context, sd: _SessionDraft,
               unit: tuple[_Draft, ...], muscle: str,
               measure: Callable[[_Tally, _Context], float], gap: float) -> bool:
    """_trade_region's and _trade_balance's one try: a set off `unit` (or `unit`, a lone
    accessory at its floor, out of the week), then a set of a lift of `muscle`; undone unless
    the week's `measure` shrank below `gap` and the floors' shortfall did not grow (calves at
    their floor keep their sets)."""
    saved = _save(*sessions)
    before = _Tally.of(sessions, ctx)
    if not _give_set(sessions, ctx, sd, unit):
        return False
    tally = _Tally.of(sessions, ctx)
    if (any(_grow_lift(other, ctx, tally, frozenset((muscle,))) for other in sessions)
            and _floor_gap(tally, ctx) <= _floor_gap(before, ctx) + 1e-9
            and _kept(sessions, ctx, before, muscle, measure, gap)):
        return True
    _restore(saved)  # the week exactly as it was
    return False


def _make_room(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally) -> bool:
    """A main muscle below its band whose every exercise would take another muscle over the top
    (quadriceps short, the squat blocked by glutes at the top): swap an accessory that loads the
    blocking muscle but not the short one for a lighter one, so the short muscle's lifts can
    grow. True when it swapped."""
    for muscle in ctx.rules.muscle_volume.main:
        if tally.muscles[muscle] >= ctx.band_cache[muscle][0] - 1e-9:
            continue
        movers = [d for sd in sessions for d in sd.drafts
                  if ctx.share(d.exercise).get(muscle, 0.0) >= 1.0]
        blocking = {m for d in movers for m, sh in ctx.share(d.exercise).items()
                    if m != muscle and tally.muscles[m] + sh > ctx.band_cache[m][1] + 1e-9}
        if not movers or not blocking:
            continue
        for sd in sessions:
            for d in sd.drafts:
                mine = ctx.share(d.exercise)
                if (d.main or d.swapped or mine.get(muscle, 0.0) > 0
                        or not any(m in blocking for m in mine)):
                    continue
                if _swap_lighter(sd, d, tally, blocking, set(), sessions, ctx):
                    return True
    return False


def _floor_gap(tally: _Tally, ctx: _Context) -> float:
    """How many sets the week's muscles lack, together, to reach their bands' floors."""
    return sum(max(0.0, ctx.band_cache[m][0] - n) for m, n in tally.muscles.items())


def _grow_mover(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally, muscle: str) -> bool:
    """One more set of a unit that trains `muscle` as a prime mover, where the unit's muscles
    have room and the session has the minutes. True when it grew one."""
    for sd in sessions:
        for unit in _units(sd):
            # Straight sets only: a superset's next round would load its partner's muscles too.
            if (len(unit) > 1 or unit[0].main or unit[0].sets >= _cap(unit[0], sd, ctx)
                    or not any(ctx.share(d.exercise).get(muscle, 0.0) >= 1.0 for d in unit)
                    or not tally.room(unit, ctx)):
                continue
            extra = _unit_seconds(unit, ctx, unit[0].sets + 1) - _unit_seconds(unit, ctx)
            if _fits(sd, ctx, extra):
                for d in unit:
                    d.sets += 1
                    tally.add(d, 1, ctx)
                return True
    return False


def _trade(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally, block_index: int) -> bool:
    """A muscle below its band's floor whose every lift would take another muscle over its top
    (hamstrings short; a seated leg curl would overdose calves, every other curl or hinge glutes
    that hip abductions filled): take a set (or a whole accessory whose pattern the week keeps
    elsewhere) from an accessory that loads a blocking muscle but not the short one, then add or
    grow the short muscle's lift in the freed room. A coach doses the muscle below its floor
    before topping up one at its ceiling. Kept only when the week's shortfall below the floors
    shrinks and nothing is overdosed; True when it traded."""
    gap = _floor_gap(tally, ctx)
    if gap <= 1e-9:
        return False
    for muscle in sorted(tally.muscles, key=lambda m: tally.muscles[m] - ctx.band_cache[m][0]):
        if tally.muscles[muscle] >= ctx.band_cache[muscle][0] - 1e-9:
            break
        if _trade_for(sessions, ctx, tally, muscle, gap, block_index, _floor_gap):
            return True
    return False


def _legs_back_ok(tally: _Tally, ctx: _Context) -> bool:
    """Whether the week's legs:back ratio is inside [volume] balance (what _balance would
    otherwise cut back, undoing a trade)."""
    low, high = ctx.rules.volume.balance
    legs, back = tally.regions[Region.LEGS], tally.regions[Region.BACK]
    return bool(back) and low <= legs / back <= high


def _whole_pairs(sessions: Sequence[_SessionDraft], ctx: _Context) -> bool:
    """Whether every superset's members have the same sets, at least the guide's rounds (a try
    that re-paired a session can leave a new pair uneven, and the plan would show its fewer
    rounds: superset.rounds)."""
    least = ctx.rules.supersets.rounds[0]
    return all(d.partner is None or (d.sets == d.partner.sets and d.sets >= least)
               for sd in sessions for d in sd.drafts)


def _give_set(sessions: list[_SessionDraft], ctx: _Context, sd: _SessionDraft,
              unit: tuple[_Draft, ...]) -> bool:
    """A set off `unit` (a round off a superset), or `unit`, a lone accessory at its floor, out
    of the week where the week keeps its pattern elsewhere (a main lift never leaves: the
    session keeps its compounds): what a trade gives. False when the rules allow neither."""
    first = unit[0]
    if first.sets > _floor(first, sd, ctx):
        for d in unit:
            d.sets -= 1
    elif (len(unit) == 1 and not first.main and _elsewhere(sd, first, sessions)
          and not _last_rotator(first, sessions)):
        _drop(sd, first, ctx)
    else:
        return False
    return True


def _kept(sessions: list[_SessionDraft], ctx: _Context, before: _Tally, muscle: str,
          measure: Callable[[_Tally, _Context], float], gap: float) -> bool:
    """Whether a trade is kept: `muscle` gained, the week's `measure` of what its muscles lack
    shrank below `gap`, nothing is overdosed, legs:back holds and every superset is whole."""
    after = _Tally.of(sessions, ctx)
    return (after.muscles[muscle] > before.muscles[muscle] + 1e-9
            and measure(after, ctx) < gap - 1e-9 and not _overdosed(after, before, ctx)
            and _legs_back_ok(after, ctx) and _whole_pairs(sessions, ctx))


def _trade_unit(sessions: list[_SessionDraft], ctx: _Context, sd: _SessionDraft,
                unit: tuple[_Draft, ...], muscle: str, gap: float, block_index: int,
                measure: Callable[[_Tally, _Context], float] = _floor_gap,
                guard: Callable[[], bool] | None = None) -> bool:
    """_trade's (and _trade_blocked's) one try: a set off `unit` (or `unit`, a lone accessory at
    its floor, out of the week), then `muscle`'s lift added or grown; undone unless the week's
    `measure` (the floors' shortfall; the main muscles' room) shrank below `gap` and the floors'
    shortfall did not grow (and `guard` holds)."""
    saved = _save(*sessions)
    before = _Tally.of(sessions, ctx)
    if not _give_set(sessions, ctx, sd, unit):
        return False
    tally = _Tally.of(sessions, ctx)
    # A new lift where a session has minutes left first: growing one in a full session can
    # leave its superset short of rounds once the session is fitted again.
    # _trade_blocked's muscle sits above its floor: the added lift must be its own, not one for
    # the muscle the given set left furthest below its top (a calf raise back for a calf raise).
    only = None if measure is _floor_gap else muscle
    if ((_add_exercise(sessions, ctx, tally, block_index, only)
         or _grow_mover(sessions, ctx, tally, muscle))
            and _floor_gap(_Tally.of(sessions, ctx), ctx) <= _floor_gap(before, ctx) + 1e-9
            and _kept(sessions, ctx, before, muscle, measure, gap)
            and (guard is None or guard())):
        return True
    _restore(saved)  # the week exactly as it was
    return False


def _extra_draft(ex: Exercise, ctx: _Context) -> _Draft:
    """`ex` drafted as an added accessory, for reading its dose and time (made once per plan;
    never placed in a session, which gets a fresh draft of its own)."""
    found = ctx.extra_drafts.get(ex.id)
    if found is None:
        found = ctx.extra_drafts[ex.id] = _draft(_extra_slot(ex.pattern, ex.region), ex, ctx, [])
    return found


def _room_but_secondary(ex: Exercise, tally: _Tally, ctx: _Context) -> bool:
    """Whether one set of `ex` keeps its prime movers and its region under their ceilings (its
    secondary muscles may pass theirs)."""
    if ex.region in tally.regions and tally.regions[ex.region] + 1 > ctx.rules.volume.max_sets:
        return False
    return all(tally.muscles[m] + sh <= ctx.band_cache[m][1] for m, sh in ctx.share_items(ex)
               if sh >= 1.0)


def _overdosed(after: _Tally, before: _Tally, ctx: _Context,
               spared: frozenset[str] = frozenset()) -> bool:
    """Whether a change pushed a muscle (but those `spared`) above its band or a region above
    the ceiling."""
    most, bands, was = ctx.rules.volume.max_sets, ctx.band_cache, before.muscles
    for m, n in after.muscles.items():
        if n > max(bands[m][1], was[m]) and m not in spared:
            return True
    return any(n > max(most, before.regions[r]) for r, n in after.regions.items())


def _fill(sessions: list[_SessionDraft], ctx: _Context, block_index: int) -> _Tally:
    """Grow the week towards the top of every band, then bring it back inside the bands and
    the rules (balance, main lifts first); again while that changes the week, since cutting one
    muscle's sets can leave room (and time) for another's."""
    for _ in range(4):
        before = _shape(sessions)
        # Re-pairing can change sets, so count after every structural change.
        tally = _Tally.of(sessions, ctx)
        while _grow(sessions, ctx, tally, mains=True):
            pass
        seen: set[_WeekKey] = set()
        while True:
            while _grow(sessions, ctx, tally, mains=False):
                pass
            if not (_add_exercise(sessions, ctx, tally, block_index)
                    or _split_for_room(sessions, ctx, tally)
                    or _relocate(sessions, ctx, tally)
                    or _make_room(sessions, ctx, tally)
                    or _trade(sessions, ctx, tally, block_index)):
                break
            # Each step is kept because it helps by its own measure, but two steps can undo
            # each other (an added accessory cut again to make room, then traded back): a week
            # seen before means the steps go round in a circle, and the fill would never end.
            key = _week_key(sessions)
            if key in seen:
                break
            seen.add(key)
            tally = _Tally.of(sessions, ctx)
        _cut_overshoot(sessions, ctx)
        _spread_excess(sessions, ctx)
        _balance(sessions, ctx)
        for sd in sessions:
            _mains_first(sd, ctx, sessions)
        if _shape(sessions) == before:
            break
    # The last round's _mains_first can grow a session's main lifts to its superset's rounds
    # after the cuts (the fill stops after four rounds whether or not the week settled): their
    # secondary shares then take a muscle past its top beside a prime mover above its floor
    # (two single-leg hip thrusts of 5 sets beside pistol squats grown to 3: hamstrings 17 of
    # 10-16), which volume.muscle-bands faults. The cuts take that set back.
    if _loose_excess(sessions, ctx):
        _cut_overshoot(sessions, ctx)
        for sd in sessions:
            _mains_first(sd, ctx, sessions)
    _rebalance(sessions, ctx)
    return _Tally.of(sessions, ctx)


def _loose_excess(sessions: Sequence[_SessionDraft], ctx: _Context) -> bool:
    """Whether a muscle is above its band's top while the week holds an exercise that trains
    it as a prime mover with more sets than its floor (_floor): what volume.muscle-bands faults
    (above the top, each such exercise must be at the fewest sets the rules allow it), and what
    the "Above the band" note says is not so."""
    bands = ctx.band_cache
    over = {m for m, n in _Tally.of(sessions, ctx).muscles.items() if n > bands[m][1] + 1e-9}
    return bool(over) and _mover_above_floor(sessions, ctx, over)


def _mover_above_floor(sessions: Sequence[_SessionDraft], ctx: _Context,
                       muscles: set[str]) -> bool:
    """Whether the week holds an exercise that trains one of `muscles` as a prime mover with
    more sets than its floor (_floor)."""
    return any(sh >= 1.0 and m in muscles and d.sets > _floor(d, sd, ctx)
               for sd in sessions for d in sd.drafts for m, sh in d.shares)


def _rebalance(sessions: list[_SessionDraft], ctx: _Context) -> None:
    """legs:back again after _mains_first, which brings a single accessory down to its
    session's main-lift sets: one _balance counted at a superset's rounds (its partner, a leg
    accessory, dropped for the balance) loses them after it. The lighter region takes a set
    first (a coach adds a pull rather than cut a leg lift: strength 5 x 45 min outdoors with
    a trap bar and sore shoulders, a rear-delt raise left at three rounds went to two and
    made 21 legs to 10 back sets, one more inverted-row set keeps 2:1), else _balance cuts."""
    for _ in range(len(sessions) + 1):  # a few sets at most; each step changes the week
        tally = _Tally.of(sessions, ctx)
        if _legs_back_ok(tally, ctx):
            return
        legs, back = tally.regions[Region.LEGS], tally.regions[Region.BACK]
        light = Region.BACK if not back or legs / back > 1 else Region.LEGS
        if _grow_region(sessions, ctx, tally, light):
            continue
        _balance(sessions, ctx)
        for sd in sessions:
            _mains_first(sd, ctx, sessions)


def _short_days(sessions: Sequence[_SessionDraft],
                ctx: _Context) -> list[tuple[_SessionDraft, _Draft, list[_Draft]]]:
    """main.sets-first: a main lift in a session that ends early with fewer sets than its
    lighter days (advanced plans: _lighter_days) or two fewer than a day with the same target;
    each with the days that have more."""
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    days: dict[str, list[tuple[_SessionDraft, _Draft]]] = {}
    for sd in sessions:
        for d in sd.drafts:
            if d.main:
                days.setdefault(d.exercise.id, []).append((sd, d))
    found = []
    for lift in days.values():
        for k, (sd, d) in enumerate(lift):
            if len(lift) < 2 or _minutes(sd, ctx) >= least:
                continue
            more = [lift[j][1] for j in _sets_first_over([x.sets for _, x in lift], k,
                                                          _rated(d, ctx))]
            if more:
                found.append((sd, d, more))
    return found


def _rated(d: _Draft, ctx: _Context) -> bool:
    """Whether the lift's days carry RPE targets, so some are lighter days (_lighter_days):
    advanced plans, sets the RPE table covers."""
    return ctx.profile.level is Level.ADVANCED and d.high <= ctx.rules.progression.rpe_max_reps


def _sets_first_over(sets: Sequence[int], k: int, rated: bool) -> list[int]:
    """main.sets-first for a lift's day `k`, its sets on each day of the week in order: the
    other days that hold more than `k` may, any more where `k` is heavy and that day lighter
    (`rated`: _lighter_days, none past the RPE table), two more where both have one target."""
    light = _lighter_days(sets) if rated else set()
    return [j for j, n in enumerate(sets)
            if j != k and (n > sets[k] if k not in light and j in light
                           else n >= sets[k] + 2 and (k in light) == (j in light))]


def _heavy_days_first(sessions: list[_SessionDraft], ctx: _Context, block_index: int) -> bool:
    """Give a main lift that has fewer sets on its heavy day (or on a day with time) than on
    another day a set (main.sets-first): grown where its muscles have room, else moved from
    the day with more (its accessories with as many sets a set down with it, main.most-sets),
    else traded for sets (or the whole) of accessories that load the muscles in the way. A
    muscle the move takes below its floor (a superset's leg curls a set down with the lighter
    day's inverted row) grows its lift where a session has the minutes (_refloor). Kept only
    when no muscle passes its band or newly falls below its floor, legs:back stays balanced and
    the session fits its minutes. True when it changed the week."""
    budget = ctx.profile.minutes_per_session
    moved = False
    for _ in range(4 * len(sessions)):
        before = _Tally.of(sessions, ctx)
        changed = False
        for sd, d, more in _short_days(sessions, ctx):
            # None: the lift grows where it is; else the day it takes the set from.
            givers: list[_Draft | None] = [None, *more]
            for x in givers:
                saved = _save(*sessions)
                pairs = [(s, s.max_pairs) for s in sessions]
                if x is None or _take_set(x, next(s for s in sessions if x in s.drafts), ctx):
                    d.sets += 1
                    if (_minutes(sd, ctx) <= budget
                            and d.sets <= ctx.rules.dosing.main_max_sets[ctx.profile.level]
                            and (_relieve(sessions, ctx, before)
                                 or (_refloor(sessions, ctx, before, block_index)
                                     and _relieve(sessions, ctx, before)))):
                        changed = True
                        break
                _restore(saved)  # the week exactly as it was (_save keeps no max_pairs)
                for s, n in pairs:
                    s.max_pairs = n
            if changed:
                moved = True
                break
        if not changed:
            break
    return moved


def _main_goal_sets(ctx: _Context) -> int:
    """The sets a main lift has before accessories get any the session has time for: the goal's
    compound_sets ([goals.*], what the planner starts it at), at most [dosing] main_max_sets."""
    return min(ctx.goal.compound_sets, ctx.rules.dosing.main_max_sets[ctx.profile.level])


def _mains_before_accessories(sessions: list[_SessionDraft], ctx: _Context,
                              late: bool = False) -> bool:
    """Issue 10, items 1 and 5: a main lift below the goal's sets (_main_goal_sets) in a session
    with the minutes for another set gets it, and the accessories that load the muscles in its
    way (a muscle at its top, often through their half-credit sets) give a set each, or leave
    where the week keeps their pattern (_relieve): a coach cuts the accessory before the main
    lift. Kept only as _grow_relieved keeps a set. True when it changed the week."""
    target = _main_goal_sets(ctx)
    changed = False
    for _ in range(4 * len(sessions)):
        lifts = sorted(((d.sets, i, j) for i, sd in enumerate(sessions)
                        for j, d in enumerate(sd.drafts)
                        if d.main and d.partner is None and d.sets < target))
        if not any(_grow_relieved(sessions, ctx, sessions[i], (sessions[i].drafts[j],), late)
                   for _sets, i, j in lifts):
            break
        changed = True
    return changed


def _mains_last(week: _WeekPlan, ctx: _Context) -> None:
    """Issue 10, items 1 and 5, once the block's week is chosen and rotated: a main lift below
    the goal's sets in a session that ends early takes its set where core or calves, already
    above their bands through the lifts' bracing, go half a set further (_held_by_floors'
    `deeper`), or from another main lift (_mains_from_mains). Run last, so neither the choice
    between the plain and the thinned build (_thinned_as_good weighs main-lift sets against
    isolation spacing: run inside the builds, it left 1 more of 300 plans with close isolation
    work) nor the rotation sees sets it would trade back."""
    changed = _mains_before_accessories(week.sessions, ctx, late=True)
    if _mains_from_mains(week.sessions, ctx) or changed:
        week.tally = _Tally.of(week.sessions, ctx)


def _mains_from_mains(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """Issue 10, items 1 and 5: a main lift below the goal's sets (_main_goal_sets) in a session
    that ends early takes a set from another main lift of the week above those sets that loads
    the same muscles (a towel door row at 5 sets beside an inverted row at 2, both at the lats'
    top): the week's muscles keep their sets, and the lift short of the goal gets them, as a
    coach spreads a muscle's weekly sets over its lifts. Kept only as _trade_main_set keeps a
    set. True when it changed the week."""
    target = _main_goal_sets(ctx)
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    changed = False
    for _ in range(4 * len(sessions)):
        short = sorted(((d.sets, i, j) for i, sd in enumerate(sessions)
                        if _minutes(sd, ctx) < least
                        for j, d in enumerate(sd.drafts)
                        if d.main and d.partner is None and d.sets < target))
        if not any(_trade_main_set(sessions, ctx, sessions[i], sessions[i].drafts[j], target)
                   for _sets, i, j in short):
            break
        changed = True
    return changed


def _trade_main_set(sessions: list[_SessionDraft], ctx: _Context, sd: _SessionDraft,
                    x: _Draft, target: int) -> bool:
    """A set of main lift `x` (in `sd`) from another main lift of the week with more than
    `target` sets and at least two more than `x`: the same session's first, then those of other
    sessions that share a prime mover with `x`. Kept only when every session fits, the week
    keeps its bands, floors and legs:back, no session that used its minutes ends early, no main
    muscle newly has room while a session ends early and none is newly left with a lift that
    could take its set (time.use), every session's main lifts keep the most sets
    (main.most-sets) and main.sets-first holds where it held; else undone.
    A lift never gives to itself on another day (main.sets-first and main.light-day order
    those by day)."""
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    movers = {m for m, sh in x.shares if sh >= 1.0}
    if not movers:
        return False
    givers = sorted(((other is not sd, -y.sets, k, y) for k, other in enumerate(sessions)
                     for y in other.drafts
                     if y.main and y.partner is None and y is not x
                     and y.exercise.id != x.exercise.id
                     and y.sets > target and y.sets >= x.sets + 2
                     and (other is sd or any(m in movers for m, sh in y.shares if sh >= 1.0))),
                    key=lambda t: t[:3])
    if not givers:
        return False
    before = _Tally.of(sessions, ctx)
    roomy = _roomy(before, ctx)
    early = {k for k, s in enumerate(sessions) if _minutes(s, ctx) < least}
    led = {k for k, s in enumerate(sessions) if _mains_lead(s)}
    short_days = bool(_short_days(sessions, ctx))
    open_before = _open_muscles(sessions, ctx)
    for _first, _most, _k, y in givers:
        x.sets += 1
        y.sets -= 1
        after = _Tally.of(sessions, ctx)
        if (all(_minutes(s, ctx) <= budget for s in sessions)
                and not _overdosed(after, before, ctx)
                and not any(n < ctx.band_cache[m][0] - 1e-9 <= before.muscles[m] - 1e-9
                            for m, n in after.muscles.items())
                and _legs_back_ok(after, ctx)
                and _no_new_room(sessions, ctx, roomy, least)
                and (all(_minutes(s, ctx) >= least for s in sessions)
                     or _open_muscles(sessions, ctx) <= open_before)
                and all((k in early or _minutes(s, ctx) >= least)
                        and (k not in led or _mains_lead(s)) for k, s in enumerate(sessions))
                and (short_days or not _short_days(sessions, ctx))):
            return True
        x.sets -= 1
        y.sets += 1
    return False


def _knee_flexion_to_floor(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """pattern.knee-flexion-sets ([muscle_volume.knee_flexion], maeo2021): while the week's
    knee-flexion sets are below the goal and level's floor, a set more of a knee-flexion
    accessory (its superset's round) where its session has the minutes, the accessories that
    load the muscles in its way (a hinge accessory's hamstrings, a hip abduction's glutes)
    giving a set each (_relieve): the hamstrings' sets from hinges do not stand in for knee
    flexion. Kept only as _grow_relieved keeps a set. True when it changed the week."""
    floor = _knee_flexion_floor(ctx)
    changed = False
    for _ in range(2 * floor):
        if _knee_flexion_sets(sessions) >= floor:
            break
        units = sorted(((u[0].sets, i, u) for i, sd in enumerate(sessions) for u in _units(sd)
                        if any(d.exercise.pattern is Pattern.KNEE_FLEXION for d in u)
                        and u[0].sets < _cap(u[0], sd, ctx)), key=lambda t: t[:2])
        if not any(_grow_relieved(sessions, ctx, sessions[i], u)
                   for _sets, i, u in units):
            break
        changed = True
    return changed


def _knee_flexion_trade(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """pattern.knee-flexion-sets ([muscle_volume.knee_flexion], maeo2021) and volume.muscle-bands:
    while the week's knee-flexion sets are below the goal and level's floor, or a muscle the
    curls train as a prime mover (the hamstrings) is below its band's floor, and a muscle the
    curls also work holds them there at its band's top (the hamstrings filled by hinges, the
    glutes by squats and hip thrusts, the calves by calf raises), a set of the work that fills
    it gives way to a knee-flexion set (_knee_flexion_swap): the hamstrings' sets from hinges
    do not stand in for knee flexion, and a coach keeps a floor before a lift's extra sets or a
    muscle's sets above its own. True when it changed the week."""
    floor = _knee_flexion_floor(ctx)
    primes = {m for ex in _knee_flexion_options(ctx) for m, sh in ctx.share_items(ex)
              if sh >= 1.0}
    bands = ctx.band_cache
    changed = False
    for _ in range(2 * (floor + len(primes))):
        tally = _Tally.of(sessions, ctx)
        if not (_knee_flexion_sets(sessions) < floor
                or any(tally.muscles[m] < bands[m][0] - 1e-9 for m in primes)):
            break
        if not _knee_flexion_swap(sessions, ctx, floor, primes):
            break
        changed = True
    return changed


def _knee_flexion_options(ctx: _Context) -> list[Exercise]:
    """The knee-flexion exercises the lifter can do, loaded first where the plan loads
    (_loaded_first), then by the catalogue's rank (worked out once per plan)."""
    key = "options:knee-flexion"
    if key not in ctx.options_cache:
        ctx.options_cache[key] = sorted(
            (ex for ex in ctx.usable if ex.pattern is _KNEE_FLEXION),
            key=lambda ex: (_loaded_first(ctx) and not _is_loaded(ex), ex.rank, ex.id))
    return ctx.options_cache[key]


def _knee_flexion_swap(sessions: list[_SessionDraft], ctx: _Context, floor: int,
                       primes: set[str]) -> bool:
    """One more set of a knee-flexion exercise, in its session or moved to one whose main lifts
    allow it (main.most-sets); else a second knee-flexion exercise at [dosing] min_sets in a
    session without one (the floor's two sessions of two sets), the first a set lighter where
    that is what fits. The muscles that takes above their tops are brought back by sets of
    other work that loads them (_knee_flexion_donor). Kept only as _knee_flexion_kept keeps
    it; else undone."""
    keep = _KneeFlexionStart.of(sessions, ctx, floor, primes)
    curls = [(sd, d) for sd in sessions for d in sd.drafts
             if d.exercise.pattern is Pattern.KNEE_FLEXION]
    for sd, d in curls:
        for host in [sd, *(s for s in sessions if s is not sd)]:
            if host is not sd and (d.partner is not None or d.main
                                   or not _can_host(host, d.exercise)):
                continue
            saved = _save(*sessions)
            pairs = [(s, s.max_pairs) for s in sessions]
            if host is not sd:
                sd.drafts.remove(d)
                host.drafts.append(d)
                host.solo.add(d.exercise.id)
            relieved = None
            if d.sets < _cap(d, host, ctx):
                d.sets += 1
                if d.partner is not None:
                    d.partner.sets += 1
                relieved = _relieve_for(sessions, ctx, keep.before, d)
                if relieved and _knee_flexion_kept(sessions, ctx, keep):
                    return True
            _restore(saved)
            for s, n in pairs:
                s.max_pairs = n
            if relieved is False:
                break  # the week's muscles, not the host, held the set: no host will do
    return _knee_flexion_second(sessions, ctx, keep, curls)


def _knee_flexion_second(sessions: list[_SessionDraft], ctx: _Context,
                         keep: _KneeFlexionStart,
                         curls: list[tuple[_SessionDraft, _Draft]]) -> bool:
    """A second knee-flexion exercise (one the week does not hold first) at its fewest sets,
    straight, in a session without one, the session with the most minutes left first; where
    its sets are more than the muscles can take, an existing curl above [dosing] min_sets a set
    lighter with it. Kept only as _knee_flexion_kept keeps it."""
    week_ids = {d.exercise.id for sd in sessions for d in sd.drafts}
    found = [ex for ex in _knee_flexion_options(ctx) if not _at_weekly_cap(ex, sessions, ctx)]
    found.sort(key=lambda ex: ex.id in week_ids)
    # Curls that load the same muscles alike pass or fail alike: the first of each is tried.
    options: list[Exercise] = []
    for ex in found:
        if all(ctx.share_items(x) != ctx.share_items(ex) for x in options):
            options.append(ex)
    hosts = sorted((s for s in sessions
                    if not any(x.exercise.pattern is Pattern.KNEE_FLEXION for x in s.drafts)),
                   key=lambda s: _minutes(s, ctx))
    least = ctx.rules.dosing.min_sets
    lighter = [None, *(d for _, d in curls if d.partner is None and d.sets > least)]
    held: set[tuple[str, int]] = set()  # (curl, cut) whose sets the week's muscles held
    for host in hosts:
        for ex in options:
            if not _can_host(host, ex):
                continue
            for k, cut in enumerate(lighter):
                if (ex.id, k) in held:
                    continue
                saved = _save(*sessions)
                pairs = [(s, s.max_pairs) for s in sessions]
                new = _draft(_extra_draft(ex, ctx).slot, ex, ctx, [])
                new.rotates = len(found) > 1
                host.drafts.append(new)
                host.solo.add(ex.id)
                if cut is not None:
                    cut.sets -= 1
                if new.sets <= _cap(new, host, ctx):
                    if not _relieve_for(sessions, ctx, keep.before, new):
                        held.add((ex.id, k))
                    elif _knee_flexion_kept(sessions, ctx, keep):
                        return True
                _restore(saved)
                for s, n in pairs:
                    s.max_pairs = n
    return False


@dataclass
class _KneeFlexionStart:
    """The week as a knee-flexion trade found it: what _knee_flexion_kept compares with."""

    before: _Tally
    roomy: set[str]
    """The main muscles with a set of room a change may leave so (_no_new_room): none where
    every one of them was held by its movers' other muscles or caps (time.use held)."""
    sets: int
    floor: int
    short: set[str]
    """The curls' prime movers below their bands' floors."""
    early: set[int]
    led: set[int]
    days: int
    """How many main lifts break main.sets-first (_short_days)."""
    spread: tuple[int, int]

    @classmethod
    def of(cls, sessions: list[_SessionDraft], ctx: _Context, floor: int,
           primes: set[str]) -> _KneeFlexionStart:
        least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
        before = _Tally.of(sessions, ctx)
        held = _no_new_room(sessions, ctx, set(), least)
        return cls(before, set() if held else _roomy(before, ctx), _knee_flexion_sets(sessions),
                   floor,
                   {m for m in primes if before.muscles[m] < ctx.band_cache[m][0] - 1e-9},
                   {k for k, s in enumerate(sessions) if _minutes(s, ctx) < least},
                   {k for k, s in enumerate(sessions) if _mains_lead(s)},
                   len(_short_days(sessions, ctx)),
                   (_crowding(sessions, ctx.rules.schedule.min_hours_between_hard),
                    _repeats(sessions, ctx.rules.progression.accessory_most_days)))


def _knee_flexion_kept(sessions: list[_SessionDraft], ctx: _Context,
                       start: _KneeFlexionStart) -> bool:
    """Whether a knee-flexion change is worth keeping once the muscles it took above their tops
    gave their sets back (_relieve_for, which keeps the bands, the floors, legs:back and whole
    supersets, and reads the week's muscles alone: where it fails for one session, it fails for
    every other): the week holds more knee-flexion sets, and (with the knee-flexion floor met)
    a short prime mover of the curls more sets; every session fits, no session that used its
    minutes ends early nor a main muscle newly has room while one does (time.use), main lifts
    keep the most sets in their sessions (main.most-sets), main.sets-first breaks no more days,
    and isolation work is no more crowded or repeated (_space_isolation, _merge_isolation)."""
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    if _knee_flexion_sets(sessions) <= start.sets:
        return False
    if start.sets >= start.floor:
        after = _Tally.of(sessions, ctx)
        if not any(after.muscles[m] > start.before.muscles[m] + 1e-9 for m in start.short):
            return False
    return (all(_minutes(s, ctx) <= budget for s in sessions)
            and all((k in start.early or _minutes(s, ctx) >= least)
                    and (k not in start.led or _mains_lead(s))
                    for k, s in enumerate(sessions))
            and len(_short_days(sessions, ctx)) <= start.days
            and _no_new_room(sessions, ctx, start.roomy, least)
            and _crowding(sessions, ctx.rules.schedule.min_hours_between_hard) <= start.spread[0]
            and _repeats(sessions, ctx.rules.progression.accessory_most_days)
            <= start.spread[1])


def _relieve_for(sessions: list[_SessionDraft], ctx: _Context, before: _Tally,
                 grown: _Draft) -> bool:
    """Take sets of other work (_knee_flexion_donor) off the muscles the `grown` knee-flexion
    set took above their tops until none is; True when the week then keeps its bands, floors,
    balance and whole supersets."""
    bands = ctx.band_cache
    for _ in range(4):
        after = _Tally.of(sessions, ctx)
        over = {m for m, n in after.muscles.items()
                if n > max(bands[m][1], before.muscles[m]) + 1e-9}
        if not over:
            return (not any(n < bands[m][0] - 1e-9 <= before.muscles[m] - 1e-9
                            for m, n in after.muscles.items())
                    and not _overdosed(after, before, ctx) and _legs_back_ok(after, ctx)
                    and _whole_pairs(sessions, ctx))
        found = _knee_flexion_donor(sessions, ctx, after, over, grown)
        if found is None:
            return False
        sd, x = found
        if x.main or x.sets > _floor(x, sd, ctx):  # else _knee_flexion_donor found it spare
            x.sets -= 1
            if x.partner is not None:
                x.partner.sets -= 1
        else:
            _drop(sd, x, ctx)
    return False


def _knee_flexion_donor(sessions: Sequence[_SessionDraft], ctx: _Context, tally: _Tally,
                        over: set[str], grown: _Draft) -> tuple[_SessionDraft, _Draft] | None:
    """The work that gives a set for a knee-flexion set: an item that loads a muscle in `over`
    and takes none below its floor a set lighter, an accessory before a main lift (one above
    its fewest sets, else, straight, out of the week where the week keeps its pattern or the
    pattern is none the week must hold: a hip abduction while the glutes sit at their top),
    the one that relieves the most first, then the most sets; a main lift only above the goal's
    sets (_main_goal_sets: what a main lift keeps before accessories get sets) and its
    session's largest accessory (main.most-sets), its later day first. None where nothing can
    give."""
    bands = ctx.band_cache
    keep = _main_goal_sets(ctx)
    options: list[tuple[tuple[bool, bool, float, int, int], _SessionDraft, _Draft]] = []
    for day, sd in enumerate(sessions):
        for x in sd.drafts:
            if x is grown or x is grown.partner or x.exercise.pattern is _KNEE_FLEXION:
                continue
            relief = sum(sh for m, sh in x.shares if m in over)
            if relief <= 0:
                continue
            if x.main:
                if x.partner is not None or x.sets - 1 < max(keep, _floor(x, sd, ctx)):
                    continue
                gone = 1
            elif x.sets > _floor(x, sd, ctx):
                gone = 1
            elif (x.partner is None and not _last_rotator(x, sessions)
                  and (_elsewhere(sd, x, sessions) or not _weekly(x, sessions))):
                gone = x.sets
            else:
                continue
            if any(tally.muscles[m] - sh * gone < bands[m][0] - 1e-9 for m, sh in x.shares):
                continue
            options.append(((x.main, gone > 1, -relief, -x.sets, -day), sd, x))
    if not options:
        return None
    _, sd, x = min(options, key=lambda t: t[0])
    return sd, x


def _grow_relieved(sessions: list[_SessionDraft], ctx: _Context, sd: _SessionDraft,
                   unit: tuple[_Draft, ...], late: bool = False) -> bool:
    """One more set of `unit` in `sd`, the accessories in its muscles' way giving theirs
    (_relieve: a set each, or a compound accessory of `sd` whose pattern the week keeps
    elsewhere leaving, unless the week's isolation work still waits to be spaced or merged,
    which the moves after a drop upset; half-credit excess at prime movers' floors is left,
    _held_by_floors), the freed room grown again (_regrow). Kept only when the week keeps its
    bands, floors, balance and whole supersets, every session fits, no session that used its
    minutes ends early and no main muscle newly has room while a session ends early
    (time.use), every session's main lifts keep the most sets (main.most-sets),
    main.sets-first holds where it held, no main lift of the week loses a set, knee flexion
    keeps its floor (pattern.knee-flexion-sets) and isolation work is no more crowded
    (_space_isolation) or repeated (_merge_isolation) than it was; else undone. `late`
    (_mains_last, for a main lift): core or calves already above their bands may go half a set
    further where a session ends early (_held_by_floors' `deeper`), no muscle inside its band
    goes above it (_newly_above), and no main muscle is newly left with a lift that could
    take its set while a session ends early (_open_muscles, time.use)."""
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    before = _Tally.of(sessions, ctx)
    hours = ctx.rules.schedule.min_hours_between_hard
    most = ctx.rules.progression.accessory_most_days
    spread = (_crowding(sessions, hours), _repeats(sessions, most))
    saved = _save(*sessions)
    pairs = [(s, s.max_pairs) for s in sessions]
    was = [d.sets for d in unit]
    sd_early = _minutes(sd, ctx) < least
    for d in unit:
        d.sets += 1
    if not (_minutes(sd, ctx) <= budget
            and (_relieve(sessions, ctx, before, unit, drop=False if any(spread) else sd)
                 or _held_by_floors(sessions, ctx, before, deeper=late and sd_early))):
        _restore(saved)
        for s, n in pairs:
            s.max_pairs = n
        return False
    # What the checks below compare with, read from the week as it was (put back, then the
    # change again: _save and max_pairs hold all a change here makes): most tries end above,
    # and these cost more than the tries.
    changed, changed_pairs = _save(*sessions), [(s, s.max_pairs) for s in sessions]
    _restore(saved)
    for s, n in pairs:
        s.max_pairs = n
    roomy = _roomy(before, ctx)
    early = {k for k, s in enumerate(sessions) if _minutes(s, ctx) < least}
    led = {k for k, s in enumerate(sessions) if _mains_lead(s)}
    kf = _knee_flexion_sets(sessions)
    kf_keep = min(kf, _knee_flexion_floor(ctx))
    mains = {id(d): d.sets for s in sessions for d in s.drafts if d.main}
    short_days = bool(_short_days(sessions, ctx))
    # A late set raises its session's fewest main-lift sets, and so its accessories' cap
    # (_cap): a lats accessory held at the rows' two sets could take a third while a session
    # ends early (time.use), which no step after this one would give it.
    open_before = _open_muscles(sessions, ctx) if late else frozenset()
    _restore(changed)
    for s, n in changed_pairs:
        s.max_pairs = n
    if (_regrow(sessions, ctx)
            and all(_minutes(s, ctx) <= budget for s in sessions)
            and _no_new_room(sessions, ctx, roomy, least)
            and all((k in early or _minutes(s, ctx) >= least)
                    and (k not in led or _mains_lead(s)) for k, s in enumerate(sessions))
            and all(d.sets >= mains.get(id(d), 0) for s in sessions for d in s.drafts if d.main)
            and (short_days or not _short_days(sessions, ctx))
            and _knee_flexion_sets(sessions) >= kf_keep
            and all(d.sets > n for d, n in zip(unit, was, strict=True))
            and all(d in sd.drafts for d in unit)
            and _crowding(sessions, hours) <= spread[0] and _repeats(sessions, most) <= spread[1]
            and (not late or ((all(_minutes(s, ctx) >= least for s in sessions)
                               or _open_muscles(sessions, ctx) <= open_before)
                              and not _newly_above(sessions, ctx, before)))):
        return True
    _restore(saved)  # the week exactly as it was (_save keeps no max_pairs)
    for s, n in pairs:
        s.max_pairs = n
    return False


def _no_new_room(sessions: list[_SessionDraft], ctx: _Context, roomy: set[str],
                 least: float) -> bool:
    """Whether a change left no main muscle newly a whole set below its top that the week
    could give a set while a session ends early (time.use): every session uses its minutes, or
    each such muscle's prime movers in the week either also train a muscle one more set would
    take above its top or already have the most sets the rules allow (_cap; the checker's
    time.use reads the same)."""
    if all(_minutes(s, ctx) >= least for s in sessions):
        return True
    tally = _Tally.of(sessions, ctx)
    new = (_roomy(tally, ctx) - roomy).intersection(ctx.rules.muscle_volume.main)
    for m in new:
        movers = [(sd, u) for sd in sessions for u in _units(sd)
                  if any(ctx.share(d.exercise).get(m, 0.0) >= 1.0 for d in u)]
        if not movers or any(tally.room(u, ctx) and u[0].sets < _cap(u[0], sd, ctx)
                             for sd, u in movers):
            return False
    return True


def _regrow(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """The room a trade freed grown again, main lifts first, where it keeps legs:back (what
    _use_time would do with it); always True, so it reads as a step of a condition."""
    tally = _Tally.of(sessions, ctx)
    for mains in (True, False):
        while _grow(sessions, ctx, tally, mains=mains, balanced=True):
            pass
    return True


def _newly_above(sessions: Sequence[_SessionDraft], ctx: _Context, before: _Tally) -> bool:
    """Whether a muscle inside its band in `before` is now above its top (the late pass of
    _mains_before_accessories adds no week above a band: a main lift's set that takes core from
    8 to 8.5 of 4-8 stays out)."""
    after = _Tally.of(sessions, ctx)
    bands = ctx.band_cache
    return any(n > bands[m][1] + 1e-9 >= before.muscles[m] for m, n in after.muscles.items())


def _held_by_floors(sessions: Sequence[_SessionDraft], ctx: _Context, before: _Tally,
                    deeper: bool = False) -> bool:
    """Whether the muscles a main lift's added set (and _relieve's cuts) left above their tops
    are core or calves (not a main muscle, whose band the fill doses) there only by half-credit
    sets, less than a whole set above it, with every exercise
    that trains them as a prime mover at the fewest sets the rules allow (a plank at [dosing]
    min_sets beside a goblet squat's and an inverted row's bracing: core half a set over),
    which volume.muscle-bands accepts with the plan's "Above the band" note; and the week keeps
    its floors, balance and whole supersets. `deeper` (the late pass of
    _mains_before_accessories): only muscles the week already had above their tops, each
    still under [coach_checks] above_band_sets past it (where volume.muscle-bands asks no
    more than the note and the floors): a main lift's bracing share takes core from 10.5 to
    11 of 6-10, never a week inside its band over the top."""
    after = _Tally.of(sessions, ctx)
    bands = ctx.band_cache
    over = {m for m, n in after.muscles.items() if n > max(bands[m][1], before.muscles[m]) + 1e-9}
    margin = ctx.rules.coach_checks.above_band_sets if deeper else 1
    if not over or any(after.muscles[m] >= bands[m][1] + margin - 1e-9
                       or m in ctx.rules.muscle_volume.main
                       or (deeper and before.muscles[m] <= bands[m][1] + 1e-9) for m in over):
        return False
    if any(sh >= 1.0 and m in over and d.sets > _floor(d, sd, ctx)
           for sd in sessions for d in sd.drafts for m, sh in d.shares):
        return False
    most = ctx.rules.volume.max_sets
    return (not any(n < bands[m][0] - 1e-9 <= before.muscles[m] - 1e-9
                    for m, n in after.muscles.items())
            and not any(n > max(most, before.regions[r]) for r, n in after.regions.items())
            and _legs_back_ok(after, ctx) and _whole_pairs(sessions, ctx))


def _floors_before_tops(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """A main muscle below its band's floor, or knee flexion below [muscle_volume.knee_flexion],
    in a week with a session ending early (under [dosing] min_time_use of its minutes), whose
    every set would take another muscle past its top (hamstrings at 8.5 of 10-14 and 2 curl
    sets of 3, each curl set half a glute set with the glutes at 14 of 10-14): the short
    muscle's accessory work grows a set at a time, or an accessory for it joins the session
    with the most minutes left, and the muscles it also works may pass their tops by less than
    [coach_checks] above_band_sets (volume.muscle-bands: a muscle above its top is excused
    where every prime mover of it above its fewest sets holds another floor). A coach doses the
    muscle below its floor before holding one at the top of its band: the top is where more
    sets stop adding much, the floor where too few stop the growth. Main lifts' sets are not
    touched. True when the week changed."""
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    changed = False
    for _ in range(8):
        if all(_minutes(sd, ctx) >= least for sd in sessions):
            break
        if not _floor_past_top_once(sessions, ctx):
            break
        changed = True
    return changed


def _floor_targets(sessions: Sequence[_SessionDraft], ctx: _Context,
                   tally: _Tally) -> list[str | None]:
    """The main muscles below their floors, furthest first, then None for knee flexion below
    its weekly floor (where the week has knee-flexion work or could have it)."""
    bands = ctx.band_cache
    short = sorted((m for m in ctx.rules.muscle_volume.main
                    if tally.muscles[m] < bands[m][0] - 1e-9),
                   key=lambda m: tally.muscles[m] - bands[m][0])
    targets: list[str | None] = list(short)
    if _knee_flexion_sets(sessions) < _knee_flexion_floor(ctx):
        targets.append(None)
    return targets


def _floor_trains(ex: Exercise, target: str | None, ctx: _Context) -> bool:
    """Whether `ex` works `target` as a prime mover (None: is a knee-flexion exercise)."""
    if target is None:
        return ex.pattern is Pattern.KNEE_FLEXION
    return ctx.share(ex).get(target, 0.0) >= 1.0


def _floor_past_top_once(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """_floors_before_tops' one step: a set more of a straight-set accessory that trains the
    first target it can lift (the one whose set takes other muscles least past their tops
    first), else a new accessory for it at its fewest sets; kept on _past_tops_kept's terms."""
    tally = _Tally.of(sessions, ctx)
    bands = ctx.band_cache
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    early = len([sd for sd in sessions if _minutes(sd, ctx) < least])
    curls = _knee_flexion_sets(sessions)
    open_before = _open_muscles(sessions, ctx)
    for target in _floor_targets(sessions, ctx, tally):
        grown: list[tuple[float, int, _Draft]] = []
        for sd in sessions:
            for unit in _units(sd):
                d = unit[0]
                if (len(unit) > 1 or d.main or d.sets >= _cap(d, sd, ctx)
                        or not _floor_trains(d.exercise, target, ctx)
                        or not _fits(sd, ctx, _unit_seconds(unit, ctx, d.sets + 1)
                                     - _unit_seconds(unit, ctx))):
                    continue
                past = sum(max(0.0, tally.muscles[m] + sh - bands[m][1]) for m, sh in d.shares)
                grown.append((past, d.sets, d))
        grown.sort(key=lambda t: (t[0], t[1]))
        for _, _, d in grown:
            saved = _save(*sessions)
            d.sets += 1
            if _floor_set_kept(sessions, ctx, tally, target, early, curls, d, open_before):
                return True
            _restore(saved)
        if (_floor_new_accessory(sessions, ctx, tally, target, early, curls, open_before)
                or _floor_moved(sessions, ctx, tally, target, early, curls, open_before)
                or (target is not None and _floor_main_set(sessions, ctx, tally, target, early,
                                                           curls, open_before))):
            return True
    return False


def _floor_main_set(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally, target: str,
                    early: int, curls: int, open_before: frozenset[str]) -> bool:
    """Last, where no accessory can lift `target` to its floor: a set more of a straight-set
    main lift that trains it as a prime mover, below [dosing] main_max_sets, in a session with
    the minutes (a third box squat where every squat or lunge accessory's two sets would take
    the glutes two sets past their top, one set of the squat only one): the extra time goes
    first to main lifts (issue 10 item 1). Kept on _floor_set_kept's terms, with main.sets-first
    breaking no more days and every session's main lifts still leading its accessories."""
    bands = ctx.band_cache
    grown: list[tuple[float, int, _Draft]] = []
    for sd in sessions:
        for d in sd.drafts:
            if (not d.main or d.partner is not None or d.sets >= _cap(d, sd, ctx)
                    or ctx.share(d.exercise).get(target, 0.0) < 1.0
                    or not _fits(sd, ctx, _unit_seconds((d,), ctx, d.sets + 1)
                                 - _unit_seconds((d,), ctx))):
                continue
            past = sum(max(0.0, tally.muscles[m] + sh - bands[m][1]) for m, sh in d.shares)
            grown.append((past, d.sets, d))
    if not grown:
        return False
    short_days = len(_short_days(sessions, ctx))
    led = [k for k, sd in enumerate(sessions) if _mains_lead(sd)]
    for _, _, d in sorted(grown, key=lambda t: (t[0], t[1])):
        saved = _save(*sessions)
        d.sets += 1
        if (_floor_set_kept(sessions, ctx, tally, target, early, curls, d, open_before)
                and len(_short_days(sessions, ctx)) <= short_days
                and all(_mains_lead(sessions[k]) for k in led)):
            return True
        _restore(saved)
    return False


def _floor_set_kept(sessions: list[_SessionDraft], ctx: _Context, before: _Tally,
                    target: str | None, early: int, curls: int, grown: _Draft,
                    open_before: frozenset[str]) -> bool:
    """Whether the set _floors_before_tops gave `grown` is kept on _past_tops_kept's terms, as
    it is or once the work in its way gives: the work filling a muscle it took past its top
    (_give_past_tops), and the legs' other accessories where it took legs:back out of [volume]
    balance (_give_for_balance: a third calf raise's sets for a leg curl's). Never where the
    week's knee-flexion sets end below [muscle_volume.knee_flexion] and below what they were
    (a squat's set for the quadriceps does not cost the curls their floor), nor where a main
    muscle is newly left with a lift that could take its set while a session ends early
    (time.use: a squat's third set lifts its session's cap, and a rear-delt raise held at two
    sets beside it could take a third), `open_before` (_open_muscles) the week's before."""
    if not _past_tops_kept(sessions, ctx, before, target, early, curls) and not (
            (_give_past_tops(sessions, ctx, grown)
             | _give_for_balance(sessions, ctx, grown, target))
            and _past_tops_kept(sessions, ctx, before, target, early, curls)):
        return False
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    return (_knee_flexion_sets(sessions) >= min(curls, _knee_flexion_floor(ctx))
            and (all(_minutes(sd, ctx) >= least for sd in sessions)
                 or _open_muscles(sessions, ctx) <= open_before))


def _give_for_balance(sessions: list[_SessionDraft], ctx: _Context, grown: _Draft,
                      target: str | None) -> bool:
    """Where the set _floors_before_tops added takes legs:back past [volume] balance (legs at
    twice the back's sets, the back's muscles at their tops), the heavier region's other
    accessories give way, one step at a time: a set off a straight-set accessory above its
    fewest sets, else an isolation accessory out of the week whose pattern is not one the week
    must hold or is held elsewhere (a third calf raise, a hip abduction); never one that trains
    the short muscle (or, for knee flexion, a curl), never a main lift, never a set that takes
    a muscle below its floor. False when nothing could give."""
    low, high = ctx.rules.volume.balance
    bands = ctx.band_cache
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    gave = False
    for _ in range(4):
        tally = _Tally.of(sessions, ctx)
        legs, back = tally.regions[Region.LEGS], tally.regions[Region.BACK]
        if not back or low <= legs / back <= high:
            break
        heavy = Region.LEGS if legs / back > high else Region.BACK
        steps: list[tuple[tuple[bool, bool, int], int, _SessionDraft, _Draft, int]] = []
        for sd in sessions:
            for d in sd.drafts:
                if (d is grown or d.main or d.partner is not None or d.exercise.region is not heavy
                        or _floor_trains(d.exercise, target, ctx)
                        or d.exercise.pattern is _KNEE_FLEXION):
                    continue
                cut = 1 if d.sets > _floor(d, sd, ctx) else d.sets
                if cut == d.sets and (d.compound or _last_rotator(d, sessions) or (
                        _weekly(d, sessions) and not _elsewhere(sd, d, sessions))):
                    continue
                if any(tally.muscles[m] - sh * cut < bands[m][0] - 1e-9 for m, sh in d.shares):
                    continue
                steps.append(((cut > 1, _weekly(d, sessions), -d.sets), len(steps), sd, d, cut))
        for _key, _n, sd, d, cut in sorted(steps, key=lambda t: t[:2]):
            # A session that used its minutes keeps them (time.use): the set comes from one
            # that ends early anyway, or one the cut leaves at its minutes.
            saved, used = _save(sd), _minutes(sd, ctx) >= least
            if cut == 1:
                d.sets -= 1
            else:
                _drop(sd, d, ctx)
            if not used or _minutes(sd, ctx) >= least:
                gave = True
                break
            _restore(saved)
        else:
            break
    return gave


def _floor_moved(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally,
                 target: str | None, early: int, curls: int,
                 open_before: frozenset[str]) -> bool:
    """A straight-set isolation accessory for `target` (None: a curl) that cannot take another
    set where it is (its session's main lifts at 2 sets cap it there: main.most-sets) moves to
    a session whose main lifts allow one more (a leg curl from a back day of two-set rows to a
    legs day of three-set squats) and takes it there; the session must be able to host it (no
    accessory of its pattern there), the week's isolation work no more crowded within
    [schedule] min_hours_between_hard, and the set kept as _floor_set_kept keeps one."""
    hours = ctx.rules.schedule.min_hours_between_hard
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    crowded = _crowding(sessions, hours)
    for sd in sessions:
        for d in list(sd.drafts):
            if (d.main or d.compound or d.partner is not None
                    or not _floor_trains(d.exercise, target, ctx) or d.sets < _cap(d, sd, ctx)):
                continue
            for host in sorted(sessions, key=lambda s: _minutes(s, ctx)):
                if host is sd or not _can_host(host, d.exercise) or d.sets + 1 > _cap(
                        d, host, ctx):
                    continue
                saved, used = _save(*sessions), _minutes(sd, ctx) >= least
                sd.drafts.remove(d)
                sd.solo.discard(d.exercise.id)
                host.drafts.append(d)
                host.solo.add(d.exercise.id)
                d.sets += 1
                # The session it leaves keeps its minutes where it used them (time.use).
                if (_minutes(host, ctx) <= budget and _crowding(sessions, hours) <= crowded
                        and (not used or _minutes(sd, ctx) >= least)
                        and _floor_set_kept(sessions, ctx, tally, target, early, curls, d,
                                            open_before)):
                    return True
                _restore(saved)
    return False


def _floor_new_accessory(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally,
                         target: str | None, early: int, curls: int,
                         open_before: frozenset[str]) -> bool:
    """An accessory for `target` (a muscle; None: knee flexion) at its fewest sets, in straight
    sets, in the session with the most minutes left that can host it (its region loaded that
    day, no accessory of its pattern there, its isolation pattern not a day from the same work,
    no hinge on a hinge day or past the week's hinge days); kept on _past_tops_kept's terms."""
    # What the block before did not hold first (rotation.by-week-7: block 2's added curl is
    # another curl where the kit has one).
    options = _fresh_first(_knee_flexion_options(ctx) if target is None
                           else _muscle_options(target, ctx), ctx)
    if not options:
        return False
    hours = ctx.rules.schedule.min_hours_between_hard
    hinge_days = sum(sd.has_hinge() for sd in sessions)
    budget = ctx.profile.minutes_per_session
    for sd in sorted(sessions, key=lambda s: _minutes(s, ctx)):
        used = {d.exercise.id for d in sd.drafts}
        near = _near_spaced(sd, sessions, hours)
        for ex in options:
            if (ex.id in used or not _can_host(sd, ex) or _at_weekly_cap(ex, sessions, ctx)
                    or (ex.mechanic is not _COMPOUND and ex.pattern is not Pattern.CORE
                        and ex.pattern in near)):
                continue
            if ex.pattern is Pattern.HINGE and (
                    sd.has_hinge() or hinge_days >= ctx.rules.progression.hinge_heavy_days):
                continue
            proto = _extra_draft(ex, ctx)
            d = _draft(proto.slot, ex, ctx, [])
            d.rotates = len(options) > 1
            sd.drafts.append(d)
            sd.solo.add(ex.id)
            saved = _save(*sessions)
            if _minutes(sd, ctx) <= budget and _floor_set_kept(sessions, ctx, tally, target,
                                                               early, curls, d, open_before):
                return True
            _restore(saved)
            sd.drafts.remove(d)
            sd.solo.discard(ex.id)
    return False


def _give_past_tops(sessions: list[_SessionDraft], ctx: _Context, grown: _Draft) -> bool:
    """Where the set _floors_before_tops added takes a muscle past its top, the work that fills
    that muscle gives way, one step at a time while a muscle stays past its top: a set off a
    straight-set accessory (not `grown`) that trains it as a prime mover above its fewest sets
    (a third calf-raise set where a curl's calves share passes the calves' top), else an
    isolation accessory of it alone out of the week (a hip abduction beside glutes past their
    top) where its pattern is not one the week must hold or is held elsewhere; never a set that
    takes a muscle below its floor. The trade a coach makes: work for a muscle at its top for
    the one below its floor. False when nothing could give."""
    bands = ctx.band_cache
    gave = False
    for _ in range(6):
        tally = _Tally.of(sessions, ctx)
        over = {m for m, n in tally.muscles.items() if n > bands[m][1] + 1e-9}
        if not over:
            break
        step: tuple[int, _SessionDraft, _Draft, bool] | None = None
        for sd in sessions:
            for d in sd.drafts:
                if d is grown or d.main or not any(sh >= 1.0 and m in over for m, sh in d.shares):
                    continue
                cut = 1 if d.partner is None and d.sets > _floor(d, sd, ctx) else d.sets
                if cut == d.sets and not (
                        all(m in over for m, sh in d.shares if sh >= 1.0)
                        and (not _weekly(d, sessions) or _elsewhere(sd, d, sessions))
                        and not _last_rotator(d, sessions)):
                    continue
                if any(tally.muscles[m] - sh * cut < bands[m][0] - 1e-9 for m, sh in d.shares):
                    continue
                if step is None or (cut == 1, d.sets) > (step[3], step[2].sets):
                    step = (cut, sd, d, cut == 1)
        if step is None:
            break
        cut, sd, d, _ = step
        if cut == 1:
            d.sets -= 1
        else:
            _drop(sd, d, ctx)
        gave = True
    return gave


def _past_tops_kept(sessions: Sequence[_SessionDraft], ctx: _Context, before: _Tally,
                    target: str | None, early: int, curls: int) -> bool:
    """Whether a set _floors_before_tops added is kept: the target gained (a muscle below its
    floor, or knee flexion's sets, `curls` before), every session inside its minutes and no
    more than `early` ending under [dosing] min_time_use of them, no main muscle that was full
    left with room for a set (time.use), no muscle taken below its floor, legs:back and the
    region ceiling kept, supersets whole, and every muscle above its top less than
    [coach_checks] above_band_sets past it and excused as volume.muscle-bands excuses it:
    past it only by the curls the knee-flexion floor asks for (_curl_shares), or every
    exercise that trains it as a prime mover at its fewest sets or holding another floor
    (_holds_a_floor)."""
    after = _Tally.of(sessions, ctx)
    bands = ctx.band_cache
    budget = ctx.profile.minutes_per_session
    margin = ctx.rules.coach_checks.above_band_sets
    if (after.muscles[target] <= before.muscles[target] + 1e-9 if target is not None
            else _knee_flexion_sets(sessions) <= curls):
        return False
    least = ctx.rules.dosing.min_time_use * budget
    if any(_minutes(sd, ctx) > budget for sd in sessions) or len(
            [sd for sd in sessions if _minutes(sd, ctx) < least]) > early:
        return False
    most = ctx.rules.volume.max_sets
    if (any(n < bands[m][0] - 1e-9 <= before.muscles[m] for m, n in after.muscles.items())
            or any(n > max(most, before.regions[r]) for r, n in after.regions.items())
            or not _legs_back_ok(after, ctx) or not _whole_pairs(sessions, ctx)):
        return False
    over = {m for m, n in after.muscles.items() if n > bands[m][1] + 1e-9}
    if any(after.muscles[m] >= bands[m][1] + margin - 1e-9 for m in over):
        return False
    # A main muscle that was full (no room for a set) stays full: a set the trade gave away
    # must not leave room in a week whose sessions end early by time.use's excuse.
    if any(not room_for_a_set(before.muscles[m], bands[m][1])
           and room_for_a_set(after.muscles[m], bands[m][1]) for m in ctx.rules.muscle_volume.main):
        return False
    kf = _knee_flexion_sets(sessions)
    kf_floor = _knee_flexion_floor(ctx)
    # A muscle past its top only by the curls the knee-flexion floor asks for is excused
    # whatever fills the rest (maeo2021: the hinges' sets do not stand in for the curls).
    curled = _curl_shares(sessions, kf, kf_floor)
    over = {m for m in over if after.muscles[m] - curled.get(m, 0.0) > bands[m][1] + 1e-9}
    for sd in sessions:
        for d in sd.drafts:
            if any(sh >= 1.0 and m in over for m, sh in d.shares) and d.sets > _floor(
                    d, sd, ctx) and not _holds_a_floor(d, over, after, kf, kf_floor, ctx):
                return False
    return True


def _curl_shares(sessions: Sequence[_SessionDraft], kf: int, kf_floor: int) -> dict[str, float]:
    """What the week's knee-flexion sets up to [muscle_volume.knee_flexion] add to each muscle
    (all of them where the week holds no more than the floor, else in proportion): the sets
    volume.muscle-bands excuses past a top for the knee-flexion floor."""
    if not kf or not kf_floor:
        return {}
    part = min(1.0, kf_floor / kf)
    out: dict[str, float] = {}
    for sd in sessions:
        for d in sd.drafts:
            if d.exercise.pattern is Pattern.KNEE_FLEXION:
                for m, sh in d.shares:
                    out[m] = out.get(m, 0.0) + sh * d.sets * part
    return out


def _holds_a_floor(d: _Draft, over: AbstractSet[str], tally: _Tally, kf: int, kf_floor: int,
                   ctx: _Context) -> bool:
    """Whether a set less of `d` would take a muscle not above its top (a main muscle or
    another), or the week's knee-flexion sets, below its floor or further below it: a set the
    floors need, which volume.muscle-bands accepts beside a muscle it takes past its top."""
    bands = ctx.band_cache
    if d.exercise.pattern is Pattern.KNEE_FLEXION and kf - 1 < kf_floor:
        return True
    return any(m not in over and tally.muscles[m] - sh < bands[m][0] - 1e-9
               for m, sh in d.shares if sh > 0)


def _knee_flexion_sets(sessions: Sequence[_SessionDraft]) -> int:
    """The week's sets of knee-flexion exercises (a superset's its rounds)."""
    return sum(d.sets for sd in sessions for d in sd.drafts
               if d.exercise.pattern is _KNEE_FLEXION)


def _knee_flexion_floor(ctx: _Context) -> int:
    """[muscle_volume.knee_flexion] for the goal and level: the weekly knee-flexion sets a plan
    of pattern_min_days or more keeps where time allows; 0 below those days."""
    if ctx.profile.days_per_week < ctx.rules.coach_checks.pattern_min_days:
        return 0
    return ctx.rules.muscle_volume.knee_flexion_floor(ctx.profile.goal, ctx.profile.level)


def _refloor(sessions: list[_SessionDraft], ctx: _Context, before: _Tally,
             block_index: int) -> bool:
    """A muscle a change took below its floor (a superset's leg curls a set down with the main
    lift that gave its set to the heavy day) grows its lift where a session has the minutes, or
    gets a new one; True when it changed the week."""
    changed = False
    for _ in range(4):
        tally = _Tally.of(sessions, ctx)
        low = [m for m, n in tally.muscles.items()
               if n < ctx.band_cache[m][0] - 1e-9 <= before.muscles[m] - 1e-9]
        if not low or not (_grow_mover(sessions, ctx, tally, low[0])
                           or _add_exercise(sessions, ctx, tally, block_index, low[0])):
            break
        changed = True
    return changed


def _relieve(sessions: list[_SessionDraft], ctx: _Context, before: _Tally,
             keep: tuple[_Draft, ...] = (), drop: bool | _SessionDraft = True) -> bool:
    """Take sets (or whole accessories, as `drop` allows: _give_accessory_set) off the
    accessories (but those in `keep`, the ones the change grew) that load the muscles a change
    put above their bands until none is; True when the week then keeps its bands, floors,
    balance and whole supersets."""
    for _ in range(4):
        after = _Tally.of(sessions, ctx)
        over = {m for m, n in after.muscles.items()
                if n > max(ctx.band_cache[m][1], before.muscles[m]) + 1e-9}
        if not over:
            return (not any(n < ctx.band_cache[m][0] - 1e-9 <= before.muscles[m] - 1e-9
                            for m, n in after.muscles.items())
                    and not _overdosed(after, before, ctx) and _legs_back_ok(after, ctx)
                    and _whole_pairs(sessions, ctx))
        if not any(_give_accessory_set(a, other, sessions, ctx, drop) for other in sessions
                   for a in list(other.drafts)
                   if not a.main and a not in keep
                   and any(m in over for m, _ in ctx.share_items(a.exercise))):
            return False
    return False


def _take_set(x: _Draft, sd: _SessionDraft, ctx: _Context) -> bool:
    """A set off main lift `x`; accessories of its session with as many sets come down a set
    with it (a superset's as straight sets), so it keeps main.most-sets."""
    if x.partner is not None or x.sets - 1 < ctx.rules.dosing.min_sets:
        return False
    _lower_with(x, [a for a in sd.drafts if not a.main and a.sets >= x.sets], sd, ctx)
    return True


def _lower_with(d: _Draft, level: Sequence[_Draft], sd: _SessionDraft, ctx: _Context) -> None:
    """A set off main lift `d`, and the accessories `level` (as many sets as it) down to its
    new sets, a superset's as straight sets (main.most-sets)."""
    if any(a.partner is not None for a in level):
        sd.max_pairs = 0
        _pair(sd, ctx)
    for a in level:
        a.sets = d.sets - 1
    d.sets -= 1


def _give_accessory_set(a: _Draft, sd: _SessionDraft, week: Sequence[_SessionDraft],
                        ctx: _Context, drop: bool | _SessionDraft = True) -> bool:
    """A set off accessory `a` (a superset's round off both), or `a` out of the week where its
    pattern is kept elsewhere (`drop` a session: only an accessory of that session that
    _space_isolation does not space, a compound or core work; False: none); False when the
    rules keep both."""
    if a.sets > _floor(a, sd, ctx):
        a.sets -= 1
        if a.partner is not None:
            a.partner.sets -= 1
        return True
    if ((drop is True or (drop is sd and not _spaced(a))) and a.partner is None
            and _elsewhere(sd, a, week) and not _last_rotator(a, week)):
        _drop(sd, a, ctx)
        return True
    return False


def _far_excess(muscles: dict[str, float], ctx: _Context) -> float:
    """How far the week's muscles sit at or past `above_band_sets` over their bands' tops,
    summed (0 when none does): what _spread_excess brings down."""
    margin = ctx.rules.coach_checks.above_band_sets
    bands = ctx.band_cache
    return sum(n - bands[m][1] for m, n in muscles.items()
               if n - bands[m][1] >= margin - 1e-9)


def _spread_excess(sessions: list[_SessionDraft], ctx: _Context) -> None:
    """Where the rules' fewest places and sets still leave a muscle `above_band_sets` or more
    over its band (frequent plans: every session's superset needs a legs and a back accessory
    at three rounds), swap an accessory that loads it for one of its region that loads it less,
    even if that takes another muscle a little over its own band (never as far): a coach spreads
    what the structure forces over the muscles rather than piling it on one. Main lifts stay; a
    weekly pattern the week has nowhere else keeps its pattern."""
    margin = ctx.rules.coach_checks.above_band_sets
    bands = ctx.band_cache
    for _ in range(40):
        tally = _Tally.of(sessions, ctx)
        now = _far_excess(tally.muscles, ctx)
        if now <= 0:
            return
        far = {m for m, n in tally.muscles.items() if n - bands[m][1] >= margin - 1e-9}
        found: list[tuple[float, int, _SessionDraft, _Draft, Exercise]] = []
        for sd in sessions:
            used = {d.exercise.id for d in sd.drafts}
            for d in sd.drafts:
                if d.main or not any(m in far for m, _ in ctx.share_items(d.exercise)):
                    continue
                keep = _weekly(d, sessions) and not _elsewhere(sd, d, sessions)
                mine = ctx.share(d.exercise)
                for ex in ctx.by_region(d.region):
                    if (ex.id in used or ex.id in ctx.week_mains
                            or ex.measure is not d.exercise.measure
                            or (keep and ex.pattern is not d.exercise.pattern)
                            or (ex.mechanic is Mechanic.COMPOUND and not d.compound)
                            or not _can_host(sd, ex, d)
                            or (ex.pattern is Pattern.HINGE and not sd.has_hinge())):
                        continue
                    after = dict(tally.muscles)
                    for m, sh in mine.items():
                        after[m] -= sh * d.sets
                    for m, sh in ctx.share_items(ex):
                        after[m] += sh * d.sets
                    # No muscle newly as far over, none further over than it was.
                    if any(after[m] - bands[m][1] >= margin - 1e-9 and after[m] > v + 1e-9
                           for m, v in tally.muscles.items()):
                        continue
                    score = _far_excess(after, ctx)
                    if score < now - 1e-9:
                        found.append((score, len(found), sd, d, ex))
        found.sort(key=lambda t: t[:2])
        # The best swap that fits the session's minutes.
        if not any(_swap_in(sd, d, ex, ctx) for _, _, sd, d, ex in found[:8]):
            return


def _swap_in(sd: _SessionDraft, d: _Draft, ex: Exercise, ctx: _Context) -> bool:
    """Put `ex` in `d`'s place (its sets and partner, never swapped again) when the session
    still fits its minutes; False, and nothing changed, when it would not."""
    new = _draft(_extra_slot(ex.pattern, ex.region), ex, ctx, [])
    new.sets, new.partner, new.rotates, new.swapped = d.sets, d.partner, False, True
    if d.partner is not None:
        d.partner.partner = new
    sd.drafts[sd.drafts.index(d)] = new
    if _minutes(sd, ctx) <= ctx.profile.minutes_per_session:
        return True
    sd.drafts[sd.drafts.index(new)] = d
    if d.partner is not None:
        d.partner.partner = d
    return False


def _shape(sessions: Sequence[_SessionDraft]) -> list[list[tuple[str, int]]]:
    return [[(d.exercise.id, d.sets) for d in sd.drafts] for sd in sessions]


_WeekKey = tuple[tuple[tuple[str, int, str | None], ...], ...]


def _week_key(sessions: Sequence[_SessionDraft]) -> _WeekKey:
    """The week's exercises, sets and superset partners, hashable: equal keys are equal weeks
    as far as the fill's steps can tell."""
    return tuple(tuple((d.exercise.id, d.sets,
                        None if d.partner is None else d.partner.exercise.id)
                       for d in sd.drafts) for sd in sessions)


def _mains_first(sd: _SessionDraft, ctx: _Context, week: Sequence[_SessionDraft]) -> None:
    """Main lifts get at least as many sets as any accessory: the main lifts grow to a
    superset's rounds where the time allows, and single accessories come down to them. A main
    lift of one set grows to [dosing] min_sets where the session can hold it: a set from the
    session's main lift with the most (2 + 2 beats 3 + 1), else the minutes of an accessory
    (a short session trims accessories first, main lifts last)."""
    mains = [d for d in sd.drafts if d.main and d.partner is None]
    if not mains:
        return
    rounds = max((d.sets for d in sd.drafts if not d.main and d.partner is not None), default=0)
    for d in mains:
        while d.sets < rounds:
            d.sets += 1
            if _minutes(sd, ctx) <= ctx.profile.minutes_per_session:
                continue
            d.sets -= 1
            # Make room: shorter warm-up and cool-down, then a single accessory the week
            # has elsewhere (or one no weekly pattern needs), least kept first.
            spare = sorted((x for x in sd.drafts if not x.main and x.partner is None
                            and (not _weekly(x, week)
                                 or _elsewhere(sd, x, week))),
                           key=lambda x: x.slot.keep)
            if not _shorten_bookends(sd, ctx) and not spare:
                break
            if spare and sd.warmup == _warmup(ctx, ctx.rules.timing.warmup_min_minutes):
                _drop(sd, spare[0], ctx)
    for d in mains:
        while d.sets < ctx.rules.dosing.min_sets and _main_set(sd, d, mains, ctx, week):
            pass
    least = min(d.sets for d in mains)
    lo = ctx.rules.supersets.rounds[0]
    if least < lo and sd.pairs():
        # The main lifts had no time to grow to a superset's fewest rounds: its accessories go
        # straight at the main lifts' sets, where the session still fits (no superset is
        # required where straight sets fit).
        was = sd.max_pairs
        sd.max_pairs = 0
        _pair(sd, ctx)
        saved = [(d, d.sets) for d in sd.drafts]
        for d in sd.drafts:
            if not d.main:
                d.sets = min(d.sets, least)
        if _minutes(sd, ctx) > ctx.profile.minutes_per_session:
            for d, n in saved:
                d.sets = n
            sd.max_pairs = was
            _pair(sd, ctx)
    for d in sd.drafts:
        if not d.main and d.partner is None and d.sets > least:
            d.sets = least
        elif d.partner is not None and not d.partner.main and d.sets > max(least, lo):
            # A superset's rounds come down to the main lifts' sets (never below its
            # fewest rounds) where the main lifts had no time to grow to them.
            d.sets = d.partner.sets = max(least, lo)


def _main_set(sd: _SessionDraft, d: _Draft, mains: Sequence[_Draft], ctx: _Context,
              week: Sequence[_SessionDraft]) -> bool:
    """One more set for main lift `d` (below [dosing] min_sets) where the session can hold it:
    in its minutes, else with a set from the session's main lift with the most (2 + 2 beats
    3 + 1), else with the minutes of accessories (_spare_accessories_for). Kept only where
    legs:back stays inside [volume] balance if it was (volume.balance); True when kept."""
    floor, budget = ctx.rules.dosing.min_sets, ctx.profile.minutes_per_session
    drafts = list(sd.drafts)
    state = [(x, x.partner, x.sets) for x in drafts]
    balanced = _still_balanced(_Tally.of(week, ctx).regions, Region.LEGS, 0, ctx)
    d.sets += 1
    fits = _minutes(sd, ctx) <= budget
    donor = max((x for x in mains if x is not d and x.sets > floor),
                key=lambda x: x.sets, default=None)
    if not fits and donor is not None:
        donor.sets -= 1
        fits = _minutes(sd, ctx) <= budget
        if not fits:
            donor.sets += 1
    if not fits:
        fits = _spare_accessories_for(sd, ctx, week)
    if fits and (not balanced
                 or _still_balanced(_Tally.of(week, ctx).regions, Region.LEGS, 0, ctx)):
        return True
    sd.drafts[:] = drafts
    for x, partner, sets in state:
        x.partner, x.sets = partner, sets
    return False


def _spare_accessories_for(sd: _SessionDraft, ctx: _Context,
                           week: Sequence[_SessionDraft]) -> bool:
    """Drop single accessories, least kept first, until the session (whose main lift was just
    given a set) fits its minutes again: first ones the week can spare (its pattern elsewhere,
    or none it must hold every week), then the week's only one of a weekly pattern where every
    session of the week ends within [coach_checks] full_margin_minutes of its minutes (the
    sessions have spent their time: pattern.weekly takes the note the week then gets); never an
    accessory that rotates in a plan long enough to rotate (rotation.by-week-7: the next block
    drops its own accessories, and week 7 could hold none that week 1 did not), nor the week's
    last accessory there, which the next block swaps for another of its slot even where its
    own pattern has no other option (2 x 15 min: a goblet squat's second set took the only
    kettlebell pullover, and every block held the same two main lifts). True when it fits;
    else the session is left as it was."""
    budget = ctx.profile.minutes_per_session
    full = budget - ctx.rules.coach_checks.full_margin_minutes
    weekly = ctx.profile.days_per_week >= _WEEKLY_PATTERNS_FROM_DAYS
    rotates = ctx.profile.weeks >= ctx.rules.rotation.must_rotate_by_week  # rotation.by-week-7
    drafts = list(sd.drafts)
    state = [(x, x.partner, x.sets) for x in drafts]
    accessories = sum(not x.main for other in week for x in other.drafts)
    singles = sorted((x for x in drafts if not x.main and x.partner is None
                      and not (rotates and (x.rotates or accessories == 1))),
                     key=lambda x: x.slot.keep)
    needed = [x for x in singles if weekly and _weekly(x, week) and not _elsewhere(sd, x, week)]
    for x in [x for x in singles if x not in needed] + needed:
        if x in needed and not all(_minutes(o, ctx) >= full for o in week if o is not sd):
            break
        _drop(sd, x, ctx)
        if _minutes(sd, ctx) <= budget:
            # Kept where the session still counts as full for a pattern it gave up.
            if x not in needed or _minutes(sd, ctx) >= full:
                return True
            break
    sd.drafts[:] = drafts
    for x, partner, sets in state:
        x.partner, x.sets = partner, sets
    return False


def _floor(d: _Draft, sd: _SessionDraft, ctx: _Context) -> int:
    """The fewest sets the rules leave `d`: a superset's guide minimum of rounds, an accessory's
    [dosing] min_sets, a main lift as many as the session's largest accessory (main.most-sets).
    `redwood check` reads the same floors when a muscle ends above its band."""
    if d.partner is not None:
        return ctx.rules.supersets.rounds[0]
    least = ctx.rules.dosing.min_sets
    if not d.main:
        return least
    for x in sd.drafts:  # a loop, not max() of a generator: the cuts ask for every lift
        if not x.main and x.sets > least:
            least = x.sets
    return least


def _cut_overshoot(sessions: list[_SessionDraft], ctx: _Context) -> None:
    """Bring every muscle down to the top of its band (secondary muscles count half): first
    swap an accessory for one that loads the overdosed muscles less, then take sets off
    accessories, drop accessories the week does not need, take sets off main lifts, and split
    supersets the session does not need, until every muscle fits or every exercise that works
    an overdosed muscle as a prime mover is at its floor."""
    bands = ctx.band_cache  # every tracked muscle's band is in
    for _ in range(400):
        tally = _Tally.of(sessions, ctx)
        over = {m for m, n in tally.muscles.items() if n > bands[m][1] + 1e-9}
        full = {r for r, n in tally.regions.items() if n > ctx.rules.volume.max_sets}
        if not over and not full:
            return
        if not _cut_once(sessions, ctx, tally, over, full):
            return


def _relief(d: _Draft, over: set[str], full: set[Region], ctx: _Context) -> float:
    """How much one set of `d` loads the overdosed muscles and regions."""
    load: float = 0  # added up in the shares' order, as sum() would
    for m, sh in ctx.share_items(d.exercise):
        if m in over:
            load += sh
    return load + (1.0 if d.region in full else 0.0)


def _cut_once(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally, over: set[str],
              full: set[Region]) -> bool:
    # _relief and the harm a set fewer does, inlined: the cuts score the whole week each step.
    muscles, bands = tally.muscles, ctx.band_cache
    over_key = frozenset(over)
    # What a set of each exercise loads the overdosed muscles: the same muscles stay over for
    # many steps, so it is kept per set of muscles.
    loads = ctx.over_loads.get(over_key)
    if loads is None:
        loads = ctx.over_loads[over_key] = {}
    # A set fewer can take a muscle below its floor only where the muscle is within a set's
    # largest share of it (rules.shares: 1, or secondary_weight) of the floor: the harm is
    # looked for in those muscles only (while the week is over its bands, often none).
    top = max(1.0, ctx.rules.muscle_volume.secondary_weight)
    low = {m for m, n in muscles.items() if n - top < bands[m][0]}
    scored: list[tuple[tuple[float, float, int], int, _SessionDraft, _Draft]] = []
    for sd in sessions:
        for d in sd.drafts:
            items = d.shares
            load = loads.get(d.exercise.id)
            if load is None:
                load = _over_load(d.exercise.id, items, over, loads)
            relief = load + 1.0 if full and d.region in full else load
            if relief > 0:
                harm: float = 0
                if low:
                    for m, sh in items:
                        if m in low and muscles[m] - sh < bands[m][0]:
                            harm += sh
                scored.append(((harm, -relief, d.slot.keep), len(scored), sd, d))
    scored.sort()  # by the key, then the week's order (a stable sort by the key)
    accessories = [(sd, d) for _, _, sd, d in scored if not d.main]
    tried = over_key | frozenset(r.value for r in full) if full else over_key
    for sd, d in accessories:
        if (not d.swapped and d.swap_tried != tried
                and _swap_lighter(sd, d, tally, over, full, sessions, ctx)):
            return True
        d.swap_tried = tried
    for sd, d in accessories:
        if d.sets > _floor(d, sd, ctx):
            d.sets -= 1
            if d.partner is not None:
                d.partner.sets -= 1
            return True
    for sd, d in accessories:
        needed = ((_weekly(d, sessions) and not _elsewhere(sd, d, sessions))
                  or _sole_mover(d, sessions, tally, ctx))
        if not needed and not _last_rotator(d, sessions):
            _drop(sd, d, ctx)
            return True
    # A main lift's set comes off where the lift has the most, later in the week first: the
    # first day of a lift is its heavy day (advanced plans), and a lift cut on the same day
    # again and again ends at 2 sets beside 3-4 on its lighter days. A main lift held up by
    # accessories with as many sets (main.most-sets) takes them down a set with it, a
    # superset's as straight sets where the session still fits (superset.required asks for
    # none then); what that costs a muscle below its floor counts as harm. A cut that leaves
    # the lift fewer sets on a day than main.sets-first allows beside its other days comes
    # last, whatever its harm: the lighter day's supersets, a set down with its lift, cost
    # more muscles their floor than the heavy day's few accessories, so harm alone took the
    # heavy day to 2 sets beside 3 on the lighter day, and nothing after the cuts can move a
    # set back without the lighter day's supersets (plan_space --seed 3, seed 7454).
    least = ctx.rules.dosing.min_sets
    day = {id(sd): i for i, sd in enumerate(sessions)}
    lifts: dict[str, list[_Draft]] = {}
    for sd in sessions:
        for d in sd.drafts:
            if d.main:
                lifts.setdefault(d.exercise.id, []).append(d)
    mains = []
    for (harm, relief, _), _, sd, d in scored:
        if not d.main:
            continue
        level = [] if d.sets > _floor(d, sd, ctx) else [
            x for x in sd.drafts if not x.main and x.sets >= d.sets]
        if level and (d.partner is not None or d.sets <= least):
            continue
        if not level and d.sets <= _floor(d, sd, ctx):
            continue
        if level:  # without one, nothing is lost and nothing falls below min(floor, now)
            lost = dict(muscles)
            for x in level:
                for m, sh in x.shares:
                    lost[m] -= sh * (x.sets - d.sets + 1)
            harm += sum(1.0 for m, n in lost.items() if n < min(bands[m][0], muscles[m]) - 1e-9)
        lift = lifts[d.exercise.id]
        k = lift.index(d)
        after = [x.sets for x in lift]
        after[k] -= 1
        short = bool(_sets_first_over(after, k, _rated(d, ctx)))
        mains.append(((short, harm, relief, -d.sets, -day[id(sd)]), sd, d, level))
    mains.sort(key=lambda t: t[0])
    for _, sd, d, level in mains:
        if not level:
            d.sets -= 1
            if d.partner is not None:
                d.partner.sets -= 1
            return True
        was, saved = sd.max_pairs, [(x, x.sets) for x in sd.drafts]
        _lower_with(d, level, sd, ctx)
        if _minutes(sd, ctx) <= ctx.profile.minutes_per_session:
            return True
        for x, n in saved:
            x.sets = n
        sd.max_pairs = was
        _pair(sd, ctx)
    for _, _, sd, d in scored:
        if d.partner is not None:  # no superset is required: a split one may go straight
            was = sd.max_pairs
            sd.max_pairs = sd.pairs() - 1
            _pair(sd, ctx)
            if _minutes(sd, ctx) <= ctx.profile.minutes_per_session:
                return True
            sd.max_pairs = was  # straight sets take longer than the superset did
            _pair(sd, ctx)
    # Last, a pullover standing in for the week's vertical pull: kept while main lifts could
    # give sets, it goes before a muscle stays over its band, but for the week's only one:
    # with no vertical pull, the lats keep a lat exercise before rows take all their sets
    # (substitution.vertical-pull; the rows, main lifts at their fewest sets, are the excess).
    for sd, d in accessories:
        if (d.exercise.pattern is Pattern.PULLOVER and not _sole_mover(d, sessions, tally, ctx)
                and not _last_rotator(d, sessions) and not _sole_lat_stand_in(sd, d, sessions)):
            _drop(sd, d, ctx)
            return True
    return False


def _sole_lat_stand_in(sd: _SessionDraft, d: _Draft, week: Sequence[_SessionDraft]) -> bool:
    """Whether `d` is the week's only pullover in a week without a vertical pull: the lat
    exercise that stands in for it before rows do (issue 10 item 6)."""
    return _weekly(d, week) and not _elsewhere(sd, d, week)


def _sole_mover(d: _Draft, week: Sequence[_SessionDraft], tally: _Tally, ctx: _Context) -> bool:
    """Whether `d` is the week's only prime mover of a muscle at or below its floor (the sled
    drag that is all the quadriceps get): the cuts keep it."""
    for m, sh in ctx.share_items(d.exercise):  # loops, not any(): the cuts ask per accessory
        if (sh >= 1.0 and tally.muscles[m] <= ctx.band_cache[m][0] + 1e-9
                and not _other_mover(d, m, week, ctx)):
            return True
    return False


def _other_mover(d: _Draft, muscle: str, week: Sequence[_SessionDraft], ctx: _Context) -> bool:
    """Whether the week holds a prime mover of `muscle` besides `d`."""
    for sd in week:
        for x in sd.drafts:  # a loop, not any(): see _sole_mover
            if x is not d and ctx.share(x.exercise).get(muscle, 0.0) >= 1.0:
                return True
    return False


def _swap_lighter(sd: _SessionDraft, d: _Draft, tally: _Tally, over: set[str],
                  full: set[Region], week: Sequence[_SessionDraft], ctx: _Context) -> bool:
    """Swap an accessory for one of its region and kind that loads the overdosed muscles less
    and takes no muscle above its band (of its own pattern when the week needs that pattern)."""
    now = _relief(d, over, full, ctx) - (1.0 if d.region in full else 0.0)
    # Every option is of d's region (_lighter_kind): a compound one can go here when d's region is
    # loaded here (_can_host), whichever it is.
    region = d.region
    hosts = (sd.focus is _FULL_DAY if region is _FULL_BODY
             else region in sd.focus.hard_regions)
    options = _lighter_options(d, over, None, d.compound and hosts, ctx)
    if not options or options[0][0] >= now:
        return False  # nothing loads them less (the week-wide checks below are not needed)
    used = {x.exercise.id for x in sd.drafts}
    if _weekly(d, week) and not _elsewhere(sd, d, week):
        options = _lighter_options(d, over, d.exercise.pattern, d.compound and hosts, ctx)
    mine = ctx.share(d.exercise)
    bands = ctx.band_cache
    lighter: list[tuple[float, bool, Exercise]] = []
    # A muscle at its floor that only `d` trains as a prime mover keeps a prime mover.
    sole = ({m for m, sh in mine.items() if sh >= 1.0} if _sole_mover(d, week, tally, ctx)
            else set())
    sets = d.sets
    muscles = tally.muscles
    hinges: bool | None = None  # whether the session has a hinge, once it is asked
    near: set[Pattern] | None = None  # _near_patterns, once it is asked
    near_spaced: set[Pattern] | None = None  # _near_spaced, once it is asked
    # _twin's patterns, once for every option: the session's other accessories'.
    # Nor, in place of another pattern, a second bodyweight lift of a bodyweight main lift's
    # pattern: pull-ups after the session's archer pull-ups are the main lift's sets under an
    # easier name, and the row they would replace is the session's other pull (after weighted
    # pull-ups, bodyweight ones are a lighter back-off and may come). One pass: a set, as only
    # membership is asked.
    twins: set[Pattern] = set()
    own = d.exercise.pattern
    for x in sd.drafts:
        if not x.main:
            if x is not d:
                twins.add(x.exercise.pattern)
        elif (x.compound and x.exercise.pattern is not own
              and (_LOADS.isdisjoint(x.exercise.equipment)  # not _is_loaded, inlined
                   or "bodyweight" in x.exercise.tags)):
            twins.add(x.exercise.pattern)
    for load, ex, items in options:
        if load >= now:
            break  # the rest load the overdosed muscles as much or more
        if sole and any(ctx.share(ex).get(m, 0.0) < 1.0 for m in sole):
            continue
        if ex.id in used:  # (no main lift of the week nor unloaded stand-in: _lighter_options)
            continue
        if ex.mechanic is not _COMPOUND and ex.pattern not in WEEKLY_PATTERNS:
            if near is None:
                near = _near_patterns(sd, week, ctx)
            if ex.pattern in near:
                continue  # nor the hip abduction Monday's session already holds on Tuesday
        elif (ctx.spacing[0] and ex.mechanic is not _COMPOUND
              and ex.pattern is not d.exercise.pattern and ex.pattern is not Pattern.CORE):
            if near_spaced is None:
                near_spaced = _near_spaced(sd, week, ctx.rules.schedule.min_hours_between_hard)
            if ex.pattern in near_spaced:
                continue  # nor a calf raise for a leg extension beside Saturday's calf raise
        if ex.pattern in twins:
            continue  # pattern.once-per-session (the compound part of _can_host: the options)
        if _at_weekly_cap(ex, week, ctx, d):
            continue
        if ex.pattern is _HINGE:
            if hinges is None:
                hinges = sd.has_hinge()
            if not hinges:
                continue
        # Each of the option's muscles without d's sets and with its own, against the top of
        # its band (or what it has, if above): worked out for the option's few muscles only,
        # not for every muscle once per call (most options fail earlier checks).
        for m, sh in items:
            have = muscles[m]
            if have - mine.get(m, 0.0) * sets + sh * sets > max(bands[m][1], have) + 1e-9:
                break  # the swap would take this muscle above its band (or further above)
        else:
            lighter.append((load, ex.unilateral, ex))
    # None the week has twice already where another is as light (not the same fly or dead bug
    # in every session).
    if lighter:
        held = Counter(x.exercise.id for other in week for x in other.drafts)
        most_days = ctx.rules.progression.accessory_most_days
        # Every option here relieves the overdosed muscles: one the last block did not hold
        # first, so the fill does not undo a block's rotation (ctx.stale; empty in block 1).
        stale = ctx.stale
        lighter.sort(key=lambda t: (t[2].id in stale, t[0], held[t[2].id] >= most_days, t[1],
                                    t[2].rank, t[2].id))
    # The lightest that fits the session's minutes.
    return any(_swap_in(sd, d, ex, ctx) for _, _, ex in lighter[:4])


def _lighter_options(d: _Draft, over: set[str], pattern: Pattern | None, compound: bool,
                     ctx: _Context) -> list[tuple[float, Exercise, tuple[tuple[str, float], ...]]]:
    """The region's usable exercises that may stand in for `d` whatever the week holds
    (_lighter_kind), each with how much a set of it loads the `over` muscles and its shares,
    lightest first, equal loads in the catalogue's order (worked out once per kind of draft
    and set of muscles: the cuts ask again each time the overdosed muscles change, and most
    options fail these checks)."""
    # The week's main lifts only ever grow (a lighter hinge joins them): their count tells
    # whether the list still holds.
    over_key = frozenset(over)
    key = (d.region, over_key, d.exercise.measure, pattern, compound, len(ctx.week_mains))
    found = ctx.lighter_cache.get(key)
    if found is None:
        loads = ctx.over_loads.get(over_key)
        if loads is None:
            loads = ctx.over_loads[over_key] = {}
        found = []
        for ex, items in _lighter_kind(d.region, d.exercise.measure, pattern, compound, ctx):
            load = loads.get(ex.id)
            if load is None:
                load = _over_load(ex.id, items, over_key, loads)
            found.append((load, ex, items))
        # Stable: equal loads keep the catalogue's order (the kind's filter, then the sort by
        # load, orders them as the sort of the region's whole list, then the filter, did).
        found.sort(key=_first)
        ctx.lighter_cache[key] = found
    return found


def _lighter_kind(region: Region, measure: Measure, pattern: Pattern | None, compound: bool,
                  ctx: _Context) -> list[tuple[Exercise, tuple[tuple[str, float], ...]]]:
    """The region's usable exercises but the week's main lifts and the unloaded stand-ins
    (_stand_ins_out), in the catalogue's order, of `measure`, compounds only where `compound`
    allows them, `pattern`'s only when given: what every set of overdosed muscles sorts by
    load (once per kind and count of the week's main lifts, not once per set of muscles)."""
    key = (region, len(ctx.week_mains), measure, pattern, compound)
    found = ctx.lighter_kinds.get(key)
    if found is None:
        found = ctx.lighter_kinds[key] = [
            t for t in _stand_ins_out(region, ctx)
            if t[0].measure is measure and (pattern is None or t[0].pattern is pattern)
            and (compound or t[0].mechanic is not _COMPOUND)]
    return found


def _first(t: tuple[float, Exercise, tuple[tuple[str, float], ...]]) -> float:
    return t[0]


def _stand_ins_out(region: Region,
                   ctx: _Context) -> list[tuple[Exercise, tuple[tuple[str, float], ...]]]:
    """The region's usable exercises but the week's main lifts and the unloaded stand-ins, in
    the catalogue's order, with their shares (once per region and count of the week's main
    lifts, which only ever grow)."""
    mains = ctx.week_mains
    key = (region, len(mains))
    found = ctx.region_options.get(key)
    if found is None:
        found = ctx.region_options[key] = []
        for ex in ctx.by_region(region):  # _unloaded_stand_in's patterns read once, not per ex
            if ex.id not in mains and not _unloaded_stand_in(ex, ctx):
                found.append((ex, ctx.share_items(ex)))
    return found


def _over_load(exercise_id: str, items: tuple[tuple[str, float], ...], over: AbstractSet[str],
               loads: dict[str, float]) -> float:
    """What a set of the exercise (its shares `items`) loads the `over` muscles, added up in
    the shares' order as sum() does, kept in `loads` (per set of overdosed muscles)."""
    load: float = 0
    for m, sh in items:
        if m in over:
            load += sh
    loads[exercise_id] = load
    return load


def _balance(sessions: list[_SessionDraft], ctx: _Context) -> None:
    """Keep legs:back inside the rule's bounds, trimming the heavier region's accessories."""
    low, high = ctx.rules.volume.balance
    # pattern.weekly asks for every pattern only from 3 days a week: a 2-day plan may drop an
    # accessory of one (2 x 15 min: a walkout and a split squat held legs:back at 3:1 while
    # each one-arm row had one set; without them the rows get the minutes).
    weekly = ctx.profile.days_per_week >= _WEEKLY_PATTERNS_FROM_DAYS
    for _ in range(200):
        tally = _Tally.of(sessions, ctx)
        legs, back = tally.regions[Region.LEGS], tally.regions[Region.BACK]
        if back and low <= legs / back <= high:
            return
        heavy = Region.LEGS if not back or legs / back > high else Region.BACK
        # A cut that takes a muscle below its floor comes last: the week's only calf raise
        # went whole (calves at 2 of 3-6, 27 min left) while a fourth front-squat set kept
        # the quadriceps at their top (volume.muscle-bands; plan_space --seed 22).
        options = sorted(((sd, d) for sd in sessions for d in sd.drafts
                          if d.region is heavy),
                         key=lambda p: (_starves(p[1], p[0], tally, ctx), p[1].main,
                                        p[1].slot.keep, -p[1].sets))
        for sd, d in options:
            if d.partner is None and d.sets > _floor(d, sd, ctx):  # main.most-sets holds
                d.sets -= 1
                break
            if (not d.main and not _last_rotator(d, sessions)
                    and not (weekly and d.exercise.pattern in WEEKLY_PATTERNS
                             and not _elsewhere(sd, d, sessions))):  # pattern.weekly holds
                _drop(sd, d, ctx)
                break
        else:
            # Nothing of the heavier region can go (main lifts at their floor, a rotation's
            # last accessory): the lighter region takes a set where a session has the minutes.
            # Else a session's main lift of the heavier region gives a set to the other's.
            if not (_grow_region(sessions, ctx, tally, Region.BACK if heavy is Region.LEGS
                                 else Region.LEGS)
                    or _balance_mains(sessions, ctx, heavy, tally)
                    or _thin_main(sessions, ctx, heavy, tally)
                    or _thin_accessory(sessions, ctx, heavy, tally)
                    or _drop_pattern(sessions, ctx, heavy)):
                return


def _thin_main(sessions: list[_SessionDraft], ctx: _Context, heavy: Region,
               tally: _Tally) -> bool:
    """_balance's very last resort: a main lift of the heavier region goes below [dosing]
    min_sets (the last resort of very short sessions) where every other set of that region is
    one the week needs. 5 x 15 min with a superset-free leg press and trap-bar deadlift at two
    sets each, the week's only leg curl and calf raise, and back days too full for another
    pull: 13 legs to 6 back, one leg-press set fewer keeps 2:1. Never below the session's
    largest accessory (main.most-sets) nor one set; a lift whose cut leaves a muscle below its
    floor last. True when it cut."""
    options = [(sd, d) for sd in sessions for d in sd.drafts
               if d.main and d.partner is None and d.region is heavy and d.sets > 1
               and all(x.main or d.sets > x.sets for x in sd.drafts)]
    if not options:
        return False
    _, d = min(options, key=lambda p: (_starves(p[1], p[0], tally, ctx), -p[1].sets,
                                       p[1].slot.keep))
    d.sets -= 1
    return True


def _thin_accessory(sessions: list[_SessionDraft], ctx: _Context, heavy: Region,
                    tally: _Tally) -> bool:
    """_balance's last resort after _thin_main: an accessory of the heavier region the week needs
    (its only lunge, calf raise or curl) goes below [dosing] min_sets, as very short sessions
    allow. 3 x 20 min with a cable and a sore back: bodyweight squats at two sets a day, the
    week's only lunge, curl, calf raise and glute bridge against three two-set pulls made 13 legs
    to 6 back sets; one lunge set fewer keeps 2:1 and every pattern. A cut that leaves a muscle
    below its floor last, the most sets first. True when it cut."""
    options = [(sd, d) for sd in sessions for d in sd.drafts
               if not d.main and d.partner is None and d.region is heavy and d.sets > 1]
    if not options:
        return False
    _, d = min(options, key=lambda p: (
        any(tally.muscles[m] - sh < ctx.band_cache[m][0] - 1e-9 for m, sh in p[1].shares if sh),
        -p[1].sets, p[1].slot.keep))
    d.sets -= 1
    return True


def _drop_pattern(sessions: list[_SessionDraft], ctx: _Context, heavy: Region) -> bool:
    """_balance's very last resort, every lift at one set: the week's only accessory of a weekly
    pattern of the heavier region goes (legs:back is a rule; pattern.weekly lets a full week
    leave a pattern out with a note, which _week_template writes). 3 x 15 min with a kettlebell
    and a pull-up bar: a goblet squat a day and the week's only curl, lunge, calf raise and
    glute bridge at one set each made 7 legs to 3 back sets. A lift of no main muscle first
    (the calf raise), then the least kept; never the knee flexion (hamstrings) before another,
    nor a rotation's last accessory. True when one went."""
    options = [(sd, d) for sd in sessions for d in sd.drafts
               if not d.main and d.partner is None and d.region is heavy
               and not _last_rotator(d, sessions)]
    if not options:
        return False
    main = ctx.rules.muscle_volume.main
    sd, d = min(options, key=lambda p: (
        any(sh >= 1.0 and m in main for m, sh in p[1].shares),
        p[1].exercise.pattern is Pattern.KNEE_FLEXION, p[1].slot.keep, p[1].sets))
    _drop(sd, d, ctx)
    return True


def _starves(d: _Draft, sd: _SessionDraft, tally: _Tally, ctx: _Context) -> bool:
    """Whether _balance's cut of `d` (a set above its floor, else the whole of it) leaves a
    muscle it trains below its band's floor."""
    cut = 1 if d.partner is None and d.sets > _floor(d, sd, ctx) else d.sets
    return any(tally.muscles[m] - sh * cut < ctx.band_cache[m][0] - 1e-9
               for m, sh in d.shares if sh)


def _grow_region(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally,
                 region: Region) -> bool:
    """One more set of a lift of `region` (main lifts first) where its muscles have room and its
    session the minutes: what brings legs:back back inside [volume] balance when the other
    region has nothing left to give. True when it grew one.

    legs:back balance is a rule; a muscle a set takes over its band's top only as an assisting
    (secondary) muscle is not an overdose while it stays under [coach_checks] above_band_sets
    past it (a row's share of the core where 2-min rests left the back sessions few sets): such a
    set comes when no set keeps every band."""
    for room in (tally.room, lambda unit, ctx: _assisting_room(tally, unit, ctx, sessions)):
        for mains in (True, False):
            for sd in sessions:
                for unit in _units(sd):
                    if (unit[0].main is mains and all(d.region is region for d in unit)
                            and unit[0].sets < _cap(unit[0], sd, ctx) and room(unit, ctx)
                            and _fits(sd, ctx, _unit_seconds(unit, ctx, unit[0].sets + 1)
                                      - _unit_seconds(unit, ctx))):
                        for d in unit:
                            d.sets += 1
                        return True
    return False


def _assisting_room(tally: _Tally, unit: tuple[_Draft, ...], ctx: _Context,
                    sessions: Sequence[_SessionDraft]) -> bool:
    """One more set of a lone item keeps its prime movers inside their bands and every muscle
    it only assists under [coach_checks] above_band_sets past its band's top, where every
    exercise that trains that muscle as a prime mover is at its floor (volume.muscle-bands
    faults a muscle above its top beside a prime mover with more sets than its floor)."""
    if len(unit) > 1:
        return False
    bands, margin = ctx.band_cache, ctx.rules.coach_checks.above_band_sets
    past: set[str] = set()
    for m, share in unit[0].shares:
        top = bands[m][1]
        if tally.muscles[m] + share > (top if share >= 1 else top + margin - share):
            return False
        if tally.muscles[m] + share > top + 1e-9:
            past.add(m)
    if past and _mover_above_floor(sessions, ctx, past):
        return False
    return tally.room_regions(unit, ctx)


def _balance_mains(sessions: list[_SessionDraft], ctx: _Context, heavy: Region,
                   tally: _Tally) -> bool:
    """_balance's last resort where every accessory is one the week needs: a session's main
    lift of the heavier region gives a set to its main lift of the other, where the session
    keeps its minutes and no muscle goes above its band (a 15-minute session of two squat sets
    and one row set, whose 2-min rests leave no time for more: one of each). True when it
    traded."""
    for sd in sessions:
        give = [d for d in sd.drafts if d.main and d.partner is None and d.region is heavy]
        take = [d for d in sd.drafts if d.main and d.partner is None
                and d.region is not heavy and d.region in TRAINED_REGIONS]
        if not give or not take:
            continue
        g, t = max(give, key=lambda d: d.sets), min(take, key=lambda d: d.sets)
        if g.sets <= t.sets or t.sets >= _cap(t, sd, ctx):
            continue
        g.sets, t.sets = g.sets - 1, t.sets + 1
        if (_minutes(sd, ctx) <= ctx.profile.minutes_per_session
                and not _overdosed(_Tally.of(sessions, ctx), tally, ctx)):
            return True
        g.sets, t.sets = g.sets + 1, t.sets - 1
    return False


# --------------------------------------------------------------------------------------------
# The week and the plan


@dataclass
class _WeekPlan:
    """A block's week: its sessions, their tally and its notes."""

    sessions: list[_SessionDraft]
    tally: _Tally
    notes: list[str]
    minutes: list[int] = field(default_factory=list)
    """Each session's minutes, worked out when the block's weeks are stamped."""
    seconds: list[float] = field(default_factory=list)
    """Each session's blocks' seconds (the same moment)."""
    units: list[list[tuple[_Draft, ...]]] = field(default_factory=list)
    """Each session's blocks-to-be (the same moment)."""
    titles: list[str] = field(default_factory=list)
    """Each session's title (the same moment)."""
    spent: bool | None = None
    """Whether no main muscle has room for another set (_spent_muscles; the same moment)."""
    thinned: bool = False
    """Whether _thin_isolation took isolation out of the templates' sessions."""


def _week_template(shape: WeekShape, ctx: _Context, templates: Templates,
                   block_index: int, thin: bool = True) -> _WeekPlan:
    sessions = list(zip(shape.focuses, shape.variants, strict=True))
    week_mains = frozenset(
        i for f, v in set(sessions) for i in _main_ids(f, v, ctx, templates))
    ctx.week_mains.update(week_mains)
    drafts = [_select(focus, variant, ctx, templates, block_index, week_mains)
              for focus, variant in sessions]
    drafts = _limit_hinges(drafts, ctx, templates, block_index, week_mains)
    for sd, day in zip(drafts, shape.offsets, strict=True):
        sd.day = day
    _vary_hinges(drafts, ctx)
    _vary_single_leg(drafts, ctx)
    missing = _add_missing_patterns(drafts, ctx, block_index)
    thinned = thin and _thin_isolation(drafts, ctx)
    notes: list[str] = []
    hinge_days = sum(sd.has_hinge() for sd in drafts)
    lightened = _lighten_hinges(drafts, ctx)
    if hinge_days > ctx.rules.progression.hinge_heavy_days:
        light = _light_range(ctx)
        held = " and ".join(sorted(e.value + "s"
                                   for e in _HAND_HELD.intersection(ctx.profile.equipment)))
        kit = (f"with only {held} to hold, each legs day pairs one single-leg lift with a "
               "hinge, the two-leg lift your hands can load" if ctx.hand_held else
               "with your kit and exclusions nothing else loads the legs as a main lift")
        notes.append(f"Hinges on {hinge_days} days a week: {kit}; "
                     + (f"after the first {ctx.rules.progression.hinge_heavy_days} they are "
                        f"lighter days of {light[0]}-{light[1]} reps [hinge.heavy-days]."
                        if lightened and light else "keep the loads moderate."))
    for i, sd in enumerate(drafts):
        if block_index > 1 and i in ctx.openers:
            _replay_openers(sd, ctx, ctx.openers[i])
        _pair(sd, ctx)
        _fit(sd, ctx, drafts)
        _no_longer_rest_than_mains(sd, ctx)
    _cut_overshoot(drafts, ctx)
    tally = _fill(drafts, ctx, block_index)
    if any(_minutes(sd, ctx) > ctx.profile.minutes_per_session for sd in drafts):
        for sd in drafts:  # a re-pairing in the fill ran over: trim again, least kept first
            _fit(sd, ctx, drafts)
        # The trim pairs again, and a superset's rounds can take a muscle over its band (a
        # three-set calf raise paired at four rounds: calves at 11 of 4-10).
        _cut_overshoot(drafts, ctx)
        tally = _Tally.of(drafts, ctx)
        # The trim freed sets below the bands: sessions with minutes left take them.
        for mains in (True, False):
            while _grow(drafts, ctx, tally, mains=mains):
                pass
    if _restore_patterns(drafts, ctx, block_index):
        # The restored pattern's sets may take a muscle over its band (a dead bug on top of
        # goblet squats' core): the fill again, which brings every muscle back inside it.
        _fill(drafts, ctx, block_index)
        # The restored pattern's minutes and sets change what the fill can still do (a lift
        # that could not grow may move to a session with minutes left).
        tally = _Tally.of(drafts, ctx)
        if any(_minutes(sd, ctx) < ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
               for sd in drafts):
            for _ in range(len(drafts)):  # a few moves at most (no move undoes another)
                if not _relocate(drafts, ctx, tally):
                    break
                tally = _Tally.of(drafts, ctx)
                while _grow(drafts, ctx, tally, mains=False):
                    pass
    # Main lifts take their sets from the accessories in their way, and knee flexion its floor,
    # before the time steps spend what is left (issue 10, items 1, 2 and 5).
    _mains_before_accessories(drafts, ctx)
    _knee_flexion_to_floor(drafts, ctx)
    _use_time_keeping_knee_flexion(drafts, ctx, block_index)
    if _heavy_days_first(drafts, ctx, block_index):
        # The sets it moved or traded leave other muscles room: grown again where they keep
        # legs:back (time.use), and the heavy days checked again.
        tally = _Tally.of(drafts, ctx)
        for mains in (True, False):
            while _grow(drafts, ctx, tally, mains=mains, balanced=True):
                pass
        _heavy_days_first(drafts, ctx, block_index)
        tally = _Tally.of(drafts, ctx)
    if _lighten_hinges(drafts, ctx):  # a hinge the fill added on a lighter hinge day
        for sd in drafts:
            _fit(sd, ctx, drafts)
        tally = _Tally.of(drafts, ctx)
    _space_isolation(drafts, ctx)
    _merge_isolation(drafts, ctx)
    _gather_isolation(drafts, ctx)
    # Knee flexion's floor, and the hamstrings', by trades on the spaced week: a curl added or
    # moved before the spacing left it less room to space the calf raises (no isolation is
    # more crowded after a trade).
    _knee_flexion_trade(drafts, ctx)
    if _spread_accessories(drafts, ctx):
        # A swapped-in accessory can load a muscle less than the one it replaced (a band
        # hamstring curl for an assisted Nordic, whose sets count half for the glutes; a dead
        # bug for a hanging knee raise, half for the lats): the set it freed is room the time
        # steps above never saw, and a session ending early beside it breaks time.use. They
        # run again on the spread week.
        _use_time(drafts, ctx, block_index)
        _heavy_days_first(drafts, ctx, block_index)
    _support_rows(drafts, ctx, block_index)
    tally = _Tally.of(drafts, ctx)  # what the wave cuts and the sessions' reasons read
    if block_index == 1:
        for i, sd in enumerate(drafts):
            ctx.openers[i] = [d for d in sd.drafts if d.slot.main]
    # The steps since the fill (time use, heavy days, spacing, spread) moved and swapped sets:
    # the notes and the waves read the week as it is.
    tally = _Tally.of(drafts, ctx)
    notes[:0] = [_missing_note(pattern, ctx, drafts) for pattern in missing]
    if ctx.profile.days_per_week >= _WEEKLY_PATTERNS_FROM_DAYS:
        present = _week_patterns(drafts)
        for pattern in WEEKLY_PATTERNS:
            name = pattern.value.replace("-", " ")
            if pattern not in present and not any(pattern_label(pattern) in n for n in notes):
                notes.append(f"No {name} work this week: the "
                             f"{ctx.profile.minutes_per_session}-minute sessions have no room "
                             "left for it [time.budget].")
    return _WeekPlan(drafts, tally, notes, thinned=thinned)


def _off_band(value: float, band: tuple[int, int]) -> float:
    return max(band[0] - value, value - band[1], 0.0)


def _stand_in(sd: _SessionDraft, d: _Draft, new: _Draft) -> _Draft:
    """Put `new` in d's place in session sd, with d's sets, rotation and superset partner."""
    new.sets, new.rotates, new.partner = d.sets, d.rotates, d.partner
    if d.partner is not None:
        d.partner.partner = new
    sd.drafts[sd.drafts.index(d)] = new
    return new


def _spread_accessories(sessions: Sequence[_SessionDraft], ctx: _Context) -> bool:
    """An accessory in more than [progression] accessory_most_days sessions of the week (the
    same reverse fly in all five, a dead bug as the only core four times) gives way, in its
    later sessions, to another exercise of its pattern the week holds less often, where that
    keeps every muscle as near its band as it was and the session inside its minutes. True when
    a swap changed a muscle's weekly sets (a dead bug for two sets of hanging knee raises: a
    lats set less) or took a session under [dosing] min_time_use of its minutes (a face pull
    quicker than the rear-delt raise it replaced left Legs C at 36 of 52 min while the
    hamstrings had room): the time steps run again on the spread week."""
    most = ctx.rules.progression.accessory_most_days
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    full = budget - ctx.rules.coach_checks.full_margin_minutes
    held = Counter(d.exercise.id for sd in sessions for d in sd.drafts if not d.main)
    dosed = False
    for sd in sessions[1:]:
        for d in [d for d in sd.drafts if not d.main and held[d.exercise.id] > most]:
            if sum(x.exercise.id == d.exercise.id for s in sessions[:sessions.index(sd)]
                   for x in s.drafts) < most:
                continue  # one of its first `most` sessions keeps it
            before = _Tally.of(sessions, ctx)
            was = _minutes(sd, ctx)
            used = {x.exercise.id for x in sd.drafts}
            pool = [ex for ex in _candidates(_extra_slot(d.exercise.pattern, d.region), ctx,
                                             with_equipment=True)
                    if ex.id not in used and ex.id not in ctx.week_mains
                    and held[ex.id] < most and ex.mechanic is d.exercise.mechanic]
            for ex in sorted(pool, key=lambda ex: held[ex.id]):
                new = _stand_in(sd, d, _draft(d.slot, ex, ctx, list(d.why)))
                after = _Tally.of(sessions, ctx)
                now = _minutes(sd, ctx)
                # Shorter than the time rules want only with the muscles' doses unchanged (what
                # excused the short session before excuses it still).
                # Nor, with a muscle below its band's floor, one that frees a full session's
                # minutes: the full week was the floor's excuse (a quicker leg curl and a face
                # pull took Legs B from 41 to 35 of 43 min with core at 4 of 6-10,
                # volume.muscle-bands).
                if (now <= budget
                        and (now >= least or now >= was or after.muscles == before.muscles)
                        and (now >= full or was < full or not any(
                            n < ctx.band_cache[m][0] - 1e-9 for m, n in before.muscles.items()))
                        and all(_off_band(after.muscles[m], ctx.band_cache[m])
                                <= _off_band(before.muscles[m], ctx.band_cache[m]) + 1e-9
                                for m in after.muscles)):
                    held[d.exercise.id] -= 1
                    held[ex.id] += 1
                    dosed = dosed or after.muscles != before.muscles or now < least <= was
                    break
                sd.drafts[sd.drafts.index(new)] = d
                if d.partner is not None:
                    d.partner.partner = d
    return dosed


_FOCUS_LABELS = {SessionFocus.FULL: "Full body", SessionFocus.LEGS: "Legs",
                 SessionFocus.BACK: "Back"}


def _spaced(d: _Draft) -> bool:
    """Isolation work a coach spaces like a region's hard sessions (a leg curl, a calf raise, a
    reverse fly); not core, the bracing every session's lifts load anyway."""
    return not d.main and not d.compound and d.exercise.pattern is not _CORE


def _close(a: _SessionDraft, b: _SessionDraft, hours: int) -> bool:
    """Whether sessions a and b are less than `hours` apart (across the week's end too)."""
    gap = abs(a.day - b.day) % 7
    return min(gap, 7 - gap) * 24 < hours


def _held(sessions: Sequence[_SessionDraft]) -> list[Counter[Pattern]]:
    """Each session's isolation work by pattern (_spaced)."""
    return [Counter(d.exercise.pattern for d in sd.drafts if _spaced(d)) for sd in sessions]


def _crowding(sessions: Sequence[_SessionDraft], hours: int,
              held: Sequence[Counter[Pattern]] | None = None) -> int:
    """How often the week holds isolation work of one pattern (_spaced) in two sessions less
    than `hours` apart: a seated leg curl on Friday and a lying one on Saturday count once.
    `held`: the sessions' patterns as _held gives them (or as a move would leave them)."""
    # Plain loops and sets (the spacing and the knee-flexion trades ask for every try): the
    # patterns two close sessions share, counted once per pair.
    if held is None:
        kinds = [{d.exercise.pattern for d in sd.drafts
                  if not d.main and not d.compound and d.exercise.pattern is not _CORE}
                 for sd in sessions]  # _spaced inlined
        count = 0
        for i, a in enumerate(sessions):
            for j in range(i + 1, len(sessions)):
                if _close(a, sessions[j], hours):
                    count += len(kinds[i] & kinds[j])
        return count
    count = 0
    for i, a in enumerate(sessions):
        for j in range(i + 1, len(sessions)):
            if _close(a, sessions[j], hours):
                other = held[j]
                for p, n in held[i].items():
                    if n > 0 and other.get(p, 0) > 0:
                        count += 1
    return count


def _thin_isolation(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """Every template session holds a leg curl, a calf raise and a rear-delt slot: on
    consecutive days (Monday to Wednesday, Friday and Saturday) that is the same isolation
    work less than [schedule] min_hours_between_hard apart, which the steps after the fill can
    only partly move (every session is full by then). Before the fill, each such pattern keeps
    its accessories in the most sessions that are all 48 h apart (where its slots are kept
    longest when time is short, sessions.toml's `keep`: a leg curl as a back day's superset
    partner before a legs day's; then the earliest) and leaves the others: the fill gives the
    muscles their sets back in the kept ones (up to [dosing] max_accessory_sets) or, where it
    must add an exercise, in a session further from that pattern's work first
    (_add_exercise). True when it took any out."""
    hours = ctx.rules.schedule.min_hours_between_hard
    held = _held(sessions)
    thinned = False
    for pattern in dict.fromkeys(p for h in held for p in h):
        holders = [i for i, h in enumerate(held) if h[pattern]]
        if not any(_close(sessions[a], sessions[b], hours)
                   for k, a in enumerate(holders) for b in holders[k + 1:]):
            continue
        best: tuple[tuple[int, int], list[int]] | None = None
        for mask in range(1, 1 << len(holders)):
            kept = [i for k, i in enumerate(holders) if mask >> k & 1]
            if any(_close(sessions[a], sessions[b], hours)
                   for k, a in enumerate(kept) for b in kept[k + 1:]):
                continue
            score = (len(kept), sum(max(d.slot.keep for d in sessions[i].drafts
                                        if _spaced(d) and d.exercise.pattern is pattern)
                                    for i in kept))
            if best is None or score > best[0]:
                best = (score, kept)
        assert best is not None  # one session alone is always spaced
        for i in holders:
            if i not in best[1]:
                sd = sessions[i]
                sd.drafts[:] = [d for d in sd.drafts
                                if not (_spaced(d) and d.exercise.pattern is pattern)]
                thinned = True
    return thinned


def _thinning_cost(week: _WeekPlan, ctx: _Context) -> tuple[bool, float]:
    """What a week's build may have cost the rules _thin_isolation must not: whether it left
    time open (_time_left_open), and how many sets its muscles are short of their bands'
    floors."""
    tally = _Tally.of(week.sessions, ctx)
    short = sum(max(ctx.band(m)[0] - n, 0.0) for m, n in tally.muscles.items())
    return _time_left_open(week.sessions, ctx), round(short, 6)


def _time_left_open(sessions: Sequence[_SessionDraft], ctx: _Context) -> bool:
    """Whether a session uses less than [dosing] min_time_use of its minutes while a main
    muscle a whole set below its band's top has a lift that could take a set, as time.use
    (`redwood check`) reads it: one below its most sets (_cap) whose next set (a superset's next
    round) takes no other muscle above its band."""
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    if all(_minutes(sd, ctx) >= least for sd in sessions):
        return False
    tally = _Tally.of(sessions, ctx)
    roomy = {m for m in ctx.rules.muscle_volume.main
             if room_for_a_set(tally.muscles[m], ctx.band(m)[1])}
    for sd in sessions:
        for unit in _units(sd):
            if not roomy or unit[0].sets >= _cap(unit[0], sd, ctx):
                continue
            adds: dict[str, float] = {}
            for d in unit:
                for m, sh in d.shares:
                    adds[m] = adds.get(m, 0.0) + sh
            for m in roomy:
                if any(sh >= 1.0 for d in unit for x, sh in d.shares if x == m) and all(
                        tally.muscles[x] + n <= ctx.band(x)[1] + 1e-9
                        for x, n in adds.items() if x != m):
                    return True
    return False


def _near_spaced(sd: _SessionDraft, week: Sequence[_SessionDraft], hours: int) -> set[Pattern]:
    """The isolation patterns (_spaced) of the sessions less than `hours` from `sd`."""
    return {d.exercise.pattern for other in week if other is not sd and _close(sd, other, hours)
            for d in other.drafts if _spaced(d)}


_Move = tuple[_SessionDraft, _Draft, _SessionDraft]
"""(from, draft, to): an accessory moved from one session to another."""


def _space_isolation(sessions: list[_SessionDraft], ctx: _Context) -> None:
    """Where two sessions less than [schedule] min_hours_between_hard apart hold isolation work
    of one pattern (leg curls on Friday and again on Saturday: the hamstrings hard 24 h apart),
    move one to a session further from the others, or trade places with an isolation accessory
    of that session; where no one move helps, two (Tuesday's calf raise to Monday, then
    Saturday's to Wednesday, from Tuesday, Friday and Saturday). The fill places each exercise
    where the minutes and the bands allow, without looking at the days around it; this only
    changes the day: kept where no exercise changes its sets (so no muscle its weekly sets),
    every session stays inside its minutes and above the time.use floor it had reached, and
    main lifts keep the most sets. A session already under that floor (every main muscle full
    or its lifts at their most sets: the note says so) may give an exercise away, as long as no
    lift gains room it would have to use (_open_muscles)."""
    hours = ctx.rules.schedule.min_hours_between_hard
    for _ in range(2 * len(sessions)):  # each kept step lowers the crowding: a few at most
        now = _crowding(sessions, hours)
        if not now or not _space_once(sessions, ctx, hours, now, two=True):
            return


def _space_once(sessions: list[_SessionDraft], ctx: _Context, hours: int, now: int,
                two: bool) -> bool:
    """_space_isolation's one step: the first move or trade that lowers the crowding below
    `now` within the rules, else (`two`) a move that leaves it as it is followed by one that
    lowers it; True when one was kept. The crowding a move would leave is counted on the
    patterns alone before the week is touched."""
    held = _held(sessions)
    crowded = {p for i, a in enumerate(sessions) for j, b in enumerate(sessions)
               if i < j and _close(a, b, hours) for p in held[i] if held[j][p] > 0}
    level: list[_Move] = []
    for i, sd in enumerate(sessions):
        for d in [d for d in sd.drafts if _spaced(d) and d.exercise.pattern in crowded]:
            pattern = d.exercise.pattern
            for j, taker in enumerate(sessions):
                if taker is sd or held[j][pattern]:
                    continue
                # Alone, or in trade for an isolation accessory the giver can hold.
                trades: list[_Draft | None] = [None]
                trades += [x for x in taker.drafts if _spaced(x) and x.exercise.pattern
                           is not pattern and not _twin(sd, x.exercise, d)]
                for x in trades:
                    after = [Counter(h) for h in held]
                    after[i][pattern] -= 1
                    after[j][pattern] += 1
                    if x is not None:
                        after[j][x.exercise.pattern] -= 1
                        after[i][x.exercise.pattern] += 1
                    crowding = _crowding(sessions, hours, after)
                    if crowding < now:
                        if _try_space(sessions, ctx, now - 1, (sd, d, taker),
                                      None if x is None else (taker, x, sd)):
                            return True
                    elif crowding == now and x is None and two:
                        level.append((sd, d, taker))
    for move in level:
        saved = _save(*sessions)
        if _try_space(sessions, ctx, now, move):
            if _space_once(sessions, ctx, hours, now, two=False):
                return True
            _restore(saved)
    return False


def _try_space(sessions: list[_SessionDraft], ctx: _Context, most: int,
               *moves: _Move | None) -> bool:
    """Make the moves, pair the sessions again, and keep them when the crowding is at most
    `most` and the rules of _space_isolation hold; else the week exactly as it was. A moved
    exercise the taker's superset would raise to its rounds (more sets) goes as straight sets
    instead."""
    hours = ctx.rules.schedule.min_hours_between_hard
    was = {id(s): (_minutes(s, ctx), _mains_lead(s)) for s in sessions}
    sets = [(d, d.sets) for s in sessions for d in s.drafts]
    saved = _save(*sessions)
    # A session ending early is excused only while no lift can give a main muscle a set
    # (time.use): a leg curl moved beside three-set main lifts from a session of two-set ones
    # could take a third set.
    open_before = _open_muscles(sessions, ctx)
    made = [move for move in moves if move is not None]
    for straight in (False, True):
        for giver, d, taker in made:
            giver.drafts.remove(d)
            taker.drafts.append(d)
            if straight or d.exercise.id in giver.solo:
                giver.solo.discard(d.exercise.id)
                taker.solo.add(d.exercise.id)
        for s in dict.fromkeys(s for move in made for s in (move[0], move[2])):
            _pair(s, ctx)
        if all(d.sets == n for d, n in sets):
            if (_crowding(sessions, hours) <= most
                    and _minutes_kept(sessions, ctx, was, open_before)):
                return True
            _restore(saved)
            return False  # straight sets take longer: no better
        _restore(saved)
    return False


def _minutes_kept(sessions: Sequence[_SessionDraft], ctx: _Context,
                  was: Mapping[int, tuple[float, bool]], open_before: frozenset[str],
                  full: float | None = None) -> bool:
    """Whether a move between sessions (_try_space, _try_merge) keeps their minutes: each
    within its budget, none newly under [dosing] min_time_use, none losing its main lifts'
    lead, and (`full` given) none that was full newly short of it; a session under
    min_time_use is excused only while no main muscle newly has room (time.use). `was` holds
    each session's minutes and lead before the move, `open_before` _open_muscles' answer."""
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    minutes = [_minutes(s, ctx) for s in sessions]  # once each, not at every clause
    return (all(n <= budget
                and (n >= least or was[id(s)][0] < least)
                and (_mains_lead(s) or not was[id(s)][1])
                and (full is None or n >= full or was[id(s)][0] < full)
                for s, n in zip(sessions, minutes, strict=True))
            and (all(n >= least for n in minutes)
                 or _open_muscles(sessions, ctx) <= open_before))


def _repeats(sessions: Sequence[_SessionDraft], most: int) -> int:
    """How many sessions past `most` the week's isolation exercises (_spaced) come in: the same
    reverse fly in three sessions counts one."""
    held: dict[str, int] = {}
    for sd in sessions:
        for x in {d.exercise.id for d in sd.drafts
                  if not d.main and not d.compound and d.exercise.pattern is not _CORE}:
            held[x] = held.get(x, 0) + 1  # _spaced inlined, a dict for a Counter: asked per try
    return sum(max(n - most, 0) for n in held.values())


def _merge_isolation(sessions: list[_SessionDraft], ctx: _Context) -> None:
    """Where the week holds isolation work of one pattern in more sessions than its days can
    space 48 h apart (calf raises in four sessions of a five-day week), or one isolation
    exercise in more than [progression] accessory_most_days sessions (the reverse fly three
    times a week with only a kettlebell and a pull-up bar), _space_isolation has nowhere to move
    it: here an isolation exercise's sets join the same exercise (or one of its pattern that
    loads the same muscles alike) in another session, and the spacing is tried again. Kept only
    where every muscle keeps its weekly sets (the same shares), no other exercise changes its
    sets, the joined one stays within [dosing] max_accessory_sets and the session's fewest
    main-lift sets, and the minutes keep _try_space's rules."""
    hours = ctx.rules.schedule.min_hours_between_hard
    most = ctx.rules.progression.accessory_most_days
    for _ in range(2 * len(sessions)):  # each kept step takes an exercise away: a few at most
        score = (_crowding(sessions, hours), _repeats(sessions, most))
        if score == (0, 0) or not _merge_once(sessions, ctx, score):
            return
        _space_isolation(sessions, ctx)


def _merge_once(sessions: list[_SessionDraft], ctx: _Context, score: tuple[int, int]) -> bool:
    """_merge_isolation's one step: the first join that lowers the crowding or the repeats and
    raises neither; True when one was kept. An exercise's sets may be shared out over several
    sessions' (two calf-raise sets, one each to Monday's and Wednesday's calf raises); failing
    that, the sets the others cannot take are dropped where every muscle keeps its band's floor
    (calves at 9 of 6-12 instead of 11, the calf raises 48 h apart)."""
    hours = ctx.rules.schedule.min_hours_between_hard
    most = ctx.rules.progression.accessory_most_days

    def better() -> bool:
        return _better((_crowding(sessions, hours), _repeats(sessions, most)), score)

    crowded = _crowded(sessions, hours)
    held = Counter(x for sd in sessions for x in {d.exercise.id for d in sd.drafts if _spaced(d)})
    for dropping in (False, True):
        for giver in sessions:
            for d in [d for d in giver.drafts if _spaced(d) and (
                    d.exercise.pattern in crowded or held[d.exercise.id] > most)]:
                # Each session's own work of d's pattern that loads the muscles alike, with the
                # sets it could still take.
                room = [(taker, y, _join_room(y, taker, ctx)) for taker in sessions
                        if taker is not giver for y in taker.drafts
                        if _spaced(y) and y.exercise.pattern is d.exercise.pattern
                        and (y.exercise.id == d.exercise.id or y.shares == d.shares)]
                room = [r for r in room if r[2] > 0]
                if not dropping and sum(r[2] for r in room) < d.sets:
                    continue
                for gifts in _gift_options(room, d.sets, dropping):
                    if _try_merge(sessions, ctx, giver, d, gifts, better):
                        return True
    return False


_Gift = tuple[_SessionDraft, _Draft, int]
"""(taker, y, n): n more sets of y in session taker."""


def _gift_options(room: Sequence[_Gift], sets: int, dropping: bool) -> list[list[_Gift]]:
    """Ways to share `sets` out over the takers of `room` (each (taker, y, room for sets)), one
    exercise a session: all of them given (each taker first in turn), or (`dropping`) any
    few takers given what they can hold and the rest dropped, most sets given first."""
    options: list[list[_Gift]] = []
    if not dropping:
        for first in range(len(room)):
            gifts: list[_Gift] = []
            left = sets
            for taker, y, n in list(room[first:]) + list(room[:first]):
                if left and all(t is not taker for t, _, _ in gifts):
                    gifts.append((taker, y, min(n, left)))
                    left -= min(n, left)
            if not left:
                options.append(gifts)
        return options
    few = list(room[:_MOST_TAKERS])
    for mask in range(1 << len(few)):
        chosen = [few[k] for k in range(len(few)) if mask >> k & 1]
        if len({id(t) for t, _, _ in chosen}) < len(chosen):
            continue
        gifts, left = [], sets
        for taker, y, n in chosen:
            gifts.append((taker, y, min(n, left)))
            left -= min(n, left)
        if all(n for _, _, n in gifts):
            options.append(gifts)
    return sorted(options, key=lambda g: -sum(n for _, _, n in g))


# Takers a dropped-remainder join looks at (2^4 ways at most: the week has six sessions).
_MOST_TAKERS = 4


def _crowded(sessions: Sequence[_SessionDraft], hours: int) -> set[Pattern]:
    """The isolation patterns (_spaced) two sessions less than `hours` apart both hold."""
    held = _held(sessions)
    return {p for i, a in enumerate(sessions) for j, b in enumerate(sessions)
            if i < j and _close(a, b, hours) for p in held[i] if held[j][p] > 0}


def _full_regions(tally: _Tally, ctx: _Context, *, ceiling: bool = True) -> set[Region]:
    """The regions one more set would take past [volume] max_sets (unless not `ceiling`) or out
    of its legs:back balance."""
    low, high = ctx.rules.volume.balance
    legs, back = tally.regions[_LEGS], tally.regions[_BACK]
    full = {r for r, n in tally.regions.items()
            if ceiling and n + 1 > ctx.rules.volume.max_sets}
    if not back or (legs + 1) / back > high:
        full.add(_LEGS)
    if not legs or legs / (back + 1) < low:
        full.add(_BACK)
    return full


def _floors_kept(before: _Tally, after: _Tally, ctx: _Context, *, ceiling: bool = True) -> bool:
    """Whether every muscle with fewer sets than before still has its band's floor and none is
    above its band's top (an item above the top must be at its fewest sets,
    volume.muscle-bands), and each region that lost sets keeps the hypertrophy minimum and the
    legs:back balance it had. No main muscle newly has room for a set and no region newly takes
    one: time.use excuses a session ending early only while none has (two calf-raise sets less
    can leave the legs room under the legs:back balance for the quadriceps' set), and which
    session ends early is the stamped minutes' call, not this step's (50 of 67 min is under
    75%)."""
    main = ctx.rules.muscle_volume.main
    if not (_full_regions(before, ctx, ceiling=ceiling)
            <= _full_regions(after, ctx, ceiling=ceiling)):
        return False
    for m, n in after.muscles.items():
        low, high = ctx.band_cache[m]
        if n > high + 1e-9 or (n < before.muscles[m] - 1e-9 and (
                n < low - 1e-9 or (m in main and room_for_a_set(n, high)
                                   and not room_for_a_set(before.muscles[m], high)))):
            return False
    return _regions_kept(before, after, ctx)


def _regions_kept(before: _Tally, after: _Tally, ctx: _Context) -> bool:
    """Whether each region that lost sets keeps the hypertrophy minimum and the legs:back
    balance it had (_floors_kept, _gather_floors_kept)."""
    if after.regions == before.regions:
        return True
    least = ctx.rules.volume.hypertrophy_min_sets if ctx.profile.goal is Goal.HYPERTROPHY else 0
    return (all(after.regions[r] >= min(least, before.regions[r]) for r in after.regions)
            and (_legs_back_ok(after, ctx) or not _legs_back_ok(before, ctx)))


def _join_room(y: _Draft, sd: _SessionDraft, ctx: _Context) -> int:
    """The sets y could take as straight sets: [dosing] max_accessory_sets, and no more than
    the session's fewest main-lift sets."""
    most = min([ctx.rules.dosing.max_accessory_sets]
               + [m.sets for m in sd.drafts if m.main])
    return most - y.sets


def _better(now: tuple[int, int], was: tuple[int, int]) -> bool:
    return now[0] <= was[0] and now[1] <= was[1] and now != was


def _try_merge(sessions: list[_SessionDraft], ctx: _Context, giver: _SessionDraft, d: _Draft,
               gifts: Sequence[tuple[_SessionDraft, _Draft, int]],
               better: Callable[[], bool]) -> bool:
    """Take d out of `giver`, give each (taker, y, n) of `gifts` n more sets of y, and pair the
    sessions again; keep it when `better()` and the rules of _merge_isolation hold, else the
    week exactly as it was. The joined exercises go as straight sets where their supersets would
    take a partner to more rounds."""
    budget = ctx.profile.minutes_per_session
    full = budget - ctx.rules.coach_checks.full_margin_minutes
    joined = {id(y): y.sets + n for _, y, n in gifts}
    was = {id(s): (_minutes(s, ctx), _mains_lead(s)) for s in sessions}
    sets = [(x, x.sets) for s in sessions for x in s.drafts
            if x is not d and id(x) not in joined]
    saved = _save(*sessions)
    open_before = _open_muscles(sessions, ctx)
    before = _Tally.of(sessions, ctx)
    # With a muscle below its band's floor, the full week is the floor's excuse
    # (volume.muscle-bands): no session that was full may end early.
    short = any(n < ctx.band_cache[m][0] - 1e-9 for m, n in before.muscles.items())
    for straight in (False, True):
        giver.drafts.remove(d)
        for taker, y, _ in gifts:
            y.sets = joined[id(y)]
            if straight:
                taker.solo.add(y.exercise.id)
        for s in dict.fromkeys([giver] + [t for t, _, _ in gifts]):
            _pair(s, ctx)
        if (all(y.sets == joined[id(y)] <= _cap(y, t, ctx) for t, y, _ in gifts)
                and all(x.sets == n for x, n in sets)):
            if (better()
                    and _minutes_kept(sessions, ctx, was, open_before, full if short else None)
                    # Room under [volume] max_sets the join leaves a region is no room while
                    # no lift of the week can take a set there (legs at 40 with two calf-raise
                    # sets less, every quadriceps lift at its most sets): _open_muscles counts
                    # the ceiling, so no main muscle may newly be open (legs:back stays full).
                    and _floors_kept(before, _Tally.of(sessions, ctx), ctx, ceiling=False)
                    and _open_muscles(sessions, ctx) <= open_before):
                return True
            _restore(saved)
            return False  # straight sets take longer: no better
        _restore(saved)
    return False


def _gather_isolation(sessions: list[_SessionDraft], ctx: _Context) -> None:
    """Where a pattern's isolation work still sits in two sessions less than [schedule]
    min_hours_between_hard apart after the moves and joins (_space_isolation, _merge_isolation:
    those only move a whole exercise, or join sets to a session that already holds the
    pattern), a coach gathers the pattern's weekly sets into sessions that are 48 h apart: calf
    raises of 3 + 2 + 3 sets on Tuesday, Thursday and Friday become 4 + 3 on Monday and
    Friday, a 6-day week's four leg curls three on Monday, Wednesday and Friday; and the same
    for an isolation exercise the week holds in more than [progression] accessory_most_days
    sessions (a kettlebell lifter's rear-delt raise three times a week). The sets go
    to the same exercises (or ones of the pattern that load the muscles alike), each within
    [dosing] max_accessory_sets and its session's fewest main-lift sets; kept only on
    _try_merge's terms (every muscle its sets, or its band's floor where the spaced sessions
    cannot take them all and no more than [schedule] spacing_drop_sets of the pattern's sets go
    (a coach spaces calf raises at 8 sets instead of 10, not hamstrings at 12 instead of 18),
    knee flexion its [muscle_volume.knee_flexion] floor, and the room
    the dropped sets leave given to the week's other lifts, _regrow; every session its
    minutes, an isolation or core accessory moved to make room where it is over them,
    _gather_trade; no other exercise's sets changed, but for that regrowth)."""
    hours = ctx.rules.schedule.min_hours_between_hard
    spaced_sets = [kept for mask in range(1, 1 << len(sessions))
                   for kept in [[i for i in range(len(sessions)) if mask >> i & 1]]
                   if not any(_close(sessions[a], sessions[b], hours)
                              for k, a in enumerate(kept) for b in kept[k + 1:])]
    for _ in range(len(sessions)):  # each kept step spaces one pattern: a few at most
        score = _isolation_score(sessions, ctx)
        if score == (0, 0) or not _gather_once(sessions, ctx, score, spaced_sets):
            return


_Gather = tuple[int, int, int, list[tuple[int, _Draft | None, int]]]
"""(sets dropped, sets moved, sessions newly holding the pattern, [(session, its draft of the
pattern or None for a new one, sets it ends with)]): one way _gather_once could space a
pattern."""


def _gather_once(sessions: list[_SessionDraft], ctx: _Context, score: tuple[int, int],
                 spaced_sets: Sequence[Sequence[int]]) -> bool:
    """_gather_isolation's one step: for the first crowded pattern (or one whose isolation
    exercise comes in more than [progression] accessory_most_days sessions) that can be
    gathered, the way that moves and drops the fewest sets; True when one was kept."""
    hours = ctx.rules.schedule.min_hours_between_hard
    most = ctx.rules.progression.accessory_most_days
    held = Counter(x for sd in sessions for x in {d.exercise.id for d in sd.drafts if _spaced(d)})
    repeated = {d.exercise.pattern for sd in sessions for d in sd.drafts
                if _spaced(d) and held[d.exercise.id] > most}
    for pattern in sorted(_crowded(sessions, hours) | repeated, key=lambda p: p.value):
        own = [(i, d) for i, sd in enumerate(sessions) for d in sd.drafts
               if _spaced(d) and d.exercise.pattern is pattern]
        if len({d.shares for _, d in own}) > 1 or len({i for i, _ in own}) < len(own):
            continue  # unlike work (its sets are not the same muscles') or two in a session
        by_session = {i: d for i, d in own}
        total = sum(d.sets for _, d in own)
        ways: list[_Gather] = []
        for kept in spaced_sets:
            rooms = [(i, by_session.get(i),
                      _gather_room(sessions[i], by_session.get(i), pattern, ctx))
                     for i in kept]
            if any(room < 0 or (d is None and not room) for i, d, room in rooms):
                continue
            stay = sum(d.sets for i, d, _ in rooms if d is not None)
            need = total - stay
            new = sum(d is None for _, d, _ in rooms)
            plan: list[tuple[int, _Draft | None, int]] = []
            left = need
            for i, d, room in sorted(rooms, key=lambda r: (r[1] is None, -r[2])):
                give = min(room, left)
                left -= give
                if d is not None or give:
                    plan.append((i, d, (0 if d is None else d.sets) + give))
            ways.append((left, need - left, new, plan))
        for dropped, _, _, plan in sorted(ways, key=lambda w: w[:3]):
            if dropped > ctx.rules.schedule.spacing_drop_sets:
                break  # the rest drop more
            if _try_gather(sessions, ctx, pattern, own, plan, dropped, score, most):
                return True
    return False


def _gather_room(sd: _SessionDraft, d: _Draft | None, pattern: Pattern, ctx: _Context) -> int:
    """The sets session sd could add to its isolation exercise d of `pattern` (or hold in a new
    one, d None) as straight sets: _join_room's limits; -1 where d is None and the session
    holds another accessory of the pattern (pattern.once-per-session)."""
    if d is None and any(x.exercise.pattern is pattern and not x.main for x in sd.drafts):
        return -1
    most = min([ctx.rules.dosing.max_accessory_sets] + [m.sets for m in sd.drafts if m.main])
    return most - (0 if d is None else d.sets)


def _try_gather(sessions: list[_SessionDraft], ctx: _Context, pattern: Pattern,
                own: Sequence[tuple[int, _Draft]], plan: Sequence[tuple[int, _Draft | None, int]],
                dropped: int, score: tuple[int, int], most: int) -> bool:
    """Make `plan` (each session of it ends with that many sets of the pattern, the others
    none), pair the sessions again and keep it on _try_merge's terms, else the week exactly as
    it was. A new session's exercise is one of the removed ones it does not yet hold, the one
    the week repeats least."""
    budget = ctx.profile.minutes_per_session
    full = budget - ctx.rules.coach_checks.full_margin_minutes
    targets = {i for i, _, _ in plan}
    removed = [d for i, d in own if i not in targets]
    touched = dict.fromkeys([sessions[i] for i, _ in own] + [sessions[i] for i in targets])
    sets = [(x, x.sets) for s in sessions for x in s.drafts
            if not (_spaced(x) and x.exercise.pattern is pattern)]
    curls = _knee_flexion_sets(sessions)
    curls_least = min(curls, _knee_flexion_floor(ctx))
    was = {id(s): (_minutes(s, ctx), _mains_lead(s)) for s in sessions}
    saved = _save(*sessions)
    open_before = _open_muscles(sessions, ctx)
    before = _Tally.of(sessions, ctx)
    short = any(n < ctx.band_cache[m][0] - 1e-9 for m, n in before.muscles.items())
    for straight in (False, True):
        for i, d in own:
            if i not in targets:
                sessions[i].drafts.remove(d)
        made: list[tuple[_SessionDraft, _Draft, int]] = []
        for i, mine, n in plan:
            sd = sessions[i]
            if mine is None:
                held = Counter(x.exercise.id for s in sessions for x in s.drafts if _spaced(x))
                donor = min(removed, key=lambda x: (held[x.exercise.id], -x.sets))
                d = replace(donor, why=list(donor.why), partner=None)
                sd.drafts.append(d)
            else:
                d = mine
            d.sets = n
            made.append((sd, d, n))
            if straight and (d.exercise.id not in sd.solo):
                sd.solo.add(d.exercise.id)
        for s in touched:
            _pair(s, ctx)
        budget_over = [s for s in touched if _minutes(s, ctx) > budget]
        if budget_over and not _gather_trade(sessions, ctx, pattern, budget_over):
            _restore(saved)
            continue
        if (all(d.sets == n <= _cap(d, sd, ctx) for sd, d, n in made)
                and all(x.sets == n for x, n in sets)
                and _knee_flexion_sets(sessions) >= curls_least):
            if dropped and not _open_muscles(sessions, ctx) <= open_before:
                _regrow(sessions, ctx)  # the dropped sets' room goes to the other lifts
            after = _Tally.of(sessions, ctx)
            if (_better(_isolation_score(sessions, ctx), score)
                    and _repeats(sessions, most) <= score[1]
                    and _knee_flexion_sets(sessions) >= curls_least
                    and (dropped or all(abs(after.muscles[m] - n) < 1e-9
                                        for m, n in before.muscles.items()))
                    and _gather_minutes_kept(sessions, ctx, was, open_before,
                                             full if short else None)
                    and _gather_floors_kept(before, after, ctx)):
                return True
            _restore(saved)
            return False  # straight sets take longer: no better
        _restore(saved)
    return False


def _gather_trade(sessions: list[_SessionDraft], ctx: _Context, pattern: Pattern,
                  over: Sequence[_SessionDraft]) -> bool:
    """A session _try_gather took over its minutes gives an isolation or core accessory of
    another pattern (what _space_isolation moves; never a compound) to a session with the
    minutes for it and none of its pattern: the leg curls gathered on Thursday, Thursday's
    reverse fly to Monday, which gave its curl. True when every session is within its minutes
    again (else the moves stay, for _restore)."""
    budget = ctx.profile.minutes_per_session
    for sd in over:
        if _minutes(sd, ctx) <= budget:
            continue
        done = False
        for x in [x for x in sd.drafts if x.exercise.pattern is not pattern
                  and (_spaced(x) or (not x.main and x.exercise.pattern is Pattern.CORE))]:
            for taker in sorted(sessions, key=lambda s: _minutes(s, ctx)):
                if taker is sd or _twin(taker, x.exercise):
                    continue
                at = sd.drafts.index(x)
                _hand_over(x, sd, taker, len(taker.drafts), ctx)
                if _minutes(sd, ctx) <= budget and _minutes(taker, ctx) <= budget:
                    done = True
                    break
                _hand_over(x, taker, sd, at, ctx)
            if done:
                break
        if not done:
            return False
    return True


def _hand_over(x: _Draft, giver: _SessionDraft, taker: _SessionDraft, at: int,
               ctx: _Context) -> None:
    """Move x from giver to taker (at position `at`), straight sets with it where it had them,
    and pair both sessions again."""
    giver.drafts.remove(x)
    taker.drafts.insert(at, x)
    if x.exercise.id in giver.solo:
        giver.solo.discard(x.exercise.id)
        taker.solo.add(x.exercise.id)
    _pair(giver, ctx)
    _pair(taker, ctx)


def _gather_minutes_kept(sessions: Sequence[_SessionDraft], ctx: _Context,
                         was: Mapping[int, tuple[float, bool]], open_before: frozenset[str],
                         full: float | None) -> bool:
    """_minutes_kept for _try_gather: the same, except that a session may newly end early
    (under [dosing] min_time_use) where no main muscle is left with room a lift of the week
    could take (_open_muscles empty: time.use's excuse, which the stamped note names): the
    sets a spaced week gives up were the top of a band (calves 10 -> 8 of 4-10), no main muscle
    is below its floor (`full` None) and the session's main lifts have the goal's sets (and at
    least 3)."""
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    minutes = [_minutes(s, ctx) for s in sessions]
    if not all(n <= budget and (_mains_lead(s) or not was[id(s)][1])
               and (full is None or n >= full or was[id(s)][0] < full)
               for s, n in zip(sessions, minutes, strict=True)):
        return False
    open_after = _open_muscles(sessions, ctx)
    if not open_after <= open_before:
        return False
    newly_short = [s for s, n in zip(sessions, minutes, strict=True) if n < least <= was[id(s)][0]]
    # Nor where a main muscle is below its floor (the week's full sessions are its excuse), or
    # the session's main lifts are short of the goal's sets (main.sets-first: the day with
    # time gets them first).
    want = max(ctx.goal.compound_sets, 3)
    return not newly_short or (not open_after and full is None and all(
        d.sets >= want for s in newly_short for d in s.drafts if d.main))


def _gather_floors_kept(before: _Tally, after: _Tally, ctx: _Context) -> bool:
    """_floors_kept for _try_gather (ceiling off): every muscle that lost sets keeps its
    band's floor, none is above its top, each region that lost sets keeps the hypertrophy
    minimum and the legs:back balance it had; a main muscle or a region may newly have room for
    a set (_gather_minutes_kept asks _open_muscles whether a lift could take it)."""
    for m, n in after.muscles.items():
        low, high = ctx.band_cache[m]
        if n > high + 1e-9 or (n < before.muscles[m] - 1e-9 and n < low - 1e-9):
            return False
    return _regions_kept(before, after, ctx)


def _open_muscles(sessions: Sequence[_SessionDraft], ctx: _Context) -> frozenset[str]:
    """The main muscles a whole set below their tops that a lift of the week could still give a
    set to (one below its most sets, _cap, whose next set or round keeps every muscle inside
    its band): what time.use asks a session that ends early to spend its minutes on."""
    tally = _Tally.of(sessions, ctx)
    roomy = [m for m in ctx.rules.muscle_volume.main
             if room_for_a_set(tally.muscles[m], ctx.band_cache[m][1])]
    found: set[str] = set()
    if roomy:
        for sd in sessions:
            for unit in _units(sd):
                if unit[0].sets < _cap(unit[0], sd, ctx) and tally.room(unit, ctx):
                    found.update(m for m in roomy if _trains(unit, frozenset((m,)), ctx))
    return frozenset(found)


def _titles(sessions: Sequence[_SessionDraft]) -> list[str]:
    """The week's session titles: the focus, a letter and the main lifts. The letter names the
    session's content, not its template: only sessions with the same exercises share one, any
    other gets the next letter of its focus (a template repeated with a lighter hinge,
    _vary_hinges, or with other accessories is another session)."""
    label = _FOCUS_LABELS
    letters: dict[SessionFocus, dict[tuple[str, ...], str]] = {}
    out = []
    for sd in sessions:
        mains = tuple(d.exercise.name for d in sd.drafts if d.slot.main)
        seen = letters.setdefault(sd.focus, {})
        held = tuple(sorted(d.exercise.id for d in sd.drafts))
        letter = seen.setdefault(held, chr(ord("A") + len(seen)))
        out.append(f"{label[sd.focus]} {letter}: {' + '.join(mains)}")
    return out


def _session_why(sd: _SessionDraft, ctx: _Context, minutes: int,
                 tally: _Tally | None, resting: frozenset[int] = frozenset()) -> tuple[str, ...]:
    # The same session, minutes and tally every week of a block: written once (the session
    # and the tally stay in the block's week, so their ids stay theirs). `resting`: the ids
    # of the drafts a deload week leaves out (one set cannot be halved).
    key = (id(sd), minutes, None if tally is None else id(tally), resting)
    found = ctx.session_whys.get(key)
    if found is None:
        found = ctx.session_whys[key] = _write_session_why(sd, ctx, minutes, tally, resting)
    return found


def _write_session_why(sd: _SessionDraft, ctx: _Context, minutes: int,
                       tally: _Tally | None,
                       resting: frozenset[int] = frozenset()) -> tuple[str, ...]:
    hours = ctx.rules.schedule.min_hours_between_hard
    if sd.focus is SessionFocus.FULL:
        text = (f"Full body: legs and back each get {hours} h or more before their next "
                "hard session [schedule.recovery].")
    else:
        other = _BACK if sd.focus is _LEGS_DAY else _LEGS
        # What the session holds for the other region, by name: a leg curl of as many sets as
        # the main lifts is no "light" work, but it is isolation, which the 48 h rule allows.
        # Only what the lifter does this week: a deload leaves a one-set lift out.
        names = list(dict.fromkeys(d.exercise.name for d in sd.drafts
                                   if d.exercise.region is other and id(d) not in resting))
        part = "leg" if other is Region.LEGS else "back"
        today = (f"{part} work today is isolation only ({', '.join(names)}), no compound "
                 "lift for them" if names else f"no {part} work today")
        text = (f"{sd.focus.value.capitalize()} focus: with these days, legs and back take "
                f"turns so each gets {hours} h between hard sessions; {today} "
                "[schedule.recovery].")
    warm = ", ".join(a.name.split(",")[0].lower() for a in sd.warmup[:2])
    # Without a roller both cool-down drills are static stretches: name each kind once.
    cool = ", ".join(dict.fromkeys(a.name.split(":")[0].lower() for a in sd.cooldown[:2]))
    out = [text, f"Dynamic warm-up first ({warm}), {cool} last [session.warmup] "
                 "[session.cooldown]."]
    budget = ctx.profile.minutes_per_session
    if minutes < ctx.rules.dosing.min_time_use * budget and tally is not None:
        full = [m for m in ctx.rules.muscle_volume.tracked
                if not room_for_a_set(tally.muscles[m], ctx.band_cache[m][1])]
        # A main muscle with room for a whole set (room_for_a_set, time.use's own measure) is
        # not full: the session ends early because the lifts that train it cannot take another
        # set (time.use's excuse), and the reason says that rather than "more would not add
        # muscle".
        room = [m for m in ctx.rules.muscle_volume.main if m not in full]
        if room:
            out.append(f"{minutes} of {budget} min: "
                       + ", ".join(f"{m} at {tally.muscles[m]:g} of its {ctx.band_cache[m][0]}-"
                                   f"{ctx.band_cache[m][1]} band" for m in room)
                       + ", yet every lift of the week that trains "
                       + ("it" if len(room) == 1 else "them")
                       + " already has the most sets the rules allow or would take another "
                         "muscle past its band"
                       + (f"; {', '.join(full)} with no room for another set in the weekly "
                          "band"
                          if full else "")
                       + " [time.budget].")
        else:
            out.append(f"{minutes} of {budget} min: more would not add muscle at your level"
                       + (f" ({', '.join(full)} with no room for another set in the weekly "
                          "band)"
                          if full else "")
                       + " [time.budget].")
    return tuple(out)


def _round_half(x: float) -> float:
    return round(x * 2) / 2


@dataclass(frozen=True)
class _WeekSpec:
    """What a week does to the block's template: deload, wave step, RPE."""

    index: int
    block_index: int
    position: int
    """1-based position of the week in its block."""
    training_weeks: int
    """Weeks of the block before its deload (or all of them)."""
    deload: bool
    reps: dict[int, int] = field(default_factory=dict, compare=False)
    """This week's reps by draft (id) for main lifts whose reps wave (_week_sets)."""


def _can_deload(week: _WeekPlan, block_index: int, ctx: _Context) -> bool:
    """Whether the block's week can be deloaded to at most [volume] deload_max_share of its hard
    sets (sessions of one set a lift cannot: every session keeps its compound lifts)."""
    spec = _WeekSpec(0, block_index, 0, 0, True)
    normal = sum(d.sets for sd in week.sessions for d in sd.drafts)
    if sum(_week_sets(week, spec, ctx).values()) <= ctx.rules.volume.deload_max_share * normal:
        return True
    ctx.no_deload.add(block_index)
    return False


def _deload_sets(sets: int, ctx: _Context, harder: bool = False) -> int:
    """Sets in a deload week: half, rounded to the nearer (down when `harder`)."""
    return max(1, math.floor(sets * ctx.rules.volume.deload_set_factor
                             + (0 if harder else 0.5)))


def _load_cut(ctx: _Context) -> str:
    """What a deload does to the load ([volume] deload_load_cut), as the notes say it."""
    return f"take about {round(100 * ctx.rules.volume.deload_load_cut)}% off the load"


def _easy_effort(rpe: float) -> str:
    """A deload's effort target as the reasons and the week's note say it."""
    return f"RPE {rpe:g} (about {round(10 - rpe)} reps in reserve)"


def _deload_harder(week: _WeekPlan, ctx: _Context) -> bool:
    """Whether halving with rounding up would leave the week above the deload's share
    (superset rounds are cut like every other set: `superset.rounds` allows it in a deload)."""
    normal = deload = 0
    for sd in week.sessions:
        for d in sd.drafts:
            normal += d.sets
            deload += _deload_sets(d.sets, ctx)
    return deload > ctx.rules.volume.deload_max_share * normal


def _wave_cut(spec: _WeekSpec, ctx: _Context) -> int:
    """Sets the main lifts give up this week (intermediate: a wave that builds to the block's
    full sets in its second half)."""
    if (ctx.profile.level is not Level.INTERMEDIATE or spec.deload
            or spec.training_weeks < ctx.rules.progression.wave_min_weeks):
        return 0
    return ctx.rules.progression.wave_sets if spec.position <= spec.training_weeks // 2 else 0


def _rep_wave(d: _Draft, spec: _WeekSpec, ctx: _Context) -> bool:
    """Whether a main lift of this intermediate week can wave its reps (a range of reps, a
    block of two or more training weeks, no deload)."""
    return (d.main and ctx.profile.level is _INTERMEDIATE and not spec.deload
            and spec.training_weeks >= ctx.rules.progression.wave_min_weeks
            and d.exercise.measure is _REPS
            and d.high > _wave_bottom(d, ctx))


def _wave_bottom(d: _Draft, ctx: _Context) -> int:
    """The reps a rep wave starts from: the range's bottom, but a hinge that is not heavy
    stays above [coach_checks] heavy_hinge_reps (hinge.heavy-days: a lighter hinge day's
    6-8 never becomes a heavy 6)."""
    heavy = ctx.rules.coach_checks.heavy_hinge_reps
    if d.compound and d.exercise.pattern is _HINGE and d.high > heavy:
        return max(d.low, heavy + 1)
    return d.low


_RANGE_WORDS = re.compile(r",? \d+-\d+ reps")
"""A lighter hinge day's range in its reason (', 6-8 reps'), left out in a rep wave's week."""


def _wave_target(d: _Draft, spec: _WeekSpec, ctx: _Context) -> int:
    """The week's reps in a rep wave: the bottom (_wave_bottom) in the block's first week, the
    range's top in the last training week, evenly between; never past the top (a block whose
    weeks run on past its counted training weeks holds the top: reps.goal-range)."""
    low = _wave_bottom(d, ctx)
    step = (d.high - low) * (spec.position - 1) / (spec.training_weeks - 1)
    return min(d.high, low + math.floor(step + 0.5))


def _rpe(spec: _WeekSpec, ctx: _Context, least: float = 0.0) -> float | None:
    """The main lifts' RPE target this week; a block's ramp starts at `least` where that is
    above advanced_rpe's first (_paired_rpe)."""
    if spec.deload:
        # A deload week's main lifts aim for an easy effort ([progression] deload_rpe) rather
        # than carrying no target: the lifter knows how much to leave in reserve.
        return ctx.rules.progression.deload_rpe
    if ctx.profile.level is not _ADVANCED:
        return None
    lo, hi = ctx.rules.progression.advanced_rpe
    lo = min(hi, max(lo, least))
    if spec.training_weeks <= 1:
        return hi
    return _round_half(lo + (hi - lo) * (spec.position - 1) / (spec.training_weeks - 1))


def _week_sets(week: _WeekPlan, spec: _WeekSpec, ctx: _Context) -> dict[int, int]:
    """Every draft's sets this week (by id)."""
    sets: dict[int, int] = {}
    if (ctx.profile.level is Level.INTERMEDIATE and not spec.deload
            and spec.training_weeks < ctx.rules.progression.wave_min_weeks):
        ctx.short_blocks[spec.block_index] = spec.training_weeks
    cut = _wave_cut(spec, ctx)
    reps_wave = 1 if ctx.rules.progression.rep_waves else 0
    harder = spec.deload and _deload_harder(week, ctx)
    floor = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    # The block's sessions are final when its weeks are stamped: their minutes, once a block.
    if not week.minutes:
        week.minutes.extend(_minutes(sd, ctx) for sd in week.sessions)
        week.seconds.extend(_seconds(sd, ctx) for sd in week.sessions)
        week.units.extend(_units(sd) for sd in week.sessions)
    short = any(week.tally.muscles[m] < ctx.band_cache[m][0] - 1e-9
                for m in ctx.rules.muscle_volume.tracked)
    # A rep wave's lighter week keeps each session at least this long: the time floor, and
    # with a muscle short of its band within full_margin_minutes of the budget (fewer reps
    # free minutes that muscle could use: volume.muscle-bands).
    wave_floor = (max(floor, ctx.profile.minutes_per_session
                      - ctx.rules.coach_checks.full_margin_minutes) if short else floor)
    if any(m < floor for m in week.minutes) or short:
        # Sessions that end early do so because every main muscle tops its band, and a muscle
        # short of its band is short because the others top theirs: a set fewer would leave
        # a muscle room and the week short of its time or band (time.use, muscle-bands).
        # The reps still wave: a wave's lighter week keeps every set, so the muscles' bands,
        # and a session it leaves under the floor is judged by its time below (_rep_wave_fits).
        cut = 0
    have = dict(week.tally.muscles)  # the week's muscle sets after this week's wave cuts
    regions = dict.fromkeys(TRAINED_REGIONS, 0)  # the week's sets so far, for legs:back
    for sd in week.sessions:
        for d in sd.drafts:
            if d.region in regions:
                regions[d.region] += d.sets
    for sd, seconds in zip(week.sessions, week.seconds, strict=True):
        bookends = _bookends(sd)
        for d in sd.drafts:
            n = d.sets
            if spec.deload:
                n = _deload_sets(n, ctx, harder)
            elif (cut and d.main and n - cut >= _wave_floor(ctx)
                  and n - cut >= max((x.sets for x in sd.drafts if not x.main), default=0)
                  # A lift whose reps wave from the block's first week keeps its sets: a set
                  # cut in its second week (time the first week's rep waves had not left) took
                  # a deadlift from 4 x 8 to 3 x 9 (wave.intermediate, plan_space --seed 2).
                  and not ctx.rep_wave_ok.get((spec.block_index, id(d)))):
                # A set fewer saves the set and the rest before it.
                lost = _unit_seconds((d,), ctx, n) - _unit_seconds((d,), ctx, n - cut)
                under = any(have[m] - s * cut < ctx.band_cache[m][0] <= have[m]
                            for m, s in ctx.share(d.exercise).items())
                left = math.ceil((seconds - lost) / _SECONDS_PER_MINUTE + bookends - 1e-9)
                if left >= floor and not under and _still_balanced(regions, d.region, cut, ctx):
                    n -= cut
                    seconds -= lost
                    if d.region in regions:
                        regions[d.region] -= cut
                    for m, share in ctx.share_items(d.exercise):
                        have[m] -= share * cut
                    ctx.waved.add((spec.block_index, d.exercise.id))
                    ctx.cut_drafts.add((spec.block_index, id(d)))
            if (reps_wave and n == d.sets and _rep_wave(d, spec, ctx)
                    and (spec.block_index, id(d)) not in ctx.cut_drafts):
                # No set to wave: the reps do, bottom of the range to its top across the
                # block.
                lost = n * (d.set_s - _reps_seconds(d, _wave_bottom(d, ctx), ctx))
                left = math.ceil((seconds - lost) / _SECONDS_PER_MINUTE + bookends - 1e-9)
                # Decided in the block's first week, where the wave saves the most time: a
                # session that keeps its minutes then keeps them every week of the block. A
                # session it leaves under the floor may end early only where no main muscle
                # has room for a set (time.use), and no set wave this week gives one room.
                ok = ctx.rep_wave_ok.setdefault(
                    (spec.block_index, id(d)),
                    left >= wave_floor or (not cut and not short and _spent_muscles(week, ctx)))
                if ok:
                    target = _wave_target(d, spec, ctx)
                    spec.reps[id(d)] = target
                    seconds -= n * (d.set_s - _reps_seconds(d, target, ctx))
                    ctx.rep_waved.add((spec.block_index, d.exercise.id))
                else:
                    _flat(d, spec, ctx, f"a lighter week's fewer reps would leave its session "
                          f"under {math.ceil(wave_floor - 1e-9)} of its "
                          f"{ctx.profile.minutes_per_session} minutes while a muscle could "
                          "take more sets")
            elif spec.position == 1 and d.main and _long_block(spec, ctx) and n == d.sets:
                _flat(d, spec, ctx, _no_wave_why(d, spec, ctx))
            sets[id(d)] = n
        if spec.deload:
            # Main lifts keep at least as many sets as any accessory in a deload too.
            mains = [sets[id(d)] for d in sd.drafts if d.main]
            if mains:
                for d in sd.drafts:
                    if not d.main:
                        sets[id(d)] = min(sets[id(d)], min(mains))
    if spec.deload:
        _deload_drop(week, sets, ctx)
    return sets


def _weeks(n: int) -> str:
    return f"{n} week" + ("" if n == 1 else "s")


def _long_block(spec: _WeekSpec, ctx: _Context) -> bool:
    """Whether the week is a normal week of an intermediate block long enough to wave."""
    return (ctx.profile.level is Level.INTERMEDIATE and not spec.deload
            and spec.training_weeks >= ctx.rules.progression.wave_min_weeks)


def _no_wave_why(d: _Draft, spec: _WeekSpec, ctx: _Context) -> str:
    """Why a main lift of a block long enough to wave keeps its sets and reps."""
    if (spec.block_index, id(d)) in ctx.cut_drafts:
        return ""
    if d.exercise.measure is not Measure.REPS:
        return "a timed hold has no reps to step up"
    if not ctx.rules.progression.rep_waves:
        return "rep waves are off"
    return (f"its {d.low}-{d.high} reps leave no step"
            if d.high <= _wave_bottom(d, ctx) else "")


def _flat(d: _Draft, spec: _WeekSpec, ctx: _Context, why: str) -> None:
    """Record a main lift that keeps its sets and reps across a block long enough to wave."""
    if why:
        ctx.flat.setdefault((spec.block_index, d.exercise.id), why)


def _spent_muscles(week: _WeekPlan, ctx: _Context) -> bool:
    """Whether no main muscle of the block's week has room for a set that a lift of the week
    could give it (_open_muscles empty): a session may then end early (time.use, its reason
    naming the minutes), so a rep wave's lighter week may shorten it. Once a block: the
    week's sets are final when its weeks are stamped."""
    if week.spent is None:
        week.spent = not _open_muscles(week.sessions, ctx)
    return week.spent


def _still_balanced(regions: dict[Region, int], region: Region, cut: int,
                    ctx: _Context) -> bool:
    """Whether `cut` sets fewer for `region` keep legs:back inside [volume] balance (a wave's
    lighter week keeps the rule too)."""
    if region not in regions:
        return True
    after = {**regions, region: regions[region] - cut}
    legs, back = after[Region.LEGS], after[Region.BACK]
    low, high = ctx.rules.volume.balance
    return bool(back) and low <= legs / back <= high


def _deload_drop(week: _WeekPlan, sets: dict[int, int], ctx: _Context) -> None:
    """Where halving cannot cut enough (one-set exercises stay one set), leave accessories out
    of the deload week (sets 0), isolation moves and the least kept first, until the week holds
    at most the deload's share of a normal week; each session keeps two compound lifts."""
    normal = sum(d.sets for sd in week.sessions for d in sd.drafts)
    most = ctx.rules.volume.deload_max_share * normal
    spare = sorted(((sd, d) for sd in week.sessions for d in sd.drafts
                    if not d.main and d.partner is None),
                   key=lambda p: (p[1].compound, p[1].slot.keep, -sets[id(p[1])]))
    for sd, d in spare:
        if sum(sets.values()) <= most:
            break
        compounds = sum(x.compound and sets[id(x)] > 0 for x in sd.drafts)
        if d.compound and compounds <= 2:
            continue
        was, sets[id(d)] = sets[id(d)], 0
        if not _balanced(week, sets, ctx):  # legs:back stays inside the rule in a deload too
            sets[id(d)] = was
    for _ in range(50):  # halving can tip the balance: the heavier region's accessories give
        heavy = _heavier(week, sets, ctx)
        if heavy is None:
            return
        options = [d for sd in week.sessions for d in sd.drafts
                   if d.region is heavy and not d.main and d.partner is None and sets[id(d)]]
        if not options:
            return
        d = max(options, key=lambda x: (sets[id(x)], -x.slot.keep))
        sets[id(d)] -= 1


def _heavier(week: _WeekPlan, sets: dict[int, int], ctx: _Context) -> Region | None:
    """The region that tips legs:back outside the rule's bounds, or None when inside."""
    regions = dict.fromkeys(TRAINED_REGIONS, 0)
    for sd in week.sessions:
        for d in sd.drafts:
            if d.region in regions:
                regions[d.region] += sets[id(d)]
    low, high = ctx.rules.volume.balance
    legs, back = regions[Region.LEGS], regions[Region.BACK]
    if not back or legs / back > high:
        return Region.LEGS
    return Region.BACK if legs / back < low else None


def _balanced(week: _WeekPlan, sets: dict[int, int], ctx: _Context) -> bool:
    return _heavier(week, sets, ctx) is None


def _progress_why(d: _Draft, n: int, spec: _WeekSpec, ctx: _Context, rpe: float | None,
                  light: bool) -> list[str]:
    level = ctx.profile.level
    if not d.main or spec.deload:
        return []
    if level is _BEGINNER:
        return [f"Same sets and reps every week: {_progress_step(d, ctx)} (linear "
                "progression)."]
    if level is _INTERMEDIATE:
        reps = spec.reps.get(id(d))
        if reps is not None:
            low = _wave_bottom(d, ctx)
            then = ("with more load" if _is_loaded(d.exercise) else
                    f"made harder ({_progress_step(d, ctx)})")
            return [f"Block {spec.block_index}, week {spec.position}: {reps} reps a set, "
                    f"stepping from {low} in the block's first week up to {d.high} in week "
                    f"{spec.training_weeks} at the same load (a rep wave); the next block "
                    f"starts again at {low} {then}."]
        if n < d.sets:
            return [f"Block {spec.block_index}, week {spec.position}: {n} sets, building to "
                    f"{d.sets} in the second half of the block (a wave)."]
        least_weeks = ctx.rules.progression.wave_min_weeks
        if spec.training_weeks < least_weeks:
            return [f"Same sets and reps this block: {_weeks(spec.training_weeks)} before the "
                    f"next block are too few for a wave (it needs {least_weeks}); "
                    f"{_progress_step(d, ctx)}."]
        flat = ctx.flat.get((spec.block_index, d.exercise.id))
        if flat is not None and (spec.block_index, id(d)) not in ctx.cut_drafts:
            return [f"Same sets and reps this block ({flat}): {_progress_step(d, ctx)}."]
        if (spec.block_index, id(d)) not in ctx.cut_drafts:
            least = _least_to_wave(ctx)
            if d.sets < least:
                return [f"Same sets this block (only a main lift of {least} or more sets "
                        f"waves): {_progress_step(d, ctx)}."]
            return ["Same sets this block (the week already holds what your muscles' bands "
                    f"call for): {_progress_step(d, ctx)}."]
        return [f"Block {spec.block_index}, week {spec.position}: the block's full {d.sets} "
                "sets (a wave that builds across the block)."]
    if rpe is None:
        # Past the RPE table's reps (an endurance set of 15-20): no target it cannot hold.
        lo, hi = ctx.rules.progression.high_rep_reserve
        return [f"No RPE target: sets of more than {ctx.rules.progression.rpe_max_reps} reps "
                f"are past the RPE table's range; stop each set with {lo}-{hi} reps in "
                f"reserve before your form would break; {_progress_step(d, ctx)}."]
    if light:
        heavy = _paired_rpe(spec, ctx) or rpe
        return [f"Lighter day for this lift: RPE {rpe:g} ({_in_reserve(rpe)} reps in "
                f"reserve), {heavy - rpe:g} RPE below its heavy day's RPE {heavy:g} this week: "
                "the same sets and reps or fewer at a lighter load, still a hard set."]
    return [f"Week {spec.position} of block {spec.block_index}: RPE {rpe:g} "
            f"({_in_reserve(rpe)} reps in reserve), rising across the block (periodised)."]


def _progress_step(d: _Draft, ctx: _Context) -> str:
    """How the lift gets harder once every set reaches the top of its range: more load, or,
    with nothing that carries load (a bodyweight lift), a slower lowering and then a loaded
    backpack where the lifter has one, else a harder variation the catalogue holds (its
    level above this one's), else a pause in each rep: never load the lift cannot take."""
    ex = d.exercise
    if _is_loaded(ex):
        return "add load once every set reaches the top of the range"
    found = ctx.progress_steps.get(ex.id)
    if found is None:
        p, pr = ctx.profile, ctx.rules.progression
        options = sorted((x for x in ctx.catalog if x.source == "redwood"
                          and x.pattern is ex.pattern and x.measure is _REPS and x.id != ex.id
                          and x.available_with(p.equipment) and _open_to(x, ctx, any_level=True)),
                         key=lambda x: (x.level.rank, x.rank, x.id))
        pack = next((x for x in options if Equipment.BACKPACK in x.equipment), None)
        harder = next((x for x in options if not _is_loaded(x)
                       and x.level.rank > ex.level.rank), None)
        then = (f"put on a loaded backpack ({pack.name})" if pack is not None
                else f"move on to a harder variation ({harder.name})" if harder is not None
                else f"pause for {pr.pause_s} s at the hardest point of each rep")
        found = ctx.progress_steps[ex.id] = (
            f"no load to add to {ex.name}: once every set reaches the top of the range, lower "
            f"over {pr.slow_lowering_s} s, then {then}")
    return found


def _in_reserve(rpe: float) -> str:
    """The reps in reserve an RPE stands for (helms2016: RPE 8 = 2 left, 6.5 = 3-4)."""
    left = 10 - rpe
    if left == int(left):
        return f"about {int(left)}"
    return f"{math.floor(left)}-{math.ceil(left)}"


def _prescription(d: _Draft, sets: int, rest_s: int, ctx: _Context, spec: _WeekSpec,
                  rpe: float | None, light: bool, superset: str | None) -> Prescription:
    key: tuple[object, ...]
    progress: list[str] = []
    if not d.main:
        # An accessory's prescription varies with the week only through its block and the
        # deload (no RPE, no wave): the weeks of a block share one.
        key = (id(d), sets, rest_s, superset, spec.block_index, spec.deload, d.sets)
    else:
        # A main lift's varies too with its effort, its wave's reps and its progression's
        # words (the week's place in the block, where they name it): a week of the block that
        # says what an earlier one said shares its prescription.
        progress = _progress_why(d, sets, spec, ctx, rpe, light)
        key = (id(d), sets, rest_s, superset, spec.block_index, spec.deload, d.sets,
               spec.reps.get(id(d), 0), rpe, light, tuple(progress), ctx.week_pullover[0])
    found = ctx.prescriptions.get(key)
    if found is not None:
        return found
    ex = d.exercise
    timed = ex.measure is _SECONDS
    unit = "s" if timed else " reps"
    # A rep wave's week prescribes one number of reps inside the lift's range.
    low = high = spec.reps.get(id(d), 0)
    wave = (_wave_bottom(d, ctx), d.high) if low else None
    if not low:
        low, high = d.low, d.high
    dose = f"{sets} x {low}{unit}" if low == high else f"{sets} x {low}-{high}{unit}"
    why: list[str] = []
    if d.main:
        why.append(f"Main {pattern_label(ex.pattern)} lift, straight sets, kept all plan so "
                   "progress can be tracked [rotation.core-lifts-stay].")
        # A lighter hinge day's reason names its range: in a rep wave's week the week's reps
        # step through it, and the wave's own reason says how (_progress_why).
        said = (_RANGE_WORDS.sub("", d.range_why) if d.lighter_day and spec.reps.get(id(d))
                else d.range_why)
        why.append(f"{dose}: {said} [reps.goal-range].")
    else:
        kind = "Compound" if d.compound else "Isolation"
        # A scapular pull-up fills a vertical-pull slot but trains the shoulder blades, not
        # the lats' pull: its reason says so.
        label = ("shoulder-blade (scapular)" if "shoulder-blade" in ex.tags
                 else pattern_label(ex.pattern))
        why.append(f"{kind} {label} work after the main lifts "
                   f"[session.compound-first]; {dose}: {d.range_why} [reps.bounds].")
        if d.rotates:
            why.append(f"Accessory: rotates with each new block (block {spec.block_index}) "
                       "[rotation.by-week-7].")
    if superset is not None:
        why.append(superset)
    elif ex.is_compound:
        why.append(f"Rest {rest_s} s: {d.rest_why} [rest.compound-min].")
    else:
        why.append(f"Rest {rest_s} s: {d.rest_why}.")
    # A lift cut to one set for time keeps that reason only while it has one set: the fill
    # may give it its sets back later.
    why.extend(_pullover_claim(w, ctx.week_pullover[0]) for w in d.why
               if w != _ONE_SET or sets == d.sets == 1)
    why.extend(progress)  # (none for an accessory: _progress_why)
    if spec.deload:
        # A plank or a bodyweight squat has no load to take off (issue 10 items 4 and 9): its
        # deload is the sets alone, each set further from failure.
        if _is_loaded(ex):
            cut = _load_cut(ctx) + (f", and aim for {_easy_effort(rpe)}" if rpe is not None
                                    else "")
        else:
            cut = (f"no load to take off: aim for {_easy_effort(rpe)}" if rpe is not None
                   else "no load to take off: stop each set further from failure")
        same = "same hold" if timed else "same reps"
        why.append(f"Deload week: {_sets(sets)} instead of {d.sets}, {same}; {cut}."
                   if sets < d.sets else
                   f"Deload week: still {_sets(sets)} (one set cannot be halved), {same}; "
                   f"{cut}.")
    if ex.unilateral:
        why.append("Done one side at a time: the reps are per side.")
    limit = ctx.limited_range(ex)
    if limit is not None:
        cue = limit[1].range_cue_for({e.value for e in ex.equipment},
                                     {e.value for e in ctx.profile.equipment})
        why.append(f"For --protect {limit[0]}: {cue} [protect.respected].")
    item = Prescription(
        exercise_id=ex.id,
        name=ex.name,
        mechanic=ex.mechanic,
        region=ex.region,
        pattern=ex.pattern,
        primary_muscles=ex.primary_muscles,
        equipment=ex.equipment,
        sets=sets,
        low=low,
        high=high,
        timed=timed,
        per_side=ex.unilateral,
        rest_s=rest_s,
        why=tuple(why),
        cues=ex.cues,
        secondary_muscles=ex.secondary_muscles,
        role=_MAIN_ROLE if d.main else _ACCESSORY_ROLE,
        rpe=rpe,
        lowering_s=ctx.rules.limits.lowering_s.get(ex.id),
        wave=wave,
    )
    ctx.prescriptions[key] = item
    return item


def _lighter_days(sets: Sequence[int]) -> set[int]:
    """Which of a lift's days of the week (its sets on each, in order) are its lighter days:
    the day with the most sets is heavy (the first of them in a tie), and one in two of the
    days it comes (rounded down: twice, heavy and light; three times, one lighter day) is
    lighter, those with the fewest sets, in a tie the alternate ones (heavy, light, heavy). A
    lighter day never carries more sets than a heavy one (main.light-day)."""
    heavy = max(range(len(sets)), key=lambda k: (sets[k], -k))
    later = sorted((k for k in range(len(sets)) if k != heavy),
                   key=lambda k: (sets[k], k % 2 == 0, k))
    return set(later[:len(sets) // 2])


def _week_lighter(sessions: Sequence[_SessionDraft], sets: dict[int, int]) -> set[int]:
    """The ids of the week's main-lift drafts on their lift's lighter day (_lighter_days)."""
    days: dict[str, list[_Draft]] = {}
    for sd in sessions:
        for d in sd.drafts:
            if d.main:
                days.setdefault(d.exercise.id, []).append(d)
    lighter: set[int] = set()
    for lift in days.values():  # stamped every week: the common cases without a sort
        if len(lift) == 1:
            continue  # a lift of one day has no lighter day
        if len(lift) == 2:  # _lighter_days of two: the other day is the lighter one
            a, b = lift
            lighter.add(id(b) if sets[id(a)] >= sets[id(b)] else id(a))
            continue
        lighter.update(id(lift[k]) for k in _lighter_days([sets[id(d)] for d in lift]))
    return lighter


def _paired_rpe(spec: _WeekSpec, ctx: _Context) -> float | None:
    """The heavy day's RPE target of a lift that has a lighter day this week: the block's ramp
    starts at hard_set_min_rpe + light_day_rpe_drop (RPE 8) rather than advanced_rpe's first
    RPE, so the lighter day sits the whole drop below it and still at or above the hard-set
    floor (a heavy RPE 7 beside a light 6.5 is no lighter day)."""
    p = ctx.rules.progression
    return _rpe(spec, ctx, p.hard_set_min_rpe + p.light_day_rpe_drop)


def _main_rpe(d: _Draft, base_rpe: float | None, light: bool,
              ctx: _Context) -> tuple[float | None, bool]:
    """A main lift's RPE target this session and whether it is the lift's lighter day
    (_lighter_days). A lighter day is [progression] light_day_rpe_drop below the heavy one
    (`base_rpe`: _paired_rpe for such a lift), never below hard_set_min_rpe (its sets count as
    hard sets). No target for sets of more than rpe_max_reps (the RPE table holds for 1-12
    reps)."""
    p = ctx.rules.progression
    if base_rpe is None or not d.main or d.high > p.rpe_max_reps:
        return None, False
    if not light:
        return base_rpe, False
    return max(p.hard_set_min_rpe, _round_half(base_rpe - p.light_day_rpe_drop)), True


def _blocks(sd: _SessionDraft, units: list[tuple[_Draft, ...]], sets: dict[int, int],
            ctx: _Context, spec: _WeekSpec, lighter: set[int],
            paired: set[str]) -> list[Block]:
    """The session's blocks this week; `units`: its blocks-to-be (_units); `lighter`: the ids of
    the week's main lifts on their lighter day (_week_lighter); `paired`: the exercise ids of
    the lifts that have one (their days ramp from _paired_rpe)."""
    s = ctx.rules.supersets
    base_rpe = _rpe(spec, ctx)
    paired_rpe = _paired_rpe(spec, ctx)
    blocks: list[Block] = []
    if spec.deload:
        # A deload halves every exercise's sets, superset rounds too; its supersets become
        # straight sets where the session still fits its minutes (superset.required: a
        # superset is only needed where straight sets would run over).
        pairs = [u for u in units if len(u) > 1]
        keep: list[tuple[_Draft, ...]] = []
        split = [v for u in units for v in ([u] if len(u) == 1 or u in keep
                                            else [(d,) for d in u])]
        seconds = sum(_unit_seconds(u, ctx, sets[id(u[0])]) for u in split)
        if seconds / 60 + _bookends(sd) <= ctx.profile.minutes_per_session:
            pairs, units = keep, split
        for u in pairs:  # one set a round: the pair's rounds are its smaller dose
            rounds = min(sets[id(d)] for d in u)
            for d in u:
                sets[id(d)] = rounds
    for unit in units:
        if len(unit) == 1:
            (d,) = unit
            if sets[id(d)] == 0:  # left out of a deload week
                continue
            # A deload's easy target is the same every day: no lighter day below it.
            rpe, light = _main_rpe(d, paired_rpe if d.exercise.id in paired else base_rpe,
                                   id(d) in lighter and not spec.deload, ctx)
            item = _prescription(d, sets[id(d)], d.rest_s, ctx, spec, rpe, light, None)
            # A week that repeats an earlier one's prescription (_prescription) repeats its
            # block, made once (ctx.prescriptions holds every item, so its id names no other
            # object while the plan is made).
            block = ctx.singles.get(id(item))
            if block is None:
                block = ctx.singles[id(item)] = Block(_SINGLE, (item,))
            blocks.append(block)
            continue
        rounds = sets[id(unit[0])]
        a, b = unit
        # A superset of accessories is the same block every week of its block with the same
        # rounds (a main lift's text changes with the week): made once.
        key = (id(a), id(b), rounds, spec.block_index, spec.deload)
        found = None if a.main or b.main else ctx.supersets.get(key)
        if found is not None:
            blocks.append(found)
            continue
        lower, upper = (a, b) if a.region is Region.LEGS else (b, a)
        rest_note = (f"{s.rest_between_s} s to the partner exercise, "
                     f"{ctx.goal.superset_round_rest_s} s between rounds [superset.rest].")
        items = tuple(
            _prescription(d, rounds, s.rest_between_s if i == 0 else
                          ctx.goal.superset_round_rest_s, ctx, spec, None, False,
                          f"In a superset with {other.exercise.name}: " + rest_note
                          + _paired_rest_note(d, other, ctx))
            for i, (d, other) in enumerate(((a, b), (b, a))))
        why = (f"Superset: {lower.exercise.name} (lower body) with {upper.exercise.name} "
               f"(upper body) so one region rests while the other works "
               f"[superset.pairing]; {s.rest_between_s} s between them "
               f"[superset.rest], {rounds} rounds [superset.rounds].")
        found = Block(BlockKind.SUPERSET, items, rounds=rounds, rest_between_s=s.rest_between_s,
                      why=why)
        if not (a.main or b.main):
            ctx.supersets[key] = found
        blocks.append(found)
    return blocks


def _paired_rest_note(d: _Draft, other: _Draft, ctx: _Context) -> str:
    """What a multi-joint lift in a superset rests in truth: its muscles wait both rests and
    the partner's set between two of its own sets (a split squat beside a pull-up comes round
    about 2 min later, not after the 30 s or 60 s on the clock)."""
    if not d.compound:
        return ""
    between = (ctx.rules.supersets.rest_between_s + ctx.goal.superset_round_rest_s
               + other.set_s)
    return (f" Its own sets come about {5 * round(between / 5)} s apart (both rests and "
            f"{other.exercise.name}'s set between), so its muscles rest longer than the clock "
            "shows.")


def _stamp_week(week: _WeekPlan, spec: _WeekSpec, dates: Sequence[dt.date],
                ctx: _Context, previous_sets: int | None) -> Week:
    from redwood.planner.timing import block_seconds, session_minutes

    kept = ctx.block_seconds
    timing = ctx.rules.timing

    def seconds_of(block: Block) -> float:
        # The weeks of a block stamp the same block objects (_blocks): each timed once. The
        # entry holds the block, so its id names no other while the plan is made.
        found = kept.get(id(block))
        if found is None or found[0] is not block:
            found = kept[id(block)] = (block, block_seconds(block, timing))
        return found[1]

    for sd in week.sessions:  # a later block's rotated accessories too (_make_rotate)
        _no_longer_rest_than_mains(sd, ctx)
    sets = _week_sets(week, spec, ctx)
    ctx.week_pullover[0] = any(sets.get(id(d), 0) > 0 and d.exercise.pattern is _PULLOVER
                               for sd in week.sessions for d in sd.drafts)
    lighter = _week_lighter(week.sessions, sets)
    paired = {d.exercise.id for sd in week.sessions for d in sd.drafts if id(d) in lighter}
    sessions = []
    if not week.titles:  # the block's sessions are final: their titles, once a block
        week.titles.extend(_titles(week.sessions))
    titles = week.titles
    for sd, units, date_, title in zip(week.sessions, week.units, dates, titles, strict=True):
        blocks = _blocks(sd, units, sets, ctx, spec, lighter, paired)
        minutes = session_minutes(blocks, sd.warmup, sd.cooldown, timing, seconds_of)
        sessions.append(TrainingSession(
            date=date_, title=title, focus=sd.focus,
            estimated_minutes=minutes, warmup=sd.warmup, cooldown=sd.cooldown,
            blocks=tuple(blocks),
            why=_session_why(sd, ctx, minutes, None if spec.deload else week.tally,
                             frozenset(id(d) for d in sd.drafts if not sets.get(id(d), 1)))))
    note = ""
    if spec.deload:
        total = sum(i.sets for s in sessions for i in s.items)
        pct = round(100 * ctx.rules.volume.deload_set_factor)
        left = sorted({d.exercise.name for sd in week.sessions for d in sd.drafts
                       if sets[id(d)] == 0})
        rpe = ctx.rules.progression.deload_rpe
        easy = (f"; main lifts aim for {_easy_effort(rpe)}, sets that feel easy"
                if rpe is not None and any(i.rpe is not None for s in sessions for i in s.items)
                else "")
        # What the week does with the supersets it had (_blocks): fewer rounds, or straight
        # sets where those fit its minutes; nothing said of supersets a plan never had.
        paired_now = any(b.kind is BlockKind.SUPERSET for s in sessions for b in s.blocks)
        had = paired_now or any(len(u) > 1 for units in week.units for u in units)
        pairs = (" (supersets fewer rounds)" if paired_now else
                 " (the supersets done as straight sets)" if had else "")
        note = (f"Deload: every exercise does about {pct}% of its sets{pairs} "
                f"with the same reps, and you may {_load_cut(ctx)}s{easy}"
                + (f"; {', '.join(left)} rest this week (one set cannot be halved)"
                   if left else "")
                + f": {previous_sets} hard sets last week, {total} this week.")
    return Week(index=spec.index, deload=spec.deload, sessions=tuple(sessions),
                block_index=spec.block_index, note=note)


_Shares = tuple[dict[str, dict[str, float]], dict[str, tuple[tuple[str, float], ...]]]
_last_shares: list[tuple[object, object, dict[Goal, _Shares]]] = []


def _shares_of(rules: Rules, catalog: Catalog, goal: Goal) -> _Shares:
    """The muscle shares of the catalogue's exercises for the goal (filled as they are asked
    for; the goal's [muscle_volume.assists] count differently), kept for the next plan made
    from the same rules and catalogue: they depend on nothing else, and a process that serves
    many lifters plans again and again (one entry, so nothing piles up)."""
    if not (_last_shares and _last_shares[0][0] is rules and _last_shares[0][1] is catalog):
        _last_shares[:] = [(rules, catalog, {})]
    by_goal = _last_shares[0][2]
    found = by_goal.get(goal)
    if found is None:
        found = by_goal[goal] = ({}, {})
    return found


def _own_variants(focuses: Sequence[SessionFocus], templates: Templates) -> tuple[int, ...]:
    """Each session's variant: a focus takes its templates' variants in turn (three full-body
    days: A, B, C, so Friday is not Monday again; a focus with two: A, B, A)."""
    seen: dict[SessionFocus, int] = {}
    out = []
    for f in focuses:
        out.append(seen.get(f, 0) % len(templates[f]))
        seen[f] = seen.get(f, 0) + 1
    return tuple(out)


def generate_plan(
    profile: Profile,
    rules: Rules,
    catalog: Catalog,
    candidates: Sequence[Weekday] | None = None,
    templates: Templates | None = None,
) -> Plan:
    """The plan for `profile`. `candidates` are the weekdays the lifter can train on."""
    templates = templates or load_templates()
    shape = plan_week(profile.start_date, candidates or profile.weekdays,
                      profile.days_per_week, rules.schedule.min_days_between_hard)
    profile = replace(profile, weekdays=shape.weekdays)
    shape = replace(shape, variants=_own_variants(shape.focuses, templates))
    shares, share_tuples = _shares_of(rules, catalog, profile.goal)
    ctx = _Context(profile, rules, catalog, rules.goal(profile.goal),
                   profile.days_per_week * profile.minutes_per_session, shares=shares,
                   share_tuples=share_tuples)
    for muscle in rules.muscle_volume.tracked:  # every other step reads ctx.band_cache directly
        ctx.band(muscle)
    block_len = rules.rotation.block_weeks[profile.level]
    deloads = rules.rotation.deloads(profile.level, profile.weeks)
    cache: dict[int, _WeekPlan] = {}
    weeks: list[Week] = []
    for index in range(1, profile.weeks + 1):
        block_index = (index - 1) // block_len + 1
        if block_index not in cache:
            if block_index > 1:
                ctx.stale.clear()
                ctx.stale.update(d.exercise.id for sd in cache[block_index - 1].sessions
                                 for d in sd.drafts if not d.main)
            cache[block_index] = (_block_week(shape, ctx, templates, 1, cache) if block_index == 1
                                  else _rotated_block_week(shape, ctx, templates, block_index,
                                                           cache, block_len))
            _mains_last(cache[block_index], ctx)
            # A main muscle (or knee flexion) still below its floor while a session ends early,
            # held only by another muscle's top: its accessories grow past that top, on the
            # block's chosen week (issue 10 item 2).
            if _floors_before_tops(cache[block_index].sessions, ctx):
                cache[block_index].tally = _Tally.of(cache[block_index].sessions, ctx)
            cache[block_index].notes.extend(_spacing_notes(cache[block_index].sessions, ctx))
        position = (index - 1) % block_len + 1
        deload = deloads and position == block_len and _can_deload(
            cache[block_index], block_index, ctx)
        block_weeks = min(block_len, profile.weeks - (block_index - 1) * block_len)
        training = block_len - 1 if deloads and block_weeks == block_len else block_weeks
        spec = _WeekSpec(index, block_index, position, training, deload)
        previous = sum(i.sets for s in weeks[-1].sessions for i in s.items) if weeks else None
        week = _stamp_week(cache[block_index], spec,
                           session_dates(profile.start_date, shape, index), ctx, previous)
        own = [n for n in cache[block_index].notes if n not in cache[1].notes]
        weeks.append(replace(week, notes=(*week.notes, *own)) if own else week)
    weeks, band_notes = _with_band_notes(weeks, ctx)
    return Plan(profile=profile, weeks=tuple(weeks),
                notes=_plan_notes(ctx, shape, block_len, cache[1], weeks[0], band_notes))


def _sets(n: float) -> str:
    return f"{n:g} set" + ("" if n == 1 else "s")


def _band_notes(week: Week, ctx: _Context) -> list[str]:
    """What a normal week says about muscles outside their band, with how far."""
    sets = week_muscle_sets(week, ctx.rules.muscle_volume, ctx.profile.goal)
    tracked = ctx.rules.muscle_volume.tracked
    bands = ctx.band_cache
    short = {m: bands[m][0] - sets[m] for m in tracked if sets[m] < bands[m][0] - 1e-9}
    above = {m: sets[m] - bands[m][1] for m in tracked if sets[m] > bands[m][1] + 1e-9}
    notes = []
    # A muscle no exercise the lifter may do trains as a prime mover (no squat or lunge left
    # for the quadriceps) is short because of the exclusions and kit, not the time.
    full_day = any(s.focus is _FULL_DAY for s in week.sessions)
    unreachable = {m: n for m, n in short.items()
                   if not any(ctx.share(ex).get(m) == 1.0 and (
                       full_day or ex.region is not Region.FULL_BODY
                       or ex.mechanic is not Mechanic.COMPOUND) for ex in ctx.usable)}
    short = {m: n for m, n in short.items() if m not in unreachable}
    if unreachable:
        removed = [*(f"--exclude {x}" for x in ctx.profile.exclude),
                   *(f"--protect {a}" for a in ctx.profile.protect)]
        notes.append("Short of the band: " + ", ".join(
            f"{m} by {_sets(n)}" for m, n in unreachable.items())
            + ": no exercise your kit and level allow"
            + (f" after {' and '.join(removed)}" if removed else "")
            + " trains it as a prime mover"
            + ("" if full_day else " on a legs or back day (a full-body lift would load the "
               "other region inside 48 h)") + " [volume.muscle-bands].")
    # A muscle whose every lift also works another muscle at its top (quadriceps below 10 with
    # glutes at 13.5 of 10-14: every squat and lunge set adds a glute set) is held by that
    # muscle, not by the minutes: more minutes or days would not close its gap.
    held = {m: _held_by(m, sets, week, ctx) for m in short}
    timed = {m: n for m, n in short.items() if not held[m]}
    if timed:
        notes.append("Short of the band with this much time and kit: " + ", ".join(
            f"{m} by {_sets(n)}" for m, n in timed.items())
            + "; more minutes or days would close the gap [volume.muscle-bands].")
    for m, n in short.items():
        if held[m]:
            notes.append(f"Short of the band: {m} by {_sets(n)}; every exercise that trains it "
                         "also works " + " and ".join(
                             f"{x} ({sets[x]:g} of {ctx.band_cache[x][0]}-{ctx.band_cache[x][1]})"
                             for x in held[m])
                         # "past its top", not "above": the checker reads a note with "above"
                         # as one that names a muscle above its band.
                         + (", which one more set would take "
                            if len(held[m]) == 1 else ", one of which one more set would take ")
                         + _past_top(held[m], sets, ctx) + " [volume.muscle-bands].")
    notes.extend(_knee_flexion_note(week, sets, ctx))
    held_floors = _floors_held_above(week, sets, set(above), ctx)
    if held_floors:
        notes.append(
            "Above the band: " + ", ".join(f"{m} by {_sets(n)}" for m, n in above.items())
            + ": the sets that bring " + _listed(held_floors)
            + " to or nearer their floors also work " + ("it" if len(above) == 1 else "them")
            + ", and a muscle below its floor comes before one at the top of its band "
            "[volume.muscle-bands].")
    elif above:
        rounds = ctx.rules.supersets.rounds[0]
        pairs = any(b.kind is BlockKind.SUPERSET for s in week.sessions for b in s.blocks)
        notes.append(
            "Above the band: " + ", ".join(f"{m} by {_sets(n)}" for m, n in above.items())
            + ", with every exercise that trains it at the fewest sets the rules allow (two "
            "main lifts a session"
            + (f"; a superset {rounds} rounds" if pairs else "")
            + ("; the week's pullover, which stands in for the vertical pull your kit lacks"
               if "lats" in above and _pullover_stands_in(week, ctx) else "")
            + "); fewer days a week would bring it closer to the band [volume.muscle-bands].")
    return notes


def _pullover_stands_in(week: Week, ctx: _Context) -> bool:
    """Whether the week holds a pullover and no vertical pull: the pullover is there as the lat
    movement substitution.vertical-pull asks for, at its fewest sets, even with the lats at the
    top of their band (issue 10 item 6), so the above-the-band note names it."""
    patterns = {ex.pattern for s in week.sessions for b in s.blocks for i in b.items
                if (ex := ctx.catalog.get(i.exercise_id)) is not None}
    return _PULLOVER in patterns and Pattern.VERTICAL_PULL not in patterns


def _above_at_fewest(week: Week, above: AbstractSet[str], ctx: _Context) -> bool:
    """Whether every item of the week that trains a muscle in `above` as a prime mover has the
    fewest sets the rules allow it (_floor: a superset's least rounds, an accessory [dosing]
    min_sets, a main lift its session's most accessory sets), as the plain note says."""
    least, rounds = ctx.rules.dosing.min_sets, ctx.rules.supersets.rounds[0]
    for s in week.sessions:
        most_accessory = max((i.sets for b in s.blocks for i in b.items
                              if i.role is not Role.MAIN), default=0)
        for b in s.blocks:
            for item in b.items:
                ex = ctx.catalog.get(item.exercise_id)
                if ex is None or not any(ctx.share(ex).get(m, 0.0) >= 1.0 for m in above):
                    continue
                if b.kind is BlockKind.SUPERSET:
                    fewest, sets = rounds, b.rounds or 0
                else:
                    fewest = (max(least, most_accessory) if item.role is Role.MAIN else least)
                    sets = item.sets
                if sets > fewest:
                    return False
    return True


def _floors_held_above(week: Week, sets: Mapping[str, float], above: AbstractSet[str],
                       ctx: _Context) -> list[str]:
    """What the muscles above their tops are there for (_floors_before_tops): the muscles not
    above their tops that an item working an above muscle holds at or below its floor (a set
    less of it would leave them below), and knee flexion where a curl works one (its floor's
    sets are excused past a top: volume.muscle-bands); empty where every item that trains an
    above muscle as a prime mover is at its fewest sets, which the plain note says."""
    if not above or _above_at_fewest(week, above, ctx):
        return []
    bands = ctx.band_cache
    kf_floor = _knee_flexion_floor(ctx)
    kf = sum((b.rounds or 0) if b.kind is BlockKind.SUPERSET else i.sets
             for s in week.sessions for b in s.blocks for i in b.items
             if i.pattern is Pattern.KNEE_FLEXION)
    held: list[str] = []
    for s in week.sessions:
        for b in s.blocks:
            for item in b.items:
                ex = ctx.catalog.get(item.exercise_id)
                if ex is None:
                    continue
                share = ctx.share(ex)
                if not any(share.get(m, 0.0) > 0 for m in above):
                    continue
                for m, sh in share.items():
                    if (sh > 0 and m not in above and m not in held
                            and sets[m] - sh < bands[m][0] - 1e-9):
                        held.append(m)
                if (ex.pattern is Pattern.KNEE_FLEXION and kf_floor
                        and kf * sum(share.get(m, 0.0) for m in above) > 0
                        and "knee flexion" not in held):
                    held.append("knee flexion")
    return held


def _past_top(held: Sequence[str], sets: Mapping[str, float], ctx: _Context) -> str:
    """How a short muscle's note says a set more passes the `held` muscles' tops: 'further past'
    where they already are past (_floors_before_tops took them there)."""
    past = [x for x in held if sets[x] > ctx.band_cache[x][1] + 1e-9]
    if not past:
        return "past the top of its band"
    return ("further past the top of its band" if len(past) == len(held)
            else "past the top of its band, or further past it")


def _knee_flexion_note(week: Week, muscles: Mapping[str, float], ctx: _Context) -> list[str]:
    """pattern.knee-flexion-sets: a normal week with knee-flexion work below the goal and
    level's weekly floor ([muscle_volume.knee_flexion]) says so, with how far and what held it:
    the muscles a set more of any curl would take past their tops (_curls_held_by, with the
    week's sets per muscle `muscles`), whose main lifts keep their sets first (the trades give
    a main lift's set only above the goal's sets: _knee_flexion_donor), else the minutes, the
    bands and the main lifts together (a week with none is pattern.knee-flexion's)."""
    floor = _knee_flexion_floor(ctx)
    sets = sum((b.rounds or 0) if b.kind is _SUPERSET else i.sets
               for s in week.sessions for b in s.blocks for i in b.items
               if i.pattern is _KNEE_FLEXION)
    if not sets or sets >= floor:
        return []
    held = _curls_held_by(week, muscles, ctx)
    if not held:
        why = ("more would take the hamstrings, or a muscle the curls also work, past the top "
               "of its band, or run a session over its minutes, and the main lifts keep their "
               "sets first")
    else:
        bands = ctx.band_cache
        loaded = [m for m in held if any(
            item.role is Role.MAIN and ctx.share(ex).get(m, 0.0) > 0
            for s in week.sessions for b in s.blocks for item in b.items
            if (ex := ctx.catalog.get(item.exercise_id)) is not None)]
        # "past the top", not "above": the checker reads a note with "above" as one that
        # names a muscle above its band.
        why = ("a set more of any curl would take the " + " and the ".join(
            f"{m} ({muscles[m]:g} of {bands[m][0]}-{bands[m][1]})" for m in held)
            + _curls_past(held, muscles, ctx)
            + (", and the main lifts that load the " + " and the ".join(loaded)
               + " keep their sets first" if loaded else
               ", and the work that fills " + ("it" if len(held) == 1 else "them")
               + " keeps its sets first"))
        if _curls_capped(week):
            why += ("; each curl already has as many sets as the main lifts of its session, "
                    "and a main lift gets at least as many as any accessory")
    return [f"Knee flexion (leg curls): {sets} of the {floor} hard sets a week your goal and "
            f"level aim for; {why} [pattern.knee-flexion-sets]."]


def _curls_capped(week: Week) -> bool:
    """Whether every knee-flexion item of the week is a straight set with as many sets as its
    session's fewest main-lift sets (main.most-sets: a curl on a day of two-set rows stays at
    two), so a set more of any of them is held by its session's main lifts too."""
    found = False
    for s in week.sessions:
        mains = [i.sets for b in s.blocks for i in b.items if i.role is Role.MAIN]
        for b in s.blocks:
            for i in b.items:
                if i.pattern is _KNEE_FLEXION:
                    if b.kind is _SUPERSET or not mains or i.sets < min(mains):
                        return False
                    found = True
    return found


def _curls_past(held: Sequence[str], muscles: Mapping[str, float], ctx: _Context) -> str:
    """How the knee-flexion note says a curl set passes the `held` muscles' tops: 'further
    past' where the week's curls already took them past (_floors_before_tops: the hamstrings
    at 17 of 10-16, where an 18th set would be [coach_checks] above_band_sets past)."""
    past = [m for m in held if muscles[m] > ctx.band_cache[m][1] + 1e-9]
    if len(held) == 1:
        return " further past the top of the band" if past else " past the top of the band"
    if not past:
        return " past their bands' tops"
    return (" further past their bands' tops" if len(past) == len(held)
            else " past their bands' tops, or further past them")


def _curls_held_by(week: Week, muscles: Mapping[str, float], ctx: _Context) -> list[str]:
    """The muscles at their tops that hold back every knee-flexion set the week could add (a
    set more of each of its curls, or a curl the lifter can do at its fewest sets), in the
    catalogue's order; empty where some curl has room, so that minutes, spacing or the main
    lifts' sets (main.most-sets) are what it lacks."""
    lifts = [(ex, _extra_draft(ex, ctx).sets) for ex in _knee_flexion_options(ctx)]
    lifts += [(ex, 1) for s in week.sessions for b in s.blocks for item in b.items
              if item.pattern is Pattern.KNEE_FLEXION
              and (ex := ctx.catalog.get(item.exercise_id)) is not None]
    held: list[str] = []
    for ex, n in lifts:
        over = [m for m, sh in ctx.share_items(ex)
                if muscles[m] + sh * n > ctx.band_cache[m][1] + 1e-9]
        if not over:
            return []
        held.extend(m for m in over if m not in held)
    return held


def _held_by(muscle: str, sets: Mapping[str, float], week: Week, ctx: _Context) -> list[str]:
    """The muscles at their tops that hold back every lift of `muscle` (one more set of the
    week's lifts of it, or a new one at its fewest sets, would take them above their bands);
    empty where some lift of it has room, so that minutes are what it lacks."""
    lifts = [(ex, _extra_draft(ex, ctx).sets) for ex in _muscle_options(muscle, ctx)]
    for s in week.sessions:
        for b in s.blocks:
            for item in b.items:
                ex = ctx.catalog.get(item.exercise_id)
                if ex is not None and ctx.share(ex).get(muscle, 0.0) >= 1.0:
                    lifts.append((ex, 1))
    every: list[str] | None = None  # the muscles that hold back every lift of it
    union: list[str] = []
    for ex, n in lifts:
        over = [m for m, sh in ctx.share_items(ex)
                if m != muscle and sets[m] + sh * n > ctx.band_cache[m][1] + 1e-9]
        if not over:
            return []
        every = over if every is None else [m for m in every if m in over]
        union.extend(m for m in over if m not in union)
    return every or union


def _with_band_notes(weeks: list[Week], ctx: _Context) -> tuple[list[Week], list[str]]:
    """The plan's band notes (those of its first normal week) and the weeks, each normal week
    that differs carrying its own."""
    per_week = [[] if w.deload else _band_notes(w, ctx) for w in weeks]
    first = next((n for n, w in zip(per_week, weeks, strict=True) if not w.deload), [])
    out = [replace(w, notes=(*w.notes, *n)) if n != first and not w.deload else w
           for w, n in zip(weeks, per_week, strict=True)]
    return out, first


def _week_ids(week: _WeekPlan) -> set[str]:
    """The week's exercises: rotation is judged on these, not each session's (an accessory
    moved to another day is no rotation)."""
    return {d.exercise.id for sd in week.sessions for d in sd.drafts}


def _block_week(shape: WeekShape, ctx: _Context, templates: Templates, block_index: int,
                cache: dict[int, _WeekPlan]) -> _WeekPlan:
    """The week a block repeats: built from the templates, rotated from the block before.
    Where that week puts isolation work of one pattern in sessions less than [schedule]
    min_hours_between_hard apart, or one isolation exercise in more than [progression]
    accessory_most_days sessions (_isolation_score: what the moves and joins after the fill
    could not undo), the week is built again with the templates' isolation thinned to sessions
    48 h apart before the fill (_thin_isolation), and that one is kept only where it spaces
    better and costs nothing the first kept (_thinned_as_good): no weekly pattern, no time
    left open, no set below a band's floor, no main-lift set. A week already spaced is the
    same as before."""
    saved = (dict(ctx.openers), set(ctx.week_mains), set(ctx.hand_held),
             list(ctx.squat_for_hinge), set(ctx.stale))
    plain = _build_block_week(shape, ctx, templates, block_index, cache, thin=False)
    score = _isolation_score(plain.sessions, ctx)
    if score == (0, 0):
        return plain
    kept = (dict(ctx.openers), set(ctx.week_mains), set(ctx.hand_held),
            list(ctx.squat_for_hinge), set(ctx.stale))
    _ctx_state(ctx, saved)
    week = _build_block_week(shape, ctx, templates, block_index, cache, thin=True)
    if week.thinned and _thinned_as_good(week, plain, score, ctx):
        return week
    _ctx_state(ctx, kept)
    return plain


_CtxState = tuple[dict[int, list["_Draft"]], set[str], set[str], list[str], set[str]]
"""The context a week's build changes (openers, week_mains, hand_held, squat_for_hinge,
stale): _block_week's second build starts from where the first did."""


def _ctx_state(ctx: _Context, state: _CtxState) -> None:
    openers, mains, held, squat, stale = state
    ctx.openers.clear()
    ctx.openers.update(openers)
    ctx.week_mains.clear()
    ctx.week_mains.update(mains)
    ctx.hand_held.clear()
    ctx.hand_held.update(held)
    ctx.squat_for_hinge[:] = squat
    ctx.stale.clear()
    ctx.stale.update(stale)


def _isolation_score(sessions: Sequence[_SessionDraft], ctx: _Context) -> tuple[int, int]:
    """(close pairs, repeats): _crowding and _repeats of the week."""
    return (_crowding(sessions, ctx.rules.schedule.min_hours_between_hard),
            _repeats(sessions, ctx.rules.progression.accessory_most_days))


def _thinned_as_good(week: _WeekPlan, plain: _WeekPlan, score: tuple[int, int],
                     ctx: _Context) -> bool:
    """Whether the thinned build `week` spaces its isolation better than `plain` (whose
    _isolation_score is `score`) at no cost: no compound accessory's pattern lost (the band
    lifter's loaded reverse lunge), no weekly pattern lost, _thinning_cost no higher, no muscle
    further outside its band, no full session left short of full (the minutes an intermediate's
    rep wave needs: a 4 x 60 gym week's rows stopped waving), no main lift of a session with
    fewer sets (a kettlebell strength week's RDL at 2 sets)."""
    if not _better(_isolation_score(week.sessions, ctx), score):
        return False

    def compounds(w: _WeekPlan) -> set[str]:
        return {d.exercise.pattern.value for sd in w.sessions for d in sd.drafts
                if d.compound and not d.main}

    if not compounds(plain) <= compounds(week):
        return False  # nor a loaded compound accessory (the band lifter's reverse lunge)
    if _weekly_lost(week, _week_patterns(plain.sessions), ctx):
        return False
    if _thinning_cost(week, ctx) > _thinning_cost(plain, ctx):
        return False
    after, before = _Tally.of(week.sessions, ctx), _Tally.of(plain.sessions, ctx)
    for m, n in after.muscles.items():
        low, high = ctx.band_cache[m]
        was = before.muscles[m]
        if _off_band(n, (low, high)) > _off_band(was, (low, high)) + 1e-9:
            return False

    full = ctx.profile.minutes_per_session - ctx.rules.coach_checks.full_margin_minutes
    if any(_minutes(a, ctx) < full <= _minutes(b, ctx)
           for a, b in zip(week.sessions, plain.sessions, strict=True)):
        return False  # nor a full session left short (a rep wave's lighter week needs it)
    shortest = min(_minutes(b, ctx) for b in plain.sessions)
    if (shortest >= ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
            and min(_minutes(a, ctx) for a in week.sessions) < shortest):
        # Nor its shortest session shorter where every session used its minutes (a 4 x 60 gym
        # week's rows lost their wave); a week already ending early for its bands (every
        # muscle at its top: 37 of 120 min) loses nothing by a shorter session.
        return False

    def mains(w: _WeekPlan) -> list[list[tuple[str, int]]]:
        return [sorted((d.exercise.id, d.sets) for d in sd.drafts if d.main) for sd in w.sessions]

    for a, b in zip(mains(week), mains(plain), strict=True):
        # The same main lifts (a second build may vary them otherwise: a split squat three
        # times a week where the plain week varied it), none with fewer sets.
        if [x[0] for x in a] != [y[0] for y in b] or any(
                x[1] < y[1] for x, y in zip(a, b, strict=True)):
            return False
    return True


def _spinal_hinge(d: _Draft, ctx: _Context, spinal: frozenset[str]) -> bool:
    """A heavy hinge that loads the spine: a compound hinge of at most [coach_checks]
    heavy_hinge_reps reps that [protect.lower-back] removes (a deadlift, an RDL, a good morning;
    not a hip thrust, whose back lies on a bench)."""
    return (d.compound and d.exercise.pattern is _HINGE and d.exercise.measure is _REPS
            and d.high <= ctx.rules.coach_checks.heavy_hinge_reps and d.exercise.id in spinal)


_DAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
              "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}


def _support_rows(sessions: list[_SessionDraft], ctx: _Context, block_index: int) -> None:
    """A bent-over row ([schedule] spinal_rows: a Pendlay row, a barbell row) in a session less
    than min_hours_between_hard from a heavy spinal hinge (_spinal_hinge: Monday's deadlifts,
    Tuesday's Pendlay rows) loads the lower back twice: a coach gives that session a supported
    row of the same pattern the lifter's kit allows (a seated cable row, a chest-supported
    row), and the reason says why. Every bent-over row of the session gives way where it can;
    where only some can, the reason says which stay and why (a seated cable row said to spare
    the back beside a kept barbell row was half true: issue 10 item 5). The week is final here:
    the swap keeps the rows' sets and is kept only where the session stays inside its minutes
    (and above the time.use floor if it was) and no muscle moves further outside its band;
    else, or with no supported row in the kit, the rows stay. A later block's main lifts are
    block 1's (rotation.core-lifts-stay: its openers hold the row block 1 chose), so only its
    accessories are swapped."""
    rows = frozenset(ctx.rules.schedule.spinal_rows)
    back = ctx.rules.protect.get("lower-back")
    if not rows or back is None:
        return
    hinges = frozenset(back.exercises)
    hours = ctx.rules.schedule.min_hours_between_hard
    days = [_DAY_NAMES[wd.value] for wd in ctx.profile.weekdays]
    for sd in sessions:
        bent = [d for d in sd.drafts if d.exercise.id in rows]
        if not bent:
            continue
        near = [(k, h) for k, other in enumerate(sessions) if other is not sd
                and _close(sd, other, hours) for h in other.drafts
                if _spinal_hinge(h, ctx, hinges)]
        if not near:
            continue
        k, hinge = near[0]
        when = "the day before" if (sd.day - sessions[k].day) % 7 == 1 else (
            "the day after" if (sessions[k].day - sd.day) % 7 == 1 else f"within {hours} h")
        why = (f"{days[k]}'s heavy {hinge.exercise.name} {when} loads the same lower back, "
               "which a bent-over row holds against the load")
        used = {x.exercise.id for x in sd.drafts}
        options = {id(d): [ex for ex in _candidates(d.slot, ctx, with_equipment=True)
                           if ex.pattern is d.exercise.pattern and ex.mechanic is _COMPOUND
                           and ex.id not in rows and ex.id not in used
                           and (d.main or ex.id not in ctx.week_mains)] for d in bent}
        fixed = [d for d in bent if d.main and block_index > 1]
        free = [d for d in bent if d not in fixed]
        for size in range(len(free), 0, -1):
            if any(_support_some(sd, sessions, ctx, list(some), options, why,
                                 [d for d in bent if d not in some], fixed)
                   for some in itertools.combinations(free, size)):
                break


def _support_some(sd: _SessionDraft, sessions: list[_SessionDraft], ctx: _Context,
                  some: list[_Draft], options: dict[int, list[Exercise]], why: str,
                  kept: list[_Draft], fixed: list[_Draft]) -> bool:
    """_support_rows for the bent-over rows `some` of session sd, the rows `kept` staying (the
    `fixed` ones as the plan's main lifts): the first supported rows, one for each, that keep
    the session inside its minutes and every muscle as near its band. True where swapped."""
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    if not kept:
        spares = "a supported row spares it."
    else:
        names = _listed([d.exercise.name for d in kept])
        stays = (f"the plan's main lift{'s' if len(kept) > 1 else ''}, kept all plan "
                 "[rotation.core-lifts-stay]" if len(fixed) == len(kept) else
                 "no supported row in its place too keeps the session inside its minutes and "
                 "every muscle as near its band")
        spares = (f"a supported row takes part of that load off; {names} "
                  f"{'stays' if len(kept) == 1 else 'stay'} bent over ({stays}).")
    before = _Tally.of(sessions, ctx)
    was = _minutes(sd, ctx)
    for pick in itertools.product(*(options[id(d)] for d in some)):
        if len({ex.id for ex in pick}) < len(pick):
            continue  # two rows of the session made one
        new = [_stand_in(sd, d, _draft(d.slot, ex, ctx, [
            f"{ex.name} rather than {d.exercise.name}: {why}; {spares}"]))
            for d, ex in zip(some, pick, strict=True)]
        after = _Tally.of(sessions, ctx)
        now = _minutes(sd, ctx)
        if (now <= budget and (now >= least or was < least)
                and all(_off_band(after.muscles[m], ctx.band_cache[m])
                        <= _off_band(before.muscles[m], ctx.band_cache[m]) + 1e-9
                        for m in after.muscles)):
            for d, n in zip(some, new, strict=True):
                if d.main:
                    ctx.week_mains.add(n.exercise.id)
                    _loaded_mains_lead(sd, n, ctx)
                if d.exercise.id in sd.solo:
                    sd.solo.discard(d.exercise.id)
                    sd.solo.add(n.exercise.id)
            return True
        for d, n in zip(some, new, strict=True):
            sd.drafts[sd.drafts.index(n)] = d
            if d.partner is not None:
                d.partner.partner = d
    return False


def _loaded_mains_lead(sd: _SessionDraft, d: _Draft, ctx: _Context) -> None:
    """A main lift with no load goes after the session's loaded main lifts of its pattern, in a
    plan for strength or size (issue 10 item 6): the heavy lift is done fresh, and a supported
    doorframe row put in a bent-over row's place follows the barbell row, not before it."""
    if not _loaded_first(ctx) or _is_loaded(d.exercise):
        return
    at = sd.drafts.index(d)
    later = [k for k, x in enumerate(sd.drafts) if k > at and x.main and x.partner is None
             and x.exercise.pattern is d.exercise.pattern and _is_loaded(x.exercise)]
    if d.partner is None and later:
        sd.drafts.insert(later[-1], sd.drafts.pop(at))


def _spacing_notes(sessions: Sequence[_SessionDraft], ctx: _Context) -> list[str]:
    """A note for each isolation pattern (_spaced) the week still holds in two sessions less
    than [schedule] min_hours_between_hard apart, naming the days and saying why
    (isolation.spacing): more sessions of it than the lifter's days can space that far apart,
    where those sessions have no room for its sets (_spaced_room), or else no move, trade, join
    or gathering of _space_isolation, _merge_isolation, _gather_isolation and _thin_isolation
    that keeps the sessions' minutes, the muscles' bands, the weekly patterns and the main
    lifts' sets."""
    hours = ctx.rules.schedule.min_hours_between_hard
    held = _held(sessions)
    days = [wd.value for wd in ctx.profile.weekdays]
    notes = []
    for pattern in sorted(_crowded(sessions, hours), key=lambda p: p.value):
        holders = [i for i, h in enumerate(held) if h[pattern]]
        pairs = [f"{days[a]} and {days[b]}" for k, a in enumerate(holders)
                 for b in holders[k + 1:] if _close(sessions[a], sessions[b], hours)]
        spaced = max(len(kept) for mask in range(1, 1 << len(sessions))
                     for kept in [[i for i in range(len(sessions)) if mask >> i & 1]]
                     if not any(_close(sessions[a], sessions[b], hours)
                                for k, a in enumerate(kept) for b in kept[k + 1:]))
        name = pattern.value.replace("-", " ")
        sets = sum(d.sets for sd in sessions for d in sd.drafts
                   if _spaced(d) and d.exercise.pattern is pattern)
        room = _spaced_room(sessions, ctx)
        why = (f"it comes in {len(holders)} sessions and your {len(sessions)} days allow at "
               f"most {spaced} that far apart, with room for {room} of its {sets} sets"
               if len(holders) > spaced and sets > room else
               "no other day could take it while every session keeps its minutes, every "
               "muscle its band, the week its patterns and the main lifts their sets")
        notes.append(f"{name.capitalize()} work on {'; '.join(pairs)}, less than {hours} h "
                     f"apart: {why} [isolation.spacing].")
    return notes


def _spaced_room(sessions: Sequence[_SessionDraft], ctx: _Context) -> int:
    """The most sets of one isolation exercise a week's sessions 48 h apart can hold: in each,
    [dosing] max_accessory_sets and no more than its fewest main-lift sets (_gather_room)."""
    hours = ctx.rules.schedule.min_hours_between_hard
    most = ctx.rules.dosing.max_accessory_sets
    rooms = [min([most] + [m.sets for m in sd.drafts if m.main]) for sd in sessions]
    return max(sum(rooms[i] for i in kept) for mask in range(1, 1 << len(sessions))
               for kept in [[i for i in range(len(sessions)) if mask >> i & 1]]
               if not any(_close(sessions[a], sessions[b], hours)
                          for k, a in enumerate(kept) for b in kept[k + 1:]))


def _build_block_week(shape: WeekShape, ctx: _Context, templates: Templates, block_index: int,
                      cache: dict[int, _WeekPlan], thin: bool) -> _WeekPlan:
    """_block_week's one build (`thin`: with _thin_isolation, and ctx.spacing on)."""
    ctx.spacing[0] = thin
    try:
        return _build_block_week_once(shape, ctx, templates, block_index, cache, thin)
    finally:
        ctx.spacing[0] = False


def _build_block_week_once(shape: WeekShape, ctx: _Context, templates: Templates,
                           block_index: int, cache: dict[int, _WeekPlan],
                           thin: bool) -> _WeekPlan:
    week = _week_template(shape, ctx, templates, block_index, thin)
    tried: set[str] = set()
    while block_index > 1 and len(tried) < 4:
        swapped = _make_rotate(week, cache[block_index - 1], ctx, tried)
        if swapped is None:
            break
        # The swap changes the muscles' sets: fill the week towards the bands again, and its
        # minutes (a dead bug for a slower side plank left Legs A at 22 of 30 min with lats
        # and upper back below their tops: time.use).
        _fill(week.sessions, ctx, block_index)
        _use_time(week.sessions, ctx, block_index)
        # Its last trades (a deadlift set for a calf raise's) leave room and minutes: grown
        # where they keep legs:back.
        tally = _Tally.of(week.sessions, ctx)
        for mains in (True, False):
            while _grow(week.sessions, ctx, tally, mains=mains, balanced=True):
                pass
        week.tally = _Tally.of(week.sessions, ctx)
        # Where the fill's cuts swapped it back (a plank that took glutes over their band for
        # a hollow hold), the next option is tried.
        tried.add(swapped)
    if tried and _respace(week.sessions, ctx):
        week.tally = _Tally.of(week.sessions, ctx)
    return week


def _respace(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """A rotated week's fill and time steps (_build_block_week_once) place sets without looking
    at the days around them: where that leaves isolation of one pattern in sessions less than
    [schedule] min_hours_between_hard apart, the spacing steps run again (_space_isolation,
    _merge_isolation, _gather_isolation). True when they changed the week."""
    score = _isolation_score(sessions, ctx)
    if not score[0]:
        return False
    _space_isolation(sessions, ctx)
    _merge_isolation(sessions, ctx)
    _gather_isolation(sessions, ctx)
    return _isolation_score(sessions, ctx) != score


def _rotated_block_week(shape: WeekShape, ctx: _Context, templates: Templates,
                        block_index: int, cache: dict[int, _WeekPlan],
                        block_len: int) -> _WeekPlan:
    """A later block's week (ctx.stale: the block before's accessories), rotated in place
    (_rotate_block). The fresh build (those accessories avoided) is kept where it doses and
    fills as well as the block before (_as_good); else the plainer build (the templates'
    choices for the block, none avoided), as long as that rotates something, holds every weekly
    pattern the fresh one does (its fill left no minutes for the week's leg curl:
    pattern.knee-flexion) and takes no muscle further above its band than the block before
    (its fill left a reverse snow angel's superset at 3 rounds beside rows at 3 sets: upper
    back 18 of 10-16, volume.muscle-bands).

    The fresh build is refused more often than not (158 of the 280 later blocks of 300 random
    plans, both of the 12-week, 4-day benchmark plan's: its fill does not bring back the back
    extension the block before's time steps added). So where the block before has every muscle
    at its band's floor, the plainer week is built first and rotated in place, and where that
    leaves the fresh build nothing to gain (_nothing_to_gain) it is the block's week, with no
    fresh build at all."""
    before = cache[block_index - 1]
    was = _Tally.of(before.sessions, ctx)
    bands = ctx.band_cache
    if any(n < bands[m][0] - 1e-9 for m, n in was.muscles.items()):
        # A muscle below its floor: the plainer week passes _nothing_to_gain only where it
        # brings every muscle to its floor, so the fresh one first, as before (built second,
        # it cost a build more: 300 random plans' week builds 954 with this order left out,
        # 911 with it).
        return _fresh_week_first(shape, ctx, templates, block_index, cache, block_len)
    start = (dict(ctx.openers), set(ctx.week_mains), set(ctx.hand_held),
             list(ctx.squat_for_hinge), set(ctx.stale))
    ctx.stale.clear()
    plain = _block_week(shape, ctx, templates, block_index, cache)
    # What the fresh build's refusal asks of the plainer week, as built (before it rotates).
    plain_ok = (not _week_ids(plain) <= _week_ids(before)
                and not _overdosed(_Tally.of(plain.sessions, ctx), was, ctx))
    left = _rotate_block(plain, before, block_index, block_len, cache[1], ctx)
    if not left and _nothing_to_gain(plain, before, was, ctx):
        return plain
    _ctx_state(ctx, start)  # the fresh build starts where the plainer one did
    fresh = _block_week(shape, ctx, templates, block_index, cache)
    if (not _as_good(fresh, before, ctx) and plain_ok
            and not _weekly_lost(plain, _week_patterns(fresh.sessions), ctx)):
        ctx.stale.clear()
        return plain
    _rotate_block(fresh, before, block_index, block_len, cache[1], ctx)
    return fresh


def _fresh_week_first(shape: WeekShape, ctx: _Context, templates: Templates,
                      block_index: int, cache: dict[int, _WeekPlan],
                      block_len: int) -> _WeekPlan:
    """_rotated_block_week's choice, the fresh build first: the plainer one only where that is
    refused."""
    before = cache[block_index - 1]
    week = _block_week(shape, ctx, templates, block_index, cache)
    if not _as_good(week, before, ctx):
        stale = set(ctx.stale)
        ctx.stale.clear()
        held = _week_patterns(week.sessions)  # before the builds share drafts
        plain = _block_week(shape, ctx, templates, block_index, cache)
        if (not _week_ids(plain) <= _week_ids(before) and not _weekly_lost(plain, held, ctx)
                and not _overdosed(_Tally.of(plain.sessions, ctx),
                                   _Tally.of(before.sessions, ctx), ctx)):
            week = plain
        else:  # built again: the two builds share cached drafts
            ctx.stale.update(stale)
            week = _block_week(shape, ctx, templates, block_index, cache)
    _rotate_block(week, before, block_index, block_len, cache[1], ctx)
    return week


def _rotate_block(week: _WeekPlan, before: _WeekPlan, block_index: int, block_len: int,
                  first: _WeekPlan, ctx: _Context) -> bool:
    """_rotate_in_place, and where nothing rotated that costs no load in the block the rule
    needs, its last resort: a loaded accessory gives way to a bodyweight one of its pattern
    rather than weeks 1-7 keep every accessory (the guide's rule before the load preference).
    Whether an accessory of the block before stayed although another of its pattern was open
    to it (the first pass's answer)."""
    left = _rotate_in_place(week, before, ctx)
    if _must_rotate(block_index, block_len, week, first, ctx):
        _rotate_in_place(week, before, ctx, unloaded=True)
    return left


def _weekly_lost(week: _WeekPlan, held: set[Pattern], ctx: _Context) -> set[Pattern]:
    """The weekly patterns of `held` (another build's) that `week` lacks (pattern.weekly asks
    for them from _WEEKLY_PATTERNS_FROM_DAYS days a week)."""
    if ctx.profile.days_per_week < _WEEKLY_PATTERNS_FROM_DAYS:
        return set()
    return (held - _week_patterns(week.sessions)) & set(WEEKLY_PATTERNS)


def _as_good(week: _WeekPlan, before: _WeekPlan, ctx: _Context) -> bool:
    """A rotated block's week keeps the block before's patterns, brings every muscle as far
    towards its band's floor and fills its sessions as well (time.use): fresh accessories are
    worth having only where they cost no dose."""
    # Rotation swaps variations within the week's accessory patterns: none of them lost (a
    # chin-up slot's new vertical pull cut by the fill while the rows stay).
    if not _accessory_patterns(before) <= _accessory_patterns(week):
        return False
    return _doses_as_well(week.sessions, _Tally.of(week.sessions, ctx),
                          _Tally.of(before.sessions, ctx), ctx)


def _accessory_patterns(week: _WeekPlan) -> set[Pattern]:
    return {d.exercise.pattern for sd in week.sessions for d in sd.drafts if not d.main}


def _nothing_to_gain(week: _WeekPlan, before: _WeekPlan, was: _Tally, ctx: _Context) -> bool:
    """Whether the plainer week rotated in place (none of the block before's accessories left
    that another of its pattern could replace) leaves a fresh build nothing to gain: it holds
    the block before's accessory and weekly patterns, every muscle at its band's floor or above
    (no fresh week could come nearer) and none further above its top than the block before
    (`was`), and no more sessions ending under [dosing] min_time_use of their minutes."""
    now = _Tally.of(week.sessions, ctx)
    bands = ctx.band_cache
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session

    def early(w: _WeekPlan) -> int:
        return sum(_minutes(sd, ctx) < least for sd in w.sessions)

    return (_accessory_patterns(before) <= _accessory_patterns(week)
            and all(n >= bands[m][0] - 1e-9 for m, n in now.muscles.items())
            and not _overdosed(now, was, ctx)
            and not _weekly_lost(week, _week_patterns(before.sessions), ctx)
            and early(week) <= early(before))


def _doses_as_well(sessions: list[_SessionDraft], now: _Tally, was: _Tally,
                   ctx: _Context) -> bool:
    """Whether `sessions` (tallied `now`) bring every muscle as far towards its band's floor as
    the week that tallied `was`, and fill their minutes as well (time.use)."""
    tracked = ctx.rules.muscle_volume.tracked
    bands = ctx.band_cache
    if any(min(now.muscles[m], bands[m][0]) < min(was.muscles[m], bands[m][0]) - 1e-9
           for m in tracked):
        return False
    floor = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    if min(_minutes(sd, ctx) for sd in sessions) >= floor:
        return True
    # A session ends early, which time.use allows only with every muscle near its band's top
    # or its region at its ceiling: as near as the block before, with as many sets a region.
    def room(tally: _Tally) -> set[str]:  # a whole set below the top: time.use's room
        return {m for m in tracked if tally.muscles[m] <= ctx.band_cache[m][1] - 1 + 1e-9}

    return (all(now.regions[r] >= was.regions[r] for r in was.regions)
            and room(now) <= room(was))


def _rotate_in_place(week: _WeekPlan, before: _WeekPlan, ctx: _Context,
                     unloaded: bool = False) -> bool:
    """Each accessory the block before held gives way, in place, to another of its pattern the
    lifter can do and neither week holds, at its sets (issue 10 item 6: the guide's "rotate
    exercises every 4-6 weeks"). The week was built and filled for the bands already (the
    fresh build, or the plainer one where the fresh lost dose or a pattern); one swap at a
    time keeps only what costs nothing: every muscle as far towards its floor, none pushed
    further above its top, the session inside its minutes and time.use as well met, a
    superset still quicker than its sets done straight.

    With `unloaded`, the last resort of a block that must rotate (_must_rotate): only the
    bodyweight options of a loaded accessory's pattern, which _candidates leaves out while
    the kit loads it, and only the first swap that keeps all that.

    Whether an accessory of the block before stayed although another of its pattern was open
    to it (every swap cost something)."""
    held, taken = _week_ids(before), _week_ids(week)
    left = False
    was: _Tally | None = None  # the week's tally, worked out once something could rotate
    leans = True
    for sd in week.sessions:
        for d in list(sd.drafts):
            # A lighter day's hinge keeps its lighter reps (_lighten_hinges): left as it is.
            if d.main or d.lighter_day or d.exercise.id not in held:
                continue
            # Of its pattern, mechanic and region: the session's order, its supersets (legs
            # with back, like with like) and each region's sets stay as they were.
            # One the week does not hold first; then one another day of the week does (a
            # kettlebell's three calf raises, two of them in block 1's week: both days may take
            # the third rather than keep the last block's), never twice in a session nor in
            # more than [progression] accessory_most_days sessions.
            here = {x.exercise.id for x in sd.drafts}
            days = Counter(x.exercise.id for s in week.sessions for x in s.drafts
                           if x.exercise.id in taken) if taken else Counter()
            options = sorted((ex for ex in _rotation_pool(d, ctx, unloaded)
                              if ex.pattern is d.exercise.pattern and ex.id not in here
                              and ex.id not in held and ex.mechanic is d.exercise.mechanic
                              and ex.region is d.region and ex.id not in ctx.week_mains
                              and days[ex.id] < ctx.rules.progression.accessory_most_days
                              and (d.partner is None or ex.id not in sd.solo)),
                             key=lambda ex: ex.id in taken)
            if not options:
                continue
            if was is None:
                was = _Tally.of(week.sessions, ctx)
                leans = _leans_on_full(week, was, ctx)
            # A session as full as it was, or nearly full, where the week leans on that: a
            # muscle short of its band, or a weekly pattern missing, is excused only in a week
            # whose sessions end within [coach_checks] full_margin_minutes of their minutes
            # (volume.muscle-bands, pattern.weekly). Else a quicker accessory may end the
            # session a minute or two earlier, but not under [dosing] min_time_use of its
            # minutes where it was not (time.use: 66 of 90 min with lats below their top).
            budget = ctx.profile.minutes_per_session
            full = min(_minutes(sd, ctx), budget - ctx.rules.coach_checks.full_margin_minutes
                       if leans else math.ceil(ctx.rules.dosing.min_time_use * budget - 1e-9))
            for ex in options:
                new = _draft(d.slot, ex, ctx, [_unloaded_why(d, ex, ctx)] if unloaded else [])
                new.sets, new.partner, new.rotates = d.sets, d.partner, d.rotates
                if d.partner is not None:
                    d.partner.partner = new
                sd.drafts[sd.drafts.index(d)] = new
                after = _rotation_keeps(week, sd, new, was, full, ctx)
                if after is None:
                    after = _rotation_fitted(week, sd, new, was, full, ctx)
                if after is not None:
                    week.tally = was = _grow_rotated(week, sd, new, after, ctx)
                    taken.add(ex.id)
                    if unloaded:
                        return left
                    break
                sd.drafts[sd.drafts.index(new)] = d
                if d.partner is not None:
                    d.partner.partner = d
            else:  # every option cost something: d stays
                left = True
    return left


def _leans_on_full(week: _WeekPlan, tally: _Tally, ctx: _Context) -> bool:
    """Whether the week leans on its sessions being full (coachcheck's _spent): a muscle below
    its band's floor, or, from _WEEKLY_PATTERNS_FROM_DAYS days a week, a weekly pattern it
    lacks that the lifter's kit, level and exclusions allow."""
    bands = ctx.band_cache
    if any(n < bands[m][0] - 1e-9 for m, n in tally.muscles.items()):
        return True
    if ctx.profile.days_per_week < _WEEKLY_PATTERNS_FROM_DAYS:
        return False
    held = _week_patterns(week.sessions)
    return any(p not in held and any(ex.pattern is p for ex in ctx.usable)
               for p in WEEKLY_PATTERNS)


def _rotation_fitted(week: _WeekPlan, sd: _SessionDraft, new: _Draft, was: _Tally,
                     full: float, ctx: _Context) -> _Tally | None:
    """_rotation_keeps for a rotated-in accessory that does not fit at the sets of the one it
    replaces: a straight one gives a set, down to [dosing] min_sets, where it takes longer (a
    single-leg calf raise, both sides, for a two-leg one) or takes a muscle further above its
    band (a clamshell's glutes for a side-lying hip abduction's half); else, over the session's
    minutes, the warm-up and cool-down give the minutes it runs over, down to their least
    ([timing]: _fit's last resort too); one that leaves the session short of `full` takes a
    set more up to its cap. The week's tally where one of those keeps what _rotation_keeps
    asks and a set more or less keeps legs:back inside [volume] balance where it was (a
    straight leg curl a set less left 31 legs to 15 back sets: volume.balance), else None (and
    `new` and the session as they were)."""
    budget = ctx.profile.minutes_per_session
    minutes = _minutes(sd, ctx)
    sets = new.sets
    balanced = _legs_back_ok(was, ctx)

    def kept() -> _Tally | None:
        after = _rotation_keeps(week, sd, new, was, full, ctx)
        if after is None or (balanced and not _legs_back_ok(after, ctx)):
            return None
        return after

    if new.partner is None and new.sets > ctx.rules.dosing.min_sets:
        new.sets -= 1
        if (after := kept()) is not None:
            return after
        new.sets = sets
    if minutes > budget:
        t = ctx.rules.timing
        warm = sum(a.minutes for a in sd.warmup)
        cool = sum(a.minutes for a in sd.cooldown)
        over = minutes - budget
        spare_cool = max(0.0, cool - t.cooldown_min_minutes)
        if over <= spare_cool + max(0.0, warm - t.warmup_min_minutes) + 1e-9:
            bookends = (sd.warmup, sd.cooldown)
            from_cool = min(over, spare_cool)
            sd.warmup = _warmup(ctx, warm - (over - from_cool))
            sd.cooldown = _cooldown(ctx, cool - from_cool)
            after = _rotation_keeps(week, sd, new, was, full, ctx)
            if after is not None:
                return after
            sd.warmup, sd.cooldown = bookends
    elif minutes < full and new.partner is None and new.sets < _cap(new, sd, ctx):
        new.sets += 1
        if (after := kept()) is not None:
            return after
        new.sets = sets
    return None


def _grow_rotated(week: _WeekPlan, sd: _SessionDraft, new: _Draft, tally: _Tally,
                  ctx: _Context) -> _Tally:
    """A straight accessory rotated in that trains a main muscle with room as a prime mover
    (a clamshell for a side-lying hip abduction: the glutes, which a strength plan's squats and
    hinges leave with room, [muscle_volume.assists]) takes the sets its muscles have room and its
    session the minutes for while a session of the week ends early (time.use: the one it
    replaced gave that muscle no set to grow), inside legs:back balance. The week's tally."""
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    main = ctx.rules.muscle_volume.main
    if new.partner is not None or not any(sh >= 1.0 and m in main for m, sh in new.shares):
        return tally
    unit = (new,)
    while (new.sets < _cap(new, sd, ctx) and tally.room(unit, ctx)
           and any(_minutes(x, ctx) < least for x in week.sessions)
           and _fits(sd, ctx, _unit_seconds(unit, ctx, new.sets + 1) - _unit_seconds(unit, ctx))):
        new.sets += 1
        after = _Tally.of(week.sessions, ctx)
        if not _legs_back_ok(after, ctx):
            new.sets -= 1
            break
        tally = after
    return tally


def _rotation_pool(d: _Draft, ctx: _Context, unloaded: bool) -> list[Exercise]:
    """The exercises `d` may rotate to: its slot's candidates (loaded ones only, for a loaded
    pattern in a plan for strength or size); with `unloaded`, the usable ones of its pattern
    those leave out, best ranked first."""
    slot = _candidates(replace(d.slot, main=False), ctx, with_equipment=True)
    if not unloaded:
        return slot
    seen, seed = {ex.id for ex in slot} | set(d.slot.avoid), ctx.profile.seed
    return sorted((ex for ex in ctx.usable if ex.pattern is d.exercise.pattern
                   and not _is_loaded(ex) and ex.id not in seen),
                  key=lambda ex: (ex.rank, _tiebreak(seed, ex.id)))


def _must_rotate(block_index: int, block_len: int, week: _WeekPlan, first: _WeekPlan,
                 ctx: _Context) -> bool:
    """Whether block `block_index` is the last that could meet rotation.by-week-7 (a plan of
    [rotation] must_rotate_by_week weeks or more has, by that week, an accessory week 1 does
    not) and holds none: its week's accessories are all week 1's."""
    by = ctx.rules.rotation.must_rotate_by_week
    if ctx.profile.weeks < by or block_index != 2 or block_len + 1 > by:
        return False
    def accessories(w: _WeekPlan) -> set[str]:
        return {d.exercise.id for sd in w.sessions for d in sd.drafts if not d.main}

    return accessories(week) <= accessories(first)


def _unloaded_why(d: _Draft, ex: Exercise, ctx: _Context) -> str:
    """Why a loaded accessory rotated to a bodyweight one (_rotate_in_place's last resort)."""
    return (f"Bodyweight this block: {d.exercise.name} ran in the block before, and neither a "
            f"loaded {pattern_label(ex.pattern)} exercise nor another accessory's swap fits "
            "the week's bands and minutes; a new exercise by week "
            f"{ctx.rules.rotation.must_rotate_by_week} keeps the challenge fresh "
            "[rotation.by-week-7].")


def _rotation_keeps(week: _WeekPlan, sd: _SessionDraft, new: _Draft, was: _Tally, full: float,
                    ctx: _Context) -> _Tally | None:
    """The week's tally with `new` in place of the accessory it rotates, where that keeps what
    the week had: the session between `full` and its minutes, no muscle further above its band,
    every muscle as far towards its floor, time.use, a superset quicker than its sets
    straight; else None."""
    minutes = _minutes(sd, ctx)
    if not full <= minutes <= ctx.profile.minutes_per_session or (
            new.partner is not None and not _pair_saves(new, new.partner, new.sets, ctx)):
        return None
    after = _Tally.of(week.sessions, ctx)
    if (_overdosed(after, was, ctx)
            or any(n > max(ctx.band_cache[m][1], was.muscles[m]) + 1e-9
                   for m, n in after.muscles.items())
            or not _doses_as_well(week.sessions, after, was, ctx)):
        return None
    return after


def _make_rotate(week: _WeekPlan, before: _WeekPlan, ctx: _Context,
                 tried: set[str]) -> str | None:
    """A new block changes at least one accessory: when the week holds only the block before's
    exercises (short sessions, few options), swap one accessory for another of its slot, not
    one the block before held (none of those `tried` before either). The exercise it swapped
    in, or None when the block rotates already or nothing could be swapped."""
    held = _week_ids(before)
    if not _week_ids(week) <= held:
        return None
    was = _Tally.of(week.sessions, ctx)
    # First one that keeps every muscle in its band: one that takes a muscle above it is
    # swapped back for the lighter old one by the fill's cuts (_swap_lighter), and the block
    # would repeat the last. Then, as before, any that fits the session's minutes. Last, where
    # every option takes longer than the old one in a session at its minutes (3 x 21 min, each
    # lift at its fewest sets), a straight accessory's replacement gives sets down to one (the
    # last resort [dosing] min_sets allows very short sessions) rather than the plan repeat its
    # first block (rotation.by-week-7).
    budget = ctx.profile.minutes_per_session
    for in_band, fewer in ((True, False), (False, False), (True, True)):
        for sd in week.sessions:
            used = {d.exercise.id for d in sd.drafts}
            for d in [d for d in sd.drafts if not d.main]:
                # The week's only exercise of a weekly pattern rotates inside its pattern: a
                # calf raise swapped for a leg curl is put back by the fill (pattern.weekly).
                keep = _weekly(d, week.sessions) and not _elsewhere(sd, d, week.sessions)
                # Nor one of a pattern the session holds in another accessory: a leg curl
                # swapped for a second calf raise beside the first (pattern.once-per-session).
                for ex in _candidates(replace(d.slot, main=False), ctx, with_equipment=True):
                    if (ex.id in used or ex.id in held or ex.id in ctx.week_mains
                            or ex.id in tried or ex.mechanic is not d.exercise.mechanic
                            or (keep and ex.pattern is not d.exercise.pattern)
                            or _twin(sd, ex, d)):
                        continue
                    new = _draft(d.slot, ex, ctx, [])
                    new.sets, new.partner = d.sets, d.partner
                    if d.partner is not None:
                        d.partner.partner = new
                    sd.drafts[sd.drafts.index(d)] = new
                    while (fewer and new.partner is None and new.sets > 1
                           and _minutes(sd, ctx) > budget):
                        new.sets -= 1
                    after = _Tally.of(week.sessions, ctx)
                    # Nor, in band, one that adds to a muscle already above its band: the
                    # cuts' lighter swap would put the old one back (a plank for a hollow hold
                    # with core over its top).
                    if (_minutes(sd, ctx) <= budget
                            and not (in_band and (_overdosed(after, was, ctx) or any(
                                was.muscles[m] > ctx.band_cache[m][1] + 1e-9
                                and n > was.muscles[m] + 1e-9
                                for m, n in after.muscles.items())))):
                        week.tally = after
                        return ex.id
                    sd.drafts[sd.drafts.index(new)] = d
                    if d.partner is not None:
                        d.partner.partner = d
    return None


def _removed_by(pattern: Pattern, ctx: _Context) -> list[str]:
    """What in the profile leaves `pattern` out: its --exclude, the --protect areas."""
    p = ctx.profile
    why = [f"--exclude {pattern.value}"] if pattern.value in p.exclude else []
    return why + [f"--protect {a}" for a in p.protect if pattern in ctx.rules.protect[a].patterns]


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _knee_dominant_note(ctx: _Context, first: _WeekPlan) -> list[str]:
    """When no squat and no lunge is allowed, the plan says so and what its legs compounds
    are instead (hip-dominant: the legs main slots' last pattern, sessions.toml)."""
    squat, lunge = _removed_by(Pattern.SQUAT, ctx), _removed_by(Pattern.LUNGE, ctx)
    if not squat or not lunge:
        return []
    legs = sorted({d.exercise.name for sd in first.sessions for d in sd.drafts
                   if d.slot.main and d.region is Region.LEGS})
    return [f"No squats ({' and '.join(squat)}) and no lunges or split squats "
            f"({' and '.join(lunge)}): the legs' main lifts are hip-dominant instead"
            + (f" ({', '.join(legs)})" if legs else "")
            + ", with leg curls and bridges for the hamstrings and glutes; the quadriceps get "
            "only what those lifts give them [session.min-compounds]."]


def _add_load_note(ctx: _Context) -> str:
    """The plan's words for the step up once every set reaches the top of its range: more load,
    and for main lifts with nothing that carries load, what their reasons say instead
    (_progress_step)."""
    mains = [x for i in sorted(ctx.week_mains) if (x := ctx.catalog.get(i)) is not None]
    bodyweight = [x.name for x in mains if not _is_loaded(x)]
    if not bodyweight:
        return "add load when every set reaches the top of its range"
    step = "lower it more slowly, then take the next step its reason names"
    if len(bodyweight) == len(mains):
        return f"no main lift has load to add: when every set reaches the top of its range, {step}"
    return (f"add load when every set reaches the top of its range; {_listed(bodyweight)} "
            f"{'has' if len(bodyweight) == 1 else 'have'} no load to add: {step}")


def _wave_note(ctx: _Context) -> str:
    """What an intermediate's main lifts do across a block, lift by lift: a set wave where one
    was planned (a lift of more than [progression] wave_min_sets sets, in a week whose time
    and bands a set fewer keeps), else a rep wave; the lifts of a block long enough to wave
    that keep their sets and reps, with why; and the blocks too short to wave
    ([progression] wave_min_weeks)."""
    keep = (_add_load_note(ctx) + (
        ", then a deload" if ctx.rules.rotation.deloads(ctx.profile.level, ctx.profile.weeks)
        and ctx.profile.weeks >= ctx.rules.rotation.block_weeks[ctx.profile.level]
        and not ctx.no_deload else ""))

    def lifts(waved: AbstractSet[tuple[int, str]]) -> str:
        blocks: dict[str, list[int]] = {}
        for block, ident in sorted(waved):
            ex = ctx.catalog.get(ident)
            blocks.setdefault(ex.name if ex else ident, []).append(block)
        return "; ".join(f"{name} in block{'s' if len(b) > 1 else ''} {', '.join(map(str, b))}"
                         for name, b in blocks.items())

    waves = []
    if ctx.waved:
        waves.append("a wave, one set fewer in the first half of the block and the full sets "
                     f"in its second, for {lifts(ctx.waved)}")
    if ctx.rep_waved:
        loaded = all(_is_loaded(x) for _, i in ctx.rep_waved
                     if (x := ctx.catalog.get(i)) is not None)
        waves.append("a rep wave, the bottom of the range in the block's first week stepping "
                     "to its top in its last training week at the same load, then "
                     + ("more load" if loaded else "more load (a lift with none to add: the "
                        "harder step its reason names)")
                     + f" and the bottom again next block, for {lifts(ctx.rep_waved)}")
    # Each lift that stays put in a clause of its own, naming it (wave.intermediate reads a
    # clause that names a lift and says it keeps its sets and reps).
    by_why: dict[tuple[str, str], list[int]] = {}
    for (block, ident), why in sorted(ctx.flat.items()):
        ex = ctx.catalog.get(ident)
        by_why.setdefault((ex.name if ex else ident, why), []).append(block)
    least = ctx.rules.progression.wave_min_weeks
    still = [*(f"{name} keeps its sets and reps in block{'s' if len(b) > 1 else ''} "
               f"{', '.join(map(str, b))} ({why})" for (name, why), b in by_why.items()),
             *(f"block {b}, whose {_weeks(n)} of training are too few to wave (it needs "
               f"{least}), keeps its main lifts' sets and reps"
               for b, n in sorted(ctx.short_blocks.items()))]
    return (f"Progression: {'. Also '.join(waves) or 'no main lift waves'}"
            + "".join(f"; {x}" for x in still) + f"; {keep}.")


def _rpe_note(ctx: _Context, first: _WeekPlan) -> str:
    """An advanced plan's progression note: what its main lifts' RPE targets do, as they are."""
    pr = ctx.rules.progression
    mains = [d for sd in first.sessions for d in sd.drafts if d.main]
    rated = [d for d in mains if d.high <= pr.rpe_max_reps]
    lo, hi = pr.high_rep_reserve
    long_sets = (f"sets of more than {pr.rpe_max_reps} reps have no RPE target (past the RPE "
                 f"table's range): stop them with {lo}-{hi} reps in reserve before your form "
                 "would break")
    if not rated:
        return f"Progression: {long_sets}; {_add_load_note(ctx)}."
    a, b = pr.advanced_rpe
    note = (f"Progression: RPE targets on the main lifts rise across each block (RPE {a:g} to "
            f"{b:g})")
    held = Counter(d.exercise.id for d in rated)
    if any(n > 1 for n in held.values()):
        drop, least = pr.light_day_rpe_drop, pr.hard_set_min_rpe
        top = min(b, max(a, least + drop))  # _paired_rpe's first week
        note += ("; a lift that comes more than once a week has one lighter day for each two "
                 "times it comes (twice: heavy, light; three times: one lighter day), its "
                 "heavy day the one with the most sets (the first in a tie) and no lighter "
                 "day with more sets than it; such a lift's heavy days rise from RPE "
                 f"{top:g} to {b:g} and its lighter day sits {drop:g} RPE below (RPE "
                 f"{max(least, top - drop):g} to {max(least, b - drop):g}): the same reps at "
                 f"a lighter load, never below RPE {least:g}, so its sets still count as hard "
                 "sets")
    if len(rated) < len(mains):
        note += f"; {long_sets}"
    return note + "."


def _least_to_wave(ctx: _Context) -> int:
    """The fewest sets a main lift has for the wave to take some off (_week_sets: a wave
    leaves at least [dosing] min_sets and never fewer than 3)."""
    return _wave_floor(ctx) + ctx.rules.progression.wave_sets


def _wave_floor(ctx: _Context) -> int:
    """The fewest sets a wave's lighter week leaves a main lift ([progression] wave_min_sets,
    never below [dosing] min_sets)."""
    return max(ctx.rules.dosing.min_sets, ctx.rules.progression.wave_min_sets)


def _plan_notes(ctx: _Context, shape: WeekShape, block_len: int, first: _WeekPlan,
                week_one: Week, band_notes: list[str]) -> tuple[str, ...]:
    p, r = ctx.profile, ctx.rules
    tally = first.tally
    sets = week_muscle_sets(week_one, r.muscle_volume, p.goal)
    notes = [
        f"{p.days_per_week} sessions a week on {', '.join(w.value for w in shape.weekdays)}, "
        f"at least {r.schedule.min_hours_between_hard} h between hard sessions for the same "
        "region [schedule.recovery].",
    ]
    listed = ", ".join(f"{m} {sets[m]:g} ({ctx.band_cache[m][0]}-{ctx.band_cache[m][1]})"
                       for m in r.muscle_volume.tracked)
    # The goal's assisting muscles ([muscle_volume.assists]) are said, so a strength week's
    # glutes at half of its squats' and hinges' sets read as counted, not as missing.
    assists = "".join(f"; so do the {m} beside the {' or '.join(leads)}"
                      for m, leads in r.muscle_volume.assists.get(p.goal, {}).items())
    notes.append(f"Week 1 hard sets per muscle against the {p.goal.value} band for "
                 f"{p.level.value} lifters (secondary muscles count half{assists}): {listed}; "
                 f"{tally.regions[Region.LEGS]} for legs and {tally.regions[Region.BACK]} for "
                 f"back in all (at most {r.volume.max_sets}) [volume.balance].")
    notes.extend(band_notes)
    notes.extend(first.notes)
    # Sessions of main lifts alone (short ones) have nothing to rotate: the note says so
    # rather than promise new accessories the next block will not hold (issue 10 item 9).
    accessories = any(not d.main for sd in first.sessions for d in sd.drafts)
    notes.append(f"Weeks 1-{min(block_len, p.weeks)} keep the same exercises; accessories "
                 f"rotate every {block_len} weeks while the main lifts stay "
                 "[rotation.by-week-7]." if accessories else
                 "The sessions hold only main lifts, which stay all plan so progress can be "
                 "tracked: no accessory to rotate [rotation.core-lifts-stay].")
    notes.append({
        Level.BEGINNER: f"Progression: the same sets and reps each week; {_add_load_note(ctx)}.",
        Level.INTERMEDIATE: _wave_note(ctx),
        Level.ADVANCED: _rpe_note(ctx, first),
    }[p.level])
    if r.rotation.deloads(p.level, p.weeks) and p.weeks >= block_len and not ctx.no_deload:
        past = r.rotation.deload_past_weeks[p.level]
        pairs = any(d.partner is not None for sd in first.sessions for d in sd.drafts)
        notes.append(f"Every {block_len}th week is a deload: the same lifts with about half "
                     f"the sets{' (supersets fewer rounds)' if pairs else ''}; "
                     f"{_load_cut(ctx)}s."
                     # A level that deloads only in long plans says why this one does, and
                     # that the load climbs again after it.
                     + (f" A plan of more than {past} weeks takes one: a week of clearly "
                        f"less training at least every {r.volume.deload_max_gap} weeks, and "
                        "progression picks up again the week after [deload.regular]."
                        if past else ""))
    elif ctx.no_deload:
        notes.append(f"No deload week: the sessions are already at their fewest sets (one set "
                     f"of each of their {r.dosing.min_compounds} compound lifts), so no week "
                     f"could hold {r.volume.deload_max_share:.0%} of the week before; each "
                     "block's last week stays a normal one [deload.real].")
    for area in p.protect:
        rule = r.protect[area]
        # What stands in, by name from the plan's first block: the rule's own words would
        # promise lifts (a hip thrust) the plan may not hold.
        held = list(dict.fromkeys(d.exercise.name for sd in first.sessions for d in sd.drafts
                                  if d.exercise.pattern in rule.replaced_by))
        notes.append(f"--protect {area}: no {rule.removed}; "
                     + (f"in their place: {_listed(held)} (weeks 1-{min(block_len, p.weeks)}; "
                        "accessories rotate after)." if held else f"{rule.instead} instead."))
    notes.extend(_knee_dominant_note(ctx, first))
    if Pattern.HINGE.value in p.exclude and "lower-back" not in p.protect:
        notes.append("--exclude hinge removes every hinge, hip thrusts and glute bridges "
                     "too; for a sore back, --protect lower-back keeps those (the spine stays "
                     "neutral) and removes what loads it: deadlifts, good mornings, bent-over "
                     "rows and bar-on-back squats.")
    return tuple(notes)
