"""The 500-set cap holds when appends race (SQLite and PostgreSQL): two lifters' devices
logging into one workout that holds 499 sets at the same instant leave it with exactly 500,
the other refused (store.errors.WorkoutFull), whichever way the sets come in."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from redwood.catalog import load_catalog
from redwood.domain.log import MAX_SETS_PER_WORKOUT, LoggedSet, Workout
from redwood.services import accounts
from redwood.services.base import WorkoutFull
from redwood.services.training import add_sets, log_sets_by_token, log_workout
from redwood.store import Store
from redwood.store.hot import append_sets

DAY = dt.date(2026, 3, 2)
SQUAT = LoggedSet("back-squat", Decimal(100), 5)


def _by_service(store: Store, user: Any, workout_id: int, _token: str) -> None:
    add_sets(store, user, workout_id, [SQUAT])


def _by_token(store: Store, _user: Any, workout_id: int, token: str) -> None:
    log_sets_by_token(store, token, workout_id, [SQUAT])


def _by_driver(store: Store, user: Any, workout_id: int, _token: str) -> None:
    append_sets(store.engine, user.id, workout_id, [SQUAT])


def _by_day(store: Store, user: Any, _workout_id: int, _token: str) -> None:
    log_workout(store, user, Workout(date=DAY, sets=(SQUAT,)), load_catalog(), append=True)


@pytest.mark.parametrize("append", [_by_service, _by_token, _by_driver, _by_day],
                         ids=["add_sets", "token", "driver", "log_workout"])
def test_two_appends_to_a_workout_one_set_short_of_full_store_one(
        store: Store, user_id: int, append: Callable[..., None]) -> None:
    with store.reader() as uow:
        user = uow.users.get(user_id)
    assert user is not None
    logged = log_workout(store, user, Workout(
        date=DAY, sets=(SQUAT,) * (MAX_SETS_PER_WORKOUT - 1)), load_catalog())
    _, token = accounts.create_token(store, user, "race")
    for _ in range(5):  # a race lost once is luck: five rounds, each from 499 again
        start = threading.Barrier(2)
        outcomes: list[str] = []

        def run(start: threading.Barrier = start, outcomes: list[str] = outcomes) -> None:
            start.wait()
            try:
                append(store, user, logged.workout_id, token)
                outcomes.append("stored")
            except WorkoutFull:
                outcomes.append("full")

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with store.reader(user_id) as uow:
            workout = uow.workouts.get(logged.workout_id)
        assert workout is not None
        assert len(workout.sets) == MAX_SETS_PER_WORKOUT, outcomes
        assert sorted(outcomes) == ["full", "stored"]
        with store.unit_of_work(user_id) as uow:
            assert uow.workouts.delete_set(logged.workout_id, len(workout.sets) - 1)
            uow.commit()
