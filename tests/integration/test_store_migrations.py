"""The schema comes only from the Alembic migrations, on SQLite and PostgreSQL."""

from __future__ import annotations

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
          "web_sessions", "rate_counters", "imports", "set_tombstones", "exercise_bests"}


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
