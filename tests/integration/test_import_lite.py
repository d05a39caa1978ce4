"""An import through the SQLite fast path (store.lite, what `redwood import` opens on an
existing log) writes exactly what the same import through the SQLAlchemy store writes: every
workout, set, custom exercise, journal row and entry, value for value (timestamps of the
import itself aside), in the text SQLAlchemy itself would write (both stores' imports write
SQLite through the driver: store.imports). What it wrote is taken back whole by the store's
undo, and the command loads no SQLAlchemy."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from importkit import EXPORTS, FIXTURES, HEVY, STRONG

from redwood.domain.log import Unit
from redwood.services.base import connect
from redwood.services.importing import import_file, undo_import
from redwood.store import Store, open_store
from redwood.store.imports import BatchWriter
from redwood.store.lite import LiteStore
from redwood.store.location import sqlite_url

# Columns that hold when the row was written, which two imports cannot share.
_WHEN = {"created_at"}
_TABLES = ("workouts", "sets", "user_exercises", "imports", "entries", "rep_efforts",
           "session_volumes")
_ORDER = {"user_exercises": "user_id, exercise_id",
          "rep_efforts": "user_id, exercise_id, reps, rpe_key, rir_key, completed",
          "session_volumes": "workout_id, exercise_id"}


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        out = {}
        for table in _TABLES:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                       if r[1] not in _WHEN]
            rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY "
                                f"{_ORDER.get(table, 'id')}")
            # Both columns and values: a column the fast path left NULL shows by name.
            out[table] = [tuple(zip(columns, r, strict=True)) for r in rows]
        return out
    finally:
        conn.close()


def _new_log(path: Path) -> None:
    open_store(sqlite_url(path)).close()  # created and migrated, as after a first command


def _import_both(tmp_path: Path, *files: tuple[Path, dict[str, object]]
                 ) -> tuple[Path, Path]:
    """Each file imported in turn into two new logs: the ORM store's, the fast path's."""
    orm_db, lite_db = tmp_path / "orm.db", tmp_path / "lite.db"
    _new_log(orm_db)
    _new_log(lite_db)
    orm = open_store(sqlite_url(orm_db))
    lite = connect(sqlite_url(lite_db), fast=True)
    assert isinstance(lite, LiteStore)
    try:
        for path, options in files:
            reports = [import_file(s, s.default_user(), path, **options)  # type: ignore[arg-type]
                       for s in (orm, lite)]
            assert reports[0].as_json() == reports[1].as_json()
    finally:
        orm.close()
        lite.close()
    return orm_db, lite_db


@pytest.mark.parametrize("threaded", [False, True], ids=["one-thread", "writer-thread"])
def test_the_fast_path_stores_what_the_orm_store_stores(tmp_path, monkeypatch, threaded):
    monkeypatch.setattr(BatchWriter, "THREADED", threaded)
    orm_db, lite_db = _import_both(
        tmp_path,
        (STRONG, {}),
        (HEVY, {}),
        (STRONG, {}),  # a re-import: nothing added, nothing journalled
        (FIXTURES / "strong_bad_rows.csv", {"unit": Unit.KG, "skip_bad_rows": True}),
        (FIXTURES / "strong_numbered_lbs.csv", {}),
        (FIXTURES / "strong_semicolon_units.csv", {}),
        (FIXTURES / "hevy_lbs.csv", {}),
    )
    orm, lite = _dump(orm_db), _dump(lite_db)
    assert orm["sets"] and orm["user_exercises"] and len(orm["imports"]) >= 4
    assert any(dict(w)["notes"] for w in orm["workouts"])
    for table in _TABLES:
        assert lite[table] == orm[table], table


def test_dates_and_times_are_stored_as_sqlalchemy_stores_them(tmp_path):
    from sqlalchemy import Date, DateTime
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    kinds = {"date": Date(), "started_at": DateTime(), "ended_at": DateTime(),
             "created_at": DateTime()}
    # A value read back and written again by SQLAlchemy's own converters is the same text.
    impls = {name: kind.dialect_impl(dialect) for name, kind in kinds.items()}
    again = {name: (impl.bind_processor(dialect), impl.result_processor(dialect, None))
             for name, impl in impls.items()}
    _orm_db, lite_db = _import_both(tmp_path, (STRONG, {}), (HEVY, {}))
    conn = sqlite3.connect(lite_db)
    try:
        checked = 0
        for table in ("workouts", "sets", "imports", "entries", "user_exercises"):
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                       if r[1] in kinds]
            for row in conn.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                for name, text in zip(columns, row, strict=True):
                    if text is None:
                        continue
                    write, read = again[name]
                    assert write(read(text)) == text, (table, name, text)
                    checked += 1
        assert checked > 5_000
    finally:
        conn.close()


def test_missing_values_are_stored_as_null(tmp_path):
    # SQLite gets store.imports.SQLITE_NULL for them (cheaper to bind than None), which the
    # INSERT turns into NULL: no sentinel may reach the log, where the read paths take a
    # set's NULL superset group or RPE as "none".
    _orm_db, lite_db = _import_both(tmp_path, (STRONG, {}), (HEVY, {}))
    conn = sqlite3.connect(lite_db)
    try:
        for column in ("seconds", "distance_m", "rpe", "superset_group"):
            low, nulls, values = conn.execute(
                f"SELECT min({column}), count(*) - count({column}), count({column}) "
                "FROM sets").fetchone()
            assert nulls > 0, column
            assert low is None or low > 0, column
            if column in ("rpe", "superset_group"):  # the samples have some of these
                assert values > 0, column
    finally:
        conn.close()


def test_a_refused_import_on_the_fast_path_stores_nothing(tmp_path):
    orm_db, lite_db = _import_both(tmp_path, (FIXTURES / "strong_bad_rows.csv",
                                              {"unit": Unit.KG}))
    assert _dump(lite_db) == _dump(orm_db) == {t: [] for t in _TABLES}


def test_an_import_on_the_fast_path_is_taken_back_whole(tmp_path):
    db = tmp_path / "log.db"
    _new_log(db)
    before = _dump(db)
    lite = connect(sqlite_url(db), fast=True)
    try:
        report = import_file(lite, lite.default_user(), HEVY)
    finally:
        lite.close()
    assert report.stored and report.import_id is not None and report.sets_added > 1000
    store: Store = open_store(sqlite_url(db))
    try:
        undone = undo_import(store, store.default_user(), report.import_id)
    finally:
        store.close()
    assert (undone.workouts, undone.sets) == (report.workouts_added, report.sets_added)
    after = _dump(db)
    # The lifter's own exercises and the rep counts and efforts done stay (insert-only).
    kept = {"user_exercises", "rep_efforts"}
    assert {t: after[t] for t in _TABLES if t not in kept} == {
        t: before[t] for t in _TABLES if t not in kept}


@pytest.mark.parametrize("export", [STRONG, EXPORTS / "hevy_sample.csv"])
def test_redwood_import_on_an_existing_log_loads_no_sqlalchemy(tmp_path, export):
    db = tmp_path / "log.db"
    _new_log(db)
    code = ("import sys, runpy\n"
            "sys.argv = ['redwood', '--database-url', sys.argv[1], 'import', sys.argv[2], "
            "'--format', 'json']\n"
            "try:\n"
            "    runpy.run_module('redwood', run_name='__main__')\n"
            "except SystemExit as exc:\n"
            "    assert not exc.code, exc.code\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlalchemy', 'alembic'))), file=sys.stderr)\n").replace(
        "import sys, runpy", "import json, sys, runpy")
    done = subprocess.run([sys.executable, "-c", code, sqlite_url(db), str(export)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["stored"] is True
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []


def _schema(path: Path) -> list[tuple[object, ...]]:
    """The log's tables, indexes and triggers (an import creates its trigger again: it comes
    last in sqlite_master, the order in which nothing is read)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                            "ORDER BY type, name").fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "orm-store"])
def test_an_import_marks_the_bests_of_its_exercises_stale_and_keeps_the_schema(tmp_path, fast):
    # store.imports.triggers_once: the per-row triggers are off during the import's inserts
    # and the import marks its exercises' bests stale itself, once, in the same transaction,
    # and adds its sets' rep counts, efforts and session volumes (migration 0010's tables).
    db = tmp_path / "log.db"
    _new_log(db)
    schema = _schema(db)
    conn = sqlite3.connect(db)
    with conn:  # two exercises' bests worked out: one the file has, one it has not
        conn.executemany("INSERT INTO exercise_bests (user_id, exercise_id, data) "
                         "VALUES (1, ?, '{}')", [("back-squat",), ("zercher-squat",)])
    store = connect(sqlite_url(db), fast=True) if fast else open_store(sqlite_url(db))
    try:
        report = import_file(store, store.default_user(), STRONG)  # type: ignore[arg-type]
    finally:
        store.close()
    assert report.stored and report.sets_added > 100
    assert _schema(db) == schema
    with conn:
        imported = {r[0] for r in conn.execute("SELECT DISTINCT exercise_id FROM sets")}
        bests = dict(conn.execute("SELECT exercise_id, data FROM exercise_bests").fetchall())
    conn.close()
    assert "back-squat" in imported and len(imported) > 5
    # What the trigger would have left: every exercise written stale, the others as they were.
    assert bests == {**dict.fromkeys(imported), "zercher-squat": "{}"}
    assert _record_tables(db) == _recounted(db) and len(_recounted(db)[1]) > 50


def _record_tables(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """rep_efforts and session_volumes as the triggers (and an import) keep them."""
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT user_id, exercise_id, reps, rpe_key, rir_key, completed "
                             "FROM rep_efforts ORDER BY 1, 2, 3, 4, 5, 6").fetchall(),
                conn.execute("SELECT workout_id, exercise_id, user_id, date, volume_g FROM "
                             "session_volumes WHERE volume_g <> 0 ORDER BY 1, 2").fetchall())
    finally:
        conn.close()


def _recounted(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The same worked out from every set of the log."""
    counted = "reps >= 1 AND kind <> 'warmup'"
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT DISTINCT user_id, exercise_id, reps, COALESCE(rpe, 0), "
                             f"COALESCE(rir, -1), completed FROM sets WHERE {counted} "
                             "ORDER BY 1, 2, 3, 4, 5, 6").fetchall(),
                conn.execute("SELECT workout_id, exercise_id, user_id, date, "
                             f"SUM(weight_g * reps) FROM sets WHERE {counted} AND weight_g IS "
                             "NOT NULL GROUP BY 1, 2, 3, 4 HAVING SUM(weight_g * reps) <> 0 "
                             "ORDER BY 1, 2").fetchall())
    finally:
        conn.close()


def test_an_import_that_fails_midway_leaves_the_log_and_its_triggers_as_they_were(
        tmp_path, monkeypatch):
    from redwood.io import importer
    from redwood.store import StoreError, imports

    db = tmp_path / "log.db"
    _new_log(db)
    schema, before = _schema(db), _dump(db)
    writes = imports.insert_sets
    calls = []

    def fail_second(uow, sets, import_id):  # type: ignore[no-untyped-def]
        calls.append(len(sets))
        if len(calls) > 1:
            raise StoreError("disk full")
        writes(uow, sets, import_id)

    monkeypatch.setattr(importer, "FLUSH_SETS", 100)  # several batches
    monkeypatch.setattr(imports, "insert_sets", fail_second)
    store = connect(sqlite_url(db), fast=True)
    try:
        with pytest.raises(StoreError, match="disk full"):
            import_file(store, store.default_user(), STRONG)  # type: ignore[arg-type]
    finally:
        store.close()
    assert len(calls) == 2
    assert _schema(db) == schema and _dump(db) == before


def test_none_is_still_bound_as_null_with_the_311_shortcut() -> None:
    from redwood.store.values import bind_null_directly

    bind_null_directly()  # store.lite and the engine call it; a second call changes nothing
    bind_null_directly()
    if sys.version_info < (3, 12):
        assert (type(None), sqlite3.PrepareProtocol) in sqlite3.adapters
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE t (a INTEGER, b TEXT NOT NULL)")
        conn.execute("INSERT INTO t VALUES (?, ?)", (None, "x"))
        assert conn.execute("SELECT typeof(a), a IS NULL, ? IS NULL FROM t",
                            (None,)).fetchall() == [("null", 1, 1)]
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO t VALUES (?, ?)", (1, None))
    finally:
        conn.close()
