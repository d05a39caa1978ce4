"""Training: today's session, logging a workout or sets (and which records they broke, worked
out here only), correcting and deleting them, Finish, undo, the lifter and their equipment.

The CLI, the API and the pages call these. Each function opens its own unit of work, reads what
it needs, calls the pure core (coach) and returns domain values or small dataclasses for the
caller to render. Nothing here prints. Errors are `TrainingError`s (a `ServiceError`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from redwood.domain.log import CheckIn, LoggedSet, PlannedRef, Unit, Workout
from redwood.domain.user import User
from redwood.domain.vocabulary import Equipment, Level, Location
from redwood.services.errors import ServiceError

if TYPE_CHECKING:
    from redwood.catalog.loader import Catalog
    from redwood.coach.loading import LoadingProfile
    from redwood.coach.progression import Target
    from redwood.coach.ramp import RampStep
    from redwood.coach.records import RecordBreak
    from redwood.coach.typo import Doubt, DoubtedSet
    from redwood.coach.warmup import WarmupSet
    from redwood.domain.exercise import Exercise
    from redwood.store import Store

# How far back the coach reads check-ins and workout energy for readiness and fatigue.
_RECENT_DAYS = 14
# How early a planned session may be trained and still count as done (moved).
_MOVED_EARLY = dt.timedelta(days=14)
NOTES_MAX = 2000
"""A finished session's notes, at most (the web's Finish and `redwood finish`)."""


class TrainingError(ServiceError):
    """Something the lifter asked for that cannot be done; the message says what to do (and
    `field`, when set, which field is at fault)."""


class PlanDone(TrainingError):
    """Every session of the active plan is done or past. `done`: the sessions done on the
    day asked (services.training.SessionDone), the plan's last among them: worth a line of
    their own before the message."""

    def __init__(self, message: str, done: tuple[SessionDone, ...] = ()) -> None:
        super().__init__(message)
        self.done = done


class UnknownExercise(TrainingError):
    """An exercise id neither the catalogue nor the lifter's own exercises know. `index`: the
    set's place among those checked."""

    def __init__(self, message: str, index: int = 0) -> None:
        super().__init__(message, "exercise")
        self.index = index


class WorkoutMissing(TrainingError):
    """No workout (or no set at that position) of the lifter's with this id."""


# --------------------------------------------------------------------------------------------
# The plan's sessions


@dataclass(frozen=True)
class PlannedSession:
    """One session of the active plan, as stored, with the plan's profile and deload days."""
    plan_id: int
    week: int
    """From 1, as in the plan."""
    index: int
    """Position of the session in its week, from 0."""
    data: dict[str, Any]
    profile: dict[str, Any]
    deload_days: frozenset[dt.date] = frozenset()
    """The dates of the plan's deload-week sessions (the coach's planned deloads)."""
    light_days: Mapping[str, frozenset[dt.date]] = field(default_factory=dict, compare=False,
                                                         hash=False)
    """Per lift, the dates of the plan's sessions where it is on a lighter day."""

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.data["date"])

    @property
    def ref(self) -> PlannedRef:
        return PlannedRef(self.plan_id, self.week, self.index)


def next_session(plan_id: int, plan: dict[str, Any], logged: set[tuple[int, int]],
                 on_or_after: dt.date) -> PlannedSession | None:
    """The first planned session on or after the date that has not been logged yet."""
    for week in plan["weeks"]:
        for i, session in enumerate(week["sessions"]):
            date = dt.date.fromisoformat(session["date"])
            if date >= on_or_after and (week["index"], i) not in logged:
                return PlannedSession(plan_id, week["index"], i, session, plan["profile"],
                                      deload_days(plan), light_days(plan))
    return None


def deload_days(plan: dict[str, Any]) -> frozenset[dt.date]:
    """The dates of the plan's sessions in deload weeks."""
    return frozenset(dt.date.fromisoformat(s["date"]) for week in plan["weeks"]
                     if week.get("deload") for s in week["sessions"])


def light_days(plan: dict[str, Any]) -> dict[str, frozenset[dt.date]]:
    """Per lift, the dates of the plan's sessions where it is on a lighter day: its RPE target
    (the item's "rpe") under the heaviest it has that week (an advanced plan's heavier and
    lighter days for a lift trained twice a week). Deload weeks have none (deload_days)."""
    out: dict[str, set[dt.date]] = {}
    for week in plan["weeks"]:
        if week.get("deload"):
            continue
        efforts: dict[str, list[tuple[dt.date, float]]] = {}
        for session in week["sessions"]:
            day = dt.date.fromisoformat(session["date"])
            for block in session["blocks"]:
                for item in block["items"]:
                    if item.get("rpe") is not None:
                        efforts.setdefault(item["exercise_id"], []).append(
                            (day, float(item["rpe"])))
        for exercise_id, pairs in efforts.items():
            top = max(rpe for _, rpe in pairs)
            lighter = {day for day, rpe in pairs if rpe < top}
            if lighter:
                out.setdefault(exercise_id, set()).update(lighter)
    return {k: frozenset(v) for k, v in out.items()}


# --------------------------------------------------------------------------------------------
# Today


@dataclass(frozen=True)
class TodayItem:
    """One lift of today's session with the coach's target, its warm-up and its cues."""
    target: Target
    name: str
    block: int
    """Which block of the session, from 1."""
    superset: str | None
    """'A', 'B'... for the exercises of a superset, in pairs."""
    warmup: tuple[WarmupSet, ...]
    cues: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()
    exercise: Exercise | None = None
    """The catalogue's exercise (a ramp's next set is loaded as it is)."""

    def to_dict(self) -> dict[str, Any]:
        out = {"name": self.name, **self.target.to_dict(), "block": self.block}
        out = {"exercise_id": out.pop("exercise_id"), **out}
        if self.superset:
            out["superset"] = self.superset
        out["warmup"] = [
            {"weight_kg": float(w.weight_kg), "reps_min": w.reps_min, "reps_max": w.reps_max,
             "plates_per_side": [float(p) for p in (w.plates_per_side or ())]}
            for w in self.warmup
        ]
        return out


@dataclass(frozen=True)
class TodayView:
    """Today's session: its lifts with their targets, as `redwood today` and the web show it."""
    date: dt.date
    title: str
    session: PlannedSession
    items: tuple[TodayItem, ...]
    notes: tuple[str, ...] = ()
    unit: str = "kg"
    loading: LoadingProfile | None = None
    """What the lifter can load where this session is trained."""

    def ramp_next(self, item: TodayItem, done: LoggedSet) -> RampStep | None:
        """A first session that works up by feel (the target's `ramp`): the next set's load
        after `done`, the set of this lift just logged, and why it is that big a step
        (coach/ramp.py); None otherwise."""
        from redwood.coach.ramp import next_set
        from redwood.rules.coach import load_coach_rules

        t = item.target
        if not t.ramp or item.exercise is None or self.loading is None or (
                done.weight_kg is None or done.reps is None or t.reps_min is None):
            return None
        return next_set(item.exercise, self.loading, done.weight_kg, done.reps,
                        done.rpe if done.rpe is not None else (
                            None if done.rir is None else Decimal(10 - done.rir)),
                        low=t.reps_min, rules=load_coach_rules(), completed=done.completed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "title": self.title,
            "plan_id": self.session.plan_id,
            "week": self.session.week,
            "session": self.session.index,
            "estimated_minutes": self.session.data.get("estimated_minutes"),
            "notes": list(self.notes),
            "items": [i.to_dict() for i in self.items],
        }


def loading_profile(user: User, location: str, store: Store | None = None) -> LoadingProfile:
    """What the lifter can load where they train: coach.toml's profile for the location, with
    what they told `redwood equipment set` (their own bar, plates, dumbbells) on top."""
    from redwood.coach.loading import default_profile

    base = default_profile(location, user.unit)
    if store is None:
        return base
    with store.reader(user.id) as uow:
        saved = uow.equipment.get(location)
    return _with_equipment(base, saved)


def _with_equipment(base: LoadingProfile, saved: dict[str, Any] | None) -> LoadingProfile:
    """The location's profile with what the lifter saved for it (`redwood equipment set`)."""
    import dataclasses

    if not saved:
        return base
    own = {k: v for k, v in saved.items() if k in {f.name for f in dataclasses.fields(base)}}
    try:
        return dataclasses.replace(base, **own)
    except (TypeError, ValueError):
        return base


_NUMBER = re.compile(r"\s*\d+(?:\.\d+)?\s*")
"""A load as a lifter writes it: digits with a decimal point or none (not 1e1, inf, nan)."""


def _plain(text: str) -> Decimal:
    if _NUMBER.fullmatch(text) is None:
        raise ValueError(text)
    return Decimal(text.strip())


def plain_load(text: str) -> Decimal | None:
    """`text` as a load above 0 (20, 2.5), or None when it is not one."""
    try:
        value = _plain(text)
    except ValueError:
        return None
    return value if value > 0 else None


def parse_loads(text: str, field: str) -> list[str]:
    """'2.5-30/2.5' (a range with its step) or '10,12.5,15' (a list) as load strings."""
    from decimal import InvalidOperation

    try:
        if "-" in text:
            span, _, step = text.partition("/")
            lo, _, hi = span.partition("-")
            a, b, d = _plain(lo), _plain(hi), _plain(step or "2.5")
            if d <= 0 or a <= 0 or b < a or (b - a) / d > 400:
                raise ValueError
            out, x = [], a
            while x <= b:
                out.append(str(x))
                x += d
            return out
        values = [_plain(v) for v in text.split(",") if v.strip()]
        if not values or any(v <= 0 for v in values):
            raise ValueError
        return [str(v) for v in values]
    except (InvalidOperation, ValueError):
        raise TrainingError(f"{text!r}: use a list like 10,12.5,15 or a range like "
                            "2.5-30/2.5 (from-to/step), all above 0", field) from None


_PLATE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:[xX×]\s*(\d+)\s*)?")
"""One plate of --plates: its weight, then optionally x and the pairs owned (25x4, 1.25)."""


def parse_plates(text: str) -> list[list[Any]]:
    """'25x4,20x2,1.25,0.5' -> [[25, 4], [20, 2], [1.25, 1], [0.5, 1]] (pairs owned)."""
    from decimal import InvalidOperation

    out: list[list[Any]] = []
    try:
        for part in text.split(","):
            if not part.strip():
                continue
            # A plate and, after an x, its pairs; nothing else ("10x" was 10 x 1 pair,
            # "1e1" a 10 kg plate: saved as something the lifter did not say).
            found = _PLATE.fullmatch(part)
            if found is None:
                raise ValueError
            p, n = Decimal(found[1]), int(found[2] or 1)
            if p <= 0 or not 1 <= n <= 20:
                raise ValueError
            out.append([str(p), n])
    except (InvalidOperation, ValueError):
        raise TrainingError(f"{text!r}: use plate sizes with pairs owned, e.g. "
                            "25x4,20x2,10x2,5x2,2.5x2,1.25x2,0.5x2", "plates") from None
    if not out:
        raise TrainingError("name at least one plate, e.g. 20x2", "plates")
    return out


# --------------------------------------------------------------------------------------------
# What the lifter told us: body weight and known working sets (`redwood init --known`)

KNOWN_FORM = "ID=LOADxREPS, e.g. back-squat=100x5"
MAX_KNOWN = 5
MAX_KNOWN_REPS = 30
MAX_KNOWN_KG = Decimal(500)
_KNOWN = re.compile(r"\s*([A-Za-z0-9-]+)\s*=\s*(\d+(?:[.,]\d+)?)\s*(kg|lbs?)?\s*[xX×]\s*(\d+)\s*")
_BODY_WEIGHT = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*(kg|lbs?)?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class KnownSet:
    """A working set the lifter told: `weight_kg` x `reps`. It is history for the coach: the
    exercise starts from its e1RM and does not calibrate."""

    exercise_id: str
    weight_kg: Decimal
    reps: int

    def e1rm(self) -> Decimal:
        from redwood.coach.e1rm import estimate_1rm

        # Past the formulas' 12 reps, Epley's line (as the coach reads a long set).
        value = estimate_1rm(self.weight_kg, self.reps)
        return value if value is not None else (
            self.weight_kg * (1 + Decimal(self.reps) / 30)).quantize(Decimal("0.01"))

    def to_json(self) -> dict[str, Any]:
        return {"weight_kg": str(self.weight_kg), "reps": self.reps}


def parse_body_weight(text: str, unit: Unit, field: str = "weight") -> Decimal:
    """'80kg', '176lb' or a number in the lifter's unit, as kg; 20-400 kg."""
    from redwood.domain.log import to_kg

    m = _BODY_WEIGHT.fullmatch(text)
    if not m:
        raise TrainingError(f"{text!r} is not a body weight: use e.g. 80kg or 176lb", field)
    given = Unit.LB if (m[2] or "").lower().startswith("lb") else Unit.KG if m[2] else unit
    kg = to_kg(m[1].replace(",", "."), given)
    if not 20 <= kg <= 400:
        raise TrainingError(f"{text} is not a plausible body weight (20-400 kg)", field)
    return kg


def known_set(exercise_id: str, weight_kg: Decimal, reps: int, catalog: Catalog,
              field: str = "known", shown: str | None = None) -> KnownSet:
    """A checked known set: a catalogue exercise, 1-30 reps, above 0 and at most 500 kg."""
    what = repr(shown) if shown is not None else f"{exercise_id}={weight_kg}x{reps}"
    if exercise_id not in catalog:
        from redwood.catalog.search import suggest_ids

        hints = suggest_ids(exercise_id)
        hint = f"; did you mean {', '.join(hints)}?" if hints else ""
        raise TrainingError(f"no exercise {exercise_id!r} ({KNOWN_FORM}){hint}", field)
    if not 1 <= reps <= MAX_KNOWN_REPS:
        raise TrainingError(f"{what}: reps must be 1-{MAX_KNOWN_REPS} ({KNOWN_FORM})", field)
    if not 0 < weight_kg <= MAX_KNOWN_KG:
        raise TrainingError(f"{what}: the load must be above 0 and at most "
                            f"{MAX_KNOWN_KG} kg ({KNOWN_FORM})", field)
    return KnownSet(exercise_id, weight_kg, reps)


def parse_known(texts: Sequence[str], unit: Unit, catalog: Catalog,
                field: str = "known") -> list[KnownSet]:
    """`--known back-squat=100x5` (the load in the lifter's unit, or with kg/lb), up to five
    lifts, each once; TrainingError naming the field and the form otherwise."""
    from redwood.domain.log import to_kg

    out: list[KnownSet] = []
    for text in texts:
        m = _KNOWN.fullmatch(text)
        if not m:
            raise TrainingError(f"{text!r} is not a working set: use {KNOWN_FORM}", field)
        given = Unit.LB if (m[3] or "").lower().startswith("lb") else (
            Unit.KG if m[3] else unit)
        weight = to_kg(m[2].replace(",", "."), given)
        found = known_set(m[1].lower(), weight, int(m[4]), catalog, field, shown=text)
        if any(k.exercise_id == found.exercise_id for k in out):
            raise TrainingError(f"{found.exercise_id} is given twice ({KNOWN_FORM})", field)
        out.append(found)
    return limit_known(out, field)


def limit_known(known: Sequence[KnownSet], field: str = "known") -> list[KnownSet]:
    if len(known) > MAX_KNOWN:
        raise TrainingError(f"at most {MAX_KNOWN} lifts, got {len(known)} "
                            f"({KNOWN_FORM})", field)
    return list(known)


def known_of(profile: dict[str, Any] | None) -> list[KnownSet]:
    """The known sets saved in a profile (those an older version wrote wrong are left out)."""
    from decimal import InvalidOperation

    out: list[KnownSet] = []
    for exercise_id, value in dict((profile or {}).get("known") or {}).items():
        try:
            out.append(KnownSet(str(exercise_id), Decimal(str(value["weight_kg"])),
                                int(value["reps"])))
        except (KeyError, TypeError, ValueError, InvalidOperation):
            continue
    return out


def body_weight_of(profile: dict[str, Any] | None) -> Decimal | None:
    from decimal import InvalidOperation

    value = (profile or {}).get("body_weight_kg")
    try:
        return None if value is None else Decimal(str(value))
    except InvalidOperation:
        return None


def with_known(profile: dict[str, Any], known: Sequence[KnownSet],
               body_weight_kg: Decimal | None) -> dict[str, Any]:
    """The profile with these known sets added (replacing the same lifts') and the body
    weight set; at most five lifts in all."""
    merged = {k.exercise_id: k for k in known_of(profile)}
    merged.update({k.exercise_id: k for k in known})
    limit_known(list(merged.values()))
    out = dict(profile)
    if merged:
        out["known"] = {ex: k.to_json() for ex, k in merged.items()}
    if body_weight_kg is not None:
        out["body_weight_kg"] = str(body_weight_kg)
    return out


def today(store: Store, user: User, date: dt.date, catalog: Catalog,
          *, in_progress: bool = False) -> TodayView:
    """The session to train on `date`, with the coach's target for each lift.

    The session being trained is a unit: a planned session with sets logged on `date` stays
    today's session until it is finished (all its sets logged, or Finish), and its targets,
    warm-ups, names and notes come from history before `date` only, so they hold still while
    its sets are logged. Otherwise: the next planned session on or after `date`.

    `in_progress`: keep showing the session trained on `date` even when all its sets are
    logged, until it is finished with Finish (the web page offers Finish there)."""
    return _today(store, user, date, catalog, in_progress)[0]


def today_progress(store: Store, user: User, date: dt.date, catalog: Catalog) -> TodayProgress:
    """`today`'s session (as `today` finds it, not in progress) with what is logged of it on
    `date`: each lift's sets done, how many remain and the next set's load; and the sessions
    done on `date` that Today has moved past. `redwood today` between sets."""
    view, sets, done = _today(store, user, date, catalog, False)
    return TodayProgress(view, session_progress(view, sets, catalog) if sets else None, done)


def _today(store: Store, user: User, date: dt.date, catalog: Catalog, in_progress: bool
           ) -> tuple[TodayView, tuple[LoggedSet, ...], tuple[SessionDone, ...]]:
    """`today`'s view, the sets logged on `date` of its session (none when it is not the
    session trained that day) and the sessions of the day that Today has moved past."""
    with store.quick_reader(user.id) as uow:
        active = uow.plans.active_text()
        if active is None:
            raise TrainingError("no active plan: make one with `redwood plan ... --save`")
        plan_id, plan = active[0], _parsed_plan(active[1])
        plan_start = dt.date.fromisoformat(plan["weeks"][0]["sessions"][0]["date"])
        # A session may be trained a few days before its planned day (moved): count those.
        logged = uow.workouts.planned_done(plan_id, min(plan_start, date) - _MOVED_EARLY)
        finished: dict[tuple[int, int], list[LoggedSet]] = {}
        day_workouts = uow.workouts.list(since=date, until=date)
        trained = _sessions_trained_on(day_workouts, plan_id, finished)
        done: list[SessionDone] = []
        for ref, sets in finished.items():
            session = _planned_session(plan_id, plan, ref)
            if session is not None:
                done.append(SessionDone(session.data["title"], session.date, len(sets), True))
        for ref, sets in trained.items():
            session = _planned_session(plan_id, plan, ref)
            if session is None:
                continue
            view = _session_view(uow, user, session, date, catalog, day=day_workouts)
            if in_progress or not session_complete(view, sets):
                return view, tuple(sets), tuple(done)
            done.append(SessionDone(view.title, session.date, len(sets), False))
        session = next_session(plan_id, plan, logged, date)
        if session is None:
            # The plan's last session just done deserves its line too (PlanDone.done), not a
            # bare refusal.
            raise PlanDone("every session of the active plan is done or past: make a new "
                           "plan with `redwood plan ... --save`", tuple(done))
        return (_session_view(uow, user, session, date, catalog, day=day_workouts), (),
                tuple(done))


def session_to_log(store: Store, user: User, day: dt.date, exercise_ids: Iterable[str],
                   catalog: Catalog) -> PlannedRef | None:
    """The planned session that sets of these lifts logged on `day` join, as Today decides
    it (`today`; the web's Today logs each set into the session it shows): the session being
    trained that day, until it is finished; once all its sets are logged (`redwood today` then
    shows the next one), more sets of its own lifts still join it, a set of another lift
    joins the session Today shows next. Else the next planned session on or after `day`, when
    it is at most _MOVED_EARLY away (Today counts a session trained that early as done) and
    `day` is not before the plan's first day, unless it is today: a workout back-filled from
    before the plan began is history the plan starts from, not its first session. None with
    no active plan, or no session left."""
    wanted = set(exercise_ids)
    with store.quick_reader(user.id) as uow:
        active = uow.plans.active_text()
        if active is None:
            return None
        plan_id, plan = active[0], _parsed_plan(active[1])
        day_workouts = uow.workouts.list(since=day, until=day)
        for ref, sets in _sessions_trained_on(day_workouts, plan_id).items():
            session = _planned_session(plan_id, plan, ref)
            if session is None:
                continue
            # Only a session whose own lifts are not all asked for needs its targets read (are
            # all its sets logged?): the common set of the session's lift reads none.
            if wanted <= _lifts_of(session) or not session_complete(
                    _session_view(uow, user, session, day, catalog, day=day_workouts), sets):
                return session.ref
        plan_start = dt.date.fromisoformat(plan["weeks"][0]["sessions"][0]["date"])
        logged = uow.workouts.planned_done(plan_id, min(plan_start, day) - _MOVED_EARLY)
    session = next_session(plan_id, plan, logged, day)
    if session is None or session.date - day > _MOVED_EARLY or (
            day < plan_start and day != dt.date.today()):
        return None
    return session.ref


def _lifts_of(session: PlannedSession) -> set[str]:
    return {item["exercise_id"] for block in session.data["blocks"] for item in block["items"]}


def _sessions_trained_on(workouts: Sequence[Workout], plan_id: int,
                         finished_out: dict[tuple[int, int], list[LoggedSet]] | None = None,
                         ) -> dict[tuple[int, int], list[LoggedSet]]:
    """The plan's sessions with sets in these workouts (one day's), not finished with Finish,
    latest first, with their sets in the order logged. `finished_out` receives those finished
    with Finish, likewise."""
    out: dict[tuple[int, int], list[LoggedSet]] = {}
    finished: set[tuple[int, int]] = set()
    for w in sorted(workouts, key=lambda w: w.id or 0, reverse=True):
        if w.planned is None or w.planned.plan_id != plan_id:
            continue
        key = (w.planned.week, w.planned.session)
        if w.ended_at is not None:
            finished.add(key)
        out.setdefault(key, [])[:0] = list(w.sets)
    if finished_out is not None:
        finished_out.update((k, v) for k, v in out.items() if k in finished)
    return {k: v for k, v in out.items() if k not in finished}


def _planned_session(plan_id: int, plan: dict[str, Any],
                     ref: tuple[int, int]) -> PlannedSession | None:
    for week in plan["weeks"]:
        if week["index"] == ref[0] and 0 <= ref[1] < len(week["sessions"]):
            return PlannedSession(plan_id, ref[0], ref[1], week["sessions"][ref[1]],
                                  plan["profile"], deload_days(plan), light_days(plan))
    return None


def planned_view(store: Store, user: User, ref: PlannedRef, date: dt.date,
                 catalog: Catalog, *, only: Collection[str] | None = None) -> TodayView:
    """The active plan's session `ref` trained on `date`, with the targets it had that day
    (as `today` shows it): a set queued offline goes to the session the lifter saw, even when
    the session was finished before it arrived. TrainingError if the active plan has no such
    session. `only`: just these lifts' items (the same targets, fewer to work out)."""
    with store.quick_reader(user.id) as uow:
        active = uow.plans.active_text()
        if active is None or active[0] != ref.plan_id:
            raise TrainingError(f"planned.plan_id: plan {ref.plan_id} is not the active plan")
        session = _planned_session(ref.plan_id, _parsed_plan(active[1]), (ref.week, ref.session))
        if session is None:
            raise TrainingError(f"planned.week: the plan has no session {ref.week}/{ref.session}")
        return _session_view(uow, user, session, date, catalog, only=only)


def session_complete(view: TodayView, sets: Sequence[LoggedSet]) -> bool:
    """Whether every exercise of the session has its target's number of sets (warm-ups
    left out) among `sets`."""
    from redwood.domain.log import SetKind

    done: dict[str, int] = {}
    for s in sets:
        if s.kind is not SetKind.WARMUP:
            done[s.exercise_id] = done.get(s.exercise_id, 0) + 1
    return bool(view.items) and all(
        done.get(i.target.exercise_id, 0) >= i.target.sets for i in view.items)


@dataclass(frozen=True)
class LiftProgress:
    """One lift of the session being trained: its sets logged so far, and the next one's
    load as the coach gives it."""
    item: TodayItem
    done: tuple[LoggedSet, ...]
    """Its sets logged (warm-ups left out), in the order logged, up to the target's number."""
    extra: tuple[LoggedSet, ...]
    """Sets logged beyond the target's number."""
    next_kg: Decimal | None
    """The next set's load: a first session's ramp steps from the set before (`ramp_next`,
    as the web's Today and `redwood log -i` step), else the target's. None with no set left
    (and for bodyweight)."""
    next_reason: str = ""
    """Why a ramp's next load is that step from the set before (coach.ramp.RampStep.why, the
    API's `next_reason`); empty when the load is the target's."""

    @property
    def remaining(self) -> int:
        """Sets still to log of the target's number."""
        return max(0, self.item.target.sets - len(self.done))


@dataclass(frozen=True)
class SessionProgress:
    """What is logged so far of the session Today shows, lift by lift."""
    lifts: tuple[LiftProgress, ...]
    sets: tuple[LoggedSet, ...]
    """Every set of the session logged that day (warm-ups too), in the order logged."""
    others: tuple[tuple[str, LoggedSet], ...] = ()
    """Sets logged into the session of lifts it does not have (warm-ups left out), each
    with its lift's name: `redwood log --exercise` takes any lift."""

    @property
    def complete(self) -> bool:
        """Every lift has its target's number of sets (`session_complete`)."""
        return bool(self.lifts) and all(p.remaining == 0 for p in self.lifts)

    @property
    def done(self) -> int:
        """Working sets logged of the targets' number (extra sets left out)."""
        return sum(len(p.done) for p in self.lifts)

    @property
    def total(self) -> int:
        """Sets the session's targets ask for."""
        return sum(p.item.target.sets for p in self.lifts)


@dataclass(frozen=True)
class SessionDone:
    """A session of the day that Today has moved past: all its sets logged, or finished with
    Finish (`finished`)."""
    title: str
    date: dt.date
    """The day it was planned for."""
    sets: int
    """Its sets logged (warm-ups too), as the web's summary counts them."""
    finished: bool


@dataclass(frozen=True)
class TodayProgress:
    """Today's session with what is logged of it (`progress`, None before its first set),
    and the day's sessions done before it."""
    view: TodayView
    progress: SessionProgress | None
    done: tuple[SessionDone, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """`view.to_dict()`, and once a set of the day is logged: each item's sets done,
        remaining and next_weight_kg (the API's name for a ramp's next load), the session's
        sets done of its total, and the day's sessions done."""
        out = self.view.to_dict()
        if self.done:
            out["done_today"] = [{"title": d.title, "date": d.date.isoformat(), "sets": d.sets,
                                  "finished": d.finished} for d in self.done]
        if self.progress is None:
            return out
        from redwood.io.setjson import set_json

        p = self.progress
        out["sets_done"], out["sets_total"] = p.done, p.total
        out["complete"] = p.complete
        for item, lift in zip(out["items"], p.lifts, strict=True):
            item["done"] = [set_json(s) for s in lift.done]
            if lift.extra:
                item["extra"] = [set_json(s) for s in lift.extra]
            item["remaining"] = lift.remaining
            item["next_weight_kg"] = None if lift.next_kg is None else float(lift.next_kg)
            if lift.next_reason:
                item["next_reason"] = lift.next_reason
        if p.others:
            out["other_sets"] = [{"name": name, **set_json(s)} for name, s in p.others]
        return out


def session_progress(view: TodayView, sets: Sequence[LoggedSet],
                     catalog: Catalog | None = None) -> SessionProgress:
    """Each lift of `view` with its sets among `sets` (the session's, in the order logged):
    those done, those beyond its target, and the next set's load; and the sets of other
    lifts, named from `catalog` (else by id)."""
    from redwood.domain.log import SetKind

    planned = {i.target.exercise_id for i in view.items}
    others = []
    for s in sets:
        if s.exercise_id not in planned and s.kind is not SetKind.WARMUP:
            found = catalog.get(s.exercise_id) if catalog is not None else None
            others.append((found.name if found is not None else s.exercise_id, s))
    lifts = []
    for item in view.items:
        t = item.target
        logged = [s for s in sets if s.exercise_id == t.exercise_id
                  and s.kind is not SetKind.WARMUP]
        done, extra = tuple(logged[:t.sets]), tuple(logged[t.sets:])
        next_kg, reason = t.weight_kg, ""
        if len(done) >= t.sets:
            next_kg = None
        elif done and t.ramp:
            # A ramp's set 1 is light on purpose: the next set steps from the one before (or
            # stays at it where the step cannot be read: a set without a load or reps).
            step = view.ramp_next(item, done[-1])
            next_kg = step.weight_kg if step is not None else done[-1].weight_kg
            reason = step.why if step is not None else ""
        lifts.append(LiftProgress(item, done, extra, next_kg, reason))
    return SessionProgress(tuple(lifts), tuple(sets), tuple(others))


def _session_view(uow: Any, user: User, session: PlannedSession, date: dt.date,
                  catalog: Catalog, *, before: dt.date | None = None,
                  day: Sequence[Workout] | None = None,
                  only: Collection[str] | None = None) -> TodayView:
    """The session's targets from what was done before `date` (and before the session's own
    day), and on `date` before the session began (another session trained that morning: its
    sets are the lifts' latest): nothing logged on `date` after it began moves them.
    `before`: the last day of history to read instead (the session's own day, for what to do
    next time). `day`: the workouts of `date`, when the caller has read them. `only`: just
    these lifts' items (each lift's target is its own: the others do not move it)."""
    from redwood.coach.history import latest_body_weight
    from redwood.coach.loading import default_profile
    from redwood.coach.progression import next_target
    from redwood.coach.records import compute_records
    from redwood.coach.start import find_related
    from redwood.coach.targets import Prescribed
    from redwood.coach.warmup import warmup_sets
    from redwood.rules.coach import load_coach_rules
    from redwood.store import queries

    earlier: list[Workout] = []
    if before is None:
        before = min(date, session.date) - dt.timedelta(days=1)
        if date <= session.date:
            earlier = _earlier_that_day(uow.workouts.list(since=date, until=date)
                                        if day is None else day, session.ref)
    ids = [item["exercise_id"] for block in session.data["blocks"] for item in block["items"]
           if only is None or item["exercise_id"] in only]
    history = uow.workouts.history(ids, until=before)
    for w in earlier:
        for exercise_id in ids:
            sets = w.sets_for(exercise_id)
            if sets:
                history.setdefault(exercise_id, []).append((date, sets))
    checkins = uow.checkins.list(since=session.date - dt.timedelta(days=_RECENT_DAYS),
                                 until=min(date, session.date))
    energy = uow.workouts.energies(session.date - dt.timedelta(days=_RECENT_DAYS), before)
    # A lift never done starts from a related lift's e1RM (a swap keeps progress): only
    # then are the last year's bests needed (its distinct sets give the same e1RMs).
    fresh = [i for i in ids if not history.get(i)]
    past_year = uow.workouts.set_shapes(None, since=session.date - dt.timedelta(days=365),
                                        until=before) if fresh else []
    location = str(session.profile.get("location", Location.GYM.value))
    saved_equipment = uow.equipment.get(location)
    active_profile = uow.profiles.active()
    records = compute_records([(session.date, past_year)])
    best = {ex_id: r.best_e1rm.value for ex_id, r in records.items()
            if r.best_e1rm is not None}
    # What the lifter told (`redwood init --known/--weight`): a known set is history.
    told = active_profile[1] if active_profile else None
    known = {k.exercise_id: k.e1rm() for k in known_of(told)}
    best = {**known, **best}
    body_weight = latest_body_weight(checkins, session.date) or body_weight_of(told)
    # A lift back after a layoff's gap: was the lifter training meanwhile (the plan rotated
    # it out) or away? Only then are the training days read.
    after = load_coach_rules().layoff.after_days
    days = queries.training_days(uow, before=before + dt.timedelta(days=1)) if any(
        past and (session.date - past[-1][0]).days >= after for past in history.values()
    ) else None
    profile = _with_equipment(default_profile(location, user.unit), saved_equipment)
    level = Level(session.profile.get("level", Level.BEGINNER.value))
    equipment = [Equipment(e) for e in session.profile.get("equipment", [])]

    items: list[TodayItem] = []
    letters = iter("ABCDEFGH")
    for b, block in enumerate(session.data["blocks"], start=1):
        letter = next(letters) if block["kind"] == "superset" else None
        for raw in block["items"]:
            exercise = catalog.get(raw["exercise_id"])
            if exercise is None or raw["exercise_id"] not in ids:
                continue
            prescription = Prescribed.from_item(raw)
            related = None if history.get(exercise.id) else find_related(
                exercise.id, best, catalog=catalog)
            target = next_target(
                exercise, prescription, history.get(exercise.id, []), checkins, session.date,
                profile, body_weight_kg=body_weight, level=level, related=related,
                session_energy=energy, catalog=catalog, equipment=equipment,
                known_e1rm=known.get(exercise.id), deload_days=session.deload_days,
                training_days=days, light_days=session.light_days.get(exercise.id, ()),
            )
            shown = catalog.get(target.switch_to) if target.switch_to else None
            ramp = warmup_sets(exercise, target.weight_kg, profile)
            items.append(TodayItem(
                target=target, name=(shown or exercise).name, block=b, superset=letter,
                warmup=ramp, cues=(shown or exercise).cues, mistakes=(shown or exercise).mistakes,
                exercise=exercise,
            ))
    return TodayView(date=session.date, title=session.data["title"], session=session,
                     items=tuple(items), unit=user.unit.value, loading=profile)


def _earlier_that_day(workouts: Sequence[Workout], ref: PlannedRef) -> list[Workout]:
    """The day's workouts logged before the session `ref`'s first one (all of them when none
    is its), not its own, in the order logged: what was trained that day before it began.
    Those logged after it began are left out, so that its targets hold still."""
    ordered = sorted((w for w in workouts if w.id is not None), key=lambda w: w.id or 0)
    began = next((w.id for w in ordered if w.planned == ref), None)
    return [w for w in ordered if w.planned != ref and (began is None or (w.id or 0) < began)]


_PLANS: dict[str, dict[str, Any]] = {}


def _parsed_plan(text: str) -> dict[str, Any]:
    """A stored plan's JSON, parsed once per process (a plan's text never changes; the few
    active plans of a server's lifters are kept). Read-only for callers."""
    plan = _PLANS.get(text)
    if plan is None:
        plan = json.loads(text)
        if len(_PLANS) >= 256:
            _PLANS.pop(next(iter(_PLANS)))
        _PLANS[text] = plan
    return plan


# --------------------------------------------------------------------------------------------
# Logging


@dataclass(frozen=True)
class Logged:
    """What logging a workout did: the workout, its sets and positions, and the records broken."""
    workout_id: int
    sets: int
    records: tuple[RecordBreak, ...] = field(default_factory=tuple)
    added_to_existing: bool = False
    positions: tuple[int, ...] = ()
    """The sets' positions in the workout."""


def known_exercise(exercise_id: str, catalog: Catalog, custom: set[str]) -> None:
    """Refuse an unknown exercise id, suggesting the closest ones."""
    from redwood.catalog.search import find_exercise, suggest_ids

    if exercise_id in catalog or exercise_id in custom or find_exercise(exercise_id):
        return
    hints = suggest_ids(exercise_id)
    hint = f"; did you mean {', '.join(hints)}?" if hints else ""
    raise UnknownExercise(f"no exercise {exercise_id!r}{hint}")


def check_exercises(store: Store, user: User, catalog: Catalog,
                    sets: Sequence[LoggedSet]) -> None:
    """Refuse the first set whose exercise neither the catalogue nor the lifter's own
    exercises know: UnknownExercise with its index and the closest ids as hints."""
    unknown = [(i, s) for i, s in enumerate(sets) if s.exercise_id not in catalog]
    if not unknown:
        return
    with store.reader(user.id) as uow:
        custom = {c.exercise_id for c in uow.exercises.list()}
    for i, s in unknown:
        try:
            known_exercise(s.exercise_id, catalog, custom)
        except UnknownExercise as exc:
            raise UnknownExercise(exc.message, i) from None


def records_broken(uow: Any, new: Sequence[LoggedSet], *, until: dt.date,
                   workout_id: int | None = None) -> list[RecordBreak]:
    """The records (PRs) the `new` sets break, in the order logged: against the log up to
    `until` (inclusive) and, with `workout_id`, the sets already in that workout. The one place
    that says which records a set broke (the log, the API, Today): read from the few sets that
    can hold a record and the best session volumes (`record_basis`: index probes, as the web's
    token path reads them), so a long log or session costs no more."""
    basis = uow.workouts.record_basis({s.exercise_id for s in new}, until=until,
                                      workout_id=workout_id)
    if not basis.past:
        return []  # a first session of each lift: the baseline, nothing to beat
    if workout_id is None:
        return records_against(new, until, basis.past, basis.past_volumes or {})
    return records_against(new, until, basis.past, basis.past_volumes or {}, basis.earlier,
                           basis.earlier_volumes or {})


def records_against(new: Sequence[LoggedSet], until: dt.date, past: Sequence[LoggedSet],
                    volumes: Mapping[str, Decimal], earlier: Sequence[LoggedSet] | None = None,
                    earlier_volume: Mapping[str, Decimal] | None = None) -> list[RecordBreak]:
    """records_broken once its reads are done: the records the `new` sets break against the
    counted sets up to `until` that can hold a record (`past`: those of a RecordBasis, or
    every distinct one) and their best session `volumes`, and (not None) the workout's sets
    so far and its volumes."""
    import dataclasses

    from redwood.coach.records import Best, compute_records, new_records

    if not past:
        return []
    records = {ex: dataclasses.replace(rec, best_volume=Best(volumes[ex], None)
                                       if ex in volumes else None)
               for ex, rec in compute_records([(until, list(past))]).items()}
    if earlier is None:
        return new_records(records, new)
    return new_records(records, new, earlier=earlier, earlier_volume=earlier_volume)


def load_doubt(store: Store, user: User, exercise_id: str, weight_kg: Decimal, day: dt.date,
               target: Target | None, *, typed: Sequence[LoggedSet] = ()) -> Doubt | None:
    """Why a set of `weight_kg` of the lift logged on `day` looks like a typo (coach/typo.py),
    None when it looks right: against the `target` the lifter was shown (None: none), the
    lift's sets logged that day and before it, and `typed`, the sets typed since and not yet
    stored (the prompts' so far). An established target needs no read. The web's Today and
    `redwood log -i` ask it before storing a set."""
    from redwood.coach.typo import typo_doubt
    from redwood.rules.coach import load_coach_rules

    rules = load_coach_rules().typo
    target_kg = target.weight_kg if target is not None else None
    estimate = target is not None and _is_estimate(target)
    if target_kg is not None and not estimate:
        return typo_doubt(weight_kg, target_kg=target_kg, estimate=False, today=(),
                          best_before=None, rules=rules)
    lift = _lift_so_far(store, user, (exercise_id,), day)[exercise_id]
    return typo_doubt(weight_kg, target_kg=target_kg, estimate=estimate,
                      today=[*lift.today_kg, *(s.weight_kg for s in typed
                                               if s.exercise_id == exercise_id)],
                      best_before=lift.best_before, rules=rules)


def workout_doubts(store: Store, user: User, workout: Workout,
                   catalog: Catalog) -> list[DoubtedSet]:
    """The sets of `workout` (not yet stored) whose loads look like typos, in order: each
    against its lift's target in the planned session the sets join (as Today showed it that
    day), the lift's sets logged that day and before, and the workout's sets before it.
    `redwood log` names them and keeps them."""
    from redwood.coach.typo import DoubtedSet, typo_doubt
    from redwood.domain.log import SetKind
    from redwood.rules.coach import load_coach_rules

    loaded = {s.exercise_id for s in workout.sets if s.weight_kg is not None}
    if not loaded:
        return []
    rules = load_coach_rules().typo
    targets: dict[str, Target] = {}
    if workout.planned is not None:
        try:
            view = planned_view(store, user, workout.planned, workout.date, catalog,
                                only=loaded)
        except TrainingError:  # no longer the active plan's session: no target to compare
            pass
        else:
            targets = {i.target.exercise_id: i.target for i in view.items}
    # An established target is the reference: its lift's history need not be read.
    established = {ex for ex, t in targets.items()
                   if t.weight_kg is not None and not _is_estimate(t)}
    so_far = _lift_so_far(store, user, loaded, workout.date, best_of=loaded - established)
    numbers: dict[tuple[str, bool], int] = {}
    out: list[DoubtedSet] = []
    for index, s in enumerate(workout.sets):
        warmup = s.kind is SetKind.WARMUP
        lift = so_far.get(s.exercise_id, _NOTHING_YET)
        number = numbers.get((s.exercise_id, warmup),
                             lift.warmups if warmup else lift.working) + 1
        numbers[s.exercise_id, warmup] = number
        if s.weight_kg is None:
            continue
        target = targets.get(s.exercise_id)
        doubt = typo_doubt(
            s.weight_kg, target_kg=target.weight_kg if target is not None else None,
            estimate=target is not None and _is_estimate(target),
            today=[*lift.today_kg, *(w.weight_kg for w in workout.sets[:index]
                                     if w.exercise_id == s.exercise_id)],
            best_before=lift.best_before, rules=rules)
        if doubt is not None:
            out.append(DoubtedSet(index, number, s, doubt))
    return out


def _is_estimate(target: Target) -> bool:
    """The target's load is still an estimate: calibrating, or a first start."""
    from redwood.coach.targets import Decision

    return target.calibrate or target.decision is Decision.START


class _SoFar:
    """A lift's sets up to a day: the loads logged that day, the heaviest before it, and how
    many working sets and warm-ups that day holds. (A plain class: a dataclass here would be
    made by every command that imports the services, `today` too.)"""
    __slots__ = ("best_before", "today_kg", "warmups", "working")

    def __init__(self, today_kg: tuple[Decimal, ...] = (), best_before: Decimal | None = None,
                 working: int = 0, warmups: int = 0) -> None:
        self.today_kg = today_kg
        self.best_before = best_before
        self.working = working
        self.warmups = warmups


_NOTHING_YET = _SoFar()


def _lift_so_far(store: Store, user: User, exercise_ids: Iterable[str], day: dt.date,
                 *, best_of: Iterable[str] | None = None) -> dict[str, _SoFar]:
    """Each lift's sets logged on `day` (in any workout) and its heaviest load before it
    (only for the lifts `best_of`, when given)."""
    from redwood.domain.log import SetKind

    ids = sorted(set(exercise_ids))
    if not ids:
        return {}
    read = ids if best_of is None else sorted(set(best_of))
    with store.reader(user.id) as uow:
        before = uow.workouts.history(read, until=day - dt.timedelta(days=1)) if read else {}
        that_day = [s for w in uow.workouts.list(since=day, until=day) for s in w.sets]
    out = {}
    for ex in ids:
        sets = [s for s in that_day if s.exercise_id == ex]
        warmups = sum(s.kind is SetKind.WARMUP for s in sets)
        out[ex] = _SoFar(
            tuple(s.weight_kg for s in sets if s.weight_kg is not None),
            max((s.weight_kg for _, past in before.get(ex, []) for s in past
                 if s.weight_kg is not None), default=None),
            len(sets) - warmups, warmups)
    return out


def day_records(store: Store, user: User, day: dt.date,
                sets: Sequence[LoggedSet]) -> list[RecordBreak]:
    """The records the day's `sets` broke against the log before the day."""
    if not sets:
        return []
    with store.reader(user.id) as uow:
        return records_broken(uow, sets, until=day - dt.timedelta(days=1))


def log_workout(store: Store, user: User, workout: Workout, catalog: Catalog,
                *, append: bool = False,
                client_ids: Sequence[str | None] | None = None) -> Logged:
    """Store a workout (or, with `append`, add its sets to the one already logged that day)
    in one transaction, and say which records it broke. `client_ids`: the id the device gave
    each set (see `syncing`)."""
    with store.unit_of_work(user.id) as uow:
        custom = {c.exercise_id for c in uow.exercises.list()}
        for s in workout.sets:
            known_exercise(s.exercise_id, catalog, custom)
        broken = records_broken(uow, workout.sets, until=workout.date)
        # A planned session's sets join the workout of that session, never another one.
        existing = [w for w in uow.workouts.list(since=workout.date, until=workout.date)
                    if w.id is not None
                    and (workout.planned is None or w.planned == workout.planned)]
        if append and existing:
            target = existing[-1]
            assert target.id is not None
            positions = uow.workouts.add_sets(target.id, workout.sets, client_ids)
            workout_id, added = target.id, True
        else:
            workout_id, added = uow.workouts.add(workout, client_ids=client_ids), False
            positions = tuple(range(len(workout.sets)))
        uow.commit()
    return Logged(workout_id, len(workout.sets), tuple(broken), added, positions)


def session_sets(store: Store, user: User, date: dt.date,
                 ref: PlannedRef) -> list[LoggedSet]:
    """The sets logged on `date` for this planned session, in the order logged."""
    with store.reader(user.id) as uow:
        workouts = uow.workouts.list(since=date, until=date)
    return [s for w in sorted(workouts, key=lambda w: w.id or 0)
            if w.planned is not None and w.planned == ref for s in w.sets]


def undo_last(store: Store, user: User) -> Any:
    """Take back the last thing the lifter logged (a workout, sets, a check-in or a whole
    import: the undo journal's last entry); what was undone (`.message`), None if nothing."""
    return store.undo_last(user.id)


def undo_session_set(store: Store, user: User, date: dt.date,
                     ref: PlannedRef) -> tuple[LoggedSet, int]:
    """Today's Undo: take back the last thing logged, as `redwood undo` does, when it is a set
    (or sets) of this session on `date`: the last set taken and its number among the lift's
    sets. TrainingError if the last thing logged is something else (nothing is undone)."""
    from redwood.domain.log import SetKind

    nothing = TrainingError("nothing logged today to undo")
    with store.unit_of_work(user.id) as uow:
        entry = uow.last_entry()
        if entry is None or entry.kind not in ("workout", "sets") or entry.workout_id is None:
            raise nothing
        workout = uow.workouts.get(entry.workout_id)
        if workout is None or workout.date != date or workout.planned != ref or not workout.sets:
            raise nothing
        positions = uow.workouts.positions(entry.workout_id)
        if entry.kind == "sets":
            taken_at = [positions.index(p) for p in entry.positions if p in positions]
            if not taken_at:
                raise nothing
            taken = workout.sets[max(taken_at)]
        else:
            taken = workout.sets[-1]
        workouts = [w for w in uow.workouts.list(since=date, until=date)
                    if w.id is not None and w.planned == ref]
        uow.undo_last()
        uow.commit()
    number = sum(1 for w in workouts for s in w.sets
                 if s.exercise_id == taken.exercise_id and s.kind is not SetKind.WARMUP)
    return taken, number


def change_set(store: Store, user: User, workout_id: int, position: int,
               weight_kg: Decimal | None, amount: int) -> None:
    """Correct a logged set's weight and reps (or seconds, for a timed set) in place.
    TrainingError if the lifter has no such set."""
    import dataclasses

    with store.unit_of_work(user.id) as uow:
        workout = uow.workouts.get(workout_id)
        positions = uow.workouts.positions(workout_id) if workout else []
        if workout is None or position not in positions:
            raise TrainingError("that set is not in your log any more: reload the page")
        old = workout.sets[positions.index(position)]
        timed = old.seconds is not None and old.reps is None
        new = dataclasses.replace(old, weight_kg=weight_kg,
                                  reps=None if timed else amount,
                                  seconds=amount if timed else old.seconds)
        uow.workouts.update_set(workout_id, position, new)
        uow.commit()


def remove_set(store: Store, user: User, workout_id: int, position: int) -> None:
    """Delete a logged set (and its workout, when it was the last one)."""
    with store.unit_of_work(user.id) as uow:
        # Locked before its sets are counted: a set tapped in meanwhile keeps the workout.
        uow.workouts.lock([workout_id])
        positions = uow.workouts.positions(workout_id)
        if position not in positions:
            raise TrainingError("that set is not in your log any more: reload the page")
        if len(positions) == 1:
            uow.workouts.delete(workout_id)
        else:
            uow.workouts.delete_set(workout_id, position)
        uow.commit()


def finish_session(store: Store, user: User, date: dt.date, ref: PlannedRef,
                   notes: str | None = None, session_rpe: int | None = None) -> int:
    """Mark the session trained on `date` finished (now), with the lifter's notes and session
    RPE (1-10); the number of its sets. TrainingError if none of its sets were logged that
    day."""
    now = dt.datetime.now().replace(microsecond=0)
    with store.unit_of_work(user.id) as uow:
        workouts = [w for w in uow.workouts.list(since=date, until=date)
                    if w.planned == ref and w.id is not None]
        if not workouts:
            raise TrainingError("nothing logged today to finish: log a set first")
        # Locked in id order (as every writer takes workouts) and read again under the lock:
        # the notes added to are those a Finish or an edit committed meanwhile.
        locked = set(uow.workouts.lock(w.id for w in workouts if w.id is not None))
        workouts = [w for w in uow.workouts.list(since=date, until=date) if w.id in locked]
        for w in workouts:
            assert w.id is not None
            changes: dict[str, Any] = {"ended_at": now, "session_rpe": session_rpe}
            if notes:
                changes["notes"] = notes if not w.notes else f"{w.notes}\n{notes}"
                notes = None
            uow.workouts.update(w.id, changes)
        uow.commit()
    return sum(len(w.sets) for w in workouts)


@dataclass(frozen=True)
class Finished:
    """A session finished on a day: what was done, and what to do next time."""

    date: dt.date
    title: str
    sets: tuple[LoggedSet, ...]
    notes: str | None
    session_rpe: int | None
    next_time: tuple[TodayItem, ...]
    """The session's lifts with the coach's targets after this session."""


def finished_today(store: Store, user: User, date: dt.date,
                   catalog: Catalog) -> Finished | None:
    """The active plan's session finished (with Finish) on `date`, the latest one."""
    with store.quick_reader(user.id) as uow:
        active = uow.plans.active_text()
        if active is None:
            return None
        plan_id, plan = active[0], _parsed_plan(active[1])
        done = [w for w in uow.workouts.list(since=date, until=date)
                if w.planned is not None and w.planned.plan_id == plan_id
                and w.ended_at is not None]
        if not done:
            return None
        last = max(done, key=lambda w: w.ended_at or dt.datetime.min)
        assert last.planned is not None
        session = _planned_session(plan_id, plan, (last.planned.week, last.planned.session))
        if session is None:
            return None
        after = _session_view(uow, user, session, date + dt.timedelta(days=1), catalog,
                              before=date)
    sets = tuple(s for w in sorted(done, key=lambda w: w.id or 0) if w.planned == last.planned
                 for s in w.sets)
    return Finished(date=date, title=session.data["title"], sets=sets, notes=last.notes,
                    session_rpe=last.session_rpe, next_time=after.items)


# --------------------------------------------------------------------------------------------
# Workouts by id (the API): each with its sets' positions (their addresses) and client ids


@dataclass(frozen=True)
class StoredWorkout:
    """A workout as stored, with its sets' positions and client ids."""
    workout: Workout
    positions: tuple[int, ...]
    """Each set's position in the workout (its address for editing)."""
    client_ids: dict[tuple[int, int], str] = field(default_factory=dict)
    """(workout id, position) -> the id the device that logged the set gave it."""


def workouts_page(store: Store, user: User, *, since: dt.date | None, until: dt.date | None,
                  exercise_id: str | None, limit: int, offset: int
                  ) -> tuple[list[StoredWorkout], int]:
    """A page of the lifter's workouts, newest first, and how many there are in all."""
    with store.reader(user.id) as uow:
        workouts, total = uow.workouts.page(since, until, exercise_id, limit, offset)
        positions = {w.id: uow.workouts.positions(w.id) for w in workouts if w.id is not None}
        ids = uow.workouts.client_ids(positions)
    return [StoredWorkout(w, tuple(positions[w.id]), ids) for w in workouts
            if w.id is not None], total


def stored_workout(store: Store, user: User, workout_id: int) -> StoredWorkout:
    """One of the lifter's workouts; WorkoutMissing if they have none with this id."""
    with store.reader(user.id) as uow:
        workout = uow.workouts.get(workout_id)
        if workout is None:
            raise WorkoutMissing(f"no workout {workout_id}")
        return StoredWorkout(workout, tuple(uow.workouts.positions(workout_id)),
                             uow.workouts.client_ids([workout_id]))


def change_workout(store: Store, user: User, workout_id: int, changes: dict[str, Any],
                   sets: Sequence[LoggedSet] | None = None) -> StoredWorkout:
    """Change a workout's fields (date, notes, energy, location, title) and, with `sets`,
    replace all its sets, in one transaction. WorkoutMissing if there is no such workout."""
    from redwood.services.base import NotFound

    with store.unit_of_work(user.id) as uow:
        try:
            if changes:
                uow.workouts.update(workout_id, changes)
            if sets is not None:
                uow.workouts.replace_sets(workout_id, sets)
        except NotFound:
            raise WorkoutMissing(f"no workout {workout_id}") from None
        workout = uow.workouts.get(workout_id)
        if workout is None:
            raise WorkoutMissing(f"no workout {workout_id}")
        positions = tuple(uow.workouts.positions(workout_id))
        uow.commit()
    return StoredWorkout(workout, positions)


def delete_workout(store: Store, user: User, workout_id: int) -> None:
    """Delete a workout with all its sets; WorkoutMissing if there is no such workout."""
    with store.unit_of_work(user.id) as uow:
        if not uow.workouts.delete(workout_id):
            raise WorkoutMissing(f"no workout {workout_id}")
        uow.commit()


def add_sets(store: Store, user: User, workout_id: int, sets: Sequence[LoggedSet],
             client_ids: Sequence[str] | None = None) -> Logged:
    """Log sets into one of the lifter's workouts (one tap per set in the gym), in one
    transaction, with the records they broke (against the log before the workout's day and
    the workout's sets so far). WorkoutMissing if there is no such workout."""
    from redwood.services.base import NotFound

    # The records are read before the write begins (reads_first): on SQLite they stay out of
    # the one-writer-at-a-time queue; a set logged into the same workout at the same moment
    # may then go uncounted in the comparison, as on PostgreSQL, whose reads see only what was
    # committed before them.
    with store.unit_of_work(user.id, reads_first=True) as uow:
        date = uow.workouts.date_of(workout_id)
        if date is None:
            raise WorkoutMissing(f"no workout {workout_id}")
        broken = records_broken(uow, sets, until=date - dt.timedelta(days=1),
                                workout_id=workout_id)
        uow.write()
        try:
            positions = uow.workouts.add_sets(workout_id, sets, client_ids)
        except NotFound:
            raise WorkoutMissing(f"no workout {workout_id}") from None
        uow.commit()
    return Logged(workout_id, len(sets), tuple(broken), True, tuple(positions))


def log_sets_by_token(store: Store, token: str, workout_id: int, sets: Sequence[LoggedSet]
                      ) -> tuple[User, Logged] | None:
    """add_sets for the lifter whose API token `token` is (None, with nothing written, when
    it is unknown or revoked): the web's hottest write, logging one set per tap, on the
    driver (redwood.store.hot.log_sets: on PostgreSQL one round trip), instead of through
    the ORM. The same rows, records and positions as token_owner + add_sets (the records
    judged against the log as it was before the write); WorkoutMissing likewise. Sets of
    an exercise the catalogue does not know must be checked (check_exercises) by the caller
    first: here they are not."""
    from redwood.services import accounts
    from redwood.store.errors import NotFound
    from redwood.store.hot import log_sets

    key = accounts.token_key(token)
    if key is None:
        return None
    try:
        opened = log_sets(store.engine, key, workout_id, sets)
    except NotFound:
        raise WorkoutMissing(f"no workout {workout_id}") from None
    if opened is None:
        return None
    target, basis, positions = opened
    accounts.touch_token(store, target.token_id, target.last_used_at)
    if target.workout_date is None:
        raise WorkoutMissing(f"no workout {workout_id}")
    # The records against the log as it was before the write (log_sets read it first).
    broken = records_against(sets, target.workout_date - dt.timedelta(days=1), basis.past,
                             basis.past_volumes or {}, basis.earlier,
                             basis.earlier_volumes or {})
    return target.user, Logged(workout_id, len(sets), tuple(broken), True, positions)


def replace_set(store: Store, user: User, workout_id: int, position: int,
                new: LoggedSet) -> None:
    """Put `new` in place of the set at `position`; WorkoutMissing if there is none."""
    with store.unit_of_work(user.id) as uow:
        if not uow.workouts.update_set(workout_id, position, new):
            raise WorkoutMissing(f"no set at position {position} in workout {workout_id}")
        uow.commit()


def delete_set(store: Store, user: User, workout_id: int, position: int) -> None:
    """Delete the set at `position` (its workout stays, even empty); WorkoutMissing if there
    is none."""
    with store.unit_of_work(user.id) as uow:
        if not uow.workouts.delete_set(workout_id, position):
            raise WorkoutMissing(f"no set at position {position} in workout {workout_id}")
        uow.commit()


def workouts_between(store: Store, user: User, start: dt.date, end: dt.date
                     ) -> tuple[list[StoredWorkout], bool]:
    """The workouts from `start` to `end` (inclusive), each with its sets' positions, and
    whether there are older ones."""
    with store.reader(user.id) as uow:
        workouts = uow.workouts.list(since=start, until=end)
        out = [StoredWorkout(w, tuple(uow.workouts.positions(w.id))) for w in workouts
               if w.id is not None]
        older = bool(uow.workouts.list(until=start - dt.timedelta(days=1), limit=1))
    return out, older


def finish_day(store: Store, user: User, day: dt.date, ref: PlannedRef | None,
               catalog: Catalog, notes: str | None = None,
               session_rpe: int | None = None) -> int:
    """Finish the session trained on `day` (`ref`, else the one Today shows) with notes and
    session RPE, as often as it is sent: sent again after it was finished, the finished
    session is meant (Today has moved on) and its notes are not added twice. The number of its
    sets; TrainingError if none of its sets were logged that day."""
    with store.reader(user.id) as uow:
        workouts = [w for w in uow.workouts.list(since=day, until=day) if w.planned is not None]
    if ref is None:
        ref = today(store, user, day, catalog, in_progress=True).session.ref
        if not any(w.planned == ref for w in workouts):
            ref = next((w.planned for w in reversed(workouts)
                        if w.planned is not None and w.ended_at is not None), ref)
    text = notes or ""
    noted = bool(text) and any(
        w.planned == ref and w.ended_at is not None and text in (w.notes or "")
        for w in workouts)
    return finish_session(store, user, day, ref, None if noted else notes, session_rpe)


def personal_records(store: Store, user: User,
                     exercise_id: str | None = None) -> dict[str, Any]:
    """Each exercise's records (heaviest, best e1RM, best session volume), or one exercise's,
    from the stored bests: a few dozen sets per exercise whatever the log's length. An
    exercise with sets written since its bests were stored is worked out again from its own
    sets (and stored), the others are read as they are."""
    from redwood.coach.records import records_from_aggregates

    with store.reader(user.id) as uow:
        data, stale = uow.workouts.stored_bests(exercise_id)
        if not stale:
            return records_from_aggregates(*uow.workouts.bests(data))
    with store.unit_of_work(user.id) as uow:
        data.update(uow.workouts.refresh_bests(stale))
        uow.commit()
        return records_from_aggregates(*uow.workouts.bests(data))


def save_equipment(store: Store, user: User, location: str, data: dict[str, Any]) -> None:
    """Keep what the lifter can load at `location` (bar, plates, dumbbells...): the fields
    given replace theirs, the others stay."""
    with store.unit_of_work(user.id) as uow:
        uow.equipment.merge(location, data)
        uow.commit()


def history(store: Store, user: User, *, exercise_id: str | None = None,
            since: dt.date | None = None, limit: int | None = None) -> list[Workout]:
    with store.reader(user.id) as uow:
        return uow.workouts.list(since=since, exercise_id=exercise_id, limit=limit)


def logged_exercise(store: Store, user: User, text: str) -> str:
    """The id of the exercise the lifter named for their log (an id, a name or an alias, or
    one of their own exercises); else a TrainingError on "exercise" with the closest ids."""
    from redwood.catalog.search import find_exercise, suggest_ids

    found = find_exercise(text)
    if found is not None:
        return str(found.id)
    with store.reader(user.id) as uow:
        if any(c.exercise_id == text for c in uow.exercises.list()):
            return text
    hints = suggest_ids(text)
    hint = f"; did you mean {', '.join(hints)}?" if hints else ""
    raise TrainingError(f"no exercise {text!r}{hint}", "exercise")


def exercise_names(store: Store, user: User, ids: Iterable[str]) -> dict[str, str]:
    """The name to show for each exercise id: the catalogue's, the lifter's own exercise's, or
    the open library's (an import maps many names there: "Bench Press (Barbell)" is
    barbell-bench-press-medium-grip); the id itself only when none of them knows it."""
    from redwood.catalog import load_catalog

    catalog = load_catalog()
    names: dict[str, str] = {}
    others: list[str] = []
    for exercise_id in dict.fromkeys(ids):
        found = catalog.get(exercise_id)
        if found is not None:
            names[exercise_id] = found.name
        else:
            others.append(exercise_id)
    if not others:  # a log of curated lifts reads nothing more
        return names
    from redwood.catalog.search import find_exercise

    with store.reader(user.id) as uow:
        own = {c.exercise_id: c.name for c in uow.exercises.list()}
    for exercise_id in others:
        if exercise_id in own:
            names[exercise_id] = own[exercise_id]
            continue
        opened = find_exercise(exercise_id, catalog)
        names[exercise_id] = opened.name if opened is not None else exercise_id
    return names


def checkin(store: Store, user: User, entry: CheckIn) -> CheckIn:
    with store.unit_of_work(user.id) as uow:
        saved = uow.checkins.upsert(entry)
        uow.commit()
    return saved


def workouts_as_json(workouts: Sequence[Workout]) -> str:
    from redwood.io.logjson import workout_json

    return json.dumps([workout_json(w) for w in workouts], indent=2) + "\n"


# --------------------------------------------------------------------------------------------
# The lifter


def lifter(store: Store, name: str | None, *, create: bool = False) -> User | None:
    """The user called `name` (created when `create`), or the database's default user when no
    name is given; None if there is no such user."""
    if name is None:
        return store.default_user()
    with store.reader() as uow:
        user = uow.users.by_name(name)
    if user is not None or not create:
        return user
    with store.unit_of_work() as uow:
        user = uow.users.add(name)
        uow.commit()
    return user
