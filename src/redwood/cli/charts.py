"""`redwood chart` (progress charts to PNG/SVG) and `redwood measure` (body weight, girths).

Light at import: matplotlib, the store and the catalogue are imported inside the commands.
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from redwood.cli.common import Ranged, choice, context, fail, parse_day

if TYPE_CHECKING:
    import datetime as dt

    from redwood.domain.log import Unit

KINDS = ("e1rm", "volume", "calendar", "bodyweight")
"""As redwood.services.progress.CHART_KINDS (not imported here: the CLI starts light)."""
MAX_WEEKS = 52 * 20
BODY_WEIGHT_KG = (Decimal(20), Decimal(400))
MM_PER_INCH = Decimal("25.4")
NO_DATA = 1


def parse_body_weight(text: str, option: str, unit: Unit) -> Decimal:
    """'80kg', '176 lb' or a bare number in the lifter's unit, as kg; refuses what no body
    weighs."""
    from redwood.domain.log import Unit, to_kg

    m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*(kg|lbs?)?\s*", text, re.IGNORECASE)
    if not m:
        fail(f"{option}: {text!r} is not a body weight: use e.g. 80kg or 176lb")
    given = Unit.LB if (m[2] or "").lower().startswith("lb") else Unit.KG if m[2] else unit
    kg = to_kg(m[1].replace(",", "."), given)
    low, high = BODY_WEIGHT_KG
    if not low <= kg <= high:
        fail(f"{option}: {text} is out of range: allowed {low}-{high} kg "
             f"({round(low / Decimal('0.45359237'))}-{round(high / Decimal('0.45359237'))} lb)")
    return kg


def parse_girth(text: str, site: str, unit: Unit) -> int:
    """'84cm', '33.5in', '840mm' or a bare number (cm, or inches for lb users) as whole mm,
    inside the site's human range."""
    from redwood.domain.log import Unit
    from redwood.services.recovery import girth_range_mm

    m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*(cm|mm|in|inch|inches|\")?\s*", text,
                     re.IGNORECASE)
    if not m:
        fail(f"--{site}: {text!r} is not a girth: use e.g. 84cm or 33in")
    value = Decimal(m[1].replace(",", "."))
    given = (m[2] or ("in" if unit is Unit.LB else "cm")).lower()
    mm = value * (Decimal(10) if given == "cm" else Decimal(1) if given == "mm"
                  else MM_PER_INCH)
    whole = int(mm.to_integral_value())
    low, high = girth_range_mm(site)
    if not low <= whole <= high:
        inches = f"{low / MM_PER_INCH:.0f}-{high / MM_PER_INCH:.0f} in"
        fail(f"--{site}: {text} is out of range: allowed {low / 10:g}-{high / 10:g} cm "
             f"({inches})")
    return whole


# --- chart -----------------------------------------------------------------------------------


@click.command()
@click.argument("kind", metavar="e1rm|volume|calendar|bodyweight")
@click.option("--exercise", "exercise_id", default=None,
              help="The lift for the e1RM chart (default: your most logged lifts).")
@click.option("--weeks", type=Ranged((1, MAX_WEEKS)), default=None,
              help="Weeks to show, ending at --end (default: 26 e1rm, 12 volume and "
                   "bodyweight, 52 calendar).")
@click.option("--end", "end_", default=None, help="Last day shown, YYYY-MM-DD (default: today).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="FILE.png or FILE.svg")
def chart(kind: str, exercise_id: str | None, weeks: int | None, end_: str | None,
          output: Path) -> None:
    """Draw a progress chart: e1RM per lift, weekly sets, a consistency calendar, body weight."""

    choice(kind, KINDS, "chart")
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        fail(f"-o: {output.name!r} must end in .png or .svg")
    end = parse_day(end_, "--end")
    store, user = context().open()
    from redwood.catalog import load_catalog
    from redwood.services.base import ServiceError
    from redwood.services.progress import chart_data

    catalog = load_catalog()
    try:
        found = chart_data(store, user, kind, end=end, weeks=weeks, exercise=exercise_id,
                           catalog=catalog)
    except ServiceError as exc:
        fail(exc.worded({"exercise": "--exercise"}))
    from redwood.render.charts import NoData, render
    from redwood.render.terminal import working

    start = found.start
    try:
        with working(f"drawing the {kind} chart"):
            data = render(kind, found.workouts, found.checkins, catalog=catalog,
                          exercise_id=found.exercise_id, start=start, end=end, fmt=fmt,
                          unit=user.unit, band=found.band, days=found.days)
    except NoData as exc:
        fail(str(exc), NO_DATA)
    try:
        output.write_bytes(data)
    except OSError as exc:
        fail(f"-o: cannot write {output}: {exc.strerror}", 1)
    click.echo(f"wrote {output} ({kind} chart, {start} to {end})", err=True)


# --- measure ---------------------------------------------------------------------------------

_SITES = ("neck", "chest", "waist", "hips", "arm", "forearm", "thigh", "calf")


def _girth_options(f: Any) -> Any:
    for site in reversed(_SITES):
        f = click.option(f"--{site}", default=None,
                         help=f"{site.capitalize()} girth: cm or in, e.g. 84cm "
                              "(a bare number is cm, or in for lb users).")(f)
    return f


@click.group(invoke_without_command=True)
@click.option("--date", "date_", default=None, help="YYYY-MM-DD (default: today).")
@click.option("--weight", default=None, help="Body weight, e.g. 80kg or 176lb.")
@_girth_options
@click.option("--show", is_flag=True, help="List the trends instead (as `measure show`).")
@click.option("--weeks", type=Ranged((1, MAX_WEEKS)), default=12, show_default=True,
              help="Weeks shown by --show.")
@click.option("--format", "format_", default="text", show_default=True, help="text or json")
@click.pass_context
def measure(ctx: click.Context, /, date_: str | None, weight: str | None, show: bool, weeks: int,
            format_: str, **girths: str | None) -> None:
    """Record body weight and girths; `measure show` lists their 7-day-average trends."""
    if ctx.invoked_subcommand is not None:
        return
    given = {site: text for site, text in girths.items() if text is not None}
    if show or (weight is None and not given):
        if weight is not None or given:
            fail("--show: list or record, not both")
        _show(weeks, format_, parse_day(date_, "--date"))
        return
    _record(parse_day(date_, "--date"), weight, given)


@measure.command("show")
@click.option("--weeks", type=Ranged((1, MAX_WEEKS)), default=12, show_default=True,
              help="Weeks to show.")
@click.option("--end", "end_", default=None, help="Last day, YYYY-MM-DD (default: today).")
@click.option("--format", "format_", default="text", show_default=True, help="text or json")
def show_(weeks: int, end_: str | None, format_: str) -> None:
    """Body weight and girths, smoothed with a 7-day moving average."""
    _show(weeks, format_, parse_day(end_, "--end"))


def _record(day: dt.date, weight: str | None, girths: dict[str, str]) -> None:
    from redwood.services.base import StoreError
    from redwood.services.recovery import measure

    store, user = context().open()
    # Everything is checked before anything is written: all or nothing.
    kg = parse_body_weight(weight, "--weight", user.unit) if weight is not None else None
    mm = {site: parse_girth(text, site, user.unit) for site, text in girths.items()}
    try:
        measure(store, user, day, body_weight_kg=kg, girths_mm=mm)
    except StoreError as exc:
        fail(str(exc), 1)
    parts = ([f"weight {_weight(kg, user.unit)}"] if kg is not None else []) + [
        f"{site} {_length(v, user.unit)}" for site, v in mm.items()]
    click.echo(f"measured {day}: {', '.join(parts)}")


def _weight(kg: Decimal | float, unit: Unit) -> str:
    from redwood.domain.log import Unit

    value = float(kg) if unit is Unit.KG else float(kg) / 0.45359237
    return f"{value:.1f} {unit.value}"


def _length(mm: float, unit: Unit) -> str:
    from redwood.domain.log import Unit

    return f"{mm / 10:.1f} cm" if unit is Unit.KG else f"{mm / 25.4:.1f} in"


def _show(weeks: int, format_: str, end: dt.date) -> None:
    import datetime as dt

    choice(format_, ("text", "json"), "--format")
    from redwood.services.progress import measurement_trends

    start = end - dt.timedelta(days=7 * weeks - 1)
    store, user = context().open()
    found = measurement_trends(store, user, start=start, end=end)
    if format_ == "json":
        payload: dict[str, Any] = {"start": start.isoformat(), "end": end.isoformat()}
        for name, rows in found.items():
            unit = "kg" if name == "weight" else "mm"
            key = "body_weight_kg" if name == "weight" else f"{name}_mm"
            payload[key] = [{"date": d.isoformat(), "value": round(v, 2),
                             "average_7d": round(a, 2), "unit": unit} for d, v, a in rows]
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    if not found:
        click.echo(f"no measurements from {start} to {end}: record some with "
                   "`redwood measure --weight 80kg --waist 84cm`")
        return
    lines = [f"Measurements {start} to {end} (7-day averages smooth out daily noise)"]
    for name, rows in found.items():
        def say(value: float, name: str = name) -> str:
            return _weight(value, user.unit) if name == "weight" else _length(value, user.unit)

        first, last = rows[0], rows[-1]
        change = last[2] - first[2]
        sign = "+" if change > 0 else "-" if change < 0 else "±"
        label = "body weight" if name == "weight" else name
        lines.append(f"{label}: latest {say(last[1])} on {last[0]}, 7-day average "
                     f"{say(last[2])} ({sign}{say(abs(change))} since {first[0]}, "
                     f"{len(rows)} entr{'y' if len(rows) == 1 else 'ies'})")
    click.echo("\n".join(lines))
