"""Records come from the stored bests (table exercise_bests, marked stale by triggers on
sets): after any sequence of logging, adding sets, editing and deleting sets, moving and
deleting workouts, undo, imports and their undo, and a restore, the records read are the
records of the whole log read set by set, on SQLite and PostgreSQL. And a read after a write
works out again only the exercises the write touched."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, text

from redwood.catalog import load_catalog
from redwood.coach.records import compute_records, record_candidates
from redwood.domain.log import LoggedSet, SetKind, Workout
from redwood.domain.user import User
from redwood.services import training
from redwood.services.exporting import backup
from redwood.services.importing import import_file, undo_import
from redwood.store import NotFound, Store
from redwood.store.models import ExerciseBestRow, WorkoutRow

EXERCISES = ("back-squat", "deadlift", "pull-up", "assisted-pull-up")
START = dt.date(2026, 1, 1)
sets = st.builds(
    LoggedSet, exercise_id=st.sampled_from(EXERCISES),
    weight_kg=st.one_of(st.none(), st.integers(4, 40).map(lambda n: Decimal(n) * 5)),
    reps=st.integers(1, 14),
    kind=st.sampled_from([SetKind.WORKING, SetKind.WORKING, SetKind.WARMUP, SetKind.DROP]),
    rpe=st.one_of(st.none(), st.sampled_from([Decimal(7), Decimal("8.5"), Decimal(10)])),
    completed=st.booleans())
some_sets = st.lists(sets, min_size=1, max_size=5)
days = st.integers(0, 40)
operations = st.one_of(
    st.tuples(st.just("log"), days, some_sets),
    st.tuples(st.just("add"), st.integers(0, 99), some_sets),
    st.tuples(st.just("edit"), st.integers(0, 99), sets),
    st.tuples(st.just("delete set"), st.integers(0, 99), st.integers(0, 9)),
    st.tuples(st.just("move"), st.integers(0, 99), days),
    st.tuples(st.just("delete workout"), st.integers(0, 99)),
    st.tuples(st.just("undo")),
    # An import of one to three workouts (two on one day are one workout of the file).
    st.tuples(st.just("import"), st.lists(st.tuples(days, some_sets), min_size=1, max_size=3)),
    st.tuples(st.just("undo import")),
)

STRONG_HEADER = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,"
                 "Seconds,Notes,Workout Notes,RPE\n")
STRONG_NAMES = {"back-squat": "Squat (Barbell)", "deadlift": "Deadlift (Barbell)",
                "pull-up": "Pull Up", "assisted-pull-up": "Pull Up (Assisted)"}


def _strong(workouts: list[tuple[dt.date, list[LoggedSet]]], folder: Path) -> Path:
    """A Strong export of these workouts (warm-ups as W; Strong's own names)."""
    lines = [STRONG_HEADER]
    for day, done in workouts:
        for i, s in enumerate(done, 1):
            order = "W" if s.kind is SetKind.WARMUP else str(i)
            rpe = "" if s.rpe is None else str(s.rpe)
            lines.append(f"{day} 18:00:00,Imported,1h,{STRONG_NAMES[s.exercise_id]},{order},"
                         f"{s.weight_kg or 0},{s.reps},0,0,,,{rpe}\n")
    path = folder / f"strong-{len(list(folder.iterdir()))}.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _records(found: dict[str, Any], volume: bool = True) -> dict[str, Any]:
    """Each record's value and day (the set behind one may be another of the same day), and
    the most reps at each weight with their day."""
    def best(b: Any) -> Any:
        return None if b is None else (b.value, b.date)

    return {ex: (best(r.heaviest), best(r.best_e1rm), best(r.best_volume) if volume else None,
                 {w: (b.reps, b.date) for w, b in (r.reps_at_weight or {}).items()})
            for ex, r in found.items()}


def _whole_log(store: Store, user: User) -> dict[str, Any]:
    with store.reader(user.id) as uow:
        workouts = sorted(uow.workouts.list(), key=lambda w: (w.date, w.id or 0))
    return _records(compute_records(workouts))


def _apply(store: Store, user: User, op: tuple[Any, ...], folder: Path,
           imports: list[int]) -> None:
    catalog = load_catalog()
    with store.reader(user.id) as uow:
        ids = sorted(w.id for w in uow.workouts.list() if w.id is not None)
    pick = (lambda n: ids[n % len(ids)]) if ids else (lambda n: None)
    kind = op[0]
    try:
        if kind == "log":
            training.log_workout(store, user, Workout(START + dt.timedelta(days=op[1]),
                                                      tuple(op[2])), catalog)
        elif kind == "add" and ids:
            training.add_sets(store, user, pick(op[1]), op[2])
        elif kind == "edit" and ids:
            with store.reader(user.id) as uow:
                positions = uow.workouts.positions(pick(op[1]))
            if positions:
                training.replace_set(store, user, pick(op[1]), positions[-1], op[2])
        elif kind == "delete set" and ids:
            with store.reader(user.id) as uow:
                positions = uow.workouts.positions(pick(op[1]))
            if positions:
                training.delete_set(store, user, pick(op[1]),
                                    positions[op[2] % len(positions)])
        elif kind == "move" and ids:
            training.change_workout(store, user, pick(op[1]),
                                    {"date": START + dt.timedelta(days=op[2])})
        elif kind == "delete workout" and ids:
            training.delete_workout(store, user, pick(op[1]))
        elif kind == "undo":
            training.undo_last(store, user)
        elif kind == "import":
            report = import_file(store, user, _strong(
                [(START + dt.timedelta(days=d), done) for d, done in op[1]], folder),
                fmt="strong")
            if report.import_id is not None:
                imports.append(report.import_id)
        elif kind == "undo import" and imports:
            undo_import(store, user, imports.pop())
    except (training.WorkoutMissing, NotFound):
        pass  # an undo took the workout (or the whole import) away first


def _emptied(store: Store, user_id: int) -> User:
    """The user, with no workouts (hypothesis runs each example on the same database)."""
    with store.unit_of_work(user_id) as uow:
        uow.session.execute(delete(WorkoutRow).where(WorkoutRow.user_id == user_id))
        user = uow.users.get(user_id)
        uow.commit()
    assert user is not None
    return user


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(ops=st.lists(operations, min_size=1, max_size=7))
def test_records_read_from_the_stored_bests_are_the_whole_logs(
        store: Store, user_id: int, ops: list[tuple[Any, ...]]) -> None:
    user = _emptied(store, user_id)
    imports: list[int] = []
    with tempfile.TemporaryDirectory() as name:
        for i, op in enumerate(ops):
            _apply(store, user, op, Path(name), imports)
            if i % 3 == 2 or i == len(ops) - 1:  # some reads between writes too
                assert _records(training.personal_records(store, user)) == \
                    _whole_log(store, user), ops[:i + 1]
    for ex in EXERCISES:
        one = training.personal_records(store, user, ex)
        assert _records(one) == {k: v for k, v in _whole_log(store, user).items() if k == ex}


def test_a_restored_log_and_a_deleted_user_keep_the_bests_right(store: Store,
                                                               user_id: int) -> None:
    from redwood.io.backup_file import parse_backup
    from redwood.services.exporting import restore

    catalog = load_catalog()
    with store.reader() as uow:
        user = uow.users.get(user_id)
    assert user is not None
    for day, kg in ((0, 100), (3, 110), (7, 105)):
        training.log_workout(store, user, Workout(START + dt.timedelta(days=day), (
            LoggedSet("back-squat", Decimal(kg), 5),)), catalog)
    before = _records(training.personal_records(store, user))
    restored = restore(store, parse_backup(backup(store, user)), "copy")
    assert _records(training.personal_records(store, restored.user)) == before
    with store.unit_of_work() as uow:
        uow.session.execute(delete(WorkoutRow).where(WorkoutRow.user_id == user_id))
        uow.commit()
    assert training.personal_records(store, user) == {}
    assert _records(training.personal_records(store, restored.user)) == before


def test_a_write_makes_only_its_exercises_stale(store: Store, user_id: int) -> None:
    catalog = load_catalog()
    with store.reader() as uow:
        user = uow.users.get(user_id)
    assert user is not None
    training.log_workout(store, user, Workout(START, (
        LoggedSet("back-squat", Decimal(100), 5), LoggedSet("deadlift", Decimal(140), 3))),
        catalog)

    def stored() -> dict[str, bool]:
        with store.reader(user_id) as uow:
            rows = uow.session.execute(select(ExerciseBestRow.exercise_id,
                                              ExerciseBestRow.data)
                                       .where(ExerciseBestRow.user_id == user_id))
            return {ex: data is not None for ex, data in rows}

    assert stored() == {"back-squat": False, "deadlift": False}
    training.personal_records(store, user)
    assert stored() == {"back-squat": True, "deadlift": True}
    training.log_workout(store, user, Workout(START + dt.timedelta(days=2), (
        LoggedSet("deadlift", Decimal(150), 3),)), catalog)
    assert stored() == {"back-squat": True, "deadlift": False}
    assert training.personal_records(store, user)["deadlift"].heaviest.value == 150


@settings(max_examples=200, deadline=None)
@given(shapes=st.lists(sets.filter(lambda s: s.kind is not SetKind.WARMUP), max_size=30))
def test_the_candidates_hold_every_record_of_the_distinct_sets(
        shapes: list[LoggedSet]) -> None:
    distinct = list(dict.fromkeys(
        LoggedSet(s.exercise_id, s.weight_kg, s.reps, rpe=s.rpe, completed=s.completed)
        for s in shapes))
    dated = [(START + dt.timedelta(days=i), s) for i, s in enumerate(distinct)]
    kept = record_candidates(dated)
    assert len(kept) <= len(dated)

    def records(items: list[tuple[dt.date, LoggedSet]]) -> dict[str, Any]:
        # Session volume is summed by the database apart (best_volume_days), not from these.
        return _records(compute_records((day, (s,)) for day, s in items), volume=False)

    assert records(kept) == records(dated)


def _kept_tables(store: Store, user_id: int) -> tuple[Any, Any]:
    """What the triggers of migration 0010 keep, and the same worked out from `sets` now."""
    with store.reader(user_id) as uow:
        run = uow.session.execute
        counted = f"user_id = {user_id} AND reps >= 1 AND kind <> 'warmup'"
        kept = (
            sorted(run(text("SELECT exercise_id, reps, rpe_key, rir_key, completed FROM "
                            f"rep_efforts WHERE user_id = {user_id}")).all()),
            sorted(run(text("SELECT workout_id, exercise_id, date, volume_g FROM "
                            f"session_volumes WHERE user_id = {user_id} "
                            "AND volume_g <> 0")).all()))
        recounted = (
            sorted(run(text("SELECT DISTINCT exercise_id, reps, COALESCE(rpe, 0), "
                            f"COALESCE(rir, -1), completed FROM sets WHERE {counted}")).all()),
            sorted(run(text("SELECT workout_id, exercise_id, MIN(date), SUM(weight_g * reps) "
                            f"FROM sets WHERE {counted} AND weight_g IS NOT NULL "
                            "GROUP BY workout_id, exercise_id "
                            "HAVING SUM(weight_g * reps) <> 0")).all()))
    return kept, recounted


def _judged_set_by_set(store: Store, user_id: int, new: list[LoggedSet], until: dt.date,
                       workout_id: int | None = None) -> list[Any]:
    """The records `new` sets break against the log up to `until` (and, with `workout_id`,
    the sets of that workout so far), worked out the long way: every workout to `until` read
    whole into compute_records, and the workout's sets."""
    from redwood.coach.records import new_records
    from redwood.domain.log import RECORD_KINDS

    with store.reader(user_id) as uow:
        workouts = sorted(uow.workouts.list(), key=lambda w: (w.date, w.id or 0))
    before = [w for w in workouts if w.date <= until]
    lifts = {s.exercise_id for s in new}
    if not any(s.exercise_id in lifts and s.kind in RECORD_KINDS and (s.reps or 0) >= 1
               for w in before for s in w.sets):
        return []  # a first session of each lift: the baseline, nothing to beat
    if workout_id is None:
        return new_records(before, new)
    earlier = [s for w in workouts if w.id == workout_id for s in w.sets]
    volume: dict[str, Decimal] = {}
    for s in earlier:
        if s.kind in RECORD_KINDS and (s.reps or 0) >= 1 and s.weight_kg is not None:
            volume[s.exercise_id] = volume.get(s.exercise_id, Decimal(0)) + s.weight_kg * s.reps
    return new_records(before, new, earlier=earlier,
                       earlier_volume={e: v for e, v in volume.items() if v})


def _readers(store: Store, user_id: int) -> Iterator[Any]:
    """Each unit of work records_broken is read through: the ORM's reader and writer, the
    pooled reader (the fast path's repositories on the engine's driver connection) and, on
    SQLite, the fast path's own (`redwood log`, `today`)."""
    from redwood.store.lite import open_lite

    yield store.reader(user_id)
    yield store.unit_of_work(user_id)
    yield store.quick_reader(user_id)
    if store.backend == "sqlite":
        lite = open_lite(store.url)
        assert lite is not None
        try:
            with lite.reader(user_id) as uow:
                yield _Open(uow)
        finally:
            lite.close()


class _Open:
    """A unit of work already entered, as a context that leaves it open."""

    def __init__(self, uow: Any) -> None:
        self.uow = uow

    def __enter__(self) -> Any:
        return self.uow

    def __exit__(self, *exc: object) -> None:
        return None


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(ops=st.lists(operations, min_size=1, max_size=8),
       new=st.lists(sets, min_size=1, max_size=3))
def test_logging_by_token_judges_sets_against_the_log_as_it_is_after_any_writes(
        store: Store, user_id: int, ops: list[tuple[Any, ...]], new: list[LoggedSet]) -> None:
    """The rep counts, efforts and session volumes the triggers keep (migration 0010) are what
    the sets say after logging, adding, editing and deleting sets, moving and deleting
    workouts, undo, imports and their undo; and the records a set breaks are those of the
    whole log read set by set (a deleted set holds none), whichever path judges it: logged by
    token into any workout (store.hot), added to it through a unit of work (`add_sets`), or
    logged as a new workout of its day (`redwood log`, Today: the log to that day, inclusive)
    through the ORM's repositories, the pooled reader's and the SQLite fast path's."""
    from redwood.services.training import records_against, records_broken
    from redwood.store.hot import open_sets

    user = _emptied(store, user_id)
    imports: list[int] = []
    with tempfile.TemporaryDirectory() as name:
        for op in ops:
            _apply(store, user, op, Path(name), imports)
    kept, recounted = _kept_tables(store, user_id)
    assert kept[1] == recounted[1], ops
    assert set(recounted[0]) <= set(kept[0]), ops  # insert-only: a deleted one may stay
    key = _token(store, user_id)
    with store.reader(user_id) as uow:
        workouts = [(w.id, w.date) for w in uow.workouts.list() if w.id is not None]
    for workout_id, day in workouts:
        opened = open_sets(store.engine, key, workout_id, {s.exercise_id for s in new})
        assert opened is not None
        basis = opened[1]
        until = day - dt.timedelta(days=1)
        found = records_against(new, until, basis.past, basis.past_volumes or {},
                                basis.earlier, basis.earlier_volumes or {})
        assert found == _judged_set_by_set(store, user_id, new, until, workout_id), ops
        on_the_day = _judged_set_by_set(store, user_id, new, day)
        for reader in _readers(store, user_id):
            with reader as uow:
                assert found == records_broken(uow, new, until=until,
                                               workout_id=workout_id), (ops, uow)
                assert on_the_day == records_broken(uow, new, until=day), (ops, uow)


def test_a_workout_of_another_lifter_adds_nothing_to_the_sets_judged(
        store: Store, user_id: int, other_user_id: int) -> None:
    """record_basis with a workout that is not the lifter's reads none of its sets (the
    service checks the workout first; the repositories do not lean on it)."""
    squat = LoggedSet("back-squat", Decimal(100), 5)
    theirs = Workout(START + dt.timedelta(days=1), (squat, squat))
    with store.unit_of_work(other_user_id) as uow:
        their_workout = uow.workouts.add(theirs)
        uow.commit()
    with store.unit_of_work(user_id) as uow:
        uow.workouts.add(Workout(START, (LoggedSet("back-squat", Decimal(80), 5),)))
        mine = uow.workouts.add(Workout(START + dt.timedelta(days=1), (squat,)))
        uow.commit()
    for reader in _readers(store, user_id):
        with reader as uow:
            basis = uow.workouts.record_basis(["back-squat"], until=START,
                                              workout_id=their_workout)
            assert [s.weight_kg for s in basis.past] == [Decimal(80)]
            assert (basis.earlier, basis.earlier_volumes) == ((), {})
            own = uow.workouts.record_basis(["back-squat"], until=START, workout_id=mine)
            assert [s.weight_kg for s in own.earlier] == [Decimal(100)]
            assert own.earlier_volumes == {"back-squat": Decimal(500)}


def _token(store: Store, user_id: int) -> str:
    import hashlib
    import uuid

    from redwood.store.auth import AuthRepository
    from redwood.store.values import utcnow

    name = uuid.uuid4().hex[:12]
    key = hashlib.sha256(name.encode()).hexdigest()
    with store.unit_of_work() as uow:
        AuthRepository(uow.session).add_token(user_id, name, key, name[:10], utcnow())
        uow.commit()
    return key


def test_sets_logged_during_an_import_keep_the_record_tables_exact(
        store: Store, user_id: int, other_user_id: int, tmp_path: Path,
        monkeypatch: Any) -> None:
    """An import adds its sets' rep counts, efforts and session volumes once, at its end
    (store.imports.triggers_once): sets other lifters log while it runs, and the importing
    lifter's own, are kept by the triggers as ever, and the import's are all added. On
    PostgreSQL the other lifter's sets are written while the import's transaction is open
    (the same lifter's wait for the import's lock on them); on SQLite every writer waits for
    the import's write lock."""
    import threading

    from redwood.io import importer

    catalog = load_catalog()
    with store.reader() as uow:
        me, other = uow.users.get(user_id), uow.users.get(other_user_id)
    assert me is not None and other is not None
    squat = LoggedSet("back-squat", Decimal(100), 5)
    training.log_workout(store, me, Workout(START, (squat,)), catalog)
    training.log_workout(store, other, Workout(START, (squat,)), catalog)
    workouts = [(START + dt.timedelta(days=d), [
        LoggedSet("back-squat", Decimal(90 + d), 5, rpe=Decimal(8)),
        LoggedSet("deadlift", Decimal(140), 3 + d % 2),
        LoggedSet("pull-up", None, 8, completed=False)]) for d in range(1, 40)]
    export = _strong(workouts, tmp_path)
    logged: list[str] = []

    def log(user: User, day: int) -> None:
        training.log_workout(store, user, Workout(START + dt.timedelta(days=day), (
            LoggedSet("back-squat", Decimal(120), 3), LoggedSet("deadlift", Decimal(150), 3),
            LoggedSet("deadlift", Decimal(150), 3))), catalog)
        logged.append(user.name)

    threads: list[threading.Thread] = []

    def midway(line: int) -> None:  # the import's transaction is open, batches written
        if threads:
            return
        threads.extend(threading.Thread(target=log, args=(u, 5)) for u in (other, me))
        for thread in threads:
            thread.start()
        if store.backend == "postgresql":
            threads[0].join(timeout=10)
            assert logged == [other.name]  # not held back by the import

    monkeypatch.setattr(importer, "FLUSH_SETS", 20)
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 60)
    report = import_file(store, me, export, fmt="strong", progress=midway)
    for thread in threads:
        thread.join(timeout=30)
    assert report.stored and report.sets_added == 3 * len(workouts)
    assert sorted(logged) == sorted([me.name, other.name])
    for lifter in (user_id, other_user_id):
        kept, recounted = _kept_tables(store, lifter)
        assert kept == recounted
    for day in range(50, 56):  # the trigger adds again, on every connection of the pool
        training.log_workout(store, me, Workout(START + dt.timedelta(days=day), (
            LoggedSet("back-squat", Decimal(day), 5 + day % 3),)), catalog)
    kept, recounted = _kept_tables(store, user_id)
    assert kept == recounted
    assert report.import_id is not None
    undo_import(store, me, report.import_id)
    kept, recounted = _kept_tables(store, user_id)
    assert kept[1] == recounted[1] and set(recounted[0]) <= set(kept[0])


def test_an_import_that_fails_leaves_the_record_tables_as_they_were(
        store: Store, user_id: int, tmp_path: Path, monkeypatch: Any) -> None:
    from redwood.io import importer
    from redwood.store import StoreError, imports

    catalog = load_catalog()
    with store.reader() as uow:
        me = uow.users.get(user_id)
    assert me is not None
    training.log_workout(store, me, Workout(START, (LoggedSet("deadlift", Decimal(140), 3),)),
                         catalog)
    before = _kept_tables(store, user_id)
    writes, calls = imports.insert_sets, []

    def fail_third(uow, sets, import_id):  # type: ignore[no-untyped-def]
        calls.append(len(sets))
        if len(calls) > 2:
            raise StoreError("disk full")
        writes(uow, sets, import_id)

    monkeypatch.setattr(importer, "FLUSH_SETS", 10)
    monkeypatch.setattr(imports, "insert_sets", fail_third)
    export = _strong([(START + dt.timedelta(days=d), [
        LoggedSet("back-squat", Decimal(100 + d), 5), LoggedSet("deadlift", Decimal(150), 3)])
        for d in range(1, 20)], tmp_path)
    try:
        import_file(store, me, export, fmt="strong")
    except StoreError as exc:
        assert "disk full" in str(exc)
    else:
        raise AssertionError("the import did not fail")
    assert len(calls) == 3
    assert _kept_tables(store, user_id) == before
    monkeypatch.setattr(imports, "insert_sets", writes)
    training.log_workout(store, me, Workout(START + dt.timedelta(days=30), (
        LoggedSet("back-squat", Decimal(100), 5),)), catalog)
    kept, recounted = _kept_tables(store, user_id)  # logging after it keeps them as ever
    assert kept == recounted and len(kept[0]) == 2
