"""The SQLite fast path: the log's common reads and `log` over the stdlib sqlite3 driver.

`redwood today` between two sets should not wait for SQLAlchemy, its ORM and Alembic to load
(most of the command's time on a small log). `open_lite` opens an SQLite file that is already
at this Redwood's schema (one query) and returns a `LiteStore`: the same `reader` /
`unit_of_work` / `default_user` / `user` handle as `redwood.store.Store`, whose units of work
hold the repository methods that `today`, `history`, `prs`, `review`, `recovery` and `log`
call, written as plain SQL and returning the same domain objects as the ORM repositories
(tests/integration/test_store_lite.py runs both on the same log and compares). A database
that is new or behind gets None (the caller opens the SQLAlchemy store, which migrates); one
that a newer Redwood made gets SchemaTooNew before anything is written.

Writes keep the store's rules: BEGIN IMMEDIATE after this process's turn on the writer lock
file beside the database (the one `uow.WriterTurn` takes, so a CLI `log` and a running
server's workers queue alike), one transaction per unit of work, and the undo journal row
that the ORM's `add`/`add_sets` write, so `redwood undo` takes a fast-path `log` back.
Connection settings match `engine.py`: busy timeout, foreign keys, synchronous NORMAL, WAL.
"""

from __future__ import annotations

import builtins
import datetime as dt
import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from types import TracebackType

from redwood.domain.log import CheckIn, LoggedSet, PlannedRef, SetKind, Unit, Workout
from redwood.domain.user import User
from redwood.domain.vocabulary import Location, Region
from redwood.store import validation
from redwood.store.errors import InvalidEntry, NotFound, StoreBusy, StoreError
from redwood.store.location import sqlite_file, sqlite_path
from redwood.store.record_reads import RecordBasis, record_basis
from redwood.store.schema import DEFAULT_USER, is_current
from redwood.store.values import (
    CENT,
    COUNTED_SETS,
    GRAMS_PER_KG,
    JOURNAL_ENTRY,
    SET_COLUMNS,
    SET_INSERT_COLUMNS,
    TENTH,
    CustomExercise,
    SetMemo,
    bind,
    bind_null_directly,
    from_grams,
    json_dumps,
    json_loads,
    lift_sessions,
    read_date,
    read_datetime,
    read_decimal,
    sqlite_datetime,
    to_grams,
    utcnow,
)

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Self

bind_null_directly()  # Python 3.11: NULLs bound without an adapter lookup each

BUSY_TIMEOUT_MS = 5000
"""As engine.BUSY_TIMEOUT_MS (that module loads SQLAlchemy)."""
WRITER_WAIT_S = 5.0
"""As uow.WRITER_WAIT_S: how long a writer waits for its turn before StoreBusy."""

_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def peek_revision(path: Path) -> str | None:
    """The schema revision of the SQLite file at `path` (None: no file, not a database yet, or
    not readable: the SQLAlchemy store says why). Reads only: nothing is written."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return None
    try:
        return _revision(conn)
    finally:
        conn.close()


def _revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:  # no table yet, or not a database: the full store handles it
        return None
    return None if row is None else str(row[0])


def open_lite(url: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> LiteStore | None:
    """The fast store for an SQLite file at this Redwood's schema; None for another backend,
    a new file or one that needs migrating. SchemaTooNew, with nothing written, when the
    database is newer than this Redwood."""
    # The file's name as a string: pathlib (some 19 M instructions to load) is for creating.
    path = sqlite_file(url)
    if path is None or not os.path.isfile(path):
        return None
    try:
        # check_same_thread off: an import may hand its batches to a writer thread
        # (store.imports.BatchWriter), which uses the connection only while this thread waits
        # on it; nothing else shares it.
        conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        # The version first: a newer database is refused before any setting is written.
        if not is_current(_revision(conn)):
            conn.close()
            return None
        mode = conn.execute("PRAGMA journal_mode").fetchone()
        if mode is None or str(mode[0]).lower() != "wal":
            conn.close()  # never opened by Redwood's engine: let it switch to WAL
            return None
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA synchronous = {_synchronous()}")
    except BaseException:
        conn.close()
        raise
    return LiteStore(conn, url, path)


def create_lite(url: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> bool:
    """Create the SQLite log at `url` from the head schema (`store.sqlite_head`, the DDL the
    migrations leave, stamped with their head revision) when there is no log there yet: no
    file, or an empty one. True if it was created; False when there is nothing to do (a log
    or another database is there: the SQLAlchemy store migrates or refuses it). Loads no
    SQLAlchemy or Alembic: a first `redwood import` would otherwise spend ~0.9 s of CPU
    running the migrations one by one. Two processes creating the same log queue on the
    write lock; the second finds the schema there and leaves it."""
    name = sqlite_file(url)  # a log there already (every run but the first): no pathlib
    if name is None or (os.path.exists(name) and (not os.path.isfile(name)
                                                  or os.path.getsize(name))):
        return False
    path = sqlite_path(url)
    assert path is not None
    from redwood.store import sqlite_head

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
    except (OSError, sqlite3.Error):
        return False  # the SQLAlchemy store says why
    try:
        set_wal(conn, busy_timeout_ms)
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                return False
            for statement in sqlite_head.STATEMENTS:
                conn.execute(statement)
            conn.execute("INSERT INTO alembic_version (version_num) VALUES (?)",
                         (sqlite_head.REVISION,))
            conn.execute("COMMIT")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        raise translate(exc) from exc
    finally:
        conn.close()
    return True


def set_wal(conn: sqlite3.Connection | sqlite3.Cursor, busy_timeout_ms: int) -> None:
    """Switch to WAL (a setting kept in the file, so this changes it once per database).
    The switch needs the database alone and SQLite does not wait for it with the busy
    timeout: when another process is opening the same new database, retry until it is done.
    (The SQLAlchemy engine's connections too: engine._sqlite_hooks.)"""
    deadline = time.monotonic() + busy_timeout_ms / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _synchronous() -> str:
    value = os.environ.get("REDWOOD_SQLITE_SYNCHRONOUS", "NORMAL").strip().upper()
    return value if value in {"NORMAL", "FULL", "EXTRA"} else "NORMAL"


def translate(error: BaseException) -> BaseException:
    """The StoreError to show for a driver error (as uow.translate does for SQLAlchemy's)."""
    if isinstance(error, StoreError) or not isinstance(error, sqlite3.Error):
        return error
    text = str(error).strip()
    first_line = text.splitlines()[0] if text else type(error).__name__
    code = getattr(error, "sqlite_errorcode", None)
    if (isinstance(code, int) and (code & 0xFF) in _BUSY) or "database is locked" in text:
        return StoreBusy(first_line)
    if isinstance(error, sqlite3.IntegrityError):
        return InvalidEntry(f"the database refused the entry: {first_line}")
    return StoreError(f"database error: {first_line}")


class LiteStore:
    """One SQLite database over one sqlite3 connection (a CLI command's lifetime)."""

    backend = "sqlite"

    def __init__(self, conn: sqlite3.Connection, url: str, path: str | Path) -> None:
        self.conn = conn
        self.url = url
        self.path = path
        self._lock_fd: int | None = None

    def unit_of_work(self, user_id: int | None = None, *, readonly: bool = False,
                     reads_first: bool = False) -> LiteUnitOfWork:
        # `reads_first` (uow.UnitOfWork's) matters to a server's many writers; one command
        # takes the writers' turn at once, so its reads and writes are one transaction.
        return LiteUnitOfWork(self, user_id, readonly)

    def refresh_statistics(self) -> None:
        """Store.refresh_statistics: nothing to do on SQLite."""

    def reader(self, user_id: int | None = None) -> LiteUnitOfWork:
        return LiteUnitOfWork(self, user_id, readonly=True)

    def quick_reader(self, user_id: int) -> LiteUnitOfWork:
        """Store.quick_reader: here every reader is one."""
        return self.reader(user_id)

    def default_user(self) -> User:
        """The first user of the database, created (as 'me', in kg) if there is none."""
        with self.reader() as uow:
            user = uow.users.first()
        if user is not None:
            return user
        with self.unit_of_work() as uow:
            user = uow.users.first() or uow.users.add(DEFAULT_USER)
            uow.commit()
            return user

    def user(self, name: str | None = None) -> User:
        if name is None:
            return self.default_user()
        with self.reader() as uow:
            user = uow.users.by_name(name)
        if user is None:
            raise StoreError(f"no user named {name!r}")
        return user

    def close(self) -> None:
        self.conn.close()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"LiteStore({self.url!r})"

    # The writer turn across processes: the advisory lock file that uow.WriterTurn takes.
    def take_turn(self, timeout: float) -> bool:
        if self._lock_fd is None:
            try:
                self._lock_fd = os.open(f"{self.path}-writer.lock", os.O_RDWR | os.O_CREAT,
                                        0o600)
            except OSError:  # a read-only folder: SQLite's own lock keeps writes apart
                return True
        deadline = time.monotonic() + timeout
        pause = 0.0002
        while True:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                pass
            if time.monotonic() >= deadline:
                return False
            time.sleep(pause)
            pause = min(pause * 2, 0.002)

    def give_turn(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)


class LiteUnitOfWork:
    """One transaction on the store's connection with the user's repositories, as
    uow.UnitOfWork: commit() keeps it, leaving the block without it rolls back."""

    def __init__(self, store: LiteStore, user_id: int | None, readonly: bool) -> None:
        self._store = store
        self.user_id = user_id
        self.readonly = readonly
        self._open = False
        self._turn = False

    def __enter__(self) -> Self:
        if not self.readonly:
            if not self._store.take_turn(WRITER_WAIT_S):
                raise StoreBusy("the database is busy with other writes: try again")
            self._turn = True
        try:
            self._store.conn.execute("BEGIN" if self.readonly else "BEGIN IMMEDIATE")
        except BaseException as exc:
            self._release()
            raise translate(exc) from exc
        self._open = True
        return self

    def _release(self) -> None:
        if self._turn:
            self._store.give_turn()
            self._turn = False

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if self._store.conn.in_transaction:
                self._store.conn.execute("ROLLBACK")
        except sqlite3.Error as close_error:
            if exc is None:
                raise translate(close_error) from close_error
        finally:
            self._open = False
            self._release()
        if exc is not None:
            error = translate(exc)
            if error is not exc:
                raise error from exc

    def write(self) -> None:
        """The reads are done, the writes begin (uow.UnitOfWork.write): already one
        transaction here."""

    def commit(self) -> None:
        if self.readonly:
            raise StoreError("a read-only unit of work cannot commit")
        try:
            self._store.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise translate(exc) from exc

    def rollback(self) -> None:
        self._store.conn.execute("ROLLBACK")

    # --- the port: plain SQL with :name parameters (see store.queries) ---

    def rows(self, sql: str, params: Mapping[str, Any]) -> builtins.list[tuple[Any, ...]]:
        if not self._open:
            raise StoreError("the unit of work is not open: use it in a with block")
        text, bound = bind(sql, params, iso_dates=True)
        return self._store.conn.execute(text, bound).fetchall()

    def execute(self, sql: str, params: Mapping[str, Any]) -> sqlite3.Cursor:
        if not self._open:
            raise StoreError("the unit of work is not open: use it in a with block")
        text, bound = bind(sql, params, iso_dates=True)
        return self._store.conn.execute(text, bound)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Positional (?) parameters, for many rows at once."""
        if not self._open:
            raise StoreError("the unit of work is not open: use it in a with block")
        self._store.conn.executemany(sql, rows)

    def _scope(self) -> int:
        if self.user_id is None:
            raise StoreError("this needs a user: open the unit of work with a user id")
        return self.user_id

    @property
    def users(self) -> LiteUsers:
        return LiteUsers(self)

    @property
    def workouts(self) -> LiteWorkouts:
        return LiteWorkouts(self, self._scope())

    @property
    def plans(self) -> LitePlans:
        return LitePlans(self, self._scope())

    @property
    def profiles(self) -> LiteProfiles:
        return LiteProfiles(self, self._scope())

    @property
    def checkins(self) -> LiteCheckIns:
        return LiteCheckIns(self, self._scope())

    @property
    def equipment(self) -> LiteEquipment:
        return LiteEquipment(self, self._scope())

    @property
    def exercises(self) -> LiteExercises:
        return LiteExercises(self, self._scope())


# --------------------------------------------------------------------------------------------
# The repositories: each method as its namesake in store/repositories, same arguments, same
# answers (the ORM's are the reference; the parity test compares them).


class _Scoped:
    def __init__(self, uow: LiteUnitOfWork, user_id: int) -> None:
        self._uow = uow
        self.user_id = user_id

    def _rows(self, sql: str, **params: Any) -> builtins.list[tuple[Any, ...]]:
        return self._uow.rows(sql, {"user_id": self.user_id, **params})


_USER = "SELECT id, name, unit, created_at FROM users"


def _data(value: Any) -> Any:
    """A JSON column as read: text on SQLite; on PostgreSQL (store.pooled) already parsed by
    the driver, with the engine's json_loads (decimals as Decimal, as here)."""
    return json_loads(value) if isinstance(value, (str, bytes)) else value


def _user(row: Sequence[Any]) -> User:
    created = read_datetime(row[3])
    assert created is not None
    return User(id=int(row[0]), name=row[1], unit=Unit(row[2]), created_at=created)


class LiteUsers:
    def __init__(self, uow: LiteUnitOfWork) -> None:
        self._uow = uow

    def first(self) -> User | None:
        found = self._uow.rows(f"{_USER} ORDER BY id LIMIT 1", {})
        return _user(found[0]) if found else None

    def by_name(self, name: str) -> User | None:
        found = self._uow.rows(f"{_USER} WHERE name = :name", {"name": name.strip()})
        return _user(found[0]) if found else None

    def add(self, name: str, unit: Unit = Unit.KG) -> User:
        name = name.strip()
        if not name or len(name) > validation.MAX_NAME_LENGTH:
            raise InvalidEntry(f"user name: {name!r} must be 1 to "
                               f"{validation.MAX_NAME_LENGTH} characters")
        if self.by_name(name) is not None:
            raise InvalidEntry(f"user name: {name!r} is taken")
        self._uow.execute("INSERT INTO users (name, unit, created_at) VALUES "
                          "(:name, :unit, :created_at)",
                          {"name": name, "unit": Unit(unit).value,
                           "created_at": sqlite_datetime(utcnow())})
        found = self.by_name(name)
        assert found is not None
        return found


class LitePlans(_Scoped):
    def active_text(self) -> tuple[int, str] | None:
        found = self._rows("SELECT id, plan_json FROM plans WHERE user_id = :user_id AND active")
        return None if not found else (int(found[0][0]), found[0][1])

    def active(self) -> tuple[int, dict[str, Any]] | None:
        found = self.active_text()
        return None if found is None else (found[0], json.loads(found[1]))


class LiteProfiles(_Scoped):
    def active(self) -> tuple[int, dict[str, Any]] | None:
        found = self._rows("SELECT id, data FROM profiles WHERE user_id = :user_id AND active")
        return None if not found else (int(found[0][0]), _data(found[0][1]))


def _location(name: str) -> str:
    try:
        return Location(name.strip().lower()).value
    except ValueError:
        raise InvalidEntry(f"equipment profile: {name!r} is not one of "
                           f"{', '.join(x.value for x in Location)}") from None


class LiteEquipment(_Scoped):
    def get(self, name: str) -> dict[str, Any] | None:
        found = self._rows("SELECT data FROM equipment_profiles WHERE user_id = :user_id "
                           "AND name = :name", name=_location(name))
        return None if not found else dict(_data(found[0][0]))


class LiteExercises(_Scoped):
    def list(self) -> builtins.list[CustomExercise]:
        return [CustomExercise(e, n, _data(d)) for e, n, d in self._rows(
            "SELECT exercise_id, name, data FROM user_exercises WHERE user_id = :user_id "
            "ORDER BY exercise_id")]


_CHECKIN = ("SELECT date, body_weight_g, sleep_hours, energy, soreness FROM checkins "
            "WHERE user_id = :user_id")


def _checkin(r: Sequence[Any]) -> CheckIn:
    return CheckIn(date=read_date(r[0]), body_weight_kg=from_grams(r[1]),
                   sleep_hours=read_decimal(r[2], CENT), energy=r[3],
                   soreness={Region(k): int(v)
                             for k, v in ((_data(r[4]) if r[4] else None) or {}).items()})


class LiteCheckIns(_Scoped):
    def list(self, since: dt.date | None = None,
             until: dt.date | None = None) -> builtins.list[CheckIn]:
        """Oldest first, dates inclusive."""
        sql = _CHECKIN + (" AND date >= :since" if since else "") + (
            " AND date <= :until" if until else "")
        return [_checkin(r) for r in self._rows(sql + " ORDER BY date", since=since,
                                                until=until)]

    def latest(self, n: int, until: dt.date | None = None) -> builtins.list[CheckIn]:
        """The `n` most recent check-ins (on or before `until`), oldest first."""
        sql = _CHECKIN + (" AND date <= :until" if until else "")
        rows = self._rows(sql + " ORDER BY date DESC LIMIT :n", until=until, n=max(n, 0))
        return [_checkin(r) for r in reversed(rows)]


_WORKOUT = ("SELECT id, date, started_at, ended_at, plan_id, plan_week, plan_session, location, "
            "notes, energy, title, session_rpe FROM workouts WHERE user_id = :user_id")


def _wall_clock(value: dt.datetime | None) -> dt.datetime | None:
    """Naive wall-clock time; an aware value is converted to local time first."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone().replace(tzinfo=None)


_INSERT_SETS = (f"INSERT INTO sets ({SET_INSERT_COLUMNS}, client_id) VALUES "
                f"({', '.join('?' * (SET_INSERT_COLUMNS.count(',') + 2))})")


class LiteWorkouts(_Scoped):
    """Workouts with their sets: what the fast commands read, and logging."""

    def _sets_of(self, rows: Sequence[Sequence[Any]]) -> builtins.list[Workout]:
        by_id: dict[int, builtins.list[LoggedSet]] = {int(r[0]): [] for r in rows}
        ids = builtins.list(by_id)
        made = SetMemo()
        for start in range(0, len(ids), 500):
            # user_id + 0: the workouts' ids pick the index (see repositories.base.sets_of).
            for r in self._rows(f"SELECT {SET_COLUMNS}, workout_id FROM sets "
                                "WHERE user_id + 0 = :user_id AND workout_id IN (:ids) "
                                "ORDER BY workout_id, position", ids=ids[start:start + 500]):
                by_id[r[12]].append(made(r))
        out: builtins.list[Workout] = []
        for w in rows:
            planned = None if w[4] is None or w[5] is None or w[6] is None else PlannedRef(
                int(w[4]), int(w[5]), int(w[6]))
            out.append(Workout(date=read_date(w[1]), sets=tuple(by_id[int(w[0])]), id=int(w[0]),
                               started_at=read_datetime(w[2]), ended_at=read_datetime(w[3]),
                               planned=planned, location=w[7], notes=w[8], energy=w[9],
                               title=w[10], session_rpe=w[11]))
        return out

    def list(self, since: dt.date | None = None, until: dt.date | None = None,
             exercise_id: str | None = None, limit: int | None = None
             ) -> builtins.list[Workout]:
        """Whole workouts, newest first (date, then order of logging), dates inclusive."""
        sql = _WORKOUT + (" AND date >= :since" if since is not None else "") + (
            " AND date <= :until" if until is not None else "")
        if exercise_id is not None:
            sql += (" AND id IN (SELECT workout_id FROM sets WHERE user_id = :user_id "
                    "AND exercise_id = :exercise_id)")
        sql += " ORDER BY date DESC, id DESC" + (" LIMIT :limit" if limit is not None else "")
        return self._sets_of(self._rows(sql, since=since, until=until,
                                         exercise_id=exercise_id, limit=limit))

    def get(self, workout_id: int) -> Workout | None:
        found = self._sets_of(self._rows(_WORKOUT + " AND id = :id", id=workout_id))
        return found[0] if found else None

    def date_of(self, workout_id: int) -> dt.date | None:
        found = self._rows("SELECT date FROM workouts WHERE id = :id AND user_id = :user_id",
                           id=workout_id)
        return read_date(found[0][0]) if found else None

    def planned_done(self, plan_id: int, since: dt.date,
                     but_on: dt.date | None = None) -> set[tuple[int, int]]:
        sql = ("SELECT plan_week, plan_session FROM workouts WHERE user_id = :user_id "
               "AND plan_id = :plan_id AND date >= :since AND plan_week IS NOT NULL "
               "AND plan_session IS NOT NULL") + (" AND date != :but_on" if but_on else "")
        return {(int(w), int(s)) for w, s in self._rows(sql, plan_id=plan_id, since=since,
                                                        but_on=but_on)}

    def energies(self, since: dt.date, until: dt.date) -> builtins.list[tuple[dt.date, int]]:
        rows = self._rows("SELECT date, energy FROM workouts WHERE user_id = :user_id "
                          "AND date >= :since AND date <= :until AND energy IS NOT NULL "
                          "ORDER BY date DESC, id DESC", since=since, until=until)
        return [(read_date(d), int(e)) for d, e in rows]

    def history(self, exercise_ids: Iterable[str], until: dt.date | None = None,
                since: dt.date | None = None
                ) -> dict[str, builtins.list[tuple[dt.date, tuple[LoggedSet, ...]]]]:
        """Each exercise's sessions, oldest first, between the dates (inclusive; see
        WorkoutRepository.history)."""
        wanted = builtins.list(dict.fromkeys(exercise_ids))
        out: dict[str, builtins.list[tuple[dt.date, tuple[LoggedSet, ...]]]] = {
            e: [] for e in wanted}
        if not wanted:
            return out
        sql = (f"SELECT {SET_COLUMNS}, workout_id, date FROM sets WHERE user_id = :user_id "
               "AND exercise_id IN (:ids)" + (" AND date <= :until" if until else "") +
               (" AND date >= :since" if since else "") +
               " ORDER BY exercise_id, date, workout_id, position")
        lift_sessions(self._rows(sql, ids=wanted, until=until, since=since), out)
        return out

    @staticmethod
    def _counting_where(exercise_ids: Iterable[str] | None, since: dt.date | None,
                        until: dt.date | None, workout_id: int | None
                        ) -> tuple[str, dict[str, Any]]:
        where = COUNTED_SETS
        params: dict[str, Any] = {}
        if exercise_ids is not None:
            where += " AND exercise_id IN (:ids)"
            params["ids"] = builtins.list(exercise_ids)
        if since is not None:
            where += " AND date >= :since"
            params["since"] = since
        if until is not None:
            where += " AND date <= :until"
            params["until"] = until
        if workout_id is not None:
            where += " AND workout_id = :workout_id"
            params["workout_id"] = workout_id
        return where, params

    def set_shapes(self, exercise_ids: Iterable[str] | None, *, until: dt.date | None = None,
                   workout_id: int | None = None,
                   since: dt.date | None = None) -> builtins.list[LoggedSet]:
        where, params = self._counting_where(exercise_ids, since, until, workout_id)
        rows = self._rows("SELECT DISTINCT exercise_id, weight_g, reps, rpe, rir, completed "
                          f"FROM sets WHERE {where} ORDER BY exercise_id, weight_g, reps, "
                          "rpe, rir, completed", **params)
        return [LoggedSet(exercise_id=r[0], weight_kg=from_grams(r[1]), reps=r[2],
                          rpe=read_decimal(r[3], TENTH), rir=r[4], completed=bool(r[5]))
                for r in rows]

    def best_volumes(self, exercise_ids: Iterable[str], *, until: dt.date | None = None,
                     workout_id: int | None = None) -> dict[str, Decimal]:
        where, params = self._counting_where(exercise_ids, None, until, workout_id)
        rows = self._rows("SELECT e, MAX(g) FROM (SELECT exercise_id AS e, "
                          "SUM(weight_g * reps) AS g FROM sets WHERE "
                          f"{where} AND weight_g IS NOT NULL GROUP BY exercise_id, workout_id) "
                          "AS v GROUP BY e", **params)
        return {e: (Decimal(int(g)) / GRAMS_PER_KG).quantize(CENT) for e, g in rows if g}

    def record_basis(self, exercise_ids: Iterable[str], *, until: dt.date,
                     workout_id: int | None = None) -> RecordBasis:
        """As WorkoutRepository.record_basis: the same SQL (store.record_reads)."""
        return record_basis(lambda sql, params: self._uow.rows(sql, params), self.user_id,
                            exercise_ids, until=until, workout_id=workout_id)

    def record_shapes(self, exercise_id: str | None = None
                      ) -> builtins.list[tuple[dt.date, LoggedSet]]:
        where = "user_id = :user_id AND reps >= 1 AND kind != 'warmup'" + (
            " AND exercise_id = :exercise_id" if exercise_id is not None else "")
        cols = "exercise_id, weight_g, reps, rpe, rir, completed"
        rows = self._rows(f"SELECT {cols}, MIN(date) FROM sets WHERE {where} GROUP BY {cols} "
                          "ORDER BY MIN(date), MIN(workout_id), MIN(position)",
                          exercise_id=exercise_id)
        return [(read_date(r[6]), LoggedSet(exercise_id=r[0], weight_kg=from_grams(r[1]),
                                            reps=r[2], rpe=read_decimal(r[3], TENTH), rir=r[4],
                                            completed=bool(r[5])))
                for r in rows]

    def best_volume_days(self, exercise_ids: str | Sequence[str] | None = None
                         ) -> dict[str, tuple[Decimal, dt.date]]:
        """Of one exercise, or a few when given (as WorkoutRepository.best_volume_days)."""
        if isinstance(exercise_ids, str):
            exercise_ids = [exercise_ids]
        where = ("user_id = :user_id AND reps >= 1 AND kind != 'warmup' AND weight_g IS NOT "
                 "NULL") + (" AND exercise_id IN (:ids)" if exercise_ids is not None else "")
        rows = self._rows(
            "WITH per AS (SELECT exercise_id AS e, MIN(date) AS d, SUM(weight_g * reps) AS g "
            f"FROM sets WHERE {where} GROUP BY exercise_id, workout_id), "
            "best AS (SELECT e, MAX(g) AS g FROM per GROUP BY e) "
            "SELECT per.e, per.g, MIN(per.d) FROM per JOIN best ON best.e = per.e "
            "AND best.g = per.g GROUP BY per.e, per.g",
            ids=None if exercise_ids is None else builtins.list(exercise_ids))
        return {str(e): ((Decimal(int(g)) / GRAMS_PER_KG).quantize(CENT), read_date(d))
                for e, g, d in rows if g}

    # --- logging: as WorkoutRepository.add and add_sets, journaled for undo ---

    def _journal(self, kind: str, workout_id: int, data: dict[str, Any]) -> None:
        self._uow.execute(JOURNAL_ENTRY, {"user_id": self.user_id, "kind": kind,
                                          "workout_id": workout_id, "data": json_dumps(data),
                                          "created_at": sqlite_datetime(utcnow())})

    def _insert_sets(self, workout_id: int, date: dt.date, sets: Sequence[LoggedSet],
                     first: int, client_ids: Sequence[str | None] | None) -> None:
        if client_ids is not None and len(client_ids) != len(sets):
            raise InvalidEntry("client_id: one per set")
        rows = [(workout_id, self.user_id, date.isoformat(), first + i, s.exercise_id,
                 SetKind(s.kind).value, to_grams(s.weight_kg), s.reps, s.seconds,
                 None if s.distance_m is None else float(s.distance_m),
                 None if s.rpe is None else float(s.rpe), s.rir, s.rest_s, s.superset_group,
                 int(bool(s.completed)), s.form_note,
                 None if client_ids is None else client_ids[i])
                for i, s in enumerate(sets)]
        self._uow.executemany(_INSERT_SETS, rows)

    def add(self, workout: Workout, *, source: str | None = None,
            import_key: str | None = None,
            client_ids: Sequence[str | None] | None = None) -> int:
        """Store a whole workout (its `id` is ignored) and journal it for undo. `source` and
        `import_key` mark an imported workout (the key is unique per user)."""
        validation.check_workout(workout)
        planned = workout.planned
        if planned is not None and not self._rows(
                "SELECT id FROM plans WHERE id = :plan_id AND user_id = :user_id",
                plan_id=planned.plan_id):
            raise NotFound(f"no plan {planned.plan_id}")
        cursor = self._uow.execute(
            "INSERT INTO workouts (user_id, date, started_at, ended_at, plan_id, plan_week, "
            "plan_session, location, notes, energy, created_at, title, session_rpe, source, "
            "import_key) VALUES "
            "(:user_id, :date, :started_at, :ended_at, :plan_id, :plan_week, :plan_session, "
            ":location, :notes, :energy, :created_at, :title, :session_rpe, :source, "
            ":import_key)",
            {"user_id": self.user_id, "date": workout.date,
             "started_at": sqlite_datetime(_wall_clock(workout.started_at)),
             "ended_at": sqlite_datetime(_wall_clock(workout.ended_at)),
             "plan_id": planned.plan_id if planned else None,
             "plan_week": planned.week if planned else None,
             "plan_session": planned.session if planned else None,
             "location": workout.location, "notes": workout.notes, "energy": workout.energy,
             "created_at": sqlite_datetime(utcnow()), "title": workout.title,
             "session_rpe": workout.session_rpe, "source": source, "import_key": import_key})
        workout_id = cursor.lastrowid
        assert workout_id is not None
        self._insert_sets(workout_id, workout.date, workout.sets, 0, client_ids)
        self._journal("workout", workout_id, {"sets": len(workout.sets)})
        return workout_id

    def add_sets(self, workout_id: int, sets: Sequence[LoggedSet],
                 client_ids: Sequence[str | None] | None = None) -> tuple[int, ...]:
        """Append sets to one of the user's workouts; journaled for undo. Their positions."""
        date = self.date_of(workout_id)
        if date is None:
            raise NotFound(f"no workout {workout_id}")
        if not sets:
            return ()
        last, held = self._rows("SELECT MAX(position), count(*) FROM sets WHERE "
                                "workout_id = :workout_id", workout_id=workout_id)[0]
        validation.check_room(int(held), len(sets))
        first = 0 if last is None else int(last) + 1
        validation.check_sets(tuple(sets), first + 1)
        self._insert_sets(workout_id, date, sets, first, client_ids)
        positions = tuple(range(first, first + len(sets)))
        self._journal("sets", workout_id, {"positions": builtins.list(positions)})
        return positions
