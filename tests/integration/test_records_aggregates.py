"""Records from the database's aggregates (each distinct set with its first day, each
exercise's best session volume) are the records of the whole log read set by set; its
training days (the calendar's streaks) and one lift's e1RM series from that lift's sessions are
the log's, on SQLite and PostgreSQL, for any log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from redwood.coach.analytics import e1rm_series, training_days
from redwood.coach.records import compute_records, records_from_aggregates
from redwood.domain.log import LoggedSet, SetKind, Workout
from redwood.store import Store
from redwood.store.models import WorkoutRow

EXERCISES = ("back-squat", "deadlift", "pull-up")
sets = st.builds(
    LoggedSet, exercise_id=st.sampled_from(EXERCISES),
    weight_kg=st.one_of(st.none(), st.integers(4, 40).map(lambda n: Decimal(n) * 5)),
    reps=st.integers(1, 12),
    kind=st.sampled_from([SetKind.WORKING, SetKind.WORKING, SetKind.WARMUP]),
    rpe=st.one_of(st.none(), st.sampled_from([Decimal(7), Decimal("8.5"), Decimal(10)])),
    completed=st.booleans())
logs = st.lists(st.tuples(st.integers(0, 30), st.lists(sets, min_size=1, max_size=6)),
                min_size=1, max_size=12)


def _key(best: Any) -> Any:
    return None if best is None else (best.value, best.date)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(log=logs)
def test_records_from_aggregates_are_the_logs(store: Store, user_id: int,
                                              log: list[tuple[int, list[LoggedSet]]]) -> None:
    with store.unit_of_work(user_id) as uow:
        uow.session.execute(delete(WorkoutRow).where(WorkoutRow.user_id == user_id))
        for day, done in log:
            uow.workouts.add(Workout(date=dt.date(2026, 1, 1) + dt.timedelta(days=day),
                                     sets=tuple(done)))
        uow.commit()
    with store.reader(user_id) as uow:
        workouts = sorted(uow.workouts.list(), key=lambda w: (w.date, w.id or 0))
        fast = records_from_aggregates(uow.workouts.record_shapes(),
                                       uow.workouts.best_volume_days())
    slow = compute_records(workouts)
    with store.reader(user_id) as uow:
        assert uow.workouts.training_days() == training_days(workouts)
        # One lift's e1RM chart reads that lift's sessions only: the same series.
        for lift in EXERCISES:
            sessions = uow.workouts.history([lift])[lift]
            alone = [Workout(date=day, sets=tuple(done)) for day, done in sessions]
            assert e1rm_series(alone, lift) == e1rm_series(workouts, lift)
        last = dt.date(2026, 1, 15)
        assert uow.workouts.training_days(last) == [d for d in training_days(workouts)
                                                    if d <= last]
    assert fast.keys() == slow.keys()
    for exercise_id, records in slow.items():
        got = fast[exercise_id]
        assert _key(got.heaviest) == _key(records.heaviest), exercise_id
        assert _key(got.best_e1rm) == _key(records.best_e1rm), exercise_id
        assert _key(got.best_volume) == _key(records.best_volume), exercise_id
