"""Dose muscles, not regions (issue 10 item 2): a full week's minutes go to a muscle below its
floor before a muscle at its top, and the core and calves never end the week above the legs.

bench/coach_grade.py found a beginner's hypertrophy plan (3 x 45 min outdoors with a backpack,
no vertical pull) whose Monday, 43 of 45 minutes, spent three sets on reverse snow angels for
an upper back at the top of its band (14 of 10-14) while the quadriceps sat at 9 of 10-14.
A coach gives the short muscle those minutes: the planner now trades a set of such work for
the quadriceps' lift, letting the glutes pass their top by half a set (a note says why). With
the glutes at half beside the quadriceps in hypertrophy too, the same week holds the
quadriceps at 13 and every muscle inside its band: the test follows a two-day week with bands
that still needs the trade (TWO_BAND_DAYS).

A strength plan of 2 x 46 min with the squat excluded holds 7 core sets against the
quadriceps' 4 (7.5 against 5 until the floor trade kept, of the short muscles' trades, the one
leaving the floors' shortfall least: a glute bridge that brings the glutes to their floor, 8 of
8-14, over a fifth skater-squat set): `redwood check` (volume.small-under-legs) asks for a note
that says why the plank's sets could not go to the legs, and catches a plank grown past the
legs' sets.
"""

from __future__ import annotations

import copy
from typing import Any

from plans import build_json
from redwood.domain.vocabulary import Goal, Level
from redwood.planner.check import check_plan
from redwood.planner.volume import json_week_muscle_sets
from redwood.rules import load_rules

RULES = load_rules()
MV = RULES.muscle_volume

# bench/plan_space.py `profile` --seed 11: with the glutes at half beside the quadriceps in
# hypertrophy too, the backpack week above reaches every floor without the trade (quadriceps 13
# of 10-14); here two full 60-minute sessions with bands hold the quadriceps at 9 and the
# glutes at 9 of 10-18 until a dead bug's two sets give their minutes to a bodyweight squat.
TWO_BAND_DAYS = dict(goal="hypertrophy", level="intermediate", days=2, minutes=60, weeks=4,
                     location="outdoor", equipment=["resistance-band"], supersets=True,
                     seed=505)
NO_SQUAT = dict(goal="strength", level="intermediate", days=2, minutes=46, weeks=8,
                location="home", seed=771, equipment=("pull-up-bar",), exclude=("squat",))


def _rule(plan: dict[str, Any], rule: str) -> list[str]:
    return [v.message for v in check_plan(plan) if v.rule == rule]


def test_a_full_weeks_minutes_go_to_the_quadriceps_below_their_floor() -> None:
    options = TWO_BAND_DAYS
    data = build_json(start="2027-01-04", **options)
    assert check_plan(data) == []
    goal, level = Goal(options["goal"]), Level(options["level"])
    for week in (w for w in data["weeks"] if not w["deload"]):
        sets = json_week_muscle_sets(week, MV, goal)
        for muscle in MV.main:
            assert sets[muscle] >= MV.band(goal, level, muscle)[0] - 1e-9, (
                week["index"], muscle, sets)
        # Past a top only by the half set the quadriceps' lift adds to the glutes.
        for muscle in MV.tracked:
            assert sets[muscle] <= MV.band(goal, level, muscle)[1] + 0.5, (week["index"], sets)
        for s in week["sessions"]:
            assert s["estimated_minutes"] <= options["minutes"], (week["index"], s["title"])


def test_the_core_over_the_legs_needs_a_note_that_says_why() -> None:
    data = build_json(start="2027-01-04", **NO_SQUAT)
    assert check_plan(data) == []
    sets = json_week_muscle_sets(data["weeks"][0], MV, Goal.STRENGTH)
    assert sets["core"] > sets["quadriceps"]
    said = [n for n in data["notes"] if "[volume.small-under-legs]" in n]
    assert said and said[0].startswith("Core gets 7 sets against 4 for the quadriceps"), said
    bare = copy.deepcopy(data)
    bare["notes"] = [n for n in bare["notes"] if n not in said]
    (caught,) = {m for m in _rule(bare, "volume.small-under-legs") if m.startswith("core")}
    assert "more than the quadriceps' 4" in caught


def test_a_plank_grown_past_the_legs_is_caught() -> None:
    data = build_json(start="2027-01-04", goal="hypertrophy", level="intermediate", days=4,
                      minutes=60, weeks=4, location="gym", seed=3)
    assert _rule(data, "volume.small-under-legs") == []
    week = data["weeks"][0]
    sets = json_week_muscle_sets(week, MV, Goal.HYPERTROPHY)
    legs = min(sets[m] for m in MV.legs)
    core = [it for s in week["sessions"] for b in s["blocks"] if b["kind"] != "superset"
            for it in b["items"] if it["pattern"] == "core"]
    assert core, "the gym plan has a straight-set core exercise"
    core[0]["sets"] += int(legs - sets["core"]) + 2
    (caught,) = _rule(data, "volume.small-under-legs")
    assert caught.startswith("core gets") and "no note says why not" in caught
