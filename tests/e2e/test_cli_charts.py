"""`redwood chart`, `redwood measure` and `redwood recovery` from the terminal."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from clirun import run_cli
from longlog import store_log
from redwood.domain.log import CheckIn, LoggedSet, Workout

DAYS = ["2026-11-02", "2026-11-04", "2026-11-06", "2026-11-09", "2026-11-11", "2026-11-13"]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("REDWOOD_HOME", str(tmp_path))
    monkeypatch.delenv("REDWOOD_DATABASE_URL", raising=False)
    return tmp_path


def ok(*args: str) -> str:
    r = run_cli(*args)
    assert r.returncode == 0, r.stderr
    return r.stdout


def refused(*args: str, code: int = 2) -> str:
    r = run_cli(*args)
    assert r.returncode == code, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    return r.stderr


def seed(workouts=(), checkins=()) -> None:
    """Write straight to the database the CLI will open (REDWOOD_HOME): CLI start-ups are
    what make these tests slow, and `log`/`checkin` have tests of their own."""
    from redwood.store import open_store

    store = open_store()
    try:
        store_log(store, store.default_user().id, workouts, checkins)
    finally:
        store.close()


@pytest.fixture
def trained(home):
    seed(Workout(date=dt.date.fromisoformat(day),
                 sets=(LoggedSet("back-squat", Decimal(60) + Decimal("2.5") * i, 8),) * 2)
         for i, day in enumerate(DAYS))
    return home


def test_charts_are_written_as_png_and_svg(trained) -> None:
    from PIL import Image

    out = trained / "volume.png"
    ok("chart", "volume", "--end", "2026-11-15", "--weeks", "4", "-o", str(out))
    image = Image.open(out)
    assert image.format == "PNG" and image.size == (800, 450)
    assert len(image.convert("RGB").getcolors(1_000_000) or []) > 50
    weekly = trained / "volume.svg"
    ok("chart", "volume", "--end", "2026-11-15", "--weeks", "4", "-o", str(weekly))
    text = weekly.read_text()
    assert "Weekly hard sets per region" in text
    # No per-region band: the review and Progress judge each muscle against its own band,
    # and a shaded "legs target 10-16" could contradict them.
    assert "target" not in text and "shaded" not in text
    svg = trained / "squat.svg"
    r = run_cli("chart", "e1rm", "--exercise", "back squat", "--end", "2026-11-15", "-o",
                str(svg))
    assert r.returncode == 0, r.stderr
    assert "wrote" in r.stderr
    assert svg.read_text().lstrip().startswith("<?xml")
    assert "Estimated 1RM: Back Squat" in svg.read_text()


def test_nothing_to_draw_exits_1_with_a_friendly_line_and_no_file(trained) -> None:
    out = trained / "empty.png"
    err = refused("chart", "bodyweight", "--end", "2026-11-15", "-o", str(out), code=1)
    assert "body weight" in err and not out.exists()
    err = refused("chart", "e1rm", "--exercise", "deadlift", "-o", str(out), code=1)
    assert "no e1RM for Deadlift yet" in err and not out.exists()


def test_bad_chart_requests_exit_2(trained) -> None:
    assert "did you mean back-squat" in refused("chart", "e1rm", "--exercise", "back-squatt",
                                                "-o", str(trained / "x.png"))
    assert "pie" in refused("chart", "pie", "-o", str(trained / "x.png"))
    assert ".png or .svg" in refused("chart", "e1rm", "-o", str(trained / "x.gif"))


def test_measure_records_weight_into_the_check_in_and_girths(home) -> None:
    seed(checkins=[CheckIn(dt.date(2026, 11, 10), sleep_hours=Decimal("7.5"), energy=4)])
    out = ok("measure", "--date", "2026-11-10", "--weight", "80.4kg", "--waist", "84cm",
             "--hips", "39in")
    assert "weight 80.4 kg" in out and "waist 84.0 cm" in out and "hips 99.1 cm" in out
    ok("measure", "--date", "2026-11-11", "--weight", "79.6", "--waist", "83.6cm")
    data = json.loads(ok("measure", "show", "--end", "2026-11-11", "--format", "json"))
    assert [p["value"] for p in data["body_weight_kg"]] == [80.4, 79.6]
    assert [p["average_7d"] for p in data["body_weight_kg"]] == [80.4, 80.0]
    assert [p["value"] for p in data["waist_mm"]] == [840, 836]
    assert data["hips_mm"][0]["value"] == 991  # 39 in = 990.6 mm
    text = ok("measure", "--show", "--date", "2026-11-11")
    assert "7-day average 80.0 kg" in text
    # The check-in kept its sleep and energy.
    r = json.loads(ok("recovery", "--date", "2026-11-11", "--format", "json"))
    assert r["protein"]["grams_per_day"] == 127  # 79.6 x 1.6 = 127.36
    assert r["sleep"]["hours"] == 7.5


def test_absurd_measurements_are_refused_and_nothing_is_written(home) -> None:
    assert "--waist: 840cm is out of range" in refused("measure", "--weight", "80kg",
                                                       "--waist", "840cm")
    assert "--calf" in refused("measure", "--calf", "big")
    data = json.loads(ok("measure", "show", "--format", "json"))
    assert set(data) == {"start", "end"}


def test_recovery_shows_readiness_and_the_guides_numbers_with_sources(trained) -> None:
    seed(checkins=[CheckIn(dt.date(2026, 11, d), energy=e, sleep_hours=Decimal(6),
                           body_weight_kg=Decimal(80) if d == 14 else None)
                   for d, e in ((12, 2), (13, 1), (14, 2))])
    out = ok("recovery", "--date", "2026-11-14", "--before", "80kg", "--after", "79.2kg")
    assert "Readiness: fatigued" in out and "low energy" in out
    assert "128 g a day" in out and "(guide)" in out
    assert "about 1.2 L" in out
    assert "6 h on 2026-11-14, short of 7-9 h" in out
    assert "Light yoga" in out and "Foam rolling" in out
    data = json.loads(ok("recovery", "--date", "2026-11-14", "--format", "json"))
    assert data["rest_days"]["trained"] == 3 and data["rest_days"]["rested"] == 2
    assert data["rest_days"]["recommended"] == [1, 2]
    assert data["readiness"]["status"] == "fatigued"
    assert data["fluid"] is None


def test_recovery_refuses_half_a_weigh_in(home) -> None:
    assert "--before and --after" in refused("recovery", "--before", "80kg")
    assert "--after" in refused("recovery", "--before", "80kg", "--after", "60kg")
    assert "--format" in refused("recovery", "--format", "xml")
