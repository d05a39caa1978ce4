"""The one fake store of the service unit tests (the cosmicpython way): in-memory repositories
with the methods the services call, the same names and meanings as redwood.store's (workouts
newest first, sets at positions 0, 1, 2...), and a unit of work that works on a copy and keeps
it only when committed; a reader that commits fails the test. No database, no SQLAlchemy, no
HTTP.

    store = FakeStore(Data(workouts=[...], profile={...}, plan={...}))
    ... the service under test ...
    store.opened   # how each unit of work ended: 'reader', 'commit' or 'rollback'
    store.commits  # how many committed
"""

from __future__ import annotations

import builtins
import copy
import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import InitVar, dataclass, field, replace
from decimal import Decimal
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from redwood.domain.log import CheckIn, LoggedSet, Unit, Workout
from redwood.domain.user import User
from redwood.services.base import NotFound

if TYPE_CHECKING:
    from redwood.store import ports
    from redwood.store.measurements import Measurement
    from redwood.store.record_reads import RecordBasis

T = TypeVar("T")

USER = User(id=1, name="lifter", unit=Unit.KG, created_at=dt.datetime(2026, 1, 1))
"""A lifter for the services that only pass the user on (not in `Data.users`)."""


@dataclass(frozen=True)
class Custom:
    """A lifter's own exercise (store.CustomExercise's fields the services read)."""

    exercise_id: str
    name: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class FakePlan:
    id: int
    text: str
    profile: dict[str, Any]
    active: bool
    created_at: dt.datetime = dt.datetime(2026, 1, 1)

    @property
    def data(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.text)
        return parsed


@dataclass
class FakeEntry:
    """An undo journal entry: what one logging call added."""

    kind: str
    workout_id: int | None
    positions: tuple[int, ...] = ()


@dataclass
class Data:
    """Everything one fake database holds. `workouts` may be given as a list (ids 1, 2...),
    `profile` and `plan` as the active one's JSON."""

    users: dict[int, User] = field(default_factory=dict)
    profiles: builtins.list[dict[str, Any]] = field(default_factory=list)
    plans: builtins.list[FakePlan] = field(default_factory=list)
    workouts: dict[int, Workout] = field(default_factory=dict)
    entries: builtins.list[FakeEntry] = field(default_factory=list)
    checkins: dict[dt.date, CheckIn] = field(default_factory=dict)
    measurements: dict[tuple[dt.date, str], Measurement] = field(default_factory=dict)
    exercises: dict[str, Custom] = field(default_factory=dict)
    equipment: dict[str, dict[str, Any]] = field(default_factory=dict)
    profile: InitVar[dict[str, Any] | None] = None
    plan: InitVar[dict[str, Any] | None] = None

    def __post_init__(self, profile: dict[str, Any] | None,
                      plan: dict[str, Any] | None) -> None:
        if isinstance(self.workouts, list):
            self.workouts = {i: replace(w, id=i) for i, w in enumerate(self.workouts, 1)}
        if profile is not None:
            self.profiles.append(copy.deepcopy(profile))
        if plan is not None:
            self.plans.append(FakePlan(len(self.plans) + 1, json.dumps(plan),
                                       dict(plan.get("profile") or {}), True))


def _between(day: dt.date, since: dt.date | None, until: dt.date | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


class FakeUsers:
    def __init__(self, data: Data) -> None:
        self.data = data

    def by_name(self, name: str) -> User | None:
        return next((u for u in self.data.users.values() if u.name == name), None)

    def first(self) -> User | None:
        return self.data.users[min(self.data.users)] if self.data.users else None

    def add(self, name: str, unit: Unit = Unit.KG) -> User:
        user = User(id=len(self.data.users) + 1, name=name, unit=unit,
                    created_at=dt.datetime(2026, 1, 1))
        self.data.users[user.id] = user
        return user

    def set_unit(self, user_id: int, unit: Unit) -> User:
        user = self.data.users[user_id] = replace(self.data.users.get(user_id, USER),
                                                  unit=unit)
        return user

    def rename(self, user_id: int, name: str) -> User:
        user = self.data.users[user_id] = replace(self.data.users[user_id], name=name)
        return user


class FakeProfiles:
    def __init__(self, data: Data) -> None:
        self.data = data

    def active(self) -> tuple[int, dict[str, Any]] | None:
        if not self.data.profiles:
            return None
        return len(self.data.profiles), copy.deepcopy(self.data.profiles[-1])

    def add(self, data: Mapping[str, Any], activate: bool = True) -> int:
        self.data.profiles.append(copy.deepcopy(dict(data)))
        return len(self.data.profiles)


class FakePlans:
    def __init__(self, data: Data) -> None:
        self.data = data

    def add(self, plan_json_text: str, profile_json: Mapping[str, Any] | str | None = None,
            activate: bool = True) -> int:
        if activate:
            for p in self.data.plans:
                p.active = False
        # As the store: the profile defaults to the plan's own.
        profile = (json.loads(plan_json_text).get("profile") or {} if profile_json is None
                   else json.loads(profile_json) if isinstance(profile_json, str)
                   else dict(profile_json))
        plan = FakePlan(len(self.data.plans) + 1, plan_json_text, profile, activate)
        self.data.plans.append(plan)
        return plan.id

    def active(self) -> tuple[int, dict[str, Any]] | None:
        found = next((p for p in self.data.plans if p.active), None)
        return None if found is None else (found.id, found.data)

    def get(self, plan_id: int) -> FakePlan | None:
        return next((p for p in self.data.plans if p.id == plan_id), None)

    def list(self) -> builtins.list[FakePlan]:
        return sorted(self.data.plans, key=lambda p: -p.id)

    def activate(self, plan_id: int) -> None:
        if self.get(plan_id) is None:
            raise NotFound(f"no plan {plan_id}")
        for p in self.data.plans:
            p.active = p.id == plan_id


class FakeWorkouts:
    """Workouts whose sets sit at positions 0, 1, 2... (the store's positions)."""

    def __init__(self, data: Data) -> None:
        self.data = data

    def _in_order(self) -> builtins.list[tuple[int, Workout]]:
        """Oldest first (date, then the order they were logged in)."""
        return sorted(self.data.workouts.items(), key=lambda iw: (iw[1].date, iw[0]))

    def add(self, workout: Workout, *, source: str | None = None,
            import_key: str | None = None,
            client_ids: Sequence[str | None] | None = None) -> int:
        workout_id = max(self.data.workouts, default=0) + 1
        self.data.workouts[workout_id] = replace(workout, id=workout_id)
        self.data.entries.append(FakeEntry("workout", workout_id))
        return workout_id

    def add_sets(self, workout_id: int, sets: Sequence[LoggedSet],
                 client_ids: Sequence[str | None] | None = None) -> tuple[int, ...]:
        w = self.data.workouts[workout_id]
        start = len(w.sets)
        self.data.workouts[workout_id] = replace(w, sets=(*w.sets, *sets))
        positions = tuple(range(start, start + len(sets)))
        self.data.entries.append(FakeEntry("sets", workout_id, positions))
        return positions

    def get(self, workout_id: int) -> Workout | None:
        return self.data.workouts.get(workout_id)

    def positions(self, workout_id: int) -> builtins.list[int]:
        return list(range(len(self.data.workouts[workout_id].sets)))

    def list(self, since: dt.date | None = None, until: dt.date | None = None,
             exercise_id: str | None = None, limit: int | None = None) -> builtins.list[Workout]:
        """Newest first, as the store lists them (date, then id, descending)."""
        found = [w for _, w in reversed(self._in_order()) if _between(w.date, since, until)
                 and (exercise_id is None or any(s.exercise_id == exercise_id
                                                 for s in w.sets))]
        return found[:limit] if limit is not None else found

    def date_of(self, workout_id: int) -> dt.date | None:
        w = self.data.workouts.get(workout_id)
        return None if w is None else w.date

    def figures_by_day(self, since: dt.date | None = None, until: dt.date | None = None
                       ) -> Iterable[builtins.list[Workout]]:
        days: dict[dt.date, builtins.list[Workout]] = {}
        for _, w in self._in_order():
            if _between(w.date, since, until):
                days.setdefault(w.date, []).append(w)
        for day in sorted(days):
            yield days[day]

    def made_by_day(self, make: Callable[[LoggedSet], T], since: dt.date | None = None,
                    until: dt.date | None = None
                    ) -> Iterable[builtins.list[tuple[Workout, builtins.list[T]]]]:
        for day in self.figures_by_day(since, until):
            yield [(w, [make(s) for s in w.sets]) for w in day]

    def history(self, exercise_ids: Iterable[str], until: dt.date | None = None,
                since: dt.date | None = None
                ) -> dict[str, builtins.list[tuple[dt.date, tuple[LoggedSet, ...]]]]:
        out: dict[str, builtins.list[tuple[dt.date, tuple[LoggedSet, ...]]]] = {}
        for ex in exercise_ids:
            out[ex] = [(w.date, tuple(s for s in w.sets if s.exercise_id == ex))
                       for _, w in self._in_order()
                       if _between(w.date, since, until)
                       and any(s.exercise_id == ex for s in w.sets)]
        return out

    def e1rm_shapes(self, exercise_ids: Iterable[str], before: dt.date) -> builtins.list[LoggedSet]:
        wanted = set(exercise_ids)
        Shape = tuple[str, int, Decimal | None, int | None, bool]
        groups: dict[Shape, builtins.list[LoggedSet]] = {}
        for _, w in self._in_order():
            for s in w.sets:
                if (w.date < before and s.exercise_id in wanted and s.kind.hard
                        and s.reps and s.weight_kg):
                    key = (s.exercise_id, s.reps, s.rpe, s.rir, s.completed)
                    groups.setdefault(key, []).append(s)
        out = []
        for (ex, reps, rpe, rir, done), sets in groups.items():
            for kg in dict.fromkeys((max(s.weight_kg or Decimal(0) for s in sets),
                                     min(s.weight_kg or Decimal(0) for s in sets))):
                out.append(LoggedSet(exercise_id=ex, weight_kg=kg, reps=reps, rpe=rpe,
                                     rir=rir, completed=done))
        return out

    def training_days(self, until: dt.date | None = None) -> builtins.list[dt.date]:
        return sorted({w.date for w in self.data.workouts.values()
                       if _between(w.date, None, until)
                       and any(s.kind.value != "warmup" for s in w.sets)})

    def _sets(self, ids: Iterable[str] | None, until: dt.date | None, workout_id: int | None,
              since: dt.date | None = None) -> builtins.list[tuple[int, LoggedSet]]:
        wanted = None if ids is None else set(ids)
        return [(wid, s) for wid, w in self._in_order()
                if (workout_id is None or wid == workout_id)
                and _between(w.date, since, until) for s in w.sets
                if wanted is None or s.exercise_id in wanted]

    def set_shapes(self, exercise_ids: Iterable[str] | None, *, until: dt.date | None = None,
                   workout_id: int | None = None,
                   since: dt.date | None = None) -> builtins.list[LoggedSet]:
        return list(dict.fromkeys(s for _, s in self._sets(exercise_ids, until, workout_id,
                                                           since)))

    def best_volumes(self, exercise_ids: Iterable[str], *, until: dt.date | None = None,
                     workout_id: int | None = None) -> dict[str, Decimal]:
        per: dict[tuple[int, str], Decimal] = {}
        for wid, s in self._sets(exercise_ids, until, workout_id):
            if s.weight_kg is not None and s.reps:
                key = (wid, s.exercise_id)
                per[key] = per.get(key, Decimal(0)) + s.weight_kg * s.reps
        out: dict[str, Decimal] = {}
        for (_, ex), v in per.items():
            out[ex] = max(out.get(ex, Decimal(0)), v)
        return out

    def record_basis(self, exercise_ids: Iterable[str], *, until: dt.date,
                     workout_id: int | None = None) -> RecordBasis:
        """Every distinct set, not the store's few (store.record_reads): the same records."""
        from redwood.store.record_reads import RecordBasis

        ids = sorted(set(exercise_ids))
        past = tuple(self.set_shapes(ids, until=until))
        if workout_id is None:
            return RecordBasis(past, self.best_volumes(ids, until=until) if past else None)
        return RecordBasis(past, self.best_volumes(ids, until=until) if past else None,
                           tuple(self.set_shapes(ids, workout_id=workout_id)),
                           self.best_volumes(ids, workout_id=workout_id))


class FakeCheckIns:
    def __init__(self, data: Data) -> None:
        self.data = data

    def list(self, since: dt.date | None = None,
             until: dt.date | None = None) -> builtins.list[CheckIn]:
        return [c for d, c in sorted(self.data.checkins.items()) if _between(d, since, until)]

    def latest(self, n: int, until: dt.date | None = None) -> builtins.list[CheckIn]:
        return self.list(until=until)[-n:] if n > 0 else []

    def get(self, date: dt.date) -> CheckIn | None:
        return self.data.checkins.get(date)

    def upsert(self, checkin: CheckIn) -> CheckIn:
        old = self.data.checkins.get(checkin.date)
        if old is None:
            new = checkin
        else:
            new = dataclasses.replace(
                old, **{k: getattr(checkin, k) for k in ("body_weight_kg", "sleep_hours",
                                                         "energy")
                        if getattr(checkin, k) is not None},
                soreness={**old.soreness, **checkin.soreness})
        self.data.checkins[checkin.date] = new
        return new

    def delete(self, date: dt.date) -> bool:
        return self.data.checkins.pop(date, None) is not None


class FakeMeasurements:
    def __init__(self, data: Data) -> None:
        self.data = data

    def put_all(self, measurements: Iterable[Measurement]) -> int:
        n = 0
        for m in measurements:
            self.data.measurements[(m.date, m.site)] = m
            n += 1
        return n

    def list(self, since: dt.date | None = None, until: dt.date | None = None,
             site: str | None = None) -> builtins.list[Measurement]:
        return [m for (d, where), m in sorted(self.data.measurements.items())
                if _between(d, since, until) and site in (None, where)]


class FakeExercises:
    def __init__(self, data: Data) -> None:
        self.data = data

    def get(self, exercise_id: str) -> Custom | None:
        return self.data.exercises.get(exercise_id)

    def list(self) -> builtins.list[Custom]:
        return [self.data.exercises[k] for k in sorted(self.data.exercises)]


class FakeEquipment:
    def __init__(self, data: Data) -> None:
        self.data = data

    def get(self, name: str) -> dict[str, Any] | None:
        return self.data.equipment.get(name)

    def put(self, name: str, data: Mapping[str, Any]) -> None:
        self.data.equipment[name] = dict(data)

    def merge(self, name: str, data: Mapping[str, Any]) -> dict[str, Any]:
        merged = {**(self.get(name) or {}), **data}
        self.put(name, merged)
        return merged


class FakeUnitOfWork:
    """Works on a copy of the data; commit() makes the copy the store's."""

    def __init__(self, store: FakeStore, readonly: bool) -> None:
        self.store, self.readonly = store, readonly
        self.data = copy.deepcopy(store.data)
        self.committed = False
        self.users = FakeUsers(self.data)
        self.profiles = FakeProfiles(self.data)
        self.plans = FakePlans(self.data)
        self.workouts = FakeWorkouts(self.data)
        self.checkins = FakeCheckIns(self.data)
        self.measurements = FakeMeasurements(self.data)
        self.exercises = FakeExercises(self.data)
        self.equipment = FakeEquipment(self.data)

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.store.opened.append("reader" if self.readonly else
                                 "commit" if self.committed else "rollback")

    def write(self) -> None:
        """The reads are done, the writes begin (uow.UnitOfWork.write): one copy here."""

    def commit(self) -> None:
        assert not self.readonly, "a reader committed"
        self.store.data = self.data
        self.store.commits += 1
        self.committed = True

    def last_entry(self) -> FakeEntry | None:
        return self.data.entries[-1] if self.data.entries else None

    def undo_last(self) -> FakeEntry | None:
        if not self.data.entries:
            return None
        entry = self.data.entries.pop()
        assert entry.workout_id is not None
        if entry.kind == "workout":
            del self.data.workouts[entry.workout_id]
        else:
            w = self.data.workouts[entry.workout_id]
            kept = tuple(s for i, s in enumerate(w.sets) if i not in entry.positions)
            self.data.workouts[entry.workout_id] = replace(w, sets=kept)
        return entry


class FakeStore:
    """The `Store` handle the services take: unit_of_work() and reader() over in-memory data."""

    def __init__(self, data: Data | None = None) -> None:
        self.data = data or Data()
        self.commits = 0
        self.opened: builtins.list[str] = []
        """How each unit of work ended: reader, commit or rollback."""

    def unit_of_work(self, user_id: int | None = None, *, readonly: bool = False,
                     reads_first: bool = False) -> FakeUnitOfWork:
        return FakeUnitOfWork(self, readonly)

    def reader(self, user_id: int | None = None) -> FakeUnitOfWork:
        return FakeUnitOfWork(self, True)

    def quick_reader(self, user_id: int) -> FakeUnitOfWork:
        return self.reader(user_id)

    def default_user(self) -> User:
        with self.unit_of_work() as uow:
            user = uow.users.first() or uow.users.add("me")
            uow.commit()
        return user


if TYPE_CHECKING:
    # mypy: the fake offers what the real store does, with the same arguments (see
    # redwood.store.ports, which the real store is checked against too). The unit of work on
    # its own too, for mypy's message to name the repository that drifted.

    def _stands_for(store: FakeStore) -> ports.Store:
        return store

    def _unit_stands_for(uow: FakeUnitOfWork) -> ports.UnitOfWork:
        return uow
