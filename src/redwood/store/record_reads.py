"""What a new set's records are judged against, read at a cost bounded by the lift's rep
counts and efforts, not its history: the same plain SQL for every path that judges one.

`services.training.records_broken` (the CLI `log`, Today, the unit of work's `add_sets`) reads
it through the repositories' `record_basis` (the ORM's, store.repositories.workouts; the SQLite
fast path's and the pooled reader's, store.lite), and the web's token path (store.hot) on its
driver connection, so every record a lifter is told of comes from the index probes and the
tables of migration 0010. Before 5 Dec 2026 (branch records2) all but the token path read
every distinct set and summed every session of the lift (`set_shapes`, `best_volumes`).
No SQLAlchemy here: the fast path must not load it.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from redwood.domain.log import LoggedSet, is_assisted
from redwood.store.values import (
    CENT,
    GRAMS_PER_KG,
    RECORD_KINDS_SQL,
    TENTH,
    from_grams,
    read_decimal,
)

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import Any

__all__ = ["HERE", "PAST_SHAPES", "PAST_VOLUMES", "SHAPES", "VOLUMES", "RecordBasis",
           "basis", "expand", "record_basis", "record_rows", "shapes_sql"]

HERE = ("SELECT exercise_id, reps, rpe, rir, completed, NULL, NULL, NULL, MAX(weight_g), "
         "MIN(weight_g), MAX(CASE WHEN weight_g IS NULL THEN 1 END) FROM sets "
         "WHERE workout_id = :workout_id AND reps >= 1 AND kind <> 'warmup' "
         "AND exercise_id IN (:ids) "
         "GROUP BY exercise_id, reps, rpe, rir, completed")
"""The workout's counted sets so far, in SHAPES' last three columns: a session's few sets,
read by the workout's index. Said so that ix_sets_rep_effort_weight (the whole lift) cannot
serve it, which SQLite and PostgreSQL without statistics would take instead: no user_id (the
workout is the user's: store.hot's _TARGET checked it; OWN_SHAPES checks it first) and the
kinds as `kind <> 'warmup'`, the same sets (ck_sets_kind allows four kinds) but not the
partial index's WHERE (tests/integration/test_records_hot.py checks the plans)."""
PROBE = ("(SELECT {what} FROM sets s WHERE s.user_id = g.user_id "
         "AND s.exercise_id = g.exercise_id AND s.reps = g.reps "
         "AND COALESCE(s.rpe, 0) = +g.rpe_key AND COALESCE(s.rir, -1) = +g.rir_key "
         f"AND s.completed = g.completed AND s.{RECORD_KINDS_SQL} "
         "AND s.date <= :until{more})")
LOAD = "COALESCE(s.weight_g, -1)"
PAST_SHAPES = ("SELECT g.exercise_id, g.reps, NULLIF(g.rpe_key, 0), NULLIF(g.rir_key, -1), "
               "g.completed, CASE WHEN g.exercise_id IN (:helped) THEN NULL ELSE NULLIF("
               + PROBE.format(what=f"MAX({LOAD})", more="") + ", -1) END, "
               "CASE WHEN g.exercise_id IN (:helped) THEN "
               + PROBE.format(what=f"MIN({LOAD})", more=f" AND {LOAD} >= 0") + " END, CASE WHEN "
               + PROBE.format(what=f"MIN({LOAD})", more="") + " < 0 THEN 1 END, NULL, NULL, NULL "
               "FROM rep_efforts g WHERE g.user_id = :user_id AND g.exercise_id IN (:ids)")
"""All a record needs, whatever the log's length: for each exercise, rep count, RPE, RIR and
completion, the heaviest counted set before the workout's day (of an assisted lift, `:helped`,
the lightest: the least help) and whether one was done at bodyweight; then the workout's so
far, heaviest and lightest. The rest can hold no record, nor move a bar a new set is compared
with (coach.records): the heaviest weight is one of them; an e1RM at one rep count and effort
grows with the load (with less help), so the best is one of them; and a rep record compares
with the most reps done at a weight or heavier, which is, for each rep count, its heaviest
weight (least help) again (tests/integration/test_records_hot.py).

Each rep count and effort the lifter ever did (rep_efforts, migration 0010) is two probes of
ix_sets_rep_effort_weight: from the top of its range down to the first set before the day
(an assisted lift's: from the bottom up; CASE runs only the branch it takes), and its
bodyweight sets. (The keys are compared as `+g.rpe_key`: without
affinity, else SQLite gives the comparison the column's and cannot seek the index's
COALESCE, which has none. Reps >= 1 need not be said: g.reps is at least 1. A bodyweight
set is keyed at -1 kg, below every load, so that each probe is a MIN or MAX of the index's
own order: an EXISTS or LIMIT 1 let PostgreSQL, without statistics, take the index on
(user_id, date) and read every set of the lifter.) A lift done for years costs what it costs after
a few months, once its rep counts and efforts are all there (bench/bench_records.py); before
5 Dec 2026 a GROUP BY read every set of the lift. A range whose sets were all deleted probes
to NULLs: nothing counts from it."""
VOLUMES = ("SELECT e.exercise_id, (SELECT MAX(v.volume_g) FROM session_volumes v "
           "WHERE v.user_id = :user_id AND v.exercise_id = e.exercise_id "
           "AND v.date <= :until), (SELECT v.volume_g FROM session_volumes v "
           "WHERE v.workout_id = :workout_id AND v.exercise_id = e.exercise_id) FROM "
           "(SELECT DISTINCT exercise_id FROM rep_efforts WHERE user_id = :user_id "
           "AND exercise_id IN (:ids)) e")
"""The best session volume of each exercise before the workout's day (one probe of
ix_session_volumes_best from the top) and the workout's so far, as the triggers of migration
0010 keep them. Before 5 Dec 2026 every session's sets were summed at each read."""
PAST_VOLUMES = VOLUMES.replace(
    "(SELECT v.volume_g FROM session_volumes v "
    "WHERE v.workout_id = :workout_id AND v.exercise_id = e.exercise_id)", "NULL")
"""VOLUMES with no workout: the best session before the day (and NULL)."""

SHAPES = f"{PAST_SHAPES} UNION ALL {HERE}"
"""PAST_SHAPES and then the workout's sets so far (HERE), in one statement."""
_OWN = "WHERE workout_id = :workout_id AND"
_OWN_WORKOUT = ("WHERE workout_id = (SELECT id FROM workouts WHERE id = :workout_id "
                "AND user_id = :user_id) AND")
OWN_SHAPES = SHAPES.replace(_OWN, _OWN_WORKOUT)
OWN_VOLUMES = VOLUMES.replace("WHERE v.workout_id = :workout_id AND",
                              "WHERE v.workout_id = (SELECT id FROM workouts WHERE "
                              "id = :workout_id AND user_id = :user_id) AND")
"""SHAPES and VOLUMES for a repository, whose caller has not checked that the workout is
the user's (store.hot's _TARGET did): another lifter's workout adds nothing. The
workout's id is read first, one probe of its key, and then its sets by their index as in
HERE."""


@dataclass(frozen=True, slots=True)
class RecordBasis:
    """What the new sets' records are judged against (see services.training.records_broken):
    the counted sets that can hold a record or move its bar (SHAPES: not every distinct
    set, the same records) and the best session volumes of their exercises in the log up to
    the day before the workout (`past`), and in the workout so far (`earlier`)."""

    past: tuple[LoggedSet, ...] = ()
    past_volumes: dict[str, Decimal] | None = None
    """None when there is no `past` (nothing to beat: not read)."""
    earlier: tuple[LoggedSet, ...] = ()
    earlier_volumes: dict[str, Decimal] | None = None


if TYPE_CHECKING:  # only annotations name it
    Rows = Callable[[str, dict[str, Any]], Sequence[Sequence[Any]]]
    """Plain SQL with :name parameters (lists already expanded) -> its rows."""


def expand(sql: str, params: dict[str, Any], name: str, values: Sequence[Any]) -> str:
    """`IN (:name)` as one parameter per value (added to `params`); none matches nothing."""
    names = [f"{name}_{i}" for i in range(len(values))]
    params.update(zip(names, values, strict=True))
    return sql.replace(f":{name})", f"{', '.join(':' + n for n in names) or 'NULL'})")


def shapes_sql(sql: str, params: dict[str, Any], ids: Sequence[str]) -> str:
    """SHAPES (or a variant) for these exercises, the assisted ones named in :helped."""
    sql = expand(sql, params, "ids", ids)
    return expand(sql, params, "helped", [e for e in ids if is_assisted(e)])


def basis(shapes: Iterable[Sequence[Any]], volumes: Iterable[Sequence[Any]] | None
          ) -> RecordBasis:
    """The rows of SHAPES and VOLUMES (only read when `shapes` has a past set: pass None
    when it was not read)."""
    past: builtins.list[LoggedSet] = []
    earlier: builtins.list[LoggedSet] = []
    for e, reps, rpe, rir, completed, *seen in shapes:
        effort = (read_decimal(rpe, TENTH), rir, bool(completed))
        for into, (heaviest, lightest, bodyweight) in ((past, seen[:3]), (earlier, seen[3:])):
            weights = [g for g in dict.fromkeys((heaviest, lightest)) if g is not None]
            if bodyweight:
                weights.append(None)
            for g in weights:
                into.append(LoggedSet(exercise_id=e, weight_kg=from_grams(g), reps=reps,
                                      rpe=effort[0], rir=effort[1], completed=effort[2]))
    if not past or volumes is None:
        return RecordBasis((), None, tuple(earlier), None)
    past_volumes: dict[str, Decimal] = {}
    earlier_volumes: dict[str, Decimal] = {}
    for e, *best in volumes:
        for grams, volumes_of in zip(best, (past_volumes, earlier_volumes), strict=True):
            if grams:
                volumes_of[e] = (Decimal(int(grams)) / GRAMS_PER_KG).quantize(CENT)
    return RecordBasis(tuple(past), past_volumes, tuple(earlier), earlier_volumes)


def record_rows(rows: Rows, params: dict[str, Any], ids: Sequence[str], *,
                shapes: str = SHAPES, volumes: str = VOLUMES
                ) -> tuple[builtins.list[Any], builtins.list[Any] | None]:
    """The rows of `shapes` and, only when there is a past set to beat, `volumes`."""
    found = builtins.list(rows(shapes_sql(shapes, params, ids), params))
    if not any(row[5] is not None or row[6] is not None or row[7] for row in found):
        return found, None
    return found, builtins.list(rows(expand(volumes, params, "ids", ids), params))


def record_basis(rows: Rows, user_id: int, exercise_ids: Iterable[str], *, until: dt.date,
                 workout_id: int | None = None) -> RecordBasis:
    """What sets of `exercise_ids` are judged against: the user's log up to `until`
    (inclusive) and, with `workout_id`, that workout's sets so far (none if it is not the
    user's). `rows` runs plain SQL on the unit of work's connection (dates bound as the
    database stores them)."""
    ids = sorted(set(exercise_ids))
    if not ids:
        return RecordBasis()
    params: dict[str, Any] = {"user_id": user_id, "until": until}
    if workout_id is None:
        return basis(*record_rows(rows, params, ids, shapes=PAST_SHAPES, volumes=PAST_VOLUMES))
    params["workout_id"] = workout_id
    return basis(*record_rows(rows, params, ids, shapes=OWN_SHAPES, volumes=OWN_VOLUMES))
