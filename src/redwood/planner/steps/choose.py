"""Choosing exercises: each slot's candidates (the lifter's kit, level, exclusions and
protected areas), loaded before unloaded, and the choice with its reasons.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import replace

from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import Equipment, Location, Measure, Pattern, Region
from redwood.planner.steps.context import (
    _BACK,
    _BEGINNER,
    _COMPOUND,
    _ENDURANCE,
    _HAND_HELD,
    _LEGS,
    _LOAD_OPTIONAL,
    _LOADS,
    _LUNGE,
    _REPS,
    _SQUAT,
    _STRENGTH,
    _VERTICAL_PULL,
    _Context,
    _excluded,
    _is_loaded,
    _too_many_reps,
    pattern_label,
)
from redwood.rules.sessions import Slot


def _tiebreak(seed: int, exercise_id: str) -> int:
    # crc32, not hash(): str hashes change between processes and plans must be reproducible.
    return zlib.crc32(f"{seed}:{exercise_id}".encode())


def _candidates(slot: Slot, ctx: _Context, *, with_equipment: bool) -> list[Exercise]:
    key = (slot, with_equipment)  # one look-up: a slot hashes all its fields every time
    found = ctx.candidates.get(key)
    if found is None:
        found = ctx.candidates[key] = _find_candidates(slot, ctx, with_equipment=with_equipment)
    return found


def _capped_loaded(chosen: Exercise, ctx: _Context) -> list[Exercise]:
    """Loaded lifts of `chosen`'s pattern and mechanic that the lifter's kit, level, exclusions
    and protected areas allow, left out only because a set of them stays under the goal's reps
    ([limits] exercise_reps: a deadlift in an endurance plan)."""
    p = ctx.profile
    return [ex for ex in ctx.catalog
            if ex.pattern is chosen.pattern and ex.mechanic is chosen.mechanic
            and _is_loaded(ex) and ex.available_with(p.equipment) and ex.suits(p.level)
            and not _excluded(ex, p.exclude) and not ctx.protected(ex)
            and _too_many_reps(ex, ctx)]


def _loaded_first(ctx: _Context) -> bool:
    """Strength and size need load: an unloaded movement only when nothing loads it."""
    return ctx.profile.goal is not _ENDURANCE


def _unloaded_stand_in(ex: Exercise, ctx: _Context) -> bool:
    """An unloaded exercise of a pattern the lifter can load, in a plan for strength or size: a
    bodyweight calf raise where a kettlebell one is usable (issue 10, item 6: load what can be
    loaded)."""
    if not _loaded_first(ctx) or _is_loaded(ex) or ex.pattern in _LOAD_OPTIONAL:
        return False
    mains = ctx.week_mains  # only ever grows: its size says which main lifts it holds
    found = ctx.loaded_patterns_cache.get(len(mains))
    if found is None:  # a main lift is no accessory too: it does not count as the loaded option
        found = ctx.loaded_patterns_cache[len(mains)] = frozenset(
            x.pattern for x in ctx.usable if _is_loaded(x) and x.id not in mains)
    return ex.pattern in found


def _find_candidates(slot: Slot, ctx: _Context, *, with_equipment: bool) -> list[Exercise]:
    p = ctx.profile
    index = ctx.pattern_index.get(with_equipment)
    if index is None:  # each pattern's exercises with their place in the list, once per plan
        index = ctx.pattern_index[with_equipment] = {}
        for at, ex in enumerate(ctx.usable if with_equipment else ctx.allowed):
            index.setdefault(ex.pattern, []).append((at, ex))
    # The slot's patterns' exercises in the list's order, as a scan of the whole list gives
    # (the places are unique: the pairs sort by them alone).
    pool = sorted([pair for pattern in set(slot.patterns) for pair in index.get(pattern, ())])
    # What fits the slot: the pool is curated exercises of its patterns already; main lifts are
    # prescribed in the goal's rep range, so a timed hold can't be one.
    reps_only, mechanic, region, avoid = slot.main, slot.mechanic, slot.region, slot.avoid
    found = [ex for _, ex in pool
             if (not reps_only or ex.measure is _REPS)
             and (mechanic is None or ex.mechanic is mechanic)
             and (region is None or ex.region is region) and ex.id not in avoid]
    loaded = _loaded_first(ctx)
    order = ctx.order_cache  # the key's parts that do not depend on the slot, once per plan
    for ex in found:
        if ex.id not in order:
            order[ex.id] = (loaded and not _is_loaded(ex), ex.measure is not _REPS,
                            ex.rank, _tiebreak(p.seed, ex.id))
    first: dict[Pattern, int] = {}  # each pattern's place in the slot (its first)
    for at, pattern in enumerate(slot.patterns):
        first.setdefault(pattern, at)
    pulls = _strength_pulls(slot, ctx)
    if pulls or len(first) > 1:
        found.sort(key=lambda ex: (first[ex.pattern], pulls.get(ex.id, len(pulls)),
                                   *order[ex.id]))
    else:  # one pattern and no preferred pulls: the key's first two parts are the same for all
        found.sort(key=lambda ex: order[ex.id])
    if not slot.main and loaded:
        # Rotate among loaded options only: a kettlebell calf raise never rotates to a
        # bodyweight one while the kettlebell is there (with `loaded`, an order's first part
        # says the exercise carries no load; a main lift of the week is no option here).
        # Core work keeps its bodyweight options unless two loaded ones can rotate.
        # Every pattern of the slot, not only its first: a single-leg slot of lunges and
        # squats that rotates to a squat never rotates to an air squat while the dumbbells
        # load a goblet squat (issue 10 item 6; substitution.loaded).
        loaded_only = set()
        for lead in dict.fromkeys([ex.pattern for ex in found]):
            by_pattern = [ex for ex in found if ex.pattern is lead]
            if lead is not found[0].pattern and not any(
                    ex.mechanic is _COMPOUND and ex.region is _LEGS for ex in by_pattern):
                # Past the slot's first pattern only the leg compounds: an isolation pattern
                # or a row there keeps its bodyweight options (the slot's fallback when the
                # loaded ones are the week's main lifts).
                continue
            if sum(not order[ex.id][0] for ex in by_pattern) >= 2 or (
                    lead not in _LOAD_OPTIONAL
                    and any(not order[ex.id][0] and ex.id not in ctx.week_mains
                            for ex in by_pattern)):
                loaded_only.add(lead)
        found = [ex for ex in found if not order[ex.id][0] or ex.pattern not in loaded_only]
    if not slot.main:
        # An accessory hinge is a lighter variation (an RDL, a hip thrust) before a pull from
        # the floor: the week's main deadlift is its one floor pull (hinge.floor-pulls, issue
        # 10 item 5). A stable sort: the order stays otherwise.
        floor = ctx.floor_pulls
        found.sort(key=lambda ex: ex.id in floor)
    return found


def _strength_pulls(slot: Slot, ctx: _Context) -> dict[str, int]:
    """A main pull's preferred lifts for a trained strength lifter, in order ([progression]
    strength_pulls: a weighted pull-up and a barbell row before a pulldown and a supported row);
    empty for other slots, goals and beginners."""
    if (not slot.main or slot.region is not _BACK or ctx.profile.goal is not _STRENGTH
            or ctx.profile.level is _BEGINNER):
        return {}
    return {i: at for at, i in enumerate(ctx.rules.progression.strength_pulls)}


def _pattern_muscles(pattern: Pattern, ctx: _Context) -> frozenset[str]:
    """The tracked muscles the catalogue's curated exercises of `pattern` train as prime
    movers (squat: quadriceps and glutes), whatever the lifter may do."""
    return frozenset(m for ex in ctx.catalog if ex.source == "redwood" and ex.pattern is pattern
                     for m, sh in ctx.share_items(ex) if sh >= 1.0)


def _any_compound(slot: Slot, skip: frozenset[Pattern]) -> Slot:
    """A main slot widened to every pattern but `skip` (the slot's own first): what
    session.min-compounds counts is a compound lift of the slot's region, whatever its
    pattern."""
    return replace(slot, patterns=(*slot.patterns, *(p for p in Pattern
                                                     if p not in slot.patterns and p not in skip)))


def _choose(slot: Slot, ctx: _Context, used: set[str], block_index: int,
            variant: int, week_mains: frozenset[str] = frozenset(),
            skip: frozenset[Pattern] = frozenset()) -> tuple[Exercise, list[str], bool] | None:
    """The slot's exercise, its reasons and whether it rotates (None: nothing fits)."""
    if not slot.main:
        return _choose_new(slot, ctx, used, block_index, variant, week_mains, skip)
    # A main slot's choice depends on the slot, what the session already holds and the
    # patterns left out, never on the block, the variant or the week's other main lifts
    # (those steer accessories): _main_ids and every block's _select ask the same, made once.
    key = (slot, frozenset(used), skip)
    if key in ctx.main_choices:
        found = ctx.main_choices[key]
    else:
        found = ctx.main_choices[key] = _choose_new(slot, ctx, used, block_index, variant,
                                                    week_mains, skip)
    return None if found is None else (found[0], list(found[1]), found[2])


def _choose_new(slot: Slot, ctx: _Context, used: set[str], block_index: int,
                variant: int, week_mains: frozenset[str],
                skip: frozenset[Pattern]) -> tuple[Exercise, list[str], bool] | None:
    found = _candidates(slot, ctx, with_equipment=True)
    taken: set[Pattern] = set()
    strict: list[Exercise] = []
    if not slot.main:
        # An accessory's first three filters below (none used, none another session's main
        # lift, none of a pattern the session holds) in one pass, where that leaves any.
        taken = {x.pattern for i in used if i not in week_mains
                 and (x := ctx.catalog.get(i)) is not None}
        strict = [ex for ex in found if ex.id not in used and ex.id not in week_mains
                  and ex.pattern not in taken]
    pool = strict or [ex for ex in found if ex.id not in used]
    if slot.main and not pool:
        # Every pattern the slot names is left out: any compound of its region keeps the
        # session's compound lifts ([dosing] min_compounds counts compounds of any pattern).
        slot = _any_compound(slot, skip)
        pool = [ex for ex in _candidates(slot, ctx, with_equipment=True) if ex.id not in used]
    if slot.main and slot.region is _LEGS and not used.isdisjoint(ctx.hand_held):
        one_leg = _one_leg_main(pool, skip, ctx)
        if one_leg is None:
            return None
        pool = one_leg
    if not slot.main and not strict:
        # An accessory that is another session's main lift would load it three times a week.
        pool = [ex for ex in pool if ex.id not in week_mains] or pool
        # Nor a second accessory of a pattern the session holds (pattern.once-per-session):
        # a slot of two patterns rotates into its second where its first has one option.
        pool = [ex for ex in pool if ex.pattern not in taken] or pool
    if not slot.main:
        if (ctx.profile.level in ctx.rules.progression.hand_held_levels
                and not used.isdisjoint(ctx.rules.progression.hand_held_squats)):
            # The session's split squat is its single-leg work: this slot squats on two legs,
            # for more reps than the main lifts (_held_squat_range: the hands cannot load it).
            pool = [ex for ex in pool if ex.pattern is not _LUNGE] or pool
            # Its squats are loaded where the kit loads one: the slot's lunge options were the
            # loaded ones _find_candidates kept, not its squats (issue 10 item 6: a goblet
            # squat, not an air squat or a jump squat, beside a kettlebell split squat).
            squats = [ex for ex in pool if ex.pattern is _SQUAT]
            if _loaded_first(ctx) and any(_is_loaded(ex) for ex in squats):
                pool = [ex for ex in pool if ex.pattern is not Pattern.SQUAT or _is_loaded(ex)]
        # The slot's first pattern when it has any option: rotation stays inside it.
        lead = pool[0].pattern if pool else None
        first = [ex for ex in pool if ex.pattern is lead]
        pool = first if len(first) >= 2 else pool
    if not pool:
        return None
    if slot.main and pool[0].pattern is not slot.patterns[0]:
        # A fallback pattern (no squat allowed: a hinge) takes the variation closest to what
        # the slot was for, by the muscles its own pattern trains (a trap-bar deadlift works
        # the quadriceps a squat slot is there for; a stable sort keeps the order otherwise).
        # Of the fallback pattern's lifts, loaded before unloaded first, as _find_candidates
        # orders the pool (issue 10 item 6: a hinge slot left to squats takes the kettlebell
        # front squat beside the goblet squat, not an air squat that works the glutes a little
        # more); the pool's later patterns stay behind it.
        aim = _pattern_muscles(slot.patterns[0], ctx)
        fallback, heavy = pool[0].pattern, _loaded_first(ctx)
        pool = sorted(pool, key=lambda ex: (
            ex.pattern is not fallback, heavy and not _is_loaded(ex),
            -sum(sh for m, sh in ctx.share_items(ex) if m in aim and ex.pattern is fallback)))
        areas = [ctx.rules.protect[a] for a in ctx.profile.protect]
        prefer = [x for r in areas if slot.patterns[0] in r.patterns for x in r.prefer]
        if prefer:  # what a coach writes for the area in the removed pattern's place
            pool = sorted(pool, key=lambda ex: prefer.index(ex.id) if ex.id in prefer
                          else len(prefer))
    else:
        prefer = []
    why: list[str] = []
    leverage = None if not slot.main or prefer else _leverage(pool, ctx)
    if leverage is pool[0]:
        leverage = None  # the usual first choice: its reason says what it usually says
    split = None if not slot.main or prefer else _hand_held_squat(slot, pool, ctx)
    if split is not None:
        ctx.hand_held.add(split.id)
        why.append(f"{split.name} {_hand_held_job(pool[0], ctx)} [equipment.available].")
    if slot.main:
        chosen = split or leverage or pool[0]
    else:
        # What the last block did not hold, where the slot has any: a block that moved block
        # 1's accessories between days would keep the lifter on the same exercises.
        # Of the slot's own pattern: a chin-up slot rotates to another vertical pull, never
        # to a row because the chin-up was there before.
        stale, lead = ctx.stale, pool[0].pattern
        pool = [ex for ex in pool if ex.id not in stale and ex.pattern is lead] or pool
        # Accessories rotate each block; the seed and the variant shift where the cycle starts
        # so sessions A and B don't pick the same accessory.
        start = (ctx.profile.seed + variant) % len(pool)
        chosen = pool[(start + block_index - 1) % len(pool)]
    # What the lifter would do with every kit: only a main lift says what it stands in for.
    ideal = next((ex for ex in _candidates(slot, ctx, with_equipment=False)
                  if ex.id not in used), None) if slot.main else None
    if ideal is not None and ideal.id != chosen.id and split is None:  # a split says why
        missing = sorted(set(ideal.equipment) - set(ctx.profile.equipment))
        other = (None if not missing or chosen.pattern is ideal.pattern
                 else _other_pattern_why(slot, ideal, chosen, missing, used, ctx))
        if other is not None:
            why.extend(other)
        elif missing:
            note = next((s.note for s in ideal.substitutions if s.exercise_id == chosen.id), None)
            same = chosen.pattern is ideal.pattern
            if leverage is not None and same:
                job = _leverage_job(chosen, ctx, used)
                leverage = None  # said here
            elif same and _is_loaded(ideal) and not _is_loaded(chosen):
                # A bodyweight good morning is not a deadlift: the same pattern, not the load.
                # Where the kit's loaded one is the session's other main lift, the kit does
                # allow a loaded one: the reason names it (issue 10 item 9).
                # Where a loaded one is left unchosen (the pool's order put this one
                # first), the reason says only what the lift is.
                loaded = [ex for ex in _candidates(slot, ctx, with_equipment=True)
                          if ex.pattern is chosen.pattern and _is_loaded(ex)]
                held = next((ex for ex in loaded if ex.id in used), None)
                label = pattern_label(chosen.pattern)
                if any(ex.id not in used for ex in loaded):
                    nearest = f"is a {label} with only your bodyweight"
                elif held is not None:
                    nearest = (f"is the nearest {label} your kit allows beside {held.name}, "
                               "this session's other main lift, with only your bodyweight")
                else:
                    # The kit may load the pattern only with pulls from the floor that stay
                    # under the goal's reps: its kit allows them, the goal does not (issue 10
                    # item 7).
                    capped = _capped_loaded(chosen, ctx)[:2]
                    most = min((ctx.rules.limits.exercise_reps[ex.id] for ex in capped),
                               default=0)
                    nearest = (f"is the nearest {label} your kit allows, with only your bodyweight"
                               if not capped else
                               f"is the nearest {label} for the {ctx.profile.goal.value} range, "
                               "with only your bodyweight ("
                               + " and ".join(ex.name for ex in capped)
                               + f" {'stays' if len(capped) == 1 else 'stay'} at {most} reps or "
                               "fewer)")
                job = (f"{nearest}: lower slowly ({ctx.rules.timing.eccentric_s:g} s, the guide's "
                       "tempo) to keep it hard")
            elif not same and _lats_slot(slot, ctx) is not None:
                # The pullover beside it is what stands in for the vertical pull, not the row
                # (in a week whose cuts keep it: _pullover_claim).
                job = (f"is the closest compound lift you can do, a "
                       f"{pattern_label(chosen.pattern)}{_PULLOVER_CLAIM}"
                       f"{pattern_label(ideal.pattern)}'s place")
            else:
                job = ("does the same job" if same else
                       f"is the closest you can do: a {pattern_label(chosen.pattern)} in place "
                       f"of a {pattern_label(ideal.pattern)}")
            why.append(
                f"{ideal.name} needs {', '.join(m.value for m in missing)}, which you don't "
                f"have: {chosen.name} {job}"
                + (f" ({note.rstrip('.')})" if note and same else "")
                + " [equipment.available]."
            )
    if leverage is not None:  # no lift it stands in for was named: the choice says why alone
        why.append(f"{chosen.name} {_leverage_job(chosen, ctx, used)} [equipment.available].")
    return chosen, why, len(pool) > 1


# What a row standing in for a vertical pull says of the week's pullover (_choose_new); a week
# whose time cuts or deload left the pullover out says the row stands in alone (_pullover_claim).
_PULLOVER_CLAIM = "; the week's pullover works the lats in the "
_NO_PULLOVER = re.compile(r"is the closest compound lift you can do, a ([^;]+)"
                          + re.escape(_PULLOVER_CLAIM) + r"(.+?)'s place")


def _pullover_claim(why: str, held: bool) -> str:
    """A main row's reason as the week has it: "the week's pullover works the lats" is true
    only in a week that holds the pullover (issue 10 item 9); without it the row stands in for
    the vertical pull, as the week's note says ("rows work the lats instead")."""
    if held or _PULLOVER_CLAIM not in why:
        return why
    return _NO_PULLOVER.sub(r"is the closest you can do: a \1 in place of a \2", why)


def _other_pattern_why(slot: Slot, ideal: Exercise, chosen: Exercise, missing: list[Equipment],
                       used: set[str], ctx: _Context) -> list[str] | None:
    """Why a main slot holds a lift of another pattern than the one it is for, where that is
    not the kit alone: the lifter's kit allows a compound lift of the slot's pattern, which
    the session already holds (a hinge beside the session's single-leg main lift: nothing said
    of the kit, which is not the reason), or allows only other lifts of that pattern (a glute
    bridge, no compound hinge: the week may hold them, so no "in place of"). None where the
    kit allows nothing of the pattern: "a squat in place of a hinge" is then true."""
    label, its = pattern_label(ideal.pattern), pattern_label(chosen.pattern)
    fits = [ex for ex in _candidates(slot, ctx, with_equipment=True) if ex.pattern is ideal.pattern]
    if fits:
        held = any((x := ctx.catalog.get(i)) is not None and x.pattern is ideal.pattern
                   for i in used)
        return ([f"{chosen.name}, a {its}, here: this session's other main lift already "
                 f"covers the {label} pattern."] if held else [])
    if not any(ex.pattern is ideal.pattern for ex in ctx.usable):
        return None
    areas = _kit_has_protected(ideal.pattern, ctx, compound=True)
    return [f"{ideal.name} needs {', '.join(m.value for m in missing)}, which you don't have, "
            f"and no other {label} open to you is a compound lift"
            + (f" (--protect {', '.join(areas)} removes the ones your kit allows)" if areas
               else "")
            + f": {chosen.name}, a {its}, is the closest main lift you can do "
            "[equipment.available]."]


def _leverage(pool: Sequence[Exercise], ctx: _Context) -> Exercise | None:
    """The main lift for a trained lifter whose kit loads nothing of the pattern, in a plan
    for strength or size: the hardest variation of the pattern the level allows ([progression]
    leverage_levels), the catalogue's level first, then, for the legs, one leg over two (a
    pistol squat, not an air squat; a single-leg hip thrust, not a bodyweight good morning).
    None where the pool's first choice carries load or the plan or level keeps the easier
    versions (beginners learn the two-leg movement first; endurance wants many reps)."""
    first = pool[0]
    if (not _loaded_first(ctx) or _is_loaded(first)
            or ctx.profile.level not in ctx.rules.progression.leverage_levels):
        return None
    legs = first.region is Region.LEGS
    # min keeps the pool's order among equals (its rank, then the seed's tiebreak).
    return min((ex for ex in pool if ex.pattern is first.pattern and not _is_loaded(ex)
                and ex.measure is Measure.REPS),
               key=lambda ex: (-ex.level.rank, -(legs and ex.unilateral)))


def _hand_held_squat(slot: Slot, pool: Sequence[Exercise], ctx: _Context) -> Exercise | None:
    """The main squat for a trained lifter whose best loaded squat is held in the hands (a
    goblet squat), in a plan for strength or size: a loaded split squat ([progression]
    hand_held_squats, first preferred), which the same weights load as a much heavier two-leg
    squat would. None for other slots, plans and levels, or where the kit loads a squat on the
    back or in a machine."""
    first = pool[0]
    r = ctx.rules.progression
    if (slot.patterns[0] is not _SQUAT or first.pattern is not _SQUAT
            or not _loaded_first(ctx) or ctx.profile.level not in r.hand_held_levels
            or not _is_loaded(first) or not _LOADS.intersection(first.equipment) <= _HAND_HELD):
        return None
    splits = {ex.id: ex for ex in pool}
    return next((splits[i] for i in r.hand_held_squats if i in splits), None)


def _one_leg_main(pool: list[Exercise], skip: frozenset[Pattern],
                  ctx: _Context) -> list[Exercise] | None:
    """A legs main slot's options in a session whose main squat is a hand-held split squat:
    one single-leg main lift a session (a second lunge doubles the split squat's work and
    leaves the legs no two-leg lift), and no two-leg squat (the split squat's reason says the
    hands cannot load one for the goal's reps): a hinge, which the hands load heavily enough
    (acsm2009: both single- and two-leg lifts). Where the lifter leaves hinges out, the pool as
    it was (the session keeps its two compounds, session.min-compounds); where the week only
    skips this day's hinge to keep to hinge_heavy_days (issue 10 item 5: at most two hinge
    days, one heavy and one lighter), the loaded two-leg squats, a lighter squat than the
    split squat (_squat_day_why says so), or None where there is none: that hinge stays."""
    two_legs = [ex for ex in pool if not ex.unilateral and ex.pattern is not Pattern.SQUAT]
    if two_legs:
        return two_legs
    if skip:
        return [ex for ex in pool if not ex.unilateral and ex.pattern is Pattern.SQUAT
                and _is_loaded(ex)] or None
    return pool


def _held_squat_range(ex: Exercise, high: int, ctx: _Context) -> tuple[int, int, str] | None:
    """An accessory two-leg squat held in the hands (a goblet or kettlebell front squat) in a
    plan whose main squat is a hand-held split squat: that lift's reason says the hands cannot
    load a two-leg squat for the goal's reps, so this one takes the goal's accessory range above
    them (strength 8-12), where the weights the lifter holds still bring a set near failure.
    None for other exercises and plans, or where that range is not above the goal's."""
    if (not ctx.hand_held or ex.pattern is not _SQUAT or ex.unilateral
            or ex.measure is not _REPS or not _is_loaded(ex)
            or not _LOADS.intersection(ex.equipment) <= _HAND_HELD):
        return None
    low, top = ctx.goal.accessory_reps
    if top <= high:
        return None
    # The split squat _hand_held_squat chose (not a lift _vary_single_leg put on another day).
    split = next((x for i in ctx.rules.progression.hand_held_squats if i in ctx.hand_held
                  and (x := ctx.catalog.get(i)) is not None), None)
    name = split.name if split is not None else "a split squat"
    return (low, top, f"more reps than the main lifts: {name} is your main squat because a "
            f"two-leg squat needs more weight than your hands can hold for "
            f"{ctx.profile.goal.value} reps, so this two-leg squat takes the weights you hold "
            "for longer sets, still near failure")


def _hand_held_job(squat: Exercise, ctx: _Context) -> str:
    """Why a split squat picked by _hand_held_squat is the main squat, for its reason."""
    p = ctx.profile
    held = " and ".join(sorted(e.value + "s" for e in _HAND_HELD.intersection(p.equipment)))
    source = ctx.rules.sources.get(ctx.rules.progression.hand_held_source or "")
    cite = f" ({source})" if source else ""
    return (f"is your main squat, not the {squat.name.lower()}: with only {held} to hold, a "
            f"two-leg squat at your level needs more weight than your hands can hold for "
            f"{p.goal.value} reps near failure; on one leg the same weights and your body load "
            f"that leg as a much heavier squat would{cite}")


def _leverage_job(chosen: Exercise, ctx: _Context, used: set[str]) -> str:
    """What a main lift picked by _leverage does in place of load, for its reason. Where the
    session's other main lift is the loaded one of the pattern the kit allows (a backpack
    deadlift), the kit is not without load: the reason names that lift instead."""
    p = ctx.profile
    where = {Location.OUTDOOR: "outdoors", Location.HOME: "at home"}.get(p.location,
                                                                        "with your kit")
    held = next((x for i in sorted(used) if (x := ctx.catalog.get(i)) is not None
                 and x.pattern is chosen.pattern and _is_loaded(x)), None)
    if held is not None:
        where = f"left beside {held.name}, this session's other main lift"
    label = pattern_label(chosen.pattern)
    source = ctx.rules.sources.get(ctx.rules.progression.leverage_source or "")
    cite = f" ({source})" if source else ""
    if chosen.region is Region.LEGS and chosen.unilateral and chosen.pattern is not Pattern.LUNGE:
        # A squat or a hinge, which the lifter would otherwise do on two legs.
        return (f"puts your whole body weight on one leg: with no load {where}, a two-leg "
                f"{label} is too light for {p.goal.value} reps at your level; this is the "
                f"hardest {label} your level allows{cite}")
    return (f"is the hardest {label} your level allows: with no load {where}, its leverage "
            f"makes your body weight heavy enough for {p.goal.value} reps{cite}")


def _lats_slot(slot: Slot, ctx: _Context) -> Slot | None:
    """For a main vertical-pull slot the kit has no vertical pull for, the accessory slot of
    the pullover that works the lats in its place, right after the main lifts, where one fits
    (issue 10 item 6: "a vertical pull is replaced by a vertical pull (band, pullover) before a
    row"); None for other slots, where a vertical pull fits, or where no pullover does. The
    main slot keeps its row: a main lift is compound, rests long and stays all plan
    (session.min-compounds, rest.main-lifts, rotation.core-lifts-stay), which no pullover is."""
    if not slot.main or slot.patterns[0] is not _VERTICAL_PULL:
        return None
    found = ctx.lats_slots.get(slot)
    if found is None:
        vertical = any(ex.pattern is Pattern.VERTICAL_PULL
                       for ex in _candidates(slot, ctx, with_equipment=True))
        lats = replace(slot, name="pullover", patterns=(Pattern.PULLOVER,), mechanic=None,
                       main=False)
        fits = any(ex.measure is _REPS for ex in _candidates(lats, ctx, with_equipment=True))
        found = ctx.lats_slots[slot] = (lats if fits and not vertical else False)
    return found or None


def _kit_has_protected(pattern: Pattern, ctx: _Context, *, compound: bool = False) -> list[str]:
    """The protected areas that leave out an exercise of `pattern` (a compound one, with
    `compound`) the lifter's kit and level allow (empty where none does)."""
    p = ctx.profile
    if not p.protect:
        return []
    kit = [ex for ex in ctx.catalog
           if ex.source == "redwood" and ex.pattern is pattern and ctx.protected(ex)
           and (not compound or ex.mechanic is _COMPOUND)
           and ex.suits(p.level) and not _excluded(ex, p.exclude)
           and ex.available_with(p.equipment)]
    return [a for a in p.protect
            if any(ex.id in ctx.rules.protect[a].exercises for ex in kit)]
