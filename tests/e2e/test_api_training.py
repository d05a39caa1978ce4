"""The REST API's profile, plans, check-ins, records, exercise library and analytics, over
real HTTP (httpx through the ASGI app) on SQLite and on PostgreSQL: what a script or the web UI
sees, including that one lifter never sees another's data and that bad input is a 4xx naming
the field, never a 500."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient

from plans import beyond_known_gaps
from redwood.domain.log import LoggedSet, Workout
from redwood.store.admin import temporary_database
from redwood.store.location import sqlite_url
from redwood.web.app import create_app

PG_URL = os.environ.get("REDWOOD_TEST_POSTGRES_URL", "").strip()
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(
        not PG_URL, reason="REDWOOD_TEST_POSTGRES_URL is not set")),
]
API = "/api/v1"
TODAY = dt.date.today()


@pytest.fixture(scope="module", params=BACKENDS)
def client(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One server per backend for the module: each test signs up lifters of its own."""
    def serve(url: str) -> Iterator[TestClient]:
        app = create_app(url, argon2_time_cost=1, argon2_memory_cost=1024)
        with TestClient(app) as c:
            yield c

    if request.param == "sqlite":
        yield from serve(sqlite_url(tmp_path_factory.mktemp("api") / "redwood.db"))
    else:
        with temporary_database(PG_URL) as url:
            yield from serve(url)


_names = itertools.count(1)


class Lifter:
    """A signed-up user with a bearer token, calling the API."""

    def __init__(self, client: TestClient, name: str) -> None:
        self.client = client
        name = f"{name}{next(_names)}"
        r = client.post(f"{API}/auth/signup", json={"username": name, "password": "squat-deep-1"})
        assert r.status_code == 201, r.text
        self.id = r.json()["id"]
        r = client.post(f"{API}/auth/token", json={"username": name, "password": "squat-deep-1"})
        assert r.status_code == 200, r.text
        self.headers = {"Authorization": f"Bearer {r.json()['access_token']}"}

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        r = self.client.request(method, f"{API}{path}", headers=self.headers, **kwargs)
        assert r.status_code < 500, r.text
        return r

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.call("GET", path, **kwargs)

    def log(self, day: dt.date, *sets: tuple[str, str | None, int]) -> None:
        """Log a workout straight into the store, as the CLI would."""
        from redwood.catalog import load_catalog
        from redwood.services.training import log_workout

        store = self.client.app.state.store  # type: ignore[attr-defined]
        with store.reader() as uow:
            user = uow.users.get(self.id)
        log_workout(store, user, Workout(date=day, sets=tuple(
            LoggedSet(ex, None if w is None else Decimal(w), reps) for ex, w, reps in sets)),
            load_catalog())


def error_of(r: Any) -> str:
    body = r.json()
    return str(body.get("error") or body.get("detail"))


@pytest.fixture
def ann(client: TestClient) -> Lifter:
    return Lifter(client, "ann")


@pytest.fixture
def bob(client: TestClient) -> Lifter:
    return Lifter(client, "bob")


# --- profile -------------------------------------------------------------------------------


def test_profile_starts_from_plan_defaults_and_keeps_what_is_set(ann: Lifter) -> None:
    r = ann.get("/profile")
    assert r.status_code == 200
    assert r.json()["saved"] is False
    assert r.json()["goal"] == "hypertrophy"

    r = ann.call("PUT", "/profile", json={"goal": "strength", "days": 2, "on": ["mon", "thu"],
                                          "unit": "lb"})
    assert r.status_code == 200, r.text
    r = ann.call("PUT", "/profile", json={"minutes": 45})
    got = ann.get("/profile").json()
    assert got["saved"] is True
    assert (got["goal"], got["days"], got["minutes"], got["on"], got["unit"]) == (
        "strength", 2, 45, ["mon", "thu"], "lb")


@pytest.mark.parametrize(("body", "field"), [
    ({"days": 9}, "days"),
    ({"minutes": 5}, "minutes"),
    ({"days": 4, "on": ["mon", "tue"]}, "on"),
    ({"goal": "bulk"}, "goal"),
    ({"equipment": ["spaceship"]}, "equipment"),
    ({"unit": "stone"}, "unit"),
    ({"colour": "red"}, "colour"),
    ({}, "profile"),
])
def test_bad_profile_is_refused_naming_the_field(ann: Lifter, body: dict[str, Any],
                                                 field: str) -> None:
    r = ann.call("PUT", "/profile", json=body)
    assert r.status_code == 422
    assert error_of(r).startswith(field), error_of(r)
    assert ann.get("/profile").json()["saved"] is False


# --- plans ---------------------------------------------------------------------------------


def test_generate_check_save_and_follow_a_plan(ann: Lifter) -> None:
    ann.call("PUT", "/profile", json={"goal": "strength", "days": 2})
    r = ann.call("POST", "/plans/generate", json={"weeks": 4})
    assert r.status_code == 200, r.text
    made = r.json()
    assert made["plan_id"] is None
    plan = made["plan"]
    assert plan["schema_version"] == 1
    assert plan["profile"]["goal"] == "strength"  # from the profile
    assert plan["profile"]["days_per_week"] == 2
    assert len(plan["weeks"]) == 4
    assert ann.get("/plans/active").status_code == 404  # not kept yet

    r = ann.call("POST", "/plans/check", json=plan)
    assert r.status_code == 200 and beyond_known_gaps(r.json()["violations"]) == []

    r = ann.call("POST", "/plans", json=plan)
    assert r.status_code == 201, r.text
    first = r.json()["id"]
    assert ann.get("/plans/active").json()["id"] == first

    r = ann.call("POST", "/plans/generate", json={"days": 3, "weeks": 2, "save": True})
    second = r.json()["plan_id"]
    assert second is not None
    active = ann.get("/plans/active").json()
    assert active["id"] == second and active["plan"]["profile"]["days_per_week"] == 3

    listed = ann.get("/plans", params={"limit": 1}).json()
    assert listed["total"] == 2 and [p["id"] for p in listed["items"]] == [second]
    assert [p["id"] for p in ann.get("/plans", params={"offset": 1}).json()["items"]] == [first]
    assert ann.get(f"/plans/{first}").json()["plan"] == plan

    assert ann.call("POST", f"/plans/{first}/activate").json()["active"] is True
    assert ann.get("/plans/active").json()["id"] == first
    # Today's session comes from the active plan.
    assert ann.get("/today").status_code == 200


def test_a_broken_plan_lists_its_violations(ann: Lifter) -> None:
    plan = ann.call("POST", "/plans/generate", json={"weeks": 1}).json()["plan"]
    session = plan["weeks"][0]["sessions"][0]
    session["warmup"] = []
    r = ann.call("POST", "/plans/check", json=plan)
    assert r.status_code == 200
    assert r.json()["ok"] is False
    assert any(v["rule"].startswith("warmup") or "warm" in v["message"]
               for v in r.json()["violations"])


@pytest.mark.parametrize(("body", "field"), [
    ({"days": 9}, "days"),
    ({"weeks": 0}, "weeks"),
    ({"goal": "bulk"}, "goal"),
    ({"days": 3, "on": ["mon"]}, "on"),
    ({"exclude": ["not-an-exercise"]}, "exclude"),
    ({"start": "2027-02-30"}, "start"),
    ({"start": "9999-12-01"}, "start"),
    ({"seed": -1}, "seed"),
])
def test_bad_plan_options_are_refused_naming_the_field(ann: Lifter, body: dict[str, Any],
                                                       field: str) -> None:
    r = ann.call("POST", "/plans/generate", json=body)
    assert r.status_code == 422
    assert error_of(r).startswith(field), error_of(r)


@pytest.mark.parametrize("plan", [
    {}, {"schema_version": 2}, {"schema_version": 1, "profile": {}, "weeks": []}, [1, 2],
    "plan",
])
def test_what_is_not_a_plan_is_refused(ann: Lifter, plan: Any) -> None:
    for path in ("/plans/check", "/plans"):
        r = ann.call("POST", path, json=plan)
        assert r.status_code == 422, (path, r.text)
        assert error_of(r).startswith(("plan", "body")), error_of(r)
    assert ann.get("/plans").json()["total"] == 0


def test_plans_are_private(ann: Lifter, bob: Lifter) -> None:
    mine = ann.call("POST", "/plans/generate", json={"weeks": 1, "save": True}).json()["plan_id"]
    for path in (f"/plans/{mine}", "/plans/active"):
        assert bob.get(path).status_code == 404
    assert bob.call("POST", f"/plans/{mine}/activate").status_code == 404
    assert bob.get("/plans").json() == {"items": [], "total": 0, "limit": 20, "offset": 0}
    assert bob.get(f"/plans/{mine + 1}").status_code == 404
    assert ann.get("/plans/active").json()["id"] == mine


# --- check-ins -----------------------------------------------------------------------------


def test_checkins_are_kept_merged_listed_and_removed(ann: Lifter) -> None:
    day = TODAY - dt.timedelta(days=1)
    r = ann.call("PUT", f"/checkins/{day}", json={"sleep_hours": 5.5, "energy": 2,
                                                  "soreness": {"legs": 4}})
    assert r.status_code == 200, r.text
    saved = r.json()
    assert saved["sleep_hours"] == 5.5 and saved["soreness"] == {"legs": 4}
    assert saved["advice"]["readiness"] in ("caution", "fatigued")
    assert any("legs soreness 4/5" in reason for reason in saved["advice"]["reasons"])

    r = ann.call("PUT", f"/checkins/{day}", json={"body_weight_kg": 80.5})
    assert r.json()["sleep_hours"] == 5.5 and r.json()["body_weight_kg"] == 80.5
    ann.call("PUT", f"/checkins/{TODAY}", json={"sleep_hours": 8, "energy": 4})

    listed = ann.get("/checkins").json()
    assert [c["date"] for c in listed["items"]] == [TODAY.isoformat(), day.isoformat()]
    assert ann.get("/checkins", params={"until": str(day)}).json()["total"] == 1
    assert ann.get(f"/checkins/{day}").json()["body_weight_kg"] == 80.5

    assert ann.call("DELETE", f"/checkins/{day}").status_code == 204
    assert ann.call("DELETE", f"/checkins/{day}").status_code == 404
    assert ann.get(f"/checkins/{day}").status_code == 404
    assert ann.get("/checkins").json()["total"] == 1


@pytest.mark.parametrize(("body", "field"), [
    ({"energy": 6}, "energy"),
    ({"sleep_hours": 25}, "sleep_hours"),
    ({"body_weight_kg": 5}, "body_weight_kg"),
    ({"soreness": {"elbows": 2}}, "soreness"),
    ({"soreness": {"legs": 0}}, "soreness"),
    ({}, "body"),
    ({"mood": "great"}, "mood"),
])
def test_bad_checkins_are_refused_naming_the_field(ann: Lifter, body: dict[str, Any],
                                                   field: str) -> None:
    r = ann.call("PUT", f"/checkins/{TODAY}", json=body)
    assert r.status_code == 422
    assert error_of(r).startswith(field), error_of(r)
    assert ann.get("/checkins").json()["total"] == 0


def test_checkin_dates_must_be_real_and_not_in_the_future(ann: Lifter) -> None:
    for bad in ("2027-02-30", "yesterday", str(TODAY + dt.timedelta(days=3)), "1900-01-01"):
        r = ann.call("PUT", f"/checkins/{bad}", json={"energy": 3})
        assert r.status_code == 422, bad
        assert error_of(r).startswith("date"), error_of(r)
    r = ann.get("/checkins", params={"since": str(TODAY), "until": "2000-01-01"})
    assert r.status_code == 422 and error_of(r).startswith("until")


def test_checkins_are_private(ann: Lifter, bob: Lifter) -> None:
    ann.call("PUT", f"/checkins/{TODAY}", json={"energy": 3})
    assert bob.get("/checkins").json()["total"] == 0
    assert bob.get(f"/checkins/{TODAY}").status_code == 404
    assert bob.call("DELETE", f"/checkins/{TODAY}").status_code == 404
    bob.call("PUT", f"/checkins/{TODAY}", json={"energy": 5})
    assert ann.get(f"/checkins/{TODAY}").json()["energy"] == 3


# --- records and analytics -----------------------------------------------------------------


def test_records_and_e1rm_follow_the_log(ann: Lifter, bob: Lifter) -> None:
    first, second = TODAY - dt.timedelta(days=9), TODAY - dt.timedelta(days=2)
    ann.log(first, ("back-squat", "100", 5), ("back-squat", "100", 5),
            ("romanian-deadlift", "80", 8))
    ann.log(second, ("back-squat", "105", 5), ("romanian-deadlift", "80", 10))

    records = {r["exercise_id"]: r for r in ann.get("/records").json()["items"]}
    assert set(records) == {"back-squat", "romanian-deadlift"}
    squat = records["back-squat"]
    assert squat["name"] == "Back Squat" or squat["name"]
    assert squat["heaviest"] == {"value": 105.0, "date": second.isoformat(),
                                 "weight_kg": 105.0, "reps": 5}
    assert squat["best_volume"]["value"] == 1000.0  # 2 x 100 x 5 beats 105 x 5
    only = ann.get("/records", params={"exercise_id": "back-squat"}).json()
    assert [r["exercise_id"] for r in only["items"]] == ["back-squat"]

    series = ann.get("/analytics/e1rm", params={"exercise_id": "back-squat"}).json()
    assert [p["date"] for p in series["points"]] == [first.isoformat(), second.isoformat()]
    assert series["points"][1]["is_pr"] is True
    assert series["points"][1]["e1rm_kg"] > series["points"][0]["e1rm_kg"]
    # Two sessions a week apart: no trend yet (review.toml [trend]), not a line through two days.
    assert series["slope_kg_per_week"] is None
    later = ann.get("/analytics/e1rm", params={"exercise_id": "back-squat",
                                                "since": str(second)}).json()
    assert len(later["points"]) == 1

    weekly = ann.get("/analytics/weekly-sets", params={"weeks": 3}).json()
    assert len(weekly["weeks"]) == 3
    assert sum(w["legs"] for w in weekly["weeks"]) == 5
    assert weekly["band"]["low"] <= weekly["band"]["high"]
    assert any(w["by_muscle"].get("quadriceps") for w in weekly["weeks"])

    # Bob sees none of it.
    assert bob.get("/records").json()["total"] == 0
    assert bob.get("/analytics/e1rm", params={"exercise_id": "back-squat"}).json()[
        "points"] == []
    assert sum(w["legs"] for w in bob.get("/analytics/weekly-sets").json()["weeks"]) == 0


def test_body_weight_series_with_its_trend(ann: Lifter, bob: Lifter) -> None:
    for days_ago, kg in ((3, 81), (2, 80), (1, 79)):
        ann.call("PUT", f"/checkins/{TODAY - dt.timedelta(days=days_ago)}",
                 json={"body_weight_kg": kg})
    points = ann.get("/analytics/body-weight").json()["points"]
    assert [p["body_weight_kg"] for p in points] == [81, 80, 79]
    assert points[-1]["trend_kg"] == 80
    assert bob.get("/analytics/body-weight").json()["points"] == []


@pytest.mark.parametrize(("path", "params", "field"), [
    ("/analytics/e1rm", {}, "exercise_id"),
    ("/analytics/e1rm", {"exercise_id": "back-squat", "since": "2026-13-01"}, "since"),
    ("/analytics/e1rm", {"exercise_id": "back-squat", "since": "2026-02-01",
                         "until": "2026-01-01"}, "until"),
    ("/analytics/weekly-sets", {"weeks": 0}, "weeks"),
    ("/analytics/weekly-sets", {"weeks": 10_000}, "weeks"),
    ("/analytics/weekly-sets", {"until": "0001-01-01"}, "until"),
    ("/records", {"limit": 0}, "limit"),
    ("/records", {"limit": 100_000}, "limit"),
    ("/checkins", {"offset": -1}, "offset"),
])
def test_bad_queries_name_the_field(ann: Lifter, path: str, params: dict[str, Any],
                                    field: str) -> None:
    r = ann.get(path, params=params)
    assert r.status_code == 422
    assert error_of(r).startswith(field), error_of(r)


# --- exercise library ----------------------------------------------------------------------


def test_search_and_read_exercises(ann: Lifter) -> None:
    r = ann.get("/exercises", params={"q": "squat", "limit": 5})
    found = r.json()
    assert found["items"][0]["id"] == "back-squat"
    assert len(found["items"]) == 5 and found["total"] >= 5
    lats = ann.get("/exercises", params={"muscle": "lats", "equipment": "pull-up-bar"}).json()
    assert lats["items"] and all("lats" in e["primary_muscles"] and "pull-up-bar" in e["equipment"]
                                 for e in lats["items"])
    lower = ann.get("/exercises", params={"muscle": "lower-back"}).json()
    assert lower["items"]

    detail = ann.get("/exercises/back-squat").json()
    assert detail["cues"] and detail["mistakes"]
    assert all(s["name"] for s in detail["substitutions"])
    r = ann.get("/exercises/bak-squat")
    assert r.status_code == 404
    assert "back-squat" in error_of(r)


@pytest.mark.parametrize(("params", "field"), [
    ({"equipment": "spaceship"}, "equipment"),
    ({"muscle": "elbow"}, "muscle"),
    ({"region": "arms"}, "region"),
    ({"pattern": "dance"}, "pattern"),
    ({"q": "x" * 300}, "q"),
])
def test_bad_library_filters_name_the_field(ann: Lifter, params: dict[str, str],
                                            field: str) -> None:
    r = ann.get("/exercises", params=params)
    assert r.status_code == 422
    assert error_of(r).startswith(field), error_of(r)


# --- everyone must sign in -----------------------------------------------------------------


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/profile"), ("PUT", "/profile"), ("POST", "/plans/generate"),
    ("POST", "/plans/check"), ("POST", "/plans"), ("GET", "/plans"), ("GET", "/plans/active"),
    ("GET", "/plans/1"), ("GET", "/checkins"), ("PUT", f"/checkins/{TODAY}"),
    ("DELETE", f"/checkins/{TODAY}"), ("GET", "/records"), ("GET", "/exercises"),
    ("GET", "/exercises/back-squat"), ("GET", "/analytics/e1rm?exercise_id=back-squat"),
    ("GET", "/analytics/weekly-sets"), ("GET", "/analytics/body-weight"),
])
def test_every_endpoint_needs_a_token(client: TestClient, method: str, path: str) -> None:
    r = client.request(method, f"{API}{path}", json={})
    assert r.status_code == 401
    r = client.request(method, f"{API}{path}", json={},
                       headers={"Authorization": "Bearer rw_guessed"})
    assert r.status_code == 401
