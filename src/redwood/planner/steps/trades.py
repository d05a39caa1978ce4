"""Trades: an exercise that overdoses a muscle swapped for a lighter one; a set given up
by a muscle at or past its band for one below, inside a session's minutes (by region,
by floor, by session time, by balance); and the minutes a session leaves unused given
to the muscles with room (time.use), keeping knee flexion at its floor.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from functools import partial
from operator import itemgetter

from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import Measure, Pattern, Region
from redwood.planner.steps.choose import _unloaded_stand_in
from redwood.planner.steps.context import (
    _COMPOUND,
    _FULL_BODY,
    _FULL_DAY,
    _HINGE,
    _LOADS,
    WEEKLY_PATTERNS,
    _Context,
    _Draft,
    _SessionDraft,
)
from redwood.planner.steps.fit import _drop, _elsewhere, _last_rotator, _weekly
from redwood.planner.steps.grow import (
    _add_exercise,
    _grow,
    _grow_lift,
    _grow_mover,
    _grow_short_bookends,
    _led,
    _lift_muscle,
    _relocate,
    _relocate_to_grow,
    _time_use_start,
)
from redwood.planner.steps.session import _draft, _fits, _minutes, _pair, _unit_seconds, _units
from redwood.planner.steps.tally import (
    _at_weekly_cap,
    _cap,
    _crowding,
    _extra_draft,
    _floor,
    _floor_gap,
    _knee_flexion_floor,
    _knee_flexion_options,
    _knee_flexion_sets,
    _legs_back_ok,
    _mains_lead,
    _muscle_options,
    _near_spaced,
    _overdosed,
    _restore,
    _room_gap,
    _roomy,
    _save,
    _Saved,
    _Tally,
    _trains,
    _whole_pairs,
)
from redwood.planner.steps.week_patterns import (
    _can_host,
    _extra_slot,
    _near_patterns,
    _week_patterns,
)
from redwood.planner.volume import room_for_a_set


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
                or _trade_blocked(sessions, ctx, block_index)
                or _make_room_for_secondary(sessions, ctx, block_index)
                or _relocate_via(sessions, ctx)
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
    tally, gap, was_early = start
    led = _led(sessions)
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
                   and d.exercise.pattern is not _HINGE and d.sets < _cap(d, giver, ctx)
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
    tally, gap, early = start
    led = _led(sessions)
    main = ctx.rules.muscle_volume.main
    roomy = _roomy(tally, ctx)
    for muscle in sorted(main, key=lambda m: tally.muscles[m] - ctx.band_cache[m][1]):
        if not room_for_a_set(tally.muscles[muscle], ctx.band_cache[muscle][1]):
            break
        if _trade_for(sessions, ctx, tally, muscle, gap, block_index, _room_gap,
                      lambda: _no_new_breaks(sessions, ctx, early, led, roomy)):
            return True
    return False


def _secondary_excess(muscle: str, tally: _Tally, sessions: Sequence[_SessionDraft],
                      ctx: _Context) -> list[tuple[tuple[str, int], ...]]:
    """For each lift of `muscle` refused only by its secondary (half) shares (a new one at its
    fewest sets, or one of the week's a set more, whose prime movers and region have the room):
    the muscles it would take past their tops, each with the whole sets of direct work they
    would have to give up for it to fit; each such set of blockers once, fewest sets first."""
    bands, most = ctx.band_cache, ctx.rules.volume.max_sets
    lifts = [(ex, _extra_draft(ex, ctx).sets) for ex in _muscle_options(muscle, ctx)] + [
        (d.exercise, 1) for sd in sessions for d in sd.drafts
        if ctx.share(d.exercise).get(muscle, 0.0) >= 1.0]
    found: set[tuple[tuple[str, int], ...]] = set()
    for ex, n in lifts:
        if ex.region in tally.regions and tally.regions[ex.region] + n > most:
            continue
        items = ctx.share_items(ex)
        if any(sh >= 1.0 and tally.muscles[m] + sh * n > bands[m][1] + 1e-9 for m, sh in items):
            continue  # a prime mover past its top: no direct set given elsewhere mends that
        over = tuple(sorted((m, math.ceil(tally.muscles[m] + sh * n - bands[m][1] - 1e-9))
                            for m, sh in items
                            if sh < 1.0 and tally.muscles[m] + sh * n > bands[m][1] + 1e-9))
        if over:
            found.add(over)
    return sorted(found, key=lambda over: (sum(k for _, k in over), over))


def _spares_for(d: _Draft, blocker: str, muscle: str, tally: _Tally, ctx: _Context) -> bool:
    """Whether `d` may give sets for `muscle`'s lift: it trains no main muscle as a prime mover
    but `blocker` and those at least two sets nearer their tops than `muscle` (_closer)."""
    main = ctx.rules.muscle_volume.main
    return all(sh < 1.0 or m == blocker or m not in main
               or (m != muscle and _closer(m, muscle, tally, ctx)) for m, sh in d.shares)


def _direct_donors(blocker: str, muscle: str, sessions: Sequence[_SessionDraft],
                   ctx: _Context, tally: _Tally) -> list[tuple[_SessionDraft, tuple[_Draft, ...]]]:
    """The week's units (a straight lift, a superset's pair) holding an exercise whose prime mover
    is `blocker` (a leg curl for the hamstrings, a plank for the core, a rear-delt raise for the
    upper back), none of whose exercises trains `muscle` as a prime mover, nor another main
    muscle further below its top than `muscle` (_closer), with more sets than the fewest a
    trade leaves them (_fewest_given): accessories before main lifts, straight sets before a
    superset's round, those that train no other main muscle first, then the most sets."""
    main = ctx.rules.muscle_volume.main
    donors = [(sd, unit) for sd in sessions for unit in _units(sd)
              if unit[0].sets > _fewest_given(unit[0], sd, ctx)
              and any(ctx.share(d.exercise).get(blocker, 0.0) >= 1.0 for d in unit)
              and all(_spares_for(d, blocker, muscle, tally, ctx) for d in unit)]
    donors.sort(key=lambda t: (t[1][0].main, len(t[1]),
                               sum(1 for d in t[1] for m, sh in d.shares
                                   if sh >= 1.0 and m in main and m != blocker),
                               -t[1][0].sets))
    return donors


def _make_room_for_secondary(sessions: list[_SessionDraft], ctx: _Context,
                             block_index: int) -> bool:
    """A session ends early (time.use) while a main muscle sits a whole set below its top and
    its lifts are refused only because their secondary (half) share would take another muscle
    past its top (glutes at 11 of 8-14, a bench reverse hyperextension's half set of hamstrings
    at 14 of 8-14; quadriceps at 14 of 10-18, a reverse Nordic's half set of core at 8 of 4-8):
    a coach makes room. A set (or the few needed) comes off the week's work whose prime mover is
    the blocking muscle and not the short one (_direct_donors: a leg curl for the hamstrings, a
    plank for the core, a main lift only above the goal's compound_sets), none below the rules'
    fewest, and the short muscle's lift takes the room: a new accessory where a session has the
    minutes, else a set more of one of the week's. Not while knee flexion is below its floor for
    the muscles its curls train (their room is the curls', [muscle_volume.knee_flexion]), nor
    for a blocker above its top or one the set would take below its floor. Kept only when the
    blocker ends inside its band, the short muscle gains, the main muscles' room shrinks, no
    floor falls short, nothing is overdosed, knee flexion keeps its sets, legs:back holds,
    supersets stay whole, every session keeps its minutes, no session that used them ends
    early and main lifts keep the most sets (_no_new_breaks); True when it traded."""
    start = _time_use_start(sessions, ctx)
    if start is None:
        return False
    tally, gap, early = start
    led = _led(sessions)
    main, bands = ctx.rules.muscle_volume.main, ctx.band_cache
    roomy = _roomy(tally, ctx)
    floor_gap = _floor_gap(tally, ctx)
    kf = min(_knee_flexion_sets(sessions), _knee_flexion_floor(ctx))
    # Knee flexion below its floor keeps the room its curls' muscles have for the steps that
    # bring it there ([muscle_volume.knee_flexion]): a hip thrust's hamstring set given for a
    # reverse hyperextension's is a set those curls then add past the hamstrings' top.
    curled = (frozenset(m for ex in _knee_flexion_options(ctx) for m, sh in ctx.share_items(ex)
                        if sh >= 1.0)
              if kf < _knee_flexion_floor(ctx) else frozenset())
    for muscle in sorted(main, key=lambda m: tally.muscles[m] - bands[m][1]):
        if not room_for_a_set(tally.muscles[muscle], bands[muscle][1]):
            break
        for over in _secondary_excess(muscle, tally, sessions, ctx):
            if any(tally.muscles[m] - k < bands[m][0] - 1e-9 or m in curled
                   or tally.muscles[m] > bands[m][1] + 1e-9 for m, k in over):
                continue  # the blocker would fall below its floor, or sits above its top
            saved = _save(*sessions)
            if (all(_give_direct(m, k, muscle, sessions, ctx) for m, k in over)
                    and _lift_after_room(sessions, ctx, block_index, muscle)):
                after = _Tally.of(sessions, ctx)
                if (after.muscles[muscle] > tally.muscles[muscle] + 1e-9
                        and all(after.muscles[m] <= bands[m][1] + 1e-9 for m, _ in over)
                        and _room_gap(after, ctx) < gap - 1e-9
                        and _floor_gap(after, ctx) <= floor_gap + 1e-9
                        and not _overdosed(after, tally, ctx)
                        and _knee_flexion_sets(sessions) >= kf
                        and _legs_back_ok(after, ctx) and _whole_pairs(sessions, ctx)
                        and all(_minutes(sd, ctx) <= ctx.profile.minutes_per_session
                                for sd in sessions)
                        and _no_new_breaks(sessions, ctx, early, led, roomy)):
                    return True
            _restore(saved)
    return False


def _fewest_given(d: _Draft, sd: _SessionDraft, ctx: _Context) -> int:
    """The fewest sets a make-room trade leaves `d`: the rules' fewest (_floor), and a main lift
    the goal's compound_sets (the sets the planner starts it at: a two-set main lift is an
    afterthought, and extra time goes to main lifts first)."""
    least = _floor(d, sd, ctx)
    return max(least, ctx.goal.compound_sets) if d.main else least


def _closer(other: str, muscle: str, tally: _Tally, ctx: _Context) -> bool:
    """Whether main muscle `other` sits at least two sets nearer its top than `muscle`: a set of
    it may go for `muscle`'s lift (a lunge's set for a leg curl's while the quadriceps sit at
    their top and the hamstrings far below theirs), never the other way round."""
    bands = ctx.band_cache
    return bands[other][1] - tally.muscles[other] + 2 <= bands[muscle][1] - tally.muscles[muscle]


def _give_direct(blocker: str, sets: int, muscle: str, sessions: list[_SessionDraft],
                 ctx: _Context) -> bool:
    """`sets` sets off the week's direct work of `blocker` (_direct_donors; a superset a round
    off both), each donor down to the fewest a trade leaves it at most; where they do not have
    that many to give, one whole accessory of `blocker` the week can spare instead (below);
    False when neither."""
    tally = _Tally.of(sessions, ctx)
    given: list[tuple[_Draft, int]] = []
    for sd, unit in _direct_donors(blocker, muscle, sessions, ctx, tally):
        while sets and unit[0].sets > _fewest_given(unit[0], sd, ctx):
            for d in unit:
                given.append((d, d.sets))
                d.sets -= 1
            sets -= 1
        if not sets:
            return True
    for d, n in reversed(given):
        d.sets = n
    # Every donor at its fewest sets: a whole accessory of `blocker` goes where the
    # week keeps its pattern (a fourth leg curl of three sets, knee flexion at 12 of its floor
    # of 4, for a hip thrust on the squat day), a straight one first (its session re-pairs
    # what is left), then the fewest sets; its sets may be more than the trade asks, and the
    # checks after it judge the week it leaves.
    whole = [(sd, d) for sd in sessions for d in sd.drafts
             if not d.main and d.sets >= sets
             and ctx.share(d.exercise).get(blocker, 0.0) >= 1.0
             and _spares_for(d, blocker, muscle, tally, ctx)
             and _elsewhere(sd, d, sessions) and not _last_rotator(d, sessions)]
    if not whole:
        return False
    sd, d = min(whole, key=lambda t: (t[1].partner is not None, t[1].sets))
    _drop(sd, d, ctx)
    return True


def _lift_after_room(sessions: list[_SessionDraft], ctx: _Context, block_index: int,
                     muscle: str) -> bool:
    """`muscle`'s lift in the room a given set made: a new accessory where a session has the
    minutes (what fills a session ending early), else a set more of one of the week's."""
    now = _Tally.of(sessions, ctx)
    one = frozenset((muscle,))
    return (_add_exercise(sessions, ctx, now, block_index, muscle)
            or any(_grow_lift(sd, ctx, now, one) for sd in sessions))


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
            if muscle in loads or not blocking & loads or any(d.main for d in unit):
                continue
            if _trade_unit(sessions, ctx, sd, unit, muscle, gap, block_index, measure, guard):
                return True
    return False


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
    # main muscle with room) are what a given set would undo. A muscle above its top (the core
    # half a set over from the pistols' and rows' bracing) does not stop it: _floor_kept keeps
    # only trades that leave such a muscle no higher, so its excuse (other rules' fewest sets,
    # volume.muscle-bands) stands.
    if any(_minutes(sd, ctx) < least for sd in sessions):
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

    # Each short muscle's trade is tried and the one that leaves the floors' shortfall least is
    # kept, not the furthest-below muscle's alone: with the glutes at half beside the
    # quadriceps (hypertrophy too), a glute bridge for glutes at 8 of 10-18 spent the minutes a
    # bodyweight squat would have given the quadriceps (8 of 10-18) and the glutes alike
    # (4 x 30 min at home, no kit: quadriceps left at 8).
    start = _save(*sessions)
    best: tuple[float, _Saved] | None = None
    for muscle in sorted(tally.muscles, key=lambda m: tally.muscles[m] - ctx.band_cache[m][0]):
        if tally.muscles[muscle] >= ctx.band_cache[muscle][0] - 1e-9:
            break
        if _give_for(sessions, ctx, muscle, partial(take, muscle)):
            left = _floor_gap(_Tally.of(sessions, ctx), ctx)
            if left <= 1e-9:  # every floor met: no other muscle's trade can do better
                return True
            if best is None or left < best[0] - 1e-9:
                best = (left, _save(*sessions))
        _restore(start)
    if best is None:
        return False
    _restore(best[1])
    return True


def _floor_kept(sessions: list[_SessionDraft], ctx: _Context, before: _Tally, start: _Tally,
                muscle: str, gap: float, led: set[int], least: float) -> bool:
    """Whether a step that lifted `muscle` (below its floor) is worth keeping: the muscle and the
    floors' shortfall (`gap`) gained, no muscle taken below its floor (or further below it) nor
    past its top (or, already above it, higher), nothing overdosed against `start`, legs:back
    in balance, supersets whole, every session between `least` minutes and its budget and main
    lifts still leading where they did (the sessions in `led`)."""
    after = _Tally.of(sessions, ctx)
    bands = ctx.band_cache
    budget = ctx.profile.minutes_per_session
    return (after.muscles[muscle] > before.muscles[muscle] + 1e-9
            and _floor_gap(after, ctx) < gap - 1e-9
            and all(bands[m][0] - 1e-9 <= n <= max(bands[m][1], before.muscles[m]) + 1e-9
                    or before.muscles[m] - 1e-9 <= n < bands[m][0]
                    for m, n in after.muscles.items())
            and not _overdosed(after, start, ctx) and _legs_back_ok(after, ctx)
            and _whole_pairs(sessions, ctx)
            and all(least <= _minutes(sd, ctx) <= budget and (i not in led or _mains_lead(sd))
                    for i, sd in enumerate(sessions)))


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


def _give_set(sessions: list[_SessionDraft], ctx: _Context, sd: _SessionDraft,
              unit: tuple[_Draft, ...], split: bool = False) -> bool:
    """A set off `unit` (a round off a superset), or `unit`, a lone accessory at its floor, out
    of the week where the week keeps its pattern elsewhere (a main lift never leaves: the
    session keeps its compounds): what a trade gives. `split` (the trades that give a set for
    another muscle's lift, _trade_unit and _floors_from_spent_sets): a superset at its fewest
    rounds may lose one of its exercises (_superset_leaver). False when the rules allow none
    of these."""
    first = unit[0]
    if first.sets > _floor(first, sd, ctx):
        for d in unit:
            d.sets -= 1
    elif (len(unit) == 1 and not first.main and _elsewhere(sd, first, sessions)
          and not _last_rotator(first, sessions)):
        _drop(sd, first, ctx)
    elif split and (leaves := _superset_leaver(sessions, ctx, sd, unit)) is not None:
        _drop(sd, leaves, ctx)
    else:
        return False
    return True


def _superset_leaver(sessions: list[_SessionDraft], ctx: _Context, sd: _SessionDraft,
                     unit: tuple[_Draft, ...]) -> _Draft | None:
    """The exercise of a superset at its fewest rounds that may leave the week (its partner
    then goes straight, or pairs anew): one whose pattern the week keeps elsewhere or needs
    not (a rear-delt raise beside Thursday's, a calf raise, not the week's only one), that is
    not the last accessory to rotate, and whose sets every muscle it trains can spare above
    its floor (secondary muscles at half); the one training the fewest main muscles as a prime
    mover first. None when neither may: a set of a superset at its fewest rounds has no other
    way to go."""
    if len(unit) != 2 or any(d.main for d in unit):
        return None
    tally = _Tally.of(sessions, ctx)
    main = ctx.rules.muscle_volume.main
    options = [d for d in unit
               if (not _weekly(d, sessions) or _elsewhere(sd, d, sessions))
               and not _last_rotator(d, sessions)
               and all(tally.muscles[m] - sh * d.sets >= ctx.band_cache[m][0] - 1e-9
                       for m, sh in d.shares if sh)]
    return min(options, key=lambda d: sum(1 for m, sh in d.shares if sh >= 1.0 and m in main),
               default=None)


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
    hours = ctx.rules.schedule.min_hours_between_hard
    # (read only where _give_set may split the unit: a superset at its fewest rounds)
    crowded = (_crowding(sessions, hours) if len(unit) == 2
               and unit[0].sets <= _floor(unit[0], sd, ctx) else 0)
    if not _give_set(sessions, ctx, sd, unit, split=True):
        return False
    # A superset split for the trade (_superset_leaver) re-pairs its session: the lift that
    # takes the room then keeps the week's isolation work no closer than it was (a curl on
    # Thursday beside Friday's for a prone Y-T-W raise gives the week nothing a coach wants).
    split = len(unit) == 2 and any(d not in sd.drafts for d in unit)
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
            and (not split or _crowding(sessions, hours) <= crowded)
            and (guard is None or guard())):
        return True
    _restore(saved)  # the week exactly as it was
    return False


def _swap_in(sd: _SessionDraft, d: _Draft, ex: Exercise, ctx: _Context) -> bool:
    """Put `ex` in `d`'s place (its sets and partner, never swapped again) when the session
    still fits its minutes; False, and nothing changed, when it would not. An isolation lift
    in a compound's superset (a sissy squat for a dumbbell front squat) can leave the session
    two mixed pairs, one's isolation before the other's compound (session.compound-first):
    the session pairs again, like with like."""
    saved = _save(sd)
    new = _draft(_extra_slot(ex.pattern, ex.region), ex, ctx, [])
    new.sets, new.partner, new.rotates, new.swapped = d.sets, d.partner, False, True
    if d.partner is not None:
        d.partner.partner = new
    sd.drafts[sd.drafts.index(d)] = new
    if d.partner is not None and new.compound is not d.compound and not _compounds_first(sd):
        _pair(sd, ctx)
    if _minutes(sd, ctx) <= ctx.profile.minutes_per_session and _compounds_first(sd):
        return True
    _restore(saved)
    return False


def _compounds_first(sd: _SessionDraft) -> bool:
    """Whether the session's order (_units) has no compound lift after an isolation move."""
    isolation = False
    for unit in _units(sd):
        for x in unit:
            if not x.compound:
                isolation = True
            elif isolation:
                return False
    return True


def _relief(d: _Draft, over: set[str], full: set[Region], ctx: _Context) -> float:
    """How much one set of `d` loads the overdosed muscles and regions."""
    load: float = 0  # added up in the shares' order, as sum() would
    for m, sh in ctx.share_items(d.exercise):
        if m in over:
            load += sh
    return load + (1.0 if d.region in full else 0.0)


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
                  full: set[Region], week: Sequence[_SessionDraft], ctx: _Context,
                  over_key: frozenset[str] | None = None, load: float | None = None) -> bool:
    """Swap an accessory for one of its region and kind that loads the overdosed muscles less
    and takes no muscle above its band (of its own pattern when the week needs that pattern).
    `over_key` and `load`: frozenset(over) and what a set of d loads them (_over_load), where
    the caller has them (the cuts score every draft before they try a swap)."""
    if load is None:
        now = _relief(d, over, full, ctx) - (1.0 if d.region in full else 0.0)
    else:  # _relief's sum from the load it adds up (the same float, the same order)
        extra = 1.0 if d.region in full else 0.0
        now = load + extra - extra
    # Every option is of d's region (_lighter_kind): a compound one can go here when d's region is
    # loaded here (_can_host), whichever it is.
    region = d.region
    hosts = (sd.focus is _FULL_DAY if region is _FULL_BODY
             else region in sd.focus.hard_regions)
    options = _lighter_options(d, over, None, d.compound and hosts, ctx, over_key)
    if not options or options[0][0] >= now:
        return False  # nothing loads them less (the week-wide checks below are not needed)
    used = {x.exercise.id for x in sd.drafts}
    if _weekly(d, week) and not _elsewhere(sd, d, week):
        options = _lighter_options(d, over, d.exercise.pattern, d.compound and hosts, ctx,
                                   over_key)
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
        if ex.pattern in twins:
            continue  # pattern.once-per-session (the compound part of _can_host: the options)
        # Each of the option's muscles without d's sets and with its own, against the top of
        # its band (or what it has, if above): worked out for the option's few muscles only,
        # not for every muscle once per call. Asked before the checks that read the week (it
        # refuses most options: 4 in 5 of those it is asked of), as every check only refuses.
        for m, sh in items:
            have = muscles[m]
            if have - mine.get(m, 0.0) * sets + sh * sets > max(bands[m][1], have) + 1e-9:
                break  # the swap would take this muscle above its band (or further above)
        else:
            if ex.mechanic is not _COMPOUND and ex.pattern not in WEEKLY_PATTERNS:
                if near is None:
                    near = _near_patterns(sd, week, ctx)
                if ex.pattern in near:
                    continue  # nor the hip abduction Monday's session already holds on Tuesday
            elif (ctx.spacing[0] and ex.mechanic is not _COMPOUND
                  and ex.pattern is not d.exercise.pattern and ex.pattern is not Pattern.CORE):
                if near_spaced is None:
                    near_spaced = _near_spaced(sd, week,
                                               ctx.rules.schedule.min_hours_between_hard)
                if ex.pattern in near_spaced:
                    continue  # nor a calf raise for a leg extension beside Saturday's calf raise
            if _at_weekly_cap(ex, week, ctx, d):
                continue
            if ex.pattern is _HINGE:
                # A hinge stands in only for a hinge of a hinge day, as _add_exercise adds none
                # to a hinge day: a hip thrust in place of the front squat beside Monday's
                # deadlift is a second hinge that session (glutes at half beside the quadriceps
                # in hypertrophy too, [muscle_volume.assists], made it the lighter option).
                if hinges is None:
                    hinges = sd.has_hinge()
                if not hinges or d.exercise.pattern is not _HINGE:
                    continue
                if ex.id in ctx.floor_pulls and any(
                        x.exercise.id in ctx.floor_pulls for other in week if other is not sd
                        for x in other.drafts):
                    continue  # one day a week pulls from the floor (hinge.floor-pulls)
            lighter.append((load, ex.unilateral, ex))
    # None the week has twice already (not the same fly or dead bug in every session).
    if lighter:
        held = Counter([x.exercise.id for other in week for x in other.drafts])
        most_days = ctx.rules.progression.accessory_most_days
        # Every option here relieves the overdosed muscles: one the last block did not hold
        # first, so the fill does not undo a block's rotation (ctx.stale; empty in block 1).
        stale = ctx.stale
        # Not even as the only relief: the cuts then relieve the muscles with another draft
        # or a set less. Put last, it made the same prone swimmer the upper back's relief in
        # all three full-body sessions (a backpack outdoors, hypertrophy: with the glutes at
        # half beside the quadriceps no lunge swap came first), the rear-delt raise and the
        # floor pullover gone.
        lighter = [t for t in lighter if held[t[2].id] < most_days]
        lighter.sort(key=lambda t: (t[2].id in stale, t[0], t[1], t[2].rank, t[2].id))
    # The lightest that fits the session's minutes.
    for _, _, ex in lighter[:4]:  # noqa: SIM110 (a loop, not any() over a generator)
        if _swap_in(sd, d, ex, ctx):
            return True
    return False


def _lighter_options(d: _Draft, over: set[str], pattern: Pattern | None, compound: bool,
                     ctx: _Context, over_key: frozenset[str] | None = None,
                     ) -> list[tuple[float, Exercise, tuple[tuple[str, float], ...]]]:
    """The region's usable exercises that may stand in for `d` whatever the week holds
    (_lighter_kind), each with how much a set of it loads the `over` muscles and its shares,
    lightest first, equal loads in the catalogue's order (worked out once per kind of draft
    and set of muscles: the cuts ask again each time the overdosed muscles change, and most
    options fail these checks)."""
    # The week's main lifts only ever grow (a lighter hinge joins them): their count tells
    # whether the list still holds.
    if over_key is None:
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
        found.sort(key=_FIRST)
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


_FIRST = itemgetter(0)
"""An option's load: the sort key of _lighter_options (a C getter, not a Python function called
for every option of every miss)."""


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
