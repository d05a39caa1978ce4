"""The part of the store the services' unit tests stand in for, as typing Protocols.

The service tests run on an in-memory fake (tests/unit/services/fakes.py). Whatever the fake
offers must mean what the real store means, or a test passes against a method the database
does not have, or one that takes other arguments. Both sides are checked against these
Protocols by mypy (`store.store`, `store.uow` and the fake each end with a conformance check),
so a change to one side that the other does not follow fails the type check, not a lifter.

Only what the fake implements is here (a repository has more); a test
(tests/unit/services/test_fakes.py) checks that the fake offers nothing beyond it.
Typing only: nothing imports this module at run time but that test.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar

from redwood.domain.log import CheckIn, LoggedSet, Unit, Workout
from redwood.domain.user import User

if TYPE_CHECKING:
    from redwood.store.measurements import Measurement
    from redwood.store.record_reads import RecordBasis

T = TypeVar("T")


# --- what the repositories return, read-only ------------------------------------------------


class Plan(Protocol):
    """A saved plan (store.PlanRecord)."""

    @property
    def id(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def profile(self) -> dict[str, Any]: ...
    @property
    def active(self) -> bool: ...
    @property
    def created_at(self) -> dt.datetime: ...
    @property
    def data(self) -> dict[str, Any]: ...


class Custom(Protocol):
    """One of the lifter's own exercises (store.CustomExercise)."""

    @property
    def exercise_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def data(self) -> dict[str, Any]: ...


class Entry(Protocol):
    """The undo journal's last entry (store.journal.LastEntry)."""

    @property
    def kind(self) -> str: ...
    @property
    def workout_id(self) -> int | None: ...
    @property
    def positions(self) -> tuple[int, ...]: ...


# --- the repositories ------------------------------------------------------------------------


class Users(Protocol):
    def by_name(self, name: str) -> User | None: ...
    def first(self) -> User | None: ...
    def add(self, name: str, unit: Unit = Unit.KG) -> User: ...
    def set_unit(self, user_id: int, unit: Unit) -> User: ...
    def rename(self, user_id: int, name: str) -> User: ...


class Profiles(Protocol):
    def active(self) -> tuple[int, dict[str, Any]] | None: ...
    def add(self, data: Mapping[str, Any], activate: bool = True) -> int: ...


class Plans(Protocol):
    def add(
        self,
        plan_json_text: str,
        profile_json: Mapping[str, Any] | str | None = None,
        activate: bool = True,
    ) -> int: ...
    def active(self) -> tuple[int, dict[str, Any]] | None: ...
    def get(self, plan_id: int) -> Plan | None: ...
    def list(self) -> Sequence[Plan]: ...
    def activate(self, plan_id: int) -> None: ...


class Workouts(Protocol):
    def add(
        self,
        workout: Workout,
        *,
        source: str | None = None,
        import_key: str | None = None,
        client_ids: Sequence[str | None] | None = None,
    ) -> int: ...
    def add_sets(
        self,
        workout_id: int,
        sets: Sequence[LoggedSet],
        client_ids: Sequence[str | None] | None = None,
    ) -> tuple[int, ...]: ...
    def get(self, workout_id: int) -> Workout | None: ...
    def positions(self, workout_id: int) -> builtins.list[int]: ...
    def list(
        self,
        since: dt.date | None = None,
        until: dt.date | None = None,
        exercise_id: str | None = None,
        limit: int | None = None,
    ) -> builtins.list[Workout]: ...
    def date_of(self, workout_id: int) -> dt.date | None: ...
    def figures_by_day(
        self, since: dt.date | None = None, until: dt.date | None = None
    ) -> Iterable[builtins.list[Workout]]: ...
    def made_by_day(
        self,
        make: Callable[[LoggedSet], T],
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> Iterable[builtins.list[tuple[Workout, builtins.list[T]]]]: ...
    def history(
        self,
        exercise_ids: Iterable[str],
        until: dt.date | None = None,
        since: dt.date | None = None,
    ) -> dict[str, builtins.list[tuple[dt.date, tuple[LoggedSet, ...]]]]: ...
    def e1rm_shapes(
        self, exercise_ids: Iterable[str], before: dt.date
    ) -> builtins.list[LoggedSet]: ...
    def training_days(self, until: dt.date | None = None) -> builtins.list[dt.date]: ...
    def set_shapes(
        self,
        exercise_ids: Iterable[str] | None,
        *,
        until: dt.date | None = None,
        workout_id: int | None = None,
        since: dt.date | None = None,
    ) -> builtins.list[LoggedSet]: ...
    def best_volumes(
        self,
        exercise_ids: Iterable[str],
        *,
        until: dt.date | None = None,
        workout_id: int | None = None,
    ) -> dict[str, Decimal]: ...
    def record_basis(
        self,
        exercise_ids: Iterable[str],
        *,
        until: dt.date,
        workout_id: int | None = None,
    ) -> RecordBasis: ...


class CheckIns(Protocol):
    def list(
        self, since: dt.date | None = None, until: dt.date | None = None
    ) -> builtins.list[CheckIn]: ...
    def latest(self, n: int, until: dt.date | None = None) -> builtins.list[CheckIn]: ...
    def get(self, date: dt.date) -> CheckIn | None: ...
    def upsert(self, checkin: CheckIn) -> CheckIn: ...
    def delete(self, date: dt.date) -> bool: ...


class Measurements(Protocol):
    def put_all(self, measurements: Iterable[Measurement]) -> int: ...
    def list(
        self, since: dt.date | None = None, until: dt.date | None = None, site: str | None = None
    ) -> builtins.list[Measurement]: ...


class Exercises(Protocol):
    def get(self, exercise_id: str) -> Custom | None: ...
    def list(self) -> Sequence[Custom]: ...


class Equipment(Protocol):
    def get(self, name: str) -> dict[str, Any] | None: ...
    def put(self, name: str, data: Mapping[str, Any]) -> None: ...
    def merge(self, name: str, data: Mapping[str, Any]) -> dict[str, Any]: ...


# --- the unit of work and the store ----------------------------------------------------------


class UnitOfWork(Protocol):
    @property
    def users(self) -> Users: ...
    @property
    def profiles(self) -> Profiles: ...
    @property
    def plans(self) -> Plans: ...
    @property
    def workouts(self) -> Workouts: ...
    @property
    def checkins(self) -> CheckIns: ...
    @property
    def measurements(self) -> Measurements: ...
    @property
    def exercises(self) -> Exercises: ...
    @property
    def equipment(self) -> Equipment: ...

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def write(self) -> None: ...
    def commit(self) -> None: ...
    def last_entry(self) -> Entry | None: ...
    def undo_last(self) -> object:
        """What was taken back: the services read nothing of it."""
        ...


class Store(Protocol):
    def unit_of_work(
        self, user_id: int | None = None, *, readonly: bool = False, reads_first: bool = False
    ) -> UnitOfWork: ...
    def reader(self, user_id: int | None = None) -> UnitOfWork: ...
    # The driver's reader for today's reads (store.pooled) holds only some of the repositories'
    # methods (store.lite), so it is not a UnitOfWork; tests/integration/test_store_pooled.py
    # holds its reads equal to the ORM's, tests/unit/services/test_fakes.py the arguments of
    # each method it holds (and LiteStore's) to these Protocols'.
    def quick_reader(self, user_id: int) -> Any: ...
    def default_user(self) -> User: ...
