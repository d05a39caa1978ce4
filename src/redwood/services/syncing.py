"""Sets logged exactly once, however often a device sends them (the gym mode's offline queue,
a script retrying with an Idempotency-Key).

Each set carries the id its device gave it (a UUID), stored with the set and unique per user.
A request sent again finds its set and gets the original answer back; two sent at the same
moment race on the database's unique constraint, and the loser finds the winner's set. A set
deleted (on another device, or by Undo) leaves its id behind as a tombstone, so a request
replayed later does not bring it back.

    logged = log_set_once(store, user, day, LoggedSet("back_squat", Decimal(60), reps=5),
                          "7d0f...", catalog)
    logged.replayed   # True when the set was already there
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from redwood.domain.log import LoggedSet, PlannedRef, Workout
from redwood.services.training import TrainingError, log_workout
from redwood.store import InvalidEntry

if TYPE_CHECKING:
    from redwood.catalog import Catalog
    from redwood.coach.records import RecordBreak
    from redwood.domain.user import User
    from redwood.store import Store
    from redwood.store.repositories.workouts import ClientSet as ClientSet

CLIENT_ID_MAX = 64
R = TypeVar("R")


class ClientIdReused(TrainingError):
    """A client id already names another set (another lift or day): HTTP 409."""


class SetDeleted(TrainingError):
    """The set with this client id was deleted (on another device): HTTP 410."""


class SetMissing(TrainingError):
    """No set has this client id: HTTP 404."""


@dataclass(frozen=True)
class SetLogged:
    client_id: str
    workout_id: int
    position: int
    date: dt.date
    logged: LoggedSet
    replayed: bool
    """True when the set was already stored (a repeated request): nothing was added."""
    records: tuple[RecordBreak, ...] = ()
    """The records (PRs) the set broke; on a replay, none (they were told the first time)."""


def check_client_id(client_id: str) -> str:
    """The id as given, or TrainingError naming the field."""
    text = client_id.strip()
    if not 8 <= len(text) <= CLIENT_ID_MAX or not all(
            c.isascii() and (c.isalnum() or c in "-_:.") for c in text):
        raise TrainingError(f"client_id: use 8 to {CLIENT_ID_MAX} letters, digits, '-', '_', "
                            "':' or '.' (a UUID)")
    return text


def _lookup(store: Store, user: User, client_ids: Sequence[str], date: dt.date | None,
            sets: Sequence[LoggedSet]) -> list[ClientSet] | None:
    """The sets stored with these client ids (a repeated request), None when none is there.
    ClientIdReused when an id names another set (another lift or day; values may differ, the
    set may have been edited since), or only some are there; SetDeleted when one was deleted."""
    with store.reader(user.id) as uow:
        found = [uow.workouts.by_client_id(c) for c in client_ids]
        deleted = [c for c, f in zip(client_ids, found, strict=True)
                   if f is None and uow.workouts.was_deleted(c)]
    if deleted:
        raise SetDeleted(f"client_id: the set {deleted[0]} was deleted (on another device?); "
                         "it stays deleted")
    if all(f is None for f in found):
        return None
    for client_id, f, s in zip(client_ids, found, sets, strict=True):
        if f is None:
            raise ClientIdReused(f"client_id: {client_id} was not logged with the others of "
                                 "this request; send the request as it was first sent")
        if f.logged.exercise_id != s.exercise_id or (date is not None and f.date != date):
            raise ClientIdReused(
                f"client_id: {client_id} already names a set of {f.logged.exercise_id} on "
                f"{f.date.isoformat()}; use a new id for a new set")
    return [f for f in found if f is not None]


def once(store: Store, user: User, client_ids: Sequence[str], date: dt.date | None,
         sets: Sequence[LoggedSet], add: Callable[[], R],
         replay: Callable[[list[ClientSet]], R]) -> R:
    """`add()` the sets, unless they are stored already: then `replay(found)`. Two requests
    racing with the same ids: the database's unique constraint refuses the second, which then
    answers as a replay of the first."""
    before = _lookup(store, user, client_ids, date, sets)
    if before is not None:
        return replay(before)
    try:
        return add()
    except InvalidEntry:
        raced = _lookup(store, user, client_ids, date, sets)
        if raced is None:
            raise
        return replay(raced)


def log_set_once(store: Store, user: User, date: dt.date, logged: LoggedSet, client_id: str,
                 catalog: Catalog, planned: PlannedRef | None = None) -> SetLogged:
    """Add the set to the day's workout (of the `planned` session), unless a set with this
    client id is there already: then the original result, nothing added."""
    client_id = check_client_id(client_id)

    def add() -> SetLogged:
        result = log_workout(store, user, Workout(date=date, sets=(logged,), planned=planned),
                             catalog, append=True, client_ids=(client_id,))
        return SetLogged(client_id, result.workout_id, result.positions[0], date, logged,
                         replayed=False, records=result.records)

    def replay(found: list[ClientSet]) -> SetLogged:
        f = found[0]
        return SetLogged(client_id, f.workout_id, f.position, f.date, f.logged, replayed=True)

    return once(store, user, (client_id,), date, (logged,), add, replay)


def session_client_ids(store: Store, user: User, date: dt.date,
                       ref: PlannedRef) -> list[str | None]:
    """The client id of each set of the session trained on `date`, in the order logged (as
    `training.session_sets` lists them); None for a set logged without one."""
    with store.reader(user.id) as uow:
        workouts = sorted(w.id for w in uow.workouts.list(since=date, until=date)
                           if w.planned == ref and w.id is not None)
        ids = uow.workouts.client_ids(workouts)
        positions = {w: uow.workouts.positions(w) for w in workouts}
    return [ids.get((w, p)) for w in workouts for p in positions[w]]


def edit_set(store: Store, user: User, client_id: str,
             change: Callable[[LoggedSet], LoggedSet]) -> ClientSet:
    """Correct the set with this client id: `change` gets the set as stored and returns it
    corrected (its lift stays). SetDeleted / SetMissing when it is gone: the lifter is told,
    the edit is not silently dropped."""
    from redwood.store.repositories.workouts import ClientSet as ClientSet

    client_id = check_client_id(client_id)
    with store.unit_of_work(user.id) as uow:
        found = uow.workouts.by_client_id(client_id)
        if found is None:
            if uow.workouts.was_deleted(client_id):
                raise SetDeleted(f"client_id: the set {client_id} was deleted (on another "
                                 "device?); the edit was not applied")
            raise SetMissing(f"client_id: no set {client_id}")
        new = change(found.logged)
        if new.exercise_id != found.logged.exercise_id:
            raise ClientIdReused(f"exercise_id: the set {client_id} is a set of "
                                 f"{found.logged.exercise_id}")
        uow.workouts.update_set(found.workout_id, found.position, new)
        uow.commit()
    return ClientSet(found.workout_id, found.position, found.date, new, found.planned,
                     client_id)


def delete_set(store: Store, user: User, client_id: str) -> bool:
    """Delete the set with this client id; it stays deleted (a later replay of its log does
    not revive it, even one still queued on another device) until `undo` takes the deletion
    back: the set, its tombstone and the deletion are one journal entry, written in one
    transaction (`workouts.delete_by_client_id`). False if it was not there."""
    client_id = check_client_id(client_id)
    with store.unit_of_work(user.id) as uow:
        deleted = uow.workouts.delete_by_client_id(client_id)
        uow.commit()
    return deleted
