"""Exactly once, on SQLite and PostgreSQL: a set sent again with the same client id
(Idempotency-Key) answers with the original and stores nothing more, also when two clients
send it at the same moment; a reused id for another set is a 409; a deleted set stays
deleted; an edit of a deleted set is reported; ids are per user."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from apihelp import BACKENDS, Lifter, app_client, database, error_of

TODAY = dt.date.today()


@pytest.fixture(scope="module", params=BACKENDS)
def served(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with database(request.param, tmp_path_factory.mktemp("sync")) as url, \
            app_client(url) as c:
        yield c


_names = iter(f"syncer{i}" for i in range(10_000))


def _lifter(served: TestClient) -> Lifter:
    lifter = Lifter(served, next(_names))
    lifter.give_plan(TODAY)
    return lifter


@pytest.fixture
def ann(served: TestClient) -> Lifter:
    return _lifter(served)


@pytest.fixture
def ben(served: TestClient) -> Lifter:
    return _lifter(served)


def first_set(lifter: Lifter, **values: Any) -> dict[str, Any]:
    """The body for a set of the first lift of today's session, with a new client id."""
    item = lifter.get("/today").json()["items"][0]
    amount = {"seconds": item["seconds_min"]} if item.get("seconds_min") else {
        "reps": item["reps_min"]}
    return {"client_id": str(uuid.uuid4()), "date": TODAY.isoformat(), "item": 0,
            "exercise_id": item["exercise_id"], "weight": 40, **amount, **values}


def keyed(lifter: Lifter, path: str, body: Any, key: str) -> Any:
    """POST with an Idempotency-Key header."""
    return lifter.client.post(f"/api/v1{path}", json=body,
                              headers={**lifter.headers, "Idempotency-Key": key})


def stored(lifter: Lifter) -> list[dict[str, Any]]:
    days = lifter.get("/workouts", params={"since": TODAY.isoformat()}).json()["items"]
    return [s for w in days for s in w["sets"]]


def test_the_same_set_sent_twice_is_stored_once_with_the_original_answer(ann: Lifter) -> None:
    body = first_set(ann)
    first = ann.post("/today/sets", body)
    assert first.status_code == 201, first.text
    again = ann.post("/today/sets", body)
    assert again.status_code == 201, again.text
    assert again.headers.get("idempotent-replayed") == "true"
    assert {k: v for k, v in again.json().items() if k != "records"} == {
        k: v for k, v in first.json().items() if k != "records"}
    assert len(stored(ann)) == 1
    assert stored(ann)[0]["weight_kg"] == 40


def test_the_key_in_the_header_works_like_client_id(ann: Lifter) -> None:
    body = first_set(ann)
    key = body.pop("client_id")
    for _ in range(3):
        r = keyed(ann, "/today/sets", body, key)
        assert r.status_code == 201, r.text
        assert r.json()["client_id"] == key
    assert len(stored(ann)) == 1


def test_two_clients_sending_the_same_set_at_once_store_one(ann: Lifter) -> None:
    bodies = [first_set(ann) for _ in range(3)]

    def send(body: dict[str, Any]) -> int:
        return int(ann.post("/today/sets", body).status_code)

    # Each set sent four times at once (two tabs syncing one queue, retries).
    with ThreadPoolExecutor(max_workers=4) as pool:
        codes = list(pool.map(send, [b for b in bodies for _ in range(4)]))
    assert codes == [201] * 12
    sets = stored(ann)
    assert len(sets) == 3


def test_a_client_id_reused_for_another_set_is_a_409(ann: Lifter) -> None:
    body = first_set(ann)
    assert ann.post("/today/sets", body).status_code == 201
    item = ann.get("/today").json()["items"][1]
    other = {**body, "item": 1, "exercise_id": item["exercise_id"]}
    if item.get("seconds_min"):
        other.pop("reps")
        other["seconds"] = item["seconds_min"]
    r = ann.post("/today/sets", other)
    assert r.status_code == 409
    assert "client_id" in error_of(r) and "new id" in error_of(r)
    assert len(stored(ann)) == 1


def test_ids_are_per_user(ann: Lifter, ben: Lifter) -> None:
    body = first_set(ann)
    assert ann.post("/today/sets", body).status_code == 201
    assert ben.post("/today/sets", {**body, "weight": 30}).status_code == 201
    assert [s["weight_kg"] for s in stored(ann)] == [40]
    assert [s["weight_kg"] for s in stored(ben)] == [30]


def test_a_deleted_set_stays_deleted_and_its_edit_is_reported(ann: Lifter) -> None:
    body = first_set(ann)
    keep = first_set(ann, weight=42.5)
    assert ann.post("/today/sets", body).status_code == 201
    assert ann.post("/today/sets", keep).status_code == 201
    assert ann.delete(f"/sets/{body['client_id']}").status_code == 204
    assert ann.delete(f"/sets/{body['client_id']}").status_code == 204  # again: harmless
    # Another device's queue still holds the log and an edit of it.
    replay = ann.post("/today/sets", body)
    assert replay.status_code == 410 and "stays deleted" in error_of(replay)
    edit = ann.patch(f"/sets/{body['client_id']}", {"weight": 45, "reps": body["reps"]})
    assert edit.status_code == 410 and "not applied" in error_of(edit)
    assert [s["weight_kg"] for s in stored(ann)] == [42.5]
    assert stored(ann)[0]["client_id"] == keep["client_id"]


def test_an_edit_by_client_id_changes_the_set(ann: Lifter) -> None:
    body = first_set(ann)
    assert ann.post("/today/sets", body).status_code == 201
    amount = {"reps": body["reps"] + 1} if "reps" in body else {"seconds": body["seconds"]}
    for _ in range(2):
        r = ann.patch(f"/sets/{body['client_id']}", {"weight": 45, **amount})
        assert r.status_code == 200, r.text
    assert [(s["weight_kg"], s.get("reps")) for s in stored(ann)] == [
        (45, amount.get("reps"))]
    missing = ann.patch(f"/sets/{uuid.uuid4()}", {"weight": 45, "reps": 5})
    assert missing.status_code == 404


@pytest.mark.parametrize(("change", "field"), [
    ({"client_id": "x"}, "client_id"),
    ({"weight": -5}, "weight"),
    ({"reps": 0}, "reps"),
    ({"exercise_id": "deadlift-sumo-nope"}, "exercise_id"),
    ({"item": 99}, "exercise_id"),
    ({"date": (TODAY - dt.timedelta(days=60)).isoformat()}, "date"),
    ({"rpe": 11}, "rpe"),
    ({"rpe": 7.3}, "rpe"),
])
def test_malformed_entries_are_a_422_naming_the_field(ann: Lifter, change: dict[str, Any],
                                                      field: str) -> None:
    r = ann.post("/today/sets", {**first_set(ann), **change})
    assert r.status_code == 422, r.text
    assert error_of(r).startswith(field), error_of(r)
    assert stored(ann) == []


def test_the_rpe_of_a_set_sent_from_the_queue_is_stored(ann: Lifter) -> None:
    """Gym mode sends a calibrating set's RPE with it, as the online form does."""
    r = ann.post("/today/sets", first_set(ann, rpe=7.5))
    assert r.status_code == 201, r.text
    assert [s["rpe"] for s in stored(ann)] == [7.5]


def test_add_sets_over_the_workouts_api_with_an_idempotency_key(ann: Lifter) -> None:
    made = ann.post("/workouts", {"date": TODAY.isoformat(), "sets": [
        {"exercise_id": "back-squat", "weight_kg": 60, "reps": 5}]}).json()
    key = str(uuid.uuid4())
    body = {"sets": [{"exercise_id": "back-squat", "weight_kg": 70, "reps": 5},
                     {"exercise_id": "back-squat", "weight_kg": 75, "reps": 3}]}
    answers = [keyed(ann, f"/workouts/{made['id']}/sets", body, key) for _ in range(2)]
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json()["positions"] == answers[1].json()["positions"] == [1, 2]
    assert [s["weight_kg"] for s in ann.get(f"/workouts/{made['id']}").json()["sets"]] == [
        60, 70, 75]
    other = keyed(ann, f"/workouts/{made['id']}/sets", {"sets": [
        {"exercise_id": "plank", "seconds": 30}]}, key)
    assert other.status_code == 409


def test_openapi_documents_the_key_and_the_409(served: TestClient) -> None:
    spec = served.get("/openapi.json").json()
    post = spec["paths"]["/api/v1/today/sets"]["post"]
    assert "Idempotency-Key" in [p["name"] for p in post["parameters"]]
    assert "409" in post["responses"]
    add = spec["paths"]["/api/v1/workouts/{workout_id}/sets"]["post"]
    assert "Idempotency-Key" in [p["name"] for p in add["parameters"]]
    assert "409" in add["responses"]


def test_a_set_queued_before_finish_joins_its_session_when_it_arrives_after(
        ann: Lifter) -> None:
    seen = ann.get("/today").json()
    body = first_set(ann)
    first = ann.post("/today/sets", body).json()
    for _ in range(2):  # Finish sent twice (a retried sync): the notes once
        r = ann.post("/today/finish", {"notes": "no signal"})
        assert r.status_code == 200, r.text
    late = {**body, "client_id": str(uuid.uuid4()),
            "planned": {k: seen[k] for k in ("plan_id", "week", "session")}}
    r = ann.post("/today/sets", late)
    assert r.status_code == 201, r.text
    assert r.json()["workout_id"] == first["workout_id"]
    workout = ann.get(f"/workouts/{first['workout_id']}").json()
    assert len(workout["sets"]) == 2 and workout["notes"] == "no signal"
    wrong = {**late, "client_id": str(uuid.uuid4()),
             "planned": {**late["planned"], "week": 999}}
    r = ann.post("/today/sets", wrong)
    assert r.status_code == 409 and error_of(r).startswith("planned.week")


def test_a_first_session_that_works_up_answers_each_set_with_the_next_load(
        ann: Lifter) -> None:
    """A new lifter's first lift works up by feel: the item says `ramp`, and the answer to
    each set names the next set's load, from that set's reps and RPE, and why (a set of
    little to no effort, a big jump to twice it at most; a set past the aim, a lighter one).
    Without a body weight the start is a light adult's, and it works up from there too."""
    assert ann.get("/today").json()["items"][0].get("ramp") is True
    yesterday = TODAY - dt.timedelta(days=1)
    assert ann.call("PUT", f"/checkins/{yesterday}", json={"body_weight_kg": 104}
                    ).status_code == 200
    item = ann.get("/today").json()["items"][0]
    assert item.get("ramp") is True and item["weight_kg"] is not None, item
    easy = ann.post("/today/sets", first_set(ann, weight=item["weight_kg"],
                                             reps=item["reps_max"], rpe=2))
    assert easy.status_code == 201, easy.text
    assert 1.5 * item["weight_kg"] < easy.json()["next_weight_kg"] <= 2 * item["weight_kg"]
    assert "little to no effort" in easy.json()["next_reason"], easy.json()
    hard = ann.post("/today/sets", first_set(ann, weight=easy.json()["next_weight_kg"],
                                             reps=item["reps_min"] - 1, rpe=10))
    assert hard.json()["next_weight_kg"] < easy.json()["next_weight_kg"]


def test_today_says_what_is_logged_of_the_session_as_the_cli_does(ann: Lifter) -> None:
    """Between sets a client reads /today for what is done and what is next: the sets of each
    lift logged so far, how many remain and the next set's load (a ramp's step, with its
    reason), as `redwood today -f json` has them; the same with a query (FastAPI's route) as
    without (the fast lane)."""
    before = ann.get("/today").json()
    assert "sets_done" not in before and "done" not in before["items"][0]
    item = before["items"][0]
    answer = ann.post("/today/sets", first_set(ann, weight=item["weight_kg"],
                                               reps=item["reps_max"], rpe=2))
    assert answer.status_code == 201, answer.text
    now = ann.get("/today").json()
    assert now == ann.get("/today", params={"date": TODAY.isoformat()}).json()
    assert (now["sets_done"], now["sets_total"], now["complete"]) == (
        1, sum(i["sets"] for i in before["items"]), False)
    lift = now["items"][0]
    assert [(s["exercise_id"], s["weight_kg"], s["reps"], s["rpe"]) for s in lift["done"]] == [
        (item["exercise_id"], item["weight_kg"], item["reps_max"], 2)]
    assert lift["remaining"] == item["sets"] - 1
    assert lift["next_weight_kg"] == answer.json()["next_weight_kg"]
    assert lift["next_reason"] == answer.json()["next_reason"]
    # The targets hold still while the session is trained.
    assert {k: v for k, v in lift.items() if k not in (
        "done", "remaining", "next_weight_kg", "next_reason")} == item


def test_a_set_added_to_a_full_workout_is_refused_as_an_import_would(ann: Lifter) -> None:
    """A workout takes 500 sets at most, logged whole, imported, or a set at a time: the
    one-set additions (today's set, a set into a workout, with or without an
    Idempotency-Key) are refused with a 400 saying so, and nothing is stored."""
    from redwood.domain.log import MAX_SETS_PER_WORKOUT as MOST

    body = first_set(ann)
    r = ann.post("/today/sets", body)
    assert r.status_code == 201, r.text
    session = r.json()["workout_id"]
    one = {"exercise_id": body["exercise_id"], "weight_kg": 40, "reps": 5}
    r = ann.patch(f"/workouts/{session}", {"sets": [one] * MOST})
    assert r.status_code == 200, r.text
    refusals = [
        ann.post("/today/sets", first_set(ann)),
        ann.post(f"/workouts/{session}/sets", {"sets": [one]}),
        keyed(ann, f"/workouts/{session}/sets", {"sets": [one]}, "full-1234567"),
    ]
    for r in refusals:
        assert r.status_code == 400, r.text
        assert error_of(r) == (f"sets: the workout holds {MOST} sets and {MOST} are the most a "
                               "workout takes (0 more fit): log these in another workout")
    assert len(stored(ann)) == MOST
    # One short of full: one more fits, two do not.
    other = ann.post("/workouts", {"date": TODAY.isoformat(), "sets": [one] * (MOST - 1)})
    assert other.status_code == 201, other.text
    wid = other.json()["id"]
    r = ann.post(f"/workouts/{wid}/sets", {"sets": [one, one]})
    assert r.status_code == 400 and "(1 more fits)" in error_of(r), r.text
    assert ann.post(f"/workouts/{wid}/sets", {"sets": [one]}).status_code == 201
    assert ann.post(f"/workouts/{wid}/sets", {"sets": [one]}).status_code == 400
    assert len(stored(ann)) == 2 * MOST


def test_a_set_whose_load_looks_like_a_typo_is_kept_and_named(ann: Lifter) -> None:
    """A set sent from an offline queue could not be asked "Log anyway?" first, as Today asks
    online: it is kept (a typo is for the lifter to undo or correct), and the answer says
    which load looks wrong and against what."""
    items = ann.get("/today").json()["items"]
    index, item = next((i, x) for i, x in enumerate(items)
                       if x.get("weight_kg") and x.get("reps_min"))
    load = float(item["weight_kg"]) * 10
    body = {**first_set(ann), "item": index, "exercise_id": item["exercise_id"],
            "weight": load, "reps": item["reps_min"]}
    r = ann.post("/today/sets", body)
    assert r.status_code == 201, r.text
    doubt = r.json()["doubt"]
    assert doubt.startswith(f"{load:g} kg is over ") and doubt.endswith(
        "kept; if it is a typo, undo or correct it"), doubt
    assert [s["weight_kg"] for s in stored(ann)] == [load]
    # The lifter's real next set, at the target: no doubt.
    fine = ann.post("/today/sets", {**body, "client_id": str(uuid.uuid4()),
                                    "weight": float(item["weight_kg"])})
    assert fine.status_code == 201 and fine.json().get("doubt") is None, fine.text
