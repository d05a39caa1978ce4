"""Hevy CSV exports: every field quoted, one row per set, newest workout first.

Metric accounts write `weight_kg` and `distance_km` ('hevy-kg'), imperial ones `weight_lbs`
and `distance_miles` ('hevy-lbs'). Dates look like `15 Sep 2025, 07:48` with the month in the
app's language (English, Spanish, French, German). Titles and notes may hold emoji and line
breaks, which the CSV reader keeps inside their quotes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from operator import itemgetter

from redwood.domain.log import SetKind, Unit
from redwood.io.formats import common
from redwood.io.formats.common import BadValue, Context, Header
from redwood.io.rows import ImportRow, RowProblem

FORMAT = "hevy"

ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "start_time": ("start_time",),
    "end_time": ("end_time",),
    "description": ("description",),
    "exercise": ("exercise_title",),
    "superset_id": ("superset_id",),
    "exercise_notes": ("exercise_notes",),
    "set_index": ("set_index",),
    "set_type": ("set_type",),
    "weight_kg": ("weight_kg",),
    "weight_lbs": ("weight_lbs", "weight_lb"),
    "reps": ("reps",),
    "distance_km": ("distance_km",),
    "distance_miles": ("distance_miles", "distance_mi"),
    "duration_seconds": ("duration_seconds",),
    "rpe": ("rpe",),
}
DISTINCTIVE = frozenset({"exercise", "start_time", "set_type", "set_index", "superset_id"})
REQUIRED = {"title": "title", "start_time": "start_time", "exercise": "exercise_title",
            "reps": "reps"}

SET_KINDS = {
    "normal": SetKind.WORKING,
    "warmup": SetKind.WARMUP,
    "dropset": SetKind.DROP,
    "failure": SetKind.FAILURE,
}

# Month names and abbreviations as Hevy writes them in English, Spanish, French and German.
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "jan january ene enero janv janvier januar jän",
        "feb february febrero févr fevr février fevrier februar",
        "mar march marzo mars mär mrz märz",
        "apr april abr abril avr avril",
        "may mayo mai",
        "jun june junio juin juni",
        "jul july julio juil juillet juli",
        "aug august ago agosto août aout",
        "sep sept september septiembre setiembre set septembre",
        "oct october octubre octobre okt oktober",
        "nov november noviembre novembre",
        "dec december dic diciembre déc décembre dez dezember",
    ),
    1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

_DATE = re.compile(
    r"([0-9]{1,2})\.?\s+([^\W\d_]+)\.?,?\s+([0-9]{4}),?\s+([0-9]{1,2}):([0-9]{2})"
    r"(?:\s*([AaPp])\.?\s*[Mm]\.?)?"
)
_date_cache: dict[str, dt.datetime] = {}


def hevy_datetime(text: str, name: str) -> dt.datetime:
    """`15 Sep 2025, 07:48` in any of the supported languages (also ISO, for hand-edited
    files)."""
    cached = _date_cache.get(text)
    if cached is not None:
        return cached
    found = _DATE.fullmatch(text.strip())
    if found is None:
        if text[:4].isdigit():
            return common.iso_datetime(text, name)[0]
        raise BadValue(f"{name} {common.shown(text)} is not a date like 15 Sep 2025, 07:48")
    day, month_name, year, hour, minute, half = found.groups()
    month = MONTHS.get(month_name.casefold())
    if month is None:
        raise BadValue(f"{name} {common.shown(text)} has an unknown month {month_name!r}")
    clock = int(hour)
    if half is not None:
        if not 1 <= clock <= 12:
            raise BadValue(f"{name} {common.shown(text)} has an hour outside 1-12 with AM/PM")
        clock = clock % 12 + (12 if half in "Pp" else 0)
    try:
        moment = dt.datetime(int(year), month, int(day), clock, int(minute))
    except ValueError:
        raise BadValue(f"{name} {common.shown(text)} is not a real date and time") from None
    if len(_date_cache) >= 2000:
        _date_cache.clear()
    _date_cache[text] = moment
    return moment


def identify(cells: list[str], delimiter: str, line: int) -> Header | None:
    columns = common.header_columns(cells, ALIASES)
    if not columns.keys() & DISTINCTIVE:
        return None
    common.missing_columns("Hevy", line, columns, REQUIRED)
    if "weight_kg" in columns:
        variant, unit = "hevy-kg", Unit.KG
    elif "weight_lbs" in columns:
        variant, unit = "hevy-lbs", Unit.LB
    else:
        common.missing_columns("Hevy", line, columns, {"weight_kg": "weight_kg"})
        raise AssertionError("unreachable")  # pragma: no cover
    return Header(FORMAT, variant, columns, len(cells), delimiter, line, unit)


_Workout = tuple[dt.datetime, dt.datetime | None, str | None, str | None]
"""start, end, title, description"""
_Values = tuple[SetKind, Decimal | None, int | None, int | None, Decimal | None,
                Decimal | None]
"""kind, weight, reps, seconds, distance_m, rpe"""
_CACHE_LIMIT = 5000


def rows(
    records: Iterator[tuple[int, list[str]] | RowProblem], header: Header, ctx: Context
) -> Iterator[ImportRow | RowProblem]:
    i = header.index
    # Rows of a workout repeat its title, times and description, and set values repeat too:
    # both are parsed once per distinct raw text (itemgetter keys), as in the Strong reader.
    workout_cells = itemgetter(i("start_time"), i("end_time"), i("title"), i("description"))
    set_cells = itemgetter(
        i("set_type"), max(i("weight_kg"), i("weight_lbs")), i("reps"), i("duration_seconds"),
        max(i("distance_km"), i("distance_miles")), i("rpe"),
    )
    i_exercise, i_superset, i_notes = i("exercise"), i("superset_id"), i("exercise_notes")
    miles = "distance_miles" in header.columns
    unit = header.unit
    last_key: tuple[str, ...] = ()
    last_workout: _Workout | None = None  # a workout's rows are consecutive
    values: dict[tuple[str, ...], _Values] = {}
    names: dict[str, str] = {}
    for record in records:
        if isinstance(record, RowProblem):
            yield record
            continue
        line, fields = record
        if len(fields) != header.width:
            yield common.width_problem(line, len(fields), header)
            continue
        fields.append("")
        try:
            key = workout_cells(fields)
            workout = last_workout
            if key != last_key or workout is None:
                workout = last_workout = _workout(key, ctx)
                last_key = key
            cells = set_cells(fields)
            parsed = values.get(cells)
            if parsed is None:
                parsed = _values(cells, miles)
                if len(values) < _CACHE_LIMIT:
                    values[cells] = parsed
            name_text = fields[i_exercise]
            name = names.get(name_text)
            if name is None:
                name = common.exercise_name(name_text, "exercise_title")
                if len(names) < _CACHE_LIMIT:
                    names[name_text] = name
        except BadValue as err:
            yield RowProblem(line, str(err))
            continue
        start, end, title, description = workout
        kind, load, count, timed, distance, effort = parsed
        note = fields[i_notes]
        superset = fields[i_superset].strip()
        yield common.new_row(
            line, start, name, kind, load, unit, count, timed, distance, effort,
            note.strip() or None if note else None, title, description, end, True,
            superset or None,
        )


def _workout(key: tuple[str, ...], ctx: Context) -> _Workout:
    start_text, end_text, title, description = (cell.strip() for cell in key)
    start = hevy_datetime(start_text, "start_time")
    common.check_date(start, start_text, "start_time", ctx.today)
    end = hevy_datetime(end_text, "end_time") if end_text else None
    if end is not None and end < start:
        raise BadValue(
            f"end_time {common.shown(end_text)} is before start_time {common.shown(start_text)}"
        )
    return start, end, title or None, description or None


def _values(cells: tuple[str, ...], miles: bool) -> _Values:
    set_type, weight, reps, seconds, distance, rpe = (cell.strip() for cell in cells)
    kind = SET_KINDS.get(set_type.casefold() or "normal")
    if kind is None:
        raise BadValue(
            f"set_type {common.shown(set_type)} is not normal, warmup, dropset or failure"
        )
    return (
        kind,
        common.weight(weight, "weight"),
        common.reps(reps, "reps"),
        common.seconds(seconds, "duration_seconds"),
        common.distance_m(distance, "distance", "mi" if miles else "km"),
        common.rpe(rpe, "rpe"),
    )
