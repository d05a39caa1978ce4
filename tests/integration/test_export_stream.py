"""The Strong CSV export is written as it is read, whole days a batch at a time: the same
bytes as writing the whole log at once, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from redwood.domain.log import LoggedSet, Unit, Workout
from redwood.io.strong_csv import exercise_names, write_strong_csv
from redwood.store import Store


def test_batches_of_whole_days_give_the_same_file(store: Store, user_id: int) -> None:
    start = dt.date(2025, 1, 1)
    with store.unit_of_work(user_id) as uow:
        for day in range(40):
            for n in range(1 + day % 3):  # one to three workouts a day, same default name
                uow.workouts.add(Workout(date=start + dt.timedelta(days=day * 2), sets=(
                    LoggedSet("back-squat", Decimal(60 + n), 5),
                    LoggedSet("romanian-deadlift", Decimal(40), 8 + n))))
        uow.commit()
    names = exercise_names()
    whole = io.StringIO(newline="")
    with store.reader(user_id) as uow:
        write_strong_csv(uow.workouts.list(), whole, unit=Unit.KG, names=names)
        streamed = io.StringIO(newline="")
        batches = list(uow.workouts.days_in_batches(batch=7))
        for i, days in enumerate(batches):
            write_strong_csv(days, streamed, unit=Unit.KG, names=names, header=i == 0)
    assert len(batches) > 5
    assert all(len({w.date for w in b}) == len({w.date for w in b} - {
        w.date for other in batches if other is not b for w in other}) for b in batches)
    assert streamed.getvalue() == whole.getvalue()
    with store.reader(user_id) as uow:
        since = start + dt.timedelta(days=20)
        part = [w for b in uow.workouts.days_in_batches(since=since, batch=4) for w in b]
    assert part and min(w.date for w in part) >= since
    assert len(part) == sum(1 + d % 3 for d in range(40) if start + dt.timedelta(d * 2) >= since)


def test_the_streamed_backup_is_the_same_file(store: Store, user_id: int,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from redwood.io import backup_file
    from redwood.services import exporting
    from redwood.store import backup as store_backup

    with store.unit_of_work(user_id) as uow:
        for day in range(23):
            for n in range(1 + day % 2):
                uow.workouts.add(Workout(date=dt.date(2025, 3, 1) + dt.timedelta(days=day % 9),
                                         title=f"day {day} #{n}", sets=(
                    LoggedSet("back-squat", Decimal(70), 5 + n),)))
        uow.commit()
    user = store.default_user()
    whole = exporting.backup(store, user)
    monkeypatch.setattr(store_backup, "WORKOUT_BATCH", 4)
    monkeypatch.setattr(backup_file, "CHUNK", 100)
    chunks = list(exporting.backup_chunks(store, user))
    assert len(chunks) > 10
    assert "".join(chunks) == whole
    assert whole.count('"sets": [') == 23 + 11


def test_the_exports_stream_a_long_log_in_chunks_before_reading_all_of_it(
        store: Store, user_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first chunk of each export is written before the last workouts are read, and the
    CSV writer's memo of distinct sets forgets (bounded memory) without changing a byte."""
    from redwood.io import strong_csv
    from redwood.services import exporting
    from redwood.store import backup as store_backup

    first, days = dt.date(2024, 1, 1), 450
    with store.unit_of_work(user_id) as uow:
        for day in range(days):
            uow.workouts.add(Workout(date=first + dt.timedelta(days=day), sets=tuple(
                LoggedSet("back-squat", Decimal(40 + day % 37), 1 + (day + k) % 12)
                for k in range(3))))
        uow.commit()
    user = store.default_user()
    last = (first + dt.timedelta(days=days - 1)).isoformat()
    whole = "".join(exporting.strong_csv_chunks(store, user))
    chunks = exporting.strong_csv_chunks(store, user)
    opening = next(chunks)
    assert opening.startswith("Date,") and last not in opening and first.isoformat() in opening
    assert opening + "".join(chunks) == whole
    monkeypatch.setattr(strong_csv.StrongCsvWriter, "_MEMO", 7)
    assert "".join(exporting.strong_csv_chunks(store, user)) == whole

    monkeypatch.setattr(store_backup, "WORKOUT_BATCH", 50)
    monkeypatch.setattr(store_backup, "_SETS_MADE", 10)
    read = []
    workouts_json = store_backup._workouts_json

    def counted(*args: object) -> object:
        for workout in workouts_json(*args):  # type: ignore[arg-type]
            read.append(workout["date"])
            yield workout

    monkeypatch.setattr(store_backup, "_workouts_json", counted)
    backup = exporting.backup_chunks(store, user)
    head = next(backup)
    assert f'"date": "{last}"' not in head and 0 < len(read) < days
    assert head + "".join(backup) == exporting.backup(store, user)
    assert len(read) == 2 * days
