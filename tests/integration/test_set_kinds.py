"""One meaning for each set kind (domain.log.HARD_KINDS), table-driven: every consumer that
counts sets (analytics, the review's and progress page's weekly sets, records, e1RM, the
store's queries, the importer's summary, the Strong CSV export) counts the same ones. The
warm-up is the heaviest set of the day, so a consumer that counted it would be caught; the
failure set (Hevy's "failure": taken to failure) and the drop set are hard sets."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from redwood.domain.log import HARD_KINDS, LoggedSet, SetKind, Unit, Workout
from redwood.store import Store

DAY = dt.date(2026, 3, 2)  # a Monday
SETS = (
    LoggedSet("back-squat", Decimal(200), 5, kind=SetKind.WARMUP),
    LoggedSet("back-squat", Decimal(100), 5, kind=SetKind.WORKING),
    LoggedSet("back-squat", Decimal(90), 8, kind=SetKind.FAILURE),
    LoggedSet("back-squat", Decimal(70), 10, kind=SetKind.DROP),
)
WARMUP_ONLY = Workout(DAY + dt.timedelta(days=1),
                      (LoggedSet("back-squat", Decimal(200), 3, kind=SetKind.WARMUP),))
HARD = [s for s in SETS if s.kind in HARD_KINDS]
EXPECTED = (len(HARD), sum((s.volume_kg for s in HARD), Decimal(0)))


def _log() -> list[Workout]:
    return [Workout(DAY, SETS), WARMUP_ONLY]


def _weekly(store: Store, user_id: int) -> tuple[int | None, Decimal | None]:
    from redwood.catalog import load_catalog
    from redwood.coach.analytics import weekly_sets

    (week,) = weekly_sets(_log(), load_catalog(), DAY, DAY + dt.timedelta(days=6))
    return week.legs, None


def _daily(store: Store, user_id: int) -> tuple[int | None, Decimal | None]:
    from redwood.coach.analytics import daily_sets, training_days

    days = daily_sets(_log(), DAY, DAY + dt.timedelta(days=1))
    assert training_days(_log()) == [DAY]  # a day of warm-ups only is no training day
    assert days[1].sets == 0
    return days[0].sets, None


def _records(store: Store, user_id: int) -> tuple[int | None, Decimal | None]:
    from redwood.coach.records import compute_records

    rec = compute_records(_log())["back-squat"]
    assert rec.heaviest is not None and rec.heaviest.value == max(s.weight_kg or 0 for s in HARD)
    assert rec.best_volume is not None
    return None, rec.best_volume.value


def _stored(store: Store, user_id: int) -> tuple[int | None, Decimal | None]:
    from redwood.store import queries

    with store.unit_of_work(user_id) as uow:
        for w in _log():
            uow.workouts.add(w)
        uow.commit()
    with store.reader(user_id) as uow:
        (day,) = queries.hard_sets_by_day(uow, ["back-squat"], before=DAY + dt.timedelta(9))
        assert queries.training_days(uow, before=DAY + dt.timedelta(days=9)) == [DAY]
        best = uow.workouts.best_volumes(["back-squat"])["back-squat"]
    # Equal sets are read once a day: these are all different.
    assert best == sum((s.volume_kg for s in day.sets), Decimal(0))
    return len(day.sets), best


def _importer(store: Store, user_id: int) -> tuple[int | None, Decimal | None]:
    from redwood.io.rows import Export, ImportRow
    from redwood.services.importing import import_export

    start = dt.datetime.combine(DAY, dt.time(18))
    rows = [ImportRow(i + 2, start, "Squat (Barbell)", s.kind, s.weight_kg, Unit.KG, s.reps)
            for i, s in enumerate(SETS)]
    with store.reader() as uow:
        user = uow.users.get(user_id)
    assert user is not None
    report = import_export(store, user, Export("hevy", "test", iter(rows)), dry_run=True)
    assert report.volume_kg == sum((s.volume_kg for s in SETS), Decimal(0))  # the file's total
    return report.hard_sets, report.hard_volume_kg


def _export(store: Store, user_id: int) -> tuple[int | None, Decimal | None]:
    """The Strong CSV export marks each kind as Strong does, so reading it back gives the
    same hard sets."""
    import csv

    from redwood.io.strong_csv import write_strong_csv

    out = io.StringIO(newline="")
    write_strong_csv(_log(), out, unit=Unit.KG, names={"back-squat": "Squat (Barbell)"})
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    hard = [r for r in rows if r["Set Order"] != "W"]
    assert sorted(r["Set Order"] for r in rows) == ["1", "D", "F", "W", "W"]
    return len(hard), sum((Decimal(r["Weight"]) * int(r["Reps"]) for r in hard), Decimal(0))


CONSUMERS: dict[str, Callable[[Store, int], tuple[int | None, Decimal | None]]] = {
    "analytics weekly sets (review, progress page)": _weekly,
    "analytics daily sets and training days": _daily,
    "records": _records,
    "store queries and record volumes": _stored,
    "importer summary": _importer,
    "Strong CSV export": _export,
}


@pytest.mark.parametrize("consumer", list(CONSUMERS))
def test_every_consumer_counts_the_same_hard_sets(store, user_id, consumer):
    count, volume = CONSUMERS[consumer](store, user_id)
    if count is not None:
        assert count == EXPECTED[0]
    if volume is not None:
        assert volume == EXPECTED[1]


def test_every_e1rm_reads_the_same_sets(store, user_id):
    from redwood.coach.analytics import e1rm_series
    from redwood.coach.e1rm import best_e1rm, set_e1rm
    from redwood.coach.records import compute_records

    expected = max(e for s in HARD if (e := set_e1rm(s)) is not None)
    (point,) = e1rm_series(_log(), "back-squat")
    rec = compute_records(_log())["back-squat"].best_e1rm
    assert rec is not None
    got: dict[str, Any] = {"series": point.e1rm_kg, "best_e1rm": best_e1rm(SETS)["back-squat"],
                           "records": rec.value}
    assert got == dict.fromkeys(got, expected)
    assert set_e1rm(SETS[0]) is None  # a warm-up has none


def test_a_failure_set_is_a_hard_set_not_a_missed_one():
    assert SetKind.FAILURE.hard and SetKind.DROP.hard and SetKind.WORKING.hard
    assert not SetKind.WARMUP.hard
