"""The fake store of the service tests offers what the real one does, and nothing else.

mypy checks the types of both against redwood.store.ports; it does not compare the names of
arguments that may be passed by position, and a service calling `latest(3, until=day)` on a
fake whose argument is called otherwise would fail only in the test, or pass only in the test
if the real one were renamed. So the names, kinds and defaults of every argument are compared
here, and the fake may have no public method that the Protocol (so mypy) does not cover.
"""

from __future__ import annotations

import inspect
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
from redwood.store.measurements import MeasurementRepository
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
