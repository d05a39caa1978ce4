"""Open the database: find it, create it, bring its schema to head, make sure a user exists."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Self

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from redwood.domain.user import User
from redwood.store.engine import BUSY_TIMEOUT_MS, make_engine
from redwood.store.errors import InvalidEntry, StoreBusy, StoreError
from redwood.store.location import database_url, redact, sqlite_path
from redwood.store.migrate import ensure_schema
from redwood.store.schema import DEFAULT_USER, is_current
from redwood.store.uow import Undone, UnitOfWork, translate

if TYPE_CHECKING:
    from redwood.store.pooled import PooledReader

__all__ = ["DEFAULT_USER", "Store", "open_store"]


class Store:
    """One database. Cheap to keep for a process; close() when done."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    def unit_of_work(self, user_id: int | None = None, *, readonly: bool = False,
                     reads_first: bool = False) -> UnitOfWork:
        """A transaction with the repositories of `user_id` (None: only `uow.users`).

        `reads_first`: the unit of work reads, then calls `uow.write()` before it writes. On
        SQLite the reads then stay out of the writers' queue (one writer at a time for the
        whole file: the less a write holds it, the shorter everyone's wait), at the price of
        a snapshot that may be a moment older than the write; on PostgreSQL it is one
        transaction as usual."""
        return UnitOfWork(self.engine, user_id, readonly, reads_first)

    def refresh_statistics(self) -> None:
        """After a bulk write (a large import): on PostgreSQL, ANALYZE the log's tables, as
        PostgreSQL advises after loading much data, so the planner knows their size at once
        (autovacuum does it minutes later, or never when it is off). Without it the first
        export after importing 300,000 sets sorted them all on disk (1.0 s in the database
        against 0.5 s). SQLite plans from the indexes alone: nothing to do."""
        if self.backend != "postgresql":
            return
        from sqlalchemy import text

        with self.engine.begin() as conn:
            conn.execute(text("ANALYZE workouts, sets"))

    def reader(self, user_id: int | None = None) -> UnitOfWork:
        """A read-only unit of work: one consistent snapshot; never waits for a writer."""
        return UnitOfWork(self.engine, user_id, readonly=True)

    def quick_reader(self, user_id: int) -> PooledReader:
        """A read-only unit of work like `reader`'s, on a driver connection from the pool
        with the SQLite fast path's repositories (store.pooled): for the reads of today's
        session (`plans`, `profiles`, `equipment`, `checkins`, `workouts`' reads), at a
        fraction of the ORM's CPU. Not every repository method is there: see lite.py."""
        from redwood.store.pooled import PooledReader

        return PooledReader(self.engine, user_id)

    def default_user(self) -> User:
        """The first user of the database, created (as 'me', in kg) if there is none."""
        with self.reader() as uow:
            user = uow.users.first()
        if user is not None:
            return user
        try:
            with self.unit_of_work() as uow:
                user = uow.users.first() or uow.users.add(DEFAULT_USER)
                uow.commit()
                return user
        except (InvalidEntry, StoreBusy):
            # Another process created it between our read and our write (PostgreSQL, READ
            # COMMITTED): its user is the default one.
            with self.reader() as uow:
                user = uow.users.first()
            if user is None:
                raise
            return user

    def user(self, name: str | None = None) -> User:
        """The user called `name`, or the default user."""
        if name is None:
            return self.default_user()
        with self.reader() as uow:
            user = uow.users.by_name(name)
        if user is None:
            raise StoreError(f"no user named {name!r}")
        return user

    def undo_last(self, user_id: int) -> Undone | None:
        """Remove the user's last logged entry (see UnitOfWork.undo_last) and commit."""
        with self.unit_of_work(user_id) as uow:
            undone = uow.undo_last()
            if undone is not None:
                uow.commit()
            return undone

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({redact(self.url)!r})"


def open_store(url: str | None = None, *, migrate: bool = True, ensure_user: bool = True,
               busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Store:
    """Open (and on first use create) the database, upgraded to the newest schema.

    `url`: the CLI's --database-url; else $REDWOOD_DATABASE_URL; else redwood.db in
    $REDWOOD_HOME or the user's data directory. A default user exists afterwards.
    `busy_timeout_ms`: how long a writer waits for another before StoreBusy.
    """
    resolved = database_url(url)
    path = sqlite_path(resolved)
    if path is not None and migrate:
        from redwood.store.lite import peek_revision

        # Before the engine's first connection sets WAL: a database a newer Redwood made is
        # refused (SchemaTooNew) with nothing written to it.
        is_current(peek_revision(path))
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {path.parent}: {exc.strerror}") from exc
    try:
        engine = make_engine(resolved, busy_timeout_ms)
    except Exception as exc:  # bad URL, missing driver
        raise StoreError(f"cannot use database {redact(resolved)}: {exc}") from exc
    store = Store(engine, resolved)
    try:
        if migrate:
            ensure_schema(engine)
        if ensure_user:
            store.default_user()
    except DBAPIError as exc:
        store.close()
        error = translate(exc)
        if isinstance(error, StoreError) and type(error) is not StoreError:
            raise error from exc  # StoreBusy, InvalidEntry
        text = str(exc.orig if exc.orig is not None else exc).strip()
        detail = text.splitlines()[0] if text else type(exc).__name__
        raise StoreError(f"cannot open database {redact(resolved)}: {detail}") from exc
    except BaseException:
        store.close()
        raise
    return store


if TYPE_CHECKING:
    from redwood.store import ports

    def _stands_for(store: Store) -> ports.Store:
        """mypy: the store offers what the services' fake does (see store.ports)."""
        return store
