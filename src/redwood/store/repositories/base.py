"""What every repository shares: the user scope, grams and dates as the database holds them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from redwood.store.errors import NotFound
from redwood.store.models import EntryRow, SetRow, UserRow
from redwood.store.values import (
    CENT,
    GRAMS_PER_KG,
    KG_CACHE,
    TENTH,
    from_grams,
    read_date,
    read_decimal,
    to_grams,
    utcnow,
)

__all__ = ["CENT", "GRAMS_PER_KG", "KG_CACHE", "TENTH", "Scoped", "from_grams", "read_date",
           "read_decimal", "to_grams", "utcnow"]


def sets_of(user_id: int) -> Any:
    """The user's sets, as a condition for a query that names its workouts' ids, leaving the
    choice of index to those: with `user_id = ?` SQLite (no statistics) walks the
    (user_id, exercise_id, ...) index over every set of the user to find a few workouts'
    sets (a batch of an export read all 300,000 of a long log); `+ 0` is no index column, so
    it takes the (workout_id, position) index, as PostgreSQL does."""
    return (SetRow.user_id + 0) == user_id


LOCK_USER = (select(UserRow.id).where(UserRow.id == bindparam("user_id"))
             .with_for_update(key_share=True))
"""The user's row locked until the commit, FOR NO KEY UPDATE: every writer of the user's
that reads before it writes (a check-in, a plan, a profile, an import, an undo) takes it
first, so they take turns. Not FOR UPDATE: each row written that names the user (a set's
journal row, a workout, a check-in) takes a key-share lock on the user's row for its foreign
key, which FOR UPDATE would make wait, and a tap that holds its workout's row then waited on
the user's row while the writer holding it wanted the workout: a deadlock (an import's append
to the workout, tests/integration/test_import_append_turns; an undo of an import or of a
workout, test_writer_pairs). PostgreSQL only: SQLite's write transaction, begun IMMEDIATE,
already excludes every other writer (and SQLAlchemy writes no FOR clause there).

The order every writer locks in: the user's row, then the workouts it changes in id order
(WorkoutRepository.lock), then it reads their sets; a tap (store.hot) locks its workout
alone."""


class Scoped:
    """A repository of one user's rows, inside its unit of work's session."""

    def __init__(self, session: Session, user_id: int) -> None:
        self._s = session
        self.user_id = user_id

    def _lock_user(self) -> None:
        """Serialize this user's read-modify-write commands (LOCK_USER)."""
        found = self._s.execute(LOCK_USER, {"user_id": self.user_id}).first()
        if found is None:
            raise NotFound(f"no user with id {self.user_id}")

    def _core(self) -> Connection:
        """The transaction's connection, for bulk reads without the ORM's row handling."""
        return self._s.connection()

    def _journal(self, kind: str, workout_id: int | None, data: dict[str, Any]) -> EntryRow:
        entry = EntryRow(user_id=self.user_id, kind=kind, workout_id=workout_id, data=data,
                         created_at=utcnow())
        self._s.add(entry)
        return entry
