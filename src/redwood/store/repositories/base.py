"""What every repository shares: the user scope, grams and dates as the database holds them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from redwood.store.errors import NotFound
from redwood.store.models import EntryRow, UserRow
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


class Scoped:
    """A repository of one user's rows, inside its unit of work's session."""

    def __init__(self, session: Session, user_id: int) -> None:
        self._s = session
        self.user_id = user_id

    def _lock_user(self) -> None:
        """Serialize this user's read-modify-write commands (PostgreSQL: row lock; SQLite
        already holds the write lock from BEGIN IMMEDIATE and ignores FOR UPDATE)."""
        found = self._s.execute(
            select(UserRow.id).where(UserRow.id == self.user_id).with_for_update()
        ).first()
        if found is None:
            raise NotFound(f"no user with id {self.user_id}")

    def _core(self) -> Connection:
        """The transaction's connection, for bulk reads without the ORM's row handling."""
        return self._s.connection()

    def _journal(self, kind: str, workout_id: int | None, data: dict[str, Any]) -> None:
        self._s.add(EntryRow(user_id=self.user_id, kind=kind, workout_id=workout_id, data=data,
                             created_at=utcnow()))
