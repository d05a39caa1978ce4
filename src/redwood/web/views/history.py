"""History: the log, eight weeks a page, newest first; each set can be corrected (weight and
reps or seconds) or deleted, with the same checks as Today's Log. Works without JavaScript."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import InvalidOperation
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from redwood.web.views._common import (
    _weight,
    current_user,
    field_text,
    is_number,
    redirect,
    render,
    signed_in_post,
    store_of,
    to_login,
    weight_number,
)

if TYPE_CHECKING:
    from redwood.domain.user import User

router = APIRouter()

HISTORY_DAYS = 56
"""One page of the log: eight weeks."""


@dataclass(frozen=True)
class SetLine:
    workout_id: int
    position: int
    text: str
    weight: str
    """For the edit form, in the lifter's unit ('' for bodyweight)."""
    amount: int
    timed: bool


@dataclass(frozen=True)
class Refused:
    workout_id: int
    position: int
    message: str
    weight: str
    amount: str


def _page_end(until: str) -> dt.date:
    try:
        return dt.date.fromisoformat(until) if until else dt.date.today()
    except ValueError:
        return dt.date.today()


@router.get("/history", include_in_schema=False)
def history_page(request: Request, until: str = "", changed: str = "") -> Response:
    user = current_user(request)
    if user is None:
        return to_login(request)
    return _page(request, user, _page_end(until),
                 changed if changed in ("edit", "delete") else "")


def _page(request: Request, user: User, end: dt.date, changed: str = "",
          refused: Refused | None = None) -> Response:
    from redwood.domain.log import SetKind, signed_load

    start = end - dt.timedelta(days=HISTORY_DAYS - 1)
    from redwood.services.training import exercise_names, workouts_between

    found, older = workouts_between(store_of(request), user, start, end)
    names = exercise_names(store_of(request), user,
                           (s.exercise_id for f in found for s in f.workout.sets))
    unit = user.unit.value
    shown = []
    for stored in found:
        w = stored.workout
        assert w.id is not None
        lifts: dict[str, list[SetLine]] = {}
        for s, position in zip(w.sets, stored.positions, strict=True):
            amount = f"{s.reps}" if s.reps is not None else f"{s.seconds} s"
            # An assisted exercise's weight is help: "-40 kg x 8".
            text = (f"{_weight(signed_load(s.exercise_id, s.weight_kg), unit)} x {amount}"
                    if s.weight_kg is not None
                    else f"bodyweight x {amount}")
            if s.kind is not SetKind.WORKING:
                text += f" ({s.kind.value})"
            timed = s.reps is None and s.seconds is not None
            lifts.setdefault(names[s.exercise_id], []).append(SetLine(
                w.id, position, text, weight_number(s.weight_kg, unit),
                (s.seconds if timed else s.reps) or 0, timed))
        shown.append({"id": w.id, "date": w.date, "title": w.title, "notes": w.notes,
                      "energy": w.energy, "lifts": lifts, "sets": len(w.sets)})
    return render(request, "history.html", user=user, active="history", title="History",
                  workouts=shown, start=start, end=end, changed=changed, refused=refused,
                  until=end.isoformat(),
                  older=(start - dt.timedelta(days=1)).isoformat() if older else "",
                  newer=min(end + dt.timedelta(days=HISTORY_DAYS), dt.date.today()).isoformat()
                  if end < dt.date.today() else "", status=400 if refused else 200)


def _which(form: Any) -> tuple[int, int] | None:
    workout, position = field_text(form, "workout", 12), field_text(form, "position", 6)
    if is_number(workout) and is_number(position):
        return int(workout), int(position)
    return None


@router.post("/history/set", include_in_schema=False)
async def change_set(request: Request) -> Response:
    """Correct a set (action=save) or delete it (action=delete)."""
    return await signed_in_post(request, _change_set)


def _change_set(request: Request, user: User, form: Any) -> Response:
    from redwood.services.training import TrainingError, change_set, remove_set
    from redwood.web.views.today import MAX_AMOUNT, parse_weight, set_field_error

    end = _page_end(field_text(form, "until", 10))
    back = f"/history?until={end.isoformat()}"
    which = _which(form)
    if which is None:
        return redirect(back)
    workout_id, position = which
    store = store_of(request)
    try:
        if field_text(form, "action", 10) == "delete":
            remove_set(store, user, workout_id, position)
            return redirect(f"{back}&changed=delete")
        timed = field_text(form, "timed", 1) == "1"
        weight_text = field_text(form, "weight", 20)
        amount_text = field_text(form, "amount", 6)

        def refuse(message: str) -> Response:
            return _page(request, user, end, refused=Refused(
                workout_id, position, message, weight_text, amount_text))

        try:
            weight = parse_weight(weight_text, user.unit.value) if weight_text else None
        except (InvalidOperation, ValueError):
            return refuse(set_field_error("weight"))
        field = "seconds" if timed else "reps"
        if not is_number(amount_text) or not 1 <= int(amount_text) <= MAX_AMOUNT[field]:
            return refuse(set_field_error(field))
        change_set(store, user, workout_id, position, weight, int(amount_text))
    except TrainingError as exc:
        # Not the lifter's set (or gone): said at the top of the page.
        return _page(request, user, end, refused=Refused(0, -1, str(exc), "", ""))
    return redirect(f"{back}&changed=edit#w{workout_id}")
