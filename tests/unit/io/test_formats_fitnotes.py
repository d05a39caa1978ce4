"""FitNotes exports: the three headers, date-only rows, and repaired unquoted commas."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportkit import FIXTURES, csv_dicts, data_row_lines, read

from redwood.domain.log import Unit
from redwood.io.formats.fitnotes import clock_seconds


@pytest.mark.parametrize(
    ("name", "variant", "unit", "sets"),
    [("fitnotes_kgs.csv", "fitnotes-kgs", Unit.KG, 7),
     ("fitnotes_lbs.csv", "fitnotes-lbs", Unit.LB, 4),
     ("fitnotes_unit_column.csv", "fitnotes-unit-column", None, 4)],
)
def test_each_header(name: str, variant: str, unit: Unit | None, sets: int) -> None:
    path = FIXTURES / name
    got = read(path)
    assert (got.export.format, got.export.variant, got.export.unit) == ("fitnotes", variant, unit)
    assert len(got.rows) == sets
    assert len(got.rows) + len(got.problems) == len(data_row_lines(path))
    assert all(not r.has_time and r.workout_start.hour == 0 for r in got.rows)
    assert all(r.workout_title is None for r in got.rows)


def test_older_header_volume_matches_an_independent_count() -> None:
    path = FIXTURES / "fitnotes_lbs.csv"
    rows = csv_dicts(path)
    volume = sum(Decimal(r["Weight (lbs)"] or 0) * Decimal(r["Reps"] or 0) for r in rows)
    assert read(path).volume() == volume


def test_unquoted_commas_in_names_are_repaired_and_reported() -> None:
    got = read(FIXTURES / "fitnotes_kgs.csv")
    press = [r for r in got.rows if r.line in (4, 5)]
    assert [r.exercise_name for r in press] == ["Overhead Press (Each Side, Dumbbells)"] * 2
    assert [(r.weight, r.reps) for r in press] == [(Decimal(20), 10), (Decimal(20), 9)]
    assert got.problems == []
    assert len(got.export.notes) == 1  # one note per repaired name, not per row
    assert "line 4" in got.export.notes[0] and "unquoted commas" in got.export.notes[0]
    assert got.rows[-2].note == "easy, zone 2"  # a quoted comment stays whole
    assert got.rows[-2].distance_m == Decimal("2000.0")
    assert got.rows[4].seconds == 90  # 0:01:30


def test_unit_column_rows() -> None:
    got = read(FIXTURES / "fitnotes_unit_column.csv")
    assert [r.unit for r in got.rows] == [Unit.KG, Unit.LB, Unit.KG, None]
    assert got.rows[2].exercise_name == "Lying Leg Curl (Each Side, Machine)"
    rower = got.rows[3]
    assert (rower.distance_m, rower.seconds) == (Decimal("1000.0"), 245)
    assert [(p.line, p.reason) for p in got.problems] == [(6, "Reps '-3' is negative")]


def test_a_row_that_cannot_be_repaired_is_a_problem(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "fn.csv"
    path.write_text(
        "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time\n"
        "2021-04-12,Squat,Legs,100,5,,,,,,\n"
        "2021-04-12,Squat,Legs,100,5,,,\n"
    )
    got = read(path)
    assert [r.line for r in got.rows] == [3]
    assert [p.line for p in got.problems] == [2]
    assert "11 fields where the header has 8" in got.problems[0].reason


@pytest.mark.parametrize(("text", "secs"), [("0:01:48", 108), ("1:05:00", 3900), ("2:30", 150),
                                            ("0:00:00", None), ("", None)])
def test_times(text: str, secs: int | None) -> None:
    assert clock_seconds(text, "Time") == secs
