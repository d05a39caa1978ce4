"""Two of one lifter's writers at once, as the web's stateless workers run them on one
PostgreSQL: neither fails (a deadlock is StoreBusy, a 503 the lifter sees) and neither's write
is lost (a set the app said was stored is in the log afterwards).

Every writer takes its locks in one order: the user's row (FOR NO KEY UPDATE, which a set's
foreign-key check on the user does not wait for), then the workouts it changes, in id order
(FOR UPDATE), then reads their sets and writes. A tap (store.hot) locks only its workout.

The PostgreSQL tests stop the first writer halfway (writer_pairs.bests_gate: a tap holding
its workout's row, before its journal row's key-share lock on the user's row) and start the
second then, so the overlap happens every run; the others run both writers from a barrier,
several rounds, on SQLite (whose writers take turns) and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from importkit import write_csv
from writer_pairs import Outcomes, bests_gate, until_waiting

from redwood.catalog import load_catalog
from redwood.domain.log import CheckIn, LoggedSet, PlannedRef, Workout
from redwood.domain.plan import Plan
from redwood.services import accounts
from redwood.services.importing import import_file
from redwood.services.planning import DEFAULT_PROFILE, make_plan, save_plan, start_training
from redwood.services.syncing import delete_set, log_set_once
from redwood.services.training import (
    checkin,
    finish_session,
    log_sets_by_token,
    log_workout,
    remove_set,
    save_equipment,
    undo_session_set,
)
from redwood.store import Store

HEADER = ["Date", "Exercise", "Category", "Weight (kgs)", "Reps", "Distance", "Distance Unit",
          "Time"]
IMPORTED = ["2025-01-02", "Barbell Squat", "Legs", "100.0", "5", "", "", ""]
DAY = dt.date(2026, 3, 2)
TAP = LoggedSet("back-squat", Decimal(60), 5)
SYNCED = LoggedSet("back-squat", Decimal(100), 5)



def _postgres(store: Store) -> None:
    """The gated tests hold a row lock with a third connection: PostgreSQL's row locks are
    what they test (SQLite's writers take turns on the whole database)."""
    if store.backend != "postgresql":
        pytest.skip("PostgreSQL's row locks")


@cache
def _plan() -> Plan:
    return make_plan(DEFAULT_PROFILE)


def _user(store: Store, user_id: int) -> Any:
    with store.reader() as uow:
        return uow.users.get(user_id)


def _sets(store: Store, user_id: int) -> dict[int, list[LoggedSet]]:
    """Every workout of the user's and its sets."""
    with store.reader(user_id) as uow:
        return {w.id: list(w.sets) for w in uow.workouts.list() if w.id is not None}


def test_undoing_an_import_while_a_tap_lands_in_its_workout_keeps_the_tap(
        store: Store, user_id: int, tmp_path: Path) -> None:
    """The lifter undoes an import on the web while their phone logs a set into a workout that
    import wrote. The tap had its workout locked first: the undo waits for it, then keeps the
    workout for the set logged by hand (as it does for any set logged there since). On main
    the undo held the user's row FOR UPDATE, the tap's journal row waited for it holding the
    workout, which the undo then wanted: a deadlock, one of the two refused."""
    _postgres(store)
    user = _user(store, user_id)
    report = import_file(store, user, write_csv(tmp_path / "day.csv", HEADER, [IMPORTED] * 3))
    assert report.workouts_added == 1
    (workout_id,) = _sets(store, user_id)
    _, token = accounts.create_token(store, user, "phone")
    pair = Outcomes()
    with bests_gate(store, user_id, TAP.exercise_id) as release:
        tap = pair.run("tap", lambda: log_sets_by_token(store, token, workout_id, [TAP]))
        until_waiting(store, 1, [tap])
        undo = pair.run("undo", lambda: store.undo_last(user_id))
        until_waiting(store, 2, [tap, undo])
        release()
        tap.join(30)
        undo.join(30)
    assert not pair.errors, pair.failed()
    assert pair.results["undo"].kind == "import" and pair.results["undo"].sets == 3
    # The import's three sets went; the tap's stays, in the workout it was logged into.
    assert _sets(store, user_id) == {workout_id: [TAP]}


@pytest.mark.parametrize("how", ["client id", "position"])
def test_deleting_a_workouts_only_set_while_a_tap_lands_keeps_the_tap(
        store: Store, user_id: int, how: str) -> None:
    """The offline queue of one device deletes the only set of a workout (its Undo, synced
    when the network came back; or the web's delete of that set) while another device taps a
    set into the same workout. The workout is deleted with its last set only if it is still
    its last: the tap, which locked the workout first, is kept. On main the deletion counted
    the workout's sets before taking its lock, then deleted the workout, and the tap's set
    with it."""
    _postgres(store)
    user = _user(store, user_id)
    synced = log_set_once(store, user, DAY, SYNCED, "phone-set-0001", load_catalog())
    _, token = accounts.create_token(store, user, "watch")
    pair = Outcomes()

    def deleting() -> Any:
        if how == "client id":
            return delete_set(store, user, "phone-set-0001")
        return remove_set(store, user, synced.workout_id, synced.position)

    with bests_gate(store, user_id, TAP.exercise_id) as release:
        tap = pair.run("tap", lambda: log_sets_by_token(store, token, synced.workout_id,
                                                        [TAP]))
        until_waiting(store, 1, [tap])
        sync = pair.run("delete", deleting)
        until_waiting(store, 2, [tap, sync])
        release()
        tap.join(30)
        sync.join(30)
    assert not pair.errors, pair.failed()
    assert _sets(store, user_id) == {synced.workout_id: [TAP]}


def test_a_synced_set_and_a_tap_into_one_workout_are_both_kept(
        store: Store, user_id: int) -> None:
    """The offline queue sends a set of the day's session while another device taps one into
    the same workout: both are stored, each at its own position."""
    _postgres(store)
    user = _user(store, user_id)
    first = log_set_once(store, user, DAY, SYNCED, "phone-set-0001", load_catalog())
    _, token = accounts.create_token(store, user, "watch")
    pair = Outcomes()
    with bests_gate(store, user_id, TAP.exercise_id) as release:
        tap = pair.run("tap", lambda: log_sets_by_token(store, token, first.workout_id, [TAP]))
        until_waiting(store, 1, [tap])
        sync = pair.run("sync", lambda: log_set_once(store, user, DAY, SYNCED,
                                                     "phone-set-0002", load_catalog()))
        until_waiting(store, 2, [tap, sync])
        release()
        tap.join(30)
        sync.join(30)
    assert not pair.errors, pair.failed()
    assert _sets(store, user_id) == {first.workout_id: [SYNCED, TAP, SYNCED]}
    assert pair.results["sync"].position == 2


def test_a_tap_while_the_plan_is_regenerated_is_kept(store: Store, user_id: int) -> None:
    """The lifter regenerates their plan on the web while their phone logs a set of the day's
    workout: both are kept."""
    _postgres(store)
    user = _user(store, user_id)
    plan_id = start_training(store, user, _plan(), DEFAULT_PROFILE)
    logged = log_workout(store, user, Workout(date=DAY, sets=(SYNCED,),
                                              planned=PlannedRef(plan_id, 1, 0)),
                         load_catalog())
    _, token = accounts.create_token(store, user, "phone")
    pair = Outcomes()
    with bests_gate(store, user_id, TAP.exercise_id) as release:
        tap = pair.run("tap", lambda: log_sets_by_token(store, token, logged.workout_id,
                                                        [TAP]))
        until_waiting(store, 1, [tap])
        plan = pair.run("plan", lambda: save_plan(store, user, _plan()))
        until_waiting(store, 2, [tap, plan])
        release()
        tap.join(30)
        plan.join(30)
    assert not pair.errors, pair.failed()
    assert _sets(store, user_id) == {logged.workout_id: [SYNCED, TAP]}
    with store.reader(user_id) as uow:
        active = uow.plans.active()
    assert active is not None and active[0] == pair.results["plan"] != plan_id


ROUNDS = 6


def test_taps_while_the_plan_is_regenerated_over_and_over(
        store: Store, user_id: int) -> None:
    """Both from a barrier, several rounds: every tap stored, every plan kept."""
    user = _user(store, user_id)
    plan_id = start_training(store, user, _plan(), DEFAULT_PROFILE)
    logged = log_workout(store, user, Workout(date=DAY, sets=(SYNCED,),
                                              planned=PlannedRef(plan_id, 1, 0)),
                         load_catalog())
    _, token = accounts.create_token(store, user, "phone")
    plans = set()
    for _ in range(ROUNDS):
        start = threading.Barrier(2)
        pair = Outcomes()

        def tapping(start: threading.Barrier = start) -> Any:
            start.wait()
            return log_sets_by_token(store, token, logged.workout_id, [TAP])

        def planning(start: threading.Barrier = start) -> int:
            start.wait()
            return save_plan(store, user, _plan())

        threads = [pair.run("tap", tapping), pair.run("plan", planning)]
        for t in threads:
            t.join(30)
        assert not pair.errors, pair.failed()
        plans.add(pair.results["plan"])
    assert _sets(store, user_id) == {logged.workout_id: [SYNCED] + [TAP] * ROUNDS}
    assert len(plans) == ROUNDS


def test_a_check_in_while_the_session_is_finished(store: Store, user_id: int) -> None:
    """The lifter's check-in (body weight, soreness) and Finish of the day's session, sent
    together (two tabs, or the offline queue catching up), several rounds: both kept, the
    notes of every Finish added once."""
    user = _user(store, user_id)
    plan_id = start_training(store, user, _plan(), DEFAULT_PROFILE)
    ref = PlannedRef(plan_id, 1, 0)
    logged = log_workout(store, user, Workout(date=DAY, sets=(SYNCED,), planned=ref),
                         load_catalog())
    for i in range(ROUNDS):
        start = threading.Barrier(2)
        pair = Outcomes()
        weight = Decimal(80) + i

        def finishing(start: threading.Barrier = start, i: int = i) -> int:
            start.wait()
            return finish_session(store, user, DAY, ref, f"round {i}", 7)

        def checking_in(start: threading.Barrier = start, weight: Decimal = weight) -> Any:
            start.wait()
            return checkin(store, user, CheckIn(date=DAY, body_weight_kg=weight))

        threads = [pair.run("finish", finishing), pair.run("checkin", checking_in)]
        for t in threads:
            t.join(30)
        assert not pair.errors, pair.failed()
        assert pair.results["finish"] == 1
    with store.reader(user_id) as uow:
        workout = uow.workouts.get(logged.workout_id)
        saved = uow.checkins.get(DAY)
    assert workout is not None and workout.ended_at is not None and workout.session_rpe == 7
    assert workout.notes == "\n".join(f"round {i}" for i in range(ROUNDS))
    assert saved is not None and saved.body_weight_kg == Decimal(80) + ROUNDS - 1


def test_undoing_a_logged_workout_while_a_tap_lands_in_it_takes_the_tap_back(
        store: Store, user_id: int) -> None:
    """Undo on the web (the last thing logged: a workout) while the phone taps a set into that
    workout, which it had locked first. The tap is then the last thing logged, and is what
    the undo takes back: the workout stays as it was logged. On main the undo held the
    user's row FOR UPDATE and wanted the tap's workout: a deadlock; with the user's row
    alone fixed, the undo deleted the workout, and the set the tap had just stored with it."""
    _postgres(store)
    user = _user(store, user_id)
    logged = log_workout(store, user, Workout(date=DAY, sets=(SYNCED,)), load_catalog())
    _, token = accounts.create_token(store, user, "phone")
    pair = Outcomes()
    with bests_gate(store, user_id, TAP.exercise_id) as release:
        tap = pair.run("tap", lambda: log_sets_by_token(store, token, logged.workout_id,
                                                        [TAP]))
        until_waiting(store, 1, [tap])
        undo = pair.run("undo", lambda: store.undo_last(user_id))
        until_waiting(store, 2, [tap, undo])
        release()
        tap.join(30)
        undo.join(30)
    assert not pair.errors, pair.failed()
    assert pair.results["undo"].kind == "sets"
    assert _sets(store, user_id) == {logged.workout_id: [SYNCED]}


def test_two_finishes_at_once_keep_both_notes(store: Store, user_id: int) -> None:
    """Finish sent from two devices at the same moment, each with its notes: the workout
    keeps both (each Finish adds to the notes as the other left them)."""
    user = _user(store, user_id)
    plan_id = start_training(store, user, _plan(), DEFAULT_PROFILE)
    ref = PlannedRef(plan_id, 1, 0)
    logged = log_workout(store, user, Workout(date=DAY, sets=(SYNCED,), planned=ref),
                         load_catalog())
    for i in range(ROUNDS):
        start = threading.Barrier(2)
        pair = Outcomes()

        def finishing(note: str, start: threading.Barrier = start) -> Callable[[], int]:
            def finish() -> int:
                start.wait()
                return finish_session(store, user, DAY, ref, note, 7)
            return finish

        threads = [pair.run(f"finish {d}", finishing(f"{d} {i}")) for d in ("phone", "web")]
        for t in threads:
            t.join(30)
        assert not pair.errors, pair.failed()
    with store.reader(user_id) as uow:
        workout = uow.workouts.get(logged.workout_id)
    assert workout is not None and workout.notes is not None
    assert sorted(workout.notes.split("\n")) == sorted(
        f"{d} {i}" for d in ("phone", "web") for i in range(ROUNDS))


def test_two_equipment_edits_at_once_keep_both_fields(store: Store, user_id: int) -> None:
    """The bar changed on the settings page while `redwood equipment` adds dumbbells, at the
    same moment: both are kept (each edit merges into the profile the other left, not into
    the one it read before the other committed)."""
    user = _user(store, user_id)
    save_equipment(store, user, "home", {"bar": "20"})
    for i in range(ROUNDS):
        start = threading.Barrier(2)
        pair = Outcomes()
        bar, pairs = str(10 + i), [str(2 + i), str(4 + i)]

        def barring(start: threading.Barrier = start, bar: str = bar) -> None:
            start.wait()
            save_equipment(store, user, "home", {"bar": bar})

        def dumbbelling(start: threading.Barrier = start, pairs: list[str] = pairs) -> None:
            start.wait()
            save_equipment(store, user, "home", {"dumbbells": pairs})

        threads = [pair.run("bar", barring), pair.run("dumbbells", dumbbelling)]
        for t in threads:
            t.join(30)
        assert not pair.errors, pair.failed()
        with store.reader(user_id) as uow:
            assert uow.equipment.get("home") == {"bar": bar, "dumbbells": pairs}, f"round {i}"


def test_todays_undo_while_a_tap_lands_says_which_set_it_took(
        store: Store, user_id: int) -> None:
    """Undo on the web's Today while the phone taps a set into the same session, which it had
    locked first: the undo takes back the tap's set (then the last thing logged) and says
    so. On main it read the last entry before any lock, reported that set as taken back,
    and removed the tap's."""
    _postgres(store)
    user = _user(store, user_id)
    plan_id = start_training(store, user, _plan(), DEFAULT_PROFILE)
    ref = PlannedRef(plan_id, 1, 0)
    logged = log_workout(store, user, Workout(date=DAY, sets=(SYNCED,), planned=ref),
                         load_catalog())
    _, token = accounts.create_token(store, user, "phone")
    pair = Outcomes()
    with bests_gate(store, user_id, TAP.exercise_id) as release:
        tap = pair.run("tap", lambda: log_sets_by_token(store, token, logged.workout_id,
                                                        [TAP]))
        until_waiting(store, 1, [tap])
        undo = pair.run("undo", lambda: undo_session_set(store, user, DAY, ref))
        until_waiting(store, 2, [tap, undo])
        release()
        tap.join(30)
        undo.join(30)
    assert not pair.errors, pair.failed()
    taken, _ = pair.results["undo"]
    assert _sets(store, user_id) == {logged.workout_id: [SYNCED]}
    assert taken == TAP, "the undo named a set it did not take back"
