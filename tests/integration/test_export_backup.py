"""`export json` / `restore`: a complete backup of one user that restores losslessly.

THE test: export, restore into an empty database, export again: the same bytes. On SQLite
files, and on PostgreSQL when REDWOOD_TEST_POSTGRES_URL is set (the `store` fixture)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans import build
from redwood.domain.log import CheckIn, LoggedSet, PlannedRef, SetKind, Unit, Workout
from redwood.domain.vocabulary import Region
from redwood.io.backup_file import BackupError, parse_backup
from redwood.planner.serialize import dumps as plan_dumps
from redwood.planner.serialize import plan_json
from redwood.services.exporting import backup as export_backup
from redwood.services.exporting import restore as restore_backup
from redwood.store import Store, open_store
from redwood.store.admin import temporary_database
from redwood.store.backup import RestoreRefused
from redwood.store.location import sqlite_url
from redwood.store.models import MeasurementRow

D = Decimal


def fill(store: Store, user_id: int) -> None:
    """A log with every kind of thing a user can have."""
    plan_a = build(weeks=2)
    plan_b = build(weeks=3, days=2, seed=1)
    with store.unit_of_work(user_id) as uow:
        uow.users.set_unit(user_id, Unit.LB)
        uow.profiles.add({"goal": "strength", "level": "beginner", "days": 3}, activate=False)
        uow.profiles.add({"goal": "hypertrophy", "minutes": 45.5, "on": ["mon", "thu"]})
        first = uow.plans.add(plan_dumps(plan_a), plan_json(plan_a)["profile"], activate=True)
        second = uow.plans.add(plan_dumps(plan_b), None, activate=False)
        uow.equipment.put("home", {"dumbbells_kg": [2.5, 5, 7.5], "bands": ["light"]})
        uow.equipment.put("gym", {"bar_kg": 20, "plates_kg": [25, 20, 1.25]})
        uow.exercises.put("zercher-squat-custom", "Zercher Squat", {"from": "strong",
                                                                    "alias": "Zercher"})
        uow.workouts.add(Workout(
            date=dt.date(2026, 3, 2), started_at=dt.datetime(2026, 3, 2, 18, 5),
            ended_at=dt.datetime(2026, 3, 2, 19, 1), planned=PlannedRef(second, 1, 0),
            notes="Felt \"strong\" — new belt 🎉\nline two", energy=4, location="gym",
            title="Legs A", sets=(
                LoggedSet("back-squat", D("40"), 5, kind=SetKind.WARMUP, rest_s=60),
                LoggedSet("back-squat", D("102.06"), 5, rpe=D("8.5"), rir=2, rest_s=180),
                LoggedSet("back-squat", D("102.06"), 3, completed=False,
                          form_note="knees caved"),
                LoggedSet("back-squat", D("80"), 8, kind=SetKind.DROP),
                LoggedSet("plank", None, seconds=60, superset_group=1),
                LoggedSet("sled-drag", D("50.5"), distance_m=D("20.25"), superset_group=1),
                LoggedSet("zercher-squat-custom", D("60"), 10, kind=SetKind.FAILURE),
            )))
        uow.workouts.add(Workout(date=dt.date(2026, 3, 2), sets=(
            LoggedSet("pull-up", None, 8),)), source="strong", import_key="strong:abc123")
        uow.workouts.add(Workout(date=dt.date(2026, 3, 4), planned=PlannedRef(first, 2, 1),
                                 sets=(LoggedSet("deadlift", D("140"), 3),)))
        uow.workouts.add(Workout(date=dt.date(2026, 3, 1), sets=()))  # an empty workout
        uow.checkins.upsert(CheckIn(dt.date(2026, 3, 2), D("81.35"), D("7.25"), 4,
                                    {Region.LEGS: 2, Region.BACK: 1}))
        uow.checkins.upsert(CheckIn(dt.date(2026, 3, 3), None, D("6"), None, {}))
        uow.session.add_all([
            MeasurementRow(user_id=user_id, date=dt.date(2026, 3, 2), site="waist",
                           value_mm=820, created_at=dt.datetime(2026, 3, 2)),
            MeasurementRow(user_id=user_id, date=dt.date(2026, 3, 2), site="thigh",
                           value_mm=600, created_at=dt.datetime(2026, 3, 2)),
        ])
        uow.commit()


@pytest.fixture
def filled(store: Store, user_id: int) -> Store:
    fill(store, user_id)
    return store


@pytest.fixture
def fresh(backend: str, tmp_path) -> Iterator[Store]:
    """A second, empty database on the same backend."""
    with contextlib.ExitStack() as stack:
        if backend == "sqlite":
            url = sqlite_url(tmp_path / "fresh.db")
        else:
            url = stack.enter_context(
                temporary_database(os.environ["REDWOOD_TEST_POSTGRES_URL"].strip()))
        s = open_store(url)
        stack.callback(s.close)
        yield s


def test_export_restore_export_is_byte_identical(filled: Store, fresh: Store) -> None:
    first = export_backup(filled, filled.default_user())
    restored = restore_backup(fresh, parse_backup(first))
    assert (restored.workouts, restored.sets, restored.checkins, restored.plans) == (4, 9, 2, 2)
    second = export_backup(fresh, fresh.user("me"))
    assert second == first


def test_backup_holds_everything(filled: Store) -> None:
    data = json.loads(export_backup(filled, filled.default_user()))
    assert (data["format"], data["version"]) == ("redwood-backup", 1)
    assert data["user"] == {"name": "me", "unit": "lb"}
    assert [p["active"] for p in data["profiles"]] == [False, True]
    assert data["profiles"][1]["data"]["minutes"] == 45.5
    assert [p["active"] for p in data["plans"]] == [True, False]
    assert json.loads(data["plans"][1]["plan_json"])["profile"]["days_per_week"] == 2
    assert [e["location"] for e in data["equipment"]] == ["gym", "home"]
    assert data["custom_exercises"] == [{"id": "zercher-squat-custom", "name": "Zercher Squat",
                                         "data": {"alias": "Zercher", "from": "strong"}}]
    assert [w["date"] for w in data["workouts"]] == ["2026-03-01", "2026-03-02", "2026-03-02",
                                                    "2026-03-04"]
    legs = data["workouts"][1]
    # Plans are referred to by position in the backup, not by database id.
    assert legs["planned"] == {"plan": 1, "week": 1, "session": 0}
    assert data["workouts"][3]["planned"] == {"plan": 0, "week": 2, "session": 1}
    assert legs["title"] == "Legs A" and legs["notes"].endswith("🎉\nline two")
    assert legs["started_at"] == "2026-03-02T18:05:00"
    assert legs["sets"][1] == {"exercise_id": "back-squat", "kind": "working",
                               "completed": True, "weight_kg": 102.06, "reps": 5, "rpe": 8.5,
                               "rir": 2, "rest_s": 180}
    assert legs["sets"][2]["form_note"] == "knees caved" and not legs["sets"][2]["completed"]
    assert legs["sets"][5]["distance_m"] == 20.25
    imported = data["workouts"][2]
    assert (imported["source"], imported["import_key"]) == ("strong", "strong:abc123")
    assert data["checkins"][0] == {"date": "2026-03-02", "body_weight_kg": 81.35,
                                   "sleep_hours": 7.25, "energy": 4,
                                   "soreness": {"back": 1, "legs": 2}}
    assert data["measurements"] == [
        {"date": "2026-03-02", "site": "thigh", "value_mm": 600},
        {"date": "2026-03-02", "site": "waist", "value_mm": 820},
    ]


def test_restored_log_reads_the_same(filled: Store, fresh: Store) -> None:
    restore_backup(fresh, parse_backup(export_backup(filled, filled.default_user())))
    old, new = filled.default_user(), fresh.user("me")
    with filled.reader(old.id) as a, fresh.reader(new.id) as b:
        def plain(w: Workout) -> Workout:
            return dataclasses.replace(w, id=None, planned=None)

        assert [plain(w) for w in b.workouts.list()] == [plain(w) for w in a.workouts.list()]
        assert b.checkins.list() == a.checkins.list()
        assert b.plans.active() is not None
        assert b.plans.active()[1] == a.plans.active()[1]  # type: ignore[index]
        assert b.equipment.list() == a.equipment.list()
    assert new.unit is Unit.LB
    # A restore is not a logging command: there is nothing to undo.
    assert fresh.undo_last(new.id) is None


def test_restore_refuses_a_user_with_data_and_writes_nothing(filled: Store) -> None:
    text = export_backup(filled, filled.default_user())
    with filled.reader() as uow:
        users_before = uow.users.list()
    with pytest.raises(RestoreRefused, match="already has data"):
        restore_backup(filled, parse_backup(text))
    restored = restore_backup(filled, parse_backup(text), "copy")
    assert restored.user.name == "copy" and restored.sets == 9
    with filled.reader() as uow:
        assert len(uow.users.list()) == len(users_before) + 1


def test_restore_into_a_new_database_makes_the_user_the_default(filled: Store,
                                                                tmp_path) -> None:
    with filled.unit_of_work() as uow:
        uow.users.rename(filled.default_user().id, "alice")
        uow.commit()
    text = export_backup(filled, filled.default_user())
    target = open_store(sqlite_url(tmp_path / "new.db"))  # has an empty default user 'me'
    try:
        restore_backup(target, parse_backup(text))
        assert target.default_user().name == "alice"
        assert export_backup(target, target.default_user()) == text
    finally:
        target.close()


def test_a_refused_restore_writes_nothing(filled: Store, fresh: Store) -> None:
    backup = parse_backup(export_backup(filled, filled.default_user()))
    me = fresh.default_user()
    with fresh.unit_of_work(me.id) as uow:  # 'me' has data now: the restore must refuse
        uow.checkins.upsert(CheckIn(dt.date(2026, 1, 1), None, D("8"), None, {}))
        uow.commit()
    before = export_backup(fresh, me)
    with pytest.raises(RestoreRefused, match="already has data"):
        restore_backup(fresh, backup)
    assert export_backup(fresh, me) == before
    with fresh.reader() as uow:
        assert [u.name for u in uow.users.list()] == ["me"]


BAD = [
    ('{"format": "redwood-backup", "version": 1, "user": {"name": "me", "unit": "kg"}, '
     '"workouts": [{"date": "2026-01-01", "sets": [{"exercise_id": "a", "reps": 0}]}]}',
     "workouts[0].sets[0].reps:"),
    ('{"format": "redwood-backup", "version": 1, "user": {"name": "me", "unit": "stone"}}',
     "user.unit:"),
    ('{"format": "redwood-backup", "version": 2, "user": {}}', "version: 2 is not supported"),
    ('{"format": "hevy"}', "not a Redwood backup"),
    ('[1, 2', "not JSON: line 1"),
    ('{"format": "redwood-backup", "version": 1, "user": {"name": "me", "unit": "kg"}, '
     '"workouts": [{"date": "2026-01-01", "planned": {"plan": 0, "week": 1, "session": 0}}]}',
     "workouts[0].planned.plan: 0 is not one of the 0 plans"),
    ('{"format": "redwood-backup", "version": 1, "user": {"name": "me", "unit": "kg"}, '
     '"checkins": [{"date": "2026-01-01"}, {"date": "2026-01-01"}]}',
     "checkins[1]: a second check-in on 2026-01-01"),
    ('{"format": "redwood-backup", "version": 1, "user": {"name": "me", "unit": "kg"}, '
     '"plans": [{"active": true, "profile": {}, "plan_json": "{}"}]}',
     "plans[0]: plan_json is not a Redwood plan"),
    ('{"format": "redwood-backup", "version": 1, "user": {"name": "me", "unit": "kg"}, '
     '"workouts": [{"date": "2026-01-01", "sets": [{"exercise_id": "a", "reps": 5, '
     '"weight_kg": 60.125}]}]}', "workouts[0].sets[0].weight_kg:"),
    ('{"format": "redwood-backup", "version": 1, "user": {"name": "me", "unit": "kg"}, '
     '"surprise": 1}', "surprise: Extra inputs are not permitted"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_bad_file_names_the_json_path_of_the_problem(text: str, message: str) -> None:
    with pytest.raises(BackupError) as info:
        parse_backup(text)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


# --- property: any log survives the round trip ---------------------------------------------

EXERCISES = ["back-squat", "deadlift", "plank", "pull-up", "lat-pulldown"]
cents = st.integers(min_value=0, max_value=100_000).map(lambda c: Decimal(c) / 100)
sets = st.builds(
    LoggedSet,
    exercise_id=st.sampled_from(EXERCISES),
    weight_kg=st.none() | cents,
    reps=st.integers(1, 100),
    seconds=st.none() | st.integers(1, 86400),
    distance_m=st.none() | st.integers(1, 10**8).map(lambda c: Decimal(c) / 100),
    rpe=st.none() | st.integers(10, 100).map(lambda t: Decimal(t) / 10),
    rir=st.none() | st.integers(0, 10),
    kind=st.sampled_from(list(SetKind)),
    completed=st.booleans(),
    rest_s=st.none() | st.integers(0, 86400),
    superset_group=st.none() | st.integers(0, 20),
    form_note=st.none() | st.text(max_size=30),
)
dates = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))
workouts = st.builds(
    Workout, date=dates, sets=st.lists(sets, max_size=6).map(tuple),
    notes=st.none() | st.text(max_size=40), energy=st.none() | st.integers(1, 5),
    title=st.none() | st.text(max_size=20), location=st.none() | st.text(max_size=10),
    started_at=st.none() | st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2030, 1, 1))
    .map(lambda t: t.replace(microsecond=0)),
)
checkins = st.builds(
    CheckIn, date=dates,
    body_weight_kg=st.none() | st.integers(1, 100_000).map(lambda c: Decimal(c) / 100),
    sleep_hours=st.none() | st.integers(0, 2400).map(lambda c: Decimal(c) / 100),
    energy=st.none() | st.integers(1, 5),
    soreness=st.dictionaries(st.sampled_from(list(Region)), st.integers(1, 5)),
)


@pytest.fixture(scope="module")
def two_databases(tmp_path_factory) -> Iterator[tuple[Store, Store]]:
    folder = tmp_path_factory.mktemp("round-trip")
    source, target = (open_store(sqlite_url(folder / name)) for name in ("a.db", "b.db"))
    try:
        yield source, target
    finally:
        source.close()
        target.close()


_names = iter(range(10**9))


@pytest.mark.slow
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(log=st.lists(workouts, max_size=5),
       days=st.lists(checkins, max_size=4, unique_by=lambda c: c.date))
def test_any_log_round_trips(two_databases: tuple[Store, Store], log: list[Workout],
                             days: list[CheckIn]) -> None:
    source, target = two_databases
    name = f"lifter{next(_names)}"  # each example is a new user in the same two databases
    with source.unit_of_work() as uow:
        user = uow.users.add(name)
        uow.commit()
    with source.unit_of_work(user.id) as uow:
        for w in log:
            uow.workouts.add(w)
        for c in days:
            uow.checkins.upsert(c)
        uow.commit()
    text = export_backup(source, user)
    restored = restore_backup(target, parse_backup(text)).user
    assert restored.name == name
    assert export_backup(target, restored) == text
    with source.reader(user.id) as a, target.reader(restored.id) as b:
        assert [w.sets for w in b.workouts.list()] == [w.sets for w in a.workouts.list()]
        assert b.checkins.list() == a.checkins.list()


def test_sets_deleted_after_an_import_stay_deleted_after_a_restore(store: Store, user_id: int,
                                                                    fresh: Store,
                                                                    tmp_path) -> None:
    """The import tombstones travel with the backup: a lifter who imported an export, deleted
    a set and a whole workout, then moved to a new database by backup and restore, imports
    the same export again and gets back neither. A backup made before they were kept (no
    "import_tombstones") restores as before."""
    from importkit import write_csv

    from redwood.services.importing import import_file
    from redwood.services.training import delete_set, delete_workout

    header = ["Date", "Exercise", "Category", "Weight (kgs)", "Reps", "Distance",
              "Distance Unit", "Time"]
    rows = [["2025-01-02", "Barbell Squat", "Legs", "100.0", "5", "", "", ""]] * 3 + [
        ["2025-01-04", "Deadlift", "Back", "140.0", "3", "", "", ""]] * 2
    path = write_csv(tmp_path / "fitnotes.csv", header, rows)
    me = store.default_user()
    assert import_file(store, me, path).sets_added == 5
    with store.reader(user_id) as uow:
        squats, deadlifts = sorted(uow.workouts.list(), key=lambda w: w.date)
    assert squats.id is not None and deadlifts.id is not None
    delete_set(store, me, squats.id, 1)
    delete_workout(store, me, deadlifts.id)
    text = export_backup(store, me)
    saved = json.loads(text)
    assert len(saved["import_tombstones"]) == 3  # a squat, and the workout's two deadlifts
    assert len({t["import_key"] for t in saved["import_tombstones"]}) == 2

    restore_backup(fresh, parse_backup(text))
    moved = fresh.default_user()
    again = import_file(fresh, moved, path)
    assert (again.sets_added, again.sets_deleted, again.duplicates) == (0, 3, 2), (
        again.as_json())
    assert export_backup(fresh, moved) == text

    # An older backup (no tombstones in it) is read and restored as before: the file brings
    # the deleted sets back, there being nothing to say they were deleted.
    del saved["import_tombstones"]
    older = json.dumps(saved)
    target = open_store(sqlite_url(tmp_path / "older.db"))
    try:
        restore_backup(target, parse_backup(older))
        assert import_file(target, target.default_user(), path).sets_added == 3
    finally:
        target.close()
