"""Body measurements: girths by site and day, in whole millimetres.

Body weight is not here: it lives in the day's check-in, where the coach reads it.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select

from redwood.store.errors import InvalidEntry
from redwood.store.models import MeasurementRow
from redwood.store.repositories.base import Scoped, utcnow

__all__ = [
    "GIRTH_RANGE_MM",
    "GIRTH_SITES",
    "Measurement",
    "MeasurementRepository",
    "check_measurement",
]

# Where a tape goes: the sites Redwood knows, each with the range a human girth can have
# (refusing a typo like 840 cm for a waist without refusing anybody real).
GIRTH_RANGE_MM: dict[str, tuple[int, int]] = {
    "neck": (200, 700),
    "chest": (500, 2000),
    "waist": (400, 2500),
    "hips": (500, 2500),
    "arm": (150, 800),
    "forearm": (120, 600),
    "thigh": (250, 1200),
    "calf": (200, 800),
}
GIRTH_SITES: tuple[str, ...] = tuple(GIRTH_RANGE_MM)


@dataclass(frozen=True, slots=True)
class Measurement:
    date: dt.date
    site: str
    value_mm: int


def check_measurement(m: Measurement) -> None:
    """Refuse a site Redwood does not know or a girth no human has, naming the field."""
    if isinstance(m.date, dt.datetime) or not isinstance(m.date, dt.date):
        raise InvalidEntry(f"date: {m.date!r} is not a date")
    if m.site not in GIRTH_RANGE_MM:
        raise InvalidEntry(f"site: {m.site!r} is not one of {', '.join(GIRTH_SITES)}")
    low, high = GIRTH_RANGE_MM[m.site]
    if isinstance(m.value_mm, bool) or not isinstance(m.value_mm, int):
        raise InvalidEntry(f"{m.site}: {m.value_mm!r} is not a whole number of mm")
    if not low <= m.value_mm <= high:
        raise InvalidEntry(f"{m.site}: {m.value_mm / 10:g} cm is out of range: allowed "
                           f"{low / 10:g}-{high / 10:g} cm")


class MeasurementRepository(Scoped):
    """The user's girths, one value per site and day (a second entry replaces the first)."""

    def put(self, measurement: Measurement) -> Measurement:
        check_measurement(measurement)
        row = self._s.scalars(select(MeasurementRow).where(
            MeasurementRow.user_id == self.user_id, MeasurementRow.date == measurement.date,
            MeasurementRow.site == measurement.site)).first()
        if row is None:
            self._s.add(MeasurementRow(user_id=self.user_id, date=measurement.date,
                                       site=measurement.site, value_mm=measurement.value_mm,
                                       created_at=utcnow()))
        else:
            row.value_mm = measurement.value_mm
        self._s.flush()
        return measurement

    def put_all(self, measurements: Iterable[Measurement]) -> int:
        n = 0
        for m in measurements:
            self.put(m)
            n += 1
        return n

    def list(self, since: dt.date | None = None, until: dt.date | None = None,
             site: str | None = None) -> builtins.list[Measurement]:
        """Oldest first (then by site), dates inclusive."""
        query = select(MeasurementRow.date, MeasurementRow.site, MeasurementRow.value_mm).where(
            MeasurementRow.user_id == self.user_id)
        if since is not None:
            query = query.where(MeasurementRow.date >= since)
        if until is not None:
            query = query.where(MeasurementRow.date <= until)
        if site is not None:
            query = query.where(MeasurementRow.site == site)
        rows = self._s.execute(query.order_by(MeasurementRow.date, MeasurementRow.site))
        return [Measurement(d, s, int(v)) for d, s, v in rows]

    def delete(self, date: dt.date, site: str | None = None) -> int:
        """Remove the day's girths (or one site's); how many went."""
        query = delete(MeasurementRow).where(MeasurementRow.user_id == self.user_id,
                                             MeasurementRow.date == date)
        if site is not None:
            query = query.where(MeasurementRow.site == site)
        result = self._s.execute(query)
        return int(getattr(result, "rowcount", 0) or 0)
