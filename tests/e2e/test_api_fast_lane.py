"""The fast lane for logging sets and today's session (redwood.web.fastlane) answers exactly
as FastAPI does.

The same requests go to two apps on two databases set up alike, one with the lane and one
without (REDWOOD_FAST_LANE=0): every answer (status, body, headers) must be the same, for
the plain case the lane serves and for every case it hands over (a wrong token, a body that
does not validate, an unknown exercise, another lifter's workout, a retried request...).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from apihelp import API, BACKENDS, Lifter, app_client, database
from redwood.web import fastlane

SET = {"exercise_id": "back-squat", "weight_kg": 100, "reps": 5, "rpe": 8}
TODAY = str(dt.date.today())
YESTERDAY = str(dt.date.today() - dt.timedelta(days=1))


def _lifters(client: Any) -> tuple[Lifter, Lifter, int, int]:
    alice, bob = Lifter(client, "alice"), Lifter(client, "bob")
    alice.post("/workouts", {"date": YESTERDAY, "sets": [SET]})  # records to beat today
    mine = alice.post("/workouts", {"date": TODAY, "sets": [SET]}).json()["id"]
    theirs = bob.post("/workouts", {"date": TODAY, "sets": [SET]}).json()["id"]
    return alice, bob, mine, theirs


@pytest.fixture(params=BACKENDS)
def two_apps(request: pytest.FixtureRequest, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """[(client, alice, bob, alice's workout, bob's workout)] with the lane, then without."""
    with ExitStack() as stack:
        apps = []
        for lane in ("1", "0"):
            monkeypatch.setenv(fastlane.FAST_LANE_ENV, lane)
            folder = tmp_path / lane
            folder.mkdir()
            url = stack.enter_context(database(request.param, folder))
            client = stack.enter_context(app_client(url))
            apps.append((client, *_lifters(client)))
        yield apps


def _served(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Any]:
    """The requests the lane's `name` served itself (it returned an answer: not handed
    over), by their second argument."""
    served: list[Any] = []
    serve = getattr(fastlane, name)

    def counted(*args: Any) -> Any:
        answer = serve(*args)
        served.append(args[1])
        return answer

    monkeypatch.setattr(fastlane, name, counted)
    return served


def _answer(r: Any) -> tuple[int, Any, dict[str, str]]:
    headers = {k: v for k, v in r.headers.items() if k not in ("date", "content-length")}
    try:
        body = r.json()
    except ValueError:
        body = r.text
    return r.status_code, body, headers


def test_every_answer_to_logging_sets_is_the_same_with_and_without_the_lane(
        two_apps: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    served = _served(monkeypatch, "_log_sets")

    def requests(alice: Lifter, bob: Lifter, mine: int, theirs: int
                 ) -> list[tuple[str, dict[str, str], bytes]]:
        bearer = {"Authorization": f"Bearer {alice.token}", "Content-Type": "application/json"}
        one = json.dumps({"sets": [SET]}).encode()
        pr = json.dumps({"sets": [{**SET, "weight_kg": 140}]}).encode()
        return [
            (f"/workouts/{mine}/sets", bearer, one),  # the plain case
            (f"/workouts/{mine}/sets", bearer, pr),  # a record
            (f"/workouts/{mine}/sets", bearer, json.dumps(
                {"sets": [SET, {**SET, "reps": 6}]}).encode()),
            (f"/workouts/{mine}/sets", {**bearer, "Content-Type": "application/json; "
                                        "charset=utf-8"}, one),
            (f"/workouts/{theirs}/sets", bearer, one),  # another lifter's: 404
            (f"/workouts/{mine + theirs + 100}/sets", bearer, one),  # none: 404
            (f"/workouts/{mine}/sets", {**bearer, "Authorization": "Bearer rw_nope"}, one),
            (f"/workouts/{mine}/sets", {**bearer, "Authorization": "Basic abc"}, one),
            (f"/workouts/{mine}/sets", {"Content-Type": "application/json"}, one),
            (f"/workouts/{mine}/sets", bearer, b"{not json"),
            (f"/workouts/{mine}/sets", bearer, b'{"sets": []}'),
            (f"/workouts/{mine}/sets", bearer, json.dumps(
                {"sets": [{**SET, "reps": 0}]}).encode()),
            (f"/workouts/{mine}/sets", bearer, json.dumps(
                {"sets": [{**SET, "exercise_id": "back-squatt"}]}).encode()),
            (f"/workouts/{mine}/sets", bearer, json.dumps(
                {"sets": [SET], "extra": 1}).encode()),
            (f"/workouts/{mine}/sets", {**bearer, "Content-Type": "text/plain"}, one),
            (f"/workouts/{mine}/sets", {**bearer, "Idempotency-Key": "key-12345678"}, one),
            (f"/workouts/{mine}/sets", {**bearer, "Idempotency-Key": "key-12345678"}, one),
            (f"/workouts/{mine}/sets", {**bearer, "Idempotency-Key": "x"}, one),
            ("/workouts/0/sets", bearer, one),
            ("/workouts/99999999999/sets", bearer, one),
        ]

    answers = []
    for client, alice, bob, mine, theirs in two_apps:
        answers.append([_answer(client.post(f"{API}{path}", headers=headers, content=body))
                        for path, headers, body in requests(alice, bob, mine, theirs)])
    with_lane, without = answers
    assert len(served) == 4  # the four plain requests; the lane handed over the others
    assert [a[0] for a in with_lane][:4] == [201, 201, 201, 201]
    assert with_lane[1][1]["records"], "140 kg after 100 kg is a record"
    for i, (a, b) in enumerate(zip(with_lane, without, strict=True)):
        assert a == b, f"request {i}"
    # And what was stored is the same: the workouts read back alike.
    stored = [client.get(f"{API}/workouts/{mine}", headers=alice.headers).json()["sets"]
              for client, alice, _, mine, _ in two_apps]
    assert stored[0] == stored[1] and len(stored[0]) == 7


def test_the_lane_keeps_the_security_headers_and_the_size_cap(two_apps: list[Any]) -> None:
    client, alice, _, mine, _ = two_apps[0]
    r = client.post(f"{API}/workouts/{mine}/sets", headers=alice.headers,
                    json={"sets": [SET]})
    assert r.status_code == 201
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["x-content-type-options"] == "nosniff"
    huge = b'{"sets": [' + b" " * (21 * 1024 * 1024) + b"]}"
    r = client.post(f"{API}/workouts/{mine}/sets", content=huge,
                    headers={**alice.headers, "Content-Type": "application/json"})
    assert r.status_code == 413


def test_every_answer_to_todays_session_is_the_same_with_and_without_the_lane(
        two_apps: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    served = _served(monkeypatch, "_today")
    answers = []
    for client, alice, bob, _, _ in two_apps:
        alice.post("/plans/generate", {"days": 3, "weeks": 4, "save": True, "start": TODAY})
        bearer = {"Authorization": f"Bearer {alice.token}"}
        gzip = {**bearer, "Accept-Encoding": "gzip"}
        requests = [
            ("/today", bearer),  # the plain case
            ("/today", gzip),  # compressed as FastAPI's answer is
            ("/today", {"Authorization": f"Bearer {bob.token}"}),  # no plan: 404
            ("/today", {"Authorization": "Bearer rw_nope"}),  # 401
            ("/today", {"Authorization": "Basic abc"}),
            ("/today", {}),
            (f"/today?date={TODAY}", bearer),  # a query: FastAPI's
            ("/today?date=0", bearer),
            ("/today/", bearer),
        ]
        answers.append([_answer(client.get(f"{API}{path}", headers=headers))
                        for path, headers in requests])
    with_lane, without = answers
    # Alice's two plain requests and /today/'s redirect to /today; the lane handed over the rest.
    assert len(served) == 3
    assert [a[0] for a in with_lane][:4] == [200, 200, 404, 401]
    assert with_lane[0][1]["items"], "today's session has lifts"
    assert with_lane[1][2].get("content-encoding") == "gzip"
    assert with_lane[0][2]["cache-control"] == "no-store"
    for i, (a, b) in enumerate(zip(with_lane, without, strict=True)):
        assert a == b, f"request {i}"
