"""Strong (iOS, Android) CSV exports, all five header variants.

1. legacy, `,`: Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,
   Workout Notes                                                          -> 'strong-legacy'
2. as 1 plus RPE                                                         -> 'strong-rpe'
3. `;` with Weight Unit and Distance Unit columns                        -> 'strong-semicolon-units'
4. with Duration (2021-2025), with or without the two notes columns
                                     -> 'strong-duration' / 'strong-duration-no-notes'
5. `;`, all quoted, "Workout #" ... "Weight (kg)" or "Weight (lbs)", "Duration (sec)",
   "Distance (meters)"                          -> 'strong-numbered-kg' / 'strong-numbered-lbs'

Variants 1, 2 and 4 carry no unit: rows get the unit the caller was told (or None).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from operator import itemgetter

from redwood.domain.log import SetKind, Unit
from redwood.io.csvsafe import restore
from redwood.io.formats import common
from redwood.io.formats.common import BadValue, Context, Header, make_row
from redwood.io.rows import ImportRow, RowProblem

FORMAT = "strong"

ALIASES: dict[str, tuple[str, ...]] = {
    "workout_no": ("workout #",),
    "date": ("date",),
    "workout_name": ("workout name",),
    "duration": ("duration",),
    "duration_sec": ("duration (sec)", "duration (seconds)"),
    "exercise": ("exercise name",),
    "set_order": ("set order",),
    "weight": ("weight",),
    "weight_kg": ("weight (kg)", "weight (kgs)"),
    "weight_lbs": ("weight (lbs)", "weight (lb)"),
    "weight_unit": ("weight unit",),
    "reps": ("reps",),
    "rpe": ("rpe",),
    "distance": ("distance",),
    "distance_m": ("distance (meters)", "distance (m)"),
    "distance_unit": ("distance unit",),
    "seconds": ("seconds",),
    "notes": ("notes",),
    "workout_notes": ("workout notes",),
}
# Columns no other supported app uses: one of them makes a header Strong's.
DISTINCTIVE = frozenset({"exercise", "set_order", "workout_name"})
REQUIRED = {"date": "Date", "exercise": "Exercise Name", "set_order": "Set Order",
            "reps": "Reps"}

_SET_KINDS = {"w": SetKind.WARMUP, "d": SetKind.DROP, "f": SetKind.FAILURE}


def identify(cells: list[str], delimiter: str, line: int) -> Header | None:
    """The Strong header in `cells`, or None when it is not Strong's; ExportError when it is
    Strong's but lacks columns the rows need."""
    columns = common.header_columns(cells, ALIASES)
    if not columns.keys() & DISTINCTIVE:
        return None
    common.missing_columns("Strong", line, columns, REQUIRED)
    if not columns.keys() & {"weight", "weight_kg", "weight_lbs"}:
        common.missing_columns("Strong", line, columns, {"weight": "Weight"})
    unit: Unit | None = None
    if "weight_kg" in columns:
        variant, unit = "strong-numbered-kg", Unit.KG
    elif "weight_lbs" in columns:
        variant, unit = "strong-numbered-lbs", Unit.LB
    elif "weight_unit" in columns:
        variant = "strong-semicolon-units"
    elif "duration" in columns or "duration_sec" in columns:
        variant = "strong-duration" if "notes" in columns else "strong-duration-no-notes"
    elif "rpe" in columns:
        variant = "strong-rpe"
    else:
        variant = "strong-legacy"
    return Header(FORMAT, variant, columns, len(cells), delimiter, line, unit)


def rows(
    records: Iterator[tuple[int, list[str]] | RowProblem], header: Header, ctx: Context
) -> Iterator[ImportRow | RowProblem]:
    return _RowReader(header, ctx).rows(records)


_DURATION = re.compile(
    r"(?:([0-9]{1,3})\s*h(?:ours?|rs?)?)?\s*(?:([0-9]{1,4})\s*m(?:in(?:utes?|s)?)?)?"
    r"\s*(?:([0-9]{1,6})\s*s(?:ec(?:onds?|s)?)?)?"
)


def duration(text: str) -> dt.timedelta | None:
    """Strong's workout duration: '35m', '1h', '1h 3m', '38min' (or bare seconds)."""
    value = text.strip()
    if not value:
        return None
    if value[0].isdigit() and value[-1].isdigit():
        secs = common.seconds(value, "Duration")
        return dt.timedelta(seconds=secs) if secs else None
    found = _DURATION.fullmatch(value)
    if found is None or not any(found.groups()):
        raise BadValue(f"Duration {common.shown(text)} is not like 1h 3m or 35m")
    hours, minutes, secs = (int(part or 0) for part in found.groups())
    return dt.timedelta(hours=hours, minutes=minutes, seconds=secs)


_NO_DISTANCE = frozenset({"", "0", "0.0"})
_CACHE_LIMIT = 5000
_Workout = tuple[dt.datetime, tuple[str | None, str | None, dt.datetime | None, bool, None, bool]]
"""start, and the row's last fields (title, workout notes, end, has_time, superset_id,
completed), in ImportRow's order"""
_Values = tuple[Decimal | None, Unit | None, int | None, int | None, Decimal | None,
                Decimal | None]
"""weight, unit, reps, seconds, distance_m, rpe: ImportRow's fields in its order"""


class _RowReader:
    """Reads one data row of a known header. The rows of a workout repeat the same date,
    title and duration, and a lifter's weights and reps repeat endlessly, so the row's cells
    are looked up in two caches keyed by the raw text (C-level itemgetter tuples), and only a
    new combination is parsed: a 100,000-set file must read in well under a second."""

    def __init__(self, header: Header, ctx: Context) -> None:
        self.ctx = ctx
        self.header = header
        self.width = header.width
        self.comma = header.delimiter == ";"
        self.file_unit = header.unit
        i = header.index
        self.i_order, self.i_exercise, self.i_notes = i("set_order"), i("exercise"), i("notes")
        self.distance_in_m = "distance_m" in header.columns
        # An absent column has index -1, which reads the "" appended to every row.
        self.workout_cells = itemgetter(
            i("date"), i("workout_name"), i("workout_notes"), i("duration"), i("duration_sec")
        )
        self.set_cells = itemgetter(
            max(i("weight"), i("weight_kg"), i("weight_lbs")), i("reps"), i("seconds"),
            i("rpe"), max(i("distance"), i("distance_m")), i("weight_unit"),
            i("distance_unit"),
        )
        # A workout's rows are consecutive: `rows` remembers the last one only.
        self._sets: dict[tuple[str, ...], _Values] = {}
        self._names: dict[str, str] = {}

    def rows(self, records: Iterator[tuple[int, list[str]] | RowProblem]
             ) -> Iterator[ImportRow | RowProblem]:
        """The rows of `records`, in order. One loop with its state in local variables: a
        method call and a dozen attribute lookups per row were a fifth of the reading."""
        width = self.width
        i_order, i_exercise, i_notes = self.i_order, self.i_exercise, self.i_notes
        workout_cells, set_cells = self.workout_cells, self.set_cells
        names, sets = self._names, self._sets
        working = SetKind.WORKING
        workout_key: tuple[str, ...] = ()
        workout: _Workout | None = None
        for record in records:
            if isinstance(record, RowProblem):  # from the CSV reader
                yield record
                continue
            line, fields = record
            if len(fields) != width and not (
                len(fields) > width and not any(f.strip() for f in fields[width:])
            ):
                yield common.width_problem(line, len(fields), self.header)
                continue
            try:
                fields.append("")
                order = fields[i_order]
                kind = working
                if not order.isdigit():
                    special = self._kind(order)
                    if special is None:
                        yield RowProblem(line, "a Rest Timer row, not a set", ignored=True)
                        continue
                    kind = special
                key = workout_cells(fields)
                if key != workout_key or workout is None:
                    workout = self._workout(key)
                    workout_key = key
                name_text = fields[i_exercise]
                name = names.get(name_text)
                if name is None:
                    name = self._name(name_text)
                cells = set_cells(fields)
                values = sets.get(cells)
                if values is None:
                    values = self._values(cells)
                    if len(sets) < _CACHE_LIMIT:
                        sets[cells] = values
                # Redwood's formula-safe cells (csvsafe) read back as written.
                note_text = fields[i_notes]
                note = ((restore(note_text) if note_text[0] == "'" else note_text).strip()
                        or None) if note_text else None
                start, tail = workout
            except BadValue as err:
                yield RowProblem(line, str(err))
                continue
            # The fields in ImportRow's order: the set's cached values and the workout's
            # cached tail go in whole, so the row is built without touching each field.
            yield make_row(line, start, name, kind, *values, note, *tail)

    def _name(self, text: str) -> str:
        """The exercise name of a cell (cached by the raw text)."""
        name = common.exercise_name(restore(text), "Exercise Name")
        if len(self._names) < _CACHE_LIMIT:
            self._names[text] = name
        return name

    @staticmethod
    def _kind(order: str) -> SetKind | None:
        """The set kind of a non-numeric Set Order; None for a Rest Timer row."""
        lowered = order.strip().casefold()
        if not lowered:
            return SetKind.WORKING
        if lowered.isdigit():
            return SetKind.WORKING
        if lowered == "rest timer":
            return None
        if lowered not in _SET_KINDS:
            raise BadValue(
                f"Set Order {common.shown(order)} is not a number, W, D, F or Rest Timer"
            )
        return _SET_KINDS[lowered]

    def _workout(self, key: tuple[str, ...]) -> _Workout:
        date_text, title, notes, length_text, seconds_text = key
        start, has_time = common.iso_datetime(date_text, "Date")
        common.check_date(start, date_text, "Date", self.ctx.today)
        if seconds_text.strip():
            secs = common.seconds(seconds_text.strip(), "Duration (sec)", comma=self.comma)
            length = dt.timedelta(seconds=secs) if secs else None
        else:
            length = duration(length_text)
        title, notes = restore(title), restore(notes)  # Redwood's formula-safe cells
        return start, (title.strip() or None, notes.strip() or None,
                       start + length if length else None, has_time, None, True)

    def _values(self, cells: tuple[str, ...]) -> _Values:
        weight, reps, seconds, rpe, distance, unit_text, distance_unit = (
            cell.strip() for cell in cells
        )
        comma = self.comma
        unit = self.file_unit
        if unit is None and unit_text:
            unit = common.unit_word(unit_text, "Weight Unit")
        if unit is None:
            unit = self.ctx.unit
        return (
            common.weight(weight, "Weight", comma=comma),
            unit,
            common.reps(reps, "Reps", comma=comma),
            common.seconds(seconds, "Seconds", comma=comma),
            self._distance(distance, distance_unit, unit),
            common.rpe(rpe, "RPE", comma=comma),
        )

    def _distance(self, text: str, word: str, unit: Unit | None) -> Decimal | None:
        if text in _NO_DISTANCE:
            return None
        if self.distance_in_m:
            return common.distance_m(text, "Distance", "m", comma=self.comma)
        if word:
            return common.distance_m(
                text, "Distance", common.distance_unit(word, "Distance Unit"), comma=self.comma
            )
        # No unit in the file: Strong writes distance in the lifter's unit system.
        system = "mi" if unit is Unit.LB else "km"
        value = common.distance_m(text, "Distance", system, comma=self.comma)
        if value is not None:
            why = ("the weights are in lb" if unit is Unit.LB
                   else "the weights are in kg" if unit is Unit.KG
                   else "Strong's metric default; give the unit as lb to read miles")
            self.ctx.note_once(
                "strong-distance",
                f"distances have no unit in this file; read as "
                f"{'miles' if system == 'mi' else 'km'} ({why})",
            )
        return value
