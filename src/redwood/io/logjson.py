"""A workout as JSON: what `redwood log --from-json` reads, `redwood history --format json`
prints and the API takes.

    {"date": "2027-01-04", "notes": "felt strong",
     "sets": [{"exercise_id": "back-squat", "weight_kg": 60, "reps": 10, "rpe": 8,
               "kind": "working"},
              {"exercise_id": "plank", "weight_kg": null, "seconds": 45}]}

Optional per set: rir, completed (default true), rest_s, superset_group, form_note,
distance_m. Optional per workout: id (ignored on input), energy (1-5), location.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from redwood.domain.log import MAX_SETS_PER_WORKOUT, Bounds, LoggedSet, SetKind, Workout

# A set's JSON lives without pydantic, for `redwood today` between sets (cli/fastread.py).
from redwood.io.setjson import set_json as set_json


class SetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    exercise_id: Annotated[str, Field(min_length=1, max_length=120)]
    # The log's bounds (domain.log.Bounds), the same as imports: unusual is not refused.
    weight_kg: Annotated[Decimal, Field(gt=0, le=Bounds.WEIGHT_KG.most,
                                        decimal_places=2)] | None = None
    reps: Annotated[int, Field(ge=1, le=Bounds.REPS.most)] | None = None
    seconds: Annotated[int, Field(ge=1, le=Bounds.SECONDS.most)] | None = None
    distance_m: Annotated[Decimal, Field(gt=0, le=100_000)] | None = None
    rpe: Annotated[Decimal, Field(ge=1, le=10)] | None = None
    rir: Annotated[int, Field(ge=0, le=10)] | None = None
    kind: SetKind = SetKind.WORKING
    completed: bool = True
    rest_s: Annotated[int, Field(ge=0, le=3600)] | None = None
    superset_group: Annotated[int, Field(ge=0)] | None = None
    form_note: Annotated[str, Field(max_length=500)] | None = None

    @model_validator(mode="after")
    def _something_done(self) -> SetIn:
        if self.reps is None and self.seconds is None and self.distance_m is None:
            raise ValueError("a set needs reps, seconds or distance_m")
        return self

    def to_domain(self) -> LoggedSet:
        return LoggedSet(
            exercise_id=self.exercise_id, weight_kg=self.weight_kg, reps=self.reps,
            seconds=self.seconds, distance_m=self.distance_m, rpe=self.rpe, rir=self.rir,
            kind=self.kind, completed=self.completed, rest_s=self.rest_s,
            superset_group=self.superset_group, form_note=self.form_note,
        )


class WorkoutIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int | None = None
    date: dt.date
    notes: Annotated[str, Field(max_length=5000)] | None = None
    energy: Annotated[int, Field(ge=1, le=5)] | None = None
    location: Annotated[str, Field(max_length=40)] | None = None
    sets: Annotated[list[SetIn], Field(min_length=1, max_length=MAX_SETS_PER_WORKOUT)]

    @model_validator(mode="after")
    def _sane_date(self) -> WorkoutIn:
        if not dt.date(1950, 1, 1) <= self.date <= dt.date.today() + dt.timedelta(days=1):
            raise ValueError("date must be between 1950-01-01 and tomorrow")
        return self

    def to_domain(self) -> Workout:
        return Workout(date=self.date, notes=self.notes, energy=self.energy,
                       location=self.location, sets=tuple(s.to_domain() for s in self.sets))


class WorkoutJsonError(ValueError):
    pass


def first_error(exc: ValidationError) -> str:
    """The first validation problem as one line: 'sets.0.reps: Input should be ...'."""
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "workout"
    return f"{where}: {err['msg']}"


def parse_workout(data: Any) -> Workout:
    try:
        return WorkoutIn.model_validate(data).to_domain()
    except ValidationError as exc:
        raise WorkoutJsonError(first_error(exc)) from None


def workout_json(w: Workout) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if w.id is not None:
        out["id"] = w.id
    out["date"] = w.date.isoformat()
    out["notes"] = w.notes
    if w.energy is not None:
        out["energy"] = w.energy
    if w.location is not None:
        out["location"] = w.location
    out["sets"] = [set_json(s) for s in w.sets]
    return out
