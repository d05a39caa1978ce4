"""The lifter's profiles (goal, level, days...), one active at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from redwood.store.errors import NotFound
from redwood.store.models import ProfileRow
from redwood.store.repositories.base import Scoped, utcnow


@dataclass(frozen=True, slots=True)
class ProfileRecord:
    id: int
    data: dict[str, Any]
    active: bool
    created_at: dt.datetime


class ProfileRepository(Scoped):
    """The lifter's profiles (goal, level, days...): one active at a time."""

    def add(self, data: Mapping[str, Any], activate: bool = True) -> int:
        self._lock_user()
        if activate:
            self._deactivate()
        row = ProfileRow(user_id=self.user_id, data=dict(data), active=activate,
                         created_at=utcnow())
        self._s.add(row)
        self._s.flush()
        return row.id

    def _deactivate(self) -> None:
        self._s.execute(update(ProfileRow)
                        .where(ProfileRow.user_id == self.user_id, ProfileRow.active)
                        .values(active=False))

    def active(self) -> tuple[int, dict[str, Any]] | None:
        row = self._s.execute(
            select(ProfileRow.id, ProfileRow.data)
            .where(ProfileRow.user_id == self.user_id, ProfileRow.active)
        ).first()
        return None if row is None else (row.id, row.data)

    def get(self, profile_id: int) -> ProfileRecord | None:
        row = self._s.scalars(select(ProfileRow).where(
            ProfileRow.id == profile_id, ProfileRow.user_id == self.user_id)).first()
        return None if row is None else ProfileRecord(row.id, row.data, row.active,
                                                      row.created_at)

    def list(self) -> list[ProfileRecord]:
        """Newest first."""
        rows = self._s.scalars(select(ProfileRow).where(ProfileRow.user_id == self.user_id)
                               .order_by(ProfileRow.id.desc()))
        return [ProfileRecord(r.id, r.data, r.active, r.created_at) for r in rows]

    def activate(self, profile_id: int) -> None:
        self._lock_user()
        if self.get(profile_id) is None:
            raise NotFound(f"no profile {profile_id}")
        self._deactivate()
        self._s.execute(update(ProfileRow).where(ProfileRow.id == profile_id,
                                                 ProfileRow.user_id == self.user_id)
                        .values(active=True))
