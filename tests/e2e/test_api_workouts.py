"""The stable script API on SQLite and PostgreSQL: log a workout, log sets one tap at a time,
see PRs, edit and delete, page through the history, load today's session; one lifter never
reads or changes another's workouts, whatever id they guess; bad input is a 422 naming the
field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from apihelp import BACKENDS, Lifter, app_client, database, error_of

DAY = dt.date.today() - dt.timedelta(days=3)
SQUAT = {"exercise_id": "back-squat", "weight_kg": 100, "reps": 5, "rpe": 8}


def workout(day: dt.date = DAY, *sets: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"date": day.isoformat(), "sets": list(sets) or [SQUAT], **extra}


@pytest.fixture(scope="module", params=BACKENDS)
def served(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with database(request.param, tmp_path_factory.mktemp("workouts")) as url, \
            app_client(url) as c:
        yield c


_names = iter(f"lifter{i}" for i in range(10_000))


@pytest.fixture
def alice(served: TestClient) -> Lifter:
    return Lifter(served, next(_names))


@pytest.fixture
def bob(served: TestClient) -> Lifter:
    return Lifter(served, next(_names))


def test_log_a_workout_read_it_back_in_the_clis_shape(alice: Lifter) -> None:
    body = workout(DAY, SQUAT, {"exercise_id": "plank", "weight_kg": None, "seconds": 45},
                   notes="felt strong", energy=4)
    r = alice.post("/workouts", body)
    assert r.status_code == 201, r.text
    made = r.json()
    assert isinstance(made["id"], int)
    assert made["date"] == DAY.isoformat() and made["notes"] == "felt strong"
    assert made["energy"] == 4
    assert made["sets"][0] == {"position": 0, "exercise_id": "back-squat", "weight_kg": 100,
                               "reps": 5, "rpe": 8, "kind": "working"}
    assert made["sets"][1]["seconds"] == 45 and made["sets"][1]["weight_kg"] is None
    got = alice.get(f"/workouts/{made['id']}").json()
    assert got["sets"] == made["sets"]
    # What GET returns can be sent back as a new workout (a script copying a session).
    again = alice.post("/workouts", {k: v for k, v in got.items() if k != "planned"})
    assert again.status_code == 201, again.text


def test_one_tap_set_logging_reports_prs(alice: Lifter) -> None:
    earlier = DAY - dt.timedelta(days=7)
    alice.post("/workouts", workout(earlier, {**SQUAT, "weight_kg": 90}))
    made = alice.post("/workouts", workout(DAY, {**SQUAT, "weight_kg": 60, "kind": "warmup"}))
    workout_id = made.json()["id"]
    r = alice.post(f"/workouts/{workout_id}/sets", {"sets": [SQUAT]})
    assert r.status_code == 201, r.text
    added = r.json()
    assert added["positions"] == [1]
    kinds = {rec["kind"] for rec in added["records"]}
    assert "heaviest" in kinds
    heaviest = next(rec for rec in added["records"] if rec["kind"] == "heaviest")
    assert heaviest["position"] == 1 and heaviest["value"] == 100 and heaviest["previous"] == 90
    assert "Back Squat" in heaviest["message"]
    # The same set again breaks no record.
    r = alice.post(f"/workouts/{workout_id}/sets", {"sets": [SQUAT]})
    assert r.json()["positions"] == [2]
    assert not [rec for rec in r.json()["records"] if rec["kind"] == "heaviest"]
    assert len(alice.get(f"/workouts/{workout_id}").json()["sets"]) == 3


def test_a_new_workout_reports_its_prs(alice: Lifter) -> None:
    alice.post("/workouts", workout(DAY - dt.timedelta(days=10), {**SQUAT, "weight_kg": 80}))
    r = alice.post("/workouts", workout(DAY, {**SQUAT, "weight_kg": 85}))
    assert {rec["kind"] for rec in r.json()["records"]} >= {"heaviest"}


def test_edit_and_delete_a_workout_and_its_sets(alice: Lifter) -> None:
    made = alice.post("/workouts", workout(DAY, SQUAT, {**SQUAT, "reps": 4})).json()
    wid = made["id"]
    r = alice.patch(f"/workouts/{wid}", {"notes": "moved", "date": (DAY - dt.timedelta(
        days=1)).isoformat(), "energy": None})
    assert r.status_code == 200, r.text
    assert r.json()["notes"] == "moved"
    assert r.json()["date"] == (DAY - dt.timedelta(days=1)).isoformat()
    assert len(r.json()["sets"]) == 2  # the sets moved with the date
    by_date = alice.get("/workouts", params={"since": r.json()["date"],
                                             "until": r.json()["date"]}).json()
    assert [w["id"] for w in by_date["items"]] == [wid]

    r = alice.patch(f"/workouts/{wid}/sets/1", {"reps": 5, "rpe": 9.5})
    assert r.status_code == 200, r.text
    assert r.json()["reps"] == 5 and r.json()["rpe"] == 9.5 and r.json()["weight_kg"] == 100
    assert alice.delete(f"/workouts/{wid}/sets/0").status_code == 204
    left = alice.get(f"/workouts/{wid}").json()["sets"]
    assert [(s["position"], s["reps"]) for s in left] == [(1, 5)]
    assert alice.delete(f"/workouts/{wid}/sets/0").status_code == 404

    r = alice.patch(f"/workouts/{wid}", {"sets": [SQUAT, SQUAT, SQUAT]})
    assert [s["position"] for s in r.json()["sets"]] == [0, 1, 2]

    assert alice.delete(f"/workouts/{wid}").status_code == 204
    assert alice.get(f"/workouts/{wid}").status_code == 404
    assert alice.delete(f"/workouts/{wid}").status_code == 404


def test_pages_of_history(alice: Lifter) -> None:
    start = DAY - dt.timedelta(days=30)
    for i in range(5):
        alice.post("/workouts", workout(start + dt.timedelta(days=i)))
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = alice.get("/workouts", params={"limit": 2, "offset": offset,
                                              "since": start.isoformat(),
                                              "until": (start + dt.timedelta(days=4))
                                              .isoformat()}).json()
        assert page["total"] == 5 and len(page["items"]) <= 2
        seen += [w["date"] for w in page["items"]]
        offset = page["next_offset"]
    assert seen == sorted(seen, reverse=True) and len(set(seen)) == 5
    only = alice.get("/workouts", params={"exercise_id": "plank"}).json()
    assert only["total"] == 0


def test_today_follows_the_active_plan(alice: Lifter) -> None:
    assert alice.get("/today").status_code == 404  # no plan yet: says what to do
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    plan_id = alice.give_plan(monday)
    r = alice.get("/today", params={"date": monday.isoformat()})
    assert r.status_code == 200, r.text
    today = r.json()
    assert today["plan_id"] == plan_id and today["date"] == monday.isoformat()
    assert today["items"] and {"exercise_id", "sets", "rest_s", "reason", "warmup", "cues"} <= (
        today["items"][0].keys())
    # A set of that day's session: the session being trained holds, its targets unchanged.
    sets = [{k: v for k, v in {
        "exercise_id": item["exercise_id"], "weight_kg": item["weight_kg"],
        "reps": item.get("reps_min"), "seconds": item.get("seconds_min")}.items()
        if v is not None} for item in today["items"] for _ in range(item["sets"])]
    r = alice.post("/workouts", workout(monday, sets[0]))
    assert r.json()["planned"] == {"plan_id": plan_id, "week": 1, "session": 0}
    now = alice.get("/today", params={"date": monday.isoformat()}).json()
    assert now["sets_done"] == 1 and len(now["items"][0]["done"]) == 1  # and what is logged
    progress = {"sets_done", "sets_total", "complete", "other_sets", "done_today"}
    lift_progress = {"done", "extra", "remaining", "next_weight_kg", "next_reason"}
    assert {**{k: v for k, v in now.items() if k not in progress}, "items": [
        {k: v for k, v in item.items() if k not in lift_progress} for item in now["items"]]
    } == today
    # All its sets logged: today moves on to the next session.
    r = alice.post("/workouts", {"date": monday.isoformat(), "sets": sets[1:]})
    assert r.status_code == 201, r.text
    after = alice.get("/today", params={"date": monday.isoformat()}).json()
    assert after["date"] > monday.isoformat()


def test_another_lifters_workouts_are_not_found(alice: Lifter, bob: Lifter) -> None:
    made = alice.post("/workouts", workout(DAY, SQUAT)).json()
    wid = made["id"]
    alice.give_plan(DAY)
    for guess in (wid, wid + 1, wid - 1, 2**31 - 1):
        assert bob.get(f"/workouts/{guess}").status_code == 404
        assert bob.patch(f"/workouts/{guess}", {"notes": "mine now"}).status_code == 404
        assert bob.patch(f"/workouts/{guess}", {"sets": [SQUAT]}).status_code == 404
        assert bob.post(f"/workouts/{guess}/sets", {"sets": [SQUAT]}).status_code == 404
        assert bob.patch(f"/workouts/{guess}/sets/0", {"reps": 1}).status_code == 404
        assert bob.delete(f"/workouts/{guess}/sets/0").status_code == 404
        assert bob.delete(f"/workouts/{guess}").status_code == 404
    assert bob.get("/workouts").json()["total"] == 0
    assert bob.get("/today").status_code == 404  # alice's plan is not bob's
    # Nothing of alice's changed.
    after = alice.get(f"/workouts/{wid}").json()
    assert after["sets"] == made["sets"] and after["notes"] is None


def test_a_plan_of_another_lifter_cannot_be_claimed(alice: Lifter, bob: Lifter) -> None:
    plan_id = alice.give_plan(DAY)
    r = bob.post("/workouts", workout(DAY, planned={"plan_id": plan_id, "week": 1,
                                                    "session": 0}))
    assert r.status_code == 422 and error_of(r).startswith("planned.plan_id:")


@pytest.mark.parametrize(("body", "field"), [
    (workout(DAY, {**SQUAT, "reps": 5000}), "sets.0.reps"),  # past Bounds.REPS.most
    (workout(DAY, {**SQUAT, "weight_kg": -5}), "sets.0.weight_kg"),
    (workout(DAY, {**SQUAT, "weight_kg": 60.123}), "sets.0.weight_kg"),
    (workout(DAY, {**SQUAT, "rpe": 8.25}), "sets.0.rpe"),
    (workout(DAY, {**SQUAT, "kind": "heavy"}), "sets.0.kind"),
    (workout(DAY, {"exercise_id": "back-squat", "weight_kg": 60}), "sets.0"),
    (workout(DAY, {**SQUAT, "exercise_id": "bak-squat"}), "sets.0.exercise_id"),
    (workout(DAY, {**SQUAT, "tempo": "3010"}), "sets.0.tempo"),
    ({"sets": [SQUAT]}, "date"),
    ({"date": "2026-02-30", "sets": [SQUAT]}, "date"),
    ({"date": "2999-01-01", "sets": [SQUAT]}, "date"),
    ({"date": DAY.isoformat(), "sets": []}, "sets"),
    (workout(DAY, energy=9), "energy"),
])
def test_bad_workouts_name_the_field(alice: Lifter, body: dict[str, Any], field: str) -> None:
    r = alice.post("/workouts", body)
    assert r.status_code == 422, r.text
    assert error_of(r).startswith(f"{field}:") or error_of(r).startswith(f"{field}."), \
        error_of(r)
    assert alice.get("/workouts").json()["total"] == 0  # nothing half-written


def test_bad_edits_name_the_field(alice: Lifter) -> None:
    wid = alice.post("/workouts", workout()).json()["id"]
    for path, body, field in [
        (f"/workouts/{wid}", {"date": None}, "date"),
        (f"/workouts/{wid}", {"energy": 0}, "energy"),
        (f"/workouts/{wid}", {"sets": []}, "sets"),
        (f"/workouts/{wid}/sets/0", {"reps": 0}, "reps"),
        (f"/workouts/{wid}/sets/0", {"reps": None}, "reps"),  # then it measures nothing
        (f"/workouts/{wid}/sets/0", {"exercise_id": "no-such-lift"}, "exercise_id"),
    ]:
        r = alice.patch(path, body)
        assert r.status_code == 422, (body, r.text)
        assert error_of(r).startswith(f"{field}:"), (body, error_of(r))
    assert alice.get(f"/workouts/{wid}").json()["sets"][0]["reps"] == 5


@pytest.mark.parametrize("path", [
    "/workouts/0", "/workouts/-1", "/workouts/abc", "/workouts/99999999999",
    "/workouts?limit=0", "/workouts?limit=1000", "/workouts?offset=-1",
    "/workouts?since=yesterday", "/today?date=2026-13-01",
])
def test_bad_paths_and_queries_are_4xx(alice: Lifter, path: str) -> None:
    r = alice.get(path)
    assert r.status_code == 422, r.text
    assert ":" in error_of(r)


def test_text_the_database_cannot_hold_is_refused_not_a_crash(alice: Lifter) -> None:
    r = alice.post("/workouts", workout(notes="nul \x00 byte"))
    assert r.status_code in (201, 400, 422)


def test_text_that_is_not_unicode_is_refused_not_a_crash(alice: Lifter) -> None:
    body = b'{"date": "%s", "notes": "\\ud800", "sets": [{"exercise_id": "back-squat", ' \
        b'"reps": 5}]}' % DAY.isoformat().encode()
    r = alice.client.post("/api/v1/workouts", content=body,
                          headers={**alice.headers, "content-type": "application/json"})
    assert r.status_code in (201, 400, 422), r.text
    r = alice.client.post("/api/v1/auth/signup", content=b'{"username": "surrogate", '
                          b'"password": "pass\\ud800word"}',
                          headers={"content-type": "application/json"})
    assert r.status_code in (201, 400, 422), r.text


def test_a_session_trained_a_day_early_counts_as_that_session(alice: Lifter) -> None:
    """Wednesday's session, which Today shows on Tuesday (the next one not done), trained on
    Tuesday and posted as a whole workout: it is Wednesday's session (as `redwood log` and
    the web's Today link it), and on Wednesday Today moves on to Friday's. On main it was
    linked only to a session planned for exactly Tuesday (none), so Wednesday asked for the
    same session again."""
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday() + 7)
    tuesday, wednesday = monday + dt.timedelta(days=1), monday + dt.timedelta(days=2)
    plan_id = alice.give_plan(monday)
    shown = alice.get("/today", params={"date": tuesday.isoformat()}).json()
    assert shown["date"] == wednesday.isoformat()
    sets = [{k: v for k, v in {
        "exercise_id": item["exercise_id"], "weight_kg": item["weight_kg"],
        "reps": item.get("reps_max"), "seconds": item.get("seconds_max")}.items()
        if v is not None} for item in shown["items"] for _ in range(item["sets"])]
    r = alice.post("/workouts", workout(tuesday, *sets))
    assert r.status_code == 201, r.text
    assert r.json()["planned"] == {"plan_id": plan_id, "week": 1, "session": 1}
    after = alice.get("/today", params={"date": wednesday.isoformat()}).json()
    assert after["date"] == (monday + dt.timedelta(days=4)).isoformat()


def test_a_workout_whose_load_looks_like_a_typo_is_kept_and_named(alice: Lifter) -> None:
    """As `redwood log` keeps a set whose load looks like a typo and names it: a script or
    another device logs 1000 kg for the second squat set after 100 kg sessions. The workout is
    stored as sent, and the answer says which set and against what."""
    earlier = DAY - dt.timedelta(days=7)
    assert alice.post("/workouts", workout(earlier, SQUAT, SQUAT)).status_code == 201
    r = alice.post("/workouts", workout(DAY, SQUAT, {**SQUAT, "weight_kg": 1000}))
    assert r.status_code == 201, r.text
    made = r.json()
    assert [s["weight_kg"] for s in made["sets"]] == [100, 1000]
    [doubt] = made["doubts"]
    assert doubt["position"] == made["sets"][1]["position"]
    assert doubt["message"].startswith("set 2 of Back Squat: 1000 kg is over "), doubt
    assert doubt["message"].endswith("kept; if it is a typo, undo or correct it"), doubt
    # A plain workout says nothing of the kind.
    plain = alice.post("/workouts", workout(DAY + dt.timedelta(days=1), SQUAT)).json()
    assert plain.get("doubts") is None
