"""`export csv`: the log as Strong's most common CSV, read back by Redwood's own Strong
importer (same sets) and by a plain CSV reader (spreadsheet-compatible)."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
from decimal import Decimal
from pathlib import Path

import pytest

from redwood.domain.log import LoggedSet, SetKind, Unit, Workout
from redwood.io.strong_csv import HEADER, exercise_names, strong_name, write_strong_csv
from redwood.store import Store, open_store
from redwood.store.location import sqlite_url

D = Decimal
SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "real" / "strong_sample.csv"

LOG = [
    Workout(date=dt.date(2026, 3, 2), started_at=dt.datetime(2026, 3, 2, 18, 5),
            ended_at=dt.datetime(2026, 3, 2, 19, 8), title='Legs, "heavy" A', sets=(
                LoggedSet("back-squat", D("40"), 5, kind=SetKind.WARMUP),
                LoggedSet("back-squat", D("102.06"), 5, rpe=D("8.5")),
                LoggedSet("back-squat", D("102.5"), 5, rpe=D("9")),
                LoggedSet("back-squat", D("80"), 8, kind=SetKind.DROP),
                LoggedSet("romanian-deadlift", D("61.23"), 10),
                LoggedSet("romanian-deadlift", D("60"), 10, kind=SetKind.FAILURE),
                LoggedSet("plank", None, seconds=60),
                LoggedSet("pull-up", None, 8),
                LoggedSet("sled-drag", D("50"), distance_m=D("20.25")),
            )),
    # Two untimed workouts with the same (default) name on one day stay two workouts.
    Workout(date=dt.date(2026, 3, 4), sets=(LoggedSet("deadlift", D("140"), 3),)),
    Workout(date=dt.date(2026, 3, 4), sets=(LoggedSet("lat-pulldown", D("45.5"), 12),)),
    Workout(date=dt.date(2026, 2, 27), started_at=dt.datetime(2026, 2, 27, 7, 0),
            ended_at=dt.datetime(2026, 2, 27, 7, 35), title="Back",
            sets=(LoggedSet("lat-pulldown", D("50"), 10),)),
]


@pytest.fixture
def logged(store: Store, user_id: int) -> Store:
    with store.unit_of_work(user_id) as uow:
        for w in LOG:
            uow.workouts.add(w)
        uow.commit()
    return store


def export(store: Store, path: Path, unit: Unit = Unit.KG) -> int:
    user = store.default_user()
    with store.reader(user.id) as uow:
        workouts = uow.workouts.list()
    with path.open("w", encoding="utf-8", newline="") as f:
        return write_strong_csv(workouts, f, unit=unit, names=exercise_names())


def test_names_are_strongs_where_the_catalogue_knows_them() -> None:
    names = exercise_names({"my-move": "My Move"})
    assert names["back-squat"] == "Squat (Barbell)"
    assert names["romanian-deadlift"] == "Romanian Deadlift (Barbell)"
    assert names["my-move"] == "My Move"
    assert strong_name("Plank", ["Front Plank"]) == "Plank"


def test_the_header_is_strongs_most_common_one(logged: Store, tmp_path: Path) -> None:
    out = tmp_path / "strong.csv"
    assert export(logged, out) == 12
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    header = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE"
    assert raw.decode("utf-8").splitlines()[0] == ",".join(HEADER) == header
    if SAMPLE.exists():  # the real Strong export this header was read from
        assert SAMPLE.read_text("utf-8").splitlines()[0] == header


def test_a_spreadsheet_reads_every_set(logged: Store, tmp_path: Path) -> None:
    out = tmp_path / "strong.csv"
    export(logged, out)
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 12
    assert all(len(r) == len(HEADER) for r in rows)
    first = rows[0]  # oldest workout first
    assert first["Date"] == "2026-02-27 07:00:00" and first["Duration"] == "35m"
    legs = [r for r in rows if r["Workout Name"] == 'Legs, "heavy" A']
    assert [r["Set Order"] for r in legs] == ["W", "1", "2", "D", "1", "F", "1", "1", "1"]
    assert legs[0]["Exercise Name"] == "Squat (Barbell)" and legs[0]["Duration"] == "1h 3m"
    assert [r["Weight"] for r in legs[:4]] == ["40.0", "102.06", "102.5", "80.0"]
    assert legs[1]["RPE"] == "8.5" and legs[0]["RPE"] == ""
    plank = legs[6]
    assert (plank["Weight"], plank["Reps"], plank["Seconds"]) == ("0", "0", "60")
    assert legs[8]["Distance"] == "0.02025"  # km: the weights are in kg
    untimed = [r["Date"] for r in rows if r["Workout Name"] == "Workout"]
    assert untimed == ["2026-03-04 00:00:00", "2026-03-04 00:01:00"]


def test_pounds_are_shown_as_entered(logged: Store, tmp_path: Path) -> None:
    out = tmp_path / "strong-lb.csv"
    export(logged, out, Unit.LB)
    with out.open(encoding="utf-8", newline="") as f:
        weights = [r["Weight"] for r in csv.DictReader(f) if r["Exercise Name"].startswith(
            "Romanian")]
    # 61.23 kg was 135 lb as entered; 60 kg is 132.28 lb (132.3 would read back as 60.01).
    assert weights == ["135.0", "132.28"]


def _sets(store: Store) -> list[tuple[object, ...]]:
    user = store.default_user()
    with store.reader(user.id) as uow:
        return sorted(
            (w.date, s.exercise_id, s.kind, s.weight_kg, s.reps, s.seconds, s.distance_m,
             s.rpe)
            for w in uow.workouts.list() for s in w.sets)


@pytest.mark.parametrize("unit", [Unit.KG, Unit.LB])
def test_redwoods_strong_importer_reads_back_the_same_sets(logged: Store, tmp_path: Path,
                                                           unit: Unit) -> None:
    if importlib.util.find_spec("redwood.io.importer") is None:
        pytest.skip("the Strong importer (redwood.io.importer) is not built yet")
    from redwood.services.importing import import_file

    out = tmp_path / "strong.csv"
    export(logged, out, unit)
    target = open_store(sqlite_url(tmp_path / "target.db"))
    try:
        report = import_file(target, target.default_user(), out, fmt="strong", unit=unit,
                             today=dt.date(2026, 12, 31))
        assert report.sets_added == 12 and not report.errors
        assert report.workouts == 4
        assert _sets(target) == _sets(logged)
        again = import_file(target, target.default_user(), out, fmt="strong", unit=unit,
                            today=dt.date(2026, 12, 31))
        assert again.sets_added == 0
    finally:
        target.close()
