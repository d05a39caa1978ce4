"""The SQLite fast path (redwood.store.lite) answers exactly as the SQLAlchemy repositories do.

One log is written through the ORM (two lifters, several plans, check-ins with soreness and
sleep, sets of every kind with RPE, RIR, times, distances, rests and notes, planned and
unplanned workouts), then every method the fast commands call is asked the same questions
through both stores and must give equal domain objects. Logging through the fast path is
read back through the ORM and undone by `redwood undo`'s code.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import namedtuple
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

from longlog import long_log, store_log
from redwood.catalog import load_catalog
from redwood.coach.loading import default_profile
from redwood.coach.progression import next_target
from redwood.domain.log import CheckIn, LoggedSet, PlannedRef, SetKind, Workout
from redwood.domain.vocabulary import Region
from redwood.store import HEAD_REVISION, SchemaTooNew, Store, open_store, queries
from redwood.store.errors import InvalidEntry
from redwood.store.imports import import_keys
from redwood.store.lite import LiteStore, open_lite
from redwood.store.location import sqlite_url

START = dt.date(2026, 1, 5)
LIFTS = ["back-squat", "deadlift", "bench-press", "pull-up", "plank", "my-sled-push"]


def _random_set(rng: random.Random, exercise_id: str) -> LoggedSet:
    kind = rng.choice(list(SetKind))
    if exercise_id == "plank":
        return LoggedSet(exercise_id, None, None, rng.choice([30, 45, 60]), kind=kind)
    if exercise_id == "my-sled-push":
        return LoggedSet(exercise_id, Decimal(rng.choice([40, 60])), None, None,
                         distance_m=Decimal(rng.choice(["20", "25.5"])), kind=kind)
    weight = None if exercise_id == "pull-up" and rng.random() < 0.5 else (
        Decimal(rng.choice([20, 40, 60, 62.5, 80, 100, 102.5])).quantize(Decimal("0.01")))
    return LoggedSet(exercise_id, weight, rng.choice([1, 3, 5, 5, 8, 10]),
                     rpe=rng.choice([None, Decimal("7"), Decimal("8.5"), Decimal("10")]),
                     rir=rng.choice([None, 0, 2]), kind=kind,
                     completed=rng.random() > 0.15, rest_s=rng.choice([None, 90, 180]),
                     superset_group=rng.choice([None, 1]),
                     form_note=rng.choice([None, None, "knees caved"]))


def _fill(store: Store, user_id: int, seed: int) -> int:
    """A log for `user_id`; the active plan's id."""
    rng = random.Random(seed)
    plan = {"schema_version": 1, "profile": {"level": "intermediate", "goal": "strength",
                                              "location": "home"}, "weeks": []}
    import json

    with store.unit_of_work(user_id) as uow:
        uow.plans.add(json.dumps({**plan, "weeks": [{"index": 1}]}))
        plan_id = uow.plans.add(json.dumps(plan))
        uow.profiles.add({"goal": "hypertrophy", "body_weight_kg": "80.5",
                          "known": {"deadlift": {"weight_kg": "140", "reps": 3}}})
        uow.equipment.put("home", {"bar": "15", "plates": [["10", 2], ["1.25", 1]]})
        uow.exercises.put("my-sled-push", "My sled push", {"note": 1.5})
        uow.commit()
    for day in range(0, 120, 2):
        date = START + dt.timedelta(days=day)
        with store.unit_of_work(user_id) as uow:
            if rng.random() < 0.6:
                uow.checkins.upsert(CheckIn(
                    date, body_weight_kg=rng.choice([None, Decimal("80.40"), Decimal("81")]),
                    sleep_hours=rng.choice([None, Decimal("7.5"), Decimal("6.25")]),
                    energy=rng.choice([None, 1, 4]),
                    soreness=rng.choice([{}, {Region.LEGS: 2, Region.BACK: 4}])))
            for _ in range(rng.choice([1, 1, 2])):
                lifts = rng.sample(LIFTS, 3)
                sets = tuple(_random_set(rng, e) for e in lifts for _ in range(rng.randint(1, 4)))
                start = dt.datetime.combine(date, dt.time(18, 0, 1, 250))
                planned = PlannedRef(plan_id, day // 7 + 1, day % 3) if rng.random() < 0.5 \
                    else None
                uow.workouts.add(Workout(
                    date, sets, started_at=start if rng.random() < 0.5 else None,
                    ended_at=start + dt.timedelta(minutes=50) if rng.random() < 0.5 else None,
                    planned=planned, location=rng.choice([None, "home"]),
                    notes=rng.choice([None, "good"]), energy=rng.choice([None, 2, 5]),
                    title=rng.choice([None, "Legs"]),
                    session_rpe=rng.choice([None, 8])))
            uow.commit()
    return plan_id


@pytest.fixture
def stores(tmp_path) -> Iterator[tuple[Store, LiteStore, int, int]]:
    url = sqlite_url(tmp_path / "redwood.db")
    orm = open_store(url)
    user_id = orm.default_user().id
    with orm.unit_of_work() as uow:
        other = uow.users.add("other").id
        uow.commit()
    plan_id = _fill(orm, user_id, 1)
    _fill(orm, other, 2)
    lite = open_lite(url)
    assert lite is not None
    try:
        yield orm, lite, user_id, plan_id
    finally:
        lite.close()
        orm.close()


DAYS = [None, START, START + dt.timedelta(days=31), START + dt.timedelta(days=118)]


def asker(a: Any, b: Any) -> Callable[..., None]:
    """same("repo.method", *args): the question asked of both units of work, `a` the ORM's
    (the reference), must get equal answers."""
    def same(name: str, *args: Any, **kwargs: Any) -> None:
        repo, method = name.split(".")
        want = getattr(getattr(a, repo), method)(*args, **kwargs)
        got = getattr(getattr(b, repo), method)(*args, **kwargs)
        assert got == want, (name, args, kwargs)

    return same


def test_every_read_of_the_fast_commands_gives_the_orms_answer(stores) -> None:
    orm, lite, user_id, plan_id = stores
    assert lite.default_user() == orm.default_user()
    assert lite.user("other") == orm.user("other")
    with orm.reader(user_id) as a, lite.reader(user_id) as b:
        ask_both(a, b, plan_id)


def ask_both(a: Any, b: Any, plan_id: int) -> None:
    """Every read of the fast commands asked of `a` (the ORM's reader, the reference) and
    `b`, on the log _fill wrote: the answers must be equal."""
    same = asker(a, b)
    assert a.workouts.count_sets() > 200  # a log worth comparing
    same("plans.active")
    same("plans.active_text")
    same("profiles.active")
    same("equipment.get", "home")
    same("equipment.get", "gym")
    same("exercises.list")
    for since in DAYS:
        for until in DAYS:
            same("checkins.list", since, until)
            same("workouts.list", since=since, until=until)
            same("workouts.list", since=since, until=until, exercise_id="deadlift",
                 limit=3)
            same("workouts.history", LIFTS, until=until, since=since)
            if since is not None and until is not None:
                same("workouts.energies", since, until)
                same("workouts.set_shapes", None, since=since, until=until)
        same("checkins.latest", 5, since)
        same("workouts.history", LIFTS, until=since)
        same("workouts.set_shapes", ["deadlift", "pull-up"], until=since)
        same("workouts.best_volumes", LIFTS, until=since)
        if since is not None:
            same("workouts.record_basis", LIFTS, until=since)
            same("workouts.planned_done", plan_id, since)
            same("workouts.planned_done", plan_id, since, but_on=since)
            for f in (queries.training_days, queries.first_hard_days,
                      queries.logged_before, queries.body_weights):
                assert f(b, before=since) == f(a, before=since), f.__name__
            assert queries.hard_sets_by_day(b, LIFTS, before=since) == \
                queries.hard_sets_by_day(a, LIFTS, before=since)
    for exercise_id in [None, *LIFTS]:
        same("workouts.record_shapes", exercise_id)
        same("workouts.best_volume_days", exercise_id)
    same("workouts.best_volume_days", ["deadlift", "pull-up"])
    same("workouts.best_volume_days", [])
    workouts = a.workouts.list()
    assert workouts and any(w.planned for w in workouts)
    for w in workouts[:10]:
        assert w.id is not None
        same("workouts.get", w.id)
        same("workouts.date_of", w.id)
        same("workouts.set_shapes", LIFTS, workout_id=w.id)
        same("workouts.best_volumes", LIFTS, workout_id=w.id)
        day = a.workouts.date_of(w.id)
        same("workouts.record_basis", LIFTS, until=day - dt.timedelta(days=1),
             workout_id=w.id)


_RX = namedtuple("Rx", "sets low high timed rest_s wave rpe")(3, 4, 6, False, 120, None, None)
"""A prescription as the coach reads it."""


def test_a_long_log_reads_the_same_sessions_and_targets_through_both_stores(tmp_path) -> None:
    """Years of training (tests/longlog.py: two workouts on a day, warm-up-only days, every
    kind of set): each lift's sessions, as `today` reads them, are the ORM's, and the coach's
    targets from them are those from the log as written (sets shared by the reader or not)."""
    end = dt.date(2027, 6, 30)
    workouts, checkins = long_log(9, 3, end)
    url = sqlite_url(tmp_path / "redwood.db")
    orm = open_store(url)
    user_id = orm.default_user().id
    store_log(orm, user_id, workouts, checkins)
    lite = open_lite(url)
    assert lite is not None
    lifts = sorted({s.exercise_id for w in workouts for s in w.sets})
    catalog, profile = load_catalog(), default_profile("gym")
    try:
        with orm.reader(user_id) as a, lite.reader(user_id) as b:
            for until in [None, end - dt.timedelta(days=700), end - dt.timedelta(days=3)]:
                got = b.workouts.history(lifts, until=until)
                assert got == a.workouts.history(lifts, until=until), until
                if until is None:
                    continue
                assert sum(len(v) for v in got.values()) > 300
                written = [w for w in workouts if w.date <= until]
                for lift in ("back-squat", "deadlift", "barbell-row"):
                    exercise = catalog.get(lift)
                    assert exercise is not None
                    assert next_target(exercise, _RX, got[lift], checkins, until, profile) == \
                        next_target(exercise, _RX, written, checkins, until, profile), lift
    finally:
        lite.close()
        orm.close()


def test_logging_through_the_fast_path_reads_back_and_undoes_as_the_orms(stores) -> None:
    orm, lite, user_id, plan_id = stores
    day = START + dt.timedelta(days=200)
    sets = (LoggedSet("back-squat", Decimal("102.5"), 5, rpe=Decimal("8.5"), rest_s=180),
            LoggedSet("plank", None, None, 45, kind=SetKind.WARMUP, form_note="sagged"))
    with lite.unit_of_work(user_id) as uow:
        workout_id = uow.workouts.add(Workout(day, sets, planned=PlannedRef(plan_id, 9, 1),
                                              energy=3, started_at=dt.datetime(2026, 7, 1, 9)))
        positions = uow.workouts.add_sets(workout_id, sets[:1], ["phone-1"])
        uow.commit()
    assert positions == (2,)
    with orm.reader(user_id) as a, lite.reader(user_id) as b:
        stored = a.workouts.get(workout_id)
        assert stored == b.workouts.get(workout_id)
        assert stored is not None and stored.sets == (*sets, sets[0])
        assert stored.planned == PlannedRef(plan_id, 9, 1)
        assert a.workouts.client_ids([workout_id]) == {(workout_id, 2): "phone-1"}
    # An imported workout keeps its key, unique per lifter, as through the ORM.
    imported = Workout(day + dt.timedelta(days=1), sets[:1])
    with lite.unit_of_work(user_id) as uow:
        uow.workouts.add(imported, source="strong", import_key="strong:1")
        uow.commit()
    with pytest.raises(InvalidEntry), lite.unit_of_work(user_id) as uow:
        uow.workouts.add(imported, source="strong", import_key="strong:1")
    with orm.reader(user_id) as a:
        assert import_keys(a) == {"strong:1"}
    assert orm.undo_last(user_id) is not None
    undone = orm.undo_last(user_id)
    assert undone is not None and (undone.kind, undone.sets) == ("sets", 1)
    undone = orm.undo_last(user_id)
    assert undone is not None and (undone.kind, undone.sets) == ("workout", 2)
    with orm.reader(user_id) as a:
        assert a.workouts.get(workout_id) is None


def test_a_write_left_without_commit_leaves_nothing(stores) -> None:
    orm, lite, user_id, _ = stores
    day = START + dt.timedelta(days=300)
    with pytest.raises(RuntimeError), lite.unit_of_work(user_id) as uow:
        uow.workouts.add(Workout(day, (LoggedSet("deadlift", Decimal(100), 5),)))
        raise RuntimeError("the command failed after the write")
    with orm.reader(user_id) as a:
        assert a.workouts.list(since=day) == []


def test_only_a_current_sqlite_file_takes_the_fast_path(tmp_path) -> None:
    url = sqlite_url(tmp_path / "r.db")
    assert open_lite(url) is None  # no file yet: the full store creates it
    assert not (tmp_path / "r.db").exists()
    open_store(url).close()
    lite = open_lite(url)
    assert lite is not None
    lite.close()
    import sqlite3

    conn = sqlite3.connect(tmp_path / "r.db")
    conn.execute("UPDATE alembic_version SET version_num = '0005c'")
    conn.commit()
    conn.close()
    assert open_lite(url) is None  # behind: the full store migrates it
    conn = sqlite3.connect(tmp_path / "r.db")
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew, match=f"9999.*{HEAD_REVISION}"):
        open_lite(url)
    assert open_lite("postgresql+psycopg://nobody@127.0.0.1:1/none") is None


def test_a_fast_write_waits_for_the_turn_of_another_writer(stores) -> None:
    """The fast path queues behind the ORM's writers (the writer lock file, then SQLite's
    lock), as a CLI `log` must behind a running server's workers."""
    import threading
    import time

    orm, lite, user_id, _ = stores
    events: list[str] = []
    holding = threading.Event()

    def hold() -> None:
        with orm.unit_of_work(user_id) as uow:
            holding.set()
            time.sleep(0.3)
            events.append("orm commits")
            uow.commit()

    thread = threading.Thread(target=hold)
    thread.start()
    holding.wait(10)
    with lite.unit_of_work(user_id) as uow:
        events.append("fast write begins")
        uow.workouts.add(Workout(START + dt.timedelta(days=400),
                                 (LoggedSet("deadlift", Decimal(100), 5),)))
        uow.commit()
    thread.join(10)
    assert events == ["orm commits", "fast write begins"]
