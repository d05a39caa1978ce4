"""Workouts with their sets: logging, editing, history and the counts the coach reads."""

from __future__ import annotations

import builtins
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, TypeVar, cast

from sqlalchemy import (
    Date,
    DateTime,
    Numeric,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.types import NullType

from redwood.domain.log import E1RM_KINDS, RECORD_KINDS, LoggedSet, PlannedRef, SetKind, Workout
from redwood.store import validation
from redwood.store.errors import InvalidEntry, NotFound
from redwood.store.logstream import driver_all, workouts_with_sets
from redwood.store.models import (
    EntryRow,
    ExerciseBestRow,
    ImportTombstoneRow,
    PlanRow,
    SetRow,
    SetTombstoneRow,
    WorkoutRow,
)
from redwood.store.record_reads import RecordBasis, record_basis
from redwood.store.repositories.base import (
    CENT,
    GRAMS_PER_KG,
    TENTH,
    Scoped,
    from_grams,
    read_date,
    read_decimal,
    sets_of,
    to_grams,
    utcnow,
)
from redwood.store.values import (
    FIGURE_COLUMNS,
    SetMemo,
    identity_text,
    lift_sessions,
    logged_set,
    read_datetime,
    set_figures,
    set_identity,
)

T = TypeVar("T")


def _same(s: LoggedSet) -> LoggedSet:
    return s


def _wall_clock(value: dt.datetime | None) -> dt.datetime | None:
    """Naive wall-clock time; an aware value is converted to local time first."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone().replace(tzinfo=None)


_SET_FIELDS = (
    SetRow.exercise_id, SetRow.weight_g, SetRow.reps, SetRow.seconds, SetRow.distance_m,
    SetRow.rpe, SetRow.rir, SetRow.kind, SetRow.completed, SetRow.rest_s,
    SetRow.superset_group, SetRow.form_note,
)
# Read as the driver returns them (no per-row type processing): the few distinct values are
# converted once each (base.read_date, base.read_decimal, KG_CACHE), which matters when
# the coach loads 40,000 sets.
_SET_COLUMNS = tuple(type_coerce(c, NullType()).label(c.key) for c in _SET_FIELDS)
_RAW_WORKOUT_ID = type_coerce(SetRow.workout_id, NullType()).label("workout_id")
_RAW_DATE = type_coerce(SetRow.date, NullType()).label("date")


def _set_values(s: LoggedSet, workout_id: int, user_id: int, date: dt.date,
                position: int) -> dict[str, Any]:
    return {
        "workout_id": workout_id, "user_id": user_id, "date": date, "position": position,
        "exercise_id": s.exercise_id, "kind": SetKind(s.kind).value,
        "weight_g": to_grams(s.weight_kg), "reps": s.reps, "seconds": s.seconds,
        "distance_m": s.distance_m, "rpe": s.rpe, "rir": s.rir, "rest_s": s.rest_s,
        "superset_group": s.superset_group, "completed": bool(s.completed),
        "form_note": s.form_note,
    }


def _with_client_ids(values: builtins.list[dict[str, Any]],
                     client_ids: Sequence[str | None] | None) -> builtins.list[dict[str, Any]]:
    if client_ids is not None:
        if len(client_ids) != len(values):
            raise InvalidEntry("client_id: one per set")
        for row, client_id in zip(values, client_ids, strict=True):
            row["client_id"] = client_id
    else:
        for row in values:
            row["client_id"] = None
    return values


def _workout(row: Any, sets: Sequence[LoggedSet]) -> Workout:
    planned = None
    if row.plan_id is not None and row.plan_week is not None and row.plan_session is not None:
        planned = PlannedRef(row.plan_id, row.plan_week, row.plan_session)
    return Workout(date=row.date, sets=tuple(sets), id=row.id, started_at=row.started_at,
                   ended_at=row.ended_at, planned=planned, location=row.location,
                   notes=row.notes, energy=row.energy, title=row.title,
                   session_rpe=row.session_rpe)


@dataclass(frozen=True, slots=True)
class ClientSet:
    """A set found by the id its device gave it."""

    workout_id: int
    position: int
    date: dt.date
    logged: LoggedSet
    planned: PlannedRef | None
    client_id: str = ""


Session_ = tuple[dt.date, tuple[LoggedSet, ...]]
"""One workout's sets of one exercise, with its date."""


_WORKOUT_FOR_SETS = (select(WorkoutRow.id, type_coerce(WorkoutRow.date, NullType()))
                     .where(WorkoutRow.id == bindparam("workout_id"),
                            WorkoutRow.user_id == bindparam("user_id"))
                     .with_for_update())
_LOCK_WORKOUTS = (select(WorkoutRow.id)
                  .where(WorkoutRow.user_id == bindparam("user_id"),
                         WorkoutRow.id.in_(bindparam("ids", expanding=True)))
                  .order_by(WorkoutRow.id).with_for_update())
_WORKOUT_DATE = select(type_coerce(WorkoutRow.date, NullType())).where(
    WorkoutRow.id == bindparam("workout_id"), WorkoutRow.user_id == bindparam("user_id"))
_LAST_POSITION = select(func.max(SetRow.position), func.count()).where(
    SetRow.workout_id == bindparam("workout_id"))
_SET_TABLE = cast(Table, SetRow.__table__)
_WORKOUT_TABLE = cast(Table, WorkoutRow.__table__)
_ENTRY_TABLE = cast(Table, EntryRow.__table__)
_INSERT_SETS = insert(_SET_TABLE)
_INSERT_ENTRY = insert(_ENTRY_TABLE)
_COUNTING: dict[tuple[str, ...], Any] = {}
_PLANNED_DONE = select(WorkoutRow.plan_week, WorkoutRow.plan_session).where(
    WorkoutRow.user_id == bindparam("user_id"), WorkoutRow.plan_id == bindparam("plan_id"),
    WorkoutRow.date >= bindparam("since", type_=Date()), WorkoutRow.plan_week.is_not(None),
    WorkoutRow.plan_session.is_not(None))
_PLANNED_DONE_BUT_ON = _PLANNED_DONE.where(WorkoutRow.date != bindparam("but_on", type_=Date()))
_ENERGIES = (select(WorkoutRow.date, WorkoutRow.energy)
             .where(WorkoutRow.user_id == bindparam("user_id"),
                    WorkoutRow.date >= bindparam("since", type_=Date()),
                    WorkoutRow.date <= bindparam("until", type_=Date()),
                    WorkoutRow.energy.is_not(None))
             .order_by(WorkoutRow.date.desc(), WorkoutRow.id.desc()))
_HISTORY: dict[tuple[bool, bool], Any] = {}
_E1RM_SHAPE = (SetRow.exercise_id, SetRow.reps, SetRow.rpe, SetRow.rir, SetRow.completed)
# The sets an e1RM is read from, as e1rm_series_by_exercise counts them (hard, loaded, 1+ reps).
_E1RM_SHAPES = (
    select(*(type_coerce(c, NullType()) for c in _E1RM_SHAPE),
           type_coerce(func.max(SetRow.weight_g), NullType()),
           type_coerce(func.min(SetRow.weight_g), NullType()))
    .where(SetRow.user_id == bindparam("user_id"),
           SetRow.exercise_id.in_(bindparam("ids", expanding=True)),
           SetRow.date < bindparam("before", type_=Date()),
           SetRow.kind.in_(sorted(k.value for k in E1RM_KINDS)),
           SetRow.reps >= 1, SetRow.weight_g > 0)
    .group_by(*_E1RM_SHAPE))


def _history_query(until: bool, since: bool = False) -> Any:
    query = (select(*_SET_COLUMNS, _RAW_WORKOUT_ID, _RAW_DATE)
             .where(SetRow.user_id == bindparam("user_id"),
                    SetRow.exercise_id.in_(bindparam("ids", expanding=True))))
    if until:
        query = query.where(SetRow.date <= bindparam("until", type_=Date()))
    if since:
        query = query.where(SetRow.date >= bindparam("since", type_=Date()))
    return query.order_by(SetRow.exercise_id, SetRow.date, SetRow.workout_id, SetRow.position)


def _counting_query(what: str, params: Mapping[str, Any]) -> Any:
    """The statement for set_shapes ("shapes") or best_volumes ("volumes") with the filters
    named in `params`: the sets a record counts (worked, at least one rep) of the user."""
    where = [SetRow.user_id == bindparam("user_id"), SetRow.reps >= 1,
             SetRow.kind.in_(sorted(k.value for k in RECORD_KINDS))]
    if "ids" in params:
        where.append(SetRow.exercise_id.in_(bindparam("ids", expanding=True)))
    if "since" in params:
        where.append(SetRow.date >= bindparam("since", type_=Date()))
    if "until" in params:
        where.append(SetRow.date <= bindparam("until", type_=Date()))
    if "workout_id" in params:
        where.append(SetRow.workout_id == bindparam("workout_id"))
    if what == "shapes":
        cols = (SetRow.exercise_id, SetRow.weight_g, SetRow.reps, SetRow.rpe, SetRow.rir,
                SetRow.completed)
        # In full order: which index reads them is the planner's (ix_sets_rep_effort_weight
        # or the lift's), and store.lite's text must give the same list.
        return (select(*(type_coerce(c, NullType()) for c in cols)).distinct()
                .where(*where).order_by(*cols))
    per_workout = (
        select(SetRow.exercise_id.label("exercise_id"),
               func.sum(SetRow.weight_g * SetRow.reps).label("grams"))
        .where(*where, SetRow.weight_g.is_not(None))
        .group_by(SetRow.exercise_id, SetRow.workout_id)
    ).subquery()
    return select(per_workout.c.exercise_id, func.max(per_workout.c.grams)).group_by(
        per_workout.c.exercise_id)


def _snapshot(table: Table, row: Mapping[Any, Any]) -> dict[str, Any]:
    """A row as JSON for the undo journal: dates and times as ISO text, decimals as text."""
    out: dict[str, Any] = {}
    for column in table.columns:
        value = row[column.name]
        if isinstance(value, dt.date | Decimal):
            value = value.isoformat() if isinstance(value, dt.date) else str(value)
        out[column.name] = value
    return out


def _restored(table: Table, data: Mapping[str, Any]) -> dict[str, Any]:
    """The column values of a `_snapshot` again."""
    out: dict[str, Any] = {}
    for column in table.columns:
        value = data.get(column.name)
        if isinstance(value, str):
            if isinstance(column.type, DateTime):
                value = dt.datetime.fromisoformat(value)
            elif isinstance(column.type, Date):
                value = dt.date.fromisoformat(value)
            elif isinstance(column.type, Numeric):
                value = Decimal(value)
        out[column.name] = value
    return out


class WorkoutRepository(Scoped):
    """Workouts with their sets, in the order they were done."""

    # The ids of the import tombstones the last delete or delete_set wrote (delete_by_client_id
    # journals them, for its undo).
    _import_tombstones: tuple[int, ...] = ()

    def add(self, workout: Workout, *, source: str | None = None,
            import_key: str | None = None,
            client_ids: Sequence[str | None] | None = None) -> int:
        """Store a whole workout (its `id` is ignored) and journal it for undo. `source` and
        `import_key` mark an imported workout (the key is unique per user)."""
        validation.check_workout(workout)
        planned = workout.planned
        if planned is not None and self._s.execute(
            select(PlanRow.id).where(PlanRow.id == planned.plan_id,
                                     PlanRow.user_id == self.user_id)
        ).first() is None:
            raise NotFound(f"no plan {planned.plan_id}")
        row = WorkoutRow(
            user_id=self.user_id, date=workout.date, started_at=_wall_clock(workout.started_at),
            ended_at=_wall_clock(workout.ended_at),
            plan_id=planned.plan_id if planned else None,
            plan_week=planned.week if planned else None,
            plan_session=planned.session if planned else None,
            location=workout.location, notes=workout.notes, energy=workout.energy,
            created_at=utcnow(), title=workout.title, source=source, import_key=import_key,
            session_rpe=workout.session_rpe,
        )
        self._s.add(row)
        self._s.flush()
        self._insert_sets(row.id, workout.date, workout.sets, 0, client_ids)
        self._journal("workout", row.id, {"sets": len(workout.sets)})
        self._s.flush()
        return row.id

    def _insert_sets(self, workout_id: int, date: dt.date, sets: Sequence[LoggedSet],
                     first: int, client_ids: Sequence[str | None] | None = None) -> None:
        if sets:
            self._s.execute(insert(SetRow), _with_client_ids([
                _set_values(s, workout_id, self.user_id, date, first + i)
                for i, s in enumerate(sets)
            ], client_ids))

    def add_sets(self, workout_id: int, sets: Sequence[LoggedSet],
                 client_ids: Sequence[str | None] | None = None) -> tuple[int, ...]:
        """Append sets to one of the user's workouts (logging set by set); journaled for undo.
        Returns their positions in the workout. `client_ids`: the id each set's device gave
        it (unique per user: a second set with one is refused by the database)."""
        # The hot path of logging: statements built once, run on the connection (building
        # and flushing through the ORM cost more than the SQL itself).
        self._s.flush()  # whatever the session holds goes first
        conn = self._core()
        workout = conn.execute(_WORKOUT_FOR_SETS, {"workout_id": workout_id,
                                                   "user_id": self.user_id}).first()
        if workout is None:
            raise NotFound(f"no workout {workout_id}")
        if not sets:
            return ()
        last, held = conn.execute(_LAST_POSITION, {"workout_id": workout_id}).one()
        validation.check_room(int(held), len(sets))
        first = 0 if last is None else last + 1
        validation.check_sets(tuple(sets), first + 1)
        date = read_date(workout[1])
        conn.execute(_INSERT_SETS, _with_client_ids(
            [_set_values(s, workout_id, self.user_id, date, first + i)
             for i, s in enumerate(sets)], client_ids))
        positions = tuple(range(first, first + len(sets)))
        conn.execute(_INSERT_ENTRY, {"user_id": self.user_id, "kind": "sets",
                                     "workout_id": workout_id,
                                     "data": {"positions": list(positions)},
                                     "created_at": utcnow()})
        return positions

    def _rows(self, rows: Sequence[Any]) -> builtins.list[Workout]:
        """Whole workouts from their rows (ORM or Core rows of `workouts`), in that order."""
        if not rows:
            return []
        by_id: dict[int, list[LoggedSet]] = {r.id: [] for r in rows}
        ids = list(by_id)
        made = SetMemo()
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start:chunk_start + 500]
            found: Sequence[Any] = self._core().execute(
                select(*_SET_COLUMNS, _RAW_WORKOUT_ID)
                .where(sets_of(self.user_id), SetRow.workout_id.in_(chunk))
                .order_by(SetRow.workout_id, SetRow.position)).all()
            for r in found:
                by_id[r[12]].append(made(r))
        return [_workout(r, by_id[r.id]) for r in rows]

    def date_of(self, workout_id: int) -> dt.date | None:
        """The date of one of the user's workouts; None if there is none."""
        value = self._core().execute(_WORKOUT_DATE, {"workout_id": workout_id,
                                                     "user_id": self.user_id}).scalar()
        return None if value is None else read_date(value)

    def planned_done(self, plan_id: int, since: dt.date,
                     but_on: dt.date | None = None) -> set[tuple[int, int]]:
        """The (week, session) of the plan's sessions logged on or after `since` (those
        logged on `but_on` left out): what today's session needs, without the sets."""
        params = {"user_id": self.user_id, "plan_id": plan_id, "since": since,
                  "but_on": but_on}
        query = _PLANNED_DONE if but_on is None else _PLANNED_DONE_BUT_ON
        rows: Sequence[Any] = self._core().execute(query, params).all()
        return {(int(w), int(s)) for w, s in rows}

    def energies(self, since: dt.date, until: dt.date) -> builtins.list[tuple[dt.date, int]]:
        """(date, energy) of the workouts between the dates (inclusive) that have an energy
        rating, newest first (as `list`)."""
        rows: Sequence[Any] = self._core().execute(_ENERGIES, {
            "user_id": self.user_id, "since": since, "until": until}).all()
        return [(read_date(d), int(e)) for d, e in rows]

    def get(self, workout_id: int) -> Workout | None:
        found = self._rows(self._s.scalars(select(WorkoutRow).where(
            WorkoutRow.id == workout_id, WorkoutRow.user_id == self.user_id)).all())
        return found[0] if found else None

    def list(self, since: dt.date | None = None, until: dt.date | None = None,
             exercise_id: str | None = None, limit: int | None = None) -> list[Workout]:
        """Whole workouts, newest first (date, then order of logging), dates inclusive.
        With `exercise_id`: only workouts with a set of it (all their sets are returned)."""
        query = select(WorkoutRow).where(WorkoutRow.user_id == self.user_id)
        if since is not None:
            query = query.where(WorkoutRow.date >= since)
        if until is not None:
            query = query.where(WorkoutRow.date <= until)
        if exercise_id is not None:
            query = query.where(WorkoutRow.id.in_(
                select(SetRow.workout_id).where(SetRow.user_id == self.user_id,
                                                SetRow.exercise_id == exercise_id)))
        query = query.order_by(WorkoutRow.date.desc(), WorkoutRow.id.desc())
        if limit is not None:
            query = query.limit(limit)
        return self._rows(self._s.scalars(query).all())

    def figures_by_day(self, since: dt.date | None = None, until: dt.date | None = None
                       ) -> Iterator[builtins.list[Workout]]:
        """Each day's workouts, oldest day first (in logging order within a day), with only
        the figures of their sets that a table of sets shows (exercise, kind, weight, reps,
        seconds, distance, RPE; RIR, rest, superset, completion and notes left at their
        defaults): a log of any length, read as iterated from the driver (store.logstream),
        equal sets sharing one LoggedSet."""
        for day in self.made_by_day(_same, since, until):
            yield [replace(w, sets=tuple(sets)) for w, sets in day]

    def made_by_day(self, make: Callable[[LoggedSet], T], since: dt.date | None = None,
                    until: dt.date | None = None
                    ) -> Iterator[builtins.list[tuple[Workout, builtins.list[T]]]]:
        """figures_by_day's days, each workout (without its sets) with `make` of each of its
        sets, made once for equal sets (store.logstream): the Strong CSV export, which turns
        a set into its text once and a 300,000-set log into rows without a LoggedSet each."""
        day: builtins.list[tuple[Workout, builtins.list[T]]] = []
        for w, sets in workouts_with_sets(self._core(), self.user_id, FIGURE_COLUMNS,
                                          lambda row: make(set_figures(row)),
                                          since=since, until=until):
            workout = Workout(date=read_date(w[1]), sets=(), id=w[0],
                              started_at=read_datetime(w[2]), ended_at=read_datetime(w[3]),
                              title=w[4])
            if day and day[0][0].date != workout.date:
                yield day
                day = []
            day.append((workout, sets))
        if day:
            yield day

    def last(self) -> Workout | None:
        found = self.list(limit=1)
        return found[0] if found else None

    def lock(self, workout_ids: Iterable[int]) -> builtins.list[int]:
        """Lock these workouts of the user's until the commit, in id order (after the user's
        row, if at all: repositories.base.LOCK_USER), before their sets are read; the ids
        found. A writer that counts a workout's sets to decide (delete it with its last set,
        undo an import that wrote it) and a tap logging into it (store.hot, which locks the
        workout's row alone) then take turns: a statement after this one sees the set the
        tap committed. SQLite: the write transaction already excludes every other writer."""
        ids = sorted({int(i) for i in workout_ids})
        if not ids:
            return []
        found = [int(i) for i in self._core().execute(
            _LOCK_WORKOUTS, {"user_id": self.user_id, "ids": ids}).scalars()]
        # Rows this session read before the lock are read again when next asked for (the
        # session would hand back what it holds, from before a writer committed).
        for row in builtins.list(self._s.identity_map.values()):
            if isinstance(row, WorkoutRow) and row.id in found:
                self._s.expire(row)
        return found

    def delete(self, workout_id: int) -> bool:
        """Delete one of the user's workouts with its sets; False if there is none."""
        self._bury(SetRow.workout_id == workout_id)
        self._import_tombstones = self._remember_imported(SetRow.workout_id == workout_id)
        result = self._s.execute(delete(WorkoutRow).where(WorkoutRow.id == workout_id,
                                                          WorkoutRow.user_id == self.user_id))
        return bool(getattr(result, "rowcount", 0))

    def history(self, exercise_ids: Iterable[str], until: dt.date | None = None,
                since: dt.date | None = None) -> dict[str, builtins.list[Session_]]:
        """For each exercise id: its sessions as (date, sets), oldest first, one per workout
        (two workouts on one day are two sessions), between the dates (inclusive). All set
        kinds are included, in the order they were done. Every requested id is a key. One
        index range scan per call."""
        wanted = list(dict.fromkeys(exercise_ids))
        out: dict[str, builtins.list[Session_]] = {e: [] for e in wanted}
        if not wanted:
            return out
        filters = (until is not None, since is not None)
        query = _HISTORY.get(filters)
        if query is None:
            query = _HISTORY[filters] = _history_query(*filters)
        rows: Sequence[Any] = self._core().execute(
            query, {"user_id": self.user_id, "ids": wanted, "until": until,
                    "since": since}).all()
        lift_sessions(rows, out)
        return out

    def e1rm_shapes(self, exercise_ids: Iterable[str],
                    before: dt.date) -> builtins.list[LoggedSet]:
        """What the best e1RM of each exercise before `before` can come from, summed up by the
        database: for each (exercise, reps, RPE, RIR, completed) of the hard loaded sets, the
        heaviest and the lightest weight (an e1RM grows with the load at a given rep count and
        effort; an assisted exercise's with less help). A long history before a chart's span
        in a few dozen sets per exercise: its best e1RM is the best of these."""
        wanted = sorted(set(exercise_ids))
        if not wanted:
            return []
        out: builtins.list[LoggedSet] = []
        rows: Sequence[Any] = self._core().execute(
            _E1RM_SHAPES, {"user_id": self.user_id, "ids": wanted, "before": before}).all()
        for r in rows:
            for grams in dict.fromkeys((r[5], r[6])):
                out.append(LoggedSet(exercise_id=r[0], weight_kg=from_grams(grams), reps=r[1],
                                     rpe=read_decimal(r[2], TENTH), rir=r[3],
                                     completed=bool(r[4])))
        return out

    def set_shapes(self, exercise_ids: Iterable[str] | None, *, until: dt.date | None = None,
                   workout_id: int | None = None,
                   since: dt.date | None = None) -> builtins.list[LoggedSet]:
        """The distinct sets (exercise, weight, reps, RPE, RIR, completed) that count for
        records, between the dates or in one workout (None: of every exercise): all the
        record keeping needs, whatever the length of the log (an exercise done for years has
        a few hundred shapes)."""
        query, params = self._counting("shapes", exercise_ids, until, workout_id, since)
        rows: Sequence[Any] = self._core().execute(query, params).all()
        return [LoggedSet(exercise_id=r[0], weight_kg=from_grams(r[1]), reps=r[2],
                          rpe=read_decimal(r[3], TENTH), rir=r[4], completed=bool(r[5]))
                for r in rows]

    def best_volumes(self, exercise_ids: Iterable[str], *, until: dt.date | None = None,
                     workout_id: int | None = None) -> dict[str, Decimal]:
        """Each exercise's best session volume (kg x reps of its loaded worked sets in one
        workout), up to `until` or in one workout; exercises without one are left out."""
        query, params = self._counting("volumes", exercise_ids, until, workout_id, None)
        out: dict[str, Decimal] = {}
        for exercise_id, grams in self._core().execute(query, params):
            if grams:
                out[exercise_id] = (Decimal(int(grams)) / GRAMS_PER_KG).quantize(CENT)
        return out

    def record_basis(self, exercise_ids: Iterable[str], *, until: dt.date,
                     workout_id: int | None = None) -> RecordBasis:
        """What new sets of the exercises are judged against for records (PRs): of the log up
        to `until` (inclusive) and, with `workout_id`, that workout's sets so far, the few sets
        that can hold a record or move its bar and the best session volumes
        (store.record_reads: index probes and the tables of migration 0010, at a cost bounded
        by the lift's rep counts, where set_shapes and best_volumes read its every set)."""
        conn = self._core()
        return record_basis(lambda sql, params: driver_all(conn, sql, params), self.user_id,
                            exercise_ids, until=until, workout_id=workout_id)

    def training_days(self, until: dt.date | None = None) -> builtins.list[dt.date]:
        """The days with at least one hard (not warm-up) set, oldest first, each once."""
        query = select(SetRow.date).distinct().where(
            SetRow.user_id == self.user_id, SetRow.kind != SetKind.WARMUP.value)
        if until is not None:
            query = query.where(SetRow.date <= until)
        return [read_date(d) for d in self._s.scalars(query.order_by(SetRow.date))]

    # --- stored bests (table exercise_bests, kept stale-marked by triggers on sets) ---

    def stored_bests(self, exercise_id: str | None = None
                     ) -> tuple[dict[str, str], builtins.list[str]]:
        """The stored record candidates of the user's exercises (or one): exercise id -> data
        (see `bests`), and the exercises whose data a set written since made stale."""
        query = select(ExerciseBestRow.exercise_id, ExerciseBestRow.data).where(
            ExerciseBestRow.user_id == self.user_id)
        if exercise_id is not None:
            query = query.where(ExerciseBestRow.exercise_id == exercise_id)
        fresh: dict[str, str] = {}
        stale: builtins.list[str] = []
        for ex, data in self._core().execute(query):
            if data is None:
                stale.append(ex)
            else:
                fresh[ex] = data
        return fresh, stale

    def refresh_bests(self, exercise_ids: Iterable[str]) -> dict[str, str]:
        """Work out again the stale ones of these exercises from their sets alone (the
        database sums them up; one index range per exercise), store them, and return the
        data of all of them. In a write unit of work: the rows are locked first, so a set
        written meanwhile marks its exercise stale again after this, never before."""
        from redwood.coach.records import record_candidates

        wanted = sorted(set(exercise_ids))
        if not wanted:
            return {}
        conn = self._core()
        rows = conn.execute(
            select(ExerciseBestRow.exercise_id, ExerciseBestRow.data)
            .where(ExerciseBestRow.user_id == self.user_id,
                   ExerciseBestRow.exercise_id.in_(wanted))
            .with_for_update()).all()
        out = {ex: data for ex, data in rows if data is not None}
        stale = [ex for ex, data in rows if data is None]
        if not stale:
            return out
        volumes = self.best_volume_days(stale)
        shapes: dict[str, builtins.list[tuple[Any, LoggedSet]]] = {ex: [] for ex in stale}
        for first, s in record_candidates(self._first_shapes(stale)):
            shapes[s.exercise_id].append((first, s))
        for ex in stale:
            volume = volumes.get(ex)
            out[ex] = json.dumps({
                "sets": [[first[0].isoformat(), to_grams(s.weight_kg), s.reps,
                          None if s.rpe is None else str(s.rpe), s.rir, s.completed]
                         for first, s in shapes[ex]],
                "volume": None if volume is None else [str(volume[0]), volume[1].isoformat()],
            }, separators=(",", ":"))
        conn.execute(update(ExerciseBestRow).where(
            ExerciseBestRow.user_id == self.user_id,
            ExerciseBestRow.exercise_id == bindparam("ex")).values(data=bindparam("data")),
            [{"ex": ex, "data": out[ex]} for ex in stale])
        return out

    @staticmethod
    def bests(data: Mapping[str, str]
              ) -> tuple[builtins.list[tuple[dt.date, LoggedSet]],
                         dict[str, tuple[Decimal, dt.date]]]:
        """What stored_bests and refresh_bests hold, as records_from_aggregates takes it:
        the sets that can hold a record with their first day (oldest first within an
        exercise), and each exercise's best session volume with its first day."""
        shapes: builtins.list[tuple[dt.date, LoggedSet]] = []
        volumes: dict[str, tuple[Decimal, dt.date]] = {}
        for ex, text in data.items():
            found = json.loads(text)
            for day, grams, reps, rpe, rir, completed in found["sets"]:
                shapes.append((read_date(day), LoggedSet(
                    exercise_id=ex, weight_kg=from_grams(grams), reps=reps,
                    rpe=None if rpe is None else Decimal(rpe), rir=rir,
                    completed=completed)))
            if found["volume"] is not None:
                volumes[ex] = (Decimal(found["volume"][0]), read_date(found["volume"][1]))
        return shapes, volumes

    def _first_shapes(self, exercise_ids: builtins.list[str]
                      ) -> builtins.list[tuple[tuple[dt.date, int, int], LoggedSet]]:
        """record_shapes of these exercises, each with its first (day, workout, position)."""
        cols = (SetRow.exercise_id, SetRow.weight_g, SetRow.reps, SetRow.rpe, SetRow.rir,
                SetRow.completed)
        first = (func.min(SetRow.date), func.min(SetRow.workout_id), func.min(SetRow.position))
        query = (select(*cols, *first)
                 .where(SetRow.user_id == self.user_id, SetRow.exercise_id.in_(exercise_ids),
                        SetRow.reps >= 1, SetRow.kind != SetKind.WARMUP.value)
                 .group_by(*cols).order_by(*first))
        return [((read_date(r[6]), int(r[7]), int(r[8])),
                 LoggedSet(exercise_id=r[0], weight_kg=from_grams(r[1]), reps=r[2],
                           rpe=read_decimal(r[3], TENTH), rir=r[4], completed=bool(r[5])))
                for r in self._core().execute(query)]

    def record_shapes(self, exercise_id: str | None = None
                      ) -> builtins.list[tuple[dt.date, LoggedSet]]:
        """Each distinct set that counts for records (exercise, weight, reps, RPE, RIR,
        completed) with the first day it was lifted, oldest first: all that the heaviest set
        and the best e1RM need, a few hundred rows per exercise whatever the log's length."""
        where = [SetRow.user_id == self.user_id, SetRow.reps >= 1,
                 SetRow.kind != SetKind.WARMUP.value]
        if exercise_id is not None:
            where.append(SetRow.exercise_id == exercise_id)
        cols = (SetRow.exercise_id, SetRow.weight_g, SetRow.reps, SetRow.rpe, SetRow.rir,
                SetRow.completed)
        first = func.min(SetRow.date)
        query = (select(*cols, first).where(*where).group_by(*cols)
                 .order_by(first, func.min(SetRow.workout_id), func.min(SetRow.position)))
        return [(read_date(r[6]), LoggedSet(exercise_id=r[0], weight_kg=from_grams(r[1]),
                                        reps=r[2], rpe=read_decimal(r[3], TENTH), rir=r[4],
                                        completed=bool(r[5])))
                for r in self._s.execute(query)]

    def best_volume_days(self, exercise_ids: str | Sequence[str] | None = None
                         ) -> dict[str, tuple[Decimal, dt.date]]:
        """Each exercise's best session volume (kg x reps of its loaded worked sets in one
        workout) and the first day it was reached, summed by the database; of one exercise
        or a few when given."""
        where = [SetRow.user_id == self.user_id, SetRow.reps >= 1,
                 SetRow.kind != SetKind.WARMUP.value, SetRow.weight_g.is_not(None)]
        if isinstance(exercise_ids, str):
            where.append(SetRow.exercise_id == exercise_ids)
        elif exercise_ids is not None:
            where.append(SetRow.exercise_id.in_(exercise_ids))
        per = (select(SetRow.exercise_id.label("e"), func.min(SetRow.date).label("d"),
                      func.sum(SetRow.weight_g * SetRow.reps).label("g"))
               .where(*where).group_by(SetRow.exercise_id, SetRow.workout_id).subquery())
        best = select(per.c.e, func.max(per.c.g).label("g")).group_by(per.c.e).subquery()
        query = (select(per.c.e, per.c.g, func.min(per.c.d))
                 .join(best, (best.c.e == per.c.e) & (best.c.g == per.c.g))
                 .group_by(per.c.e, per.c.g))
        return {str(e): ((Decimal(int(g)) / GRAMS_PER_KG).quantize(CENT), read_date(d))
                for e, g, d in self._s.execute(query) if g}

    def _counting(self, what: str, exercise_ids: Iterable[str] | None, until: dt.date | None,
                  workout_id: int | None, since: dt.date | None) -> tuple[Any, dict[str, Any]]:
        params: dict[str, Any] = {"user_id": self.user_id}
        if exercise_ids is not None:
            params["ids"] = list(exercise_ids)
        if since is not None:
            params["since"] = since
        if until is not None:
            params["until"] = until
        if workout_id is not None:
            params["workout_id"] = workout_id
        key = (what, *sorted(params))
        query = _COUNTING.get(key)
        if query is None:
            query = _COUNTING[key] = _counting_query(what, params)
        return query, params

    def sets_since(self, since: dt.date) -> builtins.list[tuple[dt.date, LoggedSet]]:
        """Every set done on or after `since`, with its date, in order."""
        query = (select(*_SET_COLUMNS, _RAW_DATE)
                 .where(SetRow.user_id == self.user_id, SetRow.date >= since)
                 .order_by(SetRow.date, SetRow.workout_id, SetRow.position))
        return [(read_date(r[12]), logged_set(r)) for r in self._core().execute(query)]

    def count_sets(self) -> int:
        return int(self._s.execute(select(func.count()).select_from(SetRow)
                                   .where(SetRow.user_id == self.user_id)).scalar_one())

    # --- editing, for the web API: sets are addressed by their position in the workout ---

    def positions(self, workout_id: int) -> builtins.list[int]:
        """The positions of the workout's sets, in order (as `get` returns the sets); a
        deleted set leaves a gap, so a position always names the same set."""
        return [int(p) for p in self._s.execute(
            select(SetRow.position).where(SetRow.workout_id == workout_id,
                                          SetRow.user_id == self.user_id)
            .order_by(SetRow.position)).scalars()]

    def page(self, since: dt.date | None = None, until: dt.date | None = None,
             exercise_id: str | None = None, limit: int = 50,
             offset: int = 0) -> tuple[builtins.list[Workout], int]:
        """One page of `list` (newest first) and how many workouts match in all."""
        where = [WorkoutRow.user_id == self.user_id]
        if since is not None:
            where.append(WorkoutRow.date >= since)
        if until is not None:
            where.append(WorkoutRow.date <= until)
        if exercise_id is not None:
            where.append(WorkoutRow.id.in_(
                select(SetRow.workout_id).where(SetRow.user_id == self.user_id,
                                                SetRow.exercise_id == exercise_id)))
        total = int(self._s.execute(select(func.count()).select_from(WorkoutRow)
                                    .where(*where)).scalar_one())
        rows = self._s.scalars(select(WorkoutRow).where(*where)
                               .order_by(WorkoutRow.date.desc(), WorkoutRow.id.desc())
                               .limit(limit).offset(offset)).all()
        return self._rows(rows), total

    _EDITABLE = frozenset({"date", "notes", "energy", "location", "title", "ended_at",
                           "session_rpe"})

    def update(self, workout_id: int, changes: Mapping[str, Any]) -> Workout:
        """Change a workout's date, notes, energy, location or title (the keys given; None
        clears). Its sets move with the date. NotFound if the user has no such workout."""
        import dataclasses

        unknown = set(changes) - self._EDITABLE
        if unknown:
            raise InvalidEntry(f"{sorted(unknown)[0]}: cannot be changed")
        row = self._s.scalars(select(WorkoutRow).where(
            WorkoutRow.id == workout_id, WorkoutRow.user_id == self.user_id)
            .with_for_update()).first()
        if row is None:
            raise NotFound(f"no workout {workout_id}")
        validation.check_workout(dataclasses.replace(_workout(row, ()), **dict(changes)))
        for key, value in changes.items():
            setattr(row, key, value)
        self._s.flush()  # a new date cascades to the sets (ON UPDATE CASCADE)
        found = self.get(workout_id)
        assert found is not None
        return found

    def replace_sets(self, workout_id: int, sets: Sequence[LoggedSet]) -> None:
        """Put these sets in place of all the workout's sets (positions from 0 again)."""
        row = self._s.execute(select(WorkoutRow.id, WorkoutRow.date).where(
            WorkoutRow.id == workout_id, WorkoutRow.user_id == self.user_id)
            .with_for_update()).first()
        if row is None:
            raise NotFound(f"no workout {workout_id}")
        validation.check_sets(tuple(sets))
        self._bury(SetRow.workout_id == workout_id)
        self._remember_imported(SetRow.workout_id == workout_id, kept=sets)
        self._s.execute(delete(SetRow).where(SetRow.workout_id == workout_id,
                                             SetRow.user_id == self.user_id))
        # Undo of earlier "add sets" entries would now name other sets: forget them.
        self._s.execute(delete(EntryRow).where(EntryRow.user_id == self.user_id,
                                               EntryRow.workout_id == workout_id,
                                               EntryRow.kind == "sets"))
        self._insert_sets(workout_id, row.date, sets, 0)
        self._s.flush()

    def update_set(self, workout_id: int, position: int, new: LoggedSet) -> bool:
        """Replace the set at `position`; False if the user's workout has no such set. An
        imported set edited by hand becomes the lifter's own: undoing its import keeps it."""
        validation.check_set(new, f"set {position} ({new.exercise_id})")
        values = _set_values(new, workout_id, self.user_id, dt.date.min, position)
        for key in ("workout_id", "user_id", "date", "position"):
            del values[key]
        values["import_id"] = None
        result = self._s.execute(update(SetRow).where(
            SetRow.workout_id == workout_id, SetRow.user_id == self.user_id,
            SetRow.position == position).values(**values))
        return bool(getattr(result, "rowcount", 0))

    def delete_set(self, workout_id: int, position: int) -> bool:
        """Delete the set at `position` (the others keep theirs); False if there is none."""
        self._bury(SetRow.workout_id == workout_id, SetRow.position == position)
        self._import_tombstones = self._remember_imported(
            SetRow.workout_id == workout_id, SetRow.position == position)
        result = self._s.execute(delete(SetRow).where(
            SetRow.workout_id == workout_id, SetRow.user_id == self.user_id,
            SetRow.position == position))
        return bool(getattr(result, "rowcount", 0))

    def _remember_imported(self, *where: Any, kept: Sequence[LoggedSet] = ()
                           ) -> tuple[int, ...]:
        """Keep an import tombstone (models.ImportTombstoneRow) for each set of an imported
        workout about to be deleted by hand: importing an overlapping export again leaves it
        deleted (io.importer.Pipeline.extend). `kept`: the sets put back in their place (a
        workout's sets replaced whole): a set kept as it was is not a deletion. A set
        imported and edited since (import_id NULL, its identity the edit's) leaves one too:
        its edit held the file's set back (one of the exercise's), its tombstone does
        the same; so does one logged here into the workout, which held back as much (the
        re-import adds what it would have added before the deletion, no more). The new
        tombstones' ids: an undo of the deletion (restore_deleted) takes them back."""
        from collections import Counter

        rows = self._s.execute(
            select(WorkoutRow.import_key, SetRow.exercise_id, SetRow.kind, SetRow.weight_g,
                   SetRow.reps, SetRow.seconds, SetRow.distance_m, SetRow.rpe,
                   SetRow.completed)
            .join(WorkoutRow, WorkoutRow.id == SetRow.workout_id)
            .where(SetRow.user_id == self.user_id, WorkoutRow.import_key.is_not(None),
                   *where)).all()
        if not rows:
            return ()
        stays = Counter(identity_text(set_identity(
            k.exercise_id, (SetKind(k.kind).value, to_grams(k.weight_kg), k.reps, k.seconds,
                            k.distance_m, k.rpe), k.completed)) for k in kept)
        now = utcnow()
        tombstones = []
        for r in rows:
            identity = identity_text(set_identity(r[1], r[2:8], r[8]))
            if stays[identity] > 0:
                stays[identity] -= 1
                continue
            tombstones.append({"user_id": self.user_id, "import_key": r[0],
                               "identity": identity, "deleted_at": now})
        if not tombstones:
            return ()
        return tuple(self._s.execute(
            insert(ImportTombstoneRow).returning(ImportTombstoneRow.id), tombstones).scalars())

    # --- sets by the id their device gave them (the offline queue, Idempotency-Key) ---

    def _bury(self, *where: Any) -> None:
        """Keep the client ids of the sets about to be deleted: a request replayed later
        (a device that was offline) finds its set deleted instead of logging it again."""
        ids = self._s.execute(select(SetRow.client_id).where(
            SetRow.user_id == self.user_id, SetRow.client_id.is_not(None), *where)).scalars()
        now = utcnow()
        rows = [{"user_id": self.user_id, "client_id": c, "deleted_at": now} for c in ids]
        if rows:
            self._s.execute(insert(SetTombstoneRow), rows)

    def by_client_id(self, client_id: str) -> ClientSet | None:
        """The user's set with this client id, or None."""
        found = self._core().execute(
            select(*_SET_COLUMNS, _RAW_WORKOUT_ID, _RAW_DATE, SetRow.position,
                   WorkoutRow.plan_id, WorkoutRow.plan_week, WorkoutRow.plan_session)
            .join(WorkoutRow, WorkoutRow.id == SetRow.workout_id)
            .where(SetRow.user_id == self.user_id, SetRow.client_id == client_id)).first()
        if found is None:
            return None
        planned = None if found[15] is None else PlannedRef(int(found[15]), int(found[16]),
                                                              int(found[17]))
        return ClientSet(int(found[12]), int(found[14]), read_date(found[13]), logged_set(found),
                         planned, client_id)

    def delete_by_client_id(self, client_id: str) -> bool:
        """Delete the user's set with this client id (its workout with it when it was the
        only set there) and keep the id as a tombstone, journaled as one 'deletion' entry:
        `UnitOfWork.undo_last` takes the whole of it back, the rows as they were and the
        tombstones it wrote, so a device syncing afterwards finds the set again. An id never
        logged here gets its tombstone (its log queued on another device is refused), in an
        entry too. False when there was no set with this id."""
        found = self.by_client_id(client_id)
        if found is not None:
            # Its workout locked before its sets are counted, and the set found again after
            # the lock: a set tapped into the workout meanwhile is counted (the workout is
            # no longer deleted with this set), a deletion of this one that went first seen.
            self.lock([found.workout_id])
            found = self.by_client_id(client_id)
        if found is None:
            if self.was_deleted(client_id):
                return False
            self._s.execute(insert(SetTombstoneRow), [
                {"user_id": self.user_id, "client_id": client_id, "deleted_at": utcnow()}])
            self._journal("deletion", None, {"tombstones": [client_id]})
            self._s.flush()
            return False
        sets = [_snapshot(_SET_TABLE, r) for r in self._s.execute(
            select(_SET_TABLE).where(SetRow.user_id == self.user_id,
                                           SetRow.workout_id == found.workout_id)).mappings()]
        data: dict[str, Any] = {"tombstones": [client_id]}
        self._import_tombstones = ()
        if len(sets) == 1:
            # The workout goes with its last set, and comes back with it; so do its journal
            # entries (its log, earlier deletions of its sets), which the workout's delete
            # cascades to: an undo after this one takes back what it did before.
            workout = self._s.execute(select(_WORKOUT_TABLE).where(
                WorkoutRow.id == found.workout_id)).mappings().one()
            entries = self._s.execute(select(_ENTRY_TABLE).where(
                EntryRow.workout_id == found.workout_id).order_by(EntryRow.id)).mappings()
            data.update(workout=_snapshot(_WORKOUT_TABLE, workout), sets=sets,
                        entries=[_snapshot(_ENTRY_TABLE, e) for e in entries])
            # Journaled first: SQLite gives a new row the highest id + 1, which once the
            # entries above are deleted could be one of theirs, wanted back by the undo.
            entry = self._journal("deletion", None, data)
            self._s.flush()
            self.delete(found.workout_id)
            if self._import_tombstones:  # an imported workout: the undo takes them back
                entry.data = {**data, "import_tombstones": builtins.list(self._import_tombstones)}
        else:
            data["sets"] = [r for r in sets if r["position"] == found.position]
            self.delete_set(found.workout_id, found.position)
            if self._import_tombstones:
                data["import_tombstones"] = builtins.list(self._import_tombstones)
            self._journal("deletion", found.workout_id, data)
        self._s.flush()
        return True

    def restore_deleted(self, data: Mapping[str, Any]) -> tuple[dt.date | None, int]:
        """Take a 'deletion' entry back: its rows inserted again as they were (ids,
        positions, client ids), the tombstones it wrote removed. The date and how many sets
        came back."""
        workout = data.get("workout")
        if workout is not None:
            self._s.execute(insert(_WORKOUT_TABLE),
                            [_restored(_WORKOUT_TABLE, workout)])
        # A set is named by its workout and position (and client id), never by its row id,
        # which SQLite may have given a set logged since: the rows get new ones.
        sets = [{k: v for k, v in _restored(_SET_TABLE, r).items() if k != "id"}
                for r in data.get("sets", [])]
        if sets:
            self._s.execute(insert(_SET_TABLE), sets)
        entries = [_restored(_ENTRY_TABLE, e) for e in data.get("entries", [])]
        if entries:
            self._s.execute(insert(_ENTRY_TABLE), entries)
        tombstones = builtins.list(data.get("tombstones", []))
        if tombstones:
            self._s.execute(delete(SetTombstoneRow).where(
                SetTombstoneRow.user_id == self.user_id,
                SetTombstoneRow.client_id.in_(tombstones)))
        # The import tombstones the deletion left (an imported workout's set): the set is
        # back, so a re-import must not hold a file's set back for it.
        imported = [int(i) for i in data.get("import_tombstones", [])]
        if imported:
            self._s.execute(delete(ImportTombstoneRow).where(
                ImportTombstoneRow.user_id == self.user_id, ImportTombstoneRow.id.in_(imported)))
        self._s.flush()
        return (sets[0]["date"] if sets else None), len(sets)

    def was_deleted(self, client_id: str) -> bool:
        """Whether a set with this client id was logged and then deleted."""
        return self._s.execute(select(SetTombstoneRow.client_id).where(
            SetTombstoneRow.user_id == self.user_id,
            SetTombstoneRow.client_id == client_id)).first() is not None

    def client_ids(self, workout_ids: Iterable[int]) -> dict[tuple[int, int], str]:
        """(workout id, position) -> client id of the workouts' sets that have one."""
        ids = builtins.list(workout_ids)
        if not ids:
            return {}
        rows = self._core().execute(
            select(SetRow.workout_id, SetRow.position, SetRow.client_id).where(
                SetRow.user_id == self.user_id, SetRow.workout_id.in_(ids),
                SetRow.client_id.is_not(None)))
        return {(int(w), int(p)): str(c) for w, p, c in rows}
