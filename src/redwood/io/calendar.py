"""A plan's sessions as calendar events (RFC 5545, written with the icalendar library).

One VEVENT per session, on the session's date at the chosen time, lasting the session's time
estimate (`estimated_minutes` in the plan JSON), summarised "Redwood: Legs A (week 2)", with
the warm-up, every exercise as sets x reps with its rest, and the cool-down in the description.

Time zone: by default the start is a *floating* local time (RFC 5545 section 3.3.5): 18:00
stays 18:00 wherever the lifter is, which is what a training time means, and no zone has to
be guessed. With `tz` (an IANA name such as Europe/Berlin) the start carries that TZID and
the calendar includes the matching VTIMEZONE, for calendar apps that want a fixed zone.

UIDs are derived from the plan's identity and the session's place in it (week, position in
the week): the identity is a hash of the plan's profile (goal, level, days, start date,
weekdays, location, equipment, seed...), which fully determines a generated plan. Exporting
the same plan again, from `redwood plan` or from the saved plan, gives the same UIDs, so a
calendar app updates the events instead of adding copies. A different plan gets other UIDs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from redwood import __version__

PRODID = f"-//Redwood//Redwood {__version__}//EN"
UID_DOMAIN = "redwood.local"
DEFAULT_TIME = dt.time(18, 0)


class CalendarError(ValueError):
    """A bad option (time, zone); one line."""


def parse_time(text: str, option: str = "--time") -> dt.time:
    """'18:00' -> 18:00; CalendarError naming the option otherwise."""
    try:
        hours, minutes = text.strip().split(":")
        value = dt.time(int(hours), int(minutes))
    except ValueError:
        raise CalendarError(f"{option}: {text!r} is not a time of day: use HH:MM, "
                            "e.g. 18:00") from None
    return value


def check_zone(name: str, option: str = "--tz") -> str:
    """An IANA time zone name, or CalendarError."""
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe", a folder
        raise CalendarError(f"{option}: {name!r} is not a time zone name such as "
                            "Europe/Berlin or America/New_York") from None
    return name


def plan_identity(plan: Mapping[str, Any]) -> str:
    """A short stable hash of what defines the plan (its profile)."""
    profile = plan.get("profile") or {}
    text = json.dumps(profile, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def session_uid(identity: str, week: int, session: int) -> str:
    return f"redwood-{identity}-w{week}-s{session}@{UID_DOMAIN}"


def _seconds(value: int) -> str:
    if value >= 60 and value % 60 == 0:
        return f"{value // 60} min"
    if value > 60:
        return f"{value // 60} min {value % 60} s"
    return f"{value} s"


def dose(item: Mapping[str, Any]) -> str:
    """'3 x 8-12' (reps) or '3 x 30-45 s' (timed), '/side' for one side at a time."""
    if "seconds_min" in item:
        low, high, unit = item["seconds_min"], item["seconds_max"], " s"
    else:
        low, high, unit = item.get("reps_min"), item.get("reps_max"), ""
    span = f"{low}" if low == high else f"{low}-{high}"
    side = " per side" if item.get("per_side") else ""
    effort = f" @ RPE {item['rpe']:g}" if item.get("rpe") is not None else ""
    down = ""
    if "lowering_s_min" in item:  # a negative's lowering tempo
        low, high = item["lowering_s_min"], item["lowering_s_max"]
        down = f", lowering {low} s" if low == high else f", lowering {low}-{high} s"
    return f"{item['sets']} x {span}{unit}{side}{down}{effort}"


def item_line(item: Mapping[str, Any]) -> str:
    line = f"{item.get('name') or item['exercise_id']}: {dose(item)}"
    if item.get("rest_s"):
        line += f", rest {_seconds(int(item['rest_s']))}"
    return line


def session_description(session: Mapping[str, Any], week: Mapping[str, Any]) -> str:
    lines: list[str] = []
    if week.get("deload"):
        lines.append("Deload week: lighter, fewer sets.")
    warmup = session.get("warmup") or []
    if warmup:
        lines.append("Warm-up: " + ", ".join(
            f"{a['name']} ({a['minutes']} min)" for a in warmup))
    for block in session.get("blocks") or []:
        items = block.get("items") or []
        if block.get("kind") == "superset":
            head = f"Superset, {block.get('rounds')} rounds"
            if block.get("rest_between_s"):
                head += f", {_seconds(int(block['rest_between_s']))} between the pair"
            lines.append(head + ":")
            lines.extend(f"  {chr(ord('A') + i)}. {item_line(it)}" for i, it in enumerate(items))
        else:
            lines.extend(f"- {item_line(it)}" for it in items)
    cooldown = session.get("cooldown") or []
    if cooldown:
        lines.append("Cool-down: " + ", ".join(
            f"{a['name']} ({a['minutes']} min)" for a in cooldown))
    return "\n".join(lines)


def plan_calendar(plan: Mapping[str, Any], *, start: dt.time = DEFAULT_TIME,
                  tz: str | None = None, now: dt.datetime | None = None) -> bytes:
    """The plan JSON (schema_version 1) as an iCalendar file's bytes."""
    from icalendar import Calendar, Event

    zone = None
    if tz is not None:
        import zoneinfo

        zone = zoneinfo.ZoneInfo(check_zone(tz))
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    identity = plan_identity(plan)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Redwood training plan")
    for week in plan.get("weeks") or []:
        index = int(week["index"])
        for position, session in enumerate(week.get("sessions") or []):
            begin = dt.datetime.combine(dt.date.fromisoformat(session["date"]), start)
            if zone is not None:
                begin = begin.replace(tzinfo=zone)
            event = Event()
            event.add("uid", session_uid(identity, index, position))
            event.add("dtstamp", stamp)
            event.add("dtstart", begin)
            event.add("duration", dt.timedelta(minutes=int(session["estimated_minutes"])))
            deload = ", deload" if week.get("deload") else ""
            event.add("summary", f"Redwood: {session['title']} (week {index}{deload})")
            event.add("description", session_description(session, week))
            event.add("categories", ["Training"])
            cal.add_component(event)
    if zone is not None:
        cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data
