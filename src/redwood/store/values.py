"""Values as the database holds them, and the plain records read from it, without SQLAlchemy.

Grams for kilograms, ISO text (SQLite) or dates (PostgreSQL), NUMERIC read as float or
Decimal, JSON with exact decimals, timestamps as SQLAlchemy writes them on SQLite. The ORM
repositories and the SQLite fast path (`redwood.store.lite`) both read and write through these,
so a value reads back the same whichever wrote it. Imports nothing heavy.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from redwood.domain.log import RECORD_KINDS, LoggedSet, SetKind

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import Any

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
GRAMS_PER_KG = 1000


def set_identity(exercise_id: str, values: Sequence[Any], completed: Any) -> tuple[Any, ...]:
    """What makes two sets of one workout the same set, whichever driver's types hold the
    values (a stored row's, or an import sink's: SQLite's -1 for a missing seconds, distance
    or RPE, store.imports.SQLITE_NULL, which no stored value can be). Not the position: a
    second file of the same day numbers its sets from its own first. `values`: kind,
    weight_g, reps, seconds, distance_m, rpe."""
    kind, weight_g, reps, seconds, distance_m, rpe = values
    return (exercise_id, kind, None if weight_g is None else int(weight_g),
            None if reps is None else int(reps), _plain(seconds), _plain(distance_m),
            _plain(rpe), bool(completed))


def _plain(value: Any) -> float | None:
    return None if value is None or value == -1 else round(float(value), 2)


def identity_text(identity: Sequence[Any]) -> str:
    """A set_identity as an import tombstone keeps it (JSON: it reads back equal)."""
    return json.dumps(list(identity), separators=(",", ":"))


def identity_of(text: str) -> tuple[Any, ...]:
    return tuple(json.loads(text))


def bind_null_directly() -> None:
    """Have Python 3.11's sqlite3 bind None without looking for an adapter (idempotent).

    The driver binds ints, floats, text and bytes as they are, but gives every other value,
    None included, to its adapter protocol; on 3.11 that lookup raises and clears an
    AttributeError (with its formatted message) for each None bound: about 2,000 machine
    instructions a NULL, 0.1 s of CPU for an import of 100,000 sets (four NULL columns a
    set, callgrind). An adapter registered for None is found first, in a dict: `{}.get`
    returns None for any key, without a Python frame. Python 3.12 looks up without raising,
    so nothing is registered there. Process-wide, as every sqlite3 adapter is: None still
    binds as NULL, for every connection."""
    if sys.version_info < (3, 12):
        sqlite3.register_adapter(type(None), _NULL)


_NULL: Any = {}.get
"""None for any value, in C (see bind_null_directly)."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def to_grams(kg: Decimal | None) -> int | None:
    """Kilograms (exact to 0.01, already validated) as integer grams."""
    if kg is None:
        return None
    return int(Decimal(kg).quantize(CENT) * GRAMS_PER_KG)


KG_CACHE: dict[int, Decimal] = {}
"""Kilograms by grams, filled by `from_grams` (a hot loop may look here first)."""


def from_grams(grams: int | None) -> Decimal | None:
    if grams is None:
        return None
    kg = KG_CACHE.get(grams)
    if kg is None:
        kg = (Decimal(grams) / GRAMS_PER_KG).quantize(CENT)
        if len(KG_CACHE) < 100_000:
            KG_CACHE[grams] = kg
    return kg


def read_decimal(value: Any, places: Decimal) -> Decimal | None:
    """A NUMERIC value as read: Decimal (PostgreSQL), or float/int (SQLite, which has no
    exact decimal type; these columns hold at most 2 decimals, so this is exact)."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(repr(value) if isinstance(value, float) else str(value)).quantize(places)


_DATES: dict[Any, dt.date] = {}


def read_date(value: Any) -> dt.date:
    """A DATE as read: a date (PostgreSQL) or ISO text (SQLite)."""
    if isinstance(value, dt.date):
        return value
    date = _DATES.get(value)
    if date is None:
        date = dt.date.fromisoformat(str(value)[:10])
        if len(_DATES) < 100_000:
            _DATES[value] = date
    return date


def read_datetime(value: Any) -> dt.datetime | None:
    """A DATETIME as read: a datetime (PostgreSQL) or SQLAlchemy's SQLite text."""
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def sqlite_datetime(value: dt.datetime | None) -> str | None:
    """A naive datetime as SQLAlchemy stores it in SQLite (microseconds always written), so
    rows written without the ORM sort and read back like the ORM's own."""
    if value is None:
        return None
    if value.tzinfo is None and value.year >= 1000:
        # The same text, in a tenth of strftime's time (an import writes two per workout).
        return value.isoformat(" ", "microseconds")
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)  # read back as Decimal (parse_float): exact for 0.01 steps.
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def json_dumps(value: object) -> str:
    return json.dumps(value, default=_json_default, ensure_ascii=False, sort_keys=True)


def json_loads(text: str | bytes) -> Any:
    return json.loads(text, parse_float=Decimal)


@dataclass(frozen=True, slots=True)
class CustomExercise:
    """One of the lifter's own exercises (an import's, a custom move)."""

    exercise_id: str
    name: str
    data: dict[str, Any]


SET_COLUMNS = ("exercise_id, weight_g, reps, seconds, distance_m, rpe, rir, kind, completed, "
               "rest_s, superset_group, form_note")
"""A set's columns in the order `logged_set` reads them (SQL text, either backend)."""


def logged_set(r: Any) -> LoggedSet:
    """A LoggedSet from a row whose first columns are SET_COLUMNS, as the driver returns them
    (the few distinct values are converted once each: KG_CACHE, read_decimal)."""
    grams = r[1]
    return LoggedSet(
        exercise_id=r[0],
        weight_kg=None if grams is None else (KG_CACHE.get(grams) or from_grams(grams)),
        reps=r[2], seconds=r[3], distance_m=read_decimal(r[4], CENT),
        rpe=read_decimal(r[5], TENTH), rir=r[6], kind=SetKind(r[7]), completed=bool(r[8]),
        rest_s=r[9], superset_group=r[10], form_note=r[11],
    )


RECORD_KINDS_SQL = ("kind IN (" + ", ".join(f"'{k.value}'" for k in sorted(RECORD_KINDS))
                    + ")")
"""The kinds of set a record counts (not a warm-up): also the WHERE of the partial index
ix_sets_rep_effort_weight (migration 0010 writes the same text; a query must say it so for
the index to serve it). Its reps >= 1 is left to the rep count each probe seeks (SQLite 3.40
seeks `reps >= 1` as a range, not the probe's equality, when the index's WHERE holds it)."""
RECORD_SETS = f"reps >= 1 AND {RECORD_KINDS_SQL}"
"""The sets a record counts (worked, at least one rep), of anyone."""
COUNTED_SETS = f"user_id = :user_id AND {RECORD_SETS}"
"""The sets a record counts (worked, at least one rep) of the user, as plain SQL with a
:user_id parameter: the one text of the two plain-SQL paths (store.lite and store.hot); the
repositories spell it in SQLAlchemy (repositories.workouts._counting_query), and
tests/integration/test_store_lite.py and test_store_hot.py compare both."""

SET_INSERT_COLUMNS = ("workout_id, user_id, date, position, exercise_id, kind, weight_g, "
                      "reps, seconds, distance_m, rpe, rir, rest_s, superset_group, completed, "
                      "form_note")
"""A new set's columns, in the order the two plain-SQL writers bind them (store.lite's `log`,
store.hot's appends): one list, so a column added to the sets reaches both."""

JOURNAL_ENTRY = ("INSERT INTO entries (user_id, kind, workout_id, data, created_at) "
                 "VALUES (:user_id, :kind, :workout_id, :data, :created_at)")
"""The undo journal's row for what store.lite or store.hot wrote on SQLite ('workout' or
'sets', `data` as json_dumps writes it; the ORM's is store.journal's)."""

FIGURE_COLUMNS = "s.exercise_id, s.kind, s.weight_g, s.reps, s.seconds, s.distance_m, s.rpe"
"""A set's figures, what a table of sets shows (SQL text over the table `s`, either
backend), in the order `set_figures` reads them."""

_KINDS = {k.value: k for k in SetKind}


def set_figures(r: Sequence[Any]) -> LoggedSet:
    """A LoggedSet of the figures in a row of FIGURE_COLUMNS (the rest at their defaults)."""
    return LoggedSet(exercise_id=r[0], kind=_KINDS[r[1]], weight_kg=from_grams(r[2]),
                     reps=r[3], seconds=r[4], distance_m=read_decimal(r[5], CENT),
                     rpe=read_decimal(r[6], TENTH))


class SetMemo:
    """LoggedSets from rows whose first columns are SET_COLUMNS, equal rows sharing one object:
    sets are immutable and a log repeats itself a lot, so a long read makes a few thousand
    objects instead of one per row (callers must not tell sets apart by identity)."""

    __slots__ = ("_made",)

    def __init__(self) -> None:
        self._made: dict[tuple[Any, ...], LoggedSet] = {}

    def __call__(self, row: Sequence[Any]) -> LoggedSet:
        fields = tuple(row[:12])
        found = self._made.get(fields)
        if found is None:
            found = self._made[fields] = logged_set(fields)
        return found


def lift_sessions(rows: Iterable[Sequence[Any]],
                  out: dict[str, list[tuple[dt.date, tuple[LoggedSet, ...]]]]) -> None:
    """Rows of SET_COLUMNS + workout id + date, ordered by exercise, date, workout and
    position, appended to `out` as each exercise's sessions: (date, its sets), oldest first."""
    # The memo and the session change inlined (no call, no key tuple per row): a lift done
    # for years is ten thousand rows here, on the path of every `redwood today`.
    made: dict[tuple[Any, ...], LoggedSet] = {}
    exercise: str | None = None
    workout: Any = None
    bucket: list[LoggedSet] = []
    date: dt.date | None = None
    for r in rows:
        if r[12] != workout or r[0] != exercise:
            if exercise is not None and date is not None:
                out[exercise].append((date, tuple(bucket)))
            exercise, workout, bucket, date = r[0], r[12], [], read_date(r[13])
        fields = tuple(r[:12])
        found = made.get(fields)
        if found is None:
            found = made[fields] = logged_set(fields)
        bucket.append(found)
    if exercise is not None and date is not None:
        out[exercise].append((date, tuple(bucket)))


def bind(sql: str, params: Mapping[str, Any], *, iso_dates: bool) -> tuple[str, dict[str, Any]]:
    """SQL text with `:name` parameters made ready for a driver: a list or tuple value becomes
    one parameter per item (`IN (:ids)` -> `IN (:ids_0, :ids_1)`; an empty one matches
    nothing), and with `iso_dates` (SQLite) dates become ISO text, as SQLite stores them."""
    out: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, (list, tuple)):
            names = [f"{name}_{i}" for i in range(len(value))]
            sql = sql.replace(f":{name})", f"{', '.join(f':{n}' for n in names) or 'NULL'})")
            out.update(zip(names, value, strict=True))
        elif iso_dates and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            out[name] = value.isoformat()
        else:
            out[name] = value
    return sql, out
