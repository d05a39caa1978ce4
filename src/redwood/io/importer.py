"""The import pipeline: another app's export in, the lifter's history stored, a report out.

    report = import_file(store, user, Path("strong.csv"), unit=None, dry_run=False)

Parsers (redwood.io.formats) turn the file into ImportRow / RowProblem records; this module
settles the rest, streaming in file order with bounded memory:

- exercise names -> exercise ids (redwood.io.names: the user's --map, the alias table, a
  fuzzy match, else a custom exercise of the user's, never dropped);
- the unit of weights the file leaves unsaid (`--unit`, or inferred: `infer_unit`);
- rows -> workouts, grouped by (start, title); a workout's import key is a SHA-256 of its
  start, title and source app, so importing a file twice, or a newer export that overlaps an
  older one, adds only the workouts not stored yet (the rest count as duplicates);
- a workout whose key is stored already is extended with the file's sets it does not hold
  (`Pipeline.extend`): a set is the same set when its exercise, kind, load, reps, time,
  distance, RPE and completion are (`set_identity`), counted as a multiset; and never more of
  an exercise's sets are added than the file holds beyond the workout's own, so a set edited
  by hand since an import does not come back on the next one, and an exercise whose sets
  are those of one the workout holds under another id, set for set and place for place, is
  that one (the same file mapped otherwise). FitNotes keeps one workout a day: a second file
  of the same day with other lifts adds those lifts to it. A set deleted by hand since an
  import (or a whole imported workout) is remembered by the store (an import tombstone:
  the workout's key and the set's identity) and counts as held: it stays deleted, and the
  report says how many ("3 sets you deleted were not re-imported"); a deleted workout's
  other sets in a newer export (logged in the app since) are new, and bring it back with
  those only;
- each value against the log's limits (domain.log.Bounds, the same as hand logging): a row
  is bad only when it cannot be read or could not be a set (past `most`), a line in the
  report, never a traceback; a value that is merely unusual (past `usual`: 103 reps, 600 kg,
  a set of 3 hours) is stored as it is and listed under `unusual` with its line;
- notes: a workout's notes are its notes; an exercise's or set's note is kept in the
  workout's notes ("Squat (Barbell): felt heavy"), never as a form note (only a form note
  written in Redwood holds the load);
- storage: ONE unit of work. If any row is bad and `skip_bad_rows` is not set, nothing is
  stored and every bad row is reported; a killed import leaves the database as it was. A
  stored import is one entry of the undo journal (store.imports): `redwood undo` or
  `redwood imports undo ID` takes it back whole.

Totals: `volume_kg` is load x reps of every stored set, with `volume_by_kind` and
`sets_by_kind` beside it, and `hard_sets` / `hard_volume_kg` by the domain's one meaning of
the kinds (domain.log.HARD_KINDS). The weight of an assisted exercise is help, not load: it
is stored as the assistance (domain.log.is_assisted) and counted in no volume.

Accounting, checked by the tests: rows read = sets stored + duplicates + rows skipped
(errors and ignored rows such as Strong's rest timers) + sets over a stored workout's cap
(`sets_over_cap`: the sets a workout imported before would take past MAX_SETS_PER_WORKOUT)
+ sets deleted by hand since an earlier import (`sets_deleted`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from itertools import chain
from typing import TYPE_CHECKING, Any

from redwood.domain.log import (
    KG_PER_LB,
    MAX_SETS_PER_WORKOUT,
    Bounds,
    SetKind,
    Unit,
    is_assisted,
    is_hard,
    unusual,
)
from redwood.io.rows import Export, ImportRow, RowProblem
from redwood.store import validation
from redwood.store.values import set_identity

if TYPE_CHECKING:
    from redwood.io.names import NameMapper
    from redwood.store.imports import ImportSink

EARLIEST = dt.date(1950, 1, 1)
FUTURE_GRACE = dt.timedelta(days=1)
"""An export's local time may run ahead of this machine's clock."""
INFER_SAMPLE = 5000
"""Weights looked at to infer an unstated unit (the rows held back meanwhile: bounded)."""
FLUSH_SETS = 5000
"""Sets held before they are written (memory stays bounded on any file size). With the
writer thread (store.imports.BatchWriter.THREADED), which holds at most a few batches, small
ones let the writing overlap the reading from nearly the start to nearly the end."""
PROGRESS_EVERY = 2000
VALUES_CACHE = 5000
"""Distinct (weight, unit, reps, seconds, distance, RPE, kind) combinations remembered."""
MAX_TITLE = 200
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
MAX_GRAMS = int(validation.MAX_WEIGHT_KG * 1000)
USUAL_GRAMS = Bounds.WEIGHT_KG.usual * 1000
MAX_WORKOUTS_PER_DAY = 20
"""The most workouts one day of an import takes (an export with a workout per row would
otherwise store hundreds of thousands of one-set workouts)."""
MAX_REPS = validation.MAX_REPS
MAX_SECONDS = validation.MAX_SECONDS
SAVED_UNUSUAL = 50
"""Unusual values kept in an import's journal row (the report lists them all)."""

# --- unit inference --------------------------------------------------------------------------

OFF_GRID_SHARE = 0.10
"""kg if at least this share of the weights are not multiples of 2.5: kg dumbbells step by
1-2 kg and kg machines by odd amounts (12, 14, 18, 32 kg), while lb equipment steps by 2.5
or 5 lb."""
HALF_STEP_SHARE = 0.15
"""kg if at least this share are odd multiples of 2.5 (22.5, 102.5): a pair of 1.25 kg
plates on a barbell; in lb the same needs 1.25 lb plates, which few gyms have."""
LB_SIGNATURE = frozenset(Decimal(v) for v in (95, 135, 185, 225, 275, 315, 365, 405, 455, 495))
"""A 45 lb bar with pairs of 45 and 25 lb plates: the loads of an lb gym."""
LB_SIGNATURE_SHARE = 0.10
MIN_EVIDENCE = 10
"""Fewer weights than this say nothing."""


def infer_unit(weights: Iterable[Decimal]) -> tuple[Unit | None, str]:
    """The unit a file's weights were most likely written in, with the reason; None when
    the values do not tell (the caller falls back to the lifter's unit). Values are rounded
    to 0.01 first (Strong writes 150 lb as 149.99999999999997)."""
    values = [w.quantize(CENT) for w in weights if w]
    n = len(values)
    if n < MIN_EVIDENCE:
        return None, f"only {n} weight{'s' if n != 1 else ''} to judge by"
    step = Decimal("2.5")
    off_grid = sum(1 for v in values if v % step) / n
    if off_grid >= OFF_GRID_SHARE:
        return Unit.KG, (f"{off_grid:.0%} of the weights are not multiples of 2.5, as kg "
                         "dumbbells and machines are")
    half = sum(1 for v in values if not v % step and v % 5) / n
    if half >= HALF_STEP_SHARE:
        return Unit.KG, f"{half:.0%} of the weights end in 2.5 or 7.5, as 1.25 kg plates give"
    signature = sum(1 for v in values if v in LB_SIGNATURE) / n
    if signature >= LB_SIGNATURE_SHARE:
        return Unit.LB, (f"{signature:.0%} of the weights are lb plate loads like 135, 185 "
                         "and 225")
    return None, "the weights fit both kg and lb equipment"


# --- the report ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Skipped:
    line: int
    reason: str
    ignored: bool = False
    """A row that is not a set by design (a rest timer): reported, never a reason to refuse."""


@dataclass(frozen=True, slots=True)
class Unusual:
    """A stored set with a value past a usual bound (domain.log.Bounds), to check."""

    line: int
    reason: str


@dataclass
class MappedName:
    name: str
    exercise_id: str
    how: str
    """'map', 'alias', 'fuzzy' or 'custom'."""
    score: float | None = None
    matched: str | None = None
    sets: int = 0


@dataclass
class ImportReport:
    format: str
    variant: str
    source: str
    unit: Unit | None = None
    """The unit the file's unit-less weights were read in (None if it gave them all)."""
    unit_how: str = "file"
    """'file' (the file says), 'option' (--unit), 'inferred', 'profile' (the lifter's unit,
    when the values did not tell) or 'file' when no row needed one."""
    unit_reason: str = ""
    rows: int = 0
    workouts: int = 0
    workouts_added: int = 0
    workouts_duplicate: int = 0
    """Workouts already stored to which the file adds nothing."""
    workouts_extended: int = 0
    """Workouts already stored (by their key) to which the file adds sets they did not hold
    (`Pipeline.extend`)."""
    sets_extended: int = 0
    """The sets added to those workouts (counted in `sets_added` too)."""
    sets_deleted: int = 0
    """Sets of workouts imported before that the lifter deleted by hand since (the store's
    import tombstones): not imported again, said in `notes`."""
    sets_over_cap: int = 0
    """Sets of those workouts not added because the workout would pass MAX_SETS_PER_WORKOUT
    (each workout named in `notes`); the rest of the import is stored."""
    extended_ids: list[int] = field(default_factory=list)
    """The ids of the workouts extended: undo_import takes these sets back out of them."""
    sets: int = 0
    sets_added: int = 0
    duplicates: int = 0
    """Sets already stored (by an earlier import of an overlapping export)."""
    volume_kg: Decimal = Decimal(0)
    """Sum of weight x reps of every set stored (would be, in a dry run), whatever its kind;
    assisted exercises' weight is help, not load, and adds nothing."""
    volume_by_kind: dict[str, Decimal] = field(default_factory=dict)
    sets_by_kind: dict[str, int] = field(default_factory=dict)
    unusual: list[Unusual] = field(default_factory=list)
    """Sets stored with a value past a usual bound, by line."""
    assisted_sets: int = 0
    """Sets of assisted exercises (their weight stored as assistance)."""
    import_id: int | None = None
    """The stored import's id (for `redwood imports undo`); None if nothing was stored."""
    file_name: str = ""
    skipped: list[Skipped] = field(default_factory=list)
    names: dict[str, MappedName] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False
    skip_bad_rows: bool = False
    stored: bool = False
    """True when the import was committed."""

    @property
    def errors(self) -> list[Skipped]:
        return [s for s in self.skipped if not s.ignored]

    @property
    def refused(self) -> bool:
        """Bad rows and no --skip-bad-rows: nothing was (or would be) stored."""
        return bool(self.errors) and not self.skip_bad_rows

    @property
    def hard_sets(self) -> int:
        return sum(n for kind, n in self.sets_by_kind.items() if is_hard(kind))

    @property
    def hard_volume_kg(self) -> Decimal:
        return sum((v for kind, v in self.volume_by_kind.items() if is_hard(kind)), Decimal(0))

    @property
    def exercises_mapped(self) -> int:
        return sum(1 for m in self.names.values() if m.how != "custom")

    @property
    def exercises_custom(self) -> int:
        return sum(1 for m in self.names.values() if m.how == "custom")

    def as_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "variant": self.variant,
            "unit": None if self.unit is None else self.unit.value,
            "unit_how": self.unit_how,
            "unit_reason": self.unit_reason,
            "dry_run": self.dry_run,
            "stored": self.stored,
            "refused": self.refused,
            "rows": self.rows,
            "workouts": self.workouts,
            "workouts_added": self.workouts_added,
            "workouts_duplicate": self.workouts_duplicate,
            "workouts_extended": self.workouts_extended,
            "sets_extended": self.sets_extended,
            "sets_over_cap": self.sets_over_cap,
            "sets_deleted": self.sets_deleted,
            "sets": self.sets,
            "sets_added": self.sets_added,
            "duplicates": self.duplicates,
            "skipped": [{"line": s.line, "reason": s.reason, "ignored": s.ignored}
                        for s in self.skipped],
            "errors": len(self.errors),
            "exercises_mapped": self.exercises_mapped,
            "exercises_custom": self.exercises_custom,
            "volume_kg": str(self.volume_kg.quantize(CENT)),
            "volume_by_kind": {k: str(self.volume_by_kind.get(k, Decimal(0)).quantize(CENT))
                               for k in _KIND_ORDER},
            "sets_by_kind": {k: self.sets_by_kind.get(k, 0) for k in _KIND_ORDER},
            "hard_sets": self.hard_sets,
            "hard_volume_kg": str(self.hard_volume_kg.quantize(CENT)),
            "assisted_sets": self.assisted_sets,
            "unusual": [{"line": u.line, "reason": u.reason} for u in self.unusual],
            "import_id": self.import_id,
            "mapping": [
                {"name": m.name, "exercise_id": m.exercise_id, "how": m.how,
                 "score": m.score, "sets": m.sets}
                for m in sorted(self.names.values(), key=lambda m: (-m.sets, m.name))
            ],
            "notes": self.notes,
        }


def journal_summary(report: ImportReport) -> dict[str, Any]:
    """What an import's journal row keeps of its report."""
    full = report.as_json()
    keep = ("variant", "unit_how", "volume_kg", "volume_by_kind", "sets_by_kind", "hard_sets",
            "hard_volume_kg", "assisted_sets", "duplicates", "workouts_duplicate",
            "workouts_extended", "sets_extended", "sets_over_cap", "sets_deleted")
    out = {k: full[k] for k in keep}
    if report.extended_ids:
        out["extended_workouts"] = sorted(report.extended_ids)
    out["unusual"] = full["unusual"][:SAVED_UNUSUAL]
    out["unusual_count"] = len(report.unusual)
    return out


class ImportFailed(Exception):
    """The import cannot start (unreadable file, bad --map...): a one-line message."""


# --- keys ------------------------------------------------------------------------------------


def import_key(start: dt.datetime, title: str | None, source: str) -> str:
    """A workout's stable identity across exports: its start (canonical ISO text, whatever
    the file's date format), its title (whitespace-normalized) and the app it came from."""
    text = f"{source}\x1f{start.replace(tzinfo=None).isoformat(timespec='seconds')}\x1f" \
           f"{' '.join((title or '').split())}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredWorkout:
    """An imported workout already in the log, as `Pipeline.extend` compares a file's sets
    with it."""

    id: int
    date: Any
    """Its date in the driver's type (the sets' rows take it)."""
    next_position: int
    next_superset: int
    notes: str | None
    sets: Sequence[tuple[Any, ...]]
    """Its sets' `set_identity`, by position."""
    positions: Sequence[int]
    """Their positions."""

    @classmethod
    def read(cls, workout_id: int, date: Any, notes: str | None,
             sets: Sequence[tuple[Any, ...]]) -> StoredWorkout:
        """From store.imports.stored_workouts' values (sets: exercise_id ... completed,
        position, superset_group)."""
        ordered = sorted(sets, key=lambda r: int(r[8]))
        return cls(workout_id, date, int(ordered[-1][8]) + 1 if ordered else 0,
                   max((int(r[9]) for r in sets if r[9] is not None), default=0) + 1,
                   notes, [set_identity(r[0], r[1:7], r[7]) for r in ordered],
                   [int(r[8]) for r in ordered])


@dataclass(frozen=True, slots=True)
class _Held:
    """A set of a workout the log holds already, kept until `Pipeline.extend` knows whether
    it is new."""

    named: tuple[MappedName, str, bool, bool]
    stored: tuple[Any, ...]
    volume: int
    odd: str | None
    superset_id: str | None
    completed: bool
    note: str | None
    line: int


# --- the pipeline ----------------------------------------------------------------------------


@dataclass
class _Workout:
    key: str
    date: Any
    """The workout's date as the sets' rows hold it (ISO text on SQLite)."""
    duplicate: bool
    id: int | None = None
    next_position: int = 0
    supersets: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    """Its exercises' and sets' notes so far."""
    workout_notes: str | None = None
    sets: int = 0
    """Sets of the file's rows in this workout (duplicates included)."""
    held: list[_Held] = field(default_factory=list)
    """A duplicate workout's sets, for `Pipeline.extend`."""
    named_as: str = ""
    """The workout as the lifter knows it from the file: its start and title."""
    row: dict[str, Any] = field(default_factory=dict)
    """Its workout row as the file gives it (but id and import_id): written for a new
    workout, and for one the lifter deleted when the file has sets of it they never saw
    (`Pipeline.extend`)."""


class _Bad(Exception):
    """A row that cannot be stored; the reason names the field. `ignored`: a row with
    nothing to store (a failed attempt of 0 reps), skipped and reported but no error."""

    def __init__(self, reason: str, ignored: bool = False) -> None:
        super().__init__(reason)
        self.ignored = ignored


def _grams(weight: Decimal, unit: Unit) -> int:
    """A weight as integer grams, exact to 0.01 kg (lb converted with the exact factor)."""
    if weight < 0:
        raise _Bad(f"weight {weight} is negative")
    kg = weight if unit is Unit.KG else weight * KG_PER_LB
    grams = int(kg.quantize(CENT, rounding=ROUND_HALF_EVEN) * 1000)
    if grams > MAX_GRAMS:
        raise _Bad(f"weight {weight} {unit.value} is over {validation.MAX_WEIGHT_KG} kg")
    return grams


_KINDS = {k.value: k.value for k in SetKind}
_KIND_ORDER = tuple(k.value for k in (SetKind.WORKING, SetKind.WARMUP, SetKind.FAILURE,
                                      SetKind.DROP))



def _no_nul(text: str) -> str:
    """`text` without NUL characters: PostgreSQL's text columns cannot hold one (SQLite's can,
    so the two stores would differ), and in an export's title, name or note it is a damaged
    byte, never something the lifter wrote; the rest of the text is kept."""
    return text.replace("\x00", "") if "\x00" in text else text

class Pipeline:
    def __init__(self, sink: ImportSink | None, user_id: int, report: ImportReport,
                 mapper: NameMapper, existing: set[str], today: dt.date,
                 progress: Callable[[int], None] | None) -> None:
        self.sink = sink
        """Where the rows go, in its types (store.imports.ImportSink); None in a dry run:
        nothing is written."""
        self.user_id = user_id
        self.report = report
        self.mapper = mapper
        self.existing = existing
        self.latest = today + FUTURE_GRACE
        self.progress = progress
        self.workouts: dict[tuple[dt.datetime, str | None], _Workout] = {}
        self.per_day: dict[dt.date, int] = {}
        self.pending_workouts: list[dict[str, Any]] = []
        self.pending_sets: list[tuple[Any, ...]] = []
        self.names: dict[str, tuple[MappedName, str, bool, bool]] = {}
        """Name as in the file -> its report entry, exercise id, whether it is custom, and
        whether it is assisted."""
        self.custom: dict[str, str] = {}
        """Custom exercise id -> the name it was created for."""
        self.grams: dict[Unit, dict[Decimal, int]] = {Unit.KG: {}, Unit.LB: {}}
        self.values: dict[tuple[Any, ...], tuple[tuple[Any, ...], int, str | None]] = {}
        self.volume_g: dict[str, int] = dict.fromkeys(_KINDS, 0)
        self.kind_sets: dict[str, int] = dict.fromkeys(_KINDS, 0)
        self.import_id: int | None = None
        """The journal row of the import being written (store.imports.start_import)."""
        self.noted: dict[int, _Workout] = {}
        """Workouts written with exercise or set notes, to add to their notes at the end."""
        self.writing = sink is not None
        self.done: Any = True if sink is None else sink.done
        self.not_done: Any = False if sink is None else sink.not_done
        self.no_superset: Any = None if sink is None else sink.null
        self.write: Callable[[Any], None] | None = None
        """Set by the caller around `run` when writing: stores one batch (the sink's `write`,
        or a store.imports.BatchWriter's)."""

    # -- rows --

    def run(self, rows: Iterable[ImportRow | RowProblem], fallback: Unit | None) -> None:
        """Check and stage every row; `fallback` is the unit of weights whose row has none.

        One loop with its state in local variables (a method call and some twenty attribute
        lookups per row were a third of the pipeline's time); what is new (a workout, a
        name, a combination of values) goes to the methods below, once."""
        report = self.report
        skipped = report.skipped
        unusual = report.unusual
        progress = self.progress
        cache = self.values
        workouts = self.workouts
        names = self.names
        custom = self.custom
        kind_sets, volume_g = self.kind_sets, self.volume_g
        done, not_done, no_superset = self.done, self.not_done, self.no_superset
        pending = self.pending_sets
        count = sets = added = duplicates = assisted = 0
        for row in rows:
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(row.line)
            if isinstance(row, RowProblem):
                skipped.append(Skipped(row.line, row.reason, row.ignored))
                if not row.ignored and not report.skip_bad_rows:
                    self.writing = False
                continue
            try:
                # A lifter's sets repeat the same few loads, reps and kinds: each distinct
                # combination is checked and converted once (_values), then looked up.
                unit = row.unit or fallback
                key = (row.weight, unit, row.reps, row.seconds, row.distance_m, row.rpe,
                       row.kind)
                try:
                    values = cache.get(key)
                except TypeError:  # an unhashable value (no parser gives one): uncached
                    values = self._values(row, unit)
                if values is None:
                    values = self._values(row, unit)
                    if len(cache) < VALUES_CACHE:
                        cache[key] = values
                group = workouts.get((row.workout_start, row.workout_title))
                if group is None:
                    self._check_start(row.workout_start)
                named = names.get(row.exercise_name)
                if named is None:
                    named = self._name(row.exercise_name)
                if group is None:
                    group = self._open(row)
                if group.sets >= MAX_SETS_PER_WORKOUT:
                    raise _Bad(f"the workout of {row.workout_start} has more than "
                               f"{MAX_SETS_PER_WORKOUT} sets, the most a workout takes")
            except _Bad as bad:
                skipped.append(Skipped(row.line, str(bad), bad.ignored))
                if not bad.ignored and not report.skip_bad_rows:
                    self.writing = False
                continue
            except ArithmeticError:  # a NaN or infinite Decimal: no parser should give one
                skipped.append(Skipped(row.line, "a value is not a finite number"))
                if not report.skip_bad_rows:
                    self.writing = False
                continue
            stored, volume, odd = values
            group.sets += 1
            named[0].sets += 1
            sets += 1
            if group.duplicate:
                duplicates += 1
                group.held.append(_Held(named, stored, volume, odd, row.superset_id,
                                        row.completed, row.note, row.line))
                continue
            superset = no_superset
            if row.superset_id is not None:
                superset = group.supersets.setdefault(row.superset_id,
                                                      len(group.supersets) + 1)
            added += 1
            if named[2]:
                custom.setdefault(named[1], named[0].name)
            kind = stored[0]
            kind_sets[kind] += 1
            if named[3]:
                assisted += 1
            else:
                volume_g[kind] += volume
            if odd is not None:
                unusual.append(Unusual(row.line, odd))
            if row.note:
                self._note(group, named[0].name, row.note)
            if not self.writing:
                continue
            position = group.next_position
            group.next_position = position + 1
            pending.append((group.id, group.date, position, named[1], *stored, superset,
                            done if row.completed else not_done))
            if len(pending) >= FLUSH_SETS:
                self.flush()
                pending = self.pending_sets
        report.rows = count
        report.sets += sets
        report.sets_added += added
        report.duplicates += duplicates
        report.assisted_sets += assisted
        self.flush()
        if report.refused:
            report.workouts_added = report.sets_added = 0
            self.volume_g = dict.fromkeys(_KINDS, 0)

    def extend(self, lookup: Callable[[list[str]], Mapping[str, tuple[Any, ...]]],
               deleted: Callable[[list[str]], Mapping[str, Sequence[tuple[Any, ...]]]]
               | None = None) -> list[int]:
        """Add the sets of the file's workouts already stored that those do not hold (see
        the module's docstring), after `run`; `lookup` reads the stored workouts of import
        keys (store.imports.stored_workouts: id, date, notes, sets), `deleted` the sets
        deleted by hand from them (store.imports.deleted_sets). Returns the ids of the
        workouts extended (none in a dry run)."""
        report = self.report
        held = [g for g in self.workouts.values() if g.duplicate and g.held]
        if not held or report.refused:
            return []
        keys = [g.key for g in held]
        found = lookup(keys)
        gone = deleted(keys) if deleted is not None else {}
        extended: list[int] = []
        pending = self.pending_sets
        for group in held:
            values = found.get(group.key)
            if values is not None:
                stored = StoredWorkout.read(*values)
            elif group.key in gone:
                # No workout of its key, yet the key is known (it was read at the start,
                # and nothing deletes a workout meanwhile): the lifter deleted the workout.
                # The sets they deleted stay deleted; the file's others (logged in the app
                # since the export imported before) they never saw: the workout comes back
                # with those only.
                stored = StoredWorkout(0, group.date, 0, 1, None, (), ())
            else:
                continue
            new, kept_deleted = _new_sets(group.held, stored, Counter(gone.get(group.key, ())))
            report.duplicates -= kept_deleted
            report.sets_deleted += kept_deleted
            # The cap a new workout gets in `run` (and the API's for a logged one): a workout
            # imported before takes the file's new sets only up to it, in the file's order; the
            # rest is named, not stored, and the import goes on.
            room = max(0, MAX_SETS_PER_WORKOUT - len(stored.sets))
            if len(new) > room:
                over = len(new) - room
                new = new[:room]
                report.duplicates -= over
                report.sets_over_cap += over
                report.notes.append(
                    f"{group.named_as}, imported before, holds {len(stored.sets)} "
                    f"sets: {over} of this file's {'set was' if over == 1 else 'sets were'} "
                    f"not added to it, as {MAX_SETS_PER_WORKOUT} sets are the most a workout "
                    "takes")
            if not new:
                continue
            report.workouts_duplicate -= 1
            report.duplicates -= len(new)
            report.sets_added += len(new)
            if values is None:
                # Written as a new workout of this import (its undo takes it away whole).
                report.workouts_added += 1
                if self.writing:
                    self._store_workout(group)
            else:
                report.workouts_extended += 1
                report.sets_extended += len(new)
                group.id = stored.id
                group.date = stored.date
                group.next_position = stored.next_position
                group.workout_notes = stored.notes
                extended.append(stored.id)
            for item in new:
                named = item.named
                if named[2]:
                    self.custom.setdefault(named[1], named[0].name)
                kind = item.stored[0]
                self.kind_sets[kind] += 1
                if named[3]:
                    report.assisted_sets += 1
                else:
                    self.volume_g[kind] += item.volume
                if item.odd is not None:
                    report.unusual.append(Unusual(item.line, item.odd))
                if item.note:
                    self._note(group, named[0].name, item.note)
                if not self.writing:
                    continue
                superset = self.no_superset
                if item.superset_id is not None:
                    superset = group.supersets.setdefault(
                        item.superset_id, stored.next_superset + len(group.supersets))
                position = group.next_position
                group.next_position = position + 1
                pending.append((group.id, group.date, position, named[1], *item.stored,
                                superset, self.done if item.completed else self.not_done))
            if group.notes and stored.notes:
                # Lines the workout's notes hold already (from the first import) stay once.
                group.notes = [n for n in group.notes if n not in stored.notes.split("\n")]
                if not group.notes:
                    self.noted.pop(stored.id, None)
        report.unusual.sort(key=lambda u: u.line)
        if report.sets_deleted:
            n = report.sets_deleted
            report.notes.append(f"{n} set{'s' if n != 1 else ''} you deleted "
                                f"{'were' if n != 1 else 'was'} not re-imported")
        self.flush()
        return extended if self.writing else []

    def _note(self, group: _Workout, exercise: str, note: str) -> None:
        """Keep an exercise's or set's note in its workout's notes (once per exercise)."""
        line = f"{exercise}: {' '.join(_no_nul(note).split())}"
        if line in group.notes:
            return
        group.notes.append(line)
        if self.writing and group.id is not None:
            self.noted[group.id] = group

    def _values(self, row: ImportRow,
                unit: Unit | None) -> tuple[tuple[Any, ...], int, str | None]:
        """The set's checked values as stored (kind, weight_g, reps, seconds, distance_m,
        rpe: SET_COLUMNS' order, in the sink's types), the volume in gram-reps it adds, and
        why its values are unusual (None if they are not); _Bad when a value cannot be
        stored."""
        weight = row.weight
        grams: int | None = None
        if weight:
            if unit is None:
                raise _Bad("the weight has no unit: give --unit kg or --unit lb")
            table = self.grams[unit]
            grams = table.get(weight)
            if grams is None:
                grams = table[weight] = _grams(weight, unit)
        reps = row.reps or None
        if reps is not None and not 1 <= reps <= MAX_REPS:
            raise _Bad(f"reps {reps} is out of range: allowed 1 to {MAX_REPS}")
        seconds = row.seconds or None
        if seconds is not None and not 1 <= seconds <= MAX_SECONDS:
            raise _Bad(f"seconds {seconds} is out of range: allowed 1 to {MAX_SECONDS}")
        distance = row.distance_m or None
        if distance is not None:
            distance = distance.quantize(CENT)
            if not 0 < distance <= validation.MAX_DISTANCE_M:
                raise _Bad(f"distance {row.distance_m} m is out of range: allowed more than "
                           f"0 to {validation.MAX_DISTANCE_M}")
        if reps is None and seconds is None and distance is None:
            raise _Bad("0 reps and no time or distance: nothing was done to store",
                       ignored=True)
        rpe = row.rpe or None
        if rpe is not None:
            rpe = rpe.quantize(TENTH)
            if not 1 <= rpe <= 10:
                raise _Bad(f"RPE {row.rpe} is out of range: allowed 1 to 10")
        kind = _KINDS.get(row.kind)
        if kind is None:
            raise _Bad(f"set kind {row.kind!r} is not one of {', '.join(_KINDS)}")
        volume = grams * reps if grams is not None and reps is not None else 0
        odd = None
        if (grams is not None and grams > USUAL_GRAMS) or (reps or 0) > Bounds.REPS.usual \
                or (seconds or 0) > Bounds.SECONDS.usual:
            odd = unusual(None if grams is None else Decimal(grams) / 1000, reps, seconds)
        if self.sink is not None:
            return self.sink.values(kind, grams, reps, seconds, distance, rpe), volume, odd
        return (kind, grams, reps, seconds, distance, rpe), volume, odd

    def _name(self, name: str) -> tuple[MappedName, str, bool, bool]:
        clean = _no_nul(name).strip()
        if not clean:
            raise _Bad("the exercise name is empty")
        match = self.mapper.match(clean)
        mapped = self.report.names.get(clean)
        if mapped is None:
            mapped = self.report.names[clean] = MappedName(
                clean, match.exercise_id, match.how, match.score, match.matched)
        named = self.names[name] = (mapped, match.exercise_id, match.how == "custom",
                                    is_assisted(match.exercise_id))
        return named

    def _check_start(self, start: dt.datetime) -> None:
        day = start.date()
        if day < EARLIEST:
            raise _Bad(f"date {day} is before {EARLIEST.year}")
        if day > self.latest:
            raise _Bad(f"date {day} is in the future")

    def _open(self, row: ImportRow) -> _Workout:
        start = row.workout_start
        day = start.date()
        on_day = self.per_day.get(day, 0)
        if on_day >= MAX_WORKOUTS_PER_DAY:
            raise _Bad(f"{day} has more than {MAX_WORKOUTS_PER_DAY} workouts, the most a day "
                       "takes")
        self.per_day[day] = on_day + 1
        title = row.workout_title
        clean = " ".join(_no_nul(title).split()) if title else None
        key = import_key(start, clean, self.report.source)
        duplicate = key in self.existing
        group = _Workout(key, day if self.sink is None else self.sink.day(day), duplicate,
                         workout_notes=_no_nul(row.workout_notes or "") or None,
                         named_as=f"the workout of {start:%Y-%m-%d %H:%M}"
                                  + (f" ({clean})" if clean else ""))
        self.workouts[(start, title)] = group
        self.report.workouts += 1
        end = row.workout_end
        if end is not None and end < start:
            end = None
        group.row = {"date": day, "started_at": start if row.has_time else None,
                     "ended_at": end, "notes": group.workout_notes,
                     "title": clean[:MAX_TITLE] if clean else None,
                     "source": self.report.source, "import_key": key}
        if duplicate:
            self.report.workouts_duplicate += 1
            return group
        self.report.workouts_added += 1
        if self.writing:
            self.existing.add(key)
            self._store_workout(group)
        return group

    def _store_workout(self, group: _Workout) -> None:
        """Give the group its workout: an id, and its row (`group.row`) to write."""
        assert self.sink is not None
        group.id = self.sink.take_id()
        self.pending_workouts.append({"id": group.id, **group.row,
                                      "import_id": self.import_id})

    # -- storage --

    def flush(self) -> None:
        """Write the workouts and sets read so far (in a dry run, or once the import is
        refused, only forget them)."""
        if self.writing and self.write is not None and (
                self.pending_workouts or self.pending_sets):
            self.write((self.pending_workouts, self.pending_sets))
        self.pending_workouts = []
        self.pending_sets = []

    def notes(self) -> dict[int, str]:
        """The notes of the workouts written with exercises' or sets' notes, by id: theirs
        and those (for the sink's `notes`, after the last batch)."""
        return {workout_id: "\n".join(([g.workout_notes, ""] if g.workout_notes else [])
                                      + g.notes)
                for workout_id, g in self.noted.items()}


def _new_sets(held: Sequence[_Held], workout: StoredWorkout,
              deleted: Counter[tuple[Any, ...]]) -> tuple[list[_Held], int]:
    """The file's sets of a stored workout that it does not hold: a file set matches a
    stored set of the same identity (each stored set once); of the rest, an exercise adds at
    most as many as the file has beyond the workout's sets of it, so a set edited by hand
    since (another identity, the same count) is not added back beside its edit. And an
    exercise of the file the workout does not hold is the same as one of the workout's the
    file does not name when their sets are the same, set for set and place for place: the
    same file imported again with another mapping of a name (a correction given the first
    time, not this one) adds nothing. `deleted`: the identities of the workout's sets the
    lifter deleted by hand (import tombstones), each matching one file set, which is then not
    new, as a stored set would be; returned counted with the new sets."""
    identities = [set_identity(h.named[1], h.stored[:6], h.completed) for h in held]
    mine: dict[str, list[tuple[int, tuple[Any, ...]]]] = {}
    for place, identity in enumerate(identities):
        mine.setdefault(identity[0], []).append((place, identity[1:]))
    theirs: dict[str, list[tuple[int, tuple[Any, ...]]]] = {}
    for place, identity in zip(workout.positions, workout.sets, strict=True):
        theirs.setdefault(identity[0], []).append((place, identity[1:]))
    unnamed = {tuple(sets) for exercise, sets in theirs.items() if exercise not in mine}
    renamed = {exercise for exercise, sets in mine.items()
               if exercise not in theirs and tuple(sets) in unnamed}
    have = Counter(workout.sets)
    room = Counter(h.named[1] for h in held)
    room.subtract(Counter(s[0] for s in workout.sets))
    room.subtract(Counter(s[0] for s in deleted.elements()))
    kept_deleted = 0
    unmatched = []
    for item, identity in zip(held, identities, strict=True):
        exercise = identity[0]
        if exercise in renamed:
            continue
        if have[identity] > 0:
            have[identity] -= 1
        elif deleted[identity] > 0:
            deleted[identity] -= 1
            kept_deleted += 1
        else:
            unmatched.append((item, exercise))
    # The deletions no file set matched (a set edited by hand, then deleted: its tombstone
    # holds the edit) each hold one of the exercise's other sets back, as deleted.
    edited_away = Counter(s[0] for s in (+deleted).elements())
    new = []
    for item, exercise in unmatched:
        if room[exercise] > 0:
            room[exercise] -= 1
            new.append(item)
        elif edited_away[exercise] > 0:
            edited_away[exercise] -= 1
            kept_deleted += 1
    return new, kept_deleted


def totals(report: ImportReport, pipeline: Pipeline) -> None:
    report.volume_by_kind = {k: Decimal(g) / 1000 for k, g in pipeline.volume_g.items()}
    report.volume_kg = sum(report.volume_by_kind.values(), Decimal(0))
    report.sets_by_kind = dict(pipeline.kind_sets) if not report.refused \
        else dict.fromkeys(_KINDS, 0)


def settle_unit(export: Export, unit: Unit | None, profile_unit: Unit,
                 report: ImportReport) -> tuple[Iterator[ImportRow | RowProblem], Unit | None]:
    """The rows, and the unit of the weights of rows that give none (a row's own unit comes
    first): the file's, else --unit, else inferred from the first INFER_SAMPLE weights (held
    back meanwhile), else the lifter's unit, saying which."""
    rows = iter(export.rows)
    fallback = export.unit or unit
    if export.unit is not None:
        report.unit, report.unit_how = export.unit, "file"
        report.unit_reason = "the file states it"
    elif unit is not None:
        report.unit, report.unit_how = unit, "option"
        report.unit_reason = "--unit"
    else:
        report.unit_reason = "each row states its unit"
    if fallback is None:
        held: list[ImportRow | RowProblem] = []
        weights: list[Decimal] = []
        for row in rows:
            held.append(row)
            if isinstance(row, ImportRow) and row.unit is None and row.weight:
                weights.append(row.weight)
                if len(weights) >= INFER_SAMPLE:
                    break
        if weights:
            inferred, reason = infer_unit(weights)
            if inferred is None:
                fallback = profile_unit
                report.unit_how = "profile"
                report.unit_reason = f"{reason}, so your unit ({profile_unit.value}) is assumed"
            else:
                fallback = inferred
                report.unit_how = "inferred"
                report.unit_reason = reason
            report.unit = fallback
            other = Unit.LB if fallback is Unit.KG else Unit.KG
            report.notes.append(
                f"the file does not say its weight unit: read as {fallback.value} "
                f"({report.unit_reason}); if that is wrong, import with --unit {other.value}")
        rows = chain(held, rows)

    return rows, fallback
