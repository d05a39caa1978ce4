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
