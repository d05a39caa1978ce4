"""The SQLAlchemy engine, set up for a training log that several processes may write.

SQLite: WAL (readers never block the writer), foreign keys on, a busy timeout, synchronous
NORMAL, and transactions that SQLAlchemy begins itself (the
pysqlite recipe for SERIALIZABLE isolation: the driver's own BEGIN handling is turned off):
a write transaction starts with BEGIN IMMEDIATE, so two writers queue for the busy timeout
instead of one failing halfway through; a read-only one with a plain (deferred) BEGIN.

Why synchronous NORMAL and not FULL: in WAL mode NORMAL syncs the log at each checkpoint
instead of at each commit. A commit is still atomic and survives the application or the
server process crashing (it is in the WAL file, which the OS has); only a power cut or kernel
crash can lose the last commits before the next checkpoint, never corrupt the database. That is
SQLite's recommended setting for WAL; FULL cost an fsync per logged set, the largest part of
a set's latency on a busy disk. Set REDWOOD_SQLITE_SYNCHRONOUS=FULL to trade that back.

PostgreSQL: the same code through psycopg 3, with a lock timeout equal to the busy timeout.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from redwood.store.errors import StoreBusy
from redwood.store.lite import set_wal
from redwood.store.values import bind_null_directly, json_dumps, json_loads

BUSY_TIMEOUT_MS = 5000
POOL_SIZE = 15
"""PostgreSQL connections a process keeps open (and 10 more while busy)."""
WRITE_OPTION = "redwood_write"
"""Connection execution option: True for a write transaction (BEGIN IMMEDIATE on SQLite)."""

# SQLSTATEs that mean "another transaction was in the way; retrying is safe".
_PG_BUSY = {"40001", "40P01", "55P03"}
_SQLITE_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def make_engine(url: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        bind_null_directly()
        engine = create_engine(
            url,
            json_serializer=json_dumps,
            json_deserializer=json_loads,
            connect_args={"timeout": busy_timeout_ms / 1000},
        )
        _sqlite_hooks(engine, busy_timeout_ms)
        return engine
    connect_args: dict[str, Any] = {}
    if backend == "postgresql":
        connect_args["options"] = f"-c lock_timeout={busy_timeout_ms}"
        connect_args["connect_timeout"] = 10
    return create_engine(
        url,
        json_serializer=json_dumps,
        json_deserializer=json_loads,
        connect_args=connect_args,
        pool_pre_ping=False,
        # Kept open: as many as a web worker's requests in flight (redwood.web.fastlane's
        # threads). With the default 5, the connections over 5 were closed as each request
        # gave them back and opened anew for the next (a server process forked each time).
        pool_size=POOL_SIZE,
    )


def _sqlite_hooks(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy emits BEGIN itself (below); the driver's implicit BEGIN is turned off.
        # Python 3.12+: keep the legacy mode in which commit() still sends COMMIT.
        if hasattr(sqlite3, "LEGACY_TRANSACTION_CONTROL"):
            dbapi_connection.autocommit = sqlite3.LEGACY_TRANSACTION_CONTROL
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            set_wal(cursor, busy_timeout_ms)
            cursor.execute(f"PRAGMA synchronous = {_synchronous()}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, True)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _synchronous() -> str:
    value = os.environ.get("REDWOOD_SQLITE_SYNCHRONOUS", "NORMAL").strip().upper()
    return value if value in {"NORMAL", "FULL", "EXTRA"} else "NORMAL"


def is_busy(error: BaseException) -> bool:
    """True if the database error means another process held a lock too long."""
    if not isinstance(error, DBAPIError):
        return False
    orig = error.orig
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _SQLITE_BUSY:
        return True
    if isinstance(orig, sqlite3.OperationalError):
        text = str(orig).lower()
        return "database is locked" in text or "database is busy" in text
    return getattr(orig, "sqlstate", None) in _PG_BUSY


def busy_error(error: BaseException) -> StoreBusy:
    orig = getattr(error, "orig", None)
    return StoreBusy(str(orig or error).strip().splitlines()[0])
