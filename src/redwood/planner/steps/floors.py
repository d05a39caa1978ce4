"""Floors: knee flexion to its weekly floor (curl sets from work a co-trained muscle gives
up, or a second curl on a day 48 h from the first), and every muscle's floor before
another's top (sets a muscle above its top gives up, or a new accessory).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import Pattern, Region
from redwood.planner.steps.context import (
    _COMPOUND,
    _KNEE_FLEXION,
    WEEKLY_PATTERNS,
    _Context,
    _Draft,
    _SessionDraft,
)
from redwood.planner.steps.fit import _drop, _elsewhere, _last_rotator, _weekly
from redwood.planner.steps.grow import _fill_early_sessions, _grow_mover, _lift_muscle
from redwood.planner.steps.relief import _grow_relieved, _main_goal_sets, _no_new_room, _short_days
from redwood.planner.steps.session import _draft, _fits, _minutes, _unit_seconds, _units
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
    _lifts_could_give,
    _mains_lead,
    _muscle_options,
    _near_spaced,
    _open_muscles,
    _overdosed,
    _repeats,
    _restore,
    _roomy,
    _save,
    _Tally,
    _whole_pairs,
)
from redwood.planner.steps.trades import (
    _give_set,
    _spare,
    _stand_ins_out,
    _trade_region_floor,
)
from redwood.planner.steps.week_patterns import _can_host, _fresh_first
from redwood.planner.volume import room_for_a_set

# The muscles with their own smaller bands that never get more sets than the legs (issue 10
# item 2).
_SMALL = ("core", "calves")


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
                        if any(d.exercise.pattern is _KNEE_FLEXION for d in u)
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
             if d.exercise.pattern is _KNEE_FLEXION]
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
                    if not any(x.exercise.pattern is _KNEE_FLEXION for x in s.drafts)),
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
            relief: float = 0  # added up in the shares' order, as sum() did (a loop: per draft)
            for m, sh in x.shares:
                if m in over:
                    relief += sh
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
            for m, sh in x.shares:  # a loop, not any() over a generator: per draft
                if tally.muscles[m] - sh * gone < bands[m][0] - 1e-9:
                    break
            else:
                options.append(((x.main, gone > 1, -relief, -x.sets, -day), sd, x))
    if not options:
        return None
    _, sd, x = min(options, key=lambda t: t[0])
    return sd, x


def _floors_before_tops(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """A main muscle below its band's floor, or knee flexion below [muscle_volume.knee_flexion],
    in a week with a session ending early (under [dosing] min_time_use of its minutes; for a
    main muscle, more than [coach_checks] full_margin_minutes short of them), whose
    every set would take another muscle past its top (hamstrings at 8.5 of 10-14 and 2 curl
    sets of 3, each curl set half a glute set with the glutes at 14 of 10-14): the short
    muscle's accessory work grows a set at a time, or an accessory for it joins the session
    with the most minutes left, and the muscles it also works may pass their tops by less than
    [coach_checks] above_band_sets (volume.muscle-bands: a muscle above its top is excused
    where every prime mover of it above its fewest sets holds another floor). A coach doses the
    muscle below its floor before holding one at the top of its band: the top is where more
    sets stop adding much, the floor where too few stop the growth. A main lift gives a set
    only above the goal's sets, for a curl set no accessory could make room for
    (_give_main_sets), and grows only as _floor_main_set says. True when the week changed."""
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    full = ctx.profile.minutes_per_session - ctx.rules.coach_checks.full_margin_minutes
    changed = False
    for _ in range(8):
        # A main muscle below its floor asks for the minutes volume.muscle-bands counts: a
        # session more than [coach_checks] full_margin_minutes short of its minutes.
        if all(_minutes(sd, ctx) >= least for sd in sessions) and not (
                _main_short(sessions, ctx)
                and any(_minutes(sd, ctx) < full for sd in sessions)):
            break
        # The curls' sets up to their floor count towards [coach_checks] above_band_sets only
        # where no other step reaches the floor (a curl moved, work in the way giving a set):
        # for knee flexion first, then for a main muscle below its floor, as volume.muscle-bands
        # leaves them out of the margin for every muscle (a sore back's hamstrings at 9 of
        # 10-14, held by the glutes at 16 of 10-14 from two-set squats, half a glute set a curl).
        if not (_floor_past_top_once(sessions, ctx)
                or (_curls_near_margin(sessions, ctx)
                    and _floor_past_top_once(sessions, ctx, spare=True))
                or _floor_past_top_once(sessions, ctx, spare=True, mains=True)):
            break
        changed = True
    return changed


def _floors_from_spent_sets(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """A main muscle below its band's floor in a week whose sessions use their minutes (glutes
    at 8.5 of 10-16 beside three sets of a side-lying rear-delt raise in a full 60-minute
    session; quadriceps at 9 of 10-14 beside a reverse snow angel's three sets for an upper
    back at its top): a set (or round) of an accessory whose prime movers are at their tops or
    are no main muscle (the rear delts, the core, the calves) and whose muscles all keep their
    floors a set lighter, secondary muscles at half, gives its minutes (where it is at its
    fewest sets, no main muscle's work and no weekly pattern, the whole accessory: _give_spent;
    the core and calves below their floors then take theirs), and the short muscle's
    lift grows or joins in them on _floors_before_tops' terms (volume.muscle-bands: the
    minutes of a full session go to a muscle below its floor before a muscle at its top or one
    the bands do not rank first; the core and calves never end above the legs). A rear-delt
    raise goes before a weekly pattern's sets (a calf raise, a plank). Kept only when the
    floors' shortfall shrinks, no session ends under [dosing] min_time_use of its minutes that
    did not, every session stays inside them and, while a main muscle stays below its floor, no
    full session newly ends more than [coach_checks] full_margin_minutes early (_newly_loose);
    True when the week changed."""
    return _repeated(lambda: _spent_set_once(sessions, ctx), 8)


def _spent_set_once(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """_floors_from_spent_sets' one trade; True when it kept one."""
    bands = ctx.band_cache
    main = ctx.rules.muscle_volume.main
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    tally = _Tally.of(sessions, ctx)
    short = {m for m in main if tally.muscles[m] < bands[m][0] - 1e-9}
    if not short:
        return False
    gap = _floor_gap(tally, ctx)
    early = {i for i, sd in enumerate(sessions) if _minutes(sd, ctx) < least}
    full = ctx.profile.minutes_per_session - ctx.rules.coach_checks.full_margin_minutes
    loose = {i for i, sd in enumerate(sessions) if _minutes(sd, ctx) < full}
    donors: list[tuple[tuple[bool, float], _SessionDraft, tuple[_Draft, ...]]] = []
    for sd in sessions:
        for unit in _units(sd):
            if any(d.main for d in unit):
                continue
            loads = {m: sh for d in unit for m, sh in d.shares if sh > 0}
            spare = _spare(unit, tally, ctx)
            if (spare is None or set(loads) & short
                    or any(m in main and tally.muscles[m] < bands[m][1] - 1e-9
                           for m, sh in loads.items() if sh >= 1.0)):
                continue
            weekly = any(d.exercise.pattern in WEEKLY_PATTERNS for d in unit)
            donors.append(((weekly, -spare), sd, unit))
    donors.sort(key=lambda t: t[0])
    for _, sd, unit in donors:
        saved = _save(*sessions)
        if (_give_spent(sessions, ctx, sd, unit)
                and _floor_past_top_once(sessions, ctx, spare=True, mains=True)
                and _floor_gap(_Tally.of(sessions, ctx), ctx) < gap - 1e-9
                and _small_to_floors(sessions, ctx)
                and _over_legs(_Tally.of(sessions, ctx), ctx) <= _over_legs(tally, ctx)
                and _in_minutes(sessions, ctx, early)
                and not _newly_loose(sessions, ctx, loose, full)):
            return True
        _restore(saved)
    return False


def _give_spent(sessions: list[_SessionDraft], ctx: _Context, sd: _SessionDraft,
                unit: tuple[_Draft, ...]) -> bool:
    """_spent_set_once's gift: a set of `unit` (_give_set), or a lone accessory at its fewest
    sets that is no main muscle's own work and whose pattern no rule asks of the week (not a
    weekly pattern, _weekly) out of the week: a two-set reverse machine fly, the only rear-delt
    work, gives its five minutes to the squats of a 46-minute endurance day with the
    quadriceps at 5 of 10-16 (volume.muscle-bands). The plan still rotates an accessory
    (_last_rotator)."""
    if _give_set(sessions, ctx, sd, unit, split=True):
        return True
    (d, *rest) = unit
    main = ctx.rules.muscle_volume.main
    if (rest or d.main or _weekly(d, sessions) or _last_rotator(d, sessions)
            or any(sh >= 1.0 and m in main for m, sh in d.shares)):
        return False
    _drop(sd, d, ctx)
    return True


def _small_to_floors(sessions: list[_SessionDraft], ctx: _Context) -> bool:
    """The core and calves below their floors take more sets of their own lifts in the minutes a
    trade freed (_grow_to_floor): a Thursday that gave a rear-delt raise and a calf raise for a
    bench reverse hyperextension ended at 66 of 75 min with the core at 5.5 of 6-10 and a
    two-set reverse crunch (volume.muscle-bands: below the band while the week has time).
    Always True, so it reads as a step of a condition."""
    for muscle in _SMALL:
        if muscle in ctx.band_cache:
            _grow_to_floor(sessions, ctx, muscle)
    return True


def _newly_loose(sessions: Sequence[_SessionDraft], ctx: _Context, loose: AbstractSet[int],
                 full: float) -> bool:
    """Whether a trade that leaves a main muscle below its floor opened more than [coach_checks]
    full_margin_minutes in a session that had none (not in `loose`): volume.muscle-bands
    excuses a muscle below its floor only in a full week, so the minutes a given set frees must
    not sit unused beside it (quadriceps at 11 of 12-20 beside a legs day at 39 of 45 min)."""
    tally = _Tally.of(sessions, ctx)
    bands = ctx.band_cache
    if all(tally.muscles[m] >= bands[m][0] - 1e-9 for m in ctx.rules.muscle_volume.main):
        return False
    return any(i not in loose and _minutes(sd, ctx) < full for i, sd in enumerate(sessions))


def _in_minutes(sessions: Sequence[_SessionDraft], ctx: _Context, early: AbstractSet[int]) -> bool:
    """Whether every session is inside its minutes and none but those in `early` ends under
    [dosing] min_time_use of them (time.use)."""
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    return all(_minutes(sd, ctx) <= budget and (i in early or _minutes(sd, ctx) >= least)
               for i, sd in enumerate(sessions))


def _over_legs(tally: _Tally, ctx: _Context) -> float:
    """How many sets the core and calves hold above the leg muscle with the fewest ([muscle_volume]
    legs), together: issue 10 item 2, the core and calves never more sets than the legs."""
    legs = min(tally.muscles[m] for m in ctx.rules.muscle_volume.legs)
    return sum(max(0.0, tally.muscles[m] - legs) for m in _SMALL if m in tally.muscles)


def _give_small(sessions: list[_SessionDraft], ctx: _Context, sd: _SessionDraft,
                unit: tuple[_Draft, ...]) -> bool:
    """_give_set for a core or calf unit; below [coach_checks] pattern_min_days days a week
    (no weekly pattern asked for), a lone accessory at its fewest sets may leave the week."""
    if _give_set(sessions, ctx, sd, unit):
        return True
    if (len(unit) == 1 and not unit[0].main and unit[0].partner is None
            and ctx.profile.days_per_week < ctx.rules.coach_checks.pattern_min_days):
        _drop(sd, unit[0], ctx)
        return True
    return False


def _legs_over_small(sessions: list[_SessionDraft], ctx: _Context, block_index: int) -> bool:
    """The core or the calves with more sets than a leg muscle (core 7.5 of 4-8 from two plank
    sets and the rows' bracing against quadriceps at 5 of 8-14, a squat excluded): a set of a
    plank or a calf raise that the floors can spare (every muscle it works, secondary ones at
    half, stays at its floor a set lighter) makes way for the leg muscle's lift, grown or
    added in the minutes it freed (volume.muscle-bands: the core and calves have their own
    smaller bands, never more sets than the legs; the bracing half-set of a squat or a row is
    no set to give). Kept only when the core's and calves' excess over the legs shrinks, no
    floor is left further short, nothing is overdosed or out of balance, every session stays
    inside its minutes (none newly under [dosing] min_time_use of them) and main lifts keep
    the most sets where they had them; True when the week changed."""
    return _repeated(lambda: _legs_over_small_once(sessions, ctx, block_index), 6)


def _legs_over_small_once(sessions: list[_SessionDraft], ctx: _Context,
                          block_index: int) -> bool:
    """_legs_over_small's one trade; True when it kept one."""
    main = ctx.rules.muscle_volume.main
    legs = ctx.rules.muscle_volume.legs
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    tally = _Tally.of(sessions, ctx)
    over = _over_legs(tally, ctx)
    if over <= 1e-9:
        return False
    leg = min(legs, key=lambda m: tally.muscles[m])
    gap = _floor_gap(tally, ctx)
    early = {i for i, sd in enumerate(sessions) if _minutes(sd, ctx) < least}
    led = {i for i, sd in enumerate(sessions) if _mains_lead(sd)}
    donors: list[tuple[float, _SessionDraft, tuple[_Draft, ...]]] = []
    for sd in sessions:
        for unit in _units(sd):
            shares: dict[str, float] = {}
            for d in unit:
                for m, sh in d.shares:
                    shares[m] = shares.get(m, 0.0) + sh
            # A plank's half set of glutes may go where the leg's lift gives more back
            # (the floors' shortfall is judged after); a main muscle's own set never.
            if (any(d.main for d in unit)
                    or any(sh >= 1.0 for m, sh in shares.items() if m in main)
                    or not any(shares.get(m, 0.0) >= 1.0
                               and tally.muscles[m] > tally.muscles[leg] + 1e-9
                               and tally.muscles[m] - shares[m]
                               >= ctx.band_cache[m][0] - 1e-9
                               for m in _SMALL)):
                continue
            donors.append((-sum(shares.get(m, 0.0) for m in main), sd, unit))
    donors.sort(key=lambda t: t[0])
    for _, sd, unit in donors:
        saved = _save(*sessions)
        if not _give_small(sessions, ctx, sd, unit):
            continue
        freed = _Tally.of(sessions, ctx)
        if not (_floor_past_top_once(sessions, ctx, spare=True, mains=True)
                and _Tally.of(sessions, ctx).muscles[leg] > freed.muscles[leg] + 1e-9):
            _restore(saved)
            _give_small(sessions, ctx, sd, unit)
            if not _lift_muscle(sessions, ctx, block_index, leg):
                _restore(saved)
                continue
        after = _Tally.of(sessions, ctx)
        if (_over_legs(after, ctx) < over - 1e-9
                and _floor_gap(after, ctx) <= gap + 1e-9
                and not _overdosed(after, tally, ctx) and _legs_back_ok(after, ctx)
                and _whole_pairs(sessions, ctx) and _in_minutes(sessions, ctx, early)
                and all(_mains_lead(x) for i, x in enumerate(sessions) if i in led)):
            _floors_in_freed_minutes(sessions, ctx, leg)
            return True
        _restore(saved)
    return False


def _floors_in_freed_minutes(sessions: list[_SessionDraft], ctx: _Context, leg: str) -> None:
    """After _legs_over_small's trade, the leg muscle it served and then every other muscle
    still below its floor, furthest first, take more sets of their lifts in the minutes it freed
    (_grow_to_floor), the core and calves only where they stay at or under the legs: a Thursday
    that gave up its reverse crunch for a hamstring walkout's set on Monday ended at 54 of 60
    min beside a row at 2 sets with the upper back at 9 of 10-16 and a calf raise at 2 with the
    calves at 3.5 of 4-10 (volume.muscle-bands: below the band while the week has time)."""
    _grow_to_floor(sessions, ctx, leg)
    bands = ctx.band_cache
    tally = _Tally.of(sessions, ctx)
    short = sorted((m for m in (*ctx.rules.muscle_volume.main, *_SMALL)
                    if m in bands and m != leg and tally.muscles[m] < bands[m][0] - 1e-9),
                   key=lambda m: tally.muscles[m] - bands[m][0])
    for muscle in short:
        over = _over_legs(_Tally.of(sessions, ctx), ctx)
        saved = _save(*sessions)
        _grow_to_floor(sessions, ctx, muscle)
        if _over_legs(_Tally.of(sessions, ctx), ctx) > over + 1e-9:
            _restore(saved)


def _grow_to_floor(sessions: list[_SessionDraft], ctx: _Context, muscle: str) -> None:
    """After a trade (_legs_over_small's, _floors_from_spent_sets'), `muscle` still below its
    floor takes more sets of its lifts (straight sets, room in every band, the session's minutes)
    where that keeps legs:back: a plank's freed minutes held one two-set backward hill walk
    while the quadriceps sat at 9.5 of 10-16 beside six minutes left (volume.muscle-bands)."""
    floor = ctx.band_cache[muscle][0]
    tally = _Tally.of(sessions, ctx)
    while tally.muscles[muscle] < floor - 1e-9:
        saved = _save(*sessions)
        if not _grow_mover(sessions, ctx, tally, muscle):
            return
        if not _legs_back_ok(tally, ctx):
            _restore(saved)
            return


def _repeated(step: Callable[[], bool], most: int) -> bool:
    """`step` run until it changes nothing, at most `most` times; True when it changed the
    week."""
    changed = False
    for _ in range(most):
        if not step():
            break
        changed = True
    return changed


def _curls_near_margin(sessions: Sequence[_SessionDraft], ctx: _Context) -> bool:
    """Whether the curls' own pass could keep what the first pass did not: knee flexion below
    its floor, and a muscle at [coach_checks] above_band_sets past its top already (the core
    from two main lifts a session) or one a curl works that a curl's fewest sets would take
    there (else that margin was not what held the curls back)."""
    if _knee_flexion_sets(sessions) >= _knee_flexion_floor(ctx):
        return False
    tally = _Tally.of(sessions, ctx)
    bands = ctx.band_cache
    margin, least = ctx.rules.coach_checks.above_band_sets, ctx.rules.dosing.min_sets
    return (any(n >= bands[m][1] + margin - 1e-9 for m, n in tally.muscles.items())
            or any(tally.muscles[m] + sh * least >= bands[m][1] + margin - 1e-9
                   for ex in _knee_flexion_options(ctx) for m, sh in ctx.share_items(ex)
                   if sh > 0))


def _main_short(sessions: Sequence[_SessionDraft], ctx: _Context) -> bool:
    """Whether a main muscle sits below its band's floor."""
    tally = _Tally.of(sessions, ctx)
    return any(tally.muscles[m] < ctx.band_cache[m][0] - 1e-9
               for m in ctx.rules.muscle_volume.main)


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


def _floor_past_top_once(sessions: list[_SessionDraft], ctx: _Context,
                         spare: bool = False, mains: bool = False) -> bool:
    """_floors_before_tops' one step: a set more of a straight-set accessory that trains the
    first target it can lift (the one whose set takes other muscles least past their tops
    first), else a new accessory for it at its fewest sets; kept on _past_tops_kept's terms
    (`spare`: the curls' sets up to the knee-flexion floor spared the margin, for knee flexion
    alone, or with `mains` for the main muscles below their floors alone)."""
    tally = _Tally.of(sessions, ctx)
    targets = _floor_targets(sessions, ctx, tally)
    if mains:
        targets = [t for t in targets if t is not None]
    elif spare:
        targets = [t for t in targets if t is None]
    if not targets:
        return False  # nothing this pass lifts is below its floor: the week's state unread
    bands = ctx.band_cache
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    early = len([sd for sd in sessions if _minutes(sd, ctx) < least])
    curls = _knee_flexion_sets(sessions)
    open_before = _open_muscles(sessions, ctx)
    for target in targets:
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
            if _floor_set_kept(sessions, ctx, tally, target, early, curls, d, open_before,
                               spare):
                return True
            _restore(saved)
        if (_floor_new_accessory(sessions, ctx, tally, target, early, curls, open_before, spare)
                or _floor_moved(sessions, ctx, tally, target, early, curls, open_before, spare)
                or (target is not None and _floor_main_set(sessions, ctx, tally, target, early,
                                                           curls, open_before, spare))):
            return True
    return False


def _floor_main_set(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally, target: str,
                    early: int, curls: int, open_before: frozenset[str],
                    spare: bool = False) -> bool:
    """Last, where no accessory can lift `target` to its floor: a set more of a straight-set
    main lift that trains it as a prime mover, below [dosing] main_max_sets, in a session with
    the minutes (a third box squat where every squat or lunge accessory's two sets would take
    the glutes two sets past their top, one set of the squat only one): the extra time goes
    first to main lifts (issue 10 item 1). Or a set more of an accessory for `target` that its
    session's main lifts hold at their own (main.most-sets), with a set more of each of those
    main lifts at its fewest. Kept on _floor_set_kept's terms (`spare` as
    _floor_past_top_once's), with main.sets-first breaking no more days and every session's
    main lifts still leading its accessories."""
    bands = ctx.band_cache
    grown: list[tuple[float, int, _Draft]] = []
    lifted: list[tuple[_Draft, _Draft]] = []
    for sd in sessions:
        for d in sd.drafts:
            if (not d.main or d.partner is not None or d.sets >= _cap(d, sd, ctx)
                    or not _fits(sd, ctx, _unit_seconds((d,), ctx, d.sets + 1)
                                 - _unit_seconds((d,), ctx))):
                continue
            if ctx.share(d.exercise).get(target, 0.0) < 1.0:
                # A main lift that holds an accessory for `target` at its session's fewest
                # main-lift sets (main.most-sets: a two-set pull-through keeps a terminal knee
                # extension at two; three-set good mornings a sore knee's isometric hold at
                # three): a set of each, where the minutes allow both, the goal's sets no bar
                # (the extra time goes first to main lifts, issue 10 item 1).
                if d.sets == min(x.sets for x in sd.drafts if x.main):
                    lifted.extend((d, x) for x in sd.drafts
                                  if not x.main and x.partner is None and x.sets == d.sets
                                  and ctx.share(x.exercise).get(target, 0.0) >= 1.0)
                continue
            past = sum(max(0.0, tally.muscles[m] + sh - bands[m][1]) for m, sh in d.shares)
            grown.append((past, d.sets, d))
    if not grown and not lifted:
        return False
    short_days = len(_short_days(sessions, ctx))
    led = [k for k, sd in enumerate(sessions) if _mains_lead(sd)]
    for _, _, d in sorted(grown, key=lambda t: (t[0], t[1])):
        saved = _save(*sessions)
        d.sets += 1
        if (_floor_set_kept(sessions, ctx, tally, target, early, curls, d, open_before, spare)
                and len(_short_days(sessions, ctx)) <= short_days
                and all(_mains_lead(sessions[k]) for k in led)):
            return True
        _restore(saved)
    budget = ctx.profile.minutes_per_session
    for main, x in lifted:
        saved = _save(*sessions)
        # Every main lift of the session at those fewest sets takes one (two two-set hinges
        # beside a backward hill walk: both lead its third set, main.most-sets).
        for m in [m for sd in sessions if main in sd.drafts for m in sd.drafts
                  if m.main and m.partner is None and m.sets == main.sets]:
            m.sets += 1
        x.sets += 1
        if (all(_minutes(sd, ctx) <= budget for sd in sessions)
                and _floor_set_kept(sessions, ctx, tally, target, early, curls, x, open_before,
                                    spare)
                and len(_short_days(sessions, ctx)) <= short_days
                and all(_mains_lead(sessions[k]) for k in led)):
            return True
        _restore(saved)
    return False


def _floor_set_kept(sessions: list[_SessionDraft], ctx: _Context, before: _Tally,
                    target: str | None, early: int, curls: int, grown: _Draft,
                    open_before: frozenset[str], spare: bool = False) -> bool:
    """Whether the set _floors_before_tops gave `grown` is kept (_floor_set_kept_as_is); where
    that leg set took legs:back past [volume] balance and the legs' other work could not make
    way on those terms, with a back set beside it instead (_back_for_balance: a face pull for
    the curl set, the upper back below its top, the back sessions with minutes left)."""
    heavy = grown.region is Region.LEGS and not _legs_back_ok(_Tally.of(sessions, ctx), ctx)
    saved = _save(*sessions) if heavy else None
    if _floor_set_kept_as_is(sessions, ctx, before, target, early, curls, grown, open_before,
                             spare):
        return True
    if saved is None:
        return False
    _restore(saved)
    return (_back_for_balance(sessions, ctx, grown)
            and _floor_set_kept_as_is(sessions, ctx, before, target, early, curls, grown,
                                      open_before, spare)
            and _legs_still_held(sessions, ctx))


def _legs_still_held(sessions: Sequence[_SessionDraft], ctx: _Context) -> bool:
    """Whether, after the back took sets for a leg set, a week with a session ending early
    leaves no leg muscle a lift could still give a set to (_open_muscles) with the legs below
    twice the back's sets: legs:back was what excused its room (time.use), and a back set that
    lifts the ratio's cap must not leave the quadriceps room the week would not spend."""
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    if all(_minutes(sd, ctx) >= least for sd in sessions):
        return True
    tally = _Tally.of(sessions, ctx)
    if tally.regions[Region.LEGS] + 1 > ctx.rules.volume.balance[1] * tally.regions[Region.BACK]:
        return True
    return not (_open_muscles(sessions, ctx) & set(ctx.rules.muscle_volume.legs))


def _back_for_balance(sessions: list[_SessionDraft], ctx: _Context, grown: _Draft) -> bool:
    """Where the leg set `grown` takes legs:back past [volume] balance (legs at twice the back's
    sets, the curls a set short of their floor), the back takes sets until it holds again: a
    set more of a back accessory below its most sets (a superset's round, both of it), else a
    back accessory at its fewest sets, straight, in the session with the most minutes left (a
    back day first), neither taking a muscle past its top (nor further past it), running a
    session over its minutes, nor crowding the week's isolation work within [schedule]
    min_hours_between_hard. The trade a coach makes: a face pull beside the rows (the upper
    back below its top) so the legs may take the curl set, not a curl held short for the
    ratio. False when the back could not take them."""
    high = ctx.rules.volume.balance[1]
    bands = ctx.band_cache
    budget = ctx.profile.minutes_per_session
    hours = ctx.rules.schedule.min_hours_between_hard
    crowded = _crowding(sessions, hours)
    start = _Tally.of(sessions, ctx)

    def fine() -> bool:
        after = _Tally.of(sessions, ctx)
        return (all(n <= max(bands[m][1], start.muscles[m]) + 1e-9
                    for m, n in after.muscles.items())
                and all(_minutes(sd, ctx) <= budget for sd in sessions)
                and _crowding(sessions, hours) <= crowded)

    for _ in range(4):
        tally = _Tally.of(sessions, ctx)
        legs, back = tally.regions[Region.LEGS], tally.regions[Region.BACK]
        if not back:
            return False
        if legs <= high * back + 1e-9:
            return True
        if not (_back_set_grown(sessions, ctx, grown, fine)
                or _back_set_added(sessions, ctx, fine)):
            return False
    return _legs_back_ok(_Tally.of(sessions, ctx), ctx)


def _back_set_grown(sessions: list[_SessionDraft], ctx: _Context, grown: _Draft,
                    fine: Callable[[], bool]) -> bool:
    """_back_for_balance's first step: a set (a superset's round) more of a back accessory
    below its most sets, a back day with the most minutes left first; True when one is kept
    (`fine`), else the week as it was."""
    for sd in _back_days_first(sessions, ctx):
        for unit in _units(sd):
            first = unit[0]
            if (first.main or any(d is grown for d in unit)
                    or not all(_back_work(d.exercise, ctx) for d in unit)
                    or first.sets >= _cap(first, sd, ctx)):
                continue
            saved = _save(sd)
            for d in unit:
                d.sets += 1
            if fine():
                return True
            _restore(saved)
    return False


def _back_set_added(sessions: list[_SessionDraft], ctx: _Context,
                    fine: Callable[[], bool]) -> bool:
    """_back_for_balance's second step: a back accessory the session does not hold, at its
    fewest sets, straight, in the session with the most minutes left that can host it (the
    back loaded that day for a compound, no accessory of its pattern there, its isolation
    pattern not a day from the same work), a back day first; True when one is kept (`fine`),
    else the week as it was."""
    options = _fresh_first([ex for ex, _ in _stand_ins_out(Region.BACK, ctx)
                            if _back_work(ex, ctx)], ctx)
    hours = ctx.rules.schedule.min_hours_between_hard
    for sd in _back_days_first(sessions, ctx):
        used = {d.exercise.id for d in sd.drafts}
        near = _near_spaced(sd, sessions, hours)
        for ex in options:
            if (ex.id in used or not _can_host(sd, ex) or _at_weekly_cap(ex, sessions, ctx)
                    or (ex.mechanic is not _COMPOUND and ex.pattern in near)):
                continue
            d = _draft(_extra_draft(ex, ctx).slot, ex, ctx, [])
            d.rotates = len(options) > 1
            if d.sets > _cap(d, sd, ctx):
                continue
            saved = _save(sd)
            sd.drafts.append(d)
            sd.solo.add(ex.id)
            if fine():
                return True
            _restore(saved)
    return False


def _back_work(ex: Exercise, ctx: _Context) -> bool:
    """Whether `ex` is back work that balances the legs: of the back region, and working a main
    muscle that is not one of [muscle_volume] legs (the lats, the upper back); not a reverse
    hyperextension, which the back region counts but the glutes and hamstrings do."""
    if ex.region is not Region.BACK:
        return False
    legs = ctx.rules.muscle_volume.legs
    return any(sh > 0 and m not in legs and m in ctx.rules.muscle_volume.main
               for m, sh in ctx.share_items(ex))


def _back_days_first(sessions: Sequence[_SessionDraft],
                     ctx: _Context) -> list[_SessionDraft]:
    """The sessions that load the back first (a face pull beside the rows, not on a squat
    day), each part with the most minutes left first."""
    return sorted(sessions, key=lambda s: (Region.BACK not in s.focus.hard_regions,
                                           _minutes(s, ctx)))


def _floor_set_kept_as_is(sessions: list[_SessionDraft], ctx: _Context, before: _Tally,
                          target: str | None, early: int, curls: int, grown: _Draft,
                          open_before: frozenset[str], spare: bool = False) -> bool:
    """Whether the set _floors_before_tops gave `grown` is kept on _past_tops_kept's terms, as
    it is or once the work in its way gives: the work filling a muscle it took past its top
    (_give_past_tops), and the legs' other accessories where it took legs:back out of [volume]
    balance (_give_for_balance: a third calf raise's sets for a leg curl's). Never where the
    week's knee-flexion sets end below [muscle_volume.knee_flexion] and below what they were
    (a squat's set for the quadriceps does not cost the curls their floor), nor where a main
    muscle is newly left with a lift that could take its set while a session ends early
    (time.use: a squat's third set lifts its session's cap, and a rear-delt raise held at two
    sets beside it could take a third), `open_before` (_open_muscles) the week's before."""
    if not _past_tops_kept(sessions, ctx, before, target, early, curls, spare=spare) and not (
            (_give_past_tops(sessions, ctx, grown)
             | _give_for_balance(sessions, ctx, grown, target))
            and _past_tops_kept(sessions, ctx, before, target, early, curls, spare=spare)
    ) and not (target is None
               and _give_main_sets(sessions, ctx, before, early, curls, grown, spare)):
        return False
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    # The work that gave way can leave a session's other accessories paired afresh at a
    # superset's fewest rounds, above two-set main lifts (main.most-sets).
    return (_knee_flexion_sets(sessions) >= min(curls, _knee_flexion_floor(ctx))
            and (all(_minutes(sd, ctx) >= least for sd in sessions)
                 or _open_muscles(sessions, ctx) <= open_before)
            and all(_mains_lead(sd) for sd in sessions))


def _give_main_sets(sessions: list[_SessionDraft], ctx: _Context, before: _Tally, early: int,
                    curls: int, grown: _Draft, spare: bool = False) -> bool:
    """Last, for a knee-flexion set whose muscles no accessory can relieve (hamstrings at their
    top from a leg press's five sets and two single-leg deadlifts at three, the curl at three
    of four): a main lift above the goal's sets (_main_goal_sets) that loads a muscle the curl
    took past its top gives a set, one at a time, the most relief first, then the most sets,
    the later day first: the trade a coach makes, a lift's extra set for the curl set
    (maeo2021: the hinges' and presses' hamstring sets do not stand in for knee flexion).
    Never a main lift below the goal's sets or its own fewest, never in a superset, never
    where its session's main lifts stop leading its accessories (main.most-sets) or
    main.sets-first breaks on more days, never a set that takes a muscle below its floor.
    True when the week is then kept on _past_tops_kept's terms, a muscle it leaves a set
    below its top allowed only where no lift could give it one within the bands (time.use
    asks no more)."""
    bands = ctx.band_cache
    keep = _main_goal_sets(ctx)
    days = len(_short_days(sessions, ctx))
    for _ in range(4):
        tally = _Tally.of(sessions, ctx)
        over = {m for m, sh in grown.shares
                if sh > 0 and tally.muscles[m] > bands[m][1] + 1e-9}
        if not over:  # the muscles are back inside: time.use's own terms decide
            return _past_tops_kept(sessions, ctx, before, None, early, curls, open_only=True,
                                   spare=spare)
        options: list[tuple[tuple[float, int, int], _SessionDraft, _Draft]] = []
        for day, sd in enumerate(sessions):
            for x in sd.drafts:
                if (not x.main or x.partner is not None
                        or x.sets - 1 < max(keep, _floor(x, sd, ctx))):
                    continue
                relief = sum(sh for m, sh in x.shares if m in over)
                if relief <= 0 or any(tally.muscles[m] - sh < bands[m][0] - 1e-9
                                      for m, sh in x.shares):
                    continue
                options.append(((-relief, -x.sets, -day), sd, x))
        for _key, sd, x in sorted(options, key=lambda t: t[0]):
            led = _mains_lead(sd)
            x.sets -= 1
            if (not led or _mains_lead(sd)) and len(_short_days(sessions, ctx)) <= days:
                break
            x.sets += 1
        else:
            return False
        if _past_tops_kept(sessions, ctx, before, None, early, curls, open_only=True,
                                   spare=spare):
            return True
    return False


def _give_for_balance(sessions: list[_SessionDraft], ctx: _Context, grown: _Draft,
                      target: str | None) -> bool:
    """Where the set _floors_before_tops added takes legs:back past [volume] balance (legs at
    twice the back's sets, the back's muscles at their tops), the heavier region's other
    accessories give way, one step at a time: a set off a straight-set accessory above its
    fewest sets, else an isolation accessory out of the week whose pattern is not one the week
    must hold or is held elsewhere (a third calf raise, a hip abduction), a step that leaves no
    main muscle new room a lift could take (time.use) first; never one that trains the short
    muscle (or, for knee flexion, a curl), never a main lift, never a set that takes a muscle
    below its floor. False when nothing could give."""
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
        open_now = _open_muscles(sessions, ctx)
        full_now = [m for m in ctx.rules.muscle_volume.main
                    if not room_for_a_set(tally.muscles[m], bands[m][1])]
        steps: list[tuple[tuple[bool, bool, bool, int], int, _SessionDraft, _Draft, int]] = []
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
                # Work whose set leaves a full main muscle room, or a set a lift could take
                # (time.use), gives last: a sore knee's only quadriceps hold out for a curl set
                # left the quadriceps that room while sessions end early, and the curl was
                # refused where a third calf raise could have given.
                saved = _save(sd)
                if cut == 1:
                    d.sets -= 1
                else:
                    _drop(sd, d, ctx)
                after = _Tally.of(sessions, ctx).muscles
                opens = (any(room_for_a_set(after[m], bands[m][1]) for m in full_now)
                         or not _open_muscles(sessions, ctx) <= open_now)
                _restore(saved)
                steps.append(((cut > 1, opens, _weekly(d, sessions), -d.sets), len(steps), sd, d,
                              cut))
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
                 open_before: frozenset[str], spare: bool = False) -> bool:
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
                                            open_before, spare)):
                    return True
                _restore(saved)
    return False


def _floor_new_accessory(sessions: list[_SessionDraft], ctx: _Context, tally: _Tally,
                         target: str | None, early: int, curls: int,
                         open_before: frozenset[str], spare: bool = False) -> bool:
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
    # For knee flexion, the new curl may come with an existing straight curl a set lighter (a
    # curl held at three sets by its session's three-set rows, hamstrings a set past their
    # top: two sets each on two days reach the floor of four where a third set of one curl
    # would take them past [coach_checks] above_band_sets).
    least = ctx.rules.dosing.min_sets
    lighter: list[_Draft | None] = [None]
    if target is None:
        lighter += [d for s in sessions for d in s.drafts if d.exercise.pattern is _KNEE_FLEXION
                    and d.partner is None and not d.main and d.sets > least]
    for sd in sorted(sessions, key=lambda s: _minutes(s, ctx)):
        used = {d.exercise.id for d in sd.drafts}
        near = _near_spaced(sd, sessions, hours)
        for ex in options:
            if (ex.id in used or not _can_host(sd, ex) or _at_weekly_cap(ex, sessions, ctx)
                    or (ex.mechanic is not _COMPOUND and ex.pattern is not Pattern.CORE
                        and ex.pattern in near)):
                continue
            # A hinge compound never joins a hinge day nor makes a third one; a bridge (an
            # isolation hinge: the hips work, the spine rests, [protect.lower-back] keeps it)
            # joins the deadlift's day as a coach's glute work after it.
            if ex.pattern is Pattern.HINGE and ex.mechanic is _COMPOUND and (
                    sd.has_hinge() or hinge_days >= ctx.rules.progression.hinge_heavy_days):
                continue
            proto = _extra_draft(ex, ctx)
            d = _draft(proto.slot, ex, ctx, [])
            d.rotates = len(options) > 1
            sd.drafts.append(d)
            sd.solo.add(ex.id)
            saved = _save(*sessions)
            # Where the new curl's sets would take knee flexion past its floor, the existing
            # curl a set lighter comes first (two and two, not three and two: the floor without
            # the hamstrings' extra set).
            over_floor = target is None and curls + d.sets > _knee_flexion_floor(ctx)
            for cut in ([*lighter[1:], None] if over_floor else lighter):
                if cut is not None:
                    cut.sets -= 1
                if _minutes(sd, ctx) <= budget and _floor_set_kept(
                        sessions, ctx, tally, target, early, curls, d, open_before, spare):
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
    takes a muscle below its floor, nor one that leaves a main muscle that was full with room
    for a set (a superset's three-round rear-delt raise out for a row set that took the upper
    back one past its top: upper back 19 -> 16 of 10-18, which time.use would see as room
    while the sessions end early, so the row set was refused and the lats stayed below their
    floor). The trade a coach makes: work for a muscle at its top for the one below its floor.
    False when nothing could give."""
    bands = ctx.band_cache
    curl = grown.exercise.pattern is _KNEE_FLEXION
    full = {m for m in ctx.rules.muscle_volume.main
            if not room_for_a_set(_Tally.of(sessions, ctx).muscles[m], bands[m][1])}
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
                if curl and d.exercise.pattern is _KNEE_FLEXION:
                    continue  # a curl's set for a curl's set gains knee flexion nothing
                cut = 1 if d.partner is None and d.sets > _floor(d, sd, ctx) else d.sets
                if cut == d.sets and not (
                        all(m in over for m, sh in d.shares if sh >= 1.0)
                        and (not _weekly(d, sessions) or _elsewhere(sd, d, sessions))
                        and not _last_rotator(d, sessions)):
                    continue
                if any(tally.muscles[m] - sh * cut < bands[m][0] - 1e-9
                       or (m in full and room_for_a_set(tally.muscles[m] - sh * cut,
                                                        bands[m][1]))
                       for m, sh in d.shares):
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
                    target: str | None, early: int, curls: int, open_only: bool = False,
                    spare: bool = False) -> bool:
    """Whether a set _floors_before_tops added is kept: the target gained (a muscle below its
    floor, or knee flexion's sets, `curls` before), every session inside its minutes and no
    more than `early` ending under [dosing] min_time_use of them, no main muscle that was full
    left with room for a set (time.use), no muscle taken below its floor, legs:back and the
    region ceiling kept, supersets whole, and every muscle above its top less than
    [coach_checks] above_band_sets past it (`spare`, for a floor no other step reached:
    besides what the curls up to the knee-flexion floor add, as volume.muscle-bands counts it)
    and excused as volume.muscle-bands excuses it:
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
    kf = _knee_flexion_sets(sessions)
    kf_floor = _knee_flexion_floor(ctx)
    curled = _curl_shares(sessions, kf, kf_floor)
    # For knee flexion's own floor or a main muscle's (`spare`: where nothing else reached it),
    # the curls' sets up to the knee-flexion floor do not count towards [coach_checks]
    # above_band_sets (volume.muscle-bands): the hamstrings at 18 of 10-16 with four curl sets
    # are past their top by the floor's curls.
    # A muscle the curls leave as it was (the core at 10 of 4-8 from two main lifts a session,
    # as volume.muscle-bands accepts it) does not hold them back either.
    spared = curled if spare else {}
    if any(after.muscles[m] - spared.get(m, 0.0) >= bands[m][1] + margin - 1e-9
           and not (spare and after.muscles[m] <= before.muscles[m] + 1e-9) for m in over):
        return False
    # A main muscle that was full (no room for a set) stays full: a set the trade gave away
    # must not leave room in a week whose sessions end early by time.use's excuse.
    # (`open_only`, after a main lift gave a set: unless no lift could give it one within the
    # bands either, time.use's own excuse.)
    newly = {m for m in ctx.rules.muscle_volume.main
             if not room_for_a_set(before.muscles[m], bands[m][1])
             and room_for_a_set(after.muscles[m], bands[m][1])}
    if newly and (not open_only or newly & _open_muscles(sessions, ctx)):
        return False
    # A muscle past its top only by the curls the knee-flexion floor asks for is excused
    # whatever fills the rest (maeo2021: the hinges' sets do not stand in for the curls).
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
            if d.exercise.pattern is _KNEE_FLEXION:
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


def _cut_needless_past_top(sessions: list[_SessionDraft], ctx: _Context,
                           block_index: int, slack_min: int = 0) -> bool:
    """volume.muscle-bands, after the block's late steps: a muscle past its top (besides what
    the curls up to the knee-flexion floor add, maeo2021) gives up sets no rule requires, and
    the freed minutes fill again (_fill_early_sessions; where that lets a muscle below its
    floor take a set its full region refuses, the region's other work makes way,
    _trade_region_floor). Past its top at all: a set of a lift
    that trains it as a prime mover above the rules' fewest (_floor) and holding no other
    floor (a main inverted row at 5 sets beside a day's accessories at 4, once
    _heavy_days_first moved a set: upper back 20.5 of 12-20). [coach_checks] above_band_sets
    or more past it: a main lift's set above the goal's (_main_goal_sets) that braces the
    core or calves (a Monday pistol squat's fourth set, taken while the quadriceps were below
    their floor, which the lunges reached after), or an accessory's set above [dosing]
    min_sets, or the whole accessory where the week keeps its pattern without it or needs
    none (a prone swimmer's half sets taking the upper back to 18 of 10-16). The most-set
    lift first. Kept only when the muscle ends at its top (or under that margin), no other
    muscle past its top grows, the week keeps its floors, bands, balance, knee-flexion sets
    and whole supersets, every session fits (and, beside a main muscle below its floor, no
    full one newly ends early, _newly_loose, nor has a lift newly able to give it a set,
    _short_with_a_lift), every session's main lifts keep the most sets
    (main.most-sets), main.sets-first holds where it held (`slack_min`, as _short_days), and
    where a session then ends early no main muscle is newly left with a lift that could take
    its set (time.use); else undone. True when the week changed."""
    margin = ctx.rules.coach_checks.above_band_sets
    main = ctx.rules.muscle_volume.main
    bands = ctx.band_cache
    budget = ctx.profile.minutes_per_session
    least = ctx.rules.dosing.min_time_use * budget
    target = _main_goal_sets(ctx)
    min_sets = ctx.rules.dosing.min_sets
    kf_floor = _knee_flexion_floor(ctx)
    changed = False
    for _ in range(4):
        before = _Tally.of(sessions, ctx)
        kf = _knee_flexion_sets(sessions)
        curled = _curl_shares(sessions, kf, kf_floor)
        past = {m: n - curled.get(m, 0.0) for m, n in before.muscles.items()
                if n - curled.get(m, 0.0) > bands[m][1] + 1e-9}
        if not past:
            break
        far = {m for m, n in past.items() if n >= bands[m][1] + margin - 1e-9}
        over = frozenset(past)
        cuts = []
        for k, sd in enumerate(sessions):
            for j, d in enumerate(sd.drafts):
                if d.partner is not None:
                    continue
                for m, sh in d.shares:
                    if m not in past or sh <= 0:
                        continue
                    if m not in far:
                        if (sh >= 1 and d.sets > _floor(d, sd, ctx)
                                and not _holds_a_floor(d, over, before, kf, kf_floor, ctx)):
                            cuts.append((m, -d.sets, k, j))
                    elif d.main:
                        if 0 < sh < 1 and m not in main and d.sets > max(target,
                                                                         _floor(d, sd, ctx)):
                            cuts.append((m, -d.sets, k, j))
                    elif (d.sets > min_sets or not _weekly(d, sessions)
                          or _elsewhere(sd, d, sessions)):
                        cuts.append((m, -d.sets, k, j))
        if not cuts:
            break
        led = {k for k, s in enumerate(sessions) if _mains_lead(s)}
        short_days = bool(_short_days(sessions, ctx, slack_min))
        open_before = _open_muscles(sessions, ctx)
        early_before = any(_minutes(s, ctx) < least for s in sessions)
        full = budget - ctx.rules.coach_checks.full_margin_minutes
        loose = {k for k, s in enumerate(sessions) if _minutes(s, ctx) < full}
        kf_keep = min(kf, kf_floor)
        short_open = _short_with_a_lift(sessions, ctx)
        done = False
        for m, _sets, k, j in sorted(cuts):
            saved = _save(*sessions)
            pairs = [(s, s.max_pairs) for s in sessions]
            sd = sessions[k]
            d = sd.drafts[j]
            if d.sets > (target if d.main and m in far else min_sets):
                d.sets -= 1
            else:
                _drop(sd, d, ctx)
            _fill_early_sessions(sessions, ctx, block_index)
            # The refill can raise a session's fewest main-lift sets and with them a short
            # muscle's accessory cap in a region at its ceiling: the region's other work makes
            # way for that set (_trade_region_floor), as a coach doses the muscle below its
            # floor first (Friday's archer pull-up at 4 lets a sore knee's quadriceps hold take
            # a fourth set, the legs at 40 with the hamstrings past their top).
            for _ in range(4):
                if (_short_with_a_lift(sessions, ctx) <= short_open
                        or not _trade_region_floor(sessions, ctx)):
                    break
            after = _Tally.of(sessions, ctx)
            now = _curl_shares(sessions, _knee_flexion_sets(sessions), kf_floor)
            left = after.muscles[m] - now.get(m, 0.0)
            if ((left < bands[m][1] + margin - 1e-9 if m in far
                 else left <= bands[m][1] + 1e-9)
                    and all(after.muscles[x] <= before.muscles[x] + 1e-9 for x in past)
                    and not _overdosed(after, before, ctx)
                    and not any(n < bands[x][0] - 1e-9 <= before.muscles[x] - 1e-9
                                for x, n in after.muscles.items())
                    and _legs_back_ok(after, ctx) and _whole_pairs(sessions, ctx)
                    and _knee_flexion_sets(sessions) >= kf_keep
                    and all(_minutes(s, ctx) <= budget for s in sessions)
                    and not _newly_loose(sessions, ctx, loose, full)
                    and _short_with_a_lift(sessions, ctx) <= short_open
                    and all(k2 not in led or _mains_lead(s) for k2, s in enumerate(sessions))
                    and (short_days or not _short_days(sessions, ctx, slack_min))
                    and (all(_minutes(s, ctx) >= least for s in sessions)
                         or (_open_muscles(sessions, ctx) <= open_before
                             and (early_before or not _open_muscles(sessions, ctx))))):
                done = changed = True
                break
            _restore(saved)
            for s, n in pairs:
                s.max_pairs = n
        if not done:
            break
    return changed


def _short_with_a_lift(sessions: Sequence[_SessionDraft], ctx: _Context) -> frozenset[str]:
    """The main muscles below their floors that a lift of the week could give another set
    (_lifts_could_give). volume.muscle-bands reads a muscle below its floor so, with
    no regard to its region's ceiling (time.use's room is _open_muscles): a change that lifts
    a session's fewest main-lift sets raises its accessories' cap, and a quadriceps hold held
    at three sets by it could then take a fourth the legs' ceiling refuses."""
    tally = _Tally.of(sessions, ctx)
    bands = ctx.band_cache
    return _lifts_could_give(sessions, ctx, tally, [
        m for m in ctx.rules.muscle_volume.main if tally.muscles[m] < bands[m][0] - 1e-9])
