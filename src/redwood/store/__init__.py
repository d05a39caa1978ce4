"""Storage: the training log in SQLite (default) or PostgreSQL, through SQLAlchemy 2.

    from redwood.store import open_store
    store = open_store()                 # creates and migrates the database on first use
    user = store.default_user()
    with store.unit_of_work(user.id) as uow:
        uow.workouts.add(workout)
        uow.commit()

Importing this package loads SQLAlchemy (not Alembic, which is only imported to migrate);
the CLI imports it inside the commands that need it. Errors: StoreError and its subclasses
StoreBusy (retry), InvalidEntry (refused value), NotFound, each with a one-line message.
"""

from redwood.store.errors import InvalidEntry, NotFound, StoreBusy, StoreError
from redwood.store.location import data_dir, database_url
from redwood.store.migrate import HEAD_REVISION
from redwood.store.repositories import CustomExercise, PlanRecord, ProfileRecord
from redwood.store.store import DEFAULT_USER, Store, open_store
from redwood.store.uow import Undone, UnitOfWork

__all__ = [
    "DEFAULT_USER",
    "HEAD_REVISION",
    "CustomExercise",
    "InvalidEntry",
    "NotFound",
    "PlanRecord",
    "ProfileRecord",
    "Store",
    "StoreBusy",
    "StoreError",
    "Undone",
    "UnitOfWork",
    "data_dir",
    "database_url",
    "open_store",
]
