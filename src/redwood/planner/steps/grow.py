"""Growing the week: more sets of a lift, a new exercise for a muscle below its band, and
sets moved between sessions (relocating) where one has room and another has not.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from redwood.domain.vocabulary import Pattern
from redwood.planner.steps.context import (
    _BACK,
    _COMPOUND,
    _CORE,
    _HINGE,
    _LEGS,
    _SECONDS_PER_MINUTE,
    _Context,
    _Draft,
    _SessionDraft,
)
from redwood.planner.steps.session import (
    _bookends,
    _cooldown,
    _draft,
    _fits,
    _minutes,
    _pair,
    _unit_seconds,
    _units,
    _warmup,
)
from redwood.planner.steps.tally import (
    _at_weekly_cap,
    _cap,
    _extra_draft,
    _knee_flexion_floor,
    _knee_flexion_sets,
    _legs_back_ok,
    _mains_lead,
    _muscle_options,
    _near_spaced,
    _overdosed,
    _restore,
    _room_but_secondary,
    _room_gap,
    _roomy,
    _save,
    _Tally,
    _trains,
)
from redwood.planner.steps.week_patterns import _can_host
from redwood.planner.volume import room_for_a_set


def _grow(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally, mains: bool,
          balanced: bool = False, only: AbstractSet[str] | None = None) -> bool:
    """One more set where it helps most; False when nothing can grow. `balanced`: only a set
    that keeps legs:back inside [volume] balance (no later _balance cut takes it back);
    `only`: only a unit that holds one of these exercises."""
    best: tuple[tuple[float, int], _SessionDraft, tuple[_Draft, ...]] | None = None
    budget = ctx.profile.minutes_per_session
    low, high = ctx.rules.volume.balance
    # The tally holds still till the end: each muscle's need (_Tally.need) worked out once,
    # when a unit first has room (most calls find none: the room refuses 9 units in 10).
    need: dict[str, float] | None = None
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
            if only is not None and all(d.exercise.id not in only for d in unit):
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
                legs = tally.regions[_LEGS] + sum(d.region is _LEGS for d in unit)
                back = tally.regions[_BACK] + sum(d.region is _BACK for d in unit)
                if not (back and low <= legs / back <= high):
                    continue
            if need is None:
                need = {}
                bands = ctx.band_cache
                for m, have in tally.muscles.items():
                    floor, top = bands[m]
                    need[m] = max(0.0, top - have) / top + (2.0 if have < floor else 0.0)
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


def _add_exercise(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally,
                  block_index: int, only: str | None = None, balanced: bool = False) -> bool:
    """A new accessory for the muscle furthest below its band (or for `only`), in a session
    with room. `balanced`: only one that keeps legs:back inside [volume] balance, so a legs
    option that would tip it gives way to the next (a glute bridge to a bench reverse
    hyperextension, a back exercise)."""
    # Each muscle's need once (a stable sort, most need first, as by the key -need).
    needs = {m: n for m in tally.muscles if only in (None, m) and (n := tally.need(m, ctx)) > 0}
    short = sorted(needs, key=needs.__getitem__, reverse=True)
    hinge_days = sum([sd.has_hinge() for sd in sessions])
    budget = ctx.profile.minutes_per_session
    by_time: list[_SessionDraft] | None = None  # sorted when a muscle first has options
    near: dict[int, set[Pattern]] = {}
    hours = ctx.rules.schedule.min_hours_between_hard
    week_ids = {d.exercise.id for sd in sessions for d in sd.drafts}
    floor_pulls = ctx.floor_pulls
    floor_held = not floor_pulls.isdisjoint(week_ids)
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
        # What no session can take, asked once per option rather than once per session: the
        # pattern's weekly slots all held, or the option overdosed at its fewest sets (pairing
        # only adds). Neither reads the session, and a refused try leaves the week's drafts
        # and the tally as they were.
        kept = []
        for ex in fitting:  # loops, not any() over a generator per option
            if _at_weekly_cap(ex, sessions, ctx):
                continue
            for m, sh in ctx.share_items(ex):
                if ((not rescue or sh >= 1.0) and tally.muscles[m]
                        + sh * _extra_draft(ex, ctx).sets > ctx.band_cache[m][1]):
                    break
            else:
                kept.append(ex)
        fitting = kept
        if not fitting:
            continue
        if by_time is None:  # the week as the call found it: nothing was tried yet
            by_time = sorted(sessions, key=lambda s: _minutes(s, ctx))
            near = {id(s): _near_spaced(s, sessions, hours) if ctx.spacing[0] else set()
                    for s in sessions}
        # What the week does not hold yet first: a second core exercise, not the same one again
        # (the order a stable sort by that gives).
        fitting = ([ex for ex in fitting if ex.id not in week_ids]
                   + [ex for ex in fitting if ex.id in week_ids])
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
                # A hinge accessory never joins a hinge day (a good morning after the
                # deadlift is a third hinge), nor makes a third hinge day.
                # A bridge (an isolation hinge: the hips work, the spine rests) is glute work
                # for any legs day, as _add_knee_flexion places it.
                if ex.pattern is _HINGE and ex.mechanic is _COMPOUND and (
                        sd.has_hinge() or hinge_days >= ctx.rules.progression.hinge_heavy_days):
                    continue
                # Nor a second pull from the floor: a trap-bar deadlift for the quadriceps on
                # Monday beside Thursday's main deadlift (hinge.floor-pulls).
                if floor_held and ex.id in floor_pulls:
                    continue
                # The checks read a draft made once per exercise; only one that passes them
                # is drafted for the session.
                proto = _extra_draft(ex, ctx)
                cost = _unit_seconds((proto,), ctx)
                if base is None:
                    base = sum(_unit_seconds(u, ctx) for u in _units(sd))
                if math.ceil((base + cost) / 60 + bookends - 1e-9) > budget:
                    continue  # a quicker option may still fit
                spared = frozenset(m for m, sh in ctx.share_items(ex) if rescue and sh < 1.0)
                d = _draft(proto.slot, ex, ctx, [])
                d.rotates = len(options) > 1
                # A refused try puts the session back exactly (pairing again could pair
                # differently and leave a partner at a superset's rounds: a seated calf raise
                # raised to 3 sets past the calves' top by a try that was then refused).
                saved, max_pairs = _save(sd), sd.max_pairs
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
                if ((_minutes(sd, ctx) > budget or _overdosed(after, tally, ctx, spared))
                        and ex.id not in sd.solo):
                    # Pairing again around it can re-pair the session's other accessories and
                    # raise one to a superset's rounds (a straight chin-up at 2 sets to a
                    # superset's 4 beside a step-up: lats past their top): the new one goes
                    # straight, the others keep their sets and pairs exactly as they were.
                    _restore(saved)
                    d.partner, d.sets = None, was[-1][1]
                    sd.drafts.append(d)
                    sd.solo.add(ex.id)
                    after = _Tally.of(sessions, ctx)
                if (_minutes(sd, ctx) > budget or _overdosed(after, tally, ctx, spared)
                        or (balanced and not _legs_back_ok(after, ctx))):
                    _restore(saved)
                    sd.max_pairs = max_pairs
                    continue
                return True
    return False


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
    tally, _, early = start
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
                    start: tuple[_Tally, float, set[int]], giver: _SessionDraft,
                    d: _Draft, roomy: frozenset[str]) -> bool:
    """_relocate_to_grow's try of one accessory: to each session ending early in turn, as
    straight sets grown while its muscles have room, the giver's freed minutes to its own
    sets; kept where the main muscles' room shrinks, else both sessions are put back."""
    tally, gap, early = start
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    muscles = frozenset(m for m, sh in d.shares if sh >= 1.0 and m in roomy)
    led = _led(sessions)
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
                and (_legs_back_ok(now, ctx) or not _legs_back_ok(tally, ctx))
                and all(_mains_lead(sessions[j]) for j in led)):
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
    tally, gap, _ = start
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


def _time_use_start(sessions: Sequence[_SessionDraft],
                    ctx: _Context) -> tuple[_Tally, float, set[int]] | None:
    """What a time.use step starts from: the week's tally, the main muscles' room (_room_gap)
    and the sessions ending early (by index). None when no session ends early or no main muscle
    has room."""
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    early = {i for i, sd in enumerate(sessions) if _minutes(sd, ctx) < least}
    if not early:
        return None
    tally = _Tally.of(sessions, ctx)
    gap = _room_gap(tally, ctx)
    if gap <= 1e-9:
        return None
    return tally, gap, early


def _led(sessions: Sequence[_SessionDraft]) -> set[int]:
    """The sessions whose main lifts have the most sets (_mains_lead), by index: what the trades
    that keep main.most-sets start from (beside _time_use_start's)."""
    return {i for i, sd in enumerate(sessions) if _mains_lead(sd)}


def _lift_muscle(sessions: list[_SessionDraft], ctx: _Context, block_index: int,
                 muscle: str) -> bool:
    """One more set for `muscle`: its lift grows in a session, or a new lift for it joins one."""
    now = _Tally.of(sessions, ctx)
    one = frozenset((muscle,))
    return (any(_grow_lift(sd, ctx, now, one) for sd in sessions)
            or _add_exercise(sessions, ctx, now, block_index, muscle))


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


def _regrow(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """The room a trade freed grown again, main lifts first, where it keeps legs:back (what
    _use_time would do with it); always True, so it reads as a step of a condition."""
    tally = _Tally.of(sessions, ctx)
    for mains in (True, False):
        while _grow(sessions, ctx, tally, mains=mains, balanced=True):
            pass
    return True


def _grow_last_resort(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """Where a session ends early while a main muscle has room (time.use), the protected
    area's last resort ([protect.*] last_resort: the sore knees' hold against the other leg)
    grows where its day allows, keeping legs:back: the steps after the time steps (the
    isolation spacing, the floors' trades) moved it or its session's main sets (a two-set
    hold beside rows that are now three-set ones). True when a set was added."""
    if not ctx.last_resort or _time_use_start(sessions, ctx) is None:
        return False
    tally = _Tally.of(sessions, ctx)
    grew = False
    while _grow(sessions, ctx, tally, mains=False, balanced=True, only=ctx.last_resort):
        grew = True
    return grew


def _fill_early_sessions(sessions: list[_SessionDraft], ctx: _Context, block_index: int) -> bool:
    """While a session ends early (under [dosing] min_time_use of its minutes) and a main
    muscle has a whole set of room below its top (time.use), the time goes first to main
    lifts' sets (within [dosing] main_max_sets), then to the accessories with room, then to a
    NEW accessory for the main muscle furthest below its top: an exercise the lifter can do
    (kit, level, exclusions, protections) that loads no muscle past its top, in a session it
    fits by its region's 48 h rule, its pattern (once per session, the hinge days, isolation
    work spaced 48 h apart) and the minutes (issue 10 item 1: the steps before consider only
    the lifts the week holds). A new one is kept only when it keeps legs:back, overdoses
    nothing and leaves its session's main lifts with the most sets (main.most-sets). True
    when anything was added."""
    main = ctx.rules.muscle_volume.main
    added = False
    # The week is spaced by now: a new isolation exercise keeps isolation.spacing (none of
    # its pattern a day before or after, but for a muscle below its floor).
    spacing, ctx.spacing[0] = ctx.spacing[0], True
    for _ in range(4 * len(sessions)):  # a set or an exercise a turn
        start = _time_use_start(sessions, ctx)
        if start is None:
            break
        tally = start[0]
        # Knee flexion below its floor first ([muscle_volume.knee_flexion]: the hinges' sets
        # do not stand in for the curls, maeo2021), then main lifts, then the accessories.
        curls = (frozenset(d.exercise.id for sd in sessions for d in sd.drafts
                           if d.exercise.pattern is Pattern.KNEE_FLEXION)
                 if _knee_flexion_sets(sessions) < _knee_flexion_floor(ctx) else frozenset())
        if ((curls and _grow(sessions, ctx, tally, mains=False, balanced=True, only=curls))
                or _grow(sessions, ctx, tally, mains=True, balanced=True)
                or _grow(sessions, ctx, tally, mains=False, balanced=True)):
            added = True
            continue
        roomy = sorted((m for m in main
                        if room_for_a_set(tally.muscles[m], ctx.band_cache[m][1])),
                       key=lambda m: tally.muscles[m] - ctx.band_cache[m][1])
        if not any(_add_new(sessions, ctx, tally, block_index, m) for m in roomy):
            break
        added = True
    ctx.spacing[0] = spacing
    return added


def _add_new(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally, block_index: int,
             muscle: str) -> bool:
    """_add_exercise for `muscle`, kept only where it keeps legs:back and main.most-sets."""
    saved = _save(*sessions)
    pairs = [(s, s.max_pairs) for s in sessions]
    led = [_mains_lead(sd) for sd in sessions]
    if not _add_exercise(sessions, ctx, tally, block_index, muscle, balanced=True):
        return False
    for (sd, drafts, sets, _), was in zip(saved, led, strict=True):
        new = [d for d in sd.drafts if d not in drafts]
        if new and was and not _mains_lead(sd):
            # Paired at a superset's rounds past its session's main-lift sets: straight sets at
            # its own (main.most-sets).
            for x, was_sets, _ in sets:
                x.sets = was_sets
            new[0].sets = _extra_draft(new[0].exercise, ctx).sets
            sd.solo.add(new[0].exercise.id)
            _pair(sd, ctx)
    after = _Tally.of(sessions, ctx)
    budget = ctx.profile.minutes_per_session
    if (_legs_back_ok(after, ctx) and not _overdosed(after, tally, ctx)
            and all(_minutes(sd, ctx) <= budget for sd in sessions)
            and all(_mains_lead(sd) or not was for sd, was in zip(sessions, led, strict=True))):
        return True
    _restore(saved)
    for s, n in pairs:
        s.max_pairs = n
    return False
