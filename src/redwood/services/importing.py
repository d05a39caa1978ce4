"""Importing another app's export: the transaction around the pipeline.

    report = import_file(store, user, Path("strong.csv"), unit=None, dry_run=False)

redwood.io.formats reads the file into rows, redwood.io.importer checks, maps and groups them
(the `Pipeline`, which knows no database), and redwood.store.imports writes them in the
driver's types (`ImportSink`, `BatchWriter`). Here: ONE unit of work per import. If any row is
bad and `skip_bad_rows` is not set, nothing is stored and every bad row is reported; a killed
import leaves the database as it was. A stored import is one entry of the undo journal:
`redwood undo` or `undo_import` takes it back whole. A dry run reads the import keys in a
reader and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from redwood.io.importer import ImportFailed, ImportReport
from redwood.services.base import BULK_SETS
from redwood.store.imports import ImportRecord, ImportUndone

if TYPE_CHECKING:
    from redwood.catalog import Catalog
    from redwood.domain.log import Unit
    from redwood.domain.user import User
    from redwood.io.rows import Export
    from redwood.services.base import Store

__all__ = ["ImportFailed", "ImportRecord", "ImportReport", "ImportUndone", "import_export",
           "import_file", "known_target", "list_imports", "undo_import"]


def known_target(store: Store, user: User, catalog: Catalog) -> Callable[[str], bool]:
    """Whether a mapping correction's target is an exercise: a library id or one of the
    lifter's own (read once, now)."""
    from redwood.io.names import known_id

    with store.reader(user.id) as uow:
        customs = {c.exercise_id for c in uow.exercises.list()}
    return lambda target: target in customs or known_id(target, catalog)


def import_file(store: Store, user: User, path: Path, *, fmt: str = "auto",
                unit: Unit | None = None, overrides: dict[str, str] | None = None,
                dry_run: bool = False, skip_bad_rows: bool = False,
                catalog: Catalog | None = None, today: dt.date | None = None,
                progress: Callable[[int], None] | None = None,
                file_name: str | None = None) -> ImportReport:
    """Read an export and store it (see redwood.io.importer). Raises ImportFailed for a file
    that cannot be read as a whole; bad rows are in the report. `file_name`: the name the
    journal keeps (default: the path's)."""
    from redwood.io.formats import open_export
    from redwood.io.rows import ExportError

    try:
        export = open_export(path, fmt, unit, today=today)
    except ExportError as exc:
        raise ImportFailed(str(exc)) from None
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror}") from None
    return import_export(store, user, export, unit=unit, overrides=overrides,
                         dry_run=dry_run, skip_bad_rows=skip_bad_rows, catalog=catalog,
                         today=today, progress=progress, file_name=file_name or path.name)


def import_export(store: Store, user: User, export: Export, *, unit: Unit | None = None,
                  overrides: dict[str, str] | None = None, dry_run: bool = False,
                  skip_bad_rows: bool = False, catalog: Catalog | None = None,
                  today: dt.date | None = None,
                  progress: Callable[[int], None] | None = None,
                  file_name: str = "") -> ImportReport:
    """Store an opened export's rows for `user` in one unit of work (none in a dry run)."""
    from redwood.catalog import load_catalog
    from redwood.io.importer import Pipeline, journal_summary, settle_unit, totals
    from redwood.io.names import NameMapper
    from redwood.io.rows import ExportError
    from redwood.store import imports

    catalog = catalog or load_catalog()
    report = ImportReport(format=export.format, variant=export.variant, source=export.format,
                          dry_run=dry_run, skip_bad_rows=skip_bad_rows, file_name=file_name)
    day = today or dt.date.today()
    try:
        rows, fallback = settle_unit(export, unit, user.unit, report)
        if dry_run:
            with store.reader(user.id) as uow:
                existing = imports.import_keys(uow)
                mapper = NameMapper(catalog, overrides=overrides)
                pipeline = Pipeline(None, user.id, report, mapper, existing, day, progress)
                pipeline.run(rows, fallback)
                pipeline.extend(lambda keys: imports.stored_workouts(uow, keys),
                                lambda keys: imports.deleted_sets(uow, keys))
            totals(report, pipeline)
        else:
            with store.unit_of_work(user.id) as uow:
                imports.lock_user(uow)
                existing = imports.import_keys(uow)
                known = {c.exercise_id for c in uow.exercises.list()}
                mapper = NameMapper(catalog, overrides=overrides)
                sink = imports.ImportSink(uow)
                pipeline = Pipeline(sink, user.id, report, mapper, existing, day, progress)
                pipeline.import_id = sink.import_id = imports.start_import(
                    uow, report.file_name or "import", report.format,
                    None if report.unit is None else report.unit.value)
                # Every batch is written (or the error raised) on leaving the inner block,
                # before the commit below or the unit of work's rollback; the outer one then
                # does once what the row triggers on sets would have done set by set (the
                # stored bests of the exercises written marked stale, the record reads' tables).
                with imports.triggers_once(uow, sink):
                    with imports.BatchWriter(uow, sink.write) as writer:
                        pipeline.write = writer.write
                        pipeline.run(rows, fallback)
                    # After the writer's last batch: the stored workouts are read on the
                    # connection it writes on.
                    pipeline.write = sink.write
                    report.extended_ids = sink.extended = pipeline.extend(
                        lambda keys: imports.stored_workouts(uow, keys, lock=True),
                        lambda keys: imports.deleted_sets(uow, keys))
                pipeline.write = None
                if not report.refused:
                    sink.notes(pipeline.notes())
                    imports.add_custom_exercises(uow, {
                        exercise_id: (name[:200], {"source": report.source,
                                                   "imported_name": name})
                        for exercise_id, name in sorted(pipeline.custom.items())
                        if exercise_id not in known})
                    totals(report, pipeline)
                    imports.finish_import(uow, pipeline.import_id, report.workouts_added,
                                          report.sets_added, journal_summary(report))
                    uow.commit()
                    report.stored = True
                    report.import_id = pipeline.import_id if report.sets_added else None
            if report.stored and report.sets_added >= BULK_SETS:
                store.refresh_statistics()
    except ExportError as exc:  # the file went bad past its start (e.g. not UTF-8 there)
        raise ImportFailed(str(exc)) from None
    finally:
        close = getattr(export.rows, "close", None)
        if close is not None:
            close()
    report.notes[:0] = export.notes  # the parser's notes grow as the rows are read
    return report


def list_imports(store: Store, user: User) -> list[ImportRecord]:
    """The user's stored imports, newest first (`redwood imports`)."""
    from redwood.store import imports

    with store.reader(user.id) as uow:
        return imports.list_imports(uow)


def undo_import(store: Store, user: User, import_id: int) -> ImportUndone:
    """Take back one of the user's imports, atomically (`redwood imports undo ID`). Raises
    NotFound for an id that is not one of theirs."""
    from redwood.store import imports

    with store.unit_of_work(user.id) as uow:
        undone = imports.undo_import(uow, import_id)
        uow.commit()
    return undone
