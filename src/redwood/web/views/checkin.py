"""Check-in: sleep, energy, soreness and body weight, then the coach's advice on them
(readiness, fatigue, deload, active rest), from the same rules the progression coach uses."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from redwood.web.views._common import (
    body_weight_number,
    current_user,
    field_text,
    redirect,
    render,
    signed_in_form,
    store_of,
    to_login,
    weight_number,
)

if TYPE_CHECKING:
    from redwood.domain.user import User
    from redwood.services.base import Store

router = APIRouter()

REGIONS = ("legs", "back", "core")
BODY_WEIGHT_KG = (Decimal(20), Decimal(400))
# Decisions of the progression coach worth raising on the check-in page.
_ADVICE = {"fatigue_swap": "Go lighter", "deload": "Deload", "return_after_break": "Ease back",
           "hold": "Hold"}


def _advice(store: Store, user: User, day: dt.date) -> dict[str, Any]:
    """The recovery report (readiness, sleep, rest days, protein, active rest) and what the
    coach changes in the next session because of it."""
    from redwood.catalog import load_catalog
    from redwood.coach.recovery import report_json
    from redwood.services.base import ServiceError
    from redwood.services.recovery import report as read
    from redwood.services.training import TrainingError, today

    try:
        report = report_json(read(store, user, day))
    except ServiceError:
        report = None
    changes: list[tuple[str, str, str]] = []
    try:
        view = today(store, user, day, load_catalog(), in_progress=True)
    except TrainingError:
        view = None
    if view is not None:
        for item in view.items:
            label = _ADVICE.get(item.target.decision.value)
            # A hold for the once-a-week rule is no news here; a hold for soreness is.
            if label == "Hold" and "soreness" not in item.target.reason:
                continue
            if label:
                changes.append((label, item.name, item.target.reason))
    return {"report": report, "changes": changes, "session": view.title if view else None}


def _values(entry: Any, unit: str) -> dict[str, Any]:
    if entry is None:
        return {"sleep": "", "energy": "", "weight": "", **{r: "" for r in REGIONS}}
    sore = {r.value: str(v) for r, v in entry.soreness.items()}
    return {
        "sleep": "" if entry.sleep_hours is None else f"{entry.sleep_hours.normalize():f}",
        "energy": "" if entry.energy is None else str(entry.energy),
        "weight": body_weight_number(entry.body_weight_kg, unit),
        **{r: sore.get(r, "") for r in REGIONS},
    }


def _page(request: Request, user: User, *, values: dict[str, Any], errors: dict[str, str],
          saved: bool, status: int = 200) -> Response:
    day = dt.date.today()
    return render(request, "checkin.html", user=user, active="checkin", title="Check-in",
                  values=values, errors=errors, saved=saved, day=day, regions=REGIONS,
                  advice=_advice(store_of(request), user, day), status=status)


@router.get("/checkin", include_in_schema=False)
def checkin_page(request: Request, saved: int = 0) -> Response:
    user = current_user(request)
    if user is None:
        return to_login(request)
    from redwood.services.recovery import checkin_on

    entry = checkin_on(store_of(request), user, dt.date.today())
    return _page(request, user, values=_values(entry, user.unit.value), errors={},
                 saved=bool(saved))


@router.post("/checkin", include_in_schema=False)
async def checkin(request: Request) -> Response:
    from redwood.domain.log import CheckIn, Unit, to_kg
    from redwood.domain.vocabulary import Region
    from redwood.services.training import checkin as save_checkin

    posted = await signed_in_form(request)
    if isinstance(posted, Response):
        return posted
    user, form = posted
    values = {name: field_text(form, name, 20) for name in ("sleep", "energy", "weight",
                                                            *REGIONS)}
    errors: dict[str, str] = {}
    sleep = None
    if values["sleep"]:
        try:
            sleep = Decimal(values["sleep"].replace(",", "."))
            if not sleep.is_finite() or not 0 <= sleep <= 24:
                raise InvalidOperation
        except InvalidOperation:
            errors["sleep"] = "Sleep: hours from 0 to 24, e.g. 7.5."
    energy = None
    if values["energy"]:
        if values["energy"] in ("1", "2", "3", "4", "5"):
            energy = int(values["energy"])
        else:
            errors["energy"] = "Energy: choose 1 (drained) to 5 (great)."
    sore: dict[Region, int] = {}
    for region in REGIONS:
        if values[region]:
            if values[region] in ("1", "2", "3", "4", "5"):
                sore[Region(region)] = int(values[region])
            else:
                errors[region] = "Soreness: choose 1 (none) to 5 (very sore)."
    body = None
    if values["weight"]:
        m = re.fullmatch(r"(\d{1,4}(?:[.,]\d{1,2})?)", values["weight"])
        if m:
            body = to_kg(m[1].replace(",", "."), Unit(user.unit.value))
        if body is None or not BODY_WEIGHT_KG[0] <= body <= BODY_WEIGHT_KG[1]:
            low, high = (weight_number(b, user.unit.value) for b in BODY_WEIGHT_KG)
            errors["weight"] = (f"Body weight: a number from {low} to {high} "
                                f"{user.unit.value}, e.g. 80.5.")
    if not errors and sleep is None and energy is None and not sore and body is None:
        errors["form"] = "Fill in at least one of sleep, energy, soreness or body weight."
    if errors:
        return _page(request, user, values=values, errors=errors, saved=False, status=422)
    save_checkin(store_of(request), user, CheckIn(date=dt.date.today(), body_weight_kg=body,
                                                  sleep_hours=sleep, energy=energy,
                                                  soreness=sore))
    return redirect("/checkin?saved=1#advice")
