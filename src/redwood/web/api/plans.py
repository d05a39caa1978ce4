"""Plans: generate one from profile options, check one against the rules, keep one and make it
the one you follow, list and read the kept ones.

A plan travels as the plan-v1 JSON of `redwood plan --format json` (its schema:
src/redwood/schemas/plan-v1.schema.json), so a plan made by the CLI, edited by hand or made here
is one and the same thing.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, status
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator

from redwood.domain.user import User
from redwood.domain.vocabulary import Equipment, Goal, Level, Location, Weekday
from redwood.services.base import Store
from redwood.web.api.paging import (
    Limit,
    Offset,
    Page,
    UtcDateTime,
    not_found,
    page,
    unprocessable,
)
from redwood.web.deps import ApiUser, StoreDep

router = APIRouter(tags=["plans"])

PlanJson = dict[str, Any]
PLAN_DOC = ("A plan as `redwood plan --format json` writes it (schema_version 1; see "
            "src/redwood/schemas/plan-v1.schema.json).")
EARLIEST_START = dt.date(2000, 1, 1)
LATEST_START = dt.date(2100, 12, 31)
PlanId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The plan's id.")]


class PlanOptions(BaseModel):
    """What `redwood plan` takes. Fields left out come from your profile, else the defaults
    (hypertrophy, beginner, 3 days, 60 minutes, 8 weeks, gym)."""

    model_config = ConfigDict(extra="forbid")

    goal: Goal | None = None
    level: Level | None = None
    days: Annotated[StrictInt, Field(description="Sessions a week (rules: 2-6).")] | None = None
    minutes: Annotated[StrictInt,
                       Field(description="Minutes a session (rules: 15-120).")] | None = None
    weeks: Annotated[StrictInt, Field(description="Plan length (rules: 1-52 weeks).")] | None = None
    start: dt.date | None = Field(default=None, description="First day (default: next Monday).")
    location: Location | None = None
    equipment: Annotated[list[Equipment], Field(max_length=len(Equipment))] | None = None
    on: Annotated[list[Weekday], Field(max_length=7)] | None = None
    supersets: StrictBool | None = None
    exclude: Annotated[list[Annotated[str, Field(max_length=100)]], Field(max_length=50)] = []
    seed: Annotated[StrictInt, Field(ge=0, le=2**31 - 1)] = 0
    save: StrictBool = Field(default=False, description="Keep the plan and make it the active one.")

    @field_validator("start")
    @classmethod
    def _plausible_start(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not EARLIEST_START <= value <= LATEST_START:
            raise ValueError(f"must be between {EARLIEST_START} and {LATEST_START}")
        return value


class PlanMade(BaseModel):
    plan: PlanJson = Field(description=PLAN_DOC)
    plan_id: int | None = Field(description="The kept plan's id (with save), else null.")


class ViolationOut(BaseModel):
    rule: str
    message: str
    week: int | None
    date: str | None
    exercise_id: str | None


class CheckResult(BaseModel):
    ok: bool
    violations: list[ViolationOut]


class PlanSummary(BaseModel):
    id: int
    active: bool
    created_at: UtcDateTime
    goal: str | None
    level: str | None
    days_per_week: int | None
    weeks: int | None
    start_date: str | None


class PlanOut(PlanSummary):
    plan: PlanJson = Field(description=PLAN_DOC)


def make_plan(store: Store, user: User, options: PlanOptions) -> Any:
    """The generated Plan (options left out from the profile, else the defaults); 422 naming
    the field for options the planner refuses."""
    from redwood.services.planning import PlanningError, plan_for

    given = options.model_dump(mode="json", exclude_none=True, exclude={"save"})
    try:
        return plan_for(store, user, {**given, "exclude": options.exclude})
    except PlanningError as exc:
        raise unprocessable(exc.field or "plan", exc.message) from None


def valid_plan(data: Any) -> PlanJson:
    """The plan, schema-checked; 422 naming the place in the plan otherwise."""
    from redwood.io.planfile import PlanFileError, validate_plan_data

    try:
        return validate_plan_data(data, source="plan")
    except PlanFileError as exc:
        raise unprocessable("plan", str(exc).removeprefix("plan: ")) from None


def summary(record: Any) -> dict[str, Any]:
    profile = record.profile if isinstance(record.profile, dict) else {}
    return dict(id=record.id, active=record.active, created_at=record.created_at,
                goal=profile.get("goal"), level=profile.get("level"),
                days_per_week=profile.get("days_per_week"), weeks=profile.get("weeks"),
                start_date=profile.get("start_date"))


@router.post("/plans/generate", response_model=PlanMade, summary="Generate a plan")
def generate(options: PlanOptions, user: ApiUser, store: StoreDep) -> PlanMade:
    """A multi-week back-and-leg plan with the reason for every choice; with `save`, kept and
    made the active plan."""
    from redwood.planner.serialize import plan_json

    made = make_plan(store, user, options)
    plan_id = None
    if options.save:
        from redwood.services.planning import save_plan

        plan_id = save_plan(store, user, made)
    return PlanMade(plan=plan_json(made), plan_id=plan_id)


@router.post("/plans/check", response_model=CheckResult, summary="Check a plan against the rules")
def check(user: ApiUser,
          plan: Annotated[PlanJson, Body(description=PLAN_DOC)]) -> CheckResult:
    from redwood.planner.check import check_plan

    data = valid_plan(plan)
    try:
        violations = check_plan(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise unprocessable("plan", f"cannot be checked: {exc}") from None
    return CheckResult(ok=not violations, violations=[
        ViolationOut(rule=v.rule, message=v.message, week=v.week, date=v.date,
                     exercise_id=v.exercise_id) for v in violations])


@router.post("/plans", response_model=PlanOut, status_code=status.HTTP_201_CREATED,
             summary="Keep a plan and make it the active one")
def create(user: ApiUser, store: StoreDep,
           plan: Annotated[PlanJson, Body(description=PLAN_DOC)]) -> PlanOut:
    from redwood.services.planning import keep_plan

    data = valid_plan(plan)
    plan_id = keep_plan(store, user, data)
    return read(plan_id, user, store)


@router.get("/plans", response_model=Page[PlanSummary], summary="Your kept plans, newest first")
def list_plans(user: ApiUser, store: StoreDep, limit: Limit = 20,
               offset: Offset = 0) -> Page[PlanSummary]:
    from redwood.services.planning import kept_plans

    records = kept_plans(store, user)
    return page([PlanSummary(**summary(r)) for r in records], limit, offset)


@router.get("/plans/active", response_model=PlanOut, summary="The plan you follow")
def active(user: ApiUser, store: StoreDep) -> PlanOut:
    from redwood.services.planning import active_plan

    found = active_plan(store, user)
    if found is None:
        raise not_found("no active plan: POST /api/v1/plans/generate with save=true makes one")
    return read(found[0], user, store)


@router.get("/plans/{plan_id}", response_model=PlanOut, summary="One kept plan")
def read(plan_id: PlanId, user: ApiUser, store: StoreDep) -> PlanOut:
    from redwood.services.planning import kept_plan

    record = kept_plan(store, user, plan_id)
    if record is None:
        raise not_found(f"plan_id: no plan {plan_id}")
    return PlanOut(**summary(record), plan=record.data)


@router.post("/plans/{plan_id}/activate", response_model=PlanOut,
             summary="Follow this kept plan again")
def activate(plan_id: PlanId, user: ApiUser, store: StoreDep) -> PlanOut:
    from redwood.services.planning import PlanningError, activate_plan

    try:
        activate_plan(store, user, plan_id)
    except PlanningError as exc:
        raise not_found(exc.worded()) from None
    return read(plan_id, user, store)
