"""`redwood review` from the terminal, on a real SQLite database in a temporary REDWOOD_HOME."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest

from clirun import run_cli
from redwood.domain.log import CheckIn, LoggedSet, PlannedRef, Workout

PLAN_START = dt.date(2026, 10, 5)  # a Monday
END = dt.date(2026, 11, 1)  # a Sunday: the plan's first four weeks


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("REDWOOD_HOME", str(tmp_path))
    monkeypatch.delenv("REDWOOD_DATABASE_URL", raising=False)
    return tmp_path


def ok(*args: str) -> str:
    r = run_cli(*args)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return r.stdout


def refused(*args: str, code: int = 2) -> str:
    r = run_cli(*args)
    assert r.returncode == code, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    return r.stderr


def seed_history() -> list[dt.date]:
    """Follow the saved plan's sessions up to END, squat +2.5 kg a session, with check-ins;
    skip the plan's second session. Written through the store (CLI start-ups are slow)."""
    from redwood.store import open_store

    store = open_store()
    done: list[dt.date] = []
    try:
        user = store.default_user()
        with store.unit_of_work(user.id) as uow:
            active = uow.plans.active()
            assert active is not None
            plan_id, plan = active
            n = 0
            for week in plan["weeks"]:
                for i, s in enumerate(week["sessions"]):
                    day = dt.date.fromisoformat(s["date"])
                    n += 1
                    if day > END or n == 2:
                        continue
                    sets = (LoggedSet("back-squat", Decimal(80) + Decimal("2.5") * n, 5),) * 3
                    sets += (LoggedSet("barbell-row", Decimal(60), 8),) * 3
                    uow.workouts.add(Workout(day, sets, planned=PlannedRef(plan_id,
                                                                           week["index"], i)))
                    uow.checkins.upsert(CheckIn(day, body_weight_kg=Decimal(75),
                                                sleep_hours=Decimal(8), energy=4))
                    done.append(day)
            uow.commit()
    finally:
        store.close()
    return done


def test_review_of_an_empty_log_is_friendly(home) -> None:
    out = ok("review", "--end", END.isoformat())
    assert "Nothing is logged yet" in out
    data = json.loads(ok("review", "--end", END.isoformat(), "--format", "json"))
    assert data["lifts"] == [] and data["weekly_sets"] == []
    assert data["findings"][0]["kind"] == "no_data"
    assert data["period"] == {"start": "2026-10-05", "end": "2026-11-01", "days": 28}


def test_review_of_a_followed_plan(home, tmp_path) -> None:
    ok("plan", "--days", "3", "--weeks", "8", "--start", PLAN_START.isoformat(), "--save")
    done = seed_history()
    # One more session through `redwood log`, as a lifter would (the plan's day: no ref needed).
    ok("log", "--date", "2026-11-01", "--exercise", "back-squat", "--set", "120kgx5")
    data = json.loads(ok("review", "--end", END.isoformat(), "--format", "json"))
    a = data["adherence"]
    assert a["planned"] == 12 and a["done"] == len(done) == 11 and a["missed"] == 1
    assert a["extra"] == 1  # the Sunday session was not a planned one
    squat = next(x for x in data["lifts"] if x["exercise_id"] == "back-squat")
    assert squat["e1rm_end_kg"] > squat["e1rm_start_kg"] and squat["slope_kg_per_week"] > 0
    assert {"start", "end", "points"} <= set(squat["previous"])
    assert [w["week_start"] for w in data["weekly_sets"]] == [
        "2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"]
    assert [w["back"] for w in data["weekly_sets"]] == [6, 9, 9, 9]  # 3 rows a session
    assert {r["kind"] for r in data["recommendations"]} >= {"protein"}
    assert all(r["reason"] for r in data["recommendations"])
    text = ok("review", "--end", END.isoformat())
    assert "11 of 12 planned sessions" in text and "Back Squat" in text
    md = tmp_path / "review.md"
    ok("review", "--end", END.isoformat(), "--format", "markdown", "-o", str(md))
    assert md.read_text().startswith("# Training review: 05 Oct 2026 - 01 Nov 2026")
    page = tmp_path / "review.html"
    ok("review", "--end", END.isoformat(), "--weeks", "4", "--format", "html", "-o", str(page))
    html = page.read_text()
    assert html.startswith("<!doctype html>") and "Back Squat" in html
    assert "<script" not in html and 'src="http' not in html  # self-contained


def test_review_refuses_bad_options(home) -> None:
    assert "--weeks" in refused("review", "--weeks", "0")
    assert "--end" in refused("review", "--end", "yesterday")
    assert "--format" in refused("review", "--format", "pdf")


def test_a_break_across_new_year_names_its_years(home) -> None:
    # An imported log that stopped in September 2025 and a set in December 2026: the review
    # said "No training from Mon 15 Sep to Tue 1 Dec (442 days)".
    ok("log", "--date", "2025-09-15", "--exercise", "back-squat", "--set", "80kgx5")
    ok("log", "--date", "2026-12-01", "--exercise", "back-squat", "--set", "60kgx5")
    findings = json.loads(ok("review", "--end", "2026-12-06", "-f", "json"))["findings"]
    said = [f["text"] for f in findings if f["kind"] == "break"]
    assert said == ["No training from Mon 15 Sep 2025 to Tue 1 Dec 2026 (442 days)."]


def test_a_first_review_counts_one_day_and_knows_the_plan_has_not_started(home) -> None:
    # "Consistent for 1 days", "1 training days (no active plan to compare with)" beside a
    # saved plan that starts next week.
    ok("plan", "--days", "3", "--start", "2026-12-07", "--save")
    ok("log", "--date", "2026-12-05", "--exercise", "back-squat", "--set", "60kgx5")
    findings = {f["kind"]: f["text"] for f in json.loads(
        ok("review", "--end", "2026-12-06", "-f", "json"))["findings"]}
    assert findings["adherence"] == "1 training day (no planned session was due in these weeks)."
    assert findings["consistency"] == ("Consistent for 1 day (never more than 7 days without "
                                       "training); longest run 1 day.")
    text = ok("review", "--end", "2026-12-05")
    assert "Consistency: current run 1 day, longest 1 day." in text
    assert "1 training day\n" in ok("review", "--end", "2026-12-05", "-f", "markdown")


def test_two_sessions_days_apart_make_no_trend_and_a_month_of_them_does(home) -> None:
    """The audit: an imported log's two sessions four days apart read -106 kg a week. Too few
    days or too short a span gives no trend; three sessions over two weeks give one."""
    ok("log", "--date", "2026-11-02", "--exercise", "back-squat", "--set", "100kgx5")
    ok("log", "--date", "2026-11-06", "--exercise", "back-squat", "--set", "80kgx5")

    def squat(end: str) -> dict:
        data = json.loads(ok("review", "--end", end, "--format", "json"))
        return next(t for t in data["lifts"] if t["exercise_id"] == "back-squat")

    assert squat("2026-11-08")["slope_kg_per_week"] is None
    assert "no trend yet" in ok("review", "--end", "2026-11-08")
    ok("log", "--date", "2026-11-20", "--exercise", "back-squat", "--set", "102.5kgx5")
    slope = squat("2026-11-22")["slope_kg_per_week"]
    assert slope is not None and -10 < slope < 10


def test_dash_output_is_standard_output_not_a_file_named_dash(home) -> None:
    """`-o -` is the usual name for standard output; it used to write a file named "-" into
    the current directory (one was even committed from the test run's checkout)."""
    work = home / "cwd"
    work.mkdir()
    r = run_cli("review", "--end", END.isoformat(), "-f", "json", "-o", "-", cwd=work)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["period"]["end"] == END.isoformat()
    assert not (work / "-").exists()
    md = run_cli("review", "--end", END.isoformat(), "-f", "markdown", "-o", "-", cwd=work)
    assert md.returncode == 0 and md.stdout.startswith("#"), md.stderr
    assert list(work.iterdir()) == []


def test_review_judges_each_muscle_and_only_sums_the_regions(home, tmp_path) -> None:
    """A month inside every muscle's band while the legs' sum (18 a week) is above the old
    per-region band (8-16 for a beginner): the text and the JSON say "inside" for every main
    muscle and judge no region; the JSON keeps the fields clients read (band, balance,
    weekly_sets)."""
    from redwood.store import open_store

    monday = {"back-squat": 3, "romanian-deadlift": 3, "leg-extension": 2, "barbell-row": 3,
              "lat-pulldown": 3, "plank": 2}
    thursday = {"back-squat": 3, "romanian-deadlift": 2, "seated-leg-curl": 3,
                "leg-extension": 2, "barbell-row": 3, "lat-pulldown": 2, "seated-cable-row": 2,
                "plank": 2}
    store = open_store()
    try:
        user = store.default_user()
        with store.unit_of_work(user.id) as uow:
            for week in range(4):
                first = PLAN_START + dt.timedelta(days=7 * week)
                for day, sets in ((first, monday), (first + dt.timedelta(days=3), thursday)):
                    uow.workouts.add(Workout(day, tuple(
                        LoggedSet(ex, Decimal(40), 8) for ex, n in sets.items()
                        for _ in range(n))))
            uow.commit()
    finally:
        store.close()
    data = json.loads(ok("review", "--end", END.isoformat(), "--format", "json"))
    assert [w["legs"] for w in data["weekly_sets"]] == [18] * 4
    assert data["band"]["high"] < 18  # the old per-region band, kept for its readers
    assert {"legs", "back", "ratio"} == set(data["balance"])
    main = {m["muscle"]: m for m in data["muscles"] if m["main"]}
    assert set(main) == {"quadriceps", "hamstrings", "glutes", "lats", "upper-back"}
    assert all(m["state"] == "inside" and m["off_by"] == 0 for m in main.values()), main
    assert main["quadriceps"]["weekly"] == [10.0] * 4 and main["quadriceps"]["average"] == 10.0
    kinds = {f["kind"] for f in data["findings"]}
    assert "volume" in kinds and not kinds & {"volume_low", "volume_high"}
    text = ok("review", "--end", END.isoformat())
    assert "Weekly hard sets per muscle" in text and "Hard sets by region (sums)" in text
    assert not re.search(r"\d (over|under)\b|\bover the\b|\bunder the\b", text), text
    quads = next(line for line in text.splitlines() if "quadriceps" in line)
    assert "10.0" in quads and "inside" in quads
    md = tmp_path / "review.md"
    ok("review", "--end", END.isoformat(), "--format", "markdown", "-o", str(md))
    assert "| quadriceps | 10.0 | 6-14 | inside |" in md.read_text()
