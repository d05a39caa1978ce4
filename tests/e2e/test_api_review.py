"""The training review and the progress charts over the REST API (httpx through the ASGI app),
on SQLite and on PostgreSQL: the same numbers as `redwood review --format json`, a friendly
answer for an empty log, one lifter never seeing another's review, bad input a 422 naming the
field, and charts that are real SVG (or a 404 saying why there is nothing to draw)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from apihelp import BACKENDS, Lifter, app_client, database, error_of
from clirun import run_cli

PLAN_START = dt.date(2026, 10, 5)  # a Monday
END = dt.date(2026, 11, 1)  # a Sunday: the plan's four weeks
_names = itertools.count(1)


@pytest.fixture(scope="module", params=BACKENDS)
def served(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    """One server per backend for the module (and its database URL, for the CLI)."""
    with database(request.param, tmp_path_factory.mktemp("review")) as url, \
            app_client(url) as client:
        yield client, url


@pytest.fixture
def client(served: tuple[TestClient, str]) -> TestClient:
    return served[0]


def lifter(client: TestClient, name: str) -> Lifter:
    return Lifter(client, f"{name}{next(_names)}")


def follow_the_plan(who: Lifter) -> list[dt.date]:
    """Save a Mon/Wed/Fri plan from PLAN_START and log its sessions up to END through the
    API (squat +2.5 kg a session, three sets of rows), skipping the second; a check-in with
    body weight and sleep on each training day."""
    who.give_plan(PLAN_START)
    sessions = [PLAN_START + dt.timedelta(weeks=w, days=d) for w in range(4) for d in (0, 2, 4)]
    done = []
    for n, day in enumerate(sessions, start=1):
        if n == 2:
            continue
        squat = {"exercise_id": "back-squat", "weight_kg": 80 + 2.5 * n, "reps": 5}
        row = {"exercise_id": "barbell-row", "weight_kg": 60, "reps": 8}
        r = who.post("/workouts", {"date": day.isoformat(), "sets": [squat] * 3 + [row] * 3})
        assert r.status_code == 201, r.text
        r = who.call("PUT", f"/checkins/{day}", json={"body_weight_kg": 75, "sleep_hours": 8,
                                                       "energy": 4})
        assert r.status_code < 300, r.text
        done.append(day)
    return done


@pytest.fixture(scope="module")
def ann(served: tuple[TestClient, str]) -> tuple[Lifter, list[dt.date]]:
    """A lifter with four logged weeks (made once: the tests only read them)."""
    who = lifter(served[0], "ann")
    return who, follow_the_plan(who)


def test_review_reports_the_logged_weeks_as_the_cli_does(
        served: tuple[TestClient, str], ann: tuple[Lifter, list[dt.date]],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    who, done = ann
    r = who.get("/review", params={"weeks": 4, "end": END.isoformat()})
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["period"] == {"start": "2026-10-05", "end": "2026-11-01", "days": 28}
    a = got["adherence"]
    assert (a["planned"], a["done"], a["missed"], a["extra"]) == (12, len(done), 1, 0)
    assert a["on_day"] == 11 and a["sessions"] == 11
    squat = next(x for x in got["lifts"] if x["exercise_id"] == "back-squat")
    assert squat["name"] == "Back Squat"
    assert squat["e1rm_end_kg"] > squat["e1rm_start_kg"] and squat["slope_kg_per_week"] > 0
    assert squat["prs"] and all(p["text"] for p in squat["prs"])
    assert [w["week_start"] for w in got["weekly_sets"]] == [
        "2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"]
    assert [w["back"] for w in got["weekly_sets"]] == [6, 9, 9, 9]
    # Per muscle, each with its own band and the verdict the findings give it; the old
    # per-region band stays for the clients that read it, marked deprecated in the schema.
    muscles = {m["muscle"]: m for m in got["muscles"]}
    assert {"quadriceps", "hamstrings", "glutes", "lats", "upper-back", "calves",
            "core"} == set(muscles)
    assert all(len(m["weekly"]) == 4 and m["state"] in {"under", "inside", "over", "below"}
               for m in muscles.values())
    said = {f["kind"]: f["text"] for f in got["findings"]}
    for m in muscles.values():
        kind = {"under": "volume_low", "over": "volume_high"}.get(m["state"])
        if kind is not None:
            assert f'{m["muscle"]} {m["average"]:.1f}' in said[kind]
    assert {"low", "high"} == set(got["band"])
    schema = served[0].get("/openapi.json").json()["components"]["schemas"]
    assert schema["Review"]["properties"]["band"].get("deprecated") is True
    assert "muscles" in schema["Review"]["properties"] and "MuscleSets" in schema
    assert got["body_weight_kg"] == 75
    assert {f["kind"] for f in got["findings"]} >= {"progress"}
    protein = next(x for x in got["recommendations"] if x["kind"] == "protein")
    assert protein["reason"] and "g of protein" in protein["text"]
    assert all({"kind", "text", "reason"} <= set(x) for x in got["recommendations"])
    assert all({"kind", "text", "date"} <= set(m) for m in got["milestones"])

    # The same numbers as the service and as the command line, on the same database.
    from redwood.services.reviewing import review

    store = who.client.app.state.store  # type: ignore[attr-defined]
    assert got == json.loads(json.dumps(review(store, who.user, end=END, weeks=4).to_dict()))
    monkeypatch.setenv("REDWOOD_HOME", str(tmp_path))
    out = run_cli("--database-url", served[1], "--user", who.name, "review", "--end",
                  END.isoformat(), "--weeks", "4", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == got


def test_review_defaults_to_four_weeks_ending_today(client: TestClient) -> None:
    dan = lifter(client, "dan")
    today = dt.date.today()
    # A lifter who signed up today is reviewed from today, not blamed for the weeks before.
    got = dan.get("/review").json()
    assert got["period"]["end"] == today.isoformat() and got["period"]["days"] == 1
    # With a log going back further (an import, say): four weeks.
    long_ago = (today - dt.timedelta(days=60)).isoformat()
    r = dan.post("/workouts", {"date": long_ago, "sets": [
        {"exercise_id": "back-squat", "weight_kg": 60, "reps": 5}]})
    assert r.status_code == 201, r.text
    got = dan.get("/review").json()
    assert got["period"]["end"] == today.isoformat() and got["period"]["days"] == 28


def test_an_empty_log_gets_a_friendly_review(client: TestClient) -> None:
    r = lifter(client, "eve").get("/review", params={"end": END.isoformat()})
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["findings"][0]["kind"] == "no_data"
    assert "Nothing is logged yet" in got["findings"][0]["text"]
    assert got["lifts"] == [] and got["weekly_sets"] == [] and got["recommendations"] == []
    assert got["adherence"]["sessions"] == 0


def test_one_lifter_never_sees_anothers_review(client: TestClient,
                                               ann: tuple[Lifter, list[dt.date]]) -> None:
    bob = lifter(client, "bob")
    got = bob.get("/review", params={"end": END.isoformat()}).json()
    assert got["findings"][0]["kind"] == "no_data" and got["lifts"] == []
    assert got["adherence"]["planned"] is None  # ann's plan is hers
    r = bob.get("/charts/e1rm.svg", params={"exercise_id": "back-squat",
                                             "end": END.isoformat()})
    assert r.status_code == 404
    # and ann's review is untouched by bob's asking
    assert ann[0].get("/review", params={"end": END.isoformat()}).json()["lifts"]


def test_the_review_needs_a_signed_in_lifter(client: TestClient) -> None:
    assert client.get("/api/v1/review").status_code == 401
    assert client.get("/api/v1/charts/calendar.svg").status_code == 401


@pytest.mark.parametrize(("path", "params", "field"), [
    ("/review", {"weeks": 0}, "weeks"),
    ("/review", {"weeks": 105}, "weeks"),
    ("/review", {"weeks": "four"}, "weeks"),
    ("/review", {"end": "2026-02-30"}, "end"),
    ("/review", {"end": "yesterday"}, "end"),
    ("/review", {"end": "0001-01-01"}, "end"),
    ("/charts/pie.svg", {}, "kind"),
    ("/charts/e1rm.svg", {"weeks": 0}, "weeks"),
    ("/charts/e1rm.svg", {"weeks": 100_000}, "weeks"),
    ("/charts/e1rm.svg", {"exercise_id": "no-such-lift-at-all"}, "exercise_id"),
    ("/charts/volume.svg", {"exercise_id": "back-squat"}, "exercise_id"),
    ("/charts/calendar.svg", {"end": "9999-12-31"}, "end"),
])
def test_bad_input_is_a_422_naming_the_field(client: TestClient, path: str,
                                             params: dict[str, Any], field: str) -> None:
    r = lifter(client, "fay").get(path, params=params)
    assert r.status_code == 422, r.text
    message = error_of(r)
    assert message.startswith(f"{field}: "), message
    assert len(message.splitlines()) == 1
    if params.get("weeks") == 105:
        assert "allowed 1..104" in message  # the range `redwood review --weeks` allows


def _svg(r: Any) -> ET.Element:
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(r.content)  # well-formed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


@pytest.mark.parametrize(("kind", "params"), [
    ("e1rm", {"exercise_id": "Back Squat"}),  # a name finds the lift, as on the CLI
    ("e1rm", {}),
    ("volume", {"weeks": 4}),
    ("calendar", {}),
    ("bodyweight", {"weeks": 4}),
])
def test_charts_are_svg_of_the_lifters_log(ann: tuple[Lifter, list[dt.date]], kind: str,
                                           params: dict[str, Any]) -> None:
    root = _svg(ann[0].get(f"/charts/{kind}.svg", params={**params, "end": END.isoformat()}))
    text = "".join(root.itertext())
    if params.get("exercise_id"):
        assert "Back Squat" in text


def test_a_chart_with_nothing_to_draw_is_a_404_saying_why(client: TestClient) -> None:
    eve = lifter(client, "eve")
    for kind in ("e1rm", "volume", "calendar", "bodyweight"):
        r = eve.get(f"/charts/{kind}.svg", params={"end": END.isoformat()})
        assert r.status_code == 404, (kind, r.text)
        assert r.headers["content-type"].startswith("application/json")
        message = error_of(r)
        assert message and len(message.splitlines()) == 1 and "Traceback" not in message
    r = eve.get("/charts/calendar.svg", params={"end": END.isoformat()})
    assert "no training days" in error_of(r)
