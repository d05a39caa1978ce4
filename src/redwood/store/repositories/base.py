"""What every repository shares: the user scope, grams and dates as the database holds them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from redwood.store.errors import NotFound
from redwood.store.models import EntryRow, SetRow, UserRow

CENT = Decimal("0.01")
GRAMS_PER_KG = 1000


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def to_grams(kg: Decimal | None) -> int | None:
    """Kilograms (exact to 0.01, already validated) as integer grams."""
    if kg is None:
        return None
    return int(Decimal(kg).quantize(CENT) * GRAMS_PER_KG)


KG_CACHE: dict[int, Decimal] = {}
"""Kilograms by grams, filled by `from_grams` (a hot loop may look here first)."""


def from_grams(grams: int | None) -> Decimal | None:
    if grams is None:
        return None
    kg = KG_CACHE.get(grams)
    if kg is None:
        kg = (Decimal(grams) / GRAMS_PER_KG).quantize(CENT)
        if len(KG_CACHE) < 100_000:
            KG_CACHE[grams] = kg
    return kg


TENTH = Decimal("0.1")


def sets_of(user_id: int) -> Any:
    """The user's sets, as a condition for a query that names its workouts' ids, leaving the
    choice of index to those: with `user_id = ?` SQLite (no statistics) walks the
    (user_id, exercise_id, ...) index over every set of the user to find a few workouts'
    sets (a batch of an export read all 300,000 of a long log); `+ 0` is no index column, so
    it takes the (workout_id, position) index, as PostgreSQL does."""
    return (SetRow.user_id + 0) == user_id


def read_decimal(value: Any, places: Decimal) -> Decimal | None:
    """A NUMERIC value as read: Decimal (PostgreSQL), or float/int (SQLite, which has no
    exact decimal type; these columns hold at most 2 decimals, so this is exact)."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(repr(value) if isinstance(value, float) else str(value)).quantize(places)


_DATES: dict[Any, dt.date] = {}


def read_date(value: Any) -> dt.date:
    """A DATE as read: a date (PostgreSQL) or ISO text (SQLite)."""
    if isinstance(value, dt.date):
        return value
    date = _DATES.get(value)
    if date is None:
        date = dt.date.fromisoformat(str(value)[:10])
        if len(_DATES) < 100_000:
            _DATES[value] = date
    return date


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
