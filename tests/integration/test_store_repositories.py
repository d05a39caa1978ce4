"""Repositories round-trip domain objects exactly, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from store_workers import START, make_set, make_workout

from redwood.domain.log import (
    CheckIn,
    LoggedSet,
    PlannedRef,
    SetKind,
    Unit,
    Workout,
    from_kg,
    to_kg,
)
from redwood.domain.vocabulary import Region
from redwood.store import InvalidEntry, NotFound, StoreError

PLAN = json.dumps({"schema_version": 1, "profile": {"goal": "strength", "level": "beginner"},
                   "weeks": []})


def _add(store, user_id, workout) -> int:
    with store.unit_of_work(user_id) as uow:
        workout_id = uow.workouts.add(workout)
        uow.commit()
    return workout_id


# --- users -----------------------------------------------------------------------------------


def test_users(store, user_id):
    with store.unit_of_work() as uow:
        assert [u.name for u in uow.users.list()] == ["me"]
        ana = uow.users.add("ana", Unit.LB)
        with pytest.raises(InvalidEntry, match="taken"):
            uow.users.add("ana")
        with pytest.raises(InvalidEntry):
            uow.users.add("  ")
        uow.commit()
    with store.unit_of_work() as uow:
        assert uow.users.by_name("ana") == ana
        assert uow.users.get(ana.id).unit is Unit.LB
        assert uow.users.set_unit(ana.id, Unit.KG).unit is Unit.KG
        assert uow.users.rename(user_id, "bo").name == "bo"
        with pytest.raises(NotFound):
            uow.users.set_unit(9999, Unit.KG)
        assert uow.users.get(9999) is None
        uow.commit()
    assert store.default_user().name == "bo"
    assert store.user("ana").id == ana.id
    with pytest.raises(StoreError, match="no user named"):
        store.user("nobody")


def test_scoped_repositories_need_a_user(store):
    with store.unit_of_work() as uow, pytest.raises(StoreError, match="needs a user"):
        uow.workouts.list()


# --- plans and profiles ----------------------------------------------------------------------


def test_plans_keep_exactly_one_active(store, user_id):
    with store.unit_of_work(user_id) as uow:
        assert uow.plans.active() is None
        first = uow.plans.add(PLAN)
        second = uow.plans.add(PLAN, {"goal": "hypertrophy"})
        kept = uow.plans.add(PLAN, activate=False)
        uow.commit()
    with store.reader(user_id) as uow:
        plan_id, data = uow.plans.active()
        assert plan_id == second and data["schema_version"] == 1
        assert [p.id for p in uow.plans.list()] == [kept, second, first]
        assert [p.active for p in uow.plans.list()] == [False, True, False]
        record = uow.plans.get(first)
        assert record.text == PLAN and record.profile == {"goal": "strength",
                                                          "level": "beginner"}
        assert uow.plans.get(second).profile == {"goal": "hypertrophy"}
    with store.unit_of_work(user_id) as uow:
        uow.plans.activate(first)
        with pytest.raises(NotFound):
            uow.plans.activate(12345)
        uow.commit()
    with store.reader(user_id) as uow:
        assert uow.plans.active()[0] == first
        assert sum(p.active for p in uow.plans.list()) == 1


def test_the_database_refuses_a_second_active_plan(store, user_id):
    from redwood.store.models import PlanRow
    from redwood.store.repositories import utcnow

    with store.unit_of_work(user_id) as uow:
        uow.plans.add(PLAN)
        uow.commit()
    with pytest.raises(InvalidEntry), store.unit_of_work(user_id) as uow:
        uow.session.add(PlanRow(user_id=user_id, profile={}, plan_json=PLAN, active=True,
                                created_at=utcnow()))
        uow.session.flush()


def test_bad_plans_are_refused(store, user_id):
    with store.unit_of_work(user_id) as uow:
        with pytest.raises(InvalidEntry, match="not JSON"):
            uow.plans.add("{")
        with pytest.raises(InvalidEntry, match="schema_version"):
            uow.plans.add('{"schema_version": 2}')


def test_profiles(store, user_id):
    with store.unit_of_work(user_id) as uow:
        a = uow.profiles.add({"goal": "strength"})
        b = uow.profiles.add({"goal": "endurance"})
        uow.commit()
    with store.unit_of_work(user_id) as uow:
        assert uow.profiles.active() == (b, {"goal": "endurance"})
        uow.profiles.activate(a)
        assert uow.profiles.active() == (a, {"goal": "strength"})
        assert [p.id for p in uow.profiles.list()] == [b, a]
        assert uow.profiles.get(a).data == {"goal": "strength"}
        uow.commit()


# --- workouts --------------------------------------------------------------------------------


def test_a_workout_round_trips_exactly(store, user_id):
    with store.unit_of_work(user_id) as uow:
        plan_id = uow.plans.add(PLAN)
        uow.commit()
    sets = (
        LoggedSet("back-squat", Decimal("20"), reps=10, kind=SetKind.WARMUP, rest_s=60),
        LoggedSet("back-squat", Decimal("102.5"), reps=5, rpe=Decimal("8.5"), rest_s=180,
                  form_note="knees caved"),
        LoggedSet("back-squat", to_kg(225, Unit.LB), reps=3, rir=1, completed=False,
                  kind=SetKind.FAILURE),
        LoggedSet("pull-up", None, reps=8, superset_group=1),
        LoggedSet("plank", None, seconds=45, superset_group=1),
        LoggedSet("farmers-walk", Decimal("32.25"), distance_m=Decimal("40.5"), seconds=30,
                  kind=SetKind.DROP),
    )
    workout = Workout(
        date=dt.date(2027, 1, 4), sets=sets,
        started_at=dt.datetime(2027, 1, 4, 18, 0), ended_at=dt.datetime(2027, 1, 4, 19, 5),
        planned=PlannedRef(plan_id, 1, 0), location="home", notes="felt strong", energy=5,
    )
    workout_id = _add(store, user_id, workout)
    with store.reader(user_id) as uow:
        got = uow.workouts.get(workout_id)
    assert got == Workout(**{**{f: getattr(workout, f) for f in workout.__slots__},
                             "id": workout_id})
    assert got.sets[2].weight_kg == Decimal("102.06")  # 225 lb, to 0.01 kg
    assert got.sets[1].weight_kg == Decimal("102.5")
    assert isinstance(got.sets[1].rpe, Decimal)


def test_weights_are_exact_to_a_hundredth_of_a_kilogram(store, user_id):
    weights = [Decimal("102.5"), to_kg(225, Unit.LB), to_kg("2.5", Unit.LB), Decimal("0.01"),
               Decimal("999.99"), Decimal("1000"), Decimal("0"), Decimal("57.83")]
    workout = Workout(START, tuple(LoggedSet("deadlift", w, reps=1) for w in weights))
    workout_id = _add(store, user_id, workout)
    with store.unit_of_work(user_id) as uow:
        uow.checkins.upsert(CheckIn(START, body_weight_kg=to_kg("176.4", Unit.LB)))
        uow.commit()
    with store.reader(user_id) as uow:
        got = [s.weight_kg for s in uow.workouts.get(workout_id).sets]
        body = uow.checkins.get(START).body_weight_kg
    assert got == weights
    assert all(w is not None and w == w.quantize(Decimal("0.01")) for w in got)
    assert to_kg(225, Unit.LB) == Decimal("102.06")
    assert from_kg(got[1], Unit.LB) == Decimal("225.00")  # and back to the lifter's unit
    assert body == Decimal("80.01")


def test_list_last_and_delete(store, user_id):
    ids = [_add(store, user_id, make_workout(day, 4)) for day in (0, 2, 2, 7)]
    with store.unit_of_work(user_id) as uow:
        extra = uow.workouts.add(Workout(START + dt.timedelta(days=3),
                                         (LoggedSet("lunge", None, reps=10),)))
        uow.commit()
    with store.reader(user_id) as uow:
        listed = uow.workouts.list()
        assert [w.id for w in listed] == [ids[3], extra, ids[2], ids[1], ids[0]]
        assert all(len(w.sets) == (1 if w.id == extra else 4) for w in listed)
        assert [w.id for w in uow.workouts.list(since=START + dt.timedelta(days=2),
                                                until=START + dt.timedelta(days=3))] == [
            extra, ids[2], ids[1]]
        assert [w.id for w in uow.workouts.list(exercise_id="lunge")] == [extra]
        assert [w.id for w in uow.workouts.list(limit=2)] == [ids[3], extra]
        assert uow.workouts.last().id == ids[3]
        assert uow.workouts.count_sets() == 17
    with store.unit_of_work(user_id) as uow:
        assert uow.workouts.delete(ids[3]) is True
        assert uow.workouts.delete(ids[3]) is False
        uow.commit()
    with store.reader(user_id) as uow:
        assert uow.workouts.last().id == extra
        assert uow.workouts.get(ids[3]) is None
        assert uow.workouts.count_sets() == 13


def test_add_sets_appends_in_order(store, user_id):
    workout_id = _add(store, user_id, Workout(START, (make_set(0),)))
    with store.unit_of_work(user_id) as uow:
        assert uow.workouts.add_sets(workout_id, [make_set(1), make_set(2)]) == (1, 2)
        assert uow.workouts.add_sets(workout_id, [make_set(3)]) == (3,)
        assert uow.workouts.add_sets(workout_id, []) == ()
        with pytest.raises(NotFound):
            uow.workouts.add_sets(99999, [make_set(1)])
        uow.commit()
    with store.reader(user_id) as uow:
        assert uow.workouts.get(workout_id).sets == tuple(make_set(i) for i in range(4))


def test_history_groups_sessions_by_workout_in_date_order(store, user_id):
    def squat(kg: str, reps: int) -> LoggedSet:
        return LoggedSet("back-squat", Decimal(kg), reps=reps)

    days = {  # day: sets (in the order done)
        7: (squat("62.5", 5), LoggedSet("row", Decimal("40"), reps=8), squat("62.5", 4)),
        0: (squat("60", 5), squat("60", 5)),
        3: (LoggedSet("row", Decimal("40"), reps=10),),
    }
    for day, sets in days.items():
        _add(store, user_id, Workout(START + dt.timedelta(days=day), sets))
    _add(store, user_id, Workout(START + dt.timedelta(days=7), (squat("50", 10),)))
    with store.reader(user_id) as uow:
        history = uow.workouts.history(["back-squat", "row", "never-done"])
        assert list(history) == ["back-squat", "row", "never-done"]
        assert history["never-done"] == []
        assert history["back-squat"] == [
            (START, (squat("60", 5), squat("60", 5))),
            (START + dt.timedelta(days=7), (squat("62.5", 5), squat("62.5", 4))),
            (START + dt.timedelta(days=7), (squat("50", 10),)),
        ]
        assert [d for d, _ in history["row"]] == [START + dt.timedelta(days=3),
                                                 START + dt.timedelta(days=7)]
        until = uow.workouts.history(["back-squat"], until=START + dt.timedelta(days=6))
        assert len(until["back-squat"]) == 1
        assert uow.workouts.history([]) == {}
        since = uow.workouts.sets_since(START + dt.timedelta(days=3))
        assert [(d - START).days for d, _ in since] == [3, 7, 7, 7, 7]
        assert [s.exercise_id for _, s in since][:4] == ["row", "back-squat", "row",
                                                         "back-squat"]


# --- check-ins, equipment, custom exercises --------------------------------------------------


def test_checkins_upsert_merges_and_list_in_date_order(store, user_id):
    day = dt.date(2027, 2, 1)
    with store.unit_of_work(user_id) as uow:
        uow.checkins.upsert(CheckIn(day, sleep_hours=Decimal("7.5"), energy=4,
                                    soreness={Region.LEGS: 2}))
        merged = uow.checkins.upsert(CheckIn(day, body_weight_kg=Decimal("80"),
                                             soreness={Region.BACK: 3}))
        for i in range(1, 6):
            uow.checkins.upsert(CheckIn(day + dt.timedelta(days=i), energy=i))
        uow.commit()
    assert merged == CheckIn(day, Decimal("80"), Decimal("7.5"), 4,
                             {Region.LEGS: 2, Region.BACK: 3})
    with store.reader(user_id) as uow:
        assert uow.checkins.get(day) == merged
        assert [c.energy for c in uow.checkins.list()] == [4, 1, 2, 3, 4, 5]
        assert [c.energy for c in uow.checkins.list(since=day + dt.timedelta(days=2),
                                                    until=day + dt.timedelta(days=3))] == [2, 3]
        assert [c.energy for c in uow.checkins.latest(3)] == [3, 4, 5]
        assert [c.energy for c in uow.checkins.latest(2, until=day + dt.timedelta(days=2))
                ] == [1, 2]
        assert uow.checkins.get(day - dt.timedelta(days=1)) is None


def test_equipment_profiles(store, user_id):
    gym = {"bar_kg": 20, "plates_kg": [Decimal("25"), Decimal("1.25"), Decimal("0.5")],
           "dumbbells_kg": [Decimal("2.5"), 5], "bands": ["light", "heavy"]}
    with store.unit_of_work(user_id) as uow:
        assert uow.equipment.get("gym") is None
        uow.equipment.put("gym", gym)
        uow.equipment.put("home", {"bands": ["light"]})
        uow.equipment.put("home", {"bands": ["medium"]})
        with pytest.raises(InvalidEntry, match="gym, home, outdoor"):
            uow.equipment.put("moon", {})
        uow.commit()
    with store.reader(user_id) as uow:
        got = uow.equipment.get("gym")
        assert got == gym
        assert got["plates_kg"][1] == Decimal("1.25") and isinstance(got["plates_kg"][1],
                                                                     Decimal)
        assert uow.equipment.list() == {"gym": gym, "home": {"bands": ["medium"]}}


def test_custom_exercises(store, user_id):
    with store.unit_of_work(user_id) as uow:
        uow.exercises.put("sandbag-carry", "Sandbag carry", {"region": "full-body"})
        uow.exercises.put("sandbag-carry", "Sandbag bear-hug carry", {"region": "full-body"})
        uow.commit()
    with store.unit_of_work(user_id) as uow:
        assert uow.exercises.get("sandbag-carry").name == "Sandbag bear-hug carry"
        assert [e.exercise_id for e in uow.exercises.list()] == ["sandbag-carry"]
        assert uow.exercises.delete("sandbag-carry") is True
        assert uow.exercises.get("sandbag-carry") is None
        uow.commit()


# --- undo ------------------------------------------------------------------------------------


def test_undo_pops_the_journal(store, user_id):
    whole = _add(store, user_id, make_workout(0, 3))
    with store.unit_of_work(user_id) as uow:
        uow.workouts.add_sets(whole, [make_set(7), make_set(8)])
        uow.checkins.upsert(CheckIn(START, energy=2))
        uow.checkins.upsert(CheckIn(START, energy=5, sleep_hours=Decimal("8")))
        uow.commit()

    undone = store.undo_last(user_id)
    assert (undone.kind, undone.message) == ("checkin", f"restored the check-in of {START}")
    with store.reader(user_id) as uow:
        assert uow.checkins.get(START) == CheckIn(START, energy=2)
    assert store.undo_last(user_id).message == f"removed the check-in of {START}"

    undone = store.undo_last(user_id)
    assert (undone.kind, undone.sets, undone.workout_id) == ("sets", 2, whole)
    with store.reader(user_id) as uow:
        assert len(uow.workouts.get(whole).sets) == 3

    undone = store.undo_last(user_id)
    assert (undone.kind, undone.sets, undone.date) == ("workout", 3, START)
    with store.reader(user_id) as uow:
        assert uow.workouts.get(whole) is None
        assert uow.checkins.get(START) is None
    assert store.undo_last(user_id) is None


def test_deleting_a_workout_removes_its_undo_entries(store, user_id):
    first = _add(store, user_id, make_workout(0, 2))
    second = _add(store, user_id, make_workout(1, 2))
    with store.unit_of_work(user_id) as uow:
        uow.workouts.add_sets(second, [make_set(5)])
        uow.workouts.delete(second)
        uow.commit()
    undone = store.undo_last(user_id)
    assert (undone.kind, undone.workout_id) == ("workout", first)
