"""What every service and every entry point shares: the handle on the log, and the errors.

An entry point (cli, web) opens one `Store` (`connect`) and hands it to service functions; it
never opens a unit of work or touches a repository itself. Services raise `ServiceError` (or a
subclass) naming the field at fault (`field`, e.g. "exercise"), never a CLI flag or a form
name: each entry point words the field its own way (`--exercise`, `exercise=`, a form field).

Importing this module loads nothing heavy. `connect(fast=True)` (the CLI's commands that read
the log, and `log`) opens a SQLite log through the stdlib driver (`redwood.store.lite`),
without SQLAlchemy or Alembic; everything else, and PostgreSQL, gets the SQLAlchemy store.
"""

from __future__ import annotations

from redwood.services.errors import ServiceError
from redwood.store.errors import (
    InvalidEntry,
    NotFound,
    SchemaTooNew,
    StoreBusy,
    StoreError,
    WorkoutFull,
)
from redwood.store.location import database_url, redact
from redwood.store.schema import DEFAULT_USER

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import Any

    from redwood.store import Store

__all__ = [
    "BULK_SETS",
    "DEFAULT_USER",
    "InvalidEntry",
    "NotFound",
    "SchemaTooNew",
    "ServiceError",
    "Store",
    "StoreBusy",
    "StoreError",
    "WorkoutFull",
    "connect",
    "database_url",
    "redact",
]

BULK_SETS = 5000
"""An import or a restore of this many sets or more refreshes the database's planner
statistics after it (Store.refresh_statistics): a log that grew that much at once is one the
planner misjudges."""


def __getattr__(name: str) -> Any:
    # `Store` is needed at run time by the web's dependencies (annotations FastAPI reads);
    # imported on first use so that the CLI's fast path never loads SQLAlchemy.
    if name == "Store":
        from redwood.store.store import Store

        return Store
    raise AttributeError(f"module 'redwood.services.base' has no attribute {name!r}")


def connect(url: str | None = None, *, ensure_user: bool = True, fast: bool = False) -> Store:
    """The log at `url` (default: REDWOOD_DATABASE_URL or the SQLite file in the data folder),
    created and migrated on first use. `ensure_user`: give a new database its default user
    (a server's users sign up instead). `fast`: on an SQLite file already at this Redwood's
    schema, a store over the stdlib driver that serves the log's reads and `log` (the same
    services, the same answers; see `redwood.store.lite`); otherwise the SQLAlchemy store.
    SchemaTooNew (nothing written) for a database a newer Redwood made."""
    if fast:
        from redwood.store.lite import create_lite, open_lite

        resolved = database_url(url)
        create_lite(resolved)  # a new log: the head schema, without Alembic
        lite = open_lite(resolved)
        if lite is not None:
            # Structurally a Store for the services the fast commands call (a test runs them
            # on both and compares); typed as one so the services keep a single signature.
            return lite  # type: ignore[return-value]
    from redwood.store.store import open_store

    return open_store(url, ensure_user=ensure_user)
