"""Personal records per exercise (like `redwood prs --format json`): the heaviest weight, the
best estimated 1RM and the best session volume, each with its day and the set behind it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from redwood.web.api.paging import Limit, Offset, Page, page
from redwood.web.deps import ApiUser, StoreDep

router = APIRouter(tags=["records"])


class Best(BaseModel):
    value: float = Field(description="kg (for the heaviest and e1RM, the weight; for volume, "
                                     "kg x reps summed over the session).")
    date: dt.date | None
    weight_kg: float | None
    reps: int | None


class ExerciseRecords(BaseModel):
    exercise_id: str
    name: str
    heaviest: Best | None
    best_e1rm: Best | None
    best_volume: Best | None


def _best(b: Any) -> Best | None:
    if b is None:
        return None
    return Best(value=float(b.value), date=b.date,
                weight_kg=None if b.weight_kg is None else float(b.weight_kg), reps=b.reps)


@router.get("/records", response_model=Page[ExerciseRecords],
            summary="Personal records per exercise")
def records(user: ApiUser, store: StoreDep,
            exercise_id: Annotated[str | None, Query(max_length=200,
                                                     description="Only this exercise.")] = None,
            limit: Limit = 50, offset: Offset = 0) -> Page[ExerciseRecords]:
    from redwood.services.training import exercise_names, personal_records

    found = personal_records(store, user, exercise_id)
    names = exercise_names(store, user, found)
    rows = []
    for ex_id, r in sorted(found.items()):
        if exercise_id is not None and ex_id != exercise_id:
            continue
        rows.append(ExerciseRecords(exercise_id=ex_id, name=names[ex_id],
                                    heaviest=_best(r.heaviest), best_e1rm=_best(r.best_e1rm),
                                    best_volume=_best(r.best_volume)))
    return page(rows, limit, offset)
