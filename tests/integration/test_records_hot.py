"""Logging a set by token (store.hot) reports the very records the unit of work's path does
(services.training.records_broken over every distinct set), though it reads only the sets
that can hold a record: for any log before the workout's day, any sets already in the
workout and any new sets, on SQLite and PostgreSQL, with loaded, bodyweight and assisted
lifts, failed sets, RPE and RIR."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select

from redwood.domain.log import LoggedSet, SetKind, Workout
from redwood.services.training import records_against, records_broken
from redwood.store import Store
from redwood.store.auth import AuthRepository
from redwood.store.hot import log_sets, open_sets
from redwood.store.models import SetRow, WorkoutRow
from redwood.store.values import utcnow

DAY = dt.date(2026, 12, 5)
LIFTS = ("back-squat", "pull-up", "assisted-pull-up")
_names = itertools.count()



def sets(lifts: tuple[str, ...] = LIFTS) -> st.SearchStrategy[LoggedSet]:
    return st.builds(
        LoggedSet, exercise_id=st.sampled_from(lifts),
        weight_kg=st.one_of(st.none(), st.sampled_from([10, 20, 25, 60, 62.5, 100]).map(
            lambda kg: Decimal(str(kg)).quantize(Decimal("0.01")))),
        reps=st.sampled_from([1, 5, 8]),
        kind=st.sampled_from([SetKind.WORKING, SetKind.WORKING, SetKind.WARMUP, SetKind.DROP,
                              SetKind.FAILURE]),
        rpe=st.sampled_from([None, None, None, Decimal("8.5"), Decimal(10)]),
        rir=st.sampled_from([None, None, None, 2]),
        completed=st.sampled_from([True, True, True, False]))


def logged(lift: str) -> st.SearchStrategy[tuple[Any, ...]]:
    """A log (days before the workout, sets), the workout's sets so far and the new sets:
    mostly of one lift, at few rep counts and efforts, so that sets share them at different
    weights (only the heaviest and the lightest of those are read)."""
    mostly = sets((lift, lift, lift, *LIFTS))
    return st.tuples(
        st.lists(st.tuples(st.integers(1, 40), st.lists(mostly, min_size=1, max_size=8)),
                 max_size=10),
        st.lists(mostly, min_size=1, max_size=6), st.lists(mostly, min_size=1, max_size=4))


def _token(store: Store, user_id: int) -> str:
    name = f"phone{next(_names)}"
    key = hashlib.sha256(name.encode()).hexdigest()
    with store.unit_of_work() as uow:
        AuthRepository(uow.session).add_token(user_id, name, key, name[:10], utcnow())
        uow.commit()
    return key


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(example=st.sampled_from(LIFTS).flatmap(logged), later=st.booleans())
def test_logging_by_token_finds_the_records_the_unit_of_work_finds(
        store: Store, user_id: int, example: tuple[Any, ...], later: bool) -> None:
    log, today, new = example
    with store.unit_of_work(user_id) as uow:
        uow.session.execute(delete(WorkoutRow).where(WorkoutRow.user_id == user_id))
        for back, done in log:
            uow.workouts.add(Workout(DAY - dt.timedelta(days=back), tuple(done)))
        workout = uow.workouts.add(Workout(DAY, tuple(today)))
        if later:  # sets after the workout's day count for nothing (a workout logged late)
            uow.workouts.add(Workout(DAY + dt.timedelta(days=3), tuple(reversed(new))))
        uow.commit()
    key = _token(store, user_id)
    until = DAY - dt.timedelta(days=1)
    with store.reader(user_id) as uow:
        expected = records_broken(uow, new, until=until, workout_id=workout)
    opened = open_sets(store.engine, key, workout, {s.exercise_id for s in new})
    logged = log_sets(store.engine, key, workout, new)  # PostgreSQL: its own statements
    assert opened is not None and logged is not None
    for basis in (opened[1], logged[1]):
        found = records_against(new, until, basis.past, basis.past_volumes or {},
                                basis.earlier, basis.earlier_volumes or {})
        assert found == expected


def test_a_long_log_of_one_lift_is_read_as_a_few_sets(store: Store, user_id: int) -> None:
    """Years of one lift at a handful of rep counts and efforts: the sets read for its
    records are the heaviest of each, not every distinct set of the log."""
    weights = [Decimal(40) + Decimal("2.5") * k for k in range(40)]
    with store.unit_of_work(user_id) as uow:
        for day in range(400):
            uow.workouts.add(Workout(DAY - dt.timedelta(days=2 * day + 1), tuple(
                LoggedSet("back-squat", weights[(day + k) % 40], 5 + k % 2, rpe=Decimal(8))
                for k in range(4))))
        workout = uow.workouts.add(Workout(DAY, (LoggedSet("back-squat", Decimal(90), 5),)))
        uow.commit()
        distinct = uow.session.execute(select(func.count()).select_from(
            select(SetRow.weight_g, SetRow.reps).distinct().subquery())).scalar_one()
    key = _token(store, user_id)
    opened = open_sets(store.engine, key, workout, ["back-squat"])
    assert opened is not None
    basis = opened[1]
    assert distinct == 80  # 40 weights at 5 and at 6 reps
    assert sorted((s.reps, s.weight_kg) for s in basis.past) == [
        (5, Decimal("137.50")), (6, Decimal("137.50"))]
    until = DAY - dt.timedelta(days=1)
    more = [LoggedSet("back-squat", Decimal("137.5"), 7, rpe=Decimal(8))]
    with store.reader(user_id) as uow:
        assert basis.past_volumes == uow.workouts.best_volumes(["back-squat"], until=until)
        expected = records_broken(uow, more, until=until, workout_id=workout)
    found = records_against(more, until, basis.past, basis.past_volumes or {}, basis.earlier,
                            basis.earlier_volumes)
    assert found == expected
    assert [r.kind.value for r in found] == ["reps", "e1rm"]


def test_an_assisted_lift_keeps_its_least_help(store: Store, user_id: int) -> None:
    """Of two sets alike but for the help, the one with less holds the record: 25 kg of help
    after 20 kg is none, though 60 kg was the most in the same rep count and effort."""
    lift = "assisted-pull-up"
    with store.unit_of_work(user_id) as uow:
        uow.workouts.add(Workout(DAY - dt.timedelta(days=3), (
            LoggedSet(lift, Decimal(20), 5), LoggedSet(lift, Decimal(60), 5))))
        workout = uow.workouts.add(Workout(DAY, (LoggedSet(lift, Decimal(60), 1),)))
        uow.commit()
    key = _token(store, user_id)
    for help_kg, kinds in ((25, []), (15, ["heaviest", "e1rm"])):
        new = [LoggedSet(lift, Decimal(help_kg), 5)]
        opened = open_sets(store.engine, key, workout, [lift])
        assert opened is not None
        basis = opened[1]
        found = records_against(new, DAY - dt.timedelta(days=1), basis.past,
                                basis.past_volumes or {}, basis.earlier, basis.earlier_volumes)
        assert [r.kind.value for r in found] == kinds
