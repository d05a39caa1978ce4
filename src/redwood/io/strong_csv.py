"""`redwood export csv`: the log as a Strong export, so anything that reads Strong reads it.

The header is Strong's most common one (2021-2025 exports, as in the real sample file):

    Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE

One row per set, oldest workout first, UTF-8 without BOM, `\\n` line ends and standard CSV
quoting (the csv module's minimal quoting: a field with a comma, quote or line break is quoted),
which every spreadsheet opens. Like Strong:
- Date is the workout's start, `YYYY-MM-DD HH:MM:SS`, the same on every row of a workout.
  A workout logged without a time starts at midnight; a second one with the same name on the
  same day a minute later, so importers that group rows by date and name keep them apart.
- Duration is `1h 3m` / `35m` (`0m` when the end is not known).
- Set Order is `W`, `D` or `F` for warm-up, drop and failure sets and counts the working sets
  of each exercise (1, 2, 3...).
- Weight is in the chosen unit, with no unit column: kilograms exactly as stored; pounds to
  0.01 lb, rounded to the 0.05 lb a lifter entered (135, not 134.99) whenever that reads back
  as the same stored kilograms, so either unit imports back exactly. 0 for a bodyweight set,
  as Strong writes.
- Reps, Distance and Seconds are 0 when the set has none, as in Strong's files. Distance has
  no unit column either: like Strong it is in the weights' unit system, km with kg and miles
  with lb (miles to 7 decimals, so reading it back gives the same 0.01 m).
- Exercise Name is Strong's own name where the catalogue knows it (its first alias shaped
  `Name (Equipment)`, e.g. `Squat (Barbell)`), else the catalogue's or the custom exercise's
  name. Strong's format has no note columns in this variant: notes are not exported (the
  complete, lossless export is `redwood export json`).
- Cells a spreadsheet would run as a formula (`=...`, `@...`) start with a quote
  (redwood.io.csvsafe); the Strong importer takes it off again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TextIO

from redwood.domain.log import LoggedSet, SetKind, Unit, Workout, from_kg, to_kg
from redwood.io.csvsafe import formula_safe

HEADER = ("Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
          "Distance", "Seconds", "RPE")
DEFAULT_TITLE = "Workout"
_STRONG_NAME = re.compile(r"^[^()]+ \([^()]+\)$")
_SET_ORDER = {SetKind.WARMUP: "W", SetKind.DROP: "D", SetKind.FAILURE: "F"}
_LB_STEP = Decimal("0.05")
_M_PER_KM = Decimal(1000)
_M_PER_MILE = Decimal("1609.344")
_MILE_PLACES = Decimal("0.0000001")


def strong_name(name: str, aliases: Iterable[str]) -> str:
    """The name Strong uses for an exercise: its first `Name (Equipment)` alias, else `name`."""
    for alias in aliases:
        if _STRONG_NAME.match(alias):
            return alias
    return name


def exercise_names(custom: Mapping[str, str] | None = None) -> dict[str, str]:
    """Exercise id -> exported name, for every catalogue exercise, the open library's (where
    imports map many names) and the user's own."""
    from redwood.catalog import load_catalog
    from redwood.catalog.openlib import open_library_for

    catalog = load_catalog()
    names = {e.id: e.name for e in open_library_for(catalog)}
    names.update({e.id: strong_name(e.name, e.aliases) for e in catalog})
    names.update(custom or {})
    return names


def _weight(kg: Decimal | None, unit: Unit) -> str:
    if kg is None:
        return "0"
    value = from_kg(kg, unit)
    if unit is Unit.LB:
        # A weight entered in pounds comes back from the 0.01 kg store as e.g. 134.99 lb:
        # show the round 135 when it stands for the very same stored kilograms.
        rounded = (value / _LB_STEP).quantize(Decimal(1), rounding=ROUND_HALF_EVEN) * _LB_STEP
        if to_kg(rounded, Unit.LB) == kg:
            value = rounded
    text = f"{value.normalize():f}"
    return text if "." in text else f"{text}.0"


def _number(value: Decimal | int | None) -> str:
    if value is None:
        return "0"
    text = f"{Decimal(value).normalize():f}"
    return text


def _distance(metres: Decimal | None, unit: Unit) -> str:
    if metres is None:
        return "0"
    if unit is Unit.LB:
        return _number((Decimal(metres) / _M_PER_MILE).quantize(_MILE_PLACES))
    return _number(Decimal(metres) / _M_PER_KM)


def _duration(w: Workout) -> str:
    if w.started_at is None or w.ended_at is None:
        return "0m"
    minutes = max(0, int((w.ended_at - w.started_at).total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours}h {minutes}m"
    return f"{hours}h" if hours else f"{minutes}m"


def write_strong_csv(workouts: Iterable[Workout], out: TextIO, *, unit: Unit,
                     names: Mapping[str, str], header: bool = True) -> int:
    """Write the workouts (any order; written oldest first) as Strong CSV rows to `out`
    (opened with newline=""). `names`: exercise id -> exported name (unknown ids are written
    as they are). Returns the number of set rows. A long log is written in calls of whole
    days, oldest first, `header` only in the first (or by one StrongCsvWriter)."""
    writer = StrongCsvWriter(out, unit=unit, names=names, header=header)
    return writer.write(workouts)


class StrongCsvWriter:
    """write_strong_csv for a log written a batch of whole days at a time, oldest first: the
    header once, and each distinct set's text worked out once (a log repeats the same sets
    for years: the weight's unit conversion, the numbers' text, the formula check and the
    CSV quoting are the cost of a long export, not the writing). A row is then the
    workout's cells, the set's name, its order and its figures joined: the csv module quotes
    each field on its own, so the pieces quoted apart are the bytes of the whole row."""

    _MEMO = 30_000
    """Distinct sets whose text is kept (then forgotten: memory stays bounded; a long log
    has some 20,000)."""

    def __init__(self, out: TextIO, *, unit: Unit, names: Mapping[str, str],
                 header: bool = True) -> None:
        # Every cell goes through formula_safe (FormulaSafeWriter's rule) before the writer.
        self._out = out
        self._unit, self._names = unit, names
        self._buffer = io.StringIO(newline="")
        self._writer = csv.writer(self._buffer, lineterminator="\n")
        self._cells: dict[tuple[object, ...], SetText] = {}
        self._by_id: dict[int, tuple[LoggedSet, SetText]] = {}
        if header:
            out.write(self._row([formula_safe(h) for h in HEADER]))

    def _row(self, cells: Iterable[str]) -> str:
        """One CSV row's text, as the csv module writes it (with its line end)."""
        self._writer.writerow(cells)
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text

    def set_text(self, s: LoggedSet) -> SetText:
        """A set's text in this writer's unit and names (for write_made; a caller that
        hands equal sets over and over makes it once for each)."""
        unit = self._unit
        name = formula_safe(self._names.get(s.exercise_id, s.exercise_id))
        figures = [formula_safe(c) for c in (
            _weight(s.weight_kg, unit), _number(s.reps), _distance(s.distance_m, unit),
            _number(s.seconds), "" if s.rpe is None else _number(s.rpe))]
        # "name," (two fields: a row of one empty field would be written '""'), then
        # ",figures\n" after the set order.
        return (s.exercise_id, _SET_ORDER.get(s.kind), self._row((name, ""))[:-1],
                "," + self._row(figures))

    def _set_text(self, s: LoggedSet) -> SetText:
        # By identity first (a reader hands equal sets as one object; keeping the object in
        # the memo keeps its id from being reused), then by value.
        held = self._by_id.get(id(s))
        if held is not None and held[0] is s:
            return held[1]
        key = (s.exercise_id, s.kind, s.weight_kg, s.reps, s.distance_m, s.seconds, s.rpe)
        text = self._cells.get(key)
        if text is None:
            if len(self._cells) >= self._MEMO:
                self._cells.clear()
                self._by_id.clear()
            text = self._cells[key] = self.set_text(s)
        if len(self._by_id) >= self._MEMO:
            self._by_id.clear()
        self._by_id[id(s)] = (s, text)
        return text

    def write(self, workouts: Iterable[Workout]) -> int:
        """Write these workouts' rows (any order; written oldest first); the rows written."""
        text_of = self._set_text
        return self.write_made((w, [text_of(s) for s in w.sets]) for w in workouts)

    def write_made(self, workouts: Iterable[tuple[Workout, Sequence[SetText]]]) -> int:
        """write, of workouts whose sets are given apart as their set_text (the workouts'
        own sets are not read); the rows written."""
        taken: set[tuple[dt.datetime, str]] = set()
        ordered = sorted(workouts, key=lambda m: (m[0].date, m[0].started_at or dt.datetime.min,
                                                  m[0].id or 0))
        lines = []
        for w, texts in ordered:
            title = w.title or DEFAULT_TITLE
            start = w.started_at or dt.datetime.combine(w.date, dt.time())
            while (start, title) in taken:
                start += dt.timedelta(minutes=1)
            taken.add((start, title))
            cells = (start.strftime("%Y-%m-%d %H:%M:%S"), title, _duration(w))
            prefix = self._row([formula_safe(c) for c in cells])[:-1] + ","
            working: dict[str, int] = {}
            for exercise_id, order, name, figures in texts:
                if order is None:
                    count = working[exercise_id] = working.get(exercise_id, 0) + 1
                    lines.append(f"{prefix}{name}{count}{figures}")
                else:
                    lines.append(f"{prefix}{name}{order}{figures}")
        self._out.write("".join(lines))
        return len(lines)


SetText = tuple[str, str | None, str, str]
"""A set's exercise, its fixed set order (None: counted among the working sets) and its text
before and after the order."""
