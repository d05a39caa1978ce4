"""The service reads a saved plan's RPE targets as the coach needs them (issue 10 item 8): per
lift, the days it is on a lighter day (its RPE target under the heaviest of its week), never
in a deload week, and the planned session it hands the coach carries them."""

from __future__ import annotations

import datetime as dt
import json

from fakes import FakeStore

from redwood.services.planning import make_plan, save_plan
from redwood.services.training import deload_days, light_days, next_session


def _plan(level: str) -> dict:
    store = FakeStore()
    plan = make_plan({"goal": "strength", "level": level, "days": 4, "minutes": 60,
                      "weeks": 8, "start": "2027-01-04", "seed": 0})
    save_plan(store, store.default_user(), plan)
    with store.reader() as uow:
        found = uow.plans.active()
    assert found is not None
    return json.loads(json.dumps(found[1]))


def _efforts(plan: dict, exercise_id: str) -> dict[dt.date, float]:
    return {dt.date.fromisoformat(s["date"]): float(i["rpe"])
            for w in plan["weeks"] for s in w["sessions"] for b in s["blocks"]
            for i in b["items"] if i["exercise_id"] == exercise_id and "rpe" in i}


def test_an_advanced_plans_lighter_days_are_a_lifts_lower_rpe_days_outside_deloads() -> None:
    plan = _plan("advanced")
    lighter, deloads = light_days(plan), deload_days(plan)
    assert lighter, "an advanced plan has a lift on heavier and lighter days"
    for exercise_id, days in lighter.items():
        efforts = _efforts(plan, exercise_id)
        assert not days & deloads
        for day in days:
            week = [r for d, r in efforts.items() if d.isocalendar()[:2] == day.isocalendar()[:2]]
            assert efforts[day] < max(week), (exercise_id, day)
        # The heavy day of each such week is no lighter day.
        for day, rpe in efforts.items():
            week = [r for d, r in efforts.items() if d.isocalendar()[:2] == day.isocalendar()[:2]]
            if day not in deloads and rpe == max(week):
                assert day not in days
    session = next_session(1, plan, set(), dt.date(2027, 1, 4))
    assert session is not None and session.light_days == lighter


def test_a_plan_without_rpe_targets_has_no_lighter_days() -> None:
    assert light_days(_plan("beginner")) == {}
