"""Check-ins: how the lifter slept and feels, one per day, with the coach's reading of them.

PUT /checkins/{date} records the day's check-in the way `redwood checkin` does: the values it
gives replace the day's old ones, those it leaves out are kept, soreness merges by region. The
answer carries the coach's advice for that day (readiness, and active rest when fatigue or
soreness calls for it), the same reading `redwood recovery` and the progression coach make.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field

from redwood.domain.log import CheckIn
from redwood.domain.user import User
from redwood.domain.vocabulary import Region
from redwood.services.base import Store
from redwood.web.api.paging import Limit, Offset, Page, not_found, page, unprocessable
from redwood.web.deps import ApiUser, StoreDep

router = APIRouter(tags=["check-ins"])

EARLIEST = dt.date(1950, 1, 1)
CheckInDate = Annotated[dt.date, Path(description="The day, YYYY-MM-DD.")]
Soreness = Annotated[int, Field(ge=1, le=5)]


class CheckInIn(BaseModel):
    """Give at least one value."""

    model_config = ConfigDict(extra="forbid")

    body_weight_kg: Annotated[Decimal, Field(ge=20, le=400, decimal_places=2)] | None = None
    sleep_hours: Annotated[Decimal, Field(ge=0, le=24, decimal_places=2)] | None = None
    energy: Annotated[int, Field(ge=1, le=5, description="1 (drained) to 5 (great).")] | None = (
        None)
    soreness: Annotated[dict[Region, Soreness], Field(
        description="By region, 1 (none) to 5 (very sore), e.g. {\"legs\": 2}.")] = {}


class CheckInOut(BaseModel):
    date: dt.date
    body_weight_kg: float | None
    sleep_hours: float | None
    energy: int | None
    soreness: dict[Region, int]


class Advice(BaseModel):
    """The coach's reading of the day."""

    readiness: str = Field(description="ready, caution (sore or short of sleep: loads hold), "
                                       "fatigued (loads go lighter) or unknown")
    reasons: list[str]
    active_rest: list[str] = Field(description="Suggestions when fatigue or soreness calls "
                                               "for them.")
    sleep_verdict: str | None


class CheckInSaved(CheckInOut):
    advice: Advice


def checkin_out(c: CheckIn) -> CheckInOut:
    return CheckInOut(
        date=c.date, body_weight_kg=None if c.body_weight_kg is None else float(c.body_weight_kg),
        sleep_hours=None if c.sleep_hours is None else float(c.sleep_hours), energy=c.energy,
        soreness={Region(k): int(v) for k, v in c.soreness.items()})


def _day(value: dt.date, field: str) -> dt.date:
    if not EARLIEST <= value <= dt.date.today() + dt.timedelta(days=1):
        raise unprocessable(field, f"{value} must be between {EARLIEST} and tomorrow")
    return value


def advice_for(store: Store, user: User, day: dt.date) -> Advice:
    """The coach's reading of `day`, from the log up to it (as `redwood recovery` reads it)."""
    from redwood.services.recovery import report as read

    report = read(store, user, day)
    return Advice(readiness=report.readiness.status, reasons=list(report.readiness.reasons),
                  active_rest=list(report.active_rest),
                  sleep_verdict=None if report.sleep is None else report.sleep.verdict)


@router.get("/checkins", response_model=Page[CheckInOut], summary="Your check-ins, newest first")
def list_checkins(user: ApiUser, store: StoreDep,
                  since: Annotated[dt.date | None, Query(description="From this day.")] = None,
                  until: Annotated[dt.date | None, Query(description="To this day.")] = None,
                  limit: Limit = 50, offset: Offset = 0) -> Page[CheckInOut]:
    if since is not None and until is not None and until < since:
        raise unprocessable("until", f"{until} is before since ({since})")
    from redwood.services.recovery import checkins

    found = checkins(store, user, since=since, until=until)
    return page([checkin_out(c) for c in reversed(found)], limit, offset)


@router.get("/checkins/{date}", response_model=CheckInSaved, summary="One day's check-in")
def get_checkin(date: CheckInDate, user: ApiUser, store: StoreDep) -> CheckInSaved:
    from redwood.services.recovery import checkin_on

    found = checkin_on(store, user, date)
    if found is None:
        raise not_found(f"date: no check-in on {date}")
    return CheckInSaved(**checkin_out(found).model_dump(), advice=advice_for(store, user, date))


@router.put("/checkins/{date}", response_model=CheckInSaved,
            summary="Record the day's check-in")
def put_checkin(date: CheckInDate, body: CheckInIn, user: ApiUser,
                store: StoreDep) -> CheckInSaved:
    from redwood.services.training import checkin

    day = _day(date, "date")
    if (body.body_weight_kg is None and body.sleep_hours is None and body.energy is None
            and not body.soreness):
        raise unprocessable("body", "give at least one of body_weight_kg, sleep_hours, energy, "
                                    "soreness")
    saved = checkin(store, user, CheckIn(date=day, body_weight_kg=body.body_weight_kg,
                                         sleep_hours=body.sleep_hours, energy=body.energy,
                                         soreness=dict(body.soreness)))
    return CheckInSaved(**checkin_out(saved).model_dump(), advice=advice_for(store, user, day))


@router.delete("/checkins/{date}", status_code=status.HTTP_204_NO_CONTENT,
               summary="Remove the day's check-in")
def delete_checkin(date: CheckInDate, user: ApiUser, store: StoreDep) -> Response:
    from redwood.services.recovery import delete_checkin

    if not delete_checkin(store, user, date):
        raise not_found(f"date: no check-in on {date}")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
