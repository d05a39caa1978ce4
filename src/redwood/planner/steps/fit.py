"""Fitting a session into its minutes: trimming accessories first and main lifts last,
swapping for shorter exercises, and putting back the weekly patterns a trim took.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import Pattern, Region
from redwood.planner.steps.choose import _candidates, _loaded_first
from redwood.planner.steps.context import (
    _HINGE,
    _LOAD_OPTIONAL,
    _ONE_SET,
    _PULLOVER,
    _REPS,
    _VERTICAL_PULL,
    _WEEKLY_PATTERNS_FROM_DAYS,
    WEEKLY_PATTERNS,
    PlanError,
    _Context,
    _Draft,
    _is_loaded,
    _SessionDraft,
)
from redwood.planner.steps.progression import _still_balanced
from redwood.planner.steps.session import _cooldown, _draft, _minutes, _pair, _warmup
from redwood.planner.steps.tally import _restore, _save, _Tally
from redwood.planner.steps.week_patterns import (
    _can_host,
    _extra_slot,
    _fresh_first,
    _twin,
    _week_patterns,
)


def _last_rotator(d: _Draft, week: Sequence[_SessionDraft]) -> bool:
    """Whether `d` is the week's only accessory that rotates (the plan must rotate one)."""
    if not d.rotates:
        return False
    for sd in week:  # loops, not any() over a generator: the cuts ask per accessory
        for x in sd.drafts:
            if x.rotates and not x.main and x is not d:
                return False
    return True


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
    if pattern is not _PULLOVER:
        return False
    vertical = _VERTICAL_PULL  # read once, not per draft (see _COMPOUND)
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
        if pattern is _HINGE or pattern in _week_patterns(sessions):
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
    was = [(x, x.sets) for other in sessions for x in other.drafts]
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
            floor = _mains_floor(sd, ctx)
            giver = next((x for x in mains if x.sets > floor), None)
            if giver is None:
                break
            giver.sets -= 1
        _make_band_room(d, sessions, before, ctx)
        after = _Tally.of(sessions, ctx)
        short = any(after.muscles[m] < ctx.band_cache[m][0] <= before.muscles[m]
                    for m in ctx.rules.muscle_volume.main)
        # At its fewest sets the pattern may take its own muscle above the band (core
        # already topped by the lifts' bracing): the band note says so, and a coach
        # keeps the pattern.
        own = {m for m, sh in ctx.share_items(ex) if sh >= 1.0} if (
            n <= ctx.rules.dosing.min_sets) else set()
        # The week's only lat exercise in place of a vertical pull (substitution.vertical-pull)
        # may brace the core a set past its top at its fewest sets: the band note names it.
        soft = _braced_by_stand_in(ex, n, ctx)
        over = any(v > max(ctx.band_cache[m][1], before.muscles[m]) + soft.get(m, 0.0) + 1e-9
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
    for x, m in was:
        x.sets = m
    _restore(saved)
    return False


def _braced_by_stand_in(ex: Exercise, sets: int, ctx: _Context) -> dict[str, float]:
    """How far past its top _try_pattern lets a pullover standing in for a vertical pull take
    a muscle it trains as a secondary one, not a main muscle (the core): at its fewest sets,
    less than [coach_checks] above_band_sets (volume.muscle-bands accepts a muscle above its
    band whose own prime movers sit at their fewest sets where a note names it)."""
    if ex.pattern is not _PULLOVER or sets > ctx.rules.dosing.min_sets:
        return {}
    main = ctx.rules.muscle_volume.main
    room = ctx.rules.coach_checks.above_band_sets - 1
    return {m: room for m, sh in ctx.share_items(ex) if sh < 1.0 and m not in main}


def _make_band_room(d: _Draft, sessions: Sequence[_SessionDraft],
                    before: _Tally, ctx: _Context) -> None:
    """_try_pattern's room in the bands: where the restored pattern's sets take a muscle past
    its top (a pullover's core beside inverted rows' bracing at the core's top), main lifts of
    the week that load it give sets, the lift with the most first and later days first, down
    to their session's floor (min_sets, and no fewer than its accessories: main.most-sets)
    and never taking a main muscle below its floor: a coach trades a third inverted-row set
    for the week's only lat exercise (substitution.vertical-pull)."""
    bands = ctx.band_cache
    order = {id(x): i for i, x in enumerate(sessions)}
    for _ in range(8):  # a few sets at most
        now = _Tally.of(sessions, ctx)
        over = {m for m, v in now.muscles.items()
                if v > max(bands[m][1], before.muscles[m]) + 1e-9}
        if not over:
            return
        givers = []
        for other in sessions:
            floor = _mains_floor(other, ctx)
            for x in other.drafts:
                if (x.main and x.partner is None and x is not d and x.sets > floor
                        and not _below_floor(now, x, ctx)):
                    relief = sum(sh for m, sh in x.shares if m in over)
                    if relief > 0:
                        givers.append((-relief, -x.sets, -order[id(other)], x))
        if not givers:
            return
        min(givers, key=lambda g: g[:3])[3].sets -= 1


def _mains_floor(sd: _SessionDraft, ctx: _Context) -> int:
    """The fewest sets a main lift of `sd` may give down to: [dosing] min_sets, and no fewer
    than the session's accessories (main.most-sets)."""
    return max([ctx.rules.dosing.min_sets] + [x.sets for x in sd.drafts if not x.main])


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
        # A lighter hinge day stays one (its reason's range gives way to a rep wave's week's
        # reps when stamped, as in block 1: why.matches).
        d.lighter_day = first.lighter_day
        d.set_s = first.set_s  # the same exercise and `high`
