"""The session being trained holds still: its targets, warm-ups, names and notes come from
history before the day it is trained, so logging its sets (any of them, any values, a typo
included) never moves them; it stays today's session until it is finished, and a session
trained on another day than planned is stored on the day it was trained, linked to its plan.
On a real SQLite file (and PostgreSQL when REDWOOD_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans import build
from redwood.catalog import load_catalog
from redwood.domain.log import LoggedSet, Workout
from redwood.domain.user import User
from redwood.io.backup_file import parse_backup
from redwood.services.exporting import backup as export_backup
from redwood.services.exporting import restore as restore_backup
from redwood.services.planning import save_plan
from redwood.services.training import (
    TodayView,
    TrainingError,
    finish_session,
    finished_today,
    log_workout,
    session_sets,
    today,
)
from redwood.store import Store

CATALOG = load_catalog()
START = dt.date(2027, 1, 4)
_names = itertools.count(1)


def _lifter(store: Store, history_kg: Decimal | None) -> tuple[User, TodayView]:
    """A new lifter with a saved plan starting on START, and (with `history_kg`) a session
    of every lift of the first session done a week before, for the coach to build on."""
    with store.unit_of_work() as uow:
        user = uow.users.add(f"lifter{next(_names)}")
        uow.commit()
    save_plan(store, user, build(start=START.isoformat(), weeks=2, supersets=True))
    first = today(store, user, START, CATALOG)
    if history_kg is not None:
        sets = tuple(
            LoggedSet(i.target.exercise_id,
                      None if i.target.weight_kg is None else history_kg,
                      reps=None if i.target.seconds_min is not None else 8,
                      seconds=30 if i.target.seconds_min is not None else None)
            for i in first.items for _ in range(i.target.sets))
        log_workout(store, user, Workout(date=START - dt.timedelta(days=7), sets=sets), CATALOG)
    return user, today(store, user, START, CATALOG)


def _session_sets(view: TodayView) -> list[tuple[int, int]]:
    """(item index, set number) of every set of the session, in order."""
    return [(i, n) for i, item in enumerate(view.items) for n in range(item.target.sets)]


logged_values = st.tuples(
    st.sampled_from([Decimal("0.5"), Decimal(1), Decimal("1.5"), Decimal(3), Decimal("12.75")]),
    st.integers(min_value=1, max_value=30),
    st.booleans(),
)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=st.sampled_from([None, Decimal(20), Decimal(60)]),
       days_early=st.sampled_from([0, 1]),
       data=st.data())
def test_logging_any_prefix_of_a_session_leaves_its_targets_unchanged(
        store: Store, history: Decimal | None, days_early: int, data: st.DataObject) -> None:
    user, before = _lifter(store, history)
    # Trained on its planned day, or the day before (a moved session).
    day = before.date - dt.timedelta(days=days_early)
    planned = today(store, user, day, CATALOG)
    assert planned.session.ref == before.session.ref
    everything = _session_sets(planned)
    prefix = data.draw(st.integers(min_value=1, max_value=len(everything) - 1), label="prefix")
    for index, _ in everything[:prefix]:
        target = planned.items[index].target
        factor, amount, completed = data.draw(logged_values)
        weight = None if target.weight_kg is None else (
            target.weight_kg * factor).quantize(Decimal("0.01"))
        timed = target.seconds_min is not None
        logged = LoggedSet(target.exercise_id, weight, reps=None if timed else amount,
                           seconds=amount if timed else None, completed=completed)
        log_workout(store, user, Workout(date=day, sets=(logged,),
                                         planned=planned.session.ref), CATALOG, append=True)
        for in_progress in (False, True):
            assert today(store, user, day, CATALOG, in_progress=in_progress) == planned
    stored = session_sets(store, user, day, planned.session.ref)
    assert len(stored) == prefix, "every set is stored on the day it was trained"


@pytest.mark.parametrize("days_early", [0, 2])
def test_a_finished_session_gives_way_to_the_next_one(store: Store, days_early: int) -> None:
    user, view = _lifter(store, Decimal(40))
    day = START - dt.timedelta(days=days_early)
    everything = _session_sets(view)
    for index, _ in everything:
        target = view.items[index].target
        timed = target.seconds_min is not None
        log_workout(store, user, Workout(date=day, planned=view.session.ref, sets=(
            LoggedSet(target.exercise_id, target.weight_kg,
                      reps=None if timed else target.reps_min,
                      seconds=target.seconds_min if timed else None),)), CATALOG, append=True)
    # The web page keeps the done session to offer Finish; the CLI and the API move on.
    assert today(store, user, day, CATALOG, in_progress=True) == view
    after = today(store, user, day, CATALOG)
    assert after.session.ref != view.session.ref and after.date > START
    assert finished_today(store, user, day, CATALOG) is None
    # Finish: the web page moves on too, and sums the session up with what to do next time.
    assert finish_session(store, user, day, view.session.ref, "felt strong",
                          session_rpe=8) == len(everything)
    assert today(store, user, day, CATALOG, in_progress=True) == after
    summary = finished_today(store, user, day, CATALOG)
    assert summary is not None and summary.notes == "felt strong"
    assert summary.session_rpe == 8
    # Kept in a backup, and back after a restore.
    data = json.loads(export_backup(store, user))
    assert [w["session_rpe"] for w in data["workouts"] if w["planned"]] == [8]
    name = f"restored{next(_names)}"
    restore_backup(store, parse_backup(export_backup(store, user)), name)
    with store.reader(store.user(name).id) as uow:
        assert [w.session_rpe for w in uow.workouts.list() if w.planned] == [8]
    assert len(summary.sets) == len(everything)
    assert [i.target.exercise_id for i in summary.next_time] == [
        i.target.exercise_id for i in view.items]
    with store.reader(user.id) as uow:
        [workout] = uow.workouts.list(since=day, until=day)
    assert workout.planned == view.session.ref and workout.date == day
    assert len(workout.sets) == len(everything)


def test_finish_needs_a_logged_set(store: Store) -> None:
    user, view = _lifter(store, None)
    with pytest.raises(TrainingError, match="nothing logged today"):
        finish_session(store, user, START, view.session.ref)


@pytest.mark.parametrize("kept_training", [True, False])
def test_a_lift_back_after_weeks_out_of_the_plan_is_cut_only_after_a_real_break(
        store: Store, kept_training: bool) -> None:
    """The session's lifts were last done five weeks ago. A lifter who trained other lifts
    every few days since (the plan rotated these out) gets no layoff cut; one who trained
    nothing since comes back lighter."""
    with store.unit_of_work() as uow:
        user = uow.users.add(f"lifter{next(_names)}")
        uow.commit()
    save_plan(store, user, build(start=START.isoformat(), weeks=2, supersets=True))
    first = today(store, user, START, CATALOG)
    loaded = [i for i in first.items if i.target.weight_kg is not None]
    assert loaded
    sets = tuple(LoggedSet(i.target.exercise_id, Decimal(20), reps=i.target.reps_max, rpe=8)
                 for i in loaded for _ in range(i.target.sets))
    log_workout(store, user, Workout(date=START - dt.timedelta(days=35), sets=sets), CATALOG)
    if kept_training:
        for days in range(33, 0, -3):
            log_workout(store, user, Workout(date=START - dt.timedelta(days=days), sets=(
                LoggedSet("nordic-curl", None, reps=5),)), CATALOG)
    view = today(store, user, START, CATALOG)
    for item in view.items:
        if item.target.exercise_id in {i.target.exercise_id for i in loaded}:
            cut = item.target.decision.value == "return_after_break"
            assert cut is not kept_training, item.target
            if kept_training:
                assert any("kept training" in n for n in item.target.notes), item.target
