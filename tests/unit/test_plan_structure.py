"""A week a coach would write (issue 10 items 1, 5, 6, 8): sessions that differ, hinges that
vary, accessories that change through the week, and main pulls that load the lifter."""

from __future__ import annotations

from collections import Counter

import pytest

from plans import build_json
from redwood.planner.check import check_plan
from redwood.rules import load_rules


def _mains(session: dict) -> list[str]:
    return [i["exercise_id"] for b in session["blocks"] for i in b["items"] if i["role"] == "main"]


def _items(session: dict) -> list[dict]:
    return [i for b in session["blocks"] for i in b["items"]]


@pytest.mark.parametrize("days", [4, 5])
def test_a_trained_strength_lifter_in_a_gym_pulls_a_weighted_pull_up_and_a_barbell_row(
        days: int) -> None:
    """A gym with a pull-up bar and a barbell: the main pulls for strength are a weighted
    pull-up and a Pendlay row, not a lat pulldown and a chest-supported dumbbell row; only the
    day after a heavy deadlift does the row give way to a supported one, and says why
    ([schedule] spinal_rows)."""
    data = build_json(goal="strength", level="advanced", days=days, minutes=60, location="gym",
                      weeks=4)
    mains = {m for s in data["weeks"][0]["sessions"] for m in _mains(s)}
    assert {"weighted-pull-up", "pendlay-row"} <= mains
    assert "lat-pulldown" not in mains
    _supported_only_beside_a_heavy_hinge(data)
    assert check_plan(data) == []


def _supported_only_beside_a_heavy_hinge(data: dict) -> None:
    for s in data["weeks"][0]["sessions"]:
        for i in _items(s):
            if i["role"] == "main" and i["exercise_id"] == "chest-supported-row":
                assert "rather than Pendlay Row" in i["why"] and "heavy" in i["why"], i["why"]


def test_protected_shoulders_keep_the_pulldown_and_a_barbell_row() -> None:
    """--protect shoulders: no overhead heavy pulling, so the vertical pull stays a pulldown;
    the row is still the barbell's."""
    data = build_json(goal="strength", level="advanced", days=4, minutes=60, location="gym",
                      protect=["shoulders"], supersets=False, weeks=4)
    mains = {m for s in data["weeks"][0]["sessions"] for m in _mains(s)}
    assert "pendlay-row" in mains and "lat-pulldown" in mains
    assert not {"weighted-pull-up", "weighted-chin-up"} & mains
    _supported_only_beside_a_heavy_hinge(data)
    assert check_plan(data) == []


def test_a_beginner_and_a_sore_back_keep_their_pulls() -> None:
    """Beginners learn the pulldown and the supported row; --protect lower-back has no
    bent-over row."""
    beginner = build_json(goal="strength", level="beginner", days=4, minutes=60, location="gym",
                          weeks=2)
    assert "pendlay-row" not in {m for s in beginner["weeks"][0]["sessions"] for m in _mains(s)}
    back = build_json(goal="strength", level="advanced", days=4, minutes=60, location="gym",
                      protect=["lower-back"], weeks=2)
    mains = {m for s in back["weeks"][0]["sessions"] for m in _mains(s)}
    assert not {"pendlay-row", "barbell-row"} & mains


def _hinges(session: dict) -> list[dict]:
    return [i for i in _items(session) if i["pattern"] == "hinge"]


@pytest.mark.parametrize("goal", ["hypertrophy", "strength"])
def test_the_second_hinge_day_is_a_lighter_variation_not_the_same_lift(goal: str) -> None:
    """Six days in a gym, Legs A on Monday and Friday: Friday's hinge is a Romanian deadlift
    or a hip thrust, not Monday's deadlift again at a lower RPE, and no good morning joins the
    deadlift on Monday. Two hinge days, one hinge each, in every normal week."""
    data = build_json(goal=goal, level="advanced", days=6, minutes=90, location="gym",
                      weeks=12)
    for week in data["weeks"]:
        if week["deload"]:
            continue
        days = [s for s in week["sessions"] if _hinges(s)]
        assert len(days) == 2, week["index"]
        assert all(len(_hinges(s)) == 1 for s in days), week["index"]
        first, second = (_hinges(s)[0] for s in days)
        assert first["exercise_id"] != second["exercise_id"], week["index"]
        assert second["exercise_id"] in load_rules().progression.light_hinges
        assert second["reps_max"] >= first["reps_max"]
    assert check_plan(data) == []


@pytest.mark.parametrize("options", [
    dict(goal="strength", level="advanced", days=5, minutes=90, location="gym"),
    dict(goal="hypertrophy", level="advanced", days=6, minutes=90, location="gym"),
    dict(goal="hypertrophy", level="intermediate", days=5, minutes=60, location="gym"),
])
def test_an_accessory_comes_at_most_twice_a_week_and_the_core_work_varies(options) -> None:
    """Five or six sessions a week: not a dead bug as the only core work four or five times a
    week, nor the same calf raise or reverse fly in three sessions; the catalogue has other
    core (anti-extension, anti-rotation, holds), calf and rear-delt options. (A home kit with
    one loaded calf raise keeps it: a bodyweight one for variety would not keep the goal.)"""
    data = build_json(**options, weeks=12)
    for week in data["weeks"]:
        if week["deload"]:
            continue
        days = Counter(i["exercise_id"] for s in week["sessions"] for i in _items(s)
                       if i["role"] != "main")
        assert max(days.values()) <= 2, (week["index"], days.most_common(2))
    assert check_plan(data) == []


@pytest.mark.parametrize("options", [
    dict(goal="strength", level="beginner", days=3, minutes=60, location="gym"),
    dict(goal="hypertrophy", level="intermediate", days=3, minutes=60, location="home",
         equipment=["dumbbell", "bench"]),
])
def test_three_full_body_days_are_three_sessions_not_a_b_a(options) -> None:
    """Three full-body days: Friday is not Monday again (A/B/C: each day its own session, its
    own main lifts where the kit has them), knee flexion and calves are in every normal week,
    and the plan follows every rule."""
    data = build_json(**options, weeks=12)
    for week in data["weeks"]:
        if week["deload"]:
            continue
        sessions = week["sessions"]
        assert len({s["title"].split(":")[0] for s in sessions}) == 3, week["index"]
        ids = [{i["exercise_id"] for i in _items(s)} for s in sessions]
        assert ids[0] != ids[2], week["index"]
        if options["location"] == "gym":  # the kit has a second squat and a vertical pull
            assert _mains(sessions[0]) != _mains(sessions[2]), week["index"]
        patterns = {i["pattern"] for s in sessions for i in _items(s)}
        assert {"knee-flexion", "calf-raise"} <= patterns, week["index"]
    assert check_plan(data) == []
