"""The users repository: the directory of the people in this database (not scoped)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from redwood.domain.log import Unit
from redwood.domain.user import User
from redwood.store import validation
from redwood.store.errors import InvalidEntry, NotFound
from redwood.store.models import UserRow
from redwood.store.repositories.base import utcnow


def _check_name(name: str, what: str = "name") -> str:
    name = name.strip()
    if not name or len(name) > validation.MAX_NAME_LENGTH:
        raise InvalidEntry(f"{what}: {name!r} must be 1 to {validation.MAX_NAME_LENGTH} "
                           "characters")
    return name


def _user(row: UserRow) -> User:
    return User(id=row.id, name=row.name, unit=Unit(row.unit), created_at=row.created_at)


class UserRepository:
    """The people in this database. Not scoped: this is the directory of users."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, user_id: int) -> User | None:
        row = self._s.get(UserRow, user_id)
        return None if row is None else _user(row)

    def by_name(self, name: str) -> User | None:
        row = self._s.scalars(select(UserRow).where(UserRow.name == name.strip())).first()
        return None if row is None else _user(row)

    def list(self) -> list[User]:
        return [_user(r) for r in self._s.scalars(select(UserRow).order_by(UserRow.id))]

    def first(self) -> User | None:
        row = self._s.scalars(select(UserRow).order_by(UserRow.id).limit(1)).first()
        return None if row is None else _user(row)

    def add(self, name: str, unit: Unit = Unit.KG) -> User:
        name = _check_name(name, "user name")
        if self.by_name(name) is not None:
            raise InvalidEntry(f"user name: {name!r} is taken")
        row = UserRow(name=name, unit=Unit(unit).value, created_at=utcnow())
        self._s.add(row)
        self._s.flush()
        return _user(row)

    def _row(self, user_id: int) -> UserRow:
        row = self._s.get(UserRow, user_id)
        if row is None:
            raise NotFound(f"no user with id {user_id}")
        return row

    def set_unit(self, user_id: int, unit: Unit) -> User:
        row = self._row(user_id)
        row.unit = Unit(unit).value
        self._s.flush()
        return _user(row)

    def rename(self, user_id: int, name: str) -> User:
        row = self._row(user_id)
        name = _check_name(name, "user name")
        other = self.by_name(name)
        if other is not None and other.id != user_id:
            raise InvalidEntry(f"user name: {name!r} is taken")
        row.name = name
        self._s.flush()
        return _user(row)
