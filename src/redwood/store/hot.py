"""The web's hottest write on the driver: logging sets into a workout by API token.

A lifter logs one set per tap and a busy server logs hundreds a second. Through the unit of
work one such request ran about fifteen statements (BEGIN, ROLLBACK and COMMIT counted) in
three transactions (the token, the records' reads, the write) through SQLAlchemy's session
and statement execution, whose work per statement cost several times SQLite's own. Here the
same work runs as fewer statements, on the driver connection (sqlite3 or psycopg) taken from
the engine's pool, with the SQL text fixed so that each connection keeps it prepared (sqlite3's
statement cache; psycopg prepares a query on the server from its fifth run):

- `open_sets`: one statement finds the token's user (live tokens only, read fresh every time
  so a revoked token fails at once) and that user's workout; a second reads the few
  sets the records compare with (the log before the workout's day and the workout so far,
  in one pass: the heaviest and lightest of each rep count and effort, see _SHAPES), and
  a third the best session volumes only when there is a log to beat.
- `append_sets`: the sets and their undo journal row, the positions read in the write
  transaction. SQLite: in the writers' turn (`uow.WriterTurn`, shared with the units of work)
  with BEGIN IMMEDIATE, reads outside it (as `unit_of_work(reads_first=True)`). PostgreSQL:
  the workout's row locked first, as `WorkoutRepository.add_sets` does, so two writers to one
  workout take positions one after the other. Appends that arrive together share one
  transaction (group commit, `_GroupWriter`), each still all or nothing.
- `log_sets`: both, as the web calls them. On PostgreSQL all of it is one transaction in one
  round trip (pipeline mode): three statements (the token, its user, the workout and the
  records' reads in one; the workout locked; the sets with their journal row, written only
  if the token and the workout match, checked in the statement) and one Sync, which commits
  them (autocommit: the pipeline's implicit transaction, all or nothing). It took four
  round trips before, the workout locked across one of them (and across the GIL's waits in
  this process), then three (psycopg waits for the answer to the BEGIN it sends, and to
  the Sync after COMMIT) of seven statements.

The same rows as `WorkoutRepository.add_sets` (tests/integration/test_store_hot.py compares
both on SQLite and PostgreSQL). Errors leave as the store's: StoreBusy, InvalidEntry, NotFound
(no such workout of the user's), StoreError.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import os
import re
import sqlite3
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine

from redwood.domain.log import MAX_SETS_PER_WORKOUT, LoggedSet, SetKind, Unit
from redwood.domain.user import User
from redwood.store import validation
from redwood.store.errors import InvalidEntry, NotFound, StoreBusy, StoreError
from redwood.store.record_reads import SHAPES as _SHAPES
from redwood.store.record_reads import VOLUMES as _VOLUMES
from redwood.store.record_reads import RecordBasis, record_rows, shapes_sql
from redwood.store.record_reads import basis as _basis
from redwood.store.values import (
    JOURNAL_ENTRY,
    SET_INSERT_COLUMNS,
    json_dumps,
    read_date,
    read_datetime,
    sqlite_datetime,
    to_grams,
    utcnow,
)

__all__ = ["RecordBasis", "SetsTarget", "append_sets", "log_sets", "open_sets", "token_target"]

_TARGET = (
    "SELECT t.id, t.last_used_at, u.id, u.name, u.unit, u.created_at, w.date "
    "FROM api_tokens t JOIN users u ON u.id = t.user_id "
    "LEFT JOIN workouts w ON w.id = :workout_id AND w.user_id = u.id "
    "WHERE t.token_hash = :token_hash AND t.revoked_at IS NULL")
"""The token's owner and (NULL if it is not theirs) the workout: one statement. The records'
reads after it (_SHAPES, _VOLUMES) are store.record_reads', the repositories' too."""

_PG_WORKOUT = ("SELECT date FROM workouts WHERE id = :workout_id AND user_id = :user_id "
               "FOR UPDATE")
"""PostgreSQL: the workout's row locked until COMMIT, so the next writer to it waits and then
reads the positions this one took. How many sets it holds is read by the next statement
(_COUNT_SETS, sent with it): a count in this one would be of the snapshot taken before the
wait for the lock, missing the sets of the writer it waited for (two appends to a workout one
set short of full would both pass validation.check_room)."""
_SQLITE_WORKOUT = ("SELECT date, (SELECT MAX(position) FROM sets WHERE workout_id = :workout_id), "
                   "(SELECT count(*) FROM sets WHERE workout_id = :workout_id) "
                   "FROM workouts WHERE id = :workout_id AND user_id = :user_id")
"""SQLite, in the write transaction (BEGIN IMMEDIATE: no other writer until COMMIT): the
workout's date, its last position and how many sets it holds (validation.check_room)."""
_COUNT_SETS = "SELECT count(*) FROM sets WHERE workout_id = :workout_id"
_INSERTS: dict[tuple[int, bool], str] = {}
_PG_JOURNALED = (
    "WITH s AS ({insert}) INSERT INTO entries (user_id, kind, workout_id, data, created_at) "
    "SELECT :user_id, 'sets', :workout_id, CAST('{{\"positions\": [' || "
    "string_agg(CAST(position AS text), ', ' ORDER BY position) || ']}}' AS json), "
    ":created_at FROM s RETURNING data")
"""PostgreSQL: the sets and their journal row in one statement, the row's data the very text
json_dumps writes ({"positions": [3, 4]})."""

_PG_LOCK = ("SELECT 1 FROM workouts WHERE id = :workout_id AND user_id = (SELECT user_id "
            "FROM api_tokens WHERE token_hash = :token_hash AND revoked_at IS NULL) FOR UPDATE")
"""PostgreSQL, in log_sets' transaction after its reads: the token's user's workout locked
until the commit (as _PG_WORKOUT), so the INSERT after it sees the sets of the writer before."""
_PG_READS = (
    "SELECT t.id, t.last_used_at, u.id, u.name, u.unit, u.created_at, w.date, r.* "
    "FROM api_tokens t JOIN users u ON u.id = t.user_id "
    "LEFT JOIN workouts w ON w.id = :workout_id AND w.user_id = u.id "
    "LEFT JOIN LATERAL (SELECT 0, s.* FROM ("
    + _SHAPES.replace(":user_id", "u.id").replace(":until", "w.date - 1")
    + ") AS s UNION ALL SELECT 1, v.exercise_id, NULL, NULL, NULL, NULL, v.past, v.here, "
    "NULL, NULL, NULL, NULL FROM ("
    + _VOLUMES.replace(":user_id", "u.id").replace(":until", "w.date - 1")
    + ") AS v (exercise_id, past, here)) AS r ON true "
    "WHERE t.token_hash = :token_hash AND t.revoked_at IS NULL")
"""PostgreSQL: _TARGET and, beside each of its columns, the records' reads (_SHAPES' rows,
tagged 0, and _VOLUMES', tagged 1, in _SHAPES' columns: the best past volume and the
workout's in its sixth and seventh) for the token's user and the day before the workout,
in one statement: no row for an unknown or revoked token, one with NULLs after _TARGET's
columns when there is nothing to read. Its answer is not waited for: the lock and the
write go in the same round trip (when the workout is not the token's user's, the reads'
rows are ignored). The volumes are read even when there is no past set (open_sets reads
them only then): two index probes."""
_PG_COLUMN_TYPES = (("exercise_id", "varchar"), ("kind", "varchar"), ("weight_g", "integer"),
                    ("reps", "smallint"), ("seconds", "integer"), ("distance_m", "numeric"),
                    ("rpe", "numeric"), ("rir", "smallint"), ("rest_s", "integer"),
                    ("superset_group", "smallint"), ("completed", "boolean"),
                    ("form_note", "text"))
"""The sets' columns after position, with their types (a VALUES list's NULL is text unless
cast)."""
_PG_LOGGED: dict[int, str] = {}


def _pg_logged_sql(n: int) -> str:
    """PostgreSQL: n sets and their journal row in one statement, written only if the token
    is live, the workout its user's and with room for them (MAX_SETS_PER_WORKOUT: else
    nothing, and no row returned), each set at the
    next free position (read in the statement, which begins after _PG_LOCK's lock); the
    journal row's data (json_dumps' text: {"positions": [3, 4]}) returned."""
    sql = _PG_LOGGED.get(n)
    if sql is None:
        names = [c for c, _ in _PG_COLUMN_TYPES]
        rows = ", ".join(
            "(" + ", ".join([str(i + 1)] + [f"CAST(:{c}_{i} AS {t})"
                                            for c, t in _PG_COLUMN_TYPES]) + ")"
            for i in range(n))
        sql = _PG_LOGGED[n] = (
            "WITH k AS (SELECT w.id, w.user_id, w.date, (SELECT COALESCE(MAX(position), -1) "
            "FROM sets WHERE workout_id = w.id) AS last FROM workouts w JOIN api_tokens t "
            "ON t.user_id = w.user_id WHERE w.id = :workout_id AND t.token_hash = :token_hash "
            "AND t.revoked_at IS NULL AND (SELECT count(*) FROM sets WHERE workout_id = w.id) "
            f"<= {MAX_SETS_PER_WORKOUT - n}), s AS (INSERT INTO sets ({SET_INSERT_COLUMNS}) "
            f"SELECT k.id, k.user_id, k.date, k.last + v.i, {', '.join('v.' + c for c in names)} "
            f"FROM k, (VALUES {rows}) AS v(i, {', '.join(names)}) RETURNING position) "
            "INSERT INTO entries (user_id, kind, workout_id, data, created_at) "
            "SELECT k.user_id, 'sets', k.id, CAST('{\"positions\": [' || "
            "string_agg(CAST(s.position AS text), ', ' ORDER BY s.position) || ']}' AS json), "
            ":created_at FROM s, k GROUP BY k.user_id, k.id RETURNING data")
    return sql


def _insert_sql(n: int, sqlite: bool) -> str:
    """INSERT of n sets. SQLite: at the positions given. PostgreSQL: each at the next free
    position, read in the statement itself (whose subqueries see the workout as it was when
    the statement began, after the lock), returned."""
    sql = _INSERTS.get((n, sqlite))
    if sql is None:
        rows = []
        for i in range(n):
            values = []
            for c in SET_INSERT_COLUMNS.split(", "):
                if c in ("workout_id", "user_id", "date"):
                    values.append(f":{c}")
                elif c == "position" and not sqlite:
                    values.append(f"(SELECT COALESCE(MAX(position), -1) + {i + 1} FROM sets "
                                  "WHERE workout_id = :workout_id)")
                else:
                    values.append(f":{c}_{i}")
            rows.append(f"({', '.join(values)})")
        sql = _INSERTS[(n, sqlite)] = (
            f"INSERT INTO sets ({SET_INSERT_COLUMNS}) VALUES {', '.join(rows)}"
            + ("" if sqlite else " RETURNING position"))
    return sql


@dataclass(frozen=True, slots=True)
class SetsTarget:
    """What logging into a workout by token needs to know first."""

    token_id: int
    last_used_at: dt.datetime | None
    user: User
    workout_date: dt.date | None
    """None: the user has no such workout."""


_NAMED = re.compile(r"(?<!:):([a-z_][a-z0-9_]*)")
_PG_SQL: dict[str, str] = {}


class _Driver:
    """A driver connection from the engine's pool, with this dialect's parameters."""

    def __init__(self, engine: Engine) -> None:
        self.sqlite = engine.dialect.name == "sqlite"
        self.pooled = engine.raw_connection()
        self.conn: Any = self.pooled.driver_connection

    def rows(self, sql: str, params: dict[str, Any]) -> builtins.list[Any]:
        if self.sqlite:
            return self.conn.execute(sql, params).fetchall()  # type: ignore[no-any-return]
        return self.conn.execute(self.pg(sql), params).fetchall()  # type: ignore[no-any-return]

    @staticmethod
    def pg(sql: str) -> str:
        """The text with psycopg's %(name)s parameters (made once per text)."""
        pg = _PG_SQL.get(sql)
        if pg is None:
            pg = _PG_SQL[sql] = _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))
        return pg

    def run(self, sql: str, params: dict[str, Any]) -> None:
        if self.sqlite:
            self.conn.execute(sql, params)
        else:
            self.conn.execute(self.pg(sql), params)

    def value(self, v: Any) -> Any:
        """A date, datetime or bool as this database stores it."""
        if not self.sqlite:
            return v
        if isinstance(v, dt.datetime):
            return sqlite_datetime(v)
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, bool):
            return int(v)
        if isinstance(v, Decimal):
            return float(v)
        return v

    def close(self) -> None:
        self.pooled.close()  # back to the pool (which rolls back what is left open)


def _translate(error: BaseException) -> BaseException:
    if isinstance(error, StoreError):
        return error
    text = str(error).strip()
    first = text.splitlines()[0] if text else type(error).__name__
    if isinstance(error, sqlite3.Error):
        from redwood.store.lite import translate

        return translate(error)
    state = getattr(error, "sqlstate", None)
    if state in ("40001", "40P01", "55P03"):
        return StoreBusy(first)
    if isinstance(state, str) and state.startswith("23"):
        return InvalidEntry(f"the database refused the entry: {first}")
    if isinstance(state, str) and state.startswith("22"):
        return InvalidEntry(f"a value cannot be stored: {first}")
    if state is not None or type(error).__module__.startswith("psycopg"):
        return StoreError(f"database error: {first}")
    return error


def _target(r: Sequence[Any]) -> SetsTarget:
    """A row of _TARGET."""
    created = read_datetime(r[5])
    assert created is not None
    return SetsTarget(int(r[0]), read_datetime(r[1]), User(
        id=int(r[2]), name=r[3], unit=Unit(r[4]), created_at=created),
        None if r[6] is None else read_date(r[6]))


_TOKEN = ("SELECT t.id, t.last_used_at, u.id, u.name, u.unit, u.created_at, NULL "
          "FROM api_tokens t JOIN users u ON u.id = t.user_id "
          "WHERE t.token_hash = :token_hash AND t.revoked_at IS NULL")
"""_TARGET without the workout: the owner of a live token."""


@contextlib.contextmanager
def _statements(engine: Engine) -> Iterator[_Driver]:
    """A pooled driver connection whose statements each run on their own (PostgreSQL: in
    autocommit, no BEGIN and ROLLBACK round trips), given back to the pool as it came; the
    driver's errors leave as the store's (StoreBusy, StoreError...)."""
    try:
        db = _Driver(engine)
    except Exception as exc:
        raise _translate(exc) from exc
    try:
        if not db.sqlite:
            db.conn.autocommit = True
        yield db
    except Exception as exc:
        error = _translate(exc)
        if error is exc:
            raise
        raise error from exc
    finally:
        try:
            if not db.sqlite and not db.conn.closed:
                db.conn.autocommit = False  # as the pool hands it out
        finally:
            db.close()


def token_target(engine: Engine, token_hash: str) -> SetsTarget | None:
    """The owner of a live token (`workout_date` None), read fresh (a revoked token fails
    at once); None for an unknown or revoked token. Every API request signed in by token
    starts here: one statement on a pooled driver connection, without SQLAlchemy's
    statement execution."""
    with _statements(engine) as db:
        found = db.rows(_TOKEN, {"token_hash": token_hash})
    return _target(found[0]) if found else None


def open_sets(engine: Engine, token_hash: str, workout_id: int,
              exercise_ids: Iterable[str]) -> tuple[SetsTarget, RecordBasis] | None:
    """The owner of a live token and their workout (`workout_date` None if they have no
    such workout), with what the records of new sets of `exercise_ids` are judged against;
    None for an unknown or revoked token. Each statement on its own (autocommit): nothing is
    held between them."""
    with _statements(engine) as db:
        found = db.rows(_TARGET, {"token_hash": token_hash, "workout_id": workout_id})
        if not found:
            return None
        target = _target(found[0])
        ids = sorted(set(exercise_ids))
        if target.workout_date is None or not ids:
            return target, RecordBasis()
        params = {"user_id": target.user.id, "workout_id": workout_id,
                  "until": db.value(target.workout_date - dt.timedelta(days=1))}
        return target, _basis(*_record_rows(db, params, ids))


def _record_rows(db: _Driver, params: dict[str, Any], ids: Sequence[str]
                 ) -> tuple[builtins.list[Any], builtins.list[Any] | None]:
    """The rows of _SHAPES and, only when there is a past set to beat, _VOLUMES."""
    return record_rows(db.rows, params, ids)


def log_sets(engine: Engine, token_hash: str, workout_id: int, sets: Sequence[LoggedSet]
             ) -> tuple[SetsTarget, RecordBasis, tuple[int, ...]] | None:
    """open_sets then, if the workout is the token's user's, append_sets: the target, what
    the sets' records are judged against (the log before they were written) and their
    positions (none when `workout_date` is None: nothing written). None for an unknown or
    revoked token (nothing written). NotFound if the workout went meanwhile.

    PostgreSQL: all in one transaction sent in one round trip (pipeline mode: the token, the
    workout and the records' reads, the workout locked, the sets with their journal row, the
    Sync that commits them), the write gated in SQL on the token and the workout. The
    workout's lock is held from the lock to the commit, only while the server runs those
    statements: never across a round trip to this process, nor over the reads (which, as
    open_sets', may miss a set written to the same workout at the same instant: measured,
    reading under the lock made the tail longer). SQLite: open_sets, then append_sets' group
    commit (a read there costs no round trip)."""
    sets = tuple(sets)
    if engine.dialect.name == "sqlite" or not sets:
        opened = open_sets(engine, token_hash, workout_id, {s.exercise_id for s in sets})
        if opened is None:
            return None
        target, basis = opened
        if target.workout_date is None:
            return target, basis, ()
        return target, basis, append_sets(engine, target.user.id, workout_id, sets)
    validation.check_sets(sets)
    with _statements(engine) as db:
        return _pg_log(db, token_hash, workout_id, sets)


def _pg_log(db: _Driver, token_hash: str, workout_id: int, sets: tuple[LoggedSet, ...]
            ) -> tuple[SetsTarget, RecordBasis, tuple[int, ...]] | None:
    """log_sets on PostgreSQL, on a connection in autocommit: three statements and one Sync,
    which ends the pipeline's implicit transaction (committed if every statement ran, else
    rolled back by the server: all or nothing, as BEGIN ... COMMIT)."""
    ids = sorted({s.exercise_id for s in sets})
    params: dict[str, Any] = {"token_hash": token_hash, "workout_id": workout_id,
                              "created_at": utcnow(), **_set_params(db, sets)}
    conn = db.conn
    with conn.pipeline():
        reads = conn.execute(db.pg(shapes_sql(_PG_READS, params, ids)), params)
        conn.execute(db.pg(_PG_LOCK), params)
        journal = conn.execute(db.pg(_pg_logged_sql(len(sets))), params)
    found = reads.fetchall()
    written = journal.fetchall()
    if not found:
        return None  # the write found no live token either
    target = _target(found[0])
    if target.workout_date is None:
        return target, RecordBasis(), ()
    if not written:  # the workout is full, or went, or the token was revoked, since the reads
        held = db.rows(_COUNT_SETS, {"workout_id": workout_id})
        validation.check_room(int(held[0][0]) if held else 0, len(sets))
        raise NotFound(f"no workout {workout_id}")
    shapes = [row[8:] for row in found if row[7] == 0]
    volumes = [(row[8], row[13], row[14]) for row in found if row[7] == 1]
    return (target, _basis(shapes, volumes),
            tuple(int(p) for p in written[0][0]["positions"]))


def append_sets(engine: Engine, user_id: int, workout_id: int, sets: Sequence[LoggedSet]
                ) -> tuple[int, ...]:
    """Append `sets` (checked by validation.check_sets numbered from 1: a refused set's
    number may differ from WorkoutRepository.add_sets') to the user's workout, journaled for
    undo, in one transaction; their positions. NotFound if the user has no such workout (any
    more).

    SQLite: appends that arrive together are written together (`_GroupWriter`): one
    transaction, one writers' turn and one COMMIT for all that are waiting, each still all or
    nothing. PostgreSQL writes each on its own connection, in parallel (a group's statements,
    one round trip each, would run one after the other: measured slower)."""
    if not sets:
        return ()
    validation.check_sets(tuple(sets))
    job = _Append(user_id, workout_id, tuple(sets))
    if engine.dialect.name == "sqlite":
        group = engine.__dict__.get("_redwood_appends")
        if group is None:
            group = engine.__dict__.setdefault("_redwood_appends", _GroupWriter(engine))
        group.write(job)
    else:
        _write(engine, [job])
    if job.error is not None:
        raise job.error
    return job.positions


GROUP_MAX = 64
"""The most appends one transaction writes."""


class _Append:
    """One request's sets, and what became of them."""

    __slots__ = ("done", "error", "positions", "sets", "user_id", "wake", "workout_id")

    def __init__(self, user_id: int, workout_id: int, sets: tuple[LoggedSet, ...]) -> None:
        self.user_id = user_id
        self.workout_id = workout_id
        self.sets = sets
        self.positions: tuple[int, ...] = ()
        self.error: BaseException | None = None
        self.done = False
        self.wake = threading.Event()


class _GroupWriter:
    """Group commit for one database in this process. The thread whose append finds no
    write under way leads: it takes every append waiting (its own first), writes them in one
    transaction, wakes their threads, and hands the lead to the oldest append that arrived
    meanwhile. The others wait asleep. Under load a transaction carries as many appends as
    arrived during the one before, so the per-transaction costs (the writers' turn passing
    between processes, BEGIN, COMMIT writing the WAL, the threads' waits for the GIL between
    statements inside the turn) are shared; alone, an append is written at once.

    A transaction that fails as a whole (a database error in one append) is rolled back and
    each of its appends written again on its own, so only the one at fault fails."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._reset()

    def _reset(self) -> None:
        self._pid = os.getpid()
        self._mutex = threading.Lock()
        self._queue: deque[_Append] = deque()
        self._busy = False

    def write(self, job: _Append) -> None:
        if self._pid != os.getpid():  # a forked child: none of the parent's threads is here
            self._reset()
        with self._mutex:
            self._queue.append(job)
            lead = not self._busy
            self._busy = True
        if not lead:
            job.wake.wait()  # written, or handed the lead
            if job.done:
                return
        with self._mutex:
            batch = [self._queue.popleft() for _ in range(min(GROUP_MAX, len(self._queue)))]
        try:
            _write(self._engine, batch)
        finally:
            for j in batch:
                if j.error is None and not j.positions:
                    j.error = StoreError("database error: the write did not finish")
                j.done = True
                j.wake.set()
            with self._mutex:
                if self._queue:
                    self._queue[0].wake.set()  # the next group's lead
                else:
                    self._busy = False


def _write(engine: Engine, batch: list[_Append]) -> None:
    """Write the appends (as many as one group holds) in the writers' turn."""
    from redwood.store.uow import WRITER_WAIT_S, _writers

    turn = _writers(engine)
    if turn is not None and not turn.acquire(timeout=WRITER_WAIT_S):
        for j in batch:
            j.error = StoreBusy("the database is busy with other writes: try again")
        return
    try:
        db = _Driver(engine)
        try:
            if not _transaction(db, batch):
                for j in batch:
                    _transaction(db, [j])
        finally:
            db.close()
    except Exception as exc:
        for j in batch:
            j.error = j.error or _translate(exc)
    finally:
        if turn is not None:
            turn.release()


def _transaction(db: _Driver, jobs: list[_Append]) -> bool:
    """Write the appends in one transaction; False if it failed as a whole (rolled back) and
    has more than one append, whose errors are then not set."""
    results: list[tuple[_Append, tuple[int, ...] | BaseException]] = []
    try:
        if db.sqlite:
            db.conn.execute("BEGIN IMMEDIATE")
            for j in jobs:
                try:
                    results.append((j, _append(db, j)))
                except (NotFound, InvalidEntry) as exc:  # nothing written: the others go on
                    results.append((j, exc))
            db.conn.execute("COMMIT")
        else:
            results = _pg_appends(db, jobs)
    except Exception as exc:
        try:
            if not db.sqlite:
                db.conn.rollback()
            elif db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
        except Exception:  # the first error is the one to report
            pass
        if len(jobs) > 1:
            return False
        jobs[0].error = _translate(exc)
        return True
    for j, result in results:
        if isinstance(result, BaseException):
            j.error = result
        else:
            j.positions = result
    return True


def _params(db: _Driver, job: _Append, date: Any, first: int) -> dict[str, Any]:
    params: dict[str, Any] = {"workout_id": job.workout_id, "user_id": job.user_id,
                              "date": db.value(read_date(date)),
                              "created_at": db.value(utcnow())}
    params.update(_set_params(db, job.sets))
    for i in range(len(job.sets)):
        params[f"position_{i}"] = first + i
    return params


def _set_params(db: _Driver, sets: Sequence[LoggedSet]) -> dict[str, Any]:
    """The sets' columns from exercise_id on, as :name_i parameters (i from 0)."""
    params: dict[str, Any] = {}
    for i, s in enumerate(sets):
        params.update({
            f"exercise_id_{i}": s.exercise_id,
            f"kind_{i}": SetKind(s.kind).value, f"weight_g_{i}": to_grams(s.weight_kg),
            f"reps_{i}": s.reps, f"seconds_{i}": s.seconds,
            f"distance_m_{i}": db.value(s.distance_m), f"rpe_{i}": db.value(s.rpe),
            f"rir_{i}": s.rir, f"rest_s_{i}": s.rest_s,
            f"superset_group_{i}": s.superset_group,
            f"completed_{i}": db.value(bool(s.completed)), f"form_note_{i}": s.form_note})
    return params


def _append(db: _Driver, job: _Append) -> tuple[int, ...]:
    """SQLite: one append in the open write transaction; NotFound (nothing written) if the
    user has no such workout."""
    key = {"workout_id": job.workout_id, "user_id": job.user_id}
    found = db.rows(_SQLITE_WORKOUT, key)
    if not found:
        raise NotFound(f"no workout {job.workout_id}")
    validation.check_room(int(found[0][2]), len(job.sets))
    first = 0 if found[0][1] is None else int(found[0][1]) + 1
    params = _params(db, job, found[0][0], first)
    db.run(_insert_sql(len(job.sets), True), params)
    positions = tuple(range(first, first + len(job.sets)))
    db.run(JOURNAL_ENTRY, {**key, "kind": "sets",
                           "data": json_dumps({"positions": list(positions)}),
                           "created_at": params["created_at"]})
    return positions


def _pg_appends(db: _Driver, jobs: list[_Append]
                ) -> list[tuple[_Append, tuple[int, ...] | BaseException]]:
    """PostgreSQL: the appends in one transaction, committed, in pipeline mode: BEGIN goes
    with the first lock and COMMIT with the last INSERT, so one append costs two round trips
    (the workout locked, then the sets and their journal row in one statement)."""
    results: list[tuple[_Append, tuple[int, ...] | BaseException]] = []
    pending = []
    with db.conn.pipeline():
        for j in jobs:
            key = {"workout_id": j.workout_id, "user_id": j.user_id}
            locked = db.conn.execute(db.pg(_PG_WORKOUT), key)
            counted = db.conn.execute(db.pg(_COUNT_SETS), key)  # after the lock: see above
            found = locked.fetchall()
            if not found:
                results.append((j, NotFound(f"no workout {j.workout_id}")))
                continue
            try:
                validation.check_room(int(counted.fetchone()[0]), len(j.sets))
            except InvalidEntry as exc:
                results.append((j, exc))
                continue
            sql = _PG_JOURNALED.format(insert=_insert_sql(len(j.sets), False))
            pending.append((j, db.conn.execute(db.pg(sql), _params(db, j, found[0][0], 0))))
        db.conn.commit()
    for j, cursor in pending:
        row = cursor.fetchone()
        results.append((j, tuple(int(p) for p in row[0]["positions"])))
    return results
