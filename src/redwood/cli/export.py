"""`redwood export csv|json|ics` and `redwood restore`: take the log out, bring it back.

Loaded only when one of them runs (see LazyGroup in cli/group.py); the heavy libraries (the store,
icalendar) are imported inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from redwood.cli.common import choice, context, fail, write_output

UNITS = ("kg", "lb")


def _date(value: str | None, option: str) -> Any:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date: use YYYY-MM-DD")


def _check_output(output: Path | None) -> None:
    """Refuse an -o that cannot be written before any work is done."""
    if output is None:
        return
    if output.is_dir():
        fail(f"-o: {output} is a folder, not a file")
    if not output.parent.exists():
        fail(f"-o: cannot write {output}: folder {output.parent} does not exist")


@click.group()
def export() -> None:
    """Export your log: Strong CSV, a complete JSON backup, or your plan as a calendar."""


_output = click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
                       help="Write to FILE (default: standard output).")


@export.command("csv")
@_output
@click.option("--since", default=None, help="First day, YYYY-MM-DD.")
@click.option("--until", default=None, help="Last day, YYYY-MM-DD.")
@click.option("--unit", default=None, help="kg or lb (default: your unit).")
def export_csv(output: Path | None, since: str | None, until: str | None,
               unit: str | None) -> None:
    """Your workouts as a Strong CSV export (opens in spreadsheets and Strong-reading tools)."""
    from redwood.domain.log import Unit
    from redwood.services.base import StoreError
    from redwood.services.exporting import strong_csv

    first, last = _date(since, "--since"), _date(until, "--until")
    if first and last and first > last:
        fail(f"--since: {first} is after --until {last}")
    if unit is not None:
        choice(unit, UNITS, "--unit")
    _check_output(output)
    from redwood.render.terminal import working

    store, user = context().open()
    with working("exporting your log as CSV"):
        try:
            found = strong_csv(store, user, since=first, until=last,
                               unit=Unit(unit) if unit else None)
        except StoreError as exc:
            fail(str(exc), 1)
    write_output(found.text, output)
    click.echo(f"{found.workouts} workouts, {found.sets} sets", err=True)


@export.command("json")
@_output
def export_json(output: Path | None) -> None:
    """A complete backup of your log (restore it with `redwood restore FILE`)."""
    from redwood.render.terminal import working
    from redwood.services.base import StoreError
    from redwood.services.exporting import backup

    _check_output(output)
    store, user = context().open()
    try:
        with working("writing the backup"):
            text = backup(store, user)
    except StoreError as exc:
        fail(str(exc), 1)
    write_output(text, output)


def _plan_ics(plan: Any, time: str, tz: str | None) -> bytes:
    from redwood.io.calendar import CalendarError, check_zone, parse_time, plan_calendar

    try:
        start = parse_time(time)
        zone = check_zone(tz) if tz else None
    except CalendarError as exc:
        fail(str(exc))
    return plan_calendar(plan, start=start, tz=zone)


def check_plan_export(format_: str, output: Path | None, time: str, tz: str | None) -> None:
    """`redwood plan --format ics|html|pdf`: refuse bad options before the plan is built."""
    _check_output(output)
    if format_ == "pdf" and output is None and sys.stdout.isatty():
        fail("--format pdf: give -o FILE.pdf (a PDF is not for the terminal)")
    if format_ == "ics":
        from redwood.io.calendar import CalendarError, check_zone, parse_time

        try:
            parse_time(time)
            if tz:
                check_zone(tz)
        except CalendarError as exc:
            fail(str(exc))


def write_plan_export(plan: dict[str, Any], format_: str, output: Path | None, time: str,
                      tz: str | None) -> None:
    """Write the plan JSON as a calendar (ics), a printable page (html) or a PDF."""
    if format_ == "ics":
        write_output(_plan_ics(plan, time, tz), output)
    elif format_ == "html":
        from redwood.render.printable import plan_html

        write_output(plan_html(plan), output)
    else:
        from redwood.render.printable import plan_pdf
        from redwood.render.terminal import working

        with working(f"drawing the printable program ({len(plan.get('weeks', []))} weeks)"):
            pdf = plan_pdf(plan)
        write_output(pdf, output, binary_ok_on_tty=False)


_time = click.option("--time", "time_", default="18:00", show_default=True,
                     help="Start time of every session, HH:MM.")
_tz = click.option("--tz", default=None,
                   help="Time zone, e.g. Europe/Berlin (default: floating local time).")


@export.command("ics")
@_output
@_time
@_tz
def export_ics(output: Path | None, time_: str, tz: str | None) -> None:
    """Your active plan's sessions as calendar events (.ics; re-import updates them)."""
    from redwood.services.base import StoreError
    from redwood.services.exporting import active_plan

    check_plan_export("ics", output, time_, tz)
    store, user = context().open()
    try:
        plan = active_plan(store, user)
    except StoreError as exc:
        fail(str(exc), 1)
    if plan is None:
        fail("no active plan: make one with `redwood plan --save`", 1)
    write_output(_plan_ics(plan, time_, tz), output)


@click.command()
@click.argument("backup_file", metavar="FILE", type=click.Path(path_type=Path))
@click.option("--as", "as_name", default=None,
              help="Restore under this user name (default: the name in the backup).")
def restore(backup_file: Path, as_name: str | None) -> None:
    """Restore a backup made by `redwood export json`, into a user without data."""
    from redwood.io.backup_file import BackupError, read_backup
    from redwood.services.base import StoreError, connect
    from redwood.services.exporting import restore as restore_backup

    try:
        backup = read_backup(backup_file)
    except BackupError as exc:
        fail(f"{backup_file}: {exc}")
    session = context()
    name = as_name or session.user_name or backup.user.name
    try:
        # No default user is made first: in a new database the restored user is the first.
        store = connect(session.database_url, ensure_user=False)
    except StoreError as exc:
        fail(str(exc), 1)
    from redwood.render.terminal import working

    try:
        with working(f"restoring {backup_file.name}"):
            restored = restore_backup(store, backup, name)
    except StoreError as exc:
        fail(f"restore: {exc}; nothing was written", 1)
    finally:
        store.close()
    click.echo(f"restored {restored.workouts} workouts ({restored.sets} sets), "
               f"{restored.checkins} check-ins and {restored.plans} plans as user "
               f"{restored.user.name!r}", err=True)
