"""The exports are written as they are read, a day at a time from the driver's cursors: the
same bytes as writing the whole log at once, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from redwood.domain.log import LoggedSet, Unit, Workout
from redwood.io.strong_csv import exercise_names, write_strong_csv
from redwood.store import Store


def test_a_day_at_a_time_gives_the_same_file(store: Store, user_id: int,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from redwood.store import logstream

    start = dt.date(2025, 1, 1)
    with store.unit_of_work(user_id) as uow:
        for day in range(40):
            for n in range(1 + day % 3):  # one to three workouts a day, same default name
                uow.workouts.add(Workout(date=start + dt.timedelta(days=day * 2), sets=(
                    LoggedSet("back-squat", Decimal(60 + n), 5),
                    LoggedSet("romanian-deadlift", Decimal(40), 8 + n))))
            if day % 7 == 0:  # a workout without sets writes no row
                uow.workouts.add(Workout(date=start + dt.timedelta(days=day * 2), sets=()))
        uow.commit()
    monkeypatch.setattr(logstream, "STREAM_ROWS", 3)  # chunks end inside days and workouts
    names = exercise_names()
    whole = io.StringIO(newline="")
    with store.reader(user_id) as uow:
        write_strong_csv(uow.workouts.list(), whole, unit=Unit.KG, names=names)
        streamed = io.StringIO(newline="")
        days = list(uow.workouts.figures_by_day())
        for i, day in enumerate(days):
            write_strong_csv(day, streamed, unit=Unit.KG, names=names, header=i == 0)
    assert all(len({w.date for w in day}) == 1 for day in days) and len(days) == 40
    assert streamed.getvalue() == whole.getvalue()
    with store.reader(user_id) as uow:
        since, until = start + dt.timedelta(days=20), start + dt.timedelta(days=60)
        part = [w for d in uow.workouts.figures_by_day(since=since, until=until) for w in d]
    assert part and min(w.date for w in part) >= since and max(w.date for w in part) <= until
    assert len([w for w in part if w.sets]) == sum(
        1 + d % 3 for d in range(40) if since <= start + dt.timedelta(d * 2) <= until)


def test_the_streamed_backup_is_the_same_file(store: Store, user_id: int,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from redwood.io import backup_file
    from redwood.services import exporting
    from redwood.store import logstream

    with store.unit_of_work(user_id) as uow:
        for day in range(23):
            for n in range(1 + day % 2):
                uow.workouts.add(Workout(date=dt.date(2025, 3, 1) + dt.timedelta(days=day % 9),
                                         title=f"day {day} #{n}", sets=(
                    LoggedSet("back-squat", Decimal(70), 5 + n),)))
        uow.commit()
    user = store.default_user()
    whole = exporting.backup(store, user)
    monkeypatch.setattr(logstream, "STREAM_ROWS", 4)
    monkeypatch.setattr(backup_file, "CHUNK", 100)
    chunks = list(exporting.backup_chunks(store, user))
    assert len(chunks) > 10
    assert "".join(chunks) == whole
    assert whole.count('"sets": [') == 23 + 11


def test_the_exports_stream_a_long_log_in_chunks_before_reading_all_of_it(
        store: Store, user_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first chunk of each export is written before the last workouts are read, and the
    memos of distinct sets forget (bounded memory) without changing a byte."""
    from redwood.io import strong_csv
    from redwood.services import exporting
    from redwood.store import backup as store_backup
    from redwood.store import logstream

    first, days = dt.date(2024, 1, 1), 450
    with store.unit_of_work(user_id) as uow:
        for day in range(days):
            uow.workouts.add(Workout(date=first + dt.timedelta(days=day), sets=tuple(
                LoggedSet("back-squat", Decimal(40 + day % 37), 1 + (day + k) % 12)
                for k in range(3))))
        uow.commit()
    user = store.default_user()
    last = (first + dt.timedelta(days=days - 1)).isoformat()
    monkeypatch.setattr(exporting, "CHUNK", 1000)
    monkeypatch.setattr(logstream, "STREAM_ROWS", 50)
    whole = "".join(exporting.strong_csv_chunks(store, user))
    chunks = exporting.strong_csv_chunks(store, user)
    opening = next(chunks)
    assert opening.startswith("Date,") and last not in opening and first.isoformat() in opening
    assert opening + "".join(chunks) == whole
    monkeypatch.setattr(logstream, "MADE", 7)  # the streamed CSV's memo of set texts
    assert "".join(exporting.strong_csv_chunks(store, user)) == whole
    monkeypatch.setattr(strong_csv.StrongCsvWriter, "_MEMO", 7)  # the whole file's
    assert exporting.strong_csv(store, user).text == whole

    monkeypatch.setattr(logstream, "MADE", 10)
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


def test_an_export_left_after_its_first_chunk_leaves_the_store_as_it_was(
        store: Store, user_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A download the client drops: the driver's cursors close with the export's transaction
    (a server-side cursor closed later could hit another request's transaction)."""
    from redwood.services import exporting
    from redwood.store import logstream

    with store.unit_of_work(user_id) as uow:
        for day in range(60):
            uow.workouts.add(Workout(date=dt.date(2025, 1, 1) + dt.timedelta(days=day), sets=(
                LoggedSet("back-squat", Decimal(50 + day), 5),)))
        uow.commit()
    user = store.default_user()
    monkeypatch.setattr(logstream, "STREAM_ROWS", 5)
    monkeypatch.setattr(exporting, "CHUNK", 200)
    monkeypatch.setattr("redwood.io.backup_file.CHUNK", 200)
    whole_csv = "".join(exporting.strong_csv_chunks(store, user))
    whole_json = "".join(exporting.backup_chunks(store, user))
    for _ in range(3):
        for chunks in (exporting.strong_csv_chunks(store, user),
                       exporting.backup_chunks(store, user)):
            assert next(chunks)
            chunks.close()
        with store.unit_of_work(user_id) as uow:  # a write after each, on the same pool
            uow.workouts.add(Workout(date=dt.date(2025, 3, 15), sets=(
                LoggedSet("deadlift", Decimal(100), 3),)))
            uow.commit()
    assert "".join(exporting.strong_csv_chunks(store, user)).count("Deadlift") == 3
    assert "".join(exporting.backup_chunks(store, user)).count('"deadlift"') == 3
    assert whole_csv.count("\n") == 61 and whole_json.count('"back-squat"') == 60
