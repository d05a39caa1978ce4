"""Knee flexion and the hamstrings reach their floors by trades while the session has time
(issue 10, items 1-3).

bench/main_sets.py (600 profiles, seed 1) found 87 plans whose first normal week held fewer
knee-flexion sets than [muscle_volume.knee_flexion] while a session had a quarter of its minutes
left. The sets were held by a muscle the curls also work at its band's top (the glutes filled by
hip thrusts, the calves by calf raises, the hamstrings by hinges) or by main.most-sets (a curl
at its session's main-lift sets): a set of the work that fills the muscle now gives way to a
curl set (an accessory first, a main lift only above the goal's sets), the curl moves to a
session whose main lifts allow it, or a second curl joins at two sets. Where the main lifts at
the goal's sets fill the muscle, the week stays short and its note names the muscle and its sets.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from test_plan_isolation import FREQUENT

from plans import build_json
from redwood.catalog import load_catalog
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.check import check_plan
from redwood.planner.volume import json_week_muscle_sets, muscle_shares
from redwood.rules import load_rules

RULES = load_rules()
CATALOG = load_catalog()

# plan_space's profiles (bench/plan_space.py `profile`, --seed 1) that main_sets.py counted.
SORE_BACK_SIX_DAYS = dict(goal="hypertrophy", level="advanced", days=6, minutes=85, weeks=2,
                          location="gym", equipment=["water-bottle", "bench", "stairs"],
                          supersets=True, seed=6443, protect=["lower-back"])
TOWEL_AT_HOME = dict(goal="strength", level="intermediate", days=5, minutes=78, weeks=6,
                     location="home", equipment=["towel", "medicine-ball"], supersets=False,
                     seed=4233)
NO_HINGE_OUTDOORS = dict(goal="hypertrophy", level="beginner", days=3, minutes=56, weeks=4,
                         location="outdoor", equipment=["sled", "dumbbell", "hill", "box"],
                         supersets=False, seed=9756, exclude=["hinge"], protect=["shoulders"])
# (seed 4856, a kettlebell in a gym, was the example here until its curl moved to a legs day:
# test_plan_floors_moved.py.)
# (seed 657, six days outdoors with a sore back, was the example here until the curls' floor
# came before the hamstrings' top: test_plan_floors_moved.py.) --seed 2:
GYM_NO_LUNGES = dict(goal="strength", level="intermediate", days=5, minutes=67, weeks=10,
                     location="gym", equipment=[], supersets=True, seed=3760, exclude=["lunge"])


def _knee_flexion(week: dict[str, Any]) -> int:
    return sum(b["rounds"] if b["kind"] == "superset" else i["sets"]
               for s in week["sessions"] for b in s["blocks"] for i in b["items"]
               if i["pattern"] == "knee-flexion")


def _normal(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in data["weeks"] if not w["deload"]]


def _floor(options: dict[str, Any]) -> int:
    return RULES.muscle_volume.knee_flexion_floor(Goal(options["goal"]), Level(options["level"]))


def test_six_days_with_a_sore_back_get_the_advanced_knee_flexion_floor() -> None:
    # One sliding leg curl of 2 sets a week of the 4 an advanced hypertrophy plan aims for, the
    # glutes at 20 of 12-20 (hip thrusts at 4-5 sets) holding the curl's half glute set back,
    # sessions at 33-45 of 85 min: the hip abduction and a fifth hip-thrust set make way.
    data = build_json(**SORE_BACK_SIX_DAYS)
    for week in _normal(data):
        assert _knee_flexion(week) >= _floor(SORE_BACK_SIX_DAYS), week["index"]
    assert check_plan(data) == []


def test_a_towel_at_home_gets_a_third_knee_flexion_set() -> None:
    # The hamstring walkout sat at 2 sets beside two-set rows (main.most-sets) with the
    # hamstrings at 13 of 8-14: it moves to a legs day whose main lifts allow a third set.
    data = build_json(**TOWEL_AT_HOME)
    for week in _normal(data):
        assert _knee_flexion(week) >= _floor(TOWEL_AT_HOME), week["index"]
    assert check_plan(data) == []


def test_the_hamstrings_reach_their_floor_before_the_glutes_get_abduction() -> None:
    # No hinges allowed: the hamstrings were at 9.5 of 10-14 while the glutes sat at their top
    # of 14, partly through a side-lying hip abduction, and a session ended at 36 of 56 min.
    data = build_json(**NO_HINGE_OUTDOORS)
    goal, level = Goal.HYPERTROPHY, Level.BEGINNER
    low = RULES.muscle_volume.band(goal, level, "hamstrings")[0]
    for week in _normal(data):
        sets = json_week_muscle_sets(week, RULES.muscle_volume, goal)
        assert sets["hamstrings"] >= low, (week["index"], sets["hamstrings"])
    assert check_plan(data) == []


def test_a_week_the_main_lifts_fill_takes_its_curl_set_beside_a_back_set() -> None:
    # Deadlifts and RDLs at 4 sets and three back-squat days fill the hamstrings (14 of 8-14),
    # and legs:back sat at its 2:1: the main lifts keep their sets, and the note said legs:back
    # held the curls at 2 of 3. The back takes a set where it has room (a rear-delt raise, the
    # upper back at 12.5 of 8-14) and the curls their floor, the hamstrings past their top by
    # the floor's curl set only (test_plan_last_floors.py).
    data = build_json(**GYM_NO_LUNGES)
    week = _normal(data)[0]
    assert _knee_flexion(week) == 3
    notes = " ".join([*data["notes"], *week.get("notes", [])])
    assert "Knee flexion (leg curls)" not in notes
    assert check_plan(data) == []


NAMED = re.compile(r"Knee flexion \(leg curls\): (\d+) of the (\d+) hard sets[^;]*; a set more of "
                   r"any curl would take the (.*?) past (?:the top of the band|their bands' tops)")
MUSCLE = re.compile(r"([a-z-]+) \(([\d.]+) of (\d+)-(\d+)\)")

@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(FREQUENT)  # 4-6 days over plan_space's kits, exclusions and protected areas
def test_a_note_that_names_what_holds_the_curls_back_is_true(options: dict[str, Any]) -> None:
    # Whatever the profile, a short week's note names the muscles with their real sets and
    # band, and each sits where one more set of every curl of the week would pass its top.
    data = build_json(weeks=2, **options)
    goal, level = Goal(options["goal"]), Level(options["level"])
    for week in _normal(data):
        sets = json_week_muscle_sets(week, RULES.muscle_volume, goal)
        curls = [CATALOG.get(i["exercise_id"]) for s in week["sessions"] for b in s["blocks"]
                 for i in b["items"] if i["pattern"] == "knee-flexion"]
        for note in [*data["notes"], *week.get("notes", [])]:
            said = NAMED.search(note)
            if said is None or int(said.group(1)) != _knee_flexion(week):
                continue
            assert int(said.group(1)) < int(said.group(2)) == _floor(options)
            named = MUSCLE.findall(said.group(3))
            assert named, note
            for muscle, n, low, high in named:
                assert float(n) == sets[muscle], (muscle, n, sets[muscle])
                assert (int(low), int(high)) == RULES.muscle_volume.band(goal, level, muscle)
            for ex in curls:
                shares = muscle_shares(ex.primary_muscles, ex.secondary_muscles,
                                       RULES.muscle_volume, goal)
                assert any(sets[m] + shares.get(m, 0.0) > int(high) + 1e-9
                           for m, _n, _low, high in named), (ex.id, note)
    assert not [v for v in check_plan(data) if v.rule == "pattern.knee-flexion-sets"]
