"""The plan's notes: muscles outside their band, knee flexion, spacing, progression and
load, each naming the rule it follows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace

from redwood.domain.exercise import Exercise
from redwood.domain.plan import Block, BlockKind, Prescription, Role, Week
from redwood.domain.vocabulary import Level, Mechanic, Pattern, Region
from redwood.planner.schedule import WeekShape
from redwood.planner.steps.context import (
    _BACK,
    _FULL_DAY,
    _KNEE_FLEXION,
    _LEGS,
    _MAIN_ROLE,
    _PULLOVER,
    _SUPERSET,
    _Context,
    _is_loaded,
    _listed,
    _SessionDraft,
    _sets,
)
from redwood.planner.steps.progression import _load_cut, _weeks
from redwood.planner.steps.tally import (
    _close,
    _crowded,
    _extra_draft,
    _held,
    _knee_flexion_floor,
    _knee_flexion_options,
    _muscle_options,
    _spaced,
    _WeekPlan,
)
from redwood.planner.volume import small_spare as _small_spare
from redwood.planner.volume import week_muscle_sets


def _band_notes(week: Week, ctx: _Context) -> list[str]:
    """What a normal week says about muscles outside their band, with how far."""
    sets = week_muscle_sets(week, ctx.rules.muscle_volume, ctx.profile.goal)
    tracked = ctx.rules.muscle_volume.tracked
    bands = ctx.band_cache
    short = {m: bands[m][0] - sets[m] for m in tracked if sets[m] < bands[m][0] - 1e-9}
    above = {m: sets[m] - bands[m][1] for m in tracked if sets[m] > bands[m][1] + 1e-9}
    notes = []
    # A muscle no exercise the lifter may do trains as a prime mover (no squat or lunge left
    # for the quadriceps) is short because of the exclusions and kit, not the time.
    full_day = any(s.focus is _FULL_DAY for s in week.sessions)
    unreachable = {m: n for m, n in short.items()
                   if not any(ctx.share(ex).get(m) == 1.0 and (
                       full_day or ex.region is not Region.FULL_BODY
                       or ex.mechanic is not Mechanic.COMPOUND) for ex in ctx.usable)}
    short = {m: n for m, n in short.items() if m not in unreachable}
    if unreachable:
        removed = [*(f"--exclude {x}" for x in ctx.profile.exclude),
                   *(f"--protect {a}" for a in ctx.profile.protect)]
        notes.append("Short of the band: " + ", ".join(
            f"{m} by {_sets(n)}" for m, n in unreachable.items())
            + ": no exercise your kit and level allow"
            + (f" after {' and '.join(removed)}" if removed else "")
            + " trains it as a prime mover"
            + ("" if full_day else " on a legs or back day (a full-body lift would load the "
               "other region inside 48 h)") + " [volume.muscle-bands].")
    # A muscle whose every lift also works another muscle at its top (quadriceps below 10 with
    # glutes at 13.5 of 10-14: every squat and lunge set adds a glute set) is held by that
    # muscle, not by the minutes: more minutes or days would not close its gap.
    held = {m: _held_by(m, sets, week, ctx) for m in short}
    timed = {m: n for m, n in short.items() if not held[m]}
    # A muscle that no main lift trains, whose every lift already has its session's fewest
    # main-lift sets (a backward hill walk at two sets beside two-set hinges), is held by
    # main.most-sets, not by the minutes: the sessions may have time left.
    capped = {m: n for m, n in timed.items() if _capped_by_mains(m, week, ctx)}
    timed = {m: n for m, n in timed.items() if m not in capped}
    # A leg muscle in a week whose legs already hold twice the back's sets is held by legs:back
    # ([volume] balance), not by the minutes: its sessions may end well early.
    balance = _legs_at_balance(week, ctx)
    balanced = ({m: n for m, n in timed.items() if m in ctx.rules.muscle_volume.legs}
                if balance else {})
    timed = {m: n for m, n in timed.items() if m not in balanced}
    if balance and balanced:
        notes.append("Short of the band: " + ", ".join(
            f"{m} by {_sets(n)}" for m, n in balanced.items())
            + f"; the legs already have {_balance_words(balance, ctx)}, so a leg set more "
            "waits for a back set [volume.balance] [volume.muscle-bands].")
    if capped:
        notes.append("Short of the band: " + ", ".join(
            f"{m} by {_sets(n)}" for m, n in capped.items())
            + "; no main lift trains " + ("it" if len(capped) == 1 else "them")
            + ", and every exercise that does has as many sets as its session's main lifts, "
            "the most an accessory may have [main.most-sets] [volume.muscle-bands].")
    if timed:
        notes.append("Short of the band with this much time and kit: " + ", ".join(
            f"{m} by {_sets(n)}" for m, n in timed.items())
            + "; more minutes or days would close the gap [volume.muscle-bands].")
    for m, n in short.items():
        if held[m]:
            notes.append(f"Short of the band: {m} by {_sets(n)}; every exercise that trains it "
                         "also works " + " and ".join(
                             f"{x} ({sets[x]:g} of {ctx.band_cache[x][0]}-{ctx.band_cache[x][1]})"
                             for x in held[m])
                         # "past its top", not "above": the checker reads a note with "above"
                         # as one that names a muscle above its band.
                         + (", which one more set would take "
                            if len(held[m]) == 1 else ", one of which one more set would take ")
                         + _past_top(held[m], sets, ctx)
                         # The muscle the curls' floor lets past its top (volume.muscle-bands)
                         # is not all: the week's lifts of it sit at their sessions' main lifts'
                         # sets (two-set squats beside the curls), which those tops hold.
                         + ("; the week's lifts of it already have as many sets as their "
                            "sessions' main lifts, the most an accessory may have "
                            "[main.most-sets]" if _capped_by_mains(m, week, ctx) else "")
                         + " [volume.muscle-bands].")
    notes.extend(_knee_flexion_note(week, sets, ctx))
    notes.extend(_over_legs_notes(week, sets, ctx))
    braced = {m: n for m, n in above.items() if _braced_only(week, m, sets, ctx)}
    if braced:
        above = {m: n for m, n in above.items() if m not in braced}
        notes.append("Above the band: " + ", ".join(
            f"{m} above its band by {_sets(n)} through the lifts' bracing"
            for m, n in braced.items())
            + ": the sets that bring a main muscle to its floor also work it, and its band's top "
            "caps the time spent on it, which bracing costs none of [volume.muscle-bands].")
    held_floors = _floors_held_above(week, sets, set(above), ctx)
    if held_floors:
        # A muscle whose own prime movers are at their fewest sets (the core at two main lifts
        # a session) is above its top for that, not for the floors: the plain note says so.
        plain = {m: n for m, n in above.items() if _above_at_fewest(week, {m}, ctx)}
        floored = {m: n for m, n in above.items() if m not in plain}
        split = _floors_held_above(week, sets, set(floored), ctx) if plain else []
        if split:
            held_floors, above = split, plain
        else:
            floored, above = above, {}
        notes.append(
            "Above the band: " + ", ".join(f"{m} by {_sets(n)}" for m, n in floored.items())
            + ": the sets that bring " + _listed(held_floors)
            + " to or nearer their floors also work " + ("it" if len(floored) == 1 else "them")
            + ", and a muscle below its floor comes before one at the top of its band "
            "[volume.muscle-bands].")
    if above:
        rounds = ctx.rules.supersets.rounds[0]
        pairs = any(b.kind is BlockKind.SUPERSET for s in week.sessions for b in s.blocks)
        notes.append(
            "Above the band: " + ", ".join(f"{m} by {_sets(n)}" for m, n in above.items())
            + ", with every exercise that trains it at the fewest sets the rules allow (two "
            "main lifts a session"
            + (f"; a superset {rounds} rounds" if pairs else "")
            + ("; the week's pullover, which stands in for the vertical pull your kit lacks"
               if "lats" in above and _pullover_stands_in(week, ctx) else "")
            + "); fewer days a week would bring it closer to the band [volume.muscle-bands].")
    return notes


def _pullover_stands_in(week: Week, ctx: _Context) -> bool:
    """Whether the week holds a pullover and no vertical pull: the pullover is there as the lat
    movement substitution.vertical-pull asks for, at its fewest sets, even with the lats at the
    top of their band (issue 10 item 6), so the above-the-band note names it."""
    patterns = {ex.pattern for s in week.sessions for b in s.blocks for i in b.items
                if (ex := ctx.catalog.get(i.exercise_id)) is not None}
    return _PULLOVER in patterns and Pattern.VERTICAL_PULL not in patterns


def _over_legs_notes(week: Week, sets: Mapping[str, float], ctx: _Context) -> list[str]:
    """A note for the core or the calves with more sets than a leg muscle while a set of their
    own work could go (volume.small-under-legs): the week could give the leg muscle none of
    them (the floors' trades found no leg lift for the minutes they free within the bands)."""
    legs = ctx.rules.muscle_volume.legs
    low = min(legs, key=lambda m: sets[m])
    notes = []
    for m in ("core", "calves"):
        if m not in sets or sets[m] <= sets[low] + 1e-9:
            continue
        direct = [(b.rounds or 0) if b.kind is BlockKind.SUPERSET else item.sets
                  for b, item, _, shares in _shared_items(week, ctx) if shares.get(m) == 1.0]
        if not _small_spare(direct, sets[m], ctx.band_cache[m][0], ctx.profile.days_per_week,
                            ctx.rules.coach_checks.pattern_min_days):
            continue
        notes.append(f"{m.capitalize()} gets {sets[m]:g} sets against {sets[low]:g} for the "
                     f"{low}: no {low} lift fits the minutes or the bands a {m} set less would "
                     f"free, so it keeps them [volume.small-under-legs].")
    return notes


def _braced_only(week: Week, muscle: str, sets: Mapping[str, float], ctx: _Context) -> bool:
    """Whether `muscle` (the core or the calves) is above its top only through the bracing of
    lifts that hold a main muscle's floor, as volume.muscle-bands accepts (_Tally.braced): its
    sets less the half credit of the items whose main prime mover a set less would leave below
    its floor stay within its top, and it has no more sets than any main muscle."""
    mv, bands = ctx.rules.muscle_volume, ctx.band_cache
    if muscle in mv.main or any(sets[muscle] > sets[m] + 1e-9 for m in mv.legs):
        return False
    braced = 0.0
    for b, item, _, shares in _shared_items(week, ctx):
        share = shares.get(muscle, 0.0)
        if 0 < share < 1 and any(sh >= 1 and m in mv.main and sets[m] - sh < bands[m][0] - 1e-9
                                 for m, sh in shares.items()):
            braced += share * ((b.rounds or 0) if b.kind is BlockKind.SUPERSET else item.sets)
    return sets[muscle] - braced <= bands[muscle][1] + 1e-9


def _above_at_fewest(week: Week, above: AbstractSet[str], ctx: _Context) -> bool:
    """Whether every item of the week that trains a muscle in `above` as a prime mover has the
    fewest sets the rules allow it (_floor: a superset's least rounds, an accessory [dosing]
    min_sets, a main lift its session's most accessory sets), as the plain note says."""
    least, rounds = ctx.rules.dosing.min_sets, ctx.rules.supersets.rounds[0]
    for s in week.sessions:
        most_accessory = max((i.sets for b in s.blocks for i in b.items
                              if i.role is not _MAIN_ROLE), default=0)
        for b in s.blocks:
            for item in b.items:
                ex = ctx.catalog.get(item.exercise_id)
                if ex is None or not any(ctx.share(ex).get(m, 0.0) >= 1.0 for m in above):
                    continue
                if b.kind is _SUPERSET:
                    fewest, sets = rounds, b.rounds or 0
                else:
                    fewest = (max(least, most_accessory) if item.role is _MAIN_ROLE else least)
                    sets = item.sets
                if sets > fewest:
                    return False
    return True


def _floors_held_above(week: Week, sets: Mapping[str, float], above: AbstractSet[str],
                       ctx: _Context) -> list[str]:
    """What the muscles above their tops are there for (_floors_before_tops): the muscles not
    above their tops that an item working an above muscle holds at or below its floor (a set
    less of it would leave them below), and knee flexion where a curl works one (its floor's
    sets are excused past a top: volume.muscle-bands); empty where every item that trains an
    above muscle as a prime mover is at its fewest sets, which the plain note says."""
    if not above or _above_at_fewest(week, above, ctx):
        return []
    bands = ctx.band_cache
    kf_floor = _knee_flexion_floor(ctx)
    kf = sum((b.rounds or 0) if b.kind is _SUPERSET else i.sets
             for s in week.sessions for b in s.blocks for i in b.items
             if i.pattern is _KNEE_FLEXION)
    held: list[str] = []
    for _, _, ex, share in _shared_items(week, ctx):
        if not any(share.get(m, 0.0) > 0 for m in above):
            continue
        for m, sh in share.items():
            if (sh > 0 and m not in above and m not in held
                    and sets[m] - sh < bands[m][0] - 1e-9):
                held.append(m)
        if (ex.pattern is _KNEE_FLEXION and kf_floor
                and kf * sum(share.get(m, 0.0) for m in above) > 0
                and "knee flexion" not in held):
            held.append("knee flexion")
    return held


def _shared_items(week: Week, ctx: _Context
                  ) -> Iterator[tuple[Block, Prescription, Exercise, dict[str, float]]]:
    """The week's items of a catalogue exercise, each with its block, exercise and shares."""
    for s in week.sessions:
        for b in s.blocks:
            for item in b.items:
                ex = ctx.catalog.get(item.exercise_id)
                if ex is not None:
                    yield b, item, ex, ctx.share(ex)


def _past_top(held: Sequence[str], sets: Mapping[str, float], ctx: _Context) -> str:
    """How a short muscle's note says a set more passes the `held` muscles' tops: 'further past'
    where they already are past (_floors_before_tops took them there)."""
    past = [x for x in held if sets[x] > ctx.band_cache[x][1] + 1e-9]
    if not past:
        return "past the top of its band"
    return ("further past the top of its band" if len(past) == len(held)
            else "past the top of its band, or further past it")


def _knee_flexion_note(week: Week, muscles: Mapping[str, float], ctx: _Context) -> list[str]:
    """pattern.knee-flexion-sets: a normal week with knee-flexion work below the goal and
    level's weekly floor ([muscle_volume.knee_flexion]) says so, with how far and what held it:
    the muscles a set more of any curl would take past their tops (_curls_held_by, with the
    week's sets per muscle `muscles`), whose main lifts keep their sets first (the trades give
    a main lift's set only above the goal's sets: _knee_flexion_donor), else the minutes, the
    bands and the main lifts together (a week with none is pattern.knee-flexion's)."""
    floor = _knee_flexion_floor(ctx)
    sets = sum((b.rounds or 0) if b.kind is _SUPERSET else i.sets
               for s in week.sessions for b in s.blocks for i in b.items
               if i.pattern is _KNEE_FLEXION)
    if not sets or sets >= floor:
        return []
    held = _curls_held_by(week, muscles, ctx)
    # The curls are leg work: in a week whose legs hold twice the back's sets, legs:back holds
    # them whatever the minutes (a curl set past the hamstrings' top up to the floor is one
    # volume.muscle-bands accepts; the leg work that could give way for it in balance would
    # have left a main muscle room while the sessions end early: time.use).
    balance = _legs_at_balance(week, ctx)
    past = (f"the legs past {_balance_words(balance, ctx)} [volume.balance]"
            if balance else "")
    if not held:
        why = (f"a set more of any curl would take {past}, and the main lifts keep their sets "
               "first" if balance else
               "more would take the hamstrings, or a muscle the curls also work, past the top "
               "of its band, or run a session over its minutes, and the main lifts keep their "
               "sets first")
    else:
        bands = ctx.band_cache
        loaded = [m for m in held if any(
            item.role is Role.MAIN and ctx.share(ex).get(m, 0.0) > 0
            for s in week.sessions for b in s.blocks for item in b.items
            if (ex := ctx.catalog.get(item.exercise_id)) is not None)]
        # "past the top", not "above": the checker reads a note with "above" as one that
        # names a muscle above its band.
        why = ("a set more of any curl would take " + (f"{past}, and " if balance else "")
               + "the " + " and the ".join(
                   f"{m} ({muscles[m]:g} of {bands[m][0]}-{bands[m][1]})" for m in held)
               + _curls_past(held, muscles, ctx)
               + (", and the main lifts that load the " + " and the ".join(loaded)
                  + " keep their sets first" if loaded else
                  ", and the work that fills " + ("it" if len(held) == 1 else "them")
                  + " keeps its sets first"))
        if _curls_capped(week):
            why += ("; each curl already has as many sets as the main lifts of its session, "
                    "and a main lift gets at least as many as any accessory")
    return [f"Knee flexion (leg curls): {sets} of the {floor} hard sets a week your goal and "
            f"level aim for; {why} [pattern.knee-flexion-sets]."]


def _legs_at_balance(week: Week, ctx: _Context) -> tuple[int, int] | None:
    """The week's legs and back hard sets (a superset's exercise its rounds) where one set more
    for the legs would take legs:back past the top of [volume] balance (legs at twice the
    back's sets), else None."""
    legs = back = 0
    for s in week.sessions:
        for b in s.blocks:
            for i in b.items:
                ex = ctx.catalog.get(i.exercise_id)
                n = (b.rounds or 0) if b.kind is _SUPERSET else i.sets
                if ex is not None and ex.region is _LEGS:
                    legs += n
                elif ex is not None and ex.region is _BACK:
                    back += n
    high = ctx.rules.volume.balance[1]
    return (legs, back) if back and (legs + 1) / back > high + 1e-9 else None


def _balance_words(balance: tuple[int, int], ctx: _Context) -> str:
    """'twice the back's hard sets (24 to 12), the most legs:back allows'."""
    high = ctx.rules.volume.balance[1]
    times = "twice" if high == 2 else f"{high:g} times"
    return (f"{times} the back's hard sets ({balance[0]} to {balance[1]}), the most legs:back "
            "allows")


def _capped_by_mains(muscle: str, week: Week, ctx: _Context) -> bool:
    """Whether no main lift of the week trains `muscle` as a prime mover and every item that
    does is a straight set with as many sets as its session's fewest main-lift sets
    (main.most-sets), so no set more of it fits whatever the minutes."""
    found = False
    for s in week.sessions:
        mains = [i.sets for b in s.blocks for i in b.items if i.role is Role.MAIN]
        for b in s.blocks:
            for i in b.items:
                ex = ctx.catalog.get(i.exercise_id)
                if ex is None or ctx.share(ex).get(muscle, 0.0) < 1.0:
                    continue
                if (i.role is Role.MAIN or b.kind is _SUPERSET or not mains
                        or i.sets < min(mains)):
                    return False
                found = True
    return found


def _curls_capped(week: Week) -> bool:
    """Whether every knee-flexion item of the week is a straight set with as many sets as its
    session's fewest main-lift sets (main.most-sets: a curl on a day of two-set rows stays at
    two), so a set more of any of them is held by its session's main lifts too."""
    found = False
    for s in week.sessions:
        mains = [i.sets for b in s.blocks for i in b.items if i.role is Role.MAIN]
        for b in s.blocks:
            for i in b.items:
                if i.pattern is _KNEE_FLEXION:
                    if b.kind is _SUPERSET or not mains or i.sets < min(mains):
                        return False
                    found = True
    return found


def _curls_past(held: Sequence[str], muscles: Mapping[str, float], ctx: _Context) -> str:
    """How the knee-flexion note says a curl set passes the `held` muscles' tops: 'further
    past' where the week's curls already took them past (_floors_before_tops: the hamstrings
    at 17 of 10-16, where an 18th set would be [coach_checks] above_band_sets past)."""
    past = [m for m in held if muscles[m] > ctx.band_cache[m][1] + 1e-9]
    if len(held) == 1:
        return " further past the top of the band" if past else " past the top of the band"
    if not past:
        return " past their bands' tops"
    return (" further past their bands' tops" if len(past) == len(held)
            else " past their bands' tops, or further past them")


def _curls_held_by(week: Week, muscles: Mapping[str, float], ctx: _Context) -> list[str]:
    """The muscles at their tops that hold back every knee-flexion set the week could add (a
    set more of each of its curls, or a curl the lifter can do at its fewest sets), in the
    catalogue's order; empty where some curl has room, so that minutes, spacing or the main
    lifts' sets (main.most-sets) are what it lacks."""
    lifts = [(ex, _extra_draft(ex, ctx).sets) for ex in _knee_flexion_options(ctx)]
    lifts += [(ex, 1) for s in week.sessions for b in s.blocks for item in b.items
              if item.pattern is Pattern.KNEE_FLEXION
              and (ex := ctx.catalog.get(item.exercise_id)) is not None]
    held: list[str] = []
    for ex, n in lifts:
        over = [m for m, sh in ctx.share_items(ex)
                if muscles[m] + sh * n > ctx.band_cache[m][1] + 1e-9]
        if not over:
            return []
        held.extend(m for m in over if m not in held)
    return held


def _held_by(muscle: str, sets: Mapping[str, float], week: Week, ctx: _Context) -> list[str]:
    """The muscles at their tops that hold back every lift of `muscle` (one more set of the
    week's lifts of it, or a new one at its fewest sets, would take them above their bands);
    empty where some lift of it has room, so that minutes are what it lacks."""
    lifts = [(ex, _extra_draft(ex, ctx).sets) for ex in _muscle_options(muscle, ctx)]
    for s in week.sessions:
        for b in s.blocks:
            for item in b.items:
                ex = ctx.catalog.get(item.exercise_id)
                if ex is not None and ctx.share(ex).get(muscle, 0.0) >= 1.0:
                    lifts.append((ex, 1))
    every: list[str] | None = None  # the muscles that hold back every lift of it
    union: list[str] = []
    for ex, n in lifts:
        over = [m for m, sh in ctx.share_items(ex)
                if m != muscle and sets[m] + sh * n > ctx.band_cache[m][1] + 1e-9]
        if not over:
            return []
        every = over if every is None else [m for m in every if m in over]
        union.extend(m for m in over if m not in union)
    return every or union


def _with_band_notes(weeks: list[Week], ctx: _Context) -> tuple[list[Week], list[str]]:
    """The plan's band notes (those of its first normal week) and the weeks, each normal week
    that differs carrying its own."""
    # A block's normal weeks mostly hold the same items with the same sets (their texts differ
    # with the wave): the notes read only what the key holds (each item's exercise, which
    # gives its pattern and muscles, sets and role; each block's kind and rounds; each
    # session's focus), so a week like one already read has its notes.
    kept: dict[tuple[object, ...], list[str]] = {}
    per_week: list[list[str]] = []
    for w in weeks:
        if w.deload:
            per_week.append([])
            continue
        key = tuple([(s.focus, tuple([(b.kind, b.rounds, tuple([(i.exercise_id, i.sets, i.role)
                                                                for i in b.items]))
                                      for b in s.blocks]))
                     for s in w.sessions])  # lists made into tuples: no generators' frames
        found = kept.get(key)
        if found is None:
            found = kept[key] = _band_notes(w, ctx)
        per_week.append(found)
    first = next((n for n, w in zip(per_week, weeks, strict=True) if not w.deload), [])
    out = [replace(w, notes=(*w.notes, *n)) if n != first and not w.deload else w
           for w, n in zip(weeks, per_week, strict=True)]
    return out, first


def _spacing_notes(sessions: Sequence[_SessionDraft], ctx: _Context) -> list[str]:
    """A note for each isolation pattern (_spaced) the week still holds in two sessions less
    than [schedule] min_hours_between_hard apart, naming the days and saying why
    (isolation.spacing): more sessions of it than the lifter's days can space that far apart,
    where those sessions have no room for its sets (_spaced_room), or else no move, trade, join
    or gathering of _space_isolation, _merge_isolation, _gather_isolation and _thin_isolation
    that keeps the sessions' minutes, the muscles' bands, the weekly patterns and the main
    lifts' sets."""
    hours = ctx.rules.schedule.min_hours_between_hard
    held = _held(sessions)
    days = [wd.value for wd in ctx.profile.weekdays]
    notes = []
    for pattern in sorted(_crowded(sessions, hours), key=lambda p: p.value):
        holders = [i for i, h in enumerate(held) if h[pattern]]
        pairs = [f"{days[a]} and {days[b]}" for k, a in enumerate(holders)
                 for b in holders[k + 1:] if _close(sessions[a], sessions[b], hours)]
        spaced = max(len(kept) for mask in range(1, 1 << len(sessions))
                     for kept in [[i for i in range(len(sessions)) if mask >> i & 1]]
                     if not any(_close(sessions[a], sessions[b], hours)
                                for k, a in enumerate(kept) for b in kept[k + 1:]))
        name = pattern.value.replace("-", " ")
        sets = sum(d.sets for sd in sessions for d in sd.drafts
                   if _spaced(d) and d.exercise.pattern is pattern)
        room = _spaced_room(sessions, ctx)
        why = (f"it comes in {len(holders)} sessions and your {len(sessions)} days allow at "
               f"most {spaced} that far apart, with room for {room} of its {sets} sets"
               if len(holders) > spaced and sets > room else
               "no other day could take it while every session keeps its minutes, every "
               "muscle its band, the week its patterns and the main lifts their sets")
        notes.append(f"{name.capitalize()} work on {'; '.join(pairs)}, less than {hours} h "
                     f"apart: {why} [isolation.spacing].")
    return notes


def _spaced_room(sessions: Sequence[_SessionDraft], ctx: _Context) -> int:
    """The most sets of one isolation exercise a week's sessions 48 h apart can hold: in each,
    [dosing] max_accessory_sets and no more than its fewest main-lift sets (_gather_room)."""
    hours = ctx.rules.schedule.min_hours_between_hard
    most = ctx.rules.dosing.max_accessory_sets
    rooms = [min([most] + [m.sets for m in sd.drafts if m.main]) for sd in sessions]
    return max(sum(rooms[i] for i in kept) for mask in range(1, 1 << len(sessions))
               for kept in [[i for i in range(len(sessions)) if mask >> i & 1]]
               if not any(_close(sessions[a], sessions[b], hours)
                          for k, a in enumerate(kept) for b in kept[k + 1:]))


def _removed_by(pattern: Pattern, ctx: _Context) -> list[str]:
    """What in the profile leaves `pattern` out: its --exclude, the --protect areas."""
    p = ctx.profile
    why = [f"--exclude {pattern.value}"] if pattern.value in p.exclude else []
    return why + [f"--protect {a}" for a in p.protect if pattern in ctx.rules.protect[a].patterns]


def _knee_dominant_note(ctx: _Context, first: _WeekPlan) -> list[str]:
    """When no squat and no lunge is allowed, the plan says so and what its legs compounds
    are instead (hip-dominant: the legs main slots' last pattern, sessions.toml)."""
    squat, lunge = _removed_by(Pattern.SQUAT, ctx), _removed_by(Pattern.LUNGE, ctx)
    if not squat or not lunge:
        return []
    legs = sorted({d.exercise.name for sd in first.sessions for d in sd.drafts
                   if d.slot.main and d.region is Region.LEGS})
    # The knee extensions the week keeps (a terminal knee extension under sore knees) are the
    # quadriceps' own work: the note names them rather than saying the hinges are all.
    quads = sorted({d.exercise.name for sd in first.sessions for d in sd.drafts
                    if d.exercise.pattern is Pattern.KNEE_EXTENSION})
    return [f"No squats ({' and '.join(squat)}) and no lunges or split squats "
            f"({' and '.join(lunge)}): the legs' main lifts are hip-dominant instead"
            + (f" ({', '.join(legs)})" if legs else "")
            + ", with leg curls and bridges for the hamstrings and glutes; the quadriceps get "
            + (f"their own work from {', '.join(quads)} besides what those lifts give them"
               if quads else "only what those lifts give them") + " [session.min-compounds]."]


def _add_load_note(ctx: _Context) -> str:
    """The plan's words for the step up once every set reaches the top of its range: more load,
    and for main lifts with nothing that carries load, what their reasons say instead
    (_progress_step)."""
    mains = [x for i in sorted(ctx.week_mains) if (x := ctx.catalog.get(i)) is not None]
    bodyweight = [x.name for x in mains if not _is_loaded(x)]
    if not bodyweight:
        return "add load when every set reaches the top of its range"
    step = "lower it more slowly, then take the next step its reason names"
    if len(bodyweight) == len(mains):
        return f"no main lift has load to add: when every set reaches the top of its range, {step}"
    return (f"add load when every set reaches the top of its range; {_listed(bodyweight)} "
            f"{'has' if len(bodyweight) == 1 else 'have'} no load to add: {step}")


def _wave_note(ctx: _Context) -> str:
    """What an intermediate's main lifts do across a block, lift by lift: a set wave where one
    was planned (a lift of more than [progression] wave_min_sets sets, in a week whose time
    and bands a set fewer keeps), else a rep wave; the lifts of a block long enough to wave
    that keep their sets and reps, with why; and the blocks too short to wave
    ([progression] wave_min_weeks)."""
    keep = (_add_load_note(ctx) + (
        ", then a deload" if ctx.rules.rotation.deloads(ctx.profile.level, ctx.profile.weeks)
        and ctx.profile.weeks >= ctx.rules.rotation.block_weeks[ctx.profile.level]
        and not ctx.no_deload else ""))

    def lifts(waved: AbstractSet[tuple[int, str]]) -> str:
        blocks: dict[str, list[int]] = {}
        for block, ident in sorted(waved):
            ex = ctx.catalog.get(ident)
            blocks.setdefault(ex.name if ex else ident, []).append(block)
        # "Hip Thrust (blocks 1 and 2), Leg Press (block 1)": commas inside the clause, as the
        # note's clauses are joined with semicolons.
        def where(b: list[int]) -> str:
            if len(b) == 1:
                return f"block {b[0]}"
            return f"blocks {', '.join(map(str, b[:-1]))} and {b[-1]}"

        return ", ".join(f"{name} ({where(b)})" for name, b in blocks.items())

    waves = []
    if ctx.waved:
        waves.append("a wave, one set fewer in the first half of the block and the full sets "
                     f"in its second, for {lifts(ctx.waved)}")
    if ctx.rep_waved:
        loaded = all(_is_loaded(x) for _, i in ctx.rep_waved
                     if (x := ctx.catalog.get(i)) is not None)
        waves.append("a rep wave, the bottom of the range in the block's first week stepping "
                     "to its top in its last training week at the same load, then "
                     + ("more load" if loaded else "more load (a lift with none to add: the "
                        "harder step its reason names)")
                     + f" and the bottom again next block, for {lifts(ctx.rep_waved)}")
    if ctx.effort_waved:
        lo, hi = ctx.rules.progression.effort_wave_rpe or (0.0, 0.0)
        waves.append(f"an effort wave, the same sets and reps at an RPE target stepping from "
                     f"{lo:g} in the block's first week to {hi:g} in its last training week "
                     "(more load each week), where fewer reps would leave a session short of "
                     f"its minutes, for {lifts(set(ctx.effort_waved))}")
    # Each lift that stays put in a clause of its own, naming it (wave.intermediate reads a
    # clause that names a lift and says it keeps its sets and reps).
    by_why: dict[tuple[str, str], list[int]] = {}
    for (block, ident), why in sorted(ctx.flat.items()):
        ex = ctx.catalog.get(ident)
        by_why.setdefault((ex.name if ex else ident, why), []).append(block)
    least = ctx.rules.progression.wave_min_weeks
    still = [*(f"{name} keeps its sets and reps in block{'s' if len(b) > 1 else ''} "
               f"{', '.join(map(str, b))} ({why})" for (name, why), b in by_why.items()),
             *(f"block {b} has {_weeks(n)} of training, too few to wave (it needs "
               f"{least}): it keeps its main lifts' sets and reps"
               for b, n in sorted(ctx.short_blocks.items()))]
    return (f"Progression: {'. Also '.join(waves) or 'no main lift waves'}"
            + "".join(f"; {x}" for x in still) + f"; {keep}.")


def _rpe_note(ctx: _Context, first: _WeekPlan) -> str:
    """An advanced plan's progression note: what its main lifts' RPE targets do, as they are."""
    pr = ctx.rules.progression
    mains = [d for sd in first.sessions for d in sd.drafts if d.main]
    rated = [d for d in mains if d.high <= pr.rpe_max_reps]
    lo, hi = pr.high_rep_reserve
    long_sets = (f"sets of more than {pr.rpe_max_reps} reps have no RPE target (past the RPE "
                 f"table's range): stop them with {lo}-{hi} reps in reserve before your form "
                 "would break")
    if not rated:
        return f"Progression: {long_sets}; {_add_load_note(ctx)}."
    a, b = pr.advanced_rpe
    note = (f"Progression: RPE targets on the main lifts rise across each block (RPE {a:g} to "
            f"{b:g})")
    held = Counter(d.exercise.id for d in rated)
    if any(n > 1 for n in held.values()):
        drop, least = pr.light_day_rpe_drop, pr.hard_set_min_rpe
        top = min(b, max(a, least + drop))  # _paired_rpe's first week
        note += ("; a lift that comes more than once a week has one lighter day for each two "
                 "times it comes (twice: heavy, light; three times: one lighter day), its "
                 "heavy day the one with the most sets (the first in a tie) and no lighter "
                 "day with more sets than it; such a lift's heavy days rise from RPE "
                 f"{top:g} to {b:g} and its lighter day sits {drop:g} RPE below (RPE "
                 f"{max(least, top - drop):g} to {max(least, b - drop):g}): the same reps at "
                 f"a lighter load, never below RPE {least:g}, so its sets still count as hard "
                 "sets")
    if len(rated) < len(mains):
        note += f"; {long_sets}"
    return note + "."


def _plan_notes(ctx: _Context, shape: WeekShape, block_len: int, first: _WeekPlan,
                week_one: Week, band_notes: list[str]) -> tuple[str, ...]:
    p, r = ctx.profile, ctx.rules
    tally = first.tally
    sets = week_muscle_sets(week_one, r.muscle_volume, p.goal)
    notes = [
        f"{p.days_per_week} sessions a week on {', '.join(w.value for w in shape.weekdays)}, "
        f"at least {r.schedule.min_hours_between_hard} h between hard sessions for the same "
        "region [schedule.recovery].",
    ]
    listed = ", ".join(f"{m} {sets[m]:g} ({ctx.band_cache[m][0]}-{ctx.band_cache[m][1]})"
                       for m in r.muscle_volume.tracked)
    # The goal's assisting muscles ([muscle_volume.assists]) are said, so a week's glutes at
    # half of its squats', lunges' and hinges' sets read as counted, not as missing.
    assists = "".join(f"; so do the {m} beside the {' or '.join(leads)}"
                      for m, leads in r.muscle_volume.assists.get(p.goal, {}).items())
    notes.append(f"Week 1 hard sets per muscle against the {p.goal.value} band for "
                 f"{p.level.value} lifters (secondary muscles count half{assists}): {listed}; "
                 f"{tally.regions[Region.LEGS]} for legs and {tally.regions[Region.BACK]} for "
                 f"back in all (at most {r.volume.max_sets}) [volume.balance].")
    notes.extend(band_notes)
    notes.extend(first.notes)
    # Sessions of main lifts alone (short ones) have nothing to rotate: the note says so
    # rather than promise new accessories the next block will not hold (issue 10 item 9).
    accessories = any(not d.main for sd in first.sessions for d in sd.drafts)
    notes.append(f"Weeks 1-{min(block_len, p.weeks)} keep the same exercises; accessories "
                 f"rotate every {block_len} weeks while the main lifts stay "
                 "[rotation.by-week-7]." if accessories else
                 "The sessions hold only main lifts, which stay all plan so progress can be "
                 "tracked: no accessory to rotate [rotation.core-lifts-stay].")
    notes.append({
        Level.BEGINNER: f"Progression: the same sets and reps each week; {_add_load_note(ctx)}.",
        Level.INTERMEDIATE: _wave_note(ctx),
        Level.ADVANCED: _rpe_note(ctx, first),
    }[p.level])
    if r.rotation.deloads(p.level, p.weeks) and p.weeks >= block_len and not ctx.no_deload:
        past = r.rotation.deload_past_weeks[p.level]
        pairs = any(d.partner is not None for sd in first.sessions for d in sd.drafts)
        notes.append(f"Every {block_len}th week is a deload: the same lifts with about half "
                     f"the sets{' (supersets fewer rounds)' if pairs else ''}; "
                     f"{_load_cut(ctx)}s."
                     # A level that deloads only in long plans says why this one does, and
                     # that the load climbs again after it.
                     + (f" A plan of more than {past} weeks takes one: a week of clearly "
                        f"less training at least every {r.volume.deload_max_gap} weeks, and "
                        "progression picks up again the week after [deload.regular]."
                        if past else ""))
    elif ctx.no_deload:
        notes.append(f"No deload week: the sessions are already at their fewest sets (one set "
                     f"of each of their {r.dosing.min_compounds} compound lifts), so no week "
                     f"could hold {r.volume.deload_max_share:.0%} of the week before; each "
                     "block's last week stays a normal one [deload.real].")
    for area in p.protect:
        rule = r.protect[area]
        # What stands in, by name from the plan's first block: the rule's own words would
        # promise lifts (a hip thrust) the plan may not hold.
        held = list(dict.fromkeys(d.exercise.name for sd in first.sessions for d in sd.drafts
                                  if d.exercise.pattern in rule.replaced_by))
        notes.append(f"--protect {area}: no {rule.removed}; "
                     + (f"in their place: {_listed(held)} (weeks 1-{min(block_len, p.weeks)}; "
                        "accessories rotate after)." if held else f"{rule.instead} instead."))
    notes.extend(_knee_dominant_note(ctx, first))
    if Pattern.HINGE.value in p.exclude and "lower-back" not in p.protect:
        notes.append("--exclude hinge removes every hinge, hip thrusts and glute bridges "
                     "too; for a sore back, --protect lower-back keeps those (the spine stays "
                     "neutral) and removes what loads it: deadlifts, good mornings, bent-over "
                     "rows and bar-on-back squats.")
    return tuple(notes)
