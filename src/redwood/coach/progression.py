"""The progression coach: the next session's target for one exercise, with the reason.

`next_target` reads the exercise's log, the recent check-ins and the prescription, and applies
the rules in this order (numbers and sources in coach.toml):

1. start         no history: a starting load (start.py); an estimate is flagged "calibrating"
                 (a known working set is not: it is the lifter's own number).
2. return        the lift's last session was 8+ days ago: 10% off per week missed (at most 30%),
                 unless the lifter kept training other lifts meanwhile (`training_days`: the
                 plan rotated it out, or it was left out), with no 8 days in a row off.
                 A lift still calibrating is cut from the load its sets point to, not from
                 the guess, and goes on calibrating.
3. fatigue       the last 3 check-ins/workouts in 10 days all show low energy or high soreness:
                 25% lighter (or fewer sets of bodyweight work), and active rest.
3b. calibrate   an estimated load calibrates until a session tells the real level
                 (calibration.py): the next target moves toward about RPE 8 at the bottom of
                 the range, in big steps when the sets say it is far too light, without the
                 weekly cap; the last set is a rep-out.
3c. planned     a session of the plan's deload week (`deload_days`), once calibrated: its
    deload       fewer sets at the last judged load (10% off where that session missed the
                 range), no step up. A deload week's sessions judge nothing afterwards, and a
                 lift it rested is no layoff: progression picks up from the week before it.
3d. lighter     a day whose RPE target (the plan's item "rpe") is under [calibration]
    day          target_rpe, or a lighter day (`light_days`: the lift's RPE target under its
                 heaviest that week), once the lift is established: the target below (4-7)
                 capped at the load for the range's top (a lighter day: the same reps at a
                 lighter load) or its bottom (an easy week, judged) at that RPE from the
                 lift's e1RM of the last 2 weeks, rounded down. A lighter day's sessions judge
                 nothing afterwards (their loads are light on purpose), like a deload week's.
4. rescale       the last session's reps were far outside the range (the plan changed): the
                 load for the range from the lift's e1RM.
5. deload        three sessions in a row below target at this load: 10% off, build back.
6. repeat/hold   the guide's three signs: reps missed or a set failed -> repeat the load; a
                 form note, soreness above 2/5 at the latest check-in, or a top set at RPE 10
                 -> hold it.
7. progress      double progression: reps climb inside the range; when every set reaches the
                 top, +5% (rounded to what can be loaded) and back to the bottom; bodyweight
                 moves take the next, harder variation (variations.py); dumbbells the next
                 pair at most every 3 weeks. In a rep wave (the plan's week asks 3 x 9 of an
                 8-10 wave) the plan sets the reps and the load, chosen for the wave's top
                 week (its reps at about RPE 9), holds; it goes up when the wave starts again
                 after its top week, as far as that week shows, and inside it only as the
                 last session's reps in reserve say (too light, or the week's reps out of
                 reach).
Always (once calibrated): the load goes up at most once a week and never more than +5% on the
heaviest working load of the last 7 days (when the smallest loadable step is bigger, the load
holds and the coach says so, for at most 3 weeks at the top of the range: the guide's "2-5
pounds every 3 weeks"); targets are loads the profile can make; reps stay inside the
prescribed range.
A plateau (no e1RM gain in 3 weeks, plateau.py) adds the guide's remedy that fits to the notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Decimal
from itertools import pairwise
from typing import Any

from redwood.coach.calibration import CalibrationState, aim, calibration_state, reading
from redwood.coach.context import Context, pct
from redwood.coach.e1rm import load_for_reps, rpe_of
from redwood.coach.history import (
    PastSession,
    best_e1rm_by_session,
    best_e1rm_of,
    cap_of_sessions,
    latest_body_weight,
    past_sessions,
    soreness_in,
    weekly_cap_kg,
)
from redwood.coach.loading import Direction, Implement, LoadingProfile, implement_for, step_up
from redwood.coach.plateau import find_plateau
from redwood.coach.ramp import first_set
from redwood.coach.records import DaySets
from redwood.coach.start import RelatedLift, starting_load
from redwood.coach.targets import (
    MAX_SETS,
    Decision,
    ExerciseLookup,
    Plateau,
    PlateauRemedy,
    PrescriptionLike,
    Target,
)
from redwood.coach.variations import bodyweight_substitute, harder, less_help, rung
from redwood.domain.exercise import Exercise
from redwood.domain.log import CENT, CheckIn, Workout
from redwood.domain.vocabulary import Equipment, Level, Region
from redwood.rules.coach import CoachRules, load_coach_rules

__all__ = [
    "Decision",
    "ExerciseLookup",
    "Plateau",
    "PlateauRemedy",
    "PrescriptionLike",
    "RelatedLift",
    "Target",
    "fatigue_reason",
    "next_target",
    "too_sore",
    "weekly_cap_kg",
]


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


def next_target(
    exercise: Exercise,
    prescription: PrescriptionLike,
    history: Iterable[DaySets | Workout],
    checkins: Sequence[CheckIn],
    today: dt.date,
    profile: LoadingProfile,
    *,
    body_weight_kg: Decimal | None = None,
    level: Level = Level.BEGINNER,
    related: RelatedLift | None = None,
    session_energy: Sequence[tuple[dt.date, int]] = (),
    catalog: ExerciseLookup | None = None,
    equipment: Collection[Equipment] | None = None,
    rules: CoachRules | None = None,
    known_e1rm: Decimal | None = None,
    deload_days: Collection[dt.date] = (),
    training_days: Collection[dt.date] | None = None,
    light_days: Collection[dt.date] = (),
) -> Target:
    """The next session's target for `exercise` under `prescription`.

    `history` is the lifter's past sessions (date, sets) or Workouts, oldest first; only this
    exercise's working sets are read. `checkins` and `session_energy` (a workout's date and its
    1-5 energy) feed readiness and fatigue. `related` is another lift's e1RM to start from when
    this one has no history. With `catalog` (and `equipment`) the coach names variations and
    only suggests ones the lifter can do. `known_e1rm` is the e1RM of a working set the lifter
    told (`redwood init --known`): history, so the exercise starts from it and never calibrates.
    `deload_days` are the dates of the plan's deload-week sessions: on one of them the target is
    a planned deload (the prescription's fewer sets at last time's load); sessions on them judge
    nothing afterwards (their sets stop short on purpose), though they count as training.
    `training_days` are the days the lifter trained anything (None: unknown): a lift the plan
    rotated out for weeks while the lifter kept training comes back with no layoff cut.
    `light_days` are the dates of the plan's sessions where this lift is on a lighter day (its
    RPE target under the heaviest of its week): on one the load is capped for the RPE target
    (_effort_cap), and sessions on them judge nothing afterwards, as deload days do.
    """
    r = rules or load_coach_rules()
    implement = implement_for(exercise, r)
    low, high = sorted((max(1, prescription.low), max(1, prescription.high)))
    timed = bool(prescription.timed)
    wave_reps = None
    wave = prescription.wave
    if wave is not None and not timed and low == high and 1 <= wave[0] <= low <= wave[1] and (
        wave[0] < wave[1]
    ):
        # A rep wave's week: the rules read the wave's whole range, the target keeps the
        # week's reps (_wave).
        wave_reps, (low, high) = low, wave
    done = every = past_sessions(history, exercise.id, timed, today)
    if implement.loaded:
        # A loaded lift logged without its weight tells nothing about the next load.
        done = [d for d in done if d.load is not None]
    trained = done
    bw = body_weight_kg if body_weight_kg is not None else latest_body_weight(checkins, today)
    applies = implement.loaded and implement is not Implement.ASSISTED_MACHINE and not timed
    cal = calibration_state(done, low, high, applies=applies, known=known_e1rm is not None,
                            rules=r)
    unjudged = set(deload_days).union(light_days) if light_days else deload_days
    if unjudged and not cal.calibrating:
        # A deload week's sets after calibration are fewer and easy by design: read as "only 2
        # of 3 sets" they would hold back the week after the deload. A calibrating session in
        # a deload week is still a reading (it stays); a lift met only in deload weeks has
        # nothing else to go on. A lighter day's load is light on purpose too: read, it would
        # set the next heavy day's load.
        # A session back from a break is the lifter's load now, deload week or not: dropped,
        # the coach judged the one before the break (a +6% week after a 20% cut's 2 sets).
        judged = [d for i, d in enumerate(done) if i < cal.sessions
                  or d.date not in unjudged
                  or (i > 0 and (d.date - done[i - 1].date).days >= r.layoff.after_days)]
        if judged and len(judged) < len(done):
            done = judged
            cal = calibration_state(done, low, high, applies=applies,
                                    known=known_e1rm is not None, rules=r)
    # A lighter day's load is light on purpose: no week's heaviest for the 5% cap to start
    # from (a skipped heavy day would hold the next one to 5% over the lighter day's load).
    capped_by = [d for d in every if d.date not in light_days] if light_days else every
    cap = None if cal.calibrating else cap_of_sessions(
        capped_by, exercise, today, body_weight_kg=bw, rules=r)
    ctx = Context(
        exercise=exercise, rules=r, implement=implement, profile=profile, timed=timed,
        low=low, high=high, sets=max(1, min(MAX_SETS, prescription.sets)),
        rest_s=prescription.rest_s, today=today, done=done,
        checkins=sorted((c for c in checkins if c.date <= today), key=lambda c: c.date),
        session_energy=sorted(e for e in session_energy if e[0] <= today), bw=bw, level=level,
        cap=cap, catalog=catalog, equipment=equipment,
        settled_from=len(done) if cal.calibrating else cal.sessions,
        wave_reps=wave_reps, deload_days=deload_days, rpe=prescription.rpe,
    )
    if not done:
        return _start(ctx, related, known_e1rm)
    # A deload week's sessions are training, and a lift the deload week rested (left out of it)
    # was rested by the plan: neither is a layoff.
    gap = (today - trained[-1].date).days - 7 * len(
        {d.isocalendar()[:2] for d in deload_days if trained[-1].date < d < today})
    back: str | None = None
    if gap >= r.layoff.after_days:
        rest = _longest_rest(trained[-1].date, today, training_days)
        if rest is None or rest >= r.layoff.after_days:
            return _mark(_return_after_break(ctx, gap, cal), cal)
        back = (f"Your last {exercise.name} was {gap} days ago, but you kept training other "
                "lifts meanwhile (a plan's rotation): no break, so no cut for one.")
    target = _judge(ctx, cal, deload_days, today in light_days)
    if back is not None:
        target = replace(target, notes=(back, *target.notes))
    return target


def _longest_rest(last: dt.date, today: dt.date,
                  training_days: Collection[dt.date] | None) -> int | None:
    """The most days in a row without training between the lift's `last` session and
    `today` (None: the training days are unknown)."""
    if training_days is None:
        return None
    days = [last, *sorted(d for d in training_days if last < d < today), today]
    return max((b - a).days for a, b in pairwise(days))


def _judge(ctx: Context, cal: CalibrationState, deload_days: Collection[dt.date],
           light: bool = False) -> Target:
    """The rules after the layoff's: fatigue, calibration, the planned deload, the light-load
    step, rescaling, progression and a plateau's remedy, then a lower RPE target's cap
    (`light`: a lighter day)."""
    today = ctx.today
    fatigue = _fatigue(ctx)
    if fatigue:
        return _mark(_fatigue_swap(ctx, fatigue), cal)
    # Soreness holds a calibrating load too (the guide's third sign); a form note ends it.
    if (cal.calibrating or cal.ended_last) and not _readiness(ctx):
        calibrated = _calibrate(ctx, cal)
        if calibrated is not None:
            return calibrated
    # A load still calibrating is no working load to deload from yet; one calibration just
    # found sets its first working target above.
    if today in deload_days and not cal.calibrating:
        return _planned_deload(ctx)
    # A step while calibrating is not the light-load rule's step (its rep-out stops short).
    back = None if cal.calibrating or cal.ended_last else _failed_light_step(ctx)
    if back is not None:
        return _effort_cap(ctx, back, light, cal)
    rescaled = _rescale(ctx)
    if rescaled is not None:
        return _effort_cap(ctx, _mark(rescaled, cal), light, cal)
    target = _mark(_progress(ctx), cal)
    plateau = find_plateau(ctx, target)
    if plateau is not None:
        target = replace(target, notes=(*target.notes, plateau.advice), plateau=plateau)
    return _effort_cap(ctx, target, light, cal)


# --- 3d. a lower RPE target ---


def _effort_cap(ctx: Context, target: Target, light: bool, cal: CalibrationState) -> Target:
    """An established lift on a day whose RPE target is under [calibration] target_rpe (an
    effort wave's easy week) or under its heavy day's (`light`: a lighter day): the target's
    load capped at the load for the bottom of the range (a rep wave's week: its reps) at that
    RPE from the lift's current e1RM (_current_e1rm), rounded down to a load. A cap only ever
    lowers a load; a lift still calibrating, and a load the RPE chart cannot read (bodyweight,
    bands, timed work), keep the target as it is."""
    rpe = ctx.rpe
    load = target.weight_kg
    if rpe is None or load is None or ctx.timed or cal.calibrating or target.calibrate or (
        target.ramp or not (light or rpe < ctx.rules.calibration.target_rpe)
        or not _wave_loaded(ctx, load)
    ):
        return target
    e1rm = _current_e1rm(ctx)
    if e1rm is None:
        return target
    # A lighter day keeps the heavy day's reps at a lighter load (the plan says so): the load
    # at which the top of its range (a rep wave's week: its reps) sits at the day's RPE, so
    # every rep the range asks is at that effort or easier. An easy week of an effort wave is
    # judged, so its load is the one for the reps a new load is chosen for (the bottom).
    reps = (ctx.wave_reps or ctx.high) if light else ctx.aim_reps
    new = ctx.fit(load_for_reps(e1rm, reps, rpe, ctx.rules), "down")
    if new is None or new >= load:
        return target
    last = ctx.last
    bottom = ctx.wave_reps or ctx.low
    span = str(bottom) if bottom >= ctx.high or ctx.wave_reps else f"{bottom}-{ctx.high}"
    effort = f"{ctx.sets} x {span} @ RPE {rpe:g} ({10 - rpe:g} reps in reserve)"
    share = ""
    if last.load is not None and last.load > 0:
        day = (f"{last.date:%A}" if (ctx.today - last.date).days < 7
               else f"{last.date:%a %d %b}")
        share = f", {round(new / last.load * 100)}% of {day}'s {ctx.w(last.load)}"
    said = f"{effort} is {ctx.w(new)} from your e1RM of about {ctx.w(e1rm)}{share}"
    if light:
        reason = f"A lighter day: {said}. It does not move your heavy day's load."
    else:
        reason = (f"This week's effort is RPE {rpe:g}, under the usual RPE "
                  f"{ctx.rules.calibration.target_rpe:g}: {said}; the plan's effort rises "
                  "across the block.")
    notes = (target.plateau.advice,) if target.plateau is not None else ()
    return ctx.target(Decision.LIGHTER, reason, new, notes=notes, plateau=target.plateau)


def _current_e1rm(ctx: Context) -> Decimal | None:
    """The lift's e1RM now: the best of its judged sessions in [progression] effort_e1rm_days
    up to the last one (a heavy day's sets; a bad day alone does not set it), None when none
    reads (no weight, past 12 reps)."""
    rules = ctx.rules.progression
    since = ctx.last.date - dt.timedelta(days=rules.effort_e1rm_days)
    recent = [d for d in ctx.done[-rules.effort_e1rm_sessions:] if d.date >= since]
    values = [e for e in best_e1rm_by_session(recent, ctx.rules) if e is not None]
    return max(values) if values else None


# --- 1. start ---


def _start(ctx: Context, related: RelatedLift | None, known_e1rm: Decimal | None) -> Target:
    name = ctx.exercise.name
    if ctx.implement is Implement.BAND:
        bands = ctx.profile.bands
        band = bands[max(0, len(bands) // 2 - 1)] if bands else None
        pick = f" with a {band} band" if band else ""
        return ctx.target(
            Decision.START,
            f"First {name}: start{pick} at {ctx.count(ctx.aim_reps)} and see how it feels.",
            None,
        )
    if related is not None and related.name is None and ctx.catalog is not None:
        named = ctx.name_of(related.exercise_id)
        related = replace(related, name=named)
    reps, rpe = _load_aim(ctx)
    start = starting_load(
        ctx.exercise, reps, ctx.profile, e1rm_kg=known_e1rm, related=related,
        body_weight_kg=ctx.bw, level=ctx.level, rules=ctx.rules, rpe=rpe,
    )
    if start.weight_kg is None:
        notes: list[str] = []
        easier = rung(ctx, -1)
        if easier is not None:
            notes.append(
                f"If {ctx.count(ctx.aim_reps)} is out of reach, do {ctx.name_of(easier)} instead."
            )
        return ctx.target(
            Decision.START,
            f"First {name}: {ctx.sets} sets of {ctx.count(ctx.aim_reps)} {start.basis}; the range "
            f"tops out at {ctx.count(ctx.high)}.",
            None,
            notes=notes,
        )
    calibrating = start.calibrate and ctx.implement is not Implement.ASSISTED_MACHINE and (
        not ctx.timed
    )
    ramp = ctx.rules.start.ramp
    if calibrating and start.ramps and ramp is not None:
        first = first_set(ctx.exercise, reps, ctx.profile, start, body_weight_kg=ctx.bw,
                          level=ctx.level, rules=ctx.rules, rpe=rpe) or start.weight_kg
        count = ctx.count(ctx.aim_reps)
        said = (f"{ctx.w(first)} for {count}, {start.basis}" if first >= start.weight_kg
                else f"set 1 at {ctx.w(first)} for {count}, light on purpose ({start.basis} "
                f"is {ctx.w(start.weight_kg)}, and a lifter can be weaker than their body "
                "weight says)")
        return ctx.target(
            Decision.START,
            f"First {name}: {said}{_wave_words(ctx)}.",
            first,
            notes=[f"First session: set 1 light, then by feel: after each set the next "
                   f"set's load comes from its reps and RPE (about RPE {ramp.target_rpe:g} "
                   f"for {count}), and the Today page and `redwood log` fill it in.",
                   *_calibrating_notes(ctx)],
            calibrate=True,
            rep_out=ctx.rules.calibration.rep_out,
            ramp=True,
        )
    return ctx.target(
        Decision.START,
        f"First {name}: {ctx.w(start.weight_kg)} for {ctx.count(ctx.aim_reps)}, {start.basis}"
        f"{_wave_words(ctx)}.",
        start.weight_kg,
        notes=_calibrating_notes(ctx) if calibrating else (),
        calibrate=calibrating,
        rep_out=calibrating and ctx.rules.calibration.rep_out,
    )


# --- 3b. calibration ---


def _load_aim(ctx: Context) -> tuple[int, float | None]:
    """The reps and RPE a new load is chosen for: in a rep wave its top week's reps at
    [progression] wave_top_rpe; else this week's reps at the rule's own RPE (None)."""
    top = ctx.wave_top
    return top if top is not None else (ctx.aim_reps, None)


def _wave_words(ctx: Context) -> str:
    """What a load chosen in a rep wave is for ("" outside one)."""
    top = ctx.wave_top
    if top is None:
        return ""
    return (f", chosen for the wave's top week ({ctx.count(top[0])} at about RPE {top[1]:g}): "
            "it holds while the reps step up")


def _aimed(ctx: Context, *, aims: bool = False) -> str:
    """What a calibrated load aims at, after its weight: "for 8 reps is about RPE 8"."""
    top = ctx.wave_top
    verb = "aims at" if aims else "is"
    if top is None:
        rpe = ctx.rules.calibration.target_rpe
        return (f"for {ctx.count(ctx.aim_reps)} {verb} about RPE {rpe:g}"
                + (f" ({10 - rpe:g} reps in reserve)" if aims else ""))
    return (f"for this week's {ctx.count(ctx.aim_reps)} {verb} about RPE {top[1]:g} at "
            f"{ctx.count(top[0])}, the top week of this block's rep wave (the load holds "
            "across it)")


def _calibrating_notes(ctx: Context) -> list[str]:
    notes = ["Calibrating: this load is an estimate. Log how hard each set felt (RPE 1-10), "
             "or type the load you really used; your sets find your working load."]
    if ctx.rules.calibration.rep_out:
        notes.append("Last set: as many good reps as you can, stopping 1-2 before failure "
                     "(a rep-out). It tells the coach your level.")
    return notes


def _mark(target: Target, cal: CalibrationState) -> Target:
    """A target given while the exercise calibrates says so (Today asks for RPE)."""
    return replace(target, calibrate=True) if cal.calibrating else target


def _calibrate(ctx: Context, cal: CalibrationState) -> Target | None:
    """The next load from a calibrating session's sets (or from the session that ended
    calibration, when it reads heavier, or lighter after a miss); None: the usual rules."""
    last = ctx.last
    load = last.load
    if load is None:
        return None
    reps, rpe = _load_aim(ctx)
    found = aim(last, reps, ctx.high, ctx.rules, ended=cal.ended_last, rpe=rpe)
    if found is None:
        return None
    free = replace(ctx, cap=None)  # no weekly cap on an estimate
    # The rep-out stops 1-2 reps before failure on purpose: one under the range is the level
    # found, not a missed rep (a failed set is).
    rep_out = len(last.sets) - 1 if ctx.rules.calibration.rep_out else -1
    missed = any((c < ctx.low and i != rep_out) or not s.completed
                 for i, (s, c) in enumerate(zip(last.sets, last.counts, strict=True)))
    # The session that ended calibration at RPE 8+ rounds down (the usual rules climb from
    # there); after a miss the nearest load under the RPE 10 ceiling.
    new = free.fit(found.want, "down" if cal.ended_last and not missed
                   else "up" if found.far else "nearest")
    if new is not None and new > found.ceiling:
        new = free.at_most(found.ceiling) or free.fit(load, "down")
    if new is None:
        return None
    if not cal.ended_last and found.want > load and new <= load:
        nxt = step_up(load, ctx.implement, ctx.profile)  # the next dumbbell pair, one plate
        if nxt is not None and nxt <= found.ceiling:
            new = nxt
    sets_said = f"{', '.join(str(c) for c in last.counts)} reps at {ctx.w(load)}"
    about = f"about {ctx.w(found.e1rm)} e1RM"
    if cal.ended_last:
        if missed and new is not None:
            # Never lighter than a load an earlier session did for the whole range.
            new = max([new, *(d.load for d in ctx.done[:-1] if d.load is not None
                              and d.load < load and not ctx.missed(d, sets=False))])
        if any(s.form_note for s in last.sets) or (new >= load if missed else new <= load):
            return None
        verb = "lighter" if missed else "heavier"
        return ctx.target(
            Decision.CALIBRATE,
            f"Calibrated: last time {sets_said} read as {about}; {ctx.w(new)} "
            f"{_aimed(ctx)}, {verb} than that. The usual rules (double progression, +5% a week "
            "at most) apply from here.",
            new,
        )
    if new < load:  # never lighter while calibrating (a lighter load comes from a miss)
        new = free.fit(load) or new
    # Only where the step is taken: held under the RPE 10 ceiling (the next load on a coarse
    # stack is past what the sets show), "a big step" beside the same load reads as a mistake.
    far = " (far too light: a big step)" if found.far and new > load else ""
    return ctx.target(
        Decision.CALIBRATE,
        f"Calibrating: last time {sets_said}{far}, read as {about}: {ctx.w(new)} "
        f"{_aimed(ctx, aims=True)}.",
        new,
        notes=_calibrating_notes(ctx),
        calibrate=True,
        rep_out=ctx.rules.calibration.rep_out,
    )


# --- 2. a break ---


def weeks_missed(gap: int) -> int:
    """The weeks a break of `gap` days between two sessions of a lift missed, at least one
    ([layoff] after_days makes it a break): sessions a week apart are 7 days apart, so 14 days
    missed one week's session (gap // 7 counted it as two: 20% off for one skipped week) and
    21 days two; 15 days (a day late after a skipped week) is still one."""
    return max(1, (gap - 7) // 7)


def _return_after_break(ctx: Context, gap: int, cal: CalibrationState) -> Target:
    lay = ctx.rules.layoff
    cut = min(lay.max_cut, lay.cut_per_week * weeks_missed(gap))
    last = ctx.done[-1]
    away = f"Your last {ctx.exercise.name} was {gap} days ago"
    if last.load is None or ctx.implement is Implement.ASSISTED_MACHINE:
        weight = ctx.fit(last.load) if last.load is not None else None
        return ctx.target(
            Decision.RETURN_AFTER_BREAK,
            f"{away}: start back at the bottom of the range, {ctx.count(ctx.low)}, "
            "and build up again.",
            weight,
        )
    base, what = last.load, f"your last {ctx.w(last.load)}"
    if cal.calibrating or cal.ended_last:
        # A calibrating load is a guess under the lifter's level (a rep-out of 50 with it):
        # the break's cut applies to the load its sets read as (calibration's next one), not
        # to the guess. Cut from the guess, 40 kg x 50 came back as 30 kg and took weeks more.
        found = _calibrate(ctx, cal)
        if found is not None and found.weight_kg is not None and found.weight_kg > last.load:
            base, what = found.weight_kg, (
                f"the {ctx.w(found.weight_kg)} your last sets ({ctx.w(last.load)}) point to")
    weight = ctx.cut(base, cut)
    calibrating: dict[str, Any] = {} if not cal.calibrating else {
        "notes": _calibrating_notes(ctx), "calibrate": True,
        "rep_out": ctx.rules.calibration.rep_out}
    return ctx.target(
        Decision.RETURN_AFTER_BREAK,
        f"{away}: come back at {ctx.weight_or_bodyweight(weight)}, {round(cut * 100)}% under "
        f"{what}, and build back up.",
        weight,
        **calibrating,
    )


# --- 3. fatigue ---


def _fatigue(ctx: Context) -> str | None:
    return fatigue_reason(ctx.checkins, ctx.session_energy, ctx.today, ctx.exercise.region,
                          ctx.rules)


def fatigue_reason(
    checkins: Sequence[CheckIn],
    session_energy: Sequence[tuple[dt.date, int]],
    today: dt.date,
    region: Region,
    rules: CoachRules | None = None,
) -> str | None:
    """Why the lifter is fatigued ('your last 3 check-ins show low energy'), or None: the last
    N check-ins and workouts in the window all say so. Public so that `redwood recovery`
    reads the same fatigue as the coach."""
    f = (rules or load_coach_rules()).fatigue
    since = today - dt.timedelta(days=f.window_days)
    signals: list[tuple[dt.date, bool, str]] = []
    for c in sorted(checkins, key=lambda c: c.date):
        if c.date < since or c.date > today:
            continue
        sore = soreness_in(c, region)
        if c.energy is None and sore is None:
            continue
        low_energy = c.energy is not None and c.energy <= f.low_energy
        high_sore = sore is not None and sore >= f.high_soreness
        why = "low energy" if low_energy else f"{region.value} soreness"
        signals.append((c.date, low_energy or high_sore, why))
    for day, energy in sorted(session_energy):
        if since <= day <= today:
            signals.append((day, energy <= f.low_energy, "low workout energy"))
    signals.sort(key=lambda s: s[0])
    recent = signals[-f.signals:]
    if len(recent) < f.signals or not all(flag for _, flag, _ in recent):
        return None
    kinds = sorted({why for _, _, why in recent})
    workouts = sum(1 for _, _, why in recent if why == "low workout energy")
    where = (
        "check-ins" if not workouts else "workouts" if workouts == len(recent)
        else "check-ins and workouts"
    )
    return f"Your last {len(recent)} {where} show {' and '.join(kinds)}"


def _fatigue_swap(ctx: Context, why: str) -> Target:
    f = ctx.rules.fatigue
    last = ctx.done[-1]
    notes = [f.active_rest]
    easier = bodyweight_substitute(ctx) if ctx.implement.loaded else rung(ctx, -1)
    if (
        last.load is not None
        and ctx.implement.loaded
        and ctx.implement is not Implement.ASSISTED_MACHINE
    ):
        weight = ctx.cut(last.load, f.load_cut)
        if easier is not None:
            notes.append(f"Or swap it for {ctx.name_of(easier)} today.")
        return ctx.target(
            Decision.FATIGUE_SWAP,
            f"{why}: go {round(f.load_cut * 100)}% lighter today "
            f"({ctx.weight_or_bodyweight(weight)}) and keep every set easy (the guide: swap "
            "heavy sets for lighter work when fatigue persists).",
            weight,
            notes=notes,
        )
    if easier is not None:
        notes.append(f"Or do {ctx.name_of(easier)} instead today.")
    return ctx.target(
        Decision.FATIGUE_SWAP,
        f"{why}: one set fewer today at the bottom of the range "
        "(the guide: ease off when fatigue persists).",
        ctx.fit(last.load) if last.load is not None else None,
        sets=ctx.sets - 1,
        notes=notes,
    )


# --- 4. the rep range changed ---


def _rescale(ctx: Context) -> Target | None:
    last = ctx.done[-1]
    slack = ctx.rules.start.rescale_slack
    if ctx.timed or last.load is None or not ctx.implement.loaded or (
        ctx.implement is Implement.ASSISTED_MACHINE
    ):
        return None
    too_light = all(c > ctx.high + slack for c in last.counts)
    too_heavy = all(c < ctx.low - slack for c in last.counts)
    if not (too_light or too_heavy):
        return None
    if too_heavy and any(
        d.load is not None and d.load >= last.load and all(c >= ctx.low for c in d.counts)
        for d in ctx.done[ctx.settled_from:-1]
    ):
        # This range was done at this load or heavier before: a bad day, not a new plan. The
        # miss rules repeat the load (three misses in a row deload it 10%); rescaled, one bad
        # day of 6 reps in a 10-12 range cut the load 20% and took 5 weeks to climb back.
        return None
    e1rm = best_e1rm_of(last.sets, ctx.rules)
    if e1rm is None:
        if too_heavy:
            return None  # the deload and repeat rules handle it
        e1rm = _q(last.load * (1 + Decimal(min(last.counts)) / 30))  # Epley past 12 reps
    aim_at, rpe = _load_aim(ctx)
    start = starting_load(ctx.exercise, aim_at, ctx.profile, e1rm_kg=e1rm, rules=ctx.rules,
                          rpe=rpe)
    weight = ctx.fit(start.weight_kg, "down")
    if weight is None:
        return None
    reps = ", ".join(str(c) for c in last.counts)
    capped = ""
    if ctx.cap is not None and start.weight_kg is not None and weight < start.weight_kg:
        capped = "; held to +5% on last week, it climbs from there"
    return ctx.target(
        Decision.START,
        f"Last time {reps} reps at {ctx.w(last.load)}, far from the {ctx.low}-{ctx.high} range: "
        f"{ctx.w(weight)} for {ctx.aim_reps}, {start.basis}{_wave_words(ctx)}{capped}.",
        weight,
    )


# --- 5-7. deload, readiness and double progression ---


def _miss_streak(ctx: Context) -> int:
    """Sessions in a row below target, newest back, not counting across a load drop (a
    deload or a break starts the count again)."""
    streak = 0
    newer: PastSession | None = None
    for d in reversed(ctx.done):
        if not ctx.missed(d, sets=d is ctx.last):
            break
        if newer is not None and d.load is not None and newer.load is not None and (
            d.load > newer.load
        ):
            break
        streak += 1
        newer = d
    return streak


def _readiness(ctx: Context) -> list[str]:
    """What stops the load from going up (the guide's second and third signs)."""
    last = ctx.done[-1]
    problems: list[str] = []
    notes = [s.form_note for s in last.sets if s.form_note]
    if notes:
        problems.append(f'a form note last time ("{notes[0]}")')
    sore = too_sore(ctx.checkins, ctx.today, ctx.exercise.region, ctx.rules, since=last.date)
    if sore is not None:
        c, level = sore
        problems.append(
            f"{ctx.exercise.region.value} soreness {level}/5 at your {c.date.isoformat()} "
            "check-in"
        )
    return problems


def too_sore(
    checkins: Sequence[CheckIn],
    today: dt.date,
    region: Region,
    rules: CoachRules | None = None,
    *,
    since: dt.date | None = None,
) -> tuple[CheckIn, int] | None:
    """The check-in and soreness in `region` when it is above "minimal" (the guide's third
    sign): read from the latest rated check-in after `since` (the last session), or else from
    those recent enough to say something about today. Public so that `redwood recovery`
    reads the same readiness as the coach."""
    rd = (rules or load_coach_rules()).readiness
    known = sorted((c for c in checkins if c.date <= today), key=lambda c: c.date)
    after = [c for c in known if since is not None and c.date > since]
    recent = after or [c for c in known if (today - c.date).days <= rd.checkin_max_age_days]
    rated = [(c, s) for c in recent if (s := soreness_in(c, region)) is not None]
    if rated:
        c, sore = rated[-1]
        if sore > rd.max_soreness:
            return c, sore
    return None


def _strained(ctx: Context) -> bool:
    """A set of the last session was at RPE 10 at the top of the range: the guide's first sign
    (straining) says hold. A set taken past the top (a rep-out, or a lifter who kept going) had
    its extra reps in reserve at the top: 22 reps at RPE 10 in a 12-15 range is RPE 3 at 15,
    no strain (read so, an RPE 10 rep-out held a lifter at the same load for weeks)."""
    top = ctx.rules.progression.strain_rpe
    last = ctx.done[-1]
    return any(
        (effort := rpe_of(s.rpe, s.rir)) is not None
        and effort - (0 if ctx.timed else max(0, count - ctx.high)) >= top
        for s, count in zip(last.sets, last.counts, strict=True)
    )


def _progress(ctx: Context) -> Target:
    last = ctx.done[-1]
    # Never heavier than what was lifted unless the load goes up on purpose.
    load = ctx.fit(last.load, "down") if last.load is not None else None
    counts = ", ".join(str(c) for c in last.counts)
    at = f" at {ctx.w(last.load)}" if last.load is not None else ""
    streak = _miss_streak(ctx)
    if streak >= ctx.rules.missed.misses_to_deload:
        return _deload(ctx, streak)
    # In a rep wave the load holds anyway; a session short only of sets (a deload week's
    # halved sets, which the log cannot tell from skipped ones) is read by _wave.
    if ctx.missed(last, sets=ctx.wave_reps is None):
        failed = any(not s.completed for s in last.sets)
        short = len(last.sets) < ctx.sets
        what = (
            "a set failed" if failed
            else f"only {len(last.sets)} of {ctx.sets} sets" if short
            else f"reps were missed ({counts} of {ctx.low}-{ctx.high})"
        )
        keep = f"Repeat {ctx.weight_or_bodyweight(load)}" if load is not None else "Repeat it"
        return ctx.target(
            Decision.REPEAT,
            f"{keep}: last time {what}. Aim for "
            f"{'all ' + str(ctx.sets) + ' sets' if ctx.sets > 1 else 'the set'} of at least "
            f"{ctx.count(ctx.low)}.",
            load,
        )
    problems = _readiness(ctx)
    if problems:
        keep = f"Hold {ctx.weight_or_bodyweight(load)}" if load is not None else "Hold here"
        return ctx.target(
            Decision.HOLD,
            f"{keep}: {' and '.join(problems)}. The guide raises the load only with good form "
            "and minimal soreness.",
            load,
            lo=min(last.counts),
        )
    if ctx.wave_reps is not None:
        return _wave(ctx, load)
    at_top = all(c >= ctx.high for c in last.counts)
    if not at_top:
        step = ctx.rules.progression.seconds_step if ctx.timed else 1
        aim = min(ctx.high, max(ctx.low, min(last.counts) + step))
        goal = (
            f"{ctx.count(aim)} on every set, the top of the range" if aim >= ctx.high
            else f"{aim} or more on every set, up to {ctx.count(ctx.high)}"
        )
        return ctx.target(
            Decision.ADD_REPS,
            f"Last time {ctx.sets_text(last)}: stay there and aim for {goal} (double "
            "progression).",
            load,
            lo=aim,
        )
    if _strained(ctx):
        return ctx.target(
            Decision.HOLD,
            f"Every set reached {ctx.count(ctx.high)}{at}, but at RPE 10 (nothing left): hold "
            "the load until it moves without straining (the guide's first sign).",
            load,
            lo=ctx.high,
        )
    return _at_top(ctx, load)


def _wave(ctx: Context, load: Decimal | None) -> Target:
    """A rep wave's week (an intermediate's main lift, 3 x 8, 3 x 9, 3 x 10 across a block):
    the plan sets the reps, the coach the load, chosen for the wave's top week (_wave_restart).
    The load holds while the reps step up; it goes up when the wave starts again at its bottom
    after every set reached its top, as far as that top week shows, and inside the wave only
    when the last sets' RPE say the load is too light for it. Misses, soreness and form notes
    were read before (_progress): a failed wave week never adds load."""
    reps = ctx.wave_reps
    assert reps is not None
    last = ctx.last
    at = f" at {ctx.w(last.load)}" if last.load is not None else ""
    topped = _wave_topped(ctx) if reps <= ctx.low else None
    if topped is not None:
        if _strained(ctx):
            return ctx.target(
                Decision.HOLD,
                f"Every set reached {ctx.count(ctx.high)}{at}, but at RPE 10 (nothing left): "
                f"hold the load for this block's {ctx.count(reps)} until it moves without "
                "straining (the guide's first sign).",
                load,
            )
        return _wave_restart(ctx, load, topped)
    easy = _wave_easy(ctx, load)
    if easy is not None:
        return easy
    short = _wave_short(ctx, load)
    if short is not None:
        return short
    if reps <= ctx.low:
        stalled = _wave_stalled(ctx, load)
        if stalled is not None:
            return stalled
    wave = (f"a rep wave, {ctx.low} to {ctx.high} reps across the block at the same load; "
            "the load goes up once every set reaches the top")
    kept = ctx.weight_or_bodyweight(load)
    # The top week of a lifter who logs no RPE ends on a rep-out: the restart reads it.
    told = reps >= ctx.high and _wave_loaded(ctx, load) and ctx.rules.calibration.rep_out and (
        all(rpe_of(s.rpe, s.rir) is None for s in last.sets))
    ask: dict[str, Any] = {"rep_out": True, "notes": [
        "Last set: as many good reps as you can, stopping 1-2 before failure (a rep-out). It "
        "tells the coach how much the load can rise when the wave starts again."]} if told else {}
    if reps > max(last.counts):
        return ctx.target(
            Decision.ADD_REPS,
            f"Last time {ctx.sets_text(last)}: this week {ctx.count(reps)} a set at "
            f"{kept} ({wave}).",
            load,
            **ask,
        )
    return ctx.target(
        Decision.HOLD,
        f"Last time {ctx.sets_text(last)}: {ctx.count(reps)} a set again at {kept} "
        f"({wave}).",
        load,
        **ask,
    )


def _wave_restart(ctx: Context, load: Decimal | None, topped: PastSession) -> Target:
    """The wave starts again after its top week (`topped`, every set at the top): the load
    rises only as far as that week shows ([progression] wave_top_rpe): its sets read as reps
    possible at the load (_reps_possible: RPE or a rep-out; without either the top reps
    [calibration] rep_out_rir short of failure), carried by Epley to the heaviest load that
    leaves the top reps at about RPE 9, under the usual step (+5% at most, once a week)."""
    if not _wave_loaded(ctx, load):
        return _at_top(ctx, load)
    assert load is not None
    possible = _reps_possible(ctx, topped)
    if possible is None:
        possible = float(min(topped.counts) + ctx.rules.calibration.rep_out_rir)
    if _far_light(ctx, topped):
        # RPE 6 or easier is a floor, not a reading (4 or more in reserve): the usual step.
        return _at_top(ctx, load)
    rpe = ctx.rules.progression.wave_top_rpe
    upto = _top_load(ctx, load, possible, rpe)
    counts = ", ".join(str(c) for c in topped.counts)
    said = (f"The wave's top week, {counts} reps at {ctx.w(load)}, read as about {possible:g} "
            "reps possible there")
    higher = ctx.at_most(upto)
    if higher is None or higher <= load:
        return ctx.target(
            Decision.HOLD,
            f"{said}: {ctx.count(ctx.high)} at a heavier load would be past RPE {rpe:g}. The "
            f"wave starts again at {ctx.w(load)}, {ctx.count(ctx.aim_reps)} a set.",
            load,
        )
    stepped = _add_load(ctx, load, f"All {len(topped.sets)} sets reached {ctx.count(ctx.high)}",
                        f"back to {ctx.count(ctx.aim_reps)}", upto=upto)
    if stepped.decision is not Decision.ADD_LOAD or stepped.weight_kg is None:
        return stepped
    new = stepped.weight_kg
    return replace(stepped, reason=(
        f"{said}: +{ctx.delta(new, load)} to {ctx.w(new)} leaves {ctx.count(ctx.high)} at about "
        f"RPE {rpe:g} or easier (5% at most), and the wave starts again at "
        f"{ctx.count(ctx.aim_reps)} a set."
    ))


def _wave_topped(ctx: Context) -> PastSession | None:
    """The session that completed the wave at this load: at it, all of today's sets reached
    the top, and none since missed a rep (None: not completed). A deload week's fewer sets do
    not count (the load may already have gone up there: one step a wave), nor do they hide the
    top week."""
    load = ctx.last.load
    for d in reversed(ctx.done[ctx.settled_from:]):
        if d.load != load or ctx.missed(d, sets=False):
            return None
        if len(d.sets) >= ctx.sets and all(c >= ctx.high for c in d.counts):
            return d
    return None


def _reps_possible(ctx: Context, session: PastSession | None = None) -> float | None:
    """The reps the last session says were possible at its load. A last set that parted from
    the others (past them: the lifter kept going; under them: it could not match them) is the
    direct answer: its reps plus those in reserve (10 - RPE, Zourdos 2016; without an RPE
    [calibration] rep_out_rir, a rep-out's). Else, with an RPE on every set, the hardest set's
    reps plus its reserve; None when the session says neither (every set at the week's reps,
    without RPE). `session`: that one instead of the last."""
    last = session if session is not None else ctx.last
    efforts = [rpe_of(s.rpe, s.rir) for s in last.sets]
    if len(last.counts) >= 2 and last.sets[-1].completed and (
        last.counts[-1] != max(last.counts[:-1])
    ):
        effort = efforts[-1]
        reserve = ctx.rules.calibration.rep_out_rir if effort is None else max(0.0, 10 - effort)
        return float(last.counts[-1] + reserve)
    if efforts and all(e is not None for e in efforts):
        return min(c + max(0.0, 10.0 - e) for c, e in zip(last.counts, efforts, strict=True)
                   if e is not None)
    return None


def _top_load(ctx: Context, load: Decimal, possible: float, rpe: float) -> Decimal:
    """The load (not yet rounded) at which the wave's top reps are at about `rpe`, for a
    lifter who could do `possible` reps at `load`: reps carried across loads by Epley, as the
    coach reads a set without the chart."""
    e1rm = load * (1 + Decimal(str(possible)) / 30)
    return e1rm / (1 + (Decimal(ctx.high) + Decimal(str(10 - rpe))) / 30)


def _far_light(ctx: Context, session: PastSession) -> bool:
    """Every set of `session` at [calibration] far_rpe or easier (RPE 6: 4 or more reps in
    reserve, far too light): how far is more than the RPE says, so its reading is a floor."""
    efforts = [rpe_of(s.rpe, s.rir) for s in session.sets]
    far = ctx.rules.calibration.far_rpe
    return bool(efforts) and all(e is not None and e <= far for e in efforts)


def _wave_loaded(ctx: Context, load: Decimal | None) -> bool:
    """Whether the wave's load can move by the RPE: a loaded lift with a weight (an assisted
    machine's help and a band are not read this way)."""
    return load is not None and load > 0 and ctx.implement.loaded and (
        ctx.implement not in (Implement.ASSISTED_MACHINE, Implement.BAND))


def _wave_short(ctx: Context, load: Decimal | None) -> Target | None:
    """A lighter load when the last session says this week's reps cannot be done at the load
    even to failure (a wave of two weeks steps from 8 straight to 10): the load the wave is
    chosen for (_wave_drop), rather than a week of misses. None when it says nothing or the
    reps are in reach (a reading for later weeks' reps may be stale by then: a lifter gains)."""
    reps = ctx.wave_reps
    possible = _reps_possible(ctx)
    if reps is None or possible is None or possible >= reps:
        return None
    counts = ", ".join(str(c) for c in ctx.last.counts)
    return _wave_drop(ctx, load, possible, f"Last time {counts} reps at {{load}} read as about "
                      f"{possible:g} reps possible there")


def _wave_stalled(ctx: Context, load: Decimal | None) -> Target | None:
    """A wave's first week at a load no wave set (a block of double progression before it),
    for a lifter who logs no RPE: when the last two sessions at the load before this week
    gained no rep and stayed under the wave's top (double progression stalled: the reps were
    all there was), the top reps are out of reach there, and the wave starts at the load it is
    chosen for (_wave_drop). This week's sessions are the wave's, whose reps the plan set, so
    they say nothing."""
    if _reps_possible(ctx) is not None:
        return None  # an RPE or a rep-out says more (_wave_short)
    week = ctx.today.isocalendar()[:2]
    run: list[PastSession] = []
    for d in reversed(ctx.done[ctx.settled_from:]):
        if d.load != ctx.last.load:
            break
        if d.date.isocalendar()[:2] != week:
            run.append(d)
    if len(run) < 2:
        return None
    newest, before = max(run[0].counts), max(run[1].counts)
    if newest > before or newest >= ctx.high:
        return None
    # Reps read as taken to failure err light: the nearest load, not the one under it.
    return _wave_drop(ctx, load, float(newest), (
        f"Your last two sessions at {{load}} stopped at {ctx.count(newest)}, the reps there "
        f"were all there was"), "nearest")


def _wave_drop(ctx: Context, load: Decimal | None, possible: float, said: str,
               direction: Direction = "down") -> Target | None:
    """The load a wave is chosen for, when a session read as `possible` reps at `load` says
    its top reps are out of reach there: the heaviest (`direction`: or the nearest) at which
    those reps, carried across loads by Epley, leave the wave's top reps at about
    [progression] wave_top_rpe. None when the load cannot move so (not lighter, or not a
    loaded lift)."""
    if load is None or not _wave_loaded(ctx, load):
        return None
    rpe = ctx.rules.progression.wave_top_rpe
    new = ctx.fit(_top_load(ctx, load, possible, rpe), direction)
    if new is None or new >= load:
        return None
    return ctx.target(
        Decision.DELOAD,
        f"{said.format(load=ctx.w(load))}: {ctx.count(ctx.high)}, the top of this block's rep "
        f"wave, are out of reach, so {ctx.w(new)} (-{ctx.delta(new, load)}), the load for them "
        f"at about RPE {rpe:g}; the wave holds it while the reps step up.",
        new,
    )


def _wave_easy(ctx: Context, load: Decimal | None) -> Target | None:
    """More load inside a rep wave when the last session (_reps_possible: the RPE of every
    set, or a last set past the others) says that at the heavier load the wave's top reps
    would still be at most [progression] wave_easy_rpe: the load was too light for the wave.
    Reps are carried across loads by Epley, as the coach reads a set without the chart. The
    usual step (+5% at most, once a week, dumbbells every 3 weeks); None when it does not
    apply or cannot be taken."""
    possible = _reps_possible(ctx)
    if possible is None or load is None or not _wave_loaded(ctx, load):
        return None
    easy_rpe = ctx.rules.progression.wave_easy_rpe
    room = _top_load(ctx, load, possible, easy_rpe)
    counts = ", ".join(str(c) for c in ctx.last.counts)
    top = f"Last time {counts} reps at {ctx.w(load)}"
    stepped = _add_load(ctx, load, top, ctx.count(ctx.aim_reps))
    if stepped.decision is not Decision.ADD_LOAD or stepped.weight_kg is None or (
        stepped.weight_kg > room and not _far_light(ctx, ctx.last)
    ):
        return None
    new = stepped.weight_kg
    return replace(stepped, reason=(
        f"{top} read as about {possible:g} reps possible there: even "
        f"{ctx.count(ctx.high)}, the top of this block's rep wave, would be about RPE "
        f"{easy_rpe:g} or easier at {ctx.w(new)}. +{ctx.delta(new, load)} to {ctx.w(new)} for "
        f"this week's {ctx.count(ctx.aim_reps)}."
    ))


def _failed_light_step(ctx: Context) -> Target | None:
    """A step bigger than 5% (the light-load rule: the next dumbbell pair, a stack plate) whose
    first session fell under the range: back to the load before it, which counts 3 weeks again
    before the next try, rather than repeat a step that is too big yet."""
    if len(ctx.done) < 2 or not ctx.implement.loaded:
        return None
    before, last = ctx.done[-2], ctx.done[-1]
    if before.load is None or last.load is None or before.load <= 0 or (
        last.load <= before.load or ctx.missed(before, sets=False)
    ):
        return None
    step = (last.load - before.load) / before.load
    if step <= Decimal(str(ctx.rules.progression.max_weekly_increase)) or not any(
        c < ctx.low for c in last.counts
    ) or step_up(before.load, ctx.implement, ctx.profile) != last.load:
        return None  # not the light-load rule's one loadable step
    load = ctx.fit(before.load, "down")
    return ctx.target(
        Decision.DELOAD,
        f"The step to {ctx.w(last.load)} (+{pct(last.load - before.load, before.load)}) was too "
        f"big yet ({', '.join(str(c) for c in last.counts)} reps): back to "
        f"{ctx.weight_or_bodyweight(load)}, own the top of the range, and try the step again "
        f"in about {ctx.rules.progression.light_load_max_days // 7 * _failed_tries(ctx, last.load)}"
        " weeks.",
        load,
    )


def _light_step(ctx: Context, load: Decimal) -> Decimal | None:
    """The next loadable step above `load` when it is over the weekly 5% (a light load)."""
    nxt = step_up(load, ctx.implement, ctx.profile)
    limit = load * (1 + Decimal(str(ctx.rules.progression.max_weekly_increase)))
    return nxt if nxt is not None and nxt > limit else None


def _rep_out_before(ctx: Context, load: Decimal, days_left: int) -> dict[str, Any]:
    """A rep-out on the last set in the week before a light-load step may be taken: its reps
    tell whether the step is within reach (a lifter who logs no RPE says nothing else)."""
    nxt = _light_step(ctx, load)
    if nxt is None or days_left > ctx.rules.progression.increase_every_days or not (
        ctx.rules.calibration.rep_out
    ):
        return {}
    return {"rep_out": True, "notes": [
        "Last set: as many good reps as you can, stopping 1-2 before failure (a rep-out). "
        f"It tells the coach whether the next step, {ctx.w(nxt)}, is within reach."]}


def _out_of_reach(ctx: Context, nxt: Decimal) -> Decimal | None:
    """The e1RM the last session read as, when it says the bottom of the range cannot be
    done at `nxt` even at RPE 10; None when it says nothing more than reps at the top (no RPE,
    no rep-out past the range) or `nxt` is within reach."""
    last = ctx.last
    rep_out = last.counts[-1] > ctx.high
    if not rep_out and all(rpe_of(s.rpe, s.rir) is None for s in last.sets):
        return None
    # A rep-out is the direct answer; without one, the sets' RPE.
    e1rm = reading(replace(last, sets=last.sets[-1:], counts=last.counts[-1:]) if rep_out
                   else last, ctx.rules, rep_out=rep_out)
    if e1rm is None:
        return None
    # Read back with the model the reading used: Epley for a rep-out (past the chart's
    # 12 reps), the RPE chart for RPE sets (they part by a few tenths of a kg).
    reach = e1rm / (1 + Decimal(ctx.low) / 30) if rep_out else load_for_reps(
        e1rm, ctx.low, ctx.rules.calibration.ceiling_rpe, ctx.rules)
    return e1rm if reach < nxt else None


def _failed_tries(ctx: Context, load: Decimal) -> int:
    """Sessions at `load` that fell under the range: each failed try of a light-load step
    waits another light_load_max_days before the next (a lifter who does not grow into it is
    not sent back to fail it every 2 weeks)."""
    return sum(1 for d in ctx.done[ctx.settled_from:]
               if d.load == load and any(c < ctx.low for c in d.counts))


def _planned_deload(ctx: Context) -> Target:
    """A planned deload week (bell2023: a week of clearly less demand): the plan's fewer sets
    at the load of the last session it judged, reps at the bottom of the range, no step up
    (a load that last session missed the range at is cut by [missed] deload, as after misses);
    progression picks up from that session the week after."""
    last = ctx.done[-1]
    sets = f"{ctx.sets} {'set' if ctx.sets == 1 else 'sets'} of {ctx.count(ctx.low)}"
    after = "no step up this week, progression picks up next week."
    if last.load is not None and ctx.missed(last, sets=False):
        cut = ctx.rules.missed.deload
        weight = ctx.cut(last.load, cut)
        return ctx.target(
            Decision.DELOAD,
            f"Planned deload week: {sets} at {ctx.weight_or_bodyweight(weight)}, "
            f"{round(cut * 100)}% under last time's {ctx.w(last.load)} (below the range "
            f"then), every set easy (well short of failure); {after}", weight)
    held = (f"{ctx.w(last.load)}, last time's load" if last.load is not None
            else "last time's version")
    return ctx.target(
        Decision.DELOAD,
        f"Planned deload week: {sets} at {held}, every set easy (well short of failure); "
        f"{after}",
        ctx.fit(last.load) if last.load is not None else None,
    )


def _deload(ctx: Context, streak: int) -> Target:
    last = ctx.done[-1]
    cut = ctx.rules.missed.deload
    if last.load is None or ctx.implement is Implement.ASSISTED_MACHINE:
        easier = rung(ctx, -1)
        notes = [f"Or step back to {ctx.name_of(easier)} and build up."] if easier else []
        return ctx.target(
            Decision.DELOAD,
            f"{streak} sessions in a row below target: one set fewer, at the bottom of the "
            "range, and build back up.",
            ctx.fit(last.load) if last.load is not None else None,
            sets=ctx.sets - 1,
            notes=notes,
            switch_to=easier,
        )
    weight = ctx.cut(last.load, cut)
    return ctx.target(
        Decision.DELOAD,
        f"{streak} sessions in a row below target at {ctx.w(last.load)}: deload "
        f"{round(cut * 100)}% to {ctx.weight_or_bodyweight(weight)} and build back up.",
        weight,
    )


def _at_top(ctx: Context, load: Decimal | None) -> Target:
    """Every set reached the top of the range with good form: load, variation or band."""
    last = ctx.done[-1]
    top = f"All {len(last.sets)} sets reached {ctx.count(ctx.high)}"
    back = f"back to {ctx.count(ctx.low)}"
    if ctx.implement is Implement.BAND:
        return ctx.target(
            Decision.HARDER_VARIATION,
            f"{top}: move up to the next heavier band and go {back}.",
            None,
        )
    if ctx.implement is Implement.ASSISTED_MACHINE:
        return less_help(ctx, load, top, back)
    if ctx.implement is Implement.BODYWEIGHT:
        return harder(ctx, load, top, back)
    if load is None:
        return ctx.target(Decision.HOLD, f"{top}: this location can't load it.", None, lo=ctx.high)
    return _add_load(ctx, load, top, back)


def _add_load(ctx: Context, load: Decimal, top: str, back: str, *,
              upto: Decimal | None = None) -> Target:
    """About +5%, rounded to what can be loaded (and not over `upto`: a rep wave's restart);
    never over the weekly cap, at most once a week, dumbbells at most a pair every 3 weeks."""
    pr = ctx.rules.progression
    cap = ctx.cap
    days = ctx.days_at_load(exactly=True)
    if ctx.implement.fixed_weights and days < pr.fixed_weight_min_days:
        left = pr.fixed_weight_min_days - days
        return ctx.target(
            Decision.HOLD,
            f"{top} at {ctx.w(load)}: stay on this pair for {left} "
            f"more days; dumbbells go up one pair about every "
            f"{pr.fixed_weight_min_days // 7} weeks (the guide).",
            load,
            lo=ctx.high,
            **_rep_out_before(ctx, load, left),
        )
    wait = ctx.increase_wait()
    if wait:
        return ctx.hold_for_the_week(top, load, wait)
    desired = load * (1 + Decimal(str(pr.load_step)))
    if upto is not None:
        desired = min(desired, upto)
    limit = desired if cap is None else min(desired, cap)
    new = None
    if not ctx.implement.fixed_weights:
        new = ctx.at_most(limit)
        if new is not None and new <= load:
            new = None
    spread = ""
    rep_out: dict[str, Any] = {}
    if new is None:
        nxt = step_up(load, ctx.implement, ctx.profile)
        if nxt is None:
            return ctx.target(
                Decision.HOLD,
                f"{top} at {ctx.w(load)}, the heaviest you can load here: keep it and own the "
                "top of the range.",
                load,
                lo=ctx.high,
                notes=[f"A harder variation would keep {ctx.exercise.name} progressing."],
            )
        step = nxt - load
        within = load * (1 + Decimal(str(pr.max_weekly_increase)))
        if nxt <= within and (cap is None or nxt <= cap):
            new = nxt
        elif pr.small_step == "spread":
            # The step spread over enough weeks for 5% a week, but taken after at most
            # light_load_max_days at the load (the guide: "add 2-5 pounds every 3 weeks").
            weekly = load * Decimal(str(pr.max_weekly_increase))
            weeks = int((step / weekly).to_integral_value(ROUND_CEILING)) if weekly else 0
            tries = _failed_tries(ctx, nxt)
            wait = max(min(7 * weeks, pr.light_load_max_days), pr.light_load_max_days * tries)
            far = _out_of_reach(ctx, nxt)
            # After a failed try, the step waits for a rep-out or RPE that says it is within
            # reach (or, without either, another 3 weeks).
            blind = tries and days < pr.light_load_max_days * (tries + 1) and (
                ctx.last.counts[-1] <= ctx.high
                and all(rpe_of(s.rpe, s.rir) is None for s in ctx.last.sets))
            if weeks and days >= wait and (far is not None or blind):
                said = (f"your last sets read as about {ctx.w(far)} e1RM: the next step, "
                        f"{ctx.w(nxt)} (+{pct(step, load)}), is out of reach for "
                        f"{ctx.count(ctx.low)} yet" if far is not None else
                        f"the last try at {ctx.w(nxt)} fell under the range: a rep-out on the "
                        "last set tells when it is within reach")
                return ctx.target(
                    Decision.HOLD,
                    f"{top}, but {said}. Hold {ctx.w(load)}.",
                    load,
                    lo=ctx.high,
                    **_rep_out_before(ctx, load, 0),
                )
            if weeks and days >= wait:
                new = nxt
                spread = (f", a {pct(step, load)} step after {days} days at {ctx.w(load)} (the "
                          "guide: light loads go up a step about every 3 weeks)")
            elif weeks:
                rep_out = _rep_out_before(ctx, load, wait - days)
        if new is None:
            plates = (
                "Smaller plates in your loading profile (e.g. 0.5 kg or 1.25 lb pairs) would "
                "let the load climb in 5% steps."
            )
            return ctx.target(
                Decision.HOLD,
                f"{top}, but the smallest step you can load, {ctx.delta(nxt, load)} "
                f"(+{pct(step, load)}), is over the 5%-a-week limit: hold {ctx.w(load)} "
                "and keep working on reps instead.",
                load,
                lo=ctx.high,
                notes=[*rep_out.get("notes", ()), *([plates] if ctx.implement.uses_bar else [
                    "Slow the lowering to 3 seconds to make the same load harder."
                ])],
                rep_out=bool(rep_out.get("rep_out")),
            )
    return ctx.target(
        Decision.ADD_LOAD,
        f"{top} with good form: +{ctx.delta(new, load)} to {ctx.w(new)}{spread} and {back} "
        "(double progression).",
        new,
    )
