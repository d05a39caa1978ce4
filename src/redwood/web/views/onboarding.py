"""Onboarding: the profile in one short form (three steps on one page), then the plan."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from redwood.web.views._common import (
    current_user,
    field_text,
    is_number,
    redirect,
    render,
    signed_in_form,
    store_of,
    to_login,
)

if TYPE_CHECKING:
    from redwood.domain.user import User

router = APIRouter()

# The planner options shown with a field of their own (the others' messages go on top).
_FIELDS = ("goal", "level", "days", "minutes", "weeks", "start", "location", "equipment", "on",
           "exclude", "protect")


def _options() -> dict[str, Any]:
    from redwood.domain.vocabulary import Equipment, Goal, Level, Location, Weekday

    def pairs(enum: Any) -> list[tuple[str, str]]:
        return [(m.value, m.value.replace("-", " ").capitalize()) for m in enum]

    return {
        "goals": [(Goal.STRENGTH.value, "Strength: heavier, fewer reps"),
                  (Goal.HYPERTROPHY.value, "Muscle: build size"),
                  (Goal.ENDURANCE.value, "Endurance: lighter, more reps")],
        "levels": [(Level.BEGINNER.value, "Beginner"),
                   (Level.INTERMEDIATE.value, "Intermediate"),
                   (Level.ADVANCED.value, "Advanced")],
        "weekdays": pairs(Weekday),
        "locations": [(Location.GYM.value, "Gym"), (Location.HOME.value, "Home"),
                      (Location.OUTDOOR.value, "Outdoors")],
        "equipment": pairs(Equipment),
        "days_choices": [str(n) for n in range(2, 7)],
        "minutes_choices": ["30", "45", "60", "75", "90"],
        "weeks_choices": ["4", "6", "8", "12"],
        "units": [("kg", "kg"), ("lb", "lb")],
        "protect_areas": [("lower-back", "Lower back"), ("knees", "Knees"),
                          ("shoulders", "Shoulders")],
    }


def _told_text(active: dict[str, Any] | None, unit: str) -> dict[str, str]:
    """The saved body weight and known sets as the form shows them."""
    from redwood.domain.log import Unit, from_kg
    from redwood.services.training import body_weight_of, known_of

    u = Unit(unit)

    def num(kg: Any) -> str:
        return format(from_kg(kg, u).normalize(), "f")

    body = body_weight_of(active)
    return {"body_weight": "" if body is None else num(body),
            "known": ", ".join(f"{k.exercise_id}={num(k.weight_kg)}x{k.reps}"
                               for k in known_of(active))}


def _defaults(active: dict[str, Any] | None, unit: str) -> dict[str, Any]:
    p = active or {}
    return {
        **_told_text(active, unit),
        "goal": str(p.get("goal", "hypertrophy")), "level": str(p.get("level", "beginner")),
        "days": str(p.get("days", 3)), "minutes": str(p.get("minutes", 60)),
        "weeks": str(p.get("weeks", 8)), "start": dt.date.today().isoformat(),
        "location": str(p.get("location", "gym")), "equipment": list(p.get("equipment", [])),
        "on": list(p.get("on", [])), "supersets": bool(p.get("supersets", True)),
        "protect": list(p.get("protect", [])), "unit": unit,
    }


def _told(values: dict[str, Any], errors: dict[str, str]) -> tuple[Any, list[Any]]:
    """The form's optional body weight and known sets (in its unit), or errors beside them."""
    from redwood.catalog import load_catalog
    from redwood.domain.log import Unit
    from redwood.services.training import TrainingError, parse_body_weight, parse_known

    unit = Unit(values["unit"]) if values["unit"] in ("kg", "lb") else Unit.KG
    body = None
    if values["body_weight"]:
        try:
            body = parse_body_weight(values["body_weight"], unit, "body_weight")
        except TrainingError as exc:
            errors["body_weight"] = exc.message
    known: list[Any] = []
    if values["known"]:
        try:
            known = parse_known(values["known"].replace(",", " ").split(), unit,
                                load_catalog())
        except TrainingError as exc:
            errors["known"] = exc.message
    return body, known


@router.get("/onboarding", include_in_schema=False)
def onboarding_page(request: Request) -> Response:
    user = current_user(request)
    if user is None:
        return to_login(request)
    from redwood.services.planning import active_plan, active_profile

    store = store_of(request)
    has_plan = active_plan(store, user) is not None
    return render(request, "onboarding.html", user=user, active="plan", title="Your plan",
                  values=_defaults(active_profile(store, user), user.unit.value),
                  errors={}, has_plan=has_plan, **_options())


@router.post("/onboarding", include_in_schema=False)
async def onboarding(request: Request) -> Response:
    posted = await signed_in_form(request)
    if isinstance(posted, Response):
        return posted
    user, form = posted
    # Planning is CPU work and the store is synchronous: off the event loop.
    return await run_in_threadpool(_onboard, request, user, form)


def _onboard(request: Request, user: User, form: Any) -> Response:
    from redwood.domain.log import Unit
    from redwood.services.planning import (
        DEFAULT_PROFILE,
        PlanningError,
        Told,
        make_plan,
        start_training,
    )

    values: dict[str, Any] = {
        name: field_text(form, name, 40)
        for name in ("goal", "level", "days", "minutes", "weeks", "start", "location", "unit")
    }
    values["body_weight"] = field_text(form, "body_weight", 20)
    values["known"] = field_text(form, "known", 400)
    values["equipment"] = [v for v in form.getlist("equipment") if isinstance(v, str)][:40]
    values["on"] = [v for v in form.getlist("on") if isinstance(v, str)][:7]
    values["supersets"] = form.get("supersets") == "on"
    values["protect"] = [v for v in form.getlist("protect") if isinstance(v, str)][:3]
    errors: dict[str, str] = {}
    numbers: dict[str, int] = {}
    for name in ("days", "minutes", "weeks"):
        text = values[name] or str(DEFAULT_PROFILE[name])
        if not is_number(text):
            errors[name] = f"{text!r} is not a whole number."
        else:
            numbers[name] = int(text)
    if values["unit"] not in ("kg", "lb"):
        errors["unit"] = "Choose kg or lb."
    told = _told(values, errors)
    plan = None
    if not errors:
        try:
            plan = make_plan({
                "goal": values["goal"] or DEFAULT_PROFILE["goal"],
                "level": values["level"] or DEFAULT_PROFILE["level"], **numbers,
                "start": values["start"] or None,
                "location": values["location"] or DEFAULT_PROFILE["location"],
                "equipment": values["equipment"], "on": values["on"],
                "supersets": values["supersets"], "protect": values["protect"]})
        except PlanningError as exc:
            if exc.unbuildable:
                errors["form"] = f"This plan cannot be built: {exc.detail}"
            else:
                message = exc.message
                errors[exc.field if exc.field in _FIELDS else "form"] = (
                    message[:1].upper() + message[1:])
    if plan is None:
        return render(request, "onboarding.html", user=user, active="plan", title="Your plan",
                      values=values, errors=errors, has_plan=False, status=422, **_options())
    saved_profile = {"goal": plan.profile.goal.value, "level": plan.profile.level.value,
                     "days": numbers["days"], "minutes": numbers["minutes"],
                     "weeks": numbers["weeks"], "location": plan.profile.location.value,
                     "equipment": values["equipment"], "on": values["on"],
                     "supersets": values["supersets"], "protect": values["protect"]}
    body, known = told  # the form shows the saved ones: what it sends is the whole of it
    start_training(store_of(request), user, plan, saved_profile, told=Told(body, known),
                   unit=Unit(values["unit"]))
    return redirect("/plan?new=1")
