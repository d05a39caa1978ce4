"""FitNotes (Android) CSV exports: a date per row and no workout name, so a day is a workout.

Older files: `Date,Exercise,Category,Weight (kgs)|Weight (lbs),Reps,Distance,Distance Unit,
Time[,Comment]` ('fitnotes-kgs' / 'fitnotes-lbs'); newer ones: `Date,Exercise,Category,Weight,
Weight Unit,Reps,Distance,Distance Unit,Time` ('fitnotes-unit-column').

FitNotes does not quote exercise names with commas (`Overhead Press (Each Side, Dumbbells)`),
so such rows have a field too many. They are repaired by anchoring on the numeric columns from
the right (everything between Date and Category is the name), and the repair is noted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from redwood.domain.log import SetKind, Unit
from redwood.io.formats import common
from redwood.io.formats.common import BadValue, Context, Header
from redwood.io.rows import ImportRow, RowProblem

FORMAT = "fitnotes"

ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date",),
    "exercise": ("exercise",),
    "category": ("category",),
    "weight": ("weight",),
    "weight_kg": ("weight (kgs)", "weight (kg)"),
    "weight_lbs": ("weight (lbs)", "weight (lb)"),
    "weight_unit": ("weight unit",),
    "reps": ("reps",),
    "distance": ("distance",),
    "distance_unit": ("distance unit",),
    "time": ("time",),
    "comment": ("comment",),
}
DISTINCTIVE = frozenset({"category"})
REQUIRED = {"date": "Date", "exercise": "Exercise", "reps": "Reps"}

_CLOCK = re.compile(r"(?:([0-9]{1,3}):)?([0-9]{1,3}):([0-9]{2})")


def clock_seconds(text: str, name: str) -> int | None:
    """FitNotes' `0:01:48` (or `1:48`) as seconds; empty or zero is None."""
    if not text:
        return None
    found = _CLOCK.fullmatch(text.strip())
    if found is None:
        return common.seconds(text, name)
    hours, minutes, secs = (int(part or 0) for part in found.groups())
    if (minutes > 59 and hours) or secs > 59:
        raise BadValue(f"{name} {common.shown(text)} is not a time like 0:01:48")
    total = hours * 3600 + minutes * 60 + secs
    if total > common.MAX_SECONDS:
        raise BadValue(f"{name} {common.shown(text)} is over a day")
    return total or None


def identify(cells: list[str], delimiter: str, line: int) -> Header | None:
    columns = common.header_columns(cells, ALIASES)
    if not columns.keys() & DISTINCTIVE or "exercise" not in columns:
        return None
    common.missing_columns("FitNotes", line, columns, REQUIRED)
    unit: Unit | None = None
    if "weight_kg" in columns:
        variant, unit = "fitnotes-kgs", Unit.KG
    elif "weight_lbs" in columns:
        variant, unit = "fitnotes-lbs", Unit.LB
    elif "weight" in columns and "weight_unit" in columns:
        variant = "fitnotes-unit-column"
    else:
        common.missing_columns(
            "FitNotes", line, columns, {"weight": "Weight", "weight_unit": "Weight Unit"}
        )
        raise AssertionError("unreachable")  # pragma: no cover
    return Header(FORMAT, variant, columns, len(cells), delimiter, line, unit)


class _RowReader:
    def __init__(self, header: Header, ctx: Context) -> None:
        self.header, self.ctx = header, ctx
        i = header.index
        self.i_date, self.i_exercise, self.i_category = i("date"), i("exercise"), i("category")
        self.i_weight = max(i("weight"), i("weight_kg"), i("weight_lbs"))
        self.i_wunit, self.i_reps = i("weight_unit"), i("reps")
        self.i_distance, self.i_dunit = i("distance"), i("distance_unit")
        self.i_time, self.i_comment = i("time"), i("comment")

    def __call__(self, line: int, fields: list[str]) -> ImportRow:
        cell = common.cell
        date_text = cell(fields, self.i_date)
        start, has_time = common.iso_datetime(date_text, "Date")
        common.check_date(start, date_text, "Date", self.ctx.today)
        unit = self.header.unit
        if unit is None:
            unit = common.unit_word(cell(fields, self.i_wunit), "Weight Unit") or self.ctx.unit
        distance_text = cell(fields, self.i_distance)
        distance = None
        if distance_text and common.decimal(distance_text, "Distance"):
            word = cell(fields, self.i_dunit)
            if not word:
                raise BadValue(f"Distance {common.shown(distance_text)} has no Distance Unit")
            distance = common.distance_m(
                distance_text, "Distance", common.distance_unit(word, "Distance Unit")
            )
        return common.new_row(
            line=line,
            workout_start=start,
            exercise_name=common.exercise_name(cell(fields, self.i_exercise), "Exercise"),
            kind=SetKind.WORKING,
            weight=common.weight(cell(fields, self.i_weight), "Weight"),
            unit=unit,
            reps=common.reps(cell(fields, self.i_reps), "Reps"),
            seconds=clock_seconds(cell(fields, self.i_time), "Time"),
            distance_m=distance,
            note=common.text_value(cell(fields, self.i_comment)),
            has_time=has_time,
        )

    def repaired(self, line: int, fields: list[str]) -> ImportRow | None:
        """The row read with its extra fields put back into the exercise name (or, failing
        that, into a trailing comment); None when neither reading makes sense."""
        extra = len(fields) - self.header.width
        first = self.i_exercise
        merged = [*fields[:first], ",".join(fields[first : first + extra + 1]),
                  *fields[first + extra + 1 :]]
        category = common.cell(merged, self.i_category)
        if category and not _looks_numeric(category):
            try:
                row = self(line, merged)
            except BadValue:
                pass
            else:
                self.ctx.note_once(
                    f"fitnotes-name:{row.exercise_name}",
                    f"line {line}: the exercise name {row.exercise_name!r} has unquoted "
                    "commas; its fields were joined back into one name",
                )
                return row
        if self.i_comment == self.header.width - 1:
            last = self.i_comment
            merged = [*fields[:last], ",".join(fields[last:])]
            try:
                row = self(line, merged)
            except BadValue:
                return None
            self.ctx.note_once(
                "fitnotes-comment",
                f"line {line}: a comment has unquoted commas; its fields were joined back "
                "into one comment",
            )
            return row
        return None


def _looks_numeric(text: str) -> bool:
    return text.replace(".", "", 1).replace(":", "").isdigit()


def rows(
    records: Iterator[tuple[int, list[str]] | RowProblem], header: Header, ctx: Context
) -> Iterator[ImportRow | RowProblem]:
    read = _RowReader(header, ctx)
    for record in records:
        if isinstance(record, RowProblem):
            yield record
            continue
        line, fields = record
        if len(fields) > header.width:
            fixed = read.repaired(line, fields)
            yield fixed if fixed is not None else common.width_problem(
                line, len(fields), header
            )
            continue
        if len(fields) < header.width:
            yield common.width_problem(line, len(fields), header)
            continue
        try:
            yield read(line, fields)
        except BadValue as err:
            yield RowProblem(line, str(err))
