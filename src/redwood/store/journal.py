"""The undo journal read without changing it: what `undo` would take back next (found, and
locked, by UnitOfWork.last_entry).

(A query module of its own, beside the repositories, for the training service's undo: the web's
Undo on Today takes back the journal's last entry, as `redwood undo` does, when it is a set of
the session shown.)
"""

from __future__ import annotations

from dataclasses import dataclass

from redwood.store.models import EntryRow


@dataclass(frozen=True, slots=True)
class LastEntry:
    kind: str
    """'workout', 'sets', 'checkin' or 'import' (see UnitOfWork.undo_last)."""
    workout_id: int | None
    positions: tuple[int, ...]
    """For 'sets': the positions of the sets the entry added."""


def last_entry_of(entry: EntryRow) -> LastEntry:
    """What the journal's `entry` row took in, as the undo of Today reads it."""
    positions = tuple(int(p) for p in dict(entry.data or {}).get("positions", []))
    return LastEntry(entry.kind, entry.workout_id, positions)
