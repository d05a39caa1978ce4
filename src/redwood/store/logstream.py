"""A lifter's whole log read straight from the database driver, for the exports.

An export reads every workout and set of a log that may hold 300,000 sets: through the ORM or
SQLAlchemy's result rows that is most of its time. Here two plain queries run on the driver's
own cursors (the stdlib sqlite3 cursor; a server-side cursor on PostgreSQL) a chunk at a time
(`driver_rows`): the workouts, and their sets in the same order, merged as they come.
Each set arrives as a tuple of the columns asked for, as the driver gives them (see
store.values); the callers make each distinct tuple into a value once (a log repeats the same
sets for years).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from itertools import chain
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from redwood.store.values import bind

WORKOUT_COLUMNS = ("id, date, started_at, ended_at, title, notes, location, energy, "
                   "session_rpe, source, import_key, plan_id, plan_week, plan_session")
"""A workout row's columns, in this order."""


STREAM_ROWS = 2000
"""Rows read from the driver at a time."""
MADE = 30_000
"""Distinct sets kept made while a log is read (then forgotten: bounded memory; a long log
has some 20,000)."""
T = TypeVar("T")
_PARAMETER = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_CURSORS = itertools.count()


def _statement(conn: Connection, sql: str, params: Mapping[str, Any]
               ) -> tuple[str, dict[str, Any]]:
    """SQL with :name parameters as the connection's driver takes it (values.bind)."""
    if conn.dialect.name == "sqlite":
        return bind(sql, params, iso_dates=True)
    statement, bound = bind(sql, params, iso_dates=False)
    return _PARAMETER.sub(r"%(\1)s", statement), bound


def driver_rows(conn: Connection, sql: str, params: Mapping[str, Any]
                ) -> Iterator[list[tuple[Any, ...]]]:
    """Plain SQL with :name parameters in the connection's transaction, read STREAM_ROWS at a
    time with the driver's own cursor (no SQLAlchemy row processing): a server-side cursor
    on PostgreSQL, so a long read holds one chunk at a time. Values as the driver gives them
    (store.values reads them). Driver errors leave as SQLAlchemy's (uow.translate knows
    them)."""
    driver: Any = conn.connection.driver_connection
    statement, bound = _statement(conn, sql, params)
    if conn.dialect.name == "sqlite":
        cursor = driver.cursor()
    else:
        cursor = driver.cursor(name=f"redwood_rows_{next(_CURSORS)}")
    error = conn.dialect.loaded_dbapi.Error
    try:
        cursor.execute(statement, bound)
        while chunk := cursor.fetchmany(STREAM_ROWS):
            yield chunk
    except error as exc:
        raise DBAPIError.instance(statement, bound, exc, error) from exc
    finally:
        cursor.close()


def driver_all(conn: Connection, sql: str, params: Mapping[str, Any]
               ) -> list[tuple[Any, ...]]:
    """driver_rows' rows all at once (a client-side cursor): for reads of a bounded size."""
    driver: Any = conn.connection.driver_connection
    statement, bound = _statement(conn, sql, params)
    error = conn.dialect.loaded_dbapi.Error
    cursor = driver.cursor()
    try:
        cursor.execute(statement, bound)
        return list(cursor.fetchall())
    except error as exc:
        raise DBAPIError.instance(statement, bound, exc, error) from exc
    finally:
        cursor.close()


def workouts_with_sets(conn: Connection, user_id: int, set_columns: str,
                       make: Callable[[tuple[Any, ...]], T], *, since: dt.date | None = None,
                       until: dt.date | None = None) -> Iterator[tuple[tuple[Any, ...], list[T]]]:
    """(workout row of WORKOUT_COLUMNS, its sets in position order) for each of the user's
    workouts between the days (inclusive), by date then logging order, read as iterated.
    A set is `make` of its row of `set_columns` (SQL over the table `s`), made once for
    equal rows (the last MADE distinct ones are kept): read-only values, shared."""
    where = "w.user_id = :user_id"
    params: dict[str, Any] = {"user_id": user_id}
    if since is not None:
        where, params["since"] = f"{where} AND w.date >= :since", since
    if until is not None:
        where, params["until"] = f"{where} AND w.date <= :until", until
    workouts = chain.from_iterable(driver_rows(
        conn, f"SELECT {WORKOUT_COLUMNS} FROM workouts w WHERE {where} ORDER BY w.date, w.id",
        params))
    # The same order, so each workout's sets follow one another: one pass over both, a plain
    # loop over the sets (this runs once per set: 300,000 times for a long log).
    sets = chain.from_iterable(driver_rows(
        conn, f"SELECT s.workout_id, {set_columns} FROM workouts w JOIN sets s ON "
        f"s.workout_id = w.id WHERE {where} ORDER BY w.date, w.id, s.position", params))
    made: dict[tuple[Any, ...], T] = {}
    w = next(workouts, None)
    own: list[T] = []
    for following in sets:
        while w is not None and following[0] != w[0]:  # w has no more sets
            yield w, own
            own = []
            w = next(workouts, None)
        if w is None:  # the two reads disagree: never silently drop a set
            raise RuntimeError(f"set of workout {following[0]} read out of order")
        row = following[1:]
        found = made.get(row)
        if found is None:
            if len(made) >= MADE:
                made.clear()
            found = made[row] = make(row)
        own.append(found)
    while w is not None:
        yield w, own
        own = []
        w = next(workouts, None)
