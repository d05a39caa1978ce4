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

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans import build_json
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.check import check_plan
from redwood.rules import load_rules

RULES = load_rules()
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
