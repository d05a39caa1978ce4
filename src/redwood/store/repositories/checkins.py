"""Daily check-ins (body weight, sleep, energy, soreness), one per date."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select

from redwood.domain.log import CheckIn
from redwood.domain.vocabulary import Region
from redwood.store import validation
from redwood.store.models import CheckInRow
from redwood.store.repositories.base import Scoped, from_grams, to_grams, utcnow


def _checkin(row: CheckInRow) -> CheckIn:
    return CheckIn(date=row.date, body_weight_kg=from_grams(row.body_weight_g),
                   sleep_hours=row.sleep_hours, energy=row.energy,
                   soreness={Region(k): int(v) for k, v in (row.soreness or {}).items()})


def _checkin_data(c: CheckIn | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"date": c.date.isoformat(),
            "body_weight_g": to_grams(c.body_weight_kg),
            "sleep_hours": None if c.sleep_hours is None else str(c.sleep_hours),
            "energy": c.energy,
            "soreness": {Region(k).value: v for k, v in c.soreness.items()}}


class CheckInRepository(Scoped):
    """Daily check-ins, one per date."""

    def get(self, date: dt.date) -> CheckIn | None:
        row = self._row(date)
        return None if row is None else _checkin(row)

    def _row(self, date: dt.date) -> CheckInRow | None:
        return self._s.scalars(select(CheckInRow).where(CheckInRow.user_id == self.user_id,
                                                        CheckInRow.date == date)).first()

    def upsert(self, checkin: CheckIn) -> CheckIn:
        """Record the day's check-in. A second check-in the same day updates the first: the
        values it gives replace the old ones, those it leaves out (None) are kept, soreness is
        merged by region. Journaled for undo (which restores the previous values).
        Returns the stored check-in."""
        validation.check_checkin(checkin)
        self._lock_user()
        row = self._row(checkin.date)
        previous = None if row is None else _checkin(row)
        now = utcnow()
        soreness = {Region(k).value: v for k, v in checkin.soreness.items()}
        if row is None:
            row = CheckInRow(user_id=self.user_id, date=checkin.date,
                             body_weight_g=to_grams(checkin.body_weight_kg),
                             sleep_hours=checkin.sleep_hours, energy=checkin.energy,
                             soreness=soreness, created_at=now, updated_at=now)
            self._s.add(row)
        else:
            if checkin.body_weight_kg is not None:
                row.body_weight_g = to_grams(checkin.body_weight_kg)
            if checkin.sleep_hours is not None:
                row.sleep_hours = checkin.sleep_hours
            if checkin.energy is not None:
                row.energy = checkin.energy
            row.soreness = {**(row.soreness or {}), **soreness}
            row.updated_at = now
        self._journal("checkin", None, {"date": checkin.date.isoformat(),
                                        "previous": _checkin_data(previous)})
        self._s.flush()
        return _checkin(row)

    def restore(self, date: dt.date, data: Mapping[str, Any] | None) -> None:
        """Put back a check-in as `_checkin_data` saved it, or remove it (data None)."""
        row = self._row(date)
        if data is None:
            if row is not None:
                self._s.delete(row)
        else:
            if row is None:
                now = utcnow()
                row = CheckInRow(user_id=self.user_id, date=date, soreness={}, created_at=now,
                                 updated_at=now)
                self._s.add(row)
            row.body_weight_g = data["body_weight_g"]
            row.sleep_hours = None if data["sleep_hours"] is None else Decimal(
                data["sleep_hours"])
            row.energy = data["energy"]
            row.soreness = dict(data["soreness"])
            row.updated_at = utcnow()
        self._s.flush()

    def delete(self, date: dt.date) -> bool:
        result = self._s.execute(delete(CheckInRow).where(CheckInRow.user_id == self.user_id,
                                                          CheckInRow.date == date))
        return bool(getattr(result, "rowcount", 0))

    def list(self, since: dt.date | None = None, until: dt.date | None = None) -> list[CheckIn]:
        """Oldest first, dates inclusive."""
        query = select(CheckInRow).where(CheckInRow.user_id == self.user_id)
        if since is not None:
            query = query.where(CheckInRow.date >= since)
        if until is not None:
            query = query.where(CheckInRow.date <= until)
        return [_checkin(r) for r in self._s.scalars(query.order_by(CheckInRow.date))]

    def latest(self, n: int, until: dt.date | None = None) -> builtins.list[CheckIn]:
        """The `n` most recent check-ins (on or before `until`), oldest first."""
        query = select(CheckInRow).where(CheckInRow.user_id == self.user_id)
        if until is not None:
            query = query.where(CheckInRow.date <= until)
        rows = list(self._s.scalars(query.order_by(CheckInRow.date.desc()).limit(max(n, 0))))
        return [_checkin(r) for r in reversed(rows)]
