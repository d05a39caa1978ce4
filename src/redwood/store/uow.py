"""The unit of work: one transaction, the user's repositories, commit or nothing.

    with store.unit_of_work(user_id) as uow:
        workout_id = uow.workouts.add(workout)
        uow.commit()

Leaving the block without commit() rolls everything back, so a failure halfway through a
command leaves the database as it was. On SQLite a write unit of work begins with BEGIN
IMMEDIATE: it takes the write lock up front (waiting up to the busy timeout for another
writer), so it can never fail halfway for lack of the lock. A read-only one (readonly=True)
sees one consistent snapshot and blocks no writer.

Database errors leave as StoreError subclasses with a one-line message: StoreBusy (retry),
InvalidEntry (a value the schema refuses), StoreError (cannot open, disk full...).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from sqlalchemy import Connection, Engine, delete, select
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from redwood.store.engine import WRITE_OPTION, busy_error, is_busy
from redwood.store.errors import InvalidEntry, StoreBusy, StoreError
from redwood.store.journal import LastEntry, last_entry_of
from redwood.store.logstream import driver_all
from redwood.store.measurements import MeasurementRepository
from redwood.store.models import EntryRow, SetRow, WorkoutRow
from redwood.store.repositories import (
    CheckInRepository,
    EquipmentRepository,
    ExerciseRepository,
    PlanRepository,
    ProfileRepository,
    UserRepository,
    WorkoutRepository,
)


def translate(error: BaseException) -> BaseException:
    """The StoreError to show for a database error (or the error itself)."""
    if isinstance(error, StoreError) or not isinstance(error, DBAPIError):
        return error
    if is_busy(error):
        return busy_error(error)
    text = str(error.orig if error.orig is not None else error).strip()
    first_line = text.splitlines()[0] if text else type(error).__name__
    if isinstance(error, IntegrityError):
        return InvalidEntry(f"the database refused the entry: {first_line}")
    if isinstance(error, (OperationalError, InterfaceError)):
        return StoreError(f"database error: {first_line}")
    return error


# Seconds a writer waits for its turn in the process before giving up (as SQLite's busy timeout).
WRITER_WAIT_S = 5.0


class WriterTurn:
    """SQLite: the queue of writers to one database file.

    SQLite lets one writer in at a time and makes the others poll with growing sleeps (up to
    100 ms each), so writers queued in its busy handler wait far longer than the writes take:
    the long tail of a busy server. Instead, this process's writers queue first come, first
    served (the turn is handed to the oldest waiter, never grabbed by a newcomer), and the
    processes sharing the file (the web server's workers, a CLI command) take turns on an
    advisory lock on a file beside the database. A process waits for that lock in the kernel
    (a blocking flock in a helper thread, so the wait can still time out): the kernel wakes it
    the moment the other process lets go, where polling would leave the lock to whichever
    process asked last (one worker of a busy server waited 100 times longer than the other).
    Writers that skip the queue (none should) still meet SQLite's own lock, so this only
    changes how long a turn takes to pass."""

    def __init__(self, lock_path: str | None) -> None:
        self._mutex = threading.Lock()  # guards the fields below
        self._owner: int | None = None  # the thread that holds the turn
        self._depth = 0  # nested units of work in that thread
        self._queue: deque[tuple[int, threading.Lock]] = deque()  # waiting, oldest first
        self._path = lock_path
        self._fd: int | None = None
        self._pid = os.getpid()
        # The helper thread that waits for the file lock (see _file_turn).
        self._file = threading.Condition(threading.Lock())
        self._wanted = False
        self._got = False
        self._helper: threading.Thread | None = None

    def acquire(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        me = threading.get_ident()
        with self._mutex:
            if self._owner == me:
                self._depth += 1
                return True
            if self._owner is None and not self._queue:
                self._owner = me
                waiter = None
            else:
                waiter = threading.Lock()
                waiter.acquire()
                self._queue.append((me, waiter))
        if waiter is not None and not waiter.acquire(timeout=timeout):
            with self._mutex:
                if self._owner != me:  # not handed over meanwhile: leave the queue
                    self._queue.remove((me, waiter))
                    return False
        # This thread holds the turn in the process (release hands it over with _owner set).
        if not self._file_turn(deadline):
            self._hand_over()
            return False
        self._depth = 1
        return True

    def release(self) -> None:
        self._depth -= 1
        if self._depth > 0:
            return
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._hand_over()

    def _hand_over(self) -> None:
        """Give the turn in the process to the oldest waiting thread, or free it."""
        with self._mutex:
            if self._queue:
                self._owner, waiter = self._queue.popleft()
                waiter.release()
            else:
                self._owner = None

    def _file_turn(self, deadline: float) -> bool:
        if self._path is None:
            return True
        if self._pid != os.getpid():  # a forked child: its own descriptor and helper
            self._pid, self._fd, self._helper = os.getpid(), None, None
            self._file = threading.Condition(threading.Lock())
            self._wanted = self._got = False
        if self._fd is None:
            try:
                self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:  # a read-only folder: SQLite's own lock still keeps writes apart
                self._path = None
                return True
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            pass
        with self._file:
            if self._helper is None:
                self._helper = threading.Thread(target=self._wait_for_file, daemon=True,
                                                 name="redwood-writer-turn")
                self._helper.start()
            self._wanted = True
            self._file.notify_all()
            while not self._got:
                left = deadline - time.monotonic()
                if left <= 0:
                    self._wanted = False  # the helper lets the lock go when it gets it
                    return False
                self._file.wait(left)
            self._got = False
            return True

    def _wait_for_file(self) -> None:
        fd = self._fd
        assert fd is not None
        while True:
            with self._file:
                while not self._wanted:
                    self._file.wait()
            fcntl.flock(fd, fcntl.LOCK_EX)  # blocks in the kernel, without the GIL
            with self._file:
                if self._wanted:
                    self._wanted = False
                    self._got = True
                    self._file.notify_all()
                else:  # the writer gave up waiting
                    fcntl.flock(fd, fcntl.LOCK_UN)


def _writers(engine: Engine) -> WriterTurn | None:
    """The writer queue for the engine's SQLite database (None on PostgreSQL, which queues
    row locks itself)."""
    if engine.dialect.name != "sqlite":
        return None
    turn = engine.__dict__.get("_redwood_writers")
    if turn is None:
        database = engine.url.database
        in_file = bool(database) and database != ":memory:" and not str(
            database).startswith("file::memory:")
        turn = engine.__dict__.setdefault(
            "_redwood_writers", WriterTurn(f"{database}-writer.lock" if in_file else None))
    return turn  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Undone:
    """What `undo` removed."""

    kind: str
    """'workout' (a whole logged workout), 'sets' (sets added to a workout), 'checkin',
    'import' (a whole import: store.imports.undo_import) or 'deletion' (a set deleted by its
    client id, restored)."""
    message: str
    date: dt.date | None = None
    workout_id: int | None = None
    sets: int = 0


class _Repos:
    def __init__(self, session: Session, user_id: int) -> None:
        self.profiles = ProfileRepository(session, user_id)
        self.plans = PlanRepository(session, user_id)
        self.workouts = WorkoutRepository(session, user_id)
        self.checkins = CheckInRepository(session, user_id)
        self.equipment = EquipmentRepository(session, user_id)
        self.exercises = ExerciseRepository(session, user_id)
        self.measurements = MeasurementRepository(session, user_id)


class UnitOfWork:
    def __init__(self, engine: Engine, user_id: int | None, readonly: bool = False,
                 reads_first: bool = False) -> None:
        self._engine = engine
        self.user_id = user_id
        self.readonly = readonly
        self._reading = reads_first and not readonly
        """Reads until write(): see Store.unit_of_work."""
        self._conn: Connection | None = None
        self._session: Session | None = None
        self._users: UserRepository | None = None
        self._repos: _Repos | None = None
        self._turn: WriterTurn | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise StoreError("the unit of work is not open: use it in a with block")
        return self._session

    def __enter__(self) -> Self:
        try:
            conn = self._engine.connect()
        except DBAPIError as exc:
            raise translate(exc) from exc
        options: dict[str, Any] = {WRITE_OPTION: not (self.readonly or self._reading)}
        if self.readonly and conn.dialect.name == "postgresql":
            options.update(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        conn.execution_options(**options)
        self._conn = conn
        self._session = Session(bind=conn, expire_on_commit=False)
        # The writer's turn covers the transaction only (from BEGIN to COMMIT), not the
        # connection and session set-up: the shorter the turn, the shorter the queue.
        if not (self.readonly or self._reading):
            self._take_turn()
        try:
            self._session.connection()  # BEGIN now: on SQLite, take the write lock up front
        except BaseException as exc:
            self._close()
            raise translate(exc) from exc
        self._users = UserRepository(self._session)
        if self.user_id is not None:
            self._repos = _Repos(self._session, self.user_id)
        return self

    def _take_turn(self) -> None:
        writers = _writers(self._engine)
        if writers is not None:
            if not writers.acquire(timeout=WRITER_WAIT_S):
                self._close()
                raise StoreBusy("the database is busy with other writes: try again")
            self._turn = writers

    def write(self) -> None:
        """In a unit of work opened with `reads_first`: the reads are done, the writes begin.
        SQLite: the read transaction ends and a write transaction begins in the writers' queue,
        so what was read may be a moment older than what is written; PostgreSQL: the same
        transaction goes on (its row locks queue the writers)."""
        if not self._reading:
            return
        self._reading = False
        if _writers(self._engine) is None:
            return
        session = self.session
        session.rollback()  # ends the read (nothing was written)
        conn = self._conn
        assert conn is not None
        conn.execution_options(**{WRITE_OPTION: True})
        self._take_turn()
        try:
            session.connection()  # BEGIN IMMEDIATE
        except BaseException as exc:
            self._close()
            raise translate(exc) from exc

    @property
    def users(self) -> UserRepository:
        if self._users is None:
            raise StoreError("the unit of work is not open: use it in a with block")
        return self._users

    def _scoped(self) -> _Repos:
        if self._repos is None:
            raise StoreError("this needs a user: open the unit of work with a user id")
        return self._repos

    @property
    def profiles(self) -> ProfileRepository:
        return self._scoped().profiles

    @property
    def plans(self) -> PlanRepository:
        return self._scoped().plans

    @property
    def workouts(self) -> WorkoutRepository:
        return self._scoped().workouts

    @property
    def checkins(self) -> CheckInRepository:
        return self._scoped().checkins

    @property
    def equipment(self) -> EquipmentRepository:
        return self._scoped().equipment

    @property
    def exercises(self) -> ExerciseRepository:
        return self._scoped().exercises

    @property
    def measurements(self) -> MeasurementRepository:
        return self._scoped().measurements

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Plain SQL with :name parameters in this transaction (see store.queries: the same
        text runs here and on the SQLite fast path)."""
        try:
            return driver_all(self.session.connection(), sql, params)
        except DBAPIError as exc:
            raise translate(exc) from exc

    def commit(self) -> None:
        if self.readonly:
            raise StoreError("a read-only unit of work cannot commit")
        try:
            self.session.commit()
        except BaseException as exc:
            error = translate(exc)
            if error is exc:
                raise
            raise error from exc
        self._give_turn_back()  # committed: the next writer need not wait for the clean-up

    def _give_turn_back(self) -> None:
        if self._turn is not None:
            turn, self._turn = self._turn, None
            turn.release()

    def rollback(self) -> None:
        self.session.rollback()

    def _close(self) -> None:
        try:
            if self._session is not None:
                self._session.rollback()
                self._session.close()
        finally:
            try:
                if self._conn is not None:
                    self._conn.close()
            finally:
                self._session = None
                self._conn = None
                self._users = None
                self._repos = None
                self._give_turn_back()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            self._close()  # rolls back whatever was not committed
        except DBAPIError as close_error:
            if exc is None:
                raise translate(close_error) from close_error
        if exc is not None:
            error = translate(exc)
            if error is not exc:
                raise error from exc

    # --- undo --------------------------------------------------------------------------------

    def last_entry(self) -> LastEntry | None:
        """The entry `undo_last` would take back (see store.journal), None if none. In a unit
        of work that writes it is locked as `undo_last` locks it, so the `undo_last` that
        follows takes back this very entry (not a set tapped in between, while the caller
        reported this one); a reader (readonly, which takes no lock) just reads it."""
        entry = self._last_entry_locked(lock=not self.readonly)
        return None if entry is None else last_entry_of(entry)

    def _last_entry_locked(self, *, lock: bool = True) -> EntryRow | None:
        """The user's last journal entry, with the user's row and the entry's workout locked
        (in that order, as every writer locks) unless not `lock`, None if none."""
        workouts = self.workouts
        if lock:
            workouts._lock_user()
        s = self.session
        locked: set[int] = set()
        while True:
            entry = s.scalars(select(EntryRow).where(EntryRow.user_id == workouts.user_id)
                              .order_by(EntryRow.id.desc()).limit(1)).first()
            if (entry is None or entry.workout_id is None or entry.workout_id in locked
                    or not lock):
                return entry
            # The entry's workout locked, then the last entry read again: a tap (store.hot
            # locks the workout alone) that logged into it meanwhile is the last entry now,
            # and is what goes, not the workout with the tap's set in it.
            workouts.lock([entry.workout_id])
            locked.add(entry.workout_id)

    def undo_last(self) -> Undone | None:
        """Remove the user's last logged entry: the whole workout if one command logged it,
        the sets if a command added sets to an existing workout, or the last check-in change
        (restoring what the check-in held before), or the whole last import (what it wrote,
        keeping sets logged since). None if there is nothing to undo.
        Call commit() to keep the change."""
        workouts = self.workouts
        s = self.session
        entry = self._last_entry_locked()
        if entry is None:
            return None
        kind, data, workout_id = entry.kind, dict(entry.data), entry.workout_id
        undone: Undone
        if kind == "import" and entry.import_id is not None:
            from redwood.store.imports import undo_import

            taken = undo_import(self, entry.import_id)  # its entry goes with it
            return Undone(kind, taken.message, sets=taken.sets)
        if kind == "workout" and workout_id is not None:
            workout = workouts.get(workout_id)
            workouts.delete(workout_id)  # its journal entries go with it (cascade)
            n = len(workout.sets) if workout else 0
            date = workout.date if workout else None
            undone = Undone(kind, f"removed the workout of {date} ({n} sets)", date,
                            workout_id, n)
        elif kind == "sets" and workout_id is not None:
            positions = [int(p) for p in data.get("positions", [])]
            date = s.execute(select(WorkoutRow.date).where(
                WorkoutRow.id == workout_id, WorkoutRow.user_id == workouts.user_id)).scalar()
            result = s.execute(delete(SetRow).where(
                SetRow.workout_id == workout_id, SetRow.user_id == workouts.user_id,
                SetRow.position.in_(positions)))
            n = int(getattr(result, "rowcount", 0) or 0)
            plural = "" if n == 1 else "s"
            undone = Undone(kind, f"removed {n} set{plural} from the workout of {date}", date,
                            workout_id, n)
        elif kind == "deletion":
            date, n = workouts.restore_deleted(data)
            plural = "" if n == 1 else "s"
            undone = Undone(kind, f"restored {n} deleted set{plural} of {date}" if n else
                            "forgot a deleted set's id: a device may log it now", date,
                            data.get("workout", {}).get("id", workout_id), n)
        elif kind == "checkin":
            date = dt.date.fromisoformat(data["date"])
            previous = data.get("previous")
            self.checkins.restore(date, previous)
            what = "restored the check-in of" if previous else "removed the check-in of"
            undone = Undone(kind, f"{what} {date}", date)
        else:  # pragma: no cover - the CHECK constraint allows no other kind
            raise StoreError(f"cannot undo an entry of kind {kind!r}")
        s.execute(delete(EntryRow).where(EntryRow.id == entry.id))
        s.flush()
        return undone


if TYPE_CHECKING:
    from redwood.store import ports

    def _stands_for(uow: UnitOfWork) -> ports.UnitOfWork:
        """mypy: the unit of work (and its repositories) offers what the services' fake does
        (see store.ports); an error here means the two drifted apart."""
        return uow
