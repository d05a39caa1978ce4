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
from redwood.store import Store
from redwood.web.api.paging import unprocessable
from redwood.web.deps import ApiUser, StoreDep

router = APIRouter(tags=["profile"])

PROFILE_FIELDS = ("goal", "level", "days", "minutes", "location", "equipment", "on",
                  "supersets")
# What plan generation falls back on when neither the request nor the profile says (the same
# defaults as `redwood plan`).
PLAN_DEFAULTS: dict[str, Any] = dict(goal="hypertrophy", level="beginner", days=3, minutes=60,
                                     weeks=8, location="gym")


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


def active_profile(store: Store, user: User) -> dict[str, Any] | None:
    with store.reader(user.id) as uow:
        active = uow.profiles.active()
    return None if active is None else dict(active[1])


def field_of(option: str) -> str:
    """The JSON field for an option an InputError names ('--days' -> 'days')."""
    return option.lstrip("-").replace("-", "_")


def validate_profile(data: dict[str, Any]) -> None:
    """Refuse (422, naming the field) a profile `redwood plan` would refuse."""
    from redwood.planner.profile import InputError, make_profile
    from redwood.rules import load_rules

    fields = {k: data[k] for k in ("goal", "level", "days", "minutes", "location")
              if data.get(k) is not None}
    try:
        make_profile(load_rules(), **{**PLAN_DEFAULTS, "start": None, **fields},
                     equipment=data.get("equipment") or (), on=data.get("on") or ())
    except InputError as exc:
        raise unprocessable(field_of(exc.option), str(exc).partition(": ")[2]) from None


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
    d = {**PLAN_DEFAULTS, **(data or {})}
    return ProfileOut(
        user=user.name, unit=user.unit, saved=data is not None,
        goal=_enum(Goal, d["goal"], PLAN_DEFAULTS["goal"]),
        level=_enum(Level, d["level"], PLAN_DEFAULTS["level"]),
        days=int(d["days"]), minutes=int(d["minutes"]),
        location=_enum(Location, d["location"], PLAN_DEFAULTS["location"]),
        equipment=_choices(Equipment, d.get("equipment")),
        on=_choices(Weekday, d.get("on")), supersets=bool(d.get("supersets", True)),
    )


@router.get("/profile", response_model=ProfileOut, summary="Your training profile")
def get_profile(user: ApiUser, store: StoreDep) -> ProfileOut:
    return profile_out(user, active_profile(store, user))


@router.put("/profile", response_model=ProfileOut, summary="Change profile fields")
def put_profile(body: ProfileIn, user: ApiUser, store: StoreDep) -> ProfileOut:
    changes = body.model_dump(exclude_none=True, mode="json")
    unit = changes.pop("unit", None)
    if not changes and unit is None:
        raise unprocessable("profile", "give at least one of " + ", ".join(
            (*PROFILE_FIELDS, "unit")))
    with store.unit_of_work(user.id) as uow:
        active = uow.profiles.active()
        merged = {**(active[1] if active else {}), **changes}
        if changes:
            validate_profile(merged)
            uow.profiles.add(merged, activate=True)
        if unit is not None:
            user = uow.users.set_unit(user.id, Unit(unit))
        uow.commit()
    return profile_out(user, merged if (changes or active) else None)
