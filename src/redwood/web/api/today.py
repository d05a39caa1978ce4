"""Today's session with the coach's targets and what is logged of it: the same JSON as
`redwood today --format json`, plus each lift's form cues."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from redwood.services.training import TrainingError, today_progress
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
    rpe: float | None = None
    """The plan's effort target for the sets (RPE 1-10), where it sets one."""
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
    done: list[dict[str, Any]] | None = None
    """Once a set of the session is logged: this lift's sets done (as `history`'s sets), up
    to `sets`..."""
    extra: list[dict[str, Any]] | None = None
    """...those past `sets`..."""
    remaining: int | None = None
    """...how many are left..."""
    next_weight_kg: float | None = None
    """...and the next set's load: a ramp's step from the set before, else the target's."""
    next_reason: str | None = None
    """Why a ramp's next load is that step."""


class TodayOut(BaseModel):
    date: dt.date
    title: str
    plan_id: int
    week: int
    session: int
    estimated_minutes: int | None
    notes: list[str]
    items: list[TodayItemOut]
    sets_done: int | None = None
    """Once a set of the session is logged: its sets logged of `sets_total`."""
    sets_total: int | None = None
    complete: bool | None = None
    other_sets: list[dict[str, Any]] | None = None
    """Sets logged that day of lifts the session does not hold, each with its `name`."""
    done_today: list[dict[str, Any]] | None = None
    """The sessions of the day that Today has moved past (all their sets logged, or
    finished): title, date, sets, finished."""


def today_json(progress: Any) -> dict[str, Any]:
    """The CLI's today JSON (services.training.TodayProgress: the session and what is logged
    of it), plus each item's form cues and common mistakes."""
    out: dict[str, Any] = progress.to_dict()
    for item, shown in zip(out["items"], progress.view.items, strict=True):
        item["cues"] = list(shown.cues)
        item["mistakes"] = list(shown.mistakes)
    return out


@router.get("/today", response_model=TodayOut,
            responses={404: {"description": "no active plan, or every session is done"}})
def today(user: ApiUser, store: StoreDep, catalog: CatalogDep,
          date: Annotated[dt.date | None,
                          Query(description="default: today (server's date)")] = None,
          ) -> JSONResponse:
    """The session being trained on the date (sets logged, not done), else the next planned
    one on or after it, with a target for each lift and what is logged of it."""
    day = date or dt.date.today()
    try:
        progress = today_progress(store, user, day, catalog)
    except TrainingError as exc:
        raise HTTPException(404, str(exc)) from None
    return JSONResponse(today_json(progress))
