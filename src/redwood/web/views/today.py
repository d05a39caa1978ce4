"""Today: the session with its targets, a form per set prefilled with the target (one tap
logs it), the rest timer, supersets as pairs, form cues, the day's PRs, and Finish.

The targets hold still while the session is trained (see `training.today`). After a set is
logged the answer names the next set to log (the next set of the lift, the partner in a
superset round, or the next lift's first set) so the page can bring it into view; a refused
value comes back in its field with the message under it, and nothing is stored."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from redwood.services.training import NOTES_MAX as SESSION_NOTES_MAX
from redwood.web.views._common import (
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
    from redwood.catalog.loader import Catalog
    from redwood.coach.records import RecordBreak
    from redwood.coach.targets import Target
    from redwood.domain.log import LoggedSet
    from redwood.domain.user import User
    from redwood.services.base import Store
    from redwood.services.training import TodayItem, TodayView

router = APIRouter()

MAX_WEIGHT = Decimal(1000)
REST_SHOWN_S = 15 * 60
"""A rest timer older than this is stale (the page was reopened later): not shown."""
NOTES_MAX = SESSION_NOTES_MAX


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
    short: str = ""
    """For a logged set short of its target: 'short of 8 reps'."""
    last: bool = False
    """The set Undo takes back."""
    client_id: str = ""
    """The id its device gave it (gym mode: edits and undo made offline name the set)."""
    why: str = ""
    """A ramp's next set: why its load is that big a step from the set before."""


@dataclass(frozen=True)
class Problem:
    """A set refused (or questioned) at its form: the field, the message, what was typed."""

    index: int
    number: int
    field: str
    """'weight', 'reps', 'seconds', 'confirm' (a weight to confirm) or 'full' (the workout
    holds the most sets it takes: no field is wrong)."""
    message: str
    weight: str
    amount: str
    rpe: str = ""
    """The RPE typed on a calibrating set: kept in its field with the rest, so "Log anyway"
    sends it again instead of storing the set without it."""


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
    assisted: bool = False
    """The weight is the machine's help: the field reads 'kg assist'."""

    @property
    def complete(self) -> bool:
        return all(s.done for s in self.sets)

    @property
    def open(self) -> int:
        """The number of the first set still to log (0 when all are logged)."""
        return next((s.number for s in self.sets if not s.done), 0)


@dataclass(frozen=True)
class Group:
    label: str
    """'Superset A: ...' for a pair, '' for a single exercise."""
    items: tuple[ItemPage, ...]


def load_text(exercise_id: str, kg: Decimal | None, unit: str) -> str:
    """As the CLI writes it: '60 kg', '-20 kg assist' on an assisted machine."""
    from redwood.render.text import load_text as text

    return text(exercise_id, kg, unit)


def target_text(t: Target, unit: str) -> str:
    """'3 x 8-10 @ 60 kg', '3 x 8 @ 60 kg' (a range of one is one number), '3 x 30-45 s'."""
    from redwood.render.text import target_text as text

    return text(t, unit)


def _set_text(s: LoggedSet, unit: str) -> str:
    """As `redwood today` writes it: '60 kg x 10' (render.text.set_text)."""
    from redwood.render.text import set_text

    return set_text(s, unit)


def _short(s: LoggedSet, t: Target) -> str:
    """'short of 8 reps' when a logged set fell below the target's bottom."""
    from redwood.render.text import short_of

    return short_of(s, t)


def _groups(view: TodayView, done: list[LoggedSet], unit: str,
            client_ids: Sequence[str | None] = ()) -> tuple[Group, ...]:
    """`client_ids`: each done set's id from its device (gym mode), in the order of `done`."""
    from redwood.domain.log import SetKind, is_assisted

    # By position in `done`, never by identity: the store may hand equal sets over as one
    # shared object (a long log reads faster so), and each row must keep its own id and Undo.
    ids = {j: c for j, c in enumerate(client_ids) if c}

    blocks = view.session.data["blocks"]
    groups: list[Group] = []
    numbers, letter_count = 0, 0
    last_at = len(done) - 1
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
            logged = [(j, s) for j, s in enumerate(done) if s.exercise_id == t.exercise_id
                      and s.kind is not SetKind.WARMUP]
            # The coach's target for the set: the number the text says.
            aim = (t.seconds_min if timed else t.reps_min) or 0
            rows = []
            last_weight = weight_number(t.weight_kg, unit)
            why = ""
            for k in range(t.sets):
                if k < len(logged):
                    j, s = logged[k]
                    last_weight = weight_number(s.weight_kg, unit)
                    # A first session that works up by feel: the next set's load from this
                    # one's reps and RPE (the target said so from the start), and why.
                    step = view.ramp_next(item, s)
                    why = ""
                    if step is not None:
                        last_weight = weight_number(step.weight_kg, unit)
                        why = step.why
                    rows.append(SetRow(k + 1, last_weight, s.seconds or s.reps or 0, True,
                                       _set_text(s, unit), _short(s, t), j == last_at,
                                       ids.get(j, "")))
                else:
                    # Prefill with the weight used on this lift's last set today: a lifter
                    # who changed it once should not have to change it again.
                    rows.append(SetRow(k + 1, last_weight, aim, False, "", why=why))
                    why = ""
            rest = (block.get("rest_between_s") or t.rest_s) if pair and n < len(members) \
                else t.rest_s
            ramp = ", ".join(f"{load_text(t.exercise_id, w.weight_kg, unit)} x {w.reps_max}"
                             for w in item.warmup)
            current.append(ItemPage(
                index=i, mark=mark, item=item, target=target_text(t, unit),
                timed=timed, rest_s=int(rest), sets=tuple(rows),
                extra=tuple(_set_text(s, unit) for _, s in logged[t.sets:]), warmup=ramp,
                assisted=is_assisted(t.exercise_id),
            ))
        label = ""
        if pair:
            label = (f"Superset {members[0][1].superset or chr(64 + letter_count)}: "
                     f"{block.get('rounds') or ''} rounds, alternate the two with "
                     f"{block.get('rest_between_s') or 0} s between")
        groups.append(Group(label, tuple(current)))
    return tuple(groups)


def next_set(groups: tuple[Group, ...], logged: int) -> str:
    """The form to bring into view after logging a set of item `logged`: 'set-I-N' (the next
    set of the lift; in a superset, the partner due in this round), 'finish' when every set
    is logged."""
    pages = [(g, p) for g in groups for p in g.items]
    at = next((k for k, (_, p) in enumerate(pages) if p.index == logged), 0)
    group = pages[at][0] if pages else None
    if group is not None and group.label:
        # A superset round: the lift of the pair with the fewest sets done, the partner first.
        members = list(group.items)
        start = next((k for k, p in enumerate(members) if p.index == logged), 0)
        order = members[start + 1:] + members[:start + 1]
        todo = [p for p in order if p.open]
        if todo:
            best = min(todo, key=lambda p: sum(s.done for s in p.sets))
            return f"set-{best.index}-{best.open}"
    elif pages and pages[at][1].open:
        p = pages[at][1]
        return f"set-{p.index}-{p.open}"
    for _, p in pages[at + 1:] + pages[:at + 1]:
        if p.open:
            return f"set-{p.index}-{p.open}"
    return "finish"


def _prs(store: Store, user: User, day: dt.date, done: list[LoggedSet],
         catalog: Catalog) -> list[str]:
    """Every record today's sets broke, described for the lifter."""
    from redwood.services.training import day_records

    # One line per lift and kind of record: today's best against the record before today
    # (three heavier sets in a row are one PR, not three), the latest last.
    merged: dict[tuple[str, str], RecordBreak] = {}
    for record in day_records(store, user, day, done):
        key = (record.exercise_id, record.kind.value)
        first = merged.pop(key, None)
        merged[key] = record if first is None else replace(record, previous=first.previous)
    out = []
    for record in merged.values():
        ex = catalog.get(record.exercise_id)
        out.append(record.describe(user.unit, ex.name if ex else None))
    return out


def _view(store: Store, user: User, day: dt.date, catalog: Catalog) -> TodayView:
    from redwood.services.training import today

    return today(store, user, day, catalog, in_progress=True)


def _session_done(store: Store, user: User, day: dt.date, view: TodayView) -> list[LoggedSet]:
    from redwood.services.training import session_sets

    return session_sets(store, user, day, view.session.ref)


def _set_ref(text: str) -> tuple[int, int] | None:
    """'2-3' (item 2, set 3) from the address, or None."""
    a, _, b = text.partition("-")
    if is_number(a) and is_number(b) and len(a) <= 3 and len(b) <= 2:
        return int(a), int(b)
    return None


@router.get("/today", include_in_schema=False)
def today_page(request: Request, rest: str = "", at: str = "", pr: str = "",
               error: str = "", next: str = "", undone: str = "",
               finished: str = "") -> Response:
    user = current_user(request)
    if user is None:
        return to_login(request)
    return _page(request, user, rest=rest, at=at, pr=pr, error=error, next_form=next,
                 undone=undone, finished=finished == "1")


def _page(request: Request, user: User, *, rest: str = "", at: str = "", pr: str = "",
          error: str = "", next_form: str = "", undone: str = "", finished: bool = False,
          problem: Problem | None = None, status: int = 200) -> Response:
    from redwood.catalog import load_catalog
    from redwood.services.training import TrainingError, finished_today

    store = store_of(request)
    catalog = load_catalog()
    day = dt.date.today()
    unit = user.unit.value
    summary = finished_today(store, user, day, catalog)
    try:
        view = _view(store, user, day, catalog)
    except TrainingError as exc:
        from redwood.services.planning import active_plan

        if active_plan(store, user) is None:
            return redirect("/onboarding")
        return render(request, "today.html", user=user, active="today", title="Today",
                      view=None, problem=str(exc).split(":")[0], groups=(), prs=[],
                      timer=None, fresh_pr=False, error="", summary=summary,
                      next_time=_next_time(summary, unit), status=status,
                      summary_prs=_summary_prs(store, user, day, summary, catalog))
    done = _session_done(store, user, day, view)
    from redwood.services.syncing import session_client_ids

    groups = _groups(view, done, unit, session_client_ids(store, user, day, view.session.ref))
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
    pages = {p.index: p for g in groups for p in g.items}
    announce = ""
    if undone and (ref := _set_ref(undone)) and ref[0] in pages:
        announce = f"Undone: {pages[ref[0]].item.name} set {ref[1]}"
    elif next_form and done:
        ex = catalog.get(done[-1].exercise_id)
        announce = f"Saved: {ex.name if ex else done[-1].exercise_id} {_set_text(done[-1], unit)}"
    if problem is not None:
        next_form = f"set-{problem.index}-{problem.number}"
    elif next_form != "finish" and not (
            (ref := _set_ref(next_form.removeprefix("set-"))) and ref[0] in pages):
        # Opened again (a reload, back from another page): the set after the last one logged.
        last = next((i for i, item in enumerate(view.items)
                     if done and item.target.exercise_id == done[-1].exercise_id), None)
        next_form = next_set(groups, last) if last is not None else ""
    return render(request, "today.html", user=user, active="today", title="Today",
                  view=view, problem="", groups=groups,
                  prs=_prs(store, user, day, done, catalog), fresh_pr=pr == "1",
                  timer=timer, all_done=all_done, day=day, started=bool(done),
                  error=error if error in _ERRORS else "", errors=_ERRORS,
                  bad=problem, next_form=next_form, announce=announce,
                  summary=summary if finished or not done else None,
                  next_time=_next_time(summary, unit), status=status,
                  summary_prs=_summary_prs(store, user, day, summary, catalog))


def _summary_prs(store: Store, user: User, day: dt.date, summary: Any,
                 catalog: Catalog) -> list[str]:
    """The records the finished session broke."""
    return [] if summary is None else _prs(store, user, day, list(summary.sets), catalog)


def _next_time(summary: Any, unit: str) -> list[tuple[str, str, str]]:
    """(lift, target, why) for the "Next time" list after a finished session."""
    if summary is None:
        return []
    return [(i.name, target_text(i.target, unit), i.target.reason) for i in summary.next_time]


_ERRORS = {
    "exercise": "That exercise is not in today's session: reload the page.",
    "undo": "Nothing logged today to undo.",
    "finish": "Nothing logged today to finish: log a set first.",
    "notes": f"Notes: at most {NOTES_MAX} characters.",
    "rpe": "Session RPE: choose 1 (very easy) to 10 (maximal), or leave it empty.",
}
_FIELD_ERRORS = {
    "weight": "Weight: type a number above 0, at most 1000 (or leave it empty for bodyweight).",
    "reps": "Reps: type a whole number from 1 to 100.",
    "seconds": "Seconds: type a whole number from 1 to 3600.",
    "rpe": "RPE: type a number from 1 to 10 in half steps (10 = nothing left), or leave it empty.",
    "exercise": "That exercise is not in today's session: reload the page.",
    "undo": "Nothing logged today to undo.",
}


MAX_AMOUNT = {"reps": 100, "seconds": 3600}


def set_field_error(field: str) -> str:
    """The one-line message for a refused weight, reps or seconds."""
    return _FIELD_ERRORS[field]


def parse_weight(text: str, unit: str) -> Decimal | None:
    """A typed weight in the lifter's unit as kg; ValueError (or InvalidOperation) if it is
    not a number above 0 and at most 1000."""
    from redwood.domain.log import Unit, to_kg

    value = Decimal(text.replace(",", "."))
    if not value.is_finite() or value <= 0 or value > MAX_WEIGHT:
        raise ValueError
    return to_kg(value, Unit(unit))


@router.post("/today/set", include_in_schema=False)
async def log_set(request: Request) -> Response:
    return await signed_in_post(request, _log_set)


def _implausible(store: Store, user: User, item: TodayItem, weight: Decimal,
                 day: dt.date) -> str:
    """'255 kg? The target is 100 kg.' for a weight that looks like a typo (the coach's rule:
    services.training.load_doubt, [typo] of coach.toml), asked before it is stored; '' when
    it looks right."""
    from redwood.render.text import doubt_question
    from redwood.services.training import load_doubt

    doubt = load_doubt(store, user, item.target.exercise_id, weight, day, item.target)
    return "" if doubt is None else doubt_question(item.target.exercise_id, doubt,
                                                   user.unit.value)


def _log_set(request: Request, user: User, form: Any) -> Response:
    from redwood.catalog import load_catalog
    from redwood.domain.log import LoggedSet, Workout
    from redwood.services.base import WorkoutFull
    from redwood.services.training import TrainingError, log_workout, session_complete

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
    number_text = field_text(form, "set", 2)
    number = int(number_text) if is_number(number_text) else 1
    timed = item.target.seconds_min is not None
    field = "seconds" if timed else "reps"
    weight_text = field_text(form, "weight", 20)
    amount_text = field_text(form, field, 6)
    rpe_text = field_text(form, "rpe", 6)  # calibrating rows ask for it

    def refuse(what: str, message: str) -> Response:
        # The page again, the typed values in their fields and the message under them.
        return _page(request, user, problem=Problem(index, number, what, message,
                                                    weight_text, amount_text, rpe_text),
                     status=400)

    try:
        weight = parse_weight(weight_text, user.unit.value) if weight_text else None
    except (InvalidOperation, ValueError):
        return refuse("weight", _FIELD_ERRORS["weight"])
    if not is_number(amount_text) or not 1 <= int(amount_text) <= MAX_AMOUNT[field]:
        return refuse(field, _FIELD_ERRORS[field])
    if weight is not None and field_text(form, "confirm", 1) != "1":
        doubt = _implausible(store, user, item, weight, day)
        if doubt:
            return refuse("confirm", doubt)
    amount = int(amount_text)
    try:
        rpe = Decimal(rpe_text.replace(",", ".")) if rpe_text else None
    except InvalidOperation:
        return refuse("rpe", _FIELD_ERRORS["rpe"])
    if rpe is not None and not (rpe.is_finite() and 1 <= rpe <= 10 and rpe * 2 % 1 == 0):
        return refuse("rpe", _FIELD_ERRORS["rpe"])
    logged = LoggedSet(
        item.target.exercise_id, weight_kg=weight,
        reps=None if timed else amount, seconds=amount if timed else None,
        rpe=rpe, rest_s=item.target.rest_s,
    )
    client_id = field_text(form, "client_id", 65)  # gym mode: a retried post stores one set
    try:
        if client_id:
            from redwood.services.syncing import log_set_once

            result: Any = log_set_once(store, user, day, logged, client_id, catalog,
                                       planned=view.session.ref)
        else:
            result = log_workout(store, user, Workout(date=day, sets=(logged,),
                                                      planned=view.session.ref),
                                 catalog, append=True)
    except TrainingError:
        return redirect("/today?error=exercise")
    except WorkoutFull as full:
        return refuse("full", f"This workout holds {full.held} sets, the most a workout "
                              "takes: this set was not logged.")
    done = _session_done(store, user, day, view)
    groups = _groups(view, done, user.unit.value)
    following = next_set(groups, index)
    pr = "&pr=1" if result.records else ""
    if session_complete(view, done):
        # The last set: no rest to time, Finish is next.
        return redirect(f"/today?next=finish{pr}#finish")
    rest = next((i.rest_s for g in groups for i in g.items if i.index == index),
                item.target.rest_s)
    now_ms = int(time.time() * 1000)
    return redirect(f"/today?rest={rest}&at={now_ms}&next={following}{pr}#{following}")


@router.post("/today/undo", include_in_schema=False)
async def undo_set(request: Request) -> Response:
    """Take back the session's last set (a mistyped weight): log it again with the right one."""
    return await signed_in_post(request, _undo_last_set)


def _undo_last_set(request: Request, user: User, _form: Any) -> Response:
    from redwood.catalog import load_catalog
    from redwood.services.training import TrainingError, undo_session_set

    day = dt.date.today()
    store = store_of(request)
    try:
        view = _view(store, user, day, load_catalog())
        taken, number = undo_session_set(store, user, day, view.session.ref)
    except TrainingError:
        return redirect("/today?error=undo")
    index = next((i for i, item in enumerate(view.items)
                  if item.target.exercise_id == taken.exercise_id), None)
    if index is None:
        return redirect("/today")
    where = f"set-{index}-{number}"
    return redirect(f"/today?undone={index}-{number}&next={where}#{where}")


@router.post("/today/finish", include_in_schema=False)
async def finish(request: Request) -> Response:
    """Close the session: notes, then the summary with records and what to do next time."""
    return await signed_in_post(request, _finish)


def _finish(request: Request, user: User, form: Any) -> Response:
    from redwood.catalog import load_catalog
    from redwood.services.training import TrainingError, finish_session

    day = dt.date.today()
    store = store_of(request)
    notes = field_text(form, "notes", NOTES_MAX + 1)
    rpe_text = field_text(form, "rpe", 3)
    if len(notes) > NOTES_MAX:
        return redirect("/today?error=notes")
    if rpe_text and not (is_number(rpe_text) and 1 <= int(rpe_text) <= 10):
        return redirect("/today?error=rpe#finish")
    rpe = int(rpe_text) if rpe_text else None
    try:
        view = _view(store, user, day, load_catalog())
        finish_session(store, user, day, view.session.ref, notes or None, rpe)
    except TrainingError:
        return redirect("/today?error=finish")
    return redirect("/today?finished=1#summary")
