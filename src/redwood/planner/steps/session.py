"""One session: each exercise's dose (sets, reps, rest), supersets and the seconds a
session's blocks take (the time model the fitting and filling read), the warm-up and
cool-down, and the selection that fills the session's template slots.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from redwood.domain.exercise import Exercise
from redwood.domain.plan import Activity, SessionFocus
from redwood.domain.vocabulary import TRAINED_REGIONS, Equipment, Pattern, Region, full_gym
from redwood.planner.reps import capped_reps, goal_reps
from redwood.planner.steps.choose import _choose, _held_squat_range, _lats_slot
from redwood.planner.steps.context import (
    _BACK,
    _BACKPACK,
    _COMPOUND,
    _CORE_REGION,
    _LEGS,
    _LOADS,
    _PARTNER,
    _REPS,
    _SECONDS,
    _SECONDS_PER_MINUTE,
    _SPRINT,
    PlanError,
    _Context,
    _Draft,
    _SessionDraft,
)
from redwood.rules.sessions import Slot, Templates


def _rep_range(ex: Exercise, ctx: _Context) -> tuple[int, int, str]:
    low, high, why = _goal_range(ex, ctx)
    capped = (capped_reps(ex, low, high, ctx.rules.limits, ctx.goal.band[0])
              if ex.measure is _REPS else None)
    if capped is not None:
        low, high = capped
        why = f"{why}, capped at {high}: more reps than that in a set is beyond most lifters"
    limit = ctx.limited_range(ex) if ex.measure is _REPS else None
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
    if ex.measure is _SECONDS:
        if ex.pattern is Pattern.CARRY:
            return (*t.carry_seconds, "a carry of this length is loaded walking, not a sprint")
        if ex.pattern is Pattern.SPRINT:
            return (*t.sprint_seconds, "short, hard efforts")
        if ex.mechanic is _COMPOUND and "hold" not in ex.tags:
            # A backward sled drag or hill walk: walking, timed like a carry, not a hold.
            return (*t.carry_seconds, "a walk of this length, not a sprint")
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
        minutes = sum([a.minutes for a in sd.warmup]) + sum([a.minutes for a in sd.cooldown])
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
    held: set[Pattern] = set()  # the accessories' patterns so far
    for slot in templates[focus][variant]:
        if skip:
            patterns = tuple(p for p in slot.patterns if p not in skip)
            if not patterns:
                continue
            slot = replace(slot, patterns=patterns)
        if not slot.main and held.intersection(slot.patterns):
            # One accessory of a pattern a session (pattern.once-per-session): a back day's
            # "knee flexion or calves" and "calves or hip abduction" slots, with knee flexion
            # and hip abduction both excluded, held two calf raises.
            patterns = tuple(p for p in slot.patterns if p not in held)
            if not patterns:
                continue
            slot = replace(slot, patterns=patterns)
        picked = _choose(slot, ctx, used, block_index, variant, week_mains, skip)
        if picked is None:
            if slot.main:
                raise _no_exercise(slot, ctx)
            continue
        ex, extra, rotates = picked
        if not slot.main:
            if ex.pattern in held:
                continue
            held.add(ex.pattern)
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
            held.add(got[0].pattern)
    # The pullover comes right after the main lifts: the session opens with its compounds.
    at = sum(d.main for d in drafts)
    drafts[at:at] = lats
    return _SessionDraft(focus, variant, drafts, _warmup(ctx), _cooldown(ctx))


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
