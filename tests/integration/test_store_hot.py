"""The driver path for logging sets by token (redwood.store.hot) reads and writes what the
ORM repositories do, on SQLite and PostgreSQL.

A log of random sets (every kind, with and without weights, RPE, RIR, failed sets) is
written through the ORM; the driver path's token, workout and record reads must equal the
repositories' answers, the sets it appends must read back as those that
`WorkoutRepository.add_sets` appends, `redwood undo` must take them back, and writers racing
for one workout must get one position each, none skipped. `log_sets` (reads and write
together: on PostgreSQL one round trip) must answer as open_sets before the write and write as
append_sets, and nothing at all for a token or workout that is not the lifter's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from redwood.domain.log import LoggedSet, SetKind, Workout
from redwood.store import NotFound, Store
from redwood.store.auth import AuthRepository
from redwood.store.hot import append_sets, log_sets, open_sets
from redwood.store.values import utcnow

DAY = dt.date.today()
LIFTS = ["back-squat", "deadlift", "pull-up", "plank"]


def _random_set(rng: random.Random, exercise_id: str) -> LoggedSet:
    kind = rng.choice(list(SetKind))
    if exercise_id == "plank":
        return LoggedSet(exercise_id, None, None, rng.choice([30, 60]), kind=kind)
    weight = None if exercise_id == "pull-up" and rng.random() < 0.5 else (
        Decimal(rng.choice([20, 60, 62.5, 100, 102.5])).quantize(Decimal("0.01")))
    return LoggedSet(exercise_id, weight, rng.choice([1, 3, 5, 8]),
                     rpe=rng.choice([None, Decimal("7"), Decimal("8.5")]),
                     rir=rng.choice([None, 0, 2]), kind=kind, completed=rng.random() > 0.2,
                     rest_s=rng.choice([None, 90]), form_note=rng.choice([None, "knees in"]))


def _token(store: Store, user_id: int, name: str) -> tuple[int, str]:
    key = hashlib.sha256(name.encode()).hexdigest()
    with store.unit_of_work() as uow:
        token_id = AuthRepository(uow.session).add_token(user_id, name, key, name[:10],
                                                         utcnow())
        uow.commit()
    return token_id, key


def _log(store: Store, user_id: int, seed: int) -> int:
    """Three weeks of random training before DAY and a workout on DAY; its id."""
    rng = random.Random(seed)
    with store.unit_of_work(user_id) as uow:
        for back in range(21, 0, -2):
            uow.workouts.add(Workout(DAY - dt.timedelta(days=back), tuple(
                _random_set(rng, rng.choice(LIFTS)) for _ in range(rng.randint(3, 9)))))
        today = uow.workouts.add(Workout(DAY, tuple(
            _random_set(rng, rng.choice(LIFTS)) for _ in range(6))))
        uow.commit()
    return today


def _same_bars(sets: tuple[LoggedSet, ...], every: list[LoggedSet]) -> bool:
    """Whether `sets`, a few of `every` (the distinct sets), hold all that a new set is
    compared with: the heaviest, the best e1RM and the most reps at or above each weight."""
    from redwood.coach.records import compute_records

    full = compute_records([(DAY, every)])

    def bars(these: list[LoggedSet]) -> dict[str, Any]:
        return {ex: (r.heaviest and r.heaviest.value, r.best_e1rm and r.best_e1rm.value,
                     {w: r.most_reps_from(w) for w in full[ex].reps_at_weight or {}})
                for ex, r in compute_records([(DAY, these)]).items()}

    return set(sets) <= set(every) and bars(list(sets)) == bars(every)


def test_the_reads_are_the_repositories(store: Store, user_id: int,
                                        other_user_id: int) -> None:
    workout = _log(store, user_id, 1)
    _log(store, other_user_id, 2)  # another lifter's sets count for nothing here
    token_id, key = _token(store, user_id, "phone")
    found = open_sets(store.engine, key, workout, LIFTS)
    assert found is not None
    target, basis = found
    assert target.token_id == token_id and target.last_used_at is None
    assert target.user == store.user()
    assert target.workout_date == DAY
    until = DAY - dt.timedelta(days=1)
    with store.reader(user_id) as uow:
        w = uow.workouts
        # Not every distinct set: those that hold what a new set is compared with.
        assert _same_bars(basis.past, w.set_shapes(LIFTS, until=until))
        assert basis.past_volumes == w.best_volumes(LIFTS, until=until)
        assert _same_bars(basis.earlier, w.set_shapes(LIFTS, workout_id=workout))
        assert basis.earlier_volumes == w.best_volumes(LIFTS, workout_id=workout)
        some = ["deadlift", "plank"]
        narrow = open_sets(store.engine, key, workout, some)
        assert narrow is not None
        assert _same_bars(narrow[1].past, w.set_shapes(some, until=until))
        assert narrow[1].past_volumes == w.best_volumes(some, until=until)
    assert basis.past and basis.earlier and basis.past_volumes


def test_nothing_to_beat_is_not_read(store: Store, user_id: int) -> None:
    with store.unit_of_work(user_id) as uow:
        workout = uow.workouts.add(Workout(DAY, (LoggedSet("back-squat", Decimal(60), 5),)))
        uow.commit()
    _, key = _token(store, user_id, "phone")
    found = open_sets(store.engine, key, workout, ["back-squat"])
    assert found is not None
    assert found[1].past == () and found[1].past_volumes is None
    assert found[1].earlier == (LoggedSet("back-squat", Decimal("60.00"), 5),)


def test_unknown_revoked_and_other_lifters(store: Store, user_id: int,
                                           other_user_id: int) -> None:
    mine = _log(store, user_id, 3)
    theirs = _log(store, other_user_id, 4)
    token_id, key = _token(store, user_id, "phone")
    assert open_sets(store.engine, "0" * 64, mine, LIFTS) is None
    found = open_sets(store.engine, key, theirs, LIFTS)
    assert found is not None and found[0].workout_date is None
    with pytest.raises(NotFound):
        append_sets(store.engine, user_id, theirs, [LoggedSet("deadlift", Decimal(100), 3)])
    with store.reader(other_user_id) as uow:
        assert len(uow.workouts.get(theirs).sets) == 6  # type: ignore[union-attr]
    with store.unit_of_work() as uow:
        assert AuthRepository(uow.session).revoke_token(user_id, token_id, utcnow())
        uow.commit()
    assert open_sets(store.engine, key, mine, LIFTS) is None


def test_appended_sets_are_the_repositorys_and_undo_takes_them_back(
        store: Store, user_id: int) -> None:
    rng = random.Random(5)
    new = [_random_set(rng, lift) for lift in LIFTS for _ in range(2)]
    with store.unit_of_work(user_id) as uow:
        a = uow.workouts.add(Workout(DAY, (new[0],)))
        b = uow.workouts.add(Workout(DAY, (new[0],)))
        uow.commit()
    assert append_sets(store.engine, user_id, a, new[:1]) == (1,)
    assert append_sets(store.engine, user_id, a, new) == tuple(range(2, 2 + len(new)))
    with store.unit_of_work(user_id) as uow:
        assert uow.workouts.add_sets(b, new[:1]) == (1,)
        uow.commit()
    with store.unit_of_work(user_id) as uow:
        assert uow.workouts.add_sets(b, new) == tuple(range(2, 2 + len(new)))
        entry = uow.last_entry()
        uow.commit()
    with store.reader(user_id) as uow:
        driver, orm = uow.workouts.get(a), uow.workouts.get(b)
        assert driver is not None and orm is not None
        assert driver.sets == orm.sets
        assert uow.workouts.positions(a) == uow.workouts.positions(b)
    assert entry is not None
    undone = store.undo_last(user_id)  # the ORM's b
    assert undone is not None and undone.workout_id == b
    store.undo_last(user_id)  # b's first append
    undone = store.undo_last(user_id)  # the driver's last append to a
    assert undone is not None and (undone.kind, undone.workout_id, undone.sets) == (
        "sets", a, len(new))
    with store.reader(user_id) as uow:
        left = uow.workouts.get(a)
        assert left is not None and len(left.sets) == 2


def _race(write: Callable[[int, int], object]) -> None:
    """Six threads each calling write(thread, k) for k in 0..5, at once; none may fail."""
    errors: list[BaseException] = []

    def writer(i: int) -> None:
        try:
            for k in range(6):
                write(i, k)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_racing_writers_take_one_position_each(store: Store, user_id: int) -> None:
    with store.unit_of_work(user_id) as uow:
        workout = uow.workouts.add(Workout(DAY, (LoggedSet("back-squat", Decimal(60), 5),)))
        uow.commit()
    taken: list[int] = []
    _race(lambda i, _: taken.extend(append_sets(
        store.engine, user_id, workout, [LoggedSet("back-squat", Decimal(60 + i), 5)])))
    assert sorted(taken) == list(range(1, 37))
    with store.reader(user_id) as uow:
        assert uow.workouts.positions(workout) == list(range(37))


def test_one_bad_append_in_a_group_fails_alone(store: Store, user_id: int,
                                               other_user_id: int) -> None:
    from redwood.store.hot import _Append, _write

    mine = _log(store, user_id, 6)
    theirs = _log(store, other_user_id, 7)
    good = (LoggedSet("deadlift", Decimal(100), 3),)
    bad = (LoggedSet("deadlift", Decimal(100), 3, kind="bogus"),)  # type: ignore[arg-type]
    jobs = [_Append(user_id, mine, good), _Append(user_id, mine, bad),
            _Append(user_id, theirs, good), _Append(user_id, mine, good + good)]
    _write(store.engine, jobs)  # one group, failing halfway: each on its own
    assert [j.positions for j in jobs] == [(6,), (), (), (7, 8)]
    assert jobs[0].error is None and jobs[3].error is None
    assert isinstance(jobs[1].error, ValueError)
    assert isinstance(jobs[2].error, NotFound)
    with store.reader(user_id) as uow:
        assert uow.workouts.positions(mine) == list(range(9))


def test_the_service_logs_by_token_and_keeps_the_tokens_last_use(
        store: Store, user_id: int, other_user_id: int) -> None:
    from redwood.services import accounts
    from redwood.services.training import WorkoutMissing, log_sets_by_token

    user = store.user()
    mine = _log(store, user_id, 8)
    theirs = _log(store, other_user_id, 9)
    token_id, token = accounts.create_token(store, user, "phone")
    heavy = [LoggedSet("deadlift", Decimal(400), 1)]  # beats whatever the log holds
    found = log_sets_by_token(store, token, mine, heavy)
    assert found is not None
    who, logged = found
    assert who == user and logged.positions == (6,) and logged.workout_id == mine
    assert any(r.set_index == 0 for r in logged.records)
    with store.unit_of_work() as uow:
        used = AuthRepository(uow.session).tokens(user_id)[0].last_used_at
    assert used is not None
    with pytest.raises(WorkoutMissing):
        log_sets_by_token(store, token, theirs, heavy)
    assert log_sets_by_token(store, "rw_not-a-token", mine, heavy) is None
    assert accounts.revoke_token(store, user, token_id)
    assert log_sets_by_token(store, token, mine, heavy) is None
    with store.reader(user_id) as uow:
        assert uow.workouts.positions(mine) == list(range(7))


def _entries(store: Store) -> int:
    from sqlalchemy import text

    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM entries")).scalar_one())


def test_log_sets_reads_the_log_before_it_and_writes_as_append_sets(
        store: Store, user_id: int) -> None:
    rng = random.Random(10)
    workout = _log(store, user_id, 11)
    with store.unit_of_work(user_id) as uow:
        twin = uow.workouts.add(uow.workouts.get(workout))  # type: ignore[arg-type]
        uow.commit()
    token_id, key = _token(store, user_id, "phone")
    new = [_random_set(rng, lift) for lift in LIFTS]
    before = open_sets(store.engine, key, workout, LIFTS)
    logged = log_sets(store.engine, key, workout, new)
    assert before is not None and logged is not None
    target, basis, positions = logged
    assert (target, basis) == before
    assert target.token_id == token_id and target.workout_date == DAY
    assert basis.past and basis.past_volumes
    assert positions == (6, 7, 8, 9)
    assert append_sets(store.engine, user_id, twin, new) == positions
    with store.reader(user_id) as uow:
        assert uow.workouts.get(workout).sets == uow.workouts.get(twin).sets  # type: ignore[union-attr]
    undone = store.undo_last(user_id)  # the twin's
    assert undone is not None and undone.workout_id == twin
    undone = store.undo_last(user_id)
    assert undone is not None and (undone.workout_id, undone.sets) == (workout, 4)
    with store.reader(user_id) as uow:
        assert uow.workouts.positions(workout) == list(range(6))


def test_log_sets_writes_nothing_for_another_token_or_workout(
        store: Store, user_id: int, other_user_id: int) -> None:
    mine = _log(store, user_id, 12)
    theirs = _log(store, other_user_id, 13)
    token_id, key = _token(store, user_id, "phone")
    heavy = [LoggedSet("deadlift", Decimal(300), 1)]
    entries = _entries(store)
    assert log_sets(store.engine, "0" * 64, mine, heavy) is None
    found = log_sets(store.engine, key, theirs, heavy)
    assert found is not None and found[0].workout_date is None and found[2] == ()
    with store.unit_of_work() as uow:
        assert AuthRepository(uow.session).revoke_token(user_id, token_id, utcnow())
        uow.commit()
    assert log_sets(store.engine, key, mine, heavy) is None
    assert _entries(store) == entries
    with store.reader(user_id) as uow:
        assert uow.workouts.positions(mine) == list(range(6))
    with store.reader(other_user_id) as uow:
        assert uow.workouts.positions(theirs) == list(range(6))


def test_racing_log_sets_take_one_position_each(store: Store, user_id: int) -> None:
    with store.unit_of_work(user_id) as uow:
        workout = uow.workouts.add(Workout(DAY, (LoggedSet("back-squat", Decimal(60), 5),)))
        uow.commit()
    _, key = _token(store, user_id, "phone")
    seen: list[tuple[int, int]] = []

    def write(i: int, k: int) -> None:
        # Every set a weight of its own: a shape of its own in `earlier` (the first set too).
        found = log_sets(store.engine, key, workout,
                         [LoggedSet("back-squat", Decimal(61 + 6 * i + k), 5)])
        assert found is not None
        seen.append((found[2][0], len(found[1].earlier)))

    _race(write)
    assert sorted(p for p, _ in seen) == list(range(1, 37))
    # Each judged against sets written before it (the reads come before the write's lock,
    # so a set written at the same instant may be missing), never one after it.
    assert all(earlier <= p for p, earlier in seen)
    with store.reader(user_id) as uow:
        assert uow.workouts.positions(workout) == list(range(37))


def test_a_full_workout_takes_no_more_sets_on_the_hot_path(store: Store, user_id: int) -> None:
    """The fast lane's writes (log_sets by token, append_sets) keep the cap a workout has
    everywhere (MAX_SETS_PER_WORKOUT), as the repository's add_sets: refused, nothing
    written, the same message."""
    from redwood.domain.log import MAX_SETS_PER_WORKOUT as MOST
    from redwood.store import InvalidEntry

    one = LoggedSet("deadlift", Decimal(100), 3)
    with store.unit_of_work(user_id) as uow:
        full = uow.workouts.add(Workout(DAY, (one,) * (MOST - 1)))
        uow.commit()
    _, key = _token(store, user_id, "phone")
    assert append_sets(store.engine, user_id, full, [one]) == (MOST - 1,)
    entries = _entries(store)
    message = f"sets: the workout holds {MOST} sets and {MOST} are the most"
    with pytest.raises(InvalidEntry, match=message):
        append_sets(store.engine, user_id, full, [one])
    with pytest.raises(InvalidEntry, match=message):
        log_sets(store.engine, key, full, [one])
    with pytest.raises(InvalidEntry, match=message), store.unit_of_work(user_id) as uow:
        uow.workouts.add_sets(full, [one])
    assert _entries(store) == entries
    with store.reader(user_id) as uow:
        assert uow.workouts.positions(full) == list(range(MOST))
