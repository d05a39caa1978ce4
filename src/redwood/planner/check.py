"""Judge a plan (as parsed JSON) against Redwood's rules.

The checker is written independently of the planner on purpose: the two share the numbers in
rules.toml but not the code that applies them, so a mistake in one is caught by the other. It
therefore reads the plan's JSON (a dict), never the planner's dataclasses, and re-derives
everything it needs (weekdays, loaded regions, weekly sets, time) from that JSON.

Each rule id of the `[rules]` table in rules.toml has exactly one check function, listed in
`CHECKS`: the rules of a plan's structure below, the checks a coach makes (time use, muscle
bands, weekly patterns, deloads, heavy lifts, true reasons, protected areas) in coachcheck.py,
and those of exercise choice, progression by level and the notes in choicecheck.py.
A check yields one Violation per occurrence, so a plan that repeats a fault shows every place it
happens.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping

from redwood.catalog.loader import Catalog, load_catalog
from redwood.domain.vocabulary import TRAINED_REGIONS, Goal, Level, Region, Weekday
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
    plan_view,
    span,
    supersets,
)
from redwood.planner.choicecheck import CHOICE_CHECKS
from redwood.planner.coachcheck import COACH_CHECKS
from redwood.rules import Rules, load_rules

__all__ = ["CHECKS", "Violation", "check_plan"]

# A number the rule texts state but rules.toml does not carry as a value (it defines the rule
# rather than tunes it): a superset "pairs" two exercises. "At least two compound lifts" is
# [dosing] min_compounds, which the planner reads too.
SUPERSET_SIZE = 2

# ---------------------------------------------------------------------------------------------
# Session structure


def _check_min_compounds(plan: PlanView) -> Iterator[Violation]:
    least = plan.rules.dosing.min_compounds
    for s in plan.sessions:
        compounds = item_ids([i for i in s.items if is_compound(i)])
        if len(compounds) < least:
            yield s.violation(
                "session.min-compounds",
                f"{len(compounds)} compound lift(s) ({join_ids(compounds)}); every session needs "
                f"at least {least} (of any pattern: a hip thrust or an RDL counts)",
            )


def _check_compound_first(plan: PlanView) -> Iterator[Violation]:
    for s in plan.sessions:
        items = s.items
        if items and not is_compound(items[0]):
            yield s.violation(
                "session.compound-first",
                f"opens with isolation move {items[0]['exercise_id']}; a session opens with a "
                "compound lift",
                items[0]["exercise_id"],
            )
        first_isolation: str | None = None
        for item in items:
            if not is_compound(item):
                first_isolation = first_isolation or item["exercise_id"]
            elif first_isolation is not None:
                yield s.violation(
                    "session.compound-first",
                    f"compound lift {item['exercise_id']} comes after isolation move "
                    f"{first_isolation}; compounds come before isolation moves",
                    item["exercise_id"],
                )


def _check_order(plan: PlanView) -> Iterator[Violation]:
    for s in plan.sessions:
        accessory: str | None = None
        core: str | None = None
        for item in s.items:
            ex = str(item["exercise_id"])
            if item.get("role") == "main" and accessory is not None:
                yield s.violation("session.order", f"main lift {ex} comes after accessory "
                                  f"{accessory}; main lifts open the session", ex)
            elif item.get("role") == "accessory":
                accessory = accessory or ex
            if item["region"] == Region.CORE.value:
                core = core or ex
            elif core is not None:
                yield s.violation("session.order", f"{ex} comes after core work {core}; core "
                                  "work comes last", ex)


def _check_warmup(plan: PlanView) -> Iterator[Violation]:
    least = plan.rules.timing.warmup_min_minutes
    for s in plan.sessions:
        total = activity_minutes(s.data["warmup"])
        if total < least:
            yield s.violation(
                "session.warmup",
                f"warm-up is {total:g} min; every session starts with at least {least:g} min",
            )


def _check_cooldown(plan: PlanView) -> Iterator[Violation]:
    least = plan.rules.timing.cooldown_min_minutes
    for s in plan.sessions:
        total = activity_minutes(s.data["cooldown"])
        if not s.data["cooldown"] or total < least:
            yield s.violation(
                "session.cooldown",
                f"cool-down is {total:g} min; every session ends with at least {least:g} min of "
                "static stretches",
            )


# ---------------------------------------------------------------------------------------------
# Reps, sets and rest


def _check_goal_range(plan: PlanView) -> Iterator[Violation]:
    lo, hi = plan.goal_rules.band
    goal = plan.goal.value
    for s in plan.sessions:
        compounds = [i for i in s.items if is_compound(i)][:GOAL_RANGE_LIFTS]
        for n, item in enumerate(compounds, start=1):
            ident = item["exercise_id"]
            if is_timed(item):
                message = (f"compound lift #{n} {ident} is timed ({amount(item)}); the first "
                           f"{GOAL_RANGE_LIFTS} compound lifts use {goal} reps {lo}-{hi}")
            elif not (lo <= item["reps_min"] and item["reps_max"] <= hi) and not _own_range(
                    item, plan.rules):
                message = (f"compound lift #{n} {ident} prescribes {amount(item)}; {goal} keeps "
                           f"the first {GOAL_RANGE_LIFTS} compound lifts inside {lo}-{hi} reps")
            else:
                continue
            yield s.violation("reps.goal-range", message, ident)


def _own_range(item: Json, rules: Rules) -> bool:
    """Whether the item keeps its exercise's own range ([limits] own_reps: 3-5 slow negatives
    in any goal)."""
    own = rules.limits.own_reps.get(item["exercise_id"])
    return own is not None and own[0] <= item["reps_min"] and item["reps_max"] <= own[1]


def _bounds_problems(item: Json, rules: Rules) -> list[str]:
    limits = rules.limits
    problems = []
    if not limits.sets[0] <= item["sets"] <= limits.sets[1]:
        problems.append(f"{item['sets']} sets is outside {span(limits.sets)}")
    if is_timed(item):
        unit, low, high, allowed = "s", item["seconds_min"], item["seconds_max"], limits.seconds
    else:
        unit, low, high, allowed = "reps", item["reps_min"], item["reps_max"], limits.reps
    if not (allowed[0] <= low <= allowed[1] and allowed[0] <= high <= allowed[1]):
        problems.append(f"{low}-{high} {unit} is outside {span(allowed)} {unit}")
    if low > high:
        problems.append(f"{low}-{high} {unit} has its minimum above its maximum")
    most = limits.exercise_reps.get(item["exercise_id"])
    if most is not None and unit == "reps" and high > most:
        problems.append(f"{low}-{high} reps goes past {most}, the most a set of "
                        f"{item['exercise_id']} holds ([limits] exercise_reps)")
    return problems


def _check_bounds(plan: PlanView) -> Iterator[Violation]:
    for s in plan.sessions:
        for item in s.items:
            problems = _bounds_problems(item, plan.rules)
            if problems:
                yield s.violation("reps.bounds", "; ".join(problems), item["exercise_id"])


def _check_compound_rest(plan: PlanView) -> Iterator[Violation]:
    least = plan.goal_rules.compound_rest_min_s
    for s in plan.sessions:
        for block in s.blocks:
            # Superset items rest while the partner works, so only single blocks are held to it.
            if block["kind"] != "single":
                continue
            for item in block["items"]:
                if is_compound(item) and item["rest_s"] < least:
                    yield s.violation(
                        "rest.compound-min",
                        f"compound lift {item['exercise_id']} rests {item['rest_s']} s between "
                        f"sets; {plan.goal.value} needs at least {least} s",
                        item["exercise_id"],
                    )


# ---------------------------------------------------------------------------------------------
# Schedule


def _check_days(plan: PlanView) -> Iterator[Violation]:
    wanted = plan.profile["days_per_week"]
    for w in plan.week_numbers():
        count = len(plan.week_sessions(w))
        if count != wanted:
            yield Violation(
                "schedule.days",
                f"{count} sessions; the profile trains {wanted} days a week",
                week=w,
            )


def _check_week_indexes(plan: PlanView) -> Iterator[Violation]:
    promised = plan.profile["weeks"]
    if len(plan.weeks) != promised:
        yield Violation(
            "schedule.weekdays",
            f"the plan has {len(plan.weeks)} week(s) but its profile asks for {promised}",
        )
    for w, week in zip(plan.week_numbers(), plan.weeks, strict=True):
        if week["index"] != w:
            yield Violation(
                "schedule.weekdays",
                f"week number {w} in order is labelled index {week['index']}; weeks are "
                "numbered 1, 2, 3... in order",
                week=w,
            )


def _session_day_problems(plan: PlanView, s: SessionView) -> Iterator[str]:
    actual = Weekday.from_index(s.date.weekday()).value
    if s.data["weekday"] != actual:
        yield f"is labelled {s.data['weekday']} but {s.day} is a {actual}"
    allowed = plan.profile["weekdays"]
    if actual not in allowed:
        yield f"falls on a {actual}; the profile trains on {', '.join(allowed)}"
    first = plan.start + dt.timedelta(days=7 * (s.week - 1))
    last = first + dt.timedelta(days=6)
    if not first <= s.date <= last:
        yield f"lies outside week {s.week}, which runs {first} to {last}"


def _check_weekdays(plan: PlanView) -> Iterator[Violation]:
    yield from _check_week_indexes(plan)
    previous: SessionView | None = None
    for s in plan.sessions:
        for problem in _session_day_problems(plan, s):
            yield s.violation("schedule.weekdays", f"the session {problem}")
        # Equal dates are schedule.one-a-day's business; here only going back in time counts.
        if previous is not None and s.date < previous.date:
            yield s.violation(
                "schedule.weekdays",
                f"comes after the session on {previous.day} in the plan but is dated earlier; "
                "sessions are listed in date order",
            )
        previous = s


def _check_one_a_day(plan: PlanView) -> Iterator[Violation]:
    seen: dict[dt.date, SessionView] = {}
    for s in plan.sessions:
        first = seen.setdefault(s.date, s)
        if first is not s:
            yield s.violation(
                "schedule.one-a-day",
                f"session {s.position + 1} of week {s.week} shares {s.day} with session "
                f"{first.position + 1} of week {first.week}; never two sessions on one day",
            )


def _loaded_regions(plan: PlanView, s: SessionView) -> set[Region]:
    """The trained regions this session works hard: those of its compound lifts."""
    loads: set[Region] = set()
    for item in s.items:
        if not is_compound(item):
            continue
        region = Region(item["region"])
        if region is Region.FULL_BODY:
            loads.update(plan.rules.volume.full_body_loads)
        else:
            loads.add(region)
    return loads & set(TRAINED_REGIONS)


def _check_recovery(plan: PlanView) -> Iterator[Violation]:
    days = plan.rules.schedule.min_days_between_hard
    hours = plan.rules.schedule.min_hours_between_hard
    last_load: dict[Region, SessionView] = {}
    # Sorted by date (stable), so the week boundary is no different from any other day.
    for s in sorted(plan.sessions, key=lambda x: x.date):
        close: dict[tuple[int, int], tuple[SessionView, list[Region]]] = {}
        loads = _loaded_regions(plan, s)
        for region in TRAINED_REGIONS:
            prev = last_load.get(region)
            if region in loads and prev is not None and (s.date - prev.date).days < days:
                close.setdefault((prev.week, prev.position), (prev, []))[1].append(region)
        for prev, regions in close.values():
            gap = (s.date - prev.date).days
            them = "them" if len(regions) > 1 else "it"
            yield s.violation(
                "schedule.recovery",
                f"loads {' and '.join(r.value for r in regions)} {gap} day(s) after the session "
                f"on {prev.day} (week {prev.week}), which loads {them} too; sessions loading the "
                f"same region are at least {days} days ({hours} h) apart",
            )
        for region in loads:
            last_load[region] = s


# ---------------------------------------------------------------------------------------------
# Weekly volume


def _weekly_sets(sessions: list[SessionView]) -> dict[Region, int]:
    """Hard sets per trained region; full-body and core work count for neither."""
    sets = dict.fromkeys(TRAINED_REGIONS, 0)
    for s in sessions:
        for item in s.items:
            region = Region(item["region"])
            if region in sets:
                sets[region] += item["sets"]
    return sets


def _check_both_regions(plan: PlanView) -> Iterator[Violation]:
    for w in plan.week_numbers():
        worked = {item["region"] for s in plan.week_sessions(w) for item in s.items
                  if is_compound(item)}
        for region in TRAINED_REGIONS:
            if region.value not in worked:
                yield Violation(
                    "volume.both-regions",
                    f"no compound lift for {region.value} this week; every week has compound "
                    "work for both legs and back",
                    week=w,
                )


def _check_balance(plan: PlanView) -> Iterator[Violation]:
    low, high = plan.rules.volume.balance
    for w in plan.week_numbers():
        sets = _weekly_sets(plan.week_sessions(w))
        legs, back = sets[Region.LEGS], sets[Region.BACK]
        if back and low <= legs / back <= high:
            continue
        ratio = f"{legs / back:.2f}" if back else "undefined (no back sets)"
        yield Violation(
            "volume.balance",
            f"{legs} legs vs {back} back hard sets: legs:back ratio {ratio} is outside "
            f"{low:g}-{high:g}",
            week=w,
        )


def _hypertrophy_minimum_applies(plan: PlanView) -> bool:
    weekly_minutes = plan.profile["days_per_week"] * plan.profile["minutes_per_session"]
    return (plan.goal is Goal.HYPERTROPHY
            and weekly_minutes >= plan.rules.volume.hypertrophy_min_weekly_minutes)


def _check_hypertrophy_minimum(plan: PlanView) -> Iterator[Violation]:
    if not _hypertrophy_minimum_applies(plan):
        return
    least = plan.rules.volume.hypertrophy_min_sets
    for w, week in zip(plan.week_numbers(), plan.weeks, strict=True):
        if week["deload"]:  # a deload week cuts sets on purpose
            continue
        for region, count in _weekly_sets(plan.week_sessions(w)).items():
            if count < least:
                yield Violation(
                    "volume.hypertrophy-minimum",
                    f"{count} weekly hard sets for {region.value}; hypertrophy with "
                    f"{plan.rules.volume.hypertrophy_min_weekly_minutes}+ min a week needs at "
                    f"least {least}",
                    week=w,
                )


def _check_maximum(plan: PlanView) -> Iterator[Violation]:
    most = plan.rules.volume.max_sets
    for w in plan.week_numbers():
        for region, count in _weekly_sets(plan.week_sessions(w)).items():
            if count > most:
                yield Violation(
                    "volume.maximum",
                    f"{count} weekly hard sets for {region.value}; the most is {most}",
                    week=w,
                )


# ---------------------------------------------------------------------------------------------
# Supersets



def _check_superset_off(plan: PlanView) -> Iterator[Violation]:
    if plan.profile["supersets"]:
        return
    for s in plan.sessions:
        for block in supersets(s):
            yield s.violation(
                "superset.off",
                f"superset of {join_ids(item_ids(block['items']))}; the profile has supersets off",
            )


def _check_superset_pairing(plan: PlanView) -> Iterator[Violation]:
    for s in plan.sessions:
        for block in supersets(s):
            items = block["items"]
            regions = sorted(str(i["region"]) for i in items)
            if len(items) == SUPERSET_SIZE and regions == sorted(r.value for r in TRAINED_REGIONS):
                continue
            pairs = ", ".join(f"{i['exercise_id']} ({i['region']})" for i in items)
            yield s.violation(
                "superset.pairing",
                f"superset of {pairs}; a superset pairs one legs exercise with one back exercise",
            )


def _check_superset_rest(plan: PlanView) -> Iterator[Violation]:
    most = plan.rules.supersets.max_rest_between_s
    for s in plan.sessions:
        for block in supersets(s):
            if block["rest_between_s"] > most:
                yield s.violation(
                    "superset.rest",
                    f"superset of {join_ids(item_ids(block['items']))} rests "
                    f"{block['rest_between_s']} s between its exercises; at most {most} s",
                )


def _check_superset_rounds(plan: PlanView) -> Iterator[Violation]:
    low, high = plan.rules.supersets.rounds
    for s in plan.sessions:
        # A deload week cuts rounds like every other set (deload.real), so only the top holds.
        least = 1 if plan.is_deload(s.week) else low
        for block in supersets(s):
            rounds = block["rounds"]
            pair = join_ids(item_ids(block["items"]))
            if not least <= rounds <= high:
                yield s.violation(
                    "superset.rounds",
                    f"superset of {pair} has {rounds} rounds; a superset has {low}-{high}"
                    + (" (fewer in a deload week)" if least < low else ""),
                )
            for item in block["items"]:
                if item["sets"] != rounds:
                    yield s.violation(
                        "superset.rounds",
                        f"{item['exercise_id']} has {item['sets']} sets in a superset of "
                        f"{rounds} rounds; each exercise does one set a round",
                        item["exercise_id"],
                    )


# ---------------------------------------------------------------------------------------------
# Time


def _check_budget(plan: PlanView) -> Iterator[Violation]:
    budget = plan.profile["minutes_per_session"]
    for s in plan.sessions:
        estimate = s.data["estimated_minutes"]
        if estimate > budget:
            yield s.violation(
                "time.budget",
                f"estimated {estimate} min; the profile allows {budget} min a session",
            )


def _lifting_minutes(items: list[Json], seconds_per_rep: float) -> float:
    """Time under the bar alone: no rest, no setup. An honest estimate is never below it."""
    seconds = 0.0
    for item in items:
        per_set = item["seconds_min"] if is_timed(item) else item["reps_min"] * seconds_per_rep
        seconds += item["sets"] * per_set * (2 if item["per_side"] else 1)
    return seconds / 60


def _check_estimate(plan: PlanView) -> Iterator[Violation]:
    per_rep = plan.rules.timing.seconds_per_rep
    for s in plan.sessions:
        warmup, cooldown = activity_minutes(s.data["warmup"]), activity_minutes(s.data["cooldown"])
        lifting = _lifting_minutes(s.items, per_rep)
        floor = math.floor(warmup + cooldown + lifting)
        estimate = s.data["estimated_minutes"]
        if estimate < floor:
            yield s.violation(
                "time.estimate",
                f"estimated {estimate} min is below the {floor} min the session needs at least "
                f"(warm-up {warmup:g} + cool-down {cooldown:g} + lifting {lifting:.1f} min at "
                f"{per_rep:g} s a rep)",
            )


# ---------------------------------------------------------------------------------------------
# Exercise choice


def _check_equipment(plan: PlanView) -> Iterator[Violation]:
    available = set(plan.profile["equipment"])
    for s in plan.sessions:
        for item in s.items:
            missing = sorted(set(item["equipment"]) - available)
            if missing:
                yield s.violation(
                    "equipment.available",
                    f"{item['exercise_id']} needs {', '.join(missing)}, which the profile does "
                    f"not have (available: {join_ids(sorted(available))})",
                    item["exercise_id"],
                )



def _check_exclude(plan: PlanView) -> Iterator[Violation]:
    excluded = {str(e).strip().lower() for e in plan.profile.get("exclude", [])}
    if not excluded:
        return
    for s in plan.sessions:
        for item in s.items:
            ident = item["exercise_id"]
            pattern = item_pattern(plan, item)
            if ident in excluded:
                reason = f"{ident} is on the profile's exclude list"
            elif pattern in excluded:
                reason = f"{ident} is a {pattern} exercise and the profile excludes {pattern}"
            else:
                continue
            yield s.violation("exclude.respected", reason, ident)


def _check_beginner(plan: PlanView) -> Iterator[Violation]:
    if plan.profile["level"] != Level.BEGINNER.value:
        return
    for s in plan.sessions:
        for item in s.items:
            entry = plan.catalog.get(item["exercise_id"])
            if entry is not None and entry.level is not Level.BEGINNER:
                yield s.violation(
                    "level.beginner-friendly",
                    f"{entry.id} is rated {entry.level.value}; beginner plans use "
                    "beginner-level exercises only",
                    entry.id,
                )


def _catalog_mismatches(plan: PlanView, item: Json) -> list[str]:
    entry = plan.catalog.get(item["exercise_id"])
    if entry is None:
        return [f"{item['exercise_id']} is not in Redwood's catalogue"]
    mismatches = []
    if item["mechanic"] != entry.mechanic.value:
        mismatches.append(f"mechanic {item['mechanic']} (catalogue: {entry.mechanic.value})")
    if item["region"] != entry.region.value:
        mismatches.append(f"region {item['region']} (catalogue: {entry.region.value})")
    wanted = sorted(e.value for e in entry.equipment)
    if sorted(item["equipment"]) != wanted:
        mismatches.append(f"equipment [{', '.join(sorted(item['equipment']))}] "
                          f"(catalogue: [{', '.join(wanted)}])")
    if mismatches:
        return [f"{entry.id} does not match its catalogue entry: {'; '.join(mismatches)}"]
    return []


def _check_catalog(plan: PlanView) -> Iterator[Violation]:
    for s in plan.sessions:
        for item in s.items:
            for problem in _catalog_mismatches(plan, item):
                yield s.violation("catalog.known-exercise", problem, item["exercise_id"])


# ---------------------------------------------------------------------------------------------
# Rotation: the k-th session of a week is compared with the k-th session of week 1


def _core_lifts(s: SessionView) -> list[str]:
    return item_ids([i for i in s.items if is_compound(i)])[:GOAL_RANGE_LIFTS]


def _same_position(plan: PlanView, week: int) -> Iterator[tuple[SessionView, SessionView]]:
    """(session, week 1's session at the same position); unmatched extras are schedule.days'."""
    yield from zip(plan.week_sessions(week), plan.week_sessions(1), strict=False)


def _check_stable_start(plan: PlanView) -> Iterator[Violation]:
    stable = min(plan.rules.rotation.stable_weeks, len(plan.weeks))
    for w in range(2, stable + 1):
        for s, first in _same_position(plan, w):
            now, then = item_ids(s.items), item_ids(first.items)
            if now == then:
                continue
            dropped = [x for x in then if x not in now]
            added = [x for x in now if x not in then]
            change = (f"drops {join_ids(dropped)}, adds {join_ids(added)}" if dropped or added
                      else "same exercises in another order")
            yield s.violation(
                "rotation.stable-start",
                f"session {s.position + 1} differs from week 1's ({change}); weeks 1-{stable} "
                "keep the same exercises in the same order",
            )


def _accessories(s: SessionView) -> set[str]:
    """The session's accessories: its items but the main lifts (by role; in a plan without
    roles, but the first two compounds, _core_lifts)."""
    if any("role" in i for i in s.items):
        return {str(i["exercise_id"]) for i in s.items if i.get("role") != "main"}
    return set(item_ids(s.items)) - set(_core_lifts(s))


def _check_rotates(plan: PlanView) -> Iterator[Violation]:
    # Judged on the week, not session by session: week 1's accessories moved to other days
    # (Monday's calf raise on Thursday, Thursday's on Monday) keep the lifter on the same
    # exercises, which is no rotation.
    by = plan.rules.rotation.must_rotate_by_week
    if len(plan.weeks) < by:
        return
    def week_accessories(w: int) -> set[str]:
        return {x for s in plan.week_sessions(w) for x in _accessories(s)}

    first = week_accessories(1)
    if any(not week_accessories(w) <= first for w in range(2, by + 1)):
        return
    yield Violation(
        "rotation.by-week-7",
        f"weeks 2-{by} hold none but week 1's accessories ({join_ids(sorted(first))}); a plan "
        f"of {by} or more weeks rotates at least one accessory exercise by week {by}",
        week=by,
    )


def _check_core_lifts(plan: PlanView) -> Iterator[Violation]:
    for w in plan.week_numbers()[1:]:
        for s, first in _same_position(plan, w):
            now, then = _core_lifts(s), _core_lifts(first)
            if now != then:
                yield s.violation(
                    "rotation.core-lifts-stay",
                    f"session {s.position + 1} opens with {join_ids(now)}, week 1's with "
                    f"{join_ids(then)}; the opening compound lifts stay the same all plan",
                )


# ---------------------------------------------------------------------------------------------
# The checker

CHECKS: Mapping[str, Check] = {
    "session.min-compounds": _check_min_compounds,
    "session.compound-first": _check_compound_first,
    "session.order": _check_order,
    "session.warmup": _check_warmup,
    "session.cooldown": _check_cooldown,
    "reps.goal-range": _check_goal_range,
    "reps.bounds": _check_bounds,
    "rest.compound-min": _check_compound_rest,
    "schedule.days": _check_days,
    "schedule.weekdays": _check_weekdays,
    "schedule.one-a-day": _check_one_a_day,
    "schedule.recovery": _check_recovery,
    "volume.both-regions": _check_both_regions,
    "volume.balance": _check_balance,
    "volume.hypertrophy-minimum": _check_hypertrophy_minimum,
    "volume.maximum": _check_maximum,
    "superset.pairing": _check_superset_pairing,
    "superset.rest": _check_superset_rest,
    "superset.rounds": _check_superset_rounds,
    "superset.off": _check_superset_off,
    "time.budget": _check_budget,
    "time.estimate": _check_estimate,
    "equipment.available": _check_equipment,
    "exclude.respected": _check_exclude,
    "level.beginner-friendly": _check_beginner,
    "catalog.known-exercise": _check_catalog,
    "rotation.stable-start": _check_stable_start,
    "rotation.by-week-7": _check_rotates,
    "rotation.core-lifts-stay": _check_core_lifts,
    **COACH_CHECKS,
    **CHOICE_CHECKS,
}
"""One check per rule id of rules.toml's [rules] table; each yields only its own id."""


def check_plan(
    data: Json, *, rules: Rules | None = None, catalog: Catalog | None = None,
    strict: bool = False,
) -> list[Violation]:
    """Every rule violation in a plan, ordered by week, date, then rule.

    `data` is a plan as parsed JSON that passed redwood.io.planfile.validate_plan_data
    (load_plan_file there reads a file and validates it);
    `rules` and `catalog` default to the shipped rules.toml and curated catalogue. Rules whose
    [rules] entry says `default = false` are judged only with `strict`.
    """
    rules = rules if rules is not None else load_rules()
    plan = plan_view(data, rules, catalog if catalog is not None else load_catalog())
    found = [v for rule, check in CHECKS.items()
             if strict or rule not in rules.rules or rules.rules[rule].default
             for v in check(plan)]
    # sorted() is stable: within one week, date and rule, occurrences keep plan order.
    return sorted(found, key=lambda v: (v.week or 0, v.date or "", v.rule))
