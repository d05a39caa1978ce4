"""What an importer reads from another app's export, before any mapping or storage (the apps
themselves are listed in redwood.io.apps, re-exported here).

Parsers (redwood.io.formats) turn a file into a stream of `ImportRow`s, one per set row, in
file order; the import pipeline (redwood.io.importer) maps exercise names to the library,
settles the unit, groups rows into workouts, de-duplicates and stores. Keeping the two apart
lets each format's quirks stay in its parser and the storage rules in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from redwood.domain.log import SetKind, Unit
from redwood.io.apps import EXPORT_FORMATS, FORMATS, SOURCES, TITLES, ExportFormat, said

__all__ = ["EXPORT_FORMATS", "FORMATS", "SOURCES", "TITLES", "ExportFormat", "said"]


@dataclass(slots=True, unsafe_hash=True)
class ImportRow:
    """One set as the file states it. Treat it as immutable (nothing assigns to a row once
    built; it hashes by value like a frozen one).

    Not `frozen=True`: a frozen dataclass's __init__ sets each field through
    object.__setattr__, about ten times the cost of this plain slots __init__, and a big export
    builds one row per set (most of the parse time of a 100,000-set file went there)."""

    line: int
    """The 1-based line of the file where the row starts (a quoted field may span lines)."""
    workout_start: dt.datetime
    """Naive wall-clock time the workout started; midnight when the file has only a date."""
    exercise_name: str
    """Exactly as in the file (trimmed)."""
    kind: SetKind = SetKind.WORKING
    weight: Decimal | None = None
    """In `unit`, exactly as written (no float conversion); None for bodyweight."""
    unit: Unit | None = None
    """The weight's unit when the file says (a column, a header, a field); None if unknown."""
    reps: int | None = None
    seconds: int | None = None
    distance_m: Decimal | None = None
    rpe: Decimal | None = None
    note: str | None = None
    workout_title: str | None = None
    workout_notes: str | None = None
    workout_end: dt.datetime | None = None
    has_time: bool = True
    """False when the file gives only a date (FitNotes, JEFIT)."""
    superset_id: str | None = None
    """The file's own superset marker, if any; rows sharing it in a workout form a superset."""
    completed: bool = True


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that cannot be imported (`error`) or is deliberately not a set (`ignored`)."""

    line: int
    reason: str
    ignored: bool = False
    """True for rows that are not sets by design (Strong's Rest Timer rows, JEFIT's other
    sections): always skipped, reported, never a reason to refuse the file."""


class ExportError(ValueError):
    """The file as a whole cannot be read: empty, too big, another app's, missing columns.
    The message is one line and names the file's line where it applies."""


@dataclass
class Export:
    """An opened export: what it is and its rows, read lazily in file order."""

    format: str
    """One of FORMATS."""
    variant: str
    """Which of the format's documented variants, e.g. 'strong-semicolon-units'."""
    rows: Iterator[ImportRow | RowProblem]
    unit: Unit | None = None
    """The unit the whole file uses when it says so (e.g. a Hevy 'weight_lbs' header)."""
    notes: list[str] = field(default_factory=list)
    """Things to tell the user about how the file was read (e.g. repaired commas)."""
