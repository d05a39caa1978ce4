"""Simulated lifters end to end (issue 11): twelve weeks of a generated plan through
`redwood today` and `redwood log` on a real SQLite file, and through the HTTP API, with a
hidden true strength (simlifter.py). The bars are the issue's: from an exercise's 6th session
(a novice) or 4th (a lifter who gave known sets) the target is in the working range in at
least 70% / 85% of sessions, and after calibration no week goes up more than 5% but for the
light-load step.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from apihelp import BACKENDS
from redwood.catalog import load_catalog
from redwood.cli import app
from redwood.coach.loading import Implement, default_profile, implement_for, loads_kg, step_up
from simlifter import Done, Lifter, calibration_sessions, jumps_after_calibration, share_in_range

START = dt.date(2026, 6, 1)  # a Monday, in the past so that every log date is allowed
WEEKS = 12
GYM = default_profile("gym")
# A novice's true e1RM by how the lift is loaded (kg; per dumbbell or bell).
BY_IMPLEMENT = {
    Implement.BARBELL: 70, Implement.TRAP_BAR: 85, Implement.DUMBBELL: 22,
    Implement.KETTLEBELL: 24, Implement.CABLE: 35, Implement.MACHINE: 60,
}


def strengths(plan: dict[str, Any], scale: float = 1.0) -> dict[str, float]:
    """A true e1RM for every lift of the plan loaded by weight and counted in reps."""
    catalog = load_catalog()
    out: dict[str, float] = {}
    for week in plan["weeks"]:
        for session in week["sessions"]:
            for block in session["blocks"]:
                for item in block["items"]:
                    implement = implement_for(catalog[item["exercise_id"]])
                    if "reps_min" in item and implement in BY_IMPLEMENT:
                        out[item["exercise_id"]] = BY_IMPLEMENT[implement] * scale
    return out


def sessions(plan: dict[str, Any]) -> list[tuple[dt.date, dict[str, tuple[int, int]]]]:
    """Each planned session's date and its lifts' prescribed rep ranges."""
    out = []
    for week in plan["weeks"]:
        for session in week["sessions"]:
            ranges = {i["exercise_id"]: (i["reps_min"], i["reps_max"])
                      for b in session["blocks"] for i in b["items"] if "reps_min" in i}
            out.append((dt.date.fromisoformat(session["date"]), ranges))
    return out


def train(lifter: Lifter, view: dict[str, Any], ranges: dict[str, tuple[int, int]],
          done: list[Done]) -> list[dict[str, Any]]:
    """The lifter's sets for one Today view, as workout JSON sets."""
    catalog = load_catalog()
    day = dt.date.fromisoformat(view["date"])
    out: list[dict[str, Any]] = []
    for item in view["items"]:
        ex = item["exercise_id"]
        if ex not in ranges:
            continue
        loads = loads_kg(implement_for(catalog[ex]), GYM)
        d = lifter.train(item, day, loads, *ranges[ex])
        if d is None:
            continue
        done.append(d)
        out += [{"exercise_id": ex, "weight_kg": float(s.weight_kg), "reps": s.reps,
                 "rpe": None if s.rpe is None else float(s.rpe)} for s in d.sets]
    return out


def measure(done: list[Done], from_session: int) -> tuple[float, list[str], dict[str, int]]:
    catalog = load_catalog()
    steps = {ex: (lambda w, im=implement_for(catalog[ex]): step_up(w, im, GYM))  # noqa: B008
             for ex in {d.exercise_id for d in done}}
    good, counted = share_in_range(done, from_session)
    return good / counted, jumps_after_calibration(done, steps), calibration_sessions(done)


# The lifters: (strength scale, weekly gain, logs RPE, types own first load, session
# from which targets are counted, share of targets that must be in the working range).
LIFTERS = {
    "novice": (1.0, 0.015, True, False, 6, 0.70),
    "seasoned": (1.8, 0.005, True, True, 4, 0.85),
    "no-rpe": (1.4, 0.005, False, False, 4, 0.85),
}


def cli(home: Path) -> Callable[..., str]:
    """`redwood` in-process on a SQLite file in `home`: each call's output, its exit code 0."""
    runner = CliRunner()
    env = {"REDWOOD_HOME": str(home), "REDWOOD_DATABASE_URL": ""}

    def run(*args: str) -> str:
        result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    return run


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(LIFTERS))
def test_each_lifter_through_today_and_log_on_a_sqlite_file(tmp_path: Path, kind: str) -> None:
    run = cli(tmp_path)
    run("init", "--name", "nova", "--unit", "kg", "--level", "beginner")
    plan_file = tmp_path / "plan.json"
    run("plan", "--days", "3", "--minutes", "45", "--weeks", str(WEEKS), "--start",
        START.isoformat(), "--save", "--format", "json", "-o", str(plan_file))
    plan = json.loads(plan_file.read_text())
    scale, gain, logs_rpe, types_first, counted_from, bar = LIFTERS[kind]
    lifter = Lifter(kind, strengths(plan, scale), START, weekly_gain=gain, logs_rpe=logs_rpe,
                    types_first_load=types_first)
    # A beginner's 12 weeks deload the last week of each 6-week block ([rotation]
    # deload_past_weeks): Today holds last time's load on the plan's fewer sets.
    deload_days = {s["date"] for w in plan["weeks"] if w["deload"] for s in w["sessions"]}
    assert [w["index"] for w in plan["weeks"] if w["deload"]] == [6, 12]
    done: list[Done] = []
    for day, ranges in sessions(plan):
        view = json.loads(run("today", "--date", day.isoformat(), "--format", "json"))
        assert view["date"] == day.isoformat()
        if day.isoformat() in deload_days:  # every lift past calibration
            trained = [(i["exercise_id"], i["decision"], i.get("calibrating"))
                       for i in view["items"] if i["exercise_id"] in lifter.strength]
            assert {d for _, d, c in trained if not c} == {"deload"}, trained
        sets = train(lifter, view, ranges, done)
        workout = tmp_path / "workout.json"
        workout.write_text(json.dumps({"date": day.isoformat(), "sets": sets}))
        run("log", "--from-json", str(workout))
    share, jumps, calibrating = measure(done, counted_from)
    print(f"CLI {kind}: {share:.1%} in range; sessions calibrating {calibrating}")
    assert share >= bar, share
    assert jumps == []
    assert max(calibrating.values()) <= 6


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["novice", "seasoned", "no-rpe", "known"])
def test_each_lifter_through_the_api(tmp_path: Path, kind: str) -> None:
    from apihelp import API, app_client
    from apihelp import Lifter as ApiLifter
    from redwood.store.location import sqlite_url

    with app_client(sqlite_url(tmp_path / "redwood.db")) as client:
        me = ApiLifter(client, "kim")
        r = client.post(f"{API}/plans/generate", headers=me.headers, json={
            "goal": "hypertrophy", "level": "intermediate", "days": 3, "minutes": 45,
            "weeks": WEEKS, "start": START.isoformat(), "save": True})
        assert r.status_code == 200, r.text
        plan = client.get(f"{API}/plans/active", headers=me.headers).json()["plan"]
        scale, gain, logs_rpe, types_first, counted_from, bar = LIFTERS.get(
            kind, (1.8, 0.005, True, False, 4, 0.85))
        lifter = Lifter(kind, strengths(plan, scale), START, weekly_gain=gain,
                        logs_rpe=logs_rpe, types_first_load=types_first)
        told: list[str] = []
        if kind == "known":
            catalog = load_catalog()
            told = sorted(lifter.strength)[:5]
            known = []
            for ex in told:
                weight, reps = lifter.known_set(ex, loads_kg(implement_for(catalog[ex]), GYM))
                known.append({"exercise_id": ex, "weight_kg": float(weight), "reps": reps})
            r = client.put(f"{API}/profile", headers=me.headers,
                           json={"body_weight_kg": 82, "known": known})
            assert r.status_code == 200, r.text
            assert [k["exercise_id"] for k in r.json()["known"]] == told
            lifter.known = tuple(told)
        done: list[Done] = []
        for day, ranges in sessions(plan):
            r = client.get(f"{API}/today", headers=me.headers,
                           params={"date": day.isoformat()})
            assert r.status_code == 200, r.text
            view = r.json()
            for item in view["items"]:
                if item["exercise_id"] in told:
                    assert not item.get("calibrating"), item  # a known set is history
            sets = train(lifter, view, ranges, done)
            r = client.post(f"{API}/workouts", headers=me.headers,
                            json={"date": day.isoformat(), "sets": sets})
            assert r.status_code == 201, r.text
    share, jumps, calibrating = measure(done, counted_from)
    print(f"API {kind}: {share:.1%} in range; sessions calibrating {calibrating}")
    assert share >= bar, share
    assert jumps == []
    assert all(calibrating[ex] == 0 for ex in told)
    assert max(calibrating.values()) <= 6


@pytest.mark.parametrize("backend", BACKENDS)
def test_known_sets_and_body_weight_are_checked_by_the_api(tmp_path: Path, backend) -> None:
    from apihelp import API, app_client, database
    from apihelp import Lifter as ApiLifter

    with database(backend, tmp_path) as url, app_client(url) as client:
        me = ApiLifter(client, "kai")
        for body in ({"known": [{"exercise_id": "moon-squat", "weight_kg": 100, "reps": 5}]},
                     {"known": [{"exercise_id": "back-squat", "weight_kg": 600, "reps": 5}]},
                     {"known": [{"exercise_id": "back-squat", "weight_kg": 100, "reps": 31}]},
                     {"body_weight_kg": 5}):
            r = client.put(f"{API}/profile", headers=me.headers, json=body)
            assert r.status_code == 422, r.text
            assert ("known" in r.text) or ("body_weight_kg" in r.text)
        r = client.put(f"{API}/profile", headers=me.headers, json={
            "known": [{"exercise_id": "deadlift", "weight_kg": 140, "reps": 3}],
            "body_weight_kg": 80})
        assert r.status_code == 200
        got = client.get(f"{API}/profile", headers=me.headers).json()
        assert got["known"] == [{"exercise_id": "deadlift", "weight_kg": 140.0, "reps": 3}]
        assert got["body_weight_kg"] == 80.0


@pytest.mark.parametrize(
    ("known", "says"),
    [
        ("back-squat=100kg", "ID=LOADxREPS"),
        ("x5", "ID=LOADxREPS"),
        ("moon-squat=100x5", "no exercise 'moon-squat'"),
        ("back-squat=100x31", "reps must be 1-30"),
        ("back-squat=501x5", "at most 500 kg"),
    ],
)
def test_a_bad_known_set_is_one_line_naming_the_option_and_the_form(tmp_path, known,
                                                                      says) -> None:
    env = {"REDWOOD_HOME": str(tmp_path), "REDWOOD_DATABASE_URL": ""}
    for command in (["init", "--known", known], ["profile", "set", "--known", known]):
        result = CliRunner().invoke(app, command, env=env)
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and "--known" in lines[0] and says in lines[0], lines
        assert "back-squat=100x5" in lines[0]
        assert "Traceback" not in result.output


def test_init_with_known_sets_starts_from_them(tmp_path) -> None:
    run = cli(tmp_path)
    run("init", "--weight", "80kg", "--known", "back-squat=100x5", "--known", "deadlift=140x3")
    assert "back-squat 100 kg x 5, deadlift 140 kg x 3" in run("profile", "show")
    assert "body weight: 80 kg" in run("profile", "show")
    run("plan", "--start", START.isoformat(), "--weeks", "4", "--save", "-f", "json", "-o",
        str(tmp_path / "p.json"))
    items = {i["exercise_id"]: i for i in json.loads(
        run("today", "--date", START.isoformat(), "-f", "json"))["items"]}
    squat = items["back-squat"]
    assert "calibrating" not in squat and squat["decision"] == "start"
    # 100 x 5 reads as a 114.6 kg e1RM: 8 reps at about RPE 8 is about 84 kg
    assert Decimal("80") <= Decimal(str(squat["weight_kg"])) <= Decimal("86")
    assert "e1RM" in squat["reason"]
