"""Isolation work across the week (issue 10): a coach spaces each muscle's isolation work like
its hard sessions, 48 h apart ([schedule] min_hours_between_hard, the guide), and varies an
isolation exercise the week would otherwise do three times ([progression] accessory_most_days).
Where the week has more sessions of a pattern than its days can space (calf raises in four
sessions of a five-day week), the planner joins one session's sets to the pattern's work on
another day, or drops what the others cannot take while every muscle keeps its band's floor
(isolation._merge_isolation). Before the fill, the templates' isolation slots of one pattern
stay only in sessions 48 h apart (isolation._thin_isolation), and the fill and the cuts put no
isolation beside the same pattern's work a day away while another session can take it. Where
no one move or join can space a pattern, its weekly sets are gathered into sessions 48 h apart
(isolation._gather_isolation: calf raises of 3 + 2 + 3 on Tuesday, Thursday and Friday become
4 + 3 on Monday and Friday). bench/isolation_spacing.py counts both over random plans."""

from __future__ import annotations

import collections
import copy
import datetime as dt
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans import build_json, established
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.check import check_plan
from redwood.planner.steps.context import WEEKLY_PATTERNS
from redwood.planner.volume import json_week_muscle_sets
from redwood.rules import load_rules

RULES = load_rules()
HOURS = RULES.schedule.min_hours_between_hard
MOST = RULES.progression.accessory_most_days


def _spaced(item: dict[str, Any]) -> bool:
    """An isolation accessory a coach spaces (not core: every session's lifts brace it)."""
    return (item["role"] == "accessory" and item["mechanic"] == "isolation"
            and item["pattern"] != "core")


def _patterns(session: dict[str, Any]) -> set[str]:
    return {i["pattern"] for b in session["blocks"] for i in b["items"] if _spaced(i)}


def close_pairs(week: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(day, pattern, day) for two sessions of the week less than 48 h apart, across the week's
    end too (the week repeats), that both hold isolation work of one pattern."""
    found = []
    sessions = week["sessions"]
    for n, a in enumerate(sessions):
        for b in sessions[n + 1:]:
            gap = (dt.date.fromisoformat(b["date"]) - dt.date.fromisoformat(a["date"])).days % 7
            if min(gap, 7 - gap) * 24 < HOURS:
                found += [(a["date"], p, b["date"]) for p in sorted(_patterns(a) & _patterns(b))]
    return found


def thrice(week: dict[str, Any]) -> dict[str, int]:
    """Isolation exercises in more than accessory_most_days sessions of the week."""
    held = collections.Counter(x for s in week["sessions"] for x in {
        i["exercise_id"] for b in s["blocks"] for i in b["items"] if _spaced(i)})
    return {x: n for x, n in held.items() if n > MOST}


def _normal(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in data["weeks"] if not w["deload"]]


# Profiles whose weeks put isolation of one pattern on consecutive days, or one isolation
# exercise in three sessions, before _merge_isolation (bench/isolation_spacing.py's draws).
SPACED_NOW = [
    # Six days of dumbbells: calf raises Monday and Tuesday.
    dict(goal="hypertrophy", level="advanced", days=6, minutes=60, location="home",
         equipment=["dumbbell"], seed=7564),
    # (glutehalf: the 5 x 45 home lifter without squats, seed 1941, now keeps leg curls on Monday
    # and Tuesday with their note, the thinned week refused by _thinned_as_good. Its place:)
    # four days outdoors with a kettlebell, no hinges: rear-delt raises Monday and Tuesday and
    # leg curls Thursday and Friday, which only _merge_isolation spaces.
    dict(goal="hypertrophy", level="intermediate", days=4, minutes=52, location="outdoor",
         equipment=["kettlebell"], exclude=["hinge"], protect=["knees"], seed=1858),
    dict(goal="strength", level="intermediate", days=4, minutes=82, location="gym",
         equipment=["stairs"], seed=6881),
    dict(goal="endurance", level="intermediate", days=5, minutes=30, location="outdoor",
         equipment=["dumbbell"], seed=5729),
    # (glutehalf: the kettlebell and pull-up bar lifter of seed 4902, whose rear-delt raise came
    # in three sessions, now keeps rear-delt work on all six days with its note: the thinned week
    # is refused by _thinned_as_good. Its place:) five 60-minute gym days with a band and a
    # bench: five close pairs and one isolation exercise in three sessions before the spacing,
    # rear-delt work on Friday and Saturday without the thinned week.
    dict(goal="endurance", level="advanced", days=5, minutes=60, location="gym",
         equipment=["resistance-band", "bench"], exclude=["lunge"], protect=["lower-back"],
         seed=745),
    dict(goal="endurance", level="beginner", days=3, minutes=90, location="home",
         equipment=["kettlebell", "pull-up-bar"], exclude=["squat"], protect=["lower-back"],
         seed=8160),
    # Before _thin_isolation, every template session's leg curl, calf raise and rear-delt slot
    # stayed where the sessions had the minutes (the review's 4 x 60 gym lifter is not here: its
    # thinned week left a session too short for the rows' rep wave, test_plan_waves, so its
    # close pairs stay with their note) ...
    # ... leg curls on Friday and Saturday of five 90-minute days outdoors without a hinge (in
    # seed 3592's place: with glutehalf its calf raises stay on Tuesday and Wednesday with their
    # note, the thinned week refused by _thinned_as_good) ...
    dict(goal="hypertrophy", level="advanced", days=5, minutes=90, location="outdoor",
         equipment=[], exclude=["hinge"], protect=["shoulders"], seed=4887),
    # ... and calf raises Friday and Saturday, each at its two-set main lifts' sets (the fill
    # added a fourth session's to take calves from their floor towards the top).
    dict(goal="strength", level="advanced", days=6, minutes=115, location="home",
         equipment=["pull-up-bar"], exclude=["lunge"], protect=["shoulders"], seed=6736),
]


@pytest.mark.parametrize("options", SPACED_NOW, ids=lambda o: f"seed{o['seed']}")
def test_isolation_of_one_pattern_is_48_hours_apart_and_varied(options) -> None:
    data = build_json(weeks=4, start="2027-01-04", **options)
    for week in _normal(data):
        assert not close_pairs(week), (week["index"], close_pairs(week))
        assert not thrice(week), (week["index"], thrice(week))
    assert not established(check_plan(data)), [v.line() for v in check_plan(data)]


def _week1(options: dict[str, Any]) -> dict[str, Any]:
    return build_json(**options)["weeks"][0]


def _assert_floors_kept(before: dict[str, Any], after: dict[str, Any],
                        options: dict[str, Any]) -> None:
    """No muscle of week `after` below its band's floor where week `before` had it."""
    goal, level = Goal(options["goal"]), Level(options["level"])
    mv = RULES.muscle_volume
    had, has = json_week_muscle_sets(before, mv, goal), json_week_muscle_sets(after, mv, goal)
    for m in mv.tracked:
        low = mv.band(goal, level, m)[0]
        assert has[m] >= min(had[m], low) - 1e-9, (m, had[m], has[m], options)


# Frequent weeks (4-6 days) over plan_space's kits, exclusions and protected areas: home kits
# crowd one pattern into most sessions (few exercises per pattern), where the joins do most.
# Drawn this way, 150 examples find a join that took hamstrings below their floor when
# _floors_kept was switched off (the plans.PROFILE_SPACE draw, without exclusions, did not).
FREQUENT = st.fixed_dictionaries({
    "goal": st.sampled_from([g.value for g in Goal]),
    "level": st.sampled_from([lv.value for lv in Level]),
    "days": st.integers(4, 6),
    "minutes": st.sampled_from([30, 45, 60, 75, 90, 120]),
    "location": st.sampled_from(["gym", "home", "outdoor"]),
    "equipment": st.sampled_from([[], ["dumbbell"], ["kettlebell"], ["kettlebell", "pull-up-bar"],
                                  ["resistance-band", "bench"], ["pull-up-bar", "bench"]]),
    "supersets": st.booleans(),
    "exclude": st.sampled_from([[], ["hinge"], ["squat"], ["lunge"]]),
    "protect": st.sampled_from([[], ["lower-back"], ["knees"], ["shoulders"]]),
    "seed": st.integers(0, 10_000),
})


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(FREQUENT)
def test_joining_isolation_never_costs_a_floor_a_pattern_or_the_minutes(options) -> None:
    """Over 4-6-day plans, against the same planner without the joins: the week's close pairs
    and thrice-a-week isolation never grow, no muscle at its band's floor falls below it, the
    week keeps every pattern it had, every session stays inside its minutes, and the plan keeps
    every rule `redwood check` holds the whole space to."""
    options = {**options, "weeks": 2}
    # The joins alone: both builds without the thinned second build (_thin_isolation).
    with mock.patch("redwood.planner.steps.week._thin_isolation", lambda sessions, ctx: False):
        data = build_json(**options)
        with mock.patch("redwood.planner.steps.week._merge_isolation", lambda sessions, ctx: None):
            before = _week1(options)
    after = data["weeks"][0]
    assert len(close_pairs(after)) <= len(close_pairs(before))
    assert sum(thrice(after).values()) <= sum(thrice(before).values())
    _assert_floors_kept(before, after, options)

    def patterns(week: dict[str, Any]) -> set[str]:
        return {i["pattern"] for s in week["sessions"] for b in s["blocks"] for i in b["items"]}

    assert patterns(after) == patterns(before)
    assert all(s["estimated_minutes"] <= options["minutes"] for s in after["sessions"])
    assert not established(check_plan(data)), [v.line() for v in check_plan(data)]


WEEKLY = {p.value for p in WEEKLY_PATTERNS}


def _weekly(week: dict[str, Any]) -> set[str]:
    return {i["pattern"] for s in week["sessions"] for b in s["blocks"] for i in b["items"]
            if i["pattern"] in WEEKLY}


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(FREQUENT)
def test_thinning_the_templates_spaces_isolation_and_keeps_the_weekly_patterns(options) -> None:
    """Over 4-6-day plans, against the same planner that keeps every template session's
    isolation slots (isolation._thin_isolation off): the week's close pairs never grow, it keeps
    every weekly pattern, every muscle keeps its band's floor where it had it, and the plan
    keeps every rule `redwood check` holds the whole space to."""
    options = {**options, "weeks": 2}
    data = build_json(**options)
    with mock.patch("redwood.planner.steps.week._thin_isolation", lambda sessions, ctx: None):
        before = _week1(options)
    after = data["weeks"][0]
    assert len(close_pairs(after)) <= len(close_pairs(before)), (
        close_pairs(after), close_pairs(before))
    assert _weekly(after) >= _weekly(before)
    _assert_floors_kept(before, after, options)
    assert not established(check_plan(data)), [v.line() for v in check_plan(data)]


# Five days outdoors with a band and a bench, sore shoulders (hypertrophy, intermediate, 60
# min): rear-delt work in four sessions, Friday and Saturday among them, where the three sessions
# 48 h apart have room for 9 of the week's 12 sets (three each at their 3-set main lifts) and the
# gathering could not drop the other three (more than [schedule] spacing_drop_sets): the week
# stays and its note says why (isolation.spacing). (glutehalf: the 5 x 60 home lifter with a
# box, seed 5472, whose calf raises this was, is now spaced by the thinned week.)
EXCUSED = dict(goal="hypertrophy", level="intermediate", days=5, minutes=60, location="outdoor",
               equipment=["resistance-band", "bench"], protect=["shoulders"], seed=2535)


def _notes(data: dict[str, Any], week: dict[str, Any]) -> list[str]:
    return [n.lower() for n in [*data["notes"], *week.get("notes", [])]]


def test_isolation_the_days_cannot_space_is_named_in_a_note() -> None:
    data = build_json(weeks=4, start="2027-01-04", **EXCUSED)
    pairs = close_pairs(data["weeks"][0])
    assert pairs
    for week in data["weeks"]:
        for _, pattern, _ in close_pairs(week):
            named = [n for n in _notes(data, week) if "[isolation.spacing]" in n
                     and pattern.replace("-", " ") in n]
            assert named, (week["index"], pattern)
    assert ("2027-01-08", "rear-delt", "2027-01-09") in pairs
    assert any("rear delt work on fri and sat, less than 48 h apart: it comes in 4 sessions "
               "and your 5 days allow at most 3 that far apart, with room for 9 of its 12 sets"
               in n for n in _notes(data, data["weeks"][0]))
    assert not check_plan(data), [v.line() for v in check_plan(data)]


def test_check_catches_isolation_a_day_apart_without_a_note() -> None:
    """Mutation: the note taken away, the excused plan's pairs are caught; and a clean plan with
    a calf raise copied onto the next day's session is caught on that day."""
    data = build_json(weeks=4, start="2027-01-04", **EXCUSED)
    bare = copy.deepcopy(data)
    bare["notes"] = [n for n in bare["notes"] if "[isolation.spacing]" not in n]
    for week in bare["weeks"]:
        week["notes"] = [n for n in week.get("notes", []) if "[isolation.spacing]" not in n]
    found = [v for v in check_plan(bare) if v.rule == "isolation.spacing"]
    assert (1, "2027-01-09") in {(v.week, v.date) for v in found}
    named = {p for week in data["weeks"] for _, p, _ in close_pairs(week)}
    assert {v.message.split()[0] for v in found} <= named

    clean = build_json(goal="hypertrophy", level="intermediate", days=4, minutes=60,
                       location="gym", seed=0, weeks=4, start="2027-01-04")
    assert not [v for v in check_plan(clean) if v.rule == "isolation.spacing"]
    week = clean["weeks"][0]
    dates = [dt.date.fromisoformat(s["date"]) for s in week["sessions"]]
    k = next(k for k in range(len(dates) - 1) if (dates[k + 1] - dates[k]).days == 1)
    item = next(i for b in week["sessions"][k]["blocks"] for i in b["items"] if _spaced(i))
    broken = copy.deepcopy(clean)
    target = broken["weeks"][0]["sessions"][k + 1]
    target["blocks"].insert(-1, {"kind": "single", "items": [copy.deepcopy(item)]})
    found = [v for v in check_plan(broken) if v.rule == "isolation.spacing"]
    assert [(v.week, v.date) for v in found] == [(1, target["date"])]
    assert item["pattern"] in found[0].message


def _set_notes(data: dict[str, Any], edit: Any) -> dict[str, Any]:
    """A copy of the plan whose [isolation.spacing] notes are each replaced by edit(note)."""
    out = copy.deepcopy(data)
    for holder in [out, *out["weeks"]]:
        if "notes" in holder:
            holder["notes"] = [edit(n) if "[isolation.spacing]" in n else n
                               for n in holder["notes"]]
    return out


def test_check_reads_the_days_and_the_claim_of_a_spacing_note() -> None:
    """Mutation (isolation.spacing, as tightened): a note that names the pattern but other
    days, or says the pattern comes in more sessions than the week holds it in, or that the days
    allow fewer sessions 48 h apart than they do, excuses nothing; the true note does."""
    data = build_json(weeks=4, start="2027-01-04", **EXCUSED)
    assert not [v for v in check_plan(data) if v.rule == "isolation.spacing"]
    for edit in (lambda n: n.replace("fri and sat", "mon and wed"),
                 lambda n: n.replace("comes in 4 sessions", "comes in 5 sessions"),
                 lambda n: n.replace("allow at most 3", "allow at most 2")):
        found = [v for v in check_plan(_set_notes(data, edit)) if v.rule == "isolation.spacing"]
        assert (1, "2027-01-09") in {(v.week, v.date) for v in found}, found


# Profiles whose weeks kept isolation of one pattern in sessions less than 48 h apart on main
# before _gather_isolation (bench/isolation_spacing.py's --list): the moves and joins could not
# space them, since no one session could take a whole exercise or join its sets. A coach gathers
# the pattern's weekly sets into sessions 48 h apart.
GATHERED = [
    # Six days: calf raises in four sessions (Friday and Saturday) -> three 48 h apart.
    dict(goal="endurance", level="advanced", days=6, minutes=60, location="home",
         equipment=["kettlebell", "bench"], protect=["knees"], seed=4771),
    # Five days in a gym with a kettlebell, no hinges (in the place of seed 7425, whose calf
    # raises and leg curls glutehalf's week spaces by moves alone).
    dict(goal="hypertrophy", level="intermediate", days=5, minutes=75, location="gym",
         equipment=["kettlebell"], exclude=["hinge"], protect=["shoulders"], seed=538),
    # Four days in a gym: calf raises on Thursday and Friday.
    dict(goal="strength", level="advanced", days=4, minutes=45, location="gym",
         equipment=["pull-up-bar"], exclude=["vertical-pull"], seed=5611),
    # Five days with dumbbells: rear-delt raises on Friday and Saturday (in the place of seed
    # 865, whose rear-delt raises glutehalf's week holds in four sessions, with its note).
    dict(goal="hypertrophy", level="advanced", days=5, minutes=90, location="outdoor",
         equipment=["dumbbell"], protect=["lower-back"], seed=3105),
    # Four days with dumbbells: calf raises of 3 + 2 + 3 on Tuesday, Thursday and Friday.
    dict(goal="strength", level="advanced", days=4, minutes=75, location="home",
         equipment=["dumbbell"], seed=715),
    # Four days in a gym with dumbbells and a kettlebell, no supersets (in the place of seed
    # 9705, whose week the floor trades now fill with a Pendlay row for the lats at their floor
    # and a curl the gathering cannot space; plan_space's profiles, seed 5).
    dict(goal="hypertrophy", level="advanced", days=4, minutes=75, location="gym",
         equipment=["dumbbell", "kettlebell"], supersets=False, seed=2085),
]


@pytest.mark.parametrize("options", GATHERED, ids=lambda o: f"seed{o['seed']}")
def test_a_patterns_isolation_sets_are_gathered_48_hours_apart(options) -> None:
    """No two sessions less than 48 h apart hold isolation work of one pattern in any normal
    week; against the same planner without _gather_isolation, every muscle keeps its band's
    floor where it had it, the week keeps its patterns and knee flexion its floor, and no
    session runs over its minutes."""
    data = build_json(weeks=4, start="2027-01-04", **options)
    for week in _normal(data):
        assert not close_pairs(week), (week["index"], close_pairs(week))
    # The gathering judged on its own: both builds without the later floors step
    # (_floors_before_tops runs on the chosen week and may add curls to either).
    with mock.patch("redwood.planner.generate._floors_before_tops", lambda sessions, ctx: False):
        after = build_json(weeks=4, start="2027-01-04", **options)["weeks"][0]
        with mock.patch("redwood.planner.steps.week._gather_isolation", lambda sessions, ctx: None):
            before = build_json(weeks=4, start="2027-01-04", **options)["weeks"][0]
    assert close_pairs(before)
    _assert_floors_kept(before, after, options)
    assert _weekly(after) >= _weekly(before)
    floor = RULES.muscle_volume.knee_flexion_floor(Goal(options["goal"]),
                                                   Level(options["level"]))

    def curls(week: dict[str, Any]) -> int:
        return sum(i["sets"] for s in week["sessions"] for b in s["blocks"] for i in b["items"]
                   if i["pattern"] == "knee-flexion")

    assert curls(after) >= min(curls(before), floor)
    assert curls(data["weeks"][0]) >= curls(after)  # the floors step only adds curls
    assert all(s["estimated_minutes"] <= options["minutes"] for s in after["sessions"])
    assert not established(check_plan(data)), [v.line() for v in check_plan(data)]


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(FREQUENT)
def test_gathering_never_crowds_costs_a_floor_a_pattern_or_the_minutes(options) -> None:
    """Over 4-6-day plans, against the same planner without _gather_isolation: the week's
    close pairs never grow, no muscle at its band's floor falls below it, knee flexion keeps
    its floor where it had it, the week keeps every weekly pattern, every session stays inside
    its minutes, and the plan keeps every rule `redwood check` holds the whole space to."""
    options = {**options, "weeks": 2}
    data = build_json(**options)
    with mock.patch("redwood.planner.steps.week._gather_isolation", lambda sessions, ctx: None):
        before = _week1(options)
    after = data["weeks"][0]
    assert len(close_pairs(after)) <= len(close_pairs(before))
    _assert_floors_kept(before, after, options)
    assert _weekly(after) >= _weekly(before)
    assert all(s["estimated_minutes"] <= options["minutes"] for s in after["sessions"])
    assert not established(check_plan(data)), [v.line() for v in check_plan(data)]


def test_spacing_never_moves_isolation_work_beside_a_compound_accessory_of_its_pattern() -> None:
    """Sore knees, no squats, outdoors with a band and a bench: a terminal knee extension
    (isolation) moved to space the week's knee-extension work landed beside a backward hill
    walk (a compound accessory of the same pattern) that the spacing's isolation count does not
    see, and `check` found pattern.once-per-session in every week."""
    plan = build_json(goal="endurance", level="intermediate", days=6, minutes=45, weeks=2,
                      start="2027-01-04", location="outdoor",
                      equipment=["resistance-band", "bench"], supersets=True, seed=0,
                      exclude=["squat"], protect=["knees"])
    assert not check_plan(plan)
    for week in plan["weeks"]:
        for session in week["sessions"]:
            knee = [it["exercise_id"] for b in session["blocks"] for it in b["items"]
                    if it["pattern"] == "knee-extension" and it["role"] != "main"]
            assert len(knee) <= 1, (session["date"], knee)
