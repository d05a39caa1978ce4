"""The import pipeline on real exports and real databases (SQLite, and PostgreSQL when
REDWOOD_TEST_POSTGRES_URL is set): counts and volume match an independent count of the file,
re-imports add nothing, bad files import nothing, mappings, units, custom exercises, users."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from importkit import (
    HEVY,
    STRONG,
    expect_hevy,
    expect_strong,
    read_rows,
    stored,
    write_csv,
)

from redwood.domain.log import SetKind, Unit, to_kg
from redwood.io.importer import ImportFailed, import_key
from redwood.io.rows import Export, ImportRow, RowProblem
from redwood.services.importing import import_export, import_file
from redwood.store import Store

STRONG_HEADER = ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight",
                 "Reps", "Distance", "Seconds", "Notes", "Workout Notes", "RPE"]


def _user(store: Store, user_id: int):  # type: ignore[no-untyped-def]
    with store.reader() as uow:
        return uow.users.get(user_id)


def _run(store: Store, user_id: int, path: Path, **kw):  # type: ignore[no-untyped-def]
    return import_file(store, _user(store, user_id), path, **kw)


# --- the real samples ------------------------------------------------------------------------


def test_strong_sample_is_stored_set_for_set(store, user_id):
    expected = expect_strong(STRONG)
    report = _run(store, user_id, STRONG)
    assert report.stored and not report.refused
    assert (report.format, report.unit, report.unit_how) == ("strong", Unit.KG, "inferred")
    assert report.rows == expected.rows
    assert report.rows == report.sets_added + report.duplicates + len(report.skipped)
    assert report.sets == report.sets_added == expected.sets
    assert report.workouts == report.workouts_added == expected.workouts
    assert report.volume_kg == expected.volume_kg
    now = stored(store, user_id)
    assert (now.workouts, now.sets, now.volume_kg) == (expected.workouts, expected.sets,
                                                       expected.volume_kg)
    assert {m.name: m.sets for m in report.names.values()} == expected.by_name
    assert report.names["Squat (Barbell)"].exercise_id == "back-squat"
    assert report.names["Lat Pulldown (Cable)"].exercise_id == "lat-pulldown"
    assert report.names["Bent Over Row (Barbell)"].exercise_id == "barbell-row"
    assert report.exercises_custom == 0


def test_hevy_sample_keeps_kinds_supersets_rpe_and_times(store, user_id):
    expected = expect_hevy(HEVY)
    report = _run(store, user_id, HEVY)
    assert report.stored
    assert report.rows == expected.rows
    assert report.sets_added == expected.sets
    assert len(report.skipped) == expected.skipped  # a 0-rep failure set: nothing to store
    assert all(s.ignored for s in report.skipped)
    assert report.workouts_added == expected.workouts
    assert report.volume_kg == expected.volume_kg == stored(store, user_id).volume_kg
    with store.reader(user_id) as uow:
        workouts = uow.workouts.list()
    sets = [s for w in workouts for s in w.sets]
    kinds = {s.kind for s in sets}
    assert kinds == {SetKind.WORKING, SetKind.WARMUP, SetKind.FAILURE, SetKind.DROP}
    assert any(s.superset_group for s in sets)
    assert any(s.rpe == Decimal("9.5") for s in sets)
    assert any(s.seconds == 300 and s.reps is None for s in sets)  # Hevy's timed warm-ups
    first = next(w for w in workouts if w.title == "Lower // Ramp // Strength // 1")
    assert first.started_at == dt.datetime(2025, 9, 15, 7, 48)
    assert first.ended_at == dt.datetime(2025, 9, 15, 9, 13)
    assert first.sets[0].exercise_id == "seated-leg-curl"
    assert (first.sets[0].kind, first.sets[0].weight_kg, first.sets[0].reps) == (
        SetKind.WARMUP, Decimal("39.00"), 10)


def test_reimporting_adds_nothing(store, user_id):
    first = _run(store, user_id, STRONG)
    again = _run(store, user_id, STRONG)
    assert again.stored
    assert (again.workouts_added, again.sets_added) == (0, 0)
    assert again.duplicates == first.sets_added
    assert again.workouts_duplicate == first.workouts_added
    assert again.volume_kg == 0
    assert stored(store, user_id).sets == first.sets_added


def test_a_newer_overlapping_export_adds_only_the_new_workouts(store, user_id, tmp_path):
    header, rows = read_rows(STRONG)
    starts = list(dict.fromkeys((r[0], r[1]) for r in rows))
    older_keys = set(starts[:8])
    older = write_csv(tmp_path / "older.csv", header,
                      [r for r in rows if (r[0], r[1]) in older_keys])
    first = _run(store, user_id, older)
    assert first.workouts_added == 8
    newer = _run(store, user_id, STRONG)
    assert newer.workouts_added == len(starts) - 8
    assert newer.workouts_duplicate == 8
    assert newer.duplicates == first.sets_added
    assert newer.sets_added + newer.duplicates == expect_strong(STRONG).sets
    assert stored(store, user_id).sets == expect_strong(STRONG).sets


def _bad_copy(tmp_path: Path) -> tuple[Path, list[int]]:
    """The Strong sample with three bad rows: a weight that is no number, negative reps (the
    parser's catch) and a 3000 kg set (the log's limit, the pipeline's catch)."""
    header, rows = read_rows(STRONG)
    weight, reps = header.index("Weight"), header.index("Reps")
    rows[3][weight] = "abc"
    rows[8][reps] = "-3"
    rows[18][weight] = "3000"
    return write_csv(tmp_path / "bad.csv", header, rows), [5, 10, 20]


def test_a_file_with_bad_rows_imports_nothing_and_names_every_bad_line(store, user_id,
                                                                         tmp_path):
    path, lines = _bad_copy(tmp_path)
    report = _run(store, user_id, path)
    assert report.refused and not report.stored
    assert [s.line for s in report.errors] == lines
    assert "abc" in report.errors[0].reason
    assert "3000" in report.errors[2].reason and "1500" in report.errors[2].reason
    assert (report.sets_added, report.workouts_added) == (0, 0)
    assert stored(store, user_id).sets == 0
    with store.reader(user_id) as uow:
        assert uow.exercises.list() == []


def test_skip_bad_rows_imports_the_rest_and_reports_the_bad(store, user_id, tmp_path):
    path, lines = _bad_copy(tmp_path)
    report = _run(store, user_id, path, skip_bad_rows=True)
    assert report.stored and not report.refused
    assert [s.line for s in report.errors] == lines
    expected = expect_strong(STRONG)
    assert report.sets_added == expected.sets - 3
    assert report.rows == report.sets_added + report.duplicates + len(report.skipped)
    assert stored(store, user_id).sets == expected.sets - 3


def test_dry_run_stores_nothing_and_tells_what_would_be(store, user_id):
    dry = _run(store, user_id, STRONG, dry_run=True)
    assert dry.dry_run and not dry.stored
    assert stored(store, user_id).sets == 0
    real = _run(store, user_id, STRONG)
    assert (dry.sets_added, dry.workouts_added, dry.volume_kg) == (
        real.sets_added, real.workouts_added, real.volume_kg)
    assert {n: m.exercise_id for n, m in dry.names.items()} == {
        n: m.exercise_id for n, m in real.names.items()}
    assert _run(store, user_id, STRONG, dry_run=True).sets_added == 0


def test_a_mapping_file_corrects_the_mapping(store, user_id):
    report = _run(store, user_id, STRONG,
                  overrides={"Leg Press": "hack-squat", "kettlebell carry": "custom"})
    assert report.names["Leg Press"].how == "map"
    assert report.names["Kettlebell Carry"].how == "custom"
    with store.reader(user_id) as uow:
        ids = {s.exercise_id for w in uow.workouts.list() for s in w.sets}
        customs = {c.exercise_id: c.name for c in uow.exercises.list()}
    assert "hack-squat" in ids and "leg-press" not in ids
    assert customs == {"kettlebell-carry": "Kettlebell Carry"}


def test_unknown_exercises_become_the_users_own_and_are_never_dropped(store, user_id):
    expected = expect_hevy(HEVY)
    report = _run(store, user_id, HEVY)
    custom = {m.name: m for m in report.names.values() if m.how == "custom"}
    assert "Katana Triceps Extension" in custom and "Dragon Flag" in custom
    with store.reader(user_id) as uow:
        mine = {c.exercise_id: c.name for c in uow.exercises.list()}
        counts: dict[str, int] = {}
        for w in uow.workouts.list():
            for s in w.sets:
                counts[s.exercise_id] = counts.get(s.exercise_id, 0) + 1
    assert {m.exercise_id: m.name for m in custom.values()} == mine
    for name, m in custom.items():
        assert counts[m.exercise_id] == expected.by_name[name]
    assert sum(counts.values()) == expected.sets


def test_two_users_imports_are_apart(store, user_id, other_user_id):
    _run(store, user_id, STRONG)
    assert stored(store, other_user_id).sets == 0
    theirs = _run(store, other_user_id, STRONG)
    assert theirs.sets_added == expect_strong(STRONG).sets  # keys are per user
    assert stored(store, user_id).sets == stored(store, other_user_id).sets


# --- units -----------------------------------------------------------------------------------


def _strong_file(tmp_path: Path, weights: list[str], name: str = "lb.csv") -> Path:
    rows = []
    for i, w in enumerate(weights):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=i // 5)
        rows.append([f"{day} 18:00:00", "Legs", "1h", "Squat (Barbell)", str(i % 5 + 1), w,
                     "5", "0", "0", "", "", ""])
    return write_csv(tmp_path / name, STRONG_HEADER, rows)


def test_lb_files_are_recognised_converted_exactly_and_said(store, user_id, tmp_path):
    weights = ["135", "185", "225", "225", "95", "135.0", "149.99999999999997", "315", "45",
               "275", "225", "185"]
    report = _run(store, user_id, _strong_file(tmp_path, weights))
    assert (report.unit, report.unit_how) == (Unit.LB, "inferred")
    assert any("--unit kg" in n for n in report.notes)
    with store.reader(user_id) as uow:
        got = [s.weight_kg for w in sorted(uow.workouts.list(), key=lambda w: w.date)
               for s in w.sets]
    assert got == [to_kg(Decimal(w), Unit.LB) for w in weights]
    assert got[2] == Decimal("102.06") and got[6] == Decimal("68.04")


def test_unit_option_overrides_the_inference(store, user_id, tmp_path):
    weights = ["135", "185", "225", "225", "95", "135", "315", "45", "275", "225"]
    report = _run(store, user_id, _strong_file(tmp_path, weights), unit=Unit.KG)
    assert (report.unit, report.unit_how) == (Unit.KG, "option")
    assert report.volume_kg == sum(Decimal(w) * 5 for w in weights)


def test_inconclusive_weights_fall_back_to_the_lifters_unit_and_say_so(store, user_id,
                                                                        tmp_path):
    weights = ["100", "60", "80", "100", "40", "60", "100", "120", "80", "60"]
    report = _run(store, user_id, _strong_file(tmp_path, weights))
    assert (report.unit, report.unit_how) == (Unit.KG, "profile")
    assert any("--unit lb" in n for n in report.notes)


# --- rows the pipeline itself must refuse, and what it keeps --------------------------------


def _export(rows: list[ImportRow | RowProblem], unit: Unit | None = Unit.KG) -> Export:
    return Export(format="strong", variant="test", rows=iter(rows), unit=unit)


START = dt.datetime(2024, 3, 4, 18, 0)


def test_values_the_log_cannot_hold_are_reported_with_their_line(store, user_id):
    user = _user(store, user_id)
    rows: list[ImportRow | RowProblem] = [
        ImportRow(2, START, "Squat (Barbell)", weight=Decimal(100), reps=5),
        ImportRow(3, START, "Squat (Barbell)", weight=Decimal(1600), reps=5),
        ImportRow(4, START, "Squat (Barbell)", weight=Decimal(100), reps=1500),
        ImportRow(5, dt.datetime(1900, 1, 1), "Squat (Barbell)", weight=Decimal(100),
                    reps=5),
        ImportRow(6, dt.datetime.now() + dt.timedelta(days=30), "Squat (Barbell)",
                    weight=Decimal(100), reps=5),
        ImportRow(7, START, "Squat (Barbell)", weight=Decimal(-5), reps=5),
        ImportRow(8, START, "Plank", seconds=100_000),
        ImportRow(9, START, "Squat (Barbell)", weight=Decimal(100), reps=5,
                    rpe=Decimal(12)),
        RowProblem(10, "a Rest Timer row, not a set", ignored=True),
        RowProblem(11, "Weight 'x' is not a number"),
    ]
    report = import_export(store, user, _export(rows))
    assert report.refused
    assert [s.line for s in report.errors] == [3, 4, 5, 6, 7, 8, 9, 11]
    reasons = " | ".join(s.reason for s in report.errors)
    for word in ("1600", "1500", "1950", "future", "negative", "100000", "RPE"):
        assert word in reasons
    assert stored(store, user_id).sets == 0
    skipped = import_export(store, user, _export(rows), skip_bad_rows=True)
    assert skipped.sets_added == 1 and stored(store, user_id).sets == 1
    assert skipped.rows == 10 == skipped.sets_added + len(skipped.skipped)


def test_kinds_timed_sets_notes_rpe_supersets_and_end_times_are_kept(store, user_id):
    user = _user(store, user_id)
    end = START + dt.timedelta(minutes=70)
    common = {"workout_title": "Lower A", "workout_notes": "new shoes", "workout_end": end}
    rows: list[ImportRow | RowProblem] = [
        ImportRow(2, START, "Squat (Barbell)", SetKind.WARMUP, Decimal(135), Unit.LB, 8,
                    **common),
        ImportRow(3, START, "Squat (Barbell)", SetKind.WORKING, Decimal(225), Unit.LB, 5,
                    rpe=Decimal("8.5"), note="knees caved", superset_id="1", **common),
        ImportRow(4, START, "Pullups", SetKind.FAILURE, None, None, 7, superset_id="1",
                    completed=False, **common),
        ImportRow(5, START, "Deadlift (Barbell)", SetKind.DROP, Decimal(100), Unit.KG, 3,
                    **common),
        ImportRow(6, START, "Plank", seconds=60, **common),
        ImportRow(7, START, "Running", distance_m=Decimal("1609.344"), seconds=480,
                    **common),
    ]
    report = import_export(store, user, _export(rows, None))
    assert report.stored and report.sets_added == 6
    # Every stored set, whatever its kind: 135 lb x 8 + 225 lb x 5 + 100 kg x 3.
    warm_kg = to_kg(Decimal(135), Unit.LB) * 8
    work_kg = to_kg(Decimal(225), Unit.LB) * 5
    assert report.volume_kg == warm_kg + work_kg + 300
    assert report.volume_by_kind == {"working": work_kg, "warmup": warm_kg, "drop": 300,
                                     "failure": 0}
    assert report.sets_by_kind == {"working": 3, "warmup": 1, "drop": 1, "failure": 1}
    assert (report.hard_sets, report.hard_volume_kg) == (5, work_kg + 300)
    with store.reader(user_id) as uow:
        (workout,) = uow.workouts.list()
    # The set's note is kept as a note of the workout, never as a form complaint.
    assert (workout.title, workout.notes, workout.started_at, workout.ended_at) == (
        "Lower A", "new shoes\n\nSquat (Barbell): knees caved", START, end)
    warm, work, pull, drop, plank, run = workout.sets
    assert (warm.kind, warm.weight_kg) == (SetKind.WARMUP, Decimal("61.23"))
    assert (work.weight_kg, work.rpe, work.form_note) == (Decimal("102.06"), Decimal("8.5"),
                                                          None)
    assert work.superset_group == pull.superset_group == 1
    assert (pull.exercise_id, pull.kind, pull.weight_kg, pull.completed) == (
        "pull-up", SetKind.FAILURE, None, False)
    assert drop.kind is SetKind.DROP
    assert (plank.exercise_id, plank.seconds, plank.reps) == ("plank", 60, None)
    assert (run.distance_m, run.seconds) == (Decimal("1609.34"), 480)


def test_the_import_key_ignores_how_the_file_wrote_the_date():
    a = import_key(dt.datetime(2024, 3, 4, 18, 0), "Legs", "strong")
    assert a == import_key(dt.datetime(2024, 3, 4, 18, 0, 0), "Legs ", "strong")
    assert len(a) == 64 and int(a, 16) >= 0
    assert a != import_key(dt.datetime(2024, 3, 4, 18, 0), "Legs", "hevy")
    assert a != import_key(dt.datetime(2024, 3, 4, 18, 1), "Legs", "strong")


def test_files_that_cannot_be_read_fail_in_one_line(store, user_id, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(ImportFailed) as err:
        _run(store, user_id, empty)
    assert "\n" not in str(err.value)
    other = write_csv(tmp_path / "other.csv", ["a", "b"], [["1", "2"]])
    with pytest.raises(ImportFailed):
        _run(store, user_id, other)
    assert stored(store, user_id).sets == 0


def test_the_coach_sees_the_imported_history_at_once(store, user_id):
    from redwood.coach.records import compute_records
    from redwood.services.training import history

    _run(store, user_id, STRONG)
    records = compute_records(history(store, _user(store, user_id), exercise_id="back-squat"))
    squat_rows = [r for r in read_rows(STRONG)[1] if r[3] == "Squat (Barbell)"]
    heaviest = max(Decimal(r[5]) for r in squat_rows)
    best = records["back-squat"].heaviest
    assert best is not None and best.weight_kg == heaviest


def test_a_workout_whose_every_row_is_bad_is_not_stored_empty(store, user_id):
    user = _user(store, user_id)
    later = START + dt.timedelta(days=2)
    rows: list[ImportRow | RowProblem] = [
        ImportRow(2, START, "Squat (Barbell)", weight=Decimal(100), reps=5),
        ImportRow(3, later, "My Odd Lift", weight=Decimal(2000), reps=5),
        ImportRow(4, later, "", weight=Decimal(20), reps=5),
    ]
    report = import_export(store, user, _export(rows), skip_bad_rows=True)
    assert (report.workouts_added, report.sets_added, len(report.errors)) == (1, 1, 2)
    assert stored(store, user_id).workouts == 1
    with store.reader(user_id) as uow:
        assert uow.exercises.list() == []  # no custom exercise without a set


def test_a_file_that_goes_bad_midway_imports_nothing(store, user_id, tmp_path):
    lines = STRONG.read_bytes().split(b"\n")
    lines[150] = lines[150].replace(b'"', b"\xe9", 1)  # not UTF-8 on line 151
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(ImportFailed) as err:
        _run(store, user_id, path)
    assert "line 151" in str(err.value) and "\n" not in str(err.value)
    assert stored(store, user_id).sets == 0
