"""An import that adds sets to a workout it imported before and a lifter's tap logging a set
into that same workout take turns (SQLite and PostgreSQL): the tap waits until the import has
committed and then counts the import's sets against the 500-set cap, so the two cannot
together pass it, and neither fails. On PostgreSQL the import locks the workout's row (store.
imports.stored_workouts' `lock`) as the API's append does; the user's row it locks too (FOR NO
KEY UPDATE) does not hold the tap's foreign-key check, with which a tap holding its workout
deadlocked (1 run in 6). On SQLite the import's write transaction excludes every other
writer."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

from importkit import write_csv

from redwood.domain.log import MAX_SETS_PER_WORKOUT, LoggedSet
from redwood.services import accounts
from redwood.services.base import WorkoutFull
from redwood.services.importing import import_file
from redwood.services.training import log_sets_by_token
from redwood.store import Store, imports

HEADER = ["Date", "Exercise", "Category", "Weight (kgs)", "Reps", "Distance", "Distance Unit",
          "Time"]
SQUAT = ["2025-01-02", "Barbell Squat", "Legs", "100.0", "5", "", "", ""]


def _user(store: Store, user_id: int) -> Any:
    with store.reader() as uow:
        return uow.users.get(user_id)


def _imported(store: Store, user_id: int, tmp_path: Path) -> tuple[Any, str, int]:
    user = _user(store, user_id)
    report = import_file(store, user, write_csv(tmp_path / "day.csv", HEADER, [SQUAT] * 3))
    assert report.workouts_added == 1
    with store.reader(user_id) as uow:
        (workout,) = uow.workouts.list()
    with store.unit_of_work(user_id) as uow:
        key = next(iter(imports.import_keys(uow)))
    assert workout.id is not None
    return user, key, workout.id


def test_a_tap_waits_for_an_import_reading_the_workout_it_adds_to(
        store: Store, user_id: int, tmp_path: Path) -> None:
    user, key, workout_id = _imported(store, user_id, tmp_path)
    _, token = accounts.create_token(store, user, "phone")
    read, release = threading.Event(), threading.Event()
    seen: list[int] = []

    def importing() -> None:
        with store.unit_of_work(user_id) as uow:
            imports.lock_user(uow)
            found = imports.stored_workouts(uow, [key], lock=True)
            seen.append(len(found[key][3]))
            read.set()
            release.wait(10)
            uow.commit()

    tapped: list[str] = []

    def tap() -> None:
        log_sets_by_token(store, token, workout_id, [LoggedSet("back-squat", Decimal(60), 5)])
        tapped.append("stored")

    reader = threading.Thread(target=importing)
    reader.start()
    assert read.wait(10)
    phone = threading.Thread(target=tap)
    phone.start()
    phone.join(0.5)
    # The import has read the workout's 3 sets and may add up to the cap from them: the tap
    # must not slip a set in under it.
    assert phone.is_alive() and tapped == []
    release.set()
    reader.join(10)
    phone.join(10)
    assert seen == [3] and tapped == ["stored"]


def test_an_import_and_a_tap_never_pass_the_cap_together(
        store: Store, user_id: int, tmp_path: Path) -> None:
    """The workout holds 499 sets; a re-export of it with one more set is imported while the
    lifter taps a set into it: the workout ends with exactly 500, one of the two refused or
    named as over the cap, whichever goes first."""
    user = _user(store, user_id)
    full = [SQUAT] * (MAX_SETS_PER_WORKOUT - 1)
    import_file(store, user, write_csv(tmp_path / "day.csv", HEADER, full))
    with store.reader(user_id) as uow:
        (workout,) = uow.workouts.list()
    _, token = accounts.create_token(store, user, "phone")
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def importing() -> None:
        start.wait()
        report = import_file(store, user, write_csv(
            tmp_path / "again.csv", HEADER, [*full, ["2025-01-02", "Deadlift", "Back", "140.0",
                                                     "3", "", "", ""]]))
        outcomes.append("import over cap" if report.sets_over_cap else "import added")

    def tap() -> None:
        start.wait()
        try:
            log_sets_by_token(store, token, workout.id,
                              [LoggedSet("back-squat", Decimal(60), 5)])
            outcomes.append("tap stored")
        except WorkoutFull:
            outcomes.append("tap full")

    threads = [threading.Thread(target=importing), threading.Thread(target=tap)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    with store.reader(user_id) as uow:
        (after,) = uow.workouts.list()
    assert len(after.sets) == MAX_SETS_PER_WORKOUT, outcomes
    assert sorted(outcomes) in (["import added", "tap full"],
                                ["import over cap", "tap stored"]), outcomes
