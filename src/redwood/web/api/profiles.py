"""The training profile: GET and PUT /api/v1/profile, like `redwood profile show|set`.

The profile holds the defaults for plan generation (goal, level, days, minutes, where and with
what); PUT changes the fields it gives and keeps the others, validated exactly as `redwood plan`
validates its options.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from redwood.domain.log import Unit
from redwood.domain.user import User
from redwood.domain.vocabulary import Equipment, Goal, Level, Location, Weekday
from redwood.services.planning import DEFAULT_PROFILE as PLAN_DEFAULTS
from redwood.services.planning import PROFILE_FIELDS
from redwood.web.api.paging import unprocessable
from redwood.web.deps import ApiUser, CatalogDep, StoreDep

router = APIRouter(tags=["profile"])

class KnownSetIn(BaseModel):
    """A working set the lifter knows: the coach starts from it, and that lift needs no
    calibrating."""

    model_config = ConfigDict(extra="forbid")

    exercise_id: str = Field(examples=["back-squat"])
    weight_kg: Annotated[float, Field(gt=0, le=500)]
    reps: Annotated[int, Field(ge=1, le=30)]


class KnownSetOut(BaseModel):
    exercise_id: str
    weight_kg: float
    reps: int


class ProfileIn(BaseModel):
    """Profile fields to change; those left out keep their values."""

    model_config = ConfigDict(extra="forbid")

    goal: Goal | None = None
    level: Level | None = None
    days: Annotated[StrictInt, Field(description="Sessions a week (rules: 2-6).")] | None = None
    minutes: Annotated[StrictInt,
                       Field(description="Minutes a session (rules: 15-120).")] | None = None
    location: Location | None = None
    equipment: Annotated[list[Equipment], Field(max_length=len(Equipment))] | None = None
    on: Annotated[list[Weekday], Field(max_length=7,
                                       description="Weekdays you can train.")] | None = None
    supersets: StrictBool | None = None
    unit: Unit | None = Field(default=None, description="How weights are shown: kg or lb.")
    body_weight_kg: Annotated[float, Field(
        ge=20, le=400, description="Body weight, for starting loads.")] | None = None
    known: Annotated[list[KnownSetIn], Field(
        max_length=5, description="Working sets you know (up to five lifts; these replace "
                                  "the same lifts' and keep the others).")] | None = None


class ProfileOut(BaseModel):
    user: str
    unit: Unit
    saved: bool
    """False until a profile is set: the fields are then plan generation's defaults."""
    goal: Goal
    level: Level
    days: int
    minutes: int
    location: Location
    equipment: list[Equipment]
    on: list[Weekday]
    supersets: bool
    body_weight_kg: float | None = None
    known: list[KnownSetOut] = []


def _choices(enum: Any, values: Any) -> list[Any]:
    out = []
    for v in values or ():
        try:
            out.append(enum(v))
        except ValueError:
            continue  # a value an older version saved: shown as absent rather than failing
    return out


def _enum(enum: Any, value: Any, default: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        return enum(default)


def profile_out(user: User, data: dict[str, Any] | None) -> ProfileOut:
    from redwood.services.training import body_weight_of, known_of

    d = {**PLAN_DEFAULTS, **(data or {})}
    body = body_weight_of(data)
    return ProfileOut(
        user=user.name, unit=user.unit, saved=data is not None,
        goal=_enum(Goal, d["goal"], PLAN_DEFAULTS["goal"]),
        level=_enum(Level, d["level"], PLAN_DEFAULTS["level"]),
        days=int(d["days"]), minutes=int(d["minutes"]),
        location=_enum(Location, d["location"], PLAN_DEFAULTS["location"]),
        equipment=_choices(Equipment, d.get("equipment")),
        on=_choices(Weekday, d.get("on")), supersets=bool(d.get("supersets", True)),
        body_weight_kg=None if body is None else float(body),
        known=[KnownSetOut(exercise_id=k.exercise_id, weight_kg=float(k.weight_kg),
                           reps=k.reps) for k in known_of(data)],
    )


def _known(body: ProfileIn, catalog: Any) -> list[Any]:
    """The request's known sets, checked as `--known` is (422 naming the field)."""
    from decimal import Decimal

    from redwood.services.training import TrainingError, known_set

    out = []
    for i, k in enumerate(body.known or ()):
        try:
            out.append(known_set(k.exercise_id, Decimal(str(k.weight_kg)).quantize(
                Decimal("0.01")), k.reps, catalog, field=f"known[{i}]"))
        except TrainingError as exc:
            raise unprocessable("known", exc.worded()) from None
    if len({k.exercise_id for k in out}) < len(out):
        raise unprocessable("known", "each lift at most once")
    return out


def _told(known: list[Any], body_weight_kg: float | None) -> Any:
    from decimal import Decimal

    from redwood.services.planning import Told

    weight = None if body_weight_kg is None else Decimal(str(body_weight_kg)).quantize(
        Decimal("0.01"))
    return Told(weight, known)


@router.get("/profile", response_model=ProfileOut, summary="Your training profile")
def get_profile(user: ApiUser, store: StoreDep) -> ProfileOut:
    from redwood.services.planning import active_profile

    return profile_out(user, active_profile(store, user))


@router.put("/profile", response_model=ProfileOut, summary="Change profile fields")
def put_profile(body: ProfileIn, user: ApiUser, store: StoreDep,
                catalog: CatalogDep) -> ProfileOut:
    changes = body.model_dump(exclude_none=True, mode="json",
                              exclude={"body_weight_kg", "known"})
    unit = changes.pop("unit", None)
    told = body.body_weight_kg is not None or body.known is not None
    if not changes and unit is None and not told:
        raise unprocessable("profile", "give at least one of " + ", ".join(
            (*PROFILE_FIELDS, "unit", "body_weight_kg", "known")))
    from redwood.services.planning import PlanningError, update_profile
    from redwood.services.training import TrainingError

    known = _known(body, catalog)
    try:
        saved = update_profile(store, user, changes, unit=None if unit is None else Unit(unit),
                               told=_told(known, body.body_weight_kg) if told else None,
                               check=True)
    except TrainingError as exc:
        raise unprocessable("known", str(exc)) from None
    except PlanningError as exc:
        raise unprocessable(exc.field or "profile", exc.message) from None
    return profile_out(saved.user, saved.profile)
