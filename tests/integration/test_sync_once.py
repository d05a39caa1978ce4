"""A queue sent any number of times, in pieces, with deletes in between, leaves exactly one set
per client id that was not deleted, in the session it was logged for, and never brings back a
deleted one. On a real SQLite file (and PostgreSQL when REDWOOD_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans import build
from redwood.catalog import load_catalog
from redwood.domain.log import LoggedSet
from redwood.services.planning import save_plan
from redwood.services.syncing import SetDeleted, delete_set, log_set_once, session_client_ids
from redwood.services.training import session_sets, today
from redwood.store import Store

CATALOG = load_catalog()
DAY = dt.date(2027, 1, 4)
_names = itertools.count(1)

# A run: the queue's sets sent in some order, each any number of times, some deleted meanwhile.
runs = st.lists(st.tuples(st.sampled_from(["send", "send", "delete"]),
                          st.integers(min_value=0, max_value=4)), min_size=1, max_size=20)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(run=runs)
def test_every_set_once_and_deleted_ones_stay_deleted(store: Store,
                                                      run: list[tuple[str, int]]) -> None:
    with store.unit_of_work() as uow:
        user = uow.users.add(f"syncer{next(_names)}")
        uow.commit()
    save_plan(store, user, build(start=DAY.isoformat(), weeks=1))
    view = today(store, user, DAY, CATALOG, in_progress=True)
    target = view.items[0].target
    ids = [str(uuid.uuid4()) for _ in range(5)]
    made = [LoggedSet(target.exercise_id, Decimal(20 + k), reps=5) for k in range(5)]
    deleted: set[int] = set()
    sent: set[int] = set()
    for action, k in run:
        if action == "delete":
            delete_set(store, user, ids[k])
            deleted.add(k)
            continue
        try:
            done = log_set_once(store, user, DAY, made[k], ids[k], CATALOG,
                                planned=view.session.ref)
        except SetDeleted:
            assert k in deleted
            continue
        assert k not in deleted
        assert done.replayed == (k in sent)
        assert done.logged.weight_kg == made[k].weight_kg
        sent.add(k)
    expected = sorted(sent - deleted)
    kept = session_client_ids(store, user, DAY, view.session.ref)
    assert sorted(c or "" for c in kept) == sorted(ids[k] for k in expected)
    weights = [s.weight_kg for s in session_sets(store, user, DAY, view.session.ref)]
    assert sorted(w or 0 for w in weights) == [made[k].weight_kg for k in expected]


def test_another_users_same_id_is_another_set(store: Store) -> None:
    users = []
    for _ in range(2):
        with store.unit_of_work() as uow:
            users.append(uow.users.add(f"syncer{next(_names)}"))
            uow.commit()
    key = str(uuid.uuid4())
    for n, user in enumerate(users):
        save_plan(store, user, build(start=DAY.isoformat(), weeks=1))
        view = today(store, user, DAY, CATALOG, in_progress=True)
        logged = LoggedSet(view.items[0].target.exercise_id, Decimal(30 + n), reps=5)
        done = log_set_once(store, user, DAY, logged, key, CATALOG, planned=view.session.ref)
        assert not done.replayed
    delete_set(store, users[0], key)
    with pytest.raises(SetDeleted):
        log_set_once(store, users[0], DAY, logged, key, CATALOG)
    with store.reader(users[1].id) as uow:
        found = uow.workouts.by_client_id(key)
    assert found is not None and found.logged.weight_kg == Decimal(31)


def _lifter_logging(store: Store, n: int) -> tuple[object, object, list[str], list[LoggedSet]]:
    """A new lifter with a plan who logged `n` sets of today's first lift, each with its id."""
    with store.unit_of_work() as uow:
        user = uow.users.add(f"syncer{next(_names)}")
        uow.commit()
    save_plan(store, user, build(start=DAY.isoformat(), weeks=1))
    view = today(store, user, DAY, CATALOG, in_progress=True)
    ids = [str(uuid.uuid4()) for _ in range(n)]
    made = [LoggedSet(view.items[0].target.exercise_id, Decimal(40 + k), reps=5)
            for k in range(n)]
    for k in range(n):
        log_set_once(store, user, DAY, made[k], ids[k], CATALOG, planned=view.session.ref)
    return user, view.session.ref, ids, made


def _state(store: Store, user, ids: list[str]) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    """Each id's set as sync sees it (workout, position, date, set) and whether it is buried."""
    with store.reader(user.id) as uow:
        found = [uow.workouts.by_client_id(c) for c in ids]
        return [(None if f is None else (f.workout_id, f.position, f.date, f.logged),
                 uow.workouts.was_deleted(c)) for c, f in zip(ids, found, strict=True)]


def test_undoing_a_deletion_restores_the_set_and_lifts_its_tombstone(store: Store) -> None:
    user, ref, ids, made = _lifter_logging(store, 3)
    before = _state(store, user, ids)
    assert delete_set(store, user, ids[1])
    assert _state(store, user, ids)[1] == (None, True)
    with store.reader(user.id) as uow:
        entry = uow.last_entry()
    assert entry is not None and entry.kind == "deletion"  # the tombstone's entry, as one
    undone = store.undo_last(user.id)
    assert undone is not None and undone.kind == "deletion" and undone.sets == 1
    assert _state(store, user, ids) == before  # the same set at its place, no tombstone
    # A device replaying its queue now finds the set, as before the deletion.
    again = log_set_once(store, user, DAY, made[1], ids[1], CATALOG, planned=ref)
    assert again.replayed and again.position == before[1][0][1]  # type: ignore[index]
    # The undo took back the deletion only: the next one takes back the last set logged.
    undone = store.undo_last(user.id)
    assert undone is not None and undone.kind == "sets"
    assert [s[0] is None for s in _state(store, user, ids)] == [False, False, True]


def test_undoing_the_deletion_of_a_workouts_last_set_brings_the_workout_back(
        store: Store) -> None:
    user, ref, ids, made = _lifter_logging(store, 2)
    before = _state(store, user, ids)
    with store.reader(user.id) as uow:
        workout = uow.workouts.get(before[0][0][0])  # type: ignore[index]
    for client_id in ids:
        assert delete_set(store, user, client_id)
    assert _state(store, user, ids) == [(None, True), (None, True)]
    assert session_sets(store, user, DAY, ref) == []
    for _ in ids:
        assert store.undo_last(user.id) is not None
    assert _state(store, user, ids) == before
    with store.reader(user.id) as uow:
        assert uow.workouts.get(before[0][0][0]) == workout  # type: ignore[index]
    assert [s.weight_kg for s in session_sets(store, user, DAY, ref)] == [
        m.weight_kg for m in made]
    for k, client_id in enumerate(ids):
        assert log_set_once(store, user, DAY, made[k], client_id, CATALOG,
                            planned=ref).replayed
    # The workout's journal came back with it: undo goes on with the sets logged.
    assert [getattr(store.undo_last(user.id), "kind", None) for _ in range(3)] == [
        "sets", "workout", None]
    assert [found for found, _ in _state(store, user, ids)] == [None, None]


def test_undoing_the_deletion_of_an_id_never_logged_here_lets_it_log(store: Store) -> None:
    user, ref, _, made = _lifter_logging(store, 1)
    queued = str(uuid.uuid4())
    assert not delete_set(store, user, queued)  # deleted on another device before it synced
    with pytest.raises(SetDeleted):
        log_set_once(store, user, DAY, made[0], queued, CATALOG, planned=ref)
    undone = store.undo_last(user.id)
    assert undone is not None and undone.kind == "deletion" and undone.sets == 0
    assert not log_set_once(store, user, DAY, made[0], queued, CATALOG, planned=ref).replayed
