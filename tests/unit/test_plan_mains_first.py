"""Main lifts before accessories, and knee flexion of its own (issue 10, items 1, 2 and 5).

A coach reviewing a strength plan found main lifts held at 2 sets while the session had time to
spare and accessories kept theirs (a muscle's top reached by the accessories' half-credit
sets: a plank beside a goblet squat's bracing), and one seated leg curl of 2 sets a week in an
advanced 5 x 75-minute plan whose hamstrings were filled by hinges (maeo2021: knee flexion is
its own pattern). The accessories give way to the main lift, knee flexion grows toward
[muscle_volume.knee_flexion] where the bands and minutes allow, and a week that still falls
short says so (pattern.knee-flexion-sets). bench/main_sets.py counts both
over random profiles.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans import build_json
from redwood.domain.vocabulary import Goal, Level, Muscle
from redwood.planner.check import check_plan
from redwood.planner.volume import json_week_muscle_sets, muscle_shares
from redwood.rules import load_rules

RULES = load_rules()
KNOWN = {m.value for m in Muscle}
# The review found this plan's goblet squat at 2 sets with time to spare; a coach wants a
# strength plan's main lifts at 3 or more (the goal starts them at [goals.strength] compound_sets).
KEPT = 3


def _items(session: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for b in session["blocks"] for i in b["items"]]


def _knee_flexion(week: dict[str, Any]) -> int:
    return sum(b["rounds"] if b["kind"] == "superset" else i["sets"]
               for s in week["sessions"] for b in s["blocks"] for i in b["items"]
               if i["pattern"] == "knee-flexion")


def test_the_goblet_squat_day_gets_its_third_set_before_the_accessories() -> None:
    # Full body B ended at 47 of 60 min with the goblet squat and the inverted row at 2 sets and
    # five accessories at 2: the reverse lunge, whose pattern the week keeps on its other days,
    # gives way, and the squat gets its third set.
    data = build_json(goal="strength", level="intermediate", days=3, minutes=60, weeks=4,
                      location="home", equipment=["dumbbell"], protect=["lower-back"], seed=0)
    week = data["weeks"][0]
    squat = [i for s in week["sessions"] for i in _items(s) if i["exercise_id"] == "goblet-squat"]
    assert squat and all(i["sets"] >= KEPT for i in squat), [i["sets"] for i in squat]
    for s in week["sessions"]:
        mains = [i["sets"] for i in _items(s) if i["role"] == "main"]
        assert all(i["sets"] <= min(mains) for i in _items(s) if i["role"] != "main")
    assert check_plan(data) == []


def test_an_advanced_strength_plan_short_of_knee_flexion_says_by_how_much() -> None:
    # The review's plan: one seated leg curl of 2 sets a week, the hamstrings at 16 of 10-16
    # through the deadlift, the RDL and the squats' half sets. The main lifts keep their sets
    # (a deadlift giving its fourth set to the curl lost it to the time steps, which need the
    # hamstrings' room for the sessions' minutes): the note says what is missing.
    data = build_json(goal="strength", level="advanced", days=5, minutes=75, weeks=12, seed=0)
    floor = RULES.muscle_volume.knee_flexion_floor(Goal.STRENGTH, Level.ADVANCED)
    for week in data["weeks"]:
        if week["deload"]:
            continue
        sets = _knee_flexion(week)
        notes = " ".join([*data["notes"], *week.get("notes", [])])
        assert sets > 0
        if sets < floor:  # short of the floor: the notes say by how much
            assert f"Knee flexion (leg curls): {sets} of the {floor} hard sets" in notes
        else:
            assert f"{sets} of the {floor} hard sets" not in notes
    assert check_plan(data) == []


PROFILES = st.fixed_dictionaries({
    "goal": st.sampled_from([g.value for g in Goal]),
    "level": st.sampled_from([v.value for v in Level]),
    "days": st.integers(3, 6),
    "minutes": st.sampled_from([30, 45, 60, 75, 90]),
    "location": st.sampled_from(["gym", "home"]),
    "equipment": st.sampled_from([[], ["dumbbell"], ["dumbbell", "bench"],
                                  ["kettlebell", "pull-up-bar"]]),
    "seed": st.integers(0, 10_000),
})


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES)
def test_a_week_short_of_knee_flexion_says_so_with_its_sets(options: dict[str, Any]) -> None:
    data = build_json(weeks=3, **options)
    floor = RULES.muscle_volume.knee_flexion_floor(Goal(options["goal"]), Level(options["level"]))
    said = re.compile(r"Knee flexion \(leg curls\): (\d+) of the (\d+) hard sets")
    for week in data["weeks"]:
        if week["deload"]:
            continue
        sets = _knee_flexion(week)
        notes = [*data["notes"], *week.get("notes", [])]
        found = {(int(a), int(b)) for n in notes for a, b in said.findall(n)}
        if 0 < sets < floor:
            assert (sets, floor) in found, (week["index"], sets, notes)
    assert not [v for v in check_plan(data) if v.rule == "pattern.knee-flexion-sets"]


# Issue 10, items 1 and 5: a session that ends early (under [dosing] min_time_use of its
# minutes) keeps no main lift below the goal's sets while an accessory of the week that trains
# every muscle in the lift's way (a main muscle the lift's next set would take over its top) as
# a prime mover still has more than [dosing] min_sets to give. The one excuse is the checker's:
# the lift's next set would take a muscle it trains [coach_checks] above_band_sets or more past
# its top (a row's bracing share of core at 11.5 of 6-10), where volume.muscle-bands asks for a
# plan no other rule allows. bench/main_sets.py counts the short main lifts over random profiles;
# most that remain sit where every set of the muscle's band is in main lifts at their fewest sets.
def _main_held_short(options: dict[str, Any]) -> list[tuple[int, str, str, int]]:
    data = build_json(**options)
    goal, level = Goal(options["goal"]), Level(options["level"])
    mv, least = RULES.muscle_volume, RULES.dosing.min_time_use
    goal_sets = min(RULES.goals[goal].compound_sets, RULES.dosing.main_max_sets[level])
    margin = RULES.coach_checks.above_band_sets

    def shares(item: dict[str, Any]) -> dict[str, float]:
        def of(names: list[str]) -> tuple[Muscle, ...]:
            return tuple(Muscle(n) for n in names if n in KNOWN)
        return muscle_shares(of(item["primary_muscles"]), of(item["secondary_muscles"]), mv, goal)

    found = []
    for week in data["weeks"]:
        if week["deload"]:
            continue
        sets = json_week_muscle_sets(week, mv, goal)
        accessories = [i for s in week["sessions"] for b in s["blocks"] if b["kind"] != "superset"
                       for i in b["items"] if i["role"] != "main"]
        for s in week["sessions"]:
            if s["estimated_minutes"] >= least * options["minutes"]:
                continue
            for b in s["blocks"]:
                for i in b["items"]:
                    if b["kind"] == "superset" or i["role"] != "main" or i["sets"] >= goal_sets:
                        continue
                    own = shares(i)
                    way = {m for m, x in own.items()
                           if m in mv.main and x >= 1 and sets[m] + x > mv.band(goal, level, m)[1]}
                    givers = [a for a in accessories if a["sets"] > RULES.dosing.min_sets
                              and all(shares(a).get(m, 0.0) >= 1 for m in way)]
                    if not way or not givers:
                        continue
                    if any(sets[m] + x >= mv.band(goal, level, m)[1] + margin
                           for m, x in own.items()):
                        continue  # the checker's line: the next set goes nowhere
                    found.append((week["index"], s["title"], i["name"], i["sets"]))
    return found


# Each held a main lift at 2 (or a strength one at 3) in a session that ended early while an
# accessory of the week at 3 sets trained the same muscles (bench/main_sets.py, seed 1): the
# lift's next set took core, already above its band through the lifts' bracing, half a set
# further (10.5 -> 11 of 6-10), which volume.muscle-bands accepts with the note under
# [coach_checks] above_band_sets, and the planner refused.
SHORT_ON_MAIN = [
    dict(goal="hypertrophy", level="advanced", days=3, minutes=81, weeks=11, location="gym",
         equipment=["towel", "sled", "kettlebell"], supersets=False, seed=5578,
         protect=["lower-back"]),
    dict(goal="hypertrophy", level="advanced", days=3, minutes=107, weeks=2, location="gym",
         equipment=["barbell"], supersets=False, seed=1804, exclude=["lunge"],
         protect=["lower-back"]),
    # (In place of seed 4930, 3 x 90 min outdoors with a sled, whose plan this step no longer
    # touches: its box pistol squat's next set, the accessories giving theirs, leaves
    # Wednesday's full session ending early, which time.use refuses. This one held its main
    # lifts short without the step, found by plan_space's profiles, seed 3.)
    dict(goal="strength", level="intermediate", days=3, minutes=109, weeks=2, location="home",
         equipment=["towel"], supersets=False, seed=5023, protect=["knees"]),
    dict(goal="endurance", level="beginner", days=4, minutes=71, weeks=10, location="outdoor",
         equipment=["pull-up-bar", "bench"], supersets=False, seed=236,
         exclude=["vertical-pull"], protect=["knees"]),
]


@pytest.mark.parametrize("options", SHORT_ON_MAIN, ids=lambda o: f"seed{o['seed']}")
def test_a_session_ending_early_takes_the_main_lifts_set_from_an_accessory(options) -> None:
    assert _main_held_short(options) == []
    assert check_plan(build_json(**options)) == []


@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({
    "goal": st.sampled_from([g.value for g in Goal]),
    "level": st.sampled_from([v.value for v in Level]),
    "days": st.integers(3, 6),
    "minutes": st.integers(40, 120),
    "weeks": st.integers(1, 3),
    "location": st.sampled_from(["gym", "home", "outdoor"]),
    "equipment": st.sampled_from([[], ["kettlebell"], ["dumbbell", "bench"], ["barbell"],
                                  ["pull-up-bar", "bench"], ["towel", "sled", "kettlebell"]]),
    "supersets": st.booleans(),
    "seed": st.integers(0, 10_000),
    "protect": st.sampled_from([[], ["lower-back"], ["knees"]]),
}))
def test_no_main_lift_waits_behind_an_accessory_with_sets_to_give(options) -> None:
    assert _main_held_short(options) == []
