"""The undo journal read without changing it: what `undo` would take back next.

(A query module of its own, beside the repositories, for the training service's undo: the web's
Undo on Today takes back the journal's last entry, as `redwood undo` does, when it is a set of
the session shown.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from redwood.store.models import EntryRow

if TYPE_CHECKING:
    from redwood.store.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class LastEntry:
    kind: str
    """'workout', 'sets', 'checkin' or 'import' (see UnitOfWork.undo_last)."""
    workout_id: int | None
    positions: tuple[int, ...]
    """For 'sets': the positions of the sets the entry added."""


def last_entry(uow: UnitOfWork) -> LastEntry | None:
    """The user's last journal entry (the one `undo_last` would take back), None if none."""
    entry = uow.session.scalars(
        select(EntryRow).where(EntryRow.user_id == uow.workouts.user_id)
        .order_by(EntryRow.id.desc()).limit(1)).first()
    if entry is None:
        return None
    positions = tuple(int(p) for p in dict(entry.data or {}).get("positions", []))
    return LastEntry(entry.kind, entry.workout_id, positions)
