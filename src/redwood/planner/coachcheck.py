"""The checks a coach makes: a plan can follow every structural rule and still train poorly.

Each check judges one of the coach's rule ids of rules.toml's [rules] table (time.use on), or
superset.required (which needs the time model here), with the numbers
of [coach_checks], [dosing], [progression], [muscle_volume], [guide_rest], [drill_equipment]
and [protect] (the planner reads the same tables). Like check.py
it reads only the plan's JSON, so generated and hand-edited plans are judged alike, and plans
written before items carried the optional fields are judged too:

- main lifts are the items with `"role": "main"`; in a plan without roles they are a session's
  opening straight-set compounds (at most the first two), and a session that opens with a
  superset has that superset's first compound as its main lift;
- secondary muscles come from the item, else from the catalogue entry;
- notes are the plan's notes and the week's `notes` and `note`: a note that names a muscle as
  short ("short of the band: quadriceps by 3 sets") excuses that muscle's shortfall, one that
  names a pattern excuses its absence where the lifter's equipment and level allow no exercise
  of it, and one that names the session length ("45 of 90 min", in the notes or the session's
  own reason) lets a session end early once no main muscle has room for another set (each
  within a set of the top of its band, or trained only in regions at the weekly ceiling).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise

from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import (
    LOAD_EQUIPMENT,
    PATTERN_LABELS,
    Goal,
    Level,
    Location,
    Measure,
    Mechanic,
    Muscle,
    Pattern,
    Region,
    full_gym,
)
from redwood.planner.checkview import (
    GOAL_RANGE_LIFTS,
    Check,
    Json,
    PlanView,
    SessionView,
    Violation,
    activity_minutes,
    amount,
    is_compound,
    is_timed,
    item_ids,
    item_pattern,
    join_ids,
)
from redwood.planner.reps import past_ceiling
from redwood.planner.volume import (
    json_week_muscle_sets,
    muscle_shares,
    room_for_a_set,
    small_spare,
)
from redwood.rules import ProtectArea

Pair = tuple[Json, Json]
"""(block, item): an item with the block it sits in."""


def _pairs(s: SessionView) -> list[Pair]:
    return [(block, item) for block in s.blocks for item in block["items"]]


def _hard_sets(block: Json, item: Json) -> int:
    """An item's sets; in a superset, the block's rounds."""
    rounds = block.get("rounds") if block["kind"] == "superset" else None
    return rounds if isinstance(rounds, int) else int(item["sets"])


def _normal_weeks(plan: PlanView) -> Iterator[int]:
    return (w for w in plan.week_numbers() if not plan.is_deload(w))


def _named(notes: Sequence[str], *names: str) -> bool:
    """Whether a note names any of `names` as words of their own, a plural allowed: 'lats' is
    not named by 'plates', nor '60 min' by '160 min' (hyphens read as spaces too, case ignored).
    """
    forms = {form for name in names for form in (name.lower(), name.lower().replace("-", " "))}
    words = re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, sorted(forms)))
                       + r")(?:e?s)?(?![a-z0-9])")
    return any(words.search(note) for note in notes)


# ---------------------------------------------------------------------------------------------
# Main lifts


def _uses_roles(plan: PlanView) -> bool:
    return any("role" in item for s in plan.sessions for item in s.items)


def _main_lifts(s: SessionView, roles: bool) -> list[Pair]:
    pairs = _pairs(s)
    if roles:
        return [(b, i) for b, i in pairs if i.get("role") == "main"]
    if pairs and pairs[0][0]["kind"] == "superset":
        opening = [(b, i) for b, i in pairs if b is pairs[0][0] and is_compound(i)]
        return opening[:1]
    mains: list[Pair] = []
    for block, item in pairs:
        if block["kind"] != "single" or not is_compound(item) or len(mains) == GOAL_RANGE_LIFTS:
            break
        mains.append((block, item))
    return mains


def _check_main_straight(plan: PlanView) -> Iterator[Violation]:
    roles = _uses_roles(plan)
    least = plan.goal_rules.compound_rest_min_s
    for s in plan.sessions:
        for block, item in _main_lifts(s, roles):
            if block["kind"] != "superset":
                continue
            partner = join_ids([i for i in item_ids(block["items"]) if i != item["exercise_id"]])
            yield s.violation(
                "main.straight-sets",
                f"main lift {item['exercise_id']} is in a superset with {partner} "
                f"({block['rest_between_s']} s between them); main lifts are straight sets "
                f"resting at least {least} s for {plan.goal.value}",
                item["exercise_id"],
            )


def _check_rpe(plan: PlanView) -> Iterator[Violation]:
    """rpe.hard-sets: an RPE target only for a set the RPE table covers, never so light that a
    set counted as hard is not."""
    pr = plan.rules.progression
    for s in plan.sessions:
        # A deload week's easy target ([progression] deload_rpe) is meant to be no hard set:
        # the week is judged by deload.real, not by its hard sets.
        deload = bool(plan.weeks[s.week - 1].get("deload"))
        for item in s.items:
            rpe = item.get("rpe")
            if rpe is None:
                continue
            ident = str(item["exercise_id"])
            if float(rpe) < pr.hard_set_min_rpe and not deload:
                yield s.violation("rpe.hard-sets", f"{ident} at RPE {rpe:g}: below RPE "
                                  f"{pr.hard_set_min_rpe:g} a set is no hard set, yet the week's "
                                  "sets per muscle count it as one", ident)
            if is_timed(item) or int(item["reps_max"]) > pr.rpe_max_reps:
                yield s.violation("rpe.hard-sets", f"{ident} at RPE {rpe:g} for {amount(item)}: "
                                  f"the RPE table holds for sets of 1-{pr.rpe_max_reps} reps",
                                  ident)


def _check_main_rest(plan: PlanView) -> Iterator[Violation]:
    """rest.main-lifts: a straight-set main lift rests at least the goal's main_rest_min_s; a
    short session loses a set before it cuts that rest (grgic2017 for hypertrophy)."""
    roles = _uses_roles(plan)
    g = plan.goal_rules
    least, source = g.main_rest_min_s, g.main_rest_source or g.source
    for s in plan.sessions:
        for block, item in _main_lifts(s, roles):
            if block["kind"] == "single" and item["rest_s"] < least:
                yield s.violation(
                    "rest.main-lifts",
                    f"main lift {item['exercise_id']} rests {item['rest_s']} s; main lifts rest "
                    f"at least {least} s for {plan.goal.value} ({source})",
                    item["exercise_id"],
                )


def _check_main_sets(plan: PlanView) -> Iterator[Violation]:
    roles = _uses_roles(plan)
    for s in plan.sessions:
        mains = _main_lifts(s, roles)
        if not mains:
            continue
        least = min(_hard_sets(b, i) for b, i in mains)
        main_ids = {id(i) for _, i in mains}
        weakest = next(i["exercise_id"] for b, i in mains if _hard_sets(b, i) == least)
        for block, item in _pairs(s):
            sets = _hard_sets(block, item)
            if id(item) not in main_ids and sets > least:
                yield s.violation(
                    "main.most-sets",
                    f"accessory {item['exercise_id']} gets {sets} sets, main lift {weakest} "
                    f"only {least}; main lifts get at least as many sets as any accessory",
                    item["exercise_id"],
                )


def _check_main_days(plan: PlanView) -> Iterator[Violation]:
    """main.sets-first: a lift's set moved from one day of the week to another changes no
    muscle's weekly sets, so a day that ends early (under [dosing] min_time_use of the minutes)
    has no reason to hold fewer sets of a main lift than a lighter day of it (a lower RPE
    target), nor two fewer than a day with the same target."""
    roles = _uses_roles(plan)
    budget = plan.profile["minutes_per_session"]
    least = plan.rules.dosing.min_time_use * budget

    def lower(a: float | None, b: float | None) -> bool:
        # A day without an RPE target is not a lighter day: an intermediate's effort wave
        # gives a target to the days whose reps cannot step, and the others keep none.
        return a is not None and b is not None and a < b

    for w in _normal_weeks(plan):
        days: dict[str, list[tuple[SessionView, int, float | None]]] = {}
        for s in plan.week_sessions(w):
            for block, item in _main_lifts(s, roles):
                rpe = item.get("rpe")
                days.setdefault(item["exercise_id"], []).append(
                    (s, _hard_sets(block, item), None if rpe is None else float(rpe)))
        for ident, found in days.items():
            for s, n, rpe in found:
                used = s.data["estimated_minutes"]
                if used >= least:
                    continue
                other = next(((o, m, r) for o, m, r in found if o is not s
                              and ((lower(r, rpe) and m > n)
                                   or (not lower(r, rpe) and not lower(rpe, r)
                                       and m >= n + 2))), None)
                if other is None:
                    continue
                o, m, r = other
                yield s.violation(
                    "main.sets-first",
                    f"main lift {ident} gets {n} sets in a session of {used} of {budget} min, "
                    f"{m} on {o.day}" + (" (a lighter day)" if lower(r, rpe) else "")
                    + "; a set moved between days of one lift changes no muscle's weekly sets, "
                    "and the heavier or shorter day gets it first",
                    ident,
                )


def _check_light_days(plan: PlanView) -> Iterator[Violation]:
    """main.light-day: a main lift's lighter day (a lower RPE target) holds no more sets than
    a heavier day of it and sits the whole light_day_rpe_drop below the week's heaviest."""
    roles = _uses_roles(plan)
    drop = plan.rules.progression.light_day_rpe_drop
    for w in _normal_weeks(plan):
        days: dict[str, list[tuple[SessionView, int, float]]] = {}
        for s in plan.week_sessions(w):
            for block, item in _main_lifts(s, roles):
                if item.get("rpe") is not None:
                    days.setdefault(item["exercise_id"], []).append(
                        (s, _hard_sets(block, item), float(item["rpe"])))
        for ident, found in days.items():
            top = max(r for _, _, r in found)
            for s, n, rpe in found:
                if rpe == top:
                    continue
                heavier = next(((o, m, r) for o, m, r in found if r > rpe and m < n), None)
                if heavier is not None:
                    o, m, r = heavier
                    yield s.violation(
                        "main.light-day",
                        f"main lift {ident} gets {n} sets at RPE {rpe:g} on its lighter day, "
                        f"{m} at RPE {r:g} on {o.day}: a lighter day carries no more sets",
                        ident)
                elif top - rpe < drop:
                    yield s.violation(
                        "main.light-day",
                        f"main lift {ident} at RPE {rpe:g} on its lighter day, RPE {top:g} on "
                        f"its heavy day: a lighter day sits at least {drop:g} RPE below",
                        ident)


def _check_pattern_twins(plan: PlanView) -> Iterator[Violation]:
    """pattern.once-per-session: at most one accessory (not a main lift) of a pattern in a
    session."""
    roles = _uses_roles(plan)
    for s in plan.sessions:
        mains = {id(i) for _, i in _main_lifts(s, roles)}
        seen: dict[str, str] = {}
        for item in s.items:
            pattern = item_pattern(plan, item)
            if id(item) in mains or pattern is None:
                continue
            if pattern in seen:
                yield s.violation(
                    "pattern.once-per-session",
                    f"{item['exercise_id']} and {seen[pattern]} are both {pattern} accessories "
                    "in one session; one of them with the sets of both reads better to a coach",
                    item["exercise_id"],
                )
            else:
                seen[pattern] = item["exercise_id"]


def _check_isolation_spacing(plan: PlanView) -> Iterator[Violation]:
    """isolation.spacing: isolation accessories of one pattern (not core) in two sessions of a
    block less than min_hours_between_hard apart, unless the week's notes excuse it."""
    hours = plan.rules.schedule.min_hours_between_hard
    roles = _uses_roles(plan)

    def held(s: SessionView) -> set[str]:
        mains = {id(i) for _, i in _main_lifts(s, roles)}
        return {p for i in s.items if id(i) not in mains and not is_compound(i)
                for p in [item_pattern(plan, i)] if p is not None and p != "core"}

    dated = sorted(plan.sessions, key=lambda x: x.date)
    patterns = [held(s) for s in dated]
    for n, s in enumerate(dated):
        block = plan.weeks[s.week - 1].get("block")
        for k in range(n + 1, len(dated)):
            later = dated[k]
            if (later.date - s.date).days * 24 >= hours:
                break
            if plan.weeks[later.week - 1].get("block") != block:
                continue
            weeks = {s.week, later.week}
            # A deload week is its block's week with fewer sets (one-set lifts resting): a pair
            # its block's normal week excuses stays excused, though resting one of the pattern's
            # sessions changes the week's count of them.
            weeks |= {nw for w in weeks if (nw := _normal_week_of(plan, w)) is not None}
            for p in sorted(patterns[n] & patterns[k]):
                if any(_spacing_excused(plan, w, p, (s, later), dated, patterns)
                       for w in sorted(weeks)):
                    continue
                yield later.violation(
                    "isolation.spacing",
                    f"{p} isolation work here and on {s.day}, {(later.date - s.date).days * 24} h "
                    f"apart; a coach spaces a muscle's hard work at least {hours} h apart (the "
                    "guide), or a note tagged [isolation.spacing] says why the days cannot",
                )


def _normal_week_of(plan: PlanView, week: int) -> int | None:
    """For a deload week, the last normal week before it in its block; else None."""
    if not plan.is_deload(week):
        return None
    block = plan.weeks[week - 1].get("block")
    return next((w for w in range(week - 1, 0, -1) if not plan.is_deload(w)
                 and plan.weeks[w - 1].get("block") == block), None)


_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAYS_CLAIM = re.compile(r"comes in (\d+) sessions and your (\d+) days allow at most (\d+)")


def _spacing_excused(plan: PlanView, week: int, pattern: str,
                     pair: tuple[SessionView, SessionView], dated: Sequence[SessionView],
                     patterns: Sequence[set[str]]) -> bool:
    """Whether a note of `week` tagged [isolation.spacing] excuses `pattern` in the two
    sessions of `pair`: it names the pattern and the pair's days ('fri and sat'), and where it
    says the days cannot space it ('it comes in 4 sessions and your 5 days allow at most 3'),
    the week bears that out: that many of its sessions hold the pattern, that many days, and no
    more than that many of them 48 h apart."""
    name = pattern.replace("-", " ")
    a, b = (_WEEKDAY_NAMES[x.date.weekday()] for x in pair)
    for note in plan.notes(week):
        if ("[isolation.spacing]" not in note or name not in note
                or (f"{a} and {b}" not in note and f"{b} and {a}" not in note)):
            continue
        claim = _DAYS_CLAIM.search(note)
        if claim is None:
            return True
        held, days, spaced = (int(x) for x in claim.groups())
        mine = [k for k, s in enumerate(dated) if s.week == week]
        dates = [dated[k].date for k in mine]
        if (held > spaced and days == len(mine)
                and held == sum(pattern in patterns[k] for k in mine)
                and spaced == _most_spaced(dates, plan.rules.schedule.min_hours_between_hard)):
            return True
    return False


def _most_spaced(dates: Sequence[dt.date], hours: int) -> int:
    """The most of a week's session dates that are all at least `hours` apart, across the
    week's end too (Sunday and the next Monday are a day apart)."""
    def close(x: dt.date, y: dt.date) -> bool:
        gap = abs((x - y).days) % 7
        return min(gap, 7 - gap) * 24 < hours

    best = 0
    for mask in range(1, 1 << len(dates)):
        kept = [d for k, d in enumerate(dates) if mask >> k & 1]
        if len(kept) > best and not any(close(x, y) for k, x in enumerate(kept)
                                        for y in kept[k + 1:]):
            best = len(kept)
    return best


# ---------------------------------------------------------------------------------------------
# Time use


def _set_seconds(item: Json, plan: PlanView) -> float:
    timing = plan.rules.timing
    # A negative's rep takes its own lowering (lowering_s_max), as the planner's time model.
    rep = timing.rep_seconds(item.get("lowering_s_max"))
    one = item["seconds_max"] if is_timed(item) else item["reps_max"] * rep
    return 2 * one + timing.switch_side_s if item["per_side"] else float(one)


def _model_minutes(plan: PlanView, s: SessionView, extra_s: float = 0.0) -> int:
    """The session's length by the documented time model (rules.toml [timing]), top of ranges
    (with `extra_s` seconds more)."""
    setup = plan.rules.timing.setup_s
    seconds = extra_s
    for block in s.blocks:
        items = block["items"]
        if block["kind"] == "superset":
            rounds = block["rounds"]
            work = sum(_set_seconds(i, plan) for i in items)
            seconds += (setup * len(items)
                        + rounds * (work + block["rest_between_s"] * (len(items) - 1))
                        + (rounds - 1) * items[-1]["rest_s"])
        else:
            (item,) = items
            seconds += (setup + item["sets"] * _set_seconds(item, plan)
                        + (item["sets"] - 1) * item["rest_s"])
    extra = activity_minutes(s.data["warmup"]) + activity_minutes(s.data["cooldown"])
    return math.ceil(seconds / 60 + extra - 1e-9)


def _week_muscles(plan: PlanView, week: int) -> dict[str, float]:
    def secondary_of(exercise_id: str) -> list[str]:
        entry = plan.catalog.get(exercise_id)
        return [m.value for m in entry.secondary_muscles] if entry is not None else []

    return json_week_muscle_sets(plan.weeks[week - 1], plan.rules.muscle_volume, plan.goal,
                                 secondary_of)


def _band(plan: PlanView, muscle: str) -> tuple[int, int]:
    return plan.rules.muscle_volume.band(plan.goal, Level(plan.profile["level"]), muscle)


def _room_left(plan: PlanView, week: int) -> list[str]:
    """Main muscles the week could still give sets to: a whole set below the top of their band
    (one more set keeps them inside it), not trained only by regions already at the weekly
    ceiling ([volume] max_sets, or where one more set would take legs:back out of [volume]
    balance), not blocked (see _blocked), and trained as a prime mover by
    some exercise the lifter can do (_trainable; else no set could go to it)."""
    mv = plan.rules.muscle_volume
    sets = _week_muscles(plan, week)
    trained_in: dict[str, set[str]] = {}
    for s in plan.week_sessions(week):
        for _, item in _pairs(s):
            for name in item["primary_muscles"]:
                for tracked in mv.tracked_for(Muscle(name)):
                    trained_in.setdefault(tracked, set()).add(item["region"])
    region_sets, ceiling = _region_ceilings(plan, week)
    return [m for m in mv.main if room_for_a_set(sets[m], _band(plan, m)[1])
            and not (trained_in.get(m) and all(r in ceiling and region_sets[r] >= ceiling[r]
                                               for r in trained_in[m]))
            and not _blocked(plan, week, m, sets, (region_sets, ceiling))
            and _new_room(plan, week, m, sets, (region_sets, ceiling))]


def _new_room(plan: PlanView, week: int, muscle: str, sets: Mapping[str, float],
              regions: tuple[Counter[str], dict[str, int]]) -> bool:
    """_room_left's last question: whether an exercise the lifter can do could give `muscle`
    its sets (_trainable). A muscle no item of the week trains gets them only from a new
    exercise, at [dosing] min_sets, inside every band and its region's ceiling: an upper back
    a set below its top beside face pulls and pull-aparts (rear delts) has no room for a
    two-set shrug, nor the hamstrings for a hill sprint beside quadriceps at their top."""
    if _movers(plan, week, muscle):
        return _trainable(plan, muscle, week)
    if sets[muscle] + plan.rules.dosing.min_sets > _band(plan, muscle)[1] + 1e-9:
        return False
    return _trainable(plan, muscle, week, regions, sets)


def _region_ceilings(plan: PlanView, week: int) -> tuple[Counter[str], dict[str, int]]:
    """The week's hard sets per region, and the legs' and the back's ceilings: [volume]
    max_sets, or where one more set would tip legs:back past [volume] balance (volume.balance:
    the other region cannot grow either). time.use's room and volume.muscle-bands' excuse for a
    muscle below its floor both read them: glutes at 10.5 of 12-20 beside 40 leg sets, hinges
    excluded and the one hip abduction at its most sets; quadriceps at 8 of 10-14 beside twice
    the back's sets, the lats and upper back at their tops (sore knees, no squats)."""
    region_sets: Counter[str] = Counter()
    for s in plan.week_sessions(week):
        for block, item in _pairs(s):
            region_sets[item["region"]] += _hard_sets(block, item)
    most, (low, high) = plan.rules.volume.max_sets, plan.rules.volume.balance
    legs, back = region_sets[Region.LEGS.value], region_sets[Region.BACK.value]
    return region_sets, {Region.LEGS.value: min(most, math.floor(high * back + 1e-9)),
                         Region.BACK.value: min(most, math.floor(legs / low + 1e-9))}


def _item_shares(plan: PlanView, item: Json) -> dict[str, float]:
    """How much one set of the item counts for each tracked muscle (planner/volume.py)."""
    if "secondary_muscles" in item:
        secondary = item["secondary_muscles"]
    else:
        entry = plan.catalog.get(item["exercise_id"])
        secondary = [m.value for m in entry.secondary_muscles] if entry is not None else []
    return muscle_shares(_muscles(item["primary_muscles"]), _muscles(secondary),
                         plan.rules.muscle_volume, plan.goal)


def _muscles(names: Sequence[str]) -> list[Muscle]:
    return [Muscle(n) for n in names if n in _MUSCLE_NAMES]


_MUSCLE_NAMES = frozenset(m.value for m in Muscle)


def _prime_movers(plan: PlanView, week: int, muscle: str) -> list[tuple[SessionView, Pair]]:
    """The week's items that train `muscle` as a prime mover (a full set each)."""
    return [(s, (block, item)) for s in plan.week_sessions(week) for block, item in _pairs(s)
            if _item_shares(plan, item).get(muscle, 0.0) >= 1.0]


def _blocked(plan: PlanView, week: int, muscle: str, sets: Mapping[str, float],
             regions: tuple[Counter[str], dict[str, int]] | None = None) -> bool:
    """Whether the week cannot give `muscle` another set of what it already does: it has items
    training it as a prime mover, and every one of them either also trains a muscle that one
    more of its sets (in a superset one more round: a set of its partner too) would take above
    the top of its band, or already has the most sets the
    rules allow it (an accessory as many as its session's fewest main-lift sets, main.most-sets;
    a superset the guide's most rounds; any item [limits] max sets), or sits in a session that
    one more of its sets (a superset's round) would take past the profile's minutes by the time
    model (a terminal knee extension on a 43-minute day of 45 min gives no set there). With
    `regions` (_region_ceilings: time.use's room), also every one whose set would take its
    region past its ceiling: the glutes' band lateral walk in a week of 40 leg sets gives no
    set, whatever a back-region reverse hyperextension held at the hamstrings' top."""
    movers = _movers(plan, week, muscle)
    roles = _uses_roles(plan)
    budget = plan.profile["minutes_per_session"]
    return bool(movers) and all(
        any(m != muscle and sets[m] + share > _band(plan, m)[1] + 1e-9
            for m, share in _set_shares(plan, block).items())
        or _hard_sets(block, item) >= _ceiling(plan, s, block, item, roles)
        or _model_minutes(plan, s, _one_more_s(plan, block)) > budget
        or (regions is not None and _region_full(block, *regions))
        for s, (block, item) in movers)


def _movers(plan: PlanView, week: int, muscle: str) -> list[tuple[SessionView, tuple[Json, Json]]]:
    """The week's items that give `muscle` its sets: those training it as a prime mover, else,
    for a muscle that counts as assisting beside a fellow prime mover ([muscle_volume.assists]:
    a strength plan's glutes in a squat or a hinge), the lifts it assists."""
    mv = plan.rules.muscle_volume
    return _prime_movers(plan, week, muscle) or [
        (s, (block, item)) for s in plan.week_sessions(week) for block, item in _pairs(s)
        if muscle in mv.assists.get(plan.goal, {})
        and any(muscle in mv.tracked_for(Muscle(m)) for m in item["primary_muscles"])]


def _region_full(block: Json, region_sets: Counter[str], ceiling: dict[str, int]) -> bool:
    """Whether one more set of the block (a superset's round: a set of each item) takes a
    region past its ceiling (_region_ceilings)."""
    adds = Counter(i["region"] for i in block["items"])
    return any(r in ceiling and region_sets[r] + n > ceiling[r] for r, n in adds.items())


def _one_more_s(plan: PlanView, block: Json) -> float:
    """Seconds one more set of a straight item (with its rest) or one more round of a superset
    (its sets, the rests between them and the round's rest) adds, by the time model."""
    items = block["items"]
    if block["kind"] == "superset":
        return (sum(_set_seconds(i, plan) for i in items)
                + float(block["rest_between_s"]) * (len(items) - 1) + float(items[-1]["rest_s"]))
    (item,) = items
    return _set_seconds(item, plan) + float(item["rest_s"])


def _set_shares(plan: PlanView, block: Json) -> dict[str, float]:
    """What one more set of an item adds to each muscle: in a superset one more round, so a set
    of every exercise in it (superset.rounds: each does one set a round)."""
    out: dict[str, float] = {}
    for item in block["items"]:
        for m, share in _item_shares(plan, item).items():
            out[m] = out.get(m, 0.0) + share
    return out


def _ceiling(plan: PlanView, s: SessionView, block: Json, item: Json, roles: bool) -> int:
    """The most sets the rules allow the item (see _blocked): [limits] sets; a superset the
    guide's most rounds; a main lift [dosing] main_max_sets for the lifter's level; another
    straight-set item [dosing] max_compound_sets or max_accessory_sets and no more than its
    session's fewest main-lift sets (main.most-sets)."""
    dosing = plan.rules.dosing
    most = plan.rules.limits.sets[1]
    mains = _main_lifts(s, roles)
    main = id(item) in {id(i) for _, i in mains}
    if block["kind"] == "superset":
        most = min(most, plan.rules.supersets.rounds[1])
    elif main:
        most = min(most, dosing.main_max_sets[Level(plan.profile["level"])])
    else:
        most = min(most, dosing.max_compound_sets if is_compound(item)
                   else dosing.max_accessory_sets)
    if mains and not main:
        most = min(most, min(_hard_sets(b, i) for b, i in mains))
    return most


def _spent(plan: PlanView, week: int) -> bool:
    """Whether the week has used its time: every session within [coach_checks]
    full_margin_minutes of the profile's minutes (no room for another exercise)."""
    budget = plan.profile["minutes_per_session"]
    margin = plan.rules.coach_checks.full_margin_minutes
    return all(s.data["estimated_minutes"] >= budget - margin for s in plan.week_sessions(week))


def _trainable(plan: PlanView, muscle: str, week: int,
               regions: tuple[Counter[str], dict[str, int]] | None = None,
               sets: Mapping[str, float] | None = None) -> bool:
    """Whether any catalogue exercise the lifter can do trains `muscle` as a prime mover, and
    a session of the week could take it: a full-body compound (a sled drag) loads legs and back
    at once, so only a session that already loads both (_full_body_day) can, by the 48 h rule
    (schedule.recovery). With `regions` (_region_ceilings), not one whose region a set more
    would take past its ceiling: the hamstrings with knee flexion excluded and the lower back
    protected have no lift in the week, and every one the kit allows is a legs exercise while
    the legs hold twice the back's sets. With the week's `sets`, not one that at [dosing]
    min_sets would take a muscle past its top (a hill sprint for the hamstrings beside
    quadriceps at theirs)."""
    mv = plan.rules.muscle_volume
    n = plan.rules.dosing.min_sets
    full_day: bool | None = None
    for ex in plan.catalog:
        if (muscle not in {t for m in ex.primary_muscles for t in mv.tracked_for(m)}
                or not _doable(plan, ex)):
            continue
        if regions is not None:
            region_sets, ceiling = regions
            r = ex.region.value
            if r in ceiling and region_sets[r] + 1 > ceiling[r]:
                continue
        if sets is not None:
            shares = muscle_shares(ex.primary_muscles, ex.secondary_muscles, mv, plan.goal)
            if any(sets[m] + sh * n > _band(plan, m)[1] + 1e-9 for m, sh in shares.items()):
                continue
        if ex.region is not Region.FULL_BODY or ex.mechanic is not Mechanic.COMPOUND:
            return True
        if full_day is None:
            full_day = _full_body_day(plan, week)
        if full_day:
            return True
    return False


def _full_body_day(plan: PlanView, week: int) -> bool:
    """Whether a session of the week loads legs and back with compound lifts (a full-body
    session)."""
    both = {Region.LEGS.value, Region.BACK.value}
    return any(both <= {i["region"] for i in s.items if is_compound(i)}
               or Region.FULL_BODY.value in {i["region"] for i in s.items if is_compound(i)}
               for s in plan.week_sessions(week))


def _floor(plan: PlanView, s: SessionView, block: Json, item: Json, roles: bool) -> int:
    """The fewest sets the rules allow the item: a superset's guide minimum of rounds, an
    accessory's [dosing] min_sets, a main lift the larger of that and its session's most
    accessory sets (main.most-sets)."""
    if block["kind"] == "superset":
        return plan.rules.supersets.rounds[0]
    least = plan.rules.dosing.min_sets
    mains = {id(i) for _, i in _main_lifts(s, roles)}
    if id(item) not in mains:
        return least
    return max([least] + [_hard_sets(b, i) for b, i in _pairs(s) if id(i) not in mains])


_OF_MINUTES = re.compile(r"\b(\d+) of (\d+) min\b")


def _minutes_claims(plan: PlanView) -> Iterator[Violation]:
    """A session's reason that says it uses "45 of 90 min" states its own estimate and the
    profile's minutes (a hand edit that adds sets leaves the figure behind)."""
    budget = plan.profile["minutes_per_session"]
    for s in plan.sessions:
        for m in _OF_MINUTES.finditer(str(s.data.get("why", ""))):
            used = s.data["estimated_minutes"]
            if (int(m[1]), int(m[2])) != (used, budget):
                yield s.violation("time.use", f"the session's reason says {m[0]}, but it is "
                                  f"estimated at {used} of the profile's {budget} min")


_IMPROVISED = frozenset({"stairs", "hill", "backpack", "water-bottle", "towel"})


def _at_hand(plan: PlanView, ex: Exercise) -> bool:
    """_doable, and where the lifter trains: a table or door frame indoors, a park's low bar
    outdoors, improvised kit (a backpack, stairs) in a gym only where the gym's list names it
    and nothing else there loads the pattern."""
    location = str(plan.profile.get("location", ""))
    if "indoors" in ex.tags and location == Location.OUTDOOR.value:
        return False
    if "park" in ex.tags and location != Location.OUTDOOR.value:
        return False
    if location == Location.GYM.value and {e.value for e in ex.equipment} & _IMPROVISED and (
            full_gym(location, plan.profile["equipment"]) or _gym_loads(plan, ex.pattern)):
        return False
    return _doable(plan, ex)


def _gym_loads(plan: PlanView, pattern: Pattern) -> bool:
    """Whether the gym's own kit (no improvised kit) loads a lift of `pattern` the lifter could
    be given: then a backpack or a water bottle is no gym's choice for it."""
    return any(ex.pattern is pattern and not {e.value for e in ex.equipment} & _IMPROVISED
               and _carries_load(ex) and not _band_stand_in(plan, ex) and _doable(plan, ex)
               for ex in plan.catalog)


def _carries_load(ex: Exercise) -> bool:
    """The catalogue's reading of load: kit that carries load, not tagged bodyweight (an
    inverted row's bar is the handle, an assisted pull-up's band or machine takes load off)."""
    return "bodyweight" not in ex.tags and not LOAD_EQUIPMENT.isdisjoint(ex.equipment)


def _band_stand_in(plan: PlanView, ex: Exercise) -> bool:
    """A band as the only load for a lifter with machines or cables: equipment-bound, chosen
    only where the equipment is the reason (the planner's band stand-ins)."""
    kit = {e.value for e in ex.equipment}
    return ("resistance-band" in kit and kit <= {"resistance-band", "bench", "pull-up-bar"}
            and bool({"machine", "cable"} & set(plan.profile["equipment"])))


def _new_lift(plan: PlanView, week: int, short: Sequence[SessionView],
              taken: Sequence[str]) -> tuple[str, str, SessionView] | None:
    """A main muscle (not in `taken`) with a whole set of room below its top that the week's
    own items cannot give more (_blocked), and a catalogue exercise the lifter can do
    (_doable) that the week does not hold and that trains it as a prime mover: at [dosing]
    min_sets it takes no muscle above its top and its region past its ceiling (max_sets, or
    legs:back out of [volume] balance: _region_ceilings), and a
    session ending early (`short`) can take it: no accessory of its pattern there
    (pattern.once-per-session), none of its pattern a day before or after if it is isolation
    work (schedule.recovery), a compound only where the session's compounds load its region
    (the 48 h rule), never a hinge (hinge.heavy-days) nor a pattern at [dosing] weekly_slots,
    and its sets at the goal's accessory reps and rest inside the session's minutes, on its
    weekday in every normal week of the block (_block_days) (issue 10
    item 1: time goes to the muscles below their band, with a new exercise where the week's
    lifts cannot grow). (muscle, exercise id, session) of the first found, else None."""
    mv, dosing = plan.rules.muscle_volume, plan.rules.dosing
    sets = _week_muscles(plan, week)
    wanting = [m for m in mv.main if m not in taken and room_for_a_set(sets[m], _band(plan, m)[1])
               and _blocked(plan, week, m, sets)]
    if not wanting:
        return None
    sessions = plan.week_sessions(week)
    held = {i["exercise_id"] for s in sessions for i in s.items}
    patterns = Counter(item_pattern(plan, i) for s in sessions for i in s.items)
    regions, ceiling = _region_ceilings(plan, week)
    n = dosing.min_sets
    budget = plan.profile["minutes_per_session"]
    goal, timing = plan.goal_rules, plan.rules.timing
    rep = timing.rep_seconds(None)
    roles = _uses_roles(plan)
    # Strength and size load what can be loaded (substitution.loaded): an unloaded exercise
    # only for a pattern no loaded exercise the lifter can do (besides the week's main lifts)
    # trains, core work aside.
    mains = {i["exercise_id"] for s in sessions for _, i in _main_lifts(s, roles)}
    loadable = {ex.pattern for ex in plan.catalog
                if plan.goal is not Goal.ENDURANCE and _carries_load(ex) and ex.id not in mains
                and _at_hand(plan, ex)}
    for muscle in sorted(wanting, key=lambda m: sets[m] - _band(plan, m)[1]):
        for ex in plan.catalog:
            if (ex.id in held or ex.pattern is Pattern.HINGE or ex.measure is not Measure.REPS
                    or (ex.pattern in loadable and ex.pattern is not Pattern.CORE
                        and not _carries_load(ex))
                    or not _at_hand(plan, ex)
                    or patterns[ex.pattern.value] >= dosing.weekly_slots.get(ex.pattern, 99)
                    or regions[ex.region.value] + n > ceiling.get(ex.region.value,
                                                                  plan.rules.volume.max_sets)):
                continue
            shares = muscle_shares(ex.primary_muscles, ex.secondary_muscles, mv, plan.goal)
            if (shares.get(muscle, 0.0) < 1.0
                    or any(sets[m] + sh * n > _band(plan, m)[1] + 1e-9
                           for m, sh in shares.items())):
                continue
            one = goal.accessory_reps[1] * rep
            one = 2 * one + timing.switch_side_s if ex.unilateral else one
            cost = timing.setup_s + n * one + (n - 1) * goal.accessory_rest_s
            for s in short:
                mains = {id(i) for _, i in _main_lifts(s, roles)}
                own = {item_pattern(plan, i) for _, i in _pairs(s) if id(i) not in mains}
                if ex.pattern.value in own or any(_model_minutes(plan, o, cost) > budget
                                                  for o in [s, *_block_days(plan, week, s)]):
                    continue
                if ex.is_compound:
                    if ex.region.value not in {i["region"] for i in s.items if is_compound(i)}:
                        continue
                elif ex.pattern is not Pattern.CORE and any(
                        ex.pattern.value == item_pattern(plan, i) for o in sessions
                        if (o.date - s.date).days % 7 in (1, 6) for i in o.items):
                    continue
                return muscle, ex.id, s
    return None


def _block_days(plan: PlanView, week: int, s: SessionView) -> list[SessionView]:
    """The sessions on `s`'s weekday in the other normal weeks of `week`'s block: a new
    exercise stays through its block, so it must fit each of them, the rep wave's longest
    week too (an endurance block's Thursday at 19 min with 15-rep rows and 20 min with 20-rep
    rows: a clamshell that fits the first would run the last past its minutes)."""
    block = plan.weeks[week - 1].get("block")
    return [o for w in _normal_weeks(plan) if w != week and plan.weeks[w - 1].get("block") == block
            for o in plan.week_sessions(w) if o.data["weekday"] == s.data["weekday"]]


def _fullest_weeks(plan: PlanView) -> set[int]:
    """Each block's normal weeks with its most hard sets: a wave's lighter weeks before them
    are the progression's doing (progression.intermediate: sets stepping up through the
    block), so a new exercise is asked of the block's fullest week (time.use)."""
    totals: dict[int, int] = {}
    block: dict[int, object] = {}
    for w in _normal_weeks(plan):
        totals[w] = sum(_hard_sets(b, i) for s in plan.week_sessions(w) for b, i in _pairs(s))
        block[w] = plan.weeks[w - 1].get("block")
    most: dict[object, int] = {}
    for w, n in totals.items():
        most[block[w]] = max(most.get(block[w], 0), n)
    return {w for w, n in totals.items() if n == most[block[w]]}


def _check_time_use(plan: PlanView) -> Iterator[Violation]:
    yield from _minutes_claims(plan)
    budget = plan.profile["minutes_per_session"]
    least = plan.rules.dosing.min_time_use * budget
    fullest = _fullest_weeks(plan)
    for w in _normal_weeks(plan):
        short = [(s, min(s.data["estimated_minutes"], _model_minutes(plan, s)))
                 for s in plan.week_sessions(w)]
        short = [(s, used) for s, used in short if used < least]
        if not short:
            continue
        room = _room_left(plan, w)
        lift = (_new_lift(plan, w, [s for s, _ in short], room) if w in fullest else None)
        for s, used in short:
            said = _named([*plan.notes(w), str(s.data.get("why", "")).lower()], f"{budget} min")
            if not room and said and lift is None:
                continue
            if not room and lift is not None:
                muscle, ex_id, host = lift
                yield s.violation(
                    "time.use",
                    f"uses {used} of {budget} min ({used / budget:.0%}) while {muscle} can take "
                    f"more sets: the week's lifts for it cannot grow, but {ex_id} would fit "
                    f"{host.data['weekday']}'s session at {plan.rules.dosing.min_sets} sets "
                    "and take no muscle past its top")
                continue
            why = (f"sessions fill at least {least:g} min while {join_ids(room)} can take more "
                   "sets (a set or more below the top of the band, the region under its "
                   "ceiling)" if room else
                   "every main muscle is at the top of its band, but no note says the session "
                   f"ends early (naming the {budget} min)")
            yield s.violation("time.use",
                              f"uses {used} of {budget} min ({used / budget:.0%}); {why}")


# ---------------------------------------------------------------------------------------------
# Supersets where they save time


def _straight_seconds(plan: PlanView, item: Json, sets: int, paired: bool) -> float:
    """An item's sets done straight, by the time model: setup, its sets, its rest between (an
    item now in a superset rests the least its goal allows it straight: rest.compound-min for
    a compound, the accessory rest else)."""
    g = plan.goal_rules
    rest = (item["rest_s"] if not paired
            else g.compound_rest_min_s if is_compound(item) else g.accessory_rest_s)
    return plan.rules.timing.setup_s + sets * _set_seconds(item, plan) + (sets - 1) * rest


def _superset_saving(plan: PlanView, lower: Json, upper: Json, paired: bool = False) -> float:
    """Seconds a superset of two items (`paired`: already in one) saves, at the guide's rounds
    (the larger of their sets, within 3-4), against the same sets done straight; 0 or less
    saves none."""
    low, high = plan.rules.supersets.rounds
    rounds = min(max(lower["sets"], upper["sets"], low), high)
    timing, between = plan.rules.timing, plan.rules.supersets.rest_between_s
    together = (2 * timing.setup_s
                + rounds * (_set_seconds(lower, plan) + _set_seconds(upper, plan) + between)
                + (rounds - 1) * plan.goal_rules.superset_round_rest_s)
    return float(_straight_seconds(plan, lower, rounds, paired)
                 + _straight_seconds(plan, upper, rounds, paired) - together)


def _check_superset_needed(plan: PlanView) -> Iterator[Violation]:
    """superset.required: a session long enough for supersets that runs over its minutes by the
    time model, holding a legs and a back accessory in straight sets whose superset would be
    quicker, pairs them. A session within its minutes needs none: a superset saves time, it is
    no reason to add an accessory."""
    budget = plan.profile["minutes_per_session"]
    if not plan.profile["supersets"] or budget < plan.rules.supersets.min_session_minutes:
        return
    roles = _uses_roles(plan)
    for s in plan.sessions:
        used = _model_minutes(plan, s)
        if used <= budget:
            continue
        mains = {id(i) for _, i in _main_lifts(s, roles)}
        straight = [i for b, i in _pairs(s) if b["kind"] == "single" and id(i) not in mains]
        options = [(_superset_saving(plan, a, b), a, b) for a in straight for b in straight
                   if a["region"] == Region.LEGS.value and b["region"] == Region.BACK.value]
        best = max(options, key=lambda t: t[0], default=None)
        if best is None or best[0] <= 0:
            continue
        saving, a, b = best
        yield s.violation(
            "superset.required",
            f"takes {used} of {budget} min with {a['exercise_id']} (legs) and "
            f"{b['exercise_id']} (back) as straight sets; a superset of them saves "
            f"{saving / 60:.1f} min",
            a["exercise_id"],
        )


# ---------------------------------------------------------------------------------------------
# Muscle bands


_SHORT = re.compile(r"\bshort\b")
_ABOVE = re.compile(r"\babove\b")


def _shortfall_notes(plan: PlanView, week: int, word: re.Pattern[str] = _SHORT) -> list[str]:
    """The notes that report a shortfall ('short of the band: quadriceps by 3 sets'), or with
    `_ABOVE` an excess; a note that only lists each muscle against its band excuses none."""
    return [note for note in plan.notes(week) if word.search(note)]


def _superset_needed(plan: PlanView, s: SessionView, block: Json) -> bool:
    """Whether superset.required asks for the superset: the session would run over its minutes
    with its two items as straight sets (each at the least rest its goal allows)."""
    budget = plan.profile["minutes_per_session"]
    if not plan.profile["supersets"] or budget < plan.rules.supersets.min_session_minutes:
        return False
    items = block["items"]
    extra = (_superset_saving(plan, items[0], items[1], paired=True) if len(items) == 2
             else 0.0)
    return bool(_model_minutes(plan, s, max(extra, 0.0)) > budget)


def required_floor(plan: PlanView, week: int, s: SessionView, block: Json, item: Json,
                   roles: bool) -> int | None:
    """The fewest sets another rule requires of the item, or None when no rule requires it
    (volume.muscle-bands: what "no plan that keeps the other rules could avoid" means):

    - session.min-compounds: the session's first two compounds (main lifts first), at a
      superset's minimum rounds in a superset, else at [dosing] min_sets (a main lift at the
      goal's compound_sets, within [dosing] main_max_sets), and at the minimum
      rounds when the session holds a superset (main.most-sets: a main lift keeps up with the
      superset's rounds);
    - superset.required: the items of a superset of a session that would run over its minutes
      without it (_superset_saving), at the minimum rounds;
    - pattern.weekly and pattern.knee-flexion (3+ days): the week's only item of a weekly
      pattern, at min_sets (a superset's minimum rounds in one);
    - substitution.vertical-pull (3+ days): the week's only pullover in a week without a
      vertical pull, at the same.

    Which exercise fills a required place is the planner's choice: the rule judges how many
    places the week holds and how many sets each has."""
    rounds = plan.rules.supersets.rounds[0]
    in_superset = block["kind"] == "superset"
    has_superset = any(b["kind"] == "superset" for b in s.blocks)
    least = rounds if in_superset else plan.rules.dosing.min_sets
    mains = [i for _, i in _main_lifts(s, roles)]
    compounds = [*mains, *(i for _, i in _pairs(s) if is_compound(i)
                          and all(i is not m for m in mains))][:GOAL_RANGE_LIFTS]
    if any(item is c for c in compounds):
        # A main lift's fewest is the goal's compound_sets (within [dosing] main_max_sets), the
        # sets a coach starts it at: an assisted pistol squat's three hypertrophy sets are not
        # cut to two because their bracing counts half a set of core each.
        main = (min(plan.goal_rules.compound_sets,
                    plan.rules.dosing.main_max_sets[Level(plan.profile["level"])])
                if not in_superset and any(item is m for m in mains) else 0)
        return max(least, main, rounds if has_superset else 0)
    if in_superset and _superset_needed(plan, s, block):
        return rounds
    checks = plan.rules.coach_checks
    weekly = {p.value for p in (*checks.weekly_patterns, Pattern.KNEE_FLEXION)}
    pattern = item_pattern(plan, item)
    if plan.profile["days_per_week"] >= checks.pattern_min_days and (
            pattern in weekly or pattern == Pattern.PULLOVER.value):
        held = [item_pattern(plan, i) for other in plan.week_sessions(week) for i in other.items]
        # The week's only pullover stands in for a vertical pull it lacks
        # (substitution.vertical-pull), as the only item of a weekly pattern holds it.
        if held.count(pattern) == 1 and (pattern in weekly
                                         or Pattern.VERTICAL_PULL.value not in held):
            return least
    return None


def _avoidable(plan: PlanView, week: int, muscle: str,
               roles: bool) -> tuple[SessionView, Json, int, int | None] | None:
    """The first item of the week that adds to `muscle` (as a prime mover or a secondary
    muscle) beyond what the other rules require (required_floor): the item, its sets and the
    sets a rule requires of it (None: no rule requires it). None when there is none."""
    for s in plan.week_sessions(week):
        for block, item in _pairs(s):
            if _item_shares(plan, item).get(muscle, 0.0) <= 0:
                continue
            need = required_floor(plan, week, s, block, item, roles)
            sets = _hard_sets(block, item)
            if need is None or sets > need:
                return s, item, sets, need
    return None


def _holds_a_floor(plan: PlanView, week: int, block: Json, item: Json,
                   sets: Mapping[str, float]) -> bool:
    """Whether a set less of the item (in a superset a round less) would leave a muscle that is
    not above its band's top below its floor (or further below), or the week's knee-flexion
    sets below [muscle_volume.knee_flexion] (3+ days): a set the floors need, which
    volume.muscle-bands accepts beside a muscle it takes less than [coach_checks]
    above_band_sets past its top (a muscle below its floor comes before one at its top)."""
    for m, share in _set_shares(plan, block).items():
        low, high = _band(plan, m)
        if share > 0 and sets[m] <= high + 1e-9 and sets[m] - share < low - 1e-9:
            return True
    if (item_pattern(plan, item) != Pattern.KNEE_FLEXION.value
            or plan.profile["days_per_week"] < plan.rules.coach_checks.pattern_min_days):
        return False
    floor = plan.rules.muscle_volume.knee_flexion_floor(Goal(plan.profile["goal"]),
                                                        Level(plan.profile["level"]))
    kf = sum(_hard_sets(b, i) for s in plan.week_sessions(week) for b, i in _pairs(s)
             if item_pattern(plan, i) == Pattern.KNEE_FLEXION.value)
    return kf - 1 < floor


def _curl_share(plan: PlanView, week: int, muscle: str) -> float:
    """What the week's knee-flexion sets up to [muscle_volume.knee_flexion] (3+ days) add to
    `muscle`: all of them where the week holds no more than that floor, else in proportion.
    volume.muscle-bands excuses a muscle past its top by no more than these (maeo2021: knee
    flexion is its own pattern; the hinges' sets do not stand in for the curls)."""
    if plan.profile["days_per_week"] < plan.rules.coach_checks.pattern_min_days:
        return 0.0
    floor = plan.rules.muscle_volume.knee_flexion_floor(Goal(plan.profile["goal"]),
                                                        Level(plan.profile["level"]))
    curls = [(b, i) for s in plan.week_sessions(week) for b, i in _pairs(s)
             if item_pattern(plan, i) == Pattern.KNEE_FLEXION.value]
    kf = sum(_hard_sets(b, i) for b, i in curls)
    if not kf:
        return 0.0
    part = min(1.0, floor / kf)
    return sum(_item_shares(plan, i).get(muscle, 0.0) * _hard_sets(b, i) * part
               for b, i in curls)


def _braced_only(plan: PlanView, week: int, muscle: str, sets: Mapping[str, float]) -> bool:
    """Whether `muscle` (the core or the calves: not a main muscle) is above its band's top only
    through the bracing of lifts that hold a main muscle's floor: its sets less the secondary
    (half) credit of the items whose main prime mover a set less would leave below its floor
    stay within its top, and it has no more sets than any leg muscle ([muscle_volume] legs:
    never more than the legs). The top caps the time spent on the core and calves, which
    bracing costs nothing of; direct sets past it are still a fault."""
    mv = plan.rules.muscle_volume
    if muscle in mv.main or any(sets[muscle] > sets[m] + 1e-9 for m in mv.legs):
        return False
    braced = 0.0
    for s in plan.week_sessions(week):
        for b, i in _pairs(s):
            shares = _item_shares(plan, i)
            share = shares.get(muscle, 0.0)
            if 0 < share < 1 and any(sh >= 1 and m in mv.main
                                     and sets[m] - sh < _band(plan, m)[0] - 1e-9
                                     for m, sh in shares.items()):
                braced += share * _hard_sets(b, i)
    return sets[muscle] - braced <= _band(plan, muscle)[1] + 1e-9


def _check_muscle_bands(plan: PlanView) -> Iterator[Violation]:
    mv = plan.rules.muscle_volume
    who = f"{plan.goal.value}, {plan.profile['level']}"
    roles = _uses_roles(plan)
    margin = plan.rules.coach_checks.above_band_sets
    for w in _normal_weeks(plan):
        sets = _week_muscles(plan, w)
        for muscle in mv.tracked:
            low, high = _band(plan, muscle)
            count = sets[muscle]
            # Past the top only through the lifts' bracing: not an overdose however far, but
            # its own prime movers (a dead bug) still at their fewest sets and a note naming it.
            braced = count > high + 1e-9 and _braced_only(plan, w, muscle, sets)
            far = (_avoidable(plan, w, muscle, roles)
                   if not braced and count - _curl_share(plan, w, muscle) >= high + margin - 1e-9
                   else None)
            if far is not None:
                s, i, n, need = far
                why = (f"{i['exercise_id']} ({s.day}) has {n} sets where the rules require "
                       f"{need}" if need is not None else
                       f"{i['exercise_id']} ({s.day}) adds to it and no other rule requires it")
                yield Violation("volume.muscle-bands", (
                    f"{muscle} gets {count:g} hard sets this week; {count - high:g} above the "
                    f"{who} band {low}-{high}, more than the places other rules require: {why}"),
                    week=w)
                continue
            if count > high + 1e-9:
                curled = count - _curl_share(plan, w, muscle) <= high + 1e-9
                extra = [(s, b, i) for s, (b, i) in _prime_movers(plan, w, muscle)
                         if _hard_sets(b, i) > _floor(plan, s, b, i, roles) and not curled
                         and not _holds_a_floor(plan, w, b, i, sets)]
                if extra:
                    s, b, i = extra[0]
                    why = (f"; {i['exercise_id']} ({s.day}) has {_hard_sets(b, i)} sets, more "
                           f"than the {_floor(plan, s, b, i, roles)} the rules require")
                elif not _named(_shortfall_notes(plan, w, _ABOVE), muscle):
                    why = f", and no note names {muscle} as above it"
                else:
                    continue
                message = (f"{muscle} gets {count:g} hard sets this week; the {who} band is "
                           f"{low}-{high}{why}")
            elif count < low - 1e-9:
                if not _named(_shortfall_notes(plan, w), muscle):
                    why = f"and no note names {muscle} as short"
                elif not (_spent(plan, w)
                          or _blocked(plan, w, muscle, sets, regions := _region_ceilings(plan, w))
                          or not _trainable(plan, muscle, w, regions)):
                    why = ("though the week has time for more (a session ends more than "
                           f"{plan.rules.coach_checks.full_margin_minutes:g} min before the "
                           "budget) and an exercise could give it more sets")
                else:
                    continue
                message = (f"{muscle} gets {count:g} hard sets this week, below the {who} band "
                           f"{low}-{high}, {why}")
            else:
                continue
            yield Violation("volume.muscle-bands", message, week=w)


def _check_small_under_legs(plan: PlanView) -> Iterator[Violation]:
    """volume.small-under-legs: the core and the calves never more sets than a leg muscle
    where a set of their own work could go, unless a note of the rule names them."""
    mv = plan.rules.muscle_volume
    days = plan.profile["days_per_week"]
    for w in _normal_weeks(plan):
        sets = _week_muscles(plan, w)
        low = min(mv.legs, key=lambda m: sets[m])
        notes = [n for n in plan.notes(w) if "[volume.small-under-legs]" in n]
        for m in ("core", "calves"):
            if m not in sets or sets[m] <= sets[low] + 1e-9 or _named(notes, m):
                continue
            direct = [_hard_sets(b, i) for s in plan.week_sessions(w) for b, i in _pairs(s)
                      if _item_shares(plan, i).get(m) == 1.0]
            if small_spare(direct, sets[m], _band(plan, m)[0], days,
                           plan.rules.coach_checks.pattern_min_days):
                yield Violation("volume.small-under-legs", (
                    f"{m} gets {sets[m]:g} hard sets this week, more than the {low}' "
                    f"{sets[low]:g}, with {sum(direct)} sets of its own work a set of which "
                    "could go to the legs, and no note says why not"), week=w)


# ---------------------------------------------------------------------------------------------
# Weekly patterns

# Other words a note may use for a pattern it explains (besides the pattern's own name).
_PATTERN_WORDS: Mapping[Pattern, tuple[str, ...]] = {
    Pattern.LUNGE: ("single-leg",),
    Pattern.KNEE_FLEXION: ("leg curl",),
    Pattern.CALF_RAISE: ("calves", "calf"),
}


def _excluded(plan: PlanView) -> set[str]:
    return {str(e).strip().lower() for e in plan.profile.get("exclude", [])}


def _protect_field(plan: PlanView) -> list[str]:
    """The profile's `protect` areas as written (one string is read as one area)."""
    field = plan.profile.get("protect", [])
    return [field] if isinstance(field, str) else [str(a) for a in field]


def _protected(plan: PlanView) -> list[str]:
    return [a for a in _protect_field(plan) if a in plan.rules.protect]


def _protect_removes(plan: PlanView, area: str, exercise_id: str, pattern: str | None) -> bool:
    """Whether protecting `area` removes this exercise (by its id or its pattern)."""
    removed = plan.rules.protect[area]
    return exercise_id in removed.exercises or pattern in removed.patterns


def _removed(plan: PlanView, exercise_id: str, pattern: str | None) -> bool:
    """Whether the profile leaves this exercise out (--exclude or --protect)."""
    excluded = _excluded(plan)
    return (exercise_id in excluded or pattern in excluded
            or any(_protect_removes(plan, a, exercise_id, pattern) for a in _protected(plan)))


def _doable(plan: PlanView, ex: Exercise) -> bool:
    """Whether the lifter could be given `ex`: their equipment and level, not removed, and not
    a regression for a lifter past beginner ([progression] regressions: never regress a
    movement the lifter can do)."""
    level = Level(plan.profile["level"])
    return ({e.value for e in ex.equipment} <= set(plan.profile["equipment"])
            and ex.suits(level) and not _removed(plan, ex.id, ex.pattern.value)
            and (level is Level.BEGINNER
                 or not plan.rules.progression.regresses(ex.id, plan.profile["equipment"]))
            # Not for the goal's reps ([limits] exercise_reps: no 15-20 pull-ups).
            and not (ex.measure is Measure.REPS
                     and past_ceiling(ex, plan.goal_rules, level, plan.rules.limits)))


def _options(plan: PlanView, pattern: Pattern) -> list[str]:
    """Catalogue exercises of a pattern the lifter could do (_doable)."""
    return [ex.id for ex in plan.catalog if ex.pattern is pattern and _doable(plan, ex)]


def _pattern_gaps(plan: PlanView, rule: str, patterns: Sequence[Pattern]) -> Iterator[Violation]:
    if plan.profile["days_per_week"] < plan.rules.coach_checks.pattern_min_days:
        return
    excluded, areas = _excluded(plan), _protected(plan)
    wanted = [p for p in patterns if p.value not in excluded
              and not any(p in plan.rules.protect[a].patterns for a in areas)]
    for w in _normal_weeks(plan):
        present = {item_pattern(plan, i) for s in plan.week_sessions(w) for i in s.items}
        for pattern in wanted:
            if pattern.value in present:
                continue
            options = _options(plan, pattern)
            label = pattern.value.replace("-", " ")
            said = _named(plan.notes(w), pattern.value, *_PATTERN_WORDS.get(pattern, ()))
            if options and not (said and _spent(plan, w)):
                message = (f"no {label} exercise this week, though the lifter's equipment and "
                           f"level allow {join_ids(options[:3])}"
                           + ("" if said else " (and no note says why)"))
            elif not said:
                message = (f"no {label} exercise this week and no note says why (the lifter's "
                           "equipment and level allow none)")
            else:
                continue
            yield Violation(rule, message, week=w)


def _check_weekly_patterns(plan: PlanView) -> Iterator[Violation]:
    yield from _pattern_gaps(plan, "pattern.weekly", plan.rules.coach_checks.weekly_patterns)


def _check_knee_flexion(plan: PlanView) -> Iterator[Violation]:
    yield from _pattern_gaps(plan, "pattern.knee-flexion", (Pattern.KNEE_FLEXION,))


def _check_knee_flexion_sets(plan: PlanView) -> Iterator[Violation]:
    """pattern.knee-flexion-sets: a normal week (3+ days) whose knee-flexion sets are below
    [muscle_volume.knee_flexion] for the goal and level says so in a note naming knee flexion
    with its sets ("knee flexion (leg curls): 2 of the 4 hard sets")."""
    if plan.profile["days_per_week"] < plan.rules.coach_checks.pattern_min_days:
        return
    floor = plan.rules.muscle_volume.knee_flexion_floor(Goal(plan.profile["goal"]),
                                                        Level(plan.profile["level"]))
    for w in _normal_weeks(plan):
        sets = sum(_hard_sets(block, item) for s in plan.week_sessions(w)
                   for block, item in _pairs(s)
                   if item_pattern(plan, item) == Pattern.KNEE_FLEXION.value)
        if not sets or sets >= floor:
            continue
        said = any("knee flexion" in n and f"{sets} of the {floor}" in n for n in plan.notes(w))
        if not said:
            yield Violation("pattern.knee-flexion-sets",
                            f"{sets} hard sets of knee flexion this week, below the {floor} "
                            "a week the goal and level aim for (maeo2021), and no note says "
                            "why", week=w)


# ---------------------------------------------------------------------------------------------
# Deloads and heavy hinges


def _sets_by_exercise(plan: PlanView, week: int) -> Counter[str]:
    sets: Counter[str] = Counter()
    for s in plan.week_sessions(week):
        for block, item in _pairs(s):
            sets[item["exercise_id"]] += _hard_sets(block, item)
    return sets


def _check_deload(plan: PlanView) -> Iterator[Violation]:
    share = plan.rules.volume.deload_max_share
    for w in plan.week_numbers()[1:]:
        if not plan.is_deload(w) or plan.is_deload(w - 1):
            continue
        before, now = _sets_by_exercise(plan, w - 1), _sets_by_exercise(plan, w)
        total_before, total_now = sum(before.values()), sum(now.values())
        if total_now > share * total_before:
            part = f"{total_now / total_before:.0%} of " if total_before else ""
            yield Violation(
                "deload.real",
                f"deload week holds {total_now} hard sets, {part}week {w - 1}'s "
                f"{total_before}; a deload keeps at most {share:.0%}",
                week=w,
            )
        for ident, sets in now.items():
            if ident in before and sets > before[ident]:
                yield Violation(
                    "deload.real",
                    f"{ident} has {sets} sets in the deload week, {before[ident]} in week "
                    f"{w - 1}; no exercise gains sets in a deload",
                    week=w, exercise_id=ident,
                )
        yield from _uncut(plan, w)


def _uncut(plan: PlanView, week: int) -> Iterator[Violation]:
    """deload.real: an exercise that had two or more sets (a superset's rounds) in the same
    session of the week before keeps fewer in the deload: a deload that cuts only the core
    work leaves the legs' and back's training as it was."""
    for s, then in zip(plan.week_sessions(week), plan.week_sessions(week - 1), strict=False):
        was = {i["exercise_id"]: _hard_sets(b, i) for b, i in _pairs(then)}
        for block, item in _pairs(s):
            before, now = was.get(item["exercise_id"], 0), _hard_sets(block, item)
            if before >= 2 and now >= before:
                yield s.violation(
                    "deload.real",
                    f"{item['exercise_id']} keeps {now} sets in the deload week, as in week "
                    f"{week - 1}'s session: a deload cuts every exercise's sets (supersets' "
                    "rounds too) by about half", str(item["exercise_id"]))


def _cannot_deload(plan: PlanView, week: int) -> bool:
    """Whether halving every exercise's sets (supersets' rounds too; one set stays one, as the
    planner's deload cuts them) still leaves the week above the deload's share of its sets: a
    week of one-set lifts that no deload could cut (deload.real)."""
    factor, share = plan.rules.volume.deload_set_factor, plan.rules.volume.deload_max_share
    normal = halved = 0
    for s in plan.week_sessions(week):
        for block, item in _pairs(s):
            sets = _hard_sets(block, item)
            normal += sets
            halved += max(1, math.floor(sets * factor))
    return halved > share * normal


def _check_deload_gap(plan: PlanView) -> Iterator[Violation]:
    """deload.regular: in a plan longer than [volume] deload_max_gap weeks, every stretch of
    that many weeks holds a deload week (bell2023: about a week every 4-8 weeks), unless a
    week of it could not be deloaded and a note says there is no deload week."""
    gap = plan.rules.volume.deload_max_gap
    weeks = list(plan.week_numbers())
    if len(weeks) <= gap:
        return
    run: list[int] = []
    for w in weeks:
        run = [] if plan.is_deload(w) else [*run, w]
        # One finding a stretch: the first window of it past the gap.
        if len(run) != gap:
            continue
        if (any(_cannot_deload(plan, x) for x in run)
                and any("no deload week" in n for n in plan.notes(w))):
            run = run[1:]  # excused: judge the next window too
            continue
        yield Violation(
            "deload.regular",
            f"weeks {run[0]}-{w} hold no deload week in a plan of {len(weeks)} weeks; a plan of "
            f"more than {gap} weeks deloads at least every {gap} weeks",
            week=w,
        )


def _heavy_hinge(plan: PlanView, item: Json) -> bool:
    return (item_pattern(plan, item) == Pattern.HINGE.value and is_compound(item)
            and not is_timed(item)
            and item["reps_max"] <= plan.rules.coach_checks.heavy_hinge_reps)


def _check_heavy_hinges(plan: PlanView) -> Iterator[Violation]:
    heavy_reps = plan.rules.coach_checks.heavy_hinge_reps
    most = plan.rules.progression.hinge_heavy_days
    for w in plan.week_numbers():
        days = [(s, [i for i in s.items if _heavy_hinge(plan, i)]) for s in plan.week_sessions(w)]
        days = [(s, heavy) for s, heavy in days if heavy]
        if len(days) <= most:
            continue
        listed = "; ".join(
            s.day + " " + ", ".join(f"{i['exercise_id']} {amount(i)}" for i in heavy)
            for s, heavy in days)
        yield Violation(
            "hinge.heavy-days",
            f"heavy hinges (a hinge compound of {heavy_reps} reps or fewer) on "
            f"{len(days)} days: {listed}; at most {most}, one heavy and one "
            "lighter variation",
            week=w,
        )


def _check_floor_pulls(plan: PlanView) -> Iterator[Violation]:
    """hinge.floor-pulls: one day a week pulls from the floor ([progression] floor_pulls at
    floor_pull_reps or fewer); a later day holding one too, where the lifter could do a
    lighter variation ([progression] light_hinges) that session does not hold, is a second
    heavy hinge day (issue 10 item 5: one heavy, one lighter variation)."""
    r = plan.rules.progression
    floor = set(r.floor_pulls)
    for w in plan.week_numbers():
        first: str | None = None
        for s in plan.week_sessions(w):
            pulls = [i["exercise_id"] for i in s.items
                     if i["exercise_id"] in floor and is_compound(i) and not is_timed(i)
                     and i["reps_max"] <= r.floor_pull_reps]
            if not pulls:
                continue
            if first is None:
                first = f"{s.day} {pulls[0]}"
                continue
            options = _light_hinge_options(plan, pulls[0], set(item_ids(s.items)))
            if options:
                yield s.violation(
                    "hinge.floor-pulls",
                    f"{pulls[0]} pulls from the floor after {first}: one day a week pulls "
                    f"from the floor, the other hinge day does a lighter variation "
                    f"({join_ids(options[:3])})",
                    pulls[0],
                )


def _check_hinge_days(plan: PlanView) -> Iterator[Violation]:
    """hinge.days: at most [progression] hinge_heavy_days days a week hold a hinge that loads
    the spine ([protect.lower-back] exercises: a deadlift, an RDL, a swing, a good morning) for
    floor_pull_reps or fewer, where the lifter could squat with a load on a third legs day
    (issue 10 item 5: "at most two heavy hinge days a week, one heavy, one lighter variation";
    hip thrusts and bridges do not count)."""
    r = plan.rules.progression
    spine = set(plan.rules.protect["lower-back"].exercises)
    squats = [plan.catalog.get(i) for i in _options(plan, Pattern.SQUAT)]
    if not any(ex is not None and ex.equipment and not ex.unilateral for ex in squats):
        return  # nothing else loads two legs: a third hinge day is what is left
    for w in _normal_weeks(plan):
        days = [(s, [i["exercise_id"] for i in s.items
                     if item_pattern(plan, i) == Pattern.HINGE.value
                     and i["exercise_id"] in spine and is_compound(i) and not is_timed(i)
                     and i["reps_max"] <= r.floor_pull_reps])
                for s in plan.week_sessions(w)]
        days = [(s, hinges) for s, hinges in days if hinges]
        if len(days) > r.hinge_heavy_days:
            listed = "; ".join(f"{s.day} {', '.join(h)}" for s, h in days)
            yield Violation(
                "hinge.days",
                f"hinges that load the spine on {len(days)} days: {listed}; at most "
                f"{r.hinge_heavy_days}, one heavy and one lighter, while a loaded squat could "
                "take the third legs day",
                week=w,
            )


def _light_hinge_options(plan: PlanView, heavy: str, held: set[str]) -> list[str]:
    """[progression] light_hinges the lifter could do in place of `heavy` in a session that
    holds `held`: doable (_doable), not already in the session, and not a band stand-in for a
    lifter with cables or machines (the planner keeps a band as the only load for lifters
    without them)."""
    kit = set(plan.profile["equipment"])
    gym_kit = bool({"cable", "machine"} & kit)
    found = []
    for ident in plan.rules.progression.light_hinges:
        ex = plan.catalog.get(ident)
        if ex is None or ident == heavy or ident in held or not _doable(plan, ex):
            continue
        if gym_kit and "resistance-band" in {e.value for e in ex.equipment}:
            continue
        found.append(ident)
    return found


def _check_hinge_variation(plan: PlanView) -> Iterator[Violation]:
    """hinge.variation: a week whose main lifts hinge on two or more days has a lighter
    variation ([progression] light_hinges) of the heavy day's hinge (the week's first
    main-lift hinge) on at least one later hinge day, where the lifter could do one the
    session does not already hold (what the planner's _vary_hinges can swap in). With squats
    and lunges out a third hinge day may repeat a lift: the week has its lighter day."""
    roles = _uses_roles(plan)
    for w in plan.week_numbers():
        days = [(s, [i["exercise_id"] for _, i in _main_lifts(s, roles)
                     if item_pattern(plan, i) == Pattern.HINGE.value])
                for s in plan.week_sessions(w)]
        days = [(s, hinges) for s, hinges in days if hinges]
        if len(days) < 2:
            continue
        (first, (heavy, *_)), later = days[0], days[1:]
        if any(heavy not in hinges for _, hinges in later):
            continue  # a later hinge day does another lift: the week has its lighter day
        s = later[0][0]
        options = _light_hinge_options(plan, heavy, set(item_ids(s.items)))
        if options:
            yield s.violation(
                "hinge.variation",
                f"heavy hinge {heavy} of {first.day} is this day's main lift too; the week's "
                f"other hinge day does a lighter variation ({join_ids(options[:3])}), not the "
                "same lift at a lower RPE",
                heavy,
            )


# ---------------------------------------------------------------------------------------------
# Reasons that are true

# What a reason can state about its item, found in one pass: "Rest 90 s", "8-10 reps",
# "20-30 s", "3 sets" or "3 x 8".
_CLAIMS = re.compile(
    r"\b(?:[Rr]est(?:ing|s)?\s+(?P<rest>\d+)\s*(?:s|sec|seconds)\b"
    r"|(?P<low>\d+)\s*(?:-|–|to)\s*(?P<high>\d+)\s*(?P<unit>reps|s|sec|seconds)\b"
    r"(?!\s+in\s+reserve)"
    r"|(?P<sets>\d+)\s*(?:sets\b|[x×]\s*\d))"
)
_GUIDE_REST = re.compile(r"\bthe guide['’]s rest\b", re.IGNORECASE)
_ONE_SET_ONLY = re.compile(r"\bone set only\b", re.IGNORECASE)
_LOAD_OFF = re.compile(r"\boff the load\b", re.IGNORECASE)
_FEWER_ROUNDS = "supersets fewer rounds"
_ADD_LOAD = re.compile(r"\b(?:add (?:load|weight)|with more load)\b", re.IGNORECASE)
# "a row in place of a vertical pull": the reason says the week has no vertical pull.
_BY_LABEL = {label: p.value for p, label in PATTERN_LABELS.items()}
_IN_PLACE_OF = re.compile(
    r"\bin place of an? (" + "|".join(re.escape(x) for x in sorted(_BY_LABEL, key=len,
                                                                    reverse=True)) + r")")
_WEEKS_PULLOVER = "the week's pullover works the lats"
# "the nearest squat your kit allows, with only your bodyweight" (not "... allows beside X").
_ONLY_BODYWEIGHT = re.compile(r"\bthe nearest (.+?) your kit allows, with only your bodyweight")
_ROUNDS = re.compile(r"\b(\d+)\s+rounds\b", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(\d+)\s*s\s+between\b", re.IGNORECASE)
_LABEL_END = re.compile(r"\s+(?:work|lift)\b", re.IGNORECASE)
_PATTERN_NAMES = frozenset(p.value for p in Pattern)


def _labels(why: str) -> Iterator[str]:
    """The patterns a reason names as '<pattern> work' or '<pattern> lift' ('hinge work')."""
    for match in _LABEL_END.finditer(why):
        words = why[:match.start()].lower().split()[-2:]
        for name in ("-".join(words), words[-1] if words else ""):
            if name in _PATTERN_NAMES:
                yield name
                break


def _stated(pattern: re.Pattern[str], text: str) -> list[tuple[int, ...]]:
    return [tuple(int(g) for g in m.groups()) for m in pattern.finditer(text)]


def _quotes_the_guide(why: str, start: int) -> bool:
    """Whether the clause before `start` attributes what follows to the guide ("the guide's
    3 x 8-10"): a quote of the guide, not a statement about this item."""
    clause = max(why.rfind(mark, 0, start) for mark in (". ", "; ", "("))
    return "guide" in why[clause + 1:start].lower()


def _claim_contradictions(item: Json, sets: int, why: str) -> Iterator[str]:
    timed = is_timed(item)
    own = ((item["seconds_min"], item["seconds_max"]) if timed
           else (item["reps_min"], item["reps_max"]))
    for claim in _CLAIMS.finditer(why):
        if _quotes_the_guide(why, claim.start()):
            continue
        rest, said_sets, unit = claim["rest"], claim["sets"], claim["unit"]
        if rest is not None and int(rest) != item["rest_s"]:
            yield f"says rest {rest} s, the item rests {item['rest_s']} s"
        elif said_sets is not None and int(said_sets) != sets:
            yield f"says {said_sets} sets, the item has {sets}"
        elif unit is not None and (unit == "reps") != timed:
            stated = (int(claim["low"]), int(claim["high"]))
            if stated != own:
                yield f"says {stated[0]}-{stated[1]}, the item prescribes {amount(item)}"


def _item_contradictions(plan: PlanView, block: Json, item: Json) -> list[str]:
    why = str(item["why"])
    found = list(_claim_contradictions(item, _hard_sets(block, item), why))
    if _GUIDE_REST.search(why):
        guide = plan.rules.guide_rest.seconds.get(item["exercise_id"])
        most = plan.rules.guide_rest.max_reps
        if not plan.goal_rules.use_exercise_rest:
            found.append(f"calls its rest the guide's, but {plan.goal.value} plans rest by "
                         "the goal's rule, not the exercise's ([goals] use_exercise_rest = "
                         "false)")
        elif guide is None:
            found.append(f"calls its rest the guide's, but the guide gives none for "
                         f"{item['exercise_id']}")
        elif int(item.get("reps_max", 0)) > most:
            found.append(f"calls its rest the guide's, but the guide's rests are for sets of up "
                         f"to {most} reps, the item prescribes {amount(item)}")
        elif guide != item["rest_s"]:
            found.append(f"calls its rest the guide's, but the guide's is {guide} s, the item "
                         f"rests {item['rest_s']} s")
    sets = _hard_sets(block, item)
    if _ONE_SET_ONLY.search(why) and sets != 1:
        found.append(f"says one set only, the item has {sets}")
    if _LOAD_OFF.search(why) and not _loaded(plan, item):
        found.append("says to take load off, but the item uses no equipment that carries load")
    if _ADD_LOAD.search(why) and not _loaded(plan, item):
        found.append("says to add load, but the item uses no equipment that carries load "
                     "(bodyweight: it progresses by reps, tempo or a harder variation)")
    pattern = item_pattern(plan, item)
    for label in _labels(why):
        if pattern is not None and label != pattern:
            found.append(f"calls it {label} work, but it is a {pattern} exercise")
    return found


def _loaded(plan: PlanView, item: Json) -> bool:
    """Whether the item's equipment carries load (the item's, else its catalogue entry's; an
    exercise the plan does not describe counts as loaded: nothing says otherwise). An entry
    tagged bodyweight is not: an inverted row's barbell is only the handle."""
    ex = plan.catalog.get(item["exercise_id"])
    if ex is not None and "bodyweight" in ex.tags:
        return False
    equipment = item.get("equipment")
    if equipment is None:
        if ex is None:
            return True
        equipment = ex.equipment
    return not LOAD_EQUIPMENT.isdisjoint(equipment)


def _block_contradictions(block: Json) -> list[str]:
    why = str(block.get("why", ""))
    found = [f"says {n} rounds, the superset has {block['rounds']}"
             for (n,) in _stated(_ROUNDS, why) if n != block["rounds"]]
    found += [f"says {n} s between, the superset rests {block['rest_between_s']} s"
              for (n,) in _stated(_BETWEEN, why) if n != block["rest_between_s"]]
    return found


def _check_reasons(plan: PlanView) -> Iterator[Violation]:
    # Plans repeat the same item for weeks: judge each distinct (reason, prescription) once.
    judged: dict[tuple[object, ...], list[str]] = {}
    for s in plan.sessions:
        for block in s.blocks:
            ids = item_ids(block["items"])
            if block["kind"] == "superset":
                for problem in _block_contradictions(block):
                    yield s.violation("why.matches",
                                      f"the reason of the superset of {join_ids(ids)} {problem}")
            for item in block["items"]:
                key = (item["why"], item["exercise_id"], item.get("pattern"), item["rest_s"],
                       amount(item), _hard_sets(block, item))
                if key not in judged:
                    judged[key] = _item_contradictions(plan, block, item)
                problems = judged[key]
                if problems:
                    yield s.violation("why.matches",
                                      f"the reason {'; '.join(problems)}", item["exercise_id"])
    yield from _stand_in_claims(plan)
    yield from _rotation_claims(plan)
    yield from _today_claims(plan)
    yield from _deload_claims(plan)
    for w in plan.week_numbers():
        note = str(plan.weeks[w - 1].get("note") or "")
        if _FEWER_ROUNDS in note and not any(b["kind"] == "superset"
                                             for s in plan.week_sessions(w) for b in s.blocks):
            yield Violation("why.matches", f"week {w}: the note says {_FEWER_ROUNDS}, but the "
                            "week holds no superset")


_TODAY = re.compile(r"\b(leg|back) work today is isolation only \(([^)]*)\)|\bno (leg|back) work "
                    r"today\b")


def _region_of(plan: PlanView, item: Json) -> str | None:
    region = item.get("region")
    if region is None and (ex := plan.catalog.get(item["exercise_id"])) is not None:
        region = ex.region.value
    return None if region is None else str(region)


def _today_claims(plan: PlanView) -> Iterator[Violation]:
    """A session's reason that names the other region's work today ("leg work today is
    isolation only (Leg Curl)", "no back work today") names what the session holds: a deload
    that rests a one-set lift leaves it out of the day."""
    for s in plan.sessions:
        for m in _TODAY.finditer(str(s.data.get("why", ""))):
            part = m[1] or m[3]
            region = Region.LEGS.value if part == "leg" else Region.BACK.value
            there = [i for i in s.items if _region_of(plan, i) == region]
            names = {n for n in re.split(r", | and ", m[2] or "") if n}
            held = {str(i["name"]) for i in there}
            if m[3] and there:
                yield s.violation("why.matches", f"the session's reason says no {part} work "
                                  f"today, but it holds {join_ids(item_ids(there))}")
            elif m[2] is not None and (names - held or any(is_compound(i) for i in there)):
                yield s.violation("why.matches", f"the session's reason says {part} work today "
                                  f"is isolation only ({m[2]}), but it holds "
                                  f"{join_ids(item_ids(there))}")


_INSTEAD_OF = re.compile(r"\bDeload week: (\d+) sets? instead of (\d+)\b")
_LAST_WEEK = re.compile(r"\b(\d+) hard sets last week, (\d+) this week\b")


def _week_hard_sets(plan: PlanView, week: int) -> int:
    return sum(_hard_sets(b, i) for s in plan.week_sessions(week) for b in s.blocks
               for i in b["items"])


def _deload_claims(plan: PlanView) -> Iterator[Violation]:
    """A deload's figures are the plan's: an item's "Deload week: 2 sets instead of 4" holds
    its own sets now and the same session's sets of it the week before; the week's note's
    "68 hard sets last week, 38 this week" the two weeks' hard sets."""
    for w in plan.week_numbers():
        if w == 1 or not plan.is_deload(w):
            continue
        before = plan.week_sessions(w - 1)
        m = _LAST_WEEK.search(str(plan.weeks[w - 1].get("note") or ""))
        if m and (int(m[1]), int(m[2])) != (_week_hard_sets(plan, w - 1),
                                            _week_hard_sets(plan, w)):
            yield Violation("why.matches", f"week {w}: the note says {m[0]}, but the weeks hold "
                            f"{_week_hard_sets(plan, w - 1)} and {_week_hard_sets(plan, w)}")
        for k, s in enumerate(plan.week_sessions(w)):
            then = ({i["exercise_id"]: _hard_sets(b, i) for b in before[k].blocks
                     for i in b["items"]} if k < len(before) else {})
            for b in s.blocks:
                for i in b["items"]:
                    said = _INSTEAD_OF.search(str(i["why"]))
                    if said is None:
                        continue
                    now, was = _hard_sets(b, i), then.get(i["exercise_id"])
                    if int(said[1]) != now or (was is not None and int(said[2]) != was):
                        yield s.violation(
                            "why.matches", f"the reason says {said[1]} sets instead of "
                            f"{said[2]}, but it has {now} this week and had "
                            f"{'none' if was is None else was} the week before",
                            i["exercise_id"])


_ROTATES = re.compile(r"\baccessories rotate every (\d+) weeks\b", re.IGNORECASE)


def _rotation_claims(plan: PlanView) -> Iterator[Violation]:
    """A plan note that says accessories rotate every few weeks is false in a plan whose
    sessions hold main lifts only: its next block repeats the first."""
    said = next((m for n in plan.plan_notes if (m := _ROTATES.search(n))), None)
    if said is None:
        return
    roles = _uses_roles(plan)
    for s in plan.sessions:
        mains = {id(i) for _, i in _main_lifts(s, roles)}
        if any(id(i) not in mains for i in s.items):
            return
    yield Violation("why.matches", f"the plan's notes say {said[0]}, but no session holds an "
                    "accessory: every week repeats the main lifts")


def _stand_in_claims(plan: PlanView) -> Iterator[Violation]:
    """A reason that says its lift stands in for a pattern ("a squat in place of a hinge") is
    false in a week that holds that pattern: the lifter reads that the week has none. One that
    says "the week's pullover works the lats" is false in a week without a pullover, and one
    that calls a bodyweight lift "the nearest row your kit allows, with only your bodyweight"
    is false in a session that holds a loaded row: the kit allows one."""
    for w in plan.week_numbers():
        sessions = plan.week_sessions(w)
        held: dict[str, list[str]] = {}
        for s in sessions:
            for i in s.items:
                held.setdefault(item_pattern(plan, i) or "", []).append(i["exercise_id"])
        for s in sessions:
            for i in s.items:
                why = str(i["why"])
                if _WEEKS_PULLOVER in why and not held.get(Pattern.PULLOVER.value):
                    yield s.violation("why.matches", "the reason says the week's pullover works "
                                      "the lats, but the week holds no pullover",
                                      i["exercise_id"])
                for label in _ONLY_BODYWEIGHT.findall(why):
                    loaded = [x["exercise_id"] for x in s.items if x is not i
                              and item_pattern(plan, x) == _BY_LABEL.get(label)
                              and _loaded(plan, x)]
                    if loaded:
                        yield s.violation(
                            "why.matches", f"the reason calls it the nearest {label} the kit "
                            f"allows, with only bodyweight, but the session holds "
                            f"{join_ids(loaded)}, a loaded {label}", i["exercise_id"])
                for label in _IN_PLACE_OF.findall(str(i["why"])):
                    there = held.get(_BY_LABEL[label], [])
                    if there:
                        yield s.violation(
                            "why.matches",
                            f"the reason says it stands in for a {label}, but the week holds "
                            f"{join_ids(list(dict.fromkeys(there)))}", i["exercise_id"])


def _check_drills(plan: PlanView) -> Iterator[Violation]:
    # "gym" stands for kit every gym has (a foam roller): owned when the lifter trains in one
    # whose kit --equipment did not restrict ("at the gym: only these").
    owned = set(plan.profile["equipment"]) | (
        {"gym"} if full_gym(str(plan.profile.get("location")), plan.profile["equipment"])
        else set())
    needs = [(re.compile(rf"\b{re.escape(word)}", re.IGNORECASE),
              "a gym's kit" if need == "gym" else f"a {need}")
             for word, need in plan.rules.drill_equipment.needs.items() if need not in owned]
    for s in plan.sessions:
        for part in ("warmup", "cooldown"):
            for drill in s.data[part]:
                for word, need in needs:
                    if word.search(drill["name"]):
                        yield s.violation(
                            "drills.equipment",
                            f"{'warm-up' if part == 'warmup' else 'cool-down'} drill "
                            f"'{drill['name']}' needs {need}, which the lifter does not have",
                        )


def _check_drill_moves(plan: PlanView) -> Iterator[Violation]:
    # [drill_moves]: a drill that names a movement does that exercise, and its pattern.
    barred = []
    for text, (exercise_id, pattern) in plan.rules.drill_moves.moves.items():
        if _removed(plan, exercise_id, pattern.value):
            barred.append((re.compile(rf"\b{re.escape(text)}", re.IGNORECASE), exercise_id))
    for s in plan.sessions:
        for part in ("warmup", "cooldown"):
            for drill in s.data[part]:
                for moved, exercise_id in barred:
                    if moved.search(drill["name"]):
                        yield s.violation(
                            "drills.allowed",
                            f"{'warm-up' if part == 'warmup' else 'cool-down'} drill "
                            f"'{drill['name']}' does {exercise_id}, which the lifter's "
                            "--exclude or --protect leaves out")


# ---------------------------------------------------------------------------------------------
# Protected areas


def _check_protect(plan: PlanView) -> Iterator[Violation]:
    known = plan.rules.protect
    for area in _protect_field(plan):
        if area not in known:
            yield Violation("protect.respected", f"profile.protect: unknown area {area!r} "
                            f"(allowed: {', '.join(known)}); the plan cannot be judged for it")
    areas = _protected(plan)
    for s in plan.sessions:
        for item in s.items:
            ident, pattern = item["exercise_id"], item_pattern(plan, item)
            for area in areas:
                if _protect_removes(plan, area, ident, pattern):
                    yield s.violation(
                        "protect.respected",
                        f"{ident} ({pattern}) is removed when protecting the {area}",
                        ident,
                    )
                else:
                    for problem in _range_problems(plan.rules.protect[area], item, pattern):
                        yield s.violation("protect.respected", f"{ident} ({pattern}) kept when "
                                          f"protecting the {area} {problem}", ident)


def _range_problems(rule: ProtectArea, item: Json, pattern: str | None) -> Iterator[str]:
    """What a lift the area keeps in a limited range ([protect.*] range_patterns: the leg
    press under sore knees) misses: the range the lifter reads, the reps that keep its load
    short of near-maximal."""
    if pattern is None or pattern not in {p.value for p in rule.range_patterns}:
        return
    if not any(cue in item["why"] for cue in rule.range_cues()):
        yield f"does not tell the lifter its limited range ({rule.range_cue!r})"
    if not is_timed(item) and item["reps_min"] < rule.range_min_reps:
        yield (f"prescribes {amount(item)}: its sets hold at least {rule.range_min_reps} reps, "
               "short of near-maximal loads")


# ---------------------------------------------------------------------------------------------
# Intermediate waves


def _dose(block: Json, item: Json) -> int:
    """A main lift's work in a week: its sets times the top of its reps (or seconds)."""
    top = item["seconds_max"] if is_timed(item) else item["reps_max"]
    return _hard_sets(block, item) * int(top)


_CLAUSES = re.compile(r";|\.\s")


def _kept(plan: PlanView, week: int, item: Json) -> bool:
    """Whether a note says the main lift keeps its sets and reps: a clause of it (between
    semicolons or sentences) that names the lift and says "keep ... sets and reps"."""
    names = (str(item["exercise_id"]), str(item["name"]))
    return any("keep" in clause and "sets and reps" in clause and _named([clause], *names)
               for note in plan.notes(week) for clause in _CLAUSES.split(note))


def _check_waves(plan: PlanView) -> Iterator[Violation]:
    """wave.intermediate: an intermediate's main lift steps up across every block of
    [progression] wave_min_weeks normal weeks or more (its sets or its reps; never down within
    the block, more in its last normal week than its first; or, at the same sets and reps, its
    RPE target: an effort wave), or a note names it as keeping its
    sets and reps. A lift is followed by its session's place in the week and its place among
    the session's main lifts."""
    if plan.profile.get("level") != Level.INTERMEDIATE.value:
        return
    least = plan.rules.progression.wave_min_weeks
    roles = _uses_roles(plan)
    blocks: dict[int, list[int]] = {}
    for w in _normal_weeks(plan):
        blocks.setdefault(int(plan.weeks[w - 1].get("block", 1)), []).append(w)
    for weeks in blocks.values():
        if len(weeks) < least:
            continue
        days = [plan.week_sessions(w) for w in weeks]
        for k, first in enumerate(days[0]):
            for j, (_, item) in enumerate(_main_lifts(first, roles)):
                ident = item["exercise_id"]
                doses, efforts = [], []
                for sessions in days:
                    mains = _main_lifts(sessions[k], roles) if k < len(sessions) else []
                    if j >= len(mains) or mains[j][1]["exercise_id"] != ident:
                        break
                    doses.append(_dose(*mains[j]))
                    efforts.append(float(mains[j][1].get("rpe") or 0))
                else:
                    steps = all(a <= b for a, b in pairwise(doses))
                    if steps and doses[-1] > doses[0]:
                        continue
                    # An effort wave: the same sets and reps, its RPE target (more load)
                    # stepping up week to week.
                    if (doses[0] == doses[-1] and steps and efforts[-1] > efforts[0]
                            and all(a <= b for a, b in pairwise(efforts))):
                        continue
                    if doses[0] == doses[-1] and steps and _kept(plan, weeks[0], item):
                        continue
                    said = ", ".join(map(str, doses))
                    yield first.violation(
                        "wave.intermediate",
                        f"{ident}'s sets x reps across weeks {weeks[0]}-{weeks[-1]} of block "
                        f"{plan.weeks[weeks[0] - 1].get('block', 1)} are {said}: an "
                        "intermediate's main lift steps up across a block (its sets or reps, "
                        "or its RPE target at the same sets and reps), or a note says why it "
                        "does not", ident)


COACH_CHECKS: Mapping[str, Check] = {
    "superset.required": _check_superset_needed,
    "time.use": _check_time_use,
    "volume.muscle-bands": _check_muscle_bands,
    "volume.small-under-legs": _check_small_under_legs,
    "pattern.weekly": _check_weekly_patterns,
    "pattern.knee-flexion": _check_knee_flexion,
    "pattern.knee-flexion-sets": _check_knee_flexion_sets,
    "deload.real": _check_deload,
    "deload.regular": _check_deload_gap,
    "hinge.heavy-days": _check_heavy_hinges,
    "hinge.variation": _check_hinge_variation,
    "hinge.floor-pulls": _check_floor_pulls,
    "hinge.days": _check_hinge_days,
    "rest.main-lifts": _check_main_rest,
    "rpe.hard-sets": _check_rpe,
    "main.straight-sets": _check_main_straight,
    "main.most-sets": _check_main_sets,
    "main.sets-first": _check_main_days,
    "main.light-day": _check_light_days,
    "pattern.once-per-session": _check_pattern_twins,
    "isolation.spacing": _check_isolation_spacing,
    "why.matches": _check_reasons,
    "drills.equipment": _check_drills,
    "drills.allowed": _check_drill_moves,
    "protect.respected": _check_protect,
    "wave.intermediate": _check_waves,
}
"""The checks a coach makes, by rule id; check.CHECKS includes them."""
