"""The checks a coach makes of a plan's exercise choice, its progression by level and its
notes (issue 10 items 2, 6, 7 and 8): rules coachcheck.py's time, band and pattern checks leave
open. Like the other checks these read only the plan's JSON (and the catalogue and rules), so a
hand-edited plan is judged as a generated one.

- substitution.loaded, substitution.no-regression, substitution.vertical-pull (item 6:
  substitutions keep the goal);
- progression.beginner, progression.advanced (item 8: progress by level; wave.intermediate in
  coachcheck.py judges the intermediates);
- volume.muscle-note (item 2: the notes show the week's sets per muscle against the band, and
  they are the plan's);
- protect.said (item 7: a protected area's note says what it removed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from itertools import pairwise

from redwood.domain.vocabulary import (
    Goal,
    Level,
    Measure,
    Mechanic,
    Pattern,
    Region,
)
from redwood.planner.checkview import (
    Check,
    Json,
    PlanView,
    SessionView,
    Violation,
    is_compound,
    is_timed,
    item_pattern,
    join_ids,
)
from redwood.planner.coachcheck import (
    _at_hand,
    _band_stand_in,
    _carries_load,
    _excluded,
    _heavy_hinge,
    _loaded,
    _main_lifts,
    _named,
    _normal_weeks,
    _protected,
    _spent,
    _uses_roles,
    _week_muscles,
)

# Kit a lifter improvises at home or outdoors (stairs, a backpack): never the choice of a gym
# with all its kit.
# Core work is bodyweight work as often as not (a plank, a dead bug): no load to keep there.
_LOAD_OPTIONAL = frozenset({Pattern.CORE.value})
_LOADED_GOALS = frozenset({Goal.STRENGTH, Goal.HYPERTROPHY})


# ---------------------------------------------------------------------------------------------
# Substitutions keep the goal


def _loaded_options(plan: PlanView) -> dict[str, list[str]]:
    """Loaded compound lifts of reps the lifter could be given, by pattern."""
    found: dict[str, list[str]] = {}
    for ex in plan.catalog:
        if (ex.mechanic is Mechanic.COMPOUND and ex.measure is Measure.REPS
                and _carries_load(ex) and not _band_stand_in(plan, ex)
                and _at_hand(plan, ex)):
            found.setdefault(ex.pattern.value, []).append(ex.id)
    return found


def _easiest(plan: PlanView, item: Json) -> bool:
    """Whether the item is a movement's easiest version (catalogue level beginner: an air
    squat, a doorframe row), not a harder variation that loads by leverage (a pistol squat, a
    pull-up, whose load is the whole body)."""
    ex = plan.catalog.get(item["exercise_id"])
    return ex is None or ex.level is Level.BEGINNER


def _spared_rows(plan: PlanView, s: SessionView) -> set[str]:
    """The bent-over rows ([schedule] spinal_rows) a session less than min_hours_between_hard
    from a heavy spinal hinge (one [protect.lower-back] removes) leaves out on purpose: the
    lower back rests between them."""
    rows = set(plan.rules.schedule.spinal_rows)
    back = plan.rules.protect.get("lower-back")
    if not rows or back is None:
        return set()
    hours = plan.rules.schedule.min_hours_between_hard

    def close(o: SessionView) -> bool:
        # Calendar neighbours, and the week's own sessions across its end as the planner
        # spaces them (a Monday row and the Tuesday deadlift a week repeats: the plan's last
        # week, or a one-week plan, has no next Tuesday on its calendar).
        gap = abs((o.date - s.date).days)
        if gap * 24 < hours:
            return True
        cyclic = gap % 7
        return o.week == s.week and min(cyclic, 7 - cyclic) * 24 < hours

    near = any(close(o) and _heavy_hinge(plan, i) and i["exercise_id"] in back.exercises
               for o in plan.sessions if o is not s for i in o.items)
    return rows if near else set()


def _check_loaded(plan: PlanView) -> Iterator[Violation]:
    """substitution.loaded: a strength or size plan's compound lift of reps carries load where
    the lifter could load its pattern (outside deload weeks; not core): a main lift, and a legs
    accessory compound too (an advanced lifter's air squat after the lunges, dumbbells in the
    rack, is as far from the goal as a main one). A row accessory may be a bodyweight row: an
    inverted row beside the week's loaded rows is a coach's variety, not a lost load."""
    if plan.goal not in _LOADED_GOALS:
        return
    options = _loaded_options(plan)
    if not options:
        return
    roles = _uses_roles(plan)
    for w in _normal_weeks(plan):
        # A loaded option the week already holds (a main lift on another day) is in use.
        held = {str(i["exercise_id"]) for s in plan.week_sessions(w) for i in s.items}
        for s in plan.week_sessions(w):
            spared: set[str] | None = None
            mains = {id(i) for _, i in _main_lifts(s, roles)}
            for item in s.items:
                if id(item) not in mains and item.get("region") != Region.LEGS.value:
                    continue
                pattern = item_pattern(plan, item)
                if (not is_compound(item) or is_timed(item) or pattern in _LOAD_OPTIONAL
                        or pattern is None or _loaded(plan, item) or not _easiest(plan, item)):
                    continue
                unused = [x for x in options.get(pattern, []) if x not in held]
                if unused and spared is None:
                    spared = _spared_rows(plan, s) | (_first_block_spared(plan, s, item, roles)
                                                       if id(item) in mains else set())
                unused = [x for x in unused if x not in (spared or set())]
                if unused:
                    yield s.violation(
                        "substitution.loaded",
                        f"{item['exercise_id']} carries no load in a {plan.goal.value} plan, "
                        f"though the lifter's kit loads its pattern ({join_ids(unused[:3])}); "
                        "strength and size need load where it can be had",
                        str(item["exercise_id"]))


def _first_block_spared(plan: PlanView, s: SessionView, item: Json, roles: bool) -> set[str]:
    """For a later block's main lift that is block 1's on the same day (rotation.core-lifts-stay:
    main lifts stay all plan so progress can be tracked), the bent-over rows block 1's session
    left out to rest the lower back (_spared_rows): the choice stands for the whole plan,
    though a later block's lighter hinge accessory no longer asks for the rest."""
    first = next(iter(_normal_weeks(plan)), None)
    if first is None or first == s.week:
        return set()
    for other in plan.week_sessions(first):
        if other.date.weekday() == s.date.weekday() and any(
                i["exercise_id"] == item["exercise_id"] for _, i in _main_lifts(other, roles)):
            return _spared_rows(plan, other)
    return set()


def _check_no_regression(plan: PlanView) -> Iterator[Violation]:
    """substitution.no-regression: past beginner, no [progression] regressions (a flexed-arm
    hang, a band-assisted pull-up): the lifter can do the movement."""
    if plan.profile.get("level") == Level.BEGINNER.value:
        return
    kit = set(plan.profile["equipment"])
    for s in plan.sessions:
        for item in s.items:
            if plan.rules.progression.regresses(item["exercise_id"], kit):
                yield s.violation(
                    "substitution.no-regression",
                    f"{item['exercise_id']} is a regression ([progression] regressions) in a "
                    f"plan for an {plan.profile.get('level')} lifter, who can do the movement "
                    "it eases", str(item["exercise_id"]))


def _check_vertical_pull(plan: PlanView) -> Iterator[Violation]:
    """substitution.vertical-pull: a normal week (3+ days) with no vertical pull, where the
    lifter could do one or a pullover, holds a pullover before it leaves the lats to rows."""
    if plan.profile["days_per_week"] < plan.rules.coach_checks.pattern_min_days:
        return
    vertical, pullover = Pattern.VERTICAL_PULL.value, Pattern.PULLOVER.value
    excluded, areas = _excluded(plan), _protected(plan)
    if pullover in excluded or any(Pattern.PULLOVER in plan.rules.protect[a].patterns
                                   for a in areas):
        return
    options = [ex.id for ex in plan.catalog
               if ex.pattern is Pattern.PULLOVER and _at_hand(plan, ex)]
    if not options:
        return
    for w in _normal_weeks(plan):
        held = {item_pattern(plan, i) for s in plan.week_sessions(w) for i in s.items}
        if vertical in held or pullover in held or (
                _spent(plan, w) and _named(plan.notes(w), vertical)):
            continue
        yield Violation(
            "substitution.vertical-pull",
            f"no vertical pull this week and no pullover, though the lifter could do "
            f"{join_ids(options[:3])}; rows do not replace a vertical pull while a pullover "
            "can", week=w)


# ---------------------------------------------------------------------------------------------
# Progression by level


def _block_weeks(plan: PlanView) -> list[list[int]]:
    blocks: dict[int, list[int]] = {}
    for w in _normal_weeks(plan):
        blocks.setdefault(int(plan.weeks[w - 1].get("block", 1)), []).append(w)
    return list(blocks.values())


def _scheme(item: Json, sets: int) -> tuple[int, int, int]:
    low, high = ((item["seconds_min"], item["seconds_max"]) if is_timed(item)
                 else (item["reps_min"], item["reps_max"]))
    return sets, int(low), int(high)


def _followed(plan: PlanView, weeks: list[int]) -> Iterator[tuple[SessionView, Json,
                                                                   list[tuple[Json, Json]]]]:
    """Each main lift of the block's first week, followed by its session's place in the week
    and its place among the session's main lifts: (first session, item, [(block, item) a week
    while the same lift holds the place])."""
    roles = _uses_roles(plan)
    days = [plan.week_sessions(w) for w in weeks]
    for k, first in enumerate(days[0]):
        for j, (_, item) in enumerate(_main_lifts(first, roles)):
            seen = []
            for sessions in days:
                mains = _main_lifts(sessions[k], roles) if k < len(sessions) else []
                if j >= len(mains) or mains[j][1]["exercise_id"] != item["exercise_id"]:
                    break
                seen.append(mains[j])
            yield first, item, seen


def _check_beginner(plan: PlanView) -> Iterator[Violation]:
    """progression.beginner: a beginner's main lifts keep their sets and reps across a block's
    normal weeks (linear: the same scheme, the coach adds load) and carry no RPE target."""
    if plan.profile.get("level") != Level.BEGINNER.value:
        return
    for weeks in _block_weeks(plan):
        for first, item, seen in _followed(plan, weeks):
            schemes = [_scheme(i, int(b["rounds"]) if b["kind"] == "superset" else i["sets"])
                       for b, i in seen]
            if len(set(schemes)) > 1:
                said = ", ".join(f"{n} x {lo}-{hi}" for n, lo, hi in schemes)
                yield first.violation(
                    "progression.beginner",
                    f"main lift {item['exercise_id']} changes its scheme across weeks "
                    f"{weeks[0]}-{weeks[len(schemes) - 1]}: {said}; a beginner repeats the same "
                    "sets and reps and adds load", str(item["exercise_id"]))
    for w in _normal_weeks(plan):
        for s in plan.week_sessions(w):
            for item in s.items:
                if item.get("rpe") is not None:
                    yield s.violation(
                        "progression.beginner",
                        f"{item['exercise_id']} has an RPE target ({item['rpe']:g}); a "
                        "beginner's progression is linear: the coach adds load, no RPE",
                        str(item["exercise_id"]))


def _check_advanced(plan: PlanView) -> Iterator[Violation]:
    """progression.advanced: an advanced lifter's main lifts of sets the RPE table covers carry
    an RPE target outside deload weeks; the target never falls from one normal week of a block
    to the next and ends above where it started (a block of two or more normal weeks); and a
    main lift that comes more than once a week has a lighter day (a lower target)."""
    if plan.profile.get("level") != Level.ADVANCED.value:
        return
    most = plan.rules.progression.rpe_max_reps
    roles = _uses_roles(plan)
    for w in _normal_weeks(plan):
        days: dict[str, list[float]] = {}
        for s in plan.week_sessions(w):
            for _, item in _main_lifts(s, roles):
                if is_timed(item) or int(item["reps_max"]) > most:
                    continue
                rpe = item.get("rpe")
                if rpe is None:
                    yield s.violation(
                        "progression.advanced",
                        f"main lift {item['exercise_id']} ({item['reps_min']}-{item['reps_max']} "
                        "reps) has no RPE target; an advanced lifter's main lifts carry one",
                        str(item["exercise_id"]))
                    continue
                days.setdefault(str(item["exercise_id"]), []).append(float(rpe))
        for ident, targets in days.items():
            if len(targets) > 1 and len(set(targets)) == 1:
                yield Violation(
                    "progression.advanced",
                    f"main lift {ident} comes {len(targets)} times this week, every time at "
                    f"RPE {targets[0]:g}; an advanced lifter's lift that comes more than once a "
                    "week has a lighter day", week=w, exercise_id=ident)
    for weeks in _block_weeks(plan):
        if len(weeks) < 2:
            continue
        for first, item, seen in _followed(plan, weeks):
            if len(seen) < 2 or any(i.get("rpe") is None for _, i in seen):
                continue
            rpes = [float(i["rpe"]) for _, i in seen]
            if all(a <= b for a, b in pairwise(rpes)) and rpes[-1] > rpes[0]:
                continue
            yield first.violation(
                "progression.advanced",
                f"main lift {item['exercise_id']}'s RPE targets across weeks {weeks[0]}-"
                f"{weeks[len(rpes) - 1]} are {', '.join(f'{r:g}' for r in rpes)}; an advanced "
                "block rises week to week "
                "(periodised)", str(item["exercise_id"]))


# ---------------------------------------------------------------------------------------------
# The notes say what the plan holds

_TALLY = re.compile(r"\bweek (\d+) hard sets per muscle\b")
_FIGURE = re.compile(r"\b([a-z][a-z-]*) (\d+(?:\.\d+)?) \((\d+)-(\d+)\)")


def _check_muscle_note(plan: PlanView) -> Iterator[Violation]:
    """volume.muscle-note: a note that shows a week's hard sets per muscle against the band
    gives each muscle it names the week's own figure and the goal and level's band (a
    hand edit that adds sets leaves the tally behind). A plan without such a note (a plan
    written by hand) is not judged by it."""
    mv = plan.rules.muscle_volume
    level = Level(plan.profile["level"])
    tallies = [(int(m[1]), note) for note in (str(n).lower() for n in plan.plan_notes)
               if (m := _TALLY.search(note))]
    for week, note in tallies:
        if not 1 <= week <= len(plan.weeks):
            yield Violation("volume.muscle-note", f"the notes tally week {week}'s sets per "
                            f"muscle, but the plan has {len(plan.weeks)} weeks")
            continue
        sets = _week_muscles(plan, week)
        said = {m[1]: (float(m[2]), (int(m[3]), int(m[4]))) for m in _FIGURE.finditer(note)}
        for muscle in mv.tracked:
            band = mv.band(plan.goal, level, muscle)
            if muscle not in said:
                continue
            count, stated = said[muscle]
            if abs(count - sets[muscle]) > 1e-9 or stated != tuple(band):
                yield Violation(
                    "volume.muscle-note",
                    f"the notes say {muscle} {count:g} ({stated[0]}-{stated[1]}) in week "
                    f"{week}; the week holds {sets[muscle]:g} against the band "
                    f"{band[0]}-{band[1]}", week=week)


def _check_protect_said(plan: PlanView) -> Iterator[Violation]:
    """protect.said: each protected area's note names it and says what it removed
    ([protect.*] removed); a plan that excludes the hinge pattern for a lifter who does not
    protect the lower back says --protect lower-back is there for a sore back."""
    notes = [str(n) for n in plan.plan_notes]
    if (Pattern.HINGE.value in _excluded(plan) and "lower-back" not in _protected(plan)
            and "lower-back" in plan.rules.protect
            and not any("--protect lower-back" in n for n in notes)):
        yield Violation(
            "protect.said",
            "--exclude hinge leaves out every hinge (hip thrusts and bridges too) and no note "
            "says --protect lower-back keeps those for a sore back")
    for area in _protected(plan):
        rule = plan.rules.protect[area]
        mine = [n for n in notes if f"--protect {area}" in n]
        if not any(rule.removed in n for n in mine):
            yield Violation(
                "protect.said",
                f"no note says what --protect {area} removed ({rule.removed!r}); the lifter "
                "reads what left the plan and why")


CHOICE_CHECKS: Mapping[str, Check] = {
    "substitution.loaded": _check_loaded,
    "substitution.no-regression": _check_no_regression,
    "substitution.vertical-pull": _check_vertical_pull,
    "progression.beginner": _check_beginner,
    "progression.advanced": _check_advanced,
    "volume.muscle-note": _check_muscle_note,
    "protect.said": _check_protect_said,
}
"""The checks of exercise choice, progression by level and the notes, by rule id."""
