"""Personal records, and the moment a logged set beats one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coachkit import ago, kg, session, sets, warmup
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.coach.e1rm import set_e1rm
from redwood.coach.records import RecordKind, compute_records, new_records
from redwood.domain.log import LoggedSet, SetKind, Unit, Workout

HISTORY = [
    session(14, sets("back-squat", 100, 5, 5, 5), (warmup("back-squat", 140, 1),)),
    session(7, sets("back-squat", 90, 8, 8, 8), sets("pull-up", None, 8, 7, 6)),
]


def test_records_over_a_log() -> None:
    rec = compute_records(HISTORY)["back-squat"]
    # the 140 kg warm-up never counts
    assert rec.heaviest is not None and rec.heaviest.value == kg(100)
    assert rec.heaviest.date == ago(14)
    assert rec.best_e1rm is not None and rec.best_e1rm.value == kg("114.58")  # 100 x 5
    assert rec.best_e1rm.reps == 5 and rec.best_e1rm.date == ago(14)
    assert rec.best_volume is not None and rec.best_volume.value == kg(2160)  # 3 x 90 x 8
    assert rec.most_reps_from(kg(90)) == 8
    assert rec.most_reps_from(kg(95)) == 5
    assert rec.most_reps_from(kg(101)) == 0
    pull = compute_records(HISTORY)["pull-up"]
    assert pull.heaviest is None and pull.most_reps_from(None) == 8


def test_workouts_and_date_set_pairs_read_the_same() -> None:
    as_workouts = [Workout(day, s) for day, s in HISTORY]
    assert compute_records(as_workouts) == compute_records(HISTORY)


def kinds(breaks):
    return [(b.kind, b.set_index) for b in breaks]


def test_a_heavier_set_is_flagged_as_it_is_logged() -> None:
    today = [*sets("back-squat", 102.5, 3)]
    found = new_records(HISTORY, today)
    assert (RecordKind.HEAVIEST, 0) in kinds(found)
    heaviest = next(b for b in found if b.kind is RecordKind.HEAVIEST)
    assert heaviest.previous == kg(100)
    assert heaviest.describe(Unit.KG, "Back Squat") == (
        "Heaviest on Back Squat: 102.5 kg (was 100 kg)."
    )


def test_more_reps_at_a_weight_or_heavier_is_a_rep_record() -> None:
    assert kinds(new_records(HISTORY, sets("back-squat", 90, 9))) == [
        (RecordKind.REPS, 0), (RecordKind.E1RM, 0),
    ]
    # 9 reps at 80 kg: 8 at 90 kg was done, but 9 at 80 never was (nor at anything heavier)
    assert (RecordKind.REPS, 0) in kinds(new_records(HISTORY, sets("back-squat", 80, 9)))
    # 8 reps at 85 kg: 8 at the heavier 90 kg already happened
    assert kinds(new_records(HISTORY, sets("back-squat", 85, 8))) == []


def test_session_volume_is_flagged_once_by_the_set_that_passes_it() -> None:
    today = list(sets("back-squat", 90, 8, 8, 8, 8, 8))
    found = [b for b in new_records(HISTORY, today) if b.kind is RecordKind.VOLUME]
    assert [(b.set_index, b.value) for b in found] == [(3, kg(2880))]


def test_each_set_is_compared_with_todays_earlier_sets_too() -> None:
    today = [*sets("back-squat", 102.5, 2), *sets("back-squat", 105, 1)]
    heavy = [b for b in new_records(HISTORY, today) if b.kind is RecordKind.HEAVIEST]
    assert [(b.set_index, b.previous) for b in heavy] == [(0, kg(100)), (1, kg("102.5"))]


def test_bodyweight_rep_records() -> None:
    assert kinds(new_records(HISTORY, sets("pull-up", None, 9))) == [(RecordKind.REPS, 0)]
    assert kinds(new_records(HISTORY, sets("pull-up", None, 8))) == []


def test_a_first_session_is_a_baseline_and_warmups_never_count() -> None:
    assert new_records(HISTORY, sets("deadlift", 140, 5)) == []
    assert new_records(HISTORY, [LoggedSet("back-squat", kg(200), 1, kind=SetKind.WARMUP)]) == []


def test_records_can_be_passed_precomputed() -> None:
    today = sets("back-squat", 102.5, 3)
    assert new_records(compute_records(HISTORY), today) == new_records(HISTORY, today)


_log_set = st.builds(
    LoggedSet,
    st.sampled_from(["a", "b"]),
    st.one_of(st.none(), st.integers(1, 40).map(lambda q: Decimal(q) * Decimal("2.5"))),
    st.one_of(st.none(), st.integers(0, 15)),
    rpe=st.one_of(st.none(), st.sampled_from([kg(7), kg(8), kg("9.5")])),
    kind=st.sampled_from([SetKind.WORKING, SetKind.WORKING, SetKind.WARMUP, SetKind.FAILURE]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_log_set, max_size=8), max_size=8))
def test_the_one_pass_records_match_a_plain_reading(days) -> None:
    log = [(dt.date(2027, 1, 1) + dt.timedelta(days=i), tuple(d)) for i, d in enumerate(days)]
    got = compute_records(log)
    counted = [(day, s) for day, ss in log for s in ss
               if s.kind is not SetKind.WARMUP and s.reps is not None and s.reps >= 1]
    assert set(got) == {s.exercise_id for _, s in counted}
    for ex, rec in got.items():
        mine = [(day, s) for day, s in counted if s.exercise_id == ex]
        weights = [s.weight_kg for _, s in mine if s.weight_kg is not None]
        assert (rec.heaviest.value if rec.heaviest else None) == (max(weights) if weights else None)
        e1rms = [e for _, s in mine if (e := set_e1rm(s)) is not None]
        assert (rec.best_e1rm.value if rec.best_e1rm else None) == (max(e1rms) if e1rms else None)
        volumes = {}
        for day, s in mine:
            if s.weight_kg is not None:
                volumes[day] = volumes.get(day, 0) + s.weight_kg * s.reps
        best = max(volumes.values(), default=0)
        assert (rec.best_volume.value if rec.best_volume else 0) == best
        for w in {s.weight_kg for _, s in mine}:
            assert rec.reps_at_weight[w].reps == max(s.reps for _, s in mine if s.weight_kg == w)
