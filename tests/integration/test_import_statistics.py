"""A large import or restore leaves PostgreSQL's planner knowing the log's size (ANALYZE after
it), so the next export reads the sets in workout order instead of sorting them all on disk; a
small one leaves the statistics to autovacuum."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from redwood.domain.log import LoggedSet, Workout
from redwood.io.backup_file import parse_backup
from redwood.services.base import BULK_SETS
from redwood.services.exporting import backup, restore
from redwood.services.importing import import_file
from redwood.store import Store

HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"


def _import(store: Store, tmp_path: Path, sets: int, start: dt.date) -> None:
    path = tmp_path / f"strong-{sets}.csv"
    path.write_text(HEADER + "".join(
        f"{start + dt.timedelta(days=n // 20)} 18:00:00,Legs,1h,Squat (Barbell),{n % 20 + 1},"
        f"{60 + n % 40},5,0,0,\n" for n in range(sets)), encoding="utf-8")
    report = import_file(store, store.default_user(), path, fmt="strong", unit=None,
                         today=dt.date(2026, 12, 31))
    assert report.stored and report.sets_added == sets


def _planner_rows(store: Store) -> float:
    with store.engine.connect() as conn:
        return float(conn.execute(text(
            "SELECT reltuples FROM pg_class WHERE relname = 'sets'")).scalar_one())


def test_a_large_import_refreshes_the_planner_statistics(store: Store, tmp_path: Path) -> None:
    if store.backend != "postgresql":
        pytest.skip("SQLite plans from its indexes")
    _import(store, tmp_path, 200, dt.date(2019, 1, 1))
    assert _planner_rows(store) <= 0  # never analysed: -1 (0 before PostgreSQL 14)
    _import(store, tmp_path, BULK_SETS, dt.date(2020, 1, 1))
    assert _planner_rows(store) == BULK_SETS + 200


def _log(store: Store, name: str, sets: int) -> str:
    """The backup of a lifter called `name` with `sets` squat sets, 20 a workout."""
    with store.unit_of_work() as uow:
        user = uow.users.add(name)
        uow.commit()
    with store.unit_of_work(user.id) as uow:
        for first in range(0, sets, 20):
            uow.workouts.add(Workout(
                date=dt.date(2020, 1, 1) + dt.timedelta(days=first // 20),
                sets=tuple(LoggedSet("back-squat", Decimal(60 + n % 40), 5)
                           for n in range(first, min(first + 20, sets)))))
        uow.commit()
    return backup(store, user)


def _last_analyze(store: Store) -> dict[str, object]:
    """When each log table was last ANALYZEd by a command (autovacuum's are apart: a
    `last_autoanalyze`), from PostgreSQL's own statistics."""
    with store.engine.connect() as conn:
        return dict(conn.execute(text(
            "SELECT relname, last_analyze FROM pg_stat_user_tables "
            "WHERE relname IN ('workouts', 'sets')")).all())


def test_a_large_restore_refreshes_the_planner_statistics(store: Store) -> None:
    if store.backend != "postgresql":
        pytest.skip("SQLite plans from its indexes")
    small, large = _log(store, "few", 20), _log(store, "many", BULK_SETS)
    restore(store, parse_backup(small), "few again")
    assert _last_analyze(store) == {"workouts": None, "sets": None}
    restored = restore(store, parse_backup(large), "many again")
    assert restored.sets == BULK_SETS
    assert None not in _last_analyze(store).values()
