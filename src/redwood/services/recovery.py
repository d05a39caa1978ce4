"""Recovery: check-ins, body measurements and the coach's reading of them.

`report` gathers what `redwood recovery`, the check-in page and PUT /checkins read (the last
three weeks of workouts and check-ins, and the latest body weight however old) and hands it to
the pure `redwood.coach.recovery.recovery_report`; it was gathered three times before. The rest
reads and writes the day's check-in and the tape measurements. (Saving a check-in is
`redwood.services.training.checkin`: the progression coach reads it.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from redwood.services.base import ServiceError

if TYPE_CHECKING:
    from redwood.coach.recovery import RecoveryReport
    from redwood.domain.log import CheckIn
    from redwood.domain.user import User
    from redwood.services.base import Store

LOOKBACK_DAYS = 21
"""How far back the log is read: the coach's fatigue window is 10 days, the week is 7."""
WEIGHED_LOOKBACK = 60
"""Check-ins searched for the latest body weight (protein needs one, however old)."""


def report(store: Store, user: User, day: dt.date, *, before_kg: Decimal | None = None,
           after_kg: Decimal | None = None) -> RecoveryReport:
    """The coach's reading of `day` (readiness, rest days, protein, sleep, fluid when the
    weights before and after a session are given, active rest). A reading the rules cannot
    make (e.g. an after-weight that makes no sense) is a ServiceError."""
    from redwood.coach.recovery import recovery_report

    since = day - dt.timedelta(days=LOOKBACK_DAYS)
    with store.reader(user.id) as uow:
        workouts = uow.workouts.list(since, day)
        checkins = uow.checkins.list(since, day)
        weighed = [c for c in uow.checkins.latest(WEIGHED_LOOKBACK, day)
                   if c.body_weight_kg is not None]
    by_date = {c.date: c for c in [*weighed[-1:], *checkins]}
    try:
        return recovery_report(workouts, sorted(by_date.values(), key=lambda c: c.date), day,
                               before_kg=before_kg, after_kg=after_kg)
    except ValueError as exc:
        raise ServiceError(str(exc)) from None


def checkins(store: Store, user: User, *, since: dt.date | None = None,
             until: dt.date | None = None) -> list[CheckIn]:
    """The check-ins between the days (inclusive), oldest first."""
    with store.reader(user.id) as uow:
        return uow.checkins.list(since=since, until=until)


def checkin_on(store: Store, user: User, day: dt.date) -> CheckIn | None:
    with store.reader(user.id) as uow:
        return uow.checkins.get(day)


def delete_checkin(store: Store, user: User, day: dt.date) -> bool:
    """Remove the day's check-in; False when there was none."""
    with store.unit_of_work(user.id) as uow:
        removed = bool(uow.checkins.delete(day))
        uow.commit()
    return removed


def girth_range_mm(site: str) -> tuple[int, int]:
    """The range a human girth at `site` can have, in mm (ServiceError for an unknown site)."""
    from redwood.store.measurements import GIRTH_RANGE_MM

    if site not in GIRTH_RANGE_MM:
        raise ServiceError(f"{site!r} is not one of {', '.join(GIRTH_RANGE_MM)}", "site")
    return GIRTH_RANGE_MM[site]


def measure(store: Store, user: User, day: dt.date, *, body_weight_kg: Decimal | None = None,
            girths_mm: Mapping[str, int] | None = None) -> None:
    """Record the day's body weight (into its check-in, keeping the rest of it) and girths,
    all or nothing."""
    from redwood.domain.log import CheckIn
    from redwood.store.measurements import Measurement

    girths: Iterable[tuple[str, int]] = (girths_mm or {}).items()
    with store.unit_of_work(user.id) as uow:
        if body_weight_kg is not None:
            uow.checkins.upsert(CheckIn(date=day, body_weight_kg=body_weight_kg))
        uow.measurements.put_all(Measurement(day, site, v) for site, v in girths)
        uow.commit()
