"""What every export parser shares: reading the file safely, CSV records with true line
numbers, and the value parsers that turn one cell into a checked number or date.

A cell that cannot be read raises `BadValue`; the format parsers turn it into a RowProblem for
that row, so one bad set never stops the file. Only whole-file failures raise ExportError.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, BinaryIO

from redwood.domain.log import Bounds, SetKind, Unit
from redwood.io.rows import ExportError, ImportRow, RowProblem

MAX_EXPORT_BYTES = 50 * 1024 * 1024
"""Largest export we read: about ten times the biggest real history we have seen (a decade of
daily training is under 5 MB), small enough that a wrong file cannot exhaust the machine."""

PEEK_BYTES = 64 * 1024
EARLIEST_YEAR = 1950
MAX_REPS = Bounds.REPS.most
"""Past it a row cannot be a set (the log's own bound); up to it, unusual values are stored
and listed by the pipeline."""
MAX_WEIGHT = Decimal(5000)
"""Beyond any lift in any unit; guards the later kg conversion against absurd magnitudes."""
MAX_SECONDS = Bounds.SECONDS.most
MAX_DISTANCE_M = Decimal(1_000_000)
MAX_RPE = Decimal(10)
_CACHE_LIMIT = 2000

METERS_PER = {
    "m": Decimal(1),
    "km": Decimal(1000),
    "mi": Decimal("1609.344"),
    "ft": Decimal("0.3048"),
    "yd": Decimal("0.9144"),
}
"""Exact factors (international yard and pound agreement, 1959)."""


class BadValue(ValueError):
    """One cell of one row cannot be read; the message names the field and the value."""


@dataclass
class Context:
    """What a parser needs besides the file: the lifter's stated unit, today's date (for the
    'not in the future' check), and the notes list shared with the Export."""

    unit: Unit | None
    today: dt.date
    notes: list[str] = field(default_factory=list)
    _noted: set[str] = field(default_factory=set)

    def note_once(self, key: str, text: str) -> None:
        if key not in self._noted:
            self._noted.add(key)
            self.notes.append(text)


@dataclass(frozen=True)
class Header:
    """A recognised header row: which format and variant, and where each column is."""

    format: str
    variant: str
    columns: dict[str, int]
    width: int
    delimiter: str
    line: int
    unit: Unit | None = None

    def index(self, key: str) -> int:
        return self.columns.get(key, -1)


# --- the file -------------------------------------------------------------------------------


def check_start(fh: BinaryIO, size: int) -> None:
    """Refuse, before any parsing, files that are plainly not UTF-8 CSV text."""
    if size > MAX_EXPORT_BYTES:
        raise ExportError(
            f"the file is {size / 1_048_576:.1f} MB; exports over "
            f"{MAX_EXPORT_BYTES // 1_048_576} MB are not read (split it or check it is the "
            "right file)"
        )
    head = fh.read(PEEK_BYTES)
    fh.seek(0)
    body = head[3:] if head.startswith(codecs.BOM_UTF8) else head
    if not body.strip():
        raise ExportError("the file is empty: an export has at least a header row")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ExportError("the file is UTF-16 text; save it as UTF-8 (CSV UTF-8) and try again")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\x1f\x8b"):
        raise ExportError("the file is compressed (zip or gzip); extract the CSV inside first")
    if b"\x00" in head:
        raise ExportError("the file holds binary data, not the text of a CSV export")
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(head, final=False)
    except UnicodeDecodeError as err:
        line = head[: err.start].count(b"\n") + 1
        raise ExportError(_not_utf8(line, head[err.start])) from None


def _not_utf8(line: int, byte: int) -> str:
    return (
        f"line {line}: the file is not UTF-8 text (byte 0x{byte:02X}); "
        "save it as UTF-8 (CSV UTF-8) and try again"
    )


def text_lines(fh: BinaryIO) -> Iterator[str]:
    """The file's physical lines as text, in order, each with its line ending; a UTF-8 BOM
    is dropped. Decoding line by line keeps memory bounded and the line numbers exact."""
    for number, raw in enumerate(fh, 1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise ExportError(_not_utf8(number, raw[err.start])) from None
        if number == 1 and text.startswith("\ufeff"):
            text = text[1:]
        yield text


def csv_records(
    lines: Iterator[str], delimiter: str, first_line: int = 1
) -> Iterator[tuple[int, list[str]] | RowProblem]:
    """(line where the record starts, fields) for each non-blank record; a record the CSV
    reader cannot make sense of (e.g. a quote left open at the end of a cut-short file)
    becomes a RowProblem and reading goes on with the next line."""
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    skipped = first_line - 1
    done = 0
    while True:
        try:
            # A plain for loop (resumed after a bad record): cheaper per row than next().
            for fields in reader:
                start, done = done + 1, reader.line_num
                if fields and (fields[0].strip() or "".join(fields).strip()):
                    yield start + skipped, fields
            return
        except csv.Error as err:
            start, done = done + 1, reader.line_num
            start += skipped
            reason = str(err)
            if "unexpected end of data" in reason:
                reason = "the file ends inside a quoted field (is it cut short?)"
            elif "expected after" in reason:
                reason = "a quoted field is followed by text before the separator"
        yield RowProblem(start, f"unreadable CSV row: {reason}")


def split_line(line: str, delimiter: str) -> list[str]:
    """One header line's cells (headers never span lines)."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return line.rstrip("\r\n").split(delimiter)


def shown(text: str, limit: int = 40) -> str:
    """A cell as quoted in a message: one line, bounded."""
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def header_columns(
    cells: list[str], aliases: dict[str, tuple[str, ...]]
) -> dict[str, int]:
    """Canonical column key -> position, matching header cells case- and space-insensitively."""
    wanted = {alias: key for key, names in aliases.items() for alias in names}
    columns: dict[str, int] = {}
    for position, cell in enumerate(cells):
        key = wanted.get(" ".join(cell.split()).casefold())
        if key is not None and key not in columns:
            columns[key] = position
    return columns


def missing_columns(
    fmt_title: str, line: int, columns: dict[str, int], required: dict[str, str]
) -> None:
    missing = [title for key, title in required.items() if key not in columns]
    if missing:
        names = ", ".join(repr(name) for name in missing)
        raise ExportError(
            f"line {line}: this {fmt_title} export's header lacks the column"
            f"{'s' if len(missing) > 1 else ''} {names}"
        )


def cell(fields: list[str], index: int) -> str:
    return fields[index].strip() if 0 <= index < len(fields) else ""


def width_problem(line: int, got: int, header: Header) -> RowProblem:
    return RowProblem(
        line,
        f"the row has {got} fields where the header has {header.width} "
        "(cut short, or a separator inside an unquoted value)",
    )


# --- values ---------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_COMMA_NUMBER = re.compile(r"[+-]?[0-9]+,[0-9]+")
_number_cache: dict[tuple[str, bool], Decimal] = {}


def decimal(text: str, name: str, *, comma: bool = False) -> Decimal | None:
    """An exact Decimal from the cell's text (no float on the way); None when empty.
    `comma` accepts a decimal comma, which semicolon-separated files from comma locales use."""
    if not text:
        return None
    key = (text, comma)
    cached = _number_cache.get(key)
    if cached is not None:
        return cached
    plain = text.replace(" ", "")
    if comma and _COMMA_NUMBER.fullmatch(plain):
        plain = plain.replace(",", ".")
    if not _NUMBER.fullmatch(plain):
        raise BadValue(f"{name} {shown(text)} is not a number")
    try:
        value = Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        raise BadValue(f"{name} {shown(text)} is not a number") from None
    if len(_number_cache) >= _CACHE_LIMIT:
        _number_cache.clear()
    _number_cache[key] = value
    return value


def weight(text: str, name: str, *, comma: bool = False) -> Decimal | None:
    """A load; zero means no external load (the apps write bodyweight sets as 0), so None."""
    value = decimal(text, name, comma=comma)
    if value is None or value == 0:
        return None
    if value < 0:
        raise BadValue(f"{name} {shown(text)} is negative")
    if value > MAX_WEIGHT:
        raise BadValue(f"{name} {shown(text)} is beyond any lift (over {MAX_WEIGHT})")
    return value


def reps(text: str, name: str, *, comma: bool = False) -> int | None:
    value = decimal(text, name, comma=comma)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise BadValue(f"{name} {shown(text)} is not a whole number")
    if value < 0:
        raise BadValue(f"{name} {shown(text)} is negative")
    if value > MAX_REPS:
        raise BadValue(f"{name} {shown(text)} is over {MAX_REPS}")
    return int(value)


def seconds(text: str, name: str, *, comma: bool = False) -> int | None:
    """A timed set's seconds; 0 (the apps' 'not timed') reads as None."""
    value = decimal(text, name, comma=comma)
    if value is None or value == 0:
        return None
    if value < 0:
        raise BadValue(f"{name} {shown(text)} is negative")
    if value > MAX_SECONDS:
        raise BadValue(f"{name} {shown(text)} is over a day")
    return int(value.to_integral_value())


def distance_m(
    text: str, name: str, unit: str, *, comma: bool = False
) -> Decimal | None:
    """Metres from a distance in `unit` (a key of METERS_PER); 0 reads as None."""
    value = decimal(text, name, comma=comma)
    if value is None or value == 0:
        return None
    if value < 0:
        raise BadValue(f"{name} {shown(text)} is negative")
    metres = value * METERS_PER[unit]
    if metres > MAX_DISTANCE_M:
        raise BadValue(f"{name} {shown(text)} is over {MAX_DISTANCE_M} m")
    return metres


def rpe(text: str, name: str, *, comma: bool = False) -> Decimal | None:
    """RPE 1-10; 0 is how some apps write 'not rated', so None."""
    value = decimal(text, name, comma=comma)
    if value is None or value == 0:
        return None
    if not Decimal(1) <= value <= MAX_RPE:
        raise BadValue(f"{name} {shown(text)} is outside 1-10")
    return value


def distance_unit(text: str, name: str) -> str:
    """A key of METERS_PER from the apps' spellings ('mi.', 'kms', 'Miles'...)."""
    word = text.strip().rstrip(".").casefold()
    for key, spellings in _DISTANCE_SPELLINGS.items():
        if word in spellings:
            return key
    raise BadValue(f"{name} {shown(text)} is not one of m, km, mi, ft, yd")


_DISTANCE_SPELLINGS = {
    "m": ("m", "meter", "meters", "metre", "metres"),
    "km": ("km", "kms", "kilometer", "kilometers", "kilometre", "kilometres"),
    "mi": ("mi", "mile", "miles"),
    "ft": ("ft", "feet", "foot"),
    "yd": ("yd", "yds", "yard", "yards"),
}


def unit_word(text: str, name: str) -> Unit | None:
    """kg or lb from a unit cell ('kg', 'kgs', 'lbs'...); None when empty."""
    word = text.strip().rstrip(".").casefold()
    if not word:
        return None
    if word in ("kg", "kgs", "kilogram", "kilograms"):
        return Unit.KG
    if word in ("lb", "lbs", "pound", "pounds"):
        return Unit.LB
    raise BadValue(f"{name} {shown(text)} is not kg or lbs")


def text_value(text: str) -> str | None:
    """Free text (notes, titles) trimmed; None when empty."""
    value = text.strip()
    return value or None


def exercise_name(text: str, name: str) -> str:
    value = text.strip()
    if not value:
        raise BadValue(f"{name} is empty")
    if any(ord(char) < 32 for char in value):
        raise BadValue(f"{name} {shown(value)} holds control characters")
    return value


_DATE_TIME = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?"
    r"(?:[ \u202f\u00a0]*([AaPp])\.?[Mm]\.?)?)?"
)
_date_cache: dict[str, tuple[dt.datetime, bool]] = {}


def iso_datetime(text: str, name: str) -> tuple[dt.datetime, bool]:
    """(naive local datetime, has_time) from 'YYYY-MM-DD HH:MM:SS', its 12-hour form with an
    AM/PM marker (iOS puts a narrow no-break space before it), or a bare date."""
    cached = _date_cache.get(text)
    if cached is not None:
        return cached
    found = _DATE_TIME.fullmatch(text.strip())
    if found is None:
        raise BadValue(f"{name} {shown(text)} is not a date like 2024-11-28 17:36:08")
    year, month, day, hour, minute, second, half = found.groups()
    clock = int(hour or 0)
    if half is not None:
        if not 1 <= clock <= 12:
            raise BadValue(f"{name} {shown(text)} has an hour outside 1-12 with AM/PM")
        clock = clock % 12 + (12 if half in "Pp" else 0)
    try:
        moment = dt.datetime(
            int(year), int(month), int(day), clock, int(minute or 0), int(second or 0)
        )
    except ValueError:
        raise BadValue(f"{name} {shown(text)} is not a real date and time") from None
    result = (moment, hour is not None)
    if len(_date_cache) >= _CACHE_LIMIT:
        _date_cache.clear()
    _date_cache[text] = result
    return result


def check_date(moment: dt.datetime, text: str, name: str, today: dt.date) -> None:
    if moment.year < EARLIEST_YEAR:
        raise BadValue(f"{name} {shown(text)} is before {EARLIEST_YEAR}")
    # A day of grace: the export's local time may be ahead of this machine's clock.
    if moment.date() > today + dt.timedelta(days=1):
        raise BadValue(f"{name} {shown(text)} is in the future")


# --- building rows fast ---------------------------------------------------------------------

ROW_FIELDS = (
    "line", "workout_start", "exercise_name", "kind", "weight", "unit", "reps", "seconds",
    "distance_m", "rpe", "note", "workout_title", "workout_notes", "workout_end", "has_time",
    "superset_id", "completed",
)
"""ImportRow's fields in order: the parsers pass cached runs of values positionally
(`make_row`), which relies on it."""
FAST_ROWS = tuple(f.name for f in dataclasses.fields(ImportRow)) == ROW_FIELDS
"""True while ImportRow's fields are ROW_FIELDS; otherwise make_row falls back to naming
each value, slower but still right."""


def _named_row(*values: Any) -> ImportRow:  # pragma: no cover - see FAST_ROWS
    return ImportRow(**dict(zip(ROW_FIELDS, values, strict=True)))


make_row: Callable[..., ImportRow] = ImportRow if FAST_ROWS else _named_row
"""ImportRow from all its values, positionally in ROW_FIELDS order (the class itself
while its fields are those: no extra call per row)."""


def new_row(
    line: int,
    workout_start: dt.datetime,
    exercise_name: str,
    kind: SetKind = SetKind.WORKING,
    weight: Decimal | None = None,
    unit: Unit | None = None,
    reps: int | None = None,
    seconds: int | None = None,
    distance_m: Decimal | None = None,
    rpe: Decimal | None = None,
    note: str | None = None,
    workout_title: str | None = None,
    workout_notes: str | None = None,
    workout_end: dt.datetime | None = None,
    has_time: bool = True,
    superset_id: str | None = None,
    completed: bool = True,
) -> ImportRow:
    """ImportRow(...), for the parsers that name each value."""
    return ImportRow(
        line, workout_start, exercise_name, kind, weight, unit, reps, seconds, distance_m,
        rpe, note, workout_title, workout_notes, workout_end, has_time, superset_id, completed,
    )
