"""A second import of a day already imported keeps the sets it adds (SQLite and PostgreSQL):
FitNotes keeps one workout a day, so a second file of the same day with other lifts extends
that workout; re-imports still add nothing, a dry run says the same and writes nothing, and
each import's undo takes back exactly its own sets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from importkit import stored, write_csv
from sqlalchemy import text

from redwood.domain.log import LoggedSet
from redwood.services.importing import import_file, list_imports, undo_import
from redwood.store import Store

HEADER = ["Date", "Exercise", "Category", "Weight (kgs)", "Reps", "Distance", "Distance Unit",
          "Time"]
SQUATS = [["2025-01-02", "Barbell Squat", "Legs", "100.0", "5", "", "", ""]] * 3
DEADLIFTS = [["2025-01-02", "Deadlift", "Back", "140.0", "3", "", "", ""],
             ["2025-01-02", "Deadlift", "Back", "150.0", "2", "", "", ""]]


def _user(store: Store, user_id: int):  # type: ignore[no-untyped-def]
    with store.reader() as uow:
        return uow.users.get(user_id)


def _sets(store: Store, user_id: int) -> list[tuple[str, int, int, int]]:
    with store.reader(user_id) as uow:
        rows = uow.session.execute(text(
            "SELECT exercise_id, weight_g, reps, position FROM sets WHERE user_id = :u "
            "ORDER BY position"), {"u": user_id}).all()
    return [(str(r[0]), int(r[1]), int(r[2]), int(r[3])) for r in rows]


def _files(tmp_path: Path) -> tuple[Path, Path]:
    return (write_csv(tmp_path / "squats.csv", HEADER, SQUATS),
            write_csv(tmp_path / "deadlifts.csv", HEADER, DEADLIFTS))


def test_a_second_file_of_the_same_day_adds_its_sets_to_that_workout(store, user_id,
                                                                      tmp_path):
    user = _user(store, user_id)
    squats, deadlifts = _files(tmp_path)
    first = import_file(store, user, squats)
    assert (first.workouts_added, first.sets_added) == (1, 3)

    second = import_file(store, user, deadlifts)
    assert second.stored and second.import_id is not None
    assert (second.workouts_added, second.workouts_extended, second.workouts_duplicate) == (
        0, 1, 0)
    assert (second.sets_added, second.sets_extended, second.duplicates) == (2, 2, 0)
    assert second.volume_kg == 140 * 3 + 150 * 2
    now = stored(store, user_id)
    assert (now.workouts, now.sets) == (1, 5)
    # The deadlifts follow the squats in the one workout of the day.
    assert _sets(store, user_id) == [
        ("back-squat", 100000, 5, 0), ("back-squat", 100000, 5, 1),
        ("back-squat", 100000, 5, 2), ("deadlift", 140000, 3, 3), ("deadlift", 150000, 2, 4)]
    (_, old) = list_imports(store, user)
    assert (list_imports(store, user)[0].workouts, list_imports(store, user)[0].sets) == (0, 2)
    assert old.id == first.import_id

    # The records see the deadlifts' session (the record reads' session volumes).
    with store.reader(user_id) as uow:
        volume = uow.session.execute(text(
            "SELECT volume_g FROM session_volumes WHERE user_id = :u AND "
            "exercise_id = 'deadlift'"), {"u": user_id}).scalar()
    assert volume == (140 * 3 + 150 * 2) * 1000

    for path in (squats, deadlifts):  # each file again: nothing new
        again = import_file(store, user, path)
        assert (again.sets_added, again.workouts_extended, again.import_id) == (0, 0, None)
        assert again.workouts_duplicate == 1
    assert stored(store, user_id).sets == 5


def test_a_dry_run_says_what_the_second_file_would_add_and_writes_nothing(store, user_id,
                                                                         tmp_path):
    user = _user(store, user_id)
    squats, _ = _files(tmp_path)
    import_file(store, user, squats)
    both = write_csv(tmp_path / "both.csv", HEADER, SQUATS + DEADLIFTS)
    dry = import_file(store, user, both, dry_run=True)
    assert not dry.stored
    assert (dry.workouts_extended, dry.sets_extended, dry.sets_added, dry.duplicates) == (
        1, 2, 2, 3)
    assert stored(store, user_id).sets == 3
    real = import_file(store, user, both)
    assert (real.workouts_extended, real.sets_extended, real.sets_added, real.duplicates) == (
        1, 2, 2, 3)
    assert stored(store, user_id).sets == 5


def test_undo_of_the_second_import_takes_only_its_sets(store, user_id, tmp_path):
    user = _user(store, user_id)
    squats, deadlifts = _files(tmp_path)
    first = import_file(store, user, squats)
    second = import_file(store, user, deadlifts)
    assert second.import_id is not None
    undone = undo_import(store, user, second.import_id)
    assert (undone.workouts, undone.sets, undone.kept_sets) == (0, 2, 0)
    assert _sets(store, user_id) == [("back-squat", 100000, 5, i) for i in range(3)]
    assert [r.id for r in list_imports(store, user)] == [first.import_id]
    again = import_file(store, user, deadlifts)  # taken back: the file adds them again
    assert again.sets_extended == 2


def test_undo_of_the_first_import_leaves_the_second_ones_sets_undoable(store, user_id,
                                                                       tmp_path):
    user = _user(store, user_id)
    squats, deadlifts = _files(tmp_path)
    first = import_file(store, user, squats)
    second = import_file(store, user, deadlifts)
    assert first.import_id is not None and second.import_id is not None
    undone = undo_import(store, user, first.import_id)
    assert (undone.workouts, undone.sets, undone.kept_sets) == (0, 3, 0)
    assert [s[0] for s in _sets(store, user_id)] == ["deadlift", "deadlift"]
    # The workout still has its key: the squats' file adds the squats back to it.
    assert import_file(store, user, squats).sets_extended == 3
    assert stored(store, user_id).workouts == 1
    undone = undo_import(store, user, second.import_id)
    assert (undone.workouts, undone.sets) == (0, 2)
    assert [s[0] for s in _sets(store, user_id)] == ["back-squat"] * 3


def _workout_id(store: Store, user_id: int) -> int:
    with store.reader(user_id) as uow:
        (workout,) = uow.workouts.list()
    assert workout.id is not None
    return workout.id


def test_a_set_edited_by_hand_since_the_import_does_not_come_back(store, user_id, tmp_path):
    user = _user(store, user_id)
    squats, _ = _files(tmp_path)
    import_file(store, user, squats)
    workout_id = _workout_id(store, user_id)
    with store.unit_of_work(user_id) as uow:  # the last squat was 4 reps, not 5
        assert uow.workouts.update_set(workout_id, 2, LoggedSet("back-squat", Decimal(100), 4))
        uow.commit()
    again = import_file(store, user, squats)
    assert (again.sets_added, again.duplicates, again.workouts_duplicate) == (0, 3, 1)
    assert [s[2] for s in _sets(store, user_id)] == [5, 5, 4]


def test_a_workout_moved_to_another_day_is_still_the_one_extended(store, user_id, tmp_path):
    user = _user(store, user_id)
    squats, deadlifts = _files(tmp_path)
    import_file(store, user, squats)
    workout_id = _workout_id(store, user_id)
    with store.unit_of_work(user_id) as uow:
        uow.workouts.update(workout_id, {"date": dt.date(2025, 1, 3)})
        uow.commit()
    second = import_file(store, user, deadlifts)
    assert (second.workouts_extended, second.sets_extended) == (1, 2)
    with store.reader(user_id) as uow:
        (workout,) = uow.workouts.list()
    assert workout.date == dt.date(2025, 1, 3)
    assert [s.exercise_id for s in workout.sets] == ["back-squat"] * 3 + ["deadlift"] * 2


def test_the_same_file_with_another_mapping_adds_nothing(store, user_id, tmp_path):
    user = _user(store, user_id)
    both = write_csv(tmp_path / "both.csv", HEADER, SQUATS + DEADLIFTS)
    first = import_file(store, user, both, overrides={"Barbell Squat": "front-squat"})
    assert first.sets_added == 5
    again = import_file(store, user, both)  # the squats map to back-squat this time
    assert (again.sets_added, again.duplicates, again.workouts_duplicate) == (0, 5, 1)
    assert [s[0] for s in _sets(store, user_id)] == ["front-squat"] * 3 + ["deadlift"] * 2


def test_a_second_file_fills_a_workout_up_to_its_cap_and_names_what_it_left_out(
        store, user_id, tmp_path):
    # A FitNotes day imported with 480 squat sets; a second file of that day brings 30 deadlift
    # sets. The workout takes 20 of them (500 is the most a workout takes, as for a new one);
    # the other 10 are named, and the rest of the import (another day) is stored.
    user = _user(store, user_id)
    first = import_file(store, user, write_csv(tmp_path / "a.csv", HEADER, SQUATS[:1] * 480))
    assert first.sets_added == 480
    more = [["2025-01-02", "Deadlift", "Back", "140.0", "3", "", "", ""]] * 30 \
        + [["2025-01-05", "Deadlift", "Back", "145.0", "3", "", "", ""]] * 2
    path = write_csv(tmp_path / "b.csv", HEADER, more)
    dry = import_file(store, user, path, dry_run=True)
    second = import_file(store, user, path)
    for report in (dry, second):
        assert (report.sets_extended, report.sets_over_cap, report.sets_added) == (20, 10, 22)
        assert report.workouts_added == 1 and report.duplicates == 0
        assert report.rows == report.sets_added + report.duplicates + len(report.skipped) \
            + report.sets_over_cap
        (note,) = [n for n in report.notes if "most a workout takes" in n]
        assert "2025-01-02" in note and "480 sets" in note and "10 of this file's sets" in note
    assert second.stored and second.as_json()["sets_over_cap"] == 10
    with store.reader(user_id) as uow:
        sizes = sorted(len(w.sets) for w in uow.workouts.list())
    assert sizes == [2, 500]
    again = import_file(store, user, path)  # full: nothing more, and it says so
    assert (again.sets_added, again.sets_over_cap) == (0, 10)


# --- sets deleted by hand stay deleted ------------------------------------------------------


def test_a_set_deleted_by_hand_is_not_imported_again(store, user_id, tmp_path):
    # The lifter deletes one of three equal squats and a deadlift: re-importing the file (or
    # a newer export of the same day with one more set) leaves them deleted, and says so.
    from redwood.services.training import delete_set

    user = _user(store, user_id)
    both = write_csv(tmp_path / "both.csv", HEADER, SQUATS + DEADLIFTS)
    import_file(store, user, both)
    workout_id = _workout_id(store, user_id)
    delete_set(store, user, workout_id, 4)  # the 150 kg deadlift
    delete_set(store, user, workout_id, 1)  # a squat
    dry = import_file(store, user, both, dry_run=True)
    again = import_file(store, user, both)
    for report in (dry, again):
        assert (report.sets_added, report.sets_deleted, report.duplicates) == (0, 2, 3)
        assert "2 sets you deleted were not re-imported" in report.notes
        assert report.rows == report.sets_added + report.duplicates + report.sets_deleted
    assert again.import_id is None and again.as_json()["sets_deleted"] == 2
    assert [s[:3] for s in _sets(store, user_id)] == [
        ("back-squat", 100000, 5), ("back-squat", 100000, 5), ("deadlift", 140000, 3)]
    newer = write_csv(tmp_path / "newer.csv", HEADER, SQUATS + DEADLIFTS + [
        ["2025-01-02", "Deadlift", "Back", "160.0", "1", "", "", ""]])
    report = import_file(store, user, newer)
    assert (report.sets_added, report.sets_extended, report.sets_deleted) == (1, 1, 2)
    assert [s[:3] for s in _sets(store, user_id)][-1] == ("deadlift", 160000, 1)


def test_an_imported_workout_deleted_by_hand_is_not_imported_again(store, user_id, tmp_path):
    from redwood.services.training import delete_workout

    user = _user(store, user_id)
    both = write_csv(tmp_path / "both.csv", HEADER, SQUATS + DEADLIFTS)
    import_file(store, user, both)
    delete_workout(store, user, _workout_id(store, user_id))
    again = import_file(store, user, both)
    assert (again.workouts_added, again.sets_added, again.sets_deleted) == (0, 0, 5)
    assert "5 sets you deleted were not re-imported" in again.notes
    assert stored(store, user_id).workouts == 0


def test_a_deleted_workout_takes_the_sets_a_newer_export_adds_to_it(store, user_id,
                                                                     tmp_path):
    # The lifter deletes an imported workout, then keeps logging that session in the app: its
    # newer export has the workout with one more set. The five deleted stay deleted; the set
    # never seen here comes in (the workout back, holding only it); and once more the same
    # file adds nothing.
    from redwood.services.training import delete_workout

    user = _user(store, user_id)
    both = write_csv(tmp_path / "both.csv", HEADER, SQUATS + DEADLIFTS)
    import_file(store, user, both)
    delete_workout(store, user, _workout_id(store, user_id))
    newer = write_csv(tmp_path / "newer.csv", HEADER, SQUATS + DEADLIFTS + [
        ["2025-01-02", "Deadlift", "Back", "160.0", "1", "", "", ""]])
    dry = import_file(store, user, newer, dry_run=True)
    report = import_file(store, user, newer)
    for r in (dry, report):
        assert (r.sets_added, r.sets_deleted, r.duplicates) == (1, 5, 0), r.as_json()
        assert (r.workouts_added, r.workouts_duplicate) == (1, 0)
        assert r.rows == r.sets_added + r.duplicates + r.sets_deleted
        assert "5 sets you deleted were not re-imported" in r.notes
        assert r.volume_kg == 160
    assert [s[:3] for s in _sets(store, user_id)] == [("deadlift", 160000, 1)]
    with store.reader(user_id) as uow:
        (workout,) = uow.workouts.list()
    assert workout.date == dt.date(2025, 1, 2)
    for path in (newer, both):
        again = import_file(store, user, path)
        assert (again.sets_added, again.import_id) == (0, None), again.as_json()
        assert again.sets_deleted == 5
    assert stored(store, user_id).sets == 1
    # Undoing the import that brought it back takes the one set away; the five stay deleted.
    assert report.import_id is not None
    undo_import(store, user, report.import_id)
    assert stored(store, user_id).workouts == 0
    again = import_file(store, user, both)
    assert (again.sets_added, again.sets_deleted) == (0, 5)


def test_sets_replaced_by_an_edit_leave_only_the_removed_one_deleted(store, user_id,
                                                                     tmp_path):
    # The API's PUT of a workout's sets (change_workout): the sets kept as they were are not
    # deletions; the one left out is.
    from redwood.services.training import change_workout

    user = _user(store, user_id)
    both = write_csv(tmp_path / "both.csv", HEADER, SQUATS + DEADLIFTS)
    import_file(store, user, both)
    workout_id = _workout_id(store, user_id)
    with store.reader(user_id) as uow:
        workout = uow.workouts.get(workout_id)
    assert workout is not None
    change_workout(store, user, workout_id, {}, sets=list(workout.sets[:4]))
    again = import_file(store, user, both)
    assert (again.sets_added, again.sets_deleted, again.duplicates) == (0, 1, 4)
    assert len(_sets(store, user_id)) == 4


def test_undoing_the_import_forgets_its_deletions(store, user_id, tmp_path):
    # Undone, the import is as if never made: the file imported again brings back every set.
    from redwood.services.training import delete_set

    user = _user(store, user_id)
    both = write_csv(tmp_path / "both.csv", HEADER, SQUATS + DEADLIFTS)
    first = import_file(store, user, both)
    delete_set(store, user, _workout_id(store, user_id), 0)
    assert first.import_id is not None
    undo_import(store, user, first.import_id)
    with store.reader(user_id) as uow:
        left = uow.session.execute(text(
            "SELECT count(*) FROM import_tombstones WHERE user_id = :u"), {"u": user_id})
        assert left.scalar() == 0
    again = import_file(store, user, both)
    assert (again.sets_added, again.sets_deleted) == (5, 0)


def test_an_imported_set_edited_then_deleted_by_hand_stays_deleted(store, user_id, tmp_path):
    # The lifter fixes an imported squat's reps (the set is theirs now), then deletes it:
    # re-importing the export does not bring the original back, and says so.
    from redwood.services.training import delete_set

    user = _user(store, user_id)
    both = write_csv(tmp_path / "both.csv", HEADER, SQUATS + DEADLIFTS)
    import_file(store, user, both)
    workout_id = _workout_id(store, user_id)
    with store.unit_of_work(user_id) as uow:
        assert uow.workouts.update_set(workout_id, 2, LoggedSet("back-squat", Decimal(100), 4))
        uow.commit()
    delete_set(store, user, workout_id, 2)
    for dry_run in (True, False):
        again = import_file(store, user, both, dry_run=dry_run)
        assert (again.sets_added, again.sets_deleted) == (0, 1), again.as_json()
        assert "1 set you deleted was not re-imported" in again.notes
        assert again.rows == again.sets_added + again.duplicates + again.sets_deleted
    assert [s[:3] for s in _sets(store, user_id)] == [
        ("back-squat", 100000, 5), ("back-squat", 100000, 5), ("deadlift", 140000, 3),
        ("deadlift", 150000, 2)]


def test_an_imported_workout_edited_then_deleted_by_hand_stays_deleted(store, user_id,
                                                                      tmp_path):
    # Every set edited by hand (none imported any more), then the workout deleted: the
    # export imported again brings nothing back.
    from redwood.services.training import delete_workout

    user = _user(store, user_id)
    import_file(store, user, write_csv(tmp_path / "squats.csv", HEADER, SQUATS))
    workout_id = _workout_id(store, user_id)
    with store.unit_of_work(user_id) as uow:
        for position in range(3):
            assert uow.workouts.update_set(workout_id, position,
                                           LoggedSet("back-squat", Decimal(100), 4))
        uow.commit()
    delete_workout(store, user, workout_id)
    again = import_file(store, user, tmp_path / "squats.csv")
    assert (again.workouts_added, again.sets_added, again.sets_deleted) == (0, 0, 3), \
        again.as_json()
    assert "3 sets you deleted were not re-imported" in again.notes
    assert stored(store, user_id).workouts == 0


def test_undoing_the_deletion_of_a_set_in_an_imported_workout_forgets_its_tombstone(
        store, user_id, tmp_path):
    # The lifter logs a fourth squat into the imported workout (Today), deletes it, and takes
    # the deletion back: the set is theirs again, so a newer export with five squats brings
    # in the fifth (before, the deletion's import tombstone stayed and held it back).
    user = _user(store, user_id)
    squats = write_csv(tmp_path / "squats.csv", HEADER, SQUATS)
    import_file(store, user, squats)
    workout_id = _workout_id(store, user_id)
    with store.unit_of_work(user_id) as uow:
        uow.workouts.add_sets(workout_id, [LoggedSet("back-squat", Decimal(100), 5)],
                              client_ids=["phone-1"])
        uow.commit()
    with store.unit_of_work(user_id) as uow:
        assert uow.workouts.delete_by_client_id("phone-1")
        uow.commit()
    with store.unit_of_work(user_id) as uow:
        undone = uow.undo_last()
        assert undone is not None and undone.sets == 1
        uow.commit()
    assert len(_sets(store, user_id)) == 4
    with store.reader(user_id) as uow:
        left = uow.session.execute(text(
            "SELECT count(*) FROM import_tombstones WHERE user_id = :u"), {"u": user_id}).one()
    assert left[0] == 0
    newer = write_csv(tmp_path / "newer.csv", HEADER, SQUATS + SQUATS[:2])
    report = import_file(store, user, newer)
    assert (report.sets_added, report.sets_deleted) == (1, 0), report.as_json()
    assert len(_sets(store, user_id)) == 5


def test_undoing_the_deletion_of_a_whole_imported_workout_forgets_its_tombstones(
        store, user_id, tmp_path):
    # The same for the workout's last set deleted with the workout: the undo brings the
    # workout back with its sets, and a re-import of the same export adds nothing.
    user = _user(store, user_id)
    squats = write_csv(tmp_path / "squats.csv", HEADER, SQUATS[:1])
    import_file(store, user, squats)
    workout_id = _workout_id(store, user_id)
    with store.unit_of_work(user_id) as uow:  # the imported set gets a client id by a log
        uow.workouts.add_sets(workout_id, [LoggedSet("back-squat", Decimal(100), 5)],
                              client_ids=["phone-1"])
        uow.commit()
    with store.unit_of_work(user_id) as uow:
        assert uow.workouts.delete_set(workout_id, 0)  # the imported set, by hand
        uow.commit()
    with store.unit_of_work(user_id) as uow:
        assert uow.workouts.delete_by_client_id("phone-1")  # the last set: the workout goes
        uow.commit()
    with store.reader(user_id) as uow:
        before = uow.session.execute(text(
            "SELECT count(*) FROM import_tombstones WHERE user_id = :u"), {"u": user_id}).one()
    assert before[0] == 2
    with store.unit_of_work(user_id) as uow:
        assert uow.undo_last() is not None
        uow.commit()
    with store.reader(user_id) as uow:
        after = uow.session.execute(text(
            "SELECT count(*) FROM import_tombstones WHERE user_id = :u"), {"u": user_id}).one()
    assert after[0] == 1  # the hand deletion of the imported set stands
    again = import_file(store, user, squats)  # the file's one set: the logged one holds it
    assert (again.sets_added, again.duplicates) == (0, 1), again.as_json()
    assert len(_sets(store, user_id)) == 1
