"""`redwood recovery`: today's readiness, rest days, protein, sleep and fluid, with sources.

Light at import: the store, the coach and the rules are imported inside the command.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from redwood.cli.charts import parse_body_weight
from redwood.cli.common import choice, context, fail, parse_day


@click.command()
@click.option("--date", "date_", default=None, help="YYYY-MM-DD (default: today).")
@click.option("--before", default=None, help="Body weight before the session, e.g. 80kg.")
@click.option("--after", default=None, help="Body weight after the session, e.g. 79.2kg.")
@click.option("--format", "format_", default="text", show_default=True, help="text or json")
def recovery(date_: str | None, before: str | None, after: str | None, format_: str) -> None:
    """Today's readiness (as the coach reads it), rest days, protein, sleep and fluid."""
    from redwood.coach.recovery import report_json
    from redwood.services.base import ServiceError
    from redwood.services.recovery import report

    choice(format_, ("text", "json"), "--format")
    day = parse_day(date_, "--date")
    if (before is None) != (after is None):
        fail("--before and --after go together: your body weight before and after a session")
    store, user = context().open(fast=True)
    before_kg = parse_body_weight(before, "--before", user.unit) if before else None
    after_kg = parse_body_weight(after, "--after", user.unit) if after else None
    try:
        found = report(store, user, day, before_kg=before_kg, after_kg=after_kg)
    except ServiceError as exc:
        fail(exc.worded())
    data = report_json(found)
    if format_ == "json":
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    sys.stdout.write(render_text(data, user.unit.value))


def _n(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _weight(kg: float, unit: str) -> str:
    return f"{_n(kg)} kg" if unit == "kg" else f"{_n(kg / 0.45359237)} lb"


def render_text(data: dict[str, Any], unit: str) -> str:
    out: list[str] = []
    day = data["date"]
    ready = data["readiness"]
    out.append(f"Recovery for {day}")
    out.append(f"Readiness: {ready['status']} (the progression coach's rules)")
    out.extend(f"  - {why}" for why in ready["reasons"])
    rest = data["rest_days"]
    low, high = rest["recommended"]
    out.append(f"Rest days: {rest['rested']} so far this week, {rest['trained']} trained; "
               f"{low}-{high} a week recommended ({rest['source']}): {rest['advice']}")
    protein = data["protein"]
    if protein is None:
        out.append("Protein: no body weight yet: `redwood measure --weight 80kg` to get a "
                   "daily target")
    else:
        out.append(f"Protein: {protein['grams_per_day']} g a day, {_n(protein['g_per_kg'])} g "
                   f"per kg of body weight ({_weight(protein['body_weight_kg'], unit)}) "
                   f"({protein['source']})")
    sleep = data["sleep"]
    if sleep is None:
        out.append("Sleep: no recent check-in with sleep (`redwood checkin --sleep 7.5`)")
    else:
        lo, hi = (_n(h) for h in sleep["recommended"])
        verdict = {"short": "short of", "enough": "within", "long": "above"}[sleep["verdict"]]
        out.append(f"Sleep: {_n(sleep['hours'])} h on {sleep['date']}, {verdict} "
                   f"{lo}-{hi} h ({sleep['source']})")
    fluid = data["fluid"]
    if fluid is not None:
        if fluid["lost_kg"] > 0:
            out.append(f"Fluid: {_weight(fluid['lost_kg'], unit)} lost in the session: drink "
                       f"about {_n(fluid['litres'])} L ({_n(fluid['l_per_kg'])} L per kg lost) "
                       f"({fluid['source']})")
        else:
            out.append("Fluid: no weight lost in the session: drink to thirst")
    active = data["active_rest"]
    if active["suggestions"]:
        out.append(f"Active rest ({active['source']}): "
                   f"{'; '.join(active['suggestions'])}")
    used = sorted({str(v["source"]) for v in data.values()
                   if isinstance(v, dict) and "source" in v} - {"coach.toml"})
    out.append("Sources: " + "; ".join(f"{k}: {data['sources'][k]}" for k in used
                                      if k in data["sources"]))
    return "\n".join(out) + "\n"
