"""Filling the week (_fill): main lifts first, then the muscles furthest below their band;
the cuts that bring it back inside the bands (main lifts' sets first, the lighter of a
lift's days first), legs and back kept inside [volume] balance, and excess spread off
the muscles furthest past their bands.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import TRAINED_REGIONS, Mechanic, Pattern, Region
from redwood.planner.steps.choose import _unloaded_stand_in
from redwood.planner.steps.context import (
    _ADVANCED,
    _BACK,
    _LEGS,
    _WEEKLY_PATTERNS_FROM_DAYS,
    WEEKLY_PATTERNS,
    _Context,
    _Draft,
    _SessionDraft,
)
from redwood.planner.steps.fit import _drop, _elsewhere, _last_rotator, _shorten_bookends, _weekly
from redwood.planner.steps.grow import _add_exercise, _grow, _relocate, _split_for_room
from redwood.planner.steps.progression import _lighter_days, _still_balanced
from redwood.planner.steps.session import _fits, _minutes, _pair, _unit_seconds, _units, _warmup
from redwood.planner.steps.tally import _cap, _floor, _legs_back_ok, _overdosed, _Tally
from redwood.planner.steps.trades import (
    _make_room,
    _over_load,
    _sole_lat_stand_in,
    _sole_mover,
    _swap_in,
    _swap_lighter,
    _trade,
)
from redwood.planner.steps.week_patterns import _can_host


def _fill(sessions: list[_SessionDraft], ctx: _Context, block_index: int) -> _Tally:
    """Grow the week towards the top of every band, then bring it back inside the bands and
    the rules (balance, main lifts first); again while that changes the week, since cutting one
    muscle's sets can leave room (and time) for another's."""
    stuck: _FillState | None = None  # the week as the last round's steps all failed on it
    for _ in range(4):
        before = _shape(sessions)
        # Re-pairing can change sets, so count after every structural change.
        tally = _Tally.of(sessions, ctx)
        while _grow(sessions, ctx, tally, mains=True):
            pass
        seen: set[_WeekKey] = set()
        first = True
        while True:
            while _grow(sessions, ctx, tally, mains=False):
                pass
            # The round's first steps often meet the very week (and tally) on which the last
            # round's steps all failed (its cuts and this round's growth changed nothing):
            # they would fail again, so they are not run again (the week's state in full,
            # _fill_state, and every step is a function of it).
            state = _fill_state(sessions, ctx, tally) if first and stuck is not None else None
            first = False
            if state is not None and state == stuck:
                break
            if not (_add_exercise(sessions, ctx, tally, block_index)
                    or _split_for_room(sessions, ctx, tally)
                    or _relocate(sessions, ctx, tally)
                    or _make_room(sessions, ctx, tally)
                    or _trade(sessions, ctx, tally, block_index)):
                stuck = state if state is not None else _fill_state(sessions, ctx, tally)
                break
            stuck = None
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


def _rated(d: _Draft, ctx: _Context) -> bool:
    """Whether the lift's days carry RPE targets, so some are lighter days (_lighter_days):
    advanced plans, sets the RPE table covers."""
    return ctx.profile.level is _ADVANCED and d.high <= ctx.rules.progression.rpe_max_reps


def _sets_first_over(sets: Sequence[int], k: int, rated: bool) -> list[int]:
    """main.sets-first for a lift's day `k`, its sets on each day of the week in order: the
    other days that hold more than `k` may, any more where `k` is heavy and that day lighter
    (`rated`: _lighter_days, none past the RPE table), two more where both have one target."""
    light = _lighter_days(sets) if rated else set()
    return [j for j, n in enumerate(sets)
            if j != k and (n > sets[k] if k not in light and j in light
                           else n >= sets[k] + 2 and (k in light) == (j in light))]


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
                            or (ex.pattern is Pattern.HINGE and not sd.has_hinge())
                            # nor a kettlebell lunge for an air lunge in a strength or size
                            # plan: an excess is spread over loaded work (substitution.loaded)
                            or _unloaded_stand_in(ex, ctx)):
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


_FillState = tuple[object, ...]
_DRAFT_STATE = attrgetter(*(f for f in _Draft.__slots__ if f != "why"))
"""Every field of a draft but its reasons (a list, copied apart: _fill_state)."""


def _fill_state(sessions: Sequence[_SessionDraft], ctx: _Context, tally: _Tally) -> _FillState:
    """All that _fill's steps read that can change while a week is built: every session's
    drafts (each draft's every field), pairing limits, straight-set ids, day and bookends, the
    tally they are handed, and the plan's state beside the week (the week's main lifts, the
    block before's accessories, the hand-held and squat-for-hinge choices, spacing). Equal
    states: every step answers as it did (the caches hold what the steps would work out)."""
    return (
        tuple((sd.focus, sd.variant, sd.day, sd.max_pairs, frozenset(sd.solo), sd.warmup,
               sd.cooldown, tuple(sd.drafts), tuple(map(_DRAFT_STATE, sd.drafts)),
               tuple([tuple(d.why) for d in sd.drafts])) for sd in sessions),
        tuple(tally.muscles.items()), tuple(tally.regions.items()),
        frozenset(ctx.week_mains), frozenset(ctx.stale), frozenset(ctx.hand_held),
        tuple(ctx.squat_for_hinge), ctx.spacing[0], ctx.week_pullover[0],
        tuple((k, tuple(v)) for k, v in ctx.openers.items()))


def _shape(sessions: Sequence[_SessionDraft]) -> list[list[tuple[str, int]]]:
    return [[(d.exercise.id, d.sets) for d in sd.drafts] for sd in sessions]


_WeekKey = tuple[tuple[tuple[str, int, str | None], ...], ...]


def _week_key(sessions: Sequence[_SessionDraft]) -> _WeekKey:
    """The week's exercises, sets and superset partners, hashable: equal keys are equal weeks
    as far as the fill's steps can tell."""
    return tuple([tuple([(d.exercise.id, d.sets,
                          None if d.partner is None else d.partner.exercise.id)
                         for d in sd.drafts]) for sd in sessions])


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
    least = min([d.sets for d in mains])
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


def _over_without(d: _Draft, tally: _Tally, over: set[str], ctx: _Context) -> bool:
    """Whether every muscle `d` trains as a prime mover is above its band and stays at or above
    its floor without `d`'s sets: below pattern.weekly's days a week, the week's only plank
    of a core already past its top through the lifts' bracing may go (no rule asks for the
    pattern; volume.muscle-bands asks for the core inside its band)."""
    prime = [(m, sh) for m, sh in ctx.share_items(d.exercise) if sh >= 1.0]
    return bool(prime) and all(
        m in over and tally.muscles[m] - sh * d.sets >= ctx.band_cache[m][0] - 1e-9
        for m, sh in prime)


_Scored = list[tuple[tuple[float, float, int], int, _SessionDraft, _Draft]]
"""_cut_once's scores: (harm, -relief, keep), the draft's place in the week, session, draft."""


def _score_cuts(sessions: list[_SessionDraft], mains: bool, over: set[str], full: set[Region],
                loads: dict[str, float], low: set[str], muscles: dict[str, float],
                bands: dict[str, tuple[int, int]], scored: _Scored) -> None:
    """_cut_once's scores of the week's main lifts (`mains`) or accessories that load the
    overdosed muscles or full regions, appended to `scored`: what a set fewer would take below
    a floor (of the muscles `low`, near theirs), the relief, the slot's keep, and the draft's
    place among every draft of the week (equal keys in the week's order)."""
    at = 0
    for sd in sessions:
        for d in sd.drafts:
            at += 1
            if d.main is not mains:
                continue
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
                scored.append(((harm, -relief, d.slot.keep), at, sd, d))


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
    # The accessories are scored first, the main lifts only once no accessory step applies
    # (most steps swap, cut or drop an accessory).
    scored: _Scored = []
    _score_cuts(sessions, False, over, full, loads, low, muscles, bands, scored)
    scored.sort()  # by the key, then the week's order (a stable sort by the key)
    accessories = [(sd, d) for _, _, sd, d in scored]
    tried = over_key | frozenset(r.value for r in full) if full else over_key
    for sd, d in accessories:
        if (not d.swapped and d.swap_tried != tried
                and _swap_lighter(sd, d, tally, over, full, sessions, ctx, over_key,
                                  loads[d.exercise.id])):
            return True
        d.swap_tried = tried
    for sd, d in accessories:
        if d.sets > _floor(d, sd, ctx):
            d.sets -= 1
            if d.partner is not None:
                d.partner.sets -= 1
            return True
    few_days = ctx.profile.days_per_week < _WEEKLY_PATTERNS_FROM_DAYS
    for sd, d in accessories:
        needed = ((_weekly(d, sessions) and not _elsewhere(sd, d, sessions)
                   and not (few_days and _over_without(d, tally, over, ctx)))
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
    # The main lifts' scores, as the accessories' (nothing above changed the week or the
    # tally: every accessory step that changes it returns), and with them the whole week's
    # order for the steps below.
    _score_cuts(sessions, True, over, full, loads, low, muscles, bands, scored)
    scored.sort()
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


def _balance(sessions: list[_SessionDraft], ctx: _Context) -> None:
    """Keep legs:back inside the rule's bounds, trimming the heavier region's accessories."""
    low, high = ctx.rules.volume.balance
    # pattern.weekly asks for every pattern only from 3 days a week: a 2-day plan may drop an
    # accessory of one (2 x 15 min: a walkout and a split squat held legs:back at 3:1 while
    # each one-arm row had one set; without them the rows get the minutes).
    weekly = ctx.profile.days_per_week >= _WEEKLY_PATTERNS_FROM_DAYS
    for _ in range(200):
        tally = _Tally.of(sessions, ctx)
        legs, back = tally.regions[_LEGS], tally.regions[_BACK]
        if back and low <= legs / back <= high:
            return
        heavy = _LEGS if not back or legs / back > high else _BACK
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
    for m, sh in d.shares:  # a loop, not any() over a generator: _balance asks per option
        if sh and tally.muscles[m] - sh * cut < ctx.band_cache[m][0] - 1e-9:
            return True
    return False


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
