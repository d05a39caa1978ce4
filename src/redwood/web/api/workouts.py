"""Workouts and their sets: the same JSON as `redwood log --from-json` and
`redwood history --format json`, plus each set's `position` (its address for editing) and the
records (PRs) a new set broke.

Every query is scoped to the signed-in user: another user's workout is "not found" (404),
exactly like one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator

from redwood.domain.log import (
    MAX_SETS_PER_WORKOUT,
    Bounds,
    LoggedSet,
    PlannedRef,
    SetKind,
    Workout,
)
from redwood.domain.user import User
from redwood.io.logjson import SetIn, WorkoutIn, set_json, workout_json
from redwood.services.base import NotFound, Store
from redwood.services.syncing import CLIENT_ID_MAX, once
from redwood.services.training import (
    StoredWorkout,
    TrainingError,
    UnknownExercise,
    WorkoutMissing,
    check_exercises,
    session_to_log,
)
from redwood.web.api.sync import CONFLICTS, IdempotencyKey, refused
from redwood.web.deps import ApiUser, CatalogDep, StoreDep

if TYPE_CHECKING:
    from redwood.catalog import Catalog
    from redwood.coach.records import RecordBreak
    from redwood.services.syncing import ClientSet
    from redwood.services.training import Logged

router = APIRouter(prefix="/workouts", tags=["workouts"])

MAX_ID = 2**31 - 1
MAX_POSITION = 32767
WorkoutId = Annotated[int, Path(ge=1, le=MAX_ID, description="The workout's id")]
Position = Annotated[int, Path(ge=0, le=MAX_POSITION,
                               description="The set's position in the workout, from 0")]


def _sane_date(value: dt.date) -> dt.date:
    if not dt.date(1950, 1, 1) <= value <= dt.date.today() + dt.timedelta(days=1):
        raise ValueError("must be between 1950-01-01 and tomorrow")
    return value


# --- bodies ----------------------------------------------------------------------------------


class ApiSetIn(SetIn):
    """A set as `redwood log --from-json` reads it. `position` is ignored (it is in what GET
    returns, so a workout read can be sent back)."""

    position: Annotated[int, Field(ge=0, le=MAX_POSITION)] | None = None
    # As strict as the log: a clear 422 naming the field rather than the store's 400.
    exercise_id: Annotated[str, Field(min_length=1, max_length=100)]
    distance_m: Annotated[Decimal, Field(gt=0, le=100_000, decimal_places=2)] | None = None
    rpe: Annotated[Decimal, Field(ge=1, le=10, decimal_places=1)] | None = None
    superset_group: Annotated[int, Field(ge=0, le=1000)] | None = None


class PlannedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan_id: Annotated[int, Field(ge=1, le=MAX_ID)]
    week: Annotated[int, Field(ge=1, le=1000)]
    session: Annotated[int, Field(ge=0, le=100)]


class ApiWorkoutIn(WorkoutIn):
    """A workout with its sets. Without `planned`, a workout on the date of a session of
    the active plan counts as that session (as with `redwood log`); `"planned": null` says
    it follows none."""

    sets: Annotated[list[ApiSetIn], Field(min_length=1, max_length=MAX_SETS_PER_WORKOUT)]  # type: ignore[assignment]
    title: Annotated[str, Field(max_length=200)] | None = None
    planned: PlannedIn | None = None

    @field_validator("date")
    @classmethod
    def _sane_day(cls, value: dt.date) -> dt.date:
        return _sane_date(value)

    def to_domain(self) -> Workout:
        return Workout(date=self.date, notes=self.notes, energy=self.energy,
                       location=self.location, title=self.title,
                       sets=tuple(s.to_domain() for s in self.sets))


class SetsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sets: Annotated[list[ApiSetIn], Field(min_length=1, max_length=100)]


class WorkoutPatch(BaseModel):
    """The fields to change; a field left out stays as it is, null clears it. `sets`, when
    given, replaces every set of the workout."""

    model_config = ConfigDict(extra="forbid")

    id: int | None = None
    """Ignored (a workout read can be sent back)."""
    date: dt.date | None = None
    notes: Annotated[str, Field(max_length=5000)] | None = None
    energy: Annotated[int, Field(ge=1, le=5)] | None = None
    location: Annotated[str, Field(max_length=40)] | None = None
    title: Annotated[str, Field(max_length=200)] | None = None
    sets: Annotated[list[ApiSetIn],
                    Field(min_length=1, max_length=MAX_SETS_PER_WORKOUT)] | None = None

    @field_validator("date")
    @classmethod
    def _sane_day(cls, value: dt.date | None) -> dt.date:
        if value is None:  # only an explicit null gets here
            raise ValueError("cannot be null")
        return _sane_date(value)

    @field_validator("sets")
    @classmethod
    def _some_sets(cls, value: list[ApiSetIn] | None) -> list[ApiSetIn]:
        if value is None:
            raise ValueError("cannot be null (delete the workout instead)")
        return value


class SetPatch(BaseModel):
    """The fields of the set to change; the others stay. null clears an optional field."""

    model_config = ConfigDict(extra="forbid")

    position: int | None = None
    """Ignored."""
    exercise_id: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    weight_kg: Annotated[Decimal, Field(gt=0, le=Bounds.WEIGHT_KG.most,
                                        decimal_places=2)] | None = None
    reps: Annotated[int, Field(ge=1, le=Bounds.REPS.most)] | None = None
    seconds: Annotated[int, Field(ge=1, le=Bounds.SECONDS.most)] | None = None
    distance_m: Annotated[Decimal, Field(gt=0, le=100_000, decimal_places=2)] | None = None
    rpe: Annotated[Decimal, Field(ge=1, le=10, decimal_places=1)] | None = None
    rir: Annotated[int, Field(ge=0, le=10)] | None = None
    kind: SetKind | None = None
    completed: StrictBool | None = None
    rest_s: Annotated[int, Field(ge=0, le=3600)] | None = None
    superset_group: Annotated[int, Field(ge=0, le=1000)] | None = None
    form_note: Annotated[str, Field(max_length=500)] | None = None


# --- responses (for the schema; the handlers build the JSON themselves, fast) ----------------


class SetOut(BaseModel):
    position: int
    exercise_id: str
    weight_kg: float | None
    reps: int | None = None
    seconds: int | None = None
    distance_m: float | None = None
    rpe: float | None
    kind: SetKind
    rir: int | None = None
    rest_s: int | None = None
    superset_group: int | None = None
    form_note: str | None = None
    completed: StrictBool | None = None
    """Present (false) only for a set that failed short of its target."""
    client_id: str | None = None
    """The id the device that logged it gave it (Idempotency-Key), if any."""


class PlannedOut(BaseModel):
    plan_id: int
    week: int
    session: int


class RecordOut(BaseModel):
    kind: str
    """heaviest, e1rm, reps or volume."""
    exercise_id: str
    position: int
    """The position of the set that broke it."""
    value: float
    previous: float
    weight_kg: float | None
    reps: int | None
    message: str


class DoubtOut(BaseModel):
    position: int
    """The set's position in the workout."""
    message: str
    """'set 2 of Back Squat: 255 kg is over 2 x your heaviest (120 kg): kept; if it is a
    typo, undo or correct it'."""


class WorkoutOut(BaseModel):
    id: int
    date: dt.date
    notes: str | None
    energy: int | None = None
    location: str | None = None
    title: str | None = None
    planned: PlannedOut | None = None
    sets: list[SetOut]
    records: list[RecordOut] | None = None
    """On creation: the records (PRs) its sets broke."""
    doubts: list[DoubtOut] | None = None
    """On creation: the sets whose loads look like typos (the coach's rule, as Today's "Log
    anyway?" and `redwood log` ask it). They are kept; a typo is the lifter's to correct."""


class WorkoutPage(BaseModel):
    items: list[WorkoutOut]
    total: int
    limit: int
    offset: int
    next_offset: int | None
    """The offset of the next page; null on the last page."""


class SetsAdded(BaseModel):
    workout_id: int
    positions: list[int]
    sets: list[SetOut]
    records: list[RecordOut]
    """The records (PRs) the new sets broke: time to celebrate."""


# --- helpers ---------------------------------------------------------------------------------


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _set_out(position: int, s: LoggedSet, client_id: str | None = None) -> dict[str, Any]:
    out = {"position": position, **set_json(s)}
    if client_id is not None:
        out["client_id"] = client_id
    return out


def _workout_out(w: Workout, positions: Sequence[int],
                 client_ids: Mapping[tuple[int, int], str] | None = None) -> dict[str, Any]:
    out = workout_json(w)
    if w.title is not None:
        out["title"] = w.title
    out["planned"] = None if w.planned is None else {
        "plan_id": w.planned.plan_id, "week": w.planned.week, "session": w.planned.session}
    ids = client_ids or {}
    out["sets"] = [_set_out(p, s, ids.get((w.id or 0, p)))
                   for p, s in zip(positions, w.sets, strict=True)]
    return out


def _records_out(breaks: Sequence[RecordBreak], positions: Sequence[int], first: int,
                 user: User, catalog: Catalog) -> list[dict[str, Any]]:
    out = []
    for b in breaks:
        if b.set_index < first:
            continue
        exercise = catalog.get(b.exercise_id)
        out.append({
            "kind": b.kind.value, "exercise_id": b.exercise_id,
            "position": positions[b.set_index - first], "value": _num(b.value),
            "previous": _num(b.previous), "weight_kg": _num(b.weight_kg), "reps": b.reps,
            "message": b.describe(user.unit, exercise.name if exercise else None),
        })
    return out


def _check_exercises(store: Store, user: User, catalog: Catalog, sets: Sequence[LoggedSet],
                     field: str = "sets") -> None:
    """Refuse unknown exercise ids (422 naming the set), with the closest ones as hints."""
    try:
        check_exercises(store, user, catalog, sets)
    except UnknownExercise as exc:
        where = f"{field}.{exc.index}.exercise_id" if field == "sets" else field
        raise HTTPException(422, f"{where}: {exc.message}") from None


def _stored(found: StoredWorkout) -> dict[str, Any]:
    return _workout_out(found.workout, found.positions, found.client_ids)


def _missing(exc: WorkoutMissing) -> HTTPException:
    return HTTPException(404, exc.message)


def _load(store: Store, user: User, workout_id: int) -> StoredWorkout:
    from redwood.services.training import stored_workout

    try:
        return stored_workout(store, user, workout_id)
    except WorkoutMissing as exc:
        raise _missing(exc) from None


# --- endpoints -------------------------------------------------------------------------------


@router.get("", response_model=WorkoutPage)
def list_workouts(
    user: ApiUser, store: StoreDep,
    since: Annotated[dt.date | None, Query(description="first date, inclusive")] = None,
    until: Annotated[dt.date | None, Query(description="last date, inclusive")] = None,
    exercise_id: Annotated[str | None, Query(min_length=1, max_length=120,
                                             description="only workouts with this lift")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> JSONResponse:
    """The user's workouts, newest first, a page at a time."""
    from redwood.services.training import workouts_page

    found, total = workouts_page(store, user, since=since, until=until,
                                 exercise_id=exercise_id, limit=limit, offset=offset)
    items = [_stored(w) for w in found]
    following = offset + len(items)
    return JSONResponse({"items": items, "total": total, "limit": limit, "offset": offset,
                         "next_offset": following if following < total else None})


@router.post("", status_code=201, response_model=WorkoutOut,
             responses={422: {"description": "a field is wrong; `error` names it"}})
def create_workout(body: ApiWorkoutIn, user: ApiUser, store: StoreDep,
                   catalog: CatalogDep) -> JSONResponse:
    """Log a whole workout with its sets. The answer has its id, each set's position and the
    records (PRs) it broke."""
    from redwood.services.training import log_workout, workout_doubts

    workout = body.to_domain()
    _check_exercises(store, user, catalog, workout.sets)
    if "planned" in body.model_fields_set:
        planned = None if body.planned is None else PlannedRef(
            body.planned.plan_id, body.planned.week, body.planned.session)
    else:
        # The session Today shows for that day (as `redwood log` and the web's Today link).
        planned = session_to_log(store, user, workout.date,
                                 {s.exercise_id for s in workout.sets}, catalog)
    workout = Workout(date=workout.date, sets=workout.sets, planned=planned,
                      location=workout.location, notes=workout.notes, energy=workout.energy,
                      title=workout.title)
    # Read before the sets are stored, as `redwood log` reads them (a set is no reference for
    # itself).
    try:
        doubts = workout_doubts(store, user, workout, catalog)
    except TrainingError:  # no longer the active plan's session, say: no target to compare
        doubts = []
    try:
        logged = log_workout(store, user, workout, catalog)
    except NotFound as exc:
        raise HTTPException(422, f"planned.plan_id: {exc}") from None
    stored = Workout(date=workout.date, sets=workout.sets, id=logged.workout_id,
                     planned=planned, location=workout.location, notes=workout.notes,
                     energy=workout.energy, title=workout.title)
    out = _workout_out(stored, logged.positions)
    out["records"] = _records_out(logged.records, logged.positions, 0, user, catalog)
    if doubts:
        out["doubts"] = [_doubt_out(d, logged.positions[d.index], user, catalog)
                         for d in doubts]
    return JSONResponse(out, status_code=201, headers={"Location": f"{logged.workout_id}"})


def _doubt_out(d: Any, position: int, user: Any, catalog: Any) -> dict[str, Any]:
    from redwood.render.text import doubt_kept

    ex = catalog.get(d.set.exercise_id)
    name = ex.name if ex is not None else d.set.exercise_id
    kind = "warm-up" if d.set.kind.value == "warmup" else "set"
    return {"position": position, "message": f"{kind} {d.number} of {name}: "
            + doubt_kept(d.set.exercise_id, d.doubt, user.unit.value)}


@router.get("/{workout_id}", response_model=WorkoutOut)
def get_workout(workout_id: WorkoutId, user: ApiUser, store: StoreDep) -> JSONResponse:
    return JSONResponse(_stored(_load(store, user, workout_id)))


@router.patch("/{workout_id}", response_model=WorkoutOut)
def update_workout(workout_id: WorkoutId, body: WorkoutPatch, user: ApiUser, store: StoreDep,
                   catalog: CatalogDep) -> JSONResponse:
    """Change the date, notes, energy, location or title; `sets` replaces all the sets."""
    editable = ("date", "notes", "energy", "location", "title")
    changes: dict[str, Any] = {k: getattr(body, k) for k in editable
                               if k in body.model_fields_set}
    sets = None if body.sets is None else [s.to_domain() for s in body.sets]
    from redwood.services.training import change_workout

    if sets is not None:
        _check_exercises(store, user, catalog, sets)
    try:
        return JSONResponse(_stored(change_workout(store, user, workout_id, changes, sets)))
    except WorkoutMissing as exc:
        raise _missing(exc) from None


@router.delete("/{workout_id}", status_code=204, response_class=Response)
def delete_workout(workout_id: WorkoutId, user: ApiUser, store: StoreDep) -> Response:
    """Delete the workout with all its sets."""
    from redwood.services.training import delete_workout

    try:
        delete_workout(store, user, workout_id)
    except WorkoutMissing as exc:
        raise _missing(exc) from None
    return Response(status_code=204)


@router.post("/{workout_id}/sets", status_code=201, response_model=SetsAdded,
             responses=CONFLICTS)
def add_sets(workout_id: WorkoutId, body: SetsIn, user: ApiUser, store: StoreDep,
             catalog: CatalogDep, idempotency_key: IdempotencyKey = None) -> JSONResponse:
    """Log sets into the workout (one tap per set in the gym). The answer says which records
    (PRs) they broke. With an `Idempotency-Key`, the same request sent again (a retry after
    a lost answer) answers with the original positions and adds nothing."""
    new = [s.to_domain() for s in body.sets]
    _check_exercises(store, user, catalog, new)
    if idempotency_key is None:
        return _add_sets(workout_id, new, user, store, catalog, None)
    if len(idempotency_key) > CLIENT_ID_MAX - 4:
        raise HTTPException(422, f"Idempotency-Key: at most {CLIENT_ID_MAX - 4} characters")
    # The request's sets are "KEY:0", "KEY:1"... (their client ids, as GET shows them).
    ids = [f"{idempotency_key}:{i}" for i in range(len(new))]

    def replay(found: list[ClientSet]) -> JSONResponse:
        if any(f.workout_id != workout_id for f in found):
            raise HTTPException(409, f"Idempotency-Key: {idempotency_key} already logged sets "
                                f"into workout {found[0].workout_id}; use a new key")
        positions = [f.position for f in found]
        return JSONResponse({
            "workout_id": workout_id, "positions": positions,
            "sets": [_set_out(f.position, f.logged, f.client_id) for f in found],
            "records": []}, status_code=201, headers={"Idempotent-Replayed": "true"})

    try:
        return once(store, user, ids, None, new,
                    lambda: _add_sets(workout_id, new, user, store, catalog, ids), replay)
    except TrainingError as exc:
        raise refused(exc) from None


def _add_sets(workout_id: int, new: list[LoggedSet], user: User, store: Store,
              catalog: Catalog, client_ids: list[str] | None) -> JSONResponse:
    from redwood.services.training import add_sets as log_sets

    try:
        logged = log_sets(store, user, workout_id, new, client_ids)
    except WorkoutMissing as exc:
        raise _missing(exc) from None
    return sets_added(workout_id, new, logged, user, catalog, client_ids)


def sets_added(workout_id: int, new: list[LoggedSet], logged: Logged, user: User,
               catalog: Catalog, client_ids: list[str] | None) -> JSONResponse:
    """The answer to sets logged (also the fast lane's: `redwood.web.fastlane`)."""
    positions = logged.positions
    return JSONResponse({
        "workout_id": workout_id, "positions": list(positions),
        "sets": [_set_out(p, s, None if client_ids is None else client_ids[i])
                 for i, (p, s) in enumerate(zip(positions, new, strict=True))],
        "records": _records_out(logged.records, positions, 0, user, catalog),
    }, status_code=201)


@router.patch("/{workout_id}/sets/{position}", response_model=SetOut)
def update_set(workout_id: WorkoutId, position: Position, body: SetPatch, user: ApiUser,
               store: StoreDep, catalog: CatalogDep) -> JSONResponse:
    """Correct one set: the fields given replace the logged ones."""
    from redwood.services.training import replace_set

    found = _load(store, user, workout_id)
    workout, positions = found.workout, list(found.positions)
    if position not in positions:
        raise HTTPException(404, f"no set at position {position} in workout {workout_id}")
    old = workout.sets[positions.index(position)]
    merged = {**set_json(old), "completed": old.completed}
    merged.update(body.model_dump(include=body.model_fields_set - {"position"}))
    try:
        new = SetIn.model_validate(merged).to_domain()
    except ValidationError as exc:  # the set as changed is not a set
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "reps"
        raise HTTPException(422, f"{where}: {first['msg'].removeprefix('Value error, ')}"
                            ) from None
    if new.exercise_id != old.exercise_id:
        _check_exercises(store, user, catalog, [new], field="exercise_id")
    try:
        replace_set(store, user, workout_id, position, new)
    except WorkoutMissing as exc:
        raise _missing(exc) from None
    return JSONResponse(_set_out(position, new))


@router.delete("/{workout_id}/sets/{position}", status_code=204, response_class=Response)
def delete_set(workout_id: WorkoutId, position: Position, user: ApiUser,
               store: StoreDep) -> Response:
    from redwood.services.training import delete_set as remove

    try:
        remove(store, user, workout_id, position)
    except WorkoutMissing as exc:
        raise _missing(exc) from None
    return Response(status_code=204)
