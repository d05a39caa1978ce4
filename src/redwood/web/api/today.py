"""Today's session with the coach's targets: the same JSON as `redwood today --format json`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from redwood.services.training import TrainingError
from redwood.services.training import today as today_view
from redwood.web.deps import ApiUser, CatalogDep, StoreDep

router = APIRouter(tags=["today"])


class WarmupOut(BaseModel):
    weight_kg: float
    reps_min: int
    reps_max: int
    plates_per_side: list[float]


class TodayItemOut(BaseModel):
    exercise_id: str
    name: str
    sets: int
    weight_kg: float | None
    reps_min: int | None = None
    reps_max: int | None = None
    seconds_min: int | None = None
    seconds_max: int | None = None
    rest_s: int
    decision: str
    reason: str
    notes: list[str]
    switch_to: str | None = None
    calibrating: bool | None = None
    """The load is still an estimate: log RPE on its sets (no weekly cap yet)."""
    rep_out: bool | None = None
    """The last set is a rep-out: as many good reps as possible, stopping 1-2 before failure."""
    ramp: bool | None = None
    """A first session that works up by feel: `weight_kg` is set 1, light on purpose; each
    next set's load comes with the answer to the set before (`next_weight_kg`, and why in
    `next_reason`)."""
    block: int
    superset: str | None = None
    """'A', 'B'... for the two exercises of a superset."""
    warmup: list[WarmupOut]
    cues: list[str] = []
    mistakes: list[str] = []


class TodayOut(BaseModel):
    date: dt.date
    title: str
    plan_id: int
    week: int
    session: int
    estimated_minutes: int | None
    notes: list[str]
    items: list[TodayItemOut]


def today_json(view: Any) -> dict[str, Any]:
    """The CLI's today JSON, plus each item's form cues and common mistakes."""
    out: dict[str, Any] = view.to_dict()
    for item, shown in zip(out["items"], view.items, strict=True):
        item["cues"] = list(shown.cues)
        item["mistakes"] = list(shown.mistakes)
    return out


@router.get("/today", response_model=TodayOut,
            responses={404: {"description": "no active plan, or every session is done"}})
def today(user: ApiUser, store: StoreDep, catalog: CatalogDep,
          date: Annotated[dt.date | None,
                          Query(description="default: today (server's date)")] = None,
          ) -> JSONResponse:
    """The next planned session on or after the date, with a target for each lift."""
    day = date or dt.date.today()
    try:
        view = today_view(store, user, day, catalog)
    except TrainingError as exc:
        raise HTTPException(404, str(exc)) from None
    return JSONResponse(today_json(view))
