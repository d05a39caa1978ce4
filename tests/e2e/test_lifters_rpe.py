"""A simulated advanced lifter follows an advanced plan's heavy and lighter days through
`redwood today` and `redwood log` (issue 10 item 8 as Today carries it out), on a real SQLite
file. The lifter has a hidden true strength and logs honest RPE (simlifter.py); the plan gives
a lift that comes twice a week a heavy day (RPE 8 -> 9) and a lighter day 1.5 RPE below. What
the lifter would notice: the lighter day is lighter than that week's heavy day, the heavy days
keep climbing, and no week's load jumps more than 5% once the loads are found.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from test_lifters_e2e import cli, measure, sessions, strengths, train

from redwood.services.training import light_days
from simlifter import Done, Lifter

START = dt.date(2026, 6, 1)  # a Monday, in the past so that every log date is allowed
WEEKS = 12


@pytest.mark.slow
def test_an_advanced_lifter_trains_the_plans_heavy_and_lighter_days(tmp_path: Path) -> None:
    run = cli(tmp_path)
    run("init", "--name", "ada", "--unit", "kg", "--level", "advanced", "--goal", "strength")
    plan_file = tmp_path / "plan.json"
    run("plan", "--days", "4", "--minutes", "60", "--weeks", str(WEEKS), "--start",
        START.isoformat(), "--on", "mon,tue,thu,fri", "--save", "--format", "json", "-o",
        str(plan_file))
    plan = json.loads(plan_file.read_text())
    lighter = light_days(plan)
    assert lighter, "an advanced plan gives a twice-weekly lift a lighter day"
    lifter = Lifter("advanced", strengths(plan, 1.8), START, weekly_gain=0.01, logs_rpe=True)
    done: list[Done] = []
    shown: list[dict] = []
    for day, ranges in sessions(plan):
        view = json.loads(run("today", "--date", day.isoformat(), "--format", "json"))
        shown += [{**i, "date": day} for i in view["items"]]
        sets = train(lifter, view, ranges, done)
        workout = tmp_path / "workout.json"
        workout.write_text(json.dumps({"date": day.isoformat(), "sets": sets}))
        run("log", "--from-json", str(workout))

    _, jumps, calibrating = measure(done, 4)
    assert jumps == []
    compared = 0
    for ex, days in lighter.items():
        found = [d for d in done if d.exercise_id == ex]
        # Once the lift's loads are found: each lighter day under that week's heavy day.
        settled = found[calibrating.get(ex, 0) + 1:]
        for light in (d for d in settled if d.date in days and d.target_kg is not None):
            week = light.date.isocalendar()[:2]
            heavy = [d for d in settled if d.date.isocalendar()[:2] == week
                     and d.date not in days and d.target_kg is not None]
            if heavy:
                compared += 1
                assert light.target_kg < max(h.target_kg for h in heavy), (ex, light, heavy)
                item = next(i for i in shown if i["date"] == light.date
                            and i["exercise_id"] == ex)
                assert item["decision"] == "lighter" and item["rpe"] < 8, item
        heavy_days = [d.target_kg for d in settled if d.date not in days and d.target_kg]
        if len(heavy_days) >= 4:
            assert heavy_days[-1] > heavy_days[0], (ex, heavy_days)
    assert compared >= 6, compared
