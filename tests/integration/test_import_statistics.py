"""A large import leaves PostgreSQL's planner knowing the log's size (ANALYZE after it), so
the next export reads the sets in workout order instead of sorting them all on disk; a small
import leaves the statistics to autovacuum."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from redwood.services.importing import BULK_SETS, import_file
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
