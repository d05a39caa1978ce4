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
