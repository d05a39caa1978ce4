"""Strong exports: every documented header variant reads into the sets the file holds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from exportkit import FIXTURES, STRONG_SAMPLE, csv_dicts, data_row_lines, needs_samples, read

from redwood.domain.log import SetKind, Unit
from redwood.io.formats.strong import duration


@needs_samples
def test_real_sample_matches_an_independent_count() -> None:
    got = read(STRONG_SAMPLE, unit=Unit.KG)
    rows = csv_dicts(STRONG_SAMPLE)
    assert got.export.format == "strong"
    assert got.export.variant == "strong-duration-no-notes"
    assert len(got.rows) == len(rows) == 250
    assert got.problems == []
    volume = sum(Decimal(r["Weight"]) * Decimal(r["Reps"]) for r in rows)
    assert got.volume() == volume
    assert [r.line for r in got.rows] == data_row_lines(STRONG_SAMPLE)
    assert {r.unit for r in got.rows} == {Unit.KG}


@needs_samples
def test_real_sample_rows_carry_workout_and_duration() -> None:
    first = read(STRONG_SAMPLE).rows[0]
    assert first.line == 2
    assert first.workout_start == dt.datetime(2024, 11, 28, 17, 36, 8)
    assert first.workout_end == dt.datetime(2024, 11, 28, 18, 11, 8)  # "35m"
    assert first.workout_title == "B"
    assert first.exercise_name == "Bent Over Row (Barbell)"
    assert (first.weight, first.reps, first.unit) == (Decimal("10.0"), 13, None)


def test_legacy_header() -> None:
    got = read(FIXTURES / "strong_legacy.csv", unit=Unit.LB)
    assert got.export.variant == "strong-legacy"
    assert len(got.rows) == 7 and got.problems == []
    assert got.rows[1].note == "felt strong, deep"
    plank = got.rows[3]
    assert (plank.exercise_name, plank.weight, plank.seconds) == ("Plank", None, 60)
    assert got.rows[4].workout_notes == "Gym was busy"
    assert got.rows[6].exercise_name == "Pull Up"  # trailing space trimmed
    # No distance unit in the file: the weights' unit system decides, and the user is told.
    assert got.rows[5].distance_m == Decimal("2.5") * Decimal("1609.344")
    assert any("distances have no unit" in note for note in got.export.notes)
    assert {r.unit for r in got.rows} == {Unit.LB}


def test_rpe_header() -> None:
    got = read(FIXTURES / "strong_rpe.csv")
    assert got.export.variant == "strong-rpe"
    assert [r.rpe for r in got.rows] == [None, Decimal(8), Decimal("8.5"), Decimal(9)]


def test_semicolon_header_with_unit_columns() -> None:
    got = read(FIXTURES / "strong_semicolon_units.csv")
    assert got.export.variant == "strong-semicolon-units"
    assert got.export.unit is None
    assert len(got.rows) == 5 and got.problems == []
    dead1, dead2, press, plank, walk = got.rows
    assert (dead1.weight, dead1.unit) == (Decimal(20), Unit.KG)
    assert (dead2.weight, dead2.rpe) == (Decimal("102.5"), Decimal("8.5"))  # decimal commas
    assert (press.weight, press.unit) == (Decimal(225), Unit.LB)
    assert (plank.weight, plank.unit, plank.seconds, plank.distance_m) == (None, None, 60, None)
    assert walk.distance_m == Decimal("1.5") * Decimal("1609.344")
    assert (walk.note, walk.workout_notes) == ("cool down", "good; short")


def test_common_header_with_bom_crlf_12_hour_dates_and_set_kinds() -> None:
    path = FIXTURES / "strong_duration.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in path.read_bytes()
    got = read(path)
    assert got.export.variant == "strong-duration"
    assert len(got.rows) + len(got.problems) == 9
    assert [(p.line, p.ignored) for p in got.problems] == [(4, True)]
    assert "Rest Timer" in got.problems[0].reason
    kinds = [r.kind for r in got.rows]
    assert kinds == [SetKind.WARMUP, SetKind.WORKING, SetKind.WORKING, SetKind.FAILURE,
                     SetKind.WORKING, SetKind.DROP, SetKind.WORKING, SetKind.WORKING]
    evening = got.rows[0]
    assert evening.workout_start == dt.datetime(2025, 2, 3, 18, 5, 9)  # 6:05:09 PM
    assert evening.workout_end == dt.datetime(2025, 2, 3, 19, 8, 9)  # 1h 3m
    late = got.rows[6]
    assert late.workout_start == dt.datetime(2025, 2, 5, 0, 15)  # 12:15 AM
    assert late.workout_end == late.workout_start + dt.timedelta(minutes=38)
    assert (late.note, late.workout_notes) == ("pause reps", "tired")
    assert got.rows[7].workout_end == got.rows[7].workout_start + dt.timedelta(hours=1)
    assert got.rows[2].weight == Decimal("149.99999999999997")  # exactly as written
    assert [r.line for r in got.rows] == [2, 3, 5, 6, 7, 8, 9, 10]


@pytest.mark.parametrize(
    ("name", "variant", "unit"),
    [("strong_numbered_kg.csv", "strong-numbered-kg", Unit.KG),
     ("strong_numbered_lbs.csv", "strong-numbered-lbs", Unit.LB)],
)
def test_quoted_semicolon_header_with_unit_in_the_header(
    name: str, variant: str, unit: Unit
) -> None:
    got = read(FIXTURES / name, unit=Unit.KG if unit is Unit.LB else Unit.LB)
    assert (got.export.variant, got.export.unit) == (variant, unit)
    assert got.problems == []
    assert {r.unit for r in got.rows} == {unit}  # the file's word beats the caller's guess
    first = got.rows[0]
    assert first.workout_end == first.workout_start + dt.timedelta(seconds=int(
        csv_dicts(FIXTURES / name, ";")[0]["Duration (sec)"]))


def test_quoted_semicolon_kg_values() -> None:
    got = read(FIXTURES / "strong_numbered_kg.csv")
    warmup, work, calf, row, squat = got.rows
    assert warmup.kind is SetKind.WARMUP
    assert work.weight == Decimal("82.5")
    assert calf.exercise_name == "Seated Calf Raise (Plate Loaded)"
    assert (row.distance_m, row.seconds, row.weight, row.reps) == (Decimal(2000), 480, None, None)
    assert squat.workout_notes == "went well"


def test_bad_rows_are_reported_with_their_lines_and_never_raise() -> None:
    path = FIXTURES / "strong_bad_rows.csv"
    got = read(path)
    # 150 reps is unusual, not unreadable: a row (the pipeline stores and lists it).
    assert [r.line for r in got.rows] == [2, 5, 10, 14]
    assert got.rows[1].reps == 150
    reasons = {p.line: p.reason for p in got.problems}
    assert sorted(reasons) == [3, 4, 6, 7, 8, 9, 12, 13]
    assert reasons[3] == "Weight 'abc' is not a number"
    assert reasons[4] == "Reps '-2' is negative"
    assert "in the future" in reasons[6] and "2099-03-01" in reasons[6]
    assert "before 1950" in reasons[7]
    assert "'yesterday' is not a date" in reasons[8]
    assert reasons[9] == "Exercise Name is empty"
    assert "Set Order 'X'" in reasons[12]
    assert "9 fields where the header has 10" in reasons[13]
    # Each data record is exactly one set or one problem.
    assert len(got.rows) + len(got.problems) == len(data_row_lines(path))
    assert not any(p.ignored for p in got.problems)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("35m", 35), ("1h", 60), ("1h 3m", 63), ("38min", 38), ("1h 19m", 79), ("2h 0m 30s", 120.5)],
)
def test_durations(text: str, minutes: float) -> None:
    assert duration(text) == dt.timedelta(minutes=minutes)
