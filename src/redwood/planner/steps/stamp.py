"""Stamping the weeks: each session's titles, reasons, blocks and prescriptions with the
week's progression.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from redwood.domain.plan import Block, BlockKind, Prescription, SessionFocus, TrainingSession, Week
from redwood.domain.vocabulary import TRAINED_REGIONS, Region
from redwood.planner.steps.choose import _pullover_claim
from redwood.planner.steps.context import (
    _ACCESSORY_ROLE,
    _BACK,
    _FULL_DAY,
    _LEGS,
    _LEGS_DAY,
    _MAIN_ROLE,
    _ONE_SET,
    _PULLOVER,
    _SECONDS,
    _SINGLE,
    _SUPERSET,
    _Context,
    _Draft,
    _is_loaded,
    _SessionDraft,
    _sets,
    pattern_label,
)
from redwood.planner.steps.fit import _no_longer_rest_than_mains
from redwood.planner.steps.progression import (
    _RANGE_WORDS,
    _easy_effort,
    _load_cut,
    _main_rpe,
    _paired_rpe,
    _progress_why,
    _rpe,
    _wave_bottom,
    _week_lighter,
    _week_sets,
    _WeekSpec,
)
from redwood.planner.steps.session import _bookends, _unit_seconds
from redwood.planner.steps.tally import _extra_draft, _muscle_options, _Tally, _WeekPlan
from redwood.planner.volume import room_for_a_set

_FOCUS_LABELS = {SessionFocus.FULL: "Full body", SessionFocus.LEGS: "Legs",
                 SessionFocus.BACK: "Back"}


def _titles(sessions: Sequence[_SessionDraft]) -> list[str]:
    """The week's session titles: the focus, a letter and the main lifts. The letter names the
    session's content, not its template: only sessions with the same exercises share one, any
    other gets the next letter of its focus (a template repeated with a lighter hinge,
    _vary_hinges, or with other accessories is another session)."""
    label = _FOCUS_LABELS
    letters: dict[SessionFocus, dict[tuple[str, ...], str]] = {}
    out = []
    for sd in sessions:
        mains = tuple(d.exercise.name for d in sd.drafts if d.slot.main)
        seen = letters.setdefault(sd.focus, {})
        held = tuple(sorted(d.exercise.id for d in sd.drafts))
        letter = seen.setdefault(held, chr(ord("A") + len(seen)))
        out.append(f"{label[sd.focus]} {letter}: {' + '.join(mains)}")
    return out


def _session_why(sd: _SessionDraft, ctx: _Context, minutes: int,
                 tally: _Tally | None, resting: frozenset[int] = frozenset()) -> tuple[str, ...]:
    # The same session, minutes and tally every week of a block: written once (the session
    # and the tally stay in the block's week, so their ids stay theirs). `resting`: the ids
    # of the drafts a deload week leaves out (one set cannot be halved).
    key = (id(sd), minutes, None if tally is None else id(tally), resting)
    found = ctx.session_whys.get(key)
    if found is None:
        found = ctx.session_whys[key] = _write_session_why(sd, ctx, minutes, tally, resting)
    return found


def _write_session_why(sd: _SessionDraft, ctx: _Context, minutes: int,
                       tally: _Tally | None,
                       resting: frozenset[int] = frozenset()) -> tuple[str, ...]:
    hours = ctx.rules.schedule.min_hours_between_hard
    if sd.focus is _FULL_DAY:
        text = (f"Full body: legs and back each get {hours} h or more before their next "
                "hard session [schedule.recovery].")
    else:
        other = _BACK if sd.focus is _LEGS_DAY else _LEGS
        # What the session holds for the other region, by name: a leg curl of as many sets as
        # the main lifts is no "light" work, but it is isolation, which the 48 h rule allows.
        # Only what the lifter does this week: a deload leaves a one-set lift out.
        names = list(dict.fromkeys(d.exercise.name for d in sd.drafts
                                   if d.exercise.region is other and id(d) not in resting))
        part = "leg" if other is _LEGS else "back"
        today = (f"{part} work today is isolation only ({', '.join(names)}), no compound "
                 "lift for them" if names else f"no {part} work today")
        text = (f"{sd.focus.value.capitalize()} focus: with these days, legs and back take "
                f"turns so each gets {hours} h between hard sessions; {today} "
                "[schedule.recovery].")
    warm = ", ".join(a.name.split(",")[0].lower() for a in sd.warmup[:2])
    # Without a roller both cool-down drills are static stretches: name each kind once.
    cool = ", ".join(dict.fromkeys(a.name.split(":")[0].lower() for a in sd.cooldown[:2]))
    out = [text, f"Dynamic warm-up first ({warm}), {cool} last [session.warmup] "
                 "[session.cooldown]."]
    budget = ctx.profile.minutes_per_session
    if minutes < ctx.rules.dosing.min_time_use * budget and tally is not None:
        full = [m for m in ctx.rules.muscle_volume.tracked
                if not room_for_a_set(tally.muscles[m], ctx.band_cache[m][1])]
        # A main muscle with room for a whole set (room_for_a_set, time.use's own measure) is
        # not full: the session ends early because the lifts that train it cannot take another
        # set (time.use's excuse), and the reason says that rather than "more would not add
        # muscle".
        room = [m for m in ctx.rules.muscle_volume.main if m not in full]
        if room:
            # Why no more fits is the week's, not the session's: one note a week says it
            # (_early_note); the text, markdown and PDF printed it in every such session.
            named = (room[0] if len(room) == 1
                     else f"{', '.join(room[:-1])} and {room[-1]}")
            out.append(f"{minutes} of {budget} min: {named} "
                       + ("has" if len(room) == 1 else "have")
                       + " room in the weekly band, but nothing more fits by the rules (the "
                         "week's note says what stops it) [time.budget].")
        else:
            out.append(f"{minutes} of {budget} min: more would not add muscle at your level"
                       + (f" ({', '.join(full)} with no room for another set in the weekly "
                          "band)"
                          if full else "")
                       + " [time.budget].")
    return tuple(out)


def _early_note(week: _WeekPlan, ctx: _Context) -> str:
    """The week's word on its sessions that end early while a main muscle has room in its
    band (time.use): which muscles, and what stops each (every lift of the week at its most
    sets or loading another muscle past its band; what a new exercise would take past its
    top). '' when no muscle has room."""
    tally = week.tally
    full = [m for m in ctx.rules.muscle_volume.tracked
            if not room_for_a_set(tally.muscles[m], ctx.band_cache[m][1])]
    room = [m for m in ctx.rules.muscle_volume.main if m not in full]
    if not room:
        return ""
    return ("Sessions that end early: "
            + ", ".join(f"{m} at {tally.muscles[m]:g} of its {ctx.band_cache[m][0]}-"
                        f"{ctx.band_cache[m][1]} band" for m in room)
            + ", yet every lift of the week that trains "
            + ("it" if len(room) == 1 else "them")
            + " already has the most sets the rules allow or would take another muscle past "
              "its band"
            + "".join(_no_new_lift(m, tally, ctx) for m in room)
            + (f"; {', '.join(full)} with no room for another set in the weekly band"
               if full else "")
            + _region_ceilings_said(tally, ctx)
            + " [time.budget].")


def _region_ceilings_said(tally: _Tally, ctx: _Context) -> str:
    """_early_note's word on a region at the most weekly hard sets ([volume] max_sets): a set
    for a muscle with room (the glutes' band lateral walk) would take it past that."""
    most = ctx.rules.volume.max_sets
    full = [r.value for r in TRAINED_REGIONS if tally.regions[r] >= most]
    if not full:
        return ""
    verb = "has" if full == [Region.BACK.value] else "have"  # the legs have, the back has
    return (f"; the {' and the '.join(full)} already {verb} "
            f"{most} hard sets, the most a week [volume.maximum]")


def _no_new_lift(muscle: str, tally: _Tally, ctx: _Context) -> str:
    """Why no new exercise joins for a main muscle with room while a session ends early
    (time.use, issue 10 item 1), in the session's reason: the muscles each exercise the lifter
    could add for it would take past their tops at its fewest sets, where every one would;
    else that none fits a session with time (its minutes, pattern, 48 h spacing or legs:back)."""
    options = _muscle_options(muscle, ctx)
    if not options:
        return f"; no other exercise your kit and level allow trains the {muscle}"
    over: dict[str, None] = {}
    first: list[str] = []
    for ex in options:
        n = _extra_draft(ex, ctx).sets
        past = [m for m, sh in ctx.share_items(ex)
                if tally.muscles[m] + sh * n > ctx.band_cache[m][1] + 1e-9]
        if not past:
            return (f"; no new exercise for the {muscle} fits a session with time by the rules "
                    "(its minutes, the 48 h rule, one exercise of a pattern a session, "
                    "isolation work 48 h apart, legs:back balance)")
        over.update(dict.fromkeys(past))
        first = first or past
    return (f"; every exercise you could add for the {muscle} would take one of "
            f"{', '.join(over)} past its top at its fewest sets ({options[0].name}: "
            f"{', '.join(first)})")


def _prescription(d: _Draft, sets: int, rest_s: int, ctx: _Context, spec: _WeekSpec,
                  rpe: float | None, light: bool, superset: str | None) -> Prescription:
    key: tuple[object, ...]
    progress: list[str] = []
    if not d.main:
        # An accessory's prescription varies with the week only through its block and the
        # deload (no RPE, no wave): the weeks of a block share one.
        key = (id(d), sets, rest_s, superset, spec.block_index, spec.deload, d.sets)
    else:
        # A main lift's varies too with its effort, its wave's reps and its progression's
        # words (the week's place in the block, where they name it): a week of the block that
        # says what an earlier one said shares its prescription.
        progress = _progress_why(d, sets, spec, ctx, rpe, light)
        key = (id(d), sets, rest_s, superset, spec.block_index, spec.deload, d.sets,
               spec.reps.get(id(d), 0), rpe, light, tuple(progress), ctx.week_pullover[0])
    found = ctx.prescriptions.get(key)
    if found is not None:
        return found
    ex = d.exercise
    timed = ex.measure is _SECONDS
    unit = "s" if timed else " reps"
    # A rep wave's week prescribes one number of reps inside the lift's range.
    low = high = spec.reps.get(id(d), 0)
    wave = (_wave_bottom(d, ctx), d.high) if low else None
    if not low:
        low, high = d.low, d.high
    dose = f"{sets} x {low}{unit}" if low == high else f"{sets} x {low}-{high}{unit}"
    why: list[str] = []
    if d.main:
        why.append(f"Main {pattern_label(ex.pattern)} lift, straight sets, kept all plan so "
                   "progress can be tracked [rotation.core-lifts-stay].")
        # A lighter hinge day's reason names its range: in a rep wave's week the week's reps
        # step through it, and the wave's own reason says how (_progress_why).
        said = (_RANGE_WORDS.sub("", d.range_why) if d.lighter_day and spec.reps.get(id(d))
                else d.range_why)
        why.append(f"{dose}: {said} [reps.goal-range].")
    else:
        kind = "Compound" if d.compound else "Isolation"
        # A scapular pull-up fills a vertical-pull slot but trains the shoulder blades, not
        # the lats' pull: its reason says so.
        label = ("shoulder-blade (scapular)" if "shoulder-blade" in ex.tags
                 else pattern_label(ex.pattern))
        why.append(f"{kind} {label} work after the main lifts "
                   f"[session.compound-first]; {dose}: {d.range_why} [reps.bounds].")
        if d.rotates:
            why.append(f"Accessory: rotates with each new block (block {spec.block_index}) "
                       "[rotation.by-week-7].")
    if superset is not None:
        why.append(superset)
    elif ex.is_compound:
        why.append(f"Rest {rest_s} s: {d.rest_why} [rest.compound-min].")
    else:
        why.append(f"Rest {rest_s} s: {d.rest_why}.")
    # A lift cut to one set for time keeps that reason only while it has one set: the fill
    # may give it its sets back later.
    why.extend([_pullover_claim(w, ctx.week_pullover[0]) for w in d.why
                if w != _ONE_SET or sets == d.sets == 1])
    why.extend(progress)  # (none for an accessory: _progress_why)
    if spec.deload:
        # A plank or a bodyweight squat has no load to take off (issue 10 items 4 and 9): its
        # deload is the sets alone, each set further from failure.
        if _is_loaded(ex):
            cut = _load_cut(ctx) + (f", and aim for {_easy_effort(rpe)}" if rpe is not None
                                    else "")
        else:
            cut = (f"no load to take off: aim for {_easy_effort(rpe)}" if rpe is not None
                   else "no load to take off: stop each set further from failure")
        same = "same hold" if timed else "same reps"
        why.append(f"Deload week: {_sets(sets)} instead of {d.sets}, {same}; {cut}."
                   if sets < d.sets else
                   f"Deload week: still {_sets(sets)} (one set cannot be halved), {same}; "
                   f"{cut}.")
    if ex.unilateral:
        why.append("Done one side at a time: the reps are per side.")
    limit = ctx.limited_range(ex)
    if limit is not None:
        cue = limit[1].range_cue_for({e.value for e in ex.equipment},
                                     {e.value for e in ctx.profile.equipment})
        why.append(f"For --protect {limit[0]}: {cue} [protect.respected].")
    item = Prescription(
        exercise_id=ex.id,
        name=ex.name,
        mechanic=ex.mechanic,
        region=ex.region,
        pattern=ex.pattern,
        primary_muscles=ex.primary_muscles,
        equipment=ex.equipment,
        sets=sets,
        low=low,
        high=high,
        timed=timed,
        per_side=ex.unilateral,
        rest_s=rest_s,
        why=tuple(why),
        cues=ex.cues,
        secondary_muscles=ex.secondary_muscles,
        role=_MAIN_ROLE if d.main else _ACCESSORY_ROLE,
        rpe=rpe,
        lowering_s=ctx.rules.limits.lowering_s.get(ex.id),
        wave=wave,
    )
    ctx.prescriptions[key] = item
    return item


def _blocks(sd: _SessionDraft, units: list[tuple[_Draft, ...]], sets: dict[int, int],
            ctx: _Context, spec: _WeekSpec, lighter: set[int],
            paired: set[str]) -> list[Block]:
    """The session's blocks this week; `units`: its blocks-to-be (_units); `lighter`: the ids of
    the week's main lifts on their lighter day (_week_lighter); `paired`: the exercise ids of
    the lifts that have one (their days ramp from _paired_rpe)."""
    s = ctx.rules.supersets
    base_rpe = _rpe(spec, ctx)
    paired_rpe = _paired_rpe(spec, ctx)
    blocks: list[Block] = []
    if spec.deload:
        # A deload halves every exercise's sets, superset rounds too; its supersets become
        # straight sets where the session still fits its minutes (superset.required: a
        # superset is only needed where straight sets would run over).
        pairs = [u for u in units if len(u) > 1]
        keep: list[tuple[_Draft, ...]] = []
        split = [v for u in units for v in ([u] if len(u) == 1 or u in keep
                                            else [(d,) for d in u])]
        seconds = sum(_unit_seconds(u, ctx, sets[id(u[0])]) for u in split)
        if seconds / 60 + _bookends(sd) <= ctx.profile.minutes_per_session:
            pairs, units = keep, split
        for u in pairs:  # one set a round: the pair's rounds are its smaller dose
            rounds = min(sets[id(d)] for d in u)
            for d in u:
                sets[id(d)] = rounds
    for unit in units:
        if len(unit) == 1:
            (d,) = unit
            if sets[id(d)] == 0:  # left out of a deload week
                continue
            # A deload's easy target is the same every day: no lighter day below it.
            rpe, light = _main_rpe(d, paired_rpe if d.exercise.id in paired else base_rpe,
                                   id(d) in lighter and not spec.deload, ctx)
            if id(d) in spec.rpe:  # an intermediate's effort wave: its week's target
                rpe, light = spec.rpe[id(d)], False
            item = _prescription(d, sets[id(d)], d.rest_s, ctx, spec, rpe, light, None)
            # A week that repeats an earlier one's prescription (_prescription) repeats its
            # block, made once (ctx.prescriptions holds every item, so its id names no other
            # object while the plan is made).
            block = ctx.singles.get(id(item))
            if block is None:
                block = ctx.singles[id(item)] = Block(_SINGLE, (item,))
            blocks.append(block)
            continue
        rounds = sets[id(unit[0])]
        a, b = unit
        # A superset of accessories is the same block every week of its block with the same
        # rounds (a main lift's text changes with the week): made once.
        key = (id(a), id(b), rounds, spec.block_index, spec.deload)
        found = None if a.main or b.main else ctx.supersets.get(key)
        if found is not None:
            blocks.append(found)
            continue
        lower, upper = (a, b) if a.region is Region.LEGS else (b, a)
        rest_note = (f"{s.rest_between_s} s to the partner exercise, "
                     f"{ctx.goal.superset_round_rest_s} s between rounds [superset.rest].")
        items = tuple(
            _prescription(d, rounds, s.rest_between_s if i == 0 else
                          ctx.goal.superset_round_rest_s, ctx, spec, None, False,
                          f"In a superset with {other.exercise.name}: " + rest_note
                          + _paired_rest_note(d, other, ctx))
            for i, (d, other) in enumerate(((a, b), (b, a))))
        why = (f"Superset: {lower.exercise.name} (lower body) with {upper.exercise.name} "
               f"(upper body) so one region rests while the other works "
               f"[superset.pairing]; {s.rest_between_s} s between them "
               f"[superset.rest], {rounds} rounds [superset.rounds].")
        found = Block(BlockKind.SUPERSET, items, rounds=rounds, rest_between_s=s.rest_between_s,
                      why=why)
        if not (a.main or b.main):
            ctx.supersets[key] = found
        blocks.append(found)
    return blocks


def _paired_rest_note(d: _Draft, other: _Draft, ctx: _Context) -> str:
    """What a multi-joint lift in a superset rests in truth: its muscles wait both rests and
    the partner's set between two of its own sets (a split squat beside a pull-up comes round
    about 2 min later, not after the 30 s or 60 s on the clock)."""
    if not d.compound:
        return ""
    between = (ctx.rules.supersets.rest_between_s + ctx.goal.superset_round_rest_s
               + other.set_s)
    return (f" Its own sets come about {5 * round(between / 5)} s apart (both rests and "
            f"{other.exercise.name}'s set between), so its muscles rest longer than the clock "
            "shows.")


def _stamp_week(week: _WeekPlan, spec: _WeekSpec, dates: Sequence[dt.date],
                ctx: _Context, previous_sets: int | None) -> Week:
    from redwood.planner.timing import block_seconds, session_minutes

    kept = ctx.block_seconds
    timing = ctx.rules.timing

    def seconds_of(block: Block) -> float:
        # The weeks of a block stamp the same block objects (_blocks): each timed once. The
        # entry holds the block, so its id names no other while the plan is made.
        found = kept.get(id(block))
        if found is None or found[0] is not block:
            found = kept[id(block)] = (block, block_seconds(block, timing))
        return found[1]

    if not week.titles:
        # The block's first week stamped (its titles come below): from here its sessions are
        # final, so the rests are checked once a block, not once a week (a check that would
        # change nothing the second time).
        for sd in week.sessions:  # a later block's rotated accessories too (_make_rotate)
            _no_longer_rest_than_mains(sd, ctx)
    sets = _week_sets(week, spec, ctx)
    ctx.week_pullover[0] = any([sets.get(id(d), 0) > 0 and d.exercise.pattern is _PULLOVER
                                for sd in week.sessions for d in sd.drafts])
    lighter = _week_lighter(week.sessions, sets)
    paired = {d.exercise.id for sd in week.sessions for d in sd.drafts if id(d) in lighter}
    sessions = []
    if not week.titles:  # the block's sessions are final: their titles, once a block
        week.titles.extend(_titles(week.sessions))
    titles = week.titles
    for sd, units, date_, title in zip(week.sessions, week.units, dates, titles, strict=True):
        blocks = _blocks(sd, units, sets, ctx, spec, lighter, paired)
        minutes = session_minutes(blocks, sd.warmup, sd.cooldown, timing, seconds_of)
        sessions.append(TrainingSession(
            date=date_, title=title, focus=sd.focus,
            estimated_minutes=minutes, warmup=sd.warmup, cooldown=sd.cooldown,
            blocks=tuple(blocks),
            why=_session_why(sd, ctx, minutes, None if spec.deload else week.tally,
                             frozenset([id(d) for d in sd.drafts if not sets.get(id(d), 1)]))))
    note = ""
    if spec.deload:
        total = sum(i.sets for s in sessions for i in s.items)
        pct = round(100 * ctx.rules.volume.deload_set_factor)
        left = sorted({d.exercise.name for sd in week.sessions for d in sd.drafts
                       if sets[id(d)] == 0})
        rpe = ctx.rules.progression.deload_rpe
        easy = (f"; main lifts aim for {_easy_effort(rpe)}, sets that feel easy"
                if rpe is not None and any(i.rpe is not None for s in sessions for i in s.items)
                else "")
        # What the week does with the supersets it had (_blocks): fewer rounds, or straight
        # sets where those fit its minutes; nothing said of supersets a plan never had.
        paired_now = any(b.kind is _SUPERSET for s in sessions for b in s.blocks)
        had = paired_now or any(len(u) > 1 for units in week.units for u in units)
        pairs = (" (supersets fewer rounds)" if paired_now else
                 " (the supersets done as straight sets)" if had else "")
        note = (f"Deload: every exercise does about {pct}% of its sets{pairs} "
                f"with the same reps, and you may {_load_cut(ctx)}s{easy}"
                + (f"; {', '.join(left)} rest this week (one set cannot be halved)"
                   if left else "")
                + f": {previous_sets} hard sets last week, {total} this week.")
    least = ctx.rules.dosing.min_time_use * ctx.profile.minutes_per_session
    early = ("" if spec.deload or all(s.estimated_minutes >= least for s in sessions)
             else _early_note(week, ctx))
    return Week(index=spec.index, deload=spec.deload, sessions=tuple(sessions),
                block_index=spec.block_index, note=note, notes=(early,) if early else ())
