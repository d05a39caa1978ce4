"""A fake store for the service unit tests (the cosmicpython way): in-memory repositories with
the methods the services call, and a unit of work that keeps what was committed only."""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from redwood.domain.log import LoggedSet, Unit, Workout
from redwood.domain.user import User
from redwood.services.base import NotFound


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
    kind: str
    workout_id: int | None
    positions: tuple[int, ...] = ()


@dataclass
class Data:
    """Everything one fake database holds."""

    users: dict[int, User] = field(default_factory=dict)
    profiles: list[dict[str, Any]] = field(default_factory=list)
    plans: list[FakePlan] = field(default_factory=list)
    workouts: dict[int, Workout] = field(default_factory=dict)
    entries: list[FakeEntry] = field(default_factory=list)
    equipment: dict[str, dict[str, Any]] = field(default_factory=dict)


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
        user = self.data.users[user_id] = replace(self.data.users[user_id], unit=unit)
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

    def add(self, profile: dict[str, Any], activate: bool = True) -> int:
        self.data.profiles.append(copy.deepcopy(dict(profile)))
        return len(self.data.profiles)


class FakePlans:
    def __init__(self, data: Data) -> None:
        self.data = data

    def add(self, text: str, profile: Any = None, activate: bool = True) -> int:
        if activate:
            for p in self.data.plans:
                p.active = False
        plan = FakePlan(len(self.data.plans) + 1, text, dict(profile or {}), activate)
        self.data.plans.append(plan)
        return plan.id

    def active(self) -> tuple[int, dict[str, Any]] | None:
        found = next((p for p in self.data.plans if p.active), None)
        return None if found is None else (found.id, found.data)

    def get(self, plan_id: int) -> FakePlan | None:
        return next((p for p in self.data.plans if p.id == plan_id), None)

    def list(self) -> list[FakePlan]:
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

    def add(self, workout: Workout, **_: Any) -> int:
        workout_id = max(self.data.workouts, default=0) + 1
        self.data.workouts[workout_id] = replace(workout, id=workout_id)
        self.data.entries.append(FakeEntry("workout", workout_id))
        return workout_id

    def add_sets(self, workout_id: int, sets: Any, client_ids: Any = None) -> tuple[int, ...]:
        w = self.data.workouts[workout_id]
        start = len(w.sets)
        self.data.workouts[workout_id] = replace(w, sets=(*w.sets, *sets))
        positions = tuple(range(start, start + len(sets)))
        self.data.entries.append(FakeEntry("sets", workout_id, positions))
        return positions

    def get(self, workout_id: int) -> Workout | None:
        return self.data.workouts.get(workout_id)

    def positions(self, workout_id: int) -> list[int]:
        return list(range(len(self.data.workouts[workout_id].sets)))

    def list(self, since: dt.date | None = None, until: dt.date | None = None,
             **_: Any) -> list[Workout]:
        return [w for w in self.data.workouts.values()
                if (since is None or w.date >= since) and (until is None or w.date <= until)]

    def date_of(self, workout_id: int) -> dt.date | None:
        w = self.data.workouts.get(workout_id)
        return None if w is None else w.date

    def _sets(self, ids: Any, until: dt.date | None, workout_id: int | None
              ) -> list[tuple[int, LoggedSet]]:
        return [(wid, s) for wid, w in self.data.workouts.items()
                if (workout_id is None or wid == workout_id)
                and (until is None or w.date <= until) for s in w.sets
                if ids is None or s.exercise_id in ids]

    def set_shapes(self, ids: Any, *, until: dt.date | None = None,
                   workout_id: int | None = None) -> list[LoggedSet]:
        return list(dict.fromkeys(s for _, s in self._sets(ids, until, workout_id)))

    def best_volumes(self, ids: Any, *, until: dt.date | None = None,
                     workout_id: int | None = None) -> dict[str, Decimal]:
        per: dict[tuple[int, str], Decimal] = {}
        for wid, s in self._sets(ids, until, workout_id):
            if s.weight_kg is not None and s.reps:
                key = (wid, s.exercise_id)
                per[key] = per.get(key, Decimal(0)) + s.weight_kg * s.reps
        out: dict[str, Decimal] = {}
        for (_, ex), v in per.items():
            out[ex] = max(out.get(ex, Decimal(0)), v)
        return out


class FakeEquipment:
    def __init__(self, data: Data) -> None:
        self.data = data

    def get(self, name: str) -> dict[str, Any] | None:
        return self.data.equipment.get(name)

    def put(self, name: str, value: dict[str, Any]) -> None:
        self.data.equipment[name] = dict(value)


class FakeUnitOfWork:
    """Works on a copy of the data; commit() makes the copy the store's."""

    def __init__(self, store: FakeStore) -> None:
        self.store = store
        self.data = copy.deepcopy(store.data)
        self.users = FakeUsers(self.data)
        self.profiles = FakeProfiles(self.data)
        self.plans = FakePlans(self.data)
        self.workouts = FakeWorkouts(self.data)
        self.equipment = FakeEquipment(self.data)

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, *_: Any) -> None:
        return None

    def write(self) -> None:
        """The reads are done, the writes begin (uow.UnitOfWork.write): one copy here."""

    def commit(self) -> None:
        self.store.data = self.data
        self.store.commits += 1

    def last_entry(self) -> FakeEntry | None:
        return self.data.entries[-1] if self.data.entries else None

    def undo_last(self) -> Any:
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
    def __init__(self) -> None:
        self.data = Data()
        self.commits = 0

    def unit_of_work(self, user_id: int | None = None, *, readonly: bool = False,
                     reads_first: bool = False) -> FakeUnitOfWork:
        return FakeUnitOfWork(self)

    def reader(self, user_id: int | None = None) -> FakeUnitOfWork:
        return FakeUnitOfWork(self)

    def default_user(self) -> User:
        with self.unit_of_work() as uow:
            user = uow.users.first() or uow.users.add("me")
            uow.commit()
        return user
