"""Assistance is not load: assisted pull-ups and dips from Strong and Hevy files are stored
with their weight as assistance, and records, e1RM and the history order them by how little
help they needed (on SQLite, and PostgreSQL when REDWOOD_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import contextlib
import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from importkit import write_csv

from redwood.catalog import load_catalog
from redwood.coach.analytics import e1rm_series
from redwood.coach.e1rm import best_e1rm
from redwood.coach.records import compute_records, new_records
from redwood.domain.log import LoggedSet, Unit, is_assisted
from redwood.io.strong_csv import exercise_names, write_strong_csv
from redwood.render.text import print_history
from redwood.services.importing import import_file
from redwood.store import Store

STRONG_HEADER = ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight",
                 "Reps", "Distance", "Seconds", "Notes", "Workout Notes", "RPE"]
HEVY_HEADER = ["title", "start_time", "end_time", "description", "exercise_title",
               "superset_id", "exercise_notes", "set_index", "set_type", "weight_kg", "reps",
               "distance_km", "duration_seconds", "rpe"]
# (day, assistance kg, reps): the 40 kg day needed the least help; the 80 kg day the most.
SESSIONS = [(3, 80, 8), (10, 60, 8), (17, 40, 8), (24, 60, 10)]


def _strong(tmp_path: Path, name: str) -> Path:
    rows = [[f"2025-03-{day:02d} 18:00:00", "Pull", "40m", name, str(i), str(kg), str(reps),
             "0", "0", "", "", ""]
            for day, kg, reps in SESSIONS for i in (1, 2)]
    return write_csv(tmp_path / "strong.csv", STRONG_HEADER, rows)


def _hevy(tmp_path: Path, name: str) -> Path:
    rows = [["Pull", f"{day} Mar 2025, 18:00", f"{day} Mar 2025, 18:40", "", name, "", "",
             str(i), "normal", str(kg), str(reps), "", "", ""]
            for day, kg, reps in SESSIONS for i in (0, 1)]
    return write_csv(tmp_path / "hevy.csv", HEVY_HEADER, rows)


def _user(store: Store, user_id: int):  # type: ignore[no-untyped-def]
    with store.reader() as uow:
        return uow.users.get(user_id)


@pytest.mark.parametrize(("make", "name", "exercise_id"), [
    (_strong, "Pull Up (Assisted)", "assisted-pull-up"),
    (_hevy, "Pull Up (Assisted)", "assisted-pull-up"),
    (_strong, "Triceps Dip (Assisted)", "triceps-dip-assisted"),
    (_hevy, "Triceps Dip (Assisted)", "triceps-dip-assisted"),
], ids=["strong-pull-up", "hevy-pull-up", "strong-dip", "hevy-dip"])
def test_records_and_e1rm_order_assisted_sets_by_assistance(store, user_id, tmp_path, make,
                                                            name, exercise_id):
    report = import_file(store, _user(store, user_id), make(tmp_path, name), unit=Unit.KG)
    assert report.stored and report.assisted_sets == 8
    assert report.volume_kg == 0  # help is not load
    assert report.names[name].exercise_id == exercise_id and is_assisted(exercise_id)
    with store.reader(user_id) as uow:
        log = uow.workouts.list()
    assert {s.weight_kg for w in log for s in w.sets} == {Decimal(40), Decimal(60),
                                                          Decimal(80)}  # stored as help
    rec = compute_records(log)[exercise_id]
    assert rec.heaviest is not None and rec.heaviest.value == Decimal(-40)  # least help
    assert rec.best_volume is None
    series = {p.date.day: p.e1rm_kg for p in e1rm_series(log, exercise_id)}
    # Less help is better; at the same help, more reps is better.
    assert series[17] > series[24] > series[10] > series[3]
    assert all(v < 0 for v in series.values())
    assert rec.best_e1rm is not None and rec.best_e1rm.value == series[17]
    assert best_e1rm(s for w in log for s in w.sets)[exercise_id] == series[17]
    # A new set with less help than ever breaks the records; more help breaks none.
    less = new_records(log, [LoggedSet(exercise_id, Decimal(30), 8)])
    assert {b.kind.value for b in less} >= {"heaviest", "e1rm"}
    assert new_records(log, [LoggedSet(exercise_id, Decimal(90), 8)]) == []


def test_the_history_shows_assistance_and_the_strong_export_writes_it_as_strong_does(
        store, user_id, tmp_path):
    import_file(store, _user(store, user_id), _strong(tmp_path, "Pull Up (Assisted)"),
                unit=Unit.KG)
    with store.reader(user_id) as uow:
        log = uow.workouts.list()
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        print_history(log, Unit.KG, {e.id: e.name for e in load_catalog()})
    assert "-40 kg x 8" in text.getvalue() and "-80 kg x 8" in text.getvalue()
    out = io.StringIO(newline="")
    write_strong_csv(log, out, unit=Unit.KG, names=exercise_names())
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {(r["Exercise Name"], r["Weight"]) for r in rows} == {
        ("Pull Up (Assisted)", "40.0"), ("Pull Up (Assisted)", "60.0"),
        ("Pull Up (Assisted)", "80.0")}
