"""A fake store for service unit tests (the cosmicpython way): in-memory repositories with the
methods the services call, the same names and meanings as redwood.store's, and a unit of work
that keeps what it was given only when committed. No database, no SQLAlchemy, no HTTP."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from redwood.domain.log import CheckIn, LoggedSet, Unit, Workout
from redwood.domain.user import User

T = TypeVar("T")


@dataclass
class Data:
    """One user's log, as the fake's repositories hold it."""

    workouts: list[Workout] = field(default_factory=list)
    checkins: dict[dt.date, CheckIn] = field(default_factory=dict)
    measurements: dict[tuple[dt.date, str], Any] = field(default_factory=dict)
    profile: dict[str, Any] | None = None
    plan: dict[str, Any] | None = None
    exercises: dict[str, Any] = field(default_factory=dict)
    equipment: dict[str, dict[str, Any]] = field(default_factory=dict)
    unit: Unit = Unit.KG


@dataclass(frozen=True)
class Custom:
    exercise_id: str
    name: str
    data: dict[str, Any] = field(default_factory=dict)


def _between(day: dt.date, since: dt.date | None, until: dt.date | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


class Workouts:
    def __init__(self, data: Data) -> None:
        self.d = data

    def list(self, since: dt.date | None = None, until: dt.date | None = None,
             exercise_id: str | None = None, limit: int | None = None) -> list[Workout]:
        found = [w for w in reversed(self.d.workouts) if _between(w.date, since, until)
                 and (exercise_id is None or any(s.exercise_id == exercise_id
                                                 for s in w.sets))]
        found.sort(key=lambda w: w.date, reverse=True)
        return found[:limit] if limit is not None else found

    def figures_by_day(self, since: dt.date | None = None, until: dt.date | None = None
                       ) -> Iterable[list[Workout]]:
        days: dict[dt.date, list[Workout]] = {}
        for w in self.d.workouts:
            if _between(w.date, since, until):
                days.setdefault(w.date, []).append(w)
        for day in sorted(days):
            yield days[day]

    def made_by_day(self, make: Callable[[LoggedSet], T], since: dt.date | None = None,
                    until: dt.date | None = None) -> Iterable[list[tuple[Workout, list[T]]]]:
        for day in self.figures_by_day(since, until):
            yield [(w, [make(s) for s in w.sets]) for w in day]

    def history(self, exercise_ids: Iterable[str], until: dt.date | None = None,
                since: dt.date | None = None
                ) -> dict[str, list[tuple[dt.date, tuple[LoggedSet, ...]]]]:
        out: dict[str, list[tuple[dt.date, tuple[LoggedSet, ...]]]] = {}
        for ex in exercise_ids:
            out[ex] = [(w.date, tuple(s for s in w.sets if s.exercise_id == ex))
                       for w in sorted(self.d.workouts, key=lambda w: w.date)
                       if _between(w.date, since, until)
                       and any(s.exercise_id == ex for s in w.sets)]
        return out

    def e1rm_shapes(self, exercise_ids: Iterable[str], before: dt.date) -> list[LoggedSet]:
        wanted = set(exercise_ids)
        groups: dict[tuple[object, ...], list[LoggedSet]] = {}
        for w in self.d.workouts:
            for s in w.sets:
                if (w.date < before and s.exercise_id in wanted and s.kind.hard
                        and s.reps and s.weight_kg):
                    key = (s.exercise_id, s.reps, s.rpe, s.rir, s.completed)
                    groups.setdefault(key, []).append(s)
        out = []
        for (ex, reps, rpe, rir, done), sets in groups.items():
            for kg in dict.fromkeys((max(s.weight_kg or 0 for s in sets),
                                     min(s.weight_kg or 0 for s in sets))):
                out.append(LoggedSet(exercise_id=str(ex), weight_kg=kg, reps=reps, rpe=rpe,
                                     rir=rir, completed=bool(done)))
        return out

    def training_days(self, until: dt.date | None = None) -> list[dt.date]:
        return sorted({w.date for w in self.d.workouts if _between(w.date, None, until)
                       and any(s.kind.value != "warmup" for s in w.sets)})


class CheckIns:
    def __init__(self, data: Data) -> None:
        self.d = data

    def list(self, since: dt.date | None = None, until: dt.date | None = None) -> list[CheckIn]:
        return [c for d, c in sorted(self.d.checkins.items()) if _between(d, since, until)]

    def latest(self, n: int, until: dt.date | None = None) -> list[CheckIn]:
        return self.list(until=until)[-n:] if n > 0 else []

    def get(self, date: dt.date) -> CheckIn | None:
        return self.d.checkins.get(date)

    def upsert(self, checkin: CheckIn) -> CheckIn:
        old = self.d.checkins.get(checkin.date)
        if old is None:
            new = checkin
        else:
            new = dataclasses.replace(
                old, **{k: getattr(checkin, k) for k in ("body_weight_kg", "sleep_hours",
                                                         "energy")
                        if getattr(checkin, k) is not None},
                soreness={**old.soreness, **checkin.soreness})
        self.d.checkins[checkin.date] = new
        return new

    def delete(self, date: dt.date) -> bool:
        return self.d.checkins.pop(date, None) is not None


class Measurements:
    def __init__(self, data: Data) -> None:
        self.d = data

    def put_all(self, measurements: Iterable[Any]) -> None:
        for m in measurements:
            self.d.measurements[(m.date, m.site)] = m

    def list(self, since: dt.date | None = None, until: dt.date | None = None) -> list[Any]:
        return [m for (d, _), m in sorted(self.d.measurements.items())
                if _between(d, since, until)]


class Active:
    def __init__(self, data: Data, attr: str) -> None:
        self.d, self.attr = data, attr

    def active(self) -> tuple[int, dict[str, Any]] | None:
        value = getattr(self.d, self.attr)
        return None if value is None else (1, value)


class Exercises:
    def __init__(self, data: Data) -> None:
        self.d = data

    def get(self, exercise_id: str) -> Custom | None:
        return self.d.exercises.get(exercise_id)

    def list(self) -> list[Custom]:
        return [self.d.exercises[k] for k in sorted(self.d.exercises)]


class Equipment:
    def __init__(self, data: Data) -> None:
        self.d = data

    def get(self, name: str) -> dict[str, Any] | None:
        return self.d.equipment.get(name)

    def put(self, name: str, data: dict[str, Any]) -> None:
        self.d.equipment[name] = dict(data)


class Users:
    def __init__(self, data: Data) -> None:
        self.d = data

    def set_unit(self, user_id: int, unit: Unit) -> None:
        self.d.unit = unit


class FakeUnitOfWork:
    """A copy of the data to work on; commit() makes it the store's."""

    def __init__(self, store: FakeStore, readonly: bool) -> None:
        self.store, self.readonly = store, readonly
        self.data = copy.deepcopy(store.data)
        self.committed = False
        self.workouts = Workouts(self.data)
        self.checkins = CheckIns(self.data)
        self.measurements = Measurements(self.data)
        self.profiles = Active(self.data, "profile")
        self.plans = Active(self.data, "plan")
        self.exercises = Exercises(self.data)
        self.equipment = Equipment(self.data)
        self.users = Users(self.data)

    def write(self) -> None:
        """The reads are done, the writes begin (uow.UnitOfWork.write): already one
        transaction here."""

    def commit(self) -> None:
        assert not self.readonly, "a reader committed"
        self.store.data = self.data
        self.committed = True

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.opened.append("reader" if self.readonly else
                                 "commit" if self.committed else "rollback")


class FakeStore:
    """The `Store` handle the services take: unit_of_work() and reader() over in-memory data."""

    def __init__(self, data: Data | None = None) -> None:
        self.data = data or Data()
        self.opened: list[str] = []
        """How each unit of work ended: reader, commit or rollback."""

    def unit_of_work(self, user_id: int | None = None, *, readonly: bool = False,
                     reads_first: bool = False) -> FakeUnitOfWork:
        return FakeUnitOfWork(self, readonly)

    def reader(self, user_id: int | None = None) -> FakeUnitOfWork:
        return FakeUnitOfWork(self, True)


USER = User(id=1, name="lifter", unit=Unit.KG, created_at=dt.datetime(2026, 1, 1))
