"""Building a block's week: the template week (select, fit, fill, space) and its support
rows, built with and without thinned isolation (the better kept); and rotation, a new
block's accessories changed from the block before's where the week stays as good.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import Level, Pattern
from redwood.planner.schedule import WeekShape
from redwood.planner.steps.choose import _candidates, _loaded_first, _tiebreak
from redwood.planner.steps.context import (
    _COMPOUND,
    _HAND_HELD,
    _HINGE,
    _REPS,
    _WEEKLY_PATTERNS_FROM_DAYS,
    WEEKLY_PATTERNS,
    _Context,
    _Draft,
    _is_loaded,
    _listed,
    _SessionDraft,
    pattern_label,
)
from redwood.planner.steps.fill import _cut_overshoot, _fill
from redwood.planner.steps.fit import (
    _elsewhere,
    _fit,
    _no_longer_rest_than_mains,
    _replay_openers,
    _restore_patterns,
    _weekly,
)
from redwood.planner.steps.floors import _knee_flexion_to_floor, _knee_flexion_trade
from redwood.planner.steps.grow import _grow, _grow_last_resort, _relocate
from redwood.planner.steps.isolation import (
    _better,
    _gather_isolation,
    _merge_isolation,
    _space_isolation,
    _thin_isolation,
    _thinning_cost,
)
from redwood.planner.steps.relief import _heavy_days_first, _mains_before_accessories
from redwood.planner.steps.session import (
    _cooldown,
    _draft,
    _fits,
    _main_ids,
    _minutes,
    _pair,
    _pair_saves,
    _select,
    _unit_seconds,
    _warmup,
)
from redwood.planner.steps.tally import (
    _cap,
    _close,
    _isolation_score,
    _legs_back_ok,
    _overdosed,
    _Tally,
    _WeekPlan,
)
from redwood.planner.steps.trades import _use_time, _use_time_keeping_knee_flexion
from redwood.planner.steps.week_patterns import (
    _add_missing_patterns,
    _extra_slot,
    _light_range,
    _lighten_hinges,
    _limit_hinges,
    _missing_note,
    _one_floor_pull,
    _twin,
    _vary_hinges,
    _vary_single_leg,
    _week_patterns,
)
from redwood.rules.sessions import Templates


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
    _one_floor_pull(drafts, ctx)
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
    # The spacing moved accessories between days after the time steps grew them: the sore
    # knees' hold against the other leg, moved to a day of three-set rows at its two sets
    # beside a session ending early while the quadriceps have room (time.use), grows there.
    _grow_last_resort(drafts, ctx)
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
        options = {id(d): _supported_options(d, ctx, rows, used) for d in bent}
        fixed = [d for d in bent if d.main and block_index > 1]
        free = [d for d in bent if d not in fixed]
        for size in range(len(free), 0, -1):
            if any(_support_some(sd, sessions, ctx, list(some), options, why,
                                 [d for d in bent if d not in some], fixed)
                   for some in itertools.combinations(free, size)):
                break


def _supported_options(d: _Draft, ctx: _Context, rows: frozenset[str],
                       used: set[str]) -> list[Exercise]:
    """The supported rows (compounds of `d`'s pattern, no [schedule] spinal_rows) that may take
    bent-over row `d`'s place, in the candidates' order (_unloading tells which picks lose
    the load)."""
    return [ex for ex in _candidates(d.slot, ctx, with_equipment=True)
            if ex.pattern is d.exercise.pattern and ex.mechanic is _COMPOUND
            and ex.id not in rows and ex.id not in used
            and (d.main or ex.id not in ctx.week_mains)]


def _unloading(some: list[_Draft], pick: tuple[Exercise, ...], sessions: list[_SessionDraft],
               ctx: _Context, options: dict[int, list[Exercise]]) -> bool:
    """Whether a pick of supported rows, in a plan for strength or size, puts an unloaded row in
    a loaded one's place while a loaded supported row the kit allows stays out of the week (an
    inverted row for a barbell row beside an unused single-arm kettlebell row:
    substitution.loaded); the bent-over row then stays, its reason saying why."""
    if not _loaded_first(ctx):
        return False
    held = {x.exercise.id for s in sessions for x in s.drafts} | {ex.id for ex in pick}
    return any(_is_loaded(d.exercise) and not _is_loaded(ex)
               and any(_is_loaded(o) and o.id not in held for o in options[id(d)])
               for d, ex in zip(some, pick, strict=True))


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
        # (a loaded row gives way to an unloaded one only where the kit's loaded supported
        # rows are all in the week: _unloading)
        kind = ("loaded supported row" if _loaded_first(ctx) and all(
            _is_loaded(d.exercise) and any(_is_loaded(ex) for ex in options.get(id(d), ()))
            for d in kept) else "supported row")
        stays = (f"the plan's main lift{'s' if len(kept) > 1 else ''}, kept all plan "
                 "[rotation.core-lifts-stay]" if len(fixed) == len(kept) else
                 f"no {kind} in its place too keeps the session inside its minutes and "
                 "every muscle as near its band")
        spares = (f"a supported row takes part of that load off; {names} "
                  f"{'stays' if len(kept) == 1 else 'stay'} bent over ({stays}).")
    before = _Tally.of(sessions, ctx)
    was = _minutes(sd, ctx)
    for pick in itertools.product(*(options[id(d)] for d in some)):
        if len({ex.id for ex in pick}) < len(pick):
            continue  # two rows of the session made one
        if _unloading(some, pick, sessions, ctx, options):
            continue
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
            # One day a week pulls from the floor (hinge.floor-pulls): none of another's.
            floor = ctx.floor_pulls
            floored = any(x.exercise.id in floor for s in week.sessions if s is not sd
                          for x in s.drafts)
            options = sorted((ex for ex in _rotation_pool(d, ctx, unloaded)
                              if ex.pattern is d.exercise.pattern and ex.id not in here
                              and ex.id not in held and ex.mechanic is d.exercise.mechanic
                              and ex.region is d.region and ex.id not in ctx.week_mains
                              and days[ex.id] < ctx.rules.progression.accessory_most_days
                              and (d.partner is None or ex.id not in sd.solo)
                              and not (floored and ex.id in floor)),
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


def _kin(d: _Draft, ctx: _Context) -> list[Exercise]:
    """_make_rotate's widest options for `d`: the exercises the lifter can do, outside its
    slot's patterns, of its region and mechanic, that train one of its prime movers as theirs,
    best first."""
    prime = {m for m, sh in ctx.share_items(d.exercise) if sh >= 1.0}
    patterns = set(d.slot.patterns) | {d.exercise.pattern}
    return sorted((ex for ex in ctx.usable if ex.pattern not in patterns
                   and ex.region is d.region and ex.mechanic is d.exercise.mechanic
                   and any(sh >= 1.0 and m in prime for m, sh in ctx.share_items(ex))),
                  # Loaded first, then not a catalogue beginner's version, then the catalogue's
                  # rank: what fits the session's minutes is tried in that order.
                  key=lambda ex: (not _is_loaded(ex), ex.level is Level.BEGINNER, ex.rank,
                                  ex.id))


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
    # Last of all, where the slot holds no other option (a 15-minute day's backward hill walk,
    # the only knee extension a sore knee and the kit allow), an exercise of another pattern
    # that trains the same prime mover in the same region (a squat for the quadriceps).
    budget = ctx.profile.minutes_per_session
    for in_band, fewer, wide in ((True, False, False), (False, False, False),
                                 (True, True, False), (True, True, True)):
        for sd in week.sessions:
            used = {d.exercise.id for d in sd.drafts}
            for d in [d for d in sd.drafts if not d.main]:
                # The week's only exercise of a weekly pattern rotates inside its pattern: a
                # calf raise swapped for a leg curl is put back by the fill (pattern.weekly).
                keep = _weekly(d, week.sessions) and not _elsewhere(sd, d, week.sessions)
                if wide and keep:
                    continue
                # Nor one of a pattern the session holds in another accessory: a leg curl
                # swapped for a second calf raise beside the first (pattern.once-per-session).
                for ex in (_kin(d, ctx) if wide else
                           _candidates(replace(d.slot, main=False), ctx, with_equipment=True)):
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
