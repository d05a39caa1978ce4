"""Hevy exports: kg and lb accounts, localized months, set types, supersets, emoji and
line breaks inside quoted fields."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from exportkit import (
    FIXTURES,
    HEVY_SAMPLE,
    TODAY,
    csv_dicts,
    data_row_lines,
    needs_samples,
    read,
)

from redwood.domain.log import SetKind, Unit
from redwood.io.formats import open_export
from redwood.io.formats.common import BadValue
from redwood.io.formats.hevy import hevy_datetime
from redwood.io.rows import ImportRow


@needs_samples
def test_real_sample_matches_an_independent_count() -> None:
    got = read(HEVY_SAMPLE)
    rows = csv_dicts(HEVY_SAMPLE)
    assert (got.export.format, got.export.variant, got.export.unit) == ("hevy", "hevy-kg", Unit.KG)
    assert got.problems == []
    assert len(got.rows) == len(rows)
    volume = sum(Decimal(r["weight_kg"] or 0) * Decimal(r["reps"] or 0) for r in rows)
    assert got.volume() == volume
    kinds = {"normal": SetKind.WORKING, "warmup": SetKind.WARMUP,
             "failure": SetKind.FAILURE, "dropset": SetKind.DROP}
    assert [r.kind for r in got.rows] == [kinds[r["set_type"]] for r in rows]
    assert [r.superset_id for r in got.rows] == [r["superset_id"] or None for r in rows]
    assert [r.line for r in got.rows] == data_row_lines(HEVY_SAMPLE)


@needs_samples
def test_real_sample_first_row() -> None:
    first = next(open_export(HEVY_SAMPLE, today=TODAY).rows)
    assert isinstance(first, ImportRow)
    assert first.workout_title == "Lower // Ramp // Strength // 1"
    assert first.workout_start == dt.datetime(2025, 9, 15, 7, 48)
    assert first.workout_end == dt.datetime(2025, 9, 15, 9, 13)
    assert (first.exercise_name, first.kind, first.weight, first.reps, first.rpe) == (
        "Seated Leg Curl (Machine)", SetKind.WARMUP, Decimal(39), 10, Decimal(6))


def test_imperial_account_with_emoji_and_multi_line_fields() -> None:
    path = FIXTURES / "hevy_lbs.csv"
    got = read(path)
    assert (got.export.variant, got.export.unit) == ("hevy-lbs", Unit.LB)
    assert got.problems == []
    assert [r.line for r in got.rows] == [2, 4, 7, 9, 11, 13, 15, 16, 17, 18]
    assert [r.line for r in got.rows] == data_row_lines(path)
    bench = got.rows[1]
    assert bench.workout_title == "Push 💪"
    assert bench.workout_notes == "Great session 🔥\nsecond line of notes"
    assert bench.note == "Elbows in,\npause at chest"
    assert (bench.weight, bench.unit, bench.rpe) == (Decimal(185), Unit.LB, Decimal("8.5"))
    assert [r.kind for r in got.rows[:6]] == [SetKind.WARMUP, SetKind.WORKING, SetKind.FAILURE,
                                             SetKind.WORKING, SetKind.WORKING, SetKind.DROP]
    assert [r.superset_id for r in got.rows[:6]] == [None, None, None, "1", "1", "1"]
    run, plank = got.rows[8], got.rows[9]
    assert run.distance_m == Decimal("1.5") * Decimal("1609.344")
    assert (run.seconds, run.weight, run.reps) == (720, None, None)
    assert (plank.seconds, plank.weight) == (60, None)
    assert got.rows[7].weight is None  # bodyweight: empty weight


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Sep 2025, 07:48", dt.datetime(2025, 9, 15, 7, 48)),
        ("5 Sep 2025, 19:03", dt.datetime(2025, 9, 5, 19, 3)),
        ("15 ene 2025, 07:48", dt.datetime(2025, 1, 15, 7, 48)),  # Spanish
        ("3 ago 2024, 10:00", dt.datetime(2024, 8, 3, 10, 0)),
        ("7 févr. 2025, 12:30", dt.datetime(2025, 2, 7, 12, 30)),  # French
        ("1 août 2024, 06:15", dt.datetime(2024, 8, 1, 6, 15)),
        ("2 Mär 2025, 10:00", dt.datetime(2025, 3, 2, 10, 0)),  # German
        ("9 Dez 2024, 20:00", dt.datetime(2024, 12, 9, 20, 0)),
        ("11 Okt 2024, 08:00", dt.datetime(2024, 10, 11, 8, 0)),
        ("11 Oct 2024, 8:00 PM", dt.datetime(2024, 10, 11, 20, 0)),
    ],
)
def test_localized_dates(text: str, expected: dt.datetime) -> None:
    assert hevy_datetime(text, "start_time") == expected


@pytest.mark.parametrize("text", ["31 Feb 2025, 07:48", "15 Sep 2025", "15 Xyz 2025, 07:48"])
def test_unreadable_dates_name_the_field(text: str) -> None:
    with pytest.raises(BadValue, match="start_time"):
        hevy_datetime(text, "start_time")


def test_bad_rows_keep_true_line_numbers_after_multi_line_fields() -> None:
    path = FIXTURES / "hevy_bad_rows.csv"
    got = read(path)
    assert [r.line for r in got.rows] == [2, 9]
    reasons = {p.line: p.reason for p in got.problems}
    assert reasons == {
        3: "weight 'heavy' is not a number",
        6: "set_type 'superset' is not normal, warmup, dropset or failure",
        7: "start_time '15 Foo 2025, 07:48' has an unknown month 'Foo'",
        8: "rpe '11' is outside 1-10",
    }
    assert len(got.rows) + len(got.problems) == len(data_row_lines(path))
