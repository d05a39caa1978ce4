"""The training service without the CLI or HTTP: which records a set broke (the one place),
Today's Undo taking back what `redwood undo` would, and the lifter found or made."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from fakes import FakeStore

from redwood.coach.records import RecordKind
from redwood.domain.log import LoggedSet, PlannedRef, SetKind, Workout
from redwood.services.training import (
    TrainingError,
    add_sets,
    lifter,
    records_broken,
    save_equipment,
    undo_session_set,
)

DAY = dt.date(2026, 3, 2)
REF = PlannedRef(1, 1, 0)


def squat(kg: int, reps: int = 5, kind: SetKind = SetKind.WORKING) -> LoggedSet:
    return LoggedSet("back-squat", Decimal(kg), reps, kind=kind)


def _logged(store: FakeStore, day: dt.date, *sets: LoggedSet,
            planned: PlannedRef | None = REF) -> int:
    with store.unit_of_work() as uow:
        workout_id = uow.workouts.add(Workout(date=day, sets=sets, planned=planned))
        uow.commit()
    return workout_id


def test_a_first_session_breaks_nothing_a_heavier_set_breaks_the_heaviest() -> None:
    store = FakeStore()
    with store.reader() as uow:
        assert records_broken(uow, [squat(100)], until=DAY) == []
    _logged(store, DAY - dt.timedelta(days=2), squat(100), squat(100))
    with store.reader() as uow:
        broken = records_broken(uow, [squat(90), squat(105)], until=DAY - dt.timedelta(days=1))
    kinds = {b.kind for b in broken}
    assert RecordKind.HEAVIEST in kinds and all(b.set_index == 1 for b in broken
                                                if b.kind is RecordKind.HEAVIEST)


def test_sets_added_to_a_workout_are_measured_against_its_earlier_sets_too() -> None:
    store = FakeStore()
    user = store.default_user()
    _logged(store, DAY - dt.timedelta(days=2), squat(100))
    today = _logged(store, DAY, squat(110))
    # 110 kg broke the record today already: a second 110 kg set breaks no heaviest record.
    again = add_sets(store, user, today, [squat(110)])
    assert RecordKind.HEAVIEST not in {b.kind for b in again.records}
    heavier = add_sets(store, user, today, [squat(112)])
    assert RecordKind.HEAVIEST in {b.kind for b in heavier.records}
    assert heavier.positions == (2,)


def test_todays_undo_takes_back_the_last_entry_as_redwood_undo_does() -> None:
    store = FakeStore()
    user = store.default_user()
    workout_id = _logged(store, DAY, squat(60))
    add_sets(store, user, workout_id, [squat(60), squat(600)])  # one entry, two sets
    taken, number = undo_session_set(store, user, DAY, REF)
    assert taken.weight_kg == 600 and number == 3
    # The whole entry went, as `redwood undo` takes it: the journal and the log agree.
    assert [s.weight_kg for s in store.data.workouts[workout_id].sets] == [60]
    taken, _ = undo_session_set(store, user, DAY, REF)
    assert store.data.workouts == {} and store.data.entries == []
    with pytest.raises(TrainingError, match="nothing logged today"):
        undo_session_set(store, user, DAY, REF)


def test_todays_undo_leaves_what_is_not_this_sessions() -> None:
    store = FakeStore()
    user = store.default_user()
    _logged(store, DAY, squat(60))
    _logged(store, DAY - dt.timedelta(days=1), squat(70), planned=PlannedRef(1, 1, 1))
    with pytest.raises(TrainingError):  # the last thing logged is yesterday's session
        undo_session_set(store, user, DAY, REF)
    assert len(store.data.workouts) == 2 and len(store.data.entries) == 2


def test_the_lifter_is_found_by_name_and_made_only_when_asked() -> None:
    store = FakeStore()
    me = lifter(store, None)
    assert me is not None and me.name == "me"
    assert lifter(store, "ana") is None
    ana = lifter(store, "ana", create=True)
    assert ana is not None and lifter(store, "ana") == ana


def test_equipment_fields_given_replace_theirs_and_the_others_stay() -> None:
    store = FakeStore()
    user = store.default_user()
    save_equipment(store, user, "home", {"bar": "15", "plates": [["5", 2]]})
    save_equipment(store, user, "home", {"bar": "20"})
    assert store.data.equipment["home"] == {"bar": "20", "plates": [["5", 2]]}


