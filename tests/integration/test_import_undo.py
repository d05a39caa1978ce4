"""Imports are journaled and can be taken back whole, on SQLite and PostgreSQL (when
REDWOOD_TEST_POSTGRES_URL is set): undo removes exactly what the import added and keeps what
was logged by hand since; unusual values are stored and listed, not refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from importkit import STRONG, expect_strong, read_rows, stored, write_csv

from redwood.domain.log import LoggedSet, Workout
from redwood.services.importing import import_file, list_imports, undo_import
from redwood.store import NotFound, Store


def _user(store: Store, user_id: int):  # type: ignore[no-untyped-def]
    with store.reader() as uow:
        return uow.users.get(user_id)


def _hand_logged(store: Store, user_id: int) -> int:
    workout = Workout(dt.date.today(), (
        LoggedSet("back-squat", Decimal(100), 5), LoggedSet("back-squat", Decimal(100), 5)))
    with store.unit_of_work(user_id) as uow:
        workout_id = uow.workouts.add(workout)
        uow.commit()
    return workout_id


def _workouts(store: Store, user_id: int) -> list[Workout]:
    with store.reader(user_id) as uow:
        return uow.workouts.list()


def test_undo_of_an_import_leaves_exactly_the_hand_logged_workout(store, user_id):
    user = _user(store, user_id)
    report = import_file(store, user, STRONG)
    assert report.stored and report.import_id is not None
    hand = _hand_logged(store, user_id)
    (listed,) = list_imports(store, user)
    assert (listed.id, listed.file_name, listed.format, listed.unit) == (
        report.import_id, STRONG.name, "strong", "kg")
    assert (listed.workouts, listed.sets) == (report.workouts_added, report.sets_added)
    assert listed.summary["volume_kg"] == str(report.volume_kg.quantize(Decimal("0.01")))

    undone = undo_import(store, user, report.import_id)
    assert (undone.workouts, undone.sets, undone.kept_sets) == (
        report.workouts_added, report.sets_added, 0)
    assert undone.message == (f"removed the import of {STRONG.name}: "
                              f"{report.workouts_added} workouts, {report.sets_added} sets")
    (left,) = _workouts(store, user_id)
    assert left.id == hand and len(left.sets) == 2
    assert list_imports(store, user) == []
    again = import_file(store, user, STRONG)  # taken back: importing it again adds it all
    assert again.sets_added == expect_strong(STRONG).sets


def test_redwood_undo_right_after_an_import_takes_back_the_whole_import(store, user_id):
    user = _user(store, user_id)
    _hand_logged(store, user_id)
    report = import_file(store, user, STRONG)
    undone = store.undo_last(user_id)
    assert undone is not None and undone.kind == "import"
    assert undone.sets == report.sets_added
    assert undone.message.startswith(f"removed the import of {STRONG.name}")
    assert stored(store, user_id).sets == 2
    # The next undo is the hand-logged workout's, then nothing.
    assert store.undo_last(user_id).kind == "workout"  # type: ignore[union-attr]
    assert store.undo_last(user_id) is None


def test_undo_keeps_sets_logged_by_hand_into_an_imported_workout(store, user_id):
    user = _user(store, user_id)
    report = import_file(store, user, STRONG)
    assert report.import_id is not None
    imported = _workouts(store, user_id)[0]
    assert imported.id is not None
    with store.unit_of_work(user_id) as uow:
        uow.workouts.add_sets(imported.id, [LoggedSet("plank", seconds=60)])
        uow.commit()
    undone = undo_import(store, user, report.import_id)
    assert (undone.sets, undone.kept_sets, undone.kept_workouts) == (report.sets_added, 1, 1)
    assert "kept 1 set logged or edited by hand since, in 1 workout" in undone.message
    (left,) = _workouts(store, user_id)
    assert left.id == imported.id and [s.exercise_id for s in left.sets] == ["plank"]


def test_undo_keeps_an_imported_set_edited_by_hand(store, user_id):
    user = _user(store, user_id)
    report = import_file(store, user, STRONG)
    assert report.import_id is not None
    imported = _workouts(store, user_id)[-1]
    assert imported.id is not None
    fixed = LoggedSet(imported.sets[0].exercise_id, Decimal(60), 10)
    with store.unit_of_work(user_id) as uow:
        assert uow.workouts.update_set(imported.id, 0, fixed)
        uow.commit()
    undone = undo_import(store, user, report.import_id)
    assert (undone.sets, undone.kept_sets) == (report.sets_added - 1, 1)
    (left,) = _workouts(store, user_id)
    assert left.id == imported.id and left.sets == (fixed,)


def test_an_import_that_adds_nothing_is_not_journaled(store, user_id):
    user = _user(store, user_id)
    first = import_file(store, user, STRONG)
    second = import_file(store, user, STRONG)
    assert second.sets_added == 0 and second.import_id is None
    assert [i.id for i in list_imports(store, user)] == [first.import_id]
    dry = import_file(store, user, STRONG, dry_run=True)
    assert dry.import_id is None and len(list_imports(store, user)) == 1


def test_undo_of_an_unknown_or_another_users_import_is_not_found(store, user_id,
                                                                 other_user_id):
    user, other = _user(store, user_id), _user(store, other_user_id)
    report = import_file(store, user, STRONG)
    assert report.import_id is not None
    with pytest.raises(NotFound, match="no import with id"):
        undo_import(store, other, report.import_id)
    with pytest.raises(NotFound):
        undo_import(store, user, report.import_id + 1000)
    assert stored(store, user_id).sets == report.sets_added


def test_unusual_values_are_stored_and_listed_with_their_line(store, user_id, tmp_path):
    header, rows = read_rows(STRONG)
    reps, weight = header.index("Reps"), header.index("Weight")
    rows[4][reps] = "103"
    rows[6][weight] = "600"
    rows[7][reps] = "1001"  # past what a set can be: unreadable
    path = write_csv(tmp_path / "odd.csv", header, rows)
    user = _user(store, user_id)
    refused = import_file(store, user, path)
    assert refused.refused and [s.line for s in refused.errors] == [9]
    assert "1001" in refused.errors[0].reason and "1000" in refused.errors[0].reason
    report = import_file(store, user, path, skip_bad_rows=True)
    assert report.stored
    assert [(u.line, u.reason) for u in report.unusual] == [
        (6, "reps 103 is over 100"), (8, "weight 600 kg is over 500 kg")]
    assert report.as_json()["unusual"][0] == {"line": 6, "reason": "reps 103 is over 100"}
    with store.reader(user_id) as uow:
        reps_stored = {s.reps for w in uow.workouts.list() for s in w.sets}
    assert 103 in reps_stored


@pytest.mark.slow
def test_an_undo_killed_mid_way_leaves_the_import_whole(store, user_id):
    import signal
    import sqlite3
    import subprocess
    import sys
    from pathlib import Path

    from redwood.store.location import sqlite_path

    user = _user(store, user_id)
    report = import_file(store, user, STRONG)
    assert report.import_id is not None
    worker = Path(__file__).with_name("undo_worker.py")
    proc = subprocess.Popen([sys.executable, str(worker), store.url, str(report.import_id)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "midway", proc.stderr
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    path = sqlite_path(store.url)
    if path is not None:
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()
    now = stored(store, user_id)
    assert (now.workouts, now.sets) == (report.workouts_added, report.sets_added)
    assert [i.id for i in list_imports(store, user)] == [report.import_id]
    assert undo_import(store, user, report.import_id).sets == report.sets_added
    assert stored(store, user_id).sets == 0
