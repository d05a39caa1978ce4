"""Read one user's whole log out of the database, and write it back into another.

`dump_user` returns plain JSON values (see redwood.io.backup_file for the file format and its
validation); `restore_user` takes the same shape, already validated, and writes it in ONE
transaction. Rows are read and written directly (not through the logging repositories) because
a restore is not a logging command: it writes no undo journal (`entries`), so `redwood undo`
right after a restore has nothing to undo rather than removing a restored workout.

What is not kept, on purpose: database ids (plans are referred to by their position in the
backup), `created_at`/`updated_at` bookkeeping (a restore stamps the time of the restore), the
undo journal, and the account's credentials, API tokens and web sessions (a backup may be
shared; secrets stay with the server they belong to).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select

from redwood.domain.log import CheckIn, LoggedSet, PlannedRef, SetKind, Unit, Workout
from redwood.domain.user import User
from redwood.domain.vocabulary import Region
from redwood.store import validation
from redwood.store.errors import InvalidEntry
from redwood.store.logstream import workouts_with_sets
from redwood.store.models import (
    CheckInRow,
    EquipmentRow,
    ImportTombstoneRow,
    MeasurementRow,
    PlanRow,
    ProfileRow,
    SetRow,
    UserExerciseRow,
    UserRow,
    WorkoutRow,
)
from redwood.store.repositories.base import from_grams, read_date, to_grams, utcnow
from redwood.store.store import DEFAULT_USER, Store
from redwood.store.uow import UnitOfWork
from redwood.store.values import identity_of, identity_text, read_datetime

# Tables holding a user's own data: a user with a row in none of them "has no data".
_DATA_TABLES: tuple[Any, ...] = (ProfileRow, PlanRow, WorkoutRow, CheckInRow, EquipmentRow,
                                 UserExerciseRow, MeasurementRow)


def number(value: Decimal | int | float | None) -> int | float | None:
    """An exact decimal (at most 2 places here) as the JSON number that reads back the same:
    integral values as integers, others as the float whose shortest repr is the decimal."""
    if value is None:
        return None
    d = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return int(d) if d == d.to_integral_value() else float(d)


def plain(value: Any) -> Any:
    """Free-form JSON read from the database (floats arrive as Decimal) as plain JSON values."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


_NUMBERS: dict[Any, int | float | None] = {}


def _cached_number(value: Any) -> int | float | None:
    """number() of a value as read, memoised: a log repeats the same few values a lot."""
    if value is None:
        return None
    found = _NUMBERS.get(value)
    if found is None:
        found = number(value)
        if len(_NUMBERS) < 100_000:
            _NUMBERS[value] = found
    return found


def _kg(grams: int | None) -> int | float | None:
    return None if grams is None else _cached_number(from_grams(grams))


_SET_KEYS = ("weight_kg", "reps", "seconds", "distance_m", "rpe", "rir", "rest_s",
             "superset_group", "form_note")


_SET_COLUMNS = ("s.exercise_id, s.kind, s.completed, s.weight_g, s.reps, s.seconds, "
                "s.distance_m, s.rpe, s.rir, s.rest_s, s.superset_group, s.form_note")
# Read as the driver returns them (store.logstream): number() makes the same JSON of SQLite's
# floats and PostgreSQL's Decimals.


def _set_json(r: Sequence[Any]) -> dict[str, Any]:
    """A set from a row of _SET_COLUMNS (read by position: this runs once per distinct
    set)."""
    out: dict[str, Any] = {"exercise_id": r[0], "kind": r[1], "completed": bool(r[2])}
    values = (_kg(r[3]), r[4], r[5], _cached_number(r[6]), _cached_number(r[7]), r[8],
              r[9], r[10], r[11])
    for key, value in zip(_SET_KEYS, values, strict=True):
        if value is not None:
            out[key] = value
    return out


def _encoding(encode: Callable[[dict[str, Any]], Any]) -> Callable[[Sequence[Any]], Any]:
    """encode of a set's JSON value, from its row."""
    return lambda r: encode(_set_json(r))


def has_data(uow: UnitOfWork, user_id: int) -> bool:
    s = uow.session
    return any(
        s.execute(select(func.count()).select_from(table)
                  .where(table.user_id == user_id)).scalar_one()
        for table in _DATA_TABLES
    )




def dump_user(store: Store, user_id: int) -> dict[str, Any]:
    """Everything of one user as plain JSON values, in a stable order, from one snapshot."""
    with user_dump(store, user_id) as data:
        return {**data, "workouts": list(data["workouts"])}


@contextmanager
def user_dump(store: Store, user_id: int,
              encode_set: Callable[[dict[str, Any]], Any] | None = None
              ) -> Iterator[dict[str, Any]]:
    """What dump_user gives, but "workouts" is an iterator that reads them a batch at a time
    from the same snapshot while the context is open: a backup of any length is written in
    bounded memory. With `encode_set`, a workout's sets are encode_set of each set's JSON
    value, made once for equal sets (a writer's text of it, straight from the row)."""
    with store.reader(user_id) as uow:
        s = uow.session
        user = s.get(UserRow, user_id)
        if user is None:
            raise InvalidEntry(f"no user with id {user_id}")
        user_json = {"name": user.name, "unit": user.unit}
        profiles = [
            {"active": bool(r.active), "data": plain(r.data)}
            for r in s.scalars(select(ProfileRow).where(ProfileRow.user_id == user_id)
                               .order_by(ProfileRow.id))
        ]
        plan_rows = list(s.scalars(select(PlanRow).where(PlanRow.user_id == user_id)
                                   .order_by(PlanRow.id)))
        plan_position = {r.id: i for i, r in enumerate(plan_rows)}
        plans = [{"active": bool(r.active), "profile": plain(r.profile),
                  "plan_json": r.plan_json} for r in plan_rows]
        equipment = [
            {"location": r.name, "data": plain(r.data)}
            for r in s.scalars(select(EquipmentRow).where(EquipmentRow.user_id == user_id)
                               .order_by(EquipmentRow.name))
        ]
        custom = [
            {"id": r.exercise_id, "name": r.name, "data": plain(r.data)}
            for r in s.scalars(select(UserExerciseRow).where(UserExerciseRow.user_id == user_id)
                               .order_by(UserExerciseRow.exercise_id))
        ]
        workouts = _workouts_json(s, user_id, plan_position, encode_set)
        checkins = [
            {"date": _iso(_day(r.date)), "body_weight_kg": number(from_grams(r.body_weight_g)),
             "sleep_hours": number(r.sleep_hours), "energy": r.energy,
             "soreness": {str(k): int(v) for k, v in sorted((r.soreness or {}).items())}}
            for r in s.scalars(select(CheckInRow).where(CheckInRow.user_id == user_id)
                               .order_by(CheckInRow.date))
        ]
        measurements = [
            {"date": _iso(_day(r.date)), "site": r.site, "value_mm": r.value_mm}
            for r in s.scalars(select(MeasurementRow).where(MeasurementRow.user_id == user_id)
                               .order_by(MeasurementRow.date, MeasurementRow.site))
        ]
        # Imported sets deleted by hand: a re-import of the export after a restore leaves
        # them deleted. Written only when there are some, so a backup without any is the
        # same file as before they were kept (an older Redwood reads it).
        tombstones = [
            {"import_key": r.import_key, "identity": list(identity_of(r.identity)),
             "deleted_at": _iso(read_datetime(r.deleted_at))}
            for r in s.scalars(select(ImportTombstoneRow)
                               .where(ImportTombstoneRow.user_id == user_id)
                               .order_by(ImportTombstoneRow.id))
        ]
        yield {
            "user": user_json,
            "profiles": profiles,
            "plans": plans,
            "equipment": equipment,
            "custom_exercises": custom,
            "workouts": workouts,
            "checkins": checkins,
            "measurements": measurements,
            **({"import_tombstones": tombstones} if tombstones else {}),
        }


def _workouts_json(s: Any, user_id: int, plan_position: Mapping[int, int],
                   encode_set: Callable[[dict[str, Any]], Any] | None = None
                   ) -> Iterator[dict[str, Any]]:
    """The user's workouts with their sets, by date then id, read as iterated
    (store.logstream); equal sets share one (read-only) dict, or encode_set of it, made
    once."""
    make = _set_json if encode_set is None else _encoding(encode_set)
    for w, sets in workouts_with_sets(s.connection(), user_id, _SET_COLUMNS, make):
        # WORKOUT_COLUMNS: id, date, started_at, ended_at, title, notes, location, energy,
        # session_rpe, source, import_key, plan_id, plan_week, plan_session
        planned = None
        if w[11] is not None:
            planned = {"plan": plan_position[w[11]], "week": w[12], "session": w[13]}
        yield {
            "date": read_date(w[1]).isoformat(), "started_at": _iso(read_datetime(w[2])),
            "ended_at": _iso(read_datetime(w[3])), "title": w[4], "notes": w[5],
            "location": w[6], "energy": w[7], "session_rpe": w[8], "source": w[9],
            "import_key": w[10], "planned": planned, "sets": sets,
        }


@dataclass(frozen=True, slots=True)
class Restored:
    user: User
    workouts: int
    sets: int
    checkins: int
    plans: int


class RestoreRefused(InvalidEntry):
    """The target user already has data: a restore never merges into a log."""


def _target_user(uow: UnitOfWork, name: str) -> UserRow | None:
    """The existing user to restore into, or None to create one. Refuses a user with data.
    A database whose only user is the empty default one (made on first use) hands that user
    over, renamed: the restored person becomes the database's default user."""
    s = uow.session
    row = s.scalars(select(UserRow).where(UserRow.name == name)).first()
    if row is not None:
        if has_data(uow, row.id):
            raise RestoreRefused(f"user {name!r} already has data in this database: restore "
                                 "into a new database, or pick another name with --as")
        return row
    users = list(s.scalars(select(UserRow).order_by(UserRow.id).limit(2)))
    if len(users) == 1 and users[0].name == DEFAULT_USER and not has_data(uow, users[0].id):
        users[0].name = name
        return users[0]
    return None


def _workout_domain(w: Mapping[str, Any], plan_ids: Sequence[int]) -> Workout:
    planned = w.get("planned")
    return Workout(
        date=w["date"], started_at=w.get("started_at"), ended_at=w.get("ended_at"),
        title=w.get("title"), notes=w.get("notes"), location=w.get("location"),
        energy=w.get("energy"), session_rpe=w.get("session_rpe"),
        planned=None if planned is None else PlannedRef(plan_ids[planned["plan"]],
                                                        planned["week"], planned["session"]),
        sets=tuple(LoggedSet(
            exercise_id=st["exercise_id"], weight_kg=st.get("weight_kg"), reps=st.get("reps"),
            seconds=st.get("seconds"), distance_m=st.get("distance_m"), rpe=st.get("rpe"),
            rir=st.get("rir"), kind=SetKind(st.get("kind", "working")),
            completed=bool(st.get("completed", True)), rest_s=st.get("rest_s"),
            superset_group=st.get("superset_group"), form_note=st.get("form_note"),
        ) for st in w.get("sets", ())),
    )


def restore_user(store: Store, data: Mapping[str, Any], name: str | None = None) -> Restored:
    """Write a validated backup (python values: dates, Decimals) as user `name` (default: the
    backup's user), all or nothing. Raises RestoreRefused if that user already has data,
    InvalidEntry for a value the log cannot hold."""
    user_data = data["user"]
    name = (name or user_data["name"]).strip()
    if not 1 <= len(name) <= validation.MAX_NAME_LENGTH:
        raise InvalidEntry(f"user name: {name!r} must be 1 to {validation.MAX_NAME_LENGTH} "
                           "characters")
    unit = Unit(user_data["unit"])
    now = utcnow()
    n_sets = 0
    with store.unit_of_work() as uow:
        s = uow.session
        row = _target_user(uow, name)
        if row is None:
            user = uow.users.add(name, unit)
            user_id = user.id
        else:
            row.unit = unit.value
            user_id = row.id
        for p in data.get("profiles", ()):
            s.add(ProfileRow(user_id=user_id, data=dict(p["data"]), active=bool(p["active"]),
                             created_at=now))
            s.flush()  # keep the ids in backup order
        plan_ids: list[int] = []
        for p in data.get("plans", ()):
            plan_row = PlanRow(user_id=user_id, profile=dict(p["profile"]),
                               plan_json=p["plan_json"], active=bool(p["active"]),
                               created_at=now)
            s.add(plan_row)
            s.flush()
            plan_ids.append(plan_row.id)
        for e in data.get("equipment", ()):
            s.add(EquipmentRow(user_id=user_id, name=e["location"], data=dict(e["data"]),
                               updated_at=now))
        for c in data.get("custom_exercises", ()):
            s.add(UserExerciseRow(user_id=user_id, exercise_id=c["id"], name=c["name"],
                                  data=dict(c["data"]), created_at=now))
        workouts = list(data.get("workouts", ()))
        domain = []
        for i, w in enumerate(workouts):
            workout = _workout_domain(w, plan_ids)
            try:
                validation.check_workout(workout)
            except InvalidEntry as exc:
                raise InvalidEntry(f"workouts[{i}] ({workout.date}): {exc}") from None
            domain.append(workout)
        if domain:
            ids = s.execute(
                insert(WorkoutRow).returning(WorkoutRow.id, sort_by_parameter_order=True),
                [{
                    "user_id": user_id, "date": w.date, "started_at": w.started_at,
                    "ended_at": w.ended_at,
                    "plan_id": w.planned.plan_id if w.planned else None,
                    "plan_week": w.planned.week if w.planned else None,
                    "plan_session": w.planned.session if w.planned else None,
                    "location": w.location, "notes": w.notes, "energy": w.energy,
                    "session_rpe": w.session_rpe, "created_at": now, "title": w.title,
                    "source": raw.get("source"),
                    "import_key": raw.get("import_key"),
                } for w, raw in zip(domain, workouts, strict=True)],
            ).scalars().all()
            set_rows = [
                {"workout_id": wid, "user_id": user_id, "date": w.date, "position": pos,
                 "exercise_id": st.exercise_id, "kind": SetKind(st.kind).value,
                 "weight_g": to_grams(st.weight_kg), "reps": st.reps, "seconds": st.seconds,
                 "distance_m": st.distance_m, "rpe": st.rpe, "rir": st.rir,
                 "rest_s": st.rest_s, "superset_group": st.superset_group,
                 "completed": bool(st.completed), "form_note": st.form_note}
                for wid, w in zip(ids, domain, strict=True)
                for pos, st in enumerate(w.sets)
            ]
            n_sets = len(set_rows)
            for start in range(0, len(set_rows), 5000):
                s.execute(insert(SetRow), set_rows[start:start + 5000])
        checkins = list(data.get("checkins", ()))
        for i, c in enumerate(checkins):
            checkin = CheckIn(date=c["date"], body_weight_kg=c.get("body_weight_kg"),
                              sleep_hours=c.get("sleep_hours"), energy=c.get("energy"),
                              soreness={Region(k): int(v)
                                        for k, v in (c.get("soreness") or {}).items()})
            try:
                validation.check_checkin(checkin)
            except InvalidEntry as exc:
                raise InvalidEntry(f"checkins[{i}] ({checkin.date}): {exc}") from None
            s.add(CheckInRow(user_id=user_id, date=checkin.date,
                             body_weight_g=to_grams(checkin.body_weight_kg),
                             sleep_hours=checkin.sleep_hours, energy=checkin.energy,
                             soreness={k.value: v for k, v in checkin.soreness.items()},
                             created_at=now, updated_at=now))
        for m in data.get("measurements", ()):
            s.add(MeasurementRow(user_id=user_id, date=m["date"], site=m["site"],
                                 value_mm=m["value_mm"], created_at=now))
        tombstones = [{"user_id": user_id, "import_key": t["import_key"],
                       "identity": identity_text(t["identity"]),
                       "deleted_at": t["deleted_at"]}
                      for t in data.get("import_tombstones", ())]
        if tombstones:
            s.execute(insert(ImportTombstoneRow), tombstones)
        s.flush()
        user_row = s.get(UserRow, user_id)
        assert user_row is not None
        restored_user = User(id=user_row.id, name=user_row.name, unit=Unit(user_row.unit),
                             created_at=user_row.created_at)
        uow.commit()
    return Restored(restored_user, len(workouts), n_sets, len(checkins),
                    len(data.get("plans", ())))
