"""What an importer reads from another app's export, before any mapping or storage, and the
registry of the apps whose exports it reads (`EXPORT_FORMATS`).

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


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """An app whose export Redwood reads: the one registry every list of formats derives
    from (detection, titles, the CLI's --from, the API's from=)."""

    name: str
    """As the lifter names it (`--from strong`) and as the log keeps a set's source."""
    title: str
    """As the app spells itself."""
    by_header: bool = True
    """True: recognised by its CSV header line; False: by a preamble of its own (JEFIT's ###
    sections), looked for first."""

    @property
    def parser(self) -> str:
        """The module of redwood.io.formats that reads it."""
        return f"redwood.io.formats.{self.name}"


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("strong", "Strong"),
    ExportFormat("hevy", "Hevy"),
    ExportFormat("fitnotes", "FitNotes"),
    ExportFormat("jefit", "JEFIT", by_header=False),
)
"""In the order headers are tried."""
FORMATS: tuple[str, ...] = tuple(f.name for f in EXPORT_FORMATS)
TITLES: dict[str, str] = {f.name: f.title for f in EXPORT_FORMATS}
SOURCES: tuple[str, ...] = ("auto", *FORMATS)
"""What a lifter may say a file is: auto (recognise it) or a format's name."""


def said(words: tuple[str, ...] | list[str], last: str = "or") -> str:
    """'a, b, c or d'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


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
