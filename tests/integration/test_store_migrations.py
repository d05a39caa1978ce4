"""The schema comes only from the Alembic migrations, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import inspect

from redwood.store import HEAD_REVISION, StoreError, open_store
from redwood.store.engine import make_engine
from redwood.store.location import sqlite_path
from redwood.store.migrate import current_revision, downgrade, head_revision, upgrade
from redwood.store.models import Base

TABLES = {"users", "profiles", "plans", "workouts", "sets", "checkins", "equipment_profiles",
          "user_exercises", "entries", "measurements", "credentials", "api_tokens",
          "web_sessions", "rate_counters", "imports", "set_tombstones", "exercise_bests",
          "rep_efforts", "session_volumes", "import_tombstones"}


def _tables(engine) -> set[str]:
    with engine.connect() as conn:
        return set(inspect(conn).get_table_names()) - {"alembic_version"}


def test_head_constant_matches_the_migration_scripts():
    assert head_revision() == HEAD_REVISION


def test_upgrade_from_empty_to_head_and_downgrade_to_base(empty_url):
    engine = make_engine(empty_url)
    try:
        assert current_revision(engine) is None
        assert _tables(engine) == set()
        upgrade(engine)
        assert current_revision(engine) == HEAD_REVISION
        assert _tables(engine) == TABLES
        downgrade(engine, "base")
        assert _tables(engine) == set()
        assert current_revision(engine) is None
        upgrade(engine)  # and up again
        assert _tables(engine) == TABLES
    finally:
        engine.dispose()


def test_models_match_the_migrations(empty_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = make_engine(empty_url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
        assert diff == []
    finally:
        engine.dispose()


def test_open_store_creates_the_folder_the_database_and_a_user(tmp_path, monkeypatch):
    home = tmp_path / "deep" / "home"
    monkeypatch.setenv("REDWOOD_HOME", str(home))
    monkeypatch.delenv("REDWOOD_DATABASE_URL", raising=False)
    store = open_store()
    try:
        assert sqlite_path(store.url) == (home / "redwood.db").resolve()
        user = store.default_user()
        assert user.name == "me"
        assert store.default_user() == user
    finally:
        store.close()
    conn = sqlite3.connect(home / "redwood.db")
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        assert version == HEAD_REVISION
    finally:
        conn.close()


def test_reopening_an_up_to_date_database_does_not_import_alembic(tmp_path):
    url = f"sqlite:///{tmp_path / 'r.db'}"
    open_store(url).close()
    code = textwrap.dedent(f"""
        import sys
        from redwood.store import open_store
        store = open_store({url!r})
        store.default_user()
        store.close()
        print("alembic" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "False"


def test_a_database_newer_than_redwood_is_refused(empty_url):
    open_store(empty_url).close()
    engine = make_engine(empty_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="newer than this redwood"):
        open_store(empty_url)


def test_two_processes_opening_a_new_database_at_once(empty_url, tmp_path):
    """Both migrate-or-wait; the schema is created once and both see one default user."""
    code = textwrap.dedent("""
        import sys, time
        from redwood.store import open_store
        start = float(sys.argv[2])
        while time.time() < start:
            time.sleep(0.001)
        store = open_store(sys.argv[1])
        print(store.default_user().id)
        store.close()
    """)
    import time

    start = str(time.time() + 1.0)
    procs = [subprocess.Popen([sys.executable, "-c", code, empty_url, start],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=60) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    assert {o.strip() for o, _ in outs} == {"1"}


def test_an_unreachable_database_is_one_clear_error(tmp_path: Path):
    with pytest.raises(StoreError, match="cannot open database"):
        open_store("postgresql+psycopg://nobody@127.0.0.1:1/none")


def test_the_sqlite_head_schema_is_what_the_migrations_leave():
    # After a new migration: regenerate with redwood.store.migrate.write_sqlite_head().
    from redwood.store import sqlite_head
    from redwood.store.migrate import sqlite_head_statements

    assert sqlite_head.REVISION == HEAD_REVISION
    assert sorted(map(_unordered, sqlite_head.STATEMENTS), key=str) == sorted(
        map(_unordered, sqlite_head_statements()), key=str)


def _unordered(sql: object) -> object:
    """A CREATE TABLE statement with its columns and constraints as a set: the migrations
    themselves write a table that Alembic's batch mode rebuilt (sets, workouts) with its
    CHECK constraints in an order that changes from one run to the next (hash order)."""
    if not isinstance(sql, str) or not sql.startswith("CREATE TABLE"):
        return sql
    head, _, body = sql.partition("(")
    return head, frozenset(part.strip() for part in re.split(r",\s*\n", body.rstrip(")\n")))


def _master(path: Path) -> dict[str, object]:
    conn = sqlite3.connect(path)
    try:
        return {
            # By name: the migrations' batch mode itself recreates indexes in hash order.
            "schema": [(*r[:3], _unordered(r[3])) for r in conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")],
            "revision": conn.execute("SELECT * FROM alembic_version").fetchall(),
            "users": conn.execute("SELECT id, name, unit FROM users").fetchall(),
            "journal": conn.execute("PRAGMA journal_mode").fetchall(),
            "version": conn.execute("PRAGMA user_version").fetchall(),
        }
    finally:
        conn.close()


def test_a_new_log_made_from_the_head_schema_is_the_migrated_one(tmp_path):
    # services.base.connect(fast=True), as `redwood import` into no log: store.lite.create_lite.
    from redwood.services.base import connect
    from redwood.store.location import sqlite_url

    migrated, made = tmp_path / "migrated.db", tmp_path / "new" / "made.db"
    open_store(sqlite_url(migrated)).close()
    fast = connect(sqlite_url(made), fast=True)
    try:
        assert type(fast).__name__ == "LiteStore"
        fast.default_user()
    finally:
        fast.close()
    expected = _master(migrated)
    assert expected["revision"] == [(HEAD_REVISION,)] and expected["journal"] == [("wal",)]
    assert _master(made) == expected
    # Alembic takes it as one of its own: down a revision and up again.
    engine = make_engine(sqlite_url(made))
    try:
        downgrade(engine, "0006")
        assert current_revision(engine) == "0006"
        upgrade(engine)
        assert current_revision(engine) == HEAD_REVISION
    finally:
        engine.dispose()
    assert _master(made)["schema"] == expected["schema"]


def test_a_log_is_made_from_the_head_schema_only_where_there_is_none(tmp_path):
    from redwood.store.lite import create_lite
    from redwood.store.location import sqlite_url

    empty = tmp_path / "empty.db"
    empty.touch()
    assert create_lite(sqlite_url(empty)) is True
    assert _master(empty)["revision"] == [(HEAD_REVISION,)]
    assert create_lite(sqlite_url(empty)) is False  # there now: left as it is
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE mine (x)")
    conn.close()
    assert create_lite(sqlite_url(other)) is False
    assert _master_tables(other) == ["mine"]
    assert create_lite("sqlite://") is False  # in memory: the SQLAlchemy store's


def _master_tables(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
    finally:
        conn.close()


def test_0008_keeps_the_sets_their_rules_and_their_triggers(empty_url):
    """Migration 0008 rewrites the set kind's CHECK and makes the client-id index partial
    (cheaper inserts): a log at 0007 keeps every set, and the rules are the same after it."""
    from sqlalchemy import exc, text

    engine = make_engine(empty_url)
    insert = text(
        "INSERT INTO sets (workout_id, user_id, date, position, exercise_id, kind, weight_g, "
        "reps, completed, client_id) VALUES (1, 1, :day, :position, 'back-squat', :kind, "
        "100000, 5, :done, :client)")
    day = "2026-01-05"
    try:
        upgrade(engine, "0007")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO users (id, name, unit, created_at) VALUES "
                              "(1, 'me', 'kg', '2026-01-01 00:00:00')"))
            conn.execute(text("INSERT INTO workouts (id, user_id, date, created_at) VALUES "
                              "(1, 1, :day, '2026-01-05 10:00:00')"), {"day": day})
            for position, (kind, client) in enumerate(
                    [("working", None), ("warmup", "phone-0001"), ("drop", None),
                     ("failure", "phone-0002")]):
                conn.execute(insert, {"day": day, "position": position, "kind": kind,
                                      "done": True, "client": client})
            conn.execute(text("UPDATE exercise_bests SET data = '{}'"))
        upgrade(engine)
        assert current_revision(engine) == HEAD_REVISION
        with engine.begin() as conn:
            assert conn.execute(text(
                "SELECT position, kind, client_id FROM sets ORDER BY position")).all() == [
                (0, "working", None), (1, "warmup", "phone-0001"), (2, "drop", None),
                (3, "failure", "phone-0002")]
        for kind, client in [("bogus", None), ("Working", None), ("working", "phone-0001")]:
            with pytest.raises(exc.IntegrityError), engine.begin() as conn:
                conn.execute(insert, {"day": day, "position": 9, "kind": kind, "done": True,
                                      "client": client})
        with engine.begin() as conn:  # NULL client ids never collide; the triggers still run
            for position in (4, 5):
                conn.execute(insert, {"day": day, "position": position, "kind": "working",
                                      "done": True, "client": None})
            assert conn.execute(text("SELECT data FROM exercise_bests")).all() == [(None,)]
        downgrade(engine, "0007")
        with engine.begin() as conn:
            assert conn.execute(text("SELECT count(*) FROM sets")).scalar() == 6
        with pytest.raises(exc.IntegrityError), engine.begin() as conn:
            conn.execute(insert, {"day": day, "position": 9, "kind": "bogus", "done": True,
                                  "client": None})
    finally:
        engine.dispose()


def test_0010_works_out_the_kept_records_of_a_log_with_sets(empty_url):
    """Migration 0010 fills rep_efforts and session_volumes from a log already there (a
    warm-up counts in neither, a bodyweight set adds no volume), and its triggers keep them
    from then on: a later set adds to its session, a deleted one is taken away."""
    from sqlalchemy import text

    from redwood.store.migrations.versions.r0010_record_reads import KINDS
    from redwood.store.values import RECORD_KINDS_SQL

    assert KINDS == RECORD_KINDS_SQL  # the partial index serves the records' queries
    engine = make_engine(empty_url)
    insert = text(
        "INSERT INTO sets (workout_id, user_id, date, position, exercise_id, kind, weight_g, "
        "reps, rpe, completed) VALUES (:workout, 1, :day, :position, :lift, :kind, :grams, "
        ":reps, :rpe, :done)")
    rows = [(1, "2026-01-05", 0, "back-squat", "warmup", 60000, 5, None, True),
            (1, "2026-01-05", 1, "back-squat", "working", 100000, 5, 8, True),
            (1, "2026-01-05", 2, "back-squat", "working", 100000, 4, None, False),
            (1, "2026-01-05", 3, "pull-up", "working", None, 8, None, True),
            (2, "2026-01-08", 0, "back-squat", "drop", 80000, 8, None, True)]
    try:
        upgrade(engine, "0009")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO users (id, name, unit, created_at) VALUES "
                              "(1, 'me', 'kg', '2026-01-01 00:00:00')"))
            for workout, day in ((1, "2026-01-05"), (2, "2026-01-08")):
                conn.execute(text("INSERT INTO workouts (id, user_id, date, created_at) "
                                  "VALUES (:id, 1, :day, '2026-01-05 10:00:00')"),
                             {"id": workout, "day": day})
            for workout, day, position, lift, kind, grams, reps, rpe, done in rows:
                conn.execute(insert, {"workout": workout, "day": day, "position": position,
                                      "lift": lift, "kind": kind, "grams": grams,
                                      "reps": reps, "rpe": rpe, "done": done})
        upgrade(engine)

        def kept() -> tuple[list, list]:
            with engine.begin() as conn:
                efforts = conn.execute(text(
                    "SELECT exercise_id, reps, rpe_key, rir_key, completed FROM rep_efforts "
                    "ORDER BY 1, 2, 3, 5")).all()
                volumes = conn.execute(text(
                    "SELECT workout_id, exercise_id, volume_g FROM session_volumes "
                    "ORDER BY 1, 2")).all()
            return ([(e, r, float(rpe), rir, bool(c)) for e, r, rpe, rir, c in efforts],
                    [tuple(v) for v in volumes])

        assert kept() == (
            [("back-squat", 4, 0.0, -1, False), ("back-squat", 5, 8.0, -1, True),
             ("back-squat", 8, 0.0, -1, True), ("pull-up", 8, 0.0, -1, True)],
            [(1, "back-squat", 900000), (2, "back-squat", 640000)])
        with engine.begin() as conn:
            conn.execute(insert, {"workout": 2, "day": "2026-01-08", "position": 1,
                                  "lift": "back-squat", "kind": "working", "grams": 90000,
                                  "reps": 5, "rpe": None, "done": True})
            conn.execute(text("DELETE FROM sets WHERE workout_id = 1 AND position = 2"))
        assert kept()[1] == [(1, "back-squat", 500000), (2, "back-squat", 1090000)]
    finally:
        engine.dispose()
