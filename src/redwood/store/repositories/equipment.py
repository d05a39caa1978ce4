"""Equipment profiles: what can be loaded at each location."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import bindparam, delete, select

from redwood.domain.vocabulary import Location
from redwood.store.errors import InvalidEntry
from redwood.store.models import EquipmentRow
from redwood.store.repositories.base import Scoped, utcnow


def _location(name: str) -> str:
    try:
        return Location(name.strip().lower()).value
    except ValueError:
        raise InvalidEntry(f"equipment profile: {name!r} is not one of "
                           f"{', '.join(x.value for x in Location)}") from None


_EQUIPMENT = select(EquipmentRow.data).where(EquipmentRow.user_id == bindparam("user_id"),
                                             EquipmentRow.name == bindparam("name"))


class EquipmentRepository(Scoped):
    """What can be loaded at each location (gym, home, outdoor), as JSON data."""

    def get(self, name: str) -> dict[str, Any] | None:
        data = self._core().execute(_EQUIPMENT, {"user_id": self.user_id,
                                                 "name": _location(name)}).scalar()
        return None if data is None else dict(data)

    def put(self, name: str, data: Mapping[str, Any]) -> None:
        location = _location(name)
        self._lock_user()
        row = self._s.scalars(select(EquipmentRow).where(
            EquipmentRow.user_id == self.user_id, EquipmentRow.name == location)).first()
        if row is None:
            self._s.add(EquipmentRow(user_id=self.user_id, name=location, data=dict(data),
                                     updated_at=utcnow()))
        else:
            row.data = dict(data)
            row.updated_at = utcnow()
        self._s.flush()

    def merge(self, name: str, data: Mapping[str, Any]) -> dict[str, Any]:
        """Replace the fields `data` gives at `name`, keeping the others; the merged profile.
        The user's row is locked before the profile is read: two edits sent at once (the
        settings page and `redwood equipment`) each merge into what the other left, instead
        of the later one writing back the profile it read before the first committed."""
        self._lock_user()
        merged = {**(self.get(name) or {}), **data}
        self.put(name, merged)
        return merged

    def list(self) -> dict[str, dict[str, Any]]:
        rows = self._s.execute(select(EquipmentRow.name, EquipmentRow.data)
                               .where(EquipmentRow.user_id == self.user_id)
                               .order_by(EquipmentRow.name))
        return {r.name: dict(r.data) for r in rows}

    def delete(self, name: str) -> bool:
        result = self._s.execute(delete(EquipmentRow).where(
            EquipmentRow.user_id == self.user_id, EquipmentRow.name == _location(name)))
        return bool(getattr(result, "rowcount", 0))
