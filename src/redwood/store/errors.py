"""What the storage layer raises. Every message is one line a person can act on.

This module imports nothing heavy, so callers can catch these without loading SQLAlchemy.
"""

from __future__ import annotations


class StoreError(Exception):
    """A storage problem to show as one line (no traceback)."""


class StoreBusy(StoreError):
    """Another process held the database longer than the busy timeout; retrying is safe."""

    def __init__(self, detail: str = "") -> None:
        message = (
            "the database is busy: another redwood process is writing to it. Nothing was "
            "saved; try again in a moment"
        )
        super().__init__(f"{message} ({detail})" if detail else message)


class InvalidEntry(StoreError, ValueError):
    """A value the log cannot hold (a 2000 kg squat, an RPE of 11): nothing was stored."""


class WorkoutFull(InvalidEntry):
    """Sets refused because the workout would pass domain.log.MAX_SETS_PER_WORKOUT:
    `held` it holds, `most` it takes; nothing was stored."""

    def __init__(self, message: str, held: int, most: int) -> None:
        super().__init__(message)
        self.held = held
        self.most = most


class NotFound(StoreError, LookupError):
    """No such row for this user (rows of other users are never found)."""


class SchemaTooNew(StoreError):
    """The database was upgraded by a newer Redwood (its schema is past this one's head):
    nothing is read or written; the message names both versions."""

    def __init__(self, found: str, known: str) -> None:
        super().__init__(f"the database is at schema {found}, newer than this redwood knows "
                         f"({known}): upgrade redwood")
        self.found = found
        self.known = known
