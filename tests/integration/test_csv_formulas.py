"""Formula-safe CSV: an exported cell that a spreadsheet would run as a formula (OWASP: it
begins with = + - @ tab or CR) starts with a quote instead, and Redwood's Strong importer reads
it back as it was."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.domain.log import LoggedSet, Unit, Workout
from redwood.io.csvsafe import formula_safe, restore
from redwood.io.strong_csv import exercise_names, write_strong_csv
from redwood.store import Store, open_store
from redwood.store.location import sqlite_url

DANGEROUS = ('=HYPERLINK("http://evil.example","x")', "@SUM(1+1)", "+cmd|' /C calc'!A0",
             "-2+3", "\tTabbed", "'=already quoted", "''@twice")
"""(A cell starting with a carriage return is neutralised too, see the property test; but the
csv module writes a lone CR unquoted, which no CSV reader takes back as one cell.)"""
FIRST = ("=", "+", "-", "@", "\t", "\r")


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from("=+-@'\t\r 0123456789.eE,\"ab"), max_size=12))
def test_every_cell_comes_back_exactly(cell: str) -> None:
    written = formula_safe(cell)
    assert restore(written) == cell
    if written[:1] in FIRST:  # only a plain number may start so
        assert float(written) == float(written)


@pytest.mark.parametrize("number", ["-20", "+1.5", "-0.25", "-1e3"])
def test_plain_numbers_stay_numbers(number: str) -> None:
    assert formula_safe(number) == number and restore(number) == number


def test_an_export_has_no_live_formula_and_imports_back_unchanged(store: Store, user_id: int,
                                                                   tmp_path: Path) -> None:
    from redwood.services.importing import import_file

    names = {f"mine-{i}": name for i, name in enumerate(DANGEROUS)}
    workouts = [Workout(date=dt.date(2026, 3, 2 + i), title=name, started_at=dt.datetime(
        2026, 3, 2 + i, 18, 0), sets=(LoggedSet(f"mine-{i}", Decimal("40"), 5),))
        for i, name in enumerate(DANGEROUS)]
    out = tmp_path / "strong.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        write_strong_csv(workouts, f, unit=Unit.KG, names={**exercise_names(), **names})
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in FIRST], "a live formula in the export"
    assert "'@SUM(1+1)" in cells and "'''@twice" in cells

    target = open_store(sqlite_url(tmp_path / "target.db"))
    try:
        user = target.default_user()
        report = import_file(target, user, out, fmt="strong", unit=Unit.KG,
                             today=dt.date(2026, 12, 31))
        assert report.sets_added == len(DANGEROUS) and not report.errors
        with target.reader(user.id) as uow:
            titles = sorted(w.title or "" for w in uow.workouts.list())
            custom = sorted(e.name for e in uow.exercises.list())
        expected = sorted(name.strip() for name in DANGEROUS)
        assert titles == expected
        assert custom == expected
    finally:
        target.close()
