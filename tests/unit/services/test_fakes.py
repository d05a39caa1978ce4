"""The fake store of the service tests offers what the real one does, and nothing else.

mypy checks the types of both against redwood.store.ports; it does not compare the names of
arguments that may be passed by position, and a service calling `latest(3, until=day)` on a
fake whose argument is called otherwise would fail only in the test, or pass only in the test
if the real one were renamed. So the names, kinds and defaults of every argument are compared
here, and the fake may have no public method that the Protocol (so mypy) does not cover.
"""

from __future__ import annotations

import inspect
import typing
from typing import Any

import pytest
from fakes import (
    FakeCheckIns,
    FakeEquipment,
    FakeExercises,
    FakeMeasurements,
    FakePlans,
    FakeProfiles,
    FakeStore,
    FakeUnitOfWork,
    FakeUsers,
    FakeWorkouts,
)

from redwood.store import ports
from redwood.store.lite import LiteStore, LiteUnitOfWork
from redwood.store.measurements import MeasurementRepository
from redwood.store.pooled import PooledReader
from redwood.store.repositories import (
    CheckInRepository,
    EquipmentRepository,
    ExerciseRepository,
    PlanRepository,
    ProfileRepository,
    UserRepository,
    WorkoutRepository,
)
from redwood.store.store import Store
from redwood.store.uow import UnitOfWork

PAIRS = [
    (ports.Users, FakeUsers, UserRepository),
    (ports.Profiles, FakeProfiles, ProfileRepository),
    (ports.Plans, FakePlans, PlanRepository),
    (ports.Workouts, FakeWorkouts, WorkoutRepository),
    (ports.CheckIns, FakeCheckIns, CheckInRepository),
    (ports.Measurements, FakeMeasurements, MeasurementRepository),
    (ports.Exercises, FakeExercises, ExerciseRepository),
    (ports.Equipment, FakeEquipment, EquipmentRepository),
    (ports.UnitOfWork, FakeUnitOfWork, UnitOfWork),
    (ports.Store, FakeStore, Store),
]


def _methods(cls: type) -> dict[str, Any]:
    """The methods a caller may use (public ones, and the context manager's)."""
    return {
        name: member
        for name, member in vars(cls).items()
        if inspect.isfunction(member)
        and (not name.startswith("_") or name in ("__enter__", "__exit__"))
    }


def _properties(cls: type) -> set[str]:
    return {name for name, member in vars(cls).items() if isinstance(member, property)}


def _arguments(function: Any) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


@pytest.mark.parametrize(("protocol", "fake", "real"), PAIRS, ids=[p.__name__ for p, _, _ in PAIRS])
def test_the_fake_offers_the_protocols_methods_with_the_real_arguments(
    protocol: type, fake: type, real: type
) -> None:
    wanted = _methods(protocol)
    assert wanted, "a Protocol without methods checks nothing"
    assert sorted(_methods(fake)) == sorted(wanted), (
        "the fake's public methods differ from redwood.store.ports: add the new one to the "
        "Protocol (mypy then checks it against the real store) or make it private"
    )
    for name, method in wanted.items():
        assert _arguments(getattr(fake, name)) == _arguments(method), f"fake {name}"
        assert _arguments(getattr(real, name)) == _arguments(method), f"real {name}"


def test_the_fake_unit_of_work_has_every_repository_of_the_real_one() -> None:
    repositories = _properties(ports.UnitOfWork)
    assert repositories == _properties(UnitOfWork) & repositories
    with FakeStore().unit_of_work() as uow:
        assert {name for name in repositories if hasattr(uow, name)} == repositories


# The fast paths stand in for the store too: `redwood today` and the CLI's other fast commands
# open a LiteStore (store.lite), the web's Today reads through a PooledReader (store.pooled).
# They hold only some of the repositories' methods (mypy does not check them against the
# Protocols), but each one they hold must take the Protocol's arguments, or a service's call
# that works on the ORM fails (or means something else) on the fast path only.
def _repositories(uow: type) -> dict[str, type]:
    """The repository classes a unit of work's properties return, by name."""
    return {name: typing.get_type_hints(member.fget)["return"]
            for name, member in vars(uow).items() if isinstance(member, property)}


FAST_UOW = [LiteUnitOfWork, PooledReader]
FAST_PAIRS = [(ports.Store, LiteStore)] + [(ports.UnitOfWork, uow) for uow in FAST_UOW] + [
    (protocol, _repositories(LiteUnitOfWork)[name])
    for name, protocol in _repositories(ports.UnitOfWork).items()
    if name in _repositories(LiteUnitOfWork)]


def _held(cls: type, protocol: type) -> dict[str, Any]:
    """The Protocol's methods that `cls` (or a class it inherits from) holds."""
    return {name: getattr(cls, name) for name in _methods(protocol) if hasattr(cls, name)}


@pytest.mark.parametrize(("protocol", "fast"), FAST_PAIRS,
                         ids=[f"{p.__name__}-{f.__name__}" for p, f in FAST_PAIRS])
def test_the_fast_paths_take_the_protocols_arguments(protocol: type, fast: type) -> None:
    held = _held(fast, protocol)
    assert held, f"{fast.__name__} holds none of {protocol.__name__}'s methods: checks nothing"
    if protocol is ports.Store:
        assert sorted(held) == sorted(_methods(protocol)), "LiteStore is handed out as a Store"
    for name, method in held.items():
        assert _arguments(method) == _arguments(_methods(protocol)[name]), f"{fast.__name__}.{name}"


def test_the_fast_unit_of_work_holds_only_the_protocols_repositories() -> None:
    assert set(_repositories(LiteUnitOfWork)) <= _properties(ports.UnitOfWork)
    assert len(FAST_PAIRS) == 3 + len(_repositories(LiteUnitOfWork))


def test_the_fast_repositories_take_their_orm_namesakes_arguments() -> None:
    """What the fast path holds beyond the Protocols (records' reads, plan progress) is
    asked the same way of the ORM's repositories (test_store_lite compares the answers)."""
    orm = _repositories(UnitOfWork)
    compared = 0
    for name, fast in _repositories(LiteUnitOfWork).items():
        for method, function in _methods(fast).items():
            if hasattr(orm[name], method):
                compared += 1
                assert _arguments(function) == _arguments(getattr(orm[name], method)), \
                    f"{fast.__name__}.{method}"
    assert compared > 20
