"""Progression across a block: deloads, set and rep waves, RPE targets and lighter days,
and the sets of each week (_WeekSpec, _week_sets) with the words that explain them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from redwood.domain.vocabulary import TRAINED_REGIONS, Equipment, Measure, Region
from redwood.planner.steps.context import (
    _ADVANCED,
    _BEGINNER,
    _HINGE,
    _INTERMEDIATE,
    _REPS,
    _SECONDS_PER_MINUTE,
    _Context,
    _Draft,
    _is_loaded,
    _open_to,
    _SessionDraft,
)
from redwood.planner.steps.session import (
    _bookends,
    _minutes,
    _reps_seconds,
    _seconds,
    _unit_seconds,
    _units,
)
from redwood.planner.steps.tally import _near_spaced, _open_muscles, _WeekPlan


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
    rpe: dict[int, float] = field(default_factory=dict, compare=False)
    """This week's RPE target by draft (id) for main lifts whose effort waves (_week_sets)."""


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
    if (ctx.profile.level is not _INTERMEDIATE or spec.deload
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


def _effort_target(d: _Draft, spec: _WeekSpec, ctx: _Context) -> float | None:
    """The week's RPE target in an intermediate's effort wave ([progression] effort_wave_rpe:
    the first in the block's first week, the second in its last training week, evenly between
    by half points), or None where the lift cannot have one (no effort wave in the rules, or
    sets of more than rpe_max_reps reps, past the RPE table: rpe.hard-sets)."""
    pr = ctx.rules.progression
    if pr.effort_wave_rpe is None or d.high > pr.rpe_max_reps:
        return None
    lo, hi = pr.effort_wave_rpe
    step = (hi - lo) * (spec.position - 1) / (spec.training_weeks - 1)
    return min(hi, _round_half(lo + step))


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
    if (ctx.profile.level is _INTERMEDIATE and not spec.deload
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
    short = False
    for m in ctx.rules.muscle_volume.tracked:  # a loop, not any() over a generator: per week
        if week.tally.muscles[m] < ctx.band_cache[m][0] - 1e-9:
            short = True
            break
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
                  and not ctx.rep_wave_ok.get((spec.block_index, id(d)))
                  # Only where the block's first week cut it: another lift's rep wave frees
                  # fewer minutes each week, and a cut first allowed in week 2 took a row
                  # from 5 x 20 to 4 x 20 and back (wave.intermediate, plan_space seed 18).
                  and (spec.position == 1
                       or (spec.block_index, id(d)) in ctx.cut_drafts)):
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
                # Decided in the block's first week, where the wave saves the most time: a
                # session that keeps its minutes then keeps them every week of the block. A
                # session it leaves under the floor may end early only where no main muscle
                # has room for a set (time.use), and no set wave this week gives one room.
                # (Worked out in that week only: the later weeks read the answer.)
                key = (spec.block_index, id(d))
                ok = ctx.rep_wave_ok.get(key)
                if ok is None:
                    lost = n * (d.set_s - _reps_seconds(d, _wave_bottom(d, ctx), ctx))
                    left = math.ceil((seconds - lost) / _SECONDS_PER_MINUTE + bookends - 1e-9)
                    ok = ctx.rep_wave_ok[key] = (left >= wave_floor or (
                        not cut and not short and _spent_muscles(week, ctx)))
                if ok:
                    target = _wave_target(d, spec, ctx)
                    spec.reps[id(d)] = target
                    seconds -= n * (d.set_s - _reps_seconds(d, target, ctx))
                    ctx.rep_waved.add((spec.block_index, d.exercise.id))
                else:
                    why = (f"a lighter week's fewer reps would leave its session under "
                           f"{math.ceil(wave_floor - 1e-9)} of its "
                           f"{ctx.profile.minutes_per_session} minutes while a muscle could "
                           "take more sets")
                    effort = _effort_target(d, spec, ctx)
                    if effort is None:
                        most = ctx.rules.progression.rpe_max_reps
                        _flat(d, spec, ctx, why + (
                            f", and its sets of more than {most} reps are past the RPE "
                            "table, so no RPE target can step up instead"
                            if d.high > most else ""))
                    else:
                        # The same sets and reps, a harder effort each week: the load rises
                        # and the session keeps its minutes (an effort wave).
                        spec.rpe[id(d)] = effort
                        ctx.effort_waved.setdefault((spec.block_index, d.exercise.id), why)
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
    return (ctx.profile.level is _INTERMEDIATE and not spec.deload
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
    hours = ctx.rules.schedule.min_hours_between_hard
    for _ in range(50):  # halving can tip the balance: the heavier region's accessories give
        heavy = _heavier(week, sets, ctx)
        if heavy is None:
            return
        options = [(d, d.exercise.pattern in _near_spaced(sd, week.sessions, hours))
                   for sd in week.sessions for d in sd.drafts
                   if d.region is heavy and not d.main and d.partner is None and sets[id(d)]]
        if not options:
            return
        # An isolation set within 48 h of its pattern's other day goes first (a deload that
        # leaves out the well-spaced calf raise keeps the crowded pair: isolation.spacing).
        d, _ = max(options, key=lambda t: (sets[id(t[0])], t[1], -t[0].slot.keep))
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
        effort = spec.rpe.get(id(d))
        if effort is not None:
            pr = ctx.rules.progression
            lo, hi = pr.effort_wave_rpe or (effort, effort)
            why = ctx.effort_waved.get((spec.block_index, d.exercise.id), "")
            harder = ("more load" if _is_loaded(d.exercise) else
                      f"a harder rep (no load to add: lower over {pr.slow_lowering_s} s, "
                      f"then pause {pr.pause_s} s at its hardest point)")
            return [f"Block {spec.block_index}, week {spec.position}: RPE {effort:g} "
                    f"({_in_reserve(effort)} reps in reserve) at the block's same sets and "
                    f"reps, stepping from RPE {lo:g} in its first week to {hi:g} in week "
                    f"{spec.training_weeks} with {harder} each week (an effort wave, not a rep "
                    f"wave: {why}); the next block starts again at RPE {lo:g}."]
        if n < d.sets:
            return [f"Block {spec.block_index}, week {spec.position}: {n} sets, building to "
                    f"{d.sets} in the second half of the block (a wave)."]
        least_weeks = ctx.rules.progression.wave_min_weeks
        if spec.training_weeks < least_weeks:
            return [f"Same sets and reps this block: {_weeks(spec.training_weeks)} of "
                    f"training before the next block is too short for a wave (it needs "
                    f"{least_weeks}); "
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


def _least_to_wave(ctx: _Context) -> int:
    """The fewest sets a main lift has for the wave to take some off (_week_sets: a wave
    leaves at least [dosing] min_sets and never fewer than 3)."""
    return _wave_floor(ctx) + ctx.rules.progression.wave_sets


def _wave_floor(ctx: _Context) -> int:
    """The fewest sets a wave's lighter week leaves a main lift ([progression] wave_min_sets,
    never below [dosing] min_sets)."""
    return max(ctx.rules.dosing.min_sets, ctx.rules.progression.wave_min_sets)
