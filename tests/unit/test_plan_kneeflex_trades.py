"""Knee flexion at its weekly floor by the trades a coach makes, and quadriceps work that sore
knees keep (issue 10, items 2 and 3).

bench/main_sets.py (600 profiles, seed 1) counted 19 plans whose first week held fewer
knee-flexion sets than [muscle_volume.knee_flexion] while a session had a quarter of its
minutes left, and 7 plans with a main muscle below its floor the same way, most of them the
quadriceps of lifters who exclude squats and protect their knees. Two trades close the
first where the rules allow them: a main lift above the goal's sets gives a set to the curl
(a fifth leg-press set for a fourth curl set), or a second curl joins on a day 48 h from the
first while the first comes a set lighter (two and two, not three and two). For the second,
[protect.knees] now removes the knee extensions through the whole range by name and keeps the
terminal knee extension (foot on the floor, knee near straight: steinkamp1993), so the
quadriceps get work of their own with a band or a cable.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans import build_json
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.check import check_plan
from redwood.planner.volume import json_week_muscle_sets
from redwood.rules import load_rules

RULES = load_rules()

# plan_space's profiles (bench/plan_space.py `profile`) that main_sets.py counted on main.
# Seed 1: leg press 5-4-4 and two three-set single-leg deadlifts hold the hamstrings at their
# top; the seated leg curl sat at 3 of the 4 sets an advanced strength plan aims for.
LEG_PRESS_AT_HOME = dict(goal="strength", level="advanced", days=5, minutes=73, weeks=6,
                         location="home", equipment=["towel", "machine", "sled", "stairs"],
                         supersets=False, seed=3940, protect=["shoulders"])
# Seed 1: one towel-slide curl at 3 sets beside three-set main lifts (main.most-sets caps it
# there), the hamstrings at their top: a third set of it, or a second curl of two, would take
# them two sets past it.
CABLE_OUTDOORS = dict(goal="endurance", level="advanced", days=5, minutes=90, weeks=1,
                      location="outdoor", equipment=["hill", "towel", "cable", "box",
                                                     "medicine-ball"], supersets=True, seed=3475)
# Seed 2: no squats, sore knees, a band: the quadriceps had 0-3 sets a week of 8-14 while
# sessions used a third of their two hours.
SORE_KNEES_NO_SQUATS = dict(goal="endurance", level="intermediate", days=6, minutes=120,
                            weeks=14, location="outdoor",
                            equipment=["resistance-band", "dumbbell", "pull-up-bar"],
                            supersets=True, seed=9633, exclude=["squat"], protect=["knees"])


def _items(week: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any], int]]:
    return [(s, i, b["rounds"] if b["kind"] == "superset" else i["sets"])
            for s in week["sessions"] for b in s["blocks"] for i in b["items"]]


def _knee_flexion(week: dict[str, Any]) -> int:
    return sum(n for _s, i, n in _items(week) if i["pattern"] == "knee-flexion")


def _normal(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in data["weeks"] if not w["deload"]]


def _floor(options: dict[str, Any]) -> int:
    return RULES.muscle_volume.knee_flexion_floor(Goal(options["goal"]), Level(options["level"]))


def test_a_leg_press_set_above_the_goals_sets_makes_way_for_the_fourth_curl_set() -> None:
    data = build_json(**LEG_PRESS_AT_HOME)
    goal, level = Goal.STRENGTH, Level.ADVANCED
    top = RULES.muscle_volume.band(goal, level, "hamstrings")[1]
    least = RULES.goals[goal].compound_sets
    for week in _normal(data):  # every block: no later pass trades the curl set away again
        assert _knee_flexion(week) >= _floor(LEG_PRESS_AT_HOME), week["index"]
        sets = json_week_muscle_sets(week, RULES.muscle_volume, goal)
        # Past the top only by less than [coach_checks] above_band_sets (the leg press gave).
        assert sets["hamstrings"] < top + RULES.coach_checks.above_band_sets, sets
        presses = [n for _s, i, n in _items(week) if i["exercise_id"] == "leg-press"]
        assert presses and min(presses) >= least, presses  # never below the goal's sets
    assert check_plan(data) == []


def test_two_curls_of_two_sets_two_days_apart_reach_the_floor() -> None:
    data = build_json(**CABLE_OUTDOORS)
    week = _normal(data)[0]
    assert _knee_flexion(week) >= _floor(CABLE_OUTDOORS)
    days = sorted(dt.date.fromisoformat(s["date"]) for s, i, _n in _items(week)
                  if i["pattern"] == "knee-flexion")
    assert len(days) >= 2
    hours = RULES.schedule.min_hours_between_hard
    assert all((b - a).days * 24 >= hours for a, b in pairwise(days)), days
    assert check_plan(data) == []


def test_sore_knees_without_squats_keep_quadriceps_work_of_their_own() -> None:
    data = build_json(**SORE_KNEES_NO_SQUATS)
    goal, level = Goal.ENDURANCE, Level.INTERMEDIATE
    low = RULES.muscle_volume.band(goal, level, "quadriceps")[0]
    gone = set(RULES.protect["knees"].exercises)
    for week in _normal(data):
        sets = json_week_muscle_sets(week, RULES.muscle_volume, goal)
        assert sets["quadriceps"] >= low, (week["index"], sets["quadriceps"])
        ids = {i["exercise_id"] for _s, i, _n in _items(week)}
        assert "terminal-knee-extension" in ids and not ids & gone, ids
    note = next(n for n in data["notes"] if n.startswith("No squats"))
    # Outdoors the hill's backward walk joins the band's terminal knee extension.
    assert "Terminal Knee Extension" in note.split("their own work from ")[1]
    assert check_plan(data) == []


SORE_KNEES = st.fixed_dictionaries({
    "goal": st.sampled_from([g.value for g in Goal]),
    "level": st.sampled_from([lv.value for lv in Level]),
    "days": st.integers(3, 6),
    "minutes": st.sampled_from([60, 75, 90, 120]),
    "location": st.sampled_from(["gym", "home", "outdoor"]),
    "equipment": st.sampled_from([["resistance-band"], ["resistance-band", "bench"], ["cable"],
                                  ["resistance-band", "dumbbell"],
                                  ["kettlebell", "resistance-band"], ["cable", "machine"]]),
    "supersets": st.booleans(),
    "exclude": st.just(["squat"]),
    "protect": st.just(["knees"]),
    "seed": st.integers(0, 10_000),
})


@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(SORE_KNEES)
def test_sore_knees_with_a_band_or_cable_train_the_quadriceps_near_straight(
        options: dict[str, Any]) -> None:
    # No squats and sore knees: with a band or a cable every plan of an hour or more holds a
    # terminal knee extension (quadriceps work of their own), none of the knee extensions
    # through the whole range [protect.knees] removes, and keeps every rule.
    data = build_json(weeks=2, **options)
    items = [i for w in data["weeks"] for _s, i, _n in _items(w)]
    ids = {i["exercise_id"] for i in items}
    assert ids & {"terminal-knee-extension", "cable-terminal-knee-extension"}, ids
    assert not ids & set(RULES.protect["knees"].exercises)
    assert check_plan(data) == []
