"""Bad input, atomicity, killed processes, concurrent writers, busy databases, isolation."""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import signal
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
import store_workers
from sqlalchemy import text
from store_workers import START, make_set, make_workout

from redwood.domain.log import CheckIn, LoggedSet, PlannedRef, Workout
from redwood.domain.vocabulary import Region
from redwood.store import InvalidEntry, NotFound, StoreBusy, open_store
from redwood.store.location import sqlite_path
from redwood.store.models import SetRow
from redwood.store.repositories import WorkoutRepository

WORKERS = Path(store_workers.__file__)


def _counts(store, user_id) -> tuple[int, int]:
    with store.reader(user_id) as uow:
        workouts = uow.session.execute(
            text("SELECT count(*) FROM workouts WHERE user_id = :u"), {"u": user_id}).scalar()
        sets = uow.workouts.count_sets()
    return int(workouts or 0), sets


def _integrity_ok(url: str) -> None:
    path = sqlite_path(url)
    if path is None:
        return
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


# --- bad input -------------------------------------------------------------------------------

BAD_SETS = [
    (LoggedSet("back-squat", Decimal("-5"), reps=5), "weight kg: -5 is out of range"),
    (LoggedSet("back-squat", Decimal("1500.01"), reps=5), "out of range"),
    (LoggedSet("back-squat", Decimal("60.005"), reps=5), "more precision"),
    (LoggedSet("back-squat", Decimal("60"), reps=0), "reps: 0 is out of range"),
    (LoggedSet("back-squat", Decimal("60"), reps=1001), "reps: 1001"),
    (LoggedSet("back-squat", Decimal("60"), reps=5, rpe=Decimal("11")), "RPE: 11"),
    (LoggedSet("back-squat", Decimal("60"), reps=5, rpe=Decimal("0.5")), "RPE"),
    (LoggedSet("back-squat", Decimal("60"), reps=5, rir=-1), "RIR"),
    (LoggedSet("back-squat", Decimal("60")), "give reps, seconds or a distance"),
    (LoggedSet("", Decimal("60"), reps=5), "exercise id"),
    (LoggedSet("plank", seconds=0), "seconds"),
    (LoggedSet("back-squat", Decimal("60"), reps=5, kind="heavy"), "kind"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("bad", "message"), BAD_SETS, ids=[m for _, m in BAD_SETS])
def test_impossible_sets_are_refused_and_nothing_is_stored(store, user_id, bad, message):
    workout = Workout(START, (make_set(0), bad, make_set(1)))
    with pytest.raises(InvalidEntry, match=message), store.unit_of_work(user_id) as uow:
        uow.workouts.add(workout)
        uow.commit()
    assert _counts(store, user_id) == (0, 0)


@pytest.mark.parametrize(("checkin", "message"), [
    (CheckIn(START, sleep_hours=Decimal("24.5")), "sleep hours"),
    (CheckIn(START, energy=6), "energy"),
    (CheckIn(START, body_weight_kg=Decimal("0")), "body weight"),
    (CheckIn(START, soreness={Region.LEGS: 7}), "soreness legs"),
    (CheckIn(START, soreness={"neck": 2}), "soreness"),  # type: ignore[dict-item]
    (CheckIn(dt.datetime(2027, 1, 4, 8), energy=3), "not a date"),
])
def test_impossible_checkins_are_refused(store, user_id, checkin, message):
    with pytest.raises(InvalidEntry, match=message), store.unit_of_work(user_id) as uow:
        uow.checkins.upsert(checkin)
        uow.commit()
    with store.reader(user_id) as uow:
        assert uow.checkins.list() == []


@pytest.mark.parametrize(("workout", "message"), [
    (Workout(START, (), energy=0), "energy"),
    (Workout("2027-01-04", ()), "not a date"),  # type: ignore[arg-type]
    (Workout(START, (), started_at=dt.datetime(2027, 1, 4, 10),
             ended_at=dt.datetime(2027, 1, 4, 9)), "ends before it starts"),
])
def test_impossible_workouts_are_refused(store, user_id, workout, message):
    with pytest.raises(InvalidEntry, match=message), store.unit_of_work(user_id) as uow:
        uow.workouts.add(workout)
    assert _counts(store, user_id) == (0, 0)


def test_the_schema_refuses_what_validation_would_have(store, user_id):
    """CHECK constraints hold even for code that skips the repositories."""
    workout_id = store_workers_add(store, user_id, make_workout(0, 1))
    for column, value in (("weight_g", 2_000_000), ("reps", 0), ("rpe", Decimal("11")),
                          ("kind", "heavy")):
        values = {"workout_id": workout_id, "user_id": user_id, "date": START, "position": 9,
                  "exercise_id": "x", "kind": "working", "reps": 5, "completed": True,
                  column: value}
        with pytest.raises(InvalidEntry), store.unit_of_work(user_id) as uow:
            uow.session.execute(SetRow.__table__.insert().values(**values))
    assert _counts(store, user_id) == (1, 1)


def store_workers_add(store, user_id, workout) -> int:
    with store.unit_of_work(user_id) as uow:
        workout_id = uow.workouts.add(workout)
        uow.commit()
    return workout_id


# --- atomicity -------------------------------------------------------------------------------


def test_a_failure_in_the_middle_of_a_workout_leaves_nothing(store, user_id, monkeypatch):
    store_workers_add(store, user_id, make_workout(0, 5))

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    # The workout row and its 20 sets are written; then the journal entry fails.
    monkeypatch.setattr(WorkoutRepository, "_journal", explode)
    with pytest.raises(RuntimeError), store.unit_of_work(user_id) as uow:
        uow.workouts.add(make_workout(1, 20))
        uow.commit()
    monkeypatch.undo()
    assert _counts(store, user_id) == (1, 5)

    with pytest.raises(KeyError), store.unit_of_work(user_id) as uow:
        uow.workouts.add(make_workout(2, 20))
        raise KeyError("the command failed after writing")
    with store.unit_of_work(user_id) as uow:  # no commit(): nothing kept
        uow.workouts.add(make_workout(3, 20))
    assert _counts(store, user_id) == (1, 5)
    _integrity_ok(store.url)


def test_a_killed_import_loses_nothing_committed_and_leaves_no_half_workout(store, user_id):
    proc = subprocess.Popen(
        [sys.executable, str(WORKERS), "import", store.url, str(user_id), "50", "20"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    committed = 0
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            words = line.split()
            if words[0] == "committed":
                committed = int(words[1])
            # Kill it between two sets of the 6th workout, its transaction open.
            if words == ["set", "6", "11"]:
                proc.send_signal(signal.SIGKILL)
                break
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    assert committed == 5
    _integrity_ok(store.url)
    with store.reader(user_id) as uow:
        workouts = uow.workouts.list()
    assert len(workouts) == committed
    assert all(len(w.sets) == 20 for w in workouts)
    assert sorted(w.date for w in workouts) == [make_workout(i).date for i in range(1, 6)]
    # The database takes new writes after the crash.
    store_workers_add(store, user_id, make_workout(40, 20))
    assert _counts(store, user_id) == (6, 120)


# --- concurrency -----------------------------------------------------------------------------


def test_two_processes_writing_sets_at_once_lose_nothing(store, user_id):
    writes = 200
    shared = store_workers_add(store, user_id, Workout(START, (make_set(0),)))
    ctx = multiprocessing.get_context("spawn")
    start_at = time.time() + 2.0
    with ctx.Pool(2) as pool:
        results = [pool.apply_async(store_workers.write_sets,
                                    (store.url, user_id, shared, writes, start_at, tag))
                   for tag in (1, 2)]
        done = [r.get(timeout=300) for r in results]
    assert [d for d, _ in done] == [writes, writes]
    print("retries after StoreBusy:", [r for _, r in done])
    # Each process appended 100 sets to the shared workout and logged 100 one-set workouts.
    assert _counts(store, user_id) == (1 + writes, 1 + 2 * writes)
    with store.reader(user_id) as uow:
        shared_sets = uow.workouts.get(shared).sets
    assert len(shared_sets) == 1 + writes
    by = [s.exercise_id for s in shared_sets[1:]]
    assert by.count("romanian-deadlift") == by.count("barbell-row") == writes // 2
    print("turns taken on the shared workout:",
          sum(a != b for a, b in itertools.pairwise(by)))
    _integrity_ok(store.url)


def test_a_writer_kept_waiting_too_long_gets_a_clear_retry(empty_url, backend):
    store = open_store(empty_url, busy_timeout_ms=200)
    user_id = store.default_user().id
    try:
        if backend == "sqlite":
            path = sqlite_path(store.url)
            blocker = sqlite3.connect(path, isolation_level=None)
            blocker.execute("BEGIN IMMEDIATE")
        else:
            blocker = store.engine.connect()
            blocker.execute(text("SELECT id FROM users WHERE id = :u FOR UPDATE"),
                            {"u": user_id})
        try:
            started = time.perf_counter()
            with pytest.raises(StoreBusy, match="try again") as caught, \
                    store.unit_of_work(user_id) as uow:
                uow.checkins.upsert(CheckIn(START, energy=3))
                uow.commit()
            assert time.perf_counter() - started >= 0.15
            assert "\n" not in str(caught.value)
            # Readers are not blocked by the writer.
            with store.reader(user_id) as uow:
                assert uow.checkins.list() == []
        finally:
            blocker.rollback()
            blocker.close()
        with store.unit_of_work(user_id) as uow:  # and the retry works
            uow.checkins.upsert(CheckIn(START, energy=3))
            uow.commit()
    finally:
        store.close()


# --- isolation -------------------------------------------------------------------------------


def test_one_users_data_is_never_visible_to_another(store, user_id, other_user_id):
    with store.unit_of_work(user_id) as uow:
        plan_id = uow.plans.add('{"schema_version": 1, "profile": {}}')
        profile_id = uow.profiles.add({"goal": "strength"})
        workout_id = uow.workouts.add(make_workout(0, 8))
        uow.workouts.add(Workout(START, (make_set(1),), planned=PlannedRef(plan_id, 1, 0)))
        uow.checkins.upsert(CheckIn(START, energy=2))
        uow.equipment.put("gym", {"bar_kg": 20})
        uow.exercises.put("mine", "Mine")
        uow.commit()

    with store.unit_of_work(other_user_id) as uow:
        w = uow.workouts
        assert w.get(workout_id) is None
        assert w.list() == [] and w.last() is None
        assert w.list(exercise_id="back-squat") == []
        assert w.history(["back-squat", "pull-up"]) == {"back-squat": [], "pull-up": []}
        assert w.sets_since(START - dt.timedelta(days=365)) == []
        assert w.count_sets() == 0
        assert w.delete(workout_id) is False
        with pytest.raises(NotFound):
            w.add_sets(workout_id, [make_set(2)])
        with pytest.raises(NotFound):
            w.add(Workout(START, (make_set(1),), planned=PlannedRef(plan_id, 1, 0)))
        assert uow.plans.active() is None and uow.plans.list() == []
        assert uow.plans.get(plan_id) is None
        with pytest.raises(NotFound):
            uow.plans.activate(plan_id)
        assert uow.profiles.active() is None and uow.profiles.list() == []
        assert uow.profiles.get(profile_id) is None
        with pytest.raises(NotFound):
            uow.profiles.activate(profile_id)
        assert uow.checkins.get(START) is None
        assert uow.checkins.list() == [] and uow.checkins.latest(5) == []
        assert uow.checkins.delete(START) is False
        assert uow.equipment.get("gym") is None and uow.equipment.list() == {}
        assert uow.equipment.delete("gym") is False
        assert uow.exercises.get("mine") is None and uow.exercises.list() == []
        assert uow.exercises.delete("mine") is False
        assert uow.undo_last() is None
        # The schema itself refuses a set of this user in the other user's workout.
        with pytest.raises(Exception, match=r"(?i)foreign key"):
            uow.session.execute(SetRow.__table__.insert().values(
                workout_id=workout_id, user_id=other_user_id, date=START, position=50,
                exercise_id="x", kind="working", reps=5, completed=True))
        uow.rollback()
        uow.commit()

    assert store.undo_last(other_user_id) is None
    with store.reader(user_id) as uow:  # untouched
        assert len(uow.workouts.list()) == 2
        assert uow.workouts.get(workout_id) is not None
        assert uow.plans.active()[0] == plan_id
        assert uow.checkins.get(START) is not None
        assert uow.equipment.get("gym") == {"bar_kg": 20}
        assert uow.exercises.get("mine") is not None
    assert _counts(store, user_id) == (2, 9)


def test_readonly_units_cannot_commit(store, user_id):
    from redwood.store import StoreError

    with store.reader(user_id) as uow, pytest.raises(StoreError, match="read-only"):
        uow.commit()
