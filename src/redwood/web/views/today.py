"""Today: the session with its targets, a form per set prefilled with the target (one tap
logs it), the rest timer, supersets as pairs, form cues, and the day's PRs."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
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
    weight_number,
)

if TYPE_CHECKING:
    from redwood.catalog.loader import Catalog
    from redwood.coach.records import RecordBreak
    from redwood.domain.log import LoggedSet
    from redwood.domain.user import User
    from redwood.store import Store
    from redwood.training import TodayItem, TodayView

router = APIRouter()

MAX_WEIGHT = Decimal(1000)
REST_SHOWN_S = 15 * 60
"""A rest timer older than this is stale (the page was reopened later): not shown."""


@dataclass(frozen=True)
class SetRow:
    number: int
    weight: str
    """In the lifter's unit, for the input ('' for bodyweight)."""
    amount: int
    """Reps, or seconds for a timed exercise."""
    done: bool
    text: str
    """How a logged set reads: '60 kg x 10'."""


@dataclass(frozen=True)
class ItemPage:
    index: int
    mark: str
    item: TodayItem
    target: str
    timed: bool
    rest_s: int
    sets: tuple[SetRow, ...]
    extra: tuple[str, ...]
    """Sets logged beyond the target's number."""
    warmup: str

    @property
    def complete(self) -> bool:
        return all(s.done for s in self.sets)


@dataclass(frozen=True)
class Group:
    label: str
    """'Superset A: ...' for a pair, '' for a single exercise."""
    items: tuple[ItemPage, ...]


def _today_workout_sets(store: Store, user: User, day: dt.date) -> list[LoggedSet]:
    with store.reader(user.id) as uow:
        workouts = uow.workouts.list(since=day, until=day)
    return [s for w in sorted(workouts, key=lambda w: w.id or 0) for s in w.sets]


def _set_text(s: LoggedSet, unit: str) -> str:
    from redwood.web.views._common import _weight

    amount = f"{s.reps}" if s.reps is not None else f"{s.seconds} s"
    text = f"{_weight(s.weight_kg, unit)} x {amount}" if s.weight_kg is not None else (
        f"bodyweight x {amount}")
    return text + ("" if s.completed else " (failed)")


def _groups(view: TodayView, done: list[LoggedSet], unit: str) -> tuple[Group, ...]:
    from redwood.domain.log import SetKind

    blocks = view.session.data["blocks"]
    groups: list[Group] = []
    current: list[ItemPage] = []
    numbers, letter_count = 0, 0
    by_block: dict[int, list[tuple[int, TodayItem]]] = {}
    for i, item in enumerate(view.items):
        by_block.setdefault(item.block, []).append((i, item))
    for b, members in by_block.items():
        block = blocks[b - 1]
        pair = block.get("kind") == "superset"
        if pair:
            letter_count += 1
        current = []
        for n, (i, item) in enumerate(members, start=1):
            t = item.target
            timed = t.seconds_min is not None
            mark = f"{item.superset}{n}" if pair and item.superset else str(numbers + 1)
            if not pair:
                numbers += 1
            logged = [s for s in done if s.exercise_id == t.exercise_id
                      and s.kind is not SetKind.WARMUP]
            top = (t.seconds_max if timed else t.reps_max) or 0
            rng = (f"{t.seconds_min}-{t.seconds_max} s" if timed
                   else f"{t.reps_min}-{t.reps_max}")
            target_weight = weight_number(t.weight_kg, unit)
            rows = []
            last_weight = target_weight
            for k in range(t.sets):
                if k < len(logged):
                    s = logged[k]
                    last_weight = weight_number(s.weight_kg, unit)
                    rows.append(SetRow(k + 1, last_weight, s.seconds or s.reps or 0, True,
                                       _set_text(s, unit)))
                else:
                    # Prefill with the weight used on this lift's last set today: a lifter
                    # who changed it once should not have to change it again.
                    rows.append(SetRow(k + 1, last_weight, top, False, ""))
            rest = (block.get("rest_between_s") or t.rest_s) if pair and n < len(members) \
                else t.rest_s
            from redwood.web.views._common import _weight

            ramp = ", ".join(f"{_weight(w.weight_kg, unit)} x {w.reps_max}" for w in item.warmup)
            current.append(ItemPage(
                index=i, mark=mark, item=item,
                target=f"{t.sets} x {rng} @ {_weight(t.weight_kg, unit)}",
                timed=timed, rest_s=int(rest), sets=tuple(rows),
                extra=tuple(_set_text(s, unit) for s in logged[t.sets:]), warmup=ramp,
            ))
        label = ""
        if pair:
            label = (f"Superset {members[0][1].superset or chr(64 + letter_count)}: "
                     f"{block.get('rounds') or ''} rounds, alternate the two with "
                     f"{block.get('rest_between_s') or 0} s between")
        groups.append(Group(label, tuple(current)))
    return tuple(groups)


def _prs(store: Store, user: User, day: dt.date, done: list[LoggedSet],
         catalog: Catalog) -> list[str]:
    """Every record today's sets broke, described for the lifter."""
    from redwood.coach.records import new_records

    if not done:
        return []
    ids = sorted({s.exercise_id for s in done})
    with store.reader(user.id) as uow:
        before = uow.workouts.history(ids, until=day - dt.timedelta(days=1))
    past = [session for sessions in before.values() for session in sessions]
    # One line per lift and kind of record: today's best against the record before today
    # (three heavier sets in a row are one PR, not three), the latest last.
    merged: dict[tuple[str, str], RecordBreak] = {}
    for record in new_records(past, done):
        key = (record.exercise_id, record.kind.value)
        first = merged.pop(key, None)
        merged[key] = record if first is None else replace(record, previous=first.previous)
    out = []
    for record in merged.values():
        ex = catalog.get(record.exercise_id)
        out.append(record.describe(user.unit, ex.name if ex else None))
    return out


def _view(store: Store, user: User, day: dt.date, catalog: Catalog) -> TodayView:
    from redwood.training import today

    return today(store, user, day, catalog, in_progress=True)


@router.get("/today", include_in_schema=False)
def today_page(request: Request, rest: str = "", at: str = "", pr: str = "",
               error: str = "") -> Response:
    from redwood.catalog import load_catalog
    from redwood.training import TrainingError

    user = current_user(request)
    if user is None:
        return to_login(request)
    store = store_of(request)
    catalog = load_catalog()
    day = dt.date.today()
    try:
        view = _view(store, user, day, catalog)
    except TrainingError as exc:
        with store.reader(user.id) as uow:
            has_plan = uow.plans.active() is not None
        if not has_plan:
            return redirect("/onboarding")
        return render(request, "today.html", user=user, active="today", title="Today",
                      view=None, problem=str(exc).split(":")[0], groups=(), prs=[],
                      timer=None, fresh_pr=False, error="")
    done = _today_workout_sets(store, user, day)
    groups = _groups(view, done, user.unit.value)
    now_ms = int(time.time() * 1000)
    timer = None
    # From the redirect after a logged set; anything else in the address is ignored.
    rest_s = int(rest) if is_number(rest) and len(rest) <= 5 else 0
    logged_at = int(at) if is_number(at) and len(at) <= 15 else 0
    if 0 < rest_s <= 3600 and 0 < logged_at <= now_ms and (
            now_ms - logged_at) / 1000 < REST_SHOWN_S:
        end = logged_at + rest_s * 1000
        timer = {"end": end, "now": now_ms, "rest": rest_s,
                 "left": max(0, (end - now_ms) // 1000)}
    all_done = bool(groups) and all(i.complete for g in groups for i in g.items)
    last = None
    if done:
        ex = catalog.get(done[-1].exercise_id)
        last = f"{ex.name if ex else done[-1].exercise_id} {_set_text(done[-1], user.unit.value)}"
    return render(request, "today.html", user=user, active="today", title="Today",
                  view=view, problem="", groups=groups,
                  prs=_prs(store, user, day, done, catalog), fresh_pr=pr == "1",
                  timer=timer, all_done=all_done, day=day, last_set=last,
                  error=error if error in _ERRORS else "", errors=_ERRORS)


_ERRORS = {
    "weight": "Weight: type a number above 0, at most 1000 (or leave it empty for bodyweight).",
    "reps": "Reps: type a whole number from 1 to 100.",
    "seconds": "Seconds: type a whole number from 1 to 3600.",
    "rpe": "RPE: type a number from 1 to 10 in half steps (10 = nothing left), or leave it empty.",
    "exercise": "That exercise is not in today's session: reload the page.",
    "undo": "Nothing logged today to undo.",
}


def _parse_weight(text: str, unit: str) -> Decimal | None:
    from redwood.domain.log import Unit, to_kg

    value = Decimal(text.replace(",", "."))
    if not value.is_finite() or value <= 0 or value > MAX_WEIGHT:
        raise ValueError
    return to_kg(value, Unit(unit))


@router.post("/today/set", include_in_schema=False)
async def log_set(request: Request) -> Response:
    posted = await signed_in_form(request)
    if isinstance(posted, Response):
        return posted
    user, form = posted
    # The coach and the store are synchronous: off the event loop.
    return await run_in_threadpool(_log_set, request, user, form)


def _log_set(request: Request, user: User, form: Any) -> Response:
    from redwood.catalog import load_catalog
    from redwood.domain.log import LoggedSet, Workout
    from redwood.training import TrainingError, log_workout

    store = store_of(request)
    catalog = load_catalog()
    day = dt.date.today()
    try:
        view = _view(store, user, day, catalog)
    except TrainingError:
        return redirect("/today")
    index_text = field_text(form, "item", 4)
    index = int(index_text) if is_number(index_text) else -1
    if not 0 <= index < len(view.items):
        return redirect("/today?error=exercise")
    item = view.items[index]
    sent = field_text(form, "exercise", 200)
    if sent and sent != item.target.exercise_id:
        # The session changed since the page was loaded (a new day, a new plan): never log
        # a set to an exercise the lifter did not see.
        return redirect("/today?error=exercise")
    anchor = f"#item-{index}"
    timed = item.target.seconds_min is not None
    weight_text = field_text(form, "weight", 20)
    try:
        weight = _parse_weight(weight_text, user.unit.value) if weight_text else None
    except (InvalidOperation, ValueError):
        return redirect(f"/today?error=weight{anchor}")
    field = "seconds" if timed else "reps"
    amount_text = field_text(form, field, 6)
    limit = 3600 if timed else 100
    if not is_number(amount_text) or not 1 <= int(amount_text) <= limit:
        return redirect(f"/today?error={field}{anchor}")
    amount = int(amount_text)
    rpe_text = field_text(form, "rpe", 6)  # calibrating rows ask for it
    try:
        rpe = Decimal(rpe_text.replace(",", ".")) if rpe_text else None
    except InvalidOperation:
        return redirect(f"/today?error=rpe{anchor}")
    if rpe is not None and not (rpe.is_finite() and 1 <= rpe <= 10 and rpe * 2 % 1 == 0):
        return redirect(f"/today?error=rpe{anchor}")
    logged = LoggedSet(
        item.target.exercise_id, weight_kg=weight,
        reps=None if timed else amount, seconds=amount if timed else None,
        rpe=rpe, rest_s=item.target.rest_s,
    )
    try:
        result = log_workout(store, user, Workout(date=day, sets=(logged,),
                                                  planned=view.session.ref),
                             catalog, append=True)
    except TrainingError:
        return redirect(f"/today?error=exercise{anchor}")
    groups = _groups(view, _today_workout_sets(store, user, day), user.unit.value)
    rest = next((i.rest_s for g in groups for i in g.items if i.index == index),
                item.target.rest_s)
    now_ms = int(time.time() * 1000)
    pr = "&pr=1" if result.records else ""
    return redirect(f"/today?rest={rest}&at={now_ms}{pr}{anchor}")



@router.post("/today/undo", include_in_schema=False)
async def undo_set(request: Request) -> Response:
    """Take back today's last set (a mistyped weight): log it again with the right one."""
    posted = await signed_in_form(request)
    if isinstance(posted, Response):
        return posted
    user, _ = posted
    return await run_in_threadpool(_undo_last_set, request, user)


def _undo_last_set(request: Request, user: User) -> Response:
    day = dt.date.today()
    with store_of(request).unit_of_work(user.id) as uow:
        workouts = [w for w in uow.workouts.list(since=day, until=day)
                    if w.id is not None and w.sets]
        if not workouts:
            return redirect("/today?error=undo")
        last = max(workouts, key=lambda w: w.id or 0)
        assert last.id is not None
        if len(last.sets) == 1:
            uow.workouts.delete(last.id)
        else:
            uow.workouts.replace_sets(last.id, last.sets[:-1])
        uow.commit()
    return redirect("/today")
