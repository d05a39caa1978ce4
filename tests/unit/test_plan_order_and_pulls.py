"""Two corners plan_space found (seed 8, 1,500 profiles): a swap for a lighter lift that broke
the session's order, and a second floor pull the trims left behind (issue 10 item 5)."""

from __future__ import annotations

from typing import Any

from test_plan_last_floors import _normal, _plan

from redwood.planner.check import check_plan
from redwood.rules import load_rules

# Two 120-minute days outdoors with a barbell and dumbbells: block 2's fill swaps a dumbbell
# front squat, in a superset with a single-arm row, for a sissy squat that loads the core less.
# The row and the sissy squat made one mixed pair and the added RDL another, so the sissy squat
# came before the RDL (session.compound-first). The session now pairs again: like with like.
TWO_LONG_DAYS_OUTDOORS = dict(
    goal="hypertrophy", level="advanced", days=2, minutes=120, weeks=10, location="outdoor",
    equipment=["barbell", "medicine-ball", "dumbbell", "water-bottle"], supersets=True,
    seed=5880, exclude=["lunge"], protect=["shoulders"])

# Four 25-minute gym days, no squats, knees protected: Thursday's hinges were an RDL, a sumo
# deadlift and a cable pull-through accessory. The one-floor-pull step found no lighter
# variation the session did not hold, and the short session's trim then cut the pull-through,
# leaving two floor-pull days (hinge.floor-pulls). The pull-through now takes the sumo's place.
FOUR_SHORT_GYM_DAYS_NO_SQUAT = dict(
    goal="hypertrophy", level="intermediate", days=4, minutes=25, weeks=6, location="gym",
    equipment=["barbell", "machine", "cable", "hill"], supersets=False, seed=8608,
    exclude=["squat"], protect=["knees"])


def _items(session: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for b in session["blocks"] for i in b["items"]]


def test_a_swapped_isolation_lift_keeps_compounds_first() -> None:
    data = _plan(TWO_LONG_DAYS_OUTDOORS)
    assert check_plan(data) == []
    for week in data["weeks"]:
        for s in week["sessions"]:
            kinds = [i["mechanic"] == "compound" for i in _items(s)]
            # No compound after an isolation move: the compounds are a prefix.
            assert kinds == sorted(kinds, reverse=True), (week["index"], s["date"])


def test_one_floor_pull_a_week_when_the_session_holds_a_lighter_hinge() -> None:
    data = _plan(FOUR_SHORT_GYM_DAYS_NO_SQUAT)
    assert check_plan(data) == []
    r = load_rules().progression
    for week in _normal(data):
        days = [s["date"] for s in week["sessions"]
                if any(i["exercise_id"] in r.floor_pulls and i["reps_max"] <= r.floor_pull_reps
                       for i in _items(s))]
        assert len(days) == 1, (week["index"], days)
        hinges = [i["exercise_id"] for s in week["sessions"] for i in _items(s)
                  if i["pattern"] == "hinge"]
        assert "cable-pull-through" in hinges, hinges
