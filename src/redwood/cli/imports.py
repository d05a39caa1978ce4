"""`redwood import`: another app's export into the training log (see redwood.io.importer);
`redwood imports` lists past imports and `redwood imports undo ID` takes one back.

Loaded only when the command runs (LazyGroup in cli/group.py); the importer, SQLAlchemy, rapidfuzz
and rich are imported inside the command.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from redwood.cli.common import choice, context, fail
from redwood.io.apps import SOURCES, said

if TYPE_CHECKING:
    from redwood.io.importer import ImportReport

PROGRESS_MIN_BYTES = 1_000_000
"""Files smaller than this import in well under a second: no progress bar."""
SHOWN_PROBLEMS = 50
"""Bad rows listed in the text report (--format json lists them all)."""


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "source", default="auto", show_default=True,
              help=f"The app the file comes from: {said(SOURCES)}.")
@click.option("--unit", default=None,
              help="kg or lb: the unit of weights the file does not state (default: "
                   "inferred from the values, and said).")
@click.option("--map", "map_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="A YAML or CSV file of  exercise name -> exercise id or "
                                 "'custom', to correct the mapping.")
@click.option("--dry-run", is_flag=True, help="Show the mapping and what would be stored; "
                                              "store nothing.")
@click.option("--skip-bad-rows", is_flag=True,
              help="Import the good rows and report the bad ones (default: a file with bad "
                   "rows imports nothing).")
@click.option("--format", "-f", "format_", default="text", show_default=True,
              help="text or json")
def import_(file: Path, source: str, unit: str | None, map_file: Path | None, dry_run: bool,
            skip_bad_rows: bool, format_: str) -> None:
    """Import your history from another app (its CSV export).

    Importing the same file again adds nothing; a newer export adds only the new workouts.
    """
    from redwood.domain.log import Unit

    choice(format_, ("text", "json"), "--format")
    choice(source, SOURCES, "--from")
    unit_ = None
    if unit is not None:
        word = unit.strip().casefold().rstrip("s")
        if word not in ("kg", "lb"):
            fail(f"--unit: {unit!r} is not one of kg, lb")
        unit_ = Unit(word)
    if not file.exists():
        fail(f"FILE: {file} does not exist")

    from redwood.catalog import load_catalog
    from redwood.io.names import MappingError, load_mapping
    from redwood.services.base import StoreError
    from redwood.services.importing import ImportFailed, import_file, known_target

    # The SQLite fast path (no SQLAlchemy to load: a fifth of a 100,000-set import's time);
    # PostgreSQL, or a database to create or migrate, get the full store.
    store, user = context().open(fast=True)
    catalog = load_catalog()
    overrides = None
    if map_file is not None:
        try:
            overrides = load_mapping(map_file, known_target(store, user, catalog))
        except MappingError as exc:
            fail(str(exc))
    progress = _progress(file)
    try:
        with progress as tick:
            report = import_file(store, user, file, fmt=source, unit=unit_,
                                 overrides=overrides, dry_run=dry_run,
                                 skip_bad_rows=skip_bad_rows, catalog=catalog, progress=tick)
    except ImportFailed as exc:
        fail(f"{file.name}: {exc}", 1)
    except StoreError as exc:
        fail(f"nothing was imported: {exc}", 1)

    if format_ == "json":
        import json

        sys.stdout.write(json.dumps(report.as_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        _print_text(report, file, detected=source == "auto")
    if report.stored and report.import_id is not None and format_ == "text":
        click.echo(f"import {report.import_id}: take it back with `redwood undo` now, or "
                   f"`redwood imports undo {report.import_id}` later")
    if report.refused:
        errors = report.errors
        plural = "" if len(errors) == 1 else "s"
        click.echo(f"import refused: {len(errors)} bad row{plural} in {file.name}; nothing "
                   "was stored. Fix them, or import the rest with --skip-bad-rows", err=True)
        if format_ == "json":
            for s in errors[:SHOWN_PROBLEMS]:
                click.echo(f"  line {s.line}: {s.reason}", err=True)
        sys.exit(1)


class _Progress:
    """A rich progress bar on stderr, by line of the file; a no-op when not wanted."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Any:
        if self.file is None:
            return None
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        from redwood.render.terminal import console as make_console

        total = _count_lines(self.file)
        self._bar = Progress(TextColumn("importing {task.description}"), BarColumn(),
                             TextColumn("{task.percentage:>3.0f}%"), TimeRemainingColumn(),
                             console=make_console(stderr=True), transient=True)
        self._bar.__enter__()
        self._task = self._bar.add_task(self.file.name, total=total)

        def tick(line: int) -> None:
            self._bar.update(self._task, completed=line)

        return tick

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def _progress(file: Path) -> _Progress:
    try:
        big = file.stat().st_size >= PROGRESS_MIN_BYTES
    except OSError:
        big = False
    return _Progress(file if big and sys.stderr.isatty() else None)


def _count_lines(path: Path) -> int:
    n = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            n += chunk.count(b"\n")
    return max(n, 1)


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _print_text(report: ImportReport, file: Path, *, detected: bool) -> None:
    from decimal import Decimal

    from redwood.render.terminal import Column, print_table
    from redwood.render.terminal import console as make_console

    cent = Decimal("0.01")
    console = make_console(highlight=False)
    verb = "would add" if report.dry_run else "added"
    head = "[bold]Dry run[/]: nothing stored. " if report.dry_run else ""
    how = ", detected from its header" if detected else ""
    console.print(f"{head}{file.name}: {report.format} export ({report.variant}{how})")
    if report.unit_how in ("inferred", "profile"):
        other = "lb" if report.unit is not None and report.unit.value == "kg" else "kg"
        shown = report.unit.value if report.unit else "?"
        console.print(f"[yellow]Unit:[/] weights read as {shown} ({report.unit_reason}); if "
                      f"that is wrong, import with --unit {other}")
    for note in report.notes:
        if not note.startswith("the file does not say its weight unit"):
            console.print(f"note: {note}")

    rows = []
    for m in sorted(report.names.values(), key=lambda m: (-m.sets, m.name)):
        how = m.how
        if m.how == "fuzzy" and m.score is not None:
            how = f"fuzzy {m.score:g}"
        elif m.how == "custom":
            how = "custom (yours)"
        rows.append((m.name, m.exercise_id, how, str(m.sets)))
    if report.names:
        print_table(console, (Column("in the file", lead=True), Column("Redwood exercise"),
                              Column("how"), Column("sets", justify="right")), rows,
                    title="Exercises")
        console.print(f"{report.exercises_mapped} mapped to the library, "
                      f"{report.exercises_custom} kept as your own exercises; correct any with "
                      "--map FILE (lines like  \"Name in file\": exercise-id)")

    if report.refused:
        verb = "would add" if report.dry_run else "stored"
        console.print(f"{_n(report.workouts, 'workout')}, {_n(report.sets, 'set')} read; "
                      f"{verb} nothing")
    else:
        console.print(
            f"{_n(report.workouts, 'workout')}, {_n(report.sets, 'set')}: {verb} "
            f"{_n(report.workouts_added, 'workout')} and {_n(report.sets_added, 'set')} "
            f"({report.volume_kg.quantize(cent)} kg of volume); "
            + (f"{_n(report.sets_extended, 'set')} of them "
               f"extend{'s' if report.sets_extended == 1 else ''} "
               f"{_n(report.workouts_extended, 'workout')} imported before; "
               if report.workouts_extended else "")
            + f"{_n(report.workouts_duplicate, 'workout')} ({_n(report.duplicates, 'set')}) "
            "already imported before"
            + (f"; {_n(report.sets_over_cap, 'set')} not added: past the 500 sets a workout "
               "takes (see the note)" if report.sets_over_cap else ""))
        if report.sets_added:
            console.print("by kind: " + ", ".join(
                f"{kind} {_n(n, 'set')} ({report.volume_by_kind.get(kind, 0):.2f} kg)"
                for kind, n in report.sets_by_kind.items() if n)
                + f"; hard sets (working, failure, drop): {report.hard_sets}, "
                f"{report.hard_volume_kg.quantize(cent)} kg", markup=False)
        if report.assisted_sets:
            console.print(f"{_n(report.assisted_sets, 'set')} of assisted exercises: their "
                          "weight is kept as assistance, not counted as volume")
    if report.unusual:
        console.print(f"[yellow]{_n(len(report.unusual), 'unusual value')}[/] stored as the "
                      "file has them (check them in `redwood history`):")
        for u in report.unusual[:SHOWN_PROBLEMS]:
            console.print(f"  line {u.line}: {u.reason}", markup=False)
        if len(report.unusual) > SHOWN_PROBLEMS:
            console.print(f"  ... and {len(report.unusual) - SHOWN_PROBLEMS} more "
                          "(--format json lists them all)")
    if report.skipped:
        ignored = [s for s in report.skipped if s.ignored]
        errors = report.errors
        if ignored:
            console.print(f"{_n(len(ignored), 'row')} skipped as not sets "
                          f"(e.g. line {ignored[0].line}: {ignored[0].reason})")
        if errors:
            label = "skipped" if report.skip_bad_rows else "bad"
            console.print(f"[red]{len(errors)} {label} row{'' if len(errors) == 1 else 's'}:[/]")
            for s in errors[:SHOWN_PROBLEMS]:
                console.print(f"  line {s.line}: {s.reason}", markup=False)
            if len(errors) > SHOWN_PROBLEMS:
                console.print(f"  ... and {len(errors) - SHOWN_PROBLEMS} more "
                              "(--format json lists them all)")


@click.group("imports", invoke_without_command=True)
@click.option("--format", "-f", "format_", default="text", show_default=True,
              help="text or json")
@click.pass_context
def imports(ctx: click.Context, format_: str) -> None:
    """List your past imports (newest first); `redwood imports undo ID` takes one back."""
    if ctx.invoked_subcommand is not None:
        return
    choice(format_, ("text", "json"), "--format")
    from redwood.services.base import StoreError
    from redwood.services.importing import list_imports

    store, user = context().open()
    try:
        records = list_imports(store, user)
    except StoreError as exc:
        fail(str(exc), 1)
    if format_ == "json":
        import json

        sys.stdout.write(json.dumps([r.as_json() for r in records], indent=2,
                                    ensure_ascii=False) + "\n")
        return
    if not records:
        click.echo("no imports (redwood import FILE brings another app's history in)")
        return
    for r in records:
        unusual = int(r.summary.get("unusual_count", 0) or 0)
        odd = f", {_n(unusual, 'unusual value')}" if unusual else ""
        click.echo(f"{r.id:>5}  {r.created_at:%Y-%m-%d %H:%M} UTC  {r.file_name}  ({r.format}, "
                   f"{r.unit or 'units in the file'}): {_n(r.workouts, 'workout')}, "
                   f"{_n(r.sets, 'set')}{odd}")


@imports.command("undo")
@click.argument("import_id", metavar="ID")
def imports_undo(import_id: str) -> None:
    """Take back import ID: remove what it added, keeping sets logged by hand since."""
    try:
        number = int(import_id)
    except ValueError:
        fail(f"ID: {import_id!r} is not an import id (a number: `redwood imports` lists them)")
    from redwood.services.base import NotFound, StoreError
    from redwood.services.importing import undo_import

    store, user = context().open()
    try:
        undone = undo_import(store, user, number)
    except NotFound as exc:
        fail(str(exc))
    except StoreError as exc:
        fail(str(exc), 1)
    click.echo(f"undone: {undone.message}")
