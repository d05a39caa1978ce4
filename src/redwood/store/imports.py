"""Bulk writes for imports: whole histories in one transaction, without per-row ORM work.

An import stores tens of thousands of sets at once. Going through WorkoutRepository.add (one
flush and one journal row per workout, a LoggedSet object per set) costs more than parsing
the file; here the writes go straight to the driver, in the unit of work's own transaction
(commit or nothing). The caller has already checked every value against the same limits as
`validation` (the schema's CHECK constraints refuse anything that slipped).

SQLite: everything an import writes (workouts, sets, custom exercises, the journal row, the
notes) is plain SQL on the sqlite3 connection under the unit of work, the ORM's
(`uow.UnitOfWork`) or the fast path's (`lite.LiteUnitOfWork`, which loads no SQLAlchemy:
the `redwood import` command's case), so there is one SQLite implementation whichever opened
the log. Sets go in as multi-row INSERTs whose user and import ids are literals (three values
fewer to bind per set). PostgreSQL: SQLAlchemy Core and COPY (imported there only).

Every stored import is one row of `imports` and one entry of the undo journal: its workouts
and sets carry its id (`import_id`), so `undo_import` (and `redwood undo` right after it)
removes exactly what it wrote, in one transaction, and keeps sets logged by hand since.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import chain
from operator import itemgetter
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeAlias

from redwood.store import validation
from redwood.store.errors import InvalidEntry, NotFound
from redwood.store.lite import LiteUnitOfWork, translate
from redwood.store.values import RECORD_SETS, json_dumps, sqlite_datetime, utcnow

if TYPE_CHECKING:
    from redwood.store.uow import UnitOfWork

Work: TypeAlias = "UnitOfWork | LiteUnitOfWork"
"""A unit of work of either store."""

SET_COLUMNS = (
    "workout_id", "date", "position", "exercise_id", "kind", "weight_g", "reps", "seconds",
    "distance_m", "rpe", "superset_group", "completed",
)
"""The order of the values of a set tuple given to insert_sets. The user and the import are
the same for every set of an import and are added by the sink; other apps' exports have no
RIR, rest times or form notes: those columns stay NULL."""
_EXERCISE_OF = itemgetter(SET_COLUMNS.index("exercise_id"))

SQLITE_NULL = -1
"""A missing seconds, distance, RPE or superset group as ImportSink hands it to SQLite: an
int, which Python 3.11's driver binds as it is, where it gives None to its adapter protocol
(a type lookup and a call, ~1,100 instructions a NULL even with bind_null_directly; these
columns are NULL in most imported sets). The INSERT stores it as NULL (`NULLIF(?, -1)`):
none of these columns holds a negative value (the pipeline checks them; CHECKs refuse
one), so no value is mistaken for it."""
_SENTINEL_COLUMNS = frozenset({"seconds", "distance_m", "rpe", "superset_group"})


def driver(uow: Work) -> sqlite3.Connection | None:
    """The sqlite3 connection under the unit of work (in its transaction); None when the log
    is not SQLite."""
    if isinstance(uow, LiteUnitOfWork):
        return uow._store.conn
    conn = uow.session.connection()
    if conn.dialect.name != "sqlite":
        return None
    raw: sqlite3.Connection = conn.connection.driver_connection  # type: ignore[assignment]
    return raw


@contextmanager
def _sqlite_errors() -> Iterator[None]:
    """The driver's errors as the store's (StoreBusy, InvalidEntry...), as the unit of work
    gives SQLAlchemy's: the writes here bypass it."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate(exc) from exc


def _orm(uow: Work) -> UnitOfWork:
    """The ORM unit of work (PostgreSQL, or SQLite opened by the full store)."""
    assert not isinstance(uow, LiteUnitOfWork)
    return uow


def lock_user(uow: Work) -> None:
    """Serialize imports of one user, and an import with the user's other writers
    (repositories.base.LOCK_USER, FOR NO KEY UPDATE: a tap logging meanwhile does not wait
    for the import; the two take turns on the workout's own row instead, stored_workouts'
    `lock`). SQLite's write transaction, begun IMMEDIATE, already holds the database's write
    lock."""
    if driver(uow) is not None:
        return
    from redwood.store.repositories.base import LOCK_USER

    _orm(uow).session.execute(LOCK_USER, {"user_id": _user_id(uow)})


def _user_id(uow: Work) -> int:
    if uow.user_id is None:
        raise ValueError("an import needs a unit of work opened for a user")
    return uow.user_id


def import_keys(uow: Work) -> set[str]:
    """The import keys of the user's workouts, and of imported workouts the lifter deleted
    by hand (their import tombstones: a re-import does not bring them back), in one query."""
    user_id = _user_id(uow)
    raw = driver(uow)
    if raw is not None:
        with _sqlite_errors():
            return {str(r[0]) for r in raw.execute(
                "SELECT import_key FROM workouts WHERE user_id = ? AND import_key IS NOT NULL "
                "UNION SELECT import_key FROM import_tombstones WHERE user_id = ?",
                (user_id, user_id))}
    from sqlalchemy import select, union

    from redwood.store.models import ImportTombstoneRow, WorkoutRow

    rows: Any = _orm(uow).session.connection().execute(union(
        select(WorkoutRow.import_key).where(WorkoutRow.user_id == user_id,
                                            WorkoutRow.import_key.is_not(None)),
        select(ImportTombstoneRow.import_key).where(ImportTombstoneRow.user_id == user_id)))
    return {str(r[0]) for r in rows}


def deleted_sets(uow: Work, keys: Sequence[str]) -> dict[str, list[tuple[Any, ...]]]:
    """The imported sets the lifter deleted by hand from the workouts of these import keys:
    key -> their store.values.set_identity, one a deleted set (models.ImportTombstoneRow)."""
    from redwood.store.values import identity_of

    user_id = _user_id(uow)
    raw = driver(uow)
    out: dict[str, list[tuple[Any, ...]]] = {}
    for start in range(0, len(keys), _KEYS_AT_ONCE):
        chunk = list(keys[start:start + _KEYS_AT_ONCE])
        if raw is not None:
            with _sqlite_errors():
                rows = raw.execute(
                    "SELECT import_key, identity FROM import_tombstones WHERE user_id = ? AND "
                    f"import_key IN ({', '.join('?' * len(chunk))}) ORDER BY id",
                    (user_id, *chunk)).fetchall()
        else:
            from sqlalchemy import select

            from redwood.store.models import ImportTombstoneRow as Tomb

            rows = list(_orm(uow).session.connection().execute(
                select(Tomb.import_key, Tomb.identity).where(
                    Tomb.user_id == user_id, Tomb.import_key.in_(chunk)).order_by(Tomb.id)))
        for key, identity in rows:
            out.setdefault(str(key), []).append(identity_of(str(identity)))
    return out


_KEYS_AT_ONCE = 500
"""Import keys (workout ids) per query of stored_workouts: well under SQLite's bound
variables."""


StoredSet: TypeAlias = "tuple[Any, ...]"
"""A stored set as stored_workouts reads it: exercise_id, kind, weight_g, reps, seconds,
distance_m, rpe, completed, position, superset_group (in the driver's types)."""


def stored_workouts(uow: Work, keys: Sequence[str], *, lock: bool = False
                    ) -> dict[str, tuple[int, Any, str | None, list[StoredSet]]]:
    """The user's workouts of these import keys: key -> id, date (in the driver's type, as
    a set's row takes it: the lifter may have moved the workout since), notes and sets (for
    redwood.io.importer.Pipeline.extend), a query per _KEYS_AT_ONCE keys for the workouts
    and one for their sets.

    `lock` (an import that writes): on PostgreSQL the workouts' rows are locked until the
    commit, in id order, as the API's appends lock the workout they add to (store.hot), so an
    import extending a workout and a tap logging into it take turns: the sets are read after
    the lock, by a statement that sees an append committed while it waited, and an append
    waiting for the import counts the import's sets against MAX_SETS_PER_WORKOUT. SQLite's
    write transaction already excludes every other writer."""
    user_id = _user_id(uow)
    raw = driver(uow)
    workouts: dict[int, tuple[str, Any, str | None]] = {}
    sets: dict[int, list[tuple[Any, ...]]] = {}
    for start in range(0, len(keys), _KEYS_AT_ONCE):
        chunk = list(keys[start:start + _KEYS_AT_ONCE])
        marks = ", ".join("?" * len(chunk))
        if raw is not None:
            with _sqlite_errors():
                found = raw.execute(
                    f"SELECT id, import_key, date, notes FROM workouts WHERE user_id = ? AND "
                    f"import_key IN ({marks})", (user_id, *chunk)).fetchall()
                ids = [int(r[0]) for r in found]
                # `user_id + 0`: the workouts' ids pick the index (repositories.base.sets_of).
                rows = raw.execute(
                    "SELECT workout_id, exercise_id, kind, weight_g, reps, seconds, "
                    "distance_m, rpe, completed, position, superset_group FROM sets WHERE "
                    f"workout_id IN ({', '.join('?' * len(ids))}) AND user_id + 0 = ?",
                    (*ids, user_id)).fetchall() if ids else []
        else:
            from sqlalchemy import select

            from redwood.store.models import SetRow, WorkoutRow
            from redwood.store.repositories.base import sets_of

            conn = _orm(uow).session.connection()
            query = select(
                WorkoutRow.id, WorkoutRow.import_key, WorkoutRow.date, WorkoutRow.notes).where(
                WorkoutRow.user_id == user_id, WorkoutRow.import_key.in_(chunk))
            if lock:
                query = query.order_by(WorkoutRow.id).with_for_update()
            found = list(conn.execute(query))
            ids = [int(r[0]) for r in found]
            rows = list(conn.execute(select(
                SetRow.workout_id, SetRow.exercise_id, SetRow.kind, SetRow.weight_g,
                SetRow.reps, SetRow.seconds, SetRow.distance_m, SetRow.rpe, SetRow.completed,
                SetRow.position, SetRow.superset_group).where(
                SetRow.workout_id.in_(ids), sets_of(user_id)))) if ids else []
        for r in found:
            workouts[int(r[0])] = (str(r[1]), r[2], r[3])
            sets.setdefault(int(r[0]), [])
        for r in rows:
            sets[int(r[0])].append(tuple(r[1:]))
    return {key: (workout_id, date, notes, sets[workout_id])
            for workout_id, (key, date, notes) in workouts.items()}


class WorkoutIds:
    """New workout ids handed out before the workouts are written, so that their sets can be
    built once, final, as the file is read. SQLite: counting on from the largest id (the
    import holds the write lock, and SQLite would pick the same ids). PostgreSQL: drawn from
    the id sequence in blocks (an unused id is only a gap)."""

    BLOCK = 1000

    def __init__(self, uow: Work) -> None:
        self._uow = uow
        self._raw = driver(uow)
        self._next = 0
        self._free: list[int] = []
        if self._raw is not None:
            with _sqlite_errors():
                top = self._raw.execute("SELECT max(id) FROM workouts").fetchone()[0]
            self._next = int(top or 0) + 1

    def take(self) -> int:
        if self._raw is not None:
            self._next += 1
            return self._next - 1
        if not self._free:
            from sqlalchemy import text

            rows = _orm(self._uow).session.connection().execute(text(
                "SELECT nextval(pg_get_serial_sequence('workouts', 'id')) "
                "FROM generate_series(1, :n)"), {"n": self.BLOCK})
            self._free = sorted((int(r[0]) for r in rows), reverse=True)
        return self._free.pop()


WORKOUT_COLUMNS = ("id", "user_id", "date", "started_at", "ended_at", "notes", "title",
                   "source", "import_key", "import_id", "created_at")


def insert_workouts(uow: Work, workouts: Sequence[dict[str, Any]]) -> None:
    """Insert workouts (dicts of id from WorkoutIds, date, started_at, ended_at, notes,
    title, source, import_key, import_id) for the unit of work's user."""
    if not workouts:
        return
    user_id = _user_id(uow)
    now = utcnow()
    raw = driver(uow)
    if raw is not None:
        # As the ORM stores them (store.values: ISO dates, its datetime text).
        stamp = sqlite_datetime(now)
        rows = [(w["id"], user_id, w["date"].isoformat(), sqlite_datetime(w["started_at"]),
                 sqlite_datetime(w["ended_at"]), w["notes"], w["title"], w["source"],
                 w["import_key"], w["import_id"], stamp)
                for w in workouts]
        marks = ", ".join("?" for _ in WORKOUT_COLUMNS)
        with _sqlite_errors():
            raw.executemany(
                f"INSERT INTO workouts ({', '.join(WORKOUT_COLUMNS)}) VALUES ({marks})", rows)
        return
    from sqlalchemy import insert

    from redwood.store.models import WorkoutRow

    params = [{"user_id": user_id, "created_at": now, "plan_id": None, "plan_week": None,
               "plan_session": None, "location": None, "energy": None, **w}
              for w in workouts]
    _orm(uow).session.connection().execute(insert(WorkoutRow), params)


def sqlite_date(date: dt.date) -> str:
    """A date as SQLAlchemy keeps it in SQLite (ISO text)."""
    return date.isoformat()


def insert_sets(uow: Work, sets: Sequence[tuple[Any, ...]], import_id: int | None) -> None:
    """Insert sets given as tuples in SET_COLUMNS order, for the unit of work's user and
    import `import_id` (date must be the workout's). On SQLite the tuples must already hold
    what the driver stores (ImportSink.values, .day, .null): they go in with no per-value
    work, SQLITE_NULL for NULL where SET_COLUMNS allows it (None binds too, only slower)."""
    if not sets:
        return
    user_id = _user_id(uow)
    raw = driver(uow)
    if raw is not None:
        # Many rows per INSERT: a third less work than executemany's row-by-row statements.
        rows = _sqlite_rows_per_insert()
        full = len(sets) - len(sets) % rows
        with _sqlite_errors():
            if full:
                sql = _sqlite_insert(rows, user_id, import_id)
                for start in range(0, full, rows):
                    raw.execute(sql, tuple(chain.from_iterable(sets[start:start + rows])))
            if full < len(sets):
                rest = sets[full:]
                raw.execute(_sqlite_insert(len(rest), user_id, import_id),
                            tuple(chain.from_iterable(rest)))
        return
    conn = _orm(uow).session.connection()
    columns = (*SET_COLUMNS, "user_id", "import_id")
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        # PostgreSQL with psycopg 3: COPY, many times faster than INSERTs, same transaction.
        driver_conn: Any = conn.connection.driver_connection
        with driver_conn.cursor() as cursor, cursor.copy(
                f"COPY sets ({', '.join(columns)}) FROM STDIN") as copy:
            for s in sets:
                copy.write_row((*s, user_id, import_id))
        return
    from sqlalchemy import insert

    from redwood.store.models import SetRow

    conn.execute(insert(SetRow),
                 [dict(zip(columns, (*s, user_id, import_id), strict=True)) for s in sets])


@cache
def _sqlite_insert(rows: int, user_id: int, import_id: int | None) -> str:
    # The user and import ids are the same for every row: literals (ints, never text).
    marks = ", ".join(f"NULLIF(?, {SQLITE_NULL})" if c in _SENTINEL_COLUMNS else "?"
                      for c in SET_COLUMNS)
    one = f"({marks}, {int(user_id)}, {'NULL' if import_id is None else int(import_id)})"
    return (f"INSERT INTO sets ({', '.join(SET_COLUMNS)}, user_id, import_id) VALUES "
            + ", ".join([one] * rows))


@cache
def _sqlite_rows_per_insert() -> int:
    """As many rows as SQLite takes parameters for in one statement (32766 since 3.32,
    999 before)."""
    version = tuple(int(x) for x in sqlite3.sqlite_version.split(".")[:2])
    limit = 32766 if version >= (3, 32) else 999
    return max(1, min(1000, limit // len(SET_COLUMNS)))


def set_notes(uow: Work, notes: dict[int, str]) -> None:
    """Give workouts of the import their notes (the exercises' and sets' notes added)."""
    if not notes:
        return
    user_id = _user_id(uow)
    raw = driver(uow)
    if raw is not None:
        with _sqlite_errors():
            raw.executemany("UPDATE workouts SET notes = ? WHERE id = ? AND user_id = ?",
                            [(v, k, user_id) for k, v in notes.items()])
        return
    from sqlalchemy import bindparam, update

    from redwood.store.models import WorkoutRow

    workouts: Any = WorkoutRow.__table__
    _orm(uow).session.connection().execute(
        update(workouts).where(workouts.c.id == bindparam("wid"),
                               workouts.c.user_id == user_id)
        .values(notes=bindparam("text")),
        [{"wid": k, "text": v} for k, v in notes.items()])


def add_custom_exercises(uow: Work, exercises: Mapping[str, tuple[str, dict[str, Any]]]
                         ) -> None:
    """Store the user's own exercises an import created (id -> name, data), replacing the
    name and data of any the user has already (as ExerciseRepository.put)."""
    raw = driver(uow)
    if raw is None:
        orm = _orm(uow)
        for exercise_id, (name, data) in exercises.items():
            orm.exercises.put(exercise_id, name, data)
        return
    user_id = _user_id(uow)
    now = sqlite_datetime(utcnow())
    rows = []
    for exercise_id, (name, data) in exercises.items():
        # ExerciseRepository.put's checks.
        exercise_id, name = exercise_id.strip(), name.strip()
        if not exercise_id or len(exercise_id) > validation.MAX_ID_LENGTH:
            raise InvalidEntry(f"exercise id: {exercise_id!r} is empty or too long")
        if not name or len(name) > 200:
            raise InvalidEntry(f"exercise name: {name!r} must be 1 to 200 characters")
        rows.append((user_id, exercise_id, name, json_dumps(data), now))
    with _sqlite_errors():
        raw.executemany(
            "INSERT INTO user_exercises (user_id, exercise_id, name, data, created_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, exercise_id) DO UPDATE SET "
            "name = excluded.name, data = excluded.data", rows)


# --- the journal: list and take back -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """A stored import, as `redwood imports` lists it."""

    id: int
    file_name: str
    format: str
    unit: str | None
    created_at: dt.datetime
    workouts: int
    sets: int
    summary: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "file_name": self.file_name, "format": self.format,
                "unit": self.unit, "created_at": self.created_at.isoformat(timespec="seconds"),
                "workouts": self.workouts, "sets": self.sets, "summary": self.summary}


@dataclass(frozen=True, slots=True)
class ImportUndone:
    """What taking an import back removed, and what it kept (sets logged by hand since)."""

    id: int
    file_name: str
    workouts: int
    sets: int
    kept_workouts: int
    kept_sets: int

    @property
    def message(self) -> str:
        text = (f"removed the import of {self.file_name}: {_n(self.workouts, 'workout')}, "
                f"{_n(self.sets, 'set')}")
        if self.kept_sets:
            text += (f"; kept {_n(self.kept_sets, 'set')} logged or edited by hand since, "
                     f"in {_n(self.kept_workouts, 'workout')}")
        return text


def _n(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def start_import(uow: Work, file_name: str, format: str, unit: str | None) -> int:
    """A new import's journal row (its counts filled in by finish_import); its id marks the
    workouts and sets written."""
    user_id = _user_id(uow)
    raw = driver(uow)
    if raw is not None:
        with _sqlite_errors():
            cursor = raw.execute(
                "INSERT INTO imports (user_id, file_name, format, unit, workouts, sets, "
                "summary, created_at) VALUES (?, ?, ?, ?, 0, 0, '{}', ?)",
                (user_id, file_name[:255], format, unit, sqlite_datetime(utcnow())))
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)
    from redwood.store.models import ImportRow

    orm = _orm(uow)
    row = ImportRow(user_id=user_id, file_name=file_name[:255], format=format, unit=unit,
                    workouts=0, sets=0, summary={}, created_at=utcnow())
    orm.session.add(row)
    orm.session.flush()
    return int(row.id)


def finish_import(uow: Work, import_id: int, workouts: int, sets: int,
                  summary: dict[str, Any]) -> None:
    """Record what the import wrote and make it the last entry of the undo journal; an
    import that added nothing leaves no trace (nothing to list or take back)."""
    user_id = _user_id(uow)
    raw = driver(uow)
    if raw is not None:
        with _sqlite_errors():
            if not workouts and not sets:
                raw.execute("DELETE FROM imports WHERE id = ?", (import_id,))
                return
            raw.execute("UPDATE imports SET workouts = ?, sets = ?, summary = ? WHERE id = ?",
                        (workouts, sets, json_dumps(summary), import_id))
            raw.execute("INSERT INTO entries (user_id, kind, workout_id, import_id, data, "
                        "created_at) VALUES (?, 'import', NULL, ?, ?, ?)",
                        (user_id, import_id, json_dumps({"import_id": import_id}),
                         sqlite_datetime(utcnow())))
        return
    from sqlalchemy import delete, update

    from redwood.store.models import EntryRow, ImportRow

    s = _orm(uow).session
    if not workouts and not sets:
        s.execute(delete(ImportRow).where(ImportRow.id == import_id))
        return
    s.execute(update(ImportRow).where(ImportRow.id == import_id).values(
        workouts=workouts, sets=sets, summary=summary))
    s.add(EntryRow(user_id=user_id, kind="import", workout_id=None, import_id=import_id,
                   data={"import_id": import_id}, created_at=utcnow()))
    s.flush()


def list_imports(uow: UnitOfWork) -> list[ImportRecord]:
    """The user's stored imports, newest first."""
    from sqlalchemy import select

    from redwood.store.models import ImportRow

    user_id = _user_id(uow)
    rows = uow.session.scalars(select(ImportRow).where(ImportRow.user_id == user_id)
                               .order_by(ImportRow.id.desc())).all()
    return [ImportRecord(r.id, r.file_name, r.format, r.unit, r.created_at, r.workouts,
                         r.sets, dict(r.summary or {})) for r in rows]


def undo_import(uow: UnitOfWork, import_id: int) -> ImportUndone:
    """Remove what import `import_id` wrote: its sets, and its workouts that hold no other
    sets; a workout where sets were logged by hand since stays, with those sets, and is no
    longer an imported one. NotFound for an id that is not one of the user's imports. The
    caller commits (one transaction: all or nothing)."""
    from sqlalchemy import delete, func, select, update

    from redwood.store.models import (
        EntryRow,
        ImportRow,
        ImportTombstoneRow,
        SetRow,
        WorkoutRow,
    )
    from redwood.store.repositories.base import sets_of

    user_id = _user_id(uow)
    s = uow.session
    lock_user(uow)
    row = s.scalars(select(ImportRow).where(ImportRow.id == import_id,
                                            ImportRow.user_id == user_id)).first()
    if row is None:
        raise NotFound(f"no import with id {import_id}: `redwood imports` lists yours")
    file_name = row.file_name
    # The workouts stored before that it added sets to (Pipeline.extend) stay, less those.
    extended = [int(i) for i in (row.summary or {}).get("extended_workouts", [])]
    ids = select(WorkoutRow.id).where(WorkoutRow.user_id == user_id,
                                      WorkoutRow.import_id == import_id).scalar_subquery()
    # Its workouts locked (in id order, after the user's row) before their sets are read: a
    # set tapped into one of them meanwhile (store.hot locks the workout alone) is seen, and
    # keeps the workout, instead of going with it (or, with the user's row held FOR UPDATE,
    # deadlocking with the tap).
    uow.workouts.lock([*s.scalars(select(WorkoutRow.id).where(
        WorkoutRow.user_id == user_id, WorkoutRow.import_id == import_id)), *extended])
    # sets_of: the workouts' ids pick the index (see repositories.base.sets_of).
    removed = s.execute(delete(SetRow).where(
        SetRow.workout_id.in_(ids) | SetRow.workout_id.in_(extended), sets_of(user_id),
        SetRow.import_id == import_id))
    sets = int(getattr(removed, "rowcount", 0) or 0)
    kept = s.execute(select(SetRow.workout_id, func.count(), func.count(SetRow.import_id),
                            func.min(SetRow.import_id)).where(
        SetRow.workout_id.in_(ids), sets_of(user_id))
        .group_by(SetRow.workout_id)).all()
    # A workout a later import extended passes to that import, key and all: its undo takes
    # the workout away with its last sets, and a re-import of this file finds it.
    for workout_id, _, _, later in kept:
        if later is not None:
            s.execute(update(WorkoutRow).where(WorkoutRow.id == int(workout_id)).values(
                import_id=int(later)))
    # The workouts it takes away (or leaves to the sets logged by hand, no longer imported)
    # take their import tombstones with them: importing the file again after the undo
    # brings back all it held, the sets deleted by hand since included. Not those of sets
    # deleted before it: a workout deleted by hand that it brought back (with the sets of a
    # newer export, Pipeline.extend) was another import's, whose deletions stand.
    s.execute(delete(ImportTombstoneRow).where(
        ImportTombstoneRow.user_id == user_id,
        ImportTombstoneRow.deleted_at >= row.created_at,
        ImportTombstoneRow.import_key.in_(select(WorkoutRow.import_key).where(
            WorkoutRow.user_id == user_id, WorkoutRow.import_id == import_id,
            WorkoutRow.import_key.is_not(None)))))
    by_hand = [r for r in kept if r[1] > r[2]]
    kept_ids = [int(r[0]) for r in by_hand if not r[2]]
    kept_sets = sum(int(r[1]) - int(r[2]) for r in by_hand)
    if kept_ids:
        s.execute(update(WorkoutRow).where(WorkoutRow.id.in_(kept_ids)).values(
            import_id=None, import_key=None, source=None))
    gone = s.execute(delete(WorkoutRow).where(WorkoutRow.user_id == user_id,
                                              WorkoutRow.import_id == import_id))
    workouts = int(getattr(gone, "rowcount", 0) or 0)
    s.execute(delete(EntryRow).where(EntryRow.user_id == user_id,
                                     EntryRow.import_id == import_id))
    s.execute(delete(ImportRow).where(ImportRow.id == import_id))
    s.flush()
    return ImportUndone(import_id, file_name, workouts, sets, len(by_hand), kept_sets)


DEFERRED_TRIGGERS = ("tr_sets_bests_insert", "tr_sets_records_insert")
"""The row triggers an import's inserts would fire set by set (SQLite): the one that marks
an exercise's stored bests stale (migration 0007) and the one that keeps the record reads'
rep_efforts and session_volumes (migration 0010)."""

_IMPORT_SETS = ("FROM sets WHERE workout_id IN (SELECT id FROM workouts WHERE import_id = "
                f":import_id) AND import_id = :import_id AND {RECORD_SETS}")
"""The counted sets the import wrote, read by the index of their workouts (workouts.import_id,
then sets by workout): only what the import added, however long the lifter's log."""
IMPORT_REP_EFFORTS = (
    "INSERT INTO rep_efforts (user_id, exercise_id, reps, rpe_key, rir_key, completed) "
    "SELECT DISTINCT user_id, exercise_id, reps, COALESCE(rpe, 0), COALESCE(rir, -1), "
    f"completed {_IMPORT_SETS} ORDER BY 1, 2, 3, 4, 5, 6 ON CONFLICT DO NOTHING")
IMPORT_SESSION_VOLUMES = (
    "INSERT INTO session_volumes (workout_id, exercise_id, user_id, date, volume_g) "
    "SELECT workout_id, exercise_id, MIN(user_id), MIN(date), "
    f"SUM(CAST(weight_g AS BIGINT) * reps) {_IMPORT_SETS} AND weight_g IS NOT NULL "
    "GROUP BY workout_id, exercise_id ORDER BY 1, 2 "
    "ON CONFLICT (workout_id, exercise_id) DO UPDATE SET "
    "volume_g = session_volumes.volume_g + excluded.volume_g, date = excluded.date")
"""What the record triggers (migration 0010) would have added for the import's sets, added
in two set-based statements: the same upserts, grouped (as the PostgreSQL trigger does for a
statement's rows), over every exercise the import touched at once. An addition, not a
recount of the lifter's rows: it costs what the import wrote, not the lifter's history, and
leaves every other row as the triggers kept it. The import's workouts are new (WorkoutIds),
so each sum is the session's whole volume; ON CONFLICT says what the trigger says all the
same."""


def _with_extended(statement: str, extended: Sequence[int]) -> str:
    """One of the record statements over the import's sets in the workouts it extended too
    (ids are ints: written out, however many)."""
    if not extended:
        return statement
    ids = ", ".join(str(int(i)) for i in extended)
    own = "workout_id IN (SELECT id FROM workouts WHERE import_id = :import_id)"
    assert own in statement
    return statement.replace(own, f"({own} OR workout_id IN ({ids}))", 1)


@contextmanager
def triggers_once(uow: Work, sink: ImportSink) -> Iterator[None]:
    """Around an import's writes: what the row triggers on `sets` would do for each inserted
    set is done once, by set-based statements over what the import wrote, in the import's
    transaction: the exercises' stored bests marked stale (one upsert per exercise), and the
    record reads' rep_efforts and session_volumes (IMPORT_REP_EFFORTS,
    IMPORT_SESSION_VOLUMES). Row by row, an upsert per set each, they were about a fifth (the
    bests) and a sixth (the records: 1,538 -> 1,256 M instructions for the whole `redwood
    import` of 5,000 sets, bench/README.md) of the work of a big import.

    SQLite: the two insert triggers (DEFERRED_TRIGGERS) are dropped inside the import's own
    transaction and created again, from the text they had (sqlite_master), before that
    transaction ends: no other connection ever sees the log without them (the import holds
    the write lock, so no one else writes meanwhile, and readers see the last commit), and a
    failed or killed import rolls back the drop with everything else. The triggers are the
    same afterwards, to the letter (only their place in sqlite_master moves to the end; they
    write tables no other trigger of the event reads, so no order of firing changes a
    result). A guard row the triggers would check (WHEN NOT EXISTS (SELECT 1 FROM a guard
    table)) needs a migration and still costs a lookup per set: about 1,200 instructions a
    set more than the drop (bench/README.md, issue 17).

    PostgreSQL: nothing to do. Its triggers run per statement (one per batch of COPY, 5,000
    sets), each already one set-based upsert over the statement's rows (the transition
    table): doing it once at the end instead, from the stored sets (a guard setting local to
    the transaction telling the trigger to add nothing, then IMPORT_REP_EFFORTS and
    IMPORT_SESSION_VOLUMES), cost the server more, 0.13 -> 0.18 s of CPU for 5,000 sets
    (bench/README.md, issue 17): the rows are read back instead of taken from memory, and
    the transition table is kept all the same."""
    raw = driver(uow)
    if raw is None:
        yield
        return
    user_id = _user_id(uow)
    with _sqlite_errors():
        found = [row[0] for row in raw.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?) "
            "ORDER BY name", DEFERRED_TRIGGERS)]
        for name in DEFERRED_TRIGGERS:
            raw.execute(f"DROP TRIGGER IF EXISTS {name}")
    yield  # on an error the caller rolls back (the drops too)
    with _sqlite_errors():
        for sql in found:
            raw.execute(sql)
        raw.executemany(
            "INSERT INTO exercise_bests (user_id, exercise_id, data) VALUES (?, ?, NULL) "
            "ON CONFLICT (user_id, exercise_id) DO UPDATE SET data = NULL "
            "WHERE exercise_bests.data IS NOT NULL",
            [(user_id, e) for e in sorted(sink.exercises)])
        if sink.import_id is not None and sink.exercises:
            for statement in (IMPORT_REP_EFFORTS, IMPORT_SESSION_VOLUMES):
                raw.execute(_with_extended(statement, sink.extended),
                            {"import_id": sink.import_id})


class ImportSink:
    """Where a writing import's rows go (redwood.io.importer.Pipeline builds them; the
    transaction is the caller's). The driver's types are this adapter's business: the
    pipeline hands plain values (dates, Decimals, booleans) to `day`, `values` and `done`,
    once per workout or distinct set shape, and stores what they return in SET_COLUMNS order,
    so a set costs no conversion per row (SQLite's driver takes ISO dates, floats, 0/1 as they
    are; PostgreSQL's the plain values)."""

    def __init__(self, uow: Work) -> None:
        self.uow = uow
        self._sqlite = driver(uow) is not None
        self._ids = WorkoutIds(uow)
        self.done: Any = 1 if self._sqlite else True
        """`completed` of a set done, in the driver's type."""
        self.not_done: Any = 0 if self._sqlite else False
        self.null: Any = SQLITE_NULL if self._sqlite else None
        """A missing superset group in the driver's terms (SQLITE_NULL on SQLite)."""
        self.import_id: int | None = None
        """The import the sets belong to (start_import's id), set before the first write."""
        self.exercises: set[str] = set()
        """The exercise ids of the sets written (triggers_once marks their bests stale)."""
        self.extended: list[int] = []
        """Workouts stored before that the import added sets to (Pipeline.extend)."""

    def take_id(self) -> int:
        """A new workout id (WorkoutIds)."""
        return self._ids.take()

    def day(self, date: dt.date) -> Any:
        """A set's date in the driver's type."""
        return sqlite_date(date) if self._sqlite else date

    def values(self, kind: str, weight_g: int | None, reps: int | None, seconds: int | None,
               distance_m: Decimal | None, rpe: Decimal | None) -> tuple[Any, ...]:
        """A set's (kind, weight_g, reps, seconds, distance_m, rpe) in the driver's types."""
        if self._sqlite:
            return (kind, weight_g, reps, SQLITE_NULL if seconds is None else seconds,
                    SQLITE_NULL if distance_m is None else float(distance_m),
                    SQLITE_NULL if rpe is None else float(rpe))
        return (kind, weight_g, reps, seconds, distance_m, rpe)

    def write(self, batch: tuple[Sequence[dict[str, Any]], Sequence[tuple[Any, ...]]]) -> None:
        """Store one batch: its workouts, then their sets (on BatchWriter's thread)."""
        insert_workouts(self.uow, batch[0])
        insert_sets(self.uow, batch[1], self.import_id)
        self.exercises.update(map(_EXERCISE_OF, batch[1]))

    def notes(self, notes: dict[int, str]) -> None:
        """Set workouts' notes (by id), after the last batch."""
        set_notes(self.uow, notes)


class BatchWriter:
    """Writes an import's batches. When THREADED, on SQLite files, on a second thread while
    the caller reads the file on: the driver lets go of the GIL while SQLite inserts a
    statement's rows, so SQLite's work (about half of an import) overlaps the parsing on
    another core. Off by default: on a busy machine there is no core to spare and the thread
    only adds switching (bench/README.md). Otherwise (and always on PostgreSQL, whose id
    blocks the reader draws on the same connection, and on an in-memory SQLite) `write` just
    runs each batch where it is called.

    Still one transaction: the thread writes on the unit of work's own connection, which no
    one else uses meanwhile (the reader does no database work while the writer runs), and
    leaving the `with` block waits for every batch, so the caller commits or rolls back only
    afterwards. A killed process leaves the transaction uncommitted, as before. A failed
    batch stops the writing and its exception is raised in the caller's thread (at its next
    `write`, or on leaving the block). At most `QUEUED` batches wait: memory stays bounded.
    """

    QUEUED = 2
    THREADED = os.environ.get("REDWOOD_IMPORT_WRITER_THREAD", "").strip() in ("1", "yes")
    """True: the writer thread (on SQLite files). REDWOOD_IMPORT_WRITER_THREAD=1 turns it on
    for a process (`bench_import.py --writer-thread` does, for the whole command too)."""

    def __init__(self, uow: Work, write: Callable[[Any], None]) -> None:
        self._write = write
        raw = driver(uow) if self.THREADED else None
        database = None
        if raw is not None:
            found = raw.execute("PRAGMA database_list").fetchone()
            database = found[2] if found else None
        threaded = raw is not None and database not in (None, "", ":memory:")
        self._queue: queue.Queue[Any] | None = queue.Queue(self.QUEUED) if threaded else None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._stop = False

    def __enter__(self) -> BatchWriter:
        if self._queue is not None:
            self._thread = threading.Thread(target=self._run, name="redwood-import-writer",
                                            daemon=True)
            self._thread.start()
        return self

    def write(self, batch: Any) -> None:
        """Have `batch` written (by `write(batch)`), after the batches before it."""
        if self._error is not None:
            self._raise()
        if self._queue is None:
            self._write(batch)
        else:
            self._queue.put(batch)

    def _run(self) -> None:
        assert self._queue is not None
        while True:
            batch = self._queue.get()
            if batch is _DONE:
                return
            if self._error is None and not self._stop:
                try:
                    self._write(batch)
                except BaseException as exc:  # handed to the caller's thread
                    self._error = exc

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._thread is not None and self._queue is not None:
            # On an error in the reader, the batches still queued are not written: the
            # transaction will be rolled back anyway; the one being written is waited for.
            self._stop = kind is not None
            self._queue.put(_DONE)
            self._thread.join()
            self._thread = None
        if kind is None and self._error is not None:
            self._raise()

    def _raise(self) -> None:
        error, self._error = self._error, None
        self._stop = True
        assert error is not None
        raise error


_DONE = object()
"""The end of the batches."""
