"""`redwood export json` / `redwood restore`: a complete, versioned backup of one user.

The file (format "redwood-backup", version 1) is UTF-8 JSON, keys sorted, one record per
line, lists in a stable order, so exporting, restoring into an empty database and exporting
again gives the same bytes:

    {"format": "redwood-backup", "version": 1,
     "user": {"name": "me", "unit": "kg"},
     "profiles": [{"active": true, "data": {...}}],              # oldest first
     "plans": [{"active": true, "profile": {...}, "plan_json": "<the plan JSON text>"}],
     "equipment": [{"location": "gym", "data": {...}}],
     "custom_exercises": [{"id": "...", "name": "...", "data": {...}}],
     "workouts": [{"date": "2027-01-04", "started_at": null, "ended_at": null, "title": null,
                   "notes": null, "location": null, "energy": null, "session_rpe": null,
                   "source": null,
                   "import_key": null, "planned": {"plan": 0, "week": 1, "session": 0},
                   "sets": [{"exercise_id": "back-squat", "kind": "working",
                             "completed": true, "weight_kg": 60, "reps": 8, ...}]}],
     "checkins": [{"date": ..., "body_weight_kg": ..., "sleep_hours": ..., "energy": ...,
                   "soreness": {"legs": 2}}],
     "measurements": [{"date": ..., "site": "waist", "value_mm": 820}],
     "import_tombstones": [{"import_key": "...", "deleted_at": "2027-01-05T09:12:00",
                            "identity": ["back-squat", "working", 100000, 5, null, null,
                                         null, true]}]}

`import_tombstones` (only when there are some; a backup without it restores as before): the
imported sets the lifter deleted by hand, by their workout's import key and their identity
(exercise, kind, weight in grams, reps, seconds, distance, RPE, completed: store.values.
set_identity), so that importing the same export after a restore leaves them deleted.

Weights are kilograms exact to 0.01 (JSON numbers whose text is the decimal), times are the
lifter's naive wall-clock times, a workout's `planned.plan` is the position of its plan in
`plans` (database ids are not kept). Optional set fields are left out when empty. Not kept:
ids, created/updated timestamps, the undo journal, passwords, tokens and web sessions.

Reading validates the whole file first (pydantic); a bad file is refused with one line naming
the JSON path of the first bad field, e.g. `workouts[3].sets[0].reps: ...`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from redwood.domain.log import Bounds, SetKind, Unit
from redwood.domain.vocabulary import Location, Region

FORMAT = "redwood-backup"
VERSION = 1
MAX_BACKUP_BYTES = 512 * 1024 * 1024
"""A backup bigger than this is refused before it is read (decades of daily training fit in
a few tens of megabytes)."""

JsonObject = dict[str, Any]
Kg = Annotated[Decimal, Field(ge=0, le=Bounds.WEIGHT_KG.most, decimal_places=2)]


class BackupError(ValueError):
    """The file is not a backup Redwood can restore; the message is one line."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class UserIn(_Model):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    unit: Unit


class ProfileIn(_Model):
    active: bool
    data: JsonObject


class PlanIn(_Model):
    active: bool
    profile: JsonObject
    plan_json: str

    @model_validator(mode="after")
    def _is_plan(self) -> PlanIn:
        try:
            plan = json.loads(self.plan_json)
        except ValueError:
            raise ValueError("plan_json is not JSON") from None
        if not isinstance(plan, dict) or plan.get("schema_version") != 1:
            raise ValueError("plan_json is not a Redwood plan (schema_version 1)")
        return self


class EquipmentIn(_Model):
    location: Location
    data: JsonObject


class CustomExerciseIn(_Model):
    id: Annotated[str, Field(min_length=1, max_length=100)]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    data: JsonObject


class PlannedIn(_Model):
    plan: Annotated[int, Field(ge=0)]
    week: Annotated[int, Field(ge=1, le=1000)]
    session: Annotated[int, Field(ge=0, le=100)]


class SetIn(_Model):
    exercise_id: Annotated[str, Field(min_length=1, max_length=100)]
    kind: SetKind = SetKind.WORKING
    completed: bool = True
    weight_kg: Kg | None = None
    reps: Annotated[int, Field(ge=1, le=Bounds.REPS.most)] | None = None
    seconds: Annotated[int, Field(ge=1, le=Bounds.SECONDS.most)] | None = None
    distance_m: Annotated[Decimal, Field(gt=0, le=1_000_000, decimal_places=2)] | None = None
    rpe: Annotated[Decimal, Field(ge=1, le=10, decimal_places=1)] | None = None
    rir: Annotated[int, Field(ge=0, le=10)] | None = None
    rest_s: Annotated[int, Field(ge=0, le=86400)] | None = None
    superset_group: Annotated[int, Field(ge=0, le=1000)] | None = None
    form_note: str | None = None

    @model_validator(mode="after")
    def _measured(self) -> SetIn:
        if self.reps is None and self.seconds is None and self.distance_m is None:
            raise ValueError("a set needs reps, seconds or distance_m")
        return self


class WorkoutIn(_Model):
    date: dt.date
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    title: Annotated[str, Field(max_length=200)] | None = None
    notes: str | None = None
    location: Annotated[str, Field(max_length=100)] | None = None
    energy: Annotated[int, Field(ge=1, le=5)] | None = None
    session_rpe: Annotated[int, Field(ge=1, le=10)] | None = None
    source: Annotated[str, Field(max_length=20)] | None = None
    import_key: Annotated[str, Field(max_length=64)] | None = None
    planned: PlannedIn | None = None
    sets: list[SetIn] = []

    @model_validator(mode="after")
    def _times(self) -> WorkoutIn:
        for value in (self.started_at, self.ended_at):
            if value is not None and value.tzinfo is not None:
                raise ValueError("times are wall-clock times without a time zone")
        if self.started_at and self.ended_at and self.ended_at < self.started_at:
            raise ValueError("ended_at is before started_at")
        return self


class CheckInIn(_Model):
    date: dt.date
    body_weight_kg: Annotated[Decimal, Field(gt=0, le=1000, decimal_places=2)] | None = None
    sleep_hours: Annotated[Decimal, Field(ge=0, le=24, decimal_places=2)] | None = None
    energy: Annotated[int, Field(ge=1, le=5)] | None = None
    soreness: dict[Region, Annotated[int, Field(ge=1, le=5)]] = {}


class MeasurementIn(_Model):
    date: dt.date
    site: Annotated[str, Field(min_length=1, max_length=30)]
    value_mm: Annotated[int, Field(ge=1, le=5000)]


_Real = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class ImportTombstoneIn(_Model):
    import_key: Annotated[str, Field(min_length=1, max_length=64)]
    identity: tuple[Annotated[str, Field(min_length=1, max_length=200)], SetKind,
                    Annotated[int, Field(ge=-1_000_000_000, le=1_000_000_000)] | None,
                    Annotated[int, Field(ge=0, le=1_000_000)] | None,
                    _Real | None, _Real | None, _Real | None, bool]
    deleted_at: dt.datetime

    @model_validator(mode="after")
    def _naive(self) -> ImportTombstoneIn:
        if self.deleted_at.tzinfo is not None:
            raise ValueError("deleted_at: a UTC time without a time zone")
        return self


def _unique(items: list[Any], key: Any, what: str, field: str) -> None:
    seen: set[Any] = set()
    for i, item in enumerate(items):
        k = key(item)
        if k is None:
            continue
        if k in seen:
            raise ValueError(f"{field}[{i}]: a second {what} {k}")
        seen.add(k)


class Backup(_Model):
    format: Literal["redwood-backup"]
    version: Literal[1]
    user: UserIn
    profiles: list[ProfileIn] = []
    plans: list[PlanIn] = []
    equipment: list[EquipmentIn] = []
    custom_exercises: list[CustomExerciseIn] = []
    workouts: list[WorkoutIn] = []
    checkins: list[CheckInIn] = []
    measurements: list[MeasurementIn] = []
    import_tombstones: list[ImportTombstoneIn] = []

    @model_validator(mode="after")
    def _consistent(self) -> Backup:
        if sum(p.active for p in self.profiles) > 1:
            raise ValueError("profiles: more than one is active")
        if sum(p.active for p in self.plans) > 1:
            raise ValueError("plans: more than one is active")
        for i, w in enumerate(self.workouts):
            if w.planned is not None and w.planned.plan >= len(self.plans):
                raise ValueError(f"workouts[{i}].planned.plan: {w.planned.plan} is not one "
                                 f"of the {len(self.plans)} plans")
        _unique(self.workouts, lambda w: w.import_key, "workout with import_key", "workouts")
        _unique(self.checkins, lambda c: c.date, "check-in on", "checkins")
        _unique(self.measurements, lambda m: (m.date, m.site), "measurement", "measurements")
        _unique(self.equipment, lambda e: e.location, "equipment profile", "equipment")
        _unique(self.custom_exercises, lambda c: c.id, "custom exercise", "custom_exercises")
        return self


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not part.startswith(("function-", "literal[")) and "[" not in part:
            out += f".{part}" if out else part
    return out or "(top level)"


def first_problem(exc: ValidationError) -> str:
    err = exc.errors()[0]
    message = err["msg"].removeprefix("Value error, ")
    where = _path(tuple(err["loc"]))
    # The whole-file checks name their place themselves ("checkins[1]: ...").
    return message if where == "(top level)" and "[" in message else f"{where}: {message}"


def parse_backup(text: str | bytes) -> Backup:
    """Validate a backup file's text; BackupError (one line) if anything is wrong."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BackupError(f"not JSON: line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except UnicodeDecodeError:
        raise BackupError("not UTF-8 text") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BackupError(f'not a Redwood backup: no "format": "{FORMAT}"')
    if raw.get("version") != VERSION:
        raise BackupError(f"version: {raw.get('version')!r} is not supported; this Redwood "
                          f"reads version {VERSION}")
    try:
        return Backup.model_validate(raw)
    except ValidationError as exc:
        raise BackupError(first_problem(exc)) from None


def read_backup(path: Path) -> Backup:
    try:
        size = path.stat().st_size
        if size > MAX_BACKUP_BYTES:
            raise BackupError(f"{size} bytes is over the {MAX_BACKUP_BYTES} byte limit")
        data = path.read_bytes()
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror}") from None
    return parse_backup(data)


_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": "))
_compact = _ENCODER.encode
"""A value's text in the file (json.dumps with these options, without making the encoder
again for each of a long log's records)."""


def dumps(data: dict[str, Any]) -> str:
    """The file's text: sorted keys, one record (a workout with its sets, a check-in...) per
    line, ends with a newline. Stable: the same data always gives the same bytes. (One line
    per record rather than json's indent=2 keeps a diff readable, and lets the C encoder
    write 100,000 sets in a fraction of a second.)"""
    return "".join(iter_dumps(data))


def iter_dumps(data: Mapping[str, Any]) -> Iterator[str]:
    """dumps' text, a line at a time; a list may be an iterator (read as it is written)."""
    record = _Records()
    yield "{\n"
    keys = sorted(data)
    for i, key in enumerate(keys):
        value = data[key]
        comma = "," if i < len(keys) - 1 else ""
        items = iter(value) if isinstance(value, (list, Iterator)) else None
        first = next(items, _END) if items is not None else _END
        if first is _END:
            yield f"  {_compact(key)}: {_compact([] if items is not None else value)}{comma}\n"
            continue
        yield f"  {_compact(key)}: [\n"
        previous = first
        for item in items:  # type: ignore[union-attr]
            yield f"    {record(previous)},\n"
            previous = item
        yield f"    {record(previous)}\n"
        yield f"  ]{comma}\n"
    yield "}\n"


class _Records:
    """_compact of a list's records, where a record's "sets" are encoded one by one, each
    distinct set once: a reader hands equal sets as one shared dict (store.backup), or
    their text (Encoded), and a long log repeats the same sets for years. The same text as
    _compact of the record: the record encoded with 0 for its sets, whose `"sets": 0` is
    then the sets' text (that text occurs nowhere else: inside a string a quote is `\\"`,
    and no other object in a record has a key "sets")."""

    _MEMO = 30_000
    """Sets whose text is kept (then forgotten: memory stays bounded)."""

    def __init__(self) -> None:
        self._by_id: dict[int, tuple[Any, str]] = {}

    def __call__(self, record: Any) -> str:
        sets = record.get("sets") if isinstance(record, dict) else None
        if not isinstance(sets, list):
            return _compact(record)
        if sets and sets[0].__class__ is Encoded:  # made into text as read (encoded)
            texts: list[str] = sets
        else:
            texts = self._texts(sets)
        return _compact({**record, "sets": 0}).replace(
            '"sets": 0', f'"sets": [{", ".join(texts)}]', 1)

    def _texts(self, sets: list[Any]) -> list[str]:
        by_id = self._by_id
        texts = []
        for s in sets:
            held = by_id.get(id(s))
            if held is None or held[0] is not s:
                if len(by_id) >= self._MEMO:
                    by_id.clear()
                # Keeping the set keeps its id from being reused while it is in the memo.
                held = by_id[id(s)] = (s, _compact(s))
            texts.append(held[1])
        return texts


class Encoded(str):
    """A set's text in the file, made once by whoever reads it (`encoded`): a record whose
    sets are Encoded is written with them as they are."""


def encoded(value: Any) -> Encoded:
    """value's text in the file (_compact), for a set in a record's "sets"."""
    return Encoded(_compact(value))


_END = object()
CHUNK = 64 * 1024
"""Characters a streamed backup sends at a time."""
