"""Taking the log out and bringing a backup back: the use cases behind `redwood export
csv|json|ics`, `redwood restore`, GET /export/* and the settings page's downloads.

The file formats are redwood.io's (strong_csv, backup, calendar: pure writers and readers);
the reading and writing of the database is redwood.store.backup's. Here is the transaction
around them: one reader per export (streams read whole days at a time from one snapshot, in
constant memory), and a restore into a store opened for it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from redwood.domain.log import Unit
    from redwood.domain.user import User
    from redwood.io.backup_file import Backup
    from redwood.services.base import Store
    from redwood.store.backup import Restored


def custom_names(store: Store, user: User) -> dict[str, str]:
    """The lifter's own exercises: id -> name."""
    with store.reader(user.id) as uow:
        return {c.exercise_id: c.name for c in uow.exercises.list()}


CHUNK = 64 * 1024
"""Characters a streamed CSV export sends at a time."""


@dataclass(frozen=True)
class CsvExport:
    text: str
    workouts: int
    sets: int


def strong_csv(store: Store, user: User, *, since: dt.date | None = None,
               until: dt.date | None = None, unit: Unit | None = None) -> CsvExport:
    """The workouts between the days as a Strong CSV export, in `unit` (default: the
    lifter's)."""
    from redwood.io.strong_csv import exercise_names, write_strong_csv

    with store.reader(user.id) as uow:
        workouts = uow.workouts.list(since=since, until=until)
        custom = {c.exercise_id: c.name for c in uow.exercises.list()}
    buffer = io.StringIO(newline="")
    rows = write_strong_csv(workouts, buffer, unit=unit or user.unit,
                            names=exercise_names(custom))
    return CsvExport(buffer.getvalue(), len(workouts), rows)


def strong_csv_chunks(store: Store, user: User, *, since: dt.date | None = None,
                      until: dt.date | None = None, unit: Unit | None = None) -> Iterator[str]:
    """strong_csv's text in chunks of about CHUNK characters, a day at a time from one
    snapshot: constant memory, whatever the length of the log. The names are read when
    called, the log as iterated (each set's figures only: store.logstream)."""
    from redwood.io.strong_csv import StrongCsvWriter, exercise_names

    names = exercise_names(custom_names(store, user))
    shown = unit or user.unit

    def chunks() -> Iterator[str]:
        buffer = io.StringIO(newline="")
        writer = StrongCsvWriter(buffer, unit=shown, names=names)
        with store.reader(user.id) as uow:
            # Each distinct set is made into its text once, straight from its row.
            for day in uow.workouts.made_by_day(writer.set_text, since, until):
                writer.write_made(day)
                if buffer.tell() >= CHUNK:
                    yield buffer.getvalue()
                    buffer.seek(0)
                    buffer.truncate()
        if buffer.tell():  # the last days, or the header of an empty log
            yield buffer.getvalue()

    return chunks()


def backup(store: Store, user: User) -> str:
    """The complete backup of `user` (redwood.io.backup_file's format) as text."""
    from redwood.io.backup_file import FORMAT, VERSION, dumps
    from redwood.store.backup import dump_user

    return dumps({"format": FORMAT, "version": VERSION, **dump_user(store, user.id)})


def backup_chunks(store: Store, user: User) -> Iterator[str]:
    """backup's text in chunks, read from the database as it is written: constant memory,
    whatever the length of the log."""
    from redwood.io.backup_file import CHUNK, FORMAT, VERSION, encoded, iter_dumps
    from redwood.store.backup import user_dump

    # Each distinct set is made into its text once, as it is read.
    with user_dump(store, user.id, encode_set=encoded) as data:
        pending: list[str] = []
        size = 0
        for line in iter_dumps({"format": FORMAT, "version": VERSION, **data}):
            pending.append(line)
            size += len(line)
            if size >= CHUNK:
                yield "".join(pending)
                pending, size = [], 0
        if pending:
            yield "".join(pending)


def restore(store: Store, saved: Backup, name: str | None = None) -> Restored:
    """Write a validated backup into the database, as `name` (default: the backup's user).
    Raises StoreError subclasses (RestoreRefused when that user has data); nothing is
    written then. A restore of BULK_SETS sets or more refreshes the database's planner
    statistics after it, as an import does: the log grew as much at once."""
    from redwood.services.base import BULK_SETS
    from redwood.store.backup import restore_user

    restored = restore_user(store, saved.model_dump(), name)
    if restored.sets >= BULK_SETS:
        store.refresh_statistics()
    return restored


def active_plan(store: Store, user: User) -> dict[str, Any] | None:
    """The active plan's JSON, or None."""
    with store.reader(user.id) as uow:
        found = uow.plans.active()
    return None if found is None else found[1]


def plan_calendar(store: Store, user: User, **options: Any) -> bytes | None:
    """The active plan's sessions as an iCalendar file (options: those of
    redwood.io.calendar.plan_calendar: start, tz), or None without an active plan."""
    from redwood.io.calendar import plan_calendar as write

    plan = active_plan(store, user)
    return None if plan is None else write(plan, **options)
