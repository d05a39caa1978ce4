"""What a coach's review of Redwood's plans found (issue 10, "programs a coach would sign"): the
session's order, lighter days that still count as hard sets, endurance sets a lifter can hold
with good form, and session titles that name what the session holds."""

from __future__ import annotations

from typing import Any

import pytest

from plans import build_json
from redwood.planner.check import check_plan


def _items(session: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for b in session["blocks"] for i in b["items"]]


def _sessions(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for w in data["weeks"] for s in w["sessions"]]


ORDER_PROFILES = [
    {"goal": "strength", "level": "advanced", "days": 2, "minutes": 120, "location": "home",
     "equipment": ["dumbbell", "bench"]},
    {"goal": "strength", "level": "advanced", "days": 5, "minutes": 75, "location": "gym"},
    {"goal": "hypertrophy", "level": "advanced", "days": 4, "minutes": 60, "location": "gym"},
]


@pytest.mark.parametrize("profile", ORDER_PROFILES,
                         ids=lambda p: f"{p['goal']}-{p['days']}x{p['minutes']}")
def test_core_work_comes_last_after_the_main_lifts_and_accessories(
        profile: dict[str, Any]) -> None:
    """A dead bug before a reverse Nordic or a leg extension tires the trunk that braces them:
    the lifter does the main lifts, then the other accessories, and the core work last."""
    data = build_json(weeks=12, **profile)
    held_core = False
    for s in _sessions(data):
        regions = [i["region"] for i in _items(s)]
        roles = [i["role"] for i in _items(s)]
        if "core" in regions:
            held_core = True
            first_core = regions.index("core")
            assert all(r == "core" for r in regions[first_core:]), (s["date"], s["title"])
        assert roles == sorted(roles, key=lambda r: r != "main"), (s["date"], s["title"])
    assert held_core
    assert check_plan(data) == []


def test_a_lift_three_times_a_week_has_one_lighter_day_still_a_hard_set() -> None:
    """Hypertrophy, advanced, 6 x 90: the back squat on Monday, Wednesday and Friday opens
    heavy and has one lighter day, not two, and the lighter day stays at RPE 6.5 or more (3-4
    reps in reserve), so the sets the week counts against the muscles' bands are hard sets; the
    note says so."""
    data = build_json(goal="hypertrophy", level="advanced", days=6, minutes=90, weeks=12)
    least = 10.0
    for week in data["weeks"]:
        if week["deload"]:
            continue
        days: dict[str, list[float]] = {}
        for s in week["sessions"]:
            for i in _items(s):
                if i["role"] == "main":
                    days.setdefault(i["exercise_id"], []).append(i["rpe"])
                    least = min(least, i["rpe"])
        squat = days["back-squat"]
        assert len(squat) == 3
        assert squat[0] == max(squat) and squat.count(min(squat)) == 1, (week["index"], squat)
    assert least >= 6.5
    note = next(n for n in data["notes"] if n.startswith("Progression"))
    assert "three times: one lighter day" in note and "twice a week has a heavier" not in note
    assert check_plan(data) == []


def test_endurance_sets_of_15_to_20_have_no_rpe_no_floor_deadlift_and_their_own_rest() -> None:
    """Endurance, advanced, 3 x 30: no barbell deadlift from the floor for 20 reps (an RDL or
    another hip hinge instead), no RPE target on a set past the RPE table's 12 reps (stop 2-3
    reps before form breaks instead), and no "guide's rest" borrowed from the guide's 4 x 6."""
    data = build_json(goal="endurance", level="advanced", days=3, minutes=30, weeks=12)
    items = [i for w in data["weeks"] if not w["deload"] for s in w["sessions"]
             for i in _items(s)]
    assert not {"deadlift", "sumo-deadlift", "trap-bar-deadlift"} & {i["exercise_id"]
                                                                      for i in items}
    assert any(i["pattern"] == "hinge" for i in items)
    long_sets = [i for i in items if i["role"] == "main" and i.get("reps_max", 0) > 12]
    assert long_sets
    for i in long_sets:
        assert "rpe" not in i
        assert "guide's rest" not in i["why"]
        assert "stop each set with 2-3 reps in reserve before your form would break" in i["why"]
    assert all("rpe" not in i or i["reps_max"] <= 12 for i in items)
    assert check_plan(data) == []


@pytest.mark.parametrize("days", [5, 6])
def test_session_titles_differ_where_the_sessions_do(days: int) -> None:
    """Strength, advanced, 5 x 75: Monday's squat-and-deadlift day and Friday's squat-and-RDL
    day are not both "Legs A"; two sessions share a title only when they hold the same lifts,
    and the title names the session's main lifts."""
    data = build_json(goal="strength", level="advanced", days=days, minutes=75, weeks=4)
    for week in data["weeks"]:
        by_title: dict[str, set[str]] = {}
        for s in week["sessions"]:
            held = frozenset(i["exercise_id"] for i in _items(s))
            by_title.setdefault(s["title"], set()).add(",".join(sorted(held)))
            mains = [i["name"] for i in _items(s) if i["role"] == "main"]
            assert s["title"].endswith(": " + " + ".join(mains))
        assert all(len(contents) == 1 for contents in by_title.values()), by_title
    assert len({s["title"] for s in data["weeks"][0]["sessions"]}) == days
