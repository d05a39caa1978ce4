"""JEFIT backups: only the EXERCISE LOGS section becomes sets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from exportkit import FIXTURES, read

from redwood.domain.log import Unit


def test_backup_sections() -> None:
    got = read(FIXTURES / "jefit_backup.csv")
    assert (got.export.format, got.export.variant, got.export.unit) == (
        "jefit", "jefit-backup", Unit.KG)
    sets = [(r.line, r.exercise_name, r.weight, r.reps) for r in got.rows]
    assert sets == [
        (20, "Barbell Bench Press", Decimal(60), 10),
        (20, "Barbell Bench Press", Decimal(65), 8),
        (20, "Barbell Bench Press", Decimal(70), 6),
        (21, "Barbell Squat", Decimal(100), 5),
        (21, "Barbell Squat", Decimal(100), 5),
        (22, "Pull-Up", None, 12),
    ]
    assert all(r.workout_start == dt.datetime(2024, 6, r.workout_start.day) for r in got.rows)
    assert not any(r.has_time for r in got.rows)
    assert [(p.line, p.ignored) for p in got.errors] == [(23, False)]
    assert "'50xten'" in got.errors[0].reason
    ignored = {p.line: p.reason for p in got.ignored}
    assert sorted(ignored) == [4, 8, 13, 24, 26]
    assert "ROUTINES" in ignored[8] and "2 rows" in ignored[8]
    assert "no sets" in ignored[24]
    assert got.volume() == 60 * 10 + 65 * 8 + 70 * 6 + 100 * 5 * 2


def test_unit_setting_in_pounds(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (FIXTURES / "jefit_backup.csv").read_text().replace("1,inch,kgs,90", "1,inch,lbs,90")
    path = tmp_path / "jefit.csv"
    path.write_text(text)
    got = read(path, unit=Unit.KG)
    assert got.export.unit is Unit.LB
    assert {r.unit for r in got.rows} == {Unit.LB}


def test_unknown_unit_setting_falls_back_to_the_callers_and_says_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (FIXTURES / "jefit_backup.csv").read_text().replace("1,inch,kgs,90", "1,inch,7,90")
    path = tmp_path / "jefit.csv"
    path.write_text(text)
    got = read(path, unit=Unit.LB)
    assert got.export.unit is None
    assert {r.unit for r in got.rows} == {Unit.LB}
    assert any("mass" in note for note in got.export.notes)
