"""Sixteen weeks with a scripted lifter, through `redwood today` and `redwood log`.

The lifter does what the coach says, except: from their 7th squat session they miss reps on
the squat three sessions running, in week 8 they skip the whole week, and in week 11 they check
in tired and sore. The coach's decisions are asserted week by week, on a real SQLite database.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from click.testing import CliRunner

from redwood.cli import app

START = dt.date(2026, 1, 5)  # a Monday, in the past so every log date is allowed
WEEKS = 16
MISSED_SQUAT_SESSIONS = (7, 8, 9)


class Lifter:
    def __init__(self, tmp_path) -> None:
        self.runner = CliRunner()
        self.env = {"REDWOOD_HOME": str(tmp_path), "REDWOOD_DATABASE_URL": ""}

    def run(self, *args: str) -> str:
        result = self.runner.invoke(app, list(args), env=self.env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    def today(self, date: dt.date) -> dict[str, Any]:
        return json.loads(self.run("today", "--date", date.isoformat(), "--format", "json"))

    def log(self, date: dt.date, item: dict[str, Any], reps: int | None = None,
            note: str | None = None) -> None:
        if "seconds_min" in item:
            sets = [f"{item['seconds_max']}s"] * item["sets"]
        else:
            done = reps if reps is not None else item["reps_max"]
            weight = "" if item["weight_kg"] is None else f"{item['weight_kg']}kg"
            sets = [f"{weight}x{done}"] * item["sets"]
        args = ["log", "--date", date.isoformat(), "--exercise", item["exercise_id"]]
        for s in sets:
            args += ["--set", s]
        if note:
            args += ["--form-note", note]
        self.run(*args)


def by_id(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["exercise_id"]: item for item in view["items"]}


@pytest.fixture(scope="module")
def season(tmp_path_factory) -> list[dict[str, Any]]:
    """Run the season once; return every `today` view in order."""
    lifter = Lifter(tmp_path_factory.mktemp("season"))
    lifter.run("init", "--name", "sam", "--unit", "kg")
    lifter.run("checkin", "--date", (START - dt.timedelta(days=1)).isoformat(),
               "--weight", "80kg", "--sleep", "8", "--energy", "4")
    lifter.run("plan", "--goal", "hypertrophy", "--level", "beginner", "--days", "3",
               "--minutes", "45", "--weeks", str(WEEKS), "--start", START.isoformat(),
               "--save", "--format", "json", "-o", "/dev/null")
    views = []
    squat_sessions = 0
    for week in range(1, WEEKS + 1):
        monday = START + dt.timedelta(weeks=week - 1)
        if week == 8:
            continue  # a week away
        if week == 11:
            for day in range(3):
                lifter.run("checkin", "--date", (monday + dt.timedelta(days=day - 2)).isoformat(),
                           "--sleep", "5", "--energy", "1", "--soreness", "legs=5,back=5")
        for day in (0, 2, 4):
            date = monday + dt.timedelta(days=day)
            view = lifter.today(date)
            assert view["date"] == date.isoformat()
            view["week_no"] = week
            views.append(view)
            for item in view["items"]:
                missed = False
                if item["exercise_id"] == "back-squat":
                    squat_sessions += 1
                    missed = squat_sessions in MISSED_SQUAT_SESSIONS
                    item["missed"] = missed
                reps = max(1, item.get("reps_min", 1) - 2) if missed else None
                lifter.log(date, item, reps=reps)
    return views


def squat_targets(views: list[dict[str, Any]]) -> list[tuple[int, str, dict[str, Any]]]:
    return [(v["week_no"], v["date"], by_id(v)["back-squat"]) for v in views
            if "back-squat" in by_id(v)]


def test_week_one_starts_every_lift_with_a_calibration_load(season) -> None:
    first = [v for v in season if v["week_no"] == 1]
    for view in first:
        for item in view["items"]:
            if item["exercise_id"] not in {i["exercise_id"] for v in first[:first.index(view)]
                                           for i in v["items"]}:
                assert item["decision"] == "start", item


def test_hitting_the_top_of_the_range_adds_load_or_reps_in_weeks_2_and_3(season) -> None:
    decisions = {t["decision"] for week, _, t in squat_targets(season) if week in (2, 3)}
    assert decisions & {"add_load", "add_reps"}


def test_load_never_rises_more_than_5_percent_a_week(season) -> None:
    """+5% at most on last week's heaviest, or a bigger step (the next pair of dumbbells)
    only after as many weeks at the old load as keep the average within 5% a week, or, when
    the smallest loadable step is itself over 5%, that one step after 3 weeks at the load (the
    guide's "add 2-5 pounds every 3 weeks", issue 11)."""
    from redwood.catalog import load_catalog
    from redwood.coach.loading import default_profile, implement_for, step_up

    catalog, gym = load_catalog(), default_profile("gym")
    for exercise_id in {i["exercise_id"] for v in season for i in v["items"]}:
        loads = [(dt.date.fromisoformat(v["date"]), Decimal(str(i["weight_kg"])))
                 for v in season for i in v["items"]
                 if i["exercise_id"] == exercise_id and i["weight_kg"] is not None]
        for n, (date, load) in enumerate(loads):
            week_before = [w for d, w in loads[:n] if date - dt.timedelta(days=7) <= d]
            if not week_before:
                continue
            last = loads[n - 1][1]
            first = loads[n - 1][0]
            for d, w in reversed(loads[:n]):
                if w < last:
                    break
                first = d
            weeks = max(1, (date - first).days // 7)
            allowed = max(week_before) * (1 + Decimal("0.05") * weeks) + Decimal("0.01")
            if load > allowed:
                step = step_up(last, implement_for(catalog[exercise_id]), gym)
                assert weeks >= 3 and load == step, (exercise_id, date, load, week_before, weeks)


def test_missed_reps_repeat_the_load_then_deload_after_three(season) -> None:
    squats = [t for _, _, t in squat_targets(season)]
    first_miss = MISSED_SQUAT_SESSIONS[0] - 1  # index of the session where reps were missed
    missed, after1, after2, after3 = squats[first_miss:first_miss + 4]
    assert missed["missed"]
    assert after1["decision"] == "repeat"
    assert after1["weight_kg"] == missed["weight_kg"]
    # By the third miss the load has come down: the coach's deload after three misses, or the
    # plan's deload week when it comes first (week 5 of this intermediate plan does).
    assert "deload" in (after2["decision"], after3["decision"])
    assert after2["decision"] in ("repeat", "deload")
    assert min(after2["weight_kg"], after3["weight_kg"]) < missed["weight_kg"]


def test_coming_back_after_a_week_away_starts_lighter(season) -> None:
    squats = squat_targets(season)
    before = [t for week, _, t in squats if week == 7][-1]
    after = next(t for week, _, t in squats if week == 9)
    assert after["decision"] == "return_after_break"
    assert after["weight_kg"] < before["weight_kg"]


def test_persistent_fatigue_swaps_heavy_work_and_suggests_active_rest(season) -> None:
    week11 = next(v for v in season if v["week_no"] == 11)
    decisions = {i["decision"] for i in week11["items"]}
    assert "fatigue_swap" in decisions
    reasons = " ".join(i["reason"] + " ".join(i["notes"]) for i in week11["items"]).lower()
    assert "walk" in reasons or "yoga" in reasons


def test_targets_stay_inside_the_planned_range(season) -> None:
    for view in season:
        for item in view["items"]:
            if "reps_min" in item:
                assert 1 <= item["reps_min"] <= item["reps_max"] <= 30
            assert 1 <= item["sets"] <= 6
