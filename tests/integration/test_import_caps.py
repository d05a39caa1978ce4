"""An import cannot make a workout bigger than the API allows (500 sets) nor store an
unbounded number of workouts a day: such rows are refused with the limit named, so one big
file cannot make every later request heavy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from redwood.io.importer import MAX_SETS_PER_WORKOUT, MAX_WORKOUTS_PER_DAY
from redwood.services.importing import import_file
from redwood.store import Store

HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"


def _file(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "strong.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def _sets(store: Store) -> int:
    user = store.default_user()
    with store.reader(user.id) as uow:
        return sum(len(w.sets) for w in uow.workouts.list())


def test_a_workout_of_more_than_500_sets_is_refused(store: Store, tmp_path: Path) -> None:
    rows = [f"2026-03-02 18:00:00,Huge,1h,Squat (Barbell),{i + 1},100,5,0,0,\n"
            for i in range(MAX_SETS_PER_WORKOUT + 3)]
    path = _file(tmp_path, rows)
    user = store.default_user()
    report = import_file(store, user, path, fmt="strong", unit=None,
                         today=dt.date(2026, 12, 31))
    assert report.refused and _sets(store) == 0
    assert len(report.errors) == 3
    assert f"more than {MAX_SETS_PER_WORKOUT} sets" in report.errors[0].reason
    kept = import_file(store, user, path, fmt="strong", skip_bad_rows=True,
                       today=dt.date(2026, 12, 31))
    assert kept.sets_added == MAX_SETS_PER_WORKOUT == _sets(store)


def test_a_day_of_too_many_workouts_is_refused(store: Store, tmp_path: Path) -> None:
    rows = [f"2026-03-02 {i // 60:02d}:{i % 60:02d}:00,W,1m,Squat (Barbell),1,100,5,0,0,\n"
            for i in range(MAX_WORKOUTS_PER_DAY + 2)]
    report = import_file(store, store.default_user(), _file(tmp_path, rows), fmt="strong",
                         unit=None, today=dt.date(2026, 12, 31))
    assert report.refused and _sets(store) == 0
    assert len(report.errors) == 2
    assert f"more than {MAX_WORKOUTS_PER_DAY} workouts" in report.errors[0].reason
