"""What every service and every entry point shares: the handle on the log, and the errors.

An entry point (cli, web) opens one `Store` (`connect`) and hands it to service functions; it
never opens a unit of work or touches a repository itself. Services raise `ServiceError` (or a
subclass) naming the field at fault (`field`, e.g. "exercise"), never a CLI flag or a form
name: each entry point words the field its own way (`--exercise`, `exercise=`, a form field).

Importing this module loads the store (SQLAlchemy): the CLI imports it inside its commands.
"""

from __future__ import annotations

from redwood.services.errors import ServiceError
from redwood.store import (
    DEFAULT_USER,
    InvalidEntry,
    NotFound,
    Store,
    StoreBusy,
    StoreError,
    database_url,
    open_store,
)
from redwood.store.location import redact

__all__ = [
    "DEFAULT_USER",
    "InvalidEntry",
    "NotFound",
    "ServiceError",
    "Store",
    "StoreBusy",
    "StoreError",
    "connect",
    "database_url",
    "redact",
]


def connect(url: str | None = None, *, ensure_user: bool = True) -> Store:
    """The log at `url` (default: REDWOOD_DATABASE_URL or the SQLite file in the data folder),
    created and migrated on first use. `ensure_user`: give a new database its default user
    (a server's users sign up instead)."""
    return open_store(url, ensure_user=ensure_user)
