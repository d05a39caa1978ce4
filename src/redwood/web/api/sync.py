"""Logging into the day's session the way Today's form does, exactly once: the gym mode's
offline queue sends these when the network is back, in the order they were made.

Each set carries a client id (a UUID made on the device), as `client_id` or in the
`Idempotency-Key` header. Sending the same request again (an interrupted sync retried, two
tabs syncing one queue) answers with the original result and stores nothing more; a client
id already naming another set is a 409; a set deleted meanwhile (on another device) stays
deleted (410). Scoped to the signed-in user: another user's identical id never collides.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Path, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from redwood.domain.log import LoggedSet, PlannedRef, Unit, to_kg
from redwood.io.logjson import set_json
from redwood.render.text import doubt_kept
from redwood.services.syncing import (
    CLIENT_ID_MAX,
    ClientIdReused,
    SetDeleted,
    SetMissing,
    delete_set,
    edit_set,
    log_set_once,
)
from redwood.services.training import TrainingError, finish_day, load_doubt, planned_view
from redwood.services.training import today as today_view
from redwood.web.deps import ApiUser, CatalogDep, StoreDep

if TYPE_CHECKING:
    from redwood.domain.user import User

router = APIRouter(tags=["sync"])

CLIENT_ID_PATTERN = r"^[A-Za-z0-9_:.\-]{8,64}$"
ClientId = Annotated[str, Field(pattern=CLIENT_ID_PATTERN, description=(
    "The id the device gave the set: a UUID (8 to 64 letters, digits, '-', '_', ':', '.'). "
    "Unique per user."))]
IdempotencyKey = Annotated[str | None, Header(
    alias="Idempotency-Key", pattern=CLIENT_ID_PATTERN, max_length=CLIENT_ID_MAX,
    description="The set's client id (instead of `client_id` in the body). A request sent "
                "again with the same key answers with the original result and stores nothing "
                "more; a key already naming another set is a 409.")]
MAX_BACK_DAYS = 14
"""A queued set may reach the server up to two weeks after it was done (a phone left off)."""

CONFLICTS: dict[int | str, dict[str, Any]] = {
    409: {"description": "the client id (Idempotency-Key) already names another set"},
    410: {"description": "the set with this client id was deleted (on another device); it "
                         "stays deleted"},
    422: {"description": "a field is wrong; `error` names it"},
}


def _day(value: dt.date | None) -> dt.date:
    today = dt.date.today()
    if value is None:
        return today
    if not today - dt.timedelta(days=MAX_BACK_DAYS) <= value <= today + dt.timedelta(days=1):
        raise ValueError(f"date: must be within the last {MAX_BACK_DAYS} days")
    return value


class SetValues(BaseModel):
    """A set as typed on Today: the weight in the lifter's unit, reps or seconds."""

    model_config = ConfigDict(extra="forbid")

    weight: Annotated[Decimal, Field(gt=0, le=2205, decimal_places=2, description=(
        "In the lifter's unit (kg or lb); null for bodyweight"))] | None = None
    reps: Annotated[int, Field(ge=1, le=100)] | None = None
    seconds: Annotated[int, Field(ge=1, le=3600)] | None = None

    @model_validator(mode="after")
    def _one_amount(self) -> SetValues:
        if (self.reps is None) == (self.seconds is None):
            raise ValueError("reps: give reps, or seconds for a timed exercise (not both)")
        return self

    def kg(self, user: User) -> Decimal | None:
        if self.weight is None:
            return None
        kg = to_kg(self.weight, Unit(user.unit.value))
        if kg > 1000:
            raise HTTPException(422, "weight: at most 1000 kg (2204 lb)")
        return kg


class PlannedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan_id: Annotated[int, Field(ge=1, le=2**31 - 1)]
    week: Annotated[int, Field(ge=1, le=1000)]
    session: Annotated[int, Field(ge=0, le=100)]


class TodaySetIn(SetValues):
    """One set of the day's session, as Today's Log button sends it."""

    client_id: ClientId | None = None
    date: dt.date | None = Field(default=None, description=(
        "The day the set was done (the device's date; default: the server's today)"))
    item: Annotated[int, Field(ge=0, le=100, description="The lift's place in the session")]
    exercise_id: Annotated[str, Field(min_length=1, max_length=100, description=(
        "The lift the lifter saw: refused when the session has another one there"))]
    planned: PlannedIn | None = Field(default=None, description=(
        "The planned session the lifter saw (default: the day's session, as Today shows it)"))
    rpe: Annotated[Decimal, Field(ge=1, le=10, multiple_of=Decimal("0.5"), description=(
        "How hard the set was, 1 to 10 in half steps (Today asks it of a calibrating lift)"
    ))] | None = None


class SetEdit(SetValues):
    pass


class FinishIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: dt.date | None = None
    notes: Annotated[str, Field(max_length=2000)] | None = None
    session_rpe: Annotated[int, Field(ge=1, le=10, description=(
        "How hard the whole session was, 1 (very easy) to 10 (maximal)"))] | None = None
    planned: PlannedIn | None = Field(default=None, description=(
        "The planned session to finish (default: the day's session, or the one finished "
        "that day already when this is sent again)"))


class TodaySetOut(BaseModel):
    client_id: str
    workout_id: int
    position: int
    date: dt.date
    set: dict[str, Any]
    records: list[str]
    """The records (PRs) the set broke; empty on a repeated request."""
    next_weight_kg: float | None = None
    """A first session that works up by feel (the item's `ramp`): the next set's load, from
    this set's reps and RPE..."""
    next_reason: str | None = None
    """...and why the step is that big ('little to no effort, ... a big jump')."""
    doubt: str | None = None
    """The set's load looks like a typo (the coach's rule, as Today's "Log anyway?" asks it
    online): it is kept, and this says against what ('255 kg is over 2 x your heaviest
    (120 kg): kept; if it is a typo, undo or correct it'). A set sent from an offline queue
    could not be asked first."""


def _client_id(body_id: str | None, header: str | None) -> str:
    if body_id and header and body_id != header:
        raise HTTPException(422, "Idempotency-Key: differs from client_id; send one of them")
    chosen = body_id or header
    if not chosen:
        raise HTTPException(422, "client_id: required (or an Idempotency-Key header)")
    return chosen


def _date_or_422(value: dt.date | None) -> dt.date:
    try:
        return _day(value)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


def refused(exc: TrainingError) -> HTTPException:
    status = 409 if isinstance(exc, ClientIdReused) else 410 if isinstance(
        exc, SetDeleted) else 404 if isinstance(exc, SetMissing) else 422
    return HTTPException(status, exc.worded().splitlines()[0])


@router.post("/today/sets", status_code=201, response_model=TodaySetOut, responses=CONFLICTS)
def log_today_set(body: TodaySetIn, user: ApiUser, store: StoreDep, catalog: CatalogDep,
                  idempotency_key: IdempotencyKey = None) -> JSONResponse:
    """Log a set of the day's session (the lift at `item`), exactly once per client id. A
    repeated request answers 201 with the original set (header `Idempotent-Replayed: true`)."""
    client_id = _client_id(body.client_id, idempotency_key)
    day = _date_or_422(body.date)
    try:
        if body.planned is not None:
            view = planned_view(store, user, PlannedRef(
                body.planned.plan_id, body.planned.week, body.planned.session), day, catalog)
        else:
            view = today_view(store, user, day, catalog, in_progress=True)
    except TrainingError as exc:
        message = str(exc)
        raise HTTPException(409, message if message.startswith("planned.") else
                            f"date: {message}") from None
    if body.item >= len(view.items) or view.items[body.item].target.exercise_id != \
            body.exercise_id:
        raise HTTPException(422, f"exercise_id: {body.exercise_id} is not lift {body.item} of "
                            f"the session of {day.isoformat()}")
    target = view.items[body.item].target
    timed = target.seconds_min is not None
    if timed != (body.seconds is not None):
        raise HTTPException(422, "seconds: this lift is timed" if timed else
                            "reps: this lift takes reps, not seconds")
    logged = LoggedSet(target.exercise_id, weight_kg=body.kg(user), reps=body.reps,
                       seconds=body.seconds, rpe=body.rpe, rest_s=target.rest_s)
    # Read before the set is stored, as Today asks it (the set itself is no reference).
    doubt = None if logged.weight_kg is None else load_doubt(
        store, user, target.exercise_id, logged.weight_kg, day, target)
    try:
        done = log_set_once(store, user, day, logged, client_id, catalog,
                            planned=view.session.ref)
    except TrainingError as exc:
        raise refused(exc) from None
    ex = catalog.get(target.exercise_id)
    out = {"client_id": done.client_id, "workout_id": done.workout_id,
           "position": done.position, "date": done.date.isoformat(),
           "set": set_json(done.logged),
           "records": [r.describe(user.unit, ex.name if ex else None) for r in done.records]}
    step = view.ramp_next(view.items[body.item], done.logged)
    if step is not None:
        out["next_weight_kg"] = float(step.weight_kg)
        out["next_reason"] = step.why
    if doubt is not None and not done.replayed:
        out["doubt"] = doubt_kept(target.exercise_id, doubt, user.unit.value)
    headers = {"Idempotent-Replayed": "true"} if done.replayed else None
    return JSONResponse(out, status_code=201, headers=headers)


SetClientId = Annotated[str, Path(pattern=CLIENT_ID_PATTERN, description="The set's client id")]


@router.patch("/sets/{client_id}", responses=CONFLICTS | {404: {"description": "no such set"}})
def edit_set_by_client_id(client_id: SetClientId, body: SetEdit, user: ApiUser,
                          store: StoreDep) -> JSONResponse:
    """Correct the weight and reps (or seconds) of the set with this client id. Sending it
    again changes nothing more. A set deleted meanwhile is a 410: the edit is not applied."""
    weight = body.kg(user)
    try:
        edited = edit_set(store, user, client_id, lambda old: dataclasses.replace(
            old, weight_kg=weight, reps=body.reps, seconds=body.seconds))
    except TrainingError as exc:
        raise refused(exc) from None
    return JSONResponse({"client_id": client_id, "workout_id": edited.workout_id,
                         "position": edited.position, "date": edited.date.isoformat(),
                         "set": set_json(edited.logged)})


@router.delete("/sets/{client_id}", status_code=204, response_class=Response)
def delete_set_by_client_id(client_id: SetClientId, user: ApiUser,
                            store: StoreDep) -> Response:
    """Delete the set with this client id (Undo). It stays deleted: its log replayed later,
    even from another device's queue, is refused with 410. Sending it again is harmless."""
    delete_set(store, user, client_id)
    return Response(status_code=204)


@router.post("/today/finish", responses={422: CONFLICTS[422],
                                         409: {"description": "nothing logged that day"}})
def finish_today(body: FinishIn, user: ApiUser, store: StoreDep,
                 catalog: CatalogDep) -> JSONResponse:
    """Finish the day's session with the lifter's notes and session RPE. Sent again, the
    notes are not added twice."""
    day = _date_or_422(body.date)
    ref = None if body.planned is None else PlannedRef(
        body.planned.plan_id, body.planned.week, body.planned.session)
    try:
        sets = finish_day(store, user, day, ref, catalog, body.notes, body.session_rpe)
    except TrainingError as exc:
        raise HTTPException(409, f"date: {exc}") from None
    return JSONResponse({"date": day.isoformat(), "sets": sets})
