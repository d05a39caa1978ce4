"""The rows the parsers build are ordinary ImportRows."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from exportkit import FIXTURES, data_row_lines, read

from redwood.domain.log import SetKind, Unit
from redwood.io.formats import common
from redwood.io.rows import ImportRow


def test_fast_rows_equal_constructed_rows() -> None:
    start = dt.datetime(2025, 1, 2, 3, 4, 5)
    values = dict(line=7, workout_start=start, exercise_name="Squat", kind=SetKind.DROP,
                  weight=Decimal("102.5"), unit=Unit.LB, reps=5, seconds=30,
                  distance_m=Decimal(100), rpe=Decimal("9.5"), note="n", workout_title="t",
                  workout_notes="w", workout_end=start, has_time=False, superset_id="1",
                  completed=False)
    assert common.FAST_ROWS
    fast = common.new_row(**values)  # type: ignore[arg-type]
    assert fast == ImportRow(**values)  # type: ignore[arg-type]
    assert hash(fast) == hash(ImportRow(**values))  # type: ignore[arg-type]
    assert common.new_row(1, start, "Plank") == ImportRow(1, start, "Plank")


def test_every_parsed_row_is_complete() -> None:
    for path in sorted(FIXTURES.glob("*.csv")):
        for row in read(path).rows:
            assert dataclasses.asdict(row).keys() == {f.name for f in dataclasses.fields(row)}
            assert row == dataclasses.replace(row)


@pytest.mark.parametrize(
    "name", sorted(p.name for p in FIXTURES.glob("*.csv") if not p.name.startswith("jefit")))
def test_every_record_is_one_set_or_one_problem(name: str) -> None:
    path = FIXTURES / name
    delimiter = ";" if "semicolon" in name or "numbered" in name else ","
    got = read(path)
    lines = data_row_lines(path, delimiter)
    assert len(got.rows) + len(got.problems) == len(lines)
    assert sorted([r.line for r in got.rows] + [p.line for p in got.problems]) == lines
