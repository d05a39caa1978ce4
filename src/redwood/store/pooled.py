"""The SQLAlchemy store's hottest reads on the driver: `today`'s, for the web and PostgreSQL.

Today's session (`services.training.today`, GET /api/v1/today, the web's today page) reads a
dozen things: the active plan, the sessions done, the day's workouts, each lift's history, the
check-ins, the recent energy, the profile and the equipment. Through the ORM every one of those
statements went through SQLAlchemy's session, statement compilation and cache-key work, which
cost more CPU than the reads themselves (about half of a server's 6-8 ms per request, py-spy).
`PooledReader` is a read-only unit of work on a driver connection (sqlite3 or psycopg) taken
from the store's engine pool, with the repositories of the SQLite fast path
(`redwood.store.lite`): the same plain SQL, the same domain objects as the ORM's
(tests/integration/test_store_pooled.py compares them on SQLite and PostgreSQL).

Like the ORM's reader it sees one snapshot (SQLite: a read transaction; PostgreSQL:
REPEATABLE READ, READ ONLY) and never waits for a writer. It cannot write.
"""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from redwood.store.errors import StoreError
from redwood.store.hot import _Driver
from redwood.store.hot import _translate as translate
from redwood.store.lite import LiteUnitOfWork
from redwood.store.values import bind

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["PooledReader"]

_PG_BEGIN = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
"""As the ORM's reader (uow.UnitOfWork, readonly): one snapshot for all the reads."""


class PooledReader(LiteUnitOfWork):
    """A read-only unit of work on a pooled driver connection, with the fast path's
    repositories (`uow.plans`, `uow.workouts`, ...: lite.LiteUnitOfWork's)."""

    def __init__(self, engine: Engine, user_id: int | None) -> None:
        # No LiteStore behind it: the connection comes from the engine's pool on entry.
        self._engine = engine
        self.user_id = user_id
        self.readonly = True
        self._open = False
        self._turn = False
        self._db: _Driver | None = None

    def __enter__(self) -> Self:
        try:
            db = _Driver(self._engine)
        except Exception as exc:
            raise translate(exc) from exc
        try:
            if db.sqlite:
                db.conn.execute("BEGIN")
            else:
                db.conn.autocommit = True  # BEGIN and ROLLBACK sent as written here
                db.conn.execute(_PG_BEGIN)
        except BaseException as exc:
            self._give_back(db)
            error = translate(exc)
            if error is exc:
                raise
            raise error from exc
        self._db = db
        self._open = True
        return self

    @staticmethod
    def _give_back(db: _Driver) -> None:
        try:
            if not db.sqlite and not db.conn.closed:
                db.conn.autocommit = False  # as the pool hands it out
        finally:
            db.close()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        db, self._db, self._open = self._db, None, False
        if db is None:
            return
        try:
            db.conn.execute("ROLLBACK")  # nothing was written
        except Exception as close_error:
            if exc is None:
                raise translate(close_error) from close_error
        finally:
            self._give_back(db)
        if exc is not None:
            error = translate(exc)
            if error is not exc:
                raise error from exc

    def _driver(self) -> _Driver:
        if self._db is None:
            raise StoreError("the unit of work is not open: use it in a with block")
        return self._db

    def rows(self, sql: str, params: Mapping[str, Any]) -> builtins.list[tuple[Any, ...]]:
        db = self._driver()
        text, bound = bind(sql, params, iso_dates=db.sqlite)
        try:
            return db.rows(text, bound)
        except Exception as exc:
            error = translate(exc)
            if error is exc:
                raise
            raise error from exc

    def execute(self, sql: str, params: Mapping[str, Any]) -> sqlite3.Cursor:
        raise StoreError("a read-only unit of work cannot write")

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise StoreError("a read-only unit of work cannot write")

    def write(self) -> None:
        raise StoreError("a read-only unit of work cannot write")

    def commit(self) -> None:
        raise StoreError("a read-only unit of work cannot commit")

    def rollback(self) -> None:
        self._driver().conn.execute("ROLLBACK")
