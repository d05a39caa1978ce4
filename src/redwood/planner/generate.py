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
   above the goal's sets), or a second curl on a day 48 h from the first (the first a set
   lighter where two and two fit and three and two would not);
5. stamp the weeks with dates and progression: beginners repeat the scheme and add load,
   intermediates wave their main-lift sets across the block, advanced lifters get RPE targets
   and lighter days; deload weeks halve every exercise's sets.

Every prescription carries `why`: sentences that each name the rule they follow, e.g.
"[reps.goal-range]", and state the item's own sets, reps and rest.

The steps live in redwood.planner.steps, one module per step (bottom layer first): context,
choose, session, week_patterns, tally, progression, fit, grow, trades, fill, relief, floors,
isolation, notes, week, stamp.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from redwood.catalog.loader import Catalog
from redwood.domain.plan import Plan, Profile, SessionFocus, Week
from redwood.domain.vocabulary import Goal, Weekday
from redwood.planner.schedule import plan_week, session_dates
from redwood.planner.steps.context import PlanError, _Context
from redwood.planner.steps.floors import (
    _cut_needless_past_top,
    _floors_before_tops,
    _floors_from_spent_sets,
    _legs_over_small,
)
from redwood.planner.steps.grow import _fill_early_sessions, _grow_last_resort
from redwood.planner.steps.notes import _plan_notes, _spacing_notes, _with_band_notes
from redwood.planner.steps.progression import _can_deload, _WeekSpec
from redwood.planner.steps.relief import (
    _heavy_days_first,
    _mains_last,
    _make_room_late,
    _refill_after_moves,
    _short_days,
)
from redwood.planner.steps.stamp import _stamp_week
from redwood.planner.steps.tally import _Tally, _WeekPlan
from redwood.planner.steps.week import _block_week, _rotated_block_week
from redwood.rules import Rules
from redwood.rules.sessions import Templates, load_templates

__all__ = ["PlanError", "generate_plan"]


# How much shorter than its block's draft a stamped week of a rep wave can run (fewer reps in
# the block's first weeks): the late main.sets-first repair treats a session this close to
# [dosing] min_time_use as ending early, as check reads the shortest week.
_WAVE_SLACK_MIN = 3

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
            # Then, in a full week, the sets of muscles at their tops (or of no main muscle)
            # give their minutes to a main muscle below its floor (issue 10 item 2).
            if _floors_from_spent_sets(cache[block_index].sessions, ctx):
                cache[block_index].tally = _Tally.of(cache[block_index].sessions, ctx)
            # The core and calves never end the week above a leg muscle: a set of theirs the
            # floors can spare makes way for the legs (issue 10 item 2).
            if _legs_over_small(cache[block_index].sessions, ctx, block_index):
                cache[block_index].tally = _Tally.of(cache[block_index].sessions, ctx)
            # Its trades can leave the sore knees' last-resort hold below its session's main
            # sets beside a session ending early: it grows there (time.use).
            if _grow_last_resort(cache[block_index].sessions, ctx):
                cache[block_index].tally = _Tally.of(cache[block_index].sessions, ctx)
            # The knee-flexion trade and the floors' steps after the block's time steps can
            # leave a main muscle held only by another's half sets (glutes at 15 of 12-20
            # beside hamstrings at their top): the make-room trade runs again (time.use).
            if _make_room_late(cache[block_index].sessions, ctx, block_index, _WAVE_SLACK_MIN):
                cache[block_index].tally = _Tally.of(cache[block_index].sessions, ctx)
            # A session still ending early while a main muscle has room: main lifts' sets
            # first, then a new accessory for the muscle furthest below its top (time.use,
            # issue 10 item 1).
            if _fill_early_sessions(cache[block_index].sessions, ctx, block_index):
                cache[block_index].tally = _Tally.of(cache[block_index].sessions, ctx)
            # A muscle past its top through sets no rule requires gives them up (a main lift's
            # set that braced the core while the quadriceps were below their floor, which
            # other lifts reached after: volume.muscle-bands).
            if _cut_needless_past_top(cache[block_index].sessions, ctx, block_index):
                cache[block_index].tally = _Tally.of(cache[block_index].sessions, ctx)
            # Those late steps can leave a main lift two sets short of its other day in a
            # session that ends early (a Friday pistol squat at 2 beside Monday's 4): a set
            # moves or grows there (main.sets-first). The block's rep-wave weeks run shorter
            # than its draft (fewer reps in the first weeks), and check reads every week: a
            # session within _WAVE_SLACK_MIN minutes of the threshold counts as ending early.
            if (_short_days(cache[block_index].sessions, ctx, _WAVE_SLACK_MIN)
                    and _heavy_days_first(cache[block_index].sessions, ctx, block_index,
                                          _WAVE_SLACK_MIN)):
                # The moved sets can leave the giving day ending early with room: it fills
                # again where that keeps main.sets-first.
                _refill_after_moves(cache[block_index].sessions, ctx, block_index,
                                    _WAVE_SLACK_MIN)
                cache[block_index].tally = _Tally.of(cache[block_index].sessions, ctx)
                # A set moved to a main lift's other day can leave it past a muscle's top
                # above its floor (an inverted row at 5 beside accessories moved to 4).
                if _cut_needless_past_top(cache[block_index].sessions, ctx, block_index,
                                          _WAVE_SLACK_MIN):
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
