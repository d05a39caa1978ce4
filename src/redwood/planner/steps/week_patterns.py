"""The week's patterns: hinges on at most two days, varied hinges and single-leg work, the
lighter hinge range, and every weekly pattern a coach expects added where it is
missing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from redwood.domain.exercise import Exercise
from redwood.domain.plan import SessionFocus
from redwood.domain.vocabulary import Pattern, Region
from redwood.planner.steps.choose import _candidates, _kit_has_protected
from redwood.planner.steps.context import (
    _COMPOUND,
    _HAND_HELD,
    _HINGE,
    _LOADS,
    _REPS,
    _WEEKLY_PATTERNS_FROM_DAYS,
    WEEKLY_PATTERNS,
    PlanError,
    _Context,
    _Draft,
    _excluded,
    _is_loaded,
    _SessionDraft,
    _too_many_reps,
    pattern_label,
)
from redwood.planner.steps.session import _draft, _select, _set_seconds
from redwood.rules.sessions import Slot, Templates


def _limit_hinges(sessions: list[_SessionDraft], ctx: _Context, templates: Templates,
                  block_index: int, week_mains: frozenset[str]) -> list[_SessionDraft]:
    """At most `hinge_heavy_days` sessions a week with a hinge. Main-lift hinges count first
    (they do not depend on the block, so main lifts stay all plan); a later session swaps its
    hinge out, and an accessory hinge goes where a hinge day is left."""
    most = ctx.rules.progression.hinge_heavy_days

    def main_hinge(sd: _SessionDraft) -> bool:
        return any([d.main and d.exercise.pattern is _HINGE for d in sd.drafts])

    ctx.squat_for_hinge[:] = (_hinges_overdose(sessions, ctx) if ctx.hand_held
                              and sum(map(main_hinge, sessions)) > most else [])
    out: list[_SessionDraft] = []
    days = 0
    for sd in sessions:
        if main_hinge(sd):
            if days >= most:
                try:
                    sd = _select(sd.focus, sd.variant, ctx, templates,
                                 block_index, week_mains, skip=frozenset({Pattern.HINGE}))
                except PlanError:  # nothing else for the slot: the hinge stays
                    days += 1
                else:
                    _squat_day_why(sd, ctx)
            else:
                days += 1
        out.append(sd)
    for sd in out:
        if sd.has_hinge() and not main_hinge(sd):
            if days >= most:
                for d in [d for d in sd.drafts if d.exercise.pattern is Pattern.HINGE]:
                    sd.drafts.remove(d)
            else:
                days += 1
    return out


def _hinges_overdose(sessions: Sequence[_SessionDraft], ctx: _Context) -> list[str]:
    """The muscles the week's main lifts at [progression] wave_min_sets each (fewer is an
    afterthought of a main lift), with a knee-flexion exercise at [dosing] min_sets where the
    week needs one (pattern.knee-flexion), take above their bands' tops: a hinge on
    every legs day then leaves its main lifts at 2 sets (strength, 5 x 45 min at home with a
    kettlebell: hamstrings 15.5 of 8-14 with both RDL days at 3 sets), and a coach keeps the
    sets and drops the third hinge day."""
    least = ctx.rules.progression.wave_min_sets
    load: dict[str, float] = {}
    for sd in sessions:
        for d in sd.drafts:
            if d.main:
                for m, share in d.shares:
                    load[m] = load.get(m, 0.0) + share * least
    flexion = next((d for sd in sessions for d in sd.drafts
                    if d.exercise.pattern is Pattern.KNEE_FLEXION), None)
    if flexion is not None and ctx.profile.days_per_week >= _WEEKLY_PATTERNS_FROM_DAYS:
        for m, share in flexion.shares:
            load[m] = load.get(m, 0.0) + share * ctx.rules.dosing.min_sets
    return [m for m, n in load.items() if n > ctx.band(m)[1] + 1e-9]


def _squat_day_why(sd: _SessionDraft, ctx: _Context) -> None:
    """The reasons of a session whose hinge _one_leg_main swapped for a two-leg squat: the
    squat says why it is there and how to keep it hard; the day's split squat no longer says
    that a two-leg squat cannot be loaded (_hand_held_job), which the other legs days still
    say."""
    split = next((d for d in sd.drafts if d.main and d.exercise.id in ctx.hand_held), None)
    squat = next((d for d in sd.drafts if d.main and d.exercise.pattern is Pattern.SQUAT
                  and not d.exercise.unilateral), None)
    if split is None or squat is None:
        return
    heavy = split.exercise.name
    muscles = " and ".join(ctx.squat_for_hinge)
    most = ctx.rules.progression.hinge_heavy_days
    because = (f"with a hinge on every legs day the {muscles} would pass the top of the band "
               "before every main lift had its sets" if muscles else
               f"the lower back gets at most {most} hinge days a week, one heavy and one "
               "lighter")
    squat.why[:] = [
        f"{squat.exercise.name} in place of a third hinge day: {because} "
        f"[hinge.heavy-days]. {heavy} stays your "
        "heavy squat; the weights you hold load two legs lighter, so lower slowly "
        f"({ctx.rules.progression.held_squat_lowering_s} s) to keep each set near failure."]
    job = f"{split.exercise.name} is your main squat, not "
    split.why[:] = [w for w in split.why if not w.startswith(job)]


def _vary_hinges(sessions: Sequence[_SessionDraft], ctx: _Context) -> None:
    """The week's second hinge day (a repeated session: Legs A on Monday and Friday) does a
    lighter variation of the heavy day's hinge ([progression] light_hinges: an RDL, a hip
    thrust), not the same lift at a lower RPE; the lift then stays all plan as that day's main
    lift."""
    heavy: str | None = None
    light = [ex for i in ctx.rules.progression.light_hinges
             if (ex := ctx.usable_one(i)) is not None]
    varied = False
    for sd in sessions:
        for d in [d for d in sd.drafts if d.main and d.exercise.pattern is _HINGE]:
            if heavy is None:
                heavy = d.exercise.id
                continue
            if d.exercise.id != heavy:
                continue
            # An accessory of the session may be the variation: it moves up to the main slot
            # (before the pairing, so no superset holds it yet).
            mains = {x.exercise.id for x in sd.drafts if x.main}
            options = [ex for ex in light if ex.id not in mains and ex.id != heavy]
            if ctx.hand_held and any(x.main and x is not d and x.exercise.unilateral
                                     for x in sd.drafts):
                # One single-leg main lift a session (_one_leg_main): a two-leg variation
                # first, a single-leg one only for the week's first lighter day
                # (hinge.variation asks for one).
                options.sort(key=lambda ex: ex.unilateral)
                if varied:
                    options = [ex for ex in options if not ex.unilateral]
            ex = next(iter(options), None)
            if ex is None:
                continue
            varied = True
            sd.drafts[:] = [x for x in sd.drafts if x.main or x.exercise.id != ex.id]
            new = _lighter_hinge(d, ex, ctx, "a variation of the heavy day's hinge, not the "
                                 "same lift again [hinge.heavy-days]")
            new.rotates = False
            sd.drafts[sd.drafts.index(d)] = new
            ctx.week_mains.add(ex.id)


def _lighter_hinge(d: _Draft, ex: Exercise, ctx: _Context, why: str) -> _Draft:
    """`ex` in `d`'s slot as the week's lighter hinge day: in the goal's lighter range
    (_light_range) where its own tops out at the heavy reps; `why` ends its range's reason."""
    new = _draft(d.slot, ex, ctx, [])
    reps = _light_range(ctx)
    if reps is not None and new.high <= ctx.rules.coach_checks.heavy_hinge_reps:
        new.low, new.high = reps
        new.set_s = _set_seconds(new, ctx)
    new.lighter_day = True
    new.range_why = f"the week's lighter hinge day, {new.low}-{new.high} reps: {why}"
    return new


def _one_floor_pull(sessions: Sequence[_SessionDraft], ctx: _Context) -> None:
    """One day a week pulls from the floor ([progression] floor_pulls at floor_pull_reps or
    fewer): a later day's floor pull, main lift or accessory (a block's rotation may bring a
    kettlebell or backpack deadlift after Wednesday's barbell one), becomes a lighter variation
    ([progression] light_hinges: an RDL, a hip thrust) the session does not hold yet (issue 10
    item 5: one heavy, one lighter variation). Where the kit has none, it stays."""
    r = ctx.rules.progression
    floor = set(r.floor_pulls)
    light = [ex for i in r.light_hinges if (ex := ctx.usable_one(i)) is not None]
    seen = False
    for sd in sessions:
        pulls = [d for d in sd.drafts if d.exercise.id in floor and d.compound
                 and d.exercise.measure is _REPS and d.high <= r.floor_pull_reps]
        if not pulls:
            continue
        if not seen:
            seen = True
            continue
        for d in pulls:
            held = {x.exercise.id for x in sd.drafts}
            ex = next((ex for ex in light if ex.id not in held), None)
            if ex is None and d.main:
                # The session's accessory of a lighter variation (a cable pull-through after
                # the RDL and the sumo deadlift) takes the main lift's place: the trims of a
                # short session may cut the accessory, and the second floor pull would stay.
                mains = {x.exercise.id for x in sd.drafts if x.main}
                lighter = {option.id for option in light} - mains
                spare = next((x for x in sd.drafts
                              if not x.main and x.exercise.id in lighter), None)
                if spare is not None and spare.partner is None:
                    sd.drafts.remove(spare)
                    ex = spare.exercise
            if ex is None:
                continue
            new = _lighter_hinge(d, ex, ctx, "one day a week pulls from the floor, the "
                                 "other does a lighter variation [hinge.floor-pulls]")
            new.rotates = d.rotates and not d.main
            sd.drafts[sd.drafts.index(d)] = new
            if d.main:
                ctx.week_mains.add(ex.id)


def _vary_single_leg(sessions: Sequence[_SessionDraft], ctx: _Context) -> None:
    """A hand-held split squat is every legs day's main squat (_hand_held_squat asks the same
    of each): a later day takes another single-leg lift the same weights load (a reverse lunge)
    where the lifter has one the week holds fewer times, so no single-leg lift comes three
    times a week while another could come (acsm2009: vary the exercises; redwood). The lift then
    stays all plan as that day's main squat, as _vary_hinges does for the hinge."""
    if not ctx.hand_held:
        return
    held: Counter[str] = Counter()
    for sd in sessions:
        for at, d in enumerate(sd.drafts):
            if not d.main or d.exercise.id not in ctx.hand_held:
                if d.main and d.exercise.unilateral:
                    held[d.exercise.id] += 1
                continue
            now = d.exercise
            mains = {x.exercise.id for x in sd.drafts if x.main}
            same = replace(d.slot, patterns=(now.pattern,))
            other = next((ex for ex in _candidates(same, ctx, with_equipment=True)
                          if ex.unilateral
                          and ex.measure is _REPS and _is_loaded(ex)
                          and _LOADS.intersection(ex.equipment) <= _HAND_HELD
                          and ex.id not in mains and held[ex.id] < held[now.id]), None)
            if other is None:
                held[now.id] += 1
                continue
            why = [w.replace(now.name, other.name, 1) if w.startswith(now.name) else w
                   for w in d.why]
            why.append(f"{other.name}, not {now.name}, on this day: your other legs days "
                       f"have {now.name}, and a different single-leg lift here trains the "
                       "legs in more than one way.")
            new = _draft(d.slot, other, ctx, why)
            new.rotates = False
            sd.drafts[at] = new
            held[other.id] += 1
            ctx.week_mains.add(other.id)
            for x in sessions:  # a main lift of the week is no accessory of it too
                x.drafts[:] = [y for y in x.drafts if y.main or y.exercise.id != other.id]


def _heavy_hinges(sd: _SessionDraft, ctx: _Context) -> list[_Draft]:
    """The session's heavy hinges: hinge compounds whose reps top out at [coach_checks]
    heavy_hinge_reps or fewer (what hinge.heavy-days counts)."""
    heavy = ctx.rules.coach_checks.heavy_hinge_reps
    return [d for d in sd.drafts if d.exercise.pattern is _HINGE and d.compound
            and d.exercise.measure is _REPS and d.high <= heavy]


def _light_range(ctx: _Context) -> tuple[int, int] | None:
    """The goal's range for a lighter hinge day: the first of its ranges (barbell, dumbbell,
    trained lifters') inside the goal's band whose top passes heavy_hinge_reps; None when the
    goal's ranges are all light already or none fits."""
    g, heavy = ctx.goal, ctx.rules.coach_checks.heavy_hinge_reps
    for low, high in (g.barbell_reps, g.dumbbell_reps, *([g.advanced_reps] if g.advanced_reps
                                                          else [])):
        if high > heavy and g.band[0] <= low and high <= g.band[1]:
            return low, high
    return None


def _lighten_hinges(sessions: Sequence[_SessionDraft], ctx: _Context) -> bool:
    """At most hinge_heavy_days sessions a week hinge heavy: where a later session must hinge
    too (no squat or lunge left for its legs compound), its hinges are the lighter day, in the
    goal's range above the heavy reps (one heavy, one lighter variation). True when it changed
    a hinge."""
    most = ctx.rules.progression.hinge_heavy_days
    light = _light_range(ctx)
    heavy_days = 0
    changed = False
    for sd in sessions:
        heavy = _heavy_hinges(sd, ctx)
        if not heavy:
            continue
        if heavy_days < most or light is None:
            heavy_days += 1
            continue
        for d in heavy:
            d.low, d.high = light
            d.lighter_day = True
            d.set_s = _set_seconds(d, ctx)
            d.range_why = (f"the lighter hinge day of the week, {light[0]}-{light[1]} reps: "
                           f"heavy hinges (up to {ctx.rules.coach_checks.heavy_hinge_reps} reps) "
                           f"come at most {most} days a week [hinge.heavy-days]")
            changed = True
    return changed


def _week_patterns(sessions: Sequence[_SessionDraft]) -> set[Pattern]:
    return {d.exercise.pattern for sd in sessions for d in sd.drafts}


def _can_host(sd: _SessionDraft, ex: Exercise, instead: _Draft | None = None) -> bool:
    """A compound can only go where its region is already loaded (the 48 h rule); an
    accessory (in place of `instead`) not where another accessory of its pattern is: a seated
    and a lying leg curl, or two calf raises, in one session read better to a coach as one
    exercise with the sets of both (pattern.once-per-session)."""
    if _twin(sd, ex, instead):
        return False
    if ex.mechanic is not _COMPOUND:
        return True
    if ex.region is Region.FULL_BODY:
        return sd.focus is SessionFocus.FULL
    return ex.region in sd.focus.hard_regions


def _near_patterns(sd: _SessionDraft, week: Sequence[_SessionDraft],
                   ctx: _Context) -> set[Pattern]:
    """The accessories' patterns of the sessions less than [schedule] min_hours_between_hard
    from `sd` (the day before or after, across the week's end too): a seated leg curl on
    Monday and again on Tuesday trains the hamstrings hard 24 h apart. Worked out once per
    swap, not once per option (the swaps ask for every option)."""
    hours = ctx.rules.schedule.min_hours_between_hard
    found: set[Pattern] = set()
    for other in week:
        if other is sd:
            continue
        gap = abs(other.day - sd.day) % 7
        if min(gap, 7 - gap) * 24 < hours:
            for d in other.drafts:  # a loop, not a generator: asked once per swap
                if not d.main:
                    found.add(d.exercise.pattern)
    return found


def _twin(sd: _SessionDraft, ex: Exercise, instead: _Draft | None = None) -> bool:
    """Whether the session holds an accessory of `ex`'s pattern besides `instead`."""
    pattern = ex.pattern
    for d in sd.drafts:  # noqa: SIM110 (a loop, not any(): the fill and swaps ask per option)
        if d.exercise.pattern is pattern and d is not instead and not d.main:
            return True
    return False


_extra_slots: dict[tuple[Pattern, Region | None], Slot] = {}
"""_extra_slot's slots (immutable, one per pattern and region: a few dozen at most)."""


def _extra_slot(pattern: Pattern, region: Region | None) -> Slot:
    found = _extra_slots.get((pattern, region))
    if found is None:
        found = _extra_slots[pattern, region] = Slot(
            name=pattern_label(pattern), patterns=(pattern,), mechanic=None, region=region,
            main=False, keep=45)
    return found


def _add_missing_patterns(sessions: list[_SessionDraft], ctx: _Context,
                          block_index: int) -> list[Pattern]:
    """Every weekly pattern in the week where the kit allows; the patterns it does not (their
    notes are written once the week is final: _missing_note). A vertical pull the kit has no
    exercise for gets a pullover in its place where one fits (a lat exercise before a row)."""
    missing: list[Pattern] = []
    if ctx.profile.days_per_week < _WEEKLY_PATTERNS_FROM_DAYS:
        return missing
    hinge_days = sum(sd.has_hinge() for sd in sessions)
    for wanted in WEEKLY_PATTERNS:
        if wanted in _week_patterns(sessions):
            continue
        placed = False
        for pattern in ((wanted, Pattern.PULLOVER) if wanted is Pattern.VERTICAL_PULL
                        else (wanted,)):
            if placed or pattern in _week_patterns(sessions):
                continue
            placed = _place_pattern(pattern, sessions, ctx, block_index, hinge_days)
            hinge_days += placed and pattern is Pattern.HINGE
        if not placed:
            missing.append(wanted)
    return missing


def _fresh_first(options: list[Exercise], ctx: _Context) -> list[Exercise]:
    """`options` with those the last block did not hold first, each part in its order."""
    return sorted(options, key=lambda ex: ex.id in ctx.stale) if ctx.stale else options


def _place_pattern(pattern: Pattern, sessions: list[_SessionDraft], ctx: _Context,
                   block_index: int, hinge_days: int) -> bool:
    """An accessory of `pattern` in the session with the fewest exercises that can host one."""
    slot = _extra_slot(pattern, None)
    pool = _candidates(slot, ctx, with_equipment=True)
    placed = False
    for sd in sorted(sessions, key=lambda s: len(s.drafts)):
        used = {d.exercise.id for d in sd.drafts}
        options = [ex for ex in pool if ex.id not in used and _can_host(sd, ex)
                   and ex.id not in ctx.week_mains]
        if pattern is Pattern.HINGE and (hinge_days >= ctx.rules.progression.hinge_heavy_days
                                         or sd.has_hinge()):
            options = []
        if options:
            start = (block_index - 1) % len(options)
            ex = _fresh_first(options[start:] + options[:start], ctx)[0]
            d = _draft(_extra_slot(pattern, ex.region), ex, ctx, [])
            d.rotates = len(options) > 1
            sd.drafts.append(d)
            placed = True
            break
    return placed


def _missing_note(pattern: Pattern, ctx: _Context, week: Sequence[_SessionDraft]) -> str:
    p = ctx.profile
    why = []
    if pattern.value in p.exclude:
        why.append("you excluded it")
    # Each area by what it removes: with knees and shoulders protected, the knees' rule takes
    # the lunges, not the shoulders'.
    whole = [a for a in p.protect if pattern in ctx.rules.protect[a].patterns]
    if whole:
        why.append(f"--protect {', '.join(whole)} removes it")
    elif not why and (kit := _kit_has_protected(pattern, ctx)):
        # The kit allows some (a pull-up bar), but every one of them is what a protected area
        # leaves out (hanging work for the shoulders): the complaint is the reason, not the kit.
        why.append(f"--protect {', '.join(kit)} removes what your equipment allows for it")
    if not why:
        heavy = [ex.name.lower() for ex in ctx.catalog
                 if ex.source == "redwood" and ex.pattern is pattern and _too_many_reps(ex, ctx)
                 and ex.suits(p.level) and ex.available_with(p.equipment)
                 and not _excluded(ex, p.exclude) and not ctx.protected(ex)]
        if heavy:
            why.append(f"what your equipment allows ({', '.join(heavy[:2])}) is not done for "
                       f"{p.goal.value}'s many reps")
    reason = " and ".join(why) or "no exercise for it fits your equipment and level"
    # Only what the week holds: a pullover the kit allows but the week lacks is no stand-in.
    pullovers = any(d.exercise.pattern is Pattern.PULLOVER for sd in week for d in sd.drafts)
    replaces = {
        Pattern.VERTICAL_PULL: ("a pullover works the lats in its place, with rows"
                                if pullovers else "rows work the lats instead"),
        Pattern.KNEE_FLEXION: "hinges and bridges work the hamstrings instead; a towel "
                              "(--equipment towel) allows a towel hamstring curl",
        Pattern.HINGE: "leg curls and single-leg work train the hamstrings and glutes instead",
    }.get(pattern, "")
    return (f"No {pattern_label(pattern)} work this week: {reason}"
            + (f"; {replaces}" if replaces else "") + ".")
