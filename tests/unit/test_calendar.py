"""The plan as calendar events: parsed back with icalendar, as a calendar app would."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from plans import build_json
from redwood.io.calendar import (
    CalendarError,
    check_zone,
    dose,
    parse_time,
    plan_calendar,
    plan_identity,
)


@pytest.fixture(scope="module")
def plan() -> dict:
    return build_json(weeks=3, days=3)


def events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_one_event_per_session_with_time_duration_and_summary(plan) -> None:
    cal = Calendar.from_ical(plan_calendar(plan))
    assert str(cal["VERSION"]) == "2.0" and "Redwood" in str(cal["PRODID"])
    found = list(cal.walk("VEVENT"))
    sessions = [(w, s) for w in plan["weeks"] for s in w["sessions"]]
    assert len(found) == len(sessions) == 9
    for event, (week, session) in zip(found, sessions, strict=True):
        start = event.decoded("DTSTART")
        assert start == dt.datetime.combine(dt.date.fromisoformat(session["date"]),
                                            dt.time(18, 0))
        assert start.tzinfo is None  # floating local time
        assert event.decoded("DURATION") == dt.timedelta(minutes=session["estimated_minutes"])
        assert str(event["SUMMARY"]) == f"Redwood: {session['title']} (week {week['index']})"
        assert event.decoded("DTSTAMP").tzinfo is not None
        description = str(event["DESCRIPTION"])
        for block in session["blocks"]:
            for item in block["items"]:
                assert f"{item['name']}: {dose(item)}" in description
        assert "rest " in description and "Warm-up:" in description


def test_uids_are_unique_and_stable_across_exports(plan) -> None:
    first = [str(e["UID"]) for e in events(plan_calendar(plan))]
    later = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    second = [str(e["UID"]) for e in events(plan_calendar(plan, start=dt.time(7, 30),
                                                           now=later))]
    assert first == second
    assert len(set(first)) == len(first)
    other = build_json(weeks=3, days=3, seed=7)
    assert plan_identity(other) != plan_identity(plan)
    assert not set(first) & {str(e["UID"]) for e in events(plan_calendar(other))}


def test_a_time_zone_gives_tzid_and_vtimezone(plan) -> None:
    data = plan_calendar(plan, start=dt.time(6, 45), tz="Europe/Berlin")
    assert b"BEGIN:VTIMEZONE" in data and b"TZID:Europe/Berlin" in data
    start = events(data)[0].decoded("DTSTART")
    assert (start.hour, start.minute) == (6, 45)
    assert start.utcoffset() == dt.timedelta(hours=1)  # January in Berlin


def test_deload_weeks_say_so() -> None:
    plan = build_json(weeks=8)
    deloads = [w["index"] for w in plan["weeks"] if w["deload"]]
    summaries = [str(e["SUMMARY"]) for e in events(plan_calendar(plan))]
    for index in deloads:
        assert any(f"(week {index}, deload)" in s for s in summaries)


def test_dose_reads_like_a_program() -> None:
    assert dose({"sets": 3, "reps_min": 8, "reps_max": 12}) == "3 x 8-12"
    assert dose({"sets": 2, "seconds_min": 30, "seconds_max": 30, "per_side": True}) == \
        "2 x 30 s per side"


@pytest.mark.parametrize("text", ["7pm", "25:00", "", "18"])
def test_bad_times_are_refused_with_the_option_name(text: str) -> None:
    with pytest.raises(CalendarError, match="--time"):
        parse_time(text)


@pytest.mark.parametrize("zone", ["Mars/Olympus", "Europe", "../../etc/passwd", ""])
def test_bad_zones_are_refused(zone: str) -> None:
    with pytest.raises(CalendarError, match="--tz"):
        check_zone(zone)
    assert check_zone("America/New_York") == "America/New_York"
