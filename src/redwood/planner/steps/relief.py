"""Relief: sets taken off the heavy days first, a muscle past its band relieved for one
below and the freed room grown again (_grow_relieved); main lifts to the goal's sets
before accessories grow, and sets traded between main lifts where one has room.
"""

from __future__ import annotations

from collections.abc import Sequence

from redwood.planner.steps.context import _Context, _Draft, _SessionDraft
from redwood.planner.steps.fill import _rated, _sets_first_over, _take_set
from redwood.planner.steps.fit import _drop, _elsewhere, _last_rotator
from redwood.planner.steps.grow import _add_exercise, _fill_early_sessions, _grow_mover, _regrow
from redwood.planner.steps.session import _minutes, _units
from redwood.planner.steps.tally import (
    _cap,
    _crowding,
    _floor,
    _knee_flexion_floor,
    _knee_flexion_sets,
    _legs_back_ok,
    _mains_lead,
    _open_muscles,
    _overdosed,
    _repeats,
    _restore,
    _roomy,
    _save,
    _spaced,
    _Tally,
    _WeekPlan,
    _whole_pairs,
)
from redwood.planner.steps.trades import _make_room_for_secondary


def _short_days(sessions: Sequence[_SessionDraft], ctx: _Context,
                slack_min: int = 0) -> list[tuple[_SessionDraft, _Draft, list[_Draft]]]:
    """main.sets-first: a main lift in a session that ends early with fewer sets than its
    lighter days (advanced plans: _lighter_days) or two fewer than a day with the same target;
    each with the days that have more. `slack_min`: a session up to that many minutes past
    the threshold counts as ending early too."""
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session + slack_min
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


def _refill_after_moves(sessions: list[_SessionDraft], ctx: _Context, block_index: int,
                        slack_min: int) -> bool:
    """_fill_early_sessions again after _heavy_days_first moved sets between days: a set (or
    an accessory) that left a session for a main lift's other day can leave it ending early
    while its muscles have room (Tuesday's rows at 3 sets, 20 of 30 min, lats at 12 of 10-16,
    once its curl moved to Wednesday), and no step after this one would fill it (time.use).
    Undone where it leaves a main lift newly short of its other day (main.sets-first, read as
    _short_days reads it with `slack_min`). True when the week changed."""
    saved = _save(*sessions)
    short = len(_short_days(sessions, ctx, slack_min))
    if not _fill_early_sessions(sessions, ctx, block_index):
        return False
    if len(_short_days(sessions, ctx, slack_min)) > short:
        _restore(saved)
        return False
    return True


def _heavy_days_first(sessions: list[_SessionDraft], ctx: _Context, block_index: int,
                      slack_min: int = 0) -> bool:
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
        for sd, d, more in _short_days(sessions, ctx, slack_min):
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
                   and not over.isdisjoint(ctx.share(a.exercise))):  # (its muscles)
            return False
    return False


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


def _make_room_late(sessions: list[_SessionDraft], ctx: _Context, block_index: int,
                    slack_min: int) -> bool:
    """_make_room_for_secondary after the block's late steps (the knee-flexion trade, the
    floors' trades), which can take a main muscle off its top while the muscle in its way stays
    at its own (a second leg curl's sets relieved by a hip thrust's, glutes at 15 of 12-20 with
    every glute lift's half set of hamstrings refused): a few trades, then the freed room grown
    as _use_time grows it. Undone where that leaves a main lift newly short of its other day's
    sets (main.sets-first, read as _short_days reads it with `slack_min`): the repair after it
    would move sets the fill does not grow again; a trade that repeats an accessory past
    [progression] accessory_most_days is undone alone. True when the week changed."""
    saved = _save(*sessions)
    most = ctx.rules.progression.accessory_most_days
    before: tuple[int, int] | None = None  # the week's short days and repeats, once it traded

    def worse() -> bool:
        # A trade that brings an accessory into more than [progression] accessory_most_days
        # sessions is not kept: _spread_accessories ran before them, and a bench reverse
        # hyperextension on four days running is not the variety a coach writes (six days of
        # 90 min in a gym, hypertrophy: each trade added it again for the glutes); the trades
        # before it stay.
        nonlocal before
        if before is None:  # read off the week as it came (most calls trade nothing)
            now = _save(*sessions)
            _restore(saved)
            before = (len(_short_days(sessions, ctx, slack_min)),
                      _repeats(sessions, most, isolation=False))
            _restore(now)
        return (len(_short_days(sessions, ctx, slack_min)) > before[0]
                or _repeats(sessions, most, isolation=False) > before[1])

    # The week is spaced by now (as for _fill_early_sessions): a new isolation exercise keeps
    # isolation.spacing, none of its pattern a day before or after.
    spacing, ctx.spacing[0] = ctx.spacing[0], True
    traded = False
    try:
        for _ in range(4):  # each trade shrinks the main muscles' room: a few at most
            step = _save(*sessions)
            if not _make_room_for_secondary(sessions, ctx, block_index):
                break
            if worse():
                _restore(step)
                break
            traded = True
    finally:
        ctx.spacing[0] = spacing
    if not traded:
        return False
    _regrow(sessions, ctx)
    if worse():
        _restore(saved)
        return False
    return True
