"""Storage: the training log in SQLite (default) or PostgreSQL, through SQLAlchemy 2.

    from redwood.store import open_store
    store = open_store()                 # creates and migrates the database on first use
    user = store.default_user()
    with store.unit_of_work(user.id) as uow:
        uow.workouts.add(workout)
        uow.commit()

Importing this package loads nothing: every name below is imported on first use, so the SQLite
fast path (`redwood.store.lite`: the log's common reads and `log` over the stdlib sqlite3
driver) never loads SQLAlchemy (Store, open_store, UnitOfWork and the records need it).
Alembic is only imported to migrate. Errors: StoreError and its subclasses StoreBusy (retry),
InvalidEntry (refused value), NotFound and SchemaTooNew, each with a one-line message.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import Any

    from redwood.store.errors import (
        InvalidEntry,
        NotFound,
        SchemaTooNew,
        StoreBusy,
        StoreError,
    )
    from redwood.store.location import data_dir, database_url
    from redwood.store.repositories import PlanRecord, ProfileRecord
    from redwood.store.schema import DEFAULT_USER, HEAD_REVISION
    from redwood.store.store import Store, open_store
    from redwood.store.uow import Undone, UnitOfWork
    from redwood.store.values import CustomExercise

# Every name on first use, even the light ones: `redwood plan` imports `store.location` to see
# whether there is a log holding a saved profile, and the package's import must not load
# sqlite3, json or decimal for that (tests/e2e/test_cli_plan.py lists what it may load).
_LAZY = {
    **dict.fromkeys(("InvalidEntry", "NotFound", "SchemaTooNew", "StoreBusy", "StoreError"),
                    "redwood.store.errors"),
    "data_dir": "redwood.store.location",
    "database_url": "redwood.store.location",
    "DEFAULT_USER": "redwood.store.schema",
    "HEAD_REVISION": "redwood.store.schema",
    "CustomExercise": "redwood.store.values",
    "PlanRecord": "redwood.store.repositories",
    "ProfileRecord": "redwood.store.repositories",
    "Store": "redwood.store.store",
    "open_store": "redwood.store.store",
    "Undone": "redwood.store.uow",
    "UnitOfWork": "redwood.store.uow",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'redwood.store' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "DEFAULT_USER",
    "HEAD_REVISION",
    "CustomExercise",
    "InvalidEntry",
    "NotFound",
    "PlanRecord",
    "ProfileRecord",
    "SchemaTooNew",
    "Store",
    "StoreBusy",
    "StoreError",
    "Undone",
    "UnitOfWork",
    "data_dir",
    "database_url",
    "open_store",
]
