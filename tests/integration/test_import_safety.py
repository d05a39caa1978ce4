"""A killed import leaves the database as it was; the pipeline's properties on generated
Strong exports (hypothesis)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importkit import STRONG, expect_strong, stored, write_csv

from redwood.domain.log import Unit, to_kg
from redwood.services.importing import import_file
from redwood.store.location import sqlite_path

WORKER = Path(__file__).with_name("import_worker.py")
BENCH = Path(__file__).resolve().parents[2] / "bench"


def _integrity_ok(url: str) -> None:
    path = sqlite_path(url)
    if path is None:
        return
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # An import drops the bests' and the record reads' insert triggers inside its
        # transaction (store.imports.triggers_once): a killed one leaves them in place.
        assert conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                            "tbl_name = 'sets' ORDER BY name").fetchall() == [
            ("tr_sets_bests_delete",), ("tr_sets_bests_insert",), ("tr_sets_bests_update",),
            ("tr_sets_records_delete",), ("tr_sets_records_insert",),
            ("tr_sets_records_update",)]
    finally:
        conn.close()


@pytest.mark.slow
def test_a_killed_import_leaves_the_database_as_it_was(store, user_id, tmp_path):
    sys.path.insert(0, str(BENCH))
    try:
        import gen_strong_export
    finally:
        sys.path.remove(str(BENCH))
    before = import_file(store, store.default_user(), STRONG)
    assert before.stored
    big = gen_strong_export.write(tmp_path / "big.csv", 20_000)
    proc = subprocess.Popen([sys.executable, str(WORKER), store.url, str(big)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    flushed = 0
    try:
        for line in proc.stdout:
            words = line.split()
            if words[0] == "flushed":
                flushed = int(words[1])
                if flushed >= 2000:  # several batches written, the transaction open
                    proc.send_signal(signal.SIGKILL)
                    break
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    assert flushed >= 2000
    _integrity_ok(store.url)
    now = stored(store, user_id)
    expected = expect_strong(STRONG)
    assert (now.workouts, now.sets) == (expected.workouts, expected.sets)
    # The database takes new imports afterwards.
    import datetime as dt

    small = gen_strong_export.write(tmp_path / "small.csv", 500, end=dt.date(2020, 1, 1))
    report = import_file(store, store.default_user(), small, unit=Unit.KG)
    assert report.sets_added == 500
    assert stored(store, user_id).sets == expected.sets + 500


# --- properties ------------------------------------------------------------------------------

HEADER = ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
          "Distance", "Seconds", "Notes", "Workout Notes", "RPE"]
NAMES = ["Squat (Barbell)", "Deadlift (Barbell)", "Pullups", "Leg Press", "Zercher Carry 3000",
         "Bench Press (Barbell)"]

sets_ = st.tuples(
    st.sampled_from(NAMES),
    st.sampled_from(["1", "2", "3", "W", "D", "F"]),
    st.integers(0, 1600).map(lambda q: Decimal(q) / 4),  # 0 to 400, in 0.25 steps
    st.integers(1, 30),
    st.sampled_from(["", "", "8", "9.5"]),
)
workouts_ = st.lists(
    st.tuples(st.integers(0, 3000), st.sampled_from(["Legs", "Pull", "Day 1 💪", ""]),
              st.lists(sets_, min_size=1, max_size=8)),
    min_size=1, max_size=5, unique_by=lambda w: (w[0], w[1]))


@pytest.mark.slow
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(workouts=workouts_, unit=st.sampled_from([Unit.KG, Unit.LB]))
def test_generated_exports_store_exactly_their_sets_once(store, tmp_path_factory, workouts,
                                                         unit):
    import datetime as dt

    with store.unit_of_work() as uow:
        user = uow.users.add(f"lifter-{len(uow.users.list())}")
        uow.commit()
    rows = []
    volume = Decimal(0)
    by_kind = dict.fromkeys(("working", "warmup", "failure", "drop"), Decimal(0))
    kinds = {"W": "warmup", "D": "drop", "F": "failure"}
    for minutes, title, sets in workouts:
        start = dt.datetime(2020, 1, 1, 6) + dt.timedelta(minutes=minutes * 97)
        for name, order, weight, reps, rpe in sets:
            rows.append([start.strftime("%Y-%m-%d %H:%M:%S"), title, "1h", name, order,
                         str(weight), str(reps), "0", "0", "", "", rpe])
            if weight:  # every kind of set counts in the file's total
                volume += to_kg(weight, unit) * reps
                by_kind[kinds.get(order, "working")] += to_kg(weight, unit) * reps
    path = write_csv(tmp_path_factory.mktemp("gen") / "strong.csv", HEADER, rows)
    report = import_file(store, user, path, unit=unit)
    assert report.stored, report.skipped
    assert report.sets_added == len(rows)
    assert report.workouts_added == len(workouts)
    assert report.volume_kg == volume
    assert report.volume_by_kind == by_kind
    now = stored(store, user.id)
    assert (now.sets, now.workouts, now.volume_kg) == (len(rows), len(workouts), volume)
    again = import_file(store, user, path, unit=unit)
    assert (again.sets_added, again.duplicates) == (0, len(rows))
    assert stored(store, user.id).sets == len(rows)


def _rows_strategy():  # type: ignore[no-untyped-def]
    import datetime as dt

    from redwood.domain.log import SetKind
    from redwood.io.rows import ImportRow, RowProblem

    decimals = st.one_of(st.none(), st.decimals(min_value=-10, max_value=5000, places=3),
                         st.sampled_from([Decimal(0), Decimal("1E+3"), Decimal("0.001")]))
    row = st.builds(
        ImportRow,
        line=st.integers(2, 10_000),
        workout_start=st.datetimes(min_value=dt.datetime(1900, 1, 1),
                                   max_value=dt.datetime(2100, 1, 1)),
        exercise_name=st.sampled_from(["Squat (Barbell)", "Pullups", "", "  ", "Ünïcode 💪",
                                       "x" * 300, "Dead\x00lift"]),
        kind=st.sampled_from(list(SetKind)),
        weight=decimals,
        unit=st.sampled_from([None, Unit.KG, Unit.LB]),
        reps=st.one_of(st.none(), st.integers(-5, 200)),
        seconds=st.one_of(st.none(), st.integers(-5, 100_000)),
        distance_m=decimals,
        rpe=st.one_of(st.none(), st.decimals(min_value=-1, max_value=15, places=2)),
        note=st.one_of(st.none(), st.text(max_size=20)),
        workout_title=st.one_of(st.none(), st.text(max_size=250)),
        workout_notes=st.one_of(st.none(), st.text(max_size=40)),
        workout_end=st.one_of(st.none(), st.datetimes(min_value=dt.datetime(1900, 1, 1),
                                                      max_value=dt.datetime(2100, 1, 1))),
        superset_id=st.one_of(st.none(), st.sampled_from(["1", "2", "a"])),
        completed=st.booleans(),
    )
    problem = st.builds(RowProblem, line=st.integers(2, 10_000), reason=st.text(max_size=30),
                        ignored=st.booleans())
    return st.lists(st.one_of(row, problem), max_size=25)


@pytest.mark.slow
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_rows_strategy(), skip=st.booleans())
def test_no_row_whatever_its_values_escapes_as_an_exception(store, rows, skip):
    from redwood.io.rows import Export
    from redwood.services.importing import import_export

    user = store.default_user()
    before = stored(store, user.id).sets
    report = import_export(store, user, Export("strong", "fuzz", iter(rows), None),
                           skip_bad_rows=skip)
    assert report.rows == len(rows)
    assert report.rows == report.sets + len(report.skipped)
    if not report.refused:
        assert report.sets == report.sets_added + report.duplicates
    after = stored(store, user.id).sets
    if report.refused:
        assert after == before
    else:
        assert after == before + report.sets_added


def test_a_nul_byte_in_the_file_text_is_dropped_and_the_rest_kept(store):
    """A NUL in a title, a note or a name (a damaged byte: PostgreSQL's text cannot hold one)
    costs the lifter nothing else: the workout, its sets and the readable text are stored."""
    import datetime as dt

    from sqlalchemy import text

    from redwood.io.rows import Export, ImportRow
    from redwood.services.importing import import_export

    user = store.default_user()
    start = dt.datetime(2025, 3, 4, 18, 0)
    rows = [ImportRow(line=2 + i, workout_start=start, exercise_name="Squat\x00 (Barbell)",
                      weight=Decimal(100), unit=Unit.KG, reps=5, note="kne\x00es ok",
                      workout_title="Leg\x00 day", workout_notes="felt\x00 good")
            for i in range(2)]
    report = import_export(store, user, Export("strong", "fuzz", iter(rows), None))
    assert (report.refused, report.sets_added, report.workouts_added) == (False, 2, 1)
    with store.reader(user.id) as uow:
        title, notes = uow.session.execute(text(
            "SELECT title, notes FROM workouts WHERE user_id = :u"), {"u": user.id}).one()
        exercises = uow.session.execute(text(
            "SELECT DISTINCT exercise_id FROM sets WHERE user_id = :u"), {"u": user.id}).all()
    assert title == "Leg day"
    assert notes is not None and "felt good" in notes and "knees ok" in notes
    assert "\x00" not in notes
    assert [e for (e,) in exercises] == ["back-squat"]
